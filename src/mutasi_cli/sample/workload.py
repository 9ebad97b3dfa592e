"""ABK task lists (DOMAIN.md 1.2) for about a fifth of the positions.

Each chosen position gets the tasks of its job family with volumes calibrated so that
``sum(volume * periods per year * norma waktu) / WKE`` lands just under its formation number
(the need rounds up to it). A quarter of them are deliberately off: a load well above the
formation, or for larger posts well below, so analyze-needs has real disagreements to show.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_cli.sample.positions import HEALTH
from mutasi_cli.settings import Settings

ABK_SHARE = 0.20
OFF_SHARE = 0.25
Task = tuple[str, str, str, float]  # uraian tugas, satuan hasil, periode, norma waktu (minutes)

TASKS: dict[str, tuple[Task, ...]] = {
    "guru": (
        ("Melaksanakan pembelajaran tatap muka", "jam pelajaran", "minggu", 45),
        ("Menyusun modul ajar", "modul", "bulan", 240),
        ("Menilai hasil belajar peserta didik", "lembar penilaian", "bulan", 10),
        ("Membimbing dan mengarahkan peserta didik", "sesi", "minggu", 60),
    ),
    "health": (
        ("Melakukan pemeriksaan dan asuhan pasien", "pasien", "hari", 20),
        ("Mendokumentasikan rekam medis", "dokumen", "hari", 10),
        ("Melakukan penyuluhan kesehatan", "kegiatan", "bulan", 180),
        ("Menyusun laporan pelayanan", "laporan", "bulan", 240),
    ),
    "struktural": (
        ("Memimpin rapat koordinasi", "kegiatan", "minggu", 120),
        ("Memeriksa dan menandatangani naskah dinas", "naskah", "hari", 15),
        ("Menyusun rencana kerja dan anggaran", "dokumen", "tahun", 2400),
        ("Membina dan menilai kinerja bawahan", "pegawai", "triwulan", 90),
    ),
    "fungsional": (
        ("Menyusun kajian teknis", "kajian", "bulan", 900),
        ("Memverifikasi dokumen usulan", "berkas", "hari", 30),
        ("Memberikan konsultasi teknis", "orang", "minggu", 45),
        ("Menyusun laporan kegiatan", "laporan", "bulan", 300),
    ),
    "pelaksana": (
        ("Mengagendakan surat masuk dan keluar", "surat", "hari", 10),
        ("Menginput data ke aplikasi", "data", "hari", 15),
        ("Mengarsipkan dokumen", "berkas", "minggu", 20),
        ("Menyiapkan bahan rapat", "kegiatan", "bulan", 120),
    ),
}


def workload(rng: np.random.Generator, pos: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The beban_kerja rows: unit, jabatan, task, output unit, volume per period, norma waktu."""
    chosen = pos.iloc[
        np.sort(rng.choice(len(pos), size=round(ABK_SHARE * len(pos)), replace=False))
    ]
    need = chosen["kebutuhan"].to_numpy(float)
    target = need - rng.uniform(0.05, 0.6, len(need))
    off = rng.random(len(need)) < OFF_SHARE
    low = off & (need >= 3) & (rng.random(len(need)) < 0.5)
    target = np.where(off, need * rng.uniform(1.3, 1.8, len(need)) + 0.5, target)
    target = np.where(low, need * rng.uniform(0.4, 0.6, len(need)), target)
    family = np.select(
        [
            chosen["rumpun"].str.startswith("guru"),
            chosen["rumpun"].isin(HEALTH),
            chosen["jenis_jabatan"] == "Struktural",
            chosen["jenis_jabatan"] == "Fungsional",
        ],
        ["guru", "health", "struktural", "fungsional"],
        "pelaksana",
    )
    rows = []
    for name, tasks in TASKS.items():
        where = family == name
        if where.any():
            rows.append(_tasks(rng, chosen[where], target[where], tasks, settings))
    return pd.concat(rows).sort_index(kind="stable").reset_index(drop=True)


def _tasks(
    rng: np.random.Generator,
    chosen: pd.DataFrame,
    target: np.ndarray,
    tasks: tuple[Task, ...],
    settings: Settings,
) -> pd.DataFrame:
    """Volumes that split ``target * WKE`` minutes over the tasks (Dirichlet shares)."""
    uraian, satuan, periode, norma = (np.array(col) for col in zip(*tasks, strict=True))
    share = rng.dirichlet(np.full(len(tasks), 3.0), len(chosen))
    norma = np.rint(norma[None, :] * rng.uniform(0.8, 1.2, share.shape) / 5) * 5
    per_year = np.array([settings.abk.period_multipliers[p] for p in periode])[None, :]
    minutes = target[:, None] * settings.abk.wke_minutes * share
    volume = np.maximum(np.rint(minutes / (norma * per_year)), 1)
    index = np.repeat(chosen.index.to_numpy(), len(tasks))
    return pd.DataFrame(
        {
            "unit_kerja": np.repeat(chosen["unit_kerja"].to_numpy(), len(tasks)),
            "jabatan": np.repeat(chosen["jabatan"].to_numpy(), len(tasks)),
            "uraian_tugas": np.tile(uraian, len(chosen)),
            "satuan_hasil": np.tile(satuan, len(chosen)),
            "volume": volume.ravel(),
            "periode": np.tile(periode, len(chosen)),
            "norma_waktu": norma.ravel(),
        },
        index=index,
    )
