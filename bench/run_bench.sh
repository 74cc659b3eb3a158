#!/usr/bin/env bash
# Single-thread throughput benchmark for piiscan.
#
# Usage: bench/run_bench.sh [PIISCAN_BIN] [--mb N] [--runs K] [--seed S]
#
# Builds (or reuses) a synthetic corpus in bench/corpus/, then runs
#   PIISCAN_BIN scan --threads 1 --format jsonl --quiet CORPUS > /dev/null
# K times under GNU time and prints, for each run and as the median, the wall time,
# the throughput and the peak RSS. The last line is always
#   median: X MB/s, peak RSS Y MB
# MB means MiB (2^20 bytes) throughout.
#
# Exit status: 0 when every run succeeded (scanner exit 0 = no findings, or 1 = findings),
# 1 when a run failed (scanner exit >= 2 or killed by a signal), 2 on usage/setup errors.
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

die() { echo "run_bench: error: $*" >&2; exit 2; }

usage() {
  cat <<EOF
Usage: bench/run_bench.sh [PIISCAN_BIN] [--mb N] [--runs K] [--seed S]

  PIISCAN_BIN  scanner binary (default: \$PIISCAN_BIN, then build/release/src/cli/piiscan,
               build/release/piiscan, build/ci/src/cli/piiscan, then piiscan on PATH)
  --mb N       corpus size in MiB (default $MB)
  --runs K     number of timed runs (default $RUNS)
  --seed S     corpus seed (default $SEED)

Each run: PIISCAN_BIN scan --threads 1 --format jsonl --quiet CORPUS > /dev/null
EOF
}

NAME=run_bench
# shellcheck source=bench/common.sh
. "$SCRIPT_DIR/common.sh"

BYTES=$(stat -c %s "$CORPUS")
SIZE_MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')
# Read the corpus once so every timed run starts from the page cache.
cat "$CORPUS" > /dev/null

VERSION=$(timeout 5 "$BIN" --version </dev/null 2>/dev/null | head -n1 || true)
echo "binary: $BIN${VERSION:+ ($VERSION)}"
echo "corpus: $SIZE_MB MiB ($BYTES bytes), $RUNS run(s), 1 thread"

# ---------------------------------------------------------------- runs
WORK=$(mktemp -d "${TMPDIR:-/tmp}/piiscan-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

secs_list=()
rss_list=()
any_findings=0
for i in $(seq 1 "$RUNS"); do
  rc=0
  t0=$(date +%s%N)
  "$GNU_TIME" -f '%e %M' -o "$WORK/time" \
    "$BIN" scan --threads 1 --format jsonl --quiet "$CORPUS" > /dev/null 2> "$WORK/stderr" || rc=$?
  t1=$(date +%s%N)
  # GNU time writes "Command exited with non-zero status N" (or "Command terminated by
  # signal N") before the formatted line, so the measurements are on the last line.
  read -r e_secs rss_kb < <(tail -n1 "$WORK/time") || true
  # %e only has 10 ms resolution; use the nanosecond clock around the run instead
  # (it includes GNU time's own fork/exec, well under a millisecond).
  if [[ $t0 =~ ^[0-9]+$ && $t1 =~ ^[0-9]+$ ]]; then
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  else
    secs=${e_secs:-}  # date without %N support
  fi
  if [ "$rc" -ge 2 ] || grep -q '^Command terminated by signal' "$WORK/time"; then
    echo "run $i/$RUNS: FAILED: scanner exit status $rc" >&2
    grep '^Command' "$WORK/time" >&2 || true
    if [ -s "$WORK/stderr" ]; then
      echo "--- scanner stderr (last 20 lines) ---" >&2
      tail -n 20 "$WORK/stderr" >&2
    fi
    exit 1
  fi
  [[ ${secs:-} =~ ^[0-9]+(\.[0-9]+)?$ && ${rss_kb:-} =~ ^[0-9]+$ ]] \
    || die "could not parse GNU time output: $(tr '\n' ' ' < "$WORK/time")"
  [ "$rc" -eq 1 ] && any_findings=1
  secs_list+=("$secs")
  rss_list+=("$rss_kb")
  awk -v i="$i" -v n="$RUNS" -v s="$secs" -v k="$rss_kb" -v b="$BYTES" -v rc="$rc" 'BEGIN {
    t = (s > 0) ? s : 0.0001
    printf "run %d/%d: %.3f s  %.1f MB/s  peak RSS %.1f MB  (exit %d)\n", i, n, s, b / 1048576 / t, k / 1024, rc
  }'
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med_secs=$(median "${secs_list[@]}")
med_rss=$(median "${rss_list[@]}")

if [ "$any_findings" -eq 0 ]; then
  echo "note: the scanner reported no findings (exit 0) on a corpus with planted PII" >&2
fi
awk -v s="$med_secs" -v k="$med_rss" -v b="$BYTES" 'BEGIN {
  t = (s > 0) ? s : 0.0001
  printf "median time: %.3f s\n", s
  printf "median: %.1f MB/s, peak RSS %.1f MB\n", b / 1048576 / t, k / 1024
}'
