# Shared set-up for scripts/main.sh and scripts/check.sh: make sure uv exists, then install the
# locked environment (.venv) with compiled bytecode. Needs only python3 with pip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v uv >/dev/null 2>&1; then
  UV=(uv)
else
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "uv installeren met pip…" >&2
    python3 -m pip install --quiet uv 2>/dev/null || python3 -m pip install --quiet --user uv
  fi
  UV=(python3 -m uv)
fi
"${UV[@]}" sync --locked --compile-bytecode --quiet
run() { "${UV[@]}" run --no-sync "$@"; }
