#!/usr/bin/env bash
# The production mode (`make serve`): PostgreSQL, Redis, gunicorn, two Rasa replicas sharing
# conversations through Redis, the action server and the daily usage rollup (Procfile.production).
# Start-up: create the database if missing, apply the Alembic migrations, import content/.
set -euo pipefail
cd "$(dirname "$0")/.."
export RIGHTCALL_ENV=production
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/rightcall}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export SECRET_KEY=${SECRET_KEY:-$(cat instance/secret-key)}
export RASA_TOKEN=${RASA_TOKEN:-$(cat instance/rasa-token)}
export ADMIN_TOKEN=${ADMIN_TOKEN:-$(cat instance/admin-token)}
export RASA_URL=${RASA_URL:-http://127.0.0.1:5005,http://127.0.0.1:5006}
export WEB_PORT=${WEB_PORT:-8000}
export FLASK_APP=rightcall
.venv/bin/flask ops ensure-database
.venv/bin/flask db upgrade
.venv/bin/flask content import
echo "Right Call (production mode): http://${HOST:-127.0.0.1}:${WEB_PORT}/  workspace: /admin/  health: /readyz"
exec .venv/bin/honcho start --no-prefix -f Procfile.production
