package ntriples

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"notegraph/rdf"
)

// Decoder reads N-Triples or N-Quads strictly, following the W3C RDF 1.1
// grammars: absolute IRIs only, no Turtle shortcuts, valid UTF-8.
type Decoder struct {
	r     *bufio.Reader
	quads bool

	buf       []byte // the current physical line, without its LF
	pos       int
	line      int // line number of the logical line being parsed
	lineStart int // offset in buf of that logical line (CR also ends lines)
	long      []byte
	scratch   []byte
	err       error // sticky: an error or io.EOF
	// intern shares the strings of IRIs seen before: predicates, classes
	// and datatypes repeat on most lines, and sharing them saves an
	// allocation each and memory for callers that keep the statements.
	intern map[string]string
}

// maxIntern bounds the intern table so that files with millions of
// distinct IRIs do not grow it without limit.
const maxIntern = 4096

// iriStop marks the bytes that end or interrupt the fast scan of an IRI:
// '>', '\\' and the bytes IRIREF forbids.
var iriStop = func() (t [256]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	for _, c := range []byte("<>\"{}|^`\\") {
		t[c] = true
	}
	return t
}()

// NewDecoder returns a decoder reading from r. With quads true it reads
// N-Quads, where a fourth term names the graph; with quads false a fourth
// term is a syntax error.
func NewDecoder(r io.Reader, quads bool) *Decoder {
	return &Decoder{r: bufio.NewReaderSize(r, 64<<10), quads: quads, intern: map[string]string{}}
}

// Decode returns the next statement, io.EOF after the last one, or an
// *rdf.SyntaxError. Blank node labels are returned as written; a caller
// merging several documents must keep their labels apart.
func (d *Decoder) Decode() (rdf.Quad, error) {
	if d.err != nil {
		return rdf.Quad{}, d.err
	}
	for {
		if d.pos >= len(d.buf) {
			if err := d.next(); err != nil {
				d.err = err
				return rdf.Quad{}, err
			}
			continue
		}
		switch c := d.buf[d.pos]; c {
		case ' ', '\t':
			d.pos++
			continue
		case '\r':
			d.cr()
			continue
		case '#':
			d.skipComment()
			continue
		}
		q, err := d.statement()
		if err != nil {
			d.err = err
			return rdf.Quad{}, err
		}
		return q, nil
	}
}

// next reads the following physical line.
func (d *Decoder) next() error {
	line, err := d.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		d.long = append(d.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = d.r.ReadSlice('\n')
			d.long = append(d.long, line...)
		}
		line = d.long
	}
	if err != nil && err != io.EOF {
		return err
	}
	if len(line) == 0 && err == io.EOF {
		return io.EOF
	}
	d.line++
	d.lineStart, d.pos = 0, 0
	line = bytes.TrimSuffix(line, []byte{'\n'})
	d.buf = line
	if !utf8.Valid(line) {
		for i := 0; i < len(line); {
			r, n := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && n <= 1 {
				d.pos = i
				return d.errorf("invalid UTF-8")
			}
			i += n
		}
	}
	return nil
}

// cr handles a carriage return: the end of a line when more follows on the
// same physical line (old Mac line ends), else part of a CR LF pair.
func (d *Decoder) cr() {
	d.pos++
	if d.pos < len(d.buf) && d.buf[d.pos] != '\r' {
		d.line++
		d.lineStart = d.pos
	}
}

func (d *Decoder) skipComment() {
	for d.pos < len(d.buf) && d.buf[d.pos] != '\r' {
		d.pos++
	}
}

func (d *Decoder) skipWS() {
	for d.pos < len(d.buf) && (d.buf[d.pos] == ' ' || d.buf[d.pos] == '\t') {
		d.pos++
	}
}

func (d *Decoder) errorf(msg string) error {
	col := utf8.RuneCount(d.buf[d.lineStart:min(d.pos, len(d.buf))]) + 1
	return &rdf.SyntaxError{Line: d.line, Col: col, Msg: msg}
}

func (d *Decoder) peek() byte {
	if d.pos < len(d.buf) {
		return d.buf[d.pos]
	}
	return 0
}

func (d *Decoder) statement() (rdf.Quad, error) {
	var q rdf.Quad
	var err error
	switch d.peek() {
	case '<':
		q.S, err = d.iri()
	case '_':
		q.S, err = d.blank()
	default:
		err = d.errorf("expected an IRI or a blank node as subject")
	}
	if err != nil {
		return q, err
	}
	d.skipWS()
	if d.peek() != '<' {
		return q, d.errorf("expected an IRI as predicate")
	}
	if q.P, err = d.iri(); err != nil {
		return q, err
	}
	d.skipWS()
	switch d.peek() {
	case '<':
		q.O, err = d.iri()
	case '_':
		q.O, err = d.blank()
	case '"':
		q.O, err = d.literal()
	default:
		err = d.errorf("expected an IRI, a blank node or a literal as object")
	}
	if err != nil {
		return q, err
	}
	d.skipWS()
	if d.quads {
		switch d.peek() {
		case '<':
			q.G, err = d.iri()
		case '_':
			q.G, err = d.blank()
		}
		if err != nil {
			return q, err
		}
		d.skipWS()
	}
	if d.peek() != '.' {
		return q, d.errorf("expected '.' at the end of the statement")
	}
	d.pos++
	d.skipWS()
	switch d.peek() {
	case '#':
		d.skipComment()
	case '\r', 0:
		if d.pos < len(d.buf) && d.buf[d.pos] == 0 {
			return q, d.errorf("unexpected NUL character")
		}
	default:
		return q, d.errorf("expected the end of the line after '.'")
	}
	return q, nil
}

// iri reads an IRIREF; d.pos is on '<'.
func (d *Decoder) iri() (rdf.Term, error) {
	v, err := d.iriBody()
	return rdf.Term{Kind: rdf.IRI, Value: v}, err
}

func (d *Decoder) iriBody() (string, error) {
	d.pos++
	start := d.pos
	escaped := false
	for ; d.pos < len(d.buf); d.pos++ {
		c := d.buf[d.pos]
		if !iriStop[c] {
			continue
		}
		if c == '>' {
			break
		}
		if c == '\\' {
			escaped = true
			continue
		}
		return "", d.errorf("character not allowed in an IRI")
	}
	if d.pos >= len(d.buf) {
		d.pos = start - 1
		return "", d.errorf("unterminated IRI")
	}
	end := d.pos
	d.pos++
	var v string
	if !escaped {
		raw := d.buf[start:end]
		var ok bool
		if v, ok = d.intern[string(raw)]; !ok {
			v = string(raw)
			if !absolute(v) {
				d.pos = start
				return "", d.errorf("relative IRI <" + v + "> not allowed")
			}
			if len(d.intern) < maxIntern {
				d.intern[v] = v
			}
		}
		return v, nil
	}
	b := d.scratch[:0]
	for i := start; i < end; {
		c := d.buf[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		r, n, err := d.uchar(i)
		if err != nil {
			return "", err
		}
		// An escaped character must still be one IRIs allow.
		if r <= 0x20 || r < 0x80 && bytes.IndexByte([]byte("<>\"{}|^`\\"), byte(r)) >= 0 {
			d.pos = i
			return "", d.errorf("escaped character not allowed in an IRI")
		}
		b = utf8.AppendRune(b, r)
		i += n
	}
	d.scratch = b
	v = string(b)
	if !absolute(v) {
		d.pos = start
		return "", d.errorf("relative IRI <" + v + "> not allowed")
	}
	return v, nil
}

func absolute(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// uchar decodes \uXXXX or \UXXXXXXXX at buf[i] and returns the rune and
// the length of the escape.
func (d *Decoder) uchar(i int) (rune, int, error) {
	n := 0
	if i+1 < len(d.buf) {
		switch d.buf[i+1] {
		case 'u':
			n = 4
		case 'U':
			n = 8
		}
	}
	if n == 0 {
		d.pos = i
		return 0, 0, d.errorf("invalid escape: only \\u and \\U are allowed here")
	}
	if i+2+n > len(d.buf) {
		d.pos = i
		return 0, 0, d.errorf("truncated \\u escape")
	}
	var r rune
	for _, c := range d.buf[i+2 : i+2+n] {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			d.pos = i
			return 0, 0, d.errorf("invalid hex digit in \\u escape")
		}
		r = r<<4 | rune(v)
	}
	if r > utf8.MaxRune || r >= 0xD800 && r <= 0xDFFF {
		d.pos = i
		return 0, 0, d.errorf("\\u escape is not a Unicode scalar value")
	}
	return r, 2 + n, nil
}

// blank reads a BLANK_NODE_LABEL; d.pos is on '_'.
func (d *Decoder) blank() (rdf.Term, error) {
	if d.pos+1 >= len(d.buf) || d.buf[d.pos+1] != ':' {
		return rdf.Term{}, d.errorf("expected '_:' to start a blank node")
	}
	d.pos += 2
	start := d.pos
	first := true
	for d.pos < len(d.buf) {
		r, n := utf8.DecodeRune(d.buf[d.pos:])
		ok := pnCharsU(r) || r >= '0' && r <= '9'
		if !first {
			ok = ok || r == '.' || r == '-' || r == 0xB7 || r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
		}
		if !ok {
			break
		}
		first = false
		d.pos += n
	}
	for d.pos > start && d.buf[d.pos-1] == '.' {
		d.pos--
	}
	if d.pos == start {
		return rdf.Term{}, d.errorf("invalid blank node label")
	}
	return rdf.NewBlank(string(d.buf[start:d.pos])), nil
}

func pnCharsU(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r == '_':
		return true
	case r < 0xC0:
		return false
	}
	return r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
		r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF || r >= 0x200C && r <= 0x200D ||
		r >= 0x2070 && r <= 0x218F || r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
		r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD || r >= 0x10000 && r <= 0xEFFFF
}

// literal reads a STRING_LITERAL_QUOTE with its tag or datatype; d.pos is
// on the opening quote.
func (d *Decoder) literal() (rdf.Term, error) {
	d.pos++
	start := d.pos
	escaped := false
	for ; d.pos < len(d.buf); d.pos++ {
		c := d.buf[d.pos]
		if c == '"' {
			break
		}
		if c == '\r' {
			return rdf.Term{}, d.errorf("line break inside a string")
		}
		if c == '\\' {
			escaped = true
			d.pos++ // the escaped character cannot end the string
		}
	}
	if d.pos >= len(d.buf) {
		d.pos = start - 1
		return rdf.Term{}, d.errorf("unterminated string")
	}
	end := d.pos
	d.pos++
	var v string
	if !escaped {
		v = string(d.buf[start:end])
	} else {
		b := d.scratch[:0]
		for i := start; i < end; {
			c := d.buf[i]
			if c != '\\' {
				b = append(b, c)
				i++
				continue
			}
			var e byte
			switch d.buf[i+1] {
			case 't':
				e = '\t'
			case 'b':
				e = '\b'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 'f':
				e = '\f'
			case '"', '\'', '\\':
				e = d.buf[i+1]
			}
			if e != 0 {
				b = append(b, e)
				i += 2
				continue
			}
			r, n, err := d.uchar(i)
			if err != nil {
				return rdf.Term{}, err
			}
			b = utf8.AppendRune(b, r)
			i += n
		}
		d.scratch = b
		v = string(b)
	}
	d.skipWS()
	switch d.peek() {
	case '@':
		d.pos++
		ls := d.pos
		for d.pos < len(d.buf) {
			c := d.buf[d.pos]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
				d.pos++
				continue
			}
			break
		}
		lang := string(d.buf[ls:d.pos])
		if !validLangTag(lang) {
			d.pos = ls
			return rdf.Term{}, d.errorf("invalid language tag")
		}
		return rdf.NewLangLiteral(v, lang), nil
	case '^':
		if d.pos+1 >= len(d.buf) || d.buf[d.pos+1] != '^' {
			return rdf.Term{}, d.errorf("expected '^^' before a datatype")
		}
		d.pos += 2
		d.skipWS()
		if d.peek() != '<' {
			return rdf.Term{}, d.errorf("expected a datatype IRI after '^^'")
		}
		dt, err := d.iriBody()
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.NewTypedLiteral(v, dt), nil
	}
	return rdf.NewLiteral(v), nil
}

func validLangTag(s string) bool {
	if s == "" {
		return false
	}
	first, run := true, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			run++
		case c >= '0' && c <= '9' && !first:
			run++
		case c == '-' && run > 0:
			first, run = false, 0
		default:
			return false
		}
	}
	return run > 0
}
