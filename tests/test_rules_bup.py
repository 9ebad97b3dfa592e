"""BUP ages and TMT pensiun: DOMAIN.md section 5.6 and the section 10 BUP example."""

import dataclasses

import pandas as pd

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
