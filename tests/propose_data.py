"""Small synthetic canonical frames for the propose tests (no real person's data)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from mutasi_cli.schema import COMPETENCIES

PER = date(2025, 7, 1)
DUE = "2019-01-01"  # more than 60 months before PER: rotation due
MID = "2021-01-01"  # 54 months: eligible, not due
NEW = "2024-01-01"  # 18 months: too recent

_PEGAWAI_TEXT = [
    "nip",
    "nama",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "jenjang",
    "rumpun",
    "unit_kerja",
    "unit_induk",
    "pendidikan",
    "jurusan",
    "jenis_kelamin",
    "hukuman_disiplin",
    "kinerja",
]
_JABATAN_TEXT = [
    "kelompok_jabatan",
    "unit_kerja",
    "jabatan",
    "unit_induk",
    "jenis_jabatan",
    "eselon",
    "jenjang",
    "rumpun",
    "jurusan",
]
_GOLONGAN = {32: "III/b", 33: "III/c", 34: "III/d", 41: "IV/a", 42: "IV/b", 43: "IV/c"}


def nip(seq: int, born: str = "19850101", sex: int = 1) -> str:
    """A valid-looking synthetic 18-digit NIP; ``seq`` orders them."""
    return f"{born}201001{sex}{seq:03d}"


def person(seq: int, unit: str, jabatan: str, **extra) -> dict:
    row = {
        "nip": nip(seq, sex=extra.pop("sex", 1)),
        "nama": f"Pegawai {seq:03d}",
        "status": "PNS",
        "golongan_id": 33,
        "jabatan": jabatan,
        "jenis_jabatan": "pelaksana",
        "jenjang": "pelaksana",
        "rumpun": "pelaksana",
        "unit_kerja": unit,
        "tmt_jabatan": MID,
        "pendidikan_level": 40,
        "tanggal_lahir": "1985-01-01",
        "jenis_kelamin": "L",
    }
    if extra.get("jenis_jabatan", "pelaksana") == "pelaksana":
        row["kelompok_jabatan"] = "umum"  # the group of the made-up titles (see position)
    row.update(extra)
    return row


def position(unit: str, jabatan: str, kebutuhan: float | None, **extra) -> dict:
    row = {
        "unit_kerja": unit,
        "jabatan": jabatan,
        "kebutuhan": kebutuhan,
        "jenis_jabatan": "pelaksana",
        "jenjang": "pelaksana",
        "rumpun": "pelaksana",
    }
    if extra.get("jenis_jabatan", "pelaksana") == "pelaksana":
        # The made-up pelaksana titles of these tests share one group of the nomenclature.
        row["kelompok_jabatan"] = "umum"
    row.update(extra)
    return row


def _typed(rows: list[dict], text: list[str], ints: list[str], dates: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for c in text:
        frame[c] = (
            frame[c].astype("string")
            if c in frame
            else pd.Series(pd.NA, index=frame.index, dtype="string")
        )
    for c in ints:
        if c in frame:
            frame[c] = frame[c].astype("Float64").astype("Int64")
    for c in dates:
        if c in frame:
            frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ns]")
    frame["excel_row"] = pd.array(range(2, len(frame) + 2), dtype="Int64")
    return frame


def pegawai(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    if "golongan_id" in frame:
        frame["golongan"] = frame["golongan_id"].map(_GOLONGAN)
    ints = ["golongan_id", "pendidikan_level", *COMPETENCIES]
    out = _typed(
        frame.to_dict("records"),
        _PEGAWAI_TEXT,
        ints,
        ["tmt_jabatan", "tanggal_lahir", "hukuman_selesai"],
    )
    if "potensi" in out:
        out["potensi"] = out["potensi"].astype("Float64")
    return out


def jabatan(rows: list[dict]) -> pd.DataFrame:
    out = _typed(
        rows,
        _JABATAN_TEXT,
        ["golongan_min_id", "golongan_max_id", "pendidikan_min_level", *COMPETENCIES],
        [],
    )
    out["kebutuhan"] = out["kebutuhan"].astype("Float64")
    return out


def aspirasi(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    text = [
        "nip",
        *(f"pilihan_{k}" for k in (1, 2, 3)),
        *(f"pilihan_{k}_jabatan" for k in (1, 2, 3)),
    ]
    out = _typed(rows, text, [], [])
    out["bersedia_mutasi"] = (
        frame["bersedia_mutasi"].astype("boolean")
        if "bersedia_mutasi" in frame
        else pd.array([pd.NA] * len(out), dtype="boolean")
    )
    return out
