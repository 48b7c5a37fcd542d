"""Every YAML file partways ships or tests with loads with PyYAML's pure-Python SafeLoader.

libyaml (CSafeLoader) accepts a few things the YAML spec and the pure-Python loader reject, such
as an unquoted `?` inside a flow mapping; partways falls back to the pure-Python loader when
libyaml is absent, so a file only libyaml reads would leave it unable to load its own flow.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from partways.errors import clean_text
from partways.yamlio import _plain, dump_yaml, parse_yaml
from tests.helpers import examples

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    p
    for folder in ("flows", "examples", "tests/data")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in (".yaml", ".yml")
)


def test_there_are_files_to_check():
    assert any(p.parent.name == "flows" for p in SHIPPED)
    assert len(SHIPPED) >= 10


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
def test_pure_python_loader_reads_it_like_libyaml(path):
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    if hasattr(yaml, "CSafeLoader"):
        assert pure == yaml.load(text, Loader=yaml.CSafeLoader)


def test_the_pure_python_loader_rejects_what_the_flow_once_held():
    with pytest.raises(yaml.YAMLError):
        yaml.load("text: {fr: Qu'est-ce qui ?, en: What?}", Loader=yaml.SafeLoader)


#: text as a saved case holds it: partways drops control characters when it reads (clean_text)
_TEXT = st.text(max_size=160).map(clean_text)
_SCALARS = st.one_of(
    _TEXT,
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(_TEXT, _VALUES, max_size=6))
def test_what_partways_writes_reads_back_the_same_with_either_loader(data):
    """`dump_yaml` uses libyaml's emitter when PyYAML has it: whatever a case holds (any text,
    quotes, line breaks, non-Latin letters, numbers that look like strings), the pure-Python
    loader, libyaml's and partways' own read it back as it was written."""
    text = dump_yaml(data)
    assert yaml.load(text, Loader=yaml.SafeLoader) == data
    assert _plain(parse_yaml(text, "<case>")) == data
    assert (
        yaml.load(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), Loader=yaml.SafeLoader)
        == data
    )


def test_a_letter_outside_the_basic_plane_is_written_as_itself():
    """libyaml would write an emoji in a note as `\\U0001F600`: the file is for people too."""
    text = dump_yaml({"notes": {"more_without_budget": "Client ravi 😀, mais 3 pages de plus"}})
    assert "😀" in text and "\\U" not in text
    assert yaml.load(text, Loader=yaml.SafeLoader)["notes"]["more_without_budget"].endswith("plus")
