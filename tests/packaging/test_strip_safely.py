"""Stripping binaries for the Linux bundle never produces a library the loader would refuse."""
from __future__ import annotations

import _json  # a small C extension of the standard library, used as a real ELF sample
import ctypes
import shutil
import stat
import struct
from pathlib import Path

import pytest
from strip_safely import is_elf64, load_segments_aligned, strip_binaries

SAMPLE = Path(_json.__file__) if hasattr(_json, "__file__") else None
needs_sample = pytest.mark.skipif(SAMPLE is None, reason="this Python has _json built in, no .so to strip")


def _misalign_first_load_segment(path: Path) -> None:
    data = bytearray(path.read_bytes())
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        at = phoff + i * phentsize
        if struct.unpack_from("<I", data, at)[0] == 1:
            vaddr, = struct.unpack_from("<Q", data, at + 16)
            struct.pack_into("<Q", data, at + 16, vaddr + 8)
            break
    path.write_bytes(bytes(data))


@needs_sample
def test_alignment_check_accepts_a_real_library_and_rejects_a_misaligned_one(tmp_path: Path) -> None:
    assert is_elf64(SAMPLE) and load_segments_aligned(SAMPLE)
    broken = tmp_path / "broken.so"
    shutil.copy(SAMPLE, broken)
    _misalign_first_load_segment(broken)
    assert load_segments_aligned(broken) is False


def test_non_elf_files_are_not_libraries(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a binary")
    assert is_elf64(text) is False
    assert load_segments_aligned(text) is False


@needs_sample
def test_stripped_copy_is_smaller_or_equal_and_still_loads(tmp_path: Path) -> None:
    toc = [("lib-dynload/_json.so", str(SAMPLE), "EXTENSION"), ("base_library.zip", __file__, "DATA")]
    out, unstripped = strip_binaries(toc, cache_dir=tmp_path / "cache")
    stripped = Path(out[0][1])
    assert stripped.parent.parent == tmp_path / "cache"
    assert stripped.stat().st_size <= SAMPLE.stat().st_size
    assert unstripped == []
    assert out[1] == toc[1]  # not an ELF: passed through untouched
    ctypes.CDLL(str(stripped))  # the loader accepts it


@needs_sample
def test_a_copy_that_strip_breaks_is_replaced_by_the_original(tmp_path: Path) -> None:
    # A stand-in for GNU strip on a patchelf'd library: it writes a misaligned copy.
    broken = tmp_path / "misaligned.so"
    shutil.copy(SAMPLE, broken)
    _misalign_first_load_segment(broken)
    tool = tmp_path / "bad-strip"
    tool.write_text(f'#!/bin/sh\ncp "{broken}" "$3"\n')
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    toc = [("numpy.libs/libopenblas.so", str(SAMPLE), "BINARY")]
    out, unstripped = strip_binaries(toc, cache_dir=tmp_path / "cache", strip_tool=str(tool))
    assert out == toc
    assert unstripped == ["libopenblas.so"]
