"""Adding a WMTS layer from the window, against a WMTS service on loopback: read, list (layers the map
cannot show greyed out, with why), filter a national service's long list, add, and the map shows the
layer's tiles; every refusal is said in the dialog, adds nothing and leaves it usable. The Map menu opens
the same dialog as the source list."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel

from groundstation.core.tiles import TileService
from groundstation.core.tiles_grid import TileId, tile_at, tile_bounds
from groundstation.ui.tile_loader import TileLoader
from groundstation.ui.wmts_dialog import WmtsDialog
from tests.maps.conftest import WmtsServer

LU = "/lu/WMTSCapabilities.xml"
IGN = "/ign/WMTSCapabilities.xml"


@pytest.fixture
def wmts():
    server = WmtsServer()
    yield server
    server.stop()


@pytest.fixture
def dialog(qtbot, tmp_path):
    loader = TileLoader(TileService(tmp_path / "tiles", timeout_s=5.0))
    dialog = WmtsDialog(loader)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    loader.close()


def read(qtbot, dialog: WmtsDialog, url: str) -> None:
    dialog.address.setText(url)
    qtbot.mouseClick(dialog.read, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)


def tile_colour(tile: TileId) -> tuple[int, int, int]:
    """The colour of the test server's tile (tests/maps/conftest.py tile_png: B, G, R = z*9, x, y)."""
    return tile.y % 256, tile.x % 256, tile.z * 9 % 256


def test_a_layer_is_read_chosen_added_and_its_tiles_shown_on_the_map(qtbot, window, wmts, tmp_path):
    win, pane = window, window.field.pane
    last = pane.source.count() - 1
    assert pane.source.itemText(last) == "Add a WMTS layer…"
    shown = win.map.source_id
    pane.source.setCurrentIndex(last)
    pane.source.activated.emit(last)  # what choosing the entry in the list does
    dialog = pane.wmts_dialog
    assert dialog is not None and dialog.isVisible()
    assert pane.source.currentData() == shown and win.map.source_id == shown  # the map still shows its source

    read(qtbot, dialog, wmts.base + LU)
    titles = [dialog.layers.item(i).text() for i in range(dialog.layers.count())]
    assert titles == ["Basemap", "Orthophoto", "Cadastre (cannot be shown)", "Regional (cannot be shown)",
                      "Hillshade (cannot be shown)"]
    assert dialog.status.text() == "5 layers, 2 the map can show"
    assert "ACT Luxembourg" in dialog.service_text.text() and "CC0 1.0" in dialog.service_text.text()
    grey = dialog.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    cadastre = dialog.layers.item(2)
    assert cadastre.foreground().color() == grey and dialog.layers.item(0).foreground().color() != grey
    assert cadastre.toolTip().startswith("cadastre: ") and dialog.layers.item(0).toolTip() == "basemap"
    dialog.layers.setCurrentItem(cadastre)
    assert "no tile matrix set on the Web Mercator grid" in dialog.detail.text()
    assert "LUREF (urn:ogc:def:crs:EPSG::2169)" in dialog.detail.text()  # which sets it has
    assert not dialog.add.isEnabled() and not dialog.source_id.isEnabled()

    dialog.layers.setCurrentRow(0)
    assert dialog.source_id.text() == "basemap" and dialog.name.text() == "Basemap (geoportail test)"
    assert [dialog.style.itemText(i) for i in range(dialog.style.count())] == ["default", "night"]
    assert dialog.image_format.currentText() == "image/png" and dialog.add.isEnabled()
    grab_in_each_language(qtbot, win, dialog, tmp_path)
    dialog.source_id.setText("lu-basemap")
    dialog.name.setText("Luxembourg basemap")
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert dialog.status.text() == "Added Luxembourg basemap: the map shows it now"

    # The list holds it, the map shows it, and the choice is remembered.
    assert pane.source.currentData() == "lu-basemap" and pane.source.currentText() == "Luxembourg basemap"
    assert win.map.source_id == "lu-basemap" and win.field.settings.map_source == "lu-basemap"
    assert pane.source.itemText(pane.source.count() - 1) == "Add a WMTS layer…"
    tile = tile_at(49.61, 6.13, 12)  # Luxembourg, at the layer's deepest level
    west, south, east, north = tile_bounds(tile)
    middle_lat, middle_lon = (south + north) / 2, (west + east) / 2
    win.map.center_on(middle_lat, middle_lon, mark=False)
    qtbot.waitUntil(lambda: win.map.repaint() or win.map.tiles_drawn == win.map.tiles_wanted > 0, timeout=10_000)
    assert win.map.tile_zoom() == tile.z  # the view is closer: the deepest level, magnified
    middle = win.map.screen_point(middle_lat, middle_lon).toPoint()
    assert win.map.rect().contains(middle)
    assert win.map.grab().toImage().pixelColor(middle).getRgb()[:3] == tile_colour(tile)
    assert any(path.startswith("/lu/tiles/basemap/default/GLOBAL_3/EPSG:3857:12/") for path in wmts.requests)
    # The dialog is ready for another layer, numbering the id on.
    assert dialog.source_id.text() == "lu-basemap-2" and dialog.read.isEnabled()


def grab_in_each_language(qtbot, win, dialog: WmtsDialog, shots) -> None:
    """A look at the dialog in English and French: saved as PNG, nothing cut off."""
    try:
        for language in ("en", "fr"):
            win.field.set_language(language)
            qtbot.waitUntil(lambda: dialog.read.text() == ("Read" if language == "en" else "Lire"), timeout=3000)
            qtbot.wait(50)
            assert dialog.grab().save(str(shots / f"wmts-dialog-{language}.png"))
            for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
                if widget.isVisible() and widget.text() and not (isinstance(widget, QLabel) and widget.wordWrap()):
                    far_corner = widget.mapTo(dialog, QPoint(widget.width() - 1, widget.height() - 1))
                    assert dialog.rect().contains(far_corner), f"{language}: {widget.text()!r} is outside the dialog"
                    needed = widget.minimumSizeHint().width() if isinstance(widget, QAbstractButton) else \
                        widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
                    assert widget.width() >= needed, f"{language}: {widget.text()!r} is cut off"
    finally:
        win.field.set_language("en")
        qtbot.waitUntil(lambda: dialog.read.text() == "Read", timeout=3000)


def test_refusals_are_said_in_the_dialog_and_add_nothing(qtbot, dialog, wmts):
    service = dialog.loader.service
    before = [s.id for s in service.sources]
    dialog.address.setText("")
    assert not dialog.read.isEnabled() and not dialog.read_service()
    assert dialog.status.text() == "Paste the service's address first"

    with socket.socket() as spare:  # a port nobody listens on any more
        spare.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{spare.getsockname()[1]}/wmts"
    for url, says in [(dead, "cannot reach http://127.0.0.1:"),
                      (wmts.base + "/missing.xml", "answered HTTP 404"),
                      (wmts.base + "/wms", "not a WMTS capabilities document: it describes a WMS"),
                      (wmts.base + "/broken.xml", "not well-formed XML"),
                      ("ftp://example.org/wmts", "give the service's http:// or https:// address")]:
        read(qtbot, dialog, url)
        assert dialog.status.text().startswith("Nothing added: ") and says in dialog.status.text(), url
        assert dialog.status.property("status") == "fail"
        assert dialog.layers.count() == 0 and not dialog.add.isEnabled() and dialog.read.isEnabled()

    # A duplicate id: refused, the list stays, and a free id then goes through.
    read(qtbot, dialog, wmts.base + "/be/wmts")
    assert dialog.layers.item(0).text() == "Topo" and dialog.service_url == wmts.base + "/be/wmts"
    assert [dialog.image_format.itemText(i) for i in range(dialog.image_format.count())] == ["image/jpeg", "image/png"]
    dialog.source_id.setText("osm")
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert "a tile source with id 'osm' already exists" in dialog.status.text()
    assert [s.id for s in service.sources] == before and dialog.layers.count() == 1
    dialog.source_id.setText("Topo NGI")
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert "use lower-case letters, digits" in dialog.status.text() and [s.id for s in service.sources] == before

    # Offline: said, and not a single request reaches the service.
    dialog.loader.set_offline(True).result(5)
    asked = sum(wmts.requests.values())
    read(qtbot, dialog, wmts.base + LU)
    assert "offline mode" in dialog.status.text() and sum(wmts.requests.values()) == asked
    assert [s.id for s in service.sources] == before and not (service.tiles_dir / "sources.json").exists()
    dialog.loader.set_offline(False).result(5)
    dialog.style.setCurrentText("grey")
    dialog.source_id.setText("ngi-topo")
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    added = service.sources.get("ngi-topo")
    assert "STYLE=grey" in added.url and "FORMAT=image/png" in added.url


def shown_titles(dialog: WmtsDialog) -> list[str]:
    return [dialog.layers.item(i).text() for i in range(dialog.layers.count()) if not dialog.layers.item(i).isHidden()]


def filter_with(qtbot, dialog: WmtsDialog, text: str) -> None:
    """Type into the filter (ASCII only: what QTest can type; accents typed are in tests/maps/test_wmts_filter.py)."""
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, text)


def menu_entry(win, menu: str, text: str) -> QAction:
    """The entry of the window's menu bar an operator sees under those words."""
    menus = {action.text(): action.menu() for action in win.menuBar().actions()}
    return next(action for action in menus[menu].actions() if action.text() == text)


def test_the_map_menu_opens_the_one_dialog(qtbot, window):
    win, pane = window, window.field.pane
    assert pane.wmts_dialog is None
    menu_entry(win, "&Map", "Add a WMTS layer…").trigger()
    dialog = pane.wmts_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Add a WMTS map layer"
    dialog.address.setText("https://example.org/wmts")  # what the operator typed stays when it is opened again
    dialog.close()
    last = pane.source.count() - 1
    pane.source.setCurrentIndex(last)
    pane.source.activated.emit(last)
    assert pane.wmts_dialog is dialog and dialog.isVisible() and dialog.address.text() == "https://example.org/wmts"
    menu_entry(win, "&Map", "Add a WMTS layer…").trigger()
    assert pane.wmts_dialog is dialog and len(pane.findChildren(WmtsDialog)) == 1
    win.field.set_language("de")
    try:
        qtbot.waitUntil(lambda: dialog.read.text() == "Lesen", timeout=3000)
        assert menu_entry(win, "&Karte", "WMTS-Ebene hinzufügen…") is win.field.wmts_action
    finally:
        win.field.set_language("en")


def test_a_national_services_long_list_is_filtered_and_enter_adds_the_only_match(qtbot, window, wmts):
    win, pane = window, window.field.pane
    menu_entry(win, "&Map", "Add a WMTS layer…").trigger()
    dialog = pane.wmts_dialog
    assert not dialog.filter.isEnabled() and dialog.shown_count.text() == ""  # nothing to filter yet
    read(qtbot, dialog, wmts.base + IGN)
    assert dialog.status.text() == "340 layers, 306 the map can show"
    assert dialog.shown_count.text() == "340 of 340 layers" and dialog.filter.isEnabled()

    filter_with(qtbot, dialog, "ortho")
    assert dialog.shown_count.text() == "34 of 340 layers"
    assert all("Orthophotos" in title for title in shown_titles(dialog))
    assert shown_titles(dialog)[:2] == ["Orthophotos 2006", "Orthophotos 2007"]
    assert dialog.source_id.text() == "orthoimagery-orthophotos-2006" and dialog.add.isEnabled()  # a shown one

    filter_with(qtbot, dialog, "FORET 2012")  # no accent, any case
    assert shown_titles(dialog) == ["Carte forestière (BD Forêt® V2) 2012", "Risque d'incendie de forêt 2012"]
    assert dialog.shown_count.text() == "2 of 340 layers"
    filter_with(qtbot, dialog, "bodenauflosung")  # in the abstracts only
    assert dialog.shown_count.text() == "17 of 340 layers"
    assert all(title.startswith("Digitale Orthophotos (DOP20)") for title in shown_titles(dialog))

    # No match, or a single one the map cannot show: said, nothing added, nothing read again.
    sources = [s.id for s in dialog.loader.service.sources]
    filter_with(qtbot, dialog, "lawinen")
    assert dialog.shown_count.text() == "0 of 340 layers" and shown_titles(dialog) == []
    assert not dialog.add.isEnabled() and dialog.source_id.text() == ""
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    filter_with(qtbot, dialog, "hausumringe 2022")
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert dialog.status.text().startswith("The map cannot show this layer: layer 'LVERMGEO.HAUSUMRINGE.2022' has no")
    assert dialog.status.property("status") == "fail" and not dialog.busy()
    assert [s.id for s in dialog.loader.service.sources] == sources and wmts.requests[IGN] == 1

    filter_with(qtbot, dialog, "2021 incendie foret")
    assert shown_titles(dialog) == ["Risque d'incendie de forêt 2021"]
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert dialog.status.text() == "Added Risque d'incendie de forêt 2021 (Géoplateforme test): the map shows it now"
    assert pane.source.currentData() == "risques-incendies-2021" == win.map.source_id
    lat, lon = 49.47, 6.37
    win.map.center_on(lat, lon, mark=False)
    qtbot.waitUntil(lambda: win.map.repaint() or win.map.tiles_drawn == win.map.tiles_wanted > 0, timeout=10_000)
    tile = tile_at(lat, lon, win.map.tile_zoom())
    west, south, east, north = tile_bounds(tile)
    middle = win.map.screen_point((south + north) / 2, (west + east) / 2).toPoint()
    assert win.map.rect().contains(middle)
    assert win.map.grab().toImage().pixelColor(middle).getRgb()[:3] == tile_colour(tile)
    assert wmts.requests[f"/ign/tiles/RISQUES.INCENDIES.2021/{tile.z}/{tile.y}/{tile.x}.png"] >= 1
    assert wmts.requests[IGN] == 2  # read once more to add it; Enter pressed no other button

    # Another service: the filter is cleared, all its layers are shown.
    read(qtbot, dialog, wmts.base + LU)
    assert dialog.filter.text() == "" and dialog.shown_count.text() == "5 of 5 layers"
    assert len(shown_titles(dialog)) == 5 and dialog.source_id.text() == "basemap"
