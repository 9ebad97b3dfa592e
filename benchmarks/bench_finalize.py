"""Time of ``finalize.render_documents`` (the collective SK and one petikan per approved move)
and of the whole apply step, on synthetic approved moves.

Usage: ``python benchmarks/bench_finalize.py [MOVES ...]`` (default 100 1000). The target
(issue 10): 1,000 petikan in under 15 s. Each petikan is filled from a template read and
compiled once (``documents._FastTemplate``); the collective SK goes through docxtpl.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_cli.finalize import apply_decisions, render_documents
from mutasi_cli.finalize.review import Review

DEFAULT_SIZES = (100, 1_000)


def inputs(moves: int, seed: int = 3) -> tuple[Review, pd.DataFrame]:
    """A roster of ``moves`` people, each approved into another unit (no chains)."""
    rng = np.random.default_rng(seed)
    nips = [f"19{70 + i % 25:02d}0{1 + i % 9}1{i % 10}2005011{i % 1000:03d}" for i in range(moves)]
    units = np.array([f"Dinas Pelayanan Masyarakat Nomor {i:02d}" for i in range(40)])
    roster = pd.DataFrame(
        {
            "nip": pd.array(nips, dtype="string"),
            "nama": pd.array([f"Pegawai Contoh Nomor {i}, S.Kom." for i in range(moves)]),
            "golongan": pd.array(rng.choice(["III/a", "III/b", "III/c", "IV/a"], moves)),
            "unit_kerja": pd.array(rng.choice(units, moves), dtype="string"),
            "jabatan": pd.array(["Pengadministrasi Perkantoran"] * moves, dtype="string"),
            "tmt_jabatan": pd.Timestamp("2018-01-01"),
            "excel_row": pd.array(np.arange(2, moves + 2), dtype="Int64"),
        }
    )
    frame = pd.DataFrame(
        {
            "nip": roster["nip"],
            "nama": roster["nama"],
            "from_unit": roster["unit_kerja"],
            "from_jabatan": roster["jabatan"],
            "to_unit": pd.array(rng.choice(units, moves), dtype="string"),
            "to_jabatan": pd.array(["Penelaah Teknis Kebijakan"] * moves, dtype="string"),
            "seat": pd.array([f"V:x#{i}" for i in range(moves)], dtype="string"),
            "replaces": pd.array([None] * moves, dtype="string"),
            "keputusan": pd.array(["setuju"] * moves, dtype="string"),
            "catatan": pd.array([None] * moves, dtype="string"),
            "excel_row": roster["excel_row"],
        }
    )
    columns = {c: i for i, c in enumerate(frame.columns) if c != "excel_row"}
    return Review(frame, "Usulan Mutasi", columns), roster


def main(sizes: list[int]) -> None:
    print("| moves | apply (s) | documents | render (s) | per document (ms) |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        review, roster = inputs(n)
        t0 = time.perf_counter()
        result = apply_decisions(
            review, roster, None, tmt=date(2027, 1, 1), tanggal_sk=date(2026, 12, 10)
        )
        t1 = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            paths = render_documents(result, Path(folder))
            t2 = time.perf_counter()
        print(
            f"| {n:,} | {t1 - t0:.2f} | {len(paths):,} | {t2 - t1:.2f} | "
            f"{(t2 - t1) / len(paths) * 1000:.1f} |"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or list(DEFAULT_SIZES))
