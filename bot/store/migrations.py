"""Versioned schema migrations, applied in order at start-up by sqlite-utils' `Migrations`.

Each migration runs once, in one transaction with the record of it (the table
_sqlite_migrations, set "wijkbot", named by number and function). Never edit a migration
that has shipped; add the next one to MIGRATIONS.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils import Migrations

SET = "wijkbot"


def _001_unanswered(db: sqlite_utils.Database) -> None:
    db.table("unanswered").create(
        {
            "id": int,
            "question": str,
            "outcome": str,  # decline or suggest
            "best_id": str,
            "best_score": float,
            "chat_type": str,
            "asked_at": str,
        },
        pk="id",
    )
    db.table("unanswered").create_index(["asked_at"])


def _002_gemeenten_and_steps(db: sqlite_utils.Database) -> None:
    db.table("gemeenten").create(
        {"id": int, "code": str, "name": str, "created_at": str}, pk="id", not_null={"code"}
    )
    db.table("gemeenten").create_index(["code"], unique=True)
    db.table("members").create(
        {
            "id": int,
            "gemeente_id": int,
            "user_id": str,
            "name": str,
            "role": str,  # coordinator or member
            "joined_at": str,
            "removed_at": str,
            "removed_by": str,
        },
        pk="id",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )
    db.table("members").create_index(["user_id"])
    db.table("invites").create(
        {
            "code": str,
            "gemeente_id": int,
            "created_by": str,
            "created_at": str,
            "expires_at": str,
            "used_by": str,
            "used_at": str,
        },
        pk="code",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )
    db.table("answers").create(
        {
            "id": int,
            "gemeente_id": int,
            "flow": str,
            "item": str,  # '' for a question outside a group
            "question": str,
            "value": str,  # JSON
            "author_id": str,
            "author_name": str,
            "answered_at": str,
        },
        pk="id",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )
    db.table("answers").create_index(["gemeente_id", "flow", "item", "question"])
    db.table("actions").create(
        {
            "id": int,
            "gemeente_id": int,
            "origin": str,  # the step-4 item it came from, or null for one made in /acties
            "theme": str,
            "title": str,
            "owner": str,
            "due": str,
            "status": str,  # open or klaar
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )
    db.table("action_versions").create(
        {
            "id": int,
            "action_id": int,
            "theme": str,
            "title": str,
            "owner": str,
            "due": str,
            "status": str,
            "changed_by": str,
            "changed_at": str,
        },
        pk="id",
        foreign_keys=[("action_id", "actions", "id")],
    )
    db.table("conversations").create(
        {
            "chat_id": str,
            "user_id": str,
            "flow": str,
            "item": str,
            "question": str,
            "draft": str,  # JSON: a half-made answer or what the bot waits for
            "updated_at": str,
        },
        pk=("chat_id", "user_id"),
    )


def _003_chats_and_buttons(db: sqlite_utils.Database) -> None:
    db.table("chats").create(
        {
            "chat_id": str,
            "chat_type": str,
            "title": str,
            "status": str,  # active, left (bot removed from the group) or blocked (by the user)
            "moved_to": str,  # the supergroup a group became
            "updated_at": str,
        },
        pk="chat_id",
    )
    db.table("buttons").create(
        {
            "token": str,  # what a Telegram button carries (callback_data is 64 bytes at most)
            "chat_id": str,
            "user_id": str,  # the only user who may press it
            "payload": str,  # the engine's option payload
            "label": str,
            "created_at": str,
        },
        pk="token",
    )
    db.table("buttons").create_index(["created_at"])
    db.table("buttons").create_index(["chat_id"])


def _004_checkins(db: sqlite_utils.Database) -> None:
    db.table("checkins").create(
        {
            "id": int,
            "chat_id": str,
            "chat_title": str,
            "template": str,
            "kind": str,  # phases, themes, open or choice (flows/checkins/)
            "question": str,
            "options": str,  # JSON: [[key, label], ...]
            "opened_by": str,
            "opened_at": str,
            "closes_at": str,  # the deadline, if any
            "remind_at": str,
            "reminded_at": str,
            "closed_at": str,
            "schedule_id": int,
            "status": str,
            "results": str,  # JSON, written when it closes
        },
        pk="id",
    )
    db.table("checkins").create_index(["chat_id", "status"])
    db.table("checkin_answers").create(
        {
            "id": int,
            "checkin_id": int,
            "question": str,  # the theme for a quick scan, else ""
            "user_id": str,
            "user_name": str,
            "value": str,  # JSON
            "answered_at": str,
        },
        pk="id",
        foreign_keys=[("checkin_id", "checkins", "id")],
    )
    db.table("checkin_answers").create_index(["checkin_id"])
    db.table("checkin_schedules").create(
        {
            "id": int,
            "chat_id": str,
            "template": str,
            "weekday": int,  # 0 Monday .. 6 Sunday; None: every day
            "time": str,  # HH:MM, Dutch time
            "open_hours": int,
            "created_by": str,
            "created_at": str,
            "next_at": str,  # UTC, ISO
            "status": str,  # active, cancelled, or stopped (the bot left the group)
            "ended_at": str,
        },
        pk="id",
    )
    db.table("group_links").create(
        {"chat_id": str, "gemeente_id": int, "linked_by": str, "linked_at": str},
        pk="chat_id",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )


def _005_questions_for_the_gemeente(db: sqlite_utils.Database) -> None:
    db.table("questions").create(
        {
            "id": int,
            "gemeente_id": int,
            "unanswered_id": int,  # the declined question it was handed on from
            "chat_id": str,  # where the answer is delivered
            "chat_type": str,
            "user_id": str,
            "user_name": str,
            "text": str,
            "asked_at": str,
            "status": str,  # open or answered
            "answer": str,
            "answered_by": str,
            "answered_at": str,
        },
        pk="id",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )
    db.table("questions").create_index(["gemeente_id", "status"])
    db.table("questions").create_index(["unanswered_id"], unique=True)
    db.table("local_entries").create(
        {
            "id": int,
            "gemeente_id": int,
            "question_id": int,
            "question": str,
            "answer": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("gemeente_id", "gemeenten", "id"), ("question_id", "questions", "id")],
    )
    db.table("local_entries").create_index(["gemeente_id"])
    db.table("user_gemeenten").create(
        {"user_id": str, "gemeente_id": int, "chosen_at": str},
        pk="user_id",
        foreign_keys=[("gemeente_id", "gemeenten", "id")],
    )


def _006_inbox_and_outbox(db: sqlite_utils.Database) -> None:
    db.table("inbox").create(
        {"update_id": int, "body": str, "received_at": str, "handled_at": str},
        pk="update_id",
    )
    db.table("inbox").create_index(["handled_at"])
    db.table("outbox").create(
        {
            "id": int,
            "update_id": int,  # the update whose turn wrote it; None for the clock's
            "chat_id": str,
            "body": str,  # JSON: text, title, image, document, keyboard, reply_to
            "status": str,  # pending, delivered or dropped
            "posted_at": str,
            "settled_at": str,
            "reason": str,  # why Telegram would not take it (dropped)
        },
        pk="id",
    )
    db.table("outbox").create_index(["status", "chat_id"])


def _007_health(db: sqlite_utils.Database) -> None:
    # what `wijkbot health` writes (check) and the bot's last contact with Telegram
    db.table("health").create({"name": str, "at": str}, pk="name")


def _008_checkin_gemeente(db: sqlite_utils.Database) -> None:
    # the gemeente a check-in ran under, kept when its group is linked to another one later
    db.table("checkins").add_column("gemeente_id", int)
    db.execute(
        "UPDATE checkins SET gemeente_id = "
        "(SELECT gemeente_id FROM group_links g WHERE g.chat_id = checkins.chat_id)"
    )


def _009_claims_and_activity(db: sqlite_utils.Database) -> None:
    # who asked to become the first coordinator of a gemeente, and what the operator decided
    db.table("claims").create(
        {
            "id": int,
            "code": str,  # the gemeente's GM code (its row is made only on approval)
            "gemeente": str,  # its name
            "user_id": str,
            "user_name": str,
            "status": str,  # records.ClaimStatus
            "requested_at": str,
            "decided_at": str,
            "decided_by": str,
            "told_at": str,  # when the registrant heard the decision
        },
        pk="id",
    )
    db.table("claims").create_index(["code", "status"])
    # the last day a member used the bot, and when the bot asked one inactive for long
    db.table("members").add_column("active_on", str)
    db.table("members").add_column("asked_inactive_at", str)
    db.execute("UPDATE members SET active_on = substr(joined_at, 1, 10)")


def _010_conversation_menu(db: sqlite_utils.Database) -> None:
    # the options a user was last shown (JSON), so a typed "ja" or "2" picks one after a restart
    db.table("conversations").add_column("menu", str)


def _011_threads_and_reminders(db: sqlite_utils.Database) -> None:
    # the topic of a forum group a check-in runs in, and a plan opens its check-ins in
    db.table("checkins").add_column("thread_id", str)
    db.table("checkin_schedules").add_column("thread_id", str)
    # action reminders: sent once per action, kind (week, dag) and due date; members opt out
    db.table("action_reminders").create(
        {"action_id": int, "kind": str, "due": str, "sent_at": str},
        pk=("action_id", "kind", "due"),
        foreign_keys=[("action_id", "actions", "id")],
    )
    db.table("members").add_column("reminders", int, not_null_default=1)
    # the weekly digest of a gemeente's actions: its weekday (0 Monday; none: off), last sent
    db.table("gemeenten").add_column("digest_day", int)
    db.table("gemeenten").add_column("digest_sent", str)


def _012_cbs_and_comparison(db: sqlite_utils.Database) -> None:
    # CBS Kerncijfers wijken en buurten per year (`wijkbot data cbs`): gemeenten and wijken,
    # and per region its figures with their unit
    db.table("cbs_loads").create(
        {"year": int, "table_id": str, "title": str, "loaded_at": str}, pk="year"
    )
    db.table("cbs_regions").create(
        {"year": int, "code": str, "kind": str, "gemeente_code": str, "name": str},
        pk=("year", "code"),
    )
    db.table("cbs_regions").create_index(["year", "gemeente_code"])
    db.table("cbs_figures").create(
        {"year": int, "code": str, "figure": str, "value": float, "unit": str},
        pk=("year", "code", "figure"),
    )
    # since when a gemeente shares its startpositie anonymously (/vergelijken); NULL: not
    db.table("gemeenten").add_column("compare_since", str)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _001_unanswered,
    _002_gemeenten_and_steps,
    _003_chats_and_buttons,
    _004_checkins,
    _005_questions_for_the_gemeente,
    _006_inbox_and_outbox,
    _007_health,
    _008_checkin_gemeente,
    _009_claims_and_activity,
    _010_conversation_menu,
    _011_threads_and_reminders,
    _012_cbs_and_comparison,
]


def migrations() -> Migrations:
    """MIGRATIONS as sqlite-utils' set, each named by its number and function."""
    found = Migrations(SET)
    for number, migration in enumerate(MIGRATIONS, start=1):
        found(name=f"{number:03d}{migration.__name__}")(migration)
    return found


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the database to the newest schema; return its version. All in one transaction,
    so that a second process opening the database meanwhile (the operator's command beside
    a bot that starts) waits, then finds it done, instead of creating the tables again."""
    wanted = migrations()
    with db.atomic():
        _adopt(db, wanted)
        wanted.apply(db)
    return len(MIGRATIONS)


def _adopt(db: sqlite_utils.Database, wanted: Migrations) -> None:
    """A database migrated before sqlite-utils did it counted its migrations in
    `schema_version`: those are recorded as applied, once, and the count goes."""
    if not db.table("schema_version").exists():
        return
    with db.atomic():
        version = db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        wanted.ensure_migrations_table(db)
        done = [m.name for m in wanted.pending(db)[:version]]
        at = str(datetime.now(UTC))
        rows = [{"migration_set": SET, "name": name, "applied_at": at} for name in done]
        db.table(wanted.migrations_table).insert_all(rows)
        db.table("schema_version").drop()
