"""One error hierarchy for the whole product.

Every error a user can cause or meet (a bad flag, a broken profile, a database
that is not migrated, a conflicting edit) is a ``TryggError``. Front ends show
``str(error)`` as one line and exit with ``exit_code``; nothing else is a
user-facing failure, so a traceback always means a bug.
"""

from __future__ import annotations


class TryggError(Exception):
    """Base class: the message is written for the person at the keyboard."""

    exit_code = 2


class ConfigError(TryggError):
    """An environment variable or command-line value is unusable."""


class ProfileError(TryggError):
    """The municipality profile file is missing, malformed or inconsistent."""


class DatabaseError(TryggError):
    """The database cannot be reached or is in the wrong state."""


class DatabaseNotMigrated(DatabaseError):
    """The schema is missing or older than this version of Trygg."""


class NotFound(TryggError):
    """A submission, reference or citizen does not exist (or is not yours)."""


class ActionRefused(TryggError):
    """A use case refuses an action for a reason the user should read.

    Example: replying to a citizen who chose not to be contacted.
    """


class ConflictError(TryggError):
    """Someone else changed the row since it was read (optimistic locking).

    ``changes`` holds the audit entries made since the reader's version, so a
    front end can say who changed what and when.
    """

    def __init__(self, message: str, changes: list[dict] | None = None) -> None:
        super().__init__(message)
        self.changes = changes or []
