"""The 9-box talent map of PermenPANRB 3/2020, DOMAIN.md section 3.

Kinerja axis from the SKP predikat (3.2, mapping UNCONFIRMED, in
:class:`~mutasi_cli.settings.TalentSettings`): ordinal >= ``kinerja_atas_from`` is "atas",
>= ``kinerja_sesuai_from`` "sesuai", else "bawah". Potensi axis from the JPM % (2.3A): >= 90
"tinggi", >= 78 "menengah", else "rendah". Boxes (3.3, CONFIRMED)::

                  kinerja:  bawah  sesuai  atas
    potensi tinggi            6      8      9
            menengah          3      5      7
            rendah            1      2      4

Boxes 4, 7 and 8 recommend rotation; box 1 goes to performance handling, not to a transfer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.rules.skp import predikat_ordinal
from mutasi_cli.settings import Settings

KINERJA_LEVELS: tuple[str, ...] = ("bawah", "sesuai", "atas")
POTENSI_LEVELS: tuple[str, ...] = ("rendah", "menengah", "tinggi")
# GRID[potensi][kinerja], both in the order of the level tuples above.
GRID = np.array([[1, 2, 4], [3, 5, 7], [6, 8, 9]])


def _level(values: pd.Series, bounds: tuple[float, float], levels: tuple[str, ...]) -> pd.Series:
    x = values.astype("Float64").to_numpy(float, na_value=np.nan)
    out = np.select([x >= bounds[1], x >= bounds[0]], [levels[2], levels[1]], levels[0])
    return pd.Series(out, index=values.index, dtype="string").mask(np.isnan(x))


def kinerja_level(predikat: pd.Series, settings: Settings) -> pd.Series:
    """Predikat text -> "atas" / "sesuai" / "bawah" (string; NA when the predikat is unknown)."""
    t = settings.talent
    ordinal = predikat_ordinal(predikat, settings)
    return _level(ordinal, (t.kinerja_sesuai_from, t.kinerja_atas_from), KINERJA_LEVELS)


def potensi_level(jpm: pd.Series, settings: Settings) -> pd.Series:
    """JPM % -> "tinggi" / "menengah" / "rendah" (string; NA when unknown)."""
    t = settings.talent
    return _level(jpm, (t.potensi_menengah_from, t.potensi_tinggi_from), POTENSI_LEVELS)


def talent_box(predikat: pd.Series, potensi_jpm: pd.Series, settings: Settings) -> pd.Series:
    """Box 1..9 per person (Int64; NA when either axis is unknown)."""
    k = pd.Categorical(kinerja_level(predikat, settings), categories=KINERJA_LEVELS).codes
    p = pd.Categorical(potensi_level(potensi_jpm, settings), categories=POTENSI_LEVELS).codes
    known = (k >= 0) & (p >= 0)
    box = np.where(known, GRID[np.maximum(p, 0), np.maximum(k, 0)], 0)
    return pd.Series(box, index=predikat.index, dtype="Int64").mask(~known)


def recommends_rotation(box: pd.Series, settings: Settings) -> pd.Series:
    """True where the box's recommendation names rotation (4, 7, 8 by default)."""
    return box.isin(settings.talent.rotation_boxes).fillna(False).astype(bool)
