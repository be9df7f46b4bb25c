"""What the Telegram adapter itself says (the engine's sentences live in bot/engine/texts.py)."""

ONLY_TEXT = "Ik kan alleen tekst lezen. Typ uw vraag of antwoord."
SOMETHING_WENT_WRONG = (
    "Sorry, daar ging bij mij iets mis. Probeer het zo nog eens; met /stap gaat u verder "
    "waar u was."
)
ASK_IN_PRIVATE = "Vraag het Wijkbot in een privégesprek"

DESCRIPTION = (
    "Wijkbot helpt gemeenten, wijkteams en buurtplatforms met wijkgericht werken: de vier "
    "stappen (wijk-analyse, startpositie, kernkeuzes, start), korte antwoorden met bron, en "
    "een verslag voor uw gemeente. Typ /start."
)
SHORT_DESCRIPTION = "Advies over wijkgericht werken, voor gemeenten en buurtplatforms."
