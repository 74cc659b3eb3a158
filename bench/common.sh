# Shared by bench/run_bench.sh and bench/run_redact_bench.sh, which source
# it after setting NAME, MB, RUNS, SEED, BIN, REPO_DIR, CORPUS_DIR, GENERATOR,
# GNU_TIME and defining die() and usage(): parses the arguments, checks the
# prerequisites, finds the binary and builds (or reuses) the corpus, leaving
# its path in CORPUS. Both scripts share one corpus per size and seed.
# shellcheck shell=bash

is_pos_int() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
is_nonneg_int() { [[ $1 =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --mb)      [ $# -ge 2 ] || die "--mb needs a value"; MB=$2; shift 2 ;;
    --mb=*)    MB=${1#*=}; shift ;;
    --runs)    [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
    --runs=*)  RUNS=${1#*=}; shift ;;
    --seed)    [ $# -ge 2 ] || die "--seed needs a value"; SEED=$2; shift 2 ;;
    --seed=*)  SEED=${1#*=}; shift ;;
    -*)        usage >&2; die "unknown option: $1" ;;
    *)         [ -z "$BIN" ] || die "more than one binary given: '$BIN' and '$1'"; BIN=$1; shift ;;
  esac
done

is_pos_int "$MB" || die "--mb must be a positive integer (MiB), got '$MB'"
is_pos_int "$RUNS" || die "--runs must be a positive integer, got '$RUNS'"
is_nonneg_int "$SEED" || die "--seed must be a non-negative integer, got '$SEED'"

# ---------------------------------------------------------------- prerequisites
if ! command -v "$GNU_TIME" >/dev/null 2>&1; then
  cat >&2 <<EOF
$NAME: error: GNU time not found at $GNU_TIME (the bash builtin 'time' cannot report peak RSS).
$NAME: install it with:  apt-get install time    (Debian/Ubuntu package 'time')
EOF
  exit 2
fi
if ! "$GNU_TIME" -f '%e %M' -o /dev/null true 2>/dev/null; then
  die "$GNU_TIME does not accept GNU options (-f, -o); install GNU time (Debian package 'time')"
fi
command -v python3 >/dev/null 2>&1 || die "python3 not found (needed to build the corpus)"
[ -f "$GENERATOR" ] || die "corpus generator missing: $GENERATOR"

if [ -z "$BIN" ]; then
  if [ -n "${PIISCAN_BIN:-}" ]; then
    BIN=$PIISCAN_BIN
  else
    for cand in "$REPO_DIR/build/release/src/cli/piiscan" "$REPO_DIR/build/release/piiscan" \
                "$REPO_DIR/build/ci/src/cli/piiscan"; do
      if [ -x "$cand" ]; then BIN=$cand; break; fi
    done
    if [ -z "$BIN" ] && command -v piiscan >/dev/null 2>&1; then BIN=$(command -v piiscan); fi
    [ -n "$BIN" ] || die "no piiscan binary found; build it (cmake --preset release && cmake --build --preset release) or pass its path"
  fi
fi
if [[ $BIN == */* ]]; then
  [ -e "$BIN" ] || die "binary not found: $BIN"
  [ -x "$BIN" ] || die "binary is not executable: $BIN"
else
  command -v "$BIN" >/dev/null 2>&1 || die "binary not found on PATH: $BIN"
fi

# ---------------------------------------------------------------- corpus
mkdir -p "$CORPUS_DIR" || die "cannot create $CORPUS_DIR"
CORPUS="$CORPUS_DIR/corpus-${MB}mb-seed${SEED}.txt"
TRUTH="$CORPUS_DIR/corpus-${MB}mb-seed${SEED}.truth.json"
STAMP="$CORPUS_DIR/corpus-${MB}mb-seed${SEED}.stamp"
GEN_HASH=$(sha256sum "$GENERATOR" | cut -c1-16)
WANT_STAMP="generator=$GEN_HASH mb=$MB seed=$SEED"

corpus_ok() {
  [ -f "$CORPUS" ] && [ -f "$TRUTH" ] && [ -f "$STAMP" ] || return 1
  local have_stamp have_bytes size
  have_stamp=$(sed -n 1p "$STAMP")
  have_bytes=$(sed -n 2p "$STAMP")
  size=$(stat -c %s "$CORPUS")
  [ "$have_stamp" = "$WANT_STAMP" ] && [ "$have_bytes" = "bytes=$size" ]
}

if corpus_ok; then
  echo "corpus: reusing $CORPUS"
else
  need_kb=$(( MB * 1024 + MB * 1024 / 10 ))
  avail_kb=$(df -Pk "$CORPUS_DIR" | awk 'NR==2 {print $4}')
  if [ -n "$avail_kb" ] && [ "$avail_kb" -lt "$need_kb" ]; then
    die "not enough free space in $CORPUS_DIR: need ~$((need_kb / 1024)) MiB, have $((avail_kb / 1024)) MiB"
  fi
  rm -f "$CORPUS" "$TRUTH" "$STAMP"
  echo "corpus: generating $MB MiB (seed $SEED) -> $CORPUS"
  python3 "$GENERATOR" --mb "$MB" --seed "$SEED" --out "$CORPUS" --truth "$TRUTH" \
    || die "corpus generation failed"
  printf '%s\nbytes=%s\n' "$WANT_STAMP" "$(stat -c %s "$CORPUS")" > "$STAMP"
fi
