# Sourced by ./dev. Installs missing Debian packages and keeps .venv in step with pyproject.toml.

RUNTIME_DEBS=(fonts-wqy-microhei libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0)
TEST_DEBS=(poppler-utils qpdf gnome-keyring dbus-x11 xvfb postgresql-client)

_missing_debs() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "[setup] not a Debian system: install Qt runtime libs, poppler-utils, qpdf, a CJK font yourself" >&2; return 0; }
  local want=("${RUNTIME_DEBS[@]}")
  [ "${1:-runtime}" = test ] && want+=("${TEST_DEBS[@]}")
  local missing; missing="$(_missing_debs "${want[@]}")"
  [ -z "${missing// }" ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "[setup] missing Debian packages (run as root to install): $missing" >&2; return 0; fi
  fi
  echo "[setup] installing Debian packages: $missing" >&2
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || echo "[setup] warning: could not install some of: $missing" >&2
}

_pick_python() {
  local c
  # 3.12 first: PySide6 6.12 leaks references to None on 3.11 (kamdesk/ui/qt.py guards against it there)
  for c in "${KAMDESK_PYTHON:-}" python3.12 python3.11 python3.13 python3; do
    [ -n "$c" ] || continue
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  echo "[setup] Python >= 3.11 is required" >&2; return 1
}

ensure_venv() {
  local extra="${1:-runtime}"
  local py; py="$(_pick_python)"
  local want_ver have_ver=""
  want_ver="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  [ -x .venv/bin/python ] && have_ver="$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
  if [ -n "$have_ver" ] && [ "$have_ver" != "$want_ver" ]; then
    echo "[setup] .venv has Python $have_ver, want $want_ver: recreating it" >&2
    rm -rf .venv
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "[setup] creating .venv with $py" >&2
    "$py" -m venv .venv
  fi
  local stamp=".venv/.kamdesk-$extra.stamp"
  local want; want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "[setup] installing Python packages ($extra)" >&2
    local spec="."
    [ "$extra" = test ] && spec=".[test]"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
    echo "$want" > "$stamp"
  fi
}

# The local demo server for `./dev run`: seeded once (2,000 clients, seed 7) in the user data dir,
# served on 127.0.0.1 (KAMDESK_DEMO_PORT, default 8765) while the app runs. The app's first-run
# dialog offers to connect to it; the seeded users' passwords stay in a 0600 file beside it.
start_local_demo_server() {
  local home
  home="${KAMDESK_HOME:-$(.venv/bin/python -c 'import platformdirs; print(platformdirs.user_data_dir("kamdesk", "KAMDesk"))')}"
  mkdir -p "$home"
  local db="$home/demo-server.db" users="$home/demo-server-users.json" port="${KAMDESK_DEMO_PORT:-8765}"
  export KAMDESK_SERVER_DATA_DIR="${KAMDESK_SERVER_DATA_DIR:-$home/demo-server}"
  if [ ! -s "$users" ]; then
    echo "[setup] seeding the local demo server (once)" >&2
    rm -f "$db"
    (umask 077; .venv/bin/kamdesk-server admin demo --clients 2000 --seed 7 --db "sqlite:///$db" --json > "$users.tmp") \
      && mv "$users.tmp" "$users" || { echo "[setup] demo server not seeded; the app still runs offline" >&2; return 0; }
  fi
  .venv/bin/kamdesk-server serve --dev --db "sqlite:///$db" --host 127.0.0.1 --port "$port" > "$home/demo-server.log" 2>&1 &
  DEMO_SERVER_PID=$!
  trap 'kill "$DEMO_SERVER_PID" 2>/dev/null || true' EXIT
  export KAMDESK_DEMO_SERVER="http://127.0.0.1:$port" KAMDESK_DEMO_USERS="$users"
}
