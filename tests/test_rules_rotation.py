"""Months in position and rotation status: DOMAIN.md section 5.3 and section 10 examples."""

import dataclasses
from datetime import date

import pandas as pd
import pytest

from mutasi_cli.rules import rotation
from mutasi_cli.settings import RotationSettings, Settings

S = Settings()


@pytest.mark.parametrize(
    ("tmt", "per", "months", "status"),
    [
        ("2023-07-01", date(2025, 6, 30), 23, rotation.BELUM_LAYAK),
        ("2023-07-01", date(2025, 7, 1), 24, rotation.LAYAK),
        ("2019-01-01", date(2025, 1, 2), 72, rotation.JATUH_TEMPO),
        ("2020-01-15", date(2025, 1, 15), 60, rotation.JATUH_TEMPO),  # at max: due
        ("2020-01-16", date(2025, 1, 15), 59, rotation.LAYAK),
        ("2023-01-31", date(2023, 2, 28), 1, rotation.BELUM_LAYAK),  # month-end counts
        ("2023-01-30", date(2023, 2, 27), 0, rotation.BELUM_LAYAK),
    ],
)
def test_months_and_status(tmt, per, months, status):
    got = rotation.months_in_position(pd.Series(pd.to_datetime([tmt])), per)
    assert got.iloc[0] == months
    assert rotation.rotation_status(got, S).iloc[0] == status


def test_missing_start_date_has_no_status():
    got = rotation.months_in_position(
        pd.Series(pd.to_datetime([None, "2020-01-01"])), date(2025, 1, 1)
    )
    status = rotation.rotation_status(got, S)
    assert pd.isna(got.iloc[0]) and pd.isna(status.iloc[0])
    assert status.iloc[1] == rotation.JATUH_TEMPO


def test_limits_are_configurable():
    settings = dataclasses.replace(S, rotation=RotationSettings(min_months=6, max_months=36))
    months = pd.Series([5, 6, 35, 36], dtype="Int64")
    assert rotation.rotation_status(months, settings).tolist() == [
        rotation.BELUM_LAYAK,
        rotation.LAYAK,
        rotation.LAYAK,
        rotation.JATUH_TEMPO,
    ]
