#!/usr/bin/env bash
# Builds the demo web app into demo/dist/ (installing the npm dependencies first when needed), for
# the Java demo server to serve. Skips the build when demo/dist is newer than every source.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ -f demo/dist/index.html ] && [ -z "$(find src demo/src demo/index.html demo/styles.css demo/build.mjs package-lock.json \
      -newer demo/dist/index.html -print -quit)" ]; then
  exit 0
fi
[ -d node_modules ] || ./install-packages.sh --silent
node demo/build.mjs
