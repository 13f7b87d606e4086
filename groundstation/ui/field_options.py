"""What the window adds for work in the field: menus with a shortcut for every flight command,
language, theme, brightness, large controls, coordinate format, offline maps and their tools,
alerts, telemetry plots, and the window layout remembered between sessions.

The options are station settings (settings.json in the data directory), written when the pilot
changes one; the window's geometry and dock layout go to window.ini beside it (QSettings).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox, QSlider, QWidgetAction

from groundstation.core.settings import Settings, SettingsError
from groundstation.core.tiles import TileService
from groundstation.core.tiles_mbtiles import export_mbtiles, import_mbtiles
from groundstation.ui import themes
from groundstation.ui.alert_panel import AlertPanel
from groundstation.ui.map_pane import FORMATS, MapPane
from groundstation.ui.prefetch_dialog import PrefetchDialog
from groundstation.ui.telemetry_history import TelemetryHistory
from groundstation.ui.telemetry_plot import TelemetryPlots
from groundstation.ui.themes import Look
from groundstation.ui.tile_loader import TileLoader
from groundstation.ui.translations import LANGUAGES, Translations
from groundstation.ui.vehicle_text import fill

if TYPE_CHECKING:
    from groundstation.ui.main_window import MainWindow

# Function keys: big on rugged laptops, easy with gloves, never typed into a text field by accident.
FLIGHT_SHORTCUTS = {"arm": "F5", "disarm": "Shift+F5", "takeoff": "F6", "land": "F7", "hold": "F8",
                    "return": "F9", "goto": "F10", "mode": "Ctrl+M"}
LAYOUT_FILE = "window.ini"
SOURCE_NAME_CHARS = 16  # "OpenStreetMap" whole
LAYOUT_VERSION = 2  # 2: the panels open over the flight column; a layout saved before is not restored
_translations: Translations | None = None  # one set of translators per application


def translations() -> Translations:
    global _translations
    if _translations is None:
        _translations = Translations()
    return _translations


class FieldOptions(QObject):
    fileJobDone = Signal(object)  # a closure to run on the GUI thread when an MBTiles job ends

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.settings_file: Path = window.engine.data_dir.settings_file
        try:
            self.settings = Settings.load(self.settings_file)
        except SettingsError:
            self.settings = window.engine.settings  # the engine already refused or accepted this file
        self.layout_file = window.engine.data_dir.root / LAYOUT_FILE

        self.tiles = TileLoader(TileService.in_data_dir(window.engine.data_dir, offline=self.settings.map_offline), self)
        self.history = TelemetryHistory()
        self.alerts = AlertPanel()
        self.plots = TelemetryPlots(self.history)
        self.pane = MapPane(window.map, self.alerts, self.plots)
        # The longest source names ("Orthophotos IGN (France, IGN Géoplateforme WMTS)") would make the map
        # 200 px wider than a panel beside it leaves at 1366 px: the combo shows the start, its list them whole.
        self.pane.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pane.source.setMinimumContentsLength(SOURCE_NAME_CHARS)
        self.prefetch_dialog: PrefetchDialog | None = None

        if self.settings.map_source not in self.tiles.service.sources:
            self.settings.map_source = "osm"
        self.pane.show_sources(self.tiles, self.settings.map_source)
        window.map.set_tiles(self.tiles, self.settings.map_source)
        window.map.set_mgrs_grid(self.settings.mgrs_grid)
        self.pane.offline.setChecked(self.settings.map_offline)
        self.pane.mgrs.setChecked(self.settings.mgrs_grid)
        self.pane.set_format(self.settings.coordinate_format)
        window.telemetry.position_form = self.settings.coordinate_format

        self.pane.sourceChosen.connect(self.set_source)
        self.pane.offlineToggled.connect(self.set_offline)
        self.pane.mgrsToggled.connect(self.set_mgrs_grid)
        self.pane.formatChosen.connect(self.set_format)
        self.pane.prefetchRequested.connect(self.open_prefetch)
        self.fileJobDone.connect(lambda report: report())
        self._build_menus()
        window.installEventFilter(self)

    # -- called by the window ------------------------------------------------------------------
    def on_event(self, event) -> None:
        self.alerts.raised(self.alerts.watch.on_event(event))

    def on_snapshot(self, snapshot) -> None:
        self.history.add_snapshot(snapshot)
        self.alerts.raised(self.alerts.watch.on_snapshot(snapshot))
        state = self.window.selected_state()
        self.pane.vehicle_position = (state.lat, state.lon) if state is not None and state.has_position else None
        self.plots.show_vehicle(self.window.selected_id)

    def apply_look(self) -> None:
        look = Look(self.settings.theme, self.settings.night_brightness, self.settings.large_controls)
        themes.apply(QApplication.instance(), look)
        self.window.map.set_look(look)

    def restore_layout(self) -> None:
        stored = QSettings(str(self.layout_file), QSettings.Format.IniFormat)
        geometry, state = stored.value("geometry"), stored.value("state")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.window.restoreState(state, LAYOUT_VERSION)
        # Large controls make every row taller: the log and the plots start hidden, or the window outgrows 768 px.
        shown = "false" if self.settings.large_controls else "true"
        self.plots_action.setChecked(stored.value("plots", shown) == "true")
        self.events_action.setChecked(stored.value("events", shown) == "true")

    def save_layout(self) -> None:
        stored = QSettings(str(self.layout_file), QSettings.Format.IniFormat)
        stored.setValue("geometry", self.window.saveGeometry())
        stored.setValue("state", self.window.saveState(LAYOUT_VERSION))
        stored.setValue("plots", "true" if self.plots_action.isChecked() else "false")
        stored.setValue("events", "true" if self.events_action.isChecked() else "false")
        stored.sync()

    def close(self) -> None:
        self.save_layout()
        if self.prefetch_dialog is not None:
            self.prefetch_dialog.close()
        self.tiles.close()

    # -- options the pilot changes ---------------------------------------------------------------
    def _save(self) -> None:
        try:
            self.settings = self._merged()
            self.settings.save(self.settings_file)
        except (OSError, SettingsError) as e:
            self.window.statusBar().showMessage(fill(self.tr("Settings not saved: %1"), e), 10_000)

    def _merged(self) -> Settings:
        """The file as it is now, with this window's options: keys written by others are kept."""
        ours = self.settings
        current = Settings.load(self.settings_file)
        for key in ("language", "theme", "night_brightness", "large_controls", "coordinate_format", "map_source",
                    "map_offline", "mgrs_grid"):
            setattr(current, key, getattr(ours, key))
        return current

    def set_language(self, language: str) -> None:
        translations().switch(language)
        self.settings.language = language
        self._save()
        self._check_language_actions()

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        self.apply_look()
        self._save()

    def set_brightness(self, percent: int) -> None:
        self.settings.night_brightness = percent
        self.apply_look()
        self._save()

    def set_large_controls(self, large: bool) -> None:
        """Bigger buttons and text; on a 1366x768 screen the window keeps the status bar in sight by hiding
        the event log and the telemetry plots (View brings each back)."""
        self.settings.large_controls = large
        self.apply_look()
        for action in (self.events_action, self.plots_action):
            action.setChecked(not large)
        self._save()

    def set_format(self, form: str) -> None:
        self.settings.coordinate_format = form
        self.pane.set_format(form)
        self.window.telemetry.position_form = form
        self.window.telemetry.show_vehicle(self.window.selected_state())
        for action in self.format_actions.actions():
            action.setChecked(action.data() == form)
        self._save()

    def set_source(self, source_id: str) -> None:
        self.settings.map_source = source_id
        self.window.map.set_tiles(self.tiles, source_id)
        self.pane.source.setCurrentIndex(max(self.pane.source.findData(source_id), 0))
        self._save()

    def set_offline(self, offline: bool) -> None:
        self.tiles.set_offline(offline)  # queued on the tile worker ahead of any later tile request
        self.settings.map_offline = offline
        if self.pane.offline.isChecked() != offline:
            self.pane.offline.setChecked(offline)
        self.offline_action.setChecked(offline)
        self.window.map.update()
        self._save()

    def set_mgrs_grid(self, shown: bool) -> None:
        self.settings.mgrs_grid = shown
        self.window.map.set_mgrs_grid(shown)
        if self.pane.mgrs.isChecked() != shown:
            self.pane.mgrs.setChecked(shown)
        self._save()

    def open_prefetch(self) -> PrefetchDialog:
        if self.prefetch_dialog is None or self.prefetch_dialog.source.id != self.window.map.source_id:
            if self.prefetch_dialog is not None:
                self.prefetch_dialog.close()
            self.prefetch_dialog = PrefetchDialog(self.tiles, self.window.map, self.window.map.source_id, self.window)
        self.prefetch_dialog.show()
        self.prefetch_dialog.raise_()
        return self.prefetch_dialog

    def import_mbtiles(self, path: str | None = None) -> None:
        path = path or QFileDialog.getOpenFileName(self.window, self.tr("Import MBTiles"), "",
                                                   self.tr("MBTiles (*.mbtiles);;All files (*)"))[0]
        if not path:
            return
        service = self.tiles.service

        def imported(result) -> None:
            self.tiles.forget()
            self.pane.show_sources(self.tiles, self.window.map.source_id)
            self.window.statusBar().showMessage(fill(self.tr("Imported %1 tiles into %2 (%3 skipped)"),
                                                     result.imported, result.source_id, result.skipped), 15_000)
        self._file_job(self.tr("Import MBTiles"), imported, import_mbtiles, service.cache, service.sources, Path(path))

    def export_mbtiles(self, path: str | None = None) -> None:
        source = self.tiles.service.sources.get(self.window.map.source_id)
        path = path or QFileDialog.getSaveFileName(self.window, self.tr("Export MBTiles"), f"{source.id}.mbtiles",
                                                   self.tr("MBTiles (*.mbtiles)"))[0]
        if not path:
            return
        self._file_job(self.tr("Export MBTiles"),
                       lambda count: self.window.statusBar().showMessage(
                           fill(self.tr("Exported %1 tiles to %2"), count, path), 15_000),
                       export_mbtiles, self.tiles.service.cache, source, Path(path))

    def _file_job(self, title: str, done, fn, *args) -> None:
        """Run MBTiles file work on the tile worker; the result or the error comes back to the GUI thread."""
        self.window.statusBar().showMessage(fill(self.tr("%1: working…"), title))

        def finished(job) -> None:
            error = job.exception()
            if error is None:
                self.fileJobDone.emit(lambda: done(job.result()))
            else:  # a bad file: a clear message, nothing in the cache changed
                self.fileJobDone.emit(lambda: QMessageBox.warning(self.window, title, str(error)))
        self.tiles.run_blocking(fn, *args).add_done_callback(finished)

    # -- menus ------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        self.flight_menu = bar.addMenu("")
        self.map_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")

        self.flight_actions: dict[str, QAction] = {}
        buttons = {"arm": w.commands.arm, "disarm": w.commands.disarm, "takeoff": w.commands.takeoff,
                   "land": w.commands.land, "hold": w.commands.hold, "return": w.commands.return_,
                   "goto": w.commands.goto}
        for key, shortcut in FLIGHT_SHORTCUTS.items():
            action = QAction(w)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if key in buttons:
                # Through the button, so the shortcut does exactly what a click does (confirmation kept)
                # and only while the button is enabled for the selected vehicle.
                action.triggered.connect(partial(_press, buttons[key]))
                w.commands.shortcuts[buttons[key]] = shortcut
            else:
                action.triggered.connect(self._open_modes)
            self.flight_menu.addAction(action)
            self.flight_actions[key] = action
        w.commands.retranslate()

        self.offline_action = QAction(w, checkable=True)
        self.offline_action.setChecked(self.settings.map_offline)
        self.offline_action.toggled.connect(self.set_offline)
        self.prefetch_action = QAction(w)
        self.prefetch_action.triggered.connect(self.open_prefetch)
        self.wmts_action = QAction(w)  # also the last entry of the source list: the same dialog
        self.wmts_action.triggered.connect(lambda: self.pane.open_wmts())
        self.import_action = QAction(w)
        self.import_action.triggered.connect(lambda: self.import_mbtiles())
        self.export_action = QAction(w)
        self.export_action.triggered.connect(lambda: self.export_mbtiles())
        self.search_action = QAction(w)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.triggered.connect(lambda: (self.pane.search.setFocus(), self.pane.search.selectAll()))
        self.copy_action = QAction(w)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(self.pane.copy_vehicle_position)
        for action in (self.offline_action, self.prefetch_action, self.wmts_action, self.import_action,
                       self.export_action, self.search_action, self.copy_action):
            self.map_menu.addAction(action)

        self.theme_actions = QActionGroup(w)
        for theme in themes.THEMES:
            action = QAction(w, checkable=True)
            action.setData(theme)
            action.setChecked(theme == self.settings.theme)
            action.triggered.connect(partial(self.set_theme, theme))
            self.theme_actions.addAction(action)
            self.view_menu.addAction(action)
        self.theme_actions.actions()[1].setShortcut(QKeySequence("Ctrl+N"))
        self.brightness = QSlider(Qt.Orientation.Horizontal)
        self.brightness.setRange(10, 100)
        self.brightness.setValue(self.settings.night_brightness)
        self.brightness.setMinimumWidth(160)
        self.brightness.valueChanged.connect(self.set_brightness)
        slider = QWidgetAction(w)
        slider.setDefaultWidget(self.brightness)
        self.brightness_label = QAction(w, enabled=False)
        self.view_menu.addAction(self.brightness_label)
        self.view_menu.addAction(slider)
        self.large_action = QAction(w, checkable=True)
        self.large_action.setChecked(self.settings.large_controls)
        self.large_action.toggled.connect(self.set_large_controls)
        self.view_menu.addAction(self.large_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_actions = QActionGroup(w)
        for code in ("", *LANGUAGES):
            action = QAction(w, checkable=True)
            action.setData(code)
            action.triggered.connect(partial(self.set_language, code))
            self.language_actions.addAction(action)
            self.language_menu.addAction(action)
        self._check_language_actions()
        self.format_menu = self.view_menu.addMenu("")
        self.format_actions = QActionGroup(w)
        for form in FORMATS:
            action = QAction(form.upper(), w, checkable=True)
            action.setData(form)
            action.setChecked(form == self.settings.coordinate_format)
            action.triggered.connect(partial(self.set_format, form))
            self.format_actions.addAction(action)
            self.format_menu.addAction(action)
        self.view_menu.addSeparator()
        self.plots_action = QAction(w, checkable=True)
        self.plots_action.setChecked(True)
        self.plots_action.setShortcut(QKeySequence("Ctrl+P"))
        self.plots_action.toggled.connect(self.plots.setVisible)
        self.view_menu.addAction(self.plots_action)
        self.events_action = QAction(w, checkable=True)
        self.events_action.setChecked(True)
        self.events_action.toggled.connect(lambda shown: self.window.event_log.setVisible(shown))
        self.view_menu.addAction(self.events_action)
        self.retranslate()

    def _check_language_actions(self) -> None:
        for action in self.language_actions.actions():
            action.setChecked(action.data() == self.settings.language)

    def _open_modes(self) -> None:
        combo = self.window.commands.mode
        if combo.isEnabled():
            combo.setFocus()
            combo.showPopup()

    def retranslate(self) -> None:
        self.flight_menu.setTitle(self.tr("&Flight"))
        self.map_menu.setTitle(self.tr("&Map"))
        self.view_menu.setTitle(self.tr("&View"))
        names = {"arm": self.tr("Arm…"), "disarm": self.tr("Disarm…"), "takeoff": self.tr("Take off…"),
                 "land": self.tr("Land…"), "hold": self.tr("Hold"), "return": self.tr("Return to launch…"),
                 "goto": self.tr("Go to (pick on map)"), "mode": self.tr("Flight mode…")}
        for key, action in self.flight_actions.items():
            action.setText(names[key])
        self.offline_action.setText(self.tr("Offline mode (cached map only)"))
        self.prefetch_action.setText(self.tr("Prefetch area…"))
        self.wmts_action.setText(self.tr("Add a WMTS layer…"))
        self.import_action.setText(self.tr("Import MBTiles…"))
        self.export_action.setText(self.tr("Export MBTiles…"))
        self.search_action.setText(self.tr("Search a position"))
        self.copy_action.setText(self.tr("Copy vehicle position"))
        theme_names = {"day": self.tr("Daylight (high contrast)"), "night": self.tr("Night (red, dimmable)")}
        for action in self.theme_actions.actions():
            action.setText(theme_names[action.data()])
        self.brightness_label.setText(self.tr("Night brightness"))
        self.large_action.setText(self.tr("Large controls (gloves, touch)"))
        self.language_menu.setTitle(self.tr("Language"))
        for action in self.language_actions.actions():
            action.setText(LANGUAGES.get(action.data()) or self.tr("System language"))
        self.format_menu.setTitle(self.tr("Coordinates"))
        self.plots_action.setText(self.tr("Telemetry plots"))
        self.events_action.setText(self.tr("Event log"))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def _press(button) -> None:
    if button.isEnabled():
        button.click()


def start_language(settings_language: str) -> str:
    """Install the translators for the stored language (or the system's); returns the language shown."""
    tr = translations()
    tr.switch(settings_language)
    return tr.language
