"""Issue 9: a round a committee would sign -- one trap per rule on small hand-made frames."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.matching.carry import parse_decisions
from mutasi_cli.matching.propose import propose
from mutasi_cli.rules.jabatan import pelaksana_group, pelaksana_groups, school_level
from mutasi_cli.settings import Settings
from propose_data import DUE, MID, PER, aspirasi, jabatan, nip, pegawai, person, position

S = Settings()


def _settings(**changes) -> Settings:
    return dataclasses.replace(S, propose=dataclasses.replace(S.propose, **changes))


def _moves(result) -> dict[str, tuple[str, str]]:
    m = result.moves
    return dict(zip(m["nip"], zip(m["to_unit"], m["to_jabatan"], strict=True), strict=True))


def _clerk(seq, unit, jabatan_, **extra):
    """A pelaksana whose group comes from the packaged nomenclature (no test override)."""
    row = person(seq, unit, jabatan_, **extra)
    row.pop("kelompok_jabatan", None)
    return row


def _post(unit, jabatan_, need, **extra):
    row = position(unit, jabatan_, need, **extra)
    if "kelompok_jabatan" not in extra:
        row.pop("kelompok_jabatan", None)
    return row


def test_staying_is_the_default_an_overdue_move_needs_a_purpose():
    # X is overdue in a balanced single seat; a vacancy elsewhere is no more urgent. Moving
    # just shifts the hole and pays the move cost: X stays (the old model moved X for free).
    peg = pegawai([person(1, "Dinas A", "Analis", tmt_jabatan=DUE)])
    jab = jabatan([position("Dinas A", "Analis", 1), position("Dinas B", "Analis", 1)])
    assert _moves(propose(peg, jab, per=PER, settings=S)) == {}
    # Asked for it: now the move has a purpose of its own and goes ahead.
    asp = aspirasi([{"nip": nip(1), "pilihan_1": "Dinas B"}])
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert _moves(result) == {nip(1): ("Dinas B", "Analis")}
    assert result.moves["purpose"].tolist() == ["isi_formasi"]
    assert result.moves["purposes"].tolist() == ["isi_formasi,aspirasi"]
    assert (result.moves["score_move"] == -S.propose.move_cost).all()


def test_jpt_vacancy_with_a_willing_jpt_goes_to_its_own_sheet():
    jpt = {"jenis_jabatan": "struktural", "eselon": "II.b", "jenjang": "jpt", "golongan_id": 42}
    peg = pegawai(
        [
            person(1, "Dinas A", "Kepala Dinas", tmt_jabatan=DUE, **jpt),
            person(2, "Dinas C", "Kepala Dinas", tmt_jabatan=MID, **jpt),
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Kepala Dinas", 1, **jpt),
            position("Dinas B", "Kepala Dinas", 1, **jpt),
            position("Dinas C", "Kepala Dinas", 1, **jpt),
        ]
    )
    asp = aspirasi([{"nip": nip(1), "bersedia_mutasi": True, "pilihan_1": "Dinas B"}])
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert result.moves.empty
    assert result.counts["vacancies"] == 0  # the JPT vacancy is not a seat of this round
    assert result.excluded.set_index("nip").at[nip(1), "reasons"] == "jpt"
    sheet = result.jpt
    vacancy = sheet[sheet["kind"] == "formasi"]
    assert vacancy["unit_kerja"].unique().tolist() == ["Dinas B"]
    assert vacancy["cand_nip"].tolist() == [nip(1), nip(2)] and vacancy["rank"].tolist() == [1, 2]
    due = sheet[sheet["kind"] == "jatuh_tempo"]
    assert due["nip"].unique().tolist() == [nip(1)]
    # Switched off, the JPT is proposed like anyone else (the old behaviour).
    old = propose(peg, jab, aspirasi=asp, per=PER, settings=_settings(exclude_jpt=False))
    assert _moves(old) == {nip(1): ("Dinas B", "Kepala Dinas")}


def test_guru_of_other_subjects_and_levels_are_not_proposed():
    guru = {"jenis_jabatan": "fungsional", "jenjang": "ahli_muda", "golongan_id": 33}
    peg = pegawai(
        [
            person(1, "SD Negeri 1", "Guru Kelas Ahli Muda", tmt_jabatan=DUE, rumpun="guru kelas", **guru),
            person(2, "SMP Negeri 1", "Guru Matematika Ahli Muda", tmt_jabatan=DUE,
                   rumpun="guru matematika", **guru),
        ]
    )  # fmt: skip
    jab = jabatan(
        [
            position("SD Negeri 1", "Guru Kelas Ahli Muda", 3, rumpun="guru kelas", **guru),
            position("SMP Negeri 1", "Guru Matematika Ahli Muda", 3, rumpun="guru matematika", **guru),
            position("SMP Negeri 2", "Guru Kelas Ahli Muda", 1, rumpun="guru kelas", **guru),
            position("SMP Negeri 2", "Guru IPA Ahli Muda", 1, rumpun="guru ipa", **guru),
            position("SD Negeri 2", "Guru Matematika Ahli Muda", 1, rumpun="guru matematika", **guru),
        ]
    )  # fmt: skip
    # Both hold surplus-free posts and ask for nothing: only a same-subject, same-level post
    # could take them, and there is none.
    result = propose(peg, jab, per=PER, scope="all", settings=_settings(move_cost=0.1))
    assert _moves(result) == {}
    not_moved = result.not_moved.set_index("nip")
    assert not_moved.at[nip(2), "top_rule"] in ("rumpun", "jenjang_sekolah")
    # The maths teacher asks for the SD with a maths post: the level rule yields to the choice.
    asp = aspirasi([{"nip": nip(2), "pilihan_1": "SD Negeri 2"}])
    asked = propose(peg, jab, aspirasi=asp, per=PER, scope="all", settings=_settings(move_cost=0.1))
    assert _moves(asked) == {nip(2): ("SD Negeri 2", "Guru Matematika Ahli Muda")}
    assert asked.moves["rule_jenjang_sekolah"].tolist() == ["ok"]


def test_school_level_from_the_unit_name():
    units = pd.Series(["SD Negeri Salatiga 01", "SMP Negeri 2 Salatiga", "MTs N 1", "Dinas X"])
    assert school_level(units).fillna("-").tolist() == ["sd", "smp", "smp", "-"]


def test_clerk_next_to_a_vacant_driver_post_stays_a_clerk():
    # A surplus of clerks and an empty driver's seat in the same unit: a clerk may not become a
    # driver (another group of the nomenclature); a vacant Pengadministrasi Perkantoran may.
    peg = pegawai(
        [_clerk(i, "Kelurahan A", "Pengadministrasi Umum", tmt_jabatan=DUE) for i in (1, 2, 3)]
    )
    jab = jabatan(
        [
            _post("Kelurahan A", "Pengadministrasi Umum", 1),
            _post("Kelurahan A", "Pengemudi", 1),
        ]
    )
    result = propose(peg, jab, per=PER, settings=S)
    assert _moves(result) == {}
    assert result.unfilled.set_index("jabatan").at["Pengemudi", "reason"] == "no_eligible"
    jab2 = jabatan(
        [
            _post("Kelurahan A", "Pengadministrasi Umum", 1),
            _post("Kelurahan A", "Pengemudi", 1),
            _post("Kelurahan B", "Pengadministrasi Perkantoran", 1),
        ]
    )
    moved = _moves(propose(peg, jab2, per=PER, settings=S))
    assert set(moved.values()) == {("Kelurahan B", "Pengadministrasi Perkantoran")}
    # The position map's own group overrides the packaged one.
    jab3 = jabatan(
        [
            _post("Kelurahan A", "Pengadministrasi Umum", 1, kelompok_jabatan="umum"),
            _post("Kelurahan A", "Pengemudi", 1, kelompok_jabatan="umum"),
        ]
    )
    assert set(_moves(propose(peg, jab3, per=PER, settings=S)).values()) == {
        ("Kelurahan A", "Pengemudi")
    }


def test_pelaksana_grouping_file_is_packaged():
    groups = pelaksana_groups()
    assert groups["pengemudi"] != groups["operator layanan operasional"]
    assert groups["pengadministrasi umum"] == groups["pengadministrasi perkantoran"]
    got = pelaksana_group(pd.Series(["Petugas Pemadam Kebakaran", "Juru Foto"]))
    assert got.tolist()[0] == "teknis_damkar" and pd.isna(got.iloc[1])


def test_unwilling_person_whose_seat_someone_wants():
    # A said "tidak bersedia" (rotation due); B asks for A's seat. Nobody is bumped: A stays,
    # so B has no seat. A vacancy whose only fitting candidate declined says so.
    peg = pegawai(
        [
            person(1, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(2, "Dinas B", "Analis", tmt_jabatan=DUE),
            person(3, "Dinas B", "Analis", tmt_jabatan=DUE),
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Analis", 1),
            position("Dinas B", "Analis", 1),
            position("Dinas C", "Verifikator", 1, golongan_min_id=34, golongan_max_id=34),
        ]
    )
    peg.loc[peg["nip"] == nip(1), "golongan_id"] = 34  # only A fits Dinas C
    asp = aspirasi(
        [
            {"nip": nip(1), "bersedia_mutasi": False},
            {"nip": nip(2), "pilihan_1": "Dinas A"},
        ]
    )
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert nip(1) not in set(result.moves["nip"]) and nip(2) not in set(result.moves["nip"])
    assert result.excluded.set_index("nip").at[nip(1), "reasons"] == "tidak_bersedia"
    unfilled = result.unfilled.set_index("unit_kerja")
    assert (
        unfilled.at["Dinas C", "reason"] == "declined" and unfilled.at["Dinas C", "declined"] == 1
    )


def _kinerja(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["nip", "period_end", "predikat"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["period_start"] = frame["period_end"] - pd.offsets.YearBegin(1)
    frame["period_kind"] = "tahun"
    frame["periode"] = frame["period_end"].dt.year.astype(str)
    frame["excel_row"] = range(2, len(frame) + 2)
    return frame.astype({"nip": "string", "predikat": "string"})


def test_two_butuh_perbaikan_years_block_a_requested_move():
    peg = pegawai(
        [
            person(1, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(2, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(3, "Dinas A", "Analis"),
        ]
    )
    jab = jabatan([position("Dinas A", "Analis", 2), position("Dinas V", "Analis", 1)])
    asp = aspirasi([{"nip": nip(k), "pilihan_1": "Dinas V"} for k in (1, 2)])
    kinerja = _kinerja(
        [
            (nip(1), "2023-12-31", "Butuh Perbaikan"),
            (nip(1), "2024-12-31", "Butuh Perbaikan"),
            (nip(2), "2023-12-31", "Baik"),
            (nip(2), "2024-12-31", "Sangat Baik"),
        ]
    )
    result = propose(peg, jab, aspirasi=asp, kinerja=kinerja, per=PER, settings=S)
    assert _moves(result) == {nip(2): ("Dinas V", "Analis")}
    excluded = result.excluded.set_index("nip")
    assert excluded.at[nip(1), "reasons"] == "skp"
    assert excluded.at[nip(1), "skp_detail"] == "2023=Butuh Perbaikan; 2024=Butuh Perbaikan"
    ineligible = result.ineligible.set_index("nip")
    assert ineligible.at[nip(1), "asked"] and nip(2) not in ineligible.index
    off = propose(
        peg, jab, aspirasi=asp, kinerja=kinerja, per=PER, settings=_settings(min_predikat_years=0)
    )
    assert "skp" not in ",".join(off.excluded["reasons"])


def test_displacement_only_when_allowed_and_then_explained():
    # B asks for A's seat; A could move on to an empty seat elsewhere, but only at a loss of its
    # own (no purpose worth the move for A). By default A is not bumped.
    # Dinas C lacks one of ten: filling it is worth 3 x 0.1, less than the move cost.
    staff = [person(10 + k, "Dinas C", "Analis") for k in range(9)]
    peg = pegawai(
        [
            person(1, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(2, "Dinas B", "Analis", tmt_jabatan=DUE),
            person(3, "Dinas B", "Analis"),
            person(4, "Dinas B", "Analis"),
            *staff,
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Analis", 1),
            position("Dinas B", "Analis", 3),
            position("Dinas C", "Analis", 10),
        ]
    )
    asp = aspirasi([{"nip": nip(2), "pilihan_1": "Dinas A"}])
    strict = propose(peg, jab, aspirasi=asp, per=PER, settings=_settings(weight_aspiration=6.0))
    assert _moves(strict) == {}
    loose = propose(
        peg, jab, aspirasi=asp, per=PER,
        settings=_settings(allow_displacement=True, weight_aspiration=6.0),
    )  # fmt: skip
    m = loose.moves.set_index("nip")
    assert set(_moves(loose)) == {nip(1), nip(2)}
    assert m.at[nip(1), "own_score"] < 0 and m.at[nip(1), "makes_room_for"] == nip(2)
    assert m.at[nip(1), "chain_gain"] == pytest.approx(m["score"].sum())
    assert m.at[nip(1), "chain_id"] == m.at[nip(2), "chain_id"]


def _record(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Keputusan Komite"
    sheet.append(
        [
            "NIP", "Nama", "Unit Kerja Asal", "Jabatan Asal", "Unit Kerja Tujuan",
            "Jabatan Tujuan", "Keputusan", "Catatan", "Tanggal Keputusan",
        ]
    )  # fmt: skip
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _read(path: Path) -> pd.DataFrame:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets = {
        n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names
    }
    return parse_decisions(sheets, str(path))


def test_carry_over_deferred_first_rejected_kept_out(tmp_path):
    peg = pegawai(
        [
            person(1, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(2, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(3, "Dinas A", "Analis", tmt_jabatan=DUE),
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Analis", 1),
            position("Dinas V", "Analis", 1),
            position("Dinas W", "Analis", 1),
        ]
    )
    asp = aspirasi(
        [{"nip": nip(1), "pilihan_1": "Dinas V"}, {"nip": nip(2), "pilihan_1": "Dinas V"}]
    )
    before = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert _moves(before)[nip(1)] == ("Dinas V", "Analis")  # the lower NIP wins the tie
    record = _record(
        tmp_path / "keputusan-komite-2025-06-01.xlsx",
        [
            [nip(1), "A", "Dinas A", "Analis", "Dinas V", "Analis", "Tolak", "", "2025-06-01"],
            [nip(3), "C", "Dinas A", "Analis", "Dinas W", "Analis", "Tunda", "", "2025-06-01"],
            [nip(2), "B", "Dinas A", "Analis", "Dinas V", "Analis", "Setuju", "", "2025-06-01"],
        ],
    )
    decisions = _read(record)
    assert decisions["keputusan"].tolist() == ["tolak", "tunda"]
    after = propose(peg, jab, aspirasi=asp, carry_over=decisions, per=PER, settings=S)
    moved = _moves(after)
    assert moved.get(nip(1)) != ("Dinas V", "Analis")  # rejected: not proposed again
    assert moved[nip(2)] == ("Dinas V", "Analis")
    assert moved[nip(3)] == ("Dinas W", "Analis")  # deferred, not asked for: back first
    assert "tunda" in after.moves.set_index("nip").at[nip(3), "purposes"]
    # After the cooldown a rejected move may come back.
    late = propose(
        peg, jab, aspirasi=asp, carry_over=decisions, per=PER,
        settings=_settings(reject_cooldown_months=0),
    )  # fmt: skip
    assert _moves(late)[nip(1)] == ("Dinas V", "Analis")


def test_carry_over_without_its_columns_is_a_clear_error(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["NIP", "Nama", "Catatan"])
    book.active.append([nip(1), "A", "x"])
    path = tmp_path / "salah.xlsx"
    book.save(path)
    with pytest.raises(MutasiError, match="Unit Kerja Tujuan, Jabatan Tujuan, Keputusan"):
        _read(path)


def test_validate_warns_once_per_ungrouped_pelaksana_title():
    from mutasi_cli.validate import Located, cross_check

    jab = jabatan(
        [
            _post("Dinas A", "Juru Foto", 1),
            _post("Dinas B", "Juru Foto", 1),
            _post("Dinas B", "Pengemudi", 1),
            _post("Dinas C", "Juru Taman", 1, kelompok_jabatan="teknis"),  # the map groups it
        ]
    )
    issues = cross_check({"jabatan": Located(jab, "jabatan", {"jabatan": 1})}, per=PER)
    found = [i for i in issues if i.code == "pelaksana-no-group"]
    assert [(i.value, i.row, i.params["n"]) for i in found] == [("Juru Foto", 2, "2")]
    assert found[0].cell == "jabatan!B2" and "Juru Foto" in found[0].message("id")


def test_validate_reads_unit_rows_of_an_organisation_tree_as_one_warning():
    """A SIASN listing flattens its organisation tree: a Puskesmas's village units stand in
    the position column, each the unit of other rows. They were one pelaksana-no-group warning
    each (69 of 72 on the real Muna Barat listing); they are one position-is-unit warning
    naming how many, and a real ungrouped title is still warned."""
    from mutasi_cli.validate import Located, cross_check

    jab = jabatan(
        [
            _post("Puskesmas Lawa", "Lagadhi", 0),  # a village unit under the Puskesmas
            _post("Lagadhi", "Bidan Ahli Pertama", 1, jenis_jabatan="fungsional"),
            _post("Puskesmas Lawa", "Latompe", 0),
            _post("Latompe", "Perawat Terampil", 1, jenis_jabatan="fungsional"),
            _post("Puskesmas Lawa", "Juru Foto", 1),
        ]
    )
    issues = cross_check({"jabatan": Located(jab, "jabatan", {"jabatan": 1})}, per=PER)
    units = [i for i in issues if i.code == "position-is-unit"]
    assert [(i.value, i.row, i.params["n"], i.cell) for i in units] == [
        ("Lagadhi", 2, "2", "jabatan!B2")
    ]
    assert "2 baris" in units[0].message("id") and "SIASN" in units[0].message("en")
    ungrouped = [i.value for i in issues if i.code == "pelaksana-no-group"]
    assert ungrouped == ["Juru Foto"]
    # a map without any unit column: nothing to compare with, the titles are warned as before
    bare = Located(jab.drop(columns=["unit_kerja", "unit_induk"]), "jabatan", {"jabatan": 0})
    codes = [i.code for i in cross_check({"jabatan": bare}, per=PER)]
    assert codes.count("pelaksana-no-group") == 3 and "position-is-unit" not in codes


SAMPLE_DATA = Path(__file__).resolve().parents[1] / "sample_data"


def _cli(capsys, *args: str) -> tuple[int, dict]:
    from mutasi_cli.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, _ = capsys.readouterr()
    return int(exit_info.value.code or 0), json.loads(out)


def test_sample_city_round_is_sized_and_carry_over_works_end_to_end(tmp_path, capsys):
    """The bundled sample city with default settings: a round a committee can sit through
    (at most 10 % of the roster, at least 60 % of vacancies filled, chains of at most 3); then
    the committee's record of that round, fed back with --carry-over."""
    if not (SAMPLE_DATA / "pegawai.xlsx").is_file():
        pytest.skip("sample_data/ has not been generated")
    folder = tmp_path / "city"
    shutil.copytree(SAMPLE_DATA, folder)
    config = str(folder / "mutasi.toml")
    args = ["propose", "--config", config, "--per", "2026-12-01", "--json", "--quiet"]
    code, summary = _cli(capsys, *args, "--out", str(tmp_path / "a.xlsx"))
    assert code == 0
    roster = 4000
    assert summary["moves"] <= 0.10 * roster
    assert summary["vacancies_filled"] >= 0.60 * summary["vacancies"]
    assert summary["longest_chain"] <= 3
    assert set(summary["purposes"]) <= {
        "isi_formasi", "kurangi_kelebihan", "rotasi", "aspirasi", "talenta", "tunda"
    }  # fmt: skip
    first, second = summary["moves_detail"][:2]
    record = _record(
        tmp_path / "keputusan-komite-2026-12-01.xlsx",
        [
            [d["nip"], "", d["from_unit"], d["from_jabatan"], d["to_unit"], d["to_jabatan"], word,
             "", "2026-11-20"]
            for d, word in ((first, "Tolak"), (second, "Tunda"))
        ],
    )  # fmt: skip
    code, again = _cli(
        capsys, *args, "--carry-over", str(record), "--out", str(tmp_path / "b.xlsx")
    )
    assert code == 0
    moved = {d["nip"]: (d["to_unit"], d["to_jabatan"]) for d in again["moves_detail"]}
    assert moved.get(first["nip"]) != (first["to_unit"], first["to_jabatan"])
    assert moved[second["nip"]] == (second["to_unit"], second["to_jabatan"])


def test_solver_time_limit_is_passed_on_and_a_gap_is_reported(monkeypatch):
    """The setting reaches the solver; a plan returned with a proven gap (the chain solve stopped
    at its limit, see test_matching_assign) is reported in counts and as a warning, never
    silently. An exact plan carries gap 0 and no warning."""
    from mutasi_cli.matching import propose as propose_module

    peg = pegawai([person(1, "Dinas A", "Analis", tmt_jabatan=DUE)])
    jab = jabatan([position("Dinas A", "Analis", 1), position("Dinas B", "Analis", 1)])
    asp = aspirasi([{"nip": nip(1), "pilihan_1": "Dinas B"}])
    exact = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert exact.counts["optimality_gap"] == 0.0
    assert "propose-solver-time-limit" not in [i.code for i in exact.issues]
    seen = []
    real = propose_module.solve

    def stopped(*args, **kwargs):
        seen.append(kwargs["time_limit"])
        return dataclasses.replace(real(*args, **kwargs), gap=0.25)

    monkeypatch.setattr(propose_module, "solve", stopped)
    result = propose(
        peg, jab, aspirasi=asp, per=PER, settings=_settings(solver_time_limit_seconds=7)
    )
    assert seen[0] == 7
    assert result.counts["optimality_gap"] == 0.25
    assert result.summary()["optimality_gap"] == 0.25
    issue = next(i for i in result.issues if i.code == "propose-solver-time-limit")
    assert issue.level == "warning"
    assert "7 detik" in issue.message() and "0.2500" in issue.message()
    assert "time limit of 7 s" in issue.message("en")
