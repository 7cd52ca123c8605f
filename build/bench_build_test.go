package build_test

// Benchmarks of the pipeline on the generated corpus (internal/gencorpus);
// BENCHMARKS.md reports them. `go test` compiles them and does not run them:
//
//	go test -run '^$' -bench . -benchtime 3x ./build/
//
// NOTEGRAPH_BENCH_NOTES sets the corpus size (default 500 notes, 10 a file).

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cbbolt "github.com/cayleygraph/cayley/graph/kv/bbolt" // Cayley's own backends, for the peer
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"notegraph/build"
	"notegraph/extract"
	"notegraph/graph"
	"notegraph/internal/gencorpus"
	"notegraph/internal/pgtest"
	"notegraph/ontology"
)

type benchFile struct {
	name string
	data []byte
}

// benchCorpus generates the corpus in memory, with the states of the
// extractor's gazetteer when it is there, as cmd/gencorpus does.
func benchCorpus(b *testing.B) ([]benchFile, int64) {
	b.Helper()
	notes := 500
	if s := os.Getenv("NOTEGRAPH_BENCH_NOTES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("NOTEGRAPH_BENCH_NOTES=%q is not a positive number", s)
		}
		notes = n
	}
	opts := gencorpus.Options{Notes: notes, Seed: 1}
	gaz, err := os.ReadFile(filepath.Join("..", "extract", "data", "actors.tsv"))
	switch {
	case err == nil:
		opts.Gazetteer = gaz
	case !errors.Is(err, fs.ErrNotExist):
		b.Fatal(err)
	}
	g, err := gencorpus.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	var files []benchFile
	var size int64
	_, err = g.Generate(func(name string, data []byte) error {
		files = append(files, benchFile{name, data})
		size += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return files, size
}

// BenchmarkExtract is extraction alone on one goroutine: MB/s here is MB/s
// per core, the figure issue 3 asks to be at least 1.
func BenchmarkExtract(b *testing.B) {
	files, size := benchCorpus(b)
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	cpu0 := cpuTime()
	docs, events := 0, 0
	for i := 0; i < b.N; i++ {
		docs, events = 0, 0
		for _, f := range files {
			out, err := x.File(f.name, f.data)
			if err != nil {
				b.Fatal(err)
			}
			docs += len(out.Documents)
			for _, d := range out.Documents {
				events += len(d.Events)
			}
		}
	}
	b.StopTimer()
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(events), "events")
	b.ReportMetric(float64(docs), "docs")
}

// BenchmarkExtractParallel runs extraction on every core, as build does.
func BenchmarkExtractParallel(b *testing.B) {
	files, size := benchCorpus(b)
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size / int64(len(files)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			f := files[i%len(files)]
			i++
			if _, err := x.File(f.name, f.data); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkMap is the ontology mapping of extracted documents to quads.
func BenchmarkMap(b *testing.B) {
	extracted, _ := extractAll(b)
	m, err := ontology.NewMapper("")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	n := 0
	for i := 0; i < b.N; i++ {
		n = 0
		for _, f := range extracted {
			for j := range f.Documents {
				_, q, sh, err := m.Document(f, &f.Documents[j])
				if err != nil {
					b.Fatal(err)
				}
				n += len(q) + len(sh)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "quads/cpu-s")
	}
}

// BenchmarkStoreLoad is the store alone: documents extracted and mapped
// beforehand are written into a fresh store in batches of about 20,000
// quads (build's default), then the shared default graph is synchronised,
// as build.Run does. quads/s counts the quads handed to the store.
func BenchmarkStoreLoad(b *testing.B) {
	batches, total, m := loadBatches(b)
	for _, backend := range []string{graph.Bolt, graph.LevelDB} {
		b.Run(backend, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := openBenchStore(b, backend)
				b.StartTimer()
				c0 := cpuTime()
				for _, batch := range batches {
					if err := st.Apply(batch, nil); err != nil {
						b.Fatal(err)
					}
				}
				if err := build.SyncShared(st, m); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime() - c0
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
			if cpu > 0 {
				b.ReportMetric(float64(total)*float64(b.N)/cpu.Seconds(), "quads/cpu-s")
			}
			b.ReportMetric(float64(total), "quads")
		})
	}
}

// BenchmarkLoadVsCayley pairs the store load with Cayley's own batched
// writer (graph.NewWriter over writer.NewSingle, quad.DefaultBatch = 10,000
// quads a transaction, duplicates ignored: what `cayley load` does) on every
// backend (PostgreSQL when NOTEGRAPH_TEST_PG is set), each tool on a fresh
// store it made itself (Cayley's schema and default options; notegraph's).
// Each of build's batches goes first into notegraph's store (Apply, then
// SyncShared at the end), then the same quads into Cayley's writer, so that both see the same machine load. Both rates count
// the quads handed over (the documents' quads and shared triples), so the
// ratio compares like with like; notegraph also writes its ledger.
func BenchmarkLoadVsCayley(b *testing.B) {
	batches, total, m := loadBatches(b)
	backends := []string{graph.Bolt, graph.LevelDB}
	if os.Getenv("NOTEGRAPH_TEST_PG") != "" {
		backends = append(backends, graph.Postgres)
	}
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			var tOurs, tPeer time.Duration
			for i := 0; i < b.N; i++ {
				ours := openBenchStore(b, backend)
				peerStore := openCayley(b, backend)
				qw, err := writer.NewSingle(peerStore, cgraph.IgnoreOpts{IgnoreDup: true})
				if err != nil {
					b.Fatal(err)
				}
				peer := cgraph.NewWriter(qw)
				for _, batch := range batches {
					var cq []quad.Quad
					for _, p := range batch {
						for _, q := range slices.Concat(p.Quads, p.Shared) {
							cq = append(cq, graph.CayleyQuad(q))
						}
					}
					t0 := time.Now()
					if err := ours.Apply(batch, nil); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					for _, q := range cq {
						if err := peer.WriteQuad(q); err != nil {
							b.Fatal(err)
						}
					}
					tOurs += t1.Sub(t0)
					tPeer += time.Since(t1)
				}
				t0 := time.Now()
				if err := build.SyncShared(ours, m); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := peer.Close(); err != nil {
					b.Fatal(err)
				}
				tOurs += t1.Sub(t0)
				tPeer += time.Since(t1)
				ours.Close()
				peerStore.Close()
			}
			n := float64(total) * float64(b.N)
			b.ReportMetric(n/tOurs.Seconds(), "notegraph-q/s")
			b.ReportMetric(n/tPeer.Seconds(), "cayley-q/s")
			b.ReportMetric(tPeer.Seconds()/tOurs.Seconds(), "speedup")
			b.ReportMetric(float64(total), "quads")
		})
	}
}

// openCayley makes a fresh store of the backend with Cayley alone, as
// `cayley init` does: its own schema and default options. For bolt it is
// Cayley's bbolt backend, the library notegraph writes bolt files with.
func openCayley(b *testing.B, backend string) cgraph.QuadStore {
	b.Helper()
	addr := filepath.Join(b.TempDir(), "cayley")
	switch backend {
	case graph.Postgres:
		addr = pgtest.NewDatabase(b)
	case graph.Bolt:
		backend = cbbolt.Type
	}
	if err := cgraph.InitQuadStore(backend, addr, nil); err != nil {
		b.Fatal(err)
	}
	qs, err := cgraph.NewQuadStore(backend, addr, nil)
	if err != nil {
		b.Fatal(err)
	}
	return qs
}

// openBenchStore opens a fresh store of the backend: a temporary folder, or
// a new PostgreSQL database.
func openBenchStore(b *testing.B, backend string) *graph.Store {
	b.Helper()
	addr := filepath.Join(b.TempDir(), "db")
	if backend == graph.Postgres {
		addr = pgtest.NewDatabase(b)
	}
	st, err := graph.Open(addr, graph.Options{Create: true, Backend: backend})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// loadBatches extracts and maps the benchmark corpus and cuts its documents
// into batches of build.DefaultBatchQuads quads (NOTEGRAPH_BENCH_BATCH), as
// build.Run does.
func loadBatches(b *testing.B) ([][]graph.Put, int, *ontology.Mapper) {
	extracted, _ := extractAll(b)
	m, err := ontology.NewMapper("")
	if err != nil {
		b.Fatal(err)
	}
	size := build.DefaultBatchQuads
	if s := os.Getenv("NOTEGRAPH_BENCH_BATCH"); s != "" {
		if size, err = strconv.Atoi(s); err != nil || size <= 0 {
			b.Fatalf("NOTEGRAPH_BENCH_BATCH=%q is not a positive number", s)
		}
	}
	var batches [][]graph.Put
	var cur []graph.Put
	n, total := 0, 0
	for _, f := range extracted {
		for j := range f.Documents {
			g, q, sh, err := m.Document(f, &f.Documents[j])
			if err != nil {
				b.Fatal(err)
			}
			cur = append(cur, graph.Put{Graph: g, Source: f.Key, SHA256: f.SHA256, Quads: q, Shared: sh})
			n += len(q) + len(sh)
		}
		if n >= size {
			batches, cur, total, n = append(batches, cur), nil, total+n, 0
		}
	}
	if len(cur) > 0 {
		batches, total = append(batches, cur), total+n
	}
	return batches, total, m
}

func extractAll(b *testing.B) ([]*extract.File, int64) {
	b.Helper()
	files, size := benchCorpus(b)
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	out := make([]*extract.File, 0, len(files))
	for _, f := range files {
		ef, err := x.File(f.name, f.data)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, ef)
	}
	return out, size
}

// BenchmarkBuild is build.Run end to end (read, extract, map, store) from
// files on disk into a fresh store of the default backend, as
// `notegraph build` does.
func BenchmarkBuild(b *testing.B) {
	files, size := benchCorpus(b)
	dir := b.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(corpus, f.name), f.data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	inputs, err := build.Inputs([]string{corpus}, build.Extensions)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	var cpu time.Duration
	docs := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := graph.Open(filepath.Join(dir, "db"+strconv.Itoa(i)), graph.Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		sum, err := build.Run(st, x, inputs, build.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(sum.Errors) > 0 {
			b.Fatal(sum.Errors[0])
		}
		cpu += cpuTime() - c0
		docs = sum.Documents
		b.StopTimer()
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(float64(docs)*float64(b.N)/cpu.Seconds(), "docs/cpu-s")
	}
}
