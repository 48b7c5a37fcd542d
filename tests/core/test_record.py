"""`record` must behave as `@dataclass(frozen=True)` (and `@dataclass` with frozen=False)."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from partways.record import record


def _define(deco: Any) -> Any:
    @deco
    class Item:
        id: str
        n: int = 0
        tags: dict[str, int] = field(default_factory=dict)
        fn: object = field(default=None, compare=False, repr=False)
        note: str = field(default="x", init=False)

    return Item


REFERENCE, RECORD = _define(dataclass(frozen=True)), _define(record)


@pytest.mark.parametrize("cls", [REFERENCE, RECORD])
def test_same_behaviour_as_a_frozen_dataclass(cls: Any) -> None:
    a = cls("a", 2, {"k": 1})
    b = cls("a", n=2, tags={"k": 1}, fn=3)  # fn is not compared
    assert a == b and a != cls("b") and a != ("a", 2)
    assert repr(a).endswith("Item(id='a', n=2, tags={'k': 1}, note='x')")
    assert hash(cls("a", tags=())) == hash(cls("a", tags=()))
    assert cls.__match_args__ == ("id", "n", "tags", "fn")
    assert cls("z").tags == {} and cls("z").tags is not cls("z").tags
    assert dataclasses.replace(a, n=5).n == 5
    assert dataclasses.asdict(a)["tags"] == {"k": 1}
    assert [f.name for f in dataclasses.fields(a)] == ["id", "n", "tags", "fn", "note"]
    assert copy.deepcopy(a) == a
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.id = "z"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.other = "z"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.n


@pytest.mark.parametrize("cls", [REFERENCE, RECORD])
@pytest.mark.parametrize(
    ("args", "kwargs", "words"),
    [
        ((), {}, "missing"),
        (("a", 1, {}, None, 5), {}, "positional"),
        (("a",), {"id": "b"}, "multiple values"),
        (("a",), {"zz": 1}, "unexpected keyword"),
    ],
)
def test_same_refusals(cls: Any, args: tuple[Any, ...], kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(TypeError, match=words):
        cls(*args, **kwargs)


def test_mutable_record_is_unhashable_and_assignable() -> None:
    @record(frozen=False)
    class Box:
        x: int
        items: list[int] = field(default_factory=list)

    box = Box(1)
    box.x = 2
    assert box == Box(2) and Box.__hash__ is None and repr(box).endswith("Box(x=2, items=[])")


def test_methods_the_class_writes_are_kept() -> None:
    @record
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Named("a")) == "<a>"
