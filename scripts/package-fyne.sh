#!/usr/bin/env bash
# The bridge for "fyne package": the packager reads FyneApp.toml from the
# folder of the main package it builds, but ours is at the repository
# root (cmd/hsgview is the main package). This runs fyne package with
# --src cmd/hsgview on a copy of the top-level FyneApp.toml whose icon path
# is made absolute, removes the copy (and the packager's Build++ rewrite
# of it) whatever happens, and leaves dist/hsgview.tar.xz. The top-level
# file is never modified, so re-running gives the same result.
#   scripts/package-fyne.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/deps.sh run

fyne_version=v1.7.4
gobin="$(go env GOPATH | cut -d: -f1)/bin"
fyne="$gobin/fyne"
if ! "$fyne" version 2>/dev/null | grep -qF "${fyne_version#v}"; then
  GOBIN="$gobin" go install "fyne.io/tools/cmd/fyne@$fyne_version"
fi

version=$(sed -n 's/^ *Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit+dirty"
fi

copy=cmd/hsgview/FyneApp.toml   # in .gitignore
out=$(mktemp -d)
cleanup() { rm -f "$root/$copy" "$root/cmd/hsgview/fyne_metadata_init.go" "$root/cmd/hsgview/hsgview"; rm -rf "$out"; }
trap cleanup EXIT
# Icon paths in FyneApp.toml are relative to the repository root.
sed -E "s#^([[:space:]]*Icon[[:space:]]*=[[:space:]]*\")([^/\"][^\"]*)\"#\1$root/\2\"#" FyneApp.toml > "$copy"
grep -q "Icon = \"$root/" "$copy" || { echo "no Icon in FyneApp.toml" >&2; exit 1; }

# fyne passes -ldflags=… found in GOFLAGS on to go build. The tarball
# ends up in the folder fyne runs in.
(cd "$out" && GOFLAGS="${GOFLAGS:-} -ldflags=-X=main.version=$version -ldflags=-X=main.commit=$commit" \
  "$fyne" package --target linux --src "$root/cmd/hsgview" --release)
# Mend what fyne tools v1.7.4 leaves wrong in the tarball, then check it:
# - its Makefile installs the binary as "hsgview %F" (it copies the desktop
#   entry's Exec, field code included, into the file name), so
#   `make install` fails; the binary is "hsgview";
# - the licences and third-party notices travel with the binary;
# - the binary links CharLS and OpenJPEG dynamically (as the .deb does;
#   packaging/README.md says why), which a tarball cannot declare, so a
#   README in the tarball names the Debian packages it needs.
tree="$out/tree"
mkdir -p "$tree"
tar -xJf "$out"/*.tar.xz -C "$tree"
top="$tree/hsgview"
sed -i -E 's/^Exec := "hsgview %F"$/Exec := "hsgview"/' "$top/Makefile"
grep -q '^Exec := "hsgview"$' "$top/Makefile" || { echo "fyne's Makefile has no Exec line to mend" >&2; exit 1; }
doc="$top/usr/local/share/doc/hsgview"
install -Dm0644 LICENSE "$doc/LICENSE"
install -Dm0644 THIRD_PARTY_NOTICES "$doc/THIRD_PARTY_NOTICES"
cat > "$top/README" <<'README'
hsgview, an offline DICOM viewer and structured-reporting tool for
hysterosalpingography.

Install:  sudo make install        (or: make user-install, into ~/.local)
Needs:    libcharls2 libopenjp2-7 libgl1 libx11-6 libxcursor1 libxrandr2
          libxinerama1 libxi6 libxxf86vm1 (Debian/Ubuntu package names);
          the .deb declares them itself and is the easier way on Debian.
Licences: usr/local/share/doc/hsgview/
README
ldd "$top/usr/local/bin/hsgview" | grep -q 'not found' && { echo "the binary misses a library:" >&2; ldd "$top/usr/local/bin/hsgview" >&2; exit 1; }
mkdir -p dist
tar -cJf dist/hsgview.tar.xz -C "$tree" hsgview
# The tarball installs: make install into a scratch root puts the binary,
# the desktop entry and the icon where they belong.
check="$out/check"
make -s -C "$top" install DESTDIR="$check" PREFIX=/usr >/dev/null
for f in usr/bin/hsgview usr/share/applications/org.hsgview.hsgview.desktop usr/share/pixmaps/org.hsgview.hsgview.png; do
  [ -e "$check/$f" ] || { echo "make install did not install $f" >&2; exit 1; }
done
"$check/usr/bin/hsgview" --version
ls -l dist/hsgview.tar.xz
