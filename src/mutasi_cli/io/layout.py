"""Laying out the cells of a table written cell by cell with spans (a web page's ``<table>``,
an XML Spreadsheet 2003 ``<Table>``), as a browser or Excel lays them out.

A cell spanning columns or rows fills its first cell and leaves the others empty, as a merged
range does in a workbook (the header rules rebuild multi-row headers from that). A cell that
names no position goes to the first column right of the previous cell that no span from a row
above holds; one that names its column (``ss:Index``) goes there. The grid is checked against
``max_sheet_cells`` and Excel's 16,384 columns and 1,048,576 rows as it grows, so a hostile
table is refused before it is held (a row index of ten million in a 200-byte file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from mutasi_cli.io import limits

Grid = list[list[str | None]]


class Layout:
    """One table as it is laid out: the cells placed so far, and the columns that spans from
    rows above still hold (``busy``: the first row at which each column is free again;
    ``reach``: the column after the span that holds it; made at the first row span and grown
    with the table, so a page of many small tables holds little)."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self.rows: Grid = []
        self.width = 0
        self.col = 0
        self.busy = np.zeros(0, np.int64)
        self.reach = np.zeros(0, np.int64)
        self.spanned = 0  # the first row that no span from above reaches

    def add_row(self, values: list[str | None]) -> bool:
        """Append a row of single cells in one step, if no span from above reaches it (else
        False: place its cells one by one)."""
        if len(self.rows) < self.spanned:
            return False
        self.new_row()
        self.rows[-1] = values
        self.col = len(values)
        if self.col > self.width:
            self.width = self.col
            self._check(len(self.rows))
        return True

    def new_row(self, at: int | None = None) -> None:
        """Start a row: the next one, or row ``at`` (0-based; rows skipped stay empty)."""
        target = len(self.rows) if at is None or at < len(self.rows) else at
        self._check(target + 1)
        self.rows.extend([] for _ in range(target + 1 - len(self.rows)))
        self.col = 0

    def place(
        self, value: str | None, colspan: int = 1, rowspan: int = 1, at: int | None = None
    ) -> tuple[int, int]:
        """Put a cell in the current row, spanning ``colspan`` x ``rowspan``, at column ``at``
        (0-based) or the next free one; returns its (row, column)."""
        if not self.rows:  # a cell before any row: it opens one
            self.new_row()
        row, col = len(self.rows) - 1, self.col if at is None else at
        while at is None and col < len(self.busy) and self.busy[col] > row:
            col = int(self.reach[col])  # held by a span from above: skip the whole span
        end = col + colspan
        if end > limits.EXCEL_COLUMNS:
            limits.check_grid(self.path, self.name, len(self.rows), end, self._far(end))
        if value is not None:
            cells = self.rows[row]
            cells.extend([None] * (col + 1 - len(cells)))
            cells[col] = value
        if rowspan > 1:
            if end > len(self.busy):
                grown = max(end, 2 * len(self.busy), 64)
                self.busy = np.pad(self.busy, (0, grown - len(self.busy)))
                self.reach = np.pad(self.reach, (0, grown - len(self.reach)))
            self.busy[col:end] = row + rowspan
            self.reach[col:end] = end
            self.spanned = max(self.spanned, row + rowspan)
        self.col = end
        if end > self.width:
            self.width = end
            self._check(len(self.rows))
        return row, col

    def end(self) -> None:
        """The table is closed: no span reaches further."""
        self.busy = self.reach = np.zeros(0, np.int64)

    def grid(self) -> Grid:
        """The rows, each as wide as the table."""
        return [cells + [None] * (self.width - len(cells)) for cells in self.rows]

    def _check(self, rows: int) -> None:
        cols = max(self.width, 1)  # rows without a cell are held too
        if rows * cols > limits.active().max_sheet_cells or rows > limits.EXCEL_ROWS:
            far = limits.far_cell(rows, cols)
            limits.check_grid(self.path, self.name, rows, cols, far, max_rows=limits.EXCEL_ROWS)

    def _far(self, cols: int) -> str:
        return limits.far_cell(max(len(self.rows), 1), cols)


def let_go(element: Any) -> None:
    """Free an lxml element read in a stream (a row, a table) and the siblings before it, the
    usual ``iterparse`` idiom: memory then follows what is kept, not the document."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
