#!/usr/bin/env bash
# Builds and runs hsgview. With no argument it opens the bundled demo study.
#   scripts/run.sh [PATH...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
case "${LANG:-}" in ""|C|C.*|POSIX) export LANG=en_US.UTF-8 ;; esac   # Fyne cannot parse "C"
mkdir -p bin
go build -o bin/hsgview ./cmd/hsgview
exec bin/hsgview "$@"
