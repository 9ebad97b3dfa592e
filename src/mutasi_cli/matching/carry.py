"""The committee record of the last round, read back for `mutasi propose --carry-over`.

`mutasi finalize` writes ``keputusan-komite-<tmt>.xlsx`` (sheet "Keputusan Komite", columns of
:data:`mutasi_cli.schema.KEPUTUSAN`): one row per move the committee rejected (Tolak) or
deferred (Tunda). The next proposal brings deferred moves back first if they are still valid and
leaves rejected ones out for ``propose.reject_cooldown_months`` after the decision date.

The sheet is found by its headers (either language, any column order, in the first rows of any
sheet); decisions are read with the spellings of the review sheet
(:data:`mutasi_cli.finalize.review.SPELLINGS`). Rows with another decision (Setuju) are ignored.
A record without the required columns is an error naming them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.errors import MutasiError
from mutasi_cli.finalize.review import DEFERRED, REJECTED, SPELLINGS
from mutasi_cli.rules.dates import parse_dates
from mutasi_cli.schema import KEPUTUSAN, header_key

COLUMNS: tuple[str, ...] = tuple(c.name for c in KEPUTUSAN.columns)
HEADER_SEARCH_ROWS = 10


def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in KEPUTUSAN.columns:
        for text in (column.name, column.label_id, column.label_en, *column.synonyms):
            index.setdefault(header_key(text), column.name)
    return index


def _find(sheets: dict[str, list[list[Any]]]) -> tuple[str, list[list[Any]], int, dict[str, int]]:
    """The first sheet with a NIP and a Keputusan header in its top rows."""
    index = _header_index()
    best: tuple[str, list[list[Any]], int, dict[str, int]] | None = None
    for name, rows in sheets.items():
        for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            columns: dict[str, int] = {}
            for j, text in enumerate(row):
                column = index.get(header_key(text))
                if column is not None and column not in columns:
                    columns[column] = j
            if "nip" in columns and "keputusan" in columns:
                return name, rows, i, columns
            if best is None and columns:
                best = (name, rows, i, columns)
    return best or ("", [], 0, {})


def _text(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)
    return text.mask(text == "")


def parse_decisions(sheets: dict[str, list[list[Any]]], path: str = "") -> pd.DataFrame:
    """Deferred and rejected moves of a committee record (sheet name -> rows of cell values).

    Columns: the canonical :data:`COLUMNS` with ``keputusan`` "tunda" / "tolak" and
    ``tanggal_keputusan`` datetime64 (NaT when blank), plus ``excel_row``.
    """
    name, rows, header, columns = _find(sheets)
    missing = [c.name for c in KEPUTUSAN.columns if c.required and c.name not in columns]
    if missing:
        labels = ", ".join(KEPUTUSAN.column(c).label_id for c in missing)
        raise MutasiError.of(
            "propose.error.carry_over_columns", path=path, sheet=name or "-", columns=labels
        )
    raw = pd.DataFrame(rows[header + 1 :], dtype=object)
    raw = raw.reindex(columns=range(max(max(columns.values()) + 1, raw.shape[1])), fill_value="")
    frame = pd.DataFrame({c: _text(raw[j].fillna("")) for c, j in columns.items()})
    frame = frame.reindex(columns=list(COLUMNS)).astype("string")
    frame["excel_row"] = np.arange(header + 2, header + 2 + len(frame))
    frame = frame[frame[["nip", "keputusan"]].notna().all(axis=1)]
    words = {v: SPELLINGS.get(header_key(v)) for v in frame["keputusan"].dropna().unique()}
    frame["keputusan"] = frame["keputusan"].map(words).astype("string")
    frame["nip"] = frame["nip"].str.replace(r"\s+", "", regex=True)
    dates = (
        raw.loc[frame.index, columns["tanggal_keputusan"]]
        if "tanggal_keputusan" in columns
        else None
    )
    frame["tanggal_keputusan"] = (
        parse_dates(dates.reset_index(drop=True))[0].set_axis(frame.index)
        if dates is not None
        else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    ).astype("datetime64[ns]")
    keep = frame["keputusan"].isin([DEFERRED, REJECTED])
    return frame[keep].reset_index(drop=True)
