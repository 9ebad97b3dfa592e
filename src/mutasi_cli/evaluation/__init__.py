"""The core of ``mutasi evaluate``: did the transfers help? (DESIGN.md 5 and 7).

Pure: frames and settings in, an :class:`EvaluationResult` out; the reference date ``per`` is a
parameter. The steps live in their own modules:

* :mod:`.records`: every performance record on one scale, unknown NIPs and duplicates handled;
* :mod:`.windows`: transfer events, before/after windows, change, trend and status per person;
* :mod:`.did`: difference in differences against the people who did not move, with intervals;
* :mod:`.interventions`: pelatihan / pendampingan / penanganan kinerja, and early warnings;
* :mod:`.talent_map`: the 9-box of the roster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.evaluation import did
from mutasi_cli.evaluation.interventions import (
    KINDS,
    early_warnings,
    interventions,
    latest_records,
)
from mutasi_cli.evaluation.records import prepare_records
from mutasi_cli.evaluation.talent_map import BOXES, box_by_unit, box_counts, talent_list
from mutasi_cli.evaluation.windows import STATUSES, per_person, transfer_events, window_records
from mutasi_cli.frames import isin
from mutasi_cli.issues import Issue
from mutasi_cli.rules import skp
from mutasi_cli.schema import COMPETENCIES
from mutasi_cli.settings import EvaluateSettings, Settings

__all__ = ["EvaluationResult", "evaluate", "transfer_effect"]

DID_KEYS = ("estimate", "low", "high", "n_moved", "n_control")


@dataclass(frozen=True)
class EvaluationResult:
    """Everything ``mutasi evaluate`` shows; frames use canonical column names.

    * ``per_person``: one row per transfer (nip, tmt_mutasi, units and positions, pre_n, pre_mean,
      pre_score, post_n, post_mean, post_score, change, change_score, trend, months_since,
      status, effect).
    * ``did_overall``: estimate, low, high, n_moved, n_control, mover_change, control_change,
      estimate_score, n_extreme, small_group, regression_to_mean, n_matched, no_control, and
      the pre-trend check: pretrend, pretrend_low, pretrend_high, pretrend_n, pretrend_diverged.
    * ``did_by_destination`` / ``did_by_origin``: the same per unit, one row each.
    * ``interventions``, ``early_warnings``, ``talent`` (per roster person), ``nine_box``
      (counts per box), ``nine_box_by_unit``.
    * ``counts``: records used and cut (unscaled, unknown NIPs, duplicates, future TMT).
    * ``settings``: the evaluation settings used (windows, bootstrap, thresholds).
    """

    per: date
    per_person: pd.DataFrame
    did_overall: dict[str, Any]
    did_by_destination: pd.DataFrame
    did_by_origin: pd.DataFrame
    interventions: pd.DataFrame
    early_warnings: pd.DataFrame
    talent: pd.DataFrame
    nine_box: pd.DataFrame
    nine_box_by_unit: pd.DataFrame
    counts: dict[str, int]
    issues: tuple[Issue, ...]
    settings: EvaluateSettings

    def summary(self) -> dict[str, Any]:
        """JSON-safe summary with the keys of DESIGN.md section 7 (and a few more)."""
        status = self.per_person["status"].value_counts()
        kinds = self.interventions["kind"].value_counts()
        boxes = self.nine_box.set_index("box")["n"]
        return {
            "per": self.per.isoformat(),
            "moved": self.counts["moved"],
            "control": self.counts["control"],
            "did": {k: did.plain(v) for k, v in self.did_overall.items()},
            "interventions": {k: int(kinds.get(k, 0)) for k in KINDS},
            "early_warnings": len(self.early_warnings),
            "status": {k: int(status.get(k, 0)) for k in STATUSES},
            "did_by_destination": _rows(self.did_by_destination),
            "did_by_origin": _rows(self.did_by_origin),
            "talent_boxes": {str(b): int(boxes.get(b, 0)) for b in BOXES},
            "records": {k: v for k, v in self.counts.items() if k not in ("moved", "control")},
        }


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    keys = ["unit", *DID_KEYS, "small_group", "regression_to_mean"]
    return [{k: did.plain(v) for k, v in row.items()} for row in frame[keys].to_dict("records")]


def evaluate(
    riwayat: pd.DataFrame,
    kinerja: pd.DataFrame,
    *,
    pegawai: pd.DataFrame | None = None,
    jabatan: pd.DataFrame | None = None,
    kompetensi: pd.DataFrame | None = None,
    per: date,
    settings: Settings,
) -> EvaluationResult:
    """Evaluate every transfer in ``riwayat`` up to ``per`` against the people who did not move.

    Inputs are canonical typed frames (docs/architecture.md). Without ``pegawai`` no NIP is
    "unknown" (anyone outside the history may be a control) and there is no talent map.
    """
    ev = settings.evaluate
    _check(ev)
    events, issues = transfer_events(riwayat, per)
    known = None if pegawai is None else pd.concat([riwayat["nip"], pegawai["nip"]])
    scaled = skp.to_common_scale(kinerja, settings)  # once: the records and the annual SKP
    records = prepare_records(kinerja, known, settings, scaled=scaled)
    # the annual SKP (annual row, else the year's last period) of the years that have ended by
    # per: a year still running has no annual SKP yet. The talent box and "improved" use it.
    yearly = skp.annual_predikat(kinerja, settings, scaled=scaled[0])
    del scaled
    people = _roster_view(pegawai)

    windows = window_records(events, records.frame, ev)
    movers = _fill_names(per_person(events, windows, per, ev), people)
    overall, by_destination, by_origin, effects = transfer_effect(
        windows, movers, records.frame, riwayat["nip"], pegawai, ev
    )
    movers["effect"] = effects.to_numpy()

    latest = latest_records(records.frame, ev.early_warning_previous)
    last_whole_year = per.year if (per.month, per.day) == (12, 31) else per.year - 1
    yearly = yearly[yearly["tahun"] <= last_whole_year]
    yearly = yearly.assign(ordinal=skp.predikat_ordinal(yearly["predikat"], settings))
    talents = talent_list(pegawai, latest, settings, yearly)
    warnings = early_warnings(latest, ev)
    warnings = warnings.assign(
        nama=people["nama"].reindex(warnings["nip"]).to_numpy(),
        unit_kerja=people["unit_kerja"].reindex(warnings["nip"]).to_numpy(),
        moved=isin(warnings["nip"], events["nip"]),
    )
    levels = _levels(pegawai, kompetensi)
    needs = interventions(movers, talents, levels, jabatan, ev, yearly)

    counts = {
        "moved": int(events["nip"].nunique()),
        "control": int(
            records.frame.loc[~isin(records.frame["nip"], riwayat["nip"]), "nip"].nunique()
        ),
        "records": int(len(kinerja)),
        "records_used": int(len(records.frame)),
        "unscaled": records.unscaled,
        "unknown_rows": records.unknown_rows,
        "unknown_nips": records.unknown_nips,
        "duplicates": records.duplicates,
        "future_tmt": len(issues),
    }
    return EvaluationResult(
        per=per,
        per_person=movers,
        did_overall=overall,
        did_by_destination=by_destination,
        did_by_origin=by_origin,
        interventions=needs,
        early_warnings=warnings,
        talent=talents,
        nine_box=box_counts(talents),
        nine_box_by_unit=box_by_unit(talents),
        counts=counts,
        issues=tuple(issues) + records.issues,
        settings=ev,
    )


def transfer_effect(
    windows: pd.DataFrame,
    movers: pd.DataFrame,
    records: pd.DataFrame,
    moved: pd.Series,
    pegawai: pd.DataFrame | None,
    ev: EvaluateSettings,
) -> tuple[dict[str, Any], pd.DataFrame, pd.DataFrame, pd.Series]:
    """The difference in differences with its pre-trend check: overall dict, the destination and
    origin tables, each event's effect. ``movers``: one row per event (event, nip, unit_asal,
    unit_tujuan); ``records``: scaled records; ``moved``: every NIP in the history (never a
    control); ``pegawai``: the roster (jenis jabatan, golongan, unit for the strata) or None."""
    _check(ev)
    people = _roster_view(pegawai)
    match = ev.match_on if ev.control == "matched" else ev.control_match
    movers = movers.assign(stratum=_strata(movers["nip"], movers["unit_asal"], people, match))
    control = records[~isin(records["nip"], moved)]
    people_strata = _strata(
        pd.Series(people.index, index=people.index), people["unit_kerja"], people, match
    )
    nobody = pd.DataFrame(
        {"unit": [pd.NA], "golongan_id": pd.array([pd.NA], "Int64"), "jenis_jabatan": [pd.NA]}
    )
    unknown = did.strata(nobody, match).iloc[0]  # a NIP outside the roster
    # one look-up per control person (a missing NIP is a person of its own, outside the roster)
    person, nips = pd.factorize(control["nip"], use_na_sentinel=False)
    control_strata = people_strata.reindex(nips)
    if not pd.isna(unknown):
        control_strata = control_strata.fillna(unknown)
    control = control.assign(stratum=control_strata.to_numpy()[person])
    try:  # both runs resample the same control people: the counts are drawn once
        overall, by_destination, by_origin, effects = did.estimate(windows, movers, control, ev)
        if ev.pretrend_check:
            windows = did.placebo_windows(windows)
            placebo = did.estimate(windows, movers, control, ev, placebo=True)
            overall, by_destination, by_origin = _with_pretrend(
                (overall, by_destination, by_origin), placebo, ev
            )
    finally:  # ~100 MB at 50k controls: not kept in a long-running batch process
        did.release_draws()
    return overall, by_destination, by_origin, effects


CONTROLS = ("matched", "all")
PRETREND_KEYS = ("pretrend", "pretrend_low", "pretrend_high", "pretrend_n", "pretrend_diverged")


def _check(ev: EvaluateSettings) -> None:
    """Settings the core cannot run with are usage errors (exit 2), named in the message."""
    if ev.control not in CONTROLS:
        raise UsageError.of(
            "evaluate.error.unknown_control", control=ev.control, choices=", ".join(CONTROLS)
        )
    did.check_match(ev.control_match)
    did.check_match(ev.match_on)
    if not 1 <= ev.after_periods <= ev.max_after_periods:
        raise UsageError.of(
            "evaluate.error.after_periods", after=ev.after_periods, most=ev.max_after_periods
        )


def _pretrend_fields(row: dict[str, Any] | pd.Series, ev: EvaluateSettings) -> dict[str, Any]:
    estimate, low, high = (row.get(k) for k in ("estimate", "low", "high"))
    n = row.get("n_moved") or 0
    diverged = (
        n >= 2
        and low is not None
        and high is not None
        and not (pd.isna(low) or pd.isna(high))
        and (low > 0 or high < 0)
    )
    return {
        "pretrend": estimate,
        "pretrend_low": low,
        "pretrend_high": high,
        "pretrend_n": int(n),
        "pretrend_diverged": bool(diverged),
    }


def _with_pretrend(
    main: tuple[dict, pd.DataFrame, pd.DataFrame], placebo: tuple, ev: EvaluateSettings
) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """The placebo estimate beside the real one: overall and per unit (joined on the unit)."""
    overall = {**main[0], **{k: did.plain(v) for k, v in _pretrend_fields(placebo[0], ev).items()}}
    tables = []
    for table, fake in zip(main[1:], placebo[1:3], strict=True):  # destination, origin
        fields = pd.DataFrame(
            [_pretrend_fields(row, ev) for row in fake.to_dict("records")],
            columns=list(PRETREND_KEYS),
        ).assign(unit=fake["unit"].to_numpy())
        joined = table.merge(fields, on="unit", how="left")
        joined["pretrend_diverged"] = joined["pretrend_diverged"].fillna(False).astype(bool)
        joined["pretrend_n"] = joined["pretrend_n"].fillna(0).astype(int)
        tables.append(joined)
    return overall, tables[0], tables[1]


def _roster_view(pegawai: pd.DataFrame | None) -> pd.DataFrame:
    """nip-indexed nama, unit_kerja, golongan_id, jenis_jabatan (empty without a roster)."""
    columns = ["nip", "nama", "unit_kerja", "golongan_id", "jenis_jabatan"]
    frame = pd.DataFrame(columns=columns) if pegawai is None else pegawai.reindex(columns=columns)
    return frame.drop_duplicates("nip").set_index("nip")


def _strata(
    nip: pd.Series, unit: pd.Series, people: pd.DataFrame, match: tuple[str, ...]
) -> pd.Series:
    """Control-matching stratum per row: the given unit and the roster's grade group."""
    grade = people["golongan_id"].reindex(nip).to_numpy()
    jenis = people["jenis_jabatan"].reindex(nip).to_numpy()
    keys = pd.DataFrame(
        {"unit": unit, "golongan_id": pd.array(grade, dtype="Int64"), "jenis_jabatan": jenis},
        index=nip.index,
    )
    return did.strata(keys, match)


def _fill_names(movers: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    roster_name = people["nama"].reindex(movers["nip"]).to_numpy()
    if "nama" not in movers.columns:
        return movers.assign(nama=roster_name)
    return movers.assign(nama=movers["nama"].fillna(pd.Series(roster_name, index=movers.index)))


def _levels(pegawai: pd.DataFrame | None, kompetensi: pd.DataFrame | None) -> pd.DataFrame | None:
    """Competency levels per NIP: the kompetensi table first, the roster's columns as fallback."""
    frames = [
        f.drop_duplicates("nip", keep="last").set_index("nip")[keys]
        for f in (kompetensi, pegawai)
        if f is not None and (keys := [k for k in COMPETENCIES if k in f.columns])
    ]
    if not frames:
        return None
    merged = frames[0] if len(frames) == 1 else frames[0].combine_first(frames[1])
    return merged.reset_index()
