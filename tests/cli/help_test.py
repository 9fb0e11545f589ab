#!/usr/bin/env python3
"""The command line's help as a user meets it (issue 19): `baocao help CMD` is `baocao CMD
--help`; a usage error points to its own command's help; `--help` lists every command; the man
page and the bash completion the build writes (tools/help-docs) cover every command and option
the helps list, render without warnings, and complete what they should."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ENGINE = os.environ.get("BAOCAO_BINARY", "build/baocao")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMANDS = ["extract", "facts", "audit", "ingest", "export", "compare", "serve"]


def run(*args):
    return subprocess.run([ENGINE, *args], capture_output=True, text=True, check=False)


class Help(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="baocao-help-")
        cls.man = os.path.join(cls.tmp, "baocao.1")
        cls.bash = os.path.join(cls.tmp, "baocao.bash")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "help-docs"), "--engine", ENGINE,
                        "--man", cls.man, "--bash", cls.bash], check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_general_help_lists_every_command(self):
        text = run("--help").stdout
        for command in COMMANDS:
            self.assertIn(f"baocao {command}", text)

    def test_help_command_prints_that_commands_help(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                self.assertEqual(run("help", command).stdout, run(command, "--help").stdout)

    def test_a_usage_error_points_to_its_own_commands_help(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                out = run(command, "--no-such-option")
                self.assertEqual(out.returncode, 2)
                self.assertIn(f"Try 'baocao {command} --help'.", out.stderr)
        out = run("audit", "--db", "x.sqlite", "--no-such-option")
        self.assertIn("Try 'baocao audit --db FILE --help'.", out.stderr)
        out = run("no-such-command")
        self.assertEqual(out.returncode, 2)
        self.assertIn("Try 'baocao --help'.", out.stderr)

    def test_errors_are_printed_as_the_help_says(self):
        # extract --help: "Errors go to standard error as 'baocao: FILE: code: reason'".
        self.assertIn("'baocao: FILE: code: reason'", run("extract", "--help").stdout)
        missing = os.path.join(self.tmp, "missing.txt")
        out = run("extract", missing)
        self.assertEqual(out.returncode, 3)
        self.assertRegex(out.stderr.strip(), r"^baocao: not_found: " + re.escape(missing) + ": ")

    def test_the_man_page_covers_every_option_and_renders_without_warnings(self):
        with open(self.man, encoding="utf-8") as f:
            page = f.read().replace("\\-", "-")
        for command in COMMANDS:
            self.assertIn(f".SS {command}", page)
            for option in re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)", run(command, "--help").stdout, re.M):
                self.assertIn(option, page, f"{command} {option}")
        if shutil.which("groff"):
            out = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z", self.man], capture_output=True, text=True)
            self.assertEqual(out.stderr, "", out.stderr)

    def complete(self, *words):
        line = " ".join(words)
        script = (f"source {self.bash}; COMP_WORDS=(baocao {line}); COMP_CWORD={len(words)}; _baocao; "
                  'printf "%s\\n" "${COMPREPLY[@]}"')
        out = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, cwd=self.tmp)
        self.assertEqual(out.returncode, 0, out.stderr)
        return set(out.stdout.split())

    def test_bash_completion_completes_commands_options_and_values(self):
        self.assertEqual(self.complete("se"), {"serve"})
        self.assertIn("--port", self.complete("serve", "--po"))
        self.assertEqual(self.complete("extract", "--ocr", "a"), {"auto", "always"})
        self.assertEqual(self.complete("extract", "--lang", ""), {"vi", "en"})
        self.assertIn("--db", self.complete("compare", "--d"))
        self.assertIn("baocao.1", self.complete("extract", "bao"))   # file names elsewhere


if __name__ == "__main__":
    unittest.main()
