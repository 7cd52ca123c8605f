package rdf

// Prefix binds a short name to a namespace IRI, as in Turtle's
// "@prefix ex: <http://example.org/> ." Encoders use prefixes to shorten
// IRIs; they never change the RDF that is written.
type Prefix struct {
	Prefix string // the label without the colon; "" is the empty prefix
	IRI    string // the namespace IRI
}
