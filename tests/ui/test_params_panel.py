"""The parameter editor against the built-in simulator: a dock hidden until toggled, download of every
parameter with progress, search, typed edits that count only once the vehicle echoes them, and
QGroundControl .params files saved and loaded; bad input gives a clear message and sends nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.mavlink.param_file import read_params

TIMEOUT_MS = 15_000


def vehicle_param(demo, name: str):
    """The simulator's own value: the ground truth the window is checked against."""
    return demo.fleet.vehicles[0].parameters.by_name[name].value


@pytest.fixture
def panel(window, qtbot):
    """Vehicle 1 selected, its parameters downloaded through the panel."""
    window.select(1)
    panel = window.params
    assert panel.download_params()
    qtbot.waitUntil(lambda: panel.params_vehicle == 1, timeout=TIMEOUT_MS)
    return panel


def wait_idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.busy, timeout=TIMEOUT_MS)


def test_dock_is_hidden_until_toggled_from_the_view_menu(window):
    assert not window.params_dock.isVisible()
    toggle = window.params_dock.toggleViewAction()
    assert toggle in window.field.view_menu.actions() and toggle.text() == "Parameters"
    toggle.trigger()
    assert window.params_dock.isVisible()
    toggle.trigger()
    assert not window.params_dock.isVisible()


def test_download_lists_every_parameter_with_progress_and_search_narrows_it(window, demo, panel, qtbot):
    table = demo.fleet.vehicles[0].parameters
    assert len(panel.params) == len(table)
    assert panel.progress.value() == panel.progress.maximum() == len(table)
    assert panel.params["MPC_XY_CRUISE"].value == pytest.approx(vehicle_param(demo, "MPC_XY_CRUISE"))
    assert panel.params["SYS_AUTOSTART"].value == 10040 and panel.params["SYS_AUTOSTART"].is_integer
    assert "downloaded" in panel.status.text()
    panel.search.setText("mpc_xy")
    shown = panel.shown_names()
    assert shown and "MPC_XY_CRUISE" in shown and all("MPC_XY" in n for n in shown)
    panel.search.setText("")
    assert len(panel.shown_names()) == len(table)


def test_edit_is_typed_and_verified_by_the_echo(window, demo, panel, qtbot):
    panel.choose("MPC_XY_CRUISE")
    assert panel.value.text() == "5"
    assert panel.download_params()  # hundreds of parameters: still under way on the next line
    assert not panel.set_value("7,5")  # one request at a time
    assert "has not finished" in panel.status.text()
    wait_idle(qtbot, panel)
    panel.choose("MPC_XY_CRUISE")
    assert panel.set_value("7,5")  # a decimal comma, as French and German pilots type it
    wait_idle(qtbot, panel)
    assert vehicle_param(demo, "MPC_XY_CRUISE") == pytest.approx(7.5)
    assert panel.params["MPC_XY_CRUISE"].value == pytest.approx(7.5)
    assert "MPC_XY_CRUISE is now 7.5" in panel.status.text()
    assert panel.outcomes[-1].error == ""

    panel.choose("SYS_AUTOSTART")
    for bad in ("10040.5", "ten", ""):
        assert not panel.set_value(bad)
        assert "whole number" in panel.status.text() and "nothing sent" in panel.status.text()
    panel.choose("MPC_XY_CRUISE")
    assert not panel.set_value("nan")
    assert "takes a number" in panel.status.text()
    assert vehicle_param(demo, "SYS_AUTOSTART") == 10040
    assert vehicle_param(demo, "MPC_XY_CRUISE") == pytest.approx(7.5)
    assert panel.set_button.isEnabled()  # a refused value leaves the editor ready for the next try


def test_save_then_load_puts_the_saved_values_back(window, demo, panel, qtbot, tmp_path: Path):
    saved = tmp_path / "vehicle1.params"
    assert panel.save_to(saved)
    entries = {e.parameter.name: e.parameter.value for e in read_params(saved)}
    assert len(entries) == len(panel.params) and entries["SYS_AUTOSTART"] == 10040

    panel.choose("MPC_XY_CRUISE")
    panel.set_value("9.25")
    wait_idle(qtbot, panel)
    panel.choose("RTL_RETURN_ALT")
    panel.set_value("77")
    wait_idle(qtbot, panel)
    assert vehicle_param(demo, "MPC_XY_CRUISE") == pytest.approx(9.25)

    assert panel.load_from(saved)
    wait_idle(qtbot, panel)
    assert "File loaded: 2 values changed, 0 names not on this vehicle" == panel.status.text()
    assert vehicle_param(demo, "MPC_XY_CRUISE") == pytest.approx(entries["MPC_XY_CRUISE"])
    assert vehicle_param(demo, "RTL_RETURN_ALT") == pytest.approx(entries["RTL_RETURN_ALT"])
    assert panel.params["RTL_RETURN_ALT"].value == pytest.approx(entries["RTL_RETURN_ALT"])


def test_bad_file_is_a_clear_error_and_changes_nothing(window, demo, panel, qtbot, tmp_path: Path):
    broken = tmp_path / "broken.params"
    broken.write_text("1\t1\tMPC_XY_CRUISE\tfast\t9\n", encoding="utf-8")
    before = dict(panel.params)
    assert not panel.load_from(broken)
    assert "Could not load" in panel.status.text() and "not a number" in panel.status.text()
    assert "nothing sent" in panel.status.text()
    assert panel.params == before and vehicle_param(demo, "MPC_XY_CRUISE") == pytest.approx(5.0)
    assert not panel.load_from(tmp_path / "missing.params")
    assert "cannot read" in panel.status.text()
    assert not panel.save_to(tmp_path / "no-such-folder" / "x.params")
    assert "Could not save" in panel.status.text()


def test_file_names_the_vehicle_does_not_have_are_counted_not_sent(window, demo, panel, qtbot, tmp_path: Path):
    other = tmp_path / "other.params"
    other.write_text("# from another autopilot\n1\t1\tWPNAV_SPEED\t500\t9\n1\t1\tMPC_XY_CRUISE\t6.5\t9\n",
                     encoding="utf-8")
    assert panel.load_from(other)
    wait_idle(qtbot, panel)
    assert panel.status.text() == "File loaded: 1 values changed, 1 names not on this vehicle"
    assert vehicle_param(demo, "MPC_XY_CRUISE") == pytest.approx(6.5)


def test_nothing_selected_or_downloaded_says_so(demo_engine, qtbot):
    from groundstation.ui.params_panel import ParamsPanel

    panel = ParamsPanel(demo_engine, lambda: None)  # a window with no vehicle selected yet
    qtbot.addWidget(panel)
    assert not panel.download_params()
    assert panel.status.text() == "No vehicle selected"
    assert not panel.save_to("/tmp/never.params")
    assert "download the parameters first" in panel.status.text()
    assert not panel.set_value("1")
    assert "Choose a parameter" in panel.status.text()
