"""Job Person Match, DOMAIN.md section 2.

``JPM % = sum(capaian) / sum(standar) * 100`` over the competencies the position's standard
(Standar Kompetensi Jabatan) sets (2.1). Choices, all in :class:`~mutasi_cli.settings.JpmSettings`:

* A competency without a standard level does not count. One with a standard but no assessed level
  counts as 0 (no credit for what was not assessed); with no assessed level at all the JPM is
  unknown (NaN).
* ``cap_per_item`` caps each level at its standard before summing (UNCONFIRMED, off by default);
  ``cap_total`` caps the result (100 %, Kaltim code).
* ``use_jenjang_weights``: for a jenjang in ``weights_teknis`` the JPM is
  ``w * JPM(teknis) + (1 - w) * JPM(manajerial + sosial kultural)`` (PermenPANRB 35/2020, 2.1).

Categories compare the unrounded value with inclusive lower bounds (2.4): pemetaan (Peraturan BRIN
3/2023, 2.3A) and seleksi (PermenPANRB 35/2020, 2.3B). The labels are the regulations' own terms.

Arrays are ``(..., k)`` with the k competencies on the last axis; NaN marks a missing level.
:func:`jpm_percent` compares row with row; :func:`jpm_matrix` every person with every position.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mutasi_cli.settings import JpmSettings

OPTIMAL, CUKUP_OPTIMAL, KURANG_OPTIMAL = "Optimal", "Cukup Optimal", "Kurang Optimal"
MS, MMS, KMS = "Memenuhi Syarat", "Masih Memenuhi Syarat", "Kurang Memenuhi Syarat"


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, 100.0 * num / np.where(den > 0, den, 1.0), np.nan)


def _finish(
    sums: dict[str, np.ndarray],
    assessed: np.ndarray,
    teknis_weight: np.ndarray | None,
    settings: JpmSettings,
) -> np.ndarray:
    """Combine the group sums into the (weighted, capped) JPM %."""
    pct = _ratio(sums["num_t"] + sums["num_m"], sums["den_t"] + sums["den_m"])
    if teknis_weight is not None:
        w = np.asarray(teknis_weight, float)
        weighted = w * _ratio(sums["num_t"], sums["den_t"]) + (1 - w) * _ratio(
            sums["num_m"], sums["den_m"]
        )
        pct = np.where(np.isfinite(weighted), weighted, pct)
    return np.minimum(np.where(assessed, pct, np.nan), settings.cap_total)


def _prepare(capaian: ArrayLike, standar: ArrayLike, teknis: ArrayLike | None):
    cap = np.asarray(capaian, float)
    std = np.asarray(standar, float)
    k = std.shape[-1]
    tek = np.zeros(k, bool) if teknis is None else np.asarray(teknis, bool)
    return cap, std, tek


def jpm_percent(
    capaian: ArrayLike,
    standar: ArrayLike,
    settings: JpmSettings,
    *,
    teknis: ArrayLike | None = None,
    teknis_weight: ArrayLike | None = None,
) -> np.ndarray:
    """JPM % of each ``capaian`` row against the matching ``standar`` row (arrays broadcast).

    ``teknis``: bool ``(k,)`` marking the technical competencies; ``teknis_weight``: weight of the
    technical group per row (NaN: unweighted), used only when both are given.
    """
    cap, std, tek = _prepare(capaian, standar, teknis)
    has_std = ~np.isnan(std)
    got = np.where(has_std, np.nan_to_num(cap, nan=0.0), 0.0)
    if settings.cap_per_item:
        got = np.minimum(got, np.nan_to_num(std, nan=0.0))
    std0 = np.where(has_std, std, 0.0)
    sums = {
        "num_t": (got * tek).sum(-1),
        "den_t": (std0 * tek).sum(-1),
        "num_m": (got * ~tek).sum(-1),
        "den_m": (std0 * ~tek).sum(-1),
    }
    assessed = (has_std & ~np.isnan(cap)).any(-1)
    return _finish(sums, assessed, teknis_weight, settings)


def jpm_matrix(
    capaian: ArrayLike,
    standar: ArrayLike,
    settings: JpmSettings,
    *,
    teknis: ArrayLike | None = None,
    teknis_weight: ArrayLike | None = None,
    cells: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """JPM % of every person ``(n, k)`` against every standard ``(m, k)``: an ``(n, m)`` array.

    Without the per-item cap the sums are matrix products (no ``n * m * k`` temporary); with it
    the comparison broadcasts, so callers pass chunks of people. ``teknis_weight`` is ``(m,)``.
    ``cells`` (person indices, standard indices): only those cells, as a 1-D array equal to
    ``jpm_matrix(...)[cells]``: the products stay whole, the ratios are taken where asked.
    """
    cap, std, tek = _prepare(capaian, standar, teknis)
    if settings.cap_per_item and cells is not None:
        rows, cols = cells
        weight = None if teknis_weight is None else np.asarray(teknis_weight, float)[cols]
        return jpm_percent(cap[rows], std[cols], settings, teknis=tek, teknis_weight=weight)
    if settings.cap_per_item:
        return jpm_percent(
            cap[:, None, :],
            std[None, :, :],
            settings,
            teknis=tek,
            teknis_weight=None if teknis_weight is None else np.asarray(teknis_weight)[None, :],
        )
    has_std = (~np.isnan(std)).astype(float)
    cap0 = np.nan_to_num(cap, nan=0.0)
    std0 = np.nan_to_num(std, nan=0.0)
    sums = {
        "num_t": cap0 @ (has_std * tek).T,
        "den_t": (std0 * tek).sum(-1)[None, :],
        "num_m": cap0 @ (has_std * ~tek).T,
        "den_m": (std0 * ~tek).sum(-1)[None, :],
    }
    assessed = ((~np.isnan(cap)).astype(float) @ has_std.T) > 0
    weight = None if teknis_weight is None else np.asarray(teknis_weight, float)[None, :]
    if cells is not None:
        rows, cols = cells
        sums = {
            "num_t": sums["num_t"][rows, cols],
            "den_t": sums["den_t"][0, cols],
            "num_m": sums["num_m"][rows, cols],
            "den_m": sums["den_m"][0, cols],
        }
        assessed = assessed[rows, cols]
        weight = None if weight is None else weight[0, cols]
    return _finish(sums, assessed, weight, settings)


def teknis_weights(jenjang: pd.Series, settings: JpmSettings) -> np.ndarray | None:
    """Weight of the technical group per position from its jenjang (NaN: unweighted).

    None when ``use_jenjang_weights`` is off.
    """
    if not settings.use_jenjang_weights:
        return None
    folded = jenjang.astype("string").str.strip().str.casefold()
    return folded.map(settings.weights_teknis).astype("Float64").to_numpy(float, na_value=np.nan)


def _categories(pct: ArrayLike, bounds: Sequence[float], labels: Sequence[str]) -> np.ndarray:
    x = np.asarray(pct, float)
    out = np.select([x >= b for b in bounds], labels[: len(bounds)], labels[-1]).astype(object)
    out[np.isnan(x)] = None
    return out


def pemetaan_category(pct: ArrayLike, settings: JpmSettings) -> np.ndarray:
    """Optimal (>= 90) / Cukup Optimal (>= 78) / Kurang Optimal; None where unknown (2.3A)."""
    return _categories(
        pct, (settings.optimal, settings.cukup_optimal), (OPTIMAL, CUKUP_OPTIMAL, KURANG_OPTIMAL)
    )


def seleksi_category(pct: ArrayLike, settings: JpmSettings) -> np.ndarray:
    """Memenuhi Syarat (>= 80) / Masih Memenuhi Syarat (>= 68) / Kurang Memenuhi Syarat (2.3B)."""
    return _categories(
        pct, (settings.memenuhi_syarat, settings.masih_memenuhi_syarat), (MS, MMS, KMS)
    )
