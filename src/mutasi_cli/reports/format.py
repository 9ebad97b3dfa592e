"""Locale-aware display of numbers and dates, shared by HTML reports, charts and the console.

Bahasa Indonesia writes ``1.234,5`` and ``1 Desember 2026``; English ``1,234.5`` and
``1 December 2026``. A missing value (None, NaN, NA, NaT) is shown as an en dash.
"""

from __future__ import annotations

from datetime import date, datetime
from numbers import Real

import numpy as np
import pandas as pd
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from mutasi_cli.i18n import t

MISSING = "–"
_LOCALES = {"id": "id_ID", "en": "en"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, _LOCALES["id"])


def is_missing(value: object) -> bool:
    """True for None, NaN, ``pd.NA`` and ``pd.NaT`` (never raises on non-scalars)."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def format_number(value: object, lang: str = "id", digits: int | None = None) -> str:
    """``1234.5`` -> ``"1.234,5"`` (id) / ``"1,234.5"`` (en).

    ``digits=None`` shows up to three decimals as needed; an integer shows exactly that many.
    """
    if is_missing(value):
        return MISSING
    if isinstance(value, Real) and not np.isfinite(float(value)):
        return "∞" if float(value) > 0 else "-∞"
    if isinstance(value, Real) and abs(float(value)) >= 1e15:  # past babel's decimal precision
        return f"{float(value):.6g}"
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def format_pct(value: object, lang: str = "id", digits: int = 1) -> str:
    """A percentage number (0..100) -> ``"92,6%"``."""
    return MISSING if is_missing(value) else format_number(value, lang, digits) + "%"


def format_date(value: object, lang: str = "id") -> str:
    """A date, datetime, Timestamp or ISO string -> ``"1 Desember 2026"``."""
    if is_missing(value):
        return MISSING
    if not isinstance(value, date):
        value = pd.Timestamp(value)
    if isinstance(value, datetime):
        value = value.date()
    return _babel_date(value, "d MMMM y", locale=_locale(lang))


def format_day_month(value: object, lang: str = "id") -> str:
    """A date without its year, month abbreviated -> ``"1 Jul"``, ``"31 Des"``."""
    if is_missing(value):
        return MISSING
    return _babel_date(pd.Timestamp(value).date(), "d MMM", locale=_locale(lang)).rstrip(".")


def format_value(value: object, lang: str = "id") -> str:
    """Any cell value for display: numbers and dates localised, booleans as Ya/Tidak."""
    if is_missing(value):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return t("common.yes" if value else "common.no", lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Real):
        return format_number(value, lang)
    return str(value)
