"""Jenis, jenjang and rumpun of positions, computed once per distinct (name, jenis, eselon) in
plain Python, against the vectorised pandas functions they replaced (kept here verbatim as the
reference): every combination of many position names, jenis and eselon spellings must give
identical Series — values, dtype, index and name."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.rules import jabatan as jab

# --- the reference: the vectorised functions as they were (commit 0e9cf6e), and since then
# a structural title read as struktural when no jenis and no eselon say otherwise ------------


def _true(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


def _per_name(parse, names: pd.Series) -> pd.DataFrame:
    codes, uniques = pd.factorize(names, use_na_sentinel=False)
    found = parse(pd.Series(uniques, dtype="string")).iloc[codes]
    found.index = names.index
    return found


def _folded(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.casefold().str.replace(r"\s+", " ", regex=True)
    text = text.str.strip()
    return text.mask(text == "")


def _eselon_group(eselon: pd.Series) -> pd.Series:
    group = _per_name(lambda e: e.str.extract(r"^(?P<group>[IV]+)\."), eselon)["group"]
    return group.astype("string").rename(0)


def _jf_jenjang(jabatan: pd.Series) -> pd.Series:
    return _folded(jabatan).str.extract(jab._JF_WORD)[0].map(jab._JF_WORDS)


def old_infer_jenis(jabatan: pd.Series, eselon: pd.Series) -> pd.Series:
    by_eselon = _eselon_group(eselon).map(jab._ESELON_JENIS)
    jf = _per_name(lambda names: _jf_jenjang(names).to_frame("jf"), jabatan)["jf"]
    structural = _per_name(
        lambda names: _true(_folded(names).str.contains(jab._STRUCTURAL_TITLES)).to_frame("s"),
        jabatan,
    )["s"]
    by_name = pd.Series(
        np.select([jf.notna(), structural], ["fungsional", "struktural"], "pelaksana"),
        index=jabatan.index,
    )
    jenis = by_eselon.fillna(by_name.where(jabatan.notna()))
    return jenis.astype("string")


def _jenjang_words(jabatan: pd.Series) -> pd.DataFrame:
    name = _folded(jabatan)
    return pd.DataFrame(
        {
            "name": name,
            "jpt": _true(name.str.contains(jab._JPT_TITLES)),
            "administrator": _true(name.str.contains(jab._ADMINISTRATOR_TITLES)),
            "old_ahli": "ahli_" + name.str.extract(jab._OLD_AHLI)[0],
            "jf": _jf_jenjang(jabatan),
        }
    )


def old_infer_jenjang(jabatan: pd.Series, jenis: pd.Series, eselon: pd.Series) -> pd.Series:
    names = _per_name(_jenjang_words, jabatan)
    name = names["name"]
    jenis = jenis.astype("string")
    by_eselon = _eselon_group(eselon).map(jab.ESELON_JENJANG)
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


def _family_words(jabatan: pd.Series) -> pd.DataFrame:
    name = _folded(jabatan)
    family = name.str.replace(rf"\s*(?:\bahli\b|{jab._JF_WORD}).*$", "", regex=True)
    return pd.DataFrame(
        {
            "family": family,
            "family_jf": family.str.replace(jab._OLD_AHLI, "", regex=True),
            "words_only": name.str.replace(rf"{jab._JF_WORD}|\bahli\b", "", regex=True).str.strip(),
        }
    )


def old_rumpun(jabatan: pd.Series, jenjang: pd.Series) -> pd.Series:
    words = _per_name(_family_words, jabatan)
    family = words["family"]
    is_jf = _true(jenjang.isin(jab.JF_JENJANG))
    family = family.mask(is_jf, words["family_jf"])
    family = family.mask(family == "", words["words_only"])
    family = family.mask(_true(jenjang.isin(jab.STRUKTURAL_JENJANG)), "struktural")
    family = family.mask(_true(jenjang == "pelaksana"), "pelaksana")
    return family.astype("string").rename(jabatan.name)


def old_position_parts(name: pd.Series, jenis: pd.Series, eselon: pd.Series):
    jenis = jenis.fillna(old_infer_jenis(name, eselon))
    jenjang = old_infer_jenjang(name, jenis, eselon)
    return jenis, jenjang, old_rumpun(name, jenjang)


# --- the combinations ----------------------------------------------------------------------

_TESTS = Path(__file__).parent
_NAMES = (
    "Analis Kepegawaian Ahli Muda", "ANALIS KEPEGAWAIAN AHLI MUDA", "Guru Madya", "Guru",
    "Guru Ahli Pertama", "Guru Kelas Ahli Madya", "Perawat Mahir", "Perawat Terampil",
    "Pranata Komputer Pelaksana Lanjutan", "Pranata Komputer Penyelia", "Dokter Ahli Utama",
    "Dokter Pemula", "Bidan", "Kepala Dinas Kesehatan", "Kepala Badan Keuangan", "Sekda",
    "Sekretaris Daerah", "Asisten Pemerintahan", "Staf Ahli Bupati", "Inspektur",
    "Inspektur Pembantu I", "Irban II", "Sekretaris DPRD", "Direktur RSUD", "Sekretaris Dinas",
    "Sekretaris Kelurahan", "Kepala Bidang Mutasi", "Kabid Umum", "Kabag Hukum", "Camat",
    "Kepala Seksi Pelayanan", "Kepala Subbagian Umum", "Lurah Kutowinangun",
    "Pengadministrasi Umum", "Pengelola Keuangan", "Ahli", "Ahli Muda", "Pemula",
    "Kepala Sekolah", "Kepala Puskesmas", "Asisten Apoteker", "Asisten", "Asisten II",
    "Kasir", "Sekretaris", "Kepala Kantor Kesbangpol", "Wakil Direktur Umum",
    "  analis\tkepegawaian   ahli  muda ", "Analis\xa0Kepegawaian Ahli Muda", "Muda",
    "Penyuluh Pertanian Ahli Pertama (JF)", "Tenaga Ahli", "", " ", None,
)  # fmt: skip
_JENIS = ("struktural", "fungsional", "pelaksana", None, "lainnya", "Struktural")
_ESELON = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "V.a", "I.a", None, "", "IX.a", "x")


def _names() -> list[object]:
    found = set()
    text = (_TESTS / "test_rules_jabatan.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value[:80])
    return [*_NAMES, *sorted(found)]


def _combinations() -> pd.DataFrame:
    rows = list(itertools.product(_names(), _JENIS, _ESELON))
    frame = pd.DataFrame(rows, columns=["jabatan", "jenis", "eselon"]).astype("string")
    frame.index = range(3, 3 + 2 * len(frame), 2)  # not a RangeIndex from 0
    return frame


@pytest.fixture(scope="module")
def combos() -> pd.DataFrame:
    frame = _combinations()
    assert len(frame) > 9_000
    return frame


def test_infer_jenis_as_before(combos) -> None:
    new = jab.infer_jenis(combos["jabatan"], combos["eselon"])
    old = old_infer_jenis(combos["jabatan"], combos["eselon"])
    assert new.name is None  # the old one was named 0, an accident of its helpers
    pd.testing.assert_series_equal(new, old, check_names=False)


def test_infer_jenjang_as_before(combos) -> None:
    args = combos["jabatan"], combos["jenis"], combos["eselon"]
    pd.testing.assert_series_equal(jab.infer_jenjang(*args), old_infer_jenjang(*args))


def test_rumpun_as_before(combos) -> None:
    jenjang = old_infer_jenjang(combos["jabatan"], combos["jenis"], combos["eselon"])
    for given in (jenjang, jenjang.astype(object), combos["jenis"]):
        pd.testing.assert_series_equal(
            jab.rumpun(combos["jabatan"], given), old_rumpun(combos["jabatan"], given)
        )


def test_position_parts_as_before(combos) -> None:
    args = combos["jabatan"], combos["jenis"], combos["eselon"]
    for new, old in zip(jab.position_parts(*args), old_position_parts(*args), strict=True):
        pd.testing.assert_series_equal(new, old)


def test_empty_columns() -> None:
    empty = pd.Series([], dtype="string")
    for new, old in zip(
        jab.position_parts(empty, empty, empty),
        old_position_parts(empty, empty, empty),
        strict=True,
    ):
        pd.testing.assert_series_equal(new, old)
