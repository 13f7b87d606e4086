"""Turn one outbox entry into the bytes a partner receives, in the partner's format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from groundstation.core.findings import Finding, FindingStore, OutboxEntry, utcnow
from groundstation.core.partners import Partner
from groundstation.share import cap, cot, emsi, geojson
from groundstation.share.context import EncodeContext, message_id

CONTENT_TYPES = {"cot": "application/xml", "cap": "application/cap+xml", "cap-edxl": "application/xml",
                 "emsi": "application/xml", "geojson": geojson.MEDIA_TYPE}


@dataclass(frozen=True)
class OutboundMessage:
    msg_id: str  # outbox key: <partner>:<wire id>
    wire_id: str  # id the partner sees and de-duplicates on: <station>-<finding>-r<rev>
    finding: Finding
    content_type: str
    payload: bytes


SnapshotUrl = Callable[[Finding], str | None]


def encode(finding: Finding, partner: Partner, ctx: EncodeContext) -> bytes:
    fmt = partner.format
    if fmt == "cot":
        return cot.encode_finding(finding, ctx)
    if fmt == "cap":
        return cap.encode_finding(finding, ctx)
    if fmt == "cap-edxl":
        return cap.encode_finding_edxl(finding, ctx)
    if fmt == "emsi":
        return emsi.encode_finding(finding, ctx)
    if fmt == "geojson":
        return geojson.encode_finding(finding, ctx)
    raise ValueError(f"partner {partner.name!r}: no encoder for format {fmt!r}")


def outbound(store: FindingStore, entry: OutboxEntry, partner: Partner,
             snapshot_url: SnapshotUrl | None = None) -> OutboundMessage:
    """The message for one outbox entry, built from the stored revision (so resends are identical
    in id and content, apart from CoT's own send time)."""
    finding = store.revision(entry.finding_id, entry.revision)
    previous = store.revision(entry.finding_id, entry.prev_revision) if entry.prev_revision else None
    jpeg = store.snapshot(finding.snapshot_sha256) if finding.snapshot_sha256 else None
    ctx = EncodeContext(station_id=store.station_id, language=partner.language, country=partner.country,
                        previous=previous, snapshot_jpeg=jpeg,
                        snapshot_url=snapshot_url(finding) if snapshot_url else None, now=utcnow())
    return OutboundMessage(entry.msg_id, message_id(store.station_id, finding), finding,
                           CONTENT_TYPES[partner.format], encode(finding, partner, ctx))
