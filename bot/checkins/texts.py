"""What the check-ins say (Dutch, B1)."""

ONLY_IN_GROUPS = (
    "Check-ins zijn voor groepen. Voeg mij toe aan de Telegram-groep van uw team of "
    "wijknetwerk en typ daar /checkin."
)
ONLY_LEADERS = (
    "Alleen beheerders van deze groep en de Wijkbot-leden van de gekoppelde gemeente kunnen "
    "check-ins starten, sluiten of plannen."
)
CHOOSE_TEMPLATE = "Welke check-in wilt u starten? Kies hieronder, of typ /checkin en de naam."
TEMPLATE_LINE = "• {key}: {name}, {description}"
UNKNOWN_TEMPLATE = "Die check-in ken ik niet: {key}. Kies uit: {keys}."
ALREADY_OPEN = (
    "Er loopt al een check-in in deze groep ({name}, gestart {opened}). Sluit die eerst met "
    "/checkin_sluit."
)
STARTED = (
    "Check-in: {name}. Iedereen in de groep kan meedoen; wat u kiest, ziet alleen ik. "
    "De groep krijgt na afloop de uitkomst."
)
# how to answer, per kind of check-in (bot/checkins/kinds/)
HOW_PHASES = "Kies per thema een fase. Wijzigen kan tot de check-in sluit."
HOW_THEMES = "Tik de thema's aan die voor u gelden; nog eens tikken haalt er een weg."
HOW_OPEN = "Antwoord met een reactie (reply) op dit bericht; een nieuwe vervangt de vorige."
HOW_CHOICE = "Kies één antwoord. Wijzigen kan tot de check-in sluit."
HOW_CHECKLIST = "Kies per punt ja, deels of nee. Wijzigen kan tot de check-in sluit."
CLOSES_AT = "De check-in sluit {when}."
CLOSE_BY_HAND = "Sluiten kan met /checkin_sluit."
EXPLAIN_PHASES = "Uitleg fasen"
PHASES_OF_THEME = "{theme}: de vier fasen"

NOTED = "Genoteerd: {label}. Wijzigen kan tot de check-in sluit."
NOTED_THEMES = "Uw keuze: {labels}."
NOTED_NOTHING = "U hebt nu geen thema gekozen."
NOTED_OPEN = "Dank u, uw antwoord is genoteerd."
NOTED_POINT = "Genoteerd: punt {number}, {value}. Wijzigen kan tot de check-in sluit."
NOT_A_POINT = "Die knop hoort niet bij deze check-in. Er is niets veranderd."
CLOSED_ALREADY = "Deze check-in is al gesloten; uw antwoord telt niet meer mee."
NOTHING_OPEN = "Er loopt nu geen check-in in deze groep. Start er een met /checkin."

SUMMARY_TITLE = "Uitkomst check-in: {name}"
RESPONDENTS = {0: "Niemand heeft geantwoord.", 1: "1 deelnemer."}
RESPONDENTS_MANY = "{count} deelnemers."


def participants(count: int) -> str:
    """Dutch: "Niemand heeft geantwoord.", "1 deelnemer.", "3 deelnemers."."""
    return RESPONDENTS.get(count) or RESPONDENTS_MANY.format(count=count)


WHO = "Wie: {names}."
TREND_HEADER = "Vergeleken met de vorige keer ({date}):"
TREND = {"up": "↑", "down": "↓", "same": "="}
THEME_LINE = "• {theme}: gemiddeld {average} (spreiding {spread}, {count} antwoorden) {trend}"
THEME_LINE_EMPTY = "• {theme}: geen antwoorden"
COUNT_LINE = "• {label}: {count} {trend}"
OPEN_LINE = "• {answer}"
OPEN_LINE_NAMED = "• {name}: {answer}"
CHART_AVERAGE = "Gemiddelde fase per thema (1 tot 4), met spreiding"
CHART_COUNTS = "Aantal deelnemers per keuze"

CHECKLIST_WHICH = (
    "Welke opgave van de checklist? Typ het nummer erachter, bijvoorbeeld: "
    "/checkin checklist 3\n\n{tasks}"
)
CHECKLIST_UNKNOWN = (
    "Opgave {given} bestaat niet. Kies een nummer van 1 tot {count}, bijvoorbeeld: "
    "/checkin checklist 3\n\n{tasks}"
)
CHECKLIST_TASK_LINE = "{number}. {name}"
CHECKLIST_TASK = "Opgave {number} van {count}: {name}"
CHECKLIST_POINT = "{number}. {kans_valkuil}: {text}"
CHECKLIST_BUTTONS = ("Punt {number}: ja", "deels", "nee")  # one row per point
CHECKLIST_SCORE = "De groep scoort {score}. {rule}"
CHECKLIST_NO_SCORE = "Nog geen score: niemand heeft een punt beantwoord."
CHECKLIST_LINE = "• {number} ({kans_valkuil}): ja {ja} · deels {deels} · nee {nee}"
CHART_CHECKLIST = "Hoe sterk de groep elk punt herkent (ja 100%, deels 50%, nee 0%)"
CHART_POINT = "{number}. {text} ({kans_valkuil})"
CHART_POINT_CHARS = 48  # the point's text, shortened to fit beside its bar

REMINDER = "Herinnering: de check-in {name} sluit {when}. Tot nu toe: {participants}"
PLANNER = "planning"  # who opened a scheduled check-in
SKIPPED = "De geplande check-in {name} begint nu niet: er loopt al een andere check-in."

CHOICE_USAGE = (
    "Zet de vraag tussen aanhalingstekens en de opties erachter, gescheiden door puntkomma's: "
    '/checkin vraag "Hoe gaat het?" goed; kan beter; slecht'
)
CHOICE_COUNT = "Geef 2 tot 10 opties, gescheiden door puntkomma's."
OPTION_TOO_LONG = "Een optie mag hoogstens 60 tekens hebben: {option}"
QUESTION_TOO_LONG = "De vraag mag hoogstens 300 tekens hebben."
BAD_DURATION = (
    "Die duur begrijp ik niet: {text}. Schrijf bijvoorbeeld 30m, 2u of 3d (hoogstens 14 dagen)."
)

PLAN_USAGE = (
    "Zo plant u een terugkerende check-in: /checkin_plan energie maandag 09:00 48 (de "
    "template, de dag of 'dagelijks', het tijdstip en hoeveel uur hij openstaat)."
)
PLAN_NO_CHOICE = "Een eigen vraag kunt u niet plannen; plan quickscan, energie of open."
PLAN_NO_CHECKLIST = (
    "Een checklist-opgave kunt u niet plannen; start hem met /checkin checklist en het nummer."
)
BAD_DAY = "Die dag ken ik niet: {day}. Kies maandag tot en met zondag, of dagelijks."
BAD_TIME = "Dat tijdstip bestaat niet: {time}. Schrijf het als 09:00."
BAD_HOURS = "Open laten kan 1 tot {most} uur (bij {day}); u gaf {hours}."
PLANNED = (
    "Gepland: {name}, {when}, steeds {hours} uur open, met een herinnering voor hij sluit. "
    "De eerste keer is {first}. Overzicht en stoppen: /checkin_plannen."
)
NO_PLANS = "Er zijn geen check-ins gepland in deze groep. Plannen kan met /checkin_plan."
PLANS_HEADER = "Geplande check-ins in deze groep:"
PLAN_LINE = "• {name}: {when}, {hours} uur open (volgende keer {next})"
CANCEL_PLAN = "Stop {name} ({when})"
PLAN_CANCELLED = "Gestopt: {name}, {when}."
PLAN_GONE = "Die planning bestaat niet meer."
EVERY_DAY = "dagelijks om {time}"
EVERY_WEEK = "elke {day} om {time}"

LINK_USAGE = (
    "Koppel deze groep aan uw gemeente met /koppel en de code van uw gemeente, bijvoorbeeld "
    "/koppel GM0363. Dat kan de coördinator van de gemeente in Wijkbot."
)
LINK_ONLY_COORDINATOR = (
    "Alleen een beheerder van deze groep die coördinator van een gemeente in Wijkbot is, kan "
    "de groep koppelen. Coördinator worden doet u in een privégesprek met mij (/start)."
)
LINK_OTHER_GEMEENTE = "U bent coördinator van {gemeente} ({code}), niet van {given}."
LINKED = (
    "Deze groep is nu gekoppeld aan {gemeente}. Uitkomsten van check-ins tellen mee in "
    "/voortgang, het rapport en de export van de gemeente."
)
