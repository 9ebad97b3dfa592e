"""`mutasi analyze-needs`: formation vs. staffing, ABK need, retirements ahead, rotation due."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Run, command, parse_date
from mutasi_cli.needs import analyze_needs
from mutasi_cli.reports import needs as report

OUTPUT_STEM = "analisis-kebutuhan"


@command(app, "analyze-needs", help="Analisis kebutuhan pegawai per unit dan jabatan.")
def analyze_needs_command(
    run: Run,
    pegawai: Annotated[Path | None, typer.Option("--pegawai", help="Data pegawai.")] = None,
    jabatan: Annotated[Path | None, typer.Option("--jabatan", help="Peta jabatan.")] = None,
    beban_kerja: Annotated[
        Path | None, typer.Option("--beban-kerja", help="Tugas ABK (opsional).")
    ] = None,
    per: Annotated[
        str | None, typer.Option("--per", help="Tanggal acuan (bawaan: hari ini).")
    ] = None,
    horizon: Annotated[int, typer.Option("--horizon", min=1, max=40, help="Tahun proyeksi.")] = 5,
    out: Annotated[Path | None, typer.Option("--out", help="Buku kerja hasil.")] = None,
    report_path: Annotated[Path | None, typer.Option("--report", help="Laporan HTML.")] = None,
    template_dir: Annotated[
        Path | None, typer.Option("--template-dir", help="Folder templat pengganti.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Berhenti bila ada galat data.")] = False,
) -> None:
    per_date = parse_date(per) or date.today()
    peg = run.load(run.path_from_config(pegawai, "pegawai", required=True), "pegawai", per=per_date)
    jab = run.load(run.path_from_config(jabatan, "jabatan", required=True), "jabatan", per=per_date)
    bk_path = run.path_from_config(beban_kerja, "beban_kerja", required=False)
    bk = run.load(bk_path, "beban_kerja", per=per_date) if bk_path else None
    run.require_no_errors(strict)

    result = analyze_needs(
        peg.frame,
        jab.frame,
        bk.frame if bk else None,
        per=per_date,
        horizon=horizon,
        settings=run.settings,
    )
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
