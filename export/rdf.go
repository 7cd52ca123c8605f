// Package export writes the store out: the standard RDF syntaxes through
// package rdf, and the projections for Gephi and Graphviz.
package export

import (
	"fmt"
	"io"

	"notegraph/ontology"
	"notegraph/rdf"
	"notegraph/rdf/rdfio"
)

// RDF streams every quad of src to w in the named format (ttl, nt, nq, trig,
// jsonld). Turtle and N-Triples write the union of all graphs; N-Quads and
// TriG keep each document in its named graph. Only JSON-LD holds the graph
// in memory, because it must be compacted as a whole.
func RDF(w io.Writer, src QuadSource, format string) (int, error) {
	f, ok := rdfio.ByName(format)
	if !ok {
		return 0, fmt.Errorf("unknown RDF format %q", format)
	}
	enc := f.NewEncoder(w, rdfio.Options{Prefixes: ontology.RDFPrefixes(), Context: ontology.Context()["@context"].(map[string]any)})
	n := 0
	err := src.Each(func(q rdf.Quad) error {
		n++
		return enc.Encode(q)
	})
	if cerr := enc.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// Vocabulary writes the ontology (OWL terms and the SKOS event-type scheme).
func Vocabulary(w io.Writer, format string) error {
	_, err := RDF(w, sliceSource(ontology.VocabularyQuads()), format)
	return err
}

type sliceSource []rdf.Quad

func (s sliceSource) Each(fn func(rdf.Quad) error) error {
	for _, q := range s {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}
