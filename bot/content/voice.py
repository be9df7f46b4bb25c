"""The rules every answer keeps, so the bot speaks with one voice (knowledge/README.md).

Answers address the reader as "u", never "je" or "jij"; words within quotation marks are
someone else's and may say anything. The source line is added by the bot, once, so an
answer carries no "Bron:" of its own.
"""

from __future__ import annotations

import re

from .models import MAX_ANSWER_CHARS, Entry

_QUOTED = re.compile(  # text in double, curly or single quotes (not the apostrophe of "thema's")
    "\"[^\"]*\"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|(?<!\\w)'[^']*'(?!\\w)"
)
_INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jouwe|jezelf)\b", re.IGNORECASE)


def voice_problems(entry: Entry) -> list[str]:
    """What breaks the rules in this entry's answer (empty when it keeps them)."""
    problems = []
    if len(entry.answer) > MAX_ANSWER_CHARS:
        problems.append(f"answer is {len(entry.answer)} characters, at most {MAX_ANSWER_CHARS}")
    informal = sorted(
        {m.group(0).lower() for m in _INFORMAL.finditer(_QUOTED.sub("", entry.answer))}
    )
    if informal:
        problems.append(f"answer says {', '.join(informal)}; address the reader as u")
    if "bron:" in entry.answer.casefold():
        problems.append("answer has its own 'Bron:' line; the bot adds the source")
    return problems
