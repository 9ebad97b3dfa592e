"""`mutasi analyze-needs`: formation vs. staffing, ABK need, retirements ahead, rotation due."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from mutasi_cli.cli import app, options
from mutasi_cli.cli.common import Run, command, parse_date

OUTPUT_STEM = "analisis-kebutuhan"


@command(app, "analyze-needs", help="Analisis kebutuhan pegawai per unit dan jabatan.")
def analyze_needs_command(
    run: Run,
    pegawai: options.Pegawai = None,
    jabatan: options.Jabatan = None,
    beban_kerja: options.BebanKerja = None,
    per: options.Per = None,
    horizon: Annotated[
        int,
        typer.Option(
            "--horizon",
            min=1,
            max=40,
            help="Lama proyeksi pensiun dalam tahun, dihitung sejak tanggal acuan (--per).",
        ),
    ] = 5,
    out: options.Out = None,
    report_path: options.Report = None,
    template_dir: options.TemplateDir = None,
    strict: options.Strict = False,
) -> None:
    from mutasi_cli.needs import analyze_needs
    from mutasi_cli.reports import needs as report

    per_date = parse_date(per) or date.today()
    peg = run.load_configured(pegawai, "pegawai", per=per_date, required=True)
    jab = run.load_configured(jabatan, "jabatan", per=per_date, required=True)
    abk = run.load_configured(beban_kerja, "beban_kerja", per=per_date, required=False)
    run.require_no_errors(strict)

    result = analyze_needs(
        peg.frame,
        jab.frame,
        abk.frame if abk else None,
        per=per_date,
        horizon=horizon,
        settings=run.settings,
    )
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
