"""`mutasi analyze-needs` as a workbook, a console summary and an HTML report.

All three read the same :class:`~mutasi_cli.needs.NeedsResult` frames, so every number in the
report is the number in the workbook. Codes (``kurang``, ``jatuh_tempo``, ...) become labels
here; the core never sees a label.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from mutasi_cli.i18n import t
from mutasi_cli.io.write import ChartSpec, ColorRule, Format, SheetSpec
from mutasi_cli.needs import (
    KURANG,
    LEBIH,
    PAST_BUP,
    SESUAI,
    TANPA_KEBUTUHAN,
    TOTAL_COLUMNS,
    NeedsResult,
)
from mutasi_cli.reports import charts
from mutasi_cli.reports.console import frame_table, key_values
from mutasi_cli.reports.format import format_date, format_day_month
from mutasi_cli.reports.render import render_html
from mutasi_cli.schema import key_columns, person_columns

TEMPLATE = "needs_report.html.j2"
TOP = 10  # rows in the console's largest shortages / surpluses

# Columns labelled from i18n "common.*"; every other column from "needs.col.*" (or _LABEL_KEYS).
# The column lists below give each sheet's column order.
_COMMON = {"unit_kerja", "jabatan", "jenis_jabatan", "nip", "nama"}
TOTALS = TOTAL_COLUMNS
UNIT_COLUMNS = [
    "unit_kerja",
    *TOTALS,
    "tidak_terpetakan",
    "pensiun_horizon",
    "rotasi_jatuh_tempo",
]
POSITION_COLUMNS = [
    "unit_kerja",
    "jabatan",
    "jenis_jabatan",
    "kebutuhan_formasi",
    "total_wpt",
    "kebutuhan_abk_raw",
    "kebutuhan_abk",
    "kebutuhan",
    "bezetting",
    "selisih",
    "status",
    "ej",
    "ej_band",
    "abk_differs",
]
PROJECTION_COLUMNS = [
    "periode",
    "unit_kerja",
    "pensiun",
    "bezetting",
    "kebutuhan",
    "selisih",
    "kekurangan",
    "kelebihan",
]
CITY_KEYS = [
    "units",
    "positions",
    "pegawai",
    "kebutuhan",
    "bezetting",
    "kekurangan",
    "kelebihan",
    "jabatan_kosong",
    "tanpa_kebutuhan",
    "tidak_terpetakan",
    "pensiun_horizon",
    "rotasi_jatuh_tempo",
    "rotasi_belum_layak",
    "abk_berbeda",
]
_LABEL_KEYS = {
    "positions": "needs.col.jumlah_jabatan",
    "masa_jabatan_bulan": "needs.col.masa_jabatan",
    "bezetting_akhir": "needs.col.bezetting_akhir",
}
_FIXED_FORMATS: dict[str, Format] = {
    "nip": "text",
    "kebutuhan_abk_raw": "float4",
    "ej": "float4",
    "tmt_pensiun": "date",
    "tmt_jabatan": "date",
    "tahun": "int",
}
_CODES = {"status": "needs.status", "status_rotasi": "needs.rotasi", "alasan": "needs.alasan"}


# ---- labels and formats -------------------------------------------------------------------


def _label(column: str, lang: str) -> str:
    if column in _COMMON:
        return t(f"common.{column}", lang)
    return t(_LABEL_KEYS.get(column, f"needs.col.{column}"), lang)


def _format(series: pd.Series) -> Format | None:
    """Whole numbers as integers, fractional ones (rounding "none") with two decimals."""
    if not pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series):
        return None
    values = series.dropna().astype(float)
    return "int" if (values == values.round()).all() else "float2"


def _display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with its codes turned into labels."""
    out = frame.copy()
    for column, prefix in _CODES.items():
        if column in out:
            codes = out[column].dropna().unique()
            out[column] = out[column].map({c: t(f"{prefix}.{c}", lang) for c in codes})
    return out


def _sheet(
    name_key: str,
    frame: pd.DataFrame,
    lang: str,
    colors: tuple[ColorRule, ...] = (),
    chart: ChartSpec | None = None,
) -> SheetSpec:
    """A sheet from a frame with canonical columns: labels, formats and colours localised."""
    labels = {c: _label(c, lang) for c in frame.columns}
    formats = {labels[c]: _FIXED_FORMATS.get(c) or _format(frame[c]) for c in frame.columns}
    return SheetSpec(
        name=t(name_key, lang),
        frame=frame.rename(columns=labels),
        formats={k: v for k, v in formats.items() if v},
        colors=tuple(dataclasses.replace(r, column=labels[r.column]) for r in colors),
        chart=chart,
        freeze_cols=person_columns(frame.columns),
        print_key_cols=key_columns(frame.columns),
    )


def _balance_colors(*, status_lang: str | None = None) -> tuple[ColorRule, ...]:
    rules = [
        ColorRule("selisih", "negative", "red"),
        ColorRule("selisih", "positive", "blue"),
    ]
    if status_lang is not None:
        rules += [
            ColorRule("status", "equals", "red", t(f"needs.status.{KURANG}", status_lang)),
            ColorRule("status", "equals", "blue", t(f"needs.status.{LEBIH}", status_lang)),
            ColorRule("status", "equals", "green", t(f"needs.status.{SESUAI}", status_lang)),
        ]
    return tuple(rules)


def _with_total(frame: pd.DataFrame, label_column: str, lang: str) -> pd.DataFrame:
    """``frame`` plus a city total row (sums of every numeric column)."""
    total = frame.select_dtypes("number").sum()
    row = pd.DataFrame([{label_column: t("common.city_total", lang), **total.to_dict()}])
    return pd.concat([frame, row.astype(frame.dtypes[row.columns].to_dict())], ignore_index=True)


# ---- workbook ------------------------------------------------------------------------------


def _units_frame(result: NeedsResult, lang: str) -> pd.DataFrame:
    return _with_total(result.units[UNIT_COLUMNS], "unit_kerja", lang)


def _jenis_frame(result: NeedsResult, lang: str) -> pd.DataFrame:
    frame = result.by_jenis[["jenis_jabatan", *TOTALS]]
    frame = frame.assign(jenis_jabatan=frame["jenis_jabatan"].fillna(t("needs.jenis.none", lang)))
    return _with_total(frame, "jenis_jabatan", lang)


def period_labels(result: NeedsResult, lang: str) -> dict[str, str]:
    """Projection period key -> label: "Sudah lewat BUP", "2026", "2025 (1 Jul s.d. 31 Des)"."""
    labels = {PAST_BUP: t("needs.period.past_bup", lang)}
    for row in result.periods().itertuples(index=False):  # one row per year of the window
        start, end = format_day_month(row.mulai, lang), format_day_month(row.sampai, lang)
        labels[str(row.tahun)] = (
            t("needs.period.partial", lang, year=row.tahun, start=start, end=end)
            if row.parsial
            else str(row.tahun)
        )
    return labels


def _projection_frame(result: NeedsResult, lang: str) -> pd.DataFrame:
    city = result.projection_city().assign(unit_kerja=t("common.city_total", lang))
    frame = pd.concat([result.projection, city], ignore_index=True)
    frame["periode"] = frame["periode"].map(period_labels(result, lang))
    return frame[PROJECTION_COLUMNS].rename(columns={"bezetting": "bezetting_akhir"})


CHART_UNITS = 20  # most units in one Excel chart; more: the ten largest shortages and surpluses


def _chart_sheet(result: NeedsResult, lang: str) -> SheetSpec:
    """Shortage (as negative numbers) and surplus per unit, with a native column chart.

    A chart of a hundred units is unreadable: beyond :data:`CHART_UNITS` units it shows the ten
    largest shortages and the ten largest surpluses, sorted (every unit stays on the summary)."""
    units = result.units.sort_values("selisih", kind="stable")
    title = t("needs.chart.units", lang)
    if len(units) > CHART_UNITS:
        half = CHART_UNITS // 2
        units = pd.concat([units.head(half), units.tail(half)])
        title = t("needs.chart.units_top", lang, n=half)
    frame = pd.DataFrame(
        {
            "unit_kerja": units["unit_kerja"],
            "kekurangan": -units["kekurangan"],
            "kelebihan": units["kelebihan"],
            "selisih": units["selisih"],
        }
    ).reset_index(drop=True)
    chart = ChartSpec(
        title=title,
        category_column=_label("unit_kerja", lang),
        value_columns=[_label("kekurangan", lang), _label("kelebihan", lang)],
        anchor="F2",
    )
    return _sheet("needs.sheet.chart", frame, lang, _balance_colors(), chart)


def sheets(result: NeedsResult, lang: str = "id") -> list[SheetSpec]:
    """Unit summary (with the city total), chart, job types, positions, projection and lists."""
    surplus_shortage = (
        ColorRule("kekurangan", "positive", "red"),
        ColorRule("kelebihan", "positive", "blue"),
    )
    yes, no = t("common.yes", lang), t("common.no", lang)
    return [
        _sheet(
            "needs.sheet.units",
            _units_frame(result, lang),
            lang,
            _balance_colors() + surplus_shortage,
        ),
        _chart_sheet(result, lang),
        _sheet("needs.sheet.jenis", _jenis_frame(result, lang), lang, _balance_colors()),
        _sheet(
            "needs.sheet.positions",
            _display(result.positions[POSITION_COLUMNS], lang),
            lang,
            _balance_colors(status_lang=lang)
            + (ColorRule("abk_differs", "equals", "yellow", yes),),
        ),
        _sheet(
            "needs.sheet.projection",
            _projection_frame(result, lang),
            lang,
            _balance_colors() + surplus_shortage,
        ),
        _sheet(
            "needs.sheet.retirees",
            _display(result.retirees, lang),
            lang,
            (ColorRule("sudah_lewat", "equals", "orange", yes),),
        ),
        _sheet(
            "needs.sheet.rotation",
            _display(result.rotation, lang),
            lang,
            (
                ColorRule("status_rotasi", "equals", "orange", t("needs.rotasi.jatuh_tempo", lang)),
                ColorRule("status_rotasi", "equals", "grey", t("needs.rotasi.belum_layak", lang)),
            ),
        ),
        _sheet(
            "needs.sheet.unmapped",
            _display(result.unmapped_employees, lang),
            lang,
        ),
        _sheet("needs.sheet.empty", result.empty_positions, lang),
        _sheet(
            "needs.sheet.supply",
            result.supply,
            lang,
            (ColorRule("cukup", "equals", "red", no), ColorRule("cukup", "equals", "green", yes)),
        ),
        _sheet("needs.sheet.abk_unmatched", result.abk_unmatched, lang),
    ]


# ---- console -------------------------------------------------------------------------------


def _city_rows(result: NeedsResult, lang: str) -> list[tuple[str, Any]]:
    window = t(
        "needs.window_range",
        lang,
        start=format_date(result.horizon_start, lang),
        end=format_date(result.horizon_end, lang),
    )
    return [(t("common.per", lang), result.per), (t("needs.col.window", lang), window)] + [
        (t(_LABEL_KEYS.get(key, f"needs.col.{key}"), lang), result.city[key]) for key in CITY_KEYS
    ]


def _top(result: NeedsResult, lang: str, *, shortage: bool) -> pd.DataFrame:
    pos = result.positions
    chosen = pos[pos["selisih"] < 0] if shortage else pos[pos["selisih"] > 0]
    chosen = chosen.sort_values("selisih", ascending=shortage, kind="stable").head(TOP)
    columns = ["unit_kerja", "jabatan", "kebutuhan", "bezetting", "selisih"]
    return chosen[columns].rename(columns={c: _label(c, lang) for c in columns})


def console(result: NeedsResult, lang: str = "id") -> list[Any]:
    """City totals, then the largest shortages and surpluses by position."""
    return [
        key_values(t("needs.city", lang), _city_rows(result, lang), lang),
        frame_table(t("needs.top_shortages", lang), _top(result, lang, shortage=True), TOP, lang),
        frame_table(t("needs.top_surpluses", lang), _top(result, lang, shortage=False), TOP, lang),
    ]


# ---- HTML ----------------------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _unit_section(
    unit: str, positions: pd.DataFrame, lang: str, domain: tuple[float, float]
) -> dict[str, Any]:
    off = positions[positions["selisih"].fillna(0) != 0]
    chart = ""
    if len(off):
        chart = charts.diverging_bars(
            off["jabatan"].tolist(),
            off["selisih"].astype(float).tolist(),
            title=t("needs.chart.unit", lang, unit=unit),
            positive_label=t("needs.col.kelebihan", lang),
            negative_label=t("needs.col.kekurangan", lang),
            lang=lang,
            domain=domain,
        )
    return {"name": unit, "chart": chart, "positions": _records(positions)}


def _context(result: NeedsResult, lang: str) -> dict[str, Any]:
    units = result.units
    city_projection = result.projection_city()
    by_unit = result.positions.groupby("unit_key", sort=False)
    domain = charts.shared_domain(result.positions["selisih"].astype(float))  # one scale for all
    sections = [
        _unit_section(name, by_unit.get_group(key), lang, domain)
        for key, name in zip(units["unit_key"], units["unit_kerja"], strict=True)
        if key in by_unit.groups
    ]
    return {
        "per": result.per,
        "summary": _city_rows(result, lang)[1:],
        "units_chart": charts.diverging_bars(
            units["unit_kerja"].tolist(),
            units["selisih"].astype(float).tolist(),
            title=t("needs.chart.units", lang),
            positive_label=t("needs.col.kelebihan", lang),
            negative_label=t("needs.col.kekurangan", lang),
            lang=lang,
        ),
        "projection_chart": charts.line_chart(
            city_projection["periode"].map(period_labels(result, lang)).tolist(),
            {
                t("needs.col.bezetting_akhir", lang): city_projection["bezetting"].tolist(),
                t("needs.col.kebutuhan", lang): city_projection["kebutuhan"].tolist(),
            },
            title=t("needs.chart.projection", lang),
            lang=lang,
        ),
        "units": _records(units[UNIT_COLUMNS]),
        "total": {c: units[c].sum() for c in UNIT_COLUMNS[1:]},
        "projection": _records(
            city_projection.assign(
                periode=city_projection["periode"].map(period_labels(result, lang))
            )
        ),
        "window": t(
            "needs.report.window",
            lang,
            start=format_date(result.horizon_start, lang),
            end=format_date(result.horizon_end, lang),
            horizon=result.horizon,
        ),
        "sections": sections,
        "labels": {c: _label(c, lang) for c in [*UNIT_COLUMNS, *POSITION_COLUMNS, "periode"]},
        "status_labels": _status_labels(lang),
    }


def _status_labels(lang: str) -> Mapping[str, str]:
    codes = (KURANG, LEBIH, SESUAI, TANPA_KEBUTUHAN)
    return {code: t(f"needs.status.{code}", lang) for code in codes}


def html(result: NeedsResult, lang: str = "id", template_dir: Path | None = None) -> str:
    """The printable, offline HTML report (``templates/needs_report.html.j2``)."""
    return render_html(TEMPLATE, _context(result, lang), template_dir=template_dir, lang=lang)
