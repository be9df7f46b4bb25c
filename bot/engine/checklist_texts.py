"""What /checklist says (Dutch, B1). The questions themselves are in flows/checklist.yaml."""

from ..report.checklist import RULE as RULE

MENU = (
    "Tien opgaven, elk met kansen en valkuilen. Per punt zegt u of "
    "u het herkent in uw gemeente. Kies een opgave:"
)
MENU_NOW_AT = "U was bij punt {number}. Kies een opgave om verder te gaan:"
TASK_OPTION = "{number}. {name} ({answered}/{items})"
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
STRONGEST = "Sterkst: {tasks}"
WEAKEST = "Zwakst: {tasks}"
RANKED_TASK = "{name} ({score})"
STILL_OPEN = "Nog niet alles is ingevuld. Met /checklist gaat u verder."

WEAK_TITLE = "Zwakste opgaven: wat kunt u doen?"
STRONG_TITLE = "Sterkste opgaven: hier bouwt u op"
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
