package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// segDoc is a document cut from a file before analysis: its text and where
// its heading ends, with what the markup (TEI) already says about it.
type segDoc struct {
	doc        Document
	headEnd    int    // code points of Text that form the heading block
	footnote   bool   // an editorial footnote
	closing    string // "Tirana, December 4, 1961"
	issuerText string // TEI gloss from
	addrText   string // TEI gloss to
	signer     string // TEI: the person who signed (closer/signed/persName)
	signText   string // plain text: the last line of the signature block (a surname)
	seeds      []seed // TEI persName mentions
	notesFrom  int    // TEI: code point where footnotes start in Text, or -1
	editor     string // TEI: the edition's publisher, who asserts what footnotes say
	principal  string // the government a ministry's note speaks for
}

// seed is an actor mention known from markup: code points [start, end) of Text.
type seed struct {
	start, end int
	id, label  string
}

type line struct {
	start, end int // code points of the file, end excludes the newline
	text       string
}

var (
	boilerRe  = regexp.MustCompile(`(?i)^\(?\s*(visited \d[\d,]* times|share this|like this|related posts?|print this|loading\.\.\.)`)
	footRe    = regexp.MustCompile(`^\[\d+\]\s`)
	kindWords = []struct {
		words []string
		kind  DocKind
	}{
		{[]string{"verbal note", "verbal notes", "verbal communication", "note verbale"}, KindVerbalNote},
		{[]string{"telegram", "cable", "airgram"}, KindTelegram},
		{[]string{"memorandum", "aide-mémoire", "aide-memoire", "memorandum of conversation"}, KindMemorandum},
		{[]string{"speech", "address", "report to the congress"}, KindSpeech},
		{[]string{"note", "notes", "letter", "message", "reply"}, KindNote},
		{[]string{"statement", "declaration", "communiqué", "resolution", "declare the following", "declares the following", "states the following", "state the following"}, KindStatement},
	}
)

// kindOf finds the genre named in a heading, "" when none.
func kindOf(s string) DocKind {
	low := " " + strings.ToLower(normReplacer.Replace(s)) + " "
	low = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || r == '-' || r == 'é' {
			return r
		}
		return ' '
	}, low)
	low = " " + strings.Join(strings.Fields(low), " ") + " "
	for _, kw := range kindWords {
		for _, w := range kw.words {
			if strings.Contains(low, " "+w+" ") {
				return kw.kind
			}
		}
	}
	return ""
}

func splitLines(rs []rune) []line {
	var out []line
	s := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			e := i
			if e > s && rs[e-1] == '\r' {
				e--
			}
			out = append(out, line{start: s, end: e, text: string(rs[s:e])})
			s = i + 1
		}
	}
	return out
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// isClosing reports a place-and-date line ("Tirana, December 4, 1961") or a
// bare date line that closes a note.
func isClosing(s string) bool {
	// a telegram's dateline gives the hour too: "Moscow, May 10, 1963, 6 p.m."
	t := strings.TrimSpace(hourRe.ReplaceAllString(strings.TrimSpace(s), ""))
	if wordCount(t) > 8 || t == "" {
		return false
	}
	toks := tokenize([]rune(t))
	ds := findDates(toks)
	return len(ds) == 1 && ds[0].to == len(toks) && !strings.HasPrefix(ds[0].value, "--") && len(ds[0].value) == 10
}

// hourRe is the hour that ends a telegram's dateline.
var hourRe = regexp.MustCompile(`(?i),?\s*(\d{1,2}([:.]\d\d)?\s*[ap]\.\s?m\.?|noon|midnight)$`)

// tailParenRe is a parenthesis glued to the word before it at the end of a
// line (a party acronym with a letter in brackets): part of a name, not a
// sentence's closing bracket.
var tailParenRe = regexp.MustCompile(`\p{L}\(\p{L}{1,3}\)$`)

// isTitle reports a short line without closing punctuation: a heading.
func isTitle(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || wordCount(t) > 30 {
		return false
	}
	t = strings.TrimRight(t, " *")
	t = strings.TrimRightFunc(t, func(r rune) bool { return r == ']' || unicode.IsDigit(r) || r == '[' })
	if tailParenRe.MatchString(t) {
		return true
	}
	last, _ := lastRune(t)
	return !strings.ContainsRune(".!?;)", last)
}

func lastRune(s string) (rune, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	return rs[len(rs)-1], true
}

// isIntro reports a line that introduces a document: it ends with a colon
// and names a genre or presents "the following".
func isIntro(s string) bool {
	t := strings.TrimSpace(s)
	if !strings.HasSuffix(t, ":") || wordCount(t) > 90 {
		return false
	}
	return kindOf(t) != "" || strings.Contains(strings.ToLower(t), "the following")
}

// isAddress reports an address line: "To the Embassy of ..., Tirana:".
func isAddress(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "To ") && strings.HasSuffix(t, ":") && wordCount(t) <= 25
}

// plainDocuments cuts a plain-text file into documents. Headings (short lines
// without final punctuation) and introductory lines that name a genre and end
// with a colon open a document; a place-and-date line closes one; bracketed
// footnotes are editorial commentary; web-page trailers are dropped.
func (x *Extractor) plainDocuments(src string) []segDoc {
	rs := []rune(src)
	lines := splitLines(rs)
	type block struct {
		start, end int
		headEnd    int
		heads      []string
		intro      string
		hasBody    bool
		closing    string
		footnote   bool
		sign       string
	}
	var blocks []*block
	var cur *block
	// bodyAhead[i]: after line i, a body line (or a new document's
	// introduction) comes before any closing line. Heading-like lines after
	// a body with none ahead are the document's signature block ("For the
	// Central Committee", "J. Stalin"), not a new document.
	bodyAhead := make([]bool, len(lines)+1)
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i].text)
		switch {
		case t == "" || boilerRe.MatchString(t):
			bodyAhead[i] = bodyAhead[i+1]
		case isClosing(t):
			bodyAhead[i] = false
		case footRe.MatchString(t):
			bodyAhead[i] = false
		case isIntro(t):
			bodyAhead[i] = true
		case isTitle(t) || mdHeading(t) || isAddress(t):
			bodyAhead[i] = bodyAhead[i+1]
		default:
			bodyAhead[i] = true
		}
	}
	open := func(l line) *block {
		b := &block{start: l.start, end: l.end, headEnd: l.end}
		blocks = append(blocks, b)
		return b
	}
	for li, l := range lines {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		if boilerRe.MatchString(t) {
			continue
		}
		// trim the line's own leading and trailing blanks
		ls := l.start
		for ls < l.end && unicode.IsSpace(rs[ls]) {
			ls++
		}
		le := l.end
		for le > ls && unicode.IsSpace(rs[le-1]) {
			le--
		}
		l = line{start: ls, end: le, text: t}
		switch {
		case footRe.MatchString(t):
			cur = open(l)
			cur.footnote = true
			cur.hasBody = true
			cur.heads = append(cur.heads, t)
			continue
		case cur != nil && !cur.footnote && !cur.hasBody && cur.intro == "" && isClosing(t):
			// a dateline under the heading ("London, September 24, 1971")
			cur.end, cur.headEnd = l.end, l.end
			if cur.closing == "" {
				cur.closing = t
			}
			continue
		case cur != nil && !cur.footnote && isClosing(t):
			cur.end = l.end
			cur.closing = t
			cur = nil
			continue
		case isAddress(t) && cur != nil:
			cur.end = l.end
			if !cur.hasBody {
				cur.headEnd = l.end
			}
			cur.intro += "\n" + t
			continue
		case isIntro(t):
			if cur == nil || cur.hasBody || cur.footnote {
				cur = open(l)
			}
			cur.end, cur.headEnd = l.end, l.end
			if cur.intro != "" {
				cur.intro += "\n"
			}
			cur.intro += t
			continue
		case cur != nil && cur.hasBody && !cur.footnote && !mdHeading(t) && isTitle(t) && !bodyAhead[li+1]:
			cur.end = l.end
			if wordCount(t) <= 4 {
				cur.sign = t
			}
			continue
		case isTitle(t) || mdHeading(t):
			if cur == nil || cur.hasBody || cur.footnote || cur.intro != "" {
				cur = open(l)
			}
			cur.end, cur.headEnd = l.end, l.end
			cur.heads = append(cur.heads, strings.TrimSpace(strings.TrimLeft(t, "#")))
			continue
		}
		if cur == nil || cur.footnote {
			cur = open(l)
			cur.headEnd = l.start
		}
		cur.end = l.end
		cur.hasBody = true
	}
	var out []segDoc
	for _, b := range blocks {
		if !b.hasBody && b.intro == "" {
			continue
		}
		d := Document{SourceStart: b.start, SourceEnd: b.end, Text: string(rs[b.start:b.end])}
		title := ""
		for _, h := range b.heads {
			if kindOf(h) != "" {
				title = h
			}
		}
		if title == "" && len(b.heads) > 0 {
			title = b.heads[len(b.heads)-1]
		}
		intro, _, _ := strings.Cut(b.intro, "\n")
		if title == "" {
			title = intro
		}
		d.Title = cleanTitle(title)
		switch {
		case b.footnote:
			d.Kind = KindCommentary
		default:
			d.Kind = kindOf(strings.Join(b.heads, " "))
			if d.Kind == "" {
				d.Kind = kindOf(intro)
			}
			if d.Kind == "" {
				d.Kind = KindCommentary
			}
		}
		out = append(out, segDoc{doc: d, headEnd: b.headEnd - b.start, footnote: b.footnote, closing: b.closing, notesFrom: -1, signText: b.sign})
	}
	return out
}

// cleanTitle drops quotes, footnote marks and the final colon of a heading.
func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	s = regexp.MustCompile(`\[\d+\]$`).ReplaceAllString(s, "")
	s = strings.TrimRight(s, ":,; ")
	s = strings.TrimLeft(s, "“\"")
	if strings.Count(s, "“") < strings.Count(s, "”") {
		s = strings.TrimSuffix(s, "”")
	}
	return strings.TrimSpace(s)
}

// mdHeading reports a Markdown ATX heading ("## Note of ...").
func mdHeading(t string) bool {
	n := len(t) - len(strings.TrimLeft(t, "#"))
	return n >= 1 && n <= 6 && len(t) > n && t[n] == ' '
}
