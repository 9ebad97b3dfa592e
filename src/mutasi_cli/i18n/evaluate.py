"""Labels of `mutasi evaluate`: sheets, columns, statuses, interventions, warnings, report."""

LABELS: dict[str, tuple[str, str]] = {
    "evaluate.title": ("Evaluasi Mutasi", "Transfer evaluation"),
    "evaluate.method": (
        "Kinerja sebelum dan sesudah mutasi dibandingkan dengan pegawai yang tidak dimutasi pada "
        "periode yang sama (selisih dalam selisih), dalam langkah predikat 1-5.",
        "Performance before and after each transfer compared with staff who did not move over "
        "the same periods (difference in differences), in predikat steps 1-5.",
    ),
    "evaluate.method_detail": (
        "Jendela sebelum: {before} periode terakhir sebelum TMT. Jendela sesudah: {after} periode "
        "pertama setelah masa adaptasi {adaptation} bulan. Selang {confidence}% menurut "
        "distribusi t (tiap pegawai dimutasi satu satuan; ketidakpastian kelompok pembanding "
        "ikut dihitung), sehingga tetap jujur untuk kelompok kecil. Skor: nilai PP 46/2011, atau "
        "titik tengah rentang predikatnya.",
        "Before window: the last {before} periods before the TMT. After window: the first "
        "{after} periods after an adaptation of {adaptation} months. {confidence}% interval "
        "from the t distribution (each transferred person one unit; the control group's "
        "uncertainty included), so it stays honest for small groups. Score: the PP 46/2011 "
        "number, or its predikat's band midpoint.",
    ),
    # sheets
    "evaluate.sheet.summary": ("Ringkasan", "Summary"),
    "evaluate.sheet.counts": ("Jumlah", "Counts"),
    "evaluate.sheet.per_person": ("Per Pegawai", "Per person"),
    "evaluate.sheet.interventions": ("Intervensi", "Interventions"),
    "evaluate.sheet.early_warnings": ("Peringatan Dini", "Early warnings"),
    "evaluate.sheet.nine_box": ("Peta Talenta", "Talent map"),
    "evaluate.sheet.nine_box_unit": ("Talenta per Unit", "Talent per unit"),
    "evaluate.sheet.talent": ("Talenta per Pegawai", "Talent per person"),
    # columns
    "evaluate.col.scope": ("Kelompok", "Group"),
    "evaluate.col.unit": ("Unit", "Unit"),
    "evaluate.col.n_moved": ("Jumlah Dimutasi", "Moved"),
    "evaluate.col.n_control": ("Jumlah Pembanding", "Controls"),
    "evaluate.col.mover_change": ("Perubahan Dimutasi", "Change of movers"),
    "evaluate.col.control_change": ("Perubahan Pembanding", "Change of controls"),
    "evaluate.col.estimate": ("Efek Mutasi (langkah)", "Transfer effect (steps)"),
    "evaluate.col.low": ("Batas Bawah", "Lower bound"),
    "evaluate.col.high": ("Batas Atas", "Upper bound"),
    "evaluate.col.estimate_score": ("Efek Mutasi (skor)", "Transfer effect (score)"),
    "evaluate.col.n_extreme": ("Nilai Awal Ekstrem", "Extreme starting scores"),
    "evaluate.col.warning": ("Peringatan", "Warning"),
    "evaluate.col.tmt_mutasi": ("TMT Mutasi", "Transfer date"),
    "evaluate.col.unit_asal": ("Unit Asal", "From unit"),
    "evaluate.col.jabatan_asal": ("Jabatan Asal", "From position"),
    "evaluate.col.unit_tujuan": ("Unit Tujuan", "To unit"),
    "evaluate.col.jabatan_tujuan": ("Jabatan Tujuan", "To position"),
    "evaluate.col.months_since": ("Bulan Sejak Mutasi", "Months since transfer"),
    "evaluate.col.pre_n": ("Periode Sebelum", "Periods before"),
    "evaluate.col.pre_mean": ("Rata-rata Sebelum", "Mean before"),
    "evaluate.col.pre_score": ("Skor Sebelum", "Score before"),
    "evaluate.col.post_n": ("Periode Sesudah", "Periods after"),
    "evaluate.col.post_mean": ("Rata-rata Sesudah", "Mean after"),
    "evaluate.col.post_score": ("Skor Sesudah", "Score after"),
    "evaluate.col.change": ("Perubahan", "Change"),
    "evaluate.col.change_score": ("Perubahan Skor", "Score change"),
    "evaluate.col.trend": ("Tren Sesudah (per tahun)", "Trend after (per year)"),
    "evaluate.col.effect": ("Efek terhadap Pembanding", "Effect against controls"),
    "evaluate.col.status": ("Status", "Status"),
    "evaluate.col.box": ("Kotak Talenta", "Talent box"),
    "evaluate.col.kind": ("Intervensi", "Intervention"),
    "evaluate.col.periode": ("Periode Terakhir", "Latest period"),
    "evaluate.col.latest": ("Predikat Terakhir (langkah)", "Latest rating (steps)"),
    "evaluate.col.previous_mean": ("Rata-rata Sebelumnya", "Previous mean"),
    "evaluate.col.n_previous": ("Jumlah Periode Sebelumnya", "Previous periods"),
    "evaluate.col.drop": ("Penurunan", "Drop"),
    "evaluate.col.moved": ("Pernah Dimutasi", "Transferred"),
    "evaluate.col.kinerja": ("Kinerja", "Performance"),
    "evaluate.col.potensi": ("Potensi", "Potential"),
    "evaluate.col.n": ("Jumlah Pegawai", "Employees"),
    "evaluate.col.recommendation": ("Rekomendasi", "Recommendation"),
    "evaluate.col.item": ("Keterangan", "Item"),
    "evaluate.col.count": ("Jumlah", "Count"),
    # codes
    "evaluate.status.meningkat": ("Meningkat", "Improved"),
    "evaluate.status.stabil": ("Stabil", "Stable"),
    "evaluate.status.menurun": ("Menurun", "Declined"),
    "evaluate.status.belum_cukup_data": ("Belum cukup data", "Not enough data"),
    "evaluate.kind.penanganan_kinerja": (
        "Penanganan kinerja sesuai ketentuan",
        "Performance handling per the regulations",
    ),
    "evaluate.kind.pelatihan": ("Pelatihan", "Training"),
    "evaluate.kind.pendampingan": ("Pendampingan", "Mentoring"),
    "evaluate.reason.box_1": (
        "Kotak talenta 1: kinerja di bawah ekspektasi dan potensi rendah.",
        "Talent box 1: performance below expectation and low potential.",
    ),
    "evaluate.reason.gap": (
        "Kinerja tidak meningkat {months} bulan setelah mutasi; kompetensi di bawah standar "
        "jabatan baru: {gaps}.",
        "Performance has not improved {months} months after the transfer; competencies below "
        "the new position's standard: {gaps}.",
    ),
    "evaluate.reason.no_gap": (
        "Kinerja tidak meningkat {months} bulan setelah mutasi; kompetensi memenuhi standar "
        "jabatan baru.",
        "Performance has not improved {months} months after the transfer; competencies meet "
        "the new position's standard.",
    ),
    "evaluate.reason.no_data": (
        "Kinerja tidak meningkat {months} bulan setelah mutasi; data kompetensi atau standar "
        "jabatan tidak tersedia.",
        "Performance has not improved {months} months after the transfer; competency levels "
        "or the position standard are not available.",
    ),
    "evaluate.gap": ("{name} (kurang {gap})", "{name} ({gap} short)"),
    "evaluate.scope.all": ("Semua mutasi", "All transfers"),
    "evaluate.scope.unit_tujuan": ("Unit tujuan", "Destination unit"),
    "evaluate.scope.unit_asal": ("Unit asal", "Origin unit"),
    "evaluate.warn.small_group": (
        "Kelompok kecil (kurang dari {n} orang): hanya gambaran, bukan temuan.",
        "Small group (fewer than {n} people): an indication only, not a finding.",
    ),
    "evaluate.warn.regression": (
        "Banyak yang bernilai awal ekstrem: sebagian perubahan bisa karena regresi ke rata-rata.",
        "Many started from extreme scores: part of the change may be regression to the mean.",
    ),
    "evaluate.warn.no_control": (
        "Tidak ada kelompok pembanding (semua pegawai pernah dimutasi).",
        "No control group (everyone has been transferred).",
    ),
    # counts
    "evaluate.count.moved": ("Pegawai dimutasi", "People transferred"),
    "evaluate.count.control": ("Pegawai pembanding", "Control people"),
    "evaluate.count.records": ("Catatan kinerja dibaca", "Performance records read"),
    "evaluate.count.records_used": ("Catatan kinerja dipakai", "Performance records used"),
    "evaluate.count.unscaled": ("Catatan tanpa skala", "Records fitting no scale"),
    "evaluate.count.unknown_rows": ("Catatan NIP tak dikenal", "Records with unknown NIP"),
    "evaluate.count.unknown_nips": ("NIP tak dikenal", "Unknown NIPs"),
    "evaluate.count.duplicates": ("Periode ganda berbeda nilai", "Conflicting duplicate periods"),
    "evaluate.count.future_tmt": ("TMT setelah tanggal acuan", "TMT after the reference date"),
    "evaluate.count.early_warnings": ("Peringatan dini", "Early warnings"),
    # report
    "evaluate.report.effect": ("Efek mutasi", "Transfer effect"),
    "evaluate.report.effect_text": (
        "Dibanding pegawai yang tidak dimutasi, kinerja pegawai yang dimutasi berubah {estimate} "
        "langkah predikat (selang {confidence}%: {low} sampai {high}; {n_moved} dimutasi, "
        "{n_control} pembanding).",
        "Compared with staff who did not move, the performance of transferred staff changed by "
        "{estimate} predikat steps ({confidence}% interval: {low} to {high}; {n_moved} moved, "
        "{n_control} controls).",
    ),
    "evaluate.report.no_estimate": (
        "Efek mutasi belum dapat dihitung: tidak ada pegawai dimutasi dengan data cukup di kedua "
        "sisi, atau tidak ada pembanding.",
        "The transfer effect cannot be computed yet: no transferred person has enough data on "
        "both sides, or there is no control group.",
    ),
    "evaluate.report.status": ("Status per pegawai", "Status per person"),
    "evaluate.report.by_destination": ("Efek per unit tujuan", "Effect per destination unit"),
    "evaluate.report.by_origin": ("Efek per unit asal", "Effect per origin unit"),
    "evaluate.report.interventions": ("Intervensi", "Interventions"),
    "evaluate.report.early_warnings": ("Peringatan dini", "Early warnings"),
    "evaluate.report.early_warnings_text": (
        "Predikat periode terakhir turun {drop} langkah atau lebih dibanding rata-rata {previous} "
        "periode sebelumnya.",
        "The latest period's rating dropped {drop} steps or more against the mean of the "
        "{previous} periods before it.",
    ),
    "evaluate.report.talent": ("Peta talenta", "Talent map"),
    "evaluate.report.see_workbook": (
        "Daftar lengkap ada di buku kerja.",
        "The full list is in the workbook.",
    ),
    "evaluate.chart.distribution": (
        "Rata-rata predikat sebelum dan sesudah mutasi (langkah 1-5)",
        "Mean rating before and after the transfer (steps 1-5)",
    ),
    "evaluate.chart.by_destination": (
        "Efek mutasi per unit tujuan dengan sedikitnya {n} pegawai dimutasi, dengan selang "
        "kepercayaan (unit lebih kecil: lihat tabel)",
        "Transfer effect per destination unit with at least {n} movers, with its interval "
        "(smaller units: see the table)",
    ),
    "evaluate.chart.nine_box": ("Peta talenta (9 kotak)", "Talent map (9 boxes)"),
    # errors (MutasiError.of / UsageError.of): message, then its hint
    "evaluate.error.unknown_duplicate_rule": (
        "mutasi.toml: evaluate.duplicate_rule = {rule!r} tidak dikenal.",
        "mutasi.toml: evaluate.duplicate_rule = {rule!r} is not recognised.",
    ),
    "evaluate.error.unknown_duplicate_rule.hint": (
        "Pilih salah satu: {choices}.",
        "Choose one of: {choices}.",
    ),
    "evaluate.error.unknown_control_match": (
        "mutasi.toml: evaluate.control_match berisi {unknown}.",
        "mutasi.toml: evaluate.control_match contains {unknown}.",
    ),
    "evaluate.error.unknown_control_match.hint": (
        'Pilihan yang ada: "unit", "grade".',
        'The available choices: "unit", "grade".',
    ),
    # issue 13: controls, windows, pre-trend
    "evaluate.error.unknown_control": (
        "Pilihan pembanding {control!r} tidak dikenal (--control, atau control di bagian "
        "[evaluate] mutasi.toml).",
        "The control choice {control!r} is not recognised (--control, or control in the "
        "[evaluate] part of mutasi.toml).",
    ),
    "evaluate.error.unknown_control.hint": (
        "Pilih salah satu: {choices}.",
        "Choose one of: {choices}.",
    ),
    "evaluate.error.after_periods": (
        "Jendela sesudah mutasi {after} periode tidak didukung (paling banyak {most}).",
        "An after window of {after} periods is not supported (at most {most}).",
    ),
    "evaluate.error.after_periods.hint": (
        "Pilih 1 sampai {most} periode (bawaan 4).",
        "Choose 1 to {most} periods (default 4).",
    ),
    "evaluate.col.n_matched": ("Dengan Pembanding Sepadan", "With matched controls"),
    "evaluate.col.pretrend": ("Uji Tren Sebelum", "Pre-trend check"),
    "evaluate.col.pretrend_low": ("Uji Tren: Batas Bawah", "Pre-trend: lower bound"),
    "evaluate.col.pretrend_high": ("Uji Tren: Batas Atas", "Pre-trend: upper bound"),
    "evaluate.warn.pretrend": (
        "Sudah berbeda arah sebelum mutasi: efek tidak dapat dipercaya.",
        "Already drifting apart before the transfer: the effect is not credible.",
    ),
    "evaluate.report.control_matched": (
        "{n_matched} dari {n_moved} pegawai dimutasi dibandingkan dengan pembanding sepadan: "
        "sekitar {k} pegawai yang tidak dimutasi dengan jenis jabatan dan kelompok golongan "
        "yang sama dan kinerja sebelum mutasi yang paling dekat. Sisanya dibandingkan dengan "
        "semua pegawai yang tidak dimutasi.",
        "{n_matched} of {n_moved} transferred people were compared with matched controls: "
        "about {k} people who did not move, of the same kind of position and grade group, with "
        "the nearest performance before the move. The rest were compared with everyone who did "
        "not move.",
    ),
    "evaluate.report.control_all": (
        "Pembanding: semua pegawai yang tidak dimutasi (tanpa pencocokan).",
        "Controls: everyone who did not move (no matching).",
    ),
    "evaluate.report.pretrend_ok": (
        "Uji tren sebelum mutasi ({n} pegawai): selisih {estimate} langkah (selang {low} sampai "
        "{high}); tidak ada tanda pegawai yang dimutasi sudah berbeda arah sebelum mutasi.",
        "Pre-trend check ({n} people): difference {estimate} steps (interval {low} to {high}); "
        "no sign that the transferred people were already drifting apart before the move.",
    ),
    "evaluate.report.pretrend_diverged": (
        "Uji tren sebelum mutasi ({n} pegawai): selisih {estimate} langkah (selang {low} sampai "
        "{high}). Pegawai yang dimutasi sudah berbeda arah dari pembandingnya sebelum mutasi, "
        "jadi efek di atas TIDAK DAPAT DIPERCAYA sebagai akibat mutasi.",
        "Pre-trend check ({n} people): difference {estimate} steps (interval {low} to {high}). "
        "The transferred people were already drifting apart from their controls before the "
        "move, so the effect above is NOT CREDIBLE as a result of the transfer.",
    ),
    "evaluate.report.pretrend_none": (
        "Uji tren sebelum mutasi tidak dapat dihitung: riwayat kinerja sebelum mutasi terlalu "
        "pendek.",
        "The pre-trend check cannot be computed: the performance history before the moves is "
        "too short.",
    ),
    "evaluate.warn.small_group_short": ("Kurang dari {n} orang", "Fewer than {n} people"),
    "evaluate.box_cell": ("Kotak {box}: {n} orang", "Box {box}: {n} people"),
    "evaluate.sheet.nine_box_list": ("Kotak Talenta", "Talent boxes"),
    "evaluate.report.nine_box_note": (
        "Rekomendasi lengkap tiap kotak ada pada tabel di bawah.",
        "Each box's full recommendation is in the table below.",
    ),
    "evaluate.sheet.chart": ("Grafik Efek", "Effect chart"),
    "evaluate.chart.excel": (
        "Efek mutasi per unit tujuan (≥ {n} pegawai dimutasi), diurutkan",
        "Transfer effect per destination unit (≥ {n} movers), sorted",
    ),
}
