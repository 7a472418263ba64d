"""Immutable records (tuples with named fields), like collections.namedtuple
but without importing collections or typing: `import leadsieve` stays cheap
next to the C work it starts (bench/README.md, "Python")."""
from _operator import itemgetter  # the C module: operator.py costs an import more


def record(name: str, fields: str, module: str):
    """A tuple subclass with the space-separated `fields` as read-only
    attributes; subclass it to add a docstring, annotations and properties."""
    names = tuple(fields.split())
    n = len(names)

    def __new__(cls, *values, **named):
        if named:
            values = values + tuple(named.pop(f) for f in names[len(values):] if f in named)
            if named:
                raise TypeError("%s got unexpected fields %s" % (name, sorted(named)))
        if len(values) != n:
            raise TypeError("%s takes %d values (%s), not %d"
                            % (name, n, ", ".join(names), len(values)))
        return tuple.__new__(cls, values)

    def __repr__(self) -> str:
        return "%s(%s)" % (type(self).__name__,
                           ", ".join("%s=%r" % kv for kv in zip(names, self)))

    def _asdict(self) -> dict:
        return dict(zip(names, self))

    def _replace(self, **changes):
        return type(self)(*[changes.pop(f, v) for f, v in zip(names, self)], **changes)

    ns = {"__slots__": (), "__new__": __new__, "__repr__": __repr__, "_fields": names,
          "_asdict": _asdict, "_replace": _replace, "__module__": module,
          "__getnewargs__": lambda self: tuple(self)}
    for i, f in enumerate(names):
        ns[f] = property(itemgetter(i), doc="field %d" % i)
    return type(name, (tuple,), ns)
