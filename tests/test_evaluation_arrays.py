"""The array shortcuts of evaluate give what the plain pandas/scipy forms give: the common
scale against its definition (band -> category -> step, predikat -> step -> band midpoint), NIP
membership against ``Series.isin``, the shared sparsity pattern against scipy's construction,
and the bootstrap draws shared by the pre-trend run against a fresh generator."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from mutasi_cli.evaluation import did
from mutasi_cli.frames import isin
from mutasi_cli.rules import skp
from mutasi_cli.settings import Settings, SkpSettings

S = Settings()


def reference_scale(kinerja: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The common scale written out from its parts, row by row (the definition)."""
    steps = {k.casefold(): v for k, v in settings.skp.pp46_ordinal.items()}
    middle = skp.band_midpoints(settings)
    high = settings.skp.pp46_max
    rows = []
    for i in range(len(kinerja)):
        nilai = kinerja["nilai"].iloc[i]
        ordinal = score = scale = None
        if not pd.isna(nilai) and 0 <= nilai <= high:
            category = skp.pp46_category(pd.Series([nilai]), settings).iloc[0]
            ordinal, score, scale = steps.get(str(category).casefold()), nilai, "pp46"
        if ordinal is None:
            step = skp.predikat_ordinal(kinerja["predikat"].iloc[[i]], settings).iloc[0]
            if not pd.isna(step):
                ordinal, score, scale = step, middle.get(step), "predikat"
        if ordinal is None:
            hasil, perilaku = kinerja["hasil_kerja"].iloc[[i]], kinerja["perilaku_kerja"].iloc[[i]]
            label = skp.predikat_from_matrix(hasil, perilaku)
            step = skp.predikat_ordinal(label, settings).iloc[0]
            if not pd.isna(step):
                coded = all(
                    str(v).strip() in {"1", "2", "3", "1.0", "2.0", "3.0"}
                    for v in (hasil.iloc[0], perilaku.iloc[0])
                )
                ordinal, score, scale = step, middle.get(step), "siasn" if coded else "matrix"
        rows.append((ordinal, score, scale))
    return pd.DataFrame(rows, columns=["ordinal", "score", "scale"])


@pytest.mark.parametrize(
    "settings",
    [
        S,
        dataclasses.replace(  # two categories on one step: one band midpoint for both
            S,
            skp=SkpSettings(
                pp46_ordinal={"Sangat Baik": 5, "Baik": 4, "Cukup": 3, "Kurang": 3, "Buruk": 1}
            ),
        ),
    ],
)
def test_common_scale_matches_its_definition(settings) -> None:
    rng = np.random.default_rng(3)
    n = 400
    edges = [91, 90.99, 76, 75.99, 61, 60.99, 51, 50.99, 0, 100, 100.5, -1]
    nilai = np.where(rng.random(n) < 0.3, np.nan, rng.choice(edges + list(range(0, 101)), n))
    predikat = rng.choice(
        ["Sangat Baik", "baik ", "Cukup", "Buruk", "Butuh Perbaikan", "x", None], n
    )
    ratings = ["Di Atas Ekspektasi", "sesuai", "Dibawah", "1", "2", "3.0", "?", None]
    kinerja = pd.DataFrame(
        {
            "nip": [f"{i:018d}" for i in range(n)],
            "nilai": pd.array(nilai, dtype="Float64"),
            "predikat": pd.array(predikat, dtype="string"),
            "hasil_kerja": pd.array(rng.choice(ratings, n), dtype="string"),
            "perilaku_kerja": pd.array(rng.choice(ratings, n), dtype="string"),
        }
    )
    scaled, _ = skp.to_common_scale(kinerja, settings)
    expected = reference_scale(kinerja, settings)
    got_ordinal = scaled["ordinal"].astype("Float64").to_numpy(float, na_value=np.nan)
    want_ordinal = pd.array(expected["ordinal"].tolist(), dtype="Float64")
    np.testing.assert_array_equal(got_ordinal, want_ordinal.to_numpy(float, na_value=np.nan))
    np.testing.assert_array_equal(
        scaled["score"].to_numpy(float, na_value=np.nan),
        pd.array(expected["score"].tolist(), dtype="Float64").to_numpy(float, na_value=np.nan),
    )
    got_scale = scaled["scale"].astype(object).where(scaled["scale"].notna(), None).tolist()
    assert got_scale == [None if pd.isna(v) else v for v in expected["scale"]]
    assert str(scaled["ordinal"].dtype) == "Float64" and str(scaled["score"].dtype) == "Float64"
    assert scaled["unscaled"].tolist() == expected["ordinal"].isna().tolist()
    assert set(scaled["scale"].dropna()) >= {"pp46", "predikat", "siasn", "matrix"}


def test_annual_predikat_from_a_given_scale_is_the_same() -> None:
    kinerja = pd.DataFrame(
        {
            "nip": pd.array(["1", "1", "2"], dtype="string"),
            "period_start": pd.to_datetime(["2024-01-01", "2024-01-01", "2025-01-01"]),
            "period_end": pd.to_datetime(["2024-06-30", "2024-12-31", "2025-12-31"]),
            "period_kind": pd.array(["semester", "tahun", "tahun"], dtype="string"),
            "predikat": pd.array(["Baik", "Sangat Baik", "Cukup"], dtype="string"),
        }
    )
    scaled, _ = skp.to_common_scale(kinerja, S)
    pd.testing.assert_frame_equal(
        skp.annual_predikat(kinerja, S, scaled=scaled), skp.annual_predikat(kinerja, S)
    )


@pytest.mark.parametrize("chunks", [1, 3])
def test_isin_matches_pandas(chunks) -> None:
    values = pd.concat(
        [pd.Series(["a", "b", None, "c", "a"], dtype="string")] * chunks, ignore_index=True
    )
    for among in (
        pd.Series(["a", None], dtype="string"),
        pd.Series(["c"], dtype="string"),
        pd.Series([], dtype="string"),
        pd.Series(["b", "zz"], dtype=object),  # not Arrow: pandas itself
        pd.Index(pd.array(["c", "a"], dtype="string")),
    ):
        assert isin(values, among).tolist() == values.isin(among).tolist()
        assert isin(values, among).dtype == bool


@pytest.mark.parametrize("repeat", [False, True])
def test_shared_pattern_is_scipys_matrix(repeat) -> None:
    rng = np.random.default_rng(0)
    pairs = rng.choice(60 * 40, 500, replace=False)
    rows, cols = pairs // 40, pairs % 40
    if repeat:  # a (row, column) pair twice: summed, as scipy does
        rows, cols = np.append(rows, rows[0]), np.append(cols, cols[0])
    values = rng.random(len(rows))
    matrix = did._pattern(rows, cols, (60, 40))
    for given, dense in ((values, values), (None, np.ones(len(rows)))):
        got = matrix(given)
        want = sparse.csr_matrix((dense, (rows, cols)), (60, 40))
        assert got.shape == want.shape and got.nnz == want.nnz
        np.testing.assert_array_equal(got.indptr, want.indptr)
        np.testing.assert_array_equal(got.indices, want.indices)
        np.testing.assert_array_equal(got.data, want.data)  # bit for bit


def test_bootstrap_draws_are_a_fresh_generators_blocks() -> None:
    did._draws.cache_clear()
    blocks = did._draws(7, 30, 250)
    rng = np.random.default_rng(7)
    sizes = [block.shape[1] for block in blocks]
    assert sizes == [did._BLOCK, did._BLOCK, 250 - 2 * did._BLOCK]
    for block in blocks:
        want = did._resample_counts(rng, 30, block.shape[1])
        np.testing.assert_array_equal(block.astype(float), want)
        assert not block.flags.writeable  # shared with the pre-trend run: never changed
