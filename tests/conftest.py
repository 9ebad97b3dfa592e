"""Shared fixtures. Keep this file small: area-specific helpers belong in their test module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

# The real-world spreadsheets live beside the repository, never inside it (SOURCES.md).
REAL_WORLD = Path(__file__).resolve().parents[2] / "shared" / "real-world"

Rows = Sequence[Sequence[Any]]


@pytest.fixture
def real_world() -> Path:
    """The shared real-world folder; the test is skipped where it is absent."""
    if not REAL_WORLD.is_dir():
        pytest.skip("shared/real-world is not available")
    return REAL_WORLD


def write_xlsx(path: Path, sheets: dict[str, Rows], hidden: Sequence[str] = ()) -> Path:
    """Write ``sheets`` (name -> rows) with typed cells: str stays text (a digit string is never
    turned into a number), int/float are numbers, date/datetime are dates, None is empty. The
    ``hidden`` sheets are hidden (the first visible one is active)."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    day = book.add_format({"num_format": "dd-mm-yyyy"})
    shown = [name for name in sheets if name not in hidden]
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        if name in hidden:
            sheet.hide()
        elif shown and name == shown[0]:
            sheet.activate()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, date | datetime):
                    sheet.write_datetime(r, c, value, day)
                elif value is not None:
                    sheet.write_number(r, c, value)
    book.close()
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """``xlsx({"pegawai": rows}, name="in.xlsx")`` -> the path of a workbook in ``tmp_path``."""

    def make(sheets: dict[str, Rows], name: str = "input.xlsx") -> Path:
        return write_xlsx(tmp_path / name, sheets)

    return make


def refused_unread(monkeypatch, path: Path, code: str, *named: str, checks=None) -> None:
    """Each of ``checks`` (read as a table, and read whole as a review or register) refuses
    ``path`` with ``code``, its message naming ``named``, and neither reader (fastexcel,
    calamine) is asked to open it: a regression fails here instead of aborting pytest."""
    import fastexcel

    from mutasi_cli.errors import MutasiError
    from mutasi_cli.io import read

    def never(*args, **kwargs):
        raise AssertionError("a reader was asked to open a file over the limits")

    monkeypatch.setattr(fastexcel, "read_excel", never)
    monkeypatch.setattr(read.CalamineWorkbook, "from_filelike", never)
    for check in checks or (read.read_table, read.check_workbook):
        with pytest.raises(MutasiError) as caught:
            check(path)
        assert caught.value.code == code
        assert all(n in caught.value.message for n in named), caught.value.message
