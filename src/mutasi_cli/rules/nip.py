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
import pyarrow as pa

from mutasi_cli.rules.dates import SPACES
from mutasi_cli.settings import NormalizeSettings

NIP_LENGTH = 18
SEX_BY_DIGIT: dict[str, str] = {"1": "L", "2": "P"}
_SEPARATORS = f"[{SPACES}.\\-']"


def clean_nip(values: pd.Series) -> pd.Series:
    """NIP text with separators removed (``string`` dtype, NA when empty)."""
    nip = values.astype("string")
    spaced = nip.str.contains(_SEPARATORS, regex=True).fillna(False).to_numpy(dtype=bool)
    if spaced.any():  # most rosters have none: the replacement runs on those cells alone
        nip = nip.mask(spaced, nip[spaced].str.replace(_SEPARATORS, "", regex=True))
    return nip.mask(nip == "")


_FIRST_YEAR, _LAST_YEAR = 1900, 2099  # a NIP's years are 19xx or 20xx
_MONTHS = np.arange(
    np.datetime64(f"{_FIRST_YEAR}-01"), np.datetime64(f"{_LAST_YEAR + 1}-02"), dtype="M8[M]"
)
_MONTH_START = _MONTHS.astype("M8[D]").astype(np.int64)  # days since 1970 of each month's first
_MONTH_DAYS = np.diff(_MONTH_START)
_CODES = (
    "nip-missing",
    "nip-invalid-chars",
    "nip-invalid-length",
    "nip-invalid-date",
    "nip-invalid-tmt",
    "nip-invalid-sex",
    "nip-tmt-too-early",
)


def _calendar(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """datetime64[ns] from integer parts; NaT unless the year is 19xx/20xx and the day exists
    (a lookup of each month's first day: no per-value calendar arithmetic)."""
    plausible = (year >= _FIRST_YEAR) & (year <= _LAST_YEAR) & (month >= 1) & (month <= 12)
    at = np.where(plausible, (year - _FIRST_YEAR) * 12 + month - 1, 0)
    real = plausible & (day >= 1) & (day <= _MONTH_DAYS[at])
    days = np.where(real, _MONTH_START[at] + day - 1, 0)
    return np.where(real, days.astype("M8[D]"), np.datetime64("NaT")).astype("M8[ns]")


def _number(digits: np.ndarray) -> np.ndarray:
    """The integer written by the digit columns (an (n, k) array of 0..9)."""
    return digits.astype(np.int64) @ (10 ** np.arange(digits.shape[1] - 1, -1, -1))


def _text(codes: np.ndarray, labels: tuple[str, ...], index: pd.Index) -> pd.Series:
    """A ``string`` Series of ``labels[code]`` (NA where code is -1), built by an Arrow take."""
    table = pa.array([*labels, None], type=pa.large_string())
    taken = table.take(pa.array(np.where(codes < 0, len(labels), codes)))
    return pd.Series(pd.arrays.ArrowStringArray(taken), index=index)


def _digits(nip: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Which cells hold exactly 18 ASCII digits, and those digits as an (n, 18) array (zeros in
    the other rows), read from the UTF-8 bytes of the Arrow array (a digit is one byte, any other
    character none of "0".."9"): no Python string per cell."""
    n = len(nip)
    array = pa.array(nip.array, type=pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64)[array.offset : array.offset + n + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer else np.zeros(0, np.uint8)
    candidate = (np.diff(offsets) == NIP_LENGTH) & array.is_valid().to_numpy(zero_copy_only=False)
    digits = data[offsets[:-1][candidate, None] + np.arange(NIP_LENGTH)] - np.uint8(ord("0"))
    ok = (digits <= 9).all(axis=1)
    whole = candidate.copy()
    whole[candidate] = ok
    d = np.zeros((n, NIP_LENGTH), dtype=np.uint8)
    d[whole] = digits[ok]
    return whole, d


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

    The 18-digit NIPs are decoded as an (n, 18) array of digits: no text is sliced per field.
    Only ASCII digits count (a full-width "１" is an invalid character).
    """
    nip = clean_nip(values)
    index, n = values.index, len(values)
    whole, d = _digits(nip)
    hint = {
        kind: np.zeros(n, bool) if status is None else (status == kind).fillna(False).to_numpy(bool)
        for kind in ("PNS", "PPPK")
    }
    pppk = whole & (((d[:, 12] == 2) & ~hint["PNS"]) | hint["PPPK"])
    birth_year, tmt_year = _number(d[:, 0:4]), _number(d[:, 8:12])
    birth_month, tmt_month = _number(d[:, 4:6]), np.where(pppk, 1, _number(d[:, 12:14]))
    birth = _calendar(birth_year, birth_month, _number(d[:, 6:8]))
    tmt = _calendar(tmt_year, tmt_month, np.ones(n, dtype=np.int64))
    birth[~whole] = tmt[~whole] = np.datetime64("NaT")
    digit = d[:, 14].astype(np.int64)
    sex = np.where(whole & (digit >= 1) & (digit <= 2), digit - 1, -1)
    months = (tmt_year - birth_year) * 12 + (tmt_month - birth_month)
    years = tmt_year - birth_year
    dated = ~np.isnat(birth) & ~np.isnat(tmt)
    too_early = dated & np.where(pppk, years < min_age_at_tmt, months < min_age_at_tmt * 12)
    missing = nip.isna().to_numpy(bool)
    other = ~whole & ~missing  # only these can have bad characters or a wrong length
    chars = np.zeros(n, dtype=bool)
    length = np.zeros(n, dtype=bool)
    if other.any():
        rest = nip[other]
        chars[other] = ~rest.str.fullmatch(r"[0-9]+").fillna(False).to_numpy(dtype=bool)
        length[other] = (rest.str.len() != NIP_LENGTH).to_numpy(dtype=bool)
    conditions = [missing, chars, length, np.isnat(birth), np.isnat(tmt), sex < 0, too_early]
    code = np.select(conditions, range(len(_CODES)), default=-1)
    valid = code < 0
    return pd.DataFrame(
        {
            "nip": nip,
            "kind": _text(np.where(valid, pppk.astype(int), -1), ("PNS", "PPPK"), index),
            "birth_date": pd.Series(np.where(valid, birth, np.datetime64("NaT")), index=index),
            "tmt": pd.Series(np.where(valid, tmt, np.datetime64("NaT")), index=index),
            "sex": _text(np.where(valid, sex, -1), ("L", "P"), index),
            "serial": nip.str[15:].where(valid),
            "error": _text(code, _CODES, index),
        },
        index=index,
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
