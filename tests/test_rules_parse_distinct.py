"""The per-distinct-value parsers (golongan, pendidikan, eselon) against the vectorised pandas
parsers they replaced, kept here verbatim as the reference: many spellings (every text literal
of the rule tests, the real-world files' values, case, spacing and number variants) must give
identical frames — values, dtypes, index and missing cells."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from mutasi_cli.rules import golongan as gol
from mutasi_cli.rules import jabatan as jab
from mutasi_cli.rules import pendidikan as pend

# --- the reference: the vectorised parsers as they were (commit 0e9cf6e) -------------------


def _old_name_key(text: pd.Series) -> pd.Series:
    return (
        text.str.replace(r"\bTK\b\.?", "TINGKAT ", regex=True)
        .str.replace(r"TINGKAT\s*1\b", "TINGKAT I", regex=True)
        .str.replace(r"[^A-Z ]", " ", regex=True)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


def old_parse_golongan(values: pd.Series) -> pd.DataFrame:
    text = values.astype("string").str.upper().str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.mask(text == "")
    code = pd.to_numeric(text.str.extract(r"^(\d{2,3})(?:\.0+)?$")[0], errors="coerce")
    code = code.mask(code > gol.KEMENDAGRI_OFFSET, code - gol.KEMENDAGRI_OFFSET)
    found = text.str.extract(gol._PNS_IN_TEXT)
    group = found[0].replace({r: str(i) for i, r in enumerate(gol.ROMAN_PNS, start=1)})
    roman_id = pd.to_numeric(group + found[1].map({c: str(i) for i, c in enumerate("ABCDE", 1)}))
    name_id = _old_name_key(text).map(gol._BY_NAME)
    pns = code.fillna(roman_id).fillna(name_id)
    pns = pns.where(pns.isin(gol.GOLONGAN_IDS)).astype("Int64")
    words = text.str.contains(gol._PPPK_WORDS, regex=True).fillna(False).astype(bool)
    rest = text.str.replace(gol._PPPK_WORDS, "", regex=True).str.replace(
        r"[^A-Z0-9]", "", regex=True
    )
    arabic = rest.where(words & rest.str.fullmatch(r"\d{1,2}").fillna(False).astype(bool))
    pppk = rest.map(gol._BY_ROMAN).astype("Float64").fillna(pd.to_numeric(arabic))
    pppk = pppk.where(pns.isna() & pppk.between(1, gol.PPPK_MAX)).astype("Int64")
    display = pns.map(gol._PNS_LABELS).fillna(pppk.map(gol._PPPK_LABELS)).astype("string")
    return pd.DataFrame(
        {
            "golongan_id": pns,
            "golongan_pppk": pppk,
            "display": display,
            "ok": (display.notna() | text.isna()).astype(bool),
        },
        index=values.index,
    )


_OLD_PATTERNS = tuple((lvl, pend._prefix_pattern(s)) for lvl, s in pend._SPELLINGS)


def old_parse_pendidikan(values: pd.Series) -> pd.DataFrame:
    text = values.astype("string").str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.mask(text == "")
    code = pd.to_numeric(text.str.extract(r"^(\d{1,2})(?:\.0+)?$")[0])
    level = code.map(pend.SIASN_IDS).astype("Float64")
    rest = pd.Series(pd.NA, index=values.index, dtype="string")
    for lvl, pattern in _OLD_PATTERNS:
        todo = level.isna() & text.notna()
        if not todo.any():
            break
        found = text[todo].str.extract(pattern, flags=re.IGNORECASE)[0].dropna()
        level[found.index] = lvl
        rest[found.index] = found
    jurusan = rest.str.replace(pend._FILLER, "", regex=True, case=False).str.strip(" ,;:/-()")
    level = level.astype("Int64")
    return pd.DataFrame(
        {
            "level": level,
            "display": level.map(pend.LEVEL_LABELS).astype("string"),
            "jurusan": jurusan.mask(jurusan == ""),
            "ok": (level.notna() | text.isna()).astype(bool),
        },
        index=values.index,
    )


def _old_key(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.upper().str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    text = text.str.replace(r"[^A-Z0-9]+", " ", regex=True).str.strip()
    return text.str.replace(r"^JABATAN ", "", regex=True)


def old_parse_eselon(values: pd.Series) -> pd.DataFrame:
    key = _old_key(values).str.replace(r"^(?:ESELON|ESL|ES)\b ?", "", regex=True)
    numeric = key.str.fullmatch(r"\d{2}").fillna(False).astype(bool)
    by_id = pd.to_numeric(key.where(numeric)).map(jab._ESELON_BY_ID)
    found = key.str.extract(r"^(V|IV|III|II|I|[1-5]) ?([AB])$")
    roman = found[0].replace({str(i): r for i, r in enumerate(jab.ESELON_ROMAN, start=1)})
    eselon = by_id.fillna(roman + "." + found[1].str.lower()).astype("string")
    non = key.isna() | key.isin(jab.NON_ESELON)
    return pd.DataFrame(
        {
            "eselon": eselon,
            "eselon_id": eselon.map(jab.ESELON_IDS).astype("Int64"),
            "ok": (eselon.notna() | non).astype(bool),
        },
        index=values.index,
    )


# --- the spellings ------------------------------------------------------------------------

_TESTS = Path(__file__).parent
_RULE_TESTS = ("test_rules_golongan.py", "test_rules_pendidikan.py", "test_rules_jabatan.py")
# Values of the real-world exports (shared/real-world) and spellings seen in SIASN/SIMPEG.
_REAL_WORLD = (
    "Penata Muda Tk.I - III/b", "Pembina Tk.I, IV/b", "Pengatur Muda Tk. I (II/b)",
    "Juru Muda Tingkat 1", "III / d", "IV-a", "iv/e", "Gol. III/a", "Golongan: III.c", "4a",
    "111", "145", "146", "31.0", "45.00", "0", "10", "PPPK V", "P3K 12", "Gol. IX", "XVII",
    "VII", "Ruang IX", "PPPK 18", "S-1 / D-IV", "S1/D4", "DIPLOMA III/SARJANA MUDA",
    "D III Kebidanan", "D-IV Keperawatan", "S1 - Kesehatan Masyarakat", "S.Kom", "SMA IPA",
    "SMK Teknik", "STM Listrik", "SLTA/Sederajat", "SLTP Sederajat", "SMP/MTs", "SD/MI",
    "Program Doktor", "Doktoral", "Magister Manajemen", "S2 Magister Hukum", "40", "40.0",
    "12", "17", "18", "99", "Akademi Keperawatan", "Pasca-Sarjana", "Strata-1", "Strata Satu",
    "Diploma Tiga", "Sekolah Menengah Atas", "Sekolah Menengah Kejuruan", "Sekolah Rakyat",
    "Eselon IV.a", "ESELON III/B", "Es. II.a", "ESL IV/b", "Jabatan Eselon III.a", "21", "22",
    "31", "32", "41", "42", "51", "52", "10", "11", "2A", "3 b", "V.a", "Non-Eselon",
    "Tidak Ada", "Tanpa Eselon", "NONESELON", "-", "--", "0.0", "99.0", "JPT Pratama",
)  # fmt: skip


def _literals() -> list[str]:
    found: set[str] = set()
    for name in _RULE_TESTS:
        for node in ast.walk(ast.parse((_TESTS / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value[:60])
    return sorted(found)


def _spellings() -> pd.Series:
    base = [*_literals(), *_REAL_WORLD]
    variants: list[object] = []
    for value in base:
        variants += [
            value,
            value.lower(),
            value.upper(),
            f"  {value} ",
            value.replace(" ", "  "),
            value.replace(" ", "\t"),
            value.replace(" ", "\xa0"),
            f"\xa0{value}\u3000",
            value.replace(".", ". "),
        ]
    numbers: list[object] = [*range(0, 160), *(float(i) for i in range(0, 160)), 31.5, -1]
    odd: list[object] = ["", " ", "\t", None, pd.NA, float("nan"), "ß", "Straße", "III/ａ"]
    return pd.Series([*variants, *(str(n) for n in numbers), *numbers, *odd], dtype=object)


PARSERS = [
    pytest.param(gol.parse_golongan, old_parse_golongan, id="golongan"),
    pytest.param(pend.parse_pendidikan, old_parse_pendidikan, id="pendidikan"),
    pytest.param(jab.parse_eselon, old_parse_eselon, id="eselon"),
]


@pytest.mark.parametrize(("new", "old"), PARSERS)
def test_same_result_as_the_vectorised_parser(new, old) -> None:
    values = _spellings()
    assert len(values) > 3000
    pd.testing.assert_frame_equal(new(values), old(values))


@pytest.mark.parametrize(("new", "old"), PARSERS)
def test_same_result_on_text_columns_and_a_shuffled_index(new, old) -> None:
    values = _spellings().astype("string")
    values.index = range(len(values) * 2, 0, -2)
    pd.testing.assert_frame_equal(new(values), old(values))
    empty = values.iloc[:0]
    pd.testing.assert_frame_equal(new(empty), old(empty))
    missing = pd.Series([pd.NA] * 3, dtype="string")
    pd.testing.assert_frame_equal(new(missing), old(missing))


@pytest.mark.parametrize("new", [gol.parse_golongan, pend.parse_pendidikan])
def test_non_ascii_digits_are_not_a_code(new) -> None:
    """Arabic-Indic or full-width digits are no code (the old pendidikan parser even raised
    on them): the cell is unrecognised, like any other unknown text."""
    values = pd.Series(["٣١", "３１", "٤٠"], dtype="string")
    parsed = new(values)
    assert not parsed["ok"].any()
    assert parsed.iloc[:, 0].isna().all()


def old_parse_jenis_jabatan(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    key = _old_key(values)
    jenis = key.map(jab._JENIS_KEYS).astype("string")
    bad = (jenis.isna() & key.notna() & (key != "")).astype(bool)
    return jenis, bad


def test_jenis_jabatan_as_before() -> None:
    values = _spellings()
    extra = pd.Series(["JFT", "Jabatan Fungsional", "jabatan struktural", "1.0", "4", "JF "])
    for given in (values, values.astype("string"), extra, values.iloc[:0]):
        for new, old in zip(
            jab.parse_jenis_jabatan(given), old_parse_jenis_jabatan(given), strict=True
        ):
            pd.testing.assert_series_equal(new, old)


def old_unit_key(values: pd.Series) -> pd.Series:
    """schema.name_key before it worked per distinct name (commit d7f2025)."""
    return (
        values.astype("string")
        .str.normalize("NFKC")
        .str.casefold()
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


def test_unit_and_position_keys_as_before() -> None:
    from mutasi_cli.schema import name_key

    names = ["Dinas  Kesehatan ", "DINAS KESEHATAN", "Ｄinas\tX", " ", "", "Straße", "ǅ", 3, 2.5]
    values = pd.Series([*names, None, pd.NA, float("nan")] * 5, name="unit_kerja")
    values.index = values.index[::-1] * 3  # not a default index
    spelled = _spellings()
    for given in (values, values.astype("string"), spelled, spelled.astype("string")):
        pd.testing.assert_series_equal(name_key(given), old_unit_key(given))
    for given in (values.iloc[:0], pd.Series([None, None]), pd.Series(["A"], dtype="string")):
        pd.testing.assert_series_equal(name_key(given), old_unit_key(given))
