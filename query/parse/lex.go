// Package parse reads SPARQL 1.1 query text into the algebra of package
// algebra, following the grammar and the translation of SPARQL 1.1
// §18-19. Errors carry a line, a column and the offending line with a
// caret under the spot.
package parse

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tIRI
	tPName
	tBlank
	tVar
	tLang
	tString
	tInteger
	tDecimal
	tDouble
	tWord  // keyword or function name (case kept; compare with EqualFold)
	tPunct // operators and punctuation
)

type token struct {
	kind   tokKind
	val    string
	prefix string
	pos    int // byte offset
	end    int
}

// Error is a query syntax error.
type Error struct {
	Line, Col int    // 1-based; columns count code points
	Msg       string // what is wrong
	Source    string // the offending line
}

func (e *Error) Error() string {
	caret := strings.Repeat(" ", max(e.Col-1, 0)) + "^"
	return fmt.Sprintf("line %d, column %d: %s\n  %s\n  %s", e.Line, e.Col, e.Msg, strings.TrimRight(e.Source, "\r"), caret)
}

type lexer struct {
	src  string
	pos  int
	toks []token
}

func errorAt(src string, pos int, format string, args ...any) *Error {
	if pos > len(src) {
		pos = len(src)
	}
	line := 1 + strings.Count(src[:pos], "\n")
	start := strings.LastIndexByte(src[:pos], '\n') + 1
	end := strings.IndexByte(src[pos:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += pos
	}
	// Tabs in the source line become spaces so the caret lines up.
	text := strings.ReplaceAll(src[start:end], "\t", " ")
	return &Error{Line: line, Col: utf8.RuneCountInString(src[start:pos]) + 1, Msg: fmt.Sprintf(format, args...), Source: text}
}

func isPNCharsBase(c rune) bool {
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

func isPNCharsU(c rune) bool { return c == '_' || isPNCharsBase(c) }

func isPNChars(c rune) bool {
	return isPNCharsU(c) || c == '-' || isDigit(c) || c == 0xB7 ||
		c >= 0x300 && c <= 0x36F || c >= 0x203F && c <= 0x2040
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }
func isHex(c rune) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (l *lexer) peekRune(off int) rune {
	p := l.pos
	for i := 0; ; i++ {
		if p >= len(l.src) {
			return -1
		}
		c, n := utf8.DecodeRuneInString(l.src[p:])
		if i == off {
			return c
		}
		p += n
	}
}

func (l *lexer) errf(pos int, format string, args ...any) *Error {
	return errorAt(l.src, pos, format, args...)
}

func lex(src string) ([]token, error) {
	if !utf8.ValidString(src) {
		return nil, errorAt(src, strings.IndexRune(src, utf8.RuneError), "invalid UTF-8")
	}
	l := &lexer{src: src}
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		l.toks = append(l.toks, t)
		if t.kind == tEOF {
			return l.toks, nil
		}
	}
}

func (l *lexer) skip() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.pos++
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		default:
			return
		}
	}
}

var puncts = []string{"^^", "&&", "||", "!=", "<=", ">=", "{", "}", "(", ")", "[", "]", ".", ",", ";", "*", "/", "|", "^", "?", "+", "-", "!", "=", "<", ">"}

func (l *lexer) next() (token, error) {
	l.skip()
	t := token{pos: l.pos}
	if l.pos >= len(l.src) {
		t.kind, t.end = tEOF, l.pos
		return t, nil
	}
	c := l.peekRune(0)
	switch {
	case c == '<':
		if tok, ok, err := l.tryIRI(); err != nil {
			return t, err
		} else if ok {
			return tok, nil
		}
	case c == '?' || c == '$':
		if n := l.peekRune(1); isPNCharsU(n) || isDigit(n) {
			l.pos++
			start := l.pos
			for n := l.peekRune(0); isPNCharsU(n) || isDigit(n) || n == 0xB7 || n >= 0x300 && n <= 0x36F || n >= 0x203F && n <= 0x2040; n = l.peekRune(0) {
				l.pos += utf8.RuneLen(n)
			}
			t.kind, t.val, t.end = tVar, l.src[start:l.pos], l.pos
			return t, nil
		}
	case c == '"' || c == '\'':
		return l.lexString()
	case c == '@':
		l.pos++
		start := l.pos
		for n := l.peekRune(0); n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z'; n = l.peekRune(0) {
			l.pos++
		}
		if l.pos == start {
			return t, l.errf(t.pos, "expected a language tag after '@'")
		}
		for l.peekRune(0) == '-' {
			l.pos++
			s := l.pos
			for n := l.peekRune(0); n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || isDigit(n); n = l.peekRune(0) {
				l.pos++
			}
			if l.pos == s {
				return t, l.errf(t.pos, "bad language tag")
			}
		}
		t.kind, t.val, t.end = tLang, l.src[start:l.pos], l.pos
		return t, nil
	case c == '_' && l.peekRune(1) == ':':
		l.pos += 2
		start := l.pos
		if n := l.peekRune(0); !isPNCharsU(n) && !isDigit(n) {
			return t, l.errf(t.pos, "bad blank node label")
		}
		l.pos = l.scanName(l.pos)
		t.kind, t.val, t.end = tBlank, l.src[start:l.pos], l.pos
		return t, nil
	case isDigit(c) || c == '.' && isDigit(l.peekRune(1)):
		return l.lexNumber()
	case c == ':' || isPNCharsBase(c):
		return l.lexName()
	}
	for _, p := range puncts {
		if strings.HasPrefix(l.src[l.pos:], p) {
			l.pos += len(p)
			t.kind, t.val, t.end = tPunct, p, l.pos
			return t, nil
		}
	}
	return t, l.errf(t.pos, "unexpected character %q", c)
}

// scanName returns the end of a name (PN_CHARS and inner dots) from p.
func (l *lexer) scanName(p int) int {
	good := p
	first := true
	for p < len(l.src) {
		c, n := utf8.DecodeRuneInString(l.src[p:])
		if isPNChars(c) || first && (isPNCharsU(c) || isDigit(c)) {
			p += n
			good = p
		} else if c == '.' {
			p += n
		} else {
			break
		}
		first = false
	}
	return good
}

func (l *lexer) tryIRI() (token, bool, error) {
	t := token{pos: l.pos}
	p := l.pos + 1
	var b strings.Builder
	for p < len(l.src) {
		c, n := utf8.DecodeRuneInString(l.src[p:])
		switch {
		case c == '>':
			l.pos = p + 1
			t.kind, t.val, t.end = tIRI, b.String(), l.pos
			return t, true, nil
		case c == '\\' && p+1 < len(l.src) && (l.src[p+1] == 'u' || l.src[p+1] == 'U'):
			k := 4
			if l.src[p+1] == 'U' {
				k = 8
			}
			if p+2+k > len(l.src) {
				return t, false, l.errf(p, "bad \\u escape in IRI")
			}
			v, err := strconv.ParseUint(l.src[p+2:p+2+k], 16, 32)
			if err != nil {
				return t, false, l.errf(p, "bad \\u escape in IRI")
			}
			b.WriteRune(rune(v))
			p += 2 + k
			continue
		case c <= 0x20 || strings.ContainsRune("<\"{}|^`\\", c):
			return t, false, nil
		}
		b.WriteRune(c)
		p += n
	}
	return t, false, nil
}

func (l *lexer) lexString() (token, error) {
	t := token{pos: l.pos}
	q := l.src[l.pos]
	long := strings.HasPrefix(l.src[l.pos:], strings.Repeat(string(q), 3))
	if long {
		l.pos += 3
	} else {
		l.pos++
	}
	var b strings.Builder
	for {
		if l.pos >= len(l.src) {
			return t, l.errf(t.pos, "unterminated string")
		}
		c, n := utf8.DecodeRuneInString(l.src[l.pos:])
		switch {
		case long && strings.HasPrefix(l.src[l.pos:], strings.Repeat(string(q), 3)):
			l.pos += 3
			t.kind, t.val, t.end = tString, b.String(), l.pos
			return t, nil
		case !long && c == rune(q):
			l.pos++
			t.kind, t.val, t.end = tString, b.String(), l.pos
			return t, nil
		case !long && (c == '\n' || c == '\r'):
			return t, l.errf(l.pos, "line break in a short string")
		case c == '\\':
			if l.pos+1 >= len(l.src) {
				return t, l.errf(l.pos, "unterminated string")
			}
			e := l.src[l.pos+1]
			l.pos += 2
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
				b.WriteByte(e)
			case 'u', 'U':
				k := 4
				if e == 'U' {
					k = 8
				}
				if l.pos+k > len(l.src) {
					return t, l.errf(l.pos-2, "bad \\u escape")
				}
				v, err := strconv.ParseUint(l.src[l.pos:l.pos+k], 16, 32)
				if err != nil || v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF {
					return t, l.errf(l.pos-2, "bad \\u escape")
				}
				b.WriteRune(rune(v))
				l.pos += k
			default:
				return t, l.errf(l.pos-2, "unknown escape \\%c", e)
			}
		default:
			b.WriteRune(c)
			l.pos += n
		}
	}
}

func (l *lexer) lexNumber() (token, error) {
	t := token{pos: l.pos, kind: tInteger}
	p := l.pos
	digits := 0
	for p < len(l.src) && isDigit(rune(l.src[p])) {
		p++
		digits++
	}
	expAt := func(i int) bool {
		if i < len(l.src) && (l.src[i] == 'e' || l.src[i] == 'E') {
			i++
			if i < len(l.src) && (l.src[i] == '+' || l.src[i] == '-') {
				i++
			}
			return i < len(l.src) && isDigit(rune(l.src[i]))
		}
		return false
	}
	if p < len(l.src) && l.src[p] == '.' && (p+1 < len(l.src) && isDigit(rune(l.src[p+1])) || digits > 0 && expAt(p+1)) {
		p++
		t.kind = tDecimal
		for p < len(l.src) && isDigit(rune(l.src[p])) {
			p++
		}
	}
	if expAt(p) {
		p++
		if l.src[p] == '+' || l.src[p] == '-' {
			p++
		}
		for p < len(l.src) && isDigit(rune(l.src[p])) {
			p++
		}
		t.kind = tDouble
	}
	t.val, l.pos, t.end = l.src[t.pos:p], p, p
	return t, nil
}

func (l *lexer) lexName() (token, error) {
	t := token{pos: l.pos}
	p := l.pos
	if l.src[p] != ':' {
		end := l.scanName(p)
		if end >= len(l.src) || l.src[end] != ':' {
			// A keyword or function name: letters, digits and underscores.
			q := p
			for q < len(l.src) {
				c := l.src[q]
				if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || q > p && isDigit(rune(c)) {
					q++
				} else {
					break
				}
			}
			if q == p {
				return t, l.errf(p, "unexpected character")
			}
			t.kind, t.val, l.pos, t.end = tWord, l.src[p:q], q, q
			return t, nil
		}
		t.prefix = l.src[p:end]
		p = end
	}
	p++ // colon
	var b strings.Builder
	good, goodLen := p, 0
	first := true
	for p < len(l.src) {
		c, n := utf8.DecodeRuneInString(l.src[p:])
		switch {
		case c == '%':
			if p+2 >= len(l.src) || !isHex(rune(l.src[p+1])) || !isHex(rune(l.src[p+2])) {
				return t, l.errf(p, "bad percent escape in local name")
			}
			b.WriteString(l.src[p : p+3])
			p += 3
		case c == '\\':
			if p+1 >= len(l.src) || !strings.ContainsRune("_~.-!$&'()*+,;=/?#@%", rune(l.src[p+1])) {
				return t, l.errf(p, "bad escape in local name")
			}
			b.WriteByte(l.src[p+1])
			p += 2
		case c == ':' || isPNCharsU(c) || isDigit(c) || !first && isPNChars(c):
			b.WriteRune(c)
			p += n
		case c == '.' && !first:
			b.WriteRune(c)
			p += n
			first = false
			continue
		default:
			goto done
		}
		good, goodLen = p, b.Len()
		first = false
	}
done:
	t.kind, t.val = tPName, b.String()[:goodLen]
	l.pos, t.end = good, good
	return t, nil
}
