"""Web pages saved as workbooks (io/html.py): the HTML table a web app sends as "data.xls",
Excel's single-file web page (.mht), read as sheets of text cells laid out as a browser does."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.io import limits
from mutasi_cli.io.html import tables
from mutasi_cli.io.read import _decode, read_table, sheet_names
from mutasi_cli.settings import LimitsSettings

NIP_A = "198503152010011002"
NIP_B = "199001012015032001"

EXPORT = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>
<x:Name>Sheet1</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml>
<![endif]--></head><body>
<h3>DAFTAR PEGAWAI NEGERI SIPIL</h3>
<table border="1">
<tr><th rowspan="2">No</th><th rowspan="2">Nama / NIP</th><th colspan="2">Pangkat</th>
<th rowspan="2">Jabatan</th><th rowspan="2">Unit Kerja</th><th rowspan="2">TMT Jabatan</th></tr>
<tr><th>Gol</th><th>TMT</th></tr>
<tr><td>1</td><td>Andi Wibowo, S.Kom<br>{NIP_A}</td><td>III/a</td><td>01-04-2010</td>
<td>Analis Kepegawaian</td><td>BKPSDM</td><td>01-01-2020</td></tr>
<tr><td>2</td><td>Sri   Lestari<br/>
  19900101 201503 2 001</td><td>III/b</td><td>01/03/2015</td>
<td>Perawat&nbsp;Ahli <!-- lama: Perawat Terampil -->Pertama</td><td>Dinas
  Kesehatan</td><td>01-03-2019</td></tr>
</table></body></html>
"""


def _grids(page: str | bytes) -> list[list[list[str | None]]]:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return tables(data, Path("halaman.xls"), _decode)


def test_a_web_export_reads_as_a_roster(tmp_path: Path) -> None:
    path = tmp_path / "data_pegawai.xls"
    path.write_text(EXPORT, encoding="utf-8")
    assert sheet_names(path) == ["data_pegawai"]
    loaded = read_table(path, "pegawai")
    frame = loaded.frame
    assert list(frame["nip"]) == [NIP_A, "19900101 201503 2 001"]
    assert list(frame["nama"]) == ["Andi Wibowo, S.Kom", "Sri Lestari"]
    # the two-row header: "Pangkat" spans Gol and TMT, the other labels span both rows
    assert list(frame["golongan"]) == ["III/a", "III/b"]
    assert list(frame["tmt_golongan"]) == ["01-04-2010", "01/03/2015"]
    # whitespace and no-break spaces collapse, a comment is no text
    assert list(frame["jabatan"]) == ["Analis Kepegawaian", "Perawat Ahli Pertama"]
    assert list(frame["unit_kerja"]) == ["BKPSDM", "Dinas Kesehatan"]
    assert list(frame["tmt_jabatan"]) == ["01-01-2020", "01-03-2019"]


def test_spans_lay_out_as_a_browser_lays_them_out() -> None:
    page = """<table>
    <tr><td rowspan="3">A</td><td colspan="2">B</td><td>C</td></tr>
    <tr><td>D</td><td rowspan="2" colspan="2">E</td></tr>
    <tr><td>F</td><td>G</td></tr>
    <tr><td colspan="0">H</td><td rowspan="x">I</td><td colspan=" 2abc">J</td></tr>
    </table>"""
    assert _grids(page) == [
        [
            ["A", "B", None, "C", None],
            [None, "D", "E", None, None],
            [None, "F", None, None, "G"],
            ["H", "I", "J", None, None],
        ]
    ]


def test_each_table_is_a_sheet_and_the_roster_is_found_among_them(tmp_path: Path) -> None:
    """A layout table around the data, a small summary table, and a table with no value."""
    roster = EXPORT[EXPORT.index("<table") : EXPORT.index("</table>") + 8]
    page = (
        "<html><body><table><tr><td>Laporan</td><td>"
        + roster
        + "</td></tr></table><table><tr><td>Jumlah</td><td>2</td></tr></table>"
        "<table><tr><td> </td></tr></table></body></html>"
    )
    path = tmp_path / "laporan.xls"
    path.write_text(page, encoding="utf-8")
    assert sheet_names(path) == ["Tabel 1", "Tabel 2", "Tabel 3"]
    loaded = read_table(path, "pegawai")
    assert list(loaded.frame["nip"]) == [NIP_A, "19900101 201503 2 001"]
    grids = _grids(page)
    assert grids[0] == [["Laporan", None]]  # the layout table: its cell's table read apart
    assert grids[2] == [["Jumlah", "2"]]


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [("utf-8", True), ("utf-8", False), ("cp1252", True), ("cp1252", False), ("utf-16", False)],
)
def test_encodings_declared_or_not(tmp_path: Path, encoding: str, declared: bool) -> None:
    meta = f'<meta charset="{encoding}">' if declared else ""
    page = (
        f"<html><head>{meta}</head><body><table><tr><th>NIP</th><th>Nama</th></tr>"
        f"<tr><td>{NIP_A}</td><td>Désirée Anggraini</td></tr></table></body></html>"
    )
    path = tmp_path / "pegawai.xls"
    path.write_bytes(page.encode(encoding))
    frame = read_table(path, "pegawai").frame
    assert list(frame["nama"]) == ["Désirée Anggraini"]
    assert list(frame["nip"]) == [NIP_A]


def test_a_single_file_web_page_mht_reads_each_html_part(tmp_path: Path) -> None:
    sheet = EXPORT.replace("charset=utf-8", "charset=windows-1252").replace(
        "Sri   Lestari", "Sri Lestari Désirée"
    )
    body = quopri.encodestring(sheet.encode("cp1252")).decode("ascii")
    mht = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
        "------=_NextPart_01\r\n"
        "Content-Location: file:///C:/rekap.htm\r\n"
        'Content-Type: text/html; charset="windows-1252"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body + "\r\n------=_NextPart_01\r\n"
        "Content-Location: file:///C:/rekap_files/filelist.xml\r\n"
        "Content-Type: text/xml\r\n\r\n<xml></xml>\r\n"
        "------=_NextPart_01--\r\n"
    )
    path = tmp_path / "rekap.mht"
    path.write_bytes(mht.encode("ascii"))
    frame = read_table(path, "pegawai").frame
    assert list(frame["nip"]) == [NIP_A, "19900101 201503 2 001"]
    assert list(frame["nama"]) == ["Andi Wibowo, S.Kom", "Sri Lestari Désirée"]


def test_a_nip_excel_rounded_in_a_web_page_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xls"
    path.write_text(
        "<table><tr><td>NIP</td><td>Nama</td></tr><tr><td>1.98503E+17</td><td>Andi</td></tr>"
        f"<tr><td>{NIP_B}</td><td>Sri</td></tr></table>",
        encoding="utf-8",
    )
    loaded = read_table(path, "pegawai")
    assert list(loaded.frame["nip"]) == ["1.98503E+17", NIP_B]
    assert loaded.numeric_cells["nip"].tolist() == [True, False]  # the normaliser rejects it


@pytest.fixture
def small_sheets():
    before = limits.active()
    limits.configure(LimitsSettings(max_sheet_cells=1_000))
    yield
    limits.configure(before)


def test_a_table_past_the_grid_limit_is_refused_as_it_grows(small_sheets, tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>{i}</td><td>x</td></tr>" for i in range(600))
    path = tmp_path / "besar.xls"
    path.write_text(f"<table><tr><td>NIP</td><td>Nama</td></tr>{rows}</table>", "utf-8")
    with pytest.raises(MutasiError) as caught:
        read_table(path, "pegawai")
    assert caught.value.code == "input-too-large"
    assert "Tabel 1" in caught.value.message


def test_spans_are_clamped_and_a_row_wider_than_excel_is_refused(tmp_path: Path) -> None:
    """colspan="99999999" is 1,000 columns (HTML's limit); 17 of them pass Excel's 16,384."""
    assert len(_grids('<table><tr><td colspan="99999999">x</td></tr></table>')[0][0]) == 1000
    wide = "<table><tr>" + '<td colspan="1000">x</td>' * 17 + "</tr></table>"
    path = tmp_path / "lebar.xls"
    path.write_text(wide, encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        read_table(path, "pegawai")
    assert caught.value.code == "input-too-large"


def test_a_long_rowspan_is_skipped_whole_on_every_row() -> None:
    """A cell spanning 1,000 columns down to the table's end (rowspan 0): every later row's cell
    lands after the span, the span's cells stay empty. (That each row jumps the span in one
    step, not 1,000, is a speed matter: a page like this reads in well under a second.)"""
    rows = "<tr><td>a</td></tr>" * 20_000
    page = f'<table><tr><td colspan="1000" rowspan="0">x</td></tr>{rows}</table>'
    grid = _grids(page)[0]
    assert len(grid) == 20_001 and len(grid[0]) == 1001
    assert grid[1][1000] == "a" and grid[20_000][1000] == "a" and grid[5][0] is None


def test_validate_annotates_a_web_export_at_the_cells_it_names(capsys, tmp_path: Path) -> None:
    """The annotated copy of a page is a new workbook of its cells as the reader laid them out
    (spans included), so the marked cell is the one the message names; the input is untouched."""
    import json

    from openpyxl import load_workbook

    from mutasi_cli.cli import main
    from mutasi_cli.io.write import MARK_FILLS

    path = tmp_path / "data_pegawai.xls"
    path.write_text(EXPORT.replace("III/b", "Z/z"), encoding="utf-8")
    before = path.read_bytes()
    dest = tmp_path / "tandai.xlsx"
    with pytest.raises(SystemExit):
        main(["validate", str(path), "--table", "pegawai", "--json", "--annotate", str(dest)])
    report = json.loads(capsys.readouterr().out)
    bad = next(i for i in report["issues"] if i["code"] == "golongan-unknown")
    assert bad["cell"] == "data_pegawai!C4"
    sheet = load_workbook(dest).active
    assert sheet["C4"].value == "Z/z" and sheet["C4"].fill.fgColor.rgb.endswith(MARK_FILLS["error"])
    assert sheet["C4"].comment is not None
    assert sheet["C1"].value == "Pangkat" and sheet["D1"].value is None  # the span's cells
    assert sheet["B3"].value == f"Andi Wibowo, S.Kom\n{NIP_A}"
    # readable as the file was: columns as wide as their longest line, both lines of a cell
    assert sheet.column_dimensions["B"].width >= len(NIP_A) + 2
    assert sheet["B3"].alignment.wrap_text and sheet.row_dimensions[3].height >= 30
    assert path.read_bytes() == before


def test_cell_grids_and_the_package_check_go_by_content(tmp_path: Path) -> None:
    from mutasi_cli.io.read import cell_grids, is_openxml

    page = tmp_path / "pegawai.xlsx"  # a web page under a workbook's name
    page.write_text("<table><tr><td>NIP</td><td>Nama</td></tr></table>", encoding="utf-8")
    assert not is_openxml(page)
    assert cell_grids(page) == {"pegawai": [["NIP", "Nama"]]}
    csv = tmp_path / "data.csv"
    csv.write_text("NIP;Nama\n;Andi\n", encoding="utf-8")
    assert cell_grids(csv) == {"data": [["NIP", "Nama"], [None, "Andi"]]}
    assert not is_openxml(tmp_path / "tidak-ada.xlsx")
    import xlsxwriter

    book = xlsxwriter.Workbook(tmp_path / "asli.xls")  # a package under an old name
    book.add_worksheet().write_row(0, 0, ["NIP", "Nama"])
    book.close()
    assert is_openxml(tmp_path / "asli.xls")


def test_a_web_export_of_the_sample_roster_normalises_like_the_workbook(tmp_path: Path) -> None:
    """The sample city's roster sent as a web app sends it (an HTML table, dates and numbers as
    the page shows them) gives the same typed roster as the workbook."""
    import html as html_text
    from datetime import date, datetime

    import pandas as pd
    from openpyxl import load_workbook

    from mutasi_cli.io.normalize import normalize
    from mutasi_cli.sample import generate_city, write_city

    city = generate_city(employees=300, seed=3, per=date(2026, 12, 1))
    write_city(city, tmp_path, force=False, created=datetime(2026, 1, 1))
    workbook = tmp_path / "pegawai.xlsx"

    def shown(value: object) -> str:
        if isinstance(value, datetime):
            return value.strftime("%d-%m-%Y")
        return "" if value is None else html_text.escape(str(value))

    rows = load_workbook(workbook, read_only=True).active.iter_rows(values_only=True)
    body = "".join(
        "<tr>" + "".join(f"<td>{shown(v)}</td>" for v in row) + "</tr>\n" for row in rows
    )
    page = tmp_path / "pegawai_web.xls"
    page.write_text(f"<html><body><table>{body}</table></body></html>", encoding="utf-8")

    per = date(2026, 12, 1)
    typed = [normalize(read_table(p, "pegawai"), per=per) for p in (workbook, page)]
    assert len(typed[0].frame) == 300
    pd.testing.assert_frame_equal(typed[0].frame, typed[1].frame, check_dtype=False)
    assert [i.code for i in typed[0].issues] == [i.code for i in typed[1].issues]


def test_a_page_declaring_an_external_entity_reads_it_as_text(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("KATA SANDI", encoding="utf-8")
    path = tmp_path / "halaman.xls"
    path.write_text(
        f'<!DOCTYPE html [<!ENTITY luar SYSTEM "file://{secret}">]><html><body><table>'
        f"<tr><td>NIP</td><td>Nama</td></tr><tr><td>{NIP_A}</td><td>&luar;</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    frame = read_table(path, "pegawai").frame
    assert list(frame["nama"]) == ["&luar;"]  # HTML has no entities of its own making


def test_cell_text_through_wrappers_breaks_and_comments() -> None:
    """LibreOffice writes every cell as <td><font>value</font></td>, an empty one as
    <font><br></font>; Excel adds comments."""
    page = (
        "<table><tr><td><font color=x><b> A \n B </b></font></td><td><font><br></font></td>"
        "<td><!-- c --></td><td>x<!--c-->y</td><td><b>1</b><i>2</i></td>"
        "<td><font>Andi<br>198503152010011002</font></td></tr></table>"
    )
    assert _grids(page) == [[["A B", None, None, "xy", "12", f"Andi\n{NIP_A}"]]]


def test_a_control_character_after_a_line_break_is_no_crash() -> None:
    """The reader once wrote the line break into the tree, which lxml refuses for text holding
    a NUL (found by fuzzing): the cell is now read without writing."""
    [[[cell]]] = _grids(b"<table><tr><td>a<br>b\x00c\x01</td></tr></table>")
    assert cell.startswith("a\nb")


def test_excels_formula_trick_in_a_web_page_reads_as_the_text_inside(tmp_path: Path) -> None:
    path = tmp_path / "ekspor.xls"
    path.write_text(
        f'<table><tr><td>NIP</td><td>Nama</td></tr><tr><td>="{NIP_A}"</td><td>Andi</td></tr>'
        "</table>",
        encoding="utf-8",
    )
    assert read_table(path, "pegawai").frame["nip"].tolist() == [NIP_A]


def test_cells_written_without_a_row_are_a_row_where_they_stand(tmp_path: Path) -> None:
    """A hand-written export that forgot a ``<tr>``: libxml2 keeps the cells outside any row,
    where reading rows alone lost them (here the header, so no roster; or a person, silently).
    A browser shows them as one row at their place; so are they read now."""
    page = (
        f"<table><th>NIP</th><th>Nama</th>"
        f"<tr><td>{NIP_A}</td><td>Andi</td></tr><td>{NIP_B}</td><td>Sri</td>"
        f"<tr><td>199203032019021003</td><td>Budi</td></tr></table>"
    )
    path = tmp_path / "pegawai.xls"
    path.write_text(page, encoding="utf-8")
    frame = read_table(path, "pegawai").frame
    assert list(frame["nip"]) == [NIP_A, NIP_B, "199203032019021003"]
    assert list(frame["nama"]) == ["Andi", "Sri", "Budi"]
    # before, inside and after sections, in document order; a cell outside any table is none
    sections = (
        "<td>x</td><table><td>a</td><thead><tr><td>b</td></tr><td>c</td></thead><td>d</td>"
        "<tbody><td>e</td><tr><td>f</td></tr></tbody><td>g</td><td>h</td></table>"
    )
    assert _grids(sections) == [
        [["a", None], ["b", None], ["c", None], ["d", None], ["e", None], ["f", None], ["g", "h"]]
    ]
