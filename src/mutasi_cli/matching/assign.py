"""The joint optimal assignment of candidates to seats, with the option to stay and vacancy chains.

**Formulation.** Every candidate who has at least one eligible move is a row and must take
exactly one seat. A position ``p`` offers ``seats[p]`` open vacancy seats plus one seat per
candidate holding it. A candidate may sit in any seat of their own position (staying, score 0,
forbidden when ``must_move``) or in any seat of a position they are eligible for (the pair's
score); a seat held by a candidate is open to someone else only where ``refill[p]`` (a position
not in surplus: moving out of a surplus position leaves no vacancy). Counting seats gives the
chain rule for free: a newcomer can only take a held seat once its holder has moved, so "X
leaves S for V, Y takes S" is solved in one run. The objective is the total score of the moves.

Position-level, with ``x[i, p]`` = 1 when candidate i moves to p and ``s[i]`` = 1 when i stays::

    max  sum score[i, p] x[i, p]
    s.t. sum_p x[i, p] + s[i] = 1                                  every candidate
         sum_i x[i, p] + sum_{i holds p} s[i] <= seats[p] + holders[p]   every position
         sum_i x[i, p] <= seats[p]                                 positions without refill
         sum x <= max_moves;  sum_{i from unit u} x[i, p] <= cap   side constraints

**Solvers.**

* Without side constraints the seats are expanded (every seat of a position has the same score)
  and the rectangular assignment is solved exactly. The graph falls apart into independent job
  families, so each connected component is solved on its own: with
  :func:`scipy.optimize.linear_sum_assignment` on a dense matrix (forbidden pairs ``-inf``; a
  forbidden pair in the result is impossible, checked) when it fits in :data:`DENSE_CELLS` and at
  least :data:`DENSE_SHARE` of its cells are allowed; otherwise with the sparse LAPJVsp solver
  (:func:`scipy.sparse.csgraph.min_weight_full_bipartite_matching`) on the allowed edges only,
  which is also exact and much faster on sparse seat graphs. Its weights are shifted to be at
  least 1 (every row is matched exactly once, so a shift leaves the optimum unchanged): csgraph
  drops stored zeros (MEASUREMENTS.md gotcha 9), and a stay scoring 0 must not vanish. Staying is
  always an edge, so a full matching exists unless compulsory moves cannot all be seated; that
  is checked and reported. No edge is pruned: top-k pruning loses optimality here (chains use
  low-ranked moves).
* A component with more than :data:`FLOW_EDGES` seat edges (a big job family: 20,000
  candidates give one of ~9,000 rows and ~30 million seat edges) is solved on the position level
  as a min-cost flow (OR-Tools ``SimpleMinCostFlow``): the seats of a position are
  interchangeable, so they become one arc to the sink with the position's capacity (vacancies
  plus holders where refillable, else vacancies, a holder's stay then going straight to the
  sink), and each candidate has one arc per eligible position and one for staying. This is the
  program above without side constraints, a network with integer capacities, so the optimal
  flow is integral and is the seat assignment exactly, with about 5x fewer arcs. OR-Tools takes
  integer costs: the values are scaled as finely as its int64 range allows (a step of about
  1e-13 at that size: finer than the tie-breaker's step between two candidates, ``TIE / n``, but
  not its step between two positions of one candidate, ``TIE / (n * positions)``); an
  infeasible flow is the same report as a missing full matching. Between exactly equal
  optima (two people swapping equal seats) any solver may pick either: the total is the same.
* With ``max_moves`` or an outflow cap the position-level program above is solved with
  :func:`scipy.optimize.milp` (HiGHS branch and bound, relative gap 0, integrality checked). An
  assignment with a global and per-unit budget is no longer a pure network problem (a unit cap
  counts moves of different people, so it cannot be a node capacity), so min-cost flow would not
  be exact; the LP relaxation is nearly integral and HiGHS solves it quickly at city sizes.
* With ``max_chain`` the optimum above is solved first; where it holds a chain longer than the
  limit (or a ring that is not a two-seat swap) that component is re-solved as the layered
  program of :func:`_solve_layered` (move e as link k of a chain). Without side constraints this
  is done by column generation (:func:`_solve_layered_priced`): the LP relaxation on a few
  columns (the unlimited optimum, each candidate's and each position's best moves) in one
  HiGHS instance that keeps its basis as columns join (highspy), every other column priced
  with its duals, until none prices below HiGHS's dual tolerance or a Lagrangian bound proves
  that no column left out can add more than 1e-6 (HiGHS's own absolute MIP gap; relative 1e-7
  at province sizes). Pricing is partial between full passes: a pool of the columns that
  priced lowest at the last full pass is priced until it has nothing left; only a full pass
  may stop the search. The relaxation is nearly always integral, and an integral LP optimum is
  the integer optimum; a fractional one is solved as an integer program on the LP's columns
  plus every column whose reduced cost could still pay (reduced-cost fixing), else by HiGHS
  branch and bound on the whole program (:func:`_integral_lp_first`): exact either way.
  ``time_limit`` stops the pricing with the plan found so far and its proven gap
  (:attr:`Assignment.gap`), which the caller reports.

**Determinism.** Rows come sorted by NIP and positions by key. Each move's score loses a tiny
tie-breaker ``TIE * (1 + rank)``, where the rank orders (candidate, position) pairs: of two equal
options the lower NIP, then the lower position key wins, and an exact tie between moving and
staying keeps the candidate where they are.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from mutasi_cli.errors import MutasiError

TIE = 1e-7
DENSE_CELLS = 40_000_000  # about 320 MB as float64
DENSE_SHARE = 0.5  # below this share of allowed seat cells the sparse solver is faster
_PRICE_SEED = 3  # column generation starts from each candidate's and target's best moves
_PRICE_ENTER = 10  # columns per candidate that join in a pricing round
_PRICE_ROUNDS = 100  # pricing rounds before falling back to the full layered program
_PRICE_FIX_GROWTH = 10  # a fractional relaxation: fixing may add at most this many times the LP
_PRICE_POOL = 20  # partial pricing: columns per candidate priced between two full passes
_BLOCK = 1 << 16  # entries priced at a time: temporaries stay in cache, never N-sized
log = logging.getLogger(__name__)  # each pricing round at DEBUG (mutasi --log)
# Pricing stops when the columns left out could add at most this much to the relaxation: the
# gaps HiGHS's branch and bound accepts as optimal (mip_abs_gap 1e-6, and a relative 1e-7, the
# size of the LP's own tolerances summed over tens of thousands of candidates), or when no
# column prices below HiGHS's dual feasibility tolerance (the LP is then optimal as HiGHS
# defines it).
_PRICE_GAP = 1e-6
_PRICE_REL_GAP = 1e-7
_DUAL_TOL = 1e-7
FLOW_EDGES = 1_000_000  # above this many seat edges the position-level flow is faster
_FLOW_COST_RANGE = 2.0**60  # integer costs times (nodes + 1) must stay inside int64


@dataclass(frozen=True)
class Problem:
    """Candidates (rows, sorted by NIP), positions (sorted by key) and the eligible moves."""

    home: np.ndarray  # (n,) position each candidate holds; -1: a position outside the map
    seats: np.ndarray  # (P,) open vacancy seats
    refill: np.ndarray  # (P,) bool: a held seat may pass to someone else when its holder moves
    row: np.ndarray  # (E,) candidate of each eligible move
    col: np.ndarray  # (E,) target position of each eligible move
    must_move: np.ndarray  # (n,) bool: staying is not an option (compulsory rotation)
    unit: np.ndarray  # (n,) origin unit code, for the outflow cap


@dataclass(frozen=True)
class Assignment:
    move: np.ndarray  # (n,) index of the chosen eligible move, -1 where the candidate stays
    objective: float  # total score of the moves
    method: str  # the solvers used, "+"-joined: "lsa-dense", "lsa-sparse", "flow"; "milp"; "none"
    # (n,) place of each move in its vacancy chain (1 takes an open vacancy, k+1 the seat a
    # level-k mover left), 0 for a move in a ring of seat swaps, -1 where the candidate stays.
    level: np.ndarray | None = None
    # Proven bound on how far ``objective`` may be below the optimum: 0.0 when exact; above 0
    # only when the chain-limited solve stopped at ``time_limit`` (see :func:`solve`).
    gap: float = 0.0


@dataclass(frozen=True)
class _Seats:
    """The problem with candidates outside the map given a private pseudo position each."""

    home: np.ndarray
    seats: np.ndarray
    refill: np.ndarray
    movable: np.ndarray  # rows with at least one eligible move
    must: np.ndarray  # movable rows that may not stay

    @property
    def n_pos(self) -> int:
        return len(self.seats)


def _seats(problem: Problem) -> _Seats:
    n, n_pos = len(problem.home), len(problem.seats)
    outside = problem.home < 0
    home = problem.home.copy()
    home[outside] = n_pos + np.arange(outside.sum())
    extra = int(outside.sum())
    movable = np.zeros(n, bool)
    movable[problem.row] = True
    return _Seats(
        home=home,
        seats=np.concatenate([problem.seats, np.zeros(extra, np.int64)]).astype(np.int64),
        refill=np.concatenate([problem.refill, np.zeros(extra, bool)]),
        movable=movable,
        must=problem.must_move & movable,
    )


def solve(
    problem: Problem,
    score: np.ndarray,
    *,
    max_moves: int | None = None,
    outflow_cap: int | None = None,
    max_chain: int | None = None,
    time_limit: float | None = None,
) -> Assignment:
    """The optimal assignment for the pair scores ``score`` (see the module docstring).

    ``max_chain``: no vacancy chain longer than this many moves. The network (or MILP) optimum
    is solved first; its chains are laid out level by level (:func:`chain_levels`), and only
    when one is longer the layered program :func:`_solve_layered` is solved -- the first
    optimum is then an upper bound, so either way the result is the exact optimum under the
    limit. Raises :class:`MutasiError` when compulsory moves cannot all be made.

    ``time_limit`` (seconds, None or 0: none) bounds the column generation of the chain-limited
    solve: past it, a plan whose restricted relaxation is integral is returned with its proven
    gap (:attr:`Assignment.gap`, never silently: the caller reports it). Otherwise exact.
    """
    deadline = time.monotonic() + time_limit if time_limit else None
    n = len(problem.home)
    if len(problem.row) == 0:
        return Assignment(np.full(n, -1, np.int64), 0.0, "none", np.full(n, -1, np.int64))
    s = _seats(problem)
    rank = (problem.row * s.n_pos + problem.col) / (n * s.n_pos)
    value = score - TIE * (1.0 + rank)
    del rank  # one float per pair: at province size not kept through the solve
    label = None
    if max_moves is None and outflow_cap is None:
        label = _components(problem, s)
        chosen, method = _solve_lsa(problem, s, value, label)
    else:
        chosen, method = _solve_milp(problem, s, value, max_moves, outflow_cap)
    move = np.full(n, -1, np.int64)
    move[problem.row[chosen]] = chosen
    level = chain_levels(problem, move)
    too_long = level.max(initial=0) > max_chain if max_chain is not None else False
    if max_chain is not None and (too_long or not rings_are_swaps(problem, move, level)):
        chosen, level, gap = _limit_chains(
            problem, s, value, move, level, max_moves, outflow_cap, max_chain, deadline, label
        )
        method += "+milp-chain"
        move = np.full(n, -1, np.int64)
        move[problem.row[chosen]] = chosen
        return Assignment(move, float(score[chosen].sum()), method, level, gap)
    return Assignment(move, float(score[chosen].sum()), method, level)


def _limit_chains(
    problem: Problem,
    s: _Seats,
    value: np.ndarray,
    move: np.ndarray,
    level: np.ndarray,
    max_moves: int | None,
    outflow_cap: int | None,
    max_chain: int,
    deadline: float | None = None,
    label: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Re-solve with the chain limit where a chain is too long: (chosen moves, levels, gap).
    ``label``: the components of :func:`_components`, when already known.

    Without side constraints the components (job families) are independent, so only the
    components holding a too-long chain are re-solved (:func:`_solve_layered`); the others keep
    their optimum. With a move budget or an outflow cap the whole program is re-solved.
    """
    if max_moves is not None or outflow_cap is not None:
        chosen, fixed = _solve_layered(problem, s, value, max_moves, outflow_cap, max_chain)
        move = np.full(len(problem.home), -1, np.int64)
        move[problem.row[chosen]] = chosen
        return chosen, chain_levels(problem, move, fixed), 0.0
    label = _components(problem, s) if label is None else label
    bad = np.unique(label[level > max_chain])
    for lab in np.unique(label[(level == 0)]):  # components whose rings are not all swaps
        inside = label == lab
        if not rings_are_swaps(problem, np.where(inside, move, -1), level):
            bad = np.union1d(bad, [lab])
    in_bad = np.isin(label, bad)
    keep = move[(move >= 0) & ~in_bad]
    rows = np.flatnonzero(in_bad)
    pairs = np.flatnonzero(in_bad[problem.row])
    sub = _subproblem(problem, rows, pairs)
    sub_value = value[pairs]
    sub_s = _seats(sub)
    # The movers' moves in the sub-problem's numbering (``pairs`` is sorted and holds them).
    sub_move = np.where(move[rows] >= 0, np.searchsorted(pairs, np.maximum(move[rows], 0)), -1)
    sub_level = level[rows]
    kept = (sub_move >= 0) & (sub_level >= 1) & (sub_level <= max_chain)
    start = sub_move[sub_move >= 0]
    priced = _solve_layered_priced(sub, sub_s, sub_value, max_chain, start, deadline)
    if priced is not None:
        sub_chosen, sub_fixed, gap = priced
        fixed = level.copy()
        fixed[rows] = sub_fixed
        chosen = np.sort(np.concatenate([keep, pairs[sub_chosen]]))
        move = np.full(len(problem.home), -1, np.int64)
        move[problem.row[chosen]] = chosen
        return chosen, chain_levels(problem, move, fixed), gap
    if not (sub.must_move & (sub_move >= 0) & ~kept).any():
        # The old optimum with its chains cut is feasible: a bound for reduced-cost fixing.
        useful = _reduced_cost_keep(sub, sub_s, sub_value, float(sub_value[sub_move[kept]].sum()))
        pairs, sub_value = pairs[useful], sub_value[useful]
        sub = dataclasses.replace(sub, row=sub.row[useful], col=sub.col[useful])
        sub_s = _seats(sub)
    fixed = level.copy()
    fixed[rows] = -1
    chosen = [keep]
    # Without side constraints the pruned program falls apart into independent components.
    comp = _components(sub, sub_s)
    movable = np.flatnonzero(sub_s.movable)
    labels = np.unique(comp[movable])
    groups = zip(_split(comp[movable], labels), _split(comp[sub.row], labels), strict=True)
    for comp_rows, comp_pairs in groups:
        part_rows = movable[comp_rows]
        part = _subproblem(sub, part_rows, comp_pairs)
        part_chosen, part_fixed = _solve_layered(
            part, _seats(part), sub_value[comp_pairs], None, None, max_chain
        )
        chosen.append(pairs[comp_pairs[part_chosen]])
        fixed[rows[part_rows]] = part_fixed
    chosen = np.sort(np.concatenate(chosen))
    move = np.full(len(problem.home), -1, np.int64)
    move[problem.row[chosen]] = chosen
    return chosen, chain_levels(problem, move, fixed), 0.0


def _subproblem(problem: Problem, rows: np.ndarray, pairs: np.ndarray) -> Problem:
    """The candidates ``rows`` (sorted) with the eligible moves ``pairs`` (all of their rows)."""
    local = np.full(len(problem.home), -1, np.int64)
    local[rows] = np.arange(len(rows))
    return Problem(
        home=problem.home[rows],
        seats=problem.seats,
        refill=problem.refill,
        row=local[problem.row[pairs]],
        col=problem.col[pairs],
        must_move=problem.must_move[rows],
        unit=problem.unit[rows],
    )


# ---- vacancy chains ---------------------------------------------------------------------


def chain_levels(problem: Problem, move: np.ndarray, fixed: np.ndarray | None = None) -> np.ndarray:
    """Place of each candidate's move in its vacancy chain (see :class:`Assignment.level`).

    Newcomers to a position take its open vacancies first (level 1, lowest candidate first),
    then the seats its leavers of level k left (level k + 1), level by level; newcomers left
    over sit in rings of swapped seats (0). ``fixed`` (per candidate) imposes the levels a
    layered solve chose instead of the greedy ones.
    """
    n = len(problem.home)
    level = np.full(n, -1, np.int64)
    movers = np.flatnonzero(move >= 0)
    if not len(movers):
        return level
    s = _seats(problem)
    target = problem.col[move[movers]]
    home = s.home[movers]
    level[movers] = 0
    order = np.lexsort((movers, target))
    movers, target, home = movers[order], target[order], home[order]
    open_seats = s.seats.astype(np.int64).copy()
    for k in range(1, len(movers) + 1):  # a loop over chain levels, not rows
        waiting = level[movers] == 0
        if fixed is not None:
            waiting &= fixed[movers] == k
        left = np.zeros(0, np.int64)
        if waiting.any():
            take = _rank_within(target[waiting]) < open_seats[target[waiting]]
            level[movers[waiting][take]] = k
            left = home[waiting][take]
        open_seats = np.where(s.refill, np.bincount(left, minlength=s.n_pos), 0)
        if not len(left) and (fixed is None or not (fixed[movers] > k).any()):
            break
    return level


def _rank_within(groups: np.ndarray) -> np.ndarray:
    """0, 1, 2 ... within each run of equal, sorted ``groups``."""
    if not len(groups):
        return groups
    starts = np.r_[True, groups[1:] != groups[:-1]]
    at = np.arange(len(groups))
    return at - np.maximum.accumulate(np.where(starts, at, 0))


# ---- assignment by component -----------------------------------------------------------------


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for every count c, concatenated."""
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


def _components(problem: Problem, s: _Seats) -> np.ndarray:
    """Component label of every row (the graph of candidates, positions, moves and homes)."""
    n = len(problem.home)
    rows = np.flatnonzero(s.movable)
    a = np.concatenate([problem.row, rows])
    b = n + np.concatenate([problem.col, s.home[rows]])
    size = n + s.n_pos
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(size, size))
    return connected_components(graph, directed=False)[1][:n]


def _split(keys: np.ndarray, labels: np.ndarray) -> list[np.ndarray]:
    """Indices of ``keys`` grouped by each of the sorted ``labels``."""
    order = np.argsort(keys, kind="stable")
    return np.split(order, np.searchsorted(keys[order], labels[1:]))


def _solve_lsa(
    problem: Problem, s: _Seats, value: np.ndarray, label: np.ndarray
) -> tuple[np.ndarray, str]:
    """The chosen moves (sorted) and the solvers used; ``label``: :func:`_components`."""
    rows = np.flatnonzero(s.movable)
    labels = np.unique(label[rows])
    chosen, methods = [], set()
    groups = zip(_split(label[rows], labels), _split(label[problem.row], labels), strict=True)
    for comp_rows, comp_pairs in groups:  # one independent assignment per component
        moves, method = _component(problem, s, value, rows[comp_rows], comp_pairs)
        methods.add(method)
        chosen.append(moves)
    return np.sort(np.concatenate(chosen)), "+".join(sorted(methods))


@dataclass(frozen=True)
class _Layout:
    """One component as seats: each position's columns are its vacancies, then its holders'."""

    positions: np.ndarray  # global index of each local position
    local_row: np.ndarray  # per pair
    local_pos: np.ndarray  # per pair
    local_home: np.ndarray  # per row
    vacant: np.ndarray  # per position
    width: np.ndarray  # per position: vacancies + holders
    refill: np.ndarray  # per position
    stay: np.ndarray  # per row: 0, or -inf where the row must move

    @property
    def start(self) -> np.ndarray:
        return np.cumsum(self.width) - self.width

    @property
    def col_pos(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.positions)), self.width)

    def move_counts(self) -> np.ndarray:
        """Seat columns each pair reaches: the vacancies, plus the held seats where refillable."""
        held = (self.width - self.vacant) * self.refill
        return (self.vacant + held)[self.local_pos]

    def stay_counts(self) -> np.ndarray:
        return np.where(np.isfinite(self.stay), self.width[self.local_home], 0)


def _layout(problem: Problem, s: _Seats, rows: np.ndarray, pairs: np.ndarray) -> _Layout:
    positions = np.unique(np.concatenate([problem.col[pairs], s.home[rows]]))
    local_home = np.searchsorted(positions, s.home[rows])
    vacant = s.seats[positions]
    return _Layout(
        positions=positions,
        local_row=np.searchsorted(rows, problem.row[pairs]),
        local_pos=np.searchsorted(positions, problem.col[pairs]),
        local_home=local_home,
        vacant=vacant,
        width=vacant + np.bincount(local_home, minlength=len(positions)),
        refill=s.refill[positions],
        stay=np.where(s.must[rows], -np.inf, 0.0),
    )


def _component(
    problem: Problem, s: _Seats, value: np.ndarray, rows: np.ndarray, pairs: np.ndarray
) -> tuple[np.ndarray, str]:
    """Solve one component: (the moves chosen, indices into the problem's pairs; method).

    Dense when the seat matrix fits and is not mostly forbidden, else sparse.
    """
    layout = _layout(problem, s, rows, pairs)
    cells = len(rows) * int(layout.width.sum())
    edges = int(layout.move_counts().sum() + layout.stay_counts().sum())
    dense = cells <= DENSE_CELLS and edges >= DENSE_SHARE * cells
    if not dense and edges > FLOW_EDGES:
        return pairs[_flow(layout, value[pairs])], "flow"
    if dense:
        ri, ci = _dense(layout, value[pairs])
        method = "lsa-dense"
    else:
        ri, ci = _sparse(layout, value[pairs])
        method = "lsa-sparse"
    taken = layout.col_pos[ci]
    moved = taken != layout.local_home[ri]
    # The pair of each (row, position) taken: a lookup on the component's own pairs.
    width = len(layout.positions)
    keys = layout.local_row * width + layout.local_pos
    order = np.argsort(keys, kind="stable")
    found = np.searchsorted(keys[order], ri[moved] * width + taken[moved])
    return pairs[order[found]], method


def _dense(layout: _Layout, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dense seat matrix and its exact assignment (forbidden = -inf, checked after solving)."""
    n_rows = len(layout.local_home)
    by_position = np.full((n_rows, len(layout.positions)), -np.inf)
    by_position[layout.local_row, layout.local_pos] = score
    by_position[np.arange(n_rows), layout.local_home] = layout.stay
    col_pos = layout.col_pos
    held = _ranges(layout.width) >= layout.vacant[col_pos]
    matrix = by_position[:, col_pos]
    closed = held & ~layout.refill[col_pos]  # a held seat that may not pass on: its holders only
    if closed.any():
        own = layout.local_home[:, None] == col_pos[closed][None, :]
        matrix[:, closed] = np.where(own, matrix[:, closed], -np.inf)
    try:
        ri, ci = linear_sum_assignment(matrix, maximize=True)
    except ValueError:
        raise _infeasible(int(np.isinf(layout.stay).sum()), None, None) from None
    if not np.isfinite(matrix[ri, ci]).all():  # pragma: no cover - scipy guarantees this
        raise RuntimeError("linear_sum_assignment returned a forbidden pair")
    return ri, ci


def _sparse(layout: _Layout, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LAPJVsp on the allowed edges only, weights shifted to >= 1 (zeros would vanish)."""
    n_rows = len(layout.local_home)
    counts, home_counts = layout.move_counts(), layout.stay_counts()
    start = layout.start
    edge_row = np.concatenate(
        [np.repeat(layout.local_row, counts), np.repeat(np.arange(n_rows), home_counts)]
    )
    edge_col = np.concatenate(
        [
            np.repeat(start[layout.local_pos], counts) + _ranges(counts),
            np.repeat(start[layout.local_home], home_counts) + _ranges(home_counts),
        ]
    )
    weight = np.concatenate([np.repeat(score, counts), np.zeros(home_counts.sum())])
    graph = sparse.csr_matrix(
        (weight - weight.min(initial=0.0) + 1.0, (edge_row, edge_col)),
        shape=(n_rows, int(layout.width.sum())),
    )
    try:
        return min_weight_full_bipartite_matching(graph, maximize=True)
    except ValueError:  # no full matching: compulsory moves that cannot all be seated
        raise _infeasible(int(np.isinf(layout.stay).sum()), None, None) from None


def _flow(layout: _Layout, score: np.ndarray) -> np.ndarray:
    """Min-cost flow on the position level: the moves (indices into ``score``) taken.

    Row -> position arcs (capacity 1) for the moves and the stay, position -> sink arcs with
    the seats a position offers: vacancies + holders where refillable (a held seat passes on
    once its holder moves), else vacancies only, with the stay of a holder going straight to
    the sink. Integer capacities make the optimal flow integral, so this is the seat
    assignment exactly, with one arc per (row, position) instead of one per (row, seat). Costs
    are integers: the values scaled as finely as OR-Tools' int64 cost range allows.
    """
    from ortools.graph.python import min_cost_flow

    n_rows, n_pos = len(layout.local_home), len(layout.positions)
    sink = n_rows + n_pos
    holders = layout.width - layout.vacant
    stays = np.flatnonzero(np.isfinite(layout.stay))
    stay_refill = layout.refill[layout.local_home[stays]]
    nodes = sink + 1
    scale = _FLOW_COST_RANGE / (nodes + 1) / max(float(np.abs(score).max(initial=0.0)), 1.0)
    flow = min_cost_flow.SimpleMinCostFlow()
    # The arcs are built straight in OR-Tools' types and dropped once it holds its copy: at
    # province size (tens of millions of arcs) they would otherwise sit beside its graph
    # through the solve, the run's peak.
    cost = np.zeros(len(score) + len(stays) + n_pos, np.int64)
    np.rint(score * -scale, out=cost[: len(score)], casting="unsafe")
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([layout.local_row, stays, n_rows + np.arange(n_pos)], dtype=np.int32),
        np.concatenate(
            [
                n_rows + layout.local_pos,
                np.where(stay_refill, n_rows + layout.local_home[stays], sink),
                np.full(n_pos, sink),
            ],
            dtype=np.int32,
        ),
        np.concatenate(
            [np.ones(len(score) + len(stays), np.int64), layout.vacant + holders * layout.refill]
        ),
        cost,
    )
    del cost
    supply = np.concatenate([np.ones(n_rows, np.int64), np.zeros(n_pos, np.int64), [-n_rows]])
    flow.set_nodes_supplies(np.arange(nodes, dtype=np.int32), supply)
    status = flow.solve()
    if status == flow.INFEASIBLE:  # compulsory moves that cannot all be seated
        raise _infeasible(int(np.isinf(layout.stay).sum()), None, None)
    if status != flow.OPTIMAL:  # pragma: no cover - costs and capacities are in range
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return np.flatnonzero(flow.flows(np.arange(len(score), dtype=np.int32)) > 0)


# ---- side constraints: integer program ------------------------------------------------------


def _seat_program(
    problem: Problem,
    s: _Seats,
    value: np.ndarray,
    max_moves: int | None,
    outflow_cap: int | None,
) -> tuple[np.ndarray, list[LinearConstraint], Bounds]:
    """The position-level program of the module docstring: (cost to minimise, constraints,
    bounds); variables are the moves, then one stay per movable candidate."""
    n_moves = len(value)
    rows = np.flatnonzero(s.movable)
    local = np.full(len(problem.home), -1)
    local[rows] = np.arange(len(rows))
    stay_var = n_moves + np.arange(len(rows))
    n_var = n_moves + len(rows)
    blocks: list[tuple[np.ndarray, np.ndarray, int, np.ndarray, np.ndarray]] = []

    def add(con_row: np.ndarray, var: np.ndarray, n_con: int, lb, ub) -> None:
        blocks.append((con_row, var, n_con, np.broadcast_to(lb, n_con), np.broadcast_to(ub, n_con)))

    moves = np.arange(n_moves)
    add(
        np.concatenate([local[problem.row], np.arange(len(rows))]),
        np.concatenate([moves, stay_var]),
        len(rows),
        1,
        1,
    )
    targets = np.unique(problem.col)
    at = np.searchsorted(targets, problem.col)
    holds = np.isin(s.home[rows], targets)
    holders = np.bincount(s.home[rows], minlength=s.n_pos)[targets]
    add(
        np.concatenate([at, np.searchsorted(targets, s.home[rows][holds])]),
        np.concatenate([moves, stay_var[holds]]),
        len(targets),
        -np.inf,
        s.seats[targets] + holders,
    )
    closed = ~s.refill[targets]
    if closed.any():
        keep = closed[at]
        add(
            np.searchsorted(np.flatnonzero(closed), at[keep]),
            moves[keep],
            int(closed.sum()),
            -np.inf,
            s.seats[targets][closed],
        )
    if max_moves is not None:
        add(np.zeros(n_moves, np.int64), moves, 1, -np.inf, max_moves)
    if outflow_cap is not None:
        units, unit_of_move = np.unique(problem.unit[problem.row], return_inverse=True)
        add(unit_of_move, moves, len(units), -np.inf, outflow_cap)
    constraints = []
    for con_row, var, n_con, lb, ub in blocks:
        matrix = sparse.csr_matrix((np.ones(len(var)), (con_row, var)), shape=(n_con, n_var))
        constraints.append(LinearConstraint(matrix, lb, ub))
    upper = np.concatenate([np.ones(n_moves), np.where(s.must[rows], 0.0, 1.0)])
    return np.concatenate([-value, np.zeros(len(rows))]), constraints, Bounds(0, upper)


def _solve_milp(
    problem: Problem,
    s: _Seats,
    value: np.ndarray,
    max_moves: int | None,
    outflow_cap: int | None,
) -> tuple[np.ndarray, str]:
    n_moves = len(value)
    cost, constraints, bounds = _seat_program(problem, s, value, max_moves, outflow_cap)
    result = milp(
        cost,
        integrality=np.ones(len(cost)),
        bounds=bounds,
        constraints=constraints,
        options={"mip_rel_gap": 0.0},
    )
    if result.status == 2 or result.x is None:
        raise _infeasible(int(s.must.sum()), max_moves, outflow_cap)
    x = result.x
    if np.abs(x - np.round(x)).max() > 1e-6:  # pragma: no cover - HiGHS returns integers
        raise RuntimeError("milp returned a fractional assignment")
    return np.flatnonzero(np.round(x[:n_moves]) == 1), "milp"


def _reduced_cost_keep(
    problem: Problem, s: _Seats, value: np.ndarray, lower_bound: float
) -> np.ndarray:
    """Moves that may still be in an optimum of value >= ``lower_bound`` (reduced-cost fixing).

    The seat program without the chain limit is a relaxation; its LP optimum ``UB`` and the
    reduced cost ``d`` of a move at 0 bound every solution using that move by ``UB - d``. A move
    with ``UB - d < lower_bound`` is in no optimum of the limited program: left out. Exact.
    """
    from scipy.optimize import linprog

    cost, constraints, bounds = _seat_program(problem, s, value, None, None)
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for con in constraints:
        lb, ub = np.asarray(con.lb, float), np.asarray(con.ub, float)
        eq = lb == ub
        if eq.any():
            a_eq.append(con.A[np.flatnonzero(eq)])
            b_eq.append(ub[eq])
        finite = ~eq & np.isfinite(ub)
        if finite.any():
            a_ub.append(con.A[np.flatnonzero(finite)])
            b_ub.append(ub[finite])
    result = linprog(
        cost,
        A_ub=sparse.vstack(a_ub) if a_ub else None,
        b_ub=np.concatenate(b_ub) if b_ub else None,
        A_eq=sparse.vstack(a_eq) if a_eq else None,
        b_eq=np.concatenate(b_eq) if b_eq else None,
        bounds=list(zip(bounds.lb, bounds.ub, strict=True)),
        method="highs",
    )
    n_moves = len(value)
    if result.status != 0:  # pragma: no cover - the relaxation of a feasible program
        return np.ones(n_moves, bool)
    upper = -float(result.fun)
    reduced = np.asarray(result.lower.marginals, float)[:n_moves]
    at_zero = result.x[:n_moves] < 0.5
    slack = 1e-7 * max(1.0, abs(upper))
    return ~at_zero | (upper - reduced >= lower_bound - slack)


def _swap_pairs(problem: Problem, s: _Seats, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eligible moves (e, f) that swap two seats: e goes from p to q, f from q to p, both
    positions refillable; each unordered pair once (e < f), sorted.

    Only swaps worth more than both people staying (``value[e] + value[f] > 0``), or with a
    compulsory mover in them: any other swap is beaten by the two stays, so it is in no optimum
    (exact). A move joins the search only when the best move back between the same two
    positions can lift it above 0; at province size that leaves a few thousand of millions.
    One sort brings both directions between two positions together (key: the lower position,
    the higher, then the direction), so the best move back is the neighbouring run's maximum.
    """
    home = s.home[problem.row]
    e = np.flatnonzero(s.refill[problem.col] & s.refill[home])
    if not len(e):
        return e, e
    h, c = home[e], problem.col[e]
    key = (np.minimum(h, c) * s.n_pos + np.maximum(h, c)) * 2 + (h > c)
    order = np.argsort(key)
    e, key = e[order], key[order]
    del h, c, order
    must = problem.must_move[problem.row[e]]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])  # one run per (pair, direction)
    best = np.maximum.reduceat(np.where(must, np.inf, value[e]), starts)
    run_key = key[starts]
    del key
    # The run of the other direction is the next one (lower to higher first) when present.
    forward = np.flatnonzero((run_key[:-1] % 2 == 0) & (run_key[1:] == run_key[:-1] + 1))
    partner = np.full(len(starts), -1)
    partner[forward], partner[forward + 1] = forward + 1, forward
    run_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(e)]))
    best_back = np.where(partner >= 0, best[np.maximum(partner, 0)], -np.inf)[run_of]
    useful = np.flatnonzero((partner[run_of] >= 0) & (must | (value[e] + best_back > 0)))
    # Every useful move of a forward run against every useful move of its partner run.
    count = np.bincount(run_of[useful], minlength=len(starts))
    offset = np.cumsum(count) - count  # where each run's useful moves start in ``useful``
    ahead = useful[(run_key[run_of[useful]] % 2 == 0)]
    back = partner[run_of[ahead]]
    first = np.repeat(ahead, count[back])
    second = useful[np.repeat(offset[back], count[back]) + _ranges(count[back])]
    keep = (value[e[first]] + value[e[second]] > 0) | must[first] | must[second]
    a, b = e[first[keep]], e[second[keep]]
    a, b = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((b, a))
    return a[order], b[order]


def _solve_layered(
    problem: Problem,
    s: _Seats,
    value: np.ndarray,
    max_moves: int | None,
    outflow_cap: int | None,
    max_chain: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The optimum with every vacancy chain at most ``max_chain`` moves (MILP, HiGHS, gap 0).

    Variables ``x[e, k]``: move e as link k of a chain (k = 1..max_chain); ``z[e, f]``: the
    moves e and f swap their two seats; ``stay[i]``. Link 1 takes an open vacancy of its
    target; link k+1 the seat a link-k mover left at its target (refillable positions only). A
    seat is otherwise never passed on, so longer rings of seat swaps cannot form. This is the
    seat program of the module docstring with every seat path cut to ``max_chain`` links and
    every ring to a swap: exact for that model. Returns (chosen moves, level per candidate:
    1..max_chain, 0 for a swap).
    """
    n_e, n_cand = len(value), len(problem.home)
    rows = np.flatnonzero(s.movable)
    local = np.full(n_cand, -1)
    local[rows] = np.arange(len(rows))
    first, second = _swap_pairs(problem, s, value)
    n_x, n_z = n_e * max_chain, len(first)
    n_var = n_x + n_z + len(rows)
    z_var = n_x + np.arange(n_z)
    stay_var = n_x + n_z + np.arange(len(rows))
    e = np.arange(n_e)
    mover_home = s.home[problem.row]
    targets = np.unique(problem.col)
    at = np.searchsorted(targets, problem.col)
    from_target = np.isin(mover_home, targets)
    left_at = np.searchsorted(targets, mover_home[from_target])
    blocks: list[LinearConstraint] = []

    def add(con: np.ndarray, var: np.ndarray, coef: np.ndarray, n_con: int, lb, ub) -> None:
        matrix = sparse.csr_matrix((coef, (con, var)), shape=(n_con, n_var))
        blocks.append(LinearConstraint(matrix, lb, ub))

    links = np.concatenate([e + k * n_e for k in range(max_chain)])
    person = np.concatenate(
        [
            np.tile(local[problem.row], max_chain),
            local[problem.row[first]],
            local[problem.row[second]],
            np.arange(len(rows)),
        ]
    )
    every = np.concatenate([links, z_var, z_var, stay_var])
    add(person, every, np.ones(len(every)), len(rows), 1, 1)
    add(at, e, np.ones(n_e), len(targets), -np.inf, s.seats[targets])
    for k in range(1, max_chain):  # link k+1 takes a seat a link-k mover left at its target
        add(
            np.concatenate([at, left_at]),
            np.concatenate([e + k * n_e, e[from_target] + (k - 1) * n_e]),
            np.concatenate([np.ones(n_e), -np.ones(int(from_target.sum()))]),
            len(targets),
            -np.inf,
            0,
        )
    moves = np.concatenate([links, z_var, z_var])
    if max_moves is not None:
        add(np.zeros(len(moves), np.int64), moves, np.ones(len(moves)), 1, -np.inf, max_moves)
    if outflow_cap is not None:
        units, unit_of_move = np.unique(problem.unit[problem.row], return_inverse=True)
        owner = np.concatenate(
            [np.tile(unit_of_move, max_chain), unit_of_move[first], unit_of_move[second]]
        )
        add(owner, moves, np.ones(len(moves)), len(units), -np.inf, outflow_cap)
    upper = np.ones(n_var)
    upper[:n_x] = _layer_allowed(problem, s, value, max_chain).ravel()
    upper[stay_var] = np.where(s.must[rows], 0.0, 1.0)
    cost = np.concatenate(
        [-np.tile(value, max_chain), -(value[first] + value[second]), np.zeros(len(rows))]
    )
    result = _integral_lp_first(cost, Bounds(0, upper), blocks)
    if result.status == 2 or result.x is None:
        raise _infeasible(int(s.must.sum()), max_moves, outflow_cap)
    x = np.round(result.x[:n_x]).reshape(max_chain, n_e)
    z = np.round(result.x[n_x : n_x + n_z]) == 1
    linked = np.flatnonzero(x.sum(axis=0) == 1)
    swapped = np.concatenate([first[z], second[z]])
    chosen = np.sort(np.concatenate([linked, swapped]))
    fixed = np.full(n_cand, -1, np.int64)
    fixed[problem.row[linked]] = x[:, linked].argmax(axis=0) + 1
    fixed[problem.row[swapped]] = 0
    return chosen, fixed


def _in_swaps(problem: Problem, move: np.ndarray, level: np.ndarray) -> np.ndarray:
    """Per candidate: a ring move (level 0) from p to q with as many ring moves back from q to
    p (the ring is a set of two-seat swaps there)."""
    ring = np.flatnonzero((level == 0) & (move >= 0))
    out = np.zeros(len(problem.home), bool)
    if not len(ring):
        return out
    n_pos = len(problem.seats) + len(problem.home) + 1
    home = np.where(problem.home[ring] < 0, n_pos - 1, problem.home[ring])
    target = problem.col[move[ring]]
    there = home * n_pos + target
    back = target * n_pos + home
    keys, counts = np.unique(there, return_counts=True)
    at = np.searchsorted(keys, back).clip(max=len(keys) - 1)
    back_count = np.where(keys[at] == back, counts[at], 0)
    out[ring] = back_count == counts[np.searchsorted(keys, there)]
    return out


def _layer_allowed(problem: Problem, s: _Seats, value: np.ndarray, max_chain: int) -> np.ndarray:
    """(max_chain, moves) bool: move e may be link k + 1 of a chain. None of these bounds cuts
    an optimum of the layered program."""
    n_e = len(value)
    allowed = np.ones((max_chain, n_e), bool)
    mover_home = s.home[problem.row]
    allowed[1:, ~s.refill[problem.col]] = False  # a surplus or closed target: open vacancies only
    # A move that loses value is worth making only when its seat passes on: never as the last
    # link, nor from a seat nobody may take, unless the mover may not stay.
    losing = (value < 0) & ~problem.must_move[problem.row]
    allowed[max_chain - 1, losing] = False
    allowed[:, losing & ~s.refill[mover_home]] = False
    # Link k can only take a seat where a chain can reach at level k: level 1 needs an open
    # vacancy, level k+1 a holder of the target who can move to a level-k position.
    reach = s.seats > 0
    for k in range(max_chain):
        allowed[k, ~reach[problem.col]] = False
        source = reach[problem.col] & s.refill[mover_home]
        reach = np.zeros(s.n_pos, bool)
        reach[mover_home[source]] = True
    return allowed


def _quiet_highs():
    """A silent ``highspy.Highs``: its constructor prints a banner on the process's standard
    output before any option can be set (HiGHS issue #2749), which would corrupt ``--json``.
    File descriptor 1 points at the null device for the construction only."""
    import highspy

    if sys.stdout is not None:
        sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no standard output at all: nothing to protect
        saved = None
    try:
        if saved is not None:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
        highs = highspy.Highs()
    finally:
        if saved is not None:
            os.dup2(saved, 1)
            os.close(saved)
    highs.setOptionValue("output_flag", False)
    return highs


class _RestrictedLP:
    """The layered LP on a growing set of columns, kept in one HiGHS instance (highspy).

    Rows: one equality per candidate (``= 1``), then one seat row per (level k, target t) at
    ``k * n_t + t`` (``<= b``). Columns: a stay per candidate first, then the x (an entry: move
    ``ent_e`` as link ``ent_k + 1``) and z (swap) columns in the order they were added. No column
    has an upper bound: the candidate rows already keep every column at most 1, and a bound the
    simplex may hold active would take dual value the row duals then miss, so they would no
    longer price the columns left out correctly. Columns added to a solved LP keep its basis:
    the next solve continues from it with the primal simplex (a few hundred iterations, not a
    new solve).
    """

    def __init__(self, entries: _Entries, n_rows, seats_b, stay_upper, value, first, second):
        import highspy

        self.entries, self.value, self.first, self.second = entries, value, first, second
        self.n_rows = n_rows
        self.highs = _quiet_highs()
        self.highs.setOptionValue("random_seed", 0)
        inf = highspy.kHighsInf
        lower = np.r_[np.ones(self.n_rows), np.full(len(seats_b), -inf)]
        upper = np.r_[np.ones(self.n_rows), seats_b]
        self.highs.addRows(len(lower), lower, upper, 0, np.zeros(len(lower), np.int32), [], [])
        # A compulsory mover's stay is a column too, at a cost no plan can make up for (more
        # than every candidate changing their choice: twice each one's largest |value|): the
        # restricted LP is then always feasible, and a plan that uses one is no plan. A larger
        # cost only widens the cost range, which slows the simplex (1e8 cost it 1 s a city).
        largest = np.zeros(self.n_rows)
        np.maximum.at(largest, entries.person_of_move, np.abs(value))
        self.penalty = 1.0 + 2.0 * float(largest.sum())
        self.must = stay_upper == 0
        self._add(np.where(self.must, self.penalty, 0.0), np.full(self.n_rows, inf),
                  np.arange(self.n_rows + 1), np.arange(self.n_rows))  # fmt: skip
        self.ent = np.zeros(0, np.int64)
        self.z = np.zeros(0, np.int64)
        self.kind = np.zeros(self.n_rows, np.int8)  # per column: 0 stay, 1 x, 2 z
        self.solved = False

    @property
    def e(self) -> np.ndarray:
        return self.entries.e[self.ent].astype(np.int64)

    @property
    def k(self) -> np.ndarray:
        return self.entries.k[self.ent].astype(np.int64)

    def _add(self, cost, upper, starts, index, coef=None):
        n = len(cost)
        coef = np.ones(len(index)) if coef is None else coef
        self.highs.addCols(n, cost, np.zeros(n), upper, len(index),
                           starts[:-1].astype(np.int32), index.astype(np.int32), coef)  # fmt: skip

    def add(self, ent: np.ndarray, z: np.ndarray) -> None:
        """Add the x columns of the entries ``ent`` and the swap columns ``z``."""
        import highspy

        en = self.entries
        e, k = en.e[ent], en.k[ent].astype(np.int64)
        left = en.left[e]
        frees = (left >= 0) & (k < en.max_chain - 1)
        count = np.where(frees, 3, 2)
        starts = np.r_[0, np.cumsum(count)]
        index = np.empty(starts[-1], np.int64)
        coef = np.ones(starts[-1])
        index[starts[:-1]] = en.person_of_move[e]
        index[starts[:-1] + 1] = self.n_rows + en.seat[ent]
        freed = starts[:-1][frees] + 2
        index[freed] = self.n_rows + (k[frees] + 1) * en.n_t + left[frees]
        coef[freed] = -1.0
        person = en.person_of_move
        z_index = np.column_stack([person[self.first[z]], person[self.second[z]]])
        self._add(
            np.r_[-self.value[e], -(self.value[self.first[z]] + self.value[self.second[z]])],
            np.full(len(e) + len(z), highspy.kHighsInf),
            np.r_[starts, starts[-1] + 2 * np.arange(1, len(z) + 1)],
            np.r_[index, z_index.ravel()],
            np.r_[coef, np.ones(2 * len(z))],
        )
        self.ent, self.z = np.r_[self.ent, ent], np.r_[self.z, z]
        self.kind = np.r_[self.kind, np.ones(len(ent), np.int8), np.full(len(z), 2, np.int8)]

    def value_of(self, x: np.ndarray) -> float:
        """Total value of the moves and swaps in the column values ``x``."""
        swaps = self.value[self.first[self.z]] + self.value[self.second[self.z]]
        return float(self.value[self.e] @ x[self.kind == 1]) + float(swaps @ x[self.kind == 2])

    def feasible(self, x: np.ndarray) -> bool:
        """True unless a compulsory mover stays (their penalised stay column is used)."""
        return bool((x[: self.n_rows][self.must] <= 1e-6).all())

    def per_column(self, stay: np.ndarray, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Values given per candidate (stays), per entry and per swap, in column order."""
        out = np.empty(len(self.kind))
        out[self.kind == 0] = stay
        out[self.kind == 1] = x[self.ent]
        out[self.kind == 2] = z[self.z]
        return out

    def solve_within(self, keep: np.ndarray) -> tuple[bool, np.ndarray]:
        """The integer program on the columns ``keep`` only (the others held at 0), then every
        column free again: (optimal, column values)."""
        import highspy

        drop = np.flatnonzero(~keep).astype(np.int32)
        zero = np.zeros(len(drop))
        self.highs.changeColsBounds(len(drop), drop, zero, zero)
        ok, x, _, _ = self.solve(integer=True)
        self.highs.changeColsBounds(len(drop), drop, zero, np.full(len(drop), highspy.kHighsInf))
        return ok, x

    def solve(self, integer: bool = False):
        """(status ok, column values, candidate duals, seat duals flat: ``k * n_t + t``)."""
        import highspy

        if self.solved:  # the basis is optimal: new columns only need primal simplex pivots
            self.highs.setOptionValue("simplex_strategy", 4)
        if integer:
            n = len(self.kind)
            self.highs.changeColsIntegrality(
                n, np.arange(n, dtype=np.int32),
                np.full(n, highspy.HighsVarType.kInteger),
            )  # fmt: skip
            self.highs.setOptionValue("mip_rel_gap", 0.0)
        self.highs.run()
        self.solved = True
        ok = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        solution = self.highs.getSolution()
        x = np.asarray(solution.col_value)
        dual = np.asarray(solution.row_dual) if not integer else np.zeros(0)
        return ok, x, dual[: self.n_rows], (dual[self.n_rows :] if not integer else None)


@dataclass(frozen=True)
class _Entries:
    """The allowed (move e, link k + 1) columns of the layered LP as flat arrays, sorted by
    candidate (the moves come sorted by row; if not, the entries are sorted here). ``seat`` is
    the seat row an entry takes, ``frees`` the entries whose mover frees a seat for link k + 2
    and ``freed`` that row. A few bytes an entry: at province size there are tens of millions,
    so whatever is computed over all of them is computed in blocks of :data:`_BLOCK` entries
    into one buffer kept between passes, with no temporary of their size."""

    e: np.ndarray  # (N,) int32
    k: np.ndarray  # (N,) int8
    seat: np.ndarray  # (N,) int32: k * n_t + target row
    frees: np.ndarray  # (F,) entries that free a seat row, ascending
    freed: np.ndarray  # (F,) int32: the row they free, (k + 1) * n_t + left
    person: np.ndarray  # (N,) int32: candidate row of the entry
    starts: np.ndarray  # first entry of each candidate that has entries
    owners: np.ndarray  # those candidates
    person_of_move: np.ndarray  # (E,) candidate row of each move
    left: np.ndarray  # (E,) seat row (level 0) each mover frees, -1 none
    n_t: int
    max_chain: int
    work: np.ndarray  # (N,) float buffer for :meth:`reduced`

    @classmethod
    def of(cls, allowed, person, at, left, n_t) -> _Entries:
        max_chain = allowed.shape[0]
        e, k = np.nonzero(allowed.T)
        if (np.diff(person[e]) < 0).any():  # moves not sorted by candidate: entries made so
            order = np.argsort(person[e], kind="stable")
            e, k = e[order], k[order]
        e, k = e.astype(np.int32), k.astype(np.int8)
        seat = (k.astype(np.int32) * n_t + at[e]).astype(np.int32)
        frees = np.flatnonzero((k < max_chain - 1) & (left[e] >= 0)).astype(np.int32)
        freed = ((k[frees].astype(np.int32) + 1) * n_t + left[e[frees]]).astype(np.int32)
        owner = person[e].astype(np.int32)
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if len(e) else e
        return cls(e, k, seat, frees, freed, owner, starts, owner[starts], person, left, n_t,
                   max_chain, np.empty(len(e)))  # fmt: skip

    def _blocks(self):
        """(entries slice, their slice of ``frees``) block by block."""
        cuts = np.searchsorted(self.frees, np.arange(0, len(self.e) + _BLOCK, _BLOCK))
        for i, start in enumerate(range(0, len(self.e), _BLOCK)):
            yield slice(start, start + _BLOCK), slice(cuts[i], cuts[i + 1])

    def reduced(self, value, y_seat, idx=None, y_person=None) -> np.ndarray:
        """c - y^T A of the entries (all, or ``idx``); the candidate duals ``y_person`` only
        where given. Every entry: written into the buffer kept between passes (fresh memory
        costs a page fault per 4 KiB, about as much as the arithmetic), valid until the next
        call."""
        if idx is None:
            out = self.work
            scratch = np.empty(min(_BLOCK, len(out)))
            for at, freeing in self._blocks():
                part, extra = out[at], scratch[: len(out[at])]
                np.take(y_seat, self.seat[at], out=part)
                part += np.take(value, self.e[at], out=extra)
                np.negative(part, out=part)
                frees = self.frees[freeing]
                out[frees] += y_seat[self.freed[freeing]]
            if y_person is not None:
                self.add_per_person(out, -y_person)
            return out
        e, k = self.e[idx], self.k[idx]
        out = -y_seat[self.seat[idx]] - value[e]
        on = (k < self.max_chain - 1) & (self.left[e] >= 0)
        out[on] += y_seat[(k[on].astype(np.int64) + 1) * self.n_t + self.left[e[on]]]
        return out if y_person is None else out - y_person[self.person[idx]]

    def add_per_person(self, out: np.ndarray, per_person: np.ndarray) -> None:
        """``out`` (one value an entry) += ``per_person`` of each entry's candidate, in place
        (adding ``-y`` is subtracting ``y``, bit for bit)."""
        scratch = np.empty(min(_BLOCK, len(out)))
        for at, _ in self._blocks():
            out[at] += np.take(per_person, self.person[at], out=scratch[: len(out[at])])


def _cheapest_per_row(rows: np.ndarray, reduced: np.ndarray) -> np.ndarray:
    """Indices of the :data:`_PRICE_ENTER` lowest ``reduced`` of each candidate in ``rows``."""
    order = np.lexsort((reduced, rows))
    return order[_rank_within(rows[order]) < _PRICE_ENTER]


def _best_of_each(groups: np.ndarray, value: np.ndarray, k: int):
    """Indices of the ``k`` highest ``value`` of each group (a tie at the k-th may add one):
    ``k`` passes of a running maximum, no sort of the values (nor of the groups when they come
    sorted, as the moves' rows do)."""
    ordered = not (np.diff(groups) < 0).any()
    order = np.arange(len(groups)) if ordered else np.argsort(groups, kind="stable")
    grouped = groups[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(order) else order
    size = np.diff(np.r_[starts, len(order)])
    left = value[order]  # a copy: the picked ones become -inf
    picked = np.zeros(len(order), bool)
    for _ in range(k if len(order) else 0):  # a loop over the k best, not over rows
        hit = left == np.repeat(np.maximum.reduceat(left, starts), size)
        hit &= left > -np.inf
        picked |= hit
        left[hit] = -np.inf
    return order[picked]


def _solve_layered_priced(
    problem: Problem,
    s: _Seats,
    value: np.ndarray,
    max_chain: int,
    start: np.ndarray,
    deadline: float | None = None,
) -> tuple[np.ndarray, np.ndarray, float] | None:
    """The layered program (:func:`_solve_layered`, no side constraints) by column generation.

    The LP relaxation is solved on a few columns (the moves of the unlimited optimum ``start``
    and each candidate's best moves, at every allowed link, and the swaps among them) in one
    warm-started HiGHS instance (:class:`_RestrictedLP`); the duals price the other columns and
    each candidate's most negative ones join. Pricing is partial: a full pass over every column
    keeps a pool of the most promising ones (:data:`_PRICE_POOL` per candidate), later rounds
    price the pool only, and a full pass again when the pool has nothing left. Only a full pass
    can stop: when no column is left below HiGHS's dual tolerance or the Lagrangian bound proves
    the restricted optimum optimal for the whole relaxation. An integral LP optimum is the
    integer optimum (exact). A fractional one is solved as an integer program on the columns
    in the LP; when that reaches the bound it is exact too, otherwise None (the caller solves
    the full program). Returns (chosen moves, level per candidate, gap) like
    :func:`_solve_layered`; the gap is 0 unless ``deadline`` (time.monotonic) passed with an
    integral restricted plan, which is then returned with the Lagrangian bound on its distance
    to the optimum.
    """
    n_e, n_cand = len(value), len(problem.home)
    rows = np.flatnonzero(s.movable)
    local = np.full(n_cand, -1)
    local[rows] = np.arange(len(rows))
    person = local[problem.row].astype(np.int32)  # one per move: int32 at province size
    first, second = _swap_pairs(problem, s, value)
    targets = np.flatnonzero(np.bincount(problem.col, minlength=s.n_pos))
    target_row = np.full(s.n_pos, -1)  # seat row of each position (-1: nobody's target)
    target_row[targets] = np.arange(len(targets))
    n_t = len(targets)
    left = target_row[s.home[problem.row]].astype(np.int32)  # seat row the mover frees, or -1
    entries = _Entries.of(
        _layer_allowed(problem, s, value, max_chain), person, target_row[problem.col], left, n_t
    )
    seats_b = np.r_[s.seats[targets], np.zeros((max_chain - 1) * n_t)].astype(float)
    stay_upper = np.where(s.must[rows], 0.0, 1.0)
    # Start: the unlimited optimum, each candidate's and each target's best few moves.
    seed = np.zeros(n_e, bool)
    seed[_best_of_each(problem.row, value, _PRICE_SEED)] = True
    seed[_best_of_each(problem.col, value, _PRICE_SEED)] = True
    seed[start] = True
    seed[problem.must_move[problem.row]] = True  # every option of a compulsory mover
    active = seed[entries.e]
    active_z = seed[first] & seed[second]
    lp = _RestrictedLP(entries, len(rows), seats_b, stay_upper, value, first, second)
    stay_cost = np.where(lp.must, lp.penalty, 0.0)  # a stay's reduced cost before its dual
    lp.add(np.flatnonzero(active), np.flatnonzero(active_z))
    pool = None  # entries priced between full passes
    for _ in range(_PRICE_ROUNDS):
        ok, x, y_person, y_seat = lp.solve()
        if not ok:
            return None
        reduced_z = -(value[first] + value[second]) - y_person[person[first]]
        reduced_z -= y_person[person[second]]
        enter_z = ~active_z & (reduced_z < -_DUAL_TOL)
        late = deadline is not None and time.monotonic() > deadline
        if pool is not None and not late:
            reduced = entries.reduced(value, y_seat, pool, y_person)
            enter = (reduced < -_DUAL_TOL) & ~active[pool]
            log.debug("pricing the pool: %d columns, %d enter", len(x), int(enter.sum()))
            if enter.any() or enter_z.any():
                pick = pool[enter][_cheapest_per_row(entries.person[pool[enter]], reduced[enter])]
                active[pick] = True
                active_z[enter_z] = True
                lp.add(pick, np.flatnonzero(enter_z))
                continue
        # A full pass. Reduced cost of every entry with the seat duals only (c - y_seat^T A).
        # Lagrangian bound: each candidate takes their cheapest option under the seat duals
        # (a swap's cost split between its two people), plus the seat duals times the seats.
        objective = lp.value_of(x)
        reduced = entries.reduced(value, y_seat)
        cheapest = stay_cost.copy()
        if len(entries.starts):
            at_least = np.minimum.reduceat(reduced, entries.starts)
            cheapest[entries.owners] = np.minimum(cheapest[entries.owners], at_least)
        entries.add_per_person(reduced, -y_person)  # the full c - y^T A
        np.minimum.at(cheapest, person[first], y_person[person[first]] + reduced_z / 2)
        np.minimum.at(cheapest, person[second], y_person[person[second]] + reduced_z / 2)
        bound = -float(cheapest.sum() + y_seat @ seats_b)
        gap = max(bound - objective, 0.0)
        enter = np.flatnonzero((reduced < -_DUAL_TOL) & ~active)
        integral = np.abs(x - np.round(x)).max(initial=0.0) <= 1e-6
        log.debug("pricing: %d columns, value %.6f, bound %.6f, %d enter",
                  len(x), objective, bound, len(enter))  # fmt: skip
        optimal = gap <= max(_PRICE_GAP, _PRICE_REL_GAP * abs(objective)) or not (
            len(enter) or enter_z.any()
        )
        out_of_time = late and integral and lp.feasible(x)
        if (optimal or out_of_time) and not lp.feasible(x):
            return None  # a compulsory mover has no seat: the caller's full program says so
        if optimal or out_of_time:
            if not integral:
                # Integer programs only on the columns a better plan can use. Lagrangian reduced
                # cost (>= 0 for every column under these duals): a plan's value is at most the
                # bound minus the reduced costs of its columns, so a plan better than one of
                # value v uses only columns within (bound - v) of it. First the columns within
                # the LP's own gap (where an optimum reaching the bound would lie); then, from
                # the plan found, every column within its shortfall, LP columns or not: exact.
                fixing = reduced
                entries.add_per_person(fixing, y_person - cheapest)
                fixing_z = reduced_z / 2 + y_person[person[first]] - cheapest[person[first]]
                fixing_z += reduced_z / 2 + y_person[person[second]] - cheapest[person[second]]
                fixing_stay = stay_cost - cheapest
                ok, x = lp.solve_within(
                    lp.per_column(fixing_stay, fixing, fixing_z) <= gap + _DUAL_TOL
                )
                if not ok:  # no plan on those columns alone: one on all of the LP's
                    ok, x, _, _ = lp.solve(integer=True)
                if not ok:
                    return None
                shortfall = bound - lp.value_of(np.round(x))
                if shortfall > max(_PRICE_GAP, _PRICE_REL_GAP * abs(bound)):
                    extra = np.flatnonzero(~active & (fixing <= shortfall + _DUAL_TOL))
                    extra_z = np.flatnonzero(~active_z & (fixing_z <= shortfall + _DUAL_TOL))
                    if len(extra) + len(extra_z) > _PRICE_FIX_GROWTH * len(x):
                        return None
                    lp.add(extra, extra_z)
                    within = lp.per_column(fixing_stay, fixing, fixing_z) <= shortfall + _DUAL_TOL
                    ok, x = lp.solve_within(within)
                if not ok or not lp.feasible(np.round(x)):
                    return None
            on = np.round(x) == 1
            linked = lp.e[on[lp.kind == 1]]
            link_level = lp.k[on[lp.kind == 1]] + 1
            swapped = np.r_[first[lp.z[on[lp.kind == 2]]], second[lp.z[on[lp.kind == 2]]]]
            fixed = np.full(n_cand, -1, np.int64)
            fixed[problem.row[linked]] = link_level
            fixed[problem.row[swapped]] = 0
            return np.sort(np.r_[linked, swapped]), fixed, 0.0 if optimal else gap
        pick = enter[_cheapest_per_row(entries.person[enter], reduced[enter])]
        active[pick] = True
        active_z[enter_z] = True
        lp.add(pick, np.flatnonzero(enter_z))
        # The pool: the entries left out that price lowest now, the likeliest to enter next:
        # about _PRICE_POOL per candidate, below a threshold read off an even sample.
        size = _PRICE_POOL * len(rows)
        threshold = np.inf
        if len(reduced) > size:
            sample = np.sort(reduced[:: max(1, len(reduced) // 100_000)])
            threshold = sample[int(size / len(reduced) * (len(sample) - 1))]
        pool = np.flatnonzero((reduced <= threshold) & ~active) if size else np.zeros(0, np.int64)
    return None


def _integral_lp_first(cost: np.ndarray, bounds: Bounds, constraints: list[LinearConstraint]):
    """The integer optimum of a 0/1 program, via its LP relaxation when that is integral.

    The layered program's relaxation is nearly always integral (HiGHS simplex returns a vertex);
    an integral LP optimum is an optimum of the integer program, so it is taken as is. HiGHS's
    MIP presolve on such a model costs ten times the LP. A fractional LP falls back to branch and
    bound (relative gap 0), so the result is exact either way.
    """
    relaxed = milp(cost, integrality=np.zeros(len(cost)), bounds=bounds, constraints=constraints)
    integral = relaxed.status == 0 and relaxed.x is not None
    if integral and np.abs(relaxed.x - np.round(relaxed.x)).max(initial=0.0) <= 1e-6:
        return relaxed
    return milp(
        cost,
        integrality=np.ones(len(cost)),
        bounds=bounds,
        constraints=constraints,
        options={"mip_rel_gap": 0.0},
    )


def rings_are_swaps(problem: Problem, move: np.ndarray, level: np.ndarray) -> bool:
    """True when the ring moves (level 0) pair up into swaps of two seats: as many moves from
    p to q as from q to p for every pair of positions."""
    ring = np.flatnonzero((level == 0) & (move >= 0))
    if not len(ring):
        return True
    home = problem.home[ring]
    target = problem.col[move[ring]]
    n_pos = max(int(problem.home.max(initial=0)), int(problem.col.max(initial=0))) + 2
    there, counts = np.unique(home * n_pos + target, return_counts=True)
    back, back_counts = np.unique(target * n_pos + home, return_counts=True)
    return bool(np.array_equal(there, back) and np.array_equal(counts, back_counts))


def _infeasible(must: int, max_moves: int | None, outflow_cap: int | None) -> MutasiError:
    if max_moves is not None and outflow_cap is not None:
        return MutasiError.of(
            "propose.error.infeasible_both",
            must=must,
            max_moves=max_moves,
            outflow_cap=outflow_cap,
        )
    if max_moves is not None:
        return MutasiError.of("propose.error.infeasible_max_moves", must=must, max_moves=max_moves)
    if outflow_cap is not None:
        return MutasiError.of("propose.error.infeasible_cap", must=must, outflow_cap=outflow_cap)
    return MutasiError.of("propose.error.infeasible", must=must)
