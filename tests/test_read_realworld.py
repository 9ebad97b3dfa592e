"""io.read on the real spreadsheets of ../shared/real-world (skipped where the folder is absent).

One test per roster and formation file, asserting the header rows and key column mappings that
SOURCES.md documents, plus header-only templates filled with synthetic rows in ``tmp_path``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import detect_table, read_table
from mutasi_cli.issues import column_letter

NIP_A = "198503152010011002"
NIP_B = "199001012015032001"


def letters(loaded, *columns: str) -> list[str]:
    return [column_letter(loaded.col_index[c]) for c in columns]


# --- roster/ ---------------------------------------------------------------------------------


def test_jombang_cetak_duk(real_world: Path) -> None:
    loaded = read_table(real_world / "roster" / "jombang_cetak_duk.xlsx", "pegawai")

    assert loaded.header_rows == (6, 7)  # numbering row 8 is skipped
    assert letters(loaded, "nama", "nip", "golongan", "tmt_golongan") == ["B", "C", "D", "E"]
    assert letters(loaded, "jabatan", "eselon", "tmt_jabatan") == ["F", "G", "H"]
    assert loaded.headers["golongan"] == "PANGKAT/Gol. Ruang"
    assert loaded.headers["tmt_golongan"] == "PANGKAT/TMT"
    assert loaded.headers["tmt_jabatan"] == "JABATAN/TMT"
    assert "MASA KERJA/Thn." in loaded.unmapped
    assert "LATIHAN JABATAN/Thn." in loaded.unmapped
    assert loaded.frame.empty
    assert loaded.as_of == date(2018, 12, 31)


def test_jombang_pegawai_cetak_excel(real_world: Path) -> None:
    loaded = read_table(real_world / "roster" / "jombang_pegawai_cetak_excel.xlsx", "pegawai")

    assert loaded.header_rows == (6, 6)
    assert letters(loaded, "nip", "nip_lama") == ["C", "B"]
    assert letters(loaded, "unit_kerja", "unit_kerja_2") == ["R", "S"]
    duplicate = next(i for i in loaded.issues if i.params.get("header") == "Satuan Kerja")
    assert duplicate.code == "header-duplicate"
    assert duplicate.params["columns"] == "R, S"
    assert loaded.as_of == date(2018, 4, 30)  # "KEADAAN BULAN APRIL TAHUN 2018"


def test_mojokerto_cetak_pegawai_xls(real_world: Path) -> None:
    path = real_world / "roster" / "mojokerto_CetakPegawaiExcel.xls"
    assert detect_table(path) == "pegawai"
    loaded = read_table(path)

    assert loaded.header_rows == (9, 9)
    assert loaded.headers["nip"] == "NIP Baru"
    assert loaded.headers["nip_lama"] == "NIP"
    assert letters(loaded, "nip", "nip_lama", "nama", "golongan") == ["C", "B", "D", "I"]
    assert letters(loaded, "tmt_golongan", "tmt_jabatan") == ["J", "M"]
    assert loaded.frame.empty


def test_mojokerto_duk_with_synthetic_rows_reads_its_stacked_pairs(
    real_world: Path, tmp_path: Path
) -> None:
    """Synthetic people under the real DUK header, each stacked pair in one cell a line apart
    (Nama over NIP, Gol Ruang over TMT): the roster has its NIP, grade and grade TMT."""
    from mutasi_cli.io.normalize import normalize

    book = openpyxl.load_workbook(real_world / "roster" / "mojokerto_cetak_DUK.xlsx")
    sheet = book.active
    people = [
        ("Andi Wibowo, S.Kom\n198503152010011002", "III/a\n01-04-2010"),
        ("Sri Lestari\n19900101 201503 2 001", "III/b\n01-03-2015"),
    ]
    for i, (name_nip, grade_tmt) in enumerate(people):
        row = 8 + i
        sheet.cell(row, 1, i + 1)
        sheet.cell(row, 2, name_nip)
        sheet.cell(row, 3, grade_tmt)
        sheet.cell(row, 6, "01-01-2020")
        sheet.cell(row, 10, "S-1")
    path = tmp_path / "duk.xlsx"
    book.save(path)
    result = normalize(read_table(path, "pegawai"), per=date(2026, 12, 1))
    assert result.frame["nip"].tolist() == ["198503152010011002", "199001012015032001"]
    assert result.frame["nama"].tolist() == ["Andi Wibowo, S.Kom", "Sri Lestari"]
    assert result.frame["golongan"].tolist() == ["III/a", "III/b"]
    assert [d.date() for d in result.frame["tmt_golongan"]] == [date(2010, 4, 1), date(2015, 3, 1)]


def test_mojokerto_duk_printed_two_rows_a_person_reads_one_record_each(
    real_world: Path, tmp_path: Path
) -> None:
    """SOURCES.md: under the DUK's stacked header each person may take two rows, the name row
    (Nama, Gol) and then the NIP row (NIP, TMT). Each row was read as a person of its own (a
    name without a NIP, a NIP without a name). A name row right above a row holding only a NIP
    is one record now, at the name row's number; a row that is a person of its own stays."""
    from mutasi_cli.io.normalize import normalize

    book = openpyxl.load_workbook(real_world / "roster" / "mojokerto_cetak_DUK.xlsx")
    sheet = book.active
    records = [
        [("Andi Wibowo, S.Kom", "III/a"), ("198503152010011002", datetime(2010, 4, 1))],
        [("Sri Lestari", "III/b"), ("19900101 201503 2 001", "01-03-2015")],
        [("Budi Hartono\n199203032019021004", "II/c\n01-02-2019")],  # one row, as before
        [("Citra", "II/a")],  # no NIP, above a person whose name is missing: two people
        [("198806062012122001", "II/b")],
    ]
    row = 8
    for i, record in enumerate(records):
        sheet.cell(row, 1, i + 1)
        sheet.cell(row, 6, "01-01-2020")
        for name_nip, grade_tmt in record:
            sheet.cell(row, 2, name_nip)
            sheet.cell(row, 3, grade_tmt)
            row += 1
    path = tmp_path / "duk-dua-baris.xlsx"
    book.save(path)
    loaded = read_table(path, "pegawai")
    assert loaded.excel_rows.tolist() == [8, 10, 12, 13, 14]
    result = normalize(loaded, per=date(2026, 12, 1))
    assert [(i.code, i.row) for i in result.issues if i.code in ("nip-missing", "value-missing")
            and i.column in ("nip", "nama")] == [("nip-missing", 13), ("value-missing", 14)]  # fmt: skip
    frame = result.frame[result.frame["excel_row"] < 13]
    assert frame["nip"].tolist() == ["198503152010011002", "199001012015032001",
                                     "199203032019021004"]  # fmt: skip
    assert frame["nama"].tolist() == ["Andi Wibowo, S.Kom", "Sri Lestari", "Budi Hartono"]
    assert frame["golongan"].tolist() == ["III/a", "III/b", "II/c"]
    assert [d.date() for d in frame["tmt_golongan"]] == [
        date(2010, 4, 1),
        date(2015, 3, 1),
        date(2019, 2, 1),
    ]
    assert not [i for i in result.issues if i.code.startswith("nip") and i.row < 13]


def test_jombang_skp_print_with_synthetic_rows_takes_its_period_from_the_title(
    real_world: Path, tmp_path: Path
) -> None:
    """The SKP print states its period once, above the header ("Periode | 2017", SOURCES.md:
    harvest it): it was read as a roster with every score column ignored, and given as the
    performance table it lacked its required period. Now it is a performance table whose
    rows all take 2017, said in one note."""
    from mutasi_cli.io.normalize import normalize
    from mutasi_cli.io.read import detect_table

    book = openpyxl.load_workbook(real_world / "skp" / "jombang_cetak_skp.xlsx")
    sheet = book.active
    for i, (nip, score) in enumerate([("198503152010011002", 88.5), ("199001012015032001", 79)]):
        sheet.cell(8 + i, 2, nip)
        sheet.cell(8 + i, 3, f"Pegawai {i + 1}")
        sheet.cell(8 + i, 4, score)
        sheet.cell(8 + i, 15, score)
        sheet.cell(8 + i, 16, "Dinas Kesehatan")
    path = tmp_path / "skp.xlsx"
    book.save(path)
    assert detect_table(path) == "kinerja"
    loaded = read_table(path, "kinerja")
    (note,) = [i for i in loaded.issues if i.code == "column-from-title"]
    assert (note.level, note.row, note.value) == ("info", 4, "2017")
    result = normalize(loaded, per=date(2026, 12, 1))
    assert result.frame["nilai"].tolist() == [88.5, 79.0]
    assert [d.date() for d in result.frame["period_end"]] == [date(2017, 12, 31)] * 2
    assert not [i for i in result.issues if i.level == "error"]


def test_mojokerto_cetak_duk(real_world: Path) -> None:
    loaded = read_table(real_world / "roster" / "mojokerto_cetak_DUK.xlsx", "pegawai")

    assert loaded.header_rows == (6, 7)
    # Stacked pairs (Nama over NIP, Gol Ruang over TMT: one cell, a line apart) are split
    # into both fields, each pointing at the pair's column.
    assert loaded.headers["nama"] == loaded.headers["nip"] == "Nama Pegawai/NIP"
    assert loaded.headers["golongan"] == loaded.headers["tmt_golongan"] == "Gol Ruang/TMT"
    assert letters(loaded, "nama", "nip", "golongan", "tmt_golongan") == ["B", "B", "C", "C"]
    # Row 7 under the merged "Jabatan" are its children.
    assert loaded.headers["eselon"] == "Jabatan/Ess"
    assert loaded.headers["tmt_jabatan"] == "Jabatan/TMT Jabatan"
    assert letters(loaded, "eselon", "tmt_jabatan", "tempat_tanggal_lahir") == ["D", "F", "K"]
    assert loaded.as_of == date(2011, 12, 31)


def test_sampang_contoh_import_pegawai(real_world: Path) -> None:
    loaded = read_table(real_world / "roster" / "sampang_contoh_import_pegawai.xls")

    assert (loaded.table, loaded.sheet, loaded.header_rows) == ("pegawai", "pegawai", (1, 1))
    assert loaded.excel_rows.tolist() == [2, 3, 4, 5]
    assert loaded.numeric_cells["nip"].tolist() == [True] * 4
    assert loaded.numeric_cells["nip_lama"].tolist() == [True] * 4
    assert loaded.frame["nip"].tolist() == ["6677", "6688", "6699", "7000"]
    assert loaded.frame["tanggal_lahir"].tolist() == [
        "08-05-1994",
        "06-05-1993",
        "04-05-1891",
        "18-04-1995",
    ]
    assert letters(loaded, "tmt_cpns", "golongan", "tmt_golongan") == ["U", "AC", "AD"]


def test_sikompeten_peserta_dummy(real_world: Path) -> None:
    loaded = read_table(real_world / "roster" / "sikompeten_peserta_dummy.xlsx")

    # Every header ends with "Peserta": the common suffix is stripped before matching.
    assert loaded.col_index == {"nama": 0, "nip": 1, "jabatan": 2, "unit_kerja": 3}
    assert len(loaded.frame) == 20
    assert loaded.frame["nama"].iloc[0] == "Abay"
    assert loaded.frame["nip"].str.len().eq(16).all()
    assert not loaded.numeric_cells["nip"].any()


def test_tirtasatria_template_dnp(real_world: Path) -> None:
    loaded = read_table(real_world / "roster" / "tirtasatria_template_dnp.xlsx", "pegawai")

    assert loaded.header_rows == (4, 6)  # numbering row 7 (digit strings) is skipped
    assert letters(loaded, "nama", "jabatan", "tmt_jabatan", "golongan") == ["C", "E", "F", "H"]
    assert loaded.headers["tmt_jabatan"] == "TMT JABATAN"
    assert loaded.headers["tempat_tanggal_lahir"] == "TEMPAT/TGL LAHIR"
    assert {"NIPAM", "MASA KERJA/GOL.TERAKHIR/TH", "MASA KERJA/SELURUH/BLN"} <= set(loaded.unmapped)


# --- formation/ ------------------------------------------------------------------------------


def test_anjab_contoh_abk(real_world: Path) -> None:
    path = real_world / "formation" / "anjab_contoh_abk.xlsx"
    assert detect_table(path) == "beban_kerja"
    loaded = read_table(path)

    assert loaded.header_rows == (1, 1)
    assert len(loaded.frame) == 6
    assert loaded.frame["volume"].tolist() == [1.0, 2.0, 2.0, 2.0, 2.0, 2.0]
    assert loaded.frame["norma_waktu"].tolist() == [6000.0] * 6
    assert loaded.frame["wke"].tolist() == [72000.0] * 6
    assert loaded.frame["uraian_tugas"].str.strip().str.startswith("Menyusun").tolist()[:2] == [
        True,
        True,
    ]
    assert loaded.headers["volume"] == "VOLUME KERJA"
    assert letters(loaded, "uraian_tugas", "kebutuhan_pegawai") == ["B", "I"]


def test_mojokerto_report_eselon_kosong(real_world: Path) -> None:
    loaded = read_table(real_world / "formation" / "mojokerto_report_eselon_kosong.xlsx")

    assert loaded.table == "jabatan"
    assert loaded.header_rows == (7, 9)  # numbering row 10 is skipped
    assert loaded.headers == {"unit_kerja": "SATKER", "jabatan": "JABATAN"}
    assert "JPTP/ESELON/II/A" in loaded.unmapped
    assert "PENGAWAS/ESELON/IV/B" in loaded.unmapped
    assert loaded.frame.empty
    assert loaded.as_of == date(2024, 6, 30)


def test_sianjab_format_import_struktur_jabatan(real_world: Path) -> None:
    path = real_world / "formation" / "sianjab_format_import_struktur_jabatan.xlsx"
    loaded = read_table(path, "jabatan", sheet="Nomenklatur Jabatan")

    assert loaded.header_rows == (1, 1)
    assert loaded.frame["jabatan"].tolist() == ["ASISTEN", "ASISTEN", "KEPALA DINAS"]
    assert loaded.frame["kelas_jabatan"].tolist() == [14.0, 14.0, 13.0]
    assert read_table(path, "jabatan", sheet="Jabatan Fungsional").frame.empty
    assert [i.column for i in loaded.issues if i.code == "column-missing"] == ["unit_kerja"]

    # Read whole: its six sheets (one per level, SOURCES.md: "union the rows") are one table,
    # each row still naming its sheet; the header's issues once, not six times.
    whole = read_table(path, "jabatan")
    assert whole.sheets == (
        "Pimpinan Tinggi", "Staf Ahli", "Nomenklatur Jabatan", "Jabatan Fungsional", "Kepala",
        "Sub Kepala",
    )  # fmt: skip
    assert len(whole.frame) == 11 and whole.frame["jabatan"].iloc[[0, -1]].tolist() == [
        "Sekretaris Testing",
        "Kasi Kurikulum PAUD",
    ]
    assert whole.sheets_at([0, 10]) == ["Pimpinan Tinggi", "Sub Kepala"]
    codes = [i.code for i in whole.issues]
    assert codes.count("column-missing") == 1 and "sheets-stacked" in codes
    assert "sheet-ambiguous" not in codes and "table-empty" not in codes
    # No jenis or eselon column: its titles are read as structural posts at their level (a
    # Kepala Dinas is no pelaksana).
    typed = normalize(whole, per=date(2026, 12, 1)).frame.set_index("jabatan")
    assert typed.loc[["KEPALA DINAS", "Kasi Kurikulum PAUD"], "jenjang"].tolist() == [
        "jpt",
        "pengawas",
    ]
    assert (typed["jenis_jabatan"] == "struktural").all()


def test_siasn_listing_validasi(real_world: Path) -> None:
    path = real_world / "formation" / "siasn_listing_validasi_munabarat_2024-03-31.xlsx"
    assert detect_table(path) == "jabatan"
    loaded = read_table(path)

    assert loaded.header_rows == (1, 1)
    assert len(loaded.frame) == 1_345
    assert loaded.excel_rows[[0, -1]].tolist() == [2, 1_346]
    kebutuhan = loaded.frame["kebutuhan"]
    assert kebutuhan.isna().sum() == 110  # blank and zero kept apart
    assert (kebutuhan == 0).sum() == 1_163
    assert (kebutuhan > 0).sum() == 72
    # Each row is a node of the organisation tree: the position, the unit it sits in, the OPD.
    assert loaded.headers["jabatan"] == "NAMA UNOR"
    assert loaded.headers["unit_kerja"] == "NAMA ATASAN"
    assert loaded.headers["unit_induk"] == "UNOR INDUK"
    assert loaded.frame["sub_jabatan"].notna().sum() == 76

    # Its unit rows (a Puskesmas's village units in the position column) are one warning, not
    # 69 "pelaksana title in no group" warnings; three real ungrouped titles remain.
    from mutasi_cli.io.normalize import normalize
    from mutasi_cli.validate import Located, cross_check

    typed = normalize(loaded).frame
    table = Located(typed, loaded.sheet, loaded.col_index)
    issues = cross_check({"jabatan": table}, per=date(2026, 12, 1))
    units = [i for i in issues if i.code == "position-is-unit"]
    assert [(i.params["n"], i.value) for i in units] == [("69", "SAWERIGADI")]
    ungrouped = {i.value for i in issues if i.code == "pelaksana-no-group"}
    assert ungrouped == {"SUB BAGIAN TATA USAHA", "DINAS KEPEMUDAAN DAN OLAHRAGA", "WALELEI"}


# --- header-only templates filled with synthetic rows ----------------------------------------


def fill(template: Path, target: Path, first_row: int, rows: list[list[object]]) -> Path:
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for r, row in enumerate(rows, start=first_row):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, value)
            if isinstance(value, str):
                cell.number_format = "@"  # text, as a careful analyst types a NIP
            elif isinstance(value, datetime):
                cell.number_format = "dd-mm-yyyy"
    book.save(target)
    return target


def test_jombang_cetak_duk_filled(real_world: Path, tmp_path: Path) -> None:
    blank = [None] * 19
    andi = [1, "Andi Wibowo", NIP_A, "III/a", datetime(2018, 4, 1), "Analis", None]
    andi += [datetime(2020, 1, 2), 6, 2, None, None, None, "S1", 2008, "S1"]
    sri = [2, "Sri Lestari", NIP_B, "III/b", datetime(2017, 10, 1), "Kepala Seksi", "IV.a"]
    sri += [datetime(2021, 3, 4)]
    path = fill(
        real_world / "roster" / "jombang_cetak_duk.xlsx",
        tmp_path / "duk.xlsx",
        9,
        [andi, blank, sri, [None, "JUMLAH"] + [None] * 17],
    )
    loaded = read_table(path, "pegawai")

    assert loaded.excel_rows.tolist() == [9, 11]
    assert loaded.frame["nip"].tolist() == [NIP_A, NIP_B]
    assert not loaded.numeric_cells["nip"].any()
    assert loaded.frame["tmt_golongan"].tolist() == [
        pd.Timestamp(2018, 4, 1),
        pd.Timestamp(2017, 10, 1),
    ]
    assert loaded.frame["tmt_jabatan"].tolist() == [
        pd.Timestamp(2020, 1, 2),
        pd.Timestamp(2021, 3, 4),
    ]
    assert loaded.frame["eselon"].iloc[1] == "IV.a"
    assert loaded.frame["pendidikan"].iloc[0] == "S1"


def test_jombang_pegawai_cetak_excel_filled(real_world: Path, tmp_path: Path) -> None:
    row = [1, "", NIP_A, "Andi Wibowo", "Salatiga", "15-03-1985", "L", "PNS", "III/a"]
    row += ["01-04-2018", "PNS", None, "Analis", "02-01-2020", None, None, None]
    row += ["Bidang Mutasi", "BKPSDM"]
    ghost = [None] * 10 + [0.0]  # a zero in an accounting cell, nothing else
    path = fill(
        real_world / "roster" / "jombang_pegawai_cetak_excel.xlsx",
        tmp_path / "p.xlsx",
        7,
        [row, ghost],
    )
    loaded = read_table(path, "pegawai")

    assert loaded.excel_rows.tolist() == [7]
    assert loaded.frame.loc[0, ["unit_kerja", "unit_kerja_2"]].tolist() == [
        "Bidang Mutasi",
        "BKPSDM",
    ]
    assert loaded.frame.loc[0, "nip"] == NIP_A
    assert pd.isna(loaded.frame.loc[0, "nip_lama"])


def test_tirtasatria_template_dnp_filled(real_world: Path, tmp_path: Path) -> None:
    rows = [
        [1, None, "Andi Wibowo", "0012", "Staf", "02-01-2020", "Penata", "C/1", "01-04-2018"],
        [2, None, "Sri Lestari", "0013", "Kasubag", "04-03-2021", "Penata Tk I", "C/2"],
    ]
    path = fill(
        real_world / "roster" / "tirtasatria_template_dnp.xlsx", tmp_path / "d.xlsx", 8, rows
    )
    loaded = read_table(path, "pegawai")

    assert loaded.excel_rows.tolist() == [8, 9]
    assert loaded.frame["nama"].tolist() == ["Andi Wibowo", "Sri Lestari"]
    assert loaded.frame["golongan"].tolist() == ["C/1", "C/2"]
    assert loaded.frame["tmt_jabatan"].tolist() == ["02-01-2020", "04-03-2021"]
    assert np.array_equal(loaded.frame["jabatan"].to_numpy(), np.array(["Staf", "Kasubag"], object))
