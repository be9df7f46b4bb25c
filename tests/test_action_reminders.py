"""Action reminders on a controlled clock: a week before and on the day, to the owner when
the owner is a member, else to the coordinator; each once, also after a restart; off means
off; the buttons Klaar, Nieuwe datum and Later do what they say; the weekly digest on the
coordinator's day. The engine on a clock the test sets, and once over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from bot.formatting import DUTCH_TIME
from bot.services import Services, build_services
from bot.store import Store
from bot.vocabulary import Delivery, Event
from tests.botapi import StandInBotAPI, User, labels, text_of
from tests.scripted import GEMEENTE, knowledge, matcher
from tests.telegram_harness import QUICK_TICK, running_bot

ANNA, BERT = "501", "502"  # Anna coordinates, Bert is a member


class Bot:
    """The engine as the adapter's clock and its users reach it, at a time the test sets."""

    def __init__(self, db: Path, now: list[datetime]) -> None:
        store = Store(db, clock=lambda: now[0])
        self.now = now
        self.services: Services = build_services(
            db, knowledge(), store, matcher(), db.parent / "bestanden"
        )

    def with_anna_and_bert(self) -> int:
        """Anna registers the gemeente (its coordinator), Bert joins it; its id."""
        store = self.services.store
        code = next(g.code for g in knowledge().gemeenten if g.name == GEMEENTE)
        gemeente = store.register(code, GEMEENTE, ANNA, "Anna").gemeente_id
        store.register(code, GEMEENTE, BERT, "Bert")
        return gemeente

    def looks(self, at: datetime) -> list[Delivery]:
        self.now[0] = at
        with self.services.store.transaction():
            found, _ = self.services.engine.due(at)
        return found

    def says(self, user: str, text: str = "", payload: str | None = None) -> str:
        event = Event(user, user, text=None if payload else text, payload=payload)
        return "\n".join(reply.text for reply in self.services.engine.handle(event))


def dutch(day: int, hour: int, minute: int = 0) -> datetime:
    """March 2026, Dutch winter time (UTC+1)."""
    return datetime(2026, 3, day, hour - 1, minute, tzinfo=UTC)


def test_reminders_fire_once_reach_the_right_person_and_their_buttons_work(
    tmp_path: Path,
) -> None:
    db, now = tmp_path / "wijkbot.db", [dutch(2, 10)]
    bot = Bot(db, now)
    store = bot.services.store
    gemeente = bot.with_anna_and_bert()
    theme = knowledge().themes[0].key
    subsidy = {"theme": theme, "title": "Subsidie aanvragen", "owner": "De wethouder"}
    store.save_action(gemeente, subsidy | {"due": "2026-03-10"}, None, ANNA)
    lunch = {"theme": theme, "title": "Buurtlunch", "owner": "bert", "due": "2026-03-09"}
    store.save_action(gemeente, lunch, None, ANNA)

    assert bot.looks(dutch(2, 8, 59)) == []  # not before nine
    [bert] = bot.looks(dutch(2, 10))  # a week ahead: the lunch, to its owner
    assert bert.chat_id == BERT and "Buurtlunch" in bert.replies[0].text
    [week] = bot.looks(dutch(3, 9, 30))
    assert week.chat_id == ANNA  # the owner is no member: the coordinator
    [reminder] = week.replies
    assert reminder.text == "Actie “Subsidie aanvragen” staat voor 10 maart 2026. Lukt dat?"
    assert [o.label for o in reminder.options] == ["Klaar", "Nieuwe datum", "Later"]
    assert bot.looks(dutch(3, 12)) == []  # once

    later = bot.says(ANNA, payload=reminder.options[2].payload)
    assert "De actie blijft open" in later
    assert "staan uit" in bot.says(BERT, "/herinneringen uit")

    bot = Bot(db, now)  # a restart: what was sent stays sent
    assert bot.looks(dutch(3, 13)) == []
    assert bot.looks(dutch(9, 9, 5)) == []  # the lunch's day: Bert turned his off
    [day] = bot.looks(dutch(10, 9, 5))
    assert day.chat_id == ANNA and "10 maart 2026" in day.replies[0].text
    assert bot.looks(dutch(10, 9, 6)) == []

    new_date = day.replies[0].options[1].payload
    assert "nieuwe datum" in bot.says(ANNA, payload=new_date).lower()
    assert "24 maart 2026" in bot.says(ANNA, "24-03")
    [again] = bot.looks(dutch(17, 9, 0))  # a new date brings new reminders
    assert "24 maart 2026" in again.replies[0].text
    assert "Bijgewerkt" in bot.says(ANNA, payload=again.replies[0].options[0].payload)
    assert [a.status for a in store.actions(gemeente)] == ["klaar", "open"]
    assert bot.looks(dutch(24, 10)) == []  # done: no reminder on the day
    assert "staan aan" in bot.says(BERT, "/herinneringen aan")
    assert "Dat herken ik niet" in bot.says(BERT, "/herinneringen morgen")


def digests(found: list[Delivery]) -> list[Delivery]:
    return [d for d in found if (d.replies[0].title or "").startswith("Weekoverzicht")]


def test_the_weekly_digest_comes_on_the_coordinators_day(tmp_path: Path) -> None:
    db, now = tmp_path / "wijkbot.db", [dutch(1, 10)]
    bot = Bot(db, now)
    store = bot.services.store
    gemeente = bot.with_anna_and_bert()
    theme = knowledge().themes[0].key
    for title, due in [("Subsidie", "2026-03-05"), ("Buurtlunch", "2026-03-02"),
                       ("Flyer", "2026-03-20"), ("Wijkschouw", "2026-04-20")]:  # fmt: skip
        store.save_action(gemeente, {"theme": theme, "title": title, "owner": "X", "due": due},
                          None, ANNA)  # fmt: skip

    refused = bot.says(BERT, "/herinneringen overzicht maandag")
    assert "Alleen de coördinator (Anna) kiest" in refused
    assert "elke woensdag" in bot.says(ANNA, "/herinneringen overzicht woensdag")
    assert "staan uit" in bot.says(BERT, "/herinneringen uit")
    now[0] = dutch(3, 11)
    flyer = next(a for a in store.actions(gemeente) if a.title == "Flyer")
    store.update_action(flyer.id, {"status": "klaar"}, ANNA)

    assert digests(bot.looks(dutch(3, 10))) == []  # Tuesday
    assert digests(bot.looks(dutch(4, 8, 30))) == []  # Wednesday, before nine
    [digest] = digests(bot.looks(dutch(4, 9, 30)))
    assert digest.chat_id == ANNA  # Bert turned his off
    text = digest.replies[0].text
    soon, late, done = text.split("\n\n")
    assert soon.startswith("Binnenkort") and "Subsidie" in soon and "Wijkschouw" not in soon
    assert late.startswith("Te laat") and "Buurtlunch" in late
    assert done.startswith("Klaar deze week") and "Flyer" in done
    assert digests(bot.looks(dutch(4, 15))) == []  # once that day
    assert len(digests(bot.looks(dutch(11, 9, 30)))) == 1  # next week again

    assert "geen weekoverzicht" in bot.says(ANNA, "/herinneringen overzicht uit")
    assert digests(bot.looks(dutch(18, 9, 30))) == []


async def test_on_telegram_the_owner_gets_the_reminder_and_klaar_marks_it_done(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    db, offset = tmp_path / "wijkbot.db", [timedelta(0)]
    anna = User(int(ANNA), "Anna")
    fast = {"clock": lambda: datetime.now(UTC) + offset[0], "tick_seconds": QUICK_TICK}
    async with running_bot(db, api, **fast) as bot:
        await bot.register(anna)
        store = Store(db)
        member = store.member(ANNA)
        assert member is not None
        due = datetime.now(DUTCH_TIME).date() + timedelta(days=10)
        lunch = {"theme": knowledge().themes[0].key, "title": "Buurtlunch", "owner": "Anna"}
        store.save_action(member.gemeente_id, lunch | {"due": due.isoformat()}, None, ANNA)
        on_the_day = datetime.combine(due, time(10), tzinfo=DUTCH_TIME)
        offset[0] = on_the_day - datetime.now(UTC)
        seen = len(api.sent(anna.id))
        await bot.looks()
        [reminder] = api.sent(anna.id)[seen:]
        assert text_of(reminder).startswith("Actie “Buurtlunch” staat voor")
        assert labels(reminder) == ["Klaar", "Nieuwe datum", "Later"]
        [done] = await bot.press(anna, reminder, "Klaar")
        assert "Bijgewerkt" in text_of(done) and "✅ Buurtlunch" in text_of(done)
