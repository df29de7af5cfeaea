"""Reading a big project file in small steps: decoded a megabyte at a time, parsed value by value along long lists.

`json.loads` of a 100,000-person file is one C call that holds the GIL for seconds, so a desktop window reading it
on a background thread still froze. Here the objects and lists on `WALKED` paths (the roster's people, the plans'
rows) are walked element by element in Python and every element is decoded by its own `raw_decode` call, so the
thread hands the GIL over between them. The text is never one string either: joining 30 MB of decoded text into
one str was itself one call of 45-65 ms (a single '≥' in a template makes the whole str two bytes a character).
The walk reads a window of about a megabyte that slides over the decoded pieces. The result is exactly what
`json.loads` returns, errors included (message, line, column and character position).
"""
from __future__ import annotations

import codecs
import functools
import json
from collections.abc import Iterable, Iterator
from json.decoder import WHITESPACE, scanstring
from typing import Any

#: Paths (keys; "*" is any key or index) whose object or list is walked element by element.
WALKED = {
    (), ("roster",), ("roster", "people"), ("people",),
    ("scenarios",), ("scenarios", "*"), ("scenarios", "*", "plan"), ("scenarios", "*", "plan", "*"),
    ("portfolio",), ("portfolio", "initiatives"),
}
_DECODER = json.JSONDecoder()
_TEXT_PIECE = 1 << 20


def text_pieces(data: bytes) -> Iterator[str]:
    """UTF-8 bytes (a BOM allowed) as text, a megabyte at a time (a character split between pieces comes whole)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    for start in range(0, len(data), _TEXT_PIECE):
        piece = decoder.decode(data[start:start + _TEXT_PIECE])
        if piece:
            yield piece
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def text_of(data: bytes) -> str:
    """UTF-8 bytes (a BOM allowed) as one str (for small files: a big one is read with `loads_bytes`)."""
    return "".join(text_pieces(data))


def loads(text: str) -> Any:
    """`json.loads(text)`, decoded in small steps along `WALKED` (same result, same JSONDecodeError positions)."""
    return _parse(_Window([text]))


def loads_bytes(data: bytes) -> Any:
    """`json.loads` of UTF-8 bytes (BOM allowed) in small steps, never holding the whole text as one str.

    Raises UnicodeDecodeError for bytes that are not UTF-8 and JSONDecodeError as `json.loads` would.
    """
    return _parse(_Window(text_pieces(data)))


class _Window:
    """The text seen through a window that slides over its pieces; every position here is from the text's start."""

    def __init__(self, pieces: Iterable[str]) -> None:
        self._pieces = iter(pieces)
        self.text = ""  # the window: the text from `base` on, as far as it has been read
        self.base = 0
        self.ended = False
        self._lines = 0  # newlines in the text dropped before `base`
        self._line_start = 0  # where the line holding `base` starts

    def more(self, keep: int, *, everything: bool = False) -> bool:
        """Reads the next piece (or all that is left), dropping the text before `keep`; False at the end."""
        if self.ended:
            return False
        taken = list(self._pieces) if everything else [next(self._pieces, "")]
        if not any(taken):
            self.ended = True
            return False
        cut = keep - self.base
        dropped = self.text[:cut]
        newlines = dropped.count("\n")
        if newlines:
            self._lines += newlines
            self._line_start = self.base + dropped.rfind("\n") + 1
        self.text = "".join([self.text[cut:], *taken])
        self.base = keep
        return True

    def has(self, idx: int) -> bool:
        """True when the text holds a character at `idx` (reading on when the window ends before it)."""
        while idx - self.base >= len(self.text):
            if not self.more(idx if idx <= self.base + len(self.text) else self.base):
                return False
        return True

    def startswith(self, char: str, idx: int) -> bool:
        """True when the character at `idx` is `char`."""
        return self.has(idx) and self.text.startswith(char, idx - self.base)

    def skip(self, idx: int) -> int:
        """The position after the whitespace at `idx`."""
        while True:
            end = WHITESPACE.match(self.text, idx - self.base).end()
            if end < len(self.text) or not self.more(idx):
                return self.base + end

    def decode(self, idx: int, decode) -> tuple[Any, int]:
        """`decode(window, position)` at `idx`, reading on while the value may run past the window's end."""
        tries = 0
        while True:
            try:
                value, end = decode(self.text, idx - self.base)
            except json.JSONDecodeError as exc:
                # cut short by the window, or bad: read a piece more, then all the rest, before believing it
                if self.more(idx, everything=tries > 0):
                    tries += 1
                    continue
                raise self.error(exc.msg, self.base + exc.pos) from None
            if end < len(self.text) or not self.more(idx, everything=tries > 0):  # a number may go on
                return value, self.base + end
            tries += 1

    def error(self, msg: str, pos: int) -> json.JSONDecodeError:
        """The JSONDecodeError json.loads raises for `msg` at `pos` (line and column counted over the whole text)."""
        at = pos - self.base
        last = self.text.rfind("\n", 0, at)
        lineno = self._lines + self.text.count("\n", 0, at) + 1
        colno = at - last if last >= 0 else pos - self._line_start + 1
        exc = json.JSONDecodeError(msg, self.text, at)
        exc.pos, exc.lineno, exc.colno = pos, lineno, colno
        exc.args = (f"{msg}: line {lineno} column {colno} (char {pos})",)
        return exc


def _parse(window: _Window) -> Any:
    value, end = _value(window, window.skip(0), ())
    end = window.skip(end)
    if window.has(end):
        raise window.error("Extra data", end)
    return value


@functools.cache
def _walked(path: tuple) -> bool:
    return any(len(p) == len(path) and all(a in ("*", b) for a, b in zip(p, path, strict=True)) for p in WALKED)


def _value(window: _Window, idx: int, path: tuple) -> tuple[Any, int]:
    if _walked(path) and window.has(idx):
        if window.startswith("{", idx):
            return _object(window, idx, path)
        if window.startswith("[", idx):
            return _array(window, idx, path)
    return window.decode(idx, _DECODER.raw_decode)  # a JSONDecodeError at the right position when the text is bad


def _object(window: _Window, idx: int, path: tuple) -> tuple[dict, int]:
    out: dict[str, Any] = {}
    idx = window.skip(idx + 1)
    if window.startswith("}", idx):
        return out, idx + 1
    while True:
        if not window.startswith('"', idx):
            raise window.error("Expecting property name enclosed in double quotes", idx)
        key, idx = window.decode(idx + 1, scanstring)
        idx = window.skip(idx)
        if not window.startswith(":", idx):
            raise window.error("Expecting ':' delimiter", idx)
        out[key], idx = _value(window, window.skip(idx + 1), (*path, key))
        idx, done = _after_item(window, idx, "}")
        if done:
            return out, idx


def _array(window: _Window, idx: int, path: tuple) -> tuple[list, int]:
    out: list[Any] = []
    idx = window.skip(idx + 1)
    if window.startswith("]", idx):
        return out, idx + 1
    while True:
        item, idx = _value(window, idx, (*path, "*"))
        out.append(item)
        idx, done = _after_item(window, idx, "]")
        if done:
            return out, idx


def _after_item(window: _Window, idx: int, close: str) -> tuple[int, bool]:
    """Past the comma after an object member or array item (False), or past the closing bracket (True)."""
    idx = window.skip(idx)
    if window.startswith(",", idx):
        return window.skip(idx + 1), False
    if window.startswith(close, idx):
        return idx + 1, True
    raise window.error("Expecting ',' delimiter", idx)
