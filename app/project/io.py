"""Saving and opening project files: one versioned JSON file (.phasegate), written atomically, read defensively.

Atomic save: the JSON is written to a temporary file in the same folder, flushed and fsynced, then moved over the
target with os.replace, so a crash, kill or full disk at any moment leaves either the old file or the new one. A
save that was killed leaves its temporary file behind; the next save of the same file deletes it (a save still
running holds a lock on its own, so it is left alone).

The window opens and saves on a worker thread, and at the supported scale (20,000 people: the GUI thread never
waits over 50 ms) two things keep the worker's GIL holds short, both measured by benchmarks/bench_worker_freeze.py
(results in benchmarks/results/worker_freeze.md): the reader's JSON object hook (a plain `json.loads` of a
20,000-person file is one C call of ~150 ms; with a Python hook the interpreter can switch threads at every
object), and the writer's person-by-person pieces (one serializer call over 20,000 people without skills held
the GIL ~80 ms). Validation needs nothing of the kind: pydantic calls the people's own Python validators.
"""
from __future__ import annotations

import contextlib
import glob
import json
import math
import os
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from app import __version__
from app.errors import ProjectFileError
from app.project.migrations import file_version, migrate
from app.project.model import SCHEMA_VERSION, Project

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

FORMAT = "phasegate-project"
EXTENSION = ".phasegate"
MAX_BYTES = 512 * 1024 * 1024
_CHUNK = 64 * 1024
#: A format version from this on is damage, not a future Phasegate.
_NO_SUCH_VERSION = 1_000_000


def project_bytes(project: Project) -> bytes:
    """The file content of a project: UTF-8 JSON with the format marker and version first."""
    return b"".join(project_chunks(project))


def project_chunks(project: Project) -> Iterator[bytes]:
    """The file content in pieces: the project around its people, then one piece per person.

    The bytes are those of one `json.dumps` of the whole project; the pieces let a worker hand the GIL over between
    people (see the module docstring).
    """
    marker = f"@people-{uuid.uuid4().hex}@"  # stands in for the people list; cannot occur in the project itself
    body = project.model_dump(mode="json", exclude={"roster": {"people"}})
    roster = body["roster"]
    body["roster"] = {name: marker if name == "people" else roster[name] for name in type(project.roster).model_fields
                      if name == "people" or name in roster}
    body["schema_version"] = SCHEMA_VERSION
    body["app_version"] = __version__
    head, tail = json.dumps({"format": FORMAT, **body}, ensure_ascii=False, indent=1).split(f'"{marker}"')
    line = head[head.rfind("\n") + 1:]
    depth = len(line) - len(line.lstrip(" "))  # the indent of the "people" key; its items go one deeper
    yield head.encode("utf-8")
    people = project.roster.people
    if not people:
        yield b"[]"
    else:
        pad = "\n" + " " * (depth + 1)
        yield b"["
        for i, person in enumerate(people):
            text = json.dumps(person.model_dump(mode="json"), ensure_ascii=False, indent=1).replace("\n", pad)
            yield (("," if i else "") + pad + text).encode("utf-8")
        yield ("\n" + " " * depth + "]").encode("utf-8")
    yield tail.encode("utf-8")


def write_atomic(path: Path | str, data: bytes | Iterable[bytes], *,
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Writes bytes (or pieces of bytes) so that `path` holds either its old content or all of it, never a mix.

    `progress(written, total)` after each piece (`total` is 0 when pieces are given: their sum is not known ahead).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    if isinstance(data, bytes | bytearray | memoryview):
        whole = bytes(data)
        total = len(whole)
        pieces: Iterable[bytes] = (whole[start:start + _CHUNK] for start in range(0, total, _CHUNK))
    else:
        total, pieces = 0, _blocks(data)
    try:
        _lock(fd)
        # mkstemp makes the file private (0600); keep the mode of the file being replaced, else a document's 0644.
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        with os.fdopen(fd, "wb", buffering=_CHUNK) as handle:
            written = 0
            for piece in pieces:
                handle.write(piece)
                written += len(piece)
                if progress is not None:
                    progress(written, total)
            handle.flush()
            os.fsync(handle.fileno())
            if fcntl is not None:
                os.replace(tmp, target)  # while still locked, so no other save's clean-up can take it first
        if fcntl is None:
            os.replace(tmp, target)  # Windows renames closed files only
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)
    return target


def _lock(fd: int) -> None:
    """Marks a temporary file as being written: `_remove_stale_temps` of another save leaves it alone.

    The lock goes with the process, so the file of a killed save is unlocked. Windows has no flock, but there an
    open file cannot be deleted, which protects a running save the same way.
    """
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a file system without locks: the save goes on unprotected
            fcntl.flock(fd, fcntl.LOCK_EX)


def _remove_stale_temps(target: Path) -> None:
    """Deletes the temporary files that interrupted saves of `target` left beside it."""
    folder = target.parent if str(target.parent) else Path(".")
    for stale in folder.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):  # gone already, in use, or not ours to delete: leave it
            if fcntl is None:
                stale.unlink()
                continue
            with stale.open("rb") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                stale.unlink()


def _blocks(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Small pieces gathered into blocks of at least `_CHUNK` bytes (each reaches the file when written)."""
    block = bytearray()
    for piece in pieces:
        block += piece
        if len(block) >= _CHUNK:
            yield bytes(block)
            block.clear()
    if block:
        yield bytes(block)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the directory entry is on disk (POSIX); Windows has no directory fsync.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_project(
    project: Project, path: Path | str, *, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Saves atomically (the previous file stays intact if anything fails); `progress(written, 0)` per 64 KiB."""
    target = Path(path)
    try:
        return write_atomic(target, project_chunks(project), progress=progress)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    except ValueError as exc:  # a value the serializer refuses, such as one nested too deeply to write
        reason = str(exc)
    raise ProjectFileError(f"cannot save the project ({reason}); the previous file is unchanged", file=str(target))


class _BadNumber(ValueError):
    """A number JSON allows but no project holds: infinite, or not a number."""


def _object(value: dict) -> dict:
    # Being Python, this call per JSON object lets the interpreter hand the GIL over (see the module docstring).
    return value


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"the number {text[:20]} is too large")
    return value


def _not_a_number(text: str) -> float:
    raise _BadNumber(f"'{text}' is not a number")


def parse_project(data: bytes, *, file: str) -> Project:
    """A Project from file bytes; anything wrong is a one-line ProjectFileError naming the file."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"), object_hook=_object, parse_float=_finite,
                            parse_constant=_not_a_number)
    except UnicodeDecodeError:
        raise ProjectFileError("not a Phasegate project file (not UTF-8 text; the file may be damaged)",
                               file=file) from None
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"the file is damaged or cut short (invalid JSON at line {exc.lineno}, column "
                               f"{exc.colno}); it was left untouched", file=file) from None
    except RecursionError:
        raise ProjectFileError("the file is damaged (lists or objects nested too deeply for a project); it was left "
                               "untouched", file=file) from None
    except _BadNumber as exc:
        raise ProjectFileError(f"the file is damaged ({exc}); it was left untouched", file=file) from None
    except ValueError:  # what else json raises: a whole number too long to convert
        raise ProjectFileError(f"the file is damaged (a number has more than {sys.get_int_max_str_digits():,} "
                               "digits); it was left untouched", file=file) from None
    if not isinstance(parsed, dict) or parsed.get("format", FORMAT) != FORMAT or not (
            "format" in parsed or "version" in parsed or "schema_version" in parsed):
        raise ProjectFileError("not a Phasegate project file (no 'phasegate-project' format marker)", file=file)
    try:
        version = file_version(parsed)
    except ValueError as exc:
        raise ProjectFileError(str(exc), file=file) from None
    if not 0 <= version < _NO_SUCH_VERSION:
        raise ProjectFileError("unknown file format version", file=file)
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"this project was saved by a newer Phasegate (file format {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update Phasegate to open it", file=file)
    try:
        body = migrate(parsed)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ProjectFileError(f"cannot upgrade this project from file format {version}: {exc}", file=file) from None
    body.pop("format", None)
    try:
        return Project.model_validate(body)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        message = str(err["msg"]).removeprefix("Value error, ")
        raise ProjectFileError(f"invalid content at {where}: {message}{more}", file=file) from None


def open_project(path: Path | str) -> Project:
    """Opens a project file (migrating older formats in memory); never writes to the file it reads."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise ProjectFileError(f"the file is {size // (1024 * 1024)} MB, more than a project can be",
                                   file=str(source))
        data = source.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError("no such file", file=str(source)) from None
    except IsADirectoryError:
        raise ProjectFileError("is a folder, not a project file", file=str(source)) from None
    except PermissionError:
        raise ProjectFileError("permission denied", file=str(source)) from None
    if not data.strip():
        raise ProjectFileError("the file is empty (an interrupted save elsewhere?); it was left untouched",
                               file=str(source))
    return parse_project(data, file=str(source))
