"""Reading what analysts really have (issue 11): database exports, the headers they really use,
hint rows, columns that mean something else, wrong or empty files. Every file is written here."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

from conftest import refused_unread, write_xlsx
from mutasi_cli.errors import MutasiError
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.issues import MESSAGES
from mutasi_cli.schema import TABLES, header_key, synonym_index

NIP_A = "198503152010011002"
NIP_B = "199001012015032001"
NIP_C = "197812312005011003"
NIP_D = "198807072014021001"


def csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ods(path: Path, rows: list[list[object]], extra: str = "") -> Path:
    """A minimal OpenDocument spreadsheet (what a database dump or LibreOffice saves), written
    by hand: mimetype, manifest and one table in content.xml; ``extra``: rows as raw XML after
    ``rows`` (repeats)."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    body = (
        "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + extra
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="data">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )  # stored first, uncompressed
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def codes(loaded) -> list[str]:
    return [i.code for i in loaded.issues]


# --- 1. database exports: identifier headers ----------------------------------------------------


def test_siasn_snake_case_csv_is_read_natively(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "siasn.csv",
        [
            "nip_baru,nama,gol_akhir_nama,jabatan_nama,unor_nama,tmt_jabatan,jenis_kelamin",
            f"{NIP_A},Andi Wibowo,III/a,Analis Kepegawaian,BKPSDM,01-03-2020,M",
            f"{NIP_B},Sri Lestari,III/b,Perawat Ahli Pertama,Dinas Kesehatan,01-04-2021,F",
            f"{NIP_C},Budi Santoso,IV/a,Kepala Bidang,Dinas Kesehatan,02-01-2019,M",
        ],
    )
    loaded = read_table(path, "pegawai")

    assert loaded.header_rows == (1, 1)
    assert loaded.headers == {
        "nip": "nip_baru",
        "nama": "nama",
        "golongan": "gol_akhir_nama",
        "jabatan": "jabatan_nama",
        "unit_kerja": "unor_nama",
        "tmt_jabatan": "tmt_jabatan",
        "jenis_kelamin": "jenis_kelamin",
    }
    assert loaded.frame["nip"].tolist() == [NIP_A, NIP_B, NIP_C]
    assert [i for i in loaded.issues if i.level == "error"] == []
    norm = normalize(loaded, per=date(2024, 1, 1))
    assert norm.frame["golongan_id"].tolist() == [31, 32, 41]
    assert norm.frame["jenis_kelamin"].tolist() == ["L", "P", "L"]


def test_snake_case_position_list_is_detected(tmp_path: Path) -> None:
    lines = ["unor_nama,jabatan_nama,jenis_jabatan_nama,kelas_jabatan,kebutuhan"]
    lines += [f"Dinas {i % 7},Jabatan {i},Pelaksana,{5 + i % 4},{i % 3}" for i in range(60)]
    path = csv(tmp_path / "peta.csv", lines)

    loaded = read_table(path)
    assert loaded.table == "jabatan"
    assert len(loaded.frame) == 60
    assert loaded.headers["unit_kerja"] == "unor_nama"
    assert loaded.headers["jabatan"] == "jabatan_nama"
    assert loaded.frame["kebutuhan"].tolist()[:4] == ["0", "1", "2", "0"]


def test_camel_case_and_lowercase_headers(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "kinerja.csv",
        ["nipNrp,tahun,hasilKinerja,perilakuKerja", f"{NIP_A},2024,Baik,Baik"],
    )
    loaded = read_table(path)
    assert loaded.table == "kinerja"
    assert set(loaded.col_index) == {"nip", "periode", "hasil_kerja", "perilaku_kerja"}


def test_ods_database_dump(tmp_path: Path) -> None:
    path = ods(
        tmp_path / "dump.ods",
        [
            ["nip_baru", "nama", "gol_akhir_nama", "jabatan_nama", "unor_nama", "tmt_jabatan"],
            [NIP_A, "Andi Wibowo", "III/a", "Analis", "BKPSDM", "01-03-2020"],
            [NIP_B, "Sri Lestari", "III/b", "Perawat", "Dinas Kesehatan", "01-04-2021"],
        ],
    )
    loaded = read_table(path, "pegawai")
    assert loaded.header_rows == (1, 1)
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo", "Sri Lestari"]
    assert loaded.frame["golongan"].tolist() == ["III/a", "III/b"]
    assert "column-missing" not in codes(loaded)


def test_placeholder_row_under_a_header_is_still_skipped(tmp_path: Path) -> None:
    """A template's snake_case placeholder row under a real header is not data; it only helps
    to name the columns the header left unclear."""
    path = write_xlsx(
        tmp_path / "t.xlsx",
        {
            "s": [
                ["NIP", "Nama", "Kolom A", "Jabatan", "Unit Kerja", "TMT Jabatan"],
                ["nip_baru", "nama", "gol_akhir_nama", "jabatan_nama", "unor_nama", "tmt_jab"],
                [NIP_A, "Andi", "III/a", "Analis", "BKPSDM", "01-03-2020"],
            ]
        },
    )
    loaded = read_table(path, "pegawai")
    assert loaded.header_rows == (1, 2)
    assert loaded.excel_rows.tolist() == [3]
    assert loaded.headers["golongan"] == "Kolom A"  # named by its placeholder gol_akhir_nama
    assert loaded.headers["nip"] == "NIP"


# --- synonyms: one test per spelling -------------------------------------------------------------

SPELLINGS = [
    ("pegawai", "NIP/NIPPK", "nip"),
    ("pegawai", "NIP/NIK ", "nip"),
    ("pegawai", "Pangkat Golongan", "golongan"),
    ("pegawai", "Jenis Kel", "jenis_kelamin"),
    ("pegawai", "Pend Sesuai SK Terakhir", "pendidikan"),
    ("pegawai", "JABATAN SAAT INI", "jabatan"),
    ("pegawai", "INSTANSI", "unit_induk"),
    ("pegawai", "Status Tipe", "status"),
    ("pegawai", "Nama Depan", "nama_depan"),
    ("pegawai", "Nama Belakang", "nama_belakang"),
    ("beban_kerja", "Beban Kerja 1 Tahun", "volume"),
    ("beban_kerja", "Waktu Penyelesaian (jam/menit)", "norma_waktu"),
    ("beban_kerja", "Waktu Kerja Efektif 1 Tahun", "wke"),
    ("beban_kerja", "Satuan Hasil Kerja", "satuan_hasil"),
]


@pytest.mark.parametrize(("table", "header", "column"), SPELLINGS)
def test_spelling_maps_to_its_column(table: str, header: str, column: str) -> None:
    assert synonym_index(TABLES[table])[header_key(header)] == column


def test_spellings_read_from_a_file(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {
            "s": [
                ["NIP/NIK ", "Nama", "Pangkat Golongan", "JABATAN SAAT INI", "Unit Kerja"]
                + ["TMT Jabatan", "Jenis Kel", "Pend Sesuai SK Terakhir", "INSTANSI"],
                [NIP_A, "Andi", "III/a", "Analis", "BKPSDM", "01-03-2020", "L", "S1", "Pemkot"],
            ]
        },
    )
    loaded = read_table(path, "pegawai")
    assert loaded.unmapped == []
    assert loaded.headers["nip"] == "NIP/NIK"
    assert [i.code for i in loaded.issues] == []


def test_pangkat_alone_is_the_grade_but_not_beside_golongan(tmp_path: Path) -> None:
    rows = [NIP_A, "Andi", "Penata Muda", "Analis", "BKPSDM", "01-03-2020"]
    header = ["NIP", "Nama", "Pangkat", "Jabatan", "Unit Kerja", "TMT Jabatan"]
    alone = read_table(write_xlsx(tmp_path / "a.xlsx", {"s": [header, rows]}), "pegawai")
    assert alone.headers["golongan"] == "Pangkat"
    assert "column-missing" not in codes(alone)
    assert normalize(alone).frame["golongan"].tolist() == ["III/a"]

    both = read_table(
        write_xlsx(tmp_path / "b.xlsx", {"s": [[*header, "Golongan"], [*rows, "III/a"]]}),
        "pegawai",
    )
    assert both.headers["golongan"] == "Golongan"
    assert "Pangkat" in both.unmapped
    assert "header-duplicate" not in codes(both)


def test_split_name_is_joined(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {
            "s": [
                ["NIP", "Nama Depan", "Nama Belakang", "Golongan", "Jabatan", "Unit Kerja"]
                + ["TMT Jabatan"],
                [NIP_A, "Andi", "Wibowo", "III/a", "Analis", "BKPSDM", "01-03-2020"],
                [NIP_B, "Sri", None, "III/b", "Perawat", "BKPSDM", "01-03-2020"],
            ]
        },
    )
    loaded = read_table(path, "pegawai")
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo", "Sri"]
    assert "nama_depan" not in loaded.frame
    assert loaded.headers["nama"] == "Nama Depan + Nama Belakang"
    assert "column-missing" not in codes(loaded)
    assert normalize(loaded).frame["nama"].tolist() == ["Andi Wibowo", "Sri"]


# --- 2. hint rows ----------------------------------------------------------------------------------


def test_hint_row_is_skipped_and_reported_once(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "abk.xlsx",
        {
            "s": [
                ["Uraian Tugas", "Satuan Hasil", "Volume", "Norma Waktu", "Kelas"],
                ["(text)", "(text)", "(1250 / 75000)", "(angka)", "(1 - 19)"],
                ["Menyusun laporan", "laporan", 12, 300, 7],
                ["Memverifikasi berkas", "berkas", 1200, 15, 7],
            ]
        },
    )
    loaded = read_table(path, "beban_kerja")
    assert loaded.excel_rows.tolist() == [3, 4]
    assert loaded.frame["volume"].tolist() == [12, 1200]
    hints = [i for i in loaded.issues if i.code == "hint-row-skipped"]
    assert len(hints) == 1 and hints[0].level == "info" and hints[0].row == 2
    assert "(baris 2)" in hints[0].message("id")
    norm = normalize(loaded)
    assert [i.code for i in norm.issues] == []


def test_format_hints_and_example_markers(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "p.csv",
        [
            "NIP;Nama;Golongan;Jabatan;Unit Kerja;TMT Jabatan",
            "[18 digit];(teks);contoh: III/a;(teks);(teks);DD-MM-YYYY",
            f"{NIP_A};Andi;III/a;Analis;BKPSDM;01-03-2020",
        ],
    )
    loaded = read_table(path, "pegawai")
    assert loaded.excel_rows.tolist() == [3]
    assert codes(loaded) == ["hint-row-skipped"]


def test_a_data_row_in_parentheses_only_partly_is_data(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "p.csv",
        [
            "NIP;Nama;Golongan;Jabatan;Unit Kerja;TMT Jabatan",
            f"{NIP_A};Andi (Plt);III/a;Analis;BKPSDM;01-03-2020",
        ],
    )
    loaded = read_table(path, "pegawai")
    assert loaded.excel_rows.tolist() == [2]
    assert "hint-row-skipped" not in codes(loaded)


# --- 3. values confirm the mapping ---------------------------------------------------------------


def test_status_pegawai_holding_aktif_gives_way_to_status_tipe(tmp_path: Path) -> None:
    header = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]
    header += ["Status Pegawai", "Status Tipe"]
    rows = [
        [NIP_A, "Andi", "III/a", "Analis", "BKPSDM", "01-03-2020", "Aktif", "PNS"],
        [NIP_B, "Sri", "III/b", "Perawat", "BKPSDM", "01-03-2020", "Aktif", "PNS"],
        [NIP_C, "Budi", "IX", "Guru", "Disdik", "01-03-2020", "Non Aktif", "PPPK"],
        [NIP_D, "Rina", "III/c", "Analis", "BKPSDM", "01-03-2020", "Aktif", "PNS"],
    ]
    loaded = read_table(write_xlsx(tmp_path / "p.xlsx", {"s": [header, *rows]}), "pegawai")

    assert loaded.headers["status"] == "Status Tipe"
    assert "Status Pegawai" in loaded.unmapped
    warning = next(i for i in loaded.issues if i.code == "column-values-mismatch")
    assert warning.level == "warning"
    assert warning.cell == "s!G1"
    assert "Status Pegawai" in warning.message("id") and "Status Tipe" in warning.message("id")
    assert "Status Pegawai" in warning.message("en")
    norm = normalize(loaded)
    assert "status-unknown" not in [i.code for i in norm.issues]
    assert norm.frame["status"].tolist() == ["PNS", "PNS", "PPPK", "PNS"]


def test_score_column_is_not_a_competency_name(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "k.xlsx",
        {
            "s": [
                ["NIP", "Nama", "Hasil Assesment Center", None],
                [None, None, "Kompetensi", "Level"],
                [NIP_A, "Andi", 78.5, 3],
                [NIP_B, "Sri", 81.0, 4],
                [NIP_C, "Budi", 69.25, 2],
            ]
        },
    )
    loaded = read_table(path, "kompetensi")
    assert "kompetensi" not in loaded.col_index
    assert "column-values-mismatch" in codes(loaded)


def test_a_few_bad_values_keep_the_mapping(tmp_path: Path) -> None:
    rows = [[NIP_A, "Andi", g, "Analis", "BKPSDM", "01-03-2020"] for g in ("III/a", "III/b", "X/y")]
    header = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]
    loaded = read_table(write_xlsx(tmp_path / "p.xlsx", {"s": [header, *rows]}), "pegawai")
    assert loaded.headers["golongan"] == "Golongan"
    assert "column-values-mismatch" not in codes(loaded)


# --- 4. what a file is ---------------------------------------------------------------------------


def position_map(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "jabatan.xlsx",
        {
            "Sheet1": [
                ["Unit Kerja", "Jabatan", "Kebutuhan", "Kelas Jabatan"],
                ["BKPSDM", "Analis Kepegawaian", 3, 8],
                ["Dinas Kesehatan", "Perawat", 10, 7],
            ]
        },
    )


def roster(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "pegawai.xlsx",
        {
            "Sheet1": [
                ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"],
                [NIP_A, "Andi", "III/a", "Analis Kepegawaian", "BKPSDM", "01-03-2020"],
            ]
        },
    )


def test_position_map_given_as_roster_is_refused(tmp_path: Path) -> None:
    path = position_map(tmp_path)
    with pytest.raises(MutasiError) as caught:
        read_table(path, "pegawai")
    assert caught.value.code == "table-mismatch"
    assert "peta jabatan" in caught.value.message
    assert "bukan data pegawai" in caught.value.message
    assert str(path) in caught.value.hint
    with pytest.raises(MutasiError) as english:
        read_table(path, "pegawai", lang="en")
    assert "looks like a position map" in english.value.message


def test_roster_given_as_position_map_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MutasiError) as caught:
        read_table(roster(tmp_path), "jabatan")
    assert caught.value.code == "table-mismatch"
    assert "tampaknya data pegawai" in caught.value.message


def test_a_roster_missing_one_column_is_still_a_roster(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {
            "s": [
                ["NIP", "Nama", "Jabatan", "Unit Kerja", "TMT Jabatan"],
                [NIP_A, "Andi", "Analis", "BKPSDM", "01-03-2020"],
            ]
        },
    )
    loaded = read_table(path, "pegawai")
    assert [i.column for i in loaded.issues if i.code == "column-missing"] == ["golongan"]


def test_header_only_file_is_table_empty(tmp_path: Path) -> None:
    path = csv(tmp_path / "p.csv", ["NIP;Nama;Golongan;Jabatan;Unit Kerja;TMT Jabatan"])
    loaded = read_table(path, "pegawai")
    empty = [i for i in loaded.issues if i.code == "table-empty"]
    assert len(empty) == 1 and empty[0].level == "error"
    assert MESSAGES["table-empty"][0] == "error"
    optional = csv(tmp_path / "a.csv", ["NIP;Nama;Bersedia Dimutasi;Pilihan 1 Unit"])
    empty = [i for i in read_table(optional, "aspirasi").issues if i.code == "table-empty"]
    assert [i.level for i in empty] == ["warning"]  # aspirations may well be empty


def test_init_example_row_left_in_is_a_warning(tmp_path: Path) -> None:
    """An `mutasi init` template filled below its example row: the example is named."""
    import openpyxl

    from mutasi_cli.templates_init import init_templates

    init_templates(tmp_path, force=False)
    path = tmp_path / "pegawai.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    values = {"NIP": NIP_A, "Nama": "Andi Wibowo", "Golongan": "III/a", "Jabatan": "Analis"}
    values |= {"Unit Kerja": "BKPSDM", "TMT Jabatan": "01-03-2020"}
    for name, value in values.items():
        sheet.cell(3, header.index(name) + 1, value)
    book.save(path)

    loaded = read_table(path, "pegawai")
    found = [i for i in loaded.issues if i.code == "template-example-row"]
    assert [i.row for i in found] == [2]
    assert found[0].level == "warning"
    assert found[0].message("id").startswith("Baris 2 adalah baris contoh templat")
    assert loaded.excel_rows.tolist() == [2, 3]  # reported, not dropped


def test_a_real_position_named_like_the_example_is_not_flagged(tmp_path: Path) -> None:
    from mutasi_cli.templates_init import EXAMPLES

    example = EXAMPLES["jabatan"]
    path = write_xlsx(
        tmp_path / "j.xlsx",
        {
            "s": [
                ["Unit Kerja", "Jabatan", "Kebutuhan"],
                [example["unit_kerja"], example["jabatan"], 7],
            ]
        },
    )
    assert "template-example-row" not in codes(read_table(path, "jabatan"))


def test_future_tmt_is_a_warning(tmp_path: Path) -> None:
    header = ["NIP", "Nama", "Golongan", "TMT Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]
    rows = [[NIP_A, "Andi", "III/a", "01-04-2030", "Analis", "BKPSDM", "01-03-2020"]]
    loaded = read_table(write_xlsx(tmp_path / "p.xlsx", {"s": [header, *rows]}), "pegawai")
    norm = normalize(loaded, per=date(2024, 1, 1))
    future = [i for i in norm.issues if i.code == "date-future"]
    assert [(i.column, i.cell, i.level) for i in future] == [("tmt_golongan", "s!D2", "warning")]
    assert "01-04-2030" in future[0].message("id")
    assert "TMT Golongan" in future[0].message("id")
    assert pd.Timestamp(norm.frame["tmt_golongan"].iloc[0]).year == 2030  # kept, only flagged
    assert [i.code for i in normalize(loaded).issues] == []  # no reference date, no check


# --- docs/kolom-siasn.md lists what is really read -----------------------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs" / "kolom-siasn.md"
SECTIONS = {
    "Data pegawai": "pegawai",
    "Peta jabatan": "jabatan",
    "Kinerja SKP": "kinerja",
    "Judul ABK": "beban_kerja",
}


def documented() -> list[tuple[str, str, str]]:
    """(table, source header, canonical column) for every row of the doc's tables."""
    rows, table = [], None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            table = next((t for k, t in SECTIONS.items() if line[3:].startswith(k)), None)
        cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
        if table and line.startswith("| ") and len(cells) >= 2 and "`" in line.split("|")[2]:
            rows.append((table, cells[0], cells[1].split()[0].strip("`")))
    return rows


def test_the_documented_siasn_fields_are_the_ones_read() -> None:
    from mutasi_cli.schema import fallback_index

    rows = documented()
    assert len(rows) >= 35
    for table, header, column in rows:
        spec = TABLES[table]
        found = synonym_index(spec).get(header_key(header)) or fallback_index(spec).get(
            header_key(header)
        )
        assert found == column, (table, header, found)


def test_a_full_siasn_export_reads_without_duplicates(tmp_path: Path) -> None:
    header = [h for t, h, _ in documented() if t == "pegawai"]
    header += ["agama_nama", "kedudukan_hukum_nama", "lokasi_kerja_nama"]
    values = {
        "nip_baru": NIP_A, "nip_lama": "010203040", "nama": "Andi Wibowo",
        "tanggal_lahir": "15-03-1985", "jenis_kelamin": "M", "jenis_pegawai_nama": "PNS",
        "status_cpns_pns": "P", "tmt_cpns": "01-01-2010", "gol_akhir_nama": "III/a",
        "gol_akhir_id": "31", "tmt_golongan": "01-04-2018", "jenis_jabatan_nama": "Pelaksana",
        "jabatan_nama": "Pengadministrasi Umum", "tmt_jabatan": "02-01-2020", "eselon_id": "",
        "tingkat_pendidikan_nama": "S-1", "unor_nama": "Subbagian Umum",
        "satuan_kerja_kerja_nama": "Sekretariat Daerah", "kedudukan_hukum_nama": "Aktif",
    }  # fmt: skip
    row = [values.get(h, "x") for h in header]
    lines = [",".join(header)] + [",".join(row)] * 1
    lines.append(",".join(values.get(h, "y") if h != "nip_baru" else NIP_B for h in header))
    lines.append(",".join(values.get(h, "z") if h != "nip_baru" else NIP_C for h in header))
    loaded = read_table(csv(tmp_path / "siasn_full.csv", lines), "pegawai")

    assert "header-duplicate" not in codes(loaded)
    assert [i.code for i in loaded.issues if i.level == "error"] == []
    assert loaded.headers["status"] == "jenis_pegawai_nama"
    assert loaded.headers["unit_kerja"] == "unor_nama"
    assert loaded.headers["golongan"] == "gol_akhir_nama"
    assert {"status_cpns_pns", "kedudukan_hukum_nama", "gol_akhir_id"} <= set(loaded.unmapped)
    norm = normalize(loaded, per=date(2024, 1, 1))
    assert norm.frame["golongan_id"].tolist() == [31, 31, 31]
    assert norm.frame["status"].tolist() == ["PNS"] * 3


def test_unusual_but_valid_values_keep_their_columns(tmp_path: Path) -> None:
    """Unit codes, NIPs with dashes and "-" placeholders are not a contradiction."""
    header = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan", "TMT Golongan"]
    rows = [
        ["19850315-201001-1-002", "Andi", "III/a", "Analis", "4.01.01", "01-03-2020", "-"],
        ["19900101-201503-2-001", "Sri", "Penata Muda", "Perawat", "4.01.02", "01-03-2020", "-"],
        ["19781231-200501-1-003", "Budi", "3b", "Guru", "B.01", "01-03-2020", "-"],
    ]
    loaded = read_table(write_xlsx(tmp_path / "p.xlsx", {"s": [header, *rows]}), "pegawai")
    assert "column-values-mismatch" not in codes(loaded)
    assert set(loaded.col_index) == {
        "nip", "nama", "golongan", "jabatan", "unit_kerja", "tmt_jabatan", "tmt_golongan"
    }  # fmt: skip


def test_ods_grid_over_the_limit_is_refused_before_the_bulk_load(tmp_path: Path, monkeypatch):
    """An .ods is held whole by calamine as soon as it is opened: a grid over max_sheet_cells
    (here set to 10 for a 3 x 6 sheet) stops after the preview, naming its farthest cell,
    instead of being held a second time by the bulk load."""
    from mutasi_cli.errors import MutasiError
    from mutasi_cli.io import limits

    path = ods(
        tmp_path / "dump.ods",
        [
            ["nip_baru", "nama", "gol_akhir_nama", "jabatan_nama", "unor_nama", "tmt_jabatan"],
            [NIP_A, "Andi Wibowo", "III/a", "Analis", "BKPSDM", "01-03-2020"],
            [NIP_B, "Sri Lestari", "III/b", "Perawat", "Dinas Kesehatan", "01-04-2021"],
        ],
    )
    assert len(read_table(path, "pegawai").frame) == 2
    monkeypatch.setattr(limits, "_active", limits.LimitsSettings(max_sheet_cells=10))
    with pytest.raises(MutasiError) as caught:
        read_table(path, "pegawai")
    assert caught.value.code == "input-too-large" and "sel F3 (3 baris x 6 kolom" in str(
        caught.value.message
    )


ODS_ROSTER = [
    ["nip_baru", "nama", "gol_akhir_nama", "jabatan_nama", "unor_nama", "tmt_jabatan"],
    [NIP_A, "Andi Wibowo", "III/a", "Analis", "BKPSDM", "01-03-2020"],
    [NIP_B, "Sri Lestari", "III/b", "Perawat", "Dinas Kesehatan", "01-04-2021"],
]


def _filled_rows(rows: int, cols: int) -> str:
    """``rows`` rows of ``cols`` cells holding "x", written once with repeats."""
    return (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{cols}" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )


@pytest.mark.parametrize(
    ("rows", "cols", "expected"),
    [
        (1_048_573, 16_384, "sel XFD1048576 (1 048 576 baris x 16 384 kolom"),  # the grid
        (
            20_000,
            1_000,
            "menulis 19 sel berisi tetapi mengulangnya menjadi 20 000 018 sel (batas 1 000 000)",
        ),  # within the grid limit
        (-1_048_573, 16_384, "baris x 16 384 kolom"),  # and a subtable after it
    ],
)
def test_an_ods_that_repeats_cells_into_millions_is_refused_before_calamine_opens_it(
    tmp_path: Path, monkeypatch, rows: int, cols: int, expected: str
):
    """An .ods row or cell may say it repeats: 800 bytes describe millions of cells holding
    "x", which calamine builds in full as it opens the file (20 million took 5 GB and
    aborted the process under a 3 GB cap; 100 million, 12 GB). Both such files are refused
    from a scan of content.xml, before calamine is asked to open them."""

    extra = _filled_rows(abs(rows), cols)
    if rows < 0:  # a table inside a cell after the bomb does not start the count again
        extra += (
            '<table:table-row><table:table-cell><table:table table:name="sub"><table:table-row>'
            "<table:table-cell/></table:table-row></table:table></table:table-cell>"
            "</table:table-row>"
        )
    path = ods(tmp_path / "bom.ods", ODS_ROSTER, extra=extra)
    assert path.stat().st_size < 2_000
    refused_unread(monkeypatch, path, "input-too-large", expected, "'data'")


def test_an_ods_bomb_under_the_table_prefix_is_found_whatever_prefix_is_declared(
    tmp_path: Path, monkeypatch
):
    """calamine reads "table:table-cell" and the like by the names as written. A content.xml
    that declared the table namespace under another prefix first, and wrote its repeats under
    "table:", passed a scan of the declared prefix; the scan now reads what calamine reads."""

    path = ods(tmp_path / "bom.ods", ODS_ROSTER, extra=_filled_rows(20_000, 1_000))
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["content.xml"] = parts["content.xml"].replace(
        b"<office:document-content ",
        b'<office:document-content xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    refused_unread(monkeypatch, path, "input-too-large", "'data'")


def test_an_ods_tag_that_never_closes_is_refused_at_once(tmp_path: Path, monkeypatch):
    """20,000 cell tags with an unclosed quote (400 KB) kept the repeat scan searching to the
    end of its block from each of them: 83 s, hours for a few MB. Each attempt now ends at the
    next tag, and a tag that cannot be read whole makes the table the largest grid: refused."""
    path = ods(tmp_path / "bom.ods", ODS_ROSTER, extra='<table:table-cell a="' * 20_000)
    refused_unread(monkeypatch, path, "input-too-large", "XFD1048576", "'data'")


def test_an_ods_as_libreoffice_saves_it_reads_with_its_empty_filler_and_repeats(tmp_path: Path):
    """LibreOffice ends a sheet with a million empty rows of a thousand empty cells and writes
    equal neighbours once with a repeat: the grid counts neither the filler nor more than the
    cells the repeats fill, and the roster reads whole."""
    from mutasi_cli.io import limits

    header = ["nip_baru", "nama", "gol_akhir_nama", "jabatan_nama", "unor_nama", "unor_induk"]
    repeated = (  # unit and parent unit equal: one cell repeated, then empty formatted cells
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in (NIP_C, "Budi Santoso", "III/c", "Analis")
        )
        + '<table:table-cell table:number-columns-repeated="2" office:value-type="string">'
        "<text:p>Dinas Sosial</text:p></table:table-cell>"
        '<table:table-cell table:style-name="ce1" table:number-columns-repeated="1018"/>'
        "</table:table-row>"
    )
    filler = (
        '<table:table-row table:number-rows-repeated="1048572"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    rows = [header, [NIP_A, "Andi Wibowo", "III/a", "Analis", "BKPSDM", "Setda"]]
    path = ods(tmp_path / "saved.ods", rows, extra=repeated + filler)
    content = zipfile.ZipFile(path).read("content.xml")
    whole = limits.ods_grids([content])
    assert whole == [limits.OdsTable("data", 3, 6, "F3", 18, 17)]
    for cut in range(1, len(content), 97):  # a tag cut between two blocks
        assert limits.ods_grids([content[:cut], content[cut:]]) == whole
    frame = read_table(path, "pegawai").frame
    assert frame["unit_kerja"].tolist() == ["BKPSDM", "Dinas Sosial"]
    assert frame["unit_induk"].tolist() == ["Setda", "Dinas Sosial"]


@pytest.mark.parametrize(
    ("row", "grid"),
    [  # a ">" inside a formula, single quotes, 5,000 digits, leading zeros
        (
            '<table:table-row><table:table-cell table:formula="of:=[.A1]>0" '
            'table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
            "<text:p>1</text:p></table:table-cell></table:table-row>",
            (1, 16_384),
        ),
        (
            "<table:table-row table:number-rows-repeated='5000'><table:table-cell "
            "table:number-columns-repeated='3' office:value-type='float' office:value='1'/>"
            "</table:table-row>",
            (5_000, 3),
        ),
        (
            f'<table:table-row table:number-rows-repeated="{"9" * 5000}"><table:table-cell '
            'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>',
            (10**15, 1),
        ),
        (
            '<table:table-row table:number-rows-repeated="0002"><table:table-cell '
            'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>',
            (2, 1),
        ),
    ],
    ids=["formula", "single-quotes", "digits", "zeros"],
)
def test_ods_repeats_are_read_however_the_attributes_are_written(row: str, grid):
    """A repeat written after a formula holding ">", in single quotes, with thousands of digits
    or leading zeros is still counted (a repeat the scan misses is a bomb let through; a number
    ``int`` refuses would be a traceback)."""
    from mutasi_cli.io import limits

    content = (
        '<office:document-content xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        f'<table:table table:name="s">{row}</table:table></office:document-content>'
    ).encode()
    (table,) = limits.ods_grids([content])
    assert (table.rows, table.cols) == grid


ROSTER_HEADER = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]
ROSTER_ROWS = [
    [NIP_A, "Andi", "III/a", "Analis", "BKPSDM", "01-03-2020"],
    [NIP_B, "Sri", "III/b", "Perawat", "Dinas Kesehatan", "01-04-2021"],
    [NIP_C, "Budi", "III/c", "Analis", "BKPSDM", "01-05-2019"],
]


def test_a_hidden_sheet_named_like_the_table_gives_way_to_the_visible_one(tmp_path: Path):
    """An old copy kept in a hidden sheet called "pegawai" was read instead of the visible
    roster (2 people proposed for instead of 4,000, silently). Hidden sheets are read only when
    no visible sheet holds the table."""
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {"pegawai": [ROSTER_HEADER, ROSTER_ROWS[0]], "Data 2026": [ROSTER_HEADER, *ROSTER_ROWS]},
        hidden=["pegawai"],
    )
    loaded = read_table(path, "pegawai")
    assert loaded.sheet == "Data 2026" and len(loaded.frame) == 3
    only_hidden = write_xlsx(
        tmp_path / "q.xlsx",
        {"Sampul": [["Daftar Pegawai 2026"]], "data": [ROSTER_HEADER, *ROSTER_ROWS]},
        hidden=["data"],
    )
    assert read_table(only_hidden, "pegawai").sheet == "data"  # the table is only there


def test_two_sheets_fitting_equally_read_the_longer_and_warn(tmp_path: Path):
    """Two visible sheets with the same roster header: the first one (an old list of one row)
    was read. The one with more rows is read now, and sheet-ambiguous names the other."""
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {
            "pegawai lama": [ROSTER_HEADER, ROSTER_ROWS[0]],
            "Data 2026": [ROSTER_HEADER, *ROSTER_ROWS],
        },
    )
    loaded = read_table(path, "pegawai")
    assert loaded.sheet == "Data 2026" and len(loaded.frame) == 3
    (warning,) = [i for i in loaded.issues if i.code == "sheet-ambiguous"]
    assert warning.level == "warning" and "'pegawai lama'" in warning.message("id")
    assert "'Data 2026'" in warning.message("id")
    one = write_xlsx(tmp_path / "one.xlsx", {"Data 2026": [ROSTER_HEADER, *ROSTER_ROWS]})
    assert not [i for i in read_table(one, "pegawai").issues if i.code == "sheet-ambiguous"]


def test_a_report_printed_page_by_page_reads_without_its_page_furniture(tmp_path: Path):
    """A roster exported from a report printed per page repeats the header on every page and
    has a page line ("Halaman 2 dari 3"): both were read as a person with 18 errors. They are
    skipped now (the header rows named in a note); a real row holding only a NIP stays."""
    path = write_xlsx(
        tmp_path / "cetak.xlsx",
        {
            "DUK": [
                ROSTER_HEADER,
                ROSTER_ROWS[0],
                ["Halaman 2 dari 3"],
                [f" {h} " for h in ROSTER_HEADER],  # the header again, spaced as printed
                ROSTER_ROWS[1],
                ["Page 3/3"],
                ROSTER_HEADER,
                ROSTER_ROWS[2],
                [NIP_D],  # a person with only the NIP filled: data, its blanks reported
            ]
        },
    )
    loaded = read_table(path, "pegawai")
    assert loaded.frame["nip"].tolist() == [NIP_A, NIP_B, NIP_C, NIP_D]
    assert loaded.excel_rows.tolist() == [2, 5, 8, 9]
    (note,) = [i for i in loaded.issues if i.code == "header-repeated"]
    assert note.level == "info" and "baris 4, 7" in note.message("id")
    norm = normalize(loaded, per=date(2026, 12, 1))
    assert {i.row for i in norm.issues if i.level == "error"} == {9}


def test_one_sheet_per_unit_is_read_as_one_table(tmp_path: Path):
    """A roster kept as one sheet per unit (the same header on each) lost every sheet but the
    longest (a warning named them). Sheets of one layout that share no one are read together
    now, each row keeping its sheet: a bad NIP names its own sheet's cell, and a person on two
    sheets is a duplicate naming both. Versions of one list (most people on both sheets) are
    still read one (the test above), and so are sheets laid out differently."""
    nip_d = "199203032019021004"
    path = write_xlsx(
        tmp_path / "per_opd.xlsx",
        {
            "BKPSDM": [["PEMERINTAH KOTA SALATIGA"], ROSTER_HEADER, ROSTER_ROWS[0], ROSTER_ROWS[2],
                       [nip_d[:-1] + "6", "Gita", "II/c", "Pengadministrasi", "BKPSDM", "01-01-2020"]],
            "Dinkes": [ROSTER_HEADER, ROSTER_ROWS[1], [NIP_A[:-1], "Dewi", "II/a", "Perawat",
                                                       "Dinas Kesehatan", "01-01-2022"]],
            "Disdik": [ROSTER_HEADER, [nip_d, "Eka", "III/a", "Guru", "SD 1", "01-01-2023"],
                       [NIP_C, "Budi", "III/c", "Analis", "BKPSDM", "01-05-2019"],
                       [nip_d[:-1] + "5", "Fajar", "III/a", "Guru", "SD 2", "01-01-2023"]],
        },
    )  # fmt: skip
    loaded = read_table(path, "pegawai")
    assert loaded.sheets == ("BKPSDM", "Dinkes", "Disdik") and loaded.sheet == "BKPSDM"
    names = ["Andi", "Budi", "Gita", "Sri", "Dewi", "Eka", "Budi", "Fajar"]
    assert loaded.frame["nama"].tolist() == names
    assert loaded.excel_rows.tolist() == [3, 4, 5, 2, 3, 2, 3, 4]
    codes = [i.code for i in loaded.issues]
    assert "sheets-stacked" in codes and "sheet-ambiguous" not in codes
    result = normalize(loaded, per=date(2026, 12, 1))
    short = [i for i in result.issues if i.nip == NIP_A[:-1]]
    assert [(i.sheet, i.cell) for i in short] == [("Dinkes", "Dinkes!A3")]
    (twice,) = [i for i in result.issues if i.code == "nip-duplicate" and i.row == 4]
    assert twice.cell == "BKPSDM!A4" and "4 (BKPSDM), 3 (Disdik)" in twice.message("id")
    assert result.frame["excel_sheet"].tolist()[:4] == ["BKPSDM"] * 3 + ["Dinkes"]

    other = write_xlsx(
        tmp_path / "beda.xlsx",
        {
            "BKPSDM": [ROSTER_HEADER, ROSTER_ROWS[0], ROSTER_ROWS[2]],
            "Dinkes": [[*ROSTER_HEADER[1:], ROSTER_HEADER[0]], [*ROSTER_ROWS[1][1:], NIP_B]],
        },
    )
    loaded = read_table(other, "pegawai")
    assert loaded.sheets == () and len(loaded.frame) == 2
    assert "sheet-ambiguous" in [i.code for i in loaded.issues]

    # Sheets with the header only beside one with rows (an internal error: nothing to compare)
    blank = write_xlsx(
        tmp_path / "kosong.xlsx",
        {"Data": [ROSTER_HEADER, *ROSTER_ROWS], "Baru": [ROSTER_HEADER], "Lama": [ROSTER_HEADER]},
    )
    loaded = read_table(blank, "pegawai")
    assert len(loaded.frame) == 3 and "table-empty" not in [i.code for i in loaded.issues]


def test_a_period_stated_once_above_the_header_is_every_rows_period(tmp_path: Path):
    """An e-kinerja export puts "Periode: Triwulan I 2024" over its header instead of a column:
    the required period was missing and the file refused. The title's period is each row's
    now (an info note says so); a period column of the table's own wins, and a title that
    reads as no period is not taken."""
    header = ["NIP", "Nama", "Nilai", "Predikat"]
    rows = [[NIP_A, "Andi", "88,5", "Baik"], [NIP_B, "Sri", "91", "Sangat Baik"]]
    path = write_xlsx(
        tmp_path / "ekinerja.xlsx",
        {"Sheet1": [["REKAP KINERJA PEGAWAI"], ["Periode: Triwulan I 2024"], header, *rows]},
    )
    loaded = read_table(path, "kinerja")
    assert [i.code for i in loaded.issues] == ["column-from-title"]
    result = normalize(loaded, per=date(2026, 12, 1))
    assert result.frame["period_kind"].tolist() == ["triwulan"] * 2
    assert [d.date() for d in result.frame["period_end"]] == [date(2024, 3, 31)] * 2

    own = write_xlsx(
        tmp_path / "sendiri.xlsx",
        {"Sheet1": [["Periode", "2023"], [*header, "Periode"], *[[*r, "2024"] for r in rows]]},
    )
    loaded = read_table(own, "kinerja")
    assert loaded.frame["periode"].tolist() == ["2024", "2024"]
    assert "column-from-title" not in [i.code for i in loaded.issues]

    vague = write_xlsx(
        tmp_path / "kabur.xlsx", {"Sheet1": [["Periode: sepanjang tahun"], header, *rows]}
    )
    missing = [(i.code, i.column) for i in read_table(vague, "kinerja").issues]
    assert missing == [("column-missing", "periode")]


def test_a_workbook_of_one_sheet_per_year_reads_each_sheets_period(tmp_path: Path):
    """Performance kept one sheet per year ("SKP 2023", "SKP 2024") without a period column:
    the required period was missing, and only one sheet was read. Each sheet's name gives its
    rows' period, and the sheets (the same people, other periods) are read together. A
    workload table's sheet named by year keeps its own volume period (no period column)."""
    header = ["NIP", "Nama", "Nilai", "Predikat"]
    rows = [[NIP_A, "Andi", "88,5", "Baik"], [NIP_B, "Sri", "91", "Sangat Baik"]]
    path = write_xlsx(
        tmp_path / "skp.xlsx", {"SKP 2023": [header, *rows], "SKP 2024": [header, *rows]}
    )
    loaded = read_table(path)
    assert loaded.table == "kinerja" and loaded.sheets == ("SKP 2023", "SKP 2024")
    notes = [(i.code, i.sheet, i.value) for i in loaded.issues if i.code.startswith("column-")]
    assert notes == [
        ("column-from-sheet-name", "SKP 2023", "2023"),
        ("column-from-sheet-name", "SKP 2024", "2024"),
    ]
    result = normalize(loaded, per=date(2026, 12, 1))
    assert [d.year for d in result.frame["period_end"]] == [2023, 2023, 2024, 2024]
    assert not [i for i in result.issues if i.level == "error"]

    abk = write_xlsx(
        tmp_path / "abk.xlsx",
        {"ABK 2024": [["Jabatan", "Unit Kerja", "Uraian Tugas", "Volume", "Norma Waktu"],
                      ["Analis", "BKPSDM", "Menyusun laporan", "12", "300"]]},
    )  # fmt: skip
    assert "periode" not in read_table(abk, "beban_kerja").frame


def test_a_commands_problem_is_placed_in_the_sheet_that_holds_its_row(tmp_path: Path):
    """``validate.placed``: a core issue ("kinerja", row 3) goes to the sheet holding row 3
    (the NIP chooses where both sheets do); a row both sheets hold and no NIP leaves it as it
    was; a row-less one names its column's header; a table read from two files is left alone
    (a row number does not say which file)."""
    from mutasi_cli.issues import Issue
    from mutasi_cli.validate import Source, placed

    header = ["NIP", "Periode", "Nilai"]
    path = write_xlsx(
        tmp_path / "kinerja.xlsx",
        {
            "SKP A": [
                header,
                ["198609262015051001", "2024", 90],
                ["198407062006042020", "2024", 85],
            ],
            "SKP B": [header, ["199001012015031003", "2024", 80]],
        },
    )
    raw = read_table(path, "kinerja")
    assert raw.sheet_names == ("SKP A", "SKP B")
    loaded = Source.of(raw, normalize(raw, per=date(2026, 12, 1)).frame)
    found = placed(
        [
            Issue("nip-unknown", sheet="kinerja", column="nip", nip="198407062006042020", row=3),
            Issue("nip-unknown", sheet="kinerja", column="nip", nip="199001012015031003", row=2),
            Issue("nip-unknown", sheet="kinerja", column="nip", row=2),
            Issue("kinerja-unscaled", sheet="kinerja", column="nilai"),
            Issue("nip-unknown", sheet="aspirasi", column="nip", row=2),
        ],
        {"kinerja": [loaded]},
    )
    assert [(i.sheet, i.cell) for i in found] == [
        ("SKP A", "'SKP A'!A3"),
        ("SKP B", "'SKP B'!A2"),
        ("kinerja", ""),
        ("SKP A", "'SKP A'!C1"),
        ("aspirasi", ""),
    ]
    two_files = placed([Issue("nip-unknown", sheet="kinerja", row=3)], {"kinerja": [loaded] * 2})
    assert (two_files[0].sheet, two_files[0].cell) == ("kinerja", "")
