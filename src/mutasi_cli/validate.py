"""Checks across tables (`mutasi validate`): what no single column can tell on its own.

Per-cell checks (NIP layout, dates, golongan spellings, duplicates, ...) happen while normalising
(:mod:`mutasi_cli.io.normalize`). Here: an employee whose (unit, jabatan) is not in the position
map, a grade outside the position's range (DOMAIN.md section 5.4; a warning), a start date after
the reference date, NIPs in side tables that the roster does not know, and (once per title) a
pelaksana title in no group of the pelaksana nomenclature.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from mutasi_cli.frames import isin
from mutasi_cli.issues import Issue, cell_ref
from mutasi_cli.rules.golongan import golongan_label
from mutasi_cli.rules.jabatan import eselon_range, pelaksana_group
from mutasi_cli.schema import name_key


@dataclass(frozen=True)
class Located:
    """A typed frame with what is needed to point at its cells."""

    frame: pd.DataFrame  # canonical typed frame with `excel_row` (and `excel_sheet`)
    sheet: str
    col_index: Mapping[str, int]  # canonical column -> 0-based Excel column

    def sheets(self, rows: pd.DataFrame) -> list[str]:
        """The sheet of each of ``rows`` (of :attr:`frame`): a table read from several sheets
        names each row's own (``excel_sheet``)."""
        if "excel_sheet" in rows:
            return rows["excel_sheet"].astype(object).tolist()
        return [self.sheet] * len(rows)

    def cell(self, column: str, row: int, sheet: str | None = None) -> str:
        idx = self.col_index.get(column)
        return cell_ref(sheet or self.sheet, idx, int(row)) if idx is not None else ""


@dataclass(frozen=True)
class Source:
    """Where one input's rows came from, all :func:`placed` needs of it: kept for a whole run
    instead of the input's raw cells (a province's performance table is half a gigabyte)."""

    sheet: str  # the first (or only) sheet
    col_index: Mapping[str, int]  # canonical column -> 0-based Excel column
    header_row: int  # the header's last row (1-based)
    # A table read from several sheets: ``excel_row``, ``nip`` and ``excel_sheet`` of its rows.
    rows: pd.DataFrame | None = None

    @classmethod
    def of(cls, raw, frame: pd.DataFrame) -> Source:
        """From an ``io.read.LoadedTable`` and its normalised frame."""
        rows = None
        if raw.row_sheet is not None and "excel_sheet" in frame:
            nip = frame["nip"] if "nip" in frame else pd.Series(pd.NA, frame.index)
            rows = frame[["excel_row", "excel_sheet"]].assign(nip=nip.astype("string"))
        return cls(raw.sheet, dict(raw.col_index), raw.header_rows[1], rows)


def placed(issues: Sequence[Issue], inputs: Mapping[str, Sequence[Source]]) -> list[Issue]:
    """Issues a command's core raised against a table and a row ("kinerja", row 3435), named by
    the cell of the input they came from ('Data SKP'!A3435).

    The core knows tables and Excel rows; ``inputs`` (table -> the :class:`Source` of each
    input read as that table) knows the file's sheet and columns. A row of a table read from
    several sheets is placed in the sheet holding that row number (with the issue's NIP where
    several do); an issue without a row points at its column's header. Left as they are:
    issues that name a cell already, and tables this run read from more than one file (a row
    number alone does not say which).
    """
    out = list(issues)
    for table, sources in inputs.items():
        at = [k for k, issue in enumerate(out) if issue.sheet == table and not issue.cell]
        if not at or len(sources) != 1:
            continue
        source = sources[0]
        rows = [out[k].row for k in at]
        sheets = (
            [source.sheet] * len(at)
            if source.rows is None
            else _row_sheets(source.rows, rows, [out[k].nip for k in at], source.sheet)
        )
        for k, row, sheet in zip(at, rows, sheets, strict=True):
            if sheet is None:  # a row number several sheets hold, and no NIP to choose
                continue
            idx = source.col_index.get(out[k].column)
            row = source.header_row if row is None else row
            cell = cell_ref(sheet, idx, int(row)) if idx is not None else ""
            out[k] = replace(out[k], sheet=sheet, cell=cell)
    return out


def _row_sheets(
    keys: pd.DataFrame, rows: list[int | None], nips: list[str], first: str
) -> list[str | None]:
    """The sheet of each Excel row (:attr:`Source.rows`): the one sheet holding that row
    number, else the one where it holds ``nip``; ``first`` for no row, None where neither
    tells."""
    per_row = keys.groupby("excel_row")["excel_sheet"]
    only = per_row.first().where(per_row.nunique() == 1)
    keys = keys.drop_duplicates(["excel_row", "nip"])
    asked = pd.DataFrame(
        {"excel_row": pd.array(rows, dtype="Int64"), "nip": pd.array(nips, dtype="string")}
    )
    by_nip = asked.merge(keys, how="left", on=["excel_row", "nip"])["excel_sheet"]
    found = only.reindex(asked["excel_row"]).reset_index(drop=True).fillna(by_nip)
    return [
        first if row is None else None if pd.isna(sheet) else str(sheet)
        for row, sheet in zip(rows, found, strict=True)
    ]


def _issues(
    where: Located, mask: pd.Series, code: str, column: str, values: pd.Series, **params_cols
) -> list[Issue]:
    """Issues for the rows of ``mask`` (a loop over the bad rows only)."""
    bad = where.frame.loc[mask.fillna(False).to_numpy(dtype=bool)]
    out: list[Issue] = []
    vals = values.loc[bad.index]
    extra = {k: v.loc[bad.index] for k, v in params_cols.items()}
    nips = bad["nip"] if "nip" in bad else pd.Series("", index=bad.index)
    for idx, row, sheet in zip(bad.index, bad["excel_row"], where.sheets(bad), strict=True):
        out.append(
            Issue(
                code=code,
                sheet=sheet,
                cell=where.cell(column, row, sheet),
                column=column,
                value="" if pd.isna(vals[idx]) else str(vals[idx]),
                row=int(row),
                nip="" if pd.isna(nips[idx]) else str(nips[idx]),
                params={k: ("" if pd.isna(v[idx]) else str(v[idx])) for k, v in extra.items()},
            )
        )
    return out


def position_issues(pegawai: Located, jabatan: pd.DataFrame) -> list[Issue]:
    """Employees whose (unit, jabatan) is not in the position map; grades outside the range."""
    emp = pegawai.frame
    emp_key = name_key(emp["unit_kerja"]) + "\x1f" + name_key(emp["jabatan"])
    pos = jabatan.assign(
        _key=name_key(jabatan["unit_kerja"]) + "\x1f" + name_key(jabatan["jabatan"])
    )
    pos = pos.drop_duplicates("_key").set_index("_key")
    known = emp_key.isin(pos.index)
    issues = _issues(
        pegawai,
        ~known,
        "position-unknown",
        "jabatan",
        emp["jabatan"],
        jabatan=emp["jabatan"],
        unit=emp["unit_kerja"],
    )

    # Grade range: the position's own columns, else its eselon's range (PP 13/2002, 5.4).
    low = emp_key.map(pos.get("golongan_min_id", pd.Series(dtype="Int64")))
    high = emp_key.map(pos.get("golongan_max_id", pd.Series(dtype="Int64")))
    eselon = emp_key.map(pos["eselon"]) if "eselon" in pos else pd.Series(pd.NA, index=emp.index)
    if "eselon" in emp:
        eselon = eselon.fillna(emp["eselon"])
    esl_low, esl_high = eselon_range(eselon)
    low = pd.to_numeric(low, errors="coerce").fillna(pd.to_numeric(esl_low, errors="coerce"))
    high = pd.to_numeric(high, errors="coerce").fillna(pd.to_numeric(esl_high, errors="coerce"))
    grade = pd.to_numeric(emp.get("golongan_id"), errors="coerce")
    outside = known & grade.notna() & ((grade < low) | (grade > high))
    if outside.any():
        labels = {g: golongan_label(int(g)) for g in np.unique(np.r_[low.dropna(), high.dropna()])}
        issues += _issues(
            pegawai,
            outside,
            "grade-out-of-range",
            "golongan",
            emp["golongan"],
            low=low.map(labels),
            high=high.map(labels),
        )
    return issues


def ungrouped_titles(jabatan: Located) -> list[Issue]:
    """One warning per pelaksana title in no group of the nomenclature (issue 9): such a title
    is moved only to the same title by `mutasi propose`.

    A "title" that is the name of a unit of the same map (a unit some other row sits in) is a
    node of an organisation tree, not a title: a SIASN "listing validasi" flattens its tree, so
    a Puskesmas's village units ("SAWERIGADI") stand in the position column (69 of the 72
    warnings on the real Muna Barat listing). Those rows are one ``position-is-unit`` warning
    naming how many and the first; they are still read as positions (only someone holding
    that very "title" could be moved to one)."""
    frame = jabatan.frame
    if "jabatan" not in frame or "jenis_jabatan" not in frame:
        return []
    override = frame.get("kelompok_jabatan")
    pelaksana = (frame["jenis_jabatan"].astype("string") == "pelaksana").fillna(False)
    none = pelaksana & pelaksana_group(frame["jabatan"], override).isna()
    titles = frame.loc[none.to_numpy(bool)]
    titles = titles.assign(_key=name_key(titles["jabatan"])).dropna(subset="_key")  # no title:
    # nothing to name (a missing title is reported by the reader)
    units = [name_key(frame[c]).dropna() for c in ("unit_kerja", "unit_induk") if c in frame]
    is_unit = isin(titles["_key"], pd.concat(units)) if units else np.zeros(len(titles), bool)
    issues = []
    if is_unit.any():
        nodes = titles.loc[is_unit]
        (sheet,) = jabatan.sheets(nodes.iloc[:1])
        issues.append(
            Issue(
                code="position-is-unit",
                sheet=sheet,
                cell=jabatan.cell("jabatan", nodes["excel_row"].iloc[0], sheet),
                column="jabatan",
                value=str(nodes["jabatan"].iloc[0]),
                row=int(nodes["excel_row"].iloc[0]),
                params={"n": str(len(nodes))},
            )
        )
    titles = titles.loc[~is_unit]
    first = titles.drop_duplicates("_key")
    counts = titles["_key"].value_counts()
    return issues + [
        Issue(
            code="pelaksana-no-group",
            sheet=sheet,
            cell=jabatan.cell("jabatan", row, sheet),
            column="jabatan",
            value=str(title),
            row=int(row),
            params={"n": str(counts[key])},
        )
        for title, row, key, sheet in zip(
            first["jabatan"], first["excel_row"], first["_key"], jabatan.sheets(first), strict=True
        )
    ]


def date_issues(pegawai: Located, per: date) -> list[Issue]:
    """Start dates after the reference date."""
    emp = pegawai.frame
    future = emp["tmt_jabatan"] > pd.Timestamp(per)
    shown = emp["tmt_jabatan"].dt.strftime("%d-%m-%Y")
    per_s = pd.Series(per.strftime("%d-%m-%Y"), index=emp.index)
    return _issues(pegawai, future, "tmt-jabatan-future", "tmt_jabatan", shown, per=per_s)


def history_issues(riwayat: Located, per: date) -> list[Issue]:
    frame = riwayat.frame
    future = frame["tmt_mutasi"] > pd.Timestamp(per)
    shown = frame["tmt_mutasi"].dt.strftime("%d-%m-%Y")
    per_s = pd.Series(per.strftime("%d-%m-%Y"), index=frame.index)
    return _issues(riwayat, future, "history-future-tmt", "tmt_mutasi", shown, per=per_s)


def unknown_nips(side: Located, roster_nips: pd.Series) -> list[Issue]:
    """NIPs of a side table (aspirations, competencies, performance) missing from the roster."""
    frame = side.frame
    missing = ~frame["nip"].isin(set(roster_nips.dropna()))
    return _issues(side, missing, "nip-unknown", "nip", frame["nip"])


def cross_check(tables: Mapping[str, Located], *, per: date) -> list[Issue]:
    """Every check across the given tables (keyed by table name)."""
    issues: list[Issue] = []
    pegawai = tables.get("pegawai")
    if pegawai is not None and len(pegawai.frame):
        issues += date_issues(pegawai, per)
        if "jabatan" in tables and len(tables["jabatan"].frame):
            issues += position_issues(pegawai, tables["jabatan"].frame)
        for name in ("kompetensi", "aspirasi", "kinerja", "riwayat_mutasi"):
            if name in tables and len(tables[name].frame):
                issues += unknown_nips(tables[name], pegawai.frame["nip"])
    if "riwayat_mutasi" in tables and len(tables["riwayat_mutasi"].frame):
        issues += history_issues(tables["riwayat_mutasi"], per)
    if "jabatan" in tables and len(tables["jabatan"].frame):
        issues += ungrouped_titles(tables["jabatan"])
    return issues
