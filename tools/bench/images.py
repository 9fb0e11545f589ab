#!/usr/bin/env python3
"""Images read as the scans are (issue 20): the corpus pages as a multi-page TIFF and as JPEG
photographs against the same pages as an image-only (scanned) PDF, scored the same way.
Measured, never asserted: exit 0 unless the benchmark cannot run (2).

Usage:
  tools/bench/images.py [--engine build/baocao] [--out build/image-scans] [--docs a,b]

  tiff   every page of each corpus PDF as one multi-page TIFF (tools/make-scans --as tiff) and
         as a scanned PDF (tools/make-scans), each scored by `tools/evaluate --pdf` against the
         gold and the text version (the TIFF under the PDF's name: the engine knows it by its
         bytes); facts and references matched, facts predicted, agreement with the text.
  jpeg   page 1 (--page N) of each as a JPEG stored turned with EXIF orientation 6 (plain), and as a phone
         photograph (make-scans' photo variant: perspective, uneven light, noise, JPEG 70),
         against the same page as a scanned PDF of that variant: the facts (indicator, role,
         value) and references each reads, and how many the two share.
Tesseract's words are cached under OUT/ocr-cache/<form> ($BAOCAO_OCR_CACHE; a cache for each
form, so that no form is answered from another's reading), so a second run costs little; the
first reads every page of every form once (about 2 s a page a core).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run(cmd, env=None):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)


def evaluate(engine, pdf_dir, env):
    out = run(["python3", "tools/evaluate", "--gold", "corpus/gold", "--docs", "corpus/docs", "--engine", engine,
               "--pdf", str(pdf_dir), "--engine-timeout", "1800", "--json"], env)
    report = json.loads(out.stdout)
    s = report["sections"]

    def m(section, name):
        v = s[section][name]
        return v["all"] if isinstance(v, dict) else v
    return {"facts": f"{m('facts', 'matched')}/{m('facts', 'gold')}", "facts_pred": m("facts", "pred"),
            "wrong": m("facts", "wrong_values"), "refs": f"{m('references', 'matched')}/{m('references', 'gold')}",
            "agree_facts": m("agreement", "facts_recall"), "agree_refs": m("agreement", "references_recall")}


def read(engine, path, env):
    out = run([engine, "extract", "--compact", str(path)], env)
    if out.returncode != 0:
        return None, out.stderr.decode(errors="replace").strip()
    x = json.loads(out.stdout)
    facts = {(f["indicator"], f.get("role"), f.get("value")) for f in x.get("facts", [])}
    refs = {r.get("number") or r.get("text") for r in x.get("references", [])}
    return (facts, refs, x["document"].get("repairs", [])), ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", default=str(ROOT / "build" / "baocao"))
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "image-scans")
    ap.add_argument("--docs", default="", help="corpus names (default: the four)")
    ap.add_argument("--steps", default="tiff,jpeg", help="tiff, jpeg or both (default)")
    ap.add_argument("--page", type=int, default=1, help="the page the JPEGs are made of (default 1)")
    args = ap.parse_args()
    engine = str(Path(args.engine).resolve())
    if not Path(engine).exists():
        print(f"images.py: no engine at {engine}", file=sys.stderr)
        return 2
    out = args.out.resolve()
    names = [n for n in args.docs.split(",") if n] or sorted(p.stem for p in (ROOT / "corpus" / "gold").glob("*.json"))
    pdfs = [str(ROOT / "corpus" / "pdf" / f"{n}.pdf") for n in names]
    env = dict(os.environ)

    def cached(form):
        (out / "ocr-cache" / form).mkdir(parents=True, exist_ok=True)
        return dict(env, BAOCAO_OCR_CACHE=str(out / "ocr-cache" / form))
    make = ["python3", "tools/make-scans"]
    last = names[-1]
    for made, step in ((out / "pdf/300/plain" / f"{last}.pdf", [*make, "--out", str(out / "pdf"), *pdfs]),
                       (out / "tiff/300/plain" / f"{last}.tiff", [*make, "--out", str(out / "tiff"), "--as", "tiff", *pdfs]),
                       (out / f"page{args.page}-pdf/300/photo" / f"{last}.pdf",
                        [*make, "--out", str(out / f"page{args.page}-pdf"), "--pages", str(args.page),
                         "--variants", "plain,photo", *pdfs]),
                       (out / f"page{args.page}-jpeg/300/plain" / f"{last}.jpg",
                        [*make, "--out", str(out / f"page{args.page}-jpeg"), "--as", "jpeg", "--exif", "6",
                         "--pages", str(args.page), *pdfs]),
                       (out / f"page{args.page}-jpeg/300/photo" / f"{last}.jpg",
                        [*make, "--out", str(out / f"page{args.page}-jpeg"), "--as", "jpeg", "--pages", str(args.page),
                         "--variants", "photo", *pdfs])):
        if made.exists():   # made by an earlier run: the images are deterministic
            continue
        if run(step).returncode != 0:
            print(f"images.py: {' '.join(step[:6])} failed (tools/setup installs pdftoppm, convert, img2pdf)", file=sys.stderr)
            return 2
    # The TIFFs under the names tools/evaluate --pdf looks for.
    as_pdf = out / "tiff-named-pdf"
    as_pdf.mkdir(exist_ok=True)
    for n in names:
        link = as_pdf / f"{n}.pdf"
        if not link.exists():
            link.symlink_to(out / "tiff" / "300" / "plain" / f"{n}.tiff")
    steps = set(args.steps.split(","))
    if "tiff" in steps:
        tiff_step(engine, out, as_pdf, cached)
    if "jpeg" in steps:
        jpeg_step(engine, out, names, cached, args.page)
    return 0


def tiff_step(engine, out, as_pdf, cached):
    print("tiff: every page, 300 dpi, scored by tools/evaluate --pdf (gold; agreement with the text version)")
    print(f"  {'input':28} {'facts':>9} {'pred':>5} {'wrong':>5} {'refs':>7} {'agree facts':>11} {'agree refs':>10}")
    for label, d, cache in (("scanned PDF", out / "pdf" / "300" / "plain", "pdf"), ("multi-page TIFF", as_pdf, "tiff")):
        # A cache of its own for each form: the same pixels would give the same words, and the
        # TIFF is to be read by its own path, not answered from the PDF's reading.
        r = evaluate(engine, d, cached(cache))
        print(f"  {label:28} {r['facts']:>9} {r['facts_pred']:>5} {r['wrong']:>5} {r['refs']:>7} "
              f"{r['agree_facts']:11.3f} {r['agree_refs']:10.3f}")


def jpeg_step(engine, out, names, cached, page):
    print(f"jpeg: page {page} of each, against the same page as a scanned PDF of the same variant")
    print(f"  {'page':40} {'variant':8} {'facts pdf/jpg/both':>19} {'refs pdf/jpg/both':>18}  jpeg repairs")
    for n in names:
        for variant, jpg_dir in (("plain", "plain"), ("photo", "photo")):
            pdf, why_pdf = read(engine, out / f"page{page}-pdf" / "300" / variant / f"{n}.pdf", cached(f"page{page}-pdf"))
            jpg, why_jpg = read(engine, out / f"page{page}-jpeg" / "300" / jpg_dir / f"{n}.jpg", cached(f"page{page}-jpeg"))
            if not pdf or not jpg:
                print(f"  {n:40} {variant:8} failed: {why_pdf or why_jpg}")
                continue
            facts = f"{len(pdf[0])}/{len(jpg[0])}/{len(pdf[0] & jpg[0])}"
            refs = f"{len(pdf[1])}/{len(jpg[1])}/{len(pdf[1] & jpg[1])}"
            print(f"  {n:40} {variant:8} {facts:>19} {refs:>18}  {','.join(jpg[2])}")


if __name__ == "__main__":
    sys.exit(main())
