"""The assignment core on numeric problems: optimality against brute force, chains, limits."""

from __future__ import annotations

import dataclasses
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.matching import assign
from mutasi_cli.matching.assign import Problem, solve


def _problem(home, seats, refill, pairs, must=None, unit=None) -> tuple[Problem, np.ndarray]:
    n = len(home)
    rows = np.array([p[0] for p in pairs], np.int64)
    cols = np.array([p[1] for p in pairs], np.int64)
    return (
        Problem(
            home=np.asarray(home, np.int64),
            seats=np.asarray(seats, np.int64),
            refill=np.asarray(refill, bool),
            row=rows,
            col=cols,
            must_move=np.zeros(n, bool) if must is None else np.asarray(must, bool),
            unit=np.zeros(n, np.int64) if unit is None else np.asarray(unit, np.int64),
        ),
        np.array([p[2] for p in pairs], float),
    )


def _best_over_choices(problem: Problem, score: np.ndarray, fits, max_moves=None, cap=None):
    """Best total over every combination of choices (stay or one eligible move each) that keeps
    compulsory movers moving, the move budget, the outflow cap and ``fits(moves)``."""
    n = len(problem.home)
    options = [[-1] + [e for e in range(len(score)) if problem.row[e] == i] for i in range(n)]
    best = None
    for choice in itertools.product(*options):
        moves = [e for e in choice if e >= 0]
        if any(
            problem.must_move[i] and len(options[i]) > 1 and c < 0 for i, c in enumerate(choice)
        ):
            continue
        if max_moves is not None and len(moves) > max_moves:
            continue
        if cap is not None:
            units = np.bincount([problem.unit[problem.row[e]] for e in moves] or [0])
            if moves and units.max() > cap:
                continue
        if fits(moves):
            total = float(sum(score[e] for e in moves))
            best = total if best is None else max(best, total)
    return best


def brute_force(problem: Problem, score: np.ndarray, max_moves=None, cap=None) -> float | None:
    """Best total, checked with the chain rule directly: newcomers to p <= open seats of p +
    (holders of p who leave, if p may be refilled)."""

    def seats_hold(moves: list[int]) -> bool:
        for p in range(len(problem.seats)):
            incoming = sum(1 for e in moves if problem.col[e] == p)
            leavers = sum(1 for e in moves if problem.home[problem.row[e]] == p)
            if incoming > problem.seats[p] + (leavers if problem.refill[p] else 0):
                return False
        return True

    return _best_over_choices(problem, score, seats_hold, max_moves, cap)


def test_greedy_trap_both_filled():
    # A fits V1 (10) and V2 (9); B fits only V1 (9). Greedy gives A->V1 and leaves V2 empty.
    problem, score = _problem(
        home=[-1, -1], seats=[1, 1], refill=[False, False], pairs=[(0, 0, 10), (0, 1, 9), (1, 0, 9)]
    )
    result = solve(problem, score)
    chosen = {int(problem.row[e]): int(problem.col[e]) for e in result.move if e >= 0}
    assert chosen == {0: 1, 1: 0}
    assert result.objective == pytest.approx(18.0)


def test_chain_fills_seat_left_by_mover():
    # Position 0 (V) has one vacancy; X (row 0) holds position 1 (S) and fits V; Y fits only S.
    problem, score = _problem(
        home=[1, -1], seats=[1, 0], refill=[True, True], pairs=[(0, 0, 2.0), (1, 1, 3.0)]
    )
    result = solve(problem, score)
    assert [int(problem.col[e]) for e in result.move] == [0, 1]
    # Without refill the seat S stays closed to Y.
    closed, _ = _problem(
        home=[1, -1], seats=[1, 0], refill=[True, False], pairs=[(0, 0, 2.0), (1, 1, 3.0)]
    )
    assert solve(closed, score).move.tolist() == [0, -1]


def test_staying_beats_a_negative_move_and_ties_go_to_lower_nip():
    problem, score = _problem(
        home=[-1, -1], seats=[1], refill=[True], pairs=[(0, 0, 1.0), (1, 0, 1.0)]
    )
    assert solve(problem, score).move.tolist() == [0, -1]
    negative, score = _problem(home=[-1], seats=[1], refill=[True], pairs=[(0, 0, -0.5)])
    assert solve(negative, score).move.tolist() == [-1]


def _random_problem(rng):
    n = int(rng.integers(1, 6))
    n_pos = int(rng.integers(1, 4))
    home = rng.integers(-1, n_pos, n)
    pairs = [
        (i, p, float(rng.normal()))
        for i in range(n)
        for p in range(n_pos)
        if p != home[i] and rng.random() < 0.6
    ]
    return _problem(
        home=home,
        seats=rng.integers(0, 3, n_pos),
        refill=rng.random(n_pos) < 0.7,
        pairs=pairs,
        must=rng.random(n) < 0.15,
        unit=rng.integers(0, 2, n),
    )


@pytest.mark.parametrize("mode", ["dense", "sparse", "milp", "max_moves", "cap"])
def test_random_instances_are_optimal(mode, monkeypatch):
    if mode == "dense":
        monkeypatch.setattr(assign, "DENSE_SHARE", 0.0)
    if mode == "sparse":
        monkeypatch.setattr(assign, "DENSE_CELLS", 0)
    rng = np.random.default_rng(7)
    checked = 0
    for _ in range(120):
        problem, score = _random_problem(rng)
        n = len(problem.home)
        limits = {
            "milp": {"max_moves": n},
            "max_moves": {"max_moves": int(rng.integers(0, 3))},
            "cap": {"outflow_cap": int(rng.integers(0, 2))},
        }.get(mode, {})
        expected = brute_force(problem, score, limits.get("max_moves"), limits.get("outflow_cap"))
        if expected is None:
            with pytest.raises(MutasiError, match="wajib rotasi"):
                solve(problem, score, **limits)
            continue
        result = solve(problem, score, **limits)
        assert result.objective == pytest.approx(expected, abs=1e-5)
        assert result.method in (
            "none",
            {"dense": "lsa-dense", "sparse": "lsa-sparse"}.get(mode, "milp"),
        )
        checked += 1
    assert checked > 80


def test_methods_agree_on_the_same_moves(monkeypatch):
    rng = np.random.default_rng(11)
    problem, score = _problem(
        home=rng.integers(-1, 6, 30),
        seats=rng.integers(0, 3, 6),
        refill=np.ones(6, bool),
        pairs=[
            (i, p, float(rng.normal())) for i in range(30) for p in range(6) if rng.random() < 0.5
        ],
    )
    ok = problem.col != problem.home[problem.row]  # a move is never to one's own position
    problem = dataclasses.replace(problem, row=problem.row[ok], col=problem.col[ok])
    score = score[ok]
    monkeypatch.setattr(assign, "DENSE_SHARE", 0.0)
    dense = solve(problem, score)
    monkeypatch.setattr(assign, "DENSE_CELLS", 0)
    sparse_result = solve(problem, score)
    integer = solve(problem, score, max_moves=30)
    assert dense.method == "lsa-dense" and sparse_result.method == "lsa-sparse"
    assert integer.method == "milp"
    assert dense.move.tolist() == sparse_result.move.tolist() == integer.move.tolist()


def test_limits_are_exact():
    # Four people each gain from moving to a position with four vacancies.
    problem, score = _problem(
        home=[-1] * 4,
        seats=[4],
        refill=[True],
        pairs=[(i, 0, 1.0 + i) for i in range(4)],
        unit=[0, 0, 0, 1],
    )
    assert (solve(problem, score).move >= 0).sum() == 4
    two = solve(problem, score, max_moves=2)
    assert (two.move >= 0).sum() == 2 and two.objective == pytest.approx(4.0 + 3.0)
    capped = solve(problem, score, outflow_cap=1)
    assert capped.move.tolist() == [-1, -1, 2, 3]


def test_compulsory_moves_beyond_the_limit_are_refused():
    problem, score = _problem(
        home=[1, 1, 1],
        seats=[3, 0],
        refill=[True, False],
        pairs=[(i, 0, -1.0) for i in range(3)],
        must=[True, True, True],
    )
    assert (solve(problem, score).move >= 0).all()
    with pytest.raises(MutasiError, match="--max-moves 2"):
        solve(problem, score, max_moves=2)


def _chains_fit(problem: Problem, moves: list[int], max_chain: int) -> bool:
    """Whether the moves can be laid out as vacancy chains of at most ``max_chain`` links and
    swaps of two seats: tried over every way of giving each newcomer a seat (an open vacancy
    of its target, or the seat of one leaver of a refillable target), independently of the
    solver's layered program."""
    seats_of = []
    for e in moves:
        p = int(problem.col[e])
        vacancies = [("F", p, k) for k in range(int(problem.seats[p]))]
        leavers = (
            [("S", f) for f in moves if f != e and problem.home[problem.row[f]] == p]
            if problem.refill[p]
            else []
        )
        seats_of.append(vacancies + leavers)
    for taken in itertools.product(*seats_of):
        if len(set(taken)) < len(taken):
            continue  # a seat taken twice
        pred = {e: (t[1] if t[0] == "S" else None) for e, t in zip(moves, taken, strict=True)}
        ok = True
        for e in moves:  # follow the seats back: a vacancy within max_chain links, or a swap
            steps, cur, ring = 1, e, False
            while pred[cur] is not None and not ring:
                cur, steps = pred[cur], steps + 1
                ring = cur == e
            ok &= (steps - 1 == 2) if ring else (steps <= max_chain)
        if ok:
            return True
    return False


def brute_force_chain(problem: Problem, score: np.ndarray, max_chain: int, max_moves=None):
    """:func:`brute_force` with the chain limit checked by :func:`_chains_fit`."""
    return _best_over_choices(
        problem, score, lambda moves: _chains_fit(problem, moves, max_chain), max_moves
    )


def _chain_problem(rng):
    """Holders of refillable seats who each fit the next position: chains and rings."""
    n = int(rng.integers(2, 6))
    n_pos = int(rng.integers(2, 5))
    home = rng.integers(-1, n_pos, n)
    pairs = [
        (i, p, float(rng.normal(0.3, 1.0)))
        for i in range(n)
        for p in range(n_pos)
        if p != home[i] and rng.random() < 0.7
    ]
    seats = (rng.random(n_pos) < 0.3).astype(np.int64)
    return _problem(
        home=home,
        seats=seats,
        refill=rng.random(n_pos) < 0.85,
        pairs=pairs,
        must=rng.random(n) < 0.1,
    )


@pytest.mark.parametrize("max_chain", [1, 2, 3])
def test_chain_limit_is_exact_against_brute_force(max_chain):
    rng = np.random.default_rng(100 + max_chain)
    checked = layered = 0
    for _ in range(150):
        problem, score = _chain_problem(rng)
        budget = int(rng.integers(1, 4)) if rng.random() < 0.3 else None
        expected = brute_force_chain(problem, score, max_chain, budget)
        if expected is None:
            with pytest.raises(MutasiError):
                solve(problem, score, max_chain=max_chain, max_moves=budget)
            continue
        result = solve(problem, score, max_chain=max_chain, max_moves=budget)
        assert result.objective == pytest.approx(expected, abs=1e-5)
        moved = result.move >= 0
        assert (result.level[moved] <= max_chain).all() and (result.level[~moved] == -1).all()
        assert assign.rings_are_swaps(problem, result.move, result.level)
        layered += "milp-chain" in result.method
        checked += 1
    assert checked > 100 and layered >= 2  # the layered program was really exercised


def test_long_chain_is_cut_to_the_limit():
    # One vacancy at position 0; holders of 1, 2, 3 each fit the seat before them: a chain of
    # four links, each worth 1. With at most two links only the first two move.
    problem, score = _problem(
        home=[1, 2, 3, -1],
        seats=[1, 0, 0, 0],
        refill=[True, True, True, True],
        pairs=[(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0), (3, 3, 1.0)],
    )
    assert solve(problem, score).objective == pytest.approx(4.0)
    limited = solve(problem, score, max_chain=2)
    assert limited.objective == pytest.approx(2.0) and "milp-chain" in limited.method
    assert limited.level.tolist() == [1, 2, -1, -1]
    # A ring of three seats (no vacancy) is not a swap: it does not form.
    ring, ring_score = _problem(
        home=[0, 1, 2], seats=[0, 0, 0], refill=[True] * 3,
        pairs=[(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0)],
    )  # fmt: skip
    assert solve(ring, ring_score).objective == pytest.approx(3.0)
    assert solve(ring, ring_score, max_chain=3).objective == pytest.approx(0.0)
    swap, swap_score = _problem(
        home=[0, 1], seats=[0, 0], refill=[True, True], pairs=[(0, 1, 1.0), (1, 0, 1.0)]
    )
    result = solve(swap, swap_score, max_chain=3)
    assert result.objective == pytest.approx(2.0) and result.level.tolist() == [0, 0]


def _priced_problem(rng: np.random.Generator):
    """A random seat problem of ~40 candidates and 12 positions with long chains."""
    n, n_pos = int(rng.integers(25, 45)), 12
    home = rng.integers(-1, n_pos, n)
    allowed = (rng.random((n, n_pos)) < 0.35) & (np.arange(n_pos)[None, :] != home[:, None])
    row, col = np.nonzero(allowed)
    problem = Problem(
        home=home.astype(np.int64),
        seats=(rng.random(n_pos) < 0.3).astype(np.int64),
        refill=rng.random(n_pos) < 0.9,
        row=row.astype(np.int64),
        col=col.astype(np.int64),
        must_move=rng.random(n) < 0.03,
        unit=np.zeros(n, np.int64),
    )
    return problem, rng.normal(0.4, 1.0, len(row))


@pytest.mark.parametrize(("seed", "enter", "pool"), [(1, 1, 1), (2, 3, 20), (3, 1, 0), (4, 10, 1)])
def test_column_generation_matches_the_full_layered_program(monkeypatch, seed, enter, pool):
    """The priced layered LP (warm-started column generation, partial pricing from a pool of
    ``pool`` columns per candidate between full passes, Lagrangian bound, integer program on
    the LP's columns when the relaxation is fractional) against the full layered program solved
    by HiGHS branch and bound on every column."""
    monkeypatch.setattr(assign, "_PRICE_SEED", 1)
    monkeypatch.setattr(assign, "_PRICE_ENTER", enter)
    monkeypatch.setattr(assign, "_PRICE_POOL", pool)
    rng = np.random.default_rng(500 + seed)
    priced_count = 0
    for _ in range(25):
        problem, score = _priced_problem(rng)
        s = assign._seats(problem)
        value = score - assign.TIE
        for max_chain in (1, 2, 3):
            try:
                full, _ = assign._solve_layered(problem, s, value, None, None, max_chain)
            except MutasiError:
                continue
            priced = assign._solve_layered_priced(
                problem, s, value, max_chain, np.zeros(0, np.int64)
            )
            if priced is None:  # a fractional relaxation: the caller falls back to the full one
                continue
            chosen, fixed, gap = priced
            assert gap == 0.0
            assert value[chosen].sum() == pytest.approx(value[full].sum(), abs=1e-6)
            move = np.full(len(problem.home), -1, np.int64)
            move[problem.row[chosen]] = chosen
            assert np.bincount(problem.row[chosen], minlength=len(problem.home)).max() <= 1
            level = assign.chain_levels(problem, move, fixed)
            assert (level[move >= 0] <= max_chain).all()
            assert assign.rings_are_swaps(problem, move, level)
            assert not (problem.must_move & s.movable & (move < 0)).any()
            priced_count += 1
    assert priced_count >= 50


def test_time_limit_returns_a_feasible_plan_with_its_proven_gap(monkeypatch):
    """Past the time limit the restricted plan comes back with a gap that bounds its distance to
    the exact optimum; without a limit the same instance is solved exactly (gap 0)."""
    monkeypatch.setattr(assign, "_PRICE_SEED", 1)
    monkeypatch.setattr(assign, "_PRICE_ENTER", 1)
    rng = np.random.default_rng(77)
    stopped = 0
    for _ in range(40):
        problem, score = _priced_problem(rng)
        try:
            exact = solve(problem, score, max_chain=2)
        except MutasiError:
            continue
        assert exact.gap == 0.0
        bounded = solve(problem, score, max_chain=2, time_limit=1e-9)
        moved = bounded.move >= 0
        assert (bounded.level[moved] <= 2).all()
        assert assign.rings_are_swaps(problem, bounded.move, bounded.level)
        assert bounded.objective <= exact.objective + 1e-6
        assert exact.objective - bounded.objective <= bounded.gap + 1e-6
        stopped += bounded.gap > 0
    assert stopped >= 3  # the limit really cut the pricing short


def test_the_highs_banner_never_reaches_standard_output():
    """highspy's constructor prints "Running HiGHS ..." on file descriptor 1 before any option
    can be set; that would corrupt `propose --json`. The solver's instance is built silently,
    also when standard output is closed."""
    raw = subprocess.run(
        [sys.executable, "-c", "import highspy; highspy.Highs()"], capture_output=True, text=True
    )
    quiet = subprocess.run(
        [
            sys.executable,
            "-c",
            "from mutasi_cli.matching.assign import _quiet_highs; _quiet_highs()",
        ],
        capture_output=True,
        text=True,
    )
    assert quiet.returncode == 0 and quiet.stdout == ""
    assert "HiGHS" in raw.stdout  # the banner this guards against (drop if HiGHS stops it)
    closed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from mutasi_cli.matching.assign import _quiet_highs; _quiet_highs()",
        ],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),  # no standard output at all
    )
    assert closed.returncode == 0, closed.stderr


@pytest.mark.parametrize("seed", range(4))
def test_swap_pairs_are_every_swap_worth_more_than_two_stays(seed):
    """The sorted one-pass search for two-seat swaps against every pair of moves."""
    rng = np.random.default_rng(900 + seed)
    found = 0
    for _ in range(40):
        problem, score = _priced_problem(rng)
        s = assign._seats(problem)
        value = np.round(score, 1)  # ties at 0 too
        home, col = s.home[problem.row], problem.col
        must = problem.must_move[problem.row]
        expected = [
            (e, f)
            for e in range(len(value))
            for f in range(e + 1, len(value))
            if home[e] == col[f] and home[f] == col[e] and s.refill[col[e]] and s.refill[col[f]]
            and (value[e] + value[f] > 0 or must[e] or must[f])
        ]  # fmt: skip
        first, second = assign._swap_pairs(problem, s, value)
        assert list(zip(first.tolist(), second.tolist(), strict=True)) == expected
        found += len(expected)
    assert found > 20


def test_column_generation_does_not_need_moves_sorted_by_candidate(monkeypatch):
    """The per-candidate bound sums runs of one candidate's columns; moves given in any order
    must still give the optimum of the full layered program."""
    monkeypatch.setattr(assign, "_PRICE_SEED", 1)
    monkeypatch.setattr(assign, "_PRICE_POOL", 1)
    rng = np.random.default_rng(4242)
    checked = 0
    for _ in range(20):
        problem, score = _priced_problem(rng)
        shuffle = rng.permutation(len(score))
        problem = dataclasses.replace(problem, row=problem.row[shuffle], col=problem.col[shuffle])
        score = score[shuffle]
        s = assign._seats(problem)
        value = score - assign.TIE
        try:
            full, _ = assign._solve_layered(problem, s, value, None, None, 2)
        except MutasiError:
            continue
        priced = assign._solve_layered_priced(problem, s, value, 2, np.zeros(0, np.int64))
        if priced is None:
            continue
        assert value[priced[0]].sum() == pytest.approx(value[full].sum(), abs=1e-6)
        checked += 1
    assert checked >= 10
