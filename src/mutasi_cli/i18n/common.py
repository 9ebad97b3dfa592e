"""Labels shared by every command."""

LABELS: dict[str, tuple[str, str]] = {
    "common.info": ("Info", "Info"),
    "common.key": ("Kunci", "Key"),
    "common.value": ("Nilai", "Value"),
    "common.version": ("Versi mutasi", "mutasi version"),
    "common.command": ("Perintah", "Command line"),
    "common.per": ("Tanggal acuan", "Reference date"),
    "common.run_at": ("Waktu proses", "Run at"),
    "common.run_seconds": ("Lama proses (detik)", "Run time (seconds)"),
    "common.settings": ("Pengaturan", "Settings"),
    "common.input": ("Berkas masukan", "Input file"),
    "common.table": ("Tabel", "Table"),
    "common.sheet": ("Lembar", "Sheet"),
    "common.rows": ("Jumlah baris", "Rows"),
    "common.sha256": ("SHA-256", "SHA-256"),
    "common.fingerprint": ("Sidik jari masukan", "Input fingerprint"),
    # print footer of every sheet (issue 10)
    "common.page_of": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "common.yes": ("Ya", "Yes"),
    "common.no": ("Tidak", "No"),
    "common.total": ("Jumlah", "Total"),
    "common.city_total": ("Total kota", "City total"),
    "common.nip": ("NIP", "NIP"),
    "common.nama": ("Nama", "Name"),
    "common.unit_kerja": ("Unit Kerja", "Unit"),
    "common.jabatan": ("Jabatan", "Position"),
    "common.jenis_jabatan": ("Jenis Jabatan", "Job type"),
    "common.golongan": ("Golongan", "Grade"),
    "common.reason": ("Alasan", "Reason"),
    "common.note": ("Catatan", "Note"),
    "common.outputs": ("Berkas yang ditulis", "Files written"),
    "common.choices": ("Daftar Pilihan", "Choices"),
    "common.no_data": ("Tidak ada data", "No data"),
    "common.written": ("Ditulis: {path}", "Written: {path}"),
    "common.written_many": ("Ditulis: {n} berkas di {folder}", "Written: {n} files in {folder}"),
    "common.error": ("Galat", "Error"),
    "common.hint": ("Saran", "Hint"),
    # counted words (i18n.count_word): the plural, then the singular under ".one"
    "common.word.error": ("galat", "errors"),
    "common.word.error.one": ("galat", "error"),
    "common.word.warning": ("peringatan", "warnings"),
    "common.word.warning.one": ("peringatan", "warning"),
    "common.word.file": ("berkas", "files"),
    "common.word.file.one": ("berkas", "file"),
    "common.word.row": ("baris", "rows"),
    "common.word.row.one": ("baris", "row"),
    "common.warning": ("Peringatan", "Warning"),
    "common.internal_error": (
        "Ini kesalahan internal mutasi (bug). Mohon laporkan beserta pesan di atas.",
        "This is an internal error of mutasi (a bug). Please report it with the message above.",
    ),
    "common.input_errors": (
        "{count} galat pada data masukan; baris yang salah dilewati (lihat lembar 'Masalah Data' "
        "atau jalankan `mutasi validate`).",
        "{count} {errors_word} in the input data; the wrong rows are skipped (see the 'Data "
        "Problems' sheet or run `mutasi validate`).",
    ),
    "common.unknown_key": (
        "kunci '{name}' di mutasi.toml tidak dikenal.",
        "key '{name}' in mutasi.toml is not recognised.",
    ),
    "cli.error.file_missing": (
        "Berkas {path} tidak ditemukan.",
        "File {path} not found.",
    ),
    "cli.error.file_missing.hint": (
        "Periksa nama dan foldernya; jalankan perintah dari folder yang berisi mutasi.toml, atau "
        "tulis jalur lengkapnya.",
        "Check the name and the folder; run the command from the folder holding mutasi.toml, or "
        "write the full path.",
    ),
    "cli.error.table_empty": (
        "{file} hanya berisi judul kolom, tanpa baris data.",
        "{file} holds a header and no data rows.",
    ),
    "cli.error.table_empty.hint": (
        "Isi datanya di bawah judul kolom, atau beri berkas yang benar. Berkas: {path}",
        "Fill in the data under the header, or give the right file. File: {path}",
    ),
    # errors (MutasiError.of / UsageError.of): message, then its hint
    "cli.error.file_not_given": (
        "Berkas untuk {flag} tidak diberikan.",
        "No file given for {flag}.",
    ),
    "cli.error.file_not_given.hint": (
        'Beri {flag} FILE, atau tulis `{setting} = "FILE"` di bagian [paths] mutasi.toml.',
        'Give {flag} FILE, or write `{setting} = "FILE"` in the [paths] section of mutasi.toml.',
    ),
    "cli.error.strict": (
        "Data masukan berisi {count} galat; --strict menghentikan proses.",
        "The input data has {count} {errors_word}; --strict stops the run.",
    ),
    "cli.error.strict.hint": (
        "Jalankan `mutasi validate` pada berkas masukan untuk melihat setiap sel yang salah.",
        "Run `mutasi validate` on the input files to see every wrong cell.",
    ),
    "cli.error.folder_locked": (
        "Folder {folder} sedang dipakai proses mutasi lain ({lock}).",
        "Folder {folder} is in use by another mutasi process ({lock}).",
    ),
    "cli.error.folder_locked.hint": (
        "Tunggu proses itu selesai lalu jalankan lagi; hapus berkas kunci bila proses itu sudah "
        "tidak berjalan.",
        "Wait for that process to finish, then run again; delete the lock file if that process "
        "is no longer running.",
    ),
    "cli.error.unknown_lang": (
        "Bahasa '{language}' tidak dikenal.",
        "Language '{language}' is not recognised.",
    ),
    "cli.error.unknown_lang.hint": (
        "Pakai --lang id atau --lang en.",
        "Use --lang id or --lang en.",
    ),
    "cli.error.bad_date": (
        "{flag} '{value}' bukan tanggal ISO.",
        "{flag} '{value}' is not an ISO date.",
    ),
    "cli.error.bad_date.hint": (
        "Tulis {flag} sebagai TTTT-BB-HH.",
        "Write {flag} as YYYY-MM-DD.",
    ),
    "cli.error.unknown_table": (
        "Tabel '{table}' tidak dikenal.",
        "Table '{table}' is not recognised.",
    ),
    "cli.error.unknown_table.hint": ("Pilih: {choices}.", "Choose: {choices}."),
    "cli.error.no_files": (
        "Tidak ada berkas untuk diperiksa.",
        "There are no files to check.",
    ),
    "cli.error.no_files.hint": (
        "Sebutkan berkasnya (`mutasi validate pegawai.xlsx ...`) atau isi bagian [paths] "
        "mutasi.toml.",
        "Name the files (`mutasi validate pegawai.xlsx ...`) or fill in the [paths] section of "
        "mutasi.toml.",
    ),
    "cli.error.no_kinerja": (
        "Berkas kinerja (--kinerja) tidak diberikan.",
        "No performance file (--kinerja) given.",
    ),
    "cli.error.no_kinerja.hint": (
        'Beri --kinerja FILE (boleh berulang), atau `kinerja = ["..."]` di [paths].',
        'Give --kinerja FILE (may be repeated), or `kinerja = ["..."]` in [paths].',
    ),
    "cli.error.unknown_scope": (
        "--scope '{scope}' tidak dikenal.",
        "--scope '{scope}' is not recognised.",
    ),
    "cli.error.unknown_scope.hint": (
        "Pakai --scope default atau all.",
        "Use --scope default or all.",
    ),
    "cli.error.no_review": (
        "Lembar usulan (REVIEW.xlsx) tidak diberikan.",
        "No review sheet (REVIEW.xlsx) given.",
    ),
    "cli.error.no_review.hint": (
        'Tulis `mutasi finalize usulan-mutasi-TTTT-BB-HH.xlsx`, atau `review = "..."` di bagian '
        "[paths] mutasi.toml.",
        'Write `mutasi finalize usulan-mutasi-YYYY-MM-DD.xlsx`, or `review = "..."` in the '
        "[paths] section of mutasi.toml.",
    ),
    "cli.error.rejected_rows": (
        "Data pegawai berisi {count} baris yang tidak dapat dibaca; finalisasi dihentikan agar "
        "tidak ada pegawai yang hilang dari data baru.",
        "The employee data has {count} rows that cannot be read; finalisation stopped so that no "
        "employee goes missing from the new data.",
    ),
    "cli.error.rejected_rows.hint": (
        "Jalankan `mutasi validate` pada data pegawai, perbaiki barisnya, lalu ulangi.",
        "Run `mutasi validate` on the employee data, fix the rows, then try again.",
    ),
}
