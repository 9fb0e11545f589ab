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
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import CORPUS, Server, multipart, request, wait_until  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
PREFIX = "/baocao"

# The location block of README "Install on a server", with the port of the test's server.
LOCATION = """
    location /baocao/ {
        proxy_pass http://127.0.0.1:%(upstream)d/;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_set_header X-Forwarded-Prefix /baocao;
        client_max_body_size 50m;
        proxy_read_timeout 300s;
    }
"""

CONFIG = """
daemon off;
master_process off;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log;
events { worker_connections 64; }
http {
    access_log %(dir)s/access.log;
    client_body_temp_path %(dir)s/body;
    proxy_temp_path %(dir)s/proxy;
    fastcgi_temp_path %(dir)s/fastcgi;
    uwsgi_temp_path %(dir)s/uwsgi;
    scgi_temp_path %(dir)s/scgi;
    server {
        listen 127.0.0.1:%(port)d;
%(location)s
    }
}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BehindNginx(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("-j", "1")
        cls.dir = tempfile.mkdtemp(prefix="baocao-nginx-")
        cls.port = free_port()
        with open(os.path.join(cls.dir, "nginx.conf"), "w") as f:
            f.write(CONFIG % {"dir": cls.dir, "port": cls.port,
                              "location": LOCATION % {"upstream": cls.server.port}})
        cls.nginx = subprocess.Popen([NGINX, "-p", cls.dir, "-c", os.path.join(cls.dir, "nginx.conf"),
                                      "-e", os.path.join(cls.dir, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

        def listening():
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                return True
            except OSError:
                return cls.nginx.poll() is not None   # stop waiting: it died
        wait_until(listening, timeout=30)
        if cls.nginx.poll() is not None:
            cls.server.stop()
            raise RuntimeError("nginx did not start: " + cls.nginx.stderr.read().decode(errors="replace"))

    @classmethod
    def tearDownClass(cls):
        cls.nginx.terminate()
        try:
            cls.nginx.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cls.nginx.kill()
            cls.nginx.wait()
        cls.nginx.stderr.close()
        cls.server.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

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
        names = re.findall(r'(?:href|src)="([^"#][^"]*)"', page)
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
