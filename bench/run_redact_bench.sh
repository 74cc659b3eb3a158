#!/usr/bin/env bash
# Single-thread throughput of redaction, next to scanning, on one corpus.
#
# Usage: bench/run_redact_bench.sh [PIISCAN_BIN] [--mb N] [--runs K] [--seed S]
#
# Builds (or reuses) the synthetic corpus of run_bench.sh in bench/corpus/, then,
# K times, runs one after the other
#   PIISCAN_BIN redact CORPUS > /dev/null                                (one thread)
#   PIISCAN_BIN scan --threads 1 --format jsonl --quiet CORPUS > /dev/null
# under GNU time, and prints for each run and as medians the wall time, throughput and
# peak RSS of both, and how fast redaction is next to scanning. `piiscan redact` works
# on one thread: it streams a text file through the scanner and copies it with every
# finding replaced (default operator: replace with <ENTITY_TYPE>).
# The last line is always
#   median: redact X MB/s, scan Y MB/s, ratio Z
# where Z = X / Y. MB means MiB (2^20 bytes) throughout.
#
# Exit status: 0 when every run succeeded (exit 0 or 1), 1 when a run failed (exit >= 2
# or killed by a signal), 2 on usage/setup errors.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
CORPUS_DIR="$SCRIPT_DIR/corpus"
GENERATOR="$SCRIPT_DIR/make_corpus.py"
GNU_TIME=${BENCH_GNU_TIME:-/usr/bin/time}  # override only for testing

MB=100
RUNS=3
SEED=1
BIN=""

die() { echo "run_redact_bench: error: $*" >&2; exit 2; }

usage() {
  cat <<EOF
Usage: bench/run_redact_bench.sh [PIISCAN_BIN] [--mb N] [--runs K] [--seed S]

  PIISCAN_BIN  piiscan binary (default: \$PIISCAN_BIN, then build/release/src/cli/piiscan,
               build/release/piiscan, build/ci/src/cli/piiscan, then piiscan on PATH)
  --mb N       corpus size in MiB (default $MB)
  --runs K     number of timed runs of each command (default $RUNS)
  --seed S     corpus seed (default $SEED)

Each run: PIISCAN_BIN redact CORPUS > /dev/null
     then PIISCAN_BIN scan --threads 1 --format jsonl --quiet CORPUS > /dev/null
EOF
}

NAME=run_redact_bench
# shellcheck source=bench/common.sh
. "$SCRIPT_DIR/common.sh"
"$BIN" redact --help >/dev/null 2>&1 || die "$BIN has no 'redact' subcommand"

BYTES=$(stat -c %s "$CORPUS")
SIZE_MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')
# Read the corpus once so every timed run starts from the page cache.
cat "$CORPUS" > /dev/null

VERSION=$(timeout 5 "$BIN" --version </dev/null 2>/dev/null | head -n1 || true)
echo "binary: $BIN${VERSION:+ ($VERSION)}"
echo "corpus: $SIZE_MB MiB ($BYTES bytes), $RUNS run(s) of each command, 1 thread"

# ---------------------------------------------------------------- runs
WORK=$(mktemp -d "${TMPDIR:-/tmp}/piiscan-redact-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Runs one command under GNU time; sets SECS, RSS_KB and RC, or exits 1 on failure.
timed() {
  local label=$1; shift
  RC=0
  local t0 t1 e_secs
  t0=$(date +%s%N)
  "$GNU_TIME" -f '%e %M' -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" || RC=$?
  t1=$(date +%s%N)
  # GNU time writes "Command exited with non-zero status N" (or "Command terminated by
  # signal N") before the formatted line, so the measurements are on the last line.
  read -r e_secs RSS_KB < <(tail -n1 "$WORK/time") || true
  # %e only has 10 ms resolution; the nanosecond clock around the run is used instead.
  if [[ $t0 =~ ^[0-9]+$ && $t1 =~ ^[0-9]+$ ]]; then
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  else
    SECS=${e_secs:-}
  fi
  if [ "$RC" -ge 2 ] || grep -q '^Command terminated by signal' "$WORK/time"; then
    echo "$label: FAILED: exit status $RC" >&2
    grep '^Command' "$WORK/time" >&2 || true
    if [ -s "$WORK/stderr" ]; then
      echo "--- stderr (last 20 lines) ---" >&2
      tail -n 20 "$WORK/stderr" >&2
    fi
    exit 1
  fi
  [[ ${SECS:-} =~ ^[0-9]+(\.[0-9]+)?$ && ${RSS_KB:-} =~ ^[0-9]+$ ]] \
    || die "could not parse GNU time output: $(tr '\n' ' ' < "$WORK/time")"
}

mbps() { awk -v s="$1" -v b="$BYTES" 'BEGIN { t = (s > 0) ? s : 0.0001; printf "%.1f", b / 1048576 / t }'; }

redact_secs=(); redact_rss=(); scan_secs=(); scan_rss=()
any_replaced=0
for i in $(seq 1 "$RUNS"); do
  timed "run $i/$RUNS redact" "$BIN" redact "$CORPUS"
  [ "$RC" -eq 1 ] && any_replaced=1
  redact_secs+=("$SECS"); redact_rss+=("$RSS_KB")
  printf 'run %d/%d: redact %.3f s  %s MB/s  peak RSS %.1f MB  (exit %d)\n' \
    "$i" "$RUNS" "$SECS" "$(mbps "$SECS")" "$(awk -v k="$RSS_KB" 'BEGIN { print k / 1024 }')" "$RC"

  timed "run $i/$RUNS scan" "$BIN" scan --threads 1 --format jsonl --quiet "$CORPUS"
  scan_secs+=("$SECS"); scan_rss+=("$RSS_KB")
  printf 'run %d/%d: scan   %.3f s  %s MB/s  peak RSS %.1f MB  (exit %d)\n' \
    "$i" "$RUNS" "$SECS" "$(mbps "$SECS")" "$(awk -v k="$RSS_KB" 'BEGIN { print k / 1024 }')" "$RC"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
r_secs=$(median "${redact_secs[@]}"); r_rss=$(median "${redact_rss[@]}")
s_secs=$(median "${scan_secs[@]}"); s_rss=$(median "${scan_rss[@]}")

if [ "$any_replaced" -eq 0 ]; then
  echo "note: redact replaced nothing (exit 0) on a corpus with planted PII" >&2
fi
awk -v rs="$r_secs" -v rk="$r_rss" -v ss="$s_secs" -v sk="$s_rss" -v b="$BYTES" 'BEGIN {
  r = b / 1048576 / ((rs > 0) ? rs : 0.0001)
  s = b / 1048576 / ((ss > 0) ? ss : 0.0001)
  printf "median redact: %.3f s, %.1f MB/s, peak RSS %.1f MB\n", rs, r, rk / 1024
  printf "median scan:   %.3f s, %.1f MB/s, peak RSS %.1f MB\n", ss, s, sk / 1024
  printf "median: redact %.1f MB/s, scan %.1f MB/s, ratio %.2f\n", r, s, r / s
}'
