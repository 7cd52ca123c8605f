package build

import (
	"sync/atomic"
	"testing"
	"time"

	"notegraph/extract"
	"notegraph/graph"
	"notegraph/internal/gencorpus"
)

// TestRunBoundsPreparedSources: extraction may run ahead of the writer by a
// small window of sources only, or a build holds the quads of the whole
// corpus in memory. The consumer is slowed down at its first source; the
// readers must wait for it.
func TestRunBoundsPreparedSources(t *testing.T) {
	g, err := gencorpus.New(gencorpus.Options{Notes: 120, PerFile: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var read atomic.Int64
	var inputs []Input
	for i := 0; i < g.Files(); i++ {
		data, _, _ := g.File(i)
		name := g.FileName(i)
		inputs = append(inputs, Input{Path: name, Key: name, read: func() ([]byte, error) {
			read.Add(1)
			return data, nil
		}})
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(t.TempDir(), graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	const workers = 2
	ahead := int64(0)
	opts := Options{Workers: workers, Progress: func(done, total int) {
		if done == 1 {
			time.Sleep(300 * time.Millisecond) // a slow store
		}
		if a := read.Load() - int64(done); a > ahead {
			ahead = a
		}
	}}
	sum, err := Run(st, x, inputs, opts)
	if err != nil || len(sum.Errors) > 0 {
		t.Fatalf("Run: %v %v", err, sum.Errors)
	}
	if sum.Built != len(inputs) || read.Load() != int64(len(inputs)) {
		t.Fatalf("built %d of %d sources, read %d", sum.Built, len(inputs), read.Load())
	}
	if limit := int64(2*workers + 2); ahead > limit {
		t.Errorf("sources read ahead of the writer: %d, want at most %d", ahead, limit)
	}
	entries, err := st.Entries()
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]bool{}
	for _, e := range entries {
		sources[e.Source] = true
	}
	for _, in := range inputs {
		if !sources[in.Key] {
			t.Errorf("source %s has no graph in the store", in.Key)
		}
	}
	t.Logf("sources read ahead of the writer: at most %d", ahead)
}
