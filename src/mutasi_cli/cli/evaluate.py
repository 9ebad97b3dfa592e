"""`mutasi evaluate`: did the transfers improve performance, and who needs help now."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

import typer

from mutasi_cli.cli import app, options
from mutasi_cli.cli.common import Run, command, parse_date
from mutasi_cli.errors import UsageError

OUTPUT_STEM = "evaluasi-mutasi"

Control = Annotated[
    str | None,
    typer.Option(
        "--control",
        metavar="matched|all",
        help="Pembanding: 'matched' (bawaan: jenis jabatan, golongan dan kinerja sebelum mutasi "
        "yang sama) atau 'all' (semua pegawai yang tidak dimutasi).",
    ),
]
AfterPeriods = Annotated[
    int | None,
    typer.Option(
        "--after-periods",
        metavar="ANGKA",
        help="Jumlah periode sesudah masa adaptasi yang dinilai (1-8, bawaan 4).",
    ),
]


@command(app, "evaluate", help="Evaluasi kinerja sebelum/sesudah mutasi terhadap kelompok kontrol.")
def evaluate_command(
    run: Run,
    riwayat: options.Riwayat = None,
    kinerja: options.Kinerja = None,
    pegawai: options.Pegawai = None,
    jabatan: options.Jabatan = None,
    kompetensi: options.Kompetensi = None,
    per: options.Per = None,
    out: options.Out = None,
    report_path: options.Report = None,
    template_dir: options.TemplateDir = None,
    strict: options.Strict = False,
    control: Control = None,
    after_periods: AfterPeriods = None,
) -> None:
    from mutasi_cli.evaluation import evaluate
    from mutasi_cli.reports import evaluate as report

    changes = {
        key: value
        for key, value in (("control", control), ("after_periods", after_periods))
        if value is not None
    }
    if changes:  # flags win over mutasi.toml; the core checks the values (exit 2)
        ev = dataclasses.replace(run.settings.evaluate, **changes)
        run.settings = dataclasses.replace(run.settings, evaluate=ev)

    per_date = parse_date(per) or date.today()
    history, records, optional = load_inputs(
        run, riwayat, kinerja, pegawai, jabatan, kompetensi, per_date, strict
    )
    result = evaluate(history.frame, records, per=per_date, settings=run.settings, **optional)
    run.add_issues(result.issues)
    run.deliver(
        report,
        result,
        out=out,
        stem=OUTPUT_STEM,
        per=per_date,
        html_path=report_path,
        template_dir=template_dir,
    )
    run.finish(result.summary())


def load_inputs(run: Run, riwayat, kinerja, pegawai, jabatan, kompetensi, per_date, strict):
    """What evaluate and monitor read: the history, the kinerja records and the optional
    roster, position map and competencies (``{table: frame or None}``)."""
    history = run.load_configured(riwayat, "riwayat_mutasi", per=per_date, required=True)
    records = run.load_kinerja(kinerja, per=per_date)
    if records is None:
        raise UsageError.of("cli.error.no_kinerja")
    optional = {
        key: loaded.frame if loaded else None
        for key, given in (("pegawai", pegawai), ("jabatan", jabatan), ("kompetensi", kompetensi))
        for loaded in [run.load_configured(given, key, per=per_date, required=False)]
    }
    run.require_no_errors(strict)
    return history, records, optional
