#!/usr/bin/env bash
# Builds the Linux package: a PyInstaller one-folder build of the committed source (packaging/inspector.spec)
# wrapped as a .deb with dpkg-deb, plus the NSIS include file that lists the build's files
# (packaging/windows/files.py), with which CI compiles the Windows installer script.
#
#   scripts/package-linux.sh              → build/package/inspector-app_<version>_<arch>.deb
#   scripts/package-linux.sh --worktree   the same from the working tree as it is (tracked and new files,
#                                         not ignored ones); the commit then reads <commit>-dirty
#
# What goes in is HEAD, exported with git archive (uncommitted changes are not packaged); the commit is
# baked into inspector_app/_build.py for --version. The Python packages come from requirements/app.lock
# and requirements/pyinstaller.lock, hashed, in a virtual environment of its own (build/package/venv).
# Needs: Debian/Ubuntu, python3 (3.11+) with venv, git, dpkg-deb. No root needed. Tested by
# scripts/test-package.sh; packaging/README.md tells the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=build/package
PYTHON=${PYTHON:-python3}

die() { echo "package-linux: $*" >&2; exit 1; }
for tool in git dpkg-deb dpkg "$PYTHON"; do
  command -v "$tool" >/dev/null 2>&1 || die "needs $tool (Debian: sudo apt-get install git dpkg-dev python3-venv)"
done
git rev-parse --verify -q HEAD >/dev/null || die "needs a git checkout with a commit (the package is built from HEAD)"

mkdir -p "$OUT"
started=$(date +%s)
step() { echo "[$(( $(date +%s) - started )) s] $*"; }

# -- 1. the source: HEAD, with the commit baked in -------------------------------------------------------
# Everything below comes from this copy: the code, the locks and the packaging files.
commit=$(git rev-parse --short=12 HEAD)
src=$OUT/src
rm -rf "$src"
mkdir -p "$src"
if [ "${1:-}" = "--worktree" ]; then
  git diff --quiet HEAD -- && [ -z "$(git ls-files -o --exclude-standard)" ] || commit="$commit-dirty"
  git ls-files -z -co --exclude-standard | xargs -0 -I{} sh -c '[ -e "$1" ] && printf "%s\0" "$1"' _ {} |
    tar --null -T - -cf - | tar -x -C "$src"
elif [ -n "${1:-}" ]; then
  die "unknown option $1 (use --worktree or nothing)"
else
  if ! git diff --quiet HEAD --; then
    echo "Note: the checkout has uncommitted changes; they are not in the package (it is built from $commit)."
  fi
  git archive --format=tar HEAD | tar -x -C "$src"
fi
printf '"""Written by scripts/package-linux.sh: the commit this build was made from."""\n\nCOMMIT = "%s"\n' \
  "$commit" >"$src/inspector_app/_build.py"
version=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import inspector_app; print(inspector_app.__version__)' "$src")
arch=$(dpkg --print-architecture)
echo "Packaging Inspector $version (commit $commit) for $arch"

# -- 2. the build environment: app.lock + pyinstaller.lock (those of the source built), nothing else --------
venv=$OUT/venv
locks=("$src/requirements/app.lock" "$src/requirements/pyinstaller.lock")
stamp=$venv/.installed-$(cat "${locks[@]}" | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  step "Installing requirements/app.lock and requirements/pyinstaller.lock into $venv ..."
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv" || die "could not create a virtual environment (sudo apt-get install python3-venv)"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  if ! "$venv/bin/python" -m pip install -q --require-hashes -r "${locks[0]}" -r "${locks[1]}" \
       >"$OUT/pip-install.log" 2>&1; then
    grep -v '^WARNING: Location' "$OUT/pip-install.log" >&2
    die "installing the locked packages failed (log: $OUT/pip-install.log)"
  fi
  touch "$stamp"
fi

# -- 3. PyInstaller: one folder -----------------------------------------------------------------------------
step "Building the one-folder program with PyInstaller (a few minutes) ..."
rm -rf "$OUT/dist" "$OUT/work"
if ! (cd "$src" && "$ROOT/$venv/bin/pyinstaller" --noconfirm --log-level WARN \
        --distpath "$ROOT/$OUT/dist" --workpath "$ROOT/$OUT/work" packaging/inspector.spec) >"$OUT/pyinstaller.log" 2>&1; then
  tail -40 "$OUT/pyinstaller.log" >&2
  die "PyInstaller failed (log: $OUT/pyinstaller.log)"
fi
app=$OUT/dist/Inspector
[ -x "$app/inspector-app" ] || die "PyInstaller made no $app/inspector-app"
echo "Built $app ($(du -sh "$app" | cut -f1))"

# The Windows installer's file list, made from this build (CI compiles the NSIS script with it).
"$PYTHON" "$src/packaging/windows/files.py" "$app" "$OUT/nsis-files.nsh" "$OUT/nsis-uninstall.nsh"

# -- 4. the .deb -----------------------------------------------------------------------------------------------
stage=$OUT/deb
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/mime/packages" "$stage/usr/share/doc/inspector-app" \
         "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$app" "$stage/opt/inspector-app"
ln -s /opt/inspector-app/inspector-app "$stage/usr/bin/inspector-app"
install -m 644 "$src/packaging/linux/inspector-app.desktop" "$stage/usr/share/applications/inspector-app.desktop"
install -m 644 "$src/packaging/linux/inspector-app-mime.xml" "$stage/usr/share/mime/packages/inspector-app.xml"
install -m 644 "$src/packaging/icons/inspector-app.svg" "$stage/usr/share/icons/hicolor/scalable/apps/inspector-app.svg"
for size in 48 128 256; do
  mkdir -p "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$src/packaging/icons/inspector-app-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/inspector-app.png"
done
printf 'Inspector %s (commit %s), built by scripts/package-linux.sh of the Inspector repository.\n' \
  "$version" "$commit" >"$stage/usr/share/doc/inspector-app/README"
find "$stage" -type d -exec chmod 755 {} +
installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)

# Depends: the Debian packages of the system libraries the build links against but does not carry (PyInstaller
# leaves out glibc, OpenGL/EGL, libxcb and libdrm, which must match the machine), found with ldd as
# dpkg-shlibdeps would, plus the Chinese font the sheets embed. glibc: at least the one it was built with.
step "Finding the system libraries the build needs ..."
libdirs="$PWD/$app/_internal:$PWD/$app/_internal/PySide6/Qt/lib"
system_libs=$(find "$app" -type f \( -name '*.so' -o -name '*.so.*' -o -name inspector-app \) -print0 |
  xargs -0 env LD_LIBRARY_PATH="$libdirs" ldd 2>/dev/null |
  awk -v app="$PWD/$app" '$2 == "=>" && $3 ~ /^\// && index($3, app) != 1 {print $3}' | sort -u)
packages=$(for lib in $system_libs; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null | cut -d: -f1; done | sort -u |
  grep -v -x -e libc6 || true)
[ -n "$packages" ] || die "found no system library packages (ldd/dpkg -S failed?)"
glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
depends="libc6 (>= $glibc), $(echo "$packages" | paste -sd, | sed 's/,/, /g'), fonts-wqy-microhei"
echo "Depends: $depends"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kb/" -e "s/@COMMIT@/$commit/" \
  -e "s/@DEPENDS@/$depends/" "$src/packaging/linux/control.in" >"$stage/DEBIAN/control"

deb=$OUT/inspector-app_${version}_${arch}.deb
rm -f "$OUT"/inspector-app_*.deb
# zstd: 20 s and ~110 MB where xz -6 takes 5 minutes for ~90 MB on two cores (dpkg reads zstd since Debian 12
# and Ubuntu 21.10, older than the glibc the build needs). A release may set DEB_COMPRESSION="-Zxz -z6".
compression=${DEB_COMPRESSION:--Zzstd -z12}
step "Writing $deb ($compression) ..."
# shellcheck disable=SC2086  # the options are words
dpkg-deb --root-owner-group $compression --build "$stage" "$deb" >/dev/null
printf 'DEB=%s\nVERSION=%s\nCOMMIT=%s\nINSTALLED_KB=%s\n' "$deb" "$version" "$commit" "$installed_kb" >"$OUT/build-info"
size_mb=$(( $(stat -c %s "$deb") / 1024 / 1024 ))
echo "Package: $deb – $size_mb MB (installed: $(( installed_kb / 1024 )) MB), built in $(( $(date +%s) - started )) s"
