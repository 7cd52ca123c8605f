package turtle

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"notegraph/internal/validate"
	"notegraph/rdf"
	"notegraph/rdf/ntriples"
)

var encUpdate = flag.Bool("update", false, "rewrite the golden files in testdata")

// encFixture is the adversarial dataset shared by the encoder tests.
const encFixture = "../rdfio/testdata/fixture.nq"

var encTestPrefixes = []rdf.Prefix{
	{Prefix: "ng", IRI: "https://w3id.org/notegraph/ns#"},
	{Prefix: "", IRI: "https://example.org/id/"},
	{Prefix: "actor", IRI: "https://example.org/id/actor/"},
	{Prefix: "dcterms", IRI: "http://purl.org/dc/terms/"},
	{Prefix: "rdfs", IRI: "http://www.w3.org/2000/01/rdf-schema#"},
	{Prefix: "skos", IRI: "http://www.w3.org/2004/02/skos/core#"},
	{Prefix: "xsd", IRI: rdf.XSD},
	{Prefix: "oa", IRI: "http://www.w3.org/ns/oa#"},
}

func encReadFixture(t testing.TB) []rdf.Quad {
	t.Helper()
	f, err := os.Open(encFixture)
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
			t.Fatalf("%s: %v", encFixture, err)
		}
		qs = append(qs, q)
	}
}

func encEncode(t testing.TB, qs []rdf.Quad, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	e := NewEncoder(&b, opts)
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

func encGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *encUpdate {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestEncodeGolden(t *testing.T) {
	qs := encReadFixture(t)
	encGolden(t, "fixture.ttl", encEncode(t, qs, Options{Prefixes: encTestPrefixes}))
	encGolden(t, "fixture.trig", encEncode(t, qs, Options{Prefixes: encTestPrefixes, TriG: true}))
	encGolden(t, "fixture-noprefix.ttl", encEncode(t, qs, Options{}))
}

// TestEncodeValidators has the reference parsers read the adversarial
// fixture as written by the encoder, in both syntaxes, with and without
// prefixes.
func TestEncodeValidators(t *testing.T) {
	qs := encReadFixture(t)
	for _, c := range []struct {
		format string
		opts   Options
	}{
		{"ttl", Options{Prefixes: encTestPrefixes}},
		{"ttl", Options{}},
		{"trig", Options{Prefixes: encTestPrefixes, TriG: true}},
		{"trig", Options{TriG: true}},
	} {
		path := validate.WriteTemp(t, "fixture."+c.format, encEncode(t, qs, c.opts))
		for name, check := range map[string]func(testing.TB, string, string) error{
			"serdi": validate.Serdi, "rapper": validate.Rapper, "N3.js": validate.N3,
		} {
			if err := check(t, c.format, path); err != nil {
				t.Errorf("%s rejects %s (%d prefixes): %v", name, c.format, len(c.opts.Prefixes), err)
			}
		}
		// The written file must describe the fixture dataset exactly.
		if err := validate.Isomorphic(t, encFixture, "nq", path, c.format); err != nil {
			t.Errorf("%s differs from the fixture: %v", c.format, err)
		}
	}
}

func TestEncodeGrouping(t *testing.T) {
	s, s2 := rdf.NewIRI("http://e/s"), rdf.NewIRI("http://e/s2")
	p, p2 := rdf.NewIRI("http://e/p"), rdf.NewIRI("http://e/p2")
	g := rdf.NewIRI("http://e/g")
	typ := rdf.NewIRI(rdf.RDFType)
	cases := []struct {
		name string
		qs   []rdf.Quad
		trig bool
		want string
	}{
		{"objects", []rdf.Quad{{S: s, P: p, O: rdf.NewLiteral("a")}, {S: s, P: p, O: rdf.NewLiteral("b")}}, false,
			"@prefix e: <http://e/> .\n\ne:s e:p \"a\", \"b\" .\n"},
		{"predicates", []rdf.Quad{{S: s, P: typ, O: s2}, {S: s, P: p2, O: rdf.NewLangLiteral("x", "en")}}, false,
			"@prefix e: <http://e/> .\n\ne:s a e:s2 ;\n    e:p2 \"x\"@en .\n"},
		{"subjects", []rdf.Quad{{S: s, P: p, O: s2}, {S: s2, P: p, O: s}}, false,
			"@prefix e: <http://e/> .\n\ne:s e:p e:s2 .\ne:s2 e:p e:s .\n"},
		{"union graph in turtle", []rdf.Quad{{S: s, P: p, O: s2, G: g}, {S: s, P: p, O: s}}, false,
			"@prefix e: <http://e/> .\n\ne:s e:p e:s2, e:s .\n"},
		{"trig blocks", []rdf.Quad{{S: s, P: p, O: s2, G: g}, {S: s, P: p, O: s}, {S: s, P: p2, O: s, G: g}}, true,
			"@prefix e: <http://e/> .\n\n\ne:g {\n    e:s e:p e:s2 .\n}\ne:s e:p e:s .\n\ne:g {\n    e:s e:p2 e:s .\n}\n"},
		{"typed", []rdf.Quad{{S: s, P: p, O: rdf.NewTypedLiteral("1", rdf.XSDInteger)}, {S: s, P: p, O: rdf.NewTypedLiteral("x", "http://e/dt.")}}, false,
			"@prefix e: <http://e/> .\n\ne:s e:p \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>, \"x\"^^<http://e/dt.> .\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(encEncode(t, c.qs, Options{Prefixes: []rdf.Prefix{{Prefix: "e", IRI: "http://e/"}}, TriG: c.trig}))
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestEncodeRejects(t *testing.T) {
	s, p := rdf.NewIRI("http://e/s"), rdf.NewIRI("http://e/p")
	cases := []struct {
		name string
		q    rdf.Quad
	}{
		{"relative IRI", rdf.Quad{S: rdf.NewIRI("s"), P: p, O: s}},
		{"space in IRI", rdf.Quad{S: s, P: p, O: rdf.NewIRI("http://e/a b")}},
		{"literal subject", rdf.Quad{S: rdf.NewLiteral("x"), P: p, O: s}},
		{"blank predicate", rdf.Quad{S: s, P: rdf.NewBlank("b"), O: s}},
		{"bad language tag", rdf.Quad{S: s, P: p, O: rdf.NewLangLiteral("x", "en_GB")}},
		{"bad blank label", rdf.Quad{S: rdf.NewBlank("a b"), P: p, O: s}},
		{"invalid UTF-8", rdf.Quad{S: s, P: p, O: rdf.NewLiteral("\xff")}},
		{"no object", rdf.Quad{S: s, P: p}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			e := NewEncoder(&b, Options{})
			if err := e.Encode(c.q); err == nil {
				t.Errorf("Encode(%v) accepted", c.q)
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %q for a rejected statement", b.String())
			}
		})
	}
	if err := NewEncoder(io.Discard, Options{Prefixes: []rdf.Prefix{{Prefix: "1x", IRI: "http://e/"}}}).Close(); err == nil {
		t.Error("invalid prefix label accepted")
	}
}

func BenchmarkEncodeTurtle(b *testing.B) {
	qs := encBenchQuads(1000)
	b.ReportAllocs()
	b.ResetTimer()
	e := NewEncoder(io.Discard, Options{Prefixes: encTestPrefixes})
	for i := 0; i < b.N; i++ {
		if err := e.Encode(qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
	}
	e.Close()
}

// encBenchQuads makes statements shaped like notegraph's: a few per
// subject, prefixed IRIs, some literals with non-ASCII text.
func encBenchQuads(n int) []rdf.Quad {
	qs := make([]rdf.Quad, 0, n)
	for i := 0; len(qs) < n; i++ {
		s := rdf.NewIRI("https://example.org/id/event/e" + strings.Repeat("x", i%7) + string(rune('a'+i%26)))
		qs = append(qs,
			rdf.Quad{S: s, P: rdf.NewIRI(rdf.RDFType), O: rdf.NewIRI("https://w3id.org/notegraph/ns#Event")},
			rdf.Quad{S: s, P: rdf.NewIRI("http://www.w3.org/2000/01/rdf-schema#label"), O: rdf.NewLangLiteral("Koço Tashko met the ambassador", "en")},
			rdf.Quad{S: s, P: rdf.NewIRI("https://w3id.org/notegraph/ns#agent"), O: rdf.NewIRI("https://example.org/id/actor/koco-tashko")},
			rdf.Quad{S: s, P: rdf.NewIRI("http://purl.org/dc/terms/date"), O: rdf.NewTypedLiteral("1961-12-03", rdf.XSDDate)},
		)
	}
	return qs
}
