"""`mutasi propose`: the optimal set of transfers with a reason for every move."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app, options
from mutasi_cli.cli.common import Run, command, parse_date, progress
from mutasi_cli.errors import UsageError
from mutasi_cli.i18n import t

OUTPUT_STEM = "usulan-mutasi"
SCOPES = ("default", "all")


@command(app, "propose", help="Usulkan mutasi terbaik (optimal) beserta alasan setiap usulan.")
def propose_command(
    run: Run,
    pegawai: options.Pegawai = None,
    jabatan: options.Jabatan = None,
    beban_kerja: options.BebanKerja = None,
    kompetensi: options.Kompetensi = None,
    aspirasi: options.Aspirasi = None,
    kinerja: options.Kinerja = None,
    per: options.Per = None,
    scope: Annotated[
        str, typer.Option("--scope", help="default: yang perlu/ingin pindah; all: semua.")
    ] = "default",
    max_moves: Annotated[
        int | None, typer.Option("--max-moves", min=0, help="Batas jumlah pindah.")
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="Usulan lama untuk dibandingkan.")
    ] = None,
    carry_over: Annotated[
        Path | None,
        typer.Option(
            "--carry-over",
            metavar="FILE",
            help="Catatan keputusan komite sidang lalu (keputusan-komite-*.xlsx): usulan Tunda "
            "diusulkan lagi lebih dulu, usulan Tolak tidak diusulkan lagi.",
        ),
    ] = None,
    out: options.Out = None,
    strict: options.Strict = False,
) -> None:
    if scope not in SCOPES:
        raise UsageError.of("cli.error.unknown_scope", scope=scope)
    per_date = parse_date(per) or date.today()
    with progress(run) as step:
        step(t("propose.progress.reading", run.lang))
        peg = run.load_configured(pegawai, "pegawai", per=per_date, required=True)
        jab = run.load_configured(jabatan, "jabatan", per=per_date, required=True)
        optional = {
            key: loaded.frame if loaded else None
            for key, given in (
                ("beban_kerja", beban_kerja),
                ("kompetensi", kompetensi),
                ("aspirasi", aspirasi),
            )
            for loaded in [run.load_configured(given, key, per=per_date, required=False)]
        }
        records = run.load_kinerja(kinerja, per=per_date)
        decisions = _carry_over(run, carry_over)
    run.require_no_errors(strict)
    with progress(run) as step:
        step(t("propose.progress.solving", run.lang))
        from mutasi_cli.matching.propose import propose

        result = propose(
            peg.frame,
            jab.frame,
            kinerja=records,
            carry_over=decisions,
            per=per_date,
            scope=scope,
            max_moves=max_moves,
            settings=run.settings,
            **optional,
        )
        step(t("propose.progress.writing", run.lang))
        summary = _deliver(run, result, peg, compare, out, per_date)
    run.finish(summary)


def _deliver(run: Run, result, peg, compare: Path | None, out: Path | None, per_date: date) -> dict:
    """The review workbook (with the comparison sheet under ``--compare``); the JSON summary."""
    from mutasi_cli.finalize.verify import roster_fingerprint
    from mutasi_cli.reports import propose as report

    run.add_issues(result.issues)
    sheets = report.sheets(result, run.lang, roster=peg.frame)
    summary = result.summary()
    if compare is not None:
        from mutasi_cli.finalize import read_review

        changes = report.compare(result, read_review(compare).frame)
        sheets.append(report.compare_sheet(changes, run.lang))
        summary["compare"] = changes["change"].value_counts().to_dict()
    run.deliver(
        report,
        result,
        out=out,
        stem=OUTPUT_STEM,
        per=per_date,
        sheets=sheets,
        extra={"fingerprint": roster_fingerprint(peg.frame)},  # content, not bytes (issue 12)
    )
    return summary


def _carry_over(run: Run, given: Path | None):
    """The committee record (``--carry-over``, else ``[paths] carry_over``), or None."""
    import hashlib

    from python_calamine import CalamineError, CalamineWorkbook

    from mutasi_cli.errors import MutasiError
    from mutasi_cli.io.read import check_workbook
    from mutasi_cli.io.write import InputInfo
    from mutasi_cli.matching.carry import parse_decisions

    configured = run.settings.paths.carry_over
    path = given or ((run.base_dir / configured).resolve() if configured else None)
    if path is None:
        return None
    if not Path(path).is_file():
        raise UsageError.of("propose.error.carry_over_missing", path=path)
    check_workbook(Path(path))  # read whole below: its limits first
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = {
            name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in book.sheet_names
        }
    except (CalamineError, OSError, ValueError) as exc:
        raise MutasiError.of(
            "propose.error.carry_over_unreadable", code="file-unreadable", path=path, exc=exc
        ) from None
    frame = parse_decisions(sheets, str(path))
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    run.inputs.append(
        InputInfo(path=str(path), table="keputusan", sheet="", rows=len(frame), sha256=digest)
    )
    return frame
