"""`mutasi demo`: the whole cycle on the bundled sample city, each step a real command.

sample-data -> validate -> analyze-needs -> propose -> (approve every proposal) -> finalize ->
evaluate. Every step runs in-process exactly as an analyst would run it, with ``--json`` so its
summary can be shown here; the files it writes are listed at the end.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Run, command
from mutasi_cli.errors import MutasiError
from mutasi_cli.i18n import t
from mutasi_cli.schema import TABLES

if TYPE_CHECKING:
    from rich.table import Table

DEMO_PER = date(2026, 12, 1)
# The command-line flag of each input table.
FLAGS = {table: "--" + table.replace("_", "-") for table in TABLES} | {
    "riwayat_mutasi": "--riwayat"
}


def _step(run: Run, args: list[str]) -> dict[str, Any]:
    """Run one command in-process with --json and return its summary."""
    command_obj = typer.main.get_command(app)
    flags = ["--json", "--quiet", "--force", "--lang", run.lang]
    buffer = io.StringIO()
    argv, sys.argv = sys.argv, ["mutasi", *args, *flags]  # the Info sheet shows this step's line
    try:
        with contextlib.redirect_stdout(buffer):
            code = command_obj.main([*args, *flags], standalone_mode=False)
    finally:
        sys.argv = argv
    text = buffer.getvalue().strip()
    summary = json.loads(text.splitlines()[-1]) if text else {}
    if code not in (0, None) and args[0] != "validate":
        raise MutasiError(
            t("demo.step_failed", run.lang, step=args[0], error=summary.get("error", code)),
            summary.get("hint", ""),
        )
    return summary


def approve_all(review: Path, dest: Path, lang: str) -> Path:
    """A copy of the review with every decision set to Setuju (what the committee would do)."""
    from openpyxl import load_workbook

    from mutasi_cli.io.write import atomic_path

    wb = load_workbook(review)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index(t("propose.col.keputusan", lang)) + 1
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=col, value=t("propose.decision.setuju", lang))
    with atomic_path(dest, force=True) as tmp:
        wb.save(tmp)
    return dest


@command(app, "demo", help="Jalankan seluruh siklus mutasi pada kota contoh.")
def demo(
    run: Run,
    out: Annotated[Path, typer.Option("--out", help="Folder hasil demo.")] = Path("demo-out"),
    employees: Annotated[int, typer.Option("--employees", min=200)] = 4000,
) -> None:
    data = out / "data"
    per = DEMO_PER.isoformat()
    files = {name: str(data / f"{name}.xlsx") for name in TABLES}
    steps: dict[str, dict[str, Any]] = {}

    steps["sample-data"] = _step(
        run, ["sample-data", "--out", str(data), "--employees", str(employees), "--per", per]
    )

    def inputs(*tables: str) -> list[str]:
        """``--pegawai FILE --jabatan FILE ...`` for the sample city's files."""
        return [arg for table in tables for arg in (FLAGS[table], files[table])]

    steps["validate"] = _step(run, ["validate", *files.values(), "--per", per])
    needs_out = out / f"analisis-kebutuhan-{per}"
    steps["analyze-needs"] = _step(
        run,
        [
            "analyze-needs",
            *inputs("pegawai", "jabatan", "beban_kerja"),
            "--per",
            per,
            "--out",
            f"{needs_out}.xlsx",
            "--report",
            f"{needs_out}.html",
        ],
    )
    review = out / f"usulan-mutasi-{per}.xlsx"
    steps["propose"] = _step(
        run,
        [
            "propose",
            *inputs("pegawai", "jabatan", "beban_kerja", "kompetensi", "aspirasi", "kinerja"),
            "--per",
            per,
            "--out",
            str(review),
        ],
    )
    approved = approve_all(review, out / f"usulan-mutasi-{per}-disetujui.xlsx", run.lang)
    steps["propose"]["outputs"] = [*steps["propose"].get("outputs", []), str(approved)]
    steps["finalize"] = _step(
        run,
        [
            "finalize",
            str(approved),
            *inputs("pegawai", "jabatan", "beban_kerja", "riwayat_mutasi"),
            "--out-dir",
            str(out / "penetapan"),
        ],
    )
    eval_out = out / f"evaluasi-mutasi-{per}"
    steps["evaluate"] = _step(
        run,
        [
            "evaluate",
            *inputs("riwayat_mutasi", "kinerja", "pegawai", "jabatan", "kompetensi"),
            "--per",
            per,
            "--out",
            f"{eval_out}.xlsx",
            "--report",
            f"{eval_out}.html",
        ],
    )
    for summary in steps.values():
        run.outputs.extend(Path(p) for p in summary.get("outputs", []))
    if not run.quiet:
        run.console.print(_table(steps, run.lang))
    run.finish({"per": per, "steps": steps})


# step -> (label key, {placeholder in the label: key in that step's JSON summary})
RESULT_LINES: dict[str, tuple[str, dict[str, str]]] = {
    "sample-data": ("demo.sample", {"n": "employees"}),
    "validate": ("demo.validate", {"errors": "errors", "warnings": "warnings"}),
    "analyze-needs": ("demo.needs", {"kurang": "kekurangan", "lebih": "kelebihan"}),
    "propose": ("demo.propose", {"moves": "moves", "filled": "vacancies_filled"}),
    "finalize": ("demo.finalize", {"approved": "approved", "documents": "documents"}),
}


def _table(steps: dict[str, dict[str, Any]], lang: str) -> Table:
    from rich.table import Table

    from mutasi_cli.reports.format import format_number

    table = Table(title=t("demo.title", lang))
    table.add_column(t("demo.step", lang))
    table.add_column(t("demo.result", lang))
    for step, (key, fields) in RESULT_LINES.items():
        values = {name: format_number(steps[step].get(f), lang, 0) for name, f in fields.items()}
        table.add_row(step, t(key, lang, **values))
    did = steps["evaluate"].get("did", {})
    interval = {k: _num(did.get(k), lang) for k in ("estimate", "low", "high")}
    table.add_row("evaluate", t("demo.evaluate", lang, **interval))
    return table


def _num(value: Any, lang: str) -> str:
    from mutasi_cli.reports.format import format_number

    if value is None:
        return "-"
    return ("+" if value > 0 else "") + format_number(value, lang, 2)
