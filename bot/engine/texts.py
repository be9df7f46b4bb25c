"""The engine's own Dutch sentences (answers come from knowledge/, questions from flows/)."""

MAX_MESSAGE_CHARS = 1000

# -- welcome and help ---------------------------------------------------------------------

WELCOME = (
    "Welkom bij Wijkbot! Ik help gemeenten, wijkteams en buurtplatforms met wijkgericht "
    "werken. Ik loop met u de vier stappen door: wijk-analyse, startpositie, kernkeuzes en "
    "start. Uw collega's kunnen verdergaan waar u stopt. Een vraag stellen kan altijd."
)
WELCOME_GROUP = (
    "Hallo! Ik ben Wijkbot. In deze groep beantwoord ik vragen over wijkgericht werken: typ "
    "/vraag gevolgd door uw vraag. De vier stappen doorlopen doet u in een privégesprek met mij."
)
WELCOME_BACK = "Welkom terug! U werkt voor {gemeente}."
WELCOME_BACK_AT = "Welkom terug! U werkt voor {gemeente} en was bij: {heading}. Hier gaat u verder."
HELP_PRIVATE = (
    "Zo werkt Wijkbot:\n"
    "• Typ een vraag over wijkgericht werken, dan krijgt u een kort antwoord met de bron.\n"
    "• /stap: de vier stappen; kies een stap of ga verder waar u was\n"
    "• /terug en /overslaan: vorige of volgende vraag; /stop: even stoppen\n"
    "• /voortgang: waar uw gemeente staat\n"
    "• /checklist: de doe-het-zelf-checklist, tien opgaven met kansen en valkuilen\n"
    "• /acties: het actieplan bekijken en bijwerken\n"
    "• /herinneringen: herinneringen voor acties aan of uit\n"
    "• /rapport: een verslag als Word-bestand, voor een raadsmemo\n"
    "• /vergelijken: uw startpositie anoniem naast het gemiddelde van andere gemeenten\n"
    "• /uitnodigen en /leden: collega's toevoegen (voor coördinatoren)\n"
    "• /open_vragen: vragen die aan uw gemeente zijn gesteld (voor coördinatoren)\n"
    "• /vraag gevolgd door uw vraag werkt ook, in elke chat. Weet ik het niet, dan kunt u "
    "de vraag aan de gemeente stellen.\n"
    "• /privacy, /mijn_gegevens en /vergeet_mij: wat ik over u bewaar"
)
HELP_GROUP = (
    "In een groep antwoord ik op /vraag gevolgd door uw vraag, bijvoorbeeld: "
    "/vraag wat is een buurtbudget\n\n"
    "Beheerders van de groep houden er check-ins mee: /checkin (quick scan, energie-check, "
    "open ronde, eigen vraag of een opgave van de checklist), /checkin_sluit voor de "
    "uitkomst, /checkin_plan om er elke week een te houden. Met /koppel telt de uitkomst mee "
    "voor uw gemeente.\n\n"
    "Wat ik bewaar en waarom: /privacy"
)
ASK_WHAT = "Zet uw vraag achter /vraag, bijvoorbeeld: /vraag wat is de sociale basis"

# -- bad input ----------------------------------------------------------------------------

EMPTY = "Ik heb geen tekst ontvangen. Typ een vraag over wijkgericht werken."
TOO_LONG = (
    "Dat bericht is te lang: {length} tekens, terwijl er {limit} passen. Maak het wat korter; "
    "er is niets opgeslagen."
)
UNKNOWN_COMMAND = "Het commando {command} ken ik niet. Typ /help voor wat ik kan."
FORWARDED_COMMAND = (
    "Dit is een doorgestuurd commando; dat voer ik niet uit. Typ het zelf als u het wilt."
)
STALE_OPTION = "Die keuze is niet meer geldig. Er is niets veranderd."
UNKNOWN_BUTTON = "Deze knop werkt niet (meer). Er is niets veranderd."
SOMEONE_ELSES_BUTTON = "Deze knop is voor iemand anders. Er is niets veranderd."
PRIVATE_ONLY = "Dit werkt alleen in een privégesprek met mij."
NOT_A_MEMBER = (
    "U bent nog geen lid van een gemeente. Typ /start om u aan te melden, of gebruik de "
    "uitnodiging van de coördinator van uw gemeente."
)
NOT_IN_FLOW = "U bent nu niet met een stap bezig. Typ /stap om er een te kiezen."
COORDINATORS_ONLY = {  # by the number of coordinators, named (engine/coordinators.py)
    0: "Dat kan alleen de coördinator van uw gemeente.",
    1: "Dat kan alleen de coördinator ({names}).",
    2: "Dat kan alleen een coördinator ({names}).",
}
CHOOSE_AN_OPTION = (
    "Dat is geen van de opties. Typ het nummer of de naam van een optie, of stel gewoon een vraag."
)
OPTIONS_AGAIN = "Kies een van deze opties:"
LATER = "Goed, dan niet nu. Typ /stap wanneer u verder wilt, of stel een vraag."
ASK_GEMEENTE_AGAIN = (
    "Wilt u zich aanmelden voor uw gemeente? Typ dan de naam van de gemeente, bijvoorbeeld: "
    "gemeente Zutphen"
)
ASK_INVITE_AGAIN = "Heeft u een uitnodigingscode van uw coördinator? Typ die dan hier."
TYPE_ANSWER_AGAIN = "Typ daarna uw antwoord op de vraag, of /stop om af te breken."
EDIT_AGAIN = "Typ daarna de nieuwe waarde, of /stop om af te breken."
NOTED_DATE = "Genoteerd: {date}."
SEE_ALSO = "Zie ook:"

# -- steps and flows ----------------------------------------------------------------------

CHOOSE_STEP = "Met welke stap wilt u verder?"
WHICH_STEP = "Kies een stap van 1 tot 4, bijvoorbeeld: /stap 2"
NOW_AT = "U was bij: {heading}."
DONE_LABEL = "Klaar"
# Step 4: where the energy is (engine/suggest.py), a line per theme with its reasons.
ENERGY_INTRO = "Hier zit energie, volgens wat u eerder invulde:"
ENERGY_LINE = "• {theme}, omdat {reasons}."
ENERGY_PHASE = "u hier het verst bent (fase {number}: {label})"
ENERGY_RECOGNISED = "bewoners en partners in {wijken} het beeld herkennen"
ENERGY_CHECKLIST = {
    1: "opgave {tasks} sterk scoort in de checklist",
    2: "opgaven {tasks} sterk scoren in de checklist",
}
ENERGY_TASK = "{name} ({score})"
ENERGY_CHECKIN = "het de meeste stemmen kreeg in de energie-check van {group} ({count})"
ENERGY_THE_GROUP = "de groep"
PICK_SOME = "Kies er minstens {low} en hooguit {high}, en kies dan Klaar."
AT_FIRST_QUESTION = "Dit is de eerste vraag van deze stap."
STOPPED = "Gestopt. Uw antwoorden zijn bewaard; met /stap gaat u later verder."
NOTHING_TO_STOP = "Er loopt niets om te stoppen. Typ /help voor wat ik kan."
WHAT_NEXT = "Hoe wilt u verder?"
CONTINUING = (
    "U gaat verder bij de eerste vraag die nog open staat; eerdere antwoorden zijn bewaard."
)
STEP_END_OPEN = {
    1: "U bent aan het eind van stap {number}, maar er staat nog 1 vraag open. Met /stap "
    "{number} vult u die later aan.",
    2: "U bent aan het eind van stap {number}, maar er staan nog {count} vragen open. Met "
    "/stap {number} vult u ze later aan.",
}
RANKING_REOPENED = (
    "De wijken zijn veranderd, dus deze volgorde vraag ik opnieuw. Uw eerdere volgorde: {order}."
)
ALL_ANSWERED = (
    "Deze stap is al ingevuld. U loopt de vragen opnieuw langs: geef een nieuw antwoord of "
    "houd het huidige met /overslaan. Eerdere antwoorden blijven in de geschiedenis."
)

# -- gemeente and members -----------------------------------------------------------------

ASK_GEMEENTE = (
    "Voor welke gemeente werkt u? Typ de naam, bijvoorbeeld: Oude IJsselstreek\n"
    "Wilt u alleen iets vragen, bijvoorbeeld als vrijwilliger van een buurtplatform? Stel uw "
    "vraag dan gewoon; aanmelden hoeft niet."
)
GEMEENTE_UNKNOWN = (
    "Ik vind geen gemeente die lijkt op '{text}'. Controleer de spelling en typ de naam opnieuw."
)
DID_YOU_MEAN_GEMEENTE = "Bedoelt u {name}?"
WHICH_GEMEENTE = "Welke gemeente bedoelt u?"
NONE_OF_THESE = "Geen van deze"
ALREADY_MEMBER = "U bent al lid van {gemeente}. Typ /voortgang om te zien waar u staat."
GEMEENTE_TAKEN = (
    "{gemeente} werkt al met Wijkbot. Vraag de coördinator van uw gemeente om een "
    "uitnodiging en typ de code hier, of open de link die u krijgt."
)
GEMEENTE_WAITS = (
    "{gemeente} heeft al gegevens in Wijkbot, maar niemand is er nu lid van. Om die gegevens "
    "te beschermen kan alleen de beheerder van deze Wijkbot u toevoegen. Vraag het de "
    "beheerder en noem uw Telegram-nummer."
)
REGISTERED_COORDINATOR = (
    "Gelukt: u bent de coördinator van {gemeente} in Wijkbot. Collega's nodigt u uit met "
    "/uitnodigen. Zullen we beginnen met stap 1, de wijk-analyse?"
)
BEGIN_STEP_1 = "Begin met stap 1"
CLAIM_SENT = (
    "Dank u. U wilt coördinator worden van {gemeente}. De beheerder van deze Wijkbot bekijkt "
    "uw aanvraag; u hoort hier de uitkomst. Tot dan kunt u al vragen stellen."
)
CLAIM_WAITING = (
    "Uw aanvraag voor {gemeente} wordt nog bekeken door de beheerder. U hoort hier de "
    "uitkomst. Tot dan kunt u al vragen stellen."
)
CLAIM_UNDER_REVIEW = (
    "Iemand anders heeft {gemeente} al aangevraagd; de beheerder bekijkt dat nu. Werkt u "
    "samen? Vraag die persoon dan straks om een uitnodiging."
)
CLAIM_FOR_OPERATOR = (
    "Nieuwe aanvraag: {name} (Telegram-nummer {user_id}) wil coördinator worden van "
    "{gemeente} ({code}).{data}\nOf in de terminal: wijkbot gemeente approve {code} {user_id}"
)
CLAIM_HAS_DATA = " Let op: deze gemeente heeft al gegevens van eerdere leden."
CLAIM_APPROVE = "Goedkeuren"
CLAIM_REJECT = "Afwijzen"
CLAIM_APPROVED = "Goedgekeurd: {name} is nu coördinator van {gemeente}."
CLAIM_REJECTED = "Afgewezen: {name} wordt geen coördinator van {gemeente}. Ik laat het weten."
CLAIM_DECIDED = "Over deze aanvraag is al besloten: {status}. Er is niets veranderd."
CLAIM_MEMBER_ELSEWHERE = (
    "{name} is inmiddels lid van {elsewhere}. Er is niets veranderd; wijs de aanvraag af."
)
CLAIM_YOU_APPROVED = (
    "Goed nieuws: uw aanvraag is goedgekeurd. U bent nu de coördinator van {gemeente} in "
    "Wijkbot. Collega's nodigt u uit met /uitnodigen."
)
CLAIM_YOU_REJECTED = (
    "Uw aanvraag om coördinator te worden van {gemeente} is niet goedgekeurd. Vragen "
    "hierover? Neem contact op met de beheerder van deze Wijkbot."
)
OPERATORS_ONLY = "Dat kan alleen de beheerder van deze Wijkbot. Er is niets veranderd."
INVITE_PROBLEMS = {
    "unknown": "Die uitnodigingscode ken ik niet. Controleer de code en typ hem opnieuw.",
    "used": "Deze uitnodiging is al gebruikt. Vraag de coördinator om een nieuwe.",
    "expired": "Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe.",
}
NOT_AN_INVITE = (
    "Dat lijkt geen uitnodigingscode: die heeft 8 letters en cijfers, zoals 7WEA5DPV. Typ de "
    "code, of stel gewoon een vraag."
)
JOINED = "Welkom! U bent nu lid van {gemeente} en kunt verder waar uw collega's zijn."
SEE_PROGRESS = "Bekijk de voortgang"
INVITE_MADE = (
    "Uitnodiging voor {gemeente}: code {code}, geldig tot {until}, voor één collega.\n"
    "Uw collega opent een privégesprek met mij en typt: /start join-{code}"
)
INVITE_LINK = "Of stuur deze link: https://t.me/{bot}?start=join-{code}"
MEMBERS_HEADER = "Leden van {gemeente}:"
REMOVE_LABEL = "Verwijder {name}"
MEMBER_REMOVED = "{name} is geen lid meer. Wat deze persoon invulde, blijft bewaard."
PROMOTE_LABEL = "Maak {name} coördinator"
PROMOTED = "{name} is nu ook coördinator van {gemeente}."

# -- actions ------------------------------------------------------------------------------

ACTIONS_TITLE = "Actieplan"
NO_ACTIONS = "Er staan nog geen acties in het actieplan. Ze ontstaan in stap 4, of hier."
NEW_ACTION = "Nieuwe actie"
ACTION_CHANGED = "Bijgewerkt:"
MARK_DONE = "Markeer als klaar"
MARK_OPEN = "Zet weer open"
EDIT_LABELS = {"title": "Wijzig wat", "owner": "Wijzig wie", "due": "Wijzig datum"}
ACTION_EDIT_PROMPT = {
    "title": "Wat is de nieuwe omschrijving van de actie?",
    "owner": "Wie trekt de actie nu?",
    "due": "Wat is de nieuwe datum? Bijvoorbeeld 1 maart of 15-06.",
}

ACTION_REMINDER = "Actie “{title}” staat voor {due}. Lukt dat?"
REMINDER_DONE = "Klaar"
REMINDER_NEW_DATE = "Nieuwe datum"
REMINDER_LATER = "Later"
REMINDER_LATER_OK = "Goed. De actie blijft open; u vindt haar terug in /acties."
REMINDERS_ON = "Herinneringen voor acties staan aan: een week vooraf en op de dag zelf."
REMINDERS_OFF = "Herinneringen voor acties staan uit."
REMINDERS_HOW = (
    "Zet uw herinneringen aan of uit met /herinneringen aan of /herinneringen uit. "
    "De coördinator kiest de dag van het weekoverzicht, bijvoorbeeld met "
    "/herinneringen overzicht maandag (of: /herinneringen overzicht uit)."
)
REMINDERS_UNCLEAR = "Dat herken ik niet. " + REMINDERS_HOW
DIGEST_ON = "Het weekoverzicht van de acties komt elke {day}."
DIGEST_OFF = "Er is geen weekoverzicht van de acties."
DIGEST_ONLY_COORDINATOR = {
    0: "Alleen de coördinator kiest de dag van het weekoverzicht.",
    1: "Alleen de coördinator ({names}) kiest de dag van het weekoverzicht.",
    2: "Alleen een coördinator ({names}) kiest de dag van het weekoverzicht.",
}
DIGEST_TITLE = "Weekoverzicht acties van {gemeente}"
DIGEST_SOON = "Binnenkort (de komende week):"
DIGEST_LATE = "Te laat:"
DIGEST_DONE = "Klaar deze week:"
DIGEST_NOTHING = "Deze week niets te melden: geen acties binnenkort, te laat of klaar."

# -- progress and report ------------------------------------------------------------------

PROGRESS_TITLE = "Voortgang van {gemeente} ({members})"
NO_PROFILE = "Het profiel van de zes thema's volgt uit stap 2."
PROFILE_HEADER = "Startpositie per thema:"
ATTENTION_FIRST = "Eerst aandacht nodig: {themes}."
OPEN_ACTIONS = "Open acties: {count}"
OPEN_ACTION = "• {title} ({owner})"
OPEN_ACTION_DUE = "• {title} ({owner}, uiterlijk {due})"
OPEN_ACTION_LATE = "• {title} ({owner}, uiterlijk {due}: te laat)"
MORE_ACTIONS = "… en nog {count}. Alle acties ziet u met /acties."
CONTINUE_STEP = "Verder met stap {number}"
MAKE_REPORT = "Maak het rapport"
REPORT_READY = (
    "Het rapport over {gemeente} staat klaar als Word-bestand, om bij een memo voor de raad "
    "te voegen."
)
REPORT_MARKDOWN = "Dezelfde tekst als Markdown, om te plakken of verder te bewerken."
EDIT_PROPOSAL = "Wijzig het voorgestelde besluit"
PROPOSAL_NOW = "Het voorgestelde besluit in het rapport is nu:\n\n{text}"

# -- check-ins in /voortgang ------------------------------------------------------------------

CHECKINS_HEADER = "Check-ins in gekoppelde groepen:"
CHECKIN_LINE = "• {name} in {group} ({date}): {participants}"

# -- questions handed on to the gemeente ----------------------------------------------------

ASK_GEMEENTE_LABEL = "Stel deze vraag aan de gemeente"
WHICH_GEMEENTE_FOR_QUESTION = (
    "Aan welke gemeente wilt u de vraag stellen? Typ de naam van de gemeente. U kiest dit "
    "maar één keer; volgende vragen gaan naar dezelfde gemeente."
)
QUESTION_PASSED_ON = (
    "Uw vraag is doorgegeven aan gemeente {gemeente}. Zodra de gemeente antwoordt, krijgt u "
    "het antwoord hier."
)
GEMEENTE_NOT_ON_WIJKBOT = (
    "Er werkt nog niemand van gemeente {gemeente} met Wijkbot. Uw vraag blijft bewaard tot "
    "iemand van de gemeente meedoet."
)
ALREADY_PASSED_ON = "Deze vraag is al doorgegeven aan de gemeente. Er is niets veranderd."
NO_OPEN_QUESTIONS = "Er staan geen open vragen voor gemeente {gemeente}."
OPEN_QUESTIONS_HEADER = "Open vragen voor gemeente {gemeente}:"
ANSWER_LABEL = "Beantwoord vraag {number}"
TYPE_YOUR_ANSWER = (
    "Typ uw antwoord op deze vraag van {name}:\n«{question}»\n\nIk stuur het naar de chat "
    "waarin de vraag gesteld is. Met /stop breekt u af; er wordt dan niets verstuurd."
)
ANSWER_DELIVERED = "Uw antwoord is verstuurd naar {name}."
ALREADY_ANSWERED = "Een collega heeft deze vraag al beantwoord. Er is niets verstuurd."
ANSWER_FOR_ASKER_PRIVATE = "Antwoord van gemeente {gemeente} op uw vraag «{question}»:\n\n{answer}"
ANSWER_FOR_ASKER_GROUP = (
    "Antwoord van gemeente {gemeente} op de vraag van {name} «{question}»:\n\n{answer}"
)
KEEP_QUESTION = (
    "Wilt u dit antwoord bewaren als kennis van uw gemeente? Dan krijgen gebruikers van "
    "gemeente {gemeente} het voortaan als ze iets vergelijkbaars vragen. Andere gemeenten "
    "zien het niet."
)
KEEP_LABEL = "Ja, bewaar als kennis van de gemeente"
DONT_KEEP_LABEL = "Nee, niet bewaren"
KEPT = "Bewaard. Gebruikers van gemeente {gemeente} krijgen dit antwoord voortaan."
NOT_KEPT = "Goed, het antwoord is alleen naar de vraagsteller gegaan."
LOCAL_SOURCE = "gemeente {gemeente}"
LOCAL_SECTION = "antwoord van de gemeente, {date}"

# -- the user's own data (AVG) --------------------------------------------------------------

PRIVACY = (
    "Privacy bij Wijkbot\n\n"
    "Wie is verantwoordelijk: {controller}. Vragen of bezwaar? {contact}\n\n"
    "Wat ik bewaar:\n"
    "• uw Telegram-nummer en naam, en voor welke gemeente u werkt;\n"
    "• wat u invult bij de stappen, de checklist en de acties (met wie en wanneer);\n"
    "• uw antwoorden in check-ins van groepen;\n"
    "• vragen die u aan de gemeente doorgeeft;\n"
    "• of u coördinator van een gemeente wilt worden (uw aanvraag);\n"
    "• waar u bent in een gesprek, zodat u later verder kunt.\n\n"
    "Waarom: zodat de collega's van uw gemeente samen de vier stappen kunnen zetten en "
    "verder kunnen waar u stopte. Vragen waar ik geen antwoord op had, bewaar ik zonder "
    "naam om de kennis aan te vullen.\n\n"
    "Hoe lang:\n"
    "• uw naam en nummer: tot u /vergeet_mij gebruikt (ook als u geen lid meer bent, "
    "staat uw naam bij wat u invulde);\n"
    "• bent u lid en gebruikte u Wijkbot 24 maanden niet, dan vraag ik of u lid wilt "
    "blijven; zonder antwoord binnen 30 dagen wis ik u, zoals /vergeet_mij doet;\n"
    "• een aanvraag om coördinator te worden: tot de beheerder besloot, daarna bij uw "
    "gegevens tot u /vergeet_mij gebruikt;\n"
    "• vragen zonder antwoord: 12 maanden;\n"
    "• knoppen onder berichten: 60 dagen;\n"
    "• berichten op weg van en naar Telegram: tot ze verwerkt zijn, daarna 7 dagen alleen "
    "het tijdstip.\n\n"
    "Uw rechten:\n"
    "• inzien: /mijn_gegevens geeft alles wat over u bewaard is;\n"
    "• verbeteren: geef een antwoord opnieuw, of vraag het de coördinator;\n"
    "• wissen: /vergeet_mij wist wie u bent en uw eigen berichten; het werk van de gemeente "
    "blijft, op naam van 'verwijderde gebruiker';\n"
    "• bezwaar maken: bij {controller}.\n"
    "Bent u het er niet mee eens hoe met uw gegevens wordt omgegaan, dan kunt u een klacht "
    "indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)."
)
DEFAULT_CONTROLLER = "de organisatie die deze Wijkbot beheert"
DEFAULT_CONTACT = "Stuur een bericht aan de beheerder van deze Wijkbot."
MY_DATA = (
    "Hier is alles wat Wijkbot over u bewaart, als JSON-bestand. Per tabel staan de regels "
    "waarin uw Telegram-nummer of naam voorkomt."
)
NO_DATA = "Er staat niets over u opgeslagen."
FORGET_CONFIRM = (
    "Weet u het zeker? Ik wis dan uw Telegram-nummer, uw naam, uw vragen en waar u was in "
    "gesprekken. Wat u voor de gemeente hebt ingevuld blijft staan, op naam van "
    "'verwijderde gebruiker'. {membership}Dit kan niet ongedaan worden."
)
FORGET_MEMBERSHIP = "U bent daarna geen lid meer van gemeente {gemeente}. "
FORGET_YES = "Ja, vergeet mij"
FORGET_NO = "Nee, niets wissen"
FORGOTTEN = "Gedaan: ik weet niet meer wie u bent. Typ /start als u later weer mee wilt doen."
NOT_FORGOTTEN = "Goed, er is niets gewist."
FORGET_HANDOVER = "Uw collega {name} wordt dan coördinator, zodat de gemeente verder kan. "
NOW_COORDINATOR = (
    "U bent nu coördinator van {gemeente} in Wijkbot: de vorige coördinator doet niet meer "
    "mee. Met /leden en /uitnodigen beheert u wie meedoet."
)

# The command menus (Telegram shows them beside the text field), by command.
MENU = {
    "start": "Aanmelden of verdergaan",
    "stap": "De vier stappen: kies een stap",
    "vraag": "Een vraag over wijkgericht werken",
    "voortgang": "Waar uw gemeente staat",
    "checklist": "De doe-het-zelf-checklist: tien opgaven",
    "acties": "Het actieplan bekijken en bijwerken",
    "herinneringen": "Herinneringen voor acties aan of uit",
    "vergelijken": "Anoniem vergelijken met andere gemeenten",
    "rapport": "Het verslag als Word-bestand",
    "uitnodigen": "Een collega uitnodigen",
    "leden": "De leden van uw gemeente",
    "open_vragen": "Vragen voor uw gemeente beantwoorden (coördinator)",
    "terug": "Terug naar de vorige vraag",
    "overslaan": "Deze vraag overslaan",
    "stop": "Even stoppen",
    "help": "Wat Wijkbot kan",
    "privacy": "Wat Wijkbot bewaart en waarom",
    "mijn_gegevens": "Alles wat over u bewaard is",
    "vergeet_mij": "Uw gegevens laten wissen",
    "checkin": "Een check-in starten (quick scan, energie, open ronde, eigen vraag, checklist)",
    "checkin_sluit": "De lopende check-in sluiten: de uitkomst met grafiek",
    "checkin_plan": "Een terugkerende check-in plannen",
    "checkin_plannen": "Geplande check-ins bekijken en stoppen",
    "koppel": "Deze groep aan uw gemeente koppelen",
}

INACTIVE_ASK = (
    "U hebt Wijkbot voor {gemeente} 24 maanden niet gebruikt. Wilt u lid blijven? Kies "
    "hieronder of stuur mij een bericht. Hoor ik binnen 30 dagen niets, dan wis ik uw "
    "gegevens, zoals /vergeet_mij doet. Wat u invulde blijft voor de gemeente bewaard."
)
INACTIVE_STAY = "Ik blijf lid"
INACTIVE_GO = "Vergeet mij"
STAYS = "Fijn dat u blijft. Typ /voortgang om te zien waar uw gemeente staat."
INACTIVE_FORGOTTEN = (
    "U hebt niet gereageerd, dus heb ik uw gegevens gewist. Typ /start als u later weer mee "
    "wilt doen."
)

# Step 1 with CBS figures (engine/wijkdata.py)
CBS_WIJKEN = (
    "Volgens het CBS heeft {gemeente} deze wijken:\n{wijken}\n\n"
    "Typ de namen of de nummers. Eigen namen en gebieden mogen ook."
)
CBS_WIJKEN_MANY = (
    "Het CBS kent {count} wijken in {gemeente}. Typ de namen zoals het CBS ze noemt, dan "
    "laat ik de cijfers erbij zien. Eigen namen en gebieden mogen ook."
)
CBS_FIGURES = "Cijfers van het CBS ({year}) voor {wijk}, met de hele gemeente erachter:"
CBS_BEGIN = "Begin met deze cijfers"
CBS_START = (
    "Begin van uw antwoord:\n{start}\n\nTyp wat u zelf weet om het aan te vullen, of kies "
    "'Zo bewaren'."
)
CBS_KEEP = "Zo bewaren"

# Comparison by consent (/vergelijken, engine/comparing.py)
COMPARE_ON = (
    "Uw gemeente doet mee aan de vergelijking. Uw startpositie telt anoniem mee in het "
    "gemiddelde van de gemeenten die meedoen. /voortgang en het rapport tonen dat gemiddelde "
    "zodra minstens {minimum} gemeenten meedoen."
)
COMPARE_OFF = (
    "Uw gemeente doet niet mee aan de vergelijking. Doet u mee, dan telt uw startpositie "
    "anoniem mee in een gemiddelde van minstens {minimum} gemeenten. Dat gemiddelde ziet u "
    "dan naast uw eigen profiel in /voortgang en het rapport. Stoppen kan altijd."
)
COMPARE_JOIN = "Doe mee"
COMPARE_STOP = "Stop met delen"
COMPARE_JOINED = "Gedaan: uw gemeente doet mee."
COMPARE_LEFT = "Gedaan: uw startpositie telt vanaf nu in geen enkel gemiddelde meer mee."
COMPARE_COORDINATORS = "Alleen een coördinator kan meedoen aan de vergelijking of stoppen."
COMPARE_UNCLEAR = "Typ /vergelijken om te zien of uw gemeente meedoet, of /vergelijken aan of uit."
COMPARE_HINT = "Vergelijken met andere gemeenten? Een coördinator zet het aan met /vergelijken."
COMPARE_TOO_FEW = (
    "U deelt uw startpositie voor de vergelijking. Er doen nog te weinig gemeenten mee om "
    "een gemiddelde te tonen: minstens {minimum} met een ingevulde startpositie."
)
COMPARE_HEADER = "Vergelijking met andere gemeenten (anoniem):"
COMPARE_WHO_ALL = "Gemiddeld: de {count} gemeenten die meedoen."
COMPARE_WHO_SAME = "Zelfde grootte: {count} gemeenten met {size}."
COMPARE_FEW_SAME = "Van gemeenten met {size} doen er nog te weinig mee."
COMPARE_OWN = "u fase {phase}"
COMPARE_ALL = "gemiddeld {phase}"
COMPARE_SAME = "zelfde grootte {phase}"

# -- web pages (bot/web; on Telegram a Mini App) ------------------------------------------

PAGE_STARTPOSITIE = "Schuifjes zetten"
PAGE_VOORTGANG = "Voortgang als pagina"
PAGE_NOT_A_MEMBER = "Deze pagina is alleen voor leden van deze gemeente."
PAGE_BAD_PHASES = "Zet elk van de zes thema's op een fase van 1 tot en met 4."
