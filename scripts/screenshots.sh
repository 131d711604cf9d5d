#!/bin/sh
# Screenshots of every screen at 1366x768, in Chinese and in English, into screenshots/ (git-ignored).
# Usage: scripts/screenshots.sh [--clients N] [--out DIR] [--file F (passphrase in KAMDESK_PASSPHRASE)]
set -e
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
QT_QPA_PLATFORM=offscreen exec "$PY" -m kamdesk.ui.screenshots "$@"
