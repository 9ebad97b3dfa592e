"""`mutasi init`: the commented mutasi.toml never drifts from Settings; templates read back."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mutasi_cli.errors import MutasiError
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import read_table
from mutasi_cli.schema import TABLES
from mutasi_cli.settings import Settings, load_settings
from mutasi_cli.templates_init import CONFIG_NAME, config_text, init_templates, template_columns

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / CONFIG_NAME
GOLONGAN = "I/a,I/b,I/c,I/d,II/a,II/b,II/c,II/d,III/a,III/b,III/c,III/d,IV/a,IV/b,IV/c,IV/d,IV/e"


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init")
    init_templates(folder, force=False)
    return folder


def setting_names(sections: dict) -> set[str]:
    """ "section.key" for every setting (a dict-valued setting counts once)."""
    return {f"{section}.{key}" for section, values in sections.items() for key in values}


def test_commented_config_is_exactly_the_defaults():
    loaded = load_settings(TEMPLATE)
    assert loaded.warnings == ()
    assert loaded.as_dict() == Settings().as_dict()


def test_commented_config_names_every_setting():
    defaults = Settings().as_dict()
    defaults.pop("paths")
    written = tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))
    unset = {
        f"{s}.{key}" for s, values in defaults.items() for key, v in values.items() if v is None
    }
    assert setting_names(written) == setting_names(defaults) - unset
    text = TEMPLATE.read_text(encoding="utf-8")
    for name in unset:  # TOML has no null: such settings appear commented out
        assert f"# {name.split('.')[1]} =" in text
    for field in dataclasses.fields(Settings().paths):
        assert f"# {field.name} = " in text
    assert text.count("docs/regulasi.md") >= 25
    assert "DOMAIN.md" not in text  # cite what the repository holds (issue 11)


def test_config_with_paths_points_at_the_files():
    text = config_text({"pegawai": "pegawai.xlsx", "kinerja": "kinerja.xlsx"})
    data = tomllib.loads(text)
    assert data["paths"] == {"pegawai": "pegawai.xlsx", "kinerja": ["kinerja.xlsx"]}
    assert data["abk"]["wke_minutes"] == 75000.0


def test_one_template_per_table_and_the_config(templates):
    assert sorted(p.name for p in templates.iterdir()) == sorted(
        [*(f"{name}.xlsx" for name in TABLES), CONFIG_NAME]
    )
    settings = load_settings(templates / CONFIG_NAME)
    assert settings.paths.pegawai == "pegawai.xlsx"  # the folder runs with no file arguments
    assert settings.paths.kinerja == ("kinerja.xlsx",)
    without_paths = {k: v for k, v in settings.as_dict().items() if k != "paths"}
    assert without_paths == {k: v for k, v in Settings().as_dict().items() if k != "paths"}


def test_headers_required_marks_and_text_nip(templates):
    book = openpyxl.load_workbook(templates / "pegawai.xlsx")
    assert book.sheetnames == ["pegawai", "Petunjuk"]
    sheet = book["pegawai"]
    header = [c.value for c in sheet[1]]
    assert header == [c.label_id for c in template_columns(TABLES["pegawai"])]
    # one column per fact: the combined layouts the reader also accepts stay out
    assert not {"Nama / NIP", "Gol / TMT", "Nama Depan", "Tempat/Tgl Lahir"} & set(header)
    red = {c.value for c in sheet[1] if c.font.color is not None and c.font.color.rgb == "FFC00000"}
    assert red == {c.label_id for c in TABLES["pegawai"].columns if c.required}
    nip = sheet.cell(2, header.index("NIP") + 1)
    assert nip.value == "199003152015032001"
    assert nip.number_format == "@"
    assert sheet.cell(2, header.index("Tanggal Lahir") + 1).value.date() == date(1990, 3, 15)


def dropdowns(path: Path) -> dict[str, str]:
    """Header -> the list a dropdown offers."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    found = {}
    for rule in sheet.data_validations.dataValidation:
        assert rule.type == "list"
        assert rule.errorStyle == "warning"  # other accepted spellings may still be typed
        cells = str(rule.sqref)
        assert cells.endswith("1001")
        column = openpyxl.utils.column_index_from_string(cells.split(":")[0][:-1])
        found[header[column - 1]] = rule.formula1.strip('"')
    return found


def test_dropdowns(templates):
    pegawai = dropdowns(templates / "pegawai.xlsx")
    assert (
        pegawai["Golongan"]
        == GOLONGAN + ",I,II,III,IV,V,VI,VII,VIII,IX,X,XI,XII,XIII,XIV,XV,XVI,XVII"
    )
    assert pegawai["Pendidikan"] == "SD,SLTP,SLTA,D-I,D-II,D-III,D-IV,S-1,S-2,S-3"
    assert pegawai["Jenis Jabatan"] == "Struktural,Fungsional,Pelaksana"
    assert pegawai["Jenis Kelamin"] == "L,P"
    assert pegawai["Status Pegawai"] == "PNS,PPPK"
    assert dropdowns(templates / "aspirasi.xlsx") == {"Bersedia Dimutasi": "Ya,Tidak"}
    levels = dropdowns(templates / "kompetensi.xlsx")
    assert len(levels) == 10 and set(levels.values()) == {"1,2,3,4,5"}
    assert dropdowns(templates / "beban_kerja.xlsx")["Periode Volume"] == (
        "tahun,semester,triwulan,bulan,minggu,hari"
    )


def test_instruction_sheet(templates):
    guide = openpyxl.load_workbook(templates / "kinerja.xlsx")["Petunjuk"]
    text = [row[0] for row in guide.iter_rows(values_only=True) if row[0]]
    assert text[0] == "Petunjuk pengisian tabel kinerja"
    assert any("DD-MM-YYYY" in line for line in text)
    assert any("TEKS" in line and "NIP" in line for line in text)
    assert any("Nilai / Predikat / Hasil Kerja + Perilaku Kerja" in line for line in text)
    rows = {row[0]: row for row in guide.iter_rows(values_only=True) if row[0]}
    assert rows["NIP"][1] == "Ya"
    assert "NIP BARU" in rows["NIP"][3]
    assert "Triwulan I 2024" in rows["Periode"][2]


def test_english_templates(tmp_path):
    init_templates(tmp_path, force=False, lang="en")
    book = openpyxl.load_workbook(tmp_path / "pegawai.xlsx")
    assert book.sheetnames == ["employees", "Instructions"]
    header = [c.value for c in book["employees"][1]]
    assert header[:3] == ["NIP", "Old NIP", "Name"]
    assert book["Instructions"]["A1"].value == "How to fill in the employees table"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_templates_read_back_as_their_table(tmp_path, lang):
    init_templates(tmp_path, force=False, lang=lang)
    for name in TABLES:
        loaded = read_table(tmp_path / f"{name}.xlsx")
        typed = normalize(loaded, per=date(2026, 12, 1))
        assert loaded.table == name
        assert loaded.unmapped == []
        assert len(typed.frame) == 1  # the example row, clean
        assert not [i.code for i in [*loaded.issues, *typed.issues] if i.severity == "error"]


def test_existing_files_are_kept_unless_forced(templates):
    with pytest.raises(MutasiError):
        init_templates(templates, force=False)
    assert len(init_templates(templates, force=True)) == len(TABLES) + 1
