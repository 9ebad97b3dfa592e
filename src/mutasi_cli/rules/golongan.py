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

import pandas as pd

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


def _name_key(text: pd.Series) -> pd.Series:
    """Fold a pangkat name: "Pembina Tk. I" and "PEMBINA TINGKAT 1" share one key."""
    return (
        text.str.replace(r"\bTK\b\.?", "TINGKAT ", regex=True)
        .str.replace(r"TINGKAT\s*1\b", "TINGKAT I", regex=True)
        .str.replace(r"[^A-Z ]", " ", regex=True)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


_BY_NAME: dict[str, int] = {name.upper(): gid for gid, name in PANGKAT.items()}
_BY_ROMAN: dict[str, int] = {roman: i for i, roman in enumerate(PPPK_ROMAN, start=1)}
_PNS_LABELS: dict[int, str] = {gid: golongan_label(gid) for gid in GOLONGAN_IDS}
_PPPK_LABELS: dict[int, str] = {i: roman for roman, i in _BY_ROMAN.items()}


def parse_golongan(values: pd.Series) -> pd.DataFrame:
    """Parse golongan cells (same index).

    Columns: ``golongan_id`` (Int64, SIASN 11..45, PNS), ``golongan_pppk`` (Int64, 1..17, PPPK),
    ``display`` ("III/a" or "IX") and ``ok`` (False where a non-empty value is not recognised).
    """
    text = values.astype("string").str.upper().str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.mask(text == "")
    code = pd.to_numeric(text.str.extract(r"^(\d{2,3})(?:\.0+)?$")[0], errors="coerce")
    code = code.mask(code > KEMENDAGRI_OFFSET, code - KEMENDAGRI_OFFSET)
    found = text.str.extract(_PNS_IN_TEXT)
    group = found[0].replace({r: str(i) for i, r in enumerate(ROMAN_PNS, start=1)})
    roman_id = pd.to_numeric(group + found[1].map({c: str(i) for i, c in enumerate(_LETTERS, 1)}))
    name_id = _name_key(text).map(_BY_NAME)
    pns = code.fillna(roman_id).fillna(name_id)
    pns = pns.where(pns.isin(GOLONGAN_IDS)).astype("Int64")

    words = text.str.contains(_PPPK_WORDS, regex=True).fillna(False).astype(bool)
    rest = text.str.replace(_PPPK_WORDS, "", regex=True).str.replace(r"[^A-Z0-9]", "", regex=True)
    arabic = rest.where(words & rest.str.fullmatch(r"\d{1,2}").fillna(False).astype(bool))
    pppk = rest.map(_BY_ROMAN).astype("Float64").fillna(pd.to_numeric(arabic))
    pppk = pppk.where(pns.isna() & pppk.between(1, PPPK_MAX)).astype("Int64")

    display = pns.map(_PNS_LABELS).fillna(pppk.map(_PPPK_LABELS)).astype("string")
    return pd.DataFrame(
        {
            "golongan_id": pns,
            "golongan_pppk": pppk,
            "display": display,
            "ok": (display.notna() | text.isna()).astype(bool),
        },
        index=values.index,
    )


def pangkat_golongan(golongan: pd.Series) -> pd.Series:
    """ "III/a" (any accepted spelling) -> "Penata Muda (III/a)", the pangkat name from
    :data:`PANGKAT` (DOMAIN.md 7.1) with the golongan/ruang; a PPPK golongan or unknown text
    stays as written."""
    parsed = parse_golongan(golongan.astype("string"))
    names = parsed["golongan_id"].map(PANGKAT).astype("string")
    return (names + " (" + parsed["display"].astype("string") + ")").fillna(
        golongan.astype("string")
    )
