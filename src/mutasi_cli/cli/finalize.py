"""`mutasi finalize REVIEW.xlsx`: decisions -> decree drafts, updated roster, transfer history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app, options
from mutasi_cli.cli.common import Run, command, exit_code_for, parse_date
from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.i18n import t
from mutasi_cli.io import limits

DECIDED_STEM = "mutasi-ditetapkan"
ROSTER_STEM = "pegawai-setelah-mutasi"
HISTORY_STEM = "riwayat_mutasi"
SET_STEM = "penetapan"  # the folder of one finalize run's outputs (one set, all or nothing)


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@command(app, "finalize", help="Tetapkan keputusan tim: draf SK, data pegawai baru, riwayat.")
def finalize_command(
    run: Run,
    review_path: Annotated[
        Path | None, typer.Argument(help="Lembar usulan yang sudah diputuskan.")
    ] = None,
    pegawai: options.Pegawai = None,
    jabatan: options.Jabatan = None,
    beban_kerja: options.BebanKerja = None,
    riwayat: options.Riwayat = None,
    tmt: Annotated[
        str | None, typer.Option("--tmt", help="TMT mutasi (bawaan: tanggal 1 bulan berikutnya).")
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="Folder keluaran.")] = None,
    template_dir: options.TemplateDir = None,
) -> None:
    from mutasi_cli.finalize import (
        apply_decisions,
        check_decisions,
        read_review,
        render_documents,
        summary,
    )
    from mutasi_cli.finalize.verify import repeated_moves, roster_fingerprint
    from mutasi_cli.reports import finalize as report

    path = run.path_from_config(review_path, "review", required=False)
    if path is None:
        raise UsageError.of("cli.error.no_review")
    limits.check_file(path)  # issue 12: a review is a workbook like any input
    review = read_review(path)
    peg = run.load_configured(pegawai, "pegawai", per=None, required=True)
    if len(peg.norm.rejected):
        raise MutasiError.of("cli.error.rejected_rows", count=len(peg.norm.rejected))
    hist = run.load_configured(riwayat, "riwayat_mutasi", per=None, required=False)
    tmt_date = parse_date(tmt, "--tmt") or first_of_next_month(review.per or date.today())

    # issue 12: only what was proposed (or added in "Usulan Tambahan"), re-checked by the rules
    verified = _verify(run, path, review, peg, jabatan, beban_kerja, per=review.per or tmt_date)
    review = verified.review
    issues = [
        *review.issues,
        *verified.issues,
        *check_decisions(
            review, peg.frame, roster_sha256=roster_fingerprint(peg.frame), force=run.force
        ),
    ]
    run.issues.extend(issues)
    if exit_code_for(issues):
        _print_issues(run)
        run.finish(summary(review, issues), exit_code=exit_code_for(issues))

    result = apply_decisions(
        review,
        peg.frame,
        hist.frame if hist else None,
        tmt=tmt_date,
        settings=run.settings.finalize,
    )
    repeated = repeated_moves(hist.frame if hist else None, result.moves)  # issue 12
    issues += repeated
    run.issues.extend(repeated)
    tag = tmt_date.isoformat()
    final = out_dir or (run.base_dir / run.settings.output.out_dir / f"{SET_STEM}-{tag}")
    with run.output_set(final, meta={"tmt": tag}) as stage:  # all or nothing (issue 12)
        folder = stage.staging
        run.write_workbook(
            folder / f"{DECIDED_STEM}-{tag}.xlsx", report.sheets(result, run.lang), per=tmt_date
        )
        run.write_workbook(
            folder / f"{ROSTER_STEM}-{tag}.xlsx",
            [report.input_sheet(result.roster, "pegawai")],
            per=tmt_date,
            with_issues=False,
        )
        run.write_workbook(
            folder / f"{HISTORY_STEM}-{tag}.xlsx",
            [report.input_sheet(result.history, "riwayat_mutasi")],
            per=tmt_date,
            with_issues=False,
        )
        documents = render_documents(result, folder, template_dir=template_dir, force=True)
        run.outputs.extend(documents)
    if issues:
        _print_issues(run)
    if not run.quiet:
        run.console.print(
            t(
                "finalize.console",
                run.lang,
                **review.counts(),
                added=result.history_added,
                documents=len(documents),
            )
        )
    run.finish(summary(review, issues, result, documents=len(documents)))


def _verify(run: Run, path: Path, review, peg, jabatan, beban_kerja, *, per: date):
    """The review against the proposal's record and the position map (finalize.verify)."""
    from mutasi_cli.finalize.verify import read_extras, verify

    jab = run.load_configured(jabatan, "jabatan", per=per, required=True)
    abk = run.load_configured(beban_kerja, "beban_kerja", per=per, required=False)
    return verify(
        review,
        read_extras(path),
        peg.frame,
        jab.frame,
        per=per,
        settings=run.settings,
        beban_kerja=abk.frame if abk else None,
    )


def _print_issues(run: Run) -> None:
    from mutasi_cli.reports.console import issues_table

    if run.issues and not run.quiet:
        run.console.print(issues_table(run.issues, run.lang))
