"""Daily online backups of the database while the bot runs, the newest `keep` kept
(WIJKBOT_BACKUP_DIR, WIJKBOT_BACKUP_KEEP). The files themselves are the record: a backup's
time is in its name, so a restart neither repeats nor skips one."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

PREFIX, SUFFIX = "wijkbot-", ".db"
STAMP = "%Y%m%dT%H%M%SZ"  # in UTC; names sort in time order
DEFAULT_KEEP = 7


@dataclass(frozen=True)
class Backups:
    folder: Path
    keep: int = DEFAULT_KEEP
    every: timedelta = timedelta(days=1)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Backups | None:
        """The plan, or None without WIJKBOT_BACKUP_DIR."""
        folder = env.get("WIJKBOT_BACKUP_DIR", "").strip()
        if not folder:
            return None
        keep = env.get("WIJKBOT_BACKUP_KEEP", "").strip() or str(DEFAULT_KEEP)
        if not keep.isdigit() or int(keep) < 1:
            raise ValueError(f"WIJKBOT_BACKUP_KEEP must be a number of backups, not {keep!r}")
        return cls(Path(folder), int(keep))

    def made(self) -> list[tuple[datetime, Path]]:
        """The backups in the folder, oldest first (other files are left alone)."""
        found = []
        for path in self.folder.glob(f"{PREFIX}*{SUFFIX}"):
            try:
                at = datetime.strptime(path.name[len(PREFIX) : -len(SUFFIX)], STAMP)
            except ValueError:
                continue
            found.append((at.replace(tzinfo=UTC), path))
        return sorted(found)

    def run(self, store: Store, now: datetime) -> Path | None:
        """A new backup when the newest is `every` old (or there is none), then the oldest
        beyond `keep` deleted; the new file, or None when none was due. The copy is written
        under a temporary name and renamed, so a half-written one never counts."""
        made = self.made()
        if made and now - made[-1][0] < self.every:
            return None
        target = self.folder / f"{PREFIX}{now.astimezone(UTC).strftime(STAMP)}{SUFFIX}"
        partial = target.with_name(target.name + ".part")
        partial.unlink(missing_ok=True)
        store.backup(partial)
        partial.replace(target)
        for _, old in self.made()[: -self.keep]:
            old.unlink()
        return target
