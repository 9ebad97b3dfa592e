"""Inline SVG charts: parsed with ElementTree, checked for counts, positions, text and escaping."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from mutasi_cli.reports.charts import (
    bars,
    diverging_bars,
    interval_plot,
    line_chart,
    nine_box,
    paired_distribution,
)

NS = {"s": "http://www.w3.org/2000/svg"}
NAN = float("nan")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
    return root


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text")]


def by_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{{{NS['s']}}}{tag}") if cls in (el.get("class") or "").split()]


def test_diverging_bars_put_shortage_left_of_the_axis() -> None:
    svg = diverging_bars(
        ["Dinas Pendidikan", "Dinas <b>&", "BKPSDM", "Kosong"],
        [-5, 12.5, 0, NAN],
        title="Selisih per unit",
        positive_label="Lebih",
        negative_label="Kurang",
    )
    root = parse(svg)
    assert root.find("s:title", NS).text == "Selisih per unit"
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    assert "Dinas <b>&" in texts(root)
    (axis,) = by_class(root, "line", "axis")
    zero = float(axis.get("x1"))
    (negative,) = by_class(root, "rect", "negative")
    positives = by_class(root, "rect", "positive")
    assert len(positives) == 2  # 12.5 and a zero-width bar for 0; NaN draws nothing
    assert float(negative.get("x")) + float(negative.get("width")) == zero
    assert float(negative.get("x")) < zero
    assert all(float(bar.get("x")) == zero for bar in positives)
    assert negative.get("fill") == "#c0392b"
    assert {"-5", "12,5", "0", "–", "Kurang", "Lebih"} <= set(texts(root))


def test_bar_lengths_are_proportional_and_unit_shown() -> None:
    root = parse(bars(["A", "B"], [10, 40], title="Jumlah", unit="%", lang="en"))
    widths = [float(b.get("width")) for b in by_class(root, "rect", "bar")]
    assert widths[1] == 4 * widths[0]
    assert {"10%", "40%"} <= set(texts(root))


def test_long_labels_wrap_instead_of_being_cut() -> None:
    name = "Dinas Pekerjaan Umum dan Penataan Ruang Kota Salatiga"
    root = parse(bars([name, "B"], [3, 4], title="x"))
    spans = [el.text for el in root.iter("{http://www.w3.org/2000/svg}tspan")]
    assert " ".join(spans) == name and all(len(s) <= 30 for s in spans) and len(spans) == 2
    assert name in [el.text for el in root.iter("{http://www.w3.org/2000/svg}title")]
    bars_y = [float(b.get("y")) for b in by_class(root, "rect", "bar")]
    assert bars_y[1] - bars_y[0] >= 2 * 13  # the wrapped row is taller: no overlap


def test_long_titles_wrap_and_push_the_chart_down() -> None:
    title = "Efek mutasi per unit tujuan dengan sedikitnya 10 pegawai dimutasi, " * 2
    short = parse(bars(["A"], [1], title="x"))
    root = parse(bars(["A"], [1], title=title.strip()))
    heading = by_class(root, "text", "chart-title")
    assert len(heading) == 2 and " ".join(h.text for h in heading) == title.strip()
    assert float(root.get("height")) == float(short.get("height")) + 18


def test_a_shared_domain_draws_equal_values_equally_long() -> None:
    domain = (-1.0, 34.0)
    small = parse(diverging_bars(["a"], [-1], title="A", positive_label="+", negative_label="-"))
    shared = parse(
        diverging_bars(
            ["a"], [-1], title="A", positive_label="+", negative_label="-", domain=domain
        )
    )
    big = parse(
        diverging_bars(
            ["b"], [34], title="B", positive_label="+", negative_label="-", domain=domain
        )
    )
    width = lambda root: float(by_class(root, "rect", "bar")[0].get("width"))  # noqa: E731
    assert width(small) > 300  # alone, -1 fills the chart
    assert width(big) / width(shared) == pytest.approx(34, rel=0.01)  # coordinates: 0.1 px


def test_interval_plot_points_intervals_and_reference() -> None:
    root = parse(
        interval_plot(
            ["Naik", "Turun", "Tidak pasti", "Belum cukup data"],
            [0.3, -0.2, 0.05, NAN],
            [0.1, -0.5, -0.2, NAN],
            [0.5, -0.05, 0.3, NAN],
            title="Selisih-dalam-selisih",
        )
    )
    points = by_class(root, "circle", "point")
    assert len(points) == 3 and len(by_class(root, "line", "interval")) == 3
    (ref,) = by_class(root, "line", "ref")
    zero = float(ref.get("x1"))
    assert float(points[0].get("cx")) > zero > float(points[1].get("cx"))
    assert [p.get("fill") for p in points] == ["#1e8449", "#c0392b", "#8a94a3"]
    assert "0,30 [0,10; 0,50]" in texts(root) and "–" in texts(root)


def test_paired_distribution_counts_every_score_once() -> None:
    before, after = [3, 4, 4, 5, 2, 3, 4], [4, 4, 5, 5, 3, 4, 5, 5, NAN]
    root = parse(paired_distribution(before, after, title="Skor kinerja", bins=4))
    assert len(by_class(root, "rect", "before")) == 4 and len(by_class(root, "rect", "after")) == 4
    values = [int(el.text) for el in by_class(root, "text", "value")]
    assert sum(values[:4]) == 7 and sum(values[4:]) == 8  # NaN dropped
    headings = [el.text for el in by_class(root, "text", "panel-title")]
    assert headings == ["Sebelum (n = 7; rata-rata 3,57)", "Sesudah (n = 8; rata-rata 4,38)"]


def test_paired_distribution_with_given_edges_and_no_data() -> None:
    root = parse(paired_distribution([], [], title="Kosong", bins=[1, 2, 3], lang="en"))
    assert len(by_class(root, "rect", "bar")) == 4
    assert "Before (n = 0; mean –)" in texts(root)


def test_nine_box_layout_labels_and_counts() -> None:
    root = parse(
        nine_box({9: 3, 5: 40, 1: 2}, title="Peta talenta", labels={9: "Promosi", 1: "Tangani"})
    )
    cells = {int(g.get("data-box")): g for g in by_class(root, "g", "cell")}
    assert sorted(cells) == list(range(1, 10))

    def position(box: int) -> tuple[float, float]:
        rect = cells[box].find("s:rect", NS)
        return float(rect.get("y")), float(rect.get("x"))

    # DOMAIN.md 3.3: top row 6 8 9, middle 3 5 7, bottom 1 2 4 (rows top-down, columns left-right)
    order = sorted(range(1, 10), key=position)
    assert order == [6, 8, 9, 3, 5, 7, 1, 2, 4]
    assert [el.text for el in by_class(cells[5], "text", "count")] == ["40"]
    assert [el.text for el in by_class(cells[7], "text", "count")] == ["0"]
    assert "Promosi" in texts(cells[9]) and "Kotak 9" in texts(cells[9])
    assert {"Tinggi", "Rendah", "Di Bawah Ekspektasi", "Di Atas Ekspektasi"} <= set(texts(root))


def test_nine_box_in_english() -> None:
    root = parse(nine_box({}, title="Talent map", labels={}, lang="en"))
    assert {"Box 4", "High", "Above Expectation", "Performance"} <= set(texts(root))


def test_line_chart_draws_each_series_and_skips_missing_points() -> None:
    root = parse(
        line_chart(
            ["2026", "2027", "2028"],
            {"Pensiun": [10, 12, NAN], "Kebutuhan": [100, 98, 95]},
            title="Proyeksi",
        )
    )
    assert len(by_class(root, "polyline", "series")) == 2
    assert len(by_class(root, "circle", "point")) == 5
    ys = {el.text: float(el.get("y")) for el in by_class(root, "text", "value")}
    assert ys["100"] < ys["12"] < ys["10"]  # higher values drawn higher
    assert {"2026", "2028", "Pensiun", "Kebutuhan"} <= set(texts(root))


def test_charts_are_deterministic_and_handle_empty_input() -> None:
    def draw() -> str:
        return diverging_bars(
            ["A", "B"], [-1 / 3, math.pi], title="t", positive_label="+", negative_label="-"
        )

    assert draw() == draw()
    assert "Tidak ada data" in texts(parse(bars([], [], title="Kosong")))
    assert "No data" in texts(parse(line_chart([], {}, title="Empty", lang="en")))


def test_a_long_chart_comes_in_page_sized_parts_on_one_scale() -> None:
    from mutasi_cli.reports.charts import chunked

    labels = [f"Unit {i}" for i in range(45)]  # three parts of 15
    values = [-1.0] * 44 + [34.0]
    svg = chunked(
        diverging_bars,
        labels,
        values,
        title="Selisih",
        max_rows=15,
        positive_label="+",
        negative_label="-",
    )
    parts = [parse(p) for p in svg.replace("</svg><svg", "</svg>\n<svg").split("\n")]
    assert len(parts) == 3
    assert parts[1].find("s:title", NS).text == "Selisih (lanjutan)"
    first = float(by_class(parts[0], "rect", "bar")[0].get("width"))
    last = [float(b.get("width")) for b in by_class(parts[2], "rect", "bar")]
    assert last[0] == first and last[-1] / first == pytest.approx(34, rel=0.01)


def test_a_bar_chart_of_a_hundred_units_comes_in_page_sized_parts() -> None:
    labels = [f"Unit {i}" for i in range(104)]
    svg = diverging_bars(labels, [1.0] * 104, title="T", positive_label="+", negative_label="-")
    assert svg.count("<svg") == 7  # 15 rows each: two parts fit a printed page
    assert svg.count('class="bar') == 104
    assert (
        diverging_bars(
            labels[:15], [1.0] * 15, title="T", positive_label="+", negative_label="-"
        ).count("<svg")
        == 1
    )
