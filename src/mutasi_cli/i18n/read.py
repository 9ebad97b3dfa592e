"""Labels of the file reader (hints under its error messages)."""

LABELS: dict[str, tuple[str, str]] = {
    "read.hint.file": ("Berkas: {path}", "File: {path}"),
    # what a table is, in a sentence ("this file looks like a position map")
    "read.table.pegawai": ("data pegawai", "an employee roster"),
    "read.table.jabatan": ("peta jabatan", "a position map"),
    "read.table.beban_kerja": ("data beban kerja (ABK)", "a workload (ABK) table"),
    "read.table.kompetensi": ("data kompetensi", "a competency table"),
    "read.table.aspirasi": ("data aspirasi", "an aspirations table"),
    "read.table.kinerja": ("data kinerja", "a performance table"),
    "read.table.riwayat_mutasi": ("riwayat mutasi", "a transfer history"),
    "read.joined": ("{first} + {second}", "{first} + {second}"),
    # why a file is another table than the one given (issue table-mismatch)
    "read.why.missing": (
        "kolom wajib {given} tidak ditemukan ({columns})",
        "required columns are missing ({columns})",
    ),
    "read.why.people": (
        "berkas ini mendaftar orang per NIP, {given} tidak",
        "this file lists people by NIP, {given} does not",
    ),
    "read.none": ("tidak ada", "none"),
    # what the values of a field look like (column-values-mismatch)
    "read.domain.nip": ("NIP berupa angka", "NIP digits"),
    "read.domain.status": ("PNS, PPPK atau CPNS", "PNS, PPPK or CPNS"),
    "read.domain.golongan": ("golongan seperti III/a atau IX", "a grade such as III/a or IX"),
    "read.domain.date": ("tanggal", "dates"),
    "read.domain.float": ("angka", "numbers"),
    "read.domain.int": ("angka", "numbers"),
    "read.domain.level": ("level 1-5", "levels 1-5"),
    "read.domain.sex": ("L/P", "L/P"),
    "read.domain.pendidikan": ("jenjang pendidikan seperti S1", "an education level such as S1"),
    "read.domain.eselon": ("eselon seperti III.a", "an echelon such as III.a"),
    "read.domain.jenis_jabatan": (
        "Struktural, Fungsional atau Pelaksana",
        "Struktural, Fungsional or Pelaksana",
    ),
    "read.domain.name": ("nama (teks)", "names (text)"),
}
