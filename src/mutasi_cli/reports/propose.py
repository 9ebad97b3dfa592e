"""`mutasi propose` as a review workbook, a console summary and a comparison with an old proposal.

The core (:mod:`mutasi_cli.matching`) hands over codes and numbers; the sentences are built here,
column by column, in the analyst's language. The review sheet comes first: one row per move with
an empty ``Keputusan`` dropdown and ``Catatan`` for the committee; `mutasi finalize` reads it back
by the labels of ``propose.col.*``.
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.i18n import t
from mutasi_cli.io.write import ColorRule, Format, PrintSetup, SheetSpec
from mutasi_cli.matching.eligibility import EXCLUSIONS, PAIR_RULES
from mutasi_cli.matching.explain import ASPIRATION_OUTCOMES, PURPOSES
from mutasi_cli.matching.jpt import COLUMNS as JPT_COLUMNS
from mutasi_cli.matching.propose import ProposalResult
from mutasi_cli.matching.scoring import PARTS
from mutasi_cli.reports import proposal_record
from mutasi_cli.reports.console import frame_table, key_values
from mutasi_cli.schema import key_columns, name_key, person_columns

DECISIONS = ("setuju", "tolak", "tunda")
DECISION_WORDS = {"en": ("Approve", "Reject", "Defer")}  # finalize reads either language
TOP_RULES = 3
CONSOLE_ROWS = 10
SUMMARY_KEYS = (
    "candidates",
    "slots",
    "moves",
    "vacancies",
    "vacancies_filled",
    "vacancies_open",
    "vacancies_created",
    "objective",
    "excluded",
    "not_moved",
    "stable",
    "fragile",
)
CHAIN_KEYS = ("chains", "chain_moves", "longest_chain", "swaps", "ineligible")
_COMMON = {"nama": "common.nama", "unit_kerja": "common.unit_kerja", "jabatan": "common.jabatan"}


# ---- vectorised text ------------------------------------------------------------------------


def _text(values: Any, index: pd.Index) -> pd.Series:
    return pd.Series(values, index=index).astype("string")


def _num(values: Any, index: pd.Index, lang: str, digits: int = 1) -> pd.Series:
    """Numbers as text with the language's decimal mark (NA stays NA)."""
    x = pd.Series(values, index=index).astype("Float64")
    text = pd.Series(
        np.char.mod(f"%.{digits}f", x.to_numpy(float, na_value=0.0)), index=index, dtype="string"
    )
    if lang != "en":
        text = text.str.replace(".", ",", regex=False)
    return text.mask(x.isna())


def _fill(key: str, lang: str, index: pd.Index, **values: pd.Series) -> pd.Series:
    """The label ``key`` filled in per row; NA where any value used is NA."""
    out = pd.Series("", index=index, dtype="string")
    for literal, field, _, _ in string.Formatter().parse(t(key, lang)):
        out = out + literal
        if field:
            out = out + values[field].astype("string")
    return out


def _join(pieces: list[pd.Series], sep: str = "; ") -> pd.Series:
    """Row-wise join of the pieces that are present."""
    out = pieces[0].fillna("")
    for piece in pieces[1:]:
        out = out + (sep + piece).fillna("")
    return out.str.removeprefix(sep).mask(out == "")


def _when(condition: Any, text: pd.Series) -> pd.Series:
    return text.mask(~pd.Series(condition, index=text.index).fillna(False).astype(bool))


# ---- sheet helpers ------------------------------------------------------------------------


def _label(column: str, lang: str) -> str:
    if column in REVIEW_LABELS:
        return t(REVIEW_LABELS[column], lang)
    return t(_COMMON.get(column, f"propose.col.{column}"), lang)


def _sheet(
    name_key_: str,
    frame: pd.DataFrame,
    lang: str,
    formats: dict[str, Format] | None = None,
    **options: Any,
) -> SheetSpec:
    labels = {c: _label(c, lang) for c in frame.columns}
    options.setdefault("freeze_cols", person_columns(frame.columns))
    options.setdefault("print_key_cols", key_columns(frame.columns))
    return SheetSpec(
        name=t(name_key_, lang),
        frame=frame.rename(columns=labels),
        formats={labels[c]: f for c, f in (formats or {}).items() if c in labels},
        colors=tuple(
            ColorRule(labels[r.column], r.kind, r.color, r.value, r.whole_row)
            for r in options.pop("colors", ())
        ),
        dropdowns={labels[c]: v for c, v in options.pop("dropdowns", {}).items()},
        **options,
    )


def decision_words(lang: str) -> tuple[str, ...]:
    """The Keputusan dropdown: Setuju / Tolak / Tunda (Approve / Reject / Defer in English)."""
    return DECISION_WORDS.get(lang, tuple(t(f"propose.decision.{d}", lang) for d in DECISIONS))


# ---- the review sheet ---------------------------------------------------------------------


def _reason(m: pd.DataFrame, lang: str) -> pd.Series:
    ix = m.index
    jpm = _fill(
        "propose.why.jpm", lang, ix, jpm=_num(m["jpm"], ix, lang), category=m["jpm_category"]
    )
    rotation = m["score_talent"] > 0
    return _join(
        [
            jpm.fillna(t("propose.why.jpm_unknown", lang)),
            _fill("propose.why.jpm_now", lang, ix, jpm=_num(m["jpm_current"], ix, lang)),
            _fill("propose.why.aspiration", lang, ix, rank=m["aspiration_rank"]),
            _when(rotation, _fill("propose.why.box_rotation", lang, ix, box=m["talent_box"])),
            _when(~rotation, _fill("propose.why.box", lang, ix, box=m["talent_box"])),
            _fill("propose.why.chain", lang, ix, nip=m["fills_nip"]).fillna(
                t("propose.why.vacancy", lang)
            ),
            _when(m["rotation_due"], _fill("propose.why.due", lang, ix, months=m["months"])),
            _when(m["from_surplus"], _text(t("propose.why.surplus", lang), ix)),
            _when(m["score_development"] > 0, _text(t("propose.why.development", lang), ix)),
            _displacement(m, lang),
        ]
    )


def _displacement(m: pd.DataFrame, lang: str) -> pd.Series:
    """For a move below 0 on its own (allowed with allow_displacement): for whom it makes room
    and the net gain of its chain."""
    ix = m.index
    text = _fill(
        "propose.why.displaced",
        lang,
        ix,
        nip=m["makes_room_for"],
        gain=_num(m["chain_gain"], ix, lang, 2),
    )
    return _when(m["own_score"] < 0, text)


def _purpose_text(m: pd.DataFrame, lang: str) -> pd.Series:
    """Tujuan Mutasi: the main purpose, then the others the move also serves."""
    ix = m.index
    others = "," + m["purposes"].astype("string").fillna("") + ","
    main = pd.Series(pd.NA, index=ix, dtype="string")
    for code in PURPOSES:  # a loop over the closed list of purposes
        is_main = m["purpose"] == code
        main = main.mask(is_main, t(f"propose.purpose.{code}", lang))
        others = others.mask(is_main, others.str.replace(f",{code},", ",", regex=False))
    for code in PURPOSES:
        others = others.str.replace(code, t(f"propose.purpose.{code}", lang), regex=False)
    rest = others.str.strip(",").str.replace(",", "; ", regex=False)
    also = _fill("propose.purpose.also", lang, ix, main=main, rest=rest)
    return also.mask((rest == "").fillna(True), main)


def _chain_text(m: pd.DataFrame, lang: str) -> pd.Series:
    """Rantai: "R3 · 2/3" (chain 3, place 2 of 3), swaps marked; empty for a move alone."""
    ix = m.index
    values = {
        "id": _text(m["chain_id"], ix),
        "pos": _text(m["chain_pos"], ix),
        "len": _text(m["chain_len"], ix),
    }
    link = _fill("propose.chain.link", lang, ix, **values)
    swap = _fill("propose.chain.swap", lang, ix, **values)
    return link.mask(m["chain_swap"].fillna(False).astype(bool), swap).mask(m["chain_id"].isna())


def _general_rules(result: ProposalResult, lang: str) -> str:
    """The general rules every mover passed, as configured."""
    s = result.settings
    cfg = s.propose
    enabled = {
        "pppk": cfg.exclude_pppk,
        "masa_jabatan": True,
        "hukuman": cfg.block_active_sanction,
        "pensiun": cfg.bup_protect_months > 0,
        "talenta_1": cfg.exclude_talent_box_1,
        "tidak_bersedia": True,
        "jpt": cfg.jpt_protect_months > 0 or cfg.exclude_jpt,
        "skp": cfg.min_predikat_years > 0,
        "pilkada": result.blackout is not None,
    }
    months = {
        "masa_jabatan": s.rotation.min_months,
        "pensiun": cfg.bup_protect_months,
        "jpt": cfg.jpt_protect_months,
        "skp": cfg.min_predikat_years,
    }
    passed = [
        t(f"propose.passed.{k}", lang, months=months.get(k, ""), predikat=cfg.min_predikat)
        for k in EXCLUSIONS
        if enabled[k]
    ]
    return t("propose.rules.person", lang, rules=", ".join(passed))


def _rules(result: ProposalResult, lang: str) -> pd.Series:
    m = result.moves
    ix = m.index
    named = {
        "golongan": _fill(
            "propose.rules.golongan", lang, ix, value=m["golongan"], range=m["golongan_range"]
        ),
        "pendidikan": _fill(
            "propose.rules.pendidikan", lang, ix, value=m["pendidikan"], minimum=m["pendidikan_min"]
        ),
    }
    passed, unchecked = [], []
    for rule in PAIR_RULES:
        state = m[f"rule_{rule}"]
        label = _text(t(f"propose.rule.{rule}", lang), ix)
        passed.append(_when(state == "ok", named.get(rule, label).fillna(label)))
        unchecked.append(_when(state == "na", label))
    ok = _fill("propose.rules.passed", lang, ix, rules=_join(passed, ", "))
    na = _fill("propose.rules.unchecked", lang, ix, rules=_join(unchecked, ", "))
    return _join([ok, na, _text(_general_rules(result, lang), ix)])


def _alternatives_text(m: pd.DataFrame, lang: str) -> pd.Series:
    ix = m.index
    who = m["runner_up_nip"] + " (" + _num(m["runner_up_score"], ix, lang, 2) + ")"
    where = (
        m["runner_up_unit"]
        + " - "
        + m["runner_up_jabatan"]
        + " ("
        + _num(m["runner_up_seat_score"], ix, lang, 2)
        + ")"
    )
    return _join(
        [
            _fill("propose.alt.candidate", lang, ix, who=who),
            _fill("propose.alt.seat", lang, ix, where=where),
        ]
    )


def _stable_text(result: ProposalResult, lang: str) -> pd.Series:
    m = result.moves
    changes = m["fragile_by"]
    for part in PARTS:
        for factor in result.robustness["factor"].drop_duplicates():
            sign = f"{(factor - 1) * 100:+.0f}%"
            changes = changes.str.replace(
                f"{part}:{factor:g}", f"{t(f'propose.part.{part}', lang)} {sign}", regex=False
            )
    text = _fill("propose.stable.no", lang, m.index, changes=changes.str.replace(",", ", "))
    text = text.mask(m["stable"].fillna(False).astype(bool), t("propose.stable.yes", lang))
    return text.mask(m["stable"].isna(), t("propose.stable.unchecked", lang))


# The review sheet's columns, in sheet order: ONE list. First what the committee decides on
# (frozen left of the scroll area up to the name), then the evidence, then the columns kept for
# `mutasi finalize` (separate unit/jabatan, the seat id: hidden, never edited).
DECISION_COLUMNS = (
    "no",
    "nip",
    "nama",
    "from",
    "to",
    "keputusan",
    "catatan",
    "purpose",
    "chain",
)
EVIDENCE_COLUMNS = (
    "opd_asal",
    "score",
    "jpm",
    "jpm_current",
    "jpm_category",
    "talent_box",
    "aspiration",
    "reason",
    "rules",
    "alternatives",
    "replaces",
    "stable",
    *(f"score_{p}" for p in PARTS),
)
MACHINE_COLUMNS = ("from_unit", "from_jabatan", "to_unit", "to_jabatan", "seat")
REVIEW_COLUMNS = (*DECISION_COLUMNS, *EVIDENCE_COLUMNS, *MACHINE_COLUMNS)
FROZEN_COLUMNS = DECISION_COLUMNS.index("nama") + 1  # No, NIP, Nama stay in view
# Labels of the review's own display columns (the others: propose.col.<column>).
REVIEW_LABELS = {
    "no": "propose.review.no",
    "from": "propose.review.from",
    "to": "propose.review.to",
    "purpose": "propose.review.purpose",
    "chain": "propose.review.chain",
    "opd_asal": "propose.review.opd_asal",
}
REVIEW_WIDTHS = {
    "no": 5,
    "nip": 20,
    "nama": 24,
    "from": 32,
    "to": 32,
    "keputusan": 12,
    "catatan": 22,
    "purpose": 28,
    "chain": 10,
    "opd_asal": 30,
    "aspiration": 12,
    "reason": 70,
    "rules": 80,
    "alternatives": 60,
    "replaces": 28,
    "stable": 24,
}
WRAPPED = ("nama", "from", "to", "catatan", "purpose", "opd_asal", "reason", "rules",
           "alternatives", "replaces", "stable")  # fmt: skip


def _names(result: ProposalResult) -> pd.Series:
    """NIP -> name of everyone the proposal mentions (movers, alternatives, stayers)."""
    frames = [
        (result.moves, "nip", "nama"),
        (result.alternatives, "alt_nip", "alt_nama"),
        (result.not_moved, "nip", "nama"),
        (result.excluded, "nip", "nama"),
    ]
    pairs = pd.concat(
        [f[[n, m]].set_axis(["nip", "nama"], axis=1) for f, n, m in frames if n in f and m in f]
    ).dropna()
    return pairs.drop_duplicates("nip").set_index("nip")["nama"].astype("string")


def _person(nips: pd.Series, names: pd.Series) -> pd.Series:
    """ "Nama (NIP)" where the name is known, else the NIP."""
    nips = nips.astype("string")
    return (nips.map(names).astype("string") + " (" + nips + ")").fillna(nips)


def review_frame(
    result: ProposalResult, lang: str, roster: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The "Usulan Mutasi" frame (canonical column names, display values), REVIEW_COLUMNS in
    order, sorted by OPD of origin (unit induk, from ``roster``), then unit, then name."""
    m = result.moves
    ix = m.index
    names = _names(result)
    opd = m["from_unit"].astype("string")
    if roster is not None and "unit_induk" in roster:
        induk = roster.drop_duplicates("nip").set_index("nip")["unit_induk"].astype("string")
        opd = m["nip"].map(induk).astype("string").fillna(opd)
    frame = pd.DataFrame(
        {
            "no": pd.Series(0, index=ix),
            "nip": m["nip"],
            "nama": m["nama"],
            "from": m["from_jabatan"].astype("string") + "\n" + m["from_unit"].astype("string"),
            "to": m["to_jabatan"].astype("string") + "\n" + m["to_unit"].astype("string"),
            "keputusan": pd.Series(pd.NA, index=ix, dtype="string"),
            "catatan": pd.Series(pd.NA, index=ix, dtype="string"),
            "purpose": _purpose_text(m, lang),
            "chain": _chain_text(m, lang),
            "opd_asal": opd,
            "score": m["score"],
            "jpm": m["jpm"],
            "jpm_current": m["jpm_current"],
            "jpm_category": m["jpm_category"],
            "talent_box": m["talent_box"],
            "aspiration": _fill("propose.aspiration.rank", lang, ix, rank=m["aspiration_rank"]),
            "reason": _reason(m.assign(fills_nip=_person(m["fills_nip"], names)), lang),
            "rules": _rules(result, lang),
            "alternatives": _alternatives_text(
                m.assign(runner_up_nip=_person(m["runner_up_nip"], names)), lang
            ),
            "replaces": _person(m["fills_nip"], names),
            "stable": _stable_text(result, lang),
            **{f"score_{p}": m[f"score_{p}"] for p in PARTS},
            "from_unit": m["from_unit"],
            "from_jabatan": m["from_jabatan"],
            "to_unit": m["to_unit"],
            "to_jabatan": m["to_jabatan"],
            "seat": m["seat"],
        },
        index=ix,
    )[list(REVIEW_COLUMNS)]
    order = [name_key(frame[c]) for c in ("opd_asal", "from_unit", "nama")]
    sort = pd.DataFrame({str(k): v for k, v in enumerate(order)}).sort_values(
        ["0", "1", "2"], kind="stable"
    )
    frame = frame.loc[sort.index].reset_index(drop=True)
    frame["no"] = np.arange(1, len(frame) + 1)
    return frame


def _review_sheet(
    result: ProposalResult, lang: str, roster: pd.DataFrame | None = None
) -> SheetSpec:
    frame = review_frame(result, lang, roster)
    formats: dict[str, Format] = {
        "no": "int",
        "nip": "text",
        "score": "float2",
        "jpm": "pct",
        "jpm_current": "pct",
        "talent_box": "int",
        **{f"score_{p}": "float2" for p in PARTS},
    }
    colors = (
        ColorRule("jpm_category", "equals", "green", "Optimal"),
        ColorRule("jpm_category", "equals", "orange", "Kurang Optimal"),
        ColorRule("score", "negative", "red"),
    )
    empty_optional = [c for c in ("purpose", "chain") if frame[c].isna().all()]
    frame = frame.drop(columns=empty_optional)
    label = _review_label
    last_printed = max(i for i, c in enumerate(frame.columns) if c in DECISION_COLUMNS)
    spec = _sheet(
        "propose.sheet.moves",
        frame,
        lang,
        formats,
        colors=colors,
        dropdowns={"keputusan": decision_words(lang)},
        widths={label(c, lang): float(w) for c, w in REVIEW_WIDTHS.items() if c in frame},
        wrap=[label(c, lang) for c in WRAPPED if c in frame],
        hidden=[label(c, lang) for c in MACHINE_COLUMNS],
        freeze_cols=FROZEN_COLUMNS,
        print_setup=PrintSetup(print_columns=last_printed + 1),
    )
    return spec


def _review_label(column: str, lang: str) -> str:
    return t(REVIEW_LABELS[column], lang) if column in REVIEW_LABELS else _label(column, lang)


# ---- the other sheets ---------------------------------------------------------------------


def _top_rules(frame: pd.DataFrame, lang: str) -> pd.Series:
    """ "rumpun jabatan: 30; golongan: 12 (dari 50 kandidat)" from the failed_* counts."""
    ix = frame.index
    counts = frame[[f"failed_{r}" for r in PAIR_RULES]].to_numpy(np.int64)
    order = np.argsort(-counts, axis=1, kind="stable")
    labels = np.array([t(f"propose.rule.{r}", lang) for r in PAIR_RULES], dtype=object)
    pieces = []
    for k in range(min(TOP_RULES, counts.shape[1])):
        chosen = order[:, k]
        count = counts[np.arange(len(counts)), chosen]
        piece = _text(labels[chosen], ix) + ": " + _text(count, ix).astype("string")
        pieces.append(_when(count > 0, piece))
    of = _fill("propose.unfilled.of", lang, ix, n=_text(frame["candidates"], ix))
    listed = _join(pieces)
    return (listed + " (" + of + ")").mask(listed.isna())


def _unfilled_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    u = result.unfilled
    ix = u.index
    reason = _text(t("propose.unfilled.no_eligible", lang), ix).mask(
        u["reason"] == "not_chosen",
        _fill("propose.unfilled.not_chosen", lang, ix, eligible=_text(u["eligible"], ix)),
    )
    reason = reason.mask(
        u["reason"] == "declined",
        _fill("propose.unfilled.declined", lang, ix, n=_text(u["declined"], ix)),
    )
    if result.max_moves is not None or result.outflow_cap is not None:
        reason = reason.mask(
            u["reason"] == "not_chosen", reason + ", " + t("propose.unfilled.limits", lang)
        )
    frame = pd.DataFrame(
        {
            "unit_kerja": u["unit_kerja"],
            "jabatan": u["jabatan"],
            "kind": u["kind"].map(
                {k: t(f"propose.kind.{k}", lang) for k in ("formasi", "ditinggalkan")}
            ),
            "kebutuhan": u["kebutuhan"],
            "bezetting": u["bezetting"],
            "open": u["open"],
            "filled": u["filled"],
            "eligible": u["eligible"],
            "reason": reason,
            "top_rules": _top_rules(u, lang),
        }
    )
    colors = (ColorRule("eligible", "zero", "red"),)
    return _sheet("propose.sheet.unfilled", frame, lang, {"kebutuhan": "float2"}, colors=colors)


def _alternatives_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    a = result.alternatives
    a = a[(a["rank"] <= result.settings.propose.runner_ups).to_numpy(dtype=bool)]
    ix = a.index
    outcome = _fill(
        "propose.alt.moved", lang, ix, unit=a["alt_moved_unit"], jabatan=a["alt_moved_jabatan"]
    )
    candidate = a["kind"] == "candidate"
    outcome = outcome.fillna(t("propose.alt.stays", lang)).mask(~candidate)
    frame = pd.DataFrame(
        {
            "nip": a["nip"],
            "nama": a["nama"],
            "to_unit": a["to_unit"],
            "to_jabatan": a["to_jabatan"],
            "kind": a["kind"].map(
                {k: t(f"propose.alt.kind.{k}", lang) for k in ("candidate", "seat")}
            ),
            "rank": a["rank"],
            "alt_nip": a["alt_nip"],
            "alt_nama": a["alt_nama"],
            "alt_unit": a["alt_unit"],
            "alt_jabatan": a["alt_jabatan"],
            "alt_score": a["alt_score"],
            "alt_jpm": a["alt_jpm"],
            "alt_outcome": outcome,
        }
    )
    formats: dict[str, Format] = {
        "nip": "text",
        "alt_nip": "text",
        "alt_score": "float2",
        "alt_jpm": "pct",
    }
    return _sheet("propose.sheet.alternatives", frame, lang, formats)


def _not_moved_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    n = result.not_moved
    ix = n.index
    rule = n["top_rule"].map({r: t(f"propose.rule.{r}", lang) for r in PAIR_RULES})
    base = (
        n["reason"]
        .map(
            {
                c: t(f"propose.notmoved.{c}", lang)
                for c in ("no_vacancy", "eligible_nowhere", "outscored")
            }
        )
        .astype("string")
    )
    stay = _fill("propose.notmoved.stay_better", lang, ix, score=_num(n["best_score"], ix, lang, 2))
    reason = base.mask(n["reason"] == "stay_better", stay)
    top = _fill("propose.notmoved.top_rule", lang, ix, rule=rule)
    reason = _join([reason, _when(n["reason"] == "eligible_nowhere", top)])
    if result.max_moves is not None or result.outflow_cap is not None:
        limits = _text(t("propose.unfilled.limits", lang), ix)
        reason = _join([reason, _when(n["reason"] == "outscored", limits)], ", ")
    frame = pd.DataFrame(
        {
            "nip": n["nip"],
            "nama": n["nama"],
            "unit_kerja": n["unit_kerja"],
            "jabatan": n["jabatan"],
            "reason": reason,
            "best": n["best_unit"].astype("string") + " - " + n["best_jabatan"].astype("string"),
            "best_score": n["best_score"],
            "eligible_seats": n["eligible"],
            "rotation_due": n["rotation_due"],
        }
    )
    return _sheet("propose.sheet.not_moved", frame, lang, {"nip": "text", "best_score": "float2"})


def _excluded_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    e = result.excluded
    s = result.settings
    months = {
        "masa_jabatan": s.rotation.min_months,
        "pensiun": s.propose.bup_protect_months,
        "jpt": s.propose.jpt_protect_months,
    }
    reasons = e["reasons"].astype("string").str.replace(",", "; ", regex=False)
    for code in sorted(EXCLUSIONS, key=len, reverse=True):  # longest first: no partial match
        label = t(
            f"propose.exclusion.{code}",
            lang,
            months=months.get(code, ""),
            predikat=s.propose.min_predikat,
            years=s.propose.min_predikat_years,
        )
        reasons = reasons.str.replace(code, label, regex=False)
    detail = e["skp_detail"].astype("string") if "skp_detail" in e else None
    if detail is not None:  # the annual predikat of the years checked
        reasons = reasons.mask(detail.notna(), reasons + " (" + detail + ")")
    frame = pd.DataFrame(
        {
            "nip": e["nip"],
            "nama": e["nama"],
            "unit_kerja": e["unit_kerja"],
            "jabatan": e["jabatan"],
            "reason": reasons,
            "months": e["months"],
            "tmt_pensiun": e["tmt_pensiun"],
            "talent_box": e["talent_box"],
        }
    )
    formats: dict[str, Format] = {"nip": "text", "tmt_pensiun": "date", "talent_box": "int"}
    return _sheet("propose.sheet.excluded", frame, lang, formats)


def summary_rows(result: ProposalResult, lang: str) -> list[tuple[str, Any]]:
    c = result.counts
    rows = [
        (t("common.per", lang), result.per.isoformat()),
        (t("propose.sum.scope", lang), result.scope),
        *((t(f"propose.sum.{k}", lang), c[k]) for k in SUMMARY_KEYS),
        *((t(f"propose.sum.aspirations_{k}", lang), c["aspirations_met"][k]) for k in "123"),
        *((t(f"propose.sum.{k}", lang), c[k]) for k in CHAIN_KEYS),
        *(
            (t(f"propose.purpose.{p}", lang), c["purposes"].get(p, 0))
            for p in PURPOSES
            if c["purposes"].get(p, 0)
        ),
        (t("propose.sum.solver", lang), c["solver"]),
        (t("propose.sum.warnings", lang), len(result.issues)),
    ]
    if result.nothing_to_propose:
        rows.insert(0, (t("propose.nothing", lang), ""))
    return rows


def _summary_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    rows = summary_rows(result, lang)
    frame = pd.DataFrame(
        {
            "parameter": [k for k, _ in rows],
            "value": ["" if v is None else str(v) for _, v in rows],
        }
    )
    return _sheet("propose.sheet.summary", frame, lang)


def _fairness_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    f = result.fairness
    outcomes = {g: t(f"propose.outcome.{g}", lang) for g in ASPIRATION_OUTCOMES}
    dimensions = {d: t(f"propose.dimension.{d}", lang) for d in f["dimension"].unique()}
    frame = pd.DataFrame(
        {
            "dimension": f["dimension"].map(dimensions),
            "group": f["group"].mask(f["dimension"] == "aspirasi", f["group"].map(outcomes)),
            "candidates": f["candidates"],
            "moves": f["moves"],
            "share": f["share"] * 100,
        }
    )
    return _sheet("propose.sheet.fairness", frame, lang, {"share": "pct"})


def _robustness_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    r = result.robustness
    frame = pd.DataFrame(
        {
            "part": r["part"].map({p: t(f"propose.part.{p}", lang) for p in PARTS}),
            "factor": r["factor"],
            "moves": r["moves"],
            "kept": r["kept"],
            "dropped": r["dropped"],
            "added": r["added"],
        }
    )
    return _sheet("propose.sheet.robustness", frame, lang, {"factor": "float2"})


def _parameters_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    p = result.parameters
    frame = pd.DataFrame(
        {
            "parameter": p["key"],
            "value": p["value"],
            "description": p["key"].map({k: t(f"propose.param.{k}", lang) for k in p["key"]}),
        }
    )
    return _sheet("propose.sheet.parameters", frame, lang)


def _jpt_sheet(result: ProposalResult, lang: str) -> SheetSpec:
    """JPT vacancies and overdue JPT holders with a shortlist: their own procedure."""
    j = result.jpt
    if j.empty:
        j = pd.DataFrame(columns=list(JPT_COLUMNS))
    frame = pd.DataFrame(
        {
            "kind": j["kind"].map(
                {k: t(f"propose.jpt.{k}", lang) for k in ("formasi", "jatuh_tempo")}
            ),
            "unit_kerja": j["unit_kerja"],
            "jabatan": j["jabatan"],
            "nip": j["nip"],
            "nama": j["nama"],
            "months": j["months"],
            "rank": j["rank"],
            "cand_nip": j["cand_nip"],
            "cand_nama": j["cand_nama"],
            "cand_unit": j["cand_unit"],
            "cand_jabatan": j["cand_jabatan"],
            "jpm": j["jpm"],
        }
    )
    formats: dict[str, Format] = {"nip": "text", "cand_nip": "text", "jpm": "pct"}
    return _sheet("propose.sheet.jpt", frame, lang, formats)


def sheets(
    result: ProposalResult, lang: str = "id", roster: pd.DataFrame | None = None
) -> list[SheetSpec]:
    """The review sheet first, then unfilled, alternatives, not moved, excluded, summary,
    fairness, robustness and parameters (the writer adds Info). ``roster`` (pegawai) gives the
    review sheet its OPD of origin to sort and filter by."""
    return [
        _review_sheet(result, lang, roster),
        _unfilled_sheet(result, lang),
        _alternatives_sheet(result, lang),
        _not_moved_sheet(result, lang),
        _excluded_sheet(result, lang),
        _jpt_sheet(result, lang),
        _summary_sheet(result, lang),
        _fairness_sheet(result, lang),
        _robustness_sheet(result, lang),
        _parameters_sheet(result, lang),
        *proposal_record.sheets(result, lang),  # issue 12: what finalize verifies against
    ]


# ---- console ------------------------------------------------------------------------------


def console(result: ProposalResult, lang: str = "id") -> list[Any]:
    """The summary, then the highest-scoring moves."""
    rows = summary_rows(result, lang)
    out: list[Any] = [key_values(t("propose.console.title", lang), rows, lang)]
    if len(result.moves):
        top = result.moves.sort_values(["score", "nip"], ascending=[False, True], kind="stable")
        columns = ["nip", "nama", "from_unit", "to_unit", "to_jabatan", "score", "jpm"]
        frame = top[columns].rename(columns={c: _label(c, lang) for c in columns})
        out.append(frame_table(t("propose.console.moves", lang), frame, CONSOLE_ROWS, lang))
    return out


# ---- comparison with an earlier proposal --------------------------------------------------


def compare(result: ProposalResult, old_moves: pd.DataFrame) -> pd.DataFrame:
    """Moves added, dropped and with a changed destination against ``old_moves``.

    ``old_moves`` has the canonical review columns (nip, nama, from_unit, from_jabatan, to_unit,
    to_jabatan), e.g. as :func:`mutasi_cli.finalize.review.read_review` returns them.
    """
    keep = ["nip", "nama", "from_unit", "from_jabatan", "to_unit", "to_jabatan"]
    old = old_moves.reindex(columns=keep).dropna(subset=["nip"]).drop_duplicates("nip")
    new = result.moves[keep]
    both = new.merge(old, on="nip", how="outer", suffixes=("", "_old"), indicator=True)
    moved_to = name_key(both["to_unit"]) + "|" + name_key(both["to_jabatan"])
    before = name_key(both["to_unit_old"]) + "|" + name_key(both["to_jabatan_old"])
    change = np.select(
        [
            both["_merge"] == "left_only",
            both["_merge"] == "right_only",
            (moved_to != before).fillna(True),
        ],
        ["added", "dropped", "changed"],
        "",
    )
    for column in ("nama", "from_unit", "from_jabatan"):
        both[column] = both[column].fillna(both[f"{column}_old"])
    out = both.assign(change=change)[change != ""]
    return (
        out.rename(columns={"to_unit_old": "old_to_unit", "to_jabatan_old": "old_to_jabatan"})[
            [
                "change",
                "nip",
                "nama",
                "from_unit",
                "from_jabatan",
                "old_to_unit",
                "old_to_jabatan",
                "to_unit",
                "to_jabatan",
            ]
        ]
        .sort_values(["change", "nip"], kind="stable")
        .reset_index(drop=True)
        .astype("string")
    )


def compare_sheet(changes: pd.DataFrame, lang: str = "id") -> SheetSpec:
    """The comparison as a sheet ("Perbandingan")."""
    frame = changes.assign(
        change=changes["change"].map(
            {c: t(f"propose.change.{c}", lang) for c in ("added", "dropped", "changed")}
        )
    )
    return _sheet("propose.sheet.compare", frame, lang, {"nip": "text"})
