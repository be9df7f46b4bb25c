"""What the report for the gemeenteraad says (Dutch, B1): its fixed sentences and headings."""

TITLE = "Wijkgericht werken in {gemeente}"
SUBJECT = "Stand van zaken wijkgericht werken: de vier stappen, voor de gemeenteraad"
KEYWORDS = "wijkgericht werken; raadsinformatie; startpositie; kernkeuzes; actieplan"
STAND = "Stand van zaken op {date}, voor de gemeenteraad."
HEADER = "Gemeente {gemeente}\t{date}"
PAGE = ("pagina ", " van ")  # around the page number and the number of pages

# -- Samenvatting -------------------------------------------------------------------------

SUMMARY = "Samenvatting"
SUMMARY_STEPS = "{done} van de 4 stappen {are} klaar."
SUMMARY_BUSY = "Bezig: {steps}."
SUMMARY_WIJKEN = "De wijk-analyse gaat over {wijken}; {first} krijgt als eerste aandacht."
SUMMARY_PROFILE = (
    "In de startpositie staat de gemeente het verst bij {strong} (fase {high}). "
    "{weak} {vraagt} als eerste aandacht (fase {low})."
)
SUMMARY_PROFILE_EVEN = "In de startpositie staan alle thema's in fase {phase}."
SUMMARY_NO_PROFILE = "De startpositie is nog niet bepaald."
SUMMARY_CHOICES = "Gekozen veranderaanpak: {aanpak}. Rol van het toegangsteam: {rol}."
SUMMARY_NO_CHOICE = "nog niet gekozen"
SUMMARY_FOCUS = "De gemeente begint bij {themes}."
SUMMARY_NO_FOCUS = "De thema's om mee te beginnen zijn nog niet gekozen."
SUMMARY_ACTIONS = "De eerste acties:"
SUMMARY_NO_ACTIONS = "Er staan nog geen acties in het plan."
SUMMARY_ASK = (
    "Aan de raad wordt gevraagd kennis te nemen van deze stand van zaken en in te stemmen "
    "met het voorgestelde besluit hieronder."
)
FIRST_ACTIONS = 3
STEP_LINE = "{number}. {name}"

# -- Voorgesteld besluit ------------------------------------------------------------------

PROPOSAL = "Voorgesteld besluit"
PROPOSAL_OPENING = "De raad besluit:"
PROPOSAL_POINTS = (
    "in te stemmen met de aanpak van wijkgericht werken in vier stappen, zoals beschreven "
    "in dit rapport;",
    "de gekozen thema's ({themes}) als startpunt vast te stellen;",
    "het college te vragen de raad over een jaar te informeren over de voortgang van het "
    "actieplan.",
)
PROPOSAL_ALL_THEMES = "zie stap 4"
PROPOSAL_DEFAULT_NOTE = (
    "Dit is een standaardtekst. De coördinator past hem aan met /rapport in Wijkbot."
)
PROPOSAL_BY = "Opgesteld door {author} op {date}."

# -- the steps ----------------------------------------------------------------------------

STEP_HEADING = "Stap {number}: {name}"
NOT_STARTED = "Deze stap is nog niet begonnen."
NOTHING_FILLED_IN = "Bij deze stap is nog niets ingevuld."
WIJK_EMPTY = "Nog niets ingevuld."
PRIORITIES = "Prioriteiten"
PRIORITIES_INTRO = "Deze wijken krijgen als eerste aandacht, de meest urgente bovenaan:"
NO_PRIORITIES = "De prioriteiten zijn nog niet gekozen."
PROFILE_INTRO = (
    "Per thema staat hier in welke fase {gemeente} nu zit: van fase {first} ({first_label}) "
    "tot fase {last} ({last_label})."
)
CHART_CAPTION = "Figuur 1. Startpositie van {gemeente} per thema, stand {date}."
CHART_TITLE = "{gemeente}, {date}"
NOT_FILLED_IN = "nog niet ingevuld"
ATTENTION = "Wat eerst aandacht vraagt"
NO_ATTENTION = "Geen thema blijft duidelijk achter bij de andere."
CHOICE_NOT_MADE = "Nog niet gekozen."
NO_REASON = "Er is geen reden opgegeven."
FOCUS = "Hier beginnen we mee"
NO_FOCUS = "De focusthema's zijn nog niet gekozen."
WHY_FOCUS = "Waarom deze thema's"
WHY_FOCUS_INTRO = (
    "De startpositie laat zien welke thema's achterblijven. In stap 4 kiest de gemeente de "
    "thema's waar energie zit. Die twee hoeven niet gelijk te zijn."
)
FOCUS_AND_ATTENTION = {
    1: "{themes} blijft achter in de startpositie, en daar zit ook energie. Hier pakt de "
    "gemeente een zwak punt direct aan.",
    2: "{themes} blijven achter in de startpositie, en daar zit ook energie. Hier pakt de "
    "gemeente zwakke punten direct aan.",
}
FOCUS_ONLY = {
    1: "{themes} is niet het zwakste thema, maar daar zit energie. De methode raadt aan te "
    "beginnen waar beweging mogelijk is; wat daar lukt, helpt ook de andere thema's.",
    2: "{themes} zijn niet de zwakste thema's, maar daar zit energie. De methode raadt aan te "
    "beginnen waar beweging mogelijk is; wat daar lukt, helpt ook de andere thema's.",
}
ATTENTION_ONLY = {
    1: "{themes} blijft achter, maar is nu geen focusthema. Spreek af wanneer de gemeente "
    "dit thema oppakt.",
    2: "{themes} blijven achter, maar zijn nu geen focusthema. Spreek af wanneer de gemeente "
    "deze thema's oppakt.",
}
NO_ATTENTION_THEMES = "Geen thema blijft duidelijk achter. De gemeente begint waar de energie zit."
EXAMPLES = "Voorbeelden uit andere gemeenten"
EXAMPLES_INTRO = "Bij de gekozen thema's horen deze voorbeelden (zie de bronnen):"
ACTION_PLAN = "Actieplan"
NO_ACTIONS = "Er staan nog geen acties in het plan."
ACTIONS_DONE = "Klaar: {done} van de {total} {acties}."
ACTION_STATUS = {"open": "nog te doen", "klaar": "klaar"}

# -- the checklist ------------------------------------------------------------------------

CHECKLIST = "Doe-het-zelf-checklist"
CHECKLIST_OPEN = "De checklist is nog niet ingevuld. Dat kan in Wijkbot met /checklist."
CHECKLIST_INTRO = (
    "Per opgave is aangegeven welke kansen (wat helpt) en valkuilen (wat remt) de gemeente "
    "herkent. {rule}"
)
STRONGEST = "Sterke opgaven"
NONE_STRONG = "Geen opgave scoort {score} of hoger."
STRONG_ADVICE = "hier kunt u op voortbouwen; deel wat werkt."
PRESENT = "Kans die er is: {number}. {text}"
WEAKEST = "Zwakke opgaven: wat te doen"
NONE_WEAK = "Geen opgave scoort {score} of lager."
WEAK_ADVICE = "pak de valkuilen aan en benut de kansen."
MORE_IN_WIJKBOT = " Meer hierover in Wijkbot: /vraag {title}"
TACKLE = "Valkuil aanpakken: {number}. {text}"
USE = "Kans benutten: {number}. {text}"
PITFALLS = "Herkende valkuilen"
PITFALLS_INTRO = "Deze valkuilen herkent de gemeente (ja of deels):"
NO_PITFALLS = "De gemeente herkent geen van de valkuilen."
RECOGNISED = {"ja": "ja", "deels": "deels"}

# -- check-ins, contributors, sources -----------------------------------------------------

CHECKINS = "Check-ins in gekoppelde groepen"
CHECKIN_HEADING = "{name} in {group}, {date}"
PARTICIPANTS = {1: "1 deelnemer."}
PARTICIPANTS_MANY = "{count} deelnemers."
GROUP_SCORE = "Score van de groep (0 tot 10)"

CONTRIBUTORS = "Wie werkten mee"
CONTRIBUTORS_COUNT = {
    0: "Er is nog niets ingevuld.",
    1: "Aan dit rapport werkte 1 persoon mee: die vulde de stappen, de checklist of het "
    "actieplan in.",
}
CONTRIBUTORS_MANY = (
    "Aan dit rapport werkten {count} mensen mee: zij vulden de stappen, de checklist of het "
    "actieplan in."
)
CONTRIBUTORS_MEMBERS = "{gemeente} heeft nu {members} in Wijkbot."
CONTRIBUTORS_NO_NAMES = (
    "Namen staan hier niet: Wijkbot vraagt niemand om toestemming om zijn naam in een "
    "rapport te zetten."
)

SOURCES = "Bronnen"
SOURCE_METHOD = "De methode van de vier stappen, de zes thema's en de vier fasen: {source}."
SOURCE_CHECKLIST = "De doe-het-zelf-checklist: {source}."
SOURCE_EXAMPLE = '{title}: {source}, onderdeel "{section}".'
SOURCE_DOCUMENT = "{title}, {publisher}"
MADE_WITH = "Dit rapport is gemaakt met Wijkbot, de adviesbot voor wijkgericht werken."

# CBS figures per official wijk (step 1)
CBS_FIGURES = "Kerncijfers van {wijk} naast die van de hele gemeente:"
CBS_FIGURE = "Kerncijfer"

# Comparison by consent (/vergelijken)
COMPARISON = "Vergelijking met andere gemeenten"
COMPARISON_INTRO = (
    "De gemeente deelt haar startpositie anoniem met andere gemeenten in Wijkbot. De tabel "
    "zet haar fasen naast de gemiddelde fase van de gemeenten die meedoen; een gemiddelde "
    "staat er alleen als minstens {minimum} gemeenten meetellen."
)
COMPARISON_TOO_FEW = (
    "De gemeente deelt haar startpositie anoniem met andere gemeenten, maar er doen nog te "
    "weinig gemeenten mee voor een gemiddelde (minstens {minimum})."
)
COMPARISON_THEME = "Thema"
COMPARISON_ALL = "Gemiddeld ({count} gemeenten)"
COMPARISON_SAME = "{size} ({count})"
