package eval

import (
	"strings"

	a "notegraph/query/algebra"
	"notegraph/rdf"
)

type group struct {
	key  row // values of the grouping keys (zero: error or unbound)
	rows []row
}

func (e *evaluator) runGroup(o *pGroup, in row, gs graphSel, emit emitFn) bool {
	var groups []*group
	index := map[string]*group{}
	if len(o.keys) == 0 {
		// Without GROUP BY there is exactly one group, even when empty.
		g := &group{}
		groups = append(groups, g)
		index[""] = g
	}
	ok := e.run(o.p, in, gs, func(r row) bool {
		k := make(row, len(o.keys))
		for i, key := range o.keys {
			if v, ok := e.eval(key.Expr, r, gs); ok {
				k[i] = v
			}
		}
		ks := rowKey(k)
		g := index[ks]
		if g == nil {
			g = &group{key: k}
			index[ks] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, r)
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
			if v, ok := e.aggregate(&ag.Agg, g.rows, gs); ok {
				out[o.aslot[i]] = v
			}
		}
		if !emit(out) {
			return false
		}
	}
	return true
}

func (e *evaluator) aggregate(ag *a.Aggregate, rows []row, gs graphSel) (rdf.Term, bool) {
	if ag.Star {
		if !ag.Distinct {
			return intT(int64(len(rows))), true
		}
		seen := map[string]bool{}
		for _, r := range rows {
			seen[rowKey(r)] = true
		}
		return intT(int64(len(seen))), true
	}
	var vals []rdf.Term
	errs := 0
	seen := map[rdf.Term]bool{}
	for _, r := range rows {
		v, ok := e.eval(ag.Expr, r, gs)
		if !ok {
			errs++
			continue
		}
		if ag.Distinct {
			if seen[v] {
				continue
			}
			seen[v] = true
		}
		vals = append(vals, v)
	}
	switch ag.Func {
	case "COUNT":
		return intT(int64(len(vals))), true
	case "SUM", "AVG":
		if errs > 0 {
			return rdf.Term{}, false
		}
		sum := num{kind: kInt}
		for _, v := range vals {
			n, ok := parseNum(v)
			if !ok {
				return rdf.Term{}, false
			}
			if sum, ok = arith("+", sum, n); !ok {
				return rdf.Term{}, false
			}
		}
		if ag.Func == "SUM" {
			return sum.term(), true
		}
		if len(vals) == 0 {
			return intT(0), true
		}
		avg, ok := arith("/", sum, num{kind: kInt, i: int64(len(vals))})
		if !ok {
			return rdf.Term{}, false
		}
		return avg.term(), true
	case "MIN", "MAX":
		if len(vals) == 0 {
			return rdf.Term{}, false
		}
		best := vals[0]
		for _, v := range vals[1:] {
			c := orderCompare(v, best)
			if ag.Func == "MIN" && c < 0 || ag.Func == "MAX" && c > 0 {
				best = v
			}
		}
		return best, true
	case "SAMPLE":
		if len(vals) == 0 {
			return rdf.Term{}, false
		}
		return vals[0], true
	case "GROUP_CONCAT":
		// The result is a simple literal whatever the inputs' tags.
		parts := make([]string, 0, len(vals))
		for _, v := range vals {
			if v.Kind != rdf.Literal {
				return rdf.Term{}, false
			}
			parts = append(parts, v.Value)
		}
		if errs > 0 {
			return rdf.Term{}, false
		}
		return rdf.NewLiteral(strings.Join(parts, ag.Separator)), true
	}
	return rdf.Term{}, false
}
