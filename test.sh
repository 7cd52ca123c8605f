#!/usr/bin/env bash
# notegraph's test command: installs the validators the tests run (once),
# starts a private PostgreSQL cluster for the store tests, runs every test,
# and stops the cluster. Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/install-validators.sh

# A private PostgreSQL cluster on a loopback port, for the store tests that
# run on both backends (skipped when NOTEGRAPH_TEST_PG already names one).
pgdir=""
if [ -z "${NOTEGRAPH_TEST_PG:-}" ]; then
  pgdir="$(mktemp -d /tmp/notegraph-pg.XXXXXX)"
  NOTEGRAPH_TEST_PG="$(sh graph/testdata/pg-start.sh "$pgdir" "${NOTEGRAPH_TEST_PG_PORT:-55432}")"
  export NOTEGRAPH_TEST_PG
fi
cleanup() {
  if [ -n "$pgdir" ]; then
    sh graph/testdata/pg-stop.sh "$pgdir" >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT

go vet ./...
go test -count=1 -timeout 30m "$@" ./...

# The SPARQL engine against Oxigraph over the export this very commit builds
# (the query tests above use a fixture and a stored snapshot).
live="$(mktemp -d /tmp/notegraph-live.XXXXXX)"
go run ./cmd/notegraph build --db "$live/db" --out "$live/corpus.ttl" >/dev/null
NOTEGRAPH_AGREEMENT_TTL="$live/corpus.ttl" go test -count=1 -run OxigraphAgreement ./query
rm -rf "$live"
