"""Partner command posts: who gets our findings, in which format, over which transport.

Read from one human-editable TOML file (`partners.toml` in the data directory). Credentials are
never in the file itself, only paths to files holding them, and never appear in a repr or a log.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PARTNERS_FILE = "partners.toml"

LANGUAGES = ("fr", "de", "en")
# format -> transports that can carry it
FORMATS: dict[str, tuple[str, ...]] = {
    "cot": ("tak",),
    "cap": ("https",),
    "cap-edxl": ("https",),
    "emsi": ("https",),
    "geojson": ("mqtt", "https"),
}
# transport -> URL schemes accepted; the plain ones need `allow_insecure = true`
SCHEMES: dict[str, tuple[str, ...]] = {
    "tak": ("tls", "tcp"),
    "https": ("https", "http"),
    "mqtt": ("mqtts", "mqtt"),
}
INSECURE_SCHEMES = {"tcp", "http", "mqtt"}
SHARE_POLICIES = ("confirmed", "all")
CREDENTIAL_KEYS = ("ca_file", "cert_file", "key_file", "token_file", "username_file", "password_file")
KNOWN_KEYS = {
    "name", "country", "language", "format", "transport", "endpoint", "share", "allow_insecure",
    "topic", "enabled", *CREDENTIAL_KEYS,
}


class PartnersFileError(ValueError):
    """A partners file that cannot be used; the message names the file, line and key."""


@dataclass(frozen=True)
class Credentials:
    """Paths to credential files; the contents are read only by the transport that needs them."""

    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    token_file: Path | None = None
    username_file: Path | None = None
    password_file: Path | None = None

    def __repr__(self) -> str:  # paths are not secret, but keep reprs short and free of contents
        present = [k for k in CREDENTIAL_KEYS if getattr(self, k) is not None]
        return f"Credentials({', '.join(present) or 'none'})"

    def read_text(self, key: str) -> str | None:
        path: Path | None = getattr(self, key)
        return path.read_text(encoding="utf-8").strip() if path is not None else None


@dataclass(frozen=True)
class Partner:
    name: str
    country: str
    language: str
    format: str
    transport: str
    endpoint: str
    share: str = "confirmed"
    topic: str | None = None
    allow_insecure: bool = False
    credentials: Credentials = field(default_factory=Credentials)

    def wants(self, status: str) -> bool:
        """Whether this partner's sharing policy lets a finding in `status` reach it."""
        return self.share == "all" or status != "unconfirmed"

    @property
    def locale(self) -> str:
        """Language tag for the partner's human-readable text, e.g. fr-BE."""
        return f"{self.language}-{self.country}"


def _line_of(text: str, table_index: int, key: str | None) -> int | None:
    """1-based line of `key` inside the table_index-th [[partner]] table (or of the header)."""
    lines = text.splitlines()
    headers = [i for i, ln in enumerate(lines) if re.match(r"\s*\[\[\s*partner\s*\]\]", ln)]
    if table_index >= len(headers):
        return None
    start = headers[table_index]
    end = headers[table_index + 1] if table_index + 1 < len(headers) else len(lines)
    if key is None:
        return start + 1
    for i in range(start, end):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start + 1


def _partner(raw: dict[str, Any], base: Path, fail: Any) -> Partner:
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        fail(unknown[0], f"unknown key {unknown[0]!r} (known: {', '.join(sorted(KNOWN_KEYS))})")

    def text(key: str, required: bool = True) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                fail(None, f"missing key {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            fail(key, f"{key!r} must be a non-empty string")
        return value.strip()

    name = text("name")
    country = text("country")
    if not re.fullmatch(r"[A-Z]{2}", country or ""):
        fail("country", f"'country' must be a two-letter ISO code like FR, got {country!r}")
    language = text("language")
    if language not in LANGUAGES:
        fail("language", f"'language' must be one of {', '.join(LANGUAGES)}, got {language!r}")
    fmt = text("format")
    if fmt not in FORMATS:
        fail("format", f"'format' must be one of {', '.join(FORMATS)}, got {fmt!r}")
    transport = text("transport")
    if transport not in FORMATS[fmt]:  # type: ignore[index]
        fail("transport", f"format {fmt!r} travels over {' or '.join(FORMATS[fmt])}, not {transport!r}")  # type: ignore[index]
    endpoint = text("endpoint")
    url = urlsplit(endpoint)
    if url.scheme not in SCHEMES[transport] or not url.hostname:  # type: ignore[index]
        fail("endpoint", f"'endpoint' for {transport} must look like "
                         f"{SCHEMES[transport][0]}://host:port, got {endpoint!r}")  # type: ignore[index]
    try:
        url.port
    except ValueError:
        fail("endpoint", f"'endpoint' has a bad port: {endpoint!r}")
    allow_insecure = raw.get("allow_insecure", False)
    if not isinstance(allow_insecure, bool):
        fail("allow_insecure", "'allow_insecure' must be true or false")
    if url.scheme in INSECURE_SCHEMES and not allow_insecure:
        fail("endpoint", f"{url.scheme}:// is not encrypted; use {SCHEMES[transport][0]}:// "  # type: ignore[index]
                         "or set allow_insecure = true for a trusted local network")
    share = raw.get("share", "confirmed")
    if share not in SHARE_POLICIES:
        fail("share", f"'share' must be 'confirmed' (confirmed findings only) or 'all', got {share!r}")
    topic = text("topic", required=False)
    creds: dict[str, Path] = {}
    for key in CREDENTIAL_KEYS:
        value = text(key, required=False)
        if value is None:
            continue
        path = (base / value).expanduser() if not Path(value).is_absolute() else Path(value)
        if not path.is_file():
            fail(key, f"{key!r}: no such file {path}")
        creds[key] = path
    if ("cert_file" in creds) != ("key_file" in creds):
        fail("cert_file" if "cert_file" in creds else "key_file",
             "'cert_file' and 'key_file' go together (client certificate and its key)")
    return Partner(name=name, country=country, language=language, format=fmt,  # type: ignore[arg-type]
                   transport=transport, endpoint=endpoint, share=share, topic=topic,  # type: ignore[arg-type]
                   allow_insecure=allow_insecure, credentials=Credentials(**creds))


def parse_partners(text: str, source: Path) -> list[Partner]:
    """Parse partners TOML text; relative credential paths are relative to the file's folder."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PartnersFileError(f"{source}: not valid TOML: {exc}") from None
    unknown_top = sorted(set(doc) - {"partner"})
    if unknown_top:
        raise PartnersFileError(f"{source}: unknown top-level key {unknown_top[0]!r}; "
                                "each partner is a [[partner]] table")
    tables = doc.get("partner", [])
    if not isinstance(tables, list):
        raise PartnersFileError(f"{source}: 'partner' must be written as [[partner]] tables")
    partners: list[Partner] = []
    for index, raw in enumerate(tables):
        def fail(key: str | None, message: str, _i: int = index, _raw: dict = raw) -> None:
            line = _line_of(text, _i, key)
            who = f"partner #{_i + 1}" + (f" ({_raw['name']!r})" if isinstance(_raw.get("name"), str) else "")
            where = f"{source}, line {line}" if line else str(source)
            raise PartnersFileError(f"{where}: {who}: {message}")
        partner = _partner(raw, source.parent, fail)
        if raw.get("enabled", True) is False:
            continue
        if any(p.name == partner.name for p in partners):
            fail("name", f"name {partner.name!r} is used twice; partner names must be unique")
        partners.append(partner)
    return partners


def load_partners(path: str | Path) -> list[Partner]:
    """Load partners from a TOML file; a missing file means no partners yet."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PartnersFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_partners(text, path)
