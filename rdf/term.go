// Package rdf holds the RDF 1.1 data model that every other layer of notegraph
// speaks: terms, triples in named graphs (quads), and the well-known
// vocabulary IRIs. The standard syntaxes live in sub-packages, one per format.
package rdf

import "strings"

// Kind tells which of the three RDF term kinds a Term is.
type Kind uint8

const (
	// None is the zero Term: the default graph when used as a graph name.
	None Kind = iota
	IRI
	Blank
	Literal
)

// Term is an RDF term. It is a comparable value, usable as a map key.
// For literals, Datatype is empty for a simple literal (xsd:string) and
// rdf:langString is implied when Lang is set.
type Term struct {
	Kind     Kind
	Value    string
	Lang     string
	Datatype string
}

// Common datatype IRIs.
const (
	XSD           = "http://www.w3.org/2001/XMLSchema#"
	XSDString     = XSD + "string"
	XSDDate       = XSD + "date"
	XSDGYearMonth = XSD + "gYearMonth"
	XSDGYear      = XSD + "gYear"
	XSDInteger    = XSD + "integer"
	XSDNonNegInt  = XSD + "nonNegativeInteger"
	XSDBoolean    = XSD + "boolean"
	XSDDecimal    = XSD + "decimal"
	XSDDouble     = XSD + "double"
	XSDDateTime   = XSD + "dateTime"
	RDFNS         = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFType       = RDFNS + "type"
	RDFLangString = RDFNS + "langString"
)

// NewIRI returns an IRI term.
func NewIRI(iri string) Term { return Term{Kind: IRI, Value: iri} }

// NewBlank returns a blank node with the given label (without "_:").
func NewBlank(id string) Term { return Term{Kind: Blank, Value: id} }

// NewLiteral returns a simple literal (datatype xsd:string).
func NewLiteral(v string) Term { return Term{Kind: Literal, Value: v} }

// NewLangLiteral returns a language-tagged string. Tags are kept as given;
// RDF compares them case-insensitively, so callers should prefer lower case.
func NewLangLiteral(v, lang string) Term { return Term{Kind: Literal, Value: v, Lang: lang} }

// NewTypedLiteral returns a literal with a datatype IRI. The xsd:string
// datatype is normalised to a simple literal.
func NewTypedLiteral(v, datatype string) Term {
	if datatype == XSDString {
		datatype = ""
	}
	return Term{Kind: Literal, Value: v, Datatype: datatype}
}

// IsZero reports whether t is the zero Term (no term, or the default graph).
func (t Term) IsZero() bool { return t.Kind == None }

// DatatypeIRI returns the literal's effective datatype IRI.
func (t Term) DatatypeIRI() string {
	switch {
	case t.Kind != Literal:
		return ""
	case t.Lang != "":
		return RDFLangString
	case t.Datatype == "":
		return XSDString
	}
	return t.Datatype
}

// String renders the term in N-Triples syntax, for messages and tests.
func (t Term) String() string {
	var b strings.Builder
	AppendNTriples(&b, t)
	return b.String()
}

// Triple is a statement; Quad is a statement in a graph (G zero: default graph).
type Quad struct {
	S, P, O, G Term
}

// Compare orders terms: by kind (IRI < blank < literal), then value, datatype, lang.
func Compare(a, b Term) int {
	if a.Kind != b.Kind {
		if order(a.Kind) < order(b.Kind) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.Value, b.Value); c != 0 {
		return c
	}
	if c := strings.Compare(a.Datatype, b.Datatype); c != 0 {
		return c
	}
	return strings.Compare(a.Lang, b.Lang)
}

func order(k Kind) int {
	switch k {
	case None:
		return 0
	case IRI:
		return 1
	case Blank:
		return 2
	}
	return 3
}

// CompareQuads orders quads by graph, subject, predicate, object.
func CompareQuads(a, b Quad) int {
	if c := Compare(a.G, b.G); c != 0 {
		return c
	}
	if c := Compare(a.S, b.S); c != 0 {
		return c
	}
	if c := Compare(a.P, b.P); c != 0 {
		return c
	}
	return Compare(a.O, b.O)
}
