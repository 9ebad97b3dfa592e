"""XML Spreadsheet 2003 (io/spreadsheetml.py): the ".xls" many web apps export as XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.io.read import read_table, sheet_names, sniff

NIP_A = "198503152010011002"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
"""


def _sheet(name: str, rows: str, hidden: bool = False) -> str:
    options = (
        '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
        "<Visible>SheetHidden</Visible></WorksheetOptions>"
        if hidden
        else ""
    )
    return f'<Worksheet ss:Name="{name}"><Table>{rows}</Table>{options}</Worksheet>'


def _s(text: str, extra: str = "") -> str:
    return f'<Cell{extra}><Data ss:Type="String">{text}</Data></Cell>'


EXPORT_ROWS = (
    '<Row><Cell ss:MergeAcross="5"><Data ss:Type="String">DAFTAR PEGAWAI</Data></Cell></Row>'
    # a two-row header: Pangkat over Gol and TMT, the other labels merged down both rows
    '<Row ss:Index="3">'
    + _s("NIP", ' ss:MergeDown="1"')
    + _s("Nama", ' ss:MergeDown="1"')
    + _s("Pangkat", ' ss:MergeAcross="1"')
    + _s("Jabatan", ' ss:MergeDown="1"')
    + _s("Unit Kerja", ' ss:MergeDown="1"')
    + "</Row><Row>"
    + _s("Gol", ' ss:Index="3"')
    + _s("TMT")
    + "</Row><Row>"
    + _s(NIP_A)
    + _s("Andi Wibowo")
    + _s("III/a")
    + '<Cell><Data ss:Type="DateTime">2010-04-01T00:00:00.000</Data></Cell>'
    + _s("Analis Kepegawaian")
    + _s("BKPSDM")
    + "</Row><Row>"
    + '<Cell><Data ss:Type="Number">199001012015032000</Data></Cell>'
    + _s("Sri <html:B>Lestari</html:B>")
    + _s("III/b")
    + '<Cell ss:Index="5"><Data ss:Type="String">Perawat</Data></Cell>'
    + _s("Dinas Kesehatan")
    + "</Row>"
)


def _write(tmp_path: Path, body: str, name: str = "pegawai.xls") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body + "</Workbook>", encoding="utf-8")
    return path


def test_an_xml_spreadsheet_export_reads_as_excel_lays_it_out(tmp_path: Path) -> None:
    path = _write(tmp_path, _sheet("Pegawai", EXPORT_ROWS))
    assert sniff(path.read_bytes()) == "xml2003"  # its <Table> is no web page
    loaded = read_table(path, "pegawai")
    frame = loaded.frame
    assert loaded.sheet == "Pegawai" and loaded.header_rows == (3, 4)
    assert list(loaded.excel_rows) == [5, 6]
    assert list(frame["nip"]) == [NIP_A, "199001012015032000"]
    assert loaded.numeric_cells["nip"].tolist() == [False, True]  # stored as a number
    assert list(frame["nama"]) == ["Andi Wibowo", "Sri Lestari"]  # rich text read whole
    assert list(frame["golongan"]) == ["III/a", "III/b"]
    assert list(frame["tmt_golongan"]) == ["2010-04-01", None]  # ss:Index skipped column D
    assert list(frame["jabatan"]) == ["Analis Kepegawaian", "Perawat"]
    assert list(frame["unit_kerja"]) == ["BKPSDM", "Dinas Kesehatan"]


def test_a_hidden_worksheet_is_read_only_when_no_visible_one_holds_the_table(
    tmp_path: Path,
) -> None:
    old = EXPORT_ROWS.replace("Andi Wibowo", "Andi (lama)")
    body = _sheet("Lama", old, hidden=True) + _sheet("Data", EXPORT_ROWS)
    path = _write(tmp_path, body)
    assert sheet_names(path) == ["Lama", "Data"]
    assert read_table(path, "pegawai").sheet == "Data"
    assert read_table(path, "pegawai", sheet="Lama").frame["nama"].iloc[0] == "Andi (lama)"


def test_a_document_declaring_entities_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("KATA SANDI", encoding="utf-8")
    doctype = (
        f'<!DOCTYPE Workbook [<!ENTITY luar SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    rows = "<Row>" + _s("NIP") + _s("Nama") + "</Row><Row>" + _s(NIP_A) + _s("&luar;&d;")
    path = tmp_path / "entitas.xls"
    path.write_text(
        HEAD.replace("<Workbook", doctype + "<Workbook", 1)
        + _sheet("Pegawai", rows + "</Row>")
        + "</Workbook>",
        encoding="utf-8",
    )
    with pytest.raises(MutasiError) as caught:  # libxml2 read the file into the cell
        read_table(path, "pegawai")
    assert caught.value.code == "file-damaged" and "KATA SANDI" not in caught.value.message


def test_broken_xml_and_far_rows_are_messages(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.xls"
    broken.write_text(HEAD + _sheet("Pegawai", "<Row>" + _s("NIP")), encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        read_table(broken, "pegawai")
    assert caught.value.code == "file-damaged"
    far = _write(tmp_path, _sheet("Pegawai", '<Row ss:Index="9999999">' + _s("NIP") + "</Row>"))
    with pytest.raises(MutasiError) as caught:
        read_table(far, "pegawai")
    assert caught.value.code == "input-too-large"
    assert "A9999999" in caught.value.message


def test_two_worksheets_of_one_name_are_both_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path, _sheet("Data", "<Row>" + _s("x") + "</Row>") + _sheet("Data", EXPORT_ROWS)
    )
    assert sheet_names(path) == ["Data", "Data (2)"]
    assert read_table(path, "pegawai").sheet == "Data (2)"


def test_an_xhtml_page_is_still_a_web_page() -> None:
    page = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><table></table>'
    assert sniff(page) == "html"
