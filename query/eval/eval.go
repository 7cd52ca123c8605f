// Package eval plans and evaluates SPARQL algebra (package algebra) over
// any store that can match quad patterns. Planning orders the patterns of
// each basic graph pattern by estimated selectivity; evaluation pushes
// solutions through the plan one at a time, substituting the bindings
// found so far into index look-ups (index nested-loop joins) where the
// algebra allows it, and hashing otherwise.
package eval

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"regexp"
	"sort"
	"strings"
	"time"

	a "notegraph/query/algebra"
	"notegraph/rdf"
)

// Dataset is what the evaluator needs from a store.
type Dataset interface {
	// Match calls fn for each quad whose S, P and O equal the non-zero
	// arguments, in graph g when g is non-zero and in every graph (the
	// default graph and the named ones) when g is zero. fn returns false
	// to stop early.
	Match(s, p, o, g rdf.Term, fn func(rdf.Quad) bool) error
	// NamedGraphs lists the names of the graphs that hold quads.
	NamedGraphs() ([]rdf.Term, error)
}

// Counter is an optional Dataset extension: an estimate (or the exact
// number) of the quads Match would return, used to order joins.
type Counter interface {
	Count(s, p, o, g rdf.Term) int
}

// UnionMatcher is an optional Dataset extension for UnionDefaultGraph:
// it gives each matching triple once, whatever graphs hold it.
type UnionMatcher interface {
	MatchUnion(s, p, o rdf.Term, fn func(rdf.Quad) bool) error
}

// Options configure evaluation.
type Options struct {
	// UnionDefaultGraph makes the default graph the union of all graphs,
	// as in stores that keep every document in a named graph.
	UnionDefaultGraph bool
	// Now fixes NOW(); zero means the time evaluation starts.
	Now time.Time
}

// Result is the outcome of a query.
type Result struct {
	Form  a.Form
	Vars  []string     // SELECT
	Rows  [][]rdf.Term // SELECT: one row per solution, ordered as Vars; zero = unbound
	Bool  bool         // ASK
	Quads []rdf.Quad   // CONSTRUCT, DESCRIBE
}

type row = []rdf.Term

// Eval evaluates q over ds.
func Eval(ctx context.Context, ds Dataset, q *a.Query, opts Options) (*Result, error) {
	e := &evaluator{ctx: ctx, opts: opts, slots: map[string]int{}, base: q.Base}
	if e.opts.Now.IsZero() {
		e.opts.Now = time.Now()
	}
	e.view = &view{ds: ds, union: opts.UnionDefaultGraph}
	if len(q.From) > 0 || len(q.FromNamed) > 0 {
		e.view.from = q.From
		if e.view.from == nil {
			e.view.from = []rdf.Term{}
		}
		e.view.named = q.FromNamed
		if e.view.named == nil {
			e.view.named = []rdf.Term{}
		}
		e.view.namedSet = map[rdf.Term]bool{}
		for _, g := range q.FromNamed {
			e.view.namedSet[g] = true
		}
	}
	e.counter, _ = ds.(Counter)
	root := e.plan(q.Pattern)
	for _, t := range q.Template {
		e.slotNode(t.S)
		e.slotNode(t.P)
		e.slotNode(t.O)
	}
	for _, n := range q.Describe {
		e.slotNode(n)
	}
	res := &Result{Form: q.Form}
	empty := make(row, len(e.slots))
	var rows []row
	switch q.Form {
	case a.Ask:
		e.run(root, empty, defGraph, func(row) bool {
			res.Bool = true
			return false
		})
	default:
		e.run(root, empty, defGraph, func(r row) bool {
			rows = append(rows, r)
			return true
		})
	}
	if e.err != nil {
		return nil, e.err
	}
	switch q.Form {
	case a.Select:
		res.Vars = q.Vars
		res.Rows = make([][]rdf.Term, len(rows))
		for i, r := range rows {
			out := make([]rdf.Term, len(q.Vars))
			for j, v := range q.Vars {
				if s, ok := e.slots[v]; ok && s < len(r) {
					out[j] = r[s]
				}
			}
			res.Rows[i] = out
		}
	case a.Construct:
		res.Quads = e.construct(q.Template, rows)
	case a.Describe:
		res.Quads = e.describe(q.Describe, rows)
	}
	return res, e.err
}

type evaluator struct {
	ctx      context.Context
	opts     Options
	view     *view
	counter  Counter
	slots    map[string]int
	names    []string
	err      error
	base     string
	steps    int
	bnodes   int
	rng      *rand.Rand
	exists   map[*a.ExprExists]pnode
	nblank   int
	namedSet map[rdf.Term]bool
	closures map[closureKey][]rdf.Term
	bnodeOf  map[string]rdf.Term
	regexes  map[string]*regexp.Regexp
}

func (e *evaluator) slot(v string) int {
	if s, ok := e.slots[v]; ok {
		return s
	}
	s := len(e.slots)
	e.slots[v] = s
	e.names = append(e.names, v)
	return s
}

func (e *evaluator) slotNode(n a.Node) {
	if n.IsVar() {
		e.slot(n.Var)
	}
}

func (e *evaluator) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// alive checks for cancellation every few thousand steps.
func (e *evaluator) alive() bool {
	if e.err != nil {
		return false
	}
	e.steps++
	if e.steps&4095 == 0 {
		if err := e.ctx.Err(); err != nil {
			e.fail(err)
			return false
		}
	}
	return true
}

// ---- graphs ---------------------------------------------------------------------

type graphSel struct {
	kind uint8 // 0 default graph, 1 one named graph, 2 any named graph
	g    rdf.Term
}

var defGraph = graphSel{}

type view struct {
	ds       Dataset
	union    bool
	from     []rdf.Term // nil: the store's default graph
	named    []rdf.Term // nil: all named graphs
	namedSet map[rdf.Term]bool
	closures map[closureKey][]rdf.Term
	bnodeOf  map[string]rdf.Term
}

func (v *view) match(s, p, o rdf.Term, gs graphSel, fn func(rdf.Quad) bool) error {
	switch gs.kind {
	case 0:
		if v.from != nil {
			if len(v.from) == 1 {
				return v.ds.Match(s, p, o, v.from[0], func(q rdf.Quad) bool {
					q.G = rdf.Term{}
					return fn(q)
				})
			}
			seen := map[rdf.Quad]bool{}
			for _, g := range v.from {
				stop := false
				err := v.ds.Match(s, p, o, g, func(q rdf.Quad) bool {
					q.G = rdf.Term{}
					if seen[q] {
						return true
					}
					seen[q] = true
					if !fn(q) {
						stop = true
						return false
					}
					return true
				})
				if err != nil || stop {
					return err
				}
			}
			return nil
		}
		if v.union {
			if um, ok := v.ds.(UnionMatcher); ok {
				return um.MatchUnion(s, p, o, fn)
			}
			// The union of graphs is a set of triples: a triple stated in
			// two documents counts once.
			seen := map[rdf.Quad]bool{}
			return v.ds.Match(s, p, o, rdf.Term{}, func(q rdf.Quad) bool {
				q.G = rdf.Term{}
				if seen[q] {
					return true
				}
				seen[q] = true
				return fn(q)
			})
		}
		return v.ds.Match(s, p, o, rdf.Term{}, func(q rdf.Quad) bool {
			if !q.G.IsZero() {
				return true
			}
			return fn(q)
		})
	case 1:
		if v.named != nil && !v.namedSet[gs.g] {
			return nil
		}
		return v.ds.Match(s, p, o, gs.g, fn)
	}
	if v.named != nil {
		for _, g := range v.named {
			stop := false
			err := v.ds.Match(s, p, o, g, func(q rdf.Quad) bool {
				if !fn(q) {
					stop = true
					return false
				}
				return true
			})
			if err != nil || stop {
				return err
			}
		}
		return nil
	}
	return v.ds.Match(s, p, o, rdf.Term{}, func(q rdf.Quad) bool {
		if q.G.IsZero() {
			return true
		}
		return fn(q)
	})
}

func (v *view) namedGraphs() ([]rdf.Term, error) {
	if v.named != nil {
		return v.named, nil
	}
	return v.ds.NamedGraphs()
}

// ---- plan ----------------------------------------------------------------------------

// pnode is a planned operator.
type pnode interface{}

type pterm struct {
	slot int // -1: constant
	term rdf.Term
}

type ppat struct {
	s, p, o pterm
	path    a.Path
}

type pBGP struct {
	pats    []ppat
	orders  map[string][]int // pattern order by the set of slots bound on entry
	filters []pfilter        // conjuncts of a FILTER over this pattern, tested as early as possible
	steps   map[string][][]int
}

// pfilter is one conjunct of a filter pushed into a basic graph pattern:
// it is tested as soon as all its variables are bound.
type pfilter struct {
	expr  a.Expr
	slots []int
}

type pJoin struct{ l, r pnode }
type pLeftJoin struct {
	l, r pnode
	expr a.Expr
}
type pFilter struct {
	expr a.Expr
	p    pnode
}
type pUnion struct{ l, r pnode }
type pMinus struct{ l, r pnode }
type pGraph struct {
	name pterm
	p    pnode
}
type pExtend struct {
	p    pnode
	slot int
	expr a.Expr
}
type pValues struct {
	slots []int
	rows  [][]rdf.Term
}
type pGroup struct {
	p     pnode
	keys  []a.GroupKey
	kslot []int
	aggs  []a.AggBinding
	aslot []int
}
type pOrder struct {
	p     pnode
	conds []a.OrderCond
}
type pProject struct {
	p     pnode
	slots []int
}
type pDistinct struct{ p pnode }
type pSlice struct {
	p             pnode
	offset, limit int
}
type pEmpty struct{}

func (e *evaluator) term(n a.Node) pterm {
	if n.IsVar() {
		return pterm{slot: e.slot(n.Var)}
	}
	return pterm{slot: -1, term: n.Term}
}

func (e *evaluator) planExpr(x a.Expr) {
	switch v := x.(type) {
	case a.ExprVar:
		e.slot(v.Name)
	case a.ExprCall:
		for _, arg := range v.Args {
			e.planExpr(arg)
		}
	case a.ExprIn:
		e.planExpr(v.Expr)
		for _, arg := range v.List {
			e.planExpr(arg)
		}
	case *a.ExprExists:
		e.existsPlans(v)
	}
}

// plan turns algebra into plan nodes with variable slots. Adjacent
// basic graph patterns are merged so that one ordering covers them.
func (e *evaluator) plan(op a.Op) pnode {
	switch o := op.(type) {
	case a.BGP:
		b := &pBGP{orders: map[string][]int{}}
		for _, t := range o.Patterns {
			pp := ppat{s: e.term(t.S), p: pterm{slot: -1}, o: e.term(t.O), path: t.Path}
			if t.Path == nil {
				pp.p = e.term(t.P)
			}
			b.pats = append(b.pats, pp)
		}
		return b
	case a.Join:
		l, r := e.plan(o.L), e.plan(o.R)
		if lb, ok := l.(*pBGP); ok && len(lb.filters) == 0 {
			if rb, ok := r.(*pBGP); ok && len(rb.filters) == 0 {
				return &pBGP{pats: append(append([]ppat{}, lb.pats...), rb.pats...), orders: map[string][]int{}}
			}
		}
		if _, ok := l.(pEmpty); ok {
			return r
		}
		if _, ok := r.(pEmpty); ok {
			return l
		}
		return &pJoin{l: l, r: r}
	case a.LeftJoin:
		e.planExprOpt(o.Expr)
		return &pLeftJoin{l: e.plan(o.L), r: e.plan(o.R), expr: o.Expr}
	case a.Filter:
		e.planExpr(o.Expr)
		p := e.plan(o.P)
		if b, ok := p.(*pBGP); ok && !hasExists(o.Expr) {
			// Test each conjunct inside the pattern, as soon as its
			// variables are bound, rather than on finished solutions.
			nb := &pBGP{pats: b.pats, orders: map[string][]int{}, steps: map[string][][]int{}}
			nb.filters = append(nb.filters, b.filters...)
			for _, c := range conjuncts(o.Expr) {
				f := pfilter{expr: c}
				for _, v := range exprVars(c) {
					f.slots = append(f.slots, e.slot(v))
				}
				nb.filters = append(nb.filters, f)
			}
			return nb
		}
		return &pFilter{expr: o.Expr, p: p}
	case a.Union:
		return &pUnion{l: e.plan(o.L), r: e.plan(o.R)}
	case a.Minus:
		return &pMinus{l: e.plan(o.L), r: e.plan(o.R)}
	case a.Graph:
		return &pGraph{name: e.term(o.Name), p: e.plan(o.P)}
	case a.Extend:
		p := e.plan(o.P)
		e.planExpr(o.Expr)
		return &pExtend{p: p, slot: e.slot(o.Var), expr: o.Expr}
	case a.Values:
		v := &pValues{rows: o.Rows}
		for _, name := range o.Vars {
			v.slots = append(v.slots, e.slot(name))
		}
		return v
	case a.Group:
		g := &pGroup{p: e.plan(o.P), keys: o.Keys, aggs: o.Aggs}
		for _, k := range o.Keys {
			e.planExpr(k.Expr)
			g.kslot = append(g.kslot, e.slot(k.Var))
		}
		for _, ag := range o.Aggs {
			if ag.Agg.Expr != nil {
				e.planExpr(ag.Agg.Expr)
			}
			g.aslot = append(g.aslot, e.slot(ag.Var))
		}
		return g
	case a.OrderBy:
		p := e.plan(o.P)
		for _, c := range o.Conds {
			e.planExpr(c.Expr)
		}
		return &pOrder{p: p, conds: o.Conds}
	case a.Project:
		p := &pProject{p: e.plan(o.P)}
		for _, v := range o.Vars {
			p.slots = append(p.slots, e.slot(v))
		}
		return p
	case a.Distinct:
		return &pDistinct{p: e.plan(o.P)}
	case a.Reduced:
		// REDUCED permits but does not require removing duplicates.
		return e.plan(o.P)
	case a.Slice:
		return &pSlice{p: e.plan(o.P), offset: o.Offset, limit: o.Limit}
	case a.Empty:
		return pEmpty{}
	}
	e.fail(fmt.Errorf("query: unsupported operator %T", op))
	return pEmpty{}
}

func conjuncts(x a.Expr) []a.Expr {
	if c, ok := x.(a.ExprCall); ok && c.Func == "&&" {
		return append(conjuncts(c.Args[0]), conjuncts(c.Args[1])...)
	}
	return []a.Expr{x}
}

func exprVars(x a.Expr) []string {
	var out []string
	var walk func(a.Expr)
	walk = func(x a.Expr) {
		switch v := x.(type) {
		case a.ExprVar:
			out = append(out, v.Name)
		case a.ExprCall:
			for _, arg := range v.Args {
				walk(arg)
			}
		case a.ExprIn:
			walk(v.Expr)
			for _, arg := range v.List {
				walk(arg)
			}
		}
	}
	walk(x)
	return out
}

// hasExists reports whether an expression holds EXISTS, whose pattern
// sees the whole solution and so cannot be tested early.
func hasExists(x a.Expr) bool {
	switch v := x.(type) {
	case *a.ExprExists:
		return true
	case a.ExprCall:
		for _, arg := range v.Args {
			if hasExists(arg) {
				return true
			}
		}
	case a.ExprIn:
		if hasExists(v.Expr) {
			return true
		}
		for _, arg := range v.List {
			if hasExists(arg) {
				return true
			}
		}
	}
	return false
}

func (e *evaluator) planExprOpt(x a.Expr) {
	if x != nil {
		e.planExpr(x)
	}
}

// existsPlans plans EXISTS patterns once, when the expression holding
// them is planned, so that evaluation finds them ready.
func (e *evaluator) existsPlans(x *a.ExprExists) pnode {
	if e.exists == nil {
		e.exists = map[*a.ExprExists]pnode{}
	}
	if p, ok := e.exists[x]; ok {
		return p
	}
	p := e.plan(x.P)
	e.exists[x] = p
	return p
}

// ---- run -------------------------------------------------------------------------------

type emitFn func(row) bool

// run evaluates n given the bindings in in, calling emit with every
// solution (each compatible with in and extending it). It returns false
// when emit asked to stop or evaluation failed.
func (e *evaluator) run(n pnode, in row, gs graphSel, emit emitFn) bool {
	if !e.alive() {
		return false
	}
	switch o := n.(type) {
	case pEmpty:
		return emit(in)
	case *pBGP:
		return e.runBGP(o, in, gs, emit)
	case *pJoin:
		return e.runJoin(o, in, gs, emit)
	case *pLeftJoin:
		return e.runLeftJoin(o, in, gs, emit)
	case *pFilter:
		return e.run(o.p, in, gs, func(r row) bool {
			if ok, _ := e.ebv(o.expr, r, gs); ok {
				return emit(r)
			}
			return true
		})
	case *pUnion:
		return e.run(o.l, in, gs, emit) && e.run(o.r, in, gs, emit)
	case *pMinus:
		right := newHashIndex(e.collect(o.r, in, gs))
		return e.run(o.l, in, gs, func(r row) bool {
			for _, m := range right.candidates(r) {
				if compatible(r, m) && sharesVar(r, m) {
					return true
				}
			}
			return emit(r)
		})
	case *pGraph:
		return e.runGraph(o, in, emit)
	case *pExtend:
		return e.run(o.p, in, gs, func(r row) bool {
			v, ok := e.eval(o.expr, r, gs)
			if ok {
				if !r[o.slot].IsZero() {
					if r[o.slot] != v {
						return true
					}
					return emit(r)
				}
				r = clone(r)
				r[o.slot] = v
			}
			return emit(r)
		})
	case *pValues:
		for _, vr := range o.rows {
			r := clone(in)
			ok := true
			for i, s := range o.slots {
				if vr[i].IsZero() {
					continue
				}
				if !r[s].IsZero() && r[s] != vr[i] {
					ok = false
					break
				}
				r[s] = vr[i]
			}
			if ok && !emit(r) {
				return false
			}
		}
		return true
	case *pGroup:
		return e.runGroup(o, in, gs, emit)
	case *pOrder:
		rows := e.collect(o.p, in, gs)
		e.sortRows(rows, o.conds, gs)
		for _, r := range rows {
			if !emit(r) {
				return false
			}
		}
		return e.err == nil
	case *pProject:
		// A projection is a scope: its pattern is evaluated on its own and
		// only the projected variables meet the outer bindings.
		empty := make(row, len(in))
		return e.run(o.p, empty, gs, func(r row) bool {
			out := clone(in)
			for _, s := range o.slots {
				if r[s].IsZero() {
					continue
				}
				if !out[s].IsZero() && out[s] != r[s] {
					return true
				}
				out[s] = r[s]
			}
			return emit(out)
		})
	case *pDistinct:
		seen := map[string]bool{}
		return e.run(o.p, in, gs, func(r row) bool {
			k := rowKey(r)
			if seen[k] {
				return true
			}
			seen[k] = true
			return emit(r)
		})
	case *pSlice:
		i := 0
		done := false
		ok := e.run(o.p, in, gs, func(r row) bool {
			i++
			if i <= o.offset {
				return true
			}
			if o.limit >= 0 && i > o.offset+o.limit {
				done = true
				return false
			}
			if !emit(r) {
				return false
			}
			if o.limit >= 0 && i >= o.offset+o.limit {
				done = true
				return false
			}
			return true
		})
		return ok || done && e.err == nil
	}
	e.fail(fmt.Errorf("query: cannot evaluate %T", n))
	return false
}

func (e *evaluator) collect(n pnode, in row, gs graphSel) []row {
	var out []row
	e.run(n, in, gs, func(r row) bool {
		out = append(out, r)
		return true
	})
	return out
}

func clone(r row) row { return append(row(nil), r...) }

func compatible(x, y row) bool {
	for i := range x {
		if !x[i].IsZero() && !y[i].IsZero() && x[i] != y[i] {
			return false
		}
	}
	return true
}

func sharesVar(x, y row) bool {
	for i := range x {
		if !x[i].IsZero() && !y[i].IsZero() {
			return true
		}
	}
	return false
}

func merge(x, y row) row {
	out := clone(x)
	for i, t := range y {
		if !t.IsZero() {
			out[i] = t
		}
	}
	return out
}

func rowKey(r row) string {
	var b strings.Builder
	for _, t := range r {
		b.WriteByte(byte('0' + t.Kind))
		b.WriteString(t.Value)
		b.WriteByte(0)
		b.WriteString(t.Datatype)
		b.WriteByte(0)
		b.WriteString(t.Lang)
		b.WriteByte(0)
	}
	return b.String()
}

// substitutable reports whether evaluating n with outer bindings as input
// gives the same solutions as joining n's own solutions with them: true
// for patterns without filters, optionals or scopes.
func substitutable(n pnode) bool {
	switch o := n.(type) {
	case *pBGP:
		// Filters inside see outer bindings only of the pattern's own
		// variables, which the join would equate anyway.
		vars := map[int]bool{}
		for _, pp := range o.pats {
			for _, t := range []pterm{pp.s, pp.p, pp.o} {
				if t.slot >= 0 {
					vars[t.slot] = true
				}
			}
		}
		for _, f := range o.filters {
			for _, s := range f.slots {
				if !vars[s] {
					return false
				}
			}
		}
		return true
	case *pValues, pEmpty:
		return true
	case *pGraph:
		return substitutable(o.p)
	case *pUnion:
		return substitutable(o.l) && substitutable(o.r)
	case *pJoin:
		return substitutable(o.l) && substitutable(o.r)
	}
	return false
}

func (e *evaluator) runJoin(o *pJoin, in row, gs graphSel, emit emitFn) bool {
	l, r := o.l, o.r
	if substitutable(l) && !substitutable(r) {
		l, r = r, l
	}
	if substitutable(r) {
		return e.run(l, in, gs, func(lr row) bool {
			return e.run(r, lr, gs, emit)
		})
	}
	right := e.collect(r, in, gs)
	h := newHashIndex(right)
	return e.run(l, in, gs, func(lr row) bool {
		for _, rr := range h.candidates(lr) {
			if compatible(lr, rr) && !emit(merge(lr, rr)) {
				return false
			}
		}
		return true
	})
}

func (e *evaluator) runLeftJoin(o *pLeftJoin, in row, gs graphSel, emit emitFn) bool {
	if substitutable(o.r) {
		return e.run(o.l, in, gs, func(lr row) bool {
			matched := false
			ok := e.run(o.r, lr, gs, func(m row) bool {
				if o.expr != nil {
					if ok, _ := e.ebv(o.expr, m, gs); !ok {
						return true
					}
				}
				matched = true
				return emit(m)
			})
			if !ok {
				return false
			}
			if !matched {
				return emit(lr)
			}
			return true
		})
	}
	right := e.collect(o.r, in, gs)
	h := newHashIndex(right)
	return e.run(o.l, in, gs, func(lr row) bool {
		matched := false
		for _, rr := range h.candidates(lr) {
			if !compatible(lr, rr) {
				continue
			}
			m := merge(lr, rr)
			if o.expr != nil {
				if ok, _ := e.ebv(o.expr, m, gs); !ok {
					continue
				}
			}
			matched = true
			if !emit(m) {
				return false
			}
		}
		if !matched {
			return emit(lr)
		}
		return true
	})
}

// hashIndex groups materialised solutions by the slots bound in all of
// them, so that a join looks at compatible candidates only. A probing
// solution that binds only some of those slots uses a table on just
// those, built when first needed.
type hashIndex struct {
	rows   []row
	keys   []int
	tables map[string]map[string][]row
}

func newHashIndex(rows []row) *hashIndex {
	h := &hashIndex{rows: rows, tables: map[string]map[string][]row{}}
	if len(rows) < 8 {
		return h
	}
	for s := range rows[0] {
		all := true
		for _, r := range rows {
			if r[s].IsZero() {
				all = false
				break
			}
		}
		if all {
			h.keys = append(h.keys, s)
		}
	}
	return h
}

func keyOf(r row, slots []int) string {
	sub := make(row, len(slots))
	for i, s := range slots {
		sub[i] = r[s]
	}
	return rowKey(sub)
}

func (h *hashIndex) candidates(r row) []row {
	var slots []int
	sig := make([]byte, 0, 8)
	for _, s := range h.keys {
		if !r[s].IsZero() {
			slots = append(slots, s)
			sig = append(sig, byte(s), byte(s>>8))
		}
	}
	if len(slots) == 0 {
		return h.rows
	}
	table, ok := h.tables[string(sig)]
	if !ok {
		table = map[string][]row{}
		for _, x := range h.rows {
			k := keyOf(x, slots)
			table[k] = append(table[k], x)
		}
		h.tables[string(sig)] = table
	}
	return table[keyOf(r, slots)]
}

func (e *evaluator) runGraph(o *pGraph, in row, emit emitFn) bool {
	name := o.name.term
	if o.name.slot >= 0 {
		name = in[o.name.slot]
	}
	if !name.IsZero() {
		if name.Kind == rdf.Literal || !e.isNamedGraph(name) {
			return true
		}
		return e.run(o.p, in, graphSel{kind: 1, g: name}, emit)
	}
	// GRAPH ?g over a basic graph pattern: the graph is one more position
	// of every quad pattern, bound by the first look-up.
	if b, ok := o.p.(*pBGP); ok {
		return e.runBGPGraphVar(b, in, o.name.slot, emit)
	}
	graphs, err := e.view.namedGraphs()
	if err != nil {
		e.fail(err)
		return false
	}
	// The pattern is evaluated in each graph on its own, and only then
	// joined with the graph's name: binding the name first would let it
	// leak into MINUS or FILTER inside.
	for _, g := range graphs {
		ok := e.run(o.p, in, graphSel{kind: 1, g: g}, func(r row) bool {
			if cur := r[o.name.slot]; !cur.IsZero() {
				if cur != g {
					return true
				}
				return emit(r)
			}
			r = clone(r)
			r[o.name.slot] = g
			return emit(r)
		})
		if !ok {
			return false
		}
	}
	return true
}

func (e *evaluator) isNamedGraph(g rdf.Term) bool {
	if e.namedSet == nil {
		graphs, err := e.view.namedGraphs()
		if err != nil {
			e.fail(err)
			return false
		}
		e.namedSet = map[rdf.Term]bool{}
		for _, x := range graphs {
			e.namedSet[x] = true
		}
	}
	return e.namedSet[g]
}

// ---- ORDER BY ---------------------------------------------------------------------------

func (e *evaluator) sortRows(rows []row, conds []a.OrderCond, gs graphSel) {
	keys := make([][]sortKey, len(rows))
	for i, r := range rows {
		keys[i] = make([]sortKey, len(conds))
		for j, c := range conds {
			if v, ok := e.eval(c.Expr, r, gs); ok {
				keys[i][j] = makeSortKey(v)
			}
		}
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		for j, c := range conds {
			cmp := keys[idx[x]][j].compare(keys[idx[y]][j])
			if cmp != 0 {
				if c.Desc {
					return cmp > 0
				}
				return cmp < 0
			}
		}
		return false
	})
	sorted := make([]row, len(rows))
	for i, k := range idx {
		sorted[i] = rows[k]
	}
	copy(rows, sorted)
}

// sortKey keeps a term with its value parsed once, so that sorting
// compares numbers and dates without parsing them again.
type sortKey struct {
	t   rdf.Term
	cls uint8 // 0 other, 1 number, 2/3 dateTime with/without zone, 4 simple string, 5/6 date with/without zone
	f   float64
}

func makeSortKey(t rdf.Term) sortKey {
	k := sortKey{t: t}
	switch litClass(t) {
	case "num":
		if n, ok := parseNum(t); ok && !math.IsNaN(n.float()) {
			k.cls, k.f = 1, n.float()
		}
	case "date":
		if d, ok := parseDateTime(t); ok {
			k.cls, k.f = 3, float64(d.t.UnixNano())
			if d.hasTZ {
				k.cls = 2
			}
			if t.Datatype == rdf.XSDDate {
				k.cls += 3
			}
		}
	case "str":
		k.cls = 4
	}
	return k
}

func (x sortKey) compare(y sortKey) int {
	if x.cls != 0 && x.cls == y.cls {
		var c int
		if x.cls == 4 {
			c = strings.Compare(x.t.Value, y.t.Value)
		} else if x.f < y.f {
			c = -1
		} else if x.f > y.f {
			c = 1
		}
		if c != 0 {
			return c
		}
	}
	return orderCompare(x.t, y.t)
}

// orderCompare is the total order of ORDER BY (SPARQL 1.1 §15.1):
// unbound, blank nodes, IRIs, literals; literals by value where
// comparable, otherwise by datatype and lexical form.
func orderCompare(x, y rdf.Term) int {
	rank := func(t rdf.Term) int {
		switch t.Kind {
		case rdf.None:
			return 0
		case rdf.Blank:
			return 1
		case rdf.IRI:
			return 2
		}
		return 3
	}
	if rx, ry := rank(x), rank(y); rx != ry {
		return rx - ry
	}
	if x.Kind == rdf.Literal {
		if c, ok := compareValues(x, y); ok {
			if c != 0 {
				return c
			}
		} else {
			// Incomparable literals: simple literals first, then by datatype.
			if c := strings.Compare(x.DatatypeIRI(), y.DatatypeIRI()); c != 0 {
				if x.Datatype == "" && x.Lang == "" {
					return -1
				}
				if y.Datatype == "" && y.Lang == "" {
					return 1
				}
				return c
			}
		}
	}
	if c := strings.Compare(x.Value, y.Value); c != 0 {
		return c
	}
	if c := strings.Compare(x.Datatype, y.Datatype); c != 0 {
		return c
	}
	return strings.Compare(x.Lang, y.Lang)
}

// ---- CONSTRUCT and DESCRIBE -------------------------------------------------------------

func (e *evaluator) construct(tpl []a.Triple, rows []row) []rdf.Quad {
	var out []rdf.Quad
	seen := map[rdf.Quad]bool{}
	for i, r := range rows {
		bn := map[string]rdf.Term{}
		inst := func(n a.Node) rdf.Term {
			if n.IsVar() {
				return r[e.slots[n.Var]]
			}
			if n.Term.Kind == rdf.Blank {
				t, ok := bn[n.Term.Value]
				if !ok {
					t = rdf.NewBlank(fmt.Sprintf("c%d_%s", i, n.Term.Value))
					bn[n.Term.Value] = t
				}
				return t
			}
			return n.Term
		}
		for _, t := range tpl {
			q := rdf.Quad{S: inst(t.S), P: inst(t.P), O: inst(t.O)}
			if q.S.IsZero() || q.P.IsZero() || q.O.IsZero() || q.S.Kind == rdf.Literal || q.P.Kind != rdf.IRI {
				continue
			}
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out
}

// describe returns, for each resource, its concise bounded description:
// the statements with it as subject, following blank-node objects.
func (e *evaluator) describe(nodes []a.Node, rows []row) []rdf.Quad {
	var todo []rdf.Term
	for _, n := range nodes {
		if !n.IsVar() {
			todo = append(todo, n.Term)
			continue
		}
		for _, r := range rows {
			if t := r[e.slots[n.Var]]; !t.IsZero() {
				todo = append(todo, t)
			}
		}
	}
	done := map[rdf.Term]bool{}
	seen := map[rdf.Quad]bool{}
	var out []rdf.Quad
	for len(todo) > 0 {
		t := todo[0]
		todo = todo[1:]
		if done[t] || t.Kind == rdf.Literal {
			continue
		}
		done[t] = true
		err := e.view.match(t, rdf.Term{}, rdf.Term{}, defGraph, func(q rdf.Quad) bool {
			q.G = rdf.Term{}
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
			if q.O.Kind == rdf.Blank {
				todo = append(todo, q.O)
			}
			return true
		})
		if err != nil {
			e.fail(err)
			break
		}
	}
	return out
}
