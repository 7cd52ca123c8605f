package memstore

import (
	"fmt"
	"testing"

	"notegraph/rdf"
)

// TestMatchAgainstScan checks every combination of bound positions
// against a plain scan of the quads.
func TestMatchAgainstScan(t *testing.T) {
	st := New()
	var all []rdf.Quad
	iri := func(s string) rdf.Term { return rdf.NewIRI("http://x/" + s) }
	for i := 0; i < 200; i++ {
		q := rdf.Quad{S: iri(fmt.Sprint("s", i%13)), P: iri(fmt.Sprint("p", i%5)), O: rdf.NewLiteral(fmt.Sprint(i % 17))}
		if i%3 == 0 {
			q.G = iri(fmt.Sprint("g", i%4))
		}
		st.Add(q)
		st.Add(q) // duplicates are ignored
		all = append(all, q)
	}
	if st.Len() != len(all) {
		t.Fatalf("Len = %d, want %d", st.Len(), len(all))
	}
	probe := all[37]
	for mask := 0; mask < 16; mask++ {
		var s, p, o, g rdf.Term
		if mask&1 != 0 {
			s = probe.S
		}
		if mask&2 != 0 {
			p = probe.P
		}
		if mask&4 != 0 {
			o = probe.O
		}
		if mask&8 != 0 {
			g = probe.G
		}
		want := 0
		for _, q := range all {
			if (s.IsZero() || q.S == s) && (p.IsZero() || q.P == p) && (o.IsZero() || q.O == o) && (g.IsZero() || q.G == g) {
				want++
			}
		}
		got := 0
		st.Match(s, p, o, g, func(q rdf.Quad) bool {
			if !s.IsZero() && q.S != s || !p.IsZero() && q.P != p || !o.IsZero() && q.O != o || !g.IsZero() && q.G != g {
				t.Errorf("mask %d: %v does not match", mask, q)
			}
			got++
			return true
		})
		if got != want {
			t.Errorf("mask %04b: %d matches, want %d", mask, got, want)
		}
		if c := st.Count(s, p, o, g); c < want {
			t.Errorf("mask %04b: Count %d below the %d matches", mask, c, want)
		}
	}
	if err := st.Match(iri("absent"), rdf.Term{}, rdf.Term{}, rdf.Term{}, func(rdf.Quad) bool { t.Error("matched an absent subject"); return true }); err != nil {
		t.Fatal(err)
	}
	graphs, _ := st.NamedGraphs()
	if len(graphs) != 4 {
		t.Errorf("NamedGraphs = %v, want 4 graphs", graphs)
	}
	n := 0
	st.Match(rdf.Term{}, rdf.Term{}, rdf.Term{}, rdf.Term{}, func(rdf.Quad) bool { n++; return n < 5 })
	if n != 5 {
		t.Errorf("Match did not stop when fn returned false: %d calls", n)
	}
}
