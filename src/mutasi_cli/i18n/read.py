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
}
