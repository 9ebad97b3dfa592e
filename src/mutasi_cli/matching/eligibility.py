"""Who may be moved at all, who is considered, and which (candidate, position) pairs are allowed.

**Never moved** (each switch in ``[propose]`` of mutasi.toml; every person is reported with every
reason that applies, in this order):

* ``pppk``: PPPK (``exclude_pppk``; docs/regulasi.md 5.3).
* ``masa_jabatan``: fewer than ``rotation.min_months`` in the position (Perban BKN 5/2019, 5.3).
* ``hukuman``: a disciplinary sanction without an end date or ending on/after the reference date,
  i.e. active or still in process (``block_active_sanction``; 5.2, 5.5).
* ``pensiun``: TMT pensiun within ``bup_protect_months`` (5.6).
* ``talenta_1``: talent box 1 (``exclude_talent_box_1``; 3.3).
* ``tidak_bersedia``: said "tidak bersedia" in the aspiration sheet (``respect_unwilling``,
  default: always honoured; off, ``unwilling_excluded_unless_due`` decides).
* ``jpt``: a JPT (eselon I/II): never auto-proposed with ``exclude_jpt`` (their own procedure,
  open selection; docs/regulasi.md 5.7), else only within ``jpt_protect_months`` of appointment (UU
  5/2014 Pasal 116 as quoted in docs/regulasi.md 5.1; UU 20/2023 is the ASN law in force).
* ``skp``: no annual SKP predikat of at least ``min_predikat`` in each of the last
  ``min_predikat_years`` years (Perban BKN 5/2019 Pasal 3, docs/regulasi.md 5.2 item 6); checked when
  performance records are given.
* ``pilkada``: a pejabat (struktural) while the reference date lies in an election blackout
  window (UU 10/2016 Pasal 71(2), 162(3)): only with the Mendagri's written permission.

**Scope**: ``default`` considers people whose rotation is due, who hold a position in surplus or
who named a choice in the aspiration sheet; ``all`` considers everyone. Candidates are the people
in scope who are not excluded.

**Pair rules** (hard; a rule is checked where both sides are known, the committee sees the
rest): ``golongan`` inside the position's range (its own columns, else its eselon's, 5.4);
``pendidikan`` at least the minimum; ``jurusan`` matching the required field where one is set;
``rumpun``: the same job family (a functional track only to the same track and jenjang,
pelaksana with pelaksana, structural posts with the same eselon); ``jabatan_sama``: not the
position the candidate already holds.

**Blackout**: a reference date inside a window of ``propose.blackout`` (UU 10/2016 Pasal 71(2)
and 162(3), 5.1) keeps every pejabat (struktural) in place and every structural post closed;
pelaksana and JF moves go on. Replacing a pejabat then needs the Mendagri's written permission.

**Guru** (``guru_same_level``): a teacher moves to the same subject / teaching type (the family
rule: "guru kelas" is not "guru matematika") and to a school of the same level (SD, SMP, ...)
unless the move meets their aspiration (rule ``jenjang_sekolah``).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.errors import UsageError
from mutasi_cli.matching.prepare import Arrays, col
from mutasi_cli.rules.rotation import BELUM_LAYAK, JATUH_TEMPO
from mutasi_cli.settings import Settings

EXCLUSIONS: tuple[str, ...] = (
    "pppk",
    "masa_jabatan",
    "hukuman",
    "pensiun",
    "talenta_1",
    "tidak_bersedia",
    "jpt",
    "skp",
    "pilkada",
)
PAIR_RULES: tuple[str, ...] = (
    "golongan",
    "pendidikan",
    "jurusan",
    "rumpun",
    "jabatan_sama",
    "jenjang_sekolah",
)
SCOPES: tuple[str, ...] = ("default", "all")
# Sanction cells that mean "none".
_NO_SANCTION = frozenset({"", "-", "0", "tidak", "tidak ada", "tdk ada", "nihil", "none", "belum"})


def blackout_window(per: date, settings: Settings) -> tuple[date, date] | None:
    """The configured blackout window the reference date lies in, or None."""
    for window in settings.propose.blackout:
        try:
            start, end = (date.fromisoformat(part.strip()) for part in window.split("/"))
        except ValueError:
            raise UsageError.of("propose.error.bad_blackout", window=window) from None
        if start <= per <= end:
            return start, end
    return None


def _sanction(people: pd.DataFrame, per: date) -> pd.Series:
    text = col(people, "hukuman_disiplin").str.strip().str.casefold()
    has = text.notna() & ~text.isin(_NO_SANCTION)
    ends = col(people, "hukuman_selesai", "datetime64[ns]")
    running = ends.isna() | (ends >= pd.Timestamp(per))
    return (has & running).fillna(False)


def exclusions(people: pd.DataFrame, per: date, settings: Settings) -> pd.DataFrame:
    """One bool column per reason in :data:`EXCLUSIONS` (True: never moved for that reason)."""
    cfg = settings.propose
    due = people["rotation"] == JATUH_TEMPO
    months = people["months"]
    jpt = col(people, "jenjang").str.casefold() == "jpt"
    limit = pd.Timestamp(per) + pd.DateOffset(months=cfg.bup_protect_months)
    unwilling = people["bersedia_mutasi"] == False  # noqa: E712 - nullable boolean
    if cfg.unwilling_excluded_unless_due and not cfg.respect_unwilling:
        unwilling &= ~due
    struktural = col(people, "jenis_jabatan").str.casefold() == "struktural"
    skp_ok = people["skp_ok"] if "skp_ok" in people else pd.Series(True, index=people.index)
    flags = {
        "pppk": (col(people, "status") == "PPPK") & cfg.exclude_pppk,
        "masa_jabatan": people["rotation"] == BELUM_LAYAK,
        "hukuman": _sanction(people, per) & cfg.block_active_sanction,
        "pensiun": (people["tmt_pensiun"] <= limit) & (cfg.bup_protect_months > 0),
        "talenta_1": (people["box"] == 1) & cfg.exclude_talent_box_1,
        "tidak_bersedia": unwilling,
        "jpt": jpt & ((months < cfg.jpt_protect_months) | cfg.exclude_jpt),
        "skp": ~skp_ok.astype(bool) & (cfg.min_predikat_years > 0),
        "pilkada": struktural & (blackout_window(per, settings) is not None),
    }
    return pd.DataFrame({k: v.fillna(False).astype(bool) for k, v in flags.items()})


def in_scope(people: pd.DataFrame, scope: str) -> pd.Series:
    """People considered under ``scope``: see the module docstring."""
    if scope not in SCOPES:
        raise UsageError.of("propose.error.unknown_scope", scope=scope)
    if scope == "all":
        return pd.Series(True, index=people.index)
    due = people["rotation"] == JATUH_TEMPO
    surplus = people["home_status"] == "lebih"
    return (due | surplus).fillna(False) | people["asked"]


def pair_masks(a: Arrays, rows: slice | np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
    """For candidates ``rows`` x positions ``cols``: one ``(r, c)`` bool array per pair rule."""
    g = a.golongan[rows, None]
    e = a.pendidikan[rows, None]
    fam = a.family[rows, None]
    p_fam = a.p_family[None, cols]
    req = a.jurusan_req[cols]
    field = np.ones((g.shape[0], len(cols)), bool)
    if a.jurusan_ok.shape[1]:
        field = np.where(req >= 0, a.jurusan_ok[rows][:, np.maximum(req, 0)], True)
    with np.errstate(invalid="ignore"):
        grade = ~((g < a.gmin[None, cols]) | (g > a.gmax[None, cols]))
        education = ~(e < a.pmin[None, cols])
    return {
        "golongan": grade,
        "pendidikan": education,
        "jurusan": field,
        "rumpun": (fam < 0) | (p_fam < 0) | (fam == p_fam),
        "jabatan_sama": a.home[rows, None] != cols[None, :],
        "jenjang_sekolah": _same_school_level(a, rows, cols),
    }


def _same_school_level(a: Arrays, rows: slice | np.ndarray, cols: np.ndarray) -> np.ndarray:
    """A guru only to a school of the same level, unless a choice names the target.

    Only the block of guru candidates x guru posts is computed; every other cell passes."""
    ok = np.ones((len(a.home[rows]), len(cols)), bool)
    gi = np.flatnonzero(a.guru[rows])
    gc = cols[a.p_guru[cols]]
    if not len(gi) or not len(gc):
        return ok
    own, target = a.school[rows][gi, None], a.p_school[None, gc]
    choices = a.choice_unit[rows][gi]
    asked = np.zeros((len(gi), len(gc)), bool)
    for k in range(choices.shape[1]):  # a loop over the three choices
        unit = choices[:, k][:, None]
        asked |= (unit >= 0) & ((unit == a.p_unit[None, gc]) | (unit == a.p_induk[None, gc]))
    ok[np.ix_(gi, np.flatnonzero(a.p_guru[cols]))] = (
        (own < 0) | (target < 0) | (own == target) | asked
    )
    return ok


def _less(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cells with ``x[i] < y[j]``: (per j how many x are below, per i how many y are above).
    NaN on either side is no cell, as in the comparisons of :func:`pair_masks`."""
    xs, ys = np.sort(x[~np.isnan(x)]), np.sort(y[~np.isnan(y)])
    per_y = np.where(np.isnan(y), 0, np.searchsorted(xs, y, side="left"))
    per_x = np.where(np.isnan(x), 0, len(ys) - np.searchsorted(ys, x, side="right"))
    return per_y, per_x


def failed_counts(a: Arrays, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How often each pair rule fails over every (candidate, target) cell: per rule and target
    the candidates failing it, per rule and candidate the targets. The same numbers as summing
    :func:`pair_masks` over all cells, counted from sorted thresholds and per-code counts
    instead (the cells of one job family are all the pair builder visits)."""
    n, n_pos = len(a.home), len(a.priority)
    by_pos = np.zeros((len(PAIR_RULES), n_pos), np.int64)
    by_cand = np.zeros((len(PAIR_RULES), n), np.int64)
    r = {rule: k for k, rule in enumerate(PAIR_RULES)}
    g, e = np.asarray(a.golongan, float), np.asarray(a.pendidikan, float)
    gmin, gmax = np.asarray(a.gmin[targets], float), np.asarray(a.gmax[targets], float)
    # golongan: below the minimum or above the maximum (both only inside an inverted range,
    # gmax < g < gmin, counted once).
    low_t, low_i = _less(g, gmin)
    high_i, high_t = _less(gmax, g)
    inverted = gmax < gmin
    known = int((~np.isnan(g)).sum())
    both_t = np.where(inverted, low_t - (known - high_t), 0)
    above_max = _less(gmax[inverted], g)[0]
    from_min = int(inverted.sum()) - _less(g, gmin[inverted])[1]  # inverted ranges gmin <= g
    both_i = np.where(np.isnan(g), 0, above_max - from_min)
    by_pos[r["golongan"], targets] = low_t + high_t - both_t
    by_cand[r["golongan"]] = low_i + high_i - both_i
    by_pos[r["pendidikan"], targets], by_cand[r["pendidikan"]] = _less(
        e, np.asarray(a.pmin[targets], float)
    )
    req = a.jurusan_req[targets]
    if a.jurusan_ok.shape[1]:
        wrong = ~a.jurusan_ok
        by_pos[r["jurusan"], targets] = np.where(req >= 0, wrong.sum(axis=0)[np.maximum(req, 0)], 0)
        by_cand[r["jurusan"]] = wrong.astype(np.int64) @ np.bincount(
            req[req >= 0], minlength=wrong.shape[1]
        )
    fam, p_fam = a.family, a.p_family[targets]
    codes = max(int(fam.max(initial=-1)), int(p_fam.max(initial=-1))) + 1
    per_fam = np.bincount(fam[fam >= 0], minlength=codes)
    per_p_fam = np.bincount(p_fam[p_fam >= 0], minlength=codes)
    by_pos[r["rumpun"], targets] = np.where(
        p_fam >= 0, per_fam.sum() - per_fam[np.maximum(p_fam, 0)], 0
    )
    by_cand[r["rumpun"]] = np.where(fam >= 0, per_p_fam.sum() - per_p_fam[np.maximum(fam, 0)], 0)
    holders = np.bincount(a.home[a.home >= 0], minlength=n_pos)
    by_pos[r["jabatan_sama"], targets] = holders[targets]
    by_cand[r["jabatan_sama"]] = np.isin(a.home, targets)
    # The school level rule can fail only on guru x guru cells: counted on that block.
    gi, gc = np.flatnonzero(a.guru), targets[a.p_guru[targets]]
    step = max(1, 2_000_000 // max(len(gc), 1))
    for start in range(0, len(gi), step):  # chunks of guru candidates, not rows
        rows = gi[start : start + step]
        fail = ~_same_school_level(a, rows, gc)
        by_pos[r["jenjang_sekolah"], gc] += fail.sum(axis=0)
        by_cand[r["jenjang_sekolah"], rows] = fail.sum(axis=1)
    return by_pos, by_cand
