"""Problems found in the analyst's data: one record per problem, one catalogue of messages.

An :class:`Issue` carries a stable ``code`` (scripts and tests rely on it), where it is (sheet,
cell such as ``pegawai!C14``, column), the offending value (for a NIP, the NIP only: never a whole
record) and parameters for its message. Messages are rendered in Bahasa Indonesia by default and in
English with ``lang="en"`` from :data:`MESSAGES`, the one catalogue of codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]  # info: reported, never counted as a problem

# code -> (severity, Indonesian template, English template). Templates use str.format fields
# from Issue.params plus {value} and {column}.
MESSAGES: dict[str, tuple[Severity, str, str]] = {
    # files and sheets
    "file-missing": ("error", "Berkas tidak ditemukan.", "File not found."),
    "file-unreadable": (
        "error",
        "Berkas tidak dapat dibaca sebagai lembar kerja: {detail}",
        "The file cannot be read as a workbook: {detail}",
    ),
    "file-is-pdf": (
        "error",
        "Berkas ini sebenarnya PDF, bukan lembar kerja Excel.",
        "This file is really a PDF, not an Excel workbook.",
    ),
    "file-is-html": (
        "error",
        "Berkas ini halaman web (HTML) tanpa tabel: lembar-lembarnya tersimpan di berkas lain "
        "(halaman web Excel). Buka di Excel, lalu simpan ulang sebagai .xlsx.",
        "This file is a web page (HTML) without a table: its sheets are kept in other files (an "
        "Excel web page). Open it in Excel and save it again as .xlsx.",
    ),
    "file-encrypted": (
        "error",
        "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya, lalu simpan ulang.",
        "The workbook is password-protected. Open it in Excel, remove the password, save again.",
    ),
    "file-empty": ("error", "Berkas tidak berisi data.", "The file holds no data."),
    "file-damaged": (
        "error",
        "Berkas rusak dan tidak dapat dibaca ({detail}). Buka di Excel (Excel dapat "
        "memperbaikinya) lalu simpan ulang.",
        "The file is damaged and cannot be read ({detail}). Open it in Excel (it can repair "
        "it) and save it again.",
    ),
    "sheet-missing": (
        "error",
        "Lembar '{sheet_name}' tidak ada. Lembar yang ada: {available}.",
        "Sheet '{sheet_name}' does not exist. Sheets present: {available}.",
    ),
    "header-not-found": (
        "error",
        "Baris judul kolom tidak ditemukan (dicari di {rows} baris pertama).",
        "No header row found (searched the first {rows} rows).",
    ),
    "table-unknown": (
        "error",
        "Jenis tabel tidak dikenali dari judul kolomnya. Sebutkan dengan --table.",
        "The table kind cannot be recognised from its headers. Name it with --table.",
    ),
    "header-duplicate": (
        "warning",
        "Judul kolom '{header}' muncul lebih dari sekali (kolom {columns}); yang pertama dipakai "
        "sebagai {column}.",
        "Header '{header}' appears more than once (columns {columns}); the first is used as "
        "{column}.",
    ),
    "column-missing": (
        "error",
        "Kolom wajib '{column}' tidak ditemukan.",
        "Required column '{column}' is missing.",
    ),
    "column-unmapped": (
        "warning",
        "Kolom '{header}' tidak dikenali dan diabaikan.",
        "Column '{header}' is not recognised and is ignored.",
    ),
    # NIP (DOMAIN.md section 6)
    "nip-missing": ("error", "NIP kosong.", "NIP is empty."),
    "nip-stored-as-number": (
        "error",
        "NIP tersimpan sebagai angka; Excel sudah membulatkan digit terakhirnya, sehingga NIP "
        "asli tidak dapat dipulihkan. Format kolom sebagai Teks lalu ketik ulang NIP ini.",
        "The NIP is stored as a number; Excel has already rounded its last digits, so the real "
        "NIP cannot be recovered. Format the column as Text and type this NIP again.",
    ),
    "nip-invalid-length": (
        "error",
        "NIP harus 18 digit (ditemukan {digits} digit).",
        "A NIP must have 18 digits (found {digits}).",
    ),
    "nip-invalid-chars": (
        "error",
        "NIP hanya boleh berisi angka.",
        "A NIP may hold digits only.",
    ),
    "nip-invalid-date": (
        "error",
        "Tanggal lahir dalam NIP (digit 1-8) bukan tanggal yang sah.",
        "The birth date in the NIP (digits 1-8) is not a valid date.",
    ),
    "nip-invalid-tmt": (
        "error",
        "TMT dalam NIP (digit 9-14) tidak sah (bulan {month}).",
        "The TMT in the NIP (digits 9-14) is not valid (month {month}).",
    ),
    "nip-invalid-sex": (
        "error",
        "Digit jenis kelamin dalam NIP (digit 15) harus 1 atau 2.",
        "The sex digit of the NIP (digit 15) must be 1 or 2.",
    ),
    "nip-tmt-too-early": (
        "error",
        "TMT dalam NIP lebih awal dari usia 18 tahun pemiliknya.",
        "The TMT in the NIP is before its holder turned 18.",
    ),
    "nip-duplicate": (
        "error",
        "NIP ini muncul lebih dari sekali (baris {rows}).",
        "This NIP appears more than once (rows {rows}).",
    ),
    "nip-birthdate-mismatch": (
        "error",
        "Tanggal lahir ({typed}) tidak sama dengan tanggal lahir dalam NIP ({decoded}).",
        "The birth date ({typed}) differs from the one in the NIP ({decoded}).",
    ),
    "nip-sex-mismatch": (
        "error",
        "Jenis kelamin ({typed}) tidak sama dengan digit jenis kelamin dalam NIP ({decoded}).",
        "The sex ({typed}) differs from the sex digit of the NIP ({decoded}).",
    ),
    "nip-unknown": (
        "warning",
        "NIP ini tidak ada dalam data pegawai.",
        "This NIP is not in the employee roster.",
    ),
    # values
    "value-missing": ("error", "Nilai wajib kosong.", "A required value is empty."),
    "value-not-number": (
        "error",
        "'{value}' bukan angka.",
        "'{value}' is not a number.",
    ),
    "value-negative": ("error", "Nilai tidak boleh negatif.", "The value may not be negative."),
    "value-too-large": (
        "error",
        "'{value}' terlalu besar untuk kolom ini (paling banyak {max}): salah ketik atau salah "
        "satuan? Sel dibaca kosong.",
        "'{value}' is too large for this column (at most {max}): a typo or a wrong unit? The cell "
        "is read as empty.",
    ),
    "date-invalid": (
        "error",
        "'{value}' bukan tanggal yang dikenali (gunakan HH-BB-TTTT, TTTT-BB-HH atau tanggal "
        "Excel; nama hari di depannya harus cocok dengan tanggalnya).",
        "'{value}' is not a recognised date (use DD-MM-YYYY, YYYY-MM-DD or an Excel date; a day "
        "name in front must match the date).",
    ),
    "date-is-time": (
        "error",
        "Sel berisi jam atau durasi ({value}), bukan tanggal: format sel sebagai tanggal lalu "
        "ketik tanggalnya.",
        "The cell holds a time or a duration ({value}), not a date: format the cell as a date "
        "and type the date.",
    ),
    "date-impossible": (
        "error",
        "Tanggal {value} tidak mungkin ({reason}).",
        "Date {value} is impossible ({reason}).",
    ),
    "golongan-unknown": (
        "error",
        "Golongan '{value}' tidak dikenali (contoh yang benar: III/a, IV/b, IX).",
        "Grade '{value}' is not recognised (valid examples: III/a, IV/b, IX).",
    ),
    "pendidikan-unknown": (
        "error",
        "Pendidikan '{value}' tidak dikenali (contoh: SLTA, D-III, S1, S2).",
        "Education '{value}' is not recognised (examples: SLTA, D-III, S1, S2).",
    ),
    "jenis-jabatan-unknown": (
        "error",
        "Jenis jabatan '{value}' tidak dikenali (Struktural, Fungsional, Pelaksana).",
        "Job type '{value}' is not recognised (Struktural, Fungsional, Pelaksana).",
    ),
    "eselon-unknown": (
        "error",
        "Eselon '{value}' tidak dikenali (contoh: II.b, III.a, IV.a).",
        "Echelon '{value}' is not recognised (examples: II.b, III.a, IV.a).",
    ),
    "sex-unknown": (
        "error",
        "Jenis kelamin '{value}' tidak dikenali (L/P).",
        "Sex '{value}' is not recognised (L/P).",
    ),
    "status-unknown": (
        "error",
        "Status pegawai '{value}' tidak dikenali (PNS/PPPK).",
        "Employee status '{value}' is not recognised (PNS/PPPK).",
    ),
    "bool-unknown": (
        "error",
        "'{value}' harus Ya atau Tidak.",
        "'{value}' must be Ya (yes) or Tidak (no).",
    ),
    "level-invalid": (
        "error",
        "Level kompetensi '{value}' harus bilangan 1 sampai 5.",
        "Competency level '{value}' must be a whole number from 1 to 5.",
    ),
    "periode-invalid": (
        "error",
        "Periode '{value}' tidak dikenali (contoh: 2024, 2024-Q1, Triwulan I 2024, Januari 2024).",
        "Period '{value}' is not recognised (examples: 2024, 2024-Q1, Triwulan I 2024).",
    ),
    "volume-period-unknown": (
        "error",
        "Periode volume '{value}' tidak dikenali (tahun, semester, triwulan, bulan, minggu, hari).",
        "Volume period '{value}' is not recognised (year, half year, quarter, month, week, day).",
    ),
    "competency-unknown": (
        "warning",
        "Kompetensi '{value}' tidak dikenali dan diabaikan.",
        "Competency '{value}' is not recognised and is ignored.",
    ),
    "formula-text": (
        "warning",
        "Sel diawali '{first}' dan akan ditulis sebagai teks biasa, bukan rumus.",
        "The cell starts with '{first}' and is written as plain text, never as a formula.",
    ),
    # cross-table checks
    "position-unknown": (
        "warning",
        "Jabatan '{jabatan}' di unit '{unit}' tidak ada dalam peta jabatan.",
        "Position '{jabatan}' in unit '{unit}' is not in the position map.",
    ),
    "position-duplicate": (
        "warning",
        "Jabatan ini tercantum lebih dari sekali di unit yang sama (baris {rows}); analisis "
        "memakai baris pertama. Gabungkan kebutuhannya dalam satu baris.",
        "This position is listed more than once in the same unit (rows {rows}); the analysis "
        "uses the first row. Merge its need into one row.",
    ),
    # a position map listing its organisation tree (SIASN "listing validasi"): unit rows
    "position-is-unit": (
        "warning",
        "{n} baris peta jabatan menyebut unit kerja di kolom jabatan, misalnya '{value}' (unit "
        "tempat baris lain berada): itu baris pohon organisasi seperti pada ekspor SIASN, bukan "
        "jabatan. Baris itu tetap dibaca sebagai jabatan; hapus bila tidak perlu.",
        "{n} rows of the position map name a unit in the position column, e.g. '{value}' (a "
        "unit other rows sit in): rows of an organisation tree as in a SIASN export, not "
        "positions. They are still read as positions; delete them if not needed.",
    ),
    # issue 9: a pelaksana title in no group of the nomenclature moves only to the same title
    "pelaksana-no-group": (
        "warning",
        "Jabatan pelaksana '{value}' tidak termasuk kelompok nomenklatur mana pun: hanya dapat "
        "dimutasi ke jabatan yang sama ({n} baris). Isi kolom Kelompok Jabatan di peta jabatan "
        "bila perlu.",
        "The pelaksana title '{value}' is in no group of the nomenclature: it moves only to the "
        "same title ({n} rows). Fill the Kelompok Jabatan column of the position map if needed.",
    ),
    # propose at scale: the chain-limited solve stopped at its time limit
    "propose-solver-time-limit": (
        "warning",
        "Penyelesaian rantai mutasi berhenti pada batas waktu {seconds} detik "
        "(solver_time_limit_seconds): usulan ini belum terbukti optimal, paling banyak {gap} poin "
        "di bawah optimum (nilai total {objective}).",
        "The chain-limited solve stopped at its time limit of {seconds} s "
        "(solver_time_limit_seconds): this proposal is not proven optimal; it is at most {gap} "
        "points below the optimum (total score {objective}).",
    ),
    # a compulsory mover (rotation due, rotation_compulsory) with no eligible open position
    "propose-compulsory-no-seat": (
        "warning",
        "Pegawai {value} wajib rotasi (rotasi jatuh tempo, rotation_compulsory) tetapi tidak ada "
        "formasi terbuka yang memenuhi syarat baginya: tetap di tempat pada putaran ini.",
        "Employee {value} must rotate (rotation due, rotation_compulsory) but no open position "
        "is eligible for them: they stay this round.",
    ),
    "grade-out-of-range": (
        "warning",
        "Golongan {value} di luar rentang jabatan ({low}-{high}).",
        "Grade {value} is outside the position's range ({low}-{high}).",
    ),
    "tmt-jabatan-future": (
        "error",
        "TMT jabatan {value} setelah tanggal acuan {per}.",
        "The position start date {value} is after the reference date {per}.",
    ),
    "birth-after-tmt": (
        "error",
        "Tanggal lahir sesudah TMT.",
        "The birth date is after the start date.",
    ),
    "competency-no-standard": (
        "warning",
        "Kolom kompetensi '{header}' tidak cocok dengan standar kompetensi mana pun.",
        "Competency column '{header}' matches no competency standard.",
    ),
    "propose-duplicate": (
        "warning",
        "NIP ini muncul lebih dari sekali (baris {rows}); hanya baris {kept} yang dipakai.",
        "This NIP appears more than once (rows {rows}); only row {kept} is used.",
    ),
    "aspiration-unknown-target": (
        "warning",
        "Pilihan '{value}' tidak ada dalam peta jabatan.",
        "Choice '{value}' is not in the position map.",
    ),
    "duplicate-record": (
        "warning",
        "Dua catatan kinerja untuk NIP dan periode yang sama dengan nilai berbeda; aturan "
        "'{rule}' dipakai.",
        "Two performance records for one NIP and period with different values; rule '{rule}' "
        "is applied.",
    ),
    "history-future-tmt": (
        "warning",
        "TMT mutasi {value} setelah tanggal acuan {per}.",
        "Transfer date {value} is after the reference date {per}.",
    ),
    # monitoring register (issue 13): the analyst's edits that cannot be read
    "monitor-bad-date": (
        "warning",
        "Tanggal '{value}' tidak terbaca; sel dibiarkan, tetapi tidak dipakai dalam perhitungan.",
        "Date '{value}' cannot be read; the cell is kept but not used in the calculation.",
    ),
    "monitor-bad-status": (
        "warning",
        "Status '{value}' tidak dikenal. Pilihan: {choices}.",
        "Status '{value}' is not recognised. Choices: {choices}.",
    ),
    "monitor-no-nip": (
        "warning",
        "Baris pemantauan tanpa NIP dilewati.",
        "A monitoring row without a NIP is skipped.",
    ),
    "kinerja-unscaled": (
        "warning",
        "Catatan kinerja '{value}' tidak cocok dengan skala mana pun (nilai 0-{max}, predikat, "
        "atau hasil kerja + perilaku kerja); catatan ini tidak dipakai.",
        "Performance record '{value}' fits no scale (score 0-{max}, rating, or work results + "
        "work behaviour); the record is not used.",
    ),
    "abk-missing-volume": (
        "error",
        "Volume beban kerja kosong.",
        "The workload volume is empty.",
    ),
    "abk-missing-norma": (
        "error",
        "Norma waktu kosong.",
        "The standard time is empty.",
    ),
    # finalize: the committee's review sheet read back (DESIGN.md section 7)
    "review-column-missing": (
        "error",
        "Kolom '{label}' tidak ada di lembar '{sheet_name}'. Kolom yang ada: {found}. Salin kolom "
        "itu kembali dari berkas usulan asli.",
        "Column '{label}' is missing from sheet '{sheet_name}'. Columns present: {found}. Copy it "
        "back from the original proposal workbook.",
    ),
    "review-decision-unknown": (
        "error",
        "Keputusan '{value}' tidak dikenali. Isi Setuju, Tolak atau Tunda (kosong berarti Tunda). "
        "Ejaan yang diterima: {accepted}.",
        "Decision '{value}' is not recognised. Enter Setuju (approve), Tolak (reject) or Tunda "
        "(defer); empty means Tunda. Accepted spellings: {accepted}.",
    ),
    "review-nip-unknown": (
        "error",
        "NIP di lembar usulan ini tidak ada dalam data pegawai.",
        "This NIP in the review sheet is not in the employee roster.",
    ),
    "review-roster-changed": (
        "error",
        "Data pegawai berbeda dari data yang dipakai saat usulan dibuat. NIP yang unit atau "
        "jabatan asalnya berubah: {nips}. Periksa usulannya, atau pakai --force untuk tetap "
        "menetapkan.",
        "The roster differs from the one the proposal was made from. NIPs whose unit or position "
        "changed: {nips}. Check the proposal, or use --force to finalize anyway.",
    ),
    "review-other-proposal": (
        "error",
        "Lembar usulan ini bukan dari data pegawai ini: sidik jari berbeda dan {mismatched} dari "
        "{total} NIP tidak cocok dengan unit/jabatan asalnya. Pakai lembar usulan yang dibuat "
        "dari data pegawai yang sama.",
        "This review sheet was not made from this roster: the fingerprint differs and {mismatched} "
        "of {total} NIPs do not match their unit/position of origin. Use the review made from "
        "the same roster.",
    ),
    "conflict-chain": (
        "error",
        "{nama} (NIP {nip}) disetujui pindah ke jabatan yang masih diduduki {holder_nama} "
        "(NIP {holder}, baris {holder_row}), yang mutasinya {state_id}. Setujui baris "
        "{holder_row}, atau tolak/tunda baris ini.",
        "{nama} (NIP {nip}) is approved into the seat still held by {holder_nama} (NIP {holder}, "
        "row {holder_row}), whose own move is {state_en}. Approve row {holder_row}, or reject/"
        "defer this row.",
    ),
    "conflict-double-booking": (
        "error",
        "Beberapa mutasi yang disetujui menempati satu kursi ({unit} - {jabatan}): NIP {nips}. "
        "Setujui hanya satu.",
        "Several approved moves take one seat ({unit} - {jabatan}): NIPs {nips}. Approve one.",
    ),
    "conflict-chain-deferred": (
        "warning",
        "Mutasi NIP {nip} ditunda oleh --tunda-berantai: jabatan tujuannya masih diduduki NIP "
        "{holder} yang tidak pindah.",
        "The move of NIP {nip} was deferred by --tunda-berantai: its seat is still held by NIP "
        "{holder}, who does not move.",
    ),
    "conflict-duplicate-nip": (
        "error",
        "NIP {nip} disetujui untuk lebih dari satu mutasi (baris {rows}). Setujui hanya satu.",
        "NIP {nip} is approved for more than one move (rows {rows}). Approve only one.",
    ),
    # issue 12: finalize accepts only what was proposed; input limits; history
    "review-record-missing": (
        "error",
        "Lembar usulan ini tidak memuat catatan usulan asli (lembar tersembunyi "
        "'mutasi_usulan_asli'), sehingga keputusan tidak dapat dicocokkan dengan usulan. Pakai "
        "berkas yang dibuat `mutasi propose` (versi ini) dan isi keputusan di situ.",
        "This review holds no record of the original proposal (hidden sheet "
        "'mutasi_usulan_asli'), so the decisions cannot be matched with the proposal. Use the "
        "workbook written by `mutasi propose` (this version) and decide in it.",
    ),
    "review-record-tampered": (
        "error",
        "Catatan usulan asli di lembar tersembunyi telah diubah (sidik jarinya tidak cocok). "
        "Penetapan ditolak; pakai berkas usulan asli.",
        "The hidden record of the original proposal was edited (its digest does not match). "
        "Finalize refused; use the original proposal workbook.",
    ),
    "review-row-not-proposed": (
        "error",
        "NIP {value} disetujui tetapi tidak ada dalam usulan. Mutasi di luar usulan ditulis di "
        "lembar 'Usulan Tambahan' agar diperiksa dengan aturan yang sama.",
        "NIP {value} is approved but was not proposed. A move the tool did not propose goes in "
        "the sheet 'Usulan Tambahan' (Additional Moves) so the same rules check it.",
    ),
    "review-row-changed": (
        "error",
        "Baris usulan NIP {nip} diubah setelah usulan dibuat ({cells}): {changes}. Kembalikan "
        "isinya, atau tulis mutasi yang diinginkan di lembar 'Usulan Tambahan'.",
        "The proposed row of NIP {nip} was edited after the proposal ({cells}): {changes}. "
        "Restore it, or write the wanted move in the sheet 'Usulan Tambahan'.",
    ),
    "review-manual-move": (
        "warning",
        "Mutasi tambahan manual (bukan usulan mutasi) ke {unit} - {jabatan}; diperiksa dengan "
        "aturan yang sama.",
        "Manual additional move (not proposed by the tool) to {unit} - {jabatan}; checked with "
        "the same rules.",
    ),
    "move-position-unknown": (
        "error",
        "Jabatan tujuan '{jabatan}' di '{unit}' tidak ada di peta jabatan.",
        "Destination position '{jabatan}' in '{unit}' is not in the position map.",
    ),
    "move-rule-broken": (
        "error",
        "Mutasi NIP {value} melanggar aturan: {rules}.",
        "The move of NIP {value} breaks the rules: {rules}.",
    ),
    "move-no-seat": (
        "error",
        "Jabatan {jabatan} di {unit} tidak punya kursi kosong untuk semua mutasi yang disetujui "
        "({arriving} masuk, {free} kursi tersedia).",
        "Position {jabatan} in {unit} has no free seat for every approved move ({arriving} "
        "arriving, {free} seats available).",
    ),
    "cell-too-long": (
        "warning",
        "Teks sel ini {length} karakter; dipotong menjadi {limit} karakter.",
        "This cell's text is {length} characters long; cut to {limit} characters.",
    ),
    "history-repeated-move": (
        "warning",
        "Mutasi NIP {value} ke {unit} - {jabatan} sudah tercatat di riwayat dengan TMT {tmt}; "
        "baris baru dengan TMT lain tetap ditambahkan. Periksa apakah penetapan dijalankan dua "
        "kali dengan --tmt berbeda.",
        "The move of NIP {value} to {unit} - {jabatan} is already in the history with TMT {tmt}; "
        "the new row with another TMT is still added. Check whether finalize ran twice with "
        "different --tmt.",
    ),
    # reading what analysts really have (issue 11)
    "hint-row-skipped": (
        "info",
        "Baris petunjuk di bawah judul kolom (baris {rows}) dilewati, bukan data.",
        "The hint row under the header (row {rows}) is skipped, it is not data.",
    ),
    "header-repeated": (
        "info",
        "Judul kolom berulang di tengah data (baris {rows}), seperti pada laporan yang dicetak "
        "per halaman: baris itu dilewati, bukan data.",
        "The header repeats within the data (rows {rows}), as in a report printed page by "
        "page: those rows are skipped, they are not data.",
    ),
    "column-values-mismatch": (
        "warning",
        "Kolom '{header}' berisi nilai yang bukan {domain} (mis. '{value}'); kolom ini tidak "
        "dipakai sebagai {label}.{used_id}",
        "Column '{header}' holds values that are not {domain_en} (e.g. '{value}'); it is not "
        "used as {label_en}.{used_en}",
    ),
    "table-mismatch": (
        "error",
        "Berkas ini tampaknya {looks_like}, bukan {given}: {why}. Periksa apakah berkasnya "
        "tertukar.",
        "This file looks like {looks_like_en}, not {given_en}: {why_en}. Check whether the "
        "files were swapped.",
    ),
    # the given table needs only a NIP: the file is another table, read as it would hold
    # nothing or the wrong numbers (a history given as the aspirations)
    "table-mismatch-data": (
        "error",
        "Berkas ini tampaknya {looks_like}, bukan {given}: kolom {given} di dalamnya selain NIP "
        "dan nama: {found}. Periksa apakah berkasnya tertukar.",
        "This file looks like {looks_like_en}, not {given_en}: its columns for one, besides the "
        "NIP and name: {found_en}. Check whether the files were swapped.",
    ),
    "column-from-title": (
        "info",
        "Kolom '{header}' tidak ada di judul kolom; nilainya diambil dari baris judul (baris "
        "{row}): {value}, untuk setiap baris.",
        "No '{header}' column in the header; its value is taken from the title row (row {row}): "
        "{value}, for every row.",
    ),
    "column-from-sheet-name": (
        "info",
        "Kolom '{header}' tidak ada di judul kolom; nilainya diambil dari nama lembar: "
        "{value}, untuk setiap baris lembar ini.",
        "No '{header}' column in the header; its value is taken from the sheet's name: "
        "{value}, for every row of this sheet.",
    ),
    "sheets-stacked": (
        "info",
        "{n} lembar dengan judul kolom yang sama dibaca bersama sebagai satu tabel ({rows} "
        "baris): {sheets}. Setiap pesan menyebut lembar barisnya.",
        "{n} sheets with the same header are read together as one table ({rows} rows): "
        "{sheets}. Each message names its row's sheet.",
    ),
    "sheet-ambiguous": (
        "warning",
        "Lembar {others} juga cocok untuk tabel ini; yang dibaca lembar '{sheet}' (baris "
        "terbanyak). Bila yang dimaksud lembar lain, hapus atau sembunyikan lembar yang tidak "
        "dipakai (validate: --sheet).",
        "Sheet(s) {others} fit this table as well; sheet '{sheet}' (the most rows) was read. If "
        "another was meant, delete or hide the sheets not used (validate: --sheet).",
    ),
    "table-empty": (
        "error",
        "Tabel ini hanya berisi judul kolom, tanpa baris data.",
        "The table holds a header and no data rows.",
    ),
    "template-example-row": (
        "warning",
        "Baris {row} adalah baris contoh templat `mutasi init` ({value}); hapus baris ini bila "
        "bukan data sungguhan.",
        "Row {row} is the example row of the `mutasi init` template ({value}); delete it unless "
        "it is real data.",
    ),
    "date-future": (
        "warning",
        "{label} {value} sesudah tanggal acuan {per}.",
        "{label_en} {value} is after the reference date {per}.",
    ),
}


SUMMARY_ROWS_SHOWN = 20  # rows named in the message of a summary issue


def row_list(rows: Sequence[int]) -> str:
    """Excel rows as a message names them: "5, 10, 12", the first :data:`SUMMARY_ROWS_SHOWN`
    and ", …" for the rest."""
    shown = ", ".join(map(str, rows[:SUMMARY_ROWS_SHOWN]))
    return shown + ", …" if len(rows) > SUMMARY_ROWS_SHOWN else shown


@dataclass(frozen=True)
class Issue:
    code: str
    sheet: str = ""
    cell: str = ""  # "pegawai!C14" (empty when the issue concerns a whole file or column)
    column: str = ""  # canonical column name
    value: str = ""  # the offending value; for a NIP, the NIP only
    row: int | None = None  # 1-based Excel row
    nip: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # None: the catalogue's severity
    text: str = ""  # an already rendered message (e.g. a file error raised by the reader)
    # A summary: the Excel rows of further cells with this code in this column, not listed one
    # by one (io.normalize lists the first ``NormalizeSettings.issues_listed`` per code).
    rows: tuple[int, ...] = ()

    @property
    def level(self) -> Severity:
        if self.severity is not None:
            return self.severity
        return MESSAGES[self.code][0] if self.code in MESSAGES else "error"

    @property
    def cells(self) -> int:
        """How many cells this issue stands for: one, or the count of a summary."""
        return len(self.rows) or 1

    def message(self, lang: str = "id") -> str:
        if self.text:
            return self.text
        if self.rows:
            from mutasi_cli.i18n import t

            shown = row_list(self.rows)
            return t("issues.summarised", lang, count=len(self.rows), code=self.code, rows=shown)
        _, msg_id, msg_en = MESSAGES.get(self.code, ("error", self.code, self.code))
        template = msg_en if lang == "en" else msg_id
        values = {"value": self.value, "column": self.column, "nip": self.nip, **self.params}
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            return template

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "severity": self.level,
            "code": self.code,
            "sheet": self.sheet,
            "cell": self.cell,
            "column": self.column,
            "value": self.value,
            "row": self.row,
            "message": self.message(lang),
        }


def code_label(code: str, lang: str = "id") -> str:
    """The short name of an issue code (``i18n/issue_labels.py``), else the code itself."""
    from mutasi_cli.i18n import t

    try:
        return t(f"issue.{code}", lang)
    except KeyError:
        return code


def count(issues: list[Issue], severity: Severity) -> int:
    """Cells with a problem of this severity (a summary issue counts every cell it stands for)."""
    return sum(i.cells for i in issues if i.level == severity)


@cache
def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(sheet: str, col_index: int, row: int) -> str:
    """``pegawai!C14`` from a sheet name, a 0-based column index and a 1-based row."""
    ref = f"{column_letter(col_index)}{row}"
    if not sheet:
        return ref
    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{ref}"
