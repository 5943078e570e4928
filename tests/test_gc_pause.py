"""The garbage collector pause around long scans is always undone, and only if it was on."""

from __future__ import annotations

import gc
import threading

import pytest

from translitnorm import Entry, Glossary, MatchConfig, Matcher
from translitnorm.gc_pause import gc_paused


def test_the_collector_comes_back_after_an_exception() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outer_one() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_concurrent_long_scans_leave_the_collector_on() -> None:
    g = Glossary(entries=(Entry(id="raqqa", canonical="Raqqa", type="place"),))
    text = "They reached ar-Raqqah on Tuesday. " * 4000  # long enough for the pause
    matchers = [Matcher(g, MatchConfig(phonetic=False, fuzzy=False)), Matcher(g)]
    results: list[int] = []

    def work(m: Matcher) -> None:
        for _ in range(3):
            results.append(len(m.annotate(text)))

    threads = [threading.Thread(target=work, args=(m,)) for m in matchers * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [4000] * 12
    assert gc.isenabled()
