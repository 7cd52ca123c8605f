package main

import (
	"path/filepath"
	"testing"

	"notegraph/internal/pgtest"
	"notegraph/internal/validate"
)

// The same corpus built into bolt and into PostgreSQL gives the same graph,
// and every command works on both.
func TestPostgresMatchesBolt(t *testing.T) {
	pg := pgtest.NewDatabase(t)
	dir := t.TempDir()
	bolt := filepath.Join(dir, "bolt")
	mustRun(t, "init", "--db", pg)
	outPG := mustRun(t, "build", "--db", pg, "--out", "")
	outBolt := mustRun(t, "build", "--db", bolt, "--out", "")
	for _, line := range []string{"documents", "actors", "events", "triples"} {
		if countLine(t, outPG, line) != countLine(t, outBolt, line) {
			t.Errorf("%s: PostgreSQL %d, bolt %d", line, countLine(t, outPG, line), countLine(t, outBolt, line))
		}
	}
	a, b := exportAll(t, pg, t.TempDir()), exportAll(t, bolt, t.TempDir())
	for _, f := range []string{"nq", "trig", "ttl", "jsonld"} {
		if string(readFile(t, a[f])) != string(readFile(t, b[f])) {
			t.Errorf("%s exports of PostgreSQL and bolt differ byte for byte", f)
		}
	}
	if err := validate.Isomorphic(t, a["nq"], "nq", b["nq"], "nq"); err != nil {
		t.Errorf("PostgreSQL and bolt graphs differ: %v", err)
	}
	if out := mustRun(t, "build", "--db", pg, "--out", ""); countLine(t, out, "triples") != countLine(t, outPG, "triples") {
		t.Errorf("rebuild on PostgreSQL changed the graph")
	}
	q := `SELECT (COUNT(*) AS ?n) WHERE { ?e a ng:EventReport }`
	if mustRun(t, "query", "--db", pg, "--format", "csv", q) != mustRun(t, "query", "--db", bolt, "--format", "csv", q) {
		t.Error("query answers differ between the backends")
	}
	mustRun(t, "export", "--db", pg, "--format", "gexf", "--out", filepath.Join(dir, "pg.gexf"))
	mustRun(t, "stats", "--db", pg)
}
