package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"notegraph/internal/validate"
)

// The fixture is a note with every kind of literal that must survive:
// straight and curly quotes, a backslash, newlines, a tab, non-ASCII names,
// typed dates and (in the scheme) language tags. Its exports are golden
// files; -update rewrites them.
func TestFixtureExportsGolden(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	src := filepath.Join("testdata", "fixture", "literals.txt")
	mustRun(t, "build", "--db", db, "--out", "", "--base", "http://example.org/ng/",
		"--actors", filepath.Join("testdata", "fixture", "actors.tsv"), src)
	paths := exportAll(t, db, dir)
	for _, f := range formats {
		got := readFile(t, paths[f.name])
		golden := filepath.Join("testdata", "golden", "literals"+f.ext)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s export differs from %s (go test -update rewrites it; review the diff)", f.name, golden)
		}
	}
	for _, f := range []string{"ttl", "trig", "nt", "nq"} {
		for name, check := range map[string]func(testing.TB, string, string) error{
			"serdi": validate.Serdi, "rapper": validate.Rapper, "N3.js": validate.N3,
		} {
			if err := check(t, f, paths[f]); err != nil {
				t.Errorf("%s rejects the fixture's %s export: %v", name, f, err)
			}
		}
		if err := validate.Isomorphic(t, paths["nq"], "nq", paths[f], f); err != nil {
			t.Errorf("%s and nq exports of the fixture differ: %v", f, err)
		}
	}
	nq := filepath.Join(dir, "jsonld.nq")
	if err := os.WriteFile(nq, validate.JSONLDToNQuads(t, paths["jsonld"]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := validate.Isomorphic(t, paths["nq"], "nq", nq, "nq"); err != nil {
		t.Errorf("JSON-LD export of the fixture is not the same graph: %v", err)
	}
	checkQuotes(t, paths["ttl"])
	checkLiterals(t, paths["ttl"], src)
}

// checkLiterals parses the Turtle export with rdflib and compares the
// document's text with the source file between the recorded offsets, code
// point for code point, and checks the typed and tagged literals.
func checkLiterals(t *testing.T, ttl, src string) {
	t.Helper()
	script := `
import sys, rdflib
from rdflib.namespace import Namespace, XSD, DCTERMS, SKOS
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
NG = Namespace("https://w3id.org/notegraph/ns#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle")
source = open(sys.argv[2], encoding="utf-8").read()
docs = list(g.subjects(NIF.isString, None))
assert docs, "no document"
for d in docs:
    text = g.value(d, NIF.isString)
    s, e = int(g.value(d, NG.sourceStart)), int(g.value(d, NG.sourceEnd))
    assert str(text) == source[s:e], "text differs from the source between %d and %d" % (s, e)
    for needle in ["\u201cso-called\u201d", "Ko\u00e7o Tashko", "Me\u00e7aj", "Pa\u00e7ma", "4\\b", '"necessary measure"', "\n\tThe Government"]:
        assert needle in str(text), "lost: " + repr(needle)
    date = g.value(d, DCTERMS.date)
    assert date is not None and date.datatype == XSD.date and str(date) == "1962-05-03", repr(date)
langs = {o.language for o in g.objects(None, SKOS.prefLabel)}
assert langs == {"en"}, langs
print("ok", len(docs), "documents")
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, ttl, src).CombinedOutput()
	if err != nil {
		t.Errorf("literals did not survive (rdflib): %v\n%s", err, out)
	}
}
