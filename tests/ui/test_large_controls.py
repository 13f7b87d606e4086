"""Large controls (gloves, touch) on a 1366x768 field laptop, in English, French and German: bigger buttons
and text, and still the whole window on the screen, its status bar in sight, every map tool whole (they wrap
onto a second row where a translation is long); the event log and plots come back from the View menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QToolButton

from drivers.mavlink import events


def inside(win, widget) -> bool:
    corner = widget.mapTo(win, QPoint(0, 0))
    return win.rect().contains(corner) and win.rect().contains(corner + QPoint(widget.width() - 1, widget.height() - 1))


def on_window(win, widget) -> QRect:
    return QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_large_controls_keep_the_whole_window_on_a_1366x768_screen(qtbot, window, language):
    field = window.field
    try:
        field.set_language(language)
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
        pane = field.pane
        tools = (pane.source, pane.offline, pane.mgrs, pane.measure, pane.prefetch)
        for tool in (*tools, pane.copy, window.telemetry):  # whole: no cut-off word, nothing off the screen
            assert inside(window, tool) and tool.width() >= tool.minimumSizeHint().width(), tool
        for tool in (pane.offline, pane.mgrs, pane.measure, pane.prefetch):
            assert tool.width() >= tool.sizeHint().width(), tool.text()
        shown = [on_window(window, tool) for tool in tools]
        assert not any(a.intersects(b) for i, a in enumerate(shown) for b in shown[i + 1:]), shown
        assert all(r.bottom() < on_window(window, window.map).top() for r in shown)  # above the map, not on it
        assert not window.event_log.isVisible() and not field.plots.isVisible()  # hidden to make room
        assert not field.events_action.isChecked() and not field.plots_action.isChecked()
        field.events_action.trigger()  # View > Event log: the pilot wants it back
        qtbot.waitUntil(window.event_log.isVisible, timeout=2000)
        field.set_large_controls(False)  # normal controls: both back
        qtbot.waitUntil(lambda: window.event_log.isVisible() and field.plots.isVisible(), timeout=2000)
    finally:
        field.set_large_controls(False)
        field.set_language("en")
