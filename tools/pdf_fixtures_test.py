#!/usr/bin/env python3
"""Tests for tools/make-pdf-fixtures and tools/make-edge-pdfs, and for the committed PDFs of
corpus/pdf/ and corpus/pdf-edge/. Needs Python and poppler-utils (pdfinfo, pdftotext), not
LibreOffice. Run: python3 tools/pdf_fixtures_test.py"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET
from collections import Counter
from importlib.machinery import SourceFileLoader
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
CORPUS = ROOT / "corpus"

fixtures = SourceFileLoader("make_pdf_fixtures", str(TOOLS / "make-pdf-fixtures")).load_module()
edge = SourceFileLoader("make_edge_pdfs", str(TOOLS / "make-edge-pdfs")).load_module()

HAVE_POPPLER = bool(shutil.which("pdftotext") and shutil.which("pdfinfo"))


def pdftotext(path, *args):
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def page_count(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(out.split("Pages:")[1].split()[0])


class TableConversionTest(unittest.TestCase):
    """Text to the intermediate document: tables keep the text's column structure."""

    def test_first_row_is_a_header_only_when_it_reads_as_one(self):
        self.assertEqual(fixtures.header_rows([["STT", "Nội dung", "Kết quả"], ["1", "a", "5%"]]), 1)
        self.assertEqual(fixtures.header_rows([["4", "Tỷ lệ hồ sơ", "100%"]]), 0)
        self.assertEqual(fixtures.header_rows([["", "phát triển khoa học", ""]]), 0)

    def test_header_continues_under_a_merged_heading_until_values_start(self):
        rows = [["STT", "Số văn bản đã ban hành", "", "Ghi chú"],
                ["", "Người đứng đầu ký", "Cấp phó ký", ""],
                ["1", "696", "1963", ""]]
        self.assertEqual(fixtures.header_rows(rows), 2)
        spans = fixtures.spans_for_header(rows, 2, 4)
        self.assertEqual(spans[0][0], (1, 2))   # STT spans down over the empty cell below
        self.assertEqual(spans[0][1], (2, 1))   # the heading spans its two sub-headings
        self.assertIsNone(spans[0][2])
        self.assertEqual(spans[1][1], (1, 1))
        self.assertEqual(spans[0][3], (1, 2))

    def test_a_row_of_values_after_a_gap_is_body(self):
        rows = [["STT", "Số TTHC", ""], ["", "Cấp tỉnh", "Cấp xã"], ["", "1752", "358"]]
        self.assertEqual(fixtures.header_rows(rows), 2)

    def test_every_run_of_tab_lines_becomes_one_table_with_its_columns(self):
        text = ("BÁO CÁO\n\nSTT\tNội dung\tKết quả\n1\tTỷ lệ **hồ sơ**\t$\\geq 80\\%$\n\n"
                "Đoạn văn <https://x.gov.vn> với **chữ đậm**.\n2\tMột\tHai\tBa\n")
        root = ET.fromstring(fixtures.text_to_fodt(text, "t"))
        ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
              "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
        tables = root.findall(".//table:table", ns)
        self.assertEqual(len(tables), 2)
        self.assertEqual([len(t.findall("table:table-column", ns)) for t in tables], [3, 4])
        cells = ["".join(c.itertext()) for c in tables[0].iter(f"{{{ns['table']}}}table-cell")]
        self.assertEqual(cells, ["STT", "Nội dung", "Kết quả", "1", "Tỷ lệ hồ sơ", "≥ 80%"])
        body = "".join(root.find(".//office:text", {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}).itertext())
        self.assertIn("Đoạn văn https://x.gov.vn với chữ đậm.", body)
        self.assertNotIn("**", body)

    def test_columns_are_never_narrower_than_their_longest_word(self):
        rows = [["STT", "x" * 200], ["1", "y"]]
        widths = fixtures.column_widths(rows, 2, 10)
        self.assertAlmostEqual(sum(widths), fixtures.TEXT_WIDTH_CM, places=3)
        self.assertGreater(widths[0], 3 * 0.55 * 10 * 0.0353)


@unittest.skipUnless(HAVE_POPPLER, "poppler-utils not installed")
class CommittedFixturesTest(unittest.TestCase):

    def test_every_corpus_document_has_a_small_pdf(self):
        for txt in sorted((CORPUS / "docs").glob("*.txt")):
            pdf = CORPUS / "pdf" / f"{txt.stem}.pdf"
            self.assertTrue(pdf.is_file(), pdf)
            self.assertLess(pdf.stat().st_size, 1 << 20, pdf)
            self.assertGreater(page_count(pdf), 1, pdf)

    def test_pdf_text_carries_every_number_of_the_document(self):
        # Each token with a digit (values, dates, document numbers) is printed as many times as
        # the text has it; a token broken at a line-end hyphen ("57-" / "NQ/TW") counts joined.
        for txt in sorted((CORPUS / "docs").glob("*.txt")):
            text = fixtures.clean_debris(txt.read_text(encoding="utf-8")).replace("**", "")
            want = Counter(t for t in text.split() if any(c.isdigit() for c in t))
            tokens = pdftotext(CORPUS / "pdf" / f"{txt.stem}.pdf", "-raw").split()
            have = Counter(tokens)
            have.update(a + b for a, b in zip(tokens, tokens[1:]) if a.endswith("-"))
            missing = {t: n - have[t] for t, n in want.items() if have[t] < n}
            self.assertEqual(missing, {}, txt.name)

    def test_fixtures_claim_a_fixed_creation_date(self):
        for pdf in sorted((CORPUS / "pdf").glob("*.pdf")):
            info = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True).stdout
            self.assertIn("2026-01-01T00:00:00", info, pdf)


class LegacyEncodingTest(unittest.TestCase):

    def test_tcvn3_bytes_read_as_the_familiar_mojibake_in_winansi(self):
        self.assertEqual(edge.tcvn3("Công văn").decode("cp1252"), "C«ng v¨n")
        self.assertEqual(edge.tcvn3("Việt Nam đồng").decode("cp1252"), "ViÖt Nam ®ång")
        self.assertEqual(edge.tcvn3("Người").decode("latin-1"), "Ng\xadêi")

    def test_tcvn3_capitals_font_uses_lowercase_codes(self):
        self.assertEqual(edge.tcvn3("BÁO CÁO", capitals_font=True).decode("cp1252"), "B¸O C¸O")

    def test_tcvn3_refuses_what_the_body_font_cannot_draw(self):
        with self.assertRaises(ValueError):
            edge.tcvn3("Ủy ban")

    def test_vni_is_a_base_letter_then_a_mark(self):
        self.assertEqual(edge.vni("Công văn").decode("cp1252"), "Coâng vaên")
        self.assertEqual(edge.vni("Người Việt").decode("cp1252"), "Ngöôøi Vieät")
        self.assertEqual(edge.vni("Nghị quyết đồng").decode("cp1252"), "Nghò quyeát ñoàng")
        self.assertEqual(edge.vni("BÁO CÁO").decode("cp1252"), "BAÙO CAÙO")

    def test_every_character_of_the_legacy_document_is_encodable(self):
        for line in edge.LEGACY_TEXT.splitlines():
            caps = line.startswith("#")
            edge.tcvn3(line.lstrip("#"), capitals_font=caps)
            edge.vni(line.lstrip("#"))


@unittest.skipUnless(HAVE_POPPLER, "poppler-utils not installed")
class EdgePdfsTest(unittest.TestCase):
    EDGE = CORPUS / "pdf-edge"

    def expected(self):
        return json.loads((self.EDGE / "expected.json").read_text(encoding="utf-8"))["files"]

    def test_every_edge_file_has_an_expectation_and_a_readme_entry(self):
        readme = (self.EDGE / "README.md").read_text(encoding="utf-8")
        expected = self.expected()
        pdfs = {p.name for p in self.EDGE.glob("*.pdf")}
        committed = {name for name, e in expected.items() if not e.get("generated")}
        self.assertEqual(pdfs, committed)
        for name in expected:
            self.assertIn(f"`{name}`", readme)
        for e in expected.values():
            if e.get("agrees_with"):
                self.assertTrue((self.EDGE / e["agrees_with"]).is_file(), e["agrees_with"])

    def test_committed_edge_files_stay_small(self):
        sizes = {p.name: p.stat().st_size for p in self.EDGE.iterdir()}
        self.assertLess(max(sizes.values()), 512 << 10, sizes)
        self.assertLess(sum(sizes.values()), 2 << 20)

    def test_hand_written_files_rebuild_byte_for_byte(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            for name in ("tcvn3", "vni", "zero-pages", "not-a-pdf", "legacy-source"):
                edge.MAKERS[name](out, tmp)
            for f in out.iterdir():
                self.assertEqual(f.read_bytes(), (self.EDGE / f.name).read_bytes(), f.name)

    def test_legacy_pdfs_extract_as_mojibake_not_unicode(self):
        # What a reader that ignores the font names gets: the engine must do better.
        self.assertIn("KÕt qu¶ thùc hiÖn NghÞ quyÕt", pdftotext(self.EDGE / "tcvn3.pdf"))
        self.assertIn("Keát quaû thöïc hieän Nghò quyeát", pdftotext(self.EDGE / "vni.pdf"))

    def test_bad_files_are_bad_for_poppler_too(self):
        for name in ("truncated.pdf", "not-a-pdf.pdf", "zero-pages.pdf", "broken-page-tree.pdf",
                     "encrypted.pdf"):
            run = subprocess.run(["pdftotext", str(self.EDGE / name), "-"], capture_output=True)
            self.assertNotEqual(run.returncode, 0, name)
        self.assertIn("Hồng Bàng", pdftotext(self.EDGE / "bad-xref.pdf"))
        self.assertIn("Hồng Bàng", pdftotext(self.EDGE / "encrypted.pdf", "-upw", "baocao"))

    def test_image_page_has_no_text_between_text_pages(self):
        pdf = self.EDGE / "image-page.pdf"
        self.assertEqual(page_count(pdf), 3)
        self.assertEqual(pdftotext(pdf, "-f", "2", "-l", "2").strip(), "")
        self.assertTrue(pdftotext(pdf, "-f", "3", "-l", "3").strip())
        self.assertEqual(pdftotext(self.EDGE / "scan-only.pdf").strip(), "")

    def test_long_pdf_is_generated_quickly_with_every_page(self):
        with tempfile.TemporaryDirectory() as tmp:
            began = time.monotonic()
            path = edge.make_big(tmp, 5000)
            elapsed = time.monotonic() - began
            self.assertEqual(page_count(path), 5000)
            last = pdftotext(path, "-f", "5000", "-l", "5000")
            self.assertIn("Trang 5000/5000", last)
            self.assertIn("Kết quả thực hiện Nghị quyết số 57-NQ/TW", last)
            # the pages of one run are numbered, not copied: page 1234 says so
            self.assertIn("tổ dân phố số 1234", pdftotext(path, "-f", "1234", "-l", "1234"))
        print(f"\n  5,000-page PDF generated in {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
