"""Who needs what after a transfer, and early warnings for everyone.

Interventions, one row per person:

* talent box 1 -> ``penanganan_kinerja`` (handle per the regulations, DOMAIN.md 3.3), reason
  ``box_1``; this takes precedence;
* a mover whose latest transfer is at least ``intervention_after_months`` old and whose status is
  "stabil" or "menurun" (not improved; "belum_cukup_data" is not judged) ->
  ``pelatihan`` (reason ``gap``) when a competency falls short of the new position's standard,
  naming each shortfall in the ``gap_<competency>`` columns; otherwise ``pendampingan``
  (reason ``no_gap``, or ``no_data`` when levels or the standard are unknown).

"Improved or not" is judged on the annual SKP where it exists (:func:`annual_change`, the same
annual predikat as propose and the talent box: :func:`mutasi_cli.rules.skp.annual_predikat`):
the year before the move against the latest whole year after the adaptation period. Without
both years the before/after windows of periodic records decide (``status`` of the windows).

Early warning: a person's latest period is at least ``early_warning_drop`` steps below the mean of
their ``early_warning_previous`` periods before it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.schema import COMPETENCIES, name_key
from mutasi_cli.settings import EvaluateSettings

KINDS = ("penanganan_kinerja", "pelatihan", "pendampingan")
# The columns of the interventions frame, before one `gap_<competency>` column per competency.
COLUMNS = [
    "nip",
    "nama",
    "unit_kerja",
    "jabatan",
    "box",
    "kind",
    "reason",
    "tmt_mutasi",
    "months_since",
    "change",
    "status",
]
NOT_IMPROVED = ("stabil", "menurun")
_GAP = "gap_"


def competency_gaps(
    movers: pd.DataFrame, levels: pd.DataFrame | None, jabatan: pd.DataFrame | None
) -> pd.DataFrame:
    """Per mover (index kept): ``gap_<key>`` = standard - level where short (Int64, else NA),
    and ``assessed``: True when at least one competency had both a level and a standard."""
    gaps = pd.DataFrame(index=movers.index)
    keys = [
        k
        for k in COMPETENCIES
        if levels is not None and jabatan is not None and k in levels and k in jabatan
    ]
    assessed = pd.Series(False, index=movers.index)
    if keys:
        have = movers[["nip"]].merge(levels[["nip", *keys]], on="nip", how="left")
        standard = _standards(movers, jabatan, keys)
        for key in keys:  # a loop over the ten competencies
            level = have[key].astype("Float64").to_numpy(float, na_value=np.nan)
            need = standard[key].astype("Float64").to_numpy(float, na_value=np.nan)
            short = need - level
            assessed |= ~np.isnan(short)
            gaps[_GAP + key] = pd.array(np.where(short > 0, short, np.nan), dtype="Float64")
            gaps[_GAP + key] = gaps[_GAP + key].astype("Int64")
    gaps["assessed"] = assessed.to_numpy()
    return gaps


def _standards(movers: pd.DataFrame, jabatan: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The standard levels of each mover's new position, row-aligned with ``movers``."""
    table = jabatan.assign(_u=name_key(jabatan["unit_kerja"]), _j=name_key(jabatan["jabatan"]))
    table = table.drop_duplicates(["_u", "_j"])[["_u", "_j", *keys]]
    wanted = pd.DataFrame(
        {
            "_u": name_key(movers["unit_tujuan"]).to_numpy(),
            "_j": name_key(movers["jabatan_tujuan"]).to_numpy(),
        }
    )
    return wanted.merge(table, on=["_u", "_j"], how="left")


def annual_change(
    latest: pd.DataFrame, annual: pd.DataFrame, settings: EvaluateSettings
) -> pd.DataFrame:
    """Per latest move: ``change`` and ``status`` from the annual SKP, NA where a year is missing.

    ``annual``: nip, tahun, ordinal (the annual predikat step). Before: the year before the TMT's
    year. After: the latest year that starts on or after the TMT plus ``adaptation_months``.
    """
    tmt = pd.to_datetime(latest["tmt_mutasi"])
    settled = tmt + pd.DateOffset(months=settings.adaptation_months)
    first_after = settled.dt.year + ((settled.dt.month > 1) | (settled.dt.day > 1)).astype(int)
    ordinal = annual.set_index(["nip", "tahun"])["ordinal"].astype(float)
    ordinal = ordinal[~ordinal.index.duplicated(keep="last")]
    before = ordinal.reindex(pd.MultiIndex.from_arrays([latest["nip"], tmt.dt.year - 1]))
    after_rows = annual[["nip", "tahun", "ordinal"]].merge(
        pd.DataFrame({"nip": latest["nip"].to_numpy(), "first": first_after.to_numpy()}), on="nip"
    )
    after_rows = after_rows[after_rows["tahun"] >= after_rows["first"]]
    after = (
        after_rows.sort_values(["nip", "tahun"], kind="stable")
        .drop_duplicates("nip", keep="last")
        .set_index("nip")["ordinal"]
        .astype(float)
    )
    change = after.reindex(latest["nip"]).to_numpy() - before.to_numpy()
    status = np.select(
        [np.isnan(change), change >= settings.improve_threshold,
         change <= -settings.improve_threshold],
        ["", "meningkat", "menurun"],
        default="stabil",
    )  # fmt: skip
    return pd.DataFrame(
        {"change": change, "status": pd.Series(status, dtype="string").replace("", pd.NA)},
        index=latest.index,
    )


def interventions(
    movers: pd.DataFrame,
    talent: pd.DataFrame,
    levels: pd.DataFrame | None,
    jabatan: pd.DataFrame | None,
    settings: EvaluateSettings,
    annual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per person needing an intervention: kind, reason and competency gaps.

    ``movers``: the per-person evaluation (one row per transfer); ``talent``: nip, nama,
    unit_kerja, jabatan, box. Columns: nip, nama, unit_kerja, jabatan, box, kind, reason,
    tmt_mutasi, months_since, change, status, gap_<competency>...

    ``annual`` (nip, tahun, ordinal): when given, the annual SKP decides "improved or not" for
    every mover who has the year before the move and a whole year after it (:func:`annual_change`).
    """
    latest = movers.sort_values(["nip", "tmt_mutasi"], kind="stable").drop_duplicates(
        "nip", keep="last"
    )
    if annual is not None and len(annual) and len(latest):
        yearly = annual_change(latest, annual, settings)
        judged = yearly["status"].notna()
        latest = latest.assign(
            change=latest["change"].astype(float).mask(judged, yearly["change"]),
            status=latest["status"].astype("string").mask(judged, yearly["status"]),
        )
    latest = latest.assign(unit_kerja=latest["unit_tujuan"], jabatan=latest["jabatan_tujuan"])
    lagging = latest[
        (latest["months_since"] >= settings.intervention_after_months)
        & latest["status"].isin(NOT_IMPROVED)
    ].reset_index(drop=True)
    gaps = competency_gaps(lagging, levels, jabatan)
    gap_columns = [c for c in gaps.columns if c.startswith(_GAP)]
    has_gap = gaps[gap_columns].notna().any(axis=1).to_numpy() if gap_columns else False
    lagging = pd.concat([lagging, gaps[gap_columns]], axis=1).assign(
        kind=np.where(has_gap, "pelatihan", "pendampingan"),
        reason=np.select([has_gap, gaps["assessed"]], ["gap", "no_gap"], "no_data"),
    )
    lagging = lagging.merge(talent[["nip", "box"]], on="nip", how="left")
    mover_info = latest[["nip", "tmt_mutasi", "months_since", "change", "status"]]
    box_1 = (
        talent.loc[talent["box"] == 1, ["nip", "nama", "unit_kerja", "jabatan", "box"]]
        .merge(mover_info, on="nip", how="left")
        .assign(kind="penanganan_kinerja", reason="box_1")
    )
    rows = pd.concat([box_1, lagging[~lagging["nip"].isin(box_1["nip"])]], ignore_index=True)
    out = rows.reindex(columns=[*COLUMNS, *gap_columns])
    out["kind"] = pd.Categorical(out["kind"], categories=KINDS)
    return out.sort_values(["kind", "nip"], kind="stable").reset_index(drop=True)


def latest_records(records: pd.DataFrame, previous: int) -> pd.DataFrame:
    """Per person the latest record and the mean of the ``previous`` records before it.

    Columns: nip, periode, latest (step), latest_score, previous_mean, n_previous.
    """
    ordered = records.sort_values(["nip", "period_end"], ascending=[True, False], kind="stable")
    rank = ordered.groupby("nip", sort=False).cumcount()
    latest = ordered[rank == 0].set_index("nip")
    before = ordered[(rank >= 1) & (rank <= previous)].groupby("nip")["ordinal"]
    return pd.DataFrame(
        {
            "periode": latest["periode"],
            "period_end": latest["period_end"],
            "latest": latest["ordinal"],
            "latest_score": latest["score"],
            "previous_mean": before.mean().reindex(latest.index),
            "n_previous": before.size().reindex(latest.index).fillna(0).astype("Int64"),
        }
    ).reset_index()


def early_warnings(latest: pd.DataFrame, settings: EvaluateSettings) -> pd.DataFrame:
    """People whose latest period dropped ``early_warning_drop`` steps or more (largest first)."""
    drop = latest["previous_mean"] - latest["latest"]
    flagged = latest.assign(drop=drop)[drop >= settings.early_warning_drop]
    return flagged.sort_values(["drop", "nip"], ascending=[False, True]).reset_index(drop=True)
