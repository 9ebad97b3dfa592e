"""Difference in differences against people who did not move, with a bootstrap interval.

Method (documented for the committee):

1. The control group is everyone with performance records who is not in the transfer history.
   For each calendar period (and, with ``control_match``, each stratum of origin unit and/or
   grade group) the control mean predikat step is computed.
2. Each of a mover's window records is compared with the control mean of the same period: the
   record's *excess* is ``ordinal - control mean``. The mover's effect is the mean excess after
   the move minus the mean excess before it, i.e. the mover's change minus the control group's
   change over exactly the mover's own periods. Office-wide shifts (a stricter or kinder year)
   cancel out. A stratum with no control record in a period falls back to all controls.
3. The estimate is the mean effect over movers with at least ``min_periods`` compared records on
   each side; per destination and per origin unit the mean over that unit's movers.
4. The interval is a percentile bootstrap: movers are resampled within each group and the
   control people are resampled as a whole (index matrices from ``numpy.random.Generator(seed)``,
   ``bootstrap_samples`` draws, processed in blocks).
5. Warnings: a group with fewer than ``min_group_n`` movers is flagged. A mover's pre-transfer
   level is *extreme* when their mean excess before the move lies in the top or bottom
   ``extreme_pre_quantile`` (mid-rank percentile) of the non-movers' mean excess over blocks of
   ``before_periods`` consecutive records: levels relative to the same periods, over windows of
   the same length. A group is flagged when it holds more extreme movers than random selection
   would give (one-sided binomial test against a share of twice that quantile, at level
   ``1 - confidence``): its change partly reflects regression to the mean.
"""

from __future__ import annotations

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
]


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


def strata(keys: pd.DataFrame, match: tuple[str, ...]) -> pd.Series:
    """Stratum text per row from ``unit`` (name key) and ``grade`` (golongan group); NA if none."""
    unknown = set(match) - {"unit", "grade"}
    if unknown:
        raise UsageError.of("evaluate.error.unknown_control_match", unknown=sorted(unknown))
    out = pd.Series(pd.NA if not match else "", index=keys.index, dtype="string")
    if "unit" in match:
        out = out + "|" + name_key(keys["unit"])
    if "grade" in match:
        out = out + "|" + (keys["golongan_id"] // 10).astype("string")
    return out


def estimate(
    windows: pd.DataFrame,
    movers: pd.DataFrame,
    control: pd.DataFrame,
    settings: EvaluateSettings,
) -> tuple[dict, pd.DataFrame, pd.DataFrame, pd.Series]:
    """DiD overall, per destination unit and per origin unit.

    ``windows``: mover window records (event, side, period_start, period_end, ordinal, score).
    ``movers``: one row per event with ``event``, ``unit_tujuan``, ``unit_asal`` and
    ``stratum``. ``control``: control records (nip, period_start, period_end, ordinal, score,
    stratum), in period order per person. Returns the overall dict, the two unit tables and each
    event's effect (NA outside the DiD sample).
    """
    cells, rows = _compare(windows, movers, control)
    design = _design(rows, movers, cells.n.shape[1], settings)
    frame = _effects(design, cells, rows, control, settings)
    groupings = {
        "all": np.zeros(len(frame), dtype=int),
        "unit_tujuan": pd.factorize(name_key(frame["unit_tujuan"]))[0],
        "unit_asal": pd.factorize(name_key(frame["unit_asal"]))[0],
    }
    boot = _bootstrap(design, cells, groupings, settings)
    tables = {
        name: _group_table(
            frame, codes, boot[name], _controls_used(design.a, cells.n, codes), name, settings
        )
        for name, codes in groupings.items()
    }
    overall = _overall(tables["all"], int(control["nip"].nunique()), settings)
    effects = frame.set_index("event")["effect"].reindex(movers["event"]).rename("effect")
    return overall, tables["unit_tujuan"], tables["unit_asal"], effects


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
    part = np.bincount(row_index, weight * rows["ordinal"].astype(float).to_numpy(), len(eligible))
    score = np.bincount(row_index, weight * rows["score"].astype(float).to_numpy(), len(eligible))
    return _Design(eligible.reset_index(drop=True), a, part, score)


def _effects(
    design: _Design,
    cells: Cells,
    rows: pd.DataFrame,
    control: pd.DataFrame,
    settings: EvaluateSettings,
) -> pd.DataFrame:
    """The DiD sample with each mover's effect, both changes and the extreme-start flag."""
    base = cells.base(cells.y)
    excess = rows["ordinal"].to_numpy(float) - base[rows["cell"].to_numpy()]
    before = (rows["side"] == BEFORE).to_numpy()
    pre_excess = pd.Series(excess[before], index=rows["event"].to_numpy()[before])
    pre_excess = pre_excess.groupby(level=0).mean().reindex(design.sample["event"])
    control_excess = control["ordinal"].to_numpy(float) - base[cells.everyone]
    reference = _block_means(control["nip"], control_excess, settings)
    control_change = design.a @ base
    return design.sample.assign(
        effect=design.mover_part - control_change,
        effect_score=design.mover_score - design.a @ cells.base(cells.score),
        mover_change=design.mover_part,
        control_change=control_change,
        extreme=_extreme(pre_excess.to_numpy(float), reference, settings),
    )


def _bootstrap(
    design: _Design,
    cells: Cells,
    groupings: dict[str, np.ndarray],
    settings: EvaluateSettings,
) -> dict[str, np.ndarray]:
    """Samples x groups bootstrap estimates per grouping."""
    total = settings.bootstrap_samples
    out = {
        name: np.full((total, codes.max(initial=-1) + 1), np.nan)
        for name, codes in groupings.items()
    }
    n_movers = design.a.shape[0]
    if n_movers == 0 or cells.n.shape[0] == 0:
        return out
    rng = np.random.default_rng(settings.seed)
    plans = {name: _GroupDraw.of(codes) for name, codes in groupings.items()}
    y_t, n_t = cells.y.T.tocsr(), cells.n.T.tocsr()  # sparse: single-threaded, predictable
    for start in range(0, total, _BLOCK):
        block = min(_BLOCK, total - start)
        weights = _resample_counts(rng, cells.n.shape[0], block)  # controls x block
        means = cells.means(np.asarray(y_t @ weights).T, np.asarray(n_t @ weights).T)
        effects = design.mover_part[None, :] - np.asarray(design.a @ means.T).T  # block x movers
        for name, plan in plans.items():
            out[name][start : start + block] = plan.means(effects, rng)
    return out


def _resample_counts(rng: np.random.Generator, n: int, block: int) -> np.ndarray:
    """How often each of ``n`` people is drawn in each of ``block`` resamples (n x block)."""
    counts = np.empty((block, n))
    for b in range(block):  # one vectorised draw per resample; counting stays in cache
        counts[b] = np.bincount(rng.integers(0, n, n), minlength=n)
    return np.ascontiguousarray(counts.T)  # C order: the fastest sparse product


@dataclass(frozen=True)
class _GroupDraw:
    order: np.ndarray  # mover positions sorted by group
    starts: np.ndarray  # first sorted position of each group
    sizes: np.ndarray
    member_start: np.ndarray  # per sorted position: its group's start
    member_size: np.ndarray

    @classmethod
    def of(cls, codes: np.ndarray) -> _GroupDraw:
        order = np.argsort(codes, kind="stable")
        sizes = np.bincount(codes)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        sorted_codes = codes[order]
        return cls(order, starts, sizes, starts[sorted_codes], sizes[sorted_codes])

    def means(self, effects: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Per sample (row) the mean effect of each group, movers drawn within their group."""
        u = rng.random(effects.shape)
        picked = self.order[self.member_start + (u * self.member_size).astype(np.int64)]
        values = np.take_along_axis(effects, picked, axis=1)
        return np.add.reduceat(values, self.starts, axis=1) / self.sizes


def _controls_used(a: sparse.csr_matrix, n: sparse.csr_matrix, codes: np.ndarray) -> np.ndarray:
    """Per group, the number of control people with a record in a cell its movers compare with."""
    groups = codes.max(initial=-1) + 1
    if a.shape[0] == 0:
        return np.zeros(groups, dtype=int)
    member = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
    used = ((member @ abs(a)) > 0).astype(float)  # groups x cells
    touches = (n > 0).astype(float) @ used.T  # controls x groups
    return np.asarray((touches > 0).sum(axis=0)).ravel()


def _block_means(nip: pd.Series, excess: np.ndarray, settings: EvaluateSettings) -> np.ndarray:
    """Sorted mean excess of each full block of ``before_periods`` consecutive control records.

    ``nip`` and ``excess`` are in period order within each person (records are sorted so).
    """
    size = settings.before_periods
    block = nip.groupby(nip, sort=False).cumcount().to_numpy() // size
    grouped = pd.Series(excess).groupby([nip.to_numpy(), block])
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


def _group_table(
    frame: pd.DataFrame,
    codes: np.ndarray,
    boot: np.ndarray,
    n_control: np.ndarray,
    unit_column: str,
    settings: EvaluateSettings,
) -> pd.DataFrame:
    tail = (1 - settings.confidence) / 2 * 100
    with np.errstate(all="ignore"):
        low, high = (
            np.nanpercentile(boot, [tail, 100 - tail], axis=0)
            if boot.size and not np.isnan(boot).all()
            else np.full((2, boot.shape[1]), np.nan)
        )
    unit = frame[unit_column] if unit_column in frame.columns else pd.Series("", index=frame.index)
    table = (
        frame.assign(_g=codes, unit=unit)
        .groupby("_g")
        .agg(
            unit=("unit", "first"),
            n_moved=("event", "size"),
            mover_change=("mover_change", "mean"),
            control_change=("control_change", "mean"),
            estimate=("effect", "mean"),
            estimate_score=("effect_score", "mean"),
            n_extreme=("extreme", "sum"),
        )
    )
    table["low"] = low[table.index] if len(table) else []
    table["high"] = high[table.index] if len(table) else []
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
    row = table.iloc[0].to_dict() if len(table) else {"n_moved": 0, "n_extreme": 0}
    out = {k: plain(row.get(k)) for k in GROUP_COLUMNS[1:]}
    out["n_control"] = out["n_control"] if len(table) else n_control
    out["small_group"] = out["n_moved"] < settings.min_group_n
    out["regression_to_mean"] = bool(out["regression_to_mean"])
    out["no_control"] = n_control == 0
    return out
