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
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FIXED_TIME = datetime(2026, 1, 1)  # stable document properties
TITLE = "PEMINDAHAN PEGAWAI NEGERI SIPIL DI LINGKUNGAN PEMERINTAH KOTA SALATIGA"
DRAFT = "DRAF - untuk diperiksa; bukan keputusan yang sah sebelum ditandatangani"

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
KETIGA = (
    "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran "
    "Pendapatan dan Belanja Daerah Kota Salatiga."
)
KEEMPAT = (
    "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian "
    "hari terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."
)


def new_document():
    doc = Document()
    props = doc.core_properties
    props.author = props.last_modified_by = "mutasi"
    props.created = props.modified = FIXED_TIME
    props.title = "Draf Keputusan Wali Kota Salatiga tentang Pemindahan PNS"
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(2)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.5), Cm(33)  # F4, usual for decrees
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    marker = section.header.paragraphs[0]
    marker.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = marker.add_run(DRAFT)
    run.bold = True
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    return doc


def para(doc, text="", *, bold=False, center=False, indent=None, after=None):
    p = doc.add_paragraph()
    if text:
        p.add_run(text).bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent is not None:
        p.paragraph_format.left_indent = Cm(indent)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def heading(doc, *, petikan: bool) -> None:
    if petikan:
        para(doc, "PETIKAN", bold=True, center=True, after=8)
    para(doc, "KEPUTUSAN WALI KOTA SALATIGA", bold=True, center=True)
    para(doc, "NOMOR {{ nomor_sk }}", bold=True, center=True, after=8)
    para(doc, "TENTANG", bold=True, center=True, after=8)
    para(doc, TITLE, bold=True, center=True, after=12)
    para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, center=True, after=8)
    para(doc, "WALI KOTA SALATIGA,", bold=True, center=True, after=12)


def clause_table(doc, rows) -> None:
    """Label | : | text rows, borderless, the usual decree layout."""
    table = doc.add_table(rows=0, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, lines in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = ":"
        cells[2].text = lines[0]
        for line in lines[1:]:
            cells[2].add_paragraph(line)
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(3.2), Cm(0.5), Cm(12.8)), strict=True):
            cell.width = width


def signature(doc) -> None:
    para(doc)
    for text in ("Ditetapkan di Salatiga", "pada tanggal {{ tanggal_sk }}", ""):
        para(doc, text, indent=9.5)
    para(doc, "WALI KOTA SALATIGA,", bold=True, indent=9.5, after=48)
    para(doc, "(....................................)", indent=9.5, after=12)


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
    para(doc, "MEMUTUSKAN:", bold=True, center=True, after=8)
    clause_table(
        doc,
        (
            ("Menetapkan", ("KEPUTUSAN WALI KOTA TENTANG " + TITLE + ".",)),
            (
                "KESATU",
                (
                    "Memindahkan Pegawai Negeri Sipil sejumlah {{ jumlah }} orang yang namanya "
                    "tercantum dalam Lampiran Keputusan ini dari jabatan dan unit kerja lama ke "
                    "jabatan dan unit kerja baru sebagaimana tercantum dalam Lampiran tersebut.",
                ),
            ),
            (
                "KEDUA",
                (
                    "Pemindahan sebagaimana dimaksud dalam Diktum KESATU berlaku terhitung mulai "
                    "tanggal {{ tmt }}.",
                ),
            ),
            ("KETIGA", (KETIGA,)),
            ("KEEMPAT", (KEEMPAT,)),
        ),
    )
    signature(doc)
    para(doc, "Tembusan Keputusan ini disampaikan kepada Yth.:")
    for line in TEMBUSAN:
        para(doc, line, indent=0.5)
    para(doc).add_run().add_break(WD_BREAK.PAGE)
    for line in (
        "LAMPIRAN KEPUTUSAN WALI KOTA SALATIGA",
        "NOMOR {{ nomor_sk }}",
        "TANGGAL {{ tanggal_sk }}",
    ):
        para(doc, line, indent=8.5)
    para(doc)
    para(doc, "DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN", bold=True, center=True, after=8)
    lampiran_table(doc)
    signature(doc)
    doc.save(str(path))


def lampiran_table(doc) -> None:
    headers = (
        "NO",
        "NAMA / NIP",
        "GOL.",
        "JABATAN DAN UNIT KERJA LAMA",
        "JABATAN DAN UNIT KERJA BARU",
        "KET.",
    )
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].text = "{%tr for m in moves %}"
    values = (
        ("{{ m.no }}",),
        ("{{ m.nama }}", "NIP {{ m.nip }}"),
        ("{{ m.golongan }}",),
        ("{{ m.jabatan_asal }}", "{{ m.unit_asal }}"),
        ("{{ m.jabatan_tujuan }}", "{{ m.unit_tujuan }}"),
        ("{{ m.catatan }}",),
    )
    for cell, lines in zip(table.rows[2].cells, values, strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        for cell, width in zip(row.cells, (1.0, 4.2, 1.4, 4.3, 4.3, 1.3), strict=True):
            cell.width = Cm(width)


def build_petikan(path: Path) -> None:
    doc = new_document()
    heading(doc, petikan=True)
    clause_table(doc, (("Menimbang", ("dst.",)), ("Mengingat", ("dst.",))))
    para(doc, "MEMUTUSKAN:", bold=True, center=True, after=8)
    clause_table(
        doc,
        (
            ("Menetapkan", ("KEPUTUSAN WALI KOTA TENTANG " + TITLE + ".",)),
            (
                "KESATU",
                ("Memindahkan Pegawai Negeri Sipil (Lampiran nomor urut {{ m.no }}):",),
            ),
        ),
    )
    person = (
        ("Nama", "{{ m.nama }}"),
        ("NIP", "{{ m.nip }}"),
        ("Pangkat/Golongan", "{{ m.golongan }}"),
        ("Jabatan lama", "{{ m.jabatan_asal }}"),
        ("Unit kerja lama", "{{ m.unit_asal }}"),
        ("Jabatan baru", "{{ m.jabatan_tujuan }}"),
        ("Unit kerja baru", "{{ m.unit_tujuan }}"),
    )
    table = doc.add_table(rows=0, cols=3)
    for label, value in person:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(4.5), Cm(0.5), Cm(11.5)), strict=True):
            cell.width = width
    para(doc)
    clause_table(
        doc,
        (
            ("KEDUA", ("Keputusan ini berlaku terhitung mulai tanggal {{ tmt }}.",)),
            ("KETIGA", (KETIGA,)),
            (
                "KEEMPAT",
                (
                    "Petikan Keputusan ini diberikan kepada yang bersangkutan untuk diketahui dan "
                    "dipergunakan sebagaimana mestinya.",
                ),
            ),
        ),
    )
    signature(doc)
    para(doc, "Untuk petikan yang sah,")
    para(doc, "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", bold=True)
    para(doc, "KOTA SALATIGA,", bold=True, after=48)
    para(doc, "(....................................)")
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
