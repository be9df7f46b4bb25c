"""What the Telegram adapter itself says (the engine's sentences live in bot/engine/texts.py)."""

UNKNOWN_BUTTON = "Deze knop werkt niet (meer). Er is niets veranderd."
SOMEONE_ELSES_BUTTON = "Deze knop is voor iemand anders. Er is niets veranderd."
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

# The command menus: (command, description) per scope.
PRIVATE_COMMANDS = (
    ("start", "Aanmelden of verdergaan"),
    ("stap", "De vier stappen: kies een stap"),
    ("vraag", "Een vraag over wijkgericht werken"),
    ("voortgang", "Waar uw gemeente staat"),
    ("checklist", "De doe-het-zelf-checklist: tien opgaven"),
    ("acties", "Het actieplan bekijken en bijwerken"),
    ("rapport", "Het verslag als Word-bestand"),
    ("uitnodigen", "Een collega uitnodigen"),
    ("leden", "De leden van uw gemeente"),
    ("open_vragen", "Vragen voor uw gemeente beantwoorden (coördinator)"),
    ("terug", "Terug naar de vorige vraag"),
    ("overslaan", "Deze vraag overslaan"),
    ("stop", "Even stoppen"),
    ("help", "Wat Wijkbot kan"),
    ("privacy", "Wat Wijkbot bewaart en waarom"),
    ("mijn_gegevens", "Alles wat over u bewaard is"),
    ("vergeet_mij", "Uw gegevens laten wissen"),
)
GROUP_COMMANDS = (
    ("vraag", "Een vraag over wijkgericht werken"),
    ("help", "Wat Wijkbot in een groep doet"),
    ("privacy", "Wat Wijkbot bewaart en waarom"),
)
GROUP_ADMIN_COMMANDS = (
    *GROUP_COMMANDS,
    ("checkin", "Een check-in starten (quick scan, energie, open ronde, eigen vraag, checklist)"),
    ("checkin_sluit", "De lopende check-in sluiten: de uitkomst met grafiek"),
    ("checkin_plan", "Een terugkerende check-in plannen"),
    ("checkin_plannen", "Geplande check-ins bekijken en stoppen"),
    ("koppel", "Deze groep aan uw gemeente koppelen"),
    ("start", "Wijkbot stelt zich voor in de groep"),
)
