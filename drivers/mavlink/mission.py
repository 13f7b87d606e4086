"""The MAVLink mission protocol for the three mission types: mission, geofence and rally points.

Upload: MISSION_COUNT, then the vehicle pulls each item with MISSION_REQUEST_INT (or the legacy
MISSION_REQUEST, answered the same way, as QGroundControl does) and closes with MISSION_ACK.
Download: MISSION_REQUEST_LIST, MISSION_COUNT, then we pull each item. When an answer does not
come, the last message is resent. The first resend comes after a few measured round trips, so a
datagram lost on a fast link costs tens of milliseconds, and each further wait doubles up to
ITEM_TIMEOUT_S; after as long a silence as RETRIES + 1 full timeouts the transfer is cancelled and
the pilot told why. ArduPilot keeps home as item 0 of a mission: it is added and removed here, so
the items the rest of the station sees are the same for every autopilot.
"""

from __future__ import annotations

import asyncio
import enum
import time
from dataclasses import replace
from typing import Callable, Literal

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.session import VehicleSession
from drivers.mavlink.state import enum_name
from missions.items import MissionItem

ITEM_TIMEOUT_S = 1.5        # the longest wait for an answer, and the wait before any round trip is measured
MIN_ITEM_TIMEOUT_S = 0.05   # below this a busy laptop's scheduling hiccups would read as losses
ROUND_TRIPS_PER_TIMEOUT = 4
RETRIES = 5
MISSION, FENCE, RALLY = (mavlink.MAV_MISSION_TYPE_MISSION, mavlink.MAV_MISSION_TYPE_FENCE,
                         mavlink.MAV_MISSION_TYPE_RALLY)
ITEMS = ("MISSION_ITEM_INT", "MISSION_ITEM")
MISSION_TYPES = {"mission": MISSION, "fence": FENCE, "rally": RALLY}
Progress = Callable[[int, int], None]  # items done, items in all


KIND_NAMES = {"mission": "mission", "fence": "geofence", "rally": "rally points"}  # as the English sentence says it
Direction = Literal["upload", "download", "clear"]


class Failure(enum.Enum):
    """How a transfer ended without the vehicle holding (or sending) the whole list."""

    REFUSED = "refused"                # the vehicle answered with a MAV_MISSION_RESULT instead of going on
    ABORTED = "aborted"                # the vehicle stopped a download part way with a MAV_MISSION_RESULT
    NO_ANSWER = "no answer"            # silence through every resend: we cancelled
    ACCEPTED_EARLY = "accepted early"  # an upload accepted before every item was asked for
    UNKNOWN_ITEM = "unknown item"      # the vehicle asked for an item the upload does not have


class MissionTransferError(Exception):
    """A transfer the vehicle refused or that the link did not carry. str() is the English sentence the CLI
    and logs print; the fields say the same for a window to word it in the pilot's language."""

    def __init__(self, kind: str, direction: Direction, failure: Failure, *, result: str = "",
                 item: int | None = None, count: int | None = None, tries: int = 0, waited_s: float = 0.0) -> None:
        self.kind = kind  # "mission", "fence" or "rally"
        self.direction = direction
        self.failure = failure
        self.result = result  # REFUSED, ABORTED: the vehicle's MAV_MISSION_RESULT name, e.g. "MAV_MISSION_NO_SPACE"
        # ACCEPTED_EARLY: items sent; UNKNOWN_ITEM: the item asked for;
        # NO_ANSWER: the item being sent or received, None while asking for the count or clearing.
        # `count`: items in the transfer, where known.
        self.item = item
        self.count = count
        self.tries = tries  # NO_ANSWER: sends of the unanswered message, over `waited_s`
        self.waited_s = waited_s
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        name = KIND_NAMES.get(self.kind, self.kind)
        answered = self.result.removeprefix("MAV_MISSION_").lower().replace("_", " ")
        if self.failure is Failure.NO_ANSWER:
            return (f"{name} transfer: no answer from the vehicle while {self._step()} "
                    f"({self.tries} tries in {self.waited_s:.1f} s); transfer cancelled")
        if self.failure is Failure.ACCEPTED_EARLY:
            return f"{name} upload: vehicle accepted after only {self.item} of {self.count} items"
        if self.failure is Failure.UNKNOWN_ITEM:
            return f"{name} upload: vehicle asked for item {self.item} of {self.count}"
        if self.direction == "clear":
            return f"clearing the {name} refused by the vehicle: {answered}"
        return f"{name} {self.direction} {self.failure.value} by the vehicle: {answered}"

    def _step(self) -> str:
        if self.direction == "clear":
            return "clearing"
        if self.direction == "upload":
            return f"sending item {self.item} of {self.count}"
        return "asking for the count" if self.item is None else f"receiving item {self.item} of {self.count}"


def _kind(mission_type: int) -> str:
    return next((kind for kind, number in MISSION_TYPES.items() if number == mission_type), str(mission_type))


def _result(result: int) -> str:
    """The MAV_MISSION_RESULT's name, or its number when this dialect does not know it."""
    return enum_name("MAV_MISSION_RESULT", result, "")


def to_message(item: MissionItem, target_system: int, target_component: int):
    return mavlink.MAVLink_mission_item_int_message(
        target_system, target_component, item.seq, item.frame, item.command, item.current,
        item.autocontinue, item.param1, item.param2, item.param3, item.param4, item.x, item.y,
        item.z, item.mission_type)


def from_message(msg) -> MissionItem:
    if msg.get_type() == "MISSION_ITEM":  # legacy float item: degrees, not degrees * 1e7
        x, y = round(msg.x * 1e7), round(msg.y * 1e7)
    else:
        x, y = msg.x, msg.y
    return MissionItem(msg.seq, msg.frame, msg.command, msg.current, msg.autocontinue, msg.param1,
                       msg.param2, msg.param3, msg.param4, x, y, msg.z, msg.mission_type)


class RoundTrip:
    """Smoothed round-trip time of the vehicle's answers, and the item timeout it gives."""

    def __init__(self) -> None:
        self.smoothed_s: float | None = None

    def add(self, seconds: float) -> None:
        # TCP's smoothing (RFC 6298): one slow answer moves the estimate an eighth of the way
        self.smoothed_s = seconds if self.smoothed_s is None else 0.875 * self.smoothed_s + 0.125 * seconds

    def timeout(self) -> float:
        if self.smoothed_s is None:
            return ITEM_TIMEOUT_S
        return min(ITEM_TIMEOUT_S, max(MIN_ITEM_TIMEOUT_S, ROUND_TRIPS_PER_TIMEOUT * self.smoothed_s))


def _is_refusal(msg) -> bool:
    return msg.get_type() == "MISSION_ACK" and msg.type != mavlink.MAV_MISSION_ACCEPTED


def _count_or_refusal(msg) -> bool:
    return msg.get_type() == "MISSION_COUNT" or _is_refusal(msg)


class MissionTransfer:
    """Mission, fence and rally transfer with one vehicle; one transfer at a time."""

    def __init__(self, session: VehicleSession) -> None:
        self.session = session
        self._lock = asyncio.Lock()
        self.round_trip = RoundTrip()   # kept across transfers: the link is the same

    @property
    def _keeps_home_first(self) -> bool:
        return self.session.state.autopilot_id == mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA

    def _listen(self, queue: asyncio.Queue, *names: str) -> list[Callable[[], None]]:
        return [self.session.listen(getattr(mavlink, f"MAVLINK_MSG_ID_{n}"), queue.put_nowait) for n in names]

    async def _answer(self, queue: asyncio.Queue, resend, mission_type: int, direction: Direction,
                      item: int | None = None, count: int | None = None,
                      wanted: Callable[[object], bool] = lambda msg: True):
        """The next wanted answer of this mission type to what was sent just before this call.
        Resends on silence, each wait twice the last, and gives up after RETRIES + 1 full timeouts
        of silence: a quick first resend, and the same patience as ever with a busy vehicle.
        Unwanted messages (late duplicates of an earlier answer) are skipped without a resend, so
        one late answer cannot start a stream of duplicates."""
        give_up_at = time.monotonic() + (RETRIES + 1) * ITEM_TIMEOUT_S
        wait = self.round_trip.timeout()
        tries = 1
        while True:
            sent_at = time.monotonic()
            try:
                # asyncio.timeout, not wait_for: on 3.11 wait_for swallows a cancel that lands as
                # a message arrives, and a pilot's "cancel" must never be lost that way
                async with asyncio.timeout(min(wait, max(0.0, give_up_at - sent_at))):
                    while True:
                        msg = await queue.get()
                        if getattr(msg, "mission_type", MISSION) == mission_type and wanted(msg):
                            if tries == 1:  # an answer after a resend could be to either send (Karn)
                                self.round_trip.add(time.monotonic() - sent_at)
                            return msg
            except TimeoutError:
                pass
            if time.monotonic() >= give_up_at:
                break
            resend()
            tries += 1
            wait = min(ITEM_TIMEOUT_S, 2 * wait)
        self._cancel(mission_type)
        raise MissionTransferError(_kind(mission_type), direction, Failure.NO_ANSWER, item=item, count=count,
                                   tries=tries, waited_s=(RETRIES + 1) * ITEM_TIMEOUT_S)

    def _cancel(self, mission_type: int) -> None:
        st = self.session.state
        self.session.send(mavlink.MAVLink_mission_ack_message(
            st.system_id, st.component_id, mavlink.MAV_MISSION_OPERATION_CANCELLED, mission_type))

    async def upload(self, items: list[MissionItem], mission_type: int = MISSION,
                     progress: Progress | None = None) -> None:
        st = self.session.state
        items = [replace(item, seq=i, mission_type=mission_type) for i, item in enumerate(items)]
        if self._keeps_home_first and mission_type == MISSION:
            home = st.home
            x, y, z = (round(home.lat * 1e7), round(home.lon * 1e7), home.alt_amsl) if home else (0, 0, 0.0)
            items = [MissionItem(0, mavlink.MAV_FRAME_GLOBAL, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1,
                                 0, 0, 0, 0, x, y, z, mission_type)] + [replace(i, seq=i.seq + 1) for i in items]
        async with self._lock:
            queue: asyncio.Queue = asyncio.Queue()
            unsubscribe = self._listen(queue, "MISSION_REQUEST_INT", "MISSION_REQUEST", "MISSION_ACK")
            try:
                await self._upload(items, mission_type, queue, progress)
            except asyncio.CancelledError:
                self._cancel(mission_type)  # the vehicle drops the partial transfer now, not at its timeout
                raise
            finally:
                for stop in unsubscribe:
                    stop()

    async def _upload(self, items, mission_type, queue, progress) -> None:
        st = self.session.state
        last = mavlink.MAVLink_mission_count_message(st.system_id, st.component_id, len(items), mission_type)
        self.session.send(last)
        sent: set[int] = set()
        while True:
            msg = await self._answer(queue, lambda: self.session.send(last), mission_type, "upload",
                                     len(sent), len(items))
            if msg.get_type() == "MISSION_ACK":
                if msg.type != mavlink.MAV_MISSION_ACCEPTED:
                    raise MissionTransferError(_kind(mission_type), "upload", Failure.REFUSED,
                                               result=_result(msg.type))
                if len(sent) < len(items):
                    raise MissionTransferError(_kind(mission_type), "upload", Failure.ACCEPTED_EARLY,
                                               item=len(sent), count=len(items))
                if progress:
                    progress(len(items), len(items))
                return
            if not 0 <= msg.seq < len(items):
                self._cancel(mission_type)
                raise MissionTransferError(_kind(mission_type), "upload", Failure.UNKNOWN_ITEM,
                                           item=msg.seq, count=len(items))
            last = to_message(items[msg.seq], st.system_id, st.component_id)
            self.session.send(last)
            sent.add(msg.seq)
            if progress:
                progress(len(sent), len(items))

    async def download(self, mission_type: int = MISSION, progress: Progress | None = None) -> list[MissionItem]:
        async with self._lock:
            queue: asyncio.Queue = asyncio.Queue()
            unsubscribe = self._listen(queue, "MISSION_COUNT", "MISSION_ITEM_INT", "MISSION_ITEM", "MISSION_ACK")
            try:
                items = await self._download(mission_type, queue, progress)
            except asyncio.CancelledError:
                self._cancel(mission_type)
                raise
            finally:
                for stop in unsubscribe:
                    stop()
        if self._keeps_home_first and mission_type == MISSION and items:
            items = [replace(item, seq=item.seq - 1) for item in items[1:]]
        return items

    async def _download(self, mission_type, queue, progress) -> list[MissionItem]:
        st = self.session.state
        request = mavlink.MAVLink_mission_request_list_message(st.system_id, st.component_id, mission_type)
        self.session.send(request)
        msg = await self._answer(queue, lambda: self.session.send(request), mission_type, "download",
                                 wanted=_count_or_refusal)
        if msg.get_type() != "MISSION_COUNT":
            raise MissionTransferError(_kind(mission_type), "download", Failure.REFUSED, result=_result(msg.type))
        count = msg.count
        items: list[MissionItem] = []
        while len(items) < count:
            seq = len(items)
            request = mavlink.MAVLink_mission_request_int_message(st.system_id, st.component_id, seq, mission_type)
            self.session.send(request)
            msg = await self._answer(queue, lambda: self.session.send(request), mission_type, "download", seq, count,
                                     lambda m: _is_refusal(m) or (m.get_type() in ITEMS and m.seq == seq))
            if _is_refusal(msg):
                raise MissionTransferError(_kind(mission_type), "download", Failure.ABORTED, result=_result(msg.type))
            items.append(from_message(msg))
            if progress:
                progress(len(items), count)
        self.session.send(mavlink.MAVLink_mission_ack_message(
            st.system_id, st.component_id, mavlink.MAV_MISSION_ACCEPTED, mission_type))
        if progress and count == 0:
            progress(0, 0)
        return items

    async def clear(self, mission_type: int = MISSION) -> None:
        st = self.session.state
        async with self._lock:
            queue: asyncio.Queue = asyncio.Queue()
            unsubscribe = self._listen(queue, "MISSION_ACK")
            try:
                request = mavlink.MAVLink_mission_clear_all_message(st.system_id, st.component_id, mission_type)
                self.session.send(request)
                msg = await self._answer(queue, lambda: self.session.send(request), mission_type, "clear")
                if msg.type != mavlink.MAV_MISSION_ACCEPTED:
                    raise MissionTransferError(_kind(mission_type), "clear", Failure.REFUSED, result=_result(msg.type))
            finally:
                for stop in unsubscribe:
                    stop()
