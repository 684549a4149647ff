"""Where documents come from: files, folders (recursive) and .zip archives, read without ever writing to disk."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from loaders.errors import LoadError, UnreadableDocument
from loaders.read import MAX_BYTES, READERS


@dataclass(frozen=True)
class Source:
    """One document to load: a display name and how to get its bytes (or the error that prevents it)."""

    name: str
    load: Callable[[], bytes]


def known_suffixes() -> set[str]:
    return {suffix for reader in READERS for suffix in reader.extensions}


def _read_file(path: Path) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise UnreadableDocument(
                    path, f"the file is {size / 2**20:.0f} MiB, above the limit of {MAX_BYTES // 2**20} MiB"
                )
            return path.read_bytes()
        except OSError as exc:
            raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from exc

    return load


def _failing(error: LoadError) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


def _zip_member(archive: Path, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def load() -> bytes:
        if info.file_size > MAX_BYTES:
            raise UnreadableDocument(
                f"{archive}!{info.filename}", f"unpacks to {info.file_size / 2**20:.0f} MiB, above the limit"
            )
        with zipfile.ZipFile(archive) as zf, zf.open(info) as member:
            data = member.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise UnreadableDocument(f"{archive}!{info.filename}", "unpacks to more than the size limit")
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
            if member.is_absolute() or ".." in member.parts:
                yield Source(name, _failing(UnreadableDocument(name, "the archive path escapes its folder; skipped")))
            elif member.suffix.lower() in suffixes:
                yield Source(name, _zip_member(archive, info))


def iter_sources(paths: Sequence[Path]) -> Iterator[Source]:
    """Files as given; under folders every file with a registered extension (sorted); the members of .zip archives."""
    suffixes = known_suffixes()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() == ".zip":
                    yield from _zip_sources(child)
                elif child.suffix.lower() in suffixes:
                    yield Source(str(child), _read_file(child))
        elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            yield from _zip_sources(path)
        elif not path.exists():
            yield Source(str(path), _failing(UnreadableDocument(path, "no such file or folder")))
        else:
            yield Source(str(path), _read_file(path))
