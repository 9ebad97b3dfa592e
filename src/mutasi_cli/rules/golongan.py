"""Pangkat / golongan: every spelling -> the SIASN id (DOMAIN.md section 7).

PNS golongan/ruang are identified by the SIASN id 11..45 (7.1), which orders ranks numerically
(31 III/a < 32 III/b < ... < 41 IV/a). Accepted spellings: "III/a", "III-a", "IIIa", "III.a",
"III a", "3/a", "Penata Muda (III/a)", "Penata Muda, III/a", the pangkat name alone ("Penata Muda
Tingkat I", "Pembina Tk. I"), the SIASN id or the identical SIMPEG code ("31", 31.0; the Sampang
legend: first digit I-IV, second a-e) and the Kemendagri code 111..145 (rumahASN
``ref_pangkat.csv``: 100 + SIASN id).

PPPK golongan I..XVII (7.3: "IX", "Golongan IX", "PPPK IX") are on another scale: they go to
``golongan_pppk`` and are never compared with PNS ranks. A bare roman numeral without a ruang
letter is read as a PPPK golongan.
"""

from __future__ import annotations

import re

import pandas as pd

from mutasi_cli.frames import parse_distinct

ROMAN_PNS: tuple[str, ...] = ("I", "II", "III", "IV")
# SIASN id -> pangkat (7.1).
PANGKAT: dict[int, str] = {
    11: "Juru Muda",
    12: "Juru Muda Tingkat I",
    13: "Juru",
    14: "Juru Tingkat I",
    21: "Pengatur Muda",
    22: "Pengatur Muda Tingkat I",
    23: "Pengatur",
    24: "Pengatur Tingkat I",
    31: "Penata Muda",
    32: "Penata Muda Tingkat I",
    33: "Penata",
    34: "Penata Tingkat I",
    41: "Pembina",
    42: "Pembina Tingkat I",
    43: "Pembina Utama Muda",
    44: "Pembina Utama Madya",
    45: "Pembina Utama",
}
GOLONGAN_IDS: tuple[int, ...] = tuple(PANGKAT)
KEMENDAGRI_OFFSET = 100  # Kemendagri/SIMASTER code = 100 + SIASN id (111..145)
PPPK_ROMAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip
PPPK_MAX = len(PPPK_ROMAN)

_LETTERS = "ABCDE"
_PNS_IN_TEXT = r"(?<![A-Z])(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])(?![A-Z])"
_PPPK_WORDS = r"\b(?:GOLONGAN|GOL|PPPK|P3K|RUANG)\b"


def golongan_label(golongan_id: int) -> str:
    """SIASN id -> "III/a"."""
    group, ruang = divmod(int(golongan_id), 10)
    return f"{ROMAN_PNS[group - 1]}/{_LETTERS[ruang - 1].lower()}"


_TK = re.compile(r"\bTK\b\.?")
_TINGKAT_1 = re.compile(r"TINGKAT\s*1\b")
_NOT_LETTER = re.compile(r"[^A-Z ]")
_SPACES = re.compile(r"\s+")
_CODE = re.compile(r"^(\d{2,3})(?:\.0+)?$", re.ASCII)  # pd.to_numeric reads ASCII digits only
_PNS_RE = re.compile(_PNS_IN_TEXT)
_PPPK_RE = re.compile(_PPPK_WORDS)
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_ARABIC = re.compile(r"\d{1,2}")


def _name_key(text: str) -> str:
    """Fold a pangkat name: "Pembina Tk. I" and "PEMBINA TINGKAT 1" share one key."""
    text = _TINGKAT_1.sub("TINGKAT I", _TK.sub("TINGKAT ", text))
    return _SPACES.sub(" ", _NOT_LETTER.sub(" ", text)).strip()


_BY_NAME: dict[str, int] = {name.upper(): gid for gid, name in PANGKAT.items()}
_BY_ROMAN: dict[str, int] = {roman: i for i, roman in enumerate(PPPK_ROMAN, start=1)}
_PNS_LABELS: dict[int, str] = {gid: golongan_label(gid) for gid in GOLONGAN_IDS}
_PPPK_LABELS: dict[int, str] = {i: roman for roman, i in _BY_ROMAN.items()}
_GROUP_DIGIT: dict[str, str] = {r: str(i) for i, r in enumerate(ROMAN_PNS, start=1)}
_LETTER_DIGIT: dict[str, str] = {c: str(i) for i, c in enumerate(_LETTERS, 1)}


def _golongan_one(text: str) -> tuple[int | None, int | None, str | None, bool]:
    """One upper-cased cell -> (SIASN id, PPPK golongan, display, ok)."""
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return None, None, None, True
    pns: float | None = None
    code = _CODE.search(text)
    if code:
        pns = float(code.group(1))
        if pns > KEMENDAGRI_OFFSET:
            pns -= KEMENDAGRI_OFFSET
    if pns is None:
        found = _PNS_RE.search(text)
        if found:
            group = _GROUP_DIGIT.get(found.group(1), found.group(1))
            pns = float(group + _LETTER_DIGIT[found.group(2)])
    if pns is None:
        pns = _BY_NAME.get(_name_key(text))
    pns_id = int(pns) if pns is not None and pns in GOLONGAN_IDS else None

    pppk: int | None = None
    rest = _NOT_ALNUM.sub("", _PPPK_RE.sub("", text))
    pppk = _BY_ROMAN.get(rest)
    if pppk is None and _PPPK_RE.search(text) and _ARABIC.fullmatch(rest):
        pppk = int(rest)
    if pns_id is not None or pppk is None or not 1 <= pppk <= PPPK_MAX:
        pppk = None

    display = _PNS_LABELS.get(pns_id) if pns_id is not None else _PPPK_LABELS.get(pppk)
    return pns_id, pppk, display, display is not None


def parse_golongan(values: pd.Series) -> pd.DataFrame:
    """Parse golongan cells (same index).

    Columns: ``golongan_id`` (Int64, SIASN 11..45, PNS), ``golongan_pppk`` (Int64, 1..17, PPPK),
    ``display`` ("III/a" or "IX") and ``ok`` (False where a non-empty value is not recognised).
    Each distinct cell is parsed once, in plain Python (:func:`frames.parse_distinct`).
    """
    columns = {"golongan_id": "Int64", "golongan_pppk": "Int64", "display": "string", "ok": bool}
    return parse_distinct(values, _golongan_one, columns, upper=True)


def pangkat_golongan(golongan: pd.Series) -> pd.Series:
    """ "III/a" (any accepted spelling) -> "Penata Muda (III/a)", the pangkat name from
    :data:`PANGKAT` (DOMAIN.md 7.1) with the golongan/ruang; a PPPK golongan or unknown text
    stays as written."""
    parsed = parse_golongan(golongan.astype("string"))
    names = parsed["golongan_id"].map(PANGKAT).astype("string")
    return (names + " (" + parsed["display"].astype("string") + ")").fillna(
        golongan.astype("string")
    )
