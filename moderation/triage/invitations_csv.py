"""The grannsamverkan invitation list as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from moderation.export.cells import neutralise as _neutralise_text
from moderation.triage.i18n import Strings
from storage.profile import Profile
from storage.usecases.invitations import Invitee


def neutralise(value: object) -> str:
    """The cell as text, defused like every export cell (OWASP "CSV injection")."""
    return _neutralise_text("" if value is None else str(value))


def default_csv_name(day: dt.date) -> str:
    return f"grannsamverkan-inbjudan-{day.isoformat()}.csv"


def write_invitations(path: Path, rows: Sequence[Invitee], strings: Strings, profile: Profile) -> None:
    """UTF-8 with BOM and semicolons, as Swedish Excel opens it; written to a temp file, then moved."""
    t = strings
    header = [t("csv.ref"), t("csv.place"), t("csv.area"), t("csv.households"), t("csv.new_group"),
              t("csv.meeting"), t("csv.method"), t("csv.contact"), t("csv.signed_up")]
    partial = path.with_name(path.name + ".part")
    with partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for row in rows:
            place = profile.place(row.place)
            writer.writerow([neutralise(v) for v in (
                row.ref, place.name if place else row.place, row.area, row.households,
                t("yes") if row.wants_new_group else t("no"), t("yes") if row.wants_info_meeting else t("no"),
                row.contact_method, row.contact_value, row.signed_up_at.astimezone(profile.tz).date().isoformat(),
            )])
    partial.replace(path)
