"""`mutasi finalize` as workbooks: the approved transfer list, and the roster and transfer history
written as input files of the next cycle."""

from __future__ import annotations

from typing import Any

import pandas as pd

from mutasi_cli.finalize.apply import FinalizeResult
from mutasi_cli.finalize.decisions import CONFLICT_CODES
from mutasi_cli.i18n import columns, t
from mutasi_cli.io.write import Format, SheetSpec
from mutasi_cli.schema import TABLES

MOVE_LABELS = {
    "no": "finalize.col.no",
    "nip": "common.nip",
    "nama": "common.nama",
    "pangkat": "finalize.col.pangkat",
    "unit_asal": "finalize.col.unit_asal",
    "jabatan_asal": "finalize.col.jabatan_asal",
    "unit_tujuan": "finalize.col.unit_tujuan",
    "jabatan_tujuan": "finalize.col.jabatan_tujuan",
    "tmt_mutasi": "finalize.col.tmt",
    "nomor_sk": "finalize.col.nomor_sk",
    "tanggal_sk": "finalize.col.tanggal_sk",
    "catatan": "common.note",
}
# The long texts wrap in columns narrow enough that a move stays on one A4 landscape page
# (about 57 %, see io.write.print_pages): split over two pages wide, its destination unit and
# title would print ten pages apart.
MOVE_WIDTHS = {
    "pangkat": 22.0,
    "unit_asal": 25.0,
    "jabatan_asal": 25.0,
    "unit_tujuan": 25.0,
    "jabatan_tujuan": 25.0,
    "catatan": 25.0,
}
MOVE_FORMATS: dict[str, Format] = {
    "no": "int",
    "nip": "text",
    "nomor_sk": "text",
    "tmt_mutasi": "date",
    "tanggal_sk": "date",
}
# Schema kinds written with a cell format of their own; other kinds keep the writer's default.
KIND_FORMATS: dict[str, Format] = {"nip": "text", "id": "text", "date": "date"}


# The committee's record: fixed Indonesian headers in any language run, because
# `mutasi propose --carry-over` reads them back.
RECORD_SHEET = "Keputusan Komite"
RECORD_LABELS = {
    "nip": "NIP",
    "nama": "Nama",
    "unit_asal": "Unit Kerja Asal",
    "jabatan_asal": "Jabatan Asal",
    "unit_tujuan": "Unit Kerja Tujuan",
    "jabatan_tujuan": "Jabatan Tujuan",
    "keputusan": "Keputusan",
    "catatan": "Catatan",
    "tanggal_keputusan": "Tanggal Keputusan",
}
RECORD_WORDS = {"tolak": "Tolak", "tunda": "Tunda"}


def sheets(result: FinalizeResult, lang: str = "id") -> list[SheetSpec]:
    """The approved transfer list ("Daftar Mutasi Ditetapkan", in lampiran order: per decree,
    then its row number), then the committee's record of rejected and deferred rows."""
    labels = columns(MOVE_LABELS, lang)
    frame = result.moves[list(MOVE_LABELS)].rename(columns=labels)
    return [
        SheetSpec(
            name=t("finalize.sheet.moves", lang),
            frame=frame,
            formats={labels[c]: f for c, f in MOVE_FORMATS.items()},
            widths={labels[c]: w for c, w in MOVE_WIDTHS.items()},
            wrap=[labels[c] for c in MOVE_WIDTHS],
            freeze_cols=3,
        ),
        record_sheet(result),
    ]


def record_sheet(result: FinalizeResult) -> SheetSpec:
    """The rejected and deferred rows with the committee's note (``Keputusan Komite``)."""
    record = result.record
    if record.empty:
        record = pd.DataFrame(columns=list(RECORD_LABELS))
    frame = record.assign(keputusan=record["keputusan"].map(RECORD_WORDS))[list(RECORD_LABELS)]
    return SheetSpec(
        name=RECORD_SHEET,
        frame=frame.rename(columns=RECORD_LABELS),
        formats={"NIP": "text", "Tanggal Keputusan": "date"},
        widths={"Catatan": 40.0},
        wrap=["Catatan"],
    )


def conflicts_table(issues: list, lang: str = "id") -> Any:
    """Every conflict row, one line each (cell, NIP, message): the committee fixes them all at
    once instead of one layer per run."""
    from rich.table import Table

    table = Table(title=t("finalize.conflicts.title", lang), show_lines=False)
    for key in ("finalize.conflicts.cell", "common.nip", "finalize.conflicts.message"):
        table.add_column(t(key, lang), overflow="fold")
    for issue in issues:
        if issue.code in CONFLICT_CODES:
            table.add_row(issue.cell, issue.nip, issue.message(lang))
    return table


def input_sheet(frame: pd.DataFrame, table: str) -> SheetSpec:
    """A canonical frame as an input of the next cycle: the schema's columns in schema order,
    under their Indonesian labels (which the reader knows in any language run), the sheet named
    after the table, NIP as text. ``table`` is "pegawai" (result.roster) or "riwayat_mutasi"
    (result.history)."""
    spec = TABLES[table]
    kept = [c for c in spec.columns if c.name in frame.columns]
    out = frame[[c.name for c in kept]].rename(columns={c.name: c.label_id for c in kept})
    formats = {c.label_id: KIND_FORMATS[c.kind] for c in kept if c.kind in KIND_FORMATS}
    return SheetSpec(name=spec.label_id, frame=out, formats=formats)
