package graph

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"notegraph/rdf"
)

// Put is the full new content of one graph.
type Put struct {
	// Graph names the graph (a document IRI); zero is the default graph.
	Graph rdf.Term
	// Source and SHA256 identify the input the graph was built from
	// (SourceGraphs answers by Source).
	Source, SHA256 string
	// Quads all carry G == Graph.
	Quads []rdf.Quad
	// Shared are default-graph triples (G zero) this graph contributes, such
	// as the actors it mentions. A shared triple stays in the default graph
	// as long as at least one graph contributes it.
	Shared []rdf.Quad
}

// ErrReadOnly is returned by Apply on a store opened read-only.
var ErrReadOnly = errors.New("graph: store opened read-only")

// statsShards spreads the running totals over several ledger quads: Cayley's
// key-value indexes keep the ids of deleted quads in the index entry of their
// subject, so a single counter rewritten at every Apply would make its entry
// grow without bound.
const statsShards = 16

type entryState struct {
	iri      string
	exists   bool
	source   string
	meta     string
	quads    string // encoded blob
	shared   string
	qs, sh   []rdf.Quad
	hasMeta  bool
	hasQuads bool
	hasShare bool
	hasSrc   bool
}

type newEntry struct {
	put    Put
	quads  string
	shared string
	meta   string
	qs, sh []rdf.Quad
}

// normTerm puts a term in the one form the store compares: xsd:string
// literals as simple literals, no datatype beside a language tag.
func normTerm(t rdf.Term) rdf.Term {
	if t.Kind == rdf.Literal {
		if t.Lang != "" {
			t.Datatype = ""
		} else if t.Datatype == rdf.XSDString {
			t.Datatype = ""
		}
	} else {
		t.Lang, t.Datatype = "", ""
	}
	return t
}

func normQuads(in []rdf.Quad, g rdf.Term, what string) ([]rdf.Quad, error) {
	out := make([]rdf.Quad, len(in))
	for i, q := range in {
		q = rdf.Quad{S: normTerm(q.S), P: normTerm(q.P), O: normTerm(q.O), G: normTerm(q.G)}
		if err := checkQuad(q, g); err != nil {
			return nil, fmt.Errorf("%s %d: %w", what, i+1, err)
		}
		out[i] = q
	}
	slices.SortFunc(out, rdf.CompareQuads)
	return slices.Compact(out), nil
}

func checkGraphName(g rdf.Term) error {
	if g.IsZero() {
		return nil
	}
	if g.Kind != rdf.IRI || g.Value == "" {
		return fmt.Errorf("graph name %s is not an IRI", g)
	}
	if strings.HasPrefix(g.Value, internalNS) {
		return fmt.Errorf("graph name %s is in the reserved namespace %s", g, internalNS)
	}
	return checkTerm(g, "graph")
}

// contributions are the default-graph triples an entry stands for: its
// Shared triples, and for the default graph's own entry also its Quads.
func contributions(iri string, qs, sh []rdf.Quad) []rdf.Quad {
	if iri != defaultEntry {
		return sh
	}
	out := slices.Concat(qs, sh)
	slices.SortFunc(out, rdf.CompareQuads)
	return slices.Compact(out)
}

// tripleHash identifies a default-graph triple in the PostgreSQL
// contribution counts: SHA-256 of its N-Triples form, first 16 bytes.
func tripleHash(t rdf.Quad) []byte {
	var b strings.Builder
	rdf.AppendNTriples(&b, t.S)
	b.WriteByte(' ')
	rdf.AppendNTriples(&b, t.P)
	b.WriteByte(' ')
	rdf.AppendNTriples(&b, t.O)
	sum := sha256.Sum256([]byte(b.String()))
	return sum[:16]
}

// diffSorted walks two sorted quad lists and reports removed and added ones.
func diffSorted(old, new []rdf.Quad, del, add func(rdf.Quad)) {
	i, j := 0, 0
	for i < len(old) || j < len(new) {
		switch {
		case j == len(new):
			del(old[i])
			i++
		case i == len(old):
			add(new[j])
			j++
		default:
			c := rdf.CompareQuads(old[i], new[j])
			switch {
			case c < 0:
				del(old[i])
				i++
			case c > 0:
				add(new[j])
				j++
			default:
				i++
				j++
			}
		}
	}
}

// Apply writes every put and removes every listed graph in ONE transaction:
// each graph is either fully replaced or untouched. Only the difference with
// the stored version is sent to Cayley. Removing a graph that is not stored
// is not an error.
func (s *Store) Apply(puts []Put, removes []rdf.Term) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if len(puts) == 0 && len(removes) == 0 {
		return nil
	}
	batch := make(map[string]*newEntry, len(puts)+len(removes))
	var order []string
	for i, p := range puts {
		if err := checkGraphName(p.Graph); err != nil {
			return fmt.Errorf("graph: put %d: %w", i+1, err)
		}
		iri := entryIRI(p.Graph)
		if _, dup := batch[iri]; dup {
			return fmt.Errorf("graph: graph %s given twice in one Apply", p.Graph)
		}
		if !utf8Valid(p.Source) || !utf8Valid(p.SHA256) {
			return fmt.Errorf("graph: put %s: source or hash is not valid UTF-8", p.Graph)
		}
		qs, err := normQuads(p.Quads, p.Graph, "quad")
		if err != nil {
			return fmt.Errorf("graph: put %s: %w", p.Graph, err)
		}
		sh, err := normQuads(p.Shared, rdf.Term{}, "shared triple")
		if err != nil {
			return fmt.Errorf("graph: put %s: %w", p.Graph, err)
		}
		ne := &newEntry{put: p, qs: qs, sh: sh}
		if len(qs) > 0 {
			ne.quads = encodeTriples(qs)
		}
		if len(sh) > 0 {
			ne.shared = encodeTriples(sh)
		}
		ne.meta = encodeMeta(meta{SHA256: p.SHA256, Quads: len(qs), Shared: len(sh)})
		batch[iri] = ne
		order = append(order, iri)
	}
	for _, g := range removes {
		if err := checkGraphName(g); err != nil {
			return fmt.Errorf("graph: remove: %w", err)
		}
		iri := entryIRI(g)
		if _, dup := batch[iri]; dup {
			return fmt.Errorf("graph: graph %s both put and removed in one Apply", g)
		}
		batch[iri] = nil
		order = append(order, iri)
	}

	if s.pg != nil {
		// PostgreSQL text cannot hold U+0000 (Cayley's escape for it is
		// ambiguous), so such a literal is refused up front.
		for _, iri := range order {
			if ne := batch[iri]; ne != nil && (strings.ContainsRune(ne.quads, 0) || strings.ContainsRune(ne.shared, 0) || strings.ContainsRune(ne.put.Source, 0)) {
				return fmt.Errorf("graph: put %s: PostgreSQL cannot store the character U+0000", entryTerm(iri))
			}
		}
		return s.pgApply(batch, order)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.kvReader()
	if err != nil {
		return err
	}
	w, err := plan(r, batch, order)
	if err != nil || len(w.deltas) == 0 {
		return err
	}
	if safeDeltas(w.deltas) {
		return s.writeNoting(w)
	}
	// Cayley's ApplyDeltas loses track of a node that the batch both adds
	// to and, on balance, removes from (graph/kv applyAddDeltas looks up
	// added quads' nodes among the net increments only, and writes id 0
	// for the others). Such a diff is applied in two transactions instead:
	// first every graph of the batch is removed, then the new versions are
	// added whole. Each step alone is consistent: a crash in between leaves
	// the batch's graphs fully out, and rebuilding puts them back.
	twoStep.Add(1)
	out := make(map[string]*newEntry, len(batch))
	for _, iri := range order {
		out[iri] = nil
	}
	w1, err := plan(r, out, order)
	if err != nil {
		return err
	}
	if !safeDeltas(w1.deltas) {
		return errors.New("graph: internal error: removal plan is not a safe Cayley transaction")
	}
	if err := s.writeNoting(w1); err != nil {
		return err
	}
	if betweenSteps != nil {
		if err := betweenSteps(); err != nil {
			return err
		}
	}
	var puts2 []string
	for _, iri := range order {
		if batch[iri] != nil {
			puts2 = append(puts2, iri)
		}
	}
	if r, err = s.kvReader(); err != nil {
		return err
	}
	w2, err := plan(r, batch, puts2)
	if err != nil {
		return err
	}
	if !safeDeltas(w2.deltas) {
		return errors.New("graph: internal error: insertion plan is not a safe Cayley transaction")
	}
	return s.writeNoting(w2)
}

// writeNoting writes a plan and keeps the contribution counts in step; a
// failed write drops them (they are gathered again when next needed).
func (s *Store) writeNoting(w *writer) error {
	if err := s.write(w.deltas); err != nil {
		s.contrib = nil
		return err
	}
	s.noteContributions(w)
	return nil
}

// betweenSteps, when set by a test, runs between the two transactions of a
// two-step Apply; an error stops the Apply there, as a crash would.
var betweenSteps func() error

// twoStep counts Applies that took the two-transaction path (for tests).
var twoStep atomic.Int64

func (s *Store) write(deltas []cgraph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
		return fmt.Errorf("graph: write %d changes: %w", len(deltas), err)
	}
	return nil
}

// safeDeltas tells whether Cayley applies deltas correctly in one
// transaction: no node referenced by an added quad may lose more references
// than it gains.
func safeDeltas(deltas []cgraph.Delta) bool {
	// Only nodes of deleted quads can lose references. The values
	// themselves are the map keys (Cayley hashes them with SHA-1, which
	// costs more than the whole check for the large ledger literals).
	net := make(map[quad.Value]int)
	for _, d := range deltas {
		if d.Action != cgraph.Delete {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[v]--
			}
		}
	}
	if len(net) == 0 {
		return true
	}
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				if _, ok := net[v]; ok {
					net[v]++
				}
			}
		}
	}
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil && net[v] < 0 {
				return false
			}
		}
	}
	return true
}

// plan computes the deltas that take the graphs listed in order from their
// stored state to batch[iri] (nil: removed).
func plan(r reader, batch map[string]*newEntry, order []string) (*writer, error) {
	w := &writer{contribDelta: make(map[rdf.Quad]int)}
	// Per default-graph triple: bit 1 = some batch entry contributed it
	// before, bit 2 = some batch entry contributes it after.
	contrib := make(map[rdf.Quad]uint8)
	batchOld := make(map[rdf.Quad]int) // how many batch entries contributed it before
	graphsDelta := 0
	states, err := r.entries(order)
	if err != nil {
		return nil, err
	}
	for i, iri := range order {
		old := states[i]
		ne := batch[iri]
		e := quad.IRI(iri)
		g := entryTerm(iri)
		var nq, ns []rdf.Quad
		if ne != nil {
			nq, ns = ne.qs, ne.sh
		}
		if iri != defaultEntry {
			diffSorted(old.qs, nq, w.delUser, w.addUser)
		}
		oc := contributions(iri, old.qs, old.sh)
		nc := contributions(iri, nq, ns)
		for _, t := range oc {
			contrib[t] |= 1
			batchOld[t]++
		}
		for _, t := range nc {
			contrib[t] |= 2
		}
		diffSorted(oc, nc,
			func(t rdf.Quad) { w.contribDelta[t]-- },
			func(t rdf.Quad) { w.contribDelta[t]++ })

		// The ledger's own slots.
		slot := func(pred string, had bool, oldV, newV string, isBlob bool) {
			mk := func(v string) quad.Quad {
				var o quad.Value = quad.String(v)
				if isBlob {
					o = blobValue(v)
				}
				return quad.Quad{Subject: e, Predicate: quad.IRI(pred), Object: o, Label: qLedger}
			}
			if had && (ne == nil || oldV != newV) {
				w.del(mk(oldV))
			}
			if ne != nil && newV != "" && (!had || oldV != newV) {
				w.add(mk(newV))
			}
		}
		isGraph := quad.Quad{Subject: e, Predicate: quad.IRI(predIsGraph), Object: quad.IRI(classGraph), Label: qLedger}
		switch {
		case !old.exists && ne != nil:
			w.add(isGraph)
			if g.Kind == rdf.IRI {
				graphsDelta++
			}
		case old.exists && ne == nil:
			w.del(isGraph)
			if g.Kind == rdf.IRI {
				graphsDelta--
			}
		}
		var src, metaV, quadsV, sharedV string
		if ne != nil {
			src, metaV, quadsV, sharedV = ne.put.Source, ne.meta, ne.quads, ne.shared
		}
		slot(predSource, old.hasSrc, old.source, src, false)
		slot(predMeta, old.hasMeta, old.meta, metaV, true)
		slot(predQuads, old.hasQuads, old.quads, quadsV, true)
		slot(predShared, old.hasShare, old.shared, sharedV, true)
	}

	// The default graph holds a triple while at least one graph contributes
	// it. Only triples whose contribution changed within the batch can
	// appear or disappear, and then only if no graph outside the batch
	// contributes them.
	changed := make([]rdf.Quad, 0, len(contrib))
	for t, bits := range contrib {
		if bits == 1 || bits == 2 {
			changed = append(changed, t)
		}
	}
	slices.SortFunc(changed, rdf.CompareQuads)
	olds := make([]int, len(changed))
	for i, t := range changed {
		olds[i] = batchOld[t]
	}
	outside, err := r.contributedOutside(changed, olds)
	if err != nil {
		return nil, err
	}
	for i, t := range changed {
		if outside[i] {
			continue
		}
		if contrib[t] == 2 {
			w.addUser(t)
		} else {
			w.delUser(t)
		}
	}
	if len(w.deltas) == 0 {
		return w, nil
	}
	if err := updateStats(r, w, order[0], int64(w.userDelta), int64(graphsDelta)); err != nil {
		return nil, err
	}
	return w, nil
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

type writer struct {
	deltas       []cgraph.Delta
	userDelta    int
	contribDelta map[rdf.Quad]int // change of each triple's contributor count
}

func (w *writer) add(q quad.Quad) {
	w.deltas = append(w.deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
}
func (w *writer) del(q quad.Quad) {
	w.deltas = append(w.deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
}
func (w *writer) addUser(q rdf.Quad) { w.add(toQuad(q)); w.userDelta++ }
func (w *writer) delUser(q rdf.Quad) { w.del(toQuad(q)); w.userDelta-- }

// readEntry loads the ledger of one graph (zero state when absent).
func (s *Store) readEntry(iri string, ledgerRef cgraph.Ref, preds []cgraph.Ref) (entryState, error) {
	st := entryState{iri: iri}
	if ledgerRef == nil {
		return st, nil
	}
	ref, err := s.refOf(quad.IRI(iri))
	if err != nil || ref == nil {
		return st, err
	}
	var ok [4]bool
	vals := [4]*string{&st.source, &st.meta, &st.quads, &st.shared}
	for i := range vals {
		*vals[i], ok[i], err = s.ledgerObject(ref, preds[i], ledgerRef)
		if err != nil {
			return st, fmt.Errorf("graph: ledger of %s: %w", iri, err)
		}
	}
	st.hasSrc, st.hasMeta, st.hasQuads, st.hasShare = ok[0], ok[1], ok[2], ok[3]
	st.exists = st.hasMeta
	if !st.exists {
		return st, nil
	}
	g := entryTerm(iri)
	if st.qs, err = decodeAll(st.quads, g); err != nil {
		return st, fmt.Errorf("graph: ledger of %s: %w", iri, err)
	}
	if st.sh, err = decodeAll(st.shared, rdf.Term{}); err != nil {
		return st, fmt.Errorf("graph: ledger of %s: %w", iri, err)
	}
	return st, nil
}

// reader is what planning an Apply needs to read; on PostgreSQL it reads
// inside the write transaction.
type reader interface {
	// entries loads the ledger of each graph (zero state when absent).
	entries(iris []string) ([]entryState, error)
	// contributedOutside tells, for each default-graph triple, whether a
	// graph outside the batch contributes it; batchOld[i] is how many
	// graphs of the batch contributed ts[i] before. The contribution counts
	// it compares with are kept in memory on bolt and leveldb (one process
	// holds the store) and in the table ng_shared on PostgreSQL (several
	// processes write; see pg.go).
	contributedOutside(ts []rdf.Quad, batchOld []int) ([]bool, error)
	// shard reads one statistics counter.
	shard(subj quad.IRI) (string, bool, error)
}

type kvReader struct {
	s      *Store
	ledger cgraph.Ref
	preds  []cgraph.Ref
}

func (s *Store) kvReader() (*kvReader, error) {
	ledgerRef, err := s.refOf(qLedger)
	if err != nil {
		return nil, err
	}
	preds, err := s.refsOf(quad.IRI(predSource), quad.IRI(predMeta), quad.IRI(predQuads), quad.IRI(predShared))
	if err != nil {
		return nil, err
	}
	return &kvReader{s: s, ledger: ledgerRef, preds: preds}, nil
}

func (r *kvReader) entries(iris []string) ([]entryState, error) {
	out := make([]entryState, len(iris))
	for i, iri := range iris {
		st, err := r.s.readEntry(iri, r.ledger, r.preds)
		if err != nil {
			return nil, err
		}
		out[i] = st
	}
	return out, nil
}

func (r *kvReader) contributedOutside(ts []rdf.Quad, batchOld []int) ([]bool, error) {
	counts, err := r.s.contribCounts()
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(ts))
	for i, t := range ts {
		out[i] = counts[t] > batchOld[i]
	}
	return out, nil
}

func (r *kvReader) shard(subj quad.IRI) (string, bool, error) { return r.s.readShard(subj) }

// contribCounts returns, for every default-graph triple, how many graphs
// contribute it. On bolt and leveldb only this process can write while the
// store is open, so the counts are gathered once (one pass over the
// ledger's shared blobs) and then kept up to date by Apply. Keeping them in
// the store instead costs one more quad per contribution.
func (s *Store) contribCounts() (map[rdf.Quad]int, error) {
	if s.contrib != nil {
		return s.contrib, nil
	}
	ents, ledger, err := s.listEntries()
	if err != nil {
		return nil, err
	}
	counts := make(map[rdf.Quad]int)
	if len(ents) > 0 {
		preds, err := s.refsOf(quad.IRI(predShared), quad.IRI(predQuads))
		if err != nil {
			return nil, err
		}
		var def []rdf.Quad
		err = s.eachBlob(ents, preds[0], ledger, func(e entryRef, blob string) error {
			return decodeTriples(blob, rdf.Term{}, func(q rdf.Quad) error {
				if e.iri == defaultEntry {
					def = append(def, q)
				} else {
					counts[q]++
				}
				return nil
			})
		})
		if err != nil {
			return nil, err
		}
		if ents[0].iri == defaultEntry {
			err = s.eachBlob(ents[:1], preds[1], ledger, func(e entryRef, blob string) error {
				return decodeTriples(blob, rdf.Term{}, func(q rdf.Quad) error { def = append(def, q); return nil })
			})
			if err != nil {
				return nil, err
			}
			for _, q := range contributions(defaultEntry, def, nil) {
				counts[q]++
			}
		}
	}
	s.contrib = counts
	return counts, nil
}

// noteContributions updates the in-memory counts after a successful write.
func (s *Store) noteContributions(w *writer) {
	if s.contrib == nil {
		return
	}
	for t, d := range w.contribDelta {
		if n := s.contrib[t] + d; n > 0 {
			s.contrib[t] = n
		} else {
			delete(s.contrib, t)
		}
	}
}

func statsSubject(k int) quad.IRI { return quad.IRI(statsPrefix + strconv.Itoa(k)) }

func updateStats(r reader, w *writer, key string, dq, dg int64) error {
	if dq == 0 && dg == 0 {
		return nil
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	subj := statsSubject(int(h.Sum32() % statsShards))
	var q, g int64
	old, had, err := r.shard(subj)
	if err != nil {
		return err
	}
	if had {
		if _, err := fmt.Sscanf(old, "%d %d", &q, &g); err != nil {
			return fmt.Errorf("graph: corrupt ledger counter %q", old)
		}
		w.del(quad.Quad{Subject: subj, Predicate: quad.IRI(predCount), Object: blobValue(old), Label: qStats})
	}
	q += dq
	g += dg
	w.add(quad.Quad{Subject: subj, Predicate: quad.IRI(predCount), Object: blobValue(fmt.Sprintf("%d %d", q, g)), Label: qStats})
	return nil
}

// readShard reads one counter. The counters live in their own graph so that
// rewriting one (one quad out, one in) never unbalances the reference count
// of the ledger graph's node (see safeDeltas).
func (s *Store) readShard(subj quad.IRI) (string, bool, error) {
	r, err := s.refsOf(subj, quad.IRI(predCount), qStats)
	if err != nil || r[2] == nil {
		return "", false, err
	}
	return s.ledgerObject(r[0], r[1], r[2])
}
