"""`mutasi evaluate` as a workbook, a console summary and an HTML report.

All three are built from the same display frames (:func:`effect_table` and friends), rounded to
:data:`DECIMALS` once, so every number in the report is the number stored in the workbook. Codes
(``meningkat``, ``pelatihan``, ``gap`` ...) become labels here; the core never sees a label.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.evaluation import EvaluationResult
from mutasi_cli.evaluation.did import GROUP_COLUMNS
from mutasi_cli.evaluation.interventions import COLUMNS as INTERVENTION_COLUMNS
from mutasi_cli.evaluation.interventions import KINDS
from mutasi_cli.evaluation.talent_map import BOXES
from mutasi_cli.evaluation.windows import STATUSES
from mutasi_cli.i18n import t
from mutasi_cli.io.write import ChartSpec, ColorRule, Format, SheetSpec
from mutasi_cli.reports import charts
from mutasi_cli.reports.console import frame_table, key_values
from mutasi_cli.reports.format import format_number
from mutasi_cli.reports.render import render_html
from mutasi_cli.schema import key_columns, person_columns
from mutasi_cli.schema import label as column_label

TEMPLATE = "evaluate_report.html.j2"
DECIMALS = 2  # every fractional number shown, in the workbook and in the report
HTML_ROWS = 100  # longest list printed in the HTML report (the workbook has all rows)
TOP = 10  # rows in the console tables

# The group table's columns, its flags replaced by one warning text, then the pre-trend check.
EFFECT_COLUMNS = [
    "scope",
    *(c for c in GROUP_COLUMNS if c not in ("small_group", "regression_to_mean")),
    "pretrend",
    "pretrend_low",
    "pretrend_high",
    "warning",
]
PERSON_COLUMNS = [
    "nip",
    "nama",
    "tmt_mutasi",
    "unit_asal",
    "jabatan_asal",
    "unit_tujuan",
    "jabatan_tujuan",
    "months_since",
    "pre_n",
    "pre_mean",
    "pre_score",
    "post_n",
    "post_mean",
    "post_score",
    "change",
    "change_score",
    "trend",
    "effect",
    "status",
]
WARNING_COLUMNS = [
    "nip",
    "nama",
    "unit_kerja",
    "periode",
    "latest",
    "previous_mean",
    "n_previous",
    "drop",
    "moved",
]
BOX_COLUMNS = ["box", "kinerja", "potensi", "n", "recommendation"]
TALENT_COLUMNS = ["nip", "nama", "unit_kerja", "jabatan", "kinerja", "potensi", "box"]
COUNT_KEYS = [
    "moved",
    "control",
    "records",
    "records_used",
    "unscaled",
    "unknown_rows",
    "unknown_nips",
    "duplicates",
    "future_tmt",
]
_COMMON = {"nip", "nama", "unit_kerja", "jabatan"}
_FIXED_FORMATS: dict[str, Format] = {"nip": "text", "tmt_mutasi": "date", "periode": "text"}
_MARK = "\x00"


# ---- labels and values --------------------------------------------------------------------


def _label(column: str, lang: str) -> str:
    if column in _COMMON:
        return t(f"common.{column}", lang)
    if column == "reason":
        return t("common.reason", lang)
    return t(f"evaluate.col.{column}", lang)


def _per_row(key: str, lang: str, index: pd.Index, **values: pd.Series) -> pd.Series:
    """The label ``key`` for every row, its ``{fields}`` filled column-wise from ``values``."""
    template = t(key, lang, **{name: f"{_MARK}{name}{_MARK}" for name in values})
    pieces = template.split(_MARK)  # text, field, text, field, ..., text
    out = pd.Series(pieces[0], index=index, dtype="string")
    for name, text in zip(pieces[1::2], pieces[2::2], strict=True):
        out = out + values[name].astype("string") + text
    return out


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Fractional columns rounded to :data:`DECIMALS` (and -0.0 made 0.0): stored = shown."""
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c].dtype)]
    return frame.assign(**{c: frame[c].astype("Float64").round(DECIMALS) + 0.0 for c in floats})


def _coded(values: pd.Series, key: str, lang: str) -> pd.Series:
    """Codes -> labels, ``key`` naming the label with ``{}`` for the code: one lookup per code."""
    codes = values.dropna().unique()
    return values.astype("object").map({c: t(key.format(c), lang) for c in codes})


def _format(series: pd.Series) -> Format | None:
    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        return None
    return "int" if pd.api.types.is_integer_dtype(series.dtype) else "float2"


def _sheet(
    name_key: str, frame: pd.DataFrame, lang: str, colors: tuple[ColorRule, ...] = ()
) -> SheetSpec:
    labels = {c: _label(c, lang) for c in frame.columns}
    formats = {labels[c]: _FIXED_FORMATS.get(c) or _format(frame[c]) for c in frame.columns}
    return SheetSpec(
        name=t(name_key, lang),
        frame=frame.rename(columns=labels),
        formats={k: v for k, v in formats.items() if v},
        colors=tuple(
            ColorRule(labels[r.column], r.kind, r.color, r.value, r.whole_row) for r in colors
        ),
        freeze_cols=person_columns(frame.columns),
        print_key_cols=key_columns(frame.columns),
    )


# ---- display frames (shared by the workbook, the console and the HTML) ------------------------


def effect_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    """The overall effect, then one row per destination and per origin unit, with warnings.

    A group below ``min_group_n`` movers carries only the small-group warning (it is shown
    greyed, never as a finding); ``small_group`` stays as a column for the display.
    """
    overall = pd.DataFrame([result.did_overall]).assign(unit="")
    parts = [
        overall.assign(scope=t("evaluate.scope.all", lang)),
        result.did_by_destination.assign(scope=t("evaluate.scope.unit_tujuan", lang)),
        result.did_by_origin.assign(scope=t("evaluate.scope.unit_asal", lang)),
    ]
    frame = pd.concat(parts, ignore_index=True).reindex(
        columns=[*EFFECT_COLUMNS, "small_group", "regression_to_mean", "no_control"]
    )
    frame["pretrend_diverged"] = pd.concat(
        [pd.Series([result.did_overall.get("pretrend_diverged", False)])]
        + [p.get("pretrend_diverged", pd.Series(False, index=p.index)) for p in parts[1:]],
        ignore_index=True,
    )
    frame = frame.astype(
        {"n_moved": "Int64", "n_control": "Int64", "n_extreme": "Int64", "n_matched": "Int64"}
    )
    if result.settings.control != "matched":
        frame["n_matched"] = pd.NA
    small = frame["small_group"].fillna(False).astype(bool)
    texts = {
        "no_control": t("evaluate.warn.no_control", lang),
        "pretrend_diverged": t("evaluate.warn.pretrend", lang),
        "regression_to_mean": t("evaluate.warn.regression", lang),
    }
    warning = pd.Series("", index=frame.index, dtype="string")
    for column, text in texts.items():  # three kinds of warning on groups large enough
        chosen = frame[column].fillna(False).astype(bool) & ~small
        warning = warning.mask(chosen, (warning + " " + text).str.strip())
    frame["warning"] = warning.mask(
        small, t("evaluate.warn.small_group", lang, n=result.settings.min_group_n)
    )
    return _rounded(frame[[*EFFECT_COLUMNS, "small_group"]])


def person_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    frame = result.per_person.reindex(columns=PERSON_COLUMNS)
    return _rounded(frame.assign(status=_coded(frame["status"], "evaluate.status.{}", lang)))


def _gap_text(frame: pd.DataFrame, lang: str) -> pd.Series:
    """ "Komunikasi (kurang 1), Kompetensi Teknis (kurang 2)" per row (NA without a gap)."""
    joined = pd.Series(pd.NA, index=frame.index, dtype="string")
    for column in (c for c in frame.columns if c.startswith("gap_")):  # ten competencies
        name = pd.Series(column_label("jabatan", column[4:], lang), index=frame.index)
        item = _per_row("evaluate.gap", lang, frame.index, name=name, gap=frame[column])
        joined = (joined + ", " + item).fillna(joined).fillna(item)
    return joined


def intervention_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    frame = result.interventions
    values = {"months": frame["months_since"], "gaps": _gap_text(frame, lang)}
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    for code in ("box_1", "gap", "no_gap", "no_data"):  # one template per reason code
        text = _per_row(f"evaluate.reason.{code}", lang, frame.index, **values)
        reason = reason.mask((frame["reason"] == code).to_numpy(), text)
    display = frame.reindex(columns=INTERVENTION_COLUMNS).assign(
        kind=_coded(frame["kind"], "evaluate.kind.{}", lang),
        reason=reason,
        status=_coded(frame["status"], "evaluate.status.{}", lang),
    )
    return _rounded(display)


def warning_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    return _rounded(result.early_warnings.reindex(columns=WARNING_COLUMNS))


def box_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    """The nine boxes: axes, head count and the recommendation of DOMAIN.md 3.3."""
    frame = result.nine_box
    return frame.assign(
        kinerja=_coded(frame["kinerja"], "report.kinerja_{}", lang),
        potensi=_coded(frame["potensi"], "report.potensi_{}", lang),
        recommendation=_coded(frame["box"], "propose.box.{}", lang),
    )[BOX_COLUMNS]


CHART_UNITS = 20  # most units in one Excel chart; more: the top and bottom ten


def chart_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    """Destination units with at least ``min_group_n`` movers, sorted by effect; beyond
    :data:`CHART_UNITS` the ten highest and ten lowest (the full list is on the summary)."""
    table = result.did_by_destination
    enough = table[table["n_moved"] >= result.settings.min_group_n]
    ordered = enough.sort_values("estimate", ascending=False, kind="stable")
    if len(ordered) > CHART_UNITS:
        half = CHART_UNITS // 2
        ordered = pd.concat([ordered.head(half), ordered.tail(half)])
    frame = ordered.assign(
        unit=ordered["unit"].astype(str) + " (n = " + ordered["n_moved"].astype(str) + ")"
    )[["unit", "estimate", "low", "high"]]
    return _rounded(frame.reset_index(drop=True))


_BOX_COLORS = {9: "green", 8: "green", 7: "green", 6: "yellow", 5: "yellow", 4: "yellow"}
_BOX_COLORS |= {3: "orange", 2: "orange", 1: "red"}


def nine_box_grid(result: EvaluationResult, lang: str = "id") -> tuple[pd.DataFrame, list]:
    """The 9-box as a 3 x 3 grid (potensi rows high to low, kinerja columns low to high), each
    cell "Kotak n: k orang", and the colour rule of each cell (one per box)."""
    counts = result.nine_box.set_index("box")["n"]
    columns = [t(f"report.kinerja_{k}", lang) for k in ("bawah", "sesuai", "atas")]
    corner = f"{t('report.potensi', lang)} \\ {t('report.kinerja', lang)}"
    rows, rules = [], []
    for level, boxes in zip(("tinggi", "menengah", "rendah"), charts.NINE_BOX_GRID, strict=True):
        cells = [
            t("evaluate.box_cell", lang, box=box, n=format_number(int(counts.get(box, 0)), lang))
            for box in boxes
        ]
        rows.append([t(f"report.potensi_{level}", lang), *cells])
        rules += [
            ColorRule(column, "equals", _BOX_COLORS[box], cell)
            for column, box, cell in zip(columns, boxes, cells, strict=True)
        ]
    return pd.DataFrame(rows, columns=[corner, *columns]), rules


def talent_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    frame = result.talent.reindex(columns=TALENT_COLUMNS)
    return frame.assign(
        kinerja=_coded(frame["kinerja"], "report.kinerja_{}", lang),
        potensi=_coded(frame["potensi"], "report.potensi_{}", lang),
    )


def unit_box_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    names = {box: t("report.box", lang, number=box) for box in BOXES}
    names |= {"unit_kerja": t("common.unit_kerja", lang), "total": t("common.total", lang)}
    return result.nine_box_by_unit.rename(columns=names)


def count_table(result: EvaluationResult, lang: str = "id") -> pd.DataFrame:
    rows = [(t(f"evaluate.count.{k}", lang), result.counts[k]) for k in COUNT_KEYS]
    status = result.per_person["status"].value_counts()
    rows += [(t(f"evaluate.status.{s}", lang), int(status.get(s, 0))) for s in STATUSES]
    kinds = result.interventions["kind"].value_counts()
    rows += [(t(f"evaluate.kind.{k}", lang), int(kinds.get(k, 0))) for k in KINDS]
    rows.append((t("evaluate.count.early_warnings", lang), len(result.early_warnings)))
    return pd.DataFrame(rows, columns=["item", "count"]).astype({"count": "Int64"})


# ---- workbook ------------------------------------------------------------------------------

_STATUS_COLORS = (("meningkat", "green"), ("menurun", "red"), ("belum_cukup_data", "grey"))


def sheets(result: EvaluationResult, lang: str = "id") -> list[SheetSpec]:
    """Summary (effects), counts, per person, interventions, early warnings and the talent map."""
    status = tuple(
        ColorRule("status", "equals", color, t(f"evaluate.status.{code}", lang))
        for code, color in _STATUS_COLORS
    )
    kinds = (
        ColorRule("kind", "equals", "red", t("evaluate.kind.penanganan_kinerja", lang)),
        ColorRule("kind", "equals", "orange", t("evaluate.kind.pelatihan", lang)),
        ColorRule("kind", "equals", "yellow", t("evaluate.kind.pendampingan", lang)),
    )
    interval = (
        ColorRule("low", "positive", "green"),
        ColorRule("high", "negative", "red"),
        ColorRule("n_moved", "below", "grey", result.settings.min_group_n, whole_row=True),
    )
    units = unit_box_table(result, lang)
    grid, grid_colors = nine_box_grid(result, lang)
    effects = effect_table(result, lang).drop(columns=["small_group"])
    return [
        _summary_sheet(effects, lang, interval),
        _sheet("evaluate.sheet.counts", count_table(result, lang), lang),
        _sheet("evaluate.sheet.per_person", person_table(result, lang), lang, status),
        _sheet("evaluate.sheet.interventions", intervention_table(result, lang), lang, kinds),
        _sheet(
            "evaluate.sheet.early_warnings",
            warning_table(result, lang),
            lang,
            (ColorRule("drop", "above", "red", 1.5),),
        ),
        _chart_sheet(result, lang),
        SheetSpec(
            name=t("evaluate.sheet.nine_box", lang),
            frame=grid,
            colors=tuple(grid_colors),
            widths={c: 26 for c in grid.columns},
            freeze=False,
            autofilter=False,
        ),
        _sheet("evaluate.sheet.nine_box_list", box_table(result, lang), lang),
        SheetSpec(
            name=t("evaluate.sheet.nine_box_unit", lang),
            frame=units,
            formats={c: "int" for c in units.columns[1:]},
        ),
        _sheet("evaluate.sheet.talent", talent_table(result, lang), lang),
    ]


# The summary prints on A4 landscape fitted to its width: numbers in narrow columns under
# wrapped headers, the unit name and the warning wrapped in columns of their own width.
_SUMMARY_WIDTHS = {"scope": 11, "unit": 26, "warning": 42}
_SUMMARY_NUMBER_WIDTH = 12  # "Pembanding" in bold fits unbroken


def _summary_sheet(effects: pd.DataFrame, lang: str, colors: tuple[ColorRule, ...]) -> SheetSpec:
    spec = _sheet("evaluate.sheet.summary", effects, lang, colors)
    widths = {_label(c, lang): _SUMMARY_WIDTHS.get(c, _SUMMARY_NUMBER_WIDTH) for c in effects}
    wrap = [_label(c, lang) for c in ("unit", "warning")]
    return dataclasses.replace(spec, widths=widths, wrap=wrap)


def _chart_sheet(result: EvaluationResult, lang: str) -> SheetSpec:
    frame = chart_table(result, lang)
    labels = {c: _label(c, lang) for c in frame.columns}
    return SheetSpec(
        name=t("evaluate.sheet.chart", lang),
        frame=frame.rename(columns=labels),
        formats={labels[c]: "float2" for c in ("estimate", "low", "high")},
        chart=ChartSpec(
            title=t("evaluate.chart.excel", lang, n=result.settings.min_group_n),
            category_column=labels["unit"],
            value_columns=[labels["estimate"]],
            anchor="F2",
        ),
    )


# ---- console -------------------------------------------------------------------------------


def _shown(value: Any, lang: str) -> Any:
    """A fraction as text with :data:`DECIMALS` digits, as in the workbook; others unchanged."""
    return format_number(value, lang, DECIMALS) if isinstance(value, float) else value


def _key_rows(result: EvaluationResult, effects: pd.DataFrame, lang: str) -> list[tuple[str, Any]]:
    overall = effects.iloc[0]
    rows = [(t("common.per", lang), result.per)]
    rows += [(t(f"evaluate.count.{k}", lang), result.counts[k]) for k in ("moved", "control")]
    rows += [(_label(c, lang), _shown(overall[c], lang)) for c in ("estimate", "low", "high")]
    rows.append((_label("n_moved", lang), overall["n_moved"]))
    rows.append((t("evaluate.count.early_warnings", lang), len(result.early_warnings)))
    kinds = result.interventions["kind"].value_counts()
    return rows + [(t(f"evaluate.kind.{k}", lang), int(kinds.get(k, 0))) for k in KINDS]


def console(result: EvaluationResult, lang: str = "id") -> list[Any]:
    """The overall effect and counts, then the effect per destination unit."""
    effects = effect_table(result, lang)
    columns = ["unit", "n_moved", "estimate", "low", "high", "warning"]
    units = effects.iloc[1 : 1 + len(result.did_by_destination)][columns].head(TOP)
    for column in ("estimate", "low", "high"):  # three columns, at most TOP rows
        units[column] = [_shown(v, lang) for v in units[column].astype(float)]
    renderables: list[Any] = [
        key_values(t("evaluate.title", lang), _key_rows(result, effects, lang), lang)
    ]
    if effects.iloc[0]["warning"]:
        renderables.append(effects.iloc[0]["warning"])
    renderables.append(
        frame_table(
            t("evaluate.report.by_destination", lang),
            units[columns].rename(columns={c: _label(c, lang) for c in columns}),
            TOP,
            lang,
        )
    )
    return renderables


# ---- HTML ----------------------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _effect_sentence(overall: pd.Series, result: EvaluationResult, lang: str) -> str:
    if pd.isna(overall["estimate"]):
        return t("evaluate.report.no_estimate", lang)
    number = {c: format_number(overall[c], lang, DECIMALS) for c in ("estimate", "low", "high")}
    return t(
        "evaluate.report.effect_text",
        lang,
        confidence=format_number(result.settings.confidence * 100, lang),
        n_moved=format_number(overall["n_moved"], lang),
        n_control=format_number(overall["n_control"], lang),
        **number,
    )


def _control_sentence(result: EvaluationResult, lang: str) -> str:
    """How the movers were compared: how many found matched controls, or all non-movers."""
    did = result.did_overall
    if result.settings.control != "matched":
        return t("evaluate.report.control_all", lang)
    return t(
        "evaluate.report.control_matched",
        lang,
        n_matched=format_number(did.get("n_matched") or 0, lang),
        n_moved=format_number(did.get("n_moved") or 0, lang),
        k=result.settings.match_controls,
    )


def _pretrend_sentence(result: EvaluationResult, lang: str) -> tuple[str, bool]:
    """The pre-trend (placebo) check in words, and whether it makes the effect not credible."""
    did = result.did_overall
    if not result.settings.pretrend_check:
        return "", False
    if did.get("pretrend") is None or did.get("pretrend_low") is None:
        return t("evaluate.report.pretrend_none", lang), False
    values = {
        k: format_number(round(did[f"pretrend{s}"], DECIMALS), lang, DECIMALS)
        for k, s in (("estimate", ""), ("low", "_low"), ("high", "_high"))
    }
    diverged = bool(did.get("pretrend_diverged"))
    key = "evaluate.report.pretrend_diverged" if diverged else "evaluate.report.pretrend_ok"
    n = format_number(did.get("pretrend_n") or 0, lang)
    return t(key, lang, n=n, **values), diverged


def _charts(result: EvaluationResult, effects: pd.DataFrame, lang: str) -> dict[str, str]:
    judged = result.per_person[result.per_person["status"] != "belum_cukup_data"]
    # Overall, then the destination units with enough movers: an interval drawn for one or two
    # people would look precise and mean little (they stay in the tables, with a warning).
    destinations = effects.iloc[1 : 1 + len(result.did_by_destination)]
    enough = destinations[destinations["n_moved"] >= result.settings.min_group_n]
    shown = pd.concat([effects.iloc[:1], enough])
    labels = [t("evaluate.scope.all", lang), *shown["unit"].iloc[1:]]
    # "(n = 30)" never split over two lines of a wrapped label
    labels = [
        f"{name} (n\u00a0=\u00a0{n})" for name, n in zip(labels, shown["n_moved"], strict=True)
    ]
    numbers = {
        c: shown[c].astype(float).fillna(np.nan).tolist() for c in ("estimate", "low", "high")
    }
    boxes = box_table(result, lang)
    return {
        "distribution": charts.paired_distribution(
            judged["pre_mean"].astype(float).tolist(),
            judged["post_mean"].astype(float).tolist(),
            title=t("evaluate.chart.distribution", lang),
            bins=np.arange(1.0, 5.01, 0.5).tolist(),
            lang=lang,
        ),
        "effects": charts.interval_plot(
            labels,
            numbers["estimate"],
            numbers["low"],
            numbers["high"],
            title=t("evaluate.chart.by_destination", lang, n=result.settings.min_group_n),
            lang=lang,
        ),
        "nine_box": charts.nine_box(
            dict(zip(boxes["box"], boxes["n"], strict=True)),
            title=t("evaluate.chart.nine_box", lang),
            labels=dict(zip(boxes["box"], boxes["recommendation"], strict=True)),
            lang=lang,
        ),
    }


def _context(result: EvaluationResult, lang: str) -> dict[str, Any]:
    effects = effect_table(result, lang)
    overall = effects.iloc[0]
    ev = result.settings
    n_destinations = len(result.did_by_destination)
    status = result.per_person["status"].value_counts()
    pretrend = _pretrend_sentence(result, lang)
    return {
        "per": result.per,
        "method_detail": t(
            "evaluate.method_detail",
            lang,
            before=ev.before_periods,
            after=ev.after_periods,
            adaptation=ev.adaptation_months,
            confidence=format_number(ev.confidence * 100, lang),
        ),
        "effect_sentence": _effect_sentence(overall, result, lang),
        "control_sentence": _control_sentence(result, lang),
        "pretrend_sentence": pretrend[0],
        "pretrend_diverged": pretrend[1],
        "min_group_n": ev.min_group_n,
        "overall": _records(effects.iloc[[0]])[0],
        "by_destination": _records(effects.iloc[1 : 1 + n_destinations]),
        "by_origin": _records(effects.iloc[1 + n_destinations :]),
        "counts": _records(count_table(result, lang)),
        "status": [(t(f"evaluate.status.{s}", lang), s, int(status.get(s, 0))) for s in STATUSES],
        "interventions": _records(intervention_table(result, lang).head(HTML_ROWS)),
        "n_interventions": len(result.interventions),
        "early_warnings": _records(warning_table(result, lang).head(HTML_ROWS)),
        "n_early_warnings": len(result.early_warnings),
        "early_warnings_text": t(
            "evaluate.report.early_warnings_text",
            lang,
            drop=format_number(ev.early_warning_drop, lang),
            previous=ev.early_warning_previous,
        ),
        "boxes": _records(box_table(result, lang)),
        "charts": _charts(result, effects, lang),
        "labels": {
            c: _label(c, lang)
            for c in {*EFFECT_COLUMNS, *INTERVENTION_COLUMNS, *WARNING_COLUMNS, *BOX_COLUMNS}
        },
        "html_rows": HTML_ROWS,
    }


def html(result: EvaluationResult, lang: str = "id", template_dir: Path | None = None) -> str:
    """The printable, offline HTML report (``templates/evaluate_report.html.j2``)."""
    return render_html(TEMPLATE, _context(result, lang), template_dir=template_dir, lang=lang)
