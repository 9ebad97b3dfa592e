"""Retirement age (BUP) and retirement date (TMT pensiun), docs/regulasi.md section 5.6.

The BUP comes from ``settings.bup.ages`` by job group: the ``jenjang`` itself (``jpt``,
``administrator``, ``ahli_madya``, ...), with the JF keterampilan levels (penyelia, mahir,
terampil, pemula) grouped as ``jf_keterampilan``. A job family with its own sector age
(``settings.bup.family_ages``: patterns such as ``^guru\b`` -> 60, UU 14/2005) applies when it is
higher than the jenjang's age; the pattern is matched against the family (``rumpun``, "guru
kelas"), else the position title ("Guru Kelas Ahli Muda"), so every *Guru ...* title matches.
Anything not in the table gets ``settings.bup.default_age``.

TMT pensiun is the first day of the month after the birthday on which the person reaches BUP
(general practice, 5.6): born 1967-03-15 with BUP 58 -> 2025-04-01. Someone born on the 1st of a
month also retires on the 1st of the *next* month (born 1967-03-01 -> 2025-04-01), since the
birthday itself is still a working day. With ``first_of_next_month = false`` the date is the
birthday itself (29 February falls back to 28 February).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.settings import Settings

KETERAMPILAN: tuple[str, ...] = ("penyelia", "mahir", "terampil", "pemula")
KETERAMPILAN_GROUP = "jf_keterampilan"


def _folded(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().str.casefold()


def family_age(family: pd.Series, settings: Settings) -> pd.Series:
    """Sector BUP (Int64, NA when no pattern of ``bup.family_ages`` matches) of a family/title."""
    text = _folded(family)
    out = pd.Series(pd.NA, index=family.index, dtype="Int64")
    for pattern, years in settings.bup.family_ages.items():  # a loop over settings, not rows
        hit = text.str.contains(pattern, regex=True).fillna(False).astype(bool)
        out = out.mask(hit & (out.isna() | (out < years)).fillna(True), years)
    return out


def bup_age(
    jenjang: pd.Series,
    settings: Settings,
    rumpun: pd.Series | None = None,
    jabatan: pd.Series | None = None,
) -> pd.Series:
    """Retirement age (Int64) per person from the jenjang and, if given, the job family.

    The family's sector age (``family_ages``) is looked up on ``rumpun``, else on the title
    ``jabatan``; it wins when higher than the jenjang's age.
    """
    ages = settings.bup.ages
    group = _folded(jenjang)
    group = group.mask(group.isin(KETERAMPILAN), KETERAMPILAN_GROUP)
    age = group.map(ages).astype("Int64").fillna(settings.bup.default_age)
    sector = pd.Series(pd.NA, index=jenjang.index, dtype="Int64")
    if rumpun is not None:
        sector = family_age(rumpun, settings).fillna(_folded(rumpun).map(ages).astype("Int64"))
    if jabatan is not None:
        sector = sector.fillna(family_age(jabatan, settings))
    return age.mask((sector > age).fillna(False), sector)


def _month_start(month_index: pd.Series) -> pd.Series:
    """First day of the month ``month_index`` (months since 1970-01), NaT where NA."""
    months = month_index.to_numpy("int64", na_value=0).astype("datetime64[M]")
    return pd.Series(months.astype("datetime64[ns]"), index=month_index.index).mask(
        month_index.isna()
    )


def retirement_date(birth_date: pd.Series, age: pd.Series, settings: Settings) -> pd.Series:
    """TMT pensiun (datetime64[ns]; NaT when the birth date or age is missing)."""
    born = pd.to_datetime(birth_date)
    age = age.astype("Int64")
    month_index = (born.dt.year.astype("Int64") + age - 1970) * 12 + born.dt.month - 1
    if settings.bup.first_of_next_month:
        return _month_start(month_index + 1)
    start = _month_start(month_index)
    day = np.minimum(born.dt.day, start.dt.days_in_month)
    return start + pd.to_timedelta(day - 1, unit="D")
