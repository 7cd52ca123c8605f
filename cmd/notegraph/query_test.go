package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestQueryCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "build", "--db", db, "--out", "")
	out := mustRun(t, "query", "--db", db, "--format", "json",
		`SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e ng:eventType/skos:notation ?type } GROUP BY ?type ORDER BY ?type`)
	var res struct {
		Results struct {
			Bindings []map[string]struct{ Value string } `json:"bindings"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not SPARQL JSON: %v\n%s", err, out)
	}
	stats := mustRun(t, "stats", "--db", db)
	for _, b := range res.Results.Bindings {
		if got, want := b["n"].Value, countLine(t, stats, b["type"].Value); got != itoa(want) {
			t.Errorf("%s: query counts %s, stats %d", b["type"].Value, got, want)
		}
	}
	if len(res.Results.Bindings) == 0 {
		t.Error("no event types")
	}

	code, _, errs := notegraph(t, "query", "--db", db, "SELECT ?x WHERE { ?x ng:agent }")
	if code != 1 || !strings.Contains(errs, "line 1, column") || !strings.Contains(errs, "^") {
		t.Errorf("syntax error: exit %d, %q", code, errs)
	}
	if code, _, _ := notegraph(t, "query", "--db", db); code != 2 {
		t.Errorf("query without a query: exit %d, want 2", code)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
