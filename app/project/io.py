"""Saving and opening project files: one versioned JSON file (.phasegate), written atomically, read defensively.

Atomic save: the JSON is written to a temporary file in the same folder, flushed and fsynced, then moved over the
target with os.replace, so a crash, kill or full disk at any moment leaves either the old file or the new one.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from app import __version__
from app.domain import Person
from app.errors import ProjectFileError
from app.project import json_pieces
from app.project.migrations import file_version, migrate
from app.project.model import SCHEMA_VERSION, Project

FORMAT = "phasegate-project"
EXTENSION = ".phasegate"
MAX_BYTES = 512 * 1024 * 1024
_CHUNK = 64 * 1024


def project_bytes(project: Project) -> bytes:
    """The file content of a project: UTF-8 JSON with the format marker and version first."""
    return b"".join(project_chunks(project))


def project_chunks(project: Project) -> Iterator[bytes]:
    """The file content in pieces: the project around its people, then person by person (same bytes in all).

    One dump call over a big roster holds the GIL throughout — and so does one join or one encode of its 30 MB of
    text (0.1 s for 20,000 people) — freezing a desktop window while it autosaves in the background; each piece
    here is one person's dump, so the thread hands the GIL over between people.
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
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    if isinstance(data, bytes | bytearray | memoryview):
        whole = bytes(data)
        total = len(whole)
        pieces: Iterable[bytes] = (whole[start:start + _CHUNK] for start in range(0, total, _CHUNK))
    else:
        total, pieces = 0, _blocks(data)
    try:
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
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)
    return target


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
    """Saves atomically (the previous file stays intact if anything fails); `progress(written, 0)` per piece.

    The file is written piece by piece (`project_chunks`), so a save on a background thread never holds the GIL
    for long.
    """
    target = Path(path)
    try:
        return write_atomic(target, project_chunks(project), progress=progress)
    except OSError as exc:
        raise ProjectFileError(f"cannot save the project ({exc.strerror or exc}); the previous file is unchanged",
                               file=str(target)) from None


def parse_project(data: bytes, *, file: str) -> Project:
    """A Project from file bytes; anything wrong is a one-line ProjectFileError naming the file."""
    try:
        parsed = json_pieces.loads_bytes(data)  # in small steps: a reader thread keeps handing over the GIL
    except UnicodeDecodeError:
        raise ProjectFileError("not a Phasegate project file (not UTF-8 text; the file may be damaged)",
                               file=file) from None
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"the file is damaged or cut short (invalid JSON at line {exc.lineno}, column "
                               f"{exc.colno}); it was left untouched", file=file) from None
    if not isinstance(parsed, dict) or parsed.get("format", FORMAT) != FORMAT or not (
            "format" in parsed or "version" in parsed or "schema_version" in parsed):
        raise ProjectFileError("not a Phasegate project file (no 'phasegate-project' format marker)", file=file)
    try:
        version = file_version(parsed)
    except ValueError as exc:
        raise ProjectFileError(str(exc), file=file) from None
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"this project was saved by a newer Phasegate (file format {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update Phasegate to open it", file=file)
    if version < 0:
        raise ProjectFileError(f"unknown file format version {version}", file=file)
    try:
        body = migrate(parsed)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ProjectFileError(f"cannot upgrade this project from file format {version}: {exc}", file=file) from None
    body.pop("format", None)
    roster = body.get("roster")
    if isinstance(roster, dict) and isinstance(roster.get("people"), list):
        # person by person (one validation of 100,000 people is one call that holds the GIL for seconds); a bad
        # person falls through to the whole validation below, which words the problem as it always has
        raw, people = roster["people"], []
        with contextlib.suppress(ValidationError, TypeError):
            for i, item in enumerate(raw):
                people.append(Person.model_validate(item))
                raw[i] = None  # its JSON freed at once: freeing all of it at the end held the GIL ~0.1 s
        body["roster"] = {**roster, "people": people + raw[len(people):]}
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
