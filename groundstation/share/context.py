"""What every encoder needs besides the finding revision itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from groundstation.core.findings import Finding, utcnow


@dataclass(frozen=True)
class EncodeContext:
    station_id: str
    language: str = "en"  # fr, de or en: the partner's language for human-readable text
    country: str = "GB"
    previous: Finding | None = None  # the revision this partner was sent before, if any
    snapshot_jpeg: bytes | None = None
    snapshot_url: str | None = None  # where a partner can fetch the full snapshot, if served
    now: datetime = field(default_factory=utcnow)

    @property
    def locale(self) -> str:
        return f"{self.language}-{self.country}"


def message_id(station_id: str, f: Finding) -> str:
    """Per-revision message id, stable across redeliveries: <station>-<finding id>-r<rev>."""
    return f"{station_id}-{f.id}-r{f.revision}"
