"""OASIS CAP 1.2 alerts for findings, optionally wrapped in an EDXL-DE 1.0 distribution.

Each revision is its own alert (identifier <station>-<id>-r<rev>); later revisions are Update or
Cancel and cite, in `references`, the revision this partner received before.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from lxml import etree

from groundstation.core.findings import Finding, FindingKind, FindingStatus
from groundstation.share.context import EncodeContext
from groundstation.share.header import message_header
from groundstation.share.texts import description, headline, t

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
EDXL_NS = "urn:oasis:names:tc:emergency:EDXL:DE:1.0"
KIND_CODE_NAME = "urn:groundstation:finding-kind"
INLINE_IMAGE_MAX = 48_000
EXPIRES_AFTER = {FindingKind.PERSON: timedelta(hours=6), FindingKind.HOTSPOT: timedelta(hours=1),
                 FindingKind.OTHER: timedelta(hours=2)}


def cap_time(t_: datetime) -> str:
    """CAP 1.2 time: seconds, explicit offset, and UTC written -00:00 (never Z)."""
    return t_.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + "-00:00"


def sender(station_id: str) -> str:
    return f"{station_id}@groundstation"  # CAP senders carry no spaces or commas


def certainty(f: Finding) -> str:
    if f.status == FindingStatus.CONFIRMED or f.confidence >= 0.9:
        return "Observed"
    if f.confidence >= 0.6:
        return "Likely"
    return "Possible" if f.confidence >= 0.3 else "Unlikely"


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{CAP_NS}}}{tag}")
    if text is not None:
        el.text = text
    return el


def _param(info: etree._Element, name: str, value: str) -> None:
    p = _sub(info, "parameter")
    _sub(p, "valueName", name)
    _sub(p, "value", value)


def alert_element(f: Finding, ctx: EncodeContext) -> etree._Element:
    lang = ctx.language
    head = message_header(f, ctx)
    alert = etree.Element(f"{{{CAP_NS}}}alert", nsmap={None: CAP_NS})
    _sub(alert, "identifier", head.identifier)
    _sub(alert, "sender", sender(head.sender))
    _sub(alert, "sent", cap_time(head.sent))
    _sub(alert, "status", head.status.capitalize())
    _sub(alert, "msgType", head.kind.capitalize())
    _sub(alert, "source", f.source)
    _sub(alert, "scope", "Restricted")
    _sub(alert, "restriction", "Partner command posts only")
    if head.replaces_id is not None and head.replaces_sent is not None:
        _sub(alert, "references", f"{sender(head.sender)},{head.replaces_id},{cap_time(head.replaces_sent)}")
    _sub(alert, "incidents", f.id)

    info = _sub(alert, "info")
    _sub(info, "language", ctx.locale)
    _sub(info, "category", {"person": "Rescue", "hotspot": "Fire"}.get(f.kind, "Other"))
    _sub(info, "event", t(f.kind, lang))
    if f.status == FindingStatus.RESOLVED:
        _sub(info, "responseType", "AllClear")
    withdrawn = f.status in (FindingStatus.RESOLVED, FindingStatus.DISMISSED)
    _sub(info, "urgency", "Past" if withdrawn else
         "Immediate" if f.status == FindingStatus.CONFIRMED else "Expected")
    _sub(info, "severity", {"person": "Severe", "hotspot": "Moderate"}.get(f.kind, "Unknown"))
    _sub(info, "certainty", certainty(f))
    code = _sub(info, "eventCode")
    _sub(code, "valueName", KIND_CODE_NAME)
    _sub(code, "value", f.kind)
    _sub(info, "onset", cap_time(f.observed_at))
    _sub(info, "expires", cap_time(f.changed_at + EXPIRES_AFTER[f.kind]))
    _sub(info, "senderName", ctx.station_id)
    _sub(info, "headline", headline(f, lang))
    _sub(info, "description", description(f, lang))
    if f.status == FindingStatus.CONFIRMED and f.kind in (FindingKind.PERSON, FindingKind.HOTSPOT):
        _sub(info, "instruction", t(f"instruction_{f.kind}", lang))
    _param(info, "confidence", f"{f.confidence:.2f}")
    if f.temp_c is not None:
        _param(info, "temperature_C", f"{f.temp_c:.1f}")
    _param(info, "platform", f.source)
    _param(info, "finding_status", f.status)
    _param(info, "finding_revision", str(f.revision))
    _param(info, "origin_station", f.origin_station)
    if ctx.snapshot_jpeg and not withdrawn:
        res = _sub(info, "resource")
        _sub(res, "resourceDesc", t("snapshot", lang))
        _sub(res, "mimeType", "image/jpeg")
        _sub(res, "size", str(len(ctx.snapshot_jpeg)))
        if ctx.snapshot_url:
            _sub(res, "uri", ctx.snapshot_url)
        if len(ctx.snapshot_jpeg) <= INLINE_IMAGE_MAX:
            _sub(res, "derefUri", base64.b64encode(ctx.snapshot_jpeg).decode("ascii"))
        _sub(res, "digest", hashlib.sha1(ctx.snapshot_jpeg).hexdigest())  # CAP 1.2 names SHA-1
    area = _sub(info, "area")
    _sub(area, "areaDesc", f"{t('area', lang)} {f.source}")
    # CAP circles are "lat,lon radius_km"; a zero radius would read as a point with no uncertainty
    _sub(area, "circle", f"{f.lat:.6f},{f.lon:.6f} {max(f.h_acc_m, 1.0) / 1000:.3f}")
    return alert


def encode_finding(f: Finding, ctx: EncodeContext) -> bytes:
    return etree.tostring(alert_element(f, ctx), xml_declaration=True, encoding="UTF-8")


def edxl_distribution(alerts: Sequence[tuple[Finding, etree._Element]], ctx: EncodeContext,
                      distribution_id: str, distribution_type: str, sent: datetime) -> bytes:
    """EDXL-DE 1.0 envelope around XML content objects (CAP alerts or EMSI messages)."""
    def sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
        el = etree.SubElement(parent, f"{{{EDXL_NS}}}{tag}")
        el.text = text
        return el
    root = etree.Element(f"{{{EDXL_NS}}}EDXLDistribution", nsmap={"edxlde": EDXL_NS})
    sub(root, "distributionID", distribution_id)
    sub(root, "senderID", sender(ctx.station_id))
    sub(root, "dateTimeSent", cap_time(sent))
    sub(root, "distributionStatus", "Actual")
    sub(root, "distributionType", distribution_type)
    sub(root, "combinedConfidentiality", "UNCLASSIFIED")
    sub(root, "language", ctx.locale)
    for f, content in alerts:
        obj = sub(root, "contentObject")
        sub(obj, "contentDescription", headline(f, ctx.language))
        sub(obj, "incidentID", f.id)
        sub(sub(obj, "xmlContent"), "embeddedXMLContent").append(content)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def encode_finding_edxl(f: Finding, ctx: EncodeContext) -> bytes:
    head = message_header(f, ctx)
    return edxl_distribution([(f, alert_element(f, ctx))], ctx, head.identifier,
                             {"alert": "Report"}.get(head.kind, head.kind.capitalize()), head.sent)
