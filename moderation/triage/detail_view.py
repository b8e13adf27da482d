"""The detail screen: everything about one submission, as one scrollable page.

``render_detail`` turns a ``storage.detail.SubmissionDetail`` into ``Text``
(never markup); every citizen-written string goes through ``safe``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from moderation.triage.back import BackToQueue
from moderation.triage.i18n import Strings
from moderation.triage.safe import citizen_text, clean
from storage.detail import SubmissionDetail, ThreadMessage
from storage.profile import Profile
from storage.usecases.officer import Change
from storage.vocabulary import Priority

HEADING = "bold underline"
MUTED = "dim"


class DetailView(Vertical, BackToQueue):
    DEFAULT_CSS = """
    DetailView { height: 1fr; }
    DetailView > #detail-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    DetailView > #detail-scroll { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    DetailView #detail-body { width: 100%; }
    """

    def __init__(self, strings: Strings, profile: Profile, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strings = strings
        self.profile = profile
        self.detail: SubmissionDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title", markup=False)
        with VerticalScroll(id="detail-scroll", can_focus=True):
            yield Static(id="detail-body", markup=False)

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#detail-scroll", VerticalScroll)

    def show_loading(self, ref: str) -> None:
        self.detail = None
        self.query_one("#detail-title", Static).update(Text(ref))
        self.query_one("#detail-body", Static).update(Text(self.strings("detail.loading"), style=MUTED))

    def show_gone(self) -> None:
        self.detail = None
        self.query_one("#detail-body", Static).update(Text(self.strings("detail.gone"), style=MUTED))

    def show(self, detail: SubmissionDetail, now: dt.datetime, *, keep_scroll: bool = False) -> None:
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        self.query_one("#detail-title", Static).update(title_line(detail, self.strings))
        self.query_one("#detail-body", Static).update(render_detail(detail, self.strings, self.profile, now))
        if not (keep_scroll and same):
            self.scroller.scroll_home(animate=False)

    def relabel(self, strings: Strings, now: dt.datetime) -> None:
        self.strings = strings
        if self.detail is not None:
            self.show(self.detail, now, keep_scroll=True)


def title_line(detail: SubmissionDetail, t: Strings) -> Text:
    line = Text()
    if detail.priority >= Priority.URGENT:
        line.append("!! ", style="bold red")
    line.append(detail.ref, style="bold")
    line.append(f" · {t.label(detail.status)} · {t('detail.priority')} {t.priority(detail.priority)}")
    line.append(f" · {t('detail.assignee')}: ")
    line.append(clean(detail.assignee, one_line=True) or t("detail.unassigned"))
    line.append(f" · {t('detail.version', n=detail.version)}", style=MUTED)
    return line


def render_detail(detail: SubmissionDetail, t: Strings, profile: Profile, now: dt.datetime) -> Text:
    tz = profile.tz
    out = Text(overflow="fold")

    def heading(key: str) -> None:
        out.append("\n" if out.plain else "")
        out.append(t(key), style=HEADING)
        out.append("\n")

    def field(label: str, value: str | Text) -> None:
        out.append(f"{label}: ", style=MUTED)
        out.append_text(value if isinstance(value, Text) else Text(value))
        out.append("\n")

    if detail.from_blocked:
        out.append(t("detail.from_blocked") + "\n", style="bold red")
    if detail.merged_into_ref:
        out.append(t("detail.merged_into", ref=detail.merged_into_ref) + "\n", style="bold")
    heading("detail.text")
    out.append_text(citizen_text(detail.text))
    out.append("\n")
    if detail.redactions:
        out.append(t("detail.redacted", n=len(detail.redactions)) + "\n", style=MUTED)

    heading("detail.labels")
    intent = Text(t.label(detail.intent), style="bold")
    intent.append(f"  ({t('detail.confidence', pct=round(detail.confidence * 100))}, "
                  f"{t('detail.classified_by', who=clean(detail.classified_by, one_line=True))})", style=MUTED)
    field(t("dlg.reclassify.intent"), intent)
    themes = ", ".join(f"{t.label(theme)} {confidence:.2f}" for theme, confidence in detail.themes)
    field(t("dlg.reclassify.themes"), themes or t("detail.none"))
    field(t("detail.lang"), clean(detail.lang, one_line=True))
    field(t("detail.kind"), t.label(detail.kind))
    if detail.explain:
        field(t("detail.explain"), explain_text(detail.explain))

    heading("detail.place")
    place = profile.place(detail.place)
    field(t("detail.place"), place.name if place else clean(detail.place, one_line=True) or t("detail.none"))
    if detail.place_text:
        field("…", Text(clean(detail.place_text, one_line=True)))
    if detail.latitude is not None and detail.longitude is not None:
        field(t("detail.coords"), f"{detail.latitude:.5f}, {detail.longitude:.5f}")
    occurred = t(f"occurred.{detail.occurred}") if detail.occurred else t("detail.none")
    if detail.occurred_at:
        occurred += f" ({t.when(detail.occurred_at, tz)})"
    field(t("detail.occurred"), occurred)
    field(t("detail.created"), f"{t.when(detail.created_at, tz)} ({t.age(now - detail.created_at)})")
    if detail.first_response_at:
        field(t("detail.first_response"), t.when(detail.first_response_at, tz))
    if detail.closed_at:
        field(t("detail.closed"), t.when(detail.closed_at, tz))

    heading("detail.citizen")
    out.append_text(citizen_line(detail, t))
    out.append("\n")

    heading("detail.attachments")
    if not detail.attachments:
        out.append(t("detail.none") + "\n", style=MUTED)
    for number, attachment in enumerate(detail.attachments, 1):
        out.append(f"{number}. {clean(attachment.kind, one_line=True)} "
                   f"{clean(attachment.mime_type or '?', one_line=True)} {t.size(attachment.size_bytes)} "
                   f"({t('attachment.state.' + attachment.state)})\n")

    heading("detail.thread")
    if not detail.thread:
        out.append(t("thread.empty") + "\n", style=MUTED)
    for message in detail.thread:
        out.append_text(thread_line(message, t, profile))

    heading("detail.notes")
    if not detail.notes:
        out.append(t("detail.none") + "\n", style=MUTED)
    for note in detail.notes:
        out.append(f"{t.when(note.created_at, tz)} ", style=MUTED)
        out.append(clean(note.officer, one_line=True) + ": ", style="bold")
        out.append_text(citizen_text(note.text))
        out.append("\n")

    heading("detail.duplicates")
    if not detail.duplicates:
        out.append(t("dup.none") + "\n", style=MUTED)
    for candidate in detail.duplicates:
        reasons = [t("dup.text", score=round(candidate.text_score))]
        if candidate.same_place:
            reasons.append(t("dup.place"))
        if candidate.same_citizen:
            reasons.append(t("dup.citizen"))
        reasons.append(t("dup.time", hours=candidate.hours_apart))
        out.append(candidate.ref, style="bold")
        out.append(f" {t.label(candidate.status)} · {', '.join(reasons)}\n  ", style=MUTED)
        out.append(clean(candidate.snippet, one_line=True)[:200] + "\n")

    heading("detail.history")
    if not detail.history:
        out.append(t("detail.none") + "\n", style=MUTED)
    for change in detail.history:
        out.append_text(history_line(change, t, profile))
    out.rstrip()
    return out


def citizen_line(detail: SubmissionDetail, t: Strings) -> Text:
    line = Text(clean(detail.citizen_pseudonym, one_line=True) or t("detail.none"), style="bold")
    facts = [t("detail.anonymous") if detail.anonymous else t("detail.named"),
             t("detail.contact_ok") if detail.contact_allowed else t("detail.no_contact")]
    if detail.citizen_erased:
        facts.append(t("detail.erased"))
    if detail.citizen_blocked:
        facts.append(t("detail.blocked"))
    if detail.reply_refusal is None:
        facts.append(t("detail.reply_possible"))
    line.append(" · " + " · ".join(facts))
    return line


def thread_line(message: ThreadMessage, t: Strings, profile: Profile) -> Text:
    line = Text()
    line.append(t.when(message.created_at, profile.tz) + " ", style=MUTED)
    author = t("thread.in") if message.direction == "in" else clean(message.author, one_line=True)
    line.append(author + ": ", style="bold" if message.direction == "in" else "bold cyan")
    line.append_text(citizen_text(message.text))
    if message.direction == "out":
        line.append("  [")
        line.append_text(delivery_text(message, t, profile))
        line.append("]")
    line.append("\n")
    return line


def delivery_text(message: ThreadMessage, t: Strings, profile: Profile) -> Text:
    error = clean(message.last_error or "", one_line=True)[:120]
    if message.delivery == "delivered":
        return Text(t("delivery.delivered", when=t.when(message.delivered_at, profile.tz)), style="green")
    if message.delivery == "failed":
        return Text(t("delivery.failed", attempts=message.attempts, error=error), style="bold red")
    if message.attempts and error:
        return Text(t("delivery.retrying", attempts=message.attempts, error=error), style="yellow")
    return Text(t("delivery.pending"), style="yellow")


def history_line(change: Change, t: Strings, profile: Profile) -> Text:
    line = Text()
    line.append(t.when(change.at, profile.tz) + " ", style=MUTED)
    line.append(clean(change.officer, one_line=True), style="bold")
    action_key = f"action.{change.action}"
    line.append(" " + (t(action_key) if t.has(action_key) else clean(change.action, one_line=True)))
    fields = change_fields(change, t, profile)
    if fields:
        line.append(f" ({fields})", style=MUTED)
    if change.reason:
        line.append(" – ")
        line.append(clean(change.reason, one_line=True)[:200], style="italic")
    line.append("\n")
    return line


def change_fields(change: Change, t: Strings, profile: Profile) -> str:
    before, after = change.before or {}, change.after or {}
    parts = []
    for key in sorted(set(before) | set(after)):
        old, new = _value(key, before.get(key), t, profile), _value(key, after.get(key), t, profile)
        parts.append(f"{key}: {old} → {new}" if key in before else f"{key}: {new}")
    return clean(", ".join(parts), one_line=True)


def _value(key: str, value: Any, t: Strings, profile: Profile) -> str:
    if value is None:
        return t("detail.none")
    if key in ("status", "intent") and isinstance(value, str):
        return t.label(value)
    if key == "priority" and isinstance(value, int):
        return t.priority(value)
    if key == "place" and isinstance(value, str):
        place = profile.place(value)
        return place.name if place else value
    if key == "themes" and isinstance(value, list):
        return "/".join(t.label(str(v)) for v in value) or t("detail.none")
    return str(value)


def explain_text(explain: dict[str, Any]) -> Text:
    """The classifier's explanation, whatever its shape, as plain text (it may quote the citizen)."""
    parts = []
    for key, value in explain.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        parts.append(f"{key}: {shown}")
    return Text(clean("; ".join(parts), one_line=True)[:600])
