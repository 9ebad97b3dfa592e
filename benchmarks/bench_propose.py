"""Time the propose core at several sizes, and the sample city end to end.

    python benchmarks/bench_propose.py [--sizes 1000,5000,20000] [--city 4000] [--no-city]
                                       [--robustness-max N]

**Synthetic sizes.** For each size a city of that many candidates is built straight as canonical
typed frames with numpy (every employee a candidate: ``--scope all``), with open vacancy seats
about a quarter of the candidates, job families (pelaksana, functional tracks by jenjang,
structural posts by eselon), golongan ranges, minimum education, ten competency levels per person
and standard per position, and aspirations for a third of the people. Each size runs in a fresh
process, so "peak MB" is that run's maximum RSS. Columns:

* build: everything in :func:`~mutasi_cli.matching.propose.propose` except the solver calls
  (positions and people, exclusions, eligible pairs and their score parts, explanations);
* solve: the main assignment (:func:`~mutasi_cli.matching.assign.solve`);
* robust: the 12 robustness re-solves (skipped above ``robustness_max_candidates``, 2,500 by
  default; ``--robustness-max 5000`` times them at 5k too);
* pairs: eligible (candidate, position) pairs; seats: vacancy seats + candidates;
* gap: proven optimality gap of the main solve, 0.0 when exact (above 0 only when the
  chain-limited solve stopped at ``solver_time_limit_seconds``);
* cpu: process CPU seconds of that run.

Targets (issue 14): 20,000 candidates under 15 s; 50,000 under 45 s and 3 GB; cost growing at
most as n^1.2 between 5,000 and 50,000; exact (gap 0.0). Measured on 2026-12-05 (2 cores), first
session: 4,036 candidates 1.2 s, 20,403 16.5 s, 40,466 72-79 s and 4.5 GB; second session
(family blocks, partial pricing): 4,036 1.1-1.3 s, 16,208 7.1-7.3 s, 20,403 11.0-11.9 s,
40,466 45-50 s and 4.0-4.3 GB; third session (pairs keep only their own parts), 4,036 0.9 s,
16,208 6.7 s and 0.75 GB, 40,466 43-46 s and 3.1 GB, all exact; fourth session (the chain
LP priced in blocks, the flow's arcs dropped before it solves), 16,208 6.3 s and 0.67 GB,
40,466 38-39 s and 2.6 GB, 50,074 (``--sizes 62000``) 76 s and 3.9 GB. The pairs grow as n^2 here
(positions grow with people, one pelaksana group spans every unit), which is what the rest of
the cost follows.

**Sample city.** ``mutasi sample-data`` frames written as .xlsx, read back and normalised the way
the CLI does it, proposed (default scope), and the workbook written: the end-to-end budget is 5 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_cli.matching import propose as propose_module
from mutasi_cli.schema import COMPETENCIES
from mutasi_cli.settings import Settings

PER = date(2025, 7, 1)
PELAKSANA = [f"Pengadministrasi {k}" for k in range(12)]
TRACKS = ["guru", "perawat", "bidan", "analis kepegawaian", "pranata komputer", "auditor"]
JENJANG_JF = ["ahli_pertama", "ahli_muda"]
ESELON = {"IV.b": (32, 33), "IV.a": (33, 34), "III.b": (34, 41)}


def _text(values) -> pd.Series:
    return pd.Series(values, dtype="string")


def _positions(rng: np.random.Generator, n_units: int) -> pd.DataFrame:
    """Every unit gets a few pelaksana posts, some functional posts and structural posts."""
    rows = []
    for u in range(n_units):
        unit = f"Unit {u:04d}"
        for name in rng.choice(PELAKSANA, 6, replace=False):
            rows.append((unit, name, "pelaksana", None, "pelaksana", "pelaksana"))
        for track in rng.choice(TRACKS, 2, replace=False):
            for jenjang in JENJANG_JF:
                label = f"{track.title()} {jenjang.replace('_', ' ').title()}"
                rows.append((unit, label, "fungsional", None, jenjang, track))
        for eselon in ESELON:
            rows.append(
                (unit, f"Kepala Seksi {eselon}", "struktural", eselon, "pengawas", "struktural")
            )
    frame = pd.DataFrame(
        rows, columns=["unit_kerja", "jabatan", "jenis_jabatan", "eselon", "jenjang", "rumpun"]
    )
    return frame.astype("string")


def _dates(rng: np.random.Generator, months_back: np.ndarray) -> pd.Series:
    days = (months_back * 30.44).astype(int)
    return pd.Series(np.datetime64(PER.isoformat()) - days.astype("timedelta64[D]")).astype(
        "datetime64[ns]"
    )


def synthetic(candidates: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    """Canonical pegawai, jabatan and aspirasi frames with about ``candidates / 4`` vacancies.

    Standards follow the job family (pelaksana 2, functional 3, structural 4, a fifth of the
    levels one higher); people fit their own position roughly (levels = its standard +-1, golongan
    inside its range); a quarter are due for rotation, 15 % are too recent to move; a fifth named
    units in the aspiration sheet.
    """
    rng = np.random.default_rng(seed)
    pos = _positions(rng, max(candidates // 60, 3))
    n_pos = len(pos)
    weight = np.where(pos["jenis_jabatan"] == "struktural", 0.3, 1.0)
    home = rng.choice(n_pos, candidates, p=weight / weight.sum())
    staff = np.bincount(home, minlength=n_pos)
    need = np.maximum(staff + rng.choice([-1, 0, 0, 1, 2], n_pos), 0).astype(float)
    extra = candidates // 4 - np.maximum(need - staff, 0).sum()
    if extra > 0:  # top up the shortages to about a quarter of the candidates
        np.add.at(need, rng.choice(n_pos, int(extra)), 1)
    struktural = pos["eselon"].notna().to_numpy()
    ranges = np.array([(21, 24), (22, 32), (31, 34), (32, 41)])[rng.integers(0, 4, n_pos)]
    ranges[struktural] = [ESELON[e] for e in pos["eselon"][struktural]]
    family_level = np.select(
        [struktural, pos["jenis_jabatan"].to_numpy() == "fungsional"], [4, 3], 2
    )
    standard = family_level[:, None] + (rng.random((n_pos, len(COMPETENCIES))) < 0.2)
    jabatan = pos.assign(
        # The pelaksana titles form one group of the nomenclature (one big job family).
        kelompok_jabatan=_text(np.where(pos["jenis_jabatan"] == "pelaksana", "administrasi", None)),
        kebutuhan=pd.array(need, dtype="Float64"),
        golongan_min_id=pd.array(np.where(struktural, pd.NA, ranges[:, 0]), dtype="Int64"),
        golongan_max_id=pd.array(np.where(struktural, pd.NA, ranges[:, 1]), dtype="Int64"),
        pendidikan_min_level=pd.array(rng.choice([15, 30, 40], n_pos), dtype="Int64"),
        **{c: pd.array(standard[:, k], dtype="Int64") for k, c in enumerate(COMPETENCIES)},
    )
    low, high = ranges[home, 0], ranges[home, 1]
    golongan = low + (rng.random(candidates) * (high - low + 1)).astype(int)
    golongan = np.where(golongan % 10 == 0, golongan - 6, golongan)  # 30 -> 24, 40 -> 34
    levels = np.clip(standard[home] + rng.choice([-1, 0, 0, 0, 1], standard[home].shape), 1, 5)
    kind = rng.choice(3, candidates, p=[0.25, 0.15, 0.6])  # due, too recent, in between
    months = np.choose(kind, [rng.integers(61, 100, candidates), rng.integers(6, 24, candidates),
                              rng.integers(24, 61, candidates)])  # fmt: skip
    # Distinct, valid NIPs at any size: a birth date per block of 1,000 (one day apart from
    # 1960-01-01), TMT CPNS 2005-01, sex digit, sequence. (Cycling 28 birth days repeated every
    # NIP from the 28,000th person on, so "50,000" measured 22,699 distinct candidates.)
    born = (np.datetime64("1960-01-01") + np.arange(candidates) // 1000).astype(str)
    nips = [f"{born[i].replace('-', '')}200501{1 + i % 2}{i % 1000:03d}" for i in range(candidates)]
    people_pos = pos.iloc[home].reset_index(drop=True)
    pegawai = people_pos.assign(
        nip=_text(nips),
        nama=_text([f"Pegawai {i}" for i in range(candidates)]),
        status=_text(["PNS"] * candidates),
        golongan_id=pd.array(golongan, dtype="Int64"),
        pendidikan_level=pd.array(rng.choice([15, 30, 40, 45], candidates), dtype="Int64"),
        tmt_jabatan=_dates(rng, months),
        tanggal_lahir=_dates(rng, rng.integers(25 * 12, 56 * 12, candidates)),
        jenis_kelamin=_text(rng.choice(["L", "P"], candidates)),
        kinerja=_text(
            rng.choice(["Sangat Baik", "Baik", "Butuh Perbaikan"], candidates, p=[0.2, 0.7, 0.1])
        ),
        potensi=pd.array(rng.normal(82, 7, candidates).clip(50, 100), dtype="Float64"),
        excel_row=pd.array(np.arange(candidates) + 2, dtype="Int64"),
        **{c: pd.array(levels[:, k], dtype="Int64") for k, c in enumerate(COMPETENCIES)},
    )
    asks = rng.random(candidates) < 0.2
    units = pos["unit_kerja"].unique()
    aspirasi = pd.DataFrame(
        {
            "nip": _text(np.array(nips)[asks]),
            "bersedia_mutasi": pd.array(np.ones(asks.sum(), bool), dtype="boolean"),
            **{f"pilihan_{k}": _text(rng.choice(units, asks.sum())) for k in (1, 2, 3)},
        }
    )
    return {"pegawai": pegawai, "jabatan": jabatan, "aspirasi": aspirasi}


def _timed_run(frames: dict[str, pd.DataFrame], **kwargs) -> dict[str, float]:
    """One propose call, the solver calls timed apart (first = main, the rest = robustness)."""
    solver_times: list[float] = []
    original = propose_module.solve

    def timed_solve(*args, **kw):
        start = time.perf_counter()
        try:
            return original(*args, **kw)
        finally:
            solver_times.append(time.perf_counter() - start)

    propose_module.solve = timed_solve
    start = time.perf_counter()
    try:
        result = propose_module.propose(
            frames["pegawai"], frames["jabatan"], aspirasi=frames["aspirasi"], **kwargs
        )
    finally:
        propose_module.solve = original
    total = time.perf_counter() - start
    solve, robust = solver_times[0], sum(solver_times[1:])
    return {
        "candidates": result.counts["candidates"],
        "seats": result.counts["slots"],
        "vacancies": result.counts["vacancies"],
        "moves": result.counts["moves"],
        "build": total - solve - robust,
        "solve": solve,
        "robust": robust,
        "total": total,
        "solver": result.counts["solver"],
        "gap": result.counts["optimality_gap"],
        "cpu": time.process_time(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "result": result,
    }


def _one_size(size: int, robustness_max: int | None) -> None:
    settings = Settings()
    if robustness_max is not None:
        settings = dataclasses.replace(
            settings,
            propose=dataclasses.replace(settings.propose, robustness_max_candidates=robustness_max),
        )
    row = _timed_run(synthetic(size), per=PER, scope="all", settings=settings)
    row.pop("result")
    print(json.dumps(row))


def _city(employees: int) -> None:
    """The sample city through read, normalise, propose, sheets and write."""
    from mutasi_cli.io.normalize import normalize
    from mutasi_cli.io.read import read_table
    from mutasi_cli.io.write import write_workbook
    from mutasi_cli.reports.propose import sheets
    from mutasi_cli.sample import generate_city, write_city

    per = date(2026, 12, 1)
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_city(
            generate_city(employees=employees, per=per),
            folder,
            force=True,
            created=datetime(2026, 1, 1),
        )
        start = time.perf_counter()
        frames = {
            name: normalize(
                read_table(folder / f"{name}.xlsx", name), per=per, settings=settings
            ).frame
            for name in ("pegawai", "jabatan", "beban_kerja", "kompetensi", "aspirasi", "kinerja")
        }
        read = time.perf_counter() - start
        row = _timed_run(
            frames, beban_kerja=frames["beban_kerja"], kompetensi=frames["kompetensi"],
            kinerja=frames["kinerja"], per=per, settings=settings,
        )  # fmt: skip
        result, core = row["result"], row["total"]
        start = time.perf_counter()
        write_workbook(folder / "usulan.xlsx", sheets(result), None, force=True)
        write = time.perf_counter() - start
    c = result.counts
    print(
        f"\nSample city, {employees} employees: {c['candidates']} candidates, {c['vacancies']} "
        f"vacancies, {c['moves']} moves ({c['vacancies_filled']} filled), solver {c['solver']}"
    )
    print(f"read+normalise {read:.2f} s | propose {core:.2f} s (build {row['build']:.2f}, solve "
          f"{row['solve']:.2f}, robust {row['robust']:.2f}) | write {write:.2f} s | "
          f"total {read + core + write:.2f} s (budget 5 s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--city", type=int, default=4000)
    parser.add_argument("--no-city", action="store_true")
    parser.add_argument("--robustness-max", type=int, help="robustness_max_candidates")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one_size(args.one, args.robustness_max)
        return
    header = (
        "candidates",
        "seats",
        "vacancies",
        "moves",
        "build",
        "solve",
        "robust",
        "total",
        "peak_mb",
        "cpu",
        "gap",
        "solver",
    )
    print(" | ".join(f"{h:>10}" for h in header))
    for size in (int(s) for s in args.sizes.split(",")):
        extra = (
            [] if args.robustness_max is None else ["--robustness-max", str(args.robustness_max)]
        )
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        cells = [
            f"{row[h]:>10.2f}" if isinstance(row[h], float) else f"{row[h]:>10}" for h in header
        ]
        print(" | ".join(cells))
    if not args.no_city:
        _city(args.city)


if __name__ == "__main__":
    main()
