"""The `wijkbot` command."""

from __future__ import annotations

import json
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cbs.figures import DEFAULT_YEAR

if TYPE_CHECKING:
    from .content import Knowledge
    from .engine_process import EngineProcess
    from .records import Claim
    from .store import Store
    from .telegram.config import Settings

CONTACT_STALE = timedelta(minutes=5)  # wijkbot health: Telegram answered the bot this recently
OPERATOR_CLI = "wijkbot gemeente"  # who decided a claim taken on the command line

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite database (default: $WIJKBOT_DB or ./wijkbot.db).",
)


def _db(path: Path | None) -> Path:
    from .store import default_db_path

    return path or default_db_path()


def _knowledge() -> Knowledge:
    from .content import ContentError, load_knowledge

    try:
        return load_knowledge()
    except ContentError as error:
        raise click.ClickException(str(error)) from error


@click.group()
@click.version_option(package_name="wijkbot")
def main() -> None:
    """Wijkbot: advice on wijkgericht werken, in Telegram and in the terminal."""


@main.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as a JSON object.")
def ask(question: tuple[str, ...], as_json: bool) -> None:
    """Answer one question; with QUESTION '-' answer one question per line of stdin.

    \b
      wijkbot ask wat is een buurtbudget
      wijkbot ask --json "Wat zijn de vier fases?"
      printf 'vraag 1\\nvraag 2\\n' | wijkbot ask --json -
    """
    from .answers import respond
    from .matcher import Matcher

    kb = _knowledge()
    matcher = Matcher.for_knowledge(kb)
    text = " ".join(question)
    questions = [line.strip() for line in sys.stdin if line.strip()] if text == "-" else [text]
    for q in questions:
        response = respond(matcher.match(q), kb)
        if as_json:
            click.echo(json.dumps(response.as_json(kb), ensure_ascii=False))
            continue
        click.echo(response.full_text)
        if response.title and response.suggestions:
            click.echo("\nZie ook:")
        for number, entry in enumerate(response.suggestions, start=1):
            click.echo(f"{number}) {entry.title}")
        if len(questions) > 1:
            click.echo()


@main.group()
def kb() -> None:
    """Check and measure the knowledge base."""


@kb.command()
def check() -> None:
    """Validate all content, build its matcher and print counts (both are then kept ready
    for the next start: WIJKBOT_CACHE).

    \b
      wijkbot kb check
    """
    from .content import ContentError
    from .services import load_parts

    try:
        knowledge, _ = load_parts()
    except ContentError as error:
        raise click.ClickException(str(error)) from error
    click.echo("Content OK:")
    for name, count in knowledge.counts().items():
        click.echo(f"  {count:5d} {name}")


@kb.command(name="eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every question that missed.")
def eval_(file: Path, verbose: bool) -> None:
    """Print top-1, top-3 and out-of-scope figures for a question file.

    \b
      wijkbot kb eval ../shared/eval/dev_questions.yaml
    """
    from .answers import shown_text
    from .matcher import Matcher
    from .matcher.evaluate import evaluate, read_questions, summary

    knowledge = _knowledge()
    cases, out_of_scope = read_questions(file)
    matcher = Matcher.for_knowledge(knowledge)
    report = evaluate(matcher, cases, out_of_scope, lambda e: shown_text(e, knowledge))
    click.echo(summary(report))
    if verbose:
        for question, match in report.misses:
            ranked = ", ".join(f"{c.entry.id} {c.score:.2f}" for c in match.candidates)
            click.echo(f"  {match.outcome.value:8} {question}  ->  {ranked}")


@kb.command(name="coverage")
@click.option(
    "--seeds",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The seed documents (default: ../shared/seeds beside the checkout).",
)
@click.option("--missing", is_flag=True, help="Only sections with no entry or with gaps.")
def coverage_(seeds: Path | None, missing: bool) -> None:
    """List, per section of every seed, the entries citing it and the names and numbers
    that no entry holds.

    \b
      wijkbot kb coverage
      wijkbot kb coverage --missing --seeds ../shared/seeds
    """
    from .content.coverage import coverage
    from .content.paths import content_root

    seeds = seeds or content_root().parent / "shared" / "seeds"
    if not seeds.is_dir():
        raise click.ClickException(f"no seed documents at {seeds}; give --seeds DIR")
    for part in coverage(_knowledge(), seeds):
        gaps = part.missing_names or part.missing_numbers
        if missing and part.entries and not gaps:
            continue
        click.echo(f"{part.document[:3]} {part.section}: {len(part.entries)} entries")
        if part.entries:
            click.echo(f"  entries: {', '.join(part.entries)}")
        if part.missing_names:
            click.echo(f"  names no entry holds: {', '.join(part.missing_names)}")
        if part.missing_numbers:
            click.echo(f"  numbers no entry holds: {', '.join(part.missing_numbers)}")


@kb.command()
@DB_OPTION
@click.option("--limit", default=50, show_default=True)
def unanswered(db_path: Path | None, limit: int) -> None:
    """List the most recent questions the bot could not answer.

    \b
      wijkbot kb unanswered --db wijkbot.db
    """
    from .store import Store

    store = Store(_db(db_path))
    for row in store.unanswered(limit):
        click.echo(f"{row['asked_at']}  {row['outcome']:8} {row['question']}")


@kb.command()
@DB_OPTION
@click.option("--min", "minimum", default=1, show_default=True, help="Only groups this big.")
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON lines.")
def gaps(db_path: Path | None, minimum: int, as_json: bool) -> None:
    """Group the declined questions by similarity, most asked first: what to write next.

    \b
      wijkbot kb gaps --db wijkbot.db
      wijkbot kb gaps --db wijkbot.db --min 3 --json
    """
    from .matcher.gaps import group_questions
    from .store import Store

    found = group_questions(Store(_db(db_path)).declined_questions())
    for gap in (g for g in found if g.count >= minimum):
        if as_json:
            click.echo(json.dumps({"count": gap.count, "questions": gap.questions}))
            continue
        click.echo(f"{gap.count:4}x  {gap.example}")
        for other in gap.questions[1:]:
            click.echo(f"        - {other}")


@main.command()
@DB_OPTION
@click.option("--user", default=lambda: os.environ.get("USER", "gebruiker"), show_default="$USER")
def chat(db_path: Path | None, user: str) -> None:
    """Talk to the bot in the terminal (scripted when stdin is not a terminal).

    \b
      wijkbot chat
      printf '/start\\nwat is een buurtbudget\\n' | wijkbot chat --db /tmp/test.db
    """
    from .console import Console, run_interactive, run_scripted
    from .services import build_services

    try:
        services = build_services(_db(db_path), _knowledge())
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    console = Console(services.engine, user, sys.stdout)
    try:
        if sys.stdin.isatty():
            run_interactive(console)
        else:
            run_scripted(console, sys.stdin)
    finally:
        services.close()


@main.command()
@DB_OPTION
@click.option("--gemeente", help="Name or GM code of one gemeente (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the schema of DESIGN.md).")
def export(db_path: Path | None, gemeente: str | None, as_json: bool) -> None:
    """Print the progress of one gemeente, or of all, through the four steps.

    \b
      wijkbot export --db wijkbot.db --json
      wijkbot export --db wijkbot.db --gemeente "Oude IJsselstreek" --json
    """
    from .report.build import gemeente_ids, load_progress
    from .store import Store

    source = _db(db_path)
    if not source.exists():
        raise click.ClickException(f"No database at {source}.")
    knowledge = _knowledge()
    store = Store(source)
    ids = gemeente_ids(store, gemeente)
    if gemeente and not ids:
        raise click.ClickException(f"No gemeente {gemeente!r} in {store.path}.")
    progress = [load_progress(store, knowledge, i).as_json() for i in ids]
    if as_json:
        click.echo(json.dumps(progress[0] if gemeente else progress, ensure_ascii=False, indent=2))
        return
    for item in progress:
        steps = ", ".join(f"{key} {step['status']}" for key, step in item["steps"].items())
        name, code = item["gemeente"]["name"], item["gemeente"]["code"]
        click.echo(f"{name} ({code}), {item['members']} members: {steps}")


@main.command()
@DB_OPTION
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup(db_path: Path | None, target: Path) -> None:
    """Copy the database consistently, also while the bot runs (SQLite online backup).

    \b
      wijkbot backup --db wijkbot.db backups/wijkbot-2026-11-22.db
    """
    from .store import Store

    source = _db(db_path)
    if not source.exists():
        raise click.ClickException(f"No database at {source}.")
    if target.exists():
        raise click.ClickException(f"{target} exists already; choose a new file.")
    store = Store(source)
    store.backup(target)
    click.echo(f"Backup written to {target}")


@main.command()
@DB_OPTION
@click.pass_context
def run(ctx: click.Context, db_path: Path | None) -> None:
    """Start the bot: on Telegram with TELEGRAM_BOT_TOKEN, else in the terminal (and with
    no terminal either, exit 2).

    \b
      TELEGRAM_BOT_TOKEN=123:abc wijkbot run
      TELEGRAM_BOT_TOKEN=123:abc WIJKBOT_WEBHOOK_URL=https://bot.example.nl/hook wijkbot run
    """
    from .engine_process import EngineProcess
    from .telegram.config import Settings

    try:
        settings = Settings.from_env()
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    if settings is None and not sys.stdin.isatty():  # a container or a service: nobody to chat
        click.echo("Error: TELEGRAM_BOT_TOKEN is not set; Wijkbot cannot start.", err=True)
        ctx.exit(2)
    if settings is None:
        click.echo(
            "No TELEGRAM_BOT_TOKEN set, so Wijkbot starts in the terminal.\n"
            "To run it on Telegram: ask @BotFather for a token (/newbot) and start with\n"
            "  TELEGRAM_BOT_TOKEN=<token> wijkbot run\n",
            err=True,
        )
        ctx.invoke(chat, db_path=db_path)
        return
    pages = settings.webapp.url if settings.webapp else ""
    engine = EngineProcess(_db(db_path), settings.operators, pages, bot=True)
    signal.signal(signal.SIGTERM, _stopped_while_starting)
    engine.launch("fork")  # first of all: it loads the content on the other core meanwhile
    try:
        _run_on_telegram(settings, engine)
    finally:
        engine.abandon()


def _stopped_while_starting(signum: int, frame: object) -> None:
    """A stop (SIGTERM) before python-telegram-bot or aiohttp runs and takes stops over
    itself: nothing has come in yet, so there is nothing to finish. Exit 0 at once, as a
    later stop does, rather than die of the signal (exit 143)."""
    sys.exit(0)


def _run_on_telegram(settings: Settings, engine: EngineProcess) -> None:
    import logging

    from .engine.operators import Registration
    from .engine_process import EngineNotStarted, EngineStopped
    from .logs import configure_logging
    from .telegram.app import TokenRefused, run_bot

    configure_logging()
    if settings.operators.registration is Registration.APPROVAL and not settings.operators.ids:
        logging.getLogger(__name__).warning(
            "No WIJKBOT_OPERATORS set: claims on a gemeente wait for "
            "`wijkbot gemeente approve CODE USER_ID` (see `wijkbot gemeente list`)"
        )
    try:
        run_bot(settings, engine)
    except TokenRefused as refused:
        raise click.ClickException(f"{refused}; check it with @BotFather") from None
    except (EngineNotStarted, EngineStopped) as failed:  # the content does not load, say
        raise click.ClickException(str(failed)) from None


@main.command()
@DB_OPTION
@click.option("--port", type=int, default=8081, show_default=True, help="Port to listen on.")
@click.option("--listen", default="127.0.0.1", show_default=True, help="Address to listen on.")
def web(db_path: Path | None, port: int, listen: str) -> None:
    """Serve the web pages (the Telegram Mini App) alone, without the bot: the startpositie
    with sliders and the progress page. Needs TELEGRAM_BOT_TOKEN, which signs what Telegram
    hands the pages; `wijkbot run` serves them too when WIJKBOT_WEBAPP_URL is set.

    \b
      TELEGRAM_BOT_TOKEN=123:abc wijkbot web --port 8081
    """
    signal.signal(signal.SIGTERM, _stopped_while_starting)  # until aiohttp takes stops over
    from .engine_process import EngineNotStarted
    from .logs import configure_logging
    from .telegram.config import TELEGRAM_SCRIPT, Settings
    from .telegram.pages import run_alone

    settings = Settings.from_env()
    if settings is None:
        raise click.ClickException("TELEGRAM_BOT_TOKEN is not set; the pages need it.")
    configure_logging()
    script = os.environ.get("WIJKBOT_WEBAPP_SCRIPT", TELEGRAM_SCRIPT).strip()
    try:
        run_alone(settings, _db(db_path), listen, port, script)
    except EngineNotStarted as failed:  # the content does not load, say
        raise click.ClickException(str(failed)) from None


@main.group()
def gemeente() -> None:
    """The operator's commands: who works for which gemeente."""


@gemeente.command(name="list")
@DB_OPTION
def gemeente_list(db_path: Path | None) -> None:
    """The gemeenten in the database, each with its coordinators and members; then the
    claims waiting for an operator.

    \b
      wijkbot gemeente list --db /data/wijkbot.db
    """
    from .store import Store

    store = Store(_db(db_path))
    for row in store.db.query("SELECT id, code, name FROM gemeenten ORDER BY name"):
        people = store.members_of(row["id"])
        listed = ", ".join(f"{m.name} ({m.user_id}, {m.role})" for m in people) or "niemand"
        click.echo(f"{row['code']} {row['name']}: {listed}")
    pending = store.pending_claims()
    if pending:
        click.echo("\nPending claims (wijkbot gemeente approve|reject CODE USER_ID):")
    for claim in pending:
        since = claim.requested_at[:10]
        click.echo(
            f"{claim.code} {claim.gemeente}: {claim.user_name} ({claim.user_id}) since {since}"
        )
    store.close()


@gemeente.command(name="approve")
@click.argument("code")
@click.argument("user_id")
@DB_OPTION
def gemeente_approve(code: str, user_id: str, db_path: Path | None) -> None:
    """Approve a pending claim: the registrant becomes the gemeente's coordinator and hears
    it from the running bot within a minute.

    \b
      wijkbot gemeente approve GM0301 123456789 --db /data/wijkbot.db
    """
    store, claim = _pending(code, user_id, db_path)
    with store.transaction():
        member = store.approve_claim(claim, OPERATOR_CLI, told=False)
    if member is None:
        elsewhere = store.member(user_id)
        gemeente = elsewhere.gemeente_name if elsewhere else "another gemeente"
        raise click.ClickException(f"{user_id} has become a member of {gemeente} meanwhile")
    click.echo(f"{claim.user_name} ({user_id}) is now coordinator of {claim.gemeente}")
    store.close()


@gemeente.command(name="reject")
@click.argument("code")
@click.argument("user_id")
@DB_OPTION
def gemeente_reject(code: str, user_id: str, db_path: Path | None) -> None:
    """Reject a pending claim; the registrant hears it from the running bot.

    \b
      wijkbot gemeente reject GM0301 123456789 --db /data/wijkbot.db
    """
    store, claim = _pending(code, user_id, db_path)
    with store.transaction():
        store.reject_claim(claim, OPERATOR_CLI, told=False)
    click.echo(f"The claim of {claim.user_name} ({user_id}) on {claim.gemeente} is rejected")
    store.close()


def _pending(code: str, user_id: str, db_path: Path | None) -> tuple[Store, Claim]:
    """The store, and the claim of `user_id` on gemeente `code` that waits for a decision."""
    from .store import Store

    store = Store(_db(db_path))
    claim = store.pending_claim(code=code.upper(), user_id=user_id)
    if claim is None:
        store.close()
        raise click.ClickException(
            f"No pending claim of {user_id} on {code}; see wijkbot gemeente list"
        )
    return store, claim


@gemeente.command(name="assign")
@click.argument("code")
@click.argument("user_id")
@click.option("--name", default="", help="The person's name as the bot shows it.")
@DB_OPTION
def gemeente_assign(code: str, user_id: str, name: str, db_path: Path | None) -> None:
    """Make a Telegram user coordinator of a gemeente, also one whose people are all gone.

    \b
      wijkbot gemeente assign GM0301 123456789 --name "Anna de Vries" --db /data/wijkbot.db
    """
    from .store import Store

    store = Store(_db(db_path))
    gemeente_id = store.gemeente_id(code.upper())
    kb = _knowledge()
    known = {g.code: g.name for g in kb.gemeenten}
    if gemeente_id is None and code.upper() not in known:
        raise click.ClickException(f"No gemeente with code {code}")
    with store.transaction():
        gemeente_id = gemeente_id or store.ensure_gemeente(code.upper(), known[code.upper()])
        store.assign_coordinator(gemeente_id, user_id, name or user_id)
    click.echo(f"{user_id} is now coordinator of {store.gemeente_name(gemeente_id)}")
    store.close()


@main.group()
def data() -> None:
    """Open data beside the bot's own: CBS kerncijfers per gemeente and wijk."""


@data.command(name="cbs")
@click.option("--year", default=DEFAULT_YEAR, show_default=True, help="The kerncijfers' year.")
@DB_OPTION
def data_cbs(year: int, db_path: Path | None) -> None:
    """Load CBS Kerncijfers wijken en buurten (inwoners, ages, households, density, income,
    benefits) for every gemeente and wijk; a second run of a year updates it in place. Needs
    the internet (or WIJKBOT_CBS_URL); a failure changes nothing.

    \b
      wijkbot data cbs --db /data/wijkbot.db
      wijkbot data cbs --year 2023 --db /data/wijkbot.db
    """
    from .cbs.client import CbsError, base_url, fetch_kerncijfers
    from .store import Store

    click.echo(f"Fetching CBS kerncijfers {year} from {base_url()} ...")
    try:
        loaded = fetch_kerncijfers(year)
    except CbsError as error:
        raise click.ClickException(str(error)) from None
    store = Store(_db(db_path))
    store.replace_kerncijfers(loaded)
    store.close()
    gemeenten = sum(r.kind == "gemeente" for r in loaded.regions)
    wijken = sum(r.kind == "wijk" for r in loaded.regions)
    click.echo(f"{loaded.title} ({loaded.table}): {gemeenten} gemeenten, {wijken} wijken loaded")


@main.command()
@DB_OPTION
def health(db_path: Path | None) -> None:
    """Exit 0 when the content loads, the database takes a real write, and (once the bot has
    run on this database) Telegram answered it in the last few minutes, or it started less
    than that ago. Docker's health check.

    \b
      wijkbot health --db /data/wijkbot.db
    """
    import sqlite3

    from .store import Store

    kb = _knowledge()
    path = _db(db_path)
    try:
        store = Store(path)
        store.check_writable()
        contact = store.telegram_silent_since()
        now = store.clock()
        store.close()
    except (sqlite3.Error, OSError) as error:
        raise click.ClickException(f"Database {path} is not writable: {error}") from error
    if contact is not None and now - contact > CONTACT_STALE:
        minutes = int((now - contact).total_seconds() // 60)
        raise click.ClickException(f"No contact with Telegram for {minutes} minutes")
    click.echo(f"OK: {len(kb.entries)} entries, {len(kb.flows)} flows, database {path} writable")
