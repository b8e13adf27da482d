"""Modal dialogs of the triage console; each returns a typed result with ``dismiss``."""

from moderation.triage.dialogs.attachments import AttachmentChoice, AttachmentsDialog
from moderation.triage.dialogs.base import ChoiceDialog, ConflictDialog, Dialog, MessageDialog, TextDialog
from moderation.triage.dialogs.filters import FilterDialog
from moderation.triage.dialogs.help import HelpDialog
from moderation.triage.dialogs.reclassify import Reclassification, ReclassifyDialog
from moderation.triage.dialogs.redact import RedactDialog, RedactRequest

__all__ = [
    "AttachmentChoice", "AttachmentsDialog", "ChoiceDialog", "ConflictDialog", "Dialog", "FilterDialog",
    "HelpDialog", "MessageDialog", "Reclassification", "ReclassifyDialog", "RedactDialog", "RedactRequest",
    "TextDialog",
]
