"""Null coverage of the evaluate interval for small groups (issue 13, docs/evaluation-method.md).

    python benchmarks/coverage_evaluate.py [--reps 400] [--movers 6,10,30] [--rhos 0,0.6]

Each replicate is a synthetic office: ``--controls`` people who never moved and ``n`` movers,
``--quarters`` quarterly predikat per person from a latent level (N(3.2, 0.6)) plus noise with
standard deviation 0.5 that is independent (rho 0) or AR(1) over the quarters (rho 0.6),
rounded to the steps 1..5. Movers move at the start of quarter 4..7 and the transfer has NO
effect. The full core (:func:`mutasi_cli.evaluation.evaluate`, matched controls, pre-trend
check) runs on every replicate; the table gives the share of replicates whose 95 % interval
excludes zero (should be 5 % +/- 2), the share whose pre-trend check fires (the same), and the
mean half-width of the interval. A reproducible table: same arguments, same numbers.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.evaluation import evaluate, transfer_effect
from mutasi_cli.evaluation.records import prepare_records
from mutasi_cli.evaluation.windows import transfer_events, window_records
from mutasi_cli.settings import Settings

PER = date(2025, 3, 31)
PREDIKAT = np.array(["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"])


def panel(
    rng: np.random.Generator, movers: int, controls: int, quarters: int, rho: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """History, quarterly kinerja and roster of one replicate (no transfer effect)."""
    people = movers + controls
    quarter_range = pd.period_range("2022Q1", periods=quarters, freq="Q")
    shocks = rng.normal(0.0, 0.5, (people, quarters))
    noise = np.empty_like(shocks)
    noise[:, 0] = shocks[:, 0]
    for q in range(1, quarters):  # AR(1) with the same marginal variance
        noise[:, q] = rho * noise[:, q - 1] + np.sqrt(1 - rho**2) * shocks[:, q]
    latent = rng.normal(3.2, 0.6, people)[:, None] + noise
    steps = np.clip(np.rint(latent), 1, 5).astype(int).ravel()
    person = np.repeat(np.arange(people), quarters)
    quarter = np.tile(np.arange(quarters), people)
    nips = (np.int64(198501012010011000) + np.arange(people)).astype(str)
    kinerja = pd.DataFrame(
        {
            "nip": pd.array(nips[person], dtype="string"),
            "periode": pd.array(quarter_range.astype(str).to_numpy()[quarter], dtype="string"),
            "period_start": quarter_range.start_time[quarter],
            "period_end": quarter_range.end_time.normalize()[quarter],
            "period_kind": "triwulan",
            "predikat": pd.array(PREDIKAT[steps - 1], dtype="string"),
            "excel_row": pd.array(np.arange(person.size) + 2, dtype="Int64"),
        }
    )
    move_q = rng.integers(4, 8, movers)
    riwayat = pd.DataFrame(
        {
            "nip": pd.array(nips[:movers], dtype="string"),
            "tmt_mutasi": quarter_range.start_time[move_q],
            "unit_asal": "Dinas A",
            "jabatan_asal": "Analis",
            "unit_tujuan": "Dinas B",
            "jabatan_tujuan": "Analis",
        }
    )
    pegawai = pd.DataFrame(
        {
            "nip": pd.array(nips, dtype="string"),
            "nama": pd.array(np.char.add("Pegawai ", np.arange(people).astype(str)), "string"),
            "unit_kerja": "Dinas B",
            "jabatan": "Analis",
            "jenis_jabatan": pd.array(np.where(np.arange(people) % 3, "pelaksana", "fungsional")),
            "golongan_id": pd.array(np.where(np.arange(people) % 2, 32, 33), dtype="Int64"),
            "potensi": 85.0,
        }
    )
    return riwayat, kinerja, pegawai


def coverage(
    movers: int,
    rho: float,
    *,
    reps: int,
    controls: int = 150,
    quarters: int = 12,
    seed: int = 2026,
    settings: Settings | None = None,
    full: bool = True,
) -> dict[str, float]:
    """Share of null replicates whose interval excludes zero (and the pre-trend alarm rate).

    ``full``: run all of ``evaluate``; else only its estimator path (records, windows,
    :func:`~mutasi_cli.evaluation.transfer_effect`: the same intervals, 3-4 times faster)."""
    base = settings or Settings()
    settings = dataclasses.replace(
        base, evaluate=dataclasses.replace(base.evaluate, bootstrap_samples=200)
    )
    rng = np.random.default_rng([seed, movers, int(rho * 100)])
    excluded = alarms = 0
    widths = []
    for _ in range(reps):  # one replicate each
        riwayat, kinerja, pegawai = panel(rng, movers, controls, quarters, rho)
        if full:
            result = evaluate(riwayat, kinerja, pegawai=pegawai, per=PER, settings=settings)
            did = result.did_overall
        else:
            events, _ = transfer_events(riwayat, PER)
            records = prepare_records(kinerja, None, settings).frame
            windows = window_records(events, records, settings.evaluate)
            did = transfer_effect(
                windows, events, records, riwayat["nip"], pegawai, settings.evaluate
            )[0]
        excluded += did["low"] > 0 or did["high"] < 0
        alarms += bool(did.get("pretrend_diverged"))
        widths.append((did["high"] - did["low"]) / 2)
    return {
        "movers": movers,
        "rho": rho,
        "reps": reps,
        "excludes_zero": excluded / reps,
        "pretrend_alarm": alarms / reps,
        "half_width": float(np.mean(widths)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=400)
    parser.add_argument("--movers", default="6,10,30")
    parser.add_argument("--rhos", default="0,0.6")
    parser.add_argument("--controls", type=int, default=150)
    parser.add_argument("--control", default="matched", choices=["matched", "all"])
    args = parser.parse_args()
    base = Settings()
    settings = dataclasses.replace(
        base, evaluate=dataclasses.replace(base.evaluate, control=args.control)
    )
    print("| movers | rho | reps | CI excludes 0 | pre-trend alarm | mean half-width | s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for rho in (float(r) for r in args.rhos.split(",")):
        for movers in (int(m) for m in args.movers.split(",")):
            start = time.perf_counter()
            row = coverage(movers, rho, reps=args.reps, controls=args.controls, settings=settings)
            print(
                f"| {movers} | {rho:.1f} | {args.reps} | {row['excludes_zero']:.1%} | "
                f"{row['pretrend_alarm']:.1%} | {row['half_width']:.2f} | "
                f"{time.perf_counter() - start:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
