"""SKP rules against DOMAIN.md section 10 (matrix, PP 46/2011) and the common scale."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from mutasi_cli.rules import skp
from mutasi_cli.settings import Settings, SkpSettings

S = Settings()

# DOMAIN.md 10, "SKP 2022 matrix (hasil, perilaku) -> predikat".
MATRIX_CASES = [
    ("atas", "atas", "Sangat Baik"),
    ("atas", "sesuai", "Baik"),
    ("sesuai", "atas", "Baik"),
    ("sesuai", "sesuai", "Baik"),
    ("bawah", "atas", "Butuh Perbaikan"),
    ("bawah", "sesuai", "Butuh Perbaikan"),
    ("atas", "bawah", "Kurang/Misconduct"),
    ("sesuai", "bawah", "Kurang/Misconduct"),
    ("bawah", "bawah", "Sangat Kurang"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), MATRIX_CASES)
def test_matrix_all_nine_cells(hasil: str, perilaku: str, predikat: str) -> None:
    got = skp.predikat_from_matrix(pd.Series([hasil]), pd.Series([perilaku]))
    assert got.tolist() == [predikat]


def test_matrix_accepts_export_spellings_and_siasn_codes() -> None:
    hasil = pd.Series(["Di Atas Ekspektasi", "DIATAS", "1", "3", 3.0, "Sesuai Ekspektasi", "?"])
    perilaku = pd.Series(["Di Atas Ekspektasi", "Sesuai", "1", "2", 3, "Dibawah Ekspektasi", "1"])
    got = skp.predikat_from_matrix(hasil, perilaku)
    assert got.tolist()[:6] == [
        "Sangat Baik",
        "Baik",
        "Sangat Baik",  # SIASN (1,1)
        "Butuh Perbaikan",  # SIASN (3,2)
        "Sangat Kurang",
        "Kurang/Misconduct",
    ]
    assert pd.isna(got.iloc[6])


# DOMAIN.md 10, "PP 46/2011 numeric scale".
PP46_CASES = [
    (91, "Sangat Baik"),
    (90.99, "Baik"),
    (90, "Baik"),
    (76, "Baik"),
    (75.99, "Cukup"),
    (61, "Cukup"),
    (60, "Kurang"),
    (51, "Kurang"),
    (50, "Buruk"),
    (0, "Buruk"),
]


def test_pp46_thresholds_exactly() -> None:
    scores = pd.Series([s for s, _ in PP46_CASES], dtype="Float64")
    assert skp.pp46_category(scores, S).tolist() == [c for _, c in PP46_CASES]


@pytest.mark.parametrize(
    ("skp_score", "perilaku", "combined", "category"),
    [(85, 80, 83.0, "Baik"), (92, 90, 91.2, "Sangat Baik"), (70, 80, 74.0, "Cukup")],
)
def test_pp46_weighted_examples(skp_score, perilaku, combined, category) -> None:
    got = skp.pp46_combined(pd.Series([skp_score]), pd.Series([perilaku]), S)
    assert round(float(got.iloc[0]), 4) == combined
    assert skp.pp46_category(got, S).tolist() == [category]


def test_pp46_combined_on_a_cut_point_is_not_pushed_below_it() -> None:
    # 0.6 * 97 + 0.4 * 7 is 60.99999999999999 in binary floating point.
    assert 0.6 * 97 + 0.4 * 7 < 61
    got = skp.pp46_combined(pd.Series([97.0]), pd.Series([7.0]), S)
    assert skp.pp46_category(got, S).tolist() == ["Cukup"]


def test_pp46_cut_points_come_from_settings() -> None:
    strict = dataclasses.replace(S, skp=SkpSettings(pp46_sangat_baik=95.0))
    assert skp.pp46_category(pd.Series([92.0]), strict).tolist() == ["Baik"]


def test_predikat_ordinal_old_and_new_names() -> None:
    names = pd.Series(
        [
            "Sangat Baik",
            "BAIK",
            "butuh  perbaikan",
            "Kurang / Misconduct",
            "Sangat Kurang",
            "Cukup",
            "Buruk",
            "hebat",
            None,
        ]
    )
    got = skp.predikat_ordinal(names, S)
    assert got.dtype == "Int64"
    assert got.tolist()[:7] == [5, 4, 3, 2, 1, 3, 1]
    assert got.iloc[7:].isna().all()


def test_band_midpoints_are_the_predikat_scores() -> None:
    assert skp.band_midpoints(S) == {5: 95.5, 4: 83.5, 3: 68.5, 2: 56.0, 1: 25.5}


def test_common_scale_takes_the_first_scale_that_fits() -> None:
    kinerja = pd.DataFrame(
        {
            "nip": ["199001012015011001"] * 6,
            "excel_row": [2, 3, 4, 5, 6, 7],
            "nilai": [83.0, None, 150.0, None, None, None],
            "nilai_skp": [None, 92.0, None, None, None, None],
            "nilai_perilaku": [None, 90.0, None, None, None, None],
            "predikat": [None, None, None, "Butuh Perbaikan", None, "luar biasa"],
            "hasil_kerja": [None, None, "1", None, "Di Atas Ekspektasi", None],
            "perilaku_kerja": [None, None, "2", None, "Di Atas Ekspektasi", None],
        }
    )
    out, issues = skp.to_common_scale(kinerja, S)
    assert out["scale"].tolist()[:5] == ["pp46", "pp46", "siasn", "predikat", "matrix"]
    assert out["ordinal"].tolist()[:5] == [4, 5, 4, 3, 5]
    assert out["score"].tolist()[:5] == [83.0, 91.2, 83.5, 68.5, 95.5]
    assert out["unscaled"].tolist() == [False] * 5 + [True]
    assert [(i.code, i.row, i.nip) for i in issues] == [
        ("kinerja-unscaled", 7, "199001012015011001")
    ]
    assert "luar biasa" in issues[0].message()


def test_common_scale_reports_a_score_outside_the_scale() -> None:
    kinerja = pd.DataFrame({"nip": ["x", "y"], "excel_row": [2, 3], "nilai": [101.0, -1.0]})
    out, issues = skp.to_common_scale(kinerja, S)
    assert out["unscaled"].all()
    assert [i.row for i in issues] == [2, 3]
    assert "0-100" in issues[0].message("en")


def _kinerja(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["nip", "period_end", "period_kind", "predikat"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["nip"] = frame["nip"].astype("string")
    return frame


def test_annual_predikat_prefers_the_annual_row_over_the_last_period() -> None:
    kinerja = _kinerja(
        [
            ("A", "2024-03-31", "triwulan", "Sangat Baik"),
            ("A", "2024-12-31", "triwulan", "Butuh Perbaikan"),
            ("A", "2024-12-31", "tahun", "baik"),
            ("A", "2025-06-30", "triwulan", "Sangat Kurang"),
            ("A", "2025-12-31", "triwulan", "Sangat Baik"),
            ("B", "2025-12-31", "bulan", "???"),
        ]
    )
    got = skp.annual_predikat(kinerja, S)
    assert got.columns.tolist() == ["nip", "tahun", "predikat", "nilai", "sumber"]
    assert got[["nip", "tahun", "predikat", "sumber"]].values.tolist() == [
        ["A", 2024, "Baik", "tahunan"],
        ["A", 2025, "Sangat Baik", "periode_terakhir"],
    ]
    assert got["nilai"].tolist() == [83.5, 95.5]
    assert got["tahun"].dtype == "int64"


def test_annual_predikat_from_pp46_numbers_and_empty_input() -> None:
    frame = pd.DataFrame(
        {
            "nip": pd.Series(["C", "C"], dtype="string"),
            "period_end": pd.to_datetime(["2023-12-31", "2023-06-30"]),
            "period_kind": ["semester", "semester"],
            "nilai": [70.0, 95.0],
        }
    )
    got = skp.annual_predikat(frame, S)
    assert got[["tahun", "predikat", "sumber"]].values.tolist() == [
        [2023, "Butuh Perbaikan", "periode_terakhir"]
    ]
    assert got["nilai"].tolist() == [70.0]
    empty = skp.annual_predikat(frame.iloc[:0], S)
    assert empty.empty and empty.columns.tolist() == list(skp.ANNUAL_COLUMNS)
