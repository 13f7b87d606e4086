"""The header every partner message opens with, whatever its format (CAP, EMSI, EDXL-DE).

Which message this is, who sends it and when, whether it is a new alert, an update or a
withdrawal, and which message it replaces. Each encoder only spells these in its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from groundstation.core.findings import Finding, FindingStatus
from groundstation.share.context import EncodeContext, message_id


@dataclass(frozen=True)
class MessageHeader:
    identifier: str              # this revision's message id, stable across redeliveries
    sender: str                  # the sending station's id
    sent: datetime               # when this revision was made
    kind: str                    # "alert" (first to this partner), "update" or "cancel" (dismissed)
    status: str = "actual"       # real incident traffic, as opposed to an exercise or a test
    replaces_id: str | None = None        # the revision this partner received before, if any
    replaces_sent: datetime | None = None


def message_header(f: Finding, ctx: EncodeContext) -> MessageHeader:
    previous = ctx.previous
    if previous is None:
        return MessageHeader(message_id(ctx.station_id, f), ctx.station_id, f.changed_at, "alert")
    kind = "cancel" if f.status == FindingStatus.DISMISSED else "update"
    return MessageHeader(message_id(ctx.station_id, f), ctx.station_id, f.changed_at, kind,
                         replaces_id=message_id(ctx.station_id, previous), replaces_sent=previous.changed_at)
