#!/usr/bin/env bash
# The assistant's commands, used by the Makefile, the Procfile and the tests:
#   scripts/bot.sh setup     create bot/.venv (Python 3.10) from bot/requirements.txt
#   scripts/bot.sh train     train the model only when its inputs changed (hash of config,
#                            domain and data) and point bot/models/current.tar.gz at it
#   scripts/bot.sh rasa      run the Rasa server (loopback only, API behind RASA_TOKEN)
#   scripts/bot.sh actions   run the action server (loopback only)
#   scripts/bot.sh check     rasa data validate, held-out NLU test, test stories, action tests
set -euo pipefail
cd "$(dirname "$0")/../bot"
BOT=$PWD
VENV=$BOT/.venv
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 LOG_LEVEL_LIBRARIES=ERROR
export PYTHONPATH=$BOT${PYTHONPATH:+:$PYTHONPATH}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTIONS_PORT:-5055}/webhook}
# endpoints.production.yml keeps conversations and locks in Redis: its host, port and database.
_redis=${REDIS_URL:-redis://127.0.0.1:6379/0}; _redis=${_redis#redis://}; _redis=${_redis##*@}
export REDIS_HOST=${REDIS_HOST:-${_redis%%:*}}
_port=${_redis#*:}; export REDIS_PORT=${REDIS_PORT:-${_port%%/*}}
export RASA_REDIS_DB=${RASA_REDIS_DB:-1}
export SQLALCHEMY_SILENCE_UBER_WARNING=1

find_python310() {
  for candidate in "${BOT_PYTHON:-}" python3.10 $(ls -d "$(pyenv root 2>/dev/null)"/versions/3.10.*/bin/python 2>/dev/null | sort -V | tail -n 1) /usr/bin/python3.10; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Rasa 3.6 needs Python 3.10 and none was found (tried BOT_PYTHON, python3.10, pyenv versions 3.10.*, /usr/bin/python3.10). Install Python 3.10 (e.g. 'pyenv install 3.10') and run make again." >&2
  return 1
}

setup() {
  local stamp=$VENV/.installed
  if [ -f "$stamp" ] && [ "$stamp" -nt requirements.txt ]; then return 0; fi
  local python; python=$(find_python310)
  echo "bot: creating bot/.venv with $python (Rasa is large: about 1-2 minutes, 2.7 GB)"
  [ -d "$VENV" ] || "$python" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet -r requirements.txt
  # The action server shares the site's Flask-free code (rightcall.assistant, rightcall.contacts).
  "$VENV/bin/python" - "$BOT/../site" <<'PY'
import pathlib, sys, sysconfig
pth = pathlib.Path(sysconfig.get_paths()["purelib"]) / "rightcall-site.pth"
pth.write_text(str(pathlib.Path(sys.argv[1]).resolve()) + "\n")
PY
  touch "$stamp"
  echo "bot: virtualenv ready"
}

model_hash() {
  cat config.yml domain.yml $(find data -name '*.yml' | sort) | sha256sum | cut -c1-16
}

train() {
  setup
  local hash; hash=$(model_hash)
  mkdir -p models
  if [ -f "models/$hash.tar.gz" ]; then
    echo "bot: model $hash is up to date"
  else
    echo "bot: training model $hash (inputs changed; a few minutes on 2 cores)"
    local started=$SECONDS
    "$VENV/bin/rasa" train --quiet --fixed-model-name "$hash" --out models >models/train.log 2>&1 \
      || { tail -n 40 models/train.log >&2; echo "bot: training failed (full log: bot/models/train.log)" >&2; exit 1; }
    echo "bot: trained model $hash in $((SECONDS - started)) s"
    find models -name '*.tar.gz' ! -name "$hash.tar.gz" -delete
  fi
  ln -sf "$hash.tar.gz" models/current.tar.gz
}

rasa_server() {
  : "${RASA_TOKEN:?set RASA_TOKEN: the token that protects the Rasa HTTP API}"
  # The token is added to Rasa's arguments inside the process, from RASA_TOKEN: a command line
  # can be read by anyone on the machine (ps), a process's environment only by its owner.
  exec "$VENV/bin/python" -c 'import os, sys
from rasa.__main__ import main
sys.argv = ["rasa", *sys.argv[1:], "--auth-token", os.environ["RASA_TOKEN"]]
sys.exit(main())' run --enable-api -i 127.0.0.1 \
    -p "${RASA_PORT:-5005}" --model models/current.tar.gz --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" \
    --credentials credentials.yml --quiet
}

actions() {
  # rasa-sdk has no --interface option: it binds to SANIC_HOST (loopback only, never 0.0.0.0).
  SANIC_HOST=127.0.0.1 exec "$VENV/bin/python" -m rasa_sdk --actions actions -p "${ACTIONS_PORT:-5055}" --quiet
}

check() {
  train
  "$VENV/bin/rasa" data validate --quiet --fail-on-warnings
  "$VENV/bin/rasa" test nlu --nlu tests/nlu_test --model models/current.tar.gz --out results/nlu --quiet
  "$VENV/bin/rasa" test core --stories tests/test_stories.yml --model models/current.tar.gz \
    --out results/core --fail-on-prediction-errors --quiet
  "$VENV/bin/python" -m pytest -q tests
}

case "${1:-}" in
  setup) setup ;;
  train) train ;;
  rasa) rasa_server ;;
  actions) actions ;;
  check) check ;;
  *) echo "usage: scripts/bot.sh setup|train|rasa|actions|check" >&2; exit 2 ;;
esac
