"""BUP ages and TMT pensiun: DOMAIN.md section 5.6 and the section 10 BUP example."""

import dataclasses

import pandas as pd
import pytest

from mutasi_cli.rules import bup
from mutasi_cli.settings import BupSettings, Settings

S = Settings()


def dates(*values: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)))


def text(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype="string")


def test_ages_by_job_group():
    jenjang = text("pelaksana", "Administrator", "jpt", "ahli_madya", "ahli_utama", "terampil")
    assert bup.bup_age(jenjang, S).tolist() == [58, 58, 60, 60, 65, 58]


def test_unknown_or_missing_jenjang_gets_the_default_age():
    assert bup.bup_age(text("lurah", None), S).tolist() == [58, 58]


def test_sector_age_of_the_job_family_applies_when_higher():
    jenjang = text("ahli_pertama", "ahli_utama", "ahli_pertama")
    rumpun = text("guru", "guru", None)
    assert bup.bup_age(jenjang, S, rumpun).tolist() == [60, 65, 58]


def test_section_10_example_born_1967_03_15():
    born = dates("1967-03-15", "1967-03-15", "1967-03-15")
    age = bup.bup_age(text("pelaksana", "jpt", "ahli_utama"), S)
    got = bup.retirement_date(born, age, S)
    assert got.tolist() == list(pd.to_datetime(["2025-04-01", "2027-04-01", "2032-04-01"]))


def test_born_on_the_first_still_retires_the_next_month_and_december_rolls_over():
    born = dates("1967-03-01", "1966-12-31", None)
    got = bup.retirement_date(born, pd.Series([58, 58, 58]), S)
    assert got.iloc[0] == pd.Timestamp("2025-04-01")
    assert got.iloc[1] == pd.Timestamp("2025-01-01")
    assert pd.isna(got.iloc[2])


def test_birthday_itself_when_configured():
    settings = dataclasses.replace(S, bup=BupSettings(first_of_next_month=False))
    got = bup.retirement_date(dates("1967-03-15", "1964-02-29"), pd.Series([58, 61]), settings)
    assert got.tolist() == list(pd.to_datetime(["2025-03-15", "2025-02-28"]))


def test_age_table_is_configurable():
    settings = dataclasses.replace(S, bup=BupSettings(ages={"pelaksana": 56}, default_age=57))
    assert bup.bup_age(text("pelaksana", "jpt"), settings).tolist() == [56, 57]


# Issue 9: every Guru title and the Pengawas Sekolah get 60 (family matched by pattern), one
# case per family of the table.
FAMILY_CASES = [
    ("ahli_muda", "guru kelas", "Guru Kelas Ahli Muda", 60),
    ("ahli_pertama", "guru matematika", "Guru Matematika Ahli Pertama", 60),
    ("ahli_muda", "guru bimbingan dan konseling", "Guru Bimbingan dan Konseling Ahli Muda", 60),
    ("ahli_pertama", "guru", "Guru Ahli Pertama", 60),
    ("ahli_muda", "pengawas sekolah", "Pengawas Sekolah Ahli Muda", 60),
    ("ahli_muda", None, "Guru Kelas Ahli Muda", 60),  # family unknown: the title matches
    ("ahli_utama", "guru kelas", "Guru Kelas Ahli Utama", 65),  # the jenjang is higher
    ("ahli_muda", "perawat", "Perawat Ahli Muda", 58),
    ("ahli_madya", "perawat", "Perawat Ahli Madya", 60),
    ("terampil", "perawat", "Perawat Terampil", 58),
    ("pelaksana", "pelaksana", "Pengadministrasi Umum", 58),
    ("pengawas", "struktural", "Kepala Seksi Kurikulum", 58),  # "pengawas" jenjang, not family
    ("jpt", "struktural", "Kepala Dinas", 60),
]


@pytest.mark.parametrize(("jenjang", "rumpun", "jabatan", "age"), FAMILY_CASES)
def test_family_ages_by_pattern(jenjang, rumpun, jabatan, age):
    got = bup.bup_age(text(jenjang), S, text(rumpun), text(jabatan))
    assert got.tolist() == [age]


def test_guru_kelas_born_1967_06_15_retires_2027_07_01():
    age = bup.bup_age(text("ahli_muda"), S, text("guru kelas"), text("Guru Kelas Ahli Muda"))
    got = bup.retirement_date(dates("1967-06-15"), age, S)
    assert got.tolist() == [pd.Timestamp("2027-07-01")]


def test_family_ages_are_configurable():
    changed = dataclasses.replace(S, bup=dataclasses.replace(S.bup, family_ages={r"^dokter\b": 65}))
    got = bup.bup_age(text("ahli_muda", "ahli_muda"), changed, text("dokter", "guru kelas"))
    assert got.tolist() == [65, 58]
