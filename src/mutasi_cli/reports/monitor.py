"""`mutasi monitor` as the register workbook (which the analyst edits), a console summary and
the mapping back from the workbook's labels to the core's codes."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from mutasi_cli.evaluation import monitor as core
from mutasi_cli.i18n import t
from mutasi_cli.io.write import ColorRule, SheetSpec
from mutasi_cli.reports.console import frame_table, key_values
from mutasi_cli.reports.format import format_number
from mutasi_cli.schema import COMPETENCIES, header_key
from mutasi_cli.schema import label as column_label

DECIMALS = 2
LANGS = ("id", "en")
# column -> label key prefix of its codes
CODED = {
    "sumber": ("monitor.source.{}", core.SOURCES),
    "rekomendasi": ("monitor.kind.{}", (*core.KINDS, "lainnya")),
    "status": ("monitor.status.{}", core.STATUSES),
    "kondisi": ("monitor.condition.{}", core.CONDITIONS),
}
# The register is 22 columns wide: on screen who the row is about stays left of the scroll
# area; long texts wrap in columns of a readable width, numbers and dates take narrow columns
# under a header that wraps. On paper (A4 landscape) its width spreads over two pages, each
# starting with the frozen ID, NIP and name (io.write.print_pages), instead of one page at 30 %.
REGISTER_FROZEN = 3
REGISTER_WIDTHS = {
    "id": 11,
    "nip": 20,
    "nama": 22,
    "unit_kerja": 26,
    "mutasi": 30,
    "sumber": 14,
    "alasan": 32,
    "sejak": 12,
    "tingkat_awal": 10,
    "sasaran": 10,
    "rekomendasi": 18,
    "kompetensi": 28,
    "status": 14,
    "tanggal_mulai": 12,
    "tanggal_selesai": 12,
    "catatan": 30,
    "periode_terakhir": 12,
    "tingkat_terakhir": 12,
    "rata_sebelum": 12,
    "rata_sesudah": 12,
    "kondisi": 11,
    "ditutup": 12,
}
REGISTER_WRAPPED = ("nama", "unit_kerja", "mutasi", "alasan", "kompetensi", "catatan")
_GAP_CODES = re.compile(r"^[a-z_]+:\d+(, [a-z_]+:\d+)*$")
_REASON_CODE = re.compile(r"^(penurunan|tidak_meningkat|kotak_1)\|(.*)$")


def register_label(column: str, lang: str) -> str:
    return t(f"monitor.col.{column}", lang)


def sheet_names() -> set[str]:
    return {t("monitor.sheet.register", lang) for lang in LANGS}


def header_map() -> dict[str, str]:
    """Folded header (either language) -> register column."""
    return {header_key(register_label(c, lang)): c for c in core.COLUMNS for lang in LANGS}


def to_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Labels (either language, any case) back to codes in the coded columns; text that is no
    label stays as typed (the core reports an unknown status)."""
    out = frame.copy()
    for column, (key, codes) in CODED.items():
        if column not in out.columns:
            continue
        lookup = {header_key(t(key.format(c), lang)): c for c in codes for lang in LANGS}
        lookup |= {header_key(c): c for c in codes}
        text = out[column].astype("string")
        distinct = {v: lookup.get(header_key(v), v) for v in text.dropna().unique()}
        out[column] = text.map(distinct).astype("string")
    return out


def _per_distinct(values: pd.Series, render) -> pd.Series:
    """``render`` once per distinct value (a register repeats a handful of texts)."""
    distinct = {v: render(v) for v in values.dropna().unique()}
    return values.astype("object").map(distinct)


def _coded(values: pd.Series, key: str, lang: str, codes: tuple[str, ...]) -> pd.Series:
    """The known ``codes`` as their labels; anything the analyst typed otherwise ("Belum")
    stays as typed (the core has reported it)."""
    present = set(values.dropna().unique())
    names = {c: t(key.format(c), lang) for c in codes if c in present}
    return values.astype("object").map(lambda v: names.get(v, v))


def _reason(values: pd.Series, lang: str) -> pd.Series:
    """``code|value`` (written by the core on a new row) as a sentence; typed text unchanged."""

    def render(value: Any) -> Any:
        match = _REASON_CODE.match(str(value))
        if not match:
            return value
        number = match.group(2)
        shown = format_number(float(number), lang, DECIMALS) if number else ""
        return t(f"monitor.reason.{match.group(1)}", lang, value=shown)

    return _per_distinct(values, render)


def _gaps(values: pd.Series, lang: str) -> pd.Series:
    """``komunikasi:1, teknis:2`` as "Komunikasi (kurang 1), ..."; typed text unchanged."""

    def render(value: Any) -> Any:
        if not _GAP_CODES.match(str(value)):
            return value
        items = []
        for part in str(value).split(", "):
            key, gap = part.split(":")
            name = column_label("jabatan", key, lang) if key in COMPETENCIES else key
            items.append(t("evaluate.gap", lang, name=name, gap=gap))
        return ", ".join(items)

    return _per_distinct(values, render)


def register_table(result: core.MonitorResult, lang: str = "id") -> pd.DataFrame:
    frame = result.register.copy()
    for column, (key, codes) in CODED.items():
        frame[column] = _coded(frame[column], key, lang, codes)
    frame["alasan"] = _reason(frame["alasan"], lang)
    frame["kompetensi"] = _gaps(frame["kompetensi"], lang)
    numbers = list(core.NUMBER_COLUMNS)
    frame[numbers] = frame[numbers].astype("Float64").round(DECIMALS)
    return frame


def outcome_table(result: core.MonitorResult, lang: str = "id") -> pd.DataFrame:
    frame = result.outcomes.copy()
    key, kinds = CODED["rekomendasi"]
    frame["kind"] = _coded(frame["kind"], key, lang, kinds)
    frame["verdict"] = _coded(frame["verdict"], "monitor.verdict.{}", lang, core.VERDICTS)
    floats = ["mover_change", "control_change", "estimate", "low", "high"]
    frame[floats] = frame[floats].astype("Float64").round(DECIMALS)
    return frame


def sheets(result: core.MonitorResult, lang: str = "id") -> list[SheetSpec]:
    register = register_table(result, lang)
    labels = {c: register_label(c, lang) for c in register.columns}
    formats: dict[str, Any] = {labels[c]: "date" for c in core.DATE_COLUMNS}
    formats |= {labels[c]: "float2" for c in core.NUMBER_COLUMNS}
    formats[labels["nip"]] = "text"
    dropdowns = {
        labels["status"]: [t(f"monitor.status.{s}", lang) for s in core.STATUSES],
        labels["rekomendasi"]: [t(f"monitor.kind.{k}", lang) for k in core.KINDS],
    }
    colors = (
        ColorRule(labels["kondisi"], "equals", "green", t("monitor.condition.pulih", lang)),
        ColorRule(labels["status"], "equals", "yellow", t("monitor.status.direncanakan", lang)),
        ColorRule(labels["status"], "equals", "blue", t("monitor.status.berjalan", lang)),
        ColorRule(labels["status"], "equals", "green", t("monitor.status.selesai", lang)),
        ColorRule(labels["status"], "equals", "grey", t("monitor.status.tidak_dilaksanakan", lang)),
    )
    outcomes = outcome_table(result, lang)
    out_labels = {c: register_label(c, lang) for c in outcomes.columns}
    guide = pd.DataFrame({t("monitor.sheet.guide", lang): [t("monitor.guide", lang)]})
    return [
        SheetSpec(
            name=t("monitor.sheet.register", lang),
            frame=register.rename(columns=labels),
            formats=formats,
            colors=colors,
            dropdowns=dropdowns,
            widths={labels[c]: float(w) for c, w in REGISTER_WIDTHS.items() if c in labels},
            wrap=[labels[c] for c in REGISTER_WRAPPED],
            freeze_cols=REGISTER_FROZEN,
        ),
        SheetSpec(
            name=t("monitor.sheet.outcomes", lang),
            frame=outcomes.rename(columns=out_labels),
            formats={
                **{out_labels[c]: "int" for c in ("n_rows", "n_moved")},
                **{
                    out_labels[c]: "float2"
                    for c in ("mover_change", "control_change", "estimate", "low", "high")
                },
            },
            colors=(ColorRule(out_labels["low"], "positive", "green"),),
        ),
        SheetSpec(
            name=t("monitor.sheet.guide", lang),
            frame=guide,
            widths={guide.columns[0]: 100},
            wrap=[guide.columns[0]],
            autofilter=False,
        ),
    ]


def console(result: core.MonitorResult, lang: str = "id") -> list[Any]:
    rows = [(t("common.per", lang), result.per)]
    rows += [
        (t(f"monitor.summary.{k}", lang), result.counts[k])
        for k in ("new", "closed", "open", "rows")
    ]
    outcomes = outcome_table(result, lang)
    columns = ["kind", "n_rows", "n_moved", "estimate", "low", "high", "verdict"]
    shown = outcomes[columns].astype(object).where(outcomes[columns].notna(), "–")
    return [
        key_values(t("monitor.title", lang), rows, lang),
        frame_table(
            t("monitor.sheet.outcomes", lang),
            shown.rename(columns={c: register_label(c, lang) for c in columns}),
            len(shown),
            lang,
        ),
    ]
