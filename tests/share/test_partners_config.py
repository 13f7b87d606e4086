"""partners.toml: one human-editable file; a bad file names the line and key."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from groundstation.core.partners import PartnersFileError, load_partners

GOOD = """
# Moselle SDIS 57: CAP over HTTPS, confirmed findings only
[[partner]]
name = "SDIS57"
country = "FR"
language = "fr"
format = "cap"
transport = "https"
endpoint = "https://cap.sdis57.example/alerts"
ca_file = "certs/ca.pem"
token_file = "secrets/sdis57.token"

[[partner]]
name = "TAK-LU"
country = "LU"
language = "de"
format = "cot"
transport = "tak"
endpoint = "tls://tak.cgdis.example:8089"
cert_file = "certs/gs.pem"
key_file = "certs/gs.key"
share = "all"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("certs/ca.pem", "certs/gs.pem", "certs/gs.key", "secrets/sdis57.token"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("TOPSECRET-CONTENT")
    return tmp_path


def test_good_file(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    (folder / "partners.toml").write_text(GOOD)
    fr, lu = load_partners(folder / "partners.toml")
    assert (fr.name, fr.format, fr.transport, fr.share, fr.locale) == ("SDIS57", "cap", "https", "confirmed", "fr-FR")
    assert fr.credentials.token_file == folder / "secrets" / "sdis57.token"
    assert not fr.wants("unconfirmed") and fr.wants("confirmed") and lu.wants("unconfirmed")
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").info("partners: %r", [fr, lu])
    assert "TOPSECRET" not in caplog.text and "TOPSECRET" not in repr(fr)


def test_missing_file_means_no_partners(tmp_path: Path) -> None:
    assert load_partners(tmp_path / "partners.toml") == []


@pytest.mark.parametrize("edit, words", [
    (('format = "cap"', 'format = "pdf"'), ["'format'", "pdf"]),
    (('transport = "tak"', 'transport = "https"'), ["'cot' travels over tak"]),
    (('endpoint = "tls://tak.cgdis.example:8089"', 'endpoint = "tcp://tak.cgdis.example:8087"'),
     ["not encrypted", "allow_insecure"]),
    (('token_file = "secrets/sdis57.token"', 'token_file = "secrets/nope.token"'), ["no such file"]),
    (('country = "LU"', 'country = "Luxembourg"'), ["two-letter"]),
    (('share = "all"', 'share = "everything"'), ["'share'"]),
    (('language = "de"', 'langauge = "de"'), ["unknown key 'langauge'"]),
    (('name = "TAK-LU"', 'name = "SDIS57"'), ["used twice"]),
])
def test_bad_key_names_line_and_key(folder: Path, edit: tuple[str, str], words: list[str]) -> None:
    text = GOOD.replace(*edit)
    assert text != GOOD
    lines = text.splitlines()
    line = len(lines) - lines[::-1].index(edit[1])  # the edited line (last one with that text)
    (folder / "partners.toml").write_text(text)
    with pytest.raises(PartnersFileError) as err:
        load_partners(folder / "partners.toml")
    message = str(err.value)
    assert f"line {line}:" in message, message
    for w in words:
        assert w in message, message


def test_bad_toml_syntax_names_line(folder: Path) -> None:
    (folder / "partners.toml").write_text(GOOD.replace('language = "fr"', 'language = fr"'))
    with pytest.raises(PartnersFileError, match=r"not valid TOML: .*line 6"):
        load_partners(folder / "partners.toml")
