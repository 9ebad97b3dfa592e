"""Education spellings -> ordered SIASN tingkat id (DOMAIN.md 7.2)."""

import pandas as pd
import pytest

from mutasi_cli.rules.pendidikan import level_label, parse_pendidikan

SPELLINGS = {
    5: ["SD", "Sekolah Dasar", "SDN", "MI"],
    10: ["SLTP", "SMP", "MTs", "SMP Negeri"],
    15: ["SLTA", "SMA", "SMK", "SMU", "MA", "SLTA Kejuruan", "SMA/Sederajat", "17", 18],
    20: ["D-I", "D1", "DI", "D.I", "Diploma I", "Diploma 1"],
    25: ["D-II", "D2", "DII", "Diploma II"],
    30: ["D-III", "D III", "DIII", "D3", "D-3", "Diploma III", "Sarjana Muda"],
    35: ["D-IV", "DIV", "D4", "Diploma IV", "Sarjana Terapan"],
    40: ["S-1", "S1", "S.1", "S 1", "Strata 1", "Strata I", "Sarjana", "SARJANA (S1)", "40", 40.0],
    45: ["S-2", "S2", "S.2", "Magister", "Master", "Pasca Sarjana", "Strata II"],
    50: ["S-3", "S3", "Doktor", "Strata III"],
}
CASES = [(value, level) for level, values in SPELLINGS.items() for value in values]


@pytest.mark.parametrize(("value", "level"), CASES)
def test_every_spelling(value, level):
    row = parse_pendidikan(pd.Series([value], dtype=object)).iloc[0]
    assert (row["level"], row["ok"]) == (level, True)
    assert row["display"] == level_label(level)


def test_field_of_study_after_the_level():
    parsed = parse_pendidikan(
        pd.Series(["S1 Ilmu Pemerintahan", "D-III Keperawatan", "Magister (S2) Hukum", "S1"])
    )
    assert parsed["level"].tolist() == [40, 30, 45, 40]
    assert parsed["jurusan"].tolist()[:3] == ["Ilmu Pemerintahan", "Keperawatan", "Hukum"]
    assert pd.isna(parsed["jurusan"].iloc[3])


def test_levels_are_ordered_for_minimum_checks():
    parsed = parse_pendidikan(pd.Series(["S2", "SMA", "D3", "S1", "D4"]))
    assert parsed.sort_values("level")["display"].tolist() == [
        "SLTA",
        "D-III",
        "D-IV",
        "S-1",
        "S-2",
    ]


def test_unknown_and_blank():
    parsed = parse_pendidikan(pd.Series(["Kursus Menjahit", "", None], dtype=object))
    assert parsed["ok"].tolist() == [False, True, True]
    assert parsed["level"].isna().all()


def test_labels():
    assert [level_label(x) for x in (5, 12, 17, 30, 40, 50)] == [
        "SD", "SLTP", "SLTA", "D-III", "S-1", "S-3",
    ]  # fmt: skip
