"""Fault injection (issue 12): tampered reviews, hostile files, interrupted runs, analyst mistakes.

* finalize accepts only what was proposed: tampered reviews are refused with codes and cells;
  the committee's own moves go through "Usulan Tambahan" and the same rules.
* A set of small hostile files (zip bombs, a huge row, a huge shared string, a lying zip
  directory, a damaged part) is refused under a memory cap, in a subprocess.
* SIGTERM, SIGINT and SIGKILL at several points of finalize leave no partial set; a leftover is
  cleaned at the next run; a --force rerun with fewer approvals leaves no old petikan.
* The twelve analyst mistakes of the issue each end with exit 1 or 2 and a coded message.
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from mutasi_cli.cli import main
from mutasi_cli.finalize import read_review
from mutasi_cli.finalize.verify import read_extras, verify
from mutasi_cli.i18n import t
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.io.write import MANIFEST_NAME, STAGING_PREFIX
from mutasi_cli.reports.proposal_record import RECORD_SHEET
from mutasi_cli.sample import generate_city, write_city
from mutasi_cli.settings import Settings

PER = "2026-12-01"
TMT = "2027-01-01"
SRC = Path(__file__).resolve().parents[1] / "src"
MB = 1 << 20


# ---- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    """The sample city with its proposal (usulan.xlsx) made once for the module."""
    folder = tmp_path_factory.mktemp("kota")
    frames = generate_city(employees=400, seed=7, per=date(2026, 12, 1))
    write_city(frames, folder, force=False, created=datetime(2026, 1, 1))
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with pytest.raises(SystemExit) as done:
            main(["propose", "--per", PER, "--out", "usulan.xlsx", "--quiet"])
        assert done.value.code in (0, None)
    finally:
        os.chdir(cwd)
    return folder


@pytest.fixture
def folder(city: Path, tmp_path: Path, monkeypatch) -> Path:
    work = tmp_path / "kota"
    shutil.copytree(city, work)
    monkeypatch.chdir(work)
    return work


def cli(capsys, *args: str) -> tuple[int, dict, str]:
    """Run in-process with --json; (exit code, the one JSON object on stdout, stderr)."""
    with pytest.raises(SystemExit) as done:
        main([*args, "--json"])
    out, err = capsys.readouterr()
    return int(done.value.code or 0), json.loads(out), err


def header_index(ws) -> dict[str, int]:
    return {str(c.value): i for i, c in enumerate(ws[1]) if c.value is not None}


def decide(review: Path, dest: Path, choose) -> list[str]:
    """Copy the review with ``choose(row_dict) -> decision or None`` per row; returns the NIPs
    approved. Rows are dicts label -> value; the function may also edit them."""
    wb = load_workbook(review)
    ws = wb.worksheets[0]
    cols = header_index(ws)
    nip_label, dec_label = t("propose.col.nip", "id"), t("propose.col.keputusan", "id")
    approved = []
    for row in ws.iter_rows(min_row=2):
        values = {label: row[j].value for label, j in cols.items()}
        decision = choose(values)
        for label, j in cols.items():
            if values[label] != row[j].value:
                row[j].value = values[label]
        row[cols[dec_label]].value = decision
        if decision == "Setuju":
            approved.append(values[nip_label])
    wb.save(dest)
    return approved


def approve_all(review: Path, dest: Path) -> list[str]:
    return decide(review, dest, lambda r: "Setuju")


def label(key: str) -> str:
    return t(key, "id")


def checked(folder: Path, review: Path, pegawai: pd.DataFrame | None = None):
    """The core check finalize runs (codes and cells, independent of console width)."""
    peg = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame
    jab = normalize(read_table(folder / "jabatan.xlsx", "jabatan")).frame
    abk = normalize(read_table(folder / "beban_kerja.xlsx", "beban_kerja")).frame
    rev = read_review(review)
    return verify(
        rev,
        read_extras(review),
        peg if pegawai is None else pegawai,
        jab,
        per=date(2026, 12, 1),
        settings=Settings(),
        beban_kerja=abk,
    )


def codes(issues) -> list[str]:
    return [i.code for i in issues if i.level == "error"]


# ---- finalize accepts only what was proposed ----------------------------------------------------
def test_untouched_review_passes_verification(folder: Path):
    approve_all(folder / "usulan.xlsx", folder / "ok.xlsx")
    assert codes(checked(folder, folder / "ok.xlsx").issues) == []


def test_added_row_for_an_outsider_is_refused(folder: Path, capsys):
    review = folder / "usulan.xlsx"
    proposed = set(read_review(review).frame["nip"])
    roster = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame
    outsider = next(n for n in roster["nip"] if n not in proposed)
    wb = load_workbook(review)
    ws = wb.worksheets[0]
    cols = header_index(ws)
    row = [None] * ws.max_column
    row[cols[label("propose.col.nip")]] = outsider
    row[cols[label("propose.col.from_unit")]] = roster.set_index("nip").at[outsider, "unit_kerja"]
    row[cols[label("propose.col.from_jabatan")]] = roster.set_index("nip").at[outsider, "jabatan"]
    row[cols[label("propose.col.to_unit")]] = "Sekretariat Daerah"
    row[cols[label("propose.col.to_jabatan")]] = "Sekretaris Daerah"
    row[cols[label("propose.col.seat")]] = "V:Sekretariat Daerah|Sekretaris Daerah#1"
    row[cols[label("propose.col.keputusan")]] = "Setuju"
    ws.append(row)
    wb.save(folder / "tambah.xlsx")

    issues = checked(folder, folder / "tambah.xlsx").issues
    added = [i for i in issues if i.code == "review-row-not-proposed"]
    assert [i.nip for i in added] == [outsider]
    assert added[0].cell == f"'Usulan Mutasi'!{added[0].cell.split('!')[1]}"
    assert added[0].row == ws.max_row

    out = folder / "hasil"
    code, summary, _ = cli(capsys, "finalize", "tambah.xlsx", "--out-dir", str(out), "-q")
    assert code == 1 and summary["outputs"] == [] and not out.exists()


def test_nip_changed_to_another_employee_is_refused(folder: Path):
    review = folder / "usulan.xlsx"
    nip_label = label("propose.col.nip")
    proposed = set(read_review(review).frame["nip"])
    roster = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame
    other = next(n for n in roster["nip"] if n not in proposed)
    first = []

    def swap(row):
        if not first:
            first.append(row[nip_label])
            row[nip_label] = other
        return "Setuju"

    decide(review, folder / "tukar.xlsx", swap)
    issues = checked(folder, folder / "tukar.xlsx").issues
    assert "review-row-not-proposed" in codes(issues)
    assert any(i.nip == other for i in issues if i.code == "review-row-not-proposed")


def test_edited_destination_and_blanked_seat_name_their_cells(folder: Path):
    review = folder / "usulan.xlsx"
    to_unit, seat = label("propose.col.to_unit"), label("propose.col.seat")
    edited: dict[str, str] = {}

    def edit(row):
        nip = row[label("propose.col.nip")]
        if not edited:
            row[to_unit] = "Dinas Yang Tidak Ada"
            edited["unit"] = nip
        elif len(edited) == 1:
            row[seat] = None  # hides a chain or a double booking
            edited["seat"] = nip
        return "Setuju"

    decide(review, folder / "ubah.xlsx", edit)
    issues = [
        i for i in checked(folder, folder / "ubah.xlsx").issues if i.code == "review-row-changed"
    ]
    by_nip = {i.nip: i for i in issues}
    assert set(by_nip) == {edited["unit"], edited["seat"]}
    rev = read_review(folder / "ubah.xlsx")
    unit_issue, seat_issue = by_nip[edited["unit"]], by_nip[edited["seat"]]
    assert unit_issue.cell == rev.cell("to_unit", unit_issue.row)
    assert "Dinas Yang Tidak Ada" in unit_issue.message("id")
    assert seat_issue.cell == rev.cell("seat", seat_issue.row)


def test_an_edit_in_the_shown_destination_is_refused_not_ignored(folder: Path):
    """The committee reads "Unit/Jabatan Tujuan" beside its decision; finalize applies the
    machine columns far to the right. A destination typed over the shown cell was ignored and
    the proposed move written into the decree; now it is review-row-changed at that cell, and
    the message names the NIP (it named the edited value)."""
    shown = label("propose.review.to")
    edited: dict[str, str] = {}

    def edit(row):
        if not edited:
            row[shown] = "Analis Kepegawaian\nDinas Yang Tidak Ada"
            edited["nip"] = row[label("propose.col.nip")]
        return "Setuju"

    decide(folder / "usulan.xlsx", folder / "tampil.xlsx", edit)
    [issue] = [
        i for i in checked(folder, folder / "tampil.xlsx").issues if i.code == "review-row-changed"
    ]
    rev = read_review(folder / "tampil.xlsx")
    assert issue.nip == edited["nip"] and issue.cell == rev.cell("to_shown", issue.row)
    assert f"NIP {edited['nip']} " in issue.message("id")
    assert "Dinas Yang Tidak Ada" in issue.message("id")
    approve_all(folder / "usulan.xlsx", folder / "utuh.xlsx")  # untouched: nothing refused
    assert not [i for i in checked(folder, folder / "utuh.xlsx").issues if i.level == "error"]


def test_edited_hidden_record_is_refused(folder: Path):
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    wb = load_workbook(folder / "semua.xlsx")
    ws = wb[RECORD_SHEET]
    assert ws.sheet_state == "hidden" and ws.protection.sheet
    ws.cell(row=2, column=4, value="Sekretariat Daerah")  # rec:to_unit of the first move
    wb.save(folder / "palsu.xlsx")
    assert codes(checked(folder, folder / "palsu.xlsx").issues) == ["review-record-tampered"]
    del wb[RECORD_SHEET]
    wb.save(folder / "tanpa.xlsx")
    assert codes(checked(folder, folder / "tanpa.xlsx").issues) == ["review-record-missing"]


def test_roster_change_breaking_a_rule_is_caught(folder: Path):
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    roster = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame
    moved = read_review(folder / "semua.xlsx").frame["nip"].iloc[0]
    roster.loc[roster["nip"] == moved, "hukuman_disiplin"] = "Penurunan jabatan"
    roster.loc[roster["nip"] == moved, "hukuman_selesai"] = pd.NaT
    issues = checked(folder, folder / "semua.xlsx", pegawai=roster).issues
    broken = [i for i in issues if i.code == "move-rule-broken"]
    assert [i.nip for i in broken] == [moved]
    assert label("propose.exclusion.hukuman") in broken[0].message("id")


def _vacancy_move(review: Path) -> dict:
    frame = read_review(review).frame
    chained = set(frame["replaces"].dropna())
    vacancy = frame[~frame["seat"].str.startswith("S:") & ~frame["nip"].isin(chained)]
    return vacancy.iloc[0].to_dict()


def _add_manual(review: Path, dest: Path, rows: list[tuple[str, str, str]], reject: str = ""):
    wb = load_workbook(review)
    ws = wb.worksheets[0]
    cols = header_index(ws)
    for row in ws.iter_rows(min_row=2):
        keep = row[cols[label("propose.col.nip")]].value != reject
        row[cols[label("propose.col.keputusan")]].value = None if keep else "Tolak"
    extra = wb[t("trust.sheet.additions", "id")]
    cols = header_index(extra)
    for r, (nip, unit, jabatan) in enumerate(rows, start=2):
        extra.cell(row=r, column=cols[label("propose.col.nip")] + 1, value=nip)
        extra.cell(row=r, column=cols[label("propose.col.to_unit")] + 1, value=unit)
        extra.cell(row=r, column=cols[label("propose.col.to_jabatan")] + 1, value=jabatan)
        extra.cell(row=r, column=cols[label("propose.col.keputusan")] + 1, value="Setuju")
    wb.save(dest)


def test_manual_addition_is_checked_and_reported_as_manual(folder: Path, capsys):
    move = _vacancy_move(folder / "usulan.xlsx")
    _add_manual(
        folder / "usulan.xlsx",
        folder / "manual.xlsx",
        [(move["nip"], move["to_unit"], move["to_jabatan"])],
        reject=move["nip"],
    )
    verified = checked(folder, folder / "manual.xlsx")
    assert codes(verified.issues) == [] and verified.manual == 1
    assert [i.code for i in verified.issues] == ["review-manual-move"]
    assert verified.issues[0].cell.startswith("'Usulan Tambahan'!")

    out = folder / "hasil"
    code, summary, _ = cli(
        capsys, "finalize", "manual.xlsx", "--tmt", TMT, "--out-dir", str(out), "-q"
    )
    assert code == 0, summary
    assert [m["nip"] for m in summary["moves_detail"]] == [move["nip"]]
    roster = normalize(read_table(out / f"pegawai-setelah-mutasi-{TMT}.xlsx", "pegawai")).frame
    after = roster.set_index("nip").loc[move["nip"]]
    assert (after["unit_kerja"], after["jabatan"]) == (move["to_unit"], move["to_jabatan"])


def test_manual_additions_break_rules_seats_and_the_map(folder: Path):
    move = _vacancy_move(folder / "usulan.xlsx")
    roster = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame
    crowd = [n for n in roster["nip"] if n != move["nip"]][:6]
    rows = [(n, move["to_unit"], move["to_jabatan"]) for n in crowd]
    rows.append((move["nip"], "Dinas Yang Tidak Ada", "Kepala Dinas"))
    rows.append(("199001012015031999", move["to_unit"], move["to_jabatan"]))  # not on the roster
    _add_manual(folder / "usulan.xlsx", folder / "kacau.xlsx", rows, reject=move["nip"])
    found = codes(checked(folder, folder / "kacau.xlsx").issues)
    assert "move-no-seat" in found
    assert "move-position-unknown" in found
    assert "review-nip-unknown" in found


def test_symbols_as_decisions_are_errors_listing_the_spellings(folder: Path):
    marks = iter(["✓", "✔", "❌", "?"])
    decide(folder / "usulan.xlsx", folder / "simbol.xlsx", lambda r: next(marks, None))
    review = read_review(folder / "simbol.xlsx")
    unknown = [i for i in review.issues if i.code == "review-decision-unknown"]
    assert [i.value for i in unknown] == ["✓", "✔", "❌", "?"]
    message = unknown[0].message("id")
    assert "setuju" in message and "tolak" in message and "tunda" in message


def test_roster_resaved_with_the_same_content_is_not_changed(folder: Path, capsys):
    wb = load_workbook(folder / "pegawai.xlsx")
    wb.properties.creator = "LibreOffice"
    wb.save(folder / "pegawai.xlsx")  # other bytes, same cells
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    code, summary, _ = cli(
        capsys, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(folder / "o"), "-q"
    )
    assert code == 0, summary


def test_history_repeating_a_move_under_another_tmt_warns(folder: Path, capsys):
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    first = folder / "satu"
    code, summary, _ = cli(
        capsys,
        "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(first), "-q",
    )  # fmt: skip
    assert code == 0
    history = first / f"riwayat_mutasi-{TMT}.xlsx"
    code, again, _ = cli(
        capsys,
        "finalize", "semua.xlsx", "--riwayat", str(history), "--tmt", "2027-02-01",
        "--out-dir", str(folder / "dua"), "--force", "-q",
    )  # fmt: skip
    assert code == 0
    assert again["input_warnings"] >= summary["approved"]  # one history warning per repeat
    decided = load_workbook(folder / "dua" / "mutasi-ditetapkan-2027-02-01.xlsx")
    problems = decided[t("issues.sheet", "id")]
    rows = [set(r) for r in problems.iter_rows(min_row=2, values_only=True)]
    marks = {"history-repeated-move", t("issue.history-repeated-move", "id")}
    assert sum(1 for r in rows if r & marks) == summary["approved"]


# ---- output sets: all or nothing -------------------------------------------------------------
def _set_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _manifest_matches(folder: Path) -> bool:
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    return listed | {MANIFEST_NAME} == _set_files(folder)


def test_force_rerun_with_fewer_approvals_leaves_no_old_petikan(folder: Path, capsys):
    approved = approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    out = folder / "penetapan"
    code, first, _ = cli(capsys, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(out))
    assert code == 0 and _manifest_matches(out)
    petikan = out / f"petikan-sk-mutasi-{TMT}"
    assert len(list(petikan.glob("*.docx"))) == len(approved) > 3

    move = _vacancy_move(folder / "usulan.xlsx")
    decide(
        folder / "usulan.xlsx",
        folder / "satu.xlsx",
        lambda r: "Setuju" if r[label("propose.col.nip")] == move["nip"] else "Tolak",
    )
    code, summary, err = cli(capsys, "finalize", "satu.xlsx", "--tmt", TMT, "--out-dir", str(out))
    assert code == 1 and "--force" in err  # an earlier set is kept unless --force
    assert len(list(petikan.glob("*.docx"))) == len(approved)
    code, summary, _ = cli(
        capsys, "finalize", "satu.xlsx", "--tmt", TMT, "--out-dir", str(out), "--force"
    )
    assert code == 0 and summary["approved"] == 1
    assert [p.stem.rsplit("_", 1)[1] for p in petikan.glob("*.docx")] == [move["nip"]]
    assert _manifest_matches(out)
    assert not [p for p in folder.iterdir() if p.name.startswith(".mutasi-")]


def test_folder_with_other_files_is_never_replaced(folder: Path, capsys):
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    out = folder / "dokumen-kantor"
    out.mkdir()
    (out / "penting.docx").write_bytes(b"keep me")
    code, summary, err = cli(
        capsys, "finalize", "semua.xlsx", "--out-dir", str(out), "--force", "-q"
    )
    assert code == 1 and (out / "penting.docx").read_bytes() == b"keep me"
    assert _set_files(out) == {"penting.docx"}


@pytest.mark.parametrize(
    ("command", "out"),
    [
        ("propose", ["--out", "pegawai.xlsx"]),  # the roster it read
        ("analyze-needs", ["--out", "./jabatan.xlsx"]),  # the position table, spelt otherwise
        ("evaluate", ["--out", "riwayat_mutasi.xlsx"]),
        ("validate", ["pegawai.xlsx", "--annotate", "pegawai.xlsx"]),
    ],
)
def test_an_output_never_replaces_an_input_even_with_force(folder: Path, capsys, command, out):
    """``--out`` naming an input by mistake (the roster, the position table, the history, the
    annotated copy over its source) stops with output-is-input; with ``--force`` too, the
    input is unchanged and nothing is written."""
    before = {p.name: p.read_bytes() for p in folder.glob("*.xlsx")}
    args = [command, *out] if command == "validate" else [command, "--per", PER, *out]
    code, summary, err = cli(capsys, *args, "--force", "-q")
    assert code == 1 and summary["code"] == "output-is-input"
    assert summary["outputs"] == []
    assert {p.name: p.read_bytes() for p in folder.glob("*.xlsx")} == before


@pytest.mark.parametrize(
    ("out", "suggestion"),
    [
        (["--out", "hasil.csv"], "hasil.xlsx"),  # a workbook under a CSV name: garbage in Excel
        (["--out", "hasil"], "hasil.xlsx"),
        (["--out", "hasil.xls"], "hasil.xlsx"),  # Excel warns the content does not match
        (["--out", "k.xlsx", "--report", "laporan.pdf"], "laporan.html"),
        # an empty value (a batch script's unset variable) was "." and an internal error
        (["--out", ""], "mutasi.xlsx"),
        (["--out", "k.xlsx", "--report", ""], "mutasi.html"),
    ],
)
def test_an_output_named_for_another_format_exits_2_before_writing(
    folder: Path, capsys, out, suggestion
):
    """A workbook is written only under .xlsx and a report only under .html: another name
    stops with output-suffix and the name to use, before anything is written."""
    before = set(folder.iterdir())
    code, summary, err = cli(capsys, "analyze-needs", "--per", PER, *out, "-q")
    assert code == 2 and summary["code"] == "output-suffix"
    assert suggestion in summary["hint"] and summary["outputs"] == []
    assert set(folder.iterdir()) == before


def test_an_output_suffix_in_capitals_is_accepted(folder: Path, capsys):
    code, summary, _ = cli(capsys, "analyze-needs", "--per", PER, "--out", "K.XLSX", "-q")
    assert code == 0 and summary["outputs"] == ["K.XLSX"] and (folder / "K.XLSX").is_file()


def test_disk_full_leaves_nothing_half_written(folder: Path, capsys, monkeypatch):
    from mutasi_cli.finalize import documents

    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    written = []
    original = documents._FastTemplate.render

    def render(self, context, path, force):  # the disk fills up at the fifth petikan
        if len(written) == 4:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        return original(self, context, path, force)

    monkeypatch.setattr(documents._FastTemplate, "render", render)
    out = folder / "penuh"
    code, summary, err = cli(capsys, "finalize", "semua.xlsx", "--out-dir", str(out))
    assert code == 1
    assert "Disk penuh" in err and summary["code"] == "write.error.disk_full"
    assert not out.exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".mutasi-")]


@pytest.mark.parametrize(("stop", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_interruption_masked_by_a_failing_cleanup_is_still_an_interruption(
    folder: Path, capsys, monkeypatch, stop: str, code: int
):
    """A signal inside zipfile's write leaves a handle open; the ``with`` block's close then
    raises ValueError while unwinding. That is the interruption, not a bug (exit 3)."""
    from mutasi_cli.cli.common import Terminated
    from mutasi_cli.finalize import documents

    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    written = []
    original = documents._FastTemplate.render

    def render(self, context, path, force):
        if len(written) == 3:
            try:
                raise Terminated() if stop == "SIGTERM" else KeyboardInterrupt()
            except BaseException:
                raise ValueError("Can't close the ZIP file while there is an open handle")  # noqa: B904
        written.append(path)
        return original(self, context, path, force)

    monkeypatch.setattr(documents._FastTemplate, "render", render)
    out = folder / "penetapan"
    got, summary, err = cli(capsys, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(out))
    assert (got, summary["exit_code"]) == (code, code)
    assert "dihentikan" in err and stop in err and "bug" not in err
    assert not out.exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".mutasi-")]


def _spawn(folder: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    code = "from mutasi_cli.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _staged_files(parent: Path) -> int:
    """Files in the staging folder of a running finalize; -1 while there is none."""
    stages = [p for p in parent.iterdir() if p.name.startswith(STAGING_PREFIX)]
    if not stages:
        return -1
    return sum(1 for s in stages for p in s.rglob("*") if p.is_file())


def _kill_when(proc: subprocess.Popen, parent: Path, files: int, sig: int) -> bool:
    """Send ``sig`` once the staging folder holds ``files`` files; False if the run ended."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if parent.is_dir() and _staged_files(parent) >= files:
            proc.send_signal(sig)
            return True
        time.sleep(0.005)
    proc.kill()
    raise AssertionError("finalize never reached the point to interrupt")


@pytest.mark.parametrize(
    ("sig", "files"),
    [
        (signal.SIGTERM, 0),
        (signal.SIGTERM, 6),
        (signal.SIGINT, 12),
        (signal.SIGKILL, 1),
        (signal.SIGKILL, 10),
    ],
)
def test_interrupted_finalize_leaves_no_partial_set(folder: Path, sig: int, files: int):
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    parent = folder / "keluaran"
    parent.mkdir()
    out = parent / "penetapan"
    proc = _spawn(folder, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(out))
    interrupted = _kill_when(proc, parent, files, sig)
    _, err = proc.communicate(timeout=120)
    assert interrupted, f"finalize ended before the interruption: {err[-500:]}"
    # nothing, rather than a set that looks complete -- or, when the signal came after the one
    # rename that publishes the set (a fast machine), the whole set as its manifest lists it
    published = out.exists()
    assert not published or _manifest_matches(out), sorted(p.name for p in out.iterdir())
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
        rerun = _spawn(folder, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(out))
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err[-2000:]
        assert "proses yang terhenti" in err  # the leftover was cleaned, and said so
        assert _manifest_matches(out)
    elif not (published and proc.returncode == 0):  # else: the signal came after the set was out
        assert proc.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130}[sig]
        assert "dihentikan" in err
    assert not [p for p in parent.iterdir() if p.name.startswith(".mutasi-")]
    assert not [p for p in parent.iterdir() if ".tmp" in p.name]


def test_interrupted_force_rerun_keeps_the_earlier_set(folder: Path):
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    out = folder / "penetapan"
    first = _spawn(folder, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(out), "-q")
    assert first.wait(timeout=300) == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    proc = _spawn(folder, "finalize", "semua.xlsx", "--tmt", TMT, "--out-dir", str(out), "--force")
    assert _kill_when(proc, folder, 8, signal.SIGTERM)
    proc.communicate(timeout=120)
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before


# ---- hostile files under a memory cap ---------------------------------------------------------
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_TAIL = "</sheetData></worksheet>"


def _rewrite(src: Path, dest: Path, part: str, chunks, *, declared: int | None = None) -> Path:
    """A copy of ``src`` whose ``part`` is replaced by the streamed ``chunks`` (bytes)."""
    with zipfile.ZipFile(src) as book, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for member in book.infolist():
            if member.filename != part:
                out.writestr(member, book.read(member))
                continue
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(info, "w") as stream:
                for chunk in chunks:
                    stream.write(chunk)
    if declared is not None:  # lie in the zip directory about the part's inflated size
        raw = bytearray(dest.read_bytes())
        at = raw.find(b"PK\x01\x02")
        while at >= 0:
            length = int.from_bytes(raw[at + 28 : at + 30], "little")
            if raw[at + 46 : at + 46 + length] == part.encode():
                raw[at + 24 : at + 28] = declared.to_bytes(4, "little")
                break
            at = raw.find(b"PK\x01\x02", at + 46)
        assert at >= 0
        dest.write_bytes(bytes(raw))
    return dest


def _rows(megabytes: int):
    yield _HEAD.encode()
    row = b"".join(b'<c t="n"><v>1</v></c>' for _ in range(2000))
    block = b"<row>" + row + b"</row>"
    for _ in range(megabytes * MB // len(block)):
        yield block
    yield _TAIL.encode()


def _one_row(megabytes: int):
    yield (_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
    for _ in range(megabytes):
        yield b"A" * MB
    yield ("</t></is></c></row>" + _TAIL).encode()


def _one_string(megabytes: int):
    yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    yield b'2006/main" count="1" uniqueCount="1"><si><t>'
    for _ in range(megabytes):
        yield b"B" * MB
    yield b"</t></si></sst>"


@pytest.fixture(scope="module")
def bombs(city: Path, tmp_path_factory) -> dict[str, Path]:
    """Small hostile files (each under 1 MB) made from the sample roster."""
    where = tmp_path_factory.mktemp("bombs")
    roster = city / "pegawai.xlsx"
    with zipfile.ZipFile(roster) as book:
        sheet = next(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
        strings = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in book.namelist() else None
    made = {
        "sheet-xml-bomb": _rewrite(roster, where / "bom.xlsx", sheet, _rows(200)),
        "one-huge-row": _rewrite(roster, where / "baris.xlsx", sheet, _one_row(200)),
        "lying-directory": _rewrite(
            roster, where / "bohong.xlsx", sheet, _rows(200), declared=1000
        ),
    }
    with zipfile.ZipFile(roster) as book:  # a value typed at XFD1048576, the dimension kept
        far = book.read(sheet).replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        )
    made["far-cell"] = _rewrite(roster, where / "jauh.xlsx", sheet, [far])
    if strings:
        made["huge-shared-string"] = _rewrite(
            roster, where / "teks.xlsx", strings, _one_string(200)
        )
    damaged = bytearray(roster.read_bytes())
    with zipfile.ZipFile(roster) as book:
        info = book.getinfo(sheet)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 40
    damaged[start : start + 8] = b"\xff" * 8
    made["damaged-part"] = where / "rusak.xlsx"
    made["damaged-part"].write_bytes(bytes(damaged))
    for path in made.values():
        assert path.stat().st_size < 2 * MB
    return made


CAP = 2 << 30  # address-space cap of the subprocess: a bomb read whole would die here
RSS_GOAL_KB = 1536 * 1024  # 1.5 GB


def _capped(folder: Path, *args: str) -> tuple[int, str, int]:
    """(exit code, stdout, peak RSS in KB) of a CLI run under an address-space cap."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

    proc = _spawn(folder, *args, preexec_fn=limit)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out, usage.ru_maxrss


@pytest.mark.parametrize(
    "bomb",
    [
        "sheet-xml-bomb",
        "one-huge-row",
        "lying-directory",
        "huge-shared-string",
        "damaged-part",
        "far-cell",
    ],
)
def test_hostile_file_is_refused_within_the_memory_cap(bombs, city: Path, bomb: str):
    if bomb not in bombs:
        pytest.skip("the sample roster has no shared strings")
    code, out, rss = _capped(
        city, "analyze-needs", "--pegawai", str(bombs[bomb]), "--per", PER, "--json", "-q",
        "--out", str(city / "tidak-ditulis.xlsx"),
    )  # fmt: skip
    payload = json.loads(out)
    assert code == 1, payload
    assert payload["code"] in ("input-too-large", "file-damaged")
    if bomb == "damaged-part":
        assert payload["code"] == "file-damaged"
    elif bomb != "lying-directory":
        assert (
            payload["code"] == "input-too-large"
            and bombs[bomb].name in payload["hint"] + payload["error"]
        )
    assert rss < RSS_GOAL_KB
    assert not (city / "tidak-ditulis.xlsx").exists()


def test_hostile_review_is_refused_within_the_memory_cap(bombs, city: Path, tmp_path: Path):
    review = _rewrite(
        city / "usulan.xlsx",
        tmp_path / "usulan-bom.xlsx",
        "xl/worksheets/sheet1.xml",
        _rows(200),
    )
    code, out, rss = _capped(city, "finalize", str(review), "--json", "-q")
    assert code == 1 and json.loads(out)["code"] == "input-too-large"
    assert rss < RSS_GOAL_KB


@pytest.mark.parametrize("command", ["finalize", "carry-over", "monitor"])
def test_a_far_value_in_a_workbook_read_whole_is_refused_within_the_memory_cap(
    city: Path, tmp_path: Path, command: str
):
    """The review, the committee record (--carry-over) and the monitor register are read whole
    by calamine or openpyxl: a value typed at XFD1048576 aborted finalize (550 GB asked)."""
    book = load_workbook(city / "usulan.xlsx")
    book.worksheets[0]["XFD1048576"] = "x"
    far = tmp_path / "usulan-jauh.xlsx"
    book.save(far)
    args = {
        "finalize": ["finalize", str(far)],
        "carry-over": ["propose", "--per", PER, "--carry-over", str(far), "--out", "u2.xlsx"],
        "monitor": ["monitor", "--per", PER, "--register", str(far)],
    }[command]
    code, out, rss = _capped(city, *args, "--json", "-q")
    payload = json.loads(out)
    assert code == 1 and payload["code"] == "input-too-large", payload
    assert "XFD1048576" in payload["error"] and "Usulan Mutasi" in payload["error"]
    assert rss < RSS_GOAL_KB
    assert not (city / "u2.xlsx").exists()


# ---- the twelve mistakes, and the others of the issue --------------------------------------------
def _config(folder: Path, section: str, line: str) -> None:
    """Set ``line`` ("key = value") in ``[section]`` of the folder's mutasi.toml."""
    path = folder / "mutasi.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"[{section}]")
    key = line.split("=")[0].strip()
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    lines = [
        x for i, x in enumerate(lines) if not (start < i < end and x.split("=")[0].strip() == key)
    ]
    lines.insert(start + 1, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("section", "line", "key"),
    [
        ("evaluate", "bootstrap_samples = -5", "evaluate.bootstrap_samples"),
        ("evaluate", "confidence = 2", "evaluate.confidence"),
        ("evaluate", "seed = -1", "evaluate.seed"),
        ("abk", "wke_minutes = 0", "abk.wke_minutes"),
        ("abk", "wke_minutes = -75000", "abk.wke_minutes"),
        ("abk", "wke_minutes = nan", "abk.wke_minutes"),
        ("abk", "wke_minutes = inf", "abk.wke_minutes"),
        ("rotation", "min_months = -3", "rotation.min_months"),
        ("finalize", 'nomor_sk_pattern = "{seq.__class__}"', "finalize.nomor_sk_pattern"),
        ("limits", "max_sheet_cells = 0", "limits.max_sheet_cells"),
        ("limits", "max_file_mb = 0", "limits.max_file_mb"),
    ],
)
def test_bad_setting_exits_2_naming_the_key(folder: Path, capsys, section, line, key):
    _config(folder, section, line)
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER)
    assert code == 2
    assert payload["code"].startswith("trust.settings.")
    name = key.split(".")[1] if "pattern" in key else key
    assert name in payload["error"] and name in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "line", ["max_part_mb = 1e308", "max_ratio = 1e308", "ratio_check_from_mb = 1e308"]
)
def test_a_limit_set_far_above_any_file_is_no_limit(folder: Path, capsys, line):
    """A limit raised to "never" (1e308 MB) ended in an OverflowError traceback when it was
    turned into bytes; it now reads every file as no limit would."""
    _config(folder, "limits", line)
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER)
    assert code == 0, payload
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text",
    [
        b"[propose]\nx = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",  # tomllib recurses
        b'[output]\nlang = "\xff\xfe"\n',  # not UTF-8
    ],
    ids=["nested-100000-deep", "not-utf8"],
)
def test_an_unreadable_mutasi_toml_exits_2_with_a_message(folder: Path, capsys, text: bytes):
    """Arrays nested 100,000 deep (tomllib reads them by recursion) and bytes that are no
    UTF-8 ended in a RecursionError or UnicodeDecodeError traceback; both are an unreadable
    settings file."""
    (folder / "mutasi.toml").write_bytes(text)
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER)
    assert code == 2 and "mutasi.toml tidak dapat dibaca" in payload["error"]
    assert "Traceback" not in err and payload["outputs"] == []


@pytest.mark.parametrize("body", ["{{ x.y ", "{{ 1 / 0 }}{% endblock %}"])
@pytest.mark.parametrize(
    ("command", "name"),
    [("analyze-needs", "needs_report.html.j2"), ("evaluate", "evaluate_report.html.j2")],
)
def test_a_broken_report_template_is_a_message_and_nothing_is_written(
    folder: Path, capsys, command: str, name: str, body: str
):
    """A --template-dir template with a broken tag, or one dividing by zero, ended in an
    internal-error traceback after the workbook was written; it is now a message naming the
    file, before any output."""
    custom = folder / "templat"
    custom.mkdir()
    head = "{% extends 'base.html.j2' %}{% block content %}"
    (custom / name).write_text(head + body, "utf-8")
    code, payload, err = cli(
        capsys, command, "--per", PER, "--out", "hasil.xlsx", "--report", "hasil.html",
        "--template-dir", str(custom),
    )  # fmt: skip
    assert code == 1 and payload["code"] == "bad-template" and name in payload["error"]
    assert payload["outputs"] == [] and "Traceback" not in err
    assert not (folder / "hasil.xlsx").exists() and not (folder / "hasil.html").exists()


def test_a_file_above_max_file_mb_is_refused_before_it_is_read(folder: Path, capsys, monkeypatch):
    """A file is held whole while it is read: one above ``max_file_mb`` (a database dump or a
    video saved as .xlsx by mistake; 3 GB ended in MemoryError, exit 3) stops first, naming its
    size and the limit. It is never opened: the limit here is under the roster's own size."""
    from mutasi_cli.io import read

    size = (folder / "pegawai.xlsx").stat().st_size
    _config(folder, "limits", f"max_file_mb = {size / (1 << 20) / 2}")

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(read.Path, "read_bytes", never)
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER)
    assert code == 1 and payload["code"] == "input-too-large"
    assert "pegawai.xlsx" in payload["error"] and "max_file_mb" in payload["hint"]
    assert payload["outputs"] == [] and "Traceback" not in err


def test_running_out_of_memory_is_a_message_not_a_bug(folder: Path, capsys, monkeypatch):
    """Memory short on this machine (a MemoryError anywhere in a command) is reported as such,
    exit 1 with out-of-memory and nothing written, not as an internal error (exit 3)."""
    from mutasi_cli import needs

    def short(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(needs, "analyze_needs", short)
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER, "--out", "k.xlsx")
    assert code == 1 and payload["code"] == "out-of-memory"
    assert payload["outputs"] == [] and not (folder / "k.xlsx").exists()
    assert "Traceback" not in err and "bug" not in err


@pytest.mark.parametrize(
    ("flag", "given", "looks_like", "found"),
    [
        ("--aspirasi", "riwayat_mutasi.xlsx", "riwayat mutasi", "tidak ada"),  # nobody's wish
        ("--kompetensi", "kinerja.xlsx", "data kinerja", "Level"),  # scores read as levels
        ("--aspirasi", "pegawai.xlsx", "data pegawai", "tidak ada"),
    ],
)
def test_a_list_of_people_given_as_aspirations_or_competencies_is_a_mismatch(
    folder: Path, capsys, flag, given, looks_like, found
):
    """The aspirations and competencies need only a NIP, which every table of people has: the
    history given as the aspirations was read as nobody's wish (157 moves instead of 295, no
    warning), the performance records as competencies gave 59,163 level errors. Both stop
    with table-mismatch-data naming what the file looks like and what it holds for the table."""
    code, summary, err = cli(capsys, "propose", "--per", PER, flag, given, "--out", "u.xlsx")
    assert code == 1 and summary["code"] == "table-mismatch-data"
    assert f"tampaknya {looks_like}" in summary["error"] and f"nama: {found}." in summary["error"]
    assert not (folder / "u.xlsx").exists()


def test_damaged_shared_strings_is_file_damaged(folder: Path, capsys):
    roster = folder / "pegawai.xlsx"
    with zipfile.ZipFile(roster) as book:
        parts = {m.filename: book.read(m) for m in book.infolist()}
    assert "xl/sharedStrings.xml" in parts
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"][:500] + b"<<kerusakan&&"
    with zipfile.ZipFile(folder / "rusak.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    code, payload, _ = cli(capsys, "analyze-needs", "--pegawai", "rusak.xlsx", "--per", PER)
    assert code == 1 and payload["code"] == "file-damaged"


@pytest.mark.parametrize("where", ["file", "devnull", "readonly"])
def test_unusable_out_dir_exits_2_with_the_path(folder: Path, capsys, where):
    if where == "file":
        (folder / "bukan-folder").write_text("x")
        target = str(folder / "bukan-folder")
    elif where == "devnull":
        target = "/dev/null"
    elif os.geteuid() == 0:  # root writes into any folder: use a read-only file system
        target = "/proc/mutasi-keluaran"
    else:
        (folder / "terkunci").mkdir(mode=0o555)
        target = str(folder / "terkunci" / "hasil")
    _config(folder, "output", f'out_dir = "{target}"')
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER)
    assert code == 2, payload
    assert target.split("/")[-1] in payload["error"] or "/proc" in payload["error"]
    assert "Traceback" not in err
    assert Path("/dev/null").is_char_device()


def test_log_pointing_at_a_folder_exits_2(folder: Path, capsys):
    (folder / "catatan").mkdir()
    code, payload, _ = cli(capsys, "analyze-needs", "--per", PER, "--log", "catatan")
    assert code == 2 and payload["code"] == "trust.path.log_is_folder"


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--per", "9999-12-31"),
        ("analyze-needs", "--per", "9999-12-31"),
        ("finalize", "usulan.xlsx", "--tmt", "9999-12-01"),
    ],
)
def test_dates_out_of_range_exit_2(folder: Path, capsys, args):
    code, payload, _ = cli(capsys, *args)
    assert code == 2 and payload["code"] == "trust.date.out_of_range"


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")  # openpyxl
def test_date_cells_beyond_year_2262_are_invalid_dates_not_a_crash(folder: Path, capsys):
    """31-12-9999 is a common "no end date" placeholder, and serial 2958466 is past Excel's
    last day: pandas' nanosecond dates end in 2262, so both are invalid dates, never a bug."""
    from datetime import datetime

    book = load_workbook(folder / "pegawai.xlsx")
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column_letter for cell in sheet[1]}
    sheet[f"{columns['TMT Jabatan']}3"] = datetime(9999, 12, 31)
    sheet[f"{columns['Hukuman Berakhir']}4"] = datetime(9999, 12, 31)
    sheet[f"{columns['TMT Golongan']}5"] = 2958466
    sheet[f"{columns['TMT Golongan']}5"].number_format = "dd-mm-yyyy"
    for row in (6, 7):  # a row rejected for its birth date: written to the errors file
        sheet[f"{columns['Tanggal Lahir']}{row}"] = (datetime(9999, 12, 31), 2958466)[row - 6]
        sheet[f"{columns['Tanggal Lahir']}{row}"].number_format = "dd-mm-yyyy"
    book.save(folder / "pegawai.xlsx")
    extra = ("--errors", "gagal.xlsx", "--annotate", "ditandai.xlsx")
    code, payload, err = cli(capsys, "validate", "pegawai.xlsx", "--per", PER, *extra)
    assert code in (0, 1) and "Traceback" not in err, err[-2000:]
    assert (folder / "ditandai.xlsx").is_file()
    rejected = load_workbook(folder / "gagal.xlsx").worksheets[0]
    assert rejected.max_row >= 3  # the header and the two rows, written
    cells = {i["cell"] for i in payload["issues"] if i["code"] == "date-invalid"}
    for cell in (f"{columns['TMT Jabatan']}3", f"{columns['Hukuman Berakhir']}4"):
        assert any(c.endswith(cell) for c in cells), (cell, cells)
    assert any(c.endswith(f"{columns['TMT Golongan']}5") for c in cells), cells
    code, payload, err = cli(capsys, "propose", "--per", PER, "--out", "u.xlsx", "--force")
    assert code in (0, 1) and "Traceback" not in err, err[-2000:]


def test_position_map_whose_title_header_was_typed_over_is_reported(folder: Path, capsys):
    """The "Jabatan" header overwritten with another column's name: every title is missing.
    validate reports it (exit 1); the pelaksana-group check has no title to name (was a
    KeyError on the missing key, exit 3; found by fuzzing)."""
    book = load_workbook(folder / "jabatan.xlsx")
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(1, header.index("Jabatan") + 1).value = "Perekat Bangsa"
    book.save(folder / "jabatan.xlsx")
    code, payload, err = cli(capsys, "validate", "--per", PER)
    assert code == 1 and "Traceback" not in err, err[-2000:]
    assert payload["input_errors"] >= 1


def test_an_absurd_need_in_the_position_map_is_a_count_not_a_crash(folder: Path, capsys):
    """A need of 1e308 (typed by mistake) overflowed int64 seats to a negative count; finalize
    then looked for the arrivals of a position nobody moves to (IndexError, exit 3; found by
    fuzzing). Seats are capped (more than any province has staff) and only positions someone
    arrives at can be over-filled."""
    from mutasi_cli.matching.prepare import add_seats

    seats = add_seats(
        pd.DataFrame({"kebutuhan": [1e308, 1e20, 5.0], "bezetting": [1, 1, 2]}), pd.Series([0] * 3)
    )["seats"]
    assert seats.tolist() == [1_000_000, 1_000_000, 3]
    approve_all(folder / "usulan.xlsx", folder / "semua.xlsx")
    book = load_workbook(folder / "jabatan.xlsx")
    sheet = book.worksheets[0]
    column = [cell.value for cell in sheet[1]].index("Kebutuhan") + 1
    for row in range(2, sheet.max_row + 1, 7):
        sheet.cell(row, column).value = 1e308
    book.save(folder / "jabatan.xlsx")
    for args in (("finalize", "semua.xlsx", "--tmt", TMT), ("propose", "--per", PER, "--force")):
        code, payload, err = cli(
            capsys,
            *args,
            "--out-dir" if args[0] == "finalize" else "--out",
            "keluar" if args[0] == "finalize" else "u.xlsx",
        )
        assert code in (0, 1) and "Traceback" not in err, err[-2000:]


def test_position_map_given_as_roster_is_a_clear_error(folder: Path, capsys):
    code, payload, err = cli(capsys, "propose", "--per", PER, "--pegawai", "jabatan.xlsx")
    assert code == 1 and payload["code"] in ("table-mismatch", "column-missing")
    assert "jabatan.xlsx" in payload["error"] + payload["hint"] and "Traceback" not in err


def test_internal_error_with_json_still_prints_json(folder: Path, capsys, monkeypatch):
    import mutasi_cli.needs as needs

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(needs, "analyze_needs", broken)
    with pytest.raises(SystemExit) as done:
        main(["analyze-needs", "--per", PER, "--json"])
    out, err = capsys.readouterr()
    assert done.value.code == 3
    assert json.loads(out) == {"error": "RuntimeError: a bug", "exit_code": 3}
    assert "Traceback" in err


def test_utf16_csv_reads_like_utf8(folder: Path):
    roster = normalize(read_table(folder / "pegawai.xlsx", "pegawai")).frame
    sample = roster[["nip", "nama", "golongan", "unit_kerja", "jabatan"]].head(50).copy()
    sample["tmt_jabatan"] = "01-01-2019"
    text = sample.rename(columns=str.upper).to_csv(sep="\t", index=False, lineterminator="\r\n")
    results = {}
    for encoding in ("utf-8", "utf-16", "utf-16-le", "cp1252"):
        path = folder / f"roster-{encoding}.csv"
        path.write_bytes(text.encode(encoding, errors="replace"))
        loaded = normalize(read_table(path, "pegawai"))
        results[encoding] = (
            len(loaded.frame),
            sorted(i.code for i in loaded.issues if i.level == "error"),
        )
    assert results["utf-16"] == results["utf-8"] == results["utf-16-le"]
    assert results["utf-8"][0] == 50


@pytest.mark.parametrize("seed", [1, 2])
def test_blank_cells_anywhere_are_reported_never_a_crash(folder: Path, capsys, seed: int):
    """Cells left blank across the inputs (what an export with gaps gives): every command ends
    with exit 0 or 1 and its JSON, never an internal error. A blank TMT jabatan of a JPT holder
    made propose end in "boolean value of NA is ambiguous" (exit 3; found by fuzzing)."""
    rnd = np.random.default_rng(seed)
    for table in ("pegawai", "jabatan", "kinerja", "riwayat_mutasi", "aspirasi"):
        book = load_workbook(folder / f"{table}.xlsx")
        sheet = book.worksheets[0]
        for column in range(2, sheet.max_column + 1):  # column A: the NIP or the unit
            blank = rnd.random(sheet.max_row) < 0.3
            for row in np.flatnonzero(blank[1:]) + 2:
                sheet.cell(int(row), column).value = None
        book.save(folder / f"{table}.xlsx")
    for command in ("validate", "analyze-needs", "propose", "evaluate", "monitor"):
        out = ["--out", f"{command}.xlsx"] if command in ("analyze-needs", "propose") else []
        code, summary, _ = cli(capsys, command, "--per", PER, "--force", *out)
        assert code in (0, 1), (command, summary)


@pytest.mark.parametrize("name", ["kinerja [final].csv", "Info.csv", "'2024'.csv"])
def test_validate_outputs_for_a_file_whose_name_is_no_sheet_name(tmp_path, capsys, name):
    """--errors and --annotate name their sheet after the input: a CSV named "kinerja
    [final].csv", "Info.csv" or "'2024'.csv" ended in an internal error (xlsxwriter's and
    openpyxl's refusal of the sheet name). Both outputs are written, the errors as usual."""
    src = tmp_path / name
    src.write_text("NIP;Periode;Nilai\n12345;2024-Q1;80\n", encoding="utf-8")
    rows, marked = tmp_path / "galat.xlsx", tmp_path / "catatan.xlsx"
    code, payload, err = cli(
        capsys, "validate", str(src), "--errors", str(rows), "--annotate", str(marked)
    )
    assert code == 1 and payload["errors"] >= 1 and "Traceback" not in err
    first = load_workbook(rows).worksheets[0]
    assert "12345" in [str(c.value) for c in first["B"]]
    copy = load_workbook(marked).worksheets[0]
    assert copy["A2"].value == "12345" and copy["A2"].comment is not None


@pytest.mark.parametrize("option", ["--log", "--config", "--pegawai", "--out"])
def test_a_path_too_long_for_the_system_is_a_usage_error(folder: Path, capsys, option):
    """An option given a pasted paragraph (5,000 characters: the system's limit for a name is
    255) ended in an internal error, OSError ENAMETOOLONG, wherever the path was first looked
    at. It is path-too-long (exit 2), the path shown cut."""
    value = "x" * 5000 + (".xlsx" if option == "--out" else "")
    code, payload, err = cli(capsys, "analyze-needs", "--per", PER, option, value)
    assert code == 2 and payload["code"] == "path-too-long" and "Traceback" not in err
    assert re.search(r"\(500[05] karakter\)", payload["error"]) and len(payload["error"]) < 300
