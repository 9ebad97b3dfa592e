"""Time and peak memory of ``io.write.write_workbook`` on a synthetic 20-column roster.

Each size runs in a fresh process, so the peak RSS (``resource.getrusage``) belongs to that size
alone. Usage: ``python benchmarks/bench_write.py [ROWS ...]`` (default 5000 50000 200000).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_cli.io.write import CONSTANT_MEMORY_ROWS, SheetSpec, write_workbook

DEFAULT_SIZES = (5_000, 50_000, 200_000)


def roster(rows: int, seed: int = 1) -> pd.DataFrame:
    """20 columns like a real roster: an 18-digit NIP, texts, three dates, ints, floats, blanks."""
    rng = np.random.default_rng(seed)
    units = np.array([f"Dinas {i:02d}" for i in range(40)])
    born = pd.Timestamp("1965-01-01") + pd.to_timedelta(rng.integers(0, 12_000, rows), unit="D")
    nip = (
        born.strftime("%Y%m%d")
        + "2005011"
        + pd.Series(np.arange(rows) % 1000).astype(str).str.zfill(3)
    )
    eselon = np.where(rng.random(rows) < 0.85, None, "IV.a")
    frame = pd.DataFrame(
        {
            "NIP": nip.to_numpy(),
            "Nama": [f"Pegawai {i}" for i in range(rows)],
            "Jenis Kelamin": rng.choice(["L", "P"], rows),
            "Tempat Lahir": rng.choice(["Salatiga", "Semarang", "Solo"], rows),
            "Agama": rng.choice(["Islam", "Kristen", "Katolik"], rows),
            "Golongan": rng.choice(["III/a", "III/b", "IV/a"], rows),
            "Pangkat": rng.choice(["Penata Muda", "Penata", "Pembina"], rows),
            "Jabatan": rng.choice(["Analis", "Pengelola", "Guru"], rows),
            "Jenis Jabatan": rng.choice(["Fungsional", "Pelaksana"], rows),
            "Unit Kerja": rng.choice(units, rows),
            "Unit Induk": rng.choice(units, rows),
            "Eselon": pd.array(eselon, dtype="string"),
            "Tanggal Lahir": born,
            "TMT Golongan": born + pd.Timedelta(days=9_000),
            "TMT Jabatan": born + pd.Timedelta(days=10_000),
            "Masa Kerja": rng.integers(0, 35, rows),
            "Nilai SKP": rng.normal(85, 5, rows),
            "Nilai Perilaku": rng.normal(80, 5, rows),
            "JPM": rng.uniform(50, 100, rows),
            "Catatan": pd.array(np.where(rng.random(rows) < 0.5, None, "=cek"), dtype="string"),
        }
    )
    return frame


def measure(rows: int) -> dict[str, float]:
    frame = roster(rows)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        path = write_workbook(Path(folder) / "bench.xlsx", [SheetSpec("Data", frame)], None)
        seconds = time.perf_counter() - start
        size = path.stat().st_size
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": rows, "seconds": seconds, "peak_mb": peak_kb / 1024, "file_mb": size / 1e6}


def main(sizes: list[int]) -> None:
    print(f"write_workbook, 20 columns (constant_memory from {CONSTANT_MEMORY_ROWS:,} rows)")
    print(f"{'rows':>9} {'seconds':>8} {'rows/s':>8} {'peak MB':>8} {'file MB':>8}")
    for rows in sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(rows)],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(child.stdout)
        print(
            f"{r['rows']:>9,} {r['seconds']:>8.2f} {r['rows'] / r['seconds']:>8,.0f} "
            f"{r['peak_mb']:>8.0f} {r['file_mb']:>8.1f}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or list(DEFAULT_SIZES))
