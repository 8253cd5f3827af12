"""Immutable records: the base class of every model (models.py) and of the small value types of
the answers and the spec.

A Record is a tuple whose fields are its class's annotations, in order, each read through a
C-level accessor, as with collections.namedtuple. Tuples because a warm command unpickles the
whole catalogue (some 15,000 records) on every run: a tuple record is rebuilt by one C call, an
object with a __dict__ by a call and a dict update (half again as slow, measured on the shipped
catalogue). And defining a class costs microseconds, where @dataclass and typing.NamedTuple
compile code and import typing at every start-up.
"""

from __future__ import annotations

from operator import itemgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_MISSING = object()


class FrozenRecordError(AttributeError):
    pass


class NotCompared:
    """A field's default, for a field left out of equality and hashing (a YAML line number).
    Such fields come last."""

    def __init__(self, default: Any):
        self.default = default


class Record(tuple):
    """An immutable record. A field with a default comes after those without; a subclass that
    is never given attributes beyond its fields may say `__slots__ = ()` to save memory, and one
    that caches derived values (functools.cached_property) keeps its instance dict."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}
    _compared = 0   # how many leading fields equality and hashing use

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("__annotations__", {})
        cls._fields = tuple(name for name in own if name != "__slots__")
        cls._defaults = {}
        compared = len(cls._fields)
        for position, name in enumerate(cls._fields):
            default = cls.__dict__.get(name, _MISSING)
            if isinstance(default, NotCompared):
                default = default.default
                compared = min(compared, position)
            if default is not _MISSING:
                cls._defaults[name] = default
            setattr(cls, name, property(itemgetter(position), doc=name))
        cls._compared = compared

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        fields = cls._fields
        if not kwargs and len(args) == len(fields):   # how the builder makes them
            return tuple.__new__(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments, {len(args)} given")
        values = dict(zip(fields, args, strict=False))   # fewer: the rest by name or default
        for name, value in kwargs.items():
            if name not in fields or name in values:
                raise TypeError(f"{cls.__name__}() got an unexpected or repeated argument {name!r}")
            values[name] = value
        for name in fields:
            if name not in values:
                if name not in cls._defaults:
                    raise TypeError(f"{cls.__name__}() is missing the argument {name!r}")
                values[name] = cls._defaults[name]
        return tuple.__new__(cls, [values[name] for name in fields])

    def __reduce__(self) -> tuple[Any, ...]:
        # tuple.__new__(cls, values): one C call per record when unpickled, no __init__, no state
        return tuple.__new__, (type(self), tuple(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def _key(self) -> tuple[Any, ...]:
        return tuple.__getitem__(self, slice(0, self._compared))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({fields})"

    def _replace(self, **changes: Any) -> Any:
        """A copy with some fields changed."""
        return type(self)(**{**dict(zip(self._fields, self, strict=True)), **changes})


class cached:   # noqa: N801 - a decorator, named like functools.cached_property, which costs an import
    """A value computed from a record on first use and kept in its instance dict (the record
    class must not declare __slots__). Never pickled: Record.__reduce__ keeps only the fields."""

    def __init__(self, compute: Any):
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
