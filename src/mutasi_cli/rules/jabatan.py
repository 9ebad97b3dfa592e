"""Jenis jabatan, eselon, jenjang and job family (docs/regulasi.md sections 5.4, 9.1).

* ``jenis_jabatan``: "struktural" / "fungsional" / "pelaksana". SIASN ids (9.1): 1 Struktural,
  2 Fungsional Tertentu, 3 Rangkap (read as struktural), 4 Fungsional Umum = pelaksana.
* ``eselon``: "I.a" .. "V.b" with the SIASN eselon id (5.4: 11 I.a, 12 I.b, 21 II.a, ..., 52 V.b;
  10 is also I.a; 99 means non-eselon).
* ``jenjang``: eselon I-II -> jpt, III -> administrator, IV -> pengawas (5.4), old eselon V ->
  pelaksana; a functional position by the level words in its name ("Ahli Muda", "Terampil",
  ...); otherwise pelaksana.
* ``rumpun``: the job family a functional position belongs to, e.g. "Guru Ahli Pertama" ->
  "guru"; "struktural" for structural positions and "pelaksana" for the rest.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.frames import parse_distinct
from mutasi_cli.settings import RangeSettings

JENIS: tuple[str, ...] = ("struktural", "fungsional", "pelaksana")
_JENIS_KEYS: dict[str, str] = {
    **dict.fromkeys(
        (
            "STRUKTURAL", "JPT", "JPT PRATAMA", "JPT MADYA", "JPT UTAMA", "PIMPINAN TINGGI",
            "PIMPINAN TINGGI PRATAMA", "PIMPINAN TINGGI MADYA", "PIMPINAN TINGGI UTAMA",
            "ADMINISTRATOR", "PENGAWAS", "RANGKAP", "1", "3",
        ),
        "struktural",
    ),
    **dict.fromkeys(
        ("FUNGSIONAL", "FUNGSIONAL TERTENTU", "JFT", "JF", "2"), "fungsional"
    ),
    **dict.fromkeys(("PELAKSANA", "FUNGSIONAL UMUM", "JFU", "4"), "pelaksana"),
}  # fmt: skip

ESELON_ROMAN: tuple[str, ...] = ("I", "II", "III", "IV", "V")
ESELON_IDS: dict[str, int] = {
    f"{roman}.{letter}": group * 10 + ruang
    for group, roman in enumerate(ESELON_ROMAN, start=1)
    for ruang, letter in enumerate("ab", start=1)
}
_ESELON_BY_ID: dict[int, str] = {**{i: e for e, i in ESELON_IDS.items()}, 10: "I.a"}
NON_ESELON: frozenset[str] = frozenset(
    {"", "-", "0", "99", "NON", "NONESELON", "NON ESELON", "TIDAK ADA", "TANPA ESELON"}
)

# PP 13/2002 (amending PP 100/2000), lowest and highest golongan per eselon as SIASN golongan
# ids (docs/regulasi.md 5.4, CONFIRMED). No range is given for V.b. The values live in
# ``Settings.ranges`` (configurable); this is the default table.
_RANGES = RangeSettings()
ESELON_GOLONGAN_RANGE: dict[str, tuple[int, int]] = {
    e: (low, _RANGES.eselon_max[e]) for e, low in _RANGES.eselon_min.items()
}

ESELON_JENJANG: dict[str, str] = {
    "I": "jpt",
    "II": "jpt",
    "III": "administrator",
    "IV": "pengawas",
    "V": "pelaksana",  # old eselon V: pelaksana / abolished (5.4)
}
STRUKTURAL_JENJANG: tuple[str, ...] = ("jpt", "administrator", "pengawas")
_ESELON_JENIS: dict[str, str] = {
    group: "struktural" if jenjang in STRUKTURAL_JENJANG else "pelaksana"
    for group, jenjang in ESELON_JENJANG.items()
}
JF_JENJANG: tuple[str, ...] = (
    "ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama",
    "penyelia", "mahir", "terampil", "pemula",
)  # fmt: skip
# Level words in a functional position's name (lower case). "Pelaksana Lanjutan" is the older
# name of Mahir.
_JF_WORDS: dict[str, str] = {
    "ahli utama": "ahli_utama",
    "ahli madya": "ahli_madya",
    "ahli muda": "ahli_muda",
    "ahli pertama": "ahli_pertama",
    "penyelia": "penyelia",
    "mahir": "mahir",
    "pelaksana lanjutan": "mahir",
    "terampil": "terampil",
    "pemula": "pemula",
}
_JF_WORD = r"\b(" + "|".join(_JF_WORDS) + r")\b"
# Older functional names without "Ahli" ("Guru Madya"): read only when the jenis is fungsional.
_OLD_AHLI = r"\s(utama|madya|muda|pertama)$"
# Structural titles of a city government (5.4, common knowledge, unverified), used only when a
# structural position has no eselon: JPT, then administrator; any other title is pengawas.
_JPT_TITLES = (
    r"^(?:sekretaris daerah|sekda|asisten|staf ahli|kepala (?:dinas|badan|satuan)"
    r"|inspektur(?! pembantu)|sekretaris dprd|direktur)\b"
)
_ADMINISTRATOR_TITLES = (
    r"^(?:sekretaris(?! kelurahan)|kepala (?:bidang|bagian)|kabid|kabag|camat"
    r"|inspektur pembantu|irban)\b"
)


def _true(mask: pd.Series) -> pd.Series:
    """A nullable mask with NA read as False."""
    return mask.fillna(False).astype(bool)


def _per_name(parse: Any, names: pd.Series) -> pd.DataFrame:
    """``parse`` (names -> DataFrame of text features) run once per distinct name and spread
    back over the rows: a roster repeats a few hundred position names over thousands of rows."""
    codes, uniques = pd.factorize(names, use_na_sentinel=False)
    found = parse(pd.Series(uniques, dtype="string")).iloc[codes]
    found.index = names.index
    return found


def _folded(values: pd.Series) -> pd.Series:
    """Lower case, single spaces, NA when empty."""
    text = values.astype("string").str.casefold().str.replace(r"\s+", " ", regex=True)
    text = text.str.strip()
    return text.mask(text == "")


def _key(values: pd.Series) -> pd.Series:
    """Upper case, punctuation to spaces, "1.0" -> "1", a leading "JABATAN" dropped."""
    text = values.astype("string").str.upper().str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    text = text.str.replace(r"[^A-Z0-9]+", " ", regex=True).str.strip()
    return text.str.replace(r"^JABATAN ", "", regex=True)


def parse_jenis_jabatan(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Jenis jabatan cells -> ("struktural"/"fungsional"/"pelaksana" or NA, bad mask)."""
    key = _key(values)
    jenis = key.map(_JENIS_KEYS).astype("string")
    bad = (jenis.isna() & key.notna() & (key != "")).astype(bool)
    return jenis, bad


_DECIMAL_ZERO = re.compile(r"^(\d+)\.0+$")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")
_ESELON_WORD = re.compile(r"^(?:ESELON|ESL|ES)\b ?")
_ESELON_ID = re.compile(r"\d{2}")
_ESELON_TEXT = re.compile(r"^(V|IV|III|II|I|[1-5]) ?([AB])$")
_ESELON_GROUP_ROMAN: dict[str, str] = {str(i): r for i, r in enumerate(ESELON_ROMAN, start=1)}


def _eselon_one(text: str) -> tuple[str | None, int | None, bool]:
    """One upper-cased cell -> (eselon, SIASN id, ok); the steps of :func:`_key` first."""
    key = _NOT_ALNUM.sub(" ", _DECIMAL_ZERO.sub(r"\1", text)).strip()
    key = _ESELON_WORD.sub("", key.removeprefix("JABATAN "), count=1)
    eselon = _ESELON_BY_ID.get(int(key)) if _ESELON_ID.fullmatch(key) else None
    if eselon is None:
        found = _ESELON_TEXT.search(key)
        if found:
            roman = _ESELON_GROUP_ROMAN.get(found.group(1), found.group(1))
            eselon = roman + "." + found.group(2).lower()
    if eselon is None:
        return None, None, key in NON_ESELON
    return eselon, ESELON_IDS.get(eselon), True


def parse_eselon(values: pd.Series) -> pd.DataFrame:
    """Eselon cells -> ``eselon`` ("II.b"), ``eselon_id`` (Int64, SIASN) and ``ok``.

    Accepts "II.b", "II/b", "IIb", "2b", "22" and "Eselon III.a"; non-eselon ("-", "Non Eselon",
    "99") gives NA without an error. Each distinct cell is parsed once, in plain Python.
    """
    columns = {"eselon": "string", "eselon_id": "Int64", "ok": bool}
    return parse_distinct(values, _eselon_one, columns, upper=True)


def eselon_range(eselon: pd.Series | str | None, ranges: RangeSettings | None = None) -> Any:
    """Lowest and highest SIASN golongan id of an eselon (PP 13/2002, docs/regulasi.md 5.4).

    For a Series: a pair of Int64 Series (NA without a range). For one eselon ("IV.a"): the
    ``(low, high)`` tuple, or None when it has no range. ``ranges``: ``Settings.ranges``
    (default: the PP 13/2002 table).
    """
    r = ranges or _RANGES
    if not isinstance(eselon, pd.Series):
        known = isinstance(eselon, str) and eselon in r.eselon_min and eselon in r.eselon_max
        return (r.eselon_min[eselon], r.eselon_max[eselon]) if known else None
    low = eselon.map(r.eselon_min).astype("Int64")
    high = eselon.map(r.eselon_max).astype("Int64")
    return low, high


def jf_range(jenjang: pd.Series, ranges: RangeSettings | None = None) -> tuple[pd.Series, ...]:
    """Default golongan range of a JF jenjang (``Settings.ranges``; Int64, NA elsewhere)."""
    r = ranges or _RANGES
    key = jenjang.astype("string").str.strip().str.casefold()
    return key.map(r.jf_min).astype("Int64"), key.map(r.jf_max).astype("Int64")


def _eselon_group(eselon: pd.Series) -> pd.Series:
    """ "III.a" -> "III" (once per distinct eselon)."""
    group = _per_name(lambda e: e.str.extract(r"^(?P<group>[IV]+)\."), eselon)["group"]
    return group.astype("string").rename(0)


def _jf_jenjang(jabatan: pd.Series) -> pd.Series:
    return _folded(jabatan).str.extract(_JF_WORD)[0].map(_JF_WORDS)


def infer_jenis(jabatan: pd.Series, eselon: pd.Series) -> pd.Series:
    """Jenis jabatan when the column is absent: eselon -> struktural (old eselon V: pelaksana);
    a functional level word in the name -> fungsional; otherwise pelaksana."""
    by_eselon = _eselon_group(eselon).map(_ESELON_JENIS)
    jf = _per_name(lambda names: _jf_jenjang(names).to_frame("jf"), jabatan)["jf"]
    by_name = jf.notna().map({True: "fungsional", False: "pelaksana"})
    jenis = by_eselon.fillna(by_name.where(jabatan.notna()))
    return jenis.astype("string")


def infer_jenjang(jabatan: pd.Series, jenis: pd.Series, eselon: pd.Series) -> pd.Series:
    """Jenjang per row: jpt, administrator, pengawas, pelaksana or a JF level (module doc).

    A structural position without an eselon is placed by its title (Kepala Dinas -> jpt, Kepala
    Bidang / Camat -> administrator, other titles -> pengawas). A functional position whose name
    carries no level word gets NA.
    """
    names = _per_name(_jenjang_words, jabatan)
    name = names["name"]
    jenis = jenis.astype("string")
    by_eselon = _eselon_group(eselon).map(ESELON_JENJANG)
    by_title = np.select(
        [names["jpt"].to_numpy(bool), names["administrator"].to_numpy(bool)],
        ["jpt", "administrator"],
        "pengawas",
    )
    old_ahli = names["old_ahli"].where(jenis == "fungsional")
    jf = names["jf"].fillna(old_ahli)
    conditions = [
        by_eselon.notna(),
        _true(jenis == "struktural"),
        _true(jenis == "pelaksana"),
        jf.notna(),
        jenis.isna() & name.notna(),
    ]
    choices = [by_eselon, by_title, "pelaksana", jf, "pelaksana"]
    jenjang = np.select([np.asarray(c, bool) for c in conditions], choices, default=None)
    return pd.Series(jenjang, index=name.index, dtype="string")


def _jenjang_words(jabatan: pd.Series) -> pd.DataFrame:
    """What a position name says about its jenjang (see :func:`infer_jenjang`)."""
    name = _folded(jabatan)
    return pd.DataFrame(
        {
            "name": name,
            "jpt": _true(name.str.contains(_JPT_TITLES)),
            "administrator": _true(name.str.contains(_ADMINISTRATOR_TITLES)),
            "old_ahli": "ahli_" + name.str.extract(_OLD_AHLI)[0],
            "jf": _jf_jenjang(jabatan),
        }
    )


def _family_words(jabatan: pd.Series) -> pd.DataFrame:
    """A position name without its level words, two ways (see :func:`rumpun`)."""
    name = _folded(jabatan)
    family = name.str.replace(rf"\s*(?:\bahli\b|{_JF_WORD}).*$", "", regex=True)
    return pd.DataFrame(
        {
            "family": family,
            "family_jf": family.str.replace(_OLD_AHLI, "", regex=True),
            "words_only": name.str.replace(rf"{_JF_WORD}|\bahli\b", "", regex=True).str.strip(),
        }
    )


def rumpun(jabatan: pd.Series, jenjang: pd.Series) -> pd.Series:
    """Job family: a functional name without its level words, lower case ("Analis Kepegawaian
    Ahli Muda" -> "analis kepegawaian"); "struktural" or "pelaksana" for the others."""
    words = _per_name(_family_words, jabatan)
    family = words["family"]
    is_jf = _true(jenjang.isin(JF_JENJANG))
    family = family.mask(is_jf, words["family_jf"])
    family = family.mask(family == "", words["words_only"])
    family = family.mask(_true(jenjang.isin(STRUKTURAL_JENJANG)), "struktural")
    family = family.mask(_true(jenjang == "pelaksana"), "pelaksana")
    return family.astype("string").rename(jabatan.name)


def split_jabatan_jenis(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split "Analis Kepegawaian (Pelaksana)" into the position and its jenis jabatan.

    Only a trailing bracket that names a jenis jabatan is split off; other cells are returned
    unchanged with NA as jenis.
    """
    text = values.astype("string")
    found = text.str.extract(r"^(.*\S)\s*\(([^()]*)\)\s*$")
    jenis, _ = parse_jenis_jabatan(found[1])
    jabatan = found[0].where(jenis.notna(), text).astype("string")
    return jabatan, jenis


# ---- job families as practice knows them (issue 9) ------------------------------------------

GROUPS_FILE = "pelaksana_groups.csv"
# School level in a unit name ("SD Negeri Salatiga 01", "SMP Negeri 2 Salatiga").
_SCHOOL_LEVEL = r"\b(tk|paud|sd|mi|smp|mts|sma|ma|smk|slb)\b"
_SCHOOL_ALIASES = {"mi": "sd", "mts": "smp", "ma": "sma", "paud": "tk"}


def _key_text(values: pd.Series) -> pd.Series:
    return (
        values.astype("string")
        .str.normalize("NFKC")
        .str.casefold()
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


def pelaksana_groups() -> dict[str, str]:
    """The packaged default grouping of pelaksana titles: title key -> group."""
    from importlib.resources import files

    text = files("mutasi_cli.data").joinpath(GROUPS_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines()[1:] if line.strip() and not line.startswith("#")]
    pairs = [line.rsplit(",", 1) for line in lines]
    return {" ".join(title.casefold().split()): group.strip() for title, group in pairs}


def pelaksana_group(jabatan: pd.Series, override: pd.Series | None = None) -> pd.Series:
    """Group of a pelaksana title: the map's own ``kelompok_jabatan`` where given, else the
    packaged grouping; NA when the title is in no group (it then moves only to the same title)."""
    group = _key_text(jabatan).map(pelaksana_groups()).astype("string")
    if override is not None:
        group = _key_text(override).fillna(group).astype("string")
    return group


def school_level(unit: pd.Series) -> pd.Series:
    """School level of a unit name ("sd", "smp", "sma", ...; NA for other units)."""
    level = _key_text(unit).str.extract(_SCHOOL_LEVEL, expand=False)
    return level.replace(_SCHOOL_ALIASES).astype("string")


def is_guru(rumpun_: pd.Series) -> pd.Series:
    """A teaching job family ("guru", "guru kelas", "guru matematika", ...)."""
    return _true(_key_text(rumpun_).str.match(r"guru\b"))
