"""Labels of `mutasi finalize`: the approved transfer list and the console lines."""

LABELS: dict[str, tuple[str, str]] = {
    "finalize.sheet.moves": ("Daftar Mutasi Ditetapkan", "Approved Transfers"),
    "finalize.col.no": ("No", "No"),
    "finalize.col.unit_asal": ("Unit Kerja Asal", "From unit"),
    "finalize.col.jabatan_asal": ("Jabatan Asal", "From position"),
    "finalize.col.unit_tujuan": ("Unit Kerja Tujuan", "To unit"),
    "finalize.col.jabatan_tujuan": ("Jabatan Tujuan", "To position"),
    "finalize.col.tmt": ("TMT Mutasi", "Effective date"),
    "finalize.col.nomor_sk": ("Nomor SK", "Decree number"),
    "finalize.col.tanggal_sk": ("Tanggal SK", "Decree date"),
    "finalize.summary": (
        "{approved} disetujui, {rejected} ditolak, {deferred} ditunda; {documents} dokumen SK "
        "ditulis; {history_added} baris baru di riwayat mutasi.",
        "{approved} approved, {rejected} rejected, {deferred} deferred; {documents} decree "
        "documents written; {history_added} new rows in the transfer history.",
    ),
    "finalize.blocked": (
        "Tidak ada berkas yang ditulis: keputusan berisi {errors} galat ({conflicts} konflik).",
        "Nothing was written: the decisions hold {errors} errors ({conflicts} conflicts).",
    ),
    "finalize.console": (
        "Disetujui {approved}, ditolak {rejected}, ditunda {deferred}; {added} baris baru di "
        "riwayat; {documents} dokumen SK.",
        "Approved {approved}, rejected {rejected}, deferred {deferred}; {added} new history "
        "rows; {documents} decree documents.",
    ),
}
