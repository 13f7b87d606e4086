"""The simulated robot's camera: an H.264 stream at the address it announces, showing where it looks."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import cv2
import numpy as np
import pytest

from drivers.robot.protocol import Teleop
from drivers.video.feed import BGR8, VideoFeed, VideoFrame
from drivers.video.sources import VideoSource
from sitl.robot.camera import ROBOT_CAMERA
from sitl.robot.cli import main as sim_main
from sitl.robot.model import RobotModel
from sitl.robot.simulator import RobotSimulator

from sitl.robot.simulator import free_port_pair


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def streaming_robot():
    """A simulated robot running on its own loop thread with its camera on."""
    url = f"udp://127.0.0.1:{free_udp_port()}"
    simulator = RobotSimulator(RobotModel(), video_url=url)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> asyncio.Task:
        return asyncio.create_task(simulator.run())

    async def stop(task: asyncio.Task) -> None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    running = asyncio.run_coroutine_threadsafe(start(), loop).result(5)
    yield simulator, loop
    asyncio.run_coroutine_threadsafe(stop(running), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()
    assert simulator.camera is not None and not simulator.camera._thread.is_alive()  # stopped with the robot


def grey(frame: VideoFrame) -> np.ndarray:
    return cv2.resize(cv2.cvtColor(frame.image, cv2.COLOR_BGR2GRAY), (160, 90), interpolation=cv2.INTER_AREA) \
        .astype(np.float32)


def fresh_frame(feed: VideoFeed) -> VideoFrame:
    feed.next_frame(0.0)  # whatever is waiting may be older than what the test just did
    frame = feed.next_frame(5.0)
    assert frame is not None, feed.events()
    return frame


def test_the_stream_decodes_to_frames_that_change_when_the_robot_turns(streaming_robot):
    simulator, loop = streaming_robot
    answers = []
    url = simulator.capabilities().video_url
    assert url.startswith("udp://127.0.0.1:")  # the robot announces where its camera streams

    with VideoFeed(VideoSource(url), expect=BGR8) as feed:
        first = feed.next_frame(10.0)
        assert first is not None, feed.events()
        assert (first.image.shape[1], first.image.shape[0]) == (ROBOT_CAMERA.width_px, ROBOT_CAMERA.height_px)
        still_a, still_b = grey(fresh_frame(feed)), grey(fresh_frame(feed))
        heading = simulator.model.heading_deg
        for seq in range(1, 25):  # turn left on the spot, as a station's teleop stream does, ~90 degrees
            command = Teleop(7, seq, int(simulator.model.time * 1000), 500, 0.0, 1.5)
            loop.call_soon_threadsafe(simulator.handle, command, answers.append)
            time.sleep(0.05)
        time.sleep(0.3)  # stopped again: the picture settles
        assert abs((simulator.model.heading_deg - heading + 180) % 360 - 180) > 60
        turned = grey(fresh_frame(feed))

    unchanged = float(np.mean(np.abs(still_b - still_a)))  # sensor noise and coding only
    changed = float(np.mean(np.abs(turned - still_b)))
    assert changed > 4 * unchanged + 3.0, (unchanged, changed)
    assert simulator.camera.sent >= 5 and simulator.camera.error is None


def test_a_robot_without_a_video_address_has_no_camera():
    simulator = RobotSimulator(RobotModel())
    asyncio.run(simulator.run(0.05))
    assert simulator.camera is None and simulator.capabilities().video_url == ""


def test_a_video_address_the_camera_cannot_stream_to_is_refused_clearly(capsys):
    command_port = free_port_pair()
    assert sim_main(["--zmq", f"tcp://127.0.0.1:{command_port}", "--video", "http://127.0.0.1:8080/cam",
                     "--duration", "0.1"]) == 2
    assert "udp://" in capsys.readouterr().err
