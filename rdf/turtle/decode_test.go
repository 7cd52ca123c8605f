package turtle

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"notegraph/rdf"
)

const decSuiteRoot = "../../../shared/conformance/rdf-tests/rdf/rdf11/"

func decodeAll(r io.Reader, opts DecoderOptions) ([]rdf.Quad, error) {
	d := NewDecoder(r, opts)
	var out []rdf.Quad
	for {
		q, err := d.Decode()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, q)
	}
}

func decodeFile(t *testing.T, path string, opts DecoderOptions) ([]rdf.Quad, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	return decodeAll(f, opts)
}

// readNQuads reads N-Triples or N-Quads with the Turtle lexer: a line is
// three or four terms and a dot. The suites' expected results use it.
func readNQuads(path string) ([]rdf.Quad, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := NewDecoder(f, DecoderOptions{})
	var out []rdf.Quad
	for {
		var terms []rdf.Term
		for {
			t, err := d.nextTok()
			if err != nil {
				return nil, err
			}
			if t.kind == decTEOF {
				if len(terms) != 0 {
					return nil, fmt.Errorf("%s: truncated statement", path)
				}
				return out, nil
			}
			if d.isPunct(t, ".") {
				break
			}
			var term rdf.Term
			switch t.kind {
			case decTIRI:
				term = rdf.NewIRI(t.val)
			case decTBlank:
				term = rdf.NewBlank(t.val)
			case decTString:
				d.peeked = false
				n, err := d.peekTok()
				if err != nil {
					return nil, err
				}
				switch {
				case n.kind == decTLang:
					d.nextTok()
					term = rdf.NewLangLiteral(t.val, n.val)
				case d.isPunct(n, "^^"):
					d.nextTok()
					dt, _ := d.nextTok()
					term = rdf.NewTypedLiteral(t.val, dt.val)
				default:
					term = rdf.NewLiteral(t.val)
				}
			default:
				return nil, fmt.Errorf("%s:%d: unexpected %s", path, t.line, decDescribe(t))
			}
			terms = append(terms, term)
		}
		switch len(terms) {
		case 3:
			out = append(out, rdf.Quad{S: terms[0], P: terms[1], O: terms[2]})
		case 4:
			out = append(out, rdf.Quad{S: terms[0], P: terms[1], O: terms[2], G: terms[3]})
		default:
			return nil, fmt.Errorf("%s: statement with %d terms", path, len(terms))
		}
	}
}

// isomorphic reports whether two sets of quads are equal up to a renaming
// of blank nodes. Language tags compare case-insensitively, as in RDF.
func isomorphic(a, b []rdf.Quad) bool {
	norm := func(qs []rdf.Quad) []rdf.Quad {
		seen := map[rdf.Quad]bool{}
		var out []rdf.Quad
		for _, q := range qs {
			q.S, q.P, q.O, q.G = decLower(q.S), decLower(q.P), decLower(q.O), decLower(q.G)
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
		return out
	}
	a, b = norm(a), norm(b)
	if len(a) != len(b) {
		return false
	}
	bset := map[rdf.Quad]bool{}
	for _, q := range b {
		bset[q] = true
	}
	colorA, colorB := decColors(a), decColors(b)
	var blanksA []rdf.Term
	for t := range colorA {
		blanksA = append(blanksA, t)
	}
	if len(blanksA) != len(colorB) {
		return false
	}
	sort.Slice(blanksA, func(i, j int) bool { return blanksA[i].Value < blanksA[j].Value })
	byColor := map[string][]rdf.Term{}
	for t, c := range colorB {
		byColor[c] = append(byColor[c], t)
	}
	m := map[rdf.Term]rdf.Term{}
	used := map[rdf.Term]bool{}
	mapT := func(t rdf.Term) (rdf.Term, bool) {
		if t.Kind != rdf.Blank {
			return t, true
		}
		x, ok := m[t]
		return x, ok
	}
	consistent := func() bool {
		for _, q := range a {
			s, ok1 := mapT(q.S)
			o, ok2 := mapT(q.O)
			g, ok3 := mapT(q.G)
			if ok1 && ok2 && ok3 && !bset[rdf.Quad{S: s, P: q.P, O: o, G: g}] {
				return false
			}
		}
		return true
	}
	var try func(i int) bool
	try = func(i int) bool {
		if i == len(blanksA) {
			return consistent()
		}
		x := blanksA[i]
		for _, y := range byColor[colorA[x]] {
			if used[y] {
				continue
			}
			m[x], used[y] = y, true
			if consistent() && try(i+1) {
				return true
			}
			delete(m, x)
			used[y] = false
		}
		return false
	}
	return try(0)
}

func decLower(t rdf.Term) rdf.Term {
	t.Lang = strings.ToLower(t.Lang)
	return t
}

// decColors refines blank-node colours by their neighbourhoods so that
// the search above only pairs nodes that could correspond.
func decColors(qs []rdf.Quad) map[rdf.Term]string {
	color := map[rdf.Term]string{}
	for _, q := range qs {
		for _, t := range []rdf.Term{q.S, q.O, q.G} {
			if t.Kind == rdf.Blank {
				color[t] = ""
			}
		}
	}
	name := func(t rdf.Term) string {
		if t.Kind == rdf.Blank {
			return "_" + color[t]
		}
		return t.String()
	}
	for round := 0; round < 3; round++ {
		sig := map[rdf.Term][]string{}
		for _, q := range qs {
			if q.S.Kind == rdf.Blank {
				sig[q.S] = append(sig[q.S], "s"+q.P.String()+name(q.O)+name(q.G))
			}
			if q.O.Kind == rdf.Blank {
				sig[q.O] = append(sig[q.O], "o"+q.P.String()+name(q.S)+name(q.G))
			}
			if q.G.Kind == rdf.Blank {
				sig[q.G] = append(sig[q.G], "g"+q.P.String()+name(q.S)+name(q.O))
			}
		}
		next := map[rdf.Term]string{}
		for t := range color {
			s := sig[t]
			sort.Strings(s)
			next[t] = fmt.Sprintf("%x", decHash(strings.Join(s, "|")))
		}
		color = next
	}
	return color
}

func decHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

type decManifestEntry struct {
	name, typ, action, result string
}

const (
	mfNS   = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	rdftNS = "http://www.w3.org/ns/rdftest#"
)

// readManifest lists a W3C manifest's entries in order, with their local
// file paths.
func readManifest(t *testing.T, dir, assumedBase string) []decManifestEntry {
	t.Helper()
	qs, err := decodeFile(t, filepath.Join(dir, "manifest.ttl"), DecoderOptions{Base: assumedBase + "manifest.ttl"})
	if err != nil {
		t.Fatalf("manifest %s: %v", dir, err)
	}
	props := map[rdf.Term]map[string]rdf.Term{}
	var manifest rdf.Term
	for _, q := range qs {
		if props[q.S] == nil {
			props[q.S] = map[string]rdf.Term{}
		}
		props[q.S][q.P.Value] = q.O
		if q.P.Value == mfNS+"entries" {
			manifest = q.S
		}
	}
	local := func(iri rdf.Term) string {
		if iri.IsZero() {
			return ""
		}
		return filepath.Join(dir, strings.TrimPrefix(iri.Value, assumedBase))
	}
	var out []decManifestEntry
	for l := props[manifest][mfNS+"entries"]; l.Value != rdf.RDFNS+"nil"; l = props[l][rdf.RDFNS+"rest"] {
		e := props[l][rdf.RDFNS+"first"]
		p := props[e]
		out = append(out, decManifestEntry{
			name:   p[mfNS+"name"].Value,
			typ:    strings.TrimPrefix(p[rdf.RDFType].Value, rdftNS),
			action: local(p[mfNS+"action"]),
			result: local(p[mfNS+"result"]),
		})
	}
	return out
}

func TestW3CSuites(t *testing.T) {
	for _, suite := range []struct {
		dir  string
		trig bool
	}{{"rdf-turtle", false}, {"rdf-trig", true}} {
		t.Run(suite.dir, func(t *testing.T) {
			dir := decSuiteRoot + suite.dir
			base := "https://w3c.github.io/rdf-tests/rdf/rdf11/" + suite.dir + "/"
			entries := readManifest(t, dir, base)
			if len(entries) < 200 {
				t.Fatalf("only %d entries in %s", len(entries), dir)
			}
			pass := 0
			for _, e := range entries {
				opts := DecoderOptions{Base: base + filepath.Base(e.action), TriG: suite.trig}
				got, err := decodeFile(t, e.action, opts)
				ok := true
				switch {
				case strings.HasSuffix(e.typ, "NegativeSyntax") || strings.HasSuffix(e.typ, "NegativeEval"):
					if err == nil {
						t.Errorf("%s: parsed, want a syntax error", e.name)
						ok = false
					} else if se := (*rdf.SyntaxError)(nil); !errors.As(err, &se) || se.Line < 1 || se.Col < 1 {
						t.Errorf("%s: error %v is not a positioned *rdf.SyntaxError", e.name, err)
						ok = false
					}
				case strings.HasSuffix(e.typ, "PositiveSyntax"):
					if err != nil {
						t.Errorf("%s: %v", e.name, err)
						ok = false
					}
				case strings.HasSuffix(e.typ, "Eval"):
					if err != nil {
						t.Errorf("%s: %v", e.name, err)
						ok = false
						break
					}
					want, err := readNQuads(e.result)
					if err != nil {
						t.Fatalf("%s: expected result: %v", e.name, err)
					}
					if !isomorphic(got, want) {
						t.Errorf("%s: result not isomorphic to %s\ngot  %v\nwant %v", e.name, e.result, got, want)
						ok = false
					}
				default:
					t.Fatalf("%s: unknown test type %s", e.name, e.typ)
				}
				if ok {
					pass++
				}
			}
			t.Logf("%s: %d of %d tests pass", suite.dir, pass, len(entries))
		})
	}
}

func TestIsomorphic(t *testing.T) {
	b := rdf.NewBlank
	i := rdf.NewIRI
	p := i("http://x/p")
	cases := []struct {
		name string
		a, b []rdf.Quad
		want bool
	}{
		{"renamed", []rdf.Quad{{S: b("x"), P: p, O: b("y")}}, []rdf.Quad{{S: b("a"), P: p, O: b("b")}}, true},
		{"merged", []rdf.Quad{{S: b("x"), P: p, O: b("y")}}, []rdf.Quad{{S: b("a"), P: p, O: b("a")}}, false},
		{"cycle vs two loops", []rdf.Quad{{S: b("x"), P: p, O: b("y")}, {S: b("y"), P: p, O: b("x")}},
			[]rdf.Quad{{S: b("a"), P: p, O: b("a")}, {S: b("c"), P: p, O: b("c")}}, false},
		{"ground differs", []rdf.Quad{{S: i("http://x/a"), P: p, O: i("http://x/b")}}, []rdf.Quad{{S: i("http://x/a"), P: p, O: i("http://x/c")}}, false},
	}
	for _, c := range cases {
		if got := isomorphic(c.a, c.b); got != c.want {
			t.Errorf("%s: isomorphic = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestErrorPosition(t *testing.T) {
	cases := []struct {
		in        string
		line, col int
	}{
		{"@prefix : <http://x/> .\n:a :b :c ;\n  :d \"unterminated\n", 3, 19},
		{"<http://x/a> <http://x/b> undeclared:c .", 1, 27},
		{"<http://x/a> <http://x/b> <http://x/c>", 1, 39},
		{"<http://x/a>\n  <http://x/b> <http://x/ c> .", 2, 26},
		{"<a> <http://x/b> <http://x/c> .", 1, 1},
	}
	for _, c := range cases {
		_, err := decodeAll(strings.NewReader(c.in), DecoderOptions{})
		var se *rdf.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v, want *rdf.SyntaxError", c.in, err)
			continue
		}
		if se.Line != c.line || se.Col != c.col {
			t.Errorf("%q: error at %d:%d (%v), want %d:%d", c.in, se.Line, se.Col, se, c.line, c.col)
		}
	}
}

func TestTriGGraphsAndBase(t *testing.T) {
	in := `@base <http://ex.org/dir/> .
PREFIX ex: <http://ex.org/ns#>
GRAPH <g1> { <s> ex:p "v"@en , 1.5e0 ; ex:q ( 1 2 ) . }
{ <../t> a ex:C }
_:g { [] ex:p true }`
	got, err := decodeAll(strings.NewReader(in), DecoderOptions{TriG: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := readNQuadsString(t, `
<http://ex.org/dir/s> <http://ex.org/ns#p> "v"@en <http://ex.org/dir/g1> .
<http://ex.org/dir/s> <http://ex.org/ns#p> "1.5e0"^^<http://www.w3.org/2001/XMLSchema#double> <http://ex.org/dir/g1> .
<http://ex.org/dir/s> <http://ex.org/ns#q> _:l1 <http://ex.org/dir/g1> .
_:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex.org/dir/g1> .
_:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:l2 <http://ex.org/dir/g1> .
_:l2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex.org/dir/g1> .
_:l2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> <http://ex.org/dir/g1> .
<http://ex.org/t> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/ns#C> .
_:x <http://ex.org/ns#p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> _:g .
`)
	if err != nil {
		t.Fatal(err)
	}
	if !isomorphic(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func readNQuadsString(t *testing.T, s string) ([]rdf.Quad, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.nq")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return readNQuads(p)
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"@prefix : <http://x/> . :a :b :c .",
		"<http://x/a> <http://x/b> ( 1 2.5 -3e4 [ <http://x/c> 'x'@en ] ) .",
		"PREFIX p: <http://x/> GRAPH p:g { p:a p:b \"\"\"long\nstring\"\"\"^^p:t }",
		"_:a.b <http://x/p> p:a.b. ",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, trig bool) {
		qs, err := decodeAll(strings.NewReader(in), DecoderOptions{Base: "http://base.example/", TriG: trig})
		if err != nil {
			var se *rdf.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *rdf.SyntaxError", err)
			}
			return
		}
		for _, q := range qs {
			if q.S.Kind == rdf.Literal || q.P.Kind != rdf.IRI || q.O.IsZero() || q.G.Kind == rdf.Literal {
				t.Fatalf("ill-formed statement %v", q)
			}
			if !trig && !q.G.IsZero() {
				t.Fatalf("Turtle produced a named graph: %v", q)
			}
		}
	})
}
