"""Labels of `mutasi sample-data` and `mutasi init` (the input templates and their guide)."""

LABELS: dict[str, tuple[str, str]] = {
    "sample.guide_sheet": ("Petunjuk", "Instructions"),
    "sample.guide_title": ("Petunjuk pengisian tabel {table}", "How to fill in the {table} table"),
    "sample.rules_title": ("Aturan umum", "General rules"),
    "sample.rule_header": (
        "Baris 1 berisi judul kolom yang dibaca mutasi; jangan diubah. Kolom yang tidak dipakai "
        "boleh dihapus atau dibiarkan kosong.",
        "Row 1 holds the column headers mutasi reads; do not change them. Unused columns may be "
        "deleted or left empty.",
    ),
    "sample.rule_required": (
        "Judul kolom berwarna merah wajib diisi pada setiap baris.",
        "Columns with a red header must be filled in on every row.",
    ),
    "sample.rule_example": (
        "Baris 2 adalah contoh fiktif: timpa atau hapus sebelum dipakai.",
        "Row 2 is a made-up example: overwrite or delete it before use.",
    ),
    "sample.rule_nip": (
        "NIP ditulis 18 digit sebagai TEKS (kolom NIP sudah berformat teks). Jangan ubah menjadi "
        "angka: Excel membulatkan digit terakhirnya dan NIP tidak dapat dipulihkan.",
        "Write the 18-digit NIP as TEXT (the NIP column is formatted as text). Never turn it "
        "into a number: Excel rounds its last digits and the NIP cannot be recovered.",
    ),
    "sample.rule_dates": (
        "Tanggal ditulis DD-MM-YYYY (contoh 01-07-2024) atau sebagai tanggal Excel.",
        "Write dates as DD-MM-YYYY (e.g. 01-07-2024) or as Excel dates.",
    ),
    "sample.rule_dropdowns": (
        "Kolom berdaftar pilihan menerima ejaan lain yang tercantum di bawah; Excel hanya "
        "memberi peringatan.",
        "Columns with a dropdown also accept the other spellings listed below; Excel only warns.",
    ),
    "sample.required_any": (
        "Isi paling sedikit salah satu kelompok kolom ini: {groups}.",
        "Fill in at least one of these groups of columns: {groups}.",
    ),
    "sample.col_column": ("Kolom", "Column"),
    "sample.col_required": ("Wajib", "Required"),
    "sample.col_content": ("Isi", "Content"),
    "sample.col_synonyms": ("Judul lain yang dikenali", "Other headers recognised"),
    "sample.yes": ("Ya", "Yes"),
    "sample.table.pegawai": (
        "Daftar pegawai (ASN): satu baris per pegawai, seperti ekspor SIASN/SIMPEG.",
        "Employee roster (ASN): one row per employee, like a SIASN/SIMPEG export.",
    ),
    "sample.table.jabatan": (
        "Peta jabatan dan formasi: satu baris per jabatan per unit kerja, dengan kebutuhan "
        "pegawai dan syarat jabatan.",
        "Position map and formation: one row per position per unit, with the staff needed and "
        "the position's requirements.",
    ),
    "sample.table.beban_kerja": (
        "Analisis beban kerja (ABK): satu baris per uraian tugas suatu jabatan.",
        "Workload analysis (ABK): one row per task of a position.",
    ),
    "sample.table.kompetensi": (
        "Hasil asesmen kompetensi: satu baris per pegawai, level 1-5 per kompetensi.",
        "Competency assessment results: one row per employee, level 1-5 per competency.",
    ),
    "sample.table.aspirasi": (
        "Survei aspirasi mutasi: kesediaan dan sampai tiga pilihan unit/jabatan per pegawai.",
        "Transfer aspiration survey: willingness and up to three unit/position choices.",
    ),
    "sample.table.kinerja": (
        "Kinerja (SKP): satu baris per pegawai per periode penilaian.",
        "Performance (SKP): one row per employee per appraisal period.",
    ),
    "sample.table.riwayat_mutasi": (
        "Riwayat mutasi: satu baris per mutasi yang sudah ditetapkan.",
        "Transfer history: one row per transfer decided.",
    ),
    "sample.kind.text": ("Teks", "Text"),
    "sample.kind.nip": (
        "NIP 18 digit sebagai teks, contoh 199003152015032001",
        "18-digit NIP as text, e.g. 199003152015032001",
    ),
    "sample.kind.id": ("Nomor/kode sebagai teks", "Number or code as text"),
    "sample.kind.date": ("Tanggal DD-MM-YYYY", "Date DD-MM-YYYY"),
    "sample.kind.int": ("Bilangan bulat", "Whole number"),
    "sample.kind.float": ("Angka", "Number"),
    "sample.kind.golongan": (
        "PNS: I/a sampai IV/e (juga III-a, IIIa, Penata Muda); PPPK: I sampai XVII",
        "PNS: I/a to IV/e (also III-a, IIIa, Penata Muda); PPPK: I to XVII",
    ),
    "sample.kind.pendidikan": (
        "SD, SLTP, SLTA, D-I, D-II, D-III, D-IV, S-1, S-2, S-3 (juga SMA, S1, Sarjana)",
        "SD, SLTP, SLTA, D-I, D-II, D-III, D-IV, S-1, S-2, S-3 (also SMA, S1, Sarjana)",
    ),
    "sample.kind.jenis_jabatan": (
        "Struktural, Fungsional atau Pelaksana",
        "Struktural, Fungsional or Pelaksana",
    ),
    "sample.kind.eselon": (
        "II.a sampai IV.b; kosong bila non-eselon",
        "II.a to IV.b; empty if none",
    ),
    "sample.kind.sex": ("L (laki-laki) atau P (perempuan)", "L (male) or P (female)"),
    "sample.kind.status": ("PNS atau PPPK", "PNS or PPPK"),
    "sample.kind.bool": ("Ya atau Tidak", "Ya (yes) or Tidak (no)"),
    "sample.kind.level": ("Level 1 sampai 5", "Level 1 to 5"),
    "sample.kind.periode": (
        "Periode: 2024, 2024-Q1, Triwulan I 2024, Semester 1 2024, Januari 2024",
        "Period: 2024, 2024-Q1, Triwulan I 2024, Semester 1 2024, Januari 2024",
    ),
    "sample.kind.periode_volume": (
        "tahun, semester, triwulan, bulan, minggu atau hari (kosong: tahun)",
        "tahun, semester, triwulan, bulan, minggu or hari (empty: tahun)",
    ),
    "sample.error.too_few": (
        "Kota contoh butuh paling sedikit {minimum} pegawai.",
        "The sample city needs at least {minimum} employees.",
    ),
    "sample.error.too_many": (
        "Kota contoh paling banyak {maximum} pegawai: riwayat kinerjanya (12 triwulan per orang) "
        "harus muat dalam satu lembar Excel.",
        "The sample city has at most {maximum} employees: its performance history (12 quarters "
        "a person) must fit one Excel sheet.",
    ),
    "sample.error.too_many.hint": (
        "Turunkan --employees (bawaan 4000).",
        "Lower --employees (default 4000).",
    ),
    "sample.error.too_few.hint": (
        "Naikkan --employees (bawaan 4000).",
        "Raise --employees (default 4000).",
    ),
}
