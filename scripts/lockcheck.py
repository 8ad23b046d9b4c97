"""Compare the packages installed in this Python environment with a lock file (requirements/*.lock).

    python scripts/lockcheck.py check requirements/dev.lock   # exit 1 and list every difference
                                                              # (and every pyproject.toml requirement
                                                              # the lock does not meet: run scripts/lock.sh)
    python scripts/lockcheck.py extras requirements/dev.lock  # print the installed names the lock lacks

"Installed" is ``pip freeze --all --exclude-editable`` without pip itself (the installer, upgraded by
scripts/bootstrap.sh, is not part of the lock; the project is the editable install). A lock entry counts
when its environment marker holds here (the locks are universal: pywin32-ctypes is for Windows only).
Used by scripts/bootstrap.sh (extras) and scripts/run-tests.sh (check).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
NOT_LOCKED = {"pip"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(path: Path) -> dict[str, Version]:
    """name → version of every entry of a lock (``uv pip compile`` / ``pip-compile`` output) for here."""
    pins: dict[str, Version] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #-\t":
            continue  # hashes, comments, options
        match = _PIN.match(line)
        if match is None:
            raise SystemExit(f"{path}: not a pinned requirement: {line!r}")
        name, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        pins[canonicalize_name(name)] = Version(version)
    return pins


def installed() -> dict[str, Version | str]:
    """name → version of every installed distribution (a direct URL install: its freeze line)."""
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
                         check=True, capture_output=True, text=True).stdout
    found: dict[str, Version | str] = {}
    for line in out.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        if sep:
            found[canonicalize_name(name)] = Version(version.strip())
        else:
            found[canonicalize_name(re.split(r"[\s@]", line, maxsplit=1)[0])] = line.strip()
    for name in NOT_LOCKED:
        found.pop(name, None)
    return found


def differences(lock: Path) -> list[str]:
    want, have = locked(lock), installed()
    problems = []
    for name in sorted(want.keys() | have.keys()):
        if name not in have:
            problems.append(f"missing:   {name}=={want[name]} (in {lock}, not installed)")
        elif name not in want:
            problems.append(f"extra:     {name} {have[name]} (installed, not in {lock})")
        elif have[name] != want[name]:
            problems.append(f"different: {name} installed {have[name]}, {lock} pins {want[name]}")
    return problems


def unmet(lock: Path) -> list[str]:
    """The requirements of pyproject.toml (dependencies, the dev extras) and requirements/build.in that the
    lock's pins do not meet here: the lock is older than a change to them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project.get("optional-dependencies", {}).get("dev", [])]
    build = ROOT / "requirements" / "build.in"
    if build.exists():
        wanted += [line.split("#")[0].strip() for line in build.read_text(encoding="utf-8").splitlines()]
    pins = locked(lock)
    problems = []
    for text in filter(None, wanted):
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None or not requirement.specifier.contains(pin, prereleases=True):
            problems.append(f"stale:     {lock} has {pin or 'nothing'} for {text}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("check", "extras"):
        print(__doc__, file=sys.stderr)
        return 2
    command, lock = argv[0], Path(argv[1])
    if command == "extras":
        want = locked(lock)
        print(" ".join(sorted(name for name in installed() if name not in want)))
        return 0
    problems = unmet(lock) if lock.name == "dev.lock" else []
    problems += differences(lock)
    if problems:
        print(f"The installed packages differ from {lock}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        print("Run scripts/bootstrap.sh to install the lock (or scripts/lock.sh after changing pyproject.toml).",
              file=sys.stderr)
        return 1
    print(f"The installed packages are exactly those of {lock} ({len(locked(lock))} packages).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
