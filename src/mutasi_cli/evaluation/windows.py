"""Transfer events and the before/after windows around each of them.

A record is *before* a transfer when its period ended before the TMT (and started on or after the
person's previous TMT, if any); it is *after* when its period started at least
``adaptation_months`` after the TMT (and ended before the person's next TMT, if any). The window
keeps the last ``before_periods`` records before and the first ``after_periods`` records after.
A person who moved twice has one event per move.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.issues import Issue
from mutasi_cli.settings import EvaluateSettings

BEFORE, AFTER = "before", "after"
STATUSES = ("meningkat", "stabil", "menurun", "belum_cukup_data")
_DAYS_PER_YEAR = 365.25
_EVENT_COLUMNS = [
    "nip",
    "nama",
    "tmt_mutasi",
    "unit_asal",
    "jabatan_asal",
    "unit_tujuan",
    "jabatan_tujuan",
]


def transfer_events(riwayat: pd.DataFrame, per: date) -> tuple[pd.DataFrame, list[Issue]]:
    """One row per transfer up to ``per`` (column ``event``), with the previous and next TMT.

    A TMT after ``per`` is reported (``history-future-tmt``) and left out.
    """
    per_ts = pd.Timestamp(per)
    history = riwayat[riwayat["tmt_mutasi"].notna()]
    future = history[history["tmt_mutasi"] > per_ts]
    rows = future["excel_row"] if "excel_row" in future.columns else [None] * len(future)
    issues = [
        Issue(
            "history-future-tmt",
            sheet="riwayat_mutasi",
            column="tmt_mutasi",
            value=tmt.date().isoformat(),
            nip=str(nip),
            row=None if pd.isna(row) else int(row),
            params={"per": per_ts.date().isoformat()},
        )
        for nip, tmt, row in zip(future["nip"], future["tmt_mutasi"], rows, strict=True)
    ]
    columns = [c for c in _EVENT_COLUMNS if c in history.columns]
    events = (
        history.loc[history["tmt_mutasi"] <= per_ts, columns]
        .sort_values(["nip", "tmt_mutasi"], kind="stable")
        .reset_index(drop=True)
    )
    by_nip = events.groupby("nip", sort=False)["tmt_mutasi"]
    events["prev_tmt"] = by_nip.shift(1)
    events["next_tmt"] = by_nip.shift(-1)
    events.insert(0, "event", np.arange(len(events)))
    return events, issues


def window_records(
    events: pd.DataFrame, records: pd.DataFrame, settings: EvaluateSettings
) -> pd.DataFrame:
    """The records in each event's windows: event, side ("before"/"after"), the record columns."""
    adapt = events["tmt_mutasi"] + pd.DateOffset(months=settings.adaptation_months)
    bounds = events[["event", "nip", "tmt_mutasi", "prev_tmt", "next_tmt"]].assign(adapt=adapt)
    joined = bounds.merge(records, on="nip", how="inner")
    before = (joined["period_end"] < joined["tmt_mutasi"]) & ~(
        joined["period_start"] < joined["prev_tmt"]
    )
    after = (joined["period_start"] >= joined["adapt"]) & ~(
        joined["period_end"] >= joined["next_tmt"]
    )
    sides = [
        _nearest(joined[before], "period_end", False, settings.before_periods, BEFORE),
        _nearest(joined[after], "period_start", True, settings.after_periods, AFTER),
    ]
    out = pd.concat(sides, ignore_index=True)
    mid = out["period_start"] + (out["period_end"] - out["period_start"]) / 2
    out["years"] = (mid - out["tmt_mutasi"]).dt.days / _DAYS_PER_YEAR
    return out.drop(columns=["prev_tmt", "next_tmt", "adapt"])


def _nearest(rows: pd.DataFrame, by: str, ascending: bool, n: int, side: str) -> pd.DataFrame:
    ordered = rows.sort_values(["event", by], ascending=[True, ascending], kind="stable")
    return ordered[ordered.groupby("event").cumcount() < n].assign(side=side)


def per_person(
    events: pd.DataFrame, windows: pd.DataFrame, per: date, settings: EvaluateSettings
) -> pd.DataFrame:
    """Before and after means, change, trend and status per transfer event.

    ``trend`` is the least-squares slope of the predikat step over the after window, in steps per
    year. ``status`` compares ``change`` with ``improve_threshold``; fewer than ``min_periods``
    records on either side gives "belum_cukup_data".
    """
    sides = windows.pivot_table(
        index="event",
        columns="side",
        values=["ordinal", "score"],
        aggfunc=["mean", "count"],
        observed=True,
    )
    out = events.drop(columns=["prev_tmt", "next_tmt"]).set_index("event")
    for side, prefix in ((BEFORE, "pre"), (AFTER, "post")):
        for stat, metric, name in (
            ("count", "ordinal", "n"),
            ("mean", "ordinal", "mean"),
            ("mean", "score", "score"),
        ):
            key = (stat, metric, side)
            column = sides[key] if key in sides.columns else pd.Series(dtype=float)
            out[f"{prefix}_{name}"] = column.reindex(out.index)
    out[["pre_n", "post_n"]] = out[["pre_n", "post_n"]].fillna(0).astype("Int64")
    out["change"] = out["post_mean"] - out["pre_mean"]
    out["change_score"] = out["post_score"] - out["pre_score"]
    out["trend"] = _slope(windows[windows["side"] == AFTER]).reindex(out.index)
    out["months_since"] = _months_between(out["tmt_mutasi"], pd.Timestamp(per))
    out["status"] = _status(out, settings)
    return out.reset_index()


def _slope(rows: pd.DataFrame) -> pd.Series:
    x, y = rows["years"].astype(float), rows["ordinal"].astype(float)
    sums = pd.DataFrame({"event": rows["event"], "x": x, "y": y, "xx": x * x, "xy": x * y})
    g = sums.groupby("event").agg(["sum", "count"])
    n = g[("x", "count")]
    sx, sy = g[("x", "sum")], g[("y", "sum")]
    denominator = n * g[("xx", "sum")] - sx * sx
    slope = (n * g[("xy", "sum")] - sx * sy) / denominator.where(denominator > 0)
    return slope.where(n >= 2)


def _months_between(start: pd.Series, end: pd.Timestamp) -> pd.Series:
    months = (end.year - start.dt.year) * 12 + (end.month - start.dt.month)
    return (months - (start.dt.day > end.day).astype(int)).astype("Int64")


def _status(frame: pd.DataFrame, settings: EvaluateSettings) -> pd.Series:
    enough = (frame["pre_n"] >= settings.min_periods) & (frame["post_n"] >= settings.min_periods)
    change = frame["change"].astype(float).to_numpy(na_value=np.nan)
    status = np.select(
        [
            ~enough.to_numpy(dtype=bool),
            change >= settings.improve_threshold,
            change <= -settings.improve_threshold,
        ],
        ["belum_cukup_data", "meningkat", "menurun"],
        default="stabil",
    )
    return pd.Series(status, index=frame.index, dtype="string")
