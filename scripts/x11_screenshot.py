"""Save a screenshot of the X display ($DISPLAY) once what it shows has settled.

    .venv/bin/python scripts/x11_screenshot.py OUT.png [--settle 2] [--timeout 60]

Grabs the whole screen every 0.25 s until it is not blank and has not changed (on a grid of points, so
that a blinking caret does not count) for ``--settle`` seconds, then writes OUT.png; exit status 1 when it never settles within ``--timeout`` seconds (the last screen is
written all the same, to look at). Used by scripts/test-package.sh under Xvfb for the installed program's
window; it runs on the development environment's PySide6, not the program's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtGui import QGuiApplication, QImage


def sample(image: QImage) -> list[int]:
    """The pixels of a 100 × 100 grid over the screen (a text caret's blinking hardly ever touches one)."""
    step_x, step_y = max(image.width() // 100, 1), max(image.height() // 100, 1)
    return [image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)]


def blank(points: list[int]) -> bool:
    """One colour all over: nothing drawn yet."""
    return len(set(points)) == 1


def changed(before: list[int], after: list[int]) -> bool:
    return sum(a != b for a, b in zip(before, after, strict=True)) > 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--settle", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    deadline = time.monotonic() + args.timeout
    last: list[int] | None = None
    since = time.monotonic()
    while True:
        image = screen.grabWindow(0).toImage()
        points = sample(image)
        now = time.monotonic()
        if last is None or changed(last, points) or blank(points):
            last, since = points, now
        elif now - since >= args.settle:
            image.save(args.out)
            print(f"x11_screenshot: {args.out} ({image.width()}×{image.height()})")
            return 0
        if now > deadline:
            image.save(args.out)
            print(f"x11_screenshot: the screen did not settle in {args.timeout:.0f} s; last one in {args.out}",
                  file=sys.stderr)
            return 1
        time.sleep(0.25)


if __name__ == "__main__":
    sys.exit(main())
