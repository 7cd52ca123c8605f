package export

import (
	"fmt"
	"io"
	"testing"

	"notegraph/ontology"
	"notegraph/rdf"
)

// gexfBenchQuads is a synthetic graph of n event reports among 200 actors,
// shaped like the fixture (about 25 quads a report).
func gexfBenchQuads(n int) gexfQuads {
	f := &gexfFixture{}
	types := []string{"ACCUSE", "PROTEST", "EXPEL", "RECALL_AMBASSADOR", "REJECT"}
	for _, t := range types {
		f.concept(t, t, "100")
	}
	var actors []rdf.Term
	for i := 0; i < 200; i++ {
		actors = append(actors, f.actor(fmt.Sprintf("a%d", i), ontology.Organization, fmt.Sprintf("Actor %d", i), ""))
	}
	for d := 0; d*50 < n; d++ {
		doc := f.document(fmt.Sprintf("d%d", d), ontology.DiplomaticNote, fmt.Sprintf("Note %d", d), "1961-11-25", actors[d%200])
		for i := 1; i <= 50 && d*50+i <= n; i++ {
			k := d*50 + i
			f.event(doc, gexfEvent{n: i, typ: types[k%len(types)], agents: []rdf.Term{actors[k%200]}, targets: []rdf.Term{actors[(k*7+1)%200]},
				date: fmt.Sprintf("1961-%02d-%02d", k%12+1, k%28+1), dateType: rdf.XSDDate, assertedBy: fmt.Sprintf("a%d", k%200),
				stance: "Performed", quote: "a quote of some length, as the documents give them, about forty to eighty characters"})
		}
	}
	return f.qs
}

func BenchmarkWriteGEXFActors(b *testing.B) {
	qs := gexfBenchQuads(20000)
	b.ReportMetric(float64(len(qs)), "quads")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteGEXF(io.Discard, qs, GephiOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
