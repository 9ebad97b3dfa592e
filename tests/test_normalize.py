"""io.normalize on small hand-made LoadedTable objects (all data synthetic)."""

import datetime as dt
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.io.normalize import clean_text, normalize, parse_number
from mutasi_cli.io.read import LoadedTable

REAL_WORLD = Path(__file__).resolve().parents[2] / "shared" / "real-world"
PER = dt.date(2025, 1, 1)
N1 = "198609262015051001"  # born 1986-09-26, male
N2 = "198407062006042020"  # born 1984-07-06, female
N3 = "199001152014031002"  # born 1990-01-15, male


def loaded(table, frame, *, first_row=5, numeric_cells=None):
    """A LoadedTable as io.read builds it: column A holds "No", data from ``first_row``."""
    return LoadedTable(
        table=table,
        path=Path(f"{table}.xlsx"),
        sheet=table,
        frame=frame,
        excel_rows=np.arange(first_row, first_row + len(frame)),
        col_index={c: i + 1 for i, c in enumerate(frame.columns)},
        headers={c: c.upper() for c in frame.columns},
        numeric_cells=numeric_cells or {},
        issues=[],
        header_rows=(first_row - 1, first_row - 1),
        unmapped=[],
        sha256="",
    )


def roster(**overrides):
    base = {
        "nama": ["Budi", "Ani", "Citra", "Dodi", "Eka", "Fajar"],
        "nip": [N1, 1.99001152014031e17, "19860926201505100", "198609262015131001", N2, N1],
        "golongan": ["III/a", "III/b", "IV/a", "II/a", "Penata Muda (III/a)", "III/c"],
        "jabatan": [
            "Analis Kepegawaian Ahli Muda",
            "Kepala Bidang Mutasi",
            "Pengadministrasi Umum (Pelaksana)",
            "Guru Ahli Pertama",
            "Perawat Terampil",
            "Pengadministrasi Umum",
        ],
        "eselon": [None, "III.b", "-", None, None, None],
        "tmt_jabatan": ["01-07-2023", 45000.0, dt.datetime(2020, 1, 1), "2020-01-01", "1 Januari 2019", "01-01-2020"],
        "unit_kerja": ["BKPSDM", "BKPSDM", "Dinas  Kesehatan ", "SD 1", "RSUD", "BKPSDM"],
        "pendidikan": ["S1 Ilmu Pemerintahan", "S2", "SLTA", "S-1", "D-III", "S1"],
        "tanggal_lahir": ["26-09-1986", None, None, None, "07-07-1984", None],
        "jenis_kelamin": ["L", "P", "Laki – Laki", None, "P", None],
        "potensi": [85, 70.5, "-", None, "abc", "90,5"],
    }  # fmt: skip
    base.update(overrides)
    return pd.DataFrame(base)


@pytest.fixture(scope="module")
def pegawai():
    frame = roster()
    numeric = {"nip": np.array([False, True, False, False, False, False])}
    return normalize(loaded("pegawai", frame, numeric_cells=numeric), per=PER)


def issues(result, code):
    return [i for i in result.issues if i.code == code]


def test_pegawai_blocking_problems_go_to_rejected(pegawai):
    rejected = pegawai.rejected.set_index("excel_row")
    assert rejected["reason_code"].to_dict() == {
        6: "nip-stored-as-number",
        7: "nip-invalid-length",
        8: "nip-invalid-tmt",
        10: "nip-duplicate",
    }
    assert rejected.loc[7, "nip"] == "19860926201505100"
    assert pegawai.frame["nip"].tolist() == [N1, N2]
    assert pegawai.frame["excel_row"].tolist() == [5, 9]


def test_numeric_nip_is_reported_never_repaired(pegawai):
    [issue] = issues(pegawai, "nip-stored-as-number")
    assert (issue.cell, issue.row, issue.column) == ("pegawai!C6", 6, "nip")
    assert issue.value == "1.99001152014031e+17"
    assert "199001152014031002" not in pegawai.frame["nip"].tolist()


def test_nip_codes_cells_and_messages(pegawai):
    [length] = issues(pegawai, "nip-invalid-length")
    assert (length.cell, length.value) == ("pegawai!C7", "19860926201505100")
    assert length.message("id") == "NIP harus 18 digit (ditemukan 17 digit)."
    [tmt] = issues(pegawai, "nip-invalid-tmt")
    assert (tmt.cell, tmt.params) == ("pegawai!C8", {"month": "13"})
    duplicates = issues(pegawai, "nip-duplicate")
    assert [i.cell for i in duplicates] == ["pegawai!C5", "pegawai!C10"]
    assert duplicates[0].message("en") == "This NIP appears more than once (rows 5, 10)."


def test_text_in_a_number_column(pegawai):
    [issue] = issues(pegawai, "value-not-number")
    assert (issue.cell, issue.value, issue.nip) == ("pegawai!L9", "abc", N2)
    assert issue.message("en") == "'abc' is not a number."
    assert pegawai.frame["potensi"].tolist()[0] == 85.0
    assert pd.isna(pegawai.frame["potensi"].iloc[1])


def test_birth_date_mismatch_against_the_nip(pegawai):
    [issue] = issues(pegawai, "nip-birthdate-mismatch")
    assert (issue.cell, issue.value, issue.row) == ("pegawai!J9", N2, 9)
    assert issue.params == {"typed": "07-07-1984", "decoded": "06-07-1984"}
    eka = pegawai.frame.set_index("nip").loc[N2]
    assert eka["tanggal_lahir"] == pd.Timestamp("1984-07-07")  # the typed value is kept
    assert eka["jenis_kelamin"] == "P"
    assert not issues(pegawai, "nip-sex-mismatch")


def test_typed_values(pegawai):
    budi = pegawai.frame.iloc[0]
    assert (budi["status"], budi["golongan"], budi["golongan_id"]) == ("PNS", "III/a", 31)
    assert (budi["jenis_jabatan"], budi["jenjang"], budi["rumpun"]) == (
        "fungsional",
        "ahli_muda",
        "analis kepegawaian",
    )
    assert (budi["pendidikan"], budi["pendidikan_level"], budi["jurusan"]) == (
        "S-1",
        40,
        "Ilmu Pemerintahan",
    )
    assert budi["tmt_jabatan"] == pd.Timestamp("2023-07-01")
    eka = pegawai.frame.iloc[1]
    assert (eka["golongan_id"], eka["tmt_jabatan"]) == (31, pd.Timestamp("2019-01-01"))
    dtypes = pegawai.frame.dtypes.astype(str).to_dict()
    assert dtypes["golongan_id"] == "Int64" and dtypes["tmt_jabatan"] == "datetime64[ns]"
    assert dtypes["potensi"] == "Float64" and dtypes["excel_row"] == "Int64"
    assert dtypes["nama"] == "string" and dtypes["eselon_id"] == "Int64"


def test_blanks_filled_from_the_nip_and_text_cleaned():
    frame = roster(
        nama=["  Budi\x0b  Santoso\u200b ", "Ani", "Citra", "Dodi", "Eka", "Fajar"],
        nip=[N1, N3, N2, "", None, "-"],
        tanggal_lahir=[None] * 6,
        jenis_kelamin=[None] * 6,
    )
    result = normalize(loaded("pegawai", frame), per=PER)
    ok = result.frame.set_index("nip")
    assert ok.loc[N1, "nama"] == "Budi Santoso"
    assert ok.loc[N3, "tanggal_lahir"] == pd.Timestamp("1990-01-15")
    assert ok.loc[N2, "jenis_kelamin"] == "P"
    assert ok.loc[N2, "unit_kerja"] == "Dinas Kesehatan"
    assert ok.loc[N2, "jabatan"] == "Pengadministrasi Umum"
    assert ok.loc[N2, "jenis_jabatan"] == "pelaksana"
    assert ok["status"].tolist() == ["PNS"] * 3
    assert result.rejected["reason_code"].tolist() == ["nip-missing"] * 3


def test_place_and_date_of_birth_split_and_impossible_dates():
    frame = pd.DataFrame(
        {
            "nip": [N1, N2, N3],
            "nama": ["A", "B", "C"],
            "golongan": ["III/a"] * 3,
            "jabatan": ["Pengadministrasi Umum"] * 3,
            "tmt_jabatan": ["01-01-2020", "01-01-1980", "01-01-2020"],
            "unit_kerja": ["BKPSDM"] * 3,
            "tempat_tanggal_lahir": ["Salatiga, 26-09-1986", "Blitar, 04-05-1891", "Semarang, 15-01-2030"],
        }
    )  # fmt: skip
    result = normalize(loaded("pegawai", frame), per=PER, lang="en")
    assert result.frame["tempat_lahir"].tolist() == ["Salatiga", "Semarang"]
    assert result.frame["tanggal_lahir"].tolist() == [
        pd.Timestamp("1986-09-26"),
        pd.Timestamp("1990-01-15"),  # the impossible 2030 is replaced by the NIP's date
    ]
    found = {(i.cell, i.message("en")) for i in issues(result, "date-impossible")}
    assert found == {
        ("pegawai!H6", "Date 04-05-1891 is impossible (birth year before 1900)."),
        ("pegawai!H7", "Date 15-01-2030 is impossible (after the reference date 01-01-2025)."),
        ("pegawai!F6", "Date 01-01-1980 is impossible (before the birth date 06-07-1984)."),
    }
    assert result.rejected["reason_code"].tolist() == ["date-impossible"]


def test_missing_required_value_and_unparseable_required_date():
    frame = roster(unit_kerja=["BKPSDM", "BKPSDM", " ", "SD 1", "RSUD", "BKPSDM"])
    frame = frame.assign(nip=[N1, N3, N2, "200012312024211001", "199502282019032001", "x"])
    frame["tmt_jabatan"] = [
        "01-07-2023",
        "31-02-2020",
        "01-01-2020",
        "01-01-2024",
        "-",
        "01-01-2020",
    ]
    result = normalize(loaded("pegawai", frame), per=PER)
    rejected = result.rejected.set_index("excel_row")["reason_code"].to_dict()
    assert rejected == {
        6: "date-invalid",
        7: "value-missing",
        9: "value-missing",
        10: "nip-invalid-chars",
    }
    assert {i.cell for i in issues(result, "value-missing")} == {"pegawai!H7", "pegawai!G9"}
    [invalid] = issues(result, "date-invalid")
    assert (invalid.cell, invalid.value) == ("pegawai!G6", "31-02-2020")


def test_pppk_status_and_golongan_scales():
    frame = pd.DataFrame(
        {
            "nip": ["200012312024211001", N1, N3],
            "nama": ["P", "Q", "R"],
            "status": ["P3K", "PNS", "71"],
            "golongan": ["IX", "IX", "III/a"],
            "jabatan": ["Guru Ahli Pertama"] * 3,
            "tmt_jabatan": ["01-01-2024"] * 3,
            "unit_kerja": ["SD 1"] * 3,
        }
    )
    result = normalize(loaded("pegawai", frame), per=PER)
    out = result.frame
    assert out["status"].tolist() == ["PPPK", "PNS", "PPPK"]
    assert out["golongan_pppk"].tolist()[0] == 9 and pd.isna(out["golongan_id"].iloc[0])
    assert out["golongan"].isna().tolist() == [False, True, True]
    assert [i.cell for i in issues(result, "golongan-unknown")] == ["pegawai!E6", "pegawai!E7"]


def test_jabatan_table():
    frame = pd.DataFrame(
        {
            "unit_kerja": ["BKPSDM", "BKPSDM", "Dinkes"],
            "jabatan": ["Kepala Bidang Mutasi", "Analis Kepegawaian Ahli Muda", "Perawat Terampil"],
            "kebutuhan": [1, None, "0"],
            "eselon": ["III.b", None, "Non Eselon"],
            "golongan_min": ["III/d", "III/c", "IX"],
            "pendidikan_min": ["S1", "S-1", "D3"],
            "kelas_jabatan": [11, "9", 7.5],
            "integritas": [3, "4", 9],
        }
    )
    result = normalize(loaded("jabatan", frame, first_row=2))
    out = result.frame
    assert out["kebutuhan"].tolist()[0] == 1.0 and pd.isna(out["kebutuhan"].iloc[1])
    assert out["kebutuhan"].iloc[2] == 0.0  # blank and 0 differ
    assert out["eselon_id"].tolist()[0] == 32
    assert out["jenjang"].tolist() == ["administrator", "ahli_muda", "terampil"]
    assert out["golongan_min_id"].tolist()[:2] == [34, 33]
    assert out["pendidikan_min_level"].tolist() == [40, 40, 30]
    assert out["integritas"].tolist()[:2] == [3, 4]
    codes = {(i.code, i.cell) for i in result.issues}
    assert codes == {
        ("golongan-unknown", "jabatan!F4"),
        ("value-not-number", "jabatan!H4"),
        ("level-invalid", "jabatan!I4"),
    }
    assert len(result.rejected) == 0


def test_position_listed_twice_is_reported_not_merged_silently():
    frame = pd.DataFrame(
        {
            "unit_kerja": ["BKPSDM", "bkpsdm ", "Dinkes"],
            "jabatan": ["Analis Kepegawaian Ahli Muda", "ANALIS KEPEGAWAIAN AHLI MUDA", "Bidan"],
            "kebutuhan": [2, 1, 3],
        }
    )
    result = normalize(loaded("jabatan", frame, first_row=2))
    found = issues(result, "position-duplicate")
    assert [i.cell for i in found] == ["jabatan!C2", "jabatan!C3"]  # column A holds "No"
    assert "2, 3" in found[0].message() and found[0].level == "warning"
    assert len(result.frame) == 3  # reported, nothing dropped here


def test_beban_kerja_periods_and_numbers():
    frame = pd.DataFrame(
        {
            "unit_kerja": ["A"] * 4,
            "jabatan": ["J"] * 4,
            "volume": [100, "1.250", -3, None],
            "periode": ["Tahunan", "per bulan", "dekade", None],
            "norma_waktu": [60, "7,5", 30, 20],
        }
    )
    result = normalize(loaded("beban_kerja", frame, first_row=2))
    out = result.frame
    assert out["volume"].tolist()[:2] == [100.0, 1.25] and pd.isna(out["volume"].iloc[2])
    assert out["norma_waktu"].tolist() == [60.0, 7.5, 30.0]
    assert out["periode"].tolist()[:2] == ["tahun", "bulan"] and pd.isna(out["periode"].iloc[2])
    assert result.rejected["reason_code"].tolist() == ["abk-missing-volume"]
    codes = {(i.code, i.cell) for i in result.issues}
    assert ("value-negative", "beban_kerja!D4") in codes
    assert ("volume-period-unknown", "beban_kerja!E4") in codes


def test_infinite_numbers_are_no_numbers_and_huge_ones_display():
    """ "inf" parses as a float in Python; in a roster it is text that is no number. A number
    past babel's precision (1e30) is shown, not a crash (exit 3, found by fuzzing)."""
    from mutasi_cli.reports.format import format_number

    number, bad = parse_number(pd.Series(["inf", "-Infinity", "1,5", None, 2.0], dtype=object))
    assert bad.tolist() == [True, True, False, False, False]
    assert number.isna().tolist() == [True, True, False, True, False]
    number, bad = parse_number(pd.Series([1.0, np.inf]))
    assert bad.tolist() == [False, True] and number.isna().tolist() == [False, True]
    assert (format_number(float("inf")), format_number(-np.inf)) == ("∞", "-∞")
    assert (format_number(1e30), format_number(1e308, "en", 2)) == ("1e+30", "1e+308")
    assert format_number(1234.5) == "1.234,5"


def test_numbers_with_indonesian_separators():
    values = pd.Series(
        ["0,75", "1.250.000", "1.250,5", "85 %", "12.5", 3, "x", "-", None], dtype=object
    )
    numbers, bad = parse_number(values)
    assert numbers.tolist()[:6] == [0.75, 1250000.0, 1250.5, 85.0, 12.5, 3.0]
    assert bad.tolist() == [False] * 6 + [True, False, False]


def test_kompetensi_long_form_is_pivoted():
    frame = pd.DataFrame(
        {
            "nip": [N1, N1, N2, N2, "123", N1],
            "kompetensi": ["Integritas", "Kerja Sama", "integritas", "Telepati", "Integritas", "Komunikasi"],
            "level": [3, "4", "Level 2", 2, 3, 9],
        }
    )  # fmt: skip
    result = normalize(loaded("kompetensi", frame, first_row=2))
    out = result.frame
    assert list(out.columns) == ["nip", "integritas", "kerjasama", "excel_row"]
    assert out["nip"].tolist() == [N1, N2]
    assert out["integritas"].tolist() == [3, 2]
    assert out["kerjasama"].iloc[0] == 4 and pd.isna(out["kerjasama"].iloc[1])
    assert out["excel_row"].tolist() == [2, 4]
    codes = {(i.code, i.cell) for i in result.issues}
    assert codes == {
        ("nip-invalid-length", "kompetensi!B6"),
        ("competency-unknown", "kompetensi!C5"),
        ("level-invalid", "kompetensi!D7"),
    }


def test_aspirasi_booleans_and_duplicates():
    frame = pd.DataFrame(
        {
            "nip": [N1, N2, N3, N1],
            "bersedia_mutasi": ["Ya", "Tidak Bersedia", "mungkin", "T"],
            "pilihan_1": ["Dinas Kesehatan", None, "-", "X"],
        }
    )
    result = normalize(loaded("aspirasi", frame, first_row=2))
    assert result.frame["bersedia_mutasi"].tolist() == [True, False, pd.NA]
    assert result.frame["pilihan_1"].isna().tolist() == [False, True, True]
    [unknown] = issues(result, "bool-unknown")
    assert (unknown.cell, unknown.value) == ("aspirasi!C4", "mungkin")
    assert result.rejected["reason_code"].tolist() == ["nip-duplicate"]


def test_kinerja_periods():
    frame = pd.DataFrame(
        {
            "nip": [N1, N1, N2, N2],
            "periode": ["2024", "Triwulan I 2024", dt.datetime(2024, 3, 1), "kapan-kapan"],
            "nilai": [85, "90,5", None, 70],
        }
    )
    result = normalize(loaded("kinerja", frame, first_row=2))
    out = result.frame
    assert list(out.columns) == ["nip", "periode", "period_start", "period_end", "period_kind", "nilai", "excel_row"]  # fmt: skip
    assert out["periode"].tolist() == ["2024", "Triwulan I 2024", "2024-03"]
    assert out["period_kind"].tolist() == ["tahun", "triwulan", "bulan"]
    assert out["period_end"].tolist()[1] == pd.Timestamp("2024-03-31")
    assert out["nilai"].tolist()[:2] == [85.0, 90.5]
    assert result.rejected["reason_code"].tolist() == ["periode-invalid"]


def test_riwayat_mutasi():
    frame = pd.DataFrame(
        {
            "nip": [N1, N2],
            "tmt_mutasi": ["01-03-2023", "bad"],
            "unit_asal": ["A", "B"],
            "jabatan_asal": ["J", "K"],
            "unit_tujuan": ["C", "D"],
            "jabatan_tujuan": ["L", "M"],
        }
    )
    result = normalize(loaded("riwayat_mutasi", frame, first_row=2))
    assert result.frame["tmt_mutasi"].tolist() == [pd.Timestamp("2023-03-01")]
    assert result.rejected["reason_code"].tolist() == ["date-invalid"]


def test_clean_text():
    values = pd.Series(["  a \t b ", "—", "", 9777.0, "x\x01y", None], dtype=object)
    assert clean_text(values).tolist() == ["a b", pd.NA, pd.NA, "9777", "xy", pd.NA]


def test_fifty_thousand_rows_are_fast():
    n = 50_000
    rng = np.random.default_rng(1)
    born = pd.Timestamp("1960-01-01") + pd.to_timedelta(rng.integers(0, 14_000, n), unit="D")
    tmt = born + pd.to_timedelta(rng.integers(7_000, 11_000, n), unit="D")
    serial = pd.Series(np.arange(n) % 1000).map("{:03d}".format)
    nip = born.strftime("%Y%m%d") + tmt.strftime("%Y%m") + "1" + serial.to_numpy()
    frame = pd.DataFrame(
        {
            "nip": nip,
            "nama": [f"Pegawai {i}" for i in range(n)],
            "golongan": rng.choice(["III/a", "III/b", "IV/a", "Penata (III/c)"], n),
            "jabatan": rng.choice([f"Analis {i} Ahli Muda" for i in range(400)], n),
            "tmt_jabatan": rng.choice(pd.date_range("2010-01-01", "2024-12-31").strftime("%d-%m-%Y"), n),
            "unit_kerja": rng.choice([f"Unit {i}" for i in range(80)], n),
            "pendidikan": rng.choice(["S1", "D-III", "SLTA"], n),
            "tanggal_lahir": born.strftime("%d-%m-%Y"),
        }
    )  # fmt: skip
    start = time.process_time()  # CPU time: steadier than wall time on a shared machine
    result = normalize(loaded("pegawai", frame), per=PER)
    seconds = time.process_time() - start
    assert len(result.frame) == n and not result.issues
    assert seconds < 3.0  # about 0.5 s on the idle 2-core machine; a row loop takes far longer


needs_real_world = pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="real-world files absent")


@needs_real_world
def test_real_import_template_with_numeric_nips():
    from mutasi_cli.io.read import read_table

    raw = read_table(REAL_WORLD / "roster" / "sampang_contoh_import_pegawai.xls", table="pegawai")
    result = normalize(raw, per=PER)
    assert result.frame.empty
    assert result.rejected["reason_code"].tolist() == ["nip-stored-as-number"] * 4
    assert [i.cell for i in issues(result, "date-impossible")] == ["pegawai!G4", "pegawai!U5"]


@needs_real_world
def test_real_participant_list_with_sixteen_digit_nips():
    from mutasi_cli.io.read import read_table

    raw = read_table(REAL_WORLD / "roster" / "sikompeten_peserta_dummy.xlsx", table="pegawai")
    result = normalize(raw, per=PER)
    assert len(result.rejected) == 20 and result.frame.empty
    assert {i.params["digits"] for i in issues(result, "nip-invalid-length")} == {16}


def test_implausible_numbers_are_reported_and_read_as_empty():
    """A need of 1e20 (a NIP pasted into the column, a typo) made every count absurd without a
    word: a number above its column's bound is an error at its cell and reads as empty; the
    bound itself is allowed."""
    jabatan = pd.DataFrame(
        {
            "unit_kerja": ["A"] * 5,
            "jabatan": [f"J{k}" for k in range(5)],
            "kebutuhan": ["1e20", 99999999999999999999, 100_001, 100_000, "3"],
            "kelas_jabatan": [18, 17, 1, 9, 0],
        }
    )
    result = normalize(loaded("jabatan", jabatan, first_row=2))
    out = result.frame.set_index("jabatan")
    assert out["kebutuhan"].isna().tolist() == [True, True, True, False, False]
    assert out.loc["J3", "kebutuhan"] == 100_000 and out.loc["J4", "kebutuhan"] == 3
    assert out["kelas_jabatan"].isna().tolist() == [True, False, False, False, False]
    large = {i.cell: i for i in result.issues if i.code == "value-too-large"}
    assert sorted(large) == ["jabatan!D2", "jabatan!D3", "jabatan!D4", "jabatan!E2"]
    assert large["jabatan!D4"].level == "error"
    message = large["jabatan!D4"].message("id")
    assert "100001" in message and "paling banyak 100000" in message
    assert "at most 17" in large["jabatan!E2"].message("en")

    beban = pd.DataFrame(
        {
            "unit_kerja": ["A"] * 2,
            "jabatan": ["J"] * 2,
            "volume": [10, 10],
            "norma_waktu": [60, 600_000],
            "wke": [75_000, 1e9],
        }
    )
    result = normalize(loaded("beban_kerja", beban, first_row=2))
    cells = {i.cell for i in result.issues if i.code == "value-too-large"}
    assert cells == {"beban_kerja!E3", "beban_kerja!F3"}
    potensi = roster(potensi=[101.0, 0, 0, 0, 100.0, 0])  # Ani, Citra, Dodi: bad NIPs
    read = normalize(loaded("pegawai", potensi)).frame.set_index("nama")["potensi"]
    assert pd.isna(read["Budi"]) and read["Eka"] == 100.0
