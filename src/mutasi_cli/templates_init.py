"""`mutasi init DIR`: a blank input template per table and the commented ``mutasi.toml``.

Each template holds the table's headers exactly as the reader knows them (``Column.label_id``,
or ``label_en`` with ``lang="en"``; required ones in red), one made-up example row, dropdowns over the first ``TEMPLATE_ROWS`` rows
(warnings only, since other spellings are accepted too), the NIP and code columns formatted as
text and date columns as DD-MM-YYYY, and a guide sheet in the chosen language.

``templates/mutasi.toml`` lists every setting with its default and its docs/regulasi.md source; its
``[paths]`` section is commented out. :func:`config_text` returns it, optionally with a real
``[paths]`` section naming input files (used by `mutasi sample-data` and `mutasi init`, whose
folder then runs every command with no file arguments).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from mutasi_cli.i18n import t
from mutasi_cli.io.write import atomic_path
from mutasi_cli.reports.render import templates_dir
from mutasi_cli.rules.golongan import GOLONGAN_IDS, PPPK_ROMAN, golongan_label
from mutasi_cli.rules.pendidikan import LEVEL_LABELS
from mutasi_cli.schema import COMPETENCIES, TABLES, Column, Table
from mutasi_cli.settings import AbkSettings, PathSettings

CONFIG_NAME = "mutasi.toml"
PATHS_MARKER = "# [paths]"
TEMPLATE_ROWS = 1000
GUIDE_RULES = ("header", "required", "example", "nip", "dates", "dropdowns")
GUIDE_COLUMNS = {  # label key -> column width
    "sample.col_column": 28,
    "sample.col_required": 10,
    "sample.col_content": 60,
    "sample.col_synonyms": 60,
}

CHOICES: dict[str, tuple[str, ...]] = {
    "golongan": (*(golongan_label(g) for g in GOLONGAN_IDS), *PPPK_ROMAN),
    "pendidikan": tuple(LEVEL_LABELS.values()),
    "jenis_jabatan": ("Struktural", "Fungsional", "Pelaksana"),
    "eselon": ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b"),
    "bool": ("Ya", "Tidak"),
    "sex": ("L", "P"),
    "status": ("PNS", "PPPK"),
    "level": ("1", "2", "3", "4", "5"),
}
# Columns left out of a template: alternative layouts the reader also accepts.
OMIT: dict[str, tuple[str, ...]] = {
    "pegawai": (
        "tempat_tanggal_lahir",
        "nama_depan",
        "nama_belakang",
        "nama_nip",
        "golongan_tmt",
        *COMPETENCIES,
    ),
    "kompetensi": ("kompetensi", "level", "kelompok"),
}
VOLUME_PERIOD = ("beban_kerja", "periode")  # a text column with its own choices

_UNIT = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
_JF = "Analis Kepegawaian Ahli Pertama"
_NIP = "199003152015032001"  # made up: born 15-03-1990, TMT CPNS 03-2015, female, serial 001
_PERSON = {"nip": _NIP, "nama": "Rina Wulandari"}
EXAMPLES: dict[str, dict[str, Any]] = {
    "pegawai": {
        **_PERSON,
        "status": "PNS",
        "golongan": "III/b",
        "tmt_golongan": date(2019, 4, 1),
        "jabatan": _JF,
        "jenis_jabatan": "Fungsional",
        "tmt_jabatan": date(2021, 7, 1),
        "unit_kerja": _UNIT,
        "unit_induk": _UNIT,
        "pendidikan": "S-1",
        "jurusan": "Manajemen Sumber Daya Manusia",
        "tempat_lahir": "Salatiga",
        "tanggal_lahir": date(1990, 3, 15),
        "jenis_kelamin": "P",
        "tmt_cpns": date(2015, 3, 1),
        "kinerja": "Baik",
        "potensi": 84.5,
    },
    "jabatan": {
        "unit_kerja": _UNIT,
        "jabatan": _JF,
        "kebutuhan": 4,
        "unit_induk": _UNIT,
        "jenis_jabatan": "Fungsional",
        "kelas_jabatan": 8,
        "golongan_min": "III/a",
        "golongan_max": "III/b",
        "pendidikan_min": "S-1",
        "jurusan": "Manajemen Sumber Daya Manusia",
        **dict.fromkeys(COMPETENCIES, 2),
    },
    "beban_kerja": {
        "unit_kerja": _UNIT,
        "jabatan": _JF,
        "uraian_tugas": "Memverifikasi usul kenaikan pangkat",
        "satuan_hasil": "berkas",
        "volume": 1200,
        "periode": "tahun",
        "norma_waktu": 15,
    },
    "kompetensi": {
        **_PERSON,
        "tanggal_asesmen": date(2025, 8, 20),
        **dict.fromkeys(COMPETENCIES, 3),
        "pengambilan_keputusan": 2,
    },
    "aspirasi": {
        **_PERSON,
        "bersedia_mutasi": "Ya",
        "pilihan_1": "Dinas Kesehatan",
        "pilihan_1_jabatan": _JF,
        "pilihan_2": "Dinas Pendidikan",
        "alasan": "Ingin mengembangkan karier",
    },
    "kinerja": {
        **_PERSON,
        "periode": "2025-Q1",
        "predikat": "Baik",
        "hasil_kerja": "Sesuai Ekspektasi",
        "perilaku_kerja": "Di Atas Ekspektasi",
        "unit_kerja": _UNIT,
        "jabatan": _JF,
    },
    "riwayat_mutasi": {
        **_PERSON,
        "tmt_mutasi": date(2021, 7, 1),
        "unit_asal": "Dinas Sosial",
        "jabatan_asal": "Pengolah Data",
        "unit_tujuan": _UNIT,
        "jabatan_tujuan": _JF,
        "golongan": "III/b",
        "nomor_sk": "800/012/BKPSDM/2021",
        "tanggal_sk": date(2021, 6, 21),
        "jenis_mutasi": "Mutasi antar perangkat daerah",
    },
}


def config_text(paths: Mapping[str, str | Sequence[str]] | None = None) -> str:
    """``templates/mutasi.toml``; with ``paths``, its commented ``[paths]`` section made real."""
    text = (templates_dir() / CONFIG_NAME).read_text(encoding="utf-8")
    if not paths:
        return text
    listed = PathSettings()
    lines = []
    for key, value in paths.items():
        if isinstance(getattr(listed, key), tuple):  # a list setting, e.g. kinerja files
            value = [value] if isinstance(value, str) else list(value)
        lines.append(f"{key} = {json.dumps(value)}")
    return text[: text.index(PATHS_MARKER)] + "[paths]\n" + "\n".join(lines) + "\n"


def init_templates(out_dir: Path, *, force: bool, lang: str = "id") -> list[Path]:
    """Write ``<table>.xlsx`` for every table of ``schema.TABLES`` and ``mutasi.toml``."""
    written = [
        _write_template(out_dir / f"{name}.xlsx", table, force, lang)
        for name, table in TABLES.items()
    ]
    config = out_dir / CONFIG_NAME
    with atomic_path(config, force) as tmp:
        # [paths] names the templates themselves: fill them in place, then every command runs
        # in this folder with no file arguments.
        tmp.write_text(config_text({name: f"{name}.xlsx" for name in TABLES}), encoding="utf-8")
    return [*written, config]


def template_columns(table: Table) -> list[Column]:
    """The columns a template shows, in schema order."""
    return [c for c in table.columns if c.name not in OMIT.get(table.name, ())]


def _choices(table: Table, column: Column) -> tuple[str, ...]:
    if (table.name, column.name) == VOLUME_PERIOD:
        return tuple(AbkSettings().period_multipliers)
    return CHOICES.get(column.kind, ())


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        header = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        self.header = book.add_format(header)
        self.required = book.add_format({**header, "font_color": "#C00000"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "dd-mm-yyyy"})

    def column(self, kind: str) -> Any:
        return {"nip": self.text, "id": self.text, "date": self.date}.get(kind)


def _write_template(path: Path, table: Table, force: bool, lang: str) -> Path:
    columns = template_columns(table)
    example = EXAMPLES[table.name]
    with atomic_path(path, force) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp), {"strings_to_numbers": False, "strings_to_urls": False}
        )
        fmt = _Formats(book)
        ws = book.add_worksheet(table.label(lang))
        for j, col in enumerate(columns):
            label = col.label(lang)
            ws.write_string(0, j, label, fmt.required if col.required else fmt.header)
            ws.set_column(j, j, max(len(label) + 4, 14), fmt.column(col.kind))
            _write_example(ws, j, example.get(col.name), fmt.column(col.kind))
            if choices := _choices(table, col):
                rule = {"validate": "list", "source": list(choices), "error_type": "warning"}
                ws.data_validation(1, j, TEMPLATE_ROWS, j, rule)
        ws.freeze_panes(1, 0)
        _write_guide(book.add_worksheet(t("sample.guide_sheet", lang)), table, columns, fmt, lang)
        book.close()
    return path


def _write_example(ws: Any, col: int, value: Any, cell_format: Any) -> None:
    if isinstance(value, date):
        ws.write_datetime(1, col, value, cell_format)
    elif isinstance(value, int | float):
        ws.write_number(1, col, value)
    elif value is not None:
        ws.write_string(1, col, value, cell_format)


def _write_guide(ws: Any, table: Table, columns: list[Column], fmt: _Formats, lang: str) -> None:
    """The instruction sheet: what the table is, the general rules, then one row per column."""
    rules = [t(f"sample.rule_{rule}", lang) for rule in GUIDE_RULES]
    if table.required_any:
        groups = " / ".join(
            " + ".join(table.column(c).label(lang) for c in group) for group in table.required_any
        )
        rules.append(t("sample.required_any", lang, groups=groups))
    ws.write_string(0, 0, t("sample.guide_title", lang, table=table.label(lang)), fmt.title)
    ws.write_string(1, 0, t(f"sample.table.{table.name}", lang))
    ws.write_string(3, 0, t("sample.rules_title", lang), fmt.bold)
    for i, rule in enumerate(rules, start=4):
        ws.write_string(i, 0, f"• {rule}")
    top = 5 + len(rules)
    for j, (key, width) in enumerate(GUIDE_COLUMNS.items()):
        ws.write_string(top, j, t(key, lang), fmt.header)
        ws.set_column(j, j, width)
    for i, col in enumerate(columns, start=top + 1):
        kind = "periode_volume" if (table.name, col.name) == VOLUME_PERIOD else col.kind
        row = (
            col.label(lang),
            t("sample.yes", lang) if col.required else "",
            t(f"sample.kind.{kind}", lang),
            ", ".join(s for s in col.synonyms if s != col.label(lang)),
        )
        for j, text in enumerate(row):
            ws.write_string(i, j, text, fmt.wrap)
