"""Checking the committee's decisions as a whole before anything is written.

Three questions: was the review made from this roster (fingerprint and each person's unit and
position of origin), is every NIP still on the roster, and do the approved moves fit together
(no seat taken twice, no seat taken from a person who stays, no person moved twice)?
"""

from __future__ import annotations

import pandas as pd

from mutasi_cli.finalize.review import APPROVED, Review
from mutasi_cli.issues import Issue
from mutasi_cli.schema import name_key

CONFLICT_CODES = ("conflict-chain", "conflict-double-booking", "conflict-duplicate-nip")
LISTED_NIPS = 20  # a longer list of changed NIPs ends with "(+N)"


def check_decisions(
    review: Review, pegawai: pd.DataFrame, *, roster_sha256: str, force: bool = False
) -> list[Issue]:
    """Every reason not to apply the decisions; any issue of level "error" blocks them.

    ``roster_sha256`` is the SHA-256 of the roster file given now; the review's Info sheet holds
    the one the proposal was made from. A changed roster is an error unless ``force``, then a
    warning; a review from another proposal is always an error.
    """
    rows = review.frame.dropna(subset=["nip"])
    if rows.empty:
        return []
    roster = pegawai.drop_duplicates("nip")[["nip", "unit_kerja", "jabatan"]]
    joined = rows.merge(roster, on="nip", how="left", indicator=True)
    known = (joined["_merge"] == "both").to_numpy()
    moved = (name_key(joined["unit_kerja"]) != name_key(joined["from_unit"])) | (
        name_key(joined["jabatan"]) != name_key(joined["from_jabatan"])
    )
    changed = known & moved.fillna(True).to_numpy(dtype=bool)
    same_file = review.fingerprint == roster_sha256.strip().lower()
    mismatched = int((~known | changed).sum())
    if not same_file and mismatched * 2 > len(rows):
        return [
            Issue(
                "review-other-proposal",
                sheet=review.sheet,
                params={"mismatched": mismatched, "total": len(rows)},
            )
        ]
    issues = [
        Issue(
            "review-nip-unknown",
            review.sheet,
            review.cell("nip", row.excel_row),
            "nip",
            value=row.nip,
            row=int(row.excel_row),
            nip=row.nip,
        )
        for row in joined[~known].itertuples()
    ]
    if not same_file and (review.fingerprint is not None or changed.any()):
        issues.append(_roster_changed(review, joined.loc[changed, "nip"], force))
    return issues + conflicts(review, set(roster["nip"]))


def _roster_changed(review: Review, nips: pd.Series, force: bool) -> Issue:
    listed = ", ".join(nips.iloc[:LISTED_NIPS])
    if len(nips) > LISTED_NIPS:
        listed += f" (+{len(nips) - LISTED_NIPS})"
    return Issue(
        "review-roster-changed",
        sheet=review.sheet,
        value=str(len(nips)),
        params={"nips": listed or "-"},
        severity="warning" if force else "error",
    )


def conflicts(review: Review, roster_nips: set[str]) -> list[Issue]:
    """Approved moves that cannot all happen: double bookings, broken chains, a NIP twice."""
    approved = review.frame[review.frame["keputusan"] == APPROVED].dropna(subset=["nip"])
    return [
        *_duplicate_nips(review, approved),
        *_double_bookings(review, approved),
        *_broken_chains(review, approved, roster_nips),
    ]


def _duplicate_nips(review: Review, approved: pd.DataFrame) -> list[Issue]:
    twice = approved[approved["nip"].duplicated(keep=False)]
    return [
        Issue(
            "conflict-duplicate-nip",
            review.sheet,
            review.cell("keputusan", group["excel_row"].iloc[1]),
            "keputusan",
            value=nip,
            row=int(group["excel_row"].iloc[1]),
            nip=nip,
            params={"nip": nip, "rows": ", ".join(map(str, group["excel_row"]))},
        )
        for nip, group in twice.groupby("nip", sort=True)
    ]


def _double_bookings(review: Review, approved: pd.DataFrame) -> list[Issue]:
    seated = approved.dropna(subset=["seat"]).drop_duplicates("nip")
    booked = seated[seated["seat"].duplicated(keep=False)]
    return [
        Issue(
            "conflict-double-booking",
            review.sheet,
            review.cell("seat", group["excel_row"].iloc[1]),
            "seat",
            value=seat,
            row=int(group["excel_row"].iloc[1]),
            nip=group["nip"].iloc[1],
            params={
                "nips": ", ".join(group["nip"]),
                "unit": group["to_unit"].iloc[0],
                "jabatan": group["to_jabatan"].iloc[0],
            },
        )
        for seat, group in booked.groupby("seat", sort=True)
    ]


def _seat_holders(review_frame: pd.DataFrame) -> pd.Series:
    """The NIP whose seat each move takes ("S:<nip>" seats, else the replaces column)."""
    from_seat = review_frame["seat"].str.extract(r"^\s*[Ss]:\s*(\S+)\s*$", expand=False)
    return from_seat.fillna(review_frame["replaces"]).astype("string")


def _broken_chains(review: Review, approved: pd.DataFrame, roster_nips: set[str]) -> list[Issue]:
    holder = _seat_holders(approved)
    broken = holder.notna() & holder.isin(roster_nips) & ~holder.isin(set(approved["nip"]))
    return [
        Issue(
            "conflict-chain",
            review.sheet,
            review.cell("keputusan", row.excel_row),
            "keputusan",
            value=row.nip,
            row=int(row.excel_row),
            nip=row.nip,
            params={"nip": row.nip, "holder": holder[row.Index]},
        )
        for row in approved[broken.to_numpy(dtype=bool)].itertuples()
    ]


def count_conflicts(issues: list[Issue]) -> int:
    return sum(1 for i in issues if i.code in CONFLICT_CODES)
