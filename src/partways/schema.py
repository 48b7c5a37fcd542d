"""The JSON Schemas of the case and flow formats: printed by `partways schema`, read by editors
(`# yaml-language-server: $schema=…`) and applied by `flow check`.

The schema library (jsonschema) is imported only when validating, so `assess` and the other
headless commands never load it; `load_flow` and `load_case` keep their own structural checks
for the same reason, and for what a schema cannot say (conditions, references between ids).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from partways.yamlio import line_at

SchemaKind = Literal["case", "flow"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = get_args(SchemaKind)
_DIR = Path(__file__).resolve().parent / "schemas"


def schema_path(kind: SchemaKind) -> Path:
    return _DIR / f"{kind}.schema.json"


def schema_text(kind: SchemaKind) -> str:
    """The schema as shipped (what `partways schema KIND` prints)."""
    return schema_path(kind).read_text(encoding="utf-8")


@cache
def load_schema(kind: SchemaKind) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text(kind))
    return data


def _jsonable(value: Any) -> Any:
    """YAML reads an unquoted 2026-03-01 as a date; the formats take it as text, so does the
    schema."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


#: How a list item is named in a message, as the flow parser names it ("rule values_clash").
_ITEM = {
    "questions": "question",
    "signals": "signal",
    "rules": "rule",
    "steps": "step",
    "sections": "section",
    "derived": "derived",
}
_TYPES = {
    "number": "a number",
    "integer": "a whole number",
    "string": "a text",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def _where(data: Any, path: tuple[Any, ...]) -> str:
    """`rule values_clash.when`, `questions[3].type` (no id), `verdicts.keep.letter`."""
    out = ""
    node = data
    for part in path:
        item = isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        child = node[part] if item or (isinstance(node, dict) and part in node) else None
        if item and out in _ITEM and isinstance(child, dict) and isinstance(child.get("id"), str):
            out = f"{_ITEM[out]} {child['id']}"
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        node = child
    return out


def _expected(kinds: list[str]) -> str:
    names = [_TYPES.get(k, k) for k in dict.fromkeys(kinds)]
    return "expected " + (
        ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    )


def _message(error: Any) -> str:
    """jsonschema's error in the words the rest of partways uses ("verdict must be one of …")."""
    key = error.path[-1] if error.path and isinstance(error.path[-1], str) else None
    name = f"{key} " if key else ""
    if error.validator == "enum":
        return f"{name}must be one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "const":
        return f"{name}must be '{error.validator_value}'"
    if error.validator == "type":
        wanted = error.validator_value
        if wanted == "string" and error.schema.get("minLength"):
            return "expected a non-empty text"
        return _expected([wanted] if isinstance(wanted, str) else list(wanted))
    if error.validator in ("oneOf", "anyOf"):  # no branch fits: say which types would
        kinds: list[str] = []
        for sub in error.context or ():
            if sub.validator == "type" and not sub.relative_path:
                wanted = sub.validator_value
                kinds += [wanted] if isinstance(wanted, str) else list(wanted)
        return _expected(kinds) if kinds else "not one of the forms this place takes"
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return f"missing {', '.join(repr(k) for k in missing)}" if missing else str(error.message)
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = sorted(str(k) for k in error.instance if k not in known)
        word = error.schema.get("x-key-word", "key")  # what the keys are called ("role")
        return ", ".join(f"unknown {word} '{k}'" for k in extra)
    if error.validator == "minLength":
        return "expected a non-empty text"
    if error.validator == "minItems":
        return "expected at least one item"
    if error.validator == "minimum":
        return f"{name}must be ≥ {error.validator_value}"
    if error.validator == "pattern" and key == "id":
        return "'id' must be lower_snake_case text"
    return str(error.message)


def schema_problems(data: Any, kind: SchemaKind) -> list[tuple[int | None, str]]:
    """(line, message) for each place `data` (marked YAML, see yamlio) breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema(kind))
    out: list[tuple[int | None, str]] = []
    for error in validator.iter_errors(_jsonable(data)):
        # for oneOf/anyOf, the most specific sub-error says what is wrong
        best = jsonschema.exceptions.best_match([error])
        where = tuple(best.absolute_path)
        if best.validator == "additionalProperties":  # the line of the unknown key itself
            extra = [k for k in best.instance if k not in best.schema.get("properties", {})]
            line = line_at(data, (*where, extra[0])) if extra else line_at(data, where)
        else:
            line = line_at(data, where)
        names_key = best.validator in ("enum", "const", "minimum", "pattern")
        label = _where(data, where[:-1] if names_key and where else where)
        out.append((line, f"{label}: {_message(best)}" if label else _message(best)))
    return sorted(set(out), key=lambda p: (p[0] or 0, p[1]))
