package ntriples

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
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is the adversarial dataset shared by the encoder tests.
const fixture = "../rdfio/testdata/fixture.nq"

func readFixture(t testing.TB) []rdf.Quad {
	t.Helper()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := decodeAll(f, true)
	if err != nil {
		t.Fatalf("%s: %v", fixture, err)
	}
	return qs
}

func encode(t testing.TB, qs []rdf.Quad, quads bool) []byte {
	t.Helper()
	var b bytes.Buffer
	e := NewEncoder(&b, quads)
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
	for _, c := range []struct {
		name  string
		quads bool
	}{{"fixture.nt", false}, {"fixture.nq", true}} {
		got := encode(t, qs, c.quads)
		path := filepath.Join("testdata", c.name)
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
			t.Errorf("%s differs from the golden file; got:\n%s", c.name, got)
		}
	}
}

func TestEncodeValidators(t *testing.T) {
	qs := readFixture(t)
	for _, format := range []string{"nt", "nq"} {
		path := validate.WriteTemp(t, "fixture."+format, encode(t, qs, format == "nq"))
		for name, check := range map[string]func(testing.TB, string, string) error{
			"serdi": validate.Serdi, "rapper": validate.Rapper, "N3.js": validate.N3,
		} {
			if err := check(t, format, path); err != nil {
				t.Errorf("%s rejects %s: %v", name, format, err)
			}
		}
		if err := validate.Isomorphic(t, fixture, "nq", path, format); err != nil {
			t.Errorf("%s differs from the fixture: %v", format, err)
		}
	}
}

func TestEncodeGraphs(t *testing.T) {
	s, p, g := rdf.NewIRI("http://e/s"), rdf.NewIRI("http://e/p"), rdf.NewIRI("http://e/g")
	qs := []rdf.Quad{{S: s, P: p, O: s, G: g}, {S: s, P: p, O: rdf.NewBlank("b"), G: rdf.NewBlank("g1")}, {S: s, P: p, O: s}}
	if got, want := string(encode(t, qs, false)),
		"<http://e/s> <http://e/p> <http://e/s> .\n<http://e/s> <http://e/p> _:b .\n<http://e/s> <http://e/p> <http://e/s> .\n"; got != want {
		t.Errorf("N-Triples:\n%s\nwant:\n%s", got, want)
	}
	if got, want := string(encode(t, qs, true)),
		"<http://e/s> <http://e/p> <http://e/s> <http://e/g> .\n<http://e/s> <http://e/p> _:b _:g1 .\n<http://e/s> <http://e/p> <http://e/s> .\n"; got != want {
		t.Errorf("N-Quads:\n%s\nwant:\n%s", got, want)
	}
}

func TestEncodeRejects(t *testing.T) {
	s, p := rdf.NewIRI("http://e/s"), rdf.NewIRI("http://e/p")
	for _, q := range []rdf.Quad{
		{S: rdf.NewIRI("rel"), P: p, O: s},
		{S: s, P: p, O: rdf.NewIRI("http://e/{x}")},
		{S: s, P: p, O: rdf.NewTypedLiteral("1", "integer")},
		{S: s, P: p, O: rdf.NewLangLiteral("x", "-en")},
		{S: s, P: p, O: s, G: rdf.NewLiteral("g")},
		{S: rdf.NewBlank("x y"), P: p, O: s},
	} {
		var b strings.Builder
		e := NewEncoder(&b, true)
		if err := e.Encode(q); err == nil {
			t.Errorf("Encode(%v) accepted", q)
		}
		e.Close()
		if b.Len() != 0 {
			t.Errorf("wrote %q for a rejected statement", b.String())
		}
	}
}

func TestDecodeErrorPosition(t *testing.T) {
	for _, c := range []struct {
		in        string
		line, col int
	}{
		{"<http://e/s> <http://e/p> <http://e/o> .\n<http://e/s> <http://e/p> \"x .\n", 2, 27},
		{"# comment\n\n<http://e/s> <p> <http://e/o> .\n", 3, 15},
		{"<http://e/s> <http://e/p> <http://e/o> .\r<http://e/s> <http://e/p> 1 .\r", 2, 27},
		{"<http://e/ş> <http://e/p> \"ç\" junk\n", 1, 31},
	} {
		_, err := decodeAll(strings.NewReader(c.in), false)
		se, ok := err.(*rdf.SyntaxError)
		if !ok {
			t.Errorf("%q: error %v, want *rdf.SyntaxError", c.in, err)
			continue
		}
		if se.Line != c.line || se.Col != c.col {
			t.Errorf("%q: at %d:%d (%s), want %d:%d", c.in, se.Line, se.Col, se.Msg, c.line, c.col)
		}
	}
}

// FuzzRoundTrip checks that whatever the decoder accepts, the encoder
// writes back so that the decoder reads the same statements.
func FuzzRoundTrip(f *testing.F) {
	for _, dir := range []string{"rdf-n-triples", "rdf-n-quads"} {
		files, _ := filepath.Glob(filepath.Join(suiteDir, dir, "*.n[tq]"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	if data, err := os.ReadFile(fixture); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		qs, err := decodeAll(bytes.NewReader(data), true)
		if err != nil {
			return
		}
		var b bytes.Buffer
		e := NewEncoder(&b, true)
		var kept []rdf.Quad
		for _, q := range qs {
			// The encoder refuses blank labels outside ASCII; everything
			// else the decoder accepts must be writable.
			if err := e.Encode(q); err != nil {
				if q.S.Kind == rdf.Blank || q.O.Kind == rdf.Blank || q.G.Kind == rdf.Blank {
					continue
				}
				t.Fatalf("encode %v: %v", q, err)
			}
			kept = append(kept, q)
		}
		e.Close()
		again, err := decodeAll(&b, true)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, b.String())
		}
		if len(again) != len(kept) {
			t.Fatalf("%d statements after round trip, want %d", len(again), len(kept))
		}
		for i := range kept {
			if again[i] != kept[i] {
				t.Fatalf("statement %d: %v became %v", i, kept[i], again[i])
			}
		}
	})
}

func benchQuads(n int) []rdf.Quad {
	qs := make([]rdf.Quad, 0, n)
	g := rdf.NewIRI("https://example.org/id/doc1")
	for i := 0; len(qs) < n; i++ {
		s := rdf.NewIRI("https://example.org/id/event/e" + strings.Repeat("x", i%7) + string(rune('a'+i%26)))
		qs = append(qs,
			rdf.Quad{S: s, P: rdf.NewIRI(rdf.RDFType), O: rdf.NewIRI("https://w3id.org/notegraph/ns#Event"), G: g},
			rdf.Quad{S: s, P: rdf.NewIRI("http://www.w3.org/2000/01/rdf-schema#label"), O: rdf.NewLangLiteral("Koço \"Tashko\" met the ambassador", "en"), G: g},
			rdf.Quad{S: s, P: rdf.NewIRI("https://w3id.org/notegraph/ns#agent"), O: rdf.NewIRI("https://example.org/id/actor/koco-tashko")},
			rdf.Quad{S: s, P: rdf.NewIRI("http://purl.org/dc/terms/date"), O: rdf.NewTypedLiteral("1961-12-03", rdf.XSDDate)},
		)
	}
	return qs
}

func BenchmarkEncodeNQuads(b *testing.B) {
	qs := benchQuads(1000)
	e := NewEncoder(io.Discard, true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := e.Encode(qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
	}
	e.Close()
}

func BenchmarkDecodeNQuads(b *testing.B) {
	var buf bytes.Buffer
	e := NewEncoder(&buf, true)
	for _, q := range benchQuads(10000) {
		e.Encode(q)
	}
	e.Close()
	data := buf.Bytes()
	b.SetBytes(int64(len(data)) / 10000)
	b.ReportAllocs()
	b.ResetTimer()
	var d *Decoder
	for i := 0; i < b.N; i++ {
		if i%10000 == 0 {
			d = NewDecoder(bytes.NewReader(data), true)
		}
		if _, err := d.Decode(); err != nil {
			b.Fatal(err)
		}
	}
}
