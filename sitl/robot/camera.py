"""The simulated robot's forward-looking RGB camera, streamed as H.264 the way a real robot's is.

Its own thread renders, a few times a second, what a camera low on the robot's front sees of a
scenario (sitl/camera/render.py) from the robot's pose, and sends each frame with VideoStreamer to
the address the robot announces in its capabilities. Without a scenario the robot drives over a
plain procedural meadow centred on its home.
"""
from __future__ import annotations

import threading
import time

import av

from sitl.camera.render import CameraPose, Intrinsics, SceneRenderer
from sitl.camera.scenario import Noise, Scenario
from sitl.camera.stream import VideoStreamer
from sitl.robot.model import RobotModel

ROBOT_CAMERA = Intrinsics(640, 360, 70.0)  # a wide 16:9 driving camera
CAMERA_HEIGHT_M = 0.5  # above the ground, on the robot's front
CAMERA_PITCH_DEG = -20.0  # looking down ahead: the ground in front fills most of the picture
# Side of the meadow rendered when no scenario is given (mirrored beyond it): small enough that its
# patches, a few metres wide, and its gravel track show how the robot moves and turns.
PLAIN_GROUND_M = 40.0


def plain_ground(lat: float, lon: float) -> Scenario:
    """A meadow with nobody on it, centred on (lat, lon)."""
    return Scenario("plain ground", lat, lon, 0.0, PLAIN_GROUND_M, "procedural", 1, None, 0.1, 15.0, Noise())


class RobotCamera:
    """Renders the robot's view at `fps` and streams it to `url` (udp:// MPEG-TS or rtp://)."""

    def __init__(self, model: RobotModel, url: str, scenario: Scenario | None = None, fps: float = 5.0,
                 camera: Intrinsics = ROBOT_CAMERA) -> None:
        if not fps > 0:
            raise ValueError(f"camera frame rate must be positive, got {fps}")
        self.model, self.url, self.fps, self.camera = model, url, fps, camera
        self.scenario = scenario or plain_ground(model.home.lat, model.home.lon)
        self.renderer = SceneRenderer(self.scenario)
        # a key frame every second, even when a busy machine skips frames: a station that opens the
        # stream shows it within about a second
        self.streamer = VideoStreamer(url, camera.width_px, camera.height_px, fps=fps,
                                      gop=max(1, round(fps)), key_frame_s=1.0)  # a bad URL fails here
        self.sent = 0
        self.error: str | None = None  # why the camera stopped, if it did
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sim robot camera", daemon=True)

    def start(self) -> "RobotCamera":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5.0)
        try:
            self.streamer.close()
        except (OSError, ValueError, av.FFmpegError) as e:  # the last frames could not go out either
            self.error = self.error or f"robot camera stopped: {e}"

    def pose(self) -> CameraPose:
        # Read without a lock while the simulator steps the model: a pose one 10 ms step stale is harmless.
        m = self.model
        lat, lon = m.position()
        return CameraPose(m.time, lat, lon, self.scenario.ground_alt_m + CAMERA_HEIGHT_M, yaw_deg=m.heading_deg,
                          gimbal_pitch_deg=CAMERA_PITCH_DEG)

    def _run(self) -> None:
        interval = 1.0 / self.fps
        due = time.monotonic()
        while not self._stop.wait(max(0.0, due - time.monotonic())):
            due = max(due + interval, time.monotonic())  # behind: skip, never send a burst of stale frames
            try:
                self.streamer.send(self.renderer.render_rgb(self.pose(), self.camera), time.time())
            except (OSError, ValueError, av.FFmpegError) as e:  # the network refused the packets: say why, stop sending
                self.error = f"robot camera stopped: {e}"
                return
            self.sent += 1
