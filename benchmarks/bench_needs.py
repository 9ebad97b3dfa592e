"""Time the analyze-needs core against reading its inputs, at three sizes.

    python benchmarks/bench_needs.py [--sizes 5000,50000,200000] [--no-xlsx] [--repeat 3]

For each size a synthetic city is built straight as canonical typed frames with numpy (roster,
position map with one position per 10 employees, ABK tasks for half the positions). Its roster
and map are written once to .xlsx (xlsxwriter) in a temporary folder and read back with
fastexcel, the reader the project's ``io.read`` is built on: that is the "read" time, a lower
bound for what the command spends before the core starts. "analyze" is
:func:`mutasi_cli.needs.analyze_needs` on the frames. The target: analyze <= 2 x read.
Each time is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import fastexcel
import numpy as np
import pandas as pd

from mutasi_cli.needs import analyze_needs
from mutasi_cli.settings import Settings

PER = date(2025, 7, 1)
JENIS = np.array(["struktural", "fungsional", "pelaksana"])
JENJANG = np.array(["pelaksana", "pengawas", "administrator", "ahli_pertama", "ahli_muda"])
PERIODE = np.array(["tahun", "bulan", "minggu", "hari"])


def _dates(rng: np.random.Generator, start: str, end: str, n: int) -> pd.Series:
    lo, hi = np.datetime64(start, "D"), np.datetime64(end, "D")
    days = rng.integers(0, (hi - lo).astype(int), n)
    return pd.Series(lo + days).astype("datetime64[ns]")


def _text(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="string")


def synthetic(employees: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    """Canonical pegawai, jabatan and beban_kerja frames for a city of ``employees`` people."""
    rng = np.random.default_rng(seed)
    n_pos = max(employees // 10, 10)
    n_units = max(n_pos // 50, 2)
    unit_of_pos = np.arange(n_pos) % n_units
    unit_names = np.char.add("Unit Kerja ", np.arange(n_units).astype(str))
    pos_names = np.char.add("Jabatan ", (np.arange(n_pos) // n_units).astype(str))
    formation = rng.integers(1, 16, n_pos).astype(float)
    formation[rng.random(n_pos) < 0.1] = np.nan
    jabatan = pd.DataFrame(
        {
            "unit_kerja": _text(unit_names[unit_of_pos]),
            "jabatan": _text(pos_names),
            "kebutuhan": pd.array(formation, dtype="Float64"),
            "jenis_jabatan": _text(JENIS[rng.integers(0, 3, n_pos)]),
            "golongan_min_id": pd.array(rng.choice([21, 31, 33], n_pos), dtype="Int64"),
            "golongan_max_id": pd.array(rng.choice([32, 34, 42], n_pos), dtype="Int64"),
            "pendidikan_min_level": pd.array(rng.choice([15, 30, 40], n_pos), dtype="Int64"),
        }
    )
    with_abk = np.flatnonzero(rng.random(n_pos) < 0.5)
    task_pos = np.repeat(with_abk, 5)
    beban_kerja = pd.DataFrame(
        {
            "unit_kerja": jabatan["unit_kerja"].to_numpy()[task_pos],
            "jabatan": jabatan["jabatan"].to_numpy()[task_pos],
            "volume": pd.array(rng.integers(1, 500, len(task_pos)), dtype="Float64"),
            "periode": _text(PERIODE[rng.integers(0, 4, len(task_pos))]),
            "norma_waktu": pd.array(rng.integers(5, 120, len(task_pos)), dtype="Float64"),
        }
    ).astype({"unit_kerja": "string", "jabatan": "string"})
    at = rng.integers(0, n_pos, employees)
    jab = jabatan["jabatan"].to_numpy(object)[at]
    jab[rng.random(employees) < 0.02] = "Jabatan Lama"  # unmapped
    pegawai = pd.DataFrame(
        {
            "nip": _text(np.char.zfill(np.arange(employees).astype(str), 18)),
            "nama": _text(np.char.add("Pegawai ", np.arange(employees).astype(str))),
            "status": _text(np.where(rng.random(employees) < 0.9, "PNS", "PPPK")),
            "unit_kerja": jabatan["unit_kerja"].to_numpy()[at],
            "jabatan": _text(jab),
            "jenjang": _text(JENJANG[rng.integers(0, len(JENJANG), employees)]),
            "golongan_id": pd.array(rng.choice([21, 22, 31, 32, 33, 34, 41], employees), "Int64"),
            "pendidikan_level": pd.array(rng.choice([15, 30, 40, 45], employees), "Int64"),
            "tanggal_lahir": _dates(rng, "1965-01-01", "2000-12-31", employees),
            "tmt_jabatan": _dates(rng, "2010-01-01", "2025-06-30", employees),
        }
    ).astype({"unit_kerja": "string"})
    return {"pegawai": pegawai, "jabatan": jabatan, "beban_kerja": beban_kerja}


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _read_all(paths: list[Path]) -> None:
    for path in paths:
        reader = fastexcel.read_excel(path)
        reader.load_sheet(0, dtypes={"nip": "string"}, schema_sample_rows=None).to_pandas()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000,200000")
    parser.add_argument("--no-xlsx", action="store_true", help="skip writing and reading xlsx")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    print(f"{'employees':>10} {'positions':>10} {'read s':>8} {'analyze s':>10} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        frames = synthetic(size)
        analyze = _best(
            lambda f=frames: analyze_needs(
                f["pegawai"], f["jabatan"], f["beban_kerja"], per=PER, settings=settings
            ),
            args.repeat,
        )
        read = float("nan")
        if not args.no_xlsx:
            with tempfile.TemporaryDirectory() as tmp:
                paths = []
                for name in ("pegawai", "jabatan", "beban_kerja"):
                    path = Path(tmp) / f"{name}.xlsx"
                    frames[name].to_excel(path, index=False, engine="xlsxwriter")
                    paths.append(path)
                read = _best(lambda p=paths: _read_all(p), args.repeat)
        positions = len(frames["jabatan"])
        print(f"{size:>10,} {positions:>10,} {read:>8.2f} {analyze:>10.2f} {analyze / read:>6.2f}")


if __name__ == "__main__":
    main()
