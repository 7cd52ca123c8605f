package eval

import (
	"math"

	a "notegraph/query/algebra"
	"notegraph/rdf"
)

// bgpOrder returns the order in which to evaluate b's patterns when the
// slots bound in in are known: greedily the cheapest pattern next, where
// cost is the estimated number of matches given what is bound by then.
func (e *evaluator) bgpOrder(b *pBGP, in row, gs graphSel) []int {
	key := make([]byte, 0, 16)
	for _, pp := range b.pats {
		for _, t := range []pterm{pp.s, pp.p, pp.o} {
			if t.slot >= 0 && !in[t.slot].IsZero() {
				key = append(key, byte(t.slot), byte(t.slot>>8))
			}
		}
	}
	if o, ok := b.orders[string(key)]; ok {
		return o
	}
	bound := map[int]bool{}
	for s, t := range in {
		if !t.IsZero() {
			bound[s] = true
		}
	}
	used := make([]bool, len(b.pats))
	order := make([]int, 0, len(b.pats))
	for len(order) < len(b.pats) {
		// Prefer patterns that share a bound variable (no cartesian
		// products), and among them the one expected to match least.
		best, bestCost, bestConn := -1, math.Inf(1), false
		for i, pp := range b.pats {
			if used[i] {
				continue
			}
			conn := connected(pp, bound)
			c := e.patCost(pp, bound, gs)
			if best < 0 || conn && !bestConn || conn == bestConn && c < bestCost {
				best, bestCost, bestConn = i, c, conn
			}
		}
		used[best] = true
		order = append(order, best)
		for _, t := range []pterm{b.pats[best].s, b.pats[best].p, b.pats[best].o} {
			if t.slot >= 0 {
				bound[t.slot] = true
			}
		}
	}
	b.orders[string(key)] = order
	return order
}

// connected reports whether a pattern shares a variable already bound.
func connected(pp ppat, bound map[int]bool) bool {
	for _, t := range []pterm{pp.s, pp.p, pp.o} {
		if t.slot >= 0 && bound[t.slot] {
			return true
		}
	}
	return false
}

// PredicateStats is an optional Dataset extension that sharpens join
// planning: quads with predicate p, their distinct subjects and objects.
type PredicateStats interface {
	PredicateStats(p rdf.Term) (quads, subjects, objects int)
}

// patCost estimates how many matches a pattern yields for each solution
// arriving with the variables in bound set.
func (e *evaluator) patCost(pp ppat, bound map[int]bool, gs graphSel) float64 {
	isB := func(t pterm) bool { return t.slot < 0 || bound[t.slot] }
	sB, pB, oB := isB(pp.s), isB(pp.p), isB(pp.o)
	if pp.path != nil {
		switch {
		case sB && oB:
			return 1
		case sB || oB:
			return 20
		}
		return 1e9
	}
	if e.counter != nil {
		var s, p, o, g rdf.Term
		if pp.s.slot < 0 {
			s = pp.s.term
		}
		if pp.p.slot < 0 {
			p = pp.p.term
		}
		if pp.o.slot < 0 {
			o = pp.o.term
		}
		if gs.kind == 1 {
			g = gs.g
		}
		c := float64(e.counter.Count(s, p, o, g))
		sVarB := pp.s.slot >= 0 && sB
		oVarB := pp.o.slot >= 0 && oB
		if ps, ok := e.view.ds.(PredicateStats); ok && !p.IsZero() && (sVarB || oVarB) {
			// A variable bound earlier narrows like a constant would: to
			// the average number of quads per subject (or object).
			n, ns, no := ps.PredicateStats(p)
			switch {
			case sVarB && oVarB || sVarB && !o.IsZero() || oVarB && !s.IsZero():
				return 1
			case sVarB:
				return float64(n) / float64(max(ns, 1))
			default:
				return float64(n) / float64(max(no, 1))
			}
		}
		if sVarB {
			c = 1 + c/1000
		}
		if oVarB {
			c = 1 + c/100
		}
		if pp.p.slot >= 0 && pB {
			c = 1 + c/10
		}
		return c
	}
	c := 1e6
	switch {
	case sB && pB:
		c = 1
	case sB:
		c = 3
	case oB && pB:
		c = 10
	case oB:
		c = 30
	case pB:
		c = 1000
	}
	return c
}

func (e *evaluator) runBGP(b *pBGP, in row, gs graphSel, emit emitFn) bool {
	order := e.bgpOrder(b, in, gs)
	if len(b.filters) > 0 {
		// checks[i]: the filters to test once step i-1 has bound its
		// variables (checks[0]: on entry; the last entry, at the end).
		checks := e.filterSteps(b, order, in)
		for _, f := range checks[0] {
			if ok, _ := e.ebv(b.filters[f].expr, in, gs); !ok {
				return true
			}
		}
		return e.bgpStepF(b, order, checks, 0, clone(in), gs, -1, emit)
	}
	return e.bgpStep(b, order, 0, clone(in), gs, -1, emit)
}

func (e *evaluator) filterSteps(b *pBGP, order []int, in row) [][]int {
	key := make([]byte, 0, 16)
	for s, t := range in {
		if !t.IsZero() {
			key = append(key, byte(s), byte(s>>8))
		}
	}
	if c, ok := b.steps[string(key)]; ok {
		return c
	}
	bound := map[int]bool{}
	for s, t := range in {
		if !t.IsZero() {
			bound[s] = true
		}
	}
	checks := make([][]int, len(order)+1)
	placed := make([]bool, len(b.filters))
	place := func(step int) {
		for f, pf := range b.filters {
			if placed[f] {
				continue
			}
			all := true
			for _, s := range pf.slots {
				all = all && bound[s]
			}
			if all {
				placed[f] = true
				checks[step] = append(checks[step], f)
			}
		}
	}
	place(0)
	for i, pi := range order {
		for _, t := range []pterm{b.pats[pi].s, b.pats[pi].p, b.pats[pi].o} {
			if t.slot >= 0 {
				bound[t.slot] = true
			}
		}
		place(i + 1)
	}
	for f := range b.filters {
		if !placed[f] {
			checks[len(order)] = append(checks[len(order)], f)
		}
	}
	b.steps[string(key)] = checks
	return checks
}

// bgpStepF is bgpStep for patterns with filters: it tests each filter
// right after the step that binds its last variable.
func (e *evaluator) bgpStepF(b *pBGP, order []int, checks [][]int, i int, work row, gs graphSel, gslot int, emit emitFn) bool {
	if i == len(order) {
		return emit(clone(work))
	}
	one := &pBGP{pats: b.pats, orders: b.orders}
	return e.bgpStep(one, order[i:i+1], 0, work, gs, gslot, func(r row) bool {
		for _, f := range checks[i+1] {
			if ok, _ := e.ebv(b.filters[f].expr, r, gs); !ok {
				return true
			}
		}
		return e.bgpStepF(b, order, checks, i+1, r, gs, gslot, emit)
	})
}

func (e *evaluator) runBGPGraphVar(b *pBGP, in row, gslot int, emit emitFn) bool {
	order := e.bgpOrder(b, in, graphSel{kind: 2})
	if len(b.pats) == 0 {
		graphs, err := e.view.namedGraphs()
		if err != nil {
			e.fail(err)
			return false
		}
		for _, g := range graphs {
			r := clone(in)
			r[gslot] = g
			if !emit(r) {
				return false
			}
		}
		return true
	}
	return e.bgpStep(b, order, 0, clone(in), graphSel{kind: 2}, gslot, emit)
}

func (e *evaluator) value(t pterm, r row) rdf.Term {
	if t.slot < 0 {
		return t.term
	}
	return r[t.slot]
}

// bgpStep matches pattern order[i] against the store with the bindings
// in work, binding its free variables for the next step. work is
// restored before returning.
func (e *evaluator) bgpStep(b *pBGP, order []int, i int, work row, gs graphSel, gslot int, emit emitFn) bool {
	if i == len(order) {
		return emit(clone(work))
	}
	if !e.alive() {
		return false
	}
	pp := b.pats[order[i]]
	cur := gs
	if gslot >= 0 && !work[gslot].IsZero() {
		cur = graphSel{kind: 1, g: work[gslot]}
	}
	s, o := e.value(pp.s, work), e.value(pp.o, work)
	if pp.path != nil {
		if cur.kind == 2 {
			// A path needs one graph at a time.
			graphs, err := e.view.namedGraphs()
			if err != nil {
				e.fail(err)
				return false
			}
			for _, g := range graphs {
				work[gslot] = g
				ok := e.bgpStep(b, order, i, work, gs, gslot, emit)
				work[gslot] = rdf.Term{}
				if !ok {
					return false
				}
			}
			return true
		}
		// A zero-length path relates a node to itself only if the node is
		// in the graph, unless the query names it as a constant: a value
		// bound by another pattern does not count as one.
		sVar, oVar := pp.s.slot >= 0 && !s.IsZero(), pp.o.slot >= 0 && !o.IsZero()
		return e.evalPath(pp.path, s, o, cur, func(x, y rdf.Term) bool {
			if x == y && (sVar || oVar) && canBeEmpty(pp.path) && !e.inGraph(x, cur) {
				return true
			}
			var set [2]int
			n := 0
			if pp.s.slot >= 0 && work[pp.s.slot].IsZero() {
				work[pp.s.slot] = x
				set[n] = pp.s.slot
				n++
			}
			if pp.o.slot >= 0 {
				if work[pp.o.slot].IsZero() {
					work[pp.o.slot] = y
					set[n] = pp.o.slot
					n++
				} else if work[pp.o.slot] != y {
					for k := 0; k < n; k++ {
						work[set[k]] = rdf.Term{}
					}
					return true
				}
			}
			ok := e.bgpStep(b, order, i+1, work, gs, gslot, emit)
			for k := 0; k < n; k++ {
				work[set[k]] = rdf.Term{}
			}
			return ok
		})
	}
	p := e.value(pp.p, work)
	var g rdf.Term
	if cur.kind == 1 {
		g = cur.g
	}
	if s.Kind == rdf.Literal || p.Kind == rdf.Literal || p.Kind == rdf.Blank {
		return true
	}
	stopped := false
	err := e.view.match(s, p, o, cur, func(q rdf.Quad) bool {
		var set [4]int
		n := 0
		bind := func(t pterm, v rdf.Term) bool {
			if t.slot < 0 {
				return true
			}
			if cur := work[t.slot]; !cur.IsZero() {
				return cur == v
			}
			work[t.slot] = v
			set[n] = t.slot
			n++
			return true
		}
		ok := bind(pp.s, q.S) && bind(pp.p, q.P) && bind(pp.o, q.O)
		if ok && gslot >= 0 && g.IsZero() {
			ok = bind(pterm{slot: gslot}, q.G)
		}
		if ok && !e.bgpStep(b, order, i+1, work, gs, gslot, emit) {
			stopped = true
		}
		for k := 0; k < n; k++ {
			work[set[k]] = rdf.Term{}
		}
		return !stopped
	})
	if err != nil {
		e.fail(err)
		return false
	}
	return !stopped && e.err == nil
}

func canBeEmpty(p a.Path) bool {
	switch x := p.(type) {
	case a.PathZeroOrMore, a.PathZeroOrOne:
		return true
	case a.PathInv:
		return canBeEmpty(x.P)
	case a.PathSeq:
		return canBeEmpty(x.L) && canBeEmpty(x.R)
	case a.PathAlt:
		return canBeEmpty(x.L) || canBeEmpty(x.R)
	}
	return false
}

// inGraph reports whether t is a subject or object in the graph.
func (e *evaluator) inGraph(t rdf.Term, gs graphSel) bool {
	found := false
	stop := func(rdf.Quad) bool { found = true; return false }
	if err := e.view.match(t, rdf.Term{}, rdf.Term{}, gs, stop); err != nil {
		e.fail(err)
	}
	if !found && t.Kind != rdf.Literal {
		if err := e.view.match(rdf.Term{}, rdf.Term{}, t, gs, stop); err != nil {
			e.fail(err)
		}
	} else if !found {
		if err := e.view.match(rdf.Term{}, rdf.Term{}, t, gs, stop); err != nil {
			e.fail(err)
		}
	}
	return found
}

// ---- property paths ------------------------------------------------------------------

type pairFn func(x, y rdf.Term) bool

// evalPath calls fn with every (subject, object) pair connected by path,
// with s and o fixed when non-zero.
func (e *evaluator) evalPath(path a.Path, s, o rdf.Term, gs graphSel, fn pairFn) bool {
	if !e.alive() {
		return false
	}
	switch p := path.(type) {
	case a.PathIRI:
		stopped := false
		err := e.view.match(s, p.IRI, o, gs, func(q rdf.Quad) bool {
			if !fn(q.S, q.O) {
				stopped = true
			}
			return !stopped
		})
		if err != nil {
			e.fail(err)
		}
		return !stopped && err == nil
	case a.PathInv:
		return e.evalPath(p.P, o, s, gs, func(x, y rdf.Term) bool { return fn(y, x) })
	case a.PathSeq:
		if s.IsZero() && !o.IsZero() {
			return e.evalPath(p.R, rdf.Term{}, o, gs, func(m, y rdf.Term) bool {
				return e.evalPath(p.L, rdf.Term{}, m, gs, func(x, _ rdf.Term) bool { return fn(x, y) })
			})
		}
		return e.evalPath(p.L, s, rdf.Term{}, gs, func(x, m rdf.Term) bool {
			return e.evalPath(p.R, m, o, gs, func(_, y rdf.Term) bool { return fn(x, y) })
		})
	case a.PathAlt:
		return e.evalPath(p.L, s, o, gs, fn) && e.evalPath(p.R, s, o, gs, fn)
	case a.PathNeg:
		stopped := false
		excluded := func(list []rdf.Term, t rdf.Term) bool {
			for _, x := range list {
				if x == t {
					return true
				}
			}
			return false
		}
		var err error
		if len(p.Fwd) > 0 || len(p.Inv) == 0 {
			err = e.view.match(s, rdf.Term{}, o, gs, func(q rdf.Quad) bool {
				if !excluded(p.Fwd, q.P) && !fn(q.S, q.O) {
					stopped = true
				}
				return !stopped
			})
		}
		if err == nil && !stopped && len(p.Inv) > 0 {
			err = e.view.match(o, rdf.Term{}, s, gs, func(q rdf.Quad) bool {
				if !excluded(p.Inv, q.P) && !fn(q.O, q.S) {
					stopped = true
				}
				return !stopped
			})
		}
		if err != nil {
			e.fail(err)
		}
		return !stopped && err == nil
	case a.PathZeroOrOne:
		return e.closure(p.P, s, o, gs, true, false, fn)
	case a.PathZeroOrMore:
		return e.closure(p.P, s, o, gs, true, true, fn)
	case a.PathOneOrMore:
		return e.closure(p.P, s, o, gs, false, true, fn)
	}
	return true
}

// closure evaluates p?, p* and p+ with set semantics: each connected pair
// once. zero admits the empty path; many, any number of steps.
func (e *evaluator) closure(p a.Path, s, o rdf.Term, gs graphSel, zero, many bool, fn pairFn) bool {
	if s.IsZero() && !o.IsZero() {
		return e.closure(a.PathInv{P: p}, o, s, gs, zero, many, func(x, y rdf.Term) bool { return fn(y, x) })
	}
	if !s.IsZero() {
		// Joins often start the same closure from the same node many
		// times: remember what each start reaches.
		key := closureKey{path: a.PathString(p), s: s, g: gs, zero: zero, many: many}
		ends, ok := e.closures[key]
		if !ok {
			if !e.reach(p, s, rdf.Term{}, gs, zero, many, func(_, y rdf.Term) bool {
				ends = append(ends, y)
				return true
			}) {
				return false
			}
			if e.closures == nil {
				e.closures = map[closureKey][]rdf.Term{}
			}
			e.closures[key] = ends
		}
		for _, y := range ends {
			if !o.IsZero() && y != o {
				continue
			}
			if !fn(s, y) {
				return false
			}
		}
		return true
	}
	// Neither end fixed: compute the one-step relation once and walk it
	// in memory from every node that has a step (and, for the zero-length
	// case, from every node of the graph).
	adj := map[rdf.Term][]rdf.Term{}
	var starts []rdf.Term
	seenEdge := map[[2]rdf.Term]bool{}
	if !e.evalPath(p, rdf.Term{}, rdf.Term{}, gs, func(x, y rdf.Term) bool {
		if k := [2]rdf.Term{x, y}; !seenEdge[k] {
			seenEdge[k] = true
			if _, ok := adj[x]; !ok {
				starts = append(starts, x)
			}
			adj[x] = append(adj[x], y)
		}
		return true
	}) {
		return false
	}
	if zero {
		nodes, ok := e.graphNodes(gs)
		if !ok {
			return false
		}
		starts = nodes
	}
	for _, n := range starts {
		if !e.alive() {
			return false
		}
		seen := map[rdf.Term]bool{}
		if zero {
			seen[n] = true
			if !fn(n, n) {
				return false
			}
		}
		frontier := []rdf.Term{n}
		for len(frontier) > 0 {
			var next []rdf.Term
			for _, x := range frontier {
				for _, y := range adj[x] {
					if seen[y] {
						continue
					}
					seen[y] = true
					next = append(next, y)
					if !fn(n, y) {
						return false
					}
				}
			}
			if !many {
				break
			}
			frontier = next
		}
	}
	return true
}

type closureKey struct {
	path       string
	s          rdf.Term
	g          graphSel
	zero, many bool
}

func (e *evaluator) reach(p a.Path, s, o rdf.Term, gs graphSel, zero, many bool, fn pairFn) bool {
	seen := map[rdf.Term]bool{}
	var frontier []rdf.Term
	if zero {
		seen[s] = true
		if o.IsZero() || o == s {
			if !fn(s, s) {
				return false
			}
			if !o.IsZero() {
				return true
			}
		}
	}
	frontier = append(frontier, s)
	for len(frontier) > 0 {
		var next []rdf.Term
		for _, n := range frontier {
			found := false
			ok := e.evalPath(p, n, rdf.Term{}, gs, func(_, y rdf.Term) bool {
				if seen[y] {
					return true
				}
				seen[y] = true
				next = append(next, y)
				if o.IsZero() {
					return fn(s, y)
				}
				if y == o {
					found = true
					return false
				}
				return true
			})
			if found {
				return fn(s, o)
			}
			if !ok {
				return false
			}
		}
		if !many {
			break
		}
		frontier = next
	}
	return true
}

func (e *evaluator) graphNodes(gs graphSel) ([]rdf.Term, bool) {
	seen := map[rdf.Term]bool{}
	var out []rdf.Term
	err := e.view.match(rdf.Term{}, rdf.Term{}, rdf.Term{}, gs, func(q rdf.Quad) bool {
		for _, t := range []rdf.Term{q.S, q.O} {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
		return true
	})
	if err != nil {
		e.fail(err)
		return nil, false
	}
	return out, true
}
