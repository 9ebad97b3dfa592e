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

**Determinism.** Rows come sorted by NIP and positions by key. Each move's score loses a tiny
tie-breaker ``TIE * (1 + rank)``, where the rank orders (candidate, position) pairs: of two equal
options the lower NIP, then the lower position key wins, and an exact tie between moving and
staying keeps the candidate where they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from mutasi_cli.errors import MutasiError

TIE = 1e-7
DENSE_CELLS = 40_000_000  # about 320 MB as float64
DENSE_SHARE = 0.5  # below this share of allowed seat cells the sparse solver is faster
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
) -> Assignment:
    """The optimal assignment for the pair scores ``score`` (see the module docstring).

    Raises :class:`MutasiError` when compulsory moves cannot all be made within the limits.
    """
    n = len(problem.home)
    if len(problem.row) == 0:
        return Assignment(np.full(n, -1, np.int64), 0.0, "none")
    s = _seats(problem)
    rank = (problem.row * s.n_pos + problem.col) / (n * s.n_pos)
    value = score - TIE * (1.0 + rank)
    if max_moves is None and outflow_cap is None:
        chosen, method = _solve_lsa(problem, s, value)
    else:
        chosen, method = _solve_milp(problem, s, value, max_moves, outflow_cap)
    move = np.full(n, -1, np.int64)
    move[problem.row[chosen]] = chosen
    return Assignment(move, float(score[chosen].sum()), method)


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


def _pair_lookup(problem: Problem, n_pos: int):
    keys = problem.row * n_pos + problem.col
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]

    def find(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return order[np.searchsorted(sorted_keys, rows * n_pos + cols)]

    return find


def _split(keys: np.ndarray, labels: np.ndarray) -> list[np.ndarray]:
    """Indices of ``keys`` grouped by each of the sorted ``labels``."""
    order = np.argsort(keys, kind="stable")
    return np.split(order, np.searchsorted(keys[order], labels[1:]))


def _solve_lsa(problem: Problem, s: _Seats, value: np.ndarray) -> tuple[np.ndarray, str]:
    label = _components(problem, s)
    rows = np.flatnonzero(s.movable)
    labels = np.unique(label[rows])
    find = _pair_lookup(problem, s.n_pos)
    chosen, methods = [], set()
    groups = zip(_split(label[rows], labels), _split(label[problem.row], labels), strict=True)
    for comp_rows, comp_pairs in groups:  # one independent assignment per component
        r, p, method = _component(problem, s, value, rows[comp_rows], comp_pairs)
        methods.add(method)
        moved = p != s.home[r]
        chosen.append(find(r[moved], p[moved]))
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
) -> tuple[np.ndarray, np.ndarray, str]:
    """Solve one component; returns (row, position taken) for its rows.

    Dense when the seat matrix fits and is not mostly forbidden, else sparse.
    """
    layout = _layout(problem, s, rows, pairs)
    cells = len(rows) * int(layout.width.sum())
    edges = int(layout.move_counts().sum() + layout.stay_counts().sum())
    if cells <= DENSE_CELLS and edges >= DENSE_SHARE * cells:
        ri, ci = _dense(layout, value[pairs])
        method = "lsa-dense"
    elif edges <= FLOW_EDGES:
        ri, ci = _sparse(layout, value[pairs])
        method = "lsa-sparse"
    else:
        ri, pi = _flow(layout, value[pairs])
        return rows[ri], layout.positions[pi], "flow"
    return rows[ri], layout.positions[layout.col_pos[ci]], method


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


def _flow(layout: _Layout, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Min-cost flow on the position level: (row, local position taken) for every row.

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
    tails = np.concatenate([layout.local_row, stays, n_rows + np.arange(n_pos)])
    heads = np.concatenate(
        [
            n_rows + layout.local_pos,
            np.where(stay_refill, n_rows + layout.local_home[stays], sink),
            np.full(n_pos, sink),
        ]
    )
    capacity = np.concatenate(
        [np.ones(len(score) + len(stays), np.int64), layout.vacant + holders * layout.refill]
    )
    nodes = sink + 1
    scale = _FLOW_COST_RANGE / (nodes + 1) / max(float(np.abs(score).max(initial=0.0)), 1.0)
    cost = np.concatenate(
        [-np.rint(score * scale).astype(np.int64), np.zeros(len(stays) + n_pos, np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacity.astype(np.int64), cost
    )
    supply = np.concatenate([np.ones(n_rows, np.int64), np.zeros(n_pos, np.int64), [-n_rows]])
    flow.set_nodes_supplies(np.arange(nodes, dtype=np.int32), supply)
    status = flow.solve()
    if status == flow.INFEASIBLE:  # compulsory moves that cannot all be seated
        raise _infeasible(int(np.isinf(layout.stay).sum()), None, None)
    if status != flow.OPTIMAL:  # pragma: no cover - costs and capacities are in range
        raise RuntimeError(f"min-cost flow failed with status {status}")
    moved = np.flatnonzero(flow.flows(np.arange(len(score), dtype=np.int32)) > 0)
    taken = layout.local_home.copy()
    taken[layout.local_row[moved]] = layout.local_pos[moved]
    return np.arange(n_rows), taken


# ---- side constraints: integer program ------------------------------------------------------


def _solve_milp(
    problem: Problem,
    s: _Seats,
    value: np.ndarray,
    max_moves: int | None,
    outflow_cap: int | None,
) -> tuple[np.ndarray, str]:
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
    result = milp(
        np.concatenate([-value, np.zeros(len(rows))]),
        integrality=np.ones(n_var),
        bounds=Bounds(0, upper),
        constraints=constraints,
        options={"mip_rel_gap": 0.0},
    )
    if result.status == 2 or result.x is None:
        raise _infeasible(int(s.must.sum()), max_moves, outflow_cap)
    x = result.x
    if np.abs(x - np.round(x)).max() > 1e-6:  # pragma: no cover - HiGHS returns integers
        raise RuntimeError("milp returned a fractional assignment")
    return np.flatnonzero(np.round(x[:n_moves]) == 1), "milp"


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
