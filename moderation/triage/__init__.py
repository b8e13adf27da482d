"""The officers' triage console (Textual): ``TriagePanel`` is the console as a widget, ``TriageApp`` the app."""

from moderation.triage.app import TriageApp
from moderation.triage.context import TriageContext
from moderation.triage.panel import TriagePanel

__all__ = ["TriageApp", "TriageContext", "TriagePanel"]
