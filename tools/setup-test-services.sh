#!/usr/bin/env bash
# Installs the external programs the test suite drives, when they are missing. Idempotent.
# (The compiler tests need nothing beyond npm ci; later suites add MongoDB-protocol and proxy servers here.)
set -euo pipefail
command -v git >/dev/null || { echo "git is required by the tests" >&2; exit 1; }
