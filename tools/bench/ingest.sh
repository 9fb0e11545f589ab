#!/usr/bin/env bash
# Whole-process benchmark of `baocao ingest` (docs/STORE.md), with checks that the store is
# right, not only fast. Measured, never asserted: the exit status is 0 unless a check of the
# results fails (1) or the benchmark cannot run (2).
#
#   tools/bench/ingest.sh                         # 10,000 documents, build/baocao
#   COUNT=2000 BAOCAO_BUILD=build-store tools/bench/ingest.sh
#   JOBS=1 tools/bench/ingest.sh                  # workers (default: nproc)
#   BATCH_COMPARE=1 tools/bench/ingest.sh         # also one transaction per document (--batch 1)
#   KEEP=1 tools/bench/ingest.sh                  # keep the corpus and the store (path printed)
#
# Corpus: tools/gen-corpus COUNT DIR (synthetic ward plans and reports; seed 57), or, where that
# tool is missing, copies of corpus/docs/*.txt each with a sentence of its own.
# Runs (timing and peak RSS from /usr/bin/time -v; every file read once beforehand, so every
# run reads from the page cache):
#   1. ingest DIR into a new store                     targets: >= 250 docs/s, <= 300 MB
#   2. ingest DIR again, nothing changed               target:  >= 5,000 docs/s
#   3. peers: extract --jsonl over the same files (the extraction alone, without the store,
#      in JOBS processes), and sha256sum of every file (what an unchanged run cannot avoid)
# Checks: every file stored once, no error rows, the second run reports every file unchanged,
# SQLite's integrity_check and foreign_key_check pass.
# "CPU s" is user+system; "docs/CPU-s" divides by it, which other load on a shared machine
# barely moves (wall time it does).
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
build=${BAOCAO_BUILD:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
engine="$build/baocao"
count=${COUNT:-10000}
jobs=${JOBS:-$(nproc)}

die() { echo "ingest.sh: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "/usr/bin/time missing (Debian package: time)"
command -v python3 >/dev/null || die "python3 missing"
if [ ! -x "$engine" ]; then
  echo "ingest.sh: $engine missing: building it" >&2
  [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" --target baocao >/dev/null || die "build failed"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/baocao-ingest-bench-XXXXXX")
if [ -n "${KEEP:-}" ]; then echo "ingest.sh: keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
docs="$work/docs"

# --- corpus -----------------------------------------------------------------------------------
if [ -x tools/gen-corpus ]; then
  python3 tools/gen-corpus "$count" "$docs" --seed 57 >/dev/null 2>"$work/gen.log" || { cat "$work/gen.log" >&2; die "tools/gen-corpus failed"; }
  mv "$docs/manifest.json" "$work/"   # the answers, not a document to ingest
  source="tools/gen-corpus (seed 57)"
else
  python3 - "$docs" "$count" <<'EOF'
import glob, os, sys
out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
texts = [open(p, "rb").read() for p in sorted(glob.glob("corpus/docs/*.txt"))]
for k in range(count):
    extra = "\nGhi chú bổ sung số %d: đã tiếp nhận %d hồ sơ trực tuyến trong năm 2025.\n" % (k, k * 37 % 1000)
    with open(os.path.join(out, "doc-%05d.txt" % k), "wb") as f:
        f.write(texts[k % len(texts)] + extra.encode())
EOF
  source="copies of corpus/docs with a sentence each"
fi
files=$(find "$docs" -type f | wc -l)
bytes=$(du -sb "$docs" | cut -f1)
cat "$docs"/* > /dev/null   # into the page cache

# --- runs -------------------------------------------------------------------------------------
# measure NAME DOCS COMMAND...: one row of the table from /usr/bin/time -v.
rows=()
measure() {
  local name=$1 n=$2
  shift 2
  /usr/bin/time -v "$@" > "$work/stdout" 2> "$work/time" || { cat "$work/time" >&2; die "$name failed"; }
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  rows+=("$(python3 -c "
n, wall, cpu, rss = $n, $wall, $user + $sys, $rss
print(f'{\"$name\":<40} {n:>7} {wall:>8.2f} {n / wall if wall else 0:>9.0f} {cpu:>7.2f} {n / cpu if cpu else 0:>10.0f} {rss / 1024:>8.1f}')
")")
}

db="$work/bench.sqlite"
measure "ingest (new store, -j $jobs)" "$files" "$engine" ingest "$docs" --db "$db" -j "$jobs"
first=$(cat "$work/stdout")
measure "ingest again, unchanged (-j $jobs)" "$files" "$engine" ingest "$docs" --db "$db" -j "$jobs"
second=$(cat "$work/stdout")
if [ -n "${BATCH_COMPARE:-}" ]; then
  measure "ingest, --batch 1 (new store, -j $jobs)" "$files" "$engine" ingest "$docs" --db "$work/batch1.sqlite" -j "$jobs" --batch 1
fi
measure "peer: extract --jsonl ($jobs processes)" "$files" \
  sh -c "find '$docs' -type f -print0 | xargs -0 -P '$jobs' -n $(( (files + jobs - 1) / jobs )) '$engine' extract --jsonl > /dev/null"
measure "peer: sha256sum of every file" "$files" sh -c "find '$docs' -type f -print0 | xargs -0 sha256sum > /dev/null"

# --- checks -----------------------------------------------------------------------------------
failures=0
check() { if ! eval "$2"; then echo "CHECK FAILED: $1" >&2; failures=$((failures + 1)); fi; }
read -r stored errors integrity orphans < <(python3 - "$db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM documents").fetchone()[0],
      c.execute("SELECT count(*) FROM errors").fetchone()[0],
      c.execute("PRAGMA integrity_check").fetchone()[0],
      len(c.execute("PRAGMA foreign_key_check").fetchall()))
EOF
)
check "every file stored once ($stored of $files)" '[ "$stored" -eq "$files" ]'
check "no error rows ($errors)" '[ "$errors" -eq 0 ]'
check "integrity_check ok ($integrity)" '[ "$integrity" = ok ]'
check "no orphan rows ($orphans)" '[ "$orphans" -eq 0 ]'
check "first run added every file: $first" '[[ "$first" == *"$files added, 0 replaced, 0 unchanged, 0 failed"* ]]'
check "second run found every file unchanged: $second" '[[ "$second" == *"0 added, 0 replaced, $files unchanged, 0 failed"* ]]'

# --- report -----------------------------------------------------------------------------------
echo "baocao ingest benchmark: $files files, $((bytes / 1000000)) MB ($source); store $(du -sb "$db" | cut -f1 | awk '{printf "%.0f", $1 / 1e6}') MB"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %7s %8s %9s %7s %10s %8s\n' run docs "wall s" "docs/s" "CPU s" docs/CPU-s "RSS MB"
printf '%s\n' "${rows[@]}"
echo "targets: ingest >= 250 docs/s and <= 300 MB peak RSS; unchanged re-ingest >= 5,000 docs/s"
[ "$failures" -eq 0 ] || exit 1
