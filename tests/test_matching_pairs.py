"""The pair builder visits only the cells of each job family; what it returns must be what a
visit of every (candidate, position) cell returns: the same pairs in the same order, and the
same count of candidates failing each rule (sheet Formasi Belum Terisi, column Alasan)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mutasi_cli.matching import scoring
from mutasi_cli.matching.eligibility import PAIR_RULES, failed_counts, pair_masks
from mutasi_cli.matching.prepare import Arrays
from mutasi_cli.schema import COMPETENCIES
from mutasi_cli.settings import Settings


def _random_arrays(rng: np.random.Generator, n: int, n_pos: int) -> Arrays:
    """Candidates and positions with every awkward value the rules meet: unknown golongan,
    education and family (NaN / -1), inverted golongan ranges, field requirements, teachers
    with school levels and aspirations, positions closed to newcomers."""
    k = len(COMPETENCIES)
    gmin = rng.choice([np.nan, 21.0, 31.0, 33.0], n_pos)
    gmax = rng.choice([np.nan, 24.0, 32.0, 34.0, 41.0, 22.0], n_pos)  # 31..22: inverted
    choice = np.where(rng.random((n, 3)) < 0.3, rng.integers(0, 6, (n, 3)), -1)
    fields = {
        "home": rng.integers(-1, n_pos, n),
        "golongan": rng.choice([np.nan, 21.0, 22.0, 24.0, 31.0, 32.0, 33.0, 34.0, 41.0], n),
        "pendidikan": rng.choice([np.nan, 15.0, 30.0, 40.0], n),
        "jurusan_ok": rng.random((n, 3)) < 0.6,
        "family": rng.integers(-1, 4, n),
        "unit": rng.integers(0, 6, n),
        "induk": rng.integers(0, 3, n),
        "jabatan": rng.integers(0, 5, n),
        "choice_unit": choice,
        "choice_jabatan": np.where(choice >= 0, rng.integers(-1, 5, (n, 3)), -1),
        "capaian": rng.integers(1, 6, (n, k)).astype(float),
        "jpm_current": rng.uniform(60, 95, n),
        "rotation_box": rng.random(n) < 0.3,
        "tenure": rng.random(n),
        "hole": rng.choice([0.0, 0.0, 0.4, -0.3], n),
        "due": rng.random(n) < 0.4,
        "guru": rng.random(n) < 0.3,
        "school": rng.integers(-1, 3, n),
        "gmin": gmin,
        "gmax": gmax,
        "pmin": rng.choice([np.nan, 15.0, 30.0, 40.0], n_pos),
        "jurusan_req": rng.integers(-1, 3, n_pos),
        "p_family": rng.integers(-1, 4, n_pos),
        "p_unit": rng.integers(0, 6, n_pos),
        "p_induk": rng.integers(0, 3, n_pos),
        "p_jabatan": rng.integers(0, 5, n_pos),
        "standar": rng.integers(2, 5, (n_pos, k)).astype(float),
        "teknis_weight": None,
        "priority": rng.choice([0.0, 0.5, 1.0], n_pos),
        "open": rng.random(n_pos) < 0.8,
        "p_guru": rng.random(n_pos) < 0.3,
        "p_school": rng.integers(-1, 3, n_pos),
    }
    assert {f.name for f in dataclasses.fields(Arrays)} == set(fields)
    return Arrays(**fields)


@pytest.mark.parametrize("seed", range(6))
def test_rule_counts_equal_the_counts_over_every_cell(seed):
    rng = np.random.default_rng(seed)
    a = _random_arrays(rng, int(rng.integers(1, 90)), int(rng.integers(1, 30)))
    targets = np.flatnonzero(a.open)
    by_pos, by_cand = failed_counts(a, targets)
    masks = pair_masks(a, slice(0, len(a.home)), targets)
    for r, rule in enumerate(PAIR_RULES):
        assert by_pos[r, targets].tolist() == (~masks[rule]).sum(axis=0).tolist(), rule
        assert by_cand[r].tolist() == (~masks[rule]).sum(axis=1).tolist(), rule
        assert not by_pos[r, ~a.open].any()
    assert (by_pos[PAIR_RULES.index("golongan")] > 0).any()  # the data really fails rules


@pytest.mark.parametrize("seed", range(6))
def test_family_blocks_build_the_pairs_of_every_cell(seed, monkeypatch):
    """Against the builder that visits every cell in one block (the rumpun mask then
    does the family's work)."""
    rng = np.random.default_rng(100 + seed)
    a = _random_arrays(rng, int(rng.integers(20, 120)), int(rng.integers(5, 40)))
    settings = Settings()
    n_pos = len(a.priority)
    deferred = rng.choice(len(a.home) * n_pos, 15)
    rejected = rng.choice(len(a.home) * n_pos, 15)
    blocked = scoring.build_pairs(a, settings, deferred, rejected)
    monkeypatch.setattr(scoring, "_CHUNK_CELLS", 50)  # many chunks
    chunked = scoring.build_pairs(a, settings, deferred, rejected)
    monkeypatch.setattr(
        scoring, "_family_blocks", lambda a, targets: [(np.arange(len(a.home)), targets)]
    )
    every = scoring.build_pairs(a, settings, deferred, rejected)
    assert len(every.row) > 0 and (np.diff(every.row) >= 0).all()
    for got in (blocked, chunked):
        for field in dataclasses.fields(scoring.Pairs):
            x, y = getattr(got, field.name), getattr(every, field.name)
            assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), field.name


def test_no_candidate_or_no_open_position_builds_no_pair():
    rng = np.random.default_rng(7)
    settings = Settings()
    nobody = _random_arrays(rng, 0, 5)
    assert len(scoring.build_pairs(nobody, settings).row) == 0
    closed = dataclasses.replace(_random_arrays(rng, 10, 5), open=np.zeros(5, bool))
    pairs = scoring.build_pairs(closed, settings)
    assert len(pairs.row) == 0 and pairs.parts().shape == (0, len(scoring.PARTS))
    assert not pairs.failed_by_position.any() and not pairs.failed_by_candidate.any()


@pytest.mark.parametrize("seed", range(4))
def test_compact_parts_are_the_documented_parts_bit_for_bit(seed, monkeypatch):
    """Pairs keep only what is a pair's own; every part they assemble equals the part as the
    module doc defines it (written out here from the candidates' and positions' arrays), and
    the score is the weighted sum in PARTS order, whatever the chunk."""
    rng = np.random.default_rng(300 + seed)
    a = _random_arrays(rng, int(rng.integers(30, 120)), int(rng.integers(5, 40)))
    settings = dataclasses.replace(
        Settings(),
        propose=dataclasses.replace(
            Settings().propose, weight_development=0.3, allow_displacement=True
        ),
    )
    deferred = rng.choice(len(a.home) * len(a.priority), 25)
    pairs = scoring.build_pairs(a, settings, deferred)
    cfg = settings.propose
    ii, pp = pairs.row, pairs.col
    fits = pairs.jpm >= cfg.fit_min_jpm
    points = dict(enumerate(cfg.aspiration_points, start=1))
    deferred_pairs = np.isin(ii * len(a.priority) + pp, deferred)
    columns = [
        np.nan_to_num((pairs.jpm - a.jpm_current[ii]) / 100.0, nan=0.0),  # competency
        (a.rotation_box[ii] & fits).astype(float),  # talent
        np.array([points.get(int(r), 0.0) for r in pairs.rank]),  # aspiration
        0.5 * (a.induk[ii] != a.p_induk[pp]) + 0.5 * (a.jabatan[ii] != a.p_jabatan[pp]),
        a.priority[pp] - a.hole[ii],  # vacancy
        (a.due[ii] & fits).astype(float),  # rotation
        deferred_pairs.astype(float),  # carry_over
        -np.ones(len(ii)),  # move
    ]
    assert len(ii) > 0 and pairs.carry.any() and (pairs.change == 2).any()
    for name, column in zip(scoring.PARTS, columns, strict=True):
        assert np.array_equal(pairs.part(name), column), name
    some = rng.choice(len(ii), 17)
    assert np.array_equal(pairs.parts(some), np.column_stack(columns)[some])
    assert np.array_equal(pairs.hole(some), np.maximum(a.hole[ii[some]], 0.0))
    w = scoring.weights(cfg)
    want = np.zeros(len(ii))
    for k in range(len(w)):
        want += w[k] * columns[k]
    assert np.array_equal(pairs.score(w), want)
    monkeypatch.setattr(scoring, "_SCORE_CHUNK", 7)
    assert np.array_equal(pairs.score(w), want)
    present = [bool((column != 0).any()) for column in columns]
    assert pairs.present().tolist() == present
