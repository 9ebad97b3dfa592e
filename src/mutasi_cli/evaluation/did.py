"""Difference in differences against comparable people who did not move, with t intervals.

Method (documented for the committee in docs/evaluation-method.md):

1. Controls are people with performance records who are not in the transfer history. With
   ``control = "matched"`` (the default) each mover gets the ``match_controls`` controls of the
   same ``match_on`` stratum (jenis jabatan, golongan group, optionally unit) whose mean predikat
   over the mover's own before-window periods is nearest to the mover's, among those with data on
   both sides of the mover's windows. With ``control = "all"`` every control of the same
   ``control_match`` stratum (default: everyone) is used, per calendar period.
2. Each of a mover's window records is compared with the control mean of the same period (over
   the mover's matched controls, or the stratum): the record's *excess* is
   ``ordinal - control mean``. The mover's effect is the mean excess after the move minus the
   mean excess before it. Office-wide shifts cancel out. A cell with no control record falls
   back to all controls of that period (the mover then counts as not matched).
3. The estimate is the mean effect over movers with at least ``min_periods`` compared records on
   each side; per destination and per origin unit the mean over that unit's movers.
4. The interval is a t interval with ``n - 1`` degrees of freedom: the variance of the mean is
   the movers' sample variance over ``n`` (each mover a cluster: autocorrelation within a
   person does not matter) plus the variance of the mean due to the control group, estimated by
   resampling control people as a whole (``bootstrap_samples`` Poisson(1) draws from
   ``numpy.random.Generator(seed)``, in blocks). The coverage simulation
   (benchmarks/coverage_evaluate.py) holds the level at 6, 10 and 30 movers.
5. Warnings: a group with fewer than ``min_group_n`` movers is flagged. A mover's pre-transfer
   level is *extreme* when their mean excess before the move lies in the top or bottom
   ``extreme_pre_quantile`` (mid-rank percentile) of the non-movers' mean excess over blocks of
   ``before_periods`` consecutive records. A group is flagged when it holds more extreme movers
   than random selection would give (one-sided binomial test against a share of twice that
   quantile, at level ``1 - confidence``): its change partly reflects regression to the mean.
6. Pre-trend (placebo): :func:`placebo_windows` splits each before window into an earlier and a
   later half and the same estimator runs on it; an interval excluding zero means the movers
   were already drifting apart from their controls before the move.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, stats

from mutasi_cli.errors import UsageError
from mutasi_cli.evaluation.windows import AFTER, BEFORE
from mutasi_cli.schema import name_key
from mutasi_cli.settings import EvaluateSettings

_BLOCK = 100  # bootstrap samples per block (bounds memory at block x movers)
_SPAN_BITS = 20  # period length in days fits in 2**20
GROUP_COLUMNS = [
    "unit",
    "n_moved",
    "n_control",
    "mover_change",
    "control_change",
    "estimate",
    "low",
    "high",
    "estimate_score",
    "n_extreme",
    "small_group",
    "regression_to_mean",
    "n_matched",
]
MATCH_KEYS = ("unit", "grade", "jenis")


@dataclass(frozen=True)
class Cells:
    """Control sums per cell: period x stratum, plus one "all controls" cell per period."""

    y: sparse.csr_matrix  # control people x cells: sum of ordinal
    score: sparse.csr_matrix  # control people x cells: sum of score
    n: sparse.csr_matrix  # control people x cells: count
    fallback: np.ndarray  # cell -> the same period's all-controls cell
    everyone: np.ndarray  # per control record: its period's all-controls cell

    def means(self, y: np.ndarray, n: np.ndarray) -> np.ndarray:
        """Cell means (rows = samples), a stratum without data taking the all-controls mean."""
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = y / n
        return np.where(n > 0, mean, mean[..., self.fallback])

    def base(self, values: sparse.csr_matrix) -> np.ndarray:
        """Cell means over all control people (the point estimate's control means)."""
        return self.means(_column_sums(values), _column_sums(self.n))


def _column_sums(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(matrix.sum(axis=0)).ravel()


def plain(value: object) -> object:
    """A numpy or pandas scalar as a plain Python value, None where missing (JSON-safe)."""
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if value is None or pd.isna(value):
        return None
    return float(value) if isinstance(value, np.floating | float) else value


def period_codes(*frames: pd.DataFrame) -> list[np.ndarray]:
    """One integer code per calendar period (start, end), shared across the frames."""
    keys = [_period_key(f) for f in frames]
    codes, _ = pd.factorize(np.concatenate(keys))
    return np.split(codes, np.cumsum([len(k) for k in keys])[:-1])


def _period_key(frame: pd.DataFrame) -> np.ndarray:
    start = frame["period_start"].to_numpy("datetime64[D]").astype(np.int64)
    end = frame["period_end"].to_numpy("datetime64[D]").astype(np.int64)
    return (start << _SPAN_BITS) + (end - start)


def check_match(match: tuple[str, ...]) -> None:
    """A usage error (exit 2) for a stratum key other than :data:`MATCH_KEYS`."""
    unknown = set(match) - set(MATCH_KEYS)
    if unknown:
        raise UsageError.of("evaluate.error.unknown_control_match", unknown=sorted(unknown))


def strata(keys: pd.DataFrame, match: tuple[str, ...]) -> pd.Series:
    """Stratum text per row from ``unit`` (name key), ``grade`` (golongan group) and ``jenis``
    (jenis jabatan); NA when ``match`` is empty. A missing part is its own value ("?")."""
    check_match(match)
    out = pd.Series(pd.NA if not match else "", index=keys.index, dtype="string")
    parts = {
        "unit": lambda: name_key(keys["unit"]),
        "grade": lambda: (keys["golongan_id"] // 10).astype("string"),
        "jenis": lambda: keys["jenis_jabatan"].astype("string").str.lower(),
    }
    for key in MATCH_KEYS:  # at most three parts
        if key in match:
            out = out + "|" + parts[key]().astype("string").fillna("?")
    return out


def estimate(
    windows: pd.DataFrame,
    movers: pd.DataFrame,
    control: pd.DataFrame,
    settings: EvaluateSettings,
    *,
    placebo: bool = False,
) -> tuple[dict, pd.DataFrame, pd.DataFrame, pd.Series]:
    """DiD overall, per destination unit and per origin unit.

    ``placebo``: the pre-trend run (:func:`placebo_windows`), which needs only the estimates and
    intervals: the extreme-start flags and the control counts are skipped (zero).

    ``windows``: mover window records (event, side, period_start, period_end, ordinal, score).
    ``movers``: one row per event with ``event``, ``unit_tujuan``, ``unit_asal`` and
    ``stratum``. ``control``: control records (nip, period_start, period_end, ordinal, score,
    stratum), in period order per person. Returns the overall dict, the two unit tables and each
    event's effect (NA outside the DiD sample).
    """
    if settings.control == "matched":
        cells, rows = _matched(windows, movers, control, settings)
    else:
        cells, rows = _compare(windows, movers, control)
    design = _design(rows, movers, cells.n.shape[1], settings)
    frame = _effects(design, cells, rows, control, settings, flag_extremes=not placebo)
    groupings = {
        "all": np.zeros(len(frame), dtype=int),
        "unit_tujuan": pd.factorize(name_key(frame["unit_tujuan"]))[0],
        "unit_asal": pd.factorize(name_key(frame["unit_asal"]))[0],
    }
    variance = _control_variance(design, cells, groupings, settings)
    present = None if placebo else (cells.n > 0).astype(float)  # controls x cells
    tables = {
        name: _group_table(
            frame,
            codes,
            variance[name],
            np.zeros(codes.max(initial=-1) + 1, dtype=int)
            if present is None
            else _controls_used(design.a, present, codes),
            name,
            settings,
        )
        for name, codes in groupings.items()
    }
    overall = _overall(tables["all"], int(control["nip"].nunique()), settings)
    effects = frame.set_index("event")["effect"].reindex(movers["event"]).rename("effect")
    return overall, tables["unit_tujuan"], tables["unit_asal"], effects


def placebo_windows(windows: pd.DataFrame) -> pd.DataFrame:
    """The before records of each event split in two: the later half (nearest the TMT) as
    "after", the earlier half as "before" (an odd record goes to the earlier half)."""
    before = windows[windows["side"] == BEFORE]
    ordered = before.sort_values(["event", "period_end"], ascending=[True, False], kind="stable")
    rank = ordered.groupby("event").cumcount().to_numpy()
    size = ordered.groupby("event")["event"].transform("size").to_numpy()
    return ordered.assign(side=np.where(rank < size // 2, AFTER, BEFORE))


def _compare(
    windows: pd.DataFrame, movers: pd.DataFrame, control: pd.DataFrame
) -> tuple[Cells, pd.DataFrame]:
    """The control cells, and the window records that have a control mean, with its ``cell``."""
    win_period, ctl_period = period_codes(windows, control)
    codes, uniques = pd.factorize(pd.concat([movers["stratum"], control["stratum"]]))
    width = len(uniques) + 1  # the last slot of each period is "all controls"
    codes = np.where(codes < 0, width - 1, codes)
    mover_stratum = pd.Series(codes[: len(movers)], index=movers["event"].to_numpy())
    n_periods = max(win_period.max(initial=-1), ctl_period.max(initial=-1)) + 1
    cells = _control_cells(control, ctl_period, codes[len(movers) :], width, n_periods)
    base_n = _column_sums(cells.n)
    wanted = win_period * width + mover_stratum.reindex(windows["event"]).to_numpy()
    cell = np.where(base_n[wanted] > 0, wanted, cells.fallback[wanted])
    return cells, windows.assign(cell=cell)[base_n[cell] > 0]


def _matched(
    windows: pd.DataFrame,
    movers: pd.DataFrame,
    control: pd.DataFrame,
    settings: EvaluateSettings,
) -> tuple[Cells, pd.DataFrame]:
    """Cells for matched controls: one cell per (control set, period), then one "all controls"
    cell per period as the fallback. Movers with the same nearest set share its cells."""
    win_period, ctl_period = period_codes(windows, control)
    n_periods = max(win_period.max(initial=-1), ctl_period.max(initial=-1)) + 1
    person, people = pd.factorize(control["nip"])
    grid = np.full((len(people), max(n_periods, 1)), np.nan)
    grid[person, ctl_period] = control["ordinal"].to_numpy(float)
    score_grid = np.full_like(grid, np.nan)
    score_grid[person, ctl_period] = control["score"].to_numpy(float)
    person_stratum = control.groupby(person, sort=True)["stratum"].first()
    event_set, members = _nearest_sets(windows, win_period, movers, grid, person_stratum, settings)

    n_sets = int(members["set"].max()) + 1 if len(members["set"]) else 0
    set_cells = n_sets * n_periods
    member_person = members["person"]
    member_period = members["period"]
    value = grid[member_person, member_period]
    has = ~np.isnan(value)
    member_person, member_period = member_person[has], member_period[has]
    member_cell = members.pop("set")[has] * n_periods + member_period
    del members
    everyone = set_cells + ctl_period
    shape = (len(people), set_cells + n_periods)
    matrix = _pattern(
        np.concatenate([member_person, person]), np.concatenate([member_cell, everyone]), shape
    )
    del member_cell
    y = matrix(np.concatenate([value[has], control["ordinal"].to_numpy(float)]))
    del value
    score = matrix(
        np.concatenate(
            [score_grid[member_person, member_period], control["score"].to_numpy()]
        ).astype(float)
    )
    del member_person, member_period, score_grid
    n = matrix(None)

    period_of_cell = np.arange(shape[1]) % max(n_periods, 1)
    period_of_cell[set_cells:] = np.arange(n_periods)
    cells = Cells(y=y, score=score, n=n, fallback=set_cells + period_of_cell, everyone=everyone)
    base_n = _column_sums(cells.n)
    chosen = event_set.reindex(windows["event"]).fillna(-1).to_numpy(np.int64)
    own = np.where(chosen >= 0, chosen * n_periods + win_period, set_cells + win_period)
    cell = np.where((chosen >= 0) & (base_n[own] > 0), own, set_cells + win_period)
    rows = windows.assign(cell=cell, matched=cell == own)
    return cells, rows[base_n[cell] > 0]


def _pattern(
    rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]
) -> Callable[[np.ndarray | None], sparse.csr_matrix]:
    """``matrix(values)``: ``csr_matrix((values, (rows, cols)), shape)``, all ones for None.
    The sparsity pattern is sorted once and shared when no (row, column) pair repeats (else
    each matrix is built in full, repeats summed)."""
    order = sparse.csr_matrix((np.arange(1, len(rows) + 1, dtype=float), (rows, cols)), shape)
    if order.nnz != len(rows):  # repeated pairs are summed: scipy's own construction

        def build(values: np.ndarray | None) -> sparse.csr_matrix:
            values = np.ones(len(rows)) if values is None else values
            return sparse.csr_matrix((values, (rows, cols)), shape)

        return build
    taken = order.data.astype(np.int64) - 1
    indices, indptr = order.indices, order.indptr

    def shared(values: np.ndarray | None) -> sparse.csr_matrix:
        data = np.ones(len(taken)) if values is None else values[taken]
        return sparse.csr_matrix((data, indices, indptr), shape, copy=False)

    return shared


def _nearest_sets(
    windows: pd.DataFrame,
    win_period: np.ndarray,
    movers: pd.DataFrame,
    grid: np.ndarray,
    person_stratum: pd.Series,
    settings: EvaluateSettings,
) -> tuple[pd.Series, dict[str, np.ndarray]]:
    """Per event the id of its control set (-1 when none), and the sets' members per period.

    A mover's set: controls of the mover's stratum with data on both sides of the mover's
    windows whose mean predikat over the mover's before periods is within the distance of the
    ``match_controls``-th nearest (ties at that distance all included, so equal levels are
    treated alike and nothing depends on row order). Events sharing their before periods, after
    periods and stratum are matched together: a loop over those groups (a few per transfer
    date), vectorised inside. ``members``: set, person (grid row), period (the group's periods).
    """
    k = max(int(settings.match_controls), 1)
    frame = pd.DataFrame(
        {
            "event": windows["event"].to_numpy(),
            "after": (windows["side"] == AFTER).to_numpy(),
            "period": win_period,
            "ordinal": windows["ordinal"].to_numpy(float),
        }
    ).sort_values(["event", "after", "period"], kind="stable")
    if frame.empty:
        return pd.Series(dtype=np.int64), {
            key: np.empty(0, np.int64) for key in ("set", "person", "period")
        }
    pre = frame[~frame["after"]].groupby("event")["ordinal"].mean()
    # the set of periods on each side as an exact integer key: a sum of random 40-bit numbers
    tag = np.random.default_rng(0).integers(0, 2**40, int(frame["period"].max()) + 1)
    position, events = pd.factorize(frame["event"])
    weight = tag[frame["period"].to_numpy()].astype(float)
    after_mask = frame["after"].to_numpy()
    key_before = np.bincount(position, np.where(after_mask, 0.0, weight), len(events))
    key_after = np.bincount(position, np.where(after_mask, weight, 0.0), len(events))
    signature = pd.Series(
        pd.factorize(pd.MultiIndex.from_arrays([key_before, key_after]))[0], index=events
    )
    # each event's rows in ``frame`` (sorted by event, side, period): one slice per event
    first_row = np.flatnonzero(np.r_[True, position[1:] != position[:-1]])
    last_row = np.r_[first_row[1:], len(position)]
    periods = frame["period"].to_numpy(np.int64)
    stratum = movers.set_index("event")["stratum"].reindex(events).astype(object)
    # groups in (signature, stratum) order, a missing stratum last, as a sorted groupby gives
    mover_stratum, stratum_names = pd.factorize(stratum, sort=True)
    group_key = np.where(mover_stratum < 0, len(stratum_names), mover_stratum)
    group_order = np.lexsort((group_key, signature.to_numpy()))
    group_of = np.stack([signature.to_numpy()[group_order], group_key[group_order]], axis=1)
    group_first = np.flatnonzero(np.r_[True, (group_of[1:] != group_of[:-1]).any(axis=1)])
    group_end = np.r_[group_first[1:], len(group_order)]
    pre_level = pre.reindex(events).to_numpy(float)

    person_code, person_names = pd.factorize(person_stratum.astype(object).to_numpy())
    code_of = {name: code for code, name in enumerate(person_names)}
    pools: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # stratum -> (people, their grid rows)

    def pool(name: object) -> tuple[np.ndarray, np.ndarray]:
        code = -2 if pd.isna(name) else code_of.get(name, -3)
        if code not in pools:
            people = (
                np.arange(len(person_code)) if code == -2 else np.flatnonzero(person_code == code)
            )
            pools[code] = (people, grid[people])
        return pools[code]

    event_set = np.full(len(events), -1, dtype=np.int64)
    need = max(int(settings.min_periods), 1)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    next_set = 0
    for begin, stop in zip(group_first, group_end, strict=True):
        group = group_order[begin:stop]  # positions in ``events``, ascending
        first = group[0]
        side = after_mask[first_row[first] : last_row[first]]
        own = periods[first_row[first] : last_row[first]]
        before, after = own[~side], own[side]
        target = pre_level[group]
        if before.size == 0 or after.size == 0 or np.isnan(target).all():
            continue
        group_key_value = group_key[first]
        name = pd.NA if group_key_value == len(stratum_names) else stratum_names[group_key_value]
        candidates, rows = pool(name)
        pre_values = rows[:, before]
        pre_count = (~np.isnan(pre_values)).sum(axis=1)
        post_count = (~np.isnan(rows[:, after])).sum(axis=1)
        usable = (pre_count >= min(need, before.size)) & (post_count >= min(need, after.size))
        if not usable.any():
            continue
        with np.errstate(invalid="ignore"):
            level = np.nanmean(pre_values[usable], axis=1)
        order = np.argsort(level, kind="stable")
        level, candidates = level[order], candidates[usable][order]
        # distance of the k-th nearest: among the 2k around the insertion point
        at = np.searchsorted(level, target)
        window = at[:, None] + np.arange(-k, k)[None, :]
        valid = (window >= 0) & (window < level.size)
        distance = np.where(
            valid, np.abs(level[np.clip(window, 0, level.size - 1)] - target[:, None]), np.inf
        )
        kth = np.sort(distance, axis=1)[:, min(k, level.size) - 1] + 1e-9
        low = np.searchsorted(level, target - kth, side="left")
        high = np.searchsorted(level, target + kth, side="right")
        bounds, set_of = np.unique(np.stack([low, high], axis=1), axis=0, return_inverse=True)
        event_set[group] = next_set + set_of.ravel()
        sizes = bounds[:, 1] - bounds[:, 0]
        set_ids = np.repeat(np.arange(len(bounds)), sizes)
        offsets = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        member = candidates[np.repeat(bounds[:, 0], sizes) + offsets]
        periods_used = np.concatenate([before, after])
        parts.append(
            (
                np.repeat(next_set + set_ids, periods_used.size),
                np.repeat(member, periods_used.size),
                np.tile(periods_used, member.size),
            )
        )
        next_set += len(bounds)
    members = {
        key: np.concatenate([part[i] for part in parts]).astype(np.int64, copy=False)
        if parts
        else np.empty(0, np.int64)
        for i, key in enumerate(("set", "person", "period"))
    }
    return pd.Series(event_set, index=events), members


def _control_cells(
    control: pd.DataFrame, period: np.ndarray, stratum: np.ndarray, width: int, n_periods: int
) -> Cells:
    person = pd.factorize(control["nip"])[0]
    everyone = period * width + (width - 1)
    split = stratum != width - 1  # stratified records also count in the period's "all" cell
    rows = np.concatenate([person, person[split]])
    cols = np.concatenate([period * width + stratum, everyone[split]])
    shape = (person.max(initial=-1) + 1, n_periods * width)

    def matrix(values: np.ndarray) -> sparse.csr_matrix:
        return sparse.csr_matrix((np.concatenate([values, values[split]]), (rows, cols)), shape)

    fallback = (np.arange(shape[1]) // width) * width + (width - 1)
    return Cells(
        y=matrix(control["ordinal"].to_numpy(float)),
        score=matrix(control["score"].to_numpy(float)),
        n=matrix(np.ones(len(control))),
        fallback=fallback,
        everyone=everyone,
    )


@dataclass(frozen=True)
class _Design:
    sample: pd.DataFrame  # the movers in the DiD sample, one row per event
    a: sparse.csr_matrix  # events x cells: +1/n_after, -1/n_before
    mover_part: np.ndarray  # mean after - mean before (ordinal), on compared records
    mover_score: np.ndarray


def _design(
    rows: pd.DataFrame, movers: pd.DataFrame, n_cells: int, settings: EvaluateSettings
) -> _Design:
    """Movers with at least ``min_periods`` compared records on each side, and their weights."""
    counts = rows.groupby(["event", "side"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[BEFORE, AFTER], fill_value=0)
    least = counts.min(axis=1)
    eligible = movers[movers["event"].isin(least.index[least >= settings.min_periods])]
    rows = rows[rows["event"].isin(eligible["event"])]
    position = pd.Series(np.arange(len(eligible)), index=eligible["event"].to_numpy())
    row_index = position.reindex(rows["event"]).to_numpy()
    per_side = counts.reindex(rows["event"]).to_numpy()
    is_after = (rows["side"] == AFTER).to_numpy()
    weight = np.where(is_after, 1.0 / per_side[:, 1], -1.0 / per_side[:, 0])
    a = sparse.csr_matrix(
        (weight, (row_index, rows["cell"].to_numpy())),
        shape=(len(eligible), n_cells),
    )
    matched = (
        rows.groupby("event")["matched"].all().reindex(eligible["event"]).to_numpy(bool)
        if "matched" in rows.columns
        else np.zeros(len(eligible), dtype=bool)
    )
    eligible = eligible.assign(matched=matched)
    part = np.bincount(row_index, weight * rows["ordinal"].astype(float).to_numpy(), len(eligible))
    score = np.bincount(row_index, weight * rows["score"].astype(float).to_numpy(), len(eligible))
    return _Design(eligible.reset_index(drop=True), a, part, score)


def _effects(
    design: _Design,
    cells: Cells,
    rows: pd.DataFrame,
    control: pd.DataFrame,
    settings: EvaluateSettings,
    *,
    flag_extremes: bool = True,
) -> pd.DataFrame:
    """The DiD sample with each mover's effect, both changes and the extreme-start flag."""
    base = cells.base(cells.y)
    # levels against all controls of the period, as the non-movers' reference below
    excess = rows["ordinal"].to_numpy(float) - base[cells.fallback[rows["cell"].to_numpy()]]
    before = (rows["side"] == BEFORE).to_numpy()
    pre_excess = pd.Series(excess[before], index=rows["event"].to_numpy()[before])
    pre_excess = pre_excess.groupby(level=0).mean().reindex(design.sample["event"])
    if flag_extremes:
        control_excess = control["ordinal"].to_numpy(float) - base[cells.everyone]
        reference = _block_means(control["nip"], control_excess, settings)
        extreme = _extreme(pre_excess.to_numpy(float), reference, settings)
    else:
        extreme = np.zeros(len(design.sample), dtype=bool)
    control_change = design.a @ base
    return design.sample.assign(
        effect=design.mover_part - control_change,
        effect_score=design.mover_score - design.a @ cells.base(cells.score),
        mover_change=design.mover_part,
        control_change=control_change,
        extreme=extreme,
    )


def _control_variance(
    design: _Design,
    cells: Cells,
    groupings: dict[str, np.ndarray],
    settings: EvaluateSettings,
) -> dict[str, np.ndarray]:
    """Per grouping, per group: the variance of the group's mean effect due to the control
    group, over resamples of control people (movers held fixed)."""
    total = settings.bootstrap_samples
    out = {name: np.zeros(codes.max(initial=-1) + 1) for name, codes in groupings.items()}
    n_movers = design.a.shape[0]
    if n_movers == 0 or cells.n.shape[0] == 0 or total < 2:
        return out
    plans = {name: _Groups.of(codes) for name, codes in groupings.items()}
    samples = {name: np.empty((total, len(out[name]))) for name in groupings}
    # sparse (single-threaded, predictable) and column-major: each control person's weights are
    # read once for all their cells (the sums run over people in the same order as row-major)
    y_t, n_t = cells.y.T.tocsc(), cells.n.T.tocsc()
    draws = _draws(settings.seed, cells.n.shape[0], total)
    for start, counts in zip(range(0, total, _BLOCK), draws, strict=True):
        block = counts.shape[1]
        weights = counts.astype(float)  # controls x block
        means = cells.means(np.asarray(y_t @ weights).T, np.asarray(n_t @ weights).T)
        effects = -np.asarray(design.a @ means.T).T  # block x movers (mover part is fixed)
        for name, plan in plans.items():
            samples[name][start : start + block] = plan.means(effects)
    with np.errstate(invalid="ignore"):
        return {name: np.nan_to_num(np.nanvar(v, axis=0, ddof=1)) for name, v in samples.items()}


def _resample_counts(rng: np.random.Generator, n: int, block: int) -> np.ndarray:
    """How often each of ``n`` control people is drawn in each of ``block`` resamples (n x
    block): Poisson(1) counts, the large-sample form of drawing ``n`` with replacement, in one
    vectorised draw."""
    return np.ascontiguousarray(rng.poisson(1.0, (n, block)).astype(float))


@functools.lru_cache(maxsize=1)
def _draws(seed: int, n: int, total: int) -> tuple[np.ndarray, ...]:
    """The resample counts of :func:`_control_variance`, block by block (``_BLOCK`` resamples
    each, the last one shorter) from ``numpy.random.Generator(seed)``; small integers, kept for
    the pre-trend run, which resamples the same control people with the same seed."""
    rng = np.random.default_rng(seed)
    blocks = []
    for start in range(0, total, _BLOCK):
        counts = _resample_counts(rng, n, min(_BLOCK, total - start))
        small = counts.astype(np.uint16)
        small.flags.writeable = False
        blocks.append(small)
    return tuple(blocks)


def release_draws() -> None:
    """Let the resample counts of :func:`_draws` go (they serve one evaluation's main and
    pre-trend run, and would otherwise stay in memory until the next evaluation)."""
    _draws.cache_clear()


@dataclass(frozen=True)
class _Groups:
    """Movers ordered by group, to average each group's effects in every resample."""

    order: np.ndarray  # mover positions sorted by group
    starts: np.ndarray  # first sorted position of each group
    sizes: np.ndarray

    @classmethod
    def of(cls, codes: np.ndarray) -> _Groups:
        order = np.argsort(codes, kind="stable")
        sizes = np.bincount(codes)
        return cls(order, np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)

    def means(self, effects: np.ndarray) -> np.ndarray:
        """Per sample (row) the mean effect of each group."""
        values = effects[:, self.order]
        return np.add.reduceat(values, self.starts, axis=1) / self.sizes


def _controls_used(
    a: sparse.csr_matrix, present: sparse.csr_matrix, codes: np.ndarray
) -> np.ndarray:
    """Per group, the number of control people with a record in a cell its movers compare with
    (``present``: 1 where a control person has a record in a cell)."""
    groups = codes.max(initial=-1) + 1
    if a.shape[0] == 0:
        return np.zeros(groups, dtype=int)
    member = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
    used = ((member @ abs(a)) > 0).astype(float)  # groups x cells
    touches = present @ used.T  # controls x groups
    return np.asarray((touches > 0).sum(axis=0)).ravel()


def _block_means(nip: pd.Series, excess: np.ndarray, settings: EvaluateSettings) -> np.ndarray:
    """Sorted mean excess of each full block of ``before_periods`` consecutive control records.

    ``nip`` and ``excess`` are in period order within each person (records are sorted so).
    """
    size = settings.before_periods
    person = pd.factorize(nip)[0].astype(np.int64)
    block = pd.Series(person).groupby(person, sort=False).cumcount().to_numpy() // size
    grouped = pd.Series(excess).groupby(person * (block.max(initial=0) + 1) + block)
    means = grouped.mean()[grouped.size() == size]
    return np.sort(means.to_numpy(float))


def _extreme(values: np.ndarray, reference: np.ndarray, settings: EvaluateSettings) -> np.ndarray:
    """True where the mid-rank percentile among ``reference`` is in the top or bottom tail."""
    if reference.size == 0:
        return np.zeros(values.shape, dtype=bool)
    low = np.searchsorted(reference, values, side="left")
    high = np.searchsorted(reference, values, side="right")
    percentile = (low + high) / 2 / reference.size
    q = settings.extreme_pre_quantile
    return (percentile < q) | (percentile > 1 - q)


def t_interval(
    estimate: np.ndarray, sd: np.ndarray, n: np.ndarray, extra_var: np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """``estimate -/+ t(n-1) * sqrt(sd**2 / n + extra_var)``; NA below two movers."""
    n = np.asarray(n, dtype=float)
    with np.errstate(all="ignore"):
        se = np.sqrt(np.asarray(sd, float) ** 2 / n + np.asarray(extra_var, float))
        q = stats.t.ppf(1 - (1 - confidence) / 2, np.where(n >= 2, n - 1, np.nan))
    half = np.where(n >= 2, q * se, np.nan)
    return estimate - half, estimate + half


def _group_table(
    frame: pd.DataFrame,
    codes: np.ndarray,
    control_var: np.ndarray,
    n_control: np.ndarray,
    unit_column: str,
    settings: EvaluateSettings,
) -> pd.DataFrame:
    unit = frame[unit_column] if unit_column in frame.columns else pd.Series("", index=frame.index)
    groups = codes.max(initial=-1) + 1
    n = np.bincount(codes, minlength=groups)
    present = np.flatnonzero(n > 0)
    _, first = np.unique(codes, return_index=True)
    effect = frame["effect"].to_numpy(float)

    def mean(values: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return (np.bincount(codes, values, minlength=groups) / n)[present]

    centred = effect - mean(effect)[np.searchsorted(present, codes)] if len(codes) else effect
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(np.bincount(codes, centred**2, minlength=groups)[present] / (n[present] - 1))
    table = pd.DataFrame(
        {
            "unit": unit.to_numpy(object)[first] if len(codes) else [],
            "n_moved": n[present],
            "mover_change": mean(frame["mover_change"].to_numpy(float)),
            "control_change": mean(frame["control_change"].to_numpy(float)),
            "estimate": mean(effect),
            "sd": sd,
            "estimate_score": mean(frame["effect_score"].to_numpy(float)),
            "n_extreme": np.bincount(codes, frame["extreme"].to_numpy(float), groups)[present]
            .round()
            .astype(int),
            "n_matched": np.bincount(codes, frame["matched"].to_numpy(float), groups)[present]
            .round()
            .astype(int),
        },
        index=present,
    )
    if len(table):
        low, high = t_interval(
            table["estimate"].to_numpy(float),
            table["sd"].to_numpy(float),
            table["n_moved"].to_numpy(),
            control_var[table.index],
            settings.confidence,
        )
    else:
        low = high = []
    table["low"] = low
    table["high"] = high
    table["n_control"] = n_control[table.index] if len(table) else []
    table["small_group"] = table["n_moved"] < settings.min_group_n
    chance = stats.binom.sf(
        table["n_extreme"] - 1, table["n_moved"], 2 * settings.extreme_pre_quantile
    )
    table["regression_to_mean"] = chance < 1 - settings.confidence
    return (
        table[GROUP_COLUMNS]
        .sort_values(["n_moved", "unit"], ascending=[False, True])
        .reset_index(drop=True)
    )


def _overall(table: pd.DataFrame, n_control: int, settings: EvaluateSettings) -> dict:
    """The overall row as plain Python values (None where undefined)."""
    row = table.iloc[0].to_dict() if len(table) else {"n_moved": 0, "n_extreme": 0, "n_matched": 0}
    out = {k: plain(row.get(k)) for k in GROUP_COLUMNS[1:]}
    out["n_control"] = out["n_control"] if len(table) else n_control
    out["small_group"] = out["n_moved"] < settings.min_group_n
    out["regression_to_mean"] = bool(out["regression_to_mean"])
    out["no_control"] = n_control == 0
    return out
