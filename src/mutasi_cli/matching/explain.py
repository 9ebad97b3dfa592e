"""Why: every move, every seat left open, every candidate who stays; fairness and robustness.

All frames hold codes and numbers in canonical columns; :mod:`mutasi_cli.reports.propose` turns
them into sentences in the analyst's language.

* **Moves**: from -> to, the score and its weighted parts, the JPM % at the target and its
  pemetaan category, the talent box, the aspiration met, the hard rules (each "ok", or "na" where
  a side was unknown and the rule could not be checked), the seat filled (an open vacancy, or the
  seat a named mover left: the vacancy chain), the runner-up candidate for the seat and the
  runner-up seat for the person (best other eligible option by score), and whether the move
  survives every +-10 % change of a weight (``stable``; ``fragile_by`` names the changes that
  drop it).
* **Unfilled**: per position, the open vacancies left unfilled and the seats vacated by movers
  and not refilled, why (``no_eligible``: no candidate passed the hard rules; ``not_chosen``:
  eligible candidates scored better elsewhere or by staying, or a limit was reached) and how many
  candidates each pair rule excluded.
* **Not moved**: ``eligible_nowhere`` (with the rule that excluded most positions),
  ``stay_better`` (no move scores above staying) or ``outscored`` (a positive move existed, but
  the joint optimum or a limit gave the seat to others).
* **Fairness**: aspirations met (choice 1 / 2 / 3, moved elsewhere, not moved) among candidates
  who named one; candidates and moves by sex, age band and origin unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from mutasi_cli.matching.assign import Assignment, Problem
from mutasi_cli.matching.eligibility import PAIR_RULES
from mutasi_cli.matching.prepare import MAX_SEATS, col, floats
from mutasi_cli.matching.scoring import PARTS, Pairs
from mutasi_cli.rules.golongan import golongan_label
from mutasi_cli.rules.jpm import pemetaan_category
from mutasi_cli.rules.pendidikan import level_label
from mutasi_cli.rules.rotation import is_due
from mutasi_cli.settings import Settings

TOP = 3  # alternatives per move and kind by default ([propose] runner_ups)
AGE_BANDS = (0, 30, 40, 50, 200)
AGE_LABELS = ("<30", "30-39", "40-49", "50+")
UNKNOWN = "?"
MOVE_TEXT = (
    "nip",
    "nama",
    "from_unit",
    "from_jabatan",
    "to_unit",
    "to_jabatan",
    "jpm_category",
    "golongan",
    "pendidikan",
)
ASPIRATION_OUTCOMES = ("pilihan_1", "pilihan_2", "pilihan_3", "lain", "tidak_dipindah")
# The closed list of purposes a move may have (docs/propose-model.md).
PURPOSES = ("isi_formasi", "kurangi_kelebihan", "rotasi", "aspirasi", "talenta", "tunda")


@dataclass(frozen=True)
class Solved:
    """Everything the explanation needs from one run."""

    cands: pd.DataFrame  # row i is candidate i of the problem
    positions: pd.DataFrame
    pairs: Pairs
    problem: Problem
    assignment: Assignment
    score: np.ndarray  # (E,) with the configured weights
    weights: np.ndarray
    perturbations: list[tuple[str, float]]  # (part, factor) of each robustness re-solve
    survived: np.ndarray  # (E, len(perturbations)) bool: the pair is chosen in that re-solve
    per: date
    settings: Settings

    @property
    def chosen(self) -> np.ndarray:
        """Indices of the chosen pairs, by candidate (NIP order)."""
        move = self.assignment.move
        return move[move >= 0]

    @cached_property
    def alternative_pairs(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(top other candidates per moved-to position, top other positions per mover)."""
        return _alternative_pairs(self)


def _destination(s: Solved) -> np.ndarray:
    """Position each candidate moves to (-1: stays)."""
    move = s.assignment.move
    out = np.full(len(move), -1, np.int64)
    out[move >= 0] = s.pairs.col[move[move >= 0]]
    return out


def _take(frame: pd.DataFrame, index: np.ndarray, columns: list[str]) -> dict[str, np.ndarray]:
    return {c: frame[c].to_numpy()[index] for c in columns}


def _labels(values: np.ndarray, label) -> pd.Series:
    """Codes -> display labels through ``label`` (NA where the code is unknown)."""
    series = pd.Series(values, dtype="Float64")
    return series.map({v: label(int(v)) for v in series.dropna().unique()}).astype("string")


def _range_text(low: np.ndarray, high: np.ndarray) -> pd.Series:
    """ "III/b-III/d" from two golongan ids (NA when neither bound is set)."""
    lo, hi = _labels(low, golongan_label), _labels(high, golongan_label)
    return (lo.fillna("") + "-" + hi.fillna("")).mask(lo.isna() & hi.isna())


def _rule_states(s: Solved, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
    """Per move and pair rule: "ok", or "na" where the rule could not be checked."""
    c, p = s.cands, s.positions
    grade = np.isfinite(floats(col(c, "golongan_id", "Float64"))[rows]) & (
        np.isfinite(p["gmin"].to_numpy()[cols]) | np.isfinite(p["gmax"].to_numpy()[cols])
    )
    education = np.isfinite(floats(col(c, "pendidikan_level", "Float64"))[rows]) & np.isfinite(
        p["pmin"].to_numpy()[cols]
    )
    field = col(c, "jurusan").notna().to_numpy()[rows] & p["jurusan_req"].notna().to_numpy()[cols]
    family = c["family"].notna().to_numpy()[rows] & p["family"].notna().to_numpy()[cols]
    checked = {
        "golongan": grade,
        "pendidikan": education,
        "jurusan": field,
        "rumpun": family,
        "jabatan_sama": np.ones(len(rows), bool),
    }
    states = {f"rule_{k}": np.where(v, "ok", "na") for k, v in checked.items()}
    # The school level rule applies to teachers only ("-" elsewhere); "na" where a level is
    # unknown.
    guru = c["guru"].to_numpy(bool)[rows] & p["guru"].to_numpy(bool)[cols]
    levels = c["school"].notna().to_numpy()[rows] & p["school"].notna().to_numpy()[cols]
    states["rule_jenjang_sekolah"] = np.select([~guru, levels], ["-", "ok"], "na")
    return states


def _seats_taken(moves: pd.DataFrame, s: Solved) -> tuple[pd.Series, pd.Series]:
    """(NIP of the mover whose seat each move takes, seat id) - the vacancy chain.

    Follows the chain levels of the assignment (:func:`.assign.chain_levels`): a level-1
    newcomer takes an open vacancy, a level-(k+1) newcomer the seat a level-k leaver of its
    target left, a ring move the seat another ring move left; within a level lower NIPs pair
    first. A vacancy seat is "F:<unit> / <position> #k", a held seat "S:<NIP>".
    """
    level = s.assignment.level[moves["_row"].to_numpy()]
    home = s.problem.home[moves["_row"]]
    target = moves["_col"].to_numpy()
    swap = level == 0  # a swap partner went from the target to the mover's own position
    leavers = pd.DataFrame(
        {
            "_col": home,
            "level": level + (level > 0),
            "other": np.where(swap, target, -1),
            "nip": moves["nip"].to_numpy(),
        }
    )
    leavers["k"] = leavers.groupby(["_col", "level", "other"]).cumcount()
    wanted = pd.DataFrame({"_col": target, "level": level, "other": np.where(swap, home, -1)})
    wanted["k"] = wanted.groupby(["_col", "level", "other"]).cumcount()
    taken = wanted.merge(leavers, on=["_col", "level", "other", "k"], how="left")["nip"]
    fills = taken.astype("string").where(level != 1).set_axis(moves.index)
    arrival = moves.groupby("_col").cumcount().to_numpy()
    vacancy = (
        "F:" + moves["to_unit"] + " / " + moves["to_jabatan"] + " #" + (arrival + 1).astype(str)
    )
    seat = ("S:" + fills).fillna(vacancy.astype("string"))
    return fills, seat


def _chains(out: pd.DataFrame, level: np.ndarray) -> pd.DataFrame:
    """Chain id, place, length and ring flag of each move (moves with ``fills_nip``).

    A chain is the moves linked by seats taken: its head fills an open vacancy (place 1), the
    next takes the head's seat (place 2) and so on; a ring of swapped seats has no head (its
    places follow the NIP order). A move alone is no chain (id NA, length 1).
    """
    n = len(out)
    at = pd.Index(out["nip"].astype("string"))
    pred = at.get_indexer(out["fills_nip"].astype("string").fillna("\x00"))
    linked = pred >= 0
    graph = sparse.coo_matrix(
        (np.ones(int(linked.sum())), (np.flatnonzero(linked), pred[linked])), shape=(n, n)
    )
    _, label = connected_components(graph, directed=False) if n else (0, np.zeros(0, np.int64))
    size = np.bincount(label, minlength=n)[label] if n else np.zeros(0, np.int64)
    ring = level == 0
    chained = size >= 2
    first = pd.Series(np.arange(n)).groupby(label).transform("min")
    ids = first.where(chained).rank(method="dense").astype("Int64").to_numpy()
    order_in_ring = pd.Series(np.arange(n)).groupby(label).rank(method="first")
    place = np.where(ring, order_in_ring.to_numpy(np.int64), level)
    return pd.DataFrame(
        {
            "chain_id": pd.array(ids, dtype="Int64"),
            "chain_pos": pd.array(place, dtype="Int64"),
            "chain_len": size.astype(np.int64),
            "chain_swap": ring & chained,
        },
        index=out.index,
    )


def _purposes(out: pd.DataFrame, s: Solved, rows: np.ndarray, cols: np.ndarray) -> pd.DataFrame:
    """The purpose of each move (the closed list of :data:`PURPOSES`), the weighted worth of
    each, the main one (the largest), and the move's own score (without the seat it leaves)."""
    w = dict(zip(PARTS, s.weights, strict=True))
    parts = {p: s.pairs.part(p, s.chosen) for p in PARTS}
    relief = s.positions["relief"].to_numpy(float)
    home = s.problem.home[rows]
    from_surplus = np.where(home >= 0, relief[np.maximum(home, 0)], 0.0) * (
        ~s.positions["refill"].to_numpy(bool)[np.maximum(home, 0)]
    )
    worth = {
        "isi_formasi": w["vacancy"] * s.positions["priority"].to_numpy(float)[cols],
        "kurangi_kelebihan": w["vacancy"] * from_surplus,
        "aspirasi": w["aspiration"] * parts["aspiration"],
        "rotasi": w["rotation"] * parts["rotation"],
        "talenta": w["talent"] * parts["talent"],
        "tunda": w["carry_over"] * parts["carry_over"],
    }
    table = np.column_stack([worth[p] for p in PURPOSES]) if len(rows) else np.zeros((0, 6))
    level = s.assignment.level[rows]
    has = table > 1e-9
    # The main purpose, in the order of the closed list: an open vacancy taken (chain head),
    # a surplus relieved, then the mover's own reasons; a move with none of these fills the
    # seat another mover left (its chain ends in a vacancy filled).
    first = np.where(has[:, 1:].any(axis=1), has[:, 1:].argmax(axis=1) + 1, 0)
    main = np.array(PURPOSES, dtype=object)[np.where(level == 1, 0, first)]
    listed = pd.Series("", index=out.index, dtype="string")
    for k, p in enumerate(PURPOSES):  # a loop over the closed list of purposes
        listed = listed + np.where(table[:, k] > 1e-9, "," + p, "")
    hole = s.pairs.hole(s.chosen)
    return pd.DataFrame(
        {
            "purpose": pd.array(main, dtype="string"),
            "purposes": listed.str.removeprefix(","),
            "own_score": s.score[s.chosen] + w["vacancy"] * hole,
        },
        index=out.index,
    )


def _ranked(
    pairs: Pairs, score: np.ndarray, mask: np.ndarray, by_col: bool, top: int = TOP
) -> pd.DataFrame:
    """Top ``top`` of the ``mask`` pairs per position (``by_col``) or per candidate, by score.

    Ties go to the lower candidate (per position) or the lower position (per candidate). Each
    group's best is picked ``top`` times with grouped max/min (linear, no sort of all pairs);
    only the picks are sorted. The index is the pair's index.
    """
    index = np.flatnonzero(mask)
    group, other = (pairs.col, pairs.row) if by_col else (pairs.row, pairs.col)
    group, other, value = group[index], other[index], score[index]
    n_groups = int(group.max(initial=-1)) + 1
    left = value.copy()
    picked = np.zeros(len(index), bool)
    for _ in range(top):  # a pass per rank: the best remaining pair of every group
        best = np.full(n_groups, -np.inf)
        np.maximum.at(best, group, left)
        hit = (left == best[group]) & ~picked
        lowest = np.full(n_groups, np.iinfo(np.int64).max)
        np.minimum.at(lowest, group[hit], other[hit])
        hit &= other == lowest[group]
        picked |= hit
        left[hit] = -np.inf
    keep = np.flatnonzero(picked)
    keep = keep[np.lexsort((other[keep], -value[keep], group[keep]))]
    grouped = group[keep]
    at = np.arange(len(keep))
    starts = np.r_[True, grouped[1:] != grouped[:-1]] if len(keep) else np.zeros(0, bool)
    return pd.DataFrame(
        {
            "row": pairs.row[index[keep]],
            "col": pairs.col[index[keep]],
            "score": value[keep],
            "jpm": pairs.jpm[index[keep]],
            "rank": at - np.maximum.accumulate(np.where(starts, at, 0)) + 1,
        },
        index=index[keep],
    )


def _alternative_pairs(s: Solved) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(other candidates per moved-to position, other positions per mover) among eligible pairs.

    Computed once per run (:attr:`Solved.alternative_pairs`): moves and alternatives share it.
    """
    pairs = s.pairs
    others = np.ones(len(pairs.row), bool)
    others[s.chosen] = False
    moved_to = np.zeros(len(s.positions), bool)
    moved_to[pairs.col[s.chosen]] = True
    movers = np.zeros(len(s.cands), bool)
    movers[pairs.row[s.chosen]] = True
    top = max(s.settings.propose.runner_ups, 1)  # rank 1 is each move's runner-up
    by_seat = _ranked(pairs, s.score, others & moved_to[pairs.col], by_col=True, top=top)
    by_person = _ranked(pairs, s.score, others & movers[pairs.row], by_col=False, top=top)
    return by_seat, by_person


def moves(s: Solved) -> pd.DataFrame:
    """One row per proposed move (see the module docstring)."""
    e = s.chosen
    rows, cols = s.pairs.row[e], s.pairs.col[e]
    c = _take(s.cands, rows, ["nip", "nama", "unit_kerja", "jabatan"])
    p = _take(s.positions, cols, ["unit_kerja", "jabatan", "gmin", "gmax", "pmin"])
    weighted = s.pairs.parts(e) * s.weights
    rank = s.pairs.rank[e]
    out = pd.DataFrame(
        {
            "nip": c["nip"],
            "nama": c["nama"],
            "from_unit": c["unit_kerja"],
            "from_jabatan": c["jabatan"],
            "to_unit": p["unit_kerja"],
            "to_jabatan": p["jabatan"],
            "score": s.score[e],
            **{f"score_{part}": weighted[:, k] for k, part in enumerate(PARTS)},
            "jpm": s.pairs.jpm[e],
            "jpm_current": s.cands["jpm_current"].to_numpy(float, na_value=np.nan)[rows],
            "jpm_category": pemetaan_category(s.pairs.jpm[e], s.settings.jpm),
            "talent_box": s.cands["box"].array[rows],
            "aspiration_rank": pd.Series(rank, dtype="Int64").mask(rank == 0).array,
            "months": s.cands["months"].array[rows],
            "golongan": col(s.cands, "golongan").to_numpy(object)[rows],
            "golongan_range": _range_text(p["gmin"], p["gmax"]).array,
            "pendidikan": col(s.cands, "pendidikan").to_numpy(object)[rows],
            "pendidikan_min": _labels(p["pmin"], level_label).array,
            "rotation_due": is_due(s.cands["rotation"])[rows],
            "from_surplus": (s.cands["home_status"] == "lebih").fillna(False).to_numpy(bool)[rows],
            **_rule_states(s, rows, cols),
            "_row": rows,
            "_col": cols,
        }
    )
    fills, seat = _seats_taken(out, s)
    out["fills_nip"], out["seat"] = fills.to_numpy(), seat.to_numpy()
    out = out.join(_purposes(out, s, rows, cols))
    out = out.join(_chains(out, s.assignment.level[rows]))
    gain = out.groupby(out["chain_id"].fillna(-1))["score"].transform("sum")
    out["chain_gain"] = gain.where(out["chain_id"].notna(), out["score"])
    nxt = out[out["fills_nip"].notna()].set_index("fills_nip")["nip"]
    out["makes_room_for"] = pd.array(
        nxt.reindex(out["nip"].astype("string")).to_numpy(), dtype="string"
    )
    out = _with_stability(_with_runner_ups(out, s), s).drop(columns=["_row", "_col"])
    return out.astype({c: "string" for c in MOVE_TEXT})


def _with_runner_ups(out: pd.DataFrame, s: Solved) -> pd.DataFrame:
    by_seat, by_person = s.alternative_pairs
    first_seat = by_seat[by_seat["rank"] == 1].set_index("col")
    first_person = by_person[by_person["rank"] == 1].set_index("row")
    seat_row = first_seat["row"].reindex(out["_col"]).to_numpy()
    known = ~np.isnan(seat_row.astype(float))
    idx = np.where(known, seat_row, 0).astype(np.int64)
    nips = s.cands["nip"].to_numpy(object)
    out["runner_up_nip"] = pd.array(np.where(known, nips[idx], None), dtype="string")
    out["runner_up_score"] = first_seat["score"].reindex(out["_col"]).to_numpy()
    seat_col = first_person["col"].reindex(out["_row"]).to_numpy()
    has = ~np.isnan(seat_col.astype(float))
    pidx = np.where(has, seat_col, 0).astype(np.int64)
    for name, column in (("runner_up_unit", "unit_kerja"), ("runner_up_jabatan", "jabatan")):
        values = s.positions[column].to_numpy(object)
        out[name] = pd.array(np.where(has, values[pidx], None), dtype="string")
    out["runner_up_seat_score"] = first_person["score"].reindex(out["_row"]).to_numpy()
    return out


def _with_stability(out: pd.DataFrame, s: Solved) -> pd.DataFrame:
    kept = s.survived[s.chosen]
    labels = np.array([f"{part}:{factor:g}" for part, factor in s.perturbations], dtype=object)
    out["stable"] = kept.all(axis=1) if kept.shape[1] else pd.array([pd.NA] * len(out), "boolean")
    out["fragile_by"] = pd.array(
        [",".join(labels[~k]) or None for k in kept] if kept.shape[1] else [None] * len(out),
        dtype="string",
    )
    return out


def alternatives(s: Solved) -> pd.DataFrame:
    """Up to ``runner_ups`` other candidates for each move's seat and other seats for its
    person."""
    e = s.chosen
    by_seat, by_person = s.alternative_pairs
    move_of_col = pd.DataFrame({"col": s.pairs.col[e], "mover": s.pairs.row[e]})
    move_of_row = pd.DataFrame({"row": s.pairs.row[e], "mover": s.pairs.row[e]})
    seat = move_of_col.merge(by_seat, on="col").assign(kind="candidate")
    person = move_of_row.merge(by_person, on="row").assign(kind="seat")
    both = pd.concat([seat, person], ignore_index=True).sort_values(
        ["mover", "kind", "rank", "col"], kind="stable"
    )
    nips = s.cands["nip"].to_numpy(object)
    names = s.cands["nama"].to_numpy(object)
    target = _destination(s)
    alt_row = both["row"].to_numpy()
    moved = target[alt_row] >= 0
    result_col = np.maximum(target[alt_row], 0)
    units = s.positions["unit_kerja"].to_numpy(object)
    jabatan = s.positions["jabatan"].to_numpy(object)
    mover = both["mover"].to_numpy()
    mover_col = target[mover]
    candidate = both["kind"].to_numpy() == "candidate"
    return pd.DataFrame(
        {
            "nip": nips[mover],
            "nama": names[mover],
            "to_unit": units[mover_col],
            "to_jabatan": jabatan[mover_col],
            "kind": both["kind"].to_numpy(),
            "rank": both["rank"].to_numpy(),
            "alt_nip": np.where(candidate, nips[alt_row], None),
            "alt_nama": np.where(candidate, names[alt_row], None),
            "alt_unit": np.where(candidate, None, units[both["col"]]),
            "alt_jabatan": np.where(candidate, None, jabatan[both["col"]]),
            "alt_score": both["score"].to_numpy(),
            "alt_jpm": both["jpm"].to_numpy(),
            "alt_moved_unit": np.where(candidate & moved, units[result_col], None),
            "alt_moved_jabatan": np.where(candidate & moved, jabatan[result_col], None),
        }
    ).astype({c: "string" for c in ("nip", "nama", "to_unit", "to_jabatan", "kind")})


def _flow(s: Solved) -> tuple[np.ndarray, np.ndarray]:
    """(newcomers, leavers) per position."""
    e = s.chosen
    n_pos = len(s.positions)
    incoming = np.bincount(s.pairs.col[e], minlength=n_pos)
    home = s.problem.home[s.pairs.row[e]]
    leaving = np.bincount(home[home >= 0], minlength=n_pos)
    return incoming, leaving


def vacancy_counts(s: Solved) -> dict[str, np.ndarray]:
    """Per position: open vacancies, filled, left open, and seats vacated and not refilled."""
    incoming, leaving = _flow(s)
    pos = s.positions
    seats = pos["seats"].to_numpy()
    need = pos["kebutuhan"].to_numpy(float, na_value=np.nan)
    after = pos["bezetting_eff"].to_numpy(float) - leaving + incoming
    short = np.clip(need - after, 0, MAX_SEATS)  # an absurd need stays a count (prepare)
    open_after = np.where(np.isfinite(need), np.floor(short + 0.5), 0)
    filled = np.minimum(incoming, seats)
    remaining = seats - filled
    return {
        "seats": seats,
        "filled": filled,
        "remaining": remaining,
        "vacated": np.maximum(open_after - remaining, 0).astype(np.int64),
        "incoming": incoming,
        "leaving": leaving,
    }


def unfilled(s: Solved, declined: np.ndarray | None = None) -> pd.DataFrame:
    """One row per position and kind ("formasi" left open, "ditinggalkan" vacated).

    ``declined`` (per position): people who would fit but answered "tidak bersedia"; a seat
    with no eligible candidate but such people gets the reason ``declined``.
    """
    counts = vacancy_counts(s)
    pos = s.positions
    eligible = np.bincount(s.pairs.col, minlength=len(pos))
    declined = np.zeros(len(pos), np.int64) if declined is None else declined
    base = pd.DataFrame(
        {
            "unit_kerja": pos["unit_kerja"],
            "jabatan": pos["jabatan"],
            "kebutuhan": pos["kebutuhan"],
            "bezetting": pos["bezetting"],
            "eligible": eligible,
            "reason": np.select(
                [(eligible == 0) & (declined > 0), eligible == 0],
                ["declined", "no_eligible"],
                "not_chosen",
            ),
            "declined": declined,
            "candidates": len(s.cands),
            **{f"failed_{r}": s.pairs.failed_by_position[k] for k, r in enumerate(PAIR_RULES)},
        }
    )
    kinds = [("formasi", "remaining"), ("ditinggalkan", "vacated")]
    parts = [
        base.assign(kind=kind, open=counts[key], filled=counts["filled"] * (kind == "formasi"))[
            counts[key] > 0
        ]
        for kind, key in kinds
    ]
    out = pd.concat(parts, ignore_index=True)
    first = ["unit_kerja", "jabatan", "kind", "kebutuhan", "bezetting", "open", "filled"]
    return out[first + [c for c in out.columns if c not in first]].astype({"kind": "string"})


def _best_per_row(row: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    """Per candidate the index of its best pair (the first of equal scores), -1 for none."""
    top = np.full(n, -np.inf)
    np.maximum.at(top, row, score)
    hit = np.flatnonzero(score == top[row])
    none = len(score)
    best = np.full(n, none, np.int64)
    np.minimum.at(best, row[hit], hit)
    return np.where(best == none, -1, best)


def not_moved(s: Solved) -> pd.DataFrame:
    """Candidates who stay, with why and their best option."""
    n = len(s.cands)
    stays = np.flatnonzero(s.assignment.move < 0)
    best = _best_per_row(s.pairs.row, s.score, n)
    b = best[stays]
    has = b >= 0
    best_score = np.where(has, s.score[np.maximum(b, 0)] if len(s.score) else 0.0, np.nan)
    col = s.pairs.col[np.maximum(b, 0)] if len(s.score) else np.zeros(len(b), np.int64)
    failed = s.pairs.failed_by_candidate[:, stays]
    top_rule = np.array(PAIR_RULES, dtype=object)[failed.argmax(axis=0)] if len(stays) else []
    c = s.cands
    no_vacancy = int(s.positions["seats"].sum()) == 0
    due = is_due(c["rotation"])[stays]
    units = s.positions["unit_kerja"].to_numpy(object)
    names = s.positions["jabatan"].to_numpy(object)
    return pd.DataFrame(
        {
            "nip": c["nip"].to_numpy(object)[stays],
            "nama": c["nama"].to_numpy(object)[stays],
            "unit_kerja": c["unit_kerja"].to_numpy(object)[stays],
            "jabatan": c["jabatan"].to_numpy(object)[stays],
            "reason": np.select(
                [np.full(len(stays), no_vacancy), ~has, best_score <= 0],
                ["no_vacancy", "eligible_nowhere", "stay_better"],
                "outscored",
            ),
            "top_rule": np.where(has | (failed.sum(axis=0) == 0), None, top_rule),
            "eligible": np.bincount(s.pairs.row, minlength=n)[stays],
            "best_score": best_score,
            "best_unit": np.where(has, units[col], None),
            "best_jabatan": np.where(has, names[col], None),
            "rotation_due": due,
        }
    ).astype({c: "string" for c in ("nip", "nama", "unit_kerja", "jabatan", "reason", "top_rule")})


def _age_band(born: pd.Series, per: date) -> pd.Series:
    years = (pd.Timestamp(per) - pd.to_datetime(born)).dt.days / 365.25
    band = pd.cut(years, AGE_BANDS, right=False, labels=AGE_LABELS)
    return band.astype("string").fillna(UNKNOWN)


def _by_group(dimension: str, group: pd.Series, moved: np.ndarray) -> pd.DataFrame:
    table = pd.Series(moved).groupby(group.to_numpy()).agg(["size", "sum"])
    return pd.DataFrame(
        {
            "dimension": dimension,
            "group": table.index.astype(str),
            "candidates": table["size"].to_numpy(),
            "moves": table["sum"].to_numpy(),
        }
    )


def fairness(s: Solved) -> pd.DataFrame:
    """Long table: dimension, group, candidates, moves, share (moves / candidates).

    For ``aspirasi`` the candidates are everyone who named a choice and each group is an outcome.
    """
    c = s.cands
    moved = s.assignment.move >= 0
    rank = np.zeros(len(moved), np.int8)
    rank[moved] = s.pairs.rank[s.assignment.move[moved]]
    asked = c["asked"].to_numpy(bool)
    named = np.char.add("pilihan_", rank.astype(str))
    outcome = pd.Series(np.select([~moved, rank == 0], ["tidak_dipindah", "lain"], named))[asked]
    counts = outcome.value_counts().reindex(ASPIRATION_OUTCOMES, fill_value=0)
    aspiration = pd.DataFrame(
        {
            "dimension": "aspirasi",
            "group": ASPIRATION_OUTCOMES,
            "candidates": int(asked.sum()),
            "moves": counts.to_numpy(),
        }
    )
    out = pd.concat(
        [
            aspiration,
            _by_group("jenis_kelamin", col(c, "jenis_kelamin").fillna(UNKNOWN), moved),
            _by_group("usia", _age_band(col(c, "tanggal_lahir", "datetime64[ns]"), s.per), moved),
            _by_group("unit_asal", col(c, "unit_kerja").fillna(UNKNOWN), moved),
        ],
        ignore_index=True,
    )
    out["share"] = out["moves"] / out["candidates"].clip(lower=1)
    return out.astype({"dimension": "string", "group": "string"})


def robustness(s: Solved) -> pd.DataFrame:
    """Per re-solve (weight x factor): moves, and how many of the proposal's moves it dropped."""
    kept = s.survived[s.chosen]
    chosen = np.zeros(len(s.pairs.row), bool)
    chosen[s.chosen] = True
    return pd.DataFrame(
        {
            "part": [p for p, _ in s.perturbations],
            "factor": [f for _, f in s.perturbations],
            "moves": s.survived.sum(axis=0),
            "kept": kept.sum(axis=0),
            "dropped": (~kept).sum(axis=0),
            "added": (s.survived & ~chosen[:, None]).sum(axis=0),
        }
    ).astype({"part": "string"})
