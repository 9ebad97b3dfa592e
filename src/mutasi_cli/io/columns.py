"""Values confirm the mapping: a column mapped by its header must hold values of its kind.

A header names a column; its values say what it really is. "Status Pegawai" holding *Aktif /
Non Aktif* is not the PNS/PPPK status, and a score column under "Kompetensi" is not a
competency name. After :mod:`mutasi_cli.io.read` has mapped the headers, :func:`confirm` checks
a sample of each mapped column (the data rows of the header preview, so nothing more is read)
against its field's domain: status in PNS/PPPK/CPNS, the golongan pattern, dates, NIP digits,
numbers, codes (sex, eselon, jenis jabatan, education) and, for names of people, units and
positions, text rather than numbers. A column whose values mostly contradict its field is
un-mapped (``column-values-mismatch``, a warning naming it) and the next candidate is tried:
another column mapped to the same field, or an unrecognised header that names the field.

The same module holds the other checks that judge a table by its values:
:func:`table_kind_mismatch` (a position map given as the roster), :func:`example_rows`
(the made-up row of an ``mutasi init`` template left in) and :func:`future_dates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.issues import Issue, cell_ref
from mutasi_cli.schema import TABLES, Column, Table, header_key

SAMPLE_MIN = 3  # fewer non-empty sample values than this: the header is trusted
MISMATCH_SHARE = 0.8  # un-map when at least this share of the sampled values contradict
# Text columns that name a person, a unit or a position: a column of numbers or dates is not one.
NAME_COLUMNS = frozenset(
    {
        "nama",
        "jabatan",
        "unit_kerja",
        "unit_induk",
        "kompetensi",
        "uraian_tugas",
        "unit_asal",
        "unit_tujuan",
        "jabatan_asal",
        "jabatan_tujuan",
        "tempat_lahir",
    }
)

# Date columns that cannot lie after the reference date (TMTs, decrees, assessments); birth
# dates have their own error, a sanction's end may well lie ahead.
FUTURE_PREFIXES = ("tmt_", "tanggal_sk", "tanggal_asesmen")

Assigned = dict[str, list[tuple[int, str]]]  # canonical column -> [(Excel column, header)]


@dataclass(frozen=True)
class Mismatch:
    """A mapped column un-mapped because its values contradict the field."""

    column: str  # canonical column
    col: int  # 0-based Excel column
    header: str
    example: str  # one contradicting value, as read
    used: str = ""  # the header now read as ``column`` instead, if another one fits


# --- the domain of each kind ----------------------------------------------------------------
#
# Shape checks on one sample value each (at most PREVIEW_ROWS of them, so a plain loop): generous
# on purpose, since the parsers in `rules/` judge every cell later; here a value only has to look
# like it could belong to the field. They reuse the rule modules' own spellings.


def _text(value: Any) -> str:
    return _as_text(value).upper()


def _is_number_value(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | np.number):
        return True
    text = re.sub(r"[\s%.,]", "", _as_text(value))
    return bool(re.fullmatch(r"[-+]?\d+(?:[eE][-+]?\d+)?", text))


def _nip(value: Any) -> bool:
    """Digits, however grouped ("19850315 201001 1 002", "'1985...", "1.98503E+17")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return bool(re.fullmatch(r"\d+(?:E\+?\d+)?", re.sub(r"[^0-9A-Z+]", "", _text(value))))


def _status(value: Any) -> bool:
    from mutasi_cli.io.normalize import _PNS_STATUS, _PPPK_STATUS

    text = re.sub(r"[^A-Z0-9]+", " ", _text(value)).strip()
    return bool(re.search(_PNS_STATUS, text) or re.search(_PPPK_STATUS, text))


def _golongan(value: Any) -> bool:
    from mutasi_cli.rules.golongan import _PNS_IN_TEXT, _PPPK_WORDS, PANGKAT, PPPK_ROMAN

    text = _text(value)
    if re.fullmatch(r"\d{1,3}(?:\.0+)?", text):  # SIASN/SIMPEG code or PPPK number
        return True
    words = re.sub(_PPPK_WORDS, "", text).strip(" .:-")
    return bool(
        re.search(_PNS_IN_TEXT, text)
        or words in PPPK_ROMAN
        or any(name.upper() in text for name in PANGKAT.values())
    )


def _date(value: Any) -> bool:
    if isinstance(value, date | np.datetime64 | pd.Timestamp):
        return True
    if _is_number_value(value):
        return True  # an Excel serial, a year
    return bool(re.search(r"\d", _as_text(value)))  # "12-03-1980", "1 Januari 2010"


def _sex(value: Any) -> bool:
    from mutasi_cli.io.normalize import SEX

    return re.sub(r"[^A-Z0-9]", "", _text(value)) in SEX


def _pendidikan(value: Any) -> bool:
    from mutasi_cli.rules.pendidikan import _PATTERNS

    text = _text(value)
    return any(re.match(pattern, text) for _, pattern in _PATTERNS)


def _eselon(value: Any) -> bool:
    from mutasi_cli.rules.jabatan import NON_ESELON

    text = re.sub(r"^(?:ESELON|ESL|ES)\b ?", "", _text(value))
    return text in NON_ESELON or bool(re.fullmatch(r"(?:I{1,3}|IV|V|[1-5])\W*[AB]?|\d{2}", text))


def _jenis_jabatan(value: Any) -> bool:
    from mutasi_cli.rules.jabatan import _JENIS_KEYS

    text = re.sub(r"[^A-Z0-9]+", " ", _text(value)).strip()
    text = re.sub(r"^JABATAN ", "", text)
    return text in _JENIS_KEYS or bool(re.search(r"STRUKTURAL|FUNGSIONAL|PELAKSANA", text))


def _name(value: Any) -> bool:
    """A name of a person, unit or position is not a number or a date (a code such as "4.01.01"
    or "B.01" may stand for a unit and is accepted)."""
    if isinstance(value, date | np.datetime64 | int | float):
        return False
    try:
        float(_as_text(value).replace(",", ".").rstrip("%"))
    except ValueError:
        return True
    return False


CHECKS: dict[str, Callable[[Any], bool]] = {
    "nip": _nip,
    "status": _status,
    "golongan": _golongan,
    "date": _date,
    "float": _is_number_value,
    "int": _is_number_value,
    "level": _is_number_value,
    "sex": _sex,
    "pendidikan": _pendidikan,
    "eselon": _eselon,
    "jenis_jabatan": _jenis_jabatan,
}


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value).strip()


def _filled(values: Sequence[Any]) -> list[Any]:
    """The values that say something: not empty, not a placeholder such as "-"."""
    from mutasi_cli.io.normalize import PLACEHOLDERS

    return [
        v for v in values if v is not None and v == v and _as_text(v) not in ("", *PLACEHOLDERS)
    ]


def fits(column: Column, values: Sequence[Any]) -> list[bool] | None:
    """For each non-empty value, True when it could belong to the column's domain; None when the
    column's kind has no domain to check (free text other than names)."""
    check = CHECKS.get(column.kind)
    if check is None and column.name in NAME_COLUMNS:
        check = _name
    if check is None:
        return None
    return [check(v) for v in _filled(values)]


def contradicts(column: Column, values: Sequence[Any]) -> str | None:
    """One contradicting value when most sampled values contradict the field, else None."""
    ok = fits(column, values)
    if ok is None or len(ok) < SAMPLE_MIN:
        return None
    if ok.count(False) < MISMATCH_SHARE * len(ok):
        return None
    return _as_text(_filled(values)[ok.index(False)])


def _fits_well(column: Column, values: Sequence[Any]) -> bool:
    ok = fits(column, values)
    return bool(ok) and ok.count(True) >= 0.5 * len(ok)


# --- the step --------------------------------------------------------------------------------


def confirm(
    table: Table,
    assigned: Assigned,
    unmapped: list[tuple[int, str]],
    sample: Callable[[int], Sequence[Any]],
) -> tuple[Assigned, list[tuple[int, str]], list[Mismatch]]:
    """Check each mapped column's ``sample(col)`` values against its field; un-map the columns
    whose values mostly contradict it and try the next candidate (see the module docstring)."""
    assigned = {name: list(found) for name, found in assigned.items()}
    unmapped = list(unmapped)
    found: list[Mismatch] = []
    for name in list(assigned):
        column = table.column(name)
        candidates = assigned[name]
        first_col, first_header = candidates[0]
        example = contradicts(column, sample(first_col))
        if example is None:
            continue
        # The next candidates: the other columns mapped to this field, then unrecognised headers
        # that name it ("Status Tipe" beside "Status Pegawai").
        word = header_key(name.split("_")[0])
        named = [(c, h) for c, h in unmapped if word and word in header_key(h)]
        replacement = next(
            (f for f in [*candidates[1:], *named] if _fits_well(column, sample(f[0]))), None
        )
        unmapped.append((first_col, first_header))
        rest = [f for f in candidates[1:] if f != replacement]
        if replacement is None:
            del assigned[name]
        else:
            if replacement in unmapped:
                unmapped.remove(replacement)
            assigned[name] = [replacement]
        unmapped.extend(rest)
        found.append(
            Mismatch(name, first_col, first_header, example, replacement[1] if replacement else "")
        )
    return assigned, sorted(unmapped), found


def mismatch_issues(found: list[Mismatch], table: Table, sheet: str, row: int) -> list[Issue]:
    """``column-values-mismatch`` warnings, each naming the column and the field."""
    from mutasi_cli.i18n import t

    issues = []
    for m in found:
        column = table.column(m.column)
        domain = f"read.domain.{column.kind if column.kind in CHECKS else 'name'}"
        issues.append(
            Issue(
                "column-values-mismatch",
                sheet=sheet,
                cell=cell_ref(sheet, m.col, row),
                column=m.column,
                value=m.example,
                row=row,
                params={
                    "header": m.header,
                    "label": column.label_id,
                    "label_en": column.label_en,
                    "domain": t(domain, "id"),
                    "domain_en": t(domain, "en"),
                    "used_id": f" Kolom '{m.used}' dipakai sebagai gantinya." if m.used else "",
                    "used_en": f" Column '{m.used}' is used instead." if m.used else "",
                },
            )
        )
    return issues


# --- which table a file is -------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How well a header maps onto one table."""

    table: str
    required_found: int
    required_total: int
    score: int  # columns found + required columns found
    has_nip: bool  # a NIP column was mapped
    data_found: int = 0  # columns found besides who the row is about (NIP, name)

    @property
    def share(self) -> float:
        return self.required_found / self.required_total if self.required_total else 0.0


def table_kind_mismatch(given: str, fits_by_table: Mapping[str, Fit | None]) -> str | None:
    """The table a file looks like when it is clearly not ``given``, else None.

    Scored on the mapped required columns: another table whose required columns are all there
    (at least two of them) and that matches more columns, while ``given`` has at most half of
    its own, or has no NIP column although the file holds one (a roster given as a position map),
    or needs only the NIP (aspirations, competencies) and finds fewer data columns than the other
    (a history given as the aspirations: read as nobody's wish; performance records given as
    competencies: their scores read as levels).
    """
    own = fits_by_table.get(given)
    others = [
        fit
        for name, fit in fits_by_table.items()
        if fit is not None and name != given and fit.share == 1 and fit.required_found >= 2
    ]
    if not others:
        return None
    best = max(others, key=lambda fit: (fit.score, fit.required_found))
    if own is None or own.share <= 0.5:
        return best.table
    if own.required_total == 1 and best.data_found > own.data_found:  # a table needing only
        return best.table  # the NIP (aspirations, competencies) fits any list of people
    person_file = best.has_nip and "nip" not in {c.name for c in TABLES[given].columns}
    if person_file and best.score > own.score:
        return best.table
    return None


# --- rows and values ---------------------------------------------------------------------------


def example_rows(frame: pd.DataFrame, example: Mapping[str, Any]) -> np.ndarray:
    """Positions of the rows that repeat ``example`` in every text and number column the frame
    has (at least two), i.e. the made-up row of an ``mutasi init`` template left in the data."""
    present = [k for k, v in example.items() if k in frame and not isinstance(v, date)]
    if len(present) < 2 or frame.empty:
        return np.zeros(0, dtype=np.int64)
    rows = np.arange(len(frame))
    for key in present:  # narrowed key by key: the first text key leaves a handful of rows
        target = _as_text(example[key]).casefold()
        text = frame[key].iloc[rows].astype("string")
        if target.isascii() and target.isdigit():  # a NIP: only the cells holding its digits
            # (strip, casefold and the ".0" cut never make digits) go through the steps below
            holds = text.str.contains(target, regex=False).fillna(False).to_numpy(bool)
            rows, text = rows[holds], text[holds]
        text = text.str.strip().str.casefold()
        text = text.str.replace(r"\.0+$", "", regex=True)  # 4.0 read from a number cell
        rows = rows[(text == target).fillna(False).to_numpy(bool)]
        if not len(rows):
            break
    return rows


def future_dates(
    frame: pd.DataFrame,
    table: str,
    per: date,
    sheet: str,
    col_index: Mapping[str, int],
    skip: frozenset[str] = frozenset(),
    listed: int | None = None,
) -> list[Issue]:
    """``date-future`` warnings for typed date columns (TMTs, decree dates) after ``per``; the
    columns in ``skip`` have checks of their own. With ``listed``, the first ``listed`` cells of
    a column are listed one by one and the rest summarised in one issue (``Issue.rows``)."""
    issues: list[Issue] = []
    limit = pd.Timestamp(per)
    shown_per = per.strftime("%d-%m-%Y")
    excel_rows = frame["excel_row"].to_numpy() if "excel_row" in frame else np.zeros(0, int)
    # a table read from several sheets names each row's sheet (io.normalize's ``excel_sheet``)
    row_sheets = (
        frame["excel_sheet"].to_numpy(object)
        if "excel_sheet" in frame
        else np.full(len(frame), sheet, dtype=object)
    )
    for column in TABLES[table].columns:
        name = column.name
        if column.kind != "date" or name in skip or name not in frame:
            continue
        if not name.startswith(FUTURE_PREFIXES):
            continue
        values = frame[name]
        if not pd.api.types.is_datetime64_any_dtype(values):
            continue
        late = np.flatnonzero((values > limit).fillna(False).to_numpy(dtype=bool))
        shown, rest = (late, late[:0]) if listed is None else (late[:listed], late[listed:])
        params = {"label": column.label_id, "label_en": column.label_en, "per": shown_per}
        col = col_index.get(name)
        days = values.iloc[shown].dt.strftime("%d-%m-%Y").tolist()
        nips = (
            frame["nip"].iloc[shown].astype(object).where(lambda s: s.notna(), "").tolist()
            if "nip" in frame
            else [""] * len(shown)
        )
        rows_shown, sheets_shown = excel_rows[shown].tolist(), row_sheets[shown].tolist()
        for row, at, day, nip in zip(rows_shown, sheets_shown, days, nips, strict=True):
            issues.append(
                Issue(
                    "date-future",
                    sheet=at,
                    cell=cell_ref(at, col, int(row)) if col is not None else "",
                    column=name,
                    value=day,
                    row=int(row),
                    nip=str(nip),
                    params=dict(params),
                )
            )
        for at in dict.fromkeys(row_sheets[rest].tolist()):  # one summary per sheet
            summarised = excel_rows[rest[row_sheets[rest] == at]].tolist()
            issues.append(
                Issue(
                    "date-future",
                    sheet=at,
                    column=name,
                    row=int(summarised[0]),
                    params=dict(params),
                    rows=tuple(int(r) for r in summarised),
                )
            )
    return issues
