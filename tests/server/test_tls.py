"""The server speaks HTTPS with the configured certificate; the client engine trusts the bank's CA."""
from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kamdesk.server.settings import Settings
from kamdesk.server.testing import run_server


def _self_signed(tmp: Path) -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_https_with_configured_certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = _self_signed(tmp_path)
    settings = Settings.load(data_dir=tmp_path / "srv", dev_mode=False, token_secret="t" * 32, port=0,
                             tls_cert=cert, tls_key=key)
    settings.check()
    with run_server(settings) as srv:
        assert srv.url.startswith("https://")
        with pytest.raises(httpx.ConnectError):  # not trusted by default
            httpx.get(srv.url + "/api/v1/health")
        assert httpx.get(srv.url + "/api/v1/health", verify=ssl.create_default_context(cafile=cert)).json()["status"] == "ok"
        monkeypatch.setenv("SSL_CERT_FILE", cert)  # how a bank deploys its own CA to the client
        from kamdesk.sync.engine import check_url

        client: Any = httpx.Client(base_url=check_url(srv.url))
        assert client.get("/api/v1/version").status_code == 200
