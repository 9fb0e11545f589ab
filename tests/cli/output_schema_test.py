#!/usr/bin/env python3
"""Every output `baocao extract` and `baocao audit --json` print for the documents of corpus/
follows docs/output.schema.json (issue 21): the four corpus documents as text, .docx and PDF, the
edge and bad PDFs of corpus/pdf-edge (the refused ones as --jsonl error records), with and
without --bbox, pretty and compact, into -o files, and the --stage outputs. One page read by OCR
(corpus/pdf-edge/outlined-text.pdf) and one photograph (a corpus PDF page as PNG) give spans with
confidence, bbox and format "image"; their words come from $BAOCAO_OCR_CACHE when it is set.

    BAOCAO_BINARY=build/baocao python3 tests/cli/output_schema_test.py
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import output_schema  # noqa: E402

ENGINE = os.environ.get("BAOCAO_BINARY", str(ROOT / "build" / "baocao"))
CORPUS = ROOT / "corpus"
TEXTS = sorted((CORPUS / "docs").glob("*.txt"))
DOCX = sorted((CORPUS / "docx").glob("*.docx"))
PDFS = sorted((CORPUS / "pdf").glob("*.pdf"))
EDGE_PDFS = sorted((CORPUS / "pdf-edge").glob("*.pdf"))
EVERY = TEXTS + DOCX + PDFS + EDGE_PDFS
# Read by OCR; the other edge PDFs are read with --ocr never (their OCR is tested elsewhere).
OCR_PDF = CORPUS / "pdf-edge" / "outlined-text.pdf"


def run(*args, ok=(0,)):
    proc = subprocess.run([ENGINE, *map(str, args)], capture_output=True, timeout=600)
    if proc.returncode not in ok:
        raise AssertionError(f"baocao {' '.join(map(str, args))} exited {proc.returncode}: "
                             + proc.stderr.decode("utf-8", "replace")[-500:])
    return proc.stdout.decode("utf-8")


# Exit statuses of inputs refused in corpus/pdf-edge (4 refused, 7 encrypted): the run goes on.
REFUSED = (0, 4, 7)


class ExtractOutputFollowsTheSchema(unittest.TestCase):
    validated = 0

    @classmethod
    def tearDownClass(cls):
        print(f"{cls.validated} outputs validated against {output_schema.SCHEMA_PATH.name}", file=sys.stderr)

    def check_lines(self, text, where, definition="extraction"):
        """One JSON object a line: each follows `definition`, or is the error record of a failed input."""
        lines = [line for line in text.splitlines() if line.strip()]
        self.assertTrue(lines, f"{where}: no output")
        for n, line in enumerate(lines, 1):
            record = json.loads(line)
            output_schema.check(record, "error_record" if "error" in record else definition, f"{where}, line {n}")
        type(self).validated += len(lines)
        return lines

    def test_every_document_as_jsonl_and_pdfs_with_bbox(self):
        # --bbox changes only PDF and image spans.
        for extra, inputs in (([], EVERY), (["--bbox"], PDFS + EDGE_PDFS)):
            with self.subTest(extra=extra):
                out = run("extract", "--jsonl", "--ocr", "never", *extra, *inputs, ok=REFUSED)
                lines = self.check_lines(out, f"extract --jsonl {' '.join(extra)}")
                self.assertEqual(len(lines), len(inputs))
                self.assertIn('"error"', out, "the refused edge PDFs give error records")

    def test_pretty_output_of_each_format(self):
        for path in (TEXTS[0], DOCX[0], PDFS[0]):
            for extra in ([], ["--bbox"]):
                with self.subTest(path=path.name, extra=extra):
                    output_schema.parse(run("extract", *extra, path), where=f"extract {' '.join(extra)} {path}")
                    type(self).validated += 1

    def test_output_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            run("extract", "-o", tmp, "--ocr", "never", TEXTS[1], DOCX[1], PDFS[1])
            for written in sorted(pathlib.Path(tmp).glob("*.json")):
                output_schema.parse(written.read_text(encoding="utf-8"), where=f"extract -o: {written.name}")
                type(self).validated += 1

    def test_stages(self):
        for stage in ("text", "pages", "mentions", "layout"):
            with self.subTest(stage=stage):
                self.check_lines(run("extract", "--stage", stage, "--compact", "--ocr", "never", *TEXTS, *DOCX, *PDFS),
                                 f"extract --stage {stage}", f"stage_{stage}")

    def test_audit_json(self):
        out = run("audit", "--json", "--ocr", "never", *EVERY, ok=(1, *REFUSED))
        self.assertEqual(len(self.check_lines(out, "audit --json", "audit")), len(EVERY))

    def test_a_page_read_by_ocr_and_a_photograph(self):
        with tempfile.TemporaryDirectory() as tmp:
            photo = pathlib.Path(tmp) / "page.png"
            if not shutil.which("pdftoppm"):
                self.skipTest("pdftoppm (poppler-utils) is missing")
            subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", "-f", "1", "-l", "1", str(PDFS[0]),
                            str(photo.with_suffix(""))], check=True)
            for path in (OCR_PDF, photo):
                with self.subTest(path=path.name):
                    data = output_schema.parse(run("extract", "--bbox", "--ocr", "auto", "-q", path),
                                               where=f"extract --bbox --ocr auto {path.name}")
                    spans = [m["span"] for m in data["mentions"]]
                    self.assertTrue(spans and all("confidence" in s and "bbox" in s for s in spans), path.name)
                    pages = output_schema.parse(run("extract", "--stage", "pages", "-q", path), "stage_pages",
                                                f"extract --stage pages {path.name}")
                    self.assertTrue(all(p.get("ocr") for p in pages["pages"]) or path == OCR_PDF)
                    type(self).validated += 2


if __name__ == "__main__":
    unittest.main()
