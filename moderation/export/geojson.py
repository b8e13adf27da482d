"""``places.geojson``: the protected count per place at the profile's coordinates, for a map.

RFC 7946 (WGS 84, longitude first). Places without coordinates (no place
recognised) have no feature. ``submissions`` is the last exported week's
count, ``by_week`` every exported week; suppressed counts are the same
markers as in the other files, so a map styles them as "few".
"""

from __future__ import annotations

import json

from moderation.export.publication import Publication


def places_geojson(pub: Publication) -> tuple[bytes, int]:
    last = pub.weeks[-1]
    features = []
    for place in pub.places:
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "id": place.id,
                "name": place.name,
                "week": str(last),
                "submissions": pub.protected[last].by_place.get(place.id, 0),
                "by_week": {str(w): pub.protected[w].by_place.get(place.id, 0) for w in pub.weeks},
            },
        })
    document = {"type": "FeatureCollection", "features": features}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), len(features)
