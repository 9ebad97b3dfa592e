"""The seeded position map: which positions exist, how many people sit in each, the formation.

People are placed first and the formation (``kebutuhan``) is planted around them, so the city
has exactly the number of employees asked for and the planned shares hold at any size:

* every structural position holds one person, except about 8 % left vacant;
* the other positions share the remaining staff by largest-remainder apportionment of their
  template size (a small city drops the positions whose share rounds to nobody);
* about 20 % of positions are short (kebutuhan above bezetting, vacancies included) and about
  12.5 % over-staffed (kebutuhan below bezetting, only where two or more people sit).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.rules.golongan import GOLONGAN_IDS
from mutasi_cli.rules.jabatan import eselon_range, infer_jenis, infer_jenjang, rumpun
from mutasi_cli.sample.organisation import templates
from mutasi_cli.schema import COMPETENCIES

REFERENCE_STAFF = 4000  # the city size the template sizes describe
SHORT_SHARE = 0.20
OVER_SHARE = 0.125
VACANT_SINGLE = 0.08  # structural positions nobody holds (filled by a Plt in practice)
VACANT_OTHER = 0.01

# Golongan span of each JF jenjang. Illustrative sample values (not in DOMAIN.md).
JF_GOLONGAN: dict[str, tuple[int, int]] = {
    "ahli_madya": (41, 43),
    "ahli_muda": (33, 34),
    "ahli_pertama": (31, 32),
    "penyelia": (33, 34),
    "mahir": (31, 32),
    "terampil": (23, 24),
}
# Kelas jabatan (1-17) by eselon or jenjang: illustrative, each office has its own table (9.5).
KELAS: dict[str, int] = {
    "II.a": 15,
    "II.b": 14,
    "III.a": 12,
    "III.b": 11,
    "IV.a": 9,
    "IV.b": 8,
    "ahli_madya": 11,
    "ahli_muda": 9,
    "ahli_pertama": 8,
    "penyelia": 8,
    "mahir": 7,
    "terampil": 6,
    "pelaksana": 5,
}
# Pelaksana positions open to staff with little schooling (legacy SD/SLTP holders).
LOW_SKILL = frozenset(
    {
        "Pengemudi",
        "Operator Layanan Operasional",
        "Petugas Kebersihan",
        "Petugas Pasar",
        "Petugas Pengatur Lalu Lintas",
        "Petugas Pemadam Kebakaran",
    }
)
# Competency standard level by jenjang: the unverified practice table of DOMAIN.md 2.2.
STANDARD: dict[str, int] = {
    "jpt": 4,
    "administrator": 3,
    "pengawas": 3,
    "ahli_madya": 3,
    "ahli_muda": 3,
    "ahli_pertama": 2,
    "penyelia": 2,
    "mahir": 2,
    "terampil": 2,
    "pelaksana": 2,
}
JURUSAN: dict[str, str] = {
    "guru": "Pendidikan",
    "pengawas sekolah": "Pendidikan",
    "dokter": "Kedokteran",
    "dokter gigi": "Kedokteran Gigi",
    "perawat": "Keperawatan",
    "bidan": "Kebidanan",
    "apoteker": "Farmasi",
    "asisten apoteker": "Farmasi",
    "pranata laboratorium kesehatan": "Analis Kesehatan",
    "radiografer": "Radiologi",
    "nutrisionis": "Gizi",
    "sanitarian": "Kesehatan Lingkungan",
    "perekam medis": "Rekam Medis",
    "epidemiolog kesehatan": "Kesehatan Masyarakat",
    "administrator kesehatan": "Kesehatan Masyarakat",
    "penyuluh kesehatan masyarakat": "Kesehatan Masyarakat",
    "auditor": "Akuntansi",
    "analis keuangan pusat dan daerah": "Akuntansi",
    "pranata komputer": "Teknik Informatika",
    "statistisi": "Statistika",
    "analis hukum": "Ilmu Hukum",
    "perancang peraturan perundang-undangan": "Ilmu Hukum",
    "teknik jalan dan jembatan": "Teknik Sipil",
    "teknik pengairan": "Teknik Sipil",
    "teknik tata bangunan dan perumahan": "Teknik Sipil",
    "penata ruang": "Perencanaan Wilayah dan Kota",
    "perencana": "Perencanaan Wilayah dan Kota",
    "pekerja sosial": "Kesejahteraan Sosial",
    "analis kepegawaian": "Manajemen Sumber Daya Manusia",
}
HEALTH = frozenset(
    {
        "dokter",
        "dokter gigi",
        "perawat",
        "bidan",
        "apoteker",
        "asisten apoteker",
        "pranata laboratorium kesehatan",
        "radiografer",
        "nutrisionis",
        "sanitarian",
        "perekam medis",
    }
)


def golongan_index(golongan_id: pd.Series | np.ndarray) -> np.ndarray:
    """SIASN golongan id -> its rank 0..16 (I/a = 0, IV/e = 16)."""
    return np.searchsorted(np.asarray(GOLONGAN_IDS), np.asarray(golongan_id, dtype=float))


def describe(frame: pd.DataFrame) -> pd.DataFrame:
    """Add what follows from a position's name and eselon, read as ``rules.jabatan`` reads it."""
    out = frame.copy()
    eselon = out["eselon"].astype("string")
    jenis = infer_jenis(out["jabatan"], eselon)
    out["jenis_jabatan"] = jenis.str.capitalize().astype(str)
    out["jenjang"] = infer_jenjang(out["jabatan"], jenis, eselon).astype(str)
    out["rumpun"] = rumpun(out["jabatan"], out["jenjang"]).astype(str)
    low = out["jabatan"].isin(LOW_SKILL)
    out["kelas_jabatan"] = (
        out["eselon"].map(KELAS).fillna(out["jenjang"].map(KELAS)).where(~low, 3).astype(int)
    )
    out["pendidikan_min"] = np.select(
        [
            out["jenjang"].isin(["jpt", "administrator"]) | out["jenjang"].str.startswith("ahli"),
            out["jenjang"].isin(["pengawas", "terampil", "mahir", "penyelia"]),
            low,
        ],
        [40, 30, 5],
        15,
    )
    jf_low = out["jenjang"].map({k: v[0] for k, v in JF_GOLONGAN.items()}).astype("Int64")
    jf_high = out["jenjang"].map({k: v[1] for k, v in JF_GOLONGAN.items()}).astype("Int64")
    low_id, high_id = eselon_range(eselon)
    out["golongan_min_id"] = low_id.fillna(jf_low)
    out["golongan_max_id"] = high_id.fillna(jf_high)
    # Every teaching family ("guru kelas", "guru matematika") needs a Pendidikan degree.
    family = out["rumpun"].where(~out["rumpun"].str.startswith("guru"), "guru")
    out["jurusan"] = family.map(JURUSAN).astype("str")
    out["profile"] = _education_profile(out, low)
    out["move_group"] = out["rumpun"] + " " + out["jenjang"]
    return out


def _education_profile(pos: pd.DataFrame, low: pd.Series) -> np.ndarray:
    jenjang = pos["jenjang"]
    return np.select(
        [
            jenjang == "jpt",
            jenjang == "administrator",
            jenjang == "pengawas",
            jenjang == "ahli_madya",
            jenjang.str.startswith("ahli"),
            jenjang.isin(["terampil", "mahir", "penyelia"]),
            low,
        ],
        ["jpt", "administrator", "pengawas", "ahli_madya", "ahli", "terampil", "low"],
        "pelaksana",
    )


def apportion(weights: np.ndarray, total: int, minimum: np.ndarray) -> np.ndarray:
    """Split ``total`` seats by ``weights`` (largest remainder) after giving ``minimum`` each."""
    rest = total - int(minimum.sum())
    quota = weights / weights.sum() * max(rest, 0)
    seats = np.floor(quota).astype(int)
    order = np.argsort(seats - quota, kind="stable")  # largest fractional part first
    seats[order[: max(rest, 0) - seats.sum()]] += 1
    return seats + minimum


def build_positions(rng: np.random.Generator, staff: int) -> pd.DataFrame:
    """Positions for ``staff`` people: ``bezetting`` (people placed) and ``kebutuhan``."""
    pos = describe(templates())
    keep = ~pos["single"] | pos["core"] | (rng.random(len(pos)) < staff / REFERENCE_STAFF)
    pos = pos[keep].reset_index(drop=True)
    single = pos["single"].to_numpy()
    vacant = rng.random(len(pos)) < np.where(single, VACANT_SINGLE, VACANT_OTHER)
    vacant &= ~(pos["core"].to_numpy() & ~single)
    pool = ~single & ~vacant
    bezetting = (single & ~vacant).astype(int)
    rest = staff - int(bezetting.sum())
    bezetting[pool] = apportion(
        pos["base"].to_numpy()[pool], rest, pos["core"].to_numpy()[pool].astype(int)
    )
    scale = rest / pos["base"].to_numpy()[pool].sum()
    planned = np.where(single, 1, np.maximum(1, np.rint(pos["base"].to_numpy() * scale)))
    pos["bezetting"] = bezetting
    pos["kebutuhan"] = np.where(vacant, planned, bezetting).astype(int)
    pos = pos[vacant | (bezetting > 0)].reset_index(drop=True)
    pos["kebutuhan"] = _plant_formation(rng, pos)
    return pd.concat([pos, _standards(rng, pos["jenjang"])], axis=1)


def _plant_formation(rng: np.random.Generator, pos: pd.DataFrame) -> np.ndarray:
    """Shortages and surpluses around the people placed (the module docstring's shares)."""
    b = pos["bezetting"].to_numpy()
    k = pos["kebutuhan"].to_numpy().copy()
    n = len(pos)
    over = _pick(rng, b >= 2, OVER_SHARE * n)
    k[over] = b[over] - np.clip(np.rint(b[over] * rng.uniform(0.1, 0.3, over.sum())), 1, None)
    can_short = (b >= 1) & ~over & ~pos["single"].to_numpy()
    short = _pick(rng, can_short, SHORT_SHARE * n - (b == 0).sum())
    k[short] = b[short] + np.clip(np.rint(b[short] * rng.uniform(0.1, 0.35, short.sum())), 1, None)
    return np.maximum(k, 1)


def _pick(rng: np.random.Generator, eligible: np.ndarray, count: float) -> np.ndarray:
    """A mask of ``count`` positions drawn from the ``eligible`` ones (fewer if too few)."""
    where = np.flatnonzero(eligible)
    size = int(np.clip(round(count), 0, len(where)))
    mask = np.zeros(len(eligible), bool)
    mask[rng.choice(where, size=size, replace=False)] = True
    return mask


def _standards(rng: np.random.Generator, jenjang: pd.Series) -> pd.DataFrame:
    """Standard competency levels 1-5: the jenjang's level, one higher on about 15 % of items."""
    base = jenjang.map(STANDARD).to_numpy()[:, None]
    bump = rng.random((len(jenjang), len(COMPETENCIES))) < 0.15
    return pd.DataFrame(np.clip(base + bump, 1, 5), columns=list(COMPETENCIES))
