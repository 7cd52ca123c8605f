// Package build runs notegraph's pipeline from files to the store: it reads
// sources, extracts their documents, maps them to quads and writes each
// changed source's documents to the store as whole named graphs. It owns the
// decisions that span packages: what counts as unchanged, how writes are
// batched, and how the actors that documents share are reconciled.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"notegraph/extract"
	"notegraph/graph"
	"notegraph/ontology"
	"notegraph/rdf"
)

// Version is folded into every source's fingerprint: a new extractor rebuilds
// what an older one built.
const Version = "notegraph-0.1"

// Extensions are the document file types a folder is searched for.
var Extensions = []string{".txt", ".md", ".markdown", ".xml", ".tei"}

// RDFExtensions are the RDF file types `notegraph import` searches a folder for.
var RDFExtensions = []string{".ttl", ".trig", ".nt", ".nq", ".jsonld", ".json"}

// Input is one source file.
type Input struct {
	Path string // as the user named it (for messages)
	// Key is the source's identity in the store: a file named on the
	// command line is known by its base name, a file found in a folder by
	// its path below the folder's parent ("corpus/1961/notes.txt"), so that
	// files of the same name in different folders stay apart.
	Key  string
	read func() ([]byte, error)
}

// PathErrors lists the paths Inputs could not use; the other paths' inputs
// are still returned with it.
type PathErrors []error

func (e PathErrors) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "\n")
}

// Inputs expands paths (files, or folders searched recursively for files
// with one of exts, in lexical order) into inputs. A missing path does not
// stop the others: it is reported in a PathErrors beside them. Two inputs
// with the same Key are an error: the key is the source's identity in the
// store.
func Inputs(paths []string, exts []string) ([]Input, error) {
	var out []Input
	var missing PathErrors
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			missing = append(missing, fmt.Errorf("%s: %w", p, unwrapPath(err)))
			continue
		}
		if !info.IsDir() {
			out = append(out, fileInput(p))
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		top := filepath.Base(abs)
		var found []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && hasExt(q, exts) {
				found = append(found, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, q := range found {
			in := fileInput(q)
			if rel, err := filepath.Rel(p, q); err == nil {
				in.Key = path.Join(top, filepath.ToSlash(rel))
			}
			out = append(out, in)
		}
	}
	out, err := checkKeys(out)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return out, missing
	}
	return out, nil
}

// FSInputs lists the files of an fs.FS (the embedded example corpus) as if
// it were the folder named prefix.
func FSInputs(fsys fs.FS, prefix string) ([]Input, error) {
	var out []Input
	err := fs.WalkDir(fsys, ".", func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && hasExt(q, Extensions) {
			q := q
			out = append(out, Input{Path: path.Join(prefix, q), Key: path.Join(prefix, q), read: func() ([]byte, error) { return fs.ReadFile(fsys, q) }})
		}
		return nil
	})
	return out, err
}

// Read returns the file's bytes.
func (in Input) Read() ([]byte, error) { return in.read() }

func fileInput(p string) Input {
	return Input{Path: p, Key: filepath.Base(p), read: func() ([]byte, error) { return os.ReadFile(p) }}
}

func hasExt(p string, exts []string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	for _, e := range exts {
		if ext == e {
			return true
		}
	}
	return false
}

// checkKeys drops repeated inputs (a file named twice) and refuses two
// files that would share a key.
func checkKeys(in []Input) ([]Input, error) {
	seen := map[string]string{}
	var out []Input
	for _, i := range in {
		if prev, ok := seen[i.Key]; ok {
			if prev != i.Path {
				return nil, fmt.Errorf("%s and %s would both be known as %s in the store; rename one", prev, i.Path, i.Key)
			}
			continue
		}
		seen[i.Key] = i.Path
		out = append(out, i)
	}
	return out, nil
}

// DefaultBatchQuads is how many quads a build hands the store per
// transaction, in whole sources.
const DefaultBatchQuads = 20000

// Options tune a build.
type Options struct {
	Base       string                // IRI base for minted instances (ontology.DefaultBase when empty)
	BatchQuads int                   // quads per write transaction (whole sources only); default DefaultBatchQuads
	Workers    int                   // extraction goroutines; default GOMAXPROCS
	Progress   func(done, total int) // called after each source, if set
	// Knowledge identifies the extractor's data files (extract.Fingerprint):
	// a source is extracted again when it changes.
	Knowledge string
}

// Summary says what a build did.
type Summary struct {
	Sources, Unchanged, Built int
	Documents, Events         int // in the sources built by this run
	Removed                   int // documents dropped because their source no longer holds them
	Errors                    []error
	Duration                  time.Duration
}

type result struct {
	in      Input
	skip    bool
	fp      string
	puts    []graph.Put
	removes []rdf.Term
	docs    int
	events  int
	err     error
}

// Run builds inputs into st. Each source is extracted and mapped in full
// before anything of it is written, and its documents are written in one
// transaction together with the removal of documents it no longer holds, so
// a bad source leaves the store as it was. Errors of single sources are
// collected in Summary.Errors and the others still build; the returned error
// is for failures of the store itself.
func Run(st *graph.Store, x *extract.Extractor, inputs []Input, opts Options) (Summary, error) {
	start := time.Now()
	m, err := ontology.NewMapper(opts.Base)
	if err != nil {
		return Summary{}, err
	}
	m.Known = x.KnownLabel
	if opts.BatchQuads <= 0 {
		opts.BatchQuads = DefaultBatchQuads
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	sum := Summary{Sources: len(inputs)}

	// Extraction runs in parallel; results are consumed in input order so
	// that the store's history, and every message, is deterministic.
	results := make([]chan result, len(inputs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	// The writer is usually slower than extraction: a window of prepared
	// sources bounds what waits in memory (without it a build holds the
	// quads of every source not yet written, and memory grows with the
	// corpus).
	window := make(chan struct{}, 2*opts.Workers+2)
	done := make(chan struct{})
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- prepare(st, x, m, opts.Knowledge, inputs[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case window <- struct{}{}:
			case <-done:
				return
			}
			jobs <- i
		}
	}()
	defer wg.Wait()
	defer close(done)

	var batch []graph.Put
	var removes []rdf.Term
	n := 0
	flush := func() error {
		if len(batch) == 0 && len(removes) == 0 {
			return nil
		}
		err := st.Apply(batch, removes)
		batch, removes, n = nil, nil, 0
		return err
	}
	// owner says which source holds each graph, so that two sources whose
	// documents map to the same IRIs (notes.txt and notes.md) are an error,
	// not a silent replacement.
	entries, err := st.Entries()
	if err != nil {
		return sum, err
	}
	owner := make(map[rdf.Term]string, len(entries))
	for _, e := range entries {
		owner[e.Graph] = e.Source
	}
	inBatch := map[rdf.Term]bool{}
	changed := false
	for i := range inputs {
		r := <-results[i]
		<-window
		if r.err == nil && !r.skip {
			r.err = claim(owner, r)
		}
		switch {
		case r.err != nil:
			sum.Errors = append(sum.Errors, r.err)
		case r.skip:
			sum.Unchanged++
		default:
			// A store transaction may not both put and remove one graph.
			for _, g := range r.removes {
				if inBatch[g] {
					if err := flush(); err != nil {
						return sum, err
					}
					clear(inBatch)
					break
				}
			}
			for _, p := range r.puts {
				inBatch[p.Graph] = true
			}
			for _, g := range r.removes {
				inBatch[g] = true
			}
			sum.Built++
			sum.Documents += r.docs
			sum.Events += r.events
			sum.Removed += len(r.removes)
			batch = append(batch, r.puts...)
			removes = append(removes, r.removes...)
			for _, p := range r.puts {
				n += len(p.Quads) + len(p.Shared)
			}
			changed = true
			if n >= opts.BatchQuads {
				if err := flush(); err != nil {
					return sum, err
				}
				clear(inBatch)
			}
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(inputs))
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	if changed || !hasDefault(st) {
		if err := SyncShared(st, m); err != nil {
			return sum, err
		}
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// claim records r's documents as its source's, or says which other source
// already holds one of them.
func claim(owner map[rdf.Term]string, r result) error {
	for _, p := range r.puts {
		if o, ok := owner[p.Graph]; ok && o != r.in.Key {
			return fmt.Errorf("%s: its document %s has the IRI of a document of %s; rename one of the files", r.in.Path, p.Graph.Value, o)
		}
	}
	for _, p := range r.puts {
		owner[p.Graph] = r.in.Key
	}
	for _, g := range r.removes {
		delete(owner, g)
	}
	return nil
}

func hasDefault(st *graph.Store) bool {
	entries, err := st.Entries()
	return err == nil && len(entries) > 0 && entries[0].Graph.IsZero()
}

// SyncShared rewrites the default graph's own entry: the event-type scheme
// and one rdfs:label for every actor the documents mention (the documents
// contribute the rest of what they say about actors themselves, in the
// transaction that writes them).
func SyncShared(st *graph.Store, m *ontology.Mapper) error {
	union, err := st.SharedUnion()
	if err != nil {
		return err
	}
	quads := append(m.Labels(union), ontology.SchemeQuads()...)
	return st.Apply([]graph.Put{{Quads: quads}}, nil)
}

func prepare(st *graph.Store, x *extract.Extractor, m *ontology.Mapper, knowledge string, in Input) result {
	r := result{in: in}
	data, err := in.Read()
	if err != nil {
		r.err = fmt.Errorf("%s: %w", in.Path, unwrapPath(err))
		return r
	}
	sum := sha256.Sum256(data)
	fileSHA := hex.EncodeToString(sum[:])
	fp := sha256.Sum256([]byte(Version + "\x00" + m.Base + "\x00" + knowledge + "\x00" + fileSHA))
	r.fp = hex.EncodeToString(fp[:])
	old, oldGraphs, err := st.SourceGraphs(in.Key)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", in.Path, err)
		return r
	}
	if old == r.fp {
		r.skip = true
		return r
	}
	f, err := x.File(in.Path, data)
	if err != nil {
		r.err = err
		return r
	}
	f.Key = in.Key
	keep := map[rdf.Term]bool{}
	for i := range f.Documents {
		d := &f.Documents[i]
		g, quads, shared, err := m.Document(f, d)
		if err != nil {
			r.err = fmt.Errorf("%s: %w", in.Path, err)
			return r
		}
		if keep[g] {
			r.err = fmt.Errorf("%s: two documents map to the same IRI %s", in.Path, g.Value)
			return r
		}
		keep[g] = true
		r.puts = append(r.puts, graph.Put{Graph: g, Source: in.Key, SHA256: r.fp, Quads: quads, Shared: shared})
		r.docs++
		r.events += len(d.Events)
	}
	for _, g := range oldGraphs {
		if !keep[g] {
			r.removes = append(r.removes, g)
		}
	}
	return r
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
