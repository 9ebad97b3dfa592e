"""What every command shares: the common flags, reading inputs, writing outputs, finishing.

A command module declares only its own options and decorates its body with :func:`command`;
the decorator adds ``--config --lang --json --quiet --log --force`` (DESIGN.md section 7) and hands
the body a :class:`Run` that reads inputs (``run.load``), writes outputs (``run.write_workbook``)
and finishes with one JSON object on stdout or a console summary on stderr (``run.finish``).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import inspect
import json
import logging
import os
import shlex
import sys
import time
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from mutasi_cli.errors import ExitCode, MutasiError, UsageError
from mutasi_cli.issues import Issue, count

if TYPE_CHECKING:  # imported where used, so registering the commands (`--help`) stays fast
    from rich.console import Console

    from mutasi_cli.settings import Settings

log = logging.getLogger("mutasi")
log.addHandler(logging.NullHandler())  # silent unless --log names a file
log.propagate = False

CONFIG_NAME = "mutasi.toml"
LOCK_NAME = ".mutasi.lock"
LOCK_WAIT_SECONDS = 10.0
# What an output's name must end in, by what it holds (the first is suggested).
OUTPUT_SUFFIXES = {"workbook": (".xlsx",), "report": (".html", ".htm")}


@dataclass
class Loaded:
    """One input read and normalised: the raw table, the typed frame and the issues found."""

    raw: Any  # io.read.LoadedTable
    norm: Any  # io.normalize.Normalized

    @property
    def frame(self):
        return self.norm.frame

    @property
    def issues(self) -> list[Issue]:
        return [*self.raw.issues, *self.norm.issues]


@dataclass
class Run:
    """The state of one command invocation."""

    command: str
    settings: Settings
    lang: str
    json: bool
    quiet: bool
    force: bool
    base_dir: Path  # folder of the mutasi.toml in use (relative [paths] resolve against it)
    console: Console
    argv: list[str] = field(default_factory=lambda: list(sys.argv))
    started: datetime = field(default_factory=datetime.now)
    t0: float = field(default_factory=time.perf_counter)
    inputs: list[Any] = field(default_factory=list)  # io.write.InputInfo
    outputs: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    stages: list[Any] = field(default_factory=list)  # io.write.StagedSet being written
    locked: set[Path] = field(default_factory=set)  # folders whose lock this run holds
    # table -> where each input read as it came from (validate.Source), to place issues
    tables: dict[str, list[Any]] = field(default_factory=dict)

    # ---- inputs -------------------------------------------------------------------------
    def path_from_config(self, given: Path | None, key: str, *, required: bool) -> Path | None:
        """The file given on the command line, else the one named in ``[paths]``."""
        if given is not None:
            return given
        configured = getattr(self.settings.paths, key)
        if configured:
            return (self.base_dir / configured).resolve()
        if required:
            flag = "--" + key.replace("_", "-")
            raise UsageError.of("cli.error.file_not_given", flag=flag, setting=key)
        return None

    def existing(self, path: Path) -> Path:
        """``path`` if it is a file, else an error that names it (in the run's language)."""
        if not Path(path).is_file():
            raise MutasiError.of("cli.error.file_missing", code="file-missing", path=path)
        return path

    def load(
        self,
        path: Path,
        table: str | None,
        *,
        sheet: str | None = None,
        per: date | None = None,
    ) -> Loaded:
        """Read and normalise one input, remembering its provenance for the Info sheet."""
        from mutasi_cli.io.normalize import normalize
        from mutasi_cli.io.read import read_table
        from mutasi_cli.io.write import InputInfo
        from mutasi_cli.validate import Source

        raw = read_table(Path(path), table=table, sheet=sheet, lang=self.lang)
        norm = normalize(raw, per=per, lang=self.lang, settings=self.settings)
        loaded = Loaded(raw, norm)
        self.inputs.append(
            InputInfo(
                path=str(path),
                table=raw.table,
                sheet=", ".join(raw.sheet_names),
                rows=len(raw.frame),
                sha256=raw.sha256,
            )
        )
        self.issues.extend(loaded.issues)
        self.tables.setdefault(raw.table, []).append(Source.of(raw, norm.frame))
        log.info("read %s as %s: %d rows", path, raw.table, len(raw.frame))
        return loaded

    def add_issues(self, issues: Sequence[Issue]) -> None:
        """Issues a command's core found in the inputs, each named by its input's own sheet
        and cell (:func:`mutasi_cli.validate.placed`)."""
        from mutasi_cli.validate import placed

        self.issues.extend(placed(issues, self.tables))

    def load_configured(
        self, given: Path | None, table: str, *, per: date | None, required: bool
    ) -> Loaded | None:
        """``load`` the file given on the command line, else the one named in ``[paths]``.
        A required input with no data rows stops the run (an optional one is a warning)."""
        path = self.path_from_config(given, table, required=required)
        if path is None:
            return None
        loaded = self.load(path, table, per=per)
        require_columns(loaded, path)
        if required and loaded.raw.frame.empty:
            raise MutasiError.of(
                "cli.error.table_empty", code="table-empty", file=path.name, path=path
            )
        return loaded

    def load_kinerja(self, given: Sequence[Path] | None, *, per: date | None):
        """All performance exports (``--kinerja`` may repeat; else ``[paths] kinerja``), as one
        frame, or None when there are none."""
        import pandas as pd

        paths = list(given or ()) or [
            (self.base_dir / p).resolve() for p in self.settings.paths.kinerja
        ]
        if not paths:
            return None
        return pd.concat([self.load(p, "kinerja", per=per).frame for p in paths], ignore_index=True)

    def deliver(
        self,
        report: Any,
        result: Any,
        *,
        out: Path | None,
        stem: str,
        per: date,
        sheets: Sequence[Any] | None = None,
        html_path: Path | None = None,
        template_dir: Path | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Write a result through its report module (``sheets``, ``html``, ``console``)."""
        html = None
        if html_path is not None:  # both outputs checked, and the report rendered (a broken
            # --template-dir template stops here), before either is written
            self.check_output(html_path, "report")
            html = report.html(result, self.lang, template_dir=template_dir)
        self.write_workbook(
            self.output_path(out, stem, per, ".xlsx"),
            report.sheets(result, self.lang) if sheets is None else sheets,
            per=per,
            extra=extra,
        )
        if html_path is not None:
            self.write_text(html_path, html)
        if not self.quiet:
            for renderable in report.console(result, self.lang):
                self.console.print(renderable)

    def require_no_errors(self, strict: bool) -> None:
        """With ``--strict`` any error in the inputs stops the run (exit 1)."""
        from mutasi_cli.i18n import count_word, t

        errors = count(self.issues, "error")
        word = count_word(errors, "common.word.error", "en")
        if strict and errors:
            raise MutasiError.of("cli.error.strict", count=errors, errors_word=word)
        if errors and not self.quiet:
            text = t("common.input_errors", self.lang, count=errors, errors_word=word)
            self.console.print(f"[yellow]{t('common.warning', self.lang)}:[/] {text}")

    # ---- outputs ------------------------------------------------------------------------
    def output_path(self, given: Path | None, stem: str, per: date | None, suffix: str) -> Path:
        """The output path: as given, else ``<out_dir>/<stem>-<per>.<suffix>``."""
        if given is not None:
            return given
        tag = (per or self.started.date()).isoformat()
        return (self.base_dir / self.settings.output.out_dir / f"{stem}-{tag}{suffix}").resolve()

    def run_info(self, per: date | None, extra: dict[str, Any] | None = None):
        from mutasi_cli import __version__
        from mutasi_cli.io.write import RunInfo

        return RunInfo(
            command=shlex.join(["mutasi", *self.argv[1:]]),
            version=__version__,
            per=per,
            settings=self.settings.as_dict(),
            inputs=tuple(self.inputs),
            started=self.started,
            seconds=round(time.perf_counter() - self.t0, 3),
            extra=extra or {},
        )

    def write_workbook(
        self,
        path: Path,
        sheets: Sequence[Any],
        *,
        per: date | None,
        extra: dict[str, Any] | None = None,
        with_issues: bool = True,
    ) -> Path:
        """Write a workbook with the Info sheet (and a data-problem sheet when inputs had any)."""
        from mutasi_cli.io.write import write_workbook

        self.check_output(path)
        sheets = list(sheets)
        if with_issues and self.issues:
            sheets.append(issues_sheet(self.issues, self.lang))
        with self.lock(path.parent):
            written = write_workbook(
                path, sheets, self.run_info(per, extra), lang=self.lang, force=self.force
            )
        self.outputs.append(written)
        log.info("wrote %s", written)
        return written

    def check_output(self, path: Path, kind: str = "workbook") -> None:
        """An output is named for what it holds (``kind``: a workbook .xlsx, a report .html;
        exit 2 before anything is written) and never replaces a file this run read
        (``output-is-input``, with --force too)."""
        from mutasi_cli.i18n import t
        from mutasi_cli.io.write import check_not_input

        path = Path(path)
        wanted = OUTPUT_SUFFIXES[kind]
        if path.suffix.lower() not in wanted:
            # an empty --out (a batch script's unset variable) is "."; it has no name to keep
            named = path.with_suffix(wanted[0]) if path.name else path / f"mutasi{wanted[0]}"
            raise UsageError.of(
                "trust.path.wrong_suffix",
                code="output-suffix",
                path=path,
                suffix=wanted[0],
                kind=t(f"trust.path.kind_{kind}", self.lang),
                suggestion=named,
            )
        check_not_input(path, [i.path for i in self.inputs])

    def write_text(self, path: Path, text: str) -> Path:
        from mutasi_cli.reports.render import write_html

        self.check_output(path, "report")
        with self.lock(path.parent):
            written = write_html(path, text, force=self.force)
        self.outputs.append(written)
        return written

    @contextlib.contextmanager
    def lock(self, folder: Path) -> Iterator[None]:
        """A lock per output folder, so two scheduled runs never write the same output at once.

        An operating-system file lock (``filelock``: ``fcntl`` on Linux/macOS, ``msvcrt`` on
        Windows) that the OS releases when the process ends, however it ends: a lock left by a
        killed run never blocks the next one. The second run waits up to
        :data:`LOCK_WAIT_SECONDS`, then stops with a clear message. Once the lock is held, what a
        killed run left in the folder (staging folders, temporary files) is removed, with a
        message. A folder inside a set being staged needs no lock of its own.
        """
        from filelock import FileLock, Timeout

        from mutasi_cli.io.write import remove_leftovers

        folder = Path(folder)
        if any(stage.contains(folder) for stage in self.stages):
            yield
            return
        if folder.resolve() in self.locked:
            yield
            return
        check_output_folder(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError.of(
                "write.error.folder_unwritable", folder=folder, reason=exc.strerror or exc
            ) from None
        lock = FileLock(str(folder / LOCK_NAME), timeout=LOCK_WAIT_SECONDS)
        try:
            lock.acquire()
        except Timeout:
            raise MutasiError.of("cli.error.folder_locked", folder=folder, lock=LOCK_NAME) from None
        except OSError as exc:
            raise UsageError.of(
                "write.error.folder_unwritable", folder=folder, reason=exc.strerror or exc
            ) from None
        self.locked.add(folder.resolve())
        try:
            removed = remove_leftovers(folder)
            if removed:
                self.say("trust.leftovers_removed", n=len(removed), folder=folder)
                log.info("removed leftovers of an interrupted run: %s", removed)
            yield
        finally:
            self.locked.discard(folder.resolve())
            lock.release()

    @contextlib.contextmanager
    def output_set(self, final: Path, meta: dict[str, Any] | None = None) -> Iterator[Any]:
        """Write several outputs as one set (all or nothing): files go to ``stage.staging`` and
        the folder is moved to ``final`` in one step when the block ends without error; the
        written paths in :attr:`outputs` then name their final place. See ``io.write.output_set``.
        """
        from mutasi_cli import __version__
        from mutasi_cli.io.write import output_set

        final = Path(final)
        check_output_folder(final.parent)
        with self.lock(final.parent):
            first = len(self.outputs)
            info = {"command": shlex.join(["mutasi", *self.argv[1:]]), "version": __version__}
            with output_set(final, force=self.force, meta={**info, **(meta or {})}) as stage:
                self.stages.append(stage)
                try:
                    yield stage
                finally:
                    self.stages.remove(stage)
                staged = self.outputs[first:]
            self.outputs[first:] = [stage.final_path(p) if stage.contains(p) else p for p in staged]

    def say(self, key: str, **params: Any) -> None:
        """A one-line notice on stderr (even under --json, where stdout stays JSON only)."""
        from rich.console import Console

        from mutasi_cli.i18n import t

        if not self.quiet:
            Console(stderr=True, highlight=False, soft_wrap=True).print(
                t(key, self.lang, **params), markup=False
            )

    # ---- finishing ----------------------------------------------------------------------
    def finish(self, summary: dict[str, Any], exit_code: int = 0) -> NoReturn:
        """Print the JSON summary (``--json``) and leave with ``exit_code``."""
        if self.json:
            payload = {
                **summary,
                "input_errors": count(self.issues, "error"),
                "input_warnings": count(self.issues, "warning"),
                "outputs": [str(p) for p in self.outputs],
                "exit_code": int(exit_code),
            }
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=_json_default))
            sys.stdout.write("\n")
            sys.stdout.flush()
        elif self.outputs and not self.quiet:
            self._print_outputs()
        log.info("done, exit code %d", exit_code)
        raise typer.Exit(int(exit_code))

    def _print_outputs(self, limit: int = 8) -> None:
        """The files written; a folder holding many of them is shown once, with its count."""
        from mutasi_cli.i18n import t

        by_folder: dict[Path, list[Path]] = {}
        for path in self.outputs:
            by_folder.setdefault(Path(path).parent, []).append(Path(path))
        for folder, paths in by_folder.items():
            if len(paths) > limit:
                self.console.print(
                    t("common.written_many", self.lang, n=len(paths), folder=folder),
                    markup=False,
                    soft_wrap=True,
                )
                continue
            for path in paths:
                self.console.print(
                    t("common.written", self.lang, path=path), markup=False, soft_wrap=True
                )

    def fail(self, exc: MutasiError) -> NoReturn:
        """Report an analyst-fixable error as one line plus a hint; JSON too with ``--json``."""
        from rich.console import Console

        from mutasi_cli.i18n import t

        message, hint = exc.render(self.lang)
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        err.print(f"{t('common.error', self.lang)}: {message}", markup=False)
        if hint:
            err.print(f"{t('common.hint', self.lang)}: {hint}", markup=False)
        log.error("%s (%s)", message, hint)
        if self.json:
            payload = {
                "error": message,
                "hint": hint,
                "code": exc.code or exc.key,
                "outputs": [str(p) for p in self.outputs],
                "exit_code": int(exc.exit_code),
            }
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        raise typer.Exit(int(exc.exit_code))


def require_columns(loaded: Loaded, path: Path) -> None:
    """A command core needs a table's required columns: without them (for example the position
    map given as --pegawai) stop with the file and the missing columns, never a traceback."""
    missing = [i for i in loaded.raw.issues if i.code == "column-missing"]
    if missing:
        raise MutasiError.of(
            "trust.input.columns_missing",
            code="column-missing",
            path=path,
            table=loaded.raw.table,
            columns=", ".join(str(i.params.get("column", i.column)) for i in missing),
        )


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def issues_sheet(issues: Sequence[Issue], lang: str):
    """The data problems found in the inputs, as a sheet every output workbook can carry."""
    import pandas as pd

    from mutasi_cli.i18n import t
    from mutasi_cli.io.write import ColorRule, SheetSpec
    from mutasi_cli.issues import code_label
    from mutasi_cli.schema import column_labels

    keys = ("severity", "kind", "code", "sheet", "cell", "column", "value", "message")
    rows = [{**i.as_dict(lang), "kind": code_label(i.code, lang)} for i in issues]
    frame = pd.DataFrame(rows, columns=[*keys, "row"])[list(keys)]
    # a column by its label as the analyst's header reads (TMT Jabatan), not mutasi's name
    frame["column"] = frame["column"].map(column_labels(lang)).fillna(frame["column"])
    labels = {k: t("issues.sheet_col" if k == "sheet" else f"issues.{k}", lang) for k in keys}
    frame = frame.rename(columns=labels)
    frame[labels["severity"]] = frame[labels["severity"]].map(
        {level: t(f"issues.{level}", lang) for level in ("error", "warning", "info")}
    )
    return SheetSpec(
        name=t("issues.sheet", lang),
        frame=frame,
        colors=(
            ColorRule(labels["severity"], "equals", "red", t("issues.error", lang), True),
            ColorRule(labels["severity"], "equals", "yellow", t("issues.warning", lang), True),
        ),
    )


# ---- the decorator ----------------------------------------------------------------------
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="mutasi.toml yang dipakai (bawaan: ./mutasi.toml bila ada)."),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Bahasa keluaran: id atau en.")]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Cetak satu objek ringkasan JSON di stdout, tidak lain.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Tanpa pesan kecuali galat.")]
LogOpt = Annotated[Path | None, typer.Option("--log", help="Tulis catatan proses ke berkas ini.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Timpa berkas keluaran yang sudah ada.")]

_COMMON = {
    "config": (ConfigOpt, None),
    "lang": (LangOpt, None),
    "json_": (JsonOpt, False),
    "quiet": (QuietOpt, False),
    "log": (LogOpt, None),
    "force": (ForceOpt, False),
}


def command(app: typer.Typer, name: str, help: str) -> Callable[[Callable[..., Any]], Any]:
    """Register ``fn(run, **options)`` as command ``name`` with the common flags added."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(fn)
        # Resolve postponed (string) annotations so Typer sees the Annotated option metadata.
        hints = typing.get_type_hints(fn, include_extras=True)
        own = [
            p.replace(annotation=hints.get(p.name, p.annotation))
            for p in sig.parameters.values()
            if p.name != "run"
        ]
        common = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
            for n, (a, d) in _COMMON.items()
        ]

        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> None:
            opts = {n: kwargs.pop(n) for n in _COMMON}
            run: Run | None = None
            try:
                with _terminate_as_interrupt():
                    run = start_run(name, **opts)
                    fn(run, **kwargs)
            except (
                typer.Exit,
                typer.Abort,
                typer.TyperException,
            ):  # Typer's own exits: its handling
                raise
            except BaseException as exc:
                # Ctrl-C or SIGTERM, also when it struck inside a library whose clean-up then
                # failed on the half-done state and raised something else while unwinding
                # (zipfile: "Can't close the ZIP file while there is an open writing handle").
                stop = _interruption(exc)
                if stop is not None:
                    _interrupted(run, stop, json_mode=opts["json_"], lang=opts["lang"])
                if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
                    exc = _name_too_long(exc)  # a mistyped option value, not a bug
                if isinstance(exc, MemoryError):  # not a bug: this machine's memory (outputs
                    # are written atomically, so nothing is half-written)
                    exc = MutasiError.of(
                        "trust.out_of_memory",
                        code="out-of-memory",
                        detail=str(exc) or "MemoryError",
                    )
                if isinstance(exc, MutasiError):
                    if run is None:
                        run = _bare_run(name, json_mode=opts["json_"])
                    run.fail(exc)
                if isinstance(exc, Exception) and opts["json_"]:  # a bug: main() prints the
                    _print_json({"error": f"{type(exc).__name__}: {exc}", "exit_code": 3})
                raise  # traceback, exit code 3

        wrapper.__signature__ = sig.replace(parameters=[*own, *common])  # type: ignore[attr-defined]
        app.command(name, help=help)(wrapper)
        return fn

    return decorate


def _name_too_long(exc: OSError) -> UsageError:
    """``path-too-long`` for a path the system refused as too long (an option given a pasted
    paragraph, or a path pasted twice), shown cut to 80 characters."""
    path = str(exc.filename or "")
    shown = path if len(path) <= 80 else f"{path[:40]}…{path[-39:]}"
    return UsageError.of("trust.path.too_long", code="path-too-long", path=shown, length=len(path))


class Terminated(BaseException):
    """SIGTERM received: unwinds like Ctrl-C so every staging folder and temp file is removed."""


INTERRUPT_EXIT = {"SIGINT": 130, "SIGTERM": 143}  # 128 + signal number, as shells report it


def _interruption(exc: BaseException) -> BaseException | None:
    """The Ctrl-C or SIGTERM that ``exc`` is, or that was being handled when ``exc`` arose."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        if isinstance(current, (KeyboardInterrupt, Terminated)):
            return current
        seen.add(id(current))
        todo += [current.__cause__, current.__context__]
    return None


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while a command runs (main thread only)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupted(
    run: Run | None, exc: BaseException, *, json_mode: bool, lang: str | None
) -> NoReturn:
    """Stopped by Ctrl-C or SIGTERM: the unwinding already removed what was half-written."""
    from rich.console import Console

    from mutasi_cli.i18n import t

    name = "SIGTERM" if isinstance(exc, Terminated) else "SIGINT"
    code = INTERRUPT_EXIT[name]
    lang = run.lang if run is not None else (lang if lang in ("id", "en") else "id")
    message = t("trust.interrupted", lang, signal=name)
    Console(stderr=True, highlight=False, soft_wrap=True).print(message, markup=False)
    log.error("%s", message)
    if json_mode:
        _print_json({"error": message, "exit_code": code})
    raise typer.Exit(code)


def _print_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=_json_default) + "\n")
    sys.stdout.flush()


def check_output_folder(folder: Path) -> None:
    """Exit 2 naming the path when outputs cannot go to ``folder``: it (or a parent) is a file
    or a device such as /dev/null, or the nearest existing folder is not writable."""
    folder = Path(folder)
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise UsageError.of("trust.path.not_folder", path=folder, blocking=probe)
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise UsageError.of("trust.path.not_writable", path=probe)


def _bare_run(name: str, *, json_mode: bool) -> Run:
    from rich.console import Console

    from mutasi_cli.settings import Settings

    return Run(
        command=name,
        settings=Settings(),
        lang="id",
        json=json_mode,
        quiet=True,
        force=False,
        base_dir=Path.cwd(),
        console=Console(stderr=True, quiet=True),
    )


def start_run(
    name: str,
    *,
    config: Path | None,
    lang: str | None,
    json_: bool,
    quiet: bool,
    log: Path | None,
    force: bool,
) -> Run:
    """Settings (flags > file > defaults), console, logging: everything a command starts with."""
    from mutasi_cli.reports.console import make_console
    from mutasi_cli.settings import load_settings

    if config is None and (Path.cwd() / CONFIG_NAME).is_file():
        config = Path.cwd() / CONFIG_NAME
    settings = load_settings(config)
    from mutasi_cli.io import limits

    limits.configure(settings.limits)  # issue 12: input limits of this run
    lang = lang or _root_lang() or os.environ.get("MUTASI_LANG") or settings.output.lang
    if lang not in ("id", "en"):
        raise UsageError.of("cli.error.unknown_lang", language=lang)
    if log is not None:
        _setup_log(log)
    console = make_console(quiet=quiet, json_mode=json_)
    from rich.markup import escape

    from mutasi_cli.i18n import t

    for key in settings.warnings:
        text = t("common.unknown_key", lang, name=key)
        console.print(f"[yellow]{t('common.warning', lang)}:[/] {escape(text)}")
    base = config.resolve().parent if config else Path.cwd()
    log_ = logging.getLogger("mutasi")
    log_.info("start %s", shlex.join(sys.argv))
    return Run(
        command=name,
        settings=settings,
        lang=lang,
        json=json_,
        quiet=quiet,
        force=force,
        base_dir=base,
        console=console,
    )


def _root_lang() -> str | None:
    """``mutasi --lang xx COMMAND``: the language given before the command."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    return ctx.meta.get("mutasi.lang") if ctx is not None else None


def _setup_log(path: Path) -> None:
    path = Path(path)
    if path.is_dir():
        raise UsageError.of("trust.path.log_is_folder", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise UsageError.of("trust.path.log_unwritable", path=path, reason=exc.strerror) from None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("mutasi")
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def parse_date(value: str | None, flag: str = "--per") -> date | None:
    """An ISO ``YYYY-MM-DD`` flag value (DESIGN.md section 7)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError.of("cli.error.bad_date", flag=flag, value=value) from None
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:  # 9999-12-31 overflows month arithmetic
        raise UsageError.of(
            "trust.date.out_of_range",
            flag=flag,
            value=value,
            low=DATE_RANGE[0].isoformat(),
            high=DATE_RANGE[1].isoformat(),
        )
    return day


# Dates a flag may take (issue 12): a reference date or TMT outside this span is a typing error.
DATE_RANGE = (date(1950, 1, 1), date(2100, 12, 31))


def exit_code_for(issues: Sequence[Issue]) -> int:
    return int(ExitCode.DATA_ERROR) if any(i.level == "error" for i in issues) else 0


@contextlib.contextmanager
def progress(run: Run, total: int | None = None) -> Iterator[Callable[..., None]]:
    """A rich progress line on stderr when it is a terminal; silent under --quiet/--json.

    Yields ``step(description=None)``: a description names the step, a bare call advances it.
    """
    if run.quiet or run.json or not run.console.is_terminal:
        yield lambda *_: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns: list[Any] = [TextColumn("{task.description}")]
    if total:
        columns += [BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, console=run.console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def step(description: str | None = None, *_: Any) -> None:
            if description is None or not isinstance(description, str):
                bar.advance(task)
            else:
                bar.update(task, description=description)

        yield step
