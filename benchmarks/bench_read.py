"""How much slower are ``read_table`` and ``read_table`` + ``normalize`` than fastexcel's own
raw load of the same roster?

Generates synthetic rosters (20 columns, NIP as text, shared strings as Excel writes them, a few
realistic bad rows) in a temporary folder. Each step runs in a fresh process (``--runs`` times
after one untimed warm-up); the table shows the median CPU seconds (all threads) and wall
seconds, the process's peak RSS, and each step's CPU ratio to the raw load:

    python benchmarks/bench_read.py            # 50k and 200k rows
    python benchmarks/bench_read.py 5000 50000 --runs 5
    python benchmarks/bench_read.py 50000 --web   # also the roster as a web page (.xls HTML)

The raw load is MEASUREMENTS.md's reference: ``fastexcel.read_excel(path).load_sheet(0,
dtypes={"NIP": "string"}).to_pandas()``. The target (issue 14): read + normalise at most 1.5x.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import fastexcel
import xlsxwriter

from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table

PER = date(2026, 12, 1)

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


def write_web_page(roster: Path, path: Path) -> None:
    """The same roster as a web app exports it: one HTML table of the cells as text (what
    ``mutasi`` reads from an .xls that is really a web page, io/html.py)."""
    cells = fastexcel.read_excel(roster).load_sheet(0, header_row=None, dtypes="string")
    frame = cells.to_pandas().fillna("")
    with path.open("w", encoding="utf-8") as out:
        out.write('<html><head><meta charset="utf-8"></head><body><table>\n')
        for row in frame.itertuples(index=False):
            out.write("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>\n")
        out.write("</table></body></html>\n")


STEPS = {
    "raw": lambda p: fastexcel.read_excel(p).load_sheet(0, dtypes={"NIP": "string"}).to_pandas(),
    "read": lambda p: read_table(p, "pegawai"),
    "read+normalise": lambda p: normalize(read_table(p, "pegawai"), per=PER),
}
WEB_STEP = "web page r+n"  # read + normalise of the roster exported as an HTML table


def child(step: str, path: Path, runs: int) -> None:
    """Run one step ``runs`` times after a warm-up; print its medians and peak RSS as JSON."""
    run = STEPS.get(step, STEPS["read+normalise"])
    run(path)
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        run(path)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"cpu": statistics.median(cpu), "wall": statistics.median(wall), "mb": peak_mb})
    )


def measure(step: str, path: Path, runs: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", step, str(path), "--runs", str(runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[50_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--web", action="store_true", help="also the roster as a web page")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.runs)
        return
    print(
        f"{'rows':>8} {'step':>15} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} "
        f"{'CPU ratio':>9} {'wall ratio':>10}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"roster_{size}.xlsx"
            write_roster(path, size)
            found = {step: measure(step, path, args.runs) for step in STEPS}
            if args.web:
                page = path.with_suffix(".xls")
                write_web_page(path, page)
                found[WEB_STEP] = measure(WEB_STEP, page, args.runs)
            for step, m in found.items():
                print(
                    f"{size:>8} {step:>15} {m['cpu']:>7.3f} {m['wall']:>7.3f} {m['mb']:>8.0f} "
                    f"{m['cpu'] / found['raw']['cpu']:>9.2f} {m['wall'] / found['raw']['wall']:>10.2f}"
                )


if __name__ == "__main__":
    main()
