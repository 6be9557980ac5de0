#!/usr/bin/env bash
# Install test of the Debian package, as root on a Debian 12 machine:
# builds the .deb, checks its Depends against what the binary links,
# validates the desktop entry and the AppStream metainfo, installs it
# with apt (which pulls the declared dependencies), starts the installed
# hsgview under Xvfb on the demo study, checks the window's icon, takes a
# screenshot, then removes the package again.
#   scripts/test-deb.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root: the test installs and removes the package" >&2; exit 1; }
shot=${1:-build/deb/screenshot.png}
t0=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - t0 )) s)"; }

step build
deb=$(scripts/package-deb.sh | tail -1)
ls -l "$deb"

step "dpkg-deb -I: dependencies"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for p in libcharls2 libopenjp2-7 libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1; do
  grep -Eq "(^|, )$p( |,|$)" <<<"$depends" || { echo "Depends lacks $p" >&2; exit 1; }
done
# Every library the binary links belongs to a declared package.
stage=$(mktemp -d)
cleanup() { rm -rf "$stage"; }
trap cleanup EXIT
dpkg-deb -x "$deb" "$stage"
cache=$(ldconfig -p)
for lib in $(objdump -p "$stage/usr/bin/hsgview" | awk '/NEEDED/ {print $2}'); do
  path=$(awk -v l="$lib" '$1 == l {print $NF}' <<<"$cache" | head -1)
  [ -n "$path" ] || { echo "$lib not found by ldconfig" >&2; exit 1; }
  pkg=$( (dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")") | head -1 | cut -d: -f1)
  grep -Eq "(^|, )$pkg( |,|$)" <<<"$depends" || { echo "$lib ($pkg) is linked but not in Depends" >&2; exit 1; }
  echo "  $lib -> $pkg: declared"
done

step "desktop-file-validate"
desktop-file-validate "$stage/usr/share/applications/org.hsgview.hsgview.desktop"
grep -q '^Exec=hsgview %F$' "$stage/usr/share/applications/org.hsgview.hsgview.desktop"
step "appstreamcli validate"
appstreamcli validate --no-net "$stage/usr/share/metainfo/org.hsgview.hsgview.metainfo.xml"

step "apt-get install"
apt-get remove -y -qq hsgview >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
dpkg -s hsgview | grep -E '^(Status|Version):'
[ "$(command -v hsgview)" = /usr/bin/hsgview ]
hsgview --version

step "start under Xvfb"
home=$(mktemp -d)
xvfb_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$stage" "$home"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq hsgview >/dev/null 2>&1 || true
}
trap cleanup EXIT
disp=""
for n in 93 94 95 96 98; do
  [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ] && continue
  disp=:$n; break
done
[ -n "$disp" ] || { echo "no free X display" >&2; exit 1; }
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
HOME=$home XDG_CACHE_HOME=$home/cache XDG_CONFIG_HOME=$home/config LANG=en_US.UTF-8 \
  hsgview >"$home/log" 2>&1 & app_pid=$!
win=$(timeout 60 xdotool search --sync --onlyvisible --name '^hsgview' | head -1) \
  || { cat "$home/log"; echo "no window" >&2; exit 1; }
step "window $win"
icon=""
for _ in $(seq 50); do
  icon=$(xprop -id "$win" _NET_WM_ICON | head -c 120)
  [[ $icon == "_NET_WM_ICON(CARDINAL) ="* ]] && break
  sleep 0.1
done
[[ $icon == "_NET_WM_ICON(CARDINAL) ="* ]] || { echo "window has no icon: $icon" >&2; exit 1; }
echo "$icon" | head -2
xprop -id "$win" WM_CLASS
# The demo study is written and decoded: poll screenshots until both
# panes show a picture (grey-level spread above the empty pane's), as
# the GUI smoke test does.
mkdir -p "$(dirname "$shot")"
im=/usr/bin/convert   # ImageMagick's, not a stand-in earlier on PATH
spread() { "$im" "$shot" -crop "$1" -colorspace gray -format '%[fx:int(standard_deviation*255)]' info:; }
shown=""
for _ in $(seq 90); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$home/log"; echo "hsgview exited" >&2; exit 1; }
  import -window root "$shot"
  left=$(spread 450x200+300+150) right=$(spread 400x200+1000+150)
  if [ "$left" -ge 8 ] && [ "$right" -ge 8 ]; then shown=1; break; fi
  sleep 1
done
[ -n "$shown" ] || { cat "$home/log"; echo "the panes show no picture (σ $left, $right): $shot" >&2; exit 1; }
step "screenshot $shot (pane σ $left, $right)"

step "apt-get remove"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq hsgview >/dev/null
! dpkg -s hsgview >/dev/null 2>&1 || dpkg -s hsgview | grep -q 'Status: deinstall'
[ ! -e /usr/bin/hsgview ]
step "passed"
