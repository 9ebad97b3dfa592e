"""Performance scales and their common scale (docs/regulasi.md section 4).

Three kinds of record reach the toolkit:

* PP 46/2011 numbers (4.2): a final score 0-100, or an SKP score and a behaviour score combined
  60/40. The category comes from half-open bands (>= 91 Sangat Baik, >= 76 Baik, ...).
* PermenPANRB 6/2022 predikat (4.1): "Sangat Baik" .. "Sangat Kurang"; older category names
  ("Cukup", "Buruk") are recognised through ``SkpSettings.pp46_ordinal``.
* PermenPANRB 6/2022 ratings of hasil kerja and perilaku kerja (Di Atas / Sesuai / Di Bawah
  Ekspektasi, or the SIASN codes 1 / 2 / 3), turned into a predikat through the matrix.

The common scale (:func:`to_common_scale`) gives every record an ``ordinal`` (predikat step 1..5)
and a ``score`` (0-100): the PP 46 number itself, or for a predikat the midpoint of the PP 46 band
with the same ordinal (Sangat Baik 95.5, Baik 83.5, Cukup 68.5, Kurang 56, Buruk 25.5 with the
default bands). A record that fits no scale is flagged ``unscaled`` and reported.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from mutasi_cli.issues import Issue
from mutasi_cli.settings import Settings

SANGAT_BAIK = "Sangat Baik"
BAIK = "Baik"
BUTUH_PERBAIKAN = "Butuh Perbaikan"
KURANG_MISCONDUCT = "Kurang/Misconduct"
SANGAT_KURANG = "Sangat Kurang"

# PermenPANRB 6/2022 predikat matrix (docs/regulasi.md 4.1, CONFIRMED in four codebases).
# Rows: hasil kerja, columns: perilaku kerja, both in SIASN code order 1 atas, 2 sesuai, 3 bawah.
MATRIX: tuple[tuple[str, str, str], ...] = (
    (SANGAT_BAIK, BAIK, KURANG_MISCONDUCT),
    (BAIK, BAIK, KURANG_MISCONDUCT),
    (BUTUH_PERBAIKAN, BUTUH_PERBAIKAN, SANGAT_KURANG),
)
_RATING_WORDS = {"atas": 1, "sesuai": 2, "bawah": 3}  # SIASN refHasilKerja codes (4.1)

PP46_CATEGORIES: tuple[str, ...] = ("Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk")

# Canonical kinerja columns that carry a performance value (schema.KINERJA).
VALUE_COLUMNS: tuple[str, ...] = (
    "nilai",
    "nilai_skp",
    "nilai_perilaku",
    "predikat",
    "hasil_kerja",
    "perilaku_kerja",
)


def _per_distinct(values: pd.Series, convert: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``convert`` applied once per distinct value: exports repeat a handful of labels."""
    codes, uniques = pd.factorize(values.astype("string"))
    converted = convert(pd.Series(uniques, dtype="string"))
    return converted.reindex(codes).set_axis(values.index)


def _fold(values: pd.Series) -> pd.Series:
    """Lower case, single spaces, no spaces around "/": the key form of labels."""
    return (
        values.astype("string")
        .str.casefold()
        .str.replace(r"\s*/\s*", "/", regex=True)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


def rating_code(values: pd.Series) -> pd.Series:
    """Hasil / perilaku rating -> SIASN code (Int64 1 atas, 2 sesuai, 3 bawah; NA if unknown).

    Accepts "Di Atas Ekspektasi", "Diatas", "atas", "Sesuai Ekspektasi", "DIBAWAH", 1, "2", "3.0".
    """
    return _per_distinct(values, _rating_code)


def _rating_code(values: pd.Series) -> pd.Series:
    folded = (
        values.astype("string")
        .str.casefold()
        .str.replace(r"\.0+$", "", regex=True)
        .str.replace(r"[^0-9a-z]", "", regex=True)
    )
    word = folded.str.extract(r"^(?:di)?(atas|sesuai|bawah)(?:ekspektasi)?$", expand=False)
    digit = folded.where(folded.str.fullmatch(r"[123]").fillna(False))
    return word.map(_RATING_WORDS).astype("Int64").fillna(digit.astype("Int64"))


def predikat_from_matrix(hasil: pd.Series, perilaku: pd.Series) -> pd.Series:
    """Predikat (string, NA when either rating is unknown) from the 2022 matrix (docs/regulasi.md 4.1)."""
    h = rating_code(hasil)
    p = rating_code(perilaku)
    known = (h.notna() & p.notna()).to_numpy()
    cells = np.asarray([label for row in MATRIX for label in row], dtype=object)
    flat = (h.fillna(1).to_numpy(dtype=int) - 1) * 3 + p.fillna(1).to_numpy(dtype=int) - 1
    return pd.Series(np.where(known, cells[flat], None), index=hasil.index, dtype="string")


def pp46_combined(skp: pd.Series, perilaku: pd.Series, settings: Settings) -> pd.Series:
    """PP 46/2011 final score = 60% SKP + 40% perilaku (docs/regulasi.md 4.2), Float64.

    Rounded to 9 decimals so that a score meant to sit on a cut point (e.g. 91.0) is not pushed
    below it by binary floating point.
    """
    s = settings.skp
    skp = pd.to_numeric(skp).astype("Float64")
    perilaku = pd.to_numeric(perilaku).astype("Float64")
    return (s.pp46_weight_skp * skp + s.pp46_weight_perilaku * perilaku).round(9)


def pp46_category(score: pd.Series, settings: Settings) -> pd.Series:
    """PP 46/2011 category of a score with half-open bands (docs/regulasi.md 4.2), string.

    >= 91 Sangat Baik; 76 <= x < 91 Baik; 61 <= x < 76 Cukup; 51 <= x < 61 Kurang; below Buruk.
    """
    s = settings.skp
    x = pd.to_numeric(score).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    bounds = (s.pp46_sangat_baik, s.pp46_baik, s.pp46_cukup, s.pp46_kurang)
    conditions = [x >= b for b in bounds] + [x < s.pp46_kurang]
    labels = np.select(conditions, PP46_CATEGORIES, default=None)
    return pd.Series(labels, index=score.index, dtype="string")


def _ordinal_map(settings: Settings) -> dict[str, int]:
    """2022 predikat names over PP 46 category names (the latter for legacy exports)."""
    merged = {**settings.skp.pp46_ordinal, **settings.skp.predikat_ordinal}
    keys = _fold(pd.Series(list(merged), dtype="string"))
    return dict(zip(keys, merged.values(), strict=True))


def predikat_ordinal(predikat: pd.Series, settings: Settings) -> pd.Series:
    """Predikat text -> ordinal step (Int64, 5 Sangat Baik .. 1 Sangat Kurang; NA if unknown).

    Uses ``SkpSettings.predikat_ordinal`` (docs/regulasi.md 4.1); PP 46 category names ("Cukup",
    "Buruk") map through ``SkpSettings.pp46_ordinal``.
    """
    mapping = _ordinal_map(settings)
    return _per_distinct(predikat, lambda v: _fold(v).map(mapping).astype("Int64"))


def band_midpoints(settings: Settings) -> dict[int, float]:
    """Ordinal -> midpoint of the PP 46 band(s) carrying that ordinal: the score of a predikat."""
    s = settings.skp
    edges = (s.pp46_max, s.pp46_sangat_baik, s.pp46_baik, s.pp46_cukup, s.pp46_kurang, 0.0)
    ordinal_of = {k.casefold(): v for k, v in s.pp46_ordinal.items()}
    spans: dict[int, tuple[float, float]] = {}
    for name, high, low in zip(PP46_CATEGORIES, edges[:-1], edges[1:], strict=True):
        step = ordinal_of[name.casefold()]
        lo, hi = spans.get(step, (low, high))
        spans[step] = (min(lo, low), max(hi, high))
    return {step: (lo + hi) / 2 for step, (lo, hi) in spans.items()}


def _in_range(values: pd.Series, settings: Settings) -> pd.Series:
    return values.where((values >= 0) & (values <= settings.skp.pp46_max))


def _candidates(kinerja: pd.DataFrame, settings: Settings):
    """(scale, ordinal, score) per scale the frame's columns allow, in order of preference.

    Array work: a PP 46 number's ordinal is its band's step (:func:`pp46_category`, then
    ``pp46_ordinal``), a predikat's score the midpoint of its step (:func:`band_midpoints`);
    labels are looked up once per distinct value.
    """
    cols = kinerja.columns
    pp46_steps = {k.casefold(): v for k, v in settings.skp.pp46_ordinal.items()}
    # the step of each PP46_CATEGORIES band (NaN where pp46_ordinal lacks the category)
    band_steps = np.array([pp46_steps.get(c.casefold(), np.nan) for c in PP46_CATEGORIES], float)
    midpoints = band_midpoints(settings)

    def from_number(score: pd.Series) -> tuple[pd.Series, pd.Series]:
        score = _in_range(score, settings)
        band = _pp46_band(score, settings)
        ordinal = np.where(band >= 0, band_steps[band], np.nan)
        return _floats(ordinal, score.index), score

    def from_ordinal(ordinal: pd.Series) -> tuple[pd.Series, pd.Series]:
        codes, steps = pd.factorize(ordinal)  # NA -> -1
        middle = np.array([midpoints.get(step, np.nan) for step in steps] + [np.nan], float)
        return ordinal.astype("Float64"), _floats(middle[codes], ordinal.index)

    if "nilai" in cols:
        yield ("pp46", *from_number(pd.to_numeric(kinerja["nilai"]).astype("Float64")))
    if {"nilai_skp", "nilai_perilaku"} <= set(cols):
        skp = _in_range(pd.to_numeric(kinerja["nilai_skp"]).astype("Float64"), settings)
        perilaku = _in_range(pd.to_numeric(kinerja["nilai_perilaku"]).astype("Float64"), settings)
        yield ("pp46", *from_number(pp46_combined(skp, perilaku, settings)))
    if "predikat" in cols:
        yield ("predikat", *from_ordinal(predikat_ordinal(kinerja["predikat"], settings)))
    if {"hasil_kerja", "perilaku_kerja"} <= set(cols):
        hasil, perilaku = kinerja["hasil_kerja"], kinerja["perilaku_kerja"]
        coded = _is_code(hasil) & _is_code(perilaku)
        ordinal, score = from_ordinal(_matrix_ordinal(hasil, perilaku, settings))
        yield ("siasn", ordinal.where(coded), score.where(coded))
        yield ("matrix", ordinal, score)


def _floats(values: np.ndarray, index: pd.Index) -> pd.Series:
    """Float64 with NA where ``values`` is NaN."""
    return pd.Series(pd.array(values, dtype="Float64"), index=index)


def _pp46_band(score: pd.Series, settings: Settings) -> np.ndarray:
    """Position in PP46_CATEGORIES of each score's band (:func:`pp46_category`), -1 when NA."""
    s = settings.skp
    x = score.to_numpy(dtype=float, na_value=np.nan)
    bounds = (s.pp46_sangat_baik, s.pp46_baik, s.pp46_cukup, s.pp46_kurang)
    conditions = [x >= b for b in bounds] + [x < s.pp46_kurang]
    return np.select(conditions, np.arange(len(PP46_CATEGORIES)), default=-1)


def _matrix_ordinal(hasil: pd.Series, perilaku: pd.Series, settings: Settings) -> pd.Series:
    """:func:`predikat_ordinal` of :func:`predikat_from_matrix`, one lookup per matrix cell."""
    h = rating_code(hasil)
    p = rating_code(perilaku)
    known = (h.notna() & p.notna()).to_numpy()
    cells = pd.Series([label for row in MATRIX for label in row], dtype="string")
    steps = predikat_ordinal(cells, settings)
    flat = (h.fillna(1).to_numpy(dtype=int) - 1) * 3 + p.fillna(1).to_numpy(dtype=int) - 1
    taken = steps.take(np.where(known, flat, 0)).to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(pd.array(np.where(known, taken, np.nan), dtype="Float64"), index=hasil.index)


def _is_code(values: pd.Series) -> pd.Series:
    return _per_distinct(
        values, lambda v: v.str.strip().str.fullmatch(r"[123](?:\.0+)?").astype("boolean")
    ).fillna(False)


def to_common_scale(kinerja: pd.DataFrame, settings: Settings) -> tuple[pd.DataFrame, list[Issue]]:
    """Add ``ordinal`` and ``score`` (Float64), ``scale`` and ``unscaled`` to a kinerja frame.

    Each row takes the first scale that fits it: a PP 46 ``nilai``, then ``nilai_skp`` +
    ``nilai_perilaku`` (60/40), then ``predikat``, then ``hasil_kerja`` + ``perilaku_kerja``
    through the matrix (``scale`` "siasn" when both are codes 1/2/3, else "matrix"). A row that
    fits none gets ``unscaled`` True and one ``kinerja-unscaled`` issue.
    """
    out = kinerja.copy()
    ordinal = pd.Series(pd.NA, index=out.index, dtype="Float64")
    score = pd.Series(pd.NA, index=out.index, dtype="Float64")
    scale = pd.Series(pd.NA, index=out.index, dtype="string")
    for name, cand_ordinal, cand_score in _candidates(out, settings):
        take = ordinal.isna() & cand_ordinal.notna()
        ordinal = ordinal.mask(take, cand_ordinal)
        score = score.mask(take, cand_score)
        scale = scale.mask(take, name)
    out["ordinal"], out["score"], out["scale"] = ordinal, score, scale
    out["unscaled"] = ordinal.isna().to_numpy()
    return out, _unscaled_issues(out, settings)


def _unscaled_issues(frame: pd.DataFrame, settings: Settings) -> list[Issue]:
    bad = frame[frame["unscaled"]]
    if bad.empty:
        return []
    present = [c for c in VALUE_COLUMNS if c in bad.columns]
    blank = pd.Series("", index=bad.index, dtype="string")
    parts = [bad[c].astype("string").fillna("") for c in present] or [blank]
    text = parts[0].str.cat(parts[1:], sep=" / ") if len(parts) > 1 else parts[0]
    text = text.str.replace(r"( / )+", " / ", regex=True).str.strip(" /")
    rows = bad["excel_row"] if "excel_row" in bad.columns else pd.Series(pd.NA, index=bad.index)
    return [
        Issue(
            "kinerja-unscaled",
            sheet="kinerja",
            column=present[0] if present else "",
            value=value,
            row=None if pd.isna(row) else int(row),
            nip=str(nip),
            params={"max": f"{settings.skp.pp46_max:g}"},
        )
        for nip, row, value in zip(bad["nip"], rows, text, strict=True)
    ]


def predikat_name(ordinal: pd.Series, settings: Settings) -> pd.Series:
    """The predikat name of a (rounded) step 1..5, for rules that read predikat text."""
    names: dict[int, str] = {}
    for name, step in settings.skp.predikat_ordinal.items():
        names.setdefault(step, name)
    steps = ordinal.astype("Float64").round().astype("Int64")
    return steps.map(names).astype("string").str.title()


def with_latest_kinerja(
    pegawai: pd.DataFrame, kinerja: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """The roster with ``kinerja`` set to each person's latest scaled performance record.

    A performance export is the better source than a typed roster column; people without any
    usable record keep the roster's predikat.
    """
    scaled, _ = to_common_scale(kinerja, settings)
    scaled = scaled[scaled["ordinal"].notna()].sort_values(["nip", "period_end"], kind="stable")
    latest = scaled.drop_duplicates("nip", keep="last").set_index("nip")["ordinal"]
    recorded = predikat_name(latest, settings).reindex(pegawai["nip"]).set_axis(pegawai.index)
    current = pegawai["kinerja"].astype("string") if "kinerja" in pegawai else None
    return pegawai.assign(kinerja=recorded if current is None else recorded.fillna(current))


ANNUAL_COLUMNS: tuple[str, ...] = ("nip", "tahun", "predikat", "nilai", "sumber")


def annual_predikat(
    kinerja: pd.DataFrame, settings: Settings, *, scaled: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One performance result per person and year: the annual SKP predikat.

    PermenPANRB 6/2022 makes the annual evaluation the SKP result that counts (docs/regulasi.md 4.1);
    exports also hold monthly/quarterly rows. Per (nip, year of ``period_end``):

    * an annual row (``period_kind`` "tahun") wins, ``sumber`` "tahunan" (the last one if the
      export repeats it);
    * otherwise the year's last period (latest ``period_end``) stands for the year,
      ``sumber`` "periode_terakhir" -- the predikat of the closing period is the one the
      annual evaluation confirms in practice (documented default, not a regulation).

    Returns columns ``nip``, ``tahun`` (int), ``predikat`` (canonical name, "Sangat Baik" ..
    "Sangat Kurang"), ``nilai`` (Float64, the common 0-100 score) and ``sumber``; rows that fit
    no scale are left out. ``scaled``: :func:`to_common_scale` of ``kinerja`` when the caller
    has it already.
    """
    if kinerja.empty or "period_end" not in kinerja.columns:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _ANNUAL_DTYPES.items()})
    if scaled is None:
        scaled, _ = to_common_scale(kinerja, settings)
    scaled = scaled[scaled["ordinal"].notna() & scaled["period_end"].notna()]
    kind = (
        scaled["period_kind"].astype("string")
        if "period_kind" in scaled.columns
        else pd.Series(pd.NA, index=scaled.index, dtype="string")
    )
    frame = pd.DataFrame(
        {
            "nip": scaled["nip"].astype("string"),
            "tahun": scaled["period_end"].dt.year.astype(int),
            "annual": kind.eq("tahun").fillna(False).to_numpy(dtype=bool),
            "period_end": scaled["period_end"],
            "ordinal": scaled["ordinal"],
            "nilai": scaled["score"].astype("Float64"),
        }
    )
    frame = frame.sort_values(["nip", "tahun", "annual", "period_end"], kind="stable")
    best = frame.drop_duplicates(["nip", "tahun"], keep="last")
    out = pd.DataFrame(
        {
            "nip": best["nip"].to_numpy(),
            "tahun": best["tahun"].to_numpy(dtype=int),
            "predikat": predikat_name(best["ordinal"], settings).to_numpy(),
            "nilai": best["nilai"].to_numpy(),
            "sumber": np.where(best["annual"], "tahunan", "periode_terakhir"),
        }
    )
    return out.astype(_ANNUAL_DTYPES).reset_index(drop=True)


_ANNUAL_DTYPES: dict[str, str] = {
    "nip": "string",
    "tahun": "int64",
    "predikat": "string",
    "nilai": "Float64",
    "sumber": "string",
}


def latest_annual(annual: pd.DataFrame, nips: pd.Series) -> pd.Series:
    """Each person's most recent annual predikat (string, NA when none), aligned to ``nips``."""
    last = annual.sort_values(["nip", "tahun"], kind="stable").drop_duplicates("nip", keep="last")
    found = last.set_index("nip")["predikat"].reindex(nips.astype("string"))
    return pd.Series(found.to_numpy(), index=nips.index, dtype="string")


def predikat_requirement(
    annual: pd.DataFrame, nips: pd.Series, per_year: int, settings: Settings
) -> pd.DataFrame:
    """Who meets the performance requirement of a transfer (docs/regulasi.md 5.2 item 6).

    An annual predikat of at least ``propose.min_predikat`` in each of the last
    ``propose.min_predikat_years`` complete years before ``per_year``; a missing year fails.
    Returns ``ok`` (bool) and ``detail`` ("2024=Baik; 2025=Butuh Perbaikan", "-" where a year is
    missing) aligned to ``nips``.
    """
    cfg = settings.propose
    years = list(range(per_year - cfg.min_predikat_years, per_year))
    if not years:
        return pd.DataFrame({"ok": True, "detail": pd.NA}, index=nips.index).astype(
            {"detail": "string"}
        )
    floor = predikat_ordinal(pd.Series([cfg.min_predikat]), settings).iloc[0]
    wanted = annual[annual["tahun"].isin(years)]
    table = wanted.pivot_table(
        index="nip", columns="tahun", values="predikat", aggfunc="last"
    ).reindex(index=nips.astype("string"), columns=years)
    ok = np.ones(len(nips), bool)
    detail = pd.Series("", index=range(len(nips)), dtype="string")
    for year in years:  # a loop over the required years, not rows
        values = table[year].astype("string").reset_index(drop=True)
        step = predikat_ordinal(values, settings)
        ok &= (step >= floor).fillna(False).to_numpy(bool)
        detail = detail + np.where(detail == "", "", "; ") + f"{year}=" + values.fillna("-")
    return pd.DataFrame({"ok": ok, "detail": detail.to_numpy()}, index=nips.index).astype(
        {"detail": "string"}
    )
