"""Running the weekly kartläggning export from the console (``E``), with the export's own engine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from moderation.triage.dialogs import TextDialog
from storage.errors import TryggError
from storage.weeks import IsoWeek

if TYPE_CHECKING:
    from moderation.triage.panel import TriagePanel


def _week_problem(value: str, message: str) -> str | None:
    try:
        IsoWeek.parse(value)
    except ValueError:
        return message
    return None


async def run_export(panel: TriagePanel) -> None:
    """Ask for the week (default: the last complete one), export it, say where it went."""
    from moderation.export.run import export_weeks

    t, context = panel.strings, panel.context
    now = context.now()
    default = str(IsoWeek.last_complete(now, context.profile.tz))
    chosen = await panel.app.push_screen_wait(TextDialog(
        t, t("dlg.export.title"), hint=t("dlg.export.week"), initial=default,
        validate=lambda v: _week_problem(v, t("dlg.export.bad_week")), submit_key="dlg.ok"))
    if chosen is None:
        return
    week = IsoWeek.parse(chosen)
    out_dir = context.export_dir or Path(context.profile.export.directory)
    try:
        result = await export_weeks(context.db, context.profile, week, week, out_dir, now=now)
    except TryggError as exc:  # a week not over yet, a folder that cannot be written
        panel.run_export_message(str(exc), "warning")
        return
    panel.run_export_message(t("done.export", path=str(result.out_dir)))
