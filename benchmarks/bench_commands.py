"""Each command against the floor of its own I/O: reading its inputs with raw fastexcel plus
writing its output workbook with raw xlsxwriter, measured in the same run.

    python benchmarks/bench_commands.py [--sizes 4000,50000] [--commands analyze-needs,propose]
                                        [--runs 1] [--keep DIR]

For each size the sample city (``mutasi sample-data --employees N``) is written to a temporary
folder, then for each command:

* **command**: ``mutasi <command> --config <city>/mutasi.toml --per 2026-12-01 --out X.xlsx``
  in a fresh process. "work" is the CPU time of ``main()`` alone (the modules it needs are
  imported before the clock starts), "proc" the whole process's CPU time with start-up.
* **floor**: in a fresh process, with the same modules already imported: every input the command
  reads, loaded with ``fastexcel.read_excel(path).load_sheet(0, dtypes={"NIP": "string"})
  .to_pandas()``, plus every sheet of the command's own output workbook (loaded untimed) written
  again with xlsxwriter in constant-memory mode, one typed ``write_row`` per row.

The ratio is work / floor (CPU seconds, median of ``--runs``); "peak MB" is each process's
maximum RSS. Target (issue 14): every ratio at most 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PER = "2026-12-01"
INPUTS = {
    "analyze-needs": ("pegawai", "jabatan", "beban_kerja"),
    "propose": ("pegawai", "jabatan", "beban_kerja", "kompetensi", "aspirasi", "kinerja"),
    "evaluate": ("riwayat_mutasi", "kinerja", "pegawai", "jabatan", "kompetensi"),
}
PRELOAD = (  # imported before the clock starts, in both processes
    "pandas",
    "numpy",
    "fastexcel",
    "xlsxwriter",
    "openpyxl",
    "scipy.optimize",
    "scipy.sparse.csgraph",
    "jinja2",
    "babel.numbers",
    "babel.dates",
    "mutasi_cli.cli",
    "mutasi_cli.io.read",
    "mutasi_cli.io.normalize",
    "mutasi_cli.io.write",
    "mutasi_cli.needs",
    "mutasi_cli.matching.propose",
    "mutasi_cli.evaluation",
    "mutasi_cli.reports.needs",
    "mutasi_cli.reports.propose",
    "mutasi_cli.reports.evaluate",
    "mutasi_cli.reports.console",
    "mutasi_cli.rules.skp",
)


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        with contextlib.suppress(ImportError):  # a module another branch may not have
            importlib.import_module(name)
    from mutasi_cli.cli import _register

    _register()


def command_child(argv: list[str]) -> None:
    """Run ``mutasi ARGV`` in this process; print the CPU seconds of main() alone."""
    _preload()
    from mutasi_cli.cli import main

    start = time.process_time()
    with contextlib.suppress(SystemExit):
        main(argv)
    print(json.dumps({"work": time.process_time() - start}), file=sys.__stderr__)


def floor_child(inputs: list[str], output: str, scratch: str) -> None:
    """Read the inputs with raw fastexcel and write the output's sheets with raw xlsxwriter."""
    _preload()
    import fastexcel
    import pandas as pd
    import xlsxwriter

    reader = fastexcel.read_excel(output)
    sheets = {}
    for name in reader.sheet_names:  # the command's output, loaded before the clock starts
        try:
            sheets[name] = reader.load_sheet(name, header_row=None).to_pandas()
        except fastexcel.FastexcelError:
            sheets[name] = pd.DataFrame()
    start = time.process_time()
    for path in inputs:
        fastexcel.read_excel(path).load_sheet(0, dtypes={"NIP": "string"}).to_pandas()
    read = time.process_time() - start
    book = xlsxwriter.Workbook(
        scratch,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    for name, frame in sheets.items():
        sheet = book.add_worksheet(name[:31])
        values = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
        for r, row in enumerate(values):
            sheet.write_row(r, 0, row)
    book.close()
    total = time.process_time() - start
    print(json.dumps({"work": total, "read": read, "write": total - read}), file=sys.__stderr__)


def run(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """A fresh process: its own JSON line (stderr), CPU seconds and peak RSS from wait4."""
    with tempfile.TemporaryFile() as err:
        wall = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, *args], stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        _, _, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - wall
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    found = json.loads(lines[-1])
    found.update(proc=usage.ru_utime + usage.ru_stime, wall=wall, mb=usage.ru_maxrss / 1024.0)
    return found


def city(folder: Path, employees: int, env: dict[str, str]) -> Path:
    if (folder / "mutasi.toml").is_file():  # kept from an earlier run (--keep): same inputs
        return folder
    subprocess.run(
        [sys.executable, "-m", "mutasi_cli", "sample-data", "--out", str(folder)]
        + ["--employees", str(employees), "--per", PER, "--force", "--quiet"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="4000,50000")
    parser.add_argument("--commands", default=",".join(INPUTS))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--keep", type=Path, help="Keep the cities and outputs in this folder (and reuse them)."
    )
    parser.add_argument("--child-command", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--child-floor", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-inputs", nargs="*", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_floor:
        output, scratch, joined = args.child_floor
        floor_child(joined.split(os.pathsep), output, scratch)
        return
    if args.child_command is not None:
        command_child(args.child_command)
        return

    env = dict(os.environ)
    root = Path(tempfile.mkdtemp(prefix="bench-commands-")) if args.keep is None else args.keep
    root.mkdir(parents=True, exist_ok=True)
    print(
        f"{'staff':>6} {'command':>14} {'work s':>7} {'proc s':>7} {'MB':>5} | "
        f"{'read s':>7} {'write s':>7} {'floor s':>7} {'MB':>5} | {'ratio':>5}"
    )
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = city(root / f"city-{size}", size, env)
            config = folder / "mutasi.toml"
            for name in args.commands.split(","):
                out = root / f"{name}-{size}.xlsx"
                argv = [name, "--config", str(config), "--per", PER, "--out", str(out)]
                argv += ["--json", "--quiet", "--force"]
                inputs = [str(folder / f"{table}.xlsx") for table in INPUTS[name]]
                cmd, low = [], []
                for _ in range(args.runs):
                    cmd.append(run(["--child-command", *argv], env))
                    floor_args = [str(out), str(root / "floor.xlsx"), os.pathsep.join(inputs)]
                    low.append(run(["--child-floor", *floor_args], env))

                def med(rows: list[dict[str, float]], key: str) -> float:
                    return statistics.median(r[key] for r in rows)

                print(
                    f"{size:>6} {name:>14} {med(cmd, 'work'):>7.2f} {med(cmd, 'proc'):>7.2f} "
                    f"{med(cmd, 'mb'):>5.0f} | {med(low, 'read'):>7.2f} {med(low, 'write'):>7.2f} "
                    f"{med(low, 'work'):>7.2f} {med(low, 'mb'):>5.0f} | "
                    f"{med(cmd, 'work') / med(low, 'work'):>5.2f}",
                    flush=True,
                )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
