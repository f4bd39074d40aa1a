#!/usr/bin/env bash
# Browser tests: Playwright drives the system Chromium (never a downloaded one) against the demo portal.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RATCHET_ROOT"

CHROMIUM="${RATCHET_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ratchet: installing Chromium from Debian packages" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 || true
  CHROMIUM="$(command -v chromium || true)"
fi
if [ -z "$CHROMIUM" ]; then
  echo "ratchet: SKIPPED browser tests — Chromium is not installed and cannot be installed here (apt-get install chromium)" >&2
  exit 0
fi
export RATCHET_CHROMIUM="$CHROMIUM"
# The demo's loopback Kubernetes clusters listen on 7101/7102; the backend the browser tests start uses
# other ports, so a running demo and a test run never read each other's clusters.
export RATCHET_KUBERNETES_EU_WEST_PORT="${RATCHET_KUBERNETES_EU_WEST_PORT:-7111}"
export RATCHET_KUBERNETES_US_EAST_PORT="${RATCHET_KUBERNETES_US_EAST_PORT:-7112}"
# Likewise the demo's loopback GitHub API (7103 in the demo).
export RATCHET_GITHUB_PORT="${RATCHET_GITHUB_PORT:-7113}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec node .yarn/releases/yarn-4.13.0.cjs playwright test --config e2e/playwright.config.ts "$@"
