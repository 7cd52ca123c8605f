package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"notegraph/graph"
	"notegraph/ontology"
	"notegraph/rdf"
	"notegraph/rdf/rdfio"
)

// ImportSummary says what an import did.
type ImportSummary struct {
	Files, Unchanged, Imported int
	Statements                 int
	Errors                     []error
}

// Import adds RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD: the
// format follows the extension) to the store, each into named graphs of its
// own: the file's default-graph triples go to <base>graph/FILE, and the named
// graphs of a dataset keep their names. Blank nodes are renamed per file, so
// that two files' _:b0 stay two nodes. Like Run, a file is written whole in
// one transaction or not at all, an unchanged file is skipped, and a changed
// one replaces what it wrote before.
func Import(st *graph.Store, inputs []Input, opts Options) (ImportSummary, error) {
	m, err := ontology.NewMapper(opts.Base)
	if err != nil {
		return ImportSummary{}, err
	}
	entries, err := st.Entries()
	if err != nil {
		return ImportSummary{}, err
	}
	owner := map[rdf.Term]string{}
	for _, e := range entries {
		owner[e.Graph] = e.Source
	}
	sum := ImportSummary{Files: len(inputs)}
	for _, in := range inputs {
		puts, removes, n, skip, err := importFile(st, m, in, owner)
		switch {
		case err != nil:
			sum.Errors = append(sum.Errors, err)
			continue
		case skip:
			sum.Unchanged++
			continue
		}
		if err := st.Apply(puts, removes); err != nil {
			return sum, fmt.Errorf("%s: %w", in.Path, err)
		}
		for _, p := range puts {
			owner[p.Graph] = in.Key
		}
		sum.Imported++
		sum.Statements += n
	}
	return sum, nil
}

// importKeyPrefix keeps imported files apart from document sources of the
// same name in the store's ledger.
const importKeyPrefix = "import:"

func importFile(st *graph.Store, m *ontology.Mapper, in Input, owner map[rdf.Term]string) (puts []graph.Put, removes []rdf.Term, n int, skip bool, err error) {
	f, ok := rdfio.ByExtension(in.Path)
	if !ok || f.NewDecoder == nil {
		return nil, nil, 0, false, fmt.Errorf("%s: not an RDF file notegraph reads (.ttl, .trig, .nt, .nq, .jsonld)", in.Path)
	}
	data, err := in.Read()
	if err != nil {
		return nil, nil, 0, false, fmt.Errorf("%s: %w", in.Path, unwrapPath(err))
	}
	key := importKeyPrefix + in.Key
	sum := sha256.Sum256(append([]byte(Version+"\x00"+m.Base+"\x00"), data...))
	fp := hex.EncodeToString(sum[:])
	old, oldGraphs, err := st.SourceGraphs(key)
	if err != nil {
		return nil, nil, 0, false, err
	}
	if old == fp {
		return nil, nil, 0, true, nil
	}

	fileGraph := rdf.NewIRI(m.Base + "graph/" + ontology.Slug(in.Key, 80))
	blankPrefix := "f" + fp[:8] + "_"
	byGraph := map[rdf.Term][]rdf.Quad{}
	dec := f.NewDecoder(strings.NewReader(string(data)))
	for {
		q, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *rdf.SyntaxError
			if errors.As(err, &se) {
				return nil, nil, 0, false, fmt.Errorf("%s:%d:%d: %s", in.Path, se.Line, se.Col, se.Msg)
			}
			return nil, nil, 0, false, fmt.Errorf("%s: %w", in.Path, err)
		}
		for _, t := range []*rdf.Term{&q.S, &q.O, &q.G} {
			if t.Kind == rdf.Blank {
				t.Value = blankPrefix + t.Value
			}
		}
		if q.G.IsZero() {
			q.G = fileGraph
		}
		if q.G.Kind != rdf.IRI {
			return nil, nil, 0, false, fmt.Errorf("%s: graph name %v is not an IRI; notegraph keeps graphs by IRI", in.Path, q.G)
		}
		byGraph[q.G] = append(byGraph[q.G], q)
		n++
	}
	if n == 0 {
		return nil, nil, 0, false, fmt.Errorf("%s: no statements", in.Path)
	}
	var names []rdf.Term
	for g := range byGraph {
		if src, ok := owner[g]; ok && src != key {
			return nil, nil, 0, false, fmt.Errorf("%s: graph %s already belongs to %s; import it under another name", in.Path, g.Value, strings.TrimPrefix(src, importKeyPrefix))
		}
		names = append(names, g)
	}
	sort.Slice(names, func(i, j int) bool { return rdf.Compare(names[i], names[j]) < 0 })
	keep := map[rdf.Term]bool{}
	for _, g := range names {
		puts = append(puts, graph.Put{Graph: g, Source: key, SHA256: fp, Quads: byGraph[g]})
		keep[g] = true
	}
	for _, g := range oldGraphs {
		if !keep[g] {
			removes = append(removes, g)
		}
	}
	return puts, removes, n, false, nil
}
