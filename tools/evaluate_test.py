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
import zipfile
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
        "schema_version": "1.1",
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


def run_cli(*args, schema_check=False):
    """The stand-in engines here print only what the scoring reads, not the whole contract: the
    check against docs/output.schema.json is off unless `schema_check`."""
    extra = [] if schema_check or "--engine" not in args else ["--no-schema-check"]
    run = subprocess.run([sys.executable, str(EVALUATE), *args, *extra], capture_output=True, text=True)
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
        # Checked against docs/output.schema.json, these outputs of a stand-in are refused by path.
        status, _, _, stderr = run_cli("--gold", str(self.ws.gold), "--engine", str(fake), schema_check=True)
        self.assertEqual(status, 2, stderr)
        self.assertIn("schema error(s) against output.schema.json", stderr)
        self.assertIn("$.document: 'sha256' is a required property", stderr)


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


# ---------------------------------------------------------------------------------------------
# The real sets: --mention-set (passages with every mention written down) and --meta-set

def located(text, mentions, line=10, not_mentions=None):
    """A gold passage as tools/evaluate prepares it (asserting it has no gold error)."""
    passage = {"line": line, "text": text, "mentions": mentions}
    if not_mentions is not None:
        passage["not_mentions"] = not_mentions
    problems, ready = evaluate.locate_passage(passage)
    assert not problems, problems
    return ready


def engine_mention(data: bytes, text, mention_type, value, occurrence=0, **extra):
    """An engine mention on the n-th occurrence of `text` in data."""
    return {"type": mention_type, "value": value, "span": span_of(data, text, occurrence), **extra}


def in_passage(mention):
    return {"mention": mention, "start": mention["span"]["start"], "end": mention["span"]["end"]}


class MentionMatchingTest(unittest.TestCase):

    def test_kth_listing_is_the_kth_occurrence_in_bytes(self):
        text = "Có 5 xã đạt, thêm 5 xã và 5 xã nữa; 5%"
        ready = located(text, [
            {"text": "5 xã", "type": "count", "value": 5, "unit": "xã"},
            {"text": "5 xã", "type": "count", "value": 5, "unit": "xã"},
            {"text": "5%", "type": "percent", "value": 5}], line=7)
        data = text.encode("utf-8")
        needle = "5 xã".encode("utf-8")
        first = data.find(needle)
        self.assertEqual([(g["start"], g["end"]) for g in ready["golds"]],
                         [(first, first + len(needle)),
                          (data.find(needle, first + 1), data.find(needle, first + 1) + len(needle)),
                          (data.find(b"5%"), data.find(b"5%") + 2)])
        self.assertEqual([g["line"] for g in ready["golds"]], [7, 7, 7])

    def test_gold_errors_name_the_file_the_passage_line_and_the_mention(self):
        gold = {"passages": [
            {"line": 3, "text": "năm 2025 và 75,7%",
             "mentions": [{"text": "75,7%", "type": "percent", "value": 75.7},
                          {"text": "năm 2025", "type": "period", "value": "2025"}]},
            {"line": 9, "text": "tăng 12 hộ", "mentions": [{"text": "12 hộ", "type": "cout", "value": 12}]},
            {"line": 12, "text": "ngày 5/3", "mentions": [{"text": "ngày 5/3", "type": "date", "value": "5/3"}]},
            {"line": 20, "text": "50%", "mentions": [{"text": "50 %", "type": "percent", "value": 50}]},
            {"line": 30, "text": "Điều 5: 7 xã", "not_mentions": ["Điều 6"],
             "mentions": [{"text": "7 xã", "type": "count", "value": 7}]},
            {"line": 40, "text": "ok 3", "mentions": [{"text": "3", "type": "number", "value": 3}]},
        ]}
        errors = []
        ready = evaluate.mention_passages("x.json", gold, errors)
        self.assertEqual([p["line"] for p in ready], [40])
        self.assertEqual(len(errors), 5, errors)
        self.assertIn("x.json: passage line 3: mention 2 «năm 2025»: not found after the previous "
                      "mention (it occurs earlier", errors[0])
        self.assertIn("x.json: passage line 9: mention 1 «12 hộ»: unknown type \"cout\"", errors[1])
        self.assertIn("x.json: passage line 12: mention 1 «ngày 5/3»: date value \"5/3\" is not", errors[2])
        self.assertIn("x.json: passage line 20: mention 1 «50 %»: not found after the previous mention "
                      "(not in the passage's text)", errors[3])
        self.assertIn("x.json: passage line 30: not_mentions «Điều 6» is not in the passage's text",
                      errors[4])
        errors = []
        self.assertEqual(evaluate.mention_passages("y.json", {"passage": []}, errors), [])
        self.assertEqual(errors, ['y.json: no "passages" list'])

    def test_mention_equal(self):
        eq = evaluate.mention_equal
        self.assertTrue(eq({"type": "count", "value": 3139}, {"type": "number", "value": 3139.0}))
        self.assertTrue(eq({"type": "number", "value": 1e12}, {"type": "count", "value": 1e12 + 1e-4}))
        self.assertFalse(eq({"type": "number", "value": 4.3}, {"type": "number", "value": 4.30001}))
        self.assertFalse(eq({"type": "number", "value": 1}, {"type": "number", "value": True}))
        self.assertFalse(eq({"type": "number", "value": 50}, {"type": "percent", "value": 50, "unit": "%"}))
        # ranges; comparators must agree, and a gold without one requires none
        rng = {"from": 1000, "to": 2000}
        self.assertTrue(eq({"type": "money", "value": rng, "unit": "đồng"},
                           {"type": "money", "value": {"from": 1000.0, "to": 2000}, "unit": "đồng"}))
        self.assertFalse(eq({"type": "money", "value": rng, "unit": "đồng"},
                            {"type": "money", "value": 1000, "unit": "đồng"}))
        self.assertTrue(eq({"type": "percent", "value": 50, "comparator": ">"},
                           {"type": "percent", "value": 50, "unit": "%", "comparator": ">"}))
        self.assertFalse(eq({"type": "percent", "value": 50, "comparator": ">="},
                            {"type": "percent", "value": 50, "unit": "%", "comparator": ">"}))
        self.assertFalse(eq({"type": "percent", "value": 50},
                            {"type": "percent", "value": 50, "unit": "%", "comparator": ">"}))
        self.assertTrue(eq({"type": "percent", "value": 50},
                           {"type": "percent", "value": 50, "comparator": None}))
        # units: money and percent only (a gold percent without unit means "%")
        self.assertFalse(eq({"type": "money", "value": 100, "unit": "USD"},
                            {"type": "money", "value": 100, "unit": "đồng"}))
        self.assertTrue(eq({"type": "money", "value": 100, "unit": "usd"},
                           {"type": "money", "value": 100, "unit": "USD"}))
        self.assertFalse(eq({"type": "percent", "value": 5}, {"type": "percent", "value": 5, "unit": "điểm"}))
        self.assertTrue(eq({"type": "count", "value": 7, "unit": "ngày"},
                           {"type": "count", "value": 7, "unit": "hộ"}))
        # dates: "--MM-DD" takes any year
        self.assertTrue(eq({"type": "date", "value": "--08-23"}, {"type": "date", "value": "2025-08-23"}))
        self.assertTrue(eq({"type": "date", "value": "--08-23"}, {"type": "date", "value": "--08-23"}))
        self.assertFalse(eq({"type": "date", "value": "--08-23"}, {"type": "date", "value": "2025-08-24"}))
        self.assertFalse(eq({"type": "date", "value": "2025-08-23"}, {"type": "date", "value": "--08-23"}))
        self.assertTrue(eq({"type": "period", "value": "2025-Q1"}, {"type": "period", "value": "2025-Q1"}))
        # references: spaces dropped, kind only when both give one, date only when the gold does
        ref = {"type": "reference", "value": "63/QĐ-UBND", "kind": "Quyết định", "date": "2025-07-17"}
        self.assertTrue(eq(ref, {"type": "reference", "value": "63/QĐ - UBND", "kind": "quyết định",
                                 "date": "2025-07-17"}))
        self.assertTrue(eq(ref, {"type": "reference", "value": "63/QĐ-UBND", "kind": "",
                                 "date": "2025-07-17"}))
        self.assertFalse(eq(ref, {"type": "reference", "value": "63/QĐ-UBND", "kind": "Quyết định"}))
        self.assertFalse(eq(ref, {"type": "reference", "value": "63/QĐ-UBND", "kind": "Nghị quyết",
                                  "date": "2025-07-17"}))
        self.assertTrue(eq({"type": "reference", "value": "57", "kind": ""},
                           {"type": "reference", "value": "57", "kind": "Nghị quyết", "date": "2024-12-22"}))
        self.assertFalse(eq({"type": "reference", "value": "57"}, {"type": "reference", "value": "57-NQ/TW"}))
        self.assertTrue(eq({"type": "fraction", "value": {"numerator": 32, "denominator": 34}},
                           {"type": "fraction", "value": {"numerator": 32.0, "denominator": 34}}))

    def test_categories(self):
        cats = evaluate.mention_categories
        self.assertEqual(cats({"text": "ba mươi ba", "type": "number", "value": 33}), ["spelled_or_shorthand"])
        self.assertEqual(cats({"text": "2,5 tr", "type": "number", "value": 2500000}), ["spelled_or_shorthand"])
        self.assertEqual(cats({"text": "500k", "type": "money", "value": 500000}),
                         ["spelled_or_shorthand", "money"])
        self.assertEqual(cats({"text": "2 trường", "type": "count", "value": 2}), [])
        self.assertEqual(cats({"text": "trên 50%", "type": "percent", "value": 50, "comparator": ">"}),
                         ["range_or_bound"])
        self.assertEqual(cats({"text": "5-7 ngày", "type": "count", "value": {"from": 5, "to": 7}}),
                         ["range_or_bound"])
        self.assertEqual(cats({"text": "ngày 23/8/2025", "type": "date", "value": "2025-08-23"}),
                         ["absolute_date"])
        self.assertEqual(cats({"text": "ngày 23/8", "type": "date", "value": "--08-23"}), [])

    def test_passage_outcomes(self):
        # gold: a count read right, a percent read with the wrong value, a date the engine reads
        # as two numbers (type confusion), a period it does not see; the engine also reads
        # "Điều 5" (listed under not_mentions) and a stray number.
        text = "Điều 5: có 32 xã, đạt 75,7%; ngày 23/8/2025; năm 2026; mã 77."
        data = text.encode("utf-8")
        ready = located(text, [
            {"text": "32 xã", "type": "count", "value": 32, "unit": "xã"},
            {"text": "75,7%", "type": "percent", "value": 75.7},
            {"text": "ngày 23/8/2025", "type": "date", "value": "2025-08-23"},
            {"text": "năm 2026", "type": "period", "value": "2026"}], not_mentions=["Điều 5"])
        engines = [
            engine_mention(data, "5", "number", 5),
            engine_mention(data, "32 xã", "count", 32, unit="xã"),
            engine_mention(data, "75,7%", "percent", 75.0, unit="%"),
            engine_mention(data, "23/8", "number", 23),
            engine_mention(data, "2025", "number", 2025),  # the date's year
            engine_mention(data, "77", "number", 77),
        ]
        tally = {}
        rows, outside = evaluate.score_mention_file("p.json", [ready], [0], {"mentions": engines}, tally)
        self.assertEqual(outside, 0)
        report = evaluate.mention_report(tally)
        total = report["all"]
        self.assertEqual([total[n] for n in ("gold", "found", "wrong", "missed", "confused")], [4, 1, 1, 2, 1])
        self.assertEqual([total[n] for n in ("engine", "correct", "false_pos")], [6, 1, 2])
        self.assertEqual(total["recall"], 0.25)
        self.assertAlmostEqual(total["precision"], 1 / 6)
        self.assertEqual(report["types"]["percent"]["wrong"], 1)
        self.assertEqual(report["types"]["number"]["engine"], 5)
        self.assertEqual(report["types"]["number"]["false_pos"], 2)
        self.assertEqual(report["categories"]["absolute_date"]["missed"], 1)
        self.assertIsNone(report["categories"]["absolute_date"]["precision"])
        # listed in text order: kind, gold type, gold text, engine text
        self.assertEqual([(r[3], r[4], r[5], r[8]) for r in rows],
                         [("false_positive", "not_mention", "Điều 5", "5"),
                          ("wrong_value", "percent", "75,7%", "75,7%"),
                          ("missed_type", "date", "ngày 23/8/2025", "23/8 | 2025"),
                          ("missed", "period", "năm 2026", ""),
                          ("false_positive", "", "", "77")])
        self.assertEqual((rows[1][6], rows[1][9]), ("75.7", "75.0 %"))

    def test_one_engine_mention_reads_at_most_one_gold_mention(self):
        # a range read as one mention where the gold lists two numbers: both wrong
        text = "30 - 50 doanh nghiệp"
        data = text.encode("utf-8")
        ready = located(text, [{"text": "30", "type": "number", "value": 30},
                               {"text": "50 doanh nghiệp", "type": "count", "value": 50}])
        wide = in_passage(engine_mention(data, text, "count", {"from": 30, "to": 50}))
        self.assertEqual(evaluate.match_passage(ready["golds"], [wide]),
                         ([("wrong", [0]), ("wrong", [0])], ["overlap"]))
        # a mention that reads one gold mention right is not also the other's wrong value
        wide["mention"]["value"] = 50
        self.assertEqual(evaluate.match_passage(ready["golds"], [wide]),
                         ([("missed", []), ("found", [0])], ["correct"]))

    def test_engine_mentions_map_back_to_their_passage(self):
        first = located("Tăng 12%.", [{"text": "12%", "type": "percent", "value": 12}], line=5)
        second = located("Giảm 3 hộ và 4 hộ.", [{"text": "3 hộ", "type": "count", "value": 3},
                                                 {"text": "4 hộ", "type": "count", "value": 4}], line=40)
        data, bases = evaluate.compose_passages([first, second])
        self.assertEqual(data.decode("utf-8"), "Tăng 12%.\n\n\nGiảm 3 hộ và 4 hộ.")
        self.assertEqual(bases, [0, len("Tăng 12%.\n\n\n".encode("utf-8"))])
        output = {"mentions": [engine_mention(data, "12%", "percent", 12, unit="%"),
                               engine_mention(data, "4 hộ", "count", 4),
                               engine_mention(data, "3 hộ", "count", 3),
                               {"type": "number", "value": 1, "span": None},
                               {"type": "number", "value": 9, "span": {"start": 5, "end": 14}}]}
        tally = {}
        rows, outside = evaluate.score_mention_file("f.json", [first, second], bases, output, tally)
        self.assertEqual((rows, outside), ([], 2))  # no span; across the separator
        self.assertEqual((tally[("all", "all")]["found"], tally[("all", "all")]["engine"]), (3, 3))


# A stand-in engine for `extract --jsonl [--ocr MODE] FILE...`: with "mentions" in its table it
# reads each text and prints a mention at every occurrence of the table's texts; with "meta" or
# "references" it prints the meta or the references of the file whose name ends with a key
# ("refused": an error line instead); with "argv_log" it writes its arguments to that file.
REAL_SET_ENGINE = """#!{python}
import json, pathlib, sys
table = json.loads(pathlib.Path({table!r}).read_text(encoding="utf-8"))
args = sys.argv[1:]
assert args[0] == "extract" and "--jsonl" in args, args
if table.get("crash"):
    sys.exit(70)
if "argv_log" in table:
    pathlib.Path(table["argv_log"]).write_text(json.dumps(args), encoding="utf-8")
for name in [a for a in args[1:] if a.endswith((".txt", ".pdf"))]:
    if "references" in table:
        refs = [v for k, v in table["references"].items() if name.endswith(k)]
        if refs and refs[0] == "refused":
            print(json.dumps({{"document": {{"path": name}}, "error": {{"code": "no_text", "message": "scan"}}}}))
        else:
            print(json.dumps({{"document": {{"path": name}}, "references": refs[0] if refs else []}},
                             ensure_ascii=False))
        continue
    if "meta" in table:
        meta = [v for k, v in table["meta"].items() if name.endswith(k)]
        if meta and meta[0] == "refused":
            print(json.dumps({{"document": {{"path": name}}, "error": {{"code": "no_text", "message": "scan"}}}}))
        else:
            print(json.dumps({{"document": {{"path": name}}, "meta": meta[0] if meta else {{}}}}))
        continue
    data = pathlib.Path(name).read_bytes()
    mentions = []
    for text, mention in table["mentions"]:
        needle = text.encode("utf-8")
        start = data.find(needle)
        while start >= 0:
            mentions.append(dict(mention, span={{"start": start, "end": start + len(needle),
                                                 "line": 1, "page": None, "text": text}}))
            start = data.find(needle, start + 1)
    print(json.dumps({{"document": {{"path": name}}, "mentions": mentions}}, ensure_ascii=False))
"""


class RealSetCliTest(unittest.TestCase):

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.root = Path(self._tmp.name)
        self.table = self.root / "table.json"
        self.engine = self.root / "fake-engine"
        self.engine.write_text(REAL_SET_ENGINE.format(python=sys.executable, table=str(self.table)),
                               encoding="utf-8")
        self.engine.chmod(0o755)

    def tearDown(self):
        self._tmp.cleanup()

    def run_set(self, *args):
        # The stand-in prints only what the scoring reads: no check against the schema.
        run = subprocess.run([sys.executable, str(EVALUATE), *args, "--engine", str(self.engine),
                              "--no-schema-check"], capture_output=True, text=True)
        return run.returncode, run.stdout, run.stderr

    def mention_set(self, mentions_by_text):
        """A two-file mention set; the stand-in engine answers with mentions_by_text."""
        folder = self.root / "real-mentions"
        folder.mkdir(exist_ok=True)
        write_json(folder / "a.json", {"source": "real/a.pdf", "via": "pdftotext -layout", "passages": [
            {"line": 4, "text": "Đạt 75,7%, tăng 12 hộ.",
             "mentions": [{"text": "75,7%", "type": "percent", "value": 75.7},
                          {"text": "12 hộ", "type": "count", "value": 12, "unit": "hộ"}]},
            {"line": 9, "text": "Theo Quyết định số 63/QĐ-UBND ngày 17/7/2025.",
             "mentions": [{"text": "Quyết định số 63/QĐ-UBND ngày 17/7/2025", "type": "reference",
                           "kind": "Quyết định", "value": "63/QĐ-UBND", "date": "2025-07-17"}]}]})
        write_json(folder / "b.json", {"source": "real/b.docx", "via": "tools/docx-text", "passages": [
            {"line": 2, "text": "trên 50% số xã", "not_mentions": [],
             "mentions": [{"text": "trên 50%", "type": "percent", "value": 50, "comparator": ">"}]}]})
        (folder / "README.md").write_text("not gold", encoding="utf-8")
        write_json(self.table, {"mentions": mentions_by_text})
        return folder

    def test_mention_set_scores_gates_and_lists(self):
        folder = self.mention_set([
            ["75,7%", {"type": "percent", "value": 75.7, "unit": "%"}],
            ["12 hộ", {"type": "count", "value": 21, "unit": "hộ"}],
            ["Quyết định số 63/QĐ-UBND ngày 17/7/2025", {"type": "reference", "value": "63/QĐ-UBND",
                                                         "kind": "Quyết định", "date": "2025-07-17"}],
            ["trên 50%", {"type": "percent", "value": 50, "unit": "%", "comparator": ">"}],
            ["xã", {"type": "number", "value": 0}]])
        status, out, err = self.run_set("--mention-set", str(folder), "--json")
        self.assertEqual(status, 0, err)
        report = json.loads(out)
        total = report["rows"]["all"]
        self.assertEqual([total[n] for n in ("gold", "found", "wrong", "engine", "false_pos")], [4, 3, 1, 5, 1])
        self.assertEqual(report["gold_errors"], [])
        status, out, err = self.run_set("--mention-set", str(folder), "--min-recall", "0.75",
                                        "--min-precision", "0.6", "--max-wrong-values", "1")
        self.assertEqual(status, 0, err)
        self.assertIn("all 3 thresholds met", out)
        status, out, _ = self.run_set("--mention-set", str(folder), "--max-wrong-values", "0")
        self.assertEqual(status, 1)
        self.assertIn("threshold missed: mentions wrong = 1, needs <= 0 (--max-wrong-values)", out)
        # --list: the TSV alone on stdout, the table on stderr
        status, out, err = self.run_set("--mention-set", str(folder), "--list")
        self.assertEqual(status, 0)
        lines = out.splitlines()
        self.assertEqual(lines[0].split("\t"), list(evaluate.MENTION_COLUMNS))
        self.assertEqual([line.split("\t")[:4] for line in lines[1:]],
                         [["a.json", "4", "4", "wrong_value"], ["b.json", "2", "2", "false_positive"]])
        self.assertIn("precision", err)

    def test_gold_errors_are_reported_and_their_passage_left_out(self):
        folder = self.mention_set([["75,7%", {"type": "percent", "value": 75.7, "unit": "%"}]])
        (folder / "c.json").write_text('{"passages": [', encoding="utf-8")  # still being written
        write_json(folder / "d.json", {"passages": [{"line": 3, "text": "x 5", "mentions": [
            {"text": "6", "type": "number", "value": 6}]}]})
        status, out, err = self.run_set("--mention-set", str(folder), "--json")
        self.assertEqual(status, 0, err)
        report = json.loads(out)
        self.assertEqual(len(report["gold_errors"]), 2)
        self.assertIn("gold error: c.json: cannot read", err)
        self.assertIn("gold error: d.json: passage line 3: mention 1 «6»: not found", err)
        self.assertEqual(report["rows"]["all"]["gold"], 4)

    def test_usage_and_engine_errors_exit_2(self):
        folder = self.mention_set([])
        self.assertEqual(self.run_set("--mention-set", str(self.root / "nope"))[0], 2)
        self.assertEqual(self.run_set("--mention-set", str(folder), "--min-fields", "1")[0], 2)
        self.assertEqual(self.run_set("--mention-set", str(folder), "--min-references-p", "1")[0], 2)
        self.assertEqual(run_cli("--mention-set", str(folder))[0], 2)  # no --engine
        self.assertEqual(run_cli("--gold", str(folder), "--pred", str(folder), "--list")[0], 2)
        write_json(self.table, {"crash": True})
        status, _, err = self.run_set("--mention-set", str(folder))
        self.assertEqual(status, 2)
        self.assertIn("engine exited 70", err)

    def meta_set(self):
        shared = self.root / "shared"
        (shared / "real").mkdir(parents=True)
        for name in ("a.pdf", "b.pdf", "c.pdf", "d.doc"):
            (shared / "real" / name).write_bytes(b"%PDF-1.4 placeholder")
        with zipfile.ZipFile(shared / "real" / "e.docx", "w") as docx:
            docx.writestr("word/document.xml", (
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body><w:p><w:r><w:t>Số: 7/BC-SCT</w:t></w:r></w:p></w:body></w:document>'))
        tsv = self.root / "real-meta.tsv"
        tsv.write_text("\n".join([
            "file\tkind\tnumber\tsymbol\tissuer\tprovince\tdate\tsigner\tnote",
            "# a comment",
            "real/a.pdf\treport\t43/BC-UBND\tBC-UBND\tỦy ban nhân dân tỉnh Lào Cai\tLào Cai\t2026-01-26"
            "\tTrần Thị Hồng Vân\tfine",
            "real/b.pdf\tdecision\t\tQĐ-UBND\tSở Nội vụ\tLâm Đồng\t2026\tX",
            "real/c.pdf\tother\t\t\t\t\t\t\t",
            "real/d.doc\treport\t\t\t\t\t\t\t",
            "real/e.docx\treport\t7/BC-SCT\tBC-SCT\t\t\t\t\t",
            "real/missing.pdf\tother\t\t\t\t\t\t\t",
            "real/short.pdf\tother",
        ]) + "\n", encoding="utf-8")
        write_json(self.table, {"meta": {
            "a.pdf": {"kind": "report", "number": "43 / BC-UBND", "symbol": "BC-UBND",
                      "issuer": "UBND TỈNH  LÀO CAI", "province": "lào cai", "date": "2026-01-26",
                      "signer": "Trần Thị Hồng Vân", "ward": "not scored"},
            "b.pdf": {"kind": "Decision", "number": None, "symbol": "QĐ-UBND", "issuer": "Sở Nội vụ",
                      "province": "Lâm Đồng", "date": "2026-05", "signer": None},
            "c.pdf": "refused",
            "e.docx.txt": {"kind": "report", "number": "7/BC-SCT", "symbol": "BC-SCT"}}})
        return shared, tsv

    def test_meta_set(self):
        shared, tsv = self.meta_set()
        status, out, err = self.run_set("--meta-set", str(tsv), "--shared", str(shared), "--json", "--list")
        self.assertEqual(status, 0, err)
        report = json.loads(out)
        self.assertEqual(report["fields"]["kind"]["total"], 4)  # a, b, c (refused: all null), e
        self.assertEqual({name: report["fields"][name]["right"] for name in evaluate.META_SET_FIELDS},
                         {"kind": 2, "number": 4, "symbol": 4, "issuer": 4, "province": 4, "date": 3,
                          "signer": 3})
        self.assertEqual(sorted((r["file"], r["field"]) for r in report["list"]),
                         [("real/b.pdf", "date"), ("real/b.pdf", "kind"), ("real/b.pdf", "signer"),
                          ("real/c.pdf", "kind")])
        self.assertAlmostEqual(report["fraction"]["fields"], 24 / 28)
        self.assertEqual(sorted(report["gold_errors"]),
                         ["real-meta.tsv:8: real/missing.pdf is not in " + str(shared.resolve()),
                          "real-meta.tsv:9: 2 fields, the header has 9"])
        self.assertIn("real/d.doc", err)
        self.assertIn("no_text", err)
        status, out, _ = self.run_set("--meta-set", str(tsv), "--shared", str(shared), "--min-fields", "0.9")
        self.assertEqual(status, 1)
        self.assertIn("threshold missed: meta fields = 0.857, needs >= 0.9 (--min-fields)", out)
        status, out, _ = self.run_set("--meta-set", str(tsv), "--shared", str(shared), "--min-fields", "0.85")
        self.assertEqual(status, 0, out)
        status, out, _ = self.run_set("--meta-set", str(tsv), "--shared", str(self.root / "absent"))
        self.assertEqual((status, out.split(":")[0]), (77, "skipped"))

    def test_meta_set_passes_ocr_only_when_told(self):
        shared, tsv = self.meta_set()
        table = json.loads(self.table.read_text(encoding="utf-8"))
        table["argv_log"] = str(self.root / "argv.json")
        write_json(self.table, table)
        self.assertEqual(self.run_set("--meta-set", str(tsv), "--shared", str(shared))[0], 0)
        self.assertNotIn("--ocr", json.loads((self.root / "argv.json").read_text(encoding="utf-8")))
        self.assertEqual(self.run_set("--meta-set", str(tsv), "--shared", str(shared),
                                      "--ocr", "never")[0], 0)
        argv = json.loads((self.root / "argv.json").read_text(encoding="utf-8"))
        self.assertEqual(argv[argv.index("--ocr") + 1], "never")

    def references_set(self):
        shared = self.root / "shared"
        for name in ("real/a.pdf", "real/b.pdf", "real/c.pdf", "pdf-real/d.pdf"):
            (shared / name).parent.mkdir(parents=True, exist_ok=True)
            (shared / name).write_bytes(b"%PDF-1.4 placeholder")
        tsv = self.root / "real-scan-references.tsv"
        tsv.write_text("\n".join([
            "# a comment before the header",
            "file\tnumber\tkind\tdate\tnote",
            "real/a.pdf\t42/2024/QH15\tLuật\t2024-06-29\tfine",
            "real/a.pdf\t217/2025/NĐ-CP\tNghị định\t2025-08-05\t",
            "real/a.pdf\tQCVN 01:2019/BCT\tQuy chuẩn kỹ thuật quốc gia\t\t",
            "real/a.pdf\t217 / 2025 / nđ-cp\tNghị định\t\tthe same number again",
            "real/b.pdf\t1050/QĐ-SCT\tQuyết định\t2026-03-06\t",
            "real/c.pdf\t8045/UBND-NC\tCông văn\t2025-11-27\t",
            "pdf-real/d.pdf\t06/QĐ-TTg\tQuyết định\t2022-01-06\t",
            "real/missing.pdf\t1/QĐ-UBND\t\t\t",
            "real/b.pdf\t\tQuyết định\t\tno number",
            "real/b.pdf",
        ]) + "\n", encoding="utf-8")
        write_json(self.table, {"references": {
            # Ð (U+00D0) for Đ, spaces and case: still 217/2025/NĐ-CP; QCVN read without its space
            "a.pdf": [{"number": "42/2024/QH15", "kind": "Luật", "date": "2024-06-29"},
                      {"number": "217/2025/NÐ-cp", "kind": "Nghị định", "date": None},
                      {"number": "QCVN01:2019/BCT", "kind": None, "date": None},
                      {"number": "42/2024/QH15", "kind": "Luật", "date": None},
                      {"number": "2024", "kind": None, "date": None}],
            "b.pdf": [{"number": "1050/QĐ-SCT", "kind": "Quyết định", "date": "2026-03-06"}],
            "c.pdf": "refused",
            "d.pdf": [{"number": unicodedata.normalize("NFD", "06/QĐ-TTg"), "kind": "Quyết định"}]}})  # NFD
        return shared, tsv

    def test_references_set(self):
        shared, tsv = self.references_set()
        status, out, err = self.run_set("--references-set", str(tsv), "--shared", str(shared),
                                        "--json", "--list")
        self.assertEqual(status, 0, err)
        report = json.loads(out)
        self.assertEqual(report["documents"], 4)
        files = report["files"]
        self.assertEqual([files["real/a.pdf"][k] for k in ("gold", "engine", "matched")], [3, 5, 3])
        self.assertEqual([files["real/b.pdf"][k] for k in ("gold", "engine", "matched")], [1, 1, 1])
        self.assertEqual([files["real/c.pdf"][k] for k in ("gold", "engine", "matched")], [1, 0, 0])
        self.assertEqual(files["real/c.pdf"]["precision"], 0.0)
        self.assertEqual(files["pdf-real/d.pdf"]["matched"], 1)  # NFC
        total = report["all"]
        self.assertEqual([total[k] for k in ("gold", "engine", "matched")], [6, 7, 5])
        self.assertAlmostEqual(total["recall"], 5 / 6)
        self.assertAlmostEqual(total["precision"], 5 / 7)
        self.assertEqual(sorted((r["file"], r["outcome"], r["number"]) for r in report["list"]),
                         [("real/a.pdf", "extra", "2024"), ("real/a.pdf", "extra", "42/2024/QH15"),
                          ("real/c.pdf", "missed", "8045/UBND-NC")])
        self.assertCountEqual(report["gold_errors"], [
            "real-scan-references.tsv:6: real/a.pdf cites 217 / 2025 / nđ-cp twice; the first row counts",
            "real-scan-references.tsv:10: real/missing.pdf is not in " + str(shared.resolve()),
            "real-scan-references.tsv:11: no number",
            "real-scan-references.tsv:12: 1 fields, the header has 5"])
        self.assertIn("no_text", err)
        # the table, thresholds, and the engine's own OCR default unless --ocr is given
        table = json.loads(self.table.read_text(encoding="utf-8"))
        table["argv_log"] = str(self.root / "argv.json")
        write_json(self.table, table)
        status, out, _ = self.run_set("--references-set", str(tsv), "--shared", str(shared),
                                      "--min-recall", "0.8", "--min-precision", "0.75")
        self.assertEqual(status, 1)
        self.assertIn("threshold missed: references precision = 0.714, needs >= 0.75 (--min-precision)",
                      out)
        self.assertNotIn("threshold missed: references recall", out)
        self.assertRegex(out, r"\nall +6 +7 +5 +0\.833 +0\.714")
        self.assertNotIn("--ocr", json.loads((self.root / "argv.json").read_text(encoding="utf-8")))
        status, out, err = self.run_set("--references-set", str(tsv), "--shared", str(shared),
                                        "--ocr", "never", "--list")
        self.assertEqual(status, 0, err)
        self.assertEqual(out.splitlines()[0].split("\t"), list(evaluate.REFERENCE_LIST_COLUMNS))
        self.assertIn("never", json.loads((self.root / "argv.json").read_text(encoding="utf-8")))
        status, out, _ = self.run_set("--references-set", str(tsv), "--shared", str(self.root / "absent"))
        self.assertEqual((status, out.split(":")[0]), (77, "skipped"))

    def test_references_set_usage(self):
        shared, tsv = self.references_set()
        for wrong in (["--min-fields", "1"], ["--max-wrong-values", "0"], ["--min-references-r", "1"],
                      ["--docs", str(shared)]):
            self.assertEqual(self.run_set("--references-set", str(tsv), *wrong)[0], 2, wrong)
        self.assertEqual(run_cli("--references-set", str(tsv))[0], 2)  # no --engine
        self.assertEqual(self.run_set("--mention-set", str(shared), "--ocr", "auto")[0], 2)
        self.assertEqual(run_cli("--gold", str(shared), "--pred", str(shared), "--ocr", "auto")[0], 2)
        bad = self.root / "bad.tsv"
        bad.write_text("file\tkind\n", encoding="utf-8")
        status, _, err = self.run_set("--references-set", str(bad), "--shared", str(shared))
        self.assertEqual(status, 2)
        self.assertIn("the header has no column number", err)

    def test_reference_key(self):
        key = evaluate.reference_key
        self.assertEqual(key(" 217 / 2025 / NÐ-CP"), key("217/2025/NĐ-CP"))
        self.assertEqual(key("ƉKT"), key("đkt"))
        self.assertEqual(key(unicodedata.normalize("NFD", "Số 1105/KH-ĐKT")), "số1105/kh-đkt")
        self.assertNotEqual(key("1105/KH-DKT"), key("1105/KH-ĐKT"))
        self.assertEqual(key(None), "")

    def test_meta_key(self):
        key = evaluate.meta_key
        self.assertEqual(key("issuer", "Uỷ ban nhân dân  tỉnh Lào Cai"), key("issuer", "UBND tỉnh LÀO CAI"))
        self.assertEqual(key("number", "43 / BC-UBND"), "43/BC-UBND")
        self.assertNotEqual(key("number", "43/bc-ubnd"), "43/BC-UBND")
        self.assertEqual(key("signer", None), key("signer", "  "))
        self.assertEqual(key("date", unicodedata.normalize("NFD", "Hà Nội")), "Hà Nội")
        self.assertNotEqual(key("kind", "Report"), key("kind", "report"))


@unittest.skipUnless(any((CORPUS / "real-mentions").glob("*.json")), "no real mention set")
class RealMentionSetTest(unittest.TestCase):
    """The real mention set, its gold turned into engine output, must score perfectly."""

    def test_gold_as_engine_output_scores_perfectly(self):
        tally = {}
        for path in sorted((CORPUS / "real-mentions").glob("*.json")):
            try:
                gold = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue  # being written; tools/evaluate reports it as a gold error
            passages = evaluate.mention_passages(path.name, gold, [])
            data, bases = evaluate.compose_passages(passages)
            mentions = []
            for passage, base in zip(passages, bases):
                for g in passage["golds"]:
                    mentions.append(dict(g["mention"], span={"start": base + g["start"],
                                                             "end": base + g["end"]}))
            rows, outside = evaluate.score_mention_file(path.name, passages, bases,
                                                        {"mentions": mentions}, tally)
            self.assertEqual((rows, outside), ([], 0), path.name)
        total = tally.get(("all", "all"), dict.fromkeys(evaluate.MENTION_COUNTS, 0))
        self.assertEqual(total["found"], total["gold"])
        self.assertEqual(total["correct"], total["engine"])


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
