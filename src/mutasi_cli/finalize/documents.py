"""Decree drafts (.docx) from Word templates: one collective SK per track, one petikan each.

The templates are ordinary Word files with Jinja2 tags the office may restyle and reword
(``templates/sk_kolektif.docx``, ``templates/sk_petikan.docx``; rebuilt by
``tools/make_sk_templates.py``). A folder given as ``template_dir`` replaces either of them.
Fields: ``nomor_sk``, ``judul`` (the subject of the track's decree), ``tanggal_sk``, ``tmt``
(dates in Indonesian: "1 Desember 2026"), ``jumlah``, ``diktum`` (``kesatu`` .. ``keempat``:
the ONE text of the diktum both documents quote, :data:`DIKTUM`), and ``moves`` (collective) or
``m`` (petikan), each move with ``no``, ``nip`` (official form ``19750824 200607 1 008``),
``nip_angka`` (digits), ``nama`` (with gelar as in the roster), ``golongan``, ``pangkat``
("Penata Muda (III/a)"), ``unit_asal``, ``jabatan_asal``, ``unit_tujuan``, ``jabatan_tujuan``,
``catatan``.

The moves are split by track (pelaksana/fungsional, administrator/pengawas): one collective SK
each, numbered on from ``nomor_sk_seq``. The collective SK goes through docxtpl (its lampiran
rows loop with ``{%tr %}``); the petikan template is read and compiled once and filled per
person (:class:`_FastTemplate`).
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from docxtpl import DocxTemplate

from mutasi_cli.errors import MutasiError, UsageError
from mutasi_cli.finalize.apply import FinalizeResult
from mutasi_cli.io import limits
from mutasi_cli.io.write import ILLEGAL_CHARACTERS, atomic_path
from mutasi_cli.reports.format import format_date, is_missing
from mutasi_cli.reports.render import templates_dir
from mutasi_cli.reports.sandbox import OutputBoundedTemplate, TemplateSandbox, failure, time_limit
from mutasi_cli.reports.sandbox import render as bounded_render
from mutasi_cli.rules.nip import format_nip

KOLEKTIF = "sk_kolektif.docx"
PETIKAN = "sk_petikan.docx"
FIELDS = (
    "no",
    "nip",
    "nip_angka",
    "nama",
    "golongan",
    "pangkat",
    "unit_asal",
    "jabatan_asal",
    "unit_tujuan",
    "jabatan_tujuan",
    "catatan",
)
# The decree's subject per track (one collective SK each; JPT is never finalized here).
JUDUL = {
    "pelaksana_fungsional": "PEMINDAHAN PEGAWAI NEGERI SIPIL DALAM JABATAN PELAKSANA DAN JABATAN "
    "FUNGSIONAL",
    "administrator_pengawas": "PEMINDAHAN PEGAWAI NEGERI SIPIL DALAM JABATAN ADMINISTRATOR DAN "
    "JABATAN PENGAWAS",
    "pimpinan_tinggi": "PEMINDAHAN PEGAWAI NEGERI SIPIL DALAM JABATAN PIMPINAN TINGGI PRATAMA",
}
# The diktum text: ONE source for the collective SK and every petikan ({tmt} is filled in).
DIKTUM = {
    "kesatu": "Memindahkan Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan "
    "ini dari jabatan dan unit kerja lama ke jabatan dan unit kerja baru sebagaimana tercantum "
    "dalam Lampiran tersebut.",
    "kedua": "Pemindahan sebagaimana dimaksud dalam Diktum KESATU berlaku terhitung mulai "
    "tanggal {tmt}.",
    "ketiga": "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada "
    "Anggaran Pendapatan dan Belanja Daerah.",
    "keempat": "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di "
    "kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya.",
}
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
    """Where the drafts go: the collective SK (one per track when the moves mix tracks, named
    after the track), then one petikan per move in lampiran order."""
    stamp = result.tmt.isoformat()
    folder = Path(out_dir) / f"petikan-sk-mutasi-{stamp}"
    decrees = result.decrees
    if len(decrees) <= 1:
        kolektif = [Path(out_dir) / f"sk-mutasi-{stamp}.docx"]
    else:
        kolektif = [
            Path(out_dir) / f"sk-mutasi-{stamp}-{track.replace('_', '-')}.docx"
            for track, _, _ in decrees
        ]
    petikan = [
        folder / f"{safe_filename(nama)}_{nip}.docx"
        for _, _, moves in decrees
        for nama, nip in zip(moves["nama"], moves["nip"], strict=True)
    ]
    return [*kolektif, *petikan]


def render_documents(
    result: FinalizeResult,
    out_dir: Path,
    *,
    template_dir: Path | None = None,
    force: bool = False,
    on_document: Callable[[], None] | None = None,
) -> list[Path]:
    """Write the collective decree(s) and every petikan; returns the paths written.

    Nothing is written when no move was approved, or when any target exists and ``force`` is
    false. ``on_document`` is called after each document (progress).
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
    tick = on_document or (lambda: None)
    tmt = format_date(result.tmt, "id")
    common = {
        "tanggal_sk": format_date(result.tanggal_sk, "id"),
        "tmt": tmt,
        "diktum": {k: v.format(tmt=tmt) for k, v in DIKTUM.items()},
    }
    decrees = result.decrees
    petikan = _FastTemplate(_template(PETIKAN, template_dir))
    kolektif_template = _template(KOLEKTIF, template_dir)
    people = iter(paths[len(decrees) :])
    for (track, number, group), path in zip(decrees, paths, strict=False):
        moves = _moves_context(group)
        context = {
            **common,
            "nomor_sk": _clean(number),
            "judul": JUDUL[track],
            "jumlah": len(moves),
            "moves": moves,
        }
        _render(kolektif_template, context, path, force)
        tick()
        for move in moves:
            petikan.render({**context, "moves": [], "m": move}, next(people), force)
            tick()
    return paths


def _clean(value: Any) -> str:
    """Text safe inside Word's XML (no control characters); empty for a missing value."""
    return "" if is_missing(value) else ILLEGAL_CHARACTERS.sub("", str(value))


def _moves_context(moves: pd.DataFrame) -> list[dict[str, str]]:
    """Each move as template fields: NIP in the official spaced form (``nip``; digits only in
    ``nip_angka``), pangkat with golongan ("Penata Muda (III/a)"), names with gelar as given."""
    table = moves.assign(nip_angka=moves["nip"], nip=format_nip(moves["nip"]))
    table = table[list(FIELDS)].astype(object)
    return [{k: _clean(v) for k, v in row.items()} for row in table.to_dict("records")]


def _template(name: str, template_dir: Path | None) -> Path:
    """The office's template ``name`` from ``template_dir`` if it has one, else the packaged
    one. An office template passes the input limits first (:func:`limits.check_zip`): both
    readers of a .docx inflate every part whole, and a 100 KB template can inflate to
    gigabytes."""
    custom = Path(template_dir) / name if template_dir is not None else None
    if custom is None or not custom.is_file():
        return templates_dir() / name
    limits.check_file(custom)
    limits.check_zip(custom.read_bytes(), custom)
    return custom


def _render(template: Path, context: dict[str, Any], path: Path, force: bool) -> None:
    env = TemplateSandbox(autoescape=True)
    if not _packaged(template):  # each part docxtpl renders written within MAX_OUTPUT
        env.template_class = OutputBoundedTemplate
    try:
        doc = DocxTemplate(str(template))
        with _limited(template):
            doc.render(context, jinja_env=env, autoescape=True)
    except MemoryError:
        raise
    except Exception as exc:  # the office's template failed, not mutasi: never a traceback
        raise _bad_template(template, exc) from None
    with atomic_path(path, force) as tmp:
        doc.save(str(tmp))


class _FastTemplate:
    """A template read and compiled once, then filled per person: the document, header and
    footer parts are Jinja2-rendered as XML text (after docxtpl's tag clean-up) and the other
    parts of the package are copied unchanged. Same output as docxtpl for templates without
    ``{%tc`` column loops or images, about 20 times faster for a thousand petikan."""

    PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")

    def __init__(self, template: Path) -> None:
        self.path = template
        self._compiled: tuple[dict[str, Any], bytes] | None = None

    def _compile(self) -> tuple[dict[str, Any], bytes]:
        """The Jinja2 templates of the parts with tags, and every other part already zipped."""
        if self._compiled is None:
            env = TemplateSandbox(autoescape=True)  # a template may come from elsewhere
            patcher = DocxTemplate(str(self.path))
            with zipfile.ZipFile(self.path) as package:
                members = {name: package.read(name) for name in package.namelist()}
            templates = {}
            base = io.BytesIO()
            try:
                with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as fixed:
                    for name, data in members.items():
                        text = data.decode("utf-8") if self.PARTS.match(name) else ""
                        if name == "word/document.xml" or "{{" in text or "{%" in text:
                            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", patcher.patch_xml(text))
                            templates[name] = env.from_string(xml)
                        else:
                            fixed.writestr(name, data)
            except (jinja2.TemplateError, UnicodeDecodeError) as exc:
                raise _bad_template(self.path, exc) from None
            self._compiled = (templates, base.getvalue())
        return self._compiled

    def render(self, context: dict[str, Any], path: Path, force: bool) -> None:
        """Write one filled copy: the fixed parts as zipped once, the rendered parts added."""
        templates, base = self._compile()
        try:
            fill = _filler(self.path)
            parts = {
                name: _unmark(fill(template, context)).encode("utf-8")
                for name, template in templates.items()
            }
        except MemoryError:
            raise
        except Exception as exc:  # the office's template failed, not mutasi: never a traceback
            raise _bad_template(self.path, exc) from None
        with atomic_path(path, force) as tmp:
            tmp.write_bytes(base)
            with zipfile.ZipFile(tmp, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
                for name, data in parts.items():
                    out.writestr(name, data)


def _packaged(template: Path) -> bool:
    return template.parent == templates_dir()


def _filler(template: Path) -> Callable[[jinja2.Template, dict[str, Any]], str]:
    """How a part of ``template`` is filled: an office's template bounded in time and output
    (:func:`~mutasi_cli.reports.sandbox.render`), a packaged one as Jinja does."""
    return (lambda part, context: part.render(context)) if _packaged(template) else bounded_render


def _limited(template: Path) -> contextlib.AbstractContextManager:
    """A time limit for an office's template (:func:`~mutasi_cli.reports.sandbox.time_limit`),
    none for a packaged one."""
    return contextlib.nullcontext() if _packaged(template) else time_limit()


def _bad_template(template: Path, exc: BaseException) -> MutasiError:
    """``bad-template`` for whatever a Word template raised while it was filled (a broken
    tag, a division by zero, what the bounded sandbox refuses)."""
    return MutasiError.of(
        "finalize.error.bad_template", code="bad-template", template=template, exc=failure(exc)
    )


def _unmark(xml: str) -> str:
    """docxtpl's post-processing of a rendered part (paragraph breaks, escaped tags)."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    return xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
