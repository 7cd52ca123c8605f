package gencorpus

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"notegraph/extract"
)

// TestExtractorReadsCorpus checks that the generated corpus does its job:
// the extractor segments every file into its notes and finds events in them,
// so that the benchmarks measure real work.
func TestExtractorReadsCorpus(t *testing.T) {
	gaz, err := os.ReadFile(filepath.Join("..", "..", "extract", "data", "actors.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(Options{Notes: 40, Seed: 1, Gazetteer: gaz})
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, events, paras := 0, 0, 0
	types := map[string]int{}
	for i := 0; i < g.Files(); i++ {
		data, n, ev := g.File(i)
		paras += ev
		f, err := x.File(g.FileName(i), data)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Documents) != n {
			t.Errorf("%s: %d documents, want %d", g.FileName(i), len(f.Documents), n)
		}
		for _, d := range f.Documents {
			docs++
			if d.Date == "" || d.Issuer == "" {
				t.Errorf("%s #%d (%s): date %q, issuer %q", g.FileName(i), d.Index, d.Title, d.Date, d.Issuer)
			}
			events += len(d.Events)
			for _, e := range d.Events {
				types[e.Type]++
			}
		}
	}
	var ts []string
	for k, v := range types {
		ts = append(ts, k+"="+strconv.Itoa(v))
	}
	sort.Strings(ts)
	t.Logf("%d documents, %d events for %d event paragraphs: %v", docs, events, paras, ts)
	if events < paras/2 {
		t.Errorf("%d events for %d event paragraphs: the extractor misses most of the generated events", events, paras)
	}
}
