"""The engine's JSON checked against docs/output.schema.json (JSON Schema 2020-12).

One place for every test that runs the engine and reads what it prints: a test adds

    sys.path.insert(0, "<repository>/tools")
    import output_schema
    output_schema.check(data, "extraction", where="baocao extract x.pdf")

and an output that breaks the contract fails that test with the JSON path of the first errors.
`tools/validate-output` is the same check from the command line.

Needs python3-jsonschema (Debian; tools/setup installs it).
"""

import functools
import json
from pathlib import Path

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "output.schema.json"

# What each command prints, by the name of its definition in the schema's $defs.
DEFINITIONS = ("extraction", "error_record", "audit", "stage_text", "stage_pages", "stage_layout", "stage_mentions")

# Errors listed in a report; the rest are counted.
SHOWN_ERRORS = 5


class SchemaError(AssertionError):
    """An output that does not follow the schema (an AssertionError, so a unittest reports it as
    the test's failure)."""


@functools.lru_cache(maxsize=None)
def schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


@functools.lru_cache(maxsize=None)
def validator(definition="extraction"):
    """A Draft 2020-12 validator (with format checks) for one definition of the schema."""
    if definition not in DEFINITIONS:
        raise ValueError(f"unknown definition {definition!r} (one of {', '.join(DEFINITIONS)})")
    root = schema()
    jsonschema.Draft202012Validator.check_schema(root)
    # The definition as the root, with the whole schema's $defs beside it for its references.
    target = {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(target, format_checker=jsonschema.FormatChecker())


def definition_of_line(record):
    """Under --jsonl a line is an extraction, or an error record for a failed input."""
    return "error_record" if isinstance(record, dict) and "error" in record else "extraction"


def errors(instance, definition="extraction"):
    """The schema's errors on `instance`, as "JSON path: message" strings, in document order."""
    found = sorted(validator(definition).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    out = []
    for error in found:
        # A failed oneOf/anyOf says little; its closest branch's error says what is wrong.
        best = jsonschema.exceptions.best_match([error]) if error.context else error
        message = best.message if len(best.message) <= 300 else best.message[:300] + "..."
        out.append(f"{best.json_path}: {message}")
    return out


def report(problems, where):
    shown = problems[:SHOWN_ERRORS]
    more = len(problems) - len(shown)
    return (f"{where}: {len(problems)} schema error(s) against {SCHEMA_PATH.name}:\n  " + "\n  ".join(shown)
            + (f"\n  ... and {more} more" if more else ""))


def check(instance, definition="extraction", where="output"):
    """Raises SchemaError naming `where` and the first errors' JSON paths unless `instance`
    follows the schema's `definition`; returns `instance`."""
    problems = errors(instance, definition)
    if problems:
        raise SchemaError(report(problems, where))
    return instance


def parse(text, definition="extraction", where="output"):
    """json.loads(text), checked: what a test reads from the engine's standard output."""
    return check(json.loads(text), definition, where)


def check_jsonl(text, where="output"):
    """Each line of `baocao extract --jsonl` output: an extraction or an error record."""
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    for n, record in enumerate(records, 1):
        check(record, definition_of_line(record), f"{where}, line {n}")
    return records


def schema_version():
    """The version the schema pins (its $defs.schema_version const)."""
    return schema()["$defs"]["schema_version"]["const"]
