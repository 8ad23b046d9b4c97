"""Start-up of the installed package against the development install, side by side.

Usage: .venv/bin/python benchmarks/bench_package_start.py [--installed /usr/bin/inspector-app]
       [--venv .venv/bin/inspector-app] [--runs 5] [--data-dir DIR]

Two measurements, each a fresh process, interleaved (installed, venv, installed, …) after one warm-up run of
each, best of N and median:

1. ``inspector-app --version``: spawn to exit (the interpreter, the command line, asking nothing of git in
   the package – its commit is baked in – while the checkout asks git; the figure says so).
2. Window to first paint: ``inspector-app --data-dir DIR gui`` with ``INSPECTOR_STARTUP_PROBE=1`` and
   ``QT_QPA_PLATFORM=offscreen``, from spawn to the ``shown`` timestamp the app prints in the first turn of
   its event loop after ``show()`` (the definition of benchmarks/bench_gui.py). DIR is a demo workspace
   (made with the venv's ``demo`` when not given).

The venv runs with its bytecode cached (``PYTHONPYCACHEPREFIX`` in a temporary folder, written by the warm-up
run), as an installed copy would; the package carries its bytecode in its archive. Goal: the package at most
1.5× the venv (issue 16). Settings go to a temporary folder (XDG_CONFIG_HOME), never the user's.
Run by scripts/test-package.sh after it installs the .deb; not part of pytest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.5


def timed(command: list[str], env: dict[str, str], probe: bool) -> float:
    """Seconds from spawn to exit, or to the ``shown`` stamp when ``probe``."""
    start = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    end = time.time()
    if out.returncode != 0:
        raise RuntimeError(f"{command} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    if not probe:
        return end - start
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "shown":
            return float(parts[1]) - start
    raise RuntimeError(f"{command} printed no 'shown' timestamp:\n{out.stdout}\n{out.stderr}")


def compare(name: str, commands: dict[str, list[str]], env: dict[str, str], runs: int, probe: bool) -> float:
    for command in commands.values():
        timed(command, env, probe)  # warm-up: the file cache, the venv's bytecode
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            times[label].append(timed(command, env, probe))
    installed, venv = (min(times[label]) for label in commands)
    ratio = installed / venv
    print(f"\n{name}, best of {runs} (median):")
    for label, values in times.items():
        print(f"  {label:10} {min(values) * 1000:7.0f} ms ({statistics.median(values) * 1000:.0f} ms)")
    print(f"  ratio      {ratio:7.2f}×  (goal ≤ {GOAL}×: {'met' if ratio <= GOAL else 'NOT met'})")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installed", default="/usr/bin/inspector-app")
    parser.add_argument("--venv", default=str(ROOT / ".venv" / "bin" / "inspector-app"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, help="a workspace (default: a demo one made now)")
    args = parser.parse_args()
    for program in (args.installed, args.venv):
        if not shutil.which(program):
            print(f"bench_package_start: no program {program}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="bench-package-") as temp:
        root = Path(temp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(XDG_CONFIG_HOME=str(root / "config"), PYTHONPYCACHEPREFIX=str(root / "pycache"),
                   QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="qt.qpa.*=false")
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = root / "ws"
            subprocess.run([args.venv, "--data-dir", str(data_dir), "demo"], env=env, check=True,
                           capture_output=True, timeout=300)
        print(f"installed: {args.installed}\nvenv:      {args.venv}\nworkspace: {data_dir}")
        version = compare("--version (spawn to exit)",
                          {"installed": [args.installed, "--version"], "venv": [args.venv, "--version"]},
                          env, args.runs, probe=False)
        gui = [["--data-dir", str(data_dir), "gui"]]
        window = compare("window to first paint (spawn to 'shown')",
                         {"installed": [args.installed, *gui[0]], "venv": [args.venv, *gui[0]]},
                         dict(env, INSPECTOR_STARTUP_PROBE="1"), args.runs, probe=True)
        print(f"\nsummary: --version {version:.2f}×, window {window:.2f}× (installed / venv)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
