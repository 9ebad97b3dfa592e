"""`mutasi validate` end to end on synthetic rosters: read, normalise, cross-check, report.

Generates the sample city's roster and position map at each size (``mutasi_cli.sample``), writes
them as .xlsx in a temporary folder and prints, per size, the median of ``--runs`` timings of the
whole command (in-process, ``--json --quiet``) next to fastexcel's raw load of the same roster:

    python benchmarks/bench_validate.py              # 5k, 50k and 200k employees
    python benchmarks/bench_validate.py 50000 --runs 3

Target (issue 2): validating a 50,000-row roster in under 3 s on this machine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import fastexcel

from mutasi_cli.cli import main
from mutasi_cli.sample import generate_city, write_city


def _validate(files: list[Path]) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(["validate", *map(str, files), "--per", "2026-12-01", "--json", "--quiet"])
    return time.perf_counter() - start


def _raw(path: Path) -> float:
    start = time.perf_counter()
    fastexcel.read_excel(path).load_sheet(0, dtypes={"NIP": "string"}).to_pandas()
    return time.perf_counter() - start


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5_000, 50_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'employees':>10} {'positions':>10} {'raw load s':>11} {'validate s':>11} {'ratio':>6}")
    for size in args.sizes:
        frames = generate_city(employees=size, seed=1, per=date(2026, 12, 1))
        frames = {k: v for k, v in frames.items() if k in ("pegawai", "jabatan")}
        with tempfile.TemporaryDirectory() as tmp:
            written = write_city(frames, Path(tmp), force=True, created=datetime(2026, 1, 1))
            files = [p for p in written if p.suffix == ".xlsx"]
            roster = next(p for p in files if p.stem == "pegawai")
            raw = statistics.median(_raw(roster) for _ in range(args.runs))
            _validate(files)  # warm-up: imports and first-touch page faults
            full = statistics.median(_validate(files) for _ in range(args.runs))
        print(
            f"{size:>10,} {len(frames['jabatan']):>10,} {raw:>11.2f} {full:>11.2f} "
            f"{full / raw:>6.1f}"
        )


if __name__ == "__main__":
    main_bench()
