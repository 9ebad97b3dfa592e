"""Labels of `mutasi propose`: sheets, columns, reasons, rules, parameters, console."""

LABELS: dict[str, tuple[str, str]] = {
    # sheets (at most 31 characters)
    "propose.progress.reading": ("Membaca data masukan…", "Reading the inputs…"),
    "propose.progress.solving": ("Menghitung usulan optimal…", "Solving for the best round…"),
    "propose.progress.writing": ("Menulis lembar usulan…", "Writing the review workbook…"),
    "propose.sheet.moves": ("Usulan Mutasi", "Proposed Transfers"),
    "propose.sheet.unfilled": ("Formasi Belum Terisi", "Unfilled Vacancies"),
    "propose.sheet.alternatives": ("Alternatif", "Alternatives"),
    "propose.sheet.not_moved": ("Tidak Dipindah", "Not Moved"),
    "propose.sheet.excluded": ("Tidak Memenuhi Syarat", "Not Eligible"),
    "propose.sheet.summary": ("Ringkasan", "Summary"),
    "propose.sheet.fairness": ("Keadilan", "Fairness"),
    "propose.sheet.robustness": ("Kestabilan", "Robustness"),
    "propose.sheet.parameters": ("Parameter", "Parameters"),
    "propose.sheet.compare": ("Perbandingan", "Comparison"),
    # review sheet columns (finalize reads NIP, asal/tujuan, kursi, menggantikan, keputusan)
    "propose.col.nip": ("NIP", "NIP"),
    "propose.col.nama": ("Nama", "Name"),
    "propose.col.from_unit": ("Unit Kerja Asal", "From unit"),
    "propose.col.from_jabatan": ("Jabatan Asal", "From position"),
    "propose.col.to_unit": ("Unit Kerja Tujuan", "To unit"),
    "propose.col.to_jabatan": ("Jabatan Tujuan", "To position"),
    "propose.col.seat": ("Kursi Tujuan", "Target seat"),
    "propose.col.replaces": ("Menggantikan", "Replaces"),
    "propose.col.score": ("Skor", "Score"),
    "propose.col.jpm": ("JPM % Tujuan", "JPM % at target"),
    "propose.col.jpm_current": ("JPM % Saat Ini", "JPM % now"),
    "propose.col.jpm_category": ("Kategori JPM", "JPM category"),
    "propose.col.talent_box": ("Kotak Talenta", "Talent box"),
    "propose.col.aspiration": ("Aspirasi", "Aspiration"),
    "propose.col.reason": ("Alasan", "Reason"),
    "propose.col.rules": ("Syarat yang Dipenuhi", "Rules passed"),
    "propose.col.alternatives": ("Alternatif", "Alternatives"),
    "propose.col.stable": ("Stabil (bobot ±10%)", "Stable (weights ±10%)"),
    "propose.col.keputusan": ("Keputusan", "Decision"),
    "propose.col.catatan": ("Catatan", "Note"),
    # the review sheet laid out for the committee's meeting (issue 10)
    "propose.review.no": ("No", "No"),
    "propose.review.from": ("Unit/Jabatan Asal", "From (position / unit)"),
    "propose.review.to": ("Unit/Jabatan Tujuan", "To (position / unit)"),
    "propose.review.purpose": ("Tujuan Mutasi", "Purpose"),
    "propose.review.chain": ("Rantai", "Chain"),
    "propose.review.opd_asal": ("OPD Asal", "Agency of origin"),
    "propose.col.score_competency": ("Skor Kompetensi", "Competency score"),
    "propose.col.score_talent": ("Skor Talenta", "Talent score"),
    "propose.col.score_aspiration": ("Skor Aspirasi", "Aspiration score"),
    "propose.col.score_development": ("Skor Pengembangan", "Development score"),
    "propose.col.score_vacancy": ("Skor Prioritas Formasi", "Vacancy priority score"),
    "propose.col.kind": ("Jenis", "Kind"),
    "propose.col.kebutuhan": ("Kebutuhan", "Need"),
    "propose.col.bezetting": ("Bezetting", "Staff in post"),
    "propose.col.open": ("Kursi Kosong", "Open seats"),
    "propose.col.filled": ("Terisi Usulan", "Filled by proposal"),
    "propose.col.eligible": ("Kandidat Memenuhi Syarat", "Eligible candidates"),
    "propose.col.top_rules": ("Aturan Penyaring Terbanyak", "Rules that excluded most"),
    "propose.col.rank": ("Peringkat", "Rank"),
    "propose.col.alt_nip": ("NIP Alternatif", "Alternative NIP"),
    "propose.col.alt_nama": ("Nama Alternatif", "Alternative name"),
    "propose.col.alt_unit": ("Unit Kerja Alternatif", "Alternative unit"),
    "propose.col.alt_jabatan": ("Jabatan Alternatif", "Alternative position"),
    "propose.col.alt_score": ("Skor Alternatif", "Alternative score"),
    "propose.col.alt_jpm": ("JPM % Alternatif", "Alternative JPM %"),
    "propose.col.alt_outcome": ("Hasil Usulan bagi Alternatif", "Alternative's outcome"),
    "propose.col.best": ("Pilihan Terbaik", "Best option"),
    "propose.col.best_score": ("Skor Terbaik", "Best score"),
    "propose.col.eligible_seats": ("Jabatan Memenuhi Syarat", "Eligible positions"),
    "propose.col.rotation_due": ("Rotasi Jatuh Tempo", "Rotation due"),
    "propose.col.months": ("Masa Jabatan (bulan)", "Months in position"),
    "propose.col.tmt_pensiun": ("TMT Pensiun", "Retirement date"),
    "propose.col.dimension": ("Dimensi", "Dimension"),
    "propose.col.group": ("Kelompok", "Group"),
    "propose.col.candidates": ("Kandidat", "Candidates"),
    "propose.col.moves": ("Dipindah", "Moved"),
    "propose.col.share": ("Persentase", "Share"),
    "propose.col.part": ("Bobot", "Weight"),
    "propose.col.factor": ("Faktor", "Factor"),
    "propose.col.kept": ("Usulan Tetap", "Moves kept"),
    "propose.col.dropped": ("Usulan Hilang", "Moves dropped"),
    "propose.col.added": ("Usulan Baru", "Moves added"),
    "propose.col.parameter": ("Parameter", "Parameter"),
    "propose.col.value": ("Nilai", "Value"),
    "propose.col.description": ("Keterangan", "Description"),
    "propose.col.change": ("Perubahan", "Change"),
    "propose.col.old_to_unit": ("Unit Tujuan Lama", "Old target unit"),
    "propose.col.old_to_jabatan": ("Jabatan Tujuan Lama", "Old target position"),
    # decisions (dropdown)
    "propose.decision.setuju": ("Setuju", "Setuju"),
    "propose.decision.tolak": ("Tolak", "Tolak"),
    "propose.decision.tunda": ("Tunda", "Tunda"),
    # score parts (robustness rows and fragile moves)
    "propose.part.competency": ("kompetensi", "competency"),
    "propose.part.talent": ("talenta", "talent"),
    "propose.part.aspiration": ("aspirasi", "aspiration"),
    "propose.part.development": ("pengembangan", "development"),
    "propose.part.vacancy": ("prioritas formasi", "vacancy priority"),
    # reason of a move
    "propose.why.jpm": (
        "JPM {jpm}% ({category}) di jabatan tujuan",
        "JPM {jpm}% ({category}) at the target",
    ),
    "propose.why.jpm_now": ("sekarang {jpm}%", "now {jpm}%"),
    "propose.why.jpm_unknown": ("JPM tidak diketahui", "JPM unknown"),
    "propose.why.aspiration": ("aspirasi pilihan {rank}", "aspiration choice {rank}"),
    "propose.why.box_rotation": (
        "kotak talenta {box} (rekomendasi rotasi)",
        "talent box {box} (rotation recommended)",
    ),
    "propose.why.box": ("kotak talenta {box}", "talent box {box}"),
    "propose.why.vacancy": ("mengisi formasi kosong", "fills an open vacancy"),
    "propose.why.chain": (
        "mengisi kursi yang ditinggalkan {nip}",
        "takes the seat left by {nip}",
    ),
    "propose.why.due": ("rotasi jatuh tempo ({months} bulan)", "rotation due ({months} months)"),
    "propose.why.development": ("bidang kerja baru", "new field of work"),
    "propose.why.surplus": (
        "meninggalkan jabatan yang kelebihan pegawai",
        "leaves an overstaffed position",
    ),
    "propose.aspiration.rank": ("Pilihan {rank}", "Choice {rank}"),
    "propose.seat.vacancy": ("Formasi kosong", "Open vacancy"),
    "propose.stable.yes": ("Ya", "Yes"),
    "propose.stable.no": ("Tidak: {changes}", "No: {changes}"),
    "propose.stable.unchecked": ("Tidak diuji", "Not checked"),
    "propose.alt.candidate": ("Kandidat lain: {who}", "Other candidate: {who}"),
    "propose.alt.seat": ("Formasi lain: {where}", "Other position: {where}"),
    "propose.alt.kind.candidate": (
        "Kandidat lain untuk kursi ini",
        "Other candidate for this seat",
    ),
    "propose.alt.kind.seat": ("Formasi lain untuk pegawai ini", "Other position for this person"),
    "propose.alt.moved": ("diusulkan ke {unit} - {jabatan}", "proposed to {unit} - {jabatan}"),
    "propose.alt.stays": ("tetap di tempat", "stays"),
    # hard rules
    "propose.rule.golongan": ("golongan", "grade"),
    "propose.rule.pendidikan": ("pendidikan", "education"),
    "propose.rule.jurusan": ("jurusan", "field of study"),
    "propose.rule.rumpun": ("rumpun jabatan", "job family"),
    "propose.rule.jabatan_sama": ("bukan jabatan yang sama", "not the same position"),
    "propose.rules.passed": ("Lolos: {rules}", "Passed: {rules}"),
    "propose.rules.unchecked": (
        "tidak diperiksa (data kosong): {rules}",
        "not checked (no data): {rules}",
    ),
    "propose.rules.golongan": ("golongan {value} dalam {range}", "grade {value} within {range}"),
    "propose.rules.pendidikan": (
        "pendidikan {value} (min. {minimum})",
        "education {value} (min. {minimum})",
    ),
    "propose.rules.person": ("syarat umum: {rules}", "general: {rules}"),
    # never moved (and the general rules a mover passed)
    "propose.exclusion.pppk": ("PPPK", "PPPK"),
    "propose.exclusion.masa_jabatan": (
        "masa jabatan kurang dari {months} bulan",
        "fewer than {months} months in post",
    ),
    "propose.exclusion.hukuman": (
        "hukuman disiplin aktif atau dalam proses",
        "active or pending disciplinary sanction",
    ),
    "propose.exclusion.pensiun": (
        "mencapai BUP dalam {months} bulan",
        "reaches retirement age within {months} months",
    ),
    "propose.exclusion.talenta_1": (
        "kotak talenta 1 (penanganan kinerja)",
        "talent box 1 (performance handling)",
    ),
    "propose.exclusion.tidak_bersedia": (
        "menyatakan tidak bersedia dimutasi",
        "stated unwilling to move",
    ),
    "propose.exclusion.jpt": (
        "JPT kurang dari {months} bulan sejak dilantik",
        "JPT within {months} months of appointment",
    ),
    "propose.passed.pppk": ("bukan PPPK", "not PPPK"),
    "propose.passed.masa_jabatan": ("masa jabatan ≥ {months} bulan", "≥ {months} months in post"),
    "propose.passed.hukuman": ("tanpa hukuman disiplin aktif", "no active sanction"),
    "propose.passed.pensiun": (
        "BUP lebih dari {months} bulan lagi",
        "retirement more than {months} months away",
    ),
    "propose.passed.talenta_1": ("bukan kotak talenta 1", "not talent box 1"),
    "propose.passed.tidak_bersedia": (
        "bersedia atau rotasi jatuh tempo",
        "willing or rotation due",
    ),
    "propose.passed.jpt": ("bukan JPT < {months} bulan", "not a JPT < {months} months"),
    # unfilled vacancies
    "propose.kind.formasi": ("Formasi kosong", "Open vacancy"),
    "propose.kind.ditinggalkan": ("Ditinggalkan pegawai yang dipindah", "Left by a mover"),
    "propose.unfilled.no_eligible": (
        "Tidak ada kandidat yang memenuhi syarat",
        "No candidate meets the rules",
    ),
    "propose.unfilled.not_chosen": (
        "{eligible} kandidat memenuhi syarat, tetapi total skor lebih baik bila mereka tetap atau pindah ke tempat lain",
        "{eligible} candidates are eligible, but the total score is higher with them staying or moving elsewhere",
    ),
    "propose.unfilled.limits": (
        "atau batas jumlah mutasi tercapai",
        "or a transfer limit was reached",
    ),
    "propose.unfilled.of": ("dari {n} kandidat", "of {n} candidates"),
    # not moved
    "propose.notmoved.no_vacancy": ("Tidak ada formasi kosong", "No open vacancy"),
    "propose.notmoved.eligible_nowhere": (
        "Tidak memenuhi syarat untuk formasi mana pun",
        "Eligible for no open position",
    ),
    "propose.notmoved.top_rule": ("terbanyak gagal: {rule}", "mostly failed: {rule}"),
    "propose.notmoved.stay_better": (
        "Tetap lebih baik: skor pindah terbaik {score} tidak melebihi 0",
        "Staying scores better: the best move scores {score}, not above 0",
    ),
    "propose.notmoved.outscored": (
        "Kursi yang cocok lebih baik diisi kandidat lain dalam optimum bersama",
        "The suitable seats go to other candidates in the joint optimum",
    ),
    # fairness groups
    "propose.dimension.aspirasi": ("Aspirasi terpenuhi", "Aspirations met"),
    "propose.dimension.jenis_kelamin": ("Jenis kelamin", "Sex"),
    "propose.dimension.usia": ("Kelompok usia", "Age band"),
    "propose.dimension.unit_asal": ("Unit asal", "Origin unit"),
    "propose.outcome.pilihan_1": ("Pilihan 1", "Choice 1"),
    "propose.outcome.pilihan_2": ("Pilihan 2", "Choice 2"),
    "propose.outcome.pilihan_3": ("Pilihan 3", "Choice 3"),
    "propose.outcome.lain": ("Dipindah ke tempat lain", "Moved elsewhere"),
    "propose.outcome.tidak_dipindah": ("Tidak dipindah", "Not moved"),
    # summary keys
    "propose.sum.candidates": ("Kandidat", "Candidates"),
    "propose.sum.slots": (
        "Kursi dalam model (formasi kosong + kursi kandidat)",
        "Seats in the model (vacancies + candidates' seats)",
    ),
    "propose.sum.moves": ("Usulan mutasi", "Proposed transfers"),
    "propose.sum.vacancies": ("Formasi kosong", "Open vacancies"),
    "propose.sum.vacancies_filled": ("Formasi terisi", "Vacancies filled"),
    "propose.sum.vacancies_open": ("Formasi tetap kosong", "Vacancies left open"),
    "propose.sum.vacancies_created": (
        "Kursi ditinggalkan tanpa pengganti",
        "Seats vacated and not refilled",
    ),
    "propose.sum.objective": ("Total skor", "Total score"),
    "propose.sum.excluded": ("Tidak memenuhi syarat umum", "Never moved (general rules)"),
    "propose.sum.not_moved": ("Kandidat tidak dipindah", "Candidates not moved"),
    "propose.sum.stable": ("Usulan stabil", "Stable moves"),
    "propose.sum.fragile": ("Usulan rentan", "Fragile moves"),
    "propose.sum.aspirations_1": ("Aspirasi pilihan 1 terpenuhi", "First choices met"),
    "propose.sum.aspirations_2": ("Aspirasi pilihan 2 terpenuhi", "Second choices met"),
    "propose.sum.aspirations_3": ("Aspirasi pilihan 3 terpenuhi", "Third choices met"),
    "propose.sum.solver": ("Metode penyelesaian", "Solver"),
    "propose.sum.scope": ("Cakupan kandidat", "Candidate scope"),
    "propose.sum.warnings": ("Peringatan data", "Data warnings"),
    "propose.nothing": (
        "Tidak ada yang diusulkan: peta jabatan tidak memiliki formasi kosong (atau tidak ada kandidat).",
        "Nothing to propose: the position map has no open vacancy (or there is no candidate).",
    ),
    "propose.console.title": ("Usulan mutasi", "Proposed transfers"),
    "propose.console.moves": ("Usulan (skor tertinggi)", "Moves (highest score)"),
    # parameters
    "propose.param.per": ("Tanggal acuan", "Reference date"),
    "propose.param.scope": (
        "Cakupan: default = jatuh tempo, kelebihan, atau mengajukan; all = semua",
        "Scope: default = due, surplus or asked; all = everyone",
    ),
    "propose.param.max_moves": (
        "Batas jumlah mutasi (--max-moves)",
        "Transfer limit (--max-moves)",
    ),
    "propose.param.outflow_cap_per_unit": (
        "Batas pegawai keluar per unit kerja",
        "Outflow cap per unit",
    ),
    "propose.param.solver": (
        "Metode: linear_sum_assignment, atau min-cost flow OR-Tools untuk kelompok besar (tanpa "
        "batas); milp HiGHS (dengan batas)",
        "Method: linear_sum_assignment, or OR-Tools min-cost flow for large groups (no limits); "
        "HiGHS milp (limits)",
    ),
    "propose.param.robustness_runs": (
        "Jumlah uji kestabilan (tiap bobot ±)",
        "Robustness re-solves (each weight ±)",
    ),
    "propose.param.weight_competency": (
        "Bobot kenaikan JPM di jabatan tujuan",
        "Weight of the JPM gain at the target",
    ),
    "propose.param.weight_talent": (
        "Bobot kotak talenta yang merekomendasikan rotasi",
        "Weight of a talent box recommending rotation",
    ),
    "propose.param.weight_aspiration": (
        "Bobot aspirasi yang terpenuhi",
        "Weight of a met aspiration",
    ),
    "propose.param.weight_development": (
        "Bobot bidang kerja baru",
        "Weight of a new field of work",
    ),
    "propose.param.weight_vacancy": (
        "Bobot prioritas formasi (kekurangan di tujuan dikurangi kursi yang ditinggalkan)",
        "Weight of vacancy priority (shortage at target minus the seat left)",
    ),
    "propose.param.aspiration_points": ("Nilai pilihan 1, 2, 3", "Points of choices 1, 2, 3"),
    "propose.param.robustness_delta": (
        "Perubahan bobot pada uji kestabilan",
        "Weight change in the robustness check",
    ),
    "propose.param.min_months": ("Masa jabatan minimum (bulan)", "Minimum months in position"),
    "propose.param.max_months": (
        "Masa jabatan maksimum / jatuh tempo (bulan)",
        "Maximum months in position (rotation due)",
    ),
    "propose.param.exclude_pppk": ("PPPK tidak dipindah", "PPPK never moved"),
    "propose.param.block_active_sanction": (
        "Hukuman disiplin aktif menghalangi",
        "Active sanction blocks",
    ),
    "propose.param.bup_protect_months": (
        "Tidak dipindah bila BUP dalam (bulan)",
        "Not moved if retiring within (months)",
    ),
    "propose.param.exclude_talent_box_1": (
        "Kotak talenta 1 tidak dipindah",
        "Talent box 1 never moved",
    ),
    "propose.param.unwilling_excluded_unless_due": (
        "Tidak bersedia dihormati kecuali jatuh tempo",
        "Unwilling honoured unless rotation due",
    ),
    "propose.param.jpt_protect_months": (
        "JPT tidak diganti sebelum (bulan)",
        "JPT not replaced before (months)",
    ),
    "propose.param.rotation_compulsory": ("Rotasi jatuh tempo wajib", "Rotation due is compulsory"),
    "propose.param.include_retirement_slots": (
        "Kursi pensiun dihitung sebagai formasi kosong",
        "Retirement seats count as vacancies",
    ),
    "propose.param.retirement_horizon_months": (
        "Cakrawala pensiun (bulan)",
        "Retirement horizon (months)",
    ),
    "propose.param.blackout": ("Masa larangan mutasi", "Blackout windows"),
    "propose.param.jpm_cap_total": ("Batas atas JPM %", "JPM % cap"),
    "propose.param.jpm_cap_per_item": ("Batas JPM per kompetensi", "JPM per-item cap"),
    # comparison with an earlier proposal
    "propose.change.added": ("Ditambah", "Added"),
    "propose.change.dropped": ("Dihapus", "Dropped"),
    "propose.change.changed": ("Tujuan berubah", "Destination changed"),
    # 9-box recommendations (DOMAIN.md 3.3), also used by the evaluate report
    "propose.box.1": (
        "Ditangani sesuai ketentuan peraturan perundang-undangan",
        "Handle according to the regulations",
    ),
    "propose.box.2": (
        "Bimbingan kinerja, pengembangan kompetensi, penempatan sesuai",
        "Performance coaching, competency development, suitable placement",
    ),
    "propose.box.3": (
        "Bimbingan dan konseling kinerja, pengembangan kompetensi, penempatan sesuai",
        "Performance coaching and counselling, competency development, suitable placement",
    ),
    "propose.box.4": ("Rotasi, pengembangan kompetensi", "Rotation, competency development"),
    "propose.box.5": (
        "Penempatan sesuai, bimbingan kinerja, pengembangan kompetensi",
        "Suitable placement, performance coaching, competency development",
    ),
    "propose.box.6": (
        "Penempatan sesuai, bimbingan dan konseling kinerja",
        "Suitable placement, performance coaching and counselling",
    ),
    "propose.box.7": (
        "Dipertahankan, rencana suksesi, rotasi/pengayaan jabatan, pengembangan kompetensi, tugas belajar",
        "Retain, succession plan, rotation/job enrichment, competency development, study assignment",
    ),
    "propose.box.8": (
        "Dipertahankan, rencana suksesi, rotasi/perluasan jabatan, bimbingan kinerja",
        "Retain, succession plan, rotation/job enlargement, performance coaching",
    ),
    "propose.box.9": (
        "Dipromosikan dan dipertahankan, rencana suksesi, penghargaan",
        "Promote and retain, succession plan, awards",
    ),
    # errors (MutasiError.of / UsageError.of): message, then its hint
    "propose.error.bad_blackout": (
        "mutasi.toml: masa larangan mutasi '{window}' tidak dikenali.",
        "mutasi.toml: the transfer blackout period '{window}' is not recognised.",
    ),
    "propose.error.bad_blackout.hint": (
        'Tulis setiap masa sebagai "TTTT-BB-HH/TTTT-BB-HH" di [propose] blackout.',
        'Write each period as "YYYY-MM-DD/YYYY-MM-DD" in [propose] blackout.',
    ),
    "propose.error.in_blackout": (
        "Tanggal acuan {per} berada dalam masa larangan mutasi {start} s.d. {end} (UU 10/2016 "
        "Pasal 71 ayat 2 dan Pasal 162 ayat 3): usulan mutasi tidak dibuat.",
        "The reference date {per} lies inside the transfer blackout period {start} to {end} "
        "(UU 10/2016 Article 71(2) and Article 162(3)): no transfer proposal was made.",
    ),
    "propose.error.in_blackout.hint": (
        "Pilih tanggal acuan di luar masa itu, atau ubah [propose] blackout di mutasi.toml bila "
        "ada izin tertulis Menteri Dalam Negeri.",
        "Choose a reference date outside that period, or change [propose] blackout in "
        "mutasi.toml if there is written permission from the Minister of Home Affairs.",
    ),
    "propose.error.unknown_scope": (
        "--scope '{scope}' tidak dikenal.",
        "--scope '{scope}' is not recognised.",
    ),
    "propose.error.unknown_scope.hint": (
        "Gunakan --scope default atau all.",
        "Use --scope default or all.",
    ),
    "propose.error.negative_max_moves": (
        "--max-moves {max_moves} tidak boleh negatif.",
        "--max-moves {max_moves} must not be negative.",
    ),
    "propose.error.negative_max_moves.hint": ("Gunakan 0 atau lebih.", "Use 0 or more."),
    "propose.error.negative_cap": (
        "mutasi.toml: outflow_cap_per_unit = {cap} tidak boleh negatif.",
        "mutasi.toml: outflow_cap_per_unit = {cap} must not be negative.",
    ),
    "propose.error.negative_cap.hint": (
        "Gunakan 0 atau lebih, atau hapus baris itu.",
        "Use 0 or more, or remove that line.",
    ),
    "propose.error.infeasible": (
        "Usulan tidak dapat disusun: {must} pegawai wajib rotasi (rotasi jatuh tempo, "
        "rotation_compulsory) tidak dapat semuanya dipindahkan ke formasi yang memenuhi syarat.",
        "No proposal can be made: the {must} employees who must rotate (rotation due, "
        "rotation_compulsory) cannot all be moved to positions they qualify for.",
    ),
    "propose.error.infeasible.hint": (
        "Mereka bersaing untuk formasi yang terlalu sedikit: tambah formasi yang sesuai di peta "
        "jabatan, atau matikan rotation_compulsory di mutasi.toml.",
        "They compete for too few positions: add suitable positions to the position map, or "
        "turn off rotation_compulsory in mutasi.toml.",
    ),
    "propose.error.infeasible_max_moves": (
        "Usulan tidak dapat disusun: {must} pegawai wajib rotasi (rotasi jatuh tempo, "
        "rotation_compulsory) tidak dapat semuanya dipindahkan dengan --max-moves {max_moves}.",
        "No proposal can be made: the {must} employees who must rotate (rotation due, "
        "rotation_compulsory) cannot all be moved with --max-moves {max_moves}.",
    ),
    "propose.error.infeasible_max_moves.hint": (
        "Naikkan --max-moves atau [propose] outflow_cap_per_unit, atau matikan "
        "rotation_compulsory di mutasi.toml.",
        "Raise --max-moves or [propose] outflow_cap_per_unit, or turn off "
        "rotation_compulsory in mutasi.toml.",
    ),
    "propose.error.infeasible_cap": (
        "Usulan tidak dapat disusun: {must} pegawai wajib rotasi (rotasi jatuh tempo, "
        "rotation_compulsory) tidak dapat semuanya dipindahkan dengan batas keluar per unit "
        "{outflow_cap}.",
        "No proposal can be made: the {must} employees who must rotate (rotation due, "
        "rotation_compulsory) cannot all be moved with an outflow cap per unit of {outflow_cap}.",
    ),
    "propose.error.infeasible_cap.hint": (
        "Naikkan --max-moves atau [propose] outflow_cap_per_unit, atau matikan "
        "rotation_compulsory di mutasi.toml.",
        "Raise --max-moves or [propose] outflow_cap_per_unit, or turn off "
        "rotation_compulsory in mutasi.toml.",
    ),
    "propose.error.infeasible_both": (
        "Usulan tidak dapat disusun: {must} pegawai wajib rotasi (rotasi jatuh tempo, "
        "rotation_compulsory) tidak dapat semuanya dipindahkan dengan --max-moves {max_moves} "
        "dan batas keluar per unit {outflow_cap}.",
        "No proposal can be made: the {must} employees who must rotate (rotation due, "
        "rotation_compulsory) cannot all be moved with --max-moves {max_moves} and an outflow "
        "cap per unit of {outflow_cap}.",
    ),
    "propose.error.infeasible_both.hint": (
        "Naikkan --max-moves atau [propose] outflow_cap_per_unit, atau matikan "
        "rotation_compulsory di mutasi.toml.",
        "Raise --max-moves or [propose] outflow_cap_per_unit, or turn off "
        "rotation_compulsory in mutasi.toml.",
    ),
    # ---- issue 9: a round a committee would sign ----
    # Excel sheet names may not hold "/": the "Seleksi/Uji Kompetensi" with "&".
    "propose.sheet.jpt": ("JPT — Seleksi & Uji Kompetensi", "JPT — Selection & Comp. Test"),
    "propose.col.score_rotation": ("Skor Rotasi", "Rotation score"),
    "propose.col.score_carry_over": ("Skor Tunda Lalu", "Deferred-move score"),
    "propose.col.score_move": ("Biaya Pindah", "Move cost"),
    "propose.col.cand_nip": ("NIP Kandidat", "Candidate NIP"),
    "propose.col.cand_nama": ("Nama Kandidat", "Candidate name"),
    "propose.col.cand_unit": ("Unit Kerja Kandidat / Tujuan", "Candidate's unit / target"),
    "propose.col.cand_jabatan": ("Jabatan Kandidat / Tujuan", "Candidate's post / target"),
    "propose.part.rotation": ("rotasi", "rotation"),
    "propose.part.carry_over": ("tunda lalu", "deferred"),
    "propose.part.move": ("biaya pindah", "move cost"),
    "propose.purpose.isi_formasi": ("Mengisi formasi/kekurangan", "Fills a vacancy/shortage"),
    "propose.purpose.kurangi_kelebihan": ("Mengurangi kelebihan", "Relieves a surplus"),
    "propose.purpose.rotasi": ("Rotasi jatuh tempo", "Overdue rotation"),
    "propose.purpose.aspirasi": ("Aspirasi terpenuhi", "Aspiration met"),
    "propose.purpose.talenta": ("Pengembangan talenta", "Talent development"),
    "propose.purpose.tunda": ("Usulan tertunda sidang lalu", "Deferred last round"),
    "propose.purpose.also": ("{main} (juga: {rest})", "{main} (also: {rest})"),
    "propose.chain.link": ("R{id} · {pos}/{len}", "C{id} · {pos}/{len}"),
    "propose.chain.swap": ("R{id} · tukar {pos}/{len}", "C{id} · swap {pos}/{len}"),
    "propose.why.displaced": (
        "memberi tempat bagi NIP {nip}; nilai bersih rantai {gain}",
        "makes room for NIP {nip}; net gain of the chain {gain}",
    ),
    "propose.rule.jenjang_sekolah": ("jenjang sekolah yang sama", "same school level"),
    "propose.exclusion.skp": (
        "predikat SKP tahunan di bawah {predikat} dalam {years} tahun terakhir",
        "annual SKP predikat below {predikat} in the last {years} years",
    ),
    "propose.exclusion.pilkada": (
        "pejabat dalam masa larangan pilkada (perlu izin tertulis Mendagri, UU 10/2016 Pasal 71)",
        "an official in the election blackout (needs the Minister of Home Affairs' written "
        "permission, UU 10/2016 Art. 71)",
    ),
    "propose.passed.skp": (
        "predikat SKP tahunan minimal {predikat} {months} tahun terakhir",
        "annual SKP predikat at least {predikat} in the last {months} years",
    ),
    "propose.passed.pilkada": (
        "bukan pejabat dalam masa larangan pilkada",
        "not an official in the election blackout",
    ),
    "propose.unfilled.declined": (
        "{n} pegawai yang memenuhi syarat menyatakan tidak bersedia",
        "{n} fitting employees declined (tidak bersedia)",
    ),
    "propose.jpt.formasi": ("Formasi JPT kosong: seleksi terbuka", "Open JPT post: open selection"),
    "propose.jpt.jatuh_tempo": (
        "JPT jatuh tempo rotasi: uji kompetensi",
        "JPT past the rotation limit: competency test",
    ),
    "propose.sum.chains": ("Rantai mutasi", "Vacancy chains"),
    "propose.sum.chain_moves": ("Mutasi dalam rantai", "Moves in chains"),
    "propose.sum.longest_chain": ("Rantai terpanjang", "Longest chain"),
    "propose.sum.swaps": ("Pertukaran (tukar tempat)", "Swaps"),
    "propose.sum.ineligible": (
        "Tidak memenuhi syarat kinerja (SKP)",
        "Failing the performance requirement (SKP)",
    ),
    "propose.param.move_cost": (
        "Biaya setiap mutasi (serah terima, masa belajar)",
        "Cost of every move (handover, learning curve)",
    ),
    "propose.param.fit_min_jpm": (
        "JPM % minimal agar rotasi/talenta menjadi alasan pindah",
        "Minimum JPM % for rotation/talent to be a reason to move",
    ),
    "propose.param.weight_rotation": ("Bobot rotasi jatuh tempo", "Weight of overdue rotation"),
    "propose.param.weight_carry_over": (
        "Bobot usulan tertunda sidang lalu",
        "Weight of a move deferred last round",
    ),
    "propose.param.max_chain_length": ("Panjang rantai maksimal", "Longest vacancy chain"),
    "propose.param.allow_displacement": (
        "Boleh memindah pegawai demi memberi tempat",
        "Moves that only make room allowed",
    ),
    "propose.param.respect_unwilling": (
        "Yang tidak bersedia tidak diusulkan",
        "Unwilling employees never proposed",
    ),
    "propose.param.min_predikat": (
        "Predikat SKP tahunan minimal x jumlah tahun",
        "Minimum annual SKP predikat x years",
    ),
    "propose.param.exclude_jpt": (
        "JPT tidak diusulkan (seleksi/uji kompetensi)",
        "JPT never proposed (selection/competency test)",
    ),
    "propose.param.guru_same_level": (
        "Guru ke jenjang sekolah yang sama",
        "Teachers to the same school level",
    ),
    "propose.param.pelaksana_groups": (
        "Pelaksana hanya dalam kelompok jabatannya",
        "Pelaksana only within their job group",
    ),
    "propose.param.reject_cooldown_months": (
        "Usulan yang ditolak tidak diusulkan lagi selama (bulan)",
        "Rejected moves not proposed again for (months)",
    ),
    "propose.error.carry_over_missing": (
        "Berkas keputusan komite tidak ditemukan: {path}",
        "Committee record not found: {path}",
    ),
    "propose.error.carry_over_missing.hint": (
        "Periksa --carry-over atau [paths] carry_over di mutasi.toml.",
        "Check --carry-over or [paths] carry_over in mutasi.toml.",
    ),
    "propose.error.carry_over_columns": (
        "Catatan keputusan komite {path} (lembar {sheet}) tidak memuat kolom: {columns}.",
        "The committee record {path} (sheet {sheet}) lacks the columns: {columns}.",
    ),
    "propose.error.carry_over_columns.hint": (
        "Pakai berkas keputusan-komite-*.xlsx dari `mutasi finalize`, atau beri kolom NIP, Unit "
        "Kerja Tujuan, Jabatan Tujuan dan Keputusan (Tolak/Tunda).",
        "Use the keputusan-komite-*.xlsx written by `mutasi finalize`, or give the columns NIP, "
        "Unit Kerja Tujuan, Jabatan Tujuan and Keputusan (Tolak/Tunda).",
    ),
    "propose.error.carry_over_unreadable": (
        "Catatan keputusan komite tidak dapat dibaca: {path} ({exc})",
        "The committee record cannot be read: {path} ({exc})",
    ),
    "propose.error.carry_over_unreadable.hint": (
        "Periksa bahwa berkas itu .xlsx dan tidak sedang terbuka/terkunci.",
        "Check that the file is an .xlsx and not open/locked.",
    ),
    "cli.help.propose.carry_over": (
        "Catatan keputusan komite sidang lalu (keputusan-komite-*.xlsx): usulan Tunda "
        "diusulkan lagi lebih dulu, usulan Tolak tidak diusulkan lagi.",
        "The committee record of the last round (keputusan-komite-*.xlsx): deferred (Tunda) "
        "moves come back first, rejected (Tolak) ones are not proposed again.",
    ),
    "issue.pelaksana-no-group": (
        "Jabatan pelaksana tanpa kelompok nomenklatur",
        "Pelaksana title in no group",
    ),
}
