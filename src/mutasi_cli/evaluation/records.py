"""Performance records on one scale, one record per person and period (DESIGN.md 5)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.frames import isin
from mutasi_cli.issues import Issue
from mutasi_cli.rules.skp import to_common_scale
from mutasi_cli.settings import Settings

PERIOD_KEY = ["nip", "period_start", "period_end"]
DUPLICATE_RULES = ("last", "first", "min", "max", "mean")


@dataclass(frozen=True)
class Records:
    """Scaled records (nip, periode, period_start, period_end, ordinal, score) and what was cut."""

    frame: pd.DataFrame
    issues: tuple[Issue, ...]
    unscaled: int  # rows that fit no scale
    unknown_rows: int  # rows whose NIP is neither in the history nor in the roster
    unknown_nips: int
    duplicates: int  # (nip, period) pairs with conflicting values


def prepare_records(
    kinerja: pd.DataFrame,
    known: pd.Series | None,
    settings: Settings,
    *,
    scaled: tuple[pd.DataFrame, list[Issue]] | None = None,
) -> Records:
    """Scale every row, drop unscaled rows and unknown NIPs, resolve duplicate periods.

    ``known`` holds the NIPs of the history and the roster; ``None`` (no roster given) keeps every
    NIP, because without a roster any NIP outside the history is a possible control.
    ``scaled``: :func:`to_common_scale` of ``kinerja`` when the caller has it already.
    """
    scaled, issues = to_common_scale(kinerja, settings) if scaled is None else scaled
    issues = list(issues)
    frame = scaled[~scaled["unscaled"]]
    unknown = (
        pd.Series(False, index=frame.index)
        if known is None
        else pd.Series(~isin(frame["nip"], known), index=frame.index)
    )
    issues += _unknown_issues(frame[unknown])
    unknown_nips = frame.loc[unknown, "nip"].nunique()
    frame = frame[~unknown]
    resolved, conflicts = _resolve_duplicates(frame, settings.evaluate.duplicate_rule)
    issues += conflicts
    columns = [*PERIOD_KEY, "periode", "ordinal", "score"]
    return Records(
        frame=resolved[columns].sort_values(PERIOD_KEY, kind="stable").reset_index(drop=True),
        issues=tuple(issues),
        unscaled=int(scaled["unscaled"].sum()),
        unknown_rows=int(unknown.sum()),
        unknown_nips=int(unknown_nips),
        duplicates=len(conflicts),
    )


def _first_rows(frame: pd.DataFrame) -> pd.Series:
    rows = frame["excel_row"] if "excel_row" in frame.columns else pd.Series(pd.NA, frame.index)
    return rows.astype("Int64")


def _unknown_issues(rows: pd.DataFrame) -> list[Issue]:
    first = rows.assign(_row=_first_rows(rows)).drop_duplicates("nip")
    return [
        Issue(
            "nip-unknown", sheet="kinerja", column="nip", value=str(nip), nip=str(nip), row=_int(r)
        )
        for nip, r in zip(first["nip"], first["_row"], strict=True)
    ]


def _resolve_duplicates(frame: pd.DataFrame, rule: str) -> tuple[pd.DataFrame, list[Issue]]:
    """One row per (nip, period): ``rule`` picks the value when records differ."""
    if rule not in DUPLICATE_RULES:
        raise UsageError.of(
            "evaluate.error.unknown_duplicate_rule", rule=rule, choices=", ".join(DUPLICATE_RULES)
        )
    repeated = frame[frame.duplicated(PERIOD_KEY, keep=False)]
    if repeated.empty:
        return frame, []
    spread = repeated.groupby(PERIOD_KEY, sort=False)["score"].transform("nunique")
    conflicting = repeated[spread > 1].assign(_row=_first_rows(repeated))
    groups = conflicting.groupby(PERIOD_KEY, sort=False)
    issues = [
        Issue(
            "duplicate-record",
            sheet="kinerja",
            column="periode",
            value=str(group["periode"].iloc[0]),
            nip=str(nip),
            row=_int(group["_row"].min()),
            params={"rule": rule, "rows": ", ".join(map(str, group["_row"].dropna()))},
        )
        for (nip, _, _), group in groups
    ]
    keep = "first" if rule == "first" else "last"
    kept = frame.drop_duplicates(PERIOD_KEY, keep=keep)
    if rule in ("min", "max", "mean"):
        values = frame.groupby(PERIOD_KEY, sort=False)[["ordinal", "score"]].agg(rule)
        kept = kept.drop(columns=["ordinal", "score"]).join(values, on=PERIOD_KEY)
    return kept, issues


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
