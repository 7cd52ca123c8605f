package graph

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"notegraph/rdf"
)

// Benchmarks, per backend. The figures in doc.go come from
//
//	go test -run '^$' -bench . -benchtime 3x ./graph/
//
// -benchdocs sets the size of the store that BenchmarkEach and
// BenchmarkQuadsAllIterator read.
var benchDocs = flag.Int("benchdocs", 2000, "documents in the store read by the Each benchmarks")

const benchBatch = 10 // documents per Apply, as the build command batches them

// BenchmarkApply loads fresh documents of about 60 quads (plus 28 shared
// triples) in batches of 10 per transaction.
func BenchmarkApply(b *testing.B) {
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(filepath.Join(b.TempDir(), "db"), Options{Create: true, Backend: backend})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			quads := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				batch := make([]Put, benchBatch)
				for j := range batch {
					batch[j] = testDoc(i*benchBatch+j, 0)
					quads += len(batch[j].Quads)
				}
				if err := s.Apply(batch, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// benchStore builds (once per run) a store of *benchDocs documents.
func benchStore(b *testing.B, backend string) string {
	dir := filepath.Join(os.TempDir(), "notegraph-bench-"+backend)
	if s, err := Open(dir, Options{ReadOnly: true}); err == nil {
		st, _ := s.Stats()
		s.Close()
		if st.Graphs == int64(*benchDocs) {
			return dir
		}
	}
	os.RemoveAll(dir)
	s, err := Open(dir, Options{Create: true, Backend: backend})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	quads := 0
	for i := 0; i < *benchDocs; i += benchBatch {
		var batch []Put
		for j := i; j < i+benchBatch && j < *benchDocs; j++ {
			batch = append(batch, testDoc(j, 0))
			quads += len(batch[len(batch)-1].Quads)
		}
		if err := s.Apply(batch, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%s: built %d documents (%d quads) in %v: %.0f quads/s", backend, *benchDocs, quads, time.Since(start), float64(quads)/time.Since(start).Seconds())
	return dir
}

// BenchmarkEach reads every quad through the ledger.
func BenchmarkEach(b *testing.B) {
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(benchStore(b, backend), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ResetTimer()
			n := 0
			for i := 0; i < b.N; i++ {
				if err := s.Each(func(rdf.Quad) error { n++; return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// BenchmarkQuadsAllIterator is the peer of BenchmarkEach: every quad through
// Cayley's own iterator (ledger included, as Cayley cannot skip it), each
// converted to an rdf.Quad as Each delivers them.
func BenchmarkQuadsAllIterator(b *testing.B) {
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(benchStore(b, backend), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ResetTimer()
			n := 0
			for i := 0; i < b.N; i++ {
				qs, err := cayleyQuads(s)
				if err != nil {
					b.Fatal(err)
				}
				n += len(qs)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// BenchmarkOpen measures opening the benchmark store (no Bloom filter scan).
func BenchmarkOpen(b *testing.B) {
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			dir := benchStore(b, backend)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := Open(dir, Options{})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}
