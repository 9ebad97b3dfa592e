"""The aspiration survey: about 30 % of staff answer, most willing, with up to three choices.

Choices name posts of the respondent's own job family and level, three times as often a post
that is short of staff. A fifth name only the unit. Two respondents name units that do not exist
in the position map (an old OPD name), so the unknown-target warning has something to find.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ANSWER_SHARE = 0.30
UNWILLING_SHARE = 0.15
SHORT_WEIGHT = 3.0
CHOICE_COUNT_SHARES = (0.2, 0.25, 0.55)  # one, two or three choices
UNIT_ONLY_SHARE = 0.2
NO_REASON_SHARE = 0.1
UNKNOWN_UNITS = ("Dinas Pertanian", "Kantor Pariwisata")
WILLING_REASONS = (
    "Dekat dengan tempat tinggal",
    "Ingin mengembangkan karier",
    "Sesuai latar belakang pendidikan",
    "Alasan keluarga",
    "Ingin suasana kerja baru",
    "Beban kerja di unit saat ini terlalu ringan",
)
UNWILLING_REASONS = (
    "Baru saja menyelesaikan tugas belajar",
    "Merawat orang tua",
    "Sedang menyelesaikan program kerja unit",
    "Sudah nyaman di unit saat ini",
)


def aspirations(rng: np.random.Generator, people: pd.DataFrame, pos: pd.DataFrame) -> pd.DataFrame:
    """One row per respondent: willingness, ranked (unit, jabatan) choices and a reason."""
    who = np.flatnonzero(rng.random(len(people)) < ANSWER_SHARE)
    answer = people.iloc[who]
    willing = rng.random(len(who)) >= UNWILLING_SHARE
    choice = _choices(rng, answer, pos)
    count = rng.choice([1, 2, 3], size=len(who), p=CHOICE_COUNT_SHARES)
    choice[~willing] = -1
    choice[np.arange(3)[None, :] >= count[:, None]] = -1
    out = pd.DataFrame(
        {
            "nip": answer["nip"].to_numpy(),
            "nama": answer["nama"].to_numpy(),
            "bersedia_mutasi": np.where(willing, "Ya", "Tidak"),
        }
    )
    units = pos["unit_kerja"].to_numpy()
    titles = pos["jabatan"].to_numpy()
    for k in range(3):
        picked = choice[:, k] >= 0
        unit_only = rng.random(len(who)) < UNIT_ONLY_SHARE
        out[f"pilihan_{k + 1}"] = pd.Series(units[choice[:, k]]).where(picked).astype("str")
        out[f"pilihan_{k + 1}_jabatan"] = (
            pd.Series(titles[choice[:, k]]).where(picked & ~unit_only).astype("str")
        )
    stray = rng.choice(
        np.flatnonzero(out["pilihan_1"].notna()), size=len(UNKNOWN_UNITS), replace=False
    )
    out.loc[stray, "pilihan_1"] = UNKNOWN_UNITS
    reason = np.where(
        willing, rng.choice(WILLING_REASONS, len(who)), rng.choice(UNWILLING_REASONS, len(who))
    )
    out["alasan"] = pd.Series(reason).where(rng.random(len(who)) >= NO_REASON_SHARE).astype("str")
    return out


def _choices(rng: np.random.Generator, answer: pd.DataFrame, pos: pd.DataFrame) -> np.ndarray:
    """Three drawn position rows per respondent (-1: none), other than the own post, no repeats."""
    choice = np.full((len(answer), 3), -1)
    group = answer["move_group"].to_numpy()
    own = answer["pos"].to_numpy()
    weight = np.where(pos["kebutuhan"] > pos["bezetting"], SHORT_WEIGHT, 1.0)
    for name in np.unique(group):
        where = np.flatnonzero(group == name)
        same = np.flatnonzero(pos["move_group"].to_numpy() == name)
        p = weight[same] / weight[same].sum()
        choice[where] = same[rng.choice(len(same), size=(len(where), 3), p=p)]
    choice[choice == own[:, None]] = -1
    choice[:, 1][choice[:, 1] == choice[:, 0]] = -1
    choice[:, 2][(choice[:, 2] == choice[:, 0]) | (choice[:, 2] == choice[:, 1])] = -1
    return _compact(choice)


def _compact(choice: np.ndarray) -> np.ndarray:
    """Move the remaining choices to the front, keeping their rank order."""
    order = np.argsort(choice < 0, axis=1, kind="stable")
    return np.take_along_axis(choice, order, axis=1)
