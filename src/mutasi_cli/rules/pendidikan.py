"""Education level (tingkat pendidikan) -> the ordered SIASN id (DOMAIN.md section 7.2).

SIASN tingkat_pendidikan ids are ordered, so "education >= X" is a numeric comparison:
SD 5 < SLTP 10 < SLTA 15 < D-I 20 < D-II 25 < D-III 30 < D-IV 35 < S-1 40 < S-2 45 < S-3 50.

The SIASN variants of one level share its id here: SLTP Kejuruan (12) is 10, and SLTA Kejuruan /
Keguruan (17, 18; SMK, MA, SPG, STM ...) are 15. 7.2 gives them the same entry and maximum
golongan, and a position asking for "SLTA" accepts all of them, so keeping them apart would only
break the ordering. Sarjana Muda is D-III (30) and Sarjana Terapan D-IV (35), as in SIASN.

A cell may carry the field of study after the level ("S1 Ilmu Pemerintahan", "D-III
Keperawatan"): the level is parsed from the front and the rest returned as ``jurusan``.
"""

from __future__ import annotations

import re

import pandas as pd

from mutasi_cli.frames import parse_distinct

LEVEL_LABELS: dict[int, str] = {
    5: "SD",
    10: "SLTP",
    15: "SLTA",
    20: "D-I",
    25: "D-II",
    30: "D-III",
    35: "D-IV",
    40: "S-1",
    45: "S-2",
    50: "S-3",
}
# SIASN tingkat_pendidikan ids seen in exports -> the level used here.
SIASN_IDS: dict[int, int] = {**{lvl: lvl for lvl in LEVEL_LABELS}, 12: 10, 17: 15, 18: 15}

# Level -> spellings at the start of a cell (case-insensitive; a space stands for any run of
# spaces, dots, hyphens and underscores). Tried in this order, so "SARJANA MUDA" is met before
# "SARJANA" and "D III" before "D I".
_SPELLINGS: tuple[tuple[int, str], ...] = (
    (50, r"S ?3|STRATA (?:3|III|TIGA)|DOKTOR(?:AL)?|PROGRAM DOKTOR"),
    (45, r"S ?2|STRATA (?:2|II|DUA)|MAGISTER|MASTER|PASCA ?SARJANA"),
    (30, r"SARJANA MUDA|D ?(?:III|3)|DIPLOMA (?:III|3|TIGA)|AKADEMI"),
    (35, r"SARJANA TERAPAN|D ?(?:IV|4)|DIPLOMA (?:IV|4|EMPAT)"),
    (40, r"S ?1|STRATA (?:1|I|SATU)|SARJANA"),
    (25, r"D ?(?:II|2)|DIPLOMA (?:II|2|DUA)"),
    (20, r"D ?(?:I|1)|DIPLOMA (?:I|1|SATU)"),
    (15, r"SLTA|SMAN?|SMU|SMKN?|SMEA|STM|SPG|SPK|SMF|MAN?|SEKOLAH MENENGAH (?:ATAS|KEJURUAN)"),
    (10, r"SLTP|SMPN?|MTSN?|SEKOLAH MENENGAH PERTAMA"),
    (5, r"SDN?|MI|SR|SEKOLAH DASAR|SEKOLAH RAKYAT"),
)
_SEP = r"[\s._\-]*"
# A level word may be followed by its abbreviation in brackets: "SARJANA (S1)".
_BRACKETED = rf"(?:{_SEP}\((?:S|D|STRATA|SARJANA|DIPLOMA)[^)]*\))?"
_FILLER = r"\b(?:SEDERAJAT|SETINGKAT)\b"


def _prefix_pattern(spelling: str) -> str:
    """Whole-cell pattern: the level at the start, the rest (field of study) in group 1."""
    tolerant = spelling.replace(" ?", _SEP).replace(" ", _SEP)
    return rf"^(?:{tolerant}){_BRACKETED}(?![A-Za-z0-9])[\s,;:/\-()]*(.*)$"


_PATTERNS: tuple[tuple[int, str], ...] = tuple((lvl, _prefix_pattern(s)) for lvl, s in _SPELLINGS)
_COMPILED: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (lvl, re.compile(pattern, re.IGNORECASE)) for lvl, pattern in _PATTERNS
)
_SPACES = re.compile(r"\s+")
_CODE = re.compile(r"^(\d{1,2})(?:\.0+)?$", re.ASCII)  # pd.to_numeric reads ASCII digits only
_FILLER_RE = re.compile(_FILLER, re.IGNORECASE)


def level_label(level: int) -> str:
    """SIASN tingkat id -> "S-1" (the level the id belongs to)."""
    return LEVEL_LABELS[SIASN_IDS[int(level)]]


def _pendidikan_one(text: str) -> tuple[int | None, str | None, str | None, bool]:
    """One cell -> (level, display, jurusan, ok)."""
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return None, None, None, True
    code = _CODE.search(text)
    level = SIASN_IDS.get(int(code.group(1))) if code else None
    jurusan = None
    if level is None:
        for lvl, pattern in _COMPILED:
            found = pattern.search(text)
            if found:
                level = lvl
                jurusan = _FILLER_RE.sub("", found.group(1)).strip(" ,;:/-()") or None
                break
    if level is None:
        return None, None, None, False
    return level, LEVEL_LABELS[level], jurusan, True


def parse_pendidikan(values: pd.Series) -> pd.DataFrame:
    """Parse education cells (same index).

    Columns: ``level`` (Int64 SIASN tingkat id), ``display`` ("S-1"), ``jurusan`` (the text
    after the level, NA when none) and ``ok`` (False where a non-empty value is not recognised).
    Each distinct cell is parsed once, in plain Python (:func:`frames.parse_distinct`).
    """
    columns = {"level": "Int64", "display": "string", "jurusan": "string", "ok": bool}
    return parse_distinct(values, _pendidikan_one, columns)
