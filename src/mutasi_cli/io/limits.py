"""Input limits: memory stays bounded on damaged, hostile or mistaken files (issue 12).

An .xlsx/.xlsm/.ods is a zip of XML parts that the readers (fastexcel/calamine) inflate and hold
in memory whole, at one to three times the XML's size. Before any reader sees a workbook,
:func:`check_zip`:

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

The limits come from ``[limits]`` of mutasi.toml; the CLI sets them once per run
(:func:`configure`); library callers get the defaults.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_cli.errors import MutasiError
from mutasi_cli.issues import Issue, cell_ref
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
    return int(max(limits.ratio_check_from_mb * MB, limits.max_ratio * file_bytes))


def too_large(path: Path, what: str, limit_mb: float) -> MutasiError:
    return MutasiError.of(
        "trust.input.too_large",
        code="input-too-large",
        path=path,
        what=what,
        limit=f"{limit_mb:,.0f} MB",
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
    part_limit = int(limits.max_part_mb * MB)
    total_limit = budget(len(data), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise damaged(path, exc) from None
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
            with archive.open(member) as stream:
                while block := stream.read(CHUNK):
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
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
            raise damaged(path, f"{member.filename}: {exc}") from None
        except RuntimeError as exc:  # an encrypted member
            raise damaged(path, f"{member.filename}: {exc}") from None
    return total


def check_file(path: Path, limits: LimitsSettings | None = None) -> None:
    """:func:`check_zip` on a file when it is a zip (other formats pass untouched)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError:
        return  # the reader reports a missing or unreadable file
    if magic == b"PK\x03\x04":
        check_zip(path.read_bytes(), path, limits)


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
            limit=f"{limits.annotate_max_mb:,.0f} MB",
        )
