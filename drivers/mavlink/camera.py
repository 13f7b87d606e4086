"""The MAVLink camera protocol v2: find the vehicle's cameras, read what they are and where their
video streams are, take a photo, start and stop recording.

A camera is a component of the vehicle's system that sends HEARTBEAT with MAV_TYPE_CAMERA (or
uses one of the camera component ids). When one is first heard, CAMERA_INFORMATION and every
VIDEO_STREAM_INFORMATION are asked for with MAV_CMD_REQUEST_MESSAGE; what comes back is kept in
the vehicle state (`state.cameras`), so every snapshot carries the stream URIs and thermal flags.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.commands import CommandError, CommandResult, Why
from drivers.mavlink.session import VehicleSession
from drivers.mavlink.state import Camera, VideoStream, enum_name

log = logging.getLogger(__name__)

CAMERA_COMPONENTS = range(mavlink.MAV_COMP_ID_CAMERA, mavlink.MAV_COMP_ID_CAMERA6 + 1)
ALL_STREAMS = 0


def _text(value) -> str:
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace").rstrip("\x00")
    if isinstance(value, list):  # uint8[] fields such as vendor_name come as numbers
        return bytes(v for v in value if v).decode("utf-8", "replace")
    return str(value).rstrip("\x00")


class CameraService:
    """The cameras of one vehicle."""

    def __init__(self, session: VehicleSession) -> None:
        self.session = session
        self._asking: set[asyncio.Task] = set()
        for msg_id, handler in (
                (mavlink.MAVLINK_MSG_ID_HEARTBEAT, self._heartbeat),
                (mavlink.MAVLINK_MSG_ID_CAMERA_INFORMATION, self._information),
                (mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION, self._stream),
                (mavlink.MAVLINK_MSG_ID_CAMERA_CAPTURE_STATUS, self._capture_status),
                (mavlink.MAVLINK_MSG_ID_CAMERA_IMAGE_CAPTURED, self._image_captured)):
            session.listen(msg_id, handler)

    @property
    def cameras(self) -> dict[int, Camera]:
        return self.session.state.cameras

    def _update(self, component: int, **changes) -> None:
        cameras = self.session.state.cameras
        cameras[component] = replace(cameras.get(component) or Camera(component), **changes)

    def _heartbeat(self, msg) -> None:
        component = msg._header.srcComponent
        is_camera = msg.type == mavlink.MAV_TYPE_CAMERA or (
            component in CAMERA_COMPONENTS and msg.autopilot == mavlink.MAV_AUTOPILOT_INVALID)
        if is_camera and component not in self.cameras:
            self._update(component)
            task = asyncio.get_running_loop().create_task(self.describe(component))
            self._asking.add(task)
            task.add_done_callback(self._asking.discard)

    async def describe(self, component: int) -> Camera:
        """Ask a camera for its information and streams; what it answers lands in the state."""
        if component not in self.cameras:
            self._update(component)
        try:
            await self._request(component, mavlink.MAVLINK_MSG_ID_CAMERA_INFORMATION)
            await self._request(component, mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION, ALL_STREAMS)
        except CommandError as e:
            # A camera without streams refuses the second request; what it has is still kept.
            log.info("vehicle %d camera %d: %s", self.session.state.system_id, component, e)
        return self.cameras[component]

    async def _request(self, component: int, msg_id: int, param2: float = 0) -> CommandResult:
        return await self.session.commands.long(mavlink.MAV_CMD_REQUEST_MESSAGE, (msg_id, param2),
                                                component=component)

    def _information(self, msg) -> None:
        flags = msg.flags
        self._update(
            msg._header.srcComponent, vendor=_text(msg.vendor_name), model=_text(msg.model_name),
            resolution=(msg.resolution_h, msg.resolution_v), focal_length_mm=msg.focal_length,
            sensor_size_mm=(msg.sensor_size_h, msg.sensor_size_v),
            can_capture_video=bool(flags & mavlink.CAMERA_CAP_FLAGS_CAPTURE_VIDEO),
            can_capture_image=bool(flags & mavlink.CAMERA_CAP_FLAGS_CAPTURE_IMAGE))

    def _stream(self, msg) -> None:
        component = msg._header.srcComponent
        stream = VideoStream(
            stream_id=msg.stream_id, name=_text(msg.name), uri=_text(msg.uri),
            type=enum_name("VIDEO_STREAM_TYPE", msg.type, "VIDEO_STREAM_TYPE_"),
            thermal=bool(msg.flags & mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL),
            resolution=(msg.resolution_h, msg.resolution_v), framerate=msg.framerate, hfov_deg=msg.hfov)
        known = self.cameras.get(component) or Camera(component)
        others = tuple(s for s in known.streams if s.stream_id != stream.stream_id)
        self._update(component, streams=tuple(sorted(others + (stream,), key=lambda s: s.stream_id)))

    def _capture_status(self, msg) -> None:
        self._update(msg._header.srcComponent, recording=msg.video_status == 1)

    def _image_captured(self, msg) -> None:
        if msg.capture_result != 1:
            return
        known = self.cameras.get(msg._header.srcComponent) or Camera(msg._header.srcComponent)
        self._update(msg._header.srcComponent, photos_taken=known.photos_taken + 1,
                     last_photo_url=_text(msg.file_url))

    # -- what a pilot does --------------------------------------------------------------------
    def _component(self, component: int | None) -> int:
        if component is not None:
            return component
        if not self.cameras:
            raise CommandError.by_station("CAMERA", "NO_CAMERA", Why.NO_CAMERA)
        return min(self.cameras)

    async def take_photo(self, component: int | None = None) -> CommandResult:
        # param3 = 1 image, param4 = 0: no sequence number to de-duplicate against
        return await self.session.commands.long(mavlink.MAV_CMD_IMAGE_START_CAPTURE, (0, 0, 1, 0),
                                                component=self._component(component))

    async def start_video(self, component: int | None = None, stream_id: int = ALL_STREAMS) -> CommandResult:
        target = self._component(component)
        result = await self.session.commands.long(mavlink.MAV_CMD_VIDEO_START_CAPTURE, (stream_id, 1),
                                                  component=target)
        self._update(target, recording=True)
        return result

    async def stop_video(self, component: int | None = None, stream_id: int = ALL_STREAMS) -> CommandResult:
        target = self._component(component)
        result = await self.session.commands.long(mavlink.MAV_CMD_VIDEO_STOP_CAPTURE, (stream_id,),
                                                  component=target)
        self._update(target, recording=False)
        return result
