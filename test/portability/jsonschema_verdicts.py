"""Verdicts of Python's jsonschema (Draft202012Validator with its format checker) on a corpus.

Input (argv[1]): {"schemas": {"<Model>": "<path of bundled schema>"}, "payloads": [{"model": ..., "text": ...}]}
Output (stdout): {"version": jsonschema's version, "formats": [the formats its checker asserts],
"verdicts": [one boolean per payload: is it valid?]}
json.loads keeps integers exact, so 2**63 is read as 9223372036854775808 in schemas and payloads.
"""
import json
import sys
from importlib.metadata import version

import jsonschema
from jsonschema import Draft202012Validator

# Draft202012Validator.FORMAT_CHECKER since jsonschema 4.14; Debian bookworm ships 4.10.
FORMAT_CHECKER = getattr(Draft202012Validator, "FORMAT_CHECKER", None) or jsonschema.draft202012_format_checker


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    validators = {}
    for model, path in request["schemas"].items():
        with open(path, encoding="utf-8") as schema_file:
            schema = json.load(schema_file)
        Draft202012Validator.check_schema(schema)
        validators[model] = Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    verdicts = [validators[p["model"]].is_valid(json.loads(p["text"])) for p in request["payloads"]]
    json.dump({"version": version("jsonschema"), "formats": sorted(FORMAT_CHECKER.checkers), "verdicts": verdicts}, sys.stdout)


if __name__ == "__main__":
    main()
