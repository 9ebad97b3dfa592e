"""Past transfers and three years of quarterly performance, with a planted transfer effect.

About 250 of 4,000 staff (``TRANSFER_SHARE``) moved 17-19 months before the reference date.
Everybody's latent performance per quarter is ``mu_i + trend_t + shock_t + noise``; for movers,
``PLANTED_EFFECT`` predikat steps are added from the transfer quarter on. The latent value is
written as a predikat (rounded, 1-5) or, for the oldest year, as a PP 46/2011 score whose
category maps back to the same step (DOMAIN.md 4.2), so a before/after comparison against the
people who did not move recovers the effect.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd

from mutasi_cli.rules.skp import BAIK, BUTUH_PERBAIKAN, MATRIX, SANGAT_BAIK, SANGAT_KURANG
from mutasi_cli.sample.calendar import month_index, months_of, to_dates
from mutasi_cli.settings import Settings

TRANSFER_SHARE = 250 / 4000
MIN_TRANSFERS = 30
PLANTED_EFFECT = 0.5  # predikat steps gained by movers after the transfer
TRANSFER_MONTHS_AGO = (19, 18, 17)  # three decree batches, about 18 months before ``per``
QUARTERS = 12
NUMERIC_QUARTERS = 4  # the oldest year comes from an e-Kinerja that exported PP 46/2011 scores
PERSON_MEAN, PERSON_SD, ABILITY_WEIGHT, SANCTION_PENALTY = 3.85, 0.25, 0.15, 0.6
NOISE_SD, TREND, SHOCK_SD = 0.35, 0.02, 0.08
MISSING_SHARE = 0.02  # quarters without a record
PREDIKAT_ONLY_RATINGS = 0.2  # predikat-era rows given as hasil/perilaku ratings only
PREDIKAT = {5: SANGAT_BAIK, 4: BAIK, 3: BUTUH_PERBAIKAN, 2: "Kurang", 1: SANGAT_KURANG}
RATINGS = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")  # SIASN 1, 2, 3
ROMAN = ("I", "II", "III", "IV")


def transfers(
    rng: np.random.Generator, people: pd.DataFrame, pos: pd.DataFrame, per: date, settings: Settings
) -> pd.DataFrame:
    """The transfer history; each mover's destination is the post they hold now (``person``)."""
    now = month_index(per)
    tmt = now - rng.choice(TRANSFER_MONTHS_AGO, len(people))
    eligible = (
        ~people["pppk"].to_numpy()
        & (people["pos"].to_numpy() >= 0)
        & ~people["jenjang"].isin(["jpt", "administrator"]).to_numpy()
        & (people["tmt_month"].to_numpy() <= tmt - 36)
        & (
            people["move_group"].map(pos.groupby("move_group")["unit_kerja"].nunique()) > 1
        ).to_numpy()
    )
    count = min(int(eligible.sum()), max(MIN_TRANSFERS, round(TRANSFER_SHARE * len(people))))
    movers = np.sort(rng.choice(np.flatnonzero(eligible), size=count, replace=False))
    moved = people.iloc[movers]
    origin = _origins(rng, moved, pos)
    batch = now - tmt[movers]
    tmt_date = to_dates(tmt[movers])
    decree = [
        settings.finalize.nomor_sk_pattern.format(seq=TRANSFER_MONTHS_AGO.index(b) + 1, year=y)
        for b, y in zip(batch, tmt_date.dt.year, strict=True)
    ]
    same_parent = pos.loc[origin, "unit_induk"].to_numpy() == moved["unit_induk"].to_numpy()
    return pd.DataFrame(
        {
            "person": movers,
            "nip": moved["nip"].to_numpy(),
            "nama": moved["nama"].to_numpy(),
            "tmt_mutasi": tmt_date.to_numpy(),
            "unit_asal": pos.loc[origin, "unit_kerja"].to_numpy(),
            "jabatan_asal": pos.loc[origin, "jabatan"].to_numpy(),
            "unit_tujuan": moved["unit_kerja"].to_numpy(),
            "jabatan_tujuan": moved["jabatan"].to_numpy(),
            "golongan": moved["golongan"].to_numpy(),
            "nomor_sk": decree,
            "tanggal_sk": (tmt_date - timedelta(days=14)).to_numpy(),
            "jenis_mutasi": np.where(same_parent, "Rotasi", "Mutasi antar perangkat daerah"),
        }
    )


def settle(people: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """Movers have held their destination post since the transfer: TMT Jabatan = TMT Mutasi."""
    out = people.copy()
    moved = moves["person"].to_numpy()
    out.loc[moved, "tmt_jabatan_month"] = months_of(moves["tmt_mutasi"])
    out.loc[moved, "tmt_jabatan_day"] = 1
    return out


def _origins(rng: np.random.Generator, moved: pd.DataFrame, pos: pd.DataFrame) -> np.ndarray:
    """A former post per mover: same job family and level, in another unit."""
    origin = np.empty(len(moved), dtype=int)
    group = moved["move_group"].to_numpy()
    unit = moved["unit_kerja"].to_numpy()
    for name in np.unique(group):
        where = np.flatnonzero(group == name)
        same = np.flatnonzero(pos["move_group"].to_numpy() == name)
        other = pos["unit_kerja"].to_numpy()[same][None, :] != unit[where, None]
        ranks = other.cumsum(axis=1)
        draw = (rng.random(len(where)) * ranks[:, -1]).astype(int)
        origin[where] = same[np.argmax(ranks > draw[:, None], axis=1)]
    return origin


def performance(
    rng: np.random.Generator,
    people: pd.DataFrame,
    moves: pd.DataFrame,
    per: date,
    settings: Settings,
) -> tuple[pd.DataFrame, pd.Series]:
    """Quarterly records (long) and each person's latest predikat (mean of their last 4 quarters)."""
    n = len(people)
    last = (month_index(per) // 3) - 1
    quarter = np.arange(last - QUARTERS + 1, last + 1)  # quarter indexes: year * 4 + q
    start = quarter * 3
    mu = (
        PERSON_MEAN
        + ABILITY_WEIGHT * people["theta"].to_numpy()
        + rng.normal(0, PERSON_SD, n)
        - SANCTION_PENALTY * people["sanction_active"].to_numpy()
    )
    common = TREND * np.arange(QUARTERS) + rng.normal(0, SHOCK_SD, QUARTERS)
    latent = mu[:, None] + common[None, :] + rng.normal(0, NOISE_SD, (n, QUARTERS))
    moved_at = np.full(n, np.iinfo(np.int64).max)
    moved_at[moves["person"].to_numpy()] = months_of(moves["tmt_mutasi"])
    latent += PLANTED_EFFECT * (start[None, :] >= moved_at[:, None])
    step = np.clip(np.rint(latent), 1, 5).astype(int)
    present = (start[None, :] + 2 >= people["tmt_month"].to_numpy()[:, None]) & (
        rng.random((n, QUARTERS)) >= MISSING_SHARE
    )
    records = _records(rng, people["nip"].to_numpy(), quarter, latent, step, present, settings)
    return records, _latest(step, present)


def _records(
    rng: np.random.Generator,
    nip: np.ndarray,
    quarter: np.ndarray,
    latent: np.ndarray,
    step: np.ndarray,
    present: np.ndarray,
    settings: Settings,
) -> pd.DataFrame:
    person, t = np.nonzero(present)
    numeric = t < NUMERIC_QUARTERS
    year, q = quarter // 4, quarter % 4
    labels = [
        f"Triwulan {ROMAN[qq]} {yy}" if i < NUMERIC_QUARTERS else f"{yy}-Q{qq + 1}"
        for i, (yy, qq) in enumerate(zip(year, q, strict=True))
    ]
    s = step[person, t]
    hasil, perilaku = _ratings(rng, s, settings)
    ratings_only = rng.random(len(s)) < PREDIKAT_ONLY_RATINGS
    predikat = [PREDIKAT[k] for k in range(1, 6)]
    return pd.DataFrame(
        {
            "nip": _take(nip, person),
            "periode": _take(labels, t),
            "nilai": np.where(numeric, _pp46_score(latent[person, t], settings), np.nan),
            "predikat": _take(predikat, np.where(numeric | ratings_only, -1, s - 1)),
            "hasil_kerja": _take(RATINGS, np.where(numeric, -1, hasil - 1)),
            "perilaku_kerja": _take(RATINGS, np.where(numeric, -1, perilaku - 1)),
        }
    )


def _take(vocabulary: Sequence[str], codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Text column from a vocabulary and codes (-1: missing), without per-row Python objects."""
    return pd.array(list(vocabulary), dtype="str").take(codes, allow_fill=True)


def _pp46_score(latent: np.ndarray, settings: Settings) -> np.ndarray:
    """A PP 46/2011 score whose category is the rounded latent step (4.2 bands at the .5 marks)."""
    skp = settings.skp
    bands = [40.0, skp.pp46_kurang, skp.pp46_cukup, skp.pp46_baik, skp.pp46_sangat_baik, 100.0]
    return np.floor(np.interp(latent, [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], bands) * 100) / 100


def _ratings(
    rng: np.random.Generator, step: np.ndarray, settings: Settings
) -> tuple[np.ndarray, np.ndarray]:
    """(hasil, perilaku) SIASN codes 1-3 whose matrix predikat (4.1) has the given step."""
    ordinal = settings.skp.predikat_ordinal
    cells = [(ordinal[MATRIX[h][p].casefold()], h + 1, p + 1) for h in range(3) for p in range(3)]
    options = {k: [(h, p) for o, h, p in cells if o == k] for k in range(1, 6)}
    hasil = np.empty(len(step), dtype=int)
    perilaku = np.empty(len(step), dtype=int)
    for k, pairs in options.items():
        where = np.flatnonzero(step == k)
        chosen = np.array(pairs)[rng.integers(0, len(pairs), len(where))]
        hasil[where], perilaku[where] = chosen[:, 0], chosen[:, 1]
    return hasil, perilaku


def _latest(step: np.ndarray, present: np.ndarray) -> pd.Series:
    """Predikat from the mean step of each person's last four recorded quarters."""
    order = np.cumsum(present[:, ::-1], axis=1)[:, ::-1]  # rank from the latest record
    use = present & (order <= 4)
    count = use.sum(axis=1)
    mean = np.where(count > 0, (step * use).sum(axis=1) / np.maximum(count, 1), np.nan)
    rounded = pd.Series(np.floor(mean + 0.5))
    return rounded.map(PREDIKAT).astype("str")
