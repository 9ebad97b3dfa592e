"""`mutasi evaluate`: did the transfers improve performance, and who needs help now."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Run, command, parse_date
from mutasi_cli.errors import UsageError
from mutasi_cli.evaluation import evaluate
from mutasi_cli.reports import evaluate as report

OUTPUT_STEM = "evaluasi-mutasi"


@command(app, "evaluate", help="Evaluasi kinerja sebelum/sesudah mutasi terhadap kelompok kontrol.")
def evaluate_command(
    run: Run,
    riwayat: Annotated[Path | None, typer.Option("--riwayat", help="Riwayat mutasi.")] = None,
    kinerja: Annotated[
        list[Path] | None, typer.Option("--kinerja", help="Data kinerja (boleh berulang).")
    ] = None,
    pegawai: Annotated[Path | None, typer.Option("--pegawai", help="Data pegawai.")] = None,
    jabatan: Annotated[Path | None, typer.Option("--jabatan", help="Peta jabatan.")] = None,
    kompetensi: Annotated[
        Path | None, typer.Option("--kompetensi", help="Kompetensi pegawai.")
    ] = None,
    per: Annotated[
        str | None, typer.Option("--per", help="Tanggal acuan (bawaan: hari ini).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Buku kerja hasil.")] = None,
    report_path: Annotated[Path | None, typer.Option("--report", help="Laporan HTML.")] = None,
    template_dir: Annotated[
        Path | None, typer.Option("--template-dir", help="Folder templat pengganti.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Berhenti bila ada galat data.")] = False,
) -> None:
    per_date = parse_date(per) or date.today()
    hist = run.load(
        run.path_from_config(riwayat, "riwayat_mutasi", required=True),
        "riwayat_mutasi",
        per=per_date,
    )
    kinerja_paths = list(kinerja or ()) or [
        (run.base_dir / p).resolve() for p in run.settings.paths.kinerja
    ]
    if not kinerja_paths:
        raise UsageError(
            "Berkas kinerja (--kinerja) tidak diberikan.",
            'Beri --kinerja FILE (boleh berulang), atau `kinerja = ["..."]` di [paths].',
        )
    perf = pd.concat(
        [run.load(p, "kinerja", per=per_date).frame for p in kinerja_paths], ignore_index=True
    )
    optional = {}
    for key, given in (("pegawai", pegawai), ("jabatan", jabatan), ("kompetensi", kompetensi)):
        path = run.path_from_config(given, key, required=False)
        optional[key] = run.load(path, key, per=per_date).frame if path else None
    run.require_no_errors(strict)

    result = evaluate(hist.frame, perf, per=per_date, settings=run.settings, **optional)
    run.issues.extend(result.issues)
    run.write_workbook(
        run.output_path(out, OUTPUT_STEM, per_date, ".xlsx"),
        report.sheets(result, run.lang),
        per=per_date,
    )
    if report_path is not None:
        run.write_text(report_path, report.html(result, run.lang, template_dir=template_dir))
    if not run.quiet:
        for renderable in report.console(result, run.lang):
            run.console.print(renderable)
    run.finish(result.summary())
