"""All settings in one place: frozen dataclasses with documented defaults, loaded from mutasi.toml.

Precedence is flags > file > defaults. Every regulation-derived number lives here with its source
in ``docs/regulasi.md`` (the section is named in the comment beside it); no function hard-codes one.
Values marked UNCONFIRMED in docs/regulasi.md section 11 are defaults an office may change.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mutasi_cli.errors import UsageError


@dataclass(frozen=True)
class AbkSettings:
    """Workload analysis (ABK), docs/regulasi.md section 1."""

    # WKE, effective working minutes per year. PermenPANRB 1/2020: 1,250 h = 75,000 min (1.3).
    # Variants: Perka BKN 19/2011 1,200 h = 72,000; KEP/75/M.PAN/2004 1,300 h = 78,000.
    wke_minutes: float = 75_000.0
    # Multipliers that annualise a volume by its period (1.2; SIMONKEB README, REPORTED). The
    # daily and weekly ones follow the WKE's working-day basis: 75,000 min / 300 effective
    # minutes a day = 250 days, 50 five-day weeks (PermenPANRB 1/2020, 1.3). With the Perka BKN
    # 19/2011 WKE of 72,000 min use hari = 240 and minggu = 48.
    period_multipliers: dict[str, float] = field(
        default_factory=lambda: {
            "tahun": 1.0,
            "semester": 2.0,
            "triwulan": 4.0,
            "bulan": 12.0,
            "minggu": 50.0,
            "hari": 250.0,
        }
    )
    # Rounding of the need per position (1.5, UNCONFIRMED): "ceil" | "round_half_up" | "none".
    rounding: str = "ceil"
    # A position with any load needs at least one person (1.5, kangom blog practice).
    minimum_one: bool = True
    # Flag a position whose formation number and ABK need differ by more than this many people.
    difference_tolerance: float = 0.0
    # Which need wins when a position has both (1.4; office choice): "formasi" | "abk".
    # The other is the fallback when the preferred one is missing.
    need_source: str = "formasi"


@dataclass(frozen=True)
class EjSettings:
    """Efisiensi jabatan bands, docs/regulasi.md section 1.6 (CONFLICT; variant (b) by default).

    A value at or above ``thresholds[k]`` gets band k (checked from A down), except band A,
    which needs EJ strictly above its threshold unless ``a_inclusive`` is true (NTT code: >= 1.0).
    Below the last threshold the band is E.
    """

    thresholds: dict[str, float] = field(
        default_factory=lambda: {"A": 1.00, "B": 0.90, "C": 0.70, "D": 0.50}
    )
    a_inclusive: bool = False
    labels: dict[str, str] = field(
        default_factory=lambda: {
            "A": "Sangat Baik",
            "B": "Baik",
            "C": "Cukup",
            "D": "Sedang",
            "E": "Kurang",
        }
    )


@dataclass(frozen=True)
class JpmSettings:
    """Job Person Match, docs/regulasi.md section 2."""

    # Pemetaan scale, Peraturan BRIN 3/2023 Pasal 33 (2.3A): lower bounds inclusive.
    optimal: float = 90.0
    cukup_optimal: float = 78.0
    # Seleksi scale, PermenPANRB 35/2020 (2.3B).
    memenuhi_syarat: float = 80.0
    masih_memenuhi_syarat: float = 68.0
    # Overall cap at 100% (Kaltim code, 2.1); per-item cap UNCONFIRMED (off by default).
    cap_total: float = 100.0
    cap_per_item: bool = False
    # Teknis vs manajerial+sosial kultural weights by JF jenjang (PermenPANRB 35/2020, 2.1).
    # A jenjang not listed here is scored unweighted (sum over sum).
    weights_teknis: dict[str, float] = field(
        default_factory=lambda: {"ahli_madya": 0.40, "ahli_muda": 0.50, "ahli_pertama": 0.60}
    )
    use_jenjang_weights: bool = False


@dataclass(frozen=True)
class TalentSettings:
    """9-box talent map, docs/regulasi.md section 3 (predikat -> kinerja axis UNCONFIRMED, 3.2)."""

    # Predikat (ordinal 1..5, see SkpSettings) at or above which kinerja is "atas" / "sesuai".
    kinerja_atas_from: int = 5  # Sangat Baik
    kinerja_sesuai_from: int = 4  # Baik
    # Potensi from JPM % (talent code, 2.3A): >= 90 tinggi, >= 78 menengah, else rendah.
    potensi_tinggi_from: float = 90.0
    potensi_menengah_from: float = 78.0
    # Boxes whose recommendation names rotation (3.3): favoured by propose.
    rotation_boxes: tuple[int, ...] = (4, 7, 8)


@dataclass(frozen=True)
class SkpSettings:
    """Performance scales, docs/regulasi.md section 4."""

    # Ordinal value of each 2022 predikat (PermenPANRB 6/2022, 4.1).
    predikat_ordinal: dict[str, int] = field(
        default_factory=lambda: {
            "sangat baik": 5,
            "baik": 4,
            "butuh perbaikan": 3,
            "kurang": 2,
            "misconduct": 2,
            "kurang/misconduct": 2,
            "sangat kurang": 1,
        }
    )
    # PP 46/2011 category lower bounds (4.2): >= 91 SB, >= 76 B, >= 61 Cukup, >= 51 Kurang.
    pp46_sangat_baik: float = 91.0
    pp46_baik: float = 76.0
    pp46_cukup: float = 61.0
    pp46_kurang: float = 51.0
    # PP 46/2011 final score = 60% SKP + 40% perilaku (4.2, CONFIRMED).
    pp46_weight_skp: float = 0.6
    pp46_weight_perilaku: float = 0.4
    # PP 46/2011 category -> ordinal on the 2022 scale (UNCONFIRMED; documented default).
    pp46_ordinal: dict[str, int] = field(
        default_factory=lambda: {"sangat baik": 5, "baik": 4, "cukup": 3, "kurang": 2, "buruk": 1}
    )
    # Top of the PP 46/2011 scale (4.2: scores run 0-100); a value outside 0..max fits no scale.
    pp46_max: float = 100.0


@dataclass(frozen=True)
class RangeSettings:
    """Golongan range of a post when the position map gives none (SIASN golongan ids).

    Eselon: PP 13/2002 (amending PP 100/2000), docs/regulasi.md 5.4, CONFIRMED. JF jenjang: the usual
    pangkat of each jenjang (PermenPANRB 13/2019; REPORTED, not in docs/regulasi.md): Ahli Pertama
    III/a-III/b, Ahli Muda III/c-III/d, Ahli Madya IV/a-IV/c, Ahli Utama IV/d-IV/e, Pemula II/a,
    Terampil II/c-II/d, Mahir III/a-III/b, Penyelia III/c-III/d.
    """

    eselon_min: dict[str, int] = field(
        default_factory=lambda: {
            "I.a": 44, "I.b": 43, "II.a": 43, "II.b": 42, "III.a": 41,
            "III.b": 34, "IV.a": 33, "IV.b": 32, "V.a": 31,
        }
    )  # fmt: skip
    eselon_max: dict[str, int] = field(
        default_factory=lambda: {
            "I.a": 45, "I.b": 45, "II.a": 44, "II.b": 43, "III.a": 42,
            "III.b": 41, "IV.a": 34, "IV.b": 33, "V.a": 32,
        }
    )  # fmt: skip
    jf_min: dict[str, int] = field(
        default_factory=lambda: {
            "ahli_pertama": 31, "ahli_muda": 33, "ahli_madya": 41, "ahli_utama": 44,
            "pemula": 21, "terampil": 23, "mahir": 31, "penyelia": 33,
        }
    )  # fmt: skip
    jf_max: dict[str, int] = field(
        default_factory=lambda: {
            "ahli_pertama": 32, "ahli_muda": 34, "ahli_madya": 43, "ahli_utama": 45,
            "pemula": 21, "terampil": 24, "mahir": 32, "penyelia": 34,
        }
    )  # fmt: skip


@dataclass(frozen=True)
class RotationSettings:
    """Time in position, docs/regulasi.md section 5.3 (Perban BKN 5/2019 Pasal 2(3))."""

    min_months: int = 24
    max_months: int = 60


@dataclass(frozen=True)
class BupSettings:
    """Retirement age (BUP) by job group, PP 11/2017 Pasal 239, docs/regulasi.md section 5.6."""

    ages: dict[str, int] = field(
        default_factory=lambda: {
            "pelaksana": 58,
            "pengawas": 58,
            "administrator": 58,
            "jf_keterampilan": 58,
            "ahli_pertama": 58,
            "ahli_muda": 58,
            "ahli_madya": 60,
            "ahli_utama": 65,
            "jpt": 60,
        }
    )
    default_age: int = 58
    # Job families with their own BUP (sector rules, 5.6), matched as a regular expression
    # against the job family (rumpun), else the position title, case-insensitive. A match
    # applies when higher than the jenjang's age. Guru 60: UU 14/2005 (REPORTED); Pengawas
    # Sekolah 60: PermenPANRB 21/2010 (REPORTED, not in docs/regulasi.md).
    family_ages: dict[str, int] = field(
        default_factory=lambda: {r"^guru\b": 60, r"^pengawas sekolah\b": 60}
    )
    # TMT pensiun = first day of the month after reaching BUP (5.6, general practice).
    first_of_next_month: bool = True


@dataclass(frozen=True)
class ProposeSettings:
    """Who may be moved, and how a move is scored (docs/regulasi.md sections 2, 3, 5;
    DESIGN.md 5).

    The model in one page for analysts: docs/propose-model.md.
    """

    exclude_pppk: bool = True  # PPPK have no mutasi rights like PNS (5.3, REPORTED)
    block_active_sanction: bool = True  # Perban BKN 5/2019 requirement (5.2, 5.5)
    bup_protect_months: int = 12  # reaching BUP within N months: not moved (5.6)
    exclude_talent_box_1: bool = True  # box 1 goes to performance handling (3.3)
    # Used only when respect_unwilling is false: "tidak bersedia" then honoured unless due.
    unwilling_excluded_unless_due: bool = True
    # JPT not replaced within 2 years of inauguration: UU 5/2014 Pasal 116 (SE MenPANRB 2/2016),
    # the rule as quoted in docs/regulasi.md 5.1; UU 20/2023 replaced UU 5/2014 as the ASN law.
    jpt_protect_months: int = 24
    rotation_compulsory: bool = False  # if true, someone due may not stay
    include_retirement_slots: bool = False
    retirement_horizon_months: int = 12
    outflow_cap_per_unit: int | None = None
    # Election blackout windows, each "YYYY-MM-DD/YYYY-MM-DD" (UU 10/2016 Pasal 71(2), 162(3);
    # 5.1): inside one, pejabat (struktural) are neither moved nor replaced -- that needs the
    # Mendagri's written permission; pelaksana and JF moves go on.
    blackout: tuple[str, ...] = ()
    # Score weights (each part is scaled to about 0..1 before weighting; docs/propose-model.md).
    weight_competency: float = 4.0
    # Talent box recommending rotation (4, 7, 8; 3.3), only into a post the person fits.
    weight_talent: float = 0.5
    weight_aspiration: float = 2.0
    # A change of parent unit / position name alone: no reason to move (0 by default).
    weight_development: float = 0.0
    # Seat value: the target's shortage share, minus the value of the seat left behind (plus
    # the relief of leaving a surplus position).
    weight_vacancy: float = 4.0
    aspiration_points: tuple[float, ...] = (1.0, 0.6, 0.3)
    robustness_delta: float = 0.10
    # Robustness re-solves (2 per weight) run only up to this many candidates ...
    robustness_max_candidates: int = 2500
    # ... and, when the chain limit needs the integer program (a long chain in the optimum),
    # only up to this many (each re-solve is then an integer program of its own).
    robustness_max_chain_candidates: int = 500
    # ---- a round a committee would sign (issue 9; docs/propose-model.md) ----
    # Fixed price of every move (handover, learning curve): a move's gain must exceed it, so
    # with no reason a person stays. Office choice, no regulation.
    move_cost: float = 1.5
    # Past the rotation limit (rotation.max_months, Perban BKN 5/2019 Pasal 2(3)) is a reason
    # to move only into a post the person fits: JPM % at the target at least this (78 = "cukup
    # optimal", Peraturan BRIN 3/2023 Pasal 33, docs/regulasi.md 2.3A). Also the fit a talent move needs.
    fit_min_jpm: float = 78.0
    weight_rotation: float = 0.5
    # Longest vacancy chain (moves that stand or fall together); longer chains are not proposed.
    max_chain_length: int = 3
    # false: every move's own score (without the seat it leaves) is >= 0, nobody is moved to
    # make room for someone else; true: such moves are allowed and their reason says for whom.
    allow_displacement: bool = False
    # true: nobody who answered "tidak bersedia" is proposed (Perban BKN 5/2019 asks for the
    # employee's application, docs/regulasi.md 5.2 item 2).
    respect_unwilling: bool = True
    # A move requires an annual SKP predikat of at least min_predikat in each of the last
    # min_predikat_years years (Perban BKN 5/2019 Pasal 3, docs/regulasi.md 5.2 item 6, REPORTED). A
    # missing year fails. 0 years switches the rule off.
    min_predikat: str = "Baik"
    min_predikat_years: int = 2
    # JPT (eselon I/II) are never auto-proposed: open selection / competency test (UU 20/2023,
    # docs/regulasi.md 5.7). Their vacancies and overdue holders go to a sheet with a shortlist.
    exclude_jpt: bool = True
    jpt_shortlist: int = 3
    # Guru move to the same subject / teaching type (the title without its jenjang) and the same
    # school level (SD, SMP, ...) unless the move meets their aspiration (practice, documented).
    guru_same_level: bool = True
    # Pelaksana move to another title only inside its group of the pelaksana nomenclature
    # (package file data/pelaksana_groups.csv; the map's rumpun column overrides).
    pelaksana_groups: bool = True
    # Deferred (Tunda) moves of the committee record come back first: a score bonus.
    weight_carry_over: float = 5.0
    # Rejected (Tolak) moves are not proposed again for this many months after the decision.
    reject_cooldown_months: int = 12
    # Seconds the solve may take before the chain-limited search stops pricing (a
    # province-sized job family); past it the best plan found so far is proposed and its proven
    # optimality gap is reported (warning propose-solver-time-limit). A city finishes exactly in
    # about a second, 16,000 candidates in about 5 s, 40,000 in about 35 s. 0: no limit.
    # Office choice, no regulation.
    solver_time_limit_seconds: float = 120.0
    # Runner-ups listed per move and kind (other candidates for its seat, other seats for its
    # person) on the review workbook's alternatives sheet; every move is kept. Not a regulation:
    # bounds that sheet (62,000 rows at 10,000 moves).
    runner_ups: int = 3


@dataclass(frozen=True)
class EvaluateSettings:
    """Before/after evaluation of transfers (docs/regulasi.md section 4; DESIGN.md 5)."""

    before_periods: int = 4
    after_periods: int = 4
    adaptation_months: int = 3
    improve_threshold: float = 0.25  # change in predikat steps counted as meningkat / menurun
    min_periods: int = 2  # per window, else "belum cukup data"
    # Fewer movers than this in a group: shown greyed with a warning, never as a finding (the
    # coverage simulation in docs/evaluation-method.md holds the interval level from 6 movers on,
    # but a unit of 6 is still one team's story).
    min_group_n: int = 10
    # Resamples of the control people: they give the control group's share of the interval's
    # variance (the movers' share is exact); 200 estimate it within about 10 %.
    bootstrap_samples: int = 200
    seed: int = 1
    intervention_after_months: int = 6
    early_warning_drop: float = 1.0  # drop in predikat steps against the previous mean
    duplicate_rule: str = "last"  # "last" | "min" | "max" | "mean"
    extreme_pre_quantile: float = 0.10
    early_warning_previous: int = 3  # how many earlier periods the latest one is compared with
    confidence: float = 0.95  # bootstrap interval level
    # Match the control group on the mover's origin unit and/or grade group: "unit", "grade".
    control_match: tuple[str, ...] = ()
    # --- issue 13: matched controls, pre-trend check, monitoring (no regulation; method) ---
    # "matched": per mover the `match_controls` non-movers of the same `match_on` stratum nearest
    # in mean predikat over the mover's own before window; "all": every non-mover (stratified by
    # `control_match`), the behaviour before matching existed.
    control: str = "matched"
    match_on: tuple[str, ...] = ("jenis", "grade")  # "jenis" (jenis jabatan), "grade", "unit"
    match_controls: int = 10
    # Pre-trend (placebo) check: the before window split in an earlier and a later half; a
    # difference between movers and controls already there makes the effect not credible.
    pretrend_check: bool = True
    max_after_periods: int = 8  # longest after window accepted (quarters 1..8)
    # Monitoring (`mutasi monitor`): a warning is closed when the latest period is back within
    # this many steps of the level before the drop.
    recovery_margin: float = 0.5


@dataclass(frozen=True)
class FinalizeSettings:
    """Decree drafts written by finalize (office practice, no regulation: docs/regulasi.md 5.7)."""

    # Number of the collective decree (SK) every petikan quotes; {seq} and {year} (of the TMT)
    # are filled in. The office's own numbering (klasifikasi arsip) is typed over in Word.
    nomor_sk_pattern: str = "800/{seq:03d}/BKPSDM/{year}"
    nomor_sk_seq: int = 1


@dataclass(frozen=True)
class NormalizeSettings:
    """Plausibility checks applied while input is normalised (docs/regulasi.md section 6.1)."""

    # A NIP's TMT (digits 9-14) lies after the holder's 18th birthday (6.1: "a TMT year-month
    # after the birth date plus about 18 years").
    nip_min_age_at_tmt: int = 18
    # Birth dates before this year are typing errors (a real import template holds 1888, 1891).
    earliest_birth_year: int = 1900
    # Cells listed one by one per problem code and column; the rest of them are summarised in
    # one issue with their count and rows (not a regulation: keeps a 200,000-row file with one
    # wrong column readable, and reading it fast). 0 lists none, only the summary.
    issues_listed: int = 1000


@dataclass(frozen=True)
class LimitsSettings:
    """Input limits that keep memory bounded on damaged, hostile or mistaken files (issue 12).

    A workbook is a zip of XML parts: before reading, every part's declared size and its actual
    inflated size are checked (``io/limits.py``). The defaults are generous for a 1M-row roster.
    """

    # Largest input file, in MB, checked before it is read (a file is held in memory whole while
    # it is read: a database dump or a video saved as .xlsx by mistake would exhaust it). A
    # 1M-row roster is about 70 MB as .xlsx, 300-600 MB as CSV.
    max_file_mb: float = 1_024.0
    # Largest inflated size of one workbook part (sheet XML, shared strings), in MB. A 1M-row,
    # 30-column roster sheet is about 1.2 GB of XML; the default leaves room for that.
    max_part_mb: float = 2_000.0
    # Largest total inflated size as a multiple of the file's size (the budget is the larger of
    # this x file size and ratio_check_from_mb). Real workbooks inflate 5-25x (sample city and
    # real-world files); zip bombs 100-1000x. 50x keeps a 10 MB file under 500 MB of XML.
    max_ratio: float = 50.0
    ratio_check_from_mb: float = 64.0
    # Largest grid of one sheet, in cells (rows x columns, from A1 to the farthest cell that
    # holds a value): the reader holds the whole grid at about 32 bytes a cell, so one value
    # typed at XFD1048576 would ask for 550 GB. 40 million cells (1.3 GB) fit a 1M-row,
    # 40-column roster.
    max_sheet_cells: int = 40_000_000
    # Longest text of one cell (Excel's own limit is 32,767 characters).
    max_cell_chars: int = 32_767
    # Inflated workbook size per MB of file above which `validate --annotate` refuses to make
    # an annotated copy (openpyxl holds a whole workbook in memory, about 50x its XML).
    annotate_max_mb: float = 100.0


@dataclass(frozen=True)
class OutputSettings:
    lang: str = "id"
    out_dir: str = "."


@dataclass(frozen=True)
class PathSettings:
    """Input files for batch use, relative to the mutasi.toml that names them."""

    pegawai: str | None = None
    jabatan: str | None = None
    beban_kerja: str | None = None
    kompetensi: str | None = None
    aspirasi: str | None = None
    kinerja: tuple[str, ...] = ()
    riwayat_mutasi: str | None = None
    review: str | None = None
    carry_over: str | None = None  # committee record (keputusan-komite-*.xlsx)


@dataclass(frozen=True)
class Settings:
    abk: AbkSettings = field(default_factory=AbkSettings)
    ej: EjSettings = field(default_factory=EjSettings)
    jpm: JpmSettings = field(default_factory=JpmSettings)
    talent: TalentSettings = field(default_factory=TalentSettings)
    skp: SkpSettings = field(default_factory=SkpSettings)
    rotation: RotationSettings = field(default_factory=RotationSettings)
    ranges: RangeSettings = field(default_factory=RangeSettings)
    bup: BupSettings = field(default_factory=BupSettings)
    propose: ProposeSettings = field(default_factory=ProposeSettings)
    evaluate: EvaluateSettings = field(default_factory=EvaluateSettings)
    finalize: FinalizeSettings = field(default_factory=FinalizeSettings)
    normalize: NormalizeSettings = field(default_factory=NormalizeSettings)
    limits: LimitsSettings = field(default_factory=LimitsSettings)
    output: OutputSettings = field(default_factory=OutputSettings)
    paths: PathSettings = field(default_factory=PathSettings)
    source: str | None = None  # the file the settings came from, for the Info sheet
    warnings: tuple[str, ...] = ()  # unknown keys, reported once by the CLI

    def as_dict(self) -> dict[str, Any]:
        """Plain nested dict (for the Info sheet and JSON), without provenance fields."""
        data = dataclasses.asdict(self)
        data.pop("source", None)
        data.pop("warnings", None)
        return data


def _type_ok(value: Any, annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if annotation is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_type_ok(value, a) for a in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is dict:
        _, vt = typing.get_args(annotation)
        return isinstance(value, dict) and all(_type_ok(v, vt) for v in value.values())
    if origin is tuple:
        args = typing.get_args(annotation)
        return isinstance(value, list | tuple) and all(_type_ok(v, args[0]) for v in value)
    if isinstance(annotation, type):
        return isinstance(value, annotation)
    return True


def _coerce(value: Any, annotation: Any) -> Any:
    if typing.get_origin(annotation) is tuple and isinstance(value, list):
        return tuple(value)
    if annotation is float and isinstance(value, int):
        return float(value)
    if typing.get_origin(annotation) is dict and isinstance(value, dict):
        _, vt = typing.get_args(annotation)
        return {k: float(v) if vt is float else v for k, v in value.items()}
    return value


def _build(cls: type, data: dict[str, Any], where: str, warnings: list[str]) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            warnings.append(f"{where}{key}")
            continue
        annotation = hints[key]
        if dataclasses.is_dataclass(annotation):
            if not isinstance(value, dict):
                raise UsageError(
                    f"mutasi.toml: [{where}{key}] harus berupa tabel.",
                    "Lihat contoh mutasi.toml dari `mutasi init`.",
                )
            kwargs[key] = _build(annotation, value, f"{where}{key}.", warnings)
            continue
        if not _type_ok(value, annotation):
            expected = getattr(annotation, "__name__", str(annotation))
            raise UsageError(
                f"mutasi.toml: nilai '{where}{key}' = {value!r} bertipe salah (harus {expected}).",
                "Perbaiki nilainya atau hapus baris itu agar nilai bawaan dipakai.",
            )
        kwargs[key] = _coerce(value, annotation)
    return cls(**kwargs)


def settings_from_dict(data: dict[str, Any], source: str | None = None) -> Settings:
    """Build settings from a parsed TOML dict; unknown keys become warnings, wrong types exit 2."""
    warnings: list[str] = []
    built = _build(Settings, {k: v for k, v in data.items()}, "", warnings)
    check_settings(built)
    return dataclasses.replace(built, source=source, warnings=tuple(warnings))


def load_settings(path: Path | None) -> Settings:
    """Read ``mutasi.toml`` (or return the defaults when ``path`` is None)."""
    if path is None:
        return Settings()
    if not path.is_file():
        raise UsageError(
            f"Berkas konfigurasi tidak ditemukan: {path}",
            "Periksa --config, atau buat contohnya dengan `mutasi init DIR`.",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        # RecursionError: arrays nested thousands deep, which tomllib reads by recursion
        detail = "larik bersarang terlalu dalam" if isinstance(exc, RecursionError) else exc
        raise UsageError(
            f"mutasi.toml tidak dapat dibaca: {detail}",
            "Periksa tanda kutip dan tanda = pada baris yang disebut.",
        ) from None
    for reserved in ("source", "warnings"):
        data.pop(reserved, None)
    return settings_from_dict(data, source=str(path))


# ---- ranges (issue 12): every value checked at load, exit 2 naming the key -------------------
# "section.key" -> (low, high, low_open, high_open); None = unbounded. A dict or tuple setting is
# checked value by value. Every float anywhere must be finite (NaN and inf are refused).
RANGES: dict[str, tuple[float | None, float | None, bool, bool]] = {
    "abk.wke_minutes": (0, None, True, False),
    "abk.period_multipliers": (0, None, True, False),
    "abk.difference_tolerance": (0, None, False, False),
    "ej.thresholds": (0, None, False, False),
    "jpm.optimal": (0, 100, False, False),
    "jpm.cukup_optimal": (0, 100, False, False),
    "jpm.memenuhi_syarat": (0, 100, False, False),
    "jpm.masih_memenuhi_syarat": (0, 100, False, False),
    "jpm.cap_total": (0, None, True, False),
    "jpm.weights_teknis": (0, 1, False, False),
    "talent.kinerja_atas_from": (1, 5, False, False),
    "talent.kinerja_sesuai_from": (1, 5, False, False),
    "talent.potensi_tinggi_from": (0, 100, False, False),
    "talent.potensi_menengah_from": (0, 100, False, False),
    "talent.rotation_boxes": (1, 9, False, False),
    "skp.pp46_weight_skp": (0, 1, False, False),
    "skp.pp46_weight_perilaku": (0, 1, False, False),
    "skp.pp46_max": (0, None, True, False),
    "rotation.min_months": (0, None, False, False),
    "rotation.max_months": (0, None, False, False),
    "bup.ages": (18, 100, False, False),
    "bup.default_age": (18, 100, False, False),
    "propose.bup_protect_months": (0, None, False, False),
    "propose.jpt_protect_months": (0, None, False, False),
    "propose.retirement_horizon_months": (0, None, False, False),
    "propose.outflow_cap_per_unit": (1, None, False, False),
    "propose.weight_competency": (0, None, False, False),
    "propose.weight_talent": (0, None, False, False),
    "propose.weight_aspiration": (0, None, False, False),
    "propose.weight_development": (0, None, False, False),
    "propose.weight_vacancy": (0, None, False, False),
    "propose.stability_cost": (0, None, False, False),
    "propose.aspiration_points": (0, None, False, False),
    "propose.robustness_delta": (0, 1, False, False),
    "propose.robustness_max_candidates": (0, None, False, False),
    "evaluate.before_periods": (1, None, False, False),
    "evaluate.after_periods": (1, None, False, False),
    "evaluate.adaptation_months": (0, None, False, False),
    "evaluate.improve_threshold": (0, None, False, False),
    "evaluate.min_periods": (1, None, False, False),
    "evaluate.min_group_n": (1, None, False, False),
    "evaluate.bootstrap_samples": (1, None, False, False),
    "evaluate.seed": (0, 2**32 - 1, False, False),
    "evaluate.intervention_after_months": (0, None, False, False),
    "evaluate.early_warning_drop": (0, None, False, False),
    "evaluate.extreme_pre_quantile": (0, 0.5, False, False),
    "evaluate.early_warning_previous": (1, None, False, False),
    "evaluate.confidence": (0, 1, True, True),
    "finalize.nomor_sk_seq": (0, None, False, False),
    "normalize.nip_min_age_at_tmt": (0, 100, False, False),
    "normalize.earliest_birth_year": (1800, 2100, False, False),
    "limits.max_part_mb": (0, None, True, False),
    "limits.max_file_mb": (0, None, True, False),
    "limits.max_ratio": (1, None, False, False),
    "limits.ratio_check_from_mb": (0, None, False, False),
    "limits.max_sheet_cells": (1, None, False, False),
    "limits.max_cell_chars": (1, None, False, False),
    "limits.annotate_max_mb": (0, None, True, False),
}
# Fields of a decree number pattern (finalize.nomor_sk_pattern): named fields only, no attribute
# or index access ("{seq.__class__}" would read Python internals), no conversion.
SK_PATTERN_FIELDS = ("seq", "year")


def _numbers(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [v for item in value.values() for v in _numbers(item)]
    if isinstance(value, list | tuple):
        return [v for item in value for v in _numbers(item)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [value]
    return []


def _bad(key: str, value: Any, low: Any, high: Any, low_open: bool, high_open: bool) -> None:
    if low is not None and high is not None:
        rule = f"{low} {'<' if low_open else '≤'} x {'<' if high_open else '≤'} {high}"
    elif low is not None:
        rule = f"x {'>' if low_open else '≥'} {low}"
    else:
        rule = f"x {'<' if high_open else '≤'} {high}"
    raise UsageError.of("trust.settings.out_of_range", setting=key, value=value, rule=rule)


def check_sk_pattern(pattern: str) -> None:
    """A decree number pattern may use only ``{seq}`` and ``{year}`` (with a format spec)."""
    import string

    try:
        parts = list(string.Formatter().parse(pattern))
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in SK_PATTERN_FIELDS or conversion or "{" in (spec or ""):
                raise ValueError(name)
        pattern.format(seq=1, year=2026)
    except (ValueError, KeyError, IndexError) as exc:
        raise UsageError.of(
            "trust.settings.sk_pattern",
            pattern=pattern,
            fields=", ".join("{" + f + "}" for f in SK_PATTERN_FIELDS),
            exc=exc,
        ) from None


def check_settings(settings: Settings) -> None:
    """Refuse (exit 2, naming the key) any value outside its range, and any NaN or infinity."""
    import math

    for section in dataclasses.fields(settings):
        group = getattr(settings, section.name)
        if not dataclasses.is_dataclass(group):
            continue
        for item in dataclasses.fields(group):
            key = f"{section.name}.{item.name}"
            value = getattr(group, item.name)
            numbers = _numbers(value)
            for number in numbers:
                if isinstance(number, float) and not math.isfinite(number):
                    raise UsageError.of("trust.settings.not_finite", setting=key, value=number)
            if key in RANGES:
                low, high, low_open, high_open = RANGES[key]
                for number in numbers:
                    below = low is not None and (number <= low if low_open else number < low)
                    above = high is not None and (number >= high if high_open else number > high)
                    if below or above:
                        _bad(key, number, low, high, low_open, high_open)
    if settings.rotation.max_months < settings.rotation.min_months:
        raise UsageError.of(
            "trust.settings.order",
            low="rotation.min_months",
            high="rotation.max_months",
        )
    check_sk_pattern(settings.finalize.nomor_sk_pattern)
