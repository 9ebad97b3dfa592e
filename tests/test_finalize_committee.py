"""finalize for the committee: conflicts in one pass, --tunda-berantai, the committee's record,
the roster and history edited as copies, decrees ready for signature (issue 10)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from docxtpl import DocxTemplate

from mutasi_cli.cli import main
from mutasi_cli.finalize import apply_decisions, check_decisions, read_review, render_documents
from mutasi_cli.finalize.decisions import chain_closure, defer_chains
from mutasi_cli.finalize.documents import DIKTUM, PETIKAN, _FastTemplate
from mutasi_cli.finalize.review import APPROVED
from mutasi_cli.finalize.verify import roster_fingerprint
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.reports.render import templates_dir
from mutasi_cli.rules.golongan import PANGKAT, pangkat_golongan
from mutasi_cli.rules.nip import format_nip
from mutasi_cli.sample import generate_city, write_city
from test_finalize import MOVES, SHA, SIGNED, TMT, A, B, C, roster, write_review

G, H = "198001012005011007", "198102022006021008"
BKD, KEC = "BKPSDM", "Kecamatan Sidorejo"


def chained_roster() -> pd.DataFrame:
    """The test_finalize roster plus G (BKPSDM) and H (Kecamatan)."""
    base = roster()
    extra = base.iloc[:2].copy()
    extra["nip"] = pd.array([G, H], dtype="string")
    extra["nama"] = pd.array(["Gita Rahma", "Hadi Wibowo"], dtype="string")
    extra["unit_kerja"] = pd.array(["Dinas Sosial", "Dinas Sosial"], dtype="string")
    extra["jabatan"] = pd.array(["Pengolah Data", "Pengadministrasi Umum"], dtype="string")
    extra["excel_row"] = pd.array([8, 9], dtype="Int64")
    return pd.concat([base, extra], ignore_index=True)


# Chain: H takes G's seat, G takes B's seat, B takes C's seat (C goes to a vacancy).
CHAIN = [
    *MOVES,
    (G, "Gita Rahma", "Dinas Sosial", "Pengolah Data", BKD, "Pengelola Data", f"S:{B}", B,
     "setuju", ""),
    (H, "Hadi Wibowo", "Dinas Sosial", "Pengadministrasi Umum", "Dinas Sosial", "Pengolah Data",
     f"S:{G}", G, "setuju", ""),
]  # fmt: skip


def decided(**decisions: str) -> list[tuple]:
    return [(*m[:8], decisions.get(m[0], m[8]), m[9]) for m in CHAIN]


def test_rejected_chain_head_reports_every_dependent_row_in_one_run(tmp_path):
    review = read_review(write_review(tmp_path / "r.xlsx", decided(**{C: "tolak"})))
    issues = check_decisions(review, chained_roster(), roster_sha256=SHA)
    assert [i.code for i in issues] == ["conflict-chain"] * 3
    by_nip = {i.nip: i for i in issues}
    assert set(by_nip) == {B, G, H}  # all three layers at once
    rows = {m[0]: n for n, m in enumerate(CHAIN, start=2)}
    # each names its cell, the person and the row it depends on
    for nip, holder in ((B, C), (G, B), (H, G)):
        issue = by_nip[nip]
        assert issue.cell == f"'Usulan Mutasi'!I{rows[nip]}" and issue.row == rows[nip]
        assert f"baris {rows[holder]}" in issue.message() and holder in issue.message()
    assert "Gita Rahma" in by_nip[G].message() and "Budi Santoso, S.Kom." in by_nip[G].message()
    assert "ditolak" in by_nip[B].message() and "tertahan" in by_nip[H].message()
    assert f"row {rows[C]}" in by_nip[B].message("en")


def test_deferring_exactly_the_closure_gives_a_clean_run(tmp_path):
    review = read_review(write_review(tmp_path / "r.xlsx", decided(**{C: "tolak"})))
    closure = chain_closure(review, set(chained_roster()["nip"]))
    nips = set(review.frame.loc[closure.index, "nip"])
    assert nips == {B, G, H}
    fixed = decided(**{C: "tolak", **dict.fromkeys(nips, "tunda")})
    clean = read_review(write_review(tmp_path / "r2.xlsx", fixed))
    assert check_decisions(clean, chained_roster(), roster_sha256=SHA) == []


def test_tunda_berantai_gives_the_same_approved_set_in_one_step(tmp_path):
    review = read_review(write_review(tmp_path / "r.xlsx", decided(**{C: "tolak"})))
    deferred, warnings = defer_chains(review, set(chained_roster()["nip"]))
    assert sorted(w.nip for w in warnings) == sorted([B, G, H])
    assert {w.code for w in warnings} == {"conflict-chain-deferred"}
    assert all(w.level == "warning" for w in warnings)
    assert check_decisions(deferred, chained_roster(), roster_sha256=SHA) == []
    approved = set(deferred.frame.loc[deferred.frame["keputusan"] == APPROVED, "nip"])
    assert approved == {A}
    notes = deferred.frame.set_index("nip")["catatan"]
    assert notes[G] == f"Ditunda berantai: jabatan tujuan masih diduduki NIP {B}"
    assert notes[B] == "rantai"  # a note the committee typed is kept
    # a clean review is left as it is
    clean = read_review(write_review(tmp_path / "ok.xlsx", decided()))
    assert defer_chains(clean, set(chained_roster()["nip"]))[1] == []


def test_two_people_swapping_seats_is_no_conflict(tmp_path):
    swap = [
        (G, "Gita Rahma", "Dinas Sosial", "Pengolah Data", KEC, "Pengadministrasi Umum",
         f"S:{H}", H, "setuju", ""),
        (H, "Hadi Wibowo", KEC, "Pengadministrasi Umum", "Dinas Sosial", "Pengolah Data",
         f"S:{G}", G, "setuju", ""),
    ]  # fmt: skip
    pegawai = chained_roster()
    pegawai.loc[pegawai["nip"] == H, "unit_kerja"] = KEC
    review = read_review(write_review(tmp_path / "r.xlsx", swap))
    assert check_decisions(review, pegawai, roster_sha256=SHA) == []


# ---- formats -----------------------------------------------------------------------------
def test_nip_official_format():
    nips = pd.Series(["197508242006071008", "19750824 200607 1 008", "12345", None])
    assert format_nip(nips).tolist()[:3] == [
        "19750824 200607 1 008",
        "19750824 200607 1 008",
        "12345",
    ]
    assert pd.isna(format_nip(nips).iloc[3])


def test_pangkat_names_from_the_regulation_table(tmp_path):
    grades = pd.Series(["III/a", "IV/b", "II/c", "IX", None], dtype="string")
    assert pangkat_golongan(grades).tolist()[:4] == [
        "Penata Muda (III/a)",
        "Pembina Tingkat I (IV/b)",
        "Pengatur (II/c)",
        "IX",
    ]
    assert PANGKAT[31] == "Penata Muda" and len(PANGKAT) == 17


# ---- documents ---------------------------------------------------------------------------
def docx_text(path: Path) -> str:
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def finalized(tmp_path, moves=MOVES, jabatan=None):
    review = read_review(write_review(tmp_path / "r.xlsx", moves))
    return apply_decisions(review, roster(), None, tmt=TMT, tanggal_sk=SIGNED, jabatan=jabatan)


def test_sk_and_petikan_share_the_diktum_and_are_indonesian(tmp_path):
    result = finalized(tmp_path)
    kolektif, first, *_ = render_documents(result, tmp_path / "out")
    sk, petikan = docx_text(kolektif), docx_text(first)
    for key in ("kesatu", "kedua", "ketiga", "keempat"):
        text = DIKTUM[key].format(tmt="1 Desember 2026")
        assert text in sk and text in petikan, key
    assert "pada tanggal 20 November 2026" in petikan  # --tanggal-sk, not the TMT
    assert "Penata Muda Tingkat I (III/b)" in petikan and "19900101 201503 1 001" in petikan
    for path in (kolektif, first):
        styles = docx.Document(str(path)).styles.element.xml
        assert 'w:val="id-ID"' in styles and "en-US" not in styles


def test_decree_tables_have_a_fixed_layout_whose_widths_agree(tmp_path):
    result = finalized(tmp_path)
    kolektif, first, *_ = render_documents(result, tmp_path / "out")
    for path in (kolektif, first):
        for table in docx.Document(str(path)).tables:
            xml = table._tbl.xml
            assert '<w:tblLayout w:type="fixed"/>' in xml
            grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', xml)]
            first_row = table.rows[0]._tr.xml
            cells = [int(w) for w in re.findall(r'<w:tcW[^>]*w:w="(\d+)"', first_row)]
            assert cells == grid
            total = int(re.search(r'<w:tblW[^>]*w:w="(\d+)"', xml).group(1))
            assert abs(total - sum(grid)) <= len(grid)


def test_lampiran_is_landscape_with_a_repeated_header(tmp_path):
    kolektif, *_ = render_documents(finalized(tmp_path), tmp_path / "out")
    doc = docx.Document(str(kolektif))
    body, lampiran = doc.sections
    assert body.page_width < body.page_height and lampiran.page_width > lampiran.page_height
    header = doc.tables[-1].rows[0]._tr.xml
    assert "w:tblHeader" in header


def test_one_decree_per_track(tmp_path):
    jabatan = pd.DataFrame(
        {
            "unit_kerja": ["BKPSDM", "Dinas Pendidikan & Kebudayaan", "Kecamatan Sidorejo"],
            "jabatan": ["Analis SDM Aparatur", "Penata Laporan Keuangan", "Pengadministrasi Umum"],
            "unit_induk": ["BKPSDM", "Dinas Pendidikan & Kebudayaan", "Kecamatan Sidorejo"],
            "jenis_jabatan": ["fungsional", "struktural", "pelaksana"],
            "eselon": [None, "IV.a", None],
            "jenjang": ["ahli_pertama", "pengawas", "pelaksana"],
        }
    ).astype("string")
    result = finalized(tmp_path, jabatan=jabatan)
    assert [(t, n, len(g)) for t, n, g in result.decrees] == [
        ("pelaksana_fungsional", "800/001/BKPSDM/2026", 2),
        ("administrator_pengawas", "800/002/BKPSDM/2026", 1),
    ]
    paths = render_documents(result, tmp_path / "out")
    names = [p.name for p in paths[:2]]
    assert names == [
        "sk-mutasi-2026-12-01-pelaksana-fungsional.docx",
        "sk-mutasi-2026-12-01-administrator-pengawas.docx",
    ]
    pengawas = docx_text(paths[1])
    assert "JABATAN ADMINISTRATOR DAN JABATAN PENGAWAS" in pengawas
    assert "19870303 200903 1 003" in pengawas and "19900101 201503 1 001" not in pengawas
    assert len(paths) == 2 + 3


def test_fast_petikan_equals_docxtpl(tmp_path):
    result = finalized(tmp_path)
    _, first, *_ = render_documents(result, tmp_path / "out")
    template = templates_dir() / PETIKAN
    doc = DocxTemplate(str(template))
    context = {
        "nomor_sk": result.nomor_sk,
        "judul": "X",
        "tanggal_sk": "20 November 2026",
        "tmt": "1 Desember 2026",
        "diktum": {k: v.format(tmt="1 Desember 2026") for k, v in DIKTUM.items()},
        "m": {"nama": "A & B <C>", "nip": "1", "no": "1"},
    }
    doc.render(context, autoescape=True)
    doc.save(str(tmp_path / "slow.docx"))
    _FastTemplate(template).render(context, tmp_path / "fast.docx", force=False)
    assert docx_text(tmp_path / "fast.docx") == docx_text(tmp_path / "slow.docx")
    assert "A & B <C>" in docx_text(tmp_path / "fast.docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_petikan_prints_on_one_a4_page(tmp_path):
    long_name = (*MOVES[0][:1], "Prof. Dr. Ir. Raden Ajeng Kartika Sekarningrum Wijayakusuma")
    moves = [
        (*long_name, *MOVES[0][2:5], "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
         *MOVES[0][6:]),
        *MOVES[1:],
    ]  # fmt: skip
    result = finalized(tmp_path, moves=moves)
    _, first, *_ = render_documents(result, tmp_path / "out")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(first)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = (tmp_path / first.with_suffix(".pdf").name).read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1
    assert b"/MediaBox [0 0 595" in pdf or b"/MediaBox[0 0 595" in pdf  # A4 width in points


# ---- the whole command on a generated city --------------------------------------------------
PER = "2026-12-01"


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kota10")
    frames = generate_city(employees=400, seed=11, per=date(2026, 12, 1))
    write_city(frames, folder, force=False, created=datetime(2026, 1, 1))
    return folder


def run(capsys, *args: str) -> tuple[int, dict]:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--json", "--quiet"])
    out, _ = capsys.readouterr()
    return int(exit_info.value.code or 0), json.loads(out)


def _decide(review: Path, dest: Path, reject: int) -> dict[str, int]:
    """Approve every move, then reject ``reject`` rows whose seat another move takes."""
    wb = openpyxl.load_workbook(review)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    nip_col, dec_col = header.index("NIP") + 1, header.index("Keputusan") + 1
    rep_col = header.index("Menggantikan") + 1
    holders = {
        m.group() for r in range(2, ws.max_row + 1)
        if (m := re.search(r"\d{18}", ws.cell(r, rep_col).value or ""))
    }  # fmt: skip
    rows = {}
    for r in range(2, ws.max_row + 1):
        ws.cell(r, dec_col).value = "Setuju"
        rows[ws.cell(r, nip_col).value] = r
    for nip in sorted(holders & set(rows))[:reject]:
        ws.cell(rows[nip], dec_col).value = "Tolak"
    wb.save(dest)
    return rows


def test_command_reports_the_closure_and_tunda_berantai_finalizes_the_rest(
    capsys, proposed: Path, tmp_path: Path, monkeypatch
):
    work = tmp_path / "kota"
    shutil.copytree(proposed, work)
    monkeypatch.chdir(work)
    code, summary = run(capsys, "propose", "--per", PER)
    assert code == 0
    rows = _decide(Path(summary["outputs"][0]), work / "keputusan.xlsx", reject=2)
    code, blocked = run(capsys, "finalize", "keputusan.xlsx", "--out-dir", "a")
    assert code == 1 and blocked["conflicts"] > 0 and blocked["outputs"] == []
    chains = [i for i in blocked["issues"] if i["code"] == "conflict-chain"]
    assert len(chains) == blocked["conflicts"]
    for issue in chains:
        assert {"code", "cell", "nip", "message"} <= issue.keys()
        assert issue["cell"].endswith(f"F{rows[issue['nip']]}")  # Keputusan is column F
    assert not (work / "a").exists()

    code, done = run(
        capsys, "finalize", "keputusan.xlsx", "--out-dir", "b", "--tunda-berantai",
        "--tanggal-sk", "2026-12-10", "--tmt", "2027-01-01",
    )  # fmt: skip
    assert code == 0 and done["conflicts"] == 0
    deferred = {i["nip"] for i in done["issues"] if i["code"] == "conflict-chain-deferred"}
    assert deferred == {i["nip"] for i in chains}
    assert done["deferred"] == len(deferred) and done["rejected"] == 2

    # the roster: the analyst's file with only the movers' position cells changed
    before = openpyxl.load_workbook(work / "pegawai.xlsx")
    after = openpyxl.load_workbook(work / "b" / "pegawai-setelah-mutasi-2027-01-01.xlsx")
    assert before.sheetnames == after.sheetnames
    old, new = before.worksheets[0], after.worksheets[0]
    header = [c.value for c in old[1]]
    assert [c.value for c in new[1]] == header and new.max_column == old.max_column
    position = {"Unit Kerja", "Unit Induk", "Jabatan", "Jenis Jabatan", "Eselon", "TMT Jabatan",
                "Kelas Jabatan"}  # fmt: skip
    movers = {m["nip"] for m in done["moves_detail"]}
    changed_movers = set()
    for r_old, r_new in zip(old.iter_rows(), new.iter_rows(), strict=True):
        nip = r_old[0].value
        for c_old, c_new in zip(r_old, r_new, strict=True):
            column = header[c_old.column - 1]
            if nip in movers and column in position:
                changed_movers.add(nip) if c_old.value != c_new.value else None
                continue
            assert (c_old.value, c_old.number_format) == (c_new.value, c_new.number_format)
    assert changed_movers == movers
    # the destination's Unit Induk comes from the position map
    jab = pd.read_excel(work / "jabatan.xlsx", dtype=str, engine="calamine")
    induk = dict(zip(jab["Unit Kerja"] + "|" + jab["Jabatan"], jab["Unit Induk"], strict=False))
    col = {h: i for i, h in enumerate(header)}
    for row in new.iter_rows(min_row=2, values_only=True):
        if row[0] in movers:
            key = f"{row[col['Unit Kerja']]}|{row[col['Jabatan']]}"
            assert row[col["Unit Induk"]] == induk[key]
            assert row[col["TMT Jabatan"]] == datetime(2027, 1, 1)

    # the history: old rows untouched, one new row per move
    h_old = openpyxl.load_workbook(work / "riwayat_mutasi.xlsx").worksheets[0]
    h_new = openpyxl.load_workbook(work / "b" / "riwayat_mutasi-2027-01-01.xlsx").worksheets[0]
    old_rows = list(h_old.iter_rows(values_only=True))
    new_rows = list(h_new.iter_rows(values_only=True))
    assert new_rows[: len(old_rows)] == old_rows
    assert sorted(r[0] for r in new_rows[len(old_rows) :]) == sorted(movers)

    # the committee's record: the rejected and deferred rows
    record = pd.read_excel(
        work / "b" / "keputusan-komite-2027-01-01.xlsx",
        sheet_name="Keputusan Komite",
        dtype=str,
        engine="calamine",
    )
    assert list(record.columns) == [
        "NIP", "Nama", "Unit Kerja Asal", "Jabatan Asal", "Unit Kerja Tujuan", "Jabatan Tujuan",
        "Keputusan", "Catatan", "Tanggal Keputusan",
    ]  # fmt: skip
    assert (record["Keputusan"] == "Tolak").sum() == 2
    assert set(record.loc[record["Keputusan"] == "Tunda", "NIP"]) == deferred
    decided_book = openpyxl.load_workbook(work / "b" / "mutasi-ditetapkan-2027-01-01.xlsx")
    assert "Keputusan Komite" in decided_book.sheetnames


def test_progress_shows_on_a_terminal_only():
    from io import StringIO
    from types import SimpleNamespace

    from rich.console import Console

    from mutasi_cli.cli.common import progress

    def shown(quiet: bool, json_: bool, terminal: bool) -> str:
        out = StringIO()
        console = Console(file=out, force_terminal=terminal, width=80)
        run = SimpleNamespace(quiet=quiet, json=json_, console=console)
        with progress(run, total=2) as step:
            step("Menulis 2 petikan SK")
            step()
            step()
        return out.getvalue()

    assert "Menulis 2 petikan SK" in shown(False, False, True)
    assert shown(True, False, True) == "" and shown(False, True, True) == ""
    assert shown(False, False, False) == ""


def test_roster_edits_take_the_position_map_in_the_rosters_spelling(tmp_path):
    pegawai = roster().assign(
        jenis_jabatan=pd.array(["fungsional", "pelaksana", "pelaksana"] * 2, dtype="string"),
        eselon=pd.array([None] * 5 + ["IV.a"], dtype="string"),
        unit_induk=roster()["unit_kerja"],
    )
    typed = pd.DataFrame(
        {
            "jenis_jabatan": ["Fungsional", "Pelaksana", "PELAKSANA", "Fungsional", "Pelaksana",
                              "Pelaksana"],
            "eselon": [None] * 5 + ["IV/a"],
        },
        index=pegawai.index,
    )  # fmt: skip
    jabatan = pd.DataFrame(
        {
            "unit_kerja": [BKD, "Dinas Pendidikan & Kebudayaan", KEC],
            "jabatan": ["Analis SDM Aparatur", "Penata Laporan Keuangan", "Pengadministrasi Umum"],
            "unit_induk": ["Sekretariat Daerah", "Dinas Pendidikan & Kebudayaan", "Kecamatan"],
            "jenis_jabatan": ["fungsional", "struktural", "pelaksana"],
            "eselon": [None, "IV.a", None],
            "kelas_jabatan": [9, 8, 5],
        }
    ).astype({"unit_kerja": "string", "jabatan": "string", "eselon": "string"})
    review = read_review(write_review(tmp_path / "r.xlsx"))
    result = apply_decisions(
        review, pegawai, None, tmt=TMT, tanggal_sk=SIGNED, jabatan=jabatan, roster_text=typed
    )
    edits = result.roster_edits.set_index(["nip", "column"])["value"]
    assert edits[(A, "unit_induk")] == "Sekretariat Daerah"
    assert edits[(A, "jenis_jabatan")] == "Fungsional"  # the roster's spelling
    assert edits[(B, "jenis_jabatan")] == "Pelaksana"  # its most frequent spelling
    assert edits[(C, "eselon")] == "IV/a" and edits[(C, "kelas_jabatan")] == 8
    assert edits[(A, "eselon")] is None  # a post without eselon clears it
    assert set(edits.index.get_level_values("nip")) == {A, B, C}
    after = result.roster.set_index("nip")
    assert after.at[A, "jenis_jabatan"] == "fungsional"  # the canonical frame stays canonical
    assert after.at[C, "unit_induk"] == "Dinas Pendidikan & Kebudayaan"


# ---- the review workbook as the committee opens and prints it -------------------------------
def test_review_workbook_is_laid_out_for_the_meeting(capsys, proposed: Path, tmp_path, monkeypatch):
    work = tmp_path / "kota"
    shutil.copytree(proposed, work)
    monkeypatch.chdir(work)
    code, summary = run(capsys, "propose", "--per", PER)
    assert code == 0
    book = openpyxl.load_workbook(summary["outputs"][0])
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:7] == [
        "No", "NIP", "Nama", "Unit/Jabatan Asal", "Unit/Jabatan Tujuan", "Keputusan", "Catatan",
    ]  # fmt: skip
    assert ws.freeze_panes == "D2"  # No, NIP, Nama stay in view
    assert ws.auto_filter.ref.startswith("A1:")
    [rule] = [dv for dv in ws.data_validations.dataValidation if "F2" in str(dv.sqref)]
    assert rule.formula1 == '"Setuju,Tolak,Tunda"'
    col = {h: i for i, h in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    # names with their NIP instead of bare NIPs; the seat id is kept, hidden
    for r in rows:
        if r[col["Menggantikan"]]:
            assert re.fullmatch(r".+ \(\d{18}\)", r[col["Menggantikan"]])
    seat = openpyxl.utils.get_column_letter(col["Kursi Tujuan"] + 1)
    assert ws.column_dimensions[seat].hidden
    assert ws.cell(2, col["Unit/Jabatan Asal"] + 1).alignment.wrap_text
    # sorted by OPD of origin, then unit
    opd = [str(r[col["OPD Asal"]]).casefold() for r in rows]
    assert opd == sorted(opd)
    # print: A4 landscape, fit to width, header repeated, footer with pages and fingerprint
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
        wide = sheet.page_setup.fitToWidth or 1  # 1 is the default, left out
        assert sheet.page_setup.fitToHeight == 0
        if sheet is ws:
            assert wide == 1  # the meeting's sheet: its printed columns on one page wide
        elif wide > 1 and sheet.cell(1, 1).value == "NIP":  # a wide list: who, on every page
            assert sheet.print_title_cols == "$A:$B" and sheet.freeze_panes == "C2"
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    # the roster's content fingerprint (issue 12: a re-saved file with the same cells matches)
    roster = normalize(read_table(work / "pegawai.xlsx", "pegawai")).frame
    fingerprint = roster_fingerprint(roster)
    assert "Sidik jari masukan" in ws.oddFooter.left.text
    assert fingerprint[:16] in ws.oddFooter.left.text
    assert ws.print_area is not None and "$A$1:$" in ws.print_area


def test_edit_copy_changes_only_the_given_cells_and_appends_below_a_note(tmp_path):
    from openpyxl.styles import Font

    from mutasi_cli.io.write import CellEdit, edit_copy

    src = tmp_path / "riwayat.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "riwayat"
    ws.append(["NIP", "TMT Mutasi", "Catatan"])
    ws.append(["199001012015031001", datetime(2020, 1, 1), "lama"])
    ws["B2"].number_format = "dd/mm/yyyy"
    ws["A2"].font = Font(bold=True)
    ws["A4"] = "Catatan: data per Desember"  # a note under the table
    book.save(src)
    before = src.read_bytes()
    edit_copy(
        src,
        tmp_path / "out.xlsx",
        "riwayat",
        [CellEdit(2, 2, "=SUM(1)")],
        appended=[{0: B, 1: pd.Timestamp("2027-01-01"), 2: float("nan")}],
        after_row=2,
    )
    assert src.read_bytes() == before  # the input is never written
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")["riwayat"]
    assert out["C2"].value == "=SUM(1)" and out["C2"].data_type == "s"  # text, not a formula
    assert out["A4"].value == "Catatan: data per Desember"
    assert (out["A5"].value, out["B5"].value, out["C5"].value) == (B, datetime(2027, 1, 1), None)
    assert out["B5"].number_format == "dd/mm/yyyy" and out["A5"].font.bold
    assert out["B2"].value == datetime(2020, 1, 1)


def test_review_reader_skips_a_hidden_sheet_of_moves(tmp_path):
    path = write_review(tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet("Usulan Asli", 0)  # first, hidden, same headers, other rows
    for row in book["Usulan Mutasi"].iter_rows(max_row=2, values_only=True):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    book.save(path)
    review = read_review(path)
    assert review.sheet == "Usulan Mutasi" and len(review.frame) == len(MOVES)
