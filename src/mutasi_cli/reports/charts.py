"""Charts as inline SVG strings: no library, no network, printable, deterministic.

Every chart is an ``<svg role="img">`` with a ``<title>`` and visible text labels; all text is
escaped, numbers are shown in the report language (``lang``), coordinates are rounded so the same
data always gives the same string. Missing values (NaN) are shown as an en dash, never drawn.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from html import escape

import numpy as np

from mutasi_cli.i18n import t
from mutasi_cli.reports.format import MISSING, format_number

WIDTH = 720
ROW = 24  # height of one bar row
LABEL_WIDTH = 210  # room for the category labels on the left
VALUE_WIDTH = 64  # room for a value label beside a bar end
TITLE_HEIGHT = 30
LEGEND_HEIGHT = 22
MAX_LABEL_CHARS = 30  # characters per label line (LABEL_WIDTH at 11 px)
MAX_LABEL_LINES = 3  # longer labels wrap to this many lines, then end in "…" (full tooltip)
LINE_HEIGHT = 13  # px between wrapped label lines
PAGE_ROWS = 15  # a bar chart with more rows comes in parts, each fitting a printed A4 page
TITLE_CHARS = 84  # characters per title line (WIDTH at 14 px bold)
TITLE_LINE = 18
PAD = 8  # left margin of titles and legends
FONT = "'Segoe UI', 'Noto Sans', 'DejaVu Sans', Helvetica, Arial, sans-serif"

RED, BLUE, GREEN, GREY, INK = "#c0392b", "#1d4f91", "#1e8449", "#8a94a3", "#1f2933"
PALETTE = ("#1d4f91", "#c2410c", "#1e8449", "#7e22ce", "#b42318", "#0e7490", "#4b5563")

# 9-box layout, DOMAIN.md section 3.3 (CONFIRMED): potensi rows top-down Tinggi, Menengah,
# Rendah; kinerja columns Di Bawah, Sesuai, Di Atas.
NINE_BOX_GRID = ((6, 8, 9), (3, 5, 7), (1, 2, 4))
NINE_BOX_FILLS = {
    9: "#a9dfbf",
    8: "#d5f5e3",
    7: "#d5f5e3",
    6: "#fcf3cf",
    5: "#fcf3cf",
    4: "#fcf3cf",
    3: "#fdebd0",
    2: "#fdebd0",
    1: "#f5b7b1",
}


# ---- building blocks ---------------------------------------------------------------------
def _f(x: float) -> str:
    """A coordinate, rounded so output is stable."""
    return f"{x:.1f}"


def _text(
    x: float, y: float, content: str, *, anchor: str = "start", cls: str = "", **attrs
) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    cls_attr = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{cls_attr}{extra}>'
        f"{escape(content)}</text>"
    )


def _wrap(text: str, width: int, lines: int | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` characters, on word boundaries; beyond ``lines``
    lines the last one ends in "…" (the caller keeps the full text as a tooltip)."""
    wrapped = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if lines is not None and len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _label_lines(label: str) -> list[str]:
    return _wrap(str(label), MAX_LABEL_CHARS, MAX_LABEL_LINES)


def _row_height(label: str) -> float:
    """Height of a chart row whose category label wraps to several lines."""
    return max(ROW, LINE_HEIGHT * len(_label_lines(label)) + 10)


def _label(x: float, y: float, label: str) -> str:
    """A category label, right-aligned at ``x`` and centred on ``y``; wrapped over up to
    :data:`MAX_LABEL_LINES` lines rather than cut; the full text is its tooltip."""
    lines = _label_lines(label)
    if len(lines) == 1:
        inner = _text(x, y, lines[0], anchor="end", cls="label")
    else:
        first = y - (len(lines) - 1) * LINE_HEIGHT / 2
        spans = "".join(
            f'<tspan x="{_f(x)}" y="{_f(first + i * LINE_HEIGHT)}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        inner = f'<text text-anchor="end" class="label">{spans}</text>'
    return f"<g><title>{escape(label)}</title>{inner}</g>"


def _rows(labels: Sequence[str], top: float) -> tuple[list[tuple[float, float]], float]:
    """(y, height) of each row from ``top``, rows growing with their wrapped label; bottom."""
    heights = [_row_height(str(label)) for label in labels]
    starts = top + np.concatenate([[0.0], np.cumsum(heights)[:-1]]) if heights else []
    return list(zip(list(starts), heights, strict=True)), top + float(sum(heights))


def _rect(x: float, y: float, w: float, h: float, fill: str, cls: str, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return (
        f'<rect class="{cls}" x="{_f(x)}" y="{_f(y)}" width="{_f(max(w, 0.0))}" '
        f'height="{_f(h)}" fill="{fill}"{extra}/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, cls: str, stroke: str = INK, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return (
        f'<line class="{cls}" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
        f'stroke="{stroke}"{extra}/>'
    )


def _svg(height: float, title: str, body: Sequence[str], width: float = WIDTH) -> str:
    """The chart frame: a title wrapped over as many lines as it needs (never cut), the body
    moved down by the extra title lines."""
    lines = _wrap(title, max(int(TITLE_CHARS * width / WIDTH), 20))
    extra = (len(lines) - 1) * TITLE_LINE
    heading = "".join(
        _text(PAD, 18 + i * TITLE_LINE, line, cls="chart-title", font_size=14, font_weight="bold")
        for i, line in enumerate(lines)
    )
    content = "".join(body)
    if extra:
        content = f'<g transform="translate(0 {_f(extra)})">{content}</g>'
    height += extra
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}" height="{_f(height)}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT)}" font-size="11" fill="{INK}">'
        f"<title>{escape(title)}</title>"
        f'<rect class="background" width="100%" height="100%" fill="#ffffff"/>'
        f"{heading}{content}</svg>"
    )


def _legend(items: Sequence[tuple[str, str]], y: float) -> list[str]:
    parts, x = [], float(PAD)
    for name, color in items:
        parts.append(_rect(x, y - 9, 12, 12, color, "legend-key"))
        parts.append(_text(x + 16, y + 1, name, cls="legend"))
        x += 28 + 6.5 * len(name)
    return parts


def _empty(title: str, lang: str) -> str:
    return _svg(
        TITLE_HEIGHT + 30, title, [_text(PAD, TITLE_HEIGHT + 18, t("common.no_data", lang))]
    )


def _floats(values: Sequence[float]) -> np.ndarray:
    return np.asarray(list(values), dtype="float64")


def _scale(
    values: np.ndarray,
    x0: float,
    x1: float,
    *,
    include: float | None = 0.0,
    domain: tuple[float, float] | None = None,
):
    """A linear map of ``values`` (and ``include``, and ``domain``) onto ``x0..x1``. Charts that
    are read side by side pass one shared ``domain`` so equal values draw equally long."""
    finite = values[np.isfinite(values)]
    extra = [include] if include is not None else []
    extra += [float(v) for v in domain] if domain is not None else []
    lo = float(min([*finite.tolist(), *extra], default=0.0))
    hi = float(max([*finite.tolist(), *extra], default=1.0))
    span = (hi - lo) or 1.0
    return lambda v: x0 + (v - lo) / span * (x1 - x0)


def shared_domain(*groups: Sequence[float]) -> tuple[float, float]:
    """The (min, max) over several charts' values, zero included: pass it as ``domain``."""
    values = np.concatenate([_floats(g) for g in groups] or [np.zeros(0)])
    finite = values[np.isfinite(values)]
    return float(min(finite.min(initial=0.0), 0.0)), float(max(finite.max(initial=0.0), 0.0))


def _ticks(lo: float, hi: float, count: int = 5) -> np.ndarray:
    """Round tick values covering ``lo..hi``."""
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start, stop = math.floor(lo / step) * step, math.ceil(hi / step) * step
    return np.round(np.arange(start, stop + step / 2, step), 10)


# ---- bars --------------------------------------------------------------------------------
def _hbars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    colors: tuple[str, str],
    legend: Sequence[tuple[str, str]],
    unit: str,
    lang: str,
    domain: tuple[float, float] | None = None,
) -> str:
    """Horizontal bars from a zero axis: negatives to the left in ``colors[0]``."""
    data = _floats(values)
    if len(data) == 0:
        return _empty(title, lang)
    top = TITLE_HEIGHT + (LEGEND_HEIGHT if legend else 0)
    x = _scale(data, LABEL_WIDTH + VALUE_WIDTH, WIDTH - VALUE_WIDTH, domain=domain)
    axis = x(0.0)
    body = _legend(legend, TITLE_HEIGHT + 8) if legend else []
    rows, bottom = _rows([str(label) for label in labels], top)
    for (y, height), label, value in zip(rows, labels, data, strict=True):
        mid = y + height / 2
        body.append(_label(LABEL_WIDTH, mid + 4, str(label)))
        if not np.isfinite(value):
            body.append(_text(axis + 4, mid + 4, MISSING, cls="value"))
            continue
        end = x(value)
        negative = value < 0
        body.append(
            _rect(
                min(axis, end),
                mid - ROW / 2 + 4,
                abs(end - axis),
                ROW - 8,
                colors[0] if negative else colors[1],
                "bar negative" if negative else "bar positive",
            )
        )
        text = format_number(value, lang) + unit
        body.append(
            _text(
                end - 4 if negative else end + 4,
                mid + 4,
                text,
                anchor="end" if negative else "start",
                cls="value",
            )
        )
    body.append(_line(axis, top - 2, axis, bottom + 2, "axis"))
    return _svg(bottom + 10, title, body)


def chunked(
    draw,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    max_rows: int = PAGE_ROWS,
    lang: str = "id",
    **kwargs,
) -> str:
    """A long bar chart as several SVGs of at most ``max_rows`` rows on one shared scale: each
    fits a printed page, so the page before it is never left blank. ``draw`` is
    :func:`diverging_bars` or :func:`bars`; later parts are titled "(lanjutan)"."""
    domain = kwargs.pop("domain", None) or shared_domain(values)
    max_rows = min(max_rows, PAGE_ROWS)  # a part never splits again
    parts = []
    for start in range(0, max(len(labels), 1), max_rows):
        part_title = title if start == 0 else t("report.chart_continued", lang, title=title)
        parts.append(
            draw(
                list(labels[start : start + max_rows]),
                list(values[start : start + max_rows]),
                title=part_title,
                lang=lang,
                domain=domain,
                **kwargs,
            )
        )
    return "".join(parts)


def diverging_bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    positive_label: str,
    negative_label: str,
    lang: str = "id",
    domain: tuple[float, float] | None = None,
) -> str:
    """Shortage (negative, red, left of the zero axis) and surplus (positive, blue, right).

    Several charts shown together (one per unit) should share ``domain``
    (:func:`shared_domain`), so that -1 in one is not drawn as long as +34 in another. More
    than :data:`PAGE_ROWS` rows come as page-sized parts on one scale (:func:`chunked`)."""
    if len(labels) > PAGE_ROWS:
        return chunked(
            diverging_bars,
            labels,
            values,
            title=title,
            max_rows=PAGE_ROWS,
            lang=lang,
            domain=domain,
            positive_label=positive_label,
            negative_label=negative_label,
        )
    return _hbars(
        labels,
        values,
        title=title,
        colors=(RED, BLUE),
        legend=((negative_label, RED), (positive_label, BLUE)),
        unit="",
        lang=lang,
        domain=domain,
    )


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    unit: str = "",
    lang: str = "id",
    domain: tuple[float, float] | None = None,
) -> str:
    """One horizontal bar per label, its value (with ``unit``) written at the bar end; more
    than :data:`PAGE_ROWS` rows come as page-sized parts on one scale."""
    if len(labels) > PAGE_ROWS:
        return chunked(
            bars,
            labels,
            values,
            title=title,
            max_rows=PAGE_ROWS,
            lang=lang,
            domain=domain,
            unit=unit,
        )
    return _hbars(
        labels,
        values,
        title=title,
        colors=(RED, BLUE),
        legend=(),
        unit=unit,
        lang=lang,
        domain=domain,
    )


# ---- intervals ---------------------------------------------------------------------------
def interval_plot(
    labels: Sequence[str],
    estimates: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    *,
    title: str,
    ref: float = 0.0,
    lang: str = "id",
    domain: tuple[float, float] | None = None,
) -> str:
    """A point and its 95% interval per row, with a dashed reference line at ``ref``.

    Green when the whole interval lies above ``ref``, red when below, grey when it spans it.
    """
    est, low, high = _floats(estimates), _floats(lows), _floats(highs)
    if len(est) == 0:
        return _empty(title, lang)
    text_width = 150
    x = _scale(
        np.concatenate([est, low, high]),
        LABEL_WIDTH + 16,
        WIDTH - text_width,
        include=ref,
        domain=domain,
    )
    top = TITLE_HEIGHT + 6
    body = []
    rows, bottom = _rows([str(label) for label in labels], top)
    for i, (label, (y, height)) in enumerate(zip(labels, rows, strict=True)):
        mid = y + height / 2
        body.append(_label(LABEL_WIDTH, mid + 4, str(label)))
        if not np.isfinite(est[i]):
            body.append(_text(WIDTH - text_width + 8, mid + 4, MISSING, cls="value"))
            continue
        color = GREEN if low[i] > ref else RED if high[i] < ref else GREY
        if np.isfinite(low[i]) and np.isfinite(high[i]):
            body.append(_line(x(low[i]), mid, x(high[i]), mid, "interval", color, stroke_width=2))
        body.append(
            f'<circle class="point" cx="{_f(x(est[i]))}" cy="{_f(mid)}" r="4" fill="{color}"/>'
        )
        interval = f"[{format_number(low[i], lang, 2)}; {format_number(high[i], lang, 2)}]"
        body.append(
            _text(
                WIDTH - text_width + 8,
                mid + 4,
                f"{format_number(est[i], lang, 2)} {interval}",
                cls="value",
            )
        )
    body.append(_line(x(ref), top - 2, x(ref), bottom + 2, "ref", GREY, stroke_dasharray="4 3"))
    body.append(_text(x(ref), bottom + 14, format_number(ref, lang), anchor="middle", cls="tick"))
    return _svg(bottom + 22, title, body)


# ---- distributions -----------------------------------------------------------------------
def _histogram(
    counts: np.ndarray,
    edges: np.ndarray,
    values: np.ndarray,
    *,
    x0: float,
    width: float,
    top: float,
    height: float,
    ymax: int,
    name: str,
    color: str,
    cls: str,
    lang: str,
) -> list[str]:
    mean = format_number(values.mean(), lang, 2) if len(values) else MISSING
    heading = f"{name} (n = {len(values)}; {t('report.mean', lang)} {mean})"
    body = [_text(x0, top - 8, heading, cls="panel-title", font_weight="bold")]
    x = _scale(edges, x0, x0 + width, include=None)
    base = top + height
    for count, left, right in zip(counts, edges[:-1], edges[1:], strict=True):
        h = count / ymax * (height - 14)
        body.append(_rect(x(left) + 1, base - h, x(right) - x(left) - 2, h, color, f"bar {cls}"))
        body.append(
            _text(
                (x(left) + x(right)) / 2,
                base - h - 3,
                format_number(count, lang),
                anchor="middle",
                cls="value",
            )
        )
    if len(values):
        mx = x(float(values.mean()))
        body.append(_line(mx, top, mx, base, "mean", INK, stroke_dasharray="3 3"))
    body.append(_line(x0, base, x0 + width, base, "axis"))
    step = max(1, math.ceil(len(edges) / 8))
    for edge in edges[::step]:
        body.append(
            _text(x(edge), base + 13, format_number(edge, lang), anchor="middle", cls="tick")
        )
    return body


def paired_distribution(
    before: Sequence[float],
    after: Sequence[float],
    *,
    title: str,
    bins: int | Sequence[float],
    lang: str = "id",
) -> str:
    """Side-by-side histograms of the scores before and after, on the same bins and scale."""
    b, a = _floats(before), _floats(after)
    b, a = b[np.isfinite(b)], a[np.isfinite(a)]
    both = np.concatenate([b, a])
    if isinstance(bins, int):
        edges = np.histogram_bin_edges(both, bins=bins, range=None if len(both) else (0.0, 1.0))
    else:
        edges = _floats(bins)
    counts_b, _ = np.histogram(b, bins=edges)
    counts_a, _ = np.histogram(a, bins=edges)
    ymax = int(max(counts_b.max(initial=0), counts_a.max(initial=0), 1))
    panel = (WIDTH - 40) / 2
    top, height = TITLE_HEIGHT + 24, 170
    common = {"top": top, "height": height, "ymax": ymax, "width": panel, "lang": lang}
    body = [
        *_histogram(
            counts_b,
            edges,
            b,
            x0=10,
            name=t("report.before", lang),
            color=GREY,
            cls="before",
            **common,
        ),
        *_histogram(
            counts_a,
            edges,
            a,
            x0=30 + panel,
            name=t("report.after", lang),
            color=BLUE,
            cls="after",
            **common,
        ),
    ]
    return _svg(top + height + 22, title, body)


# ---- 9-box -------------------------------------------------------------------------------
def nine_box(
    counts: Mapping[int, int],
    *,
    title: str,
    labels: Mapping[int, str],
    lang: str = "id",
) -> str:
    """The 3×3 talent grid (DOMAIN.md 3.3): each box shows its number, label and head count."""
    left, cell_w, cell_h = 110, 190, 88
    top = TITLE_HEIGHT + 10
    rows = ("report.potensi_tinggi", "report.potensi_menengah", "report.potensi_rendah")
    columns = ("report.kinerja_bawah", "report.kinerja_sesuai", "report.kinerja_atas")
    body = []
    for r, boxes in enumerate(NINE_BOX_GRID):
        y = top + r * cell_h
        body.append(
            _text(left - 8, y + cell_h / 2 + 4, t(rows[r], lang), anchor="end", cls="axis-label")
        )
        for c, box in enumerate(boxes):
            x = left + c * cell_w
            label = labels.get(box, "")
            body.append(
                f'<g class="cell" data-box="{box}"><title>{escape(t("report.box", lang, number=box))}'
                f"{escape(': ' + label if label else '')}</title>"
                + _rect(
                    x,
                    y,
                    cell_w,
                    cell_h,
                    NINE_BOX_FILLS[box],
                    "box",
                    stroke="#ffffff",
                    stroke_width=2,
                )
                + _text(
                    x + 8,
                    y + 16,
                    t("report.box", lang, number=box),
                    cls="box-number",
                    font_weight="bold",
                )
                + "".join(
                    _text(x + 8, y + 31 + 12 * i, line, cls="box-label", font_size=10)
                    for i, line in enumerate(_wrap(label, 34, 2))
                )
                + _text(
                    x + cell_w / 2,
                    y + cell_h - 14,
                    format_number(counts.get(box, 0), lang),
                    anchor="middle",
                    cls="count",
                    font_size=22,
                    font_weight="bold",
                )
                + "</g>"
            )
    bottom = top + 3 * cell_h
    for c, key in enumerate(columns):
        body.append(
            _text(
                left + (c + 0.5) * cell_w,
                bottom + 16,
                t(key, lang),
                anchor="middle",
                cls="axis-label",
            )
        )
    body.append(
        _text(
            left + 1.5 * cell_w,
            bottom + 34,
            t("report.kinerja", lang),
            anchor="middle",
            cls="axis-title",
            font_weight="bold",
        )
    )
    body.append(
        _text(PAD, top - 4, t("report.potensi", lang), cls="axis-title", font_weight="bold")
    )
    return _svg(bottom + 44, title, body, width=left + 3 * cell_w + 10)


# ---- lines -------------------------------------------------------------------------------
def line_chart(
    x_labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    title: str,
    lang: str = "id",
) -> str:
    """One line per series over ``x_labels`` (e.g. a projection per year), values labelled."""
    if not x_labels or not series:
        return _empty(title, lang)
    colors = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    data = {name: _floats(values) for name, values in series.items()}
    finite = np.concatenate([v[np.isfinite(v)] for v in data.values()])
    ticks = _ticks(float(finite.min(initial=0.0)), float(finite.max(initial=1.0)))
    left, right = 60, WIDTH - 30
    top, bottom = TITLE_HEIGHT + LEGEND_HEIGHT + 12, TITLE_HEIGHT + LEGEND_HEIGHT + 232
    y = _scale(ticks, bottom, top, include=None)
    step = (right - left) / max(len(x_labels) - 1, 1)
    body = _legend(list(colors.items()), TITLE_HEIGHT + 8)
    for tick in ticks:
        body.append(_line(left, y(tick), right, y(tick), "grid", "#e5e7eb"))
        body.append(
            _text(left - 6, y(tick) + 4, format_number(tick, lang), anchor="end", cls="tick")
        )
    for i, label in enumerate(x_labels):
        body.append(_text(left + i * step, bottom + 16, str(label), anchor="middle", cls="tick"))
    for name, values in data.items():
        points = [(left + i * step, y(v), v) for i, v in enumerate(values) if np.isfinite(v)]
        path = " ".join(f"{_f(px)},{_f(py)}" for px, py, _ in points)
        body.append(
            f'<polyline class="series" points="{path}" fill="none" stroke="{colors[name]}" stroke-width="2"/>'
        )
        for px, py, v in points:
            body.append(
                f'<circle class="point" cx="{_f(px)}" cy="{_f(py)}" r="3" fill="{colors[name]}"/>'
            )
            body.append(
                _text(px, py - 7, format_number(v, lang), anchor="middle", cls="value", font_size=9)
            )
    return _svg(bottom + 26, title, body)
