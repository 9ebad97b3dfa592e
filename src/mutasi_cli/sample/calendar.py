"""Month arithmetic on integer month indexes (``year * 12 + month - 1``), vectorised."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

_EPOCH = 1970 * 12


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_of(dates: pd.Series) -> np.ndarray:
    """datetime64 Series -> month indexes."""
    return (dates.dt.year * 12 + dates.dt.month - 1).to_numpy()


def to_dates(months: np.ndarray, days: np.ndarray | int = 1) -> pd.Series:
    """Month indexes (and day of month, 1-28) -> datetime64[ns]."""
    start = (np.asarray(months, dtype="int64") - _EPOCH).astype("datetime64[M]")
    stamp = start.astype("datetime64[D]") + (np.asarray(days, dtype="int64") - 1)
    return pd.Series(stamp.astype("datetime64[ns]"))


def ymd(months: np.ndarray, days: np.ndarray | int = 1) -> np.ndarray:
    """Month indexes (and day) -> YYYYMMDD as int64."""
    months = np.asarray(months, dtype="int64")
    return (months // 12) * 10_000 + (months % 12 + 1) * 100 + np.asarray(days, dtype="int64")


def ym(months: np.ndarray) -> np.ndarray:
    """Month indexes -> YYYYMM as int64."""
    months = np.asarray(months, dtype="int64")
    return (months // 12) * 100 + months % 12 + 1
