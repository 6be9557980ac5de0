#!/usr/bin/env bash
# End-to-end check of issue 11: each hostile input (scripts/hostile) run
# through the CLI under a 4 GB address-space cap; prints one Markdown table
# row per case: exit status, wall time, peak RSS, first line of stderr.
#   scripts/e2e-hostile.sh [BIN] [DIR]
set -u
BIN=${1:-/tmp/hsgview-bin}
D=${2:-/tmp/hostile}
rm -rf "$D" && go run ./scripts/hostile -out "$D" || exit 1
run() {
	local name=$1; shift
	local out=/tmp/e2e.$$.txt
	local so=/tmp/e2e.$$.out
	( ulimit -v 4000000; timeout 60 /usr/bin/time -v "$BIN" "$@" >"$so" 2>"$out" )
	local code=$?
	local wall rss msg
	wall=$(grep "Elapsed (wall clock)" "$out" | awk '{print $NF}')
	rss=$(grep "Maximum resident set size" "$out" | awk '{print $NF}')
	local images
	images=$(grep -c -E '^    [0-9-]{2}:' "$so")
	msg=$( (grep -A1 '^Errors (' "$so" | tail -1; grep -v -E '^\s*(Command|User|System|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)' "$out") | grep -v '^\s*$' | head -1 | cut -c1-160 | sed 's/|/\\|/g')
	msg="$images images; $msg"
	printf '| %s | `%s` | %s | %s | %d MiB | %s |\n' "$name" "${*//$D\//}" "$code" "$wall" $((rss / 1024)) "$msg"
	rm -f "$out" "$so"
}
echo '| case | command | exit | wall | peak RSS | images listed; first error |'
echo '|---|---|---|---|---|---|'
run "lying-size zip (entries declare 2 GiB)" info "$D/lying.zip"
run "zip bomb, overlapping entries (0.5 MB → 50 GB)" info "$D/bomb-overlap.zip"
run "zip bomb, ratio 1000 (0.5 MB → 512 MiB)" info "$D/bomb-ratio.zip"
run "deflated 16384² frame (650 KB)" info "$D/deflated16384.dcm"
run "deflated 16384² frame, dump" dump "$D/deflated16384.dcm"
run "deflated valid, 200 frames (within limits)" render "$D/deflated-valid.dcm" --frame 200 --out "$D/out-deflated.png"
run "JPEG-LS declaring 16384² (73 KB)" render "$D/jls16384.dcm" --out "$D/out-jls.png"
run "JPEG Lossless declaring 4096² in 64 bytes" render "$D/jll4096.dcm" --out "$D/out-jll.png"
run "40,000 frames in 20,000 fragments" render "$D/frags40000.dcm" --frame 40000 --out "$D/out-frags.png"
run "20,000-record DICOMDIR" info "$D/dicomdir20000/DICOMDIR"
run "FIFO x.dcm in a folder" info "$D/study"
run "FIFO x.dcm named alone" info "$D/study/x.dcm"
run "symlinked root" info "$D/study-link"
run "DICOMDIR escaping its folder" info "$D/escape/DICOMDIR"
run "escapes in PatientName" info "$D/escapes.dcm"
run "escapes in PatientName, dump" dump "$D/escapes.dcm"
run "render over its input" render "$D/a.dcm" --out "$D/a.dcm"
run "render over its input via symlink" render "$D/study-link/IMG1.dcm" --out "$D/study/IMG1.dcm"
