"""Run-time hook that does nothing, in place of PyInstaller's for inspect and pkgutil (rthooks.dat says why)."""
