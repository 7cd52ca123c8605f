package extract

import (
	"strings"
	"unicode"
)

// token is one word or punctuation mark of a document's text. Offsets count
// code points of the text, as evidence spans do.
type token struct {
	start, end int
	raw        string // as written
	norm       string // lower case, typographic apostrophes made plain
	cap        bool   // starts with an upper-case letter
	upper      bool   // all letters upper case (acronyms: US, USSR)
	word       bool   // letters or digits (else punctuation)
}

// isApos reports the apostrophes that join a word ("People’s", "d’Affaires").
func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text (given as runes) into tokens. A possessive "'s" is
// its own token, so that "Firefly’s" matches the name "Firefly";
// other inner apostrophes, hyphens and periods between letters of an
// abbreviation ("U.S.") stay inside the word.
func tokenize(rs []rune) []token {
	var toks []token
	n := len(rs)
	for i := 0; i < n; {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case isWordRune(r):
			j := i + 1
			for j < n {
				c := rs[j]
				if isWordRune(c) {
					j++
					continue
				}
				if (isApos(c) || c == '-' || c == '‑') && j+1 < n && isWordRune(rs[j+1]) {
					// possessive 's ends the word
					if isApos(c) && (rs[j+1] == 's' || rs[j+1] == 'S') && (j+2 == n || !isWordRune(rs[j+2])) {
						break
					}
					j += 2
					continue
				}
				// abbreviations with inner periods: U.S., U.S.S.R.
				if c == '.' && j+1 < n && unicode.IsUpper(rs[j+1]) && j-i == 1 && j+2 < n && rs[j+2] == '.' {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, makeToken(rs, i, j, true))
			i = j
		case isApos(r) && i+1 < n && (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 == n || !isWordRune(rs[i+2])) && i > 0 && isWordRune(rs[i-1]):
			toks = append(toks, makeToken(rs, i, i+2, true))
			i += 2
		default:
			toks = append(toks, makeToken(rs, i, i+1, false))
			i++
		}
	}
	return toks
}

func makeToken(rs []rune, i, j int, word bool) token {
	raw := string(rs[i:j])
	t := token{start: i, end: j, raw: raw, word: word}
	t.norm = normWord(raw)
	if word {
		t.cap = unicode.IsUpper(rs[i])
		up, letters := true, 0
		for _, r := range rs[i:j] {
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					up = false
				}
			}
		}
		t.upper = up && letters >= 2
	}
	return t
}

var normReplacer = strings.NewReplacer("’", "'", "ʼ", "'", "‑", "-")

func normWord(s string) string {
	// fast path: plain lower-case ASCII, most words of a text
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return strings.ToLower(normReplacer.Replace(s))
}

// sentence is a run of tokens [from, to) covering text [start, end).
type sentence struct {
	start, end int
	from, to   int
}

// abbreviations that end with a period without ending a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "amb": true, "gen": true,
	"col": true, "lt": true, "no": true, "nos": true, "vol": true, "pp": true, "p": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "govt": true, "prof": true,
	"cf": true, "ibid": true, "etc": true, "i.e": true, "e.g": true, "u.s": true, "sov": true,
	"conf": true, "dept": true, "gov": true, "rep": true, "sen": true, "ca": true,
}

// sentences splits tokens into sentences: at . ! ? followed by a capital or a
// quote (unless the period closes an initial or an abbreviation), and at
// blank lines, which end paragraphs in plain text and TEI alike.
func sentences(rs []rune, toks []token) []sentence {
	var out []sentence
	from := 0
	flush := func(to int) {
		if to > from {
			out = append(out, sentence{start: toks[from].start, end: toks[to-1].end, from: from, to: to})
		}
		from = to
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i > from && i > 0 && paragraphBreak(rs, toks[i-1].end, t.start) {
			flush(i)
		}
		if t.word || (t.raw != "." && t.raw != "!" && t.raw != "?") {
			continue
		}
		// absorb closing quotes and brackets
		j := i + 1
		for j < len(toks) && !toks[j].word && strings.ContainsAny(toks[j].raw, "”\"’)]") && toks[j].start == toks[j-1].end {
			j++
		}
		if t.raw == "." && i > 0 {
			p := toks[i-1]
			if p.word && p.end == t.start && ((len([]rune(p.raw)) == 1 && p.cap) || abbrevs[p.norm]) {
				// "N. Firefly", "Amb." — unless a blank line follows
				if j >= len(toks) || !paragraphBreak(rs, t.end, toks[j].start) {
					continue
				}
			}
		}
		if j < len(toks) {
			nx := toks[j]
			r := []rune(nx.raw)[0]
			if nx.word && !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				continue
			}
		}
		flush(j)
		i = j - 1
	}
	flush(len(toks))
	return out
}

// paragraphBreak reports whether the gap between two tokens holds a line
// break (paragraphs and headings are one line each in plain text; TEI
// paragraphs are joined with a blank line).
func paragraphBreak(rs []rune, a, b int) bool {
	for k := a; k < b && k < len(rs); k++ {
		if rs[k] == '\n' {
			return true
		}
	}
	return false
}
