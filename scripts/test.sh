#!/usr/bin/env bash
# Runs every check and test: gofmt, go mod tidy, go vet, staticcheck and
# go test (with the reference tools and a virtual X server for the GUI
# smoke test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
case "${LANG:-}" in ""|C|C.*|POSIX) export LANG=en_US.UTF-8 ;; esac

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed:" $unformatted >&2
  exit 1
fi

xvfb_pid=""
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  Xvfb :97 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
  export DISPLAY=:97
  trap '[ -n "$xvfb_pid" ] && kill $xvfb_pid 2>/dev/null || true' EXIT
fi

# go.mod must say what the code uses: direct dependencies marked so,
# nothing unused (prints the change tidy would make).
go mod tidy -diff

go vet ./...

# staticcheck, pinned, installed once into GOPATH/bin (GOBIN forced, so
# the binary is where it is looked for) and reinstalled when the pin moves.
staticcheck_version=0.8.2
staticcheck="$(go env GOPATH | cut -d: -f1)/bin/staticcheck"
if ! "$staticcheck" -version 2>/dev/null | grep -qF "($staticcheck_version)"; then
  GOBIN="$(dirname "$staticcheck")" go install "honnef.co/go/tools/cmd/staticcheck@v$staticcheck_version"
fi
"$staticcheck" ./...

go test -count=1 "$@" ./...
# The viewer's widget tests need neither cgo nor a display.
CGO_ENABLED=0 go test -count=1 ./viewer/...
