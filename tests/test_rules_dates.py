"""Dates, places of birth, title dates and performance periods."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.rules.dates import parse_as_of, parse_dates, parse_period, split_place_date

T = pd.Timestamp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12-03-1980", "1980-03-12"),
        ("12/03/1980", "1980-03-12"),
        ("12.03.1980", "1980-03-12"),
        ("2-3-1980", "1980-03-02"),  # day first, always
        (" 12 - 03 - 1980 ", "1980-03-12"),
        ("1980-03-12", "1980-03-12"),
        ("1980-03-12 10:22:01", "1980-03-12"),
        ("1980-03-12T10:22", "1980-03-12"),
        ("19800312", "1980-03-12"),
        ("12031980", "1980-03-12"),  # ddmmyyyy (SIMPEG dumps)
        ("01072019", "2019-07-01"),
        ("20100101", "2010-01-01"),  # yyyymmdd: as ddmmyyyy the year would be 0101
        ("20011999", "1999-01-20"),  # ddmmyyyy: as yyyymmdd the month would be 19
        ("1 Januari 2010", "2010-01-01"),
        ("1 Jan 2010", "2010-01-01"),
        ("17 Agustus 1945", "1945-08-17"),
        ("25 DEC 1986", "1986-12-25"),
        ("25-Des-1986", "1986-12-25"),
        ("3 Pebruari 1999", "1999-02-03"),
        (40000.0, "2009-07-06"),  # Excel serial
        (36526, "2000-01-01"),
        (dt.datetime(2020, 1, 2, 8, 30), "2020-01-02 08:30"),
        (dt.date(2019, 5, 5), "2019-05-05"),
        (T("2021-01-01"), "2021-01-01"),
        ("04-05-1891", "1891-05-04"),  # parsed; plausibility is checked later
        ("Senin, 1 Juli 2019", "2019-07-01"),  # a day name in front, matching the date
        ("senin 1 juli 2019", "2019-07-01"),
        ("Jum'at, 5 Juli 2019", "2019-07-05"),
        ("Minggu, 07-07-2019", "2019-07-07"),
        ("Monday, 1 July 2019", "2019-07-01"),
        ("Sabtu 2019-07-06", "2019-07-06"),
    ],
)
def test_accepted_forms(value, expected):
    dates, bad = parse_dates(pd.Series([value], dtype=object))
    assert dates.iloc[0] == T(expected)
    assert not bad.iloc[0]


@pytest.mark.parametrize("value", ["-", "", "  ", None, np.nan, "0000-00-00", 0.0])
def test_blanks_are_nat_without_error(value):
    dates, bad = parse_dates(pd.Series([value], dtype=object))
    assert pd.isna(dates.iloc[0]) and not bad.iloc[0]


@pytest.mark.parametrize(
    "value",
    [
        "31-02-2020",
        "0-45-23-2001",
        "03-091998",
        "abc",
        1986,
        60.0,
        "01-07-19",  # a two-digit year is never guessed
        "32011999",  # ddmmyyyy with no such day
        "01131999",  # nor such month
        "Selasa, 1 Juli 2019",  # 1 July 2019 was a Monday: which of the two is wrong?
        "Senin",
        "Mingguan 1 Juli 2019",
    ],
)
def test_unparseable_values_are_flagged(value):
    dates, bad = parse_dates(pd.Series([value], dtype=object))
    assert pd.isna(dates.iloc[0]) and bad.iloc[0]


def test_mixed_column_keeps_index_and_dtype():
    values = pd.Series(["12-03-1980", 40000.0, None, "x"], index=[4, 2, 9, 1], dtype=object)
    dates, bad = parse_dates(values)
    assert str(dates.dtype) == "datetime64[ns]"
    assert list(dates.index) == [4, 2, 9, 1]
    assert bad.tolist() == [False, False, False, True]


def test_datetime_column_passes_through():
    values = pd.Series(pd.to_datetime(["2020-01-01", None]))
    dates, bad = parse_dates(values)
    assert dates.iloc[0] == T("2020-01-01") and not bad.any()


def test_split_place_date():
    values = pd.Series(
        [
            "Salatiga, 12-03-1980",
            "Kab. Semarang, Jawa Tengah, 1 Januari 1979",
            "Salatiga 12-03-1980",
            "Salatiga",
            "12-03-1980",
            "Boyolali, 31-02-1980",
            None,
        ]
    )
    place, dates, bad = split_place_date(values)
    assert place.tolist()[:4] == ["Salatiga", "Kab. Semarang, Jawa Tengah", "Salatiga", "Salatiga"]
    assert pd.isna(place.iloc[4]) and place.iloc[5] == "Boyolali"
    assert dates.tolist()[:3] == [T("1980-03-12"), T("1979-01-01"), T("1980-03-12")]
    assert pd.isna(dates.iloc[3]) and dates.iloc[4] == T("1980-03-12")
    assert bad.tolist() == [False, False, False, False, False, True, False]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PER- 16 JUNI 2017", dt.date(2017, 6, 16)),
        ("KEADAAN BULAN APRIL TAHUN 2018", dt.date(2018, 4, 30)),
        ("KEADAAN AKHIR TAHUN 2011", dt.date(2011, 12, 31)),
        ("DATA ASSESMENT per 10/2023", dt.date(2023, 10, 31)),
        ("Daftar Pegawai", None),
        (None, None),
    ],
)
def test_parse_as_of(title, expected):
    assert parse_as_of(title) == expected


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2024", "tahun", "2024-01-01", "2024-12-31"),
        (2024, "tahun", "2024-01-01", "2024-12-31"),
        ("Tahun 2023", "tahun", "2023-01-01", "2023-12-31"),
        ("2024-Q1", "triwulan", "2024-01-01", "2024-03-31"),
        ("Q4 2024", "triwulan", "2024-10-01", "2024-12-31"),
        ("Triwulan II 2024", "triwulan", "2024-04-01", "2024-06-30"),
        ("TW 3 2024", "triwulan", "2024-07-01", "2024-09-30"),
        ("Semester 1 2024", "semester", "2024-01-01", "2024-06-30"),
        ("Semester II 2024", "semester", "2024-07-01", "2024-12-31"),
        ("2024-S2", "semester", "2024-07-01", "2024-12-31"),
        ("Januari 2024", "bulan", "2024-01-01", "2024-01-31"),
        ("Februari 2024", "bulan", "2024-02-01", "2024-02-29"),
        ("2024-01", "bulan", "2024-01-01", "2024-01-31"),
        ("01/2024", "bulan", "2024-01-01", "2024-01-31"),
        (dt.datetime(2024, 3, 15), "bulan", "2024-03-01", "2024-03-31"),
        (45366.0, "bulan", "2024-03-01", "2024-03-31"),  # Excel serial of 2024-03-15
        ("Periode 2025", "tahun", "2025-01-01", "2025-12-31"),
        ("PERIODE TRIWULAN I 2024", "triwulan", "2024-01-01", "2024-03-31"),
        ("Periode: Januari 2024", "bulan", "2024-01-01", "2024-01-31"),
    ],
)
def test_parse_period(label, kind, start, end):
    row = parse_period(pd.Series([label], dtype=object)).iloc[0]
    assert (row["period_kind"], row["period_start"], row["period_end"]) == (kind, T(start), T(end))
    assert row["ok"]


@pytest.mark.parametrize(
    "label", ["someday", "2024-13", "Semester 3 2024", "Q5 2024", "Periode", "Periodik 2024"]
)
def test_unrecognised_periods(label):
    row = parse_period(pd.Series([label])).iloc[0]
    assert not row["ok"] and pd.isna(row["period_kind"])


def test_blank_period_is_ok():
    assert parse_period(pd.Series([None, ""], dtype=object))["ok"].all()


@pytest.mark.parametrize("dtype", ["string", "string[pyarrow]", object])
def test_periods_in_any_text_dtype(dtype):
    """Labels as pandas' nullable strings (a library caller, a CSV read with dtype "string")
    crashed: their year test was NA where a label is text ("cannot convert float NaN to
    bool")."""
    found = parse_period(pd.Series(["2024-Q1", "2024", None, "someday"], dtype=dtype))
    assert found["period_kind"].tolist()[:2] == ["triwulan", "tahun"]
    assert found["ok"].tolist() == [True, True, True, False]


def test_text_dates_agree_with_pandas_calendar() -> None:
    """Day/month/year parts become the date pandas gives them, NaT where the day does not
    exist (30 February, month 13, day 0), for ISO text (read from its bytes) and day-first text."""
    combos = [(y, m, d) for y in (1700, 1900, 2000, 2023, 2024, 2200) for m in range(0, 14)
              for d in (0, 1, 28, 29, 30, 31, 32)]  # fmt: skip
    iso = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in combos]
    day_first = [f"{d:02d}-{m:02d}-{y:04d}" for y, m, d in combos]
    expected = pd.to_datetime(
        pd.DataFrame(combos, columns=["year", "month", "day"]), errors="coerce"
    ).astype("datetime64[ns]")
    for texts in (iso, [t + " 00:00:00" for t in iso], day_first):
        dates, bad = parse_dates(pd.Series(texts, dtype="string"))
        assert dates.tolist() == expected.tolist()
        assert bad.tolist() == expected.isna().tolist()


def test_dates_in_other_digit_scripts_are_invalid_not_a_crash() -> None:
    """Arabic-Indic (or any non-ASCII) digits match no pattern: the cell is an invalid date
    (reported as date-invalid), never a ValueError from the number conversion."""
    values, invalid = parse_dates(
        pd.Series(["٢٠١٠-٠١-٣١", "٣١-٠١-٢٠١٠", "2010-01-31", "31-01-2010"])
    )
    assert values.isna().tolist() == [True, True, False, False]
    assert invalid.tolist() == [True, True, False, False]
    assert values.iloc[2] == values.iloc[3] == pd.Timestamp(2010, 1, 31)


def test_eight_digit_dates_read_both_ways_without_overlap() -> None:
    """Every day of 1900-2099 written as yyyymmdd and as ddmmyyyy (SIMPEG dumps) reads back as
    itself: a ddmmyyyy year starts 19/20, which as yyyymmdd would be month 19 or 20."""
    days = pd.date_range("1900-01-01", "2099-12-31")
    for form in ("%Y%m%d", "%d%m%Y"):
        dates, bad = parse_dates(pd.Series(days.strftime(form), dtype=object))
        assert (dates.to_numpy() == days.to_numpy()).all() and not bad.any(), form
