"""Input problems `propose` reports and works around (warnings, never fatal).

* a NIP listed twice in the roster, the competency or the aspiration sheet: the first row by
  source row is used (``propose-duplicate``);
* an aspiration NIP that is not in the roster (``nip-unknown``);
* a choice naming no unit (or parent unit) of the map, or a position the unit does not have
  (``aspiration-unknown-target``);
* competency levels that no position has a standard for (``competency-no-standard``).
"""

from __future__ import annotations

import pandas as pd

from mutasi_cli.issues import Issue
from mutasi_cli.matching.prepare import CHOICES, dedupe
from mutasi_cli.schema import COMPETENCIES, TABLES, name_key

# Columns of a competency table that are not competency levels.
_KOMPETENSI_META = frozenset(
    {"nip", "nama", "kompetensi", "level", "kelompok", "tanggal_asesmen", "excel_row"}
)


def _duplicate_issues(frame: pd.DataFrame | None, sheet: str) -> list[Issue]:
    if frame is None or frame.empty:
        return []
    _, dups = dedupe(frame)
    if "excel_row" not in dups:
        dups = dups.assign(excel_row=pd.NA)
    issues = []
    for nip, group in dups.groupby("nip", sort=True):  # one issue per duplicated NIP
        rows = [str(r) for r in group["excel_row"] if pd.notna(r)]
        issues.append(
            Issue(
                "propose-duplicate",
                sheet=sheet,
                column="nip",
                value=str(nip),
                nip=str(nip),
                row=int(group["excel_row"].iloc[0]) if rows else None,
                params={"rows": ", ".join(rows) or "?", "kept": rows[0] if rows else "1"},
            )
        )
    return issues


def _rows(frame: pd.DataFrame, picked: pd.Series) -> list[int | None]:
    """The Excel rows of the ``picked`` rows of ``frame`` (None where unknown)."""
    if "excel_row" not in frame:
        return [None] * int(picked.sum())
    return [None if pd.isna(r) else int(r) for r in frame["excel_row"][picked]]


_JOIN = "\x1f"  # joins a unit key and a position key (name_key folds it away as whitespace)


def _aspiration_issues(
    aspirasi: pd.DataFrame | None, people: pd.DataFrame, positions: pd.DataFrame
) -> list[Issue]:
    """Unknown NIPs, and choices naming no unit (or no such position in the unit) of the map."""
    if aspirasi is None or aspirasi.empty:
        return []
    unknown = ~aspirasi["nip"].isin(people["nip"])
    issues = [
        Issue("nip-unknown", sheet="aspirasi", column="nip", value=str(n), nip=str(n), row=r)
        for n, r in zip(aspirasi["nip"][unknown], _rows(aspirasi, unknown), strict=True)
    ]
    units = set(positions["unit_key"]) | set(positions["induk_key"])
    known = set(positions["unit_key"] + _JOIN + positions["jabatan_key"]) | set(
        positions["induk_key"] + _JOIN + positions["jabatan_key"]
    )
    for k in CHOICES:
        unit = name_key(aspirasi.get(f"pilihan_{k}", pd.Series(pd.NA, index=aspirasi.index)))
        name = name_key(
            aspirasi.get(f"pilihan_{k}_jabatan", pd.Series(pd.NA, index=aspirasi.index))
        )
        bad_unit = unit.notna() & ~unit.isin(units)
        listed = (unit + _JOIN + name).isin(known)
        bad_name = unit.notna() & name.notna() & ~bad_unit & ~listed
        for column, bad in ((f"pilihan_{k}", bad_unit), (f"pilihan_{k}_jabatan", bad_name)):
            bad = bad.fillna(False).astype(bool)
            if not bad.any():
                continue
            values, nips = aspirasi[column][bad], aspirasi["nip"][bad]
            cells = zip(values, nips, _rows(aspirasi, bad), strict=True)
            issues += [
                Issue(
                    "aspiration-unknown-target",
                    sheet="aspirasi",
                    column=column,
                    value=str(value),
                    nip=str(nip),
                    row=row,
                )
                for value, nip, row in cells
            ]
    return issues


def _competency_issues(
    pegawai: pd.DataFrame, kompetensi: pd.DataFrame | None, jabatan: pd.DataFrame
) -> list[Issue]:
    """Competency columns with levels that no position has a standard for."""
    standards = {c for c in COMPETENCIES if c in jabatan and jabatan[c].notna().any()}
    issues = []
    for sheet, frame in (("pegawai", pegawai), ("kompetensi", kompetensi)):
        if frame is None:
            continue
        extra = [c for c in frame.columns if sheet == "kompetensi" and c not in _KOMPETENSI_META]
        levels = [c for c in COMPETENCIES if c in frame and frame[c].notna().any()]
        for column in dict.fromkeys(levels + extra):
            if column not in standards:
                header = (
                    TABLES["pegawai"].column(column).label_id if column in COMPETENCIES else column
                )
                issues.append(
                    Issue(
                        "competency-no-standard",
                        sheet=sheet,
                        column=column,
                        params={"header": header},
                    )
                )
    return issues


def input_issues(
    frames: dict[str, pd.DataFrame | None], people: pd.DataFrame, positions: pd.DataFrame
) -> list[Issue]:
    """Every warning about the inputs (``frames``: pegawai, jabatan, kompetensi, aspirasi)."""
    return [
        *(
            issue
            for sheet in ("pegawai", "kompetensi", "aspirasi")
            for issue in _duplicate_issues(frames[sheet], sheet)
        ),
        *_aspiration_issues(frames["aspirasi"], people, positions),
        *_competency_issues(frames["pegawai"], frames["kompetensi"], frames["jabatan"]),
    ]
