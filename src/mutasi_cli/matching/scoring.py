"""The score of every eligible (candidate, position) pair, part by part.

A move's score is ``sum(weight * part)``; staying scores 0, so a move is proposed only when its
score beats staying (and the joint optimum of everyone's moves, see :mod:`.assign`). Each part is
scaled to about -1..1 and kept for the explanation; the weights are in ``[propose]`` of
mutasi.toml. docs/propose-model.md explains the model for analysts.

* ``move`` (``move_cost``): minus 1 for every move: the price of a handover and a learning
  curve, which the move's gains must exceed. With no reason a person stays.
* ``competency`` (``weight_competency``): the JPM % at the target minus the JPM % now (both
  against the position's standard, docs/regulasi.md 2; the current one falls back to the ``potensi``
  column), over 100. Unknown when either JPM is unknown (0).
* ``talent`` (``weight_talent``): 1 when the candidate's talent box recommends rotation (boxes
  4, 7, 8; docs/regulasi.md 3.3) and the person fits the target (JPM % at least ``fit_min_jpm``).
* ``aspiration`` (``weight_aspiration``): ``aspiration_points`` of the first choice the target
  meets (choice 1 > 2 > 3; a choice names a unit or parent unit, optionally a position).
* ``development`` (``weight_development``, 0 by default): 0.5 for a different parent unit plus
  0.5 for a different position name -- a change alone is no reason to move.
* ``vacancy`` (``weight_vacancy``): the target's priority (the shortage a missing person makes
  there, as a share of its need) minus the priority of the seat the candidate leaves empty; a
  seat in a surplus position counts as minus its relief. A chain is therefore scored fairly: the
  person who refills a vacated seat earns back what its leaver lost.
* ``rotation`` (``weight_rotation``): 1 when the candidate is past the rotation limit and fits
  the target (JPM % at least ``fit_min_jpm``): overdue is a reason to move only where one fits.
* ``carry_over`` (``weight_carry_over``): 1 for a move the committee deferred (Tunda) last round.

**Every move has a purpose of its own.** A pair is kept only when its purposes (filling the
target's shortage, relieving a surplus, aspiration, overdue rotation, talent, a deferred move)
are worth something, and -- unless ``allow_displacement`` -- when its *own* score, the score
without the value of the seat it leaves behind, is at least 0: nobody is moved at a loss to make
room for someone else. A committee's rejected (Tolak) moves are left out.

Pairs are built job family by job family (the ``rumpun`` rule lets nothing else through), in
chunks of candidates: eligibility masks and the JPM matrix broadcast over (chunk x the family's
positions open to newcomers); the parts are gathered for the eligible pairs, and stacked for the
pairs kept. How often each rule fails over *every* cell (the counts in Formasi Belum Terisi) is
counted apart, from sorted thresholds (:func:`~.eligibility.failed_counts`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mutasi_cli.matching.eligibility import PAIR_RULES, failed_counts, pair_masks
from mutasi_cli.matching.prepare import TEKNIS_MASK, Arrays
from mutasi_cli.rules.jpm import jpm_matrix
from mutasi_cli.settings import ProposeSettings, Settings

PARTS: tuple[str, ...] = (
    "competency",
    "talent",
    "aspiration",
    "development",
    "vacancy",
    "rotation",
    "carry_over",
    "move",
)
WEIGHT_FIELDS: dict[str, str] = {
    "competency": "weight_competency",
    "talent": "weight_talent",
    "aspiration": "weight_aspiration",
    "development": "weight_development",
    "vacancy": "weight_vacancy",
    "rotation": "weight_rotation",
    "carry_over": "weight_carry_over",
    "move": "move_cost",
}
# The parts that are a purpose of the move (the closed list; competency and development only
# modify a move's value).
PURPOSE_PARTS: tuple[str, ...] = ("vacancy", "aspiration", "rotation", "talent", "carry_over")
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
    hole: np.ndarray  # (E,) value of the refillable seat the mover leaves (0: none / surplus)
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
            hole=np.zeros(0),
            failed_by_position=np.zeros((len(PAIR_RULES), n_pos), np.int64),
            failed_by_candidate=np.zeros((len(PAIR_RULES), n), np.int64),
        )


def aspiration_rank(a: Arrays, ii: np.ndarray, pp: np.ndarray) -> np.ndarray:
    """The first choice (1..3) each pair's position meets, 0 for none (only the pairs of people
    who named a unit are compared)."""
    rank = np.zeros(len(ii), np.int8)
    named = np.flatnonzero((a.choice_unit >= 0).any(axis=1)[ii])
    ii, pp = ii[named], pp[named]
    for k in range(a.choice_unit.shape[1] - 1, -1, -1):  # last to first: the best choice wins
        unit = a.choice_unit[ii, k]
        name = a.choice_jabatan[ii, k]
        hit = (unit >= 0) & ((unit == a.p_unit[pp]) | (unit == a.p_induk[pp]))
        hit &= (name == -1) | (name == a.p_jabatan[pp])
        rank[named[hit]] = k + 1
    return rank


def pair_parts(
    a: Arrays,
    ii: np.ndarray,
    pp: np.ndarray,
    jpm: np.ndarray,
    rank: np.ndarray,
    cfg: ProposeSettings,
    carry: np.ndarray | None = None,
) -> list[np.ndarray]:
    """Unweighted parts of the pairs (``ii``, ``pp``), one ``(E,)`` column per :data:`PARTS`
    (see the module doc); ``np.column_stack`` makes the ``(E, len(PARTS))`` matrix."""
    points = np.concatenate([[0.0], np.asarray(cfg.aspiration_points, float), [0.0] * 3])
    gain = np.nan_to_num((jpm - a.jpm_current[ii]) / 100.0, nan=0.0)
    development = 0.5 * (a.induk[ii] != a.p_induk[pp]) + 0.5 * (a.jabatan[ii] != a.p_jabatan[pp])
    with np.errstate(invalid="ignore"):
        fits = jpm >= cfg.fit_min_jpm  # NaN (unknown) never fits
    return [
        gain,
        (a.rotation_box[ii] & fits).astype(float),
        points[rank],
        development,
        a.priority[pp] - a.hole[ii],
        (a.due[ii] & fits).astype(float),
        np.zeros(len(ii)) if carry is None else carry.astype(float),
        -np.ones(len(ii)),
    ]


def own_and_purpose(
    parts: list[np.ndarray], hole: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(own score, purpose value) of each pair: the score without the value of the refillable
    seat the mover leaves, and the weighted worth of its purposes (the target's priority, the
    relief of leaving a surplus, aspiration, rotation, talent, a deferred move). ``parts``:
    the columns of :func:`pair_parts`."""
    vacancy = PARTS.index("vacancy")
    own = w[vacancy] * hole
    purpose = w[vacancy] * (parts[vacancy] + hole)
    for k, name in enumerate(PARTS):
        own += w[k] * parts[k]
        if name in PURPOSE_PARTS and name != "vacancy":
            purpose += w[k] * parts[k]
    return own, purpose


def _family_blocks(a: Arrays, targets: np.ndarray):
    """(candidate rows, target columns) per job family, the only cells the ``rumpun`` rule
    lets through: a family's candidates meet its targets and the targets without a family;
    candidates without one meet every target. Rows and columns ascending."""
    order = np.argsort(a.family, kind="stable")
    fam = a.family[order]
    if not len(fam):
        return
    starts = np.flatnonzero(np.r_[True, fam[1:] != fam[:-1]])
    p_fam = a.p_family[targets]
    for rows in np.split(order, starts[1:]):  # a loop over job families
        f = a.family[rows[0]]
        yield rows, targets if f < 0 else targets[(p_fam == f) | (p_fam < 0)]


def _in_candidate_order(found: list, n: int) -> list[np.ndarray]:
    """The chunks' columns (row, col, parts, jpm, rank, hole) joined in (candidate, position)
    order. Blocks come family by family; each candidate's pairs lie in one chunk, already in
    position order, so each chunk is written once straight to its final place (no join and
    reorder: at province size those copies cost more than building the pairs). Each chunk is
    freed once written."""
    count = np.zeros(n, np.int64)
    for chunk in found:
        count += np.bincount(chunk[0], minlength=n)
    begin = np.cumsum(count) - count
    size = int(count.sum())
    out = [
        np.empty(size, np.int64),
        np.empty(size, np.int64),
        np.empty((size, len(PARTS))),
        np.empty(size),
        np.empty(size, np.int8),
        np.empty(size),
    ]
    for k in range(len(found)):  # a loop over chunks
        chunk, found[k] = found[k], None
        rows = chunk[0]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else rows
        offset = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
        where = begin[rows] + offset
        for column, values in zip(out, chunk, strict=True):
            column[where] = values
    return out


def build_pairs(
    a: Arrays,
    settings: Settings,
    deferred: np.ndarray | None = None,
    rejected: np.ndarray | None = None,
) -> Pairs:
    """Every eligible pair with its parts, candidates in chunks (no loop over pairs).

    ``deferred`` / ``rejected``: pair keys ``row * positions + col`` of the committee's Tunda
    moves (scored with ``carry_over``) and Tolak moves (left out). Pairs without a purpose of
    their own or (unless ``allow_displacement``) with an own score below 0 are left out. The
    pairs come sorted by candidate, then position.
    """
    n, n_pos = len(a.home), len(a.priority)
    targets = np.flatnonzero(a.open)
    failed_pos, failed_cand = failed_counts(a, targets)
    found: list[tuple[np.ndarray, ...] | None] = []
    w = weights(settings.propose)
    for block_rows, cols in _family_blocks(a, targets) if len(targets) else ():
        tw = None if a.teknis_weight is None else a.teknis_weight[cols]
        standar = a.standar[cols]
        chunk = max(1, _CHUNK_CELLS // max(len(cols), 1))
        for start in range(0, len(block_rows), chunk):
            rows = block_rows[start : start + chunk]
            masks = pair_masks(a, rows, cols)
            ok = masks[PAIR_RULES[0]]
            for rule in PAIR_RULES[1:]:
                ok &= masks[rule]
            local, c = np.nonzero(ok)
            jpm = jpm_matrix(
                a.capaian[rows],
                standar,
                settings.jpm,
                teknis=TEKNIS_MASK,
                teknis_weight=tw,
                cells=(local, c),
            )
            # Each chunk keeps only its pairs with a purpose (and an own score >= 0): memory
            # grows with the pairs kept, not with every eligible pair.
            ii, pp = rows[local], cols[c]
            key = ii.astype(np.int64) * n_pos + pp
            carry = np.isin(key, deferred) if deferred is not None else None
            rank = aspiration_rank(a, ii, pp)
            parts = pair_parts(a, ii, pp, jpm, rank, settings.propose, carry)
            hole = np.maximum(a.hole[ii], 0.0)
            own, purpose = own_and_purpose(parts, hole, w)
            keep = purpose > 0
            if not settings.propose.allow_displacement:
                keep &= own >= -1e-12
            if rejected is not None:
                keep &= ~np.isin(key, rejected)
            parts = np.column_stack([part[keep] for part in parts])
            found.append((ii[keep], pp[keep], parts, jpm[keep], rank[keep], hole[keep]))
    ii, pp, parts, jpm, rank, hole = _in_candidate_order(found, n)
    return Pairs(
        row=ii,
        col=pp,
        parts=parts,
        jpm=jpm,
        rank=rank,
        hole=hole,
        failed_by_position=failed_pos,
        failed_by_candidate=failed_cand,
    )
