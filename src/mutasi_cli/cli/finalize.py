"""`mutasi finalize REVIEW.xlsx`: decisions -> decree drafts, updated roster, transfer history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mutasi_cli.cli import app, options
from mutasi_cli.cli.common import Run, command, exit_code_for, parse_date, progress
from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.i18n import t

if TYPE_CHECKING:  # imported where used: `mutasi --help` loads no pandas
    import pandas as pd

DECIDED_STEM = "mutasi-ditetapkan"
ROSTER_STEM = "pegawai-setelah-mutasi"
HISTORY_STEM = "riwayat_mutasi"
RECORD_STEM = "keputusan-komite"
SET_STEM = "penetapan"  # the folder of one finalize run's outputs (one set, all or nothing)
EDITABLE = (".xlsx", ".xlsm")  # inputs finalize can copy cell for cell


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
    tanggal_sk: Annotated[
        str | None,
        typer.Option("--tanggal-sk", help="Tanggal penetapan SK, YYYY-MM-DD (bawaan: hari ini)."),
    ] = None,
    tunda_berantai: Annotated[
        bool,
        typer.Option(
            "--tunda-berantai",
            help="Tunda sekaligus semua mutasi yang bergantung pada mutasi yang tidak disetujui.",
        ),
    ] = False,
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
    from mutasi_cli.finalize.decisions import defer_chains
    from mutasi_cli.finalize.verify import repeated_moves, roster_fingerprint
    from mutasi_cli.reports import finalize as report

    signed = parse_date(tanggal_sk, "--tanggal-sk") or date.today()
    tmt_given = parse_date(tmt, "--tmt")
    path = run.path_from_config(review_path, "review", required=False)
    if path is None:
        raise UsageError.of("cli.error.no_review")
    with progress(run) as step:
        step(t("finalize.progress.reading", run.lang))
        from mutasi_cli.io.read import check_workbook

        check_workbook(run.existing(path))  # issue 12: a review is a workbook like any input
        review = read_review(run.existing(path))
        peg = run.load_configured(pegawai, "pegawai", per=None, required=True)
        if len(peg.norm.rejected):
            raise MutasiError.of("cli.error.rejected_rows", count=len(peg.norm.rejected))
        hist = run.load_configured(riwayat, "riwayat_mutasi", per=None, required=False)
        jab = run.load_configured(jabatan, "jabatan", per=None, required=True)

    deferred = []
    if tunda_berantai:
        review, deferred = defer_chains(review, set(peg.frame["nip"].dropna()), run.lang)
    # issue 12: only what was proposed (or added in "Usulan Tambahan"), re-checked by the rules
    per = review.per or tmt_given or first_of_next_month(signed)
    verified = _verify(run, path, review, peg, jab, beban_kerja, per=per)
    review = verified.review
    fingerprint = roster_fingerprint(peg.frame)  # content, not bytes
    issues = [
        *review.issues,
        *verified.issues,
        *check_decisions(review, peg.frame, roster_sha256=fingerprint, force=run.force),
        *deferred,
    ]
    run.add_issues(issues)
    if exit_code_for(issues):
        _print_issues(run)
        if not run.quiet and not run.json:
            run.console.print(_blocked_line(issues, run.lang))
        run.finish(summary(review, issues, lang=run.lang), exit_code=exit_code_for(issues))

    tmt_date = tmt_given or first_of_next_month(review.per or signed)
    result = apply_decisions(
        review,
        peg.frame,
        hist.frame if hist else None,
        tmt=tmt_date,
        tanggal_sk=signed,
        settings=run.settings.finalize,
        jabatan=jab.frame if jab else None,
        roster_text=_typed_cells(peg),
    )
    repeated = repeated_moves(hist.frame if hist else None, result.moves)  # issue 12
    issues += repeated
    run.add_issues(repeated)
    tag = tmt_date.isoformat()
    final = out_dir or (run.base_dir / run.settings.output.out_dir / f"{SET_STEM}-{tag}")
    with run.output_set(final, meta={"tmt": tag}) as stage:  # all or nothing (issue 12)
        folder = stage.staging
        with progress(run) as step:
            step(t("finalize.progress.writing", run.lang))
            run.write_workbook(
                folder / f"{DECIDED_STEM}-{tag}.xlsx",
                report.sheets(result, run.lang),
                per=tmt_date,
            )
            run.write_workbook(
                folder / f"{RECORD_STEM}-{tag}.xlsx",
                [report.record_sheet(result)],
                per=tmt_date,
                with_issues=False,
            )
            _write_roster(run, peg, result, folder / f"{ROSTER_STEM}-{tag}.xlsx", tmt_date)
            _write_history(run, hist, result, folder / f"{HISTORY_STEM}-{tag}.xlsx", tmt_date)
        with progress(run, total=len(result.moves) + 2) as step:
            step(t("finalize.progress.documents", run.lang, n=len(result.moves)))
            documents = render_documents(
                result, folder, template_dir=template_dir, force=True, on_document=step
            )
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
    run.finish(summary(review, issues, result, documents=len(documents), lang=run.lang))


def _verify(run: Run, path: Path, review, peg, jab, beban_kerja, *, per: date):
    """The review against the proposal's record and the position map (finalize.verify)."""
    from mutasi_cli.finalize.verify import read_extras, verify

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


def _typed_cells(peg: Any) -> pd.DataFrame:
    """The roster's cells as typed, aligned with the canonical frame (by sheet and Excel row:
    a roster read from several sheets repeats row numbers)."""
    import pandas as pd

    raw, frame = peg.raw, peg.frame
    sheets = frame["excel_sheet"] if "excel_sheet" in frame else [raw.sheet] * len(frame)
    wanted = pd.MultiIndex.from_arrays([list(sheets), frame["excel_row"].astype(int).tolist()])
    return raw.frame.astype(object).set_axis(raw.places()).reindex(wanted).set_axis(frame.index)


def _write_roster(run: Run, peg: Any, result: Any, dest: Path, per: date) -> None:
    """The analyst's roster with the moves applied, cell for cell (a copy of the input)."""
    import pandas as pd

    from mutasi_cli.io.write import CellEdit
    from mutasi_cli.reports import finalize as report

    raw = peg.raw
    if not _editable(Path(raw.path)):
        run.write_workbook(
            dest, [report.input_sheet(result.roster, "pegawai")], per=per, with_issues=False
        )
        return
    edits = result.roster_edits
    edits = edits[edits["column"].isin(list(raw.col_index))]
    sheets = edits["excel_sheet"] if "excel_sheet" in edits else [None] * len(edits)
    cells = [
        CellEdit(int(row), raw.col_index[column], None if pd.isna(value) else value, sheet)
        for row, column, value, sheet in zip(
            edits["excel_row"], edits["column"], edits["value"], sheets, strict=True
        )
    ]
    _edit_copy(run, Path(raw.path), dest, raw.sheet, cells)


def _write_history(run: Run, hist: Any, result: Any, dest: Path, per: date) -> None:
    """The input history with the new rows appended below it (a copy of the input)."""

    from mutasi_cli.reports import finalize as report

    if hist is None or not _editable(Path(hist.raw.path)):
        run.write_workbook(
            dest, [report.input_sheet(result.history, "riwayat_mutasi")], per=per, with_issues=False
        )
        return
    raw = hist.raw
    sheet = raw.sheet_names[-1]  # several sheets: below the last one
    own = (
        raw.excel_rows
        if raw.row_sheet is None
        else raw.excel_rows[raw.row_sheet == len(raw.sheets) - 1]
    )
    last = int(max(own, default=raw.header_rows[1]))
    new = result.history_new
    shown = new[[column for column in raw.col_index if column in new]].astype(object)
    shown = shown.where(shown.notna(), None).rename(columns=raw.col_index)
    rows = shown.to_dict("records")  # {sheet column index: value} per new row
    _edit_copy(run, Path(raw.path), dest, sheet, [], appended=rows, after_row=last)


def _editable(path: Path) -> bool:
    """Whether finalize can copy the input cell for cell: an .xlsx/.xlsm by name and content
    (a CSV or a web page saved under that name is rewritten as a new workbook instead)."""
    from mutasi_cli.io.read import is_openxml

    return path.suffix.lower() in EDITABLE and is_openxml(path)


def _edit_copy(run: Run, src: Path, dest: Path, sheet: str, cells: list, **append: Any) -> None:
    from mutasi_cli.io.write import edit_copy

    with run.lock(dest.parent):
        written = edit_copy(src, dest, sheet, cells, force=run.force, **append)
    run.outputs.append(written)


def _blocked_line(issues: list, lang: str) -> str:
    from mutasi_cli.finalize.decisions import count_conflicts

    errors = sum(1 for i in issues if i.level == "error")
    return t("finalize.blocked", lang, errors=errors, conflicts=count_conflicts(issues))


def _print_issues(run: Run) -> None:
    from mutasi_cli.finalize.decisions import count_conflicts
    from mutasi_cli.reports.console import issues_table
    from mutasi_cli.reports.finalize import conflicts_table

    if run.issues and not run.quiet:
        run.console.print(issues_table(run.issues, run.lang))
        chains = sum(1 for i in run.issues if i.code == "conflict-chain")
        if count_conflicts(run.issues) and not run.json:
            run.console.print(conflicts_table(run.issues, run.lang))
        if chains and not run.json:
            run.console.print(t("finalize.conflicts.hint", run.lang, conflicts=chains))
