package rdf

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Writer is what the term appenders need: strings.Builder and bufio.Writer both fit.
type Writer interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// AppendNTriples writes t in canonical N-Triples form (W3C RDF 1.1 N-Triples §4).
// The zero Term writes nothing.
func AppendNTriples(w Writer, t Term) {
	switch t.Kind {
	case IRI:
		w.WriteByte('<')
		AppendIRIBody(w, t.Value)
		w.WriteByte('>')
	case Blank:
		w.WriteString("_:")
		w.WriteString(t.Value)
	case Literal:
		w.WriteByte('"')
		AppendStringBody(w, t.Value)
		w.WriteByte('"')
		if t.Lang != "" {
			w.WriteByte('@')
			w.WriteString(t.Lang)
		} else if t.Datatype != "" && t.Datatype != XSDString {
			w.WriteString("^^<")
			AppendIRIBody(w, t.Datatype)
			w.WriteByte('>')
		}
	}
}

// AppendStringBody writes the inside of a double-quoted literal: quote,
// backslash, LF and CR as ECHAR, the other control characters as UCHAR,
// everything else as UTF-8. The output is valid in N-Triples, N-Quads,
// Turtle and TriG alike.
func AppendStringBody(w Writer, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\r':
			esc = `\r`
		case c < 0x20 && c != '\t' || c == 0x7f:
			esc = fmt.Sprintf(`\u%04X`, c)
		default:
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(esc)
		start = i + 1
	}
	w.WriteString(s[start:])
}

// AppendIRIBody writes an IRI between angle brackets, escaping as UCHAR the
// characters IRIREF forbids.
func AppendIRIBody(w Writer, iri string) {
	start := 0
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		if c > 0x20 && !strings.ContainsRune(`<>"{}|^`+"`\\", rune(c)) {
			continue
		}
		w.WriteString(iri[start:i])
		w.WriteString(fmt.Sprintf(`\u%04X`, c))
		start = i + 1
	}
	w.WriteString(iri[start:])
}

// ValidIRI reports whether s is an absolute IRI that every RDF syntax can
// carry without escapes: a scheme, a colon, and no character IRIREF forbids.
func ValidIRI(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	colon := strings.IndexByte(s, ':')
	if colon < 1 {
		return false
	}
	for i, c := range s[:colon] {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')
		if !ok {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= 0x20 || strings.IndexByte(`<>"{}|^`+"`\\", c) >= 0 {
			return false
		}
	}
	return true
}
