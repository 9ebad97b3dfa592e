"""XML Spreadsheet 2003 (SpreadsheetML): the ".xls" that Excel's "XML Spreadsheet 2003" format
and many web apps' exporters write (PHPExcel's Excel2003XML writer and its kin): one XML
document of ``Worksheet`` / ``Table`` / ``Row`` / ``Cell`` / ``Data``, not a binary workbook,
which calamine does not read.

Each worksheet is a sheet, laid out as Excel lays it out (:class:`mutasi_cli.io.layout.Layout`):
a row goes where its ``ss:Index`` says or below the one before; a cell where its ``ss:Index``
says or right after the previous cell and its merge; a merge (``ss:MergeAcross``,
``ss:MergeDown``) fills its first cell as a merged range does. Values keep the text the file
holds, as for a CSV: a ``String`` as written; a ``Number`` as its digits, its position kept
so that a NIP stored as a number is reported as it is for an .xlsx; a ``DateTime`` as its
date (``2010-04-01``, the time added when it is not midnight); an ``Error`` empty. A sheet
whose options say ``SheetHidden`` is hidden.

The document is parsed in steps (lxml's ``iterparse``, rows let go once read); a document
with a DTD is refused before parsing, and entities are not resolved, no DTD is loaded and no
network is used, so an entity bomb or an external entity (a local file) reads nothing.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from mutasi_cli.io.layout import Grid, Layout, let_go

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
X = "{urn:schemas-microsoft-com:office:excel}"
MARKER = b"urn:schemas-microsoft-com:office:spreadsheet"  # the namespace every such file has
_MIDNIGHT = re.compile(r"T00:00:00(?:\.0*)?$")
_NUMBER = re.compile(r"\s*(\d{1,7})\s*$")  # an index or a merge: at most Excel's rows


class Sheet(NamedTuple):
    name: str
    rows: Grid
    numbers: dict[int, list[int]]  # column -> rows (0-based) of its cells typed Number
    hidden: bool


class DoctypeError(ValueError):
    """The document declares a DTD, which no spreadsheet writes (see :func:`sheets`)."""


_DOCTYPES = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))


def sheets(data: bytes, path: Path) -> list[Sheet]:
    """The worksheets of an XML Spreadsheet 2003 document, in order.

    A document that declares a DTD is refused (:class:`DoctypeError`) before it is parsed: a
    DTD is where entities are declared, and libxml2 still gave the text of an external entity
    (a local file) to a cell's string value with entity resolution turned off. Excel and the
    exporters never write one, so nothing real is lost (the rule of defusedxml's
    ``forbid_dtd``)."""
    if any(doctype in data for doctype in _DOCTYPES):
        raise DoctypeError("<!DOCTYPE")
    found: list[Sheet] = []
    parser = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        tag=(f"{SS}Worksheet", f"{SS}Row", f"{SS}Cell", f"{X}Visible"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        remove_comments=True,
    )
    table: Layout | None = None
    numbers: dict[int, list[int]] = {}
    hidden = False
    for event, element in parser:
        tag = element.tag
        if tag == f"{SS}Worksheet":
            if event == "start":
                name = _attribute(element, "Name") or f"Sheet{len(found) + 1}"
                table, numbers, hidden = Layout(path, name), {}, False
            elif table is not None:
                table.end()
                found.append(Sheet(table.name, table.grid(), numbers, hidden))
                table = None
                element.clear()
        elif table is None:
            continue
        elif tag == f"{X}Visible":
            hidden = hidden or (event == "end" and (element.text or "").strip() != "SheetVisible")
        elif tag == f"{SS}Row":
            if event == "start":
                table.new_row(_index(element))
            else:
                let_go(element)
        elif event == "end":  # a Cell
            value, number = _value(element)
            row, col = table.place(
                value,
                1 + _count(element, "MergeAcross"),
                1 + _count(element, "MergeDown"),
                _index(element),
            )
            if number:
                numbers.setdefault(col, []).append(row)
            element.clear(keep_tail=True)
    return found


def _attribute(element: etree._Element, name: str) -> str | None:
    """An ``ss:`` attribute, also as some writers put it, without the prefix."""
    return element.get(f"{SS}{name}", element.get(name))


def _index(element: etree._Element) -> int | None:
    """A row's or cell's ``ss:Index`` (1-based) as a 0-based position, if it has one."""
    found = _NUMBER.match(_attribute(element, "Index") or "")
    return int(found[1]) - 1 if found and int(found[1]) >= 1 else None


def _count(element: etree._Element, name: str) -> int:
    found = _NUMBER.match(_attribute(element, name) or "")
    return int(found[1]) if found else 0


def _value(cell: etree._Element) -> tuple[str | None, bool]:
    """A cell's text as the file holds it, and whether it is typed Number."""
    data = next(cell.iter(f"{SS}Data"), None)
    if data is None:
        return None, False
    kind = _attribute(data, "Type") or "String"
    text = data.xpath("string()")
    if kind == "Error":
        return None, False
    if kind == "DateTime":
        text = _MIDNIGHT.sub("", text.strip()).replace("T", " ")
    if kind == "Number":
        text = text.strip()
    return (text if text.strip() else None), kind == "Number" and bool(text.strip())
