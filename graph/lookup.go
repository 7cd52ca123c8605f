package graph

import (
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// Index look-ups on the underlying store. Cayley's public QuadIterator takes
// one bound direction; on the key-value backends the [subject, predicate]
// and [object, predicate, subject] indexes also answer two bound directions
// directly, which is what every ledger read needs.

var (
	indexSP  = ckv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}
	indexOPS = ckv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}
)

// refOf returns the store's reference to v, or nil when no quad uses v.
func (s *Store) refOf(v quad.Value) (cgraph.Ref, error) {
	r, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("graph: look up %v: %w", v, err)
	}
	if r == nil {
		return nil, nil
	}
	if iv, ok := r.(ckv.Int64Value); ok && iv == 0 {
		return nil, nil
	}
	return r, nil
}

func sameRef(a, b cgraph.Ref) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Key() == b.Key()
}

// scan iterates the quads with the bound direction d1=v1 (and d2=v2 when v2
// is not nil), calling fn with each quad reference. Only ledger-labelled
// quads are passed when ledger is not nil.
func (s *Store) scan(d1 quad.Direction, v1 cgraph.Ref, d2 quad.Direction, v2 cgraph.Ref, label cgraph.Ref, fn func(q cgraph.Ref) error) error {
	if v1 == nil {
		return nil
	}
	var it iterator.Shape
	if k1, ok := v1.(ckv.Int64Value); ok && v2 != nil {
		k2, _ := v2.(ckv.Int64Value)
		switch {
		case d1 == quad.Subject && d2 == quad.Predicate:
			it = ckv.IndexScan{Index: indexSP, Values: []uint64{uint64(k1), uint64(k2)}}.BuildIterator(s.qs)
		case d1 == quad.Object && d2 == quad.Predicate:
			it = ckv.IndexScan{Index: indexOPS, Values: []uint64{uint64(k1), uint64(k2)}}.BuildIterator(s.qs)
		}
	}
	exact := it != nil
	if it == nil {
		it = s.qs.QuadIterator(d1, v1)
	}
	sc := it.Iterate()
	defer sc.Close()
	for sc.Next(ctxBG) {
		q := sc.Result()
		if !exact && v2 != nil {
			r, err := s.qs.QuadDirection(q, d2)
			if err != nil {
				return err
			}
			if !sameRef(r, v2) {
				continue
			}
		}
		if label != nil {
			r, err := s.qs.QuadDirection(q, quad.Label)
			if err != nil {
				return err
			}
			if !sameRef(r, label) {
				continue
			}
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return sc.Err()
}

// ledgerObjects returns the object values of the ledger quads <subj> <pred> ?o.
func (s *Store) ledgerObjects(subj, pred, ledger cgraph.Ref) ([]quad.Value, error) {
	if subj == nil || pred == nil || ledger == nil {
		return nil, nil
	}
	var objs []cgraph.Ref
	err := s.scan(quad.Subject, subj, quad.Predicate, pred, ledger, func(q cgraph.Ref) error {
		o, err := s.qs.QuadDirection(q, quad.Object)
		if err != nil {
			return err
		}
		objs = append(objs, o)
		return nil
	})
	if err != nil || len(objs) == 0 {
		return nil, err
	}
	return cgraph.ValuesOf(ctxBG, s.qs, objs)
}

// ledgerObject returns the single object of <subj> <pred> ?o in the ledger as
// a string, or "" when there is none.
func (s *Store) ledgerObject(subj, pred, ledger cgraph.Ref) (string, bool, error) {
	vals, err := s.ledgerObjects(subj, pred, ledger)
	if err != nil {
		return "", false, err
	}
	switch len(vals) {
	case 0:
		return "", false, nil
	case 1:
		return literalText(vals[0]), true, nil
	}
	return "", false, fmt.Errorf("graph: ledger holds %d values for one slot", len(vals))
}

func literalText(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	}
	return ""
}

// refs resolves a list of values at once (nil where absent).
func (s *Store) refsOf(vals ...quad.Value) ([]cgraph.Ref, error) {
	out := make([]cgraph.Ref, len(vals))
	for i, v := range vals {
		r, err := s.refOf(v)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}
