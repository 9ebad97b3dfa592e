"""finalize: reading the edited review back, checking the decisions, applying them, decrees."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.finalize import (
    apply_decisions,
    check_decisions,
    read_review,
    render_documents,
    safe_filename,
    summary,
)
from mutasi_cli.finalize.review import COLUMNS
from mutasi_cli.i18n import t
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.io.write import RunInfo, SheetSpec, write_workbook
from mutasi_cli.issues import cell_ref, column_letter
from mutasi_cli.reports.finalize import input_sheet, sheets
from mutasi_cli.settings import FinalizeSettings

SHA = "9f2c" * 16
TMT = date(2026, 12, 1)
SIGNED = date(2026, 11, 20)

A, B, C, D, E, F = (
    "199001012015031001",
    "198805052010121002",
    "198703032009031003",
    "199202022018011004",
    "199104042016032005",
    "198512122008011006",
)
KES, BKD, KEC, DIK = (
    "Dinas Kesehatan",
    "BKPSDM",
    "Kecamatan Sidorejo",
    "Dinas Pendidikan & Kebudayaan",
)


def roster() -> pd.DataFrame:
    rows = [
        (A, "Ani Lestari", "III/b", KES, "Analis Kepegawaian"),
        (B, "Budi Santoso", "III/c", BKD, "Pengelola Data"),
        (C, "Citra Dewi", "III/a", KEC, "Pengadministrasi Umum"),
        (D, "Dedi Kurniawan", "II/d", DIK, "Pengelola Keuangan"),
        (E, "Eka Putri", "III/a", KEC, "Pengadministrasi Umum"),
        (F, "Fajar Nugroho", "IV/a", KES, "Kepala Seksi"),
    ]
    frame = pd.DataFrame(rows, columns=["nip", "nama", "golongan", "unit_kerja", "jabatan"])
    frame = frame.astype("string")
    frame["tmt_jabatan"] = pd.to_datetime(["2019-01-01"] * 6).astype("datetime64[ns]")
    frame["gelar_belakang"] = pd.array([None, "S.Kom.", None, None, None, None], dtype="string")
    frame["excel_row"] = pd.array(range(2, 8), dtype="Int64")
    return frame


# The review columns a move below fills (the shown "Unit/Jabatan" cells are left out: a review
# without them is read, and compared where it has them).
FIELDS = ("nip", "nama", "from_unit", "from_jabatan", "to_unit", "to_jabatan", "seat",
          "replaces", "keputusan", "catatan")  # fmt: skip
MOVES = [
    (A, "Ani Lestari", KES, "Analis Kepegawaian", BKD, "Analis SDM Aparatur",
     f"V:{BKD}|Analis SDM Aparatur#1", "", "SETUJU ", ""),
    (B, "Budi Santoso", BKD, "Pengelola Data", KEC, "Pengadministrasi Umum",
     f"S:{C}", C, "ya", "rantai"),
    (C, "Citra Dewi", KEC, "Pengadministrasi Umum", DIK, "Penata Laporan Keuangan",
     f"V:{DIK}|Penata Laporan Keuangan#1", "", "Setuju", ""),
    (D, "Dedi Kurniawan", DIK, "Pengelola Keuangan", KES, "Bendahara",
     f"V:{KES}|Bendahara#1", "", "tolak", "belum 2 tahun"),
    (E, "Eka Putri", KEC, "Pengadministrasi Umum", KES, "Pranata Komputer",
     f"V:{KES}|Pranata Komputer#1", "", "", ""),
]  # fmt: skip


def write_review(
    path: Path,
    moves=MOVES,
    *,
    order=FIELDS,
    lang="id",
    fingerprint=SHA,
    extra_column=False,
    sort_by_name_desc=False,
) -> Path:
    """A review as an analyst leaves it: openpyxl, any column order, sorted, an extra column."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Usulan Mutasi" if lang == "id" else "Proposed Transfers"
    header = [t(COLUMNS[c], lang) for c in order]
    if extra_column:
        header.insert(2, "Paraf Tim")
    ws.append(header)
    records = [dict(zip(FIELDS, m, strict=True)) for m in moves]
    if sort_by_name_desc:
        records.sort(key=lambda r: r["nama"], reverse=True)
    for record in records:
        values = [record[c] or None for c in order]
        if extra_column:
            values.insert(2, "ok")
        ws.append(values)
    info = book.create_sheet("Info")
    info.append([t("common.key", lang), t("common.value", lang)])
    if fingerprint:
        info.append([t("common.fingerprint", lang), fingerprint])
    info.append([t("common.per", lang), date(2026, 11, 1)])
    book.save(path)
    return path


def with_decisions(**decisions: str) -> list[tuple]:
    nips = {"A": A, "B": B, "C": C, "D": D, "E": E}
    by_nip = {nips[k]: v for k, v in decisions.items()}
    return [(*m[:8], by_nip.get(m[0], m[8]), m[9]) for m in MOVES]


def decisions_of(review) -> dict[str, str]:
    return dict(zip(review.frame["nip"], review.frame["keputusan"], strict=True))


# ---- reading the review back ------------------------------------------------------------
def test_edited_review_is_read_whatever_the_layout(tmp_path):
    order = ("keputusan", "to_jabatan", "nip", "seat", "nama", "catatan", "from_unit",
             "to_unit", "replaces", "from_jabatan")  # fmt: skip
    path = write_review(tmp_path / "r.xlsx", order=order, extra_column=True, sort_by_name_desc=True)
    review = read_review(path)
    assert review.issues == []
    assert decisions_of(review) == {A: "setuju", B: "setuju", C: "setuju", D: "tolak", E: "tunda"}
    assert review.counts() == {"approved": 3, "rejected": 1, "deferred": 1}
    assert review.fingerprint == SHA
    assert review.per == date(2026, 11, 1)
    # Sorted by name descending: Eka is on Excel row 2, Ani on row 6.
    rows = dict(zip(review.frame["nip"], review.frame["excel_row"], strict=True))
    assert rows[E] == 2 and rows[A] == 6
    assert review.frame.set_index("nip").at[B, "seat"] == f"S:{C}"


def test_review_written_by_the_toolkit_writer(tmp_path):
    """The Info sheet and dropdown list of io.write are understood (fingerprint, per)."""
    labels = [t(COLUMNS[c], "id") for c in FIELDS]
    frame = pd.DataFrame([list(m) for m in MOVES], columns=labels).astype("string")
    keputusan = t(COLUMNS["keputusan"], "id")
    spec = SheetSpec(
        "Usulan Mutasi", frame, {"NIP": "text"}, dropdowns={keputusan: ("Setuju", "Tolak", "Tunda")}
    )
    info = RunInfo(
        "mutasi propose", "0", date(2026, 11, 1), {}, (), datetime(2026, 11, 1, 8), 1.0,
        extra={"fingerprint": SHA},
    )  # fmt: skip
    review = read_review(write_workbook(tmp_path / "usulan.xlsx", [spec], info))
    assert (review.issues, review.sheet) == ([], "Usulan Mutasi")
    assert (review.fingerprint, review.per) == (SHA, date(2026, 11, 1))
    assert review.counts() == {"approved": 3, "rejected": 1, "deferred": 1}


def test_english_review_is_read(tmp_path):
    review = read_review(write_review(tmp_path / "r.xlsx", lang="en"))
    assert review.issues == []
    assert review.counts() == {"approved": 3, "rejected": 1, "deferred": 1}
    assert review.fingerprint == SHA


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [("Disetujui", "setuju"), (" OK ", "setuju"), ("acc", "setuju"), ("TIDAK", "tolak"),
     ("ditolak", "tolak"), ("no", "tolak"), ("Pending", "tunda"), ("ditunda", "tunda")],
)  # fmt: skip
def test_decision_spellings(tmp_path, typed, meaning):
    review = read_review(write_review(tmp_path / "r.xlsx", with_decisions(D=typed)))
    assert decisions_of(review)[D] == meaning


def test_meaningless_decision_names_its_cell(tmp_path):
    review = read_review(write_review(tmp_path / "r.xlsx", with_decisions(C="mungkin")))
    [issue] = review.issues
    keputusan_col = FIELDS.index("keputusan")
    assert issue.code == "review-decision-unknown" and issue.level == "error"
    assert issue.cell == cell_ref("Usulan Mutasi", keputusan_col, 4)
    assert issue.cell == f"'Usulan Mutasi'!{column_letter(keputusan_col)}4"
    assert issue.nip == C and "mungkin" in issue.message()
    assert "mungkin" in issue.message("en")


def test_deleted_keputusan_column_is_a_clear_error(tmp_path):
    order = tuple(c for c in FIELDS if c != "keputusan")
    review = read_review(write_review(tmp_path / "r.xlsx", order=order))
    [issue] = review.issues
    assert issue.code == "review-column-missing" and issue.level == "error"
    message = issue.message()
    assert t("propose.col.keputusan", "id") in message and "Usulan Mutasi" in message
    assert t("propose.col.to_unit", "id") in message  # the columns found are listed
    assert review.frame.empty
    english = read_review(write_review(tmp_path / "en.xlsx", order=order, lang="en"))
    assert t("propose.col.keputusan", "en") in english.issues[0].message("en")


def test_nip_stored_as_number_is_rejected(tmp_path):
    path = write_review(tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["A3"] = float(B)
    book.save(path)
    review = read_review(path)
    [issue] = review.issues
    assert (issue.code, issue.cell) == ("nip-stored-as-number", "'Usulan Mutasi'!A3")


def test_unreadable_review(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_text("bukan lembar kerja")
    with pytest.raises(MutasiError):
        read_review(path)


# ---- checking the decisions -------------------------------------------------------------
def check(tmp_path, moves=MOVES, pegawai=None, sha=SHA, **kw):
    review = read_review(write_review(tmp_path / "r.xlsx", moves, **kw))
    issues = check_decisions(review, roster() if pegawai is None else pegawai, roster_sha256=sha)
    return review, issues


def test_consistent_decisions_pass(tmp_path):
    assert check(tmp_path)[1] == []


def test_broken_chain_names_both_nips(tmp_path):
    _, issues = check(tmp_path, with_decisions(C="tunda"))
    [issue] = issues
    assert issue.code == "conflict-chain" and issue.level == "error"
    assert issue.nip == B and B in issue.message() and C in issue.message()
    assert C in issue.message("en")
    json.dumps([i.as_dict() for i in issues])  # plain values, ready for --json
    assert issue.cell == f"'Usulan Mutasi'!{column_letter(FIELDS.index('keputusan'))}3"


def test_double_booking_names_both_nips(tmp_path):
    moves = [*MOVES[:4], (*MOVES[4][:4], BKD, "Analis SDM Aparatur", MOVES[0][6], "", "ya", "")]
    _, issues = check(tmp_path, moves)
    [issue] = issues
    assert issue.code == "conflict-double-booking"
    assert A in issue.message() and E in issue.message() and BKD in issue.message()


def test_person_approved_twice(tmp_path):
    second = (*MOVES[0][:4], KES, "Bendahara", f"V:{KES}|Bendahara#2", "", "setuju", "")
    _, issues = check(tmp_path, [*MOVES, second])
    assert [i.code for i in issues] == ["conflict-duplicate-nip"]
    assert "2, 7" in issues[0].message()


def test_rejected_move_into_a_rejected_seat_is_no_conflict(tmp_path):
    assert check(tmp_path, with_decisions(B="tolak", C="tolak"))[1] == []


def test_nip_not_in_roster(tmp_path):
    pegawai = roster()
    pegawai = pegawai[pegawai["nip"] != D]
    _, issues = check(tmp_path, pegawai=pegawai)
    [issue] = issues
    assert (issue.code, issue.nip, issue.cell) == ("review-nip-unknown", D, "'Usulan Mutasi'!A5")


def test_changed_roster_blocks_unless_forced(tmp_path):
    pegawai = roster()
    pegawai.loc[pegawai["nip"] == E, "unit_kerja"] = DIK
    review, issues = check(tmp_path, pegawai=pegawai, sha="0" * 64)
    [issue] = issues
    assert issue.code == "review-roster-changed" and issue.level == "error"
    assert E in issue.message() and A not in issue.message()
    forced = check_decisions(review, pegawai, roster_sha256="0" * 64, force=True)
    assert [i.level for i in forced] == ["warning"]


def test_case_and_spacing_of_names_is_no_change(tmp_path):
    pegawai = roster()
    pegawai["unit_kerja"] = pegawai["unit_kerja"].str.upper() + "  "
    assert check(tmp_path, pegawai=pegawai, sha="0" * 64)[1][0].params["nips"] == "-"
    assert check(tmp_path, pegawai=pegawai)[1] == []


def test_review_from_another_proposal(tmp_path):
    pegawai = roster().assign(unit_kerja="Sekretariat Daerah")
    _, issues = check(tmp_path, pegawai=pegawai, sha="0" * 64)
    [issue] = issues
    assert issue.code == "review-other-proposal"
    assert "5 dari 5" in issue.message()


# ---- applying -----------------------------------------------------------------------------
def finalize(tmp_path, riwayat=None, moves=MOVES):
    review = read_review(write_review(tmp_path / "r.xlsx", moves))
    return review, apply_decisions(review, roster(), riwayat, tmt=TMT, tanggal_sk=SIGNED)


def test_updated_roster_differs_exactly_by_the_approved_moves(tmp_path):
    _, result = finalize(tmp_path)
    before = roster().set_index("nip")
    after = result.roster.set_index("nip")
    assert list(after.columns) == list(before.columns)
    changed = before.ne(after).fillna(False).any(axis=1)  # NA vs NA is no change
    assert sorted(after.index[changed]) == sorted([A, B, C])
    for nip, unit, jabatan in [
        (A, BKD, "Analis SDM Aparatur"),
        (B, KEC, "Pengadministrasi Umum"),
        (C, DIK, "Penata Laporan Keuangan"),
    ]:
        assert (after.at[nip, "unit_kerja"], after.at[nip, "jabatan"]) == (unit, jabatan)
        assert after.at[nip, "tmt_jabatan"] == pd.Timestamp(TMT)
    untouched = ["nama", "golongan", "gelar_belakang", "excel_row"]
    pd.testing.assert_frame_equal(after[untouched], before[untouched])
    pd.testing.assert_frame_equal(after.loc[[D, E, F]], before.loc[[D, E, F]])


def test_moves_carry_tmt_number_and_origin_from_the_roster(tmp_path):
    _, result = finalize(tmp_path)
    moves = result.moves
    assert list(moves["nip"]) == [A, C, B]  # by destination unit, position, NIP
    assert list(moves["no"]) == [1, 2, 3]
    assert result.nomor_sk == "800/001/BKPSDM/2026" and set(moves["nomor_sk"]) == {
        "800/001/BKPSDM/2026"
    }
    assert (moves["tmt_mutasi"] == pd.Timestamp(TMT)).all()
    b = moves.set_index("nip").loc[B]
    assert (b["nama"], b["unit_asal"], b["jabatan_asal"]) == (
        "Budi Santoso, S.Kom.",
        BKD,
        "Pengelola Data",
    )


def test_sk_number_pattern_from_settings(tmp_path):
    review = read_review(write_review(tmp_path / "r.xlsx"))
    settings = FinalizeSettings(nomor_sk_pattern="821.2/{seq}/{year}", nomor_sk_seq=45)
    result = apply_decisions(review, roster(), None, tmt=TMT, tanggal_sk=SIGNED, settings=settings)
    assert result.nomor_sk == "821.2/45/2026"
    with pytest.raises(MutasiError):
        apply_decisions(
            review, roster(), None, tmt=TMT, tanggal_sk=SIGNED, settings=FinalizeSettings("{nomor}")
        )


def test_history_gains_each_move_once(tmp_path):
    old = pd.DataFrame(
        {
            "nip": pd.array([F], dtype="string"),
            "nama": pd.array(["Fajar Nugroho"], dtype="string"),
            "tmt_mutasi": pd.to_datetime(["2019-01-01"]).astype("datetime64[ns]"),
            "unit_asal": pd.array([DIK], dtype="string"),
            "jabatan_asal": pd.array(["Kepala Seksi"], dtype="string"),
            "unit_tujuan": pd.array([KES], dtype="string"),
            "jabatan_tujuan": pd.array(["Kepala Seksi"], dtype="string"),
            "nomor_sk": pd.array(["800/9/2019"], dtype="string"),
        }
    )
    review, first = finalize(tmp_path, riwayat=old)
    assert first.history_added == 3
    assert list(first.history["nip"]) == [F, A, C, B]
    assert first.history.iloc[0]["nomor_sk"] == "800/9/2019"
    second = apply_decisions(review, roster(), first.history, tmt=TMT, tanggal_sk=SIGNED)
    assert second.history_added == 0
    pd.testing.assert_frame_equal(second.history, first.history)


def test_summary_keys(tmp_path):
    review, result = finalize(tmp_path)
    out = summary(review, [], result, documents=4)
    assert {k: out[k] for k in ("approved", "rejected", "deferred", "conflicts", "documents")} == {
        "approved": 3,
        "rejected": 1,
        "deferred": 1,
        "conflicts": 0,
        "documents": 4,
    }
    assert out["history_added"] == 3 and out["moves_detail"][0]["to_unit"] == BKD
    json.dumps(out)
    review, issues = check(tmp_path, with_decisions(C="tolak"))
    assert summary(review, issues)["conflicts"] == 1


# ---- documents --------------------------------------------------------------------------
def spaced(nip: str) -> str:
    """The official written NIP: 19900101 201503 1 001."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def docx_text(path: Path) -> str:
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.sections[0].header.paragraphs]
    parts += [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_decrees_hold_exactly_the_approved_people(tmp_path):
    _, result = finalize(tmp_path)
    paths = render_documents(result, tmp_path / "out")
    kolektif, *petikan = paths
    assert kolektif.name == "sk-mutasi-2026-12-01.docx" and len(petikan) == 3
    lampiran = docx.Document(str(kolektif)).tables[-1]
    body = [[c.text for c in row.cells] for row in lampiran.rows[1:]]
    assert [row[0] for row in body] == ["1", "2", "3"]
    assert [row[1].split("\n") for row in body] == [
        ["Ani Lestari", f"NIP {spaced(A)}"],
        ["Citra Dewi", f"NIP {spaced(C)}"],
        ["Budi Santoso, S.Kom.", f"NIP {spaced(B)}"],
    ]
    assert body[1][4].split("\n") == ["Penata Laporan Keuangan", DIK]  # "&" survives
    text = docx_text(kolektif)
    assert "1 Desember 2026" in text and "800/001/BKPSDM/2026" in text and "DRAF" in text
    assert "{{" not in text and "{%" not in text
    for nip in (D, E, F):
        assert spaced(nip) not in text
    for path, (nip, name, jabatan) in zip(
        petikan,
        [(A, "Ani Lestari", "Analis SDM Aparatur"), (C, "Citra Dewi", "Penata Laporan Keuangan"),
         (B, "Budi Santoso, S.Kom.", "Pengadministrasi Umum")],
        strict=True,
    ):  # fmt: skip
        assert path.name == f"{safe_filename(name)}_{nip}.docx"
        text = docx_text(path)
        assert name in text and spaced(nip) in text and jabatan in text
        assert "1 Desember 2026" in text
        assert all(spaced(other) not in text for other in (A, B, C, D, E, F) if other != nip)


def test_nothing_approved_changes_nothing(tmp_path):
    moves = with_decisions(A="tolak", B="tunda", C="tolak")
    review, result = finalize(tmp_path, moves=moves)
    assert result.moves.empty and result.history_added == 0
    pd.testing.assert_frame_equal(result.roster, roster())
    assert render_documents(result, tmp_path / "out") == []
    assert summary(review, [], result)["approved"] == 0


def test_existing_decrees_are_kept_unless_forced(tmp_path):
    _, result = finalize(tmp_path)
    paths = render_documents(result, tmp_path / "out")
    paths[1].unlink()  # one petikan missing, the rest present: still nothing written
    with pytest.raises(MutasiError):
        render_documents(result, tmp_path / "out")
    assert not paths[1].exists()
    assert render_documents(result, tmp_path / "out", force=True) == paths
    assert paths[1].exists()


def office_template(folder, name, paragraph, edit=None):
    """A Word template ``folder/name`` of one paragraph; ``edit`` rewrites the bytes of its
    ``word/document.xml``. Returns ``folder``."""
    import zipfile

    folder.mkdir(exist_ok=True)
    doc = docx.Document()
    doc.add_paragraph(paragraph)
    if edit is None:
        doc.save(str(folder / name))
        return folder
    plain = io.BytesIO()
    doc.save(plain)
    with (
        zipfile.ZipFile(plain) as src,
        zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for part in src.namelist():
            data = src.read(part)
            out.writestr(part, edit(data) if part == "word/document.xml" else data)
    return folder


def test_office_template_replaces_the_packaged_one(tmp_path):
    custom = tmp_path / "tpl"
    custom.mkdir()
    doc = docx.Document()
    doc.add_paragraph("Petikan kantor untuk {{ m.nama }} mulai {{ tmt }}")
    doc.save(str(custom / "sk_petikan.docx"))
    _, result = finalize(tmp_path)
    kolektif, first, *_ = render_documents(result, tmp_path / "out", template_dir=custom)
    assert docx_text(first).strip() == "Petikan kantor untuk Ani Lestari mulai 1 Desember 2026"
    assert "LAMPIRAN" in docx_text(kolektif)  # not replaced: the packaged one


@pytest.mark.parametrize("name", ["sk_kolektif.docx", "sk_petikan.docx"])
def test_an_office_template_cannot_reach_python(tmp_path, name):
    """Decrees render in Jinja's sandbox (docxtpl for the collective SK, the compiled petikan
    template): a template from another office reached Python's classes through
    "".__class__, the way to run any code."""
    custom = tmp_path / "tpl"
    custom.mkdir()
    doc = docx.Document()
    doc.add_paragraph("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    doc.save(str(custom / name))
    _, result = finalize(tmp_path)
    with pytest.raises(MutasiError, match="unsafe"):
        render_documents(result, tmp_path / "out", template_dir=custom)


def test_an_office_template_that_inflates_past_the_limits_is_refused(tmp_path, monkeypatch):
    """Both .docx readers inflate every part whole: a 330 KB template whose document inflates
    to 300 MB held gigabytes. An office template passes the input limits first (here a 1 MB
    part limit and a 2 MB document)."""
    from mutasi_cli.io import limits

    custom = office_template(
        tmp_path / "tpl",
        "sk_petikan.docx",
        "Petikan untuk {{ m.nama }}",
        lambda xml: xml.replace(b"</w:body>", b"<!--" + b" " * 2_000_000 + b"--></w:body>"),
    )
    monkeypatch.setattr(limits, "_active", limits.LimitsSettings(max_part_mb=1))
    _, result = finalize(tmp_path)
    with pytest.raises(MutasiError) as caught:
        render_documents(result, tmp_path / "out", template_dir=custom)
    assert caught.value.code == "input-too-large" and "sk_petikan.docx" in caught.value.message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("name", ["sk_kolektif.docx", "sk_petikan.docx"])
@pytest.mark.parametrize(
    ("tag", "says"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ tmt | round }}", "TypeError"),
        ("{{ ('x' * 10**12) | length }}", "SecurityError"),
        ("{{ tmt.center(10**12) }}", "SecurityError"),
    ],
)
def test_an_office_template_that_fails_or_asks_for_all_memory_is_a_message(
    tmp_path, name, tag, says
):
    """A Word template that divides by zero ended in an internal-error traceback (only Jinja's
    own errors were caught), and one asking for 10^12 characters took the machine's memory.
    Both are ``bad-template`` naming the file now (the CLI writes decrees into a staging
    folder, so none is left behind: test_faults)."""
    custom = office_template(tmp_path / "tpl", name, f"Mulai {{{{ tmt }}}} {tag}")
    _, result = finalize(tmp_path)
    with pytest.raises(MutasiError) as caught:
        render_documents(result, tmp_path / "out", template_dir=custom)
    assert caught.value.code == "bad-template"
    assert says in caught.value.message and name in caught.value.message


@pytest.mark.parametrize("name", ["sk_kolektif.docx", "sk_petikan.docx"])
def test_an_office_template_looping_for_hours_is_stopped(tmp_path, monkeypatch, name):
    """Three nested loops over a list the template built are hours of work: an office's
    template renders under the time limit (300 s; half a second here), then bad-template."""
    from mutasi_cli.reports import sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    loops = (
        "{% set xs = range(1000) | list %}{% for a in xs %}{% for b in xs %}{% for c in xs %}"
        "{% endfor %}{% endfor %}{% endfor %}Mulai {{ tmt }}"
    )
    custom = office_template(tmp_path / "tpl", name, loops)
    _, result = finalize(tmp_path)
    with pytest.raises(MutasiError) as caught:
        render_documents(result, tmp_path / "out", template_dir=custom)
    assert caught.value.code == "bad-template" and "to render" in caught.value.message


@pytest.mark.parametrize("name", ["sk_kolektif.docx", "sk_petikan.docx"])
def test_an_office_template_writing_without_end_is_stopped(tmp_path, monkeypatch, name):
    """Each part of either decree is written piece by piece and stopped past MAX_OUTPUT
    characters (a million here): each value within the bound, a loop could still write
    gigabytes. The collective SK (docxtpl renders its parts whole) was not counted at all.
    Just below the bound both render."""
    from mutasi_cli.reports import sandbox

    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 1_000_000)
    _, result = finalize(tmp_path)
    loops = "{% for i in range(50) %}{{ 'a' * 9999 }}{% endfor %}Mulai {{ tmt }}"
    custom = office_template(tmp_path / "tpl", name, loops)
    paths = render_documents(result, tmp_path / "ok", template_dir=custom)
    written = paths[0] if name == "sk_kolektif.docx" else paths[1]
    assert docx_text(written).count("a" * 9999) == 50
    custom = office_template(tmp_path / "tpl2", name, loops.replace("50", "500", 1))
    with pytest.raises(MutasiError) as caught:
        render_documents(result, tmp_path / "out", template_dir=custom)
    assert caught.value.code == "bad-template" and "characters" in caught.value.message


def test_an_office_template_not_in_utf8_is_a_message(tmp_path):
    """A Word part must be UTF-8; one saved by another tool in Latin-1 ended in a
    UnicodeDecodeError traceback when the petikan template was compiled."""
    custom = office_template(
        tmp_path / "tpl",
        "sk_petikan.docx",
        "Mulai {{ tmt }} di kafe\u00e9",
        lambda xml: xml.replace("kafe\u00e9".encode(), b"kafe\xe9"),
    )
    _, result = finalize(tmp_path)
    with pytest.raises(MutasiError) as caught:
        render_documents(result, tmp_path / "out", template_dir=custom)
    assert caught.value.code == "bad-template" and "sk_petikan.docx" in caught.value.message


def test_broken_office_template_is_a_clear_error(tmp_path):
    custom = tmp_path / "tpl"
    custom.mkdir()
    doc = docx.Document()
    doc.add_paragraph("{{ m.nama ")
    doc.save(str(custom / "sk_kolektif.docx"))
    _, result = finalize(tmp_path)
    with pytest.raises(MutasiError, match="sk_kolektif.docx"):
        render_documents(result, tmp_path / "out", template_dir=custom)
    assert not (tmp_path / "out" / "sk-mutasi-2026-12-01.docx").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc", "etc"),
        ("A/B", "A_B"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1", "_Com1"),
        ("..\\..\\Windows\\system32", "Windows_system32"),
        ("Budi  Santoso, S.Kom.", "Budi Santoso, S.Kom"),
        ("Ani\x07 <Lestari>?", "Ani_ _Lestari"),
        ("...", "dokumen"),
        ("x" * 300, "x" * 80),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


# ---- workbooks ----------------------------------------------------------------------------
def test_approved_list_sheet_labels(tmp_path):
    _, result = finalize(tmp_path)
    spec, record = sheets(result, "id")
    assert spec.name == "Daftar Mutasi Ditetapkan"
    assert list(spec.frame[t("finalize.col.unit_tujuan", "id")]) == [BKD, DIK, KEC]
    assert spec.formats["NIP"] == "text"
    assert list(spec.frame["Pangkat/Golongan"]) == [
        "Penata Muda Tingkat I (III/b)",
        "Penata Muda (III/a)",
        "Penata (III/c)",
    ]
    assert sheets(result, "en")[0].name == "Approved Transfers"
    # the committee's record: the rejected and the deferred row, under fixed headers
    assert record.name == "Keputusan Komite" and sheets(result, "en")[1].name == record.name
    assert list(record.frame.columns) == [
        "NIP", "Nama", "Unit Kerja Asal", "Jabatan Asal", "Unit Kerja Tujuan", "Jabatan Tujuan",
        "Keputusan", "Catatan", "Tanggal Keputusan",
    ]  # fmt: skip
    rows = record.frame.set_index("NIP")
    assert rows.loc[D, ["Keputusan", "Catatan"]].tolist() == ["Tolak", "belum 2 tahun"]
    assert rows.loc[E, "Keputusan"] == "Tunda" and pd.isna(rows.loc[E, "Catatan"])
    assert (rows["Tanggal Keputusan"] == pd.Timestamp(SIGNED)).all()


def test_roster_and_history_read_back_as_inputs_of_the_next_cycle(tmp_path):
    review, result = finalize(tmp_path)
    back = {}
    for frame, table in [(result.roster, "pegawai"), (result.history, "riwayat_mutasi")]:
        spec = input_sheet(frame, table)
        assert spec.name == table and "excel_row" not in spec.frame
        loaded = read_table(write_workbook(tmp_path / f"{table}.xlsx", [spec], None))
        norm = normalize(loaded, per=TMT)
        assert (loaded.table, loaded.issues, norm.issues) == (table, [], [])
        back[table] = norm.frame
    cols = ["nip", "unit_kerja", "jabatan", "tmt_jabatan", "golongan"]
    pd.testing.assert_frame_equal(back["pegawai"][cols], result.roster[cols], check_dtype=False)
    cols = ["nip", "tmt_mutasi", "unit_asal", "unit_tujuan", "jabatan_tujuan", "nomor_sk"]
    pd.testing.assert_frame_equal(back["riwayat_mutasi"][cols], result.history[cols])
    # finalizing the same review again, with the history file read back, adds nothing
    again = apply_decisions(review, roster(), back["riwayat_mutasi"], tmt=TMT, tanggal_sk=SIGNED)
    assert again.history_added == 0 and len(again.history) == 3


def test_approved_list_prints_each_move_on_one_page_wide(tmp_path):
    """Spread over two pages wide, a move's destination unit and title printed ten pages
    apart: the list's long texts wrap in columns narrow enough for one A4 landscape page."""
    _, result = finalize(tmp_path)
    info = RunInfo("mutasi finalize", "0", date(2026, 11, 1), {}, (), datetime(2026, 11, 1), 1.0)
    path = write_workbook(tmp_path / "ditetapkan.xlsx", sheets(result, "id"), info)
    sheet = openpyxl.load_workbook(path)["Daftar Mutasi Ditetapkan"]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # one page wide (1 is left out)
    header = [c.value for c in sheet[1]]
    for label in ("Unit Kerja Tujuan", "Jabatan Tujuan", "Pangkat/Golongan"):
        assert sheet.cell(2, header.index(label) + 1).alignment.wrap_text, label
