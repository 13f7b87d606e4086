"""Cursor-on-Target events: findings as markers, vehicles as tracks (MITRE CoT 2.0 base event).

The uid is stable per finding, so each revision replaces the marker on TAK clients; dismissed and
resolved findings are re-sent with stale = now, which removes them from the map.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta

import cv2
import numpy as np
from lxml import etree

from groundstation.core.findings import Finding, FindingKind, FindingStatus
from groundstation.share.context import EncodeContext
from groundstation.share.texts import description, headline

UNKNOWN = "9999999.0"  # CoT's value for "not known"
THUMBNAIL_MAX_BYTES = 48_000  # TAK clients choke on large inline images; stream transports only
STALE_AFTER = {FindingKind.PERSON: timedelta(minutes=60), FindingKind.HOTSPOT: timedelta(minutes=15),
               FindingKind.OTHER: timedelta(minutes=30)}
GS_NS_TAG = "__gs_finding"  # our one custom detail element; TAK passes unknown details through


def cot_time(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def finding_uid(station_id: str, finding_id: str) -> str:
    return f"{station_id}.finding.{finding_id}"


def finding_type(f: Finding) -> str:
    """Spot marker while unconfirmed; a confirmed person becomes a CASEVAC request."""
    if f.kind == FindingKind.PERSON and f.status == FindingStatus.CONFIRMED:
        return "b-r-f-h-c"
    return "b-m-p-s-m"


# ARGB colours for the spot marker: yellow unconfirmed, red person/hotspot, grey withdrawn
_COLOURS = {FindingStatus.UNCONFIRMED: "-256", FindingStatus.CONFIRMED: "-65536",
            FindingStatus.DISMISSED: "-8355712", FindingStatus.RESOLVED: "-16711936"}


def thumbnail(jpeg: bytes, max_bytes: int = THUMBNAIL_MAX_BYTES) -> tuple[bytes, int, int] | None:
    """A JPEG small enough to inline in a CoT event (shrunk and recompressed as needed)."""
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        return None
    h, w = image.shape[:2]
    if len(jpeg) <= max_bytes:
        return jpeg, w, h
    scale = 1.0
    for _ in range(12):
        scale *= 0.7
        small = cv2.resize(image, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
        ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 70])
        if ok and buf.nbytes <= max_bytes:
            return buf.tobytes(), small.shape[1], small.shape[0]
    return None


def event_skeleton(uid: str, typ: str, how: str, time: datetime, start: datetime, stale: datetime,
           lat: float, lon: float, hae: float | None, ce: float | None) -> tuple[etree._Element, etree._Element]:
    event = etree.Element("event", version="2.0", uid=uid, type=typ, how=how, time=cot_time(time),
                          start=cot_time(start), stale=cot_time(stale))
    etree.SubElement(event, "point", lat=f"{lat:.7f}", lon=f"{lon:.7f}",
                     hae=UNKNOWN if hae is None else f"{hae:.1f}",
                     ce=UNKNOWN if ce is None else f"{ce:.1f}", le=UNKNOWN)
    return event, etree.SubElement(event, "detail")


def encode_finding(f: Finding, ctx: EncodeContext, inline_snapshot: bool = True) -> bytes:
    active = f.status in (FindingStatus.UNCONFIRMED, FindingStatus.CONFIRMED)
    start = max(f.observed_at, f.changed_at) if not active else f.observed_at
    stale = ctx.now + STALE_AFTER[f.kind] if active else ctx.now  # stale=now withdraws the marker
    how = "h-e" if f.source == "operator" else "m-i"  # hand-placed, or mensurated from imagery
    event, detail = event_skeleton(finding_uid(ctx.station_id, f.id), finding_type(f), how, ctx.now,
                           min(start, ctx.now), max(stale, ctx.now), f.lat, f.lon, f.alt_m, f.h_acc_m)
    etree.SubElement(detail, "contact", callsign=f"{headline(f, ctx.language)} {f.id[:8]}")
    etree.SubElement(detail, "color", argb=_COLOURS[f.status])
    remarks = etree.SubElement(detail, "remarks", source=ctx.station_id, time=cot_time(f.changed_at))
    remarks.text = description(f, ctx.language)
    etree.SubElement(detail, "link", uid=f"{f.origin_station}.vehicle.{f.source}", relation="p-p",
                     type="a-f-A-M-H-Q", parent_callsign=f.source)
    gs = etree.SubElement(detail, GS_NS_TAG, id=f.id, kind=f.kind, status=f.status, rev=str(f.revision),
                          confidence=f"{f.confidence:.2f}", origin=f.origin_station, lang=ctx.language,
                          observed=cot_time(f.observed_at))
    if f.temp_c is not None:
        gs.set("temp_c", f"{f.temp_c:.1f}")
    if f.alt_m is not None:
        etree.SubElement(detail, "precisionlocation", altsrc="GPS", geopointsrc="CALC")
    if ctx.snapshot_url:
        gs.set("image_url", ctx.snapshot_url)
    if inline_snapshot and active and ctx.snapshot_jpeg:
        small = thumbnail(ctx.snapshot_jpeg)
        if small is not None:
            data, w, h = small
            image = etree.SubElement(detail, "image", mime="image/jpeg", type="EO", size=str(len(data)),
                                     width=str(w), height=str(h))
            image.text = base64.b64encode(data).decode("ascii")
    return etree.tostring(event, xml_declaration=True, encoding="UTF-8")


@dataclass(frozen=True)
class VehicleTrack:
    """A live vehicle position for TAK's situational awareness (position, location, identity)."""

    uid: str
    callsign: str
    lat: float
    lon: float
    hae_m: float | None
    course_deg: float | None
    speed_mps: float | None
    time: datetime
    fixed_wing: bool = False


def encode_vehicle(v: VehicleTrack, now: datetime, stale_s: float = 30.0) -> bytes:
    """Same uid on every update; a short stale so a lost drone greys out instead of lying."""
    typ = "a-f-A-M-F-Q" if v.fixed_wing else "a-f-A-M-H-Q"
    event, detail = event_skeleton(v.uid, typ, "m-g", now, v.time, now + timedelta(seconds=stale_s),
                           v.lat, v.lon, v.hae_m, None)
    etree.SubElement(detail, "contact", callsign=v.callsign)
    if v.course_deg is not None or v.speed_mps is not None:
        etree.SubElement(detail, "track", course=f"{(v.course_deg or 0.0) % 360:.1f}",
                         speed=f"{v.speed_mps or 0.0:.1f}")
    return etree.tostring(event, xml_declaration=True, encoding="UTF-8")
