"""ABK need, rounding and EJ bands: DOMAIN.md section 10 worked examples A1-A7 and EJ bands."""

import dataclasses

import pandas as pd
import pytest

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.rules import abk
from mutasi_cli.settings import AbkSettings, EjSettings, Settings

S = Settings()


def with_abk(**changes) -> Settings:
    return dataclasses.replace(S, abk=dataclasses.replace(AbkSettings(), **changes))


@pytest.mark.parametrize(
    ("total", "wke", "raw", "rounded"),
    [
        (7_116 * 60, 1_250 * 60, 5.6928, 6),  # A1: hours -> minutes
        (54_300, 72_000, 0.7542, 1),  # A2: Perka BKN 19/2011 WKE, minimum one
        (57_025, 92_820, 0.6144, 1),  # A3: institution-specific WKE
        (89_760, 75_000, 1.1968, 2),  # A5
        (75_000, 75_000, 1.0, 1),  # A6: exactly one must not become two
        (0, 75_000, 0.0, 0),  # A7: no load, no need
    ],
)
def test_worked_examples(total, wke, raw, rounded):
    got_raw, got_rounded = abk.need_from_wpt(float(total), with_abk(wke_minutes=float(wke)))
    assert got_raw == pytest.approx(raw, abs=1e-4)
    assert got_rounded == rounded


def test_a6_boundary_survives_floating_noise():
    # 0.1 + 0.2 is 0.30000000000000004: without the guard, ceil would give 2
    raw, rounded = abk.need_from_wpt(0.1 + 0.2, with_abk(wke_minutes=0.3))
    assert raw > 1.0
    assert rounded == 1


def test_a4_single_task_wpt_and_annualisation():
    volume = pd.Series([2_000.0, 100.0, 1.0, 3.0, 1.0])
    periode = pd.Series(["tahun", "bulan", "hari", None, "Minggu"], dtype="string")
    norma = pd.Series([5.0, 15.0, 300.0, 10.0, 60.0])
    wpt = abk.wpt(volume, periode, norma, S)
    # A4: 2,000 x 5; monthly x 12; daily x 250; no period (reported by the normaliser): no WPT;
    # weekly x 50
    assert wpt.tolist()[:3] == [10_000.0, 18_000.0, 75_000.0]
    assert pd.isna(wpt.iloc[3]) and wpt.iloc[4] == 3_000.0


def test_period_multipliers_are_configurable():
    settings = with_abk(period_multipliers={"tahun": 1.0, "hari": 240.0})
    got = abk.annualised_volume(pd.Series([2.0]), pd.Series(["hari"]), settings)
    assert got.iloc[0] == 480.0


def test_unknown_period_is_an_error_naming_it():
    with pytest.raises(MutasiError, match="dwiwulan"):
        abk.annualised_volume(pd.Series([1.0]), pd.Series(["dwiwulan"]), S)


def test_row_wke_overrides_the_setting():
    wke = pd.Series([72_000.0, None])
    raw = abk.raw_need(pd.Series([54_300.0, 54_300.0]), S, wke)
    assert raw.round(4).tolist() == [0.7542, 0.724]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("ceil", [1, 2, 3, 0]), ("round_half_up", [1, 1, 3, 0]), ("none", [1, 1.4, 2.5, 0])],
)
def test_rounding_modes_keep_minimum_one(mode, expected):
    raw = pd.Series([0.3, 1.4, 2.5, 0.0])
    assert abk.round_need(raw, with_abk(rounding=mode)).tolist() == expected


def test_unknown_rounding_mode_is_an_error():
    with pytest.raises(UsageError, match="banker"):
        abk.round_need(1.5, with_abk(rounding="banker"))


def test_minimum_one_can_be_switched_off():
    assert abk.round_need(0.3, with_abk(rounding="round_half_up", minimum_one=False)) == 0


def test_missing_load_stays_missing():
    raw, rounded = abk.need_from_wpt(pd.Series([None, 89_760.0], dtype="Float64"), S)
    assert rounded.isna().tolist() == [True, False]


def test_ej_a5_both_bezetting_cases_and_nobody():
    raw = 89_760 / 75_000
    assert abk.ej(raw, 1) == pytest.approx(1.1968, abs=1e-4)
    assert abk.ej(raw, 3) == pytest.approx(0.3989, abs=1e-4)
    assert pd.isna(abk.ej(raw, 0))
    bands = abk.ej_band(abk.ej(pd.Series([raw, raw, raw]), pd.Series([1, 3, 0])), S)
    assert bands.tolist()[:2] == ["A", "E"] and pd.isna(bands.iloc[2])


@pytest.mark.parametrize(
    ("value", "band", "inclusive_band"),
    [(1.05, "A", "A"), (1.00, "B", "A"), (0.95, "B", "B"), (0.80, "C", "C"), (0.60, "D", "D")]
    + [(0.45, "E", "E"), (0.90, "B", "B"), (0.4999, "E", "E")],
)
def test_ej_bands_follow_configuration(value, band, inclusive_band):
    values = pd.Series([value])
    assert abk.ej_band(values, S).iloc[0] == band
    inclusive = dataclasses.replace(S, ej=EjSettings(a_inclusive=True))
    assert abk.ej_band(values, inclusive).iloc[0] == inclusive_band


def test_ej_exactly_one_from_a_division_is_not_nudged():
    # 0.9 * 3 / 3 carries noise; the band boundary at 0.90 must still hold
    value = abk.ej(pd.Series([0.9 * 3]), pd.Series([3]))
    assert abk.ej_band(value, S).iloc[0] == "B"


def test_ej_thresholds_variant_a():
    variant_a = EjSettings(thresholds={"A": 1.0, "B": 0.81, "C": 0.66, "D": 0.50})
    settings = dataclasses.replace(S, ej=variant_a)
    assert abk.ej_band(pd.Series([0.85, 0.70, 0.65]), settings).tolist() == ["B", "C", "D"]
