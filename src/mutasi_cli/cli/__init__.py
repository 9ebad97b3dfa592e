"""The `mutasi` command line: one small module per command, assembled here.

Exit codes (DESIGN.md section 4): 0 done; 1 the data has errors; 2 wrong usage or configuration;
3 an internal error (a bug: shown as a traceback without local variables, please report it).
"""

from __future__ import annotations

import importlib
import sys
import traceback

import typer
from typer._click.exceptions import ClickException  # the Click bundled with Typer
from typer.core import TyperGroup


class _Group(TyperGroup):
    """The root group: its own options (``--help``, ``--version``, ``--lang``) are a bool or a
    str, checked by type instead of by Typer's pydantic adapter, whose import (~70 ms) would
    otherwise be paid by every ``mutasi <command> --help``."""

    def parse_args(self, ctx, args):
        try:
            from typer._coercion import PassThroughRuntimeParam
        except ImportError:  # pragma: no cover - another Typer: its own coercion then
            return super().parse_args(ctx, args)
        for param in self.get_params(ctx):
            kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
            if kind in (bool, str) and getattr(param, "_runtime_param", False) is None:
                param._runtime_param = PassThroughRuntimeParam(
                    parameter_info=param.type_descriptor.parameter_info, annotation=kind
                )
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_Group,
    name="mutasi",
    help="Analisis kebutuhan, usulan, penetapan dan evaluasi mutasi ASN dari berkas Excel.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

INTERNAL_ERROR = 3


def _version(value: bool) -> None:
    if value:
        from mutasi_cli import __version__

        print(f"mutasi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Tampilkan versi lalu keluar."
    ),
    lang: str | None = typer.Option(None, "--lang", help="Bahasa keluaran: id atau en."),
) -> None:
    """mutasi: mutasi ASN dari berkas Excel yang sudah ada."""
    if lang is not None:  # `mutasi --lang en COMMAND`: the command's own --lang wins
        ctx.meta["mutasi.lang"] = lang


COMMAND_MODULES = (
    "sample",
    "init",
    "validate",
    "needs",
    "propose",
    "finalize",
    "evaluate",
    "monitor",
    "demo",
)  # the cycle of DESIGN.md section 1, in the order `mutasi --help` lists them


def _register() -> None:
    """Import each command module; importing registers its command on ``app``."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"mutasi_cli.cli.{name}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the app; a bug becomes a traceback without locals and exit code 3.

    Analyst-fixable errors are handled inside each command (see ``cli.common.command``); usage
    errors Click finds in the command line (an unknown option, ``--max-moves abc``) are shown
    as Click shows them, exit code 2, and with ``--json`` also as the one JSON object on stdout
    that a batch script reads (docs/batch.md).
    """
    from mutasi_cli.cli.language import choose, localize

    args = sys.argv[1:] if argv is None else list(argv)
    lang = choose(args)
    _register()
    command = typer.main.get_command(app)
    localize(command, lang)  # help, metavars and Click's own strings in one language
    try:
        code = command(args=args, prog_name="mutasi", standalone_mode=False)
    except ClickException as exc:  # wrong usage found by Click (shown in ``lang``: language.py)
        exc.show()
        if "--json" in args:
            from mutasi_cli.cli.common import _print_json
            from mutasi_cli.cli.language import error_text

            message = error_text(exc.format_message())
            _print_json({"error": message, "code": "usage", "outputs": [], "exit_code": 2})
        sys.exit(exc.exit_code)
    except typer.Abort:
        from mutasi_cli.cli.language import framework

        print(framework("Aborted!"), file=sys.stderr)
        sys.exit(1)
    except Exception:  # a bug: traceback without local variables (rosters hold personal data)
        from mutasi_cli.i18n import t

        traceback.print_exc(file=sys.stderr)
        print(t("common.internal_error", lang), file=sys.stderr)
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
