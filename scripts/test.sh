#!/usr/bin/env bash
# Every check the project has, in the order that fails fastest. Called by `./ratchet test` and CI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RATCHET_ROOT"
y() { node .yarn/releases/yarn-4.13.0.cjs "$@"; }
step() { echo; echo "=== ratchet test: $* ($(date +%T))"; }

step install
ratchet_install

step "typecheck (tsc)"
y tsc

# The generated OpenAPI layer must be what openapi.yaml gives: repo-tools checks the spec in router.ts (it
# imports TypeScript, hence the transform), our generator the models, EndpointMap and client (no network).
step "generated OpenAPI layer matches openapi.yaml"
NODE_OPTIONS="--require @backstage/cli/config/nodeTransform.cjs" y backstage-repo-tools repo schema openapi validate plugins/maturity-backend
y openapi:check

step "lint"
y backstage-cli repo lint

# Never let TestDatabases try Docker (it does not run here): PostgreSQL comes from the local server.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

# Database tests run on SQLite always, and on PostgreSQL when a server answers locally.
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
fi
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  echo "ratchet: database tests run on SQLite and PostgreSQL ($BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)"
else
  echo "ratchet: no PostgreSQL on 127.0.0.1:5432 — database tests run on SQLite only"
fi

step "unit, component and database tests (jest)"
CI=true y backstage-cli repo test --maxWorkers=2

# Two full backend processes on one PostgreSQL database, one killed with SIGKILL mid-sweep: alone, as the
# three backends it starts would starve the suites beside them (about a minute; skipped without PostgreSQL).
step "multi-process reliability (two backends on one PostgreSQL)"
RATCHET_MULTIPROCESS=1 CI=true y workspace backend backstage-cli package test src/reliability/

# Requests generated from openapi.yaml (fast-check): no 5xx, every response as the schema says, on SQLite
# and (when it answers) PostgreSQL. A failure prints the request that reproduces it and the seed.
step "OpenAPI fuzzer (10,000 generated requests per database)"
RATCHET_FUZZ_RUNS=10000 CI=true y workspace @ratchet/backstage-plugin-maturity-backend backstage-cli package test src/fuzz/

step "browser tests (Playwright + Chromium)"
bash scripts/e2e.sh

step "all green"
