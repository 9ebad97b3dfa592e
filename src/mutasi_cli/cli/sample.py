"""`mutasi sample-data`: write the synthetic sample city (clearly illustrative)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Run, command, parse_date

SAMPLE_CREATED = datetime(2026, 1, 1)  # fixed document date: same seed, same bytes


@command(app, "sample-data", help="Tulis data contoh Kota Salatiga (sintetis, ilustratif).")
def sample_data(
    run: Run,
    out: Annotated[Path, typer.Option("--out", help="Folder tujuan.")] = Path("sample_data"),
    employees: Annotated[int, typer.Option("--employees", min=200, help="Jumlah pegawai.")] = 4000,
    seed: Annotated[
        int, typer.Option("--seed", help="Benih acak (hasil sama untuk benih sama).")
    ] = 1,
    per: Annotated[str | None, typer.Option("--per", help="Tanggal acuan TTTT-BB-HH.")] = None,
) -> None:
    from mutasi_cli.sample import generate_city, write_city

    per_date = parse_date(per) or date(2026, 12, 1)
    frames = generate_city(employees=employees, seed=seed, per=per_date)
    with run.lock(out):
        written = write_city(frames, out, force=run.force, created=SAMPLE_CREATED)
    run.outputs.extend(written)
    if not run.quiet:
        from mutasi_cli.i18n import count_word
        from mutasi_cli.reports.format import format_value

        for name, frame in frames.items():
            rows = count_word(len(frame), "common.word.row", run.lang)
            run.console.print(f"{name}: {format_value(len(frame), run.lang)} {rows}")
    run.finish(
        {
            "employees": employees,
            "seed": seed,
            "per": per_date.isoformat(),
            "tables": {name: len(frame) for name, frame in frames.items()},
        }
    )
