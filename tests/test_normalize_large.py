"""Many bad cells stay cheap and readable: issues listed per code and column up to a cap, the rest
summarised in one issue with its count and rows; duplicate NIPs reported in linear space."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from mutasi_cli.cli import main
from mutasi_cli.io.normalize import normalize
from mutasi_cli.io.read import LoadedTable
from mutasi_cli.issues import count
from mutasi_cli.settings import NormalizeSettings, Settings

PER = date(2025, 1, 1)
N1 = "198609262015051001"


def loaded(frame: pd.DataFrame, first_row: int = 2) -> LoadedTable:
    """A pegawai LoadedTable as io.read builds it (column A holds the NIP)."""
    return LoadedTable(
        table="pegawai",
        path=Path("pegawai.xlsx"),
        sheet="pegawai",
        frame=frame,
        excel_rows=np.arange(first_row, first_row + len(frame)),
        col_index={c: i for i, c in enumerate(frame.columns)},
        headers={c: c.upper() for c in frame.columns},
        numeric_cells={},
        issues=[],
        header_rows=(first_row - 1, first_row - 1),
        unmapped=[],
        sha256="",
    )


def people(n: int, nip: list[str] | str, tmt: list[object] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip": nip if isinstance(nip, list) else [nip] * n,
            "nama": [f"Pegawai {i}" for i in range(n)],
            "golongan": ["III/a"] * n,
            "jabatan": ["Analis Kepegawaian Ahli Muda"] * n,
            "unit_kerja": ["BKPSDM"] * n,
            "tmt_jabatan": tmt or ["01-07-2020"] * n,
        }
    )


def listed_only(settings_listed: int) -> Settings:
    return Settings(normalize=NormalizeSettings(issues_listed=settings_listed))


def test_one_nip_filled_down_twenty_thousand_rows():
    n = 20_000
    tracemalloc.start()
    result = normalize(loaded(people(n, N1)), per=PER)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    duplicates = [i for i in result.issues if i.code == "nip-duplicate"]
    one_by_one = [i for i in duplicates if not i.rows]
    [summary] = [i for i in duplicates if i.rows]
    assert len(result.frame) == 1 and len(result.rejected) == n - 1
    assert len(one_by_one) == NormalizeSettings().issues_listed
    assert summary.rows == tuple(range(2 + len(one_by_one), 2 + n))  # every other copy, by row
    assert count(result.issues, "error") == n  # the summary counts every cell it stands for
    first = one_by_one[0].message("id")
    assert first.startswith("NIP ini muncul lebih dari sekali (baris 2, 3, 4,")
    assert first.endswith(", 21, … dan 19980 lainnya).")  # the first 20 rows, then a count
    assert max(len(i.message("id")) for i in duplicates) < 400  # not 125 KB of row numbers
    assert peak < 300 * 2**20  # was 20,000 x 125 KB of text: gigabytes


def test_cap_per_code_and_column_with_one_summary():
    bad_nips = [N1[:-1]] * 30  # 17 digits
    tmt = ["bukan tanggal"] * 7 + ["01-07-2020"] * 23
    result = normalize(loaded(people(30, bad_nips, tmt)), per=PER, settings=listed_only(5))

    length = [i for i in result.issues if i.code == "nip-invalid-length"]
    assert [i.row for i in length if not i.rows] == [2, 3, 4, 5, 6]
    [summary] = [i for i in length if i.rows]
    assert summary.rows == tuple(range(7, 32)) and summary.cells == 25
    assert (summary.cell, summary.value, summary.column, summary.level) == ("", "", "nip", "error")
    assert summary.message("en") == (
        "25 more cells in this column with the same problem (nip-invalid-length) are not listed "
        "one by one; rows: " + ", ".join(map(str, range(7, 27))) + ", …."
    )
    assert length[0].message("en") == "A NIP must have 18 digits (found 17)."  # listed: full
    dates = [i for i in result.issues if i.code == "date-invalid"]
    assert [i.cells for i in dates] == [1, 1, 1, 1, 1, 2]  # its own cap, its own summary
    assert count(result.issues, "error") == 30 + 7


@pytest.fixture
def many_bad(xlsx) -> Path:
    header = ["NIP", "Nama", "Golongan", "Jabatan", "Unit Kerja", "TMT Jabatan"]
    rows = [[N1[:-1], f"Pegawai {i}", "III/a", "Analis", "BKPSDM", "01-07-2020"] for i in range(12)]
    return xlsx({"pegawai": [header, *rows]})


def test_validate_counts_and_lists_every_bad_row_with_a_small_cap(
    capsys, tmp_path: Path, many_bad: Path
):
    config = tmp_path / "mutasi.toml"
    config.write_text("[normalize]\nissues_listed = 3\n", encoding="utf-8")
    errors = tmp_path / "galat.xlsx"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "validate",
                str(many_bad),
                "--json",
                "--config",
                str(config),
                "--errors",
                str(errors),
                "--lang",
                "en",
            ]
        )
    summary = json.loads(capsys.readouterr().out)
    assert exit_info.value.code == 1
    assert summary["errors"] == 12 and summary["files"][0]["errors"] == 12
    assert [i["cell"] for i in summary["issues"]] == ["pegawai!A2", "pegawai!A3", "pegawai!A4", ""]
    assert summary["issues"][-1]["message"].startswith("9 more cells in this column")
    sheet = load_workbook(errors).worksheets[0]
    listed = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert listed == list(range(2, 14))  # every failing row, the summarised ones too


def test_future_dates_capped_too():
    nips = [f"1986092620150510{i:02d}" for i in range(30)]
    result = normalize(
        loaded(people(30, nips, ["01-07-2030"] * 30)), per=PER, settings=listed_only(5)
    )
    future = [i for i in result.issues if i.code == "date-future"]
    assert [i.cell for i in future[:5]] == [f"pegawai!F{r}" for r in range(2, 7)]
    assert future[5].rows == tuple(range(7, 32)) and future[5].level == "warning"
    assert count(result.issues, "warning") == 30


@pytest.mark.parametrize("order", ["by person", "by period"])
def test_a_nip_repeated_per_quarter_is_seen_as_repeated_in_either_order(order):
    """A performance table lists each NIP once a quarter, person by person (the sample city,
    many exports) or period by period. Either way its NIPs are decoded once per person: the
    evenly spaced sample saw no repeat in a table ordered by person (562,000 NIPs decoded cell
    by cell instead of 50,000), nor in one listing every period in the same order (its step
    never met a value twice). A roster's NIPs stay "distinct"."""
    from mutasi_cli.io import normalize as module

    people = np.random.default_rng(0).permutation(50_000).astype(str)
    quarters = 12
    nips = np.repeat(people, quarters) if order == "by person" else np.tile(people, quarters)
    assert not module._mostly_distinct(pd.Series(nips, dtype="string"))
    assert module._mostly_distinct(pd.Series(people, dtype="string"))


def test_a_column_of_distinct_values_normalises_as_cell_by_cell(monkeypatch):
    """Columns of nearly only distinct values (names, NIPs) skip the per-value hashing at size;
    the result is the one the per-value path gives: cleaned names, placeholders, duplicates."""
    from mutasi_cli.io import normalize as module

    n = 25_000
    i = np.arange(n)
    nips = [
        f"{1960 + k % 30}{1 + k // 30 % 12:02d}{1 + k // 360 % 28:02d}201001{1 + k % 2}{k % 1000:03d}"
        for k in i.tolist()
    ]
    nips[10], nips[20_000] = nips[5], None  # a copy (kept once, reported) and a blank NIP
    names = [f"Pegawai  {k}\u200b" if k % 7 == 0 else f" Pegawai {k} " for k in i.tolist()]
    names[3] = "-"
    frame = people(n, nips)
    frame["nama"] = pd.array(names, dtype="string")
    frame["nip"] = pd.array(nips, dtype="string")

    fast = normalize(loaded(frame), per=PER)
    assert module._mostly_distinct(frame["nama"]) and not module._mostly_distinct(
        frame["unit_kerja"]
    )
    monkeypatch.setattr(module, "_mostly_distinct", lambda values: False)
    monkeypatch.setattr(module, "_codes", lambda nip: pd.factorize(nip)[0])
    slow = normalize(loaded(frame), per=PER)

    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    pd.testing.assert_frame_equal(fast.rejected, slow.rejected)
    assert [(x.code, x.cell, x.value) for x in fast.issues] == [
        (x.code, x.cell, x.value) for x in slow.issues
    ]
    by_row = fast.frame.set_index("excel_row")["nama"]
    assert by_row[2 + 7] == "Pegawai 7" and by_row[2 + 1] == "Pegawai 1"
    assert {x.code for x in fast.issues} >= {"nip-duplicate", "nip-missing", "value-missing"}
    # rejected: the later copy, the blank NIP and the name given as "-"
    assert sorted(fast.rejected["excel_row"]) == [2 + 3, 2 + 10, 2 + 20_000]
