"""Enrolment on the client side: the user turns the one-time enrolment secret an administrator
handed over into a password of their own (`POST /auth/enrol`). Needs no client file: a new
user enrols before their first sync; a user whose account was reset enrols, then signs in again."""
from __future__ import annotations

import httpx

from kamdesk.common.i18n import _
from kamdesk.sync import protocol as p
from kamdesk.sync.engine import Offline, SyncError, _body, check_url


def enrol(server_url: str, username: str, secret: str, new_password: str, *,
          plain_hosts: list[str] | None = None, transport: httpx.BaseTransport | None = None,
          timeout: float = 30.0) -> None:
    """Set the user's own password with the enrolment secret; SyncError (with the server's code)
    when the secret is wrong, spent or expired, or the password breaks the rules."""
    if plain_hosts is None:
        from kamdesk.security.policy import default_policy

        plain_hosts = default_policy().security.get("plain_http_hosts")
    url = check_url(server_url, plain_hosts)
    body = p.EnrolRequest(username=username, enrolment_secret=secret.strip(), new_password=new_password)
    with httpx.Client(base_url=url + p.API_PREFIX, transport=transport, timeout=timeout) as http:
        try:
            resp = http.post("/auth/enrol", json=body.model_dump())
        except httpx.TransportError:
            raise Offline() from None
    if resp.status_code == 204:
        return
    answer = _body(resp)
    err = SyncError(str(answer.get("message") or _("服务器拒绝了注册（HTTP {s}）。").format(s=resp.status_code)))
    err.code = str(answer.get("code") or "")
    raise err
