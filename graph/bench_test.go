package graph

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"notegraph/rdf"
)

// benchPGDatabase returns the URL of database ng_bench, kept between runs
// like the embedded benchmark stores; fresh recreates it empty.
func benchPGDatabase(b *testing.B, fresh ...bool) string {
	base := testPG(b)
	admin, err := sql.Open("postgres", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	if len(fresh) > 0 && fresh[0] {
		admin.Exec(`DROP DATABASE IF EXISTS ng_bench WITH (FORCE)`)
	}
	var n int
	admin.QueryRow(`SELECT count(*) FROM pg_database WHERE datname = 'ng_bench'`).Scan(&n)
	if n == 0 {
		if _, err := admin.Exec(`CREATE DATABASE ng_bench`); err != nil {
			b.Fatal(err)
		}
	}
	return withDB(b, base, "ng_bench")
}

// Benchmarks, per backend. The figures in doc.go come from
//
//	go test -run '^$' -bench . -benchtime 3x ./graph/
//
// -benchdocs sets the size of the store that BenchmarkEach and
// BenchmarkQuadsAllIterator read.
var benchDocs = flag.Int("benchdocs", 2000, "documents in the store read by the Each benchmarks")

const benchBatch = 10 // documents per Apply, as the build command batches them

// benchBackends are the backends benchmarked: PostgreSQL only when
// NOTEGRAPH_TEST_PG is set.
func benchBackends() []string {
	if os.Getenv("NOTEGRAPH_TEST_PG") == "" {
		return []string{Bolt, LevelDB}
	}
	return backends
}

// BenchmarkApply loads fresh documents of about 60 quads (plus 28 shared
// triples) in batches of 10 per transaction.
func BenchmarkApply(b *testing.B) {
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(newAddr(b, backend), Options{Create: true, Backend: backend})
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

// BenchmarkApplyPGCopy is BenchmarkApply on PostgreSQL with COPY for the
// new quads instead of multi-row INSERT.
func BenchmarkApplyPGCopy(b *testing.B) {
	if os.Getenv("NOTEGRAPH_TEST_PG") == "" {
		b.Skip("NOTEGRAPH_TEST_PG not set")
	}
	for _, c := range []bool{false, true} {
		b.Run(fmt.Sprintf("copy=%v", c), func(b *testing.B) {
			defer func(old bool) { pgCopy = old }(pgCopy)
			pgCopy = c
			s, err := Open(newAddr(b, Postgres), Options{Create: true})
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

// BenchmarkCayleyApplyDeltas is the peer of BenchmarkApply: the same
// documents' quads (with the shared triples in the default graph) written
// straight through Cayley's ApplyDeltas, one transaction per 10 documents,
// with no ledger and no diff.
func BenchmarkCayleyApplyDeltas(b *testing.B) {
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(newAddr(b, backend), Options{Create: true, Backend: backend})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			quads := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var deltas []cgraph.Delta
				for j := 0; j < benchBatch; j++ {
					d := testDoc(i*benchBatch+j, 0)
					for _, q := range d.Quads {
						deltas = append(deltas, cgraph.Delta{Quad: toQuad(q), Action: cgraph.Add})
					}
					for _, q := range d.Shared {
						deltas = append(deltas, cgraph.Delta{Quad: toQuad(q), Action: cgraph.Add})
					}
					quads += len(d.Quads)
				}
				if err := s.QuadStore().ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
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
	if backend == Postgres {
		dir = benchPGDatabase(b)
	}
	if s, err := Open(dir, Options{ReadOnly: true}); err == nil {
		st, _ := s.Stats()
		s.Close()
		if st.Graphs == int64(*benchDocs) {
			return dir
		}
	}
	if backend == Postgres {
		dir = benchPGDatabase(b, true)
	} else {
		os.RemoveAll(dir)
	}
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
	for _, backend := range benchBackends() {
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
	for _, backend := range benchBackends() {
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
	for _, backend := range benchBackends() {
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

// BenchmarkApplyVsCayley alternates one batch through Apply and the same
// batch through Cayley's ApplyDeltas (on two fresh stores of the same
// backend), so that both see the same machine load; it reports both rates
// and their ratio.
func BenchmarkApplyVsCayley(b *testing.B) {
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			ours, err := Open(newAddr(b, backend), Options{Create: true, Backend: backend})
			if err != nil {
				b.Fatal(err)
			}
			defer ours.Close()
			peer, err := Open(newAddr(b, backend), Options{Create: true, Backend: backend})
			if err != nil {
				b.Fatal(err)
			}
			defer peer.Close()
			var tOurs, tPeer time.Duration
			quads := 0
			for i := 0; i < b.N; i++ {
				batch := make([]Put, benchBatch)
				var deltas []cgraph.Delta
				for j := range batch {
					batch[j] = testDoc(i*benchBatch+j, 0)
					quads += len(batch[j].Quads)
					for _, q := range slices.Concat(batch[j].Quads, batch[j].Shared) {
						deltas = append(deltas, cgraph.Delta{Quad: toQuad(q), Action: cgraph.Add})
					}
				}
				t0 := time.Now()
				if err := ours.Apply(batch, nil); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := peer.QuadStore().ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
					b.Fatal(err)
				}
				tOurs += t1.Sub(t0)
				tPeer += time.Since(t1)
			}
			b.ReportMetric(float64(quads)/tOurs.Seconds(), "apply-q/s")
			b.ReportMetric(float64(quads)/tPeer.Seconds(), "cayley-q/s")
			b.ReportMetric(tPeer.Seconds()/tOurs.Seconds(), "speedup")
		})
	}
}

// BenchmarkBoltVsLevelDB alternates the same batches into a bolt and a
// leveldb store (so both see the same machine load) and reports both load
// rates; -benchtime 200x grows each store to 2,000 documents.
func BenchmarkBoltVsLevelDB(b *testing.B) {
	var stores [2]*Store
	for i, backend := range []string{Bolt, LevelDB} {
		s, err := Open(newAddr(b, backend), Options{Create: true, Backend: backend})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	var took [2]time.Duration
	quads := 0
	for i := 0; i < b.N; i++ {
		batch := make([]Put, benchBatch)
		for j := range batch {
			batch[j] = testDoc(i*benchBatch+j, 0)
			quads += len(batch[j].Quads)
		}
		for k, s := range stores {
			t0 := time.Now()
			if err := s.Apply(batch, nil); err != nil {
				b.Fatal(err)
			}
			took[k] += time.Since(t0)
		}
	}
	b.ReportMetric(float64(quads)/took[0].Seconds(), "bolt-q/s")
	b.ReportMetric(float64(quads)/took[1].Seconds(), "leveldb-q/s")
}
