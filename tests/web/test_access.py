"""Who may open the web view: the station's token, kept in the data directory, on every request."""

from __future__ import annotations

import asyncio
import json
import socket
import stat
import time

import httpx
import pytest

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.web.server import COOKIE, WebView, is_loopback
from groundstation.web.token import TOKEN_FILE, WebTokenError, load_or_create_token


def test_the_token_is_made_once_private_and_kept(tmp_path):
    token = load_or_create_token(tmp_path)
    path = tmp_path / TOKEN_FILE
    assert len(token) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_token(tmp_path) == token  # the commander's bookmarked link keeps working
    path.chmod(0o644)
    assert load_or_create_token(tmp_path) == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # tightened again, token unchanged


def test_a_damaged_token_file_is_refused_with_its_name_and_kept(tmp_path):
    path = tmp_path / TOKEN_FILE
    path.write_text("short\n")
    path.chmod(0o600)
    with pytest.raises(WebTokenError, match=f"{TOKEN_FILE}: .*at least 16 characters.*delete the file"):
        load_or_create_token(tmp_path)
    assert path.read_text() == "short\n"  # nothing overwritten behind the operator's back


def test_requests_without_or_with_a_wrong_token_are_refused(station):
    for path in ("/", "/live", "/feeds/findings.geojson", "/ogc/collections", "/tiles/osm/15/0/0", "/static/map.js"):
        with station.client(token=False) as http:
            answer = http.get(path)
        assert answer.status_code == 401, path
        assert "needs its access token" in answer.text and "web-token" in answer.text
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    with station.client(token=False, headers={"Authorization": "Bearer not-the-token-at-all"}) as http:
        answer = http.get("/ogc")
    assert answer.status_code == 401 and "not this station's web token" in answer.text
    with station.client(token=False) as http:
        assert http.get("/ogc", params={"token": "x" * 40}).status_code == 401
        http.cookies.set(COOKIE, "y" * 40)
        assert http.get("/ogc").status_code == 401


def test_the_link_with_the_token_leaves_a_cookie_and_a_clean_address(station):
    with station.client(token=False) as http:
        answer = http.get("/", params={"token": station.view.token, "lang": "de"})
        assert answer.status_code == 303
        assert answer.headers["Location"] == "/?lang=de"  # the token leaves the address bar
        set_cookie = answer.headers["Set-Cookie"]
        assert f"{COOKIE}=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
        page = http.get("/?lang=de")  # from now on the cookie alone opens the page
        assert page.status_code == 200 and '<html lang="de">' in page.text
        assert http.get("/ogc/conformance").status_code == 200


def test_answers_forbid_foreign_scripts_and_framing(station):
    with station.client() as http:
        answer = http.get("/")
    csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "http://" not in answer.text.split("<body>")[0] and "https://" not in answer.text  # no CDN asset


def test_localhost_by_default_and_a_token_is_always_needed(tmp_path, station):
    assert station.view.url.startswith("http://127.0.0.1:")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    for bad in ("", "short", "has a space in it, so no"):
        with pytest.raises(WebTokenError):
            WebView(station.engine, "0.0.0.0", 0, token=bad)


def test_the_settings_decide_whether_and_where_it_listens(tmp_path):
    data = DataDir.open(tmp_path)
    with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        assert engine.web is None  # web_port 0: no web view
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        data.settings_file.write_text(json.dumps({"web_port": port, "web_host": "127.0.0.1"}))
        with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
            # A port already taken: a clear error, and the engine runs on.
            assert engine.web is None
            assert f"web view cannot listen on 127.0.0.1:{port}" in engine.web_error
            assert engine.snapshot().time > 0
    port = _free_port()
    with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False, web=("127.0.0.1", port)) as engine:
        view = engine.web
        assert view.url == f"http://127.0.0.1:{port}/"
        assert view.token == load_or_create_token(data.root)  # the station's own token


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_stop_ends_open_live_streams_at_once(station):
    with httpx.Client(timeout=10) as http:
        with http.stream("GET", station.view.url + "live",
                         headers={"Authorization": f"Bearer {station.view.token}"}) as stream:
            lines = stream.iter_lines()
            assert next(lines).startswith("retry:")
            started = time.monotonic()
            asyncio.run_coroutine_threadsafe(station.view.stop(), station.engine._loop).result(timeout=10)
            assert time.monotonic() - started < 3.0
