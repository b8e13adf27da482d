"""The queue's saved views (Nya, Akut, Mina, Grannsamverkan, Synpunkter): one key each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from moderation.triage.i18n import Strings
from storage.profile import Profile
from storage.queries import QueueFilter
from storage.vocabulary import Intent, Priority, Status

OPEN = (Status.NEW.value, Status.TRIAGED.value, Status.IN_PROGRESS.value)


@dataclass(frozen=True)
class SavedView:
    id: str  # also the i18n key "view.<id>"
    key: str

    def filter(self, officer: str) -> QueueFilter:
        match self.id:
            case "new":
                return QueueFilter(statuses=(Status.NEW.value,))
            case "urgent":
                return QueueFilter(statuses=OPEN, min_priority=Priority.HIGH)
            case "mine":
                return QueueFilter(statuses=OPEN, assignee=officer)
            case "watch":
                return QueueFilter(statuses=OPEN, intents=(Intent.NEIGHBOURHOOD_WATCH.value,))
            case "feedback":
                return QueueFilter(statuses=OPEN, intents=(Intent.FEEDBACK.value,))
            case "all":
                return QueueFilter()
        return QueueFilter(statuses=OPEN)


SAVED_VIEWS: tuple[SavedView, ...] = (
    SavedView("open", "0"),
    SavedView("new", "1"),
    SavedView("urgent", "2"),
    SavedView("mine", "3"),
    SavedView("watch", "4"),
    SavedView("feedback", "5"),
    SavedView("all", "9"),
)
DEFAULT_VIEW = SAVED_VIEWS[0]


def view_by_id(view_id: str) -> SavedView:
    return next((v for v in SAVED_VIEWS if v.id == view_id), DEFAULT_VIEW)


def describe_filter(flt: QueueFilter, strings: Strings, profile: Profile) -> str:
    """The filter in words, for the queue's summary line."""
    t = strings
    parts = []
    for key, values in (("status", flt.statuses), ("intent", flt.intents), ("theme", flt.themes)):
        if values:
            parts.append(f"{t('dlg.filter.' + key).split(' (')[0].lower()} {'/'.join(t.label(v) for v in values)}")
    if flt.places:
        names = [(p.name if (p := profile.place(pid)) else pid) for pid in flt.places]
        parts.append(f"{t('dlg.filter.place').lower()} {'/'.join(names)}")
    if flt.langs:
        parts.append(f"{t('dlg.filter.lang').lower()} {'/'.join(flt.langs)}")
    if flt.assignee:
        parts.append(f"{t('dlg.filter.assignee').lower()} {flt.assignee}")
    if flt.unassigned:
        parts.append(t("dlg.filter.unassigned").lower())
    if flt.min_priority is not None:
        parts.append(f"{t('detail.priority').lower()} ≥ {t.priority(flt.min_priority)}")
    if flt.since or flt.until:
        since = flt.since.astimezone(profile.tz).date().isoformat() if flt.since else ""
        until = (flt.until.astimezone(profile.tz) - dt.timedelta(days=1)).date().isoformat() if flt.until else ""
        parts.append(f"{since}–{until}")
    return "; ".join(parts)
