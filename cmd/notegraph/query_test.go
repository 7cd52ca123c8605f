package main

import (
	"encoding/json"
	"os"
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

	// Several files share one load; each answer is headed by its file, and
	// --timings reports the load and each query with its result count.
	dir := t.TempDir()
	count := filepath.Join(dir, "count.rq")
	ask := filepath.Join(dir, "ask.rq")
	bad := filepath.Join(dir, "bad.rq")
	os.WriteFile(count, []byte("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), 0o644)
	os.WriteFile(ask, []byte("ASK { ?e a ng:EventReport }"), 0o644)
	os.WriteFile(bad, []byte("SELECT ?x WHERE { ?x ng:agent }"), 0o644)
	code, out, errs = notegraph(t, "query", "--db", db, "--format", "csv", "--timings", "--file", count, "--file", ask)
	if code != 0 {
		t.Fatalf("two files: exit %d: %s", code, errs)
	}
	triples := countLine(t, stats, "triples")
	single := mustRun(t, "query", "--db", db, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
	want := "==> " + count + " <==\n" + single + "==> " + ask + " <==\n"
	if !strings.HasPrefix(out, want) || !strings.Contains(out[len(want):], "true") {
		t.Errorf("two files: output\n%s\nwant it to start with\n%s", out, want)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "load\t") || !strings.HasSuffix(lines[0], "\t"+itoa(triples)+" quads") ||
		!strings.HasPrefix(lines[1], count+"\t") || !strings.HasSuffix(lines[1], "\t1 results") ||
		!strings.HasPrefix(lines[2], ask+"\t") {
		t.Errorf("--timings printed:\n%s", errs)
	}
	code, _, errs = notegraph(t, "query", "--db", db, "--file", count, "--file", bad)
	if code != 1 || !strings.Contains(errs, bad+": line 1, column") {
		t.Errorf("a bad second file: exit %d, %q", code, errs)
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
