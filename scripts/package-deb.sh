#!/usr/bin/env bash
# Builds dist/hsgview_VERSION_ARCH.deb with dpkg-deb: the binary, the
# desktop entry, hicolor icons, AppStream metainfo, the licence and the
# third-party notices. Runtime dependencies are derived, not typed in:
# dpkg-shlibdeps maps every library the binary links (NEEDED) to its
# Debian package, and the libraries GLFW opens with dlopen are added by
# name (see packaging/README.md). Safe to re-run: the staging folder is
# rebuilt from scratch each time.
#   scripts/package-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh package

version=$(sed -n 's/^ *Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
[ -n "$version" ] || { echo "no Version in FyneApp.toml" >&2; exit 1; }
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit+dirty"
fi
arch=$(dpkg --print-architecture)
id=org.hsgview.hsgview

stage="build/deb/hsgview_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" dist

# The binary: version and commit in main (no module path in the flags),
# symbols stripped (Go keeps its own tables for stack traces). The cgo
# flags are go's defaults, so the build cache of scripts/run.sh is reused;
# set CGO_CFLAGS/CGO_LDFLAGS (and GOFLAGS=-trimpath) for a hardened,
# reproducible release build.
go build -buildvcs=false -ldflags "-s -w -X main.version=$version -X main.commit=$commit" \
  -o "$stage/usr/bin/hsgview" ./cmd/hsgview

install -D -m 0644 packaging/$id.desktop "$stage/usr/share/applications/$id.desktop"
install -D -m 0644 packaging/$id.metainfo.xml "$stage/usr/share/metainfo/$id.metainfo.xml"
go run ./packaging/iconsizes -out "$stage/usr/share/icons/hicolor" -name "$id"
doc="$stage/usr/share/doc/hsgview"
install -d -m 0755 "$doc"
{ cat packaging/debian/copyright.in; echo; echo "License: BSD-3-Clause"; sed 's/^$/./; s/^/ /' LICENSE; } > "$doc/copyright"
gzip -9n < THIRD_PARTY_NOTICES > "$doc/THIRD_PARTY_NOTICES.gz"
chmod 0644 "$doc/copyright" "$doc/THIRD_PARTY_NOTICES.gz"

# Depends: what the binary links, package by package (dpkg-shlibdeps
# reads debian/control from the folder it runs in), then what GLFW
# dlopens at start (X11 extensions and the GL loader; none of them
# appears in NEEDED, and without them the window does not open).
shl=$(mktemp -d)
trap 'rm -rf "$shl"' EXIT
mkdir -p "$shl/debian"
printf 'Source: hsgview\n\nPackage: hsgview\nArchitecture: any\n' > "$shl/debian/control"
bin_abs="$PWD/$stage/usr/bin/hsgview"
linked=$(cd "$shl" && dpkg-shlibdeps -O "$bin_abs" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$linked" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
dlopened=(libgl1 libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1 libxrender1)
depends="$linked"
for p in "${dlopened[@]}"; do
  grep -Eq "(^|, )$p( |,|$)" <<<"$depends" || depends="$depends, $p"
done

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" \
  -e "s/@DEPENDS@/$depends/" packaging/debian/control.in > "$stage/DEBIAN/control"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
find "$stage" -type d -exec chmod 0755 {} +

deb="dist/hsgview_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
