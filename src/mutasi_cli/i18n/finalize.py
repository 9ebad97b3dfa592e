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
    # errors (MutasiError.of / UsageError.of): message, then its hint
    "finalize.error.bad_sk_pattern": (
        "Pola nomor SK '{pattern}' tidak dapat dipakai ({exc}).",
        "The decree number pattern '{pattern}' cannot be used ({exc}).",
    ),
    "finalize.error.bad_sk_pattern.hint": (
        "Di [finalize] mutasi.toml pakai {{seq}} dan {{year}}, "
        'mis. "800/{{seq:03d}}/BKPSDM/{{year}}".',
        "In [finalize] of mutasi.toml use {{seq}} and {{year}}, "
        'e.g. "800/{{seq:03d}}/BKPSDM/{{year}}".',
    ),
    "finalize.error.no_template_dir": (
        "Folder templat tidak ditemukan: {template_dir}",
        "Template folder not found: {template_dir}",
    ),
    "finalize.error.no_template_dir.hint": (
        "Beri folder yang berisi {kolektif} dan/atau {petikan}.",
        "Give a folder that holds {kolektif} and/or {petikan}.",
    ),
    "finalize.error.documents_exist": (
        "{count} dokumen SK sudah ada, mis. {example}",
        "{count} decree documents already exist, e.g. {example}",
    ),
    "finalize.error.documents_exist.hint": (
        "Pakai --force untuk menimpa, atau pilih --out-dir lain.",
        "Use --force to overwrite, or choose another --out-dir.",
    ),
    "finalize.error.bad_template": (
        "Templat {template} tidak dapat dipakai: {exc}",
        "Template {template} cannot be used: {exc}",
    ),
    "finalize.error.bad_template.hint": (
        "Periksa tanda {{{{ }}}} dan {{% %}} di templat Word itu, atau hapus --template-dir.",
        "Check the {{{{ }}}} and {{% %}} tags in that Word template, or drop --template-dir.",
    ),
    "finalize.error.review_unreadable": (
        "Lembar usulan {path} tidak dapat dibaca: {exc}",
        "The review sheet {path} cannot be read: {exc}",
    ),
    "finalize.error.review_unreadable.hint": (
        "Simpan ulang berkasnya sebagai .xlsx dari Excel atau LibreOffice.",
        "Save the file again as .xlsx from Excel or LibreOffice.",
    ),
    # issue 10: progress, conflicts, decree columns
    "finalize.col.pangkat": ("Pangkat/Golongan", "Rank/grade"),
    "finalize.progress.reading": ("Membaca lembar usulan dan data pegawai…", "Reading…"),
    "finalize.progress.writing": ("Menulis data pegawai, riwayat dan rekap…", "Writing…"),
    "finalize.progress.documents": ("Menulis {n} petikan SK", "Writing {n} decree extracts"),
    "finalize.conflicts.title": (
        "Konflik keputusan (semua baris sekaligus)",
        "Decision conflicts (every row at once)",
    ),
    "finalize.conflicts.cell": ("Sel", "Cell"),
    "finalize.note.chain_deferred": (
        "Ditunda berantai: jabatan tujuan masih diduduki NIP {holder}",
        "Deferred with its chain: the seat is still held by NIP {holder}",
    ),
    "finalize.conflicts.message": ("Masalah", "Problem"),
    "finalize.conflicts.hint": (
        "{conflicts} mutasi bergantung pada mutasi yang tidak disetujui. Ubah keputusannya di "
        "sel-sel di atas, atau jalankan lagi dengan --tunda-berantai untuk menunda semuanya "
        "sekaligus dan menetapkan sisanya.",
        "{conflicts} moves depend on a move that is not approved. Change the decisions in the "
        "cells above, or run again with --tunda-berantai to defer them all at once and finalize "
        "the rest.",
    ),
}
