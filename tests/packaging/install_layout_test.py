#!/usr/bin/env python3
"""Issue 21: `cmake --install` puts baocao in the FHS places of any prefix, and the installed
binary, run from another folder with no BAOCAO_* variable, finds its rules and its OCR module
there: extract (a text report, and a PDF page read only by OCR), ingest and serve (/healthz).
A rule broken in the installed copy, or an unloadable installed module, is what the binary
reports, so the installed files are the ones it reads (not the source or build tree).
The systemd unit written for the prefix names its binary and config and passes
`systemd-analyze verify` (skipped, saying so, where systemd-analyze is absent).

Environment: BAOCAO_BUILD_DIR (the build folder, set by ctest), CMAKE_COMMAND."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BAOCAO_BUILD_DIR", os.path.join(ROOT, "build"))
CMAKE = os.environ.get("CMAKE_COMMAND", "cmake")
TEXT_REPORT = os.path.join(ROOT, "corpus", "docs", "chi-linh-2026-01-report.txt")
OCR_PAGE = os.path.join(ROOT, "corpus", "pdf-edge", "outlined-text.pdf")   # one page, outlines only

EXPECTED = [
    "bin/baocao",
    "lib/baocao/libbaocao_ocr.so",
    "share/baocao/rules/common.rules",
    "share/baocao/rules/places/provinces.txt",
    "share/man/man1/baocao.1",
    "share/bash-completion/completions/baocao",
    "share/doc/baocao/README.md",
    "share/doc/baocao/SERVE.md",
    "lib/systemd/system/baocao.service",
    "etc/baocao/baocao.conf",
]


def clean_env():
    """The environment of an administrator's shell: no BAOCAO_* variable."""
    return {k: v for k, v in os.environ.items() if not k.startswith("BAOCAO_")}


class InstalledLayout(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="baocao-install-")
        cls.prefix = os.path.join(cls.tmp, "prefix")
        cls.elsewhere = os.path.join(cls.tmp, "elsewhere")   # the cwd of every run: not the repo
        os.makedirs(cls.elsewhere)
        proc = subprocess.run([CMAKE, "--install", BUILD, "--prefix", cls.prefix], capture_output=True, text=True)
        if proc.returncode != 0:
            raise AssertionError("cmake --install failed:\n" + proc.stdout + proc.stderr)
        cls.binary = os.path.join(cls.prefix, "bin", "baocao")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_installed(self, *args, timeout=300):
        return subprocess.run([self.binary, *args], cwd=self.elsewhere, env=clean_env(), capture_output=True,
                              text=True, timeout=timeout)

    def test_files_are_in_their_fhs_places(self):
        for relative in EXPECTED:
            with self.subTest(path=relative):
                self.assertTrue(os.path.isfile(os.path.join(self.prefix, relative)), relative + " not installed")
        self.assertTrue(os.access(self.binary, os.X_OK))

    def test_installed_binary_extracts_with_the_installed_rules(self):
        proc = self.run_installed("extract", TEXT_REPORT)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        doc = json.loads(proc.stdout)
        self.assertTrue(doc["facts"] or doc["mentions"], "nothing extracted")
        self.assertTrue(doc["meta"], "no meta")

    def test_installed_binary_reads_a_scan_with_the_installed_ocr_module(self):
        proc = self.run_installed("extract", OCR_PAGE)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("ocr:1", json.loads(proc.stdout)["document"]["repairs"])

    def test_installed_binary_ingests(self):
        db = os.path.join(self.tmp, "ingest.sqlite")
        proc = self.run_installed("ingest", "--db", db, TEXT_REPORT)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertGreater(os.path.getsize(db), 0)

    def test_installed_binary_serves_and_answers_healthz(self):
        db = os.path.join(self.tmp, "serve.sqlite")
        server = subprocess.Popen([self.binary, "serve", "--db", db, "--port", "0", "--quiet"], cwd=self.elsewhere,
                                  env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            url = server.stdout.readline().strip().split("#")[0]
            self.assertTrue(url.startswith("http://127.0.0.1:"), server.stderr.read() if not url else url)
            with urllib.request.urlopen(url + "healthz", timeout=30) as res:
                self.assertEqual(res.status, 200)
                self.assertEqual(json.loads(res.read())["status"], "ok")
        finally:
            server.terminate()
            status = server.wait(timeout=60)
            server.stdout.close()
            server.stderr.close()
        self.assertEqual(status, 0)

    def test_unit_names_the_installed_binary_and_config(self):
        with open(os.path.join(self.prefix, "lib/systemd/system/baocao.service"), encoding="utf-8") as f:
            unit = f.read()
        self.assertIn(f"ExecStart={self.prefix}/bin/baocao serve ", unit)
        self.assertIn(f"EnvironmentFile={self.prefix}/etc/baocao/baocao.conf", unit)
        for setting in ("User=baocao", "StateDirectory=baocao", "ProtectSystem=strict", "NoNewPrivileges=yes",
                        "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=\n"):
            self.assertIn(setting, unit)

    def test_unit_passes_systemd_analyze_verify(self):
        analyze = shutil.which("systemd-analyze")
        if not analyze:
            self.skipTest("systemd-analyze is not installed (apt-get install systemd)")
        # Its Documentation= is man:baocao(1), which verify looks up: the installed man page.
        env = {**clean_env(), "MANPATH": os.path.join(self.prefix, "share", "man")}
        proc = subprocess.run([analyze, "verify", os.path.join(self.prefix, "lib/systemd/system/baocao.service")],
                              capture_output=True, text=True, timeout=120, env=env)
        # Lines about other units of this machine are not ours to judge.
        ours = [line for line in (proc.stdout + proc.stderr).splitlines() if "baocao" in line]
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(ours, [], "\n".join(ours))


class InstalledFilesWin(unittest.TestCase):
    """The installed rules and module are the ones read, though the source and build trees hold
    good copies: breaking the installed copy shows in what the binary says."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="baocao-install-")
        self.prefix = os.path.join(self.tmp, "prefix")
        proc = subprocess.run([CMAKE, "--install", BUILD, "--prefix", self.prefix], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_installed(self, *args):
        return subprocess.run([os.path.join(self.prefix, "bin", "baocao"), *args], cwd=self.tmp, env=clean_env(),
                              capture_output=True, text=True, timeout=300)

    def test_a_broken_installed_rule_is_reported(self):
        rules = os.path.join(self.prefix, "share", "baocao", "rules")
        with open(os.path.join(rules, "date", "date.rules"), "a", encoding="utf-8") as broken:
            broken.write("\nrule date.broken_by_the_install_test\ntype: date\npattern: (unclosed\n")
        proc = self.run_installed("extract", TEXT_REPORT)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn(rules, proc.stderr)

    def test_an_unloadable_installed_module_is_reported(self):
        with open(os.path.join(self.prefix, "lib", "baocao", "libbaocao_ocr.so"), "w") as broken:
            broken.write("not a shared object\n")
        proc = self.run_installed("extract", OCR_PAGE)
        self.assertIn(os.path.join(self.prefix, "lib", "baocao", "libbaocao_ocr.so"), proc.stdout + proc.stderr)


if __name__ == "__main__":
    unittest.main()
