package main

// Benchmarks of the RDF exports on a store built from the generated corpus
// (internal/gencorpus); BENCHMARKS.md reports them. `go test` compiles them
// and does not run them:
//
//	go test -run '^$' -bench Export -benchtime 3x ./cmd/notegraph/
//
// NOTEGRAPH_BENCH_NOTES sets the corpus size (default 300 notes). Besides
// one sub-benchmark per format, "each" is the store's iteration alone and
// "encode-ttl" the Turtle encoder alone on quads held in memory: together
// they split an export's time between the store and the encoder.

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"notegraph/build"
	"notegraph/export"
	"notegraph/extract"
	"notegraph/graph"
	"notegraph/internal/gencorpus"
	"notegraph/rdf"
)

func benchStore(b *testing.B) *graph.Store {
	b.Helper()
	notes := 300
	if s := os.Getenv("NOTEGRAPH_BENCH_NOTES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("NOTEGRAPH_BENCH_NOTES=%q is not a positive number", s)
		}
		notes = n
	}
	opts := gencorpus.Options{Notes: notes, Seed: 1}
	gaz, err := os.ReadFile(filepath.Join("..", "..", "extract", "data", "actors.tsv"))
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
	dir := b.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if _, err := g.WriteDir(corpus); err != nil {
		b.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	inputs, err := build.Inputs([]string{corpus}, build.Extensions)
	if err != nil {
		b.Fatal(err)
	}
	st, err := graph.Open(filepath.Join(dir, "db"), graph.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	sum, err := build.Run(st, x, inputs, build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if len(sum.Errors) > 0 {
		b.Fatal(sum.Errors[0])
	}
	return st
}

func BenchmarkExport(b *testing.B) {
	st := benchStore(b)
	var all []rdf.Quad
	if err := st.Each(func(q rdf.Quad) error { all = append(all, q); return nil }); err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B, cpu time.Duration) {
		b.ReportMetric(float64(len(all))*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		if cpu > 0 {
			b.ReportMetric(float64(len(all))*float64(b.N)/cpu.Seconds(), "quads/cpu-s")
		}
	}
	b.Run("each", func(b *testing.B) {
		c0 := cpuTime()
		for i := 0; i < b.N; i++ {
			n := 0
			if err := st.Each(func(rdf.Quad) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
			if n != len(all) {
				b.Fatalf("Each gave %d quads, then %d", len(all), n)
			}
		}
		report(b, cpuTime()-c0)
	})
	b.Run("encode-ttl", func(b *testing.B) {
		c0 := cpuTime()
		for i := 0; i < b.N; i++ {
			if _, err := export.RDF(io.Discard, quadSlice(all), "ttl"); err != nil {
				b.Fatal(err)
			}
		}
		report(b, cpuTime()-c0)
	})
	for _, f := range []string{"nt", "nq", "ttl", "trig", "jsonld"} {
		b.Run(f, func(b *testing.B) {
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				n, err := export.RDF(io.Discard, st, f)
				if err != nil {
					b.Fatal(err)
				}
				if n != len(all) {
					b.Fatalf("%s export wrote %d quads of %d", f, n, len(all))
				}
			}
			report(b, cpuTime()-c0)
		})
	}
}

type quadSlice []rdf.Quad

func (s quadSlice) Each(fn func(rdf.Quad) error) error {
	for _, q := range s {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}
