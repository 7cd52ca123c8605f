package jsonld

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"notegraph/internal/validate"
	"notegraph/rdf"
	"notegraph/rdf/ntriples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const fixture = "../rdfio/testdata/fixture.nq"

// testContext stands in for the ontology's published context.
var testContext = map[string]any{
	"ng":      "https://w3id.org/notegraph/ns#",
	"dcterms": "http://purl.org/dc/terms/",
	"rdfs":    "http://www.w3.org/2000/01/rdf-schema#",
	"skos":    "http://www.w3.org/2004/02/skos/core#",
	"xsd":     rdf.XSD,
	"oa":      "http://www.w3.org/ns/oa#",
	"label":   map[string]any{"@id": "rdfs:label"},
	"date":    map[string]any{"@id": "dcterms:date", "@type": "xsd:date"},
}

func readFixture(t testing.TB) []rdf.Quad {
	t.Helper()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := ntriples.NewDecoder(f, true)
	var qs []rdf.Quad
	for {
		q, err := d.Decode()
		if err == io.EOF {
			return qs
		}
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
}

func encode(t testing.TB, qs []rdf.Quad, ctx map[string]any) []byte {
	t.Helper()
	var b bytes.Buffer
	e := NewEncoder(&b, ctx)
	for _, q := range qs {
		if err := e.Encode(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEncodeGolden(t *testing.T) {
	qs := readFixture(t)
	got := encode(t, qs, testContext)
	if again := encode(t, qs, testContext); !bytes.Equal(got, again) {
		t.Fatal("two encodings of the same dataset differ")
	}
	path := filepath.Join("testdata", "fixture.jsonld")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("fixture.jsonld differs from the golden file; got:\n%s", got)
	}
}

// TestJSONLDjs has the reference implementation read our output back to
// RDF: it must be the fixture dataset.
func TestJSONLDjs(t *testing.T) {
	for name, ctx := range map[string]map[string]any{"context": testContext, "none": nil} {
		path := validate.WriteTemp(t, "fixture.jsonld", encode(t, readFixture(t), ctx))
		nq := validate.WriteTemp(t, "fixture.nq", validate.JSONLDToNQuads(t, path))
		if err := validate.Serdi(t, "nq", nq); err != nil {
			t.Fatalf("%s: jsonld.js output: %v", name, err)
		}
		if err := validate.Isomorphic(t, fixture, "nq", nq, "nq"); err != nil {
			t.Errorf("%s: jsonld.js reads a different dataset: %v", name, err)
		}
		if err := validate.Isomorphic(t, fixture, "nq", path, "jsonld"); err != nil {
			t.Errorf("%s: rdflib reads a different dataset: %v", name, err)
		}
	}
}

// TestRoundTrip decodes our own output; blank nodes are relabelled by
// json-gold, so statements are compared with labels blanked out.
// That loses blank node identity, which TestJSONLDjs checks instead.
func TestRoundTrip(t *testing.T) {
	qs := readFixture(t)
	got, err := NewDecoder(bytes.NewReader(encode(t, qs, testContext))).DecodeAll()
	if err != nil {
		t.Fatal(err)
	}
	a, b := shapes(qs), shapes(got)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("round trip changed the dataset:\nwant\n%s\ngot\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

func shapes(qs []rdf.Quad) []string {
	var out []string
	for _, q := range qs {
		var parts []string
		for _, t := range []rdf.Term{q.S, q.P, q.O, q.G} {
			if t.Kind == rdf.Blank {
				t.Value = "b"
			}
			// json-gold lower-cases language tags, as RDF 1.1 allows.
			t.Lang = strings.ToLower(t.Lang)
			parts = append(parts, t.String())
		}
		out = append(out, strings.Join(parts, " "))
	}
	sort.Strings(out)
	return out
}

func TestDecodeErrors(t *testing.T) {
	for _, in := range []string{`{"@id": `, `{"@context": 5}`, `{} {}`} {
		if _, err := NewDecoder(strings.NewReader(in)).DecodeAll(); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func BenchmarkEncodeJSONLD(b *testing.B) {
	qs := readFixture(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e := NewEncoder(io.Discard, testContext)
		for _, q := range qs {
			e.Encode(q)
		}
		if err := e.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeJSONLD(b *testing.B) {
	var buf bytes.Buffer
	e := NewEncoder(&buf, testContext)
	for _, q := range readFixture(b) {
		e.Encode(q)
	}
	e.Close()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := NewDecoder(bytes.NewReader(buf.Bytes())).DecodeAll(); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecode checks that no document makes the decoder panic and that
// what it reads, written back, reads the same (blank labels aside).
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"@context": {"ex": "http://e/"}, "@id": "ex:s", "ex:p": [{"@value": "1", "@type": "ex:t"}, {"@id": "_:b"}]}`))
	f.Add([]byte(`{"@graph": [{"@id": "http://e/g", "@graph": {"@id": "http://e/s", "http://e/p": {"@list": [1, true, "x"]}}}]}`))
	f.Add([]byte(`[{"@id": "http://e/s", "@reverse": {"http://e/p": {"@id": "http://e/o"}}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		qs, err := NewDecoder(bytes.NewReader(data)).DecodeAll()
		if err != nil {
			return
		}
		var b bytes.Buffer
		e := NewEncoder(&b, nil)
		var kept []rdf.Quad
		for _, q := range qs {
			if e.Encode(q) == nil { // json-gold lets through IRIs we refuse to write
				kept = append(kept, q)
			}
		}
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		again, err := NewDecoder(&b).DecodeAll()
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, b.String())
		}
		if x, y := strings.Join(shapes(kept), "\n"), strings.Join(shapes(again), "\n"); x != y {
			t.Fatalf("round trip changed the dataset:\n%s\n---\n%s", x, y)
		}
	})
}
