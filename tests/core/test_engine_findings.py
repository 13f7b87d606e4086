"""Findings through the engine: marked by hand, changed with who and when, seen in the snapshot."""


import pytest
from waiting import wait_snapshot

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.core.findings import FindingError


def test_mark_confirm_and_annotate_a_finding_survive_a_restart(tmp_path):
    data = DataDir.open(tmp_path)
    (data.root / "settings.json").write_text('{"operator": "Lt. Weber", "station_id": "gs-lu-1"}')
    with Engine(data, links=["udpin:127.0.0.1:0"]) as engine:
        f = engine.mark_here(49.4712, 6.3688, kind="person", note="waving from the roof").result(timeout=5)
        assert f.status == "confirmed" and f.source == "operator" and f.changed_by == "Lt. Weber"
        engine.annotate_finding(f.id, "two persons, one injured").result(timeout=5)
        s = wait_snapshot(engine, lambda s: s.findings and s.findings[0].revision == 2)
        assert s.findings[0].note == "waving from the roof\ntwo persons, one injured"
        assert s.findings[0].origin_station == "gs-lu-1"
        with pytest.raises(FindingError, match="outside -90..90"):
            engine.mark_here(123.0, 6.0).result(timeout=5)
    with Engine(data, links=["udpin:127.0.0.1:0"]) as engine:
        s = wait_snapshot(engine, lambda s: len(s.findings) == 1)
        assert s.findings[0].revision == 2


def test_a_bad_settings_file_is_refused_with_its_name(tmp_path):
    from groundstation.core.settings import SettingsError

    data = DataDir.open(tmp_path)
    (data.root / "settings.json").write_text('{"operator": 7}')
    with pytest.raises(SettingsError, match="settings.json: 'operator' must be a str"):
        Engine(data, links=["udpin:127.0.0.1:0"])
