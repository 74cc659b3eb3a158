#!/usr/bin/env bash
# Single-thread throughput of the whole analyzer with the name stage on.
#
# Usage: bench/run_names_bench.sh [PIISCAN_BIN] [--mb N] [--runs K] [--seed S]
#
# Uses the corpus of bench/run_bench.sh, then runs
#   PIISCAN_BIN scan --names --threads 1 --format jsonl --quiet CORPUS > /dev/null
# K times under GNU time and prints, per run and as the median, the wall time, the
# CPU (user + system) time, MB/s by each, and the peak RSS. Then the name model's
# cost on its own: the load time and the resident size it adds (a one-line
# analyze with and without --names). MB means MiB.
#
# The machine is shared: MB/s per core is the corpus size over the CPU time.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
CORPUS_DIR="$SCRIPT_DIR/corpus"
GENERATOR="$SCRIPT_DIR/make_corpus.py"
GNU_TIME=${BENCH_GNU_TIME:-/usr/bin/time}

MB=100
RUNS=3
SEED=1
BIN=""

die() { echo "run_names_bench: error: $*" >&2; exit 2; }

usage() {
  cat <<USAGE
Usage: bench/run_names_bench.sh [PIISCAN_BIN] [--mb N] [--runs K] [--seed S]
  Each run: PIISCAN_BIN scan --names --threads 1 --format jsonl --quiet CORPUS
USAGE
}

NAME=run_names_bench
# shellcheck source=bench/common.sh
. "$SCRIPT_DIR/common.sh"

BYTES=$(stat -c %s "$CORPUS")
cat "$CORPUS" > /dev/null
echo "binary: $BIN"
echo "corpus: $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }') MiB, $RUNS run(s), 1 thread"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/piiscan-names-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

wall_list=()
cpu_list=()
rss_list=()
for i in $(seq 1 "$RUNS"); do
  rc=0
  "$GNU_TIME" -f '%e %U %S %M' -o "$WORK/time" \
    "$BIN" scan --names --threads 1 --format jsonl --quiet "$CORPUS" > /dev/null 2> "$WORK/err" || rc=$?
  [ "$rc" -le 1 ] || { tail -n 5 "$WORK/err" >&2; die "run $i: scanner exit status $rc"; }
  read -r wall user sys rss < <(tail -n1 "$WORK/time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  wall_list+=("$wall")
  cpu_list+=("$cpu")
  rss_list+=("$rss")
  awk -v i="$i" -v n="$RUNS" -v w="$wall" -v c="$cpu" -v k="$rss" -v b="$BYTES" 'BEGIN {
    printf "run %d/%d: wall %.2f s (%.1f MB/s)  cpu %.2f s (%.1f MB/s per core)  peak RSS %.1f MB\n",
      i, n, w, b / 1048576 / (w > 0 ? w : 0.01), c, b / 1048576 / (c > 0 ? c : 0.01), k / 1024
  }'
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
w=$(median "${wall_list[@]}")
c=$(median "${cpu_list[@]}")
k=$(median "${rss_list[@]}")

# The model alone: one short text with and without the name stage.
"$GNU_TIME" -f '%e %M' -o "$WORK/on" "$BIN" analyze --names --text "Mr. Smith" > /dev/null || true
"$GNU_TIME" -f '%e %M' -o "$WORK/off" "$BIN" analyze --no-names --text "Mr. Smith" > /dev/null || true
read -r on_s on_kb < <(tail -n1 "$WORK/on")
read -r off_s off_kb < <(tail -n1 "$WORK/off")
awk -v a="$on_s" -v b="$off_s" -v x="$on_kb" -v y="$off_kb" 'BEGIN {
  printf "model: load %.2f s, resident %.1f MB\n", (a - b > 0 ? a - b : 0), (x - y) / 1024
}'
awk -v w="$w" -v c="$c" -v k="$k" -v b="$BYTES" 'BEGIN {
  printf "median: %.1f MB/s wall, %.1f MB/s per core (cpu), peak RSS %.1f MB\n",
    b / 1048576 / (w > 0 ? w : 0.01), b / 1048576 / (c > 0 ? c : 0.01), k / 1024
}'
