"""Reading the committee's review sheet back after a person edited it in Excel or LibreOffice.

The review sheet ("Usulan Mutasi" of the workbook ``mutasi propose`` wrote) is the first sheet
whose top rows hold a NIP header and a destination or decision header. Columns are found by their
labels in either language wherever they now sit; extra columns are ignored; rows may be sorted
or filtered. A decision is read case- and space-insensitively with the
spellings of :data:`SPELLINGS`; an empty decision means *tunda* (deferred).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from mutasi_cli.errors import MutasiError
from mutasi_cli.i18n import t
from mutasi_cli.issues import Issue, cell_ref
from mutasi_cli.schema import header_key

APPROVED, REJECTED, DEFERRED = "setuju", "tolak", "tunda"

# Accepted spellings of a decision, after folding case, spaces and punctuation away.
SPELLINGS: dict[str, str] = {
    **dict.fromkeys(
        ("setuju", "ya", "y", "disetujui", "acc", "ok", "yes", "approve", "approved"), APPROVED
    ),
    **dict.fromkeys(("tolak", "tidak", "ditolak", "t", "no", "n", "reject", "rejected"), REJECTED),
    **dict.fromkeys(("tunda", "ditunda", "pending", "", "defer", "deferred"), DEFERRED),
}


def decisions(typed: pd.Series) -> pd.Series:
    """Typed decisions -> setuju/tolak/tunda, ``<NA>`` when not an accepted spelling.

    Case, spaces and punctuation are folded away; a cell that held only symbols (``✓ ❌ ?``)
    is *not* empty, so it is unknown rather than silently Tunda (issue 12).
    """
    text = typed.astype("string").fillna("")
    folded = text.str.casefold().str.replace(r"[^0-9a-z]+", "", regex=True)
    meaning = folded.map(SPELLINGS).astype("string")
    return meaning.mask((folded == "") & (text.str.strip() != ""))


def accepted_spellings() -> str:
    """The accepted decision spellings, for messages: "setuju, ya, ... / tolak, ... / tunda"."""
    groups: dict[str, list[str]] = {}
    for spelling, meaning in SPELLINGS.items():
        if spelling:
            groups.setdefault(meaning, []).append(spelling)
    return " / ".join(", ".join(words) for words in groups.values())


# Canonical review column -> the i18n key of its header as `mutasi propose` writes it.
COLUMNS: dict[str, str] = {
    "nip": "propose.col.nip",
    "nama": "propose.col.nama",
    "from_unit": "propose.col.from_unit",
    "from_jabatan": "propose.col.from_jabatan",
    "to_unit": "propose.col.to_unit",
    "to_jabatan": "propose.col.to_jabatan",
    "seat": "propose.col.seat",
    "replaces": "propose.col.replaces",
    "keputusan": "propose.col.keputusan",
    "catatan": "propose.col.catatan",
    # What the committee reads beside the decision: the position over its unit, one cell each
    # side. finalize applies the canonical columns; an edit here is refused, never ignored.
    "from_shown": "propose.review.from",
    "to_shown": "propose.review.to",
}
# Headers of earlier versions, still read back: label -> (canonical column, language).
OLD_LABELS = {"Menggantikan NIP": ("replaces", "id"), "Replaces NIP": ("replaces", "en")}
# Without these a decision cannot be checked or applied.
REQUIRED = ("nip", "from_unit", "from_jabatan", "to_unit", "to_jabatan", "seat", "keputusan")
# Info-sheet rows the checks need: canonical key -> i18n key of its label.
INFO_KEYS = {"fingerprint": "common.fingerprint", "per": "common.per"}
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Review:
    """The review sheet as read: one row per proposed move, plus the proposal's Info sheet."""

    frame: pd.DataFrame  # canonical COLUMNS present + keputusan (setuju/tolak/tunda) + excel_row
    sheet: str
    columns: dict[str, int]  # canonical column -> 0-based column index in the sheet
    info: dict[str, Any] = field(default_factory=dict)  # "fingerprint", "per", other rows by label
    issues: list[Issue] = field(default_factory=list)

    @property
    def fingerprint(self) -> str | None:
        value = str(self.info.get("fingerprint") or "").strip().lower()
        return value or None

    @property
    def per(self) -> date | None:
        value = self.info.get("per")
        try:
            return None if value in (None, "") else pd.Timestamp(value).date()
        except ValueError:
            return None

    def cell(self, column: str, row: int) -> str:
        """``'Usulan Mutasi'!K7`` for a canonical column and a 1-based Excel row."""
        return cell_ref(self.sheet, self.columns[column], row)

    def counts(self) -> dict[str, int]:
        """How many moves were approved, rejected and deferred."""
        decided = self.frame["keputusan"].value_counts() if len(self.frame) else {}
        names = {APPROVED: "approved", REJECTED: "rejected", DEFERRED: "deferred"}
        return {name: int(decided.get(value, 0)) for value, name in names.items()}


def read_review(path: Path) -> Review:
    """Read a review workbook (any layout an analyst may have left it in)."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        # Visible sheets first: a hidden sheet (e.g. the proposal's own copy of the moves) is
        # never taken for the sheet the committee decided in.
        hidden = {m.name for m in book.sheets_metadata if str(m.visible).endswith("Hidden")}
        names = sorted(book.sheet_names, key=lambda n: n in hidden)
        sheets = {
            name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names
        }
    except (CalamineError, OSError, ValueError) as exc:
        raise MutasiError.of(
            "finalize.error.review_unreadable", code="file-unreadable", path=path, exc=exc
        ) from None
    return parse_review(sheets)


def parse_review(sheets: dict[str, list[list[Any]]]) -> Review:
    """The review from every sheet's cell values (sheet name -> rows), in workbook order."""
    info_names = {header_key(t("common.info", lang)) for lang in ("id", "en")}
    info_sheet = next((rows for name, rows in sheets.items() if header_key(name) in info_names), [])
    candidates = [(n, rows) for n, rows in sheets.items() if header_key(n) not in info_names]
    name, rows, header = _find_review_sheet(candidates or list(sheets.items()))
    columns, lang = _match_headers(rows[header] if rows else [])
    info = _info(info_sheet)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        found = ", ".join(str(h) for h in (rows[header] if rows else []) if str(h).strip())
        issues = [
            Issue(
                "review-column-missing",
                sheet=name,
                column=col,
                params={"label": t(COLUMNS[col], lang), "sheet_name": name, "found": found or "-"},
            )
            for col in missing
        ]
        empty = pd.DataFrame(columns=[*COLUMNS, "excel_row"])
        return Review(empty, name, columns, info, issues)
    frame, issues = _frame(rows[header + 1 :], columns, header, name)
    return Review(frame, name, columns, info, issues)


def _header_index() -> dict[str, tuple[str, str]]:
    """Folded header -> (canonical column, language of the label)."""
    index: dict[str, tuple[str, str]] = {}
    for column, key in COLUMNS.items():
        index.setdefault(header_key(column), (column, ""))
        for lang in ("en", "id"):  # Indonesian last: it wins where both spell the same
            index[header_key(t(key, lang))] = (column, lang)
    for label, (column, lang) in OLD_LABELS.items():
        index.setdefault(header_key(label), (column, lang))
    return index


def _match_headers(row: list[Any]) -> tuple[dict[str, int], str]:
    """Canonical column -> its first column index; and the language the headers are in."""
    index = _header_index()
    columns: dict[str, int] = {}
    langs: list[str] = []
    for j, text in enumerate(row):
        column, lang = index.get(header_key(text), (None, ""))
        if column is not None and column not in columns:
            columns[column] = j
            langs.append(lang)
    return columns, "en" if langs.count("en") > langs.count("id") else "id"


def _find_review_sheet(sheets: list[tuple[str, list[list[Any]]]]) -> tuple[str, list, int]:
    """The first sheet with a NIP and a destination header in its top rows (else the first)."""
    for name, rows in sheets:
        for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            columns, _ = _match_headers(row)
            if "nip" in columns and ("to_unit" in columns or "keputusan" in columns):
                return name, rows, i
    name, rows = sheets[0] if sheets else ("", [])
    return name, rows, 0


def _info(rows: list[list[Any]]) -> dict[str, Any]:
    """Key/value rows of the Info sheet; the known keys under their canonical names."""
    known = {
        header_key(label): key
        for key, label_key in INFO_KEYS.items()
        for label in (key, t(label_key, "id"), t(label_key, "en"))
    }
    info: dict[str, Any] = {}
    for row in rows:
        if len(row) >= 2 and str(row[0]).strip():
            info.setdefault(known.get(header_key(row[0]), str(row[0]).strip()), row[1])
    return info


def _text(values: pd.Series) -> pd.Series:
    """Cell values -> stripped single-spaced text, ``<NA>`` when empty."""
    text = values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)
    return text.mask(text == "")


def _frame(
    body: list[list[Any]], columns: dict[str, int], header: int, sheet: str
) -> tuple[pd.DataFrame, list[Issue]]:
    """Data rows -> the review frame (empty rows dropped) and the issues of its cells."""
    raw = pd.DataFrame(body, dtype=object)
    raw = raw.reindex(columns=range(max(max(columns.values()) + 1, raw.shape[1])), fill_value="")
    raw.index = pd.RangeIndex(header + 2, header + 2 + len(raw))  # 1-based Excel rows
    frame = pd.DataFrame({col: _text(raw[j].fillna("")) for col, j in columns.items()})
    frame = frame.reindex(columns=list(COLUMNS)).astype("string")
    frame = frame[frame.notna().any(axis=1)]
    where = Review(frame, sheet, columns)
    # A NIP typed as a number has lost its last digits in Excel (MEASUREMENTS gotcha 1).
    numeric = raw.loc[frame.index, columns["nip"]].map(lambda v: isinstance(v, int | float))
    numeric = numeric.to_numpy(dtype=bool)
    frame["nip"] = frame["nip"].mask(numeric).str.replace(r"\s+", "", regex=True)
    issues = [
        Issue(code, sheet, where.cell("nip", row), "nip", row=int(row))
        for code, rows in (
            ("nip-stored-as-number", frame.index[numeric]),
            ("nip-missing", frame.index[frame["nip"].isna() & ~numeric]),
        )
        for row in rows
    ]
    typed = frame["keputusan"].fillna("")
    frame["keputusan"] = decisions(typed)
    issues += [
        Issue(
            "review-decision-unknown",
            sheet,
            where.cell("keputusan", row),
            "keputusan",
            value=typed[row],
            row=int(row),
            nip=frame.at[row, "nip"] if pd.notna(frame.at[row, "nip"]) else "",
            params={"accepted": accepted_spellings()},
        )
        for row in frame.index[frame["keputusan"].isna()]
    ]
    frame["excel_row"] = pd.array(frame.index, dtype="Int64")
    return frame.reset_index(drop=True), issues


def nip_issues(
    code: str, rows: pd.DataFrame, sheet: str, cell: Callable[[str, int], str]
) -> list[Issue]:
    """One ``code`` issue per row of ``rows`` (``nip``, ``excel_row``), at the row's NIP cell."""
    return [
        Issue(
            code,
            sheet,
            cell("nip", int(r.excel_row)),
            "nip",
            value=r.nip,
            row=int(r.excel_row),
            nip=r.nip,
        )
        for r in rows.itertuples()
    ]
