"""Jenis jabatan, eselon, jenjang, rumpun and the eselon golongan ranges (DOMAIN.md 5.4)."""

import pandas as pd
import pytest

from mutasi_cli.rules.golongan import parse_golongan
from mutasi_cli.rules.jabatan import (
    eselon_range,
    infer_jenis,
    infer_jenjang,
    parse_eselon,
    parse_jenis_jabatan,
    rumpun,
    split_jabatan_jenis,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Struktural", "struktural"),
        ("Jabatan Struktural", "struktural"),
        ("JPT", "struktural"),
        ("Administrator", "struktural"),
        ("Pengawas", "struktural"),
        ("Fungsional Tertentu", "fungsional"),
        ("JFT", "fungsional"),
        ("Fungsional", "fungsional"),
        ("Fungsional Umum", "pelaksana"),
        ("JFU", "pelaksana"),
        ("Pelaksana", "pelaksana"),
        (1, "struktural"),
        ("2", "fungsional"),
        (3.0, "struktural"),  # rangkap
        ("4", "pelaksana"),
    ],
)
def test_jenis_jabatan(value, expected):
    jenis, bad = parse_jenis_jabatan(pd.Series([value], dtype=object))
    assert jenis.iloc[0] == expected and not bad.iloc[0]


def test_unknown_jenis_is_flagged_blank_is_not():
    jenis, bad = parse_jenis_jabatan(pd.Series(["Honorer", "", None], dtype=object))
    assert jenis.isna().all()
    assert bad.tolist() == [True, False, False]


@pytest.mark.parametrize(
    "value", ["II.b", "II/b", "IIb", "II b", "2b", "22", 22.0, "Eselon II.b", "ESELON II/B"]
)
def test_eselon_spellings(value):
    row = parse_eselon(pd.Series([value], dtype=object)).iloc[0]
    assert (row["eselon"], row["eselon_id"], row["ok"]) == ("II.b", 22, True)


@pytest.mark.parametrize("value", ["-", "Non Eselon", "NON-ESELON", "99", None, ""])
def test_non_eselon_is_blank_without_error(value):
    row = parse_eselon(pd.Series([value], dtype=object)).iloc[0]
    assert pd.isna(row["eselon"]) and row["ok"]


def test_unknown_eselon_is_flagged():
    parsed = parse_eselon(pd.Series(["VI.a", "III", "10"]))
    assert parsed["ok"].tolist() == [False, False, True]
    assert parsed["eselon"].iloc[2] == "I.a"


@pytest.mark.parametrize(
    ("eselon", "golongan", "within"),
    [
        ("IV.a", "III/c", True),
        ("IV.a", "III/b", False),
        ("III.a", "IV/a", True),
        ("II.b", "IV/a", False),
    ],
)
def test_domain_eselon_range_examples(eselon, golongan, within):
    low, high = eselon_range(pd.Series([eselon]))
    gid = parse_golongan(pd.Series([golongan]))["golongan_id"].iloc[0]
    assert bool(low.iloc[0] <= gid <= high.iloc[0]) == within


def test_eselon_range_table_and_scalar_form():
    low, high = eselon_range(pd.Series(["II.a", "III.b", "IV.b", None, "V.b"]))
    assert low.tolist()[:3] == [43, 34, 32] and high.tolist()[:3] == [44, 41, 33]
    assert low.iloc[3:].isna().all()
    assert eselon_range("IV.a") == (33, 34)
    assert eselon_range("V.b") is None


JABATAN = pd.Series(
    [
        "Guru Ahli Pertama",
        "Perawat Terampil",
        "Analis Kepegawaian Ahli Muda",
        "Kepala Dinas Kesehatan",
        "Kepala Bidang Mutasi",
        "Kepala Seksi Pelayanan",
        "Pengadministrasi Umum",
        "Guru Madya",
        "Pranata Komputer Pelaksana Lanjutan",
        "Dokter Ahli Utama",
        "Lurah Kutowinangun",
    ]
)


def test_infer_jenjang_and_rumpun():
    jenis = pd.Series(
        ["fungsional"] * 3 + ["struktural"] * 3 + ["pelaksana", "fungsional", None, None, None]
    )
    eselon = pd.Series([None] * 3 + ["II.b", None, None, None, None, None, None, "IV.a"])
    jenjang = infer_jenjang(JABATAN, jenis, eselon)
    assert jenjang.tolist() == [
        "ahli_pertama", "terampil", "ahli_muda", "jpt", "administrator", "pengawas",
        "pelaksana", "ahli_madya", "mahir", "ahli_utama", "pengawas",
    ]  # fmt: skip
    assert rumpun(JABATAN, jenjang).tolist() == [
        "guru", "perawat", "analis kepegawaian", "struktural", "struktural", "struktural",
        "pelaksana", "guru", "pranata komputer", "dokter", "struktural",
    ]  # fmt: skip


def test_functional_name_without_level_word_has_no_jenjang_but_a_rumpun():
    jenjang = infer_jenjang(pd.Series(["Guru"]), pd.Series(["fungsional"]), pd.Series([None]))
    assert pd.isna(jenjang.iloc[0])
    assert rumpun(pd.Series(["Guru"]), jenjang).iloc[0] == "guru"


def test_infer_jenis_without_the_column():
    eselon = pd.Series([None, None, "III.a", None, "V.a"])
    names = pd.Series(
        ["Guru Ahli Muda", "Pengadministrasi Umum", "Sekretaris Dinas", "Perawat Mahir", "Kaur"]
    )
    assert infer_jenis(names, eselon).tolist() == [
        "fungsional", "pelaksana", "struktural", "fungsional", "pelaksana",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "jenis", "jenjang"),
    [
        ("KEPALA DINAS", "struktural", "jpt"),
        ("Kepala Badan Keuangan Daerah", "struktural", "jpt"),
        ("Staf Ahli Wali Kota", "struktural", "jpt"),
        ("ASISTEN", "struktural", "jpt"),
        ("Asisten Perekonomian dan Pembangunan", "struktural", "jpt"),
        ("Sekretaris Dinas Pendidikan", "struktural", "administrator"),
        ("Kabid PAUD", "struktural", "administrator"),
        ("Kepala Bidang Mutasi", "struktural", "administrator"),
        ("Camat Sidorejo", "struktural", "administrator"),
        ("Kepala Kantor Kesatuan Bangsa", "struktural", "administrator"),
        ("Kepala Seksi Pelayanan", "struktural", "pengawas"),
        ("Kepala Sub Bagian Umum", "struktural", "pengawas"),
        ("Kasubbag Keuangan", "struktural", "pengawas"),
        ("Lurah Kutowinangun", "struktural", "pengawas"),
        ("Sekretaris Kelurahan", "struktural", "pengawas"),
        # not structural by the title alone
        ("Kepala Sekolah", "pelaksana", "pelaksana"),
        ("Kepala Puskesmas Sidorejo Lor", "pelaksana", "pelaksana"),
        ("Asisten Apoteker", "pelaksana", "pelaksana"),
        ("Asisten Apoteker Terampil", "fungsional", "terampil"),
        ("Sekretaris", "struktural", "administrator"),
        ("Kepala Pelaksana", "struktural", "jpt"),
        ("Kepala", "pelaksana", "pelaksana"),
        ("Kasir", "pelaksana", "pelaksana"),
        ("Pengadministrasi Umum", "pelaksana", "pelaksana"),
    ],
)
def test_a_structural_title_without_jenis_or_eselon_is_struktural(name, jenis, jenjang):
    """A position map or roster without jenis and eselon columns (docs/regulasi.md 5.4: Kepala
    Dinas JPT, Kabid / Camat administrator, Kasi / Lurah pengawas): a Kepala Dinas is no
    pelaksana; a Kepala Sekolah (a guru with an additional duty) stays as it was."""
    names, none = pd.Series([name]), pd.Series([None], dtype="string")
    found = infer_jenis(names, none)
    assert found.tolist() == [jenis]
    assert infer_jenjang(names, found, none).tolist() == [jenjang]


def test_split_jabatan_and_jenis():
    name, jenis = split_jabatan_jenis(
        pd.Series(
            ["Analis Kepegawaian (Pelaksana)", "Kepala Subbagian Umum (Struktural)", "Guru (SD)"]
        )
    )
    assert name.tolist() == ["Analis Kepegawaian", "Kepala Subbagian Umum", "Guru (SD)"]
    assert jenis.tolist()[:2] == ["pelaksana", "struktural"] and pd.isna(jenis.iloc[2])


def test_ranges_come_from_settings_and_jf_defaults():
    import dataclasses

    from mutasi_cli.rules.jabatan import eselon_range, jf_range
    from mutasi_cli.settings import RangeSettings, Settings

    assert eselon_range("IV.a") == (33, 34)  # III/c-III/d, PP 13/2002
    changed = dataclasses.replace(RangeSettings(), eselon_min={"IV.a": 32}, eselon_max={"IV.a": 35})
    low, high = eselon_range(pd.Series(["IV.a", "II.b"]), changed)
    assert low.tolist() == [32, pd.NA] and high.tolist() == [35, pd.NA]
    jf_low, jf_high = jf_range(pd.Series(["ahli_muda", "Terampil", "pelaksana"]))
    assert jf_low.tolist()[:2] == [33, 23] and jf_high.tolist()[:2] == [34, 24]
    assert pd.isna(jf_low.iloc[2])
    assert Settings().ranges.jf_min["ahli_madya"] == 41


def test_daily_multiplier_matches_the_wke_basis():
    from mutasi_cli.settings import Settings

    abk = Settings().abk
    # 75,000 min a year at 300 effective minutes a day: 250 working days, 50 five-day weeks.
    assert abk.period_multipliers["hari"] * 300 == abk.wke_minutes
    assert abk.period_multipliers["minggu"] * 5 == abk.period_multipliers["hari"]
