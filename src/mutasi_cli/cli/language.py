"""One language at a time on the command line: help, framework strings and usage errors.

The language is chosen before anything is parsed (:func:`choose`): ``--lang xx`` anywhere on the
command line, else the ``MUTASI_LANG`` environment variable, else ``[output] lang`` of the
``mutasi.toml`` in use (``--config`` or ``./mutasi.toml``), else Indonesian. :func:`localize`
then rewrites the Click command tree Typer built: command and option help (English from
``i18n/cli.py``, keyed by the Indonesian text), metavars as words (``BERKAS``, ``TANGGAL``,
``ANGKA`` / ``FILE``, ``DATE``, ``NUMBER``) instead of ``<path>`` or ``<list[Path]>``, and
Click/Typer's own strings ("Usage:", "Options", "Show this message and exit.", "[default: …]",
"Error: No such option …"), which Typer's bundled Click writes in English only.

Cheap on purpose: no pandas, no settings module; ``mutasi --help`` stays fast.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

LANGS = ("id", "en")
CONFIG_NAME = "mutasi.toml"


def choose(argv: Sequence[str]) -> str:
    """The language of this run (see the module docstring); an unknown value gives "id" here
    and a usage error later, when the command checks its options."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in LANGS else "id"
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
            return value if value in LANGS else "id"
    env = os.environ.get("MUTASI_LANG", "")
    if env in LANGS:
        return env
    config = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--config"), None)
    path = Path(config) if config else Path.cwd() / CONFIG_NAME
    try:
        with path.open("rb") as f:
            value = tomllib.load(f).get("output", {}).get("lang", "id")
    except (OSError, tomllib.TOMLDecodeError, AttributeError, UnicodeDecodeError, RecursionError):
        return "id"  # the settings report an unreadable file with their own message
    return value if value in LANGS else "id"


# --- the command tree ----------------------------------------------------------------------------


def _walk(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


@functools.cache
def _english() -> dict[str, str]:
    """Indonesian help text -> English, from the ``cli.help.*`` labels."""
    from mutasi_cli.i18n import _catalogue

    return {pair[0]: pair[1] for key, pair in _catalogue().items() if key.startswith("cli.help.")}


def help_text(text: str | None, lang: str) -> str | None:
    """A help text in ``lang`` (help is written in Indonesian in the command modules)."""
    if text is None or lang != "en":
        return text
    return _english().get(text, text)


# Metavars as words: by option name first, then by the option's type.
_BY_NAME: dict[str, tuple[str, str]] = {
    "per": ("TANGGAL", "DATE"),
    "tmt": ("TANGGAL", "DATE"),
    "table": ("TABEL", "TABLE"),
    "sheet": ("LEMBAR", "SHEET"),
    "lang": ("id|en", "id|en"),
    "scope": ("default|all", "default|all"),
    "directory": ("FOLDER", "FOLDER"),
    "out_dir": ("FOLDER", "FOLDER"),
    "template_dir": ("FOLDER", "FOLDER"),
}
_BY_TYPE: dict[str, tuple[str, str]] = {
    "path": ("BERKAS", "FILE"),
    "list[Path]": ("BERKAS", "FILE"),
    "int": ("ANGKA", "NUMBER"),
    "int range": ("ANGKA", "NUMBER"),
    "float": ("ANGKA", "NUMBER"),
    "float range": ("ANGKA", "NUMBER"),
    "str": ("TEKS", "TEXT"),
}
_GIVEN: dict[str, tuple[str, str]] = {  # metavars a module spelled out itself
    "FILE": ("BERKAS", "FILE"),
    "TTTT-BB-HH": ("TANGGAL", "DATE"),
}


def _metavar(param: Any, ctx: Any, lang: str) -> str | None:
    pick = 1 if lang == "en" else 0
    if getattr(param, "is_flag", False):
        return None
    if param.metavar is not None:
        pair = _GIVEN.get(param.metavar)
        return pair[pick] if pair else param.metavar
    if param.name in _BY_NAME:
        return _BY_NAME[param.name][pick]
    help_ = (param.help or "") if hasattr(param, "help") else ""
    if help_.startswith("Folder"):
        return "FOLDER"
    try:
        kind = str(param.display_type(ctx)).strip("<>")
    except Exception:  # noqa: BLE001 - a type Typer cannot describe keeps its own display
        return None
    pair = _BY_TYPE.get(kind)
    return pair[pick] if pair else None


def _no_type(ctx: Any = None) -> None:
    return None


def localize(command: Any, lang: str) -> None:
    """Help texts and metavars of the whole command tree in ``lang``; framework strings too."""
    from typer._click.core import Context

    install(lang)
    for cmd in _walk(command):
        cmd.help = help_text(cmd.help, lang)
        cmd.short_help = help_text(cmd.short_help, lang)
        cmd.options_metavar = "[OPTIONS]" if lang == "en" else "[OPSI]"
        if hasattr(cmd, "subcommand_metavar"):
            cmd.subcommand_metavar = (
                "COMMAND [ARGS]..." if lang == "en" else "PERINTAH [ARGUMEN]..."
            )
        ctx = Context(cmd)
        for param in cmd.params:
            if hasattr(param, "help"):
                param.help = help_text(param.help, lang)
            metavar = _metavar(param, ctx, lang)
            if metavar is not None:
                param.metavar = metavar
                if not hasattr(param, "is_flag"):  # an argument: its word, no "<list[Path]>"
                    param.display_type_rich = _no_type


# --- framework strings -----------------------------------------------------------------------------

# Typer's gettext strings and the bundled Click's fixed English, in Indonesian.
FRAMEWORK_ID: dict[str, str] = {
    "Usage: ": "Cara pakai: ",
    "Arguments": "Argumen",
    "Options": "Opsi",
    "Commands": "Perintah",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "Aborted!": "Dibatalkan.",
    "Missing command.": "Perintah belum diberikan.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Error": "Galat",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
}
# Usage-error messages of the bundled Click (English only), as patterns -> Indonesian.
ERRORS_ID: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"No such option: (.+)", r"Opsi tidak dikenal: \1"),
        (r"\(Possible options: (.+)\)", r"(Opsi yang mungkin: \1)"),
        (r"Missing option (.+?)\.", r"Opsi \1 wajib diberikan."),
        (r"Missing argument (.+?)\.", r"Argumen \1 wajib diberikan."),
        (r"Missing parameter (.+?)\.", r"Parameter \1 wajib diberikan."),
        (r"Invalid value for (.+?): ", r"Nilai tidak sah untuk \1: "),
        (r"Invalid value: ", r"Nilai tidak sah: "),
        (r"Got unexpected extra arguments? \((.+)\)", r"Argumen berlebih: \1"),
        (r"Option (.+?) requires an argument\.", r"Opsi \1 memerlukan nilai."),
        (r"Option (.+?) requires (\d+) arguments\.", r"Opsi \1 memerlukan \2 nilai."),
        (r"Option (.+?) does not take a value\.", r"Opsi \1 tidak menerima nilai."),
        (r"No such command (.+?)\.", r"Perintah \1 tidak ada."),
        (r"Missing command\.", r"Perintah belum diberikan."),
        (r"(.+?) is not a valid integer( range)?\.", r"\1 bukan bilangan bulat."),
        (r"(.+?) is not a valid float( range)?\.", r"\1 bukan angka."),
        (r"(.+?) is not in the range (.+?)\.", r"\1 di luar rentang \2."),
        (r"(.+?) is not one of (.+?)\.", r"\1 bukan salah satu dari \2."),
        (r"Did you mean (.+?)\?", r"Maksud Anda \1?"),
        # Typer validates with pydantic: its messages, in Indonesian
        (r"Input should be a valid integer.*", "harus bilangan bulat."),
        (r"Input should be a valid number.*", "harus angka."),
        (r"Input should be greater than or equal to (\S+)", r"harus paling kecil \1"),
        (r"Input should be less than or equal to (\S+)", r"harus paling besar \1"),
        (r"Input should be greater than (\S+)", r"harus lebih dari \1"),
        (r"Input should be less than (\S+)", r"harus kurang dari \1"),
    )
)

_LANG = {"current": "id"}
_ORIGINAL: dict[str, Callable[..., Any]] = {}


def framework(msgid: str) -> str:
    """Typer's gettext replacement: ``msgid`` in the current language."""
    if _LANG["current"] == "en":
        return msgid
    return FRAMEWORK_ID.get(msgid, msgid)


def error_text(message: str) -> str:
    """A usage-error message of the bundled Click in the current language."""
    if _LANG["current"] == "en":
        return message
    for pattern, text in ERRORS_ID:
        message = pattern.sub(text, message)
    return message


def install(lang: str) -> None:
    """Point Typer and its bundled Click at :func:`framework` (idempotent; the language can
    change between calls, as it does in the tests)."""
    import typer.core
    from typer._click import decorators, exceptions, formatting
    from typer._click.utils import echo

    _LANG["current"] = lang
    if _ORIGINAL:
        return
    typer.core._ = framework  # typer's `from gettext import gettext as _`
    _ORIGINAL["write_usage"] = formatting.HelpFormatter.write_usage
    _ORIGINAL["help_option"] = decorators.help_option

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        return _ORIGINAL["write_usage"](
            self, prog, args, framework("Usage: ") if prefix is None else prefix
        )

    def help_option(param_decls: list[str]) -> Callable[[Any], Any]:
        decorate = _ORIGINAL["help_option"](param_decls)

        def apply(command: Any) -> Any:
            result = decorate(command)
            command.params[-1].help = framework("Show this message and exit.")
            return result

        return apply

    def show_usage_error(self: Any, file: Any = None) -> None:
        from typer._click._compat import get_text_stderr

        file = file or get_text_stderr()
        color = None
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = framework("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
                hint += "\n"
            color = self.ctx.color
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        message = error_text(self.format_message())
        echo(f"{framework('Error')}: {message}", file=file, color=color)

    formatting.HelpFormatter.write_usage = write_usage
    decorators.help_option = help_option
    exceptions.UsageError.show = show_usage_error
