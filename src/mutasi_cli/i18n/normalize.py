"""Labels used while normalising input (the reasons of ``date-impossible``)."""

LABELS: dict[str, tuple[str, str]] = {
    "normalize.birth_too_early": ("tahun lahir sebelum {year}", "birth year before {year}"),
    "normalize.after_per": ("sesudah tanggal acuan {per}", "after the reference date {per}"),
    "normalize.before_birth": (
        "sebelum tanggal lahir {birth}",
        "before the birth date {birth}",
    ),
    "normalize.rows_more": ("{rows}, … dan {more} lainnya", "{rows}, … and {more} more"),
}
