// Package algebra holds SPARQL 1.1 queries as values: the graph patterns,
// expressions and solution modifiers of the SPARQL algebra (SPARQL 1.1
// §18). The parser produces them, the planner rewrites them and the
// evaluator runs them; none of the three shares any other state.
package algebra

import (
	"fmt"
	"strings"

	"notegraph/rdf"
)

// Node is a position in a pattern: a variable (Var set) or a term.
type Node struct {
	Var  string
	Term rdf.Term
}

// V and T build Nodes.
func V(name string) Node   { return Node{Var: name} }
func T(t rdf.Term) Node    { return Node{Term: t} }
func (n Node) IsVar() bool { return n.Var != "" }
func (n Node) String() string {
	if n.Var != "" {
		return "?" + n.Var
	}
	return n.Term.String()
}

// Path is a SPARQL property path expression.
type Path interface{ pathNode() }

type (
	// PathIRI is a single predicate.
	PathIRI struct{ IRI rdf.Term }
	// PathInv is ^p.
	PathInv struct{ P Path }
	// PathSeq is p1/p2.
	PathSeq struct{ L, R Path }
	// PathAlt is p1|p2.
	PathAlt struct{ L, R Path }
	// PathZeroOrMore is p*.
	PathZeroOrMore struct{ P Path }
	// PathOneOrMore is p+.
	PathOneOrMore struct{ P Path }
	// PathZeroOrOne is p?.
	PathZeroOrOne struct{ P Path }
	// PathNeg is !(p1|...|^q1|...): Fwd and Inv list the excluded IRIs.
	PathNeg struct{ Fwd, Inv []rdf.Term }
)

func (PathIRI) pathNode()        {}
func (PathInv) pathNode()        {}
func (PathSeq) pathNode()        {}
func (PathAlt) pathNode()        {}
func (PathZeroOrMore) pathNode() {}
func (PathOneOrMore) pathNode()  {}
func (PathZeroOrOne) pathNode()  {}
func (PathNeg) pathNode()        {}

// Triple is one pattern of a basic graph pattern. Exactly one of P and
// Path is used: Path is nil for a plain triple pattern.
type Triple struct {
	S, P, O Node
	Path    Path
}

// Op is a graph pattern of the algebra.
type Op interface{ opNode() }

type (
	// BGP is a basic graph pattern, extended with property-path patterns so
	// that the planner can order both together.
	BGP struct{ Patterns []Triple }
	// Join is the join of two patterns.
	Join struct{ L, R Op }
	// LeftJoin is OPTIONAL, with the filter of the optional group (nil: true).
	LeftJoin struct {
		L, R Op
		Expr Expr
	}
	// Filter keeps the solutions of P for which Expr is true.
	Filter struct {
		Expr Expr
		P    Op
	}
	// Union is {L} UNION {R}.
	Union struct{ L, R Op }
	// Minus is L MINUS {R}.
	Minus struct{ L, R Op }
	// Graph evaluates P in the named graph Name (a variable or an IRI).
	Graph struct {
		Name Node
		P    Op
	}
	// Extend is BIND(Expr AS ?Var) (and select expressions).
	Extend struct {
		P    Op
		Var  string
		Expr Expr
	}
	// Values is an inline data block; a zero term in a row is UNDEF.
	Values struct {
		Vars []string
		Rows [][]rdf.Term
	}
	// Group groups the solutions of P by Keys and computes Aggs per group.
	Group struct {
		P    Op
		Keys []GroupKey
		Aggs []AggBinding
	}
	// OrderBy sorts solutions.
	OrderBy struct {
		P     Op
		Conds []OrderCond
	}
	// Project keeps only Vars.
	Project struct {
		P    Op
		Vars []string
	}
	// Distinct removes duplicate solutions.
	Distinct struct{ P Op }
	// Reduced may remove duplicates; we remove adjacent ones.
	Reduced struct{ P Op }
	// Slice is OFFSET/LIMIT (Limit < 0: none).
	Slice struct {
		P             Op
		Offset, Limit int
	}
	// Empty is the pattern with one empty solution ({}).
	Empty struct{}
)

func (BGP) opNode()      {}
func (Join) opNode()     {}
func (LeftJoin) opNode() {}
func (Filter) opNode()   {}
func (Union) opNode()    {}
func (Minus) opNode()    {}
func (Graph) opNode()    {}
func (Extend) opNode()   {}
func (Values) opNode()   {}
func (Group) opNode()    {}
func (OrderBy) opNode()  {}
func (Project) opNode()  {}
func (Distinct) opNode() {}
func (Reduced) opNode()  {}
func (Slice) opNode()    {}
func (Empty) opNode()    {}

// GroupKey is one GROUP BY condition; Var names it when it is (expr AS ?v)
// or a plain variable.
type GroupKey struct {
	Expr Expr
	Var  string
}

// AggBinding binds an aggregate's value to a variable.
type AggBinding struct {
	Var string
	Agg Aggregate
}

// OrderCond is one ORDER BY condition.
type OrderCond struct {
	Expr Expr
	Desc bool
}

// Expr is a SPARQL expression.
type Expr interface{ exprNode() }

type (
	// ExprVar is a variable.
	ExprVar struct{ Name string }
	// ExprTerm is a constant.
	ExprTerm struct{ Term rdf.Term }
	// ExprCall is an operator ("||", "&&", "=", "!=", "<", ">", "<=", ">=",
	// "+", "-", "*", "/", "!", "u+", "u-"), a built-in function (upper-case
	// name, such as "STRLEN") or a function IRI (casts).
	ExprCall struct {
		Func string
		Args []Expr
	}
	// ExprExists is EXISTS / NOT EXISTS.
	ExprExists struct {
		Not bool
		P   Op
	}
	// ExprIn is IN / NOT IN.
	ExprIn struct {
		Not  bool
		Expr Expr
		List []Expr
	}
	// Aggregate is an aggregate call, only inside grouping.
	Aggregate struct {
		Func      string // COUNT SUM AVG MIN MAX SAMPLE GROUP_CONCAT
		Distinct  bool
		Star      bool
		Expr      Expr
		Separator string
	}
)

func (ExprVar) exprNode()     {}
func (ExprTerm) exprNode()    {}
func (ExprCall) exprNode()    {}
func (*ExprExists) exprNode() {}
func (ExprIn) exprNode()      {}
func (*Aggregate) exprNode()  {}

// Form is the query form.
type Form uint8

const (
	Select Form = iota
	Ask
	Construct
	Describe
)

func (f Form) String() string {
	return [...]string{"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}[f]
}

// Query is a parsed query.
type Query struct {
	Form     Form
	Pattern  Op
	Vars     []string // SELECT: the projected variables, in order
	Template []Triple // CONSTRUCT
	Describe []Node   // DESCRIBE
	// From and FromNamed are the dataset clauses (FROM, FROM NAMED).
	From, FromNamed []rdf.Term
	Base            string
}

// String renders an Op as an S-expression, for tests and debugging.
func String(op Op) string {
	var b strings.Builder
	writeOp(&b, op)
	return b.String()
}

func writeOp(b *strings.Builder, op Op) {
	switch o := op.(type) {
	case BGP:
		b.WriteString("(bgp")
		for _, t := range o.Patterns {
			if t.Path != nil {
				fmt.Fprintf(b, " (path %s %s %s)", t.S, PathString(t.Path), t.O)
			} else {
				fmt.Fprintf(b, " (%s %s %s)", t.S, t.P, t.O)
			}
		}
		b.WriteString(")")
	case Join:
		b.WriteString("(join ")
		writeOp(b, o.L)
		b.WriteString(" ")
		writeOp(b, o.R)
		b.WriteString(")")
	case LeftJoin:
		b.WriteString("(leftjoin ")
		writeOp(b, o.L)
		b.WriteString(" ")
		writeOp(b, o.R)
		if o.Expr != nil {
			b.WriteString(" " + ExprString(o.Expr))
		}
		b.WriteString(")")
	case Filter:
		fmt.Fprintf(b, "(filter %s ", ExprString(o.Expr))
		writeOp(b, o.P)
		b.WriteString(")")
	case Union:
		b.WriteString("(union ")
		writeOp(b, o.L)
		b.WriteString(" ")
		writeOp(b, o.R)
		b.WriteString(")")
	case Minus:
		b.WriteString("(minus ")
		writeOp(b, o.L)
		b.WriteString(" ")
		writeOp(b, o.R)
		b.WriteString(")")
	case Graph:
		fmt.Fprintf(b, "(graph %s ", o.Name)
		writeOp(b, o.P)
		b.WriteString(")")
	case Extend:
		b.WriteString("(extend ")
		writeOp(b, o.P)
		fmt.Fprintf(b, " ?%s %s)", o.Var, ExprString(o.Expr))
	case Values:
		fmt.Fprintf(b, "(values %v %d)", o.Vars, len(o.Rows))
	case Group:
		b.WriteString("(group ")
		writeOp(b, o.P)
		for _, k := range o.Keys {
			fmt.Fprintf(b, " (%s ?%s)", ExprString(k.Expr), k.Var)
		}
		for _, a := range o.Aggs {
			fmt.Fprintf(b, " (?%s %s)", a.Var, ExprString(&a.Agg))
		}
		b.WriteString(")")
	case OrderBy:
		b.WriteString("(order ")
		writeOp(b, o.P)
		b.WriteString(")")
	case Project:
		b.WriteString("(project ")
		writeOp(b, o.P)
		fmt.Fprintf(b, " %v)", o.Vars)
	case Distinct:
		b.WriteString("(distinct ")
		writeOp(b, o.P)
		b.WriteString(")")
	case Reduced:
		b.WriteString("(reduced ")
		writeOp(b, o.P)
		b.WriteString(")")
	case Slice:
		b.WriteString("(slice ")
		writeOp(b, o.P)
		fmt.Fprintf(b, " %d %d)", o.Offset, o.Limit)
	case Empty:
		b.WriteString("(empty)")
	default:
		fmt.Fprintf(b, "(%T)", op)
	}
}

// ExprString renders an expression.
func ExprString(e Expr) string {
	switch x := e.(type) {
	case ExprVar:
		return "?" + x.Name
	case ExprTerm:
		return x.Term.String()
	case ExprCall:
		parts := []string{x.Func}
		for _, a := range x.Args {
			parts = append(parts, ExprString(a))
		}
		return "(" + strings.Join(parts, " ") + ")"
	case *ExprExists:
		if x.Not {
			return "(notexists " + String(x.P) + ")"
		}
		return "(exists " + String(x.P) + ")"
	case ExprIn:
		parts := []string{"in", ExprString(x.Expr)}
		if x.Not {
			parts[0] = "notin"
		}
		for _, a := range x.List {
			parts = append(parts, ExprString(a))
		}
		return "(" + strings.Join(parts, " ") + ")"
	case *Aggregate:
		arg := "*"
		if x.Expr != nil {
			arg = ExprString(x.Expr)
		}
		if x.Distinct {
			arg = "distinct " + arg
		}
		return "(" + strings.ToLower(x.Func) + " " + arg + ")"
	}
	return fmt.Sprintf("%T", e)
}

// PathString renders a path.
func PathString(p Path) string {
	switch x := p.(type) {
	case PathIRI:
		return x.IRI.String()
	case PathInv:
		return "^" + PathString(x.P)
	case PathSeq:
		return "(" + PathString(x.L) + "/" + PathString(x.R) + ")"
	case PathAlt:
		return "(" + PathString(x.L) + "|" + PathString(x.R) + ")"
	case PathZeroOrMore:
		return PathString(x.P) + "*"
	case PathOneOrMore:
		return PathString(x.P) + "+"
	case PathZeroOrOne:
		return PathString(x.P) + "?"
	case PathNeg:
		var parts []string
		for _, t := range x.Fwd {
			parts = append(parts, t.String())
		}
		for _, t := range x.Inv {
			parts = append(parts, "^"+t.String())
		}
		return "!(" + strings.Join(parts, "|") + ")"
	}
	return "?"
}

// InScope returns the variables in scope in op (SPARQL 1.1 §18.2.1), in
// the order they first appear.
func InScope(op Op) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	var walk func(Op)
	walk = func(op Op) {
		switch o := op.(type) {
		case BGP:
			for _, t := range o.Patterns {
				add(t.S.Var)
				add(t.P.Var)
				add(t.O.Var)
			}
		case Join:
			walk(o.L)
			walk(o.R)
		case LeftJoin:
			walk(o.L)
			walk(o.R)
		case Union:
			walk(o.L)
			walk(o.R)
		case Minus:
			walk(o.L)
		case Filter:
			walk(o.P)
		case Graph:
			add(o.Name.Var)
			walk(o.P)
		case Extend:
			walk(o.P)
			add(o.Var)
		case Values:
			for _, v := range o.Vars {
				add(v)
			}
		case Group:
			for _, k := range o.Keys {
				add(k.Var)
			}
			for _, a := range o.Aggs {
				add(a.Var)
			}
		case Project:
			for _, v := range o.Vars {
				add(v)
			}
		case OrderBy:
			walk(o.P)
		case Distinct:
			walk(o.P)
		case Reduced:
			walk(o.P)
		case Slice:
			walk(o.P)
		}
	}
	walk(op)
	return out
}

// Internal reports whether a variable was made by the parser (for blank
// nodes, path steps and aggregates) rather than named in the query.
func Internal(v string) bool { return strings.HasPrefix(v, ".") }
