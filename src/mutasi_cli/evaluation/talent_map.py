"""The 9-box talent map of the roster from the latest kinerja and the potensi (DOMAIN.md 3.3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.rules import skp, talent
from mutasi_cli.settings import Settings

BOXES = tuple(range(1, 10))
_TALENT_COLUMNS = ["nip", "nama", "unit_kerja", "jabatan", "kinerja", "potensi", "box"]


def talent_list(
    pegawai: pd.DataFrame | None,
    latest: pd.DataFrame,
    settings: Settings,
    annual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per roster person: kinerja level, potensi level, box (Int64, NA when either is unknown).

    The kinerja is the annual SKP of the person's latest whole year (``annual`` from
    :func:`mutasi_cli.rules.skp.annual_predikat`, the caller keeping the years that have ended:
    the annual row, else the year's last period), else the latest record, else the roster's
    predikat."""
    if pegawai is None:
        return pd.DataFrame(columns=_TALENT_COLUMNS)
    people = pegawai.reindex(columns=["nip", "nama", "unit_kerja", "jabatan", "kinerja", "potensi"])
    recorded = skp.predikat_name(latest.set_index("nip")["latest"], settings)
    if annual is not None and len(annual):
        last_year = annual.sort_values(["nip", "tahun"], kind="stable").drop_duplicates(
            "nip", keep="last"
        )
        yearly = pd.Series(last_year["predikat"].to_numpy(), index=last_year["nip"].to_numpy())
        recorded = yearly.astype("string").combine_first(recorded.astype("string"))
    predikat = recorded.reindex(people["nip"]).set_axis(people.index)
    predikat = predikat.fillna(people["kinerja"].astype("string"))
    jpm = people["potensi"].astype("Float64")
    return pd.DataFrame(
        {
            "nip": people["nip"],
            "nama": people["nama"],
            "unit_kerja": people["unit_kerja"],
            "jabatan": people["jabatan"],
            "kinerja": talent.kinerja_level(predikat, settings),
            "potensi": talent.potensi_level(jpm, settings),
            "box": talent.talent_box(predikat, jpm, settings),
        }
    ).reset_index(drop=True)


def box_counts(talents: pd.DataFrame) -> pd.DataFrame:
    """All nine boxes with their axes and head count (boxes in numbering order)."""
    potensi, kinerja = np.indices(talent.GRID.shape)
    grid = pd.DataFrame(
        {
            "box": talent.GRID.ravel(),
            "kinerja": np.asarray(talent.KINERJA_LEVELS)[kinerja.ravel()],
            "potensi": np.asarray(talent.POTENSI_LEVELS)[potensi.ravel()],
        }
    )
    counts = talents["box"].value_counts().reindex(BOXES, fill_value=0)
    grid["n"] = counts.reindex(grid["box"]).to_numpy()
    return grid.sort_values("box").reset_index(drop=True)


def box_by_unit(talents: pd.DataFrame) -> pd.DataFrame:
    """Unit x box head counts (columns ``unit_kerja``, 1..9, ``total``), people with a box."""
    boxed = talents.dropna(subset=["box"])
    table = pd.crosstab(boxed["unit_kerja"], boxed["box"].astype(int)).reindex(
        columns=BOXES, fill_value=0
    )
    table["total"] = table.sum(axis=1)
    return table.rename_axis(columns=None).reset_index()
