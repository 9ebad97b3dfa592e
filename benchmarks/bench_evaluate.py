"""Time `mutasi evaluate` on synthetic cities: reading the performance export, then the core.

    python benchmarks/bench_evaluate.py [--sizes 5000,50000] [--quarters 12] [--no-xlsx]

For each size a synthetic city is generated with numpy: every person has one predikat per
quarter, 10% of them moved once (with a +0.5 step effect after the move). Every NIP is valid
and distinct (birth date, TMT CPNS 24 years later, gender, sequence: :func:`valid_nips`), so
the reader keeps every row ("kept" column) and "50k people" means 50k people. The kinerja rows are
written once to .xlsx (xlsxwriter, constant memory; not timed) and read back through the
project's own path, ``io.read.read_table`` + ``io.normalize.normalize``: that is "read". The
"core" column is :func:`mutasi_cli.evaluation.evaluate` on the typed frames with the default
settings (matched controls, pre-trend check). Wall and CPU seconds are both printed (on a shared machine the CPU seconds
are the comparable number). Target: read + evaluate < 10 s at 50,000 people x 12 quarters (600,000 rows).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from mutasi_cli.evaluation import evaluate
from mutasi_cli.settings import Settings

PER = date(2025, 3, 31)
PREDIKAT = np.array(["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"])
MOVED_SHARE = 0.10
UNITS = 40


def valid_nips(n: int) -> np.ndarray:
    """``n`` distinct NIPs that pass the reader: birth date (1970-1994), TMT CPNS 24 years
    later, gender digit, sequence 001-999 (up to 16.8 million)."""
    i = np.arange(n, dtype=np.int64)
    day, month = 1 + i % 28, 1 + (i // 28) % 12
    year = 1970 + (i // 336) % 25
    gender, sequence = 1 + (i // 8400) % 2, 1 + (i // 16800) % 999
    tmt_month = 1 + (i // 7) % 12
    number = (
        ((year * 100 + month) * 100 + day) * 10**10
        + ((year + 24) * 100 + tmt_month) * 10**4
        + gender * 1000
        + sequence
    )
    return number.astype(str)


def synthetic(people: int, quarters: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    """Canonical kinerja, riwayat_mutasi and pegawai frames."""
    rng = np.random.default_rng(seed)
    nips = valid_nips(people)
    assert len(set(nips)) == people
    periods = pd.period_range("2022Q1", periods=quarters, freq="Q")
    person = np.repeat(np.arange(people), quarters)
    quarter = np.tile(np.arange(quarters), people)
    movers = int(people * MOVED_SHARE)
    move_at = rng.integers(quarters // 3, 2 * quarters // 3, people)
    after = (person < movers) & (quarter > move_at[person])
    latent = rng.normal(3.3, 0.6, people)[person] + 0.5 * after + rng.normal(0, 0.5, person.size)
    step = np.clip(np.rint(latent), 1, 5).astype(int)
    unit_names = np.char.add("Unit Kerja ", np.arange(UNITS).astype(str))
    kinerja = pd.DataFrame(
        {
            "nip": pd.array(nips[person], dtype="string"),
            "periode": pd.array(periods.astype(str).to_numpy()[quarter], dtype="string"),
            "period_start": periods.start_time[quarter],
            "period_end": periods.end_time.normalize()[quarter],
            "period_kind": "triwulan",
            "predikat": pd.array(PREDIKAT[step - 1], dtype="string"),
            "excel_row": pd.array(np.arange(person.size) + 2, dtype="Int64"),
        }
    )
    riwayat = pd.DataFrame(
        {
            "nip": pd.array(nips[:movers], dtype="string"),
            "tmt_mutasi": periods.start_time[move_at[:movers]],
            "unit_asal": pd.array(unit_names[rng.integers(0, UNITS, movers)], dtype="string"),
            "jabatan_asal": "Pelaksana",
            "unit_tujuan": pd.array(unit_names[rng.integers(0, UNITS, movers)], dtype="string"),
            "jabatan_tujuan": "Pelaksana",
        }
    )
    pegawai = pd.DataFrame(
        {
            "nip": pd.array(nips, dtype="string"),
            "nama": pd.array(np.char.add("Pegawai ", np.arange(people).astype(str)), "string"),
            "unit_kerja": pd.array(unit_names[rng.integers(0, UNITS, people)], dtype="string"),
            "jabatan": "Pelaksana",
            "golongan_id": pd.array(rng.choice([21, 31, 32, 33, 41], people), dtype="Int64"),
            "jenis_jabatan": pd.array(
                rng.choice(["pelaksana", "fungsional", "struktural"], people, p=[0.6, 0.3, 0.1]),
                dtype="string",
            ),
            "potensi": rng.uniform(60, 100, people),
        }
    )
    return {"kinerja": kinerja, "riwayat": riwayat, "pegawai": pegawai}


def write_kinerja(path: Path, kinerja: pd.DataFrame) -> Path:
    """The performance export as an analyst would get it: NIP as text, period label, predikat."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("kinerja")
    sheet.write_row(0, 0, ["NIP", "Periode", "Predikat"])
    columns = zip(kinerja["nip"], kinerja["periode"], kinerja["predikat"], strict=True)
    for row, values in enumerate(columns, start=1):
        sheet.write_row(row, 0, values)
    book.close()
    return path


def read_kinerja(path: Path) -> pd.DataFrame:
    from mutasi_cli.io.normalize import normalize
    from mutasi_cli.io.read import read_table

    return normalize(read_table(path, table="kinerja"), per=PER).frame


CPU: dict[str, float] = {}  # CPU seconds of the last timed call per function (shared machines)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    CPU[fn.__name__] = time.process_time() - cpu
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--no-xlsx", action="store_true", help="skip writing and reading xlsx")
    args = parser.parse_args()
    settings = Settings()
    print(
        f"{'people':>8} {'rows':>9} {'kept':>9} {'read s':>8} {'core s':>8} {'total s':>8} "
        f"{'estimate':>9} {'interval':>17} {'pre-trend':>9} {'cpu read':>9} {'cpu core':>9}"
    )
    for people in (int(s) for s in args.sizes.split(",")):
        data = synthetic(people, args.quarters)
        kinerja = data["kinerja"]
        read_s = float("nan")
        if not args.no_xlsx:
            with tempfile.TemporaryDirectory() as tmp:
                path = write_kinerja(Path(tmp) / "kinerja.xlsx", kinerja)
                read_s, kinerja = timed(read_kinerja, path)
        eval_s, result = timed(
            evaluate,
            data["riwayat"],
            kinerja,
            pegawai=data["pegawai"],
            per=PER,
            settings=settings,
        )
        did = result.did_overall
        total = eval_s + (0.0 if np.isnan(read_s) else read_s)
        print(
            f"{people:>8,} {len(data['kinerja']):>9,} {len(kinerja):>9,} {read_s:>8.2f} "
            f"{eval_s:>8.2f} {total:>8.2f} {did['estimate']:>9.3f} "
            f"[{did['low']:>6.3f}, {did['high']:>6.3f}] {did.get('pretrend', float('nan')):>9.3f} "
            f"{CPU.get('read_kinerja', float('nan')):>9.2f} {CPU['evaluate']:>9.2f}"
        )


if __name__ == "__main__":
    main()
