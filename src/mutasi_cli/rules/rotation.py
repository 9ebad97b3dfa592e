"""Time in position and rotation status, DOMAIN.md section 5.3 (Perban BKN 5/2019 Pasal 2(3)).

Months in position are *completed* calendar months from ``tmt_jabatan`` to the reference date:
2023-07-01 -> 2025-06-30 is 23, -> 2025-07-01 is 24. A month also counts as completed on the
last day of a shorter month (2023-01-31 -> 2023-02-28 is 1), as in calendar month arithmetic.

Status: fewer than ``settings.rotation.min_months`` -> not yet eligible (``belum_layak``); at
least ``max_months`` -> rotation due (``jatuh_tempo``); in between -> eligible (``layak``).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.settings import Settings

BELUM_LAYAK = "belum_layak"
LAYAK = "layak"
JATUH_TEMPO = "jatuh_tempo"
STATUSES: tuple[str, ...] = (BELUM_LAYAK, LAYAK, JATUH_TEMPO)


def months_in_position(tmt: pd.Series, per: date) -> pd.Series:
    """Completed months from each start date to ``per`` (Int64; NA where the date is missing)."""
    start = pd.to_datetime(tmt)
    ref = pd.Timestamp(per)
    months = (ref.year - start.dt.year) * 12 + (ref.month - start.dt.month)
    short = (ref.day < start.dt.day) & (ref.day < ref.days_in_month)
    return (months - short.astype(int)).astype("Int64")


def is_due(status: pd.Series) -> np.ndarray:
    """True where a :func:`rotation_status` is ``jatuh_tempo`` (False where it is unknown)."""
    return (status == JATUH_TEMPO).fillna(False).to_numpy(bool)


def rotation_status(months: pd.Series, settings: Settings) -> pd.Series:
    """``belum_layak`` / ``layak`` / ``jatuh_tempo`` per person (string; NA where months NA)."""
    cfg = settings.rotation
    m = months.astype("Float64").to_numpy(float, na_value=np.nan)
    status = np.select([m < cfg.min_months, m >= cfg.max_months], [BELUM_LAYAK, JATUH_TEMPO], LAYAK)
    return pd.Series(status, index=months.index, dtype="string").mask(np.isnan(m))
