"""The public matcher: compile a glossary once, then annotate, rewrite, look up, explain.

>>> from translitnorm.model import Entry, Glossary, Variant
>>> g = Glossary(entries=(
...     Entry(id="ahrar-al-sham", canonical="Ahrar al-Sham", type="organization"),
...     Entry(id="islamic-state", canonical="Islamic State", type="organization",
...           variants=(Variant("IS", case_sensitive=True), Variant("ISIS"))),
... ))
>>> m = Matcher(g)
>>> [(x.text, x.id) for x in m.annotate("Is it IS or Ahrar as-Sham? ISIS's men")]
[('IS', 'islamic-state'), ('Ahrar as-Sham', 'ahrar-al-sham'), ('ISIS', 'islamic-state')]
>>> m.rewrite("Ahrar ash-Sham and ISIS")
'Ahrar al-Sham and Islamic State'
>>> m.lookup("AHRAR AL-CHAM")[0].id
'ahrar-al-sham'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from translitnorm.fold import explain_fold, fold_key, phonetic_key
from translitnorm.index import Index, build_index
from translitnorm.lookup import lookup as _lookup
from translitnorm.model import Glossary
from translitnorm.records import Candidate, Explanation, Match
from translitnorm.rewrite import RewriteStyle, rewrite_text
from translitnorm.scan import Scanner
from translitnorm.stream import stream_chunks

__all__ = ["MatchConfig", "Matcher", "RewriteStyle"]


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Options for matching.

    ``phonetic``/``fuzzy`` off gives the fast exact+folded mode; ``threshold`` is the
    minimum score (0-100) a phonetic or fuzzy match, or a lookup candidate, needs.

    >>> MatchConfig().threshold
    85.0
    """

    phonetic: bool = True
    fuzzy: bool = True
    threshold: float = 85.0


class Matcher:
    """A compiled glossary. Build once, reuse; safe for concurrent reads; picklable.

    >>> from translitnorm.model import Entry, Glossary
    >>> m = Matcher(Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),)))
    >>> import pickle
    >>> pickle.loads(pickle.dumps(m)).annotate("Rakka")[0].id
    'raqqa'
    """

    def __init__(self, glossary: Glossary | Callable[[], Glossary],
                 config: MatchConfig | None = None, *, index: Index | None = None) -> None:
        self._glossary: Glossary | None = glossary if isinstance(glossary, Glossary) else None
        self._glossary_loader = None if isinstance(glossary, Glossary) else glossary
        self.config = config or MatchConfig()
        if index is None:
            index = build_index(self.glossary)
        self.index = index
        self._scanner = Scanner(self.index, phonetic=self.config.phonetic,
                                fuzzy=self.config.fuzzy, threshold=self.config.threshold)

    @property
    def glossary(self) -> Glossary:
        """The glossary the index was compiled from (read on first use when cached)."""
        if self._glossary is None:
            assert self._glossary_loader is not None
            self._glossary = self._glossary_loader()
        return self._glossary

    def __getstate__(self) -> dict[str, object]:
        return {"glossary": self.glossary, "config": self.config, "index": self.index}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["glossary"], state["config"], index=state["index"])  # type: ignore[misc]

    def with_config(self, config: MatchConfig) -> Matcher:
        """The same compiled index with other options (no recompilation).

        >>> from translitnorm.model import Glossary
        >>> Matcher(Glossary()).with_config(MatchConfig(fuzzy=False)).config.fuzzy
        False
        """
        return Matcher(self._glossary or self._glossary_loader or Glossary(), config,
                       index=self.index)

    def annotate(self, text: str) -> list[Match]:
        """Every mention of a glossary entry in ``text``: sorted, non-overlapping, with
        code-point offsets so that ``text[m.start:m.end] == m.text``."""
        return self._scanner.scan(text)

    def annotate_stream(self, chunks: Iterable[str]) -> Iterator[Match]:
        """Like :meth:`annotate` over the concatenation of ``chunks`` (offsets into it),
        in bounded memory; names that straddle chunk boundaries are still found.

        >>> from translitnorm.model import Entry, Glossary
        >>> m = Matcher(Glossary(entries=(Entry(id="a", canonical="Ahrar al-Sham",
        ...                                     type="organization"),)))
        >>> [(x.start, x.text) for x in m.annotate_stream(["x Ahrar al-", "Sham y"])]
        [(2, 'Ahrar al-Sham')]
        """
        for offset, piece in stream_chunks(chunks):
            for m in self._scanner.scan(piece):
                if offset:  # (dataclasses.replace costs more than the scan itself here)
                    m = Match(m.start + offset, m.end + offset, m.text, m.id, m.canonical,
                              m.type, m.variant, m.method, m.score, m.candidates)
                yield m

    def rewrite(self, text: str, *, style: RewriteStyle = "canonical") -> str:
        """``text`` with each unambiguous mention rewritten according to ``style``
        (``canonical``, ``canonical-with-original`` or ``first-mention``)."""
        return rewrite_text(text, self.annotate(text), style=style)

    def lookup(self, name: str, *, limit: int = 5) -> list[Candidate]:
        """Ranked entries a whole name could be, best first (empty list: no match)."""
        return _lookup(self.index, name, limit=limit, threshold=self.config.threshold,
                       approximate=self.config.phonetic or self.config.fuzzy)

    def explain(self, name: str) -> Explanation:
        """The folding steps, keys, candidates and decision for ``name``.

        >>> from translitnorm.model import Entry, Glossary
        >>> m = Matcher(Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),)))
        >>> m.explain("ar-Raqqah").decision
        'raqqa (Raqqa): folded match on variant Raqqa, score 97.0'
        """
        candidates = tuple(self.lookup(name, limit=5))
        if not candidates:
            decision = f"no match: no entry reaches the threshold {self.config.threshold:g}"
        elif len(candidates) > 1 and candidates[0].score == candidates[1].score:
            tied = [c.id for c in candidates if c.score == candidates[0].score]
            decision = f"ambiguous: {', '.join(tied)} tie at score {candidates[0].score}"
        else:
            c = candidates[0]
            decision = (f"{c.id} ({c.canonical}): {c.method} match on variant {c.variant}, "
                        f"score {c.score}")
            if len(candidates) > 1:
                decision += f"; next best {candidates[1].id} at {candidates[1].score}"
        return Explanation(name, tuple(explain_fold(name)), fold_key(name), phonetic_key(name),
                           candidates, decision)
