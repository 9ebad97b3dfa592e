"""The evaluate core: difference in differences, status, interventions, warnings, bad input.

All data is synthetic: NIPs are generated numbers, names "Pegawai N".
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.errors import UsageError
from mutasi_cli.evaluation import evaluate
from mutasi_cli.settings import Settings

S = Settings()
PER = date(2025, 3, 31)
QUARTERS = pd.period_range("2022Q1", periods=12, freq="Q")
UNITS = [f"Dinas {c}" for c in "ABCDEF"]
PREDIKAT = {5: "Sangat Baik", 4: "Baik", 3: "Butuh Perbaikan", 2: "Kurang", 1: "Sangat Kurang"}


def nip(i: int) -> str:
    return f"{198501012010011000 + i}"


def synthetic(
    *,
    people: int = 1500,
    movers: int = 300,
    effect: float = 0.0,
    office_shift: float = 0.0,
    select_low: bool = False,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """History, quarterly kinerja (predikat text) and roster with a planted transfer effect.

    Movers move at the start of quarter 4..7 and gain ``effect`` predikat steps from the quarter
    after; ``office_shift`` lifts everyone from quarter 6 on; noise sd 0.5 on a latent scale.
    """
    rng = np.random.default_rng(seed)
    level = rng.normal(3.2, 0.6, people)
    if select_low:  # the movers are the people with the lowest levels
        level = np.sort(level)
    move_q = rng.integers(4, 8, people)
    person = np.repeat(np.arange(people), len(QUARTERS))
    quarter = np.tile(np.arange(len(QUARTERS)), people)
    moved = person < movers
    latent = (
        level[person]
        + effect * (moved & (quarter >= move_q[person] + 1))
        + office_shift * (quarter >= 6)
        + rng.normal(0, 0.5, person.size)
    )
    steps = np.clip(np.rint(latent), 1, 5).astype(int)
    kinerja = panel_kinerja(person, quarter, steps)
    riwayat = pd.DataFrame(
        {
            "nip": pd.array([nip(i) for i in range(movers)], dtype="string"),
            "tmt_mutasi": QUARTERS.start_time[move_q[:movers]],
            "unit_asal": pd.array([UNITS[i % 6] for i in range(movers)], dtype="string"),
            "jabatan_asal": "Analis Kepegawaian",
            "unit_tujuan": pd.array([UNITS[(i + 1) % 6] for i in range(movers)], dtype="string"),
            "jabatan_tujuan": "Analis Kepegawaian",
        }
    )
    pegawai = pd.DataFrame(
        {
            "nip": pd.array([nip(i) for i in range(people)], dtype="string"),
            "nama": pd.array([f"Pegawai {i}" for i in range(people)], dtype="string"),
            "unit_kerja": pd.array([UNITS[i % 6] for i in range(people)], dtype="string"),
            "jabatan": "Analis Kepegawaian",
            "golongan_id": pd.array(np.full(people, 32), dtype="Int64"),
            "potensi": np.full(people, 85.0),
        }
    )
    return riwayat, kinerja, pegawai


def run(riwayat, kinerja, pegawai=None, settings: Settings = S, **kwargs):
    return evaluate(riwayat, kinerja, pegawai=pegawai, per=PER, settings=settings, **kwargs)


def with_evaluate(**changes) -> Settings:
    return dataclasses.replace(S, evaluate=dataclasses.replace(S.evaluate, **changes))


# --- difference in differences -------------------------------------------------------------


def test_planted_effect_is_recovered_with_an_interval_excluding_zero() -> None:
    result = run(*synthetic(effect=0.5))
    did = result.did_overall
    # matched: at most match_controls per mover, every mover matched
    assert did["n_moved"] == 300 and did["n_matched"] == 300
    assert 10 <= did["n_control"] <= 300 * 10 and result.counts["control"] == 1200
    everyone = run(*synthetic(effect=0.5), settings=with_evaluate(control="all")).did_overall
    assert everyone["n_control"] == 1200 and everyone["n_matched"] == 0
    assert everyone["estimate"] == pytest.approx(0.5, abs=0.15)
    assert did["estimate"] == pytest.approx(0.5, abs=0.15)
    assert 0 < did["low"] < did["estimate"] < did["high"]


def test_planted_null_has_an_interval_containing_zero() -> None:
    did = run(*synthetic(effect=0.0, seed=3)).did_overall
    assert did["low"] < 0 < did["high"]
    assert abs(did["estimate"]) < 0.1


def test_office_wide_improvement_is_not_attributed_to_the_transfer() -> None:
    did = run(*synthetic(office_shift=0.8, seed=5)).did_overall
    assert did["mover_change"] > 0.5  # a naive before/after would call this an improvement
    assert did["control_change"] > 0.5
    assert did["low"] < 0 < did["high"]


def test_bootstrap_is_deterministic_and_follows_the_seed() -> None:
    data = synthetic(effect=0.5, people=600, movers=120)
    first, again = run(*data).did_overall, run(*data).did_overall
    other = run(*data, settings=with_evaluate(seed=7)).did_overall
    assert first == again
    assert other["estimate"] == first["estimate"] and other["low"] != first["low"]


def test_bootstrap_counts_are_drawn_once_per_evaluation_and_not_kept(monkeypatch) -> None:
    from mutasi_cli.evaluation import did as did_module

    drawn = []
    original = did_module._resample_counts

    def counted(rng, n, block):
        drawn.append(block)
        return original(rng, n, block)

    monkeypatch.setattr(did_module, "_resample_counts", counted)
    did_module.release_draws()
    result = run(*synthetic(effect=0.5, people=300, movers=60))
    assert result.did_overall["pretrend_n"] > 0  # the pre-trend run took place
    assert sum(drawn) == S.evaluate.bootstrap_samples  # drawn once, shared by both runs
    assert did_module._draws.cache_info().currsize == 0  # let go once the evaluation is done


def test_per_unit_tables_carry_n_and_flag_small_groups() -> None:
    riwayat, kinerja, pegawai = synthetic(effect=0.5, people=600, movers=64)
    riwayat.loc[:3, "unit_tujuan"] = "Kecamatan Sidorejo"  # a destination with 4 movers
    result = run(riwayat, kinerja, pegawai)
    by_unit = result.did_by_destination.set_index("unit")
    assert by_unit["n_moved"].sum() == result.did_overall["n_moved"] == 64
    assert by_unit.loc["Kecamatan Sidorejo", "n_moved"] == 4
    assert bool(by_unit.loc["Kecamatan Sidorejo", "small_group"])
    assert not by_unit.drop("Kecamatan Sidorejo")["small_group"].any()
    assert (by_unit["low"] <= by_unit["estimate"]).all()
    assert (by_unit["estimate"] <= by_unit["high"]).all()
    assert set(result.did_by_origin["unit"]) == set(UNITS)


def test_movers_chosen_for_extreme_scores_raise_the_regression_warning() -> None:
    assert not run(*synthetic(people=900, movers=180, seed=2)).did_overall["regression_to_mean"]
    did = run(*synthetic(people=900, movers=180, select_low=True, seed=2)).did_overall
    assert did["regression_to_mean"]
    assert did["n_extreme"] > 0.2 * did["n_moved"]


def test_control_matched_on_unit_removes_a_unit_specific_shift() -> None:
    riwayat, kinerja, pegawai = synthetic(people=900, movers=150, seed=4)
    riwayat["unit_asal"] = "Dinas A"
    in_a = kinerja["nip"].isin(pegawai.loc[pegawai["unit_kerja"] == "Dinas A", "nip"])
    in_a |= kinerja["nip"].isin(riwayat["nip"])
    later = kinerja["period_start"] >= QUARTERS.start_time[6]
    kinerja.loc[in_a & later, "predikat"] = "Sangat Baik"  # Dinas A lifts, the rest does not
    plain = run(riwayat, kinerja, pegawai, with_evaluate(control="all")).did_overall
    stratified = with_evaluate(control="all", control_match=("unit",))
    matched = run(riwayat, kinerja, pegawai, stratified).did_overall
    assert plain["estimate"] > 0.4  # all other units dilute the control change
    assert matched["estimate"] == pytest.approx(0.0, abs=0.15)
    nearest = with_evaluate(match_on=("unit",))  # matched controls within the origin unit
    assert run(riwayat, kinerja, pegawai, nearest).did_overall["estimate"] == pytest.approx(
        0.0, abs=0.15
    )


# --- per person ----------------------------------------------------------------------------

TMT = pd.Timestamp("2023-07-01")


def history(*nips: str, tmt: pd.Timestamp = TMT) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip": pd.array(list(nips), dtype="string"),
            "tmt_mutasi": [tmt] * len(nips),
            "unit_asal": "Dinas A",
            "jabatan_asal": "Analis",
            "unit_tujuan": "Dinas B",
            "jabatan_tujuan": "Penyusun Laporan",
        }
    )


def panel_kinerja(person: np.ndarray, quarter: np.ndarray, steps: np.ndarray) -> pd.DataFrame:
    """Kinerja rows of a synthetic panel: person i's step in quarter q (QUARTERS[q])."""
    return pd.DataFrame(
        {
            "nip": pd.array([nip(i) for i in person], dtype="string"),
            "periode": pd.array([str(QUARTERS[q]) for q in quarter], dtype="string"),
            "period_start": QUARTERS.start_time[quarter],
            "period_end": QUARTERS.end_time.normalize()[quarter],
            "period_kind": "triwulan",
            "predikat": pd.array([PREDIKAT[s] for s in steps], dtype="string"),
            "excel_row": pd.array(np.arange(person.size) + 2, dtype="Int64"),
        }
    )


def quarterly(rows: dict[str, list[int | None]], start: str = "2022Q3") -> pd.DataFrame:
    """{nip: [step per quarter from ``start``]}; None skips a quarter."""
    quarters = pd.period_range(start, periods=max(len(v) for v in rows.values()), freq="Q")
    records = [
        (person, str(q), q.start_time, q.end_time.normalize(), PREDIKAT[step])
        for person, steps in rows.items()
        for q, step in zip(quarters, steps, strict=False)
        if step is not None
    ]
    frame = pd.DataFrame(
        records, columns=["nip", "periode", "period_start", "period_end", "predikat"]
    )
    frame["excel_row"] = pd.array(np.arange(len(frame)) + 2, dtype="Int64")
    return frame.astype({"nip": "string", "periode": "string", "predikat": "string"})


def test_status_change_and_trend_per_person() -> None:
    # Quarters 2022Q3..2024Q2; TMT 2023-07-01: before = 2022Q3..2023Q2, 2023Q3 is adaptation.
    rows = {
        nip(1): [3, 3, 3, 3, 3, 4, 4, 4],  # +1
        nip(2): [4, 4, 4, 4, 1, 4, 4, 4],  # stable; the adaptation quarter (1) is ignored
        nip(3): [4, 4, 4, 4, 4, 3, 3, 3],  # -1
        nip(4): [4, 4, 4, 4, 4, 4],  # one period after adaptation only
        nip(5): [1, 1, 3, 3, 3, 3, 4, 5],  # before window keeps the last 4 records
    }
    people = run(history(*rows), quarterly(rows), settings=with_evaluate(before_periods=2))
    by_nip = people.per_person.set_index("nip")
    assert by_nip["status"].to_dict() == {
        nip(1): "meningkat",
        nip(2): "stabil",
        nip(3): "menurun",
        nip(4): "belum_cukup_data",
        nip(5): "meningkat",
    }
    assert by_nip.loc[nip(1), "change"] == 1.0
    assert by_nip.loc[nip(1), "pre_score"] == 68.5 and by_nip.loc[nip(1), "post_score"] == 83.5
    assert by_nip.loc[nip(5), "pre_mean"] == 3.0  # only the last two before the move
    assert by_nip.loc[nip(5), "post_n"] == 3
    # 3, 4, 5 one quarter apart: one step per quarter, about four per year.
    assert by_nip.loc[nip(5), "trend"] == pytest.approx(4.0, rel=0.02)
    assert by_nip.loc[nip(1), "months_since"] == 20


def test_a_second_transfer_closes_the_first_after_window() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 2, 2, 2, 2, 2]}  # 2022Q3..2025Q2
    moves = pd.concat([history(nip(1)), history(nip(1), tmt=pd.Timestamp("2024-04-01"))])
    people = run(moves, quarterly(rows), settings=with_evaluate(min_periods=1))
    first, second = people.per_person.sort_values("tmt_mutasi").itertuples()
    assert (first.post_n, first.post_mean) == (2, 4.0)  # 2023Q4, 2024Q1 only
    assert (second.pre_n, second.pre_mean) == (3, 3.0 + 2 / 3)  # 2023Q3 .. 2024Q1


# --- interventions and early warnings ------------------------------------------------------


def roster(nips: list[str], **columns) -> pd.DataFrame:
    base = {
        "nip": pd.array(nips, dtype="string"),
        "nama": pd.array([f"Pegawai {n[-3:]}" for n in nips], dtype="string"),
        "unit_kerja": "Dinas B",
        "jabatan": "Penyusun Laporan",
        "potensi": 85.0,
    }
    return pd.DataFrame({**base, **columns})


def test_interventions_training_mentoring_and_box_one() -> None:
    rows = {
        nip(1): [4, 4, 4, 4, 4, 4, 4, 4],  # stable, competency gap -> pelatihan
        nip(2): [4, 4, 4, 4, 4, 3, 3, 3],  # declined, no gap -> pendampingan
        nip(3): [3, 3, 3, 3, 3, 4, 4, 4],  # improved -> nothing
        nip(4): [2, 2, 2, 2, 2, 2, 2, 2],  # not moved, box 1 (bawah x rendah)
        nip(5): [4, 4, 4, 4, 4, 4, 4, 4],  # not moved, fine
    }
    pegawai = roster(list(rows), potensi=[85.0, 85.0, 85.0, 60.0, 85.0])
    kompetensi = pd.DataFrame(
        {
            "nip": pd.array([nip(1), nip(2), nip(3)], dtype="string"),
            "komunikasi": pd.array([2, 3, 3], dtype="Int64"),
            "teknis": pd.array([1, 3, 3], dtype="Int64"),
            "integritas": pd.array([4, 4, 4], dtype="Int64"),
        }
    )
    jabatan = pd.DataFrame(
        {
            "unit_kerja": ["DINAS B "],
            "jabatan": ["penyusun laporan"],
            "komunikasi": pd.array([3], dtype="Int64"),
            "teknis": pd.array([3], dtype="Int64"),
            "integritas": pd.array([3], dtype="Int64"),
        }
    )
    result = run(
        history(nip(1), nip(2), nip(3)),
        quarterly(rows),
        pegawai,
        jabatan=jabatan,
        kompetensi=kompetensi,
    )
    needs = result.interventions.set_index("nip")
    assert needs["kind"].astype(str).to_dict() == {
        nip(4): "penanganan_kinerja",
        nip(1): "pelatihan",
        nip(2): "pendampingan",
    }
    assert needs.loc[nip(1), "reason"] == "gap"
    assert needs.loc[nip(1), "gap_komunikasi"] == 1 and needs.loc[nip(1), "gap_teknis"] == 2
    assert pd.isna(needs.loc[nip(1), "gap_integritas"])
    assert needs.loc[nip(2), "reason"] == "no_gap"
    assert needs.loc[nip(4), "reason"] == "box_1"
    assert result.summary()["interventions"] == {
        "penanganan_kinerja": 1,
        "pelatihan": 1,
        "pendampingan": 1,
    }


def test_interventions_wait_for_the_configured_months_and_need_data() -> None:
    rows = {nip(1): [4, 4, 4, 4, 4, 4, 4, 4]}
    stable = run(history(nip(1)), quarterly(rows))  # 20 months since the move, no competencies
    assert stable.interventions["reason"].tolist() == ["no_data"]
    later = run(
        history(nip(1)), quarterly(rows), settings=with_evaluate(intervention_after_months=24)
    )
    assert later.interventions.empty


def test_improved_or_not_is_judged_on_the_annual_skp_when_both_years_exist() -> None:
    # quarterly: nip 1 flat (not improved), nip 2 up a step (improved), nip 3 flat
    rows = {nip(1): [4] * 8, nip(2): [3] * 5 + [4] * 3, nip(3): [4] * 8}
    periodic = quarterly(rows).assign(period_kind="triwulan")
    # the annual SKP says otherwise for nip 1 and 2: 2022 (the year before the 2023-07-01 move)
    # against 2024 (the latest whole year after the three-month adaptation); nip 3 has no 2024
    annual = [
        (nip(1), 2022, "Butuh Perbaikan"), (nip(1), 2024, "Sangat Baik"),
        (nip(2), 2022, "Baik"), (nip(2), 2024, "Butuh Perbaikan"),
        (nip(3), 2022, "Baik"),
    ]  # fmt: skip
    yearly = pd.DataFrame(
        {
            "nip": [a[0] for a in annual],
            "periode": [str(a[1]) for a in annual],
            "period_start": [pd.Timestamp(a[1], 1, 1) for a in annual],
            "period_end": [pd.Timestamp(a[1], 12, 31) for a in annual],
            "predikat": [a[2] for a in annual],
            "period_kind": "tahun",
        }
    )
    kinerja = pd.concat([periodic, yearly], ignore_index=True).astype(
        {"nip": "string", "periode": "string", "predikat": "string", "period_kind": "string"}
    )
    kinerja["excel_row"] = pd.array(np.arange(len(kinerja)) + 2, dtype="Int64")
    result = run(history(nip(1), nip(2), nip(3)), kinerja, roster(list(rows)))
    needs = result.interventions.set_index("nip")
    assert nip(1) not in needs.index  # annual: Butuh Perbaikan -> Sangat Baik, improved
    assert needs.loc[nip(2), "status"] == "menurun" and needs.loc[nip(2), "change"] == -1
    # no annual year after the move: the quarterly windows decide (flat -> not improved)
    assert needs.loc[nip(3), "status"] == "stabil"


def test_early_warning_on_a_drop_in_the_latest_period() -> None:
    rows = {
        nip(1): [4, 4, 4, 4, 4, 2],  # drop 2
        nip(2): [4, 4, 4, 4, 4, 3],  # drop exactly 1: warned (threshold inclusive)
        nip(3): [4, 4, 3, 3, 4, 4],  # no drop
        nip(4): [5, 5, 5, 5, 5, 4],  # mean of the previous three is 5: drop 1
    }
    result = run(history(nip(4)), quarterly(rows))
    warned = result.early_warnings.set_index("nip")
    assert list(warned.index) == [nip(1), nip(2), nip(4)]
    assert warned.loc[nip(1), "drop"] == 2.0 and warned.loc[nip(1), "periode"] == "2023Q4"
    assert bool(warned.loc[nip(4), "moved"]) and not bool(warned.loc[nip(1), "moved"])
    assert result.summary()["early_warnings"] == 3


# --- talent map ----------------------------------------------------------------------------


def test_talent_map_from_latest_kinerja_and_potensi() -> None:
    # DOMAIN.md 10: JPM 92.59 + Sangat Baik -> box 9; 81.48 + Baik -> box 5.
    rows = {nip(1): [3, 5], nip(2): [5, 4], nip(3): [4, 4]}
    pegawai = roster(list(rows), potensi=[92.59, 81.48, np.nan], unit_kerja=["A", "A", "B"])
    result = run(history(nip(9)), quarterly(rows), pegawai)
    assert result.talent.set_index("nip")["box"].tolist()[:2] == [9, 5]
    counts = result.nine_box.set_index("box")["n"]
    assert counts.sum() == 2 and counts[9] == 1 and counts[5] == 1
    assert result.nine_box.set_index("box").loc[4, ["kinerja", "potensi"]].tolist() == [
        "atas",
        "rendah",
    ]
    by_unit = result.nine_box_by_unit.set_index("unit_kerja")
    assert by_unit.loc["A", [5, 9, "total"]].tolist() == [1, 1, 2]


# --- bad input -----------------------------------------------------------------------------


def test_duplicate_records_follow_the_configured_rule() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 4], nip(2): [4, 4, 4, 4]}
    kinerja = quarterly(rows)
    clash = kinerja.iloc[[0]].assign(predikat="Sangat Baik", excel_row=pd.array([99], "Int64"))
    same = kinerja.iloc[[8]].assign(excel_row=pd.array([100], "Int64"))  # identical: silent
    doubled = pd.concat([kinerja, clash, same], ignore_index=True)
    last = run(history(nip(1)), doubled)
    issues = [i for i in last.issues if i.code == "duplicate-record"]
    assert [(i.nip, i.value, i.row, i.params["rows"]) for i in issues] == [
        (nip(1), "2022Q3", 2, "2, 99")
    ]
    assert last.counts["duplicates"] == 1
    assert last.per_person.loc[0, "pre_mean"] == pytest.approx(3.5)  # 5 wins, (5+3+3+3)/4
    lowest = run(history(nip(1)), doubled, settings=with_evaluate(duplicate_rule="min"))
    assert lowest.per_person.loc[0, "pre_mean"] == 3.0


def test_future_tmt_is_reported_and_left_out() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 4], nip(2): [4, 4, 4, 4, 4, 4, 4, 4]}
    moves = pd.concat([history(nip(1)), history(nip(2), tmt=pd.Timestamp("2025-06-01"))])
    result = run(moves, quarterly(rows))
    future = [i for i in result.issues if i.code == "history-future-tmt"]
    assert [(i.nip, i.value) for i in future] == [(nip(2), "2025-06-01")]
    assert "2025-03-31" in future[0].message()
    assert result.per_person["nip"].tolist() == [nip(1)]
    assert result.counts["future_tmt"] == 1
    assert result.counts["control"] == 0  # nip(2) is in the history: never a control


def test_unknown_nips_are_counted_not_fatal_and_not_controls() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 4], nip(2): [4] * 8, nip(7): [4] * 8, nip(8): [4] * 2}
    result = run(history(nip(1)), quarterly(rows), roster([nip(1), nip(2)]))
    assert result.counts["unknown_nips"] == 2 and result.counts["unknown_rows"] == 10
    unknown = [i for i in result.issues if i.code == "nip-unknown"]
    assert sorted(i.nip for i in unknown) == [nip(7), nip(8)]
    assert result.counts["control"] == 1
    assert result.did_overall["n_control"] == 1


def test_summary_is_json_with_the_design_keys() -> None:
    summary = run(*synthetic(effect=0.5, people=300, movers=60)).summary()
    decoded = json.loads(json.dumps(summary))
    assert {"moved", "control", "did", "interventions", "early_warnings"} <= decoded.keys()
    assert {"estimate", "low", "high", "n_moved", "n_control"} <= decoded["did"].keys()
    assert decoded["moved"] == 60 and decoded["control"] == 240
    assert decoded["did"]["n_moved"] == 60


def test_no_control_group_gives_no_estimate() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 4]}
    did = run(history(nip(1)), quarterly(rows)).did_overall
    assert did["no_control"] and did["estimate"] is None and did["n_moved"] == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"duplicate_rule": "newest"},
        {"control_match": ("unit", "eselon")},
        {"match_on": ("eselon",)},
        {"control": "nearest"},
        {"after_periods": 9},
    ],
)
def test_unknown_setting_values_are_usage_errors(changes) -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 4], nip(2): [4] * 8}
    with pytest.raises(UsageError) as error:
        run(history(nip(1)), quarterly(rows), settings=with_evaluate(**changes))
    assert error.value.exit_code == 2 and error.value.hint


# --- matched controls, pre-trend check, windows (issue 13) ---------------------------------


def test_matched_controls_on_a_hand_made_panel() -> None:
    # TMT 2023-07-01: before 2022Q3..2023Q2, 2023Q3 adaptation, after 2023Q4..2024Q2.
    rows = {
        nip(1): [2, 2, 2, 2, 2, 3, 3, 3],  # the mover: +1
        nip(2): [2, 2, 2, 2, 2, 3, 3, 3],  # same stratum, same level before: also +1
        nip(3): [3, 3, 3, 3, 3, 3, 3, 3],  # same stratum, one step above: 0
        nip(4): [5, 5, 5, 5, 5, 4, 4, 4],  # same stratum, far above: -1
        nip(5): [2, 2, 2, 2, 2, 2, 2, 2],  # same level but another grade group: 0
    }
    pegawai = roster(
        list(rows),
        golongan_id=pd.array([32, 32, 33, 31, 41], dtype="Int64"),
        jenis_jabatan=pd.array(["pelaksana"] * 5, dtype="string"),
    )
    data = (history(nip(1)), quarterly(rows), pegawai)
    nearest = run(*data, settings=with_evaluate(match_controls=1)).did_overall
    assert nearest["n_control"] == 1 and nearest["n_matched"] == 1
    assert nearest["control_change"] == 1.0 and nearest["estimate"] == 0.0  # nip 2 only
    two = run(*data, settings=with_evaluate(match_controls=2)).did_overall
    assert two["n_control"] == 2 and two["estimate"] == 0.5  # nip 2 and nip 3
    everyone = run(*data, settings=with_evaluate(control="all")).did_overall
    assert everyone["n_control"] == 4 and everyone["estimate"] == 1.0  # (1 + 0 - 1 + 0) / 4
    other = dataclasses.replace(S.evaluate, match_on=("jenis",), match_controls=1)
    by_jenis = run(*data, settings=dataclasses.replace(S, evaluate=other)).did_overall
    assert by_jenis["n_control"] == 2  # nip 2 and 5 tie at 2.0
    assert by_jenis["estimate"] == pytest.approx(0.5)


def test_ties_at_the_kth_distance_are_all_kept() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3, 4, 4, 4]}
    rows |= {nip(10 + i): [3, 3, 3, 3, 3, 3 + i % 2, 3 + i % 2, 3 + i % 2] for i in range(6)}
    data = (history(nip(1)), quarterly(rows), roster(list(rows)))
    did = run(*data, settings=with_evaluate(match_controls=2)).did_overall
    assert did["n_control"] == 6  # six controls at distance 0: none left out by row order
    assert did["control_change"] == pytest.approx(0.5)
    assert did["estimate"] == pytest.approx(0.5)


def pretrend_panel(slope: float, seed: int = 0) -> tuple[pd.DataFrame, ...]:
    """80 movers (TMT at quarter 8) whose latent level climbs ``slope`` steps per quarter over
    the four quarters before the move, among 400 steady controls; no effect of the move."""
    rng = np.random.default_rng(seed)
    people, movers = 480, 80
    level = rng.normal(3.0, 0.5, people)
    person = np.repeat(np.arange(people), len(QUARTERS))
    quarter = np.tile(np.arange(len(QUARTERS)), people)
    climb = slope * np.clip(quarter - 4, 0, 4) * (person < movers)
    latent = level[person] + climb + rng.normal(0, 0.4, person.size)
    steps = np.clip(np.rint(latent), 1, 5).astype(int)
    kinerja = panel_kinerja(person, quarter, steps)
    riwayat = history(*[nip(i) for i in range(movers)], tmt=QUARTERS.start_time[8])
    return riwayat, kinerja, roster([nip(i) for i in range(people)])


def test_movers_already_diverging_before_the_move_are_flagged() -> None:
    from mutasi_cli.reports import evaluate as report

    steady = run(*pretrend_panel(0.0)).did_overall
    assert not steady["pretrend_diverged"] and steady["pretrend_n"] == 80
    climbing = run(*pretrend_panel(0.35))
    did = climbing.did_overall
    assert did["pretrend_diverged"] and did["pretrend_low"] > 0
    page = report.html(climbing, "id")
    assert "TIDAK DAPAT DIPERCAYA" in page
    warning = report.effect_table(climbing, "id").iloc[0]["warning"]
    assert "efek tidak dapat dipercaya" in warning
    off = run(*pretrend_panel(0.35), settings=with_evaluate(pretrend_check=False)).did_overall
    assert "pretrend" not in off


def test_after_window_up_to_eight_quarters() -> None:
    rows = {nip(1): [3, 3, 3, 3, 3] + [4] * 9, nip(2): [3] * 14}
    data = (history(nip(1), tmt=pd.Timestamp("2023-10-01")), quarterly(rows, start="2022Q3"))
    eight = run(*data, settings=with_evaluate(after_periods=8, min_periods=1)).per_person
    assert eight.loc[0, "post_n"] == 8
    four = run(*data, settings=with_evaluate(min_periods=1)).per_person
    assert four.loc[0, "post_n"] == 4


def test_small_group_null_coverage_holds_its_level() -> None:
    """A small version of benchmarks/coverage_evaluate.py (docs/evaluation-method.md): 6 movers
    with autocorrelated scores (rho 0.6), no effect. The percentile bootstrap this replaced
    excluded zero in 12.5 % of such runs; a t interval with the right df stays near 5 %."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from coverage_evaluate import coverage

    row = coverage(6, 0.6, reps=40, controls=40, seed=7, full=False)
    assert 0.0 < row["excludes_zero"] <= 0.10  # 3 of 40 here; the full table: docs
    assert row["pretrend_alarm"] <= 0.10


def test_talent_box_uses_the_annual_skp() -> None:
    # 2024: Q1..Q3 Sangat Baik, Q4 Kurang; 2025Q1 (the running year at PER 2025-03-31) Sangat
    # Baik. The box takes the last whole year, 2024: its annual row "Baik" (sesuai) where there
    # is one, else its last period, Q4 Kurang (bawah) -- never the latest record, 2025Q1 (atas).
    rows = {nip(1): [5, 5, 5, 2, 5], nip(2): [5, 5, 5, 2, 5]}
    kinerja = quarterly(rows, start="2024Q1")
    annual = pd.DataFrame(
        {
            "nip": pd.array([nip(1)], dtype="string"),
            "periode": pd.array(["2024"], dtype="string"),
            "period_start": [pd.Timestamp("2024-01-01")],
            "period_end": [pd.Timestamp("2024-12-31")],
            "period_kind": "tahun",
            "predikat": pd.array(["Baik"], dtype="string"),
            "excel_row": pd.array([99], dtype="Int64"),
        }
    )
    kinerja = pd.concat([kinerja.assign(period_kind="triwulan"), annual], ignore_index=True)
    result = run(history(nip(9)), kinerja, roster([nip(1), nip(2)], potensi=[85.0, 85.0]))
    levels = result.talent.set_index("nip")["kinerja"]
    assert levels[nip(1)] == "sesuai" and levels[nip(2)] == "bawah"
