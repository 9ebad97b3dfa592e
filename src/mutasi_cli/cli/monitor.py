"""`mutasi monitor`: keep the follow-up register (pemantauan.xlsx) after each kinerja export.

Meant to be scheduled (cron / Task Scheduler, docs/monitoring.md): every run adds new warnings,
closes the recovered ones, keeps the analyst's edits, and reports per intervention kind whether
performance recovered after it. Exit 0 with warnings counted (``--json`` for scripts).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app, options
from mutasi_cli.cli.common import Run, command, issues_sheet, parse_date
from mutasi_cli.cli.evaluate import load_inputs
from mutasi_cli.errors import MutasiError

REGISTER_NAME = "pemantauan.xlsx"

Register = Annotated[
    Path | None,
    typer.Option(
        "--register",
        help="Register pemantauan yang juga diisi analis (bawaan: pemantauan.xlsx di folder "
        "keluaran). Dibuat bila belum ada.",
    ),
]


def read_register(path: Path):
    """The register sheet with canonical columns and codes, ``excel_row`` kept; None if absent."""
    import pandas as pd

    from mutasi_cli.evaluation.monitor import COLUMNS
    from mutasi_cli.io.read import check_workbook
    from mutasi_cli.reports import monitor as report
    from mutasi_cli.schema import header_key

    if not path.exists():
        return None
    check_workbook(path)  # read whole below (a stray value far off makes a huge frame)
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            names = [n for n in book.sheet_names if n in report.sheet_names()]
        raw = pd.read_excel(
            path, sheet_name=names[0] if names else 0, dtype=object, engine="openpyxl"
        )
    except Exception as exc:  # a locked, damaged or foreign file: the analyst can fix it
        raise MutasiError.of(
            "monitor.error.register_unreadable", path=path, detail=type(exc).__name__
        ) from None
    mapping = report.header_map()
    renamed = raw.rename(columns=lambda h: mapping.get(header_key(h), h))
    missing = [c for c in ("nip", "status", "tanggal_mulai") if c not in renamed.columns]
    if missing:
        raise MutasiError.of(
            "monitor.error.register_columns",
            path=path,
            missing=", ".join(report.register_label(c, "id") for c in missing),
            missing_en=", ".join(report.register_label(c, "en") for c in missing),
        )
    renamed = renamed.reindex(columns=COLUMNS).assign(excel_row=range(2, len(renamed) + 2))
    return report.to_codes(renamed)


@command(app, "monitor", help="Pemantauan tindak lanjut: register intervensi dan hasilnya.")
def monitor_command(
    run: Run,
    riwayat: options.Riwayat = None,
    kinerja: options.Kinerja = None,
    pegawai: options.Pegawai = None,
    jabatan: options.Jabatan = None,
    kompetensi: options.Kompetensi = None,
    register: Register = None,
    per: options.Per = None,
    strict: options.Strict = False,
) -> None:
    import pandas as pd

    from mutasi_cli.evaluation import evaluate
    from mutasi_cli.evaluation.monitor import clean_register, monitor
    from mutasi_cli.io.write import write_workbook
    from mutasi_cli.reports import monitor as report

    per_date = parse_date(per) or date.today()
    history, records, optional = load_inputs(
        run, riwayat, kinerja, pegawai, jabatan, kompetensi, per_date, strict
    )
    # as of the reference date: a period that ends later is not known yet on that date
    records = records[~(records["period_end"] > pd.Timestamp(per_date))]
    path = register or (run.base_dir / run.settings.output.out_dir / REGISTER_NAME).resolve()
    current, problems = clean_register(read_register(path), t_sheet(run.lang))
    run.issues.extend(problems)

    evaluation = evaluate(history.frame, records, per=per_date, settings=run.settings, **optional)
    run.add_issues(evaluation.issues)  # as evaluate lists them: a NIP nobody has, a repeat...
    result = monitor(
        current,
        evaluation,
        records,
        pegawai=optional["pegawai"],
        riwayat=history.frame,
        per=per_date,
        settings=run.settings,
    )
    sheets = report.sheets(result, run.lang)
    if run.issues:
        sheets.append(issues_sheet(run.issues, run.lang))
    with run.lock(path.parent):  # the register is this command's own state: replaced atomically
        written = write_workbook(path, sheets, run.run_info(per_date), lang=run.lang, force=True)
    run.outputs.append(written)
    if not run.quiet:
        for renderable in report.console(result, run.lang):
            run.console.print(renderable)
    summary = result.summary()
    summary["register_warnings"] = len(problems)
    run.finish(summary)


def t_sheet(lang: str) -> str:
    from mutasi_cli.i18n import t

    return t("monitor.sheet.register", lang)
