// Package rdfio is the registry of RDF syntaxes: each format sits behind
// one small interface and is chosen by name, file extension or media type,
// so that commands and exporters never switch on format names themselves.
package rdfio

import (
	"io"
	"path/filepath"
	"strings"

	"notegraph/rdf"
	"notegraph/rdf/jsonld"
	"notegraph/rdf/ntriples"
	"notegraph/rdf/turtle"
)

// Encoder writes statements; Close finishes the document and flushes.
type Encoder interface {
	Encode(rdf.Quad) error
	Close() error
}

// Decoder reads statements one at a time and returns io.EOF at the end.
type Decoder interface {
	Decode() (rdf.Quad, error)
}

// Options are what encoders may use to shorten their output; formats
// ignore what does not apply to them.
type Options struct {
	Prefixes []rdf.Prefix   // Turtle and TriG
	Context  map[string]any // JSON-LD: the "@context" value to compact against
}

// Format describes one RDF syntax.
type Format struct {
	Name      string   // short name: ttl, nt, nq, trig, jsonld
	Exts      []string // file extensions with the dot, first is preferred
	MediaType string
	// Datasets tells whether the syntax keeps named graphs; the others
	// write the union graph.
	Datasets   bool
	NewEncoder func(w io.Writer, opts Options) Encoder
	// NewDecoder reads the format strictly: relative IRIs are errors, as no
	// base is assumed.
	NewDecoder func(r io.Reader) Decoder
}

var formats = []Format{
	{
		Name: "ttl", Exts: []string{".ttl"}, MediaType: "text/turtle",
		NewEncoder: func(w io.Writer, o Options) Encoder {
			return turtle.NewEncoder(w, turtle.Options{Prefixes: o.Prefixes})
		},
		NewDecoder: func(r io.Reader) Decoder { return turtle.NewDecoder(r, turtle.DecoderOptions{}) },
	},
	{
		Name: "nt", Exts: []string{".nt"}, MediaType: "application/n-triples",
		NewEncoder: func(w io.Writer, _ Options) Encoder { return ntriples.NewEncoder(w, false) },
		NewDecoder: func(r io.Reader) Decoder { return ntriples.NewDecoder(r, false) },
	},
	{
		Name: "nq", Exts: []string{".nq"}, MediaType: "application/n-quads", Datasets: true,
		NewEncoder: func(w io.Writer, _ Options) Encoder { return ntriples.NewEncoder(w, true) },
		NewDecoder: func(r io.Reader) Decoder { return ntriples.NewDecoder(r, true) },
	},
	{
		Name: "trig", Exts: []string{".trig"}, MediaType: "application/trig", Datasets: true,
		NewEncoder: func(w io.Writer, o Options) Encoder {
			return turtle.NewEncoder(w, turtle.Options{Prefixes: o.Prefixes, TriG: true})
		},
		NewDecoder: func(r io.Reader) Decoder { return turtle.NewDecoder(r, turtle.DecoderOptions{TriG: true}) },
	},
	{
		Name: "jsonld", Exts: []string{".jsonld", ".json"}, MediaType: "application/ld+json", Datasets: true,
		NewEncoder: func(w io.Writer, o Options) Encoder {
			// A context of prefixes needs no whole-graph view: stream.
			if ps, ok := jsonld.PrefixContext(o.Context); ok && o.Context != nil {
				return jsonld.NewStreamEncoder(w, ps)
			}
			return jsonld.NewEncoder(w, o.Context)
		},
		NewDecoder: func(r io.Reader) Decoder { return &jsonldDecoder{d: jsonld.NewDecoder(r)} },
	},
}

// jsonldDecoder hands out one at a time the statements that JSON-LD, which
// cannot stream, decodes all at once.
type jsonldDecoder struct {
	d    *jsonld.Decoder
	qs   []rdf.Quad
	err  error
	done bool
}

func (j *jsonldDecoder) Decode() (rdf.Quad, error) {
	if !j.done {
		j.qs, j.err = j.d.DecodeAll()
		j.done = true
	}
	if j.err != nil {
		return rdf.Quad{}, j.err
	}
	if len(j.qs) == 0 {
		return rdf.Quad{}, io.EOF
	}
	q := j.qs[0]
	j.qs = j.qs[1:]
	return q, nil
}

// aliases are the other names people type for the same formats.
var aliases = map[string]string{
	"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq",
	"n-quads": "nq", "json-ld": "jsonld",
}

// Formats returns every registered format, in a fixed order.
func Formats() []Format { return append([]Format(nil), formats...) }

// ByName finds a format by its short name or a common alias, ignoring case.
func ByName(name string) (Format, bool) {
	name = strings.ToLower(name)
	if a, ok := aliases[name]; ok {
		name = a
	}
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// ByExtension finds a format by the extension of path, ignoring case.
func ByExtension(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range formats {
		for _, e := range f.Exts {
			if e == ext {
				return f, true
			}
		}
	}
	return Format{}, false
}

// ByMediaType finds a format by media type; parameters such as charset are
// ignored.
func ByMediaType(mt string) (Format, bool) {
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = mt[:i]
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	for _, f := range formats {
		if f.MediaType == mt {
			return f, true
		}
	}
	return Format{}, false
}
