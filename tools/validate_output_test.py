#!/usr/bin/env python3
"""docs/output.schema.json and tools/validate-output (issue 21): the schema is a valid JSON Schema
2020-12; it pins the version the engine writes and docs/OUTPUT.md shows; its closed sets are the
names the code writes; a well-formed output passes and outputs broken one way each (a fact
without its span, a value of the wrong type, an unknown field...) are rejected, so a validator
that accepts everything fails here. No engine needed: the engine's own outputs are checked by
tests/cli/output_schema_test.py."""

import copy
import json
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import jsonschema  # noqa: E402
import output_schema  # noqa: E402

VALIDATE = [sys.executable, str(ROOT / "tools" / "validate-output")]


def span(start=10, text="86,98%", **extra):
    return {"start": start, "end": start + len(text.encode()), "line": 3, "page": None, "text": text, **extra}


def extraction():
    """A small output of the shape `baocao extract` prints for a text document."""
    return {
        "schema_version": output_schema.schema_version(),
        "document": {"path": "x.txt", "sha256": "0" * 64, "format": "text", "pages": None, "bytes": 500,
                     "encoding": "utf-8", "repairs": ["characters", "decoded:windows-1258"]},
        "meta": {"kind": "report", "number": "43/BC-UBND", "symbol": "BC-UBND", "issuer": "UBND phường Chí Linh",
                 "ward": "Chí Linh", "province": None, "date": "2026-01-26", "signer": None, "signer_title": None,
                 "title": None, "place": "Chí Linh", "recipients": ["Như trên"]},
        "references": [{"kind": "Nghị quyết", "number": "57-NQ/TW", "date": "2024-12-22", "variants": [],
                        "spans": [span(40, "Nghị quyết số 57-NQ/TW")]}],
        "facts": [{"indicator": "tthc.online_application_rate", "role": "actual", "value": 86.98, "unit": "%",
                   "comparator": None, "period": "2025", "label": "Tỷ lệ nộp hồ sơ trực tuyến", "span": span(),
                   "qualifiers": ["trực tuyến"]},
                  {"indicator": "tthc.online_application_rate", "role": "assessment", "value": True, "unit": None,
                   "comparator": ">=", "period": None, "label": "đạt", "span": span(90, "đạt")}],
        "mentions": [{"type": "percent", "value": 86.98, "unit": "%", "rule": "percent.decimal", "span": span()},
                     {"type": "money", "value": {"from": 1000, "to": 2000}, "unit": "đồng", "comparator": ">",
                      "rule": "money.range", "span": span(60, "từ 1.000 đến 2.000 đồng")},
                     {"type": "fraction", "value": {"numerator": 32, "denominator": 34}, "unit": "địa phương",
                      "rule": "fraction.slash", "span": span(70, "32/34 địa phương")},
                     {"type": "date", "value": "--08-23", "unit": None, "year_inferred": True, "rule": "date.dm_numeric",
                      "span": span(80, "ngày 23/8")},
                     {"type": "period", "value": "2025-07-01/2025-08-19", "unit": None, "rule": "period.range",
                      "span": span(100, "từ ngày 1/7 đến 19/8/2025")},
                     {"type": "reference", "value": "57-NQ/TW", "kind": "Nghị quyết", "date": None, "unit": None,
                      "rule": "reference.kind_number", "span": span(40, "Nghị quyết số 57-NQ/TW")}],
        "tables": [{"span": span(200, "STT\tNội dung"), "header": [["STT", "Nội dung"]], "rows": [["1", "a"]],
                    "row_lines": [12]}],
        "sections": [{"level": 1, "number": "I", "title": "KẾT QUẢ", "line": 9}],
        "flags": [{"kind": "sum_mismatch", "severity": "error", "indicators": [], "stated": 377, "computed": 378,
                   "explanation": "218 + 160 = 378, không phải 377", "evidence": [span(300, "377")],
                   "rule": "rules/audit/relations.rel:19"}],
        "checks": [{"relation": "sum", "rule": "builtin:stated_parts", "indicators": [], "stated": 12, "computed": 12,
                    "holds": True, "members": [{"indicator": None, "role": "total", "value": 12, "span": span(400, "12")}]}],
    }


def broken(change):
    out = extraction()
    change(out)
    return out


# Each a way an output can break the contract, and a JSON path its error must name.
BROKEN = [
    ("a fact without its span", lambda x: x["facts"][0].pop("span"), "$.facts[0]"),
    ("a fact value as a string", lambda x: x["facts"][0].update(value="86,98"), "$.facts[0].value"),
    ("an assessment that is a number", lambda x: x["facts"][1].update(value=1), "$.facts[1].value"),
    ("a span offset as a string", lambda x: x["mentions"][0]["span"].update(start="10"), "$.mentions[0].span.start"),
    ("a line 0", lambda x: x["references"][0]["spans"][0].update(line=0), "$.references[0].spans[0].line"),
    ("a bbox of three numbers", lambda x: x["flags"][0]["evidence"][0].update(bbox=[1, 2, 3]), "$.flags[0].evidence[0].bbox"),
    ("an origin naming a paragraph and a table", lambda x: x["facts"][0]["span"].update(origin={"paragraph": 2, "table": 1}),
     "$.facts[0].span.origin"),
    ("a confidence over 100", lambda x: x["facts"][0]["span"].update(confidence=101), "$.facts[0].span.confidence"),
    ("an unknown top-level field", lambda x: x.update(extra=1), "$"),
    ("a missing list", lambda x: x.pop("checks"), "$"),
    ("an unknown flag kind", lambda x: x["flags"][0].update(kind="sum_mismatches"), "$.flags[0].kind"),
    ("a severity in capitals", lambda x: x["flags"][0].update(severity="Error"), "$.flags[0].severity"),
    ("a flag without evidence", lambda x: x["flags"][0].update(evidence=[]), "$.flags[0].evidence"),
    ("an unknown format", lambda x: x["document"].update(format="doc"), "$.document.format"),
    ("an unknown repair", lambda x: x["document"]["repairs"].append("ocr:0"), "$.document.repairs[2]"),
    ("a sha256 in capitals", lambda x: x["document"].update(sha256="A" * 64), "$.document.sha256"),
    ("another schema version", lambda x: x.update(schema_version="1.0"), "$.schema_version"),
    ("a percent in another unit", lambda x: x["mentions"][0].update(unit="đồng"), "$.mentions[0].unit"),
    ("a reference mention without its kind", lambda x: x["mentions"][5].pop("kind"), "$.mentions[5]"),
    ("a kind on a date mention", lambda x: x["mentions"][3].update(kind="Nghị quyết"), "$.mentions[3]"),
    ("a date in another form", lambda x: x["mentions"][3].update(value="23/8/2025"), "$.mentions[3].value"),
    ("a period in another form", lambda x: x["facts"][0].update(period="năm 2025"), "$.facts[0].period"),
    ("a fraction without its denominator", lambda x: x["mentions"][2]["value"].pop("denominator"), "$.mentions[2].value"),
    ("year_inferred false (absent when false)", lambda x: x["mentions"][3].update(year_inferred=False),
     "$.mentions[3].year_inferred"),
    ("an unknown comparator", lambda x: x["facts"][1].update(comparator="≥"), "$.facts[1].comparator"),
    ("an unknown meta kind", lambda x: x["meta"].update(kind="bao_cao"), "$.meta.kind"),
    ("a check member with an unknown role", lambda x: x["checks"][0]["members"][0].update(role="sum"),
     "$.checks[0].members[0].role"),
    ("an indicator that is no id", lambda x: x["facts"][0].update(indicator="Tỷ lệ"), "$.facts[0].indicator"),
]


def names_in(path, pattern):
    return set(re.findall(pattern, (ROOT / path).read_text(encoding="utf-8")))


class TheSchema(unittest.TestCase):
    def test_is_a_valid_2020_12_schema(self):
        schema = output_schema.schema()
        self.assertEqual(schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        self.assertTrue(schema["$id"])
        jsonschema.Draft202012Validator.check_schema(schema)
        for definition in output_schema.DEFINITIONS:
            self.assertIn(definition, schema["$defs"])

    def test_pins_the_version_the_engine_writes_and_the_contract_shows(self):
        version = output_schema.schema_version()
        header = (ROOT / "extractor/include/baocao/emit/json.h").read_text(encoding="utf-8")
        self.assertIn(f'kSchemaVersion = "{version}";', header)
        self.assertIn(f'"schema_version": "{version}"', (ROOT / "docs/OUTPUT.md").read_text(encoding="utf-8"))
        self.assertRegex(version, r"^[0-9]+\.[0-9]+$")

    def test_closed_sets_are_the_names_the_code_writes(self):
        defs = output_schema.schema()["$defs"]
        names = "extractor/src/emit/names.cc"
        table = lambda enum: names_in(names, r"\{" + enum + r"::k\w+, \"([^\"]*)\"\}")
        self.assertEqual(set(defs["flag"]["properties"]["severity"]["enum"]), table("Severity"))
        self.assertEqual(set(defs["fact"]["properties"]["role"]["enum"]), table("Role"))
        self.assertEqual(set(defs["check_member"]["properties"]["role"]["enum"]), table("MemberRole"))
        self.assertEqual(set(defs["comparator"]["enum"]), table("Comparator") - {""})
        self.assertEqual(set(defs["document"]["properties"]["format"]["enum"]), table("Format"))
        status = "extractor/src/core/status.cc"
        self.assertEqual(set(defs["error_record"]["properties"]["error"]["properties"]["code"]["enum"]),
                         names_in(status, r"case ErrorCode::k\w+: return \"(\w+)\"") - {"ok"})
        self.assertEqual(set(defs["mention"]["properties"]["type"]["enum"]),
                         names_in(status, r"case MentionType::k\w+: return \"(\w+)\""))


class Validation(unittest.TestCase):
    def test_a_well_formed_output_passes(self):
        self.assertEqual(output_schema.errors(extraction()), [])
        with_word_and_ocr = extraction()
        with_word_and_ocr["facts"][0]["span"].update(origin={"table": 2, "row": 3, "cell": 4}, confidence=62.5,
                                                     uncertain=True, bbox=[10.5, 20, 30.25, 40])
        self.assertEqual(output_schema.errors(with_word_and_ocr), [])

    def test_each_broken_output_is_rejected_at_its_path(self):
        for name, change, path in BROKEN:
            with self.subTest(name):
                found = output_schema.errors(broken(change))
                self.assertTrue(found, f"{name}: accepted")
                self.assertTrue(any(e.startswith(path + ":") or e.startswith(path + ".") or e.startswith(path + "[")
                                    for e in found), f"{name}: {found}")
                with self.assertRaises(output_schema.SchemaError):
                    output_schema.check(broken(change), where=name)

    def test_error_records_and_stages(self):
        error = {"schema_version": output_schema.schema_version(), "document": {"path": "x.pdf"},
                 "error": {"code": "encrypted", "message": "the PDF is encrypted"}}
        self.assertEqual(output_schema.errors(error, "error_record"), [])
        self.assertTrue(output_schema.errors(dict(error, error={"code": "locked", "message": "x"}), "error_record"))
        pages = {"pages": [{"page": 1, "text": "a", "text_layer": "absent", "ocr": True}]}
        self.assertEqual(output_schema.errors(pages, "stage_pages"), [])
        self.assertTrue(output_schema.errors({"pages": [{"page": 1, "text": "a", "text_layer": "none"}]}, "stage_pages"))
        mention = dict(extraction()["mentions"][0], rendered="86.98%")
        self.assertEqual(output_schema.errors({"mentions": [mention]}, "stage_mentions"), [])
        self.assertTrue(output_schema.errors({"mentions": [mention]}), "a stage is no extraction")
        self.assertTrue(output_schema.errors(extraction()["mentions"][0] | {"rendered": "x"}, "extraction"))
        with self.assertRaises(ValueError):
            output_schema.validator("nothing")


class Command(unittest.TestCase):
    def run_on(self, text, *args):
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
            f.write(text)
        try:
            return subprocess.run([*VALIDATE, *args, f.name], capture_output=True, text=True)
        finally:
            Path(f.name).unlink()

    def test_exit_status_and_the_json_path_of_the_errors(self):
        self.assertEqual(self.run_on(json.dumps(extraction())).returncode, 0)
        bad = self.run_on(json.dumps(broken(lambda x: x["facts"][0].pop("span"))))
        self.assertEqual(bad.returncode, 1)
        self.assertIn("$.facts[0]: 'span' is a required property", bad.stdout)
        self.assertEqual(self.run_on("{not json").returncode, 2)

    def test_jsonl_lines_are_extractions_or_error_records(self):
        error = {"schema_version": output_schema.schema_version(), "document": {"path": "x"},
                 "error": {"code": "empty", "message": "empty file"}}
        lines = "\n".join(json.dumps(x) for x in (extraction(), error)) + "\n"
        self.assertEqual(self.run_on(lines, "--jsonl").returncode, 0)
        wrong = copy.deepcopy(error)
        wrong["error"]["code"] = "gone"
        out = self.run_on(lines + json.dumps(wrong) + "\n", "--jsonl")
        self.assertEqual(out.returncode, 1)
        self.assertIn("line 3", out.stdout)
        self.assertIn("$.error.code", out.stdout)

    def test_standard_input_and_a_definition(self):
        run = subprocess.run([*VALIDATE, "--def", "stage_pages", "-q"], input='{"pages": []}', capture_output=True, text=True)
        self.assertEqual((run.returncode, run.stdout), (0, ""))


if __name__ == "__main__":
    unittest.main()
