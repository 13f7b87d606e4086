"""The video dock: vehicle 1's live thermal camera over the Schengen scenario in fixed palettes, the
detectors' boxes, the temperature probe; and an H.264 stream opened from a typed-in URL, with the boxes
of the detector the pilot chose for it (real HIT-UAV white-hot frames sent as a drone's video link), bound
or not to a vehicle's camera (findings, or boxes only)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from drivers.video.palettes import PALETTES
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.core.stream_detection import NO_DETECTION, RGB_PERSON, THERMAL_HOTSPOT, THERMAL_PERSON
from groundstation.demo import SCENARIO_FILE
from groundstation.ui.video_panel import BOX_COLOURS, SPANS, VideoPanel
from sitl.camera.live import WHITE_HOT, LiveCamera
from sitl.camera.render import THERMAL_640, CameraPose, SceneRenderer
from sitl.camera.scenario import load_scenario
from drone_video import drone_video, free_udp_port

SCENARIO = load_scenario(SCENARIO_FILE)
FLY_ALT_M = 30.0
HITUAV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "vision" / "hituav-thermal-person"
HITUAV_FRAME = "images/1_110_60_0_02659.jpg"  # night, 110 m: nine persons


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


def fire_well_inside(celsius: np.ndarray, margin_px: int = 40) -> bool:
    """The hottest pixel away from the frame's edges: its box, label and neighbours are all on screen
    (on a loaded machine the camera may otherwise stop on a frame with the fire just entering it)."""
    y, x = np.unravel_index(np.nanargmax(celsius), celsius.shape)
    return margin_px <= y < celsius.shape[0] - margin_px and margin_px <= x < celsius.shape[1] - margin_px


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
        qtbot.waitUntil(lambda: panel.shown is not None and fire_well_inside(panel.shown.celsius)
                        and any(colour == BOX_COLOURS["hotspot"] for _, _, colour in panel.view.boxes),
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


@pytest.fixture
def station(tmp_path: Path):
    """An engine with no vehicle (nothing but the typed-in stream to show)."""
    with Engine(DataDir.open(tmp_path / "data"), links=(), record_tlog=False) as engine:
        yield engine


def shown_panel(qtbot, engine: Engine, selected=lambda: None) -> VideoPanel:
    panel = VideoPanel(engine, selected)
    qtbot.addWidget(panel)
    panel.resize(820, 720)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def feeder(panel: VideoPanel, engine: Engine):
    """What the window does at 10 Hz: hand the panel the engine's snapshot, then check."""
    def fed(check) -> bool:
        panel.show_snapshot(engine.snapshot())
        return check()
    return fed


@pytest.fixture
def panel(qtbot, station):
    panel = shown_panel(qtbot, station)
    yield panel
    panel.close_stream()


def choose(panel, key: str) -> None:
    panel.detector.setCurrentIndex(panel.detector.findData(key))


@pytest.mark.timeout(60)
def test_an_h264_stream_from_a_typed_url_and_bad_urls_are_refused_clearly(qtbot, window):
    panel = open_dock(window)
    engine = window.engine
    panel.url.setText("")
    assert not panel.open_url()
    assert "Type the address of a video stream first" in panel.status.text()
    panel.url.setText("ftp://camera.local/live")
    assert not panel.open_url()
    assert "Cannot open ftp://camera.local/live" in panel.status.text() and "'ftp'" in panel.status.text()
    assert not engine.stream.is_open and panel.source.currentData() == "thermal"  # nothing else changed

    port = free_udp_port()
    url = f"udp://127.0.0.1:{port}"
    panel.url.setText(url)
    assert panel.detector.currentData() == NO_DETECTION
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert panel.source.currentData() == "url" and engine.stream.is_open
    frame = np.full((240, 320, 3), (40, 90, 60), np.uint8)
    frame[100:140, 150:170] = (255, 255, 255)
    with drone_video(url, frame):
        qtbot.waitUntil(lambda: panel.view.image is not None and "live" in panel.status.text(), timeout=15_000)
    assert (panel.view.image.width(), panel.view.image.height()) == (320, 240)
    assert f"{url}: live" in panel.status.text() and "ms/frame" not in panel.status.text()  # nothing detected
    assert panel.view.boxes == []
    p = panel.view.to_widget(160, 120)
    assert QColor(panel.view.grab().toImage().pixel(p.toPoint())).lightness() > 200  # the white bar
    hover(panel, p)
    assert "not radiometric" in panel.probe.text()
    assert panel.probe_c is None
    window.close()
    assert not engine.stream.is_open  # the stream stops with the window


@pytest.mark.timeout(60)
def test_persons_boxed_on_a_white_hot_stream_typed_in(qtbot, panel, station, tmp_path):
    labels = json.loads((HITUAV / "labels.json").read_text())
    persons = [b["bbox"] for e in labels["images"] if e["file"] == HITUAV_FRAME
               for b in e["boxes"] if b["class"] == "person"]
    frame = cv2.imread(str(HITUAV / HITUAV_FRAME))
    url = f"udp://127.0.0.1:{free_udp_port()}"
    panel.url.setText(url)
    choose(panel, THERMAL_PERSON)
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert panel.source.currentData() == "url"
    assert station.stream.status().detector == THERMAL_PERSON
    with drone_video(url, frame):
        qtbot.waitUntil(lambda: len(panel.view.boxes) >= 5, timeout=10_000)
        qtbot.waitUntil(lambda: "ms/frame" in panel.status.text(), timeout=3000)
        screen = panel.view.grab().toImage()
        boxes, status = list(panel.view.boxes), panel.status.text()
    screen.save(str(tmp_path / "typed-in-stream-persons.png"))

    # boxes where the persons are, labelled with kind and confidence, in the person colour
    assert all(colour == BOX_COLOURS["person"] for _, _, colour in boxes)
    assert all(text.startswith("Person ") and text.endswith("%") for _, text, _ in boxes)
    hits = [p for p in persons if any(rect.intersects(QRectF(*p)) for rect, _, _ in boxes)]
    assert len(hits) >= 7, (len(hits), len(persons))
    edge = panel.view.box_rect(boxes[0][0])
    around = {QColor(screen.pixel(int(edge.left()) + dx, int(edge.center().y()))).name() for dx in (-1, 0, 1)}
    assert BOX_COLOURS["person"].name() in around
    # what the detector said, and how fast
    assert f"{url}: live" in status and "Persons in white-hot thermal: " in status
    assert f"{len(boxes)} detections, " in status and " ms/frame" in status

    # another detector on the same stream: hotspots (the drone now over the scenario's hottest fire), then
    # none (the boxes go)
    fire = max(SCENARIO.fires, key=lambda f: f.temp_c)
    over_fire = SceneRenderer(SCENARIO).render_thermal(
        CameraPose(0.0, fire.lat, fire.lon, SCENARIO.ground_alt_m + 60.0), THERMAL_640)
    with drone_video(url, cv2.cvtColor(WHITE_HOT.from_celsius(over_fire), cv2.COLOR_GRAY2BGR)):
        choose(panel, THERMAL_HOTSPOT)
        assert station.stream.status().detector == THERMAL_HOTSPOT
        qtbot.waitUntil(lambda: bool(panel.view.boxes) and all(c == BOX_COLOURS["hotspot"]
                                                               for _, _, c in panel.view.boxes), timeout=10_000)
        choose(panel, NO_DETECTION)
        qtbot.waitUntil(lambda: not panel.view.boxes and "ms/frame" not in panel.status.text(), timeout=5000)


def test_a_missing_rgb_model_is_said_clearly(qtbot, panel, station):
    i = panel.detector.findData(RGB_PERSON)
    item = panel.detector.model().item(i)
    assert not item.isEnabled()  # offered greyed out, saying why
    assert panel.detector.itemText(i) == "Persons in colour (not available)"
    tip = panel.detector.itemData(i, Qt.ItemDataRole.ToolTipRole)
    assert "the FastestDet model is not installed" in tip and str(station.data_dir.root / "models") in tip
    assert "'rgb_person_model' in settings.json" in tip
    assert "FastestDet model is not installed" in panel.detector.toolTip()

    # chosen anyway (by keyboard, a script): refused with the reason, and the choice goes back
    choose(panel, THERMAL_PERSON)
    choose(panel, RGB_PERSON)
    assert "Cannot detect with Persons in colour: the FastestDet model is not installed" in panel.status.text()
    assert panel.detector.currentData() == THERMAL_PERSON and not station.stream.is_open

    url = f"udp://127.0.0.1:{free_udp_port()}"
    panel.url.setText(url)
    assert panel.open_url()
    choose(panel, RGB_PERSON)
    assert "the FastestDet model is not installed" in panel.status.text()
    assert panel.detector.currentData() == THERMAL_PERSON
    assert station.stream.status().detector == THERMAL_PERSON  # the stream goes on as it was


@pytest.mark.timeout(90)
def test_the_selected_vehicles_colour_camera_with_thermal_picture_in_picture(qtbot, tmp_path):
    """Vehicle 1's camera advertises its colour stream (VIDEO_STREAM_INFORMATION); the panel follows it, and
    shows the other camera in the corner: thermal over the colour stream, the colour stream over thermal."""
    from groundstation.demo import SCHENGEN
    from sitl.camera.stream import RadiometricSender
    from sitl.vehicle import SimulatedFleet

    video_port = free_udp_port()
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine, \
            SimulatedFleet(count=1, home=SCHENGEN, gcs=("127.0.0.1", int(engine.links[0].rsplit(":", 1)[1])),
                           speedup=5.0, seed=1, base_port=0, video_base_port=video_port):
        selected = {"id": 1}
        panel = shown_panel(qtbot, engine, lambda: selected["id"])
        fed = feeder(panel, engine)

        panel.source.setCurrentIndex(panel.source.findData("colour"))
        rgb_uri = f"udp://127.0.0.1:{video_port}"  # the simulator's camera advertises the station's port
        qtbot.waitUntil(lambda: fed(lambda: engine.stream.is_open and engine.stream.status().uri == rgb_uri),
                        timeout=15_000)
        assert engine.stream.status().vehicle_id == 1  # vehicle 1's camera: what is detected in it becomes findings
        colour = np.full((240, 320, 3), (30, 120, 40), np.uint8)  # a green meadow
        colour[100:140, 150:170] = (0, 0, 255)  # a red jacket
        with drone_video(rgb_uri, colour):
            qtbot.waitUntil(lambda: fed(lambda: panel.view.image is not None and panel.view.image.width() == 320),
                            timeout=15_000)
            assert f"{rgb_uri}: live" in panel.status.text()
            assert "findings: 0 new, 0 seen again" in panel.status.text()

            # picture in picture: vehicle 1's thermal frame in the corner of the colour stream
            panel.pip.setChecked(True)
            renderer, camera = SceneRenderer(SCENARIO), THERMAL_640
            fire = max(SCENARIO.fires, key=lambda f: f.temp_c)
            pose = CameraPose(0.0, fire.lat, fire.lon, SCENARIO.ground_alt_m + 60.0)
            sender = RadiometricSender(engine.detection.listen(), vehicle_id=1)
            try:
                celsius = renderer.render_thermal(pose, camera)
                for _ in range(3):
                    sender.send(celsius, time.time(), pose, camera)
                qtbot.waitUntil(lambda: fed(lambda: panel.view.inset is not None), timeout=10_000)
            finally:
                sender.close()
            assert (panel.view.inset.width(), panel.view.inset.height()) == (640, 512)
            inset = panel.view.inset_rect()
            frame = panel.view.frame_rect()
            assert frame.contains(inset) and inset.width() == pytest.approx(frame.width() * 0.3, abs=1)
            assert inset.height() == pytest.approx(inset.width() * 512 / 640, abs=1)
            hover(panel, inset.center())
            assert panel._hovered is None  # the probe does not read the main frame under the inset

            # swapped: the thermal camera large, the colour stream in the corner
            panel.source.setCurrentIndex(panel.source.findData("thermal"))
            qtbot.waitUntil(lambda: fed(lambda: panel.view.image is not None and panel.view.image.width() == 640
                                        and panel.view.inset is not None and panel.view.inset.width() == 320),
                            timeout=10_000)
            screen = panel.view.grab().toImage()
            centre = panel.view.inset_rect().center().toPoint()
            assert QColor(screen.pixel(centre)).red() > 150  # the red jacket, over the thermal picture
            screen.save(str(tmp_path / "thermal-with-colour-inset.png"))
            panel.pip.setChecked(False)
            qtbot.waitUntil(lambda: panel.view.inset is None, timeout=3000)

        # a vehicle whose camera shows no colour stream: said, and nothing else is opened
        selected["id"] = 7
        panel.source.setCurrentIndex(panel.source.findData("colour"))
        qtbot.waitUntil(lambda: fed(lambda: "Vehicle 7 has shown no colour camera." in panel.status.text()),
                        timeout=3000)
        assert panel.view.image is None
        panel.close_stream()


def thermal_uri(engine: Engine, vehicle_id: int) -> str:
    """The rtsp:// address vehicle `vehicle_id`'s camera advertises for its white-hot video, or ""."""
    view = engine.snapshot().vehicles.get(vehicle_id)
    cameras = view.state.cameras if view is not None else {}
    return next((s.uri for c in cameras.values() for s in c.streams if s.thermal and s.uri.startswith("rtsp://")), "")


def person_boxes(panel) -> bool:
    return any(colour == BOX_COLOURS["person"] for _, _, colour in panel.view.boxes)


@pytest.mark.timeout(150)
def test_a_typed_in_stream_bound_to_a_vehicle_gives_its_findings_and_unbound_only_boxes(qtbot, tmp_path):
    """Drone 1 hovers over a walker of the Schengen scenario and serves its white-hot video over RTSP (its
    radiometric frames go elsewhere: only the typed-in stream can find anyone). Unbound: person boxes and
    no finding. Bound to vehicle 1 (the choice kept while the vehicle list refreshes and drone 2's link is
    lost): a finding of vehicle 1 where the walker is. Bound to drone 2: the status line says why nothing
    is found."""
    from drivers.video.radiometric_link import RadiometricReceiver
    from sitl.camera.rtsp import RtspServer
    from sitl.vehicle import SimulatedFleet
    from vision.findings import distance_m

    walker = next(p for p in SCENARIO.persons if p.id == "p5")  # alone in the middle of the meadow
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine, \
            SimulatedFleet(count=2, home=(walker.lat, walker.lon, SCENARIO.ground_alt_m), speedup=5.0, seed=5,
                           gcs=("127.0.0.1", int(engine.links[0].rsplit(":", 1)[1])), base_port=0) as fleet, \
            RadiometricReceiver() as elsewhere, RtspServer() as server:
        panel = shown_panel(qtbot, engine)
        fed = feeder(panel, engine)

        def offered() -> list[tuple[int, str]]:
            return [(panel.camera_of.itemData(i), panel.camera_of.itemText(i)) for i in range(panel.camera_of.count())]

        # every vehicle the station knows is offered, and none (boxes only) is the choice at first
        qtbot.waitUntil(lambda: fed(lambda: len(offered()) == 3), timeout=15_000)
        assert offered() == [(0, "Camera of: none (boxes only)"), (1, "Camera of vehicle 1"),
                             (2, "Camera of vehicle 2")]
        assert panel.camera_of.currentData() == 0
        qtbot.waitUntil(lambda: fed(lambda: (v := engine.snapshot().vehicles[1]).state.home is not None
                                    and v.state.gps_fix.startswith("3D")), timeout=20_000)
        engine.point_gimbal(1, -90.0, 0.0).result(timeout=10)
        with LiveCamera(fleet, SCENARIO, {1: elsewhere.address}, fps=1.0, video=server):
            qtbot.waitUntil(lambda: fed(lambda: bool(thermal_uri(engine, 1))), timeout=10_000)
            uri = thermal_uri(engine, 1)
            engine.arm(1).result(timeout=10)
            engine.takeoff(1, 60.0).result(timeout=10)
            fleet.wait_until(lambda: fleet.vehicles[0].truth().alt_rel > 59.5, 60)

            # unbound: the walker boxed in every frame, but nothing is placed on the map
            panel.url.setText(uri)
            choose(panel, THERMAL_PERSON)
            QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
            assert engine.stream.status().vehicle_id is None
            qtbot.waitUntil(lambda: fed(lambda: person_boxes(panel)), timeout=20_000)
            done = engine.stream.status().processed
            qtbot.waitUntil(lambda: fed(lambda: engine.stream.status().processed >= done + 8), timeout=20_000)
            assert engine.sharing.store.all() == [] and "findings" not in panel.status.text()

            # bound to vehicle 1: the stream on screen is opened again for it at once
            panel.camera_of.setCurrentIndex(panel.camera_of.findData(1))
            assert (engine.stream.status().uri, engine.stream.status().vehicle_id) == (uri, 1)
            # drone 2 falls silent meanwhile: the list says so and keeps the choice
            fleet.vehicles[1].faults.link_cut = True
            qtbot.waitUntil(lambda: fed(lambda: (2, "Camera of vehicle 2 (link lost)") in offered()), timeout=15_000)
            assert panel.camera_of.currentData() == 1 and panel.camera_of.currentText() == "Camera of vehicle 1"
            qtbot.waitUntil(lambda: fed(lambda: "findings: 1 new, " in panel.status.text()), timeout=30_000)
            assert "no findings" not in panel.status.text()
            findings = engine.sharing.store.all()

            # bound to drone 2, whose position the station no longer hears: boxes, and the reason said
            panel.camera_of.setCurrentIndex(panel.camera_of.findData(2))
            assert engine.stream.status().vehicle_id == 2
            qtbot.waitUntil(lambda: fed(lambda: "no findings: no position of vehicle 2 at the frame's time"
                                        in panel.status.text()), timeout=20_000)
            assert person_boxes(panel)
        panel.close_stream()

    (found,) = findings
    assert found.kind == "person" and found.source.endswith("-1")
    assert distance_m(walker.lat, walker.lon, found.lat, found.lon) < 5.0



def readable(box: QComboBox, text: str) -> bool:
    """The whole text fits in the closed box, beside its arrow (as the style lays it out)."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    room = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                      QStyle.SubControl.SC_ComboBoxEditField, box)
    return box.fontMetrics().horizontalAdvance(text) <= room.width()


def test_every_choice_of_the_video_dock_is_readable_at_1366x768_with_its_detail_in_a_tooltip(qtbot, window):
    window.video_dock.toggleViewAction().trigger()  # opened over the flight column, as the pilot does
    qtbot.waitUntil(lambda: not window.video_dock.visibleRegion().isEmpty(), timeout=3000)
    panel = window.video
    boxes = (panel.source, panel.palette, panel.span, panel.camera_of, panel.detector)
    try:
        for language in ("en", "fr", "de"):
            window.field.set_language(language)
            qtbot.wait(150)  # the new words, then the layout around them
            assert window.size().toTuple() == (1366, 768) and window.field.pane.width() >= 600, language
            for box in boxes:
                for i in range(box.count()):
                    text = box.itemText(i)
                    assert readable(box, text), f"{language}: {text!r} is cut off in a {box.width()} px box"
            panel.source.setCurrentIndex(panel.source.findData("thermal"))
            panel.span.setCurrentIndex(panel.span.findData("search"))
            assert "-10" in panel.span.toolTip() and "50" in panel.span.toolTip()  # the span's range, in full
            assert panel.source.toolTip() == panel.source.itemData(0, Qt.ItemDataRole.ToolTipRole)
        window.field.set_language("en")
        qtbot.wait(150)
        assert panel.source.toolTip() == "Thermal camera of the selected vehicle"
        assert panel.span.toolTip() == "Search span: -10 to 50 °C"
        panel.span.setCurrentIndex(panel.span.findData("fire"))
        assert panel.span.toolTip() == "Fire span: 0 to 750 °C"  # the tooltip follows the choice
    finally:
        window.field.set_language("en")
