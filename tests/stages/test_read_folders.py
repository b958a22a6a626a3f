"""Folders as users fill them: stray binaries, links, unreadable paths, many files."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from eventwire.model import Article, Problem
from eventwire.stages.read import find_files, find_inputs, read_inputs

ARTICLE = "Title\nRussia denied the report on Monday.\n"
NOBODY = 65534


def codes(items) -> list[tuple[str, str]]:
    """(kind, file name) of what reading gives: the article, or the problem's code."""
    return [
        ("article", Path(item.origin).name)
        if isinstance(item, Article)
        else (item.code, Path(item.where).name)
        for item in items
    ]


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("articles.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        ("articles.tar.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        ("data.bin", bytes(range(256)) * 4, "binary"),
    ],
)
def test_a_file_readers_do_not_take_is_reported_once_by_name(tmp_path, name, content, kind):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / name).write_bytes(content)
    items = list(read_inputs([str(tmp_path), str(tmp_path / name)]))
    assert codes(items) == [("article", "a.txt"), ("skipped", name), ("skipped", name)]
    skipped = items[1]
    assert skipped.where == str(tmp_path / name) and kind in skipped.message
    assert "skipped: not text, HTML or JSON Lines" in skipped.message


def test_text_files_of_other_kinds_and_hidden_files_are_left_alone(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.expected.yaml").write_text("events: []\n")
    (tmp_path / "README.md").write_text("# notes\n")
    (tmp_path / ".a.txt.swp").write_bytes(b"\x00\x01binary swap")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(ARTICLE)
    assert codes(read_inputs([str(tmp_path)])) == [("article", "a.txt")]


def test_a_format_given_reads_every_file_of_the_folder(tmp_path):
    (tmp_path / "one").write_text(ARTICLE)
    (tmp_path / "two.md").write_text(ARTICLE)
    assert codes(read_inputs([str(tmp_path)], "text")) == [
        ("article", "one"),
        ("article", "two.md"),
    ]


def test_dangling_and_looping_links_are_reported_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    items = list(read_inputs([str(tmp_path)]))
    assert codes(items) == [
        ("article", "a.txt"),
        ("bad_link", "gone.txt"),
        ("bad_link", "self"),
        ("article", "b.txt"),
        ("bad_link", "up"),
    ]
    assert "nowhere.txt" in items[1].message and str(tmp_path / "gone.txt") in items[1].message
    assert "loops" in items[2].message and "loops back" in items[4].message


def test_a_link_to_another_folder_is_followed_once(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "a.txt").write_text(ARTICLE)
    (tmp_path / "latest").symlink_to(tmp_path / "archive")
    assert [Path(path).relative_to(tmp_path) for path in find_files([str(tmp_path)])] == [
        Path("archive/a.txt")
    ]


def test_a_pipe_in_a_folder_is_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "feed.txt")
    assert codes(read_inputs([str(tmp_path)])) == [("skipped", "feed.txt")]


def test_find_files_lists_what_reading_reports_and_leaves_out_what_cannot_be_walked(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "notes.md").write_text("notes\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    listed = [Path(path).name for path in find_files([str(tmp_path), str(tmp_path / "a.txt")])]
    assert listed == ["a.txt", "report.pdf"]
    problems = [item for item in find_inputs([str(tmp_path)]) if isinstance(item, Problem)]
    assert [(p.code, Path(p.where).name) for p in problems] == [("bad_link", "gone.txt")]


@contextlib.contextmanager
def unprivileged():
    """Run as a user without root's right to read anything (when the tests run as root)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


def test_unreadable_folders_and_files_are_reported_by_path():
    # a folder every user may enter (pytest's tmp_path is root's alone)
    top = Path(tempfile.mkdtemp(prefix="eventwire-read-"))
    try:
        top.chmod(0o755)
        for name in ("a.txt", "secret.txt"):
            (top / name).write_text(ARTICLE)
            (top / name).chmod(0o644)
        (top / "locked").mkdir()
        (top / "locked" / "b.txt").write_text(ARTICLE)
        (top / "secret.txt").chmod(0o000)
        (top / "locked").chmod(0o000)
        with unprivileged():
            items = list(read_inputs([str(top)]))
        assert codes(items) == [
            ("article", "a.txt"),
            ("unreadable", "locked"),
            ("unreadable", "secret.txt"),
        ]
        assert "cannot open folder" in items[1].message and str(top / "locked") in items[1].message
        assert "cannot open file" in items[2].message and str(top / "secret.txt") in items[2].where
    finally:
        (top / "locked").chmod(0o755)
        shutil.rmtree(top)


def test_ten_thousand_small_files_are_read_at_normal_speed(tmp_path):
    for number in range(10_000):
        (tmp_path / f"{number:05}.txt").write_text(f"Russia denied report {number}.\n")
    for number in range(100):
        (tmp_path / f"{number:05}.md").write_text("notes\n")
    started = time.perf_counter()
    items = list(read_inputs([str(tmp_path)]))
    seconds = time.perf_counter() - started
    assert len(items) == 10_000 and all(isinstance(item, Article) for item in items)
    assert seconds < 10  # about half a second on the 2-core test machine
