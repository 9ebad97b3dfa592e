"""Errors of writing outputs (:mod:`mutasi_cli.io.write`)."""

LABELS: dict[str, tuple[str, str]] = {
    # errors (MutasiError.of): message, then its hint
    "write.error.exists": (
        "Berkas keluaran sudah ada: {path}",
        "Output file already exists: {path}",
    ),
    "write.error.exists.hint": ("pakai --force untuk menimpa", "use --force to overwrite"),
    "write.error.folder_unwritable": (
        "Folder keluaran tidak dapat ditulisi: {folder} ({reason})",
        "Output folder cannot be written to: {folder} ({reason})",
    ),
    "write.error.folder_unwritable.hint": (
        "Periksa nama dan izin folder itu, atau pilih folder lain.",
        "Check that folder's name and permissions, or choose another folder.",
    ),
    "write.error.cannot_replace": (
        "Berkas keluaran tidak dapat ditimpa: {path}",
        "Output file cannot be overwritten: {path}",
    ),
    "write.error.cannot_replace.hint": (
        "Tutup berkas itu (misalnya di Excel), lalu jalankan lagi.",
        "Close that file (for example in Excel), then run again.",
    ),
    "write.error.too_large": (
        "Lembar '{sheet}' dari {path} akan berisi {rows} baris x {columns} kolom; satu lembar "
        "Excel memuat paling banyak {max_rows} baris x {max_columns} kolom. Tidak ada yang "
        "ditulis.",
        "Sheet '{sheet}' of {path} would hold {rows} rows x {columns} columns; an Excel sheet "
        "holds at most {max_rows} rows x {max_columns} columns. Nothing was written.",
    ),
    "write.error.too_large.hint": (
        "Persempit masukan (misalnya per perangkat daerah) lalu jalankan per bagian.",
        "Narrow the input (for example one agency at a time) and run it in parts.",
    ),
    "write.error.output_is_input": (
        "Berkas keluaran tidak boleh sama dengan berkas masukan yang dibaca: {path}",
        "The output file must not be an input file this run read: {path}",
    ),
    "write.error.output_is_input.hint": (
        "Beri nama berkas keluaran yang lain (berkas masukan tidak pernah ditimpa, juga dengan "
        "--force).",
        "Give the output file another name (an input file is never overwritten, --force or not).",
    ),
}
