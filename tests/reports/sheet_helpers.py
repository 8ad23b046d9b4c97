"""Helpers for the sheet tests: poppler and zbar are used where installed, else the test is skipped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (poppler-utils / zbar-tools)")
    return path


def pdftotext(pdf: Path) -> str:
    exe = need("pdftotext")
    return subprocess.run([exe, "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdffonts(pdf: Path) -> str:
    exe = need("pdffonts")
    return subprocess.run([exe, str(pdf)], check=True, capture_output=True, text=True).stdout


def page_png(pdf: Path, page: int, out_dir: Path, dpi: int = 150) -> Path:
    exe = need("pdftoppm")
    prefix = out_dir / f"page{page}"
    subprocess.run([exe, "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(prefix)], check=True)
    return prefix.with_suffix(".png")


def zbar(png: Path) -> list[str]:
    exe = need("zbarimg")
    res = subprocess.run([exe, "--raw", "-q", str(png)], capture_output=True, text=True)
    return [line for line in res.stdout.splitlines() if line.strip()]
