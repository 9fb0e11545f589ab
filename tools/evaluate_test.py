#!/usr/bin/env python3
"""Tests for tools/evaluate. Run: python3 tools/evaluate_test.py"""

import copy
import importlib.machinery
import importlib.util
import json
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
EVALUATE = TOOLS / "evaluate"
CORPUS = TOOLS.parent / "corpus"


def load_evaluate():
    """Import tools/evaluate, which has no .py suffix, as a module."""
    loader = importlib.machinery.SourceFileLoader("evaluate", str(EVALUATE))
    spec = importlib.util.spec_from_loader("evaluate", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


evaluate = load_evaluate()


# ---------------------------------------------------------------------------------------------
# Building engine-shaped output from gold

def span_of(data: bytes, text: str, occurrence: int = 0):
    """The contract's SPAN for the n-th occurrence of `text` in the document bytes."""
    needle = text.encode("utf-8")
    start = -1
    for _ in range(occurrence + 1):
        start = data.find(needle, start + 1)
        if start < 0:
            raise ValueError(f"{text!r} not in document")
    return {"start": start, "end": start + len(needle), "line": data.count(b"\n", 0, start) + 1,
            "page": None, "text": text}


def gold_to_engine(gold, data: bytes):
    """What a perfect engine would print for this gold document."""
    return {
        "schema_version": "1.0",
        "document": {"path": f"/somewhere/{gold['document']}", "format": "text",
                     "bytes": len(data)},
        "meta": dict(gold["meta"]),
        "references": [{"kind": r["kind"], "number": r["number"], "date": r["date"],
                        "variants": r.get("variants", []), "spans": [span_of(data, r["evidence"])]}
                       for r in gold["references"]],
        "facts": [{"indicator": f["indicator"], "role": f["role"], "value": f["value"],
                   "unit": f["unit"], "comparator": f["comparator"], "period": f.get("period"),
                   "label": "", "span": span_of(data, f["evidence"])}
                  for f in gold["facts"]],
        "mentions": [],
        "tables": [],
        "flags": [{"kind": f["kind"], "severity": "warning", "indicators": f["indicators"],
                   "stated": f["stated"], "computed": f["computed"],
                   "explanation": f.get("explanation", ""),
                   "evidence": [span_of(data, e) for e in f["evidence"]]}
                  for f in gold.get("flags", [])],
    }


# ---------------------------------------------------------------------------------------------
# A small synthetic corpus (multi-byte Vietnamese text, so byte and character offsets differ)

AN_BINH_TEXT = textwrap.dedent("""\
    UBND PHƯỜNG AN BÌNH
    Số: 12/BC-UBND
    An Bình, ngày 05 tháng 3 năm 2026
    BÁO CÁO
    Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Kế hoạch số 03/KH-UBND, ngày 15/7/2025; Quyết định số 63/QĐ-UBND, ngày 17/7/2025; Công văn số 769/UBND-VHXH.
    Tỷ lệ nộp hồ sơ trực tuyến đạt 86,98%.
    Tổng số thủ tục hành chính là 377 thủ tục; DVC trực tuyến toàn trình: 218 TTHC; DVC trực tuyến một phần: 160 TTHC.
    Tỷ lệ số hóa hồ sơ đạt 100% (chỉ tiêu ≥ 80%), Đạt.
    Tỷ lệ định danh điện tử đạt 68,75% so với tổng dân số.
    Trần Văn Bình
    """)

AN_BINH_GOLD = {
    "document": "an-binh-2026-03-report.txt",
    "meta": {"kind": "report", "number": "12/BC-UBND", "symbol": "BC-UBND",
             "issuer": "UBND phường An Bình", "ward": "An Bình", "province": None,
             "date": "2026-03-05", "signer": "Trần Văn Bình"},
    "references": [
        {"kind": "Nghị quyết", "number": "57-NQ/TW", "date": "2024-12-22",
         "evidence": "Nghị quyết số 57-NQ/TW ngày 22/12/2024"},
        {"kind": "Kế hoạch", "number": "03/KH-UBND", "date": "2025-07-15",
         "evidence": "Kế hoạch số 03/KH-UBND, ngày 15/7/2025"},
        {"kind": "Quyết định", "number": "63/QĐ-UBND", "date": "2025-07-17",
         "evidence": "Quyết định số 63/QĐ-UBND, ngày 17/7/2025"},
        {"kind": "Công văn", "number": "769/UBND-VHXH", "date": None,
         "evidence": "Công văn số 769/UBND-VHXH"},
    ],
    "facts": [
        {"indicator": "tthc.online_application_rate", "role": "actual", "value": 86.98,
         "unit": "%", "comparator": None, "evidence": "đạt 86,98%"},
        {"indicator": "tthc.procedures_total", "role": "actual", "value": 377,
         "unit": "thủ tục", "comparator": None, "evidence": "là 377 thủ tục"},
        {"indicator": "dvc.full_online_count", "role": "actual", "value": 218,
         "unit": "thủ tục", "comparator": None, "evidence": "toàn trình: 218 TTHC"},
        {"indicator": "dvc.partial_online_count", "role": "actual", "value": 160,
         "unit": "thủ tục", "comparator": None, "evidence": "một phần: 160 TTHC"},
        {"indicator": "tthc.digitization_rate", "role": "actual", "value": 100,
         "unit": "%", "comparator": None, "evidence": "đạt 100%"},
        {"indicator": "tthc.digitization_rate", "role": "target", "value": 80,
         "unit": "%", "comparator": ">=", "evidence": "chỉ tiêu ≥ 80%"},
        {"indicator": "tthc.digitization_rate", "role": "assessment", "value": True,
         "unit": None, "comparator": None, "evidence": "(chỉ tiêu ≥ 80%), Đạt"},
        {"indicator": "citizen.vneid_rate", "role": "actual", "value": 68.75,
         "unit": "%", "comparator": None, "evidence": "đạt 68,75% so với tổng dân số"},
    ],
    "flags": [
        {"kind": "sum_mismatch",
         "indicators": ["tthc.procedures_total", "dvc.full_online_count",
                        "dvc.partial_online_count"],
         "stated": 377, "computed": 378,
         "evidence": ["là 377 thủ tục", "toàn trình: 218 TTHC", "một phần: 160 TTHC"],
         "explanation": "218 + 160 = 378"},
    ],
    "non_flags": [
        {"indicators": ["citizen.vneid_rate"], "stated": 68.75, "computed": 68.75,
         "evidence": ["đạt 68,75% so với tổng dân số"], "explanation": "checked by hand"},
    ],
    "advisory": [
        {"kind": "other", "indicators": [], "stated": None, "computed": None,
         "evidence": ["Đạt"], "explanation": "not scored"},
    ],
}

TAN_LAP_TEXT = "KẾ HOẠCH\nSố: /KH-UBND\nPhấn đấu tối thiểu 90% hồ sơ trực tuyến.\nNguyễn Thị Lan\n"

TAN_LAP_GOLD = {
    "document": "tan-lap-2026-plan.txt",
    "meta": {"kind": "plan", "number": None, "symbol": "KH-UBND", "issuer": "UBND phường Tân Lập",
             "ward": "Tân Lập", "province": None, "date": "2026", "signer": "Nguyễn Thị Lan"},
    "references": [],
    "facts": [
        {"indicator": "tthc.online_application_rate", "role": "target", "value": 90, "unit": "%",
         "comparator": ">=", "evidence": "tối thiểu 90% hồ sơ trực tuyến"},
    ],
    "flags": [],
    "non_flags": [],
}

CORPUS_DOCS = {AN_BINH_GOLD["document"]: (AN_BINH_TEXT, AN_BINH_GOLD),
               TAN_LAP_GOLD["document"]: (TAN_LAP_TEXT, TAN_LAP_GOLD)}
AN_BINH_PRED = "an-binh-2026-03-report.json"
TAN_LAP_PRED = "tan-lap-2026-plan.json"


class Workspace:
    """A temporary gold/, docs/ and pred/ with a perfect prediction for every document."""

    def __init__(self, root: Path):
        self.root = root
        self.gold, self.docs, self.pred = root / "gold", root / "docs", root / "pred"
        for d in (self.gold, self.docs, self.pred):
            d.mkdir()
        for name, (text, gold) in CORPUS_DOCS.items():
            data = text.encode("utf-8")
            (self.docs / name).write_bytes(data)
            write_json(self.gold / name.replace(".txt", ".json"), gold)
            write_json(self.pred / name.replace(".txt", ".json"), gold_to_engine(gold, data))

    def read_pred(self, name):
        return json.loads((self.pred / name).read_text(encoding="utf-8"))

    def write_pred(self, name, data):
        write_json(self.pred / name, data)

    def run(self, *extra, docs=True):
        """Run the CLI with --json; returns (exit status, report or None, stdout, stderr)."""
        args = ["--gold", str(self.gold), "--pred", str(self.pred), "--json", "--verbose"]
        if docs:
            args += ["--docs", str(self.docs)]
        return run_cli(*args, *extra)


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def run_cli(*args):
    run = subprocess.run([sys.executable, str(EVALUATE), *args], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        report = None
    return run.returncode, report, run.stdout, run.stderr


def metric(report, section, name, document=None):
    values = report["sections"][section][name]
    return values["all"] if document is None else values["docs"][document]


# ---------------------------------------------------------------------------------------------

class EvaluateCliTest(unittest.TestCase):

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.ws = Workspace(Path(self._tmp.name))

    def tearDown(self):
        self._tmp.cleanup()

    def test_perfect_match_scores_one_everywhere(self):
        status, report, _, stderr = self.ws.run(
            "--min-meta", "1", "--min-references-p", "1", "--min-references-r", "1",
            "--min-facts-p", "1", "--min-facts-r", "1", "--min-flags-p", "1",
            "--min-flags-r", "1", "--max-bad-spans", "0", "--max-non-flag-violations", "0")
        self.assertEqual(status, 0, stderr)
        for section, name in [("meta", "accuracy"), ("references", "precision"),
                              ("references", "recall"), ("references", "kind_acc"),
                              ("facts", "precision"), ("facts", "recall"),
                              ("facts", "comparator_acc"), ("facts", "unit_acc"),
                              ("flags", "precision"), ("flags", "recall")]:
            self.assertEqual(metric(report, section, name), 1.0, f"{section} {name}")
        self.assertEqual(metric(report, "facts", "wrong_values"), 0)
        self.assertEqual(metric(report, "flags", "violated_non_flags"), 0)
        self.assertEqual(metric(report, "spans", "bad"), 0)
        self.assertEqual(metric(report, "spans", "checked"), 4 + 8 + 3 + 1)
        self.assertEqual(report["warnings"], [])

    def test_text_table_lists_every_section_and_short_names(self):
        run = subprocess.run([sys.executable, str(EVALUATE), "--gold", str(self.ws.gold),
                              "--pred", str(self.ws.pred)], capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        header = run.stdout.splitlines()[0].split()
        self.assertEqual(header, ["section", "metric", "an-binh", "tan-lap", "all"])
        for section in ("meta", "references", "facts", "flags", "spans"):
            self.assertIn(f"\n{section} ", run.stdout)

    def test_missing_reference_lowers_recall_exactly(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        del pred["references"][1]
        self.ws.write_pred(AN_BINH_PRED, pred)
        status, report, _, _ = self.ws.run()
        self.assertEqual(status, 0)
        doc = AN_BINH_GOLD["document"]
        self.assertEqual(metric(report, "references", "recall", doc), 3 / 4)
        self.assertEqual(metric(report, "references", "precision", doc), 1.0)
        self.assertEqual(metric(report, "references", "recall"), 3 / 4)
        self.assertIn("missed: Kế hoạch 03/KH-UBND", "\n".join(report["details"]["references"][doc]))

    def test_reference_with_wrong_date_is_not_matched(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        pred["references"][2]["date"] = "2025-07-18"
        pred["references"][3]["date"] = "2025-01-01"  # gold date is null
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        self.assertEqual(metric(report, "references", "matched"), 2)
        self.assertEqual(metric(report, "references", "precision"), 2 / 4)
        self.assertEqual(metric(report, "references", "recall"), 2 / 4)

    def test_reference_number_ignores_spacing_and_case_but_kind_is_scored(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        pred["references"][0]["number"] = "57- nq/tw"
        pred["references"][1]["kind"] = "Quyết định"
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        self.assertEqual(metric(report, "references", "recall"), 1.0)
        self.assertEqual(metric(report, "references", "kind_acc"), 3 / 4)

    def test_references_match_one_to_one(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        pred["references"].append(copy.deepcopy(pred["references"][0]))
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        self.assertEqual(metric(report, "references", "recall"), 1.0)
        self.assertEqual(metric(report, "references", "precision"), 4 / 5)

    def test_span_with_wrong_text_is_counted_bad(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        pred["facts"][0]["span"]["text"] = "đạt 86,99%"
        self.ws.write_pred(AN_BINH_PRED, pred)
        status, report, _, _ = self.ws.run("--max-bad-spans", "0")
        self.assertEqual(status, 1)
        self.assertEqual(metric(report, "spans", "bad"), 1)
        self.assertIn("facts[0].span", report["details"]["spans"][AN_BINH_GOLD["document"]][0])

    def test_span_offsets_are_bytes_and_lines_are_checked(self):
        data = AN_BINH_TEXT.encode("utf-8")
        pred = self.ws.read_pred(AN_BINH_PRED)
        good = span_of(data, "đạt 68,75%")
        chars = AN_BINH_TEXT.index("đạt 68,75%")  # a character offset, smaller than the byte one
        pred["mentions"] = [
            {"type": "percent", "value": 68.75, "unit": "%", "span": good},
            {"type": "percent", "value": 68.75, "unit": "%",
             "span": dict(good, start=chars, end=chars + len(good["text"].encode("utf-8")))},
            {"type": "percent", "value": 68.75, "unit": "%", "span": dict(good, line=1)},
            {"type": "percent", "value": 68.75, "unit": "%",
             "span": dict(good, end=good["start"] + 1, text="đ"[:1])},  # splits the 2-byte đ
            {"type": "percent", "value": 68.75, "unit": "%", "span": dict(good, page=1)},
            {"type": "percent", "value": 68.75, "unit": "%"},  # a required span left out
        ]
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        doc = AN_BINH_GOLD["document"]
        self.assertEqual(metric(report, "spans", "bad", doc), 4)
        self.assertEqual(metric(report, "spans", "unchecked", doc), 1)

    def test_spans_are_not_checked_without_docs(self):
        _, report, _, _ = self.ws.run(docs=False)
        self.assertIsNone(metric(report, "spans", "bad"))
        status, _, _, stderr = self.ws.run("--max-bad-spans", "0", docs=False)
        self.assertEqual(status, 1, "a threshold on an unmeasured metric is missed")
        self.assertIn("spans bad", stderr)

    def test_threshold_miss_exits_1_and_names_it(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        del pred["references"][0]
        self.ws.write_pred(AN_BINH_PRED, pred)
        status, report, _, stderr = self.ws.run("--min-references-r", "0.97",
                                                "--min-references-p", "0.97")
        self.assertEqual(status, 1)
        self.assertIn("references recall", stderr)
        self.assertNotIn("references precision", stderr)
        missed = [t["option"] for t in report["thresholds"] if not t["ok"]]
        self.assertEqual(missed, ["--min-references-r"])

    def test_threshold_miss_is_printed_in_text_mode(self):
        run = subprocess.run([sys.executable, str(EVALUATE), "--gold", str(self.ws.gold),
                              "--pred", str(self.ws.pred), "--max-facts-wrong", "-1"],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn("threshold missed: facts wrong_values", run.stdout)

    def test_missing_prediction_file_is_scored_as_empty(self):
        (self.ws.pred / TAN_LAP_PRED).unlink()
        status, report, _, stderr = self.ws.run()
        self.assertEqual(status, 0)
        self.assertIn("no prediction for tan-lap-2026-plan.txt", stderr)
        doc = TAN_LAP_GOLD["document"]
        # null meta fields do not score for a document with no prediction at all
        self.assertEqual(metric(report, "meta", "accuracy", doc), 0.0)
        self.assertEqual(metric(report, "facts", "recall", doc), 0.0)
        self.assertEqual(metric(report, "facts", "recall"), 8 / 9)
        self.assertEqual(metric(report, "meta", "accuracy"), 0.5)

    def test_prediction_found_by_document_path(self):
        path = self.ws.pred / AN_BINH_PRED
        path.rename(self.ws.pred / "output-1.json")
        status, report, _, stderr = self.ws.run()
        self.assertEqual(status, 0)
        self.assertNotIn("no prediction", stderr)
        self.assertEqual(metric(report, "references", "recall"), 1.0)

    def test_unreadable_prediction_is_a_warning_not_a_crash(self):
        (self.ws.pred / TAN_LAP_PRED).write_text("{not json", encoding="utf-8")
        status, report, _, stderr = self.ws.run()
        self.assertEqual(status, 0)
        self.assertIn("cannot read prediction", stderr)
        self.assertEqual(metric(report, "facts", "recall", TAN_LAP_GOLD["document"]), 0.0)

    def test_meta_normalizes_unicode_and_whitespace_only(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        decomposed = unicodedata.normalize("NFD", "Trần  Văn Bình ")  # doubled, trailing space
        self.assertNotEqual(decomposed, "Trần  Văn Bình ")
        pred["meta"]["signer"] = decomposed
        pred["meta"]["province"] = ""  # gold null: not equal
        pred["meta"]["date"] = "2026-03"
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        doc = AN_BINH_GOLD["document"]
        self.assertEqual(metric(report, "meta", "signer", doc), 1.0)
        self.assertEqual(metric(report, "meta", "province", doc), 0.0)
        self.assertEqual(metric(report, "meta", "date", doc), 0.0)
        self.assertEqual(metric(report, "meta", "accuracy", doc), 6 / 8)

    def test_fact_values_tolerance_booleans_and_wrong_values(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        facts = pred["facts"]
        facts[0]["value"] = 86.98 + 1e-9        # within tolerance: matched
        facts[1]["value"] = 376                 # wrong value for a gold (indicator, role)
        facts[6]["value"] = 1                   # assessment true is not the number 1
        facts.append(dict(facts[2], indicator="made.up_indicator"))  # not in gold: no "wrong"
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        doc = AN_BINH_GOLD["document"]
        self.assertEqual(metric(report, "facts", "matched", doc), 6)
        self.assertEqual(metric(report, "facts", "recall", doc), 6 / 8)
        self.assertEqual(metric(report, "facts", "precision", doc), 6 / 9)
        self.assertEqual(metric(report, "facts", "wrong_values", doc), 2)
        details = "\n".join(report["details"]["facts"][doc])
        self.assertIn("wrong value: tthc.procedures_total actual=376", details)
        self.assertIn("false positive (not in gold): made.up_indicator", details)

    def test_fact_comparator_and_unit_accuracy_among_matched(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        pred["facts"][5]["comparator"] = None     # gold ">="
        pred["facts"][1]["unit"] = "Thủ tục"      # casefold: still right
        pred["facts"][2]["unit"] = "TTHC"
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        doc = AN_BINH_GOLD["document"]
        self.assertEqual(metric(report, "facts", "recall", doc), 1.0)
        self.assertEqual(metric(report, "facts", "comparator_acc", doc), 7 / 8)
        self.assertEqual(metric(report, "facts", "unit_acc", doc), 7 / 8)

    def test_facts_prefer_the_engine_fact_on_the_gold_evidence(self):
        data = AN_BINH_TEXT.encode("utf-8")
        pred = self.ws.read_pred(AN_BINH_PRED)
        # Two engine facts with the same value: the first, elsewhere in the text, has the wrong
        # unit; the one on the evidence must win, so unit accuracy stays 1.0.
        on_evidence = pred["facts"][4]
        elsewhere = dict(on_evidence, unit="hồ sơ", span=span_of(data, "Tổng số thủ tục"))
        pred["facts"].insert(0, elsewhere)
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        self.assertEqual(metric(report, "facts", "unit_acc", AN_BINH_GOLD["document"]), 1.0)

    def test_flags_match_by_kind_and_indicators_and_non_flags_are_checked(self):
        data = AN_BINH_TEXT.encode("utf-8")
        pred = self.ws.read_pred(AN_BINH_PRED)
        flag = pred["flags"][0]
        flag["indicators"] = ["tthc.procedures_total"]  # overlap is enough
        flag["stated"] = 400
        pred["flags"].append({"kind": "ratio_mismatch", "severity": "error",
                              "indicators": ["citizen.vneid_rate"], "stated": 68.75,
                              "computed": 70.0, "explanation": "",
                              "evidence": [span_of(data, "68,75%")]})
        self.ws.write_pred(AN_BINH_PRED, pred)
        status, report, _, _ = self.ws.run("--max-non-flag-violations", "0")
        self.assertEqual(status, 1)
        self.assertEqual(metric(report, "flags", "recall"), 1.0)
        self.assertEqual(metric(report, "flags", "precision"), 1 / 2)
        self.assertEqual(metric(report, "flags", "violated_non_flags"), 1)

    def test_flag_of_another_kind_does_not_match(self):
        pred = self.ws.read_pred(AN_BINH_PRED)
        pred["flags"][0]["kind"] = "ratio_mismatch"
        self.ws.write_pred(AN_BINH_PRED, pred)
        _, report, _, _ = self.ws.run()
        self.assertEqual(metric(report, "flags", "recall"), 0.0)
        self.assertEqual(metric(report, "flags", "precision"), 0.0)

    def test_empty_sections_still_print(self):
        for name in (AN_BINH_PRED, TAN_LAP_PRED):
            pred = self.ws.read_pred(name)
            pred["facts"] = []
            pred["flags"] = []
            self.ws.write_pred(name, pred)
        status, report, _, _ = self.ws.run()
        self.assertEqual(status, 0)
        self.assertEqual(metric(report, "facts", "recall"), 0.0)
        self.assertEqual(metric(report, "facts", "precision"), 0.0)
        self.assertIsNone(metric(report, "facts", "unit_acc"))
        # tan-lap has no gold flags: nothing to find, nothing raised
        self.assertEqual(metric(report, "flags", "recall", TAN_LAP_GOLD["document"]), 1.0)
        self.assertEqual(metric(report, "flags", "precision", TAN_LAP_GOLD["document"]), 1.0)

    def test_usage_and_io_errors_exit_2(self):
        status, _, _, _ = run_cli("--gold", str(self.ws.root / "nope"), "--pred", str(self.ws.pred))
        self.assertEqual(status, 2)
        status, _, _, _ = run_cli("--gold", str(self.ws.gold))
        self.assertEqual(status, 2)
        status, _, _, _ = run_cli("--gold", str(self.ws.gold), "--pred", str(self.ws.root / "nope"))
        self.assertEqual(status, 2)
        status, _, _, _ = run_cli("--gold", str(self.ws.gold), "--engine",
                                  str(self.ws.root / "no-such-engine"))
        self.assertEqual(status, 2)

    def test_engine_mode_runs_the_binary_per_document(self):
        # A stand-in engine: `fake extract DOC` prints the stored perfect prediction for DOC.
        fake = self.ws.root / "fake-engine"
        fake.write_text(textwrap.dedent(f"""\
            #!{sys.executable}
            import pathlib, sys
            assert sys.argv[1] == "extract"
            name = pathlib.Path(sys.argv[2]).name.replace(".txt", ".json")
            if name.startswith("tan-lap"):
                sys.exit("cannot parse")
            print((pathlib.Path({str(self.ws.pred)!r}) / name).read_text(encoding="utf-8"))
            """), encoding="utf-8")
        fake.chmod(0o755)
        status, report, _, stderr = run_cli("--gold", str(self.ws.gold), "--engine", str(fake),
                                            "--json")
        self.assertEqual(status, 0, stderr)
        self.assertIn("engine exited 1", stderr)
        # --docs defaults to the docs/ beside gold/, so spans are checked
        self.assertEqual(metric(report, "spans", "bad"), 0)
        self.assertEqual(metric(report, "references", "recall"), 1.0)
        self.assertEqual(metric(report, "facts", "recall", TAN_LAP_GOLD["document"]), 0.0)


# ---------------------------------------------------------------------------------------------
# PDF input: a stand-in engine answers `extract [--stage pages] FILE` from a table of outputs.

FAKE_ENGINE = """#!{python}
import json, pathlib, sys
table = json.loads(pathlib.Path({table!r}).read_text(encoding="utf-8"))
args = sys.argv[1:]
assert args[0] == "extract"
name = pathlib.Path(args[-1]).name
key = name + (" pages" if "--stage" in args else "")
if key not in table:
    sys.exit("baocao: corrupt: " + name + ": cannot read")
print(json.dumps(table[key], ensure_ascii=False))
"""


def paginate(text, wrap_at=None):
    """Page texts of a document: the lines split in two pages; with wrap_at, long lines are
    broken at the last space before that many characters (as a PDF wraps a paragraph)."""
    lines = text.splitlines()
    if wrap_at:
        wrapped = []
        for line in lines:
            while len(line) > wrap_at and " " in line[:wrap_at]:
                cut = line.rindex(" ", 0, wrap_at)
                wrapped.append(line[:cut])
                line = line[cut + 1:]
            wrapped.append(line)
        lines = wrapped
    half = (len(lines) + 1) // 2
    return ["\n".join(lines[:half]) + "\n", "\n".join(lines[half:]) + "\n"]


def page_span(pages, text, occurrence=0):
    """The SPAN of the n-th occurrence of `text` (white space matching any white space)."""
    import re
    pattern = re.compile(r"\s+".join(re.escape(w) for w in text.split()))
    seen = 0
    for number, page in enumerate(pages, 1):
        for m in pattern.finditer(page):
            if seen == occurrence:
                start = len(page[:m.start()].encode("utf-8"))
                return {"start": start, "end": start + len(m.group(0).encode("utf-8")),
                        "line": page[:m.start()].count("\n") + 1, "page": number,
                        "text": m.group(0)}
            seen += 1
    raise ValueError(f"{text!r} not in pages")


def gold_to_pdf_engine(gold, text, pages):
    """What a perfect engine would print for the PDF (these page texts) of this gold document."""
    out = gold_to_engine(gold, text.encode("utf-8"))
    out["document"]["format"] = "pdf"
    out["document"]["pages"] = len(pages)
    for ref, g in zip(out["references"], gold["references"]):
        ref["spans"] = [page_span(pages, g["evidence"])]
    for fact, g in zip(out["facts"], gold["facts"]):
        fact["span"] = page_span(pages, g["evidence"])
    for flag, g in zip(out["flags"], gold.get("flags", [])):
        flag["evidence"] = [page_span(pages, e) for e in g["evidence"]]
    return out


class PdfWorkspace(Workspace):
    """Workspace plus pdf/NAME.pdf placeholders and a stand-in engine that knows, for each
    document, the text result, the PDF result and the PDF's page texts."""

    def __init__(self, root: Path, wrap_at=40):
        super().__init__(root)
        self.pdf = root / "pdf"
        self.pdf.mkdir()
        self.table = {}
        for name, (text, gold) in CORPUS_DOCS.items():
            pages = paginate(text, wrap_at)
            pdf_name = name.replace(".txt", ".pdf")
            (self.pdf / pdf_name).write_bytes(b"%PDF-1.4 placeholder")
            self.table[name] = gold_to_engine(gold, text.encode("utf-8"))
            self.table[pdf_name] = gold_to_pdf_engine(gold, text, pages)
            self.table[pdf_name + " pages"] = {"pages": [
                {"page": i, "text": t, "text_layer": "ok"} for i, t in enumerate(pages, 1)]}
        self.engine = root / "fake-engine"
        self.save()

    def save(self):
        table = self.root / "engine-table.json"
        write_json(table, self.table)
        self.engine.write_text(FAKE_ENGINE.format(python=sys.executable, table=str(table)),
                               encoding="utf-8")
        self.engine.chmod(0o755)

    def run_pdf(self, *extra):
        return run_cli("--gold", str(self.gold), "--docs", str(self.docs), "--engine",
                       str(self.engine), "--pdf", str(self.pdf), "--json", "--verbose", *extra)


AN_BINH_PDF = "an-binh-2026-03-report.pdf"


class PdfEvaluationTest(unittest.TestCase):

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.ws = PdfWorkspace(Path(self._tmp.name))

    def tearDown(self):
        self._tmp.cleanup()

    def test_perfect_pdf_result_scores_like_text_and_agrees_fully(self):
        status, report, _, stderr = self.ws.run_pdf(
            "--min-agreement", "1", "--min-references-r", "1", "--min-facts-r", "1",
            "--min-flags-r", "1", "--max-bad-spans", "0")
        self.assertEqual(status, 0, stderr)
        self.assertEqual(metric(report, "facts", "precision"), 1.0)
        self.assertEqual(metric(report, "meta", "accuracy"), 1.0)
        self.assertEqual(metric(report, "spans", "checked"), 4 + 8 + 3 + 1)
        self.assertEqual(metric(report, "spans", "unchecked"), 0)
        for name in ("references_f1", "facts_f1", "facts_full_f1", "flags_f1", "tables_f1", "meta"):
            self.assertEqual(metric(report, "agreement", name), 1.0, name)
        self.assertEqual(report["warnings"], [])

    def test_pdf_spans_are_checked_against_their_page_text(self):
        pred = self.ws.table[AN_BINH_PDF]
        pred["facts"][0]["span"]["page"] = 1 if pred["facts"][0]["span"]["page"] == 2 else 2
        pred["facts"][1]["span"]["page"] = None
        pred["facts"][2]["span"]["line"] += 1
        pred["facts"][3]["span"]["page"] = 9
        self.ws.save()
        _, report, _, _ = self.ws.run_pdf()
        self.assertEqual(metric(report, "spans", "bad"), 4)
        details = "\n".join(report["details"]["spans"]["an-binh-2026-03-report.txt"])
        self.assertIn("no page", details)
        self.assertIn("is not a page of the document", details)
        self.assertIn("but page", details)

    def test_evidence_wrapped_across_pdf_lines_is_still_located(self):
        pages = [p["text"] for p in self.ws.table[AN_BINH_PDF + " pages"]["pages"]]
        doc = evaluate.PageTexts(self.ws.table[AN_BINH_PDF + " pages"]["pages"])
        evidence = "Nghị quyết số 57-NQ/TW ngày 22/12/2024"
        self.assertNotIn(evidence, "".join(pages))  # the 40-column wrap breaks it
        span = page_span(pages, evidence)
        self.assertEqual(evaluate.locality(span, evidence, doc), 3)
        self.assertIsNone(doc.span_problem(span))

    def test_missing_pdf_fact_lowers_agreement_and_fails_the_threshold(self):
        del self.ws.table[AN_BINH_PDF]["facts"][0]
        self.ws.save()
        status, report, _, stderr = self.ws.run_pdf("--min-agreement", "0.95")
        self.assertEqual(status, 1)
        self.assertAlmostEqual(metric(report, "agreement", "facts_f1", AN_BINH_GOLD["document"]),
                               2 * 7 / (8 + 7))
        self.assertEqual(metric(report, "agreement", "references_f1", AN_BINH_GOLD["document"]), 1.0)
        failed = [t for t in report["thresholds"] if not t["ok"]]
        self.assertEqual([t["metric"] for t in failed], [f"facts_f1 {AN_BINH_GOLD['document']}"])
        self.assertTrue(any("only in text" in line and "tthc.online_application_rate" in line
                            for line in report["details"]["agreement"][AN_BINH_GOLD["document"]]))

    def test_agreement_compares_values_not_offsets(self):
        text = {"facts": [{"indicator": "x.rate", "role": "actual", "value": 86.98, "span": {"start": 1}}],
                "references": [{"kind": "Nghị quyết", "number": "57-NQ/TW", "date": "2024-12-22"}],
                "flags": [{"kind": "sum_mismatch", "indicators": ["b", "a"], "stated": 377, "computed": 378}],
                "tables": [{"header": [["STT", "Nội dung"]], "rows": [["1", "Tỷ lệ\nhồ sơ"]]}]}
        pdf = copy.deepcopy(text)
        pdf["facts"][0]["span"] = {"start": 999, "page": 3}
        pdf["references"][0]["number"] = "57-NQ/ TW"      # spacing is not a disagreement
        pdf["flags"][0]["indicators"] = ["a", "b"]         # nor the order of indicators
        pdf["tables"][0]["rows"] = [["1", "Tỷ lệ hồ sơ"]]  # nor a line break inside a cell
        counts, _ = evaluate.agreement(text, pdf)
        for section in ("references", "facts", "flags", "tables"):
            self.assertEqual(evaluate.f1(counts[section]), 1.0, section)
        pdf["facts"][0]["value"] = 86.99
        pdf["flags"][0]["computed"] = 379
        counts, _ = evaluate.agreement(text, pdf)
        self.assertEqual(evaluate.f1(counts["facts"]), 0.0)
        self.assertEqual(evaluate.f1(counts["flags"]), 0.0)

    def test_agreement_counts_repeats_and_empty_sections(self):
        fact = {"indicator": "x", "role": "actual", "value": 1}
        counts, _ = evaluate.agreement({"facts": [fact, fact]}, {"facts": [fact]})
        self.assertAlmostEqual(evaluate.f1(counts["facts"]), 2 * 1 / 3)
        self.assertEqual(evaluate.f1(counts["flags"]), 1.0)  # nothing on either side

    def test_pdf_the_engine_refuses_is_scored_empty_with_a_warning(self):
        del self.ws.table[AN_BINH_PDF]
        self.ws.save()
        status, report, _, stderr = self.ws.run_pdf("--min-agreement", "0.95")
        self.assertEqual(status, 1)
        self.assertIn("corrupt", stderr)
        self.assertEqual(metric(report, "facts", "recall", AN_BINH_GOLD["document"]), 0.0)
        self.assertEqual(metric(report, "agreement", "facts_f1", AN_BINH_GOLD["document"]), 0.0)
        self.assertEqual(metric(report, "agreement", "facts_f1", TAN_LAP_GOLD["document"]), 1.0)

    def test_pdf_options_need_engine_and_pdf(self):
        status, _, _, _ = run_cli("--gold", str(self.ws.gold), "--pred", str(self.ws.pred),
                                  "--pdf", str(self.ws.pdf))
        self.assertEqual(status, 2)
        status, _, _, _ = run_cli("--gold", str(self.ws.gold), "--engine", str(self.ws.engine),
                                  "--min-agreement", "0.9")
        self.assertEqual(status, 2)
        status, _, _, _ = run_cli("--gold", str(self.ws.gold), "--engine", str(self.ws.engine),
                                  "--pdf", str(self.ws.root / "nope"))
        self.assertEqual(status, 2)

    def test_text_mode_is_unchanged_by_pdf_spans(self):
        # without --pdf, spans with a page are still left unchecked (no page texts to check)
        write_json(self.ws.pred / AN_BINH_PRED, self.ws.table[AN_BINH_PDF])
        _, report, _, _ = self.ws.run()
        self.assertEqual(metric(report, "spans", "unchecked", AN_BINH_GOLD["document"]), 4 + 8 + 3)


class MatchingTest(unittest.TestCase):

    def test_greedy_choice_is_repaired_to_a_maximum_matching(self):
        # gold 0 prefers engine 0, but gold 1 can only use engine 0: both must still match.
        matched = evaluate.match_one_to_one({0: [(2, 0), (1, 1)], 1: [(1, 0)]})
        self.assertEqual(matched, {0: 1, 1: 0})

    def test_values_equal(self):
        self.assertTrue(evaluate.values_equal(1665600000, 1665600000.0001))
        self.assertFalse(evaluate.values_equal(86.98, 86.99))
        self.assertFalse(evaluate.values_equal(True, 1))
        self.assertFalse(evaluate.values_equal(0, False))
        self.assertTrue(evaluate.values_equal(False, False))

    def test_short_names(self):
        self.assertEqual(evaluate.short_names(["chi-linh-2026-01-report.txt", "ba-ngoi-2026-plan.txt"]),
                         ["chi-linh", "ba-ngoi"])
        self.assertEqual(evaluate.short_names(["x-2026-a.txt", "x-2025-b.txt"]), ["x-2026-a", "x-2025-b"])


@unittest.skipUnless((CORPUS / "gold").is_dir() and (CORPUS / "docs").is_dir(), "no corpus")
class RealGoldTest(unittest.TestCase):
    """The real gold, turned into engine output, must score perfectly against itself."""

    def test_gold_as_predictions_scores_perfectly(self):
        with tempfile.TemporaryDirectory() as tmp:
            pred_dir = Path(tmp)
            for gold_path in sorted((CORPUS / "gold").glob("*.json")):
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                data = (CORPUS / "docs" / gold["document"]).read_bytes()
                write_json(pred_dir / gold_path.name, gold_to_engine(gold, data))
            status, report, _, stderr = run_cli(
                "--gold", str(CORPUS / "gold"), "--docs", str(CORPUS / "docs"),
                "--pred", str(pred_dir), "--json", "--verbose")
        self.assertEqual(status, 0, stderr)
        self.assertEqual(metric(report, "meta", "accuracy"), 1.0)
        self.assertEqual(metric(report, "references", "precision"), 1.0)
        self.assertEqual(metric(report, "references", "recall"), 1.0)
        self.assertEqual(metric(report, "facts", "recall"), 1.0)
        self.assertEqual(metric(report, "facts", "precision"), 1.0)
        self.assertEqual(metric(report, "facts", "comparator_acc"), 1.0)
        self.assertEqual(metric(report, "flags", "recall"), 1.0)
        self.assertEqual(metric(report, "flags", "precision"), 1.0)
        self.assertEqual(metric(report, "flags", "violated_non_flags"), 0,
                         report["details"]["flags"])
        self.assertEqual(metric(report, "spans", "bad"), 0)


if __name__ == "__main__":
    unittest.main()
