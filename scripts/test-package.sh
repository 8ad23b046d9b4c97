#!/usr/bin/env bash
# Builds the Linux package (scripts/package-linux.sh), compiles the Windows installer script against it, then
# installs the .deb on this machine and uses the installed program as a person would:
#
#   --version (version and commit), demo data into a temporary workspace, a signed sheet as PDF (the
#   Chinese font embedded: pdffonts), keys and a signed bundle exported from one workspace and imported
#   into another (in a real GNOME Keyring, under dbus-run-session), the window under Xvfb and a
#   double-clicked bundle (gui FILE) opening the import, each as a screenshot; the start-up against the
#   development install (benchmarks/bench_package_start.py); finally dpkg -r, and nothing may be left.
#
#   scripts/test-package.sh              build, then test
#   scripts/test-package.sh --no-build   test the .deb built last (build/package/build-info)
#
# Screenshots, the sheet, the logs and the figures go to build/artifacts/. Needs root (dpkg -i / dpkg -r on
# this machine: CI's is thrown away); without it, it says what it needs and skips. scripts/run-tests.sh
# runs it when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=build/package
ARTIFACTS=$ROOT/build/artifacts
TOOLS=(gnome-keyring dbus-daemon xvfb xauth nsis poppler-utils desktop-file-utils shared-mime-info)

say() { echo "== test-package: $*"; }
fail() { echo "test-package: FAILED: $*" >&2; exit 1; }

# -- inside the test session (dbus-run-session + xvfb-run, see below) -----------------------------------------
if [ "${1:-}" = "--session" ]; then
  work=$2 version=$3 commit=$4
  export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
  mkdir -p "$HOME"
  unset QT_QPA_PLATFORM  # a real window on Xvfb's display (run-tests.sh sets offscreen)
  # The keyring: GNOME Keyring's Secret Service on this session's D-Bus, its login keyring unlocked with a
  # throw-away password – what the package recommends; the program's keyring finds it as on a desktop.
  echo -n "ci-only-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null \
    || fail "gnome-keyring-daemon did not start"
  app=/usr/bin/inspector-app
  a=$work/office b=$work/field

  say "inspector-app --version"
  got=$("$app" --version)
  echo "  $got"
  [ "$got" = "inspector-app $version (commit $commit)" ] || fail "--version said '$got', not '$version (commit $commit)'"

  say "demo data into $a"
  "$app" --data-dir "$a" demo | sed 's/^/  /'
  count=$("$app" --data-dir "$a" inspections list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$count" -gt 0 ] || fail "the demo workspace lists no inspection"
  echo "  $count inspections"

  say "a sheet as PDF, with the Chinese font embedded"
  id=$("$app" --data-dir "$a" inspections list --format json --status completed |
       python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  "$app" --data-dir "$a" sheet "$id" -o "$work/sheet.pdf" | sed 's/^/  /'
  pdffonts "$work/sheet.pdf" | tee "$ARTIFACTS/sheet-fonts.txt" | sed 's/^/  /'
  awk 'NR > 2 && /WenQuanYi/ && $(NF-4) == "yes" {found = 1} END {exit !found}' "$ARTIFACTS/sheet-fonts.txt" \
    || fail "the sheet does not embed the WenQuanYi font"
  creator=$(pdfinfo "$work/sheet.pdf" | sed -n 's/^Creator: *//p')
  [ "$creator" = "Inspector $version" ] || fail "the sheet's Creator is '$creator', not 'Inspector $version'"
  cp "$work/sheet.pdf" "$ARTIFACTS/package-sheet.pdf"

  say "keys and a signed bundle: office $a → field $b"
  # The key lines are read in English (the command line speaks the workspace's language, Chinese by default).
  fingerprint() { sed -n 's/^fingerprint: //p' "$1" | head -1; }
  shown=$(INSPECTOR_LANGUAGE=en "$app" --data-dir "$a" keys show)
  grep -q "^keyring: secure" <<<"$shown" || fail "the keyring is not secure: $shown"
  "$app" --data-dir "$a" keys role office >/dev/null
  INSPECTOR_LANGUAGE=en "$app" --data-dir "$a" keys export-public -o "$work/office.pub" >"$work/office.txt"
  INSPECTOR_LANGUAGE=en "$app" --data-dir "$b" keys export-public -o "$work/field.pub" >"$work/field.txt"
  "$app" --data-dir "$b" keys enrol "$work/office.pub" --fingerprint "$(fingerprint "$work/office.txt")" | sed 's/^/  /'
  "$app" --data-dir "$a" keys enrol "$work/field.pub" --fingerprint "$(fingerprint "$work/field.txt")" | sed 's/^/  /'
  bundle=$work/assignments.inspbundle
  "$app" --data-dir "$a" bundle export -o "$bundle" | sed 's/^/  /'
  "$app" --data-dir "$b" bundle verify "$bundle" | sed 's/^/  /'
  "$app" --data-dir "$b" bundle import "$bundle" | tee "$work/import.txt" | sed 's/^/  /'
  grep -q "已导入" "$work/import.txt" || fail "the bundle was not imported"
  received=$("$app" --data-dir "$b" inspections list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$received" -gt 0 ] || fail "the field workspace lists no inspection after the import"
  echo "  the field workspace lists $received inspections"

  # The window: started, screenshot once the screen settles, still running (no crash), then closed.
  window() {  # name, arguments…
    local name=$1; shift
    "$app" "$@" >"$ARTIFACTS/$name.log" 2>&1 &
    local pid=$!
    if ! "$ROOT/.venv/bin/python" "$ROOT/scripts/x11_screenshot.py" "$ARTIFACTS/$name.png" --settle 3 --timeout 90; then
      kill "$pid" 2>/dev/null || true
      fail "the window of '$app $*' did not settle (log: $ARTIFACTS/$name.log)"
    fi
    kill -0 "$pid" 2>/dev/null || fail "'$app $*' exited early (log: $ARTIFACTS/$name.log)"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  }
  say "the window (Xvfb): $ARTIFACTS/package-window.png"
  window package-window --data-dir "$a"
  say "the window in English (the translations in the package): $ARTIFACTS/package-window-en.png"
  window package-window-en --data-dir "$b" gui --lang en
  say "a double-clicked bundle (gui FILE → its import): $ARTIFACTS/package-open-bundle.png"
  window package-open-bundle --data-dir "$b" gui "$bundle"
  exit 0
fi

# -- outside: root, tools, build, NSIS, install, session, benchmark, removal --------------------------------
if [ "$(id -u)" != 0 ]; then
  echo "test-package: skipped – it installs the .deb on this machine (dpkg -i, then dpkg -r), which needs root."
  echo "  Run it as root on a machine you may change: sudo scripts/test-package.sh"
  echo "  It uses: ${TOOLS[*]} (installed with apt-get when missing) and .venv (scripts/bootstrap.sh)."
  exit 0
fi
missing=()
for p in "${TOOLS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# One run at a time on this machine: the package is installed system-wide (another checkout's run would
# install or remove it under this one).
exec 9>/var/lock/inspector-app-test-package.lock
if ! flock -n 9; then
  say "waiting for another test-package run on this machine to finish"
  flock -w 1800 9 || fail "another test-package run has held /var/lock/inspector-app-test-package.lock for 30 minutes"
fi
scripts/bootstrap.sh  # .venv: the screenshot helper and the development program the benchmark compares with
mkdir -p "$ARTIFACTS"

if [ "${1:-}" != "--no-build" ]; then
  say "building the package"
  scripts/package-linux.sh
fi
[ -f "$OUT/build-info" ] || fail "no package built yet (run scripts/package-linux.sh)"
# shellcheck source=/dev/null
. "$OUT/build-info"  # DEB, VERSION, COMMIT, INSTALLED_KB
[ -f "$DEB" ] || fail "$DEB is missing"

say "compiling the Windows installer script (makensis) against the build's file list"
makensis -V2 -WX -DFAST -DVERSION="$VERSION" -DFILES="$ROOT/$OUT/nsis-files.nsh" \
  -DUNINSTALL_FILES="$ROOT/$OUT/nsis-uninstall.nsh" -DOUTFILE="$ROOT/$OUT/Inspector-Setup-check.exe" \
  packaging/windows/installer.nsi || fail "makensis could not compile packaging/windows/installer.nsi"
[ -s "$OUT/Inspector-Setup-check.exe" ] || fail "makensis wrote no installer"
rm -f "$OUT/Inspector-Setup-check.exe"  # Linux files inside: only the script was being checked
echo "  packaging/windows/installer.nsi compiles"

say "installing $DEB"
# dpkg -r: quiet, but for its notice that /opt (shipped as the parent folder) stays because it is not empty
dpkg_remove() { dpkg -r inspector-app 2>&1 >/dev/null | { grep -v "directory '/opt' not empty" || true; } >&2; }
remove() { dpkg -s inspector-app >/dev/null 2>&1 && dpkg_remove; }
trap 'remove || true' EXIT  # never leave it installed, whatever fails
remove || true
# dpkg -i installs no dependency: apt-get brings those the package names first (this checks the names too)
depends=$(dpkg-deb -f "$DEB" Depends | sed -e 's/([^)]*)//g' -e 's/,/ /g')
# shellcheck disable=SC2086  # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $depends >/dev/null \
  || fail "the package's dependencies ($depends) cannot be installed"
dpkg -i "$DEB" >/dev/null || fail "dpkg -i $DEB failed"
for f in /opt/inspector-app/inspector-app /usr/bin/inspector-app /usr/share/applications/inspector-app.desktop \
         /usr/share/mime/packages/inspector-app.xml /usr/share/icons/hicolor/256x256/apps/inspector-app.png \
         /usr/share/icons/hicolor/scalable/apps/inspector-app.svg; do
  [ -e "$f" ] || fail "$f is not installed"
done
desktop-file-validate /usr/share/applications/inspector-app.desktop || fail "the desktop entry is not valid"
# shared-mime-info's trigger compiled the bundle types; the desktop entry opens them
[ -f /usr/share/mime/application/x-inspector-bundle.xml ] || fail "the MIME type of bundles was not registered"
grep -q "application/x-inspector-bundle" /usr/share/applications/mimeinfo.cache \
  || fail "the desktop entry is not registered for bundles (mimeinfo.cache)"
unresolved=$(find /opt/inspector-app -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
  xargs -0 env LD_LIBRARY_PATH=/opt/inspector-app/_internal:/opt/inspector-app/_internal/PySide6/Qt/lib ldd 2>/dev/null |
  grep "not found" | sort -u || true)
[ -z "$unresolved" ] || fail "libraries the installed program cannot find: $unresolved"
echo "  installed; every library resolves"

say "using the installed program (GNOME Keyring on a private D-Bus, Xvfb for the window)"
work=$(mktemp -d /tmp/inspector-package-test.XXXXXX)
# (9>&-: the daemons started in there must not hold the machine's lock)
timeout 900 dbus-run-session -- xvfb-run -a -s "-screen 0 1366x768x24" \
  "$0" --session "$work" "$VERSION" "$COMMIT" 9>&- || fail "the installed program failed a check (above)"

say "start-up: installed vs .venv (benchmarks/bench_package_start.py)"
.venv/bin/python benchmarks/bench_package_start.py --runs 5 --data-dir "$work/office" | tee "$ARTIFACTS/package-start.txt"

say "removing the package"
dpkg_remove || fail "dpkg -r inspector-app failed"
trap - EXIT
[ ! -e /opt/inspector-app ] || fail "/opt/inspector-app is still there after dpkg -r: $(find /opt/inspector-app | head)"
[ ! -e /usr/bin/inspector-app ] || fail "/usr/bin/inspector-app is still there after dpkg -r"
rm -rf "$work"

deb_mb=$(( $(stat -c %s "$DEB") / 1024 / 1024 ))
say "passed: $DEB is $deb_mb MB (goal ≤ 150 MB), $(( INSTALLED_KB / 1024 )) MB installed; $(grep '^summary' "$ARTIFACTS/package-start.txt")"
[ "$deb_mb" -le 150 ] || fail "the package is $deb_mb MB, over the 150 MB goal"
echo "Artifacts: $ARTIFACTS"
