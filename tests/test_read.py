"""io.read on synthetic files: formats, header detection, data rows, errors."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from conftest import refused_unread
from mutasi_cli.errors import MutasiError
from mutasi_cli.io.read import (
    detect_table,
    file_sha256,
    read_table,
    sheet_names,
    sniff,
)
from mutasi_cli.issues import MESSAGES

NIP_A = "198503152010011002"
NIP_B = "199001012015032001"
NIP_C = "197812312005011003"
ROSTER_HEADER = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]


def roster_rows() -> list[list[object]]:
    return [
        ROSTER_HEADER,
        [NIP_A, "Andi Wibowo", "III/a", "Analis Kepegawaian", "BKPSDM", datetime(2020, 1, 1)],
        [NIP_B, "Sri Lestari", "III/b", "Perawat Ahli Pertama", "Dinas Kesehatan", "01-03-2019"],
    ]


def message(code: str, **params: object) -> str:
    return MESSAGES[code][1].format(**params)


def raises(code: str, path: Path, **kwargs: object) -> MutasiError:
    with pytest.raises(MutasiError) as caught:
        read_table(path, **kwargs)
    assert caught.value.message.startswith(MESSAGES[code][1].split("{")[0])
    assert str(path) in caught.value.hint
    return caught.value


# --- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [(";", "utf-8-sig"), (";", "utf-8"), (",", "utf-8-sig"), (",", "utf-8"), (";", "cp1252")],
)
def test_csv_separators_bom_and_encodings(tmp_path: Path, sep: str, encoding: str) -> None:
    lines = [
        "DAFTAR PEGAWAI",
        "",
        sep.join(ROSTER_HEADER),
        sep.join([NIP_A, "Andi Wibowo", "III/a", "Analis", "Dinas Pendidikan", "01-01-2020"]),
        sep.join(["1.98503E+17", "Désy Ramadhani", "III/b", "Perawat", "RSUD", "02-02-2021"]),
        sep.join(["", "", "", "", "", ""]),
    ]
    path = tmp_path / "pegawai.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))

    loaded = read_table(path)

    assert loaded.table == "pegawai"
    assert loaded.sheet == "pegawai"
    assert loaded.header_rows == (3, 3)
    assert loaded.frame["nip"].tolist() == [NIP_A, "1.98503E+17"]
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo", "Désy Ramadhani"]
    assert loaded.frame["tmt_jabatan"].tolist() == ["01-01-2020", "02-02-2021"]
    assert loaded.excel_rows.tolist() == [4, 5]
    assert loaded.col_index["unit_kerja"] == 4
    # Excel's scientific notation in a CSV is a NIP that was a number: its digits are lost.
    assert loaded.numeric_cells["nip"].tolist() == [False, True]


# --- Excel cells -----------------------------------------------------------------------------


def test_nip_stored_as_number_is_flagged(xlsx) -> None:
    rows = roster_rows()
    rows[2][0] = 199001012015032001  # a number cell: Excel keeps 15 significant digits
    loaded = read_table(xlsx({"pegawai": rows}))

    assert loaded.numeric_cells["nip"].tolist() == [False, True]
    assert loaded.frame["nip"].iloc[0] == NIP_A
    assert isinstance(loaded.frame["nip"].iloc[1], str)  # raw, as read: the normaliser rejects it


def test_number_nip_found_in_cells_written_without_references(xlsx, tmp_path: Path) -> None:
    """Writers may omit ``r="A2"`` on cells; the XML scan then gives way to fastexcel."""
    rows = roster_rows()
    rows[1][0] = 198503152010011002
    original = zipfile.ZipFile(xlsx({"pegawai": rows}))
    path = tmp_path / "no_refs.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<c r="[A-Z]+\d+"', b"<c", data)
            copy.writestr(info, data)
    loaded = read_table(path)

    assert loaded.numeric_cells["nip"].tolist() == [True, False]
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo", "Sri Lestari"]


def test_number_cell_scan_is_the_same_however_the_xml_is_cut() -> None:
    """The scan reads the sheet XML in the blocks the limits check inflated: a tag cut by a
    block's end is found all the same, at every cut."""
    from mutasi_cli.io.read import _openxml_numbers

    xml = (
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        b'<row r="2"><c r="A2" s="1"><v>1.98503152010011E17</v></c><c r="B2" t="s"><v>1</v></c>'
        b'<c r="C2"><v>7</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="C3"/></row>'
        b'<row r="4"><c r="A4" t="n"><v>5</v></c><c r="C4" t="inlineStr"><is><t>x</t></is></c>'
        b"</row></sheetData>"
    )
    columns = {"nip": 0, "nip_lama": 2}
    whole = _openxml_numbers([xml], 1, columns)
    assert {c: rows.tolist() for c, rows in whole.items()} == {"nip": [0, 2], "nip_lama": [0]}
    for size in range(1, len(xml) + 1):
        blocks = [xml[i : i + size] for i in range(0, len(xml), size)]
        found = _openxml_numbers(blocks, 1, columns)
        assert {c: rows.tolist() for c, rows in found.items()} == {
            "nip": [0, 2],
            "nip_lama": [0],
        }, size


def test_text_date_after_row_1500_survives(xlsx) -> None:
    rows: list[list[object]] = [ROSTER_HEADER]
    for i in range(1_600):
        tmt: object = datetime(2010, 1, 1) if i != 1_550 else "31-12-1980"
        rows.append([f"19800101200501{i:04d}", f"Pegawai {i}", "III/a", "Analis", "BKPSDM", tmt])
    loaded = read_table(xlsx({"pegawai": rows}))

    tmt = loaded.frame["tmt_jabatan"]
    assert len(loaded.frame) == 1_600
    assert tmt.notna().all()
    assert tmt.iloc[1_550] == "31-12-1980"
    assert loaded.excel_rows[1_550] == 1_552


def test_title_rows_two_row_header_numbering_and_non_data_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "DUK"
    ws["A1"] = "DAFTAR URUT KEPANGKATAN"
    ws["A2"] = "KEADAAN PER 31 DESEMBER 2024"
    ws.merge_cells("A1:H1")
    for ref, text in {
        "A4": "No",
        "B4": "NIP",
        "C4": "Nama",
        "D4": "PANGKAT",
        "D5": "Gol/Ruang",
        "E5": "TMT",
        "F4": "JABATAN",
        "F5": "Nama Jabatan",
        "G5": "TMT",
        "H4": "Unit Kerja",
    }.items():
        ws[ref] = text
    for merged in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:G4", "H4:H5"):
        ws.merge_cells(merged)
    ws.append([])  # rows are appended after the last used row (5)
    ws.cell(6, 1).value = None
    for c in range(1, 9):
        ws.cell(6, c, c)  # numbering row
    data = [
        [1, NIP_A, "Andi", "III/a", datetime(2018, 4, 1), "Analis", datetime(2020, 1, 1), "BKPSDM"],
        [None] * 8,  # blank row
        [2, NIP_B, "Sri", "III/b", datetime(2017, 4, 1), "Perawat", datetime(2019, 3, 1), "RSUD"],
        [None, None, "JUMLAH", None, None, None, None, None],  # subtotal
        [3, None, None, None, None, None, None, None],  # ghost row: a number, no NIP, no name
    ]
    for r, row in enumerate(data, start=7):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    path = tmp_path / "duk.xlsx"
    book.save(path)

    loaded = read_table(path)

    assert loaded.table == "pegawai"
    assert loaded.header_rows == (4, 5)
    assert loaded.headers == {
        "nip": "NIP",
        "nama": "Nama",
        "golongan": "PANGKAT/Gol/Ruang",
        "tmt_golongan": "PANGKAT/TMT",
        "jabatan": "JABATAN/Nama Jabatan",
        "tmt_jabatan": "JABATAN/TMT",
        "unit_kerja": "Unit Kerja",
    }
    assert loaded.unmapped == ["No"]
    assert loaded.excel_rows.tolist() == [7, 9]
    assert loaded.frame["nip"].tolist() == [NIP_A, NIP_B]
    assert loaded.frame["tmt_golongan"].tolist() == [
        pd.Timestamp(2018, 4, 1),
        pd.Timestamp(2017, 4, 1),
    ]
    assert loaded.frame["tmt_jabatan"].tolist() == [
        pd.Timestamp(2020, 1, 1),
        pd.Timestamp(2019, 3, 1),
    ]
    assert loaded.as_of == date(2024, 12, 31)
    assert loaded.issues == []


def test_a_duration_cell_among_dates_and_text_reads_the_column_as_text(tmp_path: Path) -> None:
    """A cell formatted as elapsed time ("[h]:mm", a duration to fastexcel) in a column of
    dates and text leaves fastexcel no type to infer: that column is read as text and the cell
    is reported by the date checks, not a crash (exit 3, found by fuzzing)."""
    from datetime import time, timedelta

    from mutasi_cli.io.normalize import normalize

    rows = roster_rows()
    rows.append([NIP_C, "Budi", "III/c", "Analis", "BKPSDM", timedelta(days=3)])
    rows.append(["198001012005011004", "Tini", "III/a", "Analis", "BKPSDM", time(8, 30)])
    rows.append(["198001012005011012", "Tono", "III/a", "Analis", "BKPSDM", timedelta(hours=30)])
    book = openpyxl.Workbook()  # openpyxl: xlsxwriter writes no timedelta
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "durasi.xlsx")
    loaded = read_table(tmp_path / "durasi.xlsx")
    assert len(loaded.frame) == 5
    assert loaded.frame["nip"].tolist()[:3] == [NIP_A, NIP_B, NIP_C]
    result = normalize(loaded, per=date(2026, 12, 1))
    tmt = result.frame.set_index("nip")["tmt_jabatan"]
    assert tmt[NIP_A] == pd.Timestamp(2020, 1, 1) and tmt[NIP_B] == pd.Timestamp(2019, 3, 1)
    # the time of day and the 30-hour duration are named as such (Excel's day 0 plus a time);
    # the 3-day duration reads as 03-01-1900: an impossible TMT
    dated = {i.cell: (i.code, i.value) for i in result.issues if i.code.startswith("date-")}
    assert dated["Sheet!F5"] == ("date-is-time", "08:30")
    assert dated["Sheet!F6"] == ("date-is-time", "30:00")
    assert dated["Sheet!F4"][0] == "date-impossible"
    time_issue = next(i for i in result.issues if i.cell == "Sheet!F5")
    assert "jam atau durasi (08:30), bukan tanggal" in time_issue.message("id")
    assert set(result.rejected["nip"]) == {NIP_C, "198001012005011004", "198001012005011012"}


def test_a_time_cell_among_dates_is_named_a_time(tmp_path: Path) -> None:
    """Dates and a time of day only (no duration: fastexcel types the column as dates): the time
    reads as 31-12-1899 08:30 and is reported as a time; 01-01-1900, a placeholder for
    "unknown", stays an impossible date."""
    from datetime import datetime, time

    from mutasi_cli.io.normalize import normalize

    rows = roster_rows()
    rows.append([NIP_C, "Budi", "III/c", "Analis", "BKPSDM", time(7, 45)])
    rows.append(["198001012005011004", "Tini", "III/a", "Analis", "BKPSDM", datetime(1900, 1, 1)])
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "jam.xlsx")
    result = normalize(read_table(tmp_path / "jam.xlsx"), per=date(2026, 12, 1))
    dated = {i.cell: (i.code, i.value) for i in result.issues if i.code.startswith("date-")}
    assert dated["Sheet!F4"] == ("date-is-time", "07:45")
    assert dated["Sheet!F5"][0] == "date-impossible"


def test_table_away_from_a1_keeps_absolute_positions(xlsx) -> None:
    shifted = [[], [], [None, None, "Periode", 2024]] + [
        [None, None, *row] for row in roster_rows()
    ]
    shifted.insert(3, [])  # blank row between the key/value line and the header
    loaded = read_table(xlsx({"pegawai": shifted}))

    assert loaded.header_rows == (5, 5)
    assert loaded.col_index["nip"] == 2
    assert loaded.col_index["tmt_jabatan"] == 7
    assert loaded.excel_rows.tolist() == [6, 7]
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo", "Sri Lestari"]


def test_duplicate_headers_and_old_nip(xlsx) -> None:
    header = ["NIP", "NIP Baru", "Nama", "Golongan", "Jabatan", "TMT Jabatan", "Satuan Kerja"]
    rows = [
        header + ["Satuan Kerja"],
        ["010203", NIP_A, "Andi", "III/a", "Analis", "01-01-2020", "Bidang Mutasi", "BKPSDM"],
    ]
    loaded = read_table(xlsx({"pegawai": rows}))

    assert loaded.col_index["nip"] == 1
    assert loaded.col_index["nip_lama"] == 0
    assert loaded.frame.loc[0, "nip_lama"] == "010203"  # ID columns keep their leading zero
    assert loaded.col_index["unit_kerja"] == 6
    assert loaded.col_index["unit_kerja_2"] == 7
    assert loaded.frame.loc[0, ["unit_kerja", "unit_kerja_2"]].tolist() == [
        "Bidang Mutasi",
        "BKPSDM",
    ]
    (issue,) = loaded.issues
    assert issue.code == "header-duplicate"
    assert issue.cell == "pegawai!H1"
    assert issue.message() == message(
        "header-duplicate", header="Satuan Kerja", columns="G, H", column="unit_kerja"
    )


def test_alias_row_and_missing_columns(xlsx) -> None:
    rows = [
        ["NIP", "Nama", "Jabatan"],
        ["nip", "nama", "jabatan_nama"],  # template placeholders under the header
        [NIP_A, "Andi", "Analis"],
    ]
    loaded = read_table(xlsx({"pegawai": rows}), "pegawai")

    assert loaded.header_rows == (1, 2)
    assert loaded.excel_rows.tolist() == [3]
    assert loaded.frame["jabatan"].tolist() == ["Analis"]
    missing = {i.column for i in loaded.issues if i.code == "column-missing"}
    assert missing == {"golongan", "unit_kerja", "tmt_jabatan"}
    # The header to add is named as the file should spell it, in either language.
    assert "Required column 'Golongan' is missing." in {i.message("en") for i in loaded.issues}


def test_position_table_keeps_blank_apart_from_zero(xlsx) -> None:
    rows = [
        ["Unit Kerja", "Nama Jabatan", "Kebutuhan"],
        ["BKPSDM", "Analis Kepegawaian", 2],
        ["BKPSDM", "Pranata Komputer", 0],
        ["BKPSDM", "Arsiparis", None],
        ["JUMLAH", None, 2],
    ]
    path = xlsx({"Sheet1": rows})
    assert detect_table(path) == "jabatan"
    loaded = read_table(path)

    assert loaded.frame["kebutuhan"].tolist()[:2] == [2.0, 0.0]
    assert np.isnan(loaded.frame["kebutuhan"].iloc[2])
    assert loaded.excel_rows.tolist() == [2, 3, 4]  # the JUMLAH row is gone

    units_only = [rows[0], ["BKPSDM", None, 2], ["Sub Total", None, 2]]  # no position names
    loaded = read_table(xlsx({"Sheet1": units_only}, name="units.xlsx"), "jabatan")
    assert loaded.excel_rows.tolist() == [2]


# --- sheets ----------------------------------------------------------------------------------


def test_sheet_chosen_by_table_name_and_by_best_match(xlsx) -> None:
    positions = [["Unit Kerja", "Jabatan", "Kebutuhan"], ["BKPSDM", "Analis", 1]]
    path = xlsx(
        {"Petunjuk": [["Isi NIP sebagai teks"]], "jabatan": positions, "Data": roster_rows()}
    )

    assert sheet_names(path) == ["Petunjuk", "jabatan", "Data"]
    assert read_table(path, "jabatan").sheet == "jabatan"
    by_match = read_table(path, "pegawai")
    assert by_match.sheet == "Data"
    assert by_match.frame["nama"].tolist() == ["Andi Wibowo", "Sri Lestari"]
    assert read_table(path).table == "pegawai"  # roster headers match best overall
    assert read_table(path, sheet="jabatan").table == "jabatan"
    error = raises("sheet-missing", path, sheet="Pegawai 2024")
    assert error.message == message(
        "sheet-missing", sheet_name="Pegawai 2024", available="Petunjuk, jabatan, Data"
    )


def test_reading_leaves_the_input_unchanged(xlsx) -> None:
    path = xlsx({"pegawai": roster_rows()})
    before = file_sha256(path)
    loaded = read_table(path)
    assert file_sha256(path) == before == loaded.sha256


# --- errors ----------------------------------------------------------------------------------


def test_pdf_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert raises("file-is-pdf", path).message == message("file-is-pdf")


def test_a_web_page_without_a_table_asks_to_save_it_again(tmp_path: Path) -> None:
    """Excel's multi-file "Web Page": the main page is a frameset, the sheets other files."""
    path = tmp_path / "rekap.xls"
    path.write_text(
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head></head>'
        '<frameset rows="*,39"><frame src="rekap_files/sheet001.htm" name="frSheet">'
        "</frameset></html>",
        encoding="utf-8",
    )
    assert raises("file-is-html", path).message == message("file-is-html")


def ole_file(stream_name: str) -> bytes:
    """A minimal compound file: the CFB header and one directory sector naming a stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\x00")
    name = stream_name.encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + len(name).to_bytes(2, "little") + b"\x02"
    return header + entry.ljust(512, b"\x00")


def test_encrypted_workbook(tmp_path: Path) -> None:
    assert sniff(ole_file("EncryptedPackage")) == "file-encrypted"
    assert sniff(ole_file("Workbook")) == "ole"
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(ole_file("EncryptedPackage"))
    assert raises("file-encrypted", path).message == message("file-encrypted")


def test_missing_and_empty_files(tmp_path: Path, xlsx) -> None:
    assert raises("file-missing", tmp_path / "tidak-ada.xlsx").message == message("file-missing")
    zero = tmp_path / "kosong.csv"
    zero.write_bytes(b"")
    raises("file-empty", zero)
    raises("file-empty", xlsx({"Sheet1": []}, name="empty.xlsx"))


def test_no_header_and_unknown_table(xlsx) -> None:
    numbers = xlsx({"Sheet1": [[1, 2, 3], [4, 5, 6]]}, name="numbers.xlsx")
    error = raises("header-not-found", numbers)
    assert error.message == message("header-not-found", rows=40)
    vague = xlsx({"Sheet1": [["No", "Keterangan", "Jumlah"], [1, "x", 3]]}, name="vague.xlsx")
    with pytest.raises(MutasiError) as caught:
        detect_table(vague)
    assert caught.value.message == message("table-unknown")
    raises("header-not-found", vague, table="pegawai")  # header-like, but no pegawai column


def test_messages_in_english(tmp_path: Path) -> None:
    with pytest.raises(MutasiError) as caught:
        read_table(tmp_path / "missing.xlsx", lang="en")
    assert caught.value.message == "File not found."
    assert caught.value.hint.startswith("File: ")


def test_sheet_xml_over_the_keep_budget_is_streamed_again(xlsx, monkeypatch) -> None:
    """The limits check keeps the sheet XML it inflated for the number-cell scan only up to a
    budget; past it the part is not kept, and the scan inflates it again as it streams: the
    NIP stored as a number is still found."""
    from functools import partial

    from mutasi_cli.io import limits

    rows = roster_rows()
    rows[2][0] = 199001012015032001
    path = xlsx({"pegawai": rows})
    kept: dict[str, list[bytes]] = {}
    limits.check_zip(path.read_bytes(), path, keep=lambda n: n.startswith("xl/worksheets/"),
                     kept=kept, keep_mb=0)  # fmt: skip
    assert kept == {}
    limits.check_zip(path.read_bytes(), path, keep=lambda n: n.startswith("xl/worksheets/"),
                     kept=kept)  # fmt: skip
    assert kept and all(b"<sheetData" in b"".join(blocks) for blocks in kept.values())
    monkeypatch.setattr(limits, "check_zip", partial(limits.check_zip, keep_mb=0))
    loaded = read_table(path)
    assert loaded.numeric_cells["nip"].tolist() == [False, True]


def tidy_roster(tmp_path: Path, rows: list[list[object]] | None = None) -> Path:
    """``rows`` (the roster by default) as openpyxl writes them: the true dimension, a
    reference on every cell."""
    book = openpyxl.Workbook()
    for row in rows or roster_rows():
        book.active.append(row)
    book.save(tmp_path / "rapi.xlsx")
    return tmp_path / "rapi.xlsx"


def _sheet_part_replaced(src: Path, dest: Path, edit) -> Path:
    """A copy of ``src`` whose first worksheet XML is ``edit(xml)`` (what a hand edit does)."""
    import zipfile

    with zipfile.ZipFile(src) as book, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for name in book.namelist():
            data = book.read(name)
            out.writestr(name, edit(data) if name == "xl/worksheets/sheet1.xml" else data)
    return dest


def test_a_value_far_outside_the_table_is_refused_before_the_reader_allocates(
    tmp_path: Path, monkeypatch
) -> None:
    """The reader holds a sheet as one grid from A1 to its farthest value, 32 bytes a cell: a
    value at XFD1048576 made a 36 KB file ask for 550 GB and the process abort (no message).
    Such a sheet is refused naming the cell, whether its <dimension> tells the truth (Excel,
    openpyxl) or not (a hand edit); an empty formatted far cell is no value and reads."""
    from mutasi_cli.io import limits

    tidy_roster(tmp_path)
    book = openpyxl.load_workbook(tmp_path / "rapi.xlsx")
    book.active["XFD1048576"] = 1
    book.save(tmp_path / "jauh.xlsx")  # openpyxl writes the true dimension A1:XFD1048576
    far_value = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    lying = _sheet_part_replaced(
        tmp_path / "rapi.xlsx", tmp_path / "bohong.xlsx",
        lambda xml: xml.replace(b"</sheetData>", far_value),
    )  # fmt: skip
    styled = _sheet_part_replaced(
        tmp_path / "rapi.xlsx", tmp_path / "format.xlsx",
        lambda xml: xml.replace(b"</sheetData>", far_value.replace(b"><v>1</v></c>", b' s="0"/>')),
    )  # fmt: skip
    for path in (tmp_path / "jauh.xlsx", lying):
        with pytest.raises(MutasiError) as caught:
            read_table(path)
        assert caught.value.code == "input-too-large"
        assert "XFD1048576" in caught.value.message and "1 048 576 baris" in caught.value.message
    assert len(read_table(styled).frame) == 2
    assert len(read_table(tmp_path / "rapi.xlsx").frame) == 2
    # a big sheet (here: any) is sized from its dimension alone, which spreadsheet programs
    # write truthfully; the limit is a setting
    monkeypatch.setattr(limits, "SCAN_MB", 0.0)
    with pytest.raises(MutasiError):
        read_table(tmp_path / "jauh.xlsx")
    monkeypatch.setattr(limits, "_active", limits.LimitsSettings(max_sheet_cells=10))
    with pytest.raises(MutasiError) as caught:
        read_table(tmp_path / "rapi.xlsx")
    assert "F3" in caught.value.message  # 3 rows x 6 columns


_NS = b'xmlns:zz="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


# A value at XFD1048576 written the ways calamine reads besides <c r="XFD1048576">.
_ODD_FAR = {
    "r-not-first": b'<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>',
    "single-quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "lower-case": b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "tab": b'<row r="1048576"><c\tr="XFD1048576"><v>1</v></c></row>',
    "prefix": b'<row r="1048576"><zz:c r="XFD1048576"><v>1</v></zz:c></row>',
    # cells without a reference follow each other along the row: the 16,384th is in XFD
    "positional": b'<row r="1048576">' + b"<c><v>1</v></c>" * 16_384 + b"</row>",
    # a row without a reference follows the row before it
    "positional-row": b'<row r="1048575"><c r="A1048575"><v>1</v></c></row>'
    b'<row><c r="XFD"><v>1</v></c></row>',
    # a ">" in a quoted value: a tag the check cannot place is sized as the largest grid
    "quoted-bracket": b'<row r="5"><c a=">" r="B5"><v>1</v></c></row>',
}


@pytest.mark.parametrize("name", list(_ODD_FAR))
def test_a_far_cell_written_any_way_the_reader_reads_is_refused(
    tmp_path: Path, monkeypatch, name: str
) -> None:
    """calamine places a cell whatever its tag looks like: the reference not first, in single
    quotes or lower case, a tab in the tag, a namespace prefix, or no reference at all (the
    cell after the one before it). The grid check read only <c r="..."> and let each of these
    5 KB files through to a 550 GB allocation and an abort, so they are refused, naming the
    far corner, before fastexcel is asked to load them."""
    path = _sheet_part_replaced(
        tidy_roster(tmp_path), tmp_path / f"{name}.xlsx",
        lambda xml: xml.replace(b"<worksheet ", b"<worksheet " + _NS + b" ")
        .replace(b"</sheetData>", _ODD_FAR[name] + b"</sheetData>"),
    )  # fmt: skip
    refused_unread(monkeypatch, path, "input-too-large", "XFD1048576", "16 384 kolom")


def test_cell_tags_that_never_close_are_scanned_in_linear_time() -> None:
    """20,000 cell tags without ">" kept the grid and number scans searching to the end of the
    block from each of them (23 s; hours for a few MB). Each attempt now ends at the next tag:
    such tags hold no cell, and the scans return at once."""
    from mutasi_cli.io.limits import grid_size
    from mutasi_cli.io.read import _openxml_numbers

    xml = b'<worksheet><sheetData><row r="1">' + b'<c r="A1" ' * 20_000
    assert grid_size(lambda: [xml], len(xml)) == (0, 0, "", False)
    assert _openxml_numbers([xml], 0, {"nip": 0})["nip"].tolist() == []


def test_numbers_of_absurd_length_in_references_are_sized_not_a_crash() -> None:
    """A dimension, row or column of 5,000 digits or letters raised int()'s 4,300-digit
    ValueError (an internal error); they count as 10^15, a grid no check lets through."""
    from mutasi_cli.io.limits import grid_size

    nines, letters = "9" * 5000, "A" * 5000
    cases = {
        f'<dimension ref="A1:B{nines}"/><sheetData><row r="1"><c r="A1"><v>1</v></c>': (1, 1),
        f'<dimension ref="A1:B2"/><sheetData><row r="{nines}"><c r="A{nines}"><v>1</v></c>': (
            10**15,
            1,
        ),
        f'<sheetData><row r="1"><c r="{letters}1"><v>1</v></c>': (1, 10**15),
    }
    for body, size in cases.items():
        xml = f"<worksheet>{body}</row></sheetData></worksheet>".encode()
        assert grid_size(lambda xml=xml: [xml], len(xml))[:2] == size


def test_a_row_past_excels_last_in_the_middle_of_a_sheet_is_refused(
    tmp_path: Path, monkeypatch
) -> None:
    """calamine takes any 32-bit row number: a cell at row 3,000,000,000 written between two
    ordinary rows (so neither the dimension nor the last row shows it) made a 3-row roster ask
    for 576 GB and abort. A row of seven digits or more in a sheet the check scans is sized
    exactly."""
    far = b'<row r="3000000000"><c r="A3000000000"><v>1</v></c></row><row r="3"'
    path = _sheet_part_replaced(
        tidy_roster(tmp_path), tmp_path / "tengah.xlsx",
        lambda xml: xml.replace(b'<row r="3"', far, 1),
    )  # fmt: skip
    refused_unread(monkeypatch, path, "input-too-large", "3 000 000 000 baris")


def test_cells_written_without_references_read_where_calamine_puts_them(tmp_path: Path) -> None:
    """A roster whose cells carry no reference (some export libraries write them so) reads whole,
    and a NIP stored as a number among them is still found: the number scan, which reads only
    <c r="...">, gives way to fastexcel's own reading of the cell types."""
    import re as re_

    rows = roster_rows()
    rows[2][0] = 199001012015032001
    path = _sheet_part_replaced(
        tidy_roster(tmp_path, rows), tmp_path / "tanpa_ref.xlsx",
        lambda xml: re_.sub(rb'<(c|row) r="[A-Z]*\d+"', rb"<\1", xml),
    )  # fmt: skip
    from mutasi_cli.io import limits

    xml = zipfile_read(path)
    assert b' r="' not in xml.split(b"<sheetData>")[1]
    assert limits.grid_size(lambda: [xml], len(xml)) == (3, 6, "F3", True)
    loaded = read_table(path)
    assert len(loaded.frame) == 2
    assert loaded.numeric_cells["nip"].tolist() == [False, True]


def zipfile_read(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml")


def test_a_shared_string_count_the_part_does_not_hold_is_a_damaged_file(
    xlsx, tmp_path, monkeypatch
):
    """calamine reserves room for the sst's uniqueCount before it reads a string:
    uniqueCount="4000000000" made a 6 KB file ask for 96 GB and abort, a count past 2^64 made
    it panic (a traceback). A count above a million that the part does not hold is a damaged
    file; a true one reads."""

    src = xlsx({"pegawai": roster_rows()})
    assert b"uniqueCount" in zipfile.ZipFile(src).read("xl/sharedStrings.xml")

    def with_count(count: bytes) -> Path:
        dest = tmp_path / f"sst{len(count)}.xlsx"
        with zipfile.ZipFile(src) as z, zipfile.ZipFile(dest, "w") as out:
            for name in z.namelist():
                data = z.read(name)
                if name == "xl/sharedStrings.xml":
                    data = re.sub(rb'uniqueCount="\d+"', b'uniqueCount="' + count + b'"', data)
                out.writestr(name, data)
        return dest

    assert len(read_table(with_count(b"999999")).frame) == 2  # within the free million
    for count in (b"4000000000", b"18446744073709551615"):
        refused_unread(monkeypatch, with_count(count), "file-damaged", "uniqueCount")


def test_a_panic_in_the_rust_reader_is_an_unreadable_file(xlsx, monkeypatch) -> None:
    """pyo3 raises a Rust panic as PanicException, a BaseException: it went past every handler
    as a traceback."""
    import fastexcel

    class PanicException(BaseException):  # the name pyo3 gives it
        pass

    def panics(*args, **kwargs):
        raise PanicException("capacity overflow")

    monkeypatch.setattr(fastexcel, "read_excel", panics)
    error = raises("file-unreadable", xlsx({"pegawai": roster_rows()}))
    assert "capacity overflow" in error.message


def test_rich_text_nested_fifty_thousand_deep_reads(tmp_path: Path) -> None:
    """A shared string of runs nested 50,000 deep ended the preview in a RecursionError (an
    internal error); its text is read like any other."""
    import xlsxwriter

    src = tmp_path / "rapi.xlsx"
    book = xlsxwriter.Workbook(src)
    sheet = book.add_worksheet("pegawai")
    for r, row in enumerate(roster_rows()):
        for c, value in enumerate(row):
            sheet.write_string(r, c, str(value))
    book.close()
    deep = b"<si>" + b"<r>" * 50_000 + b"<t>NIP</t>" + b"</r>" * 50_000 + b"</si>"
    dest = tmp_path / "dalam.xlsx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "xl/sharedStrings.xml":
                data = re.sub(rb"<si><t>NIP</t></si>", deep, data, count=1)
                assert deep in data
            out.writestr(name, data)
    loaded = read_table(dest, "pegawai")
    assert loaded.frame["nip"].tolist() == [NIP_A, NIP_B]


def test_name_and_nip_in_one_cell_are_read_apart(xlsx) -> None:
    """SIMPEG prints hold "Nama / NIP" in one cell, a line apart, the NIP often in its written
    groups: the cell is split into the name and the NIP, both pointing at that column; a cell
    without a NIP keeps its name and leaves the NIP to be reported missing."""
    from datetime import date

    from mutasi_cli.io.normalize import normalize

    rows = [
        ["No", "Nama / NIP", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"],
        [1, f"Andi Wibowo, S.Kom\n{NIP_A}", "III/a", "Analis", "BKPSDM", "01-07-2020"],
        [2, "Sri Lestari\n19900101 201503 2 001", "III/b", "Perawat", "Dinkes", "01-03-2019"],
        [3, "Budi Hartono", "III/b", "Perawat", "Dinkes", "01-03-2019"],
        [4, f"NIP: {NIP_C} / Rina", "III/b", "Perawat", "Dinkes", "01-03-2019"],
    ]
    loaded = read_table(xlsx({"pegawai": rows}))
    assert loaded.table == "pegawai"
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo, S.Kom", "Sri Lestari", "Budi Hartono",
                                             "Rina"]  # fmt: skip
    assert loaded.col_index["nip"] == loaded.col_index["nama"] == 1
    result = normalize(loaded, per=date(2026, 12, 1))
    assert result.frame["nip"].tolist() == [NIP_A, NIP_B, NIP_C]
    [missing] = [i for i in result.issues if i.code == "nip-missing"]
    assert missing.cell == "pegawai!B4" and "nama_nip" not in result.frame


def test_grade_and_its_tmt_in_one_cell_are_read_apart(xlsx) -> None:
    """SIMPEG prints hold "GR / TMT" in one cell ("III/a" over "01-04-2010"): the cell is split
    into the grade and its TMT, both pointing at that column. Under a two-row header "GOL" over
    "Ruang" and "TMT" the same key holds only dates: they are the TMT, the grade has its own
    column. Before, both headers were left unmapped (the roster then lacked its grade)."""
    from datetime import date

    from mutasi_cli.io.normalize import normalize

    rows = [
        ["NIP", "Nama", "GR / TMT", "Jabatan", "Unit Kerja", "TMT Jabatan"],
        [NIP_A, "Andi", "III/a\n01-04-2010", "Analis", "BKPSDM", "01-07-2020"],
        [NIP_B, "Sri", "Penata Muda, III/b / 1 Maret 2015", "Perawat", "Dinkes", "01-03-2019"],
        [NIP_C, "Budi", "01-02-2016, IV/a", "Perawat", "Dinkes", "01-03-2019"],
    ]
    loaded = read_table(xlsx({"pegawai": rows}))
    assert loaded.table == "pegawai"
    assert loaded.col_index["golongan"] == loaded.col_index["tmt_golongan"] == 2
    result = normalize(loaded, per=date(2026, 12, 1))
    assert result.frame["golongan"].tolist() == ["III/a", "III/b", "IV/a"]
    assert [d.date() for d in result.frame["tmt_golongan"]] == [
        date(2010, 4, 1),
        date(2015, 3, 1),
        date(2016, 2, 1),
    ]
    assert "golongan_tmt" not in result.frame
    assert not [i for i in result.issues if i.level == "error"]

    # a mixed roster's PPPK rows: a Roman numeral alone opening or closing the cell (each was
    # an unreadable date and a missing grade); a Roman month inside a date is no grade
    pppk = "200012312024211001"
    mixed = [
        *rows,
        [pppk, "Dewi", "IX / 01-03-2024", "Guru", "SD 1", "01-03-2024"],
        [pppk[:-1] + "2", "Eka", "01-04-2024, PPPK XI", "Guru", "SD 1", "01-04-2024"],
        [pppk[:-1] + "3", "Fajar", "Gol. V\n1 Mei 2024", "Guru", "SD 1", "01-05-2024"],
        [NIP_C[:-1] + "9", "Gita", "01-IV-2010", "Perawat", "Dinkes", "01-03-2019"],
    ]
    result = normalize(
        read_table(xlsx({"pegawai": mixed}, name="campur.xlsx")), per=date(2026, 12, 1)
    )
    out = result.frame
    assert out["golongan"].tolist()[:3] == ["III/a", "III/b", "IV/a"]
    assert out["golongan_pppk"].tolist()[3:6] == [9, 11, 5]
    assert out["status"].tolist()[3:6] == ["PPPK"] * 3
    assert [d.date() for d in out["tmt_golongan"].iloc[3:6]] == [
        date(2024, 3, 1),
        date(2024, 4, 1),
        date(2024, 5, 1),
    ]
    errors = {(i.code, i.row, i.column) for i in result.issues if i.level == "error"}
    assert errors == {("date-invalid", 8, "tmt_golongan"), ("value-missing", 8, "golongan")}

    two_rows = [
        ["NIP", "Nama", "GOL", None, "Jabatan", "Unit Kerja", "TMT Jabatan"],
        [None, None, "Ruang", "TMT", None, None, None],
        [NIP_A, "Andi", "III/a", datetime(2010, 4, 1), "Analis", "BKPSDM", "01-07-2020"],
    ]
    loaded = read_table(xlsx({"pegawai": two_rows}, name="dua.xlsx"))
    assert loaded.col_index["golongan"] == 2 and loaded.col_index["tmt_golongan"] == 3
    result = normalize(loaded, per=date(2026, 12, 1))
    assert result.frame["tmt_golongan"].iloc[0].date() == date(2010, 4, 1)


def test_the_checks_read_the_parts_calamine_reads(xlsx, tmp_path: Path, monkeypatch) -> None:
    """calamine finds the workbook through the package's _rels/.rels (any folder) and a part
    whatever its case or slashes. A package that kept a harmless copy in xl/ and pointed
    calamine at another folder holding a sheet with a value at XFD1048576 passed every check
    (they read xl/); two parts whose names differ only in case let one be checked and the
    other read. The checks now follow calamine's way, and name collisions are a damaged file."""

    src = xlsx({"pegawai": roster_rows()})
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    moved = tmp_path / "pindah.xlsx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(moved, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "_rels/.rels":
                data = data.replace(b"xl/workbook.xml", b"lain/workbook.xml")
            out.writestr(name, data)  # the harmless copy stays in xl/
            if name.startswith("xl/"):
                if name == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>", far)
                out.writestr("lain/" + name[3:], data)
    only = tmp_path / "hanya_lain.xlsx"  # no copy in xl/ at all
    with zipfile.ZipFile(moved) as z, zipfile.ZipFile(only, "w") as out:
        for name in z.namelist():
            if not name.startswith("xl/"):
                out.writestr(name, z.read(name))
    collide = tmp_path / "kembar.xlsx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(collide, "w") as out:
        for name in z.namelist():
            out.writestr(name, z.read(name))
        out.writestr("xl/worksheets/Sheet1.xml", z.read("xl/worksheets/sheet1.xml"))
    for path, code, named in ((moved, "input-too-large", "XFD1048576"),
                              (only, "input-too-large", "XFD1048576"),
                              (collide, "file-damaged", "Sheet1.xml")):  # fmt: skip
        refused_unread(monkeypatch, path, code, named)


def test_a_csv_line_of_two_million_separators_is_refused(tmp_path: Path) -> None:
    """pandas aborted the process (std::bad_alloc) on 2,000,001 columns: wider than Excel's
    16,384 columns is no table."""
    path = tmp_path / "lebar.csv"
    path.write_text("NIP;Nama" + ";" * 2_000_000 + "\n" + NIP_A + ";Budi\n", encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        read_table(path)
    assert caught.value.code == "input-too-large" and "16 384 kolom" in caught.value.message


def test_a_csv_of_millions_of_empty_lines_is_refused_before_it_is_split(
    tmp_path: Path, monkeypatch
) -> None:
    """50 million empty lines (a 50 MB file) were split into a list of 630 MB before the grid
    check refused them; a gigabyte of them ran out of memory. The line breaks are counted
    first, however they are written (LF, CR, a Unicode line separator); CR LF counts once, so a
    Windows CSV within the limit still reads."""
    from mutasi_cli.io import limits
    from mutasi_cli.io import read as module

    monkeypatch.setattr(limits, "_active", limits.LimitsSettings(max_sheet_cells=1000))
    windows = tmp_path / "windows.csv"
    windows.write_bytes(("NIP;Nama\r\n" + f"{NIP_A};Budi\r\n" * 450).encode())
    assert len(read_table(windows, "pegawai").frame) == 450  # 451 lines x 2 columns

    def never(*args, **kwargs):
        raise AssertionError("the lines were split")

    monkeypatch.setattr(module, "_delimiter", never)
    for name, breaks in (("lf", "\n"), ("cr", "\r"), ("ls", "\u2028"), ("mixed", "\r\u2029")):
        path = tmp_path / f"{name}.csv"
        path.write_text("NIP;Nama" + breaks * 1200, encoding="utf-8", newline="")
        with pytest.raises(MutasiError) as caught:
            read_table(path)
        assert caught.value.code == "input-too-large", name


def test_grid_size_is_the_same_however_the_xml_is_cut() -> None:
    from mutasi_cli.io.limits import grid_size

    xml = (
        b'<worksheet><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1"><v>1</v></c>'
        b'<c r="ZZ1" s="1"/></row><row r="3"><c r="C3" t="s"><v>1</v></c></row>'
        b'<row r="4"><c r="AB4"><v>2</v></c></row></sheetData></worksheet>'
    )
    whole = grid_size(lambda: [xml], len(xml))
    assert whole == (4, 28, "AB4", False)  # the formatted ZZ1 holds nothing
    for k in range(1, len(xml)):
        assert grid_size(lambda k=k: [xml[:k], xml[k:]], len(xml)) == whole, k
    # cells and rows without a reference: each follows the one before it
    odd = xml.replace(b'<row r="4"><c r="AB4">', b"<row><c t='n'/><c>").replace(
        b'<c r="C3" t="s">', b'<c t="s" r="E3">'
    )
    assert grid_size(lambda: [odd], len(odd)) == (4, 5, "E4", True)
    for k in range(1, len(odd)):
        assert grid_size(lambda k=k: [odd[:k], odd[k:]], len(odd)) == (4, 5, "E4", True), k


def test_a_cell_pointing_past_the_shared_strings_is_a_damaged_file(xlsx, tmp_path: Path) -> None:
    """A text cell whose shared-string index is past the list ended in a KeyError (exit 3)."""
    import re as re_

    broken = _sheet_part_replaced(
        xlsx({"pegawai": roster_rows()}), tmp_path / "rusak.xlsx",
        lambda xml: re_.sub(rb'(t="s"><v>)\d+', rb"\g<1>99999", xml, count=1),
    )  # fmt: skip
    raises("file-damaged", broken)


def test_a_date_before_excel_day_zero_is_no_time() -> None:
    """A negative serial (-5000: 1886) or NaN (30-12-1899) in a date cell is an impossible
    date, not "a time or a duration" of minus so many hours."""
    from mutasi_cli.rules.dates import time_cells

    cells = pd.Series(
        pd.to_datetime(
            ["1886-04-23", "1899-12-30", "1899-12-31 08:30", "1900-01-01 06:00"], format="ISO8601"
        )
    )
    mask, shown = time_cells(cells)
    assert mask.tolist() == [False, False, True, True]
    assert shown[mask].tolist() == ["08:30", "30:00"]


def test_a_huge_cell_is_read_whole_but_previewed_short(tmp_path: Path) -> None:
    """Header detection runs a dozen patterns over every preview cell for every table: a 20 MB
    cell took 11 s there. The preview holds the first PREVIEW_CHARS characters of a cell; the
    header under such a note is still found."""
    from mutasi_cli.io import read as read_module

    note = "catatan " * 200_000  # 1.6 MB in one cell, above the header
    lines = [note, ";".join(ROSTER_HEADER)]
    lines += [";".join(str(v) for v in row) for row in roster_rows()[1:]]
    path = tmp_path / "catatan.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    book = read_module._open(path, "id")
    assert len(book.rows(book.sheets[0])[0][0]) == read_module.PREVIEW_CHARS
    loaded = read_table(path)
    assert loaded.header_rows == (2, 2) and loaded.frame["nama"].tolist()[:1] == ["Andi Wibowo"]


def test_a_wide_sheet_is_searched_for_its_header_in_fewer_rows(tmp_path: Path) -> None:
    """Every cell of the preview is weighed as a header in Python: a sheet of 16,384 columns
    took 9 s for 40 rows. Wide sheets are searched in about PREVIEW_CELLS cells, at least
    PREVIEW_MIN_ROWS rows; a roster of ordinary width still to row 40."""
    import xlsxwriter

    from mutasi_cli.io.read import PREVIEW_MIN_ROWS, PREVIEW_ROWS, preview_rows

    assert preview_rows(20) == preview_rows(5_000) == PREVIEW_ROWS == 40
    assert preview_rows(10_000) == 20
    assert preview_rows(16_384) == PREVIEW_MIN_ROWS == 15

    def wide(name: str, header_row: int) -> Path:
        path = tmp_path / name
        book = xlsxwriter.Workbook(path)
        sheet = book.add_worksheet("Pegawai")
        sheet.write_row(0, 0, ["DAFTAR PEGAWAI"])
        extra = [f"Kolom {i}" for i in range(len(ROSTER_HEADER), 10_000)]
        for offset, row in enumerate(roster_rows()):
            sheet.write_row(header_row - 1 + offset, 0, row + (extra if offset == 0 else []))
        book.close()
        return path

    found = read_table(wide("judul-18.xlsx", 18), "pegawai")
    assert list(found.frame["nip"]) == [NIP_A, NIP_B]
    error = raises("header-not-found", wide("judul-25.xlsx", 25), table="pegawai")
    assert error.message == message("header-not-found", rows=20)
    narrow = tmp_path / "sempit.xlsx"  # the same roster, 6 columns wide: found on row 25
    book = xlsxwriter.Workbook(narrow)
    sheet = book.add_worksheet("Pegawai")
    for offset, row in enumerate(roster_rows()):
        sheet.write_row(24 + offset, 0, row)
    book.close()
    assert list(read_table(narrow, "pegawai").frame["nip"]) == [NIP_A, NIP_B]


def test_a_zip_asking_for_a_newer_version_is_a_damaged_file(xlsx, tmp_path: Path) -> None:
    """zipfile refuses a part whose "version needed" it does not know with NotImplementedError,
    which went past the checks as a traceback (found by fuzzing a roster)."""
    data = bytearray(xlsx({"pegawai": roster_rows()}).read_bytes())
    entry = data.find(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (219).to_bytes(2, "little")  # version 21.9
    path = tmp_path / "versi.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(MutasiError) as caught:
        read_table(path)
    assert caught.value.code == "file-damaged" and "21.9" in caught.value.message
    data[entry + 6 : entry + 8] = (20).to_bytes(2, "little")
    name_length = int.from_bytes(data[entry + 28 : entry + 30], "little")
    data[entry + 28 : entry + 30] = b"\x00\x00"  # a part without a name (IndexError): its
    data[entry + 32 : entry + 34] = name_length.to_bytes(2, "little")  # name is now a comment
    path.write_bytes(bytes(data))
    with pytest.raises(MutasiError) as caught:
        read_table(path)
    assert caught.value.code == "file-damaged"


def test_fuzzed_packages_are_messages(xlsx, tmp_path: Path) -> None:
    """Three ways a byte or two changed in a roster went past the checks as a traceback
    (found by fuzzing): an XML declaration naming an unknown encoding (LookupError), a
    directory whose offsets point before the file's start (zipfile's "negative seek value"),
    and a row numbered 0 first in the preview (IndexError)."""
    src = xlsx({"pegawai": roster_rows()})

    def rewritten(name: str, part: str, change) -> Path:
        dest = tmp_path / name
        with zipfile.ZipFile(src) as z, zipfile.ZipFile(dest, "w") as out:
            for member in z.namelist():
                data = z.read(member)
                out.writestr(member, change(data) if member == part else data)
        return dest

    def code(path: Path) -> str:
        with pytest.raises(MutasiError) as caught:
            read_table(path, "pegawai")
        return caught.value.code

    declaration = b'<?xml version="1.0" encoding="UTF88"?>'
    encoding = rewritten(
        "kode.xlsx", "xl/workbook.xml", lambda d: declaration + re.sub(rb"^<\?xml[^>]*\?>", b"", d)
    )
    assert code(encoding) == "file-unreadable"

    data = bytearray(src.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    offset = int.from_bytes(data[end + 16 : end + 20], "little")
    data[end + 16 : end + 20] = (offset + 10_000_000).to_bytes(4, "little")
    shifted = tmp_path / "geser.xlsx"
    shifted.write_bytes(bytes(data))
    assert code(shifted) == "file-damaged"

    sheet = next(n for n in zipfile.ZipFile(src).namelist() if n.startswith("xl/worksheets/"))
    row_zero = rewritten("nol.xlsx", sheet, lambda d: d.replace(b'<row r="1"', b'<row r="0"', 1))
    assert code(row_zero) == "header-not-found"  # the row numbered 0 is no row


def test_excels_formula_trick_in_a_csv_reads_as_the_text_inside(tmp_path: Path) -> None:
    """Web apps write CSV cells as ="198503152010011002" so that Excel keeps every digit (Excel
    shows the text inside). Such a NIP was 'invalid characters'; now the text inside is read,
    "" as one quote, ="" as an empty cell; the header may be wrapped too."""
    path = tmp_path / "ekspor.csv"
    path.write_text(
        '="NIP";Nama;Golongan\n'
        f'="{NIP_A}";Andi;="III/a"\n'
        f'="{NIP_B}";="Sri ""Ani"" W";III/b\n'
        '="";Budi;III/b\n'
        'x="1";y;z\n',
        encoding="utf-8",
    )
    frame = read_table(path, "pegawai").frame
    assert frame["nip"].tolist()[:2] == [NIP_A, NIP_B] and pd.isna(frame["nip"].iloc[2])
    assert frame["nama"].tolist()[:2] == ["Andi", 'Sri "Ani" W']
    assert frame["golongan"].tolist()[:2] == ["III/a", "III/b"]
    assert frame["nip"].iloc[3] == 'x="1"'  # not the whole cell: left as it is
