"""The simulated drones' cameras serve their video over RTSP as real ones do: the camera component
advertises the rtsp:// addresses (VIDEO_STREAM_INFORMATION, type RTSP, with the codec), the station
finds them by itself, and a feed opened there shows the scenario as the drone sees it, while the
radiometric frames go on at their rate."""
from __future__ import annotations

import time

import numpy as np
import pytest
from pymavlink.dialects.v20 import common as mavlink

from drivers.video.feed import BGR8, VideoFeed
from drivers.video.radiometric_link import RadiometricReceiver
from drivers.video.sources import VideoSource
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from sitl.camera.live import COLOUR_640x360, LiveCamera, WHITE_HOT
from sitl.camera.render import THERMAL_640, CameraPose, SceneRenderer
from sitl.camera.rtsp import RtspServer
from sitl.camera.scenario import SCENARIOS, load_scenario
from sitl.vehicle import SimulatedFleet
from sitl.vehicle.camera import VideoStream
from waiting import wait_until

CAM = mavlink.MAV_COMP_ID_CAMERA
SCENARIO = load_scenario(SCENARIOS / "schengen.json")
FIRE = max(SCENARIO.fires, key=lambda f: f.temp_c)
SPEEDUP = 10.0
FLY_ALT_M = 30.0


def test_rtsp_streams_are_advertised_as_rtsp_with_their_codec_and_bad_ones_are_refused(gcs):
    with SimulatedFleet(count=1, gcs=gcs.address, base_port=0, speedup=10, seed=3) as fleet:
        v = fleet.vehicles[0]
        gcs.wait_for("HEARTBEAT", lambda m: m.get_srcComponent() == CAM)
        served = (VideoStream(1, "RGB", "rtsp://127.0.0.1:8554/vehicle1/colour", False, 640, 360, 82, "h265", 4.0),
                  VideoStream(2, "Thermal", "rtsp://127.0.0.1:8554/vehicle1/thermal", True, 640, 512, 32, "h264", 2.0))
        mark = gcs.mark()
        fleet.advertise_video(1, served)
        # told at once, without being asked: a station that asked before learns where the video went
        fleet.wait_until(lambda: len(gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)) >= 2, 5)
        told = {m.stream_id: m for m in gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)}
        assert gcs.messages("HEARTBEAT", since=mark)[0].get_srcComponent() == CAM  # the camera shows itself first
        mark = gcs.mark()
        gcs.send(v.port, mavlink.MAVLink_command_long_message(
            1, CAM, mavlink.MAV_CMD_REQUEST_MESSAGE, 0, mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION, 0, 0, 0, 0, 0, 0))
        fleet.wait_until(lambda: len(gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)) >= 2, 5)
        asked = {m.stream_id: m for m in gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)}
        for streams in (told, asked):
            rgb, thermal = streams[1], streams[2]
            assert rgb.uri == "rtsp://127.0.0.1:8554/vehicle1/colour" and rgb.type == mavlink.VIDEO_STREAM_TYPE_RTSP
            assert rgb.encoding == mavlink.VIDEO_STREAM_ENCODING_H265 and rgb.framerate == 4.0
            assert (rgb.resolution_h, rgb.resolution_v, rgb.hfov) == (640, 360, 82)
            assert not rgb.flags & mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL
            assert thermal.type == mavlink.VIDEO_STREAM_TYPE_RTSP and thermal.encoding == mavlink.VIDEO_STREAM_ENCODING_H264
            assert thermal.flags & mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL and thermal.uri.endswith("/thermal")

        # bad addresses or codecs are refused with a reason, and the camera keeps what it advertised
        with pytest.raises(ValueError, match="codec must be h264 or h265, got 'vp8'"):
            VideoStream(1, "RGB", "rtsp://127.0.0.1:8554/x", False, 640, 360, 82, "vp8")
        with pytest.raises(ValueError, match="URI must be rtsp:// or udp://, got 'http://cam/x'"):
            VideoStream(1, "RGB", "http://cam/x", False, 640, 360, 82)
        with pytest.raises(ValueError, match="no vehicle with system id 4"):
            fleet.advertise_video(4, served)
        assert v.camera.streams == served


@pytest.mark.timeout(20)
def test_video_needs_a_running_rtsp_server_and_a_refused_start_changes_nothing():
    with SimulatedFleet(count=1, gcs=("127.0.0.1", 9), base_port=0, speedup=10, seed=3) as fleet, \
            RadiometricReceiver() as receiver:
        with pytest.raises(ValueError, match="video frame rate must be positive, got 0"):
            LiveCamera(fleet, SCENARIO, {1: receiver.address}, video=RtspServer(), video_fps=0)
        camera = LiveCamera(fleet, SCENARIO, {1: receiver.address}, video=RtspServer())  # never started
        with pytest.raises(RuntimeError, match="RTSP server is not running"):
            camera.start()
        camera.stop()
        assert [s.uri for s in fleet.vehicles[0].camera.streams] == ["udp://127.0.0.1:5600", "udp://127.0.0.1:5601"]


def station_streams(engine: Engine) -> dict[str, tuple[str, str]]:
    """What the station knows of vehicle 1's camera: {"colour"/"thermal": (uri, type)}."""
    view = engine.snapshot().vehicles.get(1)
    cameras = view.state.cameras if view is not None else {}
    return {("thermal" if s.thermal else "colour"): (s.uri, s.type) for c in cameras.values() for s in c.streams}


def patch(image: np.ndarray, u: float, v: float, half: int = 4) -> np.ndarray:
    return image[int(v) - half:int(v) + half + 1, int(u) - half:int(u) + half + 1].reshape(-1, 3).mean(axis=0)


@pytest.mark.timeout(90)
def test_station_finds_and_plays_the_drones_colour_video_while_radiometric_frames_keep_their_rate(tmp_path):
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine, \
            SimulatedFleet(count=1, home=(FIRE.lat, FIRE.lon, SCENARIO.ground_alt_m),
                           gcs=("127.0.0.1", int(engine.links[0].rsplit(":", 1)[1])), speedup=SPEEDUP, seed=2,
                           base_port=0) as fleet, \
            RadiometricReceiver() as receiver, RtspServer() as server:
        # the station has met the camera and its (silent) UDP streams before the video is served
        wait_until(lambda: station_streams(engine).get("colour", ("",))[0].startswith("udp://"), 15,
                   "the station to read the camera's streams")
        engine.point_gimbal(1, -90.0, 0.0).result(timeout=10)
        with LiveCamera(fleet, SCENARIO, {1: receiver.address}, fps=1.0, video=server) as camera:
            streams = wait_until(lambda: (s := station_streams(engine)) and s["colour"][0].startswith("rtsp://") and s,
                                 10, "the station to hear of the RTSP video")
            assert streams["colour"][1] == "RTSP" and streams["colour"][0] == f"rtsp://127.0.0.1:{server.port}/vehicle1/colour"
            assert streams["thermal"] == (f"rtsp://127.0.0.1:{server.port}/vehicle1/thermal", "RTSP")

            # PX4 refuses to arm before its GPS fix, which also sets home: wait for it as a pilot does
            wait_until(lambda: (v := engine.snapshot().vehicles.get(1)) and v.state.home is not None, 30,
                       "vehicle 1's home (GPS fix)")
            engine.arm(1).result(timeout=10)
            engine.takeoff(1, FLY_ALT_M).result(timeout=10)
            vehicle = fleet.vehicles[0]
            fleet.wait_until(lambda: vehicle.truth().alt_rel > FLY_ALT_M - 0.3 and vehicle.truth().ground_speed < 0.2
                             and abs(vehicle.truth().climb_rate) < 0.1 and vehicle.truth().gimbal_pitch_deg < -89.9, 60)
            started = time.time()
            sim_start, sent_start, frames_start = fleet.sim_time, camera.sent, receiver.frames
            with VideoFeed(VideoSource(streams["colour"][0]), expect=BGR8) as colour_feed, \
                    VideoFeed(VideoSource(streams["thermal"][0]), expect=BGR8) as thermal_feed:
                frame = wait_until(lambda: colour_feed.next_frame(0.1), 15, "a colour picture")
                truth = vehicle.truth()
                ir = wait_until(lambda: thermal_feed.next_frame(0.1), 15, "a thermal picture")
                time.sleep(1.0)  # both videos playing, as in the station's picture-in-picture
            sim_elapsed = fleet.sim_time - sim_start
            sent, frames = camera.sent - sent_start, receiver.frames - frames_start
        # the camera stopped: its streams are silent UDP addresses again, and the station hears so
        wait_until(lambda: station_streams(engine)["colour"][0].startswith("udp://"), 10, "the station to hear")

    # the colour picture is the scenario as the drone's camera sees it from where it hovers
    assert frame.image.shape == (360, 640, 3)
    assert started <= frame.capture_time_s <= frame.received_time_s < frame.capture_time_s + 1.0
    pose = CameraPose(truth.sim_time, truth.lat, truth.lon, truth.alt_amsl, 0.0, 0.0, truth.heading_deg, 0.0,
                      truth.gimbal_pitch_deg, truth.gimbal_yaw_deg)
    renderer = SceneRenderer(SCENARIO)
    expected = renderer.render_rgb(pose, COLOUR_640x360)
    assert np.abs(frame.image.reshape(-1, 3).mean(axis=0) - expected.reshape(-1, 3).mean(axis=0)).max() < 6
    u, v = renderer.project(pose, COLOUR_640x360, FIRE.lat, FIRE.lon)
    fire_seen, fire_rendered = patch(frame.image, u, v, 2), patch(expected, u, v, 2)
    assert np.abs(fire_seen - fire_rendered).max() < 30, (fire_seen, fire_rendered)
    assert fire_seen[2] > 200 and fire_seen[2] > fire_seen[1] > fire_seen[0]  # orange flames where the fire is
    grass = patch(frame.image, u + 150, v, 8)
    assert grass[1] > grass[2]  # the meadow around it is green

    # the thermal video is white-hot over the station's search span: the fire white, the meadow grey
    assert ir.image.shape == (512, 640, 3)
    u, v = renderer.project(pose, THERMAL_640, FIRE.lat, FIRE.lon)
    assert patch(ir.image, u, v, 1).min() > 240
    meadow = WHITE_HOT.from_celsius(np.array([SCENARIO.ambient_c]))[0]
    assert abs(float(np.median(ir.image[:40, :40])) - meadow) < 25

    # radiometric frames went on at their rate, all of them received, while both videos played
    assert sent >= 0.85 * sim_elapsed * 1.0 and frames >= sent - 1, (sent, frames, sim_elapsed, camera.skipped)
    assert camera.video_sent > 0
