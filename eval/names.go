package eval

import (
	"strings"
	"unicode"

	"notegraph/extract"
)

// foldTable maps accented Latin letters to their base letters. The standard
// library has no Unicode decomposition, and names in diplomatic documents are
// spelt with and without diacritics ("Meçaj", "Mecaj"), so both must compare
// equal. Each entry is a run of letters and the base they fold to.
var foldTable = func() map[rune]string {
	m := map[rune]string{}
	for _, e := range []struct{ from, to string }{
		{"ÀÁÂÃÄÅĀĂĄǍàáâãäåāăąǎ", "a"},
		{"ÇĆĈĊČçćĉċč", "c"},
		{"ĎĐďđ", "d"},
		{"ÈÉÊËĒĔĖĘĚèéêëēĕėęě", "e"},
		{"ĜĞĠĢĝğġģ", "g"},
		{"ĤĦĥħ", "h"},
		{"ÌÍÎÏĨĪĬĮİìíîïĩīĭįı", "i"},
		{"Ĵĵ", "j"},
		{"Ķķ", "k"},
		{"ĹĻĽĿŁĺļľŀł", "l"},
		{"ÑŃŅŇñńņň", "n"},
		{"ÒÓÔÕÖØŌŎŐòóôõöøōŏő", "o"},
		{"ŔŖŘŕŗř", "r"},
		{"ŚŜŞŠȘśŝşšș", "s"},
		{"ŢŤŦȚţťŧț", "t"},
		{"ÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűų", "u"},
		{"Ŵŵ", "w"},
		{"ÝŸŶýÿŷ", "y"},
		{"ŹŻŽźżž", "z"},
		{"Ææ", "ae"},
		{"Œœ", "oe"},
		{"ß", "ss"},
		{"Þþ", "th"},
	} {
		for _, r := range e.from {
			m[r] = e.to
		}
	}
	return m
}()

// normName folds a name to a comparison key: accents removed, lower case,
// punctuation (periods, apostrophes of any shape, hyphens) turned into
// word breaks, a leading article dropped, words joined by one space.
// "J. V. Shikin" and "J.V. Shikin" give "j v shikin"; "the Albanian
// People’s Republic" and "Albanian People's Republic" give the same key.
func normName(s string) string {
	words := normWords(s)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// normWords splits s into folded lower-case words of letters and digits.
// A possessive "’s" stays attached as "s" so that "People’s" and
// "Peoples" differ no more than the reader would care.
func normWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == 'ʼ':
			// People's -> peoples: an apostrophe joins, it does not split.
		default:
			flush()
		}
	}
	flush()
	return words
}

// actorNames returns the comparison keys of an actor: its ID, label and
// every alternative label.
func actorNames(a extract.Actor) []string {
	keys := []string{normName(a.Label)}
	for _, l := range a.AltLabels {
		keys = append(keys, normName(l))
	}
	if a.ID != "" {
		keys = append(keys, normName(a.ID))
	}
	return keys
}

// actorIndex resolves actor IDs of one file to their comparison keys.
type actorIndex map[string][]string

func newActorIndex(f extract.File) actorIndex {
	idx := actorIndex{}
	for _, d := range f.Documents {
		for _, a := range d.Actors {
			idx[a.ID] = appendUnique(idx[a.ID], actorNames(a)...)
		}
	}
	return idx
}

func appendUnique(l []string, keys ...string) []string {
	for _, k := range keys {
		if k == "" {
			continue
		}
		dup := false
		for _, x := range l {
			if x == k {
				dup = true
				break
			}
		}
		if !dup {
			l = append(l, k)
		}
	}
	return l
}

// keys returns the comparison keys of an actor ID; an ID the document does
// not describe still compares by itself.
func (idx actorIndex) keys(id string) []string {
	if k, ok := idx[id]; ok {
		return k
	}
	return []string{normName(id)}
}

// nameMatches reports whether the gold name is one of the actor's names.
func (idx actorIndex) nameMatches(gold, id string) bool {
	g := normName(gold)
	if g == "" {
		return false
	}
	for _, k := range idx.keys(id) {
		if k == g {
			return true
		}
	}
	return false
}

// setMatches reports whether the gold names and the extracted actor IDs are
// the same set: a one-to-one pairing exists in which every gold name is a
// name of its actor, with no actor left over. Lists are short, so a
// backtracking search is enough.
func (idx actorIndex) setMatches(gold Names, ids []string) bool {
	ids = uniqueStrings(ids)
	if len(gold) != len(ids) {
		return false
	}
	used := make([]bool, len(ids))
	var try func(i int) bool
	try = func(i int) bool {
		if i == len(gold) {
			return true
		}
		for j, id := range ids {
			if !used[j] && idx.nameMatches(gold[i], id) {
				used[j] = true
				if try(i + 1) {
					return true
				}
				used[j] = false
			}
		}
		return false
	}
	return try(0)
}

func uniqueStrings(l []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// stopWords carry no content when two descriptions of a theme are compared.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true,
	"its": true, "his": true, "her": true, "their": true, "and": true, "by": true,
	"for": true, "from": true, "on": true, "at": true, "with": true,
}

func contentWords(s string) []string {
	var out []string
	for _, w := range normWords(s) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// themeMatches reports whether an extracted theme argument fits a gold theme.
// An actor argument compares by name. A text argument matches when, after
// folding and dropping function words, one description contains all the
// content words of the other, or when they share at least half of the
// content words of the longer one: an extractor may quote "a reduction of
// the staff of the Soviet Embassy by nearly three times" where the
// annotator wrote "reduction of the staff of the Soviet Embassy".
func (idx actorIndex) themeMatches(gold string, arg extract.Arg) bool {
	if arg.Actor != "" && idx.nameMatches(gold, arg.Actor) {
		return true
	}
	text := arg.Text
	if text == "" {
		return false
	}
	return textSimilar(gold, text)
}

func textSimilar(a, b string) bool {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return normName(a) == normName(b)
	}
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, w := range wa {
		sa[w] = true
	}
	for _, w := range wb {
		sb[w] = true
	}
	common := 0
	for w := range sa {
		if sb[w] {
			common++
		}
	}
	small, large := len(sa), len(sb)
	if small > large {
		small, large = large, small
	}
	return common == small || 2*common >= large
}

// themesMatch reports whether every gold theme is matched by a distinct
// extracted theme. Extra extracted themes are tolerated: the gold names what
// must be found, and an empty gold theme matches any theme.
func (idx actorIndex) themesMatch(gold Names, args []extract.Arg) bool {
	used := make([]bool, len(args))
	var try func(i int) bool
	try = func(i int) bool {
		if i == len(gold) {
			return true
		}
		for j, a := range args {
			if !used[j] && idx.themeMatches(gold[i], a) {
				used[j] = true
				if try(i + 1) {
					return true
				}
				used[j] = false
			}
		}
		return false
	}
	return try(0)
}
