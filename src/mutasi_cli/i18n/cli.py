"""English for the command line's help texts (``mutasi --lang en ... --help``).

The help is written in Indonesian where each option is declared (``cli/*.py``); here each text
has its English beside it. :mod:`mutasi_cli.cli.language` looks the Indonesian text up; a test
checks that every help text of every command has its English here.
"""

LABELS: dict[str, tuple[str, str]] = {
    # the program and the common flags
    "cli.help.app": (
        "Analisis kebutuhan, usulan, penetapan dan evaluasi mutasi ASN dari berkas Excel.",
        "Needs analysis, proposals, decisions and evaluation of ASN transfers from Excel files.",
    ),
    "cli.help.root": (
        "mutasi: mutasi ASN dari berkas Excel yang sudah ada.",
        "mutasi: ASN transfers from the Excel files you already have.",
    ),
    "cli.help.version": ("Tampilkan versi lalu keluar.", "Show the version and exit."),
    "cli.help.lang": ("Bahasa keluaran: id atau en.", "Output language: id or en."),
    "cli.help.config": (
        "mutasi.toml yang dipakai (bawaan: ./mutasi.toml bila ada).",
        "The mutasi.toml to use (default: ./mutasi.toml when present).",
    ),
    "cli.help.json": (
        "Cetak satu objek ringkasan JSON di stdout, tidak lain.",
        "Print one JSON summary object on stdout, nothing else.",
    ),
    "cli.help.quiet": ("Tanpa pesan kecuali galat.", "No messages except errors."),
    "cli.help.log": ("Tulis catatan proses ke berkas ini.", "Write a run log to this file."),
    "cli.help.force": (
        "Timpa berkas keluaran yang sudah ada.",
        "Overwrite output files that already exist.",
    ),
    # input files and shared options (cli/options.py)
    "cli.help.pegawai": ("Data pegawai (roster).", "Employee data (roster)."),
    "cli.help.jabatan": ("Peta jabatan / formasi.", "Position map / formation."),
    "cli.help.beban_kerja": ("Tugas ABK (opsional).", "ABK workload tasks (optional)."),
    "cli.help.kompetensi": (
        "Kompetensi pegawai (opsional).",
        "Employee competencies (optional).",
    ),
    "cli.help.aspirasi": ("Aspirasi pegawai (opsional).", "Employee aspirations (optional)."),
    "cli.help.riwayat": ("Riwayat mutasi.", "Transfer history."),
    "cli.help.kinerja": ("Data kinerja (boleh berulang).", "Performance data (may repeat)."),
    "cli.help.out": (
        "Buku kerja hasil (bawaan: <nama>-<tanggal acuan>.xlsx).",
        "Result workbook (default: <name>-<reference date>.xlsx).",
    ),
    "cli.help.report": ("Laporan HTML (cetak A4, luring).", "HTML report (A4 print, offline)."),
    "cli.help.template_dir": ("Folder templat pengganti.", "Folder of replacement templates."),
    "cli.help.per": ("Tanggal acuan (bawaan: hari ini).", "Reference date (default: today)."),
    "cli.help.per_iso": ("Tanggal acuan TTTT-BB-HH.", "Reference date YYYY-MM-DD."),
    "cli.help.strict": (
        "Berhenti bila data masukan berisi galat.",
        "Stop when the input data has errors.",
    ),
    # sample-data, init, demo
    "cli.help.sample": (
        "Tulis data contoh Kota Salatiga (sintetis, ilustratif).",
        "Write the Kota Salatiga sample data (synthetic, illustrative).",
    ),
    "cli.help.sample.out": ("Folder tujuan.", "Target folder."),
    "cli.help.sample.employees": ("Jumlah pegawai.", "Number of employees."),
    "cli.help.sample.seed": (
        "Benih acak (hasil sama untuk benih sama).",
        "Random seed (the same seed gives the same data).",
    ),
    "cli.help.init": (
        "Buat templat masukan kosong dan mutasi.toml berkomentar.",
        "Create blank input templates and a commented mutasi.toml.",
    ),
    "cli.help.demo": (
        "Jalankan seluruh siklus mutasi pada kota contoh.",
        "Run the whole transfer cycle on the sample city.",
    ),
    "cli.help.demo.out": ("Folder hasil demo.", "Folder for the demo's results."),
    # validate
    "cli.help.validate": (
        "Periksa berkas masukan: setiap masalah, sel demi sel.",
        "Check input files: every problem, cell by cell.",
    ),
    "cli.help.validate.files": (
        "Berkas .xlsx/.xlsm/.xls/.xlsb/.ods/.csv, juga halaman web atau XML yang disimpan "
        "sebagai .xls (bawaan: semua di [paths]).",
        ".xlsx/.xlsm/.xls/.xlsb/.ods/.csv files, also web pages or XML saved as .xls "
        "(default: all in [paths]).",
    ),
    "cli.help.validate.table": (
        "Jenis tabel, mis. pegawai atau jabatan (bawaan: dikenali dari judul kolom).",
        "Table kind, e.g. pegawai or jabatan (default: recognised from the headers).",
    ),
    "cli.help.validate.sheet": ("Nama lembar yang dibaca.", "Name of the sheet to read."),
    "cli.help.validate.annotate": (
        "Salinan masukan dengan sel bermasalah diwarnai.",
        "A copy of the input with the problem cells coloured.",
    ),
    "cli.help.validate.errors": (
        "Baris yang gagal beserta alasannya.",
        "The failing rows with their reasons.",
    ),
    "cli.help.validate.verbose": (
        "Tampilkan juga kolom yang terbaca dari setiap berkas.",
        "Also show which columns were read from each file.",
    ),
    # analyze-needs, propose
    "cli.help.needs": (
        "Analisis kebutuhan pegawai per unit dan jabatan.",
        "Staffing needs per unit and position.",
    ),
    "cli.help.needs.horizon": ("Tahun proyeksi.", "Projection years."),
    "cli.help.needs.horizon_per": (
        "Lama proyeksi pensiun dalam tahun, dihitung sejak tanggal acuan (--per).",
        "Retirement projection in years, counted from the reference date (--per).",
    ),
    "cli.help.propose": (
        "Usulkan mutasi terbaik (optimal) beserta alasan setiap usulan.",
        "Propose the best (optimal) transfers with a reason for each.",
    ),
    "cli.help.propose.scope": (
        "default: yang perlu/ingin pindah; all: semua.",
        "default: those who need or want to move; all: everyone.",
    ),
    "cli.help.propose.max_moves": ("Batas jumlah pindah.", "Maximum number of moves."),
    "cli.help.propose.compare": (
        "Usulan lama untuk dibandingkan.",
        "An earlier proposal to compare with.",
    ),
    # finalize, evaluate
    "cli.help.finalize": (
        "Tetapkan keputusan tim: draf SK, data pegawai baru, riwayat.",
        "Apply the committee's decisions: draft decrees, new roster, history.",
    ),
    "cli.help.finalize.review": (
        "Lembar usulan yang sudah diputuskan.",
        "The decided review sheet.",
    ),
    "cli.help.finalize.tmt": (
        "TMT mutasi (bawaan: tanggal 1 bulan berikutnya).",
        "Transfer date (default: the 1st of next month).",
    ),
    "cli.help.finalize.out_dir": ("Folder keluaran.", "Output folder."),
    "cli.help.finalize.tanggal_sk": (
        "Tanggal penetapan SK, YYYY-MM-DD (bawaan: hari ini).",
        "Date the decree is signed, YYYY-MM-DD (default: today).",
    ),
    "cli.help.finalize.tunda_berantai": (
        "Tunda sekaligus semua mutasi yang bergantung pada mutasi yang tidak disetujui.",
        "Defer in one step every move that depends on a move that was not approved.",
    ),
    "cli.help.evaluate": (
        "Evaluasi kinerja sebelum/sesudah mutasi terhadap kelompok kontrol.",
        "Performance before/after transfers against a control group.",
    ),
    # issue 13: evaluate's controls and window, monitor
    "cli.help.evaluate.control": (
        "Pembanding: 'matched' (bawaan: jenis jabatan, golongan dan kinerja sebelum mutasi "
        "yang sama) atau 'all' (semua pegawai yang tidak dimutasi).",
        "Controls: 'matched' (default: same kind of position, grade group and performance "
        "before the move) or 'all' (everyone who did not move).",
    ),
    "cli.help.evaluate.after_periods": (
        "Jumlah periode sesudah masa adaptasi yang dinilai (1-8, bawaan 4).",
        "Number of periods after the adaptation that are assessed (1-8, default 4).",
    ),
    "cli.help.monitor": (
        "Pemantauan tindak lanjut: register intervensi dan hasilnya.",
        "Follow-up monitoring: the intervention register and its results.",
    ),
    "cli.help.monitor.register": (
        "Register pemantauan yang juga diisi analis (bawaan: pemantauan.xlsx di folder "
        "keluaran). Dibuat bila belum ada.",
        "The monitoring register the analyst also fills in (default: pemantauan.xlsx in the "
        "output folder). Created when missing.",
    ),
}
