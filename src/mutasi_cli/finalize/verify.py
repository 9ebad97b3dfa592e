"""finalize accepts only what was proposed: the review compared with the proposal's record, and
every move to apply re-checked against the roster and the position map.

1. **Record**: the proposal workbook holds a hidden, protected sheet with every proposed move and
   a digest of them (:mod:`mutasi_cli.reports.proposal_record`). A review without it, or whose
   record no longer matches its digest, is refused (``review-record-missing``,
   ``review-record-tampered``).
2. **Compare**: an approved row whose NIP was not proposed is refused
   (``review-row-not-proposed``); one whose origin, destination, seat or replaced person differ
   from the proposal, in the columns finalize applies or in the "Unit/Jabatan" cells the
   committee reads, is refused with the cells that changed (``review-row-changed``).
3. **Additions**: moves the committee wants but the tool did not propose go in the sheet
   "Usulan Tambahan"; the approved ones are reported as manual (``review-manual-move``) and
   checked like every other move.
4. **Rules**: each move to apply is re-checked against the roster and the position map: the
   destination exists (``move-position-unknown``), the person may be moved and fits the
   position (``move-rule-broken``: the never-move reasons and the pair rules of
   :mod:`mutasi_cli.matching.eligibility`), and the destination has a free seat once every
   approved move is counted (``move-no-seat``).

Pure: sheets come in as cell grids (:func:`read_extras` is the only function reading a file).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.finalize.review import (
    APPROVED,
    COLUMNS,
    Review,
    _match_headers,
    accepted_spellings,
    decisions,
    nip_issues,
)
from mutasi_cli.i18n import t
from mutasi_cli.issues import Issue, cell_ref
from mutasi_cli.reports import proposal_record as rec
from mutasi_cli.schema import header_key, name_key
from mutasi_cli.settings import Settings

# Review columns compared with the record; names compare case- and space-insensitively. The
# shown columns ("Unit/Jabatan Tujuan": the position over its unit) are what the committee
# reads beside its decision: one edited there was ignored, the proposed move applied.
COMPARED = (
    "from_unit", "from_jabatan", "to_unit", "to_jabatan", "seat", "replaces", "from_shown",
    "to_shown",
)  # fmt: skip
_NAMES = ("from_unit", "from_jabatan", "to_unit", "to_jabatan", "from_shown", "to_shown")
_SHOWN = {"from_shown": ("from_jabatan", "from_unit"), "to_shown": ("to_jabatan", "to_unit")}
MANUAL_NOTE = "manual"
# The never-move reasons and pair rules whose inputs finalize has (roster and map); talent box 1
# and unwillingness need the performance, competency and aspiration files, which propose read.
RULES_CHECKED = (
    "pppk",
    "masa_jabatan",
    "hukuman",
    "pensiun",
    "jpt",
    "golongan",
    "pendidikan",
    "jurusan",
    "rumpun",
    "jabatan_sama",
)


@dataclass(frozen=True)
class Extras:
    """What finalize needs besides the review sheet: the record and the committee's additions."""

    record: pd.DataFrame | None  # rec.RECORD_COLUMNS, text; None when the sheet is absent
    digest: str | None
    additions: pd.DataFrame  # nip, nama, to_unit, to_jabatan, keputusan, catatan, excel_row
    additions_sheet: str
    additions_columns: dict[str, int]


@dataclass(frozen=True)
class Verified:
    """The review with the approved additions appended (source "manual"), and every issue."""

    review: Review
    issues: list[Issue]
    manual: int


# ---- the roster's fingerprint ----------------------------------------------------------------
# Columns whose content identifies a roster for finalize: a file re-saved by another office suite
# (other bytes, same cells) has the same fingerprint; a changed unit or position does not.
FINGERPRINT_COLUMNS = (
    "nip",
    "nama",
    "status",
    "golongan",
    "unit_kerja",
    "unit_induk",
    "jabatan",
    "jenis_jabatan",
    "tmt_jabatan",
)


def roster_fingerprint(pegawai: pd.DataFrame) -> str:
    """SHA-256 of the roster's content (the typed :data:`FINGERPRINT_COLUMNS`, rows by NIP),
    not of the file's bytes."""
    import hashlib

    columns = [c for c in FINGERPRINT_COLUMNS if c in pegawai]
    frame = pegawai[columns].sort_values(columns[:1], kind="stable").reset_index(drop=True)
    hashed = pd.util.hash_pandas_object(frame.astype("string"), index=False).to_numpy()
    digest = hashlib.sha256(",".join(columns).encode())
    digest.update(hashed.tobytes())
    return digest.hexdigest()


# ---- reading ------------------------------------------------------------------------------
def read_extras(path: Path) -> Extras:
    """The record and additions sheets of a review workbook (missing sheets give empties)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    names = {header_key(n): n for n in book.sheet_names}
    wanted = [rec.RECORD_SHEET] + [t(rec.ADDITIONS_KEY, lang) for lang in ("id", "en")]
    grids = {
        names[header_key(w)]: book.get_sheet_by_name(names[header_key(w)]).to_python()
        for w in wanted
        if header_key(w) in names
    }
    return parse_extras(grids)


def parse_extras(sheets: dict[str, list[list[Any]]]) -> Extras:
    """:class:`Extras` from cell grids (sheet name -> rows)."""
    by_key = {header_key(n): (n, rows) for n, rows in sheets.items()}
    record, digest = None, None
    if header_key(rec.RECORD_SHEET) in by_key:
        record, digest = _record(by_key[header_key(rec.RECORD_SHEET)][1])
    names = [t(rec.ADDITIONS_KEY, lang) for lang in ("id", "en")]
    found = next((by_key[header_key(n)] for n in names if header_key(n) in by_key), None)
    if found is None:
        empty = pd.DataFrame(columns=[*rec.ADDITIONS_COLUMNS, "typed", "excel_row"], dtype="string")
        return Extras(record, digest, empty, names[0], {})
    name, rows = found
    additions, columns = _additions(rows)
    return Extras(record, digest, additions, name, columns)


def _text(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)
    return text.mask(text == "")


def _record(rows: list[list[Any]]) -> tuple[pd.DataFrame, str | None]:
    if not rows:
        return pd.DataFrame(columns=list(rec.RECORD_COLUMNS), dtype="string"), None
    header = [str(h).strip() for h in rows[0]]
    body = pd.DataFrame(rows[1:], columns=header, dtype=object) if len(rows) > 1 else None
    frame = pd.DataFrame(
        {
            c: (
                body[rec.HEADER_PREFIX + c].map(_plain).astype("string")
                if body is not None and rec.HEADER_PREFIX + c in body
                else pd.Series(dtype="string")
            )
            for c in rec.RECORD_COLUMNS
        }
    )
    frame = frame[frame["nip"].fillna("") != ""].reset_index(drop=True)
    digest = None
    if body is not None and rec.DIGEST_HEADER in body:
        values = [str(v).strip() for v in body[rec.DIGEST_HEADER] if str(v).strip()]
        digest = values[0].lower() if values else None
    return frame, digest


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _additions(rows: list[list[Any]]) -> tuple[pd.DataFrame, dict[str, int]]:
    columns, _ = _match_headers(rows[0] if rows else [])
    keep = {c: j for c, j in columns.items() if c in rec.ADDITIONS_COLUMNS}
    body = pd.DataFrame(rows[1:], dtype=object)
    width = max([*keep.values(), -1]) + 1
    body = body.reindex(columns=range(max(width, body.shape[1])), fill_value="")
    body.index = pd.RangeIndex(2, 2 + len(body))
    frame = pd.DataFrame(
        {
            c: (_text(body[keep[c]].map(_plain)) if c in keep else pd.Series(pd.NA, body.index))
            for c in rec.ADDITIONS_COLUMNS
        },
        index=body.index,
    ).astype("string")
    frame = frame[frame["nip"].notna()]
    frame["nip"] = frame["nip"].str.replace(r"\s+", "", regex=True)
    frame["typed"] = frame["keputusan"]
    frame["keputusan"] = decisions(frame["keputusan"].fillna(""))
    frame["excel_row"] = pd.array(frame.index, dtype="Int64")
    return frame.reset_index(drop=True), keep


# ---- comparing ----------------------------------------------------------------------------
def compare(review: Review, extras: Extras) -> list[Issue]:
    """Approved review rows against the proposal's record (see the module docstring)."""
    approved = review.frame[review.frame["keputusan"] == APPROVED].dropna(subset=["nip"])
    if extras.record is None:
        if approved.empty:
            return []
        return [Issue("review-record-missing", sheet=review.sheet)]
    if extras.digest != rec.moves_digest(extras.record) and (
        extras.digest is not None or len(extras.record)
    ):
        return [Issue("review-record-tampered", sheet=rec.RECORD_SHEET)]
    record = extras.record.drop_duplicates("nip").set_index("nip")
    proposed = approved["nip"].isin(record.index).to_numpy(bool)
    issues = nip_issues("review-row-not-proposed", approved[~proposed], review.sheet, review.cell)
    known = approved[proposed]
    if known.empty:
        return issues
    expected = record.loc[known["nip"]].reset_index()
    expected.index = known.index
    for shown, (jabatan, unit) in _SHOWN.items():  # as the proposal writes it: empty when a
        # part is missing (NA + text is NA)
        expected[shown] = expected[jabatan].astype("string") + " " + expected[unit].astype("string")
    differs = {}
    for column in COMPARED:
        if column not in review.columns:
            continue
        given, wanted = known[column].fillna(""), expected[column].fillna("")
        if column in _NAMES:
            given, wanted = name_key(given).fillna(""), name_key(wanted).fillna("")
        elif column == "replaces":  # shown as "Name (NIP)": compare the NIP in it
            nip = r"(\d{18})"
            given = given.str.extract(nip, expand=False).fillna(given.str.strip())
            wanted = wanted.str.extract(nip, expand=False).fillna(wanted.str.strip())
        else:
            given, wanted = given.str.strip(), wanted.str.strip()
        differs[column] = (given != wanted).to_numpy(bool)
    if not differs:
        return issues
    changed = np.column_stack(list(differs.values())).any(axis=1)
    for i in np.flatnonzero(changed):
        index = known.index[i]
        row = int(known.at[index, "excel_row"])
        cols = [c for c, d in differs.items() if d[i]]
        cells = ", ".join(review.cell(c, row) for c in cols)
        what = "; ".join(
            f"{t(COLUMNS[c], 'id')}: '{_shown(known.at[index, c])}' ≠ "
            f"'{_shown(expected.at[index, c])}'"
            for c in cols
        )
        issues.append(
            Issue(
                "review-row-changed",
                review.sheet,
                review.cell(cols[0], row),
                cols[0],
                value=_shown(known.at[index, cols[0]]),
                row=row,
                nip=str(known.at[index, "nip"]),
                params={"cells": cells, "changes": what},
            )
        )
    return issues


def _shown(value: Any) -> str:
    return "" if pd.isna(value) else str(value)


# ---- additions ----------------------------------------------------------------------------
def manual_moves(review: Review, extras: Extras, pegawai: pd.DataFrame) -> tuple[Review, list]:
    """The review with the approved additions appended as rows (origin from the roster, no
    seat), and a ``review-manual-move`` warning (or an error for an unknown NIP) for each."""
    adds = extras.additions
    where = extras.additions_columns

    def cell(column: str, row: int) -> str:
        j = where.get(column, where.get("nip", 0))
        return cell_ref(extras.additions_sheet, j, row)

    unknown = (
        [
            Issue(
                "review-decision-unknown",
                extras.additions_sheet,
                cell("keputusan", int(r.excel_row)),
                "keputusan",
                value=_shown(r.typed),
                row=int(r.excel_row),
                nip=r.nip,
                params={"accepted": accepted_spellings()},
            )
            for r in adds[adds["keputusan"].isna()].itertuples()
        ]
        if len(adds)
        else []
    )
    approved = adds[adds["keputusan"] == APPROVED] if len(adds) else adds
    if approved.empty:
        return review, unknown

    roster = pegawai.drop_duplicates("nip").set_index("nip")
    on_roster = approved["nip"].isin(roster.index).to_numpy(bool)
    issues = unknown + nip_issues(
        "review-nip-unknown", approved[~on_roster], extras.additions_sheet, cell
    )
    rows = approved[on_roster]
    issues += [
        Issue(
            "review-manual-move",
            extras.additions_sheet,
            cell("nip", int(r.excel_row)),
            "nip",
            value=r.nip,
            row=int(r.excel_row),
            nip=r.nip,
            params={"unit": _shown(r.to_unit), "jabatan": _shown(r.to_jabatan)},
        )
        for r in rows.itertuples()
    ]
    missing_dest = rows["to_unit"].isna() | rows["to_jabatan"].isna()
    issues += [
        Issue(
            "move-position-unknown",
            extras.additions_sheet,
            cell("to_unit", int(r.excel_row)),
            "to_unit",
            row=int(r.excel_row),
            nip=r.nip,
            params={"unit": _shown(r.to_unit), "jabatan": _shown(r.to_jabatan)},
        )
        for r in rows[missing_dest.to_numpy(bool)].itertuples()
    ]
    rows = rows[~missing_dest.to_numpy(bool)]
    origin = roster.loc[rows["nip"], ["unit_kerja", "jabatan"]].to_numpy()
    added = pd.DataFrame(
        {
            "nip": rows["nip"].to_numpy(),
            "nama": rows["nama"].to_numpy(),
            "from_unit": origin[:, 0] if len(rows) else [],
            "from_jabatan": origin[:, 1] if len(rows) else [],
            "to_unit": rows["to_unit"].to_numpy(),
            "to_jabatan": rows["to_jabatan"].to_numpy(),
            "seat": pd.NA,
            "replaces": pd.NA,
            "keputusan": APPROVED,
            "catatan": rows["catatan"].fillna(MANUAL_NOTE).to_numpy(),
        }
    ).astype("string")
    added["excel_row"] = pd.array(rows["excel_row"].to_numpy(), dtype="Int64")
    added["source"] = MANUAL_NOTE
    base = review.frame.assign(source="review")
    frame = pd.concat([base, added], ignore_index=True)
    return replace(review, frame=frame), issues


# ---- rules --------------------------------------------------------------------------------
def check_rules(
    moves: pd.DataFrame,
    pegawai: pd.DataFrame,
    jabatan: pd.DataFrame,
    *,
    per: date,
    settings: Settings,
    beban_kerja: pd.DataFrame | None = None,
    where: Any = None,
) -> list[Issue]:
    """Each move (``nip``, ``to_unit``, ``to_jabatan``, ``excel_row``, optional ``source``)
    re-checked against the roster and the map; ``where(move_row) -> (sheet, cell)`` places it."""
    from mutasi_cli.matching.eligibility import exclusions, pair_masks
    from mutasi_cli.matching.prepare import (
        KEYS,
        add_seats,
        arrays,
        people_frame,
        positions_frame,
        retiring_per_position,
    )

    moves = moves.dropna(subset=["nip"]).drop_duplicates("nip").reset_index(drop=True)
    if moves.empty:
        return []
    positions = positions_frame(pegawai, jabatan, beban_kerja, settings)
    people = people_frame(pegawai, positions, None, None, per, settings)
    flags = exclusions(people, per, settings)
    people["candidate"] = people["nip"].isin(set(moves["nip"]))
    retiring = retiring_per_position(people, len(positions), per, settings)
    positions = add_seats(positions, retiring)
    index = pd.MultiIndex.from_frame(positions[KEYS])
    dest = index.get_indexer(
        pd.MultiIndex.from_arrays([name_key(moves["to_unit"]), name_key(moves["to_jabatan"])])
    )
    at = pd.Index(people["nip"]).get_indexer(moves["nip"])
    known = at >= 0  # unknown NIPs are reported by check_decisions / manual_moves
    place = where or (lambda m: ("", ""))
    issues: list[Issue] = []

    def issue(code: str, i: int, **params: Any) -> Issue:
        m = moves.iloc[i]
        sheet, cell = place(m)
        row = m.get("excel_row")
        return Issue(
            code,
            sheet,
            cell,
            "to_jabatan",
            value=str(m["nip"]),
            row=int(row) if pd.notna(row) else None,
            nip=str(m["nip"]),
            params=params,
        )

    for i in np.flatnonzero(known & (dest < 0)):
        issues.append(
            issue("move-position-unknown", i, unit=moves.at[i, "to_unit"],
                  jabatan=moves.at[i, "to_jabatan"])
        )  # fmt: skip
    ok = np.flatnonzero(known & (dest >= 0))
    if len(ok):
        cands = people.iloc[at[ok]].reset_index(drop=True)
        a = arrays(cands, positions, settings)
        broken = np.zeros((len(ok), len(RULES_CHECKED)), bool)
        never = flags.iloc[at[ok]].reset_index(drop=True)
        for j, rule in enumerate(RULES_CHECKED):
            if rule in never:
                broken[:, j] = never[rule].to_numpy(bool)
        step = 512
        for s in range(0, len(ok), step):
            cols = dest[ok[s : s + step]]
            masks = pair_masks(a, slice(s, s + len(cols)), cols)
            for j, rule in enumerate(RULES_CHECKED):
                if rule in masks:
                    broken[s : s + len(cols), j] = ~np.diagonal(masks[rule])
        for k in np.flatnonzero(broken.any(axis=1)):
            rules = ", ".join(
                _rule_label(r) for r, b in zip(RULES_CHECKED, broken[k], strict=True) if b
            )
            issues.append(issue("move-rule-broken", int(ok[k]), rules=rules))
    issues += _seats(moves, people, positions, dest, at, issue)
    return issues


def _rule_label(rule: str) -> str:
    """The rule as the proposal names it (pair rules and never-move reasons)."""
    for key in (f"propose.rule.{rule}", f"propose.exclusion.{rule}"):
        try:
            return t(key, "id")
        except KeyError:
            continue
    return rule


def _seats(moves, people, positions, dest, at, issue) -> list[Issue]:
    """Destinations with more approved arrivals than free seats plus seats the leavers free."""
    n = len(positions)
    valid = dest >= 0
    inflow = np.bincount(dest[valid], minlength=n)
    homes = people["home"].to_numpy(np.int64)[at[at >= 0]]
    outflow = np.bincount(homes[homes >= 0], minlength=n)
    need_known = positions["kebutuhan"].notna().to_numpy(bool)
    capacity = positions["seats"].to_numpy(np.int64) + np.where(
        positions["refill"].to_numpy(bool), outflow, 0
    )
    # only where someone arrives: a position whose seats count below zero (its map row made
    # no sense) but that no approved move targets is no over-filled destination
    over = need_known & (inflow > capacity) & (inflow > 0)
    issues = []
    for p in np.flatnonzero(over):
        arrivals = np.flatnonzero(valid & (dest == p))
        issues.append(
            issue(
                "move-no-seat",
                int(arrivals[-1]),
                unit=positions.at[p, "unit_kerja"],
                jabatan=positions.at[p, "jabatan"],
                arriving=int(inflow[p]),
                free=int(capacity[p]),
            )
        )
    return issues


# ---- the whole check ------------------------------------------------------------------------
def verify(
    review: Review,
    extras: Extras,
    pegawai: pd.DataFrame,
    jabatan: pd.DataFrame | None,
    *,
    per: date,
    settings: Settings,
    beban_kerja: pd.DataFrame | None = None,
) -> Verified:
    """Compare, add the committee's additions, and re-check every approved move's rules."""
    issues = compare(review, extras)
    merged, manual = manual_moves(review, extras, pegawai)
    issues += manual
    approved = merged.frame[merged.frame["keputusan"] == APPROVED]
    if jabatan is not None and not approved.empty:

        def where(m: pd.Series) -> tuple[str, str]:
            if m.get("source") == MANUAL_NOTE:
                j = extras.additions_columns.get("to_jabatan", 0)
                return extras.additions_sheet, cell_ref(extras.additions_sheet, j, m["excel_row"])
            return review.sheet, review.cell("to_jabatan", int(m["excel_row"]))

        issues += check_rules(
            approved,
            pegawai,
            jabatan,
            per=per,
            settings=settings,
            beban_kerja=beban_kerja,
            where=where,
        )
    count = int((merged.frame.get("source", pd.Series(dtype="string")) == MANUAL_NOTE).sum())
    return Verified(merged, issues, count)


# ---- history --------------------------------------------------------------------------------
def repeated_moves(riwayat: pd.DataFrame | None, moves: pd.DataFrame) -> list[Issue]:
    """A ``history-repeated-move`` warning for each new move (``moves``: history columns) whose
    NIP, origin and destination the history already holds under another TMT: finalize run twice
    with different ``--tmt`` would otherwise add a silent duplicate."""
    if riwayat is None or riwayat.empty or moves.empty:
        return []
    keys = ["nip", "unit_asal", "jabatan_asal", "unit_tujuan", "jabatan_tujuan"]
    if any(k not in riwayat for k in keys):
        return []

    def folded(frame: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame({k: name_key(frame[k].astype("string")) for k in keys[1:]})
        out.insert(0, "nip", frame["nip"].astype("string").to_numpy())
        out["tmt"] = pd.to_datetime(frame["tmt_mutasi"]).dt.normalize().to_numpy()
        return out

    old, new = folded(riwayat), folded(moves)
    joined = new.reset_index().merge(old, on=keys, how="inner", suffixes=("", "_old"))
    repeated = joined[joined["tmt"] != joined["tmt_old"]].drop_duplicates("index")
    return [
        Issue(
            "history-repeated-move",
            sheet="riwayat_mutasi",
            column="tmt_mutasi",
            value=str(r.nip),
            nip=str(r.nip),
            params={
                "unit": _shown(moves.at[r.index, "unit_tujuan"]),
                "jabatan": _shown(moves.at[r.index, "jabatan_tujuan"]),
                "tmt": pd.Timestamp(r.tmt_old).date().isoformat(),
            },
        )
        for r in repeated.itertuples()
    ]
