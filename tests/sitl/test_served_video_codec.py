"""The simulator serves its drones' video as H.264 or, on request, H.265 (`python -m sitl vehicle
--serve-video h265`): the camera advertises the codec it really sends (VIDEO_STREAM_INFORMATION.encoding),
FFmpeg's own RTSP client finds HEVC on the wire, and the station's VideoFeed plays it. A codec PyAV cannot
encode is refused before anything is served, naming the missing encoder."""
from __future__ import annotations

import re
import signal
import subprocess
import sys

import av
import pytest
from pymavlink.dialects.v20 import common as mavlink

from drivers.video.feed import BGR8, VideoFeed
from drivers.video.sources import VideoSource
from sitl.camera.live import LiveCamera
from sitl.camera.rtsp import RtspServer
from sitl.camera.scenario import SCENARIOS, load_scenario
from sitl.camera.stream import encoder_for
from sitl.vehicle import SimulatedFleet
from waiting import wait_until

from .sim_cli import sim_vehicle_cli

CAM = mavlink.MAV_COMP_ID_CAMERA


def codec_on_the_wire(uri: str) -> str:
    """The codec FFmpeg's RTSP client finds in the stream (from the SDP and the parameter sets)."""
    with av.open(uri, options={"rtsp_transport": "tcp", "timeout": "5000000"}, timeout=10.0) as container:
        return container.streams.video[0].codec_context.name


@pytest.mark.skipif("libx265" not in av.codecs_available, reason="this PyAV build has no H.265 encoder")
@pytest.mark.timeout(60)
def test_the_simulator_cli_serves_h265_video_advertised_as_h265_and_the_station_plays_it(gcs):
    host, port = gcs.address
    with sim_vehicle_cli("--base-port", "0", "--speedup", "5", "--gcs", f"udp:{host}:{port}", "--serve-video", "h265",
                         "--rtsp-port", "0") as proc:
        line = proc.stdout.readline()
        vehicle_port = int(re.search(r"gcs-link udp [\d.]+:(\d+)", line)[1])
        served = re.findall(r"(rtsp://\S+) \((h26[45])\)", line)
        assert [(uri.rsplit("/", 1)[1], codec) for uri, codec in served] == [("colour", "h265"), ("thermal", "h265")]
        colour_uri = served[0][0]

        gcs.wait_for("HEARTBEAT", lambda m: m.get_srcComponent() == CAM, timeout=15)
        mark = gcs.mark()
        gcs.send(vehicle_port, mavlink.MAVLink_command_long_message(
            1, CAM, mavlink.MAV_CMD_REQUEST_MESSAGE, 0, mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION,
            0, 0, 0, 0, 0, 0))
        wait_until(lambda: len(gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)) >= 2, 10, "the camera's streams")
        told = {m.uri: m for m in gcs.messages("VIDEO_STREAM_INFORMATION", since=mark)}
        assert set(told) == {uri for uri, _ in served}
        assert all(m.encoding == mavlink.VIDEO_STREAM_ENCODING_H265 and m.type == mavlink.VIDEO_STREAM_TYPE_RTSP
                   for m in told.values())

        assert codec_on_the_wire(colour_uri) == "hevc"
        with VideoFeed(VideoSource(colour_uri), expect=BGR8) as feed:
            frame = wait_until(lambda: feed.next_frame(0.1), 20, "a colour picture decoded by the station")
        assert frame.image.shape == (360, 640, 3)
        meadow = frame.image.reshape(-1, 3).mean(axis=0)
        assert meadow[1] > meadow[2] and meadow[1] > meadow[0]  # the drone on the ground sees the green meadow
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_h264_stays_the_default_and_is_served_as_h264():
    with SimulatedFleet(count=1, gcs=("127.0.0.1", 9), base_port=0, speedup=5, seed=3) as fleet, \
            RtspServer() as server, LiveCamera(fleet, load_scenario(SCENARIOS / "schengen.json"), {1: None},
                                               video=server):
        streams = fleet.vehicles[0].camera.streams
        assert [s.codec for s in streams] == ["h264", "h264"]
        assert codec_on_the_wire(streams[0].uri) == "h264"


def test_a_codec_pyav_cannot_encode_is_refused_naming_the_encoder():
    with pytest.raises(ValueError, match=r"H\.265 video needs PyAV's libx265 encoder, which this PyAV build .* lacks"):
        encoder_for("h265", available={"libx264", "hevc"})  # a build that decodes HEVC but cannot encode it
    assert encoder_for("h264", available={"libx264"}) == "libx264"
    with pytest.raises(ValueError, match="codec must be h264 or h265, got 'vp8'"):
        encoder_for("vp8")
    scenario = load_scenario(SCENARIOS / "schengen.json")
    with SimulatedFleet(count=1, gcs=("127.0.0.1", 9), base_port=0, speedup=5, seed=3) as fleet:
        with pytest.raises(ValueError, match="codec must be h264 or h265, got 'vp8'"):
            LiveCamera(fleet, scenario, {1: None}, video=RtspServer(), video_codec="vp8")
        with pytest.raises(ValueError, match="filmed for its video only: give `video`"):
            LiveCamera(fleet, scenario, {1: None})
        assert [s.uri for s in fleet.vehicles[0].camera.streams] == ["udp://127.0.0.1:5600", "udp://127.0.0.1:5601"]
    result = subprocess.run([sys.executable, "-m", "sitl", "vehicle", "--serve-video", "vp8"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "invalid choice: 'vp8'" in result.stderr
