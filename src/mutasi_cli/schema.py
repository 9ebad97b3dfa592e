"""The one place for canonical tables, columns, their types, labels and header synonyms.

Nothing else in the code spells a raw input header. Headers are matched after
:func:`header_key` folds case, spaces and punctuation (DOMAIN.md section 9.4), so "GOL. RUANG",
"Gol/Ruang" and "gol_ruang" are one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pandas is imported lazily: `mutasi --help` must not load it
    import pandas as pd

Kind = Literal[
    "text",  # free text, kept as str
    "nip",  # 18-digit identifier, always text; numeric cells are rejected (MEASUREMENTS gotcha 1)
    "id",  # other identifiers kept as text (nip_lama, ids)
    "date",  # dates: Excel serial, DD-MM-YYYY, ISO, "1 Januari 2010"
    "int",
    "float",
    "golongan",  # "III/a" and friends -> SIASN id 11..45, PPPK I..XVII kept apart
    "pendidikan",  # SD .. S3 -> ordered SIASN tingkat id
    "jenis_jabatan",  # struktural / fungsional / pelaksana
    "eselon",  # "II.b" and friends
    "sex",  # L / P
    "status",  # PNS / PPPK
    "bool",  # Ya / Tidak
    "level",  # competency level 1..5
    "periode",  # performance period label
]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    label_id: str
    label_en: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    # Headers read as this column only when no synonym matched another column ("Pangkat" is
    # the grade when there is no "Golongan" column, and is left alone beside one).
    fallback: tuple[str, ...] = ()
    # A number above this is a typing or unit mistake, not data (kinds "float"/"int"): the cell
    # is reported (value-too-large) and read as empty, like a cell that is no number.
    maximum: float | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class Table:
    name: str
    label_id: str
    label_en: str
    columns: tuple[Column, ...]
    # Alternatives: the table is complete if every column of any one group is present.
    required_any: tuple[tuple[str, ...], ...] = ()
    key: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id


def C(  # noqa: N802 - a compact constructor keeps the tables readable
    name: str,
    kind: Kind,
    label_id: str,
    label_en: str,
    *synonyms: str,
    required: bool = False,
    fallback: tuple[str, ...] = (),
    maximum: float | None = None,
) -> Column:
    synonyms = (name, label_id, label_en, *synonyms)
    return Column(name, kind, label_id, label_en, synonyms, required, fallback, maximum)


# Plausibility bounds (Column.maximum). A need: one position row needing more people than the
# largest provincial government employs in all is a typo (1e20, a NIP pasted into the column).
# Minutes: no task takes, and no year holds, more minutes than a year has (365 x 24 x 60). A
# job class: 1-17 (DOMAIN.md 9, the kelas jabatan of the Perpres on tunjangan kinerja). A JPM
# is a percentage.
MAX_NEED = 100_000
MINUTES_A_YEAR = 525_600
MAX_KELAS_JABATAN = 17
MAX_PERCENT = 100


# The competencies of PermenPANRB 38/2017 (DOMAIN.md 2.2): 8 manajerial, 1 sosial kultural, and
# one teknis level per position. Keys are canonical column names in `pegawai`, `kompetensi`
# (capaian) and `jabatan` (standar).
MANAJERIAL: tuple[str, ...] = (
    "integritas",
    "kerjasama",
    "komunikasi",
    "orientasi_hasil",
    "pelayanan_publik",
    "pengembangan_diri",
    "mengelola_perubahan",
    "pengambilan_keputusan",
)
SOSIAL_KULTURAL: tuple[str, ...] = ("perekat_bangsa",)
TEKNIS: tuple[str, ...] = ("teknis",)
COMPETENCIES: tuple[str, ...] = MANAJERIAL + SOSIAL_KULTURAL + TEKNIS

COMPETENCY_COLUMNS: tuple[Column, ...] = (
    C("integritas", "level", "Integritas", "Integrity"),
    C("kerjasama", "level", "Kerjasama", "Teamwork", "Kerja Sama"),
    C("komunikasi", "level", "Komunikasi", "Communication"),
    C("orientasi_hasil", "level", "Orientasi pada Hasil", "Result orientation", "Orientasi Hasil"),
    C("pelayanan_publik", "level", "Pelayanan Publik", "Public service"),
    C(
        "pengembangan_diri",
        "level",
        "Pengembangan Diri dan Orang Lain",
        "Developing self and others",
        "Pengembangan Diri",
    ),
    C("mengelola_perubahan", "level", "Mengelola Perubahan", "Managing change"),
    C("pengambilan_keputusan", "level", "Pengambilan Keputusan", "Decision making"),
    C("perekat_bangsa", "level", "Perekat Bangsa", "National cohesion"),
    C("teknis", "level", "Kompetensi Teknis", "Technical competency", "Teknis"),
)

_UNIT = (
    "UNOR",
    "unor_nama",
    "SATUAN KERJA",
    "SKPD",
    "OPD",
    "PERANGKAT DAERAH",
    "satuan_kerja_kerja_nama",
    "Subunitkerja",
    "Loker",
    "SATKER",
    "NAMA UNOR",
)

PEGAWAI = Table(
    "pegawai",
    "pegawai",
    "employees",
    (
        C(
            "nip",
            "nip",
            "NIP",
            "NIP",
            "NIP BARU",
            "nip_baru",
            "NIP/NIDN",
            "NIP 18 DIGIT",
            # issue 11: spellings seen in public HR workbooks
            "NIP/NIPPK",
            "NIP/NIK",
            "NIP PNS",
            required=True,
        ),
        C("nip_lama", "id", "NIP Lama", "Old NIP"),
        C(
            "nama",
            "text",
            "Nama",
            "Name",
            "NAMA PEGAWAI",
            "NAMA LENGKAP",
            "NAMA PNS",
            "NAMA PEGAWAI/PNS",
            required=True,
        ),
        C("gelar_depan", "text", "Gelar Depan", "Title (front)"),
        C("gelar_belakang", "text", "Gelar Belakang", "Title (back)"),
        # A name split in two columns; io.read joins them into `nama` when there is no `nama`.
        C("nama_depan", "text", "Nama Depan", "First name", "first_name"),
        C("nama_belakang", "text", "Nama Belakang", "Last name", "last_name"),
        # Name and NIP in one cell, a line apart (SIMPEG prints: "Budi Santoso, S.Kom" over
        # "19860926 201505 1 001"); io.read splits it into `nama` and `nip`.
        C(
            "nama_nip",
            "text",
            "Nama / NIP",
            "Name / NIP",
            "NAMA DAN NIP",
            "NAMA, NIP",
            "NAMA PEGAWAI/NIP",  # the Mojokerto DUK print: "Nama Pegawai" over "NIP"
            "NAMA PNS/NIP",
        ),
        # Grade and its TMT in one cell ("III/a" over "01-04-2010", the Mojokerto SIMPEG print's
        # "GR / TMT"), or a two-row header "GOL" over "TMT" holding only the dates: io.read
        # splits the cells into `golongan` and `tmt_golongan`, each only where the table has
        # no column of its own.
        C(
            "golongan_tmt",
            "text",
            "Gol / TMT",
            "Grade / since",
            "GR/TMT",
            "GOL/RUANG/TMT",
            "GOL RUANG/TMT",
            "GOLONGAN/TMT",
            "PANGKAT/GOL/TMT",
            "PANGKAT GOL/TMT",
            "PANGKAT/GOL RUANG/TMT",
        ),
        C(
            "status",
            "status",
            "Status Pegawai",
            "Employee status",
            "STATUS",
            "jenis_pegawai_nama",
            "PNS/PPPK",
            "Status Tipe",
            "JENIS PEGAWAI",
            "STATUS KEPEGAWAIAN",
            "STATUS ASN",
            # status_cpns_pns (C/P) only when the export has no jenis_pegawai_nama
            fallback=("status_cpns_pns",),
        ),
        C(
            "golongan",
            "golongan",
            "Golongan",
            "Grade",
            "GOL",
            "GOL/RUANG",
            "GOL RUANG",
            "PANGKAT/GOL",
            "GOLONGAN/PANGKAT",
            "gol_akhir_nama",
            "PANGKAT/Gol Ruang",
            "PANGKAT TERAKHIR/GOL/RUANG",
            "Pangkat Golongan",
            "PANGKAT/GOLONGAN",
            "GOLONGAN RUANG",
            "GOL AKHIR",
            required=True,
            fallback=("PANGKAT", "PANGKAT TERAKHIR", "gol_akhir_id"),
        ),
        C(
            "tmt_golongan",
            "date",
            "TMT Golongan",
            "Grade since",
            "TMT GOL",
            "TMT PANGKAT",
            "TMT PANGKAT TERAKHIR",
            "PANGKAT/TMT",
            "PANGKAT TERAKHIR/TMT",
        ),
        C(
            "jabatan",
            "text",
            "Jabatan",
            "Position",
            "NAMA JABATAN",
            "jabatan_nama",
            "JABATAN/NAMA JABATAN",
            "JABATAN/NAMA",
            "JABATAN SAAT INI",
            "JABATAN TERAKHIR",
            "NAMA JABATAN SAAT INI",
            required=True,
        ),
        C("jenis_jabatan", "jenis_jabatan", "Jenis Jabatan", "Job type", "jenis_jabatan_nama"),
        C(
            "eselon",
            "eselon",
            "Eselon",
            "Echelon",
            "ESL",
            "eselon_id",
            "ES",
            "JABATAN/ES",
            "JABATAN/ESS",
            "JABATAN/ESELON",
        ),
        C(
            "tmt_jabatan",
            "date",
            "TMT Jabatan",
            "In position since",
            "JABATAN/TMT",
            "JABATAN/TMT JABATAN",
            required=True,
        ),
        C(
            "unit_kerja",
            "text",
            "Unit Kerja",
            "Unit",
            *(u for u in _UNIT if u != "satuan_kerja_kerja_nama"),
            required=True,
            # SIASN's unor_nama is the unit; satuan_kerja_kerja_nama only when unor_nama is absent
            fallback=("satuan_kerja_kerja_nama",),
        ),
        C(
            "unit_induk",
            "text",
            "Unit Induk",
            "Parent unit",
            "INDUK",
            "UNOR INDUK",
            "satuan_kerja_induk_nama",
            "INSTANSI",
            "INSTANSI INDUK",
            # a full SIASN export has all three; the first one found wins, the others stay unused
            fallback=("instansi_kerja_nama", "instansi_induk_nama"),
        ),
        C(
            "pendidikan",
            "pendidikan",
            "Pendidikan",
            "Education",
            "PENDIDIKAN TERAKHIR",
            "PEND AKHIR",
            "tingkat_pendidikan_nama",
            "PENDIDIKAN/TINGKAT IJAZAH",
            "PENDIDIKAN AKHIR/TINGKAT IJAZAH",
            "TINGKAT PENDIDIKAN",
            "Pend Sesuai SK Terakhir",
            "PENDIDIKAN SESUAI SK TERAKHIR",
            "PEND TERAKHIR",
        ),
        C(
            "jurusan",
            "text",
            "Jurusan",
            "Field of study",
            "pendidikan_nama",
            "PENDIDIKAN/NAMA PENDIDIKAN",
            "BIDANG JURUSAN",
        ),
        C("tempat_lahir", "text", "Tempat Lahir", "Place of birth", "tempat_lahir_nama"),
        C("tanggal_lahir", "date", "Tanggal Lahir", "Date of birth", "TGL LAHIR"),
        C(
            "tempat_tanggal_lahir",
            "text",
            "Tempat/Tgl Lahir",
            "Place/date of birth",
            "TEMPAT TGL LAHIR",
            "TEMPAT & TGL LAHIR",
            "TEMPAT/TANGGAL LAHIR",
        ),
        C(
            "jenis_kelamin",
            "sex",
            "Jenis Kelamin",
            "Sex",
            "JK",
            "L/P",
            "Jenis Kel",
            "JNS KEL",
            "KELAMIN",
        ),
        C("tmt_cpns", "date", "TMT CPNS", "CPNS since"),
        C(
            "hukuman_disiplin",
            "text",
            "Hukuman Disiplin",
            "Disciplinary sanction",
            "HUKDIS",
            "Sanksi",
        ),
        C(
            "hukuman_selesai",
            "date",
            "Hukuman Berakhir",
            "Sanction ends",
            "Hukuman Sampai",
            "TMT Selesai Hukuman",
        ),
        C(
            "kinerja",
            "text",
            "Predikat Kinerja",
            "Performance rating",
            "Kinerja",
            "Predikat Kinerja 1 tahun terakhir",
            "PREDIKAT",
        ),
        C(
            "potensi",
            "float",
            "Potensi (JPM %)",
            "Potential (JPM %)",
            "Potensi",
            "JPM",
            maximum=MAX_PERCENT,
        ),
        *COMPETENCY_COLUMNS,
    ),
    key=("nip",),
)

# In a SIASN peta-jabatan listing each row is a node of the organisation tree: "NAMA UNOR" is
# the position (or, for a structural post, the unit it heads), "NAMA ATASAN" the unit it sits in
# and "UNOR INDUK" the OPD; "NAMA SUB JABATAN" narrows a functional post (SOURCES.md,
# siasn_listing_validasi).
_POSITION_UNIT = (*(u for u in _UNIT if u != "NAMA UNOR"), "NAMA ATASAN")

JABATAN = Table(
    "jabatan",
    "jabatan",
    "positions",
    (
        C("unit_kerja", "text", "Unit Kerja", "Unit", *_POSITION_UNIT, required=True),
        C(
            "jabatan",
            "text",
            "Jabatan",
            "Position",
            "NAMA JABATAN",
            "jabatan_nama",
            "NAMA UNOR",
            required=True,
        ),
        C("sub_jabatan", "text", "Sub Jabatan", "Sub-position", "NAMA SUB JABATAN"),
        C(
            "kebutuhan",
            "float",
            "Kebutuhan",
            "Required staff",
            "TOTAL KEBUTUHAN",
            "FORMASI",
            "JUMLAH KEBUTUHAN",
            "KEBUTUHAN PEGAWAI",
            maximum=MAX_NEED,
        ),
        C("unit_induk", "text", "Unit Induk", "Parent unit", "UNOR INDUK"),
        C("jenis_jabatan", "jenis_jabatan", "Jenis Jabatan", "Job type", "jenis_jabatan_nama"),
        C("eselon", "eselon", "Eselon", "Echelon", "ESL", "eselon_nama", "eselon_id"),
        C(
            "kelas_jabatan",
            "int",
            "Kelas Jabatan",
            "Job class",
            "KELAS",
            "kelas_jabatan_id",
            maximum=MAX_KELAS_JABATAN,
        ),
        C("golongan_min", "golongan", "Golongan Minimal", "Minimum grade", "GOL MIN"),
        C("golongan_max", "golongan", "Golongan Maksimal", "Maximum grade", "GOL MAKS", "GOL MAX"),
        C(
            "pendidikan_min",
            "pendidikan",
            "Pendidikan Minimal",
            "Minimum education",
            "PENDIDIKAN MIN",
            "SYARAT PENDIDIKAN",
        ),
        C("jurusan", "text", "Jurusan", "Field of study", "BIDANG PENDIDIKAN", "SYARAT JURUSAN"),
        # Issue 9: the job group of a pelaksana title (overrides data/pelaksana_groups.csv).
        C(
            "kelompok_jabatan",
            "text",
            "Kelompok Jabatan",
            "Job group",
            "RUMPUN",
            "RUMPUN JABATAN",
            "KELOMPOK JABATAN PELAKSANA",
        ),
        *COMPETENCY_COLUMNS,
    ),
    key=("unit_kerja", "jabatan"),
)

BEBAN_KERJA = Table(
    "beban_kerja",
    "beban_kerja",
    "workload",
    (
        C("unit_kerja", "text", "Unit Kerja", "Unit", *_UNIT),
        C("jabatan", "text", "Jabatan", "Position", "NAMA JABATAN"),
        C("uraian_tugas", "text", "Uraian Tugas", "Task", "TUGAS", "TUGAS POKOK"),
        C("satuan_hasil", "text", "Satuan Hasil", "Output unit", "Satuan Hasil Kerja", "SATUAN"),
        C(
            "volume",
            "float",
            "Volume",
            "Volume",
            "VOLUME KERJA",
            "BEBAN KERJA",
            "JUMLAH HASIL",
            "Beban Kerja 1 Tahun",
            "BEBAN KERJA SATU TAHUN",
            required=True,
        ),
        C("periode", "text", "Periode Volume", "Volume period", "PERIODE", "SATUAN WAKTU"),
        C(
            "norma_waktu",
            "float",
            "Norma Waktu (menit)",
            "Standard time (min)",
            "NORMA WAKTU",
            "WAKTU PENYELESAIAN (MENIT)",
            "WAKTU PENYELESAIAN",
            "Waktu Penyelesaian (jam/menit)",
            "WAKTU PENYELESAIAN (JAM)",
            required=True,
            maximum=MINUTES_A_YEAR,
        ),
        C(
            "wke",
            "float",
            "Waktu Kerja Efektif",
            "Effective working time",
            "WKE",
            "WAKTU KERJA EFEKTIF (MENIT)",
            "Waktu Kerja Efektif 1 Tahun",
            "WAKTU KERJA EFEKTIF SATU TAHUN",
            maximum=MINUTES_A_YEAR,
        ),
        C(
            "kebutuhan_pegawai",
            "float",
            "Pegawai yang Dibutuhkan",
            "Staff needed",
            "PEGAWAI YANG DIBUTUHKAN",
            maximum=MAX_NEED,
        ),
    ),
    key=("unit_kerja", "jabatan"),
)

KOMPETENSI = Table(
    "kompetensi",
    "kompetensi",
    "competencies",
    (
        C("nip", "nip", "NIP", "NIP", "NIP BARU", "nip_baru", required=True),
        C("nama", "text", "Nama", "Name", "NAMA PEGAWAI"),
        C("kompetensi", "text", "Kompetensi", "Competency", "NAMA KOMPETENSI", "ASPEK"),
        C("level", "level", "Level", "Level", "CAPAIAN", "NILAI", "LEVEL CAPAIAN"),
        C("kelompok", "text", "Kelompok", "Group"),
        C("tanggal_asesmen", "date", "Tanggal Asesmen", "Assessment date", "TGL ASESMEN"),
        *COMPETENCY_COLUMNS,
    ),
    key=("nip",),
)

ASPIRASI = Table(
    "aspirasi",
    "aspirasi",
    "aspirations",
    (
        C("nip", "nip", "NIP", "NIP", "NIP BARU", required=True),
        C("nama", "text", "Nama", "Name"),
        C(
            "bersedia_mutasi",
            "bool",
            "Bersedia Dimutasi",
            "Willing to move",
            "BERSEDIA MUTASI",
            "BERSEDIA",
            "KESEDIAAN",
        ),
        C("pilihan_1", "text", "Pilihan 1 Unit", "Choice 1 unit", "PILIHAN 1", "PILIHAN 1/UNIT"),
        C(
            "pilihan_1_jabatan",
            "text",
            "Pilihan 1 Jabatan",
            "Choice 1 position",
            "PILIHAN 1/JABATAN",
        ),
        C("pilihan_2", "text", "Pilihan 2 Unit", "Choice 2 unit", "PILIHAN 2", "PILIHAN 2/UNIT"),
        C(
            "pilihan_2_jabatan",
            "text",
            "Pilihan 2 Jabatan",
            "Choice 2 position",
            "PILIHAN 2/JABATAN",
        ),
        C("pilihan_3", "text", "Pilihan 3 Unit", "Choice 3 unit", "PILIHAN 3", "PILIHAN 3/UNIT"),
        C(
            "pilihan_3_jabatan",
            "text",
            "Pilihan 3 Jabatan",
            "Choice 3 position",
            "PILIHAN 3/JABATAN",
        ),
        C("alasan", "text", "Alasan", "Reason", "KETERANGAN"),
    ),
    key=("nip",),
)

KINERJA = Table(
    "kinerja",
    "kinerja",
    "performance",
    (
        C("nip", "nip", "NIP", "NIP", "NIP BARU", "nipNrp", required=True),
        C("nama", "text", "Nama", "Name"),
        C(
            "periode",
            "periode",
            "Periode",
            "Period",
            "PERIODE PENILAIAN",
            "TAHUN",
            "PERIODE KINERJA",
            required=True,
        ),
        C(
            "nilai",
            "float",
            "Nilai",
            "Score",
            "NILAI PRESTASI KERJA",
            "NILAI AKHIR",
            "NILAI SKP TOTAL",
        ),
        C("nilai_skp", "float", "Nilai SKP", "SKP score", "SKP"),
        C(
            "nilai_perilaku",
            "float",
            "Nilai Perilaku",
            "Behaviour score",
            "rata-rata",
            "NILAI PERILAKU KERJA",
        ),
        C("predikat", "text", "Predikat", "Rating", "PREDIKAT KINERJA", "kuadranKinerja"),
        C(
            "hasil_kerja",
            "text",
            "Hasil Kerja",
            "Work results",
            "hasilKinerja",
            "RATING HASIL KERJA",
        ),
        C(
            "perilaku_kerja",
            "text",
            "Perilaku Kerja",
            "Work behaviour",
            "perilakuKerja",
            "RATING PERILAKU KERJA",
        ),
        C("unit_kerja", "text", "Unit Kerja", "Unit", *_UNIT),
        C("jabatan", "text", "Jabatan", "Position"),
    ),
    required_any=(
        ("nilai",),
        ("predikat",),
        ("hasil_kerja", "perilaku_kerja"),
        ("nilai_skp", "nilai_perilaku"),
    ),
    key=("nip", "periode"),
)

RIWAYAT = Table(
    "riwayat_mutasi",
    "riwayat_mutasi",
    "transfer_history",
    (
        C("nip", "nip", "NIP", "NIP", "NIP BARU", required=True),
        C("nama", "text", "Nama", "Name"),
        C(
            "tmt_mutasi",
            "date",
            "TMT Mutasi",
            "Transfer date",
            "TMT",
            "TGL EFEKTIF",
            "TANGGAL EFEKTIF",
            "TMT SK",
            required=True,
        ),
        C(
            "unit_asal",
            "text",
            "Unit Asal",
            "From unit",
            "UNIT KERJA LAMA",
            "LOKER LAMA",
            "UNIT KERJA ASAL",
            required=True,
        ),
        C("jabatan_asal", "text", "Jabatan Asal", "From position", "JABATAN LAMA", required=True),
        C(
            "unit_tujuan",
            "text",
            "Unit Tujuan",
            "To unit",
            "UNIT KERJA BARU",
            "LOKER BARU",
            "UNIT KERJA TUJUAN",
            required=True,
        ),
        C("jabatan_tujuan", "text", "Jabatan Tujuan", "To position", "JABATAN BARU", required=True),
        C("golongan", "golongan", "Golongan", "Grade", "GOLONGAN LAMA"),
        C("nomor_sk", "id", "Nomor SK", "Decree number", "NO SK", "NOMOR KEPUTUSAN"),
        C("tanggal_sk", "date", "Tanggal SK", "Decree date", "TGL SK"),
        C("jenis_mutasi", "text", "Jenis Mutasi", "Transfer kind"),
    ),
    key=("nip", "tmt_mutasi"),
)

# The committee record of a review round (issue 9/10: `keputusan-komite-<tmt>.xlsx`, sheet
# "Keputusan Komite"), read back by `mutasi propose --carry-over`. Not an input table of the
# other commands, so it is not in TABLES.
KEPUTUSAN = Table(
    "keputusan",
    "Keputusan Komite",
    "Committee decisions",
    (
        C("nip", "nip", "NIP", "NIP", required=True),
        C("nama", "text", "Nama", "Name"),
        C("unit_asal", "text", "Unit Kerja Asal", "From unit", "UNIT ASAL"),
        C("jabatan_asal", "text", "Jabatan Asal", "From position"),
        C("unit_tujuan", "text", "Unit Kerja Tujuan", "To unit", "UNIT TUJUAN", required=True),
        C("jabatan_tujuan", "text", "Jabatan Tujuan", "To position", required=True),
        C("keputusan", "text", "Keputusan", "Decision", required=True),
        C("catatan", "text", "Catatan", "Note"),
        C("tanggal_keputusan", "date", "Tanggal Keputusan", "Decision date", "TANGGAL SIDANG"),
    ),
    key=("nip",),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (PEGAWAI, JABATAN, BEBAN_KERJA, KOMPETENSI, ASPIRASI, KINERJA, RIWAYAT)
}

_PUNCT = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """Fold a header for matching: lower case, accents off, punctuation and spaces removed.

    >>> header_key(" Gol. Ruang ") == header_key("gol_ruang") == "golruang"
    True
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return _PUNCT.sub("", s.casefold())


def synonym_index(table: Table) -> dict[str, str]:
    """Folded header -> canonical column name for one table."""
    index: dict[str, str] = {}
    for col in table.columns:
        for syn in col.synonyms:
            index.setdefault(header_key(syn), col.name)
    return index


def fallback_index(table: Table) -> dict[str, str]:
    """Folded fallback header -> canonical column (used only when the column is not found)."""
    return {header_key(syn): col.name for col in table.columns for syn in col.fallback}


def label(table: str, column: str, lang: str) -> str:
    """Display label of a canonical column."""
    return TABLES[table].column(column).label(lang)


def column_labels(lang: str) -> dict[str, str]:
    """Canonical column -> its display label, for the names every table labels alike (all
    but ``periode``: a performance period in one table, a volume's in another)."""
    found: dict[str, set[str]] = {}
    for table in TABLES.values():
        for column in table.columns:
            found.setdefault(column.name, set()).add(column.label(lang))
    return {name: labels.pop() for name, labels in found.items() if len(labels) == 1}


def name_key(values: pd.Series) -> pd.Series:
    """Vectorised matching key for unit and position names: case-folded, single-spaced.

    "Dinas  Kesehatan " and "DINAS KESEHATAN" share one key. Use it for every join on
    (unit_kerja, jabatan); display the original text.
    """
    import pandas as pd

    text = values.astype("string")
    codes, uniques = pd.factorize(text)  # each distinct name once (a column repeats a few)
    keys = (
        pd.Series(uniques, dtype="string")
        .str.normalize("NFKC")
        .str.casefold()
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )
    return pd.Series(keys.array.take(codes, allow_fill=True), index=values.index, name=values.name)


# Columns that say what a row is about, in the order output tables lead with them: a person
# (NIP, then name) or a position (unit, then title).
PERSON_COLUMNS = ("nip", "nama")
POSITION_COLUMNS = ("unit_kerja", "jabatan")


def person_columns(columns: Sequence[str]) -> int:
    """How many of ``columns`` lead with :data:`PERSON_COLUMNS` (NIP, then name): an output
    sheet keeps them left of the scroll area and prints them on every page of a wide sheet."""
    return _leading(columns, PERSON_COLUMNS)


def key_columns(columns: Sequence[str]) -> int:
    """How many of ``columns`` lead with a person's or a position's key (unit, then title):
    printed on every page of a sheet too wide for one."""
    return _leading(columns, PERSON_COLUMNS) or _leading(columns, POSITION_COLUMNS)


def _leading(columns: Sequence[str], key: tuple[str, ...]) -> int:
    count = 0
    for column, part in zip(columns, key, strict=False):
        if column != part:
            break
        count += 1
    return count
