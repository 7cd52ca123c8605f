#!/usr/bin/env bash
# notegraph's test command: installs the validators the tests run (once),
# starts a private PostgreSQL cluster for the store tests, runs every test,
# and stops the cluster. Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/install-validators.sh

pg_started=""
if [ -z "${NOTEGRAPH_TEST_PG:-}" ] && [ -x graph/testdata/pg-start.sh ]; then
  NOTEGRAPH_TEST_PG="$(bash graph/testdata/pg-start.sh)"
  export NOTEGRAPH_TEST_PG
  pg_started=1
fi
cleanup() { [ -n "$pg_started" ] && bash graph/testdata/pg-stop.sh || true; }
trap cleanup EXIT

go vet ./...
go test -count=1 -timeout 30m "$@" ./...
