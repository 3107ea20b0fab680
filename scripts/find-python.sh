#!/usr/bin/env bash
# Print the first Python the project can run on (3.11 to 3.13, with its venv module), trying
# $PYTHON first; or say clearly what is missing and fail. Used by `make` to create .venv.
#
# The distribution's Python comes before the one on PATH: Debian and Ubuntu build it with
# profile-guided and link-time optimisation, as the official Docker image (python:3.11-slim,
# our production image) is built. A version manager's default build (pyenv) is not: on these
# machines it ran the same pure-Python loop 27 % slower, and the platform's requests are mostly
# Python, so a bench on it understates what production serves. SYSTEM_PYTHON names another
# distribution Python (empty: none).
set -euo pipefail

candidates=(${PYTHON:-} ${SYSTEM_PYTHON-/usr/bin/python3.11} python3.11 python3.12 python3.13 python3)
for candidate in "${candidates[@]}"; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  if "$candidate" -c 'import sys, venv, ensurepip; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
    2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
done
{
  echo "No suitable Python found: the project needs Python 3.11 (3.12 and 3.13 work too) with"
  echo "its venv module. Tried: ${candidates[*]}."
  echo "On Debian or Ubuntu: apt-get install python3.11 python3.11-venv"
  echo "Or point to one: make run PYTHON=/path/to/python3.11"
} >&2
exit 1
