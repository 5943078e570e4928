"""Types of the optional C accelerator (see _keylines.c)."""

VERSION: int

def key_lines(raw_text: str, folded: dict[str, str], keys: dict[str, list[int]],
              prefixes: set[str], first: int, /) -> tuple[str, list[str], int] | None: ...
