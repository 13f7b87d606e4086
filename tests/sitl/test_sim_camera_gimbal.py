"""The simulated vehicle's camera component (id 100) and gimbal manager, as a GCS sees them."""
from __future__ import annotations

import math
import time

import pytest
from pymavlink.dialects.v20 import common as mavlink

from sitl.vehicle import SimulatedFleet

CAM = mavlink.MAV_COMP_ID_CAMERA
REQUEST = mavlink.MAV_CMD_REQUEST_MESSAGE


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=1, gcs=gcs.address, base_port=0, speedup=10, seed=8, gps_fix_delay=0.5) as running:
        gcs.wait_for("HOME_POSITION", timeout=10)
        yield running


def test_camera_advertises_rgb_and_thermal_streams_and_counts_photos(fleet, gcs):
    v = fleet.vehicles[0]
    hb = gcs.wait_for("HEARTBEAT", lambda m: m.get_srcComponent() == CAM)
    assert hb.type == mavlink.MAV_TYPE_CAMERA
    mark = gcs.mark()
    # the autopilot has no camera information: it is the camera component's to answer
    assert gcs.command(v.port, REQUEST, mavlink.MAVLINK_MSG_ID_CAMERA_INFORMATION) == mavlink.MAV_RESULT_DENIED
    gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, REQUEST, 0,
                                                          mavlink.MAVLINK_MSG_ID_CAMERA_INFORMATION, 0, 0, 0, 0, 0, 0))
    info = gcs.wait_for("CAMERA_INFORMATION", since=mark)
    assert info.get_srcComponent() == CAM and info.flags & mavlink.CAMERA_CAP_FLAGS_HAS_VIDEO_STREAM
    gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, REQUEST, 0,
                                                          mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION, 0, 0, 0, 0, 0, 0))
    fleet.wait_until(lambda: len(gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)) >= 2, 5)
    streams = {m.stream_id: m for m in gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)}
    assert streams[1].uri == "udp://127.0.0.1:5600" and not streams[1].flags & mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL
    assert streams[2].uri == "udp://127.0.0.1:5601" and streams[2].flags & mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL
    # one photo, then three at 0.5 s
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, mavlink.MAV_CMD_IMAGE_START_CAPTURE, 0,
                                                          0, 0, 1, 0, 0, 0, 0))
    ack = gcs.wait_for("COMMAND_ACK", lambda m: m.command == mavlink.MAV_CMD_IMAGE_START_CAPTURE, since=mark)
    assert ack.result == 0 and ack.get_srcComponent() == CAM
    gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, mavlink.MAV_CMD_IMAGE_START_CAPTURE, 0,
                                                          0, 0.5, 3, 0, 0, 0, 0))
    fleet.wait_until(lambda: len(gcs.messages("CAMERA_IMAGE_CAPTURED", since=mark)) == 4, 10)
    photos = gcs.messages("CAMERA_IMAGE_CAPTURED", since=mark)
    assert [p.image_index for p in photos] == [0, 1, 2, 3] and all(p.capture_result == 1 for p in photos)
    assert abs(photos[0].lat - round(v.truth().lat * 1e7)) < 100
    assert v.truth().images_captured == 4
    # recording shows in the capture status
    gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, mavlink.MAV_CMD_VIDEO_START_CAPTURE, 0,
                                                          0, 0, 0, 0, 0, 0, 0))
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, REQUEST, 0,
                                                          mavlink.MAVLINK_MSG_ID_CAMERA_CAPTURE_STATUS, 0, 0, 0, 0, 0, 0))
    status = gcs.wait_for("CAMERA_CAPTURE_STATUS", since=mark)
    assert status.video_status == 1 and status.image_count == 4
    assert gcs.command(v.port, 31337, target=1) == mavlink.MAV_RESULT_UNSUPPORTED


def test_gimbal_slews_at_px4s_rate_to_pitch_yaw_and_to_a_region_of_interest(fleet, gcs):
    v = fleet.vehicles[0]
    mark = gcs.mark()
    assert gcs.command(v.port, REQUEST, mavlink.MAVLINK_MSG_ID_GIMBAL_MANAGER_INFORMATION) == 0
    info = gcs.wait_for("GIMBAL_MANAGER_INFORMATION", since=mark)
    assert info.pitch_min == pytest.approx(-math.pi / 2)
    start = fleet.sim_time
    assert gcs.command(v.port, mavlink.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW, -90, 30, NAN := math.nan, NAN, 0) == 0
    fleet.wait_until(lambda: v.truth().gimbal_pitch_deg < -89.9, 10)
    assert fleet.sim_time - start == pytest.approx(3.0, abs=0.3)          # MNT_RATE_PITCH 30 deg/s
    assert v.truth().gimbal_yaw_deg == pytest.approx(30.0, abs=0.1)
    status = gcs.wait_for("GIMBAL_DEVICE_ATTITUDE_STATUS", since=gcs.mark())
    assert status.get_srcComponent() == 1 and status.gimbal_device_id == 1
    # a point 50 m east on the ground: the gimbal looks east and down at atan(0/50) from the ground
    lat, lon = v.truth().lat, v.truth().lon + 50 / (111320 * math.cos(math.radians(v.truth().lat)))
    assert gcs.command_int(v.port, mavlink.MAV_CMD_DO_SET_ROI_LOCATION, mavlink.MAV_FRAME_GLOBAL, (0, 0, 0, 0),
                           round(lat * 1e7), round(lon * 1e7), v.truth().alt_amsl - 50) == 0
    fleet.wait_until(lambda: abs(v.truth().gimbal_pitch_deg + 45) < 0.5 and abs(v.truth().gimbal_yaw_deg - 90) < 0.5, 15)


def test_a_photo_asked_for_is_taken_even_when_a_capture_series_follows_at_once(fleet, gcs):
    """Two commands in one breath (one photo, then three at 0.5 s): the first photo is not lost."""
    v = fleet.vehicles[0]
    gcs.wait_for("HEARTBEAT", lambda m: m.get_srcComponent() == CAM)
    mark = gcs.mark()
    with fleet._lock:  # the simulator cannot step: both commands wait in its socket, read in one go
        for interval, count in ((0, 1), (0.5, 3)):
            gcs.send(v.port, mavlink.MAVLink_command_long_message(1, CAM, mavlink.MAV_CMD_IMAGE_START_CAPTURE, 0,
                                                                  0, interval, count, 0, 0, 0, 0))
        time.sleep(0.05)
    fleet.wait_until(lambda: len(gcs.messages("CAMERA_IMAGE_CAPTURED", since=mark)) >= 4, 10)
    start = fleet.sim_time
    fleet.wait_until(lambda: fleet.sim_time > start + 1.0, 5)  # a second more: nothing beyond the four
    assert [p.image_index for p in gcs.messages("CAMERA_IMAGE_CAPTURED", since=mark)] == [0, 1, 2, 3]
