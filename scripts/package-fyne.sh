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
mkdir -p dist
mv "$out"/*.tar.xz dist/
ls dist/*.tar.xz
