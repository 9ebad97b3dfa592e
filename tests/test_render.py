"""HTML rendering, locale formatting and the rich console tables."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from jinja2 import UndefinedError
from rich.console import Console

from mutasi_cli.errors import MutasiError
from mutasi_cli.issues import Issue
from mutasi_cli.reports.console import frame_table, issues_table, key_values, make_console
from mutasi_cli.reports.format import format_date, format_number, format_pct, format_value
from mutasi_cli.reports.render import render_html, templates_dir, write_html

CHILD = """{% extends "base.html.j2" %}
{% block title %}Analisis Kebutuhan{% endblock %}
{% block subtitle %}Kota {{ city }}{% endblock %}
{% block content %}<p class="n">{{ total | id_number }}</p><p class="p">{{ share | pct(2) }}</p>
<p class="d">{{ when | id_date }}</p><p class="u">{{ unit }}</p><p class="t">{{ t("common.total") }}</p>
{% endblock %}
"""


@pytest.fixture
def template_dir(tmp_path: Path) -> Path:
    (tmp_path / "needs.html.j2").write_text(CHILD, encoding="utf-8")
    return tmp_path


def context() -> dict[str, object]:
    return {
        "city": "Salatiga",
        "total": 1234.5,
        "share": 92.5926,
        "when": date(2026, 12, 1),
        "unit": "Dinas <b>&",
        "per": date(2026, 12, 1),
        "version": "0.1.0",
    }


def test_number_and_date_formatting() -> None:
    assert format_number(1234.5) == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(np.int64(1_234_567)) == "1.234.567"
    assert format_number(2, digits=2) == "2,00"
    assert format_number(0.125, digits=0) == "0"
    assert format_pct(92.5926, digits=2) == "92,59%"
    assert format_date(date(2026, 12, 1)) == "1 Desember 2026"
    assert format_date(pd.Timestamp("2026-08-17"), "en") == "17 August 2026"
    assert format_date("2026-01-31") == "31 Januari 2026"
    for missing in (None, np.nan, pd.NA, pd.NaT):
        assert format_value(missing) == "–"
    assert format_value(np.bool_(True)) == "Ya" and format_value(False, "en") == "No"
    assert format_value(datetime(2026, 12, 1, 8, 0)) == "1 Desember 2026"


def test_templates_dir_is_the_repository_folder_in_a_source_tree() -> None:
    assert (templates_dir() / "base.html.j2").is_file()


def test_render_child_of_base(template_dir: Path) -> None:
    html = render_html("needs.html.j2", context(), template_dir=template_dir)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="id">' in html
    assert "<title>Analisis Kebutuhan</title>" in html and "<h1>Analisis Kebutuhan</h1>" in html
    assert '<p class="subtitle">Kota Salatiga</p>' in html
    assert "Tanggal acuan: 1 Desember 2026" in html
    assert '<p class="n">1.234,5</p>' in html and '<p class="p">92,59%</p>' in html
    assert '<p class="d">1 Desember 2026</p>' in html
    assert '<p class="u">Dinas &lt;b&gt;&amp;</p>' in html  # autoescaped
    assert '<p class="t">Jumlah</p>' in html
    assert "Dibuat dengan mutasi 0.1.0." in html


def test_base_is_offline_and_printable(template_dir: Path) -> None:
    html = render_html("needs.html.j2", context(), template_dir=template_dir)
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert "http://" not in html and "https://" not in html
    assert "@page { size: A4; margin: 15mm; }" in html
    assert "page-break-inside: avoid" in html
    for status in (".kurang", ".lebih", ".sesuai", ".meningkat", ".menurun", ".stabil"):
        assert status in html


def test_render_in_english(template_dir: Path) -> None:
    html = render_html("needs.html.j2", context(), template_dir=template_dir, lang="en")
    assert '<p class="n">1,234.5</p>' in html and "Reference date: 1 December 2026" in html
    assert '<html lang="en">' in html and '<p class="t">Total</p>' in html


def test_a_custom_template_missing_a_variable_is_a_message_naming_it(template_dir: Path) -> None:
    """A --template-dir template is the analyst's: its errors are a message naming the file and
    the variable (they were an internal-error traceback); one of the packaged templates stays a
    bug (UndefinedError)."""
    incomplete = {k: v for k, v in context().items() if k != "city"}
    with pytest.raises(MutasiError) as caught:
        render_html("needs.html.j2", incomplete, template_dir=template_dir)
    assert caught.value.code == "bad-template"
    assert "city" in caught.value.message and "needs.html.j2" in caught.value.message
    (template_dir / "needs.html.j2").write_text("{{ total ", encoding="utf-8")
    with pytest.raises(MutasiError, match="needs.html.j2"):
        render_html("needs.html.j2", context(), template_dir=template_dir)
    with pytest.raises(UndefinedError):
        render_html("needs_report.html.j2", {"per": date(2026, 12, 1)})


@pytest.mark.parametrize(
    "reach",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() | length }}",
        "{{ lang.__class__.__base__ }}",
        "{{ t.func.__globals__ }}",
        "{{ id_number.__init__ }}",
    ],
)
def test_a_custom_template_cannot_reach_python(tmp_path: Path, reach: str) -> None:
    """Templates render in Jinja's sandbox: one from --template-dir (a file passed between
    offices) listed Python's 1,282 classes through "".__class__.__mro__, the way to run any
    code on the analyst's machine."""
    (tmp_path / "base.html.j2").write_text(reach, encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        render_html("base.html.j2", {}, template_dir=tmp_path)
    assert caught.value.code == "bad-template" and "unsafe" in caught.value.message


def test_template_dir_overrides_packaged_template(tmp_path: Path) -> None:
    (tmp_path / "base.html.j2").write_text("kantor {{ lang }}", encoding="utf-8")
    assert render_html("base.html.j2", {}, template_dir=tmp_path) == "kantor id"


def test_write_html_is_atomic_and_refuses_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "laporan" / "kebutuhan.html"
    write_html(target, "<p>satu</p>")
    assert target.read_text(encoding="utf-8") == "<p>satu</p>"
    with pytest.raises(MutasiError, match="sudah ada"):
        write_html(target, "<p>dua</p>")
    write_html(target, "<p>dua</p>", force=True)
    assert target.read_text(encoding="utf-8") == "<p>dua</p>"
    assert [p.name for p in target.parent.iterdir()] == ["kebutuhan.html"]


def render(table) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(table)
    return console.export_text()


def test_issues_table_groups_by_code() -> None:
    issues = [
        Issue("golongan-unknown", cell="pegawai!D7", value="III/z"),
        *(
            Issue("nip-invalid-length", cell=f"pegawai!A{r}", params={"digits": 17})
            for r in range(2, 7)
        ),
        Issue("column-unmapped", params={"header": "Hobi [lama]"}),
    ]
    table = issues_table(issues)
    rows = list(zip(*(column.cells for column in table.columns), strict=True))
    assert [str(r[1]) for r in rows] == [  # the label beside the code (issue 11)
        "Panjang NIP salah (nip-invalid-length)",
        "Golongan tidak dikenali (golongan-unknown)",
        "Kolom tidak dikenali (column-unmapped)",
    ]
    assert str(rows[0][0]) == "Galat" and str(rows[0][2]) == "5"
    assert str(rows[0][3]) == "pegawai!A2, pegawai!A3, pegawai!A4, …"
    assert str(rows[0][4]) == "NIP harus 18 digit (ditemukan 17 digit)."
    assert str(rows[2][0]) == "Peringatan"
    assert "Hobi [lama]" in render(table)  # brackets are not taken as markup


def test_key_values_and_frame_table_localise_numbers() -> None:
    text = render(key_values("Ringkasan", [("Kebutuhan", 1234.5), ("Per", date(2026, 12, 1))]))
    assert "1.234,5" in text and "1 Desember 2026" in text
    frame = pd.DataFrame({"Unit": [f"Dinas {i}" for i in range(12)], "Selisih": [-1500.25] * 12})
    table = frame_table("Kebutuhan", frame, max_rows=10)
    assert [c.justify for c in table.columns] == ["left", "right"]
    assert len(table.rows) == 10
    text = render(table)
    assert "-1.500,25" in text and "… dan 2 baris lagi" in text


def test_console_goes_to_stderr_and_is_silent_when_quiet(capsys, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    console = make_console(quiet=False, json_mode=True)
    console.print("[bold]halo[/bold] 123")
    out = capsys.readouterr()
    assert out.out == "" and out.err == "halo 123\n"  # no colour codes off a terminal
    make_console(quiet=True, json_mode=False).print("diam")
    assert capsys.readouterr().err == ""


def test_a_custom_template_too_large_is_refused_unread(tmp_path: Path) -> None:
    """Jinja reads and compiles a template whole: one from --template-dir above a megabyte (the
    packaged ones are a few KB) is refused before it is read, an included one too."""
    from mutasi_cli.reports import render

    (tmp_path / "base.html.j2").write_text("x" * ((1 << 20) + 1), encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        render_html("base.html.j2", {}, template_dir=tmp_path)
    assert caught.value.code == "bad-template" and "MB" in caught.value.message
    (tmp_path / "laporan.html.j2").write_text('{% include "base.html.j2" %}', encoding="utf-8")
    with pytest.raises(MutasiError, match="MB"):
        render_html("laporan.html.j2", {}, template_dir=tmp_path)
    small = tmp_path / "kecil"
    small.mkdir()
    (small / "base.html.j2").write_text("{{ lang }}", encoding="utf-8")
    assert render_html("base.html.j2", {}, template_dir=small) == "id"
    assert render.TEMPLATE_MAX_BYTES == 1 << 20


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ 'x' | round }}", "TypeError"),
        ("{{ none + 1 }}", "TypeError"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "RecursionError"),
        ("{{ 10.0 ** 1000 }}", "OverflowError"),
    ],
)
def test_a_custom_template_that_fails_while_rendering_is_a_message_with_its_line(
    tmp_path: Path, body: str, says: str
) -> None:
    """A --template-dir template that divides by zero or gives a filter the wrong type ended in
    an internal-error traceback (only Jinja's own errors were caught): it is the analyst's
    file, so a ``bad-template`` message naming the error and the template's line."""
    (tmp_path / "base.html.j2").write_text(f"<p>\n{body}\n</p>", encoding="utf-8")
    with pytest.raises(MutasiError) as caught:
        render_html("base.html.j2", {}, template_dir=tmp_path)
    assert caught.value.code == "bad-template"
    assert says in caught.value.message and "base.html.j2" in caught.value.message
    assert "baris 2" in caught.value.message


@pytest.mark.parametrize(
    "bomb",
    [
        "{{ ('a' * 10**12) | length }}",
        "{{ ([0] * 10**12) | length }}",
        "{{ ('a' * 10**6 * 10**6) | length }}",
        "{{ 'a' | center(10**12) }}",
        "{{ 'a' | indent(10**12) }}",
        "{{ 'a'.center(10**12) }}",
        "{{ 'a'.ljust(10**12) }}",
        "{{ '%0999999999d' | format(1) }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ [1, 2] | batch(10**12, 0) | list | length }}",
        "{{ 7 ** (10**12) }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s | replace('a', ns.s) %}{% endfor %}{{ ns.s | length }}",
        "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('ab') }}",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    ],
)
def test_a_custom_template_cannot_take_all_memory_or_loop_for_hours(
    tmp_path: Path, bomb: str
) -> None:
    """Jinja's sandbox stops a template reaching Python, not asking for 10^12 characters or
    10^10 loop steps: each of these took the machine's memory or ran for hours (measured with
    a smaller exponent). Bounded now (reports.sandbox): a message within a second."""
    import time

    (tmp_path / "base.html.j2").write_text(bomb, encoding="utf-8")
    started = time.process_time()
    with pytest.raises(MutasiError) as caught:
        render_html("base.html.j2", {}, template_dir=tmp_path)
    assert caught.value.code == "bad-template"
    assert "SecurityError" in caught.value.message or "RecursionError" in caught.value.message
    assert time.process_time() - started < 10


def test_the_bounds_leave_ordinary_templates_alone(tmp_path: Path) -> None:
    """What a report template does (loops, filters, arithmetic, a NIP in a % format, a long
    table, a budget in rupiah through a filter or a macro) still renders the same under the
    bounds."""
    rows = [{"nip": f"19850315201001{i:04d}", "nama": f"Pegawai {i}"} for i in range(20_000)]
    (tmp_path / "base.html.j2").write_text(
        "{% set ns = namespace(total=0) %}{% for r in rows %}{% set ns.total = ns.total + 1 %}"
        "<tr><td>{{ '%s' % r.nip }}</td><td>{{ r.nama | upper | center(20) }}</td></tr>"
        "{% endfor %}{{ ns.total }} {{ 2 ** 10 }} {{ '-' * 80 }} {{ range(1000) | sum }}"
        "{{ 'NIP 198503152010011002: %s' % 'x' }}"
        "{% macro rp(x) %}Rp{{ x }}{% endmacro %}{{ rp(1500000000) }} {{ budget | round | int }}"
        " {{ '50% 1234567 orang' | upper }}",
        encoding="utf-8",
    )
    html = render_html(
        "base.html.j2", {"rows": rows, "budget": 2_500_000_000}, template_dir=tmp_path
    )
    assert "Rp1500000000 2500000000 50% 1234567 ORANG" in html
    assert html.count("<tr>") == 20_000 and "198503152010010042" in html
    assert "20000 1024 " + "-" * 80 + " 499500" in html
    assert "NIP 198503152010011002: x" in html and "  PEGAWAI 7   " in html


def test_a_custom_template_looping_for_hours_over_its_own_list_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loops over a list the template built itself escape the range count: three nested loops
    over 1,000 items are 10^9 steps, hours. A template from --template-dir renders under a time
    limit (300 s; half a second here) and is then ``bad-template``; the packaged ones have
    none."""
    import time

    from mutasi_cli.reports import sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    (tmp_path / "base.html.j2").write_text(
        "{% set items = range(1000) | list %}{% for a in items %}{% for b in items %}"
        "{% for c in items %}{% endfor %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    started = time.monotonic()
    with pytest.raises(MutasiError) as caught:
        render_html("base.html.j2", {}, template_dir=tmp_path)
    assert caught.value.code == "bad-template" and "0 s to render" in caught.value.message
    assert time.monotonic() - started < 5
    (tmp_path / "base.html.j2").write_text("{{ 1 + 1 }}", encoding="utf-8")
    assert render_html("base.html.j2", {}, template_dir=tmp_path) == "2"
    time.sleep(1)  # the timer of the render that finished never fires


def test_the_time_limit_holds_in_a_process_started_with_ctrl_c_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shell starts a batch script's background job (``mutasi finalize ... &``) with Ctrl-C
    ignored; the time limit interrupts the render as Ctrl-C would, and did nothing there: the
    loop ran to its end (hours for a real one). Python's handler is put in place for the render
    and the process's own (ignored) restored after it."""
    import signal

    from mutasi_cli.reports import sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.3)
    (tmp_path / "base.html.j2").write_text(
        "{% set items = range(600) | list %}{% for a in items %}{% for b in items %}"
        "{% for c in items %}{% endfor %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )  # 216 million steps: about 5 s
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with pytest.raises(MutasiError) as caught:
            render_html("base.html.j2", {}, template_dir=tmp_path)
        assert caught.value.code == "bad-template" and "to render" in caught.value.message
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_custom_template_writing_without_end_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each value within the bound, a loop over the people of the context could still write
    500 GB (10 million characters each for 50,000 people). A template from --template-dir
    writes at most MAX_OUTPUT characters (100 million; a million here); a report below it is
    whole."""
    from mutasi_cli.reports import sandbox

    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 1_000_000)
    (tmp_path / "base.html.j2").write_text(
        "{% for r in rows %}{{ 'a' * 99999 }}|{% endfor %}", encoding="utf-8"
    )
    with pytest.raises(MutasiError) as caught:
        render_html("base.html.j2", {"rows": range(50_000)}, template_dir=tmp_path)
    assert caught.value.code == "bad-template" and "1,000,000 characters" in caught.value.message
    html = render_html("base.html.j2", {"rows": range(9)}, template_dir=tmp_path)
    assert html == ("a" * 99999 + "|") * 9
