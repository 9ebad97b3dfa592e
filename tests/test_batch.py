"""Batch use and the full round trip on a small sample city (issue 5).

A prepared folder (the sample city with its mutasi.toml naming every input under [paths]) runs
every command with no file arguments and ``--json`` prints one JSON object only. The committee's
review is edited like a person would in Excel, then finalized: the decree documents, the updated
roster and the history must hold exactly the approved moves, and a second finalize adds nothing.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from mutasi_cli.cli import main
from mutasi_cli.i18n import t
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.sample import generate_city, write_city

PER = "2026-12-01"


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kota")
    frames = generate_city(employees=400, seed=7, per=date(2026, 12, 1))
    write_city(frames, folder, force=False, created=datetime(2026, 1, 1))
    return folder


@pytest.fixture
def folder(city: Path, tmp_path: Path, monkeypatch) -> Path:
    work = tmp_path / "kota"
    shutil.copytree(city, work)
    monkeypatch.chdir(work)
    return work


def run(capsys, *args: str) -> tuple[int, dict]:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--json", "--quiet"])
    out, _ = capsys.readouterr()
    return int(exit_info.value.code or 0), json.loads(out)  # stdout is exactly one JSON object


def test_every_command_runs_from_the_prepared_folder(capsys, folder: Path):
    code, summary = run(capsys, "validate", "--per", PER)
    assert code == 0 and len(summary["files"]) == 7
    code, summary = run(capsys, "analyze-needs", "--per", PER)
    assert code == 0 and Path(summary["outputs"][0]).name == f"analisis-kebutuhan-{PER}.xlsx"
    code, summary = run(capsys, "propose", "--per", PER)
    assert code == 0 and summary["moves"] > 0
    review = Path(summary["outputs"][0])
    assert review.name == f"usulan-mutasi-{PER}.xlsx"
    with (folder / "mutasi.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'review = "{review.name}"\n')  # [paths] is the last table in the file
    code, summary = run(capsys, "finalize", "--tmt", "2027-01-01")
    assert code == 0 and summary["approved"] == 0 and summary["deferred"] > 0  # empty = Tunda
    code, summary = run(capsys, "evaluate", "--per", PER)
    assert code == 0 and summary["moved"] > 0
    assert {"estimate", "low", "high", "n_moved", "n_control"} <= summary["did"].keys()


def _decide(review: Path, dest: Path) -> dict[str, str]:
    """Edit like an analyst: reorder columns, sort rows, add a column, decide in odd spellings.

    Returns nip -> decision typed. Chains are respected: a move into a seat someone vacates is
    approved only together with that person's own move.
    """
    wb = load_workbook(review)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    nip_col = header.index(t("propose.col.nip", "id"))
    dec_col = header.index(t("propose.col.keputusan", "id"))
    rep_col = header.index(t("propose.col.replaces", "id"))
    # "Menggantikan" reads "Nama (NIP)"; the chain logic below needs the NIP alone
    holders = [re.search(r"\d{18}", r[rep_col] or "") for r in rows]
    rows = [[*r, h.group() if h else None] for r, h in zip(rows, holders, strict=True)]
    rep_col = len(header)
    decided: dict[str, str] = {}
    by_nip = {r[nip_col]: r for r in rows}
    for index, r in enumerate(sorted(rows, key=lambda r: r[nip_col])):
        if r[nip_col] in decided:
            continue
        choice = ("SETUJU ", "ya", "Tolak", None)[index % 4]
        chain = [r]
        while chain[-1][rep_col] and chain[-1][rep_col] in by_nip:  # approve whole chains
            nxt = by_nip[chain[-1][rep_col]]
            if nxt[nip_col] in decided or nxt in chain:
                break
            chain.append(nxt)
        for member in chain:
            decided[member[nip_col]] = choice
    # Any move into a seat whose holder is not approved must not be approved either.
    approved = {n for n, d in decided.items() if d in ("SETUJU ", "ya")}
    changed = True
    while changed:
        changed = False
        for r in rows:
            if (
                r[nip_col] in approved
                and r[rep_col]
                and r[rep_col] in by_nip
                and r[rep_col] not in approved
            ):
                approved.discard(r[nip_col])
                decided[r[nip_col]] = "Tolak"
                changed = True
    for r in rows:
        r[dec_col] = decided.get(r[nip_col])
    order = list(reversed(range(len(header))))  # columns reversed, plus an extra one
    ws.delete_rows(1, ws.max_row)
    ws.append([header[i] for i in order] + ["Paraf"])
    for r in sorted(rows, key=lambda r: str(r[nip_col]), reverse=True):
        ws.append([r[i] for i in order] + ["ok"])  # the extra NIP column is left out
    wb.save(dest)
    return decided


def test_round_trip_propose_edit_finalize(capsys, folder: Path):
    code, summary = run(capsys, "propose", "--per", PER)
    assert code == 0
    review = Path(summary["outputs"][0])
    decided = _decide(review, folder / "keputusan.xlsx")
    approved = sorted(n for n, d in decided.items() if d in ("SETUJU ", "ya"))
    assert approved, "the sample proposal should have moves to approve"

    out_dir = folder / "penetapan"
    code, summary = run(
        capsys,
        "finalize",
        "keputusan.xlsx",
        "--riwayat",
        "riwayat_mutasi.xlsx",
        "--tmt",
        "2027-01-01",
        "--out-dir",
        str(out_dir),
    )
    assert code == 0, summary
    assert summary["approved"] == len(approved)
    assert summary["rejected"] + summary["deferred"] + summary["approved"] == len(decided)
    assert summary["conflicts"] == 0

    # Decree drafts: exactly the approved people (one SK per track; NIP written officially).
    decrees = sorted(out_dir.glob("sk-mutasi-2027-01-01*.docx"))
    assert 1 <= len(decrees) <= 3  # pelaksana/fungsional, administrator/pengawas, JPT
    collective = Document(decrees[0])
    table_text = "\n".join(
        c.text for d in decrees for tbl in Document(d).tables for r in tbl.rows for c in r.cells
    )
    for nip in decided:
        written = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
        assert (written in table_text) == (nip in approved)
    petikan = sorted((out_dir / "petikan-sk-mutasi-2027-01-01").glob("*.docx"))
    assert len(petikan) == len(approved)
    assert sorted(p.stem.rsplit("_", 1)[1] for p in petikan) == approved
    assert "terhitung mulai tanggal 1 Januari 2027" in table_text  # KEDUA, the TMT
    signed = "\n".join(p.text for p in collective.paragraphs)
    assert "pada tanggal 1 Januari 2027" not in signed  # Tanggal SK is today, not the TMT

    # The updated roster differs from the old one by exactly the approved moves.
    old = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame.set_index("nip")
    new_path = out_dir / "pegawai-setelah-mutasi-2027-01-01.xlsx"
    new = normalize(read_table(new_path, "pegawai")).frame.set_index("nip")
    assert sorted(new.index) == sorted(old.index)
    moved = (
        new[["unit_kerja", "jabatan"]].ne(old.loc[new.index, ["unit_kerja", "jabatan"]]).any(axis=1)
    )
    assert sorted(moved[moved].index) == approved

    # History: each approved move once; a second finalize adds nothing.
    history_path = out_dir / "riwayat_mutasi-2027-01-01.xlsx"
    history = normalize(read_table(history_path, "riwayat_mutasi")).frame
    old_history = normalize(read_table(folder / "riwayat_mutasi.xlsx", "riwayat_mutasi")).frame
    added = history.iloc[len(old_history) :]
    assert sorted(added["nip"]) == approved
    code, again = run(
        capsys,
        "finalize",
        "keputusan.xlsx",
        "--riwayat",
        str(history_path),
        "--tmt",
        "2027-01-01",
        "--out-dir",
        str(folder / "lagi"),
    )
    assert code == 0 and again["history_added"] == 0


def test_a_decision_that_means_nothing_writes_nothing(capsys, folder: Path):
    code, summary = run(capsys, "propose", "--per", PER)
    review = Path(summary["outputs"][0])
    wb = load_workbook(review)
    ws = wb.worksheets[0]
    col = [c.value for c in ws[1]].index(t("propose.col.keputusan", "id")) + 1
    ws.cell(row=2, column=col, value="mungkin")
    wb.save(folder / "ragu.xlsx")
    out_dir = folder / "hasil"
    code, summary = run(capsys, "finalize", "ragu.xlsx", "--out-dir", str(out_dir))
    assert code == 1
    assert summary["outputs"] == []
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_concurrent_run_waits_then_stops_with_a_clear_message(capsys, folder: Path, monkeypatch):
    from filelock import FileLock

    from mutasi_cli.cli import common

    monkeypatch.setattr(common, "LOCK_WAIT_SECONDS", 0.3)
    out = folder  # out_dir = "." in the prepared mutasi.toml
    # another run holds the folder's OS lock
    with FileLock(str(out / common.LOCK_NAME)), pytest.raises(SystemExit) as exit_info:
        main(["analyze-needs", "--per", PER])
    _, err = capsys.readouterr()
    assert int(exit_info.value.code) == 1
    assert "sedang dipakai" in err


def test_a_lock_file_left_behind_never_blocks(capsys, folder: Path):
    from mutasi_cli.cli import common

    out = folder
    (out / common.LOCK_NAME).write_text("garbage \x00 not a pid")  # left by a killed run
    code, summary = run(capsys, "analyze-needs", "--per", PER)
    assert code == 0 and summary["outputs"]


def test_demo_runs_the_whole_cycle(capsys, tmp_path: Path):
    code, summary = run(capsys, "demo", "--out", str(tmp_path / "demo"), "--employees", "300")
    assert code == 0
    steps = summary["steps"]
    assert list(steps) == [
        "sample-data",
        "validate",
        "analyze-needs",
        "propose",
        "finalize",
        "evaluate",
    ]
    assert steps["validate"]["errors"] == 0
    assert steps["finalize"]["approved"] == steps["propose"]["moves"] > 0  # demo approves all
    assert steps["evaluate"]["did"]["n_moved"] > 0
    needs = Path(steps["analyze-needs"]["outputs"][0])
    info = {r[0]: r[1] for r in load_workbook(needs)["Info"].iter_rows(values_only=True)}
    command_line = next(v for v in info.values() if isinstance(v, str) and v.startswith("mutasi "))
    assert command_line.startswith("mutasi analyze-needs")  # each step records its own line


def _split_sheet(path: Path, parts: int) -> list[str]:
    """The workbook's one sheet split into ``parts`` sheets of consecutive rows, the header on
    each (as offices keep a roster one sheet per unit). Returns the sheet names."""
    book = load_workbook(path)
    whole = book.worksheets[0]
    header, *body = whole.iter_rows(values_only=True)
    size = -(-len(body) // parts)
    book.remove(whole)
    for k in range(parts):
        sheet = book.create_sheet(f"Unit {k + 1}")
        for values in [header, *body[k * size : (k + 1) * size]]:
            sheet.append(values)
    book.save(path)
    return book.sheetnames


def test_a_roster_and_history_kept_one_sheet_per_unit_go_through_the_cycle(capsys, folder: Path):
    """Split over sheets, the roster proposes the same moves as whole; finalize changes each
    mover's cells in their own sheet and nothing else, and appends the history below its last
    sheet. (Before, only the longest sheet was read, with a warning.)"""
    code, whole = run(capsys, "propose", "--per", PER, "--out", "utuh.xlsx")
    assert code == 0
    sheets = _split_sheet(folder / "pegawai.xlsx", 3)
    _split_sheet(folder / "riwayat_mutasi.xlsx", 2)
    code, summary = run(capsys, "propose", "--per", PER)
    assert code == 0
    assert (summary["moves"], summary["objective"]) == (whole["moves"], whole["objective"])
    decided = _decide(Path(summary["outputs"][0]), folder / "keputusan.xlsx")
    approved = sorted(n for n, d in decided.items() if d in ("SETUJU ", "ya"))
    out = folder / "penetapan"
    code, summary = run(capsys, "finalize", "keputusan.xlsx", "--riwayat", "riwayat_mutasi.xlsx",
                        "--tmt", "2027-01-01", "--out-dir", str(out))  # fmt: skip
    assert code == 0, summary
    before = load_workbook(folder / "pegawai.xlsx")
    after = load_workbook(out / "pegawai-setelah-mutasi-2027-01-01.xlsx")
    assert after.sheetnames == sheets
    changed = [
        old[0]
        for name in sheets
        for old, new in zip(
            before[name].iter_rows(values_only=True),
            after[name].iter_rows(values_only=True),
            strict=True,
        )
        if old != new
    ]
    assert sorted(changed) == approved
    history = load_workbook(out / "riwayat_mutasi-2027-01-01.xlsx")
    old_history = load_workbook(folder / "riwayat_mutasi.xlsx")
    rows = [sheet.max_row for sheet in old_history.worksheets]
    assert [sheet.max_row for sheet in history.worksheets] == [rows[0], rows[1] + len(approved)]


def _problems(path: Path) -> list[tuple]:
    """(code, sheet, cell, column, value) of each row of an output's data-problem sheet."""
    rows = list(load_workbook(path)["Masalah Data"].iter_rows(values_only=True))
    at = {name: k for k, name in enumerate(rows[0])}
    keys = ("Kode", "Lembar", "Sel", "Kolom", "Nilai")
    return [tuple(r[at[k]] for k in keys) for r in rows[1:]]


def test_problems_the_commands_find_name_the_cell_of_the_input(capsys, folder: Path):
    """A command's own checks (a NIP nobody on the roster has) know a table and a row; the
    output names the input's sheet and cell, as validate does: in a table kept one sheet per
    unit, the sheet holding that row (both hold a row 3: the NIP tells), and the sheet of a
    one-sheet input whatever it is called, and the column by its label. (Before: sheet
    "kinerja", no cell, column "nip".)"""
    stranger = "199901012020011001"
    _split_sheet(folder / "kinerja.xlsx", 2)
    book = load_workbook(folder / "kinerja.xlsx")
    book["Unit 2"]["A3"] = stranger
    book.save(folder / "kinerja.xlsx")
    code, summary = run(capsys, "evaluate", "--per", PER)
    assert code == 0
    found = [p for p in _problems(Path(summary["outputs"][0])) if p[0] == "nip-unknown"]
    assert found == [("nip-unknown", "Unit 2", "'Unit 2'!A3", "NIP", stranger)]
    code, _ = run(capsys, "monitor", "--per", PER, "--register", "pemantauan.xlsx")
    assert code == 0  # the follow-up register lists the same input problem (before: none)
    found = [p for p in _problems(folder / "pemantauan.xlsx") if p[0] == "nip-unknown"]
    assert found == [("nip-unknown", "Unit 2", "'Unit 2'!A3", "NIP", stranger)]

    book = load_workbook(folder / "aspirasi.xlsx")
    sheet = book.worksheets[0]
    sheet.title = "Usulan Pegawai"
    sheet.append([stranger, *[c.value for c in sheet[2]][1:]])
    book.save(folder / "aspirasi.xlsx")
    code, summary = run(capsys, "propose", "--per", PER)
    assert code == 0
    found = [p for p in _problems(Path(summary["outputs"][0])) if p[0] == "nip-unknown"]
    row = sheet.max_row
    assert found == [("nip-unknown", "Usulan Pegawai", f"'Usulan Pegawai'!A{row}", "NIP", stranger)]
