"""Immutable records: the base class of every model (models.py)."""

from __future__ import annotations

from typing import Any


class FrozenRecordError(AttributeError):
    pass


class NotCompared:
    """A field's default, for a field left out of equality and hashing (a YAML line number)."""

    def __init__(self, default: Any):
        self.default = default


class Record:
    """An immutable record whose fields are its annotations, in order, as with a frozen dataclass.

    @dataclass writes and compiles __init__, __eq__, __hash__ and __repr__ for each class at
    import, about 1 ms a class: 20 ms of every start-up for the records here (issue 8). These
    generic methods are compiled once. A field with a default comes after those without;
    `NotCompared(default)` keeps a field out of equality and hashing.
    """

    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}
    _compared: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(cls.__dict__.get("__annotations__", {}))
        cls._defaults, skipped = {}, set()
        for name in cls._fields:
            if name in cls.__dict__:
                default = cls.__dict__[name]
                if isinstance(default, NotCompared):
                    default = default.default
                    skipped.add(name)
                cls._defaults[name] = default
                setattr(cls, name, default)
        cls._compared = tuple(name for name in cls._fields if name not in skipped)
        cls.__init__ = _initialiser(cls.__name__, cls._fields, cls._defaults)  # type: ignore[method-assign]

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def _key(self) -> tuple[Any, ...]:
        values = self.__dict__
        return tuple(values[name] for name in self._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"



def _initialiser(class_name: str, fields: tuple[str, ...], defaults: dict[str, Any]) -> Any:
    """The __init__ of one record class: a closure over its fields, a third faster than looking
    them up on the class (the builder makes some 700,000 records for a 100x catalogue)."""
    count = len(fields)

    def __init__(self: Record, *args: Any, **kwargs: Any) -> None:
        if not kwargs and len(args) == count:   # how the builder makes them
            self.__dict__.update(zip(fields, args, strict=True))   # not through __setattr__, which refuses
            return
        if len(args) > count:
            raise TypeError(f"{class_name}() takes {count} arguments, {len(args)} given")
        values = dict(zip(fields, args, strict=False))   # fewer: the rest by name or default
        for name, value in kwargs.items():
            if name not in fields or name in values:
                raise TypeError(f"{class_name}() got an unexpected or repeated argument {name!r}")
            values[name] = value
        for name in fields:
            if name not in values:
                if name not in defaults:
                    raise TypeError(f"{class_name}() is missing the argument {name!r}")
                values[name] = defaults[name]
        self.__dict__.update(values)

    return __init__
