"""Golongan spellings -> SIASN id (DOMAIN.md 7.1 and the section 10 examples)."""

import pandas as pd
import pytest

from mutasi_cli.rules.golongan import golongan_label, parse_golongan


def parse(value):
    return parse_golongan(pd.Series([value], dtype=object)).iloc[0]


@pytest.mark.parametrize(
    "value",
    [
        "III/a", "III-a", "IIIa", "III.a", "III a", "iii/A", "3/a",
        "Penata Muda (III/a)", "Penata Muda, III/a", "Penata Muda",
        "31", 31.0, 31, "131",
    ],
)  # fmt: skip
def test_every_spelling_of_iii_a_is_31(value):
    row = parse(value)
    assert (row["golongan_id"], row["display"], row["ok"]) == (31, "III/a", True)
    assert pd.isna(row["golongan_pppk"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("IV/b", 42),
        ("II/a", 21),
        ("IV/e", 45),
        ("Pembina Tingkat I", 42),
        ("Pembina Tk. I", 42),
        ("Penata Muda Tingkat I", 32),
        ("Pembina Utama Muda", 43),
        ("Pengatur Tingkat I (II/d)", 24),
        (145, 45),
    ],
)
def test_known_ids(value, expected):
    assert parse(value)["golongan_id"] == expected


def test_ids_order_ranks():
    ids = parse_golongan(pd.Series(["IV/a", "III/d", "III/a", "III/c", "III/b"]))["golongan_id"]
    assert sorted(ids.tolist()) == [31, 32, 33, 34, 41]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("IX", 9), ("Golongan IX", 9), ("PPPK IX", 9), ("PPPK 9", 9), ("XVII", 17)],
)
def test_pppk_golongan_kept_apart(value, expected):
    row = parse(value)
    assert row["golongan_pppk"] == expected and pd.isna(row["golongan_id"])
    assert row["ok"]


@pytest.mark.parametrize("value", ["III/e", "XVIII", "9", "abc", "I/e"])
def test_unknown_values_are_not_ok(value):
    row = parse(value)
    assert not row["ok"] and pd.isna(row["golongan_id"]) and pd.isna(row["golongan_pppk"])


def test_blank_is_ok_and_empty():
    parsed = parse_golongan(pd.Series([None, "", "  "], dtype=object))
    assert parsed["ok"].all() and parsed["display"].isna().all()


def test_label():
    assert [golongan_label(i) for i in (11, 24, 31, 45)] == ["I/a", "II/d", "III/a", "IV/e"]
