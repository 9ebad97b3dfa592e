"""Workload analysis (ABK): task time, staffing need and job efficiency (DOMAIN.md section 1).

* ``WPT = annual volume x norma waktu`` (minutes per year, 1.2); a volume given per month, week,
  ... is annualised with ``settings.abk.period_multipliers``. The normaliser reads a blank period
  as "tahun"; a missing period, volume or norma waktu here is a cell it already reported, so
  that task has no WPT (NA) and adds nothing to its position.
* ``need = sum(WPT) / WKE`` (1.2). A task row may carry its own WKE (the anjab workbooks print
  72,000 on every row); it then overrides ``settings.abk.wke_minutes`` for that row, so the
  raw need of a position is ``sum(WPT_t / WKE_t)``, which equals ``sum(WPT) / WKE`` whenever the
  rows share one WKE.
* The need is rounded by ``settings.abk.rounding`` (1.5): ``ceil`` (default), ``round_half_up``
  or ``none``; with ``minimum_one`` any positive load needs at least one person and no load
  needs none. The raw value is rounded to 9 decimals first, so 75,000 / 75,000 is exactly 1 and
  never becomes 2 through floating-point noise (A6).
* ``EJ = sum(WPT) / (bezetting x WKE)`` = raw need / bezetting (1.6). With nobody in the position
  the EJ is undefined: NA, and its band is NA (shown as an empty cell).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.settings import EjSettings, Settings

_DECIMALS = 9  # guard against floating noise at exact boundaries (A6, EJ 1.00)


def annualised_volume(volume: pd.Series, periode: pd.Series, settings: Settings) -> pd.Series:
    """Volume per year: ``volume x multiplier(periode)``; NA where the period is missing."""
    multipliers = settings.abk.period_multipliers
    key = periode.astype("string").str.strip().str.casefold()
    unknown = sorted(set(key.dropna().unique()) - multipliers.keys())
    if unknown:
        raise MutasiError.of(
            "needs.error.unknown_period",
            unknown=", ".join(unknown),
            choices=", ".join(multipliers),
        )
    return volume.astype("Float64") * key.map(multipliers).astype("Float64")


def wpt(
    volume: pd.Series, periode: pd.Series, norma_waktu: pd.Series, settings: Settings
) -> pd.Series:
    """Task completion time per year (WPT, minutes): annualised volume x norma waktu."""
    return annualised_volume(volume, periode, settings) * norma_waktu.astype("Float64")


def raw_need(
    total_wpt: pd.Series | float, settings: Settings, wke: pd.Series | float | None = None
) -> pd.Series | float:
    """Unrounded need ``WPT / WKE``; ``wke`` (per row) falls back to the configured WKE."""
    default = settings.abk.wke_minutes
    if isinstance(total_wpt, pd.Series):
        total_wpt = total_wpt.astype("Float64")
    if isinstance(wke, pd.Series):
        wke = wke.astype("Float64").fillna(default)
    elif wke is None or pd.isna(wke):
        wke = default
    return total_wpt / wke


def round_need(raw: pd.Series | float, settings: Settings) -> pd.Series | float:
    """Round a raw need by the configured mode, with the minimum of one for any load."""
    values = np.round(pd.Series(raw, dtype="Float64").to_numpy(float, na_value=np.nan), _DECIMALS)
    mode = settings.abk.rounding
    if mode == "ceil":
        rounded = np.ceil(values)
    elif mode == "round_half_up":
        rounded = np.floor(values + 0.5)
    elif mode == "none":
        rounded = values
    else:
        raise UsageError.of("needs.error.unknown_rounding", mode=mode)
    if settings.abk.minimum_one:
        rounded = np.where(values > 0, np.maximum(rounded, 1.0), rounded)
    if isinstance(raw, pd.Series):
        return pd.Series(rounded, index=raw.index, dtype="Float64")
    return float(rounded[0])


def need_from_wpt(
    total_wpt: pd.Series | float, settings: Settings, wke: pd.Series | float | None = None
) -> tuple[pd.Series | float, pd.Series | float]:
    """``(raw, rounded)`` need from the total WPT of a position (minutes per year)."""
    raw = raw_need(total_wpt, settings, wke)
    return raw, round_need(raw, settings)


def ej(raw: pd.Series | float, bezetting: pd.Series | float) -> pd.Series | float:
    """Efisiensi jabatan = raw need / bezetting = sum(WPT) / (bezetting x WKE); NA with nobody."""
    scalar = not isinstance(raw, pd.Series)
    need = pd.Series([raw] if scalar else raw, dtype="Float64")
    staff = pd.Series([bezetting] if scalar else bezetting, dtype="Float64", index=need.index)
    value = (need / staff.where(staff > 0)).round(_DECIMALS)
    return value.iloc[0] if scalar else value


def ej_band(values: pd.Series, settings: Settings | EjSettings) -> pd.Series:
    """The A-E band of each EJ value (1.6, thresholds from ``settings.ej``); NA stays NA.

    Bands are checked from the highest threshold down: a value at or above a threshold gets that
    band, except the top band, which needs a value strictly above its threshold unless
    ``a_inclusive``. Below every threshold comes the remaining label (E).
    """
    cfg = settings.ej if isinstance(settings, Settings) else settings
    ordered = sorted(cfg.thresholds.items(), key=lambda kv: kv[1], reverse=True)
    lowest = next((k for k in cfg.labels if k not in cfg.thresholds), "E")
    x = np.round(pd.Series(values, dtype="Float64").to_numpy(float, na_value=np.nan), _DECIMALS)
    top_band, top_value = ordered[0]
    conditions = [x >= top_value if cfg.a_inclusive else x > top_value]
    conditions += [x >= threshold for _, threshold in ordered[1:]]
    bands = np.select(conditions, [band for band, _ in ordered], default=lowest)
    return pd.Series(bands, index=values.index, dtype="string").mask(np.isnan(x))
