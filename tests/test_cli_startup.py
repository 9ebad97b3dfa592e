"""`mutasi --help` starts in a blink: registering the commands imports no data library.

Not a timed test (the machine may be busy); it checks the cause of a slow start instead. Each
``--help`` runs in a fresh interpreter, which then reports the heavy modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import mutasi_cli

HEAVY = ("pandas", "numpy", "scipy", "openpyxl", "fastexcel", "xlsxwriter", "babel", "jinja2")
CORE = ("mutasi_cli.io", "mutasi_cli.reports", "mutasi_cli.matching", "mutasi_cli.needs")

PROBE = """
import contextlib, io, json, sys
import typer
from mutasi_cli.cli import _register, app, main

_register()
names = list(typer.main.get_command(app).commands)
shown = {}
for argv in [["--help"], ["--version"], *([name, "--help"] for name in names)]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code
    shown[" ".join(argv)] = [code or 0, buffer.getvalue()]
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
cores = sorted(m for m in sys.modules if m.startswith(CORE))
print(json.dumps({"names": names, "shown": shown, "loaded": loaded, "cores": cores}))
"""


def probe() -> dict:
    src = Path(mutasi_cli.__file__).resolve().parents[1]  # the copy under test
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    code = f"HEAVY = {HEAVY!r}\nCORE = {CORE!r}\n{PROBE}"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_imports_no_data_library():
    result = probe()
    assert {"validate", "analyze-needs", "propose", "finalize", "evaluate"} <= set(result["names"])
    # every help page was really shown, and exited cleanly
    assert result["shown"]["--help"][0] == 0
    assert "analyze-needs" in result["shown"]["--help"][1]
    assert result["shown"]["--version"][1].startswith("mutasi ")
    for name in result["names"]:
        code, text = result["shown"][f"{name} --help"]
        assert code == 0, name
        assert f"mutasi {name}" in text and "--json" in text, name
    assert result["loaded"] == [], f"--help imported {result['loaded']}"
    assert result["cores"] == [], f"--help imported {result['cores']}"
