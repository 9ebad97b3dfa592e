"""What a proposal workbook carries so that `mutasi finalize` can verify the review against it.

* A hidden, protected sheet (:data:`RECORD_SHEET`) holding every proposed move (NIP, origin,
  destination, seat, the person whose seat it takes) and a SHA-256 digest of them: finalize refuses
  an approved row that is not in it or differs from it, and a record whose digest no longer
  matches (the record itself was edited). The sheet protection and the digest catch edits by
  mistake or by an outsider who edits cells; they are not a signature: someone who rebuilds the
  hidden sheet *and* recomputes the digest can still forge a record.
* A visible, empty sheet :data:`ADDITIONS_KEY` ("Usulan Tambahan") where a committee that wants a
  move the tool did not propose writes it; finalize checks it with the same rules and reports it
  as a manual addition.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pandas as pd

from mutasi_cli.i18n import t
from mutasi_cli.io.write import SheetSpec

RECORD_SHEET = "mutasi_usulan_asli"  # not translated: finalize finds it by this name
RECORD_VERSION = 1
# Canonical record column -> the column of ProposalResult.moves it comes from.
RECORD_COLUMNS: dict[str, str] = {
    "nip": "nip",
    "from_unit": "from_unit",
    "from_jabatan": "from_jabatan",
    "to_unit": "to_unit",
    "to_jabatan": "to_jabatan",
    "seat": "seat",
    "replaces": "fills_nip",
}
HEADER_PREFIX = "rec:"  # record headers never look like review headers (see finalize.review)
DIGEST_HEADER = "rec:digest"
VERSION_HEADER = "rec:version"
PROTECT_PASSWORD = "mutasi"  # not a secret: protection only says "do not edit this sheet"
ADDITIONS_KEY = "trust.sheet.additions"
ADDITIONS_ROWS = 100
# Columns of the additions sheet (review column -> i18n key of its header).
ADDITIONS_COLUMNS: dict[str, str] = {
    "nip": "propose.col.nip",
    "nama": "propose.col.nama",
    "to_unit": "propose.col.to_unit",
    "to_jabatan": "propose.col.to_jabatan",
    "keputusan": "propose.col.keputusan",
    "catatan": "propose.col.catatan",
}


def _cells(values: pd.Series) -> list[str]:
    return values.astype("string").fillna("").str.strip().tolist()


def record_frame(moves: pd.DataFrame) -> pd.DataFrame:
    """The proposed moves as plain text, one row per move, sorted by NIP."""
    frame = pd.DataFrame(
        {
            key: _cells(moves[source]) if source in moves else [""] * len(moves)
            for key, source in RECORD_COLUMNS.items()
        },
        dtype="string",
    )
    return frame.sort_values("nip", kind="stable").reset_index(drop=True)


def moves_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of the record rows (canonical columns, text, sorted by NIP): any edit changes it."""
    rows = frame.reindex(columns=list(RECORD_COLUMNS)).astype("string").fillna("")
    ordered = rows.sort_values(list(RECORD_COLUMNS), kind="stable").to_numpy().tolist()
    payload = json.dumps([RECORD_VERSION, ordered], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_sheet(moves: pd.DataFrame) -> SheetSpec:
    """The hidden, protected record of the proposed moves with their digest."""
    frame = record_frame(moves)
    digest = pd.Series(pd.NA, index=frame.index, dtype="string")
    version = pd.Series(pd.NA, index=frame.index, dtype="string")
    if len(frame):
        digest.iloc[0], version.iloc[0] = moves_digest(frame), str(RECORD_VERSION)
    out = frame.rename(columns={c: HEADER_PREFIX + c for c in frame.columns})
    out[DIGEST_HEADER], out[VERSION_HEADER] = digest, version
    return SheetSpec(
        name=RECORD_SHEET,
        frame=out,
        formats=dict.fromkeys(out.columns, "text"),
        freeze=False,
        autofilter=False,
        sheet_hidden=True,
        protect=PROTECT_PASSWORD,
    )


def additions_sheet(lang: str) -> SheetSpec:
    """The empty "Usulan Tambahan" sheet a committee may fill with moves of its own."""
    from mutasi_cli.reports.propose import decision_words

    labels = [t(key, lang) for key in ADDITIONS_COLUMNS.values()]
    blank = pd.Series(pd.NA, index=range(ADDITIONS_ROWS), dtype="string")  # rows with a dropdown
    frame = pd.DataFrame(dict.fromkeys(labels, blank))
    return SheetSpec(
        name=t(ADDITIONS_KEY, lang),
        frame=frame,
        formats=dict.fromkeys(labels, "text"),
        dropdowns={t("propose.col.keputusan", lang): decision_words(lang)},
        widths={label: 28.0 for label in labels},
    )


def sheets(result: Any, lang: str = "id") -> list[SheetSpec]:
    """The additions sheet and the hidden record, appended to the proposal workbook."""
    return [additions_sheet(lang), record_sheet(result.moves)]
