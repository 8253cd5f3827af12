"""JSON Schema (draft 2020-12) of the JSON output: the contract of docs/json.md, machine-readable.

`seoul-econ schema NAME` prints one; tests validate real output against every one.
"""

from __future__ import annotations

from typing import Any

from . import models as m

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _obj(properties: dict[str, Any], required: tuple[str, ...] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required or properties),
            "additionalProperties": False}


def _nullable(kind: str | dict[str, Any]) -> dict[str, Any]:
    schema = {"type": kind} if isinstance(kind, str) else kind
    return {"anyOf": [schema, {"type": "null"}]}


REF = {name: {"$ref": f"#/$defs/{name}"} for name in
       ("source", "budget", "target", "milestone", "division", "division_not_stated", "program", "hit", "finding", "report", "error",
        "organisation", "unit", "lineage")}
DATE = {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?|-H[12]|-Q[1-4])?$"}

DEFS: dict[str, Any] = {
    "source": _obj({"report": {"type": "string"}, "quote": {"type": "string", "minLength": 1}}),
    "budget": _obj({"year": _nullable("integer"), "kind": {"enum": list(m.BUDGET_KINDS)}, "amount": {"type": "number"},
                    "unit": {"enum": list(m.UNIT_WON)}, "amount_krw": {"type": "integer"}, "period": _nullable("string"),
                    "note": _nullable("string"), "year_printed": {"type": "boolean"},
                    "includes_parts": {"type": "boolean"}, "source": REF["source"]}),
    "target": _obj({"year": _nullable("integer"), "kind": {"enum": list(m.TARGET_KINDS)}, "text": {"type": "string"},
                    "value": _nullable("number"), "unit": _nullable("string"), "note": _nullable("string"),
                    "source": REF["source"]}),
    "milestone": _obj({"date": DATE, "end": _nullable(DATE), "status": {"enum": list(m.MILESTONE_STATUSES)},
                       "event": {"type": "string"}, "note": _nullable("string"), "source": REF["source"]}),
    "division": _obj({"year": {"type": "integer"}, "name": {"type": "string"}, "source": REF["source"]}),
    # a report that describes the programme without naming who runs it (never matched by --division)
    "division_not_stated": _obj({"year": {"type": "integer"}, "reason": {"type": "string", "minLength": 1},
                                 "source": REF["source"]}),
    "program": _obj({
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}, "name": {"type": "string"},
        "name_en": _nullable("string"),
        "aliases": {"type": "array", "items": _obj({"name": {"type": "string"}, "report": _nullable("string")})},
        "agency": {"enum": list(m.AGENCIES)}, "part_of": _nullable("string"), "successor_of": _nullable("string"),
        "divisions": {"type": "array", "items": REF["division"]},
        "divisions_not_stated": {"type": "array", "items": REF["division_not_stated"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "summary": {"type": "string"}, "years": {"type": "array", "items": {"type": "integer"}},
        "budgets": {"type": "array", "items": REF["budget"]}, "targets": {"type": "array", "items": REF["target"]},
        "milestones": {"type": "array", "items": REF["milestone"]},
        "mentions": {"type": "array", "items": REF["source"]}, "sources": {"type": "array", "items": {"type": "string"}},
    }),
    "hit": _obj({"id": {"type": "string"}, "name": {"type": "string"}, "score": {"type": "number"},
                 "matched": {"enum": ["name", "alias", "name_en", "id", "heading", "part", "parent", "tag", "division",
                                      "summary", "detail", "quote"]},
                 "matched_text": {"type": "string"},
                 "matched_words": {"type": "array", "items": {"type": "string"}},
                 "missing_words": {"type": "array", "items": {"type": "string"}},
                 "query_year": _nullable("integer"), "year_matched": _nullable("boolean"), "weak": {"type": "boolean"}}),
    "finding": _obj({
        "id": {"type": "string", "pattern": "^(correction|proposal|data-request)-[0-9]+$"},
        "category": {"enum": list(m.FINDING_CATEGORIES.values())}, "category_label": {"type": "string"},
        "number": {"type": "integer"}, "division": {"type": "string"},
        "status": {"enum": list(m.FINDING_STATUSES.values())}, "status_label": {"type": "string"},
        "finding": {"type": "string"}, "actions": {"type": "string"},
        "plans": {"type": "array", "items": _obj({"date": DATE, "end": _nullable(DATE), "event": {"type": "string"},
                                                  "source": REF["source"]})},
        "programs": {"type": "array", "items": {"type": "string"}}, "source": REF["source"]}),
    "report": _obj({"id": {"type": "string"}, "title": {"type": "string"}, "organization": {"type": "string"},
                    "agency": {"enum": list(m.AGENCIES)}, "date": DATE, "as_of": _nullable(DATE),
                    "occasion": {"type": "string"}, "file": {"type": "string"}, "programs": {"type": "integer"},
                    "toc": {"type": "array", "items": _obj({"heading": {"type": "string"},
                                                            "programs": {"type": "array", "items": {"type": "string"}},
                                                            "not_program": _nullable("string")})}},
                   required=("id", "title", "organization", "agency", "date", "as_of", "occasion", "file", "programs")),
    "error": _obj({"error": _obj({"code": {"type": "string"}, "message": {"type": "string"},
                                  "candidates": {"type": "array", "items": {"type": "string"}}})}),
}
_EXECUTION = _obj({"budget": {"type": "integer"}, "committed": _nullable("integer"), "spent": _nullable("integer"),
                   "committed_rate": _nullable("number"), "spent_rate": _nullable("number"),
                   "source": {"$ref": "#/$defs/source"}})
DEFS["unit"] = {"type": "object", "required": ["name", "kind", "parent", "quota", "current", "duties", "execution", "programs"],
                "properties": {"name": {"type": "string"}, "kind": {"type": "string"}, "parent": _nullable("string"),
                               "quota": _nullable("integer"), "current": _nullable("integer"),
                               "duties": {"type": "array", "items": {"type": "string"}},
                               "execution": _nullable(_EXECUTION), "programs": {"type": "array", "items": {"type": "string"}},
                               # in `division` output each unit also names its report
                               "report": {"type": "string"}, "agency": {"enum": list(m.AGENCIES)}},
                "additionalProperties": False}
DEFS["lineage"] = _obj({"from": {"type": "string"}, "to": {"type": "string"},
                        "kind": {"enum": list(m.LINEAGE_KINDS)}, "from_report": {"type": "string"},
                        "to_report": {"type": "string"}, "confidence": {"type": "string"},
                        "evidence": {"type": "string"}, "source": {"$ref": "#/$defs/source"}})
DEFS["organisation"] = _obj({
    "report": {"type": "string"}, "agency": {"enum": list(m.AGENCIES)}, "name": {"type": "string"},
    "as_of": {"type": "string"}, "summary": {"type": "string"},
    "staff": _obj({"quota": {"type": "integer"}, "current": {"type": "integer"}}),
    "units": {"type": "array", "items": {"$ref": "#/$defs/unit"}},
    "execution": _nullable(_obj({"unit": {"type": "string"}, "as_of": _nullable("string"), "total": _EXECUTION,
                                 "note": _nullable("string")})),
    "finance": _nullable({"type": "object"})})

# What each command prints with --json.
OUTPUTS: dict[str, dict[str, Any]] = {
    "program": REF["program"],
    # show: the programme object, and what the name given was resolved from when it was a guess
    "show": _obj({**DEFS["program"]["properties"], "resolved_from": _nullable("string")}),
    "list": {"type": "array", "items": REF["program"]},
    "search": {"type": "array", "items": REF["hit"]},
    "timeline": _obj({"id": {"type": "string"}, "name": {"type": "string"},
                      "milestones": {"type": "array", "items": REF["milestone"]},
                      "plans": {"type": "array", "items": _obj({
                          "plan": REF["milestone"], "report": {"type": "string"},
                          "state": {"enum": ["reported", "rescheduled", "unreported", "upcoming"]},
                          "state_label": {"type": "string"}, "outcome": _nullable(REF["milestone"])})}}),
    "timelines": _obj({"from": {"type": "integer"}, "to": {"type": "integer"},
                       "programs": {"type": "array", "items": _obj({
                           "id": {"type": "string"}, "name": {"type": "string"},
                           "milestones": {"type": "array", "items": REF["milestone"]}})}}),
    "divisions": {"type": "array", "items": REF["organisation"]},
    "division": _obj({"name": {"type": "string"}, "names": {"type": "array", "items": {"type": "string"}},
                      "lineage": {"type": "array", "items": REF["lineage"]},
                      "reports": {"type": "array", "items": REF["unit"]}}),
    "compare": _obj({
        "before": {"type": "string"}, "after": {"type": "string"},
        **{key: {"type": "array", "items": _obj({"id": {"type": "string"}, "name": {"type": "string"}})}
           for key in ("new", "continuing", "dropped")},
        "budget_changes": {"type": "array", "items": _obj({
            "id": {"type": "string"}, "name": {"type": "string"}, "before": REF["budget"], "after": REF["budget"],
            "change_krw": {"type": "integer"}, "change_percent": _nullable("number")})},
        "lineage": {"type": "array", "items": {"type": "object"}}}),
    "budget": _obj({"id": {"type": "string"}, "name": {"type": "string"}, "budgets": {"type": "array", "items": REF["budget"]}}),
    "budget_summary": _obj({"year": {"type": "integer"}, "total_krw": {"type": "integer"},
                            "programs": {"type": "array", "items": {"type": "object"}}}),
    "validate": _obj({"ok": {"type": "boolean"}, "path": {"type": "string"}, "reports": {"type": "integer"},
                      "programs": {"type": "integer"}, "findings": {"type": "integer"}, "quotes": {"type": "integer"},
                      "problems": {"type": "array", "items": {"type": "string"}}}),
    "coverage": _obj({"complete": {"type": "boolean"}, "reports": {"type": "array", "items": _obj({
        "report": {"type": "string"},
        "headings": _obj({key: {"type": "integer"} for key in ("found", "listed", "covered", "marked", "rule", "not_covered")}),
        "rows": _obj({key: {"type": "integer"} for key in ("listed", "covered", "marked")}),
        "items": {"type": "array", "items": _obj({
            "kind": {"enum": ["heading", "row"]}, "text": {"type": "string"},
            "lines": {"type": "array", "items": {"type": "integer"}},
            "origin": {"enum": ["body", "bookmark", "catalogue"]},
            "status": {"enum": ["covered", "marked", "rule", "not_covered"]},
            "programs": {"type": "array", "items": {"type": "string"}},
            "findings": {"type": "array", "items": {"type": "string"}},
            "reason": _nullable("string"), "table": _nullable("string")})}})}}),
    "reports": {"type": "array", "items": REF["report"]},
    "report": REF["report"],
    "findings": {"type": "array", "items": REF["finding"]},
    "finding": REF["finding"],
    "error": REF["error"],
}


def schema_for(name: str) -> dict[str, Any]:
    """A standalone schema document for one output (KeyError for an unknown name)."""
    return {"$schema": DRAFT, "$id": f"https://seoul-econ.invalid/schema/{name}.json",
            "title": f"seoul-econ {name} --json", **OUTPUTS[name], "$defs": DEFS}

