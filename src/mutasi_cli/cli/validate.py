"""`mutasi validate FILE...`: every problem in one run, cell by cell (DESIGN.md section 7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Loaded, Run, command, exit_code_for, parse_date
from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.i18n import count_word, t
from mutasi_cli.issues import Issue, count
from mutasi_cli.schema import TABLES


@command(app, "validate", help="Periksa berkas masukan: setiap masalah, sel demi sel.")
def validate(
    run: Run,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Berkas .xlsx/.xlsm/.xls/.xlsb/.ods/.csv, juga halaman web atau XML yang "
            "disimpan sebagai .xls (bawaan: semua di [paths]).",
        ),
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            help="Jenis tabel, mis. pegawai atau jabatan (bawaan: dikenali dari judul kolom).",
        ),
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Nama lembar yang dibaca.")] = None,
    per: Annotated[str | None, typer.Option("--per", help="Tanggal acuan TTTT-BB-HH.")] = None,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Salinan masukan dengan sel bermasalah diwarnai."),
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Baris yang gagal beserta alasannya.")
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Tampilkan juga kolom yang terbaca dari setiap berkas."
        ),
    ] = False,
) -> None:
    from mutasi_cli.validate import Located, cross_check

    if table is not None and table not in TABLES:
        raise UsageError.of("cli.error.unknown_table", table=table, choices=", ".join(TABLES))
    per_date = parse_date(per) or date.today()
    targets = [(p, table) for p in files] if files else _configured(run)
    files = [p for p, _ in targets]
    loaded: dict[Path, Loaded] = {}
    file_rows: list[dict] = []
    for path, kind in targets:
        before = len(run.issues)
        try:
            loaded[path] = run.load(path, kind, sheet=sheet, per=per_date)
        except MutasiError as exc:  # a file that cannot be read at all is one issue, not a stop
            message, _ = exc.render(run.lang)
            run.issues.append(
                Issue(
                    code=exc.code or "file-unreadable",
                    value=str(path),
                    text=t("validate.file_error", run.lang, file=path.name, message=message),
                    severity="error",
                )
            )
        found = run.issues[before:]
        file_rows.append(
            {
                "path": str(path),
                **_understood(loaded.get(path)),
                "errors": count(found, "error"),
                "warnings": count(found, "warning"),
            }
        )
    located = {
        item.raw.table: Located(item.frame, item.raw.sheet, item.raw.col_index)
        for item in loaded.values()
    }
    extra = cross_check(located, per=per_date)
    # A cell the cross-table checks judge (a future TMT jabatan) is not reported twice.
    judged = {i.cell for i in extra if i.cell}
    twice = [i for i in run.issues if i.code == "date-future" and i.cell in judged]
    run.issues[:] = [i for i in run.issues if not (i.code == "date-future" and i.cell in judged)]
    for row, path in zip(file_rows, files, strict=True):
        if path in loaded:
            row["warnings"] -= sum(
                i.cells for i in twice if i.sheet in loaded[path].raw.sheet_names
            )
    run.issues.extend(extra)
    for item in extra:  # attribute cross-table issues to their file's counts
        for row, item_path in zip(file_rows, files, strict=True):
            if item_path in loaded and item.sheet in loaded[item_path].raw.sheet_names:
                row["errors" if item.level == "error" else "warnings"] += item.cells
                break

    if annotate is not None:
        _annotate(run, loaded, annotate)
    if errors is not None:
        _error_rows(run, loaded, errors, per_date)
    _print(run, file_rows)
    if verbose and not run.quiet:
        _print_mapping(run, file_rows)
    code = exit_code_for(run.issues)
    run.finish(
        {
            "files": file_rows,
            "errors": sum(r["errors"] for r in file_rows),
            "warnings": sum(r["warnings"] for r in file_rows),
            "issues": [i.as_dict(run.lang) for i in run.issues],
        },
        exit_code=code,
    )


def _understood(item: Loaded | None) -> dict:
    """What was understood of one file: table, sheet, header row, rows, and which source header
    each canonical column was read from (``validate --json``)."""
    if item is None:
        return {
            "table": None,
            "sheet": None,
            "sheets": [],
            "header_row": None,
            "rows": 0,
            "columns": {},
            "unmapped": [],
        }
    raw = item.raw
    return {
        "table": raw.table,
        "sheet": raw.sheet,
        "sheets": list(raw.sheet_names),
        "header_row": raw.header_rows[0],
        "header_rows": list(raw.header_rows),
        "rows": len(item.frame),
        "columns": dict(raw.headers),
        "unmapped": list(raw.unmapped),
    }


def _print_mapping(run: Run, file_rows: list[dict]) -> None:
    """``--verbose``: per file, the canonical column beside the header it was read from."""
    from rich.table import Table as RichTable
    from rich.text import Text

    from mutasi_cli.schema import TABLES

    for row in file_rows:
        if not row.get("table"):
            continue
        spec = TABLES[row["table"]]
        title = t(
            "validate.mapping_title",
            run.lang,
            file=Path(row["path"]).name,
            table=row["table"],
            sheet="', '".join(row["sheets"]),
            row=row["header_row"],
        )
        table = RichTable(title=title, title_justify="left")
        table.add_column(t("validate.col_field", run.lang))
        table.add_column(t("validate.col_header", run.lang))
        for name, header in row["columns"].items():
            base = name.rsplit("_", 1)[0] if name not in {c.name for c in spec.columns} else name
            try:
                label = spec.column(base).label(run.lang)
            except KeyError:
                label = name
            table.add_row(Text(f"{label} ({name})"), Text(header))
        for header in row["unmapped"]:
            table.add_row(Text(t("validate.unused", run.lang)), Text(header), style="dim")
        run.console.print(table)


def _configured(run: Run) -> list[tuple[Path, str | None]]:
    """Every input named in mutasi.toml's [paths], with its table kind."""
    paths = run.settings.paths
    found: list[tuple[Path, str | None]] = []
    for table in TABLES:
        value = getattr(paths, table, None)
        names = (value,) if isinstance(value, str) else (value or ())
        found += [((run.base_dir / name).resolve(), table) for name in names]
    if not found:
        raise UsageError.of("cli.error.no_files")
    return found


def _targets(loaded: dict[Path, Loaded], out: Path, suffix: str) -> dict[Path, Path]:
    """One output per input: OUT itself for one input, OUT/<stem>-<suffix>.xlsx for several."""
    if len(loaded) == 1:
        return {next(iter(loaded)): out}
    return {path: out / f"{path.stem}-{suffix}.xlsx" for path in loaded}


def _by_file(run: Run, item: Loaded) -> list[Issue]:
    sheets = item.raw.sheet_names
    return [i for i in run.issues if i.sheet in sheets and i.row is not None]


def _annotate(run: Run, loaded: dict[Path, Loaded], out: Path) -> None:
    from mutasi_cli.io.limits import check_annotate
    from mutasi_cli.io.write import CellMark, annotate_copy

    targets = _targets(loaded, out, "anotasi")
    for path in targets:  # issue 12: openpyxl holds a whole workbook; refuse a huge one first
        check_annotate(path)
    for path, dest in targets.items():
        marks = [
            CellMark(
                sheet=i.sheet,
                cell=i.cell.rsplit("!", 1)[-1],
                severity=i.level,
                comment=f"[{i.code}] {i.message(run.lang)}",
            )
            for i in _by_file(run, loaded[path])
            if i.cell
        ]
        with run.lock(dest.parent):
            run.outputs.append(annotate_copy(path, dest, marks, force=run.force, lang=run.lang))


def _error_rows(run: Run, loaded: dict[Path, Loaded], out: Path, per: date) -> None:
    import pandas as pd

    from mutasi_cli.io.write import SheetSpec
    from mutasi_cli.rules.dates import shown_cells

    for path, dest in _targets(loaded, out, "galat").items():
        item = loaded[path]
        bad = [i for i in _by_file(run, item) if i.level == "error"]
        # (sheet, row) of each bad cell; a summary stands for each of its rows
        at = [(i.sheet, r) for i in bad for r in i.rows or (i.row,)]
        messages = [m for i in bad for m in [i.message(run.lang)] * i.cells]
        keys = pd.MultiIndex.from_arrays([[s for s, _ in at], [r for _, r in at]])
        # one sentence after another: each message ends with its own full stop
        reasons = pd.Series(messages, index=keys, dtype=object).groupby(level=[0, 1]).agg(" ".join)
        raw = item.raw.frame.copy()
        where = item.raw.places()
        found = where.isin(reasons.index)
        raw.insert(0, "__row", item.raw.excel_rows)
        if item.raw.row_sheet is not None:  # a table read from several sheets: each row's
            raw.insert(0, "__sheet", where.get_level_values(0))
        raw[t("issues.reason", run.lang)] = reasons.reindex(where).to_numpy()
        raw = raw[found].apply(shown_cells)  # a date cell read as text: as the analyst sees it
        raw = raw.rename(
            columns={
                "__sheet": t("issues.sheet_col", run.lang),
                "__row": t("issues.row", run.lang),
                **item.raw.headers,
            }
        )
        sheet = SheetSpec(name=item.raw.sheet or item.raw.table, frame=raw)  # made valid there
        run.write_workbook(dest, [sheet], per=per, with_issues=False)


def _print(run: Run, file_rows: list[dict]) -> None:
    from mutasi_cli.reports.console import issues_table

    if run.quiet:
        return
    errors = sum(r["errors"] for r in file_rows)
    warnings = sum(r["warnings"] for r in file_rows)
    whole_files = [i for i in run.issues if i.text and not i.sheet]  # named by file, one line each
    cells = [i for i in run.issues if i not in whole_files]
    if cells:
        run.console.print(issues_table(cells, run.lang))
    for issue in whole_files:
        run.console.print(f"{t('common.error', run.lang)}: {issue.text}", markup=False)
    if not errors and not warnings:
        run.console.print(t("issues.none", run.lang))
    run.console.print(
        t(
            "issues.summary",
            run.lang,
            errors=errors,
            warnings=warnings,
            files=len(file_rows),
            errors_word=count_word(errors, "common.word.error", run.lang),
            warnings_word=count_word(warnings, "common.word.warning", run.lang),
            files_word=count_word(len(file_rows), "common.word.file", run.lang),
        )
    )
