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

func TestPathCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "build", "--db", db, "--out", "")
	// Take one recall from the graph and ask for the chain between its agent and target.
	res := mustRun(t, "query", "--db", db, "--format", "tsv", `SELECT ?a ?b WHERE {
		?e ng:eventType/skos:notation "RECALL_AMBASSADOR" ; ng:agent/rdfs:label ?a ; ng:target/rdfs:label ?b } ORDER BY ?a ?b LIMIT 1`)
	lines := strings.Split(strings.TrimSpace(res), "\n")
	if len(lines) != 2 {
		t.Fatalf("no recall with agent and target:\n%s", res)
	}
	cols := strings.Split(lines[1], "\t")
	from, to := strings.Trim(cols[0], `"`), strings.Trim(cols[1], `"`)
	out := mustRun(t, "path", "--db", db, from, to)
	if !strings.Contains(out, "chain 1 (1 events)") || !strings.Contains(out, "RECALL_AMBASSADOR") && !strings.Contains(out, "—") {
		t.Errorf("path %s → %s:\n%s", from, to, out)
	}
	if code, _, errs := notegraph(t, "path", "--db", db, from, "Nobody At All"); code != 1 || !strings.Contains(errs, "Nobody At All") {
		t.Errorf("unknown actor: exit %d %q", code, errs)
	}
}
