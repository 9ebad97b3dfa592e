"""Options shared by several commands, declared once (the common flags live in `common.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def _file(flag: str, help: str) -> object:
    return Annotated[Path | None, typer.Option(flag, help=help)]


Pegawai = _file("--pegawai", "Data pegawai (roster).")
Jabatan = _file("--jabatan", "Peta jabatan / formasi.")
BebanKerja = _file("--beban-kerja", "Tugas ABK (opsional).")
Kompetensi = _file("--kompetensi", "Kompetensi pegawai (opsional).")
Aspirasi = _file("--aspirasi", "Aspirasi pegawai (opsional).")
Riwayat = _file("--riwayat", "Riwayat mutasi.")
Out = _file("--out", "Buku kerja hasil (bawaan: <nama>-<tanggal acuan>.xlsx).")
Report = _file("--report", "Laporan HTML (cetak A4, luring).")
TemplateDir = _file("--template-dir", "Folder templat pengganti.")
Kinerja = Annotated[
    list[Path] | None,
    typer.Option("--kinerja", metavar="FILE", help="Data kinerja (boleh berulang)."),
]
Per = Annotated[
    str | None,
    typer.Option("--per", metavar="TTTT-BB-HH", help="Tanggal acuan (bawaan: hari ini)."),
]
Strict = Annotated[bool, typer.Option("--strict", help="Berhenti bila data masukan berisi galat.")]
