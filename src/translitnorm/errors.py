"""Problems found in user input, each pointing at a file, line and column.

A :class:`Problem` is data (validators return lists of them); :class:`InputError` is the
exception that carries one or more problems out of an API call. The CLI prints
``str(problem)`` as one line on stderr and exits with code 2 (1 for ``validate``/``lint``
findings).

>>> p = Problem(Location("g.yaml", 3, 7), "unknown field 'canonica'",
...             hint="did you mean 'canonical'?")
>>> str(p)
"g.yaml:3:7: unknown field 'canonica'; did you mean 'canonical'?"
>>> str(InputError([p]))
"g.yaml:3:7: unknown field 'canonica'; did you mean 'canonical'?"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translitnorm.model import Location


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, where it is, and what to do about it.

    ``code`` is a short stable slug (``duplicate-key``, ``unknown-field``, ...) that tests
    and tools can rely on; ``severity`` is ``error`` or ``warning``.
    """

    location: Location | None
    message: str
    hint: str | None = None
    code: str = "error"
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        tail = f"; {self.hint}" if self.hint else ""
        return f"{where}{self.message}{tail}"


class InputError(Exception):
    """Bad user input (a glossary, a text file, an option). Carries the problems found.

    >>> InputError([Problem(None, "no such file 'x.yaml'")]).problems[0].message
    "no such file 'x.yaml'"
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self.problems[0]) if self.problems else "invalid input")

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))
