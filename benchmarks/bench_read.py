"""How much slower is ``read_table`` than fastexcel's own raw load of the same roster?

Generates synthetic rosters (20 columns, NIP as text, shared strings as Excel writes them) in a
temporary folder and prints, per size, the median of ``--runs`` timings:

    python benchmarks/bench_read.py            # 5k, 50k and 200k rows
    python benchmarks/bench_read.py 5000 50000 --runs 5

The raw load is MEASUREMENTS.md's reference: ``fastexcel.read_excel(path).load_sheet(0,
dtypes={"nip": "string"}).to_pandas()``. The target is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import fastexcel
import xlsxwriter

from mutasi_cli.io.read import read_table

HEADERS = (
    "NIP",
    "Nama",
    "Jenis Kelamin",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Agama",
    "Golongan",
    "Pangkat",
    "TMT Golongan",
    "Jabatan",
    "Jenis Jabatan",
    "Eselon",
    "TMT Jabatan",
    "Unit Kerja",
    "Unit Induk",
    "Pendidikan",
    "Masa Kerja Tahun",
    "Skor 1",
    "Skor 2",
    "Skor 3",
)
DATES = (4, 8, 12)
NUMBERS = (16, 17, 18, 19)
CHOICES = {
    2: ("L", "P"),
    3: ("Salatiga", "Semarang", "Boyolali", "Magelang", "Klaten"),
    5: ("Islam", "Kristen", "Katolik", "Hindu", "Buddha"),
    6: ("II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"),
    7: ("Pengatur", "Penata Muda", "Penata", "Penata Tingkat I", "Pembina"),
    10: ("Struktural", "Fungsional", "Pelaksana"),
    15: ("S1", "S2", "D-III", "SLTA"),
}


def write_roster(path: Path, rows: int, seed: int = 1, *, problems: float = 0.005) -> None:
    """A consistent roster (NIP, birth date and sex agree; TMTs after the 18th birthday) with
    a share ``problems`` of realistic bad rows: NIPs too short, NIPs stored as numbers, a NIP
    repeated, text in a date column (also after row 1,000, fastexcel's sampling trap)."""
    rnd = random.Random(seed)
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("pegawai")
    day = book.add_format({"num_format": "dd-mm-yyyy"})
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header)
    units = [f"Dinas {i:03d}" for i in range(60)]
    jobs = [f"Jabatan {i:03d}" for i in range(400)]
    previous = ""
    for r in range(1, rows + 1):
        born = date(1965, 1, 1) + timedelta(days=rnd.randrange(12_000))
        tmt = born + timedelta(days=rnd.randrange(7_000, 12_000))
        sex = rnd.randint(1, 2)
        nip = f"{born:%Y%m%d}{tmt:%Y%m}{sex}{r % 1000:03d}"
        bad = rnd.random() < problems
        kind = rnd.randrange(4) if bad else -1
        if kind == 0:
            sheet.write_string(r, 0, nip[:-1])
        elif kind == 1:
            sheet.write_number(r, 0, float(nip))
        elif kind == 2 and previous:
            sheet.write_string(r, 0, previous)
        else:
            sheet.write_string(r, 0, nip)
        previous = nip
        sheet.write_string(r, 1, f"Pegawai {rnd.randrange(10**8):08d}")
        for col, values in CHOICES.items():
            sheet.write_string(r, col, rnd.choice(values))
        sheet.write_string(r, 2, "LP"[sex - 1])
        sheet.write_datetime(r, 4, born, day)
        for col in DATES[1:]:
            sheet.write_datetime(r, col, tmt + timedelta(days=rnd.randrange(0, 6_000)), day)
        if kind == 3:
            sheet.write_string(r, 12, "31-02-2010")
        sheet.write_string(r, 9, rnd.choice(jobs))
        if rnd.random() < 0.15:
            sheet.write_string(r, 11, rnd.choice(("III.a", "III.b", "IV.a", "IV.b")))
        sheet.write_string(r, 13, rnd.choice(units))
        sheet.write_string(r, 14, rnd.choice(units))
        for col in NUMBERS:
            sheet.write_number(r, col, round(rnd.uniform(0, 100), 2))
    book.close()


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5_000, 50_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'rows':>8} {'fastexcel s':>12} {'read_table s':>13} {'ratio':>6} {'kept rows':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"roster_{size}.xlsx"
            write_roster(path, size)
            raw = median_seconds(
                lambda p=path: (
                    fastexcel.read_excel(p).load_sheet(0, dtypes={"NIP": "string"}).to_pandas()
                ),
                args.runs,
            )
            ours = median_seconds(lambda p=path: read_table(p, "pegawai"), args.runs)
            kept = len(read_table(path, "pegawai").frame)
            print(f"{size:>8} {raw:>12.3f} {ours:>13.3f} {ours / raw:>6.2f} {kept:>10}")


if __name__ == "__main__":
    main()
