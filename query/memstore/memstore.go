// Package memstore is an in-memory quad store with the indexes a SPARQL
// evaluator wants: by subject, predicate, object and graph. A look-up
// walks the shortest list among the bound positions and filters it; in
// notegraph's graph model subjects and objects have short lists, so pair
// indexes would cost more (memory, and garbage-collector scans of a
// million small slices) than they save. It backs the query tests and
// holds a whole store for `notegraph query`.
package memstore

import (
	"io"
	"sort"

	"notegraph/rdf"
)

type id = uint32

type pair [2]id

// Store holds quads; the zero value is not ready, use New.
type Store struct {
	terms              []rdf.Term
	ids                map[rdf.Term]id
	quads              [][4]id
	set                map[[4]id]struct{}
	byS, byP, byO, byG map[id][]int32
	sp, po             map[pair]struct{} // pairs seen, for the statistics
	all                []int32
	subjects, objects  map[id]int      // per predicate: distinct subjects, objects
	first              map[[3]id]int32 // each triple's first quad, whatever its graph
}

// New returns an empty store.
func New() *Store {
	return &Store{
		terms: []rdf.Term{{}}, // id 0: no term, the default graph
		ids:   map[rdf.Term]id{{}: 0},
		set:   map[[4]id]struct{}{},
		byS:   map[id][]int32{}, byP: map[id][]int32{}, byO: map[id][]int32{}, byG: map[id][]int32{},
		sp: map[pair]struct{}{}, po: map[pair]struct{}{},
		subjects: map[id]int{}, objects: map[id]int{},
		first: map[[3]id]int32{},
	}
}

func (s *Store) intern(t rdf.Term) id {
	if x, ok := s.ids[t]; ok {
		return x
	}
	x := id(len(s.terms))
	s.terms = append(s.terms, t)
	s.ids[t] = x
	return x
}

// Add inserts a quad; duplicates are ignored.
func (s *Store) Add(q rdf.Quad) {
	k := [4]id{s.intern(q.S), s.intern(q.P), s.intern(q.O), s.intern(q.G)}
	if _, dup := s.set[k]; dup {
		return
	}
	s.set[k] = struct{}{}
	n := int32(len(s.quads))
	s.quads = append(s.quads, k)
	if _, ok := s.first[[3]id{k[0], k[1], k[2]}]; !ok {
		s.first[[3]id{k[0], k[1], k[2]}] = n
	}
	s.all = append(s.all, n)
	s.byS[k[0]] = append(s.byS[k[0]], n)
	s.byP[k[1]] = append(s.byP[k[1]], n)
	s.byO[k[2]] = append(s.byO[k[2]], n)
	s.byG[k[3]] = append(s.byG[k[3]], n)
	if _, ok := s.sp[pair{k[0], k[1]}]; !ok {
		s.sp[pair{k[0], k[1]}] = struct{}{}
		s.subjects[k[1]]++
	}
	if _, ok := s.po[pair{k[1], k[2]}]; !ok {
		s.po[pair{k[1], k[2]}] = struct{}{}
		s.objects[k[1]]++
	}
}

// Decoder is what Load reads from: the rdf/turtle and rdf/ntriples
// decoders fit.
type Decoder interface {
	Decode() (rdf.Quad, error)
}

// Load adds every quad from d until io.EOF.
func (s *Store) Load(d Decoder) error {
	for {
		q, err := d.Decode()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		s.Add(q)
	}
}

// Len is the number of quads.
func (s *Store) Len() int { return len(s.quads) }

// candidates returns the smallest index list for the bound positions, or
// ok false when a bound term is not in the store at all.
func (s *Store) candidates(sb, pb, ob, gb rdf.Term) (list []int32, k [4]id, bound [4]bool, ok bool) {
	for i, t := range []rdf.Term{sb, pb, ob, gb} {
		if t.IsZero() {
			continue
		}
		x, found := s.ids[t]
		if !found {
			return nil, k, bound, false
		}
		k[i], bound[i] = x, true
	}
	list = s.all
	for i, idx := range []map[id][]int32{s.byS, s.byP, s.byO, s.byG} {
		if bound[i] {
			if l := idx[k[i]]; len(l) < len(list) {
				list = l
			}
		}
	}
	return list, k, bound, true
}

// Match calls fn for each quad matching the non-zero positions; a zero g
// matches every graph.
func (s *Store) Match(sb, pb, ob, gb rdf.Term, fn func(rdf.Quad) bool) error {
	list, k, bound, ok := s.candidates(sb, pb, ob, gb)
	if !ok {
		return nil
	}
	for _, n := range list {
		q := s.quads[n]
		if bound[0] && q[0] != k[0] || bound[1] && q[1] != k[1] || bound[2] && q[2] != k[2] || bound[3] && q[3] != k[3] {
			continue
		}
		if !fn(rdf.Quad{S: s.terms[q[0]], P: s.terms[q[1]], O: s.terms[q[2]], G: s.terms[q[3]]}) {
			return nil
		}
	}
	return nil
}

// MatchUnion calls fn once for each triple matching the non-zero
// positions in any graph: the default graph as the union of all graphs
// (the quads passed have no graph name).
func (s *Store) MatchUnion(sb, pb, ob rdf.Term, fn func(rdf.Quad) bool) error {
	list, k, bound, ok := s.candidates(sb, pb, ob, rdf.Term{})
	if !ok {
		return nil
	}
	for _, n := range list {
		q := s.quads[n]
		if bound[0] && q[0] != k[0] || bound[1] && q[1] != k[1] || bound[2] && q[2] != k[2] {
			continue
		}
		if s.first[[3]id{q[0], q[1], q[2]}] != n {
			continue // the same triple in another graph, already given
		}
		if !fn(rdf.Quad{S: s.terms[q[0]], P: s.terms[q[1]], O: s.terms[q[2]]}) {
			return nil
		}
	}
	return nil
}

// Count returns an upper bound of the quads Match would return, from the
// index it would use.
func (s *Store) Count(sb, pb, ob, gb rdf.Term) int {
	list, _, _, ok := s.candidates(sb, pb, ob, gb)
	if !ok {
		return 0
	}
	return len(list)
}

// PredicateStats returns how many quads use predicate p and how many
// distinct subjects and objects they have, for join planning.
func (s *Store) PredicateStats(p rdf.Term) (quads, subjects, objects int) {
	x, ok := s.ids[p]
	if !ok {
		return 0, 0, 0
	}
	return len(s.byP[x]), s.subjects[x], s.objects[x]
}

// NamedGraphs lists the graph names in use.
func (s *Store) NamedGraphs() ([]rdf.Term, error) {
	var out []rdf.Term
	for g, l := range s.byG {
		if g != 0 && len(l) > 0 {
			out = append(out, s.terms[g])
		}
	}
	sortTerms(out)
	return out, nil
}

func sortTerms(ts []rdf.Term) {
	sort.Slice(ts, func(i, j int) bool { return rdf.Compare(ts[i], ts[j]) < 0 })
}
