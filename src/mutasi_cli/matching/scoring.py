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
positions open to newcomers); the parts are computed for the eligible pairs, and of the pairs
kept only what is a pair's own is stored (:class:`Pairs`: 36 bytes a pair, 97 with a stored
matrix of parts). How often each rule fails over *every* cell (the counts in Formasi Belum Terisi)
is counted apart, from sorted thresholds (:func:`~.eligibility.failed_counts`).

The score is summed part by part in :data:`PARTS` order, element by element: the same bits on
every machine (a BLAS matrix-vector product may round differently from one CPU to the next, and
the choice among exactly equal plans follows the last bits).
"""

from __future__ import annotations

from collections.abc import Sequence
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
_SCORE_CHUNK = 1 << 20  # pairs per chunk of Pairs.score (its temporaries stay ~8 MB each)


def weights(cfg: ProposeSettings) -> np.ndarray:
    """The weight of each part, in :data:`PARTS` order."""
    return np.array([getattr(cfg, WEIGHT_FIELDS[p]) for p in PARTS], float)


@dataclass(frozen=True)
class Pairs:
    """Eligible moves: candidate ``row`` -> position ``col``, their parts kept compact.

    A part matrix would cost 64 bytes a pair (8 float64 parts; 0.9 GB at 14.6 M pairs). Most
    parts are a flag or depend on the candidate or the position alone, so a pair holds only what
    is its own (the JPM gain, whether the person fits the target, the development count, the
    deferred flag, the aspiration rank) and :meth:`part` assembles any part from them; the
    builder scores each chunk with the same method (:func:`build_pairs`).
    """

    row: np.ndarray  # (E,) int64
    col: np.ndarray  # (E,) int64, index into the positions frame
    gain: np.ndarray  # (E,) the competency part: JPM % gain over 100 (0 when unknown)
    fits: np.ndarray  # (E,) bool: JPM % at the target at least fit_min_jpm
    change: np.ndarray  # (E,) int8: a different parent unit + a different position name (0..2)
    carry: np.ndarray  # (E,) bool: a move deferred (Tunda) last round
    jpm: np.ndarray  # (E,) JPM % at the target (NaN unknown)
    rank: np.ndarray  # (E,) int8 aspiration choice met (0 none)
    points: np.ndarray  # (ranks,) the aspiration part by rank
    leaves: np.ndarray  # (n,) value of the seat each candidate leaves (negative: a surplus)
    rotation_box: np.ndarray  # (n,) bool: the talent box recommends rotation
    due: np.ndarray  # (n,) bool: past the rotation limit
    priority: np.ndarray  # (P,) each position's priority
    failed_by_position: np.ndarray  # (len(PAIR_RULES), P) candidates failing each rule
    failed_by_candidate: np.ndarray  # (len(PAIR_RULES), n) open positions failing each rule

    def part(self, name: str, at: slice | np.ndarray = slice(None)) -> np.ndarray:
        """The unweighted part ``name`` of the pairs ``at`` (float64; see the module doc)."""
        if name == "competency":
            return self.gain[at]
        if name == "talent":
            return (self.rotation_box[self.row[at]] & self.fits[at]).astype(float)
        if name == "aspiration":
            return self.points[self.rank[at]]
        if name == "development":
            return 0.5 * self.change[at]
        if name == "vacancy":
            return self.priority[self.col[at]] - self.leaves[self.row[at]]
        if name == "rotation":
            return (self.due[self.row[at]] & self.fits[at]).astype(float)
        if name == "carry_over":
            return self.carry[at].astype(float)
        if name == "move":
            return -np.ones(len(self.row[at]))
        raise KeyError(name)

    def parts(self, at: slice | np.ndarray = slice(None)) -> np.ndarray:
        """The ``(len(at), len(PARTS))`` matrix of the pairs ``at`` (unweighted)."""
        return np.column_stack([self.part(name, at) for name in PARTS]).reshape(-1, len(PARTS))

    def hole(self, at: slice | np.ndarray = slice(None)) -> np.ndarray:
        """The value of the refillable seat each mover of ``at`` leaves (0: none / surplus)."""
        return np.maximum(self.leaves[self.row[at]], 0.0)

    def score(self, w: np.ndarray) -> np.ndarray:
        """``sum(w[k] * part k)`` of every pair, part by part in :data:`PARTS` order (an
        element-wise sum: the same bits whatever the chunk), a chunk of pairs at a time."""
        out = np.empty(len(self.row))
        for start in range(0, len(out), _SCORE_CHUNK):  # a loop over chunks of pairs
            at = slice(start, start + _SCORE_CHUNK)
            total = np.zeros(len(out[at]))
            for k, name in enumerate(PARTS):
                if w[k] != 0:
                    total += w[k] * self.part(name, at)
            out[at] = total
        return out

    def present(self) -> np.ndarray:
        """Per part (:data:`PARTS` order): whether some pair has it (not 0)."""
        return np.array([bool(np.any(self.part(name) != 0)) for name in PARTS], dtype=bool)

    @classmethod
    def empty(cls, n: int, n_pos: int) -> Pairs:
        """No eligible pair (nothing to propose)."""
        none = np.zeros(0, np.int64)
        return cls(
            row=none,
            col=none,
            gain=np.zeros(0),
            fits=np.zeros(0, bool),
            change=np.zeros(0, np.int8),
            carry=np.zeros(0, bool),
            jpm=np.zeros(0),
            rank=np.zeros(0, np.int8),
            points=np.zeros(1),
            leaves=np.zeros(n),
            rotation_box=np.zeros(n, bool),
            due=np.zeros(n, bool),
            priority=np.zeros(n_pos),
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


def aspiration_points(cfg: ProposeSettings) -> np.ndarray:
    """The aspiration part by rank (0: no choice met; then choice 1, 2, 3)."""
    return np.concatenate([[0.0], np.asarray(cfg.aspiration_points, float), [0.0] * 3])


def pair_sources(
    a: Arrays, ii: np.ndarray, pp: np.ndarray, jpm: np.ndarray, cfg: ProposeSettings
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What is a pair's own in its parts: (JPM gain over 100, fits the target, development
    count 0..2)."""
    gain = np.nan_to_num((jpm - a.jpm_current[ii]) / 100.0, nan=0.0)
    change = (a.induk[ii] != a.p_induk[pp]).astype(np.int8) + (a.jabatan[ii] != a.p_jabatan[pp])
    with np.errstate(invalid="ignore"):
        fits = jpm >= cfg.fit_min_jpm  # NaN (unknown) never fits
    return gain, fits, change


def _pairs(
    a: Arrays,
    cfg: ProposeSettings,
    columns: Sequence[np.ndarray],
    failed: tuple[np.ndarray, np.ndarray],
) -> Pairs:
    """:class:`Pairs` of the ``columns`` (row, col, gain, fits, change, carry, jpm, rank), with
    the candidates' and positions' arrays taken from ``a`` (not copied)."""
    row, col, gain, fits, change, carry, jpm, rank = columns
    return Pairs(
        row=row,
        col=col,
        gain=gain,
        fits=fits,
        change=change,
        carry=carry,
        jpm=jpm,
        rank=rank,
        points=aspiration_points(cfg),
        leaves=np.asarray(a.hole, float),
        rotation_box=np.asarray(a.rotation_box, bool),
        due=np.asarray(a.due, bool),
        priority=np.asarray(a.priority, float),
        failed_by_position=failed[0],
        failed_by_candidate=failed[1],
    )


def own_and_purpose(
    parts: list[np.ndarray], hole: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(own score, purpose value) of each pair: the score without the value of the refillable
    seat the mover leaves, and the weighted worth of its purposes (the target's priority, the
    relief of leaving a surplus, aspiration, rotation, talent, a deferred move). ``parts``:
    one column per :data:`PARTS` (:meth:`Pairs.part`)."""
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
    """The chunks' columns (row, col, gain, fits, change, carry, jpm, rank) joined in
    (candidate, position) order. Blocks come family by family; each candidate's pairs lie in
    one chunk, already in position order, so each chunk is written once straight to its final
    place (no join and reorder: at province size those copies cost more than building the
    pairs). Each chunk is freed once written."""
    count = np.zeros(n, np.int64)
    for chunk in found:
        count += np.bincount(chunk[0], minlength=n)
    begin = np.cumsum(count) - count
    size = int(count.sum())
    dtypes = (np.int64, np.int64, np.float64, bool, np.int8, bool, np.float64, np.int8)
    out = [np.empty(size, dtype) for dtype in dtypes]
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
    failed = failed_counts(a, targets)
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
            carry = np.isin(key, deferred) if deferred is not None else np.zeros(len(ii), bool)
            rank = aspiration_rank(a, ii, pp)
            sources = pair_sources(a, ii, pp, jpm, settings.propose)
            columns = (ii, pp, *sources, carry, jpm, rank)
            scored = _pairs(a, settings.propose, columns, failed)
            parts = [scored.part(name) for name in PARTS]
            own, purpose = own_and_purpose(parts, scored.hole(), w)
            del parts, scored
            keep = purpose > 0
            if not settings.propose.allow_displacement:
                keep &= own >= -1e-12
            if rejected is not None:
                keep &= ~np.isin(key, rejected)
            found.append(tuple(column[keep] for column in columns))
    return _pairs(a, settings.propose, _in_candidate_order(found, n), failed)
