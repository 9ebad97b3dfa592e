"""Styled, safe, atomic workbook writing used by every command (DESIGN.md section 4).

* Safe to open: xlsxwriter runs with ``strings_to_formulas/urls/numbers`` off and every text cell
  goes through ``write_string``, so ``=HYPERLINK(...)`` stays text (MEASUREMENTS.md gotcha 5);
  control characters are removed (gotcha 6) and text is cut at 32,767 characters (gotcha 7).
* Atomic: every output is written to a temporary file beside the target and renamed into place
  (:func:`atomic_path`); an existing file is kept unless ``force``.
* Typed: columns are converted column-wise (dates become Excel serial numbers, NA becomes an
  empty cell); the per-cell loop only calls xlsxwriter. Rows are always written in order, so a
  workbook of :data:`CONSTANT_MEMORY_ROWS` rows or more is written in constant-memory mode.
* :func:`annotate_copy` marks problem cells in a copy of an input workbook (input never touched).
"""

from __future__ import annotations

import contextlib
import copy
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import xlsxwriter
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.i18n import t
from mutasi_cli.io.limits import EXCEL_COLUMNS, EXCEL_ROWS
from mutasi_cli.issues import column_letter

Format = Literal["text", "int", "float1", "float2", "float4", "pct", "date", "datetime"]


@dataclass(frozen=True)
class ColorRule:
    """Conditional colour on one column (by its display label).

    kind: "equals" (cell text == value), "negative" (< 0), "positive" (> 0), "zero" (== 0),
    "below" (< value), "above" (> value).
    color: "red" | "green" | "yellow" | "orange" | "grey" | "blue" (soft fills, readable text).
    whole_row: colour the whole row instead of the cell.
    """

    column: str
    kind: Literal["equals", "negative", "positive", "zero", "below", "above"]
    color: str
    value: Any = None
    whole_row: bool = False


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel column chart of ``value_columns`` by ``category_column`` (display labels)."""

    title: str
    category_column: str
    value_columns: Sequence[str]
    anchor: str = "H2"


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints: paper, orientation, fit to page width, the header row repeated on
    every page, and a footer (page x of y, plus ``footer`` text such as the run fingerprint)."""

    paper: Literal["a4", "f4"] = "a4"
    landscape: bool = True
    fit_width: bool = True
    repeat_header: bool = True
    footer: str = ""
    print_columns: int | None = None  # print only the first N columns (None: all)
    # A sheet too wide for one page: its width spread over this many pages (None: as many as
    # keep it at MIN_PRINT_SCALE, see print_pages), the first ``repeat_columns`` columns printed
    # on each (the sheet's frozen columns: who the row is about).
    pages_wide: int | None = None
    repeat_columns: int = 0


@dataclass(frozen=True)
class SheetSpec:
    name: str  # display name, already localised (max 31 chars, Excel rules)
    frame: pd.DataFrame  # columns already carry display labels
    formats: Mapping[str, Format] = field(default_factory=dict)  # label -> format
    colors: Sequence[ColorRule] = ()
    dropdowns: Mapping[str, Sequence[str]] = field(default_factory=dict)  # label -> choices
    comments: Mapping[tuple[int, str], str] = field(default_factory=dict)  # (row idx, label)
    chart: ChartSpec | None = None
    widths: Mapping[str, float] = field(default_factory=dict)  # label -> width override
    freeze: bool = True
    autofilter: bool = True
    # issue 10: columns frozen left of the scroll area with the header row (0: the header only),
    # columns whose text wraps, columns hidden (kept for the machine, not the reader), and the
    # page layout (None: the workbook's default, see write_workbook).
    freeze_cols: int = 0
    wrap: Sequence[str] = ()
    # columns printed on every page of a sheet too wide for one (None: the frozen ones)
    print_key_cols: int | None = None
    hidden: Sequence[str] = ()
    print_setup: PrintSetup | None = None
    sheet_hidden: bool = False  # issue 12: a sheet the analyst does not see (the record)
    protect: str | None = None  # issue 12: protect the sheet against edits (the password)


@dataclass(frozen=True)
class InputInfo:
    path: str
    table: str
    sheet: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class RunInfo:
    """Provenance written to every output's ``Info`` sheet."""

    command: str
    version: str
    per: date | None
    settings: Mapping[str, Any]
    inputs: Sequence[InputInfo]
    started: datetime
    seconds: float
    extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"fingerprint": "..."}


@dataclass(frozen=True)
class CellMark:
    """One problem to mark in :func:`annotate_copy`: a cell ("C14") of a sheet, and its message."""

    sheet: str  # "" means the first sheet
    cell: str
    severity: Literal["error", "warning"]
    comment: str


CONSTANT_MEMORY_ROWS = 100_000  # from this many data rows on, xlsxwriter streams rows to disk
CHUNK_ROWS = 10_000  # rows converted to Python values at a time (bounds memory)
MAX_CELL_CHARS = 32_767  # Excel's limit per cell (MEASUREMENTS.md gotcha 7)
MAX_DATALIST_CHARS = 255  # longest inline list Excel accepts in a dropdown
WIDTH_SAMPLE_ROWS = 200
MAX_WIDTH = 60
INFO_VALUE_WIDTH = 70
LINE_HEIGHT = 15.0  # points per text line of a wrapped row
CHARS_PER_WIDTH = 1.0  # average characters per unit of column width (Calibri 11)
WRAP_FILL = 0.85  # share of a wrapped line that words fill on average (a word never splits)
MAX_ROW_LINES = 6
# Printing: a column of width w (characters of Calibri 11) is 7w + 5 pixels at 96 dpi; the page
# keeps 0.5-inch side margins (apply_print_setup). Fitted to one page a wide sheet shrinks until
# its 11-point text is unreadable (the monitor register printed at 30 %); below MIN_PRINT_SCALE
# (about 6 points, still legible) it spreads over more pages instead. The sheets laid out for
# one page (the evaluation summary, the unit summary, the decree list) print at 56-63 %.
PAPER_CM = {"a4": (21.0, 29.7), "f4": (21.59, 33.02)}  # portrait width, height
SIDE_MARGINS_CM = 2.54
MIN_PRINT_SCALE = 0.55

NUMBER_FORMATS: dict[str, str] = {
    "int": "0",
    "float1": "0.0",
    "float2": "0.00",
    "float4": "0.0000",
    "pct": '0.00"%"',  # the value is already a percentage (92.59 shows as 92.59%)
    "date": "dd-mm-yyyy",
    "datetime": "dd-mm-yyyy hh:mm:ss",
}
_DECIMALS = {"int": 0, "float1": 1, "float2": 2, "float4": 4, "pct": 2}
_DATE_WIDTH = {"date": 10, "datetime": 19}

# Soft fill and a readable text colour of the same hue.
FILLS: dict[str, tuple[str, str]] = {
    "red": ("#FFC7CE", "#9C0006"),
    "green": ("#C6EFCE", "#006100"),
    "yellow": ("#FFEB9C", "#9C5700"),
    "orange": ("#FCD5B4", "#974706"),
    "grey": ("#E7E6E6", "#3A3838"),
    "blue": ("#DDEBF7", "#1F4E78"),
}
MARK_FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
HEADER_FILL = "#D9E1F2"
GRID_COLOR = "#BFBFBF"

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_XLSX_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
}
_CSV_RISKY = r"[=+\-@\t\r]"
_UMASK = os.umask(0)
os.umask(_UMASK)


# ---- atomic output ------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_path(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, else it is removed.

    Refuses to replace an existing file unless ``force``; creates missing parent folders.
    """
    path = Path(path)
    if path.exists() and not path.is_file():  # a folder, or a device such as /dev/null
        raise UsageError.of("trust.path.not_file", path=path)
    if path.exists() and not force:
        raise MutasiError.of("write.error.exists", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent
        )
    except OSError as exc:
        raise _write_failed(exc, path) from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            yield tmp
        except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
            raise _write_failed(exc, path) from None
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; outputs are ordinary files
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise MutasiError.of("write.error.cannot_replace", path=path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_not_input(dest: Path, inputs: Iterable[Path | str]) -> None:
    """Refuse to write ``dest`` over a file the run read: ``--out`` naming an input by mistake
    would lose it, ``--force`` or not (the same file under another name, a link, counts)."""
    dest = Path(dest)
    if not dest.exists():
        return
    for source in inputs:
        try:
            same = dest.resolve() == Path(source).resolve() or os.path.samefile(dest, source)
        except OSError:  # an input gone since it was read: nothing to protect
            continue
        if same:
            raise MutasiError.of("write.error.output_is_input", code="output-is-input", path=dest)


_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _write_failed(exc: BaseException, path: Path) -> MutasiError:
    """An operating-system error while writing ``path`` as an analyst-readable error: a full disk
    (or quota) as ``write.error.disk_full``, anything else as an unwritable folder."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else exc
    number = getattr(inner, "errno", None)
    if number in _DISK_FULL:
        return MutasiError.of("write.error.disk_full", path=path)
    reason = getattr(inner, "strerror", None) or str(inner)
    return UsageError.of("write.error.folder_unwritable", folder=Path(path).parent, reason=reason)


# ---- output sets (all or nothing) ---------------------------------------------------------
STAGING_PREFIX = ".mutasi-staging-"  # a set being written (removed, or renamed into place)
REPLACED_PREFIX = ".mutasi-replaced-"  # a previous set being replaced by --force
MANIFEST_NAME = "manifest.json"
_TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp(\.[A-Za-z0-9]+)?$")  # atomic_path's names


@dataclass
class StagedSet:
    """A set of outputs being written into ``staging``; :func:`output_set` moves it to ``final``."""

    final: Path
    staging: Path

    def final_path(self, staged: Path) -> Path:
        """Where a file written into the staging folder ends up."""
        return self.final / Path(staged).relative_to(self.staging)

    def contains(self, path: Path) -> bool:
        return Path(path).is_relative_to(self.staging)


def leftovers(folder: Path) -> list[Path]:
    """Staging folders, half-replaced sets and temporary files a killed run left in ``folder``.

    Call only while holding the folder's lock: then nothing of the kind belongs to a live run.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        staged = entry.is_dir() and entry.name.startswith((STAGING_PREFIX, REPLACED_PREFIX))
        if staged or (entry.is_file() and _TEMP_FILE.match(entry.name)):
            found.append(entry)
    return sorted(found)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove :func:`leftovers`; returns what was removed (for a message)."""
    removed = []
    for entry in leftovers(folder):
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        if not entry.exists():
            removed.append(entry)
    return removed


def is_output_set(folder: Path) -> bool:
    """A folder written by :func:`output_set` (it holds the set's manifest)."""
    return (Path(folder) / MANIFEST_NAME).is_file()


def check_set_target(final: Path, force: bool) -> None:
    """Refuse early when ``final`` cannot take a new set: an earlier set without ``force``, or a
    folder holding files that mutasi did not write (never deleted, whatever ``force`` says)."""
    final = Path(final)
    if final.exists() and not final.is_dir():
        raise MutasiError.of("write.error.set_not_folder", path=final)
    if not final.is_dir() or not any(final.iterdir()):
        return
    if not is_output_set(final):
        raise MutasiError.of("write.error.set_foreign", path=final)
    if not force:
        raise MutasiError.of("write.error.set_exists", path=final)


def _manifest(staging: Path, meta: Mapping[str, Any]) -> dict[str, Any]:
    files = []
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(block)
        files.append(
            {
                "path": path.relative_to(staging).as_posix(),
                "bytes": path.stat().st_size,
                "sha256": digest.hexdigest(),
            }
        )
    return {**meta, "files": files}


@contextlib.contextmanager
def output_set(
    final: Path, *, force: bool = False, meta: Mapping[str, Any] | None = None
) -> Iterator[StagedSet]:
    """Write a set of files into a staging folder beside ``final``, then move it into place in
    one rename with a ``manifest.json`` listing every file (path, bytes, SHA-256).

    On any error or interruption the staging folder is removed and ``final`` is as it was. With
    ``force`` an earlier set at ``final`` is replaced whole (nothing of it is left behind); a
    folder mutasi did not write is never replaced. Hold the parent folder's lock around this.
    """
    final = Path(final)
    check_set_target(final, force)
    parent = final.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{final.name}.", dir=parent))
    except OSError as exc:
        raise _write_failed(exc, final) from None
    staged = StagedSet(final=final, staging=staging)
    try:
        try:
            yield staged
            text = json.dumps(_manifest(staging, meta or {}), ensure_ascii=False, indent=1)
            (staging / MANIFEST_NAME).write_text(text, encoding="utf-8")
            os.chmod(staging, 0o777 & ~_UMASK)  # mkdtemp creates 0700
        except OSError as exc:
            raise _write_failed(exc, final) from None
        _swap_into_place(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_into_place(staging: Path, final: Path) -> None:
    """Rename ``staging`` to ``final``; an earlier set (or empty folder) there is moved aside
    first and removed after, so ``final`` never holds a mix of two sets."""
    old = None
    if final.exists():
        old = final.parent / f"{REPLACED_PREFIX}{final.name}.{os.getpid()}"
        try:
            os.replace(final, old)
        except OSError:
            raise MutasiError.of("write.error.cannot_replace", path=final) from None
    try:
        os.replace(staging, final)
    except OSError:
        if old is not None:
            os.replace(old, final)  # put the earlier set back
        raise MutasiError.of("write.error.cannot_replace", path=final) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ---- cell values ----------------------------------------------------------------------------
# The control characters XML 1.0 (so an .xlsx cell) cannot hold: openpyxl's
# ILLEGAL_CHARACTERS_RE as one character class, a pattern pyarrow's regex engine runs on a whole
# column (openpyxl's compiled pattern sent pandas to a Python call per cell: 4x slower).
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean_text(series: pd.Series) -> pd.Series:
    """Text without control characters Excel rejects, cut to Excel's cell limit."""
    text = series.astype("string")
    cleaned = text.str.replace(ILLEGAL_CHARACTERS.pattern, "", regex=True)
    return cleaned.str.slice(0, MAX_CELL_CHARS)


def _clean_str(value: str) -> str:
    return ILLEGAL_CHARACTERS.sub("", value)[:MAX_CELL_CHARS]


def _excel_serial(series: pd.Series) -> pd.Series:
    """Dates -> Excel serial day numbers (float, NaN for NaT)."""
    stamps = pd.to_datetime(series)
    if stamps.dt.tz is not None:
        stamps = stamps.dt.tz_localize(None)
    return (stamps - _EXCEL_EPOCH) / pd.Timedelta(days=1)


def _with_none(values: np.ndarray, missing: np.ndarray) -> list[Any]:
    out = values.astype(object)
    out[missing] = None
    return out.tolist()


@dataclass(frozen=True)
class _Column:
    kind: Literal["text", "bool", "number", "date"]
    fmt: str  # a key of NUMBER_FORMATS, or "text"


def _column(series: pd.Series, fmt: str | None) -> _Column:
    """How a column is written: from its requested format, else from its dtype."""
    if fmt == "text":
        return _Column("text", "text")
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if pd.api.types.is_bool_dtype(series.dtype):
        kind = "bool"
    elif pd.api.types.is_datetime64_any_dtype(series.dtype):
        kind = "date"
    elif pd.api.types.is_numeric_dtype(series.dtype):
        kind = "number"
    elif series.dtype == object:
        inferred = pd.api.types.infer_dtype(series, skipna=True)
        kind = {
            "boolean": "bool",
            "date": "date",
            "datetime": "date",
            "datetime64": "date",
            "integer": "number",
            "floating": "number",
            "mixed-integer-float": "number",
            "decimal": "number",
        }.get(inferred, "text")
    else:
        kind = "text"
    if kind == "date":
        return _Column("date", fmt if fmt in _DATE_WIDTH else "date")
    if kind == "number":
        default = "int" if pd.api.types.is_integer_dtype(series.dtype) else "float2"
        return _Column("number", fmt if fmt in _DECIMALS else default)
    return _Column(kind, "text")


def _values(series: pd.Series, column: _Column, lang: str) -> list[Any]:
    """One column as Python values ready for xlsxwriter, None where the cell stays empty."""
    if column.kind in ("number", "date"):
        numbers = _excel_serial(series) if column.kind == "date" else series
        array = np.asarray(pd.to_numeric(numbers, errors="coerce"), dtype="float64")
        return _with_none(array, np.isnan(array))
    if column.kind == "bool":
        labels = {True: t("common.yes", lang), False: t("common.no", lang)}
        series = series.astype(object).map(labels, na_action="ignore")
    text = _clean_text(series)
    missing = text.isna().to_numpy() | (text == "").fillna(False).to_numpy()
    return _with_none(text.to_numpy(dtype=object, na_value=None), missing)


def _content_width(values: list[Any], column: _Column) -> int:
    if column.kind == "date":
        return _DATE_WIDTH[column.fmt]
    present = [v for v in values if v is not None]
    if column.kind == "number":
        digits = _DECIMALS[column.fmt]
        present = [f"{v:.{digits}f}" for v in present]
    lines = (line for text in present for line in text.splitlines())
    return max(map(len, lines), default=0)


# ---- styles ------------------------------------------------------------------------------
class _Styles:
    """The workbook's formats, created once each."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.header = book.add_format(
            {"bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.bold = book.add_format({"bold": True})
        self._cache: dict[str, Any] = {}

    def cell(self, fmt: str, top: bool = False) -> Any:
        key = f"{fmt}:top" if top else fmt
        if key not in self._cache:
            spec = {"num_format": NUMBER_FORMATS[fmt]} if fmt in NUMBER_FORMATS else {}
            if top:  # rows of several lines: top-aligned, with a light grid between rows
                spec |= {"valign": "top", "border": 1, "border_color": GRID_COLOR}
            self._cache[key] = self.book.add_format(spec) if spec else None
        return self._cache[key]

    def wrap(self) -> Any:
        if "wrap" not in self._cache:
            self._cache["wrap"] = self.book.add_format(
                {"text_wrap": True, "valign": "top", "border": 1, "border_color": GRID_COLOR}
            )
        return self._cache["wrap"]

    def fill(self, color: str) -> Any:
        key = f"fill:{color}"
        if key not in self._cache:
            background, font = FILLS[color]
            self._cache[key] = self.book.add_format({"bg_color": background, "font_color": font})
        return self._cache[key]


# ---- sheets ------------------------------------------------------------------------------
def _col_index(frame: pd.DataFrame, label: str) -> int:
    try:
        return list(frame.columns).index(label)
    except ValueError:
        raise KeyError(f"column {label!r} is not in the sheet") from None


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _write_rows(
    ws: Any, spec: SheetSpec, columns: list[_Column], styles: _Styles, lang: str
) -> list[int]:
    """Header and data in row order (constant-memory safe); returns the content widths."""
    frame = spec.frame
    for j, label in enumerate(frame.columns):
        ws.write_string(0, j, _clean_str(str(label)), styles.header)
    writers = [
        ws.write_number if c.kind in ("number", "date") else ws.write_string for c in columns
    ]
    top = bool(spec.wrap)  # rows of several lines: every cell starts at the top
    formats = [
        styles.wrap() if label in spec.wrap and c.kind == "text" else styles.cell(c.fmt, top)
        for label, c in zip(frame.columns, columns, strict=True)
    ]
    cells = list(zip(range(len(columns)), writers, formats, strict=True))
    comments: dict[int, list[tuple[int, str]]] = {}
    for (row, label), text in spec.comments.items():
        comments.setdefault(row + 1, []).append((_col_index(frame, label), _clean_str(text)))
    widths = [0] * len(columns)
    for start in range(0, len(frame), CHUNK_ROWS):
        chunk = frame.iloc[start : start + CHUNK_ROWS]
        values = [_values(chunk.iloc[:, j], c, lang) for j, c in enumerate(columns)]
        if start == 0:
            widths = [
                _content_width(v[:WIDTH_SAMPLE_ROWS], c)
                for v, c in zip(values, columns, strict=True)
            ]
        heights = _row_heights(spec, chunk)
        for i, row in enumerate(zip(*values, strict=True), start=start + 1):
            if heights is not None and heights[i - start - 1] > 1:
                ws.set_row(i, LINE_HEIGHT * heights[i - start - 1])
            for (j, write, fmt), value in zip(cells, row, strict=True):
                if value is not None:
                    write(i, j, value, fmt)
            for j, text in comments.get(i, ()):
                ws.write_comment(i, j, text)
    return widths


def _row_heights(spec: SheetSpec, chunk: pd.DataFrame) -> np.ndarray | None:
    """Lines each row needs for its wrapped text (Excel and LibreOffice do not grow a row
    written by a program on their own): per wrapped column (of the printed columns when the
    sheet prints only some), each text line takes ceil(characters / width) lines; the row
    takes the most, at most MAX_ROW_LINES."""
    shown = list(chunk.columns)
    if spec.print_setup is not None and spec.print_setup.print_columns:
        shown = shown[: spec.print_setup.print_columns]  # the printed block sets the height
    wrapped = [label for label in spec.wrap if label in shown]
    if not wrapped:
        return None
    chunk = chunk.reset_index(drop=True)
    lines = np.ones(len(chunk), dtype=np.int64)
    for label in wrapped:
        per_line = max(1.0, spec.widths.get(label, MAX_WIDTH) * CHARS_PER_WIDTH * WRAP_FILL)
        parts = chunk[label].astype("string").fillna("").str.split("\n").explode()
        need = np.ceil(parts.str.len().clip(lower=1) / per_line).groupby(level=0).sum()
        lines = np.maximum(lines, need.reindex(chunk.index).fillna(1).to_numpy(np.int64))
    return np.minimum(lines, MAX_ROW_LINES)


def _text_lines(text: str, per_line: float) -> int:
    """Lines a wrapped text takes when its words fill ``per_line`` characters a line: words
    never split, so a line breaks before the word that would overflow it."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _rule_formula(rule: ColorRule, ref: str) -> str:
    if rule.kind == "equals":
        if isinstance(rule.value, str):
            return f'={ref}="{rule.value.replace(chr(34), chr(34) * 2)}"'
        return f"={ref}={rule.value}"
    operator, bound = {
        "negative": ("<", 0),
        "positive": (">", 0),
        "zero": ("=", 0),
        "below": ("<", rule.value),
        "above": (">", rule.value),
    }[rule.kind]
    return f"=AND(ISNUMBER({ref}),{ref}{operator}{bound})"


def _add_colors(ws: Any, spec: SheetSpec, styles: _Styles) -> None:
    n, width = spec.frame.shape
    if n == 0:
        return
    for rule in spec.colors:
        j = _col_index(spec.frame, rule.column)
        first, last = (0, width - 1) if rule.whole_row else (j, j)
        ref = f"${column_letter(j)}2"  # relative row, fixed column
        ws.conditional_format(
            1,
            first,
            n,
            last,
            {
                "type": "formula",
                "criteria": _rule_formula(rule, ref),
                "format": styles.fill(rule.color),
            },
        )


def _add_dropdowns(ws: Any, spec: SheetSpec, lists: list[list[str]], lists_name: str) -> None:
    last = max(len(spec.frame), 1)
    for label, options in spec.dropdowns.items():
        j = _col_index(spec.frame, label)
        choices = [_clean_str(str(c)) for c in options]
        if not choices:
            continue
        inline = len(",".join(choices)) <= MAX_DATALIST_CHARS and not any(
            "," in c or '"' in c for c in choices
        )
        if inline:
            source: Any = choices
        else:
            lists.append(choices)
            row = len(lists)
            source = f"={_quoted(lists_name)}!$A${row}:${column_letter(len(choices) - 1)}${row}"
        ws.data_validation(1, j, last, j, {"validate": "list", "source": source})


def _add_chart(book: xlsxwriter.Workbook, ws: Any, spec: SheetSpec) -> None:
    chart_spec, n = spec.chart, len(spec.frame)
    if chart_spec is None or n == 0:
        return
    chart = book.add_chart({"type": "column"})
    c = _col_index(spec.frame, chart_spec.category_column)
    for label in chart_spec.value_columns:
        v = _col_index(spec.frame, label)
        chart.add_series(
            {
                "name": [ws.name, 0, v],
                "categories": [ws.name, 1, c, n, c],
                "values": [ws.name, 1, v, n, v],
            }
        )
    chart.set_title({"name": chart_spec.title.lstrip("=")})  # a leading "=" would be a reference
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(chart_spec.anchor, chart)


def _write_sheet(
    book: xlsxwriter.Workbook,
    spec: SheetSpec,
    styles: _Styles,
    lists: list[list[str]],
    lang: str,
    print_setup: PrintSetup | None = None,
) -> None:
    ws = book.add_worksheet(spec.name)
    frame = spec.frame
    columns = [
        _column(frame.iloc[:, j], spec.formats.get(label)) for j, label in enumerate(frame.columns)
    ]
    widths = _write_rows(ws, spec, columns, styles, lang)
    header_lines = 1
    column_widths = []
    for j, label in enumerate(frame.columns):
        width = spec.widths.get(label, min(max(len(str(label)), widths[j]) + 2, MAX_WIDTH))
        column_widths.append(width)
        wrap = styles.wrap() if label in spec.wrap else None
        ws.set_column(j, j, width, wrap, {"hidden": True} if label in spec.hidden else None)
        if label not in spec.hidden:  # a header wider than its column wraps onto more lines
            per_line = max(1.0, (width - 1) * CHARS_PER_WIDTH)  # words placed one by one
            header_lines = max(header_lines, _text_lines(str(label), per_line))
    if header_lines > 1:  # written rows do not grow on their own (see _row_heights)
        ws.set_row(0, LINE_HEIGHT * min(header_lines, MAX_ROW_LINES))
    if spec.print_setup or print_setup:
        setup = spec.print_setup or print_setup
        if spec.print_setup and print_setup and not spec.print_setup.footer:
            setup = replace(spec.print_setup, footer=print_setup.footer)
        if setup.pages_wide is None:
            printed = [  # a hidden column takes no room on paper
                0.0 if label in spec.hidden else width
                for width, label in zip(column_widths, frame.columns, strict=True)
            ][: setup.print_columns or None]
            keys = spec.freeze_cols if spec.print_key_cols is None else spec.print_key_cols
            setup = replace(setup, **print_pages(printed, keys, setup))
        apply_print_setup(ws, setup, lang)
    if frame.shape[1]:
        if spec.freeze:
            ws.freeze_panes(1, spec.freeze_cols)
        if spec.autofilter:
            ws.autofilter(0, 0, len(frame), frame.shape[1] - 1)
    _add_colors(ws, spec, styles)
    _add_dropdowns(ws, spec, lists, t("common.choices", lang))
    _add_chart(book, ws, spec)
    if spec.protect is not None:
        ws.protect(spec.protect)
    if spec.sheet_hidden:
        ws.hide()


# ---- the Info sheet ------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """Settings and extras as cell values: containers, booleans and None as JSON text."""
    if isinstance(value, Mapping | list | tuple | bool) or value is None:
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _label(key: str, lang: str) -> str:
    try:
        return t(f"common.{key}", lang)
    except KeyError:
        return key


def info_rows(info: RunInfo, lang: str = "id") -> list[tuple[str, Any]]:
    """The key/value rows of the ``Info`` sheet."""
    rows: list[tuple[str, Any]] = [
        (t("common.version", lang), info.version),
        (t("common.command", lang), info.command),
        (t("common.per", lang), info.per),
        (t("common.run_at", lang), info.started),
        (t("common.run_seconds", lang), info.seconds),
    ]
    for number, item in enumerate(info.inputs, start=1):
        prefix = f"{t('common.input', lang)} {number}"
        rows += [
            (prefix, Path(item.path).name),
            (f"{prefix} · {t('common.table', lang)}", item.table),
            (f"{prefix} · {t('common.sheet', lang)}", item.sheet),
            (f"{prefix} · {t('common.rows', lang)}", item.rows),
            (f"{prefix} · {t('common.sha256', lang)}", item.sha256),
        ]
    for section, values in info.settings.items():
        if isinstance(values, Mapping):
            rows += [(f"{section}.{key}", _plain(v)) for key, v in values.items()]
        else:
            rows.append((section, _plain(values)))
    rows += [(_label(key, lang), _plain(v)) for key, v in info.extra.items()]
    return rows


def _write_value(ws: Any, row: int, col: int, value: Any, styles: _Styles) -> None:
    if isinstance(value, date):
        fmt = "datetime" if isinstance(value, datetime) else "date"
        serial = _excel_serial(pd.Series([value])).iloc[0]
        ws.write_number(row, col, serial, styles.cell(fmt))
    elif isinstance(value, int | float | np.number):
        ws.write_number(row, col, value)
    elif value is not None:
        ws.write_string(row, col, _clean_str(str(value)))


def _write_info(book: xlsxwriter.Workbook, info: RunInfo, styles: _Styles, lang: str) -> None:
    ws = book.add_worksheet(t("common.info", lang))
    ws.write_string(0, 0, t("common.key", lang), styles.header)
    ws.write_string(0, 1, t("common.value", lang), styles.header)
    rows = info_rows(info, lang)
    for i, (key, value) in enumerate(rows, start=1):
        ws.write_string(i, 0, _clean_str(key), styles.bold)
        _write_value(ws, i, 1, value, styles)
    ws.set_column(0, 0, min(max(len(k) for k, _ in rows) + 2, MAX_WIDTH))
    ws.set_column(1, 1, INFO_VALUE_WIDTH)
    ws.freeze_panes(1, 0)


def _write_lists(book: xlsxwriter.Workbook, lists: list[list[str]], lang: str) -> None:
    ws = book.add_worksheet(t("common.choices", lang))
    for i, choices in enumerate(lists):
        for j, choice in enumerate(choices):
            ws.write_string(i, j, choice)
    ws.hide()


# ---- public writers -----------------------------------------------------------------------
def write_workbook(
    path: Path,
    sheets: Sequence[SheetSpec],
    info: RunInfo | None,
    *,
    lang: str = "id",
    force: bool = False,
    created: datetime | None = None,
) -> Path:
    """Write ``sheets`` (and the ``Info`` sheet) to ``path`` atomically; returns ``path``.

    With ``created`` and a fixed ``info`` the bytes are the same on every run. A sheet larger
    than Excel's grid is ``output-too-large`` before anything is written (xlsxwriter drops the
    cells past row 1,048,576 without a word: 1,048,580 rows came back as 1,048,575).
    """
    path = Path(path)
    taken = {t("common.choices", lang).casefold()}
    if info is not None:
        taken.add(t("common.info", lang).casefold())
    sheets = [replace(spec, name=sheet_title(spec.name, taken)) for spec in sheets]
    for spec in sheets:
        _check_fits(path, spec.name, len(spec.frame) + 1, spec.frame.shape[1])
    options = {
        **_XLSX_OPTIONS,
        "constant_memory": sum(len(s.frame) for s in sheets) >= CONSTANT_MEMORY_ROWS,
    }
    with (
        atomic_path(path, force) as tmp,
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as scratch,
    ):
        book = xlsxwriter.Workbook(str(tmp), {**options, "tmpdir": scratch})
        if created is not None:
            book.set_properties({"created": created})
        styles = _Styles(book)
        lists: list[list[str]] = []
        # Outputs of a run print ready for a meeting; input files (no Info sheet) stay plain.
        setup = default_print_setup(info, lang) if info is not None else None
        for spec in sheets:
            _write_sheet(book, spec, styles, lists, lang, setup)
        if info is not None and setup is not None:
            _write_info(book, info, styles, lang)
            apply_print_setup(book.worksheets()[-1], replace(setup, landscape=False), lang)
        if lists:
            _write_lists(book, lists, lang)
        book.close()
    return path


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31


def sheet_title(name: str, taken: set[str]) -> str:
    """A name Excel accepts for a sheet, not yet in ``taken`` (casefolded; the name is added).

    Output sheets named after an input sheet or file ("kinerja [final].csv", "Info.csv",
    "'2024'.csv") stopped xlsxwriter and openpyxl with an internal error. Here ``[ ] : * ? /
    \\`` become "_", apostrophes at either end and control characters go, the name is cut to
    31 characters, an empty one is "Sheet", Excel's reserved "History" and a name already
    taken (case ignored) get " (2)", " (3)"... within the 31."""
    base = _SHEET_FORBIDDEN.sub("_", _clean_str(str(name))).strip().strip("'").strip()
    base = base[:SHEET_TITLE_MAX].rstrip("'").strip() or "Sheet"
    title, k = base, 2
    while title.casefold() in taken or title.casefold() == "history":
        suffix = f" ({k})"
        title, k = base[: SHEET_TITLE_MAX - len(suffix)].rstrip("'") + suffix, k + 1
    taken.add(title.casefold())
    return title


def _check_fits(path: Path, sheet: str, rows: int, columns: int) -> None:
    """``output-too-large`` unless ``rows`` (the header row included) and ``columns`` fit an
    Excel sheet: xlsxwriter drops the cells past the last row without a word, openpyxl stops
    with a ValueError (an internal error)."""
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise MutasiError.of(
            "write.error.too_large",
            code="output-too-large",
            path=path,
            sheet=sheet,
            rows=rows,
            columns=columns,
            max_rows=EXCEL_ROWS,
            max_columns=EXCEL_COLUMNS,
        )


def write_csv(path: Path, frame: pd.DataFrame, *, force: bool = False) -> Path:
    """A CSV for Indonesian Excel (``;`` separator, ``,`` decimals, UTF-8 with BOM, CRLF), atomically.

    Text starting with ``= + - @`` tab or CR gets a leading ``'`` so Excel never runs it.
    """
    path = Path(path)
    out = frame.copy()
    for j in range(out.shape[1]):
        column = out.iloc[:, j]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out.isetitem(j, _csv_safe(column.astype("string")))
    out.columns = _csv_safe(pd.Series([str(c) for c in out.columns], dtype="string")).tolist()
    with atomic_path(path, force) as tmp:
        out.to_csv(
            tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig", lineterminator="\r\n"
        )
    return path


def _csv_safe(text: pd.Series) -> pd.Series:
    risky = text.str.match(_CSV_RISKY).fillna(False).astype(bool)
    return text.mask(risky, "'" + text)


# ---- annotated copies -----------------------------------------------------------------------
def annotate_copy(
    src: Path,
    dest: Path,
    marks: Sequence[CellMark],
    *,
    force: bool = False,
    lang: str = "id",
) -> Path:
    """Copy ``src`` to ``dest`` with each marked cell filled (red error, yellow warning) and a
    comment holding its messages; ``src`` is never written.

    ``.xlsx``/``.xlsm`` are copied with openpyxl (macros kept when ``dest`` is ``.xlsm``; images and
    charts of the source are not carried over). Other sources (``.xls``, ``.xlsb``, ``.ods``,
    ``.csv``, a web page) become a new workbook holding their cells as the reader reads them
    (:func:`mutasi_cli.io.read.cell_grids`), so cell addresses match the messages.
    """
    src, dest = Path(src), Path(dest)
    check_not_input(dest, [src])
    titles: dict[str, str] = {}  # a sheet's name in the copy, where it had to change
    book = _open_copy(src, dest, titles, keep_vba=dest.suffix.lower() == ".xlsm")
    grouped: dict[tuple[str, str], list[CellMark]] = {}
    for mark in marks:
        grouped.setdefault((mark.sheet, mark.cell.upper()), []).append(mark)
    for (sheet, ref), group in grouped.items():
        _mark_cell(_mark_sheet(book, titles.get(sheet, sheet))[ref], group, lang)
    with atomic_path(dest, force) as tmp:
        book.save(tmp)
    return dest


def _mark_cell(cell: Any, marks: list[CellMark], lang: str) -> None:
    severity = "error" if any(m.severity == "error" for m in marks) else "warning"
    cell.fill = PatternFill("solid", fgColor=MARK_FILLS[severity])
    lines = dict.fromkeys(f"{t('issues.' + m.severity, lang)}: {m.comment}" for m in marks)
    text = "\n".join(lines)
    if cell.comment is not None:
        text = f"{cell.comment.text}\n{text}"
    cell.comment = Comment(_clean_str(text), "mutasi", width=320, height=40 + 20 * len(lines))


def _mark_sheet(book: Any, name: str) -> Any:
    if name in book.sheetnames:
        return book[name]
    if not name or len(book.worksheets) == 1:  # a CSV has one sheet, whatever it was called
        return book.worksheets[0]
    raise KeyError(f"sheet {name!r} is not in the workbook")


def _open_copy(src: Path, dest: Path, titles: dict[str, str], *, keep_vba: bool) -> Any:
    """An openpyxl workbook of ``src``: the package itself, or a new one holding the cells of
    a file openpyxl cannot open; such a file may hold more than a sheet can (a CSV of 1.1
    million rows): ``output-too-large`` for ``dest`` before anything is built. ``titles``
    receives the name each sheet got in the copy (:func:`sheet_title`)."""
    from mutasi_cli.io.read import cell_grids, is_openxml

    if is_openxml(src):  # by content: a CSV or a web page named .xlsx is no package
        return load_workbook(src, keep_vba=keep_vba and src.suffix.lower() == ".xlsm")
    grids = cell_grids(src)
    for name, rows in grids.items():
        _check_fits(dest, name, len(rows), max(map(len, rows), default=0))
    book = OpenpyxlWorkbook()
    book.remove(book.active)
    wrapped = Alignment(wrap_text=True, vertical="top")
    taken: set[str] = set()
    for name, rows in grids.items():
        ws = book.create_sheet(sheet_title(name, taken))
        titles[name] = ws.title
        longest: dict[int, int] = {}  # column -> its longest line, so the copy reads as the file
        for r, row in enumerate(rows, start=1):
            tallest = 1
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c, _clean_str(value) if isinstance(value, str) else value)
                if cell.data_type == "f":  # text that looks like a formula stays text
                    cell.data_type = "s"
                lines = str(value).splitlines() or [""]
                longest[c] = max(longest.get(c, 0), *map(len, lines))
                if len(lines) > 1:  # "Nama / NIP" over two lines: both shown
                    cell.alignment = wrapped
                    tallest = max(tallest, len(lines))
            if tallest > 1:
                ws.row_dimensions[r].height = 15 * tallest
        for c, length in longest.items():
            ws.column_dimensions[get_column_letter(c)].width = min(max(length + 2, 8), MAX_WIDTH)
    return book


# ---- edited copies (issue 10) ------------------------------------------------------------------
@dataclass(frozen=True)
class CellEdit:
    """One cell to set in :func:`edit_copy`: a 1-based row, a 0-based column and its new value
    (``None`` empties the cell; dates and numbers stay typed; text is never a formula); in
    ``sheet`` when given, else in the sheet :func:`edit_copy` names."""

    row: int
    col: int
    value: Any
    sheet: str | None = None


def edit_copy(
    src: Path,
    dest: Path,
    sheet: str,
    edits: Sequence[CellEdit],
    *,
    appended: Sequence[Mapping[int, Any]] = (),
    after_row: int = 0,
    force: bool = False,
) -> Path:
    """Copy the workbook ``src`` to ``dest`` changing only the cells in ``edits`` (of ``sheet``
    unless an edit names its own) and adding the ``appended`` rows (0-based column -> value)
    to ``sheet``.

    Every other cell keeps its value and format; sheets and column order stay as they are.
    Appended rows go below the last row holding any value (so a note under the table is never
    overwritten), each cell styled like the cell of ``after_row`` (the last data row) in its
    column. ``src`` is never written. Only ``.xlsx``/``.xlsm`` sources.
    """
    src, dest = Path(src), Path(dest)
    check_not_input(dest, [src])
    book = load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm")
    ws = _mark_sheet(book, sheet)
    for edit in edits:
        at = ws if edit.sheet is None else _mark_sheet(book, edit.sheet)
        _set_cell(at.cell(edit.row, edit.col + 1), edit.value)
    if appended:
        used = [r for r, row in enumerate(ws.iter_rows(values_only=True), start=1) if any(
            v is not None and v != "" for v in row
        )]  # fmt: skip
        first = max([*used, after_row]) + 1
        for i, row in enumerate(appended):
            for col, value in row.items():
                cell = ws.cell(first + i, col + 1)
                if after_row >= 1:
                    cell._style = copy.copy(ws.cell(after_row, col + 1)._style)
                _set_cell(cell, value)
    with atomic_path(dest, force) as tmp:
        book.save(tmp)
    return dest


def _set_cell(cell: Any, value: Any) -> None:
    """A typed value into an openpyxl cell; text never becomes a formula, NaN an empty cell."""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and np.isnan(value):
        value = None
    elif isinstance(value, str):
        value = _clean_str(value)
    cell.value = value
    if cell.data_type == "f":  # text that looks like a formula stays text
        cell.data_type = "s"


# ---- print setup (issue 10) -------------------------------------------------------------------
PAPER_SIZES = {"a4": 9, "f4": 14}  # Excel paper codes: 9 = A4, 14 = Folio (8.5 x 13 in, F4)


def print_pages(widths: Sequence[float], repeat: int, setup: PrintSetup) -> dict[str, int]:
    """Pages wide (and columns repeated on each) so that columns of these ``widths`` print at
    :data:`MIN_PRINT_SCALE` or larger: one page when they fit, else the fewest pages that do,
    the first ``repeat`` columns printed on every page unless they alone would fill half of
    one."""
    if not setup.fit_width or not widths:
        return {"pages_wide": 1, "repeat_columns": 0}
    portrait, landscape = PAPER_CM[setup.paper]
    room = ((landscape if setup.landscape else portrait) - SIDE_MARGINS_CM) / MIN_PRINT_SCALE
    widths = np.asarray(widths, dtype=float)
    cm = np.where(widths > 0, (widths * 7 + 5) * 2.54 / 96, 0.0)
    if cm.sum() <= room:
        return {"pages_wide": 1, "repeat_columns": 0}
    repeat = min(repeat, len(cm) - 1)
    fixed = cm[:repeat].sum()
    if fixed > room / 2:
        repeat, fixed = 0, 0.0
    pages = int(np.ceil((cm.sum() - fixed) / (room - fixed)))
    return {"pages_wide": pages, "repeat_columns": repeat}


def apply_print_setup(ws: Any, setup: PrintSetup, lang: str = "id") -> None:
    """Set an xlsxwriter worksheet's page layout from ``setup``."""
    ws.set_paper(PAPER_SIZES[setup.paper])
    if setup.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if setup.fit_width:
        ws.fit_to_pages(setup.pages_wide or 1, 0)
    if setup.repeat_header:
        ws.repeat_rows(0)
    if setup.repeat_columns:
        ws.repeat_columns(0, setup.repeat_columns - 1)
    if setup.print_columns:
        ws.print_area(0, 0, max(ws.dim_rowmax or 0, 1), setup.print_columns - 1)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    page = t("common.page_of", lang).replace("{page}", "&P").replace("{pages}", "&N")
    footer = _clean_str(setup.footer).replace("&", "&&")
    ws.set_footer(f"&L{footer}&C&A&R{page}" if footer else f"&C&A&R{page}")  # &A: sheet name


def default_print_setup(info: RunInfo, lang: str = "id") -> PrintSetup:
    """Every sheet prints on A4 landscape, fit to width, header repeated; the footer names the
    program version and, when the run has one, the roster fingerprint."""
    footer = f"mutasi {info.version}"
    fingerprint = info.extra.get("fingerprint")
    if fingerprint:
        footer += f" · {t('common.fingerprint', lang)} {str(fingerprint)[:16]}"
    return PrintSetup(footer=footer)
