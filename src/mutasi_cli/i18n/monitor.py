"""Labels of `mutasi monitor`: the follow-up register, its codes, the outcome per intervention."""

LABELS: dict[str, tuple[str, str]] = {
    "monitor.title": ("Pemantauan Tindak Lanjut", "Follow-up monitoring"),
    "monitor.sheet.register": ("Pemantauan", "Monitoring"),
    "monitor.sheet.outcomes": ("Hasil Intervensi", "Intervention results"),
    "monitor.sheet.guide": ("Petunjuk", "Guide"),
    # register columns
    "monitor.col.id": ("ID", "ID"),
    "monitor.col.nip": ("NIP", "NIP"),
    "monitor.col.nama": ("Nama", "Name"),
    "monitor.col.unit_kerja": ("Unit Kerja", "Unit"),
    "monitor.col.mutasi": ("Mutasi Terakhir", "Latest transfer"),
    "monitor.col.sumber": ("Jenis Peringatan", "Warning kind"),
    "monitor.col.alasan": ("Alasan", "Reason"),
    "monitor.col.sejak": ("Peringatan Sejak", "Warning since"),
    "monitor.col.tingkat_awal": ("Tingkat Semula", "Level before"),
    "monitor.col.sasaran": ("Sasaran Pulih", "Recovery target"),
    "monitor.col.rekomendasi": ("Intervensi Disarankan", "Recommended intervention"),
    "monitor.col.kompetensi": ("Kesenjangan Kompetensi", "Competency gaps"),
    "monitor.col.status": ("Status Intervensi", "Intervention status"),
    "monitor.col.tanggal_mulai": ("Tanggal Mulai", "Start date"),
    "monitor.col.tanggal_selesai": ("Tanggal Selesai", "End date"),
    "monitor.col.catatan": ("Catatan", "Notes"),
    "monitor.col.periode_terakhir": ("Periode Terakhir", "Latest period"),
    "monitor.col.tingkat_terakhir": ("Predikat Terakhir (langkah)", "Latest rating (steps)"),
    "monitor.col.rata_sebelum": ("Rata-rata Sebelum Intervensi", "Mean before intervention"),
    "monitor.col.rata_sesudah": ("Rata-rata Sesudah Intervensi", "Mean after intervention"),
    "monitor.col.kondisi": ("Kondisi", "Condition"),
    "monitor.col.ditutup": ("Ditutup", "Closed"),
    # outcome columns
    "monitor.col.kind": ("Intervensi", "Intervention"),
    "monitor.col.n_rows": ("Jumlah Dilaksanakan", "Carried out"),
    "monitor.col.n_moved": ("Dengan Data Cukup", "With enough data"),
    "monitor.col.mover_change": ("Perubahan Peserta", "Change of participants"),
    "monitor.col.control_change": ("Perubahan Pembanding", "Change of controls"),
    "monitor.col.estimate": ("Efek (langkah)", "Effect (steps)"),
    "monitor.col.low": ("Batas Bawah", "Lower bound"),
    "monitor.col.high": ("Batas Atas", "Upper bound"),
    "monitor.col.verdict": ("Kesimpulan", "Conclusion"),
    # codes
    "monitor.status.direncanakan": ("Direncanakan", "Planned"),
    "monitor.status.berjalan": ("Berjalan", "Ongoing"),
    "monitor.status.selesai": ("Selesai", "Done"),
    "monitor.status.tidak_dilaksanakan": ("Tidak dilaksanakan", "Not carried out"),
    "monitor.kind.pelatihan": ("Pelatihan", "Training"),
    "monitor.kind.pendampingan": ("Pendampingan", "Mentoring"),
    "monitor.kind.penanganan_kinerja": ("Penanganan kinerja", "Performance handling"),
    "monitor.kind.lainnya": ("Lainnya", "Other"),
    "monitor.source.penurunan": ("Kinerja turun", "Performance dropped"),
    "monitor.source.tidak_meningkat": ("Tidak meningkat setelah mutasi", "Not improved"),
    "monitor.source.kotak_1": ("Kotak talenta 1", "Talent box 1"),
    "monitor.condition.terbuka": ("Terbuka", "Open"),
    "monitor.condition.pulih": ("Ditutup: pulih", "Closed: recovered"),
    "monitor.reason.penurunan": (
        "Predikat periode terakhir turun {value} langkah dari rata-rata sebelumnya.",
        "The latest rating dropped {value} steps below the previous mean.",
    ),
    "monitor.reason.tidak_meningkat": (
        "Kinerja tidak meningkat {value} bulan setelah mutasi.",
        "Performance has not improved {value} months after the transfer.",
    ),
    "monitor.reason.kotak_1": (
        "Kinerja di bawah ekspektasi dan potensi rendah.",
        "Performance below expectation and low potential.",
    ),
    "monitor.verdict.pulih": (
        "Kinerja membaik sesudah intervensi",
        "Performance improved after the intervention",
    ),
    "monitor.verdict.belum_terbukti": (
        "Belum terbukti membaik",
        "No improvement shown yet",
    ),
    "monitor.verdict.terlalu_sedikit": (
        "Terlalu sedikit untuk disimpulkan",
        "Too few to conclude",
    ),
    "monitor.verdict.belum_ada_data": (
        "Belum ada data sesudah intervensi",
        "No data after the intervention yet",
    ),
    "monitor.guide": (
        "Isi kolom Intervensi Disarankan, Status Intervensi, Tanggal Mulai, Tanggal Selesai dan "
        "Catatan. Kolom lain diperbarui oleh `mutasi monitor` pada setiap proses; isian Anda "
        "tidak pernah diubah. Baris yang pulih ditutup otomatis; peringatan baru ditambahkan di "
        "bawah.",
        "Fill in Recommended intervention, Intervention status, Start date, End date and Notes. "
        "The other columns are refreshed by `mutasi monitor` on every run; your entries are "
        "never changed. Recovered rows are closed automatically; new warnings are added below.",
    ),
    "monitor.summary.new": ("Peringatan baru", "New warnings"),
    "monitor.summary.closed": ("Ditutup karena pulih", "Closed as recovered"),
    "monitor.summary.open": ("Masih terbuka", "Still open"),
    "monitor.summary.rows": ("Baris dalam register", "Rows in the register"),
    "monitor.error.register_columns": (
        "Register pemantauan {path} tidak memiliki kolom {missing}.",
        "The monitoring register {path} lacks the column(s) {missing_en}.",
    ),
    "monitor.error.register_columns.hint": (
        "Jangan ubah judul kolom. Pindahkan atau ganti nama berkas agar mutasi membuat register "
        "baru.",
        "Do not rename the headers. Move or rename the file so mutasi creates a new register.",
    ),
    "monitor.error.register_unreadable": (
        "Register pemantauan {path} tidak dapat dibaca: {detail}",
        "The monitoring register {path} cannot be read: {detail}",
    ),
    "monitor.error.register_unreadable.hint": (
        "Tutup berkas di Excel lalu jalankan lagi, atau pulihkan salinan sebelumnya.",
        "Close the file in Excel and run again, or restore the previous copy.",
    ),
}
