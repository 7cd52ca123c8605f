package parse

import (
	"fmt"
	"strconv"
	"strings"

	a "notegraph/query/algebra"
	"notegraph/rdf"
)

// Options configure parsing.
type Options struct {
	// Base resolves relative IRIs until the query sets BASE.
	Base string
	// Prefixes are predeclared; the query's PREFIX declarations override them.
	Prefixes map[string]string
}

// Parse reads a SPARQL 1.1 query. Errors are *Error.
func Parse(src string, opts Options) (*a.Query, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, prefixes: map[string]string{}, bnodeScope: map[string]int{}}
	for k, v := range opts.Prefixes {
		p.prefixes[k] = v
	}
	if opts.Base != "" {
		p.base, p.hasBase = rdf.ParseIRIRef(opts.Base)
	}
	return p.query()
}

type parser struct {
	src        string
	toks       []token
	i          int
	prefixes   map[string]string
	base       rdf.IRIRef
	hasBase    bool
	nvar       int
	bnodeScope map[string]int // blank node label → the BGP that used it
	bgpID      int
	inTemplate bool
	aggs       *[]a.AggBinding // where aggregates go; nil: not allowed here
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) peekN(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errf(t token, format string, args ...any) error {
	return errorAt(p.src, t.pos, format, args...)
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of query"
	case tString:
		return "a string"
	case tVar:
		return "?" + t.val
	case tPName:
		return t.prefix + ":" + t.val
	case tIRI:
		return "<" + t.val + ">"
	}
	return strconv.Quote(t.val)
}

func (p *parser) isWord(t token, w string) bool {
	return t.kind == tWord && strings.EqualFold(t.val, w)
}
func (p *parser) isP(t token, s string) bool { return t.kind == tPunct && t.val == s }

func (p *parser) acceptWord(w string) bool {
	if p.isWord(p.peek(), w) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptP(s string) bool {
	if p.isP(p.peek(), s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectP(s string) error {
	t := p.next()
	if !p.isP(t, s) {
		return p.errf(t, "expected '%s', found %s", s, describe(t))
	}
	return nil
}

func (p *parser) expectWord(w string) error {
	t := p.next()
	if !p.isWord(t, w) {
		return p.errf(t, "expected %s, found %s", w, describe(t))
	}
	return nil
}

func (p *parser) fresh(kind string) string {
	p.nvar++
	return fmt.Sprintf(".%s%d", kind, p.nvar)
}

// ---- prologue and query forms -------------------------------------------------

func (p *parser) query() (*a.Query, error) {
	for {
		t := p.peek()
		if p.isWord(t, "BASE") {
			p.next()
			it := p.next()
			if it.kind != tIRI {
				return nil, p.errf(it, "expected an IRI after BASE")
			}
			iri, err := p.resolve(it)
			if err != nil {
				return nil, err
			}
			p.base, p.hasBase = rdf.ParseIRIRef(iri)
		} else if p.isWord(t, "PREFIX") {
			p.next()
			nt := p.next()
			if nt.kind != tPName || nt.val != "" {
				return nil, p.errf(nt, "expected a prefix name ending in ':' after PREFIX")
			}
			it := p.next()
			if it.kind != tIRI {
				return nil, p.errf(it, "expected an IRI after PREFIX %s:", nt.prefix)
			}
			iri, err := p.resolve(it)
			if err != nil {
				return nil, err
			}
			p.prefixes[nt.prefix] = iri
		} else {
			break
		}
	}
	q := &a.Query{}
	if p.hasBase {
		q.Base = p.base.String()
	}
	t := p.next()
	var err error
	switch {
	case p.isWord(t, "SELECT"):
		q.Form = a.Select
		err = p.selectQuery(q, false)
	case p.isWord(t, "ASK"):
		q.Form = a.Ask
		if err = p.datasetClauses(q); err == nil {
			err = p.whereAndModifiers(q, &selectClause{star: true}, false)
		}
	case p.isWord(t, "CONSTRUCT"):
		q.Form = a.Construct
		err = p.constructQuery(q)
	case p.isWord(t, "DESCRIBE"):
		q.Form = a.Describe
		err = p.describeQuery(q)
	default:
		return nil, p.errf(t, "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found %s", describe(t))
	}
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errf(t, "unexpected %s after the end of the query", describe(t))
	}
	return q, nil
}

type selItem struct {
	v    string
	expr a.Expr
	tok  token
}

type selectClause struct {
	distinct, reduced, star bool
	items                   []selItem
	aggs                    []a.AggBinding // aggregates of the select expressions
}

func (p *parser) selectClause() (*selectClause, error) {
	sc := &selectClause{}
	if p.acceptWord("DISTINCT") {
		sc.distinct = true
	} else if p.acceptWord("REDUCED") {
		sc.reduced = true
	}
	if p.acceptP("*") {
		sc.star = true
		return sc, nil
	}
	for {
		t := p.peek()
		if t.kind == tVar {
			p.next()
			sc.items = append(sc.items, selItem{v: t.val, tok: t})
		} else if p.isP(t, "(") {
			p.next()
			p.aggs = &sc.aggs
			e, err := p.expression()
			p.aggs = nil
			if err != nil {
				return nil, err
			}
			if err := p.expectWord("AS"); err != nil {
				return nil, err
			}
			vt := p.next()
			if vt.kind != tVar {
				return nil, p.errf(vt, "expected a variable after AS")
			}
			if err := p.expectP(")"); err != nil {
				return nil, err
			}
			sc.items = append(sc.items, selItem{v: vt.val, expr: e, tok: vt})
		} else {
			break
		}
	}
	if len(sc.items) == 0 {
		return nil, p.errf(p.peek(), "expected variables, expressions or * after SELECT")
	}
	return sc, nil
}

func (p *parser) selectQuery(q *a.Query, sub bool) error {
	sc, err := p.selectClause()
	if err != nil {
		return err
	}
	if !sub {
		if err := p.datasetClauses(q); err != nil {
			return err
		}
	}
	return p.whereAndModifiers(q, sc, sub)
}

func (p *parser) datasetClauses(q *a.Query) error {
	for p.acceptWord("FROM") {
		named := p.acceptWord("NAMED")
		iri, err := p.iri()
		if err != nil {
			return err
		}
		if named {
			q.FromNamed = append(q.FromNamed, iri)
		} else {
			q.From = append(q.From, iri)
		}
	}
	return nil
}

// whereAndModifiers parses WHERE, the solution modifiers and VALUES, and
// builds the query's algebra (§18.2.4).
func (p *parser) whereAndModifiers(q *a.Query, sc *selectClause, sub bool) error {
	p.acceptWord("WHERE")
	if !p.isP(p.peek(), "{") {
		return p.errf(p.peek(), "expected '{' to open the WHERE clause, found %s", describe(p.peek()))
	}
	where, err := p.groupGraphPattern()
	if err != nil {
		return err
	}
	return p.modifiers(q, sc, where, sub)
}

func (p *parser) modifiers(q *a.Query, sc *selectClause, where a.Op, sub bool) error {
	aggs := sc.aggs
	var keys []a.GroupKey
	grouped := false
	groupTok := p.peek()
	if p.acceptWord("GROUP") {
		grouped = true
		if err := p.expectWord("BY"); err != nil {
			return err
		}
		for {
			t := p.peek()
			var k a.GroupKey
			switch {
			case t.kind == tVar:
				p.next()
				k = a.GroupKey{Expr: a.ExprVar{Name: t.val}, Var: t.val}
			case p.isP(t, "("):
				p.next()
				e, err := p.expression()
				if err != nil {
					return err
				}
				k.Expr = e
				if p.acceptWord("AS") {
					vt := p.next()
					if vt.kind != tVar {
						return p.errf(vt, "expected a variable after AS")
					}
					k.Var = vt.val
				}
				if err := p.expectP(")"); err != nil {
					return err
				}
			case p.startsCall(t):
				e, err := p.primary()
				if err != nil {
					return err
				}
				k.Expr = e
			default:
				if len(keys) == 0 {
					return p.errf(t, "expected a grouping condition after GROUP BY")
				}
			}
			if k.Expr == nil {
				break
			}
			if k.Var == "" {
				k.Var = p.fresh("grp")
			}
			keys = append(keys, k)
		}
	}
	var having []a.Expr
	if p.acceptWord("HAVING") {
		p.aggs = &aggs
		for {
			t := p.peek()
			if !(p.isP(t, "(") || p.startsCall(t)) {
				break
			}
			e, err := p.constraint()
			if err != nil {
				p.aggs = nil
				return err
			}
			having = append(having, e)
		}
		p.aggs = nil
		if len(having) == 0 {
			return p.errf(p.peek(), "expected a condition after HAVING")
		}
	}
	var order []a.OrderCond
	if p.acceptWord("ORDER") {
		if err := p.expectWord("BY"); err != nil {
			return err
		}
		p.aggs = &aggs
		for {
			t := p.peek()
			var c a.OrderCond
			var err error
			switch {
			case p.isWord(t, "ASC") || p.isWord(t, "DESC"):
				p.next()
				c.Desc = p.isWord(t, "DESC")
				if !p.isP(p.peek(), "(") {
					p.aggs = nil
					return p.errf(p.peek(), "expected '(' after %s", strings.ToUpper(t.val))
				}
				c.Expr, err = p.bracketted()
			case t.kind == tVar:
				p.next()
				c.Expr = a.ExprVar{Name: t.val}
			case p.isP(t, "(") || p.startsCall(t):
				c.Expr, err = p.constraint()
			}
			if err != nil {
				p.aggs = nil
				return err
			}
			if c.Expr == nil {
				break
			}
			order = append(order, c)
		}
		p.aggs = nil
		if len(order) == 0 {
			return p.errf(p.peek(), "expected a condition after ORDER BY")
		}
	}
	offset, limit := 0, -1
	for i := 0; i < 2; i++ {
		if p.acceptWord("LIMIT") {
			t := p.next()
			if t.kind != tInteger {
				return p.errf(t, "expected an integer after LIMIT")
			}
			limit, _ = strconv.Atoi(t.val)
		} else if p.acceptWord("OFFSET") {
			t := p.next()
			if t.kind != tInteger {
				return p.errf(t, "expected an integer after OFFSET")
			}
			offset, _ = strconv.Atoi(t.val)
		}
	}
	var values *a.Values
	if !sub && p.isWord(p.peek(), "VALUES") {
		p.next()
		v, err := p.dataBlock()
		if err != nil {
			return err
		}
		values = &v
	}

	op := where
	if grouped || len(aggs) > 0 {
		if sc.star {
			return p.errf(groupTok, "SELECT * is not allowed with GROUP BY or aggregates")
		}
		op = a.Group{P: op, Keys: keys, Aggs: aggs}
		allowed := map[string]bool{}
		for _, k := range keys {
			allowed[k.Var] = true
		}
		for _, ag := range aggs {
			allowed[ag.Var] = true
		}
		for _, it := range sc.items {
			if it.expr == nil {
				if !allowed[it.v] {
					return p.errf(it.tok, "variable ?%s is projected but neither grouped nor aggregated", it.v)
				}
				continue
			}
			for _, v := range freeVars(it.expr) {
				if !allowed[v] {
					return p.errf(it.tok, "expression for ?%s uses ?%s, which is neither grouped nor aggregated", it.v, v)
				}
			}
			allowed[it.v] = true
		}
	}
	if len(having) > 0 {
		op = a.Filter{Expr: andAll(having), P: op}
	}
	if values != nil {
		op = a.Join{L: op, R: *values}
	}
	scope := map[string]bool{}
	for _, v := range a.InScope(op) {
		scope[v] = true
	}
	var vars []string
	for _, it := range sc.items {
		if it.expr != nil {
			if scope[it.v] {
				return p.errf(it.tok, "variable ?%s is already in scope and cannot be bound by AS", it.v)
			}
			op = a.Extend{P: op, Var: it.v, Expr: it.expr}
			scope[it.v] = true
		}
		vars = append(vars, it.v)
	}
	if sc.star {
		vars = nil
		for _, v := range a.InScope(op) {
			if !a.Internal(v) {
				vars = append(vars, v)
			}
		}
	}
	if len(order) > 0 {
		op = a.OrderBy{P: op, Conds: order}
	}
	if q.Form == a.Select {
		op = a.Project{P: op, Vars: vars}
		q.Vars = vars
	}
	if sc.distinct {
		op = a.Distinct{P: op}
	} else if sc.reduced {
		op = a.Reduced{P: op}
	}
	if offset > 0 || limit >= 0 {
		op = a.Slice{P: op, Offset: offset, Limit: limit}
	}
	q.Pattern = op
	return nil
}

// liftAggs replaces aggregate calls in e by variables bound in aggs.
func (p *parser) liftAggs(e a.Expr, aggs *[]a.AggBinding) a.Expr {
	switch x := e.(type) {
	case *a.Aggregate:
		v := p.fresh("agg")
		*aggs = append(*aggs, a.AggBinding{Var: v, Agg: *x})
		return a.ExprVar{Name: v}
	case a.ExprCall:
		args := make([]a.Expr, len(x.Args))
		for i, arg := range x.Args {
			args[i] = p.liftAggs(arg, aggs)
		}
		return a.ExprCall{Func: x.Func, Args: args}
	case a.ExprIn:
		list := make([]a.Expr, len(x.List))
		for i, arg := range x.List {
			list[i] = p.liftAggs(arg, aggs)
		}
		return a.ExprIn{Not: x.Not, Expr: p.liftAggs(x.Expr, aggs), List: list}
	}
	return e
}

func freeVars(e a.Expr) []string {
	var out []string
	var walk func(a.Expr)
	walk = func(e a.Expr) {
		switch x := e.(type) {
		case a.ExprVar:
			out = append(out, x.Name)
		case a.ExprCall:
			for _, arg := range x.Args {
				walk(arg)
			}
		case a.ExprIn:
			walk(x.Expr)
			for _, arg := range x.List {
				walk(arg)
			}
		}
	}
	walk(e)
	return out
}

func andAll(es []a.Expr) a.Expr {
	e := es[0]
	for _, x := range es[1:] {
		e = a.ExprCall{Func: "&&", Args: []a.Expr{e, x}}
	}
	return e
}

func (p *parser) constructQuery(q *a.Query) error {
	if p.isP(p.peek(), "{") {
		p.next()
		p.inTemplate = true
		tpl, err := p.triplesTemplate("}")
		p.inTemplate = false
		if err != nil {
			return err
		}
		q.Template = tpl
		if err := p.datasetClauses(q); err != nil {
			return err
		}
		return p.whereAndModifiers(q, &selectClause{star: true}, false)
	}
	if err := p.datasetClauses(q); err != nil {
		return err
	}
	if err := p.expectWord("WHERE"); err != nil {
		return err
	}
	if err := p.expectP("{"); err != nil {
		return err
	}
	// CONSTRUCT WHERE { triples }: the pattern is its own template.
	tpl, err := p.triplesTemplate("}")
	if err != nil {
		return err
	}
	for _, t := range tpl {
		if t.Path != nil {
			return p.errf(p.peek(), "CONSTRUCT WHERE allows only simple triple patterns")
		}
	}
	q.Template = tpl
	return p.modifiers(q, &selectClause{star: true}, a.BGP{Patterns: tpl}, false)
}

// triplesTemplate reads triples up to the closing punctuation.
func (p *parser) triplesTemplate(closing string) ([]a.Triple, error) {
	var out []a.Triple
	for !p.acceptP(closing) {
		if err := p.triplesSameSubject(&out); err != nil {
			return nil, err
		}
		if !p.acceptP(".") {
			if err := p.expectP(closing); err != nil {
				return nil, err
			}
			break
		}
	}
	return out, nil
}

func (p *parser) describeQuery(q *a.Query) error {
	star := p.acceptP("*")
	if !star {
		for {
			t := p.peek()
			if t.kind == tVar {
				p.next()
				q.Describe = append(q.Describe, a.V(t.val))
			} else if t.kind == tIRI || t.kind == tPName {
				iri, err := p.iri()
				if err != nil {
					return err
				}
				q.Describe = append(q.Describe, a.T(iri))
			} else {
				break
			}
		}
		if len(q.Describe) == 0 {
			return p.errf(p.peek(), "expected variables, IRIs or * after DESCRIBE")
		}
	}
	if err := p.datasetClauses(q); err != nil {
		return err
	}
	if p.isWord(p.peek(), "WHERE") || p.isP(p.peek(), "{") {
		if err := p.whereAndModifiers(q, &selectClause{star: true}, false); err != nil {
			return err
		}
	} else {
		if err := p.modifiers(q, &selectClause{star: true}, a.Empty{}, false); err != nil {
			return err
		}
	}
	if star {
		for _, v := range a.InScope(q.Pattern) {
			if !a.Internal(v) {
				q.Describe = append(q.Describe, a.V(v))
			}
		}
	}
	return nil
}

// ---- graph patterns -------------------------------------------------------------

func (p *parser) groupGraphPattern() (a.Op, error) {
	if err := p.expectP("{"); err != nil {
		return nil, err
	}
	if p.isWord(p.peek(), "SELECT") {
		p.next()
		sub := &a.Query{Form: a.Select}
		saved := p.aggs
		p.aggs = nil
		if err := p.selectQuery(sub, true); err != nil {
			return nil, err
		}
		p.aggs = saved
		if p.isWord(p.peek(), "VALUES") {
			p.next()
			v, err := p.dataBlock()
			if err != nil {
				return nil, err
			}
			sub.Pattern = joinValuesUnderProject(sub.Pattern, v)
		}
		if err := p.expectP("}"); err != nil {
			return nil, err
		}
		return sub.Pattern, nil
	}
	var g a.Op
	var filters []a.Expr
	var bgp []a.Triple
	p.bgpID++
	flush := func() {
		if len(bgp) > 0 {
			g = join(g, a.BGP{Patterns: bgp})
			bgp = nil
		}
		p.bgpID++
	}
	orEmpty := func() a.Op {
		if g == nil {
			return a.Empty{}
		}
		return g
	}
	for {
		t := p.peek()
		switch {
		case p.isP(t, "}"):
			p.next()
			flush()
			g = orEmpty()
			if len(filters) > 0 {
				g = a.Filter{Expr: andAll(filters), P: g}
			}
			return g, nil
		case t.kind == tEOF:
			return nil, p.errf(t, "expected '}' to close the group")
		case p.isWord(t, "FILTER"):
			p.next()
			e, err := p.constraint()
			if err != nil {
				return nil, err
			}
			filters = append(filters, e)
		case p.isWord(t, "OPTIONAL"):
			p.next()
			flush()
			r, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			if f, ok := r.(a.Filter); ok {
				g = a.LeftJoin{L: orEmpty(), R: f.P, Expr: f.Expr}
			} else {
				g = a.LeftJoin{L: orEmpty(), R: r}
			}
		case p.isWord(t, "MINUS"):
			p.next()
			flush()
			r, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			g = a.Minus{L: orEmpty(), R: r}
		case p.isWord(t, "GRAPH"):
			p.next()
			flush()
			name, err := p.varOrIri()
			if err != nil {
				return nil, err
			}
			r, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			g = join(g, a.Graph{Name: name, P: r})
		case p.isWord(t, "SERVICE"):
			return nil, p.errf(t, "SERVICE (federated query) is not supported")
		case p.isWord(t, "BIND"):
			p.next()
			flush()
			if err := p.expectP("("); err != nil {
				return nil, err
			}
			e, err := p.expression()
			if err != nil {
				return nil, err
			}
			if err := p.expectWord("AS"); err != nil {
				return nil, err
			}
			vt := p.next()
			if vt.kind != tVar {
				return nil, p.errf(vt, "expected a variable after AS")
			}
			if err := p.expectP(")"); err != nil {
				return nil, err
			}
			for _, v := range a.InScope(orEmpty()) {
				if v == vt.val {
					return nil, p.errf(vt, "BIND: variable ?%s is already in scope", v)
				}
			}
			g = a.Extend{P: orEmpty(), Var: vt.val, Expr: e}
		case p.isWord(t, "VALUES"):
			p.next()
			flush()
			v, err := p.dataBlock()
			if err != nil {
				return nil, err
			}
			g = join(g, v)
		case p.isP(t, "{"):
			flush()
			l, err := p.groupGraphPattern()
			if err != nil {
				return nil, err
			}
			for p.acceptWord("UNION") {
				r, err := p.groupGraphPattern()
				if err != nil {
					return nil, err
				}
				l = a.Union{L: l, R: r}
			}
			if _, ok := l.(a.Filter); ok && g == nil {
				// Join(Z, Filter) keeps a nested group's filter inside it:
				// OPTIONAL lifts only its own group's filters (§18.2.2.6).
				g = a.Empty{}
			}
			g = join(g, l)
		default:
			if err := p.triplesSameSubject(&bgp); err != nil {
				return nil, err
			}
			if !p.acceptP(".") {
				// Without a dot, the triples block ends here.
				n := p.peek()
				if !(p.isP(n, "}") || n.kind == tWord && !p.isWord(n, "a") || p.isP(n, "{")) {
					return nil, p.errf(n, "expected '.', '}' or a pattern keyword, found %s", describe(n))
				}
			}
			continue
		}
		p.acceptP(".")
	}
}

// joinValuesUnderProject puts a subquery's trailing VALUES below its
// projection, where the variables are still visible.
func joinValuesUnderProject(op a.Op, v a.Values) a.Op {
	switch o := op.(type) {
	case a.Project:
		return a.Project{P: a.Join{L: o.P, R: v}, Vars: o.Vars}
	case a.Distinct:
		return a.Distinct{P: joinValuesUnderProject(o.P, v)}
	case a.Reduced:
		return a.Reduced{P: joinValuesUnderProject(o.P, v)}
	case a.Slice:
		return a.Slice{P: joinValuesUnderProject(o.P, v), Offset: o.Offset, Limit: o.Limit}
	}
	return a.Join{L: op, R: v}
}

func join(g, r a.Op) a.Op {
	if g == nil {
		return r
	}
	return a.Join{L: g, R: r}
}

func (p *parser) dataBlock() (a.Values, error) {
	var v a.Values
	t := p.peek()
	if t.kind == tVar {
		p.next()
		v.Vars = []string{t.val}
		if err := p.expectP("{"); err != nil {
			return v, err
		}
		for !p.acceptP("}") {
			term, err := p.dataValue()
			if err != nil {
				return v, err
			}
			v.Rows = append(v.Rows, []rdf.Term{term})
		}
		return v, nil
	}
	if err := p.expectP("("); err != nil {
		return v, err
	}
	for !p.acceptP(")") {
		vt := p.next()
		if vt.kind != tVar {
			return v, p.errf(vt, "expected a variable in VALUES")
		}
		v.Vars = append(v.Vars, vt.val)
	}
	if err := p.expectP("{"); err != nil {
		return v, err
	}
	for !p.acceptP("}") {
		rt := p.peek()
		if err := p.expectP("("); err != nil {
			return v, err
		}
		var row []rdf.Term
		for !p.acceptP(")") {
			term, err := p.dataValue()
			if err != nil {
				return v, err
			}
			row = append(row, term)
		}
		if len(row) != len(v.Vars) {
			return v, p.errf(rt, "VALUES row has %d values for %d variables", len(row), len(v.Vars))
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

func (p *parser) dataValue() (rdf.Term, error) {
	t := p.peek()
	if p.isWord(t, "UNDEF") {
		p.next()
		return rdf.Term{}, nil
	}
	n, err := p.varOrTerm()
	if err != nil {
		return rdf.Term{}, err
	}
	if n.IsVar() || n.Term.Kind == rdf.Blank {
		return rdf.Term{}, p.errf(t, "VALUES takes IRIs, literals and UNDEF only")
	}
	return n.Term, nil
}

// ---- triples -------------------------------------------------------------------------

func (p *parser) triplesSameSubject(out *[]a.Triple) error {
	t := p.peek()
	if p.isP(t, "[") && !p.isP(p.peekN(1), "]") || p.isP(t, "(") && !p.isP(p.peekN(1), ")") {
		s, err := p.triplesNode(out)
		if err != nil {
			return err
		}
		if p.startsVerb(p.peek()) {
			return p.propertyList(s, out)
		}
		return nil
	}
	s, err := p.varOrTerm()
	if err != nil {
		return err
	}
	if s.Term.Kind == rdf.Literal {
		return p.errf(t, "a literal cannot be a subject")
	}
	return p.propertyList(s, out)
}

func (p *parser) startsVerb(t token) bool {
	return t.kind == tVar || t.kind == tIRI || t.kind == tPName || t.kind == tWord && t.val == "a" ||
		p.isP(t, "^") || p.isP(t, "!") || p.isP(t, "(")
}

func (p *parser) propertyList(s a.Node, out *[]a.Triple) error {
	for {
		t := p.peek()
		var verb a.Node
		var path a.Path
		if t.kind == tVar {
			p.next()
			verb = a.V(t.val)
		} else if p.startsVerb(t) {
			pa, err := p.path()
			if err != nil {
				return err
			}
			if p.inTemplate {
				pi, ok := pa.(a.PathIRI)
				if !ok {
					return p.errf(t, "property paths are not allowed in a template")
				}
				verb = a.T(pi.IRI)
			} else {
				path = pa
			}
		} else {
			return p.errf(t, "expected a predicate, found %s", describe(t))
		}
		for {
			o, err := p.graphNode(out)
			if err != nil {
				return err
			}
			if path != nil {
				p.addPath(s, path, o, out)
			} else {
				*out = append(*out, a.Triple{S: s, P: verb, O: o})
			}
			if !p.acceptP(",") {
				break
			}
		}
		if !p.isP(p.peek(), ";") {
			return nil
		}
		for p.acceptP(";") {
		}
		if n := p.peek(); !p.startsVerb(n) {
			return nil
		}
	}
}

// addPath translates a path pattern (SPARQL 1.1 §18.2.2.4): single IRIs
// and inverses become triple patterns and sequences get a fresh variable,
// so that the planner sees as many plain patterns as possible.
func (p *parser) addPath(s a.Node, path a.Path, o a.Node, out *[]a.Triple) {
	switch x := path.(type) {
	case a.PathIRI:
		*out = append(*out, a.Triple{S: s, P: a.T(x.IRI), O: o})
		return
	case a.PathInv:
		if pi, ok := x.P.(a.PathIRI); ok {
			*out = append(*out, a.Triple{S: o, P: a.T(pi.IRI), O: s})
			return
		}
	case a.PathSeq:
		v := a.V(p.fresh("p"))
		p.addPath(s, x.L, v, out)
		p.addPath(v, x.R, o, out)
		return
	}
	*out = append(*out, a.Triple{S: s, O: o, Path: path})
}

func (p *parser) path() (a.Path, error) {
	l, err := p.pathSeq()
	if err != nil {
		return nil, err
	}
	for p.acceptP("|") {
		r, err := p.pathSeq()
		if err != nil {
			return nil, err
		}
		l = a.PathAlt{L: l, R: r}
	}
	return l, nil
}

func (p *parser) pathSeq() (a.Path, error) {
	l, err := p.pathEltOrInverse()
	if err != nil {
		return nil, err
	}
	for p.acceptP("/") {
		r, err := p.pathEltOrInverse()
		if err != nil {
			return nil, err
		}
		l = a.PathSeq{L: l, R: r}
	}
	return l, nil
}

func (p *parser) pathEltOrInverse() (a.Path, error) {
	if p.acceptP("^") {
		e, err := p.pathElt()
		if err != nil {
			return nil, err
		}
		return a.PathInv{P: e}, nil
	}
	return p.pathElt()
}

func (p *parser) pathElt() (a.Path, error) {
	prim, err := p.pathPrimary()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	switch {
	case p.isP(t, "*"):
		p.next()
		return a.PathZeroOrMore{P: prim}, nil
	case p.isP(t, "+"):
		p.next()
		return a.PathOneOrMore{P: prim}, nil
	case p.isP(t, "?"):
		p.next()
		return a.PathZeroOrOne{P: prim}, nil
	}
	return prim, nil
}

func (p *parser) pathPrimary() (a.Path, error) {
	t := p.peek()
	switch {
	case t.kind == tWord && t.val == "a":
		p.next()
		return a.PathIRI{IRI: rdf.NewIRI(rdf.RDFType)}, nil
	case t.kind == tIRI || t.kind == tPName:
		iri, err := p.iri()
		if err != nil {
			return nil, err
		}
		return a.PathIRI{IRI: iri}, nil
	case p.isP(t, "("):
		p.next()
		pa, err := p.path()
		if err != nil {
			return nil, err
		}
		return pa, p.expectP(")")
	case p.isP(t, "!"):
		p.next()
		var neg a.PathNeg
		one := func() error {
			inv := p.acceptP("^")
			t := p.peek()
			var iri rdf.Term
			if t.kind == tWord && t.val == "a" {
				p.next()
				iri = rdf.NewIRI(rdf.RDFType)
			} else {
				var err error
				if iri, err = p.iri(); err != nil {
					return err
				}
			}
			if inv {
				neg.Inv = append(neg.Inv, iri)
			} else {
				neg.Fwd = append(neg.Fwd, iri)
			}
			return nil
		}
		if p.acceptP("(") {
			if !p.acceptP(")") {
				for {
					if err := one(); err != nil {
						return nil, err
					}
					if !p.acceptP("|") {
						break
					}
				}
				if err := p.expectP(")"); err != nil {
					return nil, err
				}
			}
		} else if err := one(); err != nil {
			return nil, err
		}
		return neg, nil
	}
	return nil, p.errf(t, "expected a predicate or path, found %s", describe(t))
}

// graphNode reads an object: a term, a variable, [ ... ] or ( ... ).
func (p *parser) graphNode(out *[]a.Triple) (a.Node, error) {
	t := p.peek()
	if p.isP(t, "[") && !p.isP(p.peekN(1), "]") || p.isP(t, "(") && !p.isP(p.peekN(1), ")") {
		return p.triplesNode(out)
	}
	return p.varOrTerm()
}

func (p *parser) anon() a.Node {
	if p.inTemplate {
		p.nvar++
		return a.T(rdf.NewBlank(fmt.Sprintf("t%d", p.nvar)))
	}
	return a.V(p.fresh("b"))
}

func (p *parser) triplesNode(out *[]a.Triple) (a.Node, error) {
	if p.acceptP("[") {
		b := p.anon()
		if err := p.propertyList(b, out); err != nil {
			return b, err
		}
		return b, p.expectP("]")
	}
	if err := p.expectP("("); err != nil {
		return a.Node{}, err
	}
	first, rest := a.T(rdf.NewIRI(rdf.RDFNS+"first")), a.T(rdf.NewIRI(rdf.RDFNS+"rest"))
	var head, prev a.Node
	for !p.acceptP(")") {
		cell := p.anon()
		if head == (a.Node{}) {
			head = cell
		} else {
			*out = append(*out, a.Triple{S: prev, P: rest, O: cell})
		}
		o, err := p.graphNode(out)
		if err != nil {
			return head, err
		}
		*out = append(*out, a.Triple{S: cell, P: first, O: o})
		prev = cell
	}
	*out = append(*out, a.Triple{S: prev, P: rest, O: a.T(rdf.NewIRI(rdf.RDFNS + "nil"))})
	return head, nil
}

func (p *parser) varOrIri() (a.Node, error) {
	t := p.peek()
	if t.kind == tVar {
		p.next()
		return a.V(t.val), nil
	}
	iri, err := p.iri()
	return a.T(iri), err
}

func (p *parser) varOrTerm() (a.Node, error) {
	t := p.next()
	switch t.kind {
	case tVar:
		return a.V(t.val), nil
	case tIRI, tPName:
		p.i--
		iri, err := p.iri()
		return a.T(iri), err
	case tBlank:
		if p.inTemplate {
			return a.T(rdf.NewBlank("l" + t.val)), nil
		}
		if id, ok := p.bnodeScope[t.val]; ok && id != p.bgpID {
			return a.Node{}, p.errf(t, "blank node _:%s is used in two basic graph patterns", t.val)
		}
		p.bnodeScope[t.val] = p.bgpID
		return a.V(".b_" + t.val), nil
	case tString:
		lit, err := p.literalRest(t)
		return a.T(lit), err
	case tInteger:
		return a.T(rdf.NewTypedLiteral(t.val, rdf.XSDInteger)), nil
	case tDecimal:
		return a.T(rdf.NewTypedLiteral(t.val, rdf.XSDDecimal)), nil
	case tDouble:
		return a.T(rdf.NewTypedLiteral(t.val, rdf.XSDDouble)), nil
	case tWord:
		switch v := strings.ToLower(t.val); v {
		case "true", "false":
			return a.T(rdf.NewTypedLiteral(v, rdf.XSDBoolean)), nil
		}
	case tPunct:
		switch t.val {
		case "+", "-":
			n := p.peek()
			if (n.kind == tInteger || n.kind == tDecimal || n.kind == tDouble) && n.pos == t.end {
				p.next()
				dt := map[tokKind]string{tInteger: rdf.XSDInteger, tDecimal: rdf.XSDDecimal, tDouble: rdf.XSDDouble}[n.kind]
				return a.T(rdf.NewTypedLiteral(t.val+n.val, dt)), nil
			}
		case "[":
			if err := p.expectP("]"); err != nil {
				return a.Node{}, err
			}
			return p.anon(), nil
		case "(":
			if err := p.expectP(")"); err != nil {
				return a.Node{}, err
			}
			return a.T(rdf.NewIRI(rdf.RDFNS + "nil")), nil
		}
	}
	return a.Node{}, p.errf(t, "expected a variable or RDF term, found %s", describe(t))
}

func (p *parser) literalRest(t token) (rdf.Term, error) {
	n := p.peek()
	if n.kind == tLang {
		p.next()
		// Tags compare case-insensitively; the readers keep them in lower case.
		return rdf.NewLangLiteral(t.val, strings.ToLower(n.val)), nil
	}
	if p.isP(n, "^^") {
		p.next()
		dt, err := p.iri()
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.NewTypedLiteral(t.val, dt.Value), nil
	}
	return rdf.NewLiteral(t.val), nil
}

func (p *parser) iri() (rdf.Term, error) {
	t := p.next()
	switch t.kind {
	case tIRI:
		s, err := p.resolve(t)
		return rdf.NewIRI(s), err
	case tPName:
		ns, ok := p.prefixes[t.prefix]
		if !ok {
			return rdf.Term{}, p.errf(t, "undeclared prefix %q", t.prefix)
		}
		return rdf.NewIRI(ns + t.val), nil
	}
	return rdf.Term{}, p.errf(t, "expected an IRI, found %s", describe(t))
}

func (p *parser) resolve(t token) (string, error) {
	ref, _ := rdf.ParseIRIRef(t.val)
	if ref.Scheme != "" {
		return t.val, nil
	}
	if !p.hasBase {
		return "", p.errf(t, "relative IRI <%s> and no BASE", t.val)
	}
	return p.base.Resolve(ref).String(), nil
}

// ---- expressions -----------------------------------------------------------------------

func (p *parser) constraint() (a.Expr, error) {
	t := p.peek()
	if p.isP(t, "(") {
		return p.bracketted()
	}
	if !p.startsCall(t) {
		return nil, p.errf(t, "expected '(' or a function call, found %s", describe(t))
	}
	return p.primary()
}

func (p *parser) bracketted() (a.Expr, error) {
	if err := p.expectP("("); err != nil {
		return nil, err
	}
	e, err := p.expression()
	if err != nil {
		return nil, err
	}
	return e, p.expectP(")")
}

func (p *parser) expression() (a.Expr, error) {
	l, err := p.andExpr()
	if err != nil {
		return nil, err
	}
	for p.acceptP("||") {
		r, err := p.andExpr()
		if err != nil {
			return nil, err
		}
		l = a.ExprCall{Func: "||", Args: []a.Expr{l, r}}
	}
	return l, nil
}

func (p *parser) andExpr() (a.Expr, error) {
	l, err := p.relational()
	if err != nil {
		return nil, err
	}
	for p.acceptP("&&") {
		r, err := p.relational()
		if err != nil {
			return nil, err
		}
		l = a.ExprCall{Func: "&&", Args: []a.Expr{l, r}}
	}
	return l, nil
}

func (p *parser) relational() (a.Expr, error) {
	l, err := p.additive()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.kind == tPunct {
		switch t.val {
		case "=", "!=", "<", ">", "<=", ">=":
			p.next()
			r, err := p.additive()
			if err != nil {
				return nil, err
			}
			return a.ExprCall{Func: t.val, Args: []a.Expr{l, r}}, nil
		}
	}
	not := false
	if p.isWord(t, "NOT") && p.isWord(p.peekN(1), "IN") {
		p.next()
		not = true
		t = p.peek()
	}
	if p.isWord(t, "IN") {
		p.next()
		list, err := p.exprList()
		if err != nil {
			return nil, err
		}
		return a.ExprIn{Not: not, Expr: l, List: list}, nil
	}
	return l, nil
}

func (p *parser) exprList() ([]a.Expr, error) {
	if err := p.expectP("("); err != nil {
		return nil, err
	}
	var list []a.Expr
	if p.acceptP(")") {
		return list, nil
	}
	for {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		list = append(list, e)
		if p.acceptP(")") {
			return list, nil
		}
		if err := p.expectP(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) additive() (a.Expr, error) {
	l, err := p.multiplicative()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if !p.isP(t, "+") && !p.isP(t, "-") {
			return l, nil
		}
		p.next()
		r, err := p.multiplicative()
		if err != nil {
			return nil, err
		}
		l = a.ExprCall{Func: t.val, Args: []a.Expr{l, r}}
	}
}

func (p *parser) multiplicative() (a.Expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if !p.isP(t, "*") && !p.isP(t, "/") {
			return l, nil
		}
		p.next()
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = a.ExprCall{Func: t.val, Args: []a.Expr{l, r}}
	}
}

func (p *parser) unary() (a.Expr, error) {
	t := p.peek()
	switch {
	case p.isP(t, "!"):
		p.next()
		e, err := p.unary()
		return a.ExprCall{Func: "!", Args: []a.Expr{e}}, err
	case p.isP(t, "+"):
		p.next()
		e, err := p.unary()
		return a.ExprCall{Func: "u+", Args: []a.Expr{e}}, err
	case p.isP(t, "-"):
		p.next()
		e, err := p.unary()
		return a.ExprCall{Func: "u-", Args: []a.Expr{e}}, err
	}
	return p.primary()
}

// builtins lists the built-in functions with their argument counts
// (max -1: any number).
var builtins = map[string][2]int{
	"STR": {1, 1}, "LANG": {1, 1}, "LANGMATCHES": {2, 2}, "DATATYPE": {1, 1}, "BOUND": {1, 1},
	"IRI": {1, 1}, "URI": {1, 1}, "BNODE": {0, 1}, "RAND": {0, 0}, "ABS": {1, 1}, "CEIL": {1, 1},
	"FLOOR": {1, 1}, "ROUND": {1, 1}, "CONCAT": {0, -1}, "STRLEN": {1, 1}, "UCASE": {1, 1},
	"LCASE": {1, 1}, "ENCODE_FOR_URI": {1, 1}, "CONTAINS": {2, 2}, "STRSTARTS": {2, 2},
	"STRENDS": {2, 2}, "STRBEFORE": {2, 2}, "STRAFTER": {2, 2}, "YEAR": {1, 1}, "MONTH": {1, 1},
	"DAY": {1, 1}, "HOURS": {1, 1}, "MINUTES": {1, 1}, "SECONDS": {1, 1}, "TIMEZONE": {1, 1},
	"TZ": {1, 1}, "NOW": {0, 0}, "UUID": {0, 0}, "STRUUID": {0, 0}, "MD5": {1, 1}, "SHA1": {1, 1},
	"SHA256": {1, 1}, "SHA384": {1, 1}, "SHA512": {1, 1}, "COALESCE": {0, -1}, "IF": {3, 3},
	"STRLANG": {2, 2}, "STRDT": {2, 2}, "SAMETERM": {2, 2}, "ISIRI": {1, 1}, "ISURI": {1, 1},
	"ISBLANK": {1, 1}, "ISLITERAL": {1, 1}, "ISNUMERIC": {1, 1}, "REGEX": {2, 3},
	"SUBSTR": {2, 3}, "REPLACE": {3, 4},
}

var aggregates = map[string]bool{"COUNT": true, "SUM": true, "MIN": true, "MAX": true, "AVG": true, "SAMPLE": true, "GROUP_CONCAT": true}

func (p *parser) primary() (a.Expr, error) {
	t := p.peek()
	switch t.kind {
	case tVar:
		p.next()
		return a.ExprVar{Name: t.val}, nil
	case tIRI, tPName:
		iri, err := p.iri()
		if err != nil {
			return nil, err
		}
		if p.isP(p.peek(), "(") {
			args, err := p.argList()
			if err != nil {
				return nil, err
			}
			return a.ExprCall{Func: iri.Value, Args: args}, nil
		}
		return a.ExprTerm{Term: iri}, nil
	case tString, tInteger, tDecimal, tDouble:
		n, err := p.varOrTerm()
		return a.ExprTerm{Term: n.Term}, err
	case tPunct:
		if t.val == "(" {
			return p.bracketted()
		}
	case tWord:
		name := strings.ToUpper(t.val)
		if name == "TRUE" || name == "FALSE" {
			p.next()
			return a.ExprTerm{Term: rdf.NewTypedLiteral(strings.ToLower(t.val), rdf.XSDBoolean)}, nil
		}
		if name == "EXISTS" || name == "NOT" && p.isWord(p.peekN(1), "EXISTS") {
			p.next()
			not := name == "NOT"
			if not {
				p.next()
			}
			saved := p.aggs
			p.aggs = nil
			g, err := p.groupGraphPattern()
			p.aggs = saved
			if err != nil {
				return nil, err
			}
			return &a.ExprExists{Not: not, P: g}, nil
		}
		if aggregates[name] {
			return p.aggregate(t, name)
		}
		arity, ok := builtins[name]
		if !ok {
			break
		}
		p.next()
		if name == "URI" {
			name = "IRI"
		} else if name == "ISURI" {
			name = "ISIRI"
		}
		var args []a.Expr
		var err error
		if name == "BOUND" {
			if err := p.expectP("("); err != nil {
				return nil, err
			}
			vt := p.next()
			if vt.kind != tVar {
				return nil, p.errf(vt, "BOUND takes a variable")
			}
			if err := p.expectP(")"); err != nil {
				return nil, err
			}
			return a.ExprCall{Func: name, Args: []a.Expr{a.ExprVar{Name: vt.val}}}, nil
		}
		if args, err = p.argList(); err != nil {
			return nil, err
		}
		if len(args) < arity[0] || arity[1] >= 0 && len(args) > arity[1] {
			return nil, p.errf(t, "%s takes %s, not %d", name, arityText(arity), len(args))
		}
		return a.ExprCall{Func: name, Args: args}, nil
	}
	return nil, p.errf(t, "expected an expression, found %s", describe(t))
}

// startsCall reports whether t begins a function call (a constraint
// without brackets).
func (p *parser) startsCall(t token) bool {
	switch t.kind {
	case tIRI, tPName:
		return true
	case tWord:
		n := strings.ToUpper(t.val)
		_, ok := builtins[n]
		return ok || aggregates[n] || n == "EXISTS" || n == "NOT" && p.isWord(p.peekN(1), "EXISTS")
	}
	return false
}

func arityText(ar [2]int) string {
	switch {
	case ar[0] == ar[1]:
		return fmt.Sprintf("%d arguments", ar[0])
	case ar[1] < 0:
		return fmt.Sprintf("at least %d arguments", ar[0])
	}
	return fmt.Sprintf("%d to %d arguments", ar[0], ar[1])
}

func (p *parser) argList() ([]a.Expr, error) {
	if err := p.expectP("("); err != nil {
		return nil, err
	}
	var args []a.Expr
	if p.acceptP(")") {
		return args, nil
	}
	p.acceptWord("DISTINCT")
	for {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
		if p.acceptP(")") {
			return args, nil
		}
		if err := p.expectP(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) aggregate(t token, name string) (a.Expr, error) {
	p.next()
	if p.aggs == nil {
		return nil, p.errf(t, "aggregate %s is only allowed in SELECT, HAVING and ORDER BY", name)
	}
	saved := p.aggs
	p.aggs = nil // no nested aggregates
	defer func() { p.aggs = saved }()
	if err := p.expectP("("); err != nil {
		return nil, err
	}
	ag := &a.Aggregate{Func: name}
	ag.Distinct = p.acceptWord("DISTINCT")
	if name == "COUNT" && p.acceptP("*") {
		ag.Star = true
	} else {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		ag.Expr = e
	}
	if name == "GROUP_CONCAT" {
		ag.Separator = " "
		if p.acceptP(";") {
			if err := p.expectWord("SEPARATOR"); err != nil {
				return nil, err
			}
			if err := p.expectP("="); err != nil {
				return nil, err
			}
			st := p.next()
			if st.kind != tString {
				return nil, p.errf(st, "expected a string after SEPARATOR =")
			}
			ag.Separator = st.val
		}
	}
	if err := p.expectP(")"); err != nil {
		return nil, err
	}
	return p.liftAggs(ag, saved), nil
}
