"""The score of every eligible (candidate, position) pair, part by part.

A move's score is ``sum(weight * part)``; staying scores 0, so a move is proposed only when its
score beats staying (and the joint optimum of everyone's moves, see :mod:`.assign`). Each part is
scaled to about -1..1 and kept for the explanation; the weights are in ``[propose]`` of
mutasi.toml.

* ``competency`` (``weight_competency``): the JPM % at the target minus the JPM % now (both
  against the position's standard, DOMAIN.md 2; the current one falls back to the ``potensi``
  column), over 100. Maximising the sum maximises the city's total job-person match; unknown
  when either JPM is unknown (0).
* ``talent`` (``weight_talent``): 1 when the candidate's talent box recommends rotation (boxes
  4, 7, 8; DOMAIN.md 3.3), else 0.
* ``aspiration`` (``weight_aspiration``): ``aspiration_points`` of the first choice the target
  meets (choice 1 > 2 > 3; a choice names a unit or parent unit, optionally a position).
* ``development`` (``weight_development``): 0.5 for a different parent unit (another field of
  government work) plus 0.5 for a different position name.
* ``vacancy`` (``weight_vacancy``): the target's priority (the shortage a missing person makes
  there, as a share of its need) minus the priority of the seat the candidate leaves empty; a
  seat in a surplus position counts as minus its relief. A chain is therefore scored fairly: the
  person who refills a vacated seat earns back what its leaver lost.
* ``stability`` (``stability_cost``): minus the disruption of any move: 1 at the minimum months
  in position, falling linearly to 0.5 at the maximum (rotation due: half the cost, so a due
  person still moves only for a reason, not for change alone).

Pairs are built in chunks of candidates: eligibility masks and the JPM matrix broadcast over
(chunk x positions open to newcomers); the parts are gathered for the eligible pairs only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mutasi_cli.matching.eligibility import PAIR_RULES, pair_masks
from mutasi_cli.matching.prepare import TEKNIS_MASK, Arrays
from mutasi_cli.rules.jpm import jpm_matrix
from mutasi_cli.settings import ProposeSettings, Settings

PARTS: tuple[str, ...] = (
    "competency",
    "talent",
    "aspiration",
    "development",
    "vacancy",
    "stability",
)
WEIGHT_FIELDS: dict[str, str] = {
    "competency": "weight_competency",
    "talent": "weight_talent",
    "aspiration": "weight_aspiration",
    "development": "weight_development",
    "vacancy": "weight_vacancy",
    "stability": "stability_cost",
}
_CHUNK_CELLS = 2_000_000  # candidate x position cells per chunk


def weights(cfg: ProposeSettings) -> np.ndarray:
    """The weight of each part, in :data:`PARTS` order."""
    return np.array([getattr(cfg, WEIGHT_FIELDS[p]) for p in PARTS], float)


@dataclass(frozen=True)
class Pairs:
    """Eligible moves: candidate ``row`` -> position ``col`` with unweighted ``parts``."""

    row: np.ndarray  # (E,) int64
    col: np.ndarray  # (E,) int64, index into the positions frame
    parts: np.ndarray  # (E, len(PARTS)) float64
    jpm: np.ndarray  # (E,) JPM % at the target (NaN unknown)
    rank: np.ndarray  # (E,) int8 aspiration choice met (0 none)
    failed_by_position: np.ndarray  # (len(PAIR_RULES), P) candidates failing each rule
    failed_by_candidate: np.ndarray  # (len(PAIR_RULES), n) open positions failing each rule

    def score(self, w: np.ndarray) -> np.ndarray:
        return self.parts @ w

    @classmethod
    def empty(cls, n: int, n_pos: int) -> Pairs:
        """No eligible pair (nothing to propose)."""
        none = np.zeros(0, np.int64)
        return cls(
            row=none,
            col=none,
            parts=np.zeros((0, len(PARTS))),
            jpm=np.zeros(0),
            rank=np.zeros(0, np.int8),
            failed_by_position=np.zeros((len(PAIR_RULES), n_pos), np.int64),
            failed_by_candidate=np.zeros((len(PAIR_RULES), n), np.int64),
        )


def aspiration_rank(a: Arrays, ii: np.ndarray, pp: np.ndarray) -> np.ndarray:
    """The first choice (1..3) each pair's position meets, 0 for none."""
    rank = np.zeros(len(ii), np.int8)
    for k in range(a.choice_unit.shape[1] - 1, -1, -1):  # last to first: the best choice wins
        unit = a.choice_unit[ii, k]
        name = a.choice_jabatan[ii, k]
        hit = (unit >= 0) & ((unit == a.p_unit[pp]) | (unit == a.p_induk[pp]))
        hit &= (name == -1) | (name == a.p_jabatan[pp])
        rank[hit] = k + 1
    return rank


def pair_parts(
    a: Arrays,
    ii: np.ndarray,
    pp: np.ndarray,
    jpm: np.ndarray,
    rank: np.ndarray,
    cfg: ProposeSettings,
) -> np.ndarray:
    """Unweighted parts ``(E, len(PARTS))`` of the pairs (``ii``, ``pp``); see the module doc."""
    points = np.concatenate([[0.0], np.asarray(cfg.aspiration_points, float), [0.0] * 3])
    gain = np.nan_to_num((jpm - a.jpm_current[ii]) / 100.0, nan=0.0)
    development = 0.5 * (a.induk[ii] != a.p_induk[pp]) + 0.5 * (a.jabatan[ii] != a.p_jabatan[pp])
    return np.column_stack(
        [
            gain,
            a.rotation_box[ii].astype(float),
            points[rank],
            development,
            a.priority[pp] - a.hole[ii],
            0.5 * a.tenure[ii] - 1.0,
        ]
    )


def build_pairs(a: Arrays, settings: Settings) -> Pairs:
    """Every eligible pair with its parts, candidates in chunks (no loop over pairs)."""
    n, n_pos = len(a.home), len(a.priority)
    targets = np.flatnonzero(a.open)
    chunk = max(1, _CHUNK_CELLS // max(len(targets), 1))
    failed_pos = np.zeros((len(PAIR_RULES), n_pos), np.int64)
    failed_cand = np.zeros((len(PAIR_RULES), n), np.int64)
    empty = Pairs.empty(n, n_pos)
    found: list[tuple[np.ndarray, ...]] = [(empty.row, empty.col, empty.jpm)]
    tw = None if a.teknis_weight is None else a.teknis_weight[targets]
    for start in range(0, n, chunk):
        rows = slice(start, min(start + chunk, n))
        masks = pair_masks(a, rows, targets)
        ok = np.ones_like(masks["jabatan_sama"])
        for r, rule in enumerate(PAIR_RULES):
            ok &= masks[rule]
            failed_pos[r, targets] += (~masks[rule]).sum(axis=0)
            failed_cand[r, rows] = (~masks[rule]).sum(axis=1)
        local, c = np.nonzero(ok)
        jpm = jpm_matrix(
            a.capaian[rows], a.standar[targets], settings.jpm, teknis=TEKNIS_MASK, teknis_weight=tw
        )[local, c]
        found.append((local + start, targets[c], jpm))
    ii, pp, jpm = (
        (np.concatenate(parts) for parts in zip(*found, strict=True))
        if found
        else (
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
            np.zeros(0),
        )
    )
    rank = aspiration_rank(a, ii, pp)
    return Pairs(
        row=ii.astype(np.int64),
        col=pp.astype(np.int64),
        parts=pair_parts(a, ii, pp, jpm, rank, settings.propose),
        jpm=jpm,
        rank=rank,
        failed_by_position=failed_pos,
        failed_by_candidate=failed_cand,
    )
