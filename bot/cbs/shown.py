"""CBS figures as a reader sees them: shares as percentages, income in euros, Dutch numbers;
each beside the gemeente's. Used by step 1 and by the report alike."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from .figures import FIGURES, Figure, Region

SOURCE = "Bron: CBS, {title}"
# The figures in the one-line summary that starts "Wie wonen er", in this order.
SUMMARY_KEYS = ("inwoners", "leeftijd_65_plus", "eenpersoonshuishoudens", "inkomen_per_inwoner")


@dataclass(frozen=True)
class Row:
    label: str
    wijk: str
    gemeente: str  # "" when the gemeente's figure is unknown


def value(figure: Figure, region: Region) -> float | None:
    """The figure as shown: a count as a share of its whole (or per 1.000), euros whole."""
    raw = region.figures.get(figure.key)
    if raw is None:
        return None
    if figure.thousands:
        return raw * 1000
    if figure.share_of is None or region.units.get(figure.key, "").startswith("%"):
        return raw
    whole = region.figures.get(figure.share_of)
    if not whole:
        return None
    return raw / whole * (figure.per if figure.per > 1 else 100)


def text(figure: Figure, region: Region) -> str:
    shown = value(figure, region)
    if shown is None:
        return ""
    number = format_decimal(round(shown), locale="nl")
    if figure.thousands:
        return f"€ {number}"
    unit = region.units.get(figure.key, "")
    percent = (figure.share_of is not None and figure.per == 1) or unit.startswith("%")
    return f"{number}%" if percent else number


def rows(wijk: Region, gemeente: Region | None) -> list[Row]:
    """Every figure CBS has for the wijk, with the gemeente's beside it."""
    return [
        Row(f.label, text(f, wijk), text(f, gemeente) if gemeente else "")
        for f in FIGURES
        if text(f, wijk)
    ]


def summary(wijk: Region, gemeente: Region | None) -> str:
    """One line: "Waterkwartier: 5.120 inwoners, 24% 65-plussers (Zutphen 19%), …"."""
    by_key = {f.key: f for f in FIGURES}
    parts = []
    for key in SUMMARY_KEYS:
        figure = by_key[key]
        own = text(figure, wijk)
        if not own:
            continue
        part = f"{own} {figure.label.lower()}"
        theirs = text(figure, gemeente) if gemeente else ""
        parts.append(f"{part} ({gemeente.name} {theirs})" if gemeente and theirs else part)
    return f"{wijk.name}: {', '.join(parts)}" if parts else ""
