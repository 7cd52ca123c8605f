package eval

import (
	"strings"

	a "notegraph/query/algebra"
	"notegraph/rdf"
)

// group accumulates one group's aggregates as solutions stream by, so
// that grouping a million solutions keeps only the groups in memory.
type group struct {
	key  row // values of the grouping keys (zero: error or unbound)
	aggs []aggState
}

type aggState struct {
	n        int64
	sum      num
	bad      bool // an error that makes the aggregate unbound
	best     rdf.Term
	parts    []string
	seen     map[rdf.Term]bool
	seenRows map[string]bool
}

func (e *evaluator) runGroup(o *pGroup, in row, gs graphSel, emit emitFn) bool {
	var groups []*group
	index := map[string]*group{}
	newGroup := func(k row) *group {
		g := &group{key: k, aggs: make([]aggState, len(o.aggs))}
		for i := range g.aggs {
			g.aggs[i].sum = num{kind: kInt}
		}
		groups = append(groups, g)
		return g
	}
	if len(o.keys) == 0 {
		// Without GROUP BY there is exactly one group, even when empty.
		index[""] = newGroup(nil)
	}
	k := make(row, len(o.keys))
	ok := e.run(o.p, in, gs, func(r row) bool {
		for i, key := range o.keys {
			k[i] = rdf.Term{}
			if v, ok := e.eval(key.Expr, r, gs); ok {
				k[i] = v
			}
		}
		ks := ""
		if len(o.keys) > 0 {
			ks = rowKey(k)
		}
		g := index[ks]
		if g == nil {
			g = newGroup(clone(k))
			index[ks] = g
		}
		for i := range o.aggs {
			e.accumulate(&o.aggs[i].Agg, &g.aggs[i], r, gs)
		}
		return true
	})
	if !ok && e.err != nil {
		return false
	}
	for _, g := range groups {
		out := clone(in)
		for i, s := range o.kslot {
			if !g.key[i].IsZero() {
				out[s] = g.key[i]
			}
		}
		for i, ag := range o.aggs {
			if v, ok := finish(&ag.Agg, &g.aggs[i]); ok {
				out[o.aslot[i]] = v
			}
		}
		if !emit(out) {
			return false
		}
	}
	return true
}

func (e *evaluator) accumulate(ag *a.Aggregate, st *aggState, r row, gs graphSel) {
	if ag.Star {
		if ag.Distinct {
			if st.seenRows == nil {
				st.seenRows = map[string]bool{}
			}
			k := rowKey(r)
			if st.seenRows[k] {
				return
			}
			st.seenRows[k] = true
		}
		st.n++
		return
	}
	v, ok := e.eval(ag.Expr, r, gs)
	if !ok {
		// COUNT, MIN, MAX and SAMPLE skip errors; a sum or a
		// concatenation with an error in it is an error.
		switch ag.Func {
		case "SUM", "AVG", "GROUP_CONCAT":
			st.bad = true
		}
		return
	}
	if ag.Distinct {
		if st.seen == nil {
			st.seen = map[rdf.Term]bool{}
		}
		if st.seen[v] {
			return
		}
		st.seen[v] = true
	}
	switch ag.Func {
	case "COUNT":
		st.n++
	case "SUM", "AVG":
		if st.bad {
			return
		}
		x, ok := parseNum(v)
		if ok {
			st.sum, ok = arith("+", st.sum, x)
		}
		if !ok {
			st.bad = true
		}
		st.n++
	case "MIN", "MAX":
		if st.n == 0 {
			st.best = v
		} else if c := orderCompare(v, st.best); ag.Func == "MIN" && c < 0 || ag.Func == "MAX" && c > 0 {
			st.best = v
		}
		st.n++
	case "SAMPLE":
		if st.n == 0 {
			st.best = v
		}
		st.n++
	case "GROUP_CONCAT":
		if v.Kind != rdf.Literal {
			st.bad = true
			return
		}
		st.parts = append(st.parts, v.Value)
	}
}

func finish(ag *a.Aggregate, st *aggState) (rdf.Term, bool) {
	switch ag.Func {
	case "COUNT":
		return intT(st.n), true
	case "SUM":
		if st.bad {
			return rdf.Term{}, false
		}
		return st.sum.term(), true
	case "AVG":
		if st.bad {
			return rdf.Term{}, false
		}
		if st.n == 0 {
			return intT(0), true
		}
		avg, ok := arith("/", st.sum, num{kind: kInt, i: st.n})
		if !ok {
			return rdf.Term{}, false
		}
		return avg.term(), true
	case "MIN", "MAX", "SAMPLE":
		return st.best, st.n > 0
	case "GROUP_CONCAT":
		// The result is a simple literal whatever the inputs' tags.
		if st.bad {
			return rdf.Term{}, false
		}
		return rdf.NewLiteral(strings.Join(st.parts, ag.Separator)), true
	}
	return rdf.Term{}, false
}
