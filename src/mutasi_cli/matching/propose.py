"""The core of `mutasi propose`: candidates, seats, eligible pairs, the optimum and its reasons.

Steps (each in its own module): positions and people with their codes (:mod:`.prepare`); who
may be moved and who is considered (:mod:`.eligibility`); the eligible pairs and their score
parts (:mod:`.scoring`); the joint optimum with vacancy chains (:mod:`.assign`); robustness
re-solves with each weight at ``1 -+ robustness_delta``; the explanations (:mod:`.explain`).

Bad input is reported, not fatal, where the run can go on: duplicated NIPs (the first row by
source row is used), aspiration NIPs not in the roster, choices naming no unit or position of the
map, competency columns no position has a standard for. A map with no open vacancy gives an
empty proposal marked ``nothing_to_propose``. A blackout date and compulsory moves that cannot
all be made within the limits raise :class:`~mutasi_cli.errors.MutasiError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.issues import Issue
from mutasi_cli.matching import explain
from mutasi_cli.matching.assign import Assignment, Problem, solve
from mutasi_cli.matching.checks import input_issues
from mutasi_cli.matching.eligibility import EXCLUSIONS, blackout_window, exclusions, in_scope
from mutasi_cli.matching.jpt import jpt_sheet
from mutasi_cli.matching.prepare import (
    CHOICES,
    KEYS,
    add_seats,
    arrays,
    col,
    people_frame,
    positions_frame,
    retiring_per_position,
)
from mutasi_cli.matching.scoring import PARTS, WEIGHT_FIELDS, Pairs, build_pairs, weights
from mutasi_cli.memory import release_freed_memory
from mutasi_cli.rules.rotation import is_due
from mutasi_cli.rules.skp import annual_predikat
from mutasi_cli.schema import name_key
from mutasi_cli.settings import Settings


@dataclass(frozen=True)
class ProposalResult:
    """Frames with canonical columns (see :mod:`.explain`) and the run's counts."""

    per: date
    scope: str
    max_moves: int | None
    outflow_cap: int | None
    moves: pd.DataFrame
    unfilled: pd.DataFrame
    not_moved: pd.DataFrame
    excluded: pd.DataFrame
    alternatives: pd.DataFrame
    fairness: pd.DataFrame
    robustness: pd.DataFrame
    parameters: pd.DataFrame  # key, value
    counts: dict[str, Any]
    settings: Settings
    issues: list[Issue] = field(default_factory=list)
    # People in scope who fail the performance requirement (nip .. jabatan, detail, asked).
    ineligible: pd.DataFrame = field(default_factory=pd.DataFrame)
    # JPT vacancies and overdue JPT holders with a ranked shortlist (never in the move list).
    jpt: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The election blackout window the reference date lies in, if any.
    blackout: tuple[date, date] | None = None

    @property
    def nothing_to_propose(self) -> bool:
        return bool(self.counts["nothing_to_propose"])

    def summary(self) -> dict[str, Any]:
        """The --json summary (DESIGN.md section 7 keys first), JSON-safe."""
        detail = self.moves[
            [
                "nip",
                "from_unit",
                "from_jabatan",
                "to_unit",
                "to_jabatan",
                "score",
                "jpm",
                "purpose",
                "chain_id",
                "chain_pos",
            ]
        ]
        return {
            **{k: _json(v) for k, v in self.counts.items()},
            "per": self.per.isoformat(),
            "scope": self.scope,
            "max_moves": self.max_moves,
            "warnings": len(self.issues),
            "moves_detail": [
                {k: _json(v) for k, v in row.items()}
                for row in detail.astype(object).to_dict("records")
            ],
        }


def _json(value: Any) -> Any:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, 6)
    return value


# ---- the run ------------------------------------------------------------------------------


def _check_limits(max_moves: int | None, settings: Settings) -> None:
    cap = settings.propose.outflow_cap_per_unit
    if max_moves is not None and max_moves < 0:
        raise UsageError.of("propose.error.negative_max_moves", max_moves=max_moves)
    if cap is not None and cap < 0:
        raise UsageError.of("propose.error.negative_cap", cap=cap)


def _excluded(people: pd.DataFrame, flags: pd.DataFrame, considered: pd.Series) -> pd.DataFrame:
    """People in scope who may never be moved, with every reason that applies."""
    out = people.loc[considered & flags.any(axis=1)]
    codes = pd.Series("", index=out.index, dtype="string")
    for code in EXCLUSIONS:  # every reason, in the catalogue's order: "masa_jabatan,jpt"
        codes = codes + np.where(flags.loc[out.index, code], "," + code, "")
    return pd.DataFrame(
        {
            "nip": out["nip"],
            "nama": out["nama"],
            "unit_kerja": out["unit_kerja"],
            "jabatan": out["jabatan"],
            "reasons": codes.str.removeprefix(","),
            "months": out["months"],
            "tmt_pensiun": out["tmt_pensiun"],
            "talent_box": out["box"],
            "skp_detail": out["skp_detail"].where(flags.loc[out.index, "skp"]),
        }
    ).reset_index(drop=True)


def _robustness(
    problem: Problem,
    pairs: Pairs,
    w: np.ndarray,
    n: int,
    settings: Settings,
    limits: dict,
    chain_milp: bool = False,
) -> tuple[list[tuple[str, float]], np.ndarray]:
    """Re-solve with each weight x (1 -+ delta); (perturbations, pair chosen in each re-solve).

    Only weights that are not 0 and parts that some pair has; with ``chain_milp`` (the main
    solve needed the chain-limited integer program) only up to
    ``robustness_max_chain_candidates``.
    """
    cfg = settings.propose
    limit = cfg.robustness_max_chain_candidates if chain_milp else cfg.robustness_max_candidates
    if n > limit or cfg.robustness_delta <= 0:
        return [], np.zeros((len(pairs.row), 0), bool)
    present = pairs.present()
    runs = [
        (p, f)
        for k, p in enumerate(PARTS)
        if w[k] != 0 and present[k]
        for f in (1 - cfg.robustness_delta, 1 + cfg.robustness_delta)
    ]
    survived = np.zeros((len(pairs.row), len(runs)), bool)
    for j, (part, factor) in enumerate(runs):
        changed = w.copy()
        changed[PARTS.index(part)] *= factor
        move = solve(problem, pairs.score(changed), **limits).move
        survived[move[move >= 0], j] = True
    return runs, survived


def _parameters(
    settings: Settings, per: date, scope: str, max_moves, method: str, runs
) -> pd.DataFrame:
    cfg = settings.propose
    rows: list[tuple[str, Any]] = [
        ("per", per.isoformat()),
        ("scope", scope),
        ("max_moves", max_moves),
        ("outflow_cap_per_unit", cfg.outflow_cap_per_unit),
        ("solver", method),
        ("robustness_runs", len(runs)),
        *((WEIGHT_FIELDS[p], getattr(cfg, WEIGHT_FIELDS[p])) for p in PARTS),
        ("aspiration_points", ", ".join(f"{x:g}" for x in cfg.aspiration_points)),
        ("robustness_delta", cfg.robustness_delta),
        ("min_months", settings.rotation.min_months),
        ("max_months", settings.rotation.max_months),
        ("exclude_pppk", cfg.exclude_pppk),
        ("block_active_sanction", cfg.block_active_sanction),
        ("bup_protect_months", cfg.bup_protect_months),
        ("exclude_talent_box_1", cfg.exclude_talent_box_1),
        ("unwilling_excluded_unless_due", cfg.unwilling_excluded_unless_due),
        ("jpt_protect_months", cfg.jpt_protect_months),
        ("move_cost", cfg.move_cost),
        ("fit_min_jpm", cfg.fit_min_jpm),
        ("max_chain_length", cfg.max_chain_length),
        ("allow_displacement", cfg.allow_displacement),
        ("respect_unwilling", cfg.respect_unwilling),
        ("min_predikat", f"{cfg.min_predikat} x {cfg.min_predikat_years}"),
        ("exclude_jpt", cfg.exclude_jpt),
        ("guru_same_level", cfg.guru_same_level),
        ("pelaksana_groups", cfg.pelaksana_groups),
        ("reject_cooldown_months", cfg.reject_cooldown_months),
        ("rotation_compulsory", cfg.rotation_compulsory),
        ("include_retirement_slots", cfg.include_retirement_slots),
        ("retirement_horizon_months", cfg.retirement_horizon_months),
        ("blackout", "; ".join(cfg.blackout)),
        ("jpm_cap_total", settings.jpm.cap_total),
        ("jpm_cap_per_item", settings.jpm.cap_per_item),
    ]
    return pd.DataFrame(
        {"key": [k for k, _ in rows], "value": [("" if v is None else str(v)) for _, v in rows]}
    ).astype("string")


def _close_positions(positions: pd.DataFrame, blackout: bool, settings: Settings) -> pd.DataFrame:
    """JPT posts (``exclude_jpt``) and, in a blackout, every structural post take nobody.

    Their open seats move to ``closed_seats`` (JPT vacancies go to the JPT sheet) and do not
    count as vacancies of this round.
    """
    jenis = col(positions, "jenis_jabatan").str.casefold()
    closed = (positions["jpt"] & settings.propose.exclude_jpt) | (
        (jenis == "struktural").fillna(False).to_numpy(bool) & blackout
    )
    closed = np.asarray(closed, bool)
    return positions.assign(
        closed=closed,
        closed_seats=np.where(closed, positions["seats"], 0),
        seats=np.where(closed, 0, positions["seats"]),
        refill=positions["refill"].to_numpy(bool) & ~closed,
    )


def _carry_keys(
    carry_over: pd.DataFrame | None,
    cands: pd.DataFrame,
    positions: pd.DataFrame,
    per: date,
    settings: Settings,
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Pair keys (row * positions + col) of the committee's deferred and rejected moves."""
    if carry_over is None or carry_over.empty:
        return None, None
    rows = pd.Index(cands["nip"].astype("string")).get_indexer(carry_over["nip"].astype("string"))
    cols = pd.MultiIndex.from_frame(positions[KEYS]).get_indexer(
        pd.MultiIndex.from_arrays(
            [name_key(carry_over["unit_tujuan"]), name_key(carry_over["jabatan_tujuan"])]
        )
    )
    known = (rows >= 0) & (cols >= 0)
    key = rows.astype(np.int64) * len(positions) + cols
    decision = carry_over["keputusan"].astype("string").str.casefold().to_numpy(object)
    since = pd.Timestamp(per) - pd.DateOffset(months=settings.propose.reject_cooldown_months)
    decided = pd.to_datetime(carry_over["tanggal_keputusan"])
    recent = (decided.isna() | (decided >= since)).to_numpy(bool)
    deferred = key[known & (decision == "tunda")]
    rejected = key[known & (decision == "tolak") & recent]
    return np.unique(deferred), np.unique(rejected)


def _declined(
    people: pd.DataFrame, flags: pd.DataFrame, positions: pd.DataFrame, settings: Settings, a
) -> np.ndarray:
    """Per position: people who would fit but answered "tidak bersedia" (and nothing else)."""
    only = flags["tidak_bersedia"] & ~flags.drop(columns="tidak_bersedia").any(axis=1)
    who = people[only.to_numpy(bool)].reset_index(drop=True)
    if who.empty or int(positions["seats"].sum()) == 0:
        return np.zeros(len(positions), np.int64)
    pairs = build_pairs(arrays(who, positions, settings), settings)
    return np.bincount(pairs.col, minlength=len(positions))


def _ineligible(people: pd.DataFrame, flags: pd.DataFrame, considered: pd.Series) -> pd.DataFrame:
    """People in scope who fail the performance requirement, with their annual predikat."""
    out = people.loc[considered & flags["skp"]]
    return pd.DataFrame(
        {
            "nip": out["nip"],
            "nama": out["nama"],
            "unit_kerja": out["unit_kerja"],
            "jabatan": out["jabatan"],
            "reason": "skp",
            "detail": out["skp_detail"],
            "asked": out["asked"].to_numpy(bool),
            "rotation_due": is_due(out["rotation"]),
        }
    ).reset_index(drop=True)


def _stuck_issues(nips: pd.Series) -> list[Issue]:
    """One warning per compulsory mover (rotation due, ``rotation_compulsory``) that no open
    position is eligible for: they stay this round."""
    return [Issue(code="propose-compulsory-no-seat", nip=nip, value=nip) for nip in nips]


def propose(
    pegawai: pd.DataFrame,
    jabatan: pd.DataFrame,
    *,
    beban_kerja: pd.DataFrame | None = None,
    kompetensi: pd.DataFrame | None = None,
    aspirasi: pd.DataFrame | None = None,
    kinerja: pd.DataFrame | None = None,
    carry_over: pd.DataFrame | None = None,
    per: date,
    scope: str = "default",
    max_moves: int | None = None,
    settings: Settings,
) -> ProposalResult:
    """The optimal set of transfers with a reason for each (see the package modules).

    ``kinerja``: performance records; their annual predikat (:func:`annual_predikat`) drives the
    talent box and the performance requirement. ``carry_over``: the committee record of the
    last round (``keputusan`` table): deferred moves come back first, rejected ones stay out.
    """
    window = blackout_window(per, settings)
    _check_limits(max_moves, settings)
    annual = None if kinerja is None else annual_predikat(kinerja, settings)
    positions = positions_frame(pegawai, jabatan, beban_kerja, settings)
    people = people_frame(pegawai, positions, kompetensi, aspirasi, per, settings, annual)
    flags = exclusions(people, per, settings)
    considered = in_scope(people, scope)
    if carry_over is not None and not carry_over.empty:
        deferred = carry_over["keputusan"].astype("string").str.casefold() == "tunda"
        considered |= people["nip"].isin(carry_over.loc[deferred.fillna(False), "nip"])
    people["candidate"] = considered & ~flags.any(axis=1)
    retiring = retiring_per_position(people, len(positions), per, settings)
    positions = add_seats(positions, retiring)
    positions["bezetting_eff"] = positions["bezetting"].to_numpy(np.int64) - retiring.to_numpy()
    positions = _close_positions(positions, window is not None, settings)
    cands = people[people["candidate"]].reset_index(drop=True)
    frames = {
        "pegawai": pegawai,
        "jabatan": jabatan,
        "kompetensi": kompetensi,
        "aspirasi": aspirasi,
    }
    issues = input_issues(frames, people, positions)
    a = arrays(cands, positions, settings)
    nothing = int(positions["seats"].sum()) == 0 or cands.empty
    deferred_keys, rejected_keys = _carry_keys(carry_over, cands, positions, per, settings)
    pairs = (
        Pairs.empty(len(cands), len(positions))
        if nothing
        else build_pairs(a, settings, deferred_keys, rejected_keys)
    )
    release_freed_memory()  # the chunks' heap (as large as the pairs at province size)
    cfg = settings.propose
    compulsory = is_due(cands["rotation"]) & cfg.rotation_compulsory
    # A compulsory mover no open position is eligible for stays (the solver leaves anyone
    # without an eligible move where they are): named in a warning, for the committee.
    stuck = compulsory & (np.bincount(pairs.row, minlength=len(cands)) == 0)
    issues = [*issues, *_stuck_issues(cands.loc[stuck, "nip"])]
    problem = Problem(
        home=a.home,
        seats=positions["seats"].to_numpy(np.int64),
        refill=positions["refill"].to_numpy(bool),
        row=pairs.row,
        col=pairs.col,
        must_move=compulsory,
        unit=a.unit,
    )
    w = weights(cfg)
    limits = {
        "max_moves": max_moves,
        "outflow_cap": cfg.outflow_cap_per_unit,
        "max_chain": cfg.max_chain_length,
        "time_limit": cfg.solver_time_limit_seconds or None,
    }
    score = pairs.score(w)
    assignment: Assignment = solve(problem, score, **limits)
    release_freed_memory()
    chain_milp = "milp-chain" in assignment.method
    runs, survived = _robustness(problem, pairs, w, len(cands), settings, limits, chain_milp)
    solved = explain.Solved(
        cands=cands,
        positions=positions,
        pairs=pairs,
        problem=problem,
        assignment=assignment,
        score=score,
        weights=w,
        perturbations=runs,
        survived=survived,
        per=per,
        settings=settings,
    )
    moves = explain.moves(solved)
    vac = explain.vacancy_counts(solved)
    chains = moves.loc[moves["chain_id"].notna()].groupby("chain_id")
    counts = {
        "candidates": len(cands),
        "slots": int(vac["seats"].sum()) + len(cands),
        "moves": len(moves),
        "vacancies": int(vac["seats"].sum()),
        "vacancies_filled": int(vac["filled"].sum()),
        "vacancies_open": int(vac["remaining"].sum()),
        "vacancies_created": int(vac["vacated"].sum()),
        "objective": float(assignment.objective),
        "excluded": 0,
        "not_moved": len(cands) - len(moves),
        "stable": int(moves["stable"].sum()) if runs else None,
        "fragile": int((~moves["stable"].astype(bool)).sum()) if runs else None,
        "aspirations_met": {str(k): int((moves["aspiration_rank"] == k).sum()) for k in CHOICES},
        "purposes": {k: int(v) for k, v in moves["purpose"].value_counts().items()},
        "chains": int(chains.ngroups),
        "chain_moves": int(chains.size().sum()) if chains.ngroups else 0,
        "longest_chain": int(moves["chain_len"].max()) if len(moves) else 0,
        "swaps": int(moves.loc[moves["chain_swap"], "chain_id"].nunique()),
        "ineligible": int((considered & flags["skp"]).sum()),
        "jpt_closed_seats": int(positions.loc[positions["jpt"], "closed_seats"].sum()),
        "solver": assignment.method,
        "nothing_to_propose": nothing,
        # 0.0: proven optimal; above 0: stopped at solver_time_limit_seconds, at most this far
        # below the optimum (warning propose-solver-time-limit)
        "optimality_gap": float(assignment.gap),
    }
    if assignment.gap > 0:
        issues = [
            *issues,
            Issue(
                code="propose-solver-time-limit",
                params={
                    "seconds": f"{cfg.solver_time_limit_seconds:g}",
                    "gap": f"{assignment.gap:.4f}",
                    "objective": f"{assignment.objective:.4f}",
                },
            ),
        ]
    excluded = _excluded(people, flags, considered)
    counts["excluded"] = len(excluded)
    return ProposalResult(
        per=per,
        scope=scope,
        max_moves=max_moves,
        outflow_cap=cfg.outflow_cap_per_unit,
        moves=moves,
        unfilled=explain.unfilled(solved, _declined(people, flags, positions, settings, a)),
        not_moved=explain.not_moved(solved),
        excluded=excluded,
        alternatives=explain.alternatives(solved),
        fairness=explain.fairness(solved),
        robustness=explain.robustness(solved),
        parameters=_parameters(settings, per, scope, max_moves, assignment.method, runs),
        counts=counts,
        settings=settings,
        issues=issues,
        ineligible=_ineligible(people, flags, considered),
        jpt=jpt_sheet(people, positions, per, settings) if cfg.exclude_jpt else pd.DataFrame(),
        blackout=window,
    )
