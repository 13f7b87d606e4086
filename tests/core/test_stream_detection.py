"""Detection on a typed-in H.264 stream: real HIT-UAV thermal frames (white-hot, 8-bit, persons at
60-130 m) encoded with libx264 and sent over UDP as a drone's video link does; the station's worker
finds the persons, drops frames rather than queue them behind a slow detector, and carries on past a
detector that fails."""

from __future__ import annotations

import json
import math
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.video.feed import BGR8, VideoFeed
from drivers.video.sources import VideoSource
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.core.stream_detection import (
    NO_DETECTION, RGB_MODEL_FILE, RGB_PERSON, THERMAL_HOTSPOT, THERMAL_PERSON, StreamDetection,
    StreamDetectionError, StreamWorker)
from vision.records import Box
from vision.thermal_person import ThermalPersonDetector
from drone_video import drone_video, free_udp_url
from waiting import wait_until as wait_for

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
HITUAV = SHARED / "data" / "vision" / "hituav-thermal-person"
FASTESTDET = SHARED / "data" / "vision" / "models" / RGB_MODEL_FILE
FRAME = "images/1_110_60_0_02659.jpg"  # night, 110 m: nine persons


def hituav_frame(name: str = FRAME) -> tuple[np.ndarray, list[Box]]:
    labels = json.loads((HITUAV / "labels.json").read_text())
    entry = next(e for e in labels["images"] if e["file"] == name)
    persons = [Box(*map(float, b["bbox"])) for b in entry["boxes"] if b["class"] == "person"]
    return cv2.imread(str(HITUAV / name)), persons


class Slow:
    """The real detector on a machine too slow for the stream: each frame takes `seconds` longer."""

    def __init__(self, detector, seconds: float) -> None:
        self.detector, self.seconds, self.calls = detector, seconds, 0

    def detect(self, frame):
        self.calls += 1
        time.sleep(self.seconds)
        return self.detector.detect(frame)


class Glitchy:
    """The real detector, failing on every second frame as a broken model or driver would."""

    def __init__(self, detector) -> None:
        self.detector, self.calls = detector, 0

    def detect(self, frame):
        self.calls += 1
        if self.calls % 2 == 0:
            raise RuntimeError("inference backend lost its device")
        return self.detector.detect(frame)


@pytest.fixture
def stream():
    streams = StreamDetection(Path("/nonexistent/models"))
    yield streams
    streams.close()


@pytest.mark.timeout(60)
def test_persons_found_in_a_white_hot_h264_stream(stream):
    image, persons = hituav_frame()
    url = free_udp_url()
    stream.open(url, THERMAL_PERSON)
    with drone_video(url, image):
        view = wait_for(lambda: (v := stream.view()).result and v, 20, "a frame through the thermal person detector")
        status = stream.status()
    result = view.result
    assert view.frame.image.shape == image.shape and view.boxes_fit()
    assert result.detector == THERMAL_PERSON and result.ms > 0
    found = [d for d in result.detections if d.label == "person"]
    hits = [p for p in persons if any(d.box.iou(p) >= 0.3 for d in found)]
    assert len(hits) >= 7, f"{len(hits)} of {len(persons)} persons found: {found}"
    assert len(found) <= len(persons) + 4  # not a box on every warm roof
    assert status.uri == url and status.detector == THERMAL_PERSON and status.failed == 0
    assert status.processed >= 1 and math.isfinite(status.ms_per_frame) and status.last_error is None

    # the window lets go at once; the engine, shutting down, waits until the threads are gone
    stream.close(wait=False)
    assert not stream.is_open and stream.view() is None and stream.status() is None
    stream.close()
    assert not [t.name for t in threading.enumerate() if t.name in (f"video {url}", f"stream detection {url}")]


@pytest.mark.timeout(60)
def test_a_slow_detector_drops_frames_instead_of_queueing_them():
    image, _ = hituav_frame()
    url = free_udp_url()
    slow = Slow(ThermalPersonDetector(), 0.3)
    feed = VideoFeed(VideoSource(url), expect=BGR8).start()
    worker = StreamWorker(feed, slow, THERMAL_PERSON).start()
    try:
        with drone_video(url, image, fps=20.0):
            wait_for(lambda: worker.status().processed >= 6, 30, "six frames through the slow detector")
            views = []
            for _ in range(10):  # what the pilot would see: the frame on screen, and the newest detections
                views.append(worker.view())
                time.sleep(0.1)
        status = worker.status()
        # the link stopped: the worker finishes the frame it was on and the newest one, if one came meanwhile;
        # then it has nothing left to do
        time.sleep(1.0)
        settled = worker.status()
        time.sleep(0.8)
        after = worker.status()
    finally:
        worker.stop()
        feed.stop()
    # the boxes always belong to the frame on screen or to the one the worker took just before it
    assert all(v.boxes_fit() for v in views), [(v.frame.seq, v.previous_seq, v.result.seq) for v in views]
    assert status.frames >= 2 * status.processed  # 20 fps in, about 3 per second detected
    assert status.dropped >= status.processed
    assert after.processed == settled.processed <= status.processed + 2  # nothing was waiting in a queue
    # the last frame detected is among those of the detector's last 0.6 s (12 frames at 20 fps)
    assert worker.view().result.seq >= after.frames - 1 - 12


@pytest.mark.timeout(60)
def test_a_detector_error_is_reported_and_the_worker_goes_on():
    image, persons = hituav_frame()
    url = free_udp_url()
    glitchy = Glitchy(ThermalPersonDetector())
    feed = VideoFeed(VideoSource(url), expect=BGR8).start()
    worker = StreamWorker(feed, glitchy, THERMAL_PERSON).start()
    try:
        with drone_video(url, image, fps=10.0):
            status = wait_for(lambda: (s := worker.status()).failed >= 3 and s.processed >= 3 and s, 30,
                              "frames failing and frames detected")
            assert status.last_error is None or "inference backend lost its device" in status.last_error
            failing = wait_for(lambda: (s := worker.status()).last_error and s, 10, "an error on screen")
    finally:
        worker.stop()
        feed.stop()
    assert failing.last_error.startswith(f"{THERMAL_PERSON} failed on frame ")
    assert "inference backend lost its device" in failing.last_error
    errors = worker.errors()
    assert len(errors) >= 3 and all("inference backend lost its device" in e for e in errors)
    # between failures it still finds the persons
    found = worker.view().result.detections
    assert sum(any(d.box.iou(p) >= 0.3 for d in found) for p in persons) >= 7


@pytest.mark.timeout(60)
def test_changing_the_detector_on_a_running_stream(stream):
    image, _ = hituav_frame()
    image[200:240, 300:360] = 255  # a fire saturates the white-hot span; the persons stay below its top
    url = free_udp_url()
    stream.open(url, NO_DETECTION)
    with drone_video(url, image):
        wait_for(lambda: stream.view().frame, 20, "frames shown without detection")
        assert stream.view().result is None and stream.status().processed == 0
        stream.set_detector(THERMAL_HOTSPOT)
        result = wait_for(lambda: stream.view().result, 10, "hotspot detections")
        assert result.detector == THERMAL_HOTSPOT and [d.label for d in result.detections] == ["hotspot"]
        assert result.detections[0].box.iou(Box(300, 200, 60, 40)) > 0.8  # the fire, and none of the persons
        stream.set_detector(THERMAL_PERSON)
        assert stream.view().result is None  # the hotspots are not shown as persons meanwhile
        result = wait_for(lambda: stream.view().result, 10, "person detections")
        assert result.detector == THERMAL_PERSON and all(d.label == "person" for d in result.detections)


def test_a_stream_for_a_vehicle_needs_the_running_station_and_a_vehicle_id(stream):
    """Findings need the engine's detection service (tests/core/test_stream_findings.py has them)."""
    url = free_udp_url()
    stream.open(url, THERMAL_PERSON)
    with pytest.raises(StreamDetectionError, match="findings from a vehicle's stream need the running station"):
        stream.open(free_udp_url(), THERMAL_PERSON, vehicle_id=1)
    for bad in (0, 256, "1", True):
        with pytest.raises(StreamDetectionError, match=f"a vehicle is a MAVLink system id 1..255, got {bad!r}"):
            stream.open(free_udp_url(), THERMAL_PERSON, vehicle_id=bad)
    status = stream.status()  # the stream open before goes on, bound to no vehicle
    assert status.uri == url and status.vehicle_id is None and status.unplaced == {}


def test_a_missing_rgb_model_is_said_clearly_and_nothing_breaks(tmp_path, stream):
    choices = {c.key: c.problem for c in stream.choices()}
    assert choices[NO_DETECTION] == choices[THERMAL_PERSON] == choices[THERMAL_HOTSPOT] == ""
    assert "FastestDet model is not installed" in choices[RGB_PERSON]
    assert f"copy {RGB_MODEL_FILE} to /nonexistent/models" in choices[RGB_PERSON]
    assert "'rgb_person_model' in settings.json" in choices[RGB_PERSON]

    url = free_udp_url()
    stream.open(url, THERMAL_PERSON)
    with pytest.raises(StreamDetectionError, match="FastestDet model is not installed"):
        stream.set_detector(RGB_PERSON)
    with pytest.raises(StreamDetectionError, match="FastestDet model is not installed"):
        stream.open(free_udp_url(), RGB_PERSON)
    with pytest.raises(StreamDetectionError, match="unsupported video URI scheme 'ftp'"):
        stream.open("ftp://camera.local/live", THERMAL_PERSON)
    with pytest.raises(StreamDetectionError, match="unknown detector 'yolo'"):
        stream.open(url, "yolo")
    with pytest.raises(StreamDetectionError, match="no stream address"):
        stream.open("  ", THERMAL_PERSON)
    status = stream.status()  # every refusal left the open stream as it was
    assert status.uri == url and status.detector == THERMAL_PERSON

    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    with pytest.raises(StreamDetectionError, match="cannot load the rgb-person detector"):
        StreamDetection(tmp_path, str(broken)).set_detector(RGB_PERSON)


def test_the_rgb_model_named_in_the_station_settings(tmp_path):
    data = DataDir.open(tmp_path / "data")
    data.settings_file.write_text(json.dumps({"rgb_person_model": str(FASTESTDET)}))
    engine = Engine(data, links=())
    assert {c.key: c.problem for c in engine.stream.choices()}[RGB_PERSON] == ""

    missing = tmp_path / "elsewhere" / RGB_MODEL_FILE
    data.settings_file.write_text(json.dumps({"rgb_person_model": str(missing)}))
    problem = {c.key: c.problem for c in Engine(data, links=()).stream.choices()}[RGB_PERSON]
    assert f"names {missing}, which is not a file" in problem
    data.settings_file.write_text(json.dumps({"rgb_person_model": 5}))
    problem = {c.key: c.problem for c in Engine(data, links=()).stream.choices()}[RGB_PERSON]
    assert "must be the path of the FastestDet model" in problem

    # or the model dropped into the data directory's models/ folder
    data.settings_file.write_text("{}")
    (data.root / "models").mkdir()
    (data.root / "models" / RGB_MODEL_FILE).write_bytes(FASTESTDET.read_bytes())
    assert {c.key: c.problem for c in Engine(data, links=()).stream.choices()}[RGB_PERSON] == ""


@pytest.mark.timeout(60)
def test_persons_in_colour_with_the_fastestdet_model():
    stream = StreamDetection(Path("/nonexistent"), FASTESTDET)
    # a bare meadow from a colour camera
    image = np.full((360, 640, 3), (70, 120, 80), np.uint8)
    url = free_udp_url()
    try:
        stream.open(url, RGB_PERSON)
        with drone_video(url, image, fps=10.0):
            result = wait_for(lambda: stream.view().result, 20, "a frame through the RGB person detector")
        status = stream.status()
    finally:
        stream.close()
    assert result.detector == RGB_PERSON and result.ms > 0 and status.failed == 0 and status.last_error is None
    assert result.detections == ()  # a bare meadow holds nobody
