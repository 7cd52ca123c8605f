// Package ntriples reads and writes RDF 1.1 N-Triples and N-Quads, the
// line-based syntaxes every RDF tool understands. Both directions stream:
// one statement at a time, nothing is kept.
package ntriples

import (
	"bufio"
	"fmt"
	"io"

	"notegraph/rdf"
	"notegraph/rdf/internal/termcheck"
)

// Encoder writes statements as N-Triples or N-Quads.
type Encoder struct {
	w     *bufio.Writer
	quads bool
	n     int
}

// NewEncoder returns an encoder writing to w. With quads false it writes
// N-Triples and drops graph names (the union graph); with quads true it
// writes N-Quads, naming the graph of every statement not in the default
// graph. Call Close to flush.
func NewEncoder(w io.Writer, quads bool) *Encoder {
	return &Encoder{w: bufio.NewWriterSize(w, 64<<10), quads: quads}
}

// Encode writes one statement. A term that no strict parser would accept
// (relative IRI, bad language tag, literal subject...) is an error and
// nothing is written for the statement.
func (e *Encoder) Encode(q rdf.Quad) error {
	e.n++
	if err := termcheck.Quad(q); err != nil {
		return fmt.Errorf("ntriples: statement %d: %w", e.n, err)
	}
	// Every term is checked before anything is written so that a bad
	// statement leaves no partial line behind.
	if _, err := termcheck.Term(q.S); err != nil {
		return fmt.Errorf("ntriples: statement %d: subject: %w", e.n, err)
	}
	if _, err := termcheck.Term(q.P); err != nil {
		return fmt.Errorf("ntriples: statement %d: predicate: %w", e.n, err)
	}
	esc, err := termcheck.Term(q.O)
	if err != nil {
		return fmt.Errorf("ntriples: statement %d: object: %w", e.n, err)
	}
	graph := e.quads && q.G.Kind != rdf.None
	if graph {
		if _, err := termcheck.Term(q.G); err != nil {
			return fmt.Errorf("ntriples: statement %d: graph: %w", e.n, err)
		}
	}
	w := e.w
	termcheck.Write(w, q.S, false)
	w.WriteByte(' ')
	termcheck.Write(w, q.P, false)
	w.WriteByte(' ')
	termcheck.Write(w, q.O, esc)
	if graph {
		w.WriteByte(' ')
		termcheck.Write(w, q.G, false)
	}
	_, err = w.WriteString(" .\n")
	return err
}

// Close flushes buffered output. The encoder does not close w.
func (e *Encoder) Close() error { return e.w.Flush() }
