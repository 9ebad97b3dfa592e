"""`mutasi sample-data`: a synthetic, clearly illustrative Kota Salatiga.

:func:`generate_city` is pure and deterministic (numpy ``Generator(seed)`` and a seeded
``Faker("id_ID")``; the reference date ``per`` is a parameter); :func:`write_city` writes it.
Every person, name and number is made up; the organisation follows DOMAIN.md section 8 and is
illustrative, not the official Salatiga structure.

Planted facts that other commands' tests may rely on (default size; shares hold at any size):

* ``pegawai``: exactly ``employees`` rows; about 12 % PPPK; about 3 % reach BUP within 12 months
  of ``per``; about 2 % under an active disciplinary sanction (ends after ``per``) and 1 % with an
  expired one; about 20 % longer than 60 months in post; about 0.5 % hold a (unit, jabatan) that
  is not in the position map.
* ``jabatan``: 20 % of positions short (vacant ones included: about 8 % of structural posts
  have nobody) and 12.5 % over-staffed; the 22 kelurahan of DOMAIN.md 8.1.
* ``beban_kerja``: tasks for 20 % of positions; the ABK need rounds up to the formation number
  except for a quarter of them (deliberately far above or below).
* ``riwayat_mutasi``: ``TRANSFER_SHARE`` of staff (250 of 4,000) moved 17-19 months before
  ``per``; they now hold the destination post, with ``TMT Jabatan`` = ``TMT Mutasi``.
* ``kinerja``: 12 quarters up to the one before ``per``; the oldest 4 as PP 46/2011 scores
  ("Triwulan I 2024"), the rest as 2022 predikat and/or hasil/perilaku ratings ("2025-Q1").
  **Planted effect:** movers gain ``PLANTED_EFFECT`` = 0.5 predikat step from the transfer
  quarter on, against non-movers with the same trend and noise: a difference in differences of
  about +0.5 on the 1-5 predikat scale (after minus before, movers minus the rest).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.io.limits import EXCEL_ROWS
from mutasi_cli.io.write import SheetSpec, atomic_path, write_workbook
from mutasi_cli.rules.golongan import GOLONGAN_IDS, golongan_label
from mutasi_cli.rules.pendidikan import LEVEL_LABELS
from mutasi_cli.sample.aspirations import aspirations
from mutasi_cli.sample.calendar import to_dates
from mutasi_cli.sample.competency import assess
from mutasi_cli.sample.history import (
    PLANTED_EFFECT,
    QUARTERS,
    TRANSFER_SHARE,
    performance,
    settle,
    transfers,
)
from mutasi_cli.sample.people import add_people, name_pool, seat_people
from mutasi_cli.sample.positions import build_positions
from mutasi_cli.sample.workload import workload
from mutasi_cli.schema import COMPETENCIES, TABLES
from mutasi_cli.settings import Settings
from mutasi_cli.templates_init import CONFIG_NAME, config_text

__all__ = ["PLANTED_EFFECT", "TABLE_ORDER", "TRANSFER_SHARE", "generate_city", "write_city"]

TABLE_ORDER = tuple(TABLES)
MIN_EMPLOYEES = 200
# The kinerja table holds up to QUARTERS (12) records a person and must fit one Excel sheet
# under its header: 87,381 people. A mistyped extra zero asked for gigabytes.
MAX_EMPLOYEES = (EXCEL_ROWS - 1) // QUARTERS
OFF_MAP_SHARE = 0.005
PEGAWAI_COLUMNS = (
    "nip",
    "nama",
    "status",
    "jenis_kelamin",
    "tanggal_lahir",
    "tmt_cpns",
    "golongan",
    "tmt_golongan",
    "pendidikan",
    "jurusan",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "tmt_jabatan",
    "unit_kerja",
    "unit_induk",
    "hukuman_disiplin",
    "hukuman_selesai",
    "kinerja",
    "potensi",
)
JABATAN_COLUMNS = (
    "unit_kerja",
    "unit_induk",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "kelas_jabatan",
    "kebutuhan",
    "golongan_min",
    "golongan_max",
    "pendidikan_min",
    "jurusan",
    *COMPETENCIES,
)


def generate_city(
    *, employees: int = 4000, seed: int = 1, per: date = date(2026, 12, 1)
) -> dict[str, pd.DataFrame]:
    """The sample city: one frame per table (keys of ``schema.TABLES``), Indonesian headers."""
    if employees < MIN_EMPLOYEES:
        raise UsageError.of("sample.error.too_few", minimum=MIN_EMPLOYEES)
    if employees > MAX_EMPLOYEES:
        raise UsageError.of("sample.error.too_many", maximum=MAX_EMPLOYEES)
    settings = Settings()
    rng = np.random.default_rng(seed)
    off_map = max(1, round(OFF_MAP_SHARE * employees))
    pos = build_positions(rng, employees - off_map)
    people = add_people(rng, seat_people(rng, pos, off_map), per, name_pool(seed), settings)
    moves = transfers(rng, people, pos, per, settings)
    people = settle(people, moves)
    kinerja, latest = performance(rng, people, moves, per, settings)
    assessed = assess(rng, people, per, settings)
    frames = {
        "pegawai": _pegawai(people, latest, assessed["potensi"]),
        "jabatan": _jabatan(pos),
        "beban_kerja": workload(rng, pos, settings),
        "kompetensi": assessed.drop(columns="potensi"),
        "aspirasi": aspirations(rng, people, pos),
        "kinerja": kinerja,
        "riwayat_mutasi": moves.drop(columns="person"),
    }
    return {name: _display(name, frames[name]) for name in TABLE_ORDER}


def _pegawai(people: pd.DataFrame, latest: pd.Series, potensi: pd.Series) -> pd.DataFrame:
    out = people.assign(
        status=np.where(people["pppk"], "PPPK", "PNS"),
        tmt_jabatan=to_dates(people["tmt_jabatan_month"], people["tmt_jabatan_day"]).to_numpy(),
        kinerja=latest.to_numpy(),
        potensi=potensi.to_numpy(),
    )
    return out[list(PEGAWAI_COLUMNS)]


def _jabatan(pos: pd.DataFrame) -> pd.DataFrame:
    labels = {gid: golongan_label(gid) for gid in GOLONGAN_IDS}
    out = pos.assign(
        golongan_min=pos["golongan_min_id"].map(labels),
        golongan_max=pos["golongan_max_id"].map(labels),
        pendidikan_min=pos["pendidikan_min"].map(LEVEL_LABELS),
    )
    return out[list(JABATAN_COLUMNS)]


def _display(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Indonesian headers (``Column.label_id``) and plain dtypes: str text, int, float, dates."""
    out = frame.reset_index(drop=True)
    text = out.select_dtypes(include=["object", "string"]).columns
    out[text] = out[text].astype("str")
    return out.rename(columns={c.name: c.label_id for c in TABLES[table].columns})


def write_city(
    frames: dict[str, pd.DataFrame], out_dir: Path, *, force: bool, created: datetime
) -> list[Path]:
    """Write one workbook per table (sheet named after it) and a ``mutasi.toml`` naming them."""
    written = [
        write_workbook(
            out_dir / f"{name}.xlsx",
            [SheetSpec(TABLES[name].label_id, frame, formats={"NIP": "text"})],
            None,
            force=force,
            created=created,
        )
        for name, frame in frames.items()
    ]
    config = out_dir / CONFIG_NAME
    paths = {name: f"{name}.xlsx" for name in frames}
    with atomic_path(config, force) as tmp:
        tmp.write_text(config_text(paths), encoding="utf-8")
    return [*written, config]
