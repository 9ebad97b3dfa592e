"""JPM (DOMAIN.md 2, worked examples J1-J10 of section 10)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.rules.jpm import (
    jpm_matrix,
    jpm_percent,
    pemetaan_category,
    seleksi_category,
    teknis_weights,
)
from mutasi_cli.settings import JpmSettings

CFG = JpmSettings()
NINE_AT_3 = [3] * 9
SEVEN_AT_3 = [3] * 7


def _seven(total: int) -> list[int]:
    """Seven levels summing to ``total`` (BKD Jatim style, each standard 3)."""
    levels = [3] * 7
    for i in range(21 - total):
        levels[i] -= 1
    return levels


@pytest.mark.parametrize(
    ("standar", "capaian", "pct", "pemetaan", "seleksi"),
    [
        (NINE_AT_3, [3, 3, 3, 2, 3, 3, 2, 3, 3], 92.5926, "Optimal", "Memenuhi Syarat"),
        (NINE_AT_3, [3, 2, 2, 3, 2, 3, 2, 3, 2], 81.4815, "Cukup Optimal", "Memenuhi Syarat"),
        (
            NINE_AT_3,
            [2, 2, 2, 2, 3, 2, 3, 2, 3],
            77.7778,
            "Kurang Optimal",
            "Masih Memenuhi Syarat",
        ),
        (SEVEN_AT_3, _seven(19), 90.4762, "Optimal", "Memenuhi Syarat"),
        (SEVEN_AT_3, _seven(17), 80.9524, "Cukup Optimal", "Memenuhi Syarat"),
        (SEVEN_AT_3, _seven(16), 76.1905, "Kurang Optimal", "Masih Memenuhi Syarat"),
        (NINE_AT_3, [4] * 9, 100.0, "Optimal", "Memenuhi Syarat"),  # J9: 133 % capped
    ],
    ids=["J1", "J2", "J3", "J4", "J5", "J6", "J9"],
)
def test_worked_examples(standar, capaian, pct, pemetaan, seleksi):
    got = jpm_percent(capaian, standar, CFG)
    assert got == pytest.approx(pct, abs=1e-4)
    assert pemetaan_category([got], CFG)[0] == pemetaan
    assert seleksi_category([got], CFG)[0] == seleksi


def test_j7_j8_boundaries_inclusive_lower_bound():
    assert list(pemetaan_category([90.0, 89.99, 78.0, 77.99], CFG)) == [
        "Optimal",
        "Cukup Optimal",
        "Cukup Optimal",
        "Kurang Optimal",
    ]
    assert list(seleksi_category([80.0, 79.99, 68.0, 67.99], CFG)) == [
        "Memenuhi Syarat",
        "Masih Memenuhi Syarat",
        "Masih Memenuhi Syarat",
        "Kurang Memenuhi Syarat",
    ]
    assert pemetaan_category([np.nan], CFG)[0] is None


def test_j9_uncapped_and_per_item_cap():
    uncapped = dataclasses.replace(CFG, cap_total=np.inf)
    assert jpm_percent([4] * 9, NINE_AT_3, uncapped) == pytest.approx(133.3333, abs=1e-4)
    # Per item: a surplus in one competency no longer offsets a gap in another.
    per_item = dataclasses.replace(CFG, cap_per_item=True)
    assert jpm_percent([5, 1, 3], [3, 3, 3], CFG) == pytest.approx(100.0)
    assert jpm_percent([5, 1, 3], [3, 3, 3], per_item) == pytest.approx(7 / 9 * 100)


def test_j10_weighted_by_jenjang():
    # teknis 7/10 = 70 %, manajerial + sosial kultural 9/10 = 90 %.
    standar = [5, 5, 5, 5]
    capaian = [4, 3, 5, 4]
    teknis = [True, True, False, False]
    cfg = dataclasses.replace(CFG, use_jenjang_weights=True)
    weights = teknis_weights(pd.Series(["Ahli_Muda", "ahli_madya", "pelaksana"]), cfg)
    got = jpm_percent([capaian] * 3, [standar] * 3, cfg, teknis=teknis, teknis_weight=weights)
    assert got == pytest.approx([80.0, 82.0, 80.0])  # unweighted 16/20 for the unlisted jenjang
    assert pemetaan_category(got[:1], cfg)[0] == "Cukup Optimal"
    assert seleksi_category(got[:1], cfg)[0] == "Memenuhi Syarat"
    assert teknis_weights(pd.Series(["ahli_muda"]), CFG) is None


def test_missing_levels():
    # A competency without a standard is ignored; an unassessed one with a standard scores 0.
    assert jpm_percent([3, 3, 9], [3, 3, np.nan], CFG) == pytest.approx(100.0)
    assert jpm_percent([3, np.nan], [3, 3], CFG) == pytest.approx(50.0)
    assert np.isnan(jpm_percent([np.nan, np.nan], [3, 3], CFG))
    assert np.isnan(jpm_percent([3, 3], [np.nan, np.nan], CFG))


@pytest.mark.parametrize("per_item", [False, True])
def test_matrix_equals_rowwise(per_item):
    rng = np.random.default_rng(3)
    cap = rng.integers(1, 6, (7, 10)).astype(float)
    std = rng.integers(1, 6, (5, 10)).astype(float)
    cap[cap == 1] = np.nan
    std[std == 5] = np.nan
    cap[0] = np.nan
    teknis = np.arange(10) == 9
    cfg = dataclasses.replace(CFG, cap_per_item=per_item, use_jenjang_weights=True)
    w = np.array([0.5, np.nan, 0.4, 0.6, np.nan])
    matrix = jpm_matrix(cap, std, cfg, teknis=teknis, teknis_weight=w)
    for i in range(7):
        row = jpm_percent(cap[i], std, cfg, teknis=teknis, teknis_weight=w)
        np.testing.assert_allclose(matrix[i], row, equal_nan=True)
    assert np.isnan(matrix[0]).all()


@pytest.mark.parametrize("cap_per_item", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_jpm_matrix_cells_equal_the_full_matrix_at_those_cells(cap_per_item, weighted):
    """Only the eligible cells (as propose asks for them) give bit for bit the full matrix's
    values there, missing levels, unassessed people, per-item caps and jenjang weights included."""
    rng = np.random.default_rng(7)
    cap = rng.integers(1, 6, (40, 6)).astype(float)
    cap[rng.random(cap.shape) < 0.15] = np.nan
    cap[3] = np.nan  # never assessed: NaN
    std = rng.integers(1, 6, (25, 6)).astype(float)
    std[rng.random(std.shape) < 0.2] = np.nan
    teknis = np.array([True, True, False, False, True, False])
    weight = np.where(rng.random(25) < 0.5, 0.7, np.nan) if weighted else None
    settings = dataclasses.replace(JpmSettings(), cap_per_item=cap_per_item)
    rows, cols = np.nonzero(rng.random((40, 25)) < 0.4)
    full = jpm_matrix(cap, std, settings, teknis=teknis, teknis_weight=weight)
    cells = jpm_matrix(cap, std, settings, teknis=teknis, teknis_weight=weight, cells=(rows, cols))
    assert cells.shape == rows.shape
    assert np.array_equal(cells, full[rows, cols], equal_nan=True)
    assert np.isnan(cells[rows == 3]).all() and np.isfinite(cells[rows != 3]).any()
