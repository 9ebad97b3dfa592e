"""Labels of `mutasi demo`."""

LABELS: dict[str, tuple[str, str]] = {
    "demo.title": (
        "Demo siklus mutasi — Kota Salatiga (contoh)",
        "Transfer cycle demo — Salatiga (sample)",
    ),
    "demo.step": ("Langkah", "Step"),
    "demo.result": ("Hasil", "Result"),
    "demo.step_failed": ("Langkah {step} gagal: {error}", "Step {step} failed: {error}"),
    "demo.sample": ("{n} pegawai sintetis ditulis", "{n} synthetic employees written"),
    "demo.validate": (
        "{errors} galat, {warnings} peringatan",
        "{errors} errors, {warnings} warnings",
    ),
    "demo.needs": (
        "kekurangan {kurang}, kelebihan {lebih} orang",
        "short {kurang}, surplus {lebih} people",
    ),
    "demo.propose": (
        "{moves} usulan pindah, {filled} formasi terisi",
        "{moves} moves proposed, {filled} vacancies filled",
    ),
    "demo.finalize": (
        "{approved} disetujui, {documents} dokumen SK",
        "{approved} approved, {documents} decree documents",
    ),
    "demo.evaluate": (
        "efek mutasi {estimate} (IK 95% {low} s.d. {high})",
        "transfer effect {estimate} (95% CI {low} to {high})",
    ),
}
