"""The employees: one per seat of the position map, with consistent personal and career data.

Every person is built from the position they hold: education from the position's profile,
golongan from education and years of service (DOMAIN.md 7.2) inside the eselon or JF span,
age below the retirement age of their job group (5.6), and a NIP encoding birth date, TMT and
sex (6.1 for PNS, 6.2 for PPPK). All columns are drawn with numpy, a few per profile.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from faker import Faker

from mutasi_cli.rules.bup import bup_age
from mutasi_cli.rules.golongan import GOLONGAN_IDS, PPPK_ROMAN, golongan_label
from mutasi_cli.rules.pendidikan import LEVEL_LABELS
from mutasi_cli.sample.calendar import month_index, to_dates, ym, ymd
from mutasi_cli.sample.positions import HEALTH, golongan_index
from mutasi_cli.settings import Settings

PPPK_SHARE = 0.12
NEAR_BUP_SHARE = 0.03  # reach BUP within 12 months of the reference date
SANCTION_ACTIVE_SHARE = 0.02
SANCTION_PAST_SHARE = 0.01
OVER_MAX_SHARE = 0.20  # longer than RotationSettings.max_months in post
UNDER_MIN_SHARE = 0.06  # shorter than RotationSettings.min_months (movers and PPPK add more)
OFF_MAP_JABATAN = (
    "Pengelola Barang Milik Daerah",
    "Pengadministrasi Kepegawaian",
    "Verifikator Keuangan",
)
NAME_POOL = 600

# Education level (SIASN tingkat id, 7.2) -> share, per position profile.
EDUCATION: dict[str, dict[int, float]] = {
    "jpt": {45: 0.75, 40: 0.2, 50: 0.05},
    "administrator": {40: 0.45, 45: 0.55},
    "pengawas": {30: 0.1, 40: 0.65, 45: 0.25},
    "ahli_madya": {40: 0.45, 45: 0.5, 50: 0.05},
    "ahli": {40: 0.78, 35: 0.02, 45: 0.2},
    "terampil": {30: 0.85, 35: 0.05, 40: 0.1},
    "pelaksana": {15: 0.5, 30: 0.15, 40: 0.32, 45: 0.03},
    "low": {5: 0.12, 10: 0.25, 15: 0.6, 30: 0.03},
}
# Entry and highest regular golongan (SIASN ids) by education, DOMAIN.md 7.2.
ENTRY_GOLONGAN = {5: 11, 10: 13, 15: 21, 20: 21, 25: 22, 30: 23, 35: 31, 40: 31, 45: 32, 50: 33}
MAX_GOLONGAN = {5: 21, 10: 23, 15: 32, 20: 32, 25: 32, 30: 33, 35: 34, 40: 34, 45: 41, 50: 42}
# PPPK entry golongan (1..17) by education, DOMAIN.md 7.3.
PPPK_GOLONGAN = {5: 1, 10: 4, 15: 5, 20: 5, 25: 6, 30: 7, 35: 9, 40: 9, 45: 10, 50: 11}
PROMOTION_YEARS = 4  # regular kenaikan pangkat
ENTRY_AGE = {5: 19, 10: 20, 15: 21, 20: 22, 25: 22, 30: 23, 35: 24, 40: 24, 45: 27, 50: 31}
MIN_AGE = {"jpt": 45, "administrator": 38, "pengawas": 30, "ahli_madya": 40, "ahli_muda": 32}
MIN_SERVICE = {"jpt": 15, "administrator": 10, "pengawas": 5, "ahli_madya": 10, "ahli_muda": 5}
PPPK_WEIGHT = {"guru": 3.0, "health": 2.0, "pelaksana": 1.2, "fungsional": 0.3}
FEMALE = {"guru": 0.7, "bidan": 1.0, "health": 0.8, "low": 0.1, "struktural": 0.35}
GENERAL_JURUSAN = (
    "Administrasi Negara",
    "Manajemen",
    "Akuntansi",
    "Ilmu Hukum",
    "Ilmu Pemerintahan",
    "Ekonomi Pembangunan",
    "Teknik Informatika",
    "Sosiologi",
)
SLTA_JURUSAN = ("IPA", "IPS", "Administrasi Perkantoran", "Akuntansi", "Teknik Otomotif")
SANCTIONS_ACTIVE = (  # PP 94/2021 sanctions with a duration (DOMAIN.md 5.5)
    "Pemotongan Tunjangan Kinerja 25% Selama 6 Bulan",
    "Pemotongan Tunjangan Kinerja 25% Selama 12 Bulan",
    "Penurunan Jabatan Setingkat Lebih Rendah Selama 12 Bulan",
    "Pembebasan dari Jabatannya Menjadi Jabatan Pelaksana Selama 12 Bulan",
)
SANCTIONS_PAST = ("Teguran Tertulis", "Pernyataan Tidak Puas Secara Tertulis", *SANCTIONS_ACTIVE)


def name_pool(seed: int) -> dict[str, np.ndarray]:
    """First and last names by sex from a seeded Faker("id_ID"), drawn once per city."""
    fake = Faker("id_ID")
    fake.seed_instance(seed)

    def draw(method) -> np.ndarray:
        return np.array(list(dict.fromkeys(method() for _ in range(NAME_POOL))), dtype=object)

    return {
        "first_L": draw(fake.first_name_male),
        "last_L": draw(fake.last_name_male),
        "first_P": draw(fake.first_name_female),
        "last_P": draw(fake.last_name_female),
    }


def seat_people(rng: np.random.Generator, pos: pd.DataFrame, off_map: int) -> pd.DataFrame:
    """One row per person: the attributes of the position they hold (``pos`` -1: off the map)."""
    seats = pos.loc[np.repeat(pos.index.to_numpy(), pos["bezetting"].to_numpy())]
    seats = seats.assign(pos=seats.index.to_numpy())
    office = pos[
        (pos["jabatan"] == "Pengadministrasi Umum") & (pos["unit_induk"] == pos["unit_kerja"])
    ]
    stray = office.loc[rng.choice(office.index.to_numpy(), size=off_map)]
    stray = stray.assign(pos=-1, jabatan=rng.choice(OFF_MAP_JABATAN, size=off_map))
    return pd.concat([seats, stray], ignore_index=True)


def add_people(
    rng: np.random.Generator,
    people: pd.DataFrame,
    per: date,
    names: dict[str, np.ndarray],
    settings: Settings,
) -> pd.DataFrame:
    """Personal and career columns for every seated person (vectorised, a few profile loops)."""
    out = people.copy()
    n = len(out)
    out["pppk"] = _pppk(rng, out)
    out["jenis_kelamin"] = np.where(rng.random(n) < _female_share(out), "P", "L")
    out["level"] = _education(rng, out["profile"].to_numpy())
    out["pendidikan"] = out["level"].map(LEVEL_LABELS)
    out["jurusan"] = _jurusan(rng, out)
    out["nama"] = _names(rng, out["jenis_kelamin"].to_numpy(), names)
    out["theta"] = rng.standard_normal(n)
    out = _lifetime(rng, out, per, settings)
    out["nip"] = _nip(rng, out)
    out = _golongan(rng, out, per)
    out["tmt_jabatan_month"], out["tmt_jabatan_day"] = _tmt_jabatan(rng, out, per)
    return _sanctions(rng, out, per)


def _group(people: pd.DataFrame) -> pd.Series:
    """A coarse job group for shares: guru, bidan, health, fungsional, struktural, low, pelaksana."""
    rumpun = people["rumpun"]
    return pd.Series(
        np.select(
            [
                rumpun.str.startswith("guru"),
                rumpun == "bidan",
                rumpun.isin(HEALTH),
                people["jenis_jabatan"] == "Fungsional",
                people["jenis_jabatan"] == "Struktural",
                people["profile"] == "low",
            ],
            ["guru", "bidan", "health", "fungsional", "struktural", "low"],
            "pelaksana",
        ),
        index=people.index,
    )


def _pppk(rng: np.random.Generator, people: pd.DataFrame) -> np.ndarray:
    """PPPK flags: about ``PPPK_SHARE`` overall, weighted to teachers, health and pelaksana."""
    group = _group(people).replace({"bidan": "health", "low": "pelaksana"})
    weight = group.map(PPPK_WEIGHT).fillna(0.0).to_numpy()
    p = np.clip(weight * PPPK_SHARE * len(people) / weight.sum(), 0, 0.9)
    return rng.random(len(people)) < p


def _female_share(people: pd.DataFrame) -> np.ndarray:
    return _group(people).map(FEMALE).fillna(0.5).to_numpy()


def _education(rng: np.random.Generator, profile: np.ndarray) -> np.ndarray:
    level = np.zeros(len(profile), dtype=int)
    for name, shares in EDUCATION.items():
        where = profile == name
        level[where] = rng.choice(list(shares), size=where.sum(), p=list(shares.values()))
    return level


def _jurusan(rng: np.random.Generator, people: pd.DataFrame) -> pd.Series:
    n = len(people)
    general = np.where(
        people["level"] == 15, rng.choice(SLTA_JURUSAN, n), rng.choice(GENERAL_JURUSAN, n)
    )
    general = pd.Series(general, index=people.index).where(people["level"] >= 15)
    return people["jurusan"].fillna(general).astype("str")


def _names(rng: np.random.Generator, sex: np.ndarray, names: dict[str, np.ndarray]) -> np.ndarray:
    full = np.empty(len(sex), dtype=object)
    for s in ("L", "P"):
        where = sex == s
        first = rng.choice(names[f"first_{s}"], where.sum())
        last = rng.choice(names[f"last_{s}"], where.sum())
        full[where] = first + " " + last
    return full


def _lifetime(
    rng: np.random.Generator, people: pd.DataFrame, per: date, settings: Settings
) -> pd.DataFrame:
    """Birth date and TMT (CPNS, or PPPK appointment), ages below the BUP of the job group."""
    n = len(people)
    now = month_index(per)
    pppk = people["pppk"].to_numpy()
    bup = bup_age(people["jenjang"], settings, people["rumpun"]).to_numpy(int) * 12
    low = people["jenjang"].map(MIN_AGE).fillna(22).to_numpy(int) * 12
    age = low + ((bup - 13 - low) * rng.beta(2.0, 1.2, n)).astype(int)
    near = ~pppk & (rng.random(n) < NEAR_BUP_SHARE / (1 - PPPK_SHARE))
    age[near] = bup[near] - rng.integers(1, 12, near.sum())  # birthday BUP within 12 months
    age[pppk] = rng.integers(26 * 12, 52 * 12, pppk.sum())
    birth = now - age
    service = people["jenjang"].map(MIN_SERVICE).fillna(1).to_numpy(int) * 12
    entry = people["level"].map(ENTRY_AGE).to_numpy(int) * 12 + rng.integers(0, 97, n)
    entry = np.clip(np.minimum(entry, age - service), 18 * 12 + 1, None)
    tmt = birth + entry
    tmt[pppk] = (per.year - rng.integers(1, 6, pppk.sum())) * 12 + rng.integers(0, 12, pppk.sum())
    out = people.assign(birth_month=birth, birth_day=rng.integers(1, 29, n), tmt_month=tmt)
    out["tanggal_lahir"] = to_dates(birth, out["birth_day"].to_numpy()).to_numpy()
    out["tmt_cpns"] = to_dates(tmt).to_numpy()
    out["bup_months"] = bup
    return out


def _nip(rng: np.random.Generator, people: pd.DataFrame) -> np.ndarray:
    """18-digit NIP text: PNS ``birth TMT(YYYYMM) sex serial``, PPPK ``birth year 2 1 sex serial``."""
    birth = ymd(people["birth_month"].to_numpy(), people["birth_day"].to_numpy())
    sex = np.where(people["jenis_kelamin"] == "P", 2, 1)
    tmt = people["tmt_month"].to_numpy()
    middle = np.where(people["pppk"], (tmt // 12) * 100 + 21, ym(tmt))  # YYYY 2 1 or YYYYMM
    prefix = birth * 10**7 + middle * 10 + sex
    unique, group = np.unique(prefix, return_inverse=True)
    first = rng.integers(1, 40, len(unique))[group]  # serials start anywhere in 001..039
    serial = first + pd.Series(group).groupby(group).cumcount().to_numpy()
    return (prefix * 1000 + serial).astype(str)


def _golongan(rng: np.random.Generator, people: pd.DataFrame, per: date) -> pd.DataFrame:
    """Golongan from education and service (7.2), inside the position's span; TMT golongan."""
    now = month_index(per)
    level = people["level"]
    entry = golongan_index(level.map(ENTRY_GOLONGAN))
    top = golongan_index(level.map(MAX_GOLONGAN))
    years = (now - people["tmt_month"].to_numpy()) // 12
    steps = np.maximum(years // PROMOTION_YEARS - (rng.random(len(people)) < 0.3), 0)
    rank = np.minimum(entry + steps, top)
    span_min = people["golongan_min_id"].astype("Float64").to_numpy(float, na_value=np.nan)
    span_max = people["golongan_max_id"].astype("Float64").to_numpy(float, na_value=np.nan)
    has_span = ~np.isnan(span_min)
    rank[has_span] = np.clip(
        rank[has_span], golongan_index(span_min[has_span]), golongan_index(span_max[has_span])
    )
    pns_label = np.array([golongan_label(g) for g in GOLONGAN_IDS], dtype=object)[rank]
    pppk_label = np.array(PPPK_ROMAN, dtype=object)[level.map(PPPK_GOLONGAN).to_numpy() - 1]
    pppk = people["pppk"].to_numpy()
    last = now - rng.integers(0, 48, len(people))
    last = np.maximum(last - (last % 12 - 3) % 6, people["tmt_month"].to_numpy() + 12)  # Apr/Oct
    promoted = (rank > entry) & ~pppk
    out = people.assign(golongan=np.where(pppk, pppk_label, pns_label))
    out["tmt_golongan"] = to_dates(np.where(promoted, last, people["tmt_month"])).to_numpy()
    return out


def _tmt_jabatan(
    rng: np.random.Generator, people: pd.DataFrame, per: date
) -> tuple[np.ndarray, np.ndarray]:
    """Months in post: ~20 % past the rotation maximum, a few under the minimum (5.3)."""
    n = len(people)
    now = month_index(per)
    tenure = now - people["tmt_month"].to_numpy()
    pns = ~people["pppk"].to_numpy()
    long_ok = pns & (tenure >= 66)
    u = rng.random(n)
    p_over = min(0.95, OVER_MAX_SHARE * n / max(long_ok.sum(), 1))
    months = rng.integers(25, 60, n)
    months = np.where(u < UNDER_MIN_SHARE, rng.integers(1, 23, n), months)
    over = long_ok & (rng.random(n) < p_over)
    months = np.where(over, rng.integers(62, np.maximum(np.minimum(tenure, 200), 63)), months)
    months = np.where(pns, np.minimum(months, tenure), tenure)
    day = np.where(months < tenure, rng.integers(1, 29, n), 1)
    return now - months, day


def _sanctions(rng: np.random.Generator, people: pd.DataFrame, per: date) -> pd.DataFrame:
    """Active disciplinary sanctions (end after ``per``) and a few expired ones (5.5)."""
    n = len(people)
    now = month_index(per)
    u = rng.random(n)
    pns = ~people["pppk"].to_numpy() & (people["jenjang"] != "jpt").to_numpy()
    active = pns & (u < SANCTION_ACTIVE_SHARE)
    past = pns & (u >= SANCTION_ACTIVE_SHARE) & (u < SANCTION_ACTIVE_SHARE + SANCTION_PAST_SHARE)
    end = np.where(active, now + rng.integers(1, 13, n), now - rng.integers(1, 37, n))
    kind = np.where(active, rng.choice(SANCTIONS_ACTIVE, n), rng.choice(SANCTIONS_PAST, n))
    out = people.assign(sanction_active=active)
    out["hukuman_disiplin"] = pd.Series(kind).where(active | past).astype("str").to_numpy()
    out["hukuman_selesai"] = to_dates(end, rng.integers(1, 29, n)).where(active | past).to_numpy()
    return out
