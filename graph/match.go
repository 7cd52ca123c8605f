package graph

import (
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"notegraph/rdf"
)

// DefaultGraph, given as the graph of a Match pattern, matches only quads of
// the default graph (the zero Term matches every graph).
var DefaultGraph = rdf.NewIRI(defaultEntry)

// Match calls fn for every stored quad that matches the pattern; a zero term
// is a wildcard. It goes through Cayley's indexes: a bound subject (with or
// without the predicate) or a bound object is an index look-up. On bolt and
// leveldb a pattern that binds only the predicate and/or the graph scans
// every quad of the store, since Cayley's key-value backends have no
// predicate-leading or label index (PostgreSQL has a predicate index, but
// none on labels either). Results come in index order, not sorted. The
// store's internal graphs never match.
func (s *Store) Match(sub, pred, obj, g rdf.Term, fn func(rdf.Quad) error) error {
	vals := [4]quad.Value{toValue(normTerm(sub)), toValue(normTerm(pred)), toValue(normTerm(obj)), nil}
	defaultOnly := g == DefaultGraph
	if !g.IsZero() && !defaultOnly {
		vals[3] = toValue(g)
	}
	var refs [4]cgraph.Ref
	for i, v := range vals {
		if v == nil {
			continue
		}
		r, err := s.refOf(v)
		if err != nil {
			return err
		}
		if r == nil {
			return nil // a term no quad uses: nothing matches
		}
		refs[i] = r
	}
	internal, err := s.refsOf(qLedger, qStats)
	if err != nil {
		return err
	}
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	var it iterator.Shape
	var first int
	switch {
	case refs[0] != nil && refs[1] != nil:
		first = -1
	case refs[2] != nil:
		first = 2
	case refs[0] != nil:
		first = 0
	case refs[1] != nil:
		first = 1
	case refs[3] != nil:
		first = 3
	default:
		first = -2
	}
	check := func(q cgraph.Ref) error {
		for i, d := range dirs {
			r, err := s.qs.QuadDirection(q, d)
			if err != nil {
				return err
			}
			if refs[i] != nil && !sameRef(r, refs[i]) {
				return nil
			}
			if d == quad.Label {
				if defaultOnly && !isNone(r) {
					return nil
				}
				if !isNone(r) && (sameRef(r, internal[0]) || sameRef(r, internal[1])) {
					return nil
				}
			}
		}
		cq, err := s.qs.Quad(q)
		if err != nil {
			return err
		}
		rq, err := fromQuad(cq)
		if err != nil {
			return fmt.Errorf("graph: match: %w", err)
		}
		return fn(rq)
	}
	switch first {
	case -1:
		return s.scan(quad.Subject, refs[0], quad.Predicate, refs[1], nil, check)
	case -2:
		it = s.qs.QuadsAllIterator()
	default:
		it = s.qs.QuadIterator(dirs[first], refs[first])
	}
	sc := it.Iterate()
	defer sc.Close()
	for sc.Next(ctxBG) {
		if err := check(sc.Result()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// Quads returns the matches of a pattern as a slice (see Match).
func (s *Store) Quads(sub, pred, obj, g rdf.Term) ([]rdf.Quad, error) {
	var out []rdf.Quad
	err := s.Match(sub, pred, obj, g, func(q rdf.Quad) error {
		out = append(out, q)
		return nil
	})
	return out, err
}

// isNone tells whether a reference stands for no value (a triple's label).
func isNone(r cgraph.Ref) bool {
	switch r := r.(type) {
	case nil:
		return true
	case csql.NodeHash:
		return !r.Valid()
	}
	return false
}
