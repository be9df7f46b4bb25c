"""How a reply looks in Telegram: escaped HTML, cut to fit, buttons in rows."""

from __future__ import annotations

from html import unescape

from bot.telegram.render import TEXT_LIMIT, html_pieces, keyboard, split_text
from bot.vocabulary import Reply


def test_a_long_answer_is_cut_between_paragraphs_and_nothing_is_lost() -> None:
    paragraphs = [f"Alinea {n}: " + " ".join(["buurt & wijk"] * 40) for n in range(30)]
    text = "\n\n".join(paragraphs)
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(len(piece) <= TEXT_LIMIT for piece in pieces)
    assert all(piece.startswith("Alinea") for piece in pieces)  # never mid-paragraph
    assert unescape("\n\n".join(pieces)) == text


def test_a_paragraph_without_breaks_is_cut_between_words_then_anywhere() -> None:
    words = "<wijkteam> " * 1000
    assert all(len(p) <= TEXT_LIMIT for p in split_text(words))
    assert unescape(" ".join(split_text(words))) == words.strip()
    one_word = "&" * 5000
    assert "".join(unescape(p) for p in split_text(one_word)) == one_word


def test_the_title_is_bold_and_typed_text_never_becomes_markup() -> None:
    [html] = html_pieces(Reply("Wijk <b>Noord</b> & Zuid", title="Vraag <1>"))
    assert html == "<b>Vraag &lt;1&gt;</b>\n\nWijk &lt;b&gt;Noord&lt;/b&gt; &amp; Zuid"


def test_short_labels_share_a_row_long_labels_get_their_own() -> None:
    short = keyboard([("Ja", "a", None), ("Deels", "b", None), ("Nee", "c", None)])
    assert short is not None and [len(row) for row in short.inline_keyboard] == [3]
    long = keyboard(
        [("1. Nog geen visie op wijkgericht werken", "a", None), ("2. Visie staat", "b", None)]
    )
    assert long is not None and [len(row) for row in long.inline_keyboard] == [1, 1]
    assert keyboard([]) is None
