"""Build the decree templates templates/sk_kolektif.docx and templates/sk_petikan.docx.

    python tools/make_sk_templates.py [OUT_DIR]

The layout is an illustrative Indonesian decree (KEPUTUSAN WALI KOTA SALATIGA ... TENTANG
PEMINDAHAN PEGAWAI NEGERI SIPIL) marked DRAF, with docxtpl (Jinja2) fields; the fields are listed
in ``mutasi_cli/finalize/documents.py``. Each tag sits in a run of its own so Word keeps it whole.
An office edits the resulting files in Word and passes its folder with ``--template-dir``.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FIXED_TIME = datetime(2026, 1, 1)  # stable document properties
TITLE = "{{ judul }} DI LINGKUNGAN PEMERINTAH KOTA SALATIGA"
DRAFT = "DRAF - untuk diperiksa; bukan keputusan yang sah sebelum ditandatangani"
LANGUAGE = "id-ID"  # spell-check and hyphenation in Indonesian
FONT = "Arial"
# A4 portrait for the decree and the petikan; the lampiran is an A4 landscape section.
PAGE_W, PAGE_H = 21.0, 29.7
LEFT, RIGHT, TOP, BOTTOM = 2.5, 2.0, 1.5, 1.5
TEXT_W = PAGE_W - LEFT - RIGHT  # 16.5 cm
CLAUSE_WIDTHS = (3.1, 0.5, TEXT_W - 3.6)  # label | ":" | text
PERSON_WIDTHS = (4.0, 0.4, TEXT_W - CLAUSE_WIDTHS[0] - CLAUSE_WIDTHS[1] - 4.4)
# Lampiran, landscape: NO | NAMA / NIP | PANGKAT | LAMA | BARU | KET.
LAMPIRAN_TEXT_W = PAGE_H - 2 * 2.0
LAMPIRAN_WIDTHS = (0.9, 5.4, 4.7, 6.6, 6.6, LAMPIRAN_TEXT_W - 24.2)

MENIMBANG = (
    "a.\tbahwa dalam rangka pembinaan karier dan peningkatan kinerja organisasi perlu dilakukan "
    "pemindahan Pegawai Negeri Sipil di lingkungan Pemerintah Kota Salatiga;",
    "b.\tbahwa Pegawai Negeri Sipil yang namanya tercantum dalam Keputusan ini telah "
    "dipertimbangkan oleh Tim Penilai Kinerja Pegawai Negeri Sipil dan dipandang memenuhi "
    "syarat untuk dipindahkan;",
    "c.\tbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
    "menetapkan Keputusan Wali Kota tentang Pemindahan Pegawai Negeri Sipil di Lingkungan "
    "Pemerintah Kota Salatiga;",
)
MENGINGAT = (
    "1.\tUndang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
    "2.\tPeraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
    "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
    "3.\tPeraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan "
    "Mutasi;",
)
TEMBUSAN = (
    "1.\tKepala Badan Kepegawaian Negara di Jakarta;",
    "2.\tKepala Kantor Regional I Badan Kepegawaian Negara di Yogyakarta;",
    "3.\tInspektur Kota Salatiga;",
    "4.\tKepala Perangkat Daerah yang bersangkutan.",
)
# The diktum texts come from the program (finalize/documents.py DIKTUM): one source for the
# collective SK and the petikan.
DIKTUM = (
    ("KESATU", "{{ diktum.kesatu }}"),
    ("KEDUA", "{{ diktum.kedua }}"),
    ("KETIGA", "{{ diktum.ketiga }}"),
    ("KEEMPAT", "{{ diktum.keempat }}"),
)


def _set(parent, tag: str, **attrs: str):
    """The child ``tag`` of ``parent`` (created when missing) with ``attrs`` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for key, value in attrs.items():
        child.set(qn(key), value)
    return child


def _language(doc) -> None:
    """Indonesian as the language of every style (spell-check) and of the document defaults."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = _set(defaults, "w:rPrDefault")
    rpr = _set(rpr_default, "w:rPr")
    _set(rpr, "w:lang", **{"w:val": LANGUAGE, "w:eastAsia": LANGUAGE, "w:bidi": "ar-SA"})
    for style in doc.styles:
        element = style.element
        style_rpr = element.find(qn("w:rPr"))
        if style_rpr is not None and style_rpr.find(qn("w:lang")) is not None:
            style_rpr.find(qn("w:lang")).set(qn("w:val"), LANGUAGE)
    settings = doc.settings.element
    _set(settings, "w:themeFontLang", **{"w:val": LANGUAGE})


def new_document():
    doc = Document()
    props = doc.core_properties
    props.author = props.last_modified_by = "mutasi"
    props.created = props.modified = FIXED_TIME
    props.title = "Draf Keputusan Wali Kota Salatiga tentang Pemindahan PNS"
    props.language = LANGUAGE
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _language(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_W), Cm(PAGE_H)
    section.left_margin, section.right_margin = Cm(LEFT), Cm(RIGHT)
    section.top_margin, section.bottom_margin = Cm(TOP), Cm(BOTTOM)
    section.header_distance = section.footer_distance = Cm(0.8)
    marker = section.header.paragraphs[0]
    marker.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = marker.add_run(DRAFT)
    run.bold = True
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    return doc


def para(doc, text="", *, bold=False, center=False, indent=None, after=None, size=None):
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent is not None:
        p.paragraph_format.left_indent = Cm(indent)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def heading(doc, *, petikan: bool) -> None:
    if petikan:
        para(doc, "PETIKAN", bold=True, center=True, after=6)
    para(doc, "KEPUTUSAN WALI KOTA SALATIGA", bold=True, center=True)
    para(doc, "NOMOR {{ nomor_sk }}", bold=True, center=True, after=6)
    para(doc, "TENTANG", bold=True, center=True, after=6)
    para(doc, TITLE, bold=True, center=True, after=8)
    para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, center=True, after=6)
    para(doc, "WALI KOTA SALATIGA,", bold=True, center=True, after=8)


def fixed_table(doc, rows: int, widths_cm, *, grid: bool = False):
    """A table whose layout is fixed and whose grid, table and cell widths all agree (Word and
    LibreOffice then lay it out the same: no text squeezed into a quarter of the page)."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    twips = [int(round(w / 2.54 * 1440)) for w in widths_cm]
    _set(tbl_pr, "w:tblW", **{"w:w": str(sum(twips)), "w:type": "dxa"})
    _set(tbl_pr, "w:tblLayout", **{"w:type": "fixed"})
    margins = _set(tbl_pr, "w:tblCellMar")
    for side in ("left", "right"):
        _set(margins, f"w:{side}", **{"w:w": "57", "w:type": "dxa"})  # 0.1 cm
    grid_el = table._tbl.tblGrid
    for col, w in zip(grid_el.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        set_row_widths(row, widths_cm)
    return table


def set_row_widths(row, widths_cm) -> None:
    for cell, width in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(width)


def add_fixed_row(table, widths_cm):
    row = table.add_row()
    set_row_widths(row, widths_cm)
    return row


def clause_table(doc, rows) -> None:
    """Label | : | text rows, borderless, the usual decree layout (text justified)."""
    table = fixed_table(doc, 0, CLAUSE_WIDTHS)
    for label, lines in rows:
        cells = add_fixed_row(table, CLAUSE_WIDTHS).cells
        cells[0].text = label
        cells[1].text = ":"
        cells[2].text = lines[0]
        for line in lines[1:]:
            cells[2].add_paragraph(line)
        for paragraph in cells[2].paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.space_after = Pt(2)
            if "\t" in paragraph.text:  # "a.<tab>text": hanging indent
                paragraph.paragraph_format.left_indent = Cm(0.7)
                paragraph.paragraph_format.first_line_indent = Cm(-0.7)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.7))


def signature(doc, *, indent: float = 8.5) -> None:
    para(doc, after=0).paragraph_format.space_before = Pt(4)
    for text in ("Ditetapkan di Salatiga", "pada tanggal {{ tanggal_sk }}"):
        para(doc, text, indent=indent)
    para(doc, "WALI KOTA SALATIGA,", bold=True, indent=indent, after=32)
    para(doc, "(....................................)", indent=indent)


def build_kolektif(path: Path) -> None:
    doc = new_document()
    heading(doc, petikan=False)
    clause_table(
        doc,
        (
            ("Menimbang", MENIMBANG),
            ("Mengingat", MENGINGAT),
            (
                "Memperhatikan",
                ("Pertimbangan Tim Penilai Kinerja Pegawai Negeri Sipil Kota Salatiga.",),
            ),
        ),
    )
    para(doc, "MEMUTUSKAN:", bold=True, center=True, after=6)
    clause_table(
        doc,
        (
            ("Menetapkan", ("KEPUTUSAN WALI KOTA SALATIGA TENTANG " + TITLE + ".",)),
            *((label, (text,)) for label, text in DIKTUM),
        ),
    )
    signature(doc)
    para(
        doc, "Tembusan Keputusan ini disampaikan kepada Yth.:", size=9
    ).paragraph_format.space_before = Pt(6)
    for line in TEMBUSAN:
        tembusan = para(doc, line, indent=0.5, size=9)
        tembusan.paragraph_format.tab_stops.add_tab_stop(Cm(1.1))
    lampiran = doc.add_section(WD_SECTION.NEW_PAGE)
    lampiran.orientation = WD_ORIENT.LANDSCAPE
    lampiran.page_width, lampiran.page_height = Cm(PAGE_H), Cm(PAGE_W)
    lampiran.left_margin = lampiran.right_margin = Cm(2.0)
    lampiran.top_margin = lampiran.bottom_margin = Cm(1.5)
    for line in (
        "LAMPIRAN KEPUTUSAN WALI KOTA SALATIGA",
        "NOMOR {{ nomor_sk }}",
        "TANGGAL {{ tanggal_sk }}",
    ):
        para(doc, line, indent=16.5)
    para(doc)
    para(doc, "DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN", bold=True, center=True, after=6)
    lampiran_table(doc)
    signature(doc, indent=16.5)
    doc.save(str(path))


def _repeat_header(row) -> None:
    """The row repeats at the top of every page; no row breaks across pages."""
    tr_pr = row._tr.get_or_add_trPr()
    _set(tr_pr, "w:tblHeader", **{"w:val": "true"})


def _cant_split(row) -> None:
    _set(row._tr.get_or_add_trPr(), "w:cantSplit", **{"w:val": "true"})


def lampiran_table(doc) -> None:
    headers = (
        "NO",
        "NAMA / NIP",
        "PANGKAT/GOL.",
        "JABATAN DAN UNIT KERJA LAMA",
        "JABATAN DAN UNIT KERJA BARU",
        "KET.",
    )
    table = fixed_table(doc, 4, LAMPIRAN_WIDTHS, grid=True)
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(10)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.rows[1].cells[0].text = "{%tr for m in moves %}"
    values = (
        ("{{ m.no }}",),
        ("{{ m.nama }}", "NIP {{ m.nip }}"),
        ("{{ m.pangkat }}",),
        ("{{ m.jabatan_asal }}", "{{ m.unit_asal }}"),
        ("{{ m.jabatan_tujuan }}", "{{ m.unit_tujuan }}"),
        ("{{ m.catatan }}",),
    )
    _cant_split(table.rows[2])
    for cell, lines in zip(table.rows[2].cells, values, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(lines[0]).font.size = Pt(10)
        for line in lines[1:]:
            run = cell.add_paragraph().add_run(line)
            run.font.size = Pt(10)
            run.italic = "unit" in line  # the unit kerja under its jabatan, set apart
    table.rows[3].cells[0].text = "{%tr endfor %}"


def build_petikan(path: Path) -> None:
    doc = new_document()
    heading(doc, petikan=True)
    clause_table(doc, (("Menimbang", ("dst.",)), ("Mengingat", ("dst.",))))
    para(doc, "MEMUTUSKAN:", bold=True, center=True, after=6)
    clause_table(
        doc,
        (
            ("Menetapkan", ("KEPUTUSAN WALI KOTA SALATIGA TENTANG " + TITLE + ".",)),
            DIKTUM[0][:1] + ((DIKTUM[0][1], "Lampiran nomor urut {{ m.no }}:"),),
        ),
    )
    person = (
        ("Nama", "{{ m.nama }}"),
        ("NIP", "{{ m.nip }}"),
        ("Pangkat/Golongan", "{{ m.pangkat }}"),
        ("Jabatan lama", "{{ m.jabatan_asal }}"),
        ("Unit kerja lama", "{{ m.unit_asal }}"),
        ("Jabatan baru", "{{ m.jabatan_tujuan }}"),
        ("Unit kerja baru", "{{ m.unit_tujuan }}"),
    )
    widths = (CLAUSE_WIDTHS[0] + CLAUSE_WIDTHS[1], *PERSON_WIDTHS)
    table = fixed_table(doc, 0, widths)
    for label, value in person:
        cells = add_fixed_row(table, widths).cells
        cells[1].text, cells[2].text, cells[3].text = label, ":", value
    for cell in table.rows[-1].cells:
        cell.paragraphs[-1].paragraph_format.space_after = Pt(6)
    clause_table(doc, tuple((label, (text,)) for label, text in DIKTUM[1:]))
    para(
        doc,
        "Petikan Keputusan ini diberikan kepada yang bersangkutan untuk diketahui dan "
        "dipergunakan sebagaimana mestinya.",
        after=6,
    )
    # Two signature blocks side by side, their lines aligned row by row: the petikan's
    # attestation (left) and the Wali Kota (right); the signing space is one fixed-height row.
    half = TEXT_W / 2
    table = fixed_table(doc, 3, (half, half))
    titles, space, names = table.rows
    left, right = titles.cells
    left.text = "Untuk petikan yang sah,"
    left.add_paragraph().add_run(
        "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA SALATIGA,"
    ).bold = True
    right.text = "Ditetapkan di Salatiga"
    right.add_paragraph("pada tanggal {{ tanggal_sk }}")
    right.add_paragraph().add_run("WALI KOTA SALATIGA,").bold = True
    space.height = Cm(2.0)
    space.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    for cell in names.cells:
        cell.text = "(....................................)"
    doc.save(str(path))


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    build_kolektif(out_dir / "sk_kolektif.docx")
    build_petikan(out_dir / "sk_petikan.docx")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "templates"
    )
