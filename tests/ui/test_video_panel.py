"""The video dock: vehicle 1's live thermal camera over the Schengen scenario in fixed palettes, the
detectors' boxes, the temperature probe; and an H.264 stream opened from a typed-in URL."""

from __future__ import annotations

import socket
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from drivers.video.palettes import PALETTES
from groundstation.demo import SCENARIO_FILE
from groundstation.ui.video_panel import BOX_COLOURS, SPANS
from sitl.camera.live import LiveCamera
from sitl.camera.scenario import load_scenario
from sitl.camera.stream import VideoStreamer

SCENARIO = load_scenario(SCENARIO_FILE)
FLY_ALT_M = 30.0


def open_dock(window):
    (video,) = [a for a in window.field.view_menu.actions() if a.text() == "Video"]
    video.trigger()  # View > Video
    assert window.video_dock.isVisible()
    window.video_dock.setFloating(True)
    window.video_dock.resize(820, 720)  # room for the frame at full size or more, and its legend
    return window.video


def shown_bgr(panel, x: int, y: int) -> tuple[int, int, int]:
    """The colour on screen at the centre of frame pixel (x, y), as BGR."""
    p = panel.view.to_widget(x + 0.5, y + 0.5)
    c = QColor(panel.view.grab().toImage().pixel(int(p.x()), int(p.y())))
    return c.blue(), c.green(), c.red()


def hover(panel, point: QPointF) -> None:
    """The mouse moves over the video (no button pressed) to `point`."""
    QApplication.sendEvent(panel.view, QMouseEvent(QEvent.Type.MouseMove, point, panel.view.mapToGlobal(point),
                                                   Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                   Qt.KeyboardModifier.NoModifier))


def palette_colours(celsius: np.ndarray, x: int, y: int, palette: str, span) -> set[tuple[int, int, int]]:
    """What a fixed span gives pixel (x, y) and its neighbours (the view may scale by a fraction)."""
    around = celsius[max(0, y - 1):y + 2, max(0, x - 1):x + 2].ravel()
    index = np.clip((around - span.low_c) * (255.0 / (span.high_c - span.low_c)), 0, 255).astype(np.uint8)
    return {tuple(int(v) for v in PALETTES[palette][i]) for i in index}


@pytest.mark.timeout(90)
def test_live_thermal_video_with_boxes_probe_and_fixed_palettes(qtbot, window, demo):
    engine, fleet = demo.engine, demo.fleet
    panel = open_dock(window)
    qtbot.waitUntil(lambda: "No thermal video from vehicle 1 yet" in panel.status.text(), timeout=3000)
    fire = max(SCENARIO.fires, key=lambda f: f.temp_c)
    with LiveCamera(fleet, SCENARIO, {1: engine.detection.listen()}, fps=0.5):
        engine.point_gimbal(1, -90.0, 0.0).result(timeout=10)
        engine.arm(1).result(timeout=10)
        engine.takeoff(1, FLY_ALT_M).result(timeout=10)
        qtbot.waitUntil(lambda: panel.shown is not None, timeout=20_000)  # frames from the climb already
        qtbot.waitUntil(lambda: engine.snapshot().vehicles[1].state.alt_rel > FLY_ALT_M - 2, timeout=20_000)
        engine.goto(1, fire.lat, fire.lon, FLY_ALT_M).result(timeout=10)
        qtbot.waitUntil(lambda: panel.shown is not None and any(colour == BOX_COLOURS["hotspot"]
                                                                for _, _, colour in panel.view.boxes),
                        timeout=30_000)
    # the camera is off: once its last frames are through the worker, the frame on screen stays, so
    # every check below reads the same frame
    qtbot.wait(600)
    qtbot.waitUntil(lambda: engine.detection.latest_frame(1).seq == panel.shown.seq, timeout=3000)
    shown = panel.shown
    assert shown.vehicle_id == 1 and shown.celsius.shape == (512, 640)
    assert "Vehicle 1: thermal frame" in panel.status.text()

    # boxes: drawn in their colour, labelled with kind, confidence and the hottest temperature
    y, x = np.unravel_index(np.nanargmax(shown.celsius), shown.celsius.shape)
    hottest = float(shown.celsius[y, x])
    assert hottest > 150.0  # a spot fire, not the meadow
    hot_boxes = [(rect, text) for rect, text, colour in panel.view.boxes if colour == BOX_COLOURS["hotspot"]]
    box, text = next((r, t) for r, t in hot_boxes if r.contains(x + 0.5, y + 0.5))
    assert text.startswith("Hotspot ") and "%" in text and f"{hottest:.1f} °C" in text
    screen = panel.view.grab().toImage()
    edge = panel.view.box_rect(box)
    around = {QColor(screen.pixel(int(edge.left()) + dx, int(edge.center().y()))).name() for dx in (-1, 0, 1)}
    assert BOX_COLOURS["hotspot"].name() in around

    # the probe reads the temperature of the pixel under the cursor
    hover(panel, panel.view.to_widget(x + 0.5, y + 0.5))
    assert panel.probe_c == pytest.approx(hottest, abs=0.02)
    assert f"{hottest:.1f} °C at pixel {x}, {y}" in panel.probe.text()

    # palettes: other colours, same fixed span (the colour follows the temperature, not the frame)
    span = panel.temperature_span
    assert span == SPANS["search"]
    meadow = (20, 20) if abs(float(shown.celsius[20, 20]) - SCENARIO.ambient_c) < 5 else (620, 490)
    seen = {}
    for name in ("white-hot", "rainbow"):
        panel.palette.setCurrentIndex(panel.palette.findData(name))
        assert panel.temperature_span == span
        for px, py in ((x, y), meadow):
            seen[name, px, py] = shown_bgr(panel, px, py)
            assert seen[name, px, py] in palette_colours(shown.celsius, px, py, name, span)
    assert seen["white-hot", x, y] == (255, 255, 255)  # above the span: saturated, not rescaled
    assert seen["white-hot", *meadow] != seen["rainbow", *meadow]
    assert seen["white-hot", x, y] != seen["rainbow", x, y]

    # the fire span is another FIXED span: the fire is no longer saturated, the meadow goes dark
    panel.span.setCurrentIndex(panel.span.findData("fire"))
    assert shown_bgr(panel, x, y) in palette_colours(shown.celsius, x, y, "rainbow", SPANS["fire"])
    assert shown_bgr(panel, x, y) != seen["rainbow", x, y]
    assert shown_bgr(panel, *meadow) in palette_colours(shown.celsius, *meadow, "rainbow", SPANS["fire"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.timeout(60)
def test_an_h264_stream_from_a_typed_url_and_bad_urls_are_refused_clearly(qtbot, window):
    panel = open_dock(window)
    panel.url.setText("")
    assert not panel.open_url()
    assert "Type the address of a video stream first" in panel.status.text()
    panel.url.setText("ftp://camera.local/live")
    assert not panel.open_url()
    assert "Cannot open ftp://camera.local/live" in panel.status.text() and "'ftp'" in panel.status.text()
    assert panel.feed is None and panel.source.currentData() == "thermal"  # nothing else changed

    port = free_port()
    url = f"udp://127.0.0.1:{port}"
    panel.url.setText(url)
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert panel.source.currentData() == "url" and panel.feed is not None
    frame = np.full((240, 320, 3), (40, 90, 60), np.uint8)
    frame[100:140, 150:170] = (255, 255, 255)
    stop = threading.Event()

    def send() -> None:
        tx = VideoStreamer(url, 320, 240, fps=20.0)
        try:
            while not stop.is_set():
                tx.send(frame, time.time())
                time.sleep(0.05)
        finally:
            tx.close()

    sender = threading.Thread(target=send)
    sender.start()
    try:
        qtbot.waitUntil(lambda: panel.view.image is not None and "live" in panel.status.text(), timeout=15_000)
    finally:
        stop.set()
        sender.join()
    assert (panel.view.image.width(), panel.view.image.height()) == (320, 240)
    assert f"{url}: live" in panel.status.text()
    p = panel.view.to_widget(160, 120)
    assert QColor(panel.view.grab().toImage().pixel(p.toPoint())).lightness() > 200  # the white bar
    hover(panel, p)
    assert "not radiometric" in panel.probe.text()
    assert panel.probe_c is None
    window.close()
    assert panel.feed is None  # the stream stops with the window
