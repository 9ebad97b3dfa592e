"""Input limits: memory stays bounded on damaged, hostile or mistaken files (issue 12).

Every input file is held whole while it is read: :func:`check_file` refuses one above
``limits.max_file_mb`` first. An .xlsx/.xlsm/.ods is a zip of XML parts that the readers
(fastexcel/calamine) inflate and hold in memory whole, at one to three times the XML's size.
Before any reader sees a workbook, :func:`check_zip`:

* reads every member's *declared* size from the zip directory and refuses a part larger than
  ``limits.max_part_mb`` or a total above the budget;
* inflates every member in 1 MB steps (nothing is kept) to learn its *actual* size, since a
  hostile file may declare less than it holds, and stops at the first byte past the budget;
  the CRC check on the way finds damaged parts (``file-damaged``). The reader keeps the
  worksheet parts' blocks for its number-cell scan (no second inflation).

The budget is proportional to the file: ``max(ratio_check_from_mb, max_ratio x file size)``.
Real workbooks inflate 5-20x (the sample city and the real-world files: at most 25x); zip bombs
100-1000x. So a 10 MB file can never make the readers hold more than about 500 MB of XML, and a
1M-row roster (about 70 MB, 1.2 GB of XML) passes. A single cell's text is cut at
``max_cell_chars`` (:func:`cap_text`, a warning names the cell).

A sheet is held by the reader (calamine) as one dense grid from A1 to its farthest cell that
holds a value, about 32 bytes a cell: a stray value at XFD1048576 makes a 36 KB file ask for
550 GB and the process abort. :func:`grid_size` sizes the grid before a sheet is loaded and the
reader refuses one above ``max_sheet_cells``, naming the farthest cell; the workbooks read
whole by calamine or openpyxl (the review, the committee record, the monitor register) pass
the same checks first (:func:`mutasi_cli.io.read.check_workbook`). The grid is the sheet's
``<dimension>`` and last row, which every spreadsheet program writes truthfully; up to
:data:`SCAN_MB` of XML regex searches (about 2 ms a MB) verify that no value lies beyond it
(a hand edit) and that every cell and row tag is written the usual way (``<c r="A1"``), and
only then is every cell reference read. calamine also places a cell whose reference is not the
first attribute, is in lower case or single quotes, has a namespace prefix, or is missing (the
cell then follows the one before it): such a sheet is read tag by tag as calamine does. Above
that size the searches are skipped so that they never weigh on a large roster: a hand-made big
sheet that lies in its ``<dimension>`` is the one case left to the operating system's memory
limit. An .ods has no dimension and calamine builds all its sheets as it opens the file;
:func:`ods_grids` sizes them from ``content.xml`` first, counting repeated rows and cells
(:func:`check_ods`). An .xlsb sheet is built whole the moment calamine is asked for it;
:func:`xlsb_grid` walks its records first; an .xls's sheets are all built as calamine opens
the file, :func:`xls_grids` walks its workbook stream first.

The limits come from ``[limits]`` of mutasi.toml; the CLI sets them once per run
(:func:`configure`); library callers get the defaults.
"""

from __future__ import annotations

import html
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from mutasi_cli.errors import MutasiError
from mutasi_cli.io.inflate import Package
from mutasi_cli.issues import Issue, cell_ref, column_letter
from mutasi_cli.settings import LimitsSettings

MB = 1 << 20
CHUNK = MB

_active = LimitsSettings()


def configure(limits: LimitsSettings) -> None:
    """Use ``limits`` for every input read from now on (called by the CLI at start)."""
    global _active
    _active = limits


def active() -> LimitsSettings:
    return _active


def budget(file_bytes: int, limits: LimitsSettings | None = None) -> int:
    """Largest total inflated size (bytes) allowed for a zip of ``file_bytes`` bytes."""
    limits = limits or _active
    return _whole_bytes(max(limits.ratio_check_from_mb * MB, limits.max_ratio * file_bytes))


def _whole_bytes(size: float) -> int:
    """A limit in bytes as an integer: a limit set far above any file (``1e308`` in
    mutasi.toml, meaning "no limit") is the largest integer size, not an overflow."""
    return int(min(size, sys.maxsize))


def too_large(path: Path, what: str, limit_mb: float) -> MutasiError:
    return MutasiError.of(
        "trust.input.too_large",
        code="input-too-large",
        path=path,
        what=what,
        limit=_megabytes(limit_mb),
    )


def check_file(path: Path, limits: LimitsSettings | None = None) -> None:
    """Refuse a file above ``max_file_mb`` before it is read (readers hold it whole)."""
    limits = limits or _active
    try:
        size = Path(path).stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file
    if size > limits.max_file_mb * MB:
        raise MutasiError.of(
            "trust.input.file_too_large",
            code="input-too-large",
            path=path,
            size=_megabytes(size / MB),
            limit=_megabytes(limits.max_file_mb),
        )


def damaged(path: Path, detail: object) -> MutasiError:
    return MutasiError.of("trust.input.damaged", code="file-damaged", path=path, detail=detail)


def check_zip(
    data: bytes,
    path: Path,
    limits: LimitsSettings | None = None,
    *,
    keep: Callable[[str], bool] | None = None,
    kept: dict[str, list[bytes]] | None = None,
    keep_mb: float = 256.0,
) -> int:
    """Refuse a zip workbook whose parts inflate beyond the limits; returns the inflated total.

    Raises ``input-too-large`` (naming the part and the limit) or ``file-damaged``. The inflated
    blocks of the members ``keep`` accepts are stored in ``kept`` (name -> blocks), checked and
    within the limits, so a reader that must scan a part itself need not inflate it again. At
    most ``keep_mb`` are kept: a part that would pass it is not kept (nor any after it), and the
    reader inflates that one again as it streams, so a workbook of many big sheets is never held
    whole in memory.
    """
    limits = limits or _active
    part_limit = _whole_bytes(limits.max_part_mb * MB)
    total_limit = budget(len(data), limits)
    try:
        archive = Package(data)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, IndexError) as exc:
        # NotImplementedError: "zip file version 21.9"; IndexError: a part without a name
        raise damaged(path, exc) from None
    # calamine finds a part with "\\" read as "/" and case ignored, Python by its exact name:
    # two parts that calamine would take for one let a checked part stand for the one it reads
    seen: set[str] = set()
    for member in members:
        key = member.filename.replace("\\", "/").lower()
        if key in seen:
            raise damaged(path, f"{member.filename}: two parts of this name")
        seen.add(key)
    declared = sum(m.file_size for m in members)
    for member in members:
        if member.file_size > part_limit:
            raise too_large(path, member.filename, limits.max_part_mb)
    if declared > total_limit:
        raise too_large(path, "total", total_limit / MB)
    total = 0
    room = int(keep_mb * MB)  # what may still be kept
    for member in members:
        size = 0
        blocks: list[bytes] | None = None
        if kept is not None and keep is not None and keep(member.filename) and room > 0:
            blocks = kept.setdefault(member.filename, [])
        try:
            for block in archive.blocks(member, CHUNK):
                if blocks is not None:
                    room -= len(block)
                    if room < 0:  # over the budget: this part streams later instead
                        blocks = None
                        kept.pop(member.filename, None)
                    else:
                        blocks.append(block)
                size += len(block)
                total += len(block)
                if size > part_limit:
                    raise too_large(path, member.filename, limits.max_part_mb)
                if total > total_limit:
                    raise too_large(path, "total", total_limit / MB)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            OSError,
            ValueError,
        ) as exc:  # ValueError: a part's offset before the file's start ("negative seek")
            raise damaged(path, f"{member.filename}: {exc}") from None
        except RuntimeError as exc:  # an encrypted member
            raise damaged(path, f"{member.filename}: {exc}") from None
    return total


EXCEL_COLUMNS = 16_384  # XFD
EXCEL_ROWS = 1_048_576
SCAN_MB = 16.0  # sheet XML up to this size is scanned cell by cell (see the module doc)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="(?:[A-Za-z]*\d*:)?([A-Za-z]+)(\d+)"')
# A cell holding something (a self-closing <c r="X9" s="1"/> is formatting only: no reader
# holds it), written the way every spreadsheet program writes it. The tag's rest stops at "<":
# on tags that never close, each attempt ends at the next one (quadratic otherwise: 23 s for
# 20,000 of them).
_CELL_REF = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"[^<>]*(?<!/)>')
_LAST_ROW = re.compile(rb'<(?:\w+:)?row r="(\d+)"')
# Cell and row tags written any other way, which calamine reads all the same: without a
# reference (the cell follows the one before it in its row, the row the row before), the
# reference not first or in lower case or single quotes, a tab inside the tag, a namespace
# prefix. Each pattern is led by a literal, so a sheet without them costs about 2 ms a MB.
_ODD_TAGS = (
    re.compile(rb'<c(?:[\t\n\r>/]| (?!r="[A-Z]))'),
    re.compile(rb'<row(?:[\t\n\r>/]| (?!r="\d))'),
    re.compile(rb":(?:c|row)[\s>/]"),
)
# Any cell or row start tag, its attributes, and whether they end the tag: a tag whose
# attributes hold "<" or ">", or an unclosed quote, is not one this check can place (each
# attempt stops at the next "<": linear however the sheet is written).
_ANY_TAG = re.compile(
    rb"""<(?:[\w.-]+:)?(c|row)(?=[\s>/])((?:[^<>"']+|"[^"<>]*"|'[^'<>]*')*+)(>?)"""
)
_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']\s*([A-Za-z]*)(\d*)""")


class Grid(NamedTuple):
    """The grid a reader builds for a sheet: ``rows`` x ``cols`` from A1 to ``cell``."""

    rows: int
    cols: int
    cell: str
    odd: bool = False  # cells or rows written other than as <c r="A1"> / <row r="1">


def column_number(letters: bytes | str) -> int:
    """1-based column of Excel letters ("A" 1, "XFD" 16384); past 8 letters, 10^15."""
    if len(letters) > 8:
        return 10**15
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        n = n * 26 + ord(ch) - 64
    return n


def _number(digits: bytes) -> int:
    """A row number as written; absurdly many digits count as 10^15 (``int`` refuses more
    than 4,300)."""
    return int(digits) if len(digits) <= 15 else 10**15


def grid_size(blocks: Callable[[], Iterable[bytes]], size: int, *, at_hand: bool = True) -> Grid:
    """The grid a reader builds from a sheet's XML (``size`` bytes, given in blocks by
    ``blocks()``).

    The sheet's ``<dimension>`` (and, for the blocks ``at_hand``, its last ``<row>``) gives the
    grid. Up to :data:`SCAN_MB` of XML it is verified by regex searches for a cell holding a
    value beyond it, and for a cell or row tag written another way (:data:`_ODD_TAGS`; about
    2 ms a MB); every cell is read (slow: only for such files) when one is found, when there is
    no dimension, or when it declares a grid above ``max_sheet_cells`` (an empty formatted cell
    counts there, not for the reader)."""
    rows, cols = _declared(blocks(), at_hand)
    declared = rows and cols and rows * cols <= _active.max_sheet_cells
    if declared and (size > SCAN_MB * MB or not _beyond(blocks(), rows, cols)):
        return Grid(rows, cols, far_cell(rows, cols))
    rows = cols = 0
    for text in _whole_tags(blocks()):
        if any(tag.search(text) for tag in _ODD_TAGS):
            rows, cols = _placed(blocks())
            return Grid(rows, cols, far_cell(rows, cols), odd=True)
        cols, rows = _farthest(_CELL_REF.findall(text), cols, rows)
    return Grid(rows, cols, far_cell(rows, cols))


def _placed(blocks: Iterable[bytes]) -> tuple[int, int]:
    """Rows and columns of the cells holding something, each tag read the way calamine places
    it: a cell without a reference one column after the cell before it in its row, a row
    without one below the row before it. A Python step per tag: only for sheets written so. A
    tag it cannot read (a quoted "<" or ">", an unclosed quote) makes the largest grid, so the
    sheet is refused rather than sized short."""
    row = col = rows = cols = 0
    for text in _whole_tags(blocks):
        for name, attrs, closed in _ANY_TAG.findall(text):
            if not closed:  # no spreadsheet program writes it: sized as the largest grid
                return EXCEL_ROWS, EXCEL_COLUMNS
            ref = _REF.search(attrs)
            if name == b"row":
                row = _number(ref[2]) if ref and ref[2] else row + 1
                col = 0
                continue
            col = column_number(ref[1]) if ref and ref[1] else col + 1
            at = _number(ref[2]) if ref and ref[2] else row
            if not attrs.endswith(b"/"):  # a cell with content
                rows, cols = max(rows, at, row), max(cols, col)
    return rows, cols


def far_cell(rows: int, cols: int) -> str:
    """The bottom-right cell of a grid of ``rows`` x ``cols`` ("XFD1048576"; "" when empty)."""
    return cell_ref("", cols - 1, rows) if rows and cols else ""


def _whole_tags(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """The blocks re-cut so that no tag is split between two."""
    tail = b""
    for block in blocks:
        text = tail + block
        cut = max(text.rfind(b"<"), 0)
        yield text[:cut]
        tail = text[cut:]
    yield tail


def _beyond(blocks: Iterable[bytes], rows: int, cols: int) -> bool:
    """Whether a cell holding a value may lie outside A1:(cols, rows): a column past the grid;
    a row of seven digits or more (calamine takes any 32-bit row number: a cell at row
    3,000,000,000 amid a 3-row sheet asked for 576 GB; no sheet scanned here, 16 MB at most,
    holds a million rows, so the exact reading that follows sizes it); and rows below the grid
    when its width could make them too many (a roster's 20 columns times Excel's 1,048,576
    rows stay within ``max_sheet_cells``)."""
    far_column = _above(column_letter(cols - 1), "A-Z", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    options = [b"(?:" + far_column + rb')\d+"', rb"[A-Z]+\d{7}"]
    if cols * EXCEL_ROWS > _active.max_sheet_cells:
        options.append(rb"[A-Z]+(?:" + _above(str(rows), "0-9", "0123456789") + rb')"')
    far = re.compile(rb'<c r="(?:' + b"|".join(options) + rb")")  # an empty formatted cell
    # found here is left out by the exact reading that follows
    for text in _whole_tags(blocks):
        if far.search(text) or any(tag.search(text) for tag in _ODD_TAGS):
            return True
    return False


def _above(value: str, any_: str, alphabet: str) -> bytes:
    """A regex for the strings of ``alphabet`` (no leading zero) ordered after ``value`` by
    length, then character by character: the columns after "T", the rows after "4001"."""
    first = "1-9" if any_ == "0-9" else any_
    options = [f"[{first}][{any_}]{{{len(value)},}}"]  # longer
    for i, ch in enumerate(value):
        higher = alphabet[alphabet.index(ch) + 1 :]
        if higher:
            options.append(f"{value[:i]}[{higher}][{any_}]{{{len(value) - i - 1}}}")
    return "|".join(options).encode()


def _declared(blocks: Iterable[bytes], at_hand: bool) -> tuple[int, int]:
    """Rows and columns of a sheet's ``<dimension>`` (0, 0 without one), and its last row."""
    blocks = iter(blocks)
    first = next(blocks, b"")
    found = _DIMENSION.search(first, 0, 4096)
    if found is None:
        return 0, 0
    cols, rows = column_number(found[1]), _number(found[2])
    before = last = first
    for block in blocks if at_hand else ():
        before, last = last, block
    last = before[-65_536:] + last if last is not first else first  # a tag cut between two
    at = last.rfind(b'<row r="')
    row = _LAST_ROW.match(last, at) if at >= 0 else None
    return max(rows, _number(row[1])) if row else rows, cols


def _farthest(refs: list[tuple[bytes, bytes]], cols: int, rows: int) -> tuple[int, int]:
    """The farthest column and row of the (letters, row) references, and of ``cols``/``rows``."""
    if refs:
        letters = max((r[0] for r in refs), key=lambda x: (len(x), x))
        cols = max(cols, column_number(letters) if letters else 0)
        rows = max(rows, max(_number(r[1]) for r in refs))
    return cols, rows


# OpenDocument (.ods): a row or cell may say it repeats (``number-rows-repeated="1048575"``,
# ``number-columns-repeated="1024"``), so an 800-byte file can describe a grid of 100 million
# cells holding "x", which calamine builds in full when the file is opened (5 GB and more).
_ODS_REPEAT = re.compile(rb"""-repeated\s*=\s*["']\s*0*(\d+)""")
_ODS_NAME = re.compile(rb'(?:[\w.-]+:)?name="([^"]*)"')
# The table, row and cell tags by the names calamine matches, as written ("table:table-cell",
# whatever prefix the file declares for the namespace: a file that declared its own and wrote
# its bomb under "table:" passed a scan of the declared one). Quoted values are skipped whole
# (a formula holds ">") but stop at "<", so each attempt ends at the next tag: a quadratic
# search on unclosed quotes took 83 s for 400 KB.
_ODS_TAGS = re.compile(
    rb"<(table:table-cell|table:covered-table-cell|/?table:table-row|/?table:table)(?=[\s/>])"
    rb"""((?:[^<>"']+|"[^"<]*"|'[^'<]*')*+)(>?)"""
)
_ODS_CELLS = (b"table:table-cell", b"table:covered-table-cell")
# Filled cells an .ods may describe by repetition: LibreOffice writes equal neighbours once with
# a repeat (a unit and its parent unit, twelve zero months: a few per row), so a real sheet has
# at most a few times as many filled cells as it writes; calamine holds each one (its text
# too). Beyond this many, and this many per cell written, the file is refused.
ODS_REPEATED_FREE = 1_000_000
ODS_REPEATS_PER_CELL = 16


class OdsTable(NamedTuple):
    name: str
    rows: int  # the grid calamine builds: rows x cols, from A1 to ``cell``
    cols: int
    cell: str
    filled: int  # filled cells, repeats counted
    written: int  # filled cells as written (cell tags)


def ods_grids(blocks: Iterable[bytes]) -> list[OdsTable]:
    """The tables of an .ods ``content.xml`` (given in blocks), with the grid calamine builds,
    repeats counted, from A1 to the farthest cell holding something. Empty cells (self-closing,
    no value type) hold nothing however often they repeat: LibreOffice ends every sheet with a
    million of them. One literal-led regex finds the table, row and cell start tags (about
    10 ms a MB); closing cell tags are not read. A tag it cannot read whole (a quoted "<", an
    unclosed quote: no spreadsheet program writes them) makes its table the largest grid, so
    the file is refused rather than sized short."""
    grids: list[OdsTable] = []
    name, row, rows, cols = "", 0, 0, 0
    col = repeat = filled = written = depth = 0
    for text in _whole_tags(blocks):
        for tag, attrs, closed in _ODS_TAGS.findall(text):
            if not closed:  # a quoted "<" or an unclosed quote: sized as the largest grid
                largest = far_cell(EXCEL_ROWS, EXCEL_COLUMNS)
                grids.append(OdsTable(name, EXCEL_ROWS, EXCEL_COLUMNS, largest, 0, 0))
                return grids
            if tag in _ODS_CELLS:
                times = _repeats(attrs)
                col += times
                if not attrs.endswith(b"/") or b"value-type" in attrs:  # a value, or content
                    rows, cols = max(rows, row + repeat), max(cols, col)  # the far corner
                    filled += times * repeat
                    written += 1
            elif tag.endswith(b"table-row"):
                if tag[0] != 47:  # "<row": its repeat; a self-closing one ends here too
                    repeat = _repeats(attrs)
                    col = 0
                if tag[0] == 47 or attrs.endswith(b"/"):
                    row += repeat
            elif tag[0] == 47:  # the end of a table
                depth -= 1
                if depth == 0:
                    far = far_cell(rows, cols)
                    grids.append(OdsTable(name, rows, cols, far, filled, written))
            else:  # a table; one inside a cell (a subtable) counts with the table around it
                depth += 1
                if depth == 1:
                    found = _ODS_NAME.search(attrs)
                    name = html.unescape(found[1].decode("utf-8", "replace")) if found else ""
                    row = rows = cols = filled = written = 0
    return grids


def _repeats(attrs: bytes) -> int:
    """How often a row or cell repeats (1 unless it says); absurdly many digits count as 10^15
    (``int`` refuses more than 4,300 digits)."""
    found = _ODS_REPEAT.search(attrs) if b"repeated" in attrs else None
    if found is None:
        return 1
    return int(found[1]) if len(found[1]) <= 15 else 10**15


def check_ods(path: Path, table: OdsTable) -> None:
    """Refuse an .ods table whose grid is over the limits (:func:`check_grid`) or that fills
    more cells by repetition than a real sheet does (:data:`ODS_REPEATS_PER_CELL`)."""
    check_grid(path, table.name, table.rows, table.cols, table.cell)
    limit = max(ODS_REPEATED_FREE, ODS_REPEATS_PER_CELL * table.written)
    if table.filled > limit:
        raise MutasiError.of(
            "trust.input.repeats_too_many",
            code="input-too-large",
            path=path,
            sheet=table.name,
            written=_grouped(table.written),
            filled=_grouped(table.filled),
            limit=_grouped(limit),
        )


# calamine reserves room for as many shared strings as the sst's uniqueCount says, before it
# reads one: uniqueCount="4000000000" made a 6 KB .xlsx ask for 96 GB and abort. A count above
# this that the part does not hold (twice its <si> items) marks a damaged file.
STRINGS_FREE = 1_000_000
_SST = re.compile(
    rb"""<(?:[\w.-]+:)?sst\b(?:[^>"']|"[^"]*"|'[^']*')*?\suniqueCount\s*=\s*["'](\d+)"""
)
_SST_START = re.compile(rb"<(?:[\w.-]+:)?sst\b")


def check_strings(path: Path, blocks: Iterable[bytes]) -> None:
    """Refuse a shared-strings part whose ``uniqueCount`` is above :data:`STRINGS_FREE` and
    twice the items it holds (``file-damaged``: Excel repairs such a file)."""
    declared = None
    items = 0
    for text in _whole_tags(blocks):
        if declared is None:
            start = _SST_START.search(text)
            if start is None:
                continue
            found = _SST.match(text, start.start())
            declared = _number(found[1]) if found else 0
            if declared <= STRINGS_FREE:
                return
        items += text.count(b"<si") + text.count(b":si")
    if declared is not None and declared > 2 * items:
        raise damaged(path, f"sharedStrings uniqueCount {declared:,} for {items:,} strings")


# Binary workbooks (.xlsb): a sheet part is a run of records, each a type and a size written
# as little varints (1-2 and 1-4 bytes of 7 bits). calamine reads BrtRowHdr (0x00) for the row
# and the cell records BrtCellRk..BrtFmlaError (0x02-0x0B) for the column (a 32-bit number it
# does not check) between BrtBeginSheetData (0x91) and BrtEndSheetData (0x92), and builds the
# same dense grid as for an .xlsx.
_XLSB_ROW, _XLSB_BEGIN_DATA, _XLSB_END_DATA = 0x00, 0x91, 0x92
_XLSB_CELLS = range(0x02, 0x0C)
_XLSB_LAST_ROW = 0x10_0000  # calamine stops reading a sheet at a row past this one


def xlsb_records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(type, start, end) of each record of an .xlsb part, as calamine's reader splits them."""
    pos, n = 0, len(data)
    while pos < n:
        b = data[pos]
        pos += 1
        kind = b & 0x7F
        if b & 0x80 and pos < n:
            kind += (data[pos] & 0x7F) << 7
            pos += 1
        size = 0
        for shift in (0, 7, 14, 21):
            if pos >= n:
                break
            b = data[pos]
            pos += 1
            size += (b & 0x7F) << shift
            if not b & 0x80:
                break
        yield kind, pos, min(pos + size, n)
        pos += size


def xlsb_grid(data: bytes) -> Grid:
    """The grid calamine builds from an .xlsb worksheet part (its bytes): A1 to the farthest
    cell holding a value. A Python step per record (about 1 s a million cells): .xlsb files
    are rare, and calamine reads them whole at once."""
    row = rows = cols = 0
    inside = False
    for kind, start, end in xlsb_records(data):
        if kind == _XLSB_BEGIN_DATA:
            inside = True
        elif kind == _XLSB_END_DATA:
            break
        elif inside and end - start >= 4 and (kind == _XLSB_ROW or kind in _XLSB_CELLS):
            number = int.from_bytes(data[start : start + 4], "little")
            if kind != _XLSB_ROW:
                rows, cols = max(rows, row + 1), max(cols, number + 1)
            elif number > _XLSB_LAST_ROW:
                break
            else:
                row = number
    return Grid(rows, cols, far_cell(rows, cols))


# Excel 97-2003 workbooks (.xls): the BIFF records of the "Workbook" stream, each a 16-bit type
# and size. A cell record starts with its row and column (16 bits each; MULRK/MULBLANK end with
# their last column), which calamine takes as given: a cell at column 65,535 (Excel writes at
# most 255) made a 6 KB file ask for 137 GB. calamine also reserves room for the cells a sheet's
# DIMENSIONS record declares (rows as 32-bit numbers, the difference wrapping around). BOUNDSHEET
# records name each sheet by the offset of its BOF; FILEPASS (unless XOR, type 0): the rest is
# encrypted (calamine says so).
_XLS_BOF, _XLS_EOF, _XLS_SHEET, _XLS_FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
_XLS_DIMENSIONS = 0x0200
_XLS_CELLS = frozenset({0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})
_XLS_RUNS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: a row of cells, last column at the end


def _biff_records(stream: bytes, pos: int) -> Iterator[tuple[int, bytes]]:
    """(type, body) of the BIFF records from ``pos`` on."""
    n = len(stream)
    while pos + 4 <= n:
        kind = int.from_bytes(stream[pos : pos + 2], "little")
        size = int.from_bytes(stream[pos + 2 : pos + 4], "little")
        yield kind, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def xls_grids(stream: bytes) -> dict[str, Grid]:
    """Sheet name -> the grid calamine builds for it, from an .xls workbook stream, read as
    calamine reads it: the globals up to their EOF (BOUNDSHEET: each sheet's name and the
    offset of its BOF), then each sheet from its own offset up to its EOF, nested substreams
    (charts) skipped. A1 to the farthest cell record (blank formatted cells included: in a real
    .xls they stay within 256 columns, so they never reach the limit) or to what DIMENSIONS
    declares. A Python step per record: an .xls holds at most 65,536 rows."""
    sheets: dict[int, str] = {}
    for kind, body in _biff_records(stream, 0):
        if kind == _XLS_FILEPASS and body[:2] != b"\0\0":  # calamine reads on past XOR
            return {}
        if kind == _XLS_SHEET and len(body) > 7:
            sheets.setdefault(int.from_bytes(body[:4], "little"), _xls_name(body[6:]))
        elif kind == _XLS_EOF:
            break
    grids: dict[str, Grid] = {}
    for offset, name in sheets.items():
        rows = cols = depth = 0
        seen = False
        for kind, body in _biff_records(stream, offset):
            if depth:  # inside an embedded chart or macro sheet
                depth += (kind == _XLS_BOF) - (kind == _XLS_EOF)
            elif kind == _XLS_BOF:
                depth, seen = (1 if seen else 0), True
            elif kind == _XLS_EOF:
                break
            elif kind == _XLS_DIMENSIONS and len(body) in (10, 14):
                declared = _xls_dimensions(body)
                rows, cols = max(rows, declared[0]), max(cols, declared[1])
            elif len(body) >= 4 and (kind in _XLS_CELLS or kind in _XLS_RUNS):
                row = int.from_bytes(body[:2], "little")
                col = int.from_bytes(body[-2:] if kind in _XLS_RUNS else body[2:4], "little")
                rows, cols = max(rows, row + 1), max(cols, col + 1)
        if rows:
            grid = Grid(rows, cols, far_cell(rows, cols))
            grids[name] = max(grids.get(name, grid), grid, key=lambda g: g.rows * g.cols)
    return grids


def _xls_dimensions(body: bytes) -> tuple[int, int]:
    """(rows, columns) calamine reserves for a DIMENSIONS record (BIFF8: 32-bit rows, BIFF5:
    16-bit): the last row and column are written one past, a first column past 255 counts as 0,
    and the differences wrap around as calamine's unsigned ones do."""
    wide = len(body) == 14
    size = 4 if wide else 2
    first_row, last_row = (int.from_bytes(body[i : i + size], "little") for i in (0, size))
    first_col = int.from_bytes(body[2 * size : 2 * size + 2], "little")
    last_col = int.from_bytes(body[2 * size + 2 : 2 * size + 4], "little")
    if first_col > 0xFF or last_col < first_col:
        first_col = 0
    if last_row < 1 or last_col < 1:
        return 1, 1
    return (last_row - 1 - first_row + 1) % 2**32, (last_col - 1 - first_col + 1) % 2**32


def _xls_name(text: bytes) -> str:
    """A BOUNDSHEET name: its length, a flag (BIFF8: bit 0 set for 16-bit characters), then the
    characters; a BIFF5 name has no flag byte."""
    count = text[0]
    flag = text[1] if len(text) > 1 else 0
    if len(text) == 1 + count:  # BIFF5: no flag byte
        return text[1 : 1 + count].decode("cp1252", "replace")
    if flag & 1:
        return text[2 : 2 + 2 * count].decode("utf-16-le", "replace")
    return text[2 : 2 + count].decode("latin-1", "replace")


def check_grid(
    path: Path, sheet: str, rows: int, cols: int, cell: str, max_rows: int | None = None
) -> None:
    """Refuse a sheet whose grid (``rows`` x ``cols``) is above ``max_sheet_cells``, wider
    than Excel's 16,384 columns (a CSV line of two million separators is no table), or longer
    than ``max_rows`` where the format has Excel's limit (a row index of ten million in a
    200-byte XML Spreadsheet)."""
    limit = _active.max_sheet_cells
    too_long = max_rows is not None and rows > max_rows
    if rows * cols > limit or cols > EXCEL_COLUMNS or too_long:
        raise MutasiError.of(
            "trust.input.grid_too_large",
            code="input-too-large",
            path=path,
            sheet=sheet,
            cell=cell,
            rows=_grouped(rows),
            cols=_grouped(cols),
            limit=_grouped(limit),
            max_cols=_grouped(EXCEL_COLUMNS),
        )


def _grouped(number: int) -> str:
    """Digits grouped by spaces (40 000 000): read the same in Indonesian and in English."""
    return f"{number:,}".replace(",", " ")


def _megabytes(mb: float) -> str:
    """A size in whole MB, grouped like :func:`_grouped` ("2 000 MB")."""
    return f"{_grouped(round(mb))} MB"


def cap_text(
    frame: pd.DataFrame, limits: LimitsSettings | None = None
) -> list[tuple[str, int, int]]:
    """Cut every text cell longer than ``max_cell_chars`` in place; returns (column, row
    position, length) of each cut cell (at most :data:`LISTED_CUTS`)."""
    limits = limits or _active
    cap = limits.max_cell_chars
    cut: list[tuple[str, int, int]] = []
    for j, column in enumerate(frame.columns):
        values = frame.iloc[:, j]
        if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
            continue
        try:
            lengths = values.str.len()
        except AttributeError:  # no text in this column
            continue
        over = np.flatnonzero(lengths.to_numpy(dtype=float, na_value=0.0) > cap)
        for i in over:
            if len(cut) < LISTED_CUTS:
                cut.append((str(column), int(i), int(lengths.iloc[i])))
            frame.iat[i, j] = str(values.iloc[i])[:cap]
    return cut


LISTED_CUTS = 100


def text_issues(
    frame: pd.DataFrame, excel_rows: np.ndarray, col_index: dict[str, int], sheet: str
) -> list[Issue]:
    """:func:`cap_text` on a loaded frame, each cut cell as a ``cell-too-long`` warning."""
    issues = []
    for column, i, length in cap_text(frame):
        row = int(excel_rows[i])
        issues.append(
            Issue(
                "cell-too-long",
                sheet=sheet,
                cell=cell_ref(sheet, col_index.get(column, 0), row),
                column=column,
                row=row,
                params={"length": length, "limit": _active.max_cell_chars},
            )
        )
    return issues


def check_annotate(path: Path, limits: LimitsSettings | None = None) -> None:
    """``--annotate`` copies a workbook with openpyxl, which holds all of it in memory (about
    50x its XML): refuse one whose XML is above ``annotate_max_mb``."""
    limits = limits or _active
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            inflated = sum(m.file_size for m in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        inflated = path.stat().st_size if path.exists() else 0  # CSV and other formats
    if inflated > limits.annotate_max_mb * MB:
        raise MutasiError.of(
            "trust.input.annotate_too_large",
            code="input-too-large",
            path=path,
            limit=_megabytes(limits.annotate_max_mb),
        )
