"""The propose workbook, console and comparison: labels, sentences, and finalize reading it back."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime

import pandas as pd
import pytest
from rich.console import Console

from mutasi_cli.finalize.review import read_review
from mutasi_cli.io.write import write_workbook
from mutasi_cli.matching.propose import propose
from mutasi_cli.reports.propose import compare, compare_sheet, console, sheets
from mutasi_cli.settings import Settings
from propose_data import DUE, NEW, PER, aspirasi, jabatan, nip, pegawai, person, position


@pytest.fixture(scope="module")
def result():
    peg = pegawai(
        [
            person(1, "Dinas A", "Analis", tmt_jabatan=DUE, kinerja="Sangat Baik", potensi=80.0),
            person(2, "Dinas B", "Pengolah", tmt_jabatan=DUE),
            person(3, "Dinas B", "Pengolah"),
            person(4, "Dinas B", "Pengolah", tmt_jabatan=NEW),
            person(5, "Dinas B", "Pengolah", tmt_jabatan=DUE, status="PPPK"),
            person(6, "SD 1", "Guru Ahli Muda", tmt_jabatan=DUE, jenis_jabatan="fungsional",
                   jenjang="ahli_muda", rumpun="guru"),
        ]
    )  # fmt: skip
    jab = jabatan(
        [
            position("Dinas A", "Analis", 1),
            position("Dinas B", "Pengolah", 1),
            position("Dinas C", "Verifikator", 1),
            position("SD 1", "Guru Ahli Muda", 1, jenis_jabatan="fungsional", jenjang="ahli_muda",
                     rumpun="guru"),
            position("Puskesmas", "Perawat Ahli Muda", 1, jenis_jabatan="fungsional",
                     jenjang="ahli_muda", rumpun="perawat"),
        ]
    )  # fmt: skip
    asp = aspirasi(
        [{"nip": nip(1), "pilihan_1": "Dinas C"}, {"nip": nip(2), "pilihan_1": "Dinas A"}]
    )
    return propose(peg, jab, aspirasi=asp, per=PER, settings=Settings())


def _by_name(specs):
    return {spec.name: spec for spec in specs}


def test_review_sheet_first_with_decision_dropdown(result):
    specs = sheets(result, "id")
    assert [s.name for s in specs] == [
        "Usulan Mutasi",
        "Formasi Belum Terisi",
        "Alternatif",
        "Tidak Dipindah",
        "Tidak Memenuhi Syarat",
        "JPT — Seleksi & Uji Kompetensi",
        "Ringkasan",
        "Keadilan",
        "Kestabilan",
        "Parameter",
        "Usulan Tambahan",  # issue 12: the committee's own moves
        "mutasi_usulan_asli",  # issue 12: the hidden record finalize verifies against
    ]
    review = specs[0]
    assert review.dropdowns == {"Keputusan": ("Setuju", "Tolak", "Tunda")}
    assert review.formats["NIP"] == "text"
    frame = review.frame.set_index("NIP")
    assert frame["Keputusan"].isna().all() and "Catatan" in frame
    x, y = frame.loc[nip(1)], frame.loc[nip(2)]
    assert (x["Unit Kerja Asal"], x["Unit Kerja Tujuan"], x["Aspirasi"]) == (
        "Dinas A",
        "Dinas C",
        "Pilihan 1",
    )
    # what the committee reads: jabatan over unit in one cell, names with their NIP
    assert x["Unit/Jabatan Asal"] == f"{x['Jabatan Asal']}\nDinas A"
    assert list(review.frame.columns[:5]) == [
        "No",
        "NIP",
        "Nama",
        "Unit/Jabatan Asal",
        "Unit/Jabatan Tujuan",
    ]
    assert list(review.frame.columns[5:7]) == ["Keputusan", "Catatan"]
    assert review.freeze_cols == 3 and "Kursi Tujuan" in review.hidden
    assert "kotak talenta 7" in x["Alasan"]  # JPM unknown: no fit, so no talent reason
    assert "aspirasi pilihan 1" in x["Alasan"] and "mengisi formasi kosong" in x["Alasan"]
    holder = f"{x['Nama']} ({nip(1)})"
    assert f"mengisi kursi yang ditinggalkan {holder}" in y["Alasan"]
    assert "meninggalkan jabatan yang kelebihan pegawai" in y["Alasan"]
    assert (y["Kursi Tujuan"], y["Menggantikan"]) == (f"S:{nip(1)}", holder)
    assert y["Syarat yang Dipenuhi"].startswith("Lolos: rumpun jabatan, bukan jabatan yang sama")
    assert (
        "tidak diperiksa (data kosong): golongan, pendidikan, jurusan" in y["Syarat yang Dipenuhi"]
    )
    assert "masa jabatan ≥ 24 bulan" in y["Syarat yang Dipenuhi"]
    assert x["Stabil (bobot ±10%)"] == "Ya"


def test_english_labels(result):
    specs = _by_name(sheets(result, "en"))
    review = specs["Proposed Transfers"]
    assert review.dropdowns == {"Decision": ("Approve", "Reject", "Defer")}
    assert "fills an open vacancy" in review.frame.set_index("NIP").loc[nip(1), "Reason"]
    excluded = specs["Not Eligible"].frame.set_index("NIP")["Reason"]
    assert excluded[nip(4)] == "fewer than 24 months in post" and excluded[nip(5)] == "PPPK"


def test_other_sheets_explain(result):
    specs = _by_name(sheets(result, "id"))
    unfilled = specs["Formasi Belum Terisi"].frame.set_index("Jabatan")
    nurse = unfilled.loc["Perawat Ahli Muda"]
    assert nurse["Alasan"] == "Tidak ada kandidat yang memenuhi syarat"
    assert nurse["Aturan Penyaring Terbanyak"] == "rumpun jabatan: 4 (dari 4 kandidat)"
    not_moved = specs["Tidak Dipindah"].frame.set_index("NIP")["Alasan"]
    assert not_moved[nip(6)] == (
        "Tidak memenuhi syarat untuk formasi mana pun; terbanyak gagal: rumpun jabatan"
    )
    assert not_moved[nip(3)].startswith("Kursi yang cocok lebih baik diisi kandidat lain")
    fairness = specs["Keadilan"].frame
    first = fairness[
        (fairness["Dimensi"] == "Aspirasi terpenuhi") & (fairness["Kelompok"] == "Pilihan 1")
    ]
    assert first[["Kandidat", "Dipindah", "Persentase"]].values.tolist() == [[2, 2, 100.0]]
    summary = dict(specs["Ringkasan"].frame.values.tolist())
    assert (
        summary["Usulan mutasi"],
        summary["Formasi terisi"],
        summary["Formasi tetap kosong"],
    ) == ("2", "1", "1")
    params = specs["Parameter"].frame.set_index("Parameter")
    assert params.loc["weight_aspiration", "Nilai"] == "2.0"
    assert params.loc["solver", "Nilai"] == "lsa-dense"


def test_finalize_reads_the_written_review_back(result, tmp_path):
    path = write_workbook(
        tmp_path / "usulan.xlsx", sheets(result, "id"), None, created=datetime(2025, 7, 1)
    )
    review = read_review(path)
    assert review.issues == [] and review.sheet == "Usulan Mutasi"
    frame = review.frame.set_index("nip")
    assert sorted(frame.index) == sorted(result.moves["nip"])
    assert frame.loc[nip(2), "seat"] == f"S:{nip(1)}"
    assert set(frame["keputusan"]) == {"tunda"}  # nothing decided yet


def test_compare_with_an_earlier_proposal(result):
    old = result.moves[["nip", "nama", "from_unit", "from_jabatan", "to_unit", "to_jabatan"]].copy()
    old.loc[old["nip"] == nip(1), "to_unit"] = "Dinas Lama"
    old = old[old["nip"] != nip(2)]
    gone = pd.DataFrame(
        [{"nip": nip(9), "nama": "Pegawai 009", "from_unit": "X", "from_jabatan": "Y",
          "to_unit": "Z", "to_jabatan": "W"}]
    )  # fmt: skip
    changes = compare(result, pd.concat([old, gone], ignore_index=True))
    assert changes[["change", "nip"]].values.tolist() == [
        ["added", nip(2)],
        ["changed", nip(1)],
        ["dropped", nip(9)],
    ]
    assert changes.set_index("nip").loc[nip(1), "old_to_unit"] == "Dinas Lama"
    sheet = compare_sheet(changes, "id")
    assert sheet.name == "Perbandingan" and sheet.frame["Perubahan"].tolist()[0] == "Ditambah"


def test_console_summary(result):
    buffer = io.StringIO()
    Console(file=buffer, width=160).print(*console(result, "id"))
    text = buffer.getvalue()
    assert "Usulan mutasi" in text and "Formasi terisi" in text and nip(2) in text


def test_runner_ups_per_move_are_capped_every_move_kept():
    peg = pegawai(
        [person(i, "Dinas B", "Pengolah", tmt_jabatan=DUE) for i in range(1, 6)]
        + [person(6, "Dinas A", "Analis", tmt_jabatan=DUE)]
    )
    jab = jabatan(
        [position("Dinas A", "Analis", 1), position("Dinas B", "Pengolah", 5)]
        + [position(f"Dinas {u}", "Pengolah", 2) for u in "CDE"]
    )
    settings = Settings()
    one = dataclasses.replace(settings, propose=dataclasses.replace(settings.propose, runner_ups=1))
    full = _by_name(sheets(propose(peg, jab, per=PER, settings=settings, scope="all"), "en"))
    capped = _by_name(sheets(propose(peg, jab, per=PER, settings=one, scope="all"), "en"))
    moves = full["Proposed Transfers"].frame
    assert len(moves) == 5 and capped["Proposed Transfers"].frame.equals(moves)  # all kept
    alternatives = full["Alternatives"].frame
    assert alternatives.groupby(["NIP", "Kind"]).size().tolist() == [3] * 10  # default 3
    kept = capped["Alternatives"].frame
    assert len(kept) == 5 * 2 and set(kept["Rank"]) == {1}
    first = alternatives[alternatives["Rank"] == 1].reset_index(drop=True)
    assert kept.reset_index(drop=True).equals(first)
    five = dataclasses.replace(
        settings, propose=dataclasses.replace(settings.propose, runner_ups=5)
    )
    more = _by_name(sheets(propose(peg, jab, per=PER, settings=five, scope="all"), "en"))
    assert more["Alternatives"].frame.groupby(["NIP", "Kind"]).size().max() == 5  # beyond 3
