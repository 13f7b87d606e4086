"""Starting the window: over a running engine, or over the built-in simulated fleet (the demo)."""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, NamedTuple

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.ui.field_options import start_language
from groundstation.ui.main_window import MainWindow
from groundstation.ui.translations import TranslationError

if TYPE_CHECKING:
    from sitl.vehicle import SimulatedFleet

WINDOW_SIZE = (1366, 768)  # a common field laptop screen; the layout is checked at this size


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("groundstation")
    return app


def run_window(engine: Engine, duration: float | None = None, title: str = "groundstation",
               map_source: str | None = None) -> int:
    """Show the main window over a started engine until the pilot closes it (or duration s pass)."""
    app = application()
    try:
        start_language(engine.settings.language)  # the stored language, or the system's
    except TranslationError as e:
        print(f"groundstation: {e}; the window stays in English", file=sys.stderr)
    window = MainWindow(engine, title, robots=engine.robots)
    if window.robot_panel is not None and (why := window.robot_panel.use_sdl_gamepad()):
        print(f"groundstation: {why}; robots are driven with the keyboard", file=sys.stderr)
    if map_source is not None:
        window.field.set_source(map_source)
    window.resize(*WINDOW_SIZE)
    window.show()
    if duration is not None:
        QTimer.singleShot(int(duration * 1000), window.close)
    previous = None
    if threading.current_thread() is threading.main_thread():
        # Ctrl+C in the terminal closes the window like the close button; the refresh timer
        # wakes the interpreter often enough for Python to run the handler.
        previous = signal.signal(signal.SIGINT, lambda *_: window.close())
    try:
        return app.exec()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        # Delete the window here, in the GUI thread; left to Python's garbage collector it could be
        # deleted from the engine's or the simulator's thread, which crashes Qt.
        if shiboken6.isValid(window):
            shiboken6.delete(window)


class DemoStation(NamedTuple):
    engine: Engine
    fleet: "SimulatedFleet"


@contextmanager
def demo_station(data_dir: DataDir, speedup: float) -> Iterator[DemoStation]:
    """An engine on a loopback port with the demo's simulated fleet flying to it; stops both."""
    from groundstation.demo import FLEET_SIZE, SCHENGEN
    from sitl.vehicle import SimulatedFleet  # only the demo needs the simulator

    with Engine(data_dir, links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        with SimulatedFleet(count=FLEET_SIZE, home=SCHENGEN, gcs=("127.0.0.1", port),
                            speedup=speedup, seed=1, base_port=0) as fleet:
            yield DemoStation(engine, fleet)


def run_demo_window(data_dir: DataDir, speedup: float = 1.0, duration: float | None = None) -> int:
    from groundstation.demo import SCENARIO_FILE, SCHENGEN, demo_robot, install_demo_tiles, window_camera
    from sitl.camera.scenario import load_scenario

    map_source = install_demo_tiles(data_dir, load_scenario(SCENARIO_FILE))  # the ground the camera sees
    with demo_station(data_dir, speedup) as demo, window_camera(demo.fleet, demo.engine, speedup), \
            demo_robot(data_dir, demo.engine, SCHENGEN[0], SCHENGEN[1], camera=True):  # drone 1's video, the robot
        try:
            start_language(demo.engine.settings.language)  # before the title is put into words
        except TranslationError:
            pass  # run_window says so
        title = QCoreApplication.translate("App", "groundstation — demo: simulated fleet near Schengen, %1x")
        return run_window(demo.engine, duration, title.replace("%1", f"{speedup:g}"), map_source)
