"""The demo window's drone 1 serves its colour video over RTSP: the station finds it in the camera's
streams with no configuration, and the picture is the Schengen meadow as drone 1 sees it."""

import numpy as np
import pytest

from drivers.video.feed import BGR8, VideoFeed
from drivers.video.sources import VideoSource
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.demo import FLEET_SIZE, SCENARIO_FILE, SCHENGEN, window_camera
from sitl.camera.live import COLOUR_640x360, MIN_HEIGHT_M
from sitl.camera.render import CameraPose, SceneRenderer
from sitl.camera.scenario import load_scenario
from sitl.vehicle import SimulatedFleet
from waiting import wait_until


def colour_streams(engine: Engine) -> dict[int, str]:
    """{vehicle: the URI of its first colour stream}, as the video dock picks it."""
    found = {}
    for sid, view in engine.snapshot().vehicles.items():
        cameras = view.state.cameras
        uris = [s.uri for c in sorted(cameras) for s in cameras[c].streams if not s.thermal and s.uri]
        if uris:
            found[sid] = uris[0]
    return found


@pytest.mark.timeout(60)
def test_drone_1_of_the_demo_window_looks_down_and_streams_the_meadow_over_rtsp(tmp_path):
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine, \
            SimulatedFleet(count=FLEET_SIZE, home=SCHENGEN, gcs=("127.0.0.1", int(engine.links[0].rsplit(":", 1)[1])),
                           speedup=10.0, seed=1, base_port=0) as fleet, \
            window_camera(fleet, engine, 10.0) as camera:
        streams = wait_until(lambda: len(s := colour_streams(engine)) == FLEET_SIZE and s[1].startswith("rtsp://") and s,
                             15, "the station to know every drone's colour camera")
        assert streams[2].startswith("udp://") and streams[3].startswith("udp://")  # only drone 1 serves video
        # its camera is pointed straight down once the drone is ready, as a crew does before a search
        wait_until(lambda: fleet.vehicles[0].truth().gimbal_pitch_deg < -89.0, 15, "drone 1's camera pointing down")
        with VideoFeed(VideoSource(streams[1]), expect=BGR8) as feed:
            frame = wait_until(lambda: feed.next_frame(0.1), 15, "a picture from drone 1")
            truth = fleet.vehicles[0].truth()
        assert camera.video_sent > 0
    # drone 1 stands on the meadow: its camera looks down at it from the lowest height the renderer draws
    scenario = load_scenario(SCENARIO_FILE)
    pose = CameraPose(truth.sim_time, truth.lat, truth.lon, max(truth.alt_amsl, scenario.ground_alt_m + MIN_HEIGHT_M),
                      0.0, 0.0, truth.heading_deg, 0.0, truth.gimbal_pitch_deg, truth.gimbal_yaw_deg)
    expected = SceneRenderer(scenario).render_rgb(pose, COLOUR_640x360)
    assert frame.image.shape == expected.shape
    assert np.abs(frame.image.reshape(-1, 3).mean(axis=0) - expected.reshape(-1, 3).mean(axis=0)).max() < 6
    ground = frame.image.reshape(-1, 3).mean(axis=0)
    assert ground[1] > ground[2] and ground[1] > ground[0]  # only green grass: no sky in the picture
