"""What the plan view asks of a vehicle through the engine and what comes back: one record per transfer or
mission command, why one failed as the pilot reads it, a way to chain the engine's futures, the mission start
(arm, then start), an imported geofence and rally points going up one transfer after the other, and one
progress bar over all the transfers of an Upload."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.mavlink.mission import MissionTransferError, Progress
from groundstation.core.engine import Engine
from groundstation.ui.failure_text import said, transfer_text
from groundstation.ui.vehicle_text import fill
from missions.items import MissionItem


@dataclass(frozen=True)
class TransferOutcome:
    """What came back from the engine for one transfer or mission command."""

    action: str  # "upload", "upload part", "upload fence", "upload rally", "download", "start", "start part",
    # "pause", "resume"
    system_id: int
    result: object
    error: str  # empty on success, else what failed and why (see `failure`)
    part: int = 0  # for "upload part" and "start part": the part of a split plan (1-based)


@dataclass
class FenceAndRallyUpload:
    """An imported geofence and rally points on their way up, after the mission when one went up first."""

    waiting: list[tuple[int, str, list[MissionItem]]]  # (vehicle, "fence" or "rally", items), in sending order
    with_mission: bool
    sent: list[tuple[int, str]] = field(default_factory=list)  # (vehicle, kind) the vehicle took

    def vehicles(self) -> list[int]:
        return list(dict.fromkeys(sid for sid, _ in self.sent))

    def kinds(self) -> list[str]:
        """What each vehicle now holds: "mission" first when it went up with them, then "fence", "rally"."""
        return (["mission"] if self.with_mission else []) + list(dict.fromkeys(kind for _, kind in self.sent))


def failure(name: str, failed: str) -> Callable[[Exception], str]:
    """Why the transfer or command `name` failed, said once: a transfer error names the transfer and how it
    ended itself, in the window's language ("geofence upload refused by the vehicle: no space"); any other
    error (a command the vehicle refused, no such vehicle, the engine stopping) is told after the action's
    name, as `failed` ("%1 FAILED: %2") words it, in the window's language where it can be (`said`). Runs on
    the engine thread: `name` and `failed` are translated before the request is sent."""
    def why(error: Exception) -> str:
        if isinstance(error, MissionTransferError):
            return transfer_text(error)
        return fill(failed, name, said(error))
    return why


@dataclass
class UploadBar:
    """One progress bar over every transfer of an Upload: the mission or each part of a split plan, then the
    geofence and rally points of each vehicle."""

    total: int  # items in all the transfers of the upload
    queued: int = 0  # items of the transfers sent so far

    def next_transfer(self, items: int, show: Progress) -> Progress:
        """The progress of the next transfer, of `items` items, as `show(done, total)` over the whole upload."""
        before = self.queued
        self.queued += items
        self.total = max(self.total, self.queued)  # a fence imported while the mission went up goes up too
        total = self.total
        # min: ArduPilot's mission counts home as one more item than the plan holds
        return lambda done, _items: show(before + min(done, items), total)


def chain(source: concurrent.futures.Future, target: concurrent.futures.Future,
          then: Callable[[object], object] = lambda result: result) -> concurrent.futures.Future:
    """Complete `target` with `then(source's result)`, or with its error; returns `target`."""
    def done(f: concurrent.futures.Future) -> None:
        try:
            target.set_result(then(f.result()))
        except Exception as e:  # noqa: BLE001 - passed on to whoever waits on target
            target.set_exception(e)
    source.add_done_callback(done)
    return target


def start_request(engine: Engine, sid: int, armed: bool) -> Callable[[], concurrent.futures.Future]:
    """The request that starts the vehicle's uploaded mission, arming it first unless it is `armed` already."""
    if armed:
        return lambda: engine.start_mission(sid)

    def arm_then_start() -> concurrent.futures.Future:
        started: concurrent.futures.Future = concurrent.futures.Future()

        def done_arming(future: concurrent.futures.Future) -> None:
            try:
                future.result()
                chain(engine.start_mission(sid), started)
            except Exception as e:  # noqa: BLE001 - the pilot reads why
                started.set_exception(e)

        engine.arm(sid).add_done_callback(done_arming)
        return started

    return arm_then_start
