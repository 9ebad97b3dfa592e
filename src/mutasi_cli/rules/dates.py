"""Dates and periods as they appear in Indonesian HR spreadsheets (DOMAIN.md section 9.1).

A date cell may hold a real date, an Excel serial number (1900 date system), day-first text
("12-03-1980", "12/03/1980", "12.03.1980"; SIASN exports use DD-MM-YYYY), eight digits as
yyyymmdd ("19800312") or, in SIMPEG dumps, ddmmyyyy ("12031980"), ISO text with an
optional time, or a month name ("1 Januari 2010", "25 DEC 1986"), any of them after a day name
("Senin, 1 Juli 2019": the date must fall on that day, else it is not read). Ambiguous numeric
text is always read day first; two-digit years are never guessed. "-" and empty cells are blank,
not errors.

Every parser works on whole columns: each text pattern is one regular expression applied to the
column, and the matches are turned into dates in one :func:`pandas.to_datetime` call.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date

import numpy as np
import pandas as pd

# Indonesian and English month names and their usual abbreviations (upper case).
_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("JANUARI", "JANUARY", "JAN"),
    ("FEBRUARI", "PEBRUARI", "FEBRUARY", "FEB", "PEB"),
    ("MARET", "MARCH", "MAR"),
    ("APRIL", "APR"),
    ("MEI", "MAY"),
    ("JUNI", "JUNE", "JUN"),
    ("JULI", "JULY", "JUL"),
    ("AGUSTUS", "AUGUST", "AGU", "AGS", "AGT", "AGUST", "AUG"),
    ("SEPTEMBER", "SEP", "SEPT"),
    ("OKTOBER", "OCTOBER", "OKT", "OCT"),
    ("NOVEMBER", "NOPEMBER", "NOV", "NOP"),
    ("DESEMBER", "DECEMBER", "DES", "DEC"),
)
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Day names (Monday = 0, as ``dt.day_of_week``) that long-form dates carry in front: "Senin, 1 Juli
# 2019". The name is checked against the date: a date that falls on another day is not read.
_DAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("SENIN", "MONDAY", "SEN", "MON"),
    ("SELASA", "TUESDAY", "SEL", "TUE"),
    ("RABU", "WEDNESDAY", "RAB", "WED"),
    ("KAMIS", "THURSDAY", "KAM", "THU"),
    ("JUMAT", "JUM'AT", "JUMA'T", "FRIDAY", "JUM", "FRI"),
    ("SABTU", "SATURDAY", "SAB", "SAT"),
    ("MINGGU", "AHAD", "SUNDAY", "MIN", "SUN"),
)
DAYS: dict[str, int] = {name: number for number, names in enumerate(_DAY_NAMES) for name in names}
_DAY_PREFIX = "^(" + "|".join(sorted(DAYS, key=len, reverse=True)) + ")[, ]"

# Excel serials accepted as dates: 1930-01-01 .. 2099-12-31. Every date an HR roster holds lies
# in this range; a bare number outside it (a year such as 1986, a stray count) is not a date.
EXCEL_SERIAL_MIN = 10_959
EXCEL_SERIAL_MAX = 73_050
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")  # serial 61 = 1900-03-01 (Lotus leap-year bug)

# Years outside this range are typing errors that cannot even be stored as a date.
_YEAR_MIN, _YEAR_MAX = 1700, 2200

# Whitespace characters, spelled out rather than as \s so that pandas can hand the regular
# expressions to pyarrow (several times faster than Python's re on large columns).
SPACES = " \t\n\r\x0b\x0c\xa0\u2007\u202f\u3000"

BLANKS = frozenset({"", "-", "--", "—", "–", "0", "00-00-0000", "0000-00-00"})

# Text patterns: (regex with named groups day/month/year or month_name) tried on every cell.
_DATE_PATTERNS: tuple[str, ...] = (
    r"(?P<day>[0-9]{1,2})[-/.](?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})",
    r"(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})[-/.](?P<day>[0-9]{1,2})(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?",
    # ddmmyyyy (SIMPEG dumps): its year starts 19/20, which as yyyymmdd would be month 19 or
    # 20, so the two eight-digit forms never both give a date
    r"(?P<day>[0-9]{2})(?P<month>[0-9]{2})(?P<year>(?:19|20)[0-9]{2})",
    r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})",
    rf"(?P<day>[0-9]{{1,2}})[-/ ]?(?P<month_name>{_MONTH})\.?[-/ ]?(?P<year>[0-9]{{4}})",
)


_ISO = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: 00:00:00)?"  # "2010-01-31 00:00:00" (ASCII digits only)
# A date cell in a column read as text comes as calamine writes a datetime: "1987-02-21
# 00:00:00". Shown back to the analyst (messages, the rows of ``validate --errors``) it is the
# date as they typed and see it, day first.
_AS_READ = r"^([0-9]{4})-([0-9]{2})-([0-9]{2}) 00:00:00$"
_AS_READ_RE = re.compile(_AS_READ)


def shown(text: str) -> str:
    """A text cell as the analyst sees it: a date cell read as text is "21-02-1987"."""
    return _AS_READ_RE.sub(r"\3-\2-\1", text)


def shown_cells(values: pd.Series) -> pd.Series:
    """:func:`shown` for every text cell of a column (numbers, dates and blanks stay)."""
    if pd.api.types.is_string_dtype(values):  # all text (an object column is looked into)
        return values.str.replace(_AS_READ, r"\3-\2-\1", regex=True)
    text = is_text(values).to_numpy(dtype=bool)
    if not text.any():
        return values
    out = values.astype(object)
    out[text] = values[text].astype(str).str.replace(_AS_READ, r"\3-\2-\1", regex=True)
    return out


def is_text(values: pd.Series) -> pd.Series:
    """True where a cell holds text (raw columns mix str, float, datetime and None)."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "string":
        return values.notna()
    if kind in ("mixed", "mixed-integer"):
        return values.str.len().notna()
    return pd.Series(False, index=values.index)


def _clean(values: pd.Series) -> pd.Series:
    """Upper-case text, single spaces, spaces around separators removed."""
    return (
        values.astype("string")
        .str.upper()
        .str.replace(f"[{SPACES}]+", " ", regex=True)
        .str.replace(" ?([-/.,]) ?", r"\1", regex=True)
        .str.strip()
    )


def _excel_serial(numbers: pd.Series) -> pd.Series:
    """Excel 1900-system serial -> date; NaT outside the plausible range."""
    plausible = numbers.between(EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX)
    days = np.floor(numbers.where(plausible, 0).to_numpy("float64", na_value=0)).astype("int64")
    dates = pd.Series((_EXCEL_EPOCH + days).astype("datetime64[ns]"), index=numbers.index)
    return dates.where(plausible)


def _from_text(text: pd.Series) -> pd.Series:
    """Dates from the text patterns (NaT where no pattern matches or the date is impossible).

    A cell takes the parts of the first pattern it matches; each pattern runs only on the cells
    no earlier one matched."""
    # "SENIN,1 JULI 2019": the day name comes off (looked for only in cells led by a letter:
    # an ISO or numeric date never is, and the extract costs 11 ms on 16,000 distinct dates)
    lettered = text.str.match("[A-Z]").fillna(False).to_numpy(dtype=bool)
    named = text[lettered].str.extract(_DAY_PREFIX)[0] if lettered.any() else None
    day = None
    if named is not None and named.notna().any():
        day = named.map(DAYS).reindex(text.index)
        text = text.mask(lettered, text[lettered].str.replace(_DAY_PREFIX, "", regex=True))
    parts = np.full((len(text), 3), np.nan)  # year, month, day
    todo = np.array(text.notna(), dtype=bool)
    # ISO dates, as a reader writes the date cells of a column that also holds text, are split
    # by position (the second pattern would give the same parts, one cell at a time).
    iso = todo & text.str.fullmatch(_ISO).fillna(False).to_numpy(dtype=bool)
    if iso.any():
        found = text[iso].str[:10]
        # ASCII digits only (the patterns say [0-9]): read from the bytes, as rules.nip does
        digits = found.to_numpy(dtype="S10").view(np.uint8).reshape(-1, 10) - ord("0")
        weights = 10 ** np.arange(3, -1, -1)
        for i, (a, b) in enumerate(((0, 4), (5, 7), (8, 10))):
            parts[iso, i] = digits[:, a:b].astype(np.int64) @ weights[4 - (b - a) :]
        todo &= ~iso
    for pattern in _DATE_PATTERNS:
        if not todo.any():
            break
        found = text[todo].str.extract(f"^{pattern}$")
        if "month_name" in found:
            found["month"] = found.pop("month_name").map(MONTHS)
        hit = found["year"].notna().to_numpy(dtype=bool)
        at = np.flatnonzero(todo)[hit]
        for i, name in enumerate(("year", "month", "day")):
            parts[at, i] = pd.to_numeric(found[name][hit]).to_numpy(dtype=float)
        todo[at] = False
    in_range = (parts[:, 0] >= _YEAR_MIN) & (parts[:, 0] <= _YEAR_MAX)
    parts[~in_range] = np.nan
    dates = pd.Series(_assemble(parts), index=text.index)
    if day is not None:  # the date must fall on the day it names
        return dates.mask(day.notna() & (dates.dt.day_of_week != day))
    return dates


def _assemble(parts: np.ndarray) -> np.ndarray:
    """datetime64[ns] from (year, month, day) rows of whole numbers; NaT where a part is missing
    or the day does not exist in its month (what ``pd.to_datetime`` of the parts gives, without
    formatting and parsing each date as text)."""
    year, month, day = (np.nan_to_num(parts[:, i], nan=-1).astype(np.int64) for i in range(3))
    real = (year >= 0) & (month >= 1) & (month <= 12) & (day >= 1)
    start = np.where(real, (year - 1970) * 12 + month - 1, 0).astype("M8[M]")
    length = ((start + 1).astype("M8[D]") - start.astype("M8[D]")).astype(np.int64)
    real &= day <= length
    days = start.astype("M8[D]") + np.where(real, day - 1, 0)
    return np.where(real, days, np.datetime64("NaT")).astype("M8[ns]")


def _nanoseconds(values: pd.Series) -> pd.Series:
    """Date cells (date or datetime objects, any datetime64 unit) as datetime64[ns]; NaT where a
    cell is no date or lies outside that type's years 1677-2262: a placeholder such as
    31-12-9999 ("no end date") is then reported as an invalid date, not a crash."""
    dates = pd.to_datetime(values, errors="coerce")
    if dates.dtype != "datetime64[ns]":
        dates = dates.where((dates >= pd.Timestamp.min) & (dates <= pd.Timestamp.max))
    return dates.astype("datetime64[ns]")


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of dates.

    Returns ``(dates, bad)``: ``dates`` is datetime64[ns] (NaT when blank or unparseable) and
    ``bad`` is a bool Series, True where a non-blank value could not be read as a date.
    """
    if pd.api.types.infer_dtype(values, skipna=True) in ("datetime64", "datetime", "date"):
        dates = _nanoseconds(values)
        return dates, (values.notna() & dates.isna()).astype(bool)
    text_cells = is_text(values)
    if (~text_cells & values.notna()).any():  # number or date cells beside the text
        numbers = pd.to_numeric(values.where(~text_cells), errors="coerce")
        objects = values.where(~text_cells & numbers.isna() & values.notna())
        result = _nanoseconds(objects)
        result = result.fillna(_excel_serial(numbers))
    else:  # text (or nothing) only: no serial, no date object
        numbers = pd.Series(np.nan, index=values.index)
        result = pd.Series(np.datetime64("NaT", "ns"), index=values.index)
    text = _clean(values.where(text_cells))
    blank = (text.isin(BLANKS) | numbers.eq(0)).fillna(False).astype(bool)  # 0: empty formula
    result = result.fillna(_from_text(text.where(~blank)))
    bad = (values.notna() & ~blank & result.isna()).astype(bool)
    return result, bad


# A cell holding a time of day or a duration, not a date, is Excel's day 0 plus that time:
# "08:30" reads as 31-12-1899 08:30, a duration of 30 hours as 01-01-1900 06:00 (a reader that
# cannot type a column mixing dates and durations gives them as text in ISO form).
_EXCEL_DAY_ZERO = pd.Timestamp("1899-12-31")
_TIME_TEXT = r"^(?:1899-12-3[01]|1900-01-0[12])[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"


def time_cells(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Raw date-column cells that hold a time of day or a duration under two days, not a date.

    Returns ``(mask, shown)``: True on Excel's day 0 (31-12-1899), or on 1 January 1900 with
    a time of day (1-1-1900 00:00, a common "unknown" placeholder, stays a date and is reported
    as an impossible one, as are dates before day 0); ``shown`` is the time as Excel shows it
    ("08:30", "30:00"). Longer durations read as dates in January 1900: impossible dates.
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):  # a typed date column: no scan
        return _time_of(_nanoseconds(values))
    moments = pd.Series(np.datetime64("NaT", "ns"), index=values.index)
    text = is_text(values)
    if text.any():
        strings = values.where(text).astype("string").str.strip()
        iso = strings.str.match(_TIME_TEXT).fillna(False).astype(bool)
        if iso.any():
            moments[iso] = pd.to_datetime(strings[iso], errors="coerce", format="ISO8601")
    others = values.notna() & ~text
    if others.any():
        numbers = pd.to_numeric(values.where(others), errors="coerce")
        moments = moments.fillna(_nanoseconds(values.where(others & numbers.isna())))
    return _time_of(moments)


def _time_of(moments: pd.Series) -> tuple[pd.Series, pd.Series]:
    since = moments - _EXCEL_DAY_ZERO
    if not (since < pd.Timedelta(days=2)).any():  # the usual column: every cell a real date
        return pd.Series(False, index=moments.index), pd.Series(pd.NA, moments.index, "string")
    timed = moments != moments.dt.normalize()
    day_zero = (since >= pd.Timedelta(0)) & (since < pd.Timedelta(days=1))  # a negative serial
    # (a date before 1900) is an impossible date, not a time
    mask = (
        day_zero | ((since >= pd.Timedelta(0)) & (since < pd.Timedelta(days=2)) & timed)
    ).fillna(False)
    minutes = (since.where(mask).dt.total_seconds() // 60).astype("Int64")
    shown = (minutes // 60).astype("string").str.zfill(2) + ":"
    shown = shown + (minutes % 60).astype("string").str.zfill(2)
    return mask.astype(bool), shown


_TRAILING_DATE = (
    r"^(?P<place>.*?\D)\s+(?P<date>\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}"
    r"|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})$"
)


def split_place_date(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Split "Salatiga, 12-03-1980" (tempat/tanggal lahir) on its last comma.

    Without a comma a trailing date after a space is split off ("Salatiga 12 Maret 1980"); a cell
    holding only a date (or a real date value) gives no place, a cell with only text no date.
    Returns ``(place, date, bad)`` where ``bad`` marks a date part that is not a date.
    """
    text = values.where(is_text(values)).astype("string").str.strip()
    split = text.str.extract(r"^(?P<place>.*),\s*(?P<date>[^,]*)$")
    split = split.fillna(text.str.extract(_TRAILING_DATE))
    unsplit = text.notna() & split["date"].isna()
    _, not_a_date = parse_dates(text.where(unsplit))
    only_place = unsplit & not_a_date
    place = split["place"].fillna(text.where(only_place)).str.strip().replace("", pd.NA)
    date_part = values.astype(object).mask(split["date"].notna(), split["date"])
    dates, bad = parse_dates(date_part.mask(only_place, None))
    return place, dates, bad


def _month_end(year: int, month: int) -> date:
    return (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date()


def parse_as_of(text: str | None) -> date | None:
    """The reference date in a title line: "PER- 16 JUNI 2017", "KEADAAN BULAN APRIL TAHUN 2018".

    A full date is taken as is; a month and year give the last day of that month, a year alone
    its last day ("KEADAAN AKHIR TAHUN 2011" -> 2011-12-31). None when no year is found.
    """
    if text is None:
        return None
    s = _clean(pd.Series([str(text)])).iloc[0]
    year = r"((?:19|20)\d{2})(?!\d)"
    for pattern in (
        rf"(?<!\d)(\d{{1,2}})[-/.](\d{{1,2}})[-/.]{year}",
        rf"(?<!\d)(\d{{1,2}})[-/ ]?({_MONTH})\.?[-/ ]?{year}",
    ):
        if m := re.search(pattern, s):
            day, month, y = m.groups()
            with contextlib.suppress(ValueError):
                return date(int(y), MONTHS.get(month) or int(month), int(day))
    if m := re.search(rf"\b({_MONTH})\b[.)\s]*(?:TAHUN\s*)?{year}", s):
        return _month_end(int(m.group(2)), MONTHS[m.group(1)])
    if (m := re.search(rf"(?<!\d)(\d{{1,2}})[-/]{year}", s)) and 1 <= int(m.group(1)) <= 12:
        return _month_end(int(m.group(2)), int(m.group(1)))
    if m := re.search(rf"(?<!\d){year}", s):
        return date(int(m.group(1)), 12, 31)
    return None


# Performance periods (kinerja exports): kind, months per period, patterns on the label with
# spaces, dots and commas removed. Named groups: year, n (quarter/semester number), month or
# month_name.
PERIOD_MONTHS: dict[str, int] = {"tahun": 12, "semester": 6, "triwulan": 3, "bulan": 1}
_Y = r"(?P<year>(?:19|20)\d{2})"
_N = r"(?P<n>IV|III|II|I|[1-4])"
_TW = r"(?:TRIWULAN|TRW|TW|Q)"
_SM = r"(?:SEMESTER|SMT|S)"
_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("tahun", rf"(?:TAHUN|TA)?{_Y}"),
    ("triwulan", rf"{_TW}-?{_N}[-/]?(?:TAHUN)?{_Y}"),
    ("triwulan", rf"{_Y}[-/]?{_TW}-?{_N}"),
    ("semester", rf"{_SM}-?{_N}[-/]?(?:TAHUN)?{_Y}"),
    ("semester", rf"{_Y}[-/]?{_SM}-?{_N}"),
    ("bulan", rf"(?:BULAN)?(?P<month_name>{_MONTH})[-/]?(?:TAHUN)?{_Y}"),
    ("bulan", rf"{_Y}[-/](?P<month>\d{{1,2}})"),
    ("bulan", rf"(?P<month>\d{{1,2}})[-/]{_Y}"),
)
_ROMAN_N = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_starts(year: pd.Series, month: pd.Series) -> pd.Series:
    parts = pd.DataFrame({"year": year, "month": month, "day": 1}).astype("float64")
    return pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")


def parse_period(values: pd.Series) -> pd.DataFrame:
    """Performance period labels -> ``period_kind``, ``period_start``, ``period_end``, ``ok``.

    "2024" is a year; "2024-Q1", "Q1 2024", "Triwulan I 2024", "TW 1 2024" a quarter;
    "Semester 1 2024", "2024-S1" a half year; "Januari 2024", "2024-01", "01/2024" and real or
    serial dates a month; any of them may begin with "Periode" ("Periode 2024"). ``period_end``
    is the last day of the period. ``ok`` is False where a non-blank label is not recognised.
    """
    text_cells = is_text(values)
    numbers = pd.to_numeric(values.where(~text_cells), errors="coerce")
    is_year = (numbers.between(1900, 2100) & (numbers % 1 == 0)).fillna(False).astype(bool)
    key = values.where(text_cells).astype("string").str.upper()
    key = key.str.replace(r"[\s.,]", "", regex=True)
    blank = (values.isna() | (key == "")).fillna(False).astype(bool)
    key = key.str.replace(r"^PERIODE?[:-]?", "", regex=True)  # "Periode 2025"
    key = key.mask(is_year, numbers.where(is_year).astype("Int64").astype("string"))
    found = pd.DataFrame(np.nan, index=values.index, columns=["year", "n", "month", "span"])
    for kind, pattern in _PERIOD_PATTERNS:
        todo = found["span"].isna() & key.notna()
        m = key[todo].str.extract(f"^{pattern}$").dropna(subset="year")
        m = m.reindex(columns=["year", "n", "month", "month_name"])
        m["month"] = m["month"].fillna(m.pop("month_name").map(MONTHS))
        m["n"] = m["n"].map(_ROMAN_N)
        m["span"] = PERIOD_MONTHS[kind]
        found.loc[m.index] = m.astype("float64")
    dates, _ = parse_dates(values.where(~text_cells & ~is_year))
    from_date = dates.notna()
    found.loc[from_date] = np.column_stack(
        [
            dates[from_date].dt.year,
            np.full(from_date.sum(), np.nan),
            dates[from_date].dt.month,
            np.ones(from_date.sum()),
        ]
    )
    year, n, span = found["year"], found["n"], found["span"]
    month = found["month"].fillna((n - 1) * span + 1).fillna(1)
    valid = month.between(1, 12) & ~(n * span > 12) & span.notna()
    after = (year * 12 + month - 1 + span).where(valid)
    kind = span.where(valid).map({v: k for k, v in PERIOD_MONTHS.items()}).astype("string")
    return pd.DataFrame(
        {
            "period_kind": kind,
            "period_start": _month_starts(year.where(valid), month),
            "period_end": _month_starts(after // 12, after % 12 + 1) - pd.Timedelta(days=1),
            "ok": valid | blank,
        },
        index=values.index,
    )
