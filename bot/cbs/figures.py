"""Which CBS table holds which year, and the figures Wijkbot keeps of it: declared once.

CBS numbers the columns of each year's table differently (`AantalInwoners_5`,
`HuishoudensTotaal_29` in 2024, `_28` in 2022), so a figure names the column without its
number and the loader finds the column in the table's DataProperties.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kerncijfers wijken en buurten, per year (StatLine table ids).
TABLES: dict[int, str] = {
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
    2025: "86165NED",
}
DEFAULT_YEAR = 2024
TITLE = "Kerncijfers wijken en buurten"


@dataclass(frozen=True)
class Figure:
    key: str  # how Wijkbot stores it
    column: str  # the CBS column without its number
    label: str  # Dutch, as shown
    share_of: str | None = None  # shown as a percentage of this figure (when a count)
    per: int = 1  # shown per this many of `share_of` instead of as a percentage
    thousands: bool = False  # CBS gives it in thousands of euros


FIGURES: tuple[Figure, ...] = (
    Figure("inwoners", "AantalInwoners", "Inwoners"),
    Figure("leeftijd_0_15", "k_0Tot15Jaar", "Kinderen tot 15 jaar", share_of="inwoners"),
    Figure("leeftijd_65_plus", "k_65JaarOfOuder", "65-plussers", share_of="inwoners"),
    Figure("huishoudens", "HuishoudensTotaal", "Huishoudens"),
    Figure(
        "eenpersoonshuishoudens",
        "Eenpersoonshuishoudens",
        "Eenpersoonshuishoudens",
        share_of="huishoudens",
    ),
    Figure(
        "huishoudens_met_kinderen",
        "HuishoudensMetKinderen",
        "Huishoudens met kinderen",
        share_of="huishoudens",
    ),
    Figure("dichtheid", "Bevolkingsdichtheid", "Inwoners per km²"),
    Figure(
        "inkomen_per_inwoner", "GemiddeldInkomenPerInwoner", "Inkomen per inwoner", thousands=True
    ),
    Figure(
        "sociaal_minimum",
        "HuishOnderOfRondSociaalMinimum",
        "Huishoudens rond het sociaal minimum",
    ),
    Figure(
        "bijstand",
        "PersonenPerSoortUitkeringBijstand",
        "Bijstand (per 1.000 inwoners)",
        share_of="inwoners",
        per=1000,
    ),
)


@dataclass(frozen=True)
class Region:
    """A gemeente or a wijk with its figures (None: CBS publishes none, e.g. too few
    people) and each figure's unit as CBS gives it."""

    code: str  # GM0301, WK030102
    kind: str  # gemeente or wijk
    name: str
    gemeente_code: str
    figures: dict[str, float | None] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Kerncijfers:
    year: int
    table: str
    title: str
    regions: list[Region]
