"""The on-disk cache of compiled glossaries: same answers as a fresh compile, invalidated
by any change to a glossary file, harmless when damaged."""

from __future__ import annotations

import os
from pathlib import Path

from translitnorm import Matcher, load_glossary
from translitnorm.blocking import blocks_of
from translitnorm.bundled import bundled_glossary_path
from translitnorm.cache import cached_matcher, dump_index, load_index
from translitnorm.index import Index

RAQQA = "entries:\n- {id: raqqa, canonical: Raqqa, type: place, definition: City., variants: []}\n"
HOMS = "entries:\n- {id: homs, canonical: Homs, type: place, definition: City., variants: [Hims]}\n"
EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "syria-report.txt").read_text(
    "utf-8"
)


def test_cached_matcher_answers_like_a_fresh_one(tmp_path: Path) -> None:
    fresh = Matcher(load_glossary())
    cached_matcher(cache_dir=tmp_path)  # compiles and stores
    assert len(list(tmp_path.iterdir())) == 2
    warm = cached_matcher(cache_dir=tmp_path)  # reads the stored index
    assert warm.annotate(EXAMPLE) == fresh.annotate(EXAMPLE)
    for name in ("AL-BAGHDADI, Abu Bakr", "Omar al-Chichani", "Daech", "nobody at all"):
        assert warm.lookup(name) == fresh.lookup(name)
    assert warm.glossary.get("raqqa").definition == fresh.glossary.get("raqqa").definition


def test_index_round_trips_through_the_cache_format() -> None:
    index = Matcher(load_glossary()).index
    back = load_index(dump_index(index))
    assert back.keys == index.keys and back.prefixes == index.prefixes
    assert back.all_tokens() == index.all_tokens() and back.v_text == index.v_text
    assert list(back.v_entry) == list(index.v_entry)


def test_editing_a_glossary_file_invalidates_the_cache(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(RAQQA, "utf-8")
    cache = tmp_path / "cache"
    assert cached_matcher(g, cache_dir=cache).annotate("Rakka")[0].id == "raqqa"
    g.write_text(HOMS, "utf-8")
    os.utime(g, ns=(1, 1))  # a different modification time even on coarse clocks
    m = cached_matcher(g, cache_dir=cache)
    assert m.annotate("Rakka") == [] and m.annotate("Hims")[0].id == "homs"


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(RAQQA, "utf-8")
    cache = tmp_path / "cache"
    cached_matcher(g, cache_dir=cache)
    for f in cache.iterdir():
        f.write_bytes(b"\x00garbage")
    assert cached_matcher(g, cache_dir=cache).annotate("Raqqah")[0].id == "raqqa"


def test_bundled_glossary_is_found() -> None:
    assert any(bundled_glossary_path().glob("*.yaml"))


def _assert_same_index(back: Index, index: Index) -> None:
    import dataclasses

    assert back.all_tokens() == index.all_tokens()
    for f in dataclasses.fields(index):
        if f.name in ("v_entry", "group_flat", "group_start"):
            assert list(getattr(back, f.name)) == list(getattr(index, f.name)), f.name
        elif f.name not in ("v_tokens", "v_tokens_packed"):
            assert getattr(back, f.name) == getattr(index, f.name), f.name


def test_index_round_trips_field_by_field() -> None:
    index = Matcher(load_glossary()).index
    blocks_of(index)  # the blocking tables are stored too
    back = load_index(dump_index(index))
    _assert_same_index(back, index)


def test_a_reloaded_index_is_stored_again_unchanged() -> None:
    index = Matcher(load_glossary()).index
    blocks_of(index)
    back = load_index(dump_index(index))  # texts packed, tokens not yet unpacked
    again = load_index(dump_index(back))
    _assert_same_index(again, index)
    assert Matcher(load_glossary(), index=again).annotate(EXAMPLE) \
        == Matcher(load_glossary(), index=index).annotate(EXAMPLE)


def test_a_truncated_cache_file_is_rebuilt(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(HOMS, "utf-8")
    cache = tmp_path / "cache"
    cached_matcher(g, cache_dir=cache)
    for f in cache.glob("*.index"):
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    assert cached_matcher(g, cache_dir=cache).annotate("Hims")[0].id == "homs"


def test_packed_texts_that_do_not_fit_their_offsets_make_a_rebuild(tmp_path: Path) -> None:
    import marshal

    g = tmp_path / "g.yaml"
    g.write_text(HOMS, "utf-8")
    cache = tmp_path / "cache"
    cached_matcher(g, cache_dir=cache)
    (index_file,) = cache.glob("*.index")
    fields = marshal.loads(index_file.read_bytes())
    tag, text, ends = fields["v_text"]
    fields["v_text"] = (tag, text[:-1], ends)  # one character lost
    index_file.write_bytes(marshal.dumps(fields))
    assert cached_matcher(g, cache_dir=cache).annotate("Hims")[0].variant == "Hims"
    fields = marshal.loads(index_file.read_bytes())  # and the file was written again
    assert fields["v_text"][1] == text
