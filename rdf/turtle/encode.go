package turtle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"

	"notegraph/rdf"
	"notegraph/rdf/internal/termcheck"
)

// Options configure an Encoder.
type Options struct {
	// Prefixes are declared once at the top and used to shorten IRIs.
	Prefixes []rdf.Prefix
	// TriG keeps graph names: each run of statements in the same named
	// graph is written as one "<g> { ... }" block, default-graph statements
	// bare. Without it the encoder writes Turtle, the union of all graphs.
	TriG bool
}

// Encoder writes statements as Turtle or TriG. It streams: consecutive
// statements that share a subject are grouped with ';', a subject and
// predicate with ','; nothing else is remembered, so input sorted by graph
// and subject gives the most compact output.
type Encoder struct {
	w        *bufio.Writer
	trig     bool
	prefixes []encPrefix
	err      error // a setup or earlier fatal error, returned from then on
	header   bool  // prefixes written
	closed   bool
	n        int

	inStmt  bool // a subject is open, waiting for " ." or more
	inGraph bool // a named graph block is open
	curG    rdf.Term
	curS    rdf.Term
	curP    rdf.Term
}

type encPrefix struct{ label, iri string }

// NewEncoder returns an encoder writing Turtle (or TriG) to w. Call Close to
// finish the last statement and flush. An invalid prefix (a label Turtle
// cannot spell, a relative IRI, a label given twice) makes every later call
// fail with an error naming it.
func NewEncoder(w io.Writer, opts Options) *Encoder {
	e := &Encoder{w: bufio.NewWriterSize(w, 64<<10), trig: opts.TriG}
	seen := map[string]bool{}
	for _, p := range opts.Prefixes {
		switch {
		case !encValidPrefixLabel(p.Prefix):
			e.err = fmt.Errorf("turtle: invalid prefix label %q", p.Prefix)
		case seen[p.Prefix]:
			e.err = fmt.Errorf("turtle: prefix %q declared twice", p.Prefix)
		default:
			if err := termcheck.IRI(p.IRI); err != nil {
				e.err = fmt.Errorf("turtle: prefix %q: %w", p.Prefix, err)
			}
		}
		if e.err != nil {
			return e
		}
		seen[p.Prefix] = true
		e.prefixes = append(e.prefixes, encPrefix{p.Prefix, p.IRI})
	}
	return e
}

func (e *Encoder) writeHeader() {
	e.header = true
	for _, p := range e.prefixes {
		e.w.WriteString("@prefix ")
		e.w.WriteString(p.label)
		e.w.WriteString(": <")
		e.w.WriteString(p.iri)
		e.w.WriteString("> .\n")
	}
	if len(e.prefixes) > 0 {
		e.w.WriteByte('\n')
	}
	// Declared in the caller's order; matched longest namespace first so
	// that nested namespaces give the shortest names.
	sort.SliceStable(e.prefixes, func(i, j int) bool { return len(e.prefixes[i].iri) > len(e.prefixes[j].iri) })
}

// Encode writes one statement. A term that no strict parser would accept
// (relative IRI, bad language tag, literal subject...) is an error and
// nothing is written for the statement.
func (e *Encoder) Encode(q rdf.Quad) error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return errors.New("turtle: Encode after Close")
	}
	e.n++
	if err := termcheck.Quad(q); err != nil {
		return fmt.Errorf("turtle: statement %d: %w", e.n, err)
	}
	if _, err := termcheck.Term(q.S); err != nil {
		return fmt.Errorf("turtle: statement %d: subject: %w", e.n, err)
	}
	if _, err := termcheck.Term(q.P); err != nil {
		return fmt.Errorf("turtle: statement %d: predicate: %w", e.n, err)
	}
	esc, err := termcheck.Term(q.O)
	if err != nil {
		return fmt.Errorf("turtle: statement %d: object: %w", e.n, err)
	}
	if !e.trig {
		q.G = rdf.Term{}
	} else if _, err := termcheck.Term(q.G); err != nil {
		return fmt.Errorf("turtle: statement %d: graph: %w", e.n, err)
	}
	if !e.header {
		e.writeHeader()
	}
	w := e.w
	switch {
	case e.inStmt && q.G == e.curG && q.S == e.curS && q.P == e.curP:
		w.WriteString(", ")
	case e.inStmt && q.G == e.curG && q.S == e.curS:
		w.WriteString(" ;\n")
		e.indent()
		w.WriteString("    ")
		e.writePredicate(q.P)
		w.WriteByte(' ')
	default:
		if e.inStmt {
			w.WriteString(" .\n")
		}
		if q.G != e.curG {
			e.switchGraph(q.G)
		}
		e.indent()
		e.writeNode(q.S)
		w.WriteByte(' ')
		e.writePredicate(q.P)
		w.WriteByte(' ')
	}
	e.inStmt, e.curS, e.curP = true, q.S, q.P
	// bufio errors are sticky, so the last write reports any failure.
	return e.writeObject(q.O, esc)
}

// switchGraph closes the open named-graph block, if any, and opens one for
// g unless g is the default graph, whose statements stand bare.
func (e *Encoder) switchGraph(g rdf.Term) {
	if e.inGraph {
		e.w.WriteString("}\n")
		e.inGraph = false
	}
	e.curG = g
	if g.Kind != rdf.None {
		e.w.WriteByte('\n')
		e.writeNode(g)
		e.w.WriteString(" {\n")
		e.inGraph = true
	}
}

func (e *Encoder) indent() {
	if e.inGraph {
		e.w.WriteString("    ")
	}
}

func (e *Encoder) writePredicate(p rdf.Term) {
	if p.Value == rdf.RDFType {
		e.w.WriteByte('a')
		return
	}
	e.writeIRI(p.Value)
}

// writeNode writes an IRI or blank node that termcheck accepted.
func (e *Encoder) writeNode(t rdf.Term) error {
	if t.Kind == rdf.Blank {
		e.w.WriteString("_:")
		_, err := e.w.WriteString(t.Value)
		return err
	}
	return e.writeIRI(t.Value)
}

// writeIRI writes a prefixed name when a declared namespace covers the IRI
// and the rest is a local name that needs no escapes, else <iri>.
func (e *Encoder) writeIRI(iri string) error {
	for _, p := range e.prefixes {
		if len(iri) >= len(p.iri) && iri[:len(p.iri)] == p.iri && encSafeLocal(iri[len(p.iri):]) {
			e.w.WriteString(p.label)
			e.w.WriteByte(':')
			_, err := e.w.WriteString(iri[len(p.iri):])
			return err
		}
	}
	e.w.WriteByte('<')
	e.w.WriteString(iri)
	return e.w.WriteByte('>')
}

func (e *Encoder) writeObject(o rdf.Term, esc bool) error {
	if o.Kind != rdf.Literal {
		return e.writeNode(o)
	}
	w := e.w
	w.WriteByte('"')
	if esc {
		rdf.AppendStringBody(w, o.Value)
	} else {
		w.WriteString(o.Value)
	}
	err := w.WriteByte('"')
	switch {
	case o.Lang != "":
		w.WriteByte('@')
		_, err = w.WriteString(o.Lang)
	case o.Datatype != "" && o.Datatype != rdf.XSDString:
		w.WriteString("^^")
		err = e.writeIRI(o.Datatype)
	}
	return err
}

// Close ends the last statement and graph block and flushes. The encoder
// does not close the underlying writer.
func (e *Encoder) Close() error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return nil
	}
	e.closed = true
	if !e.header {
		e.writeHeader()
	}
	if e.inStmt {
		e.w.WriteString(" .\n")
	}
	if e.inGraph {
		e.w.WriteString("}\n")
	}
	return e.w.Flush()
}

// encSafeLocal accepts the local names that every Turtle parser reads the
// same way without escapes: an ASCII letter or '_' first, then ASCII
// letters, digits, '_' and '-'. Anything else is written as a full IRI,
// which is always correct.
func encSafeLocal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// encValidPrefixLabel accepts PN_PREFIX labels spelt in ASCII: empty, or a
// letter followed by letters, digits, '_', '-' and inner '.'.
func encValidPrefixLabel(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' && i < len(s)-1):
		default:
			return false
		}
	}
	return true
}
