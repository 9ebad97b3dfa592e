"""The core of `mutasi analyze-needs`: need vs. staffing per position, retirements, rotation.

Rules (DOMAIN.md sections 1, 5.3, 5.6):

* **Need per position.** The formation number of the position map (``kebutuhan``) and the ABK
  need from the task table (:mod:`mutasi_cli.rules.abk`) are both kept. The need used
  (``kebutuhan``) is the one named by ``settings.abk.need_source`` ("formasi" by default), with the
  other as fallback; with neither it is NA (status ``tanpa_kebutuhan``; blank and 0 differ).
  ``abk_differs`` flags a position whose two numbers differ by more than
  ``settings.abk.difference_tolerance``.
* **Bezetting** counts every employee of the roster (PNS and PPPK alike) in the position, joined
  on :func:`mutasi_cli.schema.name_key` of (unit_kerja, jabatan). Employees whose position is not
  in the map are listed in ``unmapped_employees`` and counted per unit (``tidak_terpetakan``).
* **Balance.** ``selisih = bezetting - kebutuhan``: negative is ``kurang``, positive ``lebih``,
  zero ``sesuai``. Totals sum per position, so a unit's ``kekurangan`` is the sum of its
  positions' shortages (a surplus elsewhere in the unit does not cancel it) and its ``selisih``
  is ``kelebihan - kekurangan`` over the positions that have a need.
* **Retirements ahead** are counted in the window ``(per, per + horizon years]``: everyone whose
  TMT pensiun falls after ``per`` and on or before ``horizon_end``. They are shown per calendar
  year that the window touches (the first and the last year may be partial: a window from
  2025-06-30 over 5 years has 2025 from 1 July and 2030 up to 30 June). Someone whose TMT pensiun
  is already on or before ``per`` but who is still in the roster is counted in a period of their
  own (``sudah_lewat``, period key ``"sudah_lewat"``), never mixed into the first year. The
  projection subtracts the retirees of each period and of the periods before from the bezetting
  of their positions (at the period's end); a retiree whose position is not in the map is listed
  and counted in the unit's ``pensiun_horizon`` but changes no position's bezetting.
* **Rotation** uses the months in position at ``per`` (:mod:`mutasi_cli.rules.rotation`).
* **Internal supply** of a shortage position: the employees in surplus positions of the same
  jenis jabatan (and, for fungsional positions, the same rumpun when the map gives one) whose
  golongan lies in the position's range (its own columns, else its eselon's range, DOMAIN.md 5.4)
  and whose education reaches its minimum. PPPK are left out when ``propose.exclude_pppk``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.rules import abk, bup, rotation
from mutasi_cli.rules.jabatan import eselon_range
from mutasi_cli.schema import name_key
from mutasi_cli.settings import Settings

KEYS = ["unit_key", "jabatan_key"]
KURANG, LEBIH, SESUAI, TANPA_KEBUTUHAN = "kurang", "lebih", "sesuai", "tanpa_kebutuhan"
UNIT_NOT_IN_MAP, POSITION_NOT_IN_UNIT = "unit_tidak_ada", "jabatan_tidak_ada"
FUNGSIONAL = "fungsional"
NEED_SOURCES = ("formasi", "abk")
_EXAMPLES = 3  # unit names quoted in the no-shared-unit message
_CLOSE = 0.6  # trigram similarity for the closest position name of an unmapped employee


# ---- small helpers ------------------------------------------------------------------------


def _col(frame: pd.DataFrame, name: str, dtype: str = "string") -> pd.Series:
    """A column of ``frame``, or an all-NA column of ``dtype`` when the input lacks it."""
    if name in frame:
        return frame[name].astype(dtype)
    return pd.Series(pd.NA, index=frame.index, dtype=dtype)


def _key(values: pd.Series) -> pd.Series:
    """:func:`name_key`, computed once per distinct name (names repeat across thousands of rows)."""
    codes, uniques = pd.factorize(values.astype("string"))
    keys = name_key(pd.Series(uniques, dtype="string")).array
    return pd.Series(keys.take(codes, allow_fill=True), index=values.index, dtype="string")


def _with_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its matching keys ``unit_key`` and ``jabatan_key`` (kept if present)."""
    if {"unit_key", "jabatan_key"} <= set(frame.columns):
        return frame
    return frame.assign(unit_key=_key(frame["unit_kerja"]), jabatan_key=_key(frame["jabatan"]))


def _neg_part(values: pd.Series) -> pd.Series:
    return (-values).clip(lower=0)


# ---- need and balance per position --------------------------------------------------------


def _abk_by_position(beban_kerja: pd.DataFrame | None, settings: Settings) -> pd.DataFrame:
    """Total WPT and raw ABK need per (unit_key, jabatan_key), with display names."""
    columns = ["unit_kerja", "jabatan", "total_wpt", "kebutuhan_abk_raw"]
    if beban_kerja is None or beban_kerja.empty:
        empty = pd.MultiIndex.from_arrays([[], []], names=KEYS)
        return pd.DataFrame(columns=columns, index=empty).astype(
            {"total_wpt": "Float64", "kebutuhan_abk_raw": "Float64"}
        )
    tasks = _with_keys(beban_kerja)
    task_wpt = abk.wpt(tasks["volume"], _col(tasks, "periode"), tasks["norma_waktu"], settings)
    tasks = tasks.assign(
        total_wpt=task_wpt,
        kebutuhan_abk_raw=abk.raw_need(task_wpt, settings, _col(tasks, "wke", "Float64")),
    )
    grouped = tasks.groupby(KEYS, sort=False, dropna=False)
    return (
        grouped[["unit_kerja", "jabatan"]]
        .first()
        .join(grouped[["total_wpt", "kebutuhan_abk_raw"]].sum(min_count=1))
    )


def _jenis(positions: pd.DataFrame, pegawai: pd.DataFrame) -> pd.Series:
    """Jenis jabatan from the map, else from the position's staff."""
    staff = _with_keys(pegawai).assign(jenis=_col(pegawai, "jenis_jabatan"))
    from_staff = staff.dropna(subset=["jenis"]).groupby(KEYS)["jenis"].first()
    fallback = positions.join(from_staff, on=KEYS)["jenis"]
    return _col(positions, "jenis_jabatan").fillna(fallback)


def _preferred_need(formasi: pd.Series, from_abk: pd.Series, settings: Settings) -> pd.Series:
    """The need used: ``settings.abk.need_source`` first, the other one where it is missing."""
    source = settings.abk.need_source
    if source not in NEED_SOURCES:
        raise UsageError.of(
            "needs.error.need_source", source=source, choices=", ".join(NEED_SOURCES)
        )
    return from_abk.fillna(formasi) if source == "abk" else formasi.fillna(from_abk)


def position_balance(
    pegawai: pd.DataFrame,
    jabatan: pd.DataFrame,
    beban_kerja: pd.DataFrame | None,
    settings: Settings,
) -> pd.DataFrame:
    """One row per position of the map (first row of a duplicated position) with its balance.

    Columns: unit_kerja, jabatan, unit_key, jabatan_key, jenis_jabatan, kebutuhan_formasi,
    kebutuhan_abk_raw, kebutuhan_abk, kebutuhan, total_wpt, bezetting, selisih, status, ej,
    ej_band, abk_differs. See the module docstring for the rules.
    """
    pos = _with_keys(jabatan).drop_duplicates(KEYS).reset_index(drop=True)
    load = _abk_by_position(beban_kerja, settings)[["total_wpt", "kebutuhan_abk_raw"]]
    pos = pos.join(load, on=KEYS)
    staff = _with_keys(pegawai).groupby(KEYS).size().rename("bezetting")
    bezetting = pos.join(staff, on=KEYS)["bezetting"].fillna(0).astype("Int64")

    formasi = _col(pos, "kebutuhan", "Float64")
    raw = pos["kebutuhan_abk_raw"].astype("Float64")
    from_abk = abk.round_need(raw, settings)
    need = _preferred_need(formasi, from_abk, settings)
    selisih = bezetting.astype("Float64") - need
    diff = selisih.to_numpy(float, na_value=np.nan)
    status = pd.Series(
        np.select([diff < 0, diff > 0, diff == 0], [KURANG, LEBIH, SESUAI], TANPA_KEBUTUHAN),
        index=pos.index,
        dtype="string",
    )
    efficiency = abk.ej(raw, bezetting)
    differs = (formasi - from_abk).abs() > settings.abk.difference_tolerance
    return pd.DataFrame(
        {
            "unit_kerja": pos["unit_kerja"].astype("string"),
            "jabatan": pos["jabatan"].astype("string"),
            "unit_key": pos["unit_key"],
            "jabatan_key": pos["jabatan_key"],
            "jenis_jabatan": _jenis(pos, pegawai),
            "kebutuhan_formasi": formasi,
            "kebutuhan_abk_raw": raw,
            "kebutuhan_abk": from_abk,
            "kebutuhan": need,
            "total_wpt": pos["total_wpt"].astype("Float64"),
            "bezetting": bezetting,
            "selisih": selisih,
            "status": status,
            "ej": efficiency,
            "ej_band": abk.ej_band(efficiency, settings),
            "abk_differs": differs.fillna(False).astype(bool),
        }
    )


# ---- checks -------------------------------------------------------------------------------


def _examples(names: pd.Series) -> str:
    """The first few distinct names (by matching key, in key order), quoted."""
    keyed = pd.DataFrame({"key": name_key(names), "name": names}).dropna()
    first = keyed.drop_duplicates("key").sort_values("key")["name"].head(_EXAMPLES)
    return ", ".join(f"'{name}'" for name in first)


def _check_inputs(pegawai: pd.DataFrame, jabatan: pd.DataFrame, per: date) -> None:
    if pegawai.empty:
        raise MutasiError.of("needs.error.empty_roster")
    if jabatan.empty:
        raise MutasiError.of("needs.error.empty_map")
    if not set(pegawai["unit_key"].dropna().unique()) & set(jabatan["unit_key"].dropna().unique()):
        raise MutasiError.of(
            "needs.error.no_shared_units",
            roster=_examples(pegawai["unit_kerja"]),
            positions=_examples(jabatan["unit_kerja"]),
        )
    tmt = pd.to_datetime(_col(pegawai, "tmt_jabatan", "datetime64[ns]")).dropna()
    if not tmt.empty and (tmt > pd.Timestamp(per)).all():
        raise MutasiError.of(
            "needs.error.per_before_tmt",
            per=per.isoformat(),
            earliest=tmt.min().date().isoformat(),
        )


# ---- people: months in position, retirement ------------------------------------------------


def _people(
    pegawai: pd.DataFrame, positions: pd.DataFrame, per: date, settings: Settings
) -> pd.DataFrame:
    people = _with_keys(pegawai)
    known = pd.MultiIndex.from_frame(positions[KEYS])
    months = rotation.months_in_position(_col(people, "tmt_jabatan", "datetime64[ns]"), per)
    age = bup.bup_age(_col(people, "jenjang"), settings, _col(people, "rumpun"))
    return pd.DataFrame(
        {
            "nip": _col(people, "nip"),
            "nama": _col(people, "nama"),
            "unit_kerja": _col(people, "unit_kerja"),
            "jabatan": _col(people, "jabatan"),
            "unit_key": people["unit_key"],
            "jabatan_key": people["jabatan_key"],
            "mapped": pd.MultiIndex.from_frame(people[KEYS]).isin(known),
            "jenjang": _col(people, "jenjang"),
            "tmt_jabatan": _col(people, "tmt_jabatan", "datetime64[ns]"),
            "masa_jabatan_bulan": months,
            "status_rotasi": rotation.rotation_status(months, settings),
            "bup": age,
            "tmt_pensiun": bup.retirement_date(
                _col(people, "tanggal_lahir", "datetime64[ns]"), age, settings
            ),
        }
    )


PAST_BUP = "sudah_lewat"  # the period key of those already past BUP on ``per``


def horizon_window(per: date, horizon: int) -> tuple[date, date]:
    """The retirement window ``(per, per + horizon years]`` as (first day, last day).

    A 29 February ``per`` ends on 28 February of a non-leap target year (pandas' DateOffset).
    """
    end = (pd.Timestamp(per) + pd.DateOffset(years=horizon)).date()
    return per + timedelta(days=1), end


def horizon_periods(per: date, horizon: int) -> pd.DataFrame:
    """One row per calendar year the window touches: ``tahun``, ``mulai``, ``sampai``, ``parsial``."""
    first, last = horizon_window(per, horizon)
    years = np.arange(first.year, last.year + 1)
    starts = pd.to_datetime([f"{y}-01-01" for y in years])
    ends = pd.to_datetime([f"{y}-12-31" for y in years])
    starts = starts.where(years != first.year, pd.Timestamp(first))
    ends = ends.where(years != last.year, pd.Timestamp(last))
    partial = (starts.month != 1) | (starts.day != 1) | (ends.month != 12) | (ends.day != 31)
    return pd.DataFrame(
        {"tahun": years, "mulai": starts, "sampai": ends, "parsial": np.asarray(partial)}
    )


def _retirees(people: pd.DataFrame, per: date, horizon: int) -> pd.DataFrame:
    """Everyone whose TMT pensiun is on or before the window's end, with the period counted.

    ``tahun`` is the calendar year of the TMT pensiun inside the window, NA for those already past
    BUP on ``per`` (``sudah_lewat``; their period key is :data:`PAST_BUP`).
    """
    _, last_day = horizon_window(per, horizon)
    out = people[people["tmt_pensiun"] <= pd.Timestamp(last_day)]
    past = out["tmt_pensiun"] <= pd.Timestamp(per)
    years = out["tmt_pensiun"].dt.year.astype("Int64").mask(past)
    periode = years.astype("string").mask(past, PAST_BUP)
    out = out.assign(tahun=years, periode=periode, sudah_lewat=past)
    columns = ["nip", "nama", "unit_kerja", "jabatan", "jenjang", "bup", "tmt_pensiun", "tahun"]
    return out.sort_values(["tmt_pensiun", "unit_key", "nama"], kind="stable")[
        [*columns, "sudah_lewat", "periode", "unit_key", "jabatan_key", "mapped"]
    ].reset_index(drop=True)


def _period_keys(per: date, horizon: int) -> list[str]:
    """The projection's periods in order: those already past BUP, then each calendar year."""
    return [PAST_BUP, *(str(y) for y in horizon_periods(per, horizon)["tahun"])]


def _projection(
    positions: pd.DataFrame, retirees: pd.DataFrame, per: date, horizon: int
) -> pd.DataFrame:
    """Per unit and period: retirees leaving, bezetting at the period's end and the balance then."""
    keys = _period_keys(per, horizon)
    leaving = (
        retirees[retirees["mapped"]]
        .groupby([*KEYS, "periode"])
        .size()
        .unstack("periode")
        .reindex(columns=keys, fill_value=0)
        .fillna(0)
    )
    per_period = positions.join(leaving, on=KEYS)[keys].fillna(0).to_numpy(int)
    n = len(positions)
    need = positions["kebutuhan"].to_numpy(float, na_value=np.nan)
    staff = positions["bezetting"].to_numpy(int)[:, None] - per_period.cumsum(axis=1)
    selisih = staff - need[:, None]
    long = pd.DataFrame(
        {
            "periode": np.tile(np.array(keys, dtype=object), n),
            "unit_key": np.repeat(positions["unit_key"].to_numpy(object), len(keys)),
            "pensiun": per_period.ravel(),
            "bezetting": staff.ravel(),
            "kebutuhan": np.repeat(need, len(keys)),
            "selisih": selisih.ravel(),
            "kekurangan": np.clip(-selisih, 0, None).ravel(),
            "kelebihan": np.clip(selisih, 0, None).ravel(),
        }
    )
    units = positions.groupby("unit_key", sort=False)["unit_kerja"].first()
    out = long.groupby(["periode", "unit_key"], sort=False).sum(min_count=0).reset_index()
    out.insert(2, "unit_kerja", out["unit_key"].map(units).astype("string"))
    tahun = pd.to_numeric(out["periode"].where(out["periode"] != PAST_BUP), errors="coerce")
    out.insert(0, "tahun", tahun.astype("Int64"))
    out["periode"] = out["periode"].astype("string")
    return out.astype({"pensiun": "Int64", "bezetting": "Int64"})


# ---- lists -------------------------------------------------------------------------------


def _rotation_list(people: pd.DataFrame) -> pd.DataFrame:
    """People due for rotation (longest in position first), then those not yet eligible."""
    order = people["status_rotasi"].map({rotation.JATUH_TEMPO: 0, rotation.BELUM_LAYAK: 1})
    listed = people.assign(_order=order).dropna(subset=["_order"])
    listed = listed.sort_values(
        ["_order", "masa_jabatan_bulan", "unit_key", "nama"],
        ascending=[True, False, True, True],
        kind="stable",
    )
    columns = ["nip", "nama", "unit_kerja", "jabatan", "tmt_jabatan", "masa_jabatan_bulan"]
    return listed[[*columns, "status_rotasi"]].reset_index(drop=True)


def _trigrams(names: np.ndarray) -> sparse.csr_matrix:
    """Binary matrix of the character trigrams of each name (one row per name)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, name in enumerate(names):
        padded = f"  {name} "
        for gram in {padded[k : k + 3] for k in range(len(padded) - 2)}:
            rows.append(i)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    shape = (len(names), len(vocabulary))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)


def _closest(pairs: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """For each (unit_key, jabatan_key) pair, the most similar position name of the same unit.

    Similarity is the Dice coefficient of character trigrams (at least ``_CLOSE``); ties go to
    the position listed first in the map. Vectorised over all candidate pairs at once.
    """
    options = positions[[*KEYS, "jabatan"]].rename(
        columns={"jabatan_key": "option_key", "jabatan": "jabatan_terdekat"}
    )
    cand = pairs.merge(options, on="unit_key")
    names = pd.Index(pd.unique(pd.concat([cand["jabatan_key"], cand["option_key"]])))
    grams = _trigrams(names.to_numpy(str))
    a = grams[names.get_indexer(cand["jabatan_key"])]
    b = grams[names.get_indexer(cand["option_key"])]
    shared = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    sizes = np.asarray(a.sum(axis=1)).ravel() + np.asarray(b.sum(axis=1)).ravel()
    cand["score"] = 2 * shared / np.maximum(sizes, 1)
    best = cand[cand["score"] >= _CLOSE].sort_values("score", ascending=False, kind="stable")
    return best.drop_duplicates(KEYS)[[*KEYS, "jabatan_terdekat"]]


def _unmapped(people: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Employees whose position is not in the map, with the closest name in their unit."""
    out = people.loc[~people["mapped"], ["nip", "nama", "unit_kerja", "jabatan", *KEYS]]
    closest = _closest(out[KEYS].dropna().drop_duplicates(), positions)
    unit_known = out["unit_key"].isin(positions["unit_key"])
    return (
        out.assign(alasan=np.where(unit_known, POSITION_NOT_IN_UNIT, UNIT_NOT_IN_MAP))
        .merge(closest, on=KEYS, how="left")
        .astype({"alasan": "string", "jabatan_terdekat": "string"})
        .reset_index(drop=True)
    )


def _requirements(jabatan: pd.DataFrame) -> pd.DataFrame:
    """Grade range (own columns, else the eselon's), minimum education and rumpun per position."""
    req = _with_keys(jabatan).drop_duplicates(KEYS).reset_index(drop=True)
    esl_low, esl_high = eselon_range(_col(req, "eselon"))
    low = _col(req, "golongan_min_id", "Float64").fillna(esl_low.astype("Float64"))
    high = _col(req, "golongan_max_id", "Float64").fillna(esl_high.astype("Float64"))
    return pd.DataFrame(
        {
            "unit_key": req["unit_key"],
            "jabatan_key": req["jabatan_key"],
            "gmin": low.to_numpy(float, na_value=np.nan),
            "gmax": high.to_numpy(float, na_value=np.nan),
            "pmin": _col(req, "pendidikan_min_level", "Float64").to_numpy(float, na_value=np.nan),
            "rumpun": _col(req, "rumpun").str.casefold().fillna(""),
        }
    )


def internal_supply(
    positions: pd.DataFrame, pegawai: pd.DataFrame, jabatan: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """Per shortage position: how many people in surplus positions meet its hard requirements."""
    req = positions.merge(_requirements(jabatan), on=KEYS, how="left")
    jenis = req["jenis_jabatan"].fillna("")
    req["pool"] = jenis.where(jenis != FUNGSIONAL, jenis + "\x1f" + req["rumpun"].fillna(""))
    short = req[req["selisih"] < 0]
    surplus = req.loc[req["selisih"] > 0, [*KEYS, "pool"]]
    people = _with_keys(pegawai).merge(surplus, on=KEYS)
    if settings.propose.exclude_pppk:
        people = people[_col(people, "status").fillna("") != "PPPK"]
    groups = (
        pd.DataFrame(
            {
                "pool": people["pool"],
                "g": _col(people, "golongan_id", "Float64").to_numpy(float, na_value=np.nan),
                "p": _col(people, "pendidikan_level", "Float64").to_numpy(float, na_value=np.nan),
            }
        )
        .groupby(["pool", "g", "p"], dropna=False)
        .size()
        .rename("n")
        .reset_index()
    )
    pairs = short[[*KEYS, "pool", "gmin", "gmax", "pmin"]].merge(groups, on="pool")
    ok = (
        (np.isnan(pairs["gmin"]) | (pairs["g"] >= pairs["gmin"]))
        & (np.isnan(pairs["gmax"]) | (pairs["g"] <= pairs["gmax"]))
        & (np.isnan(pairs["pmin"]) | (pairs["p"] >= pairs["pmin"]))
    )
    supply = pairs[ok].groupby(KEYS)["n"].sum()
    counts = short.join(supply.rename("pasokan"), on=KEYS)["pasokan"].fillna(0).astype("Int64")
    return pd.DataFrame(
        {
            "unit_kerja": short["unit_kerja"],
            "jabatan": short["jabatan"],
            "jenis_jabatan": short["jenis_jabatan"],
            "kekurangan": _neg_part(short["selisih"]),
            "pasokan": counts,
            "cukup": (counts >= _neg_part(short["selisih"])).astype(bool),
        }
    ).reset_index(drop=True)


# ---- totals -------------------------------------------------------------------------------

EMPTY_COLUMNS = [
    "unit_kerja",
    "jabatan",
    "jenis_jabatan",
    "kebutuhan_formasi",
    "kebutuhan_abk",
    "kebutuhan",
]
_FRACTIONAL = ("kebutuhan", "selisih", "kekurangan", "kelebihan")
TOTAL_COLUMNS = [
    "jumlah_jabatan",
    "kebutuhan",
    "bezetting",
    "selisih",
    "kekurangan",
    "kelebihan",
    "jabatan_kosong",
    "tanpa_kebutuhan",
]


def _totals(positions: pd.DataFrame, by: str) -> pd.DataFrame:
    """Position totals per value of ``by`` (first-seen order; NA kept as its own group)."""
    frame = positions.assign(
        jumlah_jabatan=1,
        kekurangan=_neg_part(positions["selisih"]),
        kelebihan=positions["selisih"].clip(lower=0),
        jabatan_kosong=(positions["bezetting"] == 0).astype(int),
        tanpa_kebutuhan=positions["kebutuhan"].isna().astype(int),
    )
    return frame.groupby(by, sort=False, dropna=False)[TOTAL_COLUMNS].sum(min_count=0)


def _unit_totals(
    positions: pd.DataFrame, people: pd.DataFrame, retirees: pd.DataFrame
) -> pd.DataFrame:
    units = _totals(positions, "unit_key")
    counts = pd.DataFrame(
        {
            "tidak_terpetakan": (~people["mapped"]).groupby(people["unit_key"]).sum(),
            "pensiun_horizon": retirees.groupby("unit_key").size(),
            "rotasi_jatuh_tempo": (people["status_rotasi"] == rotation.JATUH_TEMPO)
            .groupby(people["unit_key"])
            .sum(),
        }
    )
    names = pd.concat([positions[["unit_key", "unit_kerja"]], people[["unit_key", "unit_kerja"]]])
    order = names.dropna(subset=["unit_key"]).drop_duplicates("unit_key")
    out = order.set_index("unit_key").join(units).join(counts)
    numbers = [*TOTAL_COLUMNS, *counts.columns]
    out[numbers] = out[numbers].fillna(0)
    whole = [c for c in numbers if c not in _FRACTIONAL]
    return out.astype(dict.fromkeys(whole, "int64")).reset_index()


def _city(
    positions: pd.DataFrame, units: pd.DataFrame, people: pd.DataFrame, retirees: pd.DataFrame
) -> dict[str, Any]:
    status = people["status_rotasi"]
    return {
        "units": len(units),
        "positions": len(positions),
        "pegawai": len(people),
        **{k: _json_value(v) for k, v in units[TOTAL_COLUMNS[1:]].sum().items()},
        "tidak_terpetakan": int((~people["mapped"]).sum()),
        "pensiun_horizon": len(retirees),
        "rotasi_jatuh_tempo": int((status == rotation.JATUH_TEMPO).sum()),
        "rotasi_belum_layak": int((status == rotation.BELUM_LAYAK).sum()),
        "abk_berbeda": int(positions["abk_differs"].sum()),
    }


def _abk_unmatched(
    beban_kerja: pd.DataFrame | None, positions: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """ABK positions (unit, jabatan) that the position map does not have."""
    load = _abk_by_position(beban_kerja, settings)
    known = pd.MultiIndex.from_frame(positions[KEYS])
    return load[~load.index.isin(known)].reset_index(drop=True)


# ---- result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedsResult:
    """Everything `analyze-needs` reports; frames use the column names of the module rules."""

    per: date
    horizon: int
    horizon_start: date  # first day of the retirement window (the day after per)
    horizon_end: date  # last day of the window: per + horizon years
    positions: pd.DataFrame  # = position_balance
    units: pd.DataFrame  # per unit totals
    by_jenis: pd.DataFrame  # per jenis jabatan totals
    city: dict[str, Any]  # city totals
    retirees: pd.DataFrame  # past BUP on per, or retiring within the window
    projection: pd.DataFrame  # per period (past BUP, then each year) and unit, after its retirees
    rotation: pd.DataFrame  # people due for rotation or not yet eligible
    unmapped_employees: pd.DataFrame
    empty_positions: pd.DataFrame
    supply: pd.DataFrame  # per shortage position, the internal pool
    abk_unmatched: pd.DataFrame  # ABK positions that are not in the map

    @property
    def years(self) -> list[int]:
        """The calendar years the retirement window touches (first and last may be partial)."""
        return [int(y) for y in self.periods()["tahun"]]

    def periods(self) -> pd.DataFrame:
        """Per calendar year of the window: ``tahun``, ``mulai``, ``sampai``, ``parsial``."""
        return horizon_periods(self.per, self.horizon)

    def projection_city(self) -> pd.DataFrame:
        """The projection summed over units, one row per period (past BUP first, then years)."""
        columns = ["pensiun", "bezetting", "kebutuhan", "selisih", "kekurangan", "kelebihan"]
        city = self.projection.groupby("periode", sort=False)[columns].sum().reset_index()
        order = _period_keys(self.per, self.horizon)
        city = city.set_index("periode").reindex(order).reset_index()
        tahun = pd.to_numeric(city["periode"].where(city["periode"] != PAST_BUP), errors="coerce")
        city.insert(0, "tahun", tahun.astype("Int64"))
        return city

    def summary(self) -> dict[str, Any]:
        """The --json summary (DESIGN.md section 7), JSON-safe (missing values are None)."""
        detail = self.positions[
            ["unit_kerja", "jabatan", "kebutuhan", "kebutuhan_abk_raw", "bezetting", "selisih"]
        ]
        keys = _period_keys(self.per, self.horizon)
        periode = self.retirees["tahun"].astype("string").fillna(PAST_BUP)
        per_period = periode.value_counts().reindex(keys, fill_value=0)
        return {
            "per": self.per.isoformat(),
            "horizon": self.horizon,
            "horizon_start": self.horizon_start.isoformat(),
            "horizon_end": self.horizon_end.isoformat(),
            **{k: _json_value(v) for k, v in self.city.items()},
            "pensiun_per_tahun": {str(k): int(n) for k, n in per_period.items()},
            "positions_detail": _records(detail),
        }


def _json_value(value: Any) -> Any:
    """A scalar as a JSON-safe Python value: NA -> None, whole floats -> int."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: _json_value(v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def analyze_needs(
    pegawai: pd.DataFrame,
    jabatan: pd.DataFrame,
    beban_kerja: pd.DataFrame | None,
    *,
    per: date,
    horizon: int = 5,
    settings: Settings,
) -> NeedsResult:
    """Need vs. staffing per position and unit, retirements ahead, rotation due, supply.

    Raises :class:`MutasiError` for an empty roster or map, a roster and a map that share no unit,
    and a reference date before every employee's TMT jabatan.
    """
    pegawai, jabatan = _with_keys(pegawai), _with_keys(jabatan)
    if beban_kerja is not None:
        beban_kerja = _with_keys(beban_kerja)
    _check_inputs(pegawai, jabatan, per)
    positions = position_balance(pegawai, jabatan, beban_kerja, settings)
    people = _people(pegawai, positions, per, settings)
    retirees = _retirees(people, per, horizon)
    units = _unit_totals(positions, people, retirees)
    start, end = horizon_window(per, horizon)
    return NeedsResult(
        per=per,
        horizon=horizon,
        horizon_start=start,
        horizon_end=end,
        positions=positions,
        units=units,
        by_jenis=_totals(positions, "jenis_jabatan").reset_index(),
        city=_city(positions, units, people, retirees),
        retirees=retirees.drop(columns=[*KEYS, "mapped", "periode"]),
        projection=_projection(positions, retirees, per, horizon),
        rotation=_rotation_list(people),
        unmapped_employees=_unmapped(people, positions).drop(columns=KEYS),
        empty_positions=positions.loc[positions["bezetting"] == 0, EMPTY_COLUMNS].reset_index(
            drop=True
        ),
        supply=internal_supply(positions, pegawai, jabatan, settings),
        abk_unmatched=_abk_unmatched(beban_kerja, positions, settings),
    )
