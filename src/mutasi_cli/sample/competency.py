"""Assessed competency levels (PermenPANRB 38/2017, DOMAIN.md 2.2) and the JPM they give."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.rules.jpm import jpm_percent
from mutasi_cli.sample.calendar import month_index, to_dates
from mutasi_cli.schema import COMPETENCIES
from mutasi_cli.settings import Settings

MEAN_GAP = -0.3  # levels sit a little below the standard on average ...
ABILITY = 0.45  # ... and move together with a latent ability, so JPM spreads over 3 categories
ITEM_NOISE = 0.5
VALID_MONTHS = 36  # assessments up to three years old (validity is two years, 2.2)


def assess(
    rng: np.random.Generator, people: pd.DataFrame, per: date, settings: Settings
) -> pd.DataFrame:
    """``nip``, the 10 levels 1-5, ``tanggal_asesmen`` and ``potensi`` (JPM % on the own post)."""
    standard = people[list(COMPETENCIES)].to_numpy(float)
    ability = people["theta"].to_numpy()[:, None]
    raw = standard + MEAN_GAP + ABILITY * ability + rng.normal(0, ITEM_NOISE, standard.shape)
    levels = np.clip(np.rint(raw), 1, 5).astype(int)
    out = pd.DataFrame(levels, columns=list(COMPETENCIES), index=people.index)
    out.insert(0, "nip", people["nip"])
    out.insert(1, "nama", people["nama"])
    months = month_index(per) - rng.integers(1, VALID_MONTHS + 1, len(people))
    out["tanggal_asesmen"] = to_dates(months, rng.integers(1, 29, len(people))).to_numpy()
    out["potensi"] = np.round(jpm_percent(levels, standard, settings.jpm), 2)
    return out
