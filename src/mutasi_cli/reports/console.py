"""Human output on stderr with rich: the console, issue summaries, key/value and frame tables.

stdout stays free for ``--json``. Colour and highlighting only on a terminal without ``NO_COLOR``;
``--quiet`` silences this console (errors are printed by the CLI on a console of their own).
Data in tables is wrapped in ``Text``, so brackets in names are never read as rich markup.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mutasi_cli.i18n import t
from mutasi_cli.issues import Issue, code_label
from mutasi_cli.reports.format import format_value

EXAMPLE_CELLS = 3
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}


def make_console(*, quiet: bool, json_mode: bool) -> Console:
    """The console for human messages: stderr, plain unless an interactive colour terminal."""
    colour = sys.stderr.isatty() and not json_mode and not os.environ.get("NO_COLOR")
    return Console(
        stderr=True,
        quiet=quiet,
        highlight=colour,
        no_color=not colour,
        color_system="auto" if colour else None,
    )


def issues_table(issues: Sequence[Issue], lang: str = "id") -> Table:
    """One row per issue code: severity, count, the first cells as examples, the message.

    Errors come first, then the most frequent codes.
    """
    groups: dict[str, list[Issue]] = {}
    for issue in issues:
        groups.setdefault(issue.code, []).append(issue)
    total = {code: sum(i.cells for i in group) for code, group in groups.items()}
    order = sorted(
        groups.values(), key=lambda g: (g[0].level != "error", -total[g[0].code], g[0].code)
    )
    table = Table(title=t("issues.title", lang), title_justify="left")
    table.add_column(t("issues.severity", lang))
    table.add_column(t("issues.code", lang))
    table.add_column(t("issues.count", lang), justify="right")
    table.add_column(t("issues.examples", lang))
    table.add_column(t("issues.message", lang))
    for group in order:
        level = group[0].level
        cells = list(dict.fromkeys(i.cell for i in group if i.cell))
        examples = ", ".join(cells[:EXAMPLE_CELLS]) + (", …" if len(cells) > EXAMPLE_CELLS else "")
        table.add_row(
            t(f"issues.{level}", lang),
            Text(f"{code_label(group[0].code, lang)} ({group[0].code})"),
            format_value(total[group[0].code], lang),
            Text(examples),
            Text(group[0].message(lang)),
            style=SEVERITY_STYLE[level],
        )
    return table


def key_values(title: str, rows: Sequence[tuple[str, object]], lang: str = "id") -> Table:
    """A two-column table of labels and localised values."""
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key, value in rows:
        table.add_row(Text(key), Text(format_value(value, lang)))
    return table


def frame_table(title: str, frame: pd.DataFrame, max_rows: int = 10, lang: str = "id") -> Table:
    """The first ``max_rows`` rows of ``frame``; numbers right-aligned and localised."""
    table = Table(title=title, title_justify="left")
    for label, dtype in frame.dtypes.items():
        numeric = pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
        table.add_column(str(label), justify="right" if numeric else "left")
    for row in frame.head(max_rows).itertuples(index=False):
        table.add_row(*(Text(format_value(v, lang)) for v in row))
    if len(frame) > max_rows:
        table.caption = t("report.more_rows", lang, count=len(frame) - max_rows)
        table.caption_justify = "left"
    return table
