"""Cameras found by themselves with their streams (URI, thermal flag), photo and video commands,
and the gimbal manager: pitch/yaw, region of interest on a map point, and its attitude."""

from __future__ import annotations

import math

import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink
from pymavlink.quaternion import Quaternion

from drivers.mavlink.camera import CameraService
from drivers.mavlink.commands import CommandError
from drivers.mavlink.gimbal import GimbalService
from waiting import until


def camera_answers(peer) -> None:
    m = mavlink

    def information(msg) -> None:
        if msg.param1 == m.MAVLINK_MSG_ID_CAMERA_INFORMATION:
            peer.send(m.MAVLink_camera_information_message(
                0, list(b"Workswell".ljust(32, b"\0")), list(b"WIRIS Pro".ljust(32, b"\0")), 0, 13.0, 10.9, 8.7,
                640, 512, 0, m.CAMERA_CAP_FLAGS_CAPTURE_IMAGE | m.CAMERA_CAP_FLAGS_CAPTURE_VIDEO
                | m.CAMERA_CAP_FLAGS_HAS_VIDEO_STREAM, 0, b""), 100)
        elif msg.param1 == m.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION:
            for stream_id, name, uri, flags in ((1, "RGB", "rtsp://10.0.0.5:8554/rgb", 0),
                                                (2, "IR", "rtsp://10.0.0.5:8554/ir",
                                                 m.VIDEO_STREAM_STATUS_FLAGS_THERMAL)):
                peer.send(m.MAVLink_video_stream_information_message(
                    stream_id, 2, m.VIDEO_STREAM_TYPE_RTSP, flags, 30.0, 640, 512, 4000, 0, 50,
                    name.encode(), uri.encode()), 100)

    def photo(_msg) -> None:
        peer.send(m.MAVLink_camera_image_captured_message(
            0, 0, 0, 494700000, 63700000, 230000, 30000, [1, 0, 0, 0], 0, 1, b"file:///DCIM/0001.jpg"), 100)

    peer.answers[m.MAV_CMD_REQUEST_MESSAGE] = information
    peer.answers[m.MAV_CMD_IMAGE_START_CAPTURE] = photo


async def test_camera_is_found_with_its_thermal_stream_and_takes_photos(station, scripted_autopilot, vehicle_session):
    peer = scripted_autopilot(station.links[0].local_port, camera=True)
    camera_answers(peer)
    session = await vehicle_session(station)
    cam = await until(lambda: (c := session.state.cameras.get(100)) and len(c.streams) == 2 and c)
    assert (cam.vendor, cam.model, cam.resolution) == ("Workswell", "WIRIS Pro", (640, 512))
    assert cam.can_capture_image and cam.can_capture_video
    assert [(s.name, s.uri, s.thermal, s.type) for s in cam.streams] == [
        ("RGB", "rtsp://10.0.0.5:8554/rgb", False, "RTSP"), ("IR", "rtsp://10.0.0.5:8554/ir", True, "RTSP")]
    service = session.plugin(CameraService)
    await service.take_photo()
    await until(lambda: session.state.cameras[100].photos_taken == 1)
    assert session.state.cameras[100].last_photo_url == "file:///DCIM/0001.jpg"
    await service.start_video()
    assert session.state.cameras[100].recording
    await service.stop_video()
    assert not session.state.cameras[100].recording
    sent = [(component, command) for component, command, _ in peer.commands]
    assert (100, mavlink.MAV_CMD_IMAGE_START_CAPTURE) in sent
    assert (100, mavlink.MAV_CMD_VIDEO_START_CAPTURE) in sent and (100, mavlink.MAV_CMD_VIDEO_STOP_CAPTURE) in sent


async def test_no_camera_is_a_clear_refusal(station, scripted_autopilot, vehicle_session):
    scripted_autopilot(station.links[0].local_port)
    session = await vehicle_session(station)
    with pytest.raises(CommandError, match="has not shown a camera"):
        await session.plugin(CameraService).take_photo()


async def test_gimbal_pitch_yaw_roi_and_attitude(station, scripted_autopilot, vehicle_session):
    peer = scripted_autopilot(station.links[0].local_port)
    session = await vehicle_session(station)
    gimbal = session.plugin(GimbalService)
    await gimbal.point(-45.0, 30.0)
    await gimbal.look_at(49.4712, 6.3723, 0.0)
    await gimbal.clear_roi()
    commands = [(command, params) for _component, command, params in peer.commands]
    configure, pitchyaw, roi, none = commands[-4:]
    assert configure[0] == mavlink.MAV_CMD_DO_GIMBAL_MANAGER_CONFIGURE and configure[1][:2] == (255, 190)
    assert pitchyaw[0] == mavlink.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW
    assert pitchyaw[1][:2] == (-45.0, 30.0)
    assert int(pitchyaw[1][4]) == mavlink.GIMBAL_MANAGER_FLAGS_YAW_IN_VEHICLE_FRAME
    assert roi[0] == mavlink.MAV_CMD_DO_SET_ROI_LOCATION and roi[1][4:6] == (494712000, 63723000)
    assert none[0] == mavlink.MAV_CMD_DO_SET_ROI_NONE
    with pytest.raises(CommandError, match="pitch -120° out of"):
        await gimbal.point(-120.0, 0.0)
    q = Quaternion([0.0, math.radians(-30.0), math.radians(10.0)])
    peer.send(mavlink.MAVLink_gimbal_device_attitude_status_message(
        255, 190, 0, 0, [float(v) for v in q.q], 0, 0, 0, 0), 1)
    await until(lambda: not math.isnan(session.state.gimbal_pitch_deg))
    assert session.state.gimbal_pitch_deg == pytest.approx(-30.0, abs=0.01)
    assert session.state.gimbal_yaw_deg == pytest.approx(10.0, abs=0.01)
