package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normText is a document text with runs of white space collapsed to one
// space and curly quotes made straight, remembering for every byte of the
// normalised string the code point of the original it came from. Quotes are
// compared in this form because a TEI document's text content keeps the
// line breaks and indentation of the XML, which an extractor may or may not
// collapse, and a gold quote is written on one line.
type normText struct {
	s    string
	orig []int // orig[i]: code point offset in the original of byte i of s; orig[len(s)] = end
	n    int   // code points in the original
}

func normalize(text string) normText {
	var b strings.Builder
	var orig []int
	pendingSpace := false
	i := 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			pendingSpace = b.Len() > 0
			i++
			continue
		}
		if pendingSpace {
			b.WriteByte(' ')
			orig = append(orig, i-1)
			pendingSpace = false
		}
		r = foldQuote(r)
		n := utf8.RuneLen(r)
		if n < 0 {
			r, n = utf8.RuneError, 3
		}
		b.WriteRune(r)
		for k := 0; k < n; k++ {
			orig = append(orig, i)
		}
		i++
	}
	orig = append(orig, i)
	return normText{s: b.String(), orig: orig, n: i}
}

func foldQuote(r rune) rune {
	switch r {
	case '‘', '’', 'ʼ', '′':
		return '\''
	case '“', '”', '„', '″':
		return '"'
	}
	return r
}

// normQuote normalises a quote the way normalize does a text.
func normQuote(q string) string { return normalize(q).s }

// find returns the code point span in the original text of the first
// occurrence of the normalised quote q, or ok false.
func (t normText) find(q string) (start, end int, ok bool) {
	if q == "" {
		return 0, 0, false
	}
	i := strings.Index(t.s, q)
	if i < 0 {
		return 0, 0, false
	}
	return t.orig[i], t.orig[i+len(q)-1] + 1, true
}

// contains reports whether the normalised quote occurs in the text.
func (t normText) contains(q string) bool { return q != "" && strings.Contains(t.s, q) }

// sentenceBreakBetween reports whether a sentence ends somewhere in
// runes[from:to]: a full stop, question or exclamation mark followed by
// white space and an upper-case letter, unless the stop ends an initial
// ("N. Smith", "J. V. Jones"); or a blank line.
func sentenceBreakBetween(runes []rune, from, to int) bool {
	if from < 0 {
		from = 0
	}
	if to > len(runes) {
		to = len(runes)
	}
	for i := from; i < to; i++ {
		switch r := runes[i]; r {
		case '.', '!', '?':
			if r == '.' && i > 0 && unicode.IsUpper(runes[i-1]) && (i < 2 || !unicode.IsLetter(runes[i-2])) {
				continue
			}
			j := i + 1
			for j < len(runes) && (runes[j] == '"' || runes[j] == '”' || runes[j] == '’' || runes[j] == ')') {
				j++
			}
			if j < len(runes) && unicode.IsSpace(runes[j]) {
				for j < len(runes) && unicode.IsSpace(runes[j]) {
					j++
				}
				if j < len(runes) && (unicode.IsUpper(runes[j]) || unicode.IsDigit(runes[j]) || runes[j] == '“' || runes[j] == '"') {
					return true
				}
			}
		case '\n':
			j := i + 1
			for j < len(runes) && (runes[j] == ' ' || runes[j] == '\t' || runes[j] == '\r') {
				j++
			}
			if j < len(runes) && runes[j] == '\n' {
				return true
			}
		}
	}
	return false
}
