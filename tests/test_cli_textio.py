"""translitnorm.textio (encodings, newlines, atomic writes) and the CLI's progress bar."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from translitnorm.cli.output import Progress, progress_wanted
from translitnorm.errors import InputError
from translitnorm.textio import (
    TextSource,
    atomic_write_text,
    check_encoding,
    detect_newline,
    iter_lines,
    iter_text_chunks,
    read_text,
)


def chunks(data: bytes, **kw: object) -> list[str]:
    return list(iter_text_chunks(io.BytesIO(data), name="t.txt", **kw))  # type: ignore[arg-type]


def test_chunks_are_whole_lines_and_keep_newlines() -> None:
    data = b"a\r\nbb\nccc\r\nlast"
    out = chunks(data, chunk_bytes=3)
    assert "".join(out) == data.decode()
    assert all(c.endswith("\n") for c in out[:-1])


def test_multibyte_characters_split_across_blocks() -> None:
    text = "é" * 5000 + "\n" + "الرقة" * 3000
    out = chunks(text.encode(), chunk_bytes=7)
    assert "".join(out) == text


def test_long_line_is_cut_but_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    import translitnorm.textio as textio

    monkeypatch.setattr(textio, "MAX_LINE_BYTES", 10)
    text = "x" * 95 + "\n"
    out = chunks(text.encode(), chunk_bytes=10)
    assert "".join(out) == text and len(out) > 5


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\xff", "t.txt:1:1: not valid utf-8 text: byte 0xff at byte offset 0"),
        (b"ab\ncd\xc3(", "t.txt:2:3: not valid utf-8 text: byte 0xc3 at byte offset 5"),
        (
            "é\n".encode() * 3 + b"x\x80",
            "t.txt:4:2: not valid utf-8 text: byte 0x80 at byte offset 10",
        ),
    ],
)
def test_decode_errors_name_line_column_and_offset(data: bytes, where: str) -> None:
    with pytest.raises(InputError) as ei:
        chunks(data)
    assert str(ei.value).startswith(where)
    assert ei.value.problems[0].code == "decode-error"


def test_decode_error_offset_across_blocks() -> None:
    data = b"line one\n" * 100 + b"bad \xe9 here\n"
    with pytest.raises(InputError) as ei:
        chunks(data, chunk_bytes=16)
    assert str(ei.value).startswith(
        "t.txt:101:5: not valid utf-8 text: byte 0xe9 at byte offset 904"
    )


def test_truncated_sequence_at_end() -> None:
    with pytest.raises(InputError, match="byte offset 2"):
        chunks(b"ab\xe2\x82")


def test_other_encodings() -> None:
    assert chunks("Région\n".encode("latin-1"), encoding="latin-1") == ["Région\n"]
    assert "".join(chunks("Ракка\r\n".encode("utf-16"), encoding="utf-16")) == "Ракка\r\n"
    with pytest.raises(InputError, match="unknown encoding"):
        check_encoding("nope-8")


def test_iter_lines() -> None:
    stream = io.BytesIO(b"Raqqa\r\n\nIdlib\nlast")
    assert list(iter_lines(stream, name="-")) == ["Raqqa", "", "Idlib", "last"]


def test_read_text_and_sources(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"x\r\ny")
    assert read_text(str(p)) == "x\r\ny"
    assert TextSource.from_arg(str(p)).size() == 4
    assert TextSource.from_arg("-").size() is None


def test_atomic_write_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_text("old")
    p.chmod(0o604)
    atomic_write_text(p, "new\r\n", encoding="latin-1")
    assert p.read_bytes() == b"new\r\n"
    assert p.stat().st_mode & 0o777 == 0o604
    assert os.listdir(tmp_path) == ["f.txt"]


def test_atomic_write_refuses_unencodable_text_without_touching(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(b"old")
    with pytest.raises(InputError, match="cannot write"):
        atomic_write_text(p, "الرقة", encoding="latin-1")
    assert p.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["f.txt"]


def test_atomic_write_through_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("a")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "b")
    assert link.is_symlink() and real.read_text() == "b"


def test_detect_newline() -> None:
    assert detect_newline("a\r\nb\r\nc\n") == "\r\n"
    assert detect_newline("a\nb\nc\r\n") == "\n"


# --------------------------------------------------------------------------- progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_after_delay_and_clears() -> None:
    out = FakeTTY()
    p = Progress(1000, enabled=True, stream=out, after=0.0)
    p(500)
    assert "annotating [" in out.getvalue() and "50.0%" in out.getvalue()
    p.close()
    assert out.getvalue().endswith("\r\x1b[K")


def test_progress_quiet_for_short_runs_and_when_disabled() -> None:
    out = FakeTTY()
    p = Progress(1000, enabled=True, stream=out, after=60.0)
    p(999)
    p.close()
    assert out.getvalue() == ""
    q = Progress(None, enabled=False, stream=out, after=0.0)
    q(10)
    assert out.getvalue() == ""


def test_progress_wanted_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delenv("TRANSLITNORM_NO_PROGRESS", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert progress_wanted() is False
    monkeypatch.setattr(sys, "stderr", FakeTTY())
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert progress_wanted() is True
    monkeypatch.setattr(sys, "stdout", FakeTTY())
    assert progress_wanted() is False
    assert progress_wanted(output_at_end=True) is True
    monkeypatch.setenv("TRANSLITNORM_NO_PROGRESS", "1")
    assert progress_wanted(output_at_end=True) is False
