"""Labels of the shared report parts: the HTML frame, the charts and the console tables."""

LABELS: dict[str, tuple[str, str]] = {
    "report.error.bad_template": (
        "Templat {template} tidak dapat dipakai: {exc}",
        "Template {template} cannot be used: {exc}",
    ),
    "report.error.bad_template.hint": (
        "Periksa tanda {{{{ }}}} dan {{% %}} serta nama variabel di templat itu, atau hapus "
        "--template-dir.",
        "Check the {{{{ }}}} and {{% %}} tags and the variable names in that template, or drop "
        "--template-dir.",
    ),
    "report.template_line": ("baris {line}", "line {line}"),
    "report.generated": (
        "Dibuat dengan mutasi {version}.",
        "Made with mutasi {version}.",
    ),
    "report.before": ("Sebelum", "Before"),
    "report.after": ("Sesudah", "After"),
    "report.count": ("Jumlah", "Count"),
    "report.mean": ("rata-rata", "mean"),
    "report.interval": ("selang 95%", "95% interval"),
    "report.kinerja": ("Kinerja", "Performance"),
    "report.potensi": ("Potensi", "Potential"),
    "report.kinerja_bawah": ("Di Bawah Ekspektasi", "Below Expectation"),
    "report.kinerja_sesuai": ("Sesuai Ekspektasi", "Meets Expectation"),
    "report.kinerja_atas": ("Di Atas Ekspektasi", "Above Expectation"),
    "report.potensi_tinggi": ("Tinggi", "High"),
    "report.potensi_menengah": ("Menengah", "Medium"),
    "report.potensi_rendah": ("Rendah", "Low"),
    "report.box": ("Kotak {number}", "Box {number}"),
    "report.more_rows": ("… dan {count} baris lagi", "… and {count} more rows"),
    # issue 13: a long chart printed in parts
    "report.chart_continued": ("{title} (lanjutan)", "{title} (continued)"),
}
