"""Labels of issue listings (validate output, the data-problem sheet)."""

LABELS: dict[str, tuple[str, str]] = {
    "issues.sheet": ("Masalah Data", "Data Problems"),
    "issues.severity": ("Tingkat", "Severity"),
    "issues.code": ("Kode", "Code"),
    "issues.sheet_col": ("Lembar", "Sheet"),
    "issues.cell": ("Sel", "Cell"),
    "issues.column": ("Kolom", "Column"),
    "issues.value": ("Nilai", "Value"),
    "issues.message": ("Pesan", "Message"),
    "issues.row": ("Baris", "Row"),
    "issues.count": ("Jumlah", "Count"),
    "issues.examples": ("Contoh sel", "Example cells"),
    "issues.error": ("Galat", "Error"),
    "issues.warning": ("Peringatan", "Warning"),
    "issues.info": ("Info", "Info"),
    "issues.kind": ("Masalah", "Problem"),
    "issues.reason": ("Alasan", "Reason"),
    "issues.file": ("Berkas", "File"),
    "issues.table": ("Tabel", "Table"),
    "issues.rows": ("Baris data", "Data rows"),
    "issues.errors": ("Galat", "Errors"),
    "issues.warnings": ("Peringatan", "Warnings"),
    "issues.title": ("Hasil pemeriksaan", "Validation result"),
    "issues.none": ("Tidak ada masalah ditemukan.", "No problems found."),
    "issues.summary": (
        "{errors} galat dan {warnings} peringatan dalam {files} berkas.",
        "{errors} {errors_word} and {warnings} {warnings_word} in {files} {files_word}.",
    ),
    "issues.summarised": (
        "{count} sel lain di kolom ini dengan masalah yang sama ({code}) tidak dicantumkan satu "
        "per satu; baris: {rows}.",
        "{count} more cells in this column with the same problem ({code}) are not listed one "
        "by one; rows: {rows}.",
    ),
}
