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
}
