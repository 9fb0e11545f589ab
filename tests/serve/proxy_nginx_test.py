#!/usr/bin/env python3
"""Issue 21: `baocao serve` behind nginx at a sub-path, as README "Install on a server" sets it
up: nginx from Debian, run by this test on a free loopback port with a configuration of its
own in a temporary folder, passes https://host/baocao/ to the server with the prefix stripped
and X-Forwarded-For, -Proto, -Host and -Prefix set. Through it: the page and every file it
names (relative URLs, so none escapes the prefix), /healthz, reads needing a token (a proxied
request is a remote one), an upload from the page's origin whose Location keeps the prefix,
and the document it names.

Skipped (exit 77, saying so) only when nginx is not installed (tools/setup installs it)."""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nginx_util import NGINX, PREFIX, Nginx  # noqa: E402
from serve_util import CORPUS, Server, multipart, request  # noqa: E402


class BehindNginx(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("-j", "1")
        try:
            cls.nginx = Nginx(cls.server.port)
        except RuntimeError:
            cls.server.stop()
            raise
        cls.port = cls.nginx.port

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()
        cls.server.stop()

    def through(self, method, path, body=None, headers=None):
        """A request to nginx, as a browser at http://127.0.0.1:PORT/baocao/ would send it."""
        return request("127.0.0.1", self.port, method, path, body, headers)

    def test_healthz_answers_through_the_sub_path(self):
        status, _, raw = self.through("GET", PREFIX + "/healthz")
        self.assertEqual(status, 200, raw)
        self.assertEqual(json.loads(raw)["status"], "ok")

    def test_the_page_and_every_file_it_names_load_under_the_prefix(self):
        status, _, raw = self.through("GET", PREFIX + "/")
        self.assertEqual(status, 200)
        page = raw.decode()
        names = [n for n in re.findall(r'(?:href|src)="([^"#][^"]*)"', page) if not n.startswith("data:")]
        self.assertTrue(names, "the page names no file")
        for name in names:
            with self.subTest(name=name):
                self.assertFalse(name.startswith("/"), f"{name} would escape the prefix")
                status, _, _ = self.through("GET", PREFIX + "/" + name)
                self.assertEqual(status, 200, name)
        # The scripts' own requests are relative too: no "/api/" or "/vendor/" from the root.
        for script in re.findall(r'src="([^"]+\.js)"', page):
            _, _, js = self.through("GET", PREFIX + "/" + script)
            self.assertIsNone(re.search(rb"""['"`]/(api|vendor)/""", js), script)
        if os.path.isdir("/usr/share/javascript/pdf"):
            self.assertEqual(self.through("GET", PREFIX + "/vendor/pdfjs/build/pdf.js")[0], 200)

    def test_reads_through_the_proxy_need_a_token(self):
        status, _, raw = self.through("GET", PREFIX + "/api/status")
        self.assertEqual(status, 401, raw)
        status, _, raw = self.through("GET", PREFIX + "/api/status", headers=self.server.auth())
        self.assertEqual(status, 200, raw)
        self.assertTrue(json.loads(raw)["reads_need_token"])

    def test_an_upload_from_the_page_is_stored_and_its_location_keeps_the_prefix(self):
        with open(os.path.join(CORPUS, "docs", "chi-linh-2026-01-report.txt"), "rb") as f:
            data = f.read()
        body, ctype = multipart("file", "chi-linh-qua-proxy.txt", data, "text/plain")
        origin = f"http://127.0.0.1:{self.port}"   # the page's origin, as the browser sends it
        headers = {"Content-Type": ctype, "Origin": origin, **self.server.auth()}
        status, res_headers, raw = self.through("POST", PREFIX + "/api/documents", body=body, headers=headers)
        self.assertIn(status, (200, 201), raw)
        stored = json.loads(raw)
        self.assertEqual(res_headers["location"], f"{PREFIX}/api/documents/{stored['id']}")
        status, _, raw = self.through("GET", res_headers["location"], headers=self.server.auth())
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(raw)["document"]["sha256"], stored["sha256"])
        # A page of another site cannot post through the proxy either. (A small body: the server
        # refuses before reading it, and a large one nginx was still sending would end as a 502.)
        small, small_type = multipart("file", "x.txt", b"x", "text/plain")
        status, _, raw = self.through("POST", PREFIX + "/api/documents", body=small,
                                      headers={**headers, "Content-Type": small_type, "Origin": "https://attacker.example"})
        self.assertEqual(status, 403, raw)


if __name__ == "__main__":
    if NGINX is None:
        print("skipped: nginx is not installed (tools/setup installs it)")
        sys.exit(77)
    unittest.main()
