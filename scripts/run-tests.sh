#!/usr/bin/env bash
# Runs the whole suite. PostgreSQL-backed tests use $KAMDESK_TEST_PG_DSN or 127.0.0.1:5432 when reachable.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/python -m pytest "$@"
rc=$?
# pytest exits 5 when it collected nothing: that is a failure of the suite, not a pass.
exit $rc
