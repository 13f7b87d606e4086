"""The window in the field: offline map tiles, coordinates, alerts, themes, shortcuts, languages, layout."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pyproj import Geod
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDockWidget, QLabel,
                               QScrollArea)

from drivers.mavlink import events
from groundstation.core.tiles import TileSource
from missions.coordinates import from_mgrs, to_mgrs

TILE_RGB = (30, 160, 60)
SCREENSHOT = Path("/work/notes/screenshot-fr-night.png")


def png(rgb: tuple[int, int, int]) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(*rgb))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


class TileServer:
    """XYZ tiles on loopback; counts every connection it accepts (what offline mode must never cause)."""

    def __init__(self, fail: set[str] | None = None, delay_s: float = 0.0) -> None:
        self.connections = 0
        self.requests: list[str] = []
        self.fail = fail if fail is not None else set()
        self.delay_s = delay_s
        body = png(TILE_RGB)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                time.sleep(server.delay_s)
                if self.path in server.fail:
                    self.send_error(503)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        class CountingServer(ThreadingHTTPServer):
            daemon_threads = True

            def get_request(self):
                server.connections += 1
                return super().get_request()

        self.httpd = CountingServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def source(self, source_id: str = "local") -> TileSource:
        return TileSource(source_id, "Local test tiles", f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png",
                          "© test tiles", max_connections=4)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tile_server():
    server = TileServer()
    yield server
    server.stop()


def map_centre_colour(win) -> QColor:
    image = win.map.grab().toImage()
    return image.pixelColor(image.width() // 2 + 40, image.height() // 2 + 60)


def map_covered(win) -> bool:
    """Repaint, and say whether tiles now cover the whole map."""
    win.map.repaint()
    return win.map.tiles_wanted > 0 and win.map.tiles_drawn == win.map.tiles_wanted


def show_local_tiles(qtbot, win, server: TileServer, lat=49.47, lon=6.37) -> None:
    win.field.tiles.service.sources.add(server.source(), replace=True)
    win.field.pane.show_sources(win.field.tiles, "local")
    win.field.set_source("local")
    win.map.center_on(lat, lon, mark=False)
    qtbot.waitUntil(lambda: map_covered(win), timeout=10_000)


def test_tiles_from_a_server_stay_after_it_stops_and_offline_asks_nothing(qtbot, window, tile_server):
    win = window
    show_local_tiles(qtbot, win, tile_server)
    assert map_centre_colour(win).getRgb()[:3] == TILE_RGB
    assert "© test tiles" in _painted_attribution(win)
    z = win.map.tile_zoom()
    assert tile_server.requests and all(p.startswith(f"/{z}/") for p in tile_server.requests)

    # The server goes away: the cached area still shows, read back from the disk cache.
    tile_server.stop()
    win.field.tiles.forget()
    win.map.repaint()
    qtbot.waitUntil(lambda: map_covered(win), timeout=10_000)
    assert map_centre_colour(win).getRgb()[:3] == TILE_RGB

    # Offline: a running server sees no connection at all, even for an area never cached.
    second = TileServer()
    try:
        win.field.tiles.service.sources.add(second.source(), replace=True)
        win.field.set_offline(True)
        assert win.field.pane.offline.isChecked() and win.field.settings.map_offline
        win.field.tiles.forget()
        win.map.center_on(48.0, 2.0, mark=False)  # never fetched
        for _ in range(10):
            win.map.repaint()
            qtbot.wait(50)
        assert second.connections == 0 and second.requests == []
        assert win.map.tiles_drawn == 0
        win.map.center_on(49.47, 6.37, mark=False)  # the cached area
        qtbot.waitUntil(lambda: map_covered(win), timeout=10_000)
        assert second.connections == 0
        # Back online, the same view asks the server again.
        win.field.set_offline(False)
        win.map.center_on(48.0, 2.0, mark=False)
        qtbot.waitUntil(lambda: win.map.repaint() or second.connections > 0, timeout=10_000)
    finally:
        second.stop()


def _painted_attribution(win) -> str:
    source = win.field.tiles.service.sources.get(win.map.source_id)
    return source.attribution if win.map.tiles_drawn else ""


def test_prefetch_with_pause_resume_and_retry(qtbot, window):
    win = window
    from groundstation.core.tiles_grid import tile_at
    failing = tile_at(49.5, 6.3, 12)
    bad = f"/{failing.z}/{failing.x}/{failing.y}.png"  # a tile the server cannot give until it recovers
    server = TileServer(fail={bad}, delay_s=0.03)
    try:
        win.field.tiles.service.retry_delay_s = 0.01
        win.field.tiles.service.sources.add(server.source(), replace=True)
        win.field.set_source("local")
        dialog = win.field.open_prefetch()
        dialog.set_area(49.40, 6.20, 49.55, 6.45)
        dialog.low.setValue(11)
        dialog.high.setValue(12)
        assert "tiles" in dialog.estimate_text.text()
        total = sum(dialog.loader.service.estimate("local", dialog.prefetch_area(), range(11, 13)).per_zoom.values())
        assert total > 8
        assert dialog.run()
        qtbot.waitUntil(lambda: dialog.last is not None and dialog.last.state == "running" and dialog.last.done >= 2,
                        timeout=10_000)
        qtbot.mouseClick(dialog.pause, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.last.state == "paused", timeout=5000)
        assert dialog.resume.isEnabled() and not dialog.pause.isEnabled()
        qtbot.wait(300)
        done = dialog.last.done
        qtbot.wait(300)
        assert dialog.last.done <= done + 4  # only the tiles already in flight finish while paused
        qtbot.mouseClick(dialog.resume, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.last.state == "finished", timeout=20_000)
        assert dialog.last.failed == 1 and dialog.bar.value() == dialog.bar.maximum() == total
        assert dialog.retry.isEnabled()
        server.fail.clear()  # the server is back
        qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.last.state == "finished" and dialog.last.failed == 0, timeout=10_000)
        assert server.requests.count(bad) >= 2
        estimate = dialog.loader.service.estimate("local", dialog.prefetch_area(), range(11, 13))
        assert estimate.cached == total
        dialog.close()
    finally:
        server.stop()


def test_search_box_and_coordinate_formats(qtbot, window):
    win = window
    pane = win.field.pane
    pane.search.setText("32U LV 26936 81868")
    assert pane.find()
    lat, lon = from_mgrs("32U LV 26936 81868")
    centre = win.map.ground_point(QPointF(win.map.width() / 2, win.map.height() / 2))
    assert abs(centre[0] - lat) < 1e-6 and abs(centre[1] - lon) < 1e-6
    assert win.map.marker == pytest.approx((lat, lon))

    # Something that is no position: a clear message, the text kept for correcting, the map unmoved.
    pane.search.setText("49.47 nord-ish")
    assert not pane.find()
    assert pane.search.text() == "49.47 nord-ish" and pane.message.text()
    assert win.map.ground_point(QPointF(win.map.width() / 2, win.map.height() / 2)) == pytest.approx(centre)

    # MGRS chosen: the telemetry panel and the clipboard use it.
    win.field.set_format("mgrs")
    state = win.selected_state()
    expected = to_mgrs(state.lat, state.lon)
    qtbot.waitUntil(lambda: win.telemetry.values["Position"].text()[:9] == expected[:9], timeout=3000)
    qtbot.mouseClick(pane.copy, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied[:9] == expected[:9] and from_mgrs(copied) == pytest.approx((state.lat, state.lon), abs=2e-4)
    assert win.field.settings.map_source and (win.engine.data_dir.settings_file.read_text().count('"mgrs"') == 1)


def test_measure_tool_gives_geodesic_distance_and_area(qtbot, window):
    win = window
    win.field.pane.measure.click()
    assert win.map.tool == "measure"
    corners = [QPointF(100, 100), QPointF(300, 100), QPointF(300, 250)]
    for pt in corners:
        qtbot.mouseClick(win.map, Qt.MouseButton.LeftButton, pos=pt.toPoint())
    points = [win.map.ground_point(pt) for pt in corners]
    lats, lons = zip(*points)
    geod = Geod(ellps="WGS84")
    length, area = win.map.measurement()
    assert length == pytest.approx(geod.line_length(lons, lats), rel=1e-6)
    assert area == pytest.approx(abs(geod.polygon_area_perimeter(lons, lats)[0]), rel=1e-6)
    qtbot.keyClick(win.map, Qt.Key.Key_Escape)
    assert win.map.tool == "" and not win.field.pane.measure.isChecked()


def test_alerts_stay_until_acknowledged_and_sound(qtbot, window):
    win = window
    alerts = win.field.alerts
    alerts.sound = False  # counted, not played, under the test runner
    win.field.on_event(events.StatusText(2, 2, "Geofence breached, action: Return"))
    win.field.on_event(events.StatusText(2, 2, "Geofence breached, action: Return"))  # not doubled
    win.field.on_event(events.LinkLost(3, 3.2))
    assert alerts.isVisible() and len(alerts.texts()) == 2 and alerts.beeps == 2  # one per alert raised
    assert any("geofence" in t and "Return" in t for t in alerts.texts())
    qtbot.wait(600)
    assert len(alerts.texts()) == 2  # still there: nobody acknowledged
    key = next(k for k in alerts.buttons if k[1] == "3")
    qtbot.mouseClick(alerts.buttons[key], Qt.MouseButton.LeftButton)
    assert len(alerts.texts()) == 1 and alerts.isVisible()
    alerts.acknowledge_all()
    assert not alerts.isVisible() and alerts.texts() == []


def test_themes_apply_and_night_is_red_and_dimmable(qtbot, window):
    win = window
    try:
        win.field.set_theme("night")
        win.field.set_brightness(100)
        bright = QApplication.palette().color(QApplication.palette().ColorRole.WindowText)
        assert bright.red() > 3 * max(bright.green(), bright.blue(), 1) // 2 and bright.red() > 200
        image = win.map.grab().toImage()
        colours = [image.pixelColor(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)]
        assert all(c.green() <= c.red() and c.blue() <= c.red() for c in colours)
        win.field.set_brightness(30)
        dim = QApplication.palette().color(QApplication.palette().ColorRole.WindowText)
        assert dim.red() < bright.red() * 0.4
        win.field.set_large_controls(True)
        qtbot.wait(50)
        assert win.commands.arm.height() >= 36
    finally:
        win.field.set_large_controls(False)
        win.field.set_theme("day")
    window_colour = QApplication.palette().color(QApplication.palette().ColorRole.Window)
    assert window_colour.lightness() > 240
    saved = win.engine.data_dir.settings_file.read_text()
    assert '"theme": "day"' in saved and '"night_brightness": 30' in saved


def text_colours(label: QLabel) -> list[QColor]:
    """The colours of a label's lettering: pixels that differ from its background."""
    image = label.grab().toImage()
    background = image.pixelColor(0, 0)
    pixels = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    return [c for c in pixels if abs(c.lightness() - background.lightness()) > 60]


def test_status_lines_follow_the_theme_and_night_shows_no_green(qtbot, window):
    win = window
    win._say("vehicle 1: armed", ok=True)
    win.command_status.resize(300, 30)
    assert any(c.green() > 2 * c.red() for c in text_colours(win.command_status))  # confirmed in green by day
    try:
        win.field.set_theme("night")
        win.field.set_brightness(100)
        night = text_colours(win.command_status)  # the line shown before the switch is recoloured
        assert night and all(c.green() <= c.red() and c.blue() <= c.red() for c in night)
        win._say("vehicle 1: arming refused", ok=False)
        assert "bold" in win.command_status.styleSheet()
        assert all(c.green() <= c.red() for c in text_colours(win.command_status))
    finally:
        win.field.set_theme("day")
    assert "#b71c1c" in win.command_status.styleSheet()  # a failure in red again by day


def test_shortcuts_send_commands_after_confirmation(qtbot, window, pilot):
    win = window
    win.activateWindow()
    pilot.accept = False
    qtbot.keyClick(win, Qt.Key.Key_F5)  # arm, refused by the pilot
    assert pilot.questions and "Arm vehicle 1" in pilot.questions[-1][1]
    assert win.outcomes == [] and "cancelled" in win.command_status.text()
    pilot.accept = True
    qtbot.keyClick(win, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: any(o.label == "arm" for o in win.outcomes), timeout=5000)
    asked = len(pilot.questions)
    qtbot.keyClick(win, Qt.Key.Key_F8)  # hold: the safe command asks nothing
    qtbot.waitUntil(lambda: any(o.label == "hold" for o in win.outcomes), timeout=5000)
    assert len(pilot.questions) == asked
    assert "F6" in win.commands.takeoff.toolTip()


@pytest.mark.parametrize("language,take_off,vehicles", [("fr", "Décoller", "Vecteurs"), ("de", "Starten", "Fahrzeuge")])
def test_language_switch_relabels_the_window(qtbot, window, language, take_off, vehicles):
    win = window
    try:
        win.field.set_language(language)
        qtbot.waitUntil(lambda: win.commands.takeoff.text() == take_off, timeout=3000)
        assert win.fleet_box.title() == vehicles
        header = win.vehicle_list.model().headerData(4, Qt.Orientation.Horizontal)
        assert header == {"fr": "Batterie", "de": "Akku"}[language]
        assert win.field.flight_menu.title() in ("&Vol", "&Flug")
    finally:
        win.field.set_language("en")
    qtbot.waitUntil(lambda: win.commands.takeoff.text() == "Take off", timeout=3000)


def test_screenshots_in_each_language_and_theme_with_nothing_cut_off(qtbot, window, tmp_path):
    win = window
    try:
        for language in ("en", "fr", "de"):
            win.field.set_language(language)
            for theme in ("day", "night"):
                win.field.set_theme(theme)
                qtbot.wait(250)
                path = tmp_path / f"main-{language}-{theme}.png"
                assert win.grab().save(str(path))
                assert QImage(str(path)).size().toTuple() == (1366, 768)
                if (language, theme) == ("fr", "night") and SCREENSHOT.parent.is_dir():
                    win.grab().save(str(SCREENSHOT))
                assert_nothing_cut_off(win, f"{language}/{theme}")
    finally:
        win.field.set_language("en")
        win.field.set_theme("day")


def assert_nothing_cut_off(win, where: str) -> None:
    QApplication.sendPostedEvents()  # the layouts catch up with texts the last tick changed (the frame count)
    bounds = win.rect()
    smallest = win.minimumSizeHint()
    assert smallest.width() <= 1366 and smallest.height() <= 700, f"{where}: window needs {smallest}"
    for widget in win.findChildren(QLabel) + win.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text() or behind_a_tab(widget):
            continue
        corner = widget.mapTo(win, QPoint(0, 0))
        assert bounds.contains(corner) and bounds.contains(corner + QPoint(widget.width() - 1, widget.height() - 1)), \
            f"{where}: {widget.text()!r} is outside the window"
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        area = scroll_area_around(widget)
        if area is not None:  # inside a panel that scrolls: in sight without scrolling
            seen = area.viewport().rect()
            corner = widget.mapTo(area.viewport(), QPoint(0, 0))
            assert seen.contains(corner) and seen.contains(corner + QPoint(widget.width() - 1, widget.height() - 1)), \
                f"{where}: {widget.text()!r} is scrolled out of sight"
        needed = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
        if isinstance(widget, (QAbstractButton, QCheckBox)):
            needed = widget.minimumSizeHint().width()
        assert widget.width() >= needed, f"{where}: {widget.text()!r} is cut off ({widget.width()} < {needed} px)"


def in_sight(widget) -> bool:
    return not widget.visibleRegion().isEmpty()


def behind_a_tab(widget) -> bool:
    """In a dock whose tab is not the selected one (Qt moves such docks out of the window, still "visible")."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent is not None and not parent.isFloating() and not in_sight(parent)


def scroll_area_around(widget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


@pytest.fixture
def field_window(qtbot, demo_engine, pilot):
    """The window as the station opens it: with the robots' panel, at the field laptop's size."""
    from groundstation.ui.app import WINDOW_SIZE
    from groundstation.ui.main_window import MainWindow

    win = MainWindow(demo_engine, robots=demo_engine.robots)
    win.confirm = pilot
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.vehicle_list.fleet.rowCount() == 3, timeout=10_000)
    yield win
    win.close()


def test_each_panel_opens_beside_the_map_at_1366x768_with_nothing_cut_off(qtbot, field_window, tmp_path):
    win = field_window
    docks = [win.findings_dock, win.robots_dock, win.plan_dock, win.video_dock, win.params_dock]
    assert set(docks) == set(win.side_docks)
    try:
        for language in ("en", "fr", "de"):
            win.field.set_language(language)
            rendered_in_new_words(qtbot, win)  # the column's texts set its width
            for dock in docks:
                open_and_close(qtbot, win, dock, f"{language}/{dock.objectName()}", tmp_path)
            assert_nothing_cut_off(win, f"{language}/flight")
    finally:
        win.field.set_language("en")


def rendered_in_new_words(qtbot, win) -> None:
    """The window takes the new language (a posted event), then its next render tick shows the fleet in
    it. On a busy machine that tick may come well after 250 ms: wait for the tick, not for a time."""
    QApplication.sendPostedEvents()
    with qtbot.waitSignal(win.timer.timeout, timeout=3000):
        pass
    qtbot.wait(100)  # the layout takes the column's new width


def open_and_close(qtbot, win, dock: QDockWidget, where: str, shots: Path) -> None:
    """Open the panel as the pilot does, check it is whole beside the map, close it: the map gets its room back."""
    column = win.flight_dock.width()
    dock.toggleViewAction().trigger()  # what the status-bar button or the View menu does
    qtbot.waitUntil(lambda: in_sight(dock) and not in_sight(win.flight_dock), timeout=3000)
    qtbot.wait(100)
    assert win.grab().save(str(shots / f"{where.replace('/', '-')}.png"))
    assert win.size().toTuple() == (1366, 768), f"{where}: the window grew"
    assert not dock.isFloating() and dock.x() < win.field.pane.x(), where  # beside the map
    panel = dock.widget()
    assert not panel.horizontalScrollBar().isVisible() and not panel.verticalScrollBar().isVisible(), \
        f"{where}: the panel needs {panel.widget().minimumSizeHint().toTuple()}, has {panel.viewport().size()}"
    assert win.field.pane.width() >= 600, f"{where}: the map is squeezed to {win.field.pane.width()} px"
    assert_nothing_cut_off(win, where)
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: in_sight(win.flight_dock) and not dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: column_is_back(win, column, where), timeout=3000)


def column_is_back(win, width: int, where: str) -> None:
    assert abs(win.flight_dock.width() - width) <= 2, \
        f"{where}: the column stays {win.flight_dock.width()} px, not {width}"


def test_window_layout_is_remembered(qtbot, window, demo_engine):
    from groundstation.ui.main_window import MainWindow

    win = window
    win.resizeDocks([win.flight_dock], [560], Qt.Orientation.Horizontal)
    win.field.plots_action.setChecked(False)
    win.plan_dock.show()
    qtbot.waitUntil(lambda: in_sight(win.plan_dock) and abs(win.plan_dock.width() - 560) <= 2, timeout=3000)
    win.close()
    again = MainWindow(demo_engine)
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    qtbot.waitExposed(again)
    try:
        qtbot.waitUntil(lambda: in_sight(again.plan_dock), timeout=3000)
        assert abs(again.plan_dock.width() - 560) <= 2
        assert not again.field.plots.isVisible()
    finally:
        again.field.plots_action.setChecked(True)
        again.close()


def test_a_layout_saved_by_an_older_window_is_not_restored(qtbot, window, demo_engine):
    from PySide6.QtCore import QSettings

    from groundstation.ui.main_window import LEFT_COLUMN_PX, MainWindow

    win = window
    win.plan_dock.show()
    qtbot.waitUntil(lambda: in_sight(win.plan_dock), timeout=3000)
    older = win.saveState()  # no version: as the window saved it before the panels opened over the column
    win.close()
    stored = QSettings(str(win.field.layout_file), QSettings.Format.IniFormat)
    stored.setValue("state", older)
    stored.sync()
    again = MainWindow(demo_engine)
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    qtbot.waitExposed(again)
    try:
        assert in_sight(again.flight_dock) and not again.plan_dock.isVisible()  # the layout a new station opens with
        assert abs(again.flight_dock.width() - LEFT_COLUMN_PX) <= 2
    finally:
        again.close()
