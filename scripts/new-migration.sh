#!/usr/bin/env bash
# Autogenerates a client-file migration from the models: scripts/new-migration.sh "message"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
.venv/bin/python - "$@" <<'PY'
import sys, tempfile
from pathlib import Path
from alembic import command
from kamdesk.models.db import make_engine
from kamdesk.models.migrate import alembic_config
tmp = Path(tempfile.mkdtemp()) / "gen.db"
engine = make_engine(tmp, None)
cfg = alembic_config()
with engine.begin() as conn:
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
    command.revision(cfg, message=sys.argv[1], autogenerate=True)
PY
