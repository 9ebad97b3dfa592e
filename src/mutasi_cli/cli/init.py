"""`mutasi init DIR`: blank input templates and a commented mutasi.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutasi_cli.cli import app
from mutasi_cli.cli.common import Run, command


@command(app, "init", help="Buat templat masukan kosong dan mutasi.toml berkomentar.")
def init(
    run: Run,
    directory: Annotated[Path, typer.Argument(help="Folder tujuan.")],
) -> None:
    from mutasi_cli.templates_init import init_templates

    with run.lock(directory):
        run.outputs.extend(init_templates(directory, force=run.force, lang=run.lang))
    run.finish({"directory": str(directory)})
