"""`mutasi monitor`: the follow-up register kept across runs, the analyst's edits untouched,
recovered warnings closed, the outcome per intervention kind. Synthetic data only."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from mutasi_cli.cli import main
from mutasi_cli.cli.monitor import read_register
from mutasi_cli.evaluation import evaluate
from mutasi_cli.evaluation.monitor import clean_register, monitor
from mutasi_cli.io.write import RunInfo, write_workbook
from mutasi_cli.reports import monitor as report
from mutasi_cli.settings import Settings
from test_evaluation import history, nip, quarterly, roster

S = Settings()
SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


def city(quarters: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """2022Q3.. ``quarters`` quarters: two drops in 2024Q2 (nip 1 recovers, nip 2 does not), a
    mover who did not improve (nip 3), and 20 steady controls."""
    steps = {
        nip(1): [4, 4, 4, 4, 4, 4, 4, 2, 4, 4],
        nip(2): [4, 4, 4, 4, 4, 4, 4, 2, 2, 2],
        nip(3): [4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
    }
    steps |= {nip(10 + i): [4, 3, 4, 3, 4, 3, 4, 3, 4, 3] for i in range(20)}
    rows = {k: v[:quarters] for k, v in steps.items()}
    pegawai = roster(list(rows))
    return history(nip(3)), quarterly(rows), pegawai


def run_once(register: pd.DataFrame, quarters: int, per: date):
    riwayat, kinerja, pegawai = city(quarters)
    result = evaluate(riwayat, kinerja, pegawai=pegawai, per=per, settings=S)
    return monitor(register, result, kinerja, pegawai=pegawai, riwayat=riwayat, per=per, settings=S)


def edit(path: Path, nip_value: str, **cells: object) -> None:
    """What the analyst does in Excel: type into the row of ``nip_value``."""
    book = load_workbook(path)
    sheet = book[report.t("monitor.sheet.register", "id")]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("NIP")].value == nip_value:
            for label, value in cells.items():
                row[header.index(label)].value = value
    book.save(path)


def test_two_runs_keep_the_analysts_edit_and_close_the_recovered_warning(tmp_path: Path) -> None:
    path = tmp_path / "pemantauan.xlsx"
    first = run_once(clean_register(read_register(path))[0], 8, date(2024, 6, 30))
    register = first.register.set_index("nip")
    assert sorted(register.index) == [nip(1), nip(2), nip(3)]
    assert register.loc[nip(1), "sumber"] == "penurunan"
    assert register.loc[nip(1), "sasaran"] == pytest.approx(4 - 0.5)
    assert register.loc[nip(3), "sumber"] == "tidak_meningkat"
    assert register.loc[nip(3), "rekomendasi"] == "pendampingan"
    assert set(register["status"]) == {"direncanakan"} and set(register["kondisi"]) == {"terbuka"}
    assert first.counts["new"] == 3 and first.counts["closed"] == 0
    write_workbook(path, report.sheets(first, "id"), None)

    edit(
        path,
        nip(1),
        **{
            "Status Intervensi": "Berjalan",
            "Tanggal Mulai": datetime(2024, 7, 1),
            "Catatan": "Diklat teknis di BPSDM",
        },
    )
    edit(path, nip(3), **{"Intervensi Disarankan": "Pelatihan", "Catatan": "Minta atasan"})

    current, problems = clean_register(read_register(path))
    assert problems == []
    second = run_once(current, 10, date(2024, 12, 31))
    after = second.register.set_index("nip")
    assert len(second.register) == 3 and second.counts["new"] == 0  # nobody added twice
    # nip 1 back at 4 after the drop: closed; the analyst's cells exactly as typed
    assert after.loc[nip(1), "kondisi"] == "pulih"
    assert after.loc[nip(1), "ditutup"] == pd.Timestamp("2024-12-31")
    assert after.loc[nip(1), "status"] == "berjalan"
    assert after.loc[nip(1), "tanggal_mulai"] == pd.Timestamp("2024-07-01")
    assert after.loc[nip(1), "catatan"] == "Diklat teknis di BPSDM"
    assert after.loc[nip(3), "rekomendasi"] == "pelatihan"  # changed by the analyst: kept
    assert after.loc[nip(3), "catatan"] == "Minta atasan"
    # before/after the intervention date: 4, 4, 4, 2 before; 4, 4 after
    assert after.loc[nip(1), "rata_sebelum"] == pytest.approx(3.5)
    assert after.loc[nip(1), "rata_sesudah"] == pytest.approx(4.0)
    assert after.loc[nip(2), "kondisi"] == "terbuka"  # still at 2
    assert second.counts["closed"] == 1 and second.counts["open"] == 2
    outcomes = second.outcomes.set_index("kind")
    assert outcomes.loc["pendampingan", "n_rows"] == 1
    assert outcomes.loc["pendampingan", "verdict"] == "terlalu_sedikit"  # one person: no finding

    # written again and read back: the edit survives a second write too
    write_workbook(path, report.sheets(second, "id"), None, force=True)
    again = read_register(path).set_index("nip")
    assert again.loc[nip(1), "catatan"] == "Diklat teknis di BPSDM"
    assert again.loc[nip(1), "kondisi"] == "pulih" and again.loc[nip(1), "status"] == "berjalan"


def test_register_prints_readably_on_a4_and_keeps_who_in_view(tmp_path: Path) -> None:
    """22 columns fitted to one A4 page printed at about 30 % (unreadable): the register spreads
    over two pages wide, ID, NIP and name repeated on each and frozen on screen, long texts
    wrapped in columns of a readable width."""
    path = tmp_path / "pemantauan.xlsx"
    result = run_once(clean_register(read_register(path))[0], 8, date(2024, 6, 30))
    info = RunInfo("monitor", "test", date(2024, 6, 30), {}, [], datetime(2024, 6, 30), 0.0)
    write_workbook(path, report.sheets(result, "id"), info)
    sheet = load_workbook(path)[report.t("monitor.sheet.register", "id")]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["ID", "NIP", "Nama"]
    assert sheet.freeze_panes == "D2"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 2 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1" and sheet.print_title_cols == "$A:$C"
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
    repeated = sum(widths[:3])
    # characters a page carries: A4 landscape holds about 147 at 100 %; at least 60 % scale
    per_page = (sum(widths) - repeated) / 2 + repeated
    assert per_page <= 147 / 0.6, per_page
    alasan = sheet.cell(2, header.index("Alasan") + 1)
    assert alasan.alignment.wrap_text and len(str(alasan.value)) > widths[header.index("Alasan")]
    assert sheet.row_dimensions[2].height and sheet.row_dimensions[2].height > 15  # grown


def test_unreadable_analyst_cells_are_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "pemantauan.xlsx"
    first = run_once(clean_register(None)[0], 8, date(2024, 6, 30))
    write_workbook(path, report.sheets(first, "id"), None)
    typed = {
        "Status Intervensi": "Sudah",
        "Tanggal Mulai": "besok",
        "Intervensi Disarankan": "Belum",
    }
    edit(path, nip(2), **typed)
    current, problems = clean_register(read_register(path))
    assert sorted(p.code for p in problems) == ["monitor-bad-date", "monitor-bad-status"]
    assert all(p.nip == nip(2) and p.row for p in problems)
    second = run_once(current, 10, date(2024, 12, 31))
    assert second.register.set_index("nip").loc[nip(2), "status"] == "Sudah"  # kept as typed
    # and written back as typed: a word that is no code is not looked up as a label (was a
    # KeyError, exit 3, found by fuzzing the register)
    shown = report.register_table(second, "id").set_index("nip").loc[nip(2)]
    assert (shown["status"], shown["rekomendasi"]) == ("Sudah", "Belum")
    write_workbook(tmp_path / "kedua.xlsx", report.sheets(second, "en"), None)


def test_outcome_per_kind_uses_the_evaluation_estimator() -> None:
    """Twelve people mentored from 2024Q1 (rows the analyst typed in) who rise from 3 to 4,
    against controls that wander between 3 and 4."""
    rng = np.random.default_rng(3)
    mentored = [nip(i) for i in range(1, 13)]
    steps = {n: [3, 3, 3, 3, 3, 3, 4, 4, 4, 4] for n in mentored}
    steps |= {nip(100 + i): list(rng.choice([3, 4], 10)) for i in range(80)}
    kinerja = quarterly(steps)
    pegawai = roster(list(steps))
    riwayat = history(nip(999))
    per = date(2024, 12, 31)
    result = evaluate(riwayat, kinerja, pegawai=pegawai, per=per, settings=S)
    typed = pd.DataFrame(
        {
            "nip": mentored,
            "rekomendasi": "Pendampingan",
            "status": "Selesai",
            "tanggal_mulai": "01/01/2024",
            "sejak": "31/12/2023",
            "excel_row": range(2, 14),
        }
    )
    register, problems = clean_register(report.to_codes(typed))
    assert problems == []
    out = monitor(register, result, kinerja, pegawai=pegawai, riwayat=riwayat, per=per, settings=S)
    assert out.register["id"].str.fullmatch(r"PMT-\d{4}").all()  # typed rows get an id
    row = out.outcomes.set_index("kind").loc["pendampingan"]
    assert row["n_rows"] == 12 and row["n_moved"] == 12
    assert row["mover_change"] == pytest.approx(1.0)  # 3, 3, 3, 3 -> 4, 4, 4, 4
    assert row["low"] > 0 and row["verdict"] == "pulih"
    assert row["estimate"] < row["mover_change"]  # matched controls at 3 also drift up a bit
    assert out.outcomes.set_index("kind").loc["pelatihan", "verdict"] == "belum_ada_data"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="sample_data not present")
def test_cli_runs_twice_for_cron_with_exit_zero(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "kota"
    shutil.copytree(SAMPLE, folder)
    register = folder / "pemantauan.xlsx"
    args = ["monitor", "--config", str(folder / "mutasi.toml"), "--per", "2025-06-30", "--json"]
    args += ["--register", str(register)]
    with pytest.raises(SystemExit) as first_exit:
        main(args)
    first = json.loads(capsys.readouterr().out)
    assert first_exit.value.code == 0 and first["exit_code"] == 0
    assert first["new"] == first["rows"] > 0 and first["closed"] == 0
    nip_value = read_register(register)["nip"].iloc[0]
    edit(register, nip_value, **{"Status Intervensi": "Selesai", "Catatan": "dicatat"})
    with pytest.raises(SystemExit) as second_exit:
        main(args)
    second = json.loads(capsys.readouterr().out)
    assert second_exit.value.code == 0
    assert second["new"] == 0 and second["rows"] == first["rows"]
    assert second["status_selesai"] == 1
    kept = read_register(register).set_index("nip")
    assert kept.loc[nip_value, "catatan"] == "dicatat"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="sample_data not present")
def test_evaluate_control_flag_all_and_a_bad_value(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "kota"
    shutil.copytree(SAMPLE, folder)
    base = ["evaluate", "--config", str(folder / "mutasi.toml"), "--per", "2025-06-30"]
    with pytest.raises(SystemExit) as done:
        main([*base, "--control", "all", "--json", "--out", str(tmp_path / "e.xlsx")])
    summary = json.loads(capsys.readouterr().out)
    assert done.value.code == 0
    assert summary["did"]["n_matched"] == 0 and summary["did"]["n_control"] == summary["control"]
    with pytest.raises(SystemExit) as bad:
        main([*base, "--control", "nearest", "--out", str(tmp_path / "f.xlsx")])
    assert bad.value.code == 2 and "'nearest'" in capsys.readouterr().err
    assert not (tmp_path / "f.xlsx").exists()


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="sample_data not present")
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "kolom Status Intervensi, Tanggal Mulai."), ("en", "Intervention status, Start date.")],
)
def test_another_workbook_given_as_the_register_is_refused_untouched(
    capsys, tmp_path: Path, lang: str, expected: str
) -> None:
    """The history given as the register (the register is rewritten in place) is refused
    before anything is written, naming the missing columns by their headers (they were a
    Python list of internal names: "['status', 'tanggal_mulai']")."""
    folder = tmp_path / "kota"
    shutil.copytree(SAMPLE, folder)
    history = folder / "riwayat_mutasi.xlsx"
    before = history.read_bytes()
    args = ["monitor", "--config", str(folder / "mutasi.toml"), "--per", "2025-06-30", "--json"]
    with pytest.raises(SystemExit) as done:
        main([*args, "--register", str(history), "--lang", lang])
    payload = json.loads(capsys.readouterr().out)
    assert done.value.code == 1 and payload["code"] == "monitor.error.register_columns"
    assert payload["error"].endswith(expected) and "[" not in payload["error"]
    assert history.read_bytes() == before and payload["outputs"] == []
