"""Memory and speed under hostile or mistaken inputs, and the cost of the checks (issue 12).

Each case runs the real CLI in a subprocess under an address-space cap (``--cap-gb``, default 6)
and reports its exit code, error code, wall time and peak RSS (``wait4``):

* ``bombs``: small files (each under 10 MB) that inflate to gigabytes: a sheet-XML bomb, one
  1 GB row, one 1.5 GB shared string, and the sheet bomb given to finalize as the review;
* ``dupes``: a roster whose NIP column was filled down with one NIP (``--dupe-rows`` rows);
* ``annotate``: ``validate --annotate`` on a roster of ``--annotate-rows`` rows;
* ``scale``: ``validate`` and ``analyze-needs`` on rosters of ``--sizes`` rows (peak RSS and time
  per row, to extrapolate to 1M rows);
* ``speed``: the normal path (validate and analyze-needs of ``--speed-rows`` rows, ``--runs``
  runs each, alternating) with this tree's code and with ``--base SRC`` (the code before), so
  the cost of the checks shows as a ratio.

    python benchmarks/bench_limits.py bombs dupes annotate
    python benchmarks/bench_limits.py scale --sizes 100000 200000
    python benchmarks/bench_limits.py speed --base /tmp/base/src --speed-rows 50000 --runs 5

Goal: no input under 10 MB makes any command exceed 1.5 GB RSS; 1M-row roster validate and
analyze-needs under 4 GB; the normal path no more than 5 % slower.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MB = 1 << 20
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
TAIL = "</sheetData></worksheet>"


def run(args: list[str], cwd: Path, src: Path, cap_gb: float) -> dict:
    """One CLI run: exit code, JSON error code, seconds, peak RSS (MB)."""
    cap = int(cap_gb * (1 << 30))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from mutasi_cli.cli import main; main()", *args, "--json", "-q"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=limit,
    )
    out = proc.stdout.read()  # read before wait4: a large summary would fill the pipe
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    stdout_mb = len(out) / MB
    try:
        payload = json.loads(out.decode() or "{}")
    except json.JSONDecodeError:
        payload = {}
    issues = [i["code"] for i in payload.get("issues", []) if i.get("severity") == "error"]
    return {
        "exit": code,
        "code": payload.get("code") or (issues[0] if issues else ""),
        "s": round(seconds, 1),
        "rss_mb": round(usage.ru_maxrss / 1024),
        "stdout_mb": round(stdout_mb, 2),
    }


def rewrite(src: Path, dest: Path, part: str, chunks: Iterator[bytes]) -> Path:
    with zipfile.ZipFile(src) as book, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for member in book.infolist():
            if member.filename != part:
                out.writestr(member, book.read(member))
                continue
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(info, "w", force_zip64=True) as stream:
                for chunk in chunks:
                    stream.write(chunk)
    return dest


def sheet_rows(megabytes: int) -> Iterator[bytes]:
    yield HEAD.encode()
    block = b"<row>" + b"".join(b'<c t="n"><v>1</v></c>' for _ in range(2000)) + b"</row>"
    for _ in range(megabytes * MB // len(block)):
        yield block
    yield TAIL.encode()


def one_row(megabytes: int) -> Iterator[bytes]:
    yield (HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
    for _ in range(megabytes):
        yield b"A" * MB
    yield ("</t></is></c></row>" + TAIL).encode()


def one_string(megabytes: int) -> Iterator[bytes]:
    yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    yield b'2006/main" count="1" uniqueCount="1"><si><t>'
    for _ in range(megabytes):
        yield b"B" * MB
    yield b"</t></si></sst>"


def city(folder: Path, employees: int) -> dict[str, Path]:
    from mutasi_cli.sample import generate_city, write_city

    frames = generate_city(employees=employees, seed=1, per=date(2026, 12, 1))
    written = write_city(frames, folder, force=True, created=datetime(2026, 1, 1))
    return {p.stem: p for p in written if p.suffix == ".xlsx"}


def sheet_part(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return next(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))


def show(name: str, size_mb: float, result: dict) -> None:
    print(
        f"{name:<34} {size_mb:>8.1f} {result['exit']:>5} {result['code'] or '-':<22} "
        f"{result['s']:>7.1f} {result['rss_mb']:>8,}",
        flush=True,
    )


def header() -> None:
    print(f"{'case':<34} {'file MB':>8} {'exit':>5} {'code':<22} {'s':>7} {'RSS MB':>8}")


def bombs(tmp: Path, args) -> None:
    files = city(tmp, 400)
    roster, part = files["pegawai"], sheet_part(files["pegawai"])
    made = {
        "sheet XML bomb (2 GB)": rewrite(roster, tmp / "bom.xlsx", part, sheet_rows(2048)),
        "one 1 GB row": rewrite(roster, tmp / "baris.xlsx", part, one_row(1024)),
        "one 1.5 GB shared string": rewrite(
            roster, tmp / "teks.xlsx", "xl/sharedStrings.xml", one_string(1536)
        ),
    }
    header()
    for name, path in made.items():
        for command in (["validate", str(path)], ["analyze-needs", "--pegawai", str(path)]):
            result = run([*command, "--per", "2026-12-01"], tmp, args.src, args.cap_gb)
            show(f"{command[0]}: {name}", path.stat().st_size / MB, result)
    # the sheet bomb as the review given to finalize
    proposal = tmp / "usulan.xlsx"
    run(["propose", "--per", "2026-12-01", "--out", str(proposal)], tmp, args.src, args.cap_gb)
    review = rewrite(proposal, tmp / "usulan-bom.xlsx", sheet_part(proposal), sheet_rows(2048))
    result = run(["finalize", str(review)], tmp, args.src, args.cap_gb)
    show("finalize: review sheet bomb (2 GB)", review.stat().st_size / MB, result)


def dupes(tmp: Path, args) -> None:
    import pandas as pd

    files = city(tmp, args.dupe_rows)
    frame = pd.read_excel(files["pegawai"], dtype=str, engine="calamine")
    nip = next(c for c in frame.columns if c.strip().upper() == "NIP")
    frame[nip] = frame[nip].iloc[0]  # filled down by mistake
    path = tmp / "pegawai-dupe.xlsx"
    frame.to_excel(path, index=False)
    header()
    result = run(["validate", str(path), "--per", "2026-12-01"], tmp, args.src, args.cap_gb)
    show(f"validate: {args.dupe_rows:,} rows, one NIP", path.stat().st_size / MB, result)
    print(f"  --json summary on stdout: {result['stdout_mb']} MB")


def annotate(tmp: Path, args) -> None:
    files = city(tmp, args.annotate_rows)
    header()
    result = run(
        ["validate", str(files["pegawai"]), "--per", "2026-12-01", "--annotate", str(tmp / "a")],
        tmp,
        args.src,
        args.cap_gb,
    )
    show(
        f"validate --annotate {args.annotate_rows:,}", files["pegawai"].stat().st_size / MB, result
    )


def scale(tmp: Path, args) -> None:
    header()
    for size in args.sizes:
        files = city(tmp / str(size), size)
        roster = files["pegawai"]
        for command in (
            ["validate", str(roster), str(files["jabatan"])],
            ["analyze-needs", "--pegawai", str(roster), "--jabatan", str(files["jabatan"])],
        ):
            out = (
                ["--out", str(tmp / f"{size}-{command[0]}.xlsx")]
                if command[0] != "validate"
                else []
            )
            result = run(
                [*command, "--per", "2026-12-01", *out, "--force"], tmp, args.src, args.cap_gb
            )
            show(f"{command[0]}: {size:,} rows", roster.stat().st_size / MB, result)


def speed(tmp: Path, args) -> None:
    files = city(tmp, args.speed_rows)
    commands = {
        "validate": ["validate", str(files["pegawai"]), str(files["jabatan"])],
        "analyze-needs": [
            "analyze-needs",
            "--pegawai",
            str(files["pegawai"]),
            "--jabatan",
            str(files["jabatan"]),
            "--force",
        ],
    }
    trees = {"before": Path(args.base), "after": args.src}
    print(f"{'command':<16} {'rows':>8} {'before s':>9} {'after s':>9} {'after/before':>13}")
    for name, command in commands.items():
        if args.only and name not in args.only:
            continue
        times: dict[str, list[float]] = {k: [] for k in trees}
        for _ in range(args.runs):
            for tree, src in trees.items():  # alternate, so load on the machine hits both
                # each tree writes to its own folder: the old PID lock file and the new OS
                # lock file must never meet
                out = ["--out", str(tmp / tree / "needs.xlsx")] if name != "validate" else []
                result = run([*command, *out, "--per", "2026-12-01"], tmp, src, 8)
                assert result["exit"] in (0, 1), result
                times[tree].append(result["s"])
        before, after = (statistics.median(times[k]) for k in trees)
        print(
            f"{name:<16} {args.speed_rows:>8,} {before:>9.2f} {after:>9.2f} {after / before:>13.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "cases", nargs="+", choices=["bombs", "dupes", "annotate", "scale", "speed"]
    )
    parser.add_argument("--cap-gb", type=float, default=6.0)
    parser.add_argument("--dupe-rows", type=int, default=20_000)
    parser.add_argument("--annotate-rows", type=int, default=200_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000])
    parser.add_argument("--speed-rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--base", help="src folder of the code before (for speed)")
    parser.add_argument("--only", nargs="*", help="speed: only these commands")
    parser.add_argument("--src", type=Path, default=SRC, help="src folder of the code measured")
    args = parser.parse_args()
    for case in args.cases:
        print(f"\n== {case}")
        with tempfile.TemporaryDirectory() as tmp:
            globals()[case](Path(tmp), args)


if __name__ == "__main__":
    main()
