"""Applying checked decisions: the approved moves, the roster after them, the transfer history.

Call only when :func:`~mutasi_cli.finalize.decisions.check_decisions` found no error. The
history keeps every earlier row and gains one row per move not already in it, matched on
(nip, tmt_mutasi, unit_tujuan, jabatan_tujuan), so finalizing one review twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.finalize.decisions import count_conflicts
from mutasi_cli.finalize.review import APPROVED, Review
from mutasi_cli.issues import Issue
from mutasi_cli.schema import name_key
from mutasi_cli.settings import FinalizeSettings

HISTORY_COLUMNS = (
    "nip",
    "nama",
    "tmt_mutasi",
    "unit_asal",
    "jabatan_asal",
    "unit_tujuan",
    "jabatan_tujuan",
    "golongan",
    "nomor_sk",
    "tanggal_sk",
)
# Keys of the --json moves_detail, named as in `mutasi propose`'s summary.
DETAIL = {
    "nip": "nip",
    "unit_asal": "from_unit",
    "jabatan_asal": "from_jabatan",
    "unit_tujuan": "to_unit",
    "jabatan_tujuan": "to_jabatan",
}


@dataclass(frozen=True)
class FinalizeResult:
    """What finalize writes: every frame keeps canonical column names."""

    moves: pd.DataFrame  # no + HISTORY_COLUMNS + catatan, one row per approved move
    roster: pd.DataFrame  # pegawai after the moves
    history: pd.DataFrame  # riwayat_mutasi: earlier rows, then the new ones
    history_added: int
    nomor_sk: str
    tmt: date
    tanggal_sk: date


def nomor_sk(settings: FinalizeSettings, tmt: date) -> str:
    """The decree number from the office's pattern, e.g. ``800/001/BKPSDM/2026``."""
    try:
        return settings.nomor_sk_pattern.format(seq=settings.nomor_sk_seq, year=tmt.year)
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError.of(
            "finalize.error.bad_sk_pattern", pattern=settings.nomor_sk_pattern, exc=exc
        ) from None


def full_name(pegawai: pd.DataFrame) -> pd.Series:
    """Name with academic titles when the roster keeps them apart: "Dr. Budi, S.Kom."."""
    name = pegawai["nama"].astype("string")
    if "gelar_depan" in pegawai:
        name = (pegawai["gelar_depan"] + " " + name).fillna(name)
    if "gelar_belakang" in pegawai:
        name = (name + ", " + pegawai["gelar_belakang"]).fillna(name)
    return name


def apply_decisions(
    review: Review,
    pegawai: pd.DataFrame,
    riwayat: pd.DataFrame | None,
    *,
    tmt: date,
    settings: FinalizeSettings | None = None,
    tanggal_sk: date | None = None,
) -> FinalizeResult:
    """The approved moves with TMT and decree number, the updated roster and the history.

    ``tanggal_sk`` (the decree date) defaults to ``tmt``; the office types the signing date in
    the Word draft.
    """
    settings = settings or FinalizeSettings()
    number = nomor_sk(settings, tmt)
    signed = tanggal_sk or tmt
    moves = (
        _moves(review, pegawai)
        .assign(tmt_mutasi=pd.Timestamp(tmt), tanggal_sk=pd.Timestamp(signed), nomor_sk=number)
        .astype(
            {"tmt_mutasi": "datetime64[ns]", "tanggal_sk": "datetime64[ns]", "nomor_sk": "string"}
        )
    )[["no", *HISTORY_COLUMNS, "catatan"]]
    history, added = _history(riwayat, moves[list(HISTORY_COLUMNS)])
    return FinalizeResult(
        moves=moves,
        roster=_roster(pegawai, moves, tmt),
        history=history,
        history_added=added,
        nomor_sk=number,
        tmt=tmt,
        tanggal_sk=signed,
    )


def _moves(review: Review, pegawai: pd.DataFrame) -> pd.DataFrame:
    """Approved moves joined to the roster (its unit and position are the origin), in a fixed
    order (destination unit, position, NIP) whatever order the analyst sorted the rows in."""
    people = pegawai.drop_duplicates("nip").assign(nama=full_name(pegawai))
    approved = review.frame.loc[
        review.frame["keputusan"] == APPROVED, ["nip", "to_unit", "to_jabatan", "catatan"]
    ]
    moves = approved.merge(
        people[["nip", "nama", "golongan", "unit_kerja", "jabatan"]], on="nip", how="inner"
    ).rename(
        columns={
            "unit_kerja": "unit_asal",
            "jabatan": "jabatan_asal",
            "to_unit": "unit_tujuan",
            "to_jabatan": "jabatan_tujuan",
        }
    )
    moves = moves.sort_values(["unit_tujuan", "jabatan_tujuan", "nip"], key=name_key)
    return moves.reset_index(drop=True).assign(no=lambda m: np.arange(1, len(m) + 1))


def _roster(pegawai: pd.DataFrame, moves: pd.DataFrame, tmt: date) -> pd.DataFrame:
    """The roster with each mover in the new unit and position since ``tmt``; nothing else."""
    roster = pegawai.copy()
    dest = moves.set_index("nip")
    hit = roster["nip"].isin(dest.index)
    movers = roster.loc[hit, "nip"]
    roster.loc[hit, "unit_kerja"] = movers.map(dest["unit_tujuan"])
    roster.loc[hit, "jabatan"] = movers.map(dest["jabatan_tujuan"])
    roster.loc[hit, "tmt_jabatan"] = pd.Timestamp(tmt)
    return roster


def _history_key(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays(
        [
            frame["nip"].astype("string"),
            pd.to_datetime(frame["tmt_mutasi"]).dt.normalize(),
            name_key(frame["unit_tujuan"]),
            name_key(frame["jabatan_tujuan"]),
        ]
    )


def _history(riwayat: pd.DataFrame | None, new: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    if riwayat is None or riwayat.empty:
        return new.reset_index(drop=True), len(new)
    fresh = new[~_history_key(new).isin(_history_key(riwayat))]
    history = pd.concat([riwayat, fresh], ignore_index=True) if len(fresh) else riwayat.copy()
    return history.reset_index(drop=True), len(fresh)


def summary(
    review: Review,
    issues: list[Issue],
    result: FinalizeResult | None = None,
    documents: int = 0,
) -> dict[str, Any]:
    """The ``--json`` summary (DESIGN.md section 7): approved, rejected, deferred, conflicts,
    documents; with a result also the decree number, TMT, new history rows and the moves."""
    out: dict[str, Any] = {
        **review.counts(),
        "conflicts": count_conflicts(issues),
        "documents": documents,
    }
    if result is not None:
        out |= {
            "nomor_sk": result.nomor_sk,
            "tmt": result.tmt.isoformat(),
            "history_added": result.history_added,
            "moves_detail": result.moves[list(DETAIL)].rename(columns=DETAIL).to_dict("records"),
        }
    return out
