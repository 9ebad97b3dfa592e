"""JPT posts and holders: never in the move list, a sheet for their own procedure instead.

A JPT (eselon I/II, *Jabatan Pimpinan Tinggi*) is filled by open selection and moved after a
competency test (UU 20/2023; docs/regulasi.md 5.7), not by the BKPSDM's transfer round. With
``propose.exclude_jpt`` the run lists instead:

* ``formasi``: each open JPT vacancy with a ranked shortlist of up to ``jpt_shortlist`` PNS of
  jenjang JPT or administrator whose golongan fits the post's range (its own columns, else its
  eselon's), by JPM % against the post's standard (then NIP);
* ``jatuh_tempo``: each JPT holder past the rotation limit, with the other JPT posts of the
  same eselon they match best (for the competency test / rotation decision).

The pool is small (a city has a few dozen JPT posts), so a loop over posts is fine.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.matching.prepare import TEKNIS_MASK, col, competency_levels, floats
from mutasi_cli.rules.jpm import jpm_matrix, teknis_weights
from mutasi_cli.rules.rotation import is_due
from mutasi_cli.settings import Settings

COLUMNS = (
    "kind",
    "unit_kerja",
    "jabatan",
    "nip",
    "nama",
    "months",
    "rank",
    "cand_nip",
    "cand_nama",
    "cand_unit",
    "cand_jabatan",
    "jpm",
)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` best finite scores (ties: lower index first)."""
    finite = np.flatnonzero(np.isfinite(scores))
    order = finite[np.lexsort((finite, -scores[finite]))]
    return order[:k]


def jpt_sheet(
    people: pd.DataFrame, positions: pd.DataFrame, per: date, settings: Settings
) -> pd.DataFrame:
    """The JPT rows (see the module docstring), one per (post or holder, shortlist place)."""
    cfg = settings.propose
    jenjang = col(people, "jenjang").str.casefold()
    pns = (col(people, "status") != "PPPK").fillna(True).to_numpy(bool)
    pool = np.flatnonzero(pns & jenjang.isin(["jpt", "administrator"]).fillna(False).to_numpy())
    jpt_pos = np.flatnonzero(positions["jpt"].to_numpy(bool))
    if not len(jpt_pos):
        return pd.DataFrame(columns=list(COLUMNS))
    weight = teknis_weights(positions["jenjang"], settings.jpm)
    tw = None if weight is None else weight[jpt_pos]
    score = jpm_matrix(
        competency_levels(people.iloc[pool]),
        competency_levels(positions.iloc[jpt_pos]),
        settings.jpm,
        teknis=TEKNIS_MASK,
        teknis_weight=tw,
    )
    grade = floats(col(people, "golongan_id", "Float64"))[pool]
    gmin = positions["gmin"].to_numpy(float)[jpt_pos]
    gmax = positions["gmax"].to_numpy(float)[jpt_pos]
    with np.errstate(invalid="ignore"):
        fits = ~((grade[:, None] < gmin[None, :]) | (grade[:, None] > gmax[None, :]))
    home = people["home"].to_numpy()[pool]
    fits &= home[:, None] != jpt_pos[None, :]
    score = np.where(fits, np.nan_to_num(score, nan=0.0), -np.inf)
    rows: list[dict] = []
    nip, nama = people["nip"].to_numpy(object), people["nama"].to_numpy(object)
    unit, jab = people["unit_kerja"].to_numpy(object), people["jabatan"].to_numpy(object)
    p_unit, p_jab = positions["unit_kerja"].to_numpy(object), positions["jabatan"].to_numpy(object)
    base = dict.fromkeys(COLUMNS)
    for j, p in enumerate(jpt_pos):  # a loop over JPT posts (a few dozen)
        if positions["closed_seats"].iloc[p] <= 0:
            continue
        item = {**base, "kind": "formasi", "unit_kerja": p_unit[p], "jabatan": p_jab[p]}
        picks = _top(score[:, j], cfg.jpt_shortlist)
        rows += [
            {
                **item,
                "rank": r + 1,
                "cand_nip": nip[pool[i]],
                "cand_nama": nama[pool[i]],
                "cand_unit": unit[pool[i]],
                "cand_jabatan": jab[pool[i]],
                "jpm": score[i, j],
            }
            for r, i in enumerate(picks)
        ] or [item]
    due = np.flatnonzero(
        (jenjang == "jpt").fillna(False).to_numpy(bool) & is_due(people["rotation"])
    )
    in_pool = pd.Index(pool)
    for i in due:  # a loop over overdue JPT holders
        item = {
            **base,
            "kind": "jatuh_tempo",
            "unit_kerja": unit[i],
            "jabatan": jab[i],
            "nip": nip[i],
            "nama": nama[i],
            "months": people["months"].iloc[i],
        }
        at = in_pool.get_indexer([i])[0]
        picks = _top(score[at], cfg.jpt_shortlist) if at >= 0 else []
        rows += [
            {
                **item,
                "rank": r + 1,
                "cand_unit": p_unit[jpt_pos[j]],
                "cand_jabatan": p_jab[jpt_pos[j]],
                "jpm": score[at, j],
            }
            for r, j in enumerate(picks)
        ] or [item]
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    return out.astype({"rank": "Int64", "months": "Int64", "jpm": "Float64"})
