"""Load knowledge/ and flows/ and validate all of it; every problem names its file and entry."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .flow_models import Flow
from .flows import STEP_KEYS, check_flow
from .models import (
    THEME_KEYS,
    CheckinTemplate,
    ChecklistTask,
    Entry,
    Gemeente,
    Kernkeuze,
    Phase,
    SourceDocument,
    Step,
    Theme,
    Value,
)
from .paths import content_root
from .voice import voice_problems

M = TypeVar("M", bound=BaseModel)
# libyaml's safe loader where PyYAML was built with it (about ten times faster), else Python's
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A group check-in on one task has three buttons a point; Telegram allows 100 a message.
MAX_TASK_POINTS = 33


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    message: str

    def __str__(self) -> str:
        parts = [self.file, self.where, self.message] if self.where else [self.file, self.message]
        return ": ".join(parts)


class ContentError(Exception):
    """The content does not load; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the content:\n{lines}")


@dataclass(frozen=True)
class Knowledge:
    entries: dict[str, Entry]
    origins: dict[str, str]
    sources: dict[str, SourceDocument]
    steps: tuple[Step, ...]
    phases: tuple[Phase, ...]
    themes: tuple[Theme, ...]
    kernkeuzes: tuple[Kernkeuze, ...]
    values: tuple[Value, ...]
    checklist: tuple[ChecklistTask, ...]
    gemeenten: tuple[Gemeente, ...]
    flows: dict[str, Flow] = field(default_factory=dict)
    checkins: dict[str, CheckinTemplate] = field(default_factory=dict)
    synonyms: tuple[tuple[str, ...], ...] = ()

    def step_flow(self, step: str) -> Flow:
        return next(f for f in self.flows.values() if f.step == step)

    def counts(self) -> dict[str, int]:
        return {
            "entries": len(self.entries),
            "entry files": len(set(self.origins.values())),
            "steps": len(self.steps),
            "phases": len(self.phases),
            "themes": len(self.themes),
            "kernkeuzes": len(self.kernkeuzes),
            "values": len(self.values),
            "checklist tasks": len(self.checklist),
            "checklist items": sum(len(t.items) for t in self.checklist),
            "gemeenten": len(self.gemeenten),
            "flows": len(self.flows),
            "flow questions": sum(len(f.all_questions()) for f in self.flows.values()),
            "check-in templates": len(self.checkins),
        }


@dataclass
class _Reader:
    """Reads YAML files under one root and collects problems instead of stopping at one."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def report(self, file: str, where: str, message: str) -> None:
        self.problems.append(Problem(file, where, message))

    def yaml(self, path: Path) -> Any:
        """The parsed file, or None after reporting why it cannot be read."""
        name = path.relative_to(self.root).as_posix()
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        except FileNotFoundError:
            self.report(name, "", "file is missing")
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            self.report(name, where, f"YAML error: {problem}")
        return None

    def document(self, path: Path, list_key: str, allowed: Iterable[str] = ()) -> list[Any]:
        name = path.relative_to(self.root).as_posix()
        data = self.yaml(path)
        if data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get(list_key), list):
            self.report(name, "", f"expected a top-level list '{list_key}:'")
            return []
        for key in sorted(set(data) - {list_key, *allowed}):
            self.report(name, "", f"unknown key '{key}'")
        return data[list_key]

    def single(self, path: Path, model: type[M]) -> M | None:
        """The one record a file holds (a flow, a check-in), or None after reporting why not."""
        data = self.yaml(path)
        if data is None:
            return None
        try:
            return model.model_validate(data)
        except ValidationError as error:
            name = path.relative_to(self.root).as_posix()
            for detail in error.errors():
                self.report(name, "", _explain(detail))
            return None

    def records(self, path: Path, list_key: str, model: type[M], label: str, **kw: Any) -> list[M]:
        name = path.relative_to(self.root).as_posix()
        out: list[M] = []
        for index, raw in enumerate(self.document(path, list_key, **kw), start=1):
            where = _describe(raw, label, index)
            try:
                out.append(model.model_validate(raw))
            except ValidationError as error:
                for detail in error.errors():
                    self.report(name, where, _explain(detail))
        return out


def _describe(raw: Any, label: str, index: int) -> str:
    if isinstance(raw, dict):
        for key in ("id", "key", "code", "number"):
            if key in raw:
                return f"{label} {raw[key]!r}"
    return f"{label} #{index}"


def _explain(detail: Any) -> str:
    path = ".".join(str(part) for part in detail["loc"])
    if detail["type"] == "missing":
        return f"missing field '{path}'"
    if detail["type"] == "extra_forbidden":
        return f"unknown key '{path}'"
    return f"field '{path}': {detail['msg']}"


def load_knowledge(root: Path | None = None) -> Knowledge:
    """Load and validate `root/knowledge` and `root/flows`; raise ContentError on problems."""
    root = root or content_root()
    reader = _Reader(root)
    base = root / "knowledge"
    ref = base / "reference"

    sources = reader.records(base / "sources.yaml", "sources", SourceDocument, "source")
    entries, origins = _load_entries(reader, base / "entries")
    knowledge = Knowledge(
        entries=entries,
        origins=origins,
        sources={s.document: s for s in sources},
        steps=tuple(reader.records(ref / "steps.yaml", "steps", Step, "step")),
        phases=tuple(reader.records(ref / "phases.yaml", "phases", Phase, "phase")),
        themes=tuple(reader.records(ref / "themes.yaml", "themes", Theme, "theme")),
        kernkeuzes=tuple(
            reader.records(ref / "kernkeuzes.yaml", "kernkeuzes", Kernkeuze, "kernkeuze")
        ),
        values=tuple(
            reader.records(ref / "values.yaml", "values", Value, "value", allowed=["source"])
        ),
        checklist=tuple(
            reader.records(
                ref / "checklist.yaml", "tasks", ChecklistTask, "task", allowed=["source"]
            )
        ),
        gemeenten=tuple(
            reader.records(
                ref / "gemeenten.yaml",
                "gemeenten",
                Gemeente,
                "gemeente",
                allowed=["as_of", "source"],
            )
        ),
    )
    _check_references(reader, knowledge)
    knowledge = replace(knowledge, synonyms=_load_synonyms(reader, ref / "synonyms.yaml", entries))
    knowledge.flows.update(_load_flows(reader, root / "flows"))
    knowledge.checkins.update(_load_checkins(reader, root / "flows" / "checkins"))
    if reader.problems:
        raise ContentError(reader.problems)
    return knowledge


def _load_entries(reader: _Reader, folder: Path) -> tuple[dict[str, Entry], dict[str, str]]:
    entries: dict[str, Entry] = {}
    origins: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        reader.report(folder.relative_to(reader.root).as_posix(), "", "no entry files found")
    for path in files:
        name = path.relative_to(reader.root).as_posix()
        for entry in reader.records(path, "entries", Entry, "entry"):
            where = f"entry {entry.id!r}"
            if entry.id in entries:
                reader.report(name, where, f"duplicate id (also in {origins[entry.id]})")
                continue
            for problem in voice_problems(entry):
                reader.report(name, where, problem)
            entries[entry.id] = entry
            origins[entry.id] = name
    return entries, origins


def _load_synonyms(
    reader: _Reader, path: Path, entries: dict[str, Entry]
) -> tuple[tuple[str, ...], ...]:
    """The synonym groups (knowledge/reference/synonyms.yaml), each checked."""
    name = path.relative_to(reader.root).as_posix()
    raw = reader.document(path, "synonyms")
    text = " ".join(
        " ".join([e.title, *e.questions, *e.tags, e.answer]) for e in entries.values()
    ).casefold()
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for number, group in enumerate(raw, start=1):
        where = f"group {number}"
        if not isinstance(group, list) or not all(isinstance(m, str) and m.strip() for m in group):
            reader.report(name, where, "a group is a list of words, like [bewoner, inwoner]")
            continue
        members = tuple(m.strip().casefold() for m in group)
        if len(set(members)) < 2:
            reader.report(name, where, "a group needs at least two different members")
        for member in members:
            if member in seen and seen[member] != number:
                reader.report(name, where, f"{member!r} is also in group {seen[member]}")
            seen[member] = number
        if not any(member in text for member in members):
            reader.report(name, where, f"no member of {list(members)} occurs in the knowledge")
        groups.append(members)
    return tuple(groups)


def _load_flows(reader: _Reader, folder: Path) -> dict[str, Flow]:
    flows = _load_keyed(reader, folder, Flow, "flow", check_flow)
    steps = sorted(f.step for f in flows.values() if f.step)
    if steps != sorted(STEP_KEYS):
        reader.report("flows", "", f"each step needs exactly one flow; found {steps}")
    return flows


def _load_checkins(reader: _Reader, folder: Path) -> dict[str, CheckinTemplate]:
    templates = _load_keyed(reader, folder, CheckinTemplate, "check-in", _check_checkin)
    if not templates:
        reader.report("flows/checkins", "", "no check-in templates")
    return templates


Keyed = TypeVar("Keyed", Flow, CheckinTemplate)


def _load_keyed(
    reader: _Reader,
    folder: Path,
    model: type[Keyed],
    label: str,
    check: Callable[[Keyed], list[tuple[str, str]]],
) -> dict[str, Keyed]:
    """One record per file of `folder`, by key: a duplicate key and what `check` finds
    (as (where, message)) are reported with the file."""
    found: dict[str, Keyed] = {}
    for path in sorted(folder.glob("*.yaml")):
        name = path.relative_to(reader.root).as_posix()
        record = reader.single(path, model)
        if record is None:
            continue
        if record.key in found:
            reader.report(name, f"{label} {record.key!r}", f"duplicate {label} key")
            continue
        found[record.key] = record
        for where, message in check(record):
            reader.report(name, where, message)
    return found


def _check_checkin(template: CheckinTemplate) -> list[tuple[str, str]]:
    where = f"check-in {template.key!r}"
    if template.kind == "choice":
        return [(where, "no question: a choice check-in gets its own")] if template.question else []
    if template.question is None:
        return [(where, f"a check-in of kind {template.kind!r} needs a question")]
    placeholders = {n for _, n, _, _ in string.Formatter().parse(template.question) if n}
    expected = {"theme"} if template.kind == "phases" else set()
    if placeholders != expected:
        allowed = "{theme}" if expected else "no placeholders"
        return [(where, f"the question may use {allowed}, not {sorted(placeholders)}")]
    return []


def _check_references(reader: _Reader, kb: Knowledge) -> None:
    """Cross-file rules: ids that point somewhere must exist, and sets must be complete."""
    for entry_id, entry in kb.entries.items():
        name, where = kb.origins[entry_id], f"entry {entry_id!r}"
        for related in entry.related:
            if related not in kb.entries:
                reader.report(name, where, f"related id {related!r} does not exist")
        document = kb.sources.get(entry.source.document)
        if kb.sources and document is None:
            reader.report(name, where, f"unknown source document {entry.source.document!r}")
        sections = [s.name for s in document.sections] if document else []
        if sections and entry.source.section not in sections:
            reader.report(
                name, where, f"section {entry.source.section!r} is not a section of its document"
            )

    pointers = [("knowledge/reference/steps.yaml", f"step {s.number}", [s.entry]) for s in kb.steps]
    pointers += [
        ("knowledge/reference/phases.yaml", f"phase {p.number}", [p.entry]) for p in kb.phases
    ]
    pointers += [
        ("knowledge/reference/themes.yaml", f"theme {t.key!r}", [t.entry, *t.examples])
        for t in kb.themes
    ]
    pointers += [
        ("knowledge/reference/kernkeuzes.yaml", f"kernkeuze {k.key!r}", [k.entry])
        for k in kb.kernkeuzes
    ]
    pointers += [
        ("knowledge/reference/values.yaml", f"value {v.key!r}", [v.entry]) for v in kb.values
    ]
    pointers += [
        ("knowledge/reference/checklist.yaml", f"task {t.key!r}", [t.entry]) for t in kb.checklist
    ]
    for file, where, ids in pointers:
        for entry_id in ids:
            if entry_id not in kb.entries:
                reader.report(file, where, f"entry id {entry_id!r} does not exist")

    _expect_complete(reader, "steps.yaml", "step", [s.number for s in kb.steps], [1, 2, 3, 4])
    _expect_complete(reader, "phases.yaml", "phase", [p.number for p in kb.phases], [1, 2, 3, 4])
    _expect_complete(reader, "themes.yaml", "theme", [t.key for t in kb.themes], THEME_KEYS)
    for theme in kb.themes:
        for part in ("phases", "labels"):
            if sorted(getattr(theme, part)) != [1, 2, 3, 4]:
                reader.report(
                    "knowledge/reference/themes.yaml",
                    f"theme {theme.key!r}",
                    f"'{part}' must describe phases 1, 2, 3 and 4",
                )
    _expect_complete(
        reader,
        "kernkeuzes.yaml",
        "kernkeuze",
        [k.key for k in kb.kernkeuzes],
        ["veranderaanpak", "rol_toegangsteam"],
    )
    items = [item.number for task in kb.checklist for item in task.items]
    _expect_complete(reader, "checklist.yaml", "item", items, range(1, len(items) + 1))
    for task in kb.checklist:
        if len(task.items) > MAX_TASK_POINTS:
            reader.report(
                "knowledge/reference/checklist.yaml",
                f"task {task.key!r}",
                f"{len(task.items)} points; at most {MAX_TASK_POINTS} fit a group check-in",
            )
    _expect_unique(reader, "gemeenten.yaml", "code", [g.code for g in kb.gemeenten])
    _expect_unique(reader, "gemeenten.yaml", "name", [g.name for g in kb.gemeenten])


def _expect_complete(
    reader: _Reader, file: str, label: str, found: list[Any], expected: Iterable[Any]
) -> None:
    expected = list(expected)
    if found and sorted(found, key=str) != sorted(expected, key=str):
        missing = [e for e in expected if e not in found]
        extra = sorted({f for f in found if found.count(f) > 1 or f not in expected}, key=str)
        detail = "; ".join(
            part
            for part in (
                f"missing {missing}" if missing else "",
                f"duplicate or unexpected {extra}" if extra else "",
            )
            if part
        )
        reader.report(f"knowledge/reference/{file}", "", f"{label}s incomplete: {detail}")


def _expect_unique(reader: _Reader, file: str, label: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            reader.report(
                f"knowledge/reference/{file}", f"gemeente {value!r}", f"duplicate {label}"
            )
        seen.add(value)
