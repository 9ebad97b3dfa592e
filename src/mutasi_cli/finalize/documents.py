"""Decree drafts (.docx) from Word templates with docxtpl: one collective SK, one petikan each.

The templates are ordinary Word files with Jinja2 tags the office may restyle and reword
(``templates/sk_kolektif.docx``, ``templates/sk_petikan.docx``; rebuilt by
``tools/make_sk_templates.py``). A folder given as ``template_dir`` replaces either of them.
Fields: ``nomor_sk``, ``tanggal_sk``, ``tmt`` (dates in Indonesian: "1 Desember 2026"),
``jumlah``, and ``moves`` (collective) or ``m`` (petikan), each move with ``no``, ``nip``,
``nama``, ``golongan``, ``unit_asal``, ``jabatan_asal``, ``unit_tujuan``, ``jabatan_tujuan``,
``catatan``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.finalize.apply import FinalizeResult
from mutasi_cli.io.write import atomic_path
from mutasi_cli.reports.format import format_date, is_missing
from mutasi_cli.reports.render import templates_dir

KOLEKTIF = "sk_kolektif.docx"
PETIKAN = "sk_petikan.docx"
FIELDS = (
    "no",
    "nip",
    "nama",
    "golongan",
    "unit_asal",
    "jabatan_asal",
    "unit_tujuan",
    "jabatan_tujuan",
    "catatan",
)
MAX_NAME_CHARS = 80
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


def safe_filename(text: str, fallback: str = "dokumen") -> str:
    """A file name from a person's name: no path separators, control or reserved characters,
    no Windows device name (CON, NUL, COM1, ...), no leading/trailing dots or spaces, at most
    :data:`MAX_NAME_CHARS` characters."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFKC", str(text)))
    name = re.sub(r"\s+", " ", name).strip(" ._")[:MAX_NAME_CHARS].rstrip(" ._")
    if _RESERVED.match(name):
        name = "_" + name
    return name or fallback


def document_paths(result: FinalizeResult, out_dir: Path) -> list[Path]:
    """Where the drafts go: the collective SK, then one petikan per move in lampiran order."""
    stamp = result.tmt.isoformat()
    folder = Path(out_dir) / f"petikan-sk-mutasi-{stamp}"
    petikan = [
        folder / f"{safe_filename(nama)}_{nip}.docx"
        for nama, nip in zip(result.moves["nama"], result.moves["nip"], strict=True)
    ]
    return [Path(out_dir) / f"sk-mutasi-{stamp}.docx", *petikan]


def render_documents(
    result: FinalizeResult,
    out_dir: Path,
    *,
    template_dir: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the collective decree and every petikan; returns the paths written.

    Nothing is written when no move was approved, or when any target exists and ``force`` is
    false.
    """
    if result.moves.empty:
        return []
    if template_dir is not None and not Path(template_dir).is_dir():
        raise UsageError.of(
            "finalize.error.no_template_dir",
            template_dir=template_dir,
            kolektif=KOLEKTIF,
            petikan=PETIKAN,
        )
    paths = document_paths(result, out_dir)
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise MutasiError.of(
            "finalize.error.documents_exist", count=len(existing), example=existing[0]
        )
    moves = _moves_context(result)
    common = {
        "nomor_sk": _clean(result.nomor_sk),
        "tanggal_sk": format_date(result.tanggal_sk, "id"),
        "tmt": format_date(result.tmt, "id"),
        "jumlah": len(moves),
    }
    _render(_template(KOLEKTIF, template_dir), {**common, "moves": moves}, paths[0], force)
    for move, path in zip(moves, paths[1:], strict=True):
        _render(_template(PETIKAN, template_dir), {**common, "m": move}, path, force)
    return paths


def _clean(value: Any) -> str:
    """Text safe inside Word's XML (no control characters); empty for a missing value."""
    return "" if is_missing(value) else ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _moves_context(result: FinalizeResult) -> list[dict[str, str]]:
    table = result.moves[list(FIELDS)].astype(object)
    return [{k: _clean(v) for k, v in row.items()} for row in table.to_dict("records")]


def _template(name: str, template_dir: Path | None) -> Path:
    custom = Path(template_dir) / name if template_dir is not None else None
    return custom if custom is not None and custom.is_file() else templates_dir() / name


def _render(template: Path, context: dict[str, Any], path: Path, force: bool) -> None:
    try:
        doc = DocxTemplate(str(template))
        doc.render(context, autoescape=True)
    except jinja2.TemplateError as exc:
        raise MutasiError.of("finalize.error.bad_template", template=template, exc=exc) from None
    with atomic_path(path, force) as tmp:
        doc.save(str(tmp))
