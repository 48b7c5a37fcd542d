"""Every YAML file partways ships or tests with loads with PyYAML's pure-Python SafeLoader.

libyaml (CSafeLoader) accepts a few things the YAML spec and the pure-Python loader reject, such
as an unquoted `?` inside a flow mapping; partways falls back to the pure-Python loader when
libyaml is absent, so a file only libyaml reads would leave it unable to load its own flow.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
