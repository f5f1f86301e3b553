"""Runs of one course shown together: a search for "Stapler" should list a few courses, each with
its next date and its other dates, not twenty-two cards of the same few courses.

A course is what `course_key` names within one source. The same course listed by another
source (a regional database listing a provider's runs) has that source's own course_key; such
listings are the same course when their title and provider agree, compared the way
normalize/dedupe.py compares listings of one run (folded, without punctuation and legal forms),
without the start date and the town. Runs of one course at several places stay one course: the
card lists the place of each date.

`group_courses` works on records (need matches, any list); `CourseLinker` gives the same
grouping as integer ids for every document of an index generation (search.py groups and counts
courses with array operations there).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from normalize.dedupe import _squash  # the one definition of how listings' titles and providers compare

NO_START = "9999-12-31"   # undated runs ("Einstieg jederzeit", "auf Anfrage") sort after dated ones


def course_identity(title: str, provider: str) -> str:
    """Key shared by listings of one course across sources: title and provider compared as
    the dedupe of runs compares them."""
    return _squash(title) + "|" + _squash(provider, legal=True)


def run_order(record: dict) -> tuple:
    """Date order of runs: by start date, undated last, then a stable order by id."""
    return (record.get("start_date") or NO_START, record.get("id", ""))


def next_run(runs: list[dict], today: date | None = None) -> dict:
    """The run a course card shows: the soonest one that has not ended (a run under way
    counts), else one without a date, else the latest ended one (searches that include the past)."""
    today_iso = (today or date.today()).isoformat()
    current = [r for r in runs if r.get("start_date")
               and (r.get("end_date") or r["start_date"]) >= today_iso]
    if current:
        return min(current, key=run_order)
    undated = [r for r in runs if not r.get("start_date")]
    if undated:
        return min(undated, key=run_order)
    return max(runs, key=run_order)


@dataclass
class CourseGroup:
    """One course on a result card: `first` is the run shown (the next date), `others` the
    other runs in date order. `key` is the course_key of the shown run."""

    first: dict
    others: list[dict] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.first.get("course_key", "")

    @property
    def runs(self) -> list[dict]:
        """Every run of the course in date order (the shown one included)."""
        return sorted([self.first, *self.others], key=run_order)

    def __len__(self) -> int:
        return 1 + len(self.others)


def make_group(runs: list[dict], today: date | None = None) -> CourseGroup:
    """A CourseGroup of runs already known to be one course."""
    first = next_run(runs, today)
    others = sorted((r for r in runs if r is not first), key=run_order)
    return CourseGroup(first=first, others=others)


class CourseLinker:
    """Assigns a course id to each item: items share an id when they have the same course_key,
    or come from different sources with the same course identity (union-find)."""

    def __init__(self):
        self._parent: list[int] = []
        self._by_key: dict[str, int] = {}
        self._by_identity: dict[str, tuple[int, str]] = {}

    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        a, b = self._find(a), self._find(b)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def add(self, course_key: str, source: str, identity: str) -> int:
        """Registers one item; returns its position (pass positions to `ids`)."""
        i = len(self._parent)
        self._parent.append(i)
        if course_key in self._by_key:
            self._union(i, self._by_key[course_key])
        else:
            self._by_key[course_key] = i
        seen = self._by_identity.get(identity)
        if seen is None:
            self._by_identity[identity] = (i, source)
        elif seen[1] != source:  # within one source, course_key alone decides
            self._union(i, seen[0])
        return i

    def ids(self) -> list[int]:
        """The course id of every item in the order added (the smallest position of its course)."""
        return [self._find(i) for i in range(len(self._parent))]


def link_records(records: Iterable[dict]) -> list[int]:
    linker = CourseLinker()
    for r in records:
        linker.add(r.get("course_key") or r.get("id", ""), r.get("source", ""),
                   course_identity(r.get("title", ""), r.get("provider", "")))
    return linker.ids()


def group_courses(records: list[dict], today: date | None = None) -> list[CourseGroup]:
    """Records (runs) -> one CourseGroup per course, in the order each course first appears in
    `records` (so a ranked list stays ranked by each course's best run)."""
    ids = link_records(records)
    members: dict[int, list[dict]] = {}
    for course, record in zip(ids, records):
        members.setdefault(course, []).append(record)
    return [make_group(runs, today) for runs in members.values()]
