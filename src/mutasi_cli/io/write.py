"""Styled, safe, atomic workbook writing used by every command (DESIGN.md section 4).

CONTRACT (implementation pending): see the helper prompt / docstrings below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import pandas as pd

Format = Literal["text", "int", "float1", "float2", "float4", "pct", "date", "datetime"]


@dataclass(frozen=True)
class ColorRule:
    """Conditional colour on one column (by its display label).

    kind: "equals" (cell text == value), "negative" (< 0), "positive" (> 0), "zero" (== 0),
    "below" (< value), "above" (> value).
    color: "red" | "green" | "yellow" | "orange" | "grey" | "blue" (soft fills, readable text).
    whole_row: colour the whole row instead of the cell.
    """

    column: str
    kind: Literal["equals", "negative", "positive", "zero", "below", "above"]
    color: str
    value: Any = None
    whole_row: bool = False


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel column chart of ``value_columns`` by ``category_column`` (display labels)."""

    title: str
    category_column: str
    value_columns: Sequence[str]
    anchor: str = "H2"


@dataclass(frozen=True)
class SheetSpec:
    name: str  # display name, already localised (max 31 chars, Excel rules)
    frame: pd.DataFrame  # columns already carry display labels
    formats: Mapping[str, Format] = field(default_factory=dict)  # label -> format
    colors: Sequence[ColorRule] = ()
    dropdowns: Mapping[str, Sequence[str]] = field(default_factory=dict)  # label -> choices
    comments: Mapping[tuple[int, str], str] = field(default_factory=dict)  # (row idx, label)
    chart: ChartSpec | None = None
    widths: Mapping[str, float] = field(default_factory=dict)  # label -> width override
    freeze: bool = True
    autofilter: bool = True


@dataclass(frozen=True)
class InputInfo:
    path: str
    table: str
    sheet: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class RunInfo:
    """Provenance written to every output's ``Info`` sheet."""

    command: str
    version: str
    per: date | None
    settings: Mapping[str, Any]
    inputs: Sequence[InputInfo]
    started: datetime
    seconds: float
    extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"fingerprint": "..."}
