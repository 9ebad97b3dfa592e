"""`mutasi propose`: the optimal set of transfers with a reason for every move."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Run, command, parse_date
from mutasi_cli.errors import UsageError
from mutasi_cli.matching.propose import propose
from mutasi_cli.reports import propose as report
from mutasi_cli.rules.skp import with_latest_kinerja

OUTPUT_STEM = "usulan-mutasi"
SCOPES = ("default", "all")


@command(app, "propose", help="Usulkan mutasi terbaik (optimal) beserta alasan setiap usulan.")
def propose_command(
    run: Run,
    pegawai: Annotated[Path | None, typer.Option("--pegawai", help="Data pegawai.")] = None,
    jabatan: Annotated[Path | None, typer.Option("--jabatan", help="Peta jabatan.")] = None,
    beban_kerja: Annotated[
        Path | None, typer.Option("--beban-kerja", help="Tugas ABK (opsional).")
    ] = None,
    kompetensi: Annotated[
        Path | None, typer.Option("--kompetensi", help="Kompetensi pegawai.")
    ] = None,
    aspirasi: Annotated[Path | None, typer.Option("--aspirasi", help="Aspirasi pegawai.")] = None,
    kinerja: Annotated[
        list[Path] | None, typer.Option("--kinerja", help="Data kinerja (boleh berulang).")
    ] = None,
    per: Annotated[
        str | None, typer.Option("--per", help="Tanggal acuan (bawaan: hari ini).")
    ] = None,
    scope: Annotated[
        str, typer.Option("--scope", help="default: yang perlu/ingin pindah; all: semua.")
    ] = "default",
    max_moves: Annotated[
        int | None, typer.Option("--max-moves", min=0, help="Batas jumlah pindah.")
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="Usulan lama untuk dibandingkan.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Buku kerja usulan.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Berhenti bila ada galat data.")] = False,
) -> None:
    if scope not in SCOPES:
        raise UsageError(f"--scope '{scope}' tidak dikenal.", "Pakai --scope default atau all.")
    per_date = parse_date(per) or date.today()
    peg = run.load(run.path_from_config(pegawai, "pegawai", required=True), "pegawai", per=per_date)
    jab = run.load(run.path_from_config(jabatan, "jabatan", required=True), "jabatan", per=per_date)
    optional = {}
    for key, given in (
        ("beban_kerja", beban_kerja),
        ("kompetensi", kompetensi),
        ("aspirasi", aspirasi),
    ):
        path = run.path_from_config(given, key, required=False)
        optional[key] = run.load(path, key, per=per_date).frame if path else None
    roster = peg.frame
    kinerja_paths = list(kinerja or ()) or [
        (run.base_dir / p).resolve() for p in run.settings.paths.kinerja
    ]
    if kinerja_paths:
        records = pd.concat(
            [run.load(p, "kinerja", per=per_date).frame for p in kinerja_paths], ignore_index=True
        )
        roster = with_latest_kinerja(roster, records, run.settings)
    run.require_no_errors(strict)

    result = propose(
        roster,
        jab.frame,
        per=per_date,
        scope=scope,
        max_moves=max_moves,
        settings=run.settings,
        **optional,
    )
    run.issues.extend(result.issues)
    sheets = report.sheets(result, run.lang)
    summary = result.summary()
    if compare is not None:
        from mutasi_cli.finalize import read_review

        changes = report.compare(result, read_review(compare).frame)
        sheets.append(report.compare_sheet(changes, run.lang))
        summary["compare"] = changes["change"].value_counts().to_dict()
    run.write_workbook(
        run.output_path(out, OUTPUT_STEM, per_date, ".xlsx"),
        sheets,
        per=per_date,
        extra={"fingerprint": peg.raw.sha256},
    )
    if not run.quiet:
        for renderable in report.console(result, run.lang):
            run.console.print(renderable)
    run.finish(summary)
