package graph

import (
	"fmt"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"notegraph/rdf"
)

// toValue maps an RDF term to Cayley's value type. Typed literals always stay
// quad.TypedString with the full datatype IRI: Cayley's quad.Int, quad.Time
// and friends are written back with short datatype IRIs (see VALIDATORS.md).
func toValue(t rdf.Term) quad.Value {
	switch t.Kind {
	case rdf.IRI:
		return quad.IRI(t.Value)
	case rdf.Blank:
		return quad.BNode(t.Value)
	case rdf.Literal:
		switch {
		case t.Lang != "":
			return quad.LangString{Value: quad.String(t.Value), Lang: t.Lang}
		case t.Datatype != "" && t.Datatype != rdf.XSDString:
			return quad.TypedString{Value: quad.String(t.Value), Type: quad.IRI(t.Datatype)}
		}
		return quad.String(t.Value)
	}
	return nil
}

// fromValue is the inverse of toValue. Values that toValue never produces
// (quad.Int and the like, written by other tools) are mapped to their
// canonical typed literal so that a foreign store still reads.
func fromValue(v quad.Value) (rdf.Term, error) {
	switch v := v.(type) {
	case nil:
		return rdf.Term{}, nil
	case quad.IRI:
		return rdf.NewIRI(string(v)), nil
	case quad.BNode:
		return rdf.NewBlank(string(v)), nil
	case quad.String:
		return rdf.NewLiteral(string(v)), nil
	case quad.LangString:
		return rdf.NewLangLiteral(string(v.Value), v.Lang), nil
	case quad.TypedString:
		return rdf.NewTypedLiteral(string(v.Value), string(v.Type)), nil
	case quad.TypedStringer:
		ts := v.TypedString()
		return rdf.NewTypedLiteral(string(ts.Value), expandXSD(string(ts.Type))), nil
	}
	return rdf.Term{}, fmt.Errorf("graph: unsupported Cayley value %T (%v)", v, v)
}

// expandXSD turns Cayley's short "xsd:" datatype names into full IRIs.
func expandXSD(dt string) string {
	if len(dt) > 4 && dt[:4] == "xsd:" {
		return rdf.XSD + dt[4:]
	}
	return dt
}

// CayleyQuad converts a quad to Cayley's form, as the store writes it (for
// benchmarks that hand the same quads to Cayley's own writer).
func CayleyQuad(q rdf.Quad) quad.Quad { return toQuad(q) }

func toQuad(q rdf.Quad) quad.Quad {
	return quad.Quad{Subject: toValue(q.S), Predicate: toValue(q.P), Object: toValue(q.O), Label: toValue(q.G)}
}

func fromQuad(q quad.Quad) (rdf.Quad, error) {
	var out rdf.Quad
	var err error
	if out.S, err = fromValue(q.Subject); err != nil {
		return out, err
	}
	if out.P, err = fromValue(q.Predicate); err != nil {
		return out, err
	}
	if out.O, err = fromValue(q.Object); err != nil {
		return out, err
	}
	out.G, err = fromValue(q.Label)
	return out, err
}

// checkTerm reports why t cannot be stored in position pos, or nil.
func checkTerm(t rdf.Term, pos string) error {
	switch t.Kind {
	case rdf.IRI:
		if t.Value == "" {
			return fmt.Errorf("empty IRI as %s", pos)
		}
		if pos == "predicate" || pos == "graph" {
			break
		}
	case rdf.Blank:
		if t.Value == "" {
			return fmt.Errorf("empty blank node label as %s", pos)
		}
		if pos == "predicate" || pos == "graph" {
			return fmt.Errorf("blank node %s as %s", t, pos)
		}
	case rdf.Literal:
		if pos != "object" {
			return fmt.Errorf("literal %s as %s", t, pos)
		}
	default:
		return fmt.Errorf("missing %s", pos)
	}
	if !utf8.ValidString(t.Value) || !utf8.ValidString(t.Lang) || !utf8.ValidString(t.Datatype) {
		return fmt.Errorf("invalid UTF-8 in %s %q", pos, t.Value)
	}
	return nil
}

func checkQuad(q rdf.Quad, graph rdf.Term) error {
	if err := checkTerm(q.S, "subject"); err != nil {
		return err
	}
	if err := checkTerm(q.P, "predicate"); err != nil {
		return err
	}
	if err := checkTerm(q.O, "object"); err != nil {
		return err
	}
	if q.G != graph {
		return fmt.Errorf("quad in graph %s listed under graph %s", q.G, graph)
	}
	return nil
}
