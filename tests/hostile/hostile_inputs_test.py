#!/usr/bin/env python3
"""Issue 18's hostile inputs, made small by tools/make-hostile-inputs, each ending with a clear
result: the exit status and the message or the repair that names what was over which limit.
No assertion on time (larger sizes and their figures: tools/bench/text-growth and the note).

    BAOCAO_BINARY=build/baocao python3 tests/hostile/hostile_inputs_test.py
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ENGINE = os.environ.get("BAOCAO_BINARY", str(ROOT / "build" / "baocao"))
MAKE = [sys.executable, str(ROOT / "tools" / "make-hostile-inputs")]
sys.path.insert(0, str(ROOT / "tools"))
import output_schema  # noqa: E402  (each output checked against docs/output.schema.json)
EXIT_BAD_INPUT, EXIT_BUDGET = 4, 9


def extract(path, *options):
    run = subprocess.run([ENGINE, "extract", "--compact", str(path), *options],
                         capture_output=True, text=True, timeout=600)
    result = (output_schema.parse(run.stdout, where=f"extract {path.name} {' '.join(options)}")
              if run.returncode == 0 else None)
    return run.returncode, result, run.stderr


class HostileInputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.tmp = pathlib.Path(cls.dir.name)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def make(self, kind, name, *args):
        out = self.tmp / name
        subprocess.run([*MAKE, kind, str(out), *args], check=True)
        return out

    def test_deeply_nested_graphics_saves_skip_the_page_and_say_so(self):
        pdf = self.make("q-nesting", "q.pdf", "--depth", "1000000")
        code, _, err = extract(pdf, "--ocr", "never")
        self.assertEqual(code, EXIT_BAD_INPUT, err)
        self.assertIn("page_too_deep", err)
        self.assertIn("graphics-state saves", err)

    def test_huge_image_is_not_rendered_and_the_text_layer_is_read(self):
        pdf = self.make("huge-image", "image.pdf", "--side", "100000")
        code, result, err = extract(pdf, "--ocr", "auto")
        self.assertEqual(code, 0, err)
        self.assertIn("image_too_large:1", result["document"]["repairs"])
        self.assertTrue(result["mentions"], "the text layer's numbers")

    def test_huge_jbig2_image_is_not_rendered(self):
        pdf = self.make("jbig2", "jbig2.pdf", "--side", "40000")
        code, result, err = extract(pdf, "--ocr", "auto")
        self.assertEqual(code, 0, err)
        self.assertIn("image_too_large:1", result["document"]["repairs"])

    def test_a_jbig2_stream_declaring_more_than_its_dictionary_is_not_rendered(self):
        # The dictionary says 100 x 100; the stream's own segments declare 40000 x 40000, which
        # is what Poppler would allocate.
        pdf = self.make("jbig2", "jbig2-lying.pdf", "--side", "40000", "--dict-side", "100")
        code, result, err = extract(pdf, "--ocr", "always")
        self.assertEqual(code, 0, err)
        self.assertIn("image_too_large:1", result["document"]["repairs"])
        self.assertTrue(result["mentions"], "the text layer's numbers")

    def test_huge_page_under_ocr_always_keeps_its_text_layer_and_names_the_limit(self):
        # Issue 18 item 6: "Bogus memory allocation size", then "holds no text", before.
        pdf = self.make("huge-page", "page.pdf", "--points", "14400")
        code, result, err = extract(pdf, "--ocr", "always")
        self.assertEqual(code, 0, err)
        self.assertIn("ocr_page_too_large:1", result["document"]["repairs"])
        self.assertTrue(result["mentions"], "the text layer's numbers")

    def test_one_paragraph_text_extracts(self):
        text = self.make("paragraph", "paragraph.txt", "--mb", "0.5")
        code, result, err = extract(text)
        self.assertEqual(code, 0, err)
        self.assertGreater(len(result["facts"]), 100)

    def test_passed_deadline_is_its_own_exit_status_naming_file_and_limit(self):
        doc = ROOT / "corpus" / "docs" / "hong-bang-2026-plan.txt"
        code, _, err = extract(doc, "--max-seconds", "0.000001")
        self.assertEqual(code, EXIT_BUDGET, err)
        self.assertIn("hong-bang-2026-plan.txt", err)
        self.assertIn("timeout", err)
        self.assertIn("--max-seconds", err)

    def test_memory_ceiling_below_the_process_is_its_own_exit_status(self):
        doc = ROOT / "corpus" / "docs" / "hong-bang-2026-plan.txt"
        code, _, err = extract(doc, "--max-memory", "1K")
        self.assertEqual(code, EXIT_BUDGET, err)
        self.assertIn("over_memory", err)
        self.assertIn("--max-memory", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
