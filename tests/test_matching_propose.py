"""`propose` on small canonical frames: chains, the greedy trap, rules, limits, bad input."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.matching.propose import propose
from mutasi_cli.schema import MANAJERIAL, SOSIAL_KULTURAL
from mutasi_cli.settings import Settings
from propose_data import (
    DUE,
    MID,
    NEW,
    PER,
    aspirasi,
    jabatan,
    nip,
    pegawai,
    person,
    position,
)

S = Settings()


def _settings(**propose_changes) -> Settings:
    return dataclasses.replace(S, propose=dataclasses.replace(S.propose, **propose_changes))


def _moves(result) -> dict[str, tuple[str, str]]:
    m = result.moves
    return dict(zip(m["nip"], zip(m["to_unit"], m["to_jabatan"], strict=True), strict=True))


def test_chain_fills_the_seat_a_mover_leaves():
    # V (Dinas C) is open. X holds S (Dinas A, balanced) and fits V; Y sits in a surplus
    # position and fits S. Both move in one run; Y takes the seat X left.
    peg = pegawai(
        [
            person(1, "Dinas A", "Analis", tmt_jabatan=DUE),
            person(2, "Dinas B", "Pengolah", tmt_jabatan=DUE),
            person(3, "Dinas B", "Pengolah"),
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Analis", 1),
            position("Dinas B", "Pengolah", 1),
            position("Dinas C", "Verifikator", 1),
        ]
    )
    asp = aspirasi(
        [{"nip": nip(1), "pilihan_1": "Dinas C"}, {"nip": nip(2), "pilihan_1": "Dinas A"}]
    )
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert _moves(result) == {nip(1): ("Dinas C", "Verifikator"), nip(2): ("Dinas A", "Analis")}
    m = result.moves.set_index("nip")
    assert m.at[nip(2), "fills_nip"] == nip(1)
    assert m.at[nip(2), "seat"] == f"S:{nip(1)}"
    assert pd.isna(m.at[nip(1), "fills_nip"])
    assert m.at[nip(1), "seat"] == "F:Dinas C / Verifikator #1"
    assert result.counts["vacancies_filled"] == 1 and result.counts["vacancies_created"] == 0
    # The chain's accounting: X's vacancy part is V's priority minus S's (1 - 1), Y's is S's
    # priority plus the relief of leaving a surplus of 1 over a need of 1 (1 + 1), times 4.
    assert m.at[nip(1), "score_vacancy"] == pytest.approx(0.0)
    assert m.at[nip(2), "score_vacancy"] == pytest.approx(8.0)
    # One chain of two moves: X fills the vacancy (place 1), Y takes X's seat (place 2).
    assert m.at[nip(1), "chain_id"] == m.at[nip(2), "chain_id"] == 1
    assert (m.at[nip(1), "chain_pos"], m.at[nip(2), "chain_pos"]) == (1, 2)
    assert m.at[nip(1), "purpose"] == "isi_formasi"
    assert m.at[nip(2), "purpose"] == "kurangi_kelebihan"
    assert m.at[nip(1), "makes_room_for"] == nip(2)
    assert not m["chain_swap"].any()
    assert result.not_moved.set_index("nip").at[nip(3), "reason"] == "outscored"


def test_greedy_trap_fills_both_vacancies():
    # A prefers V1 (choice 1) to V2 (choice 2); B's grade only fits V1. Taking A's best first
    # would leave V2 empty; the joint optimum sends A to V2 and B to V1.
    peg = pegawai(
        [
            person(1, "Dinas X", "Pengolah", tmt_jabatan=DUE, golongan_id=33),
            person(2, "Dinas X", "Pengolah", tmt_jabatan=DUE, golongan_id=32),
        ]
    )
    jab = jabatan(
        [
            position("Dinas X", "Pengolah", 0),
            position("Dinas V1", "Analis", 1, golongan_min_id=32, golongan_max_id=34),
            position("Dinas V2", "Analis", 1, golongan_min_id=33, golongan_max_id=34),
        ]
    )
    asp = aspirasi([{"nip": nip(1), "pilihan_1": "Dinas V1", "pilihan_2": "Dinas V2"}])
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert _moves(result) == {nip(1): ("Dinas V2", "Analis"), nip(2): ("Dinas V1", "Analis")}
    m = result.moves.set_index("nip")
    assert m.at[nip(1), "aspiration_rank"] == 2
    # A's runner-up seat is V1; the runner-up for B's seat V1 is A.
    assert (m.at[nip(1), "runner_up_unit"], m.at[nip(2), "runner_up_nip"]) == ("Dinas V1", nip(1))
    assert m.at[nip(1), "runner_up_seat_score"] > m.at[nip(1), "score"]
    assert result.counts["vacancies_open"] == 0
    assert result.counts["objective"] == pytest.approx(m["score"].sum())
    summary = json.loads(json.dumps(result.summary()))  # the --json keys of DESIGN.md 7
    assert {
        "candidates",
        "slots",
        "moves",
        "vacancies_filled",
        "vacancies_open",
        "objective",
    } <= set(summary)
    assert (summary["candidates"], summary["slots"], summary["moves"]) == (2, 4, 2)
    detail = {d["nip"]: d for d in summary["moves_detail"]}
    assert set(detail[nip(1)]) == {
        "nip", "from_unit", "from_jabatan", "to_unit", "to_jabatan", "score", "jpm",
        "purpose", "chain_id", "chain_pos",
    }  # fmt: skip
    assert detail[nip(1)]["to_unit"] == "Dinas V2" and detail[nip(1)]["jpm"] is None


def test_jpm_of_the_move_against_the_target_standard():
    # J1 (DOMAIN.md 10): standard 9 x 3, capaian sums to 25 -> 92.59 %, Optimal.
    levels = dict(zip((*MANAJERIAL, *SOSIAL_KULTURAL), [3, 3, 3, 2, 3, 3, 2, 3, 3], strict=True))
    standard = dict.fromkeys((*MANAJERIAL, *SOSIAL_KULTURAL), 3)
    peg = pegawai([person(1, "Dinas X", "Pengolah", tmt_jabatan=DUE, **levels)])
    jab = jabatan(
        [position("Dinas X", "Pengolah", 0), position("Dinas Y", "Analis", 1, **standard)]
    )
    m = propose(peg, jab, per=PER, settings=S).moves
    assert m.at[0, "jpm"] == pytest.approx(92.5926, abs=1e-4)
    assert m.at[0, "jpm_category"] == "Optimal"


def test_hard_rules_exclude_pairs_and_unfilled_vacancy_says_why():
    peg = pegawai(
        [
            person(1, "Dinas X", "Guru Ahli Muda", tmt_jabatan=DUE, jenis_jabatan="fungsional",
                   jenjang="ahli_muda", rumpun="guru"),
            person(2, "Dinas X", "Pengolah", tmt_jabatan=DUE, pendidikan_level=15),
        ]
    )  # fmt: skip
    jab = jabatan(
        [
            position("Dinas X", "Guru Ahli Muda", 0, jenis_jabatan="fungsional",
                     jenjang="ahli_muda", rumpun="guru"),
            position("Dinas X", "Pengolah", 0),
            position("Puskesmas", "Perawat Ahli Muda", 1, jenis_jabatan="fungsional",
                     jenjang="ahli_muda", rumpun="perawat"),
            position("Dinas Y", "Analis", 1, pendidikan_min_level=40),
        ]
    )  # fmt: skip
    result = propose(peg, jab, per=PER, settings=S)
    assert result.moves.empty
    unfilled = result.unfilled.set_index("jabatan")
    assert unfilled.at["Perawat Ahli Muda", "reason"] == "no_eligible"
    assert unfilled.at["Perawat Ahli Muda", "failed_rumpun"] == 2  # a teacher is no nurse
    assert unfilled.at["Analis", "failed_pendidikan"] == 1
    assert unfilled.at["Analis", "failed_rumpun"] == 1  # the teacher again
    not_moved = result.not_moved.set_index("nip")
    assert not_moved.at[nip(1), "reason"] == "eligible_nowhere"
    assert not_moved.at[nip(1), "top_rule"] == "rumpun"
    assert not_moved.at[nip(2), "top_rule"] in ("pendidikan", "rumpun")


def test_teacher_moves_only_to_a_teaching_post_of_the_same_level():
    guru = {"jenis_jabatan": "fungsional", "jenjang": "ahli_muda", "rumpun": "guru"}
    peg = pegawai([person(1, "SD 1", "Guru Ahli Muda", tmt_jabatan=DUE, **guru)])
    jab = jabatan(
        [
            position("SD 1", "Guru Ahli Muda", 0, **guru),  # a closing school,
            position("SD 2", "Guru Ahli Muda", 1, **guru),
            position("SD 3", "Guru Ahli Pertama", 1, **{**guru, "jenjang": "ahli_pertama"}),
            position("Dinas", "Pengolah", 3),
        ]
    )
    assert _moves(propose(peg, jab, per=PER, settings=S)) == {nip(1): ("SD 2", "Guru Ahli Muda")}


def _excluded_roster() -> pd.DataFrame:
    return pegawai(
        [
            person(1, "Dinas A", "Pengolah", tmt_jabatan=DUE, status="PPPK"),
            person(2, "Dinas A", "Pengolah", tmt_jabatan=NEW),
            person(3, "Dinas A", "Pengolah", tmt_jabatan=DUE, hukuman_disiplin="Teguran tertulis"),
            person(4, "Dinas A", "Pengolah", tmt_jabatan=DUE, tanggal_lahir="1967-09-15"),
            person(5, "Dinas A", "Pengolah", tmt_jabatan=DUE, kinerja="Butuh Perbaikan", potensi=60.0),
            person(6, "Dinas A", "Pengolah", tmt_jabatan=MID),
            person(7, "Dinas A", "Kepala Dinas", tmt_jabatan="2024-01-01", jenis_jabatan="struktural",
                   eselon="II.b", jenjang="jpt", golongan_id=42),
            # not excluded: a sanction that ended, box 2; nip 10 unwilling but rotation due
            person(8, "Dinas A", "Pengolah", tmt_jabatan=DUE, hukuman_disiplin="Teguran lisan",
                   hukuman_selesai="2024-01-01"),
            person(9, "Dinas A", "Pengolah", tmt_jabatan=DUE, kinerja="Baik", potensi=60.0),
            person(10, "Dinas A", "Pengolah", tmt_jabatan=DUE),
        ]
    )  # fmt: skip


def test_never_moved_with_every_reason():
    jab = jabatan([position("Dinas A", "Pengolah", 9), position("Dinas B", "Pengolah", 10)])
    asp = aspirasi(
        [{"nip": nip(6), "bersedia_mutasi": False}, {"nip": nip(10), "bersedia_mutasi": False}]
    )
    result = propose(_excluded_roster(), jab, aspirasi=asp, per=PER, scope="all", settings=S)
    reasons = result.excluded.set_index("nip")["reasons"].to_dict()
    assert reasons == {
        nip(1): "pppk",
        nip(2): "masa_jabatan",
        nip(3): "hukuman",
        nip(4): "pensiun",  # born 1967-09: BUP 58 on 2025-09-15, TMT pensiun 2025-10-01
        nip(5): "talenta_1",
        nip(6): "tidak_bersedia",
        nip(7): "masa_jabatan,jpt",
        nip(10): "tidak_bersedia",  # respected even though rotation is due
    }
    assert set(result.moves["nip"]) == {nip(8), nip(9)}
    overridden = propose(
        _excluded_roster(), jab, aspirasi=asp, per=PER, scope="all",
        settings=_settings(respect_unwilling=False, exclude_pppk=False),
    )  # fmt: skip
    reasons = overridden.excluded.set_index("nip")["reasons"]
    assert nip(10) not in reasons.index and nip(1) not in reasons.index
    assert nip(10) in set(overridden.moves["nip"])  # old rule: unwilling, but rotation is due


def test_default_scope_considers_due_surplus_and_askers_only():
    peg = pegawai(
        [
            person(1, "Dinas A", "Pengolah", tmt_jabatan=DUE),  # due
            person(2, "Dinas B", "Analis"),  # surplus position
            person(3, "Dinas B", "Analis"),
            person(4, "Dinas A", "Pengolah"),  # asked
            person(5, "Dinas A", "Pengolah"),  # nothing
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Pengolah", 3),
            position("Dinas B", "Analis", 1),
            position("Dinas C", "Pengolah", 5),
        ]
    )
    asp = aspirasi([{"nip": nip(4), "pilihan_1": "Dinas C"}])
    default = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert default.counts["candidates"] == 4
    assert nip(5) not in set(default.moves["nip"]) | set(default.not_moved["nip"])
    everyone = propose(peg, jab, aspirasi=asp, per=PER, scope="all", settings=S)
    assert everyone.counts["candidates"] == 5


def test_blackout_keeps_pejabat_only():
    # In an election blackout a pejabat is neither moved nor replaced; a clerk still moves.
    kasi = {"jenis_jabatan": "struktural", "eselon": "IV.a", "jenjang": "pengawas"}
    peg = pegawai(
        [
            person(1, "Dinas A", "Pengolah", tmt_jabatan=DUE),
            person(2, "Dinas A", "Kepala Seksi", tmt_jabatan=DUE, golongan_id=33, **kasi),
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Pengolah", 1),
            position("Dinas B", "Pengolah", 1),
            position("Dinas A", "Kepala Seksi", 1, **kasi),
            position("Dinas B", "Kepala Seksi", 1, **kasi),
        ]
    )
    asp = aspirasi(
        [{"nip": nip(1), "pilihan_1": "Dinas B"}, {"nip": nip(2), "pilihan_1": "Dinas B"}]
    )
    window = _settings(blackout=("2025-06-01/2025-12-31",))
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=window)
    assert _moves(result) == {nip(1): ("Dinas B", "Pengolah")}
    assert result.blackout == (date(2025, 6, 1), date(2025, 12, 31))
    assert result.excluded.set_index("nip").at[nip(2), "reasons"] == "pilkada"
    outside = propose(
        peg, jab, aspirasi=asp, per=PER, settings=_settings(blackout=("2024-01-01/2024-06-30",))
    )
    assert set(_moves(outside)) == {nip(1), nip(2)} and outside.blackout is None


def _many_movers(n: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    peg = pegawai(
        [
            person(i, "Dinas A" if i < 3 else "Dinas B", "Pengolah", tmt_jabatan=DUE)
            for i in range(n)
        ]
    )
    jab = jabatan(
        [
            position("Dinas A", "Pengolah", 0),
            position("Dinas B", "Pengolah", 0),
            position("Dinas C", "Pengolah", n),
        ]
    )
    return peg, jab


def test_max_moves_and_outflow_cap_are_exact():
    peg, jab = _many_movers()
    free = propose(peg, jab, per=PER, settings=S)
    assert len(free.moves) == 4 and free.counts["solver"] == "lsa-dense"
    two = propose(peg, jab, per=PER, max_moves=2, settings=S)
    assert len(two.moves) == 2 and two.counts["solver"] == "milp"
    assert two.counts["objective"] == pytest.approx(free.moves["score"].nlargest(2).sum())
    capped = propose(peg, jab, per=PER, settings=_settings(outflow_cap_per_unit=1))
    assert capped.moves["from_unit"].value_counts().to_dict() == {"Dinas A": 1, "Dinas B": 1}
    assert (capped.not_moved["reason"] == "outscored").sum() == 2


def test_infeasible_compulsory_rotation_is_a_clear_error():
    peg, jab = _many_movers()
    settings = _settings(rotation_compulsory=True)
    assert len(propose(peg, jab, per=PER, settings=settings).moves) == 4
    with pytest.raises(MutasiError, match=r"4 pegawai wajib rotasi .* --max-moves 1"):
        propose(peg, jab, per=PER, max_moves=1, settings=settings)


def test_contested_compulsory_rotation_names_the_real_cause():
    """Two compulsory movers, one open seat they both qualify for: no plan exists, and the
    hint says they compete for too few positions (not to raise a --max-moves never set)."""
    peg, jab = _many_movers(2)
    jab.loc[jab["unit_kerja"] == "Dinas C", "kebutuhan"] = 1
    with pytest.raises(MutasiError, match=r"2 pegawai wajib rotasi") as caught:
        propose(peg, jab, per=PER, settings=_settings(rotation_compulsory=True))
    assert "terlalu sedikit" in caught.value.hint and "--max-moves" not in caught.value.hint


def test_compulsory_mover_with_no_eligible_position_stays_named():
    """A compulsory mover (rotation due) whom no open position is eligible for stays, as the
    solver leaves anyone without an eligible move; a warning names them for the committee,
    and the others still move."""
    peg, jab = _many_movers(2)
    alone = {"kelompok_jabatan": "teknis"}  # a group with no open seat
    peg = pd.concat([peg, pegawai([person(9, "Dinas D", "Analis", tmt_jabatan=DUE, **alone)])])
    jab = pd.concat([jab, jabatan([position("Dinas D", "Analis", 1, **alone)])], ignore_index=True)
    result = propose(peg, jab, per=PER, settings=_settings(rotation_compulsory=True))
    assert len(result.moves) == 2 and nip(9) not in set(result.moves["nip"])
    named = [i.nip for i in result.issues if i.code == "propose-compulsory-no-seat"]
    assert named == [nip(9)]
    assert (
        nip(9) in result.issues[-1].message("id") and "wajib rotasi" in result.issues[-1].message()
    )


def test_nothing_to_propose_without_open_vacancy():
    peg = pegawai(
        [
            person(1, "Dinas A", "Pengolah", tmt_jabatan=DUE),
            person(2, "Dinas B", "Pengolah", tmt_jabatan=DUE),
        ]
    )
    jab = jabatan([position("Dinas A", "Pengolah", 1), position("Dinas B", "Pengolah", 1)])
    result = propose(peg, jab, per=PER, settings=S)
    assert result.nothing_to_propose and result.moves.empty
    assert set(result.not_moved["reason"]) == {"no_vacancy"}
    summary = json.loads(json.dumps(result.summary()))
    assert (summary["moves"], summary["vacancies_open"], summary["moves_detail"]) == (0, 0, [])


def test_bad_input_is_listed_not_fatal():
    peg = pegawai(
        [
            person(1, "Dinas A", "Pengolah", tmt_jabatan=DUE, integritas=3),
            person(1, "Dinas A", "Pengolah", tmt_jabatan=NEW),  # the same NIP again, later row
            person(2, "Dinas A", "Pengolah", tmt_jabatan=DUE),
        ]
    )
    jab = jabatan([position("Dinas A", "Pengolah", 2), position("Dinas B", "Analis", 1)])
    asp = aspirasi(
        [
            {"nip": nip(1), "pilihan_1": "Dinas Z"},
            {"nip": nip(2), "pilihan_1": "dinas  b", "pilihan_1_jabatan": "Juru Masak"},
            {"nip": nip(99), "pilihan_1": "Dinas B"},
        ]
    )
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    codes = sorted((i.code, i.column, i.value) for i in result.issues)
    assert codes == [
        ("aspiration-unknown-target", "pilihan_1", "Dinas Z"),
        ("aspiration-unknown-target", "pilihan_1_jabatan", "Juru Masak"),
        ("competency-no-standard", "integritas", ""),
        ("nip-unknown", "nip", nip(99)),
        ("propose-duplicate", "nip", nip(1)),
    ]
    duplicate = next(i for i in result.issues if i.code == "propose-duplicate")
    assert duplicate.params == {"rows": "2, 3", "kept": "2"}
    assert "Integritas" in next(i for i in result.issues if i.code.startswith("comp")).message()
    # The first row of the duplicated NIP (due for rotation) is used, and wins the tie for the
    # one seat by the lower NIP: an unknown position in a choice meets no aspiration.
    assert result.moves["nip"].tolist() == [nip(1)]
    assert result.moves.at[0, "score"] == result.not_moved.at[0, "best_score"]


@pytest.mark.parametrize("seed", range(8))
def test_aspiration_checks_flag_exactly_the_unknown_targets(seed):
    """Against a row-by-row reading: a choice names no unit (nor parent unit) of the map, or a
    position that unit does not have; rows and NIPs as given, in the sheet's order."""
    from mutasi_cli.matching.checks import _aspiration_issues
    from mutasi_cli.schema import name_key

    rng = np.random.default_rng(seed)
    units = np.array(["Dinas A", "Dinas  B", "BAGIAN C", None, "Kec D"], dtype=object)
    jobs = np.array(["Analis", "Pengelola  Data", None, "Juru"], dtype=object)
    n_pos, n = int(rng.integers(0, 12)), int(rng.integers(1, 20))
    pos = pd.DataFrame(
        {c: rng.choice(units, n_pos) for c in ("unit_kerja", "unit_induk")}
        | {"jabatan": rng.choice(jobs, n_pos)}
    )
    pos = pos.assign(
        unit_key=name_key(pos["unit_kerja"]),
        induk_key=name_key(pos["unit_induk"]),
        jabatan_key=name_key(pos["jabatan"]),
    )
    asp = pd.DataFrame({"nip": rng.choice(np.array(["1", "2", None, "9"], dtype=object), n)})
    for k in (1, 2, 3):
        asp[f"pilihan_{k}"] = rng.choice(np.append(units, ["dinas a", "Entah", ""]), n)
        if k != 3:  # no position column for the third choice
            asp[f"pilihan_{k}_jabatan"] = rng.choice(np.append(jobs, ["analis", "Koki"]), n)
    asp.index = rng.permutation(100)[:n]
    asp["excel_row"] = pd.array(rng.choice([None, 5, 7], n), dtype="Int64")
    got = _aspiration_issues(asp, pd.DataFrame({"nip": ["1", "2"]}), pos)

    def key(value):
        return None if pd.isna(value) else name_key(pd.Series([value])).iloc[0]

    have_unit = {key(u) for c in ("unit_kerja", "unit_induk") for u in pos[c]} - {None}
    have = {
        (key(u), key(j))
        for c in ("unit_kerja", "unit_induk")
        for u, j in zip(pos[c], pos["jabatan"], strict=True)
    }
    want = []
    for _, r in asp.iterrows():  # the reference: one row at a time
        if r["nip"] not in ("1", "2"):
            want.append(("nip-unknown", "nip", str(r["nip"]), str(r["nip"]), r["excel_row"]))
    for k in (1, 2, 3):
        for column in (f"pilihan_{k}", f"pilihan_{k}_jabatan"):
            for _, r in asp.iterrows():
                unit, job = key(r[f"pilihan_{k}"]), key(r.get(f"pilihan_{k}_jabatan"))
                if column.endswith("_jabatan"):
                    bad = unit in have_unit and job is not None and (unit, job) not in have
                else:
                    bad = unit is not None and unit not in have_unit
                if bad:
                    cell = (column, str(r[column]), str(r["nip"]), r["excel_row"])
                    want.append(("aspiration-unknown-target", *cell))
    assert [(i.code, i.column, i.value, i.nip, i.row) for i in got] == [
        (*issue[:4], None if pd.isna(issue[4]) else int(issue[4])) for issue in want
    ]
    assert any(i.code == "aspiration-unknown-target" for i in got)


def test_fragile_move_is_flagged():
    # A's two options differ by 0.1: choice 1 (2) at a 21-of-40 shortage (4 x 0.525) against
    # no choice at an empty single seat (4 x 1). A 10 % lower aspiration weight or a higher
    # vacancy weight flips them.
    peg = pegawai([person(1, "Lepas", "Pengolah", tmt_jabatan=DUE)])
    staff = [person(10 + i, "Dinas V1", "Analis") for i in range(19)]
    peg = pegawai(peg.drop(columns="excel_row").to_dict("records") + staff)
    jab = jabatan([position("Dinas V1", "Analis", 40), position("Dinas V2", "Analis", 1)])
    asp = aspirasi([{"nip": nip(1), "pilihan_1": "Dinas V1"}])
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    m = result.moves.set_index("nip")
    assert m.at[nip(1), "to_unit"] == "Dinas V1"
    assert m.at[nip(1), "score"] - m.at[nip(1), "runner_up_seat_score"] == pytest.approx(0.1)
    assert not m.at[nip(1), "stable"]
    assert set(m.at[nip(1), "fragile_by"].split(",")) == {"aspiration:0.9", "vacancy:1.1"}
    robust = result.robustness.set_index(["part", "factor"])
    assert robust.at[("aspiration", 0.9), "dropped"] == 1
    assert robust.at[("move", 0.9), "dropped"] == 0
    assert ("competency", 0.9) not in robust.index  # no pair has a competency part


def _random_city(seed: int, n: int = 60) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    units = [f"Dinas {k}" for k in range(6)]
    names = ["Pengolah", "Analis", "Verifikator"]
    positions = [
        position(u, j, float(rng.integers(0, 5)), golongan_min_id=int(rng.choice([31, 32, 33])),
                 golongan_max_id=int(rng.choice([34, 41])))
        for u in units
        for j in names
    ]  # fmt: skip
    people = [
        person(
            i,
            units[rng.integers(6)],
            names[rng.integers(3)],
            golongan_id=int(rng.choice([32, 33, 34, 41])),
            tmt_jabatan=str(rng.choice([DUE, MID, NEW])),
            kinerja=str(rng.choice(["Sangat Baik", "Baik", "Butuh Perbaikan"])),
            potensi=float(rng.integers(60, 100)),
        )
        for i in range(n)
    ]
    asp = [
        {"nip": nip(i), "pilihan_1": units[rng.integers(6)], "pilihan_2": units[rng.integers(6)]}
        for i in range(0, n, 3)
    ]
    return pegawai(people), jabatan(positions), aspirasi(asp)


def test_shuffled_rows_give_the_identical_proposal():
    peg, jab, asp = _random_city(5)
    first = propose(peg, jab, aspirasi=asp, per=PER, scope="all", settings=S)
    assert len(first.moves) >= 5
    shuffle = {"frac": 1.0, "random_state": 3}
    again = propose(
        peg.sample(**shuffle), jab.sample(**shuffle), aspirasi=asp.sample(**shuffle),
        per=PER, scope="all", settings=S,
    )  # fmt: skip
    pd.testing.assert_frame_equal(first.moves, again.moves)
    pd.testing.assert_frame_equal(first.not_moved, again.not_moved)
    pd.testing.assert_frame_equal(first.unfilled, again.unfilled)
    assert first.summary() == again.summary()


def test_unknown_time_in_position_is_no_crash_and_not_due():
    """A roster cell left blank gives an unknown rotation status (NA). A JPT holder or a
    candidate with a blank TMT jabatan made propose end in "boolean value of NA is ambiguous"
    (exit 3; found by fuzzing). Unknown is not due: the candidate may still move where he asked,
    and the JPT list names no one as overdue."""
    peg = pegawai(
        [
            person(1, "Dinas A", "Pengolah", tmt_jabatan=None),
            person(2, "Dinas A", "Pengolah", tmt_jabatan=DUE),
            person(3, "Dinas A", "Kepala Dinas", tmt_jabatan=None, jenis_jabatan="struktural",
                   eselon="II.b", jenjang="jpt", golongan_id=42),
        ]
    )  # fmt: skip
    jab = jabatan(
        [
            position("Dinas A", "Pengolah", 1),
            position("Dinas B", "Pengolah", 1),
            position("Dinas A", "Kepala Dinas", 1, jenis_jabatan="struktural", eselon="II.b",
                     jenjang="jpt"),
        ]
    )  # fmt: skip
    asp = aspirasi([{"nip": nip(1), "pilihan_1": "Dinas B"}])
    result = propose(peg, jab, aspirasi=asp, per=PER, settings=S)
    assert _moves(result) == {nip(1): ("Dinas B", "Pengolah")}  # his own choice, 1 seat
    assert not result.moves.set_index("nip").at[nip(1), "rotation_due"]
    assert result.not_moved.set_index("nip").at[nip(2), "reason"] == "outscored"
    assert "jatuh_tempo" not in set(result.jpt["kind"])
