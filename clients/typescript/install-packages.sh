#!/usr/bin/env bash
# Installs the npm packages exactly as package-lock.json pins them. `npm ci` cannot be used: the
# registry this project is built from lacks some optional, other-platform builds that rivetkit lists
# (its darwin and win32 binaries), and npm ci counts any absent optional package as a lock mismatch.
# `npm install` installs the same locked versions and skips optional packages it cannot get; the lock
# must come out of it unchanged, or the install fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm install --no-audit --no-fund "$@"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- package-lock.json; then
  echo "install-packages: npm install changed package-lock.json; the lock is out of date (commit the new one)" >&2
  exit 1
fi
