"""Labels of `mutasi validate` (the per-file mapping under --verbose, file errors)."""

LABELS: dict[str, tuple[str, str]] = {
    "validate.file_error": ("{file}: {message}", "{file}: {message}"),
    "validate.mapping_title": (
        "{file}: dibaca sebagai {table} (lembar '{sheet}', judul kolom di baris {row})",
        "{file}: read as {table} (sheet '{sheet}', header on row {row})",
    ),
    "validate.col_field": ("Kolom mutasi", "mutasi column"),
    "validate.col_header": ("Judul kolom di berkas", "Header in the file"),
    "validate.unused": ("(tidak dipakai)", "(not used)"),
}
