"""The `mutasi` command line (placeholder until the CLI framework lands)."""

import typer

app = typer.Typer(no_args_is_help=True)


def main() -> None:
    app()
