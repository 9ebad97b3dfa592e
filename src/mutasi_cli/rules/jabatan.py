"""Jenis jabatan, eselon, jenjang and job family (docs/regulasi.md sections 5.4, 9.1).

* ``jenis_jabatan``: "struktural" / "fungsional" / "pelaksana". SIASN ids (9.1): 1 Struktural,
  2 Fungsional Tertentu, 3 Rangkap (read as struktural), 4 Fungsional Umum = pelaksana. Without
  a jenis or an eselon: from the name (a JF level word, a structural title, else pelaksana).
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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from mutasi_cli.frames import parse_distinct, parse_rows
from mutasi_cli.schema import name_key
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
    r"^(?:sekretaris daerah|sekda|asisten|staf ahli|kepala (?:dinas|badan|satuan|pelaksana)"
    r"|inspektur(?! pembantu)|sekretaris dprd|direktur)\b"
)
_ADMINISTRATOR_TITLES = (
    r"^(?:sekretaris(?! kelurahan)|kepala (?:bidang|bagian|kantor)|kabid|kabag|camat"
    r"|inspektur pembantu|irban|wakil direktur)\b"
)
# Titles that are structural posts in themselves, the same common knowledge: read as
# struktural when neither a jenis jabatan nor an eselon is given (a position map or roster
# without those columns), so that a Kepala Dinas is no pelaksana and gets its BUP and job
# family. Left out on purpose, as pelaksana or JF: "Kepala Sekolah", "Kepala Puskesmas",
# "Kepala UPT", "Kepala Ruang" (a functional post with an additional duty in many regions),
# "Asisten Apoteker" (a JF), a bare "Kepala" (a school's head as often as an office's). A bare
# "Sekretaris" is one: an office's secretary as SIASN names it (the unit says which).
_STRUCTURAL_TITLES = (
    r"^(?:sekretaris|sekda|staf ahli|kepala (?:dinas|badan|satuan|kantor|pelaksana|bidang"
    r"|bagian|seksi|sub ?bagian|sub ?bidang)|kabid|kabag|kasi|kasie|kasubag|kasubbag|kasubid"
    r"|kasubbid"
    r"|inspektur|irban|camat|lurah|direktur|wakil direktur)\b"
    r"|^asisten(?:$| (?:sekretaris daerah|sekda|pemerintahan|perekonomian|administrasi|[ivx]+"
    r"|[1-4])\b)"
)


def _true(mask: pd.Series) -> pd.Series:
    """A nullable mask with NA read as False."""
    return mask.fillna(False).astype(bool)


def _key_one(text: str) -> str:
    """Upper-cased cell -> key: punctuation to spaces, "1.0" -> "1", a leading "JABATAN"
    dropped."""
    key = _NOT_ALNUM.sub(" ", _DECIMAL_ZERO.sub(r"\1", text)).strip()
    return key.removeprefix("JABATAN ")


def _jenis_jabatan_one(text: str) -> tuple[str | None, bool]:
    key = _key_one(text)
    jenis = _JENIS_KEYS.get(key)
    return jenis, jenis is None and key != ""


def parse_jenis_jabatan(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Jenis jabatan cells -> ("struktural"/"fungsional"/"pelaksana" or NA, bad mask); each
    distinct cell parsed once, in plain Python."""
    found = parse_distinct(values, _jenis_jabatan_one, {"jenis": "string", "bad": bool}, upper=True)
    return found["jenis"].rename(values.name), found["bad"].rename(values.name)


_DECIMAL_ZERO = re.compile(r"^(\d+)\.0+$")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")
_ESELON_WORD = re.compile(r"^(?:ESELON|ESL|ES)\b ?")
_ESELON_ID = re.compile(r"\d{2}")
_ESELON_TEXT = re.compile(r"^(V|IV|III|II|I|[1-5]) ?([AB])$")
_ESELON_GROUP_ROMAN: dict[str, str] = {str(i): r for i, r in enumerate(ESELON_ROMAN, start=1)}


def _eselon_one(text: str) -> tuple[str | None, int | None, bool]:
    """One upper-cased cell -> (eselon, SIASN id, ok); its :func:`_key_one` first."""
    key = _ESELON_WORD.sub("", _key_one(text), count=1)
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


_SPACES = re.compile(r"\s+")
_JF_WORD_RE = re.compile(_JF_WORD)
_OLD_AHLI_RE = re.compile(_OLD_AHLI)
_JPT_RE = re.compile(_JPT_TITLES)
_ADMINISTRATOR_RE = re.compile(_ADMINISTRATOR_TITLES)
_STRUCTURAL_RE = re.compile(_STRUCTURAL_TITLES)
_LEVEL_TAIL = re.compile(rf"\s*(?:\bahli\b|{_JF_WORD}).*$")
_LEVEL_WORDS = re.compile(rf"{_JF_WORD}|\bahli\b")
_ESELON_GROUP = re.compile(r"^([IV]+)\.")


@dataclass(frozen=True)
class _Name:
    """What a position name says about its jenjang and job family (lower case, single spaces);
    computed once per distinct name."""

    name: str | None  # the folded name, None when empty
    jf: str | None  # the JF level word ("ahli_muda")
    old_ahli: str | None  # an older level without "Ahli" ("Guru Madya" -> "ahli_madya")
    jpt: bool  # a JPT title
    administrator: bool  # an administrator title
    structural: bool  # a title that is a structural post in itself
    family: str | None  # the name up to its level words
    family_jf: str | None  # ... and without an older level word
    words_only: str | None  # the name without any level word


@lru_cache(maxsize=4096)
def _name(jabatan: str | None) -> _Name:
    name = None if jabatan is None else _SPACES.sub(" ", jabatan.casefold()).strip() or None
    if name is None:
        return _Name(None, None, None, False, False, False, None, None, None)
    jf = _JF_WORD_RE.search(name)
    old = _OLD_AHLI_RE.search(name)
    family = _LEVEL_TAIL.sub("", name)
    return _Name(
        name=name,
        jf=_JF_WORDS[jf.group(1)] if jf else None,
        old_ahli="ahli_" + old.group(1) if old else None,
        jpt=_JPT_RE.search(name) is not None,
        administrator=_ADMINISTRATOR_RE.search(name) is not None,
        structural=_STRUCTURAL_RE.search(name) is not None,
        family=family,
        family_jf=_OLD_AHLI_RE.sub("", family),
        words_only=_LEVEL_WORDS.sub("", name).strip(),
    )


def _eselon_group(eselon: str | None) -> str | None:
    """ "III.a" -> "III"."""
    found = None if eselon is None else _ESELON_GROUP.search(eselon)
    return found.group(1) if found else None


def _jenis_one(jabatan: str | None, eselon: str | None) -> str | None:
    by_eselon = _ESELON_JENIS.get(_eselon_group(eselon))  # type: ignore[arg-type]
    if by_eselon is not None or jabatan is None:
        return by_eselon
    name = _name(jabatan)
    if name.jf is not None:
        return "fungsional"
    return "struktural" if name.structural else "pelaksana"


def _jenjang_one(jabatan: str | None, jenis: str | None, eselon: str | None) -> str | None:
    by_eselon = ESELON_JENJANG.get(_eselon_group(eselon))  # type: ignore[arg-type]
    if by_eselon is not None:
        return by_eselon
    name = _name(jabatan)
    if jenis == "struktural":
        return "jpt" if name.jpt else "administrator" if name.administrator else "pengawas"
    if jenis == "pelaksana":
        return "pelaksana"
    jf = name.jf if name.jf is not None else name.old_ahli if jenis == "fungsional" else None
    if jf is not None:
        return jf
    return "pelaksana" if jenis is None and name.name is not None else None


def _rumpun_one(jabatan: str | None, jenjang: str | None) -> str | None:
    if jenjang in STRUKTURAL_JENJANG:
        return "struktural"
    if jenjang == "pelaksana":
        return "pelaksana"
    name = _name(jabatan)
    family = name.family_jf if jenjang in JF_JENJANG else name.family
    return name.words_only if family == "" else family


def _parts_one(
    jabatan: str | None, jenis: str | None, eselon: str | None
) -> tuple[str | None, str | None, str | None]:
    jenis = _jenis_one(jabatan, eselon) if jenis is None else jenis
    jenjang = _jenjang_one(jabatan, jenis, eselon)
    return jenis, jenjang, _rumpun_one(jabatan, jenjang)


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string")


def infer_jenis(jabatan: pd.Series, eselon: pd.Series) -> pd.Series:
    """Jenis jabatan when the column is absent: eselon -> struktural (old eselon V: pelaksana);
    a functional level word in the name -> fungsional; a structural title (Kepala Dinas,
    Kabid, Camat, Lurah, Kasi...: ``_STRUCTURAL_TITLES``) -> struktural; otherwise pelaksana."""
    found = parse_rows(
        lambda *v: (_jenis_one(*v),), [_text(jabatan), _text(eselon)], {"jenis": "string"}
    )
    return found["jenis"].set_axis(eselon.index).rename(None)


def infer_jenjang(jabatan: pd.Series, jenis: pd.Series, eselon: pd.Series) -> pd.Series:
    """Jenjang per row: jpt, administrator, pengawas, pelaksana or a JF level (module doc).

    A structural position without an eselon is placed by its title (Kepala Dinas -> jpt, Kepala
    Bidang / Camat -> administrator, other titles -> pengawas). A functional position whose name
    carries no level word gets NA.
    """
    columns = [_text(jabatan), _text(jenis), _text(eselon)]
    return parse_rows(lambda *v: (_jenjang_one(*v),), columns, {"jenjang": "string"})[
        "jenjang"
    ].rename(None)


def rumpun(jabatan: pd.Series, jenjang: pd.Series) -> pd.Series:
    """Job family: a functional name without its level words, lower case ("Analis Kepegawaian
    Ahli Muda" -> "analis kepegawaian"); "struktural" or "pelaksana" for the others."""
    found = parse_rows(
        lambda *v: (_rumpun_one(*v),), [_text(jabatan), jenjang], {"rumpun": "string"}
    )
    return found["rumpun"].rename(jabatan.name)


def position_parts(
    jabatan: pd.Series, jenis: pd.Series, eselon: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Jenis (``jenis`` where given, else :func:`infer_jenis`), :func:`infer_jenjang` and
    :func:`rumpun` of positions, in one pass over the distinct (name, jenis, eselon)."""
    columns = [_text(jabatan), _text(jenis), _text(eselon)]
    dtypes = {"jenis": "string", "jenjang": "string", "rumpun": "string"}
    found = parse_rows(_parts_one, columns, dtypes)
    return (
        found["jenis"].rename(jenis.name),
        found["jenjang"].rename(None),
        found["rumpun"].rename(jabatan.name),
    )


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
    group = name_key(jabatan).map(pelaksana_groups()).astype("string")
    if override is not None:
        group = name_key(override).fillna(group).astype("string")
    return group


def school_level(unit: pd.Series) -> pd.Series:
    """School level of a unit name ("sd", "smp", "sma", ...; NA for other units)."""
    level = name_key(unit).str.extract(_SCHOOL_LEVEL, expand=False)
    return level.replace(_SCHOOL_ALIASES).astype("string")


def is_guru(rumpun_: pd.Series) -> pd.Series:
    """A teaching job family ("guru", "guru kelas", "guru matematika", ...)."""
    return _true(name_key(rumpun_).str.match(r"guru\b"))
