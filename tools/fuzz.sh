#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) in build-fuzz/ and runs each for SECONDS
# (default 60), from a seed corpus cut out of corpus/docs at run time. Exits non-zero if any
# target finds a crash; the input that crashed is kept as build-fuzz/fuzz/TARGET/crash-*.
#
#   tools/fuzz.sh          # 60 s per target
#   tools/fuzz.sh 600      # ten minutes per target
#   build-fuzz/tests/fuzz/normalize_fuzz build-fuzz/fuzz/normalize_fuzz/crash-...   # replay
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build=build-fuzz
targets=(normalize_fuzz recognize_fuzz pdf_fuzz docx_fuzz limits_fuzz image_fuzz)

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DBAOCAO_FUZZ=ON -DBAOCAO_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"

# Seeds: every report whole, cut into pieces at blank lines, and re-encoded the ways the
# normalizer decodes (UTF-16 with and without BOM, NFD, Windows-1258), plus converter debris.
seeds="$build/fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
python3 - "$seeds" corpus/docs/*.txt <<'PY'
import hashlib, os, sys, unicodedata

out = sys.argv[1]

def put(data):
    data = data[:65536]
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

def cp1258(text):
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    parts = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in d if c not in tones)
        parts.append(unicodedata.normalize("NFC", base) + "".join(c for c in d if c in tones))
    return "".join(parts).encode("cp1258", errors="replace")

for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    put(text.encode())
    pieces, piece = [], ""
    for block in text.split("\n\n"):
        piece += block + "\n\n"
        if len(piece) > 1500:
            pieces.append(piece)
            piece = ""
    pieces.append(piece)
    for i, p in enumerate(pieces):
        put(p.encode())
        if i % 4 == 0:
            put(p.encode("utf-16"))
            put(p.encode("utf-16-be"))
            put(unicodedata.normalize("NFD", p).encode())
            put(cp1258(p))
            put(b"\xef\xbb\xbf" + p.replace("\n", "\r\n").encode())

for debris in [
    "<p>K\u1ebft qu\u1ea3 <b>th\u1ef1c hi\u1ec7n</b></p><ul><li>a</li><li><a href=\"https://x.vn\">b</a></li></ul>",
    "| STT | Ch\u1ec9 ti\u00eau | K\u1ebf ho\u1ea1ch |\n|---|:--:|---|\n| 1 | **T\u1ef7 l\u1ec7** | $\\geq 90\\%$ |\n",
    "# B\u00c1O C\u00c1O\n\n**S\u1ed1:** 43/BC-UBND &nbsp; [x](https://x.vn) <https://y.vn> th&#7871; \\* h\u1ebft\n",
    "1\t<p>\u0110\u1ec1 ngh\u1ecb</p>\tS\u1edf T\u00e0i ch\u00ednh\t$5\thoá thuý khoẻ\u00a0\u201cx\u201d\u2013y\u200b\n",
]:
    put(debris.encode())
PY
# PDF seeds for pdf_fuzz (the text fuzzers refuse them quickly): the small edge and bad PDFs,
# and the fixture reports small enough (ruled tables: drawn column borders).
for f in corpus/pdf-edge/*.pdf corpus/pdf/*.pdf; do
  if [ "$(stat -c %s "$f")" -le 65536 ]; then cp "$f" "$seeds/pdf-$(basename "$f")"; fi
done
# Word seeds for docx_fuzz (issue 20): the corpus documents as .docx.
for f in corpus/docx/*.docx; do cp "$f" "$seeds/docx-$(basename "$f")"; done

# Seeds for limits_fuzz (issue 18): content streams of nested saves and inline images, and
# JBIG2 segment headers (a page information segment and a generic region); for image_fuzz.
python3 - "$seeds" <<'PY'
import os, struct, sys
out = sys.argv[1]
def seg(number, kind, data):
    return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data
seeds = {
    "limits-q": b"q q 1 0 0 1 0 0 cm Q (a\\)q) Tj <71> % q\nBI /W 1 ID q\x00 EI Q",
    "limits-jbig2": seg(0, 48, struct.pack(">IIIIBH", 2480, 3508, 0, 0, 0, 0))
                    + seg(1, 38, struct.pack(">IIIIB", 100, 100, 0, 0, 0) + b"\x01\x00\x00\x10\x01"),
    # image_fuzz (issue 20): a JPEG whose EXIF says to turn it (orientation 6), and an .odt's head.
    "image-exif": b"\xFF\xD8\xFF\xE1\x00\x22Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01"
                  + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + b"\x00" * 4 + b"\xFF\xDA\x00\x02",
    "image-odt": b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.textPK",
}
for name, data in seeds.items():
    open(os.path.join(out, name), "wb").write(data)
PY

status=0
for target in "${targets[@]}"; do
  work="$build/fuzz/$target"
  mkdir -p "$work/corpus"
  echo "== $target: $seconds s"
  if ! "$build/tests/fuzz/$target" "$work/corpus" "$seeds" \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
      -dict=tests/fuzz/baocao.dict -artifact_prefix="$work/" -print_final_stats=1 \
      2>"$work/log"; then
    status=1
    echo "!! $target failed; see $work/log and $work/crash-*" >&2
    grep -E -A30 'ERROR|invariant failed|runtime error|terminate' "$work/log" | head -60 >&2 || true
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' "$work/log" || true
  grep -E '^#[0-9]+ +DONE' "$work/log" | tail -1 || true
done
exit $status
