""""Remember on this device" against a real Secret Service (gnome-keyring in a private D-Bus session)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs gnome-keyring and dbus-x11 (installed by ./dev test on Debian)",
)

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kamdesk.security.vault import KeyringCache
    from kamdesk.services.book import create_book, make_vault, open_book
    from tests.support import FAST_KDF, PASSPHRASE, USERS
    path = Path(sys.argv[1])
    cache = KeyringCache()
    print("backend", cache.backend_name())
    book = create_book(path, PASSPHRASE, user=USERS["rm"], kdf=FAST_KDF)
    book.remember_on_device()
    book.close()
    again = open_book(path, None)  # no passphrase: the key comes from the OS keyring
    print("opened", again.user.username)
    again.close()
    vault = make_vault(path)
    vault.forget()
    print("after-forget", vault.unlock_from_keyring())
    """
)


def test_real_secret_service_roundtrip(tmp_path):
    inner = f"echo -n unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; " \
            f"exec {sys.executable} -c \"$KD_SCRIPT\" {tmp_path / 'k.kdb'}"
    home = tmp_path / "home"  # a private keyring: never touch the user's own
    home.mkdir()
    env = dict(os.environ, KD_SCRIPT=SCRIPT, PYTHONPATH=str(Path(__file__).resolve().parents[2]), HOME=str(home),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_RUNTIME_DIR=str(home / "run"))
    (home / "run").mkdir(mode=0o700)
    r = subprocess.run(["dbus-run-session", "--", "sh", "-c", inner], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "SecretService" in r.stdout
    assert "opened wangxm" in r.stdout
    assert "after-forget None" in r.stdout
