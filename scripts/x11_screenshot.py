"""Save a screenshot of the X display ($DISPLAY) once what it shows has settled.

    .venv/bin/python scripts/x11_screenshot.py OUT.png [--settle 2] [--timeout 60]

Grabs the whole screen every 0.25 s until it is not blank and has not changed for ``--settle`` seconds,
then writes OUT.png; exit status 1 when it never settles within ``--timeout`` seconds (the last screen is
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


def blank(image: QImage) -> bool:
    """One colour all over (nothing drawn yet), judged on a grid of points."""
    first = image.pixel(0, 0)
    step_x, step_y = max(image.width() // 40, 1), max(image.height() // 40, 1)
    return all(image.pixel(x, y) == first for x in range(0, image.width(), step_x)
               for y in range(0, image.height(), step_y))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--settle", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    deadline = time.monotonic() + args.timeout
    last: QImage | None = None
    since = time.monotonic()
    while True:
        image = screen.grabWindow(0).toImage()
        now = time.monotonic()
        if last is None or image != last or blank(image):
            last, since = image, now
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
