"""Binary workbooks built to exhaust memory: calamine builds an .xls or .xlsb sheet as one
dense grid from A1 to its farthest cell (about 32 bytes a cell) the moment it opens or is asked
for it, and takes the row and column numbers the records give. A few hundred bytes asked for
hundreds of gigabytes and the process aborted without a message. Each file here is refused,
naming the sheet and the far corner, before calamine sees it; a real one still reads."""

from __future__ import annotations

import struct
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from conftest import refused_unread
from mutasi_cli.errors import MutasiError
from mutasi_cli.io.read import read_table

NIP_A = "198503152010011002"
ROWS: list[list] = [
    ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"],
    [NIP_A, "Andi Wibowo", "III/a", "Analis Kepegawaian", "BKPSDM", datetime(2020, 1, 1)],
    ["199001012015032001", "Sri Lestari", "III/b", "Perawat", "Dinas Kesehatan", "01-03-2019"],
]


def _serial(value: object) -> object:
    """A date as its serial number (no date style: the cell reads as a number)."""
    return (value - datetime(1899, 12, 30)).days if isinstance(value, datetime) else value


def refused(monkeypatch, path: Path, named: str) -> None:
    refused_unread(monkeypatch, path, "input-too-large", "'pegawai'", named)


# --- .xlsb ------------------------------------------------------------------------------------


def _record(kind: int, body: bytes = b"") -> bytes:
    """One .xlsb record: its type and size as 7-bit varints, then its body."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, length = len(body), bytearray()
    while True:
        length.append((size & 0x7F) | (0x80 if size >> 7 else 0))
        size >>= 7
        if not size:
            return head + bytes(length) + body


def _wide(text: str) -> bytes:
    return len(text).to_bytes(4, "little") + text.encode("utf-16-le")


def write_xlsb(
    path: Path, rows: list[list], extra: bytes = b"", part: str = "worksheets/sheet1.bin"
) -> Path:
    """A minimal binary workbook as calamine reads it: workbook.bin naming the sheet
    (BrtBundleSh), its relationship to ``part``, and a sheet part of row headers and cells (text:
    BrtCellSt, numbers and dates: BrtCellReal), ``extra`` records at the end of its data."""
    book = _record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide("pegawai"))
    cells = b""
    for r, values in enumerate(rows):
        cells += _record(0x00, struct.pack("<I", r) + bytes(13))
        for c, value in enumerate(values):
            value = _serial(value)
            if isinstance(value, str):
                cells += _record(0x06, struct.pack("<II", c, 0) + _wide(value))
            else:
                cells += _record(0x05, struct.pack("<IId", c, 0, float(value)))
    dimension = struct.pack("<IIII", 0, len(rows) - 1, 0, max(map(len, rows)) - 1)
    data = _record(0x81) + _record(0x94, dimension) + _record(0x91) + cells + extra
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Target="{part}" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.bin", book + _record(0x90) + _record(0x84))
        z.writestr("xl/_rels/workbook.bin.rels", rels)
        z.writestr(f"xl/{part}", data + _record(0x92) + _record(0x82))
    return path


def test_an_xlsb_with_a_far_cell_is_refused_before_calamine_builds_it(
    tmp_path: Path, monkeypatch
) -> None:
    """A value at row 1,048,576 and column XFD, or at column 4 billion (a 32-bit number calamine
    does not check): a 300-byte .xlsb asked for 550 GB. The sheet parts' records are walked
    first."""
    loaded = read_table(write_xlsb(tmp_path / "pegawai.xlsb", ROWS))
    assert len(loaded.frame) == 2 and loaded.frame["nip"].iloc[0] == NIP_A
    far_row = _record(0x00, struct.pack("<I", 0x100000) + bytes(13))
    bombs = {
        "XFD1048577": far_row + _record(0x05, struct.pack("<IId", 16_383, 0, 1.0)),
        "4 294 967 281 kolom": _record(0x05, struct.pack("<IId", 0xFFFF_FFF0, 0, 1.0)),
    }
    for named, extra in bombs.items():
        refused(monkeypatch, write_xlsb(tmp_path / "bom.xlsb", ROWS, extra), named)
        # a sheet part outside xl/worksheets/ or in capitals: calamine reads it where the
        # workbook says
        for part in ("chartsheets/sheet1.bin", "worksheets/Sheet1.BIN"):
            refused(monkeypatch, write_xlsb(tmp_path / "lain.xlsb", ROWS, extra, part=part), named)


# --- .xls -------------------------------------------------------------------------------------


def _biff(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _workbook_stream(rows: list[list], extra: bytes = b"", dimension=None) -> bytes:
    """A BIFF8 workbook stream: globals (BOF, BOUNDSHEET naming the sheet by its offset, EOF),
    then the sheet: BOF, DIMENSIONS, LABEL and NUMBER cells, ``extra`` records, EOF."""
    name = b"pegawai"

    def bof(kind: int) -> bytes:
        return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 1997, 0, 0x0600))

    def globals_(offset: int) -> bytes:
        sheet = struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name
        return bof(0x0005) + _biff(0x0085, sheet) + _biff(0x000A)

    cells = b""
    for r, values in enumerate(rows):
        for c, value in enumerate(map(_serial, values)):
            if isinstance(value, str):
                text = value.encode("latin-1")
                cells += _biff(0x0204, struct.pack("<HHHHB", r, c, 0, len(text), 0) + text)
            else:
                cells += _biff(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    dimension = dimension or (0, len(rows), 0, max(map(len, rows)))
    sheet = bof(0x0010) + _biff(0x0200, struct.pack("<IIHHH", *dimension, 0)) + cells + extra
    return globals_(len(globals_(0))) + sheet + _biff(0x000A)


def write_xls(
    path: Path, rows: list[list], extra: bytes = b"", dimension=None, stream: bytes | None = None
) -> Path:
    """An .xls: the workbook stream (or ``stream`` as given) in a compound file of 512-byte sectors (header, one FAT
    sector, one directory sector, then the stream, padded past the 4,096-byte mini-stream
    cutoff so that it lives in the sectors the FAT chains)."""
    stream = _workbook_stream(rows, extra, dimension) if stream is None else stream
    stream += bytes(max(0, 4096 - len(stream)))
    stream += bytes(-len(stream) % 512)
    count = len(stream) // 512
    end, free, nostream = 0xFFFF_FFFE, 0xFFFF_FFFF, 0xFFFF_FFFF
    fat = [0xFFFF_FFFD, end, *range(3, 2 + count), end]
    fat += [free] * (128 - len(fat))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6) + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0) + struct.pack("<I", free) * 108
    )  # fmt: skip

    def entry(title: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = title.encode("utf-16-le") + b"\0\0" if title else b""
        return (
            raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", nostream, nostream, child) + bytes(36)
            + struct.pack("<IIi", start, size, 0)
        )  # fmt: skip

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, nostream, 2, len(stream))
    directory += entry("", 0, nostream, 0, 0) * 2
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + stream)
    return path


def test_an_xls_with_a_far_cell_or_a_lying_dimension_is_refused_before_calamine_opens_it(
    tmp_path: Path, monkeypatch
) -> None:
    """calamine builds every .xls sheet as it opens the file. A cell at row and column 65,535
    (Excel writes at most 256 columns) asked for 137 GB; a DIMENSIONS record declaring four
    billion rows, or a last row before the first (the difference wraps around), had calamine
    reserve terabytes. The workbook stream's records are walked first (olefile reads the
    compound file)."""
    loaded = read_table(write_xls(tmp_path / "pegawai.xls", ROWS))
    assert len(loaded.frame) == 2 and loaded.frame["nip"].iloc[0] == NIP_A
    far = _biff(0x0203, struct.pack("<HHHd", 65_535, 65_535, 0, 1.0))
    bombs = {
        "65 536 kolom": {"extra": far},
        "4 294 967 290 baris": {"dimension": (5, 0xFFFF_FFFF, 0, 6)},
        "4 294 967 288 baris": {"dimension": (10, 2, 0, 6)},
    }
    for named, spec in bombs.items():
        refused(monkeypatch, write_xls(tmp_path / "bom.xls", ROWS, **spec), named)


def test_an_xls_sheet_is_read_from_where_its_boundsheet_points(tmp_path: Path, monkeypatch) -> None:
    """calamine reads each sheet from the offset its BOUNDSHEET gives, not in the order of the
    stream: a sheet hidden inside the body of another globals record (read as one record in
    order) held a value at row and column 65,535 that a walk in order never saw."""
    hidden_sheet = (
        _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 1997, 0, 0x0600))
        + _biff(0x0203, struct.pack("<HHHd", 0, 0, 0, 1.0))  # A1 and the far corner: calamine's
        + _biff(0x0203, struct.pack("<HHHd", 65_535, 65_535, 0, 1.0))  # grid spans both
        + _biff(0x000A)
    )
    bof = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 1997, 0, 0x0600))
    sheet_record_size = 4 + 8 + len(b"pegawai")
    offset = len(bof) + sheet_record_size + 4  # inside the body of the record after it
    boundsheet = _biff(0x0085, struct.pack("<IBBBB", offset, 0, 0, 7, 0) + b"pegawai")
    stream = bof + boundsheet + _biff(0x00EF, hidden_sheet) + _biff(0x000A)
    path = write_xls(tmp_path / "sembunyi.xls", ROWS, stream=stream)
    refused(monkeypatch, path, "65 536 kolom")


@pytest.mark.parametrize(
    ("offset", "value", "shown"),
    [
        (0x30, 999, ""),  # the directory's first sector: past the end of the file
        (0x2C, 0xFFFF_FFFF, "4,294,967,295 FAT sectors"),  # calamine reserves 16 GB for them
    ],
)
def test_a_damaged_compound_file_is_a_message(tmp_path: Path, offset, value, shown) -> None:
    """A compound file whose header points past its end: file-damaged, not a traceback (olefile)
    nor a 16 GB reservation (calamine, for the FAT sectors the header counts)."""
    path = write_xls(tmp_path / "rusak.xls", ROWS)
    data = bytearray(path.read_bytes())
    data[offset : offset + 4] = value.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(MutasiError) as caught:
        read_table(path)
    assert caught.value.code == "file-damaged" and shown in caught.value.message
