"""The command line as an analyst and a scheduled script meet it: exit codes, messages, JSON,
bad input (issue 2's list), the input never modified, outputs read back."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mutasi_cli import __version__
from mutasi_cli.cli import main
from mutasi_cli.io.write import MARK_FILLS

HEADER = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan", "Tanggal Lahir"]


def row(
    nip,
    nama="Budi Santoso",
    gol="III/a",
    jab="Analis Kepegawaian Ahli Pertama",
    unit="BKPSDM",
    tmt=date(2020, 1, 1),
    born=date(1986, 9, 26),
):
    return [nip, nama, gol, jab, unit, tmt, born]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run `mutasi ARGS` in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version(capsys):
    code, out, _ = cli(capsys, "--version")
    assert code == 0
    assert out.strip() == f"mutasi {__version__}"


def test_clean_roster_validates_with_json_only_on_stdout(capsys, xlsx):
    path = xlsx({"pegawai": [HEADER, row("198609262015051001")]})
    code, out, _ = cli(capsys, "validate", str(path), "--json", "--per", "2026-12-01")
    summary = json.loads(out)  # stdout holds exactly one JSON object
    assert code == 0 and summary["exit_code"] == 0
    assert summary["files"] == [
        {
            "path": str(path),
            "table": "pegawai",
            "sheet": "pegawai",
            "sheets": ["pegawai"],
            "header_row": 1,
            "header_rows": [1, 1],
            "rows": 1,
            "columns": {
                "nip": "NIP",
                "nama": "Nama",
                "golongan": "Golongan",
                "jabatan": "Jabatan",
                "unit_kerja": "Unit Kerja",
                "tmt_jabatan": "TMT Jabatan",
                "tanggal_lahir": "Tanggal Lahir",
            },
            "unmapped": [],
            "errors": 0,
            "warnings": 0,
        }
    ]


@pytest.mark.parametrize(
    ("nip", "code_expected"),
    [
        ("19860926201505100", "nip-invalid-length"),  # 17 digits
        ("198609262015131001", "nip-invalid-tmt"),  # month 13
        ("198609262015053001", "nip-invalid-sex"),
    ],
)
def test_invalid_nip_is_reported_with_its_cell(capsys, xlsx, nip, code_expected):
    path = xlsx({"pegawai": [HEADER, row("198407062006042020", born=date(1984, 7, 6)), row(nip)]})
    before = sha(path)
    code, out, err = cli(capsys, "validate", str(path), "--json")
    issues = json.loads(out)["issues"]
    assert code == 1
    found = [i for i in issues if i["code"] == code_expected]
    assert found and found[0]["cell"] == "pegawai!A3" and found[0]["value"] == nip
    assert "Traceback" not in err
    assert sha(path) == before  # the input is never modified


def test_every_problem_in_one_run(capsys, xlsx):
    rows = [
        HEADER,
        row("198609262015051001"),
        row("198609262015051001"),  # duplicate NIP
        row(198609262015051002),  # NIP stored as a number: reported, never repaired
        row("198407062006042020", gol="Z/z", born=date(1984, 7, 6)),  # unknown golongan
        row("198407062006042021", born=date(1990, 1, 1)),  # birth date disagrees with NIP
    ]
    path = xlsx({"pegawai": rows})
    code, out, _ = cli(capsys, "validate", str(path), "--json", "--lang", "en")
    issues = json.loads(out)["issues"]
    codes = {i["code"]: i for i in issues}
    assert code == 1
    assert {
        "nip-duplicate",
        "nip-stored-as-number",
        "golongan-unknown",
        "nip-birthdate-mismatch",
    } <= codes.keys()
    assert codes["nip-stored-as-number"]["cell"] == "pegawai!A4"
    assert codes["golongan-unknown"]["cell"] == "pegawai!C5"
    assert codes["golongan-unknown"]["message"].startswith("Grade 'Z/z'")  # --lang en


def test_text_in_a_numeric_column(capsys, xlsx):
    path = xlsx(
        {
            "jabatan": [
                ["Unit Kerja", "Jabatan", "Kebutuhan"],
                ["BKPSDM", "Analis Kepegawaian Ahli Pertama", "dua"],
            ]
        }
    )
    code, out, _ = cli(capsys, "validate", str(path), "--json")
    issue = next(i for i in json.loads(out)["issues"] if i["code"] == "value-not-number")
    assert code == 1 and issue["cell"] == "jabatan!C2" and issue["value"] == "dua"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("laporan.xlsx", b"%PDF-1.4 fake", "PDF"),
        ("rekap.xls", b'<html><frameset><frame src="rekap_files/sheet001.htm"></frameset>', "HTML"),
        ("kosong.csv", b"", "tidak berisi data"),
    ],
)
def test_unreadable_files_give_one_clear_line(capsys, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = cli(capsys, "validate", str(path))
    assert code == 1
    assert expected in err and "Traceback" not in err


def test_missing_file_and_no_header(capsys, tmp_path, xlsx):
    code, _, err = cli(capsys, "validate", str(tmp_path / "tidak-ada.xlsx"))
    assert code == 1 and "tidak ditemukan" in err
    path = xlsx({"Sheet1": [["halo", "dunia"], [1, 2]]})
    code, _, err = cli(capsys, "validate", str(path))
    assert code == 1 and "Traceback" not in err


def test_formula_like_names_come_out_as_plain_text(capsys, xlsx, tmp_path):
    evil = ['=HYPERLINK("http://x","klik")', "@SUM(A1)"]
    path = xlsx(
        {
            "pegawai": [
                HEADER,
                row("198609262015051001", nama=evil[0]),
                row("198407062006042020", nama=evil[1], gol="Q", born=date(1984, 7, 6)),
            ]
        }
    )
    out_path = tmp_path / "galat.xlsx"
    code, _, _ = cli(capsys, "validate", str(path), "--errors", str(out_path))
    assert code == 1
    with zipfile.ZipFile(out_path) as z:
        sheet_xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/work"))
    assert "<f>" not in sheet_xml and "hyperlink" not in sheet_xml.lower()
    ws = load_workbook(out_path)["pegawai"]
    names = [c.value for c in ws["C"]]
    assert evil[1] in names  # the failing row, written as text


def test_annotate_marks_the_bad_cell_and_leaves_the_input(capsys, xlsx, tmp_path):
    path = xlsx({"pegawai": [HEADER, row("198609262015131001")]})
    before = sha(path)
    dest = tmp_path / "anotasi.xlsx"
    code, _, _ = cli(capsys, "validate", str(path), "--annotate", str(dest))
    assert code == 1 and sha(path) == before
    cell = load_workbook(dest)["pegawai"]["A2"]
    assert "nip-invalid-tmt" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith(MARK_FILLS["error"])


def test_a_roster_of_one_sheet_per_unit_is_annotated_and_listed_in_each_sheet(
    capsys, xlsx, tmp_path
):
    """A roster kept one sheet per unit is read as one table: a bad NIP in the second sheet is
    marked in that sheet's cell (the first sheet's same cell left alone), and the error rows
    name their sheet."""
    good = [row("198609262015051001"), row("198609262015052002", nama="Sri Lestari")]
    path = xlsx(
        {
            "BKPSDM": [HEADER, *good],
            "Dinkes": [
                HEADER,
                row("199001012015031003", nama="Dewi", born=date(1990, 1, 1)),
                row("198609262015131001"),
            ],
        }
    )
    dest = tmp_path / "anotasi.xlsx"
    code, out, _ = cli(capsys, "validate", str(path), "--annotate", str(dest), "--json")
    (read,) = json.loads(out)["files"]
    assert code == 1 and read["sheets"] == ["BKPSDM", "Dinkes"] and read["errors"] == 1
    marked = load_workbook(dest)
    assert "nip-invalid-tmt" in marked["Dinkes"]["A3"].comment.text
    assert marked["BKPSDM"]["A3"].comment is None
    errors = tmp_path / "galat.xlsx"
    code, _, _ = cli(capsys, "validate", str(path), "--errors", str(errors))
    listed = list(load_workbook(errors).worksheets[0].iter_rows(values_only=True))
    assert listed[0][:3] == ("Lembar", "Baris", "NIP")
    assert [r[:3] for r in listed[1:]] == [("Dinkes", 3, "198609262015131001")]
    _, _, err = cli(capsys, "validate", str(path), "--verbose")
    assert "lembar 'BKPSDM', 'Dinkes'" in " ".join(err.split())


def test_date_cells_of_a_column_read_as_text_are_shown_as_dates(capsys, xlsx, tmp_path):
    """A column mixing date cells and text is read as text, where a date cell comes as
    "1987-02-21 00:00:00"; messages and the error rows show it as the analyst sees it, day
    first. Two messages on one row follow each other as sentences."""
    path = xlsx(
        {
            "pegawai": [
                HEADER,
                row("198609262015051001", gol=datetime(2026, 4, 3), tmt="bukan tanggal"),
                row("198407062006042020", born=date(1990, 2, 21), tmt=date(2030, 1, 1)),
            ]
        }
    )
    errors = tmp_path / "galat.xlsx"
    code, out, _ = cli(capsys, "validate", str(path), "--errors", str(errors), "--json")
    assert code == 1
    messages = {i["code"]: i["message"] for i in json.loads(out)["issues"]}
    assert "Golongan '03-04-2026' tidak dikenali" in messages["golongan-unknown"]
    listed = list(load_workbook(errors).worksheets[0].iter_rows(values_only=True))
    assert listed[0][:7] == tuple(["Baris", *HEADER[:5], "TMT Jabatan"])
    first, second = listed[1], listed[2]
    assert first[3] == "03-04-2026" and first[6] == "bukan tanggal"
    assert second[6:8] == ("01-01-2030", datetime(1990, 2, 21))  # a date column: date cells
    assert ".; " not in second[-1] and "(06-07-1984). TMT jabatan 01-01-2030" in second[-1]


def test_existing_output_needs_force(capsys, xlsx, tmp_path):
    path = xlsx({"pegawai": [HEADER, row("198609262015131001")]})
    dest = tmp_path / "galat.xlsx"
    dest.write_bytes(b"keep me")
    code, _, err = cli(capsys, "validate", str(path), "--errors", str(dest))
    assert code == 1 and "--force" in err and dest.read_bytes() == b"keep me"
    code, _, _ = cli(capsys, "validate", str(path), "--errors", str(dest), "--force")
    assert code == 1 and dest.read_bytes() != b"keep me"


def test_bad_config_is_a_usage_error(capsys, tmp_path, xlsx):
    config = tmp_path / "mutasi.toml"
    config.write_text("[abk]\nwke_minutes = 'banyak'\n", encoding="utf-8")
    path = xlsx({"pegawai": [HEADER, row("198609262015051001")]})
    code, _, err = cli(capsys, "validate", str(path), "--config", str(config))
    assert code == 2 and "wke_minutes" in err


def test_unknown_config_key_is_warned(capsys, tmp_path, xlsx):
    config = tmp_path / "mutasi.toml"
    config.write_text("[abk]\nwke_menit = 75000\n", encoding="utf-8")
    path = xlsx({"pegawai": [HEADER, row("198609262015051001")]})
    code, _, err = cli(capsys, "validate", str(path), "--config", str(config))
    assert code == 0 and "abk.wke_menit" in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "Tidak ada nama unit kerja yang sama"), ("en", "share no unit name")],
)
def test_roster_and_map_without_a_shared_unit(capsys, xlsx, tmp_path, lang, expected):
    roster = xlsx({"pegawai": [HEADER, row("198609262015051001", unit="BKPSDM")]}, "p.xlsx")
    positions = xlsx(
        {
            "jabatan": [
                ["Unit Kerja", "Jabatan", "Kebutuhan"],
                ["Dinas Sosial", "Pekerja Sosial", 2],
            ]
        },
        "j.xlsx",
    )
    code, out, err = cli(
        capsys,
        "analyze-needs",
        "--pegawai",
        str(roster),
        "--jabatan",
        str(positions),
        "--per",
        "2026-12-01",
        "--out",
        str(tmp_path / "a.xlsx"),
        "--lang",
        lang,
        "--json",
    )
    assert code == 1 and not (tmp_path / "a.xlsx").exists()
    assert expected in err and "BKPSDM" in err and "Dinas Sosial" in err
    assert json.loads(out)["exit_code"] == 1 and expected in json.loads(out)["error"]


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (["propose", "--max-moves", "abc"], "id", "Nilai tidak sah untuk '--max-moves'"),
        (["propose", "--max-moves", "abc"], "en", "Invalid value for '--max-moves'"),
        (["analyze-needs", "--bogus"], "id", "--bogus"),
    ],
)
def test_a_usage_error_click_finds_is_still_one_json_object(capsys, args, lang, expected):
    """docs/batch.md: with --json the summary always carries exit_code. A wrong option value or
    an unknown option (found by Click before any command runs) printed nothing on stdout, and
    a script piping to jq got empty input. Now: the message on stderr as before, and one JSON
    object on stdout with exit code 2, in the run's language."""
    code, out, err = cli(capsys, *args, "--json", "--lang", lang)
    payload = json.loads(out)
    assert code == 2 and payload["exit_code"] == 2 and payload["code"] == "usage"
    assert expected in payload["error"] and payload["outputs"] == []
    assert expected in err and len(out.strip().splitlines()) == 1
    code, out, err = cli(capsys, *args, "--lang", lang)  # without --json: stdout stays empty
    assert code == 2 and out == "" and expected in err
