"""Checking the committee's decisions as a whole before anything is written.

Three questions: was the review made from this roster (fingerprint and each person's unit and
position of origin), is every NIP still on the roster, and do the approved moves fit together
(no seat taken twice, no seat taken from a person who stays, no person moved twice)?
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.finalize.review import APPROVED, DEFERRED, Review, nip_issues
from mutasi_cli.i18n import t
from mutasi_cli.issues import Issue
from mutasi_cli.schema import name_key

CONFLICT_CODES = ("conflict-chain", "conflict-double-booking", "conflict-duplicate-nip")
# The state of the holder's own row -> how the message names it (Indonesian, English).
CHAIN_STATES = {
    "tolak": ("ditolak", "rejected"),
    "tunda": ("ditunda", "deferred"),
    "not_proposed": ("tidak diusulkan", "not proposed"),
    "blocked": ("juga tertahan oleh konflik", "itself blocked by a conflict"),
}
LISTED_NIPS = 20  # a longer list of changed NIPs ends with "(+N)"


def full_name(pegawai: pd.DataFrame) -> pd.Series:
    """Name with academic titles when the roster keeps them apart: "Dr. Budi, S.Kom."."""
    name = pegawai["nama"].astype("string")
    if "gelar_depan" in pegawai:
        name = (pegawai["gelar_depan"] + " " + name).fillna(name)
    if "gelar_belakang" in pegawai:
        name = (name + ", " + pegawai["gelar_belakang"]).fillna(name)
    return name


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
    issues = nip_issues("review-nip-unknown", joined[~known], review.sheet, review.cell)
    if not same_file and (review.fingerprint is not None or changed.any()):
        issues.append(_roster_changed(review, joined.loc[changed, "nip"], force))
    names = dict(zip(pegawai["nip"], full_name(pegawai), strict=True))
    return issues + conflicts(review, set(roster["nip"]), names)


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


def conflicts(
    review: Review, roster_nips: set[str], names: Mapping[str, str] | None = None
) -> list[Issue]:
    """Approved moves that cannot all happen: double bookings, a NIP twice, and every move of
    the chain closure (:func:`chain_closure`), all in one pass. ``names``: NIP -> name."""
    approved = review.frame[review.frame["keputusan"] == APPROVED].dropna(subset=["nip"])
    return [
        *_duplicate_nips(review, approved),
        *_double_bookings(review, approved),
        *_broken_chains(review, approved, roster_nips, names or {}),
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
    """The NIP whose seat each move takes ("S:<nip>" seats, else the replaces column, which may
    read "Nama (NIP)" in the review sheet)."""
    from_seat = review_frame["seat"].str.extract(r"^\s*[Ss]:\s*(\S+)\s*$", expand=False)
    replaces = review_frame["replaces"].astype("string")
    in_text = replaces.str.extract(r"(\d{18})", expand=False)
    return from_seat.fillna(in_text.fillna(replaces)).astype("string")


def _flags(mask: pd.Series) -> np.ndarray:
    """A boolean mask as numpy, NA read as False."""
    return mask.fillna(False).to_numpy(dtype=bool)


def chain_closure(review: Review, roster_nips: set[str]) -> pd.DataFrame:
    """Every approved move that cannot happen because the seat it takes stays occupied: its
    holder is on the roster and does not move, directly (the holder's move was rejected, deferred
    or never proposed) or through a chain of such moves. One pass, all layers.

    Returns one row per blocked move (index = the review frame's index): ``holder`` (NIP),
    ``holder_index`` (review index of the holder's own row, NA when the holder was not proposed),
    ``layer`` (0 = the holder's own move is not approved).
    """
    frame = review.frame
    approved = _flags(frame["keputusan"].eq(APPROVED)) & _flags(frame["nip"].notna())
    holder = _seat_holders(frame)
    needs = _flags(holder.notna() & holder.isin(roster_nips)) & approved
    blocked = np.zeros(len(frame), dtype=bool)
    layer = np.full(len(frame), -1)
    depth = 0
    while True:
        moving = set(frame["nip"][approved & ~blocked])
        newly = needs & ~blocked & ~_flags(holder.isin(moving))
        if not newly.any():
            break
        blocked |= newly
        layer[newly] = depth
        depth += 1
    rows = frame.index[blocked]
    # The holder's own row: the approved one if any, else the first one proposed for them.
    own = frame.assign(_ok=approved).sort_values("_ok", ascending=False, kind="stable")
    own_row = pd.Series(own.index, index=own["nip"]).loc[lambda s: ~s.index.duplicated()]
    holders = holder[rows]
    return pd.DataFrame(
        {
            "holder": holders,
            "holder_index": pd.array(holders.map(own_row), dtype="Int64"),
            "layer": layer[blocked],
        },
        index=rows,
    )


def _chain_state(review: Review, closure: pd.DataFrame, index: Any) -> str:
    """Why the holder of a blocked seat stays: the state of the holder's own row."""
    if pd.isna(index):
        return "not_proposed"
    if index in closure.index:
        return "blocked"
    return str(review.frame.at[index, "keputusan"])


def _broken_chains(
    review: Review, approved: pd.DataFrame, roster_nips: set[str], names: Mapping[str, str]
) -> list[Issue]:
    closure = chain_closure(review, roster_nips)
    frame = review.frame
    issues = []
    for index, link in closure.sort_values("layer", kind="stable").iterrows():
        row = frame.loc[index]
        holder_index = link["holder_index"]
        holder_row = "-" if pd.isna(holder_index) else str(frame.at[holder_index, "excel_row"])
        state = _chain_state(review, closure, holder_index)
        issues.append(
            Issue(
                "conflict-chain",
                review.sheet,
                review.cell("keputusan", row["excel_row"]),
                "keputusan",
                value=row["nip"],
                row=int(row["excel_row"]),
                nip=row["nip"],
                params={
                    "nip": row["nip"],
                    "nama": _name(row["nama"], names.get(row["nip"])),
                    "holder": link["holder"],
                    "holder_nama": _name(None, names.get(link["holder"])),
                    "holder_row": holder_row,
                    "state": state,
                    "state_id": CHAIN_STATES[state][0],
                    "state_en": CHAIN_STATES[state][1],
                },
            )
        )
    return issues


def _name(*candidates: Any) -> str:
    return next((str(c) for c in candidates if c is not None and not pd.isna(c)), "-")


def defer_chains(
    review: Review, roster_nips: set[str], lang: str = "id"
) -> tuple[Review, list[Issue]]:
    """``--tunda-berantai``: the chain closure set to *tunda* in one step; the other decisions
    stay, an empty Catatan of a deferred row says why (the committee's record carries it).
    Returns the review as it will be applied and one warning per deferred row."""
    closure = chain_closure(review, roster_nips)
    if closure.empty:
        return review, []
    frame = review.frame.copy()
    frame.loc[closure.index, "keputusan"] = DEFERRED
    why = closure["holder"].map(lambda nip: t("finalize.note.chain_deferred", lang, holder=nip))
    frame.loc[closure.index, "catatan"] = frame.loc[closure.index, "catatan"].fillna(why)
    deferred = [
        Issue(
            "conflict-chain-deferred",
            review.sheet,
            review.cell("keputusan", row.excel_row),
            "keputusan",
            value=row.nip,
            row=int(row.excel_row),
            nip=row.nip,
            params={"nip": row.nip, "holder": closure.at[row.Index, "holder"]},
        )
        for row in review.frame.loc[closure.index].itertuples()
    ]
    return replace(review, frame=frame), deferred


def count_conflicts(issues: list[Issue]) -> int:
    return sum(1 for i in issues if i.code in CONFLICT_CODES)
