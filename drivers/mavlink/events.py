"""What the MAVLink driver tells its owner: one small record per thing a pilot would notice."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VehicleAppeared:
    system_id: int
    autopilot: str
    vehicle_type: str
    link: str


@dataclass(frozen=True)
class ModeChanged:
    system_id: int
    mode: str
    previous: str


@dataclass(frozen=True)
class ArmedChanged:
    system_id: int
    armed: bool


@dataclass(frozen=True)
class LinkLost:
    system_id: int
    silent_s: float


@dataclass(frozen=True)
class LinkRecovered:
    system_id: int
    lost_s: float


@dataclass(frozen=True)
class StatusText:
    system_id: int
    severity: int  # MAV_SEVERITY: 0 emergency .. 7 debug
    text: str


@dataclass(frozen=True)
class LandedStateChanged:
    system_id: int
    landed_state: str


@dataclass(frozen=True)
class MissionItemReached:
    system_id: int
    seq: int


@dataclass(frozen=True)
class SigningRefused:
    """Frames from a vehicle refused for their signature (at most one event a second per vehicle)."""

    system_id: int
    reason: str       # "unsigned" | "wrong signature"
    refused: int      # refused frames from this vehicle so far


Event = (VehicleAppeared | ModeChanged | ArmedChanged | LinkLost | LinkRecovered | StatusText
         | LandedStateChanged | MissionItemReached | SigningRefused)
