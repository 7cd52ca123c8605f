package rdf

import "fmt"

// SyntaxError is a parse error in an RDF document, at a 1-based line and
// column (columns count Unicode code points).
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}
