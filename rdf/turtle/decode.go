package turtle

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"notegraph/rdf"
)

// DecoderOptions configure a Decoder.
type DecoderOptions struct {
	// Base is the IRI relative references resolve against until the
	// document sets its own with @base or BASE. Without one, a relative
	// IRI is a syntax error: a strict reader never invents a base.
	Base string
	// TriG reads the TriG superset of Turtle (named graphs in braces).
	TriG bool
}

// Decoder reads Turtle or TriG one statement at a time. It parses the
// input statement by statement and never holds more than the triples of
// the statement being returned, so files of any size stream through it.
type Decoder struct {
	in       decReader
	opts     DecoderOptions
	base     rdf.IRIRef
	hasBase  bool
	prefixes map[string]string
	out      []rdf.Quad
	graph    rdf.Term
	tok      decTok
	peeked   bool
	nanon    int
	err      error
}

// NewDecoder returns a decoder reading from r.
func NewDecoder(r io.Reader, opts DecoderOptions) *Decoder {
	d := &Decoder{opts: opts, prefixes: map[string]string{}}
	d.in.r = bufio.NewReaderSize(r, 64<<10)
	d.in.line, d.in.col = 1, 1
	if opts.Base != "" {
		if b, ok := rdf.ParseIRIRef(opts.Base); ok && b.Scheme != "" {
			d.base, d.hasBase = b, true
		}
	}
	return d
}

// Decode returns the next statement, io.EOF after the last one, or a
// *rdf.SyntaxError. After an error the decoder stays failed.
func (d *Decoder) Decode() (rdf.Quad, error) {
	for len(d.out) == 0 {
		if d.err != nil {
			return rdf.Quad{}, d.err
		}
		if err := d.statement(); err != nil {
			d.err = err
			if err != io.EOF {
				d.out = nil
			}
		}
	}
	q := d.out[0]
	d.out = d.out[1:]
	return q, nil
}

// Prefixes returns the prefixes declared so far, for encoders that want
// to keep a document's abbreviations.
func (d *Decoder) Prefixes() map[string]string {
	m := make(map[string]string, len(d.prefixes))
	for k, v := range d.prefixes {
		m[k] = v
	}
	return m
}

// ---- reading runes -------------------------------------------------------

const (
	decEOF     rune = -1
	decBadUTF8 rune = -2
)

type decReader struct {
	r         *bufio.Reader
	buf       []rune
	line, col int
	ioErr     error
}

func (rd *decReader) peek(i int) rune {
	for len(rd.buf) <= i {
		if rd.ioErr != nil {
			return decEOF
		}
		c, size, err := rd.r.ReadRune()
		if err != nil {
			if err != io.EOF {
				rd.ioErr = err
			} else {
				rd.ioErr = io.EOF
			}
			return decEOF
		}
		if c == utf8.RuneError && size == 1 {
			c = decBadUTF8
		}
		rd.buf = append(rd.buf, c)
	}
	return rd.buf[i]
}

func (rd *decReader) next() rune {
	c := rd.peek(0)
	if c == decEOF {
		return c
	}
	rd.buf = rd.buf[1:]
	if c == '\n' {
		rd.line++
		rd.col = 1
	} else {
		rd.col++
	}
	return c
}

// ---- tokens ---------------------------------------------------------------

type decKind uint8

const (
	decTEOF decKind = iota
	decTIRI
	decTPName
	decTBlank
	decTLang
	decTString
	decTInteger
	decTDecimal
	decTDouble
	decTPunct
	decTWord
)

type decTok struct {
	kind      decKind
	val       string // IRI, local name, label, tag, string, number, punctuation, word
	prefix    string // for prefixed names
	line, col int
}

func (d *Decoder) errAt(line, col int, format string, args ...any) error {
	return &rdf.SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

func (d *Decoder) errTok(t decTok, format string, args ...any) error {
	return d.errAt(t.line, t.col, format, args...)
}

func (d *Decoder) peekTok() (decTok, error) {
	if !d.peeked {
		t, err := d.lex()
		if err != nil {
			return t, err
		}
		d.tok, d.peeked = t, true
	}
	return d.tok, nil
}

func (d *Decoder) nextTok() (decTok, error) {
	t, err := d.peekTok()
	d.peeked = false
	return t, err
}

func decIsPNCharsBase(c rune) bool {
	switch {
	case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		return true
	case c >= 0xC0 && c <= 0xD6, c >= 0xD8 && c <= 0xF6, c >= 0xF8 && c <= 0x2FF,
		c >= 0x370 && c <= 0x37D, c >= 0x37F && c <= 0x1FFF, c >= 0x200C && c <= 0x200D,
		c >= 0x2070 && c <= 0x218F, c >= 0x2C00 && c <= 0x2FEF, c >= 0x3001 && c <= 0xD7FF,
		c >= 0xF900 && c <= 0xFDCF, c >= 0xFDF0 && c <= 0xFFFD, c >= 0x10000 && c <= 0xEFFFF:
		return true
	}
	return false
}

func decIsPNCharsU(c rune) bool { return c == '_' || decIsPNCharsBase(c) }

func decIsPNChars(c rune) bool {
	return decIsPNCharsU(c) || c == '-' || c >= '0' && c <= '9' || c == 0xB7 ||
		c >= 0x300 && c <= 0x36F || c >= 0x203F && c <= 0x2040
}

func decIsHex(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func decIsDigit(c rune) bool { return c >= '0' && c <= '9' }

// skipSpace skips white space and comments.
func (d *Decoder) skipSpace() {
	for {
		c := d.in.peek(0)
		switch c {
		case ' ', '\t', '\n', '\r':
			d.in.next()
		case '#':
			for c := d.in.peek(0); c != '\n' && c != '\r' && c != decEOF; c = d.in.peek(0) {
				d.in.next()
			}
		default:
			return
		}
	}
}

func (d *Decoder) lex() (decTok, error) {
	d.skipSpace()
	t := decTok{line: d.in.line, col: d.in.col}
	c := d.in.peek(0)
	switch {
	case c == decEOF:
		if d.in.ioErr != nil && d.in.ioErr != io.EOF {
			return t, fmt.Errorf("turtle: reading: %w", d.in.ioErr)
		}
		t.kind = decTEOF
		return t, nil
	case c == decBadUTF8:
		return t, d.errTok(t, "invalid UTF-8")
	case c == '<':
		return d.lexIRI(t)
	case c == '"' || c == '\'':
		return d.lexString(t)
	case c == '@':
		d.in.next()
		var b strings.Builder
		for c := d.in.peek(0); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'; c = d.in.peek(0) {
			b.WriteRune(d.in.next())
		}
		if b.Len() == 0 {
			return t, d.errTok(t, "expected a language tag or directive after '@'")
		}
		for d.in.peek(0) == '-' {
			b.WriteRune(d.in.next())
			n := 0
			for c := d.in.peek(0); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || decIsDigit(c); c = d.in.peek(0) {
				b.WriteRune(d.in.next())
				n++
			}
			if n == 0 {
				return t, d.errTok(t, "bad language tag %q", b.String())
			}
		}
		t.kind, t.val = decTLang, b.String()
		return t, nil
	case c == '_' && d.in.peek(1) == ':':
		return d.lexBlank(t)
	case decIsDigit(c) || c == '+' || c == '-' || c == '.' && decIsDigit(d.in.peek(1)):
		return d.lexNumber(t)
	case c == '^':
		d.in.next()
		if d.in.next() != '^' {
			return t, d.errTok(t, "expected '^^'")
		}
		t.kind, t.val = decTPunct, "^^"
		return t, nil
	case strings.ContainsRune(".;,[](){}", c):
		d.in.next()
		t.kind, t.val = decTPunct, string(c)
		return t, nil
	case c == ':' || decIsPNCharsBase(c):
		return d.lexName(t)
	}
	return t, d.errTok(t, "unexpected character %q", c)
}

// readUCHAR reads the hex digits after \u or \U and returns the code point.
func (d *Decoder) readUCHAR(t decTok, n int) (rune, error) {
	var v rune
	for i := 0; i < n; i++ {
		c := d.in.next()
		if !decIsHex(c) {
			return 0, d.errAt(d.in.line, d.in.col-1, "bad hex digit in \\u escape")
		}
		x, _ := strconv.ParseUint(string(c), 16, 8)
		v = v<<4 | rune(x)
	}
	if v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF {
		return 0, d.errTok(t, "escape U+%X is not a Unicode scalar value", v)
	}
	return v, nil
}

func (d *Decoder) lexIRI(t decTok) (decTok, error) {
	d.in.next()
	var b strings.Builder
	for {
		at := decTok{line: d.in.line, col: d.in.col}
		c := d.in.next()
		switch {
		case c == '>':
			t.kind, t.val = decTIRI, b.String()
			return t, nil
		case c == decEOF:
			return t, d.errTok(t, "unterminated IRI")
		case c == decBadUTF8:
			return t, d.errTok(at, "invalid UTF-8 in IRI")
		case c == '\\':
			var r rune
			var err error
			switch d.in.next() {
			case 'u':
				r, err = d.readUCHAR(at, 4)
			case 'U':
				r, err = d.readUCHAR(at, 8)
			default:
				return t, d.errTok(at, "only \\u and \\U escapes are allowed in IRIs")
			}
			if err != nil {
				return t, err
			}
			if decBadIRIChar(r) {
				return t, d.errTok(at, "escaped character %q is not allowed in an IRI", r)
			}
			b.WriteRune(r)
		case decBadIRIChar(c):
			return t, d.errTok(at, "character %q is not allowed in an IRI", c)
		default:
			b.WriteRune(c)
		}
	}
}

func decBadIRIChar(c rune) bool {
	return c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c)
}

func (d *Decoder) lexString(t decTok) (decTok, error) {
	q := d.in.next()
	long := false
	if d.in.peek(0) == q && d.in.peek(1) == q {
		d.in.next()
		d.in.next()
		long = true
	} else if d.in.peek(0) == q {
		d.in.next()
		t.kind = decTString
		return t, nil
	}
	var b strings.Builder
	for {
		at := decTok{line: d.in.line, col: d.in.col}
		c := d.in.next()
		switch {
		case c == decEOF:
			return t, d.errTok(t, "unterminated string")
		case c == decBadUTF8:
			return t, d.errTok(at, "invalid UTF-8 in string")
		case c == q && !long:
			t.kind, t.val = decTString, b.String()
			return t, nil
		case c == q && long && d.in.peek(0) == q && d.in.peek(1) == q:
			d.in.next()
			d.in.next()
			t.kind, t.val = decTString, b.String()
			return t, nil
		case (c == '\n' || c == '\r') && !long:
			return t, d.errTok(at, "line break in a short string (use \"\"\" or \\n)")
		case c == '\\':
			e := d.in.next()
			switch e {
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 'f':
				b.WriteByte('\f')
			case '"', '\'', '\\':
				b.WriteRune(e)
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				r, err := d.readUCHAR(at, n)
				if err != nil {
					return t, err
				}
				b.WriteRune(r)
			default:
				return t, d.errTok(at, "unknown escape \\%c", e)
			}
		default:
			b.WriteRune(c)
		}
	}
}

func (d *Decoder) lexBlank(t decTok) (decTok, error) {
	d.in.next()
	d.in.next()
	c := d.in.peek(0)
	if !decIsPNCharsU(c) && !decIsDigit(c) {
		return t, d.errTok(t, "bad blank node label")
	}
	// Scan ahead without consuming so trailing dots stay for the parser.
	n, good := 1, 1
	for {
		c := d.in.peek(n)
		if decIsPNChars(c) {
			n++
			good = n
		} else if c == '.' {
			n++
		} else {
			break
		}
	}
	var b strings.Builder
	for i := 0; i < good; i++ {
		b.WriteRune(d.in.next())
	}
	t.kind, t.val = decTBlank, b.String()
	return t, nil
}

func (d *Decoder) lexNumber(t decTok) (decTok, error) {
	var b strings.Builder
	if c := d.in.peek(0); c == '+' || c == '-' {
		b.WriteRune(d.in.next())
	}
	digits := 0
	for decIsDigit(d.in.peek(0)) {
		b.WriteRune(d.in.next())
		digits++
	}
	kind := decTInteger
	// A dot is part of the number only when digits or an exponent follow;
	// otherwise it ends the statement.
	if d.in.peek(0) == '.' {
		c1 := d.in.peek(1)
		expAfterDot := (c1 == 'e' || c1 == 'E') && digits > 0 && decExpAhead(&d.in, 2)
		if decIsDigit(c1) || expAfterDot {
			b.WriteRune(d.in.next())
			kind = decTDecimal
			for decIsDigit(d.in.peek(0)) {
				b.WriteRune(d.in.next())
				digits++
			}
		}
	}
	if digits == 0 {
		return t, d.errTok(t, "expected digits in number")
	}
	if c := d.in.peek(0); (c == 'e' || c == 'E') && decExpAhead(&d.in, 1) {
		b.WriteRune(d.in.next())
		if c := d.in.peek(0); c == '+' || c == '-' {
			b.WriteRune(d.in.next())
		}
		for decIsDigit(d.in.peek(0)) {
			b.WriteRune(d.in.next())
		}
		kind = decTDouble
	} else if c == 'e' || c == 'E' {
		return t, d.errTok(t, "bad exponent in number")
	}
	t.kind, t.val = kind, b.String()
	return t, nil
}

// decExpAhead reports whether an exponent's digits follow at offset i
// (after the 'e').
func decExpAhead(rd *decReader, i int) bool {
	if c := rd.peek(i); c == '+' || c == '-' {
		i++
	}
	return decIsDigit(rd.peek(i))
}

// lexName reads a prefixed name or a bare word (a, true, false, PREFIX,
// BASE, GRAPH).
func (d *Decoder) lexName(t decTok) (decTok, error) {
	var prefix strings.Builder
	if d.in.peek(0) != ':' {
		n, good := 1, 1
		for {
			c := d.in.peek(n)
			if decIsPNChars(c) {
				n++
				good = n
			} else if c == '.' {
				n++
			} else {
				break
			}
		}
		for i := 0; i < good; i++ {
			prefix.WriteRune(d.in.next())
		}
		if d.in.peek(0) != ':' {
			w := prefix.String()
			for _, c := range w {
				if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
					return t, d.errTok(t, "unexpected name %q (a prefixed name needs a colon)", w)
				}
			}
			t.kind, t.val = decTWord, w
			return t, nil
		}
	}
	d.in.next() // the colon
	t.kind, t.prefix = decTPName, prefix.String()
	var local strings.Builder
	goodLen := 0
	first := true
	for {
		c := d.in.peek(0)
		switch {
		case c == '%':
			if !decIsHex(d.in.peek(1)) || !decIsHex(d.in.peek(2)) {
				return t, d.errAt(d.in.line, d.in.col, "bad percent escape in local name")
			}
			local.WriteRune(d.in.next())
			local.WriteRune(d.in.next())
			local.WriteRune(d.in.next())
			goodLen = local.Len()
		case c == '\\':
			e := d.in.peek(1)
			if !strings.ContainsRune("_~.-!$&'()*+,;=/?#@%", e) {
				return t, d.errAt(d.in.line, d.in.col, "bad escape in local name")
			}
			d.in.next()
			local.WriteRune(d.in.next())
			goodLen = local.Len()
		case c == ':' || decIsPNCharsU(c) || decIsDigit(c) || !first && decIsPNChars(c):
			local.WriteRune(d.in.next())
			goodLen = local.Len()
		case c == '.' && !first:
			// Keep the dot only if the name goes on after it.
			k := 1
			for d.in.peek(k) == '.' {
				k++
			}
			nc := d.in.peek(k)
			if decIsPNChars(nc) || nc == ':' || nc == '%' || nc == '\\' {
				for ; k > 0; k-- {
					local.WriteRune(d.in.next())
				}
				continue
			}
			t.val = local.String()[:goodLen]
			return t, nil
		default:
			t.val = local.String()[:goodLen]
			return t, nil
		}
		first = false
	}
}

// ---- grammar ----------------------------------------------------------------

func (d *Decoder) expectPunct(p string) error {
	t, err := d.nextTok()
	if err != nil {
		return err
	}
	if t.kind != decTPunct || t.val != p {
		return d.errTok(t, "expected '%s', found %s", p, decDescribe(t))
	}
	return nil
}

func decDescribe(t decTok) string {
	switch t.kind {
	case decTEOF:
		return "end of input"
	case decTIRI:
		return "<" + t.val + ">"
	case decTPName:
		return t.prefix + ":" + t.val
	case decTBlank:
		return "_:" + t.val
	case decTLang:
		return "@" + t.val
	case decTString:
		return "a string"
	}
	return fmt.Sprintf("%q", t.val)
}

func (d *Decoder) isPunct(t decTok, p string) bool { return t.kind == decTPunct && t.val == p }

// statement parses one directive or block and queues its triples. It
// returns io.EOF at the end of the input.
func (d *Decoder) statement() error {
	t, err := d.peekTok()
	if err != nil {
		return err
	}
	switch {
	case t.kind == decTEOF:
		return io.EOF
	case t.kind == decTLang && (t.val == "prefix" || t.val == "base"):
		d.nextTok()
		if err := d.directive(t.val); err != nil {
			return err
		}
		return d.expectPunct(".")
	case t.kind == decTWord && (strings.EqualFold(t.val, "prefix") || strings.EqualFold(t.val, "base")):
		d.nextTok()
		return d.directive(strings.ToLower(t.val))
	}
	if d.opts.TriG {
		return d.trigBlock()
	}
	if err := d.triples(); err != nil {
		return err
	}
	return d.expectPunct(".")
}

func (d *Decoder) directive(kind string) error {
	if kind == "prefix" {
		t, err := d.nextTok()
		if err != nil {
			return err
		}
		if t.kind != decTPName || t.val != "" {
			return d.errTok(t, "expected a prefix name ending in ':', found %s", decDescribe(t))
		}
		it, err := d.nextTok()
		if err != nil {
			return err
		}
		if it.kind != decTIRI {
			return d.errTok(it, "expected an IRI in <>, found %s", decDescribe(it))
		}
		iri, err := d.resolve(it)
		if err != nil {
			return err
		}
		d.prefixes[t.prefix] = iri
		return nil
	}
	it, err := d.nextTok()
	if err != nil {
		return err
	}
	if it.kind != decTIRI {
		return d.errTok(it, "expected an IRI in <>, found %s", decDescribe(it))
	}
	iri, err := d.resolve(it)
	if err != nil {
		return err
	}
	d.base, _ = rdf.ParseIRIRef(iri)
	d.hasBase = true
	return nil
}

func (d *Decoder) trigBlock() error {
	t, err := d.peekTok()
	if err != nil {
		return err
	}
	if t.kind == decTWord && strings.EqualFold(t.val, "graph") {
		d.nextTok()
		label, err := d.graphLabel()
		if err != nil {
			return err
		}
		return d.wrappedGraph(label)
	}
	if d.isPunct(t, "{") {
		return d.wrappedGraph(rdf.Term{})
	}
	if d.isPunct(t, "[") || d.isPunct(t, "(") {
		d.graph = rdf.Term{}
		// "[] { ... }" names a graph with a fresh blank node.
		if d.isPunct(t, "[") {
			d.nextTok()
			n, err := d.peekTok()
			if err != nil {
				return err
			}
			if d.isPunct(n, "]") {
				d.nextTok()
				b := d.fresh()
				after, err := d.peekTok()
				if err != nil {
					return err
				}
				if d.isPunct(after, "{") {
					return d.wrappedGraph(b)
				}
				if err := d.predicateObjectList(b); err != nil {
					return err
				}
				return d.expectPunct(".")
			}
			s, err := d.blankNodePropertyListAfterOpen()
			if err != nil {
				return err
			}
			if n, err := d.peekTok(); err != nil {
				return err
			} else if !d.isPunct(n, ".") {
				if err := d.predicateObjectList(s); err != nil {
					return err
				}
			}
			return d.expectPunct(".")
		}
		if err := d.triples(); err != nil {
			return err
		}
		return d.expectPunct(".")
	}
	if t.kind == decTIRI || t.kind == decTPName || t.kind == decTBlank {
		d.nextTok()
		s, err := d.iriOrBlank(t)
		if err != nil {
			return err
		}
		n, err := d.peekTok()
		if err != nil {
			return err
		}
		if d.isPunct(n, "{") {
			return d.wrappedGraph(s)
		}
		d.graph = rdf.Term{}
		if err := d.predicateObjectList(s); err != nil {
			return err
		}
		return d.expectPunct(".")
	}
	return d.errTok(t, "expected a triple or a graph, found %s", decDescribe(t))
}

func (d *Decoder) graphLabel() (rdf.Term, error) {
	t, err := d.nextTok()
	if err != nil {
		return rdf.Term{}, err
	}
	switch {
	case t.kind == decTIRI || t.kind == decTPName || t.kind == decTBlank:
		return d.iriOrBlank(t)
	case d.isPunct(t, "["):
		if err := d.expectPunct("]"); err != nil {
			return rdf.Term{}, err
		}
		return d.fresh(), nil
	}
	return rdf.Term{}, d.errTok(t, "expected a graph name, found %s", decDescribe(t))
}

func (d *Decoder) wrappedGraph(g rdf.Term) error {
	if err := d.expectPunct("{"); err != nil {
		return err
	}
	d.graph = g
	defer func() { d.graph = rdf.Term{} }()
	for {
		t, err := d.peekTok()
		if err != nil {
			return err
		}
		if d.isPunct(t, "}") {
			d.nextTok()
			return nil
		}
		if err := d.triples(); err != nil {
			return err
		}
		t, err = d.nextTok()
		if err != nil {
			return err
		}
		if d.isPunct(t, "}") {
			return nil
		}
		if !d.isPunct(t, ".") {
			return d.errTok(t, "expected '.' or '}', found %s", decDescribe(t))
		}
	}
}

// triples: subject predicateObjectList | blankNodePropertyList predicateObjectList?
func (d *Decoder) triples() error {
	t, err := d.peekTok()
	if err != nil {
		return err
	}
	if d.isPunct(t, "[") {
		d.nextTok()
		n, err := d.peekTok()
		if err != nil {
			return err
		}
		if d.isPunct(n, "]") {
			d.nextTok()
			return d.predicateObjectList(d.fresh())
		}
		s, err := d.blankNodePropertyListAfterOpen()
		if err != nil {
			return err
		}
		n, err = d.peekTok()
		if err != nil {
			return err
		}
		if d.isPunct(n, ".") || d.isPunct(n, "}") && d.opts.TriG {
			return nil
		}
		return d.predicateObjectList(s)
	}
	var s rdf.Term
	switch {
	case d.isPunct(t, "("):
		d.nextTok()
		s, err = d.collectionAfterOpen()
	case t.kind == decTIRI || t.kind == decTPName || t.kind == decTBlank:
		d.nextTok()
		s, err = d.iriOrBlank(t)
	default:
		return d.errTok(t, "expected a subject, found %s", decDescribe(t))
	}
	if err != nil {
		return err
	}
	return d.predicateObjectList(s)
}

func (d *Decoder) predicateObjectList(s rdf.Term) error {
	for {
		p, err := d.verb()
		if err != nil {
			return err
		}
		for {
			o, err := d.object()
			if err != nil {
				return err
			}
			d.emit(s, p, o)
			t, err := d.peekTok()
			if err != nil {
				return err
			}
			if !d.isPunct(t, ",") {
				break
			}
			d.nextTok()
		}
		t, err := d.peekTok()
		if err != nil {
			return err
		}
		if !d.isPunct(t, ";") {
			return nil
		}
		for d.isPunct(t, ";") {
			d.nextTok()
			if t, err = d.peekTok(); err != nil {
				return err
			}
		}
		// A trailing ';' may end the list.
		if t.kind != decTIRI && t.kind != decTPName && !(t.kind == decTWord && t.val == "a") {
			return nil
		}
	}
}

func (d *Decoder) verb() (rdf.Term, error) {
	t, err := d.nextTok()
	if err != nil {
		return rdf.Term{}, err
	}
	switch {
	case t.kind == decTWord && t.val == "a":
		return rdf.NewIRI(rdf.RDFType), nil
	case t.kind == decTIRI || t.kind == decTPName:
		return d.iriOrBlank(t)
	}
	return rdf.Term{}, d.errTok(t, "expected a predicate, found %s", decDescribe(t))
}

func (d *Decoder) object() (rdf.Term, error) {
	t, err := d.nextTok()
	if err != nil {
		return rdf.Term{}, err
	}
	switch t.kind {
	case decTIRI, decTPName, decTBlank:
		return d.iriOrBlank(t)
	case decTString:
		n, err := d.peekTok()
		if err != nil {
			return rdf.Term{}, err
		}
		if n.kind == decTLang {
			d.nextTok()
			// Language tags are case-insensitive (BCP 47); lower case makes
			// equal tags equal terms.
			return rdf.NewLangLiteral(t.val, strings.ToLower(n.val)), nil
		}
		if d.isPunct(n, "^^") {
			d.nextTok()
			dt, err := d.nextTok()
			if err != nil {
				return rdf.Term{}, err
			}
			if dt.kind != decTIRI && dt.kind != decTPName {
				return rdf.Term{}, d.errTok(dt, "expected a datatype IRI, found %s", decDescribe(dt))
			}
			iri, err := d.iriOrBlank(dt)
			if err != nil {
				return rdf.Term{}, err
			}
			return rdf.NewTypedLiteral(t.val, iri.Value), nil
		}
		return rdf.NewLiteral(t.val), nil
	case decTInteger:
		return rdf.NewTypedLiteral(t.val, rdf.XSDInteger), nil
	case decTDecimal:
		return rdf.NewTypedLiteral(t.val, rdf.XSDDecimal), nil
	case decTDouble:
		return rdf.NewTypedLiteral(t.val, rdf.XSDDouble), nil
	case decTWord:
		if t.val == "true" || t.val == "false" {
			return rdf.NewTypedLiteral(t.val, rdf.XSDBoolean), nil
		}
	case decTPunct:
		switch t.val {
		case "[":
			n, err := d.peekTok()
			if err != nil {
				return rdf.Term{}, err
			}
			if d.isPunct(n, "]") {
				d.nextTok()
				return d.fresh(), nil
			}
			return d.blankNodePropertyListAfterOpen()
		case "(":
			return d.collectionAfterOpen()
		}
	}
	return rdf.Term{}, d.errTok(t, "expected an object, found %s", decDescribe(t))
}

func (d *Decoder) blankNodePropertyListAfterOpen() (rdf.Term, error) {
	b := d.fresh()
	if err := d.predicateObjectList(b); err != nil {
		return b, err
	}
	return b, d.expectPunct("]")
}

func (d *Decoder) collectionAfterOpen() (rdf.Term, error) {
	var head, prev rdf.Term
	first := rdf.NewIRI(rdf.RDFNS + "first")
	rest := rdf.NewIRI(rdf.RDFNS + "rest")
	for {
		t, err := d.peekTok()
		if err != nil {
			return head, err
		}
		if d.isPunct(t, ")") {
			d.nextTok()
			nil_ := rdf.NewIRI(rdf.RDFNS + "nil")
			if head.IsZero() {
				return nil_, nil
			}
			d.emit(prev, rest, nil_)
			return head, nil
		}
		cell := d.fresh()
		if head.IsZero() {
			head = cell
		} else {
			d.emit(prev, rest, cell)
		}
		o, err := d.object()
		if err != nil {
			return head, err
		}
		d.emit(cell, first, o)
		prev = cell
	}
}

func (d *Decoder) emit(s, p, o rdf.Term) {
	d.out = append(d.out, rdf.Quad{S: s, P: p, O: o, G: d.graph})
}

// fresh mints a blank node for [] and collections. The "genid" labels
// cannot clash with the document's own: those are renamed when they use
// the same form (see iriOrBlank).
func (d *Decoder) fresh() rdf.Term {
	d.nanon++
	return rdf.NewBlank("genid" + strconv.Itoa(d.nanon))
}

func (d *Decoder) iriOrBlank(t decTok) (rdf.Term, error) {
	switch t.kind {
	case decTIRI:
		iri, err := d.resolve(t)
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.NewIRI(iri), nil
	case decTPName:
		ns, ok := d.prefixes[t.prefix]
		if !ok {
			return rdf.Term{}, d.errTok(t, "undeclared prefix %q", t.prefix)
		}
		return rdf.NewIRI(ns + t.val), nil
	case decTBlank:
		if strings.HasPrefix(t.val, "genid") {
			return rdf.NewBlank("u" + t.val), nil
		}
		return rdf.NewBlank(t.val), nil
	}
	return rdf.Term{}, d.errTok(t, "expected an IRI or blank node, found %s", decDescribe(t))
}

func (d *Decoder) resolve(t decTok) (string, error) {
	ref, ok := rdf.ParseIRIRef(t.val)
	if !ok {
		return "", d.errTok(t, "malformed IRI <%s>", t.val)
	}
	if ref.Scheme != "" {
		return t.val, nil
	}
	if !d.hasBase {
		return "", d.errTok(t, "relative IRI <%s> and no base IRI", t.val)
	}
	return d.base.Resolve(ref).String(), nil
}
