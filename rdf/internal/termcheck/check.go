// Package termcheck holds what the RDF encoders share: the checks that make
// sure every term they write is accepted by strict parsers (a relative IRI
// or a malformed language tag is a bug upstream and is reported, not
// written), and the fast writer for terms that passed them.
package termcheck

import (
	"bufio"
	"errors"
	"strings"
	"unicode/utf8"

	"notegraph/rdf"
)

// iriClass classifies bytes for the IRI check: 1 for the bytes IRIREF does
// not allow unescaped (escaping them as UCHAR would still make an invalid
// IRI, so they are rejected), 2 for bytes of multi-byte UTF-8 sequences.
var iriClass = func() (t [256]uint8) {
	for c := 0; c <= 0x20; c++ {
		t[c] = 1
	}
	for _, c := range []byte("<>\"{}|^`\\") {
		t[c] = 1
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = 2
	}
	return t
}()

// litClass classifies literal bytes: 1 for those AppendStringBody escapes,
// 2 for bytes of multi-byte UTF-8 sequences, whose validity must be checked.
var litClass = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		if c != '\t' {
			t[c] = 1
		}
	}
	t['"'], t['\\'], t[0x7f] = 1, 1, 1
	for c := 0x80; c < 0x100; c++ {
		t[c] = 2
	}
	return t
}()

// IRI checks that s is an absolute IRI in valid UTF-8 with no character
// IRIREF forbids, so it can be written between angle brackets unescaped.
func IRI(s string) error {
	// OR-ing the classes keeps the loop branch-free: this check runs for
	// every IRI the encoders write.
	var acc uint8
	for i := 0; i < len(s); i++ {
		acc |= iriClass[s[i]]
	}
	if acc&1 != 0 {
		return errors.New("IRI " + Quote(s) + " contains a character IRIs forbid")
	}
	colon := strings.IndexByte(s, ':')
	if colon < 1 || !validScheme(s[:colon]) {
		return errors.New("IRI " + Quote(s) + " is not absolute")
	}
	if acc&2 != 0 && !utf8.ValidString(s) {
		return errors.New("IRI " + Quote(s) + " is not valid UTF-8")
	}
	return nil
}

func validScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			continue
		}
		if i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			continue
		}
		return false
	}
	return len(s) > 0
}

// ValidLang checks the LANGTAG production: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
func ValidLang(s string) bool {
	if s == "" {
		return false
	}
	run := 0
	first := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			run++
		case c >= '0' && c <= '9' && !first:
			run++
		case c == '-' && run > 0:
			run, first = 0, false
		default:
			return false
		}
	}
	return run > 0
}

// ValidBlank checks a blank node label conservatively: ASCII letters,
// digits, '_' and '-', with '.' allowed inside but not at the end; the first
// character may not be '-' or '.'. Every RDF syntax accepts these.
func ValidBlank(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_':
		case (c == '-' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return s[len(s)-1] != '.'
}

// Literal validates a literal's lexical form, tag and datatype and
// reports whether its body needs escaping.
func Literal(t rdf.Term) (escape bool, err error) {
	var acc uint8
	for i := 0; i < len(t.Value); i++ {
		acc |= litClass[t.Value[i]]
	}
	escape = acc&1 != 0
	if acc&2 != 0 && !utf8.ValidString(t.Value) {
		return false, errors.New("literal " + Quote(t.Value) + " is not valid UTF-8")
	}
	if t.Lang != "" {
		if !ValidLang(t.Lang) {
			return false, errors.New("invalid language tag " + Quote(t.Lang))
		}
	} else if t.Datatype != "" {
		if err := IRI(t.Datatype); err != nil {
			return false, errors.New("datatype: " + err.Error())
		}
	}
	return escape, nil
}

// Quad validates the positions of a statement: subject IRI or blank
// node, predicate IRI, any object, graph IRI, blank node or default.
func Quad(q rdf.Quad) error {
	switch q.S.Kind {
	case rdf.IRI, rdf.Blank:
	default:
		return errors.New("subject must be an IRI or a blank node")
	}
	if q.P.Kind != rdf.IRI {
		return errors.New("predicate must be an IRI")
	}
	if q.O.Kind == rdf.None {
		return errors.New("object is missing")
	}
	switch q.G.Kind {
	case rdf.None, rdf.IRI, rdf.Blank:
	default:
		return errors.New("graph name must be an IRI or a blank node")
	}
	return nil
}

// Quote shortens and quotes s for an error message.
func Quote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return "\"" + s + "\""
}

// Term validates t and, for a literal, reports whether its lexical
// form needs escaping.
func Term(t rdf.Term) (escape bool, err error) {
	switch t.Kind {
	case rdf.IRI:
		return false, IRI(t.Value)
	case rdf.Blank:
		if !ValidBlank(t.Value) {
			return false, errors.New("invalid blank node label " + Quote(t.Value))
		}
	case rdf.Literal:
		return Literal(t)
	}
	return false, nil
}

// Write writes a term that Term accepted in canonical
// N-Triples form; escape is Term's verdict on a literal's body.
func Write(w *bufio.Writer, t rdf.Term, escape bool) {
	switch t.Kind {
	case rdf.IRI:
		w.WriteByte('<')
		w.WriteString(t.Value)
		w.WriteByte('>')
	case rdf.Blank:
		w.WriteString("_:")
		w.WriteString(t.Value)
	case rdf.Literal:
		w.WriteByte('"')
		if escape {
			rdf.AppendStringBody(w, t.Value)
		} else {
			w.WriteString(t.Value)
		}
		w.WriteByte('"')
		if t.Lang != "" {
			w.WriteByte('@')
			w.WriteString(t.Lang)
		} else if t.Datatype != "" && t.Datatype != rdf.XSDString {
			w.WriteString("^^<")
			w.WriteString(t.Datatype)
			w.WriteByte('>')
		}
	}
}
