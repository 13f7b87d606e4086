"""The findings feeds (GeoJSON, KML/KMZ, CAP 1.2) built with the partner encoders of share/.

Every feed carries each finding's current revision. Snapshot links point at this web view
(`/findings/<id>/snapshot.jpg`) and need the same token as the feed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

from lxml import etree

from groundstation.core.findings import Finding, FindingStatus, utcnow
from groundstation.share import cap, geojson, kml
from groundstation.share.context import EncodeContext
from groundstation.web.live import snapshot_path

Snapshot = Callable[[str], bytes | None]  # sha256 -> JPEG (FindingStore.snapshot)
COUNTRY = {"en": "GB", "fr": "FR", "de": "DE"}  # the CAP <language> tag: fr-FR, de-DE, en-GB


def encode_context(station_id: str, lang: str, f: Finding | None = None, base_url: str = "",
             snapshot: Snapshot | None = None, now: datetime | None = None) -> EncodeContext:
    path = snapshot_path(f) if f is not None else None
    jpeg = snapshot(f.snapshot_sha256) if f is not None and f.snapshot_sha256 and snapshot else None
    return EncodeContext(station_id, lang, COUNTRY[lang], None, jpeg,
                         base_url + path if path else None, now or utcnow())


def findings_geojson(findings: Sequence[Finding], station_id: str, lang: str, base_url: str) -> dict:
    return geojson.feature_collection(
        geojson.feature(f, encode_context(station_id, lang, f, base_url)) for f in findings)


def geojson_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def findings_kml(findings: Sequence[Finding], station_id: str, lang: str, base_url: str) -> bytes:
    def image(f: Finding) -> str | None:
        path = snapshot_path(f)
        return base_url + path if path else None
    doc = kml.document(findings, lang, f"Findings {station_id}", image)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def findings_kmz(findings: Sequence[Finding], station_id: str, lang: str, snapshot: Snapshot) -> bytes:
    """KMZ with the snapshots inside: Google Earth shows them without a token."""
    return kml.encode_kmz(findings, snapshot, lang, f"Findings {station_id}")


def cap_feed_findings(findings: Sequence[Finding]) -> list[Finding]:
    """A dismissed finding was a false alarm: a CAP reader that polls this feed never needs it."""
    return [f for f in findings if f.status != FindingStatus.DISMISSED]


def findings_cap(findings: Sequence[Finding], station_id: str, lang: str, base_url: str,
                 snapshot: Snapshot) -> bytes:
    """One EDXL-DE 1.0 distribution holding one CAP 1.2 alert per finding (as `export --format cap`)."""
    now = utcnow()
    alerts = [(f, cap.alert_element(f, encode_context(station_id, lang, f, base_url, snapshot, now)))
              for f in cap_feed_findings(findings)]
    return cap.edxl_distribution(alerts, encode_context(station_id, lang, now=now),
                                 f"{station_id}-findings-{now:%Y%m%dT%H%M%S%f}", "Report", now)


def finding_cap(f: Finding, station_id: str, lang: str, base_url: str, snapshot: Snapshot) -> bytes:
    """One finding's current revision as a bare CAP 1.2 alert."""
    return cap.encode_finding(f, encode_context(station_id, lang, f, base_url, snapshot))
