"""The parsed-flow cache must be invisible: same data, same line numbers, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from partways import flow as flow_module
from partways import yaml_cache, yamlio
from partways.errors import PartwaysError
from partways.flow import load_flow
from partways.paths import flows_dir, yaml_cache_dir
from partways.yaml_cache import load_yaml_cached
from partways.yamlio import line_at, load_yaml

FLOW = flows_dir() / "client-review.yaml"


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("parsed the YAML instead of reading the cache")

    monkeypatch.setattr(yaml_cache, "parse_yaml", refuse)


def test_second_load_comes_from_the_cache_with_the_same_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = load_yaml(FLOW)
    first = load_yaml_cached(FLOW, tmp_path)
    assert len(list(tmp_path.glob("*.marshal"))) == 1
    no_parsing(monkeypatch)
    second = load_yaml_cached(FLOW, tmp_path)
    assert second == first == plain
    for loc in [("questions", 3, "text", "fr"), ("rules", 5, "when"), ("steps", 0)]:
        assert line_at(second, loc) == line_at(first, loc) is not None
    assert type(second["questions"]) is yamlio.MarkedList
    assert second["questions"].lines == first["questions"].lines


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml_cached(path, tmp_path / "cache") == {"a": 1}
    path.write_text("a: 2\n", encoding="utf-8")
    assert load_yaml_cached(path, tmp_path / "cache") == {"a": 2}


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01junk", b"\xe9"])  # marshal of an int: 0xe9
def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    cache = tmp_path / "cache"
    load_yaml_cached(path, cache)
    (entry,) = cache.glob("*.marshal")
    entry.write_bytes(garbage)
    assert load_yaml_cached(path, cache) == {"a": [1, 2]}


def test_an_unwritable_cache_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("when: 2026-11-26\n", encoding="utf-8")  # a date: not cacheable either
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert str(load_yaml_cached(path, blocker)["when"]) == "2026-11-26"


def test_a_broken_flow_is_not_cached_and_reports_the_same_line(tmp_path: Path) -> None:
    text = FLOW.read_text(encoding="utf-8").replace("type: frequency", "type: frequently", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    messages = []
    for _ in range(2):
        flow_module._CACHE.clear()  # the in-process cache would hide the second read
        with pytest.raises(PartwaysError) as exc:
            load_flow(broken)
        messages.append(exc.value.one_line())
    assert messages[0] == messages[1]
    cache = yaml_cache_dir()
    assert not cache.is_dir() or not list(cache.iterdir())  # a failing flow is not copied
    assert f"{broken}:36: question more_without_budget: type must be" in messages[0]


@pytest.mark.parametrize("xdg", [None, "", "   ", "relative/cache", "/abs/cache", "/abs/cache/"])
def test_cache_folder_is_the_one_platformdirs_gives(monkeypatch, xdg) -> None:
    """paths works out the Linux cache folder without importing platformdirs: same answer."""
    import sys

    import platformdirs

    from partways.paths import template_cache_dir

    if not sys.platform.startswith("linux"):
        pytest.skip("the shortcut applies on Linux only")
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = platformdirs.user_cache_path("partways", appauthor=False)
    assert yaml_cache_dir() == expected / "yaml"
    assert template_cache_dir() == expected / "templates"
