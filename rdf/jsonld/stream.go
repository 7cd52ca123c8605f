package jsonld

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"notegraph/rdf"
	"notegraph/rdf/internal/termcheck"
)

// StreamEncoder writes compacted JSON-LD 1.1 as statements arrive, holding
// only one subject's statements at a time. It handles the one kind of
// context compaction needs no whole-graph view for: a context of prefixes.
// The document is {"@context": …, "@graph": [node objects…]}, each named
// graph a graph object {"@id": name, "@graph": […]}; rdf:type becomes
// @type; IRIs are written as compact IRIs where a prefix fits. Statements
// should arrive grouped by graph and subject, as the store hands them out;
// otherwise a subject is simply described by several node objects, which
// JSON-LD merges.
type StreamEncoder struct {
	w        *bufio.Writer
	context  map[string]any
	prefixes []rdf.Prefix // longest namespace first
	n        int
	started  bool
	closed   bool
	inGraph  bool
	graph    rdf.Term
	subject  rdf.Term
	node     map[string]any
	first    bool // no node written yet at this level
	err      error
}

// NewStreamEncoder returns a streaming encoder whose context holds the
// given prefixes (and "@version": 1.1).
func NewStreamEncoder(w io.Writer, prefixes []rdf.Prefix) *StreamEncoder {
	ctx := map[string]any{"@version": 1.1}
	ps := append([]rdf.Prefix(nil), prefixes...)
	for _, p := range ps {
		ctx[p.Prefix] = p.IRI
	}
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].IRI) > len(ps[j].IRI) })
	return &StreamEncoder{w: bufio.NewWriterSize(w, 1<<16), context: ctx, prefixes: ps}
}

// PrefixContext reports whether context holds only prefix definitions (and
// @version), and returns them: a context the StreamEncoder can write.
func PrefixContext(context map[string]any) ([]rdf.Prefix, bool) {
	var ps []rdf.Prefix
	for k, v := range context {
		if k == "@version" {
			continue
		}
		iri, ok := v.(string)
		if !ok || strings.HasPrefix(k, "@") || strings.Contains(k, ":") || !(strings.HasSuffix(iri, "/") || strings.HasSuffix(iri, "#")) {
			return nil, false
		}
		ps = append(ps, rdf.Prefix{Prefix: k, IRI: iri})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Prefix < ps[j].Prefix })
	return ps, true
}

// Encode adds one statement.
func (e *StreamEncoder) Encode(q rdf.Quad) error {
	if e.closed {
		return errors.New("jsonld: Encode after Close")
	}
	if e.err != nil {
		return e.err
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
	if !e.started {
		e.start()
	}
	if q.G != e.graph || !e.inGraph && !q.G.IsZero() {
		e.flushNode()
		if e.inGraph {
			e.w.WriteString("\n    ]\n  }")
			e.inGraph = false
		}
		e.graph = q.G
		if !q.G.IsZero() {
			e.separator("  ")
			e.w.WriteString("{\n    \"@id\": ")
			e.writeJSON(e.id(q.G))
			e.w.WriteString(",\n    \"@graph\": [")
			e.inGraph, e.first = true, true
		}
	}
	if q.S != e.subject || e.node == nil {
		e.flushNode()
		e.subject = q.S
		e.node = map[string]any{"@id": e.id(q.S)}
	}
	if q.P.Value == rdf.RDFType && q.O.Kind != rdf.Literal {
		e.add("@type", e.id(q.O))
	} else {
		e.add(e.compact(q.P.Value), e.value(q.O))
	}
	return e.err
}

func (e *StreamEncoder) start() {
	e.started, e.first = true, true
	e.w.WriteString("{\n  \"@context\": ")
	b, err := json.Marshal(e.context)
	if err != nil {
		e.err = err
		return
	}
	e.w.Write(b)
	e.w.WriteString(",\n  \"@graph\": [")
}

func (e *StreamEncoder) add(key string, v any) {
	switch cur := e.node[key].(type) {
	case nil:
		e.node[key] = v
	case []any:
		e.node[key] = append(cur, v)
	default:
		e.node[key] = []any{cur, v}
	}
}

// separator writes the comma and line break before an array element.
func (e *StreamEncoder) separator(indent string) {
	if !e.first {
		e.w.WriteByte(',')
	}
	e.first = false
	e.w.WriteString("\n" + indent)
}

func (e *StreamEncoder) flushNode() {
	if e.node == nil {
		return
	}
	indent := "    "
	if e.inGraph {
		indent = "      "
	}
	e.separator(indent)
	b, err := marshal(e.node, indent)
	if err != nil && e.err == nil {
		e.err = err
	}
	e.w.Write(b)
	e.node = nil
}

func marshal(v any, indent string) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

func (e *StreamEncoder) writeJSON(v any) {
	b, err := marshal(v, "")
	if err != nil && e.err == nil {
		e.err = err
	}
	e.w.Write(b)
}

// compact writes an IRI as prefix:local when a prefix fits and the result
// cannot be mistaken for an absolute IRI or a blank node.
func (e *StreamEncoder) compact(iri string) string {
	for _, p := range e.prefixes {
		if local, ok := strings.CutPrefix(iri, p.IRI); ok && local != "" && !strings.HasPrefix(local, "//") && p.Prefix != "_" {
			return p.Prefix + ":" + local
		}
	}
	return iri
}

func (e *StreamEncoder) id(t rdf.Term) string {
	if t.Kind == rdf.Blank {
		return "_:" + t.Value
	}
	return e.compact(t.Value)
}

func (e *StreamEncoder) value(t rdf.Term) any {
	switch {
	case t.Kind != rdf.Literal:
		return map[string]any{"@id": e.id(t)}
	case t.Lang != "":
		return map[string]any{"@value": t.Value, "@language": t.Lang}
	case t.Datatype != "" && t.Datatype != rdf.XSDString:
		return map[string]any{"@value": t.Value, "@type": e.compact(t.Datatype)}
	}
	return t.Value
}

// Close finishes the document and flushes it. It does not close the writer.
func (e *StreamEncoder) Close() error {
	if e.closed {
		return e.err
	}
	e.closed = true
	if !e.started {
		e.start()
	}
	e.flushNode()
	if e.inGraph {
		e.w.WriteString("\n    ]\n  }")
	}
	e.w.WriteString("\n  ]\n}\n")
	if err := e.w.Flush(); err != nil && e.err == nil {
		e.err = err
	}
	return e.err
}
