#!/usr/bin/env python3
"""The README's command examples are part of the manual: run each `build/baocao ...` line of
its ```sh blocks (with the binary under test) from the repository root and require exit 0."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("BAOCAO_BINARY", os.path.join(ROOT, "build", "baocao"))


def readme_commands():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if "build/baocao" in line:
                commands.append(line)
    return commands


class ReadmeCommands(unittest.TestCase):
    def test_examples_exist(self):
        self.assertGreaterEqual(len(readme_commands()), 5)

    def test_every_example_runs(self):
        with tempfile.TemporaryDirectory() as out:
            for command in readme_commands():
                # The examples write into out/; run them against a scratch copy of that folder.
                cmd = command.replace("build/baocao", BINARY).replace(" out/", f" {out}/")
                with self.subTest(command=command):
                    proc = subprocess.run(cmd, shell=True, cwd=ROOT, capture_output=True, timeout=120)
                    # The tools that read ../shared skip (exit 77, "skipped: …") where it is absent.
                    if proc.returncode == 77 and proc.stdout.startswith(b"skipped:"):
                        continue
                    self.assertEqual(proc.returncode, 0, f"{command}\n{proc.stderr.decode(errors='replace')[:2000]}")
                    if "-o " not in cmd and ">" not in cmd:
                        self.assertTrue(proc.stdout.strip(), f"{command} printed nothing")


if __name__ == "__main__":
    unittest.main()
