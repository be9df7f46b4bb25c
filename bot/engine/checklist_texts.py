"""What /checklist says (Dutch, B1). The questions themselves are in flows/checklist.yaml."""

from ..report.checklist import RULE as RULE
from ..report.checklist import STRONG_TEXT, WEAK_TEXT

MENU = (
    "Tien opgaven, elk met kansen en valkuilen. Per punt zegt u of "
    "u het herkent in uw gemeente. Kies een opgave:"
)
MENU_NOW_AT = "U was bij punt {number}. Kies een opgave om verder te gaan:"
TASK_OPTION = "{name} ({answered}/{items})"  # the option's own number is the task's
TASK_DONE = " ✓"
SHOW_RESULT = "Uitslag bekijken"
CONTINUE = "Verder met de checklist"
WHICH_TASK = (
    "Die opgave ken ik niet: {given}. Kies een opgave van 1 tot {count}, bijvoorbeeld: /checklist 3"
)
STOPPED = "Gestopt. Uw antwoorden zijn bewaard; met /checklist gaat u later verder."

RESULT_TITLE = "Uitslag doe-het-zelf-checklist"
NOTHING_YET = "Er is nog niets ingevuld in de checklist. Kies een opgave om te beginnen."
TASK_LINE = "{number}. {name}: {score} ({answered} van {items}){done}"
TASK_LINE_EMPTY = "{number}. {name}: nog niet ingevuld"
STRONG = f"Sterk ({STRONG_TEXT} of hoger): {{tasks}}"
WEAK = f"Zwak ({WEAK_TEXT} of lager): {{tasks}}"
NO_TASK = "geen opgave"
RANKED_TASK = "{name} ({score})"
STILL_OPEN = "Nog niet alles is ingevuld. Met /checklist gaat u verder."

WEAK_TITLE = "Zwakke opgaven: wat kunt u doen?"
STRONG_TITLE = "Sterke opgaven: hier bouwt u op"
PITFALLS_TITLE = "Valkuilen die u herkent"
PITFALLS_INTRO = "Per opgave de valkuilen die u herkent (ja of deels):"
NO_PITFALLS = "U herkent geen van de valkuilen die u invulde."
PITFALL = "• {number}. {text} ({answer})"
TASK_PITFALL_HEADER = "Opgave {number}: {name}"

TASK_RESULT_TITLE = "Opgave {number} is ingevuld: {name}"
TASK_RESULT = "Score {score}: {verdict}."
VERDICT = {
    "sterk": f"sterk ({STRONG_TEXT} of hoger)",
    "zwak": f"zwak ({WEAK_TEXT} of lager)",
    "midden": f"tussen zwak ({WEAK_TEXT} of lager) en sterk ({STRONG_TEXT} of hoger)",
}
TASK_PITFALLS = "Valkuilen die u herkent:"
TASK_NO_PITFALLS = "U herkent geen valkuil in deze opgave."
TASK_HEADER = "Opgave {number}: {name} ({score})"
PITFALLS = "Valkuilen om aan te pakken:"
MISSING = "Kansen om aan te werken:"
PRESENT = "Kansen die er al zijn:"
POINT = "• {number}. {text}"
NOTHING_STANDS_OUT = "Geen punt springt eruit: kijk samen naar de punten die u 'deels' gaf."
ASK_MORE = "Meer weten? Typ: /vraag {title}"
BUILD_ON = "Hier kunt u op voortbouwen. Deel wat werkt met collega's en andere wijken."

PROGRESS_LINE = (
    "Doe-het-zelf-checklist: {done} van {count} opgaven ingevuld ({answered} van {points} punten)"
)
PROGRESS_STRONGEST = "sterkst: {name}"
PROGRESS_WEAKEST = "zwakst: {name}"
PROGRESS_START = "Doe-het-zelf-checklist: nog niet begonnen. Start met /checklist."
