"""The engine's own Dutch sentences (answers to questions come from knowledge/)."""

MAX_MESSAGE_CHARS = 1000

WELCOME = (
    "Welkom bij Wijkbot! Ik help gemeenten, wijkteams en buurtplatforms met wijkgericht "
    "werken. Stel gerust een vraag, bijvoorbeeld: Wat zijn de vier fases?\n"
    "Typ /help om te zien wat ik verder kan."
)
HELP_PRIVATE = (
    "Zo werkt Wijkbot:\n"
    "• Typ een vraag over wijkgericht werken, dan krijgt u een kort antwoord met de bron.\n"
    "• /vraag gevolgd door uw vraag werkt ook, in elke chat.\n"
    "• /help toont deze uitleg."
)
HELP_GROUP = (
    "In een groep antwoord ik op /vraag gevolgd door uw vraag, bijvoorbeeld: "
    "/vraag wat is een buurtbudget"
)
ASK_WHAT = "Zet uw vraag achter /vraag, bijvoorbeeld: /vraag wat is de sociale basis"
EMPTY = "Ik heb geen tekst ontvangen. Typ een vraag over wijkgericht werken."
TOO_LONG = (
    "Dat bericht is te lang (meer dan {limit} tekens). Maak het wat korter, dan help ik u graag."
)
UNKNOWN_COMMAND = "Het commando {command} ken ik niet. Typ /help voor wat ik kan."
STALE_OPTION = "Die keuze is niet meer geldig. Stel uw vraag gerust opnieuw."
SEE_ALSO = "Zie ook:"
