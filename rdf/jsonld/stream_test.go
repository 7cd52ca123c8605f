package jsonld

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"

	"notegraph/internal/validate"
	"notegraph/rdf"
)

var streamPrefixes = []rdf.Prefix{
	{Prefix: "ng", IRI: "https://w3id.org/notegraph/ns#"},
	{Prefix: "rdfs", IRI: "http://www.w3.org/2000/01/rdf-schema#"},
	{Prefix: "xsd", IRI: rdf.XSD},
	{Prefix: "ex", IRI: "http://example.org/"},
	{Prefix: "exl", IRI: "http://example.org/longer/"},
}

func streamEncode(t *testing.T, qs []rdf.Quad) []byte {
	t.Helper()
	var b bytes.Buffer
	e := NewStreamEncoder(&b, streamPrefixes)
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

// The streaming encoder's output, read back by jsonld.js and by our own
// decoder, is the fixture dataset, whether statements arrive sorted or
// shuffled (a shuffled subject is described by several node objects).
func TestStreamEncoder(t *testing.T) {
	qs := readFixture(t)
	shuffled := append([]rdf.Quad(nil), qs...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for name, in := range map[string][]rdf.Quad{"sorted": sortedQuads(qs), "shuffled": shuffled} {
		t.Run(name, func(t *testing.T) {
			out := streamEncode(t, in)
			var doc map[string]any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			path := validate.WriteTemp(t, "stream.jsonld", out)
			nq := validate.WriteTemp(t, "stream.nq", validate.JSONLDToNQuads(t, path))
			if err := validate.Isomorphic(t, fixture, "nq", nq, "nq"); err != nil {
				t.Errorf("jsonld.js reads another dataset: %v", err)
			}
			back, err := NewDecoder(bytes.NewReader(out)).DecodeAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(sortedQuads(back)) != len(sortedQuads(qs)) {
				t.Errorf("decoded %d statements, want %d", len(back), len(qs))
			}
		})
	}
	empty := streamEncode(t, nil)
	var doc map[string]any
	if err := json.Unmarshal(empty, &doc); err != nil || doc["@graph"] == nil {
		t.Errorf("empty dataset: %v %s", err, empty)
	}
}

func TestPrefixContext(t *testing.T) {
	if ps, ok := PrefixContext(map[string]any{"@version": 1.1, "ex": "http://example.org/", "a": "http://a.example/#"}); !ok || len(ps) != 2 || ps[0].Prefix != "a" {
		t.Errorf("prefix context: %v %v", ps, ok)
	}
	for _, ctx := range []map[string]any{
		{"label": map[string]any{"@id": "rdfs:label"}},
		{"ex": "http://example.org/x"}, // no gen-delim at the end: not usable as a prefix
		{"@vocab": "http://example.org/"},
	} {
		if _, ok := PrefixContext(ctx); ok {
			t.Errorf("%v taken for a prefix context", ctx)
		}
	}
}

func sortedQuads(qs []rdf.Quad) []rdf.Quad {
	out := append([]rdf.Quad(nil), qs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && rdf.CompareQuads(out[j], out[j-1]) < 0; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	// drop duplicates, as a dataset would
	w := 0
	for i, q := range out {
		if i == 0 || q != out[i-1] {
			out[w] = q
			w++
		}
	}
	return out[:w]
}
