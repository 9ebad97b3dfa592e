"""io/inflate.py: zip parts inflated with ISA-L give zipfile's bytes, in bounded blocks, and
refuse what zipfile refuses."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from mutasi_cli.io.inflate import MB, Package


def _zip(parts: dict[str, tuple[bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, (data, method) in parts.items():
            out.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def _xml(rows: int) -> bytes:
    rng = random.Random(7)
    cells = (
        f'<row r="{r}"><c r="A{r}" t="s"><v>{rng.randrange(10**6)}</v></c></row>'
        for r in range(1, rows + 1)
    )
    return b"<sheetData>" + "".join(cells).encode() + b"</sheetData>"


def test_blocks_are_the_parts_bytes_in_blocks_of_at_most_the_size_asked():
    sheet = _xml(60_000)  # about 3 MB, deflated
    data = _zip(
        {
            "xl/worksheets/sheet1.xml": (sheet, zipfile.ZIP_DEFLATED),
            "stored.xml": (b"<a>stored</a>" * 1000, zipfile.ZIP_STORED),
            "empty.xml": (b"", zipfile.ZIP_DEFLATED),
        }
    )
    z = Package(data)
    for name in z.namelist():
        assert b"".join(z.blocks(name)) == z.read(name)
    blocks = list(z.blocks("xl/worksheets/sheet1.xml", 100_000))
    assert len(blocks) >= len(sheet) // 100_000
    assert max(len(b) for b in blocks) <= 100_000
    assert list(z.blocks("empty.xml")) == []


def test_a_bomb_streams_a_block_at_a_time():
    """64 MB of zeros deflate to 64 KB: each step inflates at most one block, so the limits
    check can stop between blocks."""
    z = Package(_zip({"bom.xml": (bytes(64 * MB), zipfile.ZIP_DEFLATED)}))
    stream = z.blocks("bom.xml")
    first = next(stream)
    assert len(first) == MB
    sizes = [len(first), *(len(b) for b in stream)]
    assert sum(sizes) == 64 * MB
    assert max(sizes) == MB


def _central(data: bytearray, name: bytes) -> int:
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 46)
    return at


@pytest.mark.parametrize("damage", ["crc", "size", "stream", "truncated"])
def test_a_damaged_part_is_a_bad_zip(damage: str):
    name = b"xl/worksheets/sheet1.xml"
    data = bytearray(_zip({name.decode(): (_xml(20_000), zipfile.ZIP_DEFLATED)}))
    entry = _central(data, name)
    if damage == "crc":
        data[entry + 16 : entry + 20] = b"\x00\x00\x00\x00"
    elif damage == "size":  # the directory declares less than the part holds
        data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    elif damage == "stream":  # bytes in the middle of the deflate stream
        start = 30 + len(name)
        data[start + 5000 : start + 5016] = b"\xff" * 16
    else:  # the directory says the compressed data is shorter than it is
        size = int.from_bytes(data[entry + 20 : entry + 24], "little")
        data[entry + 20 : entry + 24] = (size // 2).to_bytes(4, "little")
    z = Package(bytes(data))
    with pytest.raises(zipfile.BadZipFile):
        b"".join(z.blocks(name.decode()))


def test_zipfiles_own_checks_still_stand():
    """The local header is read by zipfile first: a part whose local name differs from the
    directory's, or an encrypted part, is refused as zipfile refuses it."""
    name = b"xl/worksheets/sheet1.xml"
    data = bytearray(_zip({name.decode(): (_xml(100), zipfile.ZIP_DEFLATED)}))
    renamed = bytes(data[:30]) + b"xl/worksheets/sheet2.xml" + bytes(data[30 + len(name) :])
    with pytest.raises(zipfile.BadZipFile, match="differ"):
        list(Package(renamed).blocks(name.decode()))
    entry = _central(data, name)
    data[entry + 8] |= 1  # the "encrypted" flag, in the directory and the local header
    data[6] |= 1
    with pytest.raises(RuntimeError, match="encrypted"):
        list(Package(bytes(data)).blocks(name.decode()))


def test_a_part_is_found_as_calamine_finds_it():
    """Backslashes read as slashes, case ignored; the index answers every lookup."""
    z = Package(
        _zip({"XL\\Workbook.xml": (b"<w/>", zipfile.ZIP_DEFLATED), "_rels/.rels": (b"", 0)})
    )
    assert z.member("xl/workbook.xml") == "XL\\Workbook.xml"
    assert z.member("XL/WORKBOOK.XML") == "XL\\Workbook.xml"
    assert z.member("_RELS\\.rels") == "_rels/.rels"
    assert z.member("xl/sharedStrings.xml") is None


@pytest.mark.parametrize("method", [zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2, zipfile.ZIP_STORED])
def test_a_damaged_part_of_any_method_is_a_bad_zip(method: int):
    """Damaged LZMA data raised lzma.LZMAError, which no reader caught: a traceback."""
    name = b"xl/worksheets/sheet1.xml"
    data = bytearray(_zip({name.decode(): (_xml(2_000), method)}))
    start = 30 + len(name)
    data[start + 40 : start + 60] = b"\xff" * 20
    with pytest.raises(zipfile.BadZipFile):
        b"".join(Package(bytes(data)).blocks(name.decode()))
