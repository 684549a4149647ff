"""Where documents come from: files, folders (recursive) and .zip archives, read without ever writing to disk."""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from loaders.errors import LoadError, UnreadableDocument
from loaders.read import MAX_BYTES, READERS

#: An archive member that unpacks to more than BOMB_MIN_BYTES at more than BOMB_RATIO times its packed size is refused
#: unread: text and PDFs pack a few times smaller, a zip bomb (a run of zeros, say) a thousand times.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 2**20
# A Windows drive in an archive path ('C:/...', 'C:..'), which escapes the folder as an absolute path does.
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Source:
    """One document to load: a display name and how to get its bytes (or the error that prevents it)."""

    name: str
    load: Callable[[], bytes]


def known_suffixes() -> set[str]:
    return {suffix for reader in READERS for suffix in reader.extensions}


def _read_file(path: Path, *, listed: bool = False) -> Callable[[], bytes]:
    """Read a regular file, at most MAX_BYTES; pipes and devices are refused without blocking on them.

    `listed`: the file was found by walking a folder, so its absence means it disappeared since.
    """

    def load() -> bytes:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO would block a plain open()
        except FileNotFoundError as exc:
            problem = "the file disappeared after its folder was listed" if listed else "no such file or folder"
            raise UnreadableDocument(path, problem) from exc
        except OSError as exc:
            raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from exc
        with os.fdopen(fd, "rb") as file:
            try:
                info = os.fstat(file.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise UnreadableDocument(path, "not a regular file (a pipe, device or socket); refused")
                if info.st_size > MAX_BYTES:
                    raise UnreadableDocument(
                        path, f"the file is {_mib(info.st_size)}, above the limit of {_mib(MAX_BYTES)}"
                    )
                data = file.read(MAX_BYTES + 1)
            except OSError as exc:
                raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from exc
        if len(data) > MAX_BYTES:
            raise UnreadableDocument(path, f"the file grew while it was read, above the limit of {_mib(MAX_BYTES)}")
        return data

    return load


def _mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size} bytes"


def _failing(error: LoadError) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


def _zip_member(archive: Path, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    name = f"{archive}!{info.filename}"

    def load() -> bytes:
        if info.file_size > MAX_BYTES:
            raise UnreadableDocument(name, f"unpacks to {_mib(info.file_size)}, above the limit of {_mib(MAX_BYTES)}")
        if info.file_size > BOMB_MIN_BYTES and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise UnreadableDocument(
                name, f"unpacks {ratio}-fold to {_mib(info.file_size)}, which only a zip bomb does; refused"
            )
        try:
            with zipfile.ZipFile(archive) as zf, zf.open(info) as member:
                data = member.read(MAX_BYTES + 1)
        except FileNotFoundError as exc:
            raise UnreadableDocument(name, "the archive disappeared after it was listed") from exc
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required for extraction"
            raise UnreadableDocument(
                name, "the archive member is encrypted; unpack it with its password first"
            ) from exc
        except NotImplementedError as exc:
            raise UnreadableDocument(name, f"the archive member cannot be unpacked ({exc})") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise UnreadableDocument(name, f"the archive member is damaged ({exc})") from exc
        if len(data) > MAX_BYTES:
            raise UnreadableDocument(name, f"unpacks to more than the limit of {_mib(MAX_BYTES)}")
        return data

    return load


def _zip_sources(archive: Path) -> Iterator[Source]:
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Source(str(archive), _failing(UnreadableDocument(archive, f"not a readable zip archive ({exc})")))
        return
    with zf:
        suffixes = known_suffixes()
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = f"{archive}!{info.filename}"
            member = PurePosixPath(info.filename.replace("\\", "/"))
            if member.is_absolute() or ".." in member.parts or _DRIVE.match(info.filename):
                yield Source(name, _failing(UnreadableDocument(name, "the archive path escapes its folder; skipped")))
            elif member.suffix.lower() in suffixes:
                yield Source(name, _zip_member(archive, info))


def _walk(folder: Path) -> Iterator[Source]:
    """Every file under a folder with a registered extension, sorted; links to folders are not followed (no loops),
    a link to a missing file is reported."""
    suffixes = known_suffixes()
    for child in sorted(folder.rglob("*")):
        suffix = child.suffix.lower()
        if suffix != ".zip" and suffix not in suffixes:
            continue
        if child.is_symlink() and not child.exists():
            yield Source(str(child), _failing(UnreadableDocument(child, "a link to a file that does not exist")))
        elif not child.is_file():
            continue
        elif suffix == ".zip":
            yield from _zip_sources(child)
        else:
            yield Source(str(child), _read_file(child, listed=True))


def iter_sources(paths: Sequence[Path]) -> Iterator[Source]:
    """Files as given; under folders every file with a registered extension (sorted); the members of .zip archives."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            yield from _zip_sources(path)
        else:
            yield Source(str(path), _read_file(path))
