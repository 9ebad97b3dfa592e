"""Real position lists feed the needs analysis (issue 3); skipped where shared/real-world is absent.

* The SIASN "listing validasi" of Kab. Muna Barat: 1,345 positions, 110 with a blank need and
  1,163 with a need of 0 — blank and zero must stay apart all the way to the analysis.
* The anjab ABK example sheet: six tasks of one position with WKE 72,000 min on every row and the
  file's own cached "PEGAWAI YANG DIBUTUHKAN" per task; our need must equal their sum.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.needs import analyze_needs
from mutasi_cli.schema import name_key
from mutasi_cli.settings import Settings

PER = date(2024, 3, 31)


def _roster(positions: pd.DataFrame, counts: list[int]) -> pd.DataFrame:
    """Synthetic staff: counts[i] people in positions.iloc[i] (all PNS, pelaksana grade)."""
    rows = []
    serial = 1
    for (_, pos), n in zip(positions.iterrows(), counts, strict=True):
        for _ in range(n):
            rows.append(
                {
                    "nip": f"19800101200501{1 if serial % 2 else 2}{serial:03d}",
                    "nama": f"Pegawai {serial}",
                    "status": "PNS",
                    "golongan_id": 32,
                    "jabatan": pos["jabatan"],
                    "unit_kerja": pos["unit_kerja"],
                    "jenis_jabatan": pos["jenis_jabatan"],
                    "jenjang": pos["jenjang"],
                    "rumpun": pos["rumpun"],
                    "tmt_jabatan": pd.Timestamp("2020-01-01"),
                    "tanggal_lahir": pd.Timestamp("1980-01-01"),
                    "pendidikan_level": 40,
                }
            )
            serial += 1
    frame = pd.DataFrame(rows)
    for col in (
        "nip",
        "nama",
        "status",
        "jabatan",
        "unit_kerja",
        "jenis_jabatan",
        "jenjang",
        "rumpun",
    ):
        frame[col] = frame[col].astype("string")
    return frame


def test_siasn_listing_feeds_the_analysis(real_world: Path) -> None:
    path = real_world / "formation" / "siasn_listing_validasi_munabarat_2024-03-31.xlsx"
    jabatan = normalize(read_table(path, "jabatan")).frame
    assert len(jabatan) == 1_345
    chosen = jabatan[jabatan["kebutuhan"] > 0].head(3)
    roster = _roster(chosen, [0, 1, int(chosen["kebutuhan"].iloc[2]) + 2])

    result = analyze_needs(roster, jabatan, None, per=PER, horizon=5, settings=Settings())
    positions = result.positions
    unique = jabatan.assign(k=name_key(jabatan["unit_kerja"]) + "|" + name_key(jabatan["jabatan"]))
    assert len(positions) == unique["k"].nunique()  # one row per (unit, jabatan) of the map
    # Blank stays "no need", zero stays a need of 0.
    assert (positions["status"] == "tanpa_kebutuhan").sum() == unique.drop_duplicates("k")[
        "kebutuhan"
    ].isna().sum()
    assert positions["kebutuhan"].eq(0).sum() >= 1_100

    by_key = positions.set_index(
        name_key(positions["unit_kerja"]) + "|" + name_key(positions["jabatan"])
    )
    for (_, pos), staff in zip(
        chosen.iterrows(), [0, 1, int(chosen["kebutuhan"].iloc[2]) + 2], strict=True
    ):
        row = by_key.loc[
            name_key(pd.Series([pos["unit_kerja"]]))[0]
            + "|"
            + name_key(pd.Series([pos["jabatan"]]))[0]
        ]
        assert row["bezetting"] == staff
        assert row["selisih"] == pytest.approx(staff - pos["kebutuhan"])
        gap = staff - pos["kebutuhan"]
        assert row["status"] == ("kurang" if gap < 0 else "lebih" if gap > 0 else "sesuai")
    assert result.summary()["bezetting"] == sum([0, 1, int(chosen["kebutuhan"].iloc[2]) + 2])


def test_anjab_abk_sheet_feeds_the_analysis(real_world: Path) -> None:
    path = real_world / "formation" / "anjab_contoh_abk.xlsx"
    tasks = normalize(read_table(path, "beban_kerja")).frame
    assert len(tasks) == 6 and tasks["wke"].eq(72_000).all()
    # The sheet is one position's tasks: say which position they belong to.
    tasks = tasks.assign(unit_kerja="Diskominfo", jabatan="Penelaah Tata Kelola e-Government")
    tasks[["unit_kerja", "jabatan"]] = tasks[["unit_kerja", "jabatan"]].astype("string")
    jabatan = pd.DataFrame(
        {
            "unit_kerja": pd.Series(["Diskominfo"], dtype="string"),
            "jabatan": pd.Series(["Penelaah Tata Kelola e-Government"], dtype="string"),
            "kebutuhan": pd.Series([pd.NA], dtype="Float64"),
            "jenis_jabatan": pd.Series(["pelaksana"], dtype="string"),
        }
    )
    roster = _roster(jabatan.assign(jenjang="pelaksana", rumpun="pelaksana"), [1])
    result = analyze_needs(roster, jabatan, tasks, per=PER, horizon=5, settings=Settings())
    row = result.positions.iloc[0]
    # The file's own cached per-task need (F*H/G) summed, and our ΣWPT/WKE, agree.
    expected = float(tasks["kebutuhan_pegawai"].sum())
    assert row["kebutuhan_abk_raw"] == pytest.approx(expected, abs=1e-4)
    assert row["kebutuhan"] == max(1, -(-round(expected, 9) // 1))  # ceil, at least 1
    assert row["bezetting"] == 1
