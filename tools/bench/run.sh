#!/usr/bin/env bash
# Whole-process benchmark (docs/STYLE.md "Benchmarks"): the CLI from raw bytes to written JSON
# over >= 100 MB of copies of the corpus documents, against a peer (ripgrep scanning the same
# files for document references), with checks that the results are right, not only fast.
# Measured, never asserted: the exit status is 0 unless a check of the results fails (1) or the
# benchmark cannot run (2).
#
#   tools/bench/run.sh                      # uses build/baocao (built if missing)
#   BAOCAO_BUILD=build-bench tools/bench/run.sh
#   TARGET_MB=20 tools/bench/run.sh         # a quicker, smaller run
#
# Runs, on the same files (read once beforehand, so every run reads from the page cache):
#   1. engine, one process over all files     baocao extract --jsonl FILES > out.jsonl
#   2. engine, two processes (xargs -P2)      the 2-core figure; each half of the files
#   3. engine, one ~100 MB file               the corpus documents concatenated: peak memory
#                                              against the size of the input
#   4. rg -j1 and rg (all threads)            a floor: scanning the same bytes for references
# Timing and peak RSS come from /usr/bin/time -v. MB are 10^6 bytes. "MB/CPU-s" divides by
# user+system CPU time, which a busy machine does not inflate the way it inflates wall time.
# Targets (from the issue): >= 20 MB/s per core raw bytes -> written JSON; peak RSS <= 5x the
# largest input file.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
build=${BAOCAO_BUILD:-build}
target_mb=${TARGET_MB:-100}
big_mb=${BIG_MB:-100}
big_timeout=${BIG_TIMEOUT:-900}   # seconds; a run that takes longer is reported as unfinished
case "$build" in /*) ;; *) build="$root/$build" ;; esac
engine="$build/baocao"
pattern='(Nghị quyết|Quyết định|Kế hoạch|Công văn)\s+số\s+[0-9]'

die() { echo "run.sh: $*" >&2; exit 2; }

# --- tools ------------------------------------------------------------------------------------
need_pkg() {  # need_pkg COMMAND PACKAGE
  [ -x "$(command -v "$1" 2>/dev/null)" ] && return 0
  echo "run.sh: installing $2 (for $1)" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -q "$2" >/dev/null || die "cannot install $2; install it and re-run"
}
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time
need_pkg rg ripgrep
need_pkg python3 python3

if [ ! -x "$engine" ]; then
  echo "run.sh: $engine missing: building it" >&2
  [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null || die "build failed"
fi
[ -x "$engine" ] || die "no engine at $engine"

docs=("$root"/corpus/docs/*.txt)
[ -f "${docs[0]}" ] || die "no corpus documents in corpus/docs"

# --- inputs -----------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/baocao-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in" "$tmp/out"

corpus_bytes=$(cat "${docs[@]}" | wc -c)
copies=$(( (target_mb * 1000000 + corpus_bytes - 1) / corpus_bytes ))
echo "run.sh: writing $copies copies of ${#docs[@]} documents (${corpus_bytes} bytes) to $tmp/in" >&2
for ((i = 1; i <= copies; i++)); do
  for d in "${docs[@]}"; do cp "$d" "$tmp/in/c$(printf %05d "$i")-$(basename "$d")"; done
done
files=("$tmp"/in/*.txt)
nfiles=${#files[@]}
total_bytes=$(cat "${files[@]}" | wc -c)   # also brings every file into the page cache
largest=$(stat -c %s "${files[@]}" | sort -n | tail -1)

# One file of about BIG_MB made of the documents one after another.
big="$tmp/big.txt"
: > "$big"
while [ "$(stat -c %s "$big")" -lt $((big_mb * 1000000)) ]; do cat "${docs[@]}" >> "$big"; done
big_bytes=$(stat -c %s "$big")
cat "$big" > /dev/null

# --- runs -------------------------------------------------------------------------------------
# timed NAME CMD...: runs CMD under /usr/bin/time -v; leaves wall, CPU seconds, peak RSS (kB).
declare -A wall cpu rss
timed() {
  local name=$1 rc=0; shift
  /usr/bin/time -v -o "$tmp/$name.time" "$@" || rc=$?
  read_time "$name" "$tmp/$name.time"
  return $rc
}
read_time() {  # read_time NAME FILE
  local f=$2
  local w u s m
  w=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$f")
  u=$(sed -n 's/.*User time (seconds): //p' "$f")
  s=$(sed -n 's/.*System time (seconds): //p' "$f")
  m=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$f")
  wall[$1]=$(awk -v t="$w" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
  cpu[$1]=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
  rss[$1]=$m
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "run.sh: engine, 1 process, $nfiles files" >&2
timed one "$engine" extract --jsonl "${files[@]}" > "$tmp/out/one.jsonl"

echo "run.sh: engine, 2 processes" >&2
half=$(( (nfiles + 1) / 2 ))
printf '%s\n' "${files[@]:0:half}" > "$tmp/list.0"
printf '%s\n' "${files[@]:half}" > "$tmp/list.1"
start=$(date +%s.%N)
printf '%s\n' 0 1 | xargs -P2 -I{} sh -c \
  'xargs -a "$1/list.$2" /usr/bin/time -v -o "$1/par$2.time" "$3" extract --jsonl > "$1/out/par$2.jsonl"' \
  sh "$tmp" {} "$engine"
end=$(date +%s.%N)
read_time par0 "$tmp/par0.time"
read_time par1 "$tmp/par1.time"
wall[par]=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
cpu[par]=$(awk -v a="${cpu[par0]}" -v b="${cpu[par1]}" 'BEGIN { print a + b }')
rss[par]=$(( ${rss[par0]} > ${rss[par1]} ? ${rss[par0]} : ${rss[par1]} ))

echo "run.sh: engine, one file of $big_bytes bytes (at most ${big_timeout}s)" >&2
big_done=1
timed big timeout "$big_timeout" "$engine" extract --jsonl "$big" > "$tmp/out/big.jsonl" || big_done=0

echo "run.sh: rg" >&2
timed rg1 rg --no-config -j1 -c "$pattern" "$tmp/in" > "$tmp/out/rg1.txt" || true
timed rgN rg --no-config -c "$pattern" "$tmp/in" > "$tmp/out/rgN.txt" || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- checks -----------------------------------------------------------------------------------
"$engine" extract --jsonl "${docs[@]}" > "$tmp/out/original.jsonl"
checks=$(python3 - "$tmp" "$nfiles" "$big_bytes" "$big_done" "$big_timeout" <<'EOF'
import json, os, re, sys
tmp, nfiles, big_bytes, big_done, big_timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == '1', sys.argv[5]
path_re = re.compile(r'"path":"((?:[^"\\]|\\.)*)"')
original = {}
for line in open(f'{tmp}/out/original.jsonl', encoding='utf-8'):
    m = path_re.search(line)
    original[os.path.basename(json.loads('"' + m.group(1) + '"'))] = path_re.sub('"path":""', line, count=1)
failures = []
def check_run(name):
    """Every file has one line, and each line equals the original document's (path aside)."""
    lines = same = 0
    for line in open(f'{tmp}/out/{name}.jsonl', encoding='utf-8'):
        lines += 1
        m = path_re.search(line)
        base = re.sub(r'^c\d+-', '', os.path.basename(json.loads('"' + m.group(1) + '"')))
        same += path_re.sub('"path":""', line, count=1) == original.get(base)
    if lines != nfiles: failures.append(f'{name}: {lines} JSON lines for {nfiles} files')
    if same != nfiles: failures.append(f'{name}: {nfiles - same} of {nfiles} outputs differ from the original document\'s')
    return f'{name}: {lines}/{nfiles} JSON lines, {same}/{nfiles} identical to the original document\'s output (path aside)'
out = [check_run('one')]
with open(f'{tmp}/out/par.jsonl', 'w', encoding='utf-8') as f:  # the two halves together
    for part in ('par0', 'par1'):
        f.write(open(f'{tmp}/out/{part}.jsonl', encoding='utf-8').read())
out.append(check_run('par'))
# References: one copy of each document against the document itself.
refs = []
copy1 = {}
for line in open(f'{tmp}/out/one.jsonl', encoding='utf-8'):
    j = json.loads(line)
    name = os.path.basename(j['document']['path'])
    if name.startswith('c00001-'): copy1[name[7:]] = j
for name, line in sorted(original.items()):
    o = json.loads(line); c = copy1.get(name)
    n_o = len(o.get('references', [])); n_c = len(c.get('references', [])) if c else -1
    if n_o != n_c or (c and o['references'] != c['references']): failures.append(f'references of {name}: copy {n_c}, original {n_o}')
    refs.append(f'{name.split("-")[0]} {n_c}/{n_o}')
out.append('references (copy/original): ' + ', '.join(refs))
# The big file: one JSON object, no error.
big = open(f'{tmp}/out/big.jsonl', encoding='utf-8').read().splitlines()
if not big_done:
    out.append(f'big file: NOT FINISHED within {big_timeout} s (BIG_TIMEOUT); its row shows the time and memory until it was stopped')
elif len(big) != 1 or '"error"' in big[0][:300]: failures.append(f'big file: {len(big)} lines or an error')
else:
    j = json.loads(big[0])
    out.append(f'big file: 1 object, {len(j["mentions"])} mentions, {len(j["references"])} references, bytes {j["document"]["bytes"]} == {big_bytes}')
    if j['document']['bytes'] != big_bytes: failures.append('big file: wrong byte count')
# rg: counts per copy are the same for every copy of a document.
for run in ('rg1', 'rgN'):
    per = {}
    total = 0
    for line in open(f'{tmp}/out/{run}.txt', encoding='utf-8'):
        path, n = line.rsplit(':', 1)
        base = re.sub(r'^c\d+-', '', os.path.basename(path)); per.setdefault(base, set()).add(int(n)); total += int(n)
    if any(len(v) != 1 for v in per.values()): failures.append(f'{run}: copies of one document counted differently')
    if run == 'rg1': out.append(f'rg lines with a reference: {total} ({", ".join(f"{k.split(chr(45))[0]} {min(v)}" for k, v in sorted(per.items()))} per copy)')
for line in out: print('  ' + line)
for f in failures: print('  FAILED: ' + f)
print('FAILURES=%d' % len(failures))
EOF
)

# --- report -----------------------------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
row() {  # row LABEL KEY BYTES DOCS LARGEST
  local k=$2
  awk -v l="$1" -v w="${wall[$k]}" -v c="${cpu[$k]}" -v r="${rss[$k]}" -v b="$3" -v d="$4" -v big="$5" 'BEGIN {
    rate = w > 0 ? sprintf("%8.1f", b / 1e6 / w) : sprintf("%8s", "-")   # /usr/bin/time counts in 10 ms
    cpu = c > 0 ? sprintf("%9.1f", b / 1e6 / c) : sprintf("%9s", "-")
    docs = w > 0 ? sprintf("%8.0f", d / w) : sprintf("%8s", "-")
    printf "%-32s %7.2f %7.2f %s %s %s %9.1f %8.1fx\n", l, w, c, rate, cpu, docs, r / 1024, r * 1024 / big }'
}
echo
echo "baocao whole-process benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores  load $load_before -> $load_after"
echo "engine: $engine"
echo "input: $nfiles files ($copies copies of ${#docs[@]} corpus documents), $(mb "$total_bytes") MB, largest $(mb "$largest") MB; one big file $(mb "$big_bytes") MB"
printf '%-32s %7s %7s %8s %9s %8s %9s %9s\n' "run" "wall s" "CPU s" "MB/s" "MB/CPU-s" "docs/s" "RSS MB" "RSS/file"
row "engine, 1 process" one "$total_bytes" "$nfiles" "$largest"
row "engine, 2 processes (-P2)" par "$total_bytes" "$nfiles" "$largest"
row "engine, one $(mb "$big_bytes") MB file" big "$big_bytes" 1 "$big_bytes"
row "rg -j1 (references)" rg1 "$total_bytes" "$nfiles" "$largest"
row "rg, all threads (references)" rgN "$total_bytes" "$nfiles" "$largest"
echo "(RSS of the 2-process run: the larger process; RSS/file: peak RSS over the largest input file)"
echo "checks:"
echo "$checks" | grep -v '^FAILURES='
per_core=$(awk -v b="$total_bytes" -v w="${wall[one]}" 'BEGIN { printf "%.1f", b / 1e6 / w }')
per_core2=$(awk -v b="$total_bytes" -v w="${wall[par]}" 'BEGIN { printf "%.1f", b / 1e6 / w / 2 }')
ratio=$(awk -v r="${rss[big]}" -v b="$big_bytes" 'BEGIN { printf "%.1f", r * 1024 / b }')
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? v >= t : v <= t; print ok ? "met" : "NOT met" }'; }
echo "targets:"
echo "  >= 20 MB/s per core: 1 process $per_core MB/s ($(verdict "$per_core" 20 ">=")), 2 processes $per_core2 MB/s per core ($(verdict "$per_core2" 20 ">="))"
big_note=""; [ "$big_done" = 1 ] || big_note=", run stopped at ${big_timeout}s"
echo "  peak RSS <= 5x largest input: one $(mb "$big_bytes") MB file ${ratio}x ($(verdict "$ratio" 5 "<=")$big_note); many small files: see RSS/file"
failures=$(echo "$checks" | sed -n 's/^FAILURES=//p')
[ "${failures:-1}" = 0 ] || { echo "run.sh: $failures check(s) failed" >&2; exit 1; }
