package graph

import (
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"notegraph/rdf"
)

// Entry describes one stored graph.
type Entry struct {
	Graph          rdf.Term // zero: the default graph
	Source, SHA256 string
	Quads          int
}

// Stats are the store's totals, excluding its ledger.
type Stats struct {
	Quads  int64 // distinct quads, default graph included
	Graphs int64 // named graphs
}

type entryRef struct {
	iri string
	ref cgraph.Ref
}

// listEntries returns every ledger entry, sorted: the default graph first,
// then named graphs by IRI. Memory grows with the number of graphs (one IRI
// each), not with the number of quads.
func (s *Store) listEntries() ([]entryRef, cgraph.Ref, error) {
	r, err := s.refsOf(qLedger, quad.IRI(classGraph), quad.IRI(predIsGraph))
	if err != nil || r[0] == nil || r[1] == nil || r[2] == nil {
		return nil, nil, err
	}
	var subs []cgraph.Ref
	err = s.scan(quad.Object, r[1], quad.Predicate, r[2], r[0], func(q cgraph.Ref) error {
		sub, err := s.qs.QuadDirection(q, quad.Subject)
		subs = append(subs, sub)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("graph: list graphs: %w", err)
	}
	vals, err := cgraph.ValuesOf(ctxBG, s.qs, subs)
	if err != nil {
		return nil, nil, fmt.Errorf("graph: list graphs: %w", err)
	}
	out := make([]entryRef, 0, len(vals))
	for i, v := range vals {
		iri, ok := v.(quad.IRI)
		if !ok {
			return nil, nil, fmt.Errorf("graph: ledger lists a graph named %v", v)
		}
		out = append(out, entryRef{iri: string(iri), ref: subs[i]})
	}
	slices.SortFunc(out, func(a, b entryRef) int {
		if (a.iri == defaultEntry) != (b.iri == defaultEntry) {
			if a.iri == defaultEntry {
				return -1
			}
			return 1
		}
		return strings.Compare(a.iri, b.iri)
	})
	return out, r[0], nil
}

// Entries lists every stored graph, the default graph first, then by IRI.
func (s *Store) Entries() ([]Entry, error) {
	if s.pg != nil {
		return s.pgEntryRows(nil)
	}
	ents, ledger, err := s.listEntries()
	if err != nil || len(ents) == 0 {
		return nil, err
	}
	preds, err := s.refsOf(quad.IRI(predSource), quad.IRI(predMeta))
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(ents))
	for _, e := range ents {
		src, _, err := s.ledgerObject(e.ref, preds[0], ledger)
		if err != nil {
			return nil, err
		}
		ms, _, err := s.ledgerObject(e.ref, preds[1], ledger)
		if err != nil {
			return nil, err
		}
		m, err := decodeMeta(ms)
		if err != nil {
			return nil, fmt.Errorf("graph: ledger of %s: %w", e.iri, err)
		}
		out = append(out, Entry{Graph: entryTerm(e.iri), Source: src, SHA256: m.SHA256, Quads: m.Quads})
	}
	return out, nil
}

// SourceGraphs returns what the store holds for one source key: the hash
// recorded for it ("" when the graphs of that source disagree, which
// forces a rebuild) and its graphs, sorted.
func (s *Store) SourceGraphs(source string) (string, []rdf.Term, error) {
	if s.pg != nil {
		return s.pgSourceGraphs(source)
	}
	r, err := s.refsOf(qLedger, quad.String(source), quad.IRI(predSource), quad.IRI(predMeta))
	if err != nil || r[0] == nil || r[1] == nil || r[2] == nil {
		return "", nil, err
	}
	var subs []cgraph.Ref
	err = s.scan(quad.Object, r[1], quad.Predicate, r[2], r[0], func(q cgraph.Ref) error {
		sub, err := s.qs.QuadDirection(q, quad.Subject)
		subs = append(subs, sub)
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("graph: graphs of %s: %w", source, err)
	}
	vals, err := cgraph.ValuesOf(ctxBG, s.qs, subs)
	if err != nil {
		return "", nil, err
	}
	type gs struct {
		g   rdf.Term
		sha string
	}
	var list []gs
	for i, v := range vals {
		ms, _, err := s.ledgerObject(subs[i], r[3], r[0])
		if err != nil {
			return "", nil, err
		}
		m, err := decodeMeta(ms)
		if err != nil {
			return "", nil, fmt.Errorf("graph: ledger of %v: %w", v, err)
		}
		iri, _ := v.(quad.IRI)
		list = append(list, gs{g: entryTerm(string(iri)), sha: m.SHA256})
	}
	slices.SortFunc(list, func(a, b gs) int { return rdf.Compare(a.g, b.g) })
	var graphs []rdf.Term
	sha := ""
	for i, e := range list {
		graphs = append(graphs, e.g)
		if i == 0 {
			sha = e.sha
		} else if e.sha != sha {
			sha = ""
		}
	}
	return sha, graphs, nil
}

// blobChunk is how many entries' blobs are fetched per value look-up: one
// read transaction for many values instead of one each.
const blobChunk = 256

// eachBlob calls fn with the blob in slot pred of every entry (in the order
// of ents; entries without that slot are skipped).
func (s *Store) eachBlob(ents []entryRef, pred, ledger cgraph.Ref, fn func(e entryRef, blob string) error) error {
	if pred == nil || ledger == nil {
		return nil
	}
	for len(ents) > 0 {
		chunk := ents
		if len(chunk) > blobChunk {
			chunk = chunk[:blobChunk]
		}
		ents = ents[len(chunk):]
		var objs []cgraph.Ref
		var owners []int
		for i, e := range chunk {
			err := s.scan(quad.Subject, e.ref, quad.Predicate, pred, ledger, func(q cgraph.Ref) error {
				o, err := s.qs.QuadDirection(q, quad.Object)
				objs = append(objs, o)
				owners = append(owners, i)
				return err
			})
			if err != nil {
				return fmt.Errorf("graph: ledger of %s: %w", e.iri, err)
			}
		}
		if len(objs) == 0 {
			continue
		}
		vals, err := cgraph.ValuesOf(ctxBG, s.qs, objs)
		if err != nil {
			return fmt.Errorf("graph: read ledger: %w", err)
		}
		for k, v := range vals {
			if k > 0 && owners[k] == owners[k-1] {
				return fmt.Errorf("graph: ledger of %s holds two values for one slot", chunk[owners[k]].iri)
			}
			if err := fn(chunk[owners[k]], literalText(v)); err != nil {
				return err
			}
		}
	}
	return nil
}

// SharedUnion returns the union of every graph's Shared triples, sorted and
// without duplicates.
func (s *Store) SharedUnion() ([]rdf.Quad, error) {
	if s.pg != nil {
		return s.pgDefaultGraph(s.pg, false)
	}
	ents, ledger, err := s.listEntries()
	if err != nil {
		return nil, err
	}
	return s.defaultGraph(ents, ledger, false)
}

// defaultGraph gathers the shared triples of every entry, and with own the
// default graph entry's own quads: together, the default graph's content.
func (s *Store) defaultGraph(ents []entryRef, ledger cgraph.Ref, own bool) ([]rdf.Quad, error) {
	if len(ents) == 0 {
		return nil, nil
	}
	preds, err := s.refsOf(quad.IRI(predShared), quad.IRI(predQuads))
	if err != nil {
		return nil, err
	}
	set := make(map[rdf.Quad]struct{})
	add := func(q rdf.Quad) error { set[q] = struct{}{}; return nil }
	err = s.eachBlob(ents, preds[0], ledger, func(e entryRef, blob string) error {
		if err := decodeTriples(blob, rdf.Term{}, add); err != nil {
			return fmt.Errorf("graph: ledger of %s: %w", e.iri, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if own && ents[0].iri == defaultEntry {
		err = s.eachBlob(ents[:1], preds[1], ledger, func(e entryRef, blob string) error {
			if err := decodeTriples(blob, rdf.Term{}, add); err != nil {
				return fmt.Errorf("graph: ledger of the default graph: %w", err)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]rdf.Quad, 0, len(set))
	for q := range set {
		out = append(out, q)
	}
	slices.SortFunc(out, rdf.CompareQuads)
	return out, nil
}

// Each calls fn for every quad of the store (the ledger excluded) in an
// order that depends only on the content: the default graph first, then the
// named graphs by IRI, each sorted by rdf.CompareQuads. It reads the ledger,
// not Cayley's quad log. Memory holds the list of graph names, the default
// graph (the union of every graph's shared triples, gathered first) and a
// few hundred graphs' ledgers at a time, never the whole store. An error
// from fn stops the walk and is returned.
func (s *Store) Each(fn func(rdf.Quad) error) error {
	if s.pg != nil {
		return s.pgEach(fn)
	}
	ents, ledger, err := s.listEntries()
	if err != nil || len(ents) == 0 {
		return err
	}
	def, err := s.defaultGraph(ents, ledger, true)
	if err != nil {
		return err
	}
	for _, q := range def {
		if err := fn(q); err != nil {
			return err
		}
	}
	if ents[0].iri == defaultEntry {
		ents = ents[1:]
	}
	pq, err := s.refOf(quad.IRI(predQuads))
	if err != nil {
		return err
	}
	return s.eachBlob(ents, pq, ledger, func(e entryRef, blob string) error {
		return decodeTriples(blob, rdf.NewIRI(e.iri), fn)
	})
}

// Stats returns the totals kept with the ledger: reading them costs a few
// index look-ups, whatever the size of the store.
func (s *Store) Stats() (Stats, error) {
	if s.pg != nil {
		return s.pgStats()
	}
	var st Stats
	for k := 0; k < statsShards; k++ {
		v, had, err := s.readShard(statsSubject(k))
		if err != nil {
			return st, err
		}
		if !had {
			continue
		}
		var q, g int64
		if _, err := fmt.Sscanf(v, "%d %d", &q, &g); err != nil {
			return st, fmt.Errorf("graph: corrupt ledger counter %q", v)
		}
		st.Quads += q
		st.Graphs += g
	}
	return st, nil
}
