#!/usr/bin/env bash
# The whole gate: lint, format, types, data dictionary, tests.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
run ruff check .
run ruff format --check .
run mypy
run azwa dictionary --check
run pytest "$@"
