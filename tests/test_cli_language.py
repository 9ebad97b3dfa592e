"""One language at a time on the command line (issue 11): help, framework strings, messages,
plurals, file errors that name the file, issue labels beside codes, swapped and empty inputs."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from mutasi_cli.cli import app, main
from mutasi_cli.cli.language import _walk, localize
from mutasi_cli.i18n import _catalogue
from mutasi_cli.issues import MESSAGES

NIP_A = "198609262015051001"
HEADER = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]
COMMANDS = ("sample-data", "init", "validate", "analyze-needs", "propose", "finalize")
COMMANDS += ("evaluate", "monitor", "demo")
# What Click/Typer print in English, and the programmer metavars Typer shows by default.
ENGLISH_FRAMEWORK = ("Usage:", "Options:", "Arguments:", "Show this message", "[default:")
PROGRAMMER = re.compile(r"<(?:path|str|int|int range|bool|list\[Path\])>")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def roster(xlsx, rows=None):
    return xlsx({"pegawai": [HEADER, *(rows or [[NIP_A, "Budi", "III/a", "Analis", "BKPSDM"]])]})


@pytest.mark.parametrize("command", ("", *COMMANDS))
def test_indonesian_help_has_no_english_framework_text(capsys, command):
    code, out, _ = cli(capsys, *([command] if command else []), "--help")
    assert code == 0
    assert "Cara pakai: mutasi" in out and "Opsi:" in out
    assert "Tampilkan bantuan ini lalu keluar." in out
    for english in ENGLISH_FRAMEWORK:
        assert english not in out
    assert not PROGRAMMER.search(out), PROGRAMMER.search(out)


def test_indonesian_help_names_values_with_words(capsys):
    _, out, _ = cli(capsys, "validate", "--help")
    assert "[BERKAS]..." in out and "--per TANGGAL" in out and "--annotate BERKAS" in out
    _, out, _ = cli(capsys, "analyze-needs", "--help")
    assert "--horizon ANGKA" in out and "[bawaan: 5; 1<=x<=40]" in out


@pytest.mark.parametrize(
    "args", [("--lang", "en", "--help"), ("propose", "--lang", "en", "--help")]
)
def test_lang_en_switches_the_whole_help(capsys, args):
    code, out, _ = cli(capsys, *args)
    assert code == 0
    assert "Usage: mutasi" in out and "Show this message and exit." in out
    for indonesian in ("Cara pakai", "Opsi:", "berkas", "Tanggal acuan", "bawaan"):
        assert indonesian not in out
    assert not PROGRAMMER.search(out)


def test_mutasi_lang_environment_variable(capsys, monkeypatch):
    monkeypatch.setenv("MUTASI_LANG", "en")
    _, out, _ = cli(capsys, "analyze-needs", "--help")
    assert "Staffing needs per unit and position." in out and "--per DATE" in out
    monkeypatch.setenv("MUTASI_LANG", "id")
    _, out, _ = cli(capsys, "analyze-needs", "--help")
    assert "Analisis kebutuhan pegawai per unit dan jabatan." in out


def test_every_help_text_has_its_english():
    import typer

    from mutasi_cli.cli import _register

    _register()
    command = typer.main.get_command(app)
    english = {pair[0] for key, pair in _catalogue().items() if key.startswith("cli.help.")}
    texts = {
        text
        for cmd in _walk(command)
        for text in [cmd.help, *(getattr(p, "help", None) for p in cmd.params)]
        if text
    }
    assert texts - english == set()
    localize(command, "en")
    assert all(cmd.help not in english or cmd.help is None for cmd in _walk(command))


def test_usage_errors_in_one_language(capsys):
    code, _, err = cli(capsys, "validate", "--bogus")
    assert code == 2
    assert "Galat: Opsi tidak dikenal: --bogus" in err and "Coba 'mutasi validate --help'" in err
    assert "Error" not in err and "Usage" not in err
    code, _, err = cli(capsys, "analyze-needs", "--horizon", "x", "--lang", "en")
    assert code == 2 and "Error: Invalid value for '--horizon'" in err
    code, _, err = cli(capsys, "analyze-needs", "--horizon", "99")
    assert code == 2 and "harus paling besar 40" in err


def test_root_lang_reaches_the_command(capsys, xlsx):
    path = roster(xlsx, [[NIP_A, "Budi", "Z/z", "Analis", "BKPSDM", "01-01-2020"]])
    code, out, _ = cli(capsys, "--lang", "en", "validate", str(path), "--json")
    found = next(i for i in json.loads(out)["issues"] if i["code"] == "golongan-unknown")
    assert code == 1 and found["message"].startswith("Grade 'Z/z'")


def test_plurals_in_both_languages(capsys, xlsx):
    path = roster(xlsx, [[NIP_A, "Budi", "Z/z", "Analis", "BKPSDM", "01-01-2020"]])
    _, _, err = cli(capsys, "validate", str(path), "--lang", "en", "--per", "2026-01-01")
    assert "1 error and 0 warnings in 1 file." in err
    _, _, err = cli(capsys, "validate", str(path), str(path), "--lang", "en", "--per", "2026-01-01")
    assert "2 errors and 0 warnings in 2 files." in err
    _, _, err = cli(capsys, "validate", str(path), "--per", "2026-01-01")
    assert "1 galat dan 0 peringatan dalam 1 berkas." in err


def test_issue_tables_show_the_label_beside_the_code(capsys, xlsx):
    path = roster(xlsx, [[NIP_A, "Budi", "Z/z", "Analis", "BKPSDM", "01-01-2020"]])
    _, _, err = cli(capsys, "validate", str(path), "--per", "2026-01-01")
    flat = " ".join(err.replace("│", " ").split())
    assert "Golongan tidak" in flat and "dikenali" in flat
    _, _, err = cli(capsys, "validate", str(path), "--per", "2026-01-01", "--lang", "en")
    assert "Grade not" in " ".join(err.replace("│", " ").split())


def test_every_issue_code_has_a_label():
    labels = _catalogue()
    assert [c for c in MESSAGES if f"issue.{c}" not in labels] == []


def test_missing_files_are_named(capsys, tmp_path):
    missing = tmp_path / "tidak-ada.xlsx"
    code, out, err = cli(capsys, "validate", str(missing), "--json")
    issue = json.loads(out)["issues"][0]
    assert code == 1 and issue["code"] == "file-missing"
    assert issue["message"].startswith("tidak-ada.xlsx: ") and issue["value"] == str(missing)
    code, _, err = cli(capsys, "finalize", str(missing), "--lang", "en")
    assert code == 1
    assert f"Error: File {missing} not found." in err
    assert "os error" not in err and "Save the file again" not in err


# --- what a file is, through the commands ---------------------------------------------------------


def test_swapped_inputs_stop_with_a_message_naming_the_kind(capsys, xlsx, tmp_path):
    roster_path = roster(xlsx, [[NIP_A, "Budi", "III/a", "Analis", "BKPSDM", "01-01-2020"]])
    jabatan = xlsx(
        {"jabatan": [["Unit Kerja", "Jabatan", "Kebutuhan"], ["BKPSDM", "Analis", 2]]},
        name="jabatan.xlsx",
    )
    code, out, err = cli(
        capsys, "analyze-needs", "--pegawai", str(jabatan), "--jabatan", str(roster_path),
        "--out", str(tmp_path / "out.xlsx"),
    )  # fmt: skip
    assert code == 1
    assert "tampaknya peta jabatan, bukan data pegawai" in err
    assert str(jabatan) in err
    assert not (tmp_path / "out.xlsx").exists()


def test_header_only_roster(capsys, xlsx, tmp_path):
    path = xlsx({"pegawai": [HEADER]})
    code, out, _ = cli(capsys, "validate", str(path), "--json")
    summary = json.loads(out)
    assert code == 1
    assert [i["code"] for i in summary["issues"]] == ["table-empty"]
    jabatan = xlsx(
        {"jabatan": [["Unit Kerja", "Jabatan", "Kebutuhan"], ["BKPSDM", "Analis", 2]]},
        name="jabatan.xlsx",
    )
    code, _, err = cli(
        capsys, "analyze-needs", "--pegawai", str(path), "--jabatan", str(jabatan),
        "--out", str(tmp_path / "o.xlsx"), "--lang", "en",
    )  # fmt: skip
    assert code == 1 and "holds a header and no data rows" in err


def test_validate_json_reports_what_was_understood(capsys, tmp_path):
    path = tmp_path / "siasn.csv"
    path.write_text(
        "nip_baru,nama,gol_akhir_nama,jabatan_nama,unor_nama,tmt_jabatan,agama_nama\n"
        f"{NIP_A},Budi,III/a,Analis,BKPSDM,01-01-2020,Islam\n",
        encoding="utf-8",
    )
    code, out, _ = cli(capsys, "validate", str(path), "--json", "--per", "2026-01-01")
    (row,) = json.loads(out)["files"]
    assert code == 0
    assert (row["table"], row["sheet"], row["header_row"], row["rows"]) == (
        "pegawai",
        "siasn",
        1,
        1,
    )
    assert row["columns"]["golongan"] == "gol_akhir_nama"
    assert row["columns"]["unit_kerja"] == "unor_nama"
    assert row["unmapped"] == ["agama_nama"]

    code, _, err = cli(capsys, "validate", str(path), "--verbose", "--per", "2026-01-01")
    assert "dibaca sebagai pegawai" in err and "gol_akhir_nama" in err
    assert "(tidak dipakai)" in err and "agama_nama" in err


def test_future_tmt_jabatan_is_reported_once(capsys, xlsx):
    path = roster(xlsx, [[NIP_A, "Budi", "III/a", "Analis", "BKPSDM", date(2030, 1, 1)]])
    _, out, _ = cli(capsys, "validate", str(path), "--json", "--per", "2026-01-01")
    codes = [i["code"] for i in json.loads(out)["issues"]]
    assert codes == ["tmt-jabatan-future"]


def test_hint_row_is_info_not_a_problem(capsys, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        ";".join(HEADER) + "\n(18 digit);(teks);(teks);(teks);(teks);(HH-BB-TTTT)\n"
        f"{NIP_A};Budi;III/a;Analis;BKPSDM;01-01-2020\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "validate", str(path), "--per", "2026-01-01")
    assert code == 0
    assert "0 galat dan 0 peringatan dalam 1 berkas." in err
    assert "Baris petunjuk" in " ".join(err.replace("│", " ").split())


def test_english_labels_count_in_the_singular_after_one():
    from mutasi_cli.i18n import t

    assert "has 1 row that" in t("cli.error.rejected_rows", "en", count=1)
    assert "has 11 rows that" in t("cli.error.rejected_rows", "en", count=11)
    assert t("common.written_many", "en", n=1, folder="x") == "Written: 1 file in x"
    assert "1 baris" in t("cli.error.rejected_rows", "id", count=1)


def test_an_empty_optional_input_is_a_warning_and_the_run_goes_on(capsys, xlsx, tmp_path):
    roster_path = roster(xlsx, [[NIP_A, "Budi", "III/a", "Analis", "BKPSDM", "01-01-2020"]])
    jabatan = xlsx(
        {"jabatan": [["Unit Kerja", "Jabatan", "Kebutuhan"], ["BKPSDM", "Analis", 2]]},
        name="jabatan.xlsx",
    )
    abk = xlsx({"abk": [["Unit Kerja", "Jabatan", "Volume", "Norma Waktu"]]}, name="abk.xlsx")
    code, out, _ = cli(
        capsys, "analyze-needs", "--pegawai", str(roster_path), "--jabatan", str(jabatan),
        "--beban-kerja", str(abk), "--out", str(tmp_path / "o.xlsx"), "--json",
        "--per", "2026-01-01",
    )  # fmt: skip
    summary = json.loads(out)
    assert code == 0 and summary["input_warnings"] >= 1 and summary["input_errors"] == 0
    assert (tmp_path / "o.xlsx").exists()
