"""Findings in the main window, as the operator uses them: mark here on the map, the list, the map
markers, confirm / dismiss / annotate / resolve with history, and the partners' delivery state."""

from __future__ import annotations

import http.server
import threading
import uuid
from datetime import datetime, timezone

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.core.findings import Finding
from groundstation.ui.findings_panel import STATUS_COLOURS, source_words

ORIGIN = (49.4712, 6.3688)


class CommandPost(http.server.BaseHTTPRequestHandler):
    """A partner that acknowledges every POST."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def command_post():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CommandPost)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def station(tmp_path, command_post):
    data = DataDir.open(tmp_path / "data")
    (data.root / "settings.json").write_text('{"operator": "Lt. Weber", "station_id": "gs-lu-1"}')
    (data.root / "partners.toml").write_text(f"""
[[partner]]
name = "Liege-map"
country = "BE"
language = "fr"
format = "geojson"
transport = "https"
endpoint = "http://127.0.0.1:{command_post}/findings"
allow_insecure = true

[[partner]]
name = "SDIS57"
country = "FR"
language = "fr"
format = "cap"
transport = "https"
endpoint = "http://127.0.0.1:1/alerts"
allow_insecure = true
""")
    with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        yield engine


@pytest.fixture
def window(qtbot, station):
    from groundstation.ui.main_window import MainWindow

    win = MainWindow(station)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.map.ensure_origin(*ORIGIN)  # as the first vehicle or robot with a position does
    win.findings_dock.show()
    yield win
    win.close()


def right_click_mark_here(qtbot, win, pos: QPoint) -> None:
    """Right-click on the map and choose "Mark here…" in the one menu that opens."""
    QApplication.sendEvent(win.map, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, win.map.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: any(m.isVisible() for m in win.findChildren(QMenu)), timeout=2000)
    (menu,) = [m for m in win.findChildren(QMenu) if m.isVisible()]
    (action,) = [a for a in menu.actions() if a.text() == "Mark here…"]
    action.trigger()
    menu.close()


def row(panel, r: int) -> list[str]:
    return [panel.list.item(r, c).text() for c in range(panel.list.columnCount())]


def history(panel) -> list[tuple[str, str, str]]:
    h = panel.history
    return [(h.item(r, 1).text(), h.item(r, 2).text(), h.item(r, 3).text()) for r in range(h.rowCount())]


def test_mark_here_from_the_map_puts_the_finding_in_the_list_and_on_the_map(qtbot, window, station):
    win, panel = window, window.findings
    asked = []
    panel.ask_mark = lambda lat, lon: asked.append((lat, lon)) or ("person", "two people waving on the roof")
    pos = QPoint(win.map.width() // 2 + 40, win.map.height() // 2 - 30)
    clicked = win.map.ground_point(QPointF(pos))
    right_click_mark_here(qtbot, win, pos)
    qtbot.waitUntil(lambda: len(panel.shown_ids) == 1, timeout=3000)

    assert row(panel, 0)[:2] == ["Person", "confirmed"]  # placed by a person: confirmed at once
    assert row(panel, 0)[3:] == ["by hand", "±10 m", "two people waving on the roof"]
    assert panel.list.item(0, 3).toolTip() == "marked by hand at station gs-lu-1"
    finding = station.snapshot().findings[0]
    assert (finding.lat, finding.lon) == pytest.approx(asked[0]) and asked[0] == pytest.approx(clicked)
    assert "Findings: 1 (0 unconfirmed)" == win.findings_dock.windowTitle()

    # On the map, where it was marked, in the colour of its status.
    qtbot.waitUntil(lambda: len(win.findings_layer.findings) == 1, timeout=2000)
    image = win.map.grab().toImage()
    pos = win.map.screen_point(finding.lat, finding.lon).toPoint()  # the map may have refitted since
    assert image.pixelColor(pos) == STATUS_COLOURS["confirmed"]

    # A click on the marker selects it in the list; its history says who marked it.
    panel.select(None)
    qtbot.mouseClick(win.map, Qt.MouseButton.LeftButton, pos=pos)
    assert panel.selected_id == finding.id and panel.list.selectedItems()
    qtbot.waitUntil(lambda: history(panel) == [("Lt. Weber", "created", "two people waving on the roof")],
                    timeout=3000)


def record_detection(engine: Engine, jpeg: bytes | None):
    """A detector's finding (unconfirmed, from a drone), written by the engine thread like the pipeline does."""
    def record():
        return engine.sharing.store.record(kind="hotspot", lat=ORIGIN[0] + 0.0003, lon=ORIGIN[1], h_acc_m=6.0,
                                           source="gs-lu-1-2", who="detector", confidence=0.83, temp_c=212.0,
                                           snapshot_jpeg=jpeg)
    return engine._on_loop(record).result(5)


def test_confirm_annotate_dismiss_resolve_change_the_status_and_keep_who_and_when(qtbot, window, station):
    panel = window.findings
    frame = np.zeros((90, 120, 3), np.uint8)
    cv2.circle(frame, (60, 45), 20, (255, 255, 255), -1)
    finding = record_detection(station, cv2.imencode(".jpg", frame)[1].tobytes())
    qtbot.waitUntil(lambda: panel.shown_ids == [finding.id], timeout=3000)
    assert row(panel, 0)[:5] == ["Hotspot", "unconfirmed", row(panel, 0)[2], "2", "±6 m"]  # vehicle 2, as the pilot says
    assert panel.list.item(0, 3).toolTip() == "vehicle 2 of station gs-lu-1"

    panel.select(finding.id)
    qtbot.waitUntil(lambda: panel.preview.pixmap() is not None and not panel.preview.pixmap().isNull(), timeout=3000)
    assert "212 °C" in panel.summary.text() and "confidence 83%" in panel.summary.text()
    assert "by vehicle 2 of station gs-lu-1" in panel.summary.text()

    def status() -> str:
        return row(panel, 0)[1]

    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status() == "confirmed", timeout=3000)
    assert not panel.confirm.isEnabled()

    answers = iter(["crew sent from Schengen", "false alarm: a barbecue", "extinguished by the crew"])
    panel.ask_text = lambda title, prompt: next(answers)
    qtbot.mouseClick(panel.annotate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row(panel, 0)[5] == "crew sent from Schengen", timeout=3000)
    qtbot.mouseClick(panel.dismiss, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status() == "dismissed", timeout=3000)
    qtbot.mouseClick(panel.resolve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status() == "resolved", timeout=3000)

    qtbot.waitUntil(lambda: len(history(panel)) == 5, timeout=3000)
    assert history(panel) == [
        ("detector", "created", ""),
        ("Lt. Weber", "confirmed", ""),
        ("Lt. Weber", "annotated", "crew sent from Schengen"),
        ("Lt. Weber", "dismissed", "false alarm: a barbecue"),
        ("Lt. Weber", "resolved", "extinguished by the crew"),
    ]
    assert all(panel.history.item(r, 0).toolTip() for r in range(5))  # the full time, on hover
    assert [c.what for c in station.sharing.store.history(finding.id)][-1] == "resolved"  # kept in the store


def test_a_blank_note_or_a_cancelled_dialog_changes_nothing(qtbot, window, station):
    panel = window.findings
    finding = record_detection(station, None)
    qtbot.waitUntil(lambda: panel.shown_ids == [finding.id], timeout=3000)
    panel.select(finding.id)
    qtbot.waitUntil(lambda: len(history(panel)) == 1, timeout=3000)
    assert panel.preview.text() == "No snapshot"

    panel.ask_text = lambda title, prompt: "   "
    assert panel.annotate_selected() is False
    assert "needs some text" in panel.status.text()
    panel.ask_text = lambda title, prompt: None  # the operator pressed Cancel
    assert panel.dismiss_selected() is False and panel.resolve_selected() is False
    panel.ask_mark = lambda lat, lon: None
    assert panel.mark_here(*ORIGIN) is False
    qtbot.wait(300)
    assert station.sharing.store.get(finding.id).revision == 1 and len(station.snapshot().findings) == 1


def test_a_change_the_store_refuses_is_shown_and_nothing_is_lost(qtbot, window, station):
    panel = window.findings
    panel.ask_mark = lambda lat, lon: ("person", "")
    assert panel.mark_here(123.0, 6.0)  # a position no map click can give, but an API caller could
    qtbot.waitUntil(lambda: len(panel.outcomes) == 1, timeout=3000)
    assert "latitude 123.0 is outside -90..90" in panel.status.text()
    assert station.snapshot().findings == ()


def test_partner_status_shows_reachable_queued_sent_and_acknowledged(qtbot, window, station):
    panel = window.findings
    station.mark_here(*ORIGIN, kind="person").result(5)  # confirmed: both partners want it

    def partners() -> dict[str, list[str]]:
        t = panel.partners
        return {t.item(r, 0).text(): [t.item(r, c).text() for c in range(1, t.columnCount())]
                for r in range(t.rowCount())}

    qtbot.waitUntil(lambda: partners().get("Liege-map", [""] * 6)[4] == "1", timeout=10_000)
    assert partners()["Liege-map"][:5] == ["geojson / https", "yes", "0", "1", "1"]
    qtbot.waitUntil(lambda: partners().get("SDIS57", [""])[1] == "NO", timeout=10_000)
    sdis = partners()["SDIS57"]
    assert sdis[0] == "cap / https" and sdis[2] == "1" and sdis[4] == "0" and sdis[5]  # queued, with the error


def test_the_vehicle_column_says_what_a_pilot_says_with_the_station_on_hover(qtbot):
    def seen_by(source: str, station: str) -> tuple[str, str]:
        return source_words(Finding(id=str(uuid.uuid4()), kind="person", lat=49.47, lon=6.37, h_acc_m=5.0,
                                    observed_at=datetime.now(timezone.utc), source=source, origin_station=station))

    assert seen_by("gs-be-2-4", "gs-be-2") == ("4", "vehicle 4 of station gs-be-2")  # a station name with dashes
    assert seen_by("operator", "gs-be-2") == ("by hand", "marked by hand at station gs-be-2")
    # a partner's finding keeps the name its station gave the vehicle
    assert seen_by("DRONE-57-3", "sdis57-cta") == ("DRONE-57-3", "DRONE-57-3 of station sdis57-cta")
