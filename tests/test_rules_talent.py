"""The 9-box talent map (DOMAIN.md 3.3 and the 9-box table of section 10)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from mutasi_cli.rules.talent import (
    kinerja_level,
    potensi_level,
    recommends_rotation,
    talent_box,
)
from mutasi_cli.settings import Settings, TalentSettings

S = Settings()
# A predikat and a JPM % that land on each axis level.
PREDIKAT = {"atas": "Sangat Baik", "sesuai": "Baik", "bawah": "Butuh Perbaikan"}
POTENSI = {"tinggi": 95.0, "menengah": 80.0, "rendah": 60.0}


@pytest.mark.parametrize(
    ("kinerja", "potensi", "box"),
    [
        ("atas", "tinggi", 9),
        ("sesuai", "tinggi", 8),
        ("atas", "menengah", 7),
        ("bawah", "tinggi", 6),
        ("sesuai", "menengah", 5),
        ("atas", "rendah", 4),
        ("bawah", "menengah", 3),
        ("sesuai", "rendah", 2),
        ("bawah", "rendah", 1),
    ],
)
def test_nine_box_table(kinerja, potensi, box):
    got = talent_box(pd.Series([PREDIKAT[kinerja]]), pd.Series([POTENSI[potensi]]), S)
    assert got.iloc[0] == box


def test_end_to_end_from_jpm_examples():
    # J1 92.59 % + Sangat Baik -> box 9; J2 81.48 % + Baik -> box 5.
    got = talent_box(
        pd.Series(["Sangat Baik", "BAIK"]), pd.Series([25 / 27 * 100, 22 / 27 * 100]), S
    )
    assert got.tolist() == [9, 5]


def test_axes_and_boundaries():
    assert potensi_level(pd.Series([90.0, 89.99, 78.0, 77.99, None]), S).tolist() == [
        "tinggi",
        "menengah",
        "menengah",
        "rendah",
        pd.NA,
    ]
    kinerja = kinerja_level(
        pd.Series(["Sangat Baik", "baik", "Kurang / Misconduct", "Sangat Kurang", "??", None]), S
    )
    assert kinerja.tolist() == ["atas", "sesuai", "bawah", "bawah", pd.NA, pd.NA]


def test_unknown_axis_gives_no_box_and_settings_drive_mapping():
    got = talent_box(pd.Series(["Baik", None]), pd.Series([None, 95.0]), S)
    assert got.isna().all()
    strict = dataclasses.replace(S, talent=dataclasses.replace(S.talent, kinerja_sesuai_from=5))
    assert talent_box(pd.Series(["Baik"]), pd.Series([95.0]), strict).iloc[0] == 6


def test_rotation_boxes():
    boxes = pd.Series([4, 7, 8, 9, 1, None], dtype="Int64")
    assert recommends_rotation(boxes, S).tolist() == [True, True, True, False, False, False]
    custom = dataclasses.replace(S, talent=TalentSettings(rotation_boxes=(9,)))
    assert recommends_rotation(boxes, custom).tolist() == [False, False, False, True, False, False]
