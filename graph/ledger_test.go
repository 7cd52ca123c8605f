package graph

import (
	"slices"
	"testing"
	"unicode/utf8"

	"notegraph/rdf"
)

func TestLedgerRoundTrip(t *testing.T) {
	g := rdf.NewIRI("http://example.org/g")
	qs := []rdf.Quad{
		{S: rdf.NewIRI("http://e/s"), P: rdf.NewIRI("http://e/p"), O: rdf.NewLiteral(""), G: g},
		{S: rdf.NewIRI("http://e/s"), P: rdf.NewIRI("http://e/p"), O: rdf.NewLangLiteral("x", "en"), G: g},
		{S: rdf.NewIRI("http://e/s"), P: rdf.NewIRI("http://e/q"), O: rdf.NewTypedLiteral("1", rdf.XSDInteger), G: g},
		{S: rdf.NewBlank("b1"), P: rdf.NewIRI("http://e/q"), O: rdf.NewIRI("http://e/o"), G: g},
		{S: rdf.NewBlank("b1"), P: rdf.NewIRI("http://e/q"), O: rdf.NewLiteral("12:3=I4:"), G: g},
	}
	blob := encodeTriples(qs)
	if !utf8.ValidString(blob) {
		t.Fatal("blob is not UTF-8")
	}
	got, err := decodeAll(blob, g)
	if err != nil || !slices.Equal(got, qs) {
		t.Fatalf("round trip: %v %v", got, err)
	}
	for _, bad := range []string{"2", "1I", "1I5:abc", "1=", "1I1:a=", "1X1:a", "1I99999999999999999999:a", "1I1:aI1:bT1:c"} {
		if _, err := decodeAll(bad, g); err == nil {
			t.Errorf("decode(%q) succeeded", bad)
		}
	}
	m := meta{SHA256: "ab cd", Quads: 3, Shared: 4, Version: 1}
	if got, err := decodeMeta(encodeMeta(m)); err != nil || got != m {
		t.Fatalf("meta round trip: %+v %v", got, err)
	}
}

// FuzzLedger: any three terms round-trip, and no input makes the decoder
// panic.
func FuzzLedger(f *testing.F) {
	f.Add("http://e/s", "http://e/p", "value", "en", "", uint8(0))
	f.Add("b", "p", "1:x=", "", "http://dt", uint8(1))
	f.Add("", "", "", "", "", uint8(2))
	f.Fuzz(func(t *testing.T, s, p, o, lang, dt string, kind uint8) {
		if !utf8.ValidString(s + p + o + lang + dt) {
			return
		}
		_, _ = decodeAll("1"+s+p+o, rdf.Term{}) // must not panic
		if s == "" || p == "" {
			return
		}
		var obj rdf.Term
		switch kind % 4 {
		case 0:
			obj = rdf.NewIRI(o)
		case 1:
			obj = rdf.NewBlank(o)
		case 2:
			obj = normTerm(rdf.Term{Kind: rdf.Literal, Value: o, Lang: lang, Datatype: dt})
		default:
			obj = rdf.NewLiteral(o)
		}
		sub := rdf.NewIRI(s)
		if kind&4 != 0 {
			sub = rdf.NewBlank(s)
		}
		qs := []rdf.Quad{{S: sub, P: rdf.NewIRI(p), O: obj}, {S: sub, P: rdf.NewIRI(p), O: obj}}
		got, err := decodeAll(encodeTriples(qs), rdf.Term{})
		if err != nil || !slices.Equal(got, qs) {
			t.Fatalf("round trip of %v: %v %v", qs, got, err)
		}
	})
}
