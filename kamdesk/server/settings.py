"""The server's typed settings, declared in one place.

Values come from keyword arguments (the CLI), then environment variables `KAMDESK_SERVER_<NAME>`,
then defaults. Outside development mode the server refuses to start with a default secret or
without TLS on a non-loopback address (`Settings.check()`); development mode itself is refused
on any host but loopback.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _

DEV_SECRET = "dev-insecure-token-pepper"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def is_loopback(host: str) -> bool:
    """Only addresses every packet of which stays on this machine (not 0.0.0.0 / ::, which listen
    on every interface)."""
    import ipaddress

    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_data_dir() -> Path:
    return Path(os.environ.get("KAMDESK_SERVER_DATA_DIR") or platformdirs.user_data_dir("kamdesk-server", "KAMDesk"))


@dataclass
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    db_url: str = ""  # default: sqlite file in data_dir
    host: str = "127.0.0.1"
    port: int = 8443
    tls_cert: str | None = None
    tls_key: str | None = None
    dev_mode: bool = False
    token_secret: str = DEV_SECRET  # pepper for stored token hashes
    master_key_file: str = ""  # default: data_dir/master.key
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 30 * 24 * 3600
    # password-check throttling (kamdesk.server.throttle): failed attempts per counter before
    # delays that double from the first up to the maximum; a counter starts over after the window
    login_failures_per_source_account: int = 5
    login_failures_per_account: int = 30
    login_failures_per_source: int = 100
    login_first_delay_seconds: int = 30
    login_max_delay_seconds: int = 900
    login_window_seconds: int = 3600
    log_level: str = "INFO"
    # addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated; empty: none,
    # the peer's own address is the source the login throttle counts)
    trusted_proxies: str = ""

    def uvicorn_proxy_options(self) -> dict[str, Any]:
        """uvicorn trusts X-Forwarded-For from 127.0.0.1 by default; the server only from the
        configured proxies, so no caller can name a new source address per guess."""
        trusted = ",".join(a.strip() for a in str(self.trusted_proxies or "").split(",") if a.strip())
        return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or ""}

    @classmethod
    def load(cls, **overrides: Any) -> "Settings":
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"KAMDESK_SERVER_{f.name.upper()}")
            if env is not None:
                values[f.name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        s = cls(**values)
        s.data_dir = Path(s.data_dir)
        s.port = int(s.port)
        for name in ("access_ttl_seconds", "refresh_ttl_seconds", "login_failures_per_source_account",
                     "login_failures_per_account", "login_failures_per_source", "login_first_delay_seconds",
                     "login_max_delay_seconds",
                     "login_window_seconds"):
            setattr(s, name, int(getattr(s, name)))
        if isinstance(s.dev_mode, str):
            s.dev_mode = s.dev_mode.lower() in ("1", "true", "yes", "on")
        if not s.db_url:
            s.db_url = f"sqlite:///{s.data_dir / 'kamdesk-server.db'}"
        if not s.master_key_file:
            s.master_key_file = str(s.data_dir / "master.key")
        return s

    def check(self) -> None:
        """Refuse insecure settings outside development mode, and development mode off loopback."""
        if self.dev_mode:
            if not is_loopback(self.host):
                raise KamdeskError(_("拒绝启动：开发模式只能在本机回环地址上运行（当前监听 {h}）。").format(h=self.host))
            return
        if self.token_secret == DEV_SECRET or len(self.token_secret) < 16:
            raise KamdeskError(_("拒绝启动：请设置 KAMDESK_SERVER_TOKEN_SECRET（至少 16 个字符），不能使用默认密钥。"))
        if not is_loopback(self.host) and not (self.tls_cert and self.tls_key):
            raise KamdeskError(_("拒绝启动：在非本机地址上提供服务必须配置 TLS 证书和私钥（--tls-cert/--tls-key）。"))

    def public(self) -> dict[str, Any]:
        """The settings fit for a log line (no secrets, no database password)."""
        from sqlalchemy.engine import make_url

        return {"db": make_url(self.db_url).render_as_string(hide_password=True), "host": self.host,
                "port": self.port, "tls": bool(self.tls_cert), "dev_mode": self.dev_mode}
