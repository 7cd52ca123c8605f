// Package jsonld writes and reads RDF as JSON-LD 1.1. Compaction against an
// arbitrary context needs the whole dataset, so Encoder buffers statements
// until Close and compacts through json-gold; against a context of
// prefixes, StreamEncoder writes as statements arrive, in bounded memory.
// Reading goes through json-gold.
package jsonld

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/piprate/json-gold/ld"

	"notegraph/rdf"
	"notegraph/rdf/internal/termcheck"
)

// Encoder buffers statements and writes them as one compacted JSON-LD
// document on Close.
type Encoder struct {
	w       io.Writer
	context map[string]any
	dataset *ld.RDFDataset
	n       int
	closed  bool
}

// NewEncoder returns an encoder that compacts against context, the value
// of "@context" (term definitions and prefixes; nil for none). Typed
// literals keep their datatypes: numbers and booleans are not turned into
// native JSON values, whose lexical forms would not survive a round trip.
func NewEncoder(w io.Writer, context map[string]any) *Encoder {
	return &Encoder{w: w, context: context, dataset: ld.NewRDFDataset()}
}

// Encode adds a statement to the document. Terms that no RDF syntax could
// carry are rejected as in the other encoders.
func (e *Encoder) Encode(q rdf.Quad) error {
	if e.closed {
		return errors.New("jsonld: Encode after Close")
	}
	e.n++
	if err := termcheck.Quad(q); err != nil {
		return fmt.Errorf("jsonld: statement %d: %w", e.n, err)
	}
	for _, t := range [...]rdf.Term{q.S, q.P, q.O, q.G} {
		if _, err := termcheck.Term(t); err != nil {
			return fmt.Errorf("jsonld: statement %d: %w", e.n, err)
		}
	}
	graph := "@default"
	switch q.G.Kind {
	case rdf.IRI:
		graph = q.G.Value
	case rdf.Blank:
		graph = "_:" + q.G.Value
	}
	e.dataset.Graphs[graph] = append(e.dataset.Graphs[graph], ld.NewQuad(toNode(q.S), toNode(q.P), toNode(q.O), graph))
	return nil
}

func toNode(t rdf.Term) ld.Node {
	switch t.Kind {
	case rdf.IRI:
		return ld.NewIRI(t.Value)
	case rdf.Blank:
		return ld.NewBlankNode("_:" + t.Value)
	}
	return ld.NewLiteral(t.Value, t.DatatypeIRI(), t.Lang)
}

func options() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.UseNativeTypes = false
	opts.UseRdfType = false
	opts.CompactArrays = true
	return opts
}

// Close converts the buffered statements to JSON-LD, compacts them and
// writes the document, indented by two spaces with keys sorted, so that
// the same dataset always gives the same bytes. It does not close w.
func (e *Encoder) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	opts := options()
	expanded, err := ld.NewJsonLdApi().FromRDF(e.dataset, opts)
	if err != nil {
		return fmt.Errorf("jsonld: from RDF: %w", err)
	}
	ctx := map[string]any{}
	if e.context != nil {
		ctx = map[string]any{"@context": e.context}
	}
	doc, err := ld.NewJsonLdProcessor().Compact(expanded, ctx, opts)
	if err != nil {
		return fmt.Errorf("jsonld: compact: %w", err)
	}
	enc := json.NewEncoder(e.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("jsonld: write: %w", err)
	}
	return nil
}

// Decoder reads a JSON-LD document.
type Decoder struct {
	r io.Reader
}

// NewDecoder returns a decoder reading one JSON-LD document from r.
// Remote contexts are fetched by json-gold's default document loader.
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: r} }

// DecodeAll reads the whole document and returns its statements: the
// default graph first, then the named graphs in order of name, each in
// json-gold's order. Blank node labels are json-gold's (b0, b1...).
func (d *Decoder) DecodeAll() (qs []rdf.Quad, err error) {
	// json-gold panics on some malformed documents; a reader of untrusted
	// files must turn that into an error.
	defer func() {
		if r := recover(); r != nil {
			qs, err = nil, fmt.Errorf("jsonld: json-gold failed on this document: %v", r)
		}
	}()
	var doc any
	dec := json.NewDecoder(d.r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("jsonld: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("jsonld: data after the JSON document")
	}
	out, err := ld.NewJsonLdProcessor().ToRDF(doc, options())
	if err != nil {
		return nil, fmt.Errorf("jsonld: to RDF: %w", err)
	}
	ds, ok := out.(*ld.RDFDataset)
	if !ok {
		return nil, fmt.Errorf("jsonld: to RDF gave %T", out)
	}
	names := make([]string, 0, len(ds.Graphs))
	for name := range ds.Graphs {
		if name != "@default" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	names = append([]string{"@default"}, names...)
	for _, name := range names {
		var g rdf.Term
		switch {
		case name == "@default":
		case strings.HasPrefix(name, "_:"):
			g = rdf.NewBlank(name[2:])
		default:
			g = rdf.NewIRI(name)
		}
		for _, q := range ds.Graphs[name] {
			s, err1 := fromNode(q.Subject)
			p, err2 := fromNode(q.Predicate)
			o, err3 := fromNode(q.Object)
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, fmt.Errorf("jsonld: %w", err)
			}
			qs = append(qs, rdf.Quad{S: s, P: p, O: o, G: g})
		}
	}
	return qs, nil
}

func fromNode(n ld.Node) (rdf.Term, error) {
	switch v := n.(type) {
	case ld.IRI:
		return rdf.NewIRI(v.Value), nil
	case ld.BlankNode:
		return rdf.NewBlank(strings.TrimPrefix(v.Attribute, "_:")), nil
	case ld.Literal:
		if v.Language != "" {
			return rdf.NewLangLiteral(v.Value, v.Language), nil
		}
		return rdf.NewTypedLiteral(v.Value, v.Datatype), nil
	}
	return rdf.Term{}, fmt.Errorf("unexpected node %T", n)
}
