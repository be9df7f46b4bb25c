"""The content and its matcher kept ready between starts (bot/parts_cache.py): a start reads
what the last one built while nothing changed, and never an answer of content since edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import load_parts

QUESTION = "wat is een buurtbudget"


@pytest.fixture
def content(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the content to edit (tests/conftest.py), and a cache folder of this
    test's own."""
    monkeypatch.setenv("WIJKBOT_CONTENT", str(content_copy))
    monkeypatch.setenv("WIJKBOT_CACHE", str(content_copy.parent / "cache"))
    return content_copy


def cached(content: Path) -> list[Path]:
    return sorted((content.parent / "cache").glob("parts-*.pickle"))


def test_a_second_start_reads_the_first_ones_parts(content: Path) -> None:
    kb, matcher = load_parts()
    [kept] = cached(content)
    written = kept.stat().st_mtime_ns

    again_kb, again = load_parts()

    assert cached(content) == [kept] and kept.stat().st_mtime_ns == written  # read, not built
    assert again_kb.entries.keys() == kb.entries.keys()
    first, second = matcher.match(QUESTION), again.match(QUESTION)
    assert second.outcome is first.outcome
    assert [c.entry.id for c in second.candidates] == [c.entry.id for c in first.candidates]
    assert [c.score for c in second.candidates] == [c.score for c in first.candidates]


def test_an_edited_entry_is_read_anew(content: Path) -> None:
    kb, matcher = load_parts()
    entry = matcher.match(QUESTION).candidates[0].entry
    [old] = cached(content)
    path = content / kb.origins[entry.id]
    first_line = entry.answer.splitlines()[0]
    path.write_text(
        path.read_text(encoding="utf-8").replace(first_line, first_line + " Bijgewerkt."),
        encoding="utf-8",
    )

    edited, _ = load_parts()

    assert "Bijgewerkt." in edited.entries[entry.id].answer
    [new] = cached(content)
    assert new != old  # the parts of the old content are gone


def test_a_cache_that_does_not_read_back_is_built_anew(content: Path) -> None:
    load_parts()
    [kept] = cached(content)
    kept.write_bytes(b"not a pickle")

    _, matcher = load_parts()

    assert matcher.match(QUESTION).candidates
    assert kept.read_bytes() != b"not a pickle"


def test_a_cache_folder_that_cannot_be_written_still_starts(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = content.parent / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("WIJKBOT_CACHE", str(blocked / "cache"))

    _, matcher = load_parts()

    assert matcher.match(QUESTION).candidates
