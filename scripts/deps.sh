#!/usr/bin/env bash
# Installs the Debian packages hsgview needs, only those missing.
#   scripts/deps.sh run    – to build and run the GUI
#   scripts/deps.sh test   – to run every test (reference tools, Xvfb, codecs)
#   scripts/deps.sh package – to build and check the .deb (dpkg-shlibdeps,
#                            desktop-file-validate, appstreamcli, xprop)
set -euo pipefail

run_pkgs=(gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libcharls-dev libopenjp2-7-dev fonts-droid-fallback)
test_pkgs=("${run_pkgs[@]}" dcmtk libgdcm-tools dicom3tools xvfb xdotool imagemagick
  poppler-utils qpdf python3-pydicom python3-numpy fonts-dejavu-core orthanc orthanc-dicomweb x11-utils xclip fonts-droid-fallback)
package_pkgs=("${run_pkgs[@]}" dpkg-dev desktop-file-utils appstream xz-utils
  xvfb xdotool x11-utils imagemagick)

case "${1:-run}" in
  run) want=("${run_pkgs[@]}") ;;
  test) want=("${test_pkgs[@]}") ;;
  package) want=("${package_pkgs[@]}") ;;
  *) echo "usage: $0 run|test|package" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
