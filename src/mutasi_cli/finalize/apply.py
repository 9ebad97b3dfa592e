"""Applying checked decisions: the approved moves, the roster after them, the transfer history.

Call only when :func:`~mutasi_cli.finalize.decisions.check_decisions` found no error. The
history keeps every earlier row and gains one row per move not already in it, matched on
(nip, tmt_mutasi, unit_tujuan, jabatan_tujuan), so finalizing one review twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.finalize.decisions import count_conflicts, full_name
from mutasi_cli.finalize.review import APPROVED, DEFERRED, REJECTED, Review
from mutasi_cli.issues import Issue
from mutasi_cli.rules.golongan import pangkat_golongan
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


# Decree tracks (one collective SK each): the destination's jenjang decides. JPT moves go
# through open selection and should never reach finalize (the propose issue); should one come
# through anyway it gets a decree of its own rather than hide in another track's.
TRACKS = ("pelaksana_fungsional", "administrator_pengawas", "pimpinan_tinggi")
STRUCTURAL_TRACK_JENJANG = ("administrator", "pengawas")
# Roster columns a move changes, in this order; the position map supplies all but the first
# three (unit_kerja and jabatan come from the review, tmt_jabatan is the TMT).
POSITION_COLUMNS = (
    "unit_kerja",
    "jabatan",
    "tmt_jabatan",
    "unit_induk",
    "jenis_jabatan",
    "eselon",
    "kelas_jabatan",
)
# Roster columns whose text is written in the roster's own spelling ("Fungsional", "IV.a").
SPELLED = ("jenis_jabatan", "eselon")
# The committee's record (rejected and deferred rows), read by `propose --carry-over`.
RECORD_COLUMNS = (
    "nip",
    "nama",
    "unit_asal",
    "jabatan_asal",
    "unit_tujuan",
    "jabatan_tujuan",
    "keputusan",
    "catatan",
    "tanggal_keputusan",
)


@dataclass(frozen=True)
class FinalizeResult:
    """What finalize writes: every frame keeps canonical column names."""

    moves: pd.DataFrame  # no + HISTORY_COLUMNS + catatan + track + pangkat, one row per move
    roster: pd.DataFrame  # pegawai after the moves
    history: pd.DataFrame  # riwayat_mutasi: earlier rows, then the new ones
    history_added: int
    nomor_sk: str  # of the first decree (the only one unless the moves mix tracks)
    tmt: date
    tanggal_sk: date
    # One row per changed roster cell: nip, excel_row (of the roster), column, value.
    roster_edits: pd.DataFrame = field(default_factory=pd.DataFrame)
    history_new: pd.DataFrame = field(default_factory=pd.DataFrame)  # the appended rows
    record: pd.DataFrame = field(default_factory=pd.DataFrame)  # RECORD_COLUMNS, tolak/tunda

    @property
    def decrees(self) -> list[tuple[str, str, pd.DataFrame]]:
        """(track, nomor_sk, moves) of each collective decree, in track order."""
        return [
            (track, str(group["nomor_sk"].iloc[0]), group)
            for track in TRACKS
            if len(group := self.moves[self.moves["track"] == track])
        ]


def nomor_sk(settings: FinalizeSettings, tmt: date, offset: int = 0) -> str:
    """The decree number from the office's pattern, e.g. ``800/001/BKPSDM/2026``; ``offset``
    counts on from ``nomor_sk_seq`` for a second decree."""
    try:
        return settings.nomor_sk_pattern.format(seq=settings.nomor_sk_seq + offset, year=tmt.year)
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError.of(
            "finalize.error.bad_sk_pattern", pattern=settings.nomor_sk_pattern, exc=exc
        ) from None


def apply_decisions(
    review: Review,
    pegawai: pd.DataFrame,
    riwayat: pd.DataFrame | None,
    *,
    tmt: date,
    tanggal_sk: date,
    settings: FinalizeSettings | None = None,
    jabatan: pd.DataFrame | None = None,
    roster_text: pd.DataFrame | None = None,
) -> FinalizeResult:
    """The approved moves with TMT and decree numbers, the updated roster and the history.

    ``tanggal_sk`` is the decree date (the CLI's ``--tanggal-sk``, default today). ``jabatan``
    (the position map) gives the destination's unit induk, jenis jabatan, eselon, kelas jabatan
    and jenjang (which decides the decree track); without it only unit, jabatan and TMT jabatan
    change. ``roster_text``: the roster's cells as typed (canonical columns, same index as
    ``pegawai``), so a changed jenis jabatan or eselon is written in the roster's own spelling.
    """
    settings = settings or FinalizeSettings()
    moves = _moves(review, pegawai, jabatan)
    tracks = [tr for tr in TRACKS if (moves["track"] == tr).any()] or [TRACKS[0]]
    numbers = {tr: nomor_sk(settings, tmt, k) for k, tr in enumerate(tracks)}
    moves = (
        moves.assign(
            tmt_mutasi=pd.Timestamp(tmt),
            tanggal_sk=pd.Timestamp(tanggal_sk),
            nomor_sk=moves["track"].map(numbers),
        )
        .astype(
            {"tmt_mutasi": "datetime64[ns]", "tanggal_sk": "datetime64[ns]", "nomor_sk": "string"}
        )
        .sort_values(["track", "no"], key=lambda c: c.map(TRACKS.index) if c.name == "track" else c)
        .reset_index(drop=True)
    )
    moves["no"] = moves.groupby("track").cumcount() + 1
    history, added = _history(riwayat, moves[list(HISTORY_COLUMNS)])
    edits = _roster_edits(pegawai, moves, tmt, roster_text)
    return FinalizeResult(
        moves=moves[["no", *HISTORY_COLUMNS, "catatan", "track", "pangkat"]],
        roster=_roster(pegawai, edits),
        history=history,
        history_added=added,
        nomor_sk=numbers[tracks[0]],
        tmt=tmt,
        tanggal_sk=tanggal_sk,
        roster_edits=edits,
        history_new=history.iloc[len(history) - added :].reset_index(drop=True),
        record=committee_record(review, pegawai, tanggal_sk),
    )


def _moves(review: Review, pegawai: pd.DataFrame, jabatan: pd.DataFrame | None) -> pd.DataFrame:
    """Approved moves joined to the roster (its unit and position are the origin) and to the
    destination position, in a fixed order (destination unit, position, NIP) whatever order the
    analyst sorted the rows in."""
    people = pegawai.drop_duplicates("nip").assign(nama=full_name(pegawai))
    people = people.assign(pangkat=pangkat_golongan(people["golongan"]))
    if "jenjang" not in people:
        people["jenjang"] = pd.Series(pd.NA, index=people.index, dtype="string")
    approved = review.frame.loc[
        review.frame["keputusan"] == APPROVED, ["nip", "to_unit", "to_jabatan", "catatan"]
    ]
    moves = approved.merge(
        people[["nip", "nama", "golongan", "pangkat", "unit_kerja", "jabatan", "jenjang"]],
        on="nip",
        how="inner",
    ).rename(
        columns={
            "unit_kerja": "unit_asal",
            "jabatan": "jabatan_asal",
            "to_unit": "unit_tujuan",
            "to_jabatan": "jabatan_tujuan",
            "jenjang": "jenjang_asal",
        }
    )
    moves = moves.join(_destination(moves, jabatan))
    jenjang = moves["dest_jenjang"].fillna(moves["jenjang_asal"])
    moves["track"] = np.select(
        [
            jenjang.isin(STRUCTURAL_TRACK_JENJANG).fillna(False).to_numpy(bool),
            jenjang.eq("jpt").fillna(False).to_numpy(bool),
        ],
        [TRACKS[1], TRACKS[2]],
        TRACKS[0],
    )
    moves = moves.sort_values(["unit_tujuan", "jabatan_tujuan", "nip"], key=name_key)
    return moves.reset_index(drop=True).assign(no=lambda m: np.arange(1, len(m) + 1))


def _destination(moves: pd.DataFrame, jabatan: pd.DataFrame | None) -> pd.DataFrame:
    """The destination position's attributes (``dest_<column>``), NA where unknown."""
    wanted = [c for c in POSITION_COLUMNS[3:] if jabatan is not None and c in jabatan]
    out = pd.DataFrame(index=moves.index)
    if jabatan is None or jabatan.empty:
        out["dest_jenjang"] = pd.Series(pd.NA, index=moves.index, dtype="string")
        out["dest_found"] = False
        return out
    columns = [*wanted, *(["jenjang"] if "jenjang" in jabatan else [])]
    positions = jabatan.assign(
        _key=name_key(jabatan["unit_kerja"]) + "|" + name_key(jabatan["jabatan"])
    ).drop_duplicates("_key")
    key = name_key(moves["unit_tujuan"]) + "|" + name_key(moves["jabatan_tujuan"])
    found = positions.set_index("_key")[columns].reindex(key)
    found.index = moves.index
    out = found.add_prefix("dest_")
    if "dest_jenjang" not in out:
        out["dest_jenjang"] = pd.Series(pd.NA, index=moves.index, dtype="string")
    out["dest_found"] = key.isin(positions["_key"]).to_numpy()
    return out


def _spelling(canonical: pd.Series, typed: pd.Series) -> dict[str, str]:
    """Canonical value -> the roster's most frequent spelling of it."""
    pairs = pd.DataFrame({"c": canonical.astype("string"), "t": typed.astype("string")}).dropna()
    if pairs.empty:
        return {}
    counts = pairs.value_counts().reset_index().drop_duplicates("c")
    return dict(zip(counts["c"], counts["t"], strict=True))


def _roster_edits(
    pegawai: pd.DataFrame, moves: pd.DataFrame, tmt: date, roster_text: pd.DataFrame | None
) -> pd.DataFrame:
    """One row per roster cell the moves change: ``nip``, ``index`` (of ``pegawai``),
    ``excel_row`` (and ``excel_sheet`` for a roster read from several sheets), ``column``
    (canonical), ``value``. Columns the position map does not hold, and destinations it does
    not know, keep their values."""
    dest = moves.set_index("nip")
    hit = pegawai["nip"].isin(dest.index)
    where = [c for c in ("excel_row", "excel_sheet") if c in pegawai]
    movers = pegawai.loc[hit, ["nip", *where]]
    d = dest.reindex(movers["nip"])
    d.index = movers.index
    values: dict[str, pd.Series] = {
        "unit_kerja": d["unit_tujuan"],
        "jabatan": d["jabatan_tujuan"],
        "tmt_jabatan": pd.Series(pd.Timestamp(tmt), index=movers.index),
    }
    found = d["dest_found"].fillna(False).astype(bool)
    for column in POSITION_COLUMNS[3:]:
        if f"dest_{column}" not in d:
            continue
        old = pegawai.loc[movers.index, column] if column in pegawai else pd.NA
        values[column] = d[f"dest_{column}"].astype(object).where(found, old)
    parts = []
    for column, series in values.items():
        canonical = series.astype(object).where(series.notna(), None)
        shown = canonical
        if column in SPELLED and roster_text is not None and column in roster_text:
            spelled = _spelling(pegawai[column], roster_text[column])
            shown = canonical.map(lambda v, s=spelled: None if v is None else s.get(v, v.title()))
        parts.append(
            pd.DataFrame(
                {
                    "nip": movers["nip"],
                    "index": movers.index,
                    **{c: movers[c] for c in where},
                    "column": column,
                    "value": shown,
                    "canonical": canonical,
                }
            )
        )
    columns = ["nip", "index", *where, "column", "value", "canonical"]
    if not len(movers):
        return pd.DataFrame(columns=columns)
    edits = pd.concat(parts, ignore_index=True)[columns]
    for column in ("value", "canonical"):  # an empty cell is None, never NaN
        edits[column] = edits[column].astype(object).where(edits[column].notna(), None)
    return edits


def _roster(pegawai: pd.DataFrame, edits: pd.DataFrame) -> pd.DataFrame:
    """The roster with each mover in the new unit and position since the TMT; nothing else."""
    roster = pegawai.copy()
    for column, group in edits.groupby("column", sort=False):
        if column not in roster:
            continue
        values = pd.Series(group["canonical"].to_numpy(), index=group["index"].to_numpy())
        try:
            roster.loc[values.index, column] = values.astype(roster[column].dtype)
        except (TypeError, ValueError):
            roster.loc[values.index, column] = values
    return roster


def committee_record(review: Review, pegawai: pd.DataFrame, decided: date) -> pd.DataFrame:
    """The rejected and deferred rows with the committee's note, for the next round."""
    frame = review.frame
    kept = frame[frame["keputusan"].isin([REJECTED, DEFERRED]) & frame["nip"].notna()]
    nama = kept["nip"].map(full_name(pegawai).set_axis(pegawai["nip"]).groupby(level=0).first())
    return pd.DataFrame(
        {
            "nip": kept["nip"],
            "nama": nama.fillna(kept["nama"]),
            "unit_asal": kept["from_unit"],
            "jabatan_asal": kept["from_jabatan"],
            "unit_tujuan": kept["to_unit"],
            "jabatan_tujuan": kept["to_jabatan"],
            "keputusan": kept["keputusan"],
            "catatan": kept["catatan"],
            "tanggal_keputusan": pd.Series(pd.Timestamp(decided), index=kept.index),
        }
    ).reset_index(drop=True)


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
    lang: str = "id",
) -> dict[str, Any]:
    """The ``--json`` summary (DESIGN.md section 7): approved, rejected, deferred, conflicts,
    documents, and every issue (``code``, ``cell``, ``nip``, ``message``, ``severity``); with a
    result also the decree number, TMT, new history rows and the moves."""
    out: dict[str, Any] = {
        **review.counts(),
        "conflicts": count_conflicts(issues),
        "documents": documents,
        "issues": [
            {
                "code": i.code,
                "cell": i.cell,
                "nip": i.nip,
                "message": i.message(lang),
                "severity": i.level,
            }
            for i in issues
        ],
    }
    if result is not None:
        out |= {
            "nomor_sk": result.nomor_sk,
            "tmt": result.tmt.isoformat(),
            "history_added": result.history_added,
            "moves_detail": result.moves[list(DETAIL)].rename(columns=DETAIL).to_dict("records"),
        }
    return out
