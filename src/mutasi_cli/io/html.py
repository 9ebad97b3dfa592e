"""Web pages saved as workbooks: the tables of an HTML export, read as sheets of text.

Many web apps (SIMPEG, e-kinerja, attendance recaps) "export to Excel" by sending an HTML
table under an .xls name; Excel opens it after a warning, and analysts keep the file as it
came. Excel itself saves a sheet as a "Web Page" (.htm) or a "Single File Web Page" (.mht, a
MIME archive of HTML parts). :func:`tables` reads every table of such a page as a browser lays
it out:

* a cell spanning columns or rows (``colspan``/``rowspan``) fills its first cell and leaves
  the others empty, as a merged range does in a workbook, so the header rules (forward fill of
  a parent label) rebuild multi-row headers the same way; spans are clamped to HTML's own
  limits (1,000 columns, 65,534 rows) as browsers clamp them;
* ``<br>`` is a line break inside the cell ("Nama / NIP" cells), other whitespace collapses to
  one space, comments (Excel's ``<!--[if gte mso]>`` blocks) are no text;
* nothing is typed: an 18-digit NIP stays its digits (Excel would round it to 15), and dates
  and numbers are read from their text by the normaliser, as for a CSV;
* cells written without a row (``<table><th>NIP</th><th>Nama</th><tr>...``: a header or a
  person whose ``<tr>`` a hand-written export forgot) are one row at their place, as a browser
  shows them; libxml2 keeps them outside any row, where reading rows alone lost them.

The page is parsed in 1 MB steps with lxml's HTML pull parser (libxml2, which repairs broken
markup as browsers do) and each row is let go once read, so memory follows the tables' text,
not the page's markup; a table whose grid passes ``max_sheet_cells`` (or Excel's 16,384
columns) is refused as it grows. A frameset page (Excel's multi-file "Web Page", whose sheets
sit in other files) holds no table: :func:`tables` returns none and the reader says so.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from mutasi_cli.io.layout import Grid, Layout, let_go

MAX_COLSPAN = 1_000  # HTML's limits (WHATWG tables: colspan 1-1000, rowspan 0-65534)
MAX_ROWSPAN = 65_534
_BREAK = "\ue000"  # a <br>, kept through whitespace collapsing
_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_STEP = 1 << 20  # bytes fed to the parser at a time
_DIGITS = re.compile(r"\s*(\d{1,9})")
_CELLS = frozenset({"td", "th"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_ROW_PARENTS = _SECTIONS | {"table"}  # where a row, or a cell written without one, sits


def tables(data: bytes, path: Path, decode: Callable[[bytes], str]) -> list[Grid]:
    """The tables of the page (or of every HTML part of an .mht) in ``data`` that hold at least
    one value, in document order, each as rows of equal width (None for an empty cell).
    ``decode`` reads bytes whose encoding neither the page nor its MIME part declares."""
    found: list[Grid] = []
    for page in _pages(data, decode):
        found.extend(_Page(path, len(found)).read(page))
    return [grid for grid in found if any(value is not None for row in grid for value in row)]


def _pages(data: bytes, decode: Callable[[bytes], str]) -> Iterator[str]:
    """The HTML text of a page, or of each HTML part of a MIME archive (.mht)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"mime-version:") or b"\nmime-version:" in head:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    yield _text(payload, part.get_content_charset(), decode)
        return
    yield _text(data, None, decode)


def _text(data: bytes, charset: str | None, decode: Callable[[bytes], str]) -> str:
    """Bytes as text: in the charset the part or the page's ``<meta>`` declares, else by
    ``decode``."""
    if charset is None:
        declared = _CHARSET.search(data[:4096])
        charset = declared[1].decode("ascii") if declared else None
    if charset:
        try:
            name = codecs.lookup(charset).name
        except LookupError:
            return decode(data)
        if name.startswith("utf-16") or name.startswith("utf-32"):
            return decode(data)  # a meta tag read as bytes was ASCII: the declaration is wrong
        return data.decode("utf-8-sig" if name == "utf-8" else name, errors="replace")
    return decode(data)


def _span(value: str | None, most: int, zero: int = 1) -> int:
    """A colspan/rowspan as browsers read it: its leading digits, at most ``most``; 1 when
    missing or unreadable, ``zero`` for 0 (a rowspan of 0 runs to the end of the table)."""
    found = None if value is None else _DIGITS.match(value)
    if found is None:
        return 1
    number = int(found[1])
    return zero if number == 0 else min(number, most)


class _Page:
    """The tables of one HTML page, read as the parser goes."""

    def __init__(self, path: Path, before: int) -> None:
        self.path, self.count = path, before
        self.started: list[Layout] = []  # every table, in the order it starts
        self.open: list[Layout] = []  # tables around the parser's position, innermost last

    def read(self, page: str) -> list[Grid]:
        raw = _XML_DECLARATION.sub("", page, count=1).encode("utf-8")
        parser = etree.HTMLPullParser(
            events=("start", "end"), tag=("table", "tr", *_SECTIONS), encoding="utf-8"
        )
        for at in range(0, len(raw), _STEP):
            parser.feed(raw[at : at + _STEP])
            self._take(parser.read_events())
        parser.close()
        self._take(parser.read_events())
        return [table.grid() for table in self.started]

    def _take(self, events: Iterator[tuple[str, etree._Element]]) -> None:
        """Tables as they start and end, rows as they end (a row's cells are read from it
        then: one event a row, not two a cell). Cells outside any row are read when the row
        or section after them starts, or their section or table ends."""
        for event, element in events:
            if element.tag == "table" and event == "start":
                self._stray_before(element)
                self.count += 1
                self.started.append(Layout(self.path, f"Tabel {self.count}"))
                self.open.append(self.started[-1])
            elif not self.open:  # a row outside any table: no browser shows it
                continue
            elif event == "start":  # a row or a section
                self._stray_before(element)
            elif element.tag == "table":
                self._stray_within(element)
                self.open.pop().end()
                let_go(element)
            elif element.tag in _SECTIONS:
                self._stray_within(element)
            else:
                self._row(self.open[-1], [cell for cell in element if cell.tag in _CELLS])
                let_go(element)

    def _stray_before(self, element: etree._Element) -> None:
        """The cells just before ``element`` among its siblings with no row of their own, as
        one row of the innermost open table (a nested table's own cell is its parent row's)."""
        cells = []
        node = element.getprevious()
        while node is not None and node.tag in _CELLS:
            cells.append(node)
            node = node.getprevious()
        parent = element.getparent()
        if cells and self.open and parent is not None and parent.tag in _ROW_PARENTS:
            self._row(self.open[-1], cells[::-1])

    def _stray_within(self, element: etree._Element) -> None:
        """The cells at the end of a table or section with no row of their own, as one row."""
        cells = []
        for node in reversed(element):
            if node.tag not in _CELLS:
                break
            cells.append(node)
        if cells:
            self._row(self.open[-1], cells[::-1])

    @staticmethod
    def _row(table: Layout, cells: list[etree._Element]) -> None:
        """A row's cells into its table: in one step when none spans (the usual row)."""
        plain = not any(c.get("colspan") or c.get("rowspan") for c in cells)
        if plain and table.add_row([_cell_text(c) for c in cells]):
            return
        table.new_row()
        for cell in cells:
            colspan = _span(cell.get("colspan"), MAX_COLSPAN)
            rowspan = _span(cell.get("rowspan"), MAX_ROWSPAN, MAX_ROWSPAN)
            table.place(_cell_text(cell), colspan, rowspan)


def _cell_text(cell: etree._Element) -> str | None:
    """The text a browser shows in a cell: ``<br>`` a line break, runs of other whitespace one
    space (no-break spaces too), comments left out."""
    node = cell  # the usual cell is text, or text in a chain of wrappers (<font><b>x</b>)
    while len(node) == 1 and _blank(node.text) and _blank(node[0].tail):
        node = node[0]
    if len(node) == 0:  # no tree to walk
        if node.tag == "br" or not isinstance(node.tag, str):  # a line break, a comment
            return None
        return " ".join((node.text or "").split()) or None
    parts = []  # the tree is read, never written (lxml refuses to set text holding a NUL)
    for event, node in etree.iterwalk(cell, events=("start", "end", "comment", "pi")):
        if event == "start":
            parts.append(_BREAK if node.tag == "br" else node.text or "")
        elif node is not cell:  # the end of an element, or a comment: only its tail is text
            parts.append(node.tail or "")
    text = " ".join("".join(parts).split())
    if _BREAK in text:
        lines = (line.strip() for line in text.split(_BREAK))
        text = "\n".join(lines).strip("\n")
    return text or None


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()
