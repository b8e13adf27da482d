"""What the console needs from its composition root, in one object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storage.clock import utcnow
from storage.db import Database
from storage.profile import Profile


@dataclass
class TriageContext:
    """The database, the municipality profile and who sits at the keyboard.

    ``clock`` is injectable so snapshot tests can freeze ages ("3 h"); the
    ``poll_interval`` (seconds, None to switch off) is how often the queue
    looks for new submissions.
    """

    db: Database
    profile: Profile
    officer: str
    attachments_dir: Path
    lang: str = "sv"
    clock: Callable[[], dt.datetime] = utcnow
    poll_interval: float | None = 1.5
    export_dir: Path | None = None  # None: the profile's export.directory
    save_dir: Path | None = None  # where CSV lists and saved photos go; None: the current directory

    def now(self) -> dt.datetime:
        return self.clock()

    @property
    def output_dir(self) -> Path:
        return self.save_dir or Path.cwd()
