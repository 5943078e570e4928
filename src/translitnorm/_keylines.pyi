"""Types of the optional C accelerator (see _keylines.c)."""

from collections.abc import Mapping

VERSION: int

def distinct_words(text: str, /) -> tuple[list[str], bytes]: ...
def key_lines(ids: bytes, folded: list[str], keys: dict[str, int | list[int]],
              prefixes: set[str], first: int, raw: list[str] = ..., cs: bytes = ...,
              /) -> tuple[str, list[str], int] | None: ...
def token_lines(texts: list[str], ascii_kinds: dict[str, int], kinds: Mapping[str, int],
                /) -> tuple[str, list[int]]: ...
def pack_groups(table: dict[str, int | list[int]], first_group: int, flat_start: int,
                /) -> tuple[bytes, bytes]: ...
