"""Documents are found in files, folders and zip archives; an archive member that escapes its folder is refused."""

import zipfile
from pathlib import Path

import pytest

from loaders.errors import UnreadableDocument
from loaders.sources import iter_sources


def test_folders_are_walked_recursively_and_unknown_suffixes_skipped(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "één brief.txt").write_text("x")
    (tmp_path / "a" / "b" / "twee.txt").write_text("y")
    (tmp_path / "a" / "notes.md5").write_text("z")
    names = [Path(s.name).name for s in iter_sources([tmp_path])]
    assert names == ["twee.txt", "één brief.txt"]


def test_zip_members_are_read_in_memory(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("brieven/een.txt", "eerste brief")
        zf.writestr("plaatje.png", b"\x89PNG")
    sources = list(iter_sources([archive]))
    assert [s.name for s in sources] == [f"{archive}!brieven/een.txt"]
    assert sources[0].load() == b"eerste brief"


def test_a_zip_member_escaping_its_folder_is_refused_without_touching_disk(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../outside.txt", "boo")
        zf.writestr("ok.txt", "fine")
    sources = list(iter_sources([archive]))
    assert len(sources) == 2
    with pytest.raises(UnreadableDocument, match="escapes its folder"):
        sources[0].load()
    assert sources[1].load() == b"fine"
    assert not (tmp_path.parent / "outside.txt").exists()


def test_a_missing_path_is_reported_by_name(tmp_path: Path) -> None:
    (source,) = iter_sources([tmp_path / "nope.txt"])
    with pytest.raises(UnreadableDocument, match=r"nope\.txt: no such file"):
        source.load()
