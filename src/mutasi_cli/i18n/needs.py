"""Labels of `mutasi analyze-needs`: sheets, columns, codes, console and HTML report."""

LABELS: dict[str, tuple[str, str]] = {
    # sheets (at most 31 characters)
    "needs.sheet.units": ("Ringkasan Unit", "Unit Summary"),
    "needs.sheet.chart": ("Grafik Selisih", "Balance Chart"),
    "needs.sheet.jenis": ("Per Jenis Jabatan", "By Job Type"),
    "needs.sheet.positions": ("Per Jabatan", "By Position"),
    "needs.sheet.projection": ("Proyeksi Pensiun", "Retirement Projection"),
    "needs.sheet.retirees": ("Daftar Pensiun", "Retirees"),
    "needs.sheet.rotation": ("Rotasi", "Rotation"),
    "needs.sheet.unmapped": ("Tidak Terpetakan", "Unmapped Employees"),
    "needs.sheet.empty": ("Jabatan Kosong", "Empty Positions"),
    "needs.sheet.supply": ("Pasokan Internal", "Internal Supply"),
    "needs.sheet.abk_unmatched": ("ABK Tanpa Jabatan", "ABK Without Position"),
    # columns
    "needs.col.jumlah_jabatan": ("Jumlah Jabatan", "Positions"),
    "needs.col.kebutuhan_formasi": ("Kebutuhan Formasi", "Formation Need"),
    "needs.col.kebutuhan_abk_raw": ("Kebutuhan ABK (Mentah)", "ABK Need (Unrounded)"),
    "needs.col.kebutuhan_abk": ("Kebutuhan ABK", "ABK Need"),
    "needs.col.kebutuhan": ("Kebutuhan", "Need"),
    "needs.col.total_wpt": ("Total WPT (menit/tahun)", "Total Task Time (min/year)"),
    "needs.col.bezetting": ("Bezetting", "Staff in Post"),
    "needs.col.bezetting_akhir": ("Bezetting Akhir Periode", "Staff at Period End"),
    "needs.col.selisih": ("Selisih", "Balance"),
    "needs.col.status": ("Status", "Status"),
    "needs.col.ej": ("Efisiensi Jabatan (EJ)", "Job Efficiency (EJ)"),
    "needs.col.ej_band": ("Kategori EJ", "EJ Band"),
    "needs.col.abk_differs": ("Formasi Berbeda dengan ABK", "Formation Differs from ABK"),
    "needs.col.kekurangan": ("Kekurangan", "Shortage"),
    "needs.col.kelebihan": ("Kelebihan", "Surplus"),
    "needs.col.jabatan_kosong": ("Jabatan Kosong", "Empty Positions"),
    "needs.col.tanpa_kebutuhan": ("Jabatan Tanpa Kebutuhan", "Positions Without Need"),
    "needs.col.tidak_terpetakan": ("Pegawai Tidak Terpetakan", "Unmapped Employees"),
    "needs.col.pensiun_horizon": ("Pensiun dalam Proyeksi", "Retiring in Horizon"),
    "needs.col.rotasi_jatuh_tempo": ("Jatuh Tempo Rotasi", "Rotation Due"),
    "needs.col.tahun": ("Tahun", "Year"),
    "needs.col.periode": ("Periode", "Period"),
    "needs.col.window": ("Jendela Proyeksi Pensiun", "Retirement Window"),
    "needs.window_range": ("{start} s.d. {end}", "{start} to {end}"),
    "needs.period.past_bup": ("Sudah lewat BUP", "Already past retirement age"),
    "needs.period.partial": ("{year} ({start} s.d. {end})", "{year} ({start} to {end})"),
    "needs.report.window": (
        "Proyeksi pensiun untuk {start} s.d. {end} ({horizon} tahun setelah tanggal acuan). "
        "Pegawai yang sudah melewati BUP pada tanggal acuan dihitung tersendiri.",
        "Retirements from {start} to {end} ({horizon} years after the reference date). "
        "Staff already past retirement age on the reference date are counted separately.",
    ),
    "needs.col.pensiun": ("Pensiun", "Retiring"),
    "needs.col.jenjang": ("Jenjang", "Level"),
    "needs.col.bup": ("BUP (tahun)", "Retirement Age"),
    "needs.col.tmt_pensiun": ("TMT Pensiun", "Retirement Date"),
    "needs.col.sudah_lewat": ("Sudah Melewati BUP", "Already Past Retirement"),
    "needs.col.tmt_jabatan": ("TMT Jabatan", "In Position Since"),
    "needs.col.masa_jabatan": ("Masa dalam Jabatan (bulan)", "Months in Position"),
    "needs.col.status_rotasi": ("Status Rotasi", "Rotation Status"),
    "needs.col.alasan": ("Alasan", "Reason"),
    "needs.col.jabatan_terdekat": ("Jabatan Terdekat di Unit Ini", "Closest Position in Unit"),
    "needs.col.pasokan": ("Pasokan Internal", "Internal Supply"),
    "needs.col.cukup": ("Pasokan Mencukupi", "Supply Sufficient"),
    "needs.col.pegawai": ("Jumlah Pegawai", "Employees"),
    "needs.col.units": ("Jumlah Unit", "Units"),
    "needs.col.rotasi_belum_layak": ("Belum Layak Rotasi", "Not Yet Eligible to Move"),
    "needs.col.abk_berbeda": ("Formasi Berbeda dengan ABK", "Formation Differs from ABK"),
    # codes
    "needs.status.kurang": ("Kurang", "Shortage"),
    "needs.status.lebih": ("Lebih", "Surplus"),
    "needs.status.sesuai": ("Sesuai", "Balanced"),
    "needs.status.tanpa_kebutuhan": ("Tanpa Kebutuhan", "No Need Set"),
    "needs.rotasi.belum_layak": ("Belum Layak", "Not Yet Eligible"),
    "needs.rotasi.jatuh_tempo": ("Jatuh Tempo", "Due"),
    "needs.rotasi.layak": ("Layak", "Eligible"),
    "needs.alasan.unit_tidak_ada": (
        "Unit kerja tidak ada dalam peta jabatan",
        "The unit is not in the position map",
    ),
    "needs.alasan.jabatan_tidak_ada": (
        "Jabatan tidak ada di unit ini dalam peta jabatan",
        "The position is not in this unit of the position map",
    ),
    "needs.jenis.none": ("(tidak diisi)", "(not given)"),
    # console and report
    "needs.title": ("Analisis Kebutuhan Pegawai", "Staffing Needs Analysis"),
    "needs.city": ("Ringkasan Kota", "City Summary"),
    "needs.top_shortages": ("Kekurangan Terbesar", "Largest Shortages"),
    "needs.top_surpluses": ("Kelebihan Terbesar", "Largest Surpluses"),
    "needs.chart.units": ("Selisih per Unit Kerja", "Balance per Unit"),
    "needs.chart.units_top": (
        "{n} kekurangan dan {n} kelebihan terbesar per unit kerja (semua unit: Ringkasan Unit)",
        "The {n} largest shortages and {n} largest surpluses by unit (every unit: Unit Summary)",
    ),
    "needs.chart.unit": ("Selisih per Jabatan: {unit}", "Balance per Position: {unit}"),
    "needs.chart.projection": (
        "Proyeksi Bezetting dan Kebutuhan",
        "Projected Staff and Need",
    ),
    "needs.report.units": ("Ringkasan per Unit Kerja", "Summary per Unit"),
    "needs.report.projection": ("Proyeksi Pensiun per Tahun", "Retirement Projection per Year"),
    "needs.report.per_unit": ("Rincian per Unit Kerja", "Details per Unit"),
    "needs.report.balanced": (
        "Semua jabatan dengan kebutuhan sudah sesuai.",
        "Every position with a need is balanced.",
    ),
    "needs.report.method": (
        "Selisih = bezetting − kebutuhan: negatif berarti kekurangan, positif kelebihan. "
        "Kebutuhan diambil dari formasi dan/atau ABK (ΣWPT / WKE, dibulatkan), sesuai sumber "
        "kebutuhan yang dipilih di mutasi.toml. Kategori EJ hanya acuan, bukan ketentuan resmi.",
        "Balance = staff − need: negative is a shortage, positive a surplus. The need comes "
        "from the formation and/or the ABK (ΣWPT / WKE, rounded), as the need source chosen "
        "in mutasi.toml says. "
        "EJ bands are a guide, not a legal rule.",
    ),
    # errors (MutasiError.of): message, then its hint
    "needs.error.empty_roster": (
        "Data pegawai kosong: tidak ada pegawai yang dapat dianalisis.",
        "The roster is empty: there is nobody to analyse.",
    ),
    "needs.error.empty_roster.hint": (
        "Periksa berkas --pegawai: apakah lembar dan baris judulnya benar, dan apakah semua "
        "baris ditolak karena galat (jalankan `mutasi validate`).",
        "Check the --pegawai file: the sheet and header row, and whether every row was rejected "
        "for errors (run `mutasi validate`).",
    ),
    "needs.error.empty_map": (
        "Peta jabatan kosong: tidak ada jabatan yang dapat dibandingkan.",
        "The position map is empty: there is no position to compare with.",
    ),
    "needs.error.empty_map.hint": (
        "Periksa berkas --jabatan (jalankan `mutasi validate`).",
        "Check the --jabatan file (run `mutasi validate`).",
    ),
    "needs.error.no_shared_units": (
        "Tidak ada nama unit kerja yang sama antara data pegawai dan peta jabatan. Contoh di "
        "data pegawai: {roster}; contoh di peta jabatan: {positions}.",
        "The roster and the position map share no unit name. Examples in the roster: "
        "{roster}; in the position map: {positions}.",
    ),
    "needs.error.no_shared_units.hint": (
        "Samakan penulisan nama unit kerja di kedua berkas (huruf besar/kecil dan spasi ganda "
        "tidak berpengaruh), atau periksa bahwa kedua berkas dari instansi yang sama.",
        "Write the unit names the same way in both files (case and double spaces do not "
        "matter), or check that both files come from the same office.",
    ),
    "needs.error.per_before_tmt": (
        "Tanggal acuan {per} lebih awal dari TMT jabatan semua pegawai (TMT paling awal "
        "{earliest}).",
        "The reference date {per} is before every employee's start in position (earliest "
        "{earliest}).",
    ),
    "needs.error.per_before_tmt.hint": (
        "Periksa --per (format TTTT-BB-HH) dan kolom TMT Jabatan.",
        "Check --per (format YYYY-MM-DD) and the TMT Jabatan column.",
    ),
    "needs.error.unknown_period": (
        "Periode volume tidak dikenali: {unknown}.",
        "Volume period not recognised: {unknown}.",
    ),
    "needs.error.unknown_period.hint": (
        "Gunakan salah satu dari: {choices}.",
        "Use one of: {choices}.",
    ),
    "needs.error.unknown_rounding": (
        "Mode pembulatan '{mode}' tidak dikenal.",
        "Rounding mode '{mode}' is not recognised.",
    ),
    "needs.error.unknown_rounding.hint": (
        "Isi abk.rounding dengan ceil, round_half_up atau none.",
        "Set abk.rounding to ceil, round_half_up or none.",
    ),
    "needs.error.need_source": (
        "Nilai abk.need_source '{source}' tidak dikenal.",
        "Unknown abk.need_source '{source}'.",
    ),
    "needs.error.need_source.hint": (
        "Isi dengan salah satu dari: {choices}.",
        "Use one of: {choices}.",
    ),
}
