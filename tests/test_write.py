"""Workbook, CSV and annotated-copy writing: read back with openpyxl and the raw XML."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.io import write
from mutasi_cli.io.write import (
    CellMark,
    ChartSpec,
    ColorRule,
    InputInfo,
    RunInfo,
    SheetSpec,
    annotate_copy,
    atomic_path,
    write_csv,
    write_workbook,
)
from mutasi_cli.settings import Settings

REAL_WORLD = Path(__file__).resolve().parents[2] / "shared" / "real-world"
NIP_A = "198507122010011003"
NIP_B = "199001012015032001"
INJECTIONS = ['=HYPERLINK("http://x","klik")', "@SUM(A1)", "+1", "-2", "\tx", "http://example.com"]
CREATED = datetime(2026, 12, 1, 8, 0, 0)


def roster() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "NIP": pd.array([NIP_A, NIP_B, "199203032019031004"], dtype="string"),
            "TMT Jabatan": pd.to_datetime(["2020-01-05", None, "2024-07-01"]),
            "Selisih": pd.array([-2, 0, 3], dtype="Int64"),
            "JPM": [92.5926, np.nan, 78.0],
            "Bersedia": [True, False, True],
            "Keputusan": ["", "Setuju", None],
        }
    )


def run_info() -> RunInfo:
    return RunInfo(
        command="mutasi analyze-needs --pegawai pegawai.xlsx",
        version="0.1.0",
        per=date(2026, 12, 1),
        settings=Settings().as_dict(),
        inputs=[InputInfo("/data/kota/pegawai.xlsx", "pegawai", "Sheet1", 3, "ab" * 32)],
        started=datetime(2026, 12, 1, 9, 30, 0),
        seconds=1.25,
        extra={"fingerprint": "f00d", "units": ["Dinas A", "Dinas B"]},
    )


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")
        )


def test_values_types_and_formats_survive(tmp_path: Path) -> None:
    spec = SheetSpec("Data", roster(), formats={"JPM": "pct"})
    out = write_workbook(tmp_path / "out.xlsx", [spec], None)
    ws = openpyxl.load_workbook(out)["Data"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("NIP", "TMT Jabatan", "Selisih", "JPM", "Bersedia", "Keputusan")
    assert rows[1] == (NIP_A, datetime(2020, 1, 5), -2, 92.5926, "Ya", None)
    assert rows[2] == (NIP_B, None, 0, None, "Tidak", "Setuju")  # NaT, NaN -> empty cells
    assert isinstance(ws["A2"].value, str) and len(ws["A2"].value) == 18
    assert ws["B2"].is_date and ws["B2"].number_format == "dd-mm-yyyy"
    assert ws["C2"].data_type == "n" and ws["C2"].number_format == "0"
    assert ws["D2"].number_format == '0.00"%"'
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:F4"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert ws.column_dimensions["A"].width == pytest.approx(20, abs=1)  # 18 digits + padding


def test_english_booleans_and_default_float_format(tmp_path: Path) -> None:
    frame = pd.DataFrame({"ok": [True], "score": [1.5]})
    out = write_workbook(tmp_path / "en.xlsx", [SheetSpec("S", frame)], None, lang="en")
    ws = openpyxl.load_workbook(out)["S"]
    assert ws["A2"].value == "Yes"
    assert ws["B2"].number_format == "0.00"


def test_formula_and_hyperlink_text_stays_text(tmp_path: Path) -> None:
    frame = pd.DataFrame({"Catatan": INJECTIONS, "=Judul": INJECTIONS})
    out = write_workbook(tmp_path / "inj.xlsx", [SheetSpec("Data", frame)], None)
    xml = sheet_xml(out)
    assert "<f>" not in xml and "<f " not in xml
    assert "<hyperlink" not in xml and "relationships/hyperlink" not in xml
    with zipfile.ZipFile(out) as archive:
        assert not [n for n in archive.namelist() if "worksheets/_rels" in n]
    ws = openpyxl.load_workbook(out)["Data"]
    assert [ws.cell(row=i + 2, column=1).value for i in range(len(INJECTIONS))] == INJECTIONS
    assert {ws.cell(row=i + 2, column=2).data_type for i in range(len(INJECTIONS))} == {"s"}
    assert ws["B1"].value == "=Judul"


def test_control_characters_removed_and_long_text_cut(tmp_path: Path) -> None:
    frame = pd.DataFrame({"Nama": ["Ani\x01 Bu\x0bdi\x1f", "x" * 40_000]})
    out = write_workbook(tmp_path / "ctl.xlsx", [SheetSpec("Data", frame)], None)
    ws = openpyxl.load_workbook(out)["Data"]
    assert ws["A2"].value == "Ani Budi"
    assert len(ws["A3"].value) == 32_767


def test_exactly_the_characters_openpyxl_refuses_are_removed(tmp_path: Path) -> None:
    """Every control character: those XML 1.0 cannot hold go (as openpyxl's own pattern takes
    them out), tab and line feed stay; in a column and in a header alike. (A carriage return
    stays too, escaped by xlsxwriter as ``_x000D_``, which openpyxl does not read back.)"""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = "".join(f"{chr(c)}{c}" for c in range(32) if c != 13)
    frame = pd.DataFrame({f"H{chr(0)}{chr(7)}x": [text, None]})
    out = write_workbook(tmp_path / "ctl.xlsx", [SheetSpec("Data", frame)], None)
    ws = openpyxl.load_workbook(out)["Data"]
    assert ws["A2"].value == ILLEGAL_CHARACTERS_RE.sub("", text)
    assert ws["A2"].value.startswith("012345678\t9\n1011121415")
    assert ws["A1"].value == "Hx"
    assert ws["A3"].value is None


def test_colors_dropdowns_comments_and_chart(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "Unit": ["Dinas A", "Dinas B", "Dinas C"],
            "Status": ["Kurang", "Sesuai", 'Lebih "x"'],
            "Selisih": [-2, 0, 3],
            "Keputusan": [None, None, None],
        }
    )
    spec = SheetSpec(
        "Kebutuhan",
        frame,
        colors=(
            ColorRule("Selisih", "negative", "red"),
            ColorRule("Status", "equals", "yellow", 'Lebih "x"', whole_row=True),
            ColorRule("Selisih", "above", "green", 2),
        ),
        dropdowns={"Keputusan": ["Setuju", "Tolak", "Tunda"]},
        comments={(1, "Selisih"): "dihitung dari ABK"},
        chart=ChartSpec("Selisih per unit", "Unit", ["Selisih"]),
    )
    out = write_workbook(tmp_path / "k.xlsx", [spec], None)
    ws = openpyxl.load_workbook(out)["Kebutuhan"]
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    assert rules == {
        "C2:C4": ["AND(ISNUMBER($C2),$C2<0)", "AND(ISNUMBER($C2),$C2>2)"],
        "A2:D4": ['$B2="Lebih ""x"""'],
    }
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "D2:D4"
    assert validation.formula1 == '"Setuju,Tolak,Tunda"'
    assert ws["C3"].comment.text == "dihitung dari ABK"
    assert ws["C2"].comment is None
    with zipfile.ZipFile(out) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "Kebutuhan!$C$2:$C$4" in chart and "Kebutuhan!$A$2:$A$4" in chart


def test_long_dropdown_goes_to_hidden_list_sheet(tmp_path: Path) -> None:
    units = [f"Dinas Pekerjaan Umum dan Penataan Ruang {i}" for i in range(12)] + ["A, B"]
    frame = pd.DataFrame({"Tujuan": [None, None]})
    out = write_workbook(
        tmp_path / "d.xlsx", [SheetSpec("Usulan", frame, dropdowns={"Tujuan": units})], None
    )
    book = openpyxl.load_workbook(out)
    lists = book["Daftar Pilihan"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists[1]] == units
    (validation,) = book["Usulan"].data_validations.dataValidation
    assert validation.formula1 == "'Daftar Pilihan'!$A$1:$M$1"


def test_info_sheet(tmp_path: Path) -> None:
    out = write_workbook(tmp_path / "i.xlsx", [SheetSpec("Data", roster())], run_info())
    info = dict(openpyxl.load_workbook(out)["Info"].iter_rows(min_row=2, values_only=True))
    assert info["Versi mutasi"] == "0.1.0"
    assert info["Perintah"] == "mutasi analyze-needs --pegawai pegawai.xlsx"
    assert info["Tanggal acuan"] == datetime(2026, 12, 1)
    assert info["Waktu proses"] == datetime(2026, 12, 1, 9, 30)
    assert info["Lama proses (detik)"] == 1.25
    assert info["Berkas masukan 1"] == "pegawai.xlsx"  # the name only, not the folder
    assert info["Berkas masukan 1 · SHA-256"] == "ab" * 32
    assert info["Berkas masukan 1 · Jumlah baris"] == 3
    assert info["abk.wke_minutes"] == 75_000
    assert info["abk.period_multipliers"].startswith('{"tahun": 1.0, "semester": 2.0')
    assert info["propose.exclude_pppk"] == "true"
    assert info["Sidik jari masukan"] == "f00d"
    assert info["units"] == '["Dinas A", "Dinas B"]'


def test_info_sheet_in_english(tmp_path: Path) -> None:
    out = write_workbook(tmp_path / "i.xlsx", [], run_info(), lang="en")
    ws = openpyxl.load_workbook(out)["Info"]
    assert (ws["A1"].value, ws["B1"].value) == ("Key", "Value")
    keys = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "Reference date" in keys and "Input file 1 · SHA-256" in keys


def test_same_content_gives_same_bytes(tmp_path: Path) -> None:
    def build(name: str) -> bytes:
        spec = SheetSpec("Data", roster(), dropdowns={"Keputusan": ["Setuju", "Tolak"]})
        path = write_workbook(tmp_path / name, [spec], run_info(), created=CREATED)
        return path.read_bytes()

    assert build("a.xlsx") == build("b.xlsx")


def test_constant_memory_chunks_keep_rows_and_comments(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(write, "CONSTANT_MEMORY_ROWS", 5)
    monkeypatch.setattr(write, "CHUNK_ROWS", 4)
    frame = pd.DataFrame({"No": range(11), "Nama": [f"P{i}" for i in range(11)]})
    spec = SheetSpec("Data", frame, comments={(0, "Nama"): "awal", (9, "No"): "akhir"})
    out = write_workbook(tmp_path / "big.xlsx", [spec], None)
    with zipfile.ZipFile(out) as archive:  # constant-memory mode writes inline strings
        assert "inlineStr" in archive.read("xl/worksheets/sheet1.xml").decode()
    ws = openpyxl.load_workbook(out)["Data"]
    assert [r for r in ws.iter_rows(min_row=2, values_only=True)] == [
        (i, f"P{i}") for i in range(11)
    ]
    assert ws["B2"].comment.text == "awal" and ws["A11"].comment.text == "akhir"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(MutasiError) as caught:
        write_workbook(target, [SheetSpec("Data", roster())], None)
    assert caught.value.message == f"Berkas keluaran sudah ada: {target}"
    assert caught.value.hint == "pakai --force untuk menimpa"
    assert target.read_bytes() == b"old"
    write_workbook(target, [SheetSpec("Data", roster())], None, force=True)
    assert openpyxl.load_workbook(target)["Data"]["A2"].value == NIP_A


def test_failure_leaves_neither_output_nor_temp_file(tmp_path: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write, "_write_info", broken)
    folder = tmp_path / "new" / "folder"
    with pytest.raises(RuntimeError, match="disk full"):
        write_workbook(folder / "out.xlsx", [SheetSpec("Data", roster())], run_info())
    assert list(folder.iterdir()) == []

    existing = tmp_path / "keep.xlsx"
    existing.write_bytes(b"previous run")
    with pytest.raises(RuntimeError):
        write_workbook(existing, [SheetSpec("Data", roster())], run_info(), force=True)
    assert existing.read_bytes() == b"previous run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xlsx", "new"]


def test_unwritable_folder_and_locked_file_are_analyst_errors(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "laporan"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(MutasiError, match="Folder keluaran tidak dapat ditulisi"):
        write_workbook(blocker / "out.xlsx", [SheetSpec("Data", roster())], None)

    def locked(src, dst):
        raise PermissionError(13, "file is open in Excel")

    monkeypatch.setattr(write.os, "replace", locked)
    target = tmp_path / "open.xlsx"
    with pytest.raises(MutasiError) as caught:
        write_workbook(target, [SheetSpec("Data", roster())], None)
    assert caught.value.hint == "Tutup berkas itu (misalnya di Excel), lalu jalankan lagi."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan"]  # temp file removed


def test_atomic_path_renames_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("done")
        assert not target.exists()
    assert target.read_text() == "done"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_csv_is_safe_for_indonesian_excel(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"Catatan": ["=1+1", "-2", "@x", "\tx", "\rx", "+62", "biasa"], "Nilai": [-2.5] * 7}
    )
    out = write_csv(tmp_path / "out.csv", frame)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Catatan", "Nilai"]
    assert rows[1] == ["'=1+1", "-2,5"]  # numbers keep their sign and use a decimal comma
    assert [row[0] for row in rows[2:]] == ["'-2", "'@x", "'\tx", "'\rx", "'+62", "biasa"]
    assert frame["Catatan"].iloc[0] == "=1+1"  # the caller's frame is untouched
    with pytest.raises(MutasiError, match="sudah ada"):
        write_csv(out, frame)


def make_source(path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "pegawai"
    ws.append(["NIP", "Nama", "Golongan"])
    ws.append([NIP_A, "Ani", "III/a"])
    ws.append([NIP_B, "Budi", "III/z"])
    ws["B3"].value = '=HYPERLINK("http://x","klik")'
    ws["B3"].data_type = "s"
    book.save(path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_annotate_copy_marks_cells_and_keeps_source(tmp_path: Path) -> None:
    src = tmp_path / "pegawai.xlsx"
    make_source(src)
    before = digest(src)
    marks = [
        CellMark("pegawai", "C3", "warning", "Golongan di luar rentang."),
        CellMark("pegawai", "C3", "error", "Golongan 'III/z' tidak dikenali."),
        CellMark("pegawai", "A2", "warning", "NIP ini tidak ada dalam data pegawai."),
    ]
    out = annotate_copy(src, tmp_path / "catatan.xlsx", marks)
    assert digest(src) == before
    ws = openpyxl.load_workbook(out)["pegawai"]
    assert ws["C3"].fill.fgColor.rgb.endswith("FFC7CE")  # an error wins over a warning
    assert ws["A2"].fill.fgColor.rgb.endswith("FFEB9C")
    assert ws["C3"].comment.text == (
        "Peringatan: Golongan di luar rentang.\nGalat: Golongan 'III/z' tidak dikenali."
    )
    assert ws["B2"].comment is None and ws["A2"].value == NIP_A
    assert ws["B3"].value == '=HYPERLINK("http://x","klik")'
    assert "<f>" not in sheet_xml(out)
    with pytest.raises(MutasiError, match="sudah ada"):
        annotate_copy(src, out, marks)


def test_annotate_copy_of_csv_writes_the_raw_grid(tmp_path: Path) -> None:
    src = tmp_path / "kinerja.csv"
    src.write_text("nip;periode;nilai\n198507122010011003;2024;=2+2\n", encoding="utf-8")
    out = annotate_copy(src, tmp_path / "kinerja-catatan.xlsx", [CellMark("", "C2", "error", "x")])
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[2]] == [NIP_A, "2024", "=2+2"]
    assert ws["C2"].data_type == "s" and ws["C2"].comment.text == "Galat: x"
    assert "<f>" not in sheet_xml(out)


def test_annotate_copy_of_a_csv_longer_than_a_sheet_is_refused(tmp_path: Path, monkeypatch):
    """`validate --annotate` on a CSV of 1,048,600 rows ended in an internal error after 20 s
    (openpyxl's ValueError at row 1,048,577): the copy is output-too-large before it is
    built, nothing written (the limit lowered to 4 rows here; 4 rows still copy whole)."""
    monkeypatch.setattr(write, "EXCEL_ROWS", 4)
    src = tmp_path / "kinerja.csv"
    src.write_text("nip;periode\n" + "198507122010011003;2024\n" * 4, encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        annotate_copy(src, tmp_path / "catatan.xlsx", [CellMark("", "B2", "error", "x")])
    assert caught.value.code == "output-too-large" and "5 baris x 2 kolom" in caught.value.message
    assert not (tmp_path / "catatan.xlsx").exists()
    src.write_text("nip;periode\n" + "198507122010011003;2024\n" * 3, encoding="utf-8")
    out = annotate_copy(src, tmp_path / "catatan.xlsx", [CellMark("", "B2", "error", "x")])
    assert openpyxl.load_workbook(out).active.max_row == 4


@pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="real-world spreadsheets not available")
def test_annotate_copy_of_real_xls(tmp_path: Path) -> None:
    src = REAL_WORLD / "roster" / "sampang_contoh_import_pegawai.xls"
    before = digest(src)
    out = annotate_copy(src, tmp_path / "sampang.xlsx", [CellMark("pegawai", "H3", "error", "?")])
    assert digest(src) == before
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["pegawai", "keterangan"]
    ws = book["pegawai"]
    assert ws["A1"].value == "Nip" and ws["H3"].value == "Perempuan"
    assert re.search("FFC7CE", ws["H3"].fill.fgColor.rgb)


def test_wide_sheet_spreads_over_pages_with_who_repeated(tmp_path: Path) -> None:
    """Fitted to one A4 page, 14 columns of 40 characters print at about 30 %: the sheet spreads
    over as many pages wide as keep it at MIN_PRINT_SCALE or more, its frozen NIP and name
    printed on each; a narrow sheet stays one page; a fixed page count is kept."""
    wide = pd.DataFrame(
        {"NIP": [NIP_A], "Nama": ["Ani"], **{f"Kolom {k}": ["x" * 38] for k in range(12)}}
    )
    narrow = pd.DataFrame({"NIP": [NIP_A], "Nama": ["Ani"], "Unit": ["Dinas A"]})
    fixed = write.PrintSetup(pages_wide=1)
    specs = [
        SheetSpec("Lebar", wide, widths=dict.fromkeys(wide.columns[2:], 40.0), freeze_cols=2),
        SheetSpec("Sempit", narrow, freeze_cols=2),
        SheetSpec("Tetap", wide, widths=dict.fromkeys(wide.columns[2:], 40.0), print_setup=fixed),
        SheetSpec(  # a position list: unit and title printed on each page, not frozen
            "Posisi",
            wide,
            widths=dict.fromkeys(wide.columns[2:], 40.0),
            print_key_cols=2,
        ),
        SheetSpec(  # a hidden column takes no room, and the print area counts it in place:
            "Sembunyi",  # NIP, (Nama), Kolom 0 print on one page; NIP, Kolom 0, Kolom 1 would not
            wide,
            widths=dict.fromkeys(wide.columns[2:], 150.0),
            hidden=["Nama"],
            print_setup=write.PrintSetup(print_columns=3),
        ),
    ]
    path = write_workbook(tmp_path / "out.xlsx", specs, run_info())
    book = openpyxl.load_workbook(path)
    lebar, sempit, tetap = book["Lebar"], book["Sempit"], book["Tetap"]
    # 2 + 12 columns: about 99 cm of columns, 49 cm of room a page at 55 % (27.2 cm printable)
    widths = [0.0] * lebar.max_column
    for group in lebar.column_dimensions.values():  # openpyxl keeps equal neighbours as one
        for j in range(group.min, group.max + 1):
            widths[j - 1] = group.width
    cm = [(7 * w + 5) * 2.54 / 96 for w in widths]
    pages = lebar.page_setup.fitToWidth
    room = (29.7 - 2.54) / write.MIN_PRINT_SCALE
    assert pages >= 2 and (sum(cm) - sum(cm[:2])) / pages + sum(cm[:2]) <= room
    assert (sum(cm) - sum(cm[:2])) / (pages - 1) + sum(cm[:2]) > room  # the fewest pages
    assert lebar.print_title_cols == "$A:$B" and lebar.freeze_panes == "C2"
    assert sempit.page_setup.fitToWidth in (None, 1) and sempit.print_title_cols is None
    assert tetap.page_setup.fitToWidth in (None, 1) and tetap.print_title_cols is None
    assert tetap.oddFooter.left.text  # the run's footer still added to a sheet's own setup
    assert book["Sembunyi"].page_setup.fitToWidth in (None, 1)
    posisi = book["Posisi"]
    assert posisi.page_setup.fitToWidth == pages and posisi.print_title_cols == "$A:$B"
    assert posisi.freeze_panes == "A2"
    # a repeated block that would fill half a page is not repeated
    assert write.print_pages([60.0] * 4 + [40.0] * 10, 4, write.PrintSetup()) == {
        "pages_wide": 3,
        "repeat_columns": 0,
    }


def test_key_columns_name_a_person_or_a_position() -> None:
    from mutasi_cli.schema import key_columns, person_columns

    assert person_columns(["nip", "nama", "x"]) == key_columns(["nip", "nama", "x"]) == 2
    assert person_columns(["nip", "x"]) == 1 and person_columns(["nama", "nip"]) == 0
    assert key_columns(["unit_kerja", "jabatan", "kebutuhan"]) == 2
    assert person_columns(["unit_kerja", "jabatan"]) == 0  # a position is printed, not frozen
    assert key_columns(["kind", "unit_kerja", "jabatan"]) == 0


def test_a_sheet_larger_than_excel_is_refused_not_cut(tmp_path: Path, monkeypatch) -> None:
    """xlsxwriter drops the cells past row 1,048,576 without a word (1,048,580 rows came back
    as 1,048,575): a sheet larger than Excel's grid is output-too-large, nothing written. At
    the limit itself every row is written (checked with the limit lowered to 10 rows)."""
    from mutasi_cli.io import write as module

    too_long = pd.DataFrame({"a": np.arange(1_048_576)})
    with pytest.raises(MutasiError) as caught:
        write_workbook(tmp_path / "besar.xlsx", [SheetSpec("Data", too_long)], None)
    assert caught.value.code == "output-too-large"
    assert "1048577 baris" in caught.value.message and "'Data'" in caught.value.message
    assert not list(tmp_path.iterdir())
    too_wide = pd.DataFrame([range(16_385)])
    with pytest.raises(MutasiError, match="16385 kolom"):
        write_workbook(tmp_path / "lebar.xlsx", [SheetSpec("Data", too_wide)], None)

    monkeypatch.setattr(module, "EXCEL_ROWS", 10)
    out = write_workbook(tmp_path / "pas.xlsx", [SheetSpec("Data", too_long.head(9))], None)
    assert [c.value for c in openpyxl.load_workbook(out)["Data"]["A"]][1:] == list(range(9))
    with pytest.raises(MutasiError):
        write_workbook(tmp_path / "lewat.xlsx", [SheetSpec("Data", too_long.head(10))], None)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("kinerja [final]", "kinerja _final_"),
        ("a/b\\c:d*e?f", "a_b_c_d_e_f"),
        ("'2024'", "2024"),
        ("Info", "Info (2)"),  # the Info sheet every output carries
        ("History", "History (2)"),  # reserved by Excel
        ("x" * 30 + "'y", "x" * 30),  # cut to 31, no apostrophe left at the end
        ("", "Sheet"),
    ],
)
def test_a_sheet_named_after_an_input_gets_a_name_excel_accepts(
    tmp_path: Path, name: str, title: str
) -> None:
    """Output sheets named after an input sheet or file ("kinerja [final].csv", "Info.csv")
    stopped xlsxwriter with an internal error (invalid or duplicate sheet name)."""
    frame = pd.DataFrame({"NIP": [NIP_A]})
    out = write_workbook(tmp_path / "galat.xlsx", [SheetSpec(name, frame)], run_info())
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == title and book[title]["A2"].value == NIP_A
    assert write.sheet_title("Data", {"data"}) == "Data (2)"


def test_annotating_a_sheet_whose_name_excel_refuses(tmp_path: Path) -> None:
    """A copy of a CSV named "kinerja [final].csv" (and of a workbook-like file whose sheets
    Excel would not accept by name) ended in openpyxl's ValueError: the copy's sheets get
    names Excel accepts and each mark still lands on its cell."""
    src = tmp_path / "kinerja [final].csv"
    src.write_text("nip;periode\n12345;2024\n", encoding="utf-8")
    out = annotate_copy(
        src, tmp_path / "catatan.xlsx", [CellMark("kinerja [final]", "A2", "error", "x")]
    )
    ws = openpyxl.load_workbook(out)["kinerja _final_"]
    assert ws["A2"].value == "12345" and ws["A2"].comment.text == "Galat: x"
