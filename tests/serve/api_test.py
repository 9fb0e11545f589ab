#!/usr/bin/env python3
"""The HTTP API of `baocao serve` (docs/SERVE.md), end to end: a real server on a free loopback
port with a temporary store and token file; every endpoint and every error status, and what
must NOT happen (a refused upload stores nothing, a file name never becomes a path, a report
holding <script> is served as data)."""
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import BINARY, CORPUS, Server, multipart, wait_until  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "tools"))
import output_schema  # noqa: E402

DOCS = os.path.join(CORPUS, "docs")
MAX_UPLOAD = 1 << 20   # the test server's --max-upload


def read(path):
    with open(path, "rb") as f:
        return f.read()


def count_documents(server):
    status, body = server.get_json("/api/documents?limit=1")
    assert status == 200, body
    return body["total"]


INJECTION = ("ỦY BAN NHÂN DÂN\nPHƯỜNG THỬ NGHIỆM\nSố: 1/BC-UBND\n\nBÁO CÁO\n"
             "Kết quả <script>window.__pwned = 1; alert('x')</script> thực hiện Nghị quyết số 57-NQ/TW\n"
             "<img src=x onerror=\"window.__pwned = 2\">\n"
             "Tỷ lệ hồ sơ trực tuyến đạt 86,98% năm 2025; tổng số 377 thủ tục hành chính.\n").encode()


class ServeApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("-j", "2", "--max-upload", str(MAX_UPLOAD))

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        if status != 0:
            print(cls.server.log(), file=sys.stderr)
        assert status == 0, f"serve exited with {status} on SIGTERM"

    def error_of(self, raw):
        body = json.loads(raw) if isinstance(raw, (bytes, str)) else raw
        self.assertIsInstance(body, dict)
        self.assertEqual(set(body), {"error"})
        self.assertTrue(body["error"]["code"])
        self.assertTrue(body["error"]["message"])
        return body["error"]["code"]

    # ---- the page -------------------------------------------------------------------------------

    def test_page_and_its_files_are_served_with_a_strict_policy(self):
        status, headers, body = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn("script-src 'self'", headers["content-security-policy"])
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        text = body.decode()
        self.assertIn('lang="vi"', text)
        for asset in ("app.js", "app.css"):
            self.assertIn(asset, text)
            status, headers, _ = self.server.request("GET", "/" + asset)
            self.assertEqual(status, 200, asset)
        self.assertNotIn("http://", text.replace("http://www.w3.org", ""))   # nothing from the network

    def test_pdfjs_is_served_from_its_package_and_nothing_else_of_the_disk(self):
        if not os.path.exists("/usr/share/javascript/pdf/build/pdf.js"):
            self.skipTest("libjs-pdf is not installed")
        self.assertTrue(self.server.get_json("/api/status")[1]["page_images"])
        status, headers, body = self.server.request("GET", "/vendor/pdfjs/build/pdf.js")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/javascript"))
        with open("/usr/share/javascript/pdf/build/pdf.js", "rb") as f:
            self.assertEqual(body, f.read())
        self.assertEqual(self.server.request("GET", "/vendor/pdfjs/web/cmaps/78-H.bcmap")[0], 200)
        for path in ("/vendor/pdfjs/web/viewer.js", "/vendor/pdfjs/build/../../../../etc/passwd",
                     "/vendor/pdfjs/build/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/vendor/pdfjs/build/.hidden",
                     "/vendor/pdfjs/build/no-such-file.js"):
            self.assertEqual(self.server.request("GET", path)[0], 404, path)

    # ---- uploads --------------------------------------------------------------------------------

    def test_upload_stores_and_a_second_identical_upload_is_a_no_op(self):
        data = read(os.path.join(DOCS, "chi-linh-2026-01-report.txt"))
        status, body = self.server.upload("chi-linh-2026-01-report.txt", data)
        self.assertIn(status, (200, 201), body)   # 200 when another test stored it first
        self.assertEqual(body["path"], "upload/chi-linh-2026-01-report.txt")
        self.assertEqual(body["sha256"], hashlib.sha256(data).hexdigest())
        self.assertEqual(body["meta"]["ward"], "Chí Linh")
        self.assertEqual(body["meta"]["kind"], "report")
        self.assertGreater(body["flag_count"], 0)
        again_status, again = self.server.upload("chi-linh-2026-01-report.txt", data)
        self.assertEqual(again_status, 200)
        self.assertEqual(again["outcome"], "unchanged")
        self.assertEqual(again["id"], body["id"])

    def test_a_raw_body_upload_takes_its_name_from_the_query(self):
        data = read(os.path.join(DOCS, "hong-bang-2026-plan.txt"))
        status, body = self.server.upload_raw(data, name="hồng bàng/kế hoạch 2026.txt")
        self.assertIn(status, (200, 201), body)
        self.assertEqual(body["path"], "upload/kế hoạch 2026.txt")
        self.assertEqual(body["meta"]["kind"], "plan")

    def test_same_name_with_other_content_is_stored_beside_never_in_place(self):
        # Two wards' "bao-cao.txt": the second must not take the place of the first.
        first = INJECTION.replace(b"86,98%", b"80%")
        status, a = self.server.upload("same-name.txt", first)
        self.assertEqual(status, 201, a)
        status, b = self.server.upload("same-name.txt", INJECTION)
        self.assertEqual(status, 201, b)
        self.assertEqual((b["outcome"], b["name"], b["renamed"]), ("added", "same-name (2).txt", True))
        self.assertNotEqual(a["id"], b["id"])
        _, listing = self.server.get_json("/api/documents?q=same-name&limit=10")
        self.assertEqual(sorted(d["sha256"] for d in listing["documents"]),
                         sorted([hashlib.sha256(first).hexdigest(), hashlib.sha256(INJECTION).hexdigest()]))
        # Either file sent again is found where it is, unchanged.
        status, again = self.server.upload("same-name.txt", INJECTION)
        self.assertEqual((status, again["outcome"], again["id"]), (200, "unchanged", b["id"]))

    def test_replace_is_asked_for_and_then_takes_the_names_place(self):
        first = INJECTION.replace(b"86,98%", b"80%")
        status, a = self.server.upload("replace-me.txt", first)
        self.assertEqual(status, 201, a)
        body, ctype = multipart("file", "replace-me.txt", INJECTION, "text/plain")
        headers = {"Content-Type": ctype, **self.server.auth(None)}
        status, _, raw = self.server.request("POST", "/api/documents?replace=1", body=body, headers=headers)
        b = json.loads(raw)
        self.assertEqual((status, b["outcome"], b["name"], b["renamed"]), (201, "replaced", "replace-me.txt", False))
        _, listing = self.server.get_json("/api/documents?q=replace-me&limit=10")
        self.assertEqual([d["sha256"] for d in listing["documents"]], [hashlib.sha256(INJECTION).hexdigest()])

    def test_an_upload_is_stored_exactly_as_ingest_stores_the_file(self):
        path = os.path.join(DOCS, "trung-thanh-2026-06-report.txt")
        status, body = self.server.upload("trung-thanh-2026-06-report.txt", read(path))
        self.assertIn(status, (200, 201), body)
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "ingest.sqlite")
            subprocess.run([BINARY, "ingest", "-q", "--db", db, path], check=True, capture_output=True)
            with sqlite3.connect(db) as ingest:
                ingested = json.loads(ingest.execute("SELECT extraction FROM documents").fetchone()[0])
                ingest_counts = ingest.execute(
                    "SELECT (SELECT count(*) FROM facts), (SELECT count(*) FROM flags), (SELECT count(*) FROM mentions)"
                ).fetchone()
        served = json.loads(self.server.request("GET", f"/api/documents/{body['id']}")[2])
        self.assertEqual(served["document"].pop("path"), "upload/trung-thanh-2026-06-report.txt")
        ingested["document"].pop("path")
        self.assertEqual(served, ingested)
        with sqlite3.connect(f"file:{self.server.db}?mode=ro", uri=True) as store:
            counts = store.execute(
                "SELECT (SELECT count(*) FROM facts WHERE document_id = ?1), (SELECT count(*) FROM flags WHERE document_id = ?1),"
                " (SELECT count(*) FROM mentions WHERE document_id = ?1)", (body["id"],)).fetchone()
        self.assertEqual(counts, ingest_counts)

    def test_a_pdf_is_read_by_content_and_its_pages_are_served(self):
        data = read(os.path.join(CORPUS, "pdf", "hong-bang-2026-plan.pdf"))
        status, body = self.server.upload("kế hoạch.PDF", data, content_type="application/pdf")
        self.assertIn(status, (200, 201), body)
        self.assertEqual(body["format"], "pdf")
        status, headers, source = self.server.request("GET", f"/api/documents/{body['id']}/source")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertEqual(source, data)
        status, pages = self.server.get_json(f"/api/documents/{body['id']}/pages")
        self.assertEqual(status, 200, pages)
        texts = {p["number"]: p["text"].encode() for p in pages["pages"]}
        extraction = json.loads(self.server.request("GET", f"/api/documents/{body['id']}")[2])
        self.assertTrue(extraction["facts"])
        for fact in extraction["facts"]:
            span = fact["span"]
            self.assertIsNotNone(span["page"])
            self.assertEqual(texts[span["page"]][span["start"]:span["end"]].decode(), span["text"])
        # A text document has no pages: its source is its text.
        _, text_doc = self.server.upload("pages-of-text.txt", INJECTION)
        self.assertEqual(self.server.request("GET", f"/api/documents/{text_doc['id']}/pages")[0], 404)

    # ---- refusals -------------------------------------------------------------------------------

    def test_uploads_need_a_valid_token_and_a_refusal_stores_nothing(self):
        before = count_documents(self.server)
        data = read(os.path.join(DOCS, "ba-ngoi-2026-plan.txt"))
        for token, why in ((False, "no token"), ("not-a-token-of-this-server", "wrong token"),
                           (self.server.token + "x", "a longer token"), (self.server.token[:-1], "a prefix")):
            with self.subTest(why):
                status, body = self.server.upload("ba-ngoi-refused.txt", data, token=token)
                self.assertEqual(status, 401)
                self.assertEqual(self.error_of(body), "unauthorized")
        status, headers, _ = self.server.request("POST", "/api/documents", body=b"x",
                                                 headers={"Authorization": "Basic dXNlcjpwYXNz"})
        self.assertEqual(status, 401)
        self.assertIn("Bearer", headers["www-authenticate"])
        self.assertEqual(count_documents(self.server), before)
        _, listing = self.server.get_json("/api/documents?q=ba-ngoi-refused")
        self.assertEqual(listing["total"], 0)

    def test_an_oversized_body_is_refused_from_its_length_before_it_is_sent(self):
        before = count_documents(self.server)
        # Only the headers go out: the answer must come without the body.
        with socket.create_connection((self.server.host, self.server.port), timeout=10) as s:
            s.sendall((f"POST /api/documents?name=big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                       f"Authorization: Bearer {self.server.token}\r\nContent-Length: {50 << 30}\r\n\r\n").encode())
            s.sendall(b"x" * 1000)
            response = b""
            while b"\r\n\r\n" not in response or not response.rstrip().endswith(b"}"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                response += chunk
        self.assertTrue(response.startswith(b"HTTP/1.1 413"), response[:200])
        self.assertEqual(self.error_of(response.split(b"\r\n\r\n", 1)[1]), "too_large")
        self.assertEqual(count_documents(self.server), before)

    def test_an_oversized_body_without_a_length_is_cut_off_at_the_limit(self):
        before = count_documents(self.server)
        # Kernel buffers hold a few MiB between the two ends; 32 MiB cannot all be sent unless the
        # server goes on reading, so the connection must break before.
        budget = 32 << 20
        with socket.create_connection((self.server.host, self.server.port), timeout=20) as s:
            s.sendall((f"POST /api/documents?name=chunked.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                       f"Authorization: Bearer {self.server.token}\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
            chunk = b"a" * 65536
            sent, cut = 0, False
            try:
                while sent < budget:
                    s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                cut = True
            response = b""
            try:
                while True:
                    part = s.recv(65536)
                    if not part:
                        break
                    response += part
            except (ConnectionResetError, TimeoutError):
                pass
        self.assertTrue(cut, f"the server read all {sent} bytes of a body over --max-upload ({MAX_UPLOAD})")
        if response:   # a reset may swallow the answer; when it arrives it is a 413
            self.assertTrue(response.startswith(b"HTTP/1.1 413"), response[:200])
        self.assertEqual(count_documents(self.server), before)

    def test_a_file_over_the_limit_inside_a_form_is_refused(self):
        before = count_documents(self.server)
        status, body = self.server.upload("big.txt", b"a" * (MAX_UPLOAD + 1))
        self.assertEqual(status, 413)
        self.assertEqual(self.error_of(body), "too_large")
        status, body = self.server.upload_raw(b"a" * (MAX_UPLOAD + 1), name="big.txt")
        self.assertEqual(status, 413)
        self.assertEqual(count_documents(self.server), before)

    def test_a_file_named_pdf_that_is_not_one_is_refused_as_unsupported(self):
        before = count_documents(self.server)
        status, body = self.server.upload("not-a-pdf.pdf", read(os.path.join(CORPUS, "pdf-edge", "not-a-pdf.pdf")))
        self.assertEqual(status, 415)
        self.assertEqual(self.error_of(body), "unsupported_media_type")
        status, body = self.server.upload_raw(b"plain words", name="x.txt", content_type="application/pdf")
        self.assertEqual(status, 415)
        self.assertEqual(count_documents(self.server), before)

    def test_a_word_document_is_served_back_as_word(self):
        # Issue 20: the source of a .docx is its own bytes with Word's type, never text/plain.
        data = read(os.path.join(CORPUS, "docx", "hong-bang-2026-plan.docx"))
        status, body = self.server.upload("kế hoạch.docx", data)
        self.assertIn(status, (200, 201), body)
        self.assertEqual(body["format"], "docx")
        status, headers, source = self.server.request("GET", f"/api/documents/{body['id']}/source")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"],
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        self.assertEqual(source, data)

    @unittest.skipUnless(shutil.which("soffice"), "LibreOffice is not installed")
    def test_a_converted_documents_text_is_kept_at_upload_so_no_read_converts_it(self):
        # Issue 20 with issue 18: an RTF's text comes from LibreOffice; it is kept with the
        # document when it is stored, and the pages view reads it from the store.
        rtf = (b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 "
               b"UBND XA AN BINH\\par So: 12/BC-UBND\\par BAO CAO\\par Ty le dat 95%.\\par}")
        status, body = self.server.upload("bao-cao.rtf", rtf)
        self.assertIn(status, (200, 201), body)
        self.assertEqual(body["format"], "docx")
        with sqlite3.connect(f"file:{self.server.db}?mode=ro", uri=True) as store:
            kept = store.execute("SELECT text FROM document_pages WHERE document_id = ?", (body["id"],)).fetchall()
        self.assertEqual(len(kept), 1)
        self.assertIn("Ty le dat 95%.", kept[0][0])
        status, pages = self.server.get_json(f"/api/documents/{body['id']}/pages")
        self.assertEqual(status, 200, pages)
        self.assertEqual([(p["number"], p["text"]) for p in pages["pages"]], [(None, kept[0][0])])
        status, headers, _ = self.server.request("GET", f"/api/documents/{body['id']}/source")
        self.assertEqual(headers["content-type"], "application/rtf")

    def test_binary_files_and_other_media_types_are_refused(self):
        before = count_documents(self.server)
        gif = b"GIF89a" + bytes(range(256)) * 4
        status, body = self.server.upload("scan.gif", gif)
        self.assertEqual(status, 415)
        # An image is read by OCR (issue 20): one whose header declares a page of 134 million
        # million pixels is refused before it is decoded.
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
        status, body = self.server.upload("scan.png", png)
        self.assertEqual(status, 413)
        self.assertEqual(self.error_of(body), "too_large")
        status, body = self.server.upload("report.docx", b"PK\x03\x04" + b"\0" * 200)
        self.assertEqual(status, 422)   # read as Word (issue 20): a damaged zip
        self.assertEqual(self.error_of(body), "corrupt")
        status, body = self.server.upload("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 1024)
        if shutil.which("soffice"):   # converted by LibreOffice (issue 20), which cannot read it
            self.assertEqual(status, 422)
            self.assertEqual(self.error_of(body), "corrupt")
        else:
            self.assertEqual(status, 415)
            self.assertEqual(self.error_of(body), "needs_converter")
        status, body = self.server.upload("nul.txt", b"abc\0def" * 100)
        self.assertEqual(status, 415)
        self.assertEqual(self.error_of(body), "binary")
        status, body = self.server.upload_raw(b"{}", name="x.json", content_type="application/json")
        self.assertEqual(status, 415)
        self.assertEqual(count_documents(self.server), before)
        with sqlite3.connect(f"file:{self.server.db}?mode=ro", uri=True) as store:
            self.assertIsNone(store.execute("SELECT code FROM errors WHERE path = 'upload/nul.txt'").fetchone())

    def test_a_foreign_host_name_is_refused_on_loopback(self):
        # DNS rebinding: a page served as attacker.example that resolves to 127.0.0.1.
        for path in ("/api/documents", "/"):
            status, _, raw = self.server.request("GET", path, headers={"Host": "attacker.example:8080"})
            self.assertEqual(status, 403, path)
            self.assertEqual(self.error_of(raw), "forbidden_host")
        for host in (f"localhost:{self.server.port}", f"127.0.0.1:{self.server.port}", "LOCALHOST"):
            self.assertEqual(self.server.request("GET", "/api/status", headers={"Host": host})[0], 200, host)

    def test_a_rebinding_page_that_claims_a_proxy_still_needs_a_token(self):
        # Issue 21: a request with X-Forwarded-For from a loopback peer is taken as proxied, and
        # a proxied request needs a token to read, whatever its Host: a rebinding page that adds
        # the header gets nothing more.
        headers = {"Host": "attacker.example:8080", "X-Forwarded-For": "203.0.113.7"}
        status, _, raw = self.server.request("GET", "/api/documents", headers=headers)
        self.assertEqual((status, self.error_of(raw)), (401, "unauthorized"))
        status, _, _ = self.server.request("GET", "/api/documents", headers={**headers, **self.server.auth()})
        self.assertEqual(status, 200)

    # ---- health (issue 21) ------------------------------------------------------------------------

    def test_healthz_answers_ok_with_the_document_count_and_no_token(self):
        status, headers, raw = self.server.request("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        body = json.loads(raw)
        self.assertEqual(body["status"], "ok")
        self.assertEqual(body["documents"], count_documents(self.server))

    def test_a_truncated_pdf_is_unprocessable_and_recorded_as_an_error(self):
        before = count_documents(self.server)
        data = read(os.path.join(CORPUS, "pdf-edge", "truncated.pdf"))
        status, body = self.server.upload("truncated.pdf", data)
        self.assertEqual(status, 422)
        self.assertEqual(self.error_of(body), "corrupt")
        self.assertEqual(count_documents(self.server), before)
        with sqlite3.connect(f"file:{self.server.db}?mode=ro", uri=True) as store:
            row = store.execute("SELECT code, sha256 FROM errors WHERE path = 'upload/truncated.pdf'").fetchone()
        self.assertEqual(row, ("corrupt", hashlib.sha256(data).hexdigest()))

    def test_an_empty_file_is_unprocessable(self):
        status, body = self.server.upload("empty.txt", b"")
        self.assertEqual(status, 422)
        self.assertEqual(self.error_of(body), "empty")

    def test_a_path_in_the_file_name_never_becomes_a_path(self):
        cases = {"../../etc/passwd": "passwd", "..\\..\\Windows\\system.ini.txt": "system.ini.txt",
                 "/abs/olute/báo cáo.txt": "báo cáo.txt", "..": "document", "a/../../b<script>.txt": "b_script_.txt",
                 ".hidden.txt": "hidden.txt", "ca\u0301c bước.txt": "các bước.txt"}
        for client_name, safe in cases.items():
            with self.subTest(client_name):
                status, body = self.server.upload(client_name, INJECTION.replace(b"377", str(len(safe)).encode()))
                self.assertIn(status, (200, 201), body)
                self.assertEqual(body["path"], "upload/" + safe)
                status, headers, _ = self.server.request("GET", f"/api/documents/{body['id']}/source")
                disposition = headers["content-disposition"]
                self.assertNotIn("/", disposition.split("filename*=")[0])
                self.assertNotIn("..", disposition)
        self.assertFalse(os.path.exists(os.path.join(self.server.folder, "passwd")))

    def test_a_report_holding_markup_is_served_as_data(self):
        status, body = self.server.upload("injection.txt", INJECTION)
        self.assertIn(status, (200, 201), body)
        status, headers, raw = self.server.request("GET", f"/api/documents/{body['id']}")
        self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
        json.loads(raw)   # the markup sits inside JSON strings
        status, headers, source = self.server.request("GET", f"/api/documents/{body['id']}/source")
        self.assertEqual(source, INJECTION)
        self.assertTrue(headers["content-type"].startswith("text/plain"))
        self.assertIn("sandbox", headers["content-security-policy"])
        self.assertEqual(headers["x-content-type-options"], "nosniff")

    def test_malformed_requests_get_400(self):
        body, ctype = multipart("not-file", "x.txt", b"hello")
        status, _, raw = self.server.request("POST", "/api/documents", body=body,
                                             headers={"Content-Type": ctype, **self.server.auth()})
        self.assertEqual(status, 400)
        self.assertEqual(self.error_of(raw), "bad_request")
        status, _, raw = self.server.request("POST", "/api/documents", body=b"--nothing\r\nbroken",
                                             headers={"Content-Type": "multipart/form-data; boundary=zzz", **self.server.auth()})
        self.assertEqual(status, 400)
        for query in ("limit=0", "limit=abc", "limit=5000", "offset=-1"):
            with self.subTest(query):
                status, _, raw = self.server.request("GET", "/api/documents?" + query)
                self.assertEqual(status, 400)
                self.assertEqual(self.error_of(raw), "bad_request")
        self.assertEqual(self.server.request("GET", "/api/flags?severity=fatal")[0], 400)
        self.assertEqual(self.server.request("GET", "/api/compare?indicator=no.such_indicator")[0], 400)

    # ---- reads ----------------------------------------------------------------------------------

    def upload_corpus(self):
        ids = {}
        for name in sorted(os.listdir(DOCS)):
            status, body = self.server.upload(name, read(os.path.join(DOCS, name)))
            self.assertIn(status, (200, 201), body)
            ids[name] = body["id"]
        return ids

    def test_documents_list_filters_and_pages(self):
        ids = self.upload_corpus()
        status, listing = self.server.get_json("/api/documents?kind=report&q=2026&limit=100")
        self.assertEqual(status, 200)
        names = {d["name"] for d in listing["documents"]}
        self.assertIn("chi-linh-2026-01-report.txt", names)
        self.assertNotIn("hong-bang-2026-plan.txt", names)
        self.assertTrue(all(d["kind"] == "report" for d in listing["documents"]))
        _, by_ward = self.server.get_json("/api/documents?ward=Ch%C3%AD%20Linh")
        self.assertGreaterEqual(by_ward["total"], 1)
        self.assertTrue(all(d["ward"] == "Chí Linh" for d in by_ward["documents"]))
        _, by_date = self.server.get_json("/api/documents?date=2026-01")
        self.assertTrue(by_date["documents"] and all(d["date"].startswith("2026-01") for d in by_date["documents"]))
        _, by_period = self.server.get_json("/api/documents?period=2025&limit=100")
        self.assertIn(ids["chi-linh-2026-01-report.txt"], {d["id"] for d in by_period["documents"]})
        _, everything = self.server.get_json("/api/documents?limit=1000")
        paths = [d["path"] for d in everything["documents"]]
        self.assertEqual(paths, sorted(paths))
        self.assertEqual(everything["total"], len(paths))
        _, page = self.server.get_json("/api/documents?limit=2&offset=1")
        self.assertEqual(page["total"], everything["total"])
        self.assertEqual([d["path"] for d in page["documents"]], paths[1:3])
        self.assertEqual((page["limit"], page["offset"]), (2, 1))

    def test_document_json_is_the_extraction(self):
        ids = self.upload_corpus()
        status, doc = self.server.get_json(f"/api/documents/{ids['chi-linh-2026-01-report.txt']}")
        self.assertEqual(status, 200)
        # The extraction read back from the store follows the contract as `extract` prints it.
        output_schema.check(doc, where="GET /api/documents/ID")
        data = read(os.path.join(DOCS, "chi-linh-2026-01-report.txt"))
        for fact in doc["facts"]:
            span = fact["span"]
            self.assertEqual(data[span["start"]:span["end"]].decode(), span["text"])

    def test_source_is_the_original_bytes_with_a_safe_name(self):
        ids = self.upload_corpus()
        status, headers, body = self.server.request("GET", f"/api/documents/{ids['ba-ngoi-2026-plan.txt']}/source")
        self.assertEqual(status, 200)
        self.assertEqual(body, read(os.path.join(DOCS, "ba-ngoi-2026-plan.txt")))
        self.assertEqual(headers["content-type"], "text/plain; charset=utf-8")
        self.assertIn('filename="ba-ngoi-2026-plan.txt"', headers["content-disposition"])

    def test_missing_things_are_404_in_json(self):
        for method, path in (("GET", "/api/documents/999999"), ("GET", "/api/documents/999999/source"),
                             ("GET", "/api/documents/999999/pages"), ("GET", "/api/nothing-here"),
                             ("GET", "/no-such-page.js"), ("GET", "/api/documents/99999999999999999999999")):
            with self.subTest(path):
                status, headers, raw = self.server.request(method, path)
                self.assertEqual(status, 404)
                self.assertEqual(self.error_of(raw), "not_found")
        status, _, raw = self.server.request("DELETE", "/api/documents/999999", headers=self.server.auth())
        self.assertEqual(status, 404)

    def test_delete_needs_a_token_and_removes_every_row(self):
        status, body = self.server.upload("delete-me.txt", INJECTION.replace(b"86,98", b"12,5"))
        self.assertEqual(status, 201, body)
        doc = body["id"]
        status, _, raw = self.server.request("DELETE", f"/api/documents/{doc}")
        self.assertEqual(status, 401)
        status, _, raw = self.server.request("DELETE", f"/api/documents/{doc}", headers=self.server.auth("wrong-token-000000"))
        self.assertEqual(status, 401)
        status, _, raw = self.server.request("DELETE", f"/api/documents/{doc}", headers=self.server.auth())
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(raw), {"deleted": doc})
        self.assertEqual(self.server.request("GET", f"/api/documents/{doc}")[0], 404)
        with sqlite3.connect(f"file:{self.server.db}?mode=ro", uri=True) as store:
            self.assertEqual(store.execute("SELECT count(*) FROM facts WHERE document_id = ?", (doc,)).fetchone()[0], 0)
            self.assertEqual(store.execute("SELECT count(*) FROM mentions WHERE document_id = ?", (doc,)).fetchone()[0], 0)

    def test_flags_filter_by_kind_severity_ward_and_document(self):
        ids = self.upload_corpus()
        status, errors = self.server.get_json("/api/flags?severity=error&limit=1000")
        self.assertEqual(status, 200)
        self.assertGreater(errors["total"], 0)
        self.assertTrue(all(f["severity"] == "error" for f in errors["flags"]))
        _, sums = self.server.get_json("/api/flags?kind=sum_mismatch")
        self.assertTrue(sums["flags"] and all(f["kind"] == "sum_mismatch" for f in sums["flags"]))
        flag = sums["flags"][0]
        for key in ("document_id", "path", "ward", "indicators", "stated", "computed", "explanation", "evidence"):
            self.assertIn(key, flag)
        self.assertTrue(flag["evidence"][0]["text"])
        _, ward = self.server.get_json("/api/flags?ward=Ch%C3%AD%20Linh&limit=1000")
        self.assertTrue(ward["flags"] and all(f["ward"] == "Chí Linh" for f in ward["flags"]))
        doc = ids["chi-linh-2026-01-report.txt"]
        _, one = self.server.get_json(f"/api/flags?document={doc}&limit=1000")
        stored = json.loads(self.server.request("GET", f"/api/documents/{doc}")[2])
        self.assertEqual(one["total"], len(stored["flags"]))
        _, page = self.server.get_json(f"/api/flags?document={doc}&limit=2&offset=1")
        self.assertEqual([f["id"] for f in page["flags"]], [f["id"] for f in one["flags"][1:3]])
        # By the year of the document's date, with the years as a facet.
        _, years = self.server.get_json("/api/flags?facets=1&limit=1000")
        by_year = {f["value"]: f["count"] for f in years["facets"]["year"]}
        self.assertIn("2026", by_year)
        _, in_2026 = self.server.get_json("/api/flags?year=2026&limit=1000")
        self.assertEqual(in_2026["total"], by_year["2026"])
        dated = {d["id"]: (d.get("date") or "")[:4] for d in self.server.get_json("/api/documents?limit=1000")[1]["documents"]}
        self.assertTrue(all(dated[f["document_id"]] == "2026" for f in in_2026["flags"]))
        status, corpus = self.server.get_json("/api/flags?scope=corpus")
        self.assertEqual(status, 200)
        self.assertEqual(corpus["scope"], "corpus")
        self.assertIsInstance(corpus["flags"], list)

    def test_compare_returns_the_comparison_of_the_wards(self):
        self.upload_corpus()
        status, headers, raw = self.server.request("GET", "/api/compare")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        comparison = json.loads(raw)
        self.assertIn("periods", comparison)
        self.assertTrue(comparison["periods"])
        period = comparison["periods"][0]["period"]
        status, one = self.server.get_json("/api/compare?period=" + period)
        self.assertEqual(status, 200)
        self.assertEqual([p["period"] for p in one["periods"]], [period])

    def test_export_csv_is_rfc4180_facts_with_their_documents(self):
        ids = self.upload_corpus()
        status, headers, raw = self.server.request("GET", "/api/export.csv")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/csv"))
        text = raw.decode("utf-8")
        self.assertTrue(text.endswith("\r\n"))
        self.assertNotIn("\n", text.replace("\r\n", "").replace('"\n', "").split('"')[0])
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        self.assertEqual(list(rows[0].keys())[:6], ["document_id", "path", "ward", "province", "kind", "document_date"])
        doc = ids["chi-linh-2026-01-report.txt"]
        stored = json.loads(self.server.request("GET", f"/api/documents/{doc}")[2])
        mine = [r for r in rows if r["document_id"] == str(doc)]
        self.assertEqual(len(mine), len(stored["facts"]))
        for row, fact in zip(mine, stored["facts"]):
            self.assertEqual(row["indicator"], fact["indicator"])
            self.assertEqual(row["label"], fact["label"])       # commas and quotes survive the quoting
            self.assertEqual(row["text"], fact["span"]["text"])
            self.assertEqual(row["path"], "upload/chi-linh-2026-01-report.txt")
            self.assertEqual(row["ward"], "Chí Linh")
            # Whose figure and of what kind, so a "toàn tỉnh" row is not read as the ward's.
            self.assertEqual(row["scope"], fact.get("scope", ""))
            self.assertEqual(json.loads(row["qualifiers"]) if row["qualifiers"] else [], fact.get("qualifiers", []))
            self.assertEqual(row["basis"], fact.get("basis", ""))
            if isinstance(fact["value"], bool):   # an assessment: Đạt / Không đạt
                self.assertEqual(row["assessment"], "true" if fact["value"] else "false")
            elif fact["value"] is not None:
                self.assertEqual(float(row["value"]), fact["value"])
        _, _, only = self.server.request("GET", "/api/export.csv?ward=Ch%C3%AD%20Linh&indicator=" + stored["facts"][0]["indicator"])
        only_rows = list(csv.DictReader(io.StringIO(only.decode(), newline="")))
        self.assertTrue(only_rows)
        self.assertTrue(all(r["ward"] == "Chí Linh" and r["indicator"] == stored["facts"][0]["indicator"] for r in only_rows))

    def test_lists_download_as_csv_and_xlsx_with_their_filters(self):
        with open(os.path.join(CORPUS, "docs", "chi-linh-2026-01-report.txt"), "rb") as f:
            status, body = self.server.upload("dl-chi-linh.txt", f.read())
        self.assertIn(status, (200, 201), body)
        errors = self.server.get_json(f"/api/flags?document={body['id']}&severity=error")[1]["flags"]
        self.assertTrue(errors)
        status, headers, data = self.server.request("GET", f"/api/flags.csv?document={body['id']}&severity=error")
        self.assertEqual(status, 200)
        self.assertIn("attachment", headers["content-disposition"])
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))   # Excel reads UTF-8 with its mark
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        self.assertEqual(rows[0][:7], ["id", "file", "ward", "province", "document_kind", "kind", "severity"])
        self.assertEqual(sorted(int(r[0]) for r in rows[1:]), sorted(f["id"] for f in errors))
        self.assertTrue(all(r[6] == "error" for r in rows[1:]))
        for what in ("documents", "flags", "reviews"):
            status, headers, data = self.server.request("GET", f"/api/{what}.xlsx")
            self.assertEqual(status, 200, what)
            self.assertIn("spreadsheetml", headers["content-type"])
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                self.assertIn("xl/worksheets/sheet1.xml", book.namelist())
                if what == "flags":
                    self.assertIn(errors[0]["explanation"].encode(), book.read("xl/sharedStrings.xml"))
        self.assertEqual(self.server.request("GET", "/api/flags.csv?severity=bad")[0], 400)
        # The comparison too, as docs/COMPARE.md's CSV and workbook.
        status, headers, data = self.server.request("GET", "/api/compare.csv")
        self.assertEqual(status, 200)
        self.assertIn("text/csv", headers["content-type"])
        self.assertIn("Chí Linh", data.decode("utf-8-sig"))
        status, _, data = self.server.request("GET", "/api/compare.xlsx")
        self.assertEqual(status, 200)
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            self.assertIn("Chí Linh".encode(), book.read("xl/sharedStrings.xml"))
        self.assertEqual(self.server.request("GET", "/api/compare.csv?indicator=no.such.indicator")[0], 400)

    def test_review_marks_need_a_token_and_a_known_verdict(self):
        with open(os.path.join(CORPUS, "docs", "trung-thanh-2026-06-report.txt"), "rb") as f:
            status, body = self.server.upload("rv-trung-thanh.txt", f.read())
        path = f"/api/documents/{body['id']}/flags/0/review"
        good = json.dumps({"verdict": "follow_up", "comment": "xem lại bảng 2"}).encode()
        self.assertEqual(self.server.request("PUT", path, body=good)[0], 401)
        auth = {**self.server.auth(), "Content-Type": "application/json"}
        for bad in (b"{}", b"not json", json.dumps({"verdict": "yes"}).encode(),
                    json.dumps({"verdict": "confirmed", "comment": "x" * 2001}).encode()):
            status, _, raw = self.server.request("PUT", path, body=bad, headers=auth)
            self.assertEqual(status, 400, bad)
            self.assertEqual(self.error_of(raw), "bad_request")
        self.assertEqual(self.server.request("PUT", f"/api/documents/{body['id']}/flags/9999/review", body=good, headers=auth)[0], 404)
        self.assertEqual(self.server.request("PUT", "/api/documents/999999/flags/0/review", body=good, headers=auth)[0], 404)
        status, _, raw = self.server.request("PUT", path, body=good, headers=auth)
        self.assertEqual(status, 200, raw)
        self.assertEqual(json.loads(raw)["review"]["verdict"], "follow_up")
        reviews = self.server.get_json(f"/api/documents/{body['id']}/reviews")[1]["reviews"]
        self.assertEqual([r["review"]["verdict"] if r["review"] else None for r in reviews][:1], ["follow_up"])
        self.assertTrue(all(r["review"] is None for r in reviews[1:]))

    def test_lists_sort_by_a_known_column_either_way(self):
        for name in ("chi-linh-2026-01-report.txt", "ba-ngoi-2026-plan.txt", "hong-bang-2026-plan.txt"):
            with open(os.path.join(CORPUS, "docs", name), "rb") as f:
                self.assertIn(self.server.upload("sort-" + name, f.read())[0], (200, 201))
        docs = self.server.get_json("/api/documents?limit=1000&q=sort-&sort=-date")[1]["documents"]
        dates = [d["date"] for d in docs if d["date"]]
        self.assertEqual(dates, sorted(dates, reverse=True))
        flags = self.server.get_json("/api/flags?limit=1000&q=sort-&sort=kind")[1]["flags"]
        self.assertEqual([f["kind"] for f in flags], sorted(f["kind"] for f in flags))
        for path in ("/api/documents?sort=bytes", "/api/flags?sort=explanation", "/api/flags?sort=-"):
            status, _, raw = self.server.request("GET", path)
            self.assertEqual(status, 400, path)
            self.assertEqual(self.error_of(raw), "bad_request")

    def test_search_finds_names_without_their_diacritics(self):
        with open(os.path.join(CORPUS, "docs", "ba-ngoi-2026-plan.txt"), "rb") as f:
            self.assertIn(self.server.upload("search-ba-ngoi.txt", f.read())[0], (200, 201))
        for q in ("ba ngoi", "BA NGÒI", "Ba Ngòi", "khanh hoa"):
            listed = self.server.get_json("/api/documents?limit=1000&q=" + urllib.parse.quote(q))[1]["documents"]
            self.assertIn("search-ba-ngoi.txt", [d["name"] for d in listed], q)
        flags = self.server.get_json("/api/flags?limit=1000&q=ba%20ngoi")[1]["flags"]
        self.assertTrue(flags)
        self.assertTrue(all(f["ward"] == "Ba Ngòi" for f in flags), flags)
        self.assertEqual(self.server.get_json("/api/documents?q=zzz%20khong%20co")[1]["total"], 0)

    def test_status_reports_the_server(self):
        status, body = self.server.get_json("/api/status")
        self.assertEqual(status, 200)
        self.assertEqual(body["max_upload"], MAX_UPLOAD)
        self.assertFalse(body["reads_need_token"])
        self.assertEqual(body["workers"], 2)


class Health(unittest.TestCase):
    def test_healthz_is_503_when_the_store_is_gone(self):
        server = Server()
        try:
            self.assertEqual(server.request("GET", "/healthz")[0], 200)
            for path in (server.db, server.db + "-wal", server.db + "-shm"):   # deleted under the server
                if os.path.exists(path):
                    os.remove(path)
            status, headers, raw = server.request("GET", "/healthz")
            self.assertEqual(status, 503, raw)
            self.assertEqual(json.loads(raw)["status"], "unavailable")
            self.assertIn("retry-after", headers)
        finally:
            server.stop()


class ServeLimits(unittest.TestCase):
    """Servers started with other options."""

    def test_the_curl_examples_of_docs_serve_md_run(self):
        root = os.path.dirname(CORPUS)
        with open(os.path.join(root, "docs", "SERVE.md"), encoding="utf-8") as f:
            blocks = re.findall(r"```sh\n(.*?)```", f.read(), re.S)
        commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("curl ")]
        self.assertGreaterEqual(len(commands), 10)
        server = Server()
        try:
            env = dict(os.environ, URL=server.url.rstrip("/"), TOKEN=server.token)
            for command in commands:
                with self.subTest(command=command):
                    proc = subprocess.run(["bash", "-c", command + " -w '\\n%{http_code}'"], cwd=root, env=env,
                                          capture_output=True, timeout=120)
                    self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
                    status = int(proc.stdout.decode(errors="replace").rsplit("\n", 1)[-1])
                    self.assertLess(status, 500 if "999999" in command else 400, proc.stdout[-300:])
        finally:
            self.assertEqual(server.stop(), 0)

    def test_a_second_server_on_a_held_port_exits_2_and_the_first_keeps_its_store(self):
        first = Server()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                proc = subprocess.run([BINARY, "serve", "--db", os.path.join(tmp, "other.sqlite"), "--bind", "127.0.0.1",
                                       "--port", str(first.port)], capture_output=True, timeout=60)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(b"cannot bind", proc.stderr)
            status, info = first.get_json("/api/status")
            self.assertEqual(status, 200, info)
        finally:
            self.assertEqual(first.stop(), 0)

    def test_an_extraction_over_the_timeout_fails_with_422_and_frees_the_worker(self):
        server = Server("-j", "1", "--extract-timeout", "0.001")
        try:
            data = read(os.path.join(DOCS, "trung-thanh-2026-06-report.txt"))
            for attempt in range(2):   # the second would wait forever if the first held the only worker
                status, body = server.upload(f"slow-{attempt}.txt", data)
                self.assertEqual(status, 422, body)
                self.assertEqual(body["error"]["code"], "timeout")
            self.assertEqual(count_documents(server), 0)
            status, info = server.get_json("/api/status")
            self.assertEqual(status, 200)
            with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as store:
                codes = [r[0] for r in store.execute("SELECT code FROM errors ORDER BY path")]
            self.assertEqual(codes, ["timeout", "timeout"])
        finally:
            self.assertEqual(server.stop(), 0, server.log())

    def test_without_a_token_file_the_server_makes_one(self):
        server = Server(token=False)
        try:
            self.assertEqual(len(server.token), 64)
            self.assertEqual(server.upload("x.txt", INJECTION, token=False)[0], 401)
            self.assertEqual(server.upload("x.txt", INJECTION)[0], 201)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_off_loopback_reads_need_a_token_too(self):
        try:
            server = Server(bind="0.0.0.0")
        except RuntimeError as e:
            self.skipTest(f"cannot bind 0.0.0.0 here: {e}")
        try:
            status, _, raw = server.request("GET", "/api/documents")
            self.assertEqual(status, 401)
            status, _, raw = server.request("GET", "/api/documents", headers=server.auth())
            self.assertEqual(status, 200)
            self.assertEqual(server.request("GET", "/")[0], 200)   # the page itself holds no data
        finally:
            self.assertEqual(server.stop(), 0)
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([BINARY, "serve", "--bind", "0.0.0.0", "--port", "0", "--db", os.path.join(tmp, "s.sqlite")],
                                  capture_output=True, timeout=60)
            self.assertEqual(proc.returncode, 2)
            self.assertIn(b"--token-file", proc.stderr)

    def test_bad_token_files_are_usage_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            for content in ("", "# only a comment\n", "short\n", "has a space in it 0123456789\n"):
                path = os.path.join(tmp, "tokens")
                with open(path, "w") as f:
                    f.write(content)
                proc = subprocess.run([BINARY, "serve", "--port", "0", "--db", os.path.join(tmp, "s.sqlite"),
                                       "--token-file", path], capture_output=True, timeout=60)
                self.assertEqual(proc.returncode, 2, content)

    def test_sigterm_lets_uploads_in_flight_finish_and_exits_0(self):
        server = Server("-j", "2")
        results = []
        data = read(os.path.join(DOCS, "trung-thanh-2026-06-report.txt"))

        def upload(i):
            try:
                results.append(server.upload(f"inflight-{i}.txt", data + b"\n" * (i + 1))[0])
            except OSError:
                results.append("refused")
        threads = [threading.Thread(target=upload, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        # Signal while the server holds at least one upload (accepted, being read or extracted).
        while all(t.is_alive() for t in threads):
            _, info = server.get_json("/api/status")
            if info["uploads_in_flight"] > 0:
                break
        status = server.stop(signal.SIGTERM)
        for t in threads:
            t.join()
        self.assertEqual(status, 0, server.log())
        with sqlite3.connect(server.db) as store:
            self.assertEqual(store.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            stored = store.execute("SELECT count(*) FROM documents").fetchone()[0]
            whole = store.execute(
                "SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM facts f WHERE f.document_id = d.id)"
                " = json_array_length(d.extraction, '$.facts')").fetchone()[0]
        self.assertEqual(stored, results.count(201), results)   # every answered upload is stored, nothing else
        self.assertEqual(whole, stored)
        self.assertTrue(all(r in (201, "refused") for r in results), results)
        self.assertGreaterEqual(results.count(201), 1, "the upload in flight at the signal was not finished")


class ScannedPages(unittest.TestCase):
    """A scan's pages come from the store (issue 16): the one extraction that stored it keeps
    what OCR read, so opening it never runs OCR again. Shown honestly: a server restarted with
    --ocr never on the same store, which cannot read a scan at all, still answers its pages;
    and with the rows removed (a document stored before schema 3) the same server cannot, while
    one with OCR reads the PDF once and keeps the pages again."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="baocao-scan-pages-")
        tool = os.path.join(os.path.dirname(CORPUS), "tools", "make-scans")
        made = subprocess.run([sys.executable, tool, "--out", cls.folder, "--pages", "2-3",
                               os.path.join(CORPUS, "pdf", "hong-bang-2026-plan.pdf")], capture_output=True)
        cls.scan = os.path.join(cls.folder, "300", "plain", "hong-bang-2026-plan.pdf")
        if made.returncode != 0 or not os.path.exists(cls.scan):
            raise unittest.SkipTest("tools/make-scans could not run (pdftoppm, convert, img2pdf missing?)")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def page_rows(self, db):
        with sqlite3.connect(db) as store:
            return store.execute("SELECT number, read_by_ocr, words IS NOT NULL FROM document_pages ORDER BY number").fetchall()

    @contextlib.contextmanager
    def serving(self, ocr, db=None, folder=None):
        server = Server("--ocr", ocr, db=db, folder=folder)
        try:
            yield server
        finally:
            self.assertEqual(server.stop(), 0, server.log())

    def test_a_scans_pages_are_read_by_ocr_once_and_then_come_from_the_store(self):
        with self.serving("auto") as with_ocr:
            status, body = with_ocr.upload("scan.pdf", read(self.scan), content_type="application/pdf")
            self.assertEqual(status, 201, body)
            doc, db, folder = body["id"], with_ocr.db, with_ocr.folder
            self.assertEqual(self.page_rows(db), [(1, 1, 1), (2, 1, 1)])
            status, pages = with_ocr.get_json(f"/api/documents/{doc}/pages")
            self.assertEqual(status, 200, pages)
            self.assertEqual(set(pages), {"id", "pages"})
            self.assertEqual([set(p) for p in pages["pages"]], [{"number", "text", "has_text_layer", "read_by_ocr", "words"}] * 2)
            self.assertEqual([p["has_text_layer"] for p in pages["pages"]], [False, False])
            self.assertEqual([p["read_by_ocr"] for p in pages["pages"]], [True, True])
            # OCR's words, which the page shades by confidence: ranges of their page's text.
            for p in pages["pages"]:
                size = len(p["text"].encode())
                self.assertGreater(len(p["words"]), 20)
                for begin, end, confidence, uncertain in p["words"]:
                    self.assertTrue(0 <= begin < end <= size and 0 <= confidence <= 100 and uncertain in (0, 1))
            texts = {p["number"]: p["text"].encode() for p in pages["pages"]}
            extraction = json.loads(with_ocr.request("GET", f"/api/documents/{doc}")[2])
            self.assertTrue(extraction["mentions"])
            for m in extraction["mentions"]:
                span = m["span"]
                self.assertEqual(texts[span["page"]][span["start"]:span["end"]].decode(), span["text"])

        with self.serving("never", db, folder) as without_ocr:
            self.assertEqual(without_ocr.get_json(f"/api/documents/{doc}/pages"), (200, pages))
            # Without its rows this server would have to read the scan, and cannot: the answer
            # above came from the store.
            with sqlite3.connect(db) as store:
                store.execute("DELETE FROM document_pages")
            status, refused = without_ocr.get_json(f"/api/documents/{doc}/pages")
            self.assertEqual((status, refused["error"]["code"]), (422, "no_text"), refused)
            self.assertEqual(self.page_rows(db), [])

        # A document whose pages were never stored: read once by OCR, then kept.
        with self.serving("auto", db, folder) as late:
            self.assertEqual(late.get_json(f"/api/documents/{doc}/pages"), (200, pages))
            self.assertEqual(self.page_rows(db), [(1, 1, 1), (2, 1, 1)])

    def test_an_uploads_ocr_progress_is_followed_and_the_upload_cancelled(self):
        upload_id = "browser-made-id-0001"
        with self.serving("auto") as server:
            self.assertEqual(server.get_json(f"/api/uploads/{upload_id}")[0], 404)
            body, ctype = multipart("file", "scan.pdf", read(self.scan), "application/pdf")
            answer = {}

            def send():
                headers = {"Content-Type": ctype, "X-Upload-Id": upload_id, **server.auth()}
                status, _, raw = server.request("POST", "/api/documents", body=body, headers=headers)
                answer.update(status=status, body=json.loads(raw))

            sender = threading.Thread(target=send)
            sender.start()
            # The first OCR page is announced before it is read: "page 1 of 2".
            self.assertTrue(wait_until(lambda: server.get_json(f"/api/uploads/{upload_id}")[1].get("pages") == 2, timeout=60),
                            answer)
            # Cancelling is a write: a token is needed.
            self.assertEqual(server.request("DELETE", f"/api/uploads/{upload_id}")[0], 401)
            status, _, raw = server.request("DELETE", f"/api/uploads/{upload_id}", headers=server.auth())
            self.assertEqual(status, 200, raw)
            self.assertTrue(json.loads(raw)["cancelled"])
            sender.join(60)
            self.assertEqual((answer["status"], answer["body"]["error"]["code"]), (422, "cancelled"), answer)
            self.assertEqual(server.get_json("/api/documents")[1]["total"], 0)   # nothing stored
            self.assertEqual(server.get_json(f"/api/uploads/{upload_id}")[0], 404)   # forgotten once answered


if __name__ == "__main__":
    unittest.main(verbosity=2)
