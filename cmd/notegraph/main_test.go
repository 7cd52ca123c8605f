package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"notegraph/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// notegraph runs the command line in-process and returns its exit status,
// standard output and standard error.
func notegraph(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"notegraph"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := notegraph(t, args...)
	if code != 0 {
		t.Fatalf("notegraph %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

var formats = []struct{ name, ext string }{
	{"ttl", ".ttl"}, {"nt", ".nt"}, {"nq", ".nq"}, {"trig", ".trig"}, {"jsonld", ".jsonld"},
}

// exportAll writes the store at db in every RDF format into dir and returns
// the paths by format name.
func exportAll(t *testing.T, db, dir string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for _, f := range formats {
		p := filepath.Join(dir, "export"+f.ext)
		mustRun(t, "export", "--db", db, "--out", p) // format from the extension
		paths[f.name] = p
	}
	return paths
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// countLine reads "name  N" from a summary.
func countLine(t *testing.T, summary, name string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `\s+(\d+)$`).FindStringSubmatch(summary)
	if m == nil {
		t.Fatalf("summary has no %q line:\n%s", name, summary)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// The README's first command: the bundled corpus builds, and every export
// of the store is valid for the independent parsers and describes the same
// graph.
func TestBuildBundledCorpusAndExports(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	ttl := filepath.Join(dir, "built.ttl")
	out := mustRun(t, "build", "--db", db, "--out", ttl)
	if n := countLine(t, out, "documents"); n < 6 {
		t.Errorf("the 1961 corpus has a speech, a statement and four notes; built %d documents\n%s", n, out)
	}
	for _, typ := range []string{"RECALL_AMBASSADOR", "EXPEL", "WITHDRAW_MISSION", "PROTEST", "REJECT", "DEMAND", "ACCUSE"} {
		if countLine(t, out, typ) == 0 {
			t.Errorf("no %s event in the 1961 corpus", typ)
		}
	}
	stats := mustRun(t, "stats", "--db", db)
	if countLine(t, stats, "triples") != countLine(t, out, "triples") {
		t.Errorf("stats and build disagree:\n%s\n%s", stats, out)
	}

	paths := exportAll(t, db, dir)
	if !bytes.Equal(readFile(t, ttl), readFile(t, paths["ttl"])) {
		t.Errorf("build --out and export --format ttl differ")
	}
	for _, f := range []string{"ttl", "trig", "nt", "nq"} {
		for name, check := range map[string]func(testing.TB, string, string) error{
			"serdi": validate.Serdi, "rapper": validate.Rapper, "N3.js": validate.N3,
		} {
			if err := check(t, f, paths[f]); err != nil {
				t.Errorf("%s rejects the %s export: %v", name, f, err)
			}
		}
	}
	nq := validate.JSONLDToNQuads(t, paths["jsonld"])
	fromJSONLD := filepath.Join(dir, "from-jsonld.nq")
	if err := os.WriteFile(fromJSONLD, nq, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := validate.Isomorphic(t, paths["nq"], "nq", fromJSONLD, "nq"); err != nil {
		t.Errorf("JSON-LD (through jsonld.js) and N-Quads exports differ: %v", err)
	}
	for _, f := range []string{"ttl", "nt", "trig", "jsonld"} {
		if err := validate.Isomorphic(t, paths["nq"], "nq", paths[f], f); err != nil {
			t.Errorf("%s and N-Quads exports are not the same graph: %v", f, err)
		}
	}
	checkQuotes(t, paths["ttl"])
}

// checkQuotes verifies, from an exported graph alone and with an
// independent parser, that every evidence quote is the document's text at
// its offsets (code points, end exclusive).
func checkQuotes(t *testing.T, ttlPath string) {
	t.Helper()
	script := `
import sys, rdflib
from rdflib.namespace import Namespace
OA = Namespace("http://www.w3.org/ns/oa#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
NG = Namespace("https://w3id.org/notegraph/ns#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle")  # rdflib 6.1 mis-reads some N-Triples escapes
checked = bad = 0
for ev, evid in g.subject_objects(NG.evidence):
    doc = g.value(evid, OA.hasSource)
    text = str(g.value(doc, NIF.isString))
    exact = start = end = None
    for sel in g.objects(evid, OA.hasSelector):
        if g.value(sel, OA.exact) is not None: exact = str(g.value(sel, OA.exact))
        if g.value(sel, OA.start) is not None: start, end = int(g.value(sel, OA.start)), int(g.value(sel, OA.end))
    checked += 1
    if exact is None or start is None or text[start:end] != exact:
        bad += 1
        print("MISMATCH", ev, repr(exact), start, end, repr(text[start:end] if start is not None else None))
print("checked", checked, "bad", bad)
sys.exit(1 if bad or checked == 0 else 0)
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, ttlPath).CombinedOutput()
	if err != nil {
		t.Errorf("quotes do not match their offsets (rdflib): %v\n%s", err, out)
	}
	t.Logf("rdflib: %s", bytes.TrimSpace(out))
}
