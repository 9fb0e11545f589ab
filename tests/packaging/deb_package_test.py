#!/usr/bin/env python3
"""Issue 21: the .deb that CPack makes of the build (`cmake --build build --target deb` runs the
same), read back with dpkg-deb: its files in their FHS places, the Debian packages it depends
on (libraries found by dpkg-shlibdeps; the OCR languages and pdf.js named), its conffile and
its maintainer scripts. Installing it is checked by hand (README "Install on a server").

Made in a temporary folder, not in build/. Skipped (exit 77, saying so) where dpkg-deb or
dpkg-shlibdeps (dpkg-dev) is missing.
Environment: BAOCAO_BUILD_DIR (set by ctest), CPACK_COMMAND."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BAOCAO_BUILD_DIR", os.path.join(ROOT, "build"))
CPACK = os.environ.get("CPACK_COMMAND", "cpack")

FILES = [
    "./usr/bin/baocao",
    "./usr/lib/baocao/libbaocao_ocr.so",
    "./usr/share/baocao/rules/common.rules",
    "./usr/share/man/man1/baocao.1",
    "./usr/share/bash-completion/completions/baocao",
    "./usr/share/doc/baocao/README.md",
    "./usr/lib/systemd/system/baocao.service",
    "./etc/baocao/baocao.conf",
]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class DebPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="baocao-deb-")
        proc = subprocess.run([CPACK, "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"), "-B", cls.tmp],
                              capture_output=True, text=True, timeout=540)
        if proc.returncode != 0:
            raise AssertionError("cpack failed:\n" + proc.stdout + proc.stderr)
        debs = glob.glob(os.path.join(cls.tmp, "baocao_*.deb"))
        assert len(debs) == 1, os.listdir(cls.tmp)
        cls.deb = debs[0]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def field(self, name):
        return subprocess.run(["dpkg-deb", "-f", self.deb, name], capture_output=True, text=True, check=True).stdout.strip()

    def test_files_are_in_their_fhs_places(self):
        listing = subprocess.run(["dpkg-deb", "-c", self.deb], capture_output=True, text=True, check=True).stdout
        paths = {line.split()[-1] for line in listing.splitlines()}
        for path in FILES:
            self.assertIn(path, paths)
        self.assertFalse([p for p in paths if p.startswith(("./usr/local", "./home", "./work", "./tmp"))])
        unit = subprocess.run(["dpkg-deb", "--fsys-tarfile", self.deb], capture_output=True, check=True).stdout
        self.assertIn(b"ExecStart=/usr/bin/baocao serve ", unit)
        self.assertIn(b"EnvironmentFile=/etc/baocao/baocao.conf", unit)

    def test_depends_on_its_libraries_and_run_time_data_from_debian(self):
        depends = self.field("Depends")
        # Library packages by the stem of their name (libtesseract5, libpoppler-cpp0v5 on Debian 12),
        # so that a Debian release that bumps a soname still passes.
        for stem in ("libc6", "libtesseract", "libpoppler-cpp", "libsqlite3", "libicu", "libre2"):
            self.assertRegex(depends, rf"(^|, ){re.escape(stem)}[0-9a-z.-]*( \(|,|$)", depends)
        for package in ("tesseract-ocr-vie", "tesseract-ocr-eng", "tesseract-ocr-osd", "libjs-pdf", "adduser"):
            self.assertRegex(depends, rf"(^|, ){re.escape(package)}(,|$)", depends)
        self.assertIn("libreoffice-writer", self.field("Recommends"))
        self.assertEqual(self.field("Package"), "baocao")

    def test_control_has_the_conffile_and_the_maintainer_scripts(self):
        control = os.path.join(self.tmp, "control")
        subprocess.run(["dpkg-deb", "-e", self.deb, control], check=True)
        self.assertEqual(read(os.path.join(control, "conffiles")).split(), ["/etc/baocao/baocao.conf"])
        for script in ("postinst", "prerm", "postrm"):
            self.assertTrue(os.access(os.path.join(control, script), os.X_OK), script)
        self.assertIn("adduser", read(os.path.join(control, "postinst")))


if __name__ == "__main__":
    missing = [tool for tool in ("dpkg-deb", "dpkg-shlibdeps") if not shutil.which(tool)]
    if missing:
        print("skipped: " + " and ".join(missing) + " not installed (apt-get install dpkg-dev)")
        sys.exit(77)
    unittest.main()
