"""A loaded table -> its typed canonical frame, the rejected rows and the problems found.

The shapes produced are the "Canonical typed frames" of ``docs/architecture.md``. Parsing is done
by :mod:`mutasi_cli.rules`; this module applies the parsers column by column, cross-checks the
columns of one row, and records every bad cell as an :class:`~mutasi_cli.issues.Issue` with its
sheet, cell, column and value.

Blocking problems move the row to ``rejected`` (with ``excel_row``, ``nip`` and
``reason_code``): an invalid or missing NIP (a NIP stored as a number included: it is never
repaired), a missing required value, an unparseable or impossible required date, an unreadable
performance period, and the second and later rows of a NIP that must be unique. Every other
problem sets the value to NA and keeps the row.

Each parser runs once per distinct value of a column (``_by_unique``), so a 50,000-row roster
with a few thousand distinct dates normalises in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mutasi_cli import schema
from mutasi_cli.i18n import t
from mutasi_cli.issues import Issue, cell_ref
from mutasi_cli.rules import jabatan as jab
from mutasi_cli.rules.dates import (
    SPACES,
    is_text,
    parse_dates,
    parse_period,
    shown,
    split_place_date,
    time_cells,
)
from mutasi_cli.rules.golongan import parse_golongan
from mutasi_cli.rules.nip import decode_nip, error_params
from mutasi_cli.rules.pendidikan import parse_pendidikan
from mutasi_cli.settings import Settings


class LoadedTable(Protocol):
    """What :mod:`mutasi_cli.io.read` hands over (only the fields used here)."""

    table: str
    path: Path
    sheet: str
    frame: pd.DataFrame  # canonical column names, raw cell values
    excel_rows: np.ndarray  # 1-based Excel row of each frame row
    col_index: dict[str, int]  # canonical column -> 0-based Excel column
    numeric_cells: dict[str, np.ndarray]  # id columns: cells stored as numbers
    issues: list[Issue]
    sheets: tuple[str, ...]  # several sheets read as one table (else empty)
    row_sheet: np.ndarray | None  # each row's index into ``sheets`` (None: one sheet)

    def sheets_at(self, positions: np.ndarray) -> list[str]: ...  # each row's sheet


def row_labels(loaded: LoadedTable, positions: np.ndarray) -> list[str]:
    """The Excel row of each frame row at ``positions`` as messages name it: "14", or
    "14 (Dinkes)" for a table read from several sheets."""
    rows = loaded.excel_rows[positions].tolist()
    if loaded.row_sheet is None:
        return [str(row) for row in rows]
    sheets = loaded.sheets_at(positions)
    return [f"{row} ({sheet})" for row, sheet in zip(rows, sheets, strict=True)]


@dataclass
class Normalized:
    table: str
    frame: pd.DataFrame  # typed, canonical, valid rows only, with ``excel_row``
    rejected: pd.DataFrame  # rows with a blocking problem, with ``nip`` and ``reason_code``
    issues: list[Issue] = field(default_factory=list)  # normalisation's (not the reader's)


# --- cell values ---------------------------------------------------------------------------

# Control and zero-width characters (copy-pasted names carry them; MEASUREMENTS gotcha 6).
_CONTROL = "[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\ufeff]"
_DIRTY = f"{_CONTROL}|[{SPACES}]{{2,}}|[{SPACES.replace(' ', '')}]"
PLACEHOLDERS = frozenset({"-", "--", "---", "—", "–", "."})
SEX: dict[str, str] = {
    **dict.fromkeys(("L", "M", "1", "LAKILAKI", "LAKI", "LK", "PRIA", "MALE"), "L"),
    **dict.fromkeys(("P", "F", "2", "PEREMPUAN", "PR", "WANITA", "FEMALE"), "P"),
}
BOOLEAN: dict[str, bool] = {
    **dict.fromkeys(("YA", "Y", "YES", "BERSEDIA", "1", "TRUE", "BENAR"), True),
    **dict.fromkeys(
        ("TIDAK", "T", "TDK", "NO", "N", "TIDAK BERSEDIA", "0", "FALSE", "SALAH"), False
    ),
}
# kedudukan_hukum_id 71 and 72 are PPPK (DOMAIN.md 9.1); status_cpns_pns "P"/"C" are PNS.
_PPPK_STATUS = r"PPPK|P3K|PERJANJIAN KERJA|^7[12]$"
_PNS_STATUS = r"\bC?PNS\b|NEGERI SIPIL|^[PC]$"
# beban_kerja volume periods (DOMAIN.md 1.2) and their spellings.
VOLUME_PERIODS: dict[str, str] = {
    **dict.fromkeys(("TAHUN", "TAHUNAN", "THN", "PERTAHUN", "TH"), "tahun"),
    **dict.fromkeys(("SEMESTER", "SEMESTERAN", "SMT"), "semester"),
    **dict.fromkeys(("TRIWULAN", "TRIWULANAN", "TW", "KUARTAL"), "triwulan"),
    **dict.fromkeys(("BULAN", "BULANAN", "BLN", "PERBULAN"), "bulan"),
    **dict.fromkeys(("MINGGU", "MINGGUAN", "MGG", "PERMINGGU", "PEKAN"), "minggu"),
    **dict.fromkeys(("HARI", "HARIAN", "HR", "PERHARI"), "hari"),
}
_MISSING_CODE: dict[str, str] = {"volume": "abk-missing-volume", "norma_waktu": "abk-missing-norma"}


def clean_text(values: pd.Series) -> pd.Series:
    """Text cells stripped, inner whitespace collapsed, control characters removed, "-" and
    empty cells NA; whole numbers read from number cells lose their ".0"."""
    text = values.astype("string")
    other = ~is_text(values) & values.notna()  # number cells (none in a column of text)
    numbers = pd.to_numeric(values.where(other), errors="coerce") if other.any() else None
    if numbers is not None and numbers.notna().any():
        whole = ((numbers % 1 == 0) & (numbers.abs() < 1e15)).fillna(False).astype(bool)
        text = text.mask(whole, numbers.where(whole).astype("Int64").astype("string"))
    # Only cells holding a control character, a run of spaces or a space other than " " change:
    # the replacements run on those alone (most cells of a clean column are left as they are).
    dirty = text.str.contains(_DIRTY, regex=True).fillna(False).to_numpy(dtype=bool)
    if dirty.any():
        fixed = text[dirty].str.replace(_CONTROL, "", regex=True)
        text = text.mask(dirty, fixed.str.replace(f"[{SPACES}]+", " ", regex=True))
    text = text.str.strip()
    return text.mask(text.isin(PLACEHOLDERS) | (text == ""))


def _fold(values: pd.Series) -> pd.Series:
    """Upper case, letters and digits only, single spaces: the key of small code lists."""
    text = clean_text(values).str.upper().str.replace(r"[^A-Z0-9]+", " ", regex=True)
    return text.str.strip()


def _lookup(
    table: dict[str, Any], dtype: str
) -> Callable[[pd.Series], tuple[pd.Series, pd.Series]]:
    """A parser mapping folded cells through ``table`` (spaces ignored): (values, bad mask)."""

    folded = {k.replace(" ", ""): v for k, v in table.items()}

    def parse(values: pd.Series) -> tuple[pd.Series, pd.Series]:
        key = _fold(values)
        mapped = key.str.replace(" ", "").map(folded)
        mapped = mapped.astype(dtype)
        return mapped, (mapped.isna() & key.notna()).astype(bool)

    return parse


def parse_status(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Employee status cells -> ("PNS"/"PPPK", bad mask)."""
    key = _fold(values)
    status = pd.Series(pd.NA, index=values.index, dtype="string")
    status = status.mask(key.str.contains(_PNS_STATUS).fillna(False).astype(bool), "PNS")
    status = status.mask(key.str.contains(_PPPK_STATUS).fillna(False).astype(bool), "PPPK")
    return status, (status.isna() & key.notna()).astype(bool)


def parse_number(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Number cells and numeric text ("0,75", "1.250.000", "85 %") -> (Float64, bad mask).

    Text with a comma and no dot uses the comma as decimal mark; with both, dots group
    thousands; several dot groups ("1.250.000") are thousands; a single dot is a decimal point.
    """
    if _numeric(values):  # number cells only: nothing to parse
        number = values.astype("Float64")
        infinite = (number.abs() == np.inf).fillna(False).astype(bool)
        return number.mask(infinite), infinite
    text_cells = is_text(values)
    numbers = pd.to_numeric(values.where(~text_cells), errors="coerce")
    text = clean_text(values.where(text_cells)).str.replace(r"[\s%]", "", regex=True)
    grouped = text.str.fullmatch(r"-?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?").fillna(False).astype(bool)
    both = (text.str.contains(",", regex=False) & text.str.contains(".", regex=False)).fillna(False)
    text = text.mask(grouped | both, text.str.replace(".", "", regex=False))
    parsed = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    result = numbers.astype("Float64").fillna(parsed.astype("Float64"))
    result = result.mask(result.abs() == np.inf)  # "inf", "-Infinity": text, not a number
    blank = values.isna() | (text_cells & text.isna())
    return result, (~blank & result.isna()).astype(bool)


def _numeric(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
        values.dtype
    )


def parse_level(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Competency levels 1..5 ("3", 3.0, "Level 3") -> (Int64, bad mask)."""
    stripped = (
        values
        if _numeric(values)
        else values.where(
            ~is_text(values), _fold(values).str.replace(r"^(?:LEVEL|LVL|L) ?", "", regex=True)
        )
    )
    number, bad = parse_number(stripped)
    valid = number.between(1, 5) & (number % 1 == 0)
    return number.where(valid).astype("Int64"), (bad | (number.notna() & ~valid)).astype(bool)


def _by_unique(parse: Callable[..., Any], *columns: pd.Series) -> Any:
    """Run ``parse`` once per distinct value (or combination of values of several columns) and
    spread its result (a Series, DataFrame or tuple of them) back over the rows."""
    if len(columns) == 1 and _mostly_distinct(columns[0]):
        # names, NIPs: hashing them would cost more than parsing every cell (parsers work cell
        # by cell, so the result is the same)
        codes = np.arange(len(columns[0]))
        args: tuple[pd.Series, ...] = (columns[0].reset_index(drop=True),)
    elif len(columns) == 1:
        codes, uniques = pd.factorize(columns[0], use_na_sentinel=False)
        args = (pd.Series(uniques),)
    else:  # one integer key per combination, numbered in order of first appearance
        codes = np.zeros(len(columns[0]), dtype=np.int64)
        for column in columns:
            part, seen = pd.factorize(column, use_na_sentinel=False)
            codes, _ = pd.factorize(codes * (len(seen) + 1) + part)
        # codes run in order of first appearance: a row holds a new one where the running
        # maximum grows (what np.unique's first indices give, without sorting)
        first = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
        args = tuple(c.iloc[first].reset_index(drop=True).rename(i) for i, c in enumerate(columns))
    result = parse(*args)
    distinct = len(args[0]) == len(codes)  # every row its own value: codes is 0, 1, 2, ...

    def spread(part: pd.Series | pd.DataFrame) -> Any:
        if distinct:
            return part.set_axis(columns[0].index)
        taken = part.iloc[codes]
        taken.index = columns[0].index
        return taken

    return tuple(spread(r) for r in result) if isinstance(result, tuple) else spread(result)


def _codes(nip: pd.Series) -> np.ndarray:
    """One code per distinct NIP, -1 for NA. The decoded NIPs are 18 ASCII digits, so they are
    hashed as int64 (a third of the time of hashing their text at 200,000 rows); any other
    value is hashed as text."""
    try:
        key = pc.cast(pa.array(nip.array, type=pa.large_string()), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.factorize(nip)[0]
    codes = pd.factorize(key.fill_null(0).to_numpy())[0]
    codes[~key.is_valid().to_numpy(zero_copy_only=False)] = -1
    return codes


_SAMPLE = 4096  # cells looked at (pairs of neighbours) to tell a column of distinct values


def _mostly_distinct(values: pd.Series) -> bool:
    """Whether a column of 20,000 cells or more holds (nearly) only distinct values: at most 2
    repeats among :data:`_SAMPLE` cells drawn at fixed pseudo-random places, each with its
    neighbour below. A column where half the values repeat shows about 40 there at 200,000
    rows; a NIP repeated per quarter over a long performance table, hundreds, whether the
    table runs period by period (repeats far apart: an evenly spaced sample can step over
    them all when every period lists people in the same order) or person by person (the
    neighbours repeat; the even sample alone saw none there, and 562,000 NIPs were decoded one
    by one instead of 50,000). Below 20,000 cells hashing costs nothing worth saving."""
    if len(values) < 5 * _SAMPLE:
        return False
    at = np.random.default_rng(0).integers(0, len(values) - 1, _SAMPLE // 2)
    sample = values.iloc[np.unique(np.r_[at, at + 1])]  # each place once
    return sample.nunique(dropna=False) >= len(sample) - 2


def _display(value: Any) -> str:
    """A cell value as the analyst would read it (for ``Issue.value``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    if isinstance(value, date):  # from the parts: strftime fails past year 9999 (serial 2958466)
        return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
    return shown(str(value))


def _day(value: Any) -> str:
    return pd.Timestamp(value).strftime("%d-%m-%Y")


def _date_cells(values: pd.Series) -> tuple[pd.Series, ...]:
    """Dates, unreadable cells, and cells holding a time instead (rules.dates)."""
    return (*parse_dates(values), *time_cells(values))


def _true(mask: Any) -> np.ndarray:
    if isinstance(mask, np.ndarray) and mask.dtype == bool:
        return mask
    return np.asarray(pd.Series(mask).fillna(False), dtype=bool)


ROWS_LISTED = 20  # rows named in a duplicate's message ("baris 5, 10, …")

# --- problems -----------------------------------------------------------------------------


@dataclass
class _Finding:
    code: str
    column: str
    source: str
    mask: np.ndarray
    values: pd.Series | None
    # Message parameters: one dict for every cell; a Series of dicts covering (at least) the
    # first ``listed`` flagged rows; or a DataFrame of whole columns, one parameter each.
    params: dict[str, Any] | pd.Series | pd.DataFrame | None


class _Problems:
    """Problems found column by column; Issues are made only for the bad cells, the first
    ``listed`` of each code and column one by one, the rest as one summary issue."""

    def __init__(self, loaded: LoadedTable, listed: int) -> None:
        self.loaded = loaded
        self.listed = max(listed, 0)
        self.index = loaded.frame.index
        self.findings: list[_Finding] = []
        self.codes = np.full(len(self.index), None, dtype=object)  # the first blocking code
        self.kept = np.ones(len(self.index), dtype=bool)  # rows without a blocking problem

    def flag(
        self,
        code: str,
        column: str,
        mask: Any,
        *,
        source: str | None = None,
        values: pd.Series | None = None,
        params: dict[str, Any] | pd.Series | None = None,
        block: bool = False,
    ) -> None:
        mask = _true(mask)
        if not mask.any():
            return
        self.findings.append(_Finding(code, column, source or column, mask, values, params))
        if block:
            self.reject(mask, code)

    def reject(self, mask: Any, code: str) -> None:
        fresh = _true(mask) & self.kept  # a row keeps the first reason it was rejected for
        self.codes[fresh] = code
        self.kept &= ~fresh

    def issues(self, nip: pd.Series) -> list[Issue]:
        loaded = self.loaded
        found: list[Issue] = []
        for f in self.findings:
            col = loaded.col_index.get(f.source)
            shown = f.values if f.values is not None else loaded.frame.get(f.source)
            flagged = np.flatnonzero(f.mask)
            positions, rest = flagged[: self.listed], flagged[self.listed :]
            rows = loaded.excel_rows[positions].tolist()
            values = shown.iloc[positions].tolist() if shown is not None else [""] * len(rows)
            nips = nip.iloc[positions].astype(object).fillna("").tolist()
            if isinstance(f.params, pd.DataFrame):
                params = _records(f.params.iloc[positions])
            elif isinstance(f.params, pd.Series):
                params = f.params.loc[self.index[positions]].tolist()
            else:
                params = [f.params] * len(rows)
            if len(rest):  # one summary per sheet (a table read from several has one each)
                rest_sheets = np.asarray(loaded.sheets_at(rest), dtype=object)
                for sheet in dict.fromkeys(rest_sheets):
                    summarised = loaded.excel_rows[rest[rest_sheets == sheet]]
                    found.append(
                        Issue(
                            code=f.code,
                            sheet=sheet,
                            column=f.column,
                            row=int(summarised[0]),
                            rows=tuple(summarised.tolist()),
                        )
                    )
            sheets = loaded.sheets_at(positions)
            for row, sheet, value, nip_, param in zip(
                rows, sheets, values, nips, params, strict=True
            ):
                found.append(
                    Issue(
                        code=f.code,
                        sheet=sheet,
                        cell=cell_ref(sheet, col, row) if col is not None else "",
                        column=f.column,
                        value=_display(value),
                        row=row,
                        nip=nip_,
                        params=dict(param or {}),
                    )
                )
        return found


# --- output shape ---------------------------------------------------------------------------

_KIND_DTYPE: dict[str, str] = {
    "date": "datetime64[ns]",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "level": "Int64",
}
_DERIVED_DTYPE: dict[str, str] = {
    **dict.fromkeys(
        (
            "golongan_id",
            "golongan_pppk",
            "golongan_min_id",
            "golongan_max_id",
            "eselon_id",
            "pendidikan_level",
            "pendidikan_min_level",
        ),
        "Int64",
    ),
    "period_start": "datetime64[ns]",
    "period_end": "datetime64[ns]",
}
# Columns read only to build others.
_CONSUMED: dict[str, frozenset[str]] = {
    "pegawai": frozenset(
        {"tempat_tanggal_lahir", "nama_depan", "nama_belakang", "nama_nip", "golongan_tmt"}
    ),
    "kompetensi": frozenset({"kompetensi", "level", "kelompok"}),
}
# Tables whose optional columns appear only when the input has them.
_SPARSE_TABLES = frozenset({"kinerja", "kompetensi"})


def _expand(column: schema.Column) -> tuple[str, ...]:
    """The output columns one input column becomes, in order."""
    name, kind = column.name, column.kind
    if kind == "golongan":
        return (name, "golongan_id", "golongan_pppk") if name == "golongan" else (f"{name}_id",)
    if kind == "pendidikan":
        return (name, "pendidikan_level") if name == "pendidikan" else (f"{name}_level",)
    if kind == "eselon":
        return (name, "eselon_id")
    if kind == "jenis_jabatan":
        return (name, "jenjang", "rumpun")
    if kind == "periode":
        return (name, "period_start", "period_end", "period_kind")
    return (name,)


def _params(**columns: pd.Series) -> pd.DataFrame:
    """Message parameters, one column each; turned into dicts only for the listed cells."""
    return pd.DataFrame(columns)


def _records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Parameter rows as dicts, dates as DD-MM-YYYY."""
    rows = rows.copy()
    for name in rows:
        if pd.api.types.is_datetime64_any_dtype(rows[name]):
            rows[name] = rows[name].dt.strftime("%d-%m-%Y")
    return rows.to_dict("records")


parse_sex = _lookup(SEX, "string")
parse_bool = _lookup(BOOLEAN, "boolean")


_volume_period = _lookup(VOLUME_PERIODS, "string")


def parse_volume_period(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ABK volume periods -> ("tahun", ..., "hari"; blank -> "tahun", bad mask)."""
    period, bad = _volume_period(values)
    return period.mask(clean_text(values).isna(), "tahun"), bad


# --- the run --------------------------------------------------------------------------------


class _Run:
    """One table being normalised: raw input, typed output, problems found."""

    def __init__(self, loaded: LoadedTable, per: date | None, lang: str, settings: Settings):
        self.loaded = loaded
        self.table = schema.TABLES[loaded.table]
        self.raw = loaded.frame
        self.out = pd.DataFrame(index=self.raw.index)
        self.problems = _Problems(loaded, settings.normalize.issues_listed)
        self.per = per
        self.lang = lang
        self.settings = settings
        self.decoded: pd.DataFrame | None = None
        self.nip_display = pd.Series(pd.NA, index=self.raw.index, dtype="string")
        self.jurusan_hint: pd.Series | None = None
        self.competency: pd.Series | None = None
        self.texts: dict[str, pd.Series] = {}

    # helpers

    def get(self, name: str) -> pd.Series:
        """An output column, or an all-NA one of the right type."""
        if name in self.out:
            return self.out[name]
        blank = pd.array([None], dtype=self.dtype(name))  # repeated by a take: no Python loop
        return pd.Series(blank.take(np.zeros(len(self.raw), dtype=np.intp)), index=self.raw.index)

    def dtype(self, name: str) -> str:
        if name in _DERIVED_DTYPE:
            return _DERIVED_DTYPE[name]
        kind = next((c.kind for c in self.table.columns if c.name == name), "text")
        return _KIND_DTYPE.get(kind, "string")

    def text(self, name: str) -> pd.Series:
        """The cleaned text of an input column (computed once)."""
        if name not in self.texts:
            self.texts[name] = _by_unique(clean_text, self.raw[name])
        return self.texts[name]

    def source(self, *names: str) -> str:
        """The first of ``names`` the input has (where a derived value came from)."""
        return next((n for n in names if n in self.raw), names[0])

    def flag(self, code: str, column: str, mask: Any, **kwargs: Any) -> None:
        self.problems.flag(code, column, mask, **kwargs)

    # the steps

    def run(self) -> Normalized:
        self.status_and_nip()
        for column in self.table.columns:
            if column.name in self.raw and column.kind not in ("nip", "status"):
                getattr(self, f"kind_{column.kind}")(column)
        self.required()
        step = getattr(self, f"table_{self.table.name}", None)
        if step is not None:
            step()
        return self.result()

    def status_and_nip(self) -> None:
        status = None
        if "status" in self.raw:
            status, bad = _by_unique(parse_status, self.raw["status"])
            self.flag("status-unknown", "status", bad)
        if "nip" in self.raw:
            self.decode_nip(status)
        if self.keeps_status:
            kind = self.decoded["kind"] if self.decoded is not None else None
            self.out["status"] = status.fillna(kind) if status is not None else kind

    @property
    def keeps_status(self) -> bool:
        """Whether the table has a status column (PNS/PPPK), filled from the NIP where blank."""
        return any(c.name == "status" for c in self.table.columns)

    def decode_nip(self, status: pd.Series | None) -> None:
        values = self.raw["nip"]
        other = ~is_text(values)  # number cells the reader did not mark (a frame built in code)
        number = np.zeros(len(values), dtype=bool)
        if other.any():
            number = pd.to_numeric(values.where(other), errors="coerce").notna().to_numpy(bool)
        reader = self.loaded.numeric_cells.get("nip")
        if reader is not None:
            number = number | np.asarray(reader, dtype=bool)
        given = values.where(~number) if number.any() else values
        age = self.settings.normalize.nip_min_age_at_tmt
        if status is None and self.table.key != ("nip",):
            # a NIP repeated over a long table (kinerja) is decoded once; a roster's NIPs are
            # all but distinct, so there the decoding itself is cheaper than finding repeats.
            # Only the fields such a table uses are spread back over its rows.
            wanted = ["nip", "error", *(["kind"] if self.keeps_status else [])]
            decoded = _by_unique(lambda v: decode_nip(v, min_age_at_tmt=age)[wanted], given)
        else:
            decoded = decode_nip(given, status, min_age_at_tmt=age)
        shown = decoded["nip"]
        if number.any():
            decoded["error"] = decoded["error"].mask(number, "nip-stored-as-number")
            shown = shown.mask(number, values[number].map(_display))
        for code in decoded["error"].dropna().unique():
            mask = decoded["error"] == code
            listed = shown[mask].head(self.problems.listed)  # params of the listed cells only
            params = pd.Series([error_params(code, nip) for nip in listed], index=listed.index)
            self.flag(code, "nip", mask, values=shown, params=params, block=True)
        self.decoded = decoded
        self.nip_display = shown
        self.out["nip"] = decoded["nip"].where(decoded["error"].isna())

    def required(self) -> None:
        for column in self.table.columns:
            if column.required and column.kind != "nip" and column.name in self.raw:
                blank = self.text(column.name).isna()
                code = _MISSING_CODE.get(column.name, "value-missing")
                self.flag(code, column.name, blank, block=True)

    # one method per column kind

    def kind_text(self, column: schema.Column) -> None:
        self.out[column.name] = self.text(column.name)

    kind_id = kind_text

    def kind_date(self, column: schema.Column) -> None:
        dates, bad, time, shown = _by_unique(_date_cells, self.raw[column.name])
        self.flag("date-invalid", column.name, bad, block=column.required)
        if time.any():  # "08:30" or "30:00:00" in a date column reads as 31-12-1899 or 1-1-1900
            self.flag("date-is-time", column.name, time, values=shown, block=column.required)
            dates = dates.mask(time)
        self.out[column.name] = dates

    def kind_float(self, column: schema.Column, integer: bool = False) -> None:
        name = column.name
        number, bad = _by_unique(parse_number, self.raw[name])
        if integer:
            bad = bad | _true(number % 1 != 0)
        self.flag("value-not-number", name, bad)
        negative = _true(number < 0) & ~bad
        self.flag("value-negative", name, negative)
        large = np.zeros(len(number), dtype=bool)
        if column.maximum is not None:  # a typo or a wrong unit, not data (schema.MAX_NEED)
            large = _true(number > column.maximum) & ~bad
            self.flag("value-too-large", name, large, params={"max": f"{column.maximum:g}"})
        number = number.mask(bad | negative | large)
        self.out[name] = number.astype("Int64") if integer else number

    def kind_int(self, column: schema.Column) -> None:
        self.kind_float(column, integer=True)

    def kind_golongan(self, column: schema.Column) -> None:
        name = column.name
        parsed = _by_unique(parse_golongan, self.raw[name])
        if name == "golongan":
            self.out[name] = parsed["display"]
            self.out["golongan_id"] = parsed["golongan_id"]
            self.out["golongan_pppk"] = parsed["golongan_pppk"]
            bad = ~parsed["ok"]
        else:  # a PNS range bound: a PPPK golongan cannot serve
            self.out[f"{name}_id"] = parsed["golongan_id"]
            bad = ~parsed["ok"] | parsed["golongan_pppk"].notna()
        self.flag("golongan-unknown", name, bad)

    def kind_pendidikan(self, column: schema.Column) -> None:
        name = column.name
        parsed = _by_unique(parse_pendidikan, self.raw[name])
        if name == "pendidikan":
            self.out[name] = parsed["display"]
            self.out["pendidikan_level"] = parsed["level"]
            self.jurusan_hint = parsed["jurusan"]
        else:
            self.out[f"{name}_level"] = parsed["level"]
        self.flag("pendidikan-unknown", name, ~parsed["ok"])

    def kind_jenis_jabatan(self, column: schema.Column) -> None:
        jenis, bad = _by_unique(jab.parse_jenis_jabatan, self.raw[column.name])
        self.flag("jenis-jabatan-unknown", column.name, bad)
        self.out[column.name] = jenis

    def kind_eselon(self, column: schema.Column) -> None:
        parsed = _by_unique(jab.parse_eselon, self.raw[column.name])
        self.flag("eselon-unknown", column.name, ~parsed["ok"])
        self.out[column.name] = parsed["eselon"]
        self.out["eselon_id"] = parsed["eselon_id"]

    def kind_sex(self, column: schema.Column) -> None:
        sex, bad = _by_unique(parse_sex, self.raw[column.name])
        self.flag("sex-unknown", column.name, bad)
        self.out[column.name] = sex

    def kind_bool(self, column: schema.Column) -> None:
        flag, bad = _by_unique(parse_bool, self.raw[column.name])
        self.flag("bool-unknown", column.name, bad)
        self.out[column.name] = flag

    def kind_level(self, column: schema.Column) -> None:
        level, bad = _by_unique(parse_level, self.raw[column.name])
        self.flag("level-invalid", column.name, bad)
        self.out[column.name] = level

    def kind_periode(self, column: schema.Column) -> None:
        values = self.raw[column.name]
        parsed = _by_unique(parse_period, values)
        self.flag("periode-invalid", column.name, ~parsed["ok"], block=column.required)
        label = self.text(column.name)
        from_date = ~is_text(values) & (parsed["period_kind"] == "bulan").fillna(False)
        if from_date.any():  # month labels for date cells only (strftime is slow per value)
            label = label.mask(from_date, parsed["period_start"][from_date].dt.strftime("%Y-%m"))
        self.out[column.name] = label.astype("string")
        for part in ("period_start", "period_end", "period_kind"):
            self.out[part] = parsed[part]

    # table steps

    def table_pegawai(self) -> None:
        self.place_and_date_of_birth()
        self.plausible_birth_dates()
        self.nip_cross_checks()
        self.tmt_after_birth()
        self.golongan_fits_status()
        self.positions()
        if self.jurusan_hint is not None:
            self.out["jurusan"] = self.get("jurusan").fillna(self.jurusan_hint)
        self.unique_nip()

    def table_jabatan(self) -> None:
        self.positions()
        self.unique_position()

    def unique_position(self) -> None:
        """Each (unit, jabatan) once in a position map: every copy is reported (a warning); the
        analysis uses the first, so a need split over two rows is never silently lost."""
        key = (
            schema.name_key(self.get("unit_kerja")) + "\x1f" + schema.name_key(self.get("jabatan"))
        )
        key = key.where(self.problems.kept)
        copies = _true(key.duplicated(keep=False) & key.notna())
        if not copies.any():
            return
        self.flag("position-duplicate", "jabatan", copies, params=self.copies_rows(key, copies))

    def table_beban_kerja(self) -> None:
        if "periode" in self.raw:
            period, bad = _by_unique(parse_volume_period, self.raw["periode"])
            self.flag("volume-period-unknown", "periode", bad)
            self.out["periode"] = period
        else:
            self.out["periode"] = pd.Series("tahun", index=self.raw.index, dtype="string")

    def table_kompetensi(self) -> None:
        """Long form (nip, kompetensi, level): competency names matched to their keys; the
        rows are pivoted to one row per NIP once the rejected rows are out."""
        if "kompetensi" in self.raw and "level" in self.raw:
            by_header = {
                key: name
                for key, name in schema.synonym_index(self.table).items()
                if name in schema.COMPETENCIES
            }
            names = self.get("kompetensi")
            self.competency = _by_unique(lambda u: u.map(schema.header_key), names).map(by_header)
            unknown = names.notna() & self.competency.isna()
            self.flag("competency-unknown", "kompetensi", unknown)
        else:
            self.unique_nip()

    def table_aspirasi(self) -> None:
        self.unique_nip()

    def place_and_date_of_birth(self) -> None:
        if "tempat_tanggal_lahir" not in self.raw:
            return
        place, born, bad = _by_unique(split_place_date, self.raw["tempat_tanggal_lahir"])
        self.flag("date-invalid", "tanggal_lahir", bad, source="tempat_tanggal_lahir")
        self.out["tempat_lahir"] = self.get("tempat_lahir").fillna(clean_text(place))
        self.out["tanggal_lahir"] = self.get("tanggal_lahir").fillna(born)

    def impossible(
        self,
        name: str,
        mask: Any,
        reason: str | pd.Series,
        *,
        source: str | None = None,
        block: bool = False,
    ) -> None:
        """``date-impossible`` for the masked cells of a typed date column, set to NA."""
        dates = self.out[name]
        params = (
            {"reason": reason}
            if isinstance(reason, str)
            else reason.map(lambda text: {"reason": text})
        )
        self.flag(
            "date-impossible", name, mask, source=source, values=dates, params=params, block=block
        )
        self.out[name] = dates.mask(_true(mask))

    def plausible_birth_dates(self) -> None:
        self.out["tanggal_lahir"] = born = self.get("tanggal_lahir")
        source = self.source("tanggal_lahir", "tempat_tanggal_lahir")
        year = self.settings.normalize.earliest_birth_year
        reason = t("normalize.birth_too_early", self.lang, year=year)
        self.impossible("tanggal_lahir", born.dt.year < year, reason, source=source)
        if self.per is not None:
            reason = t("normalize.after_per", self.lang, per=_day(self.per))
            late = self.out["tanggal_lahir"] > pd.Timestamp(self.per)
            self.impossible("tanggal_lahir", late, reason, source=source)

    def nip_cross_checks(self) -> None:
        """Birth date and sex typed vs. decoded from the NIP (DOMAIN.md 6.1); blanks filled."""
        decoded = self.decoded
        if decoded is None:
            return
        born, sex = self.get("tanggal_lahir"), self.get("jenis_kelamin")
        differs = _true(born.dt.normalize() != decoded["birth_date"]) & _true(
            born.notna() & decoded["birth_date"].notna()
        )
        self.flag(
            "nip-birthdate-mismatch",
            "tanggal_lahir",
            differs,
            source=self.source("tanggal_lahir", "tempat_tanggal_lahir"),
            values=self.nip_display,
            params=_params(typed=born, decoded=decoded["birth_date"]),
        )
        differs = _true(sex != decoded["sex"]) & _true(sex.notna() & decoded["sex"].notna())
        params = _params(typed=sex, decoded=decoded["sex"])
        self.flag(
            "nip-sex-mismatch", "jenis_kelamin", differs, values=self.nip_display, params=params
        )
        self.out["tanggal_lahir"] = born.fillna(decoded["birth_date"])
        self.out["jenis_kelamin"] = sex.fillna(decoded["sex"])

    def tmt_after_birth(self) -> None:
        born = self.get("tanggal_lahir")
        for column in self.table.columns:
            name = column.name
            if column.kind == "date" and name.startswith("tmt_") and name in self.out:
                before = _true(self.out[name] < born)
                reasons = (
                    born[before]
                    .head(self.problems.listed)  # reasons of the listed cells only
                    .dt.strftime("%d-%m-%Y")
                    .map(lambda day: t("normalize.before_birth", self.lang, birth=day))
                )
                self.impossible(name, before, reasons, block=column.required)

    def golongan_fits_status(self) -> None:
        """A PNS holds a PNS golongan (III/a), a PPPK a PPPK one (IX): DOMAIN.md 7.3."""
        if "golongan" not in self.raw:
            return
        status = self.get("status")
        wrong = _true((status == "PNS") & self.out["golongan_pppk"].notna()) | _true(
            (status == "PPPK") & self.out["golongan_id"].notna()
        )
        self.flag("golongan-unknown", "golongan", wrong)
        for name in ("golongan", "golongan_id", "golongan_pppk"):
            self.out[name] = self.out[name].mask(wrong)

    def positions(self) -> None:
        """Jabatan "(Pelaksana)" suffix split off; jenis, jenjang and rumpun completed."""
        if "jabatan" not in self.out:
            return
        name, jenis_in_name = _by_unique(jab.split_jabatan_jenis, self.out["jabatan"])
        typed = self.get("jenis_jabatan").fillna(jenis_in_name)
        parts = jab.position_parts(name, typed, self.get("eselon"))  # once per combination
        self.out["jabatan"] = name
        self.out["jenis_jabatan"], self.out["jenjang"], self.out["rumpun"] = parts

    def unique_nip(self) -> None:
        """Each NIP once: every copy is reported, the first one kept."""
        nip = self.get("nip").where(self.problems.kept)
        codes = _codes(nip)
        counts = np.bincount(codes + 1)
        copies = (codes >= 0) & (counts[codes + 1] > 1)
        if not copies.any():
            return
        params = self.copies_rows(nip, copies)
        self.flag("nip-duplicate", "nip", copies, values=nip, params=params)
        later = copies & pd.Series(codes).duplicated(keep="first").to_numpy()
        self.problems.reject(later, "nip-duplicate")

    def copies_rows(self, key: pd.Series, copies: np.ndarray) -> pd.Series:
        """``{"rows": "5, 10"}`` for the listed copies: the Excel rows sharing their key, the
        first :data:`ROWS_LISTED` of them named. Linear in rows: a NIP filled down a 20,000-row
        roster costs one short text per listed cell, not 20,000 row numbers each."""
        wanted = key.iloc[np.flatnonzero(copies)[: self.problems.listed]]
        same = copies & key.isin(wanted.unique()).to_numpy()
        rows = row_labels(self.loaded, np.flatnonzero(same))
        found = pd.DataFrame({"key": key[same].to_numpy(), "row": rows})
        groups = found.groupby("key", sort=False)
        first = found[groups.cumcount() < ROWS_LISTED].astype({"row": str})
        text = first.groupby("key", sort=False)["row"].agg(", ".join)
        more = groups.size() - ROWS_LISTED
        for name in more.index[more > 0]:
            text[name] = t("normalize.rows_more", self.lang, rows=text[name], more=more[name])
        return pd.Series([{"rows": text[k]} for k in wanted], index=wanted.index, dtype=object)

    # result

    def columns(self) -> list[str]:
        consumed = _CONSUMED.get(self.table.name, frozenset())
        names: list[str] = []
        for column in self.table.columns:
            sparse = column.name in schema.COMPETENCIES or (
                self.table.name in _SPARSE_TABLES and not column.required
            )
            if column.name in consumed or (sparse and column.name not in self.raw):
                continue
            names.extend(_expand(column))
        return names

    def result(self) -> Normalized:
        self.out["excel_row"] = pd.array(self.loaded.excel_rows, dtype="Int64")
        columns = [*self.columns(), "excel_row"]
        if self.loaded.row_sheet is not None:  # read from several sheets
            everywhere = np.arange(len(self.loaded.excel_rows))
            self.out["excel_sheet"] = pd.array(self.loaded.sheets_at(everywhere), dtype="string")
            columns.append("excel_sheet")
        out = pd.DataFrame({name: self.get(name) for name in columns}, index=self.raw.index)
        keep = self.problems.kept
        frame = out if keep.all() else out[keep]  # Arrow's filter: a third of a take's time
        if self.competency is not None:
            frame = self.pivot_competencies(frame, keep)
        dropped = np.flatnonzero(~keep)
        reason = pd.Series(self.problems.codes[dropped], index=out.index[dropped], dtype="string")
        rejected = out.take(dropped).assign(nip=self.nip_display.take(dropped), reason_code=reason)
        rest = [c for c in columns if c not in ("excel_row", "nip")]
        rejected = rejected[["excel_row", "nip", "reason_code", *rest]]
        order = {sheet: k for k, sheet in enumerate(self.loaded.sheets)}
        issues = sorted(
            self.problems.issues(self.nip_display),
            key=lambda i: (order.get(i.sheet, 0), i.row or 0),
        )
        return Normalized(
            table=self.table.name,
            frame=frame.reset_index(drop=True),
            rejected=rejected.reset_index(drop=True),
            issues=issues,
        )

    def pivot_competencies(self, frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
        """Long kompetensi rows (nip, kompetensi, level) -> one row per NIP, in order of first
        appearance; the last level given for a NIP and competency wins."""
        long = pd.DataFrame(
            {"nip": frame["nip"], "key": self.competency[keep], "level": self.out["level"][keep]}
        ).dropna()
        wide = long.drop_duplicates(["nip", "key"], keep="last").pivot(
            index="nip", columns="key", values="level"
        )
        latest = {c: "max" if c == "tanggal_asesmen" else "first" for c in frame if c != "nip"}
        people = frame.groupby("nip", sort=False).agg(latest)
        for key in wide:
            level = wide[key].reindex(people.index).astype("Int64")
            people[key] = level.fillna(people[key]) if key in people else level
        keys = [c for c in schema.COMPETENCIES if c in people]
        base = [c for c in frame if c not in keys and c != "excel_row"]
        return people.reset_index()[[*base, *keys, "excel_row"]]


def normalize(
    loaded: LoadedTable,
    *,
    per: date | None = None,
    lang: str = "id",
    settings: Settings | None = None,
) -> Normalized:
    """Type, check and clean one loaded table (see the module docstring)."""
    settings = settings or Settings()
    result = _Run(loaded, per, lang, settings).run()
    if per is not None:  # dates after the reference date: warnings (io.columns, issue 11)
        from mutasi_cli.io.columns import future_dates

        found = future_dates(
            result.frame,
            loaded.table,
            per,
            loaded.sheet,
            loaded.col_index,
            listed=settings.normalize.issues_listed,
        )
        result.issues.extend(found)
    return result
