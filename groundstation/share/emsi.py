"""EMSI (ISO/TR 22351) messages in the French Hub Santé / NexSIS profile (urn:emergency:eda:1.9:emsi).

EMSI codes are language-neutral; only FREETEXT carries the partner's language.
"""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import etree

from groundstation.core.findings import Finding, FindingKind, FindingStatus
from groundstation.share.context import EncodeContext
from groundstation.share.header import message_header
from groundstation.share.texts import description, headline

EMSI_NS = "urn:emergency:eda:1.9:emsi"


def emsi_time(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{EMSI_NS}}}{tag}")
    if text is not None:
        el.text = text
    return el


def _position(parent: etree._Element, f: Finding, name: str) -> None:
    pos = _sub(parent, "POSITION")
    _sub(pos, "LOC_ID", f"{f.id}-pos")
    _sub(pos, "NAME", name)
    _sub(pos, "TYPE", "POINT")
    _sub(pos, "COORDSYS", "EPSG-4326")
    coord = _sub(pos, "COORD")
    _sub(coord, "LAT", f"{f.lat:.7f}")
    _sub(coord, "LONG", f"{f.lon:.7f}")
    if f.alt_m is not None:
        _sub(coord, "HEIGHT", f"{f.alt_m:.1f}")


def emsi_element(f: Finding, ctx: EncodeContext) -> etree._Element:
    lang = ctx.language
    head = message_header(f, ctx)
    root = etree.Element(f"{{{EMSI_NS}}}emsi", nsmap={None: EMSI_NS})
    c = _sub(root, "CONTEXT")
    _sub(c, "ID", head.identifier)
    _sub(c, "MODE", head.status.upper())
    _sub(c, "MSGTYPE", head.kind.upper())
    _sub(c, "CREATION", emsi_time(head.sent))
    if head.replaces_id is not None:
        link = _sub(c, "LINK")
        _sub(link, "ID", head.replaces_id)
        _sub(link, "LINK_ROLE", "SPRSDS")  # this message supersedes the previous revision
    _sub(c, "LEVEL", "TACTCL")
    _sub(c, "SECLASS", "RESTRC")
    _sub(c, "FREETEXT", headline(f, lang))
    origin = _sub(c, "ORIGIN")
    _sub(origin, "ORG_ID", head.sender)
    _sub(origin, "NAME", head.sender)
    if ctx.snapshot_url:
        ext = _sub(c, "EXTERNAL_INFO")
        _sub(ext, "FREETEXT", headline(f, lang))
        _sub(ext, "URI", ctx.snapshot_url)
        _sub(ext, "TYPE", "PHOTO")
    _sub(c, "URGENCY", "URGENT" if f.kind == FindingKind.PERSON and f.status == FindingStatus.CONFIRMED
         else "NOT_URGENT")

    e = _sub(root, "EVENT")
    _sub(e, "ID", f.id)
    _sub(e, "NAME", headline(f, lang))
    et = _sub(e, "ETYPE")
    _sub(et, "CATEGORY", {"person": "ASR", "hotspot": "FIR/UKN"}.get(f.kind, "ASR"))
    _sub(et, "ACTOR", {"person": "PPL", "hotspot": "BEV"}.get(f.kind, "PPL/OTH"))
    _sub(et, "LOCTYPE", "OTH")
    _sub(e, "SOURCE", "SENSOR" if f.status == FindingStatus.UNCONFIRMED else "HUMOBS")
    _sub(e, "CERTAINTY", str(round(f.confidence * 100)))
    _sub(e, "DECL_DATIME", emsi_time(f.changed_at))
    _sub(e, "OBS_DATIME", emsi_time(f.observed_at))
    _sub(e, "STATUS", "COM" if f.status in (FindingStatus.RESOLVED, FindingStatus.DISMISSED) else "IPR")
    g = _sub(e, "EGEO")
    _sub(g, "DATIME", emsi_time(f.observed_at))
    _sub(g, "TYPE", {"person": "GEN/SARPNT", "hotspot": "FLAME"}.get(f.kind, "GEN/LOCAT"))
    extra = f"±{f.h_acc_m:.0f} m" + (f"; T max {f.temp_c:.0f} °C" if f.temp_c is not None else "")
    _sub(g, "FREETEXT", extra)
    _position(g, f, f"{headline(f, lang)} ±{f.h_acc_m:.0f} m")
    _sub(e, "FREETEXT", description(f, lang))

    r = _sub(root, "RESOURCE")
    rt = _sub(r, "RTYPE")
    _sub(rt, "RCLASS", "MAT/VEH/AIRCRF/UAV" if f.source != "operator" else "HUM/UNIT")
    _sub(r, "ID", f"{f.origin_station}.{f.source}")
    _sub(r, "ORG_ID", f.origin_station)
    _sub(r, "NAME", f.source)
    _sub(r, "STATUS", "IN_USE/ON_SCENE")
    return root


def encode_finding(f: Finding, ctx: EncodeContext) -> bytes:
    return etree.tostring(emsi_element(f, ctx), xml_declaration=True, encoding="UTF-8")
