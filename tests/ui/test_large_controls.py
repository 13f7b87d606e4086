"""Large controls (gloves, touch) on a 1366x768 field laptop: bigger buttons and text, and still the whole
window on the screen, its status bar in sight; the event log and plots come back from the View menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QToolButton

from drivers.mavlink import events


def inside(win, widget) -> bool:
    corner = widget.mapTo(win, QPoint(0, 0))
    return win.rect().contains(corner) and win.rect().contains(corner + QPoint(widget.width() - 1, widget.height() - 1))


def test_large_controls_keep_the_whole_window_on_a_1366x768_screen(qtbot, window):
    field = window.field
    try:
        field.set_large_controls(True)
        for sid in range(11, 18):  # a busy moment: four alert rows and "3 more alerts" above the map
            field.alerts.raised(field.alerts.watch.on_event(events.LinkLost(system_id=sid, silent_s=3.0)))
        qtbot.wait(250)
        QApplication.sendPostedEvents()
        assert window.size().toTuple() == (1366, 768), f"the window grew to {window.size()}"
        assert window.minimumSizeHint().height() <= 768, f"the window needs {window.minimumSizeHint()}"
        bar = window.statusBar()
        assert bar.isVisible() and inside(window, bar), "the status bar is off the screen"
        for button in bar.findChildren(QToolButton):  # Findings, Plan: whole, where a gloved finger finds them
            assert inside(window, button) and button.width() >= button.minimumSizeHint().width(), button.text()
        assert not window.event_log.isVisible() and not field.plots.isVisible()  # hidden to make room
        assert not field.events_action.isChecked() and not field.plots_action.isChecked()
        field.events_action.trigger()  # View > Event log: the pilot wants it back
        qtbot.waitUntil(window.event_log.isVisible, timeout=2000)
        field.set_large_controls(False)  # normal controls: both back
        qtbot.waitUntil(lambda: window.event_log.isVisible() and field.plots.isVisible(), timeout=2000)
    finally:
        field.set_large_controls(False)
