"""The case cache: a case partways saved is opened again without PyYAML, exactly as parsed.

What matters: the data taken from the cache is the data YAML gives for those bytes (line numbers
included), any other bytes, path or shape is a miss, and the copies it keeps of client data
stay private, one per case file, bounded in number and age.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways import case_cache
from partways.paths import case_cache_dir
from partways.session import Session
from partways.yamlio import MarkedDict, MarkedList, dump_yaml, parse_yaml
from tests.helpers import examples, modules_after


def _lines(data: Any) -> Any:
    """Data with the line of every key and item, to compare two parses whole."""
    if isinstance(data, MarkedDict):
        return ("d", data.line, [(k, data.lines[k], _lines(v)) for k, v in data.items()])
    if isinstance(data, MarkedList):
        return ("l", data.line, [(ln, _lines(v)) for ln, v in zip(data.lines, data, strict=True)])
    return (type(data).__name__, data)


def _entries() -> list[Path]:
    return sorted(case_cache_dir().glob("*.marshal"))


def test_a_saved_case_is_kept_parsed_and_private(example) -> None:
    path = example("scope-creep")
    session = Session.open(path)
    session.answer("monthly_fee", 3100)
    session.save()
    raw = path.read_bytes()
    hit = case_cache.cached_data(path, raw)
    assert hit is not None
    assert _lines(hit) == _lines(parse_yaml(raw.decode("utf-8"), path))
    assert hit["answers"]["monthly_fee"] == 3100
    [entry] = _entries()  # one per case file, replaced at each save
    assert entry.stat().st_mode & 0o777 == 0o600
    assert case_cache_dir().stat().st_mode & 0o777 == 0o700
    session.answer("monthly_fee", 3200)
    session.save()
    assert _entries() == [entry]
    assert case_cache.cached_data(path, raw) is None  # the bytes of before: a miss
    assert case_cache.cached_data(path, path.read_bytes())["answers"]["monthly_fee"] == 3200


def test_other_bytes_another_path_or_a_broken_entry_is_a_miss(example, tmp_path) -> None:
    path = example("scope-creep")
    Session.open(path)  # a file opened is kept too (it was parsed to be opened)
    raw = path.read_bytes()
    assert case_cache.cached_data(path, raw) is not None
    assert case_cache.cached_data(path, raw + b"\n") is None
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(raw)
    assert case_cache.cached_data(copy, raw) is None
    [entry] = _entries()
    header, name, source, data = marshal.loads(entry.read_bytes())
    for payload in (
        (header, str(copy), source, data),  # another case's entry under this name
        (header, name, source, ("d", 1, [("client", 1, float("inf"))])),
        (header, name, source.decode(), data),
        ("partways-case-cache/0", name, source, data),
    ):
        entry.write_bytes(marshal.dumps(payload))
        assert case_cache.cached_data(path, raw) is None
    entry.write_bytes(b"\x00not marshal")
    assert case_cache.cached_data(path, raw) is None
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert case_cache.cached_data(path, raw) is None


def test_a_resumed_case_needs_no_yaml_and_an_edited_one_is_parsed(example) -> None:
    path = example("steady-client")
    session = Session.open(path)
    session.answer("monthly_fee", 2500)
    session.save()
    code = (
        "from partways.session import Session\n"
        f"s = Session.open({str(path)!r})\n"
        "assert s.case.answers['monthly_fee'] == 2500, s.case.answers\n"
    )
    from partways import flow as flow_module

    flow_module._CACHE.clear()  # the flow read from disk: its own cache entry is written
    flow_module.load_flow("client-review")
    assert modules_after(code, ("yaml",)) == []
    path.write_text(path.read_text(encoding="utf-8").replace("2500", "2600"), encoding="utf-8")
    code = code.replace("2500", "2600")
    assert "yaml" in modules_after(code, ("yaml",))


def test_dates_and_lines_survive(example) -> None:
    path = example("scope-creep")
    session = Session.open(path)
    session.case.next_review = dt.date(2027, 2, 28)
    session.case.letter["contract_date"] = dt.date(2025, 3, 1)
    session.save(force=True)
    hit = case_cache.cached_data(path, path.read_bytes())
    assert hit["next_review"] == dt.date(2027, 2, 28)
    assert hit["letter"]["contract_date"] == dt.date(2025, 3, 1)
    assert _lines(hit) == _lines(parse_yaml(path.read_text(encoding="utf-8"), path))
    reopened = Session.open(path)  # from the cache: an error would still name its line
    assert reopened.case.next_review == dt.date(2027, 2, 28)


def test_entries_are_bounded_in_number_and_age(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(case_cache, "MAX_ENTRIES", 5)
    data = parse_yaml("format: partways/1\n", "x")
    paths = [tmp_path / f"c{n}.yaml" for n in range(8)]
    for n, path in enumerate(paths):
        case_cache.remember(path, b"format: partways/1\n", data)
        entry = case_cache._key(path)[1]
        os.utime(entry, (time.time() - 100 + n, time.time() - 100 + n))
    assert len(_entries()) == 5
    kept = [p for p in paths if case_cache.cached_data(p, b"format: partways/1\n") is not None]
    assert kept == paths[3:]  # the most recent ones
    old = case_cache._key(paths[3])[1]
    os.utime(old, (time.time() - case_cache.MAX_AGE - 10,) * 2)
    case_cache.remember(paths[0], b"format: partways/1\n", data)
    assert not old.exists()
    case_cache.forget(paths[0])
    assert case_cache.cached_data(paths[0], b"format: partways/1\n") is None


_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)


@settings(
    max_examples=examples(600, 60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    notes=st.dictionaries(st.sampled_from(["a", "b", "monthly_fee"]), _text, max_size=3),
    fee=st.one_of(
        st.none(), st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False)
    ),
    day=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
)
def test_what_the_cache_gives_is_what_yaml_gives(tmp_path, notes, fee, day) -> None:
    data: dict[str, Any] = {"format": "partways/1", "notes": notes, "answers": {"fee": fee}}
    if day is not None:
        data["next_review"] = day
    text = dump_yaml(data)
    path = tmp_path / "p.yaml"
    parsed = parse_yaml(text, path)
    case_cache.remember(path, text.encode("utf-8"), parsed)
    hit = case_cache.cached_data(path, text.encode("utf-8"))
    assert hit is not None and _lines(hit) == _lines(parsed)


@pytest.mark.parametrize("size", [case_cache.CASE_MAX_BYTES + 1])
def test_a_file_over_the_case_limit_is_not_kept(tmp_path, size) -> None:
    path = tmp_path / "big.yaml"
    case_cache.remember(path, b"x" * size, parse_yaml("a: 1\n", path))
    assert _entries() == []
