"""The sample city: consistent NIPs, planted shares and the planted transfer effect."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_cli.errors import UsageError
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.rules.abk import need_from_wpt, wpt
from mutasi_cli.rules.bup import bup_age, retirement_date
from mutasi_cli.rules.dates import parse_period
from mutasi_cli.rules.golongan import parse_golongan
from mutasi_cli.rules.jabatan import infer_jenjang, rumpun
from mutasi_cli.rules.jpm import jpm_percent
from mutasi_cli.rules.nip import decode_nip
from mutasi_cli.rules.skp import pp46_category, predikat_from_matrix, predikat_ordinal
from mutasi_cli.sample import PLANTED_EFFECT, TABLE_ORDER, generate_city, write_city
from mutasi_cli.schema import COMPETENCY_COLUMNS, TABLES
from mutasi_cli.settings import Settings, load_settings
from mutasi_cli.templates_init import config_text

PER = date(2026, 12, 1)
CREATED = datetime(2026, 1, 1)
SETTINGS = Settings()
SAMPLE_DATA = Path(__file__).resolve().parents[1] / "sample_data"
KELURAHAN = {  # DOMAIN.md 8.1, typed here independently of the generator
    "Sidorejo": {"Blotongan", "Sidorejo Lor", "Salatiga", "Bugel", "Kauman Kidul", "Pulutan"},
    "Tingkir": {
        "Kutowinangun",
        "Gendongan",
        "Sidorejo Kidul",
        "Kalibening",
        "Tingkir Lor",
        "Tingkir Tengah",
    },
    "Argomulyo": {"Noborejo", "Ledok", "Tegalrejo", "Kumpulrejo", "Randuacir", "Cebongan"},
    "Sidomukti": {"Kecandran", "Dukuh", "Mangunsari", "Kalicacing"},
}
STANDARD_LABELS = [c.label_id for c in COMPETENCY_COLUMNS]


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    return generate_city(employees=300)


@pytest.fixture(scope="module")
def town() -> dict[str, pd.DataFrame]:
    """A larger city for shares that need more people to be stable."""
    return generate_city(employees=1000)


def bezetting(city: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The position map with the number of people holding each position."""
    held = city["pegawai"].groupby(["Unit Kerja", "Jabatan"]).size().rename("bezetting")
    jabatan = city["jabatan"].set_index(["Unit Kerja", "Jabatan"])
    return jabatan.join(held).fillna({"bezetting": 0})


def test_tables_carry_the_reader_headers(city):
    assert tuple(city) == TABLE_ORDER == tuple(TABLES)
    for name, frame in city.items():
        labels = {c.label_id for c in TABLES[name].columns}
        assert set(frame.columns) <= labels, name
        assert {c.label_id for c in TABLES[name].columns if c.required} <= set(frame.columns)
    assert len(city["pegawai"]) == 300
    assert city["pegawai"]["NIP"].dtype == "str"


def test_nip_encodes_birth_tmt_and_sex(city):
    pegawai = city["pegawai"]
    assert pegawai["NIP"].str.fullmatch(r"\d{18}").all()
    assert pegawai["NIP"].is_unique
    decoded = decode_nip(pegawai["NIP"], pegawai["Status Pegawai"])
    assert decoded["error"].isna().all()
    assert (decoded["birth_date"] == pegawai["Tanggal Lahir"].dt.normalize()).all()
    assert (decoded["sex"] == pegawai["Jenis Kelamin"]).all()
    assert (decoded["kind"] == pegawai["Status Pegawai"]).all()
    pns = pegawai["Status Pegawai"] == "PNS"
    assert (decoded["tmt"][pns] == pegawai["TMT CPNS"][pns]).all()
    pppk_year = decoded["tmt"][~pns].dt.year == pegawai["TMT CPNS"][~pns].dt.year
    assert pppk_year.all()
    assert (pegawai.loc[~pns, "NIP"].str[12:14] == "21").all()  # PPPK marker + contract (6.2)


def test_pppk_share_and_golongan_scales(city):
    pegawai = city["pegawai"]
    pppk = pegawai["Status Pegawai"] == "PPPK"
    assert 0.08 <= pppk.mean() <= 0.16
    parsed = parse_golongan(pegawai["Golongan"])
    assert parsed["ok"].all()
    assert parsed["golongan_pppk"][pppk].notna().all()
    assert parsed["golongan_id"][~pppk].notna().all()
    assert not (pppk & (pegawai["Jenis Jabatan"] == "Struktural")).any()


def test_shortages_surpluses_and_vacancies(city, town):
    for c in (city, town):
        positions = bezetting(c)
        short = positions["Kebutuhan"] > positions["bezetting"]
        over = positions["Kebutuhan"] < positions["bezetting"]
        assert 0.15 <= short.mean() <= 0.25
        assert 0.10 <= over.mean() <= 0.15
        assert (positions["bezetting"] == 0).sum() >= 3  # posts nobody holds
        structural = positions["Jenis Jabatan"] == "Struktural"
        assert (positions.loc[structural, "bezetting"] <= 1).all()
        assert (positions["Kebutuhan"] >= 1).all()
        assert not positions.index.duplicated().any()


def test_some_employees_sit_outside_the_position_map(town):
    keys = pd.MultiIndex.from_frame(town["pegawai"][["Unit Kerja", "Jabatan"]])
    outside = ~keys.isin(town["jabatan"].set_index(["Unit Kerja", "Jabatan"]).index)
    assert outside.sum() == 5  # 0.5 % of 1,000


def test_kecamatan_and_kelurahan_of_salatiga(city):
    jabatan = city["jabatan"]
    lurah = jabatan[jabatan["Jabatan"] == "Lurah"]
    units = lurah["Unit Kerja"].str.removeprefix("Kelurahan ")
    parents = lurah["Unit Induk"].str.removeprefix("Kecamatan ")
    assert dict(units.groupby(parents).agg(set)) == KELURAHAN
    assert (lurah["Eselon"] == "IV.a").all()
    camat = jabatan[jabatan["Jabatan"] == "Camat"]
    assert set(camat["Unit Kerja"]) == {f"Kecamatan {k}" for k in KELURAHAN}
    assert (camat["Eselon"] == "III.a").all()


def test_structural_golongan_inside_the_eselon_range(town):
    pegawai = town["pegawai"].merge(town["jabatan"], on=["Unit Kerja", "Jabatan"])
    held = pegawai[pegawai["Jenis Jabatan_x"] == "Struktural"]
    gol = parse_golongan(held["Golongan"])["golongan_id"]
    low = parse_golongan(held["Golongan Minimal"])["golongan_id"]
    high = parse_golongan(held["Golongan Maksimal"])["golongan_id"]
    assert len(held) > 50
    assert ((gol >= low) & (gol <= high)).all()
    assert set(town["jabatan"].loc[town["jabatan"]["Eselon"] == "II.b", "Golongan Minimal"]) == {
        "IV/b"
    }


def test_career_shares(town):
    pegawai = town["pegawai"]
    per = pd.Timestamp(PER)
    tmt = pegawai["TMT Jabatan"]
    months = (per.year - tmt.dt.year) * 12 + per.month - tmt.dt.month - (tmt.dt.day > per.day)
    assert 0.15 <= (months > SETTINGS.rotation.max_months).mean() <= 0.25
    assert 0.10 <= (months < SETTINGS.rotation.min_months).mean() <= 0.25
    jenjang = infer_jenjang(
        pegawai["Jabatan"], pegawai["Jenis Jabatan"].str.lower(), pegawai["Eselon"]
    )
    age = bup_age(jenjang, SETTINGS, rumpun(pegawai["Jabatan"], jenjang))
    retires = retirement_date(pegawai["Tanggal Lahir"], age, SETTINGS)
    assert (retires > per).all()  # nobody past retirement age
    soon = retires <= per + pd.DateOffset(months=13)
    assert 0.015 <= soon.mean() <= 0.06
    active = pegawai["Hukuman Berakhir"] > per
    assert 0.01 <= active.mean() <= 0.035
    assert pegawai.loc[active, "Hukuman Disiplin"].notna().all()
    assert (pegawai["Hukuman Berakhir"] <= per).sum() > 0  # expired ones too
    age_years = (per - pegawai["Tanggal Lahir"]).dt.days / 365.25
    assert age_years.min() >= 22
    assert age_years.max() < 65


def test_abk_tasks_calibrated_to_the_formation(town):
    tasks = town["beban_kerja"]
    load = wpt(tasks["Volume"], tasks["Periode Volume"], tasks["Norma Waktu (menit)"], SETTINGS)
    total = load.groupby([tasks["Unit Kerja"], tasks["Jabatan"]]).sum()
    _, need = need_from_wpt(total, SETTINGS)
    formation = town["jabatan"].set_index(["Unit Kerja", "Jabatan"])["Kebutuhan"]
    matches = need == formation.reindex(need.index)
    assert 0.15 <= len(total) / len(formation) <= 0.25
    assert 0.6 <= matches.mean() <= 0.9  # most land on the formation, some deliberately not


def test_potensi_is_the_jpm_against_the_own_position(city):
    pegawai = city["pegawai"].merge(city["kompetensi"], on=["NIP", "Nama"])
    standard = pegawai.merge(
        city["jabatan"], on=["Unit Kerja", "Jabatan"], suffixes=("", "_std")
    ).set_index("NIP")
    capaian = standard[STANDARD_LABELS].to_numpy(float)
    target = standard[[f"{c}_std" for c in STANDARD_LABELS]].to_numpy(float)
    expected = np.round(jpm_percent(capaian, target, SETTINGS.jpm), 2)
    assert np.allclose(standard["Potensi (JPM %)"], expected)
    potensi = city["pegawai"]["Potensi (JPM %)"]
    for low, high in ((90, 101), (78, 90), (0, 78)):  # every pemetaan category occurs (2.3A)
        assert potensi.between(low, high, inclusive="left").mean() > 0.1


def test_aspirations(town):
    asp = town["aspirasi"]
    assert 0.25 <= len(asp) / len(town["pegawai"]) <= 0.35
    unwilling = asp["Bersedia Dimutasi"] == "Tidak"
    assert 0.10 <= unwilling.mean() <= 0.20
    assert asp.loc[unwilling, "Pilihan 1 Unit"].isna().all()
    units = set(town["jabatan"]["Unit Kerja"])
    named = pd.concat([asp[f"Pilihan {k} Unit"] for k in (1, 2, 3)]).dropna()
    assert set(named) - units == {"Dinas Pertanian", "Kantor Pariwisata"}
    first = asp["Pilihan 1 Unit"].notna()
    assert first[~unwilling].mean() > 0.8
    own = asp.merge(town["pegawai"], on="NIP")
    same = (own["Pilihan 1 Unit"] == own["Unit Kerja"]) & (
        own["Pilihan 1 Jabatan"] == own["Jabatan"]
    )
    assert not same.any()


def test_kinerja_periods_and_scales(city):
    kinerja = city["kinerja"]
    periods = parse_period(kinerja["Periode"])
    assert periods["ok"].all()
    starts = sorted(periods["period_start"].unique())
    assert len(starts) == 12
    assert starts[-1] == pd.Timestamp("2026-07-01")  # the quarter before per
    numeric = kinerja["Nilai"].notna()
    assert set(periods.loc[numeric, "period_start"]) == set(starts[:4])
    assert kinerja.loc[numeric, "Periode"].str.startswith("Triwulan").all()
    assert 78 <= kinerja.loc[numeric, "Nilai"].mean() <= 90
    assert kinerja.loc[numeric, ["Predikat", "Hasil Kerja"]].isna().all().all()
    later = kinerja[~numeric]
    matrix = predikat_from_matrix(later["Hasil Kerja"], later["Perilaku Kerja"])
    given = later["Predikat"].notna()
    assert 0.7 <= given.mean() <= 0.9
    steps = predikat_ordinal(later["Predikat"], SETTINGS)
    assert (steps[given] == predikat_ordinal(matrix, SETTINGS)[given]).all()


def test_movers_hold_their_destination(city):
    moves = city["riwayat_mutasi"]
    roster = city["pegawai"].set_index("NIP").loc[moves["NIP"]]
    assert len(moves) == 30
    assert (roster["Unit Kerja"].to_numpy() == moves["Unit Tujuan"].to_numpy()).all()
    assert (roster["Jabatan"].to_numpy() == moves["Jabatan Tujuan"].to_numpy()).all()
    assert (roster["TMT Jabatan"].to_numpy() == moves["TMT Mutasi"].to_numpy()).all()
    assert (moves["Unit Asal"] != moves["Unit Tujuan"]).all()
    months_ago = (PER.year - moves["TMT Mutasi"].dt.year) * 12 + PER.month
    assert (months_ago - moves["TMT Mutasi"].dt.month).between(17, 19).all()
    assert (moves["Tanggal SK"] < moves["TMT Mutasi"]).all()


def test_planted_effect_found_by_a_plain_groupby(town):
    kinerja, moves = town["kinerja"], town["riwayat_mutasi"]
    predikat = (
        kinerja["Predikat"]
        .astype("string")
        .fillna(predikat_from_matrix(kinerja["Hasil Kerja"], kinerja["Perilaku Kerja"]))
        .fillna(pp46_category(kinerja["Nilai"], SETTINGS))
    )
    periods = parse_period(kinerja["Periode"])
    frame = pd.DataFrame(
        {
            "step": predikat_ordinal(predikat, SETTINGS).astype(float),
            "moved": kinerja["NIP"].isin(moves["NIP"]),
            "before": periods["period_end"] < moves["TMT Mutasi"].min(),
            "after": periods["period_start"] >= moves["TMT Mutasi"].max() + pd.DateOffset(months=3),
        }
    )
    frame = frame[frame["before"] | frame["after"]]
    mean = frame.groupby(["moved", "after"])["step"].mean()
    did = (mean[True, True] - mean[True, False]) - (mean[False, True] - mean[False, False])
    assert did == pytest.approx(PLANTED_EFFECT, abs=0.2)
    assert frame["moved"].sum() > 200 and (~frame["moved"]).sum() > 2000


def test_same_seed_same_city_other_seed_other_city(city):
    again = generate_city(employees=300)
    for name in TABLE_ORDER:
        pd.testing.assert_frame_equal(city[name], again[name])
    other = generate_city(employees=300, seed=2)
    assert not city["pegawai"]["NIP"].equals(other["pegawai"]["NIP"])
    assert not city["kinerja"].equals(other["kinerja"])


def test_reference_date_moves_the_calendar():
    later = generate_city(employees=300, per=date(2027, 6, 1))
    periods = parse_period(later["kinerja"]["Periode"])
    assert periods["period_start"].max() == pd.Timestamp("2027-01-01")
    assert later["riwayat_mutasi"]["TMT Mutasi"].min() == pd.Timestamp("2025-11-01")


def test_too_small_a_city_is_refused():
    with pytest.raises(UsageError):
        generate_city(employees=50)


def test_a_city_whose_history_cannot_fit_a_sheet_is_refused_at_once():
    """--employees 1000000 (a zero too many) began building a 12-million-row history before
    any check; the kinerja table must fit one Excel sheet (12 quarters a person): above 87,381
    people it is a usage error before anything is generated."""
    import time

    from mutasi_cli.sample import MAX_EMPLOYEES
    from mutasi_cli.sample.history import QUARTERS

    assert MAX_EMPLOYEES * QUARTERS <= 1_048_575 < (MAX_EMPLOYEES + 1) * QUARTERS
    started = time.process_time()
    with pytest.raises(UsageError) as caught:
        generate_city(employees=1_000_000)
    assert caught.value.key == "sample.error.too_many" and "87381" in caught.value.message
    assert time.process_time() - started < 1


def test_write_city_same_bytes_and_readable(city, tmp_path):
    first = write_city(city, tmp_path / "a", force=False, created=CREATED)
    second = write_city(generate_city(employees=300), tmp_path / "b", force=False, created=CREATED)
    assert [p.name for p in first] == [*(f"{n}.xlsx" for n in TABLE_ORDER), "mutasi.toml"]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    config = load_settings(tmp_path / "a" / "mutasi.toml")
    assert config.warnings == ()
    assert config.paths.pegawai == "pegawai.xlsx"
    assert config.paths.kinerja == ("kinerja.xlsx",)
    for name in TABLE_ORDER:
        loaded = read_table(tmp_path / "a" / f"{name}.xlsx")
        typed = normalize(loaded, per=PER)
        assert loaded.table == name
        assert loaded.sheet == name
        assert not [i.code for i in [*loaded.issues, *typed.issues] if i.severity == "error"]
        assert len(typed.frame) == len(city[name])


def test_bundled_sample_data_is_the_default_city(tmp_path):
    """sample_data/ is what `mutasi sample-data` writes today (the big kinerja sheet aside)."""
    if not SAMPLE_DATA.is_dir():
        pytest.skip("sample_data/ has not been generated")
    assert sum(p.stat().st_size for p in SAMPLE_DATA.iterdir()) < 5_000_000
    frames = generate_city()
    checked = {name: frames[name] for name in TABLE_ORDER if name not in ("kinerja", "kompetensi")}
    for path in write_city(checked, tmp_path, force=False, created=CREATED)[:-1]:
        assert path.read_bytes() == (SAMPLE_DATA / path.name).read_bytes(), path.name
    paths = {name: f"{name}.xlsx" for name in TABLE_ORDER}
    assert (SAMPLE_DATA / "mutasi.toml").read_text(encoding="utf-8") == config_text(paths)
