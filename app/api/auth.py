"""The write key: `Authorization: Bearer <key>` checked in constant time against `Settings.api_keys`.

With no key configured the server is read-only: every write answers 403 `forbidden`, whatever it sends.
With keys configured, a missing or unknown key answers 401 `unauthorized`. Keys are never logged.
"""

import hmac
from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.errors import Forbidden, Unauthorized

bearer = HTTPBearer(
    scheme_name="apiKey", bearerFormat="opaque key", auto_error=False,
    description="A key from the server's `API_KEYS` setting, sent as `Authorization: Bearer <key>`. "
    "Needed by writes only; a server with no key configured refuses every write (403).",
)  # fmt: skip
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="newsapi"'}
INVALID_KEY = {"WWW-Authenticate": 'Bearer realm="newsapi", error="invalid_token"'}


def key_matches(given: str, keys: Sequence[str]) -> bool:
    """Whether the key is one of the configured keys; every key is compared, each in constant time."""
    found = False
    for key in keys:
        found |= hmac.compare_digest(given.encode(), key.encode())
    return found


def require_write_key(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Lets the request through with a configured key; else answers 403 (writes off) or 401."""
    keys: list[str] = request.app.state.settings.api_keys
    if not keys:
        raise Forbidden("Writes are disabled on this server: no API key is configured (`API_KEYS`).")
    if credentials is None:
        raise Unauthorized("Writes need an `Authorization: Bearer <key>` header.", headers=CHALLENGE)
    if not key_matches(credentials.credentials, keys):
        raise Unauthorized("The API key is not valid.", headers=INVALID_KEY)


WriteKey = Depends(require_write_key)
