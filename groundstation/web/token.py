"""The web view's access token: made once, kept in the data directory (`web-token`, mode 600).

Kept across restarts so a commander's bookmarked link keeps working; delete the file to revoke
every link handed out (a new token is made at the next start).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

TOKEN_FILE = "web-token"
MIN_TOKEN_LENGTH = 16  # shorter tokens are guessable over a command post network


class WebTokenError(ValueError):
    """A token (or token file) the web view will not accept; the message says what to do."""


def check_token(token: str) -> str:
    if not isinstance(token, str) or len(token.strip()) < MIN_TOKEN_LENGTH:
        raise WebTokenError(f"the web view needs a token of at least {MIN_TOKEN_LENGTH} characters")
    if any(c.isspace() or not c.isprintable() for c in token):
        raise WebTokenError("the web token must not contain spaces or control characters")
    return token


def load_or_create_token(data_root: str | os.PathLike[str]) -> str:
    """The station's web token; created (readable by its owner only) on first use."""
    path = Path(data_root) / TOKEN_FILE
    try:
        # O_EXCL: two processes starting at once never overwrite each other's token.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(token + "\n")
    return token


def _read(path: Path) -> str:
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        os.chmod(path, 0o600)  # someone loosened it; the token stays private to the station's user
    try:
        token = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise WebTokenError(f"{path}: cannot read the web token ({exc}); delete the file to make a new one") from None
    try:
        return check_token(token)
    except WebTokenError as exc:
        raise WebTokenError(f"{path}: {exc}; delete the file to make a new one") from None
