"""`mutasi finalize` as workbooks: the approved transfer list, and the roster and transfer history
written as input files of the next cycle."""

from __future__ import annotations

import pandas as pd

from mutasi_cli.finalize.apply import FinalizeResult
from mutasi_cli.i18n import columns, t
from mutasi_cli.io.write import Format, SheetSpec
from mutasi_cli.schema import TABLES

MOVE_LABELS = {
    "no": "finalize.col.no",
    "nip": "common.nip",
    "nama": "common.nama",
    "golongan": "common.golongan",
    "unit_asal": "finalize.col.unit_asal",
    "jabatan_asal": "finalize.col.jabatan_asal",
    "unit_tujuan": "finalize.col.unit_tujuan",
    "jabatan_tujuan": "finalize.col.jabatan_tujuan",
    "tmt_mutasi": "finalize.col.tmt",
    "nomor_sk": "finalize.col.nomor_sk",
    "tanggal_sk": "finalize.col.tanggal_sk",
    "catatan": "common.note",
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


def sheets(result: FinalizeResult, lang: str = "id") -> list[SheetSpec]:
    """The approved transfer list ("Daftar Mutasi Ditetapkan"), in lampiran order."""
    labels = columns(MOVE_LABELS, lang)
    frame = result.moves[list(MOVE_LABELS)].rename(columns=labels)
    return [
        SheetSpec(
            name=t("finalize.sheet.moves", lang),
            frame=frame,
            formats={labels[c]: f for c, f in MOVE_FORMATS.items()},
        )
    ]


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
