"""Which events and snapshots raise an alert the pilot must acknowledge (no Qt).

An alert stays raised until acknowledged, even when its cause has gone (a link that came back
after a loss still deserves a look). The same cause is not raised twice while its alert waits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum

from drivers.mavlink import events
from groundstation.ui.vehicle_text import LOW_BATTERY_PCT

# What PX4 and ArduPilot put in STATUSTEXT when a fence is crossed or a failsafe takes over.
_GEOFENCE_WORDS = ("geofence", "fence breach", "fence violation")
_FAILSAFE_WORDS = ("failsafe", "fail-safe")


class AlertKind(Enum):
    BATTERY_LOW = "battery_low"
    LINK_LOST = "link_lost"
    GEOFENCE = "geofence"
    FAILSAFE = "failsafe"
    NEW_FINDING = "new_finding"


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    subject: str            # vehicle system id or finding id: one alert per kind and subject
    detail: str = ""        # the vehicle's own words (STATUSTEXT), a battery level, a finding kind
    raised_at: float = field(default_factory=time.time, compare=False)

    @property
    def key(self) -> tuple[AlertKind, str]:
        return (self.kind, self.subject)


class AlertWatch:
    def __init__(self) -> None:
        self.waiting: dict[tuple[AlertKind, str], Alert] = {}  # raised, not yet acknowledged; oldest first
        self._low_battery: set[int] = set()
        self._known_findings: set[str] | None = None  # None until the first snapshot sets the baseline

    def on_event(self, event: events.Event) -> list[Alert]:
        match event:
            case events.LinkLost(system_id=sid, silent_s=silent):
                return self._raise(Alert(AlertKind.LINK_LOST, str(sid), f"{silent:.0f}"))
            case events.StatusText(system_id=sid, text=text):
                lowered = text.lower()
                if any(w in lowered for w in _GEOFENCE_WORDS):
                    return self._raise(Alert(AlertKind.GEOFENCE, str(sid), text))
                if any(w in lowered for w in _FAILSAFE_WORDS):
                    return self._raise(Alert(AlertKind.FAILSAFE, str(sid), text))
        return []

    def on_snapshot(self, snapshot) -> list[Alert]:
        raised: list[Alert] = []
        for sid, view in snapshot.vehicles.items():
            remaining = view.state.battery_remaining
            if 0 <= remaining < LOW_BATTERY_PCT:
                if sid not in self._low_battery:  # raised once per crossing, not on every tick
                    self._low_battery.add(sid)
                    raised += self._raise(Alert(AlertKind.BATTERY_LOW, str(sid), str(remaining)))
            elif remaining >= LOW_BATTERY_PCT:
                self._low_battery.discard(sid)  # a fresh battery: the next low one alerts again
        ids = {f.id for f in snapshot.findings}
        if self._known_findings is None:
            self._known_findings = ids  # findings from before the window opened are in their panel
        else:
            for finding in reversed(snapshot.findings):  # oldest first
                if finding.id not in self._known_findings:
                    self._known_findings.add(finding.id)
                    raised += self._raise(Alert(AlertKind.NEW_FINDING, finding.id, finding.kind.value))
        return raised

    def acknowledge(self, key: tuple[AlertKind, str]) -> None:
        self.waiting.pop(key, None)

    def _raise(self, alert: Alert) -> list[Alert]:
        if alert.key in self.waiting:
            return []
        self.waiting[alert.key] = alert
        return [alert]
