"""The one base exception of the loaders, with messages that name the file and what is wrong."""

from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """A document could not be loaded; the message names the file and the problem."""

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class UnreadableDocument(LoadError):
    """The file is empty, binary, of an unknown format or cannot be decoded."""


class InvalidDocument(LoadError):
    """The document's graph fails the SHACL shapes; `report` holds the readable violations."""

    def __init__(self, source: str | Path, report: str) -> None:
        self.report = report
        super().__init__(source, f"fails validation:\n{report}")
