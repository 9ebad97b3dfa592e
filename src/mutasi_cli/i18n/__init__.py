"""Every label the analyst sees, in Bahasa Indonesia (default) and English.

One module per area (``common``, ``needs``, ``propose``, ``finalize``, ``evaluate``, ...), each
exporting ``LABELS: dict[str, tuple[str, str]]`` (key -> (Indonesian, English)). Keys are
namespaced by area: ``"needs.selisih"``. Input column labels live in :mod:`mutasi_cli.schema`;
issue messages in :mod:`mutasi_cli.issues`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache


@cache
def _catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in pkgutil.iter_modules(__path__):
        labels = importlib.import_module(f"{__name__}.{module.name}").LABELS
        overlap = merged.keys() & labels.keys()
        if overlap:  # pragma: no cover - a programming error caught by the tests
            raise RuntimeError(f"duplicate label keys: {sorted(overlap)}")
        merged.update(labels)
    return merged


# English nouns that labels count ("{n} rows"): written in the singular after the number 1.
# Indonesian does not inflect ("1 baris", "2 baris"). Labels may also pick their word with
# :func:`count_word`.
_SINGULAR = {
    "errors": "error",
    "warnings": "warning",
    "files": "file",
    "rows": "row",
    "moves": "move",
    "vacancies": "vacancy",
    "conflicts": "conflict",
    "periods": "period",
    "months": "month",
    "years": "year",
    "controls": "control",
    "movers": "mover",
    "steps": "step",
    "employees": "employee",
    "positions": "position",
    "units": "unit",
    "records": "record",
    "digits": "digit",
}
_ONE = re.compile(r"(?<![\d.,])1 (" + "|".join(_SINGULAR) + r")\b")


def t(key: str, lang: str = "id", **params: object) -> str:
    """The label ``key`` in ``lang`` ("id" or "en"), formatted with ``params``."""
    pair = _catalogue()[key]
    text = pair[1] if lang == "en" else pair[0]
    if not params:
        return text
    text = text.format(**params)
    return _ONE.sub(lambda m: f"1 {_SINGULAR[m.group(1)]}", text) if lang == "en" else text


def count_word(n: int, key: str, lang: str = "id") -> str:
    """The word for ``n`` things: label ``key + ".one"`` when ``n`` is 1, else ``key``
    ("1 error", "2 errors"; Indonesian does not inflect, both labels are the same word)."""
    return t(f"{key}.one" if n == 1 else key, lang)


def columns(keys: dict[str, str], lang: str) -> dict[str, str]:
    """Map frame column -> display label, for ``DataFrame.rename``: {col: label key}."""
    return {col: t(key, lang) for col, key in keys.items()}
