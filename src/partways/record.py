"""Data classes without their start-up cost.

`@dataclass` writes the source of five or six methods per class (`__init__`, `__repr__`,
`__eq__`, `__hash__`, and for a frozen class `__setattr__`, `__delattr__`) and compiles each with
`exec` when the module is imported: about 1 ms a class on a 2-core machine, some 20 ms of
`partways draft` for the sixteen classes it imports (bench/headless.py). `record` makes the same
classes — real dataclasses, so `dataclasses.fields`, `replace` and `asdict` work and type checkers
see a dataclass — whose methods are shared functions reading the field list instead of compiled
code. Frozen by default, like every value of the core; `record(frozen=False)` for a mutable one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
_MISSING = dataclasses.MISSING


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """`@record` or `@record(frozen=False)` on a class written as for `@dataclass`."""

    def wrap(c: type[T]) -> type[T]:
        return _build(c, frozen)

    return wrap if cls is None else wrap(cls)


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the tuple of these attributes (attrgetter returns a bare value for one
    name and refuses none)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)


def _build(cls: type[T], frozen: bool) -> type[T]:
    own = set(cls.__dict__)  # methods the class writes itself are kept, as @dataclass does
    if not cls.__dict__.get("__doc__"):
        cls.__doc__ = cls.__name__  # dataclass would call inspect.signature for one
    # fields, defaults and __match_args__ only: with these flags dataclass compiles nothing
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False, frozen=False)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    qual = cls.__qualname__
    setter = object.__setattr__
    args = tuple(f.name for f in fields if f.init)
    arg_set = frozenset(args)
    later = tuple(f for f in fields if not f.init)
    defaults = {f.name: f.default for f in fields if f.default is not _MISSING}
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not _MISSING}
    post_init = getattr(cls, "__post_init__", None)

    def __init__(self: Any, *given: Any, **named: Any) -> None:
        if len(given) > len(args):
            raise TypeError(
                f"{qual}.__init__() takes {len(args) + 1} positional arguments "
                f"but {len(given) + 1} were given"
            )
        if named and not arg_set.issuperset(named):
            extra = next(k for k in named if k not in arg_set)
            raise TypeError(f"{qual}.__init__() got an unexpected keyword argument '{extra}'")
        for name, value in zip(args, given, strict=False):
            if name in named:
                raise TypeError(f"{qual}.__init__() got multiple values for argument '{name}'")
            setter(self, name, value)
        for name in args[len(given) :]:
            if name in named:
                value = named[name]
            elif name in defaults:
                value = defaults[name]
            elif name in factories:
                value = factories[name]()
            else:
                raise TypeError(f"{qual}.__init__() missing 1 required argument: '{name}'")
            setter(self, name, value)
        for f in later:
            if f.name in defaults:
                setter(self, f.name, defaults[f.name])
            elif f.name in factories:
                setter(self, f.name, factories[f.name]())
        if post_init is not None:
            post_init(self)

    shown = _values(tuple(f.name for f in fields if f.repr))
    shown_names = tuple(f.name for f in fields if f.repr)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(shown_names, shown(self), strict=True))
        return f"{type(self).__qualname__}({inner})"

    compared = _values(tuple(f.name for f in fields if f.compare))

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    _install(cls, own, __init__, __repr__, __eq__)
    if not frozen:
        if "__hash__" not in own:
            cls.__hash__ = None  # type: ignore[assignment]  # as @dataclass: eq without frozen
        return cls
    hashed = _values(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
    names = frozenset(f.name for f in fields)

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    _install(cls, own, __hash__, __setattr__, __delattr__)
    return cls


def _install(cls: type, own: set[str], *methods: Callable[..., Any]) -> None:
    for fn in methods:
        if fn.__name__ not in own:
            fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
            setattr(cls, fn.__name__, fn)
