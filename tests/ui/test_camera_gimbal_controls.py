"""The camera and gimbal strip under the video, against the built-in simulator: a photo is taken by the
vehicle's camera, the pitch slider moves the gimbal when let go, "Point camera here" on the map turns it
towards that point and "Clear ROI" lets go; a refused command says the vehicle's reason."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QApplication, QMenu

from missions.geodesy import LatLon, destination


def open_controls(window):
    (video,) = [a for a in window.field.view_menu.actions() if a.text() == "Video"]
    video.trigger()
    assert window.video_dock.isVisible()
    return window.video.controls


def right_click_menu_entry(qtbot, win, pos: QPoint, text: str) -> None:
    """Right-click on the map and choose `text` in the one menu that opens."""
    QApplication.sendEvent(win.map, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, win.map.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: any(m.isVisible() for m in win.findChildren(QMenu)), timeout=2000)
    (menu,) = [m for m in win.findChildren(QMenu) if m.isVisible()]
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()
    menu.close()


def let_go_at(slider, value: int) -> None:
    """The pilot drags the slider's handle to `value` and lets go of it."""
    slider.setSliderDown(True)
    slider.setValue(value)
    slider.setSliderDown(False)  # emits sliderReleased, as letting go of the mouse does


def test_photo_pitch_and_look_at_move_the_simulated_camera(qtbot, window, demo):
    controls = open_controls(window)
    sim = demo.fleet.vehicles[0]
    assert window.selected_id == 1 == sim.system_id
    # The camera component the vehicle shows, with its stream, and the gimbal's attitude.
    qtbot.waitUntil(lambda: "rtsp://" in controls.camera_info.text() or "udp://" in controls.camera_info.text(),
                    timeout=10_000)
    qtbot.waitUntil(lambda: controls.attitude.text().startswith("Gimbal: pitch"), timeout=5000)

    photos = sim.truth().images_captured
    controls.photo.click()
    qtbot.waitUntil(lambda: sim.truth().images_captured == photos + 1, timeout=10_000)
    qtbot.waitUntil(lambda: controls.status.text() == "vehicle 1: photo done", timeout=5000)
    qtbot.waitUntil(lambda: f"{photos + 1} photo(s)" in controls.camera_info.text(), timeout=5000)

    # Dragging alone sends nothing; letting go points the gimbal.
    controls.pitch.setSliderDown(True)
    controls.pitch.triggerAction(QAbstractSlider.SliderAction.SliderMove)  # what a drag step does
    controls.pitch.setValue(-30)
    qtbot.wait(800)
    assert abs(sim.truth().gimbal_pitch_deg + 30) > 5 and controls.pitch.value() == -30  # not pulled back
    let_go_at(controls.pitch, -60)
    assert controls.pitch_label.text() == "Pitch -60°"
    qtbot.waitUntil(lambda: abs(sim.truth().gimbal_pitch_deg + 60) < 1, timeout=10_000)
    qtbot.waitUntil(lambda: controls.attitude.text().startswith("Gimbal: pitch -60°"), timeout=5000)
    assert controls.status.text() == "vehicle 1: gimbal pointing done"

    # Look at a map point 200 m east of the vehicle, on the ground: the gimbal turns and tips down to it.
    st = window.shown_snapshot.vehicles[1].state
    target, _ = destination(LatLon(st.lat, st.lon), 90.0, 200.0)
    where = window.map.screen_point(target.lat, target.lon)
    right_click_menu_entry(qtbot, window, where.toPoint(), "Point camera here")
    qtbot.waitUntil(lambda: controls.status.text() == "vehicle 1: look at done", timeout=10_000)
    roi = sim.autopilot.gimbal.roi
    assert roi is not None and math.isclose(roi[0], target.lat, abs_tol=1e-4) and math.isclose(roi[1], target.lon,
                                                                                              abs_tol=1e-4)
    # On the ground the target is level with the camera: the gimbal comes up from -60 towards the horizon,
    # and the slider, left alone, follows what the gimbal reports.
    qtbot.waitUntil(lambda: sim.truth().gimbal_pitch_deg > -5, timeout=10_000)
    qtbot.waitUntil(lambda: controls.pitch.value() > -5, timeout=10_000)

    controls.clear_roi.click()
    qtbot.waitUntil(lambda: controls.status.text() == "vehicle 1: clear ROI done", timeout=10_000)
    assert sim.autopilot.gimbal.roi is None

    # The keyboard: Page Down three times tips the camera 30 degrees, sent once the keys pause.
    start = controls.pitch.value()
    controls.pitch.setFocus()
    for _ in range(3):
        QTest.keyClick(controls.pitch, Qt.Key.Key_PageDown)
    assert controls.pitch.value() == start - 30
    qtbot.waitUntil(lambda: controls.status.text() == "vehicle 1: gimbal pointing done", timeout=10_000)
    qtbot.waitUntil(lambda: abs(sim.truth().gimbal_pitch_deg - (start - 30)) < 1, timeout=10_000)


def test_recording_toggles_and_a_refusal_says_why(qtbot, window, demo):
    controls = open_controls(window)
    sim = demo.fleet.vehicles[0]
    qtbot.waitUntil(lambda: "photo(s)" in controls.camera_info.text(), timeout=10_000)
    assert controls.record.text() == "Start recording"
    controls.record.click()
    qtbot.waitUntil(lambda: sim.camera.recording_since is not None, timeout=10_000)
    qtbot.waitUntil(lambda: controls.record.text() == "Stop recording", timeout=5000)
    controls.record.click()
    qtbot.waitUntil(lambda: sim.camera.recording_since is None, timeout=10_000)
    qtbot.waitUntil(lambda: controls.record.text() == "Start recording", timeout=5000)

    # The link is gone: the photo is not taken, and the engine's reason is shown in the failure style.
    photos = sim.truth().images_captured
    sim.faults.link_cut = True
    assert controls.take_photo()
    qtbot.waitUntil(lambda: "vehicle 1: photo FAILED:" in controls.status.text(), timeout=20_000)
    assert "b71c1c" in controls.status.styleSheet()
    assert sim.truth().images_captured == photos
