"""analyze-needs core on a hand-computed three-unit roster (plus one unit missing from the map).

Reference date 2025-01-15, horizon 5 (the window 2025-01-16 .. 2030-01-15). Every expected number below is worked out by
hand in the comments; WKE is the default 75,000 min unless a task row gives its own.
"""

import dataclasses
import io
import json
from datetime import date

import pandas as pd
import pytest

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.needs import analyze_needs, position_balance
from mutasi_cli.settings import AbkSettings, Settings

S = Settings()
PER = date(2025, 1, 15)
ALPHA, BETA, GAMMA, DELTA = "Dinas Alpha", "Badan Beta", "Kecamatan Gamma", "Dinas Delta"
PU = "Pengadministrasi Umum"


def frame(rows: list[tuple], columns: str, types: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=columns.split())
    for col in out:
        kind = types.get(col, "string")
        out[col] = pd.to_datetime(out[col]) if kind == "date" else out[col].astype(kind)
    return out.assign(excel_row=pd.Series(range(2, len(out) + 2), dtype="Int64"))


def jabatan_map() -> pd.DataFrame:
    # unit, jabatan, kebutuhan (formation), jenis, eselon, rumpun, gol min..max, pendidikan min
    rows = [
        (ALPHA, "Kepala Dinas", 1, "struktural", "II.b", None, None, None, 40),
        (ALPHA, "Analis Kepegawaian", 3, "fungsional", None, "analis kepegawaian", 31, 34, 40),
        (ALPHA, PU, None, "pelaksana", None, None, 21, 32, 15),  # need from ABK only
        (ALPHA, "Pranata Komputer", None, "fungsional", None, "pranata komputer", None, None, None),
        (BETA, "Kepala Badan", 1, "struktural", "II.b", None, None, None, 40),
        (BETA, PU, 1, "pelaksana", None, None, 21, 32, 15),
        (BETA, "Analis Kepegawaian", 2, "fungsional", None, "analis kepegawaian", 31, 34, 40),
        (GAMMA, "Camat", 1, "struktural", "III.a", None, None, None, 40),
        (" kecamatan  GAMMA", "pengadministrasi umum", 2, "pelaksana", None, None, 21, 32, 15),
    ]
    cols = (
        "unit_kerja jabatan kebutuhan jenis_jabatan eselon rumpun golongan_min_id "
        "golongan_max_id pendidikan_min_level"
    )
    ints = dict.fromkeys(["golongan_min_id", "golongan_max_id", "pendidikan_min_level"], "Int64")
    return frame(rows, cols, {"kebutuhan": "Float64", **ints})


def beban_kerja() -> pd.DataFrame:
    rows = [
        # A5 (DOMAIN.md 1.7): 18,000 + 48,000 + 18,000 + 5,760 = 89,760 -> 1.1968 -> 2
        (ALPHA, PU, 100, "bulan", 15, None),  # 1,200 a year
        (ALPHA, PU, 2_400, "tahun", 20, None),
        (ALPHA, PU, 300, "tahun", 60, None),
        (ALPHA, PU, None, "tahun", 60, None),  # volume rejected by the normaliser: no load
        (ALPHA, PU, 1, "bulan", 480, None),
        # A6: 1 a day x 250 days x 300 min = 75,000 -> exactly 1
        (BETA, PU, 1, "hari", 300, None),
        # A2 with the row's own WKE of 72,000: 54,300 -> 0.7542 -> 1 (formation says 2)
        (GAMMA, PU, 54_300, "tahun", 1, 72_000),
        # a position that is not in the map
        (ALPHA, "Bendahara", 10, "tahun", 60, None),
    ]
    cols = "unit_kerja jabatan volume periode norma_waktu wke"
    return frame(rows, cols, dict.fromkeys(["volume", "norma_waktu", "wke"], "Float64"))


def pegawai() -> pd.DataFrame:
    y = "2000-01-01"  # born young enough to stay beyond the horizon
    rows = [
        # nip, unit, jabatan, status, jenjang, golongan_id, pendidikan_level, lahir, tmt_jabatan
        ("p01", ALPHA, "Kepala Dinas", "PNS", "jpt", 42, 45, "1967-03-15", "2015-01-01"),
        (
            "p02",
            ALPHA,
            "Analis Kepegawaian",
            "PNS",
            "ahli_utama",
            34,
            40,
            "1962-05-05",
            "2021-06-01",
        ),
        ("p03", ALPHA, PU, "PNS", "pelaksana", 32, 15, "1967-03-15", "2021-06-01"),
        ("p04", ALPHA, PU, "PNS", "pelaksana", 33, 40, y, "2021-06-01"),
        ("p05", ALPHA, PU, "PNS", "pelaksana", 22, 10, y, "2021-06-01"),
        ("p06", BETA, "Kepala Badan", "PNS", "jpt", 42, 45, y, "2015-01-01"),
        ("p07", BETA, PU, "PNS", "pelaksana", 31, 40, "1966-12-01", "2020-01-15"),
        ("p08", BETA, PU, "PPPK", "pelaksana", None, 40, y, "2020-01-16"),
        ("p09", BETA, PU, "PNS", "pelaksana", 21, 15, y, "2023-01-15"),
        ("p10", GAMMA, "Camat", "PNS", "administrator", 41, 40, y, "2023-01-16"),
        ("p11", "KECAMATAN GAMMA", PU, "PNS", "pelaksana", 23, 15, "1970-06-10", "2021-06-01"),
        ("p12", GAMMA, "Pengadministrasi Umm", "PNS", "pelaksana", 23, 15, y, "2021-06-01"),
        ("p13", DELTA, PU, "PNS", "pelaksana", 23, 15, "1968-01-20", "2021-06-01"),
        ("p14", ALPHA, "Pranata Komputer", "PNS", "ahli_pertama", 31, 40, y, "2021-06-01"),
    ]
    cols = (
        "nip unit_kerja jabatan status jenjang golongan_id pendidikan_level tanggal_lahir "
        "tmt_jabatan"
    )
    types = {"golongan_id": "Int64", "pendidikan_level": "Int64"}
    out = frame(rows, cols, {**types, "tanggal_lahir": "date", "tmt_jabatan": "date"})
    return out.assign(nama=("Pegawai " + out["nip"]).astype("string"))


@pytest.fixture(scope="module")
def result():
    return analyze_needs(pegawai(), jabatan_map(), beban_kerja(), per=PER, horizon=5, settings=S)


def row(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for col, value in where.items():
        mask &= frame[col] == value
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


def test_positions_need_balance_and_ej(result):
    pos = result.positions
    assert len(pos) == 9
    a3 = row(pos, unit_kerja=ALPHA, jabatan=PU)
    assert pd.isna(a3["kebutuhan_formasi"])
    assert a3["total_wpt"] == 89_760
    assert a3["kebutuhan_abk_raw"] == pytest.approx(1.1968)
    assert (a3["kebutuhan_abk"], a3["kebutuhan"], a3["bezetting"], a3["selisih"]) == (2, 2, 3, 1)
    assert (a3["status"], a3["ej_band"], bool(a3["abk_differs"])) == ("lebih", "E", False)
    assert a3["ej"] == pytest.approx(0.3989, abs=1e-4)
    b2 = row(pos, unit_kerja=BETA, jabatan=PU)
    assert (b2["kebutuhan_abk_raw"], b2["kebutuhan_abk"], b2["selisih"]) == (1.0, 1, 2)
    c2 = row(pos, unit_key="kecamatan gamma", jabatan_key="pengadministrasi umum")
    assert c2["kebutuhan_abk_raw"] == pytest.approx(0.7542, abs=1e-4)
    assert (c2["kebutuhan_formasi"], c2["kebutuhan_abk"], c2["kebutuhan"]) == (2, 1, 2)
    assert (c2["bezetting"], c2["selisih"], c2["status"], c2["ej_band"]) == (1, -1, "kurang", "C")
    assert bool(c2["abk_differs"])
    b3 = row(pos, unit_kerja=BETA, jabatan="Analis Kepegawaian")
    assert (b3["bezetting"], b3["selisih"], b3["status"]) == (0, -2, "kurang")
    assert pd.isna(b3["ej"]) and pd.isna(b3["ej_band"])  # no ABK, nobody: undefined
    a4 = row(pos, jabatan="Pranata Komputer")
    assert a4["status"] == "tanpa_kebutuhan" and pd.isna(a4["selisih"]) and a4["bezetting"] == 1


def test_contract_columns_and_types(result):
    pos = position_balance(pegawai(), jabatan_map(), None, S)
    assert list(pos.columns) == [
        "unit_kerja", "jabatan", "unit_key", "jabatan_key", "jenis_jabatan",
        "kebutuhan_formasi", "kebutuhan_abk_raw", "kebutuhan_abk", "kebutuhan", "total_wpt",
        "bezetting", "selisih", "status", "ej", "ej_band", "abk_differs",
    ]  # fmt: skip
    assert str(pos["bezetting"].dtype) == "Int64"
    assert str(pos["kebutuhan"].dtype) == "Float64"
    assert pos["kebutuhan_abk_raw"].isna().all()  # no ABK table given
    # without ABK, the ABK-only position has no need
    assert row(pos, unit_kerja=ALPHA, jabatan=PU)["status"] == "tanpa_kebutuhan"


def test_unknown_need_source_is_a_usage_error():
    settings = dataclasses.replace(S, abk=AbkSettings(need_source="anjab"))
    with pytest.raises(UsageError, match="need_source"):
        position_balance(pegawai(), jabatan_map(), None, settings)


def test_need_source_abk_wins_when_configured():
    settings = dataclasses.replace(S, abk=AbkSettings(need_source="abk"))
    pos = position_balance(pegawai(), jabatan_map(), beban_kerja(), settings)
    c2 = row(pos, unit_key="kecamatan gamma", jabatan_key="pengadministrasi umum")
    assert (c2["kebutuhan"], c2["selisih"], c2["status"]) == (1, 0, "sesuai")
    assert row(pos, jabatan="Kepala Dinas")["kebutuhan"] == 1  # falls back to the formation


UNIT_COLUMNS = [
    "jumlah_jabatan", "kebutuhan", "bezetting", "selisih", "kekurangan", "kelebihan",
    "jabatan_kosong", "tanpa_kebutuhan", "tidak_terpetakan", "pensiun_horizon",
    "rotasi_jatuh_tempo",
]  # fmt: skip

EXPECTED_UNITS = {
    # Alpha: needs 1+3+2 (+none); staff 1+1+3+1; selisih 0, -2, +1; retire p01 p02 p03; due p01
    ALPHA: [4, 6, 6, -1, 2, 1, 0, 1, 0, 3, 1],
    # Beta: needs 1+1+2; staff 1+3+0; selisih 0, +2, -2; retire p07 (overdue); due p06 p07
    BETA: [3, 4, 4, 0, 2, 2, 1, 0, 0, 1, 2],
    # Gamma: needs 1+2; staff 1+1 (p12 unmapped); selisih 0, -1; retire p11; p10 not eligible
    GAMMA: [2, 3, 2, -1, 1, 0, 0, 0, 1, 1, 0],
    # Delta is not in the map: its one employee is unmapped and retires in 2026
    DELTA: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0],
}


def test_unit_totals_cell_by_cell(result):
    units = result.units.set_index("unit_kerja")
    assert list(units.index) == [ALPHA, BETA, GAMMA, DELTA]
    for unit, expected in EXPECTED_UNITS.items():
        assert units.loc[unit, UNIT_COLUMNS].tolist() == expected, unit


def test_city_totals(result):
    city = result.city
    expected = {
        "units": 4, "positions": 9, "pegawai": 14, "kebutuhan": 13, "bezetting": 12,
        "selisih": -2, "kekurangan": 5, "kelebihan": 3, "jabatan_kosong": 1,
        "tanpa_kebutuhan": 1, "tidak_terpetakan": 2, "pensiun_horizon": 6,
        "rotasi_jatuh_tempo": 3, "rotasi_belum_layak": 1, "abk_berbeda": 1,
    }  # fmt: skip
    assert {k: city[k] for k in expected} == expected


def test_by_jenis_totals(result):
    by = result.by_jenis.set_index("jenis_jabatan")
    # pelaksana: needs 2+1+2, staff 3+3+1, selisih +1 +2 -1
    assert by.loc["pelaksana", ["kebutuhan", "bezetting", "kekurangan", "kelebihan"]].tolist() == [
        5,
        7,
        1,
        3,
    ]
    assert by.loc["fungsional", ["kebutuhan", "bezetting", "kekurangan"]].tolist() == [5, 2, 4]


def test_retirees_per_year(result):
    ret = result.retirees.set_index("nip")
    assert list(ret.index) == ["p07", "p03", "p13", "p01", "p02", "p11"]  # by TMT pensiun
    assert ret.loc["p07", "tmt_pensiun"] == pd.Timestamp("2025-01-01")
    # already past BUP on per: its own period, not mixed into the first year
    assert bool(ret.loc["p07", "sudah_lewat"]) and pd.isna(ret.loc["p07", "tahun"])
    assert ret.loc["p01", ["bup", "tmt_pensiun"]].tolist() == [60, pd.Timestamp("2027-04-01")]
    assert ret.loc["p02", ["bup", "tmt_pensiun"]].tolist() == [65, pd.Timestamp("2027-06-01")]
    assert ret["tahun"].value_counts().to_dict() == {2025: 1, 2027: 2, 2026: 1, 2028: 1}


def test_projection_after_retirements(result):
    proj = result.projection.set_index(["unit_kerja", "periode"])
    cols = ["pensiun", "bezetting", "kekurangan", "kelebihan"]
    assert proj.loc[(ALPHA, "2025"), cols].tolist() == [1, 5, 2, 0]  # p03 leaves A3
    assert proj.loc[(ALPHA, "2026"), cols].tolist() == [0, 5, 2, 0]
    assert proj.loc[(ALPHA, "2027"), cols].tolist() == [2, 3, 4, 0]  # head and analyst leave
    assert proj.loc[(BETA, "sudah_lewat"), cols].tolist() == [1, 3, 2, 1]  # p07, past BUP
    assert proj.loc[(BETA, "2025"), cols].tolist() == [0, 3, 2, 1]
    assert proj.loc[(GAMMA, "2028"), cols].tolist() == [1, 1, 2, 0]
    city = result.projection_city().set_index("periode")
    assert city.loc["2029", ["bezetting", "kekurangan", "kelebihan"]].tolist() == [7, 8, 1]
    # window 2025-01-16 .. 2030-01-15: six calendar years, the first and last partial
    assert list(city.index) == ["sudah_lewat", "2025", "2026", "2027", "2028", "2029", "2030"]
    assert city.loc["2030", "bezetting"] == 7


def test_rotation_list(result):
    rot = result.rotation
    # due (longest first, then by unit), then not yet eligible
    assert rot["nip"].tolist() == ["p06", "p01", "p07", "p10"]
    assert rot["masa_jabatan_bulan"].tolist() == [120, 120, 60, 23]
    assert rot["status_rotasi"].tolist() == ["jatuh_tempo"] * 3 + ["belum_layak"]


def test_unmapped_and_empty_positions(result):
    un = result.unmapped_employees.set_index("nip")
    assert list(un.index) == ["p12", "p13"]
    # the closest position of its unit, as the map spells it
    closest = ["jabatan_tidak_ada", "pengadministrasi umum"]
    assert un.loc["p12", ["alasan", "jabatan_terdekat"]].tolist() == closest
    assert un.loc["p13", "alasan"] == "unit_tidak_ada" and pd.isna(
        un.loc["p13", "jabatan_terdekat"]
    )
    empty = result.empty_positions
    assert empty[["unit_kerja", "jabatan"]].values.tolist() == [[BETA, "Analis Kepegawaian"]]
    assert result.abk_unmatched["jabatan"].tolist() == ["Bendahara"]


def test_internal_supply(result):
    sup = result.supply.set_index(["unit_kerja", "jabatan"])
    # no fungsional surplus anywhere
    assert sup.loc[(ALPHA, "Analis Kepegawaian"), ["kekurangan", "pasokan"]].tolist() == [2, 0]
    assert sup.loc[(BETA, "Analis Kepegawaian"), "pasokan"] == 0
    # pelaksana surplus: p03 (32, SLTA) ok; p04 (33) above III/b; p05 (SLTP) too low;
    # p07 (31, S1) ok; p08 PPPK left out; p09 (21, SLTA) ok -> 3
    gamma = sup.loc[(" kecamatan  GAMMA", "pengadministrasi umum")]
    assert (gamma["kekurangan"], gamma["pasokan"], bool(gamma["cukup"])) == (1, 3, True)


def test_summary_is_json_safe_with_design_keys(result):
    summary = json.loads(json.dumps(result.summary(), allow_nan=False))
    for key in ("per", "units", "positions", "kebutuhan", "bezetting", "kekurangan"):
        assert key in summary
    assert summary["per"] == "2025-01-15"
    assert (summary["kekurangan"], summary["kelebihan"], summary["pensiun_horizon"]) == (5, 3, 6)
    assert summary["rotasi_jatuh_tempo"] == 3
    assert summary["pensiun_per_tahun"] == {
        "sudah_lewat": 1, "2025": 1, "2026": 1, "2027": 2, "2028": 1, "2029": 0, "2030": 0,
    }  # fmt: skip
    assert (summary["horizon_start"], summary["horizon_end"]) == ("2025-01-16", "2030-01-15")
    detail = {(d["unit_kerja"], d["jabatan"]): d for d in summary["positions_detail"]}
    assert detail[(ALPHA, PU)]["kebutuhan_abk_raw"] == pytest.approx(1.1968)
    assert detail[(BETA, "Analis Kepegawaian")]["kebutuhan_abk_raw"] is None
    assert detail[("Dinas Alpha", "Pranata Komputer")]["selisih"] is None
    assert set(detail[(ALPHA, PU)]) == {
        "unit_kerja", "jabatan", "kebutuhan", "kebutuhan_abk_raw", "bezetting", "selisih",
    }  # fmt: skip


def test_no_shared_unit_names_error_names_examples():
    peg = pegawai().assign(unit_kerja=pd.Series(["Dinas Lain"] * 14, dtype="string"))
    with pytest.raises(MutasiError) as err:
        analyze_needs(peg, jabatan_map(), None, per=PER, settings=S)
    assert "'Dinas Lain'" in err.value.message
    assert "'Badan Beta', 'Dinas Alpha', 'Kecamatan Gamma'" in err.value.message
    assert err.value.hint


def test_empty_roster_and_empty_map_are_errors():
    with pytest.raises(MutasiError, match="pegawai kosong"):
        analyze_needs(pegawai().iloc[:0], jabatan_map(), None, per=PER, settings=S)
    with pytest.raises(MutasiError, match="Peta jabatan kosong"):
        analyze_needs(pegawai(), jabatan_map().iloc[:0], None, per=PER, settings=S)


def test_reference_date_before_every_start_date():
    with pytest.raises(MutasiError, match="2014-12-31 lebih awal dari TMT jabatan semua"):
        analyze_needs(pegawai(), jabatan_map(), None, per=date(2014, 12, 31), settings=S)


def test_grade_range_falls_back_to_the_eselon():
    # Kepala Dinas (II.b: IV/b..IV/c) short of one; surplus struktural staff elsewhere
    jab = jabatan_map()
    jab.loc[jab["jabatan"] == "Kepala Dinas", "kebutuhan"] = 2
    jab.loc[jab["jabatan"] == "Kepala Badan", "kebutuhan"] = 0
    peg = pegawai()
    res = analyze_needs(peg, jab, None, per=PER, settings=S)
    sup = res.supply.set_index("jabatan")
    assert sup.loc["Kepala Dinas", "kekurangan"] == 1
    assert sup.loc["Kepala Dinas", "pasokan"] == 1  # p06 (IV/b) in the surplus Kepala Badan
    peg.loc[peg["nip"] == "p06", "golongan_id"] = 41  # IV/a: below the II.b range
    res = analyze_needs(peg, jab, None, per=PER, settings=S)
    assert res.supply.set_index("jabatan").loc["Kepala Dinas", "pasokan"] == 0


# ---- presentation -------------------------------------------------------------------------


def test_workbook_round_trip(result, tmp_path):
    from openpyxl import load_workbook

    from mutasi_cli.io.write import write_workbook
    from mutasi_cli.reports import needs as report

    path = write_workbook(tmp_path / "needs.xlsx", report.sheets(result, "id"), None)
    book = load_workbook(path)
    assert book.sheetnames[:4] == [
        "Ringkasan Unit", "Grafik Selisih", "Per Jenis Jabatan", "Per Jabatan",
    ]  # fmt: skip
    units = [list(r) for r in book["Ringkasan Unit"].iter_rows(values_only=True)]
    assert units[0][:5] == ["Unit Kerja", "Jumlah Jabatan", "Kebutuhan", "Bezetting", "Selisih"]
    assert units[1] == [ALPHA, *EXPECTED_UNITS[ALPHA]]
    assert units[-1] == ["Total kota", 9, 13, 12, -2, 5, 3, 1, 1, 2, 6, 3]
    positions = list(book["Per Jabatan"].iter_rows(values_only=True))
    header = positions[0]
    a3 = next(r for r in positions if r[0] == ALPHA and r[1] == PU)
    assert a3[header.index("Kebutuhan ABK (Mentah)")] == pytest.approx(1.1968)
    assert a3[header.index("Status")] == "Lebih" and a3[header.index("Kategori EJ")] == "E"
    assert len(book["Grafik Selisih"]._charts) == 1
    retirees = list(book["Daftar Pensiun"].iter_rows(values_only=True))
    assert [r[0] for r in retirees[1:]] == ["p07", "p03", "p13", "p01", "p02", "p11"]
    projection = list(book["Proyeksi Pensiun"].iter_rows(values_only=True))
    assert ("2029", "Total kota", 0, 7, 13, -7, 8, 1) in projection
    assert ("Sudah lewat BUP", "Total kota", 1, 11, 13, -3, 5, 2) in projection
    periods = [r[0] for r in projection if r[1] == "Total kota"]  # first and last year partial
    assert periods[1] == "2025 (16 Jan s.d. 31 Des)" and periods[-1] == "2030 (1 Jan s.d. 15 Jan)"


def test_english_labels(result):
    from mutasi_cli.reports import needs as report

    specs = report.sheets(result, "en")
    assert specs[0].name == "Unit Summary"
    assert "Need" in specs[0].frame.columns
    rotation = next(s for s in specs if s.name == "Rotation").frame
    assert rotation["Rotation Status"].tolist() == ["Due"] * 3 + ["Not Yet Eligible"]


def test_console_shows_city_totals_and_largest_gaps(result):
    from rich.console import Console

    from mutasi_cli.reports import needs as report

    out = Console(width=160, record=True, file=io.StringIO())
    for renderable in report.console(result, "id"):
        out.print(renderable)
    text = out.export_text()
    assert "Kekurangan Terbesar" in text and "Kelebihan Terbesar" in text
    assert "Analis Kepegawaian" in text and "15 Januari 2025" in text


def test_html_report_is_offline_with_a_chart_per_unit(result):
    from mutasi_cli.reports import needs as report

    page = report.html(result, "id")
    assert page.count("<svg") == 2 + 3  # city balance, projection, three units with gaps
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "Selisih per Jabatan: Dinas Alpha" in page
    assert "1,1968" in page  # unrounded ABK need, Indonesian decimals
    assert "Total kota" in page
    english = report.html(result, "en")
    assert "Balance per Position: Dinas Alpha" in english and "1.1968" in english


def test_minimal_columns_and_everyone_mapped():
    peg = pegawai()
    peg = peg[~peg["nip"].isin(["p12", "p13"])][["nip", "nama", "unit_kerja", "jabatan"]]
    jab = jabatan_map()[["unit_kerja", "jabatan", "kebutuhan"]]
    res = analyze_needs(peg, jab, None, per=PER, settings=S)
    assert res.unmapped_employees.empty and res.retirees.empty and res.rotation.empty
    assert (res.city["bezetting"], res.city["kebutuhan"], res.city["pensiun_horizon"]) == (
        12,
        11,
        0,
    )
    assert res.projection_city()["bezetting"].tolist() == [12] * 7  # past BUP + 6 years
    # no jenis, no requirements, no status: every shortage draws on the three people of the
    # one surplus position (Beta PU: need 1, staff 3)
    assert len(res.supply) == 3 and res.supply["pasokan"].tolist() == [3, 3, 3]


# ---- the retirement window (per, per + horizon years] --------------------------------------


def _one_per_retirement(dates: dict[str, str]) -> pd.DataFrame:
    """One pelaksana per TMT pensiun: born so that BUP 58 falls on the given first of a month."""
    born = {nip: (pd.Timestamp(d) - pd.DateOffset(years=58, months=1)) for nip, d in dates.items()}
    rows = [
        (nip, ALPHA, PU, "PNS", "pelaksana", 32, 15, b.strftime("%Y-%m-%d"), "2021-06-01")
        for nip, b in born.items()
    ]
    cols = (
        "nip unit_kerja jabatan status jenjang golongan_id pendidikan_level tanggal_lahir "
        "tmt_jabatan"
    )
    out = frame(rows, cols, {"golongan_id": "Int64", "pendidikan_level": "Int64",
                             "tanggal_lahir": "date", "tmt_jabatan": "date"})  # fmt: skip
    return out.assign(nama=("Pegawai " + out["nip"]).astype("string"))


def test_horizon_one_year_from_december_counts_next_year():
    people = _one_per_retirement({"r1": "2025-04-01", "r2": "2026-01-01", "r0": "2024-06-01"})
    assert bup_dates(people) == ["2024-06-01", "2025-04-01", "2026-01-01"]
    res = analyze_needs(people, jabatan_map(), None, per=date(2024, 12, 31), horizon=1, settings=S)
    summary = res.summary()
    assert (summary["horizon_start"], summary["horizon_end"]) == ("2025-01-01", "2025-12-31")
    # the 2025-04-01 retirement is in the window, the 2026-01-01 one is not; r0 is past BUP
    assert summary["pensiun_per_tahun"] == {"sudah_lewat": 1, "2025": 1}
    assert sorted(res.retirees["nip"]) == ["r0", "r1"]
    past = res.retirees.set_index("nip").loc["r0"]
    assert bool(past["sudah_lewat"]) and pd.isna(past["tahun"])  # only in its own column


def test_horizon_mid_year_has_partial_first_and_last_year():
    people = _one_per_retirement({"a": "2025-07-01", "b": "2030-06-01", "c": "2030-07-01"})
    res = analyze_needs(people, jabatan_map(), None, per=date(2025, 6, 30), horizon=5, settings=S)
    assert (res.horizon_start, res.horizon_end) == (date(2025, 7, 1), date(2030, 6, 30))
    periods = res.periods().set_index("tahun")
    assert list(periods.index) == [2025, 2026, 2027, 2028, 2029, 2030]
    assert periods["parsial"].tolist() == [True, False, False, False, False, True]
    assert periods.loc[2030, "sampai"] == pd.Timestamp("2030-06-30")
    assert res.summary()["pensiun_per_tahun"] == {
        "sudah_lewat": 0, "2025": 1, "2026": 0, "2027": 0, "2028": 0, "2029": 0, "2030": 1,
    }  # fmt: skip
    from mutasi_cli.reports.needs import period_labels

    labels = period_labels(res, "id")
    assert (
        labels["2025"] == "2025 (1 Jul s.d. 31 Des)"
        and labels["2030"] == "2030 (1 Jan s.d. 30 Jun)"
    )
    assert labels["2027"] == "2027" and period_labels(res, "en")["2030"] == "2030 (1 Jan to 30 Jun)"


def bup_dates(people: pd.DataFrame) -> list[str]:
    res = analyze_needs(people, jabatan_map(), None, per=date(2022, 1, 1), horizon=10, settings=S)
    return sorted(res.retirees["tmt_pensiun"].dt.strftime("%Y-%m-%d"))


def test_excel_chart_keeps_the_largest_gaps_when_units_are_many():
    from mutasi_cli.reports import needs as report

    base = _RESULT_FOR_CHART.units.iloc[[0]]
    units = pd.concat([base] * 30, ignore_index=True).assign(
        unit_kerja=pd.Series([f"Unit {i:02d}" for i in range(30)], dtype="string"),
        kekurangan=[max(0, 15 - i) for i in range(30)],
        kelebihan=[max(0, i - 15) for i in range(30)],
        selisih=[i - 15 for i in range(30)],
    )
    chart = report._chart_sheet(dataclasses.replace(_RESULT_FOR_CHART, units=units), "id")
    names = chart.frame["Unit Kerja"].tolist()
    assert len(names) == 20 and names[:10] == [f"Unit {i:02d}" for i in range(10)]
    assert names[10:] == [f"Unit {i:02d}" for i in range(20, 30)]  # sorted, the middle left out
    assert chart.chart.title.startswith("10 kekurangan dan 10 kelebihan terbesar")


def test_unit_charts_share_one_scale(monkeypatch):
    from mutasi_cli.reports import charts
    from mutasi_cli.reports import needs as report

    domains = []
    real = charts.diverging_bars

    def spy(*args, **kwargs):
        domains.append(kwargs.get("domain"))
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "diverging_bars", spy)
    context = report._context(_RESULT_FOR_CHART, "id")
    per_unit = domains[: len([s for s in context["sections"] if s["chart"]])]  # units chart last
    selisih = _RESULT_FOR_CHART.positions["selisih"].astype(float)
    assert len(per_unit) >= 2 and set(per_unit) == {(float(selisih.min()), float(selisih.max()))}


_RESULT_FOR_CHART = analyze_needs(
    pegawai(), jabatan_map(), beban_kerja(), per=PER, horizon=5, settings=S
)
