"""The illustrative Kota Salatiga organisation: units and the position templates inside them.

The 4 kecamatan and 22 kelurahan are those of DOMAIN.md section 8.1. The OPD list follows
section 8.3 plus the usual kota OPDs; it is illustrative, not the official Salatiga structure.
Each position template carries ``base``, its relative size in a city of about 4,000 staff; the
structural ones hold one person each. Everything here is static: :func:`templates` builds the
same frame every time, and :mod:`mutasi_cli.sample.positions` turns it into a seeded position map.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

KELURAHAN: dict[str, tuple[str, ...]] = {  # DOMAIN.md 8.1 (2013 list, 22 kelurahan)
    "Sidorejo": ("Blotongan", "Sidorejo Lor", "Salatiga", "Bugel", "Kauman Kidul", "Pulutan"),
    "Tingkir": (
        "Kutowinangun",
        "Gendongan",
        "Sidorejo Kidul",
        "Kalibening",
        "Tingkir Lor",
        "Tingkir Tengah",
    ),
    "Argomulyo": ("Noborejo", "Ledok", "Tegalrejo", "Kumpulrejo", "Randuacir", "Cebongan"),
    "Sidomukti": ("Kecandran", "Dukuh", "Mangunsari", "Kalicacing"),
}
PUSKESMAS = ("Sidorejo Lor", "Sidorejo Kidul", "Kalicacing", "Mangunsari", "Tegalrejo", "Cebongan")
N_SD, N_SMP = 28, 12

Role = tuple[str, float]  # (jabatan, base size)

PELAKSANA: tuple[Role, ...] = (
    ("Pengadministrasi Umum", 3),
    ("Pengolah Data", 2),
    ("Pengelola Keuangan", 2),
    ("Pengemudi", 1),
    ("Operator Layanan Operasional", 2),
)


@dataclass(frozen=True)
class Opd:
    """One perangkat daerah: head, secretary, its bidang (or bagian) and its functional staff."""

    name: str
    head: str
    subunits: tuple[str, ...]
    staff: tuple[Role, ...] = ()  # functional and OPD-specific pelaksana positions
    sub_title: str = "Kepala Bidang"
    secretary: str | None = "Sekretaris"


OPDS: tuple[Opd, ...] = (
    Opd(
        "Sekretariat DPRD",
        "Sekretaris DPRD",
        ("Umum dan Keuangan", "Persidangan dan Perundang-undangan", "Fasilitasi Penganggaran"),
        (("Pranata Hubungan Masyarakat Ahli Pertama", 1), ("Analis Hukum Ahli Pertama", 1)),
        sub_title="Kepala Bagian",
        secretary=None,
    ),
    Opd(
        "Inspektorat Daerah",
        "Inspektur",
        ("Wilayah I", "Wilayah II", "Wilayah III"),
        (
            ("Auditor Ahli Pertama", 5),
            ("Auditor Ahli Muda", 3),
            ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", 3),
        ),
        sub_title="Inspektur Pembantu",
    ),
    Opd(
        "Badan Perencanaan Pembangunan Daerah",
        "Kepala Badan",
        ("Perencanaan dan Evaluasi", "Perekonomian dan Infrastruktur", "Pembangunan Manusia"),
        (("Perencana Ahli Pertama", 4), ("Perencana Ahli Muda", 3)),
    ),
    Opd(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Kepala Badan",
        ("Mutasi dan Promosi", "Pengembangan Kompetensi Aparatur", "Pengadaan dan Informasi"),
        (
            ("Analis Kepegawaian Ahli Pertama", 4),
            ("Analis Kepegawaian Ahli Muda", 3),
            ("Asesor Sumber Daya Manusia Aparatur Ahli Pertama", 1),
            ("Pranata Komputer Ahli Pertama", 1),
        ),
    ),
    Opd(
        "Badan Pengelolaan Keuangan dan Pendapatan Daerah",
        "Kepala Badan",
        ("Anggaran", "Perbendaharaan dan Akuntansi", "Pendapatan", "Aset Daerah"),
        (
            ("Analis Keuangan Pusat dan Daerah Ahli Pertama", 4),
            ("Analis Keuangan Pusat dan Daerah Ahli Muda", 2),
            ("Bendahara", 3),
        ),
    ),
    Opd(
        "Dinas Pendidikan",
        "Kepala Dinas",
        ("Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama", "Pendidikan Nonformal"),
        (("Pengawas Sekolah Ahli Madya", 4), ("Pengawas Sekolah Ahli Muda", 2)),
    ),
    Opd(
        "Dinas Kesehatan",
        "Kepala Dinas",
        ("Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit", "Sumber Daya Kesehatan"),
        (
            ("Epidemiolog Kesehatan Ahli Pertama", 2),
            ("Administrator Kesehatan Ahli Pertama", 3),
            ("Penyuluh Kesehatan Masyarakat Ahli Pertama", 2),
        ),
    ),
    Opd(
        "Rumah Sakit Umum Daerah",
        "Direktur",
        ("Pelayanan Medik", "Keperawatan", "Penunjang"),
        (
            ("Dokter Ahli Pertama", 12),
            ("Dokter Ahli Muda", 6),
            ("Dokter Ahli Madya", 4),
            ("Perawat Terampil", 55),
            ("Perawat Ahli Pertama", 40),
            ("Perawat Ahli Muda", 10),
            ("Bidan Terampil", 14),
            ("Bidan Ahli Pertama", 5),
            ("Apoteker Ahli Pertama", 4),
            ("Asisten Apoteker Terampil", 8),
            ("Pranata Laboratorium Kesehatan Terampil", 8),
            ("Radiografer Terampil", 4),
            ("Nutrisionis Terampil", 4),
            ("Perekam Medis Terampil", 8),
            ("Pengadministrasi Umum", 8),
            ("Operator Layanan Operasional", 10),
        ),
        secretary="Kepala Bagian Tata Usaha",
    ),
    Opd(
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kepala Dinas",
        ("Bina Marga", "Sumber Daya Air", "Penataan Ruang", "Cipta Karya"),
        (
            ("Teknik Jalan dan Jembatan Ahli Pertama", 4),
            ("Teknik Pengairan Ahli Pertama", 2),
            ("Penata Ruang Ahli Pertama", 2),
            ("Teknik Tata Bangunan dan Perumahan Ahli Pertama", 2),
        ),
    ),
    Opd(
        "Dinas Komunikasi dan Informatika",
        "Kepala Dinas",
        ("Aplikasi Informatika", "Informasi dan Komunikasi Publik", "Statistik dan Persandian"),
        (
            ("Pranata Komputer Ahli Pertama", 4),
            ("Pranata Komputer Terampil", 2),
            ("Pranata Hubungan Masyarakat Ahli Pertama", 2),
            ("Statistisi Ahli Pertama", 1),
            ("Sandiman Ahli Pertama", 1),
        ),
    ),
    Opd(
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Kepala Dinas",
        ("Pendaftaran Penduduk", "Pencatatan Sipil", "Informasi Administrasi Kependudukan"),
        (("Administrator Database Kependudukan Ahli Pertama", 2), ("Pengolah Data", 4)),
    ),
    Opd(
        "Satuan Polisi Pamong Praja",
        "Kepala Satuan",
        ("Penegakan Peraturan Daerah", "Ketertiban Umum", "Perlindungan Masyarakat"),
        (
            ("Polisi Pamong Praja Terampil", 20),
            ("Polisi Pamong Praja Mahir", 4),
            ("Polisi Pamong Praja Ahli Pertama", 3),
        ),
    ),
    Opd(
        "Dinas Sosial",
        "Kepala Dinas",
        ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial", "Pemberdayaan Sosial"),
        (("Pekerja Sosial Ahli Pertama", 2), ("Penyuluh Sosial Ahli Pertama", 1)),
    ),
    Opd(
        "Dinas Perhubungan",
        "Kepala Dinas",
        ("Lalu Lintas", "Angkutan", "Sarana dan Prasarana"),
        (("Penguji Kendaraan Bermotor Terampil", 3), ("Petugas Pengatur Lalu Lintas", 8)),
    ),
    Opd(
        "Dinas Lingkungan Hidup",
        "Kepala Dinas",
        ("Tata Lingkungan", "Pengendalian Pencemaran", "Pengelolaan Sampah"),
        (("Pengendali Dampak Lingkungan Ahli Pertama", 2), ("Petugas Kebersihan", 10)),
    ),
    Opd(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Kepala Dinas",
        ("Penanaman Modal", "Pelayanan Perizinan", "Pengaduan dan Informasi"),
        (("Penata Perizinan Ahli Pertama", 2),),
    ),
    Opd(
        "Dinas Perdagangan",
        "Kepala Dinas",
        ("Perdagangan", "Pengelolaan Pasar", "Metrologi"),
        (("Penera Terampil", 2), ("Pengawas Perdagangan Ahli Pertama", 1), ("Petugas Pasar", 6)),
    ),
    Opd(
        "Dinas Koperasi dan UKM",
        "Kepala Dinas",
        ("Koperasi", "Usaha Mikro", "Pemberdayaan Usaha Kecil dan Menengah"),
        (("Pengawas Koperasi Ahli Pertama", 2),),
    ),
    Opd(
        "Dinas Perpustakaan dan Kearsipan",
        "Kepala Dinas",
        ("Perpustakaan", "Kearsipan"),
        (
            ("Pustakawan Terampil", 3),
            ("Pustakawan Ahli Pertama", 2),
            ("Arsiparis Terampil", 3),
            ("Arsiparis Ahli Pertama", 2),
        ),
    ),
    Opd(
        "Dinas Kebudayaan dan Pariwisata",
        "Kepala Dinas",
        ("Kebudayaan", "Destinasi Pariwisata", "Pemasaran Pariwisata"),
        (("Pamong Budaya Ahli Pertama", 2),),
    ),
    Opd("Dinas Pemuda dan Olahraga", "Kepala Dinas", ("Kepemudaan", "Keolahragaan")),
    Opd(
        "Badan Kesatuan Bangsa dan Politik",
        "Kepala Badan",
        ("Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri", "Ketahanan Sosial"),
    ),
    Opd(
        "Badan Penanggulangan Bencana Daerah",
        "Kepala Pelaksana",
        ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi"),
        (("Analis Kebencanaan Ahli Pertama", 1), ("Petugas Pemadam Kebakaran", 10)),
    ),
)

SETDA = "Sekretariat Daerah"
ASISTEN = (
    "Pemerintahan dan Kesejahteraan Rakyat",
    "Perekonomian dan Pembangunan",
    "Administrasi Umum",
)
BAGIAN: dict[str, tuple[Role, ...]] = {
    "Bagian Pemerintahan": (("Analis Kebijakan Ahli Pertama", 1),),
    "Bagian Hukum": (
        ("Analis Hukum Ahli Pertama", 2),
        ("Perancang Peraturan Perundang-undangan Ahli Pertama", 1),
    ),
    "Bagian Organisasi": (("Analis Kebijakan Ahli Pertama", 1),),
    "Bagian Kesejahteraan Rakyat": (),
    "Bagian Perekonomian dan Sumber Daya Alam": (("Analis Kebijakan Ahli Pertama", 1),),
    "Bagian Pengadaan Barang dan Jasa": (("Pengelola Pengadaan Barang/Jasa Ahli Pertama", 3),),
    "Bagian Umum": (("Pengemudi", 4), ("Operator Layanan Operasional", 4)),
    "Bagian Protokol dan Komunikasi Pimpinan": (("Pranata Hubungan Masyarakat Ahli Pertama", 1),),
}
KECAMATAN_ROLES: tuple[Role, ...] = (
    ("Pengadministrasi Umum", 3),
    ("Pengolah Data", 1),
    ("Pengelola Keuangan", 1),
    ("Pengemudi", 1),
)
KECAMATAN_SEKSI = ("Pemerintahan", "Kesejahteraan Rakyat", "Ketenteraman dan Ketertiban Umum")
KELURAHAN_SEKSI = ("Pemerintahan dan Ketenteraman", "Pemberdayaan Masyarakat")
KELURAHAN_ROLES: tuple[Role, ...] = (
    ("Pengadministrasi Umum", 2),
    ("Operator Layanan Operasional", 1),
)
# Teachers by subject / teaching type (issue 9): a Guru Kelas is not a Guru Matematika.
SD_ROLES: tuple[Role, ...] = (
    ("Guru Kelas Ahli Muda", 3),
    ("Guru Kelas Ahli Pertama", 2),
    ("Guru Kelas Ahli Madya", 3),
    ("Guru Pendidikan Jasmani Ahli Pertama", 1),
    ("Pengadministrasi Umum", 1),
    ("Operator Layanan Operasional", 1),
)
SMP_ROLES: tuple[Role, ...] = (
    ("Guru Matematika Ahli Muda", 3),
    ("Guru Matematika Ahli Pertama", 3),
    ("Guru Matematika Ahli Madya", 3),
    ("Guru Bahasa Indonesia Ahli Muda", 3),
    ("Guru Bahasa Indonesia Ahli Pertama", 2),
    ("Guru Bahasa Indonesia Ahli Madya", 2),
    ("Guru IPA Ahli Muda", 2),
    ("Guru IPA Ahli Pertama", 2),
    ("Guru IPA Ahli Madya", 2),
    ("Pengadministrasi Umum", 2),
    ("Pengelola Keuangan", 1),
    ("Operator Layanan Operasional", 2),
)
PUSKESMAS_ROLES: tuple[Role, ...] = (
    ("Dokter Ahli Pertama", 3),
    ("Dokter Gigi Ahli Pertama", 1),
    ("Perawat Terampil", 5),
    ("Perawat Ahli Pertama", 4),
    ("Bidan Terampil", 5),
    ("Bidan Ahli Pertama", 2),
    ("Apoteker Ahli Pertama", 1),
    ("Pranata Laboratorium Kesehatan Terampil", 1),
    ("Nutrisionis Terampil", 1),
    ("Sanitarian Terampil", 1),
    ("Pengadministrasi Umum", 2),
    ("Operator Layanan Operasional", 1),
)

# Row: unit_kerja, unit_induk, jabatan, eselon (or None), base, core (kept at any city size).
Row = tuple[str, str, str, str | None, float, bool]


def _staff(unit: str, induk: str, roles: tuple[Role, ...], core_first: bool = False) -> list[Row]:
    return [
        (unit, induk, name, None, float(base), core_first and i == 0)
        for i, (name, base) in enumerate(roles)
    ]


def _opd_rows(opd: Opd) -> list[Row]:
    rows: list[Row] = [(opd.name, opd.name, opd.head, "II.b", 1.0, True)]
    if opd.secretary:
        rows.append((opd.name, opd.name, opd.secretary, "III.a", 1.0, False))
        rows += [
            (opd.name, opd.name, f"Kepala Subbagian {s}", "IV.a", 1.0, False)
            for s in ("Umum dan Kepegawaian", "Perencanaan dan Keuangan")
        ]
    rows += [
        (opd.name, opd.name, f"{opd.sub_title} {s}", "III.b", 1.0, False) for s in opd.subunits
    ]
    own = {name for name, _ in opd.staff}
    common = tuple(role for role in PELAKSANA if role[0] not in own)
    return rows + _staff(opd.name, opd.name, opd.staff + common)


def _setda_rows() -> list[Row]:
    rows: list[Row] = [(SETDA, SETDA, "Sekretaris Daerah", "II.a", 1.0, True)]
    rows += [(SETDA, SETDA, f"Asisten {a}", "II.b", 1.0, False) for a in ASISTEN]
    rows += _staff(SETDA, SETDA, (("Pengadministrasi Umum", 2),))
    for unit, staff in BAGIAN.items():
        rows.append((unit, SETDA, "Kepala Bagian", "III.a", 1.0, True))
        rows += _staff(unit, SETDA, (*staff, ("Pengadministrasi Umum", 2)))
    return rows


def _wilayah_rows() -> list[Row]:
    rows: list[Row] = []
    for kecamatan, kelurahan in KELURAHAN.items():
        kec = f"Kecamatan {kecamatan}"
        rows.append((kec, kec, "Camat", "III.a", 1.0, True))
        rows.append((kec, kec, "Sekretaris Kecamatan", "III.b", 1.0, False))
        rows += [(kec, kec, f"Kepala Seksi {s}", "IV.a", 1.0, False) for s in KECAMATAN_SEKSI]
        rows += _staff(kec, kec, KECAMATAN_ROLES)
        for name in kelurahan:
            kel = f"Kelurahan {name}"
            rows.append((kel, kec, "Lurah", "IV.a", 1.0, True))
            rows.append((kel, kec, "Sekretaris Kelurahan", "IV.b", 1.0, False))
            rows += [(kel, kec, f"Kepala Seksi {s}", "IV.b", 1.0, False) for s in KELURAHAN_SEKSI]
            rows += _staff(kel, kec, KELURAHAN_ROLES)
    return rows


def _service_rows() -> list[Row]:
    schools = [(f"SD Negeri Salatiga {i:02d}", SD_ROLES) for i in range(1, N_SD + 1)]
    schools += [(f"SMP Negeri {i} Salatiga", SMP_ROLES) for i in range(1, N_SMP + 1)]
    rows: list[Row] = []
    for unit, roles in schools:
        rows += _staff(unit, "Dinas Pendidikan", roles, core_first=True)
    for name in PUSKESMAS:
        rows += _staff(f"Puskesmas {name}", "Dinas Kesehatan", PUSKESMAS_ROLES, core_first=True)
    return rows


@cache
def _templates() -> pd.DataFrame:
    rows = _setda_rows() + [r for opd in OPDS for r in _opd_rows(opd)]
    rows += _service_rows() + _wilayah_rows()
    frame = pd.DataFrame(
        rows, columns=["unit_kerja", "unit_induk", "jabatan", "eselon", "base", "core"]
    )
    frame["single"] = frame["eselon"].notna()
    return frame


def templates() -> pd.DataFrame:
    """Every position template of the illustrative city, one row per (unit, jabatan)."""
    return _templates().copy()


def unit_names() -> np.ndarray:
    """The unit names in organisation order."""
    return _templates()["unit_kerja"].unique()
