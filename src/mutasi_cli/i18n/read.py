"""Labels of the file reader (hints under its error messages)."""

LABELS: dict[str, tuple[str, str]] = {
    "read.hint.file": ("Berkas: {path}", "File: {path}"),
}
