#!/usr/bin/env bash
# Installs, builds and tests @troupe/client: unit tests, integration tests against a Troupe demo
# server, and browser end-to-end tests of the demo app and of actor-kit's React client in Debian's
# Chromium.
#
#   TROUPE_SERVER_CMD  how to start the server (default: ../../troupe demo --port {port} --data {data})
#   CHROMIUM_PATH      the browser (default /usr/bin/chromium; installed with apt-get when missing
#                      and this script runs as root or with passwordless sudo)
#
# Results and screenshots land in test-output/. The last line is "typescript: N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "run-tests: Node.js >= 20 is required (found: $(node -v 2>/dev/null || echo none))" >&2
  exit 1
fi

install_chromium() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "run-tests: $CHROMIUM_PATH is missing and installing it needs root: apt-get install chromium" >&2
      exit 1
    fi
  fi
  echo "run-tests: installing Debian's chromium..." >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
}
[ -x "$CHROMIUM_PATH" ] || install_chromium

rm -rf test-output
mkdir -p test-output
./install-packages.sh
npm run typecheck
npm run build
npm run build:demo

status=0
npx vitest run --project unit --project integration \
  --reporter=default --reporter=json --outputFile.json=test-output/vitest.json || status=$?
npm run test:e2e || status=$?
npm run test:e2e:actor-kit || status=$?

node --input-type=module -e '
  import { readFileSync, existsSync } from "node:fs";
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);
  const vitest = read("test-output/vitest.json");
  const e2e = read("test-output/e2e.json");
  const actorKit = read("test-output/e2e-actor-kit.json");
  const passed = (vitest?.numPassedTests ?? 0) + (e2e?.passed ?? 0) + (actorKit?.passed ?? 0);
  const failed = (vitest?.numFailedTests ?? 0) + (e2e?.failed ?? 0) + (actorKit?.failed ?? 0)
    + (vitest && e2e && actorKit ? 0 : 1);
  console.log(`typescript: ${passed} passed, ${failed} failed`);
'
exit "$status"
