package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A researcher's own RDF goes into a named graph of its own, joins the
// extracted graph in queries, and leaves the store untouched when it is bad.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	mustRun(t, "build", "--db", db, "--out", "")
	curated := filepath.Join(dir, "curated.ttl")
	ttl := `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/notegraph/id/actor/soviet-union> skos:note "curated by hand"@en ; skos:related [ skos:note "a blank node" ] .
`
	if err := os.WriteFile(curated, []byte(ttl), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "import", "--db", db, curated)
	if !strings.Contains(out, "imported 3 statements") {
		t.Errorf("import summary: %s", out)
	}
	q := `SELECT ?g ?label WHERE { GRAPH ?g { ?a skos:note "curated by hand"@en } ?a rdfs:label ?label }`
	res := mustRun(t, "query", "--db", db, "--format", "csv", q)
	if !strings.Contains(res, "https://w3id.org/notegraph/id/graph/curated-ttl") || !strings.Contains(res, "Soviet Union") {
		t.Errorf("imported triples do not join the graph:\n%s", res)
	}
	before := readNQ(t, db)
	if again := mustRun(t, "import", "--db", db, curated); !strings.Contains(again, "1 unchanged") {
		t.Errorf("re-import of an unchanged file: %s", again)
	}

	bad := filepath.Join(dir, "bad.ttl")
	if err := os.WriteFile(bad, []byte("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"unterminated .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := notegraph(t, "import", "--db", db, bad)
	if code != 1 || !strings.Contains(errs, "bad.ttl:3:") {
		t.Errorf("bad Turtle: exit %d, %q", code, errs)
	}
	if readNQ(t, db) != before {
		t.Error("a failed import changed the store")
	}
}
