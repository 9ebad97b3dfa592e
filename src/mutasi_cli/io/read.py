"""Any workbook or CSV -> :class:`LoadedTable`: canonical column names, raw values, cell positions.

The reader finds the header under title rows, flattens multi-row headers into qualified names
("PANGKAT/TMT"), maps them to canonical columns through :mod:`mutasi_cli.schema` synonyms, keeps
duplicate headers apart, and drops rows that are not data (numbering, blank, subtotal, ghost).
Values stay as read (str / float / datetime / None); typing is :mod:`mutasi_cli.io.normalize`'s job.

How, and why (MEASUREMENTS.md):

* The file is read once into memory; its magic bytes, not its extension, decide the format.
  An ".xls" that a web app wrote as an HTML table (or Excel as a web page, .htm/.mht) is read
  by :mod:`mutasi_cli.io.html`, one written as XML Spreadsheet 2003 by
  :mod:`mutasi_cli.io.spreadsheetml`: both lay their cells out like a merged-cell grid
  (:mod:`mutasi_cli.io.layout`) and type nothing, as for a CSV.
* The header is found in a preview of the first :data:`PREVIEW_ROWS` rows (fewer on a sheet of
  thousands of columns, :func:`preview_rows`). For .xlsx/.xlsm the preview streams the sheet
  XML and stops there: calamine and openpyxl both parse the whole sheet
  or the whole shared-strings table first, which costs more than fastexcel's entire load.
  Other formats (.xls, .ods, .xlsb) are previewed with python-calamine.
* Which sheet: the one named, else among the *visible* sheets one named like the table, else
  the best header match; hidden sheets (an old copy kept out of sight) only when no visible
  sheet holds the table. Sheets that fit equally well with one layout and no records in
  common (one sheet per unit or per level) are the parts of one table: read together, each
  row keeping its sheet for messages, validate's marks and finalize's edits
  (``sheets-stacked``, info). Otherwise (versions of one list, a recap beside its parts,
  different layouts) the one with more rows, and a warning (``sheet-ambiguous``) names the
  others.
* Merged ranges are not read. A merge leaves its covered cells empty, and the forward-fill rule
  (a label fills the empty cells to its right while the columns below it hold labels) rebuilds the
  same qualified names from the cell grid alone, in every format, CSV included.
* The data rows come from one fastexcel load of the mapped columns (ID columns as text,
  ``schema_sample_rows=None`` so text dates after row 1,000 survive, gotcha 3). Which ID cells
  were stored as numbers (gotcha 1) cannot be seen in that load; for .xlsx a regex scan of the
  sheet XML finds them, for other formats a second fastexcel load of
  the ID columns forced to boolean (a number becomes a bool, text null; three quarters of a
  parse), beside the main load, which releases the GIL, in a second thread. The .xlsx scan
  needs no zlib: the limits check (issue 12) inflated and verified the sheet XML already and
  kept its blocks (with ISA-L, :mod:`mutasi_cli.io.inflate`), which the scan reads (about 6% of
  fastexcel's CPU) and lets go before the load.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple
from xml.etree import ElementTree

import fastexcel
import numpy as np
import olefile
import pandas as pd
from lxml import etree
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

from mutasi_cli.errors import MutasiError
from mutasi_cli.i18n import t
from mutasi_cli.io import html, limits, spreadsheetml
from mutasi_cli.io.columns import Fit, confirm, example_rows, mismatch_issues, table_kind_mismatch
from mutasi_cli.io.inflate import Package
from mutasi_cli.issues import Issue, cell_ref, column_letter, row_list
from mutasi_cli.rules.dates import parse_as_of
from mutasi_cli.rules.golongan import PPPK_ROMAN
from mutasi_cli.schema import TABLES, Table, fallback_index, header_key, synonym_index

# fastexcel logs "Could not determine dtype ..." for all-empty columns; keep it off stderr.
logging.getLogger("fastexcel").addHandler(logging.NullHandler())

ODS_CONTENT = "content.xml"  # an OpenDocument spreadsheet's tables
# Columns that say whom a row is about, not what the table records (io.columns.Fit.data_found).
_IDENTITY = frozenset({"nip", "nip_lama", "nama", "nama_depan", "nama_belakang", "gelar_depan",
                       "gelar_belakang", "nama_nip"})  # fmt: skip
# An 18-digit NIP inside other text, plain or in its written groups ("19860926 201505 1 001").
_NIP_IN_TEXT = r"(?<![0-9])([0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3})(?![0-9])"
PREVIEW_ROWS = 40  # rows searched for the header (the Mojokerto export's is on row 9)
# A sheet as wide as Excel allows (16,384 columns) took 9 s to preview 40 rows, every cell
# parsed and weighed as a header in Python: on wide sheets fewer rows are searched, so that
# the preview holds about this many cells, never fewer than PREVIEW_MIN_ROWS rows. A roster of
# 5,000 columns or fewer is searched to row 40.
PREVIEW_CELLS = 200_000
PREVIEW_MIN_ROWS = 15


def preview_rows(width: int) -> int:
    """Rows searched for the header in a sheet ``width`` columns wide."""
    return max(PREVIEW_MIN_ROWS, min(PREVIEW_ROWS, PREVIEW_CELLS // max(width, 1)))


MAX_HEADER_ROWS = 8  # the deepest real header seen has 7 rows (jombang_rekap_sidak)
ID_KINDS = ("nip", "id")  # column kinds read as text and checked for number cells
# Tables every analysis needs: empty, they are an error (other tables: a warning; a command
# stops on any input it requires that has no rows, see cli.common.Run.load_configured).
CORE_TABLES = ("pegawai", "jabatan")

# Columns whose emptiness marks a ghost row (no identifying value), per table; other tables use
# ("nip", "nama"). Position tables keep a row with a unit but no position name (SIASN listing).
_IDENTIFYING: dict[str, tuple[str, ...]] = {
    "jabatan": ("jabatan", "unit_kerja"),
    "beban_kerja": ("uraian_tugas", "jabatan"),
}
_PERSON_IDENTIFYING = ("nip", "nama")

# Header tokens that mark a header row in any table, on keys folded by schema.header_key: a
# whole key, or a part of one.
_GENERIC = re.compile(
    r"(?:no|nomor|nourut|ket|keterangan|usia|agama|alamat|jam|thn|bln|th|lulus|jumlah|total)"
    r"|.*(?:nip|nama|pangkat|gol|jabatan|tmt|unitkerja|satuankerja|unor|uraiantugas|kebutuhan"
    r"|skp|eselon|pendidikan|tanggal|tgl|lahir|masakerja|volume|kinerja|nilai|periode).*"
)

_NUMBER = re.compile(r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?%?")
_ID = re.compile(r"\d[\d ]{7,}\d")  # 9+ digits, spaces allowed: a NIP-shaped value
_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?")
_ALIAS = re.compile(r"[a-z][a-z0-9_]*")  # template placeholders such as "skp_nilai"
# Hints under a header: parenthesised or bracketed text, or "contoh ..." / "diisi ..." notes.
_HINT = re.compile(
    r"\(.*\)|\[.*\]|<.*>|(?i:(?:contoh|misal(?:nya)?|diisi|isi dengan|format|wajib|opsional"
    r"|optional|e\.g\.)\b.*)"
)
_HINT_WORDS = frozenset(
    (
        "text", "teks", "angka", "number", "numeric", "bilangan", "string", "integer", "desimal",
        "tanggal", "date", "ddmmyyyy", "yyyymmdd", "hhbbtttt", "ttttbbhh", "ddmmyy", "tglblnthn",
        "wajib", "opsional", "optional", "bolehkosong",
    )
)  # fmt: skip
_SCIENTIFIC = r"[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+"  # a CSV number Excel wrote as 1.99712E+17
_SUBTOTAL = r"\s*(?:sub\s*-?\s*total|grand\s+total|total|jumlah)\b"
# A page marker of a report printed page by page ("Halaman 2", "Hal. 3 dari 40", "Page 2/9").
_PAGE_MARKER = r"\s*(?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|of|/)\s*\d+)?\s*"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"mime-version:")


@dataclass
class LoadedTable:
    table: str  # canonical table name from schema.TABLES
    path: Path
    sheet: str
    frame: pd.DataFrame  # canonical column names; raw values; one row per data row
    excel_rows: np.ndarray  # 1-based Excel row number of each frame row
    col_index: dict[str, int]  # canonical column -> 0-based Excel column index
    headers: dict[str, str]  # canonical column -> original (qualified) header text
    header_rows: tuple[int, int]  # first and last 1-based header row
    numeric_cells: dict[str, np.ndarray]  # nip/id columns: True where the cell was a number
    unmapped: list[str]  # qualified headers not recognised
    issues: list[Issue]
    sha256: str  # of the input file bytes
    as_of: date | None = None  # date parsed from a title row, if any
    # A table read from several sheets of one layout (one sheet per unit): every sheet, the
    # first being ``sheet``, and each frame row's index into them. () / None: one sheet.
    sheets: tuple[str, ...] = ()
    row_sheet: np.ndarray | None = None

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """Every sheet the table was read from (one, or the parts of a stacked table)."""
        return self.sheets or (self.sheet,)

    def sheets_at(self, positions: np.ndarray) -> list[str]:
        """The sheet of each frame row at ``positions``."""
        if self.row_sheet is None:
            return [self.sheet] * len(positions)
        return [self.sheets[k] for k in self.row_sheet[positions]]

    def places(self) -> pd.MultiIndex:
        """(sheet, Excel row) of each frame row: the row's address, unique even when a stacked
        table repeats row numbers across its sheets."""
        every = np.arange(len(self.frame))
        return pd.MultiIndex.from_arrays([self.sheets_at(every), self.excel_rows])


# --------------------------------------------------------------------------------------------
# Public API


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sheet_names(path: Path, *, lang: str = "id") -> list[str]:
    """The sheet names of a workbook (a CSV file has one, its file stem)."""
    return _open(Path(path), lang).sheets


def cell_grids(path: Path, *, lang: str = "id") -> dict[str, list[list[Any]]]:
    """Every sheet's cells as the reader reads them (empty cells None), for a copy of a file
    that openpyxl cannot open (.xls, .xlsb, .ods, a CSV, a web page) whose cell addresses
    must match the ones the reader reports. The grid limits apply as for a read."""
    book = _open(Path(path), lang)
    return {sheet: book.cells(sheet) for sheet in book.sheets}


def is_openxml(path: Path) -> bool:
    """Whether the file is an .xlsx/.xlsm package by its content (whatever its name says)."""
    try:
        with Path(path).open("rb") as f:
            head = f.read(len(_ZIP_MAGIC))
    except OSError:
        return False
    return head == _ZIP_MAGIC and _is_openxml(Path(path).read_bytes())


def detect_table(path: Path, sheet: str | None = None, *, lang: str = "id") -> str:
    """The table kind whose headers match the file best; MutasiError(table-unknown) if none."""
    book = _open(Path(path), lang)
    return _choose(book, None, sheet).table


def read_table(
    path: Path, table: str | None = None, sheet: str | None = None, *, lang: str = "id"
) -> LoadedTable:
    """Read one table from ``path``: the named or best-matching sheet, header found and mapped.
    A panic inside the Rust readers on a malformed file (pyo3's PanicException, which is no
    ``Exception``) is ``file-unreadable``, not a traceback."""
    path = Path(path)
    try:
        return _read_table(path, table, sheet, lang)
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        detail = str(exc).splitlines()[0] if str(exc) else "panic"
        raise _file_error("file-unreadable", path, lang, detail=detail) from None


def _read_table(path: Path, table: str | None, sheet: str | None, lang: str) -> LoadedTable:
    book = _open(path, lang)
    choice = _choose_checked(book, table, sheet)
    loaded = _read_choice(book, path, choice)
    if not choice.also:
        return loaded
    others = [_read_choice(book, path, _choose(book, choice.table, s)) for s in choice.also]
    parts = sorted([loaded, *others], key=lambda part: book.sheets.index(part.sheet))
    return _stacked(parts) or loaded


# A sheet whose records are mostly (this share of its keys) in another sheet of the same layout
# is another version of the table ("Data 2025" beside "Data 2026", a recap of the unit sheets),
# not a part of it: then only one sheet is read (``sheet-ambiguous``).
_VERSION_SHARE = 0.5
# Issues about a header (its mapping), the same on every sheet of one layout.
_HEADER_CODES = frozenset(
    {"column-missing", "column-unmapped", "header-duplicate", "column-values-mismatch"}
)


def _stacked(parts: list[LoadedTable]) -> LoadedTable | None:
    """Sheets that fit the table equally well, read as one table: the parts of one list split
    over sheets (one per unit or per level, SIANJAB's position structure), each row keeping
    its own sheet for messages. None when the sheets are laid out differently or are versions
    of one list (:data:`_VERSION_SHARE`): then the caller reads one sheet and says so."""
    first = parts[0]
    # Tied sheets found the same columns (a period from a title counts), so one layout means
    # the same columns in every part's frame.
    if any(part.col_index != first.col_index for part in parts[1:]):
        return None
    sizes = [len(part.frame) for part in parts]
    key = [c for c in TABLES[first.table].key if c in first.frame] or list(first.col_index)
    frame = pd.concat([part.frame[key] for part in parts], ignore_index=True)
    text = [frame[c].astype("string").str.strip().str.casefold() for c in key]
    tagged = pd.DataFrame(
        {
            "key": text[0].str.cat(text[1:], sep="\x1f") if text[1:] else text[0],
            "part": np.repeat(np.arange(len(parts)), sizes),
        }
    ).dropna()
    # the share of each sheet's keys that another sheet holds too
    shared = tagged.groupby("key")["part"].transform("nunique") > 1
    if (shared.groupby(tagged["part"]).mean() >= _VERSION_SHARE).any():
        return None
    # The header's issues are the same on every sheet: the first sheet's only. A sheet with
    # no rows of its own is no empty table when the others have rows.
    drop = {"sheet-ambiguous", "table-empty"} if sum(sizes) else {"sheet-ambiguous"}
    issues = [
        i
        for k, part in enumerate(parts)
        for i in part.issues
        if i.code not in drop and (k == 0 or i.code not in _HEADER_CODES)
    ]
    names = tuple(part.sheet for part in parts)
    issues.append(
        Issue(
            "sheets-stacked",
            sheet=first.sheet,
            params={
                "sheets": ", ".join(f"'{name}'" for name in names),
                "n": str(len(names)),
                "rows": str(sum(sizes)),
            },
        )
    )
    return replace(
        first,
        frame=pd.concat([part.frame for part in parts], ignore_index=True),
        excel_rows=np.concatenate([part.excel_rows for part in parts]),
        numeric_cells={
            c: np.concatenate([part.numeric_cells[c] for part in parts])
            for c in first.numeric_cells
        },
        issues=issues,
        as_of=next((part.as_of for part in parts if part.as_of), None),
        sheets=names,
        row_sheet=np.repeat(np.arange(len(parts)), sizes),
    )


def _read_choice(book: _Book, path: Path, choice: _Choice) -> LoadedTable:
    """The table of the chosen sheet, its header found and mapped."""
    spec, header = TABLES[choice.table], choice.header
    # Values confirm the mapping (io.columns), on the data rows of the preview: nothing more read.
    by_name, unmapped = _assign(header, spec)
    by_name, unmapped, mismatches = confirm(spec, by_name, unmapped, _sampler(choice))
    mapping = _mapping(by_name, unmapped)
    # the titles were read when the sheet was chosen; the values may have moved a column
    mapping.titled = {
        name: found
        for name, found in choice.mapping.titled.items()
        if name not in mapping.col_index
    }
    columns = dict(sorted(mapping.col_index.items(), key=lambda kv: kv[1]))
    ids = [c for c in columns if spec.column(mapping.base[c]).kind in ID_KINDS]
    raw, numeric = book.load(choice.sheet, header.data_start, columns, ids)
    excel_rows = np.arange(len(raw)) + header.data_start + 1
    keep = _data_rows(raw, spec)
    repeated = _repeated_headers(raw, choice, columns, spec) & keep
    keep = keep & ~repeated
    raw, keep = _two_line_records(raw, keep, columns)
    frame = _join_split_name(raw[keep].reset_index(drop=True), mapping, columns)
    frame = _split_name_nip(frame, mapping, columns)
    frame = _split_grade_date(frame, mapping, columns)
    cut = limits.text_issues(frame, excel_rows[keep], columns, choice.sheet)  # issue 12
    row = header.last + 1
    titled = []
    for name, (value, label, at) in mapping.titled.items():  # stated once, above the header
        frame = frame.assign(**{name: pd.Series([value] * len(frame), dtype=object)})
        mapping.headers[name] = label
        if isinstance(value, float) and value.is_integer():  # a year typed as a number
            value = int(value)
        titled.append(
            Issue(
                "column-from-title" if at else "column-from-sheet-name",
                sheet=choice.sheet,
                row=at or None,
                column=name,
                value=str(value),
                params={"header": label, "value": str(value), "row": str(at)},
            )
        )
    return LoadedTable(
        table=choice.table,
        path=path,
        sheet=choice.sheet,
        frame=frame,
        excel_rows=excel_rows[keep],
        col_index=columns,
        headers={c: mapping.headers[c] for c in [*columns, *mapping.titled]},
        header_rows=(header.first + 1, header.last + 1),
        numeric_cells={c: numeric[c][keep] for c in ids},
        unmapped=mapping.unmapped,
        issues=[
            *mapping.issues(spec, choice.sheet, row),
            *mismatch_issues(mismatches, spec, choice.sheet, row),
            *_row_issues(choice, frame, excel_rows[keep]),
            *_repeat_issues(choice.sheet, excel_rows[repeated]),
            *cut,
            *titled,
        ],
        sha256=book.sha256,
        as_of=parse_as_of(" ".join(_titles(choice.rows[: header.first])) or None),
    )


def _sampler(choice: _Choice) -> Callable[[int], list[Any]]:
    """Column -> the values of the preview's data rows (what the value check looks at)."""
    data = choice.rows[choice.header.data_start :]

    def sample(col: int) -> list[Any]:
        return [row[col] for row in data if col < len(row)]

    return sample


def _split_name_nip(
    frame: pd.DataFrame, mapping: _Mapping, columns: dict[str, int]
) -> pd.DataFrame:
    """A "Nama / NIP" column split into ``nip`` (the 18 digits found in the cell, spaced or not)
    and ``nama`` (the rest of the cell, its lines joined), each only where the table has no
    column of its own; both point at the joined column's cells. A cell without a NIP keeps its
    text as the name and leaves the NIP empty (reported as missing)."""
    if "nama_nip" not in columns or "nip" in columns:
        return frame
    text = frame["nama_nip"].astype("string")
    parts = {"nip": text.str.extract(_NIP_IN_TEXT, expand=False)}
    if "nama" not in columns:
        rest = text.str.replace(_NIP_IN_TEXT, "\n", regex=True)
        rest = rest.str.replace(r"(?i)\bNIP\b\.?:?", " ", regex=True)  # a "NIP:" label
        rest = rest.str.replace(r"\s+", " ", regex=True).str.strip(" /,;:|-")
        parts["nama"] = rest.mask(rest == "")
    return _parts_of(frame, mapping, columns, "nama_nip", parts)


def _two_line_records(
    raw: pd.DataFrame, keep: np.ndarray, columns: dict[str, int]
) -> tuple[pd.DataFrame, np.ndarray]:
    """A print whose header stacks two fields in one column ("Nama Pegawai" over "NIP") may
    give each person two rows, the upper fields' row and then the lower's (SOURCES.md: the
    Mojokerto DUK, "each employee takes two physical rows, or one cell with a line break").
    A kept row whose "Nama / NIP" cell holds no NIP, right above one holding only a NIP and
    fewer cells, is one record with it: each column's two cells joined a line apart (read then
    as one cell a line apart), the lower row dropped. The record keeps the upper row's number."""
    if "nama_nip" not in columns or "nip" in columns:
        return raw, keep
    kept = np.flatnonzero(keep)
    text = raw["nama_nip"].astype("string").str.strip().to_numpy(object)[kept]
    cell = pd.Series(text, dtype="string")
    only_nip = cell.str.fullmatch(_NIP_IN_TEXT).fillna(False).to_numpy(bool)
    named = (cell.notna() & cell.str.extract(_NIP_IN_TEXT, expand=False).isna()).to_numpy(bool)
    # The lower row holds only the stacked columns' second fields: fewer cells than the upper
    # row (a person of its own whose name is missing fills as many as the rest).
    filled = raw.iloc[kept].notna().sum(axis=1).to_numpy()
    lower_fewer = filled[1:] < filled[:-1]
    upper = np.flatnonzero(named[:-1] & only_nip[1:] & lower_fewer & (np.diff(kept) == 1))
    if not len(upper):
        return raw, keep
    top, bottom = kept[upper], kept[upper + 1]
    joined = {}
    for column in raw:  # a loop over columns
        a, b = raw[column].iloc[top], raw[column].iloc[bottom]
        both = a.notna().to_numpy() & b.notna().to_numpy()
        values = np.where(a.notna().to_numpy(), a.to_numpy(object), b.to_numpy(object))
        if both.any():
            values[both] = (_as_text(a[both]) + "\n" + _as_text(b[both])).to_numpy(object)
        joined[column] = values
    raw = raw.astype(object)
    for column, values in joined.items():
        raw.iloc[top, raw.columns.get_loc(column)] = values
    keep = keep.copy()
    keep[bottom] = False
    return raw, keep


def _as_text(values: pd.Series) -> pd.Series:
    """Cells as they read in text: dates day first, whole numbers without ".0"."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%d-%m-%Y").reset_index(drop=True)
    if pd.api.types.is_float_dtype(values):
        whole = values == values.round()
        text = values.astype("string").where(
            ~whole, values.round().astype("Int64").astype("string")
        )
        return text.reset_index(drop=True)
    return values.astype("string").str.strip().reset_index(drop=True)


def _parts_of(
    frame: pd.DataFrame,
    mapping: _Mapping,
    columns: dict[str, int],
    source: str,
    parts: dict[str, pd.Series],
) -> pd.DataFrame:
    """The ``parts`` read out of the ``source`` column added as columns of their own, each
    pointing at the source's cells and header (messages name the cell they came from)."""
    for name, values in parts.items():
        frame = frame.assign(**{name: values})
        mapping.headers[name] = mapping.headers[source]
        mapping.base[name], mapping.col_index[name] = name, columns[source]
        columns[name] = columns[source]
    return frame


# A PNS grade inside other text ("III/a", "III / a", "3a"), in upper case; the rest of the cell
# is its TMT. A date never matches: a digit 1-4 must be followed by a letter A-E standing alone.
_GRADE_IN_TEXT = r"(?<![A-Z0-9])(?:IV|III|II|I|[1-4])\s*[/\-.]?\s*[A-E](?![A-Z])"
# A PPPK grade (a Roman numeral I..XVII alone, "IX", "PPPK IX", "Gol. IX") at the start or the
# end of the cell, its TMT the rest: a date never starts or ends with a Roman numeral.
_PPPK_IN_TEXT = (
    r"(?:(?:GOLONGAN|GOL|PPPK|P3K)\.?\s*)?(?:"
    + "|".join(sorted(PPPK_ROMAN, key=len, reverse=True))
    + r")(?![A-Z0-9])"
)
_SEPARATORS = r"\s/,;:|-"  # between a grade and its TMT
_PPPK_FIRST = rf"(?s)^[{_SEPARATORS}]*()({_PPPK_IN_TEXT})(.*)$"
_PPPK_LAST = rf"(?s)^(.*?)(?<![A-Z0-9])({_PPPK_IN_TEXT})[{_SEPARATORS}]*()$"


def _split_grade_date(
    frame: pd.DataFrame, mapping: _Mapping, columns: dict[str, int]
) -> pd.DataFrame:
    """A "Gol / TMT" column split into ``golongan`` (the grade found in the cell) and
    ``tmt_golongan`` (the rest of the cell; the cell as it is where it holds no grade, as
    under a two-row header "GOL" over "TMT", whose cells are dates), each only where the
    table has no column of its own; both point at the column's cells. A PPPK grade (a Roman
    numeral alone, "IX / 01-03-2024") is split out the same way where it opens or closes the
    cell (a mixed roster's PPPK rows were an unreadable date and a missing grade each)."""
    if "golongan_tmt" not in columns:
        return frame
    parts: dict[str, pd.Series] = {}
    values = frame["golongan_tmt"]
    text = values.astype("string").str.upper()
    found = text.str.extract(f"(?s)^(.*?)({_GRADE_IN_TEXT})(.*)$")
    for pattern in (_PPPK_FIRST, _PPPK_LAST):  # only the cells still without a grade
        rest = found[1].isna() & text.notna()
        if rest.any():
            found.loc[rest] = text[rest].str.extract(pattern).to_numpy()
    grade = found[1]
    if "golongan" not in columns:
        parts["golongan"] = grade
    if "tmt_golongan" not in columns:  # after the grade ("III/a, 01-04-2010"), else before it
        before, after = (
            found[i].str.replace(r"\s+", " ", regex=True).str.strip(" /,;:|-") for i in (0, 2)
        )
        rest = after.where(after != "", before)
        tmt = values.where(grade.isna(), rest.mask(rest == "")).astype(object)
        parts["tmt_golongan"] = tmt.where(tmt.notna(), None)
    return _parts_of(frame, mapping, columns, "golongan_tmt", parts)


def _join_split_name(
    frame: pd.DataFrame, mapping: _Mapping, columns: dict[str, int]
) -> pd.DataFrame:
    """A name split over "Nama Depan" + "Nama Belakang" joined into ``nama`` (when there is no
    ``nama`` column); the joined column points at the first part's cells."""
    if "nama" in columns or "nama_depan" not in columns:
        return frame
    parts = [c for c in ("nama_depan", "nama_belakang") if c in columns]
    text = [frame[c].astype("string").str.strip() for c in parts]
    joined = text[0].fillna("")
    for more in text[1:]:
        joined = joined.str.cat(more.fillna(""), sep=" ").str.strip()
    frame = frame.drop(columns=parts).assign(nama=joined.mask(joined == ""))
    mapping.headers["nama"] = (
        t("read.joined", "id", first=mapping.headers[parts[0]], second=mapping.headers[parts[-1]])
        if len(parts) > 1
        else mapping.headers[parts[0]]
    )
    mapping.base["nama"], mapping.col_index["nama"] = "nama", columns[parts[0]]
    for c in parts:
        del columns[c]
    columns["nama"] = mapping.col_index["nama"]
    return frame


def _row_issues(choice: _Choice, frame: pd.DataFrame, excel_rows: np.ndarray) -> list[Issue]:
    """Hint rows skipped (info), a table with no data rows, an init template's example row."""
    found: list[Issue] = []
    sheet = choice.sheet
    if choice.also:  # another sheet fits as well: the one read is named, with the others
        found.append(
            Issue(
                "sheet-ambiguous",
                sheet=sheet,
                params={"sheet": sheet, "others": ", ".join(f"'{s}'" for s in choice.also)},
            )
        )
    if choice.header.hints:
        rows = ", ".join(str(r + 1) for r in choice.header.hints)
        found.append(
            Issue(
                "hint-row-skipped",
                sheet=sheet,
                row=choice.header.hints[0] + 1,
                params={"rows": rows},
            )
        )
    if frame.empty:  # an error where a command cannot run without the table, else a warning
        severity = "error" if choice.table in CORE_TABLES else "warning"
        found.append(Issue("table-empty", sheet=sheet, severity=severity))
        return found
    from mutasi_cli.templates_init import EXAMPLES

    spec = TABLES[choice.table]
    example = EXAMPLES.get(choice.table, {})
    keys = (*spec.key, *_IDENTIFYING.get(choice.table, _PERSON_IDENTIFYING))
    for position in example_rows(frame, example):
        row = int(excel_rows[position])
        shown = ", ".join(
            str(example[k]) for k in dict.fromkeys(keys) if k in example and k in frame
        )
        found.append(
            Issue("template-example-row", sheet=sheet, row=row, value=shown, params={"row": row})
        )
    return found


# --------------------------------------------------------------------------------------------
# Errors


def _file_error(code: str, path: Path, lang: str, **params: Any) -> MutasiError:
    """The catalogue message of ``code``, with the file named in the hint."""
    return MutasiError(
        Issue(code, params=params).message(lang), t("read.hint.file", lang, path=path), code=code
    )


# --------------------------------------------------------------------------------------------
# Sniffing and opening


def sniff(data: bytes) -> str:
    """The format of a file from its bytes: magic numbers, and for OLE files the stream names.

    Returns "zip", "ole", "xml2003" (an XML Spreadsheet 2003), "html" (a web page saved as a
    workbook), "csv", or the issue code of a file that is not a workbook: "file-empty",
    "file-is-pdf", "file-encrypted", "file-unreadable".
    """
    if not data[:65536].strip() and not data.strip():
        return "file-empty"
    if data.startswith(_ZIP_MAGIC):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        # An encrypted .xlsx is an OLE container holding an "EncryptedPackage" stream; the name
        # sits in the directory in UTF-16LE. A plain .xls holds a "Workbook" stream instead.
        return "file-encrypted" if "EncryptedPackage".encode("utf-16-le") in data else "ole"
    if b"%PDF-" in data[:1024]:
        return "file-is-pdf"
    text = data[:4096]
    if encoding := text_encoding(text):  # issue 12: UTF-16/32 text has zero bytes
        text = text[: len(text) // 4 * 4].decode(encoding, errors="ignore").encode()
    text = text.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<workbook")) and spreadsheetml.MARKER in text:
        return "xml2003"
    if any(marker in text for marker in _HTML_MARKERS):
        return "html"
    return "file-unreadable" if b"\x00" in text else "csv"


def _open(path: Path, lang: str) -> _Book:
    if not path.is_file():
        raise _file_error("file-missing", path, lang)
    limits.check_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _file_error("file-unreadable", path, lang, detail=exc.strerror or exc) from None
    kind = sniff(data)
    sheets: dict[str, list[bytes]] = {}  # worksheet XML inflated by the check, kept for the scan
    if kind == "zip":  # issue 12: declared and actual inflated sizes within the limits
        limits.check_zip(data, path, keep=_is_sheet_part, kept=sheets)
    if kind == "csv":
        return _Csv(path, data, lang)
    if kind == "html":
        return _Html(path, data, lang)
    if kind == "xml2003":
        return _Xml2003(path, data, lang)
    if kind == "zip" and _is_openxml(data):
        return _OpenXml(path, data, lang, sheets)
    if kind == "zip":  # before calamine builds its grids
        _check_ods(path, data, sheets.get(ODS_CONTENT))
        _check_xlsb(path, data, sheets)
    if kind == "ole":
        _check_xls(path, data)
    if kind in ("zip", "ole"):
        return _Calamine(path, data, lang)
    raise _file_error(kind, path, lang, detail=path.suffix)


def check_workbook(path: Path) -> None:
    """The limits a workbook read whole by another reader (the review, the committee record,
    the monitor register) must meet: its zip parts (:func:`limits.check_zip`) and every sheet's
    grid (:func:`limits.grid_size`, :func:`limits.ods_grids`). Other files pass untouched."""
    limits.check_file(path)
    try:
        data = Path(path).read_bytes()
    except OSError:
        return  # the reader reports a missing or unreadable file
    kind = sniff(data)
    if kind == "ole":
        _check_xls(path, data)
    if kind != "zip":
        return
    kept: dict[str, list[bytes]] = {}
    limits.check_zip(data, path, keep=_is_sheet_part, kept=kept)
    try:
        z = Package(data)
        if z.member(f"{_office_base(z)}workbook.xml") is None:  # as _is_openxml
            _check_ods(path, data, kept.get(ODS_CONTENT))
            _check_xlsb(path, data, kept)
            return
        parts, strings, _ = _openxml_parts(z)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, LookupError):
        return  # the reader reports an unreadable file
    _check_strings(path, z, strings)
    for sheet, part in parts.items():
        limits.check_grid(path, sheet, *_sheet_grid(z, part, kept.get(part))[:3])


def _sheet_grid(z: Package, part: str, kept: list[bytes] | None) -> limits.Grid:
    """:func:`limits.grid_size` of a worksheet part, from its ``kept`` blocks when at hand."""
    return limits.grid_size(
        (lambda: kept) if kept is not None else (lambda: z.blocks(part)),
        z.getinfo(part).file_size,
        at_hand=kept is not None,
    )


def _check_ods(path: Path, data: bytes, kept: list[bytes] | None) -> None:
    """Refuse an .ods whose tables describe a grid over the limits (:func:`limits.ods_grids`:
    repeated rows and cells make a tiny file a huge grid), from the ``kept`` blocks of its
    ``content.xml`` when at hand. Any other zip passes (its reader reports what it is)."""
    if kept is None:
        try:
            z = Package(data)
            if ODS_CONTENT not in z.namelist():
                return
            kept = z.blocks(ODS_CONTENT)
        except zipfile.BadZipFile:
            return
    for table in limits.ods_grids(kept):
        limits.check_ods(path, table)


def _check_strings(path: Path, z: Package, part: str | None) -> None:
    """:func:`limits.check_strings` on the shared-strings part, if the workbook has one."""
    if part is not None and part in z.namelist():
        limits.check_strings(path, z.blocks(part))


def _check_xls(path: Path, data: bytes) -> None:
    """Refuse an .xls with a sheet whose grid is over the limits (:func:`limits.xls_grids`),
    read from its workbook stream before calamine builds the sheet. A compound file without
    one (an encrypted .xlsx, a Word file) passes: calamine reports what it is. The header's count
    of FAT sectors, which calamine reserves room for (4 bytes a sector) before it reads one,
    must fit in the file."""
    shift = int.from_bytes(data[0x1E:0x20], "little")
    fat_sectors = int.from_bytes(data[0x2C:0x30], "little")
    if shift > 20 or fat_sectors << shift > len(data):
        raise limits.damaged(path, f"{fat_sectors:,} FAT sectors in {len(data):,} bytes")
    try:
        with olefile.OleFileIO(data) as ole:
            name = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
            if name is None:
                return
            stream = ole.openstream(name).read()
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - olefile raises many kinds on a damaged file
        raise limits.damaged(path, exc) from None
    for sheet, grid in limits.xls_grids(stream).items():
        limits.check_grid(path, sheet, *grid[:3])


def _check_xlsb(path: Path, data: bytes, kept: dict[str, list[bytes]]) -> None:
    """Refuse an .xlsb with a sheet whose grid is over the limits (:func:`limits.xlsb_grid`:
    calamine builds every sheet it is asked for whole, a far cell asks for gigabytes), from the
    ``kept`` blocks of its sheet parts when at hand. Any other zip passes."""
    try:
        with Package(data) as z:
            if z.member("xl/workbook.bin") is None:
                return
            # the parts the workbook names (found as calamine finds them), and any other
            # worksheet part
            names = {z.member(part): sheet for sheet, part in _xlsb_sheets(z).items()}
            parts = {
                n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".bin")
            }
            for part in sorted(parts | (names.keys() - {None})):
                blocks = kept.get(part) or list(z.blocks(part))
                grid = limits.xlsb_grid(b"".join(blocks))
                sheet = names.get(part, PurePosixPath(part).stem)
                limits.check_grid(path, sheet, *grid[:3])
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, LookupError):
        return  # calamine reports an unreadable file


def _xlsb_sheets(z: Package) -> dict[str, str]:
    """Sheet name -> part of an .xlsb: the BrtBundleSh records (0x9C) of ``xl/workbook.bin``
    (state and tab id, then the relationship id and the name, each a 32-bit length and UTF-16
    text) and the targets of ``xl/_rels/workbook.bin.rels``."""
    rels = ElementTree.fromstring(z.read(z.member("xl/_rels/workbook.bin.rels") or ""))
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    workbook = z.read(z.member("xl/workbook.bin") or "")
    sheets: dict[str, str] = {}
    for kind, start, end in limits.xlsb_records(workbook):
        if kind != 0x9C:
            continue
        texts, at = [], start + 8
        for _ in range(2):  # the relationship id, then the name
            count = int.from_bytes(workbook[at : at + 4], "little")
            count = 0 if count == 0xFFFF_FFFF else min(count, (end - at - 4) // 2)
            texts.append(workbook[at + 4 : at + 4 + 2 * count].decode("utf-16-le", "replace"))
            at += 4 + 2 * count
        target = targets.get(texts[0])
        if target:
            sheets[texts[1]] = f"xl/{target}"  # as calamine joins them, even "xl//xl/..."
    return sheets


def _is_sheet_part(name: str) -> bool:
    """The parts holding the cells: an .xlsx's or .xlsb's worksheets, an .ods's content.xml."""
    return name == ODS_CONTENT or (
        name.startswith("xl/worksheets/") and name.endswith((".xml", ".bin"))
    )


def _is_openxml(data: bytes) -> bool:
    """Whether the zip holds a workbook where calamine looks for one (:func:`_office_base`)."""
    try:
        with Package(data) as z:
            return z.member(f"{_office_base(z)}workbook.xml") is not None
    except (zipfile.BadZipFile, ElementTree.ParseError, LookupError):
        return False  # calamine reports it


# --------------------------------------------------------------------------------------------
# Workbook access: sheet names, a preview of the first rows, the bulk load


class _Book:
    """One input file in memory. ``rows`` gives absolute 0-based rows/columns, empty -> None."""

    sheets: list[str]
    hidden: frozenset[str] = frozenset()  # sheets hidden in the workbook

    def __init__(self, path: Path, data: bytes, lang: str) -> None:
        self.path, self.data, self.lang = path, data, lang
        self.sha256 = hashlib.sha256(data).hexdigest()
        self._previews: dict[str, list[list[Any]]] = {}
        self._keys: dict[str, list[list[str]]] = {}
        self.searched = 0  # the most rows a preview read (named when no header is found)

    def rows(self, sheet: str) -> list[list[Any]]:
        """The first :data:`PREVIEW_ROWS` rows, padded to one width, trailing empty rows cut."""
        if sheet not in self._previews:
            self._previews[sheet] = _trim(self._preview(sheet))
        return self._previews[sheet]

    def keys(self, sheet: str) -> list[list[str]]:
        """:func:`_header_keys` of :meth:`rows` (every table is tried against them)."""
        if sheet not in self._keys:
            self._keys[sheet] = _header_keys(self.rows(sheet))
        return self._keys[sheet]

    def _preview(self, sheet: str) -> list[list[Any]]:
        """The sheet's first :meth:`_depth` rows."""
        raise NotImplementedError

    def cells(self, sheet: str) -> list[list[Any]]:
        """All the sheet's cells, empty ones None (:func:`cell_grids`)."""
        raise NotImplementedError

    def _depth(self, width: int) -> int:
        """:func:`preview_rows` for a sheet ``width`` columns wide, remembered as searched."""
        rows = preview_rows(width)
        self.searched = max(self.searched, rows)
        return rows

    def height(self, sheet: str) -> int:
        """Rows of the sheet's grid (to tell two equally fitting sheets apart; a CSV has one
        sheet, so only workbooks are asked)."""
        raise NotImplementedError

    def load(
        self, sheet: str, skip: int, columns: dict[str, int], ids: list[str]
    ) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
        """The data rows below ``skip`` rows, one frame column per canonical column, and for
        the ``ids`` columns a mask of the cells stored as numbers."""
        raise NotImplementedError

    def fail(self, code: str, **params: Any) -> MutasiError:
        return _file_error(code, self.path, self.lang, **params)


class _Excel(_Book):
    """Workbooks: the bulk load through fastexcel, once the sheet's grid is known to fit."""

    def cells(self, sheet: str) -> list[list[Any]]:
        limits.check_grid(self.path, sheet, *self._grid(sheet)[:3])
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except (CalamineError, ValueError, OSError) as exc:
            raise self.fail("file-unreadable", detail=str(exc).splitlines()[0]) from None
        return [[None if v == "" else v for v in row] for row in values]

    def _grid(self, sheet: str) -> limits.Grid:
        """(rows, columns, farthest cell) of the grid a reader builds for ``sheet``."""
        raise NotImplementedError

    def height(self, sheet: str) -> int:
        return self._grid(sheet)[0]

    def load(
        self, sheet: str, skip: int, columns: dict[str, int], ids: list[str]
    ) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
        limits.check_grid(self.path, sheet, *self._grid(sheet)[:3])
        options = {
            "header_row": None,
            "skip_rows": skip,
            "schema_sample_rows": None,  # text dates after row 1,000 (gotcha 3)
            "use_columns": list(columns.values()),
            "dtypes": {columns[c]: "string" for c in ids},
            "whitespace_as_null": True,
            "skip_whitespace_tail_rows": True,
        }
        wanted = {c: columns[c] for c in ids}
        numbers = self._numbers_at_hand(sheet, skip, wanted)
        if numbers is not None:
            frame = self._fastexcel(sheet, options)
        else:
            with ThreadPoolExecutor(max_workers=1) as pool:  # fastexcel releases the GIL
                job = pool.submit(self._fastexcel, sheet, options)
                numbers = self._numbers(sheet, skip, wanted)
                frame = job.result()
        if frame is None:  # nothing below the header
            frame = pd.DataFrame(columns=range(len(columns)), dtype=object)
        frame.columns = list(columns)
        return frame, {c: _mask(numbers[c], frame[c]) for c in ids}

    def _numbers_at_hand(
        self, sheet: str, skip: int, columns: dict[str, int]
    ) -> dict[str, np.ndarray] | None:
        """:meth:`_numbers` when it costs little next to the load (then run before it, no
        second thread), else None."""
        return None if columns else {}

    def _numbers(self, sheet: str, skip: int, columns: dict[str, int]) -> dict[str, np.ndarray]:
        """Data-row positions (0-based, below ``skip`` rows) of the ``columns`` cells stored as
        numbers: the columns loaded again as booleans, where a number becomes a bool and text
        becomes null (fastexcel's coercion; about three quarters of a full parse)."""
        options = {"header_row": None, "skip_rows": skip, "schema_sample_rows": None}
        kinds = self._fastexcel(
            sheet, {**options, "use_columns": list(columns.values()), "dtypes": "boolean"}
        )
        if kinds is None:
            return {c: np.zeros(0, np.int64) for c in columns}
        return {c: np.flatnonzero(kinds.iloc[:, i].notna()) for i, c in enumerate(columns)}

    def _fastexcel(self, sheet: str, options: dict[str, Any]) -> pd.DataFrame | None:
        try:
            reader = fastexcel.read_excel(self.data)
            return reader.load_sheet(sheet, **options).to_pandas()
        except fastexcel.InvalidParametersError:
            if options["skip_rows"] >= len(self.rows(sheet)):
                return None  # fastexcel refuses to skip past the last row
            raise
        except fastexcel.UnsupportedColumnTypeCombinationError as exc:
            # A column mixing a duration (a cell formatted as elapsed time) with text or numbers
            # has no type fastexcel can infer: that column is read as text, and the cells that
            # are no value of the column's kind are reported as usual.
            found = re.search(r"__UNNAMED__(\d+)", str(exc))
            dtypes = options.get("dtypes")
            if found is None or not isinstance(dtypes, dict) or int(found[1]) in dtypes:
                raise self.fail("file-unreadable", detail=str(exc).splitlines()[0]) from None
            return self._fastexcel(
                sheet, {**options, "dtypes": {**dtypes, int(found[1]): "string"}}
            )
        except fastexcel.CalamineError as exc:  # issue 12: broken XML inside the package
            raise self.fail("file-damaged", detail=str(exc).splitlines()[0]) from None


class _OpenXml(_Excel):
    """.xlsx / .xlsm: sheet names and preview straight from the package XML (streamed)."""

    def __init__(
        self, path: Path, data: bytes, lang: str, inflated: dict[str, list[bytes]] | None = None
    ) -> None:
        super().__init__(path, data, lang)
        self._inflated = inflated or {}  # part -> its XML in blocks, from limits.check_zip
        self._grids: dict[str, limits.Grid] = {}  # sheet -> rows, columns, far cell
        try:
            self._zip = Package(data)
            self._parts, self._strings_part, self.hidden = _openxml_parts(self._zip)
        except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, LookupError) as exc:
            raise self.fail("file-unreadable", detail=exc) from None
        _check_strings(path, self._zip, self._strings_part)
        self.sheets = list(self._parts)

    def _preview(self, sheet: str) -> list[list[Any]]:
        try:
            nrows = self._depth(self._grid(sheet).cols)
            cells = _openxml_cells(self._zip, self._parts[sheet], nrows)
            strings = _shared_strings(self._zip, self._strings_part, cells)
            missing = {v for kind, v in cells.values() if kind == "s"} - strings.keys()
            if missing:  # a cell pointing past the shared strings
                raise KeyError(f"shared string {min(missing)}")
        except (
            KeyError,
            ValueError,
            ElementTree.ParseError,
            LookupError,
        ) as exc:  # broken XML in the zip
            raise self.fail("file-damaged", detail=exc) from None
        grid: list[list[Any]] = []
        for (r, c), (kind, value) in cells.items():
            if r < 0 or c < 0:  # a reference without a column or in row 0: no cell to show
                continue
            grid.extend([] for _ in range(r + 1 - len(grid)))
            row = grid[r]
            row.extend([None] * (c + 1 - len(row)))
            row[c] = strings[value] if kind == "s" else value
        return grid

    def _grid(self, sheet: str) -> limits.Grid:
        """From the sheet XML's dimension, verified (:func:`limits.grid_size`); once a sheet."""
        if sheet not in self._grids:
            part = self._parts[sheet]
            self._grids[sheet] = _sheet_grid(self._zip, part, self._inflated.get(part))
        return self._grids[sheet]

    def _numbers_at_hand(
        self, sheet: str, skip: int, columns: dict[str, int]
    ) -> dict[str, np.ndarray] | None:
        """The scan on the sheet XML the limits check inflated: a regex pass, no zlib (the blocks
        are let go here, before the load needs the memory)."""
        blocks = self._inflated.get(self._parts[sheet])
        self._inflated = {}
        if blocks is None or not columns:
            return super()._numbers_at_hand(sheet, skip, columns)
        found = None if self._grid(sheet).odd else _openxml_numbers(blocks, skip, columns)
        return super()._numbers(sheet, skip, columns) if found is None else found

    def _numbers(self, sheet: str, skip: int, columns: dict[str, int]) -> dict[str, np.ndarray]:
        """The scan, unless the sheet writes its cells in a way it does not read (then
        fastexcel's second load, which reads them as calamine places them)."""
        if self._grid(sheet).odd:
            return super()._numbers(sheet, skip, columns)
        found = _openxml_numbers(self._zip.blocks(self._parts[sheet]), skip, columns)
        return super()._numbers(sheet, skip, columns) if found is None else found


class _Calamine(_Excel):
    """.xls / .ods / .xlsb: preview with python-calamine."""

    def __init__(self, path: Path, data: bytes, lang: str) -> None:
        super().__init__(path, data, lang)
        try:
            self._book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        except PasswordError:
            raise self.fail("file-encrypted") from None
        except (CalamineError, ValueError, OSError) as exc:
            raise self.fail("file-unreadable", detail=str(exc).splitlines()[0]) from None
        self.sheets = list(self._book.sheet_names)
        self.hidden = frozenset(
            m.name for m in self._book.sheets_metadata if m.visible != SheetVisibleEnum.Visible
        )
        self._grids: dict[str, limits.Grid] = {}  # sheet -> rows, columns, far cell

    def _preview(self, sheet: str) -> list[list[Any]]:
        try:
            grid = self._book.get_sheet_by_name(sheet)
            values = grid.to_python(skip_empty_area=False, nrows=self._depth(grid.width))
        except CalamineError as exc:
            raise self.fail("file-unreadable", detail=str(exc).splitlines()[0]) from None
        far = cell_ref("", grid.end[1], grid.end[0] + 1) if grid.end else ""
        self._grids[sheet] = limits.Grid(grid.height, grid.width, far)
        return [[None if v == "" else v for v in row] for row in values]

    def _grid(self, sheet: str) -> limits.Grid:
        """Recorded by the preview: calamine held the whole sheet for it already (.xls and
        .ods are not streamed), so a grid too large stops before the bulk load would hold it
        a second time."""
        self.rows(sheet)
        return self._grids[sheet]


_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines also splits on


class _Grids(_Book):
    """A file read whole into sheets of text cells (a CSV, a web page): nothing is typed, so a
    NIP keeps its digits; one Excel already rounded shows as ``1.99712E+17`` and is flagged."""

    def _frame(self, sheet: str) -> pd.DataFrame:
        """The sheet's cells, NaN/None where empty, columns numbered from 0."""
        raise NotImplementedError

    def load(
        self, sheet: str, skip: int, columns: dict[str, int], ids: list[str]
    ) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
        frame = self._frame(sheet).iloc[skip:, list(columns.values())].reset_index(drop=True)
        frame.columns = list(columns)
        return frame, {c: self._number_cells(sheet, skip, columns[c], frame[c]) for c in ids}

    def _number_cells(self, sheet: str, skip: int, col: int, values: pd.Series) -> np.ndarray:
        """True where an ID cell was a number: in text, a number Excel already rounded."""
        return values.str.fullmatch(_SCIENTIFIC, na=False).to_numpy()


class _Csv(_Grids):
    """CSV: ``;`` or ``,`` (sniffed), UTF-8 with or without BOM, else cp1252 / latin-1."""

    def __init__(self, path: Path, data: bytes, lang: str) -> None:
        super().__init__(path, data, lang)
        text = _decode(data)
        # At least this many lines (CR LF counted once): a file of 50 million empty lines held
        # 630 MB of them before the grid check below refused it, a gigabyte one ran out.
        breaks = max(text.count("\n"), text.count("\r")) + sum(map(text.count, _OTHER_BREAKS))
        limits.check_grid(path, path.stem, breaks, 1, limits.far_cell(breaks, 1))
        lines = text.splitlines()
        sep = _delimiter(lines[:PREVIEW_ROWS])
        width = max(line.count(sep) for line in lines) + 1
        far = limits.far_cell(len(lines), width)
        limits.check_grid(path, path.stem, len(lines), width, far)
        try:
            grid = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                header=None,
                names=range(width),
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                skip_blank_lines=False,
                engine="c",
            )
        except (pd.errors.ParserError, ValueError) as exc:
            raise self.fail("file-unreadable", detail=str(exc).splitlines()[0]) from None
        grid = grid.apply(lambda s: s.mask(s.str.strip() == ""))
        if '="' in text:  # Excel's formula trick: a zero cost for every other CSV
            grid = grid.apply(_formula_text)
        self.grid = grid
        self.sheets = [path.stem]

    def _preview(self, sheet: str) -> list[list[Any]]:
        return _listed(self.grid.head(self._depth(self.grid.shape[1])))

    def cells(self, sheet: str) -> list[list[Any]]:
        return _listed(self.grid)

    def height(self, sheet: str) -> int:
        return len(self.grid)

    def _frame(self, sheet: str) -> pd.DataFrame:
        return self.grid


# Web apps often write text cells of a CSV (or an HTML table) as Excel's formula trick
# ="198503152010011002", so that Excel keeps every digit; Excel shows the text inside. The whole
# cell only; "" inside is one quote.
_FORMULA_TEXT = r'^="((?:[^"]|"")*)"$'


def _formula_text(values: pd.Series) -> pd.Series:
    """The text inside ``="..."`` cells, other cells as they are."""
    inner = values.str.extract(_FORMULA_TEXT, expand=False).str.replace('""', '"', regex=False)
    return inner.where(inner.str.strip() != "").where(inner.notna(), values)


def _listed(grid: pd.DataFrame) -> list[list[Any]]:
    """A frame's cells as rows of values, None where empty."""
    grid = grid.astype(object)
    return grid.where(grid.notna(), None).values.tolist()


class _Tables(_Grids):
    """Sheets laid out cell by cell by our own parser (:mod:`mutasi_cli.io.layout`), kept as
    rows of values until one is loaded (a page of many small layout tables is searched
    quickly)."""

    tables: dict[str, list[list[str | None]]]

    def _preview(self, sheet: str) -> list[list[Any]]:
        rows = self.tables[sheet]
        return [list(row) for row in rows[: self._depth(len(rows[0]) if rows else 0)]]

    def cells(self, sheet: str) -> list[list[Any]]:
        return [list(row) for row in self.tables[sheet]]

    def height(self, sheet: str) -> int:
        return len(self.tables[sheet])

    def _frame(self, sheet: str) -> pd.DataFrame:
        return pd.DataFrame(self.tables[sheet], dtype=object)


class _Html(_Tables):
    """A web page saved as a workbook (:mod:`mutasi_cli.io.html`): each table a sheet, named
    after the file when the page holds one table, else "Tabel 1", "Tabel 2", … A page with no
    table (Excel's multi-file "Web Page", whose sheets sit in other files) is
    ``file-is-html``: it has to be saved again from Excel as .xlsx."""

    def __init__(self, path: Path, data: bytes, lang: str) -> None:
        super().__init__(path, data, lang)
        try:
            found = html.tables(data, path, _decode)
        except etree.LxmlError as exc:
            raise self.fail("file-unreadable", detail=str(exc).splitlines()[0]) from None
        if not found:
            raise self.fail("file-is-html")
        names = [path.stem] if len(found) == 1 else [f"Tabel {i + 1}" for i in range(len(found))]
        if b'="' in data:  # Excel's formula trick (see _FORMULA_TEXT)
            found = [
                _listed(pd.DataFrame(rows, dtype=object).apply(_formula_text)) for rows in found
            ]
        self.tables = dict(zip(names, found, strict=True))
        self.sheets = names


class _Xml2003(_Tables):
    """An XML Spreadsheet 2003 (:mod:`mutasi_cli.io.spreadsheetml`): its worksheets, their
    text as written; cells typed Number are the number cells of the NIP check."""

    def __init__(self, path: Path, data: bytes, lang: str) -> None:
        super().__init__(path, data, lang)
        try:
            found = spreadsheetml.sheets(data, path)
        except (etree.LxmlError, spreadsheetml.DoctypeError) as exc:  # malformed, or a DTD
            raise self.fail("file-damaged", detail=str(exc).splitlines()[0]) from None
        names: list[str] = []
        for sheet in found:  # Excel keeps names apart; a hand-made file may not
            name, n = sheet.name, 2
            while name in names:
                name, n = f"{sheet.name} ({n})", n + 1
            names.append(name)
        self.tables = {name: sheet.rows for name, sheet in zip(names, found, strict=True)}
        self._numbers = {name: sheet.numbers for name, sheet in zip(names, found, strict=True)}
        self.hidden = frozenset(n for n, sheet in zip(names, found, strict=True) if sheet.hidden)
        self.sheets = names

    def _number_cells(self, sheet: str, skip: int, col: int, values: pd.Series) -> np.ndarray:
        """True where the cell was typed Number."""
        rows = np.array(self._numbers[sheet].get(col, []), dtype=np.int64) - skip
        return _mask(rows[rows >= 0], values)


def _decode(data: bytes) -> str:
    """CSV bytes as text: the encoding from a BOM (UTF-32, UTF-16 as Excel's "Unicode Text",
    UTF-8), else UTF-16 recognised by its zero bytes, else UTF-8, cp1252, latin-1 (issue 12)."""
    encoding = text_encoding(data)
    if encoding is not None:
        return data.decode(encoding, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def text_encoding(data: bytes) -> str | None:
    """UTF-32/UTF-16 from the BOM, or UTF-16 without one from where its zero bytes sit (text in
    Latin script has a zero byte in every other position); None for byte encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2
        if odd > 0.4 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.4 * half and odd < 0.05 * half:
            return "utf-16-be"
    return None


def _delimiter(lines: list[str]) -> str:
    """The candidate with the highest median count per non-empty line (";" wins ties)."""
    filled = [line for line in lines if line.strip()] or [""]
    return max((";", ",", "\t"), key=lambda sep: np.median([line.count(sep) for line in filled]))


def _mask(positions: np.ndarray, values: pd.Series) -> np.ndarray:
    """True at ``positions`` where ``values`` holds a value (the loads may differ in length)."""
    mask = np.zeros(len(values), bool)
    mask[positions[positions < len(values)]] = True
    return mask & values.notna().to_numpy()


def _trim(grid: list[list[Any]]) -> list[list[Any]]:
    """Rows padded to one width; trailing empty rows dropped."""
    while grid and not any(v is not None for v in grid[-1]):
        grid.pop()
    width = max((len(row) for row in grid), default=0)
    return [
        [_short(v) for v in row] + [None] * (width - len(row))  # headers and titles are short
        for row in grid
    ]


PREVIEW_CHARS = 1_000  # a preview cell's text is cut here: header detection runs a dozen
# patterns over every cell for every table, and a 20 MB cell took 11 s (the load reads it whole)


def _short(value: Any) -> Any:
    return value[:PREVIEW_CHARS] if isinstance(value, str) else value


# --- the OpenXML preview ------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _office_base(z: Package) -> str:
    """The folder of the workbook, as calamine finds it: the officeDocument target of the
    package's ``_rels/.rels`` ("xl/"; another folder if the package says so, where calamine
    then reads every part), or "xl/" without one."""
    rels = z.member("_rels/.rels")
    if rels is None:
        return "xl/"
    for r in ElementTree.fromstring(z.read(rels)):
        if r.get("Type", "").endswith("/relationships/officeDocument"):
            target = r.get("Target", "").lstrip("/")
            return target[: target.rfind("/") + 1]
    return "xl/"


def _openxml_parts(z: Package) -> tuple[dict[str, str], str | None, frozenset[str]]:
    """Sheet name -> worksheet part, the shared-strings part (if any), the hidden sheets: the
    parts calamine reads (:func:`_office_base`, :meth:`Package.member`), so that the checks and the
    preview see what the bulk load will."""
    base = _office_base(z)

    def member(name: str) -> str:
        found = z.member(name)
        if found is None:
            raise KeyError(name)
        return found

    rels = ElementTree.fromstring(z.read(member(f"{base}_rels/workbook.xml.rels")))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    kinds = {r.get("Id"): r.get("Type", "") for r in rels}

    def part(target: str) -> str:
        return member(target.lstrip("/") if target.startswith("/") else f"{base}{target}")

    workbook = ElementTree.fromstring(z.read(member(f"{base}workbook.xml")))
    sheets, hidden = {}, set()
    for element in workbook.iter():
        # r:id, under the transitional or the strict relationships namespace
        rel = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        if _local(element.tag) == "sheet" and kinds.get(rel, "").endswith("/worksheet"):
            sheets[element.get("name", "")] = part(targets[rel])
            if element.get("state") in ("hidden", "veryHidden"):
                hidden.add(element.get("name", ""))
    return sheets, z.member(f"{base}sharedStrings.xml"), frozenset(hidden)


def _column_number(ref: str) -> int:
    """0-based column of a cell reference ("B7" -> 1)."""
    return limits.column_number(ref.rstrip("0123456789")) - 1


def _openxml_cells(z: zipfile.ZipFile, part: str, nrows: int) -> dict[tuple[int, int], tuple]:
    """(row, col) -> (kind, value) of the first ``nrows`` rows; kind "s" holds a string index."""
    cells: dict[tuple[int, int], tuple] = {}
    row, col = -1, -1
    with z.open(part) as stream:
        for event, el in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(el.tag)
            if event == "start" and tag == "row":
                row = int(el.get("r", row + 2)) - 1
                col = -1
                if row >= nrows:
                    break
            elif event == "end" and tag == "c":
                ref = el.get("r")
                col = _column_number(ref) if ref else col + 1
                cell = _openxml_value(el)
                if cell[1] is not None:
                    cells[(row, col)] = cell
                el.clear()
            elif event == "end" and tag == "row":
                el.clear()
    return cells


def _openxml_numbers(
    blocks: Iterable[bytes], skip: int, columns: dict[str, int]
) -> dict[str, np.ndarray] | None:
    """Data-row positions of the ``columns`` cells stored as numbers, from a regex scan of the
    sheet XML (given in blocks). None if the sheet does not write its cells the usual way
    (``<c r="B7" ...>``); the caller then asks fastexcel.

    The pattern matches only the ``columns``' cells that are not text (no ``t="s"``, ``"str"``,
    ``"inlineStr"``, ``"e"`` or ``"d"``) and not empty (``<c .../>``), so a roster of text NIPs
    yields no match at all. Each block is scanned in place up to its last ``<``; only the tag
    cut by a block's end is copied, joined with the head of the next block."""
    letters = {column_letter(i).encode(): c for c, i in columns.items()}
    cell = re.compile(
        rb'<c r="('
        + b"|".join(letters)
        + rb')(\d+)"(?![^<>]* t="(?:s|str|inlineStr|e|d)")[^<>]*(?<!/)>'
    )
    found: dict[str, list[int]] = {c: [] for c in columns}
    seen = False

    def scan(text: bytes, start: int = 0, end: int | None = None) -> None:
        for letter, row in cell.findall(text, start, len(text) if end is None else end):
            if int(row) > skip:
                found[letters[letter]].append(int(row) - skip - 1)

    tail = b""
    for block in blocks:
        start = 0
        if tail:  # the tag cut at the previous block's end, up to its ">" in this block
            close = block.find(b">")
            start = len(block) if close < 0 else close + 1
            tail += block[:start]
            if close < 0:
                continue
            scan(tail)
            seen = seen or b'<c r="' in tail
        cut = block.rfind(b"<", start)
        if cut < 0:
            cut = len(block)
        seen = seen or block.find(b'<c r="', start, cut) >= 0
        scan(block, start, cut)
        tail = block[cut:]
    scan(tail)
    seen = seen or b'<c r="' in tail
    if not seen:
        return None
    return {c: np.array(rows, dtype=np.int64) for c, rows in found.items()}


def _openxml_value(cell: ElementTree.Element) -> tuple[str, Any]:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "v", _text(cell) or None
    v = next((child.text for child in cell if _local(child.tag) == "v"), None)
    if v is None or kind == "e":
        return "v", None
    if kind == "s":
        return "s", int(v)
    if kind == "b":
        return "v", v == "1"
    if kind in ("str", "d"):
        return "v", v
    return "v", float(v)


def _text(element: ElementTree.Element) -> str:
    """The text of a rich or plain string item, without phonetic runs. Walked with a stack of
    its own, in document order: runs nested 50,000 deep (a hostile file) ended in a
    RecursionError."""
    parts: list[str] = []
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag in ("r", "is"):
            stack.append(iter(child))
    return "".join(parts)


def _shared_strings(
    z: zipfile.ZipFile, part: str | None, cells: dict[tuple[int, int], tuple]
) -> dict[int, str]:
    """The shared strings the preview cells refer to, streamed up to the highest index needed."""
    needed = {value for kind, value in cells.values() if kind == "s"}
    if not needed or part is None:
        return {}
    last, strings, index = max(needed), {}, 0
    with z.open(part) as stream:
        for _, el in ElementTree.iterparse(stream, events=("end",)):
            if _local(el.tag) != "si":
                continue
            if index in needed:
                strings[index] = _text(el)
            el.clear()
            if index == last:
                break
            index += 1
    return strings


# --------------------------------------------------------------------------------------------
# Cells and rows of the preview


def _cell_kind(value: Any) -> str:
    """The kind of a preview cell: empty, label, number, date or id (NIP-shaped digits)."""
    if value is None:
        return "empty"
    if isinstance(value, date | datetime | time | timedelta):
        return "date"
    if isinstance(value, bool | int | float):
        return "empty" if value != value else "number"  # NaN != NaN
    s = str(value).strip()
    if not s:
        return "empty"
    if _ID.fullmatch(s):
        return "id"
    if _NUMBER.fullmatch(s):
        return "number"
    return "date" if _DATE.fullmatch(s) else "label"


def _label(value: Any) -> str:
    """The header text of a cell: a label's text with whitespace collapsed, else ""."""
    return " ".join(str(value).split()) if _cell_kind(value) == "label" else ""


def _is_label_row(row: list[Any]) -> bool:
    kinds = {_cell_kind(v) for v in row} - {"empty"}
    return kinds == {"label"}


def _is_alias_row(row: list[Any]) -> bool:
    """A row of template placeholders such as ``skp_nilai`` (jombang_cetak_skp row 7)."""
    texts = [str(v).strip() for v in row if _cell_kind(v) != "empty"]
    return (
        len(texts) >= 2 and all(_ALIAS.fullmatch(s) for s in texts) and any("_" in s for s in texts)
    )


def _is_numbering_row(row: list[Any]) -> bool:
    """Column numbers under a header: 3+ ascending small integers (ints or digit strings),
    with gaps where merged cells span several physical columns."""
    values = [v for v in row if _cell_kind(v) != "empty"]
    if len(values) < 3:
        return False
    try:
        numbers = [float(str(v).strip()) for v in values]
    except ValueError:
        return False
    return (
        all(n == int(n) for n in numbers)
        and numbers[0] <= 2
        and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))
    )


def _is_hint_cell(value: Any) -> bool:
    """A type or format hint a template puts under its header: "(text)", "(1 - 19)", "[angka]",
    "DD-MM-YYYY", "contoh: ...", "wajib diisi"."""
    if _cell_kind(value) != "label":
        return False
    text = str(value).strip()
    return bool(_HINT.fullmatch(text)) or header_key(text) in _HINT_WORDS


def _is_hint_row(row: list[Any]) -> bool:
    """A row of hints only (two or more cells, or the only cell of a one-column header)."""
    values = [v for v in row if _cell_kind(v) != "empty"]
    return bool(values) and (len(values) >= 2 or len(row) <= 2) and all(map(_is_hint_cell, values))


def _titles(rows: Iterable[list[Any]]) -> Iterator[str]:
    for row in rows:
        yield from (str(v).strip() for v in row if _cell_kind(v) == "label")


# --------------------------------------------------------------------------------------------
# Header detection


class _Head(NamedTuple):
    """One column's header: its labels from the top down, and how many columns each spans."""

    parts: tuple[str, ...]
    widths: tuple[int, ...]


@dataclass(frozen=True)
class _Header:
    first: int  # 0-based rows
    last: int
    data_start: int  # rows before the first data row (title, header, blank, numbering rows)
    heads: tuple[_Head, ...]  # one per column
    aliases: tuple[str, ...] = ()  # per column: a placeholder name under the header ("skp_nilai")
    hints: tuple[int, ...] = ()  # 0-based rows of type/format hints under the header, skipped


@cache
def _all_synonyms() -> frozenset[str]:
    return frozenset(key for table in TABLES.values() for key in synonym_index(table))


@cache
def _index(table: str) -> dict[str, str]:
    return synonym_index(TABLES[table])


@cache
def _fallback(table: str) -> dict[str, str]:
    return fallback_index(TABLES[table])


def _header_keys(rows: list[list[Any]]) -> list[list[str]]:
    """The folded header key of every preview cell ("" for a cell that is no label): computed
    once per sheet, then matched against each table's synonyms."""
    return [[header_key(_label(value)) for value in row] for row in rows]


def _row_score(keys: list[str], index: dict[str, str]) -> tuple[int, int]:
    """(score, matched cells) of a row's header keys: a table synonym counts 2, a generic
    header token 1."""
    score = matched = 0
    for key in keys:
        if not key:
            continue
        if key in index:
            score, matched = score + 2, matched + 1
        elif key in _all_synonyms() or _GENERIC.fullmatch(key):
            score, matched = score + 1, matched + 1
    return score, matched


def _find_header(
    rows: list[list[Any]], index: dict[str, str], keys: list[list[str]] | None = None
) -> _Header | None:
    """The header of the preview ``rows`` for a table's synonym ``index`` (``keys``: the rows'
    :func:`_header_keys`, when the caller tries several tables)."""
    keys = _header_keys(rows) if keys is None else keys
    scores = [_row_score(row, index) for row in keys]
    candidates = [i for i, (_, matched) in enumerate(scores) if matched >= 2]
    if not candidates:
        return None
    best = max(scores[i][0] for i in candidates)
    first = next(i for i in candidates if 2 * scores[i][0] >= best)
    last = first
    while last + 1 < len(rows) and last + 1 - first < MAX_HEADER_ROWS:
        below = rows[last + 1]
        if _is_hint_row(below):
            break
        if _is_alias_row(below):
            last += 1
            break
        if not _is_label_row(below) or _is_numbering_row(below):
            break
        synonyms = sum(key in index for key in keys[last + 1])
        if not (_under_group(rows[first : last + 1], below) or synonyms >= 2):
            break
        last += 1
    start, hints = last + 1, []
    while start < len(rows):  # blank, numbering and hint rows between the header and the data
        if any(v is not None for v in rows[start]) and not _is_numbering_row(rows[start]):
            if not _is_hint_row(rows[start]):
                break
            hints.append(start)
        start += 1
    # The first header row is the header even when it looks like template placeholders
    # (a database export's snake_case names); placeholder rows under it only add candidates.
    block = [rows[first]] + [r for r in rows[first + 1 : last + 1] if not _is_alias_row(r)]
    aliases = [
        next(
            (
                str(r[c]).strip()
                for r in rows[first + 1 : last + 1]
                if _is_alias_row(r) and _label(r[c])
            ),
            "",
        )
        for c in range(len(rows[first]))
    ]
    return _Header(first, last, start, _flatten(block), tuple(aliases), tuple(hints))


def _under_group(block: list[list[Any]], below: list[Any]) -> bool:
    """True if a label of ``below`` sits under a group label of the header block's last row:
    under an empty cell inside the block's width, or under a label whose right neighbour is
    empty (a merged or Jombang-style group label)."""
    texts = [_label(v) for v in block[-1]]
    filled = [c for row in block for c, v in enumerate(row) if _label(v)]
    left, right = min(filled), max(filled)

    def group(c: int) -> bool:
        if not left <= c <= right:
            return False
        return not texts[c] or (c < right and not texts[c + 1])

    return any(_label(v) and group(c) for c, v in enumerate(below))


def _flatten(block: list[list[Any]]) -> tuple[_Head, ...]:
    """Qualified header parts per column. An empty cell takes the label on its left when both
    columns hold labels further down (a merged or unmerged group label spanning its children)."""
    texts = [[_label(v) for v in row] for row in block]
    width = len(texts[0]) if texts else 0
    group_id = [[(r, c) for c in range(width)] for r in range(len(texts))]
    for r in range(len(texts) - 1):
        has_child = [any(texts[k][c] for k in range(r + 1, len(texts))) for c in range(width)]
        for c in range(1, width):
            if not texts[r][c] and texts[r][c - 1] and has_child[c] and has_child[c - 1]:
                texts[r][c] = texts[r][c - 1]
                group_id[r][c] = group_id[r][c - 1]
    span = {}
    for r in range(len(texts)):
        for c in range(width):
            span[group_id[r][c]] = span.get(group_id[r][c], 0) + 1
    heads = []
    for c in range(width):
        parts: list[str] = []
        widths: list[int] = []
        for r in range(len(texts)):
            if texts[r][c] and (not parts or parts[-1] != texts[r][c]):
                parts.append(texts[r][c])
                widths.append(span[group_id[r][c]])
        heads.append(_Head(tuple(parts), tuple(widths)))
    return tuple(heads)


# --------------------------------------------------------------------------------------------
# Header -> canonical columns


@dataclass
class _Mapping:
    """Columns found: canonical name (a later duplicate gets "_2", "_3") -> Excel column."""

    col_index: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # name -> qualified header
    base: dict[str, str] = field(default_factory=dict)  # name -> canonical column
    unmapped: list[str] = field(default_factory=list)
    unmapped_at: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, list[int], list[str]]] = field(default_factory=list)
    # Columns a title row above the header states once for every row (:func:`_from_titles`):
    # name -> (value, the title's label, its 1-based row).
    titled: dict[str, tuple[Any, str, int]] = field(default_factory=dict)

    @property
    def found(self) -> set[str]:
        """The canonical columns found, in the header or in a title row."""
        return set(self.base.values()) | set(self.titled)

    def score(self, table: Table) -> tuple[int, float, int]:
        """(columns found + required columns found, share of required found, columns found)."""
        mapped = self.found
        required = mapped & set(table.required)
        share = len(required) / len(table.required) if table.required else 0.0
        return len(mapped) + len(required), share, len(mapped)

    def issues(self, table: Table, sheet: str, row: int) -> list[Issue]:
        found: list[Issue] = []
        for name, cols, texts in self.duplicates:
            found.append(
                Issue(
                    "header-duplicate",
                    sheet=sheet,
                    cell=cell_ref(sheet, cols[1], row),
                    column=name,
                    row=row,
                    params={
                        "header": " / ".join(dict.fromkeys(texts)),
                        "columns": ", ".join(column_letter(c) for c in cols),
                    },
                )
            )
        missing = [c for c in table.required if c not in self.col_index and c not in self.titled]
        for name in missing:
            label = table.column(name).label_id
            found.append(
                Issue("column-missing", sheet=sheet, column=name, params={"column": label})
            )
        if missing:  # show what was ignored, so the analyst can rename a header
            for text, col in zip(self.unmapped, self.unmapped_at, strict=True):
                found.append(
                    Issue(
                        "column-unmapped",
                        sheet=sheet,
                        cell=cell_ref(sheet, col, row),
                        row=row,
                        params={"header": text},
                    )
                )
        return found


def _candidates(head: _Head, affix: re.Pattern | None, alias: str = "") -> list[str]:
    """Header texts to look up for one column, best first: the qualified name, then the leaf.
    A stacked pair (a one-column label over another, "Nama Pegawai" over "NIP") is read as its
    first field, or as one label broken over two rows ("Tempat &" + "Tgl Lahir"). A placeholder
    name under the header ("nip_baru") comes last."""
    parts = head.parts
    leaf = parts[-1]
    names = ["/".join(parts)]
    if len(parts) >= 2 and head.widths[-2] == 1:
        names += [f"{parts[-2]} {leaf}", parts[-2]]
    names.append(leaf)
    if affix is not None:
        names.append(affix.sub("", leaf))
    if alias:
        names.append(alias)
    return names


def _common_affix(leaves: list[str]) -> re.Pattern | None:
    """A word every header starts or ends with ("Nama Peserta", "NIP Peserta"), to strip."""
    words = [leaf.casefold().split() for leaf in leaves]
    if len(words) < 2 or any(len(w) < 2 for w in words):
        return None
    if len({w[-1] for w in words}) == 1:
        return re.compile(rf"\s+{re.escape(words[0][-1])}$", re.IGNORECASE)
    if len({w[0] for w in words}) == 1:
        return re.compile(rf"^{re.escape(words[0][0])}\s+", re.IGNORECASE)
    return None


def _map_columns(header: _Header, table: Table, rows: list[list[Any]], sheet: str) -> _Mapping:
    """The header's columns for ``table``, and those the title rows above it or the sheet's
    name state."""
    by_name, unmapped = _assign(header, table)
    mapping = _mapping(by_name, unmapped)
    _from_titles(mapping, rows[: header.first], table, sheet)
    return mapping


# Columns a print may state once above its header instead of on every row: an SKP print's
# "Periode | 2017" (SOURCES.md, jombang_cetak_skp), an e-kinerja export's "Periode: 2024".
_TITLED = ("periode",)
_TITLE_CELLS = 64  # cells of a title row looked at


def _from_titles(mapping: _Mapping, rows: list[list[Any]], table: Table, sheet: str) -> None:
    """Each :data:`_TITLED` column of ``table`` the header lacks, into ``mapping.titled``: from
    the first title row naming it, as "label | value" in two cells or "label: value" in one,
    else from the end of the sheet's name (a workbook of one sheet per year: "SKP 2023"), the
    value one the column reads (a period: "2017", "Triwulan I 2024"). Row 0: the sheet name."""
    index = _index(table.name)
    for name in _TITLED:
        if name in mapping.col_index or name not in index.values():
            continue
        if table.column(name).kind != "periode":  # an ABK's "Periode Volume" is no period
            continue
        found = next(
            (hit for r, row in enumerate(rows) if (hit := _title_value(row, r + 1, name, index))),
            None,
        )
        if found is None:
            words = sheet.split() if any(ch.isdigit() for ch in sheet) else []  # needs a year
            tails = (" ".join(words[k:]) for k in range(len(words)))  # longest first
            tail = next((tail for tail in tails if _reads_as_period(tail)), None)
            found = None if tail is None else (tail, table.column(name).label_id, 0)
        if found is not None:
            mapping.titled[name] = found


def _title_value(
    row: list[Any], at: int, name: str, index: dict[str, str]
) -> tuple[Any, str, int] | None:
    """(value, label, ``at``) when the title row names column ``name``: "label | value" in two
    cells or "label: value" in one, the value one the column reads."""
    # a title row names a few things; the first cells of a sheet as wide as Excel allows
    cells = [v for v in row[:_TITLE_CELLS] if v is not None and str(v).strip()]
    for k, cell in enumerate(cells):
        label, colon, rest = str(cell).partition(":")
        if index.get(header_key(label)) != name:
            continue
        value = rest.strip() if colon and rest.strip() else None
        if value is None and k + 1 < len(cells):
            value = cells[k + 1]
        if value is not None and _reads_as_period(value):
            return value, label.strip(), at
    return None


def _reads_as_period(value: Any) -> bool:
    from mutasi_cli.rules.dates import parse_period

    parsed = parse_period(pd.Series([value], dtype=object))
    return bool(parsed["ok"][0] and pd.notna(parsed["period_kind"][0]))


def _assign(
    header: _Header, table: Table
) -> tuple[dict[str, list[tuple[int, str]]], list[tuple[int, str]]]:
    """Canonical column -> [(Excel column, qualified header)], and the headers not recognised.
    A fallback synonym ("Pangkat" for the grade) counts only when no synonym found its column."""
    index, fallback = _index(table.name), _fallback(table.name)
    named = [(c, head) for c, head in enumerate(header.heads) if head.parts]
    affix = _common_affix([head.parts[-1] for _, head in named])
    by_name: dict[str, list[tuple[int, str]]] = {}
    unmapped: list[tuple[int, str]] = []
    spare: dict[str, list[tuple[int, str]]] = {}
    for c, head in named:
        qualified = "/".join(head.parts)
        alias = header.aliases[c] if c < len(header.aliases) else ""
        keys = [header_key(name) for name in _candidates(head, affix, alias)]
        name = next((index[k] for k in keys if k in index), None)
        if name is None:
            unmapped.append((c, qualified))
            late = next((fallback[k] for k in keys if k in fallback), None)
            if late is not None:
                spare.setdefault(late, []).append((c, qualified))
        else:
            by_name.setdefault(name, []).append((c, qualified))
    for name, found in spare.items():
        if name not in by_name:
            by_name[name] = found[:1]
            unmapped.remove(found[0])
    _split_old_nip(by_name, table)
    return by_name, unmapped


def _mapping(
    by_name: dict[str, list[tuple[int, str]]], unmapped: list[tuple[int, str]]
) -> _Mapping:
    mapping = _Mapping()
    for c, qualified in sorted(unmapped):
        mapping.unmapped.append(qualified)
        mapping.unmapped_at.append(c)
    for name, found in by_name.items():
        for k, (c, qualified) in enumerate(found):
            key = name if k == 0 else f"{name}_{k + 1}"
            mapping.col_index[key], mapping.headers[key], mapping.base[key] = c, qualified, name
        if len(found) > 1:
            mapping.duplicates.append((name, [c for c, _ in found], [q for _, q in found]))
    return mapping


def _split_old_nip(by_name: dict[str, list[tuple[int, str]]], table: Table) -> None:
    """A plain NIP column beside "NIP Baru" is the old NIP: the new one is ``nip``."""
    found = by_name.get("nip", [])
    new = [f for f in found if "baru" in header_key(f[1])]
    old = [f for f in found if header_key(f[1].rpartition("/")[2]) == "nip"]
    if new and old and "nip_lama" not in by_name and "nip_lama" in _index(table.name).values():
        by_name["nip"] = [f for f in found if f not in old]
        by_name["nip_lama"] = old


# --------------------------------------------------------------------------------------------
# Sheet and table choice


@dataclass(frozen=True)
class _Choice:
    sheet: str
    table: str
    rows: list[list[Any]]
    header: _Header
    mapping: _Mapping
    also: tuple[str, ...] = ()  # other sheets that fit the table as well (sheet-ambiguous)


def _choose(book: _Book, table: str | None, sheet: str | None) -> _Choice:
    """The sheet and table to read: ``sheet`` if given, else among the visible sheets one named
    like the table, else the best header match over them (and over all tables when ``table``
    is None); hidden sheets only when no visible one holds a table. Of two sheets that fit
    equally well the one with more rows, the other named in :attr:`_Choice.also`."""
    if sheet is not None and sheet not in book.sheets:
        raise book.fail("sheet-missing", sheet_name=sheet, available=", ".join(book.sheets))
    tables = [table] if table else list(TABLES)
    shown = [s for s in book.sheets if s not in book.hidden]
    hidden = [s for s in book.sheets if s in book.hidden]  # (a set: "not in shown" was 10 s)
    groups = [[sheet]] if sheet is not None else [shown, hidden]
    options: list[tuple[tuple[int, float, int], _Choice]] = []
    seen_any = False
    for group in groups:
        for s in _named_like(group, table) or group:
            rows = book.rows(s)
            seen_any = seen_any or bool(rows)
            keys = book.keys(s)
            for name in tables:
                header = _find_header(rows, _index(name), keys)
                mapping = _map_columns(header, TABLES[name], rows, s) if header else None
                if mapping and mapping.col_index:
                    choice = _Choice(s, name, rows, header, mapping)
                    options.append((mapping.score(TABLES[name]), choice))
        if options:
            break
    if not seen_any:
        raise book.fail("file-empty")
    if not options:
        raise book.fail("header-not-found", rows=book.searched or PREVIEW_ROWS)
    score = max(option[0] for option in options)
    if score[-1] < 2 and table is None:
        raise book.fail("table-unknown")
    first = next(c for sc, c in options if sc == score)  # in sheet order
    tied = [c for sc, c in options if sc == score and c.table == first.table]
    if len({c.sheet for c in tied}) == 1:
        return first
    best = max(tied, key=lambda c: book.height(c.sheet))  # max keeps the first of equals
    return replace(best, also=tuple(dict.fromkeys(c.sheet for c in tied if c is not best)))


def _choose_checked(book: _Book, table: str | None, sheet: str | None) -> _Choice:
    """:func:`_choose`, and when ``table`` was given, a check that the file is that table: a
    position map given as the roster stops with ``table-mismatch`` naming what it looks like."""
    if table is None:
        return _choose(book, None, sheet)
    try:
        choice = _choose(book, table, sheet)
    except MutasiError as exc:
        if exc.code != "header-not-found":
            raise
        sheets = [sheet] if sheet is not None else book.sheets
        for s in sheets:
            _raise_if_other(book, table, s, None)
        raise
    fit = _fit(table, choice.mapping)
    table_has_nip = "nip" in {c.name for c in TABLES[table].columns}
    only_nip = TABLES[table].required == ("nip",)  # any list of people has what it needs
    if fit.share < 1 or not table_has_nip or only_nip:  # else no other table can be clearly
        _raise_if_other(book, table, choice.sheet, fit)  # better
    return choice


def _fit(table: str, mapping: _Mapping | None) -> Fit | None:
    if mapping is None or not mapping.col_index:
        return None
    spec = TABLES[table]
    mapped = mapping.found
    if "nama_depan" in mapped:
        mapped.add("nama")
    if "nama_nip" in mapped:
        mapped |= {"nama", "nip"}
    if "golongan_tmt" in mapped:
        mapped |= {"golongan", "tmt_golongan"}
    required = mapped & set(spec.required)
    data = mapped - _IDENTITY
    return Fit(
        table,
        len(required),
        len(spec.required),
        len(mapped) + len(required),
        "nip" in mapped,
        len(data),
    )


def _raise_if_other(book: _Book, table: str, sheet: str, own: Fit | None) -> None:
    rows, keys = book.rows(sheet), book.keys(sheet)
    fits: dict[str, Fit | None] = {table: own}
    for name in TABLES:
        if name != table:
            header = _find_header(rows, _index(name), keys)
            fits[name] = _fit(
                name, _map_columns(header, TABLES[name], rows, sheet) if header else None
            )
    other = table_kind_mismatch(table, fits)
    if other is None:
        return
    spec = TABLES[table]
    found = set()
    header = _find_header(rows, _index(table), keys)
    if header is not None:
        found = _map_columns(header, spec, rows, sheet).found
    missing = [spec.column(c) for c in spec.required if c not in found]
    words = {
        "looks_like": _table_words(other, "id"),
        "looks_like_en": _table_words(other, "en"),
        "given": _table_words(table, "id"),
        "given_en": _table_words(table, "en"),
    }
    if spec.required == ("nip",) and not missing:  # say what little it holds for the table
        data = [spec.column(c) for c in found - _IDENTITY]
        found_in = {lang: _labels(data, lang) or t("read.none", lang) for lang in ("id", "en")}
        raise book.fail(
            "table-mismatch-data", found=found_in["id"], found_en=found_in["en"], **words
        )

    def why(lang: str, given: str) -> str:
        if missing:
            return t("read.why.missing", lang, given=given, columns=_labels(missing, lang))
        return t("read.why.people", lang, given=given)  # all there: a roster as the position map

    raise book.fail(
        "table-mismatch",
        why=why("id", words["given"]),
        why_en=why("en", words["given_en"]),
        **words,
    )


def _labels(columns: list, lang: str) -> str:
    return ", ".join(c.label_id if lang == "id" else c.label_en for c in columns)


def _table_words(table: str, lang: str) -> str:
    """What a table is, in words ("peta jabatan" / "a position map")."""
    try:
        return t(f"read.table.{table}", lang)
    except KeyError:
        return TABLES[table].label(lang)


def _named_like(sheets: list[str], table: str | None) -> list[str]:
    if table is None:
        return []
    spec = TABLES[table]
    wanted = {header_key(spec.name), header_key(spec.label_en)}
    return [s for s in sheets if header_key(s) in wanted][:1]


# --------------------------------------------------------------------------------------------
# Data rows


def _repeated_headers(
    frame: pd.DataFrame, choice: _Choice, columns: dict[str, int], table: Table
) -> np.ndarray:
    """Rows that repeat the header, as a report printed page by page does on every page: the
    first key column holds its own header text, and so do at least two and half of the row's
    filled cells. Only the rows passing the first test (an exact match) are looked at further."""
    rows = choice.rows[choice.header.first : choice.header.last + 1]

    def labels(col: int) -> set[str]:
        return {str(r[col]).strip() for r in rows if col < len(r) and r[col] is not None}

    key = next((c for c in (*table.key, *columns) if c in columns and c in frame), None)
    found = np.zeros(len(frame), bool)
    if key is None or not len(frame):
        return found
    suspects = np.flatnonzero(frame[key].astype("string").str.strip().isin(labels(columns[key])))
    if not len(suspects):
        return found
    part = frame.iloc[suspects]
    hits = np.zeros(len(part), np.int64)
    for name, col in columns.items():
        if name in part:
            text = part[name].astype("string").str.strip().str.casefold()
            hits += text.isin({v.casefold() for v in labels(col)}).fillna(False).to_numpy(bool)
    filled = part[[c for c in columns if c in part]].notna().sum(axis=1).to_numpy()
    found[suspects] = (hits >= 2) & (hits * 2 >= filled)
    return found


def _repeat_issues(sheet: str, rows: np.ndarray) -> list[Issue]:
    """One note for the header rows repeated in the data (skipped), naming them."""
    if not len(rows):
        return []
    shown = row_list(rows.tolist())
    return [Issue("header-repeated", sheet=sheet, row=int(rows[0]), params={"rows": shown})]


def _data_rows(frame: pd.DataFrame, table: Table) -> np.ndarray:
    """False for blank rows, ghost rows (no identifying value), subtotal rows and page markers
    alone on their row."""
    filled = frame.notna()
    keep = filled.any(axis=1)
    lone = keep & (filled.sum(axis=1) == 1)
    if lone.any():  # the one filled cell of each such row, as text
        cells = frame.loc[lone].bfill(axis=1).iloc[:, 0].astype("string")
        marker = cells.str.fullmatch(_PAGE_MARKER, case=False).fillna(False)
        keep[marker.index[marker]] = False
    identifying = [c for c in _IDENTIFYING.get(table.name, _PERSON_IDENTIFYING) if c in frame]
    if identifying:
        keep &= frame[identifying].notna().any(axis=1)
    # Subtotal: "JUMLAH" / "TOTAL" / "SUB TOTAL" in a text cell while each key column is empty or
    # holds that word itself. Only rows with an empty key column are searched (fast on rosters).
    keys = [c for c in dict.fromkeys((*table.key, *identifying)) if c in frame]
    suspects = keep & frame[keys].isna().any(axis=1) if keys else keep
    text = [c for c in frame if isinstance(frame[c].dtype, pd.StringDtype)]
    if suspects.any() and text:
        rows = frame.loc[suspects]
        words = rows[text].apply(lambda s: s.str.match(_SUBTOTAL, case=False, na=False))
        subtotal = words.any(axis=1)
        for c in keys:
            blank = rows[c].isna()
            subtotal &= blank | words[c] if c in words else blank
        keep[subtotal.index[subtotal]] = False
    return keep.to_numpy(dtype=bool)
