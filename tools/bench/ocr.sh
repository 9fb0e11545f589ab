#!/usr/bin/env bash
# OCR benchmark and measurement (issue 9; docs/STYLE.md "Benchmarks"): the engine on scans of
# the corpus PDFs made by tools/make-scans, scored against the gold and against the text
# version; its speed beside the `tesseract` CLI (and ocrmypdf when installed) on the same pages
# in the same run; peak memory on a 100-page scan. Measured, never asserted: the exit status is
# 0 unless the targets below are missed (1) or the benchmark cannot run (2).
#
#   tools/bench/ocr.sh                          # build/baocao; scans into build/scans
#   BAOCAO_BUILD=build-ocr tools/bench/ocr.sh
#   STEPS=quality tools/bench/ocr.sh            # quality | speed | memory (comma-separated)
#   VARIANTS=plain,degraded DPI=300 tools/bench/ocr.sh
#   SPEED_PAGES=6 BIG_PAGES=100 tools/bench/ocr.sh
#   KEEP=DIR tools/bench/ocr.sh                 # keep each variant's evaluation and engine JSON
#                                               # in DIR/VARIANT/: NAME.pdf.result.json (the scan),
#                                               # NAME.txt.result.json (the text version) and
#                                               # NAME.pdf.pages.json, to see what a scan lost
#   BAOCAO_OCR_CACHE=DIR tools/bench/ocr.sh     # reuse Tesseract's words of pages already read
#                                               # (baocao/ocr/ocr.h): for tuning the layout only
#
# quality: for each variant (tools/make-scans: plain, degraded = each page one of rotated, blur,
#   JPEG, red seal, phone photo), `tools/evaluate --pdf` on the four scans (through a wrapper
#   that keeps the engine's JSON), then from that JSON and the text version's:
#     facts_recall       share of the text version's facts (indicator, role, value) found
#     references_recall  the same for references (number, date, kind)
#     wrong_values       engine facts whose value is not the gold's, over all engine facts
#     gold_flags         gold flags found (any severity), and as warning where downgraded
#     misread_errors     error flags the text version does not raise (a misread digit that was
#                        not marked uncertain)
#   Targets: plain: facts >= 0.90, references >= 0.95, wrong <= 1 %, every gold flag found;
#   degraded: facts >= 0.80, misread_errors == 0.
# speed: SPEED_PAGES pages of the plain scans, `baocao extract --ocr always` against
#   `tesseract LIST stdout -l vie` (one process, model loaded once, images pre-rendered at the
#   same dpi) and `ocrmypdf --force-ocr -l vie` when installed: pages/s by wall time.
# real: the real scans and broken text layers of ../shared listed in corpus/real-scan-meta.tsv
#   (issue 16), each file whole: `baocao extract` (--ocr auto: it judges each page's layer and
#   reads the failing ones on every core) against `ocrmypdf --force-ocr -l vie -j NPROC` on the
#   same files and `tesseract` (one process over the pages rendered by pdftoppm, rendering
#   counted): pages/s by wall time over the files' pages, peak RSS of the largest process.
# memory: a BIG_PAGES-page scan (pages repeated) through `baocao extract`: wall time and peak
#   RSS by /usr/bin/time -v (one page image at a time: it must not grow with the pages).
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
build=${BAOCAO_BUILD:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
engine=${BAOCAO_ENGINE:-$build/baocao}
scans=${SCANS:-$build/scans}
steps=${STEPS:-quality,speed,real,memory}
variants=${VARIANTS:-plain,degraded}
dpi=${DPI:-300}
speed_pages=${SPEED_PAGES:-6}
big_pages=${BIG_PAGES:-100}

die() { echo "ocr.sh: $*" >&2; exit 2; }
[ -x "$engine" ] || die "no engine at $engine (build it: cmake --build $build --target baocao)"
for t in pdftoppm img2pdf convert tesseract python3; do
  command -v "$t" >/dev/null || die "$t is missing (tools/setup installs it)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

make_scans() {  # make_scans VARIANT
  local dir="$scans/$dpi/$1"
  if [ "$(ls "$dir"/*.pdf 2>/dev/null | wc -l)" -lt 4 ]; then
    echo "ocr.sh: making $1 scans at $dpi dpi into $dir" >&2
    tools/make-scans --out "$scans" --dpi "$dpi" --variants "$1" >/dev/null
  fi
}

# --- quality ----------------------------------------------------------------------------------
if [[ ",$steps," == *",quality,"* ]]; then
  # A wrapper engine: runs baocao and keeps each JSON it prints (extract, and --stage pages).
  mkdir -p "$work/json"
  cat > "$work/engine" <<EOF
#!/usr/bin/env bash
name=\$(basename "\${@: -1}")
stage=result
for a in "\$@"; do [ "\$a" = pages ] && stage=pages; done
"$engine" "\$@" > "$work/json/\$name.\$stage.json"
rc=\$?
cat "$work/json/\$name.\$stage.json"
exit \$rc
EOF
  chmod +x "$work/engine"
  IFS=, read -r -a vlist <<< "$variants"
  for v in "${vlist[@]}"; do
    make_scans "$v"
    rm -f "$work/json"/*
    start=$(date +%s.%N)
    python3 tools/evaluate --gold corpus/gold --docs corpus/docs --engine "$work/engine" \
        --pdf "$scans/$dpi/$v" --engine-timeout 1800 --json > "$work/eval-$v.json" || true
    end=$(date +%s.%N)
    if [ -n "${KEEP:-}" ]; then
      mkdir -p "$KEEP/$v"
      cp "$work/eval-$v.json" "$KEEP/$v/evaluation.json"
      cp "$work/json"/*.json "$KEEP/$v/" 2>/dev/null || true
    fi
    python3 - "$work/eval-$v.json" "$work/json" "$engine" "$v" "$start" "$end" <<'PY' || status=1
import json, subprocess, sys
from pathlib import Path
report = json.load(open(sys.argv[1]))
jdir, engine, variant = Path(sys.argv[2]), sys.argv[3], sys.argv[4]
seconds = float(sys.argv[6]) - float(sys.argv[5])
S = report["sections"]
def metric(section, name):
    v = S[section][name]
    return v["all"] if isinstance(v, dict) else v
wrong = metric("facts", "wrong_values")
pred_facts = metric("facts", "pred")
agree_facts = metric("agreement", "facts_recall")
agree_refs = metric("agreement", "references_recall")
gold_flags_r = metric("flags", "recall") if "flags" in S else None
# Flags: severity of the scan's flags against the text version's.
def key(f):
    return (f.get("kind"), tuple(sorted(f.get("indicators") or [])), f.get("stated"), f.get("computed"))
misread, downgraded, pages = [], 0, 0
for res in sorted(jdir.glob("*.pdf.result.json")):
    name = res.name[: -len(".pdf.result.json")]
    scan = json.loads(res.read_text() or "{}")
    pages += (scan.get("document") or {}).get("pages") or 0
    text = json.loads(subprocess.run([engine, "extract", f"corpus/docs/{name}.txt"], capture_output=True).stdout)
    text_keys = {key(f) for f in text.get("flags", [])}
    for f in scan.get("flags", []):
        downgraded += f.get("severity") == "warning" and "OCR" in (f.get("explanation") or "")
        if f.get("severity") == "error" and key(f) not in text_keys:
            misread.append(f"{name}: {f.get('kind')} {f.get('indicators')} stated {f.get('stated')} computed {f.get('computed')}")
plain = variant == "plain"
targets = {"facts_recall": (agree_facts, 0.90 if plain else 0.80, ">="),
           "references_recall": (agree_refs, 0.95 if plain else None, ">="),
           "wrong_values_share": (wrong / pred_facts if pred_facts else 0.0, 0.01 if plain else None, "<="),
           "gold_flags_recall": (gold_flags_r, 1.0 if plain else None, ">="),
           "misread_errors": (len(misread), 0, "<=")}
print(f"ocr.sh quality [{variant}, {pages} pages, {seconds:.0f} s for the evaluation (engine run twice a document)]")
print(f"  facts: {metric('facts','matched')}/{metric('facts','gold')} gold matched, {pred_facts} predicted, {wrong} wrong values")
print(f"  references: gold recall {metric('references','recall'):.3f}; flags: downgraded to warning {downgraded}")
missed = False
for name, (value, limit, op) in targets.items():
    ok = limit is None or value is not None and (value >= limit if op == ">=" else value <= limit)
    missed |= not ok
    shown = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"  {name:20s} {shown:>8s}  " + ("" if limit is None else f"target {op} {limit}  ") + ("ok" if ok else "MISSED"))
for m in misread:
    print(f"    misread error flag: {m}")
sys.exit(1 if missed else 0)
PY
  done
fi

# --- speed ------------------------------------------------------------------------------------
if [[ ",$steps," == *",speed,"* ]]; then
  tools/make-scans --out "$work/speed" --dpi "$dpi" --pages "1-$speed_pages" corpus/pdf/chi-linh-2026-01-report.pdf >/dev/null
  pdf="$work/speed/$dpi/plain/chi-linh-2026-01-report.pdf"
  pdftoppm -r "$dpi" -gray -png "$pdf" "$work/speed/p"
  ls "$work"/speed/p-*.png > "$work/speed/list.txt"
  n=$(wc -l < "$work/speed/list.txt")
  timed() {  # timed LABEL COMMAND...: wall seconds and peak RSS
    /usr/bin/time -f "%e %M" -o "$work/time" "${@:2}" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; die "$1 failed"; }
    read -r secs kb < "$work/time"
    printf "  %-34s %6.1f s  %6.2f pages/s  peak %5d MB\n" "$1" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$((kb / 1024))"
  }
  echo "ocr.sh speed [$n pages at $dpi dpi, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)]"
  timed "baocao extract --ocr always" "$engine" extract --ocr always "$pdf"
  timed "tesseract (vie, one process)" tesseract "$work/speed/list.txt" stdout -l vie
  timed "tesseract, OMP_THREAD_LIMIT=1" env OMP_THREAD_LIMIT=1 tesseract "$work/speed/list.txt" stdout -l vie
  if command -v ocrmypdf >/dev/null; then
    timed "ocrmypdf --force-ocr -l vie" ocrmypdf -q --force-ocr -l vie "$pdf" "$work/speed/ocrmypdf.pdf"
  fi
fi

# --- real scans -------------------------------------------------------------------------------
if [[ ",$steps," == *",real,"* ]]; then
  shared=${SHARED:-$root/../shared}
  if [ ! -d "$shared" ]; then
    echo "ocr.sh real: skipped ($shared is missing)"
  else
    mapfile -t files < <(awk -F'\t' -v s="$shared" 'NR > 1 && $1 !~ /^#/ && $1 != "" {print s "/" $1}' corpus/real-scan-meta.tsv)
    n=0
    for f in "${files[@]}"; do n=$((n + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
    timed_all() {  # timed_all LABEL SCRIPT: the script run once over "$@" files, wall and peak RSS
      /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$2" _ "${files[@]}" > /dev/null 2> "$work/stderr" ||
        { cat "$work/stderr" >&2; die "$1 failed"; }
      read -r secs kb < "$work/time"
      printf "  %-34s %6.1f s  %6.2f pages/s  peak %5d MB\n" "$1" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$((kb / 1024))"
    }
    echo "ocr.sh real [${#files[@]} files, $n pages, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)]"
    timed_all "baocao extract (auto)" "for f; do env -u BAOCAO_OCR_CACHE '$engine' extract \"\$f\" > /dev/null; done"
    if command -v ocrmypdf >/dev/null; then
      timed_all "ocrmypdf --force-ocr -l vie -j $(nproc)" \
        "for f; do ocrmypdf -q --force-ocr -l vie -j $(nproc) \"\$f\" '$work/real-ocrmypdf.pdf'; done"
    fi
    timed_all "pdftoppm 300 dpi + tesseract" \
      "rm -f '$work'/real-p*; k=0; for f; do k=\$((k + 1)); pdftoppm -r 300 -gray -png \"\$f\" '$work'/real-p\$k; done;
       ls '$work'/real-p*.png > '$work/real-list.txt'; tesseract '$work/real-list.txt' stdout -l vie"
  fi
fi

# --- memory -----------------------------------------------------------------------------------
if [[ ",$steps," == *",memory,"* ]]; then
  repeat=$(( (big_pages + 4) / 5 ))
  tools/make-scans --out "$work/big" --dpi "$dpi" --pages 1-5 --repeat "$repeat" corpus/pdf/hong-bang-2026-plan.pdf >/dev/null
  big="$work/big/$dpi/plain/hong-bang-2026-plan.pdf"
  pages=$(pdfinfo "$big" | awk '/^Pages:/ {print $2}')
  /usr/bin/time -v "$engine" extract "$big" > "$work/big.json" 2> "$work/big.time" || { tail -5 "$work/big.time" >&2; die "the $pages-page scan failed"; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/big.time")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/big.time")
  facts=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['facts']))" "$work/big.json")
  echo "ocr.sh memory [$pages-page scan, $dpi dpi, $(du -m "$big" | cut -f1) MB]"
  echo "  baocao extract: wall $secs, peak RSS $((kb / 1024)) MB, $facts facts"
fi
exit $status
