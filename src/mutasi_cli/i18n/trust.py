"""Trust and limits: verified reviews, input limits, output sets, paths and settings checks."""

LABELS: dict[str, tuple[str, str]] = {
    # interruptions and leftovers of an interrupted run
    "trust.interrupted": (
        "Proses dihentikan ({signal}). Berkas yang setengah ditulis sudah dihapus; keluaran "
        "sebelumnya tetap utuh.",
        "Run stopped ({signal}). Half-written files were removed; earlier outputs are intact.",
    ),
    "trust.leftovers_removed": (
        "Sisa {n} berkas/folder sementara dari proses yang terhenti di {folder} telah dihapus.",
        "Removed {n} temporary files/folders left in {folder} by an interrupted run.",
    ),
    # paths (UsageError.of: message, then its hint)
    "trust.path.not_folder": (
        "Folder keluaran {path} tidak dapat dipakai: {blocking} bukan folder.",
        "Output folder {path} cannot be used: {blocking} is not a folder.",
    ),
    "trust.path.not_folder.hint": (
        "Pilih folder lain (misalnya `out_dir` di [output] mutasi.toml atau --out-dir).",
        "Choose another folder (for example `out_dir` in [output] of mutasi.toml or --out-dir).",
    ),
    "trust.path.not_writable": (
        "Folder {path} tidak dapat ditulisi.",
        "Folder {path} is not writable.",
    ),
    "trust.path.not_writable.hint": (
        "Periksa izin folder itu, atau pilih folder lain.",
        "Check that folder's permissions, or choose another folder.",
    ),
    "trust.path.not_file": (
        "Keluaran {path} bukan berkas biasa (folder atau perangkat).",
        "Output {path} is not an ordinary file (a folder or a device).",
    ),
    "trust.path.not_file.hint": (
        "Beri nama berkas, misalnya hasil/keluaran.xlsx.",
        "Give a file name, for example hasil/output.xlsx.",
    ),
    "trust.path.wrong_suffix": (
        "Keluaran {path} harus berakhiran {suffix}: isinya {kind}, yang tidak terbuka benar "
        "dengan nama lain.",
        "Output {path} must end in {suffix}: it holds {kind}, which does not open right under "
        "another name.",
    ),
    "trust.path.wrong_suffix.hint": (
        "Tulis misalnya {suggestion}.",
        "Write for example {suggestion}.",
    ),
    "trust.path.too_long": (
        "Nama berkas atau folder terlalu panjang untuk sistem ini ({length} karakter): {path}",
        "A file or folder name too long for this system ({length} characters): {path}",
    ),
    "trust.path.too_long.hint": (
        "Periksa nilai opsi itu (mungkin tersalin berulang atau berisi teks lain), atau pakai "
        "nama yang lebih pendek.",
        "Check that option's value (perhaps pasted twice or holding other text), or use a "
        "shorter name.",
    ),
    "trust.path.kind_workbook": ("lembar kerja Excel", "an Excel workbook"),
    "trust.path.kind_report": ("laporan HTML", "an HTML report"),
    "trust.path.log_is_folder": (
        "--log {path} adalah folder, bukan berkas.",
        "--log {path} is a folder, not a file.",
    ),
    "trust.path.log_is_folder.hint": (
        "Beri nama berkas catatan, misalnya --log mutasi.log.",
        "Give a log file name, for example --log mutasi.log.",
    ),
    "trust.path.log_unwritable": (
        "Berkas catatan {path} tidak dapat ditulisi ({reason}).",
        "Log file {path} cannot be written ({reason}).",
    ),
    "trust.path.log_unwritable.hint": (
        "Pilih lokasi lain untuk --log.",
        "Choose another place for --log.",
    ),
    # output sets
    "write.error.disk_full": (
        "Disk penuh saat menulis {path}. Tidak ada keluaran yang setengah jadi; keluaran "
        "sebelumnya tetap utuh.",
        "The disk is full while writing {path}. Nothing half-written was left; earlier outputs "
        "are intact.",
    ),
    "write.error.disk_full.hint": (
        "Kosongkan ruang disk atau pilih folder keluaran lain, lalu jalankan lagi.",
        "Free disk space or choose another output folder, then run again.",
    ),
    "write.error.set_exists": (
        "Keluaran penetapan sudah ada: {path}",
        "The finalize outputs already exist: {path}",
    ),
    "write.error.set_exists.hint": (
        "Pakai --force untuk menggantinya seluruhnya (berkas lama dihapus semua), atau pilih "
        "--out-dir lain.",
        "Use --force to replace them whole (every old file is removed), or choose another "
        "--out-dir.",
    ),
    "write.error.set_foreign": (
        "Folder {path} berisi berkas yang tidak ditulis mutasi; folder itu tidak akan ditimpa.",
        "Folder {path} holds files mutasi did not write; it will not be replaced.",
    ),
    "write.error.set_foreign.hint": (
        "Pilih --out-dir yang kosong atau belum ada.",
        "Choose an --out-dir that is empty or does not exist yet.",
    ),
    "write.error.set_not_folder": (
        "{path} adalah berkas, bukan folder keluaran.",
        "{path} is a file, not an output folder.",
    ),
    "write.error.set_not_folder.hint": (
        "Pilih --out-dir yang berupa folder.",
        "Choose an --out-dir that is a folder.",
    ),
    # the proposal record and the committee's own additions
    "trust.sheet.additions": ("Usulan Tambahan", "Additional Moves"),
    # settings checked at load (exit 2)
    "trust.settings.out_of_range": (
        "mutasi.toml: nilai '{setting}' = {value} di luar rentang yang sah ({rule}).",
        "mutasi.toml: '{setting}' = {value} is outside its valid range ({rule}).",
    ),
    "trust.settings.out_of_range.hint": (
        "Perbaiki nilainya, atau hapus baris itu agar nilai bawaan dipakai.",
        "Fix the value, or delete the line so the default is used.",
    ),
    "trust.settings.not_finite": (
        "mutasi.toml: nilai '{setting}' = {value} bukan bilangan biasa (nan/inf tidak boleh).",
        "mutasi.toml: '{setting}' = {value} is not an ordinary number (nan/inf are not allowed).",
    ),
    "trust.settings.not_finite.hint": (
        "Tulis bilangan biasa, misalnya 75000.",
        "Write an ordinary number, for example 75000.",
    ),
    "trust.settings.order": (
        "mutasi.toml: '{high}' harus sama dengan atau lebih besar dari '{low}'.",
        "mutasi.toml: '{high}' must be at least '{low}'.",
    ),
    "trust.settings.order.hint": (
        "Perbaiki salah satu nilainya.",
        "Fix one of the two values.",
    ),
    "trust.settings.sk_pattern": (
        "mutasi.toml: pola nomor SK finalize.nomor_sk_pattern = '{pattern}' tidak sah; hanya "
        "{fields} yang boleh dipakai ({exc}).",
        "mutasi.toml: decree number pattern finalize.nomor_sk_pattern = '{pattern}' is not "
        "valid; only {fields} may be used ({exc}).",
    ),
    "trust.settings.sk_pattern.hint": (
        'Contoh: nomor_sk_pattern = "800/{{seq:03d}}/BKPSDM/{{year}}".',
        'Example: nomor_sk_pattern = "800/{{seq:03d}}/BKPSDM/{{year}}".',
    ),
    # dates given on the command line
    "trust.date.out_of_range": (
        "{flag} '{value}' di luar rentang tanggal yang masuk akal ({low} s.d. {high}).",
        "{flag} '{value}' is outside the sensible range of dates ({low} to {high}).",
    ),
    "trust.date.out_of_range.hint": (
        "Periksa tahunnya; tulis {flag} sebagai TTTT-BB-HH.",
        "Check the year; write {flag} as YYYY-MM-DD.",
    ),
    # inputs
    "trust.input.columns_missing": (
        "Berkas {path} tidak memuat kolom wajib tabel {table}: {columns}. Mungkin berkas yang "
        "salah diberikan (misalnya peta jabatan sebagai data pegawai).",
        "File {path} lacks the required columns of table {table}: {columns}. Perhaps the wrong "
        "file was given (for example the position map as the roster).",
    ),
    "trust.input.columns_missing.hint": (
        "Periksa berkas yang diberikan untuk setiap pilihan (--pegawai, --jabatan, ...), atau "
        "jalankan `mutasi validate` pada berkas itu.",
        "Check the file given for each option (--pegawai, --jabatan, ...), or run "
        "`mutasi validate` on that file.",
    ),
    "trust.input.too_large": (
        "Berkas {path} terlalu besar setelah diekstrak ({what}; batas {limit}). Berkas ini "
        "mungkin rusak atau sengaja dibuat agar memori habis; berkas tidak dibaca.",
        "File {path} is too large once inflated ({what}; limit {limit}). It may be damaged or "
        "made to exhaust memory; it was not read.",
    ),
    "trust.input.too_large.hint": (
        "Buka berkas di Excel dan simpan ulang, atau naikkan batas di bagian [limits] "
        "mutasi.toml bila berkas ini memang sebesar itu.",
        "Open the file in Excel and save it again, or raise the limit in [limits] of "
        "mutasi.toml if the file really is that large.",
    ),
    "trust.input.file_too_large": (
        "Berkas {path} berukuran {size}, di atas batas {limit}; berkas tidak dibaca agar "
        "memori tidak habis.",
        "File {path} is {size}, above the limit of {limit}; it was not read so that memory is "
        "not exhausted.",
    ),
    "trust.input.file_too_large.hint": (
        "Periksa apakah ini berkas yang dimaksud; simpan hanya tabel yang diperlukan, atau "
        "naikkan `max_file_mb` di [limits] mutasi.toml bila berkas ini memang sebesar itu.",
        "Check that this is the intended file; keep only the table needed, or raise "
        "`max_file_mb` in [limits] of mutasi.toml if the file really is that large.",
    ),
    "trust.out_of_memory": (
        "Memori komputer tidak cukup untuk perintah ini ({detail}); tidak ada berkas keluaran "
        "yang ditulis setengah jadi.",
        "The computer ran out of memory for this command ({detail}); no output file was left "
        "half-written.",
    ),
    "trust.out_of_memory.hint": (
        "Tutup aplikasi lain lalu jalankan ulang, perkecil berkas masukan, atau jalankan di "
        "komputer dengan memori lebih besar.",
        "Close other applications and run again, make the input files smaller, or run on a "
        "computer with more memory.",
    ),
    "trust.input.grid_too_large": (
        "Lembar '{sheet}' pada berkas {path} terpakai sampai sel {cell} ({rows} baris x {cols} "
        "kolom; batas {limit} sel dan {max_cols} kolom). Biasanya ada isian tersesat jauh di "
        "luar tabel; berkas tidak dibaca agar memori tidak habis.",
        "Sheet '{sheet}' of file {path} is used up to cell {cell} ({rows} rows x {cols} "
        "columns; limit {limit} cells and {max_cols} columns). Usually a stray entry far "
        "outside the table; the file was not read so that memory is not exhausted.",
    ),
    "trust.input.grid_too_large.hint": (
        "Di Excel tekan Ctrl+End untuk menemukan sel terjauh, hapus baris/kolom kosong sesudah "
        "tabel lalu simpan ulang; atau naikkan `max_sheet_cells` di [limits] mutasi.toml.",
        "In Excel press Ctrl+End to find the farthest cell, delete the empty rows/columns after "
        "the table and save again; or raise `max_sheet_cells` in [limits] of mutasi.toml.",
    ),
    "trust.input.repeats_too_many": (
        "Lembar '{sheet}' pada berkas {path} menulis {written} sel berisi tetapi mengulangnya "
        "menjadi {filled} sel (batas {limit}). Berkas seperti ini tidak dibuat dari data "
        "sungguhan; berkas tidak dibaca agar memori tidak habis.",
        "Sheet '{sheet}' of file {path} writes {written} filled cells but repeats them into "
        "{filled} cells (limit {limit}). Real data does not make such a file; the file was not "
        "read so that memory is not exhausted.",
    ),
    "trust.input.repeats_too_many.hint": (
        "Buka berkas di LibreOffice atau Excel, salin hanya tabel datanya ke lembar kerja baru "
        "lalu simpan sebagai .xlsx; atau minta salinan baru dari sumbernya.",
        "Open the file in LibreOffice or Excel, copy only the data table to a new workbook and "
        "save it as .xlsx; or ask the source for a new copy.",
    ),
    "trust.input.damaged": (
        "Berkas {path} rusak dan tidak dapat dibaca ({detail}).",
        "File {path} is damaged and cannot be read ({detail}).",
    ),
    "trust.input.damaged.hint": (
        "Buka berkas di Excel (Excel dapat memperbaikinya) lalu simpan ulang, atau minta salinan "
        "baru dari sumbernya.",
        "Open the file in Excel (it can repair it) and save it again, or ask for a fresh copy.",
    ),
    "trust.input.annotate_too_large": (
        "Berkas {path} terlalu besar untuk dibuat salinan beranotasi (batas {limit} XML); "
        "pemeriksaan tetap dijalankan tanpa --annotate.",
        "File {path} is too large for an annotated copy (limit {limit} of XML); check it "
        "without --annotate.",
    ),
    "trust.input.annotate_too_large.hint": (
        "Jalankan tanpa --annotate dan lihat lembar 'Masalah Data' di laporan, atau naikkan "
        "`annotate_max_mb` di [limits].",
        "Run without --annotate and read the data-problems sheet of the report, or raise "
        "`annotate_max_mb` in [limits].",
    ),
    # short labels of the issue codes (issue tables; see i18n/issue_labels.py)
    "issue.file-damaged": ("Berkas rusak", "File damaged"),
    "issue.review-record-missing": ("Catatan usulan tidak ada", "Proposal record missing"),
    "issue.review-record-tampered": ("Catatan usulan diubah", "Proposal record edited"),
    "issue.review-row-not-proposed": ("Bukan usulan", "Not proposed"),
    "issue.review-row-changed": ("Baris usulan diubah", "Proposed row edited"),
    "issue.review-manual-move": ("Mutasi tambahan manual", "Manual additional move"),
    "issue.move-position-unknown": ("Jabatan tujuan tidak ada", "Destination unknown"),
    "issue.move-rule-broken": ("Melanggar aturan", "Rule broken"),
    "issue.move-no-seat": ("Tidak ada kursi kosong", "No free seat"),
    "issue.cell-too-long": ("Teks sel terlalu panjang", "Cell text too long"),
    "issue.history-repeated-move": ("Mutasi sudah di riwayat", "Move already in history"),
}
