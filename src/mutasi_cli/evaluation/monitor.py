"""The monitoring loop of ``mutasi monitor``: a follow-up register kept across runs (issue 13).

The register (``pemantauan.xlsx``) has one row per warning. A run, given the register as it was
read back (analyst's edits included) and this month's evaluation:

1. adds a row for every person with a new warning and no open row: a drop in the latest
   period (early warning), a mover not improved ``intervention_after_months`` after the move, or
   talent box 1. The row names the recommended intervention (pelatihan with the competency gaps,
   pendampingan, or penanganan kinerja) and the *target* level that counts as recovered;
2. updates only the machine columns of existing rows (latest period and level, means before and
   after the intervention, condition, date closed) and closes an open row whose latest record,
   in a period after the warning, reaches its target;
3. never touches the analyst's columns (recommendation, status, dates, notes, and any row the
   analyst added);
4. estimates per intervention kind whether performance recovered after it, with the evaluation
   estimator (:func:`mutasi_cli.evaluation.did.estimate`): the intervention start date plays the
   transfer date, the people never warned are the (matched) controls.

Pure: frames in, a :class:`MonitorResult` out; ``per`` is a parameter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from mutasi_cli.evaluation import EvaluationResult, did
from mutasi_cli.evaluation.records import prepare_records
from mutasi_cli.evaluation.windows import per_person, window_records
from mutasi_cli.issues import Issue
from mutasi_cli.rules import skp
from mutasi_cli.rules.dates import parse_dates
from mutasi_cli.settings import Settings

# Register columns: identity and warning (machine, written once), the analyst's columns, then
# the machine columns refreshed on every run.
IDENTITY = [
    "id",
    "nip",
    "nama",
    "unit_kerja",
    "mutasi",
    "sumber",
    "alasan",
    "sejak",
    "tingkat_awal",
    "sasaran",
]
ANALYST = ["rekomendasi", "kompetensi", "status", "tanggal_mulai", "tanggal_selesai", "catatan"]
MACHINE = [
    "periode_terakhir",
    "tingkat_terakhir",
    "rata_sebelum",
    "rata_sesudah",
    "kondisi",
    "ditutup",
]
COLUMNS = [*IDENTITY, *ANALYST, *MACHINE]
DATE_COLUMNS = ("sejak", "tanggal_mulai", "tanggal_selesai", "ditutup")
NUMBER_COLUMNS = ("tingkat_awal", "sasaran", "tingkat_terakhir", "rata_sebelum", "rata_sesudah")
STATUSES = ("direncanakan", "berjalan", "selesai", "tidak_dilaksanakan")
VERDICTS = ("belum_ada_data", "terlalu_sedikit", "pulih", "belum_terbukti")  # per kind
STARTED = ("berjalan", "selesai")  # an intervention that happened (its start date counts)
KINDS = ("pelatihan", "pendampingan", "penanganan_kinerja")
SOURCES = ("penurunan", "tidak_meningkat", "kotak_1")
CONDITIONS = ("terbuka", "pulih")
OUTCOME_COLUMNS = [
    "kind",
    "n_rows",
    "n_moved",
    "mover_change",
    "control_change",
    "estimate",
    "low",
    "high",
    "verdict",
]
_ID_PREFIX = "PMT-"


@dataclass(frozen=True)
class MonitorResult:
    """The register after this run, the per-kind outcome, counts and the register's issues.

    ``register``: :data:`COLUMNS` with codes (``sumber``, ``rekomendasi``, ``status``,
    ``kondisi``) and Timestamps. ``outcomes``: one row per intervention kind
    (:data:`OUTCOME_COLUMNS`; ``verdict`` "pulih" / "belum_terbukti" / "terlalu_sedikit" /
    "belum_ada_data").
    """

    per: date
    register: pd.DataFrame
    outcomes: pd.DataFrame
    counts: dict[str, int]
    min_group_n: int

    def summary(self) -> dict[str, Any]:
        """JSON-safe summary for cron: counts and the outcome per kind."""
        return {
            "per": self.per.isoformat(),
            **self.counts,
            "outcomes": [
                {k: did.plain(v) for k, v in row.items()}
                for row in self.outcomes.to_dict("records")
            ],
        }


def empty_register() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="string") for c in COLUMNS})
    for column in DATE_COLUMNS:
        frame[column] = pd.Series(dtype="datetime64[ns]")
    for column in NUMBER_COLUMNS:
        frame[column] = pd.Series(dtype="Float64")
    return frame


def clean_register(
    raw: pd.DataFrame | None, sheet: str = "pemantauan"
) -> tuple[pd.DataFrame, list[Issue]]:
    """The register as read back (canonical column names, codes already mapped, ``excel_row``)
    typed: dates parsed, numbers numeric; an unreadable date or status is reported and kept
    out (the analyst's cell itself is never changed in the file until the next write)."""
    if raw is None or raw.empty:
        return empty_register(), []
    frame = raw.reindex(columns=[*COLUMNS, "excel_row"]).copy()
    issues: list[Issue] = []
    rows = frame["excel_row"] if "excel_row" in raw.columns else pd.Series(pd.NA, frame.index)
    for column in DATE_COLUMNS:
        parsed, bad = parse_dates(frame[column].astype(object))
        issues += [
            Issue(
                "monitor-bad-date",
                sheet=sheet,
                column=column,
                value=str(value),
                nip="" if pd.isna(n) else str(n),
                row=None if pd.isna(r) else int(r),
            )
            for value, n, r in zip(
                frame.loc[bad, column], frame.loc[bad, "nip"], rows[bad], strict=True
            )
        ]
        frame[column] = parsed
    for column in NUMBER_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
    text = [c for c in COLUMNS if c not in DATE_COLUMNS and c not in NUMBER_COLUMNS]
    for column in text:
        frame[column] = frame[column].astype("string").str.strip().replace("", pd.NA)
    unknown = frame["status"].notna() & ~frame["status"].isin(STATUSES)
    issues += [
        Issue(
            "monitor-bad-status",
            sheet=sheet,
            column="status",
            value=str(value),
            nip="" if pd.isna(n) else str(n),
            row=None if pd.isna(r) else int(r),
            params={"choices": ", ".join(STATUSES)},
        )
        for value, n, r in zip(
            frame.loc[unknown, "status"], frame.loc[unknown, "nip"], rows[unknown], strict=True
        )
    ]
    no_nip = frame["nip"].isna()
    issues += [
        Issue("monitor-no-nip", sheet=sheet, column="nip", row=None if pd.isna(r) else int(r))
        for r in rows[no_nip]
    ]
    return frame.loc[~no_nip, COLUMNS].reset_index(drop=True), issues


def _latest(records: pd.DataFrame) -> pd.DataFrame:
    """Per NIP the latest record: periode, period_end, ordinal."""
    ordered = records.sort_values(["nip", "period_end"], kind="stable")
    return ordered.drop_duplicates("nip", keep="last").set_index("nip")


def _candidates(result: EvaluationResult, latest: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """This run's warnings, one per NIP (box 1 before not improved before a drop)."""
    ev = settings.evaluate
    needs = result.interventions
    gaps = _gap_codes(needs)
    baik = float(skp.predikat_ordinal(pd.Series(["Baik"], dtype="string"), settings).iloc[0])
    movers = result.per_person.sort_values("tmt_mutasi").drop_duplicates("nip", keep="last")
    pre = movers.set_index("nip")["pre_mean"].astype(float)
    box_1 = needs["reason"].eq("box_1").to_numpy()
    parts = [
        pd.DataFrame(
            {
                "nip": needs["nip"].to_numpy(),
                "sumber": np.where(box_1, "kotak_1", "tidak_meningkat"),
                "rekomendasi": needs["kind"].astype(str).to_numpy(),
                "kompetensi": gaps.to_numpy(),
                "tingkat_awal": np.where(box_1, np.nan, pre.reindex(needs["nip"]).to_numpy(float)),
                "sasaran": np.where(
                    box_1,
                    baik,
                    pre.reindex(needs["nip"]).to_numpy(float) + ev.improve_threshold,
                ),
                "change": needs["change"].astype(float).to_numpy(),
                "months": needs["months_since"].astype("Float64").to_numpy(float, na_value=np.nan),
                "priority": np.where(box_1, 0, 1),
            }
        )
    ]
    warned = result.early_warnings
    parts.append(
        pd.DataFrame(
            {
                "nip": warned["nip"].to_numpy(),
                "sumber": "penurunan",
                "rekomendasi": "pendampingan",
                "kompetensi": pd.NA,
                "tingkat_awal": warned["previous_mean"].astype(float).to_numpy(),
                "sasaran": warned["previous_mean"].astype(float).to_numpy() - ev.recovery_margin,
                "change": -warned["drop"].astype(float).to_numpy(),
                "months": np.nan,
                "priority": 2,
            }
        )
    )
    found = pd.concat(parts, ignore_index=True).sort_values(["priority", "nip"], kind="stable")
    found = found.drop_duplicates("nip").reset_index(drop=True)
    found["sejak"] = latest["period_end"].reindex(found["nip"]).to_numpy()
    found["periode"] = latest["periode"].reindex(found["nip"]).to_numpy()
    return found[found["sejak"].notna()].reset_index(drop=True)


def _gap_codes(needs: pd.DataFrame) -> pd.Series:
    """ "komunikasi:1, teknis:2" per intervention row (codes; the report names them)."""
    joined = pd.Series(pd.NA, index=needs.index, dtype="string")
    for column in (c for c in needs.columns if c.startswith("gap_")):  # ten competencies
        item = column[4:] + ":" + needs[column].astype("string")
        joined = (joined + ", " + item).fillna(joined).fillna(item)
    return joined


def _mutasi_text(result: EvaluationResult) -> pd.Series:
    """Per NIP the latest move as "unit asal -> unit tujuan (TMT yyyy-mm-dd)"."""
    moves = result.per_person.sort_values("tmt_mutasi").drop_duplicates("nip", keep="last")
    text = (
        moves["unit_asal"].astype("string").fillna("?")
        + " → "
        + moves["unit_tujuan"].astype("string").fillna("?")
        + " (TMT "
        + moves["tmt_mutasi"].dt.strftime("%Y-%m-%d").astype("string")
        + ")"
    )
    return pd.Series(text.to_numpy(), index=moves["nip"].to_numpy(), dtype="string")


def _next_ids(register: pd.DataFrame, count: int) -> list[str]:
    numbers = pd.to_numeric(
        register["id"].astype("string").str.removeprefix(_ID_PREFIX), errors="coerce"
    )
    start = int(numbers.max()) + 1 if numbers.notna().any() else 1
    return [f"{_ID_PREFIX}{n:04d}" for n in range(start, start + count)]


def monitor(
    register: pd.DataFrame,
    result: EvaluationResult,
    kinerja: pd.DataFrame,
    *,
    pegawai: pd.DataFrame | None,
    riwayat: pd.DataFrame,
    per: date,
    settings: Settings,
) -> MonitorResult:
    """One monitoring run: the register read back (see :func:`clean_register`), the evaluation
    of the same inputs, the kinerja frame (canonical), and the roster for names and matching."""
    known = None if pegawai is None else pd.concat([riwayat["nip"], pegawai["nip"]])
    records = prepare_records(kinerja, known, settings).frame
    latest = _latest(records)
    register = register.copy()
    for column in ("id",):  # rows the analyst added get an id
        missing = register[column].isna()
        if missing.any():
            register.loc[missing, column] = _next_ids(register, int(missing.sum()))

    # 1. new warnings for people without an open row
    open_rows = register["kondisi"].fillna("terbuka").eq("terbuka")
    found = _candidates(result, latest, settings)
    new = found[~found["nip"].isin(register.loc[open_rows, "nip"])].reset_index(drop=True)
    people = (
        pegawai.drop_duplicates("nip").set_index("nip")
        if pegawai is not None
        else pd.DataFrame(columns=["nama", "unit_kerja"])
    )
    added = pd.DataFrame(
        {
            "id": _next_ids(register, len(new)),
            "nip": new["nip"].astype("string").to_numpy(),
            "nama": people["nama"].reindex(new["nip"]).astype("string").to_numpy(),
            "unit_kerja": people["unit_kerja"].reindex(new["nip"]).astype("string").to_numpy(),
            "mutasi": _mutasi_text(result).reindex(new["nip"]).to_numpy(),
            "sumber": new["sumber"].to_numpy(),
            "alasan": _reason_codes(new),
            "sejak": pd.to_datetime(new["sejak"]).to_numpy(),
            "tingkat_awal": new["tingkat_awal"].to_numpy(float),
            "sasaran": new["sasaran"].to_numpy(float),
            "rekomendasi": new["rekomendasi"].to_numpy(),
            "kompetensi": new["kompetensi"].to_numpy(),
            "status": "direncanakan",
            "kondisi": "terbuka",
        }
    ).reindex(columns=COLUMNS)
    register = pd.concat([register, added], ignore_index=True) if len(added) else register
    register = register.astype({c: "Float64" for c in NUMBER_COLUMNS})

    # 2. machine columns: latest level, recovery, before/after the intervention
    after = _records_after(records, register)
    register["periode_terakhir"] = after["periode"].astype("string").to_numpy()
    register["tingkat_terakhir"] = pd.array(after["ordinal"].to_numpy(float), dtype="Float64")
    was_open = register["kondisi"].fillna("terbuka").eq("terbuka").to_numpy()
    recovered = after["ordinal"].to_numpy(float) >= register["sasaran"].to_numpy(
        float, na_value=np.nan
    )
    closing = was_open & recovered
    register.loc[closing, "kondisi"] = "pulih"
    register.loc[closing, "ditutup"] = pd.Timestamp(per)
    register["kondisi"] = register["kondisi"].fillna("terbuka")

    outcomes, means = _outcomes(register, records, riwayat, pegawai, per, settings)
    register["rata_sebelum"] = pd.array(means["pre_mean"].to_numpy(float), dtype="Float64")
    register["rata_sesudah"] = pd.array(means["post_mean"].to_numpy(float), dtype="Float64")

    counts = {
        "rows": len(register),
        "new": len(added),
        "closed": int(closing.sum()),
        "open": int(register["kondisi"].eq("terbuka").sum()),
        **{f"status_{s}": int(register["status"].eq(s).sum()) for s in STATUSES},
    }
    return MonitorResult(
        per=per,
        register=register[COLUMNS].reset_index(drop=True),
        outcomes=outcomes,
        counts=counts,
        min_group_n=settings.evaluate.min_group_n,
    )


def _reason_codes(new: pd.DataFrame) -> np.ndarray:
    """Machine reason text as ``code|value`` (the report turns it into a sentence)."""
    value = np.where(
        new["sumber"].eq("penurunan"),
        (-new["change"]).round(2).astype(str),
        new["months"].fillna(0).astype(int).astype(str),
    )
    return (new["sumber"] + "|" + value).to_numpy()


def _records_after(records: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Per register row the latest record in a period that ended after the warning (row-aligned;
    NaN when none yet)."""
    rows = register[["nip", "sejak"]].reset_index(names="row")
    joined = rows.merge(records[["nip", "periode", "period_end", "ordinal"]], on="nip")
    joined = joined[joined["period_end"] > joined["sejak"]]
    last = joined.sort_values(["row", "period_end"]).drop_duplicates("row", keep="last")
    return last.set_index("row").reindex(np.arange(len(register)))


def _outcomes(
    register: pd.DataFrame,
    records: pd.DataFrame,
    riwayat: pd.DataFrame,
    pegawai: pd.DataFrame | None,
    per: date,
    settings: Settings,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per intervention kind: did performance recover after the intervention started?

    The start date plays the TMT (no adaptation gap); controls are people never in the register
    and never moved, matched as in evaluate. Returns the per-kind table and, row-aligned with the
    register, the mean before and after the intervention.
    """
    ev = dataclasses.replace(settings.evaluate, adaptation_months=0, pretrend_check=False)
    started = (
        register["status"].isin(STARTED)
        & register["tanggal_mulai"].notna()
        & register["nip"].notna()
    )
    kinds = register["rekomendasi"].where(register["rekomendasi"].isin(KINDS), "lainnya")
    events = pd.DataFrame(
        {
            "event": np.arange(int(started.sum())),
            "row": np.flatnonzero(started.to_numpy()),
            "nip": register.loc[started, "nip"].astype("string").to_numpy(),
            "tmt_mutasi": register.loc[started, "tanggal_mulai"].to_numpy(),
            "unit_asal": kinds[started].to_numpy(),
            "unit_tujuan": kinds[started].to_numpy(),
        }
    )
    ordered = events.sort_values(["nip", "tmt_mutasi"], kind="stable")
    by_nip = ordered.groupby("nip", sort=False)["tmt_mutasi"]
    events["prev_tmt"] = by_nip.shift(1).reindex(events.index)
    events["next_tmt"] = by_nip.shift(-1).reindex(events.index)
    means = pd.DataFrame({"pre_mean": np.nan, "post_mean": np.nan}, index=np.arange(len(register)))
    table = pd.DataFrame(columns=OUTCOME_COLUMNS)
    if len(events):
        windows = window_records(events, records, ev)
        people = per_person(events, windows, per, ev)
        means.loc[events["row"].to_numpy(), "pre_mean"] = people["pre_mean"].to_numpy(float)
        means.loc[events["row"].to_numpy(), "post_mean"] = people["post_mean"].to_numpy(float)
        roster = _roster(pegawai)
        match = ev.match_on if ev.control == "matched" else ev.control_match
        events["stratum"] = _stratum(events["nip"], roster, match)
        control = records[
            ~records["nip"].isin(register["nip"]) & ~records["nip"].isin(riwayat["nip"])
        ]
        control = control.assign(stratum=_stratum(control["nip"], roster, match).to_numpy())
        _, by_kind, _, _ = did.estimate(windows, events, control, ev)
        table = by_kind.rename(columns={"unit": "kind"})
    counted = kinds[started].value_counts()
    out = pd.DataFrame({"kind": [*KINDS, *(["lainnya"] if "lainnya" in counted else [])]})
    out = out.merge(table.drop(columns=["n_rows"], errors="ignore"), on="kind", how="left")
    out["n_rows"] = counted.reindex(out["kind"]).fillna(0).astype(int).to_numpy()
    n = out["n_moved"].fillna(0).astype(int)
    out["n_moved"] = n
    out["verdict"] = np.select(
        [
            n == 0,
            n < settings.evaluate.min_group_n,
            out["low"].astype(float).fillna(-np.inf) > 0,
        ],
        list(VERDICTS[:3]),
        VERDICTS[3],
    )
    return out[OUTCOME_COLUMNS], means


def _roster(pegawai: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["nip", "unit_kerja", "golongan_id", "jenis_jabatan"]
    frame = pd.DataFrame(columns=columns) if pegawai is None else pegawai.reindex(columns=columns)
    return frame.drop_duplicates("nip").set_index("nip")


def _stratum(nip: pd.Series, roster: pd.DataFrame, match: tuple[str, ...]) -> pd.Series:
    keys = pd.DataFrame(
        {
            "unit": roster["unit_kerja"].reindex(nip).to_numpy(),
            "golongan_id": pd.array(roster["golongan_id"].reindex(nip).to_numpy(), dtype="Int64"),
            "jenis_jabatan": roster["jenis_jabatan"].reindex(nip).to_numpy(),
        },
        index=nip.index,
    )
    return did.strata(keys, match)
