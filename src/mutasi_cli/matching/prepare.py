"""Canonical frames -> the positions and people of one proposal run, with numeric codes.

Positions (one row per position of the map, sorted by unit and position key) carry their balance
(:func:`mutasi_cli.needs.position_balance`), requirements and seats:

* ``seats``: open vacancy seats, ``need - bezetting`` rounded half up (0 when the need is
  unknown). With ``propose.include_retirement_slots`` the bezetting first loses the people who
  are not candidates and retire within ``retirement_horizon_months``.
* ``refill``: a seat left by a mover may be taken by someone else. True where the need is known
  and the position is not in surplus: leaving a surplus position only reduces the surplus.
* ``priority`` (0..1): the shortage a missing person makes, as a share of the need: the shortage
  for a short position, one person for a balanced one. ``relief`` (0..1): the surplus as a share
  of the need, for a position in surplus.

People (the roster, one row per NIP, sorted by NIP) carry months in position and rotation status
(:mod:`mutasi_cli.rules.rotation`), TMT pensiun (:mod:`mutasi_cli.rules.bup`), current JPM
(against their own position's standard, else the ``potensi`` column) and talent box
(:mod:`mutasi_cli.rules.talent`), willingness and aspirations. The eligibility module then marks
exclusions, scope and candidates; :func:`arrays` turns candidates and positions into the numeric
arrays the pair builder broadcasts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.needs import position_balance
from mutasi_cli.rules import bup, rotation
from mutasi_cli.rules.jabatan import (
    eselon_range,
    is_guru,
    jf_range,
    pelaksana_group,
    school_level,
)
from mutasi_cli.rules.jpm import jpm_percent, teknis_weights
from mutasi_cli.rules.skp import latest_annual, predikat_requirement
from mutasi_cli.rules.talent import recommends_rotation, talent_box
from mutasi_cli.schema import COMPETENCIES, TEKNIS, name_key
from mutasi_cli.settings import Settings

KEYS = ["unit_key", "jabatan_key"]
CHOICES = (1, 2, 3)
TEKNIS_MASK = np.array([c in TEKNIS for c in COMPETENCIES])
_FAMILY_ATTRS = ("jenis_jabatan", "eselon", "jenjang", "rumpun")


def col(frame: pd.DataFrame, name: str, dtype: str = "string") -> pd.Series:
    """A column of ``frame`` as ``dtype``, or an all-NA column when the frame lacks it."""
    if name in frame:
        return frame[name].astype(dtype)
    return pd.Series(pd.NA, index=frame.index, dtype=dtype)


def floats(series: pd.Series) -> np.ndarray:
    return series.astype("Float64").to_numpy(float, na_value=np.nan)


def _folded(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.casefold()


def family_code(
    frame: pd.DataFrame, settings: Settings, group: pd.Series | None = None
) -> pd.Series:
    """Job family a move must stay within (NA when unknown: then it is not checked).

    Structural posts by eselon (else jenjang); functional posts by track (rumpun: the title
    without its jenjang, so "guru kelas" and "guru matematika" differ) and jenjang; pelaksana by
    their group of the pelaksana nomenclature (``group``, else the title's packaged group), a
    title in no group only with the same title (``propose.pelaksana_groups``; off: pelaksana
    with pelaksana).
    """
    jenis = _folded(col(frame, "jenis_jabatan"))
    eselon = col(frame, "eselon").fillna(_folded(col(frame, "jenjang")))
    struktural = "struktural|" + eselon
    fungsional = (
        "fungsional|" + _folded(col(frame, "rumpun")) + "|" + _folded(col(frame, "jenjang"))
    )
    pelaksana = pd.Series("pelaksana", index=frame.index, dtype="string")
    if settings.propose.pelaksana_groups:
        own = pelaksana_group(col(frame, "jabatan"))
        chosen = own if group is None else group.astype("string").fillna(own)
        pelaksana = ("pelaksana|" + chosen).fillna("pelaksana|=" + name_key(col(frame, "jabatan")))
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    out = out.mask(jenis == "struktural", struktural)
    out = out.mask(jenis == "fungsional", fungsional)
    return out.mask(jenis == "pelaksana", pelaksana)


def competency_levels(frame: pd.DataFrame) -> np.ndarray:
    """``(rows, k)`` float levels in :data:`schema.COMPETENCIES` order (NaN where missing)."""
    return np.column_stack([floats(col(frame, c, "Float64")) for c in COMPETENCIES])


# ---- positions ----------------------------------------------------------------------------


def _with_keys(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        unit_key=name_key(col(frame, "unit_kerja")), jabatan_key=name_key(col(frame, "jabatan"))
    )


def _grade_range(positions: pd.DataFrame, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Golongan range from the position's own columns, else its eselon's (docs/regulasi.md 5.4), else
    its JF jenjang's (``Settings.ranges``)."""
    low, high = eselon_range(col(positions, "eselon"), settings.ranges)
    jf_low, jf_high = jf_range(col(positions, "jenjang"), settings.ranges)
    low, high = low.fillna(jf_low), high.fillna(jf_high)
    gmin = col(positions, "golongan_min_id", "Float64").fillna(low.astype("Float64"))
    gmax = col(positions, "golongan_max_id", "Float64").fillna(high.astype("Float64"))
    return floats(gmin), floats(gmax)


def positions_frame(
    pegawai: pd.DataFrame,
    jabatan: pd.DataFrame,
    beban_kerja: pd.DataFrame | None,
    settings: Settings,
) -> pd.DataFrame:
    """One row per position of the map with its balance and requirements (no seats yet)."""
    balance = position_balance(pegawai, jabatan, beban_kerja, settings)
    attrs = (
        _with_keys(jabatan)
        .drop_duplicates(KEYS)
        .drop(columns=["unit_kerja", "jabatan", "jenis_jabatan", "kebutuhan"], errors="ignore")
    )
    out = balance.merge(attrs, on=KEYS, how="left")
    staff = _with_keys(pegawai).sort_values("nip", kind="stable")
    held = staff.groupby(KEYS)[[a for a in _FAMILY_ATTRS if a in staff]].first()
    joined = out.join(held.add_prefix("held_"), on=KEYS)
    for name in held.columns:  # a map without the attribute borrows it from the holder
        out[name] = col(out, name).fillna(joined["held_" + name].astype("string"))
    out["induk_key"] = name_key(col(out, "unit_induk")).fillna(out["unit_key"])
    out["group"] = pelaksana_group(col(out, "jabatan"), col(out, "kelompok_jabatan"))
    out["family"] = family_code(out, settings, out["group"])
    out["school"] = school_level(col(out, "unit_kerja"))
    out["guru"] = is_guru(col(out, "rumpun"))
    out["jpt"] = (_folded(col(out, "jenjang")) == "jpt").fillna(False).to_numpy(bool)
    out["gmin"], out["gmax"] = _grade_range(out, settings)
    out["pmin"] = floats(col(out, "pendidikan_min_level", "Float64"))
    out["jurusan_req"] = _folded(col(out, "jurusan"))
    return out.sort_values(KEYS, kind="stable").reset_index(drop=True)


MAX_SEATS = 1_000_000


def add_seats(positions: pd.DataFrame, retiring: pd.Series) -> pd.DataFrame:
    """Seats, refill, priority and relief per position; ``retiring`` counts per position index."""
    need = floats(positions["kebutuhan"])
    staff = positions["bezetting"].to_numpy(float) - retiring.to_numpy(float)
    known = np.isfinite(need)
    gap = np.where(known, need - staff, 0.0)
    per_person = np.where(known & (need > 0), 1 / np.where(need > 0, need, 1), 0.0)
    return positions.assign(
        # an absurd need (1e20 typed by mistake) stays a count: more seats than any province
        # has staff, never an int64 overflow to a negative count
        seats=np.floor(np.clip(gap, 0, MAX_SEATS) + 0.5).astype(np.int64),
        refill=known & (gap >= 0),
        priority=np.clip(np.maximum(gap, 1) * per_person, 0, 1) * (known & (gap >= 0)),
        relief=np.clip(-gap / np.maximum(np.nan_to_num(need), 1), 0, 1) * (known & (gap < 0)),
    )


# ---- people -------------------------------------------------------------------------------


def _latest_first(frame: pd.DataFrame) -> pd.DataFrame:
    """Order by NIP, then source row, so the first of a duplicated NIP does not depend on order."""
    order = [c for c in ("nip", "excel_row") if c in frame]
    return frame.sort_values(order, kind="stable")


def dedupe(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(first row per NIP, the duplicated rows) with the first by source row."""
    ordered = _latest_first(frame)
    dup = ordered["nip"].duplicated(keep=False)
    return ordered.drop_duplicates("nip").reset_index(drop=True), ordered[dup]


def _merge_competencies(pegawai: pd.DataFrame, kompetensi: pd.DataFrame | None) -> pd.DataFrame:
    present = [c for c in COMPETENCIES if kompetensi is not None and c in kompetensi]
    if not present:
        return pegawai
    levels = dedupe(kompetensi)[0].set_index("nip")[present]
    joined = pegawai.join(levels.add_suffix("_kompetensi"), on="nip")
    for c in present:  # the competency table wins over levels typed in the roster
        own = col(joined, c, "Float64")
        joined[c] = joined.pop(f"{c}_kompetensi").astype("Float64").fillna(own)
    return joined


def _aspirations(people: pd.DataFrame, aspirasi: pd.DataFrame | None) -> pd.DataFrame:
    wanted = ["bersedia_mutasi"] + [
        name for k in CHOICES for name in (f"pilihan_{k}", f"pilihan_{k}_jabatan")
    ]
    table = (
        dedupe(aspirasi)[0].set_index("nip")
        if aspirasi is not None and not aspirasi.empty
        else pd.DataFrame(index=pd.Index([], name="nip", dtype="string"))
    )
    for name in wanted:
        table[name] = col(table, name, "boolean" if name == "bersedia_mutasi" else "string")
    joined = people.join(table[wanted], on="nip")
    for k in CHOICES:
        joined[f"choice_{k}_unit"] = name_key(joined[f"pilihan_{k}"])
        joined[f"choice_{k}_jabatan"] = name_key(joined[f"pilihan_{k}_jabatan"])
    joined["asked"] = joined[[f"choice_{k}_unit" for k in CHOICES]].notna().any(axis=1)
    return joined


def people_frame(
    pegawai: pd.DataFrame,
    positions: pd.DataFrame,
    kompetensi: pd.DataFrame | None,
    aspirasi: pd.DataFrame | None,
    per: date,
    settings: Settings,
    annual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The roster (deduplicated, sorted by NIP) with everything eligibility and scoring need.

    With ``annual`` (:func:`mutasi_cli.rules.skp.annual_predikat`) the talent box uses the
    latest annual predikat and ``skp_ok`` / ``skp_detail`` hold the performance requirement.
    """
    people = _merge_competencies(dedupe(pegawai)[0], kompetensi)
    if annual is not None:
        typed = col(people, "kinerja")
        people["kinerja"] = latest_annual(annual, people["nip"]).fillna(typed)
        check = predikat_requirement(annual, people["nip"], per.year, settings)
        people["skp_ok"], people["skp_detail"] = check["ok"], check["detail"]
    else:
        people["skp_ok"] = True
        people["skp_detail"] = pd.Series(pd.NA, index=people.index, dtype="string")
    people = _with_keys(people)
    index = pd.MultiIndex.from_frame(positions[KEYS]).get_indexer(
        pd.MultiIndex.from_frame(people[KEYS])
    )
    people["home"] = index.astype(np.int64)
    people["induk_key"] = name_key(col(people, "unit_induk")).fillna(people["unit_key"])
    on_map = index >= 0
    home_group = positions["group"].to_numpy(object)[np.maximum(index, 0)]
    group = pd.Series(np.where(on_map, home_group, None), index=people.index, dtype="string")
    own_group = pelaksana_group(col(people, "jabatan"), col(people, "kelompok_jabatan"))
    people["family"] = family_code(people, settings, group.fillna(own_group))
    people["school"] = school_level(col(people, "unit_kerja"))
    people["guru"] = is_guru(col(people, "rumpun"))
    months = rotation.months_in_position(col(people, "tmt_jabatan", "datetime64[ns]"), per)
    people["months"] = months
    people["rotation"] = rotation.rotation_status(months, settings)
    age = bup.bup_age(
        col(people, "jenjang"), settings, col(people, "rumpun"), col(people, "jabatan")
    )
    people["tmt_pensiun"] = bup.retirement_date(
        col(people, "tanggal_lahir", "datetime64[ns]"), age, settings
    )
    standar = competency_levels(positions)
    home_std = np.where((index >= 0)[:, None], standar[np.maximum(index, 0)], np.nan)
    weight = teknis_weights(positions["jenjang"], settings.jpm)
    home_w = None if weight is None else np.where(index >= 0, weight[np.maximum(index, 0)], np.nan)
    current = jpm_percent(
        competency_levels(people), home_std, settings.jpm, teknis=TEKNIS_MASK, teknis_weight=home_w
    )
    potensi = col(people, "potensi", "Float64")
    people["jpm_current"] = pd.Series(current, index=people.index, dtype="Float64").fillna(potensi)
    people["box"] = talent_box(
        col(people, "kinerja"), potensi.fillna(people["jpm_current"]), settings
    )
    people["rotation_box"] = recommends_rotation(people["box"], settings)
    status = positions["status"].to_numpy(object)
    people["home_status"] = pd.Series(
        np.where(index >= 0, status[np.maximum(index, 0)], None), index=people.index, dtype="string"
    )
    return _aspirations(people, aspirasi)


def retiring_per_position(
    people: pd.DataFrame, n_positions: int, per: date, settings: Settings
) -> pd.Series:
    """Non-candidates retiring within the horizon, counted per position (0 when switched off)."""
    cfg = settings.propose
    counts = np.zeros(n_positions, np.int64)
    if cfg.include_retirement_slots:
        limit = pd.Timestamp(per) + pd.DateOffset(months=cfg.retirement_horizon_months)
        leaving = (people["tmt_pensiun"] <= limit).fillna(False) & ~people["candidate"]
        homes = people.loc[leaving & (people["home"] >= 0), "home"].to_numpy()
        counts = np.bincount(homes, minlength=n_positions)
    return pd.Series(counts)


# ---- numeric arrays -----------------------------------------------------------------------


@dataclass(frozen=True)
class Arrays:
    """Numbers of candidates (rows) and positions (columns) for the pair builder."""

    # candidates
    home: np.ndarray  # position index or -1 (position not in the map)
    golongan: np.ndarray  # SIASN id (NaN unknown)
    pendidikan: np.ndarray  # SIASN tingkat (NaN unknown)
    jurusan_ok: np.ndarray  # (n, R) bool: candidate's field meets field requirement r
    family: np.ndarray  # code (-1 unknown)
    unit: np.ndarray  # unit code
    induk: np.ndarray  # parent unit code
    jabatan: np.ndarray  # position-name code
    choice_unit: np.ndarray  # (n, 3) unit code of each choice (-1 none)
    choice_jabatan: np.ndarray  # (n, 3) position-name code (-1: any of the unit, -2: unknown)
    capaian: np.ndarray  # (n, k) levels
    jpm_current: np.ndarray
    rotation_box: np.ndarray  # bool
    tenure: np.ndarray  # 0 at the minimum months in position .. 1 at the maximum
    hole: np.ndarray  # priority of the seat a move leaves (negative: relief of a surplus)
    due: np.ndarray  # bool: past the rotation limit
    guru: np.ndarray  # bool: a teacher bound to the school level rule
    school: np.ndarray  # school level code of the own unit (-1 none)
    # positions
    gmin: np.ndarray
    gmax: np.ndarray
    pmin: np.ndarray
    jurusan_req: np.ndarray  # requirement index r (-1 none)
    p_family: np.ndarray
    p_unit: np.ndarray
    p_induk: np.ndarray
    p_jabatan: np.ndarray
    standar: np.ndarray  # (P, k)
    teknis_weight: np.ndarray | None
    priority: np.ndarray
    open: np.ndarray  # bool: seats others may take (vacancies or refillable seats)
    p_guru: np.ndarray  # bool: a teaching post
    p_school: np.ndarray  # school level code (-1 none)


def _codes(universe: pd.Index, values: pd.Series) -> np.ndarray:
    return universe.get_indexer(values.astype("string").fillna("\x00")).astype(np.int64)


def _choice_codes(universe: pd.Index, values: pd.Series) -> np.ndarray:
    """Codes of a named position: -1 when none is named, -2 when it is not in the map."""
    codes = _codes(universe, values)
    return np.where((codes < 0) & values.notna().to_numpy(bool), -2, codes)


def _field_matches(jurusan: pd.Series, requirements: pd.Index) -> np.ndarray:
    """(n, R): the person's field contains an alternative ("a / b, c") of requirement r.

    An unknown field is not checked (True).
    """
    text = _folded(jurusan)
    out = np.zeros((len(text), len(requirements)), bool)
    for r, requirement in enumerate(requirements):
        options = [re.escape(o.strip()) for o in re.split(r"[/,;]", requirement) if o.strip()]
        out[:, r] = text.str.contains("|".join(options), regex=True).fillna(True).to_numpy(bool)
    return out


def arrays(cands: pd.DataFrame, positions: pd.DataFrame, settings: Settings) -> Arrays:
    """The numeric form of candidates and positions (codes share one universe per kind)."""
    units = pd.Index(
        pd.concat([positions["unit_key"], positions["induk_key"], cands["unit_key"]])
        .dropna()
        .unique()
    )
    names = pd.Index(pd.concat([positions["jabatan_key"], cands["jabatan_key"]]).dropna().unique())
    families = pd.Index(pd.concat([positions["family"], cands["family"]]).dropna().unique())
    requirements = pd.Index(positions["jurusan_req"].dropna().unique())
    levels = pd.Index(pd.concat([positions["school"], cands["school"]]).dropna().unique())
    guru_rule = settings.propose.guru_same_level
    rot = settings.rotation
    span = max(rot.max_months - rot.min_months, 1)
    months = floats(cands["months"])
    tenure = np.clip((months - rot.min_months) / span, 0, 1)
    home = cands["home"].to_numpy(np.int64)
    on_map = home >= 0
    h = np.maximum(home, 0)
    seat_value = np.where(
        positions["refill"].to_numpy(bool), positions["priority"], -positions["relief"]
    )
    return Arrays(
        home=home,
        golongan=floats(col(cands, "golongan_id", "Float64")),
        pendidikan=floats(col(cands, "pendidikan_level", "Float64")),
        jurusan_ok=_field_matches(col(cands, "jurusan"), requirements),
        family=_codes(families, cands["family"]),
        unit=_codes(units, cands["unit_key"]),
        induk=_codes(units, cands["induk_key"]),
        jabatan=_codes(names, cands["jabatan_key"]),
        choice_unit=np.column_stack([_codes(units, cands[f"choice_{k}_unit"]) for k in CHOICES]),
        choice_jabatan=np.column_stack(
            [_choice_codes(names, cands[f"choice_{k}_jabatan"]) for k in CHOICES]
        ),
        capaian=competency_levels(cands),
        jpm_current=floats(cands["jpm_current"]),
        rotation_box=cands["rotation_box"].to_numpy(bool),
        tenure=np.nan_to_num(tenure, nan=1.0),
        hole=np.where(on_map, seat_value[h], 0.0) if len(seat_value) else np.zeros(len(home)),
        due=rotation.is_due(cands["rotation"]),
        guru=cands["guru"].to_numpy(bool) & guru_rule,
        school=_codes(levels, cands["school"]),
        gmin=positions["gmin"].to_numpy(float),
        gmax=positions["gmax"].to_numpy(float),
        pmin=positions["pmin"].to_numpy(float),
        jurusan_req=requirements.get_indexer(positions["jurusan_req"].fillna("\x00")).astype(
            np.int64
        ),
        p_family=_codes(families, positions["family"]),
        p_unit=_codes(units, positions["unit_key"]),
        p_induk=_codes(units, positions["induk_key"]),
        p_jabatan=_codes(names, positions["jabatan_key"]),
        standar=competency_levels(positions),
        teknis_weight=teknis_weights(positions["jenjang"], settings.jpm),
        priority=positions["priority"].to_numpy(float),
        open=(positions["seats"].to_numpy() > 0) | positions["refill"].to_numpy(bool),
        p_guru=positions["guru"].to_numpy(bool) & guru_rule,
        p_school=_codes(levels, positions["school"]),
    )
