#!/usr/bin/env python3
"""tools/gen-corpus: deterministic by seed, the mix it promises, a manifest that tells the truth
about every planted inconsistency, and clean documents the single-document audit finds clean.

Run: python3 tests/corpus/gen_corpus_test.py   (BAOCAO_BINARY=build/baocao for the audit case)
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEN = ROOT / "tools" / "gen-corpus"
BINARY = os.environ.get("BAOCAO_BINARY", str(ROOT / "build" / "baocao"))


def generate(out, n, seed=57, rate=0.1):
    run = subprocess.run([sys.executable, str(GEN), str(n), str(out), "--seed", str(seed), "--inject-rate", str(rate)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise AssertionError(run.stderr)
    return json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))


def texts(folder):
    return {p.name: p.read_bytes() for p in sorted(Path(folder).glob("*.txt"))}


class GenCorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="baocao-gen-")
        cls.dir = Path(cls.tmp.name) / "a"
        cls.manifest = generate(cls.dir, 300, seed=57, rate=0.1)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_same_seed_gives_the_same_corpus_and_another_seed_another(self):
        again = Path(self.tmp.name) / "again"
        generate(again, 300, seed=57, rate=0.1)
        self.assertEqual(texts(self.dir), texts(again))
        self.assertEqual((self.dir / "manifest.json").read_bytes(), (again / "manifest.json").read_bytes())
        other = Path(self.tmp.name) / "other"
        generate(other, 300, seed=58, rate=0.1)
        self.assertNotEqual(texts(self.dir), texts(other))

    def test_writes_n_documents_about_half_plans_with_many_plan_report_pairs(self):
        docs = self.manifest["documents"]
        self.assertEqual(len(docs), 300)
        self.assertEqual(len(texts(self.dir)), 300)
        plans = [d for d in docs if d["kind"] == "plan"]
        self.assertTrue(0.4 <= len(plans) / len(docs) <= 0.6, len(plans))
        reported = {(d["province"], d["ward"], d["period"]) for d in docs if d["kind"] == "report"}
        paired = [p for p in plans if (p["province"], p["ward"], p["period"]) in reported]
        self.assertGreater(len(paired), 0.5 * len(plans))
        self.assertGreater(len({(d["province"], d["ward"]) for d in docs}), 60)
        self.assertGreater(len({d["period"] for d in docs}), 10)
        self.assertTrue(all(d["written"] for d in docs))

    def test_plants_every_kind_at_the_rate_and_records_it(self):
        injections = self.manifest["injections"]
        self.assertEqual(len(injections), 30)
        kinds = {i["kind"] for i in injections}
        self.assertEqual(kinds, {"assessment_mismatch", "target_missed", "conflicting_values", "reference_mismatch",
                                 "name_variant"})
        by_path = {d["path"]: d for d in self.manifest["documents"]}
        for inj in injections:
            for path in inj["documents"]:
                self.assertIn(path, by_path)
                self.assertIn(inj["id"], by_path[path]["injections"])
            self.assertTrue(inj["ward"] and inj["period"] and inj["description"])

    def test_the_manifest_says_what_the_text_says(self):
        by_path = {d["path"]: d for d in self.manifest["documents"]}
        checked = 0
        for inj in self.manifest["injections"]:
            text = (self.dir / inj["documents"][0]).read_text(encoding="utf-8")
            if inj["kind"] == "name_variant":
                self.assertIn(inj["written"], text)
                self.assertNotIn(inj["canonical"], text)
                checked += 1
            elif inj["kind"] == "reference_mismatch":
                written = inj["values"]["written"]
                if inj["field"] == "date":
                    y, m, d = written.split("-")
                    self.assertTrue(f"{d}/{m}/{y}" in text or f"{int(d)}/{int(m)}/{y}" in text, written)
                else:
                    self.assertIn(written, text)
                checked += 1
            elif inj["kind"] == "assessment_mismatch":
                report = by_path[inj["documents"][0]]
                fact = next(f for f in report["facts"] if f["indicator"] == inj["indicator"])
                line = text.split("\n")[fact["line"] - 1]
                self.assertIn("Đạt", line)
                self.assertEqual(fact["value"], inj["values"]["actual"])
                target, comparator = inj["values"]["target"], inj["values"]["comparator"]
                if inj["indicator"] == "dti.rank":   # a rank misses by being higher
                    self.assertGreater(fact["value"], target)
                elif comparator == ">":              # "trên 90%": 90 misses too
                    self.assertLessEqual(fact["value"], target)
                else:
                    self.assertLess(fact["value"], target)
                checked += 1
        self.assertGreater(checked, 10)

    def test_every_fact_line_holds_its_value(self):
        for doc in self.manifest["documents"][:80]:
            lines = (self.dir / doc["path"]).read_text(encoding="utf-8").split("\n")
            for fact in doc["facts"]:
                value = fact["value"]
                whole = f"{value:,.0f}".replace(",", ".")
                shown = whole if float(value).is_integer() else f"{value}".replace(".", ",")
                self.assertIn(shown, lines[fact["line"] - 1], (doc["path"], fact))

    @unittest.skipUnless(Path(BINARY).exists(), "needs the baocao binary (BAOCAO_BINARY)")
    def test_clean_documents_raise_nothing_in_the_single_document_audit(self):
        clean = Path(self.tmp.name) / "clean"
        manifest = generate(clean, 60, seed=7, rate=0)
        self.assertEqual(manifest["injections"], [])
        files = [str(clean / d["path"]) for d in manifest["documents"]]
        run = subprocess.run([BINARY, "audit", "--json"] + files, capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        flags = [f for line in run.stdout.splitlines() for f in json.loads(line)["flags"]]
        self.assertEqual(flags, [])

    def test_refuses_bad_arguments(self):
        for args in (["0", "x"], ["5", "x", "--inject-rate", "2"]):
            run = subprocess.run([sys.executable, str(GEN)] + args, capture_output=True, text=True,
                                 cwd=self.tmp.name)
            self.assertEqual(run.returncode, 2, args)


if __name__ == "__main__":
    unittest.main()
