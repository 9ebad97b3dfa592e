"""Decoding and checking the 18-digit NIP (docs/regulasi.md section 6).

PNS layout (6.1)::

    YYYYMMDD YYYYMM G NNN     birth date, TMT CPNS (year, month), sex 1=L 2=P, serial

PPPK layout (6.2; digits 13-14 uncertain)::

    YYYYMMDD YYYY 2 F G NNN   birth date, TMT year, PPPK marker, contract number, sex, serial

A number is read as PPPK when the status hint says PPPK, or -- without a PNS hint -- when digit
13 is "2": in a PNS NIP digits 13-14 are a month (01-12), so a "2" there is impossible. When the
status says PNS, such a month ("25") is an error (``nip-invalid-tmt``), not a PPPK number. For a PNS the TMT is the first
day of the TMT month; for a PPPK, January 1 of the TMT year.

Spaces, dots, hyphens and a leading apostrophe are stripped ("19840706 200604 2 020"). A NIP
cell that Excel stored as a *number* has already lost its last digits (MEASUREMENTS gotcha 1);
:func:`decode_nip` sees text only, and :mod:`mutasi_cli.io.normalize` reports such cells as
``nip-stored-as-number`` without ever repairing or guessing them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.rules.dates import SPACES
from mutasi_cli.settings import NormalizeSettings

NIP_LENGTH = 18
SEX_BY_DIGIT: dict[str, str] = {"1": "L", "2": "P"}
_SEPARATORS = f"[{SPACES}.\\-']"
_YEAR = r"(?:19|20)\d{2}"


def clean_nip(values: pd.Series) -> pd.Series:
    """NIP text with separators removed (``string`` dtype, NA when empty)."""
    nip = values.astype("string").str.replace(_SEPARATORS, "", regex=True)
    return nip.mask(nip == "")


def _date(text: pd.Series, pattern: str) -> pd.Series:
    """``YYYYMMDD`` text -> datetime64[ns]; NaT unless it matches ``pattern`` and is a real date."""
    valid = text.str.fullmatch(pattern).fillna(False).astype(bool)
    dates = pd.to_datetime(text.where(valid), format="%Y%m%d", errors="coerce")
    return dates.astype("datetime64[ns]")


def decode_nip(
    values: pd.Series,
    status: pd.Series | None = None,
    *,
    min_age_at_tmt: int = NormalizeSettings.nip_min_age_at_tmt,
) -> pd.DataFrame:
    """Decode a column of NIPs (same index).

    Columns: ``nip`` (digits, string), ``kind`` ("PNS"/"PPPK"), ``birth_date``, ``tmt``,
    ``sex`` ("L"/"P"), ``serial`` (string) and ``error`` (an issue code, NA when the NIP is
    valid). The decoded fields are NA wherever ``error`` is set. ``status`` is an optional hint
    holding "PNS"/"PPPK" per row.
    """
    nip = clean_nip(values)
    digits = nip.where(nip.str.fullmatch(r"\d{18}").fillna(False).astype(bool))
    no_hint = np.zeros(len(values), bool)
    hint = {
        kind: no_hint if status is None else np.asarray((status == kind).fillna(False), bool)
        for kind in ("PNS", "PPPK")
    }
    digit_pppk = np.asarray((digits.str[12] == "2").fillna(False), dtype=bool)
    pppk = pd.Series((digit_pppk & ~hint["PNS"]) | hint["PPPK"], index=values.index)
    birth = _date(digits.str[:8], rf"{_YEAR}\d{{4}}")
    tmt_text = (digits.str[8:14] + "01").where(~pppk, digits.str[8:12] + "0101")
    tmt = _date(tmt_text, rf"{_YEAR}\d{{4}}")
    sex = digits.str[14].map(SEX_BY_DIGIT)
    months = (tmt.dt.year - birth.dt.year) * 12 + (tmt.dt.month - birth.dt.month)
    years = tmt.dt.year - birth.dt.year
    too_early = np.where(pppk, years < min_age_at_tmt, months < min_age_at_tmt * 12)
    conditions = [
        nip.isna(),
        ~nip.str.fullmatch(r"\d+").fillna(False).astype(bool),
        (nip.str.len() != NIP_LENGTH).fillna(False),
        birth.isna(),
        tmt.isna(),
        sex.isna(),
        too_early,
    ]
    codes = [
        "nip-missing",
        "nip-invalid-chars",
        "nip-invalid-length",
        "nip-invalid-date",
        "nip-invalid-tmt",
        "nip-invalid-sex",
        "nip-tmt-too-early",
    ]
    error = pd.Series(
        np.select([np.asarray(c, dtype=bool) for c in conditions], codes, default=""),
        index=values.index,
        dtype="string",
    ).replace("", pd.NA)
    valid = error.isna()
    return pd.DataFrame(
        {
            "nip": nip,
            "kind": pd.Series(
                np.where(pppk, "PPPK", "PNS"), index=values.index, dtype="string"
            ).where(valid),
            "birth_date": birth.where(valid),
            "tmt": tmt.where(valid),
            "sex": sex.astype("string").where(valid),
            "serial": digits.str[15:].where(valid),
            "error": error,
        },
        index=values.index,
    )


def error_params(code: str, nip: str) -> dict[str, object]:
    """Message parameters of a NIP issue (``digits`` for the length, ``month`` for the TMT)."""
    if code == "nip-invalid-length":
        return {"digits": len(nip)}
    if code == "nip-invalid-tmt":
        return {"month": nip[12:14]}
    return {}


def format_nip(values: pd.Series) -> pd.Series:
    """The official written form of an 18-digit NIP: ``19750824 200607 1 008`` (birth date,
    TMT year-month, sex, serial; docs/regulasi.md 6.1). Anything else is returned as given."""
    nip = clean_nip(values)
    parts = nip.str.extract(r"^(\d{8})(\d{6})(\d)(\d{3})$")
    spaced = parts[0] + " " + parts[1] + " " + parts[2] + " " + parts[3]
    return spaced.fillna(values.astype("string")).astype("string")
