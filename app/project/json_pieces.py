"""Reading a big project file in small steps: the JSON decoded value by value along the long lists.

`json.loads` of a 100,000-person file is one C call that holds the GIL for seconds, so a desktop window reading it
on a background thread still froze. Here the objects and lists on `WALKED` paths (the roster's people, the plans'
rows) are walked element by element in Python and every element is decoded by its own `raw_decode` call, so the
thread hands the GIL over between them. The result is exactly what `json.loads` returns, errors included.
"""
from __future__ import annotations

import codecs
import functools
import json
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


def text_of(data: bytes) -> str:
    """UTF-8 bytes (a BOM allowed) as text, decoded a megabyte at a time (one call over 150 MB held the GIL)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parts = [decoder.decode(data[start:start + _TEXT_PIECE]) for start in range(0, len(data), _TEXT_PIECE)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def loads(text: str) -> Any:
    """`json.loads(text)`, decoded in small steps along `WALKED` (same result, same JSONDecodeError positions)."""
    value, end = _value(text, _skip(text, 0), ())
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def _skip(text: str, idx: int) -> int:
    return WHITESPACE.match(text, idx).end()


@functools.cache
def _walked(path: tuple) -> bool:
    return any(len(p) == len(path) and all(a in ("*", b) for a, b in zip(p, path, strict=True)) for p in WALKED)


def _value(text: str, idx: int, path: tuple) -> tuple[Any, int]:
    if text.startswith(("{", "["), idx) and _walked(path):
        return _object(text, idx, path) if text[idx] == "{" else _array(text, idx, path)
    return _DECODER.raw_decode(text, idx)  # a JSONDecodeError at the right position when the text is bad


def _object(text: str, idx: int, path: tuple) -> tuple[dict, int]:
    out: dict[str, Any] = {}
    idx = _skip(text, idx + 1)
    if text.startswith("}", idx):
        return out, idx + 1
    while True:
        if not text.startswith('"', idx):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, idx)
        key, idx = scanstring(text, idx + 1)
        idx = _skip(text, idx)
        if not text.startswith(":", idx):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, idx)
        out[key], idx = _value(text, _skip(text, idx + 1), (*path, key))
        idx = _skip(text, idx)
        if text.startswith(",", idx):
            idx = _skip(text, idx + 1)
        elif text.startswith("}", idx):
            return out, idx + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, idx)


def _array(text: str, idx: int, path: tuple) -> tuple[list, int]:
    out: list[Any] = []
    idx = _skip(text, idx + 1)
    if text.startswith("]", idx):
        return out, idx + 1
    while True:
        item, idx = _value(text, idx, (*path, "*"))
        out.append(item)
        idx = _skip(text, idx)
        if text.startswith(",", idx):
            idx = _skip(text, idx + 1)
        elif text.startswith("]", idx):
            return out, idx + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, idx)
