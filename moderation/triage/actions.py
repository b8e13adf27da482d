"""The one-key actions on a submission; each calls one storage use case, which audits it.

``SubmissionActions`` is mixed into ``TriagePanel``. An action asks what it
needs in a dialog (``push_screen_wait`` inside a worker), then ``perform``
runs the use case: success is said and the views reload; a conflict shows who
changed what and when, then reloads; a refusal shows the use case's message.
One action runs at a time.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import work

from moderation.triage.detail_view import history_line
from moderation.triage.dialogs import (
    AttachmentsDialog,
    ChoiceDialog,
    ConflictDialog,
    MessageDialog,
    Reclassification,
    ReclassifyDialog,
    RedactDialog,
    TextDialog,
)
from moderation.triage.resilience import first_line, retrying, transient_kind
from moderation.triage.safe import citizen_text, clean
from storage.detail import SubmissionDetail, visible_to_original
from storage.errors import ActionRefused, ConflictError, NotFound
from storage.queries import QueueRow
from storage.refs import parse_ref
from storage.usecases import officer as uc
from storage.usecases.attachment_access import attachment_file
from storage.vocabulary import STATUS_TRANSITIONS, Priority

if TYPE_CHECKING:
    from moderation.triage.panel import TriagePanel

R = TypeVar("R")
WRITE_ATTEMPTS = 4


@dataclass(frozen=True)
class Target:
    """The submission an action applies to, as the officer last saw it."""

    id: int
    ref: str
    version: int
    status: str
    priority: int
    assignee: str | None
    intent: str
    themes: tuple[str, ...]
    place: str | None

    @classmethod
    def of(cls, item: QueueRow | SubmissionDetail) -> Target:
        themes = item.theme_ids if isinstance(item, SubmissionDetail) else item.themes
        return cls(item.id, item.ref, item.version, item.status, item.priority, item.assignee, item.intent,
                   tuple(themes), item.place)


Action = Callable[["TriagePanel", Target], Coroutine[Any, Any, None]]


def submission_action(method: Action) -> Callable[[TriagePanel], Any]:
    """A one-key action on the selected submission: a worker, one at a time, given its target."""

    @functools.wraps(method)
    async def run(panel: TriagePanel) -> None:
        if (target := panel.begin_action()) is None:
            return
        try:
            await method(panel, target)
        finally:
            panel.busy = False

    return work(run, group="action")


class SubmissionActions:
    """Claim, assign, status, priority, reclassify, note, reply, merge, redact, block, original, identity,
    attachments. Mixed into ``TriagePanel`` (whose attributes these methods use)."""

    async def perform(
        self, target: Target, operation: Callable[[], Awaitable[R]], done: Callable[[R], str] | None = None
    ) -> R | None:
        """Run one use case: success says so and reloads; a conflict shows who changed what, then reloads."""
        try:
            result = await retrying(operation, self._db_waiting, attempts=WRITE_ATTEMPTS, write=True)
        except ConflictError as exc:
            await self._show_conflict(target, exc)
            return None
        except (ActionRefused, NotFound) as exc:
            self._say(str(exc), "warning", timeout=8)
            return None
        except SQLAlchemyError as exc:
            self._say(self.strings("db.write_failed") if transient_kind(exc) else
                      self.strings("error.unexpected", error=first_line(exc)), "error", timeout=10)
            self._after_change(target.id)
            return None
        self._db_ok()
        if done is not None:
            self._say(done(result))
            self._after_change(target.id)
        return result

    async def _show_conflict(self, target: Target, exc: ConflictError) -> None:
        changes = [history_line(uc.Change(**change), self.strings, self.context.profile) for change in exc.changes]
        for line in changes:
            line.rstrip()
        await self.app.push_screen_wait(ConflictDialog(self.strings, target.ref, changes))
        self._after_change(target.id)

    def _after_change(self, submission_id: int) -> None:
        if self.current_view == "detail" and self.detail is not None and self.detail.id == submission_id:
            self.load_detail(submission_id, keep_scroll=True)
        self.reload_queue()

    def begin_action(self: TriagePanel) -> Target | None:
        """The target of a one-key action, or None (nothing selected, or an action still running)."""
        if self.busy:
            return None
        target = self._target()
        if target is None:
            self._say(self.strings("refuse.no_selection"), "warning")
            return None
        self.busy = True
        return target

    async def _fresh_detail(self, target: Target) -> SubmissionDetail | None:
        detail = await self._read(lambda: self._fetch_detail(target.id))
        if detail is None:
            self._say(self.strings("detail.gone"), "warning")
        return detail

    @submission_action
    async def action_claim(self, target: Target) -> None:
        await self.perform(target, lambda: uc.claim(self.db, self.officer, target.id, expected_version=target.version),
                           lambda s: self.strings("done.claim", ref=s.ref))

    @submission_action
    async def action_assign(self, target: Target) -> None:
        t = self.strings
        name = await self.app.push_screen_wait(TextDialog(
            t, t("dlg.assign.title", ref=target.ref), hint=t("dlg.assign.prompt"), initial=target.assignee or "",
            required=False, validate=lambda v: None if len(v) <= 64 else "≤ 64"))
        if name is None:
            return
        assignee = name or None
        await self.perform(
            target, lambda: uc.assign(self.db, self.officer, target.id, assignee, expected_version=target.version),
            lambda s: t("done.assign", ref=s.ref, who=assignee) if assignee else t("done.release", ref=s.ref))

    @submission_action
    async def action_status(self, target: Target) -> None:
        t = self.strings
        allowed = [target.status, *sorted(STATUS_TRANSITIONS[target.status], key=list(STATUS_TRANSITIONS).index)]
        status = await self.app.push_screen_wait(ChoiceDialog(
            t, t("dlg.status.title", ref=target.ref), [(s, t.label(s)) for s in allowed], target.status))
        if status is None or status == target.status:
            return
        await self.perform(
            target, lambda: uc.change_status(self.db, self.officer, target.id, status, expected_version=target.version),
            lambda s: t("done.status", ref=s.ref, status=t.label(s.status)))

    @submission_action
    async def action_priority(self, target: Target) -> None:
        t = self.strings
        levels = [Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW]
        priority = await self.app.push_screen_wait(ChoiceDialog(
            t, t("dlg.priority.title", ref=target.ref), [(p, t.priority(p)) for p in levels], target.priority))
        if priority is None or priority == target.priority:
            return
        await self.perform(
            target, lambda: uc.set_priority(self.db, self.officer, target.id, priority, expected_version=target.version),
            lambda s: t("done.priority", ref=s.ref, priority=t.priority(s.priority)))

    @submission_action
    async def action_reclassify(self, target: Target) -> None:
        t = self.strings
        current = Reclassification(target.intent, target.themes, target.place)
        chosen = await self.app.push_screen_wait(ReclassifyDialog(t, self.context.profile, target.ref, current))
        if chosen is None or chosen == current:
            return
        await self.perform(target, lambda: uc.reclassify(
            self.db, self.officer, target.id, profile=self.context.profile,
            intent=chosen.intent, themes=chosen.themes, place=chosen.place, expected_version=target.version,
        ), lambda s: t("done.reclassify", ref=s.ref))

    @submission_action
    async def action_note(self, target: Target) -> None:
        t = self.strings
        text = await self.app.push_screen_wait(TextDialog(
            t, t("dlg.note.title", ref=target.ref), hint=t("dlg.note.hint"), multiline=True))
        if text is None:
            return
        await self.perform(target, lambda: uc.add_note(self.db, self.officer, target.id, text),
                           lambda _: t("done.note", ref=target.ref))

    @submission_action
    async def action_reply(self, target: Target) -> None:
        t = self.strings
        detail = await self._fresh_detail(target)
        if detail is None:
            return
        if (refusal := detail.reply_refusal) is not None:
            self._say(t(f"refuse.{refusal}"), "warning", timeout=8)
            return
        text = await self.app.push_screen_wait(TextDialog(
            t, t("dlg.reply.title", ref=target.ref), hint=t("dlg.reply.hint"), multiline=True,
            submit_key="dlg.send"))
        if text is None:
            return
        await self.perform(target, lambda: uc.reply(self.db, self.officer, target.id, text,
                                                     profile=self.context.profile),
                           lambda _: t("done.reply", ref=target.ref))

    @submission_action
    async def action_merge(self, target: Target) -> None:
        t = self.strings
        into = await self.app.push_screen_wait(TextDialog(
            t, t("dlg.merge.title", ref=target.ref), hint=t("dlg.merge.prompt"), placeholder="TAN-2611-0042",
            validate=lambda v: None if parse_ref(v) else t("dlg.merge.prompt")))
        if into is None:
            return
        ref = parse_ref(into) or into
        await self.perform(
            target, lambda: uc.merge(self.db, self.officer, target.id, ref, expected_version=target.version),
            lambda s: t("done.merge", ref=s.ref, target=ref))

    @submission_action
    async def action_redact(self, target: Target) -> None:
        t = self.strings
        detail = await self._fresh_detail(target)
        if detail is None:
            return
        request = await self.app.push_screen_wait(RedactDialog(t, detail.ref, detail.text))
        if request is None:
            return
        spans = [(r.start, r.end) for r in detail.redactions]
        start, end = visible_to_original(detail.text_length, spans, request.start, request.end)
        await self.perform(target, lambda: uc.redact(self.db, self.officer, detail.id, start, end,
                                                     reason=request.reason, expected_version=detail.version),
                           lambda s: t("done.redact", ref=s.ref))

    @submission_action
    async def action_block(self, target: Target) -> None:
        t = self.strings
        reason = await self.app.push_screen_wait(TextDialog(
            t, t("dlg.block.title", ref=target.ref), hint=t("dlg.block.prompt")))
        if reason is None:
            return
        await self.perform(target, lambda: uc.block_citizen(self.db, self.officer, target.id, reason),
                           lambda _: t("done.block", ref=target.ref))

    @submission_action
    async def action_original(self, target: Target) -> None:
        t = self.strings
        text = await self.perform(
            target, lambda: uc.original_text(self.db, self.officer, target.id, profile=self.context.profile))
        if text is not None:
            await self.app.push_screen_wait(MessageDialog(t, t("dlg.original.title", ref=target.ref),
                                                          citizen_text(text)))

    @submission_action
    async def action_identity(self, target: Target) -> None:
        t = self.strings
        who = await self.perform(target, lambda: uc.reveal_identity(self.db, self.officer, target.id))
        if who is not None:
            body = t("dlg.identity.body", pseudonym=clean(who.pseudonym, one_line=True),
                     username=clean(who.username, one_line=True) or t("detail.none"),
                     name=clean(who.display_name, one_line=True) or t("detail.none"))
            await self.app.push_screen_wait(MessageDialog(t, t("dlg.identity.title", ref=target.ref), Text(body)))

    @submission_action
    async def action_attachments(self, target: Target) -> None:
        t = self.strings
        detail = await self._fresh_detail(target)
        if detail is None:
            return
        if not detail.attachments:
            self._say(t("refuse.no_attachments"), "warning")
            return
        choice = await self.app.push_screen_wait(AttachmentsDialog(t, detail.ref, detail.attachments))
        if choice is None:
            return
        path = await self.perform(target, lambda: attachment_file(
            self.db, self.officer, choice.attachment_id, self.context.attachments_dir, purpose=choice.purpose))
        if path is None:
            return
        if choice.purpose == "save":
            copy = self.context.output_dir / f"{detail.ref}-{choice.attachment_id}{path.suffix}"
            try:
                await asyncio.to_thread(shutil.copyfile, path, copy)
            except OSError as exc:
                self._say(f"{copy}: {exc.strerror or exc}", "error", timeout=10)
                return
            self._say(t("done.attachment_saved", path=str(copy)))
        else:
            self._say(t("done.attachment_opened", path=path.name))
            self.app.open_url(path.as_uri())
