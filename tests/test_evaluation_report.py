"""The evaluate workbook, HTML report and console show the same numbers."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from rich.console import Console

from mutasi_cli.i18n import t
from mutasi_cli.io.write import write_workbook
from mutasi_cli.reports import evaluate as report
from mutasi_cli.reports.format import format_number
from mutasi_cli.reports.render import environment
from test_evaluation import PREDIKAT, history, nip, quarterly, roster, run, synthetic


@pytest.fixture(scope="module")
def result():
    riwayat, kinerja, pegawai = synthetic(effect=0.5, people=400, movers=90, seed=11)
    riwayat.loc[:2, "unit_tujuan"] = "Kecamatan Tingkir"  # a small destination group
    return run(riwayat, kinerja, pegawai)


def sheet_rows(path: Path, name: str) -> list[dict[str, object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_shows_the_workbook_estimate(result, tmp_path: Path, lang: str) -> None:
    path = write_workbook(tmp_path / "evaluasi.xlsx", report.sheets(result, lang), None, lang=lang)
    summary = sheet_rows(path, t("evaluate.sheet.summary", lang))
    stored = summary[0][t("evaluate.col.estimate", lang)]
    assert stored == round(result.did_overall["estimate"], 2)
    low = summary[0][t("evaluate.col.low", lang)]
    page = report.html(result, lang)
    shown = re.search(r'id="did-estimate">([^<]+)<', page).group(1)
    assert shown == format_number(stored, lang, 2)
    assert re.search(r'id="did-low">([^<]+)<', page).group(1) == format_number(low, lang, 2)
    assert format_number(stored, lang, 2) in re.search(r'id="effect-sentence">([^<]+)<', page)[1]
    assert page.count("<svg") == 3 and not re.search(r'(src|href)="https?:', page)  # offline


def test_template_renders_under_strict_undefined(result) -> None:
    assert environment().undefined.__name__ == "StrictUndefined"
    context = report._context(result, "id")
    context.pop("boxes")
    with pytest.raises(Exception, match="boxes"):
        environment().get_template(report.TEMPLATE).render(**context)


def test_unit_tables_carry_n_and_the_small_group_warning(result) -> None:
    effects = report.effect_table(result, "id")
    small = effects[effects["unit"] == "Kecamatan Tingkir"].iloc[0]
    assert small["n_moved"] == 3
    assert small["warning"] == t("evaluate.warn.small_group", "id", n=10)
    assert bool(small["small_group"])
    assert effects.iloc[0]["scope"] == "Semua mutasi" and effects.iloc[0]["warning"] == ""
    page = report.html(result, "id")
    assert "Kecamatan Tingkir" in page and t("evaluate.warn.small_group", "id", n=10) in page
    # greyed, and its estimate never coloured as a finding
    row = re.search(r'<tr class="small">\s*<td>Kecamatan Tingkir</td>(.*?)</tr>', page, re.S)
    assert row and "meningkat" not in row.group(1) and "menurun" not in row.group(1)


def test_intervention_reason_names_the_competency_gaps(tmp_path: Path) -> None:
    rows = {nip(1): [4] * 8, nip(2): [2] * 8}
    kompetensi = pd.DataFrame(
        {
            "nip": pd.array([nip(1)], dtype="string"),
            "komunikasi": pd.array([2], dtype="Int64"),
            "teknis": pd.array([1], dtype="Int64"),
        }
    )
    jabatan = pd.DataFrame(
        {
            "unit_kerja": ["Dinas B"],
            "jabatan": ["Penyusun Laporan"],
            "komunikasi": pd.array([3], dtype="Int64"),
            "teknis": pd.array([3], dtype="Int64"),
        }
    )
    pegawai = roster([nip(1), nip(2)], potensi=[85.0, 50.0])
    result = run(history(nip(1)), quarterly(rows), pegawai, jabatan=jabatan, kompetensi=kompetensi)
    table = report.intervention_table(result, "id").set_index("nip")
    assert table.loc[nip(1), "kind"] == "Pelatihan"
    assert table.loc[nip(1), "reason"] == (
        "Kinerja tidak meningkat 20 bulan setelah mutasi; kompetensi di bawah standar jabatan "
        "baru: Komunikasi (kurang 1), Kompetensi Teknis (kurang 2)."
    )
    assert table.loc[nip(2), "kind"] == "Penanganan kinerja sesuai ketentuan"
    english = report.intervention_table(result, "en").set_index("nip")
    assert (
        "Communication (1 short), Technical competency (2 short)" in english.loc[nip(1), "reason"]
    )
    path = write_workbook(tmp_path / "x.xlsx", report.sheets(result, "id"), None)
    stored = {r["NIP"]: r["Alasan"] for r in sheet_rows(path, "Intervensi")}
    assert stored[nip(1)] == table.loc[nip(1), "reason"]
    assert table.loc[nip(1), "reason"] in report.html(result, "id")


def test_sheets_are_localised_and_codes_become_labels(result) -> None:
    names = [s.name for s in report.sheets(result, "id")]
    assert names[:5] == ["Ringkasan", "Jumlah", "Per Pegawai", "Intervensi", "Peringatan Dini"]
    assert "Peta Talenta" in names
    people = report.person_table(result, "en")
    assert set(people["status"]) <= {"Improved", "Stable", "Declined", "Not enough data"}
    boxes = report.box_table(result, "id")
    assert boxes["n"].sum() == len(result.talent.dropna(subset=["box"]))
    assert boxes.loc[boxes["box"] == 9, "kinerja"].item() == "Di Atas Ekspektasi"
    counts = report.count_table(result, "id").set_index("item")["count"]
    assert counts["Pegawai dimutasi"] == 90


def test_console_shows_the_estimate(result) -> None:
    console = Console(record=True, width=120)
    for renderable in report.console(result, "id"):
        console.print(renderable)
    text = console.export_text()
    assert format_number(round(result.did_overall["estimate"], 2), "id", 2) in text
    assert "Kecamatan Tingkir" in text


def test_early_warning_rows_in_the_report() -> None:
    rows = {nip(1): [4, 4, 4, 4, 4, 2], nip(2): [4] * 6}
    result = run(history(nip(2)), quarterly(rows))
    table = report.warning_table(result, "id")
    assert table["nip"].tolist() == [nip(1)]
    assert table.loc[0, "drop"] == 2.0 and PREDIKAT[2] == "Kurang"
    assert nip(1) in report.html(result, "id")


def test_effect_chart_draws_only_units_with_enough_movers(result) -> None:
    charts = report._charts(result, report.effect_table(result, "id"), "id")
    assert "Kecamatan Tingkir" not in charts["effects"]  # n = 3 < min_group_n: table only
    effects = report.effect_table(result, "id")
    big = effects[(effects["n_moved"] >= 10) & (effects["unit"] != "")]["unit"].iloc[0]
    assert big in charts["effects"]
    assert "Kecamatan Tingkir" in report.html(result, "id")  # still listed in the tables


def test_nine_box_is_a_coloured_three_by_three_grid_in_excel(result, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "e.xlsx", report.sheets(result, "id"), None)
    book = openpyxl.load_workbook(path)
    sheet = book["Peta Talenta"]
    grid = [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_row=4)]
    assert grid[0][1:] == ["Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi"]
    assert [r[0] for r in grid[1:]] == ["Tinggi", "Menengah", "Rendah"]
    counts = result.nine_box.set_index("box")["n"]
    assert grid[1][3] == f"Kotak 9: {counts[9]} orang"  # high potential x above expectation
    assert grid[3][1] == f"Kotak 1: {counts[1]} orang"
    rules = sheet.conditional_formatting
    assert sum(len(r.rules) for r in rules) == 9  # one colour per box
    assert "Kotak Talenta" in book.sheetnames  # the list with recommendations stays


def test_excel_chart_holds_at_most_twenty_sorted_units() -> None:
    riwayat, kinerja, pegawai = synthetic(effect=0.5, people=1500, movers=600, seed=2)
    riwayat["unit_tujuan"] = [f"Unit {i % 30:02d}" for i in range(len(riwayat))]  # 30 x 20
    result = run(riwayat, kinerja, pegawai)
    chart = report.chart_table(result, "id")
    assert len(chart) == 20  # ten highest and ten lowest of 30
    assert chart["estimate"].is_monotonic_decreasing
    assert chart["unit"].str.fullmatch(r"Unit \d\d \(n = 20\)").all()
    spec = next(s for s in report.sheets(result, "id") if s.name == "Grafik Efek")
    assert spec.chart is not None and len(spec.frame) == 20


def test_summary_sheet_prints_readably_on_a4(result, tmp_path: Path) -> None:
    """The summary is 16 columns wide: numbers in narrow columns under wrapped headers (the
    header row is made tall enough), unit and warning wrapped in columns of their own width,
    so that fitting the sheet to A4 landscape keeps the text legible (it printed at about a
    third of its size with a 60-character warning column)."""
    path = write_workbook(tmp_path / "e.xlsx", report.sheets(result, "id"), None)
    sheet = openpyxl.load_workbook(path)["Ringkasan"]
    headers = {c.value: c.column_letter for c in sheet[1]}
    widths = {h: sheet.column_dimensions[col].width for h, col in headers.items()}
    assert sum(widths.values()) <= 260  # was about 400
    assert widths["Peringatan"] <= 45 and widths["Unit"] <= 30
    assert sheet.row_dimensions[1].height >= 30  # "Jumlah Pembanding" on two lines at least
    long = [r for r in range(2, sheet.max_row + 1)
            if len(str(sheet[f"{headers['Peringatan']}{r}"].value or "")) > 45]  # fmt: skip
    assert long and all(sheet.row_dimensions[r].height >= 30 for r in long)
    assert sheet[f"{headers['Peringatan']}{long[0]}"].alignment.wrap_text
