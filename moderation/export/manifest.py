"""``manifest.json``: what was exported, from which profile, by which Trygg, and a SHA-256 per file.

Deterministic like the files it lists: no generation time (the export
run's start and finish are in the database's ``export_runs`` row instead),
so two exports of the same data are byte-identical, manifest included.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from moderation.export.publication import Publication
from storage.profile import Profile

FORMAT = "trygg-kartlaggning-manifest/1"


@dataclass(frozen=True)
class WrittenFile:
    name: str
    rows: int | None  # data rows (CSV rows, sheet rows, features); None for the report


def trygg_version() -> str:
    try:
        return metadata.version("trygg")
    except metadata.PackageNotFoundError:
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_json(pub: Publication, profile: Profile, folder: Path, files: list[WrittenFile],
                  *, formats: list[str], include_text: bool) -> bytes:
    document = {
        "format": FORMAT,
        "trygg_version": trygg_version(),
        "export": pub.name,
        "weeks": [str(w) for w in pub.weeks],
        "period": {"first_day": pub.first_day.isoformat(), "last_day": pub.last_day.isoformat(),
                   "timezone": pub.timezone},
        "empty": pub.empty,
        "submissions": len(pub.submissions) if pub.submissions is not None else None,
        "options": {"formats": formats, "include_text": include_text},
        "profile": {
            "source": Path(profile.source).name if not profile.source.startswith("<") else profile.source,
            "municipality": profile.municipality,
            "ref_prefix": profile.ref_prefix,
            "timezone": profile.timezone,
            "small_cell_threshold": profile.export.small_cell_threshold,
            "places": len(profile.places),
            "promises": [p.id for p in profile.promises],
        },
        "files": [
            {"name": f.name, "bytes": (folder / f.name).stat().st_size, "rows": f.rows,
             "sha256": sha256_of(folder / f.name)}
            for f in files
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
