"""Strips ELF binaries for the Linux bundle, keeping the original wherever `strip` would break loading.

GNU strip mis-lays-out libraries that auditwheel rewrote with patchelf (numpy's OpenBLAS is one): the loader
then refuses them with "ELF load command address/offset not page-aligned". So every stripped copy is checked
against that very loader rule and discarded if it fails.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

_PT_LOAD = 1


def load_segments_aligned(path: Path) -> bool:
    """True when every PT_LOAD segment of the 64-bit little-endian ELF at `path` satisfies the loader's alignment."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return False
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, _filesz, _memsz, p_align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + i * phentsize
        )
        if p_type == _PT_LOAD and p_align > 1 and (p_vaddr - p_offset) % p_align:
            return False
    return True


def is_elf64(path: Path) -> bool:
    """True for a 64-bit little-endian ELF file (the only kind this stripper touches)."""
    with path.open("rb") as handle:
        head = handle.read(6)
    return head[:4] == b"\x7fELF" and head[4:6] == b"\x02\x01"


def strip_binaries(binaries: list[tuple[str, str, str]], *, cache_dir: Path,
                   strip_tool: str = "strip") -> tuple[list[tuple[str, str, str]], list[str]]:
    """The TOC with each ELF replaced by a stripped copy under `cache_dir`, and the names left unstripped."""
    if shutil.which(strip_tool) is None:
        return binaries, [Path(dest).name for dest, _src, _kind in binaries]
    out: list[tuple[str, str, str]] = []
    kept_whole: list[str] = []
    for dest, src, kind in binaries:
        source = Path(src)
        if not source.is_file() or not is_elf64(source):
            out.append((dest, src, kind))
            continue
        target = cache_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            done = subprocess.run([strip_tool, "--strip-unneeded", "-o", str(target), str(source)],
                                  capture_output=True, check=False)
            if done.returncode != 0 or not load_segments_aligned(target):
                target.unlink(missing_ok=True)
        if target.exists():
            out.append((dest, str(target), kind))
        else:
            kept_whole.append(Path(dest).name)
            out.append((dest, src, kind))
    return out, kept_whole
