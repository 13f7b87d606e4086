"""CURVE key pairs for robot links over ZeroMQ (ZeroMQ's own certificate files).

Each end has a key pair: NAME.key holds the public key (safe to copy), NAME.key_secret the
public and secret keys (stays on its machine, readable by its owner only). The robot knows the
public keys of the stations allowed to drive it; each station knows the robot's public key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import zmq.auth


class KeyFileError(ValueError):
    """A key file that is missing, unreadable or of the wrong kind."""


@dataclass(frozen=True)
class KeyPairFiles:
    public: Path
    secret: Path


@dataclass(frozen=True)
class CurveClientKeys:
    """What a station needs to reach one robot: the robot's public key and its own pair."""

    server_public: bytes
    public: bytes
    secret: bytes


@dataclass(frozen=True)
class CurveServerKeys:
    """What a robot needs: its own pair and the folder of public keys it lets in."""

    public: bytes
    secret: bytes
    authorized: Path


def generate_keypair(directory: str | os.PathLike[str], name: str) -> KeyPairFiles:
    """Write NAME.key and NAME.key_secret into directory; refuses to overwrite an existing pair."""
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"key name {name!r} must be a plain file name")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    files = KeyPairFiles(folder / f"{name}.key", folder / f"{name}.key_secret")
    for path in (files.public, files.secret):
        if path.exists():
            raise FileExistsError(f"{path} already exists; remove it first to replace the key pair")
    public, secret = zmq.auth.create_certificates(folder, name)
    os.chmod(secret, 0o600)
    return KeyPairFiles(Path(public), Path(secret))


def load_public(path: str | os.PathLike[str]) -> bytes:
    return _load(path)[0]


def load_pair(secret_path: str | os.PathLike[str]) -> tuple[bytes, bytes]:
    public, secret = _load(secret_path)
    if secret is None:
        raise KeyFileError(f"{secret_path} holds no secret key (give the .key_secret file)")
    return public, secret


def _load(path: str | os.PathLike[str]) -> tuple[bytes, bytes | None]:
    try:
        public, secret = zmq.auth.load_certificate(path)
    except (OSError, ValueError) as exc:
        raise KeyFileError(f"cannot read CURVE key file {path}: {exc}") from None
    if public is None:
        raise KeyFileError(f"{path} holds no public key")
    return public, secret


def client_keys(robot_public: str | os.PathLike[str], station_secret: str | os.PathLike[str]) -> CurveClientKeys:
    public, secret = load_pair(station_secret)
    return CurveClientKeys(load_public(robot_public), public, secret)


def server_keys(robot_secret: str | os.PathLike[str], authorized: str | os.PathLike[str]) -> CurveServerKeys:
    folder = Path(authorized)
    if not folder.is_dir() or not any(folder.glob("*.key")):
        raise KeyFileError(f"{folder} holds no station public keys (*.key): no station could connect")
    public, secret = load_pair(robot_secret)
    return CurveServerKeys(public, secret, folder)
