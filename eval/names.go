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
// "J. V. Smith" and "J.V. Smith" give "j v smith"; "the Freedonian
// People’s Republic" and "Freedonian People's Republic" give the same key.
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

// actorInfo is what name matching knows of one extracted actor.
type actorInfo struct {
	keys    []string // comparison keys of its names
	kind    extract.ActorKind
	partOf  []string // actor IDs of the bodies it is part of
	parents []string // partOf, represents and memberOf: what "of X" may name
}

// actorIndex resolves actor IDs of one file to what matching needs. An actor
// is described by every document that mentions it; the descriptions merge.
type actorIndex map[string]*actorInfo

func newActorIndex(f extract.File) actorIndex {
	idx := actorIndex{}
	for _, d := range f.Documents {
		for _, a := range d.Actors {
			in := idx[a.ID]
			if in == nil {
				in = &actorInfo{kind: a.Kind}
				idx[a.ID] = in
			}
			in.keys = appendUnique(in.keys, actorNames(a)...)
			in.partOf = appendUnique(in.partOf, a.PartOf...)
			in.parents = appendUnique(in.parents, a.PartOf...)
			in.parents = appendUnique(in.parents, a.Represents...)
			in.parents = appendUnique(in.parents, a.MemberOf...)
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
	if in, ok := idx[id]; ok {
		return in.keys
	}
	return []string{normName(id)}
}

// nameMatches reports whether the gold name names the actor. Beyond an equal
// name (label, alternative label or ID, folded by normName) it accepts, so
// that the gold's canonical names need not spell the extractor's:
//   - a trailing place qualifier: "Albanian Embassy in Moscow" names the
//     actor called "Albanian Embassy";
//   - "HEAD of X" for an actor named "HEAD of Y" when X names a body the
//     actor is part of, represents or belongs to: "Ministry of Foreign
//     Affairs of the USSR" names "Ministry of Foreign Affairs of Soviet Union"
//     when the latter is part of the actor that answers to "USSR";
//   - for a person, a one-word name and a full name with that last word
//     ("Dobrynin", "Anatoly Dobrynin"): within one file a surname names one
//     person;
//   - the party an organ of a party (an Organization part of another
//     Organization: its leadership, central committee) speaks for: "the
//     Central Committee of our party" acts as the party.
func (idx actorIndex) nameMatches(gold, id string) bool {
	return idx.nameMatchesDepth(gold, id, 0)
}

func (idx actorIndex) nameMatchesDepth(gold, id string, depth int) bool {
	g := normName(gold)
	if g == "" || depth > 2 {
		return false
	}
	forms := []string{g}
	if s := stripPlace(g); s != g {
		forms = append(forms, s)
	}
	keys := idx.keys(id)
	for _, k := range keys {
		for _, f := range forms {
			if k == f {
				return true
			}
		}
	}
	in := idx[id]
	if in == nil {
		return false
	}
	for _, f := range forms {
		if idx.headOfMatches(f, in, depth) {
			return true
		}
	}
	if in.kind == extract.Person && surnameMatches(g, keys) {
		return true
	}
	if in.kind == extract.Organization {
		for _, p := range in.partOf {
			if pi := idx[p]; pi != nil && pi.kind == extract.Organization && idx.nameMatchesDepth(gold, p, depth+1) {
				return true
			}
		}
	}
	return false
}

// stripPlace drops a trailing "in X" of one or two words.
func stripPlace(g string) string {
	w := strings.Fields(g)
	for n := 2; n >= 1; n-- {
		if len(w) > n+2 && w[len(w)-n-1] == "in" {
			return strings.Join(w[:len(w)-n-1], " ")
		}
	}
	return g
}

// headOfMatches tries every split of the gold form as "HEAD of X" against
// every name of the actor split the same way.
func (idx actorIndex) headOfMatches(g string, in *actorInfo, depth int) bool {
	gw := strings.Fields(g)
	for i, w := range gw {
		if w != "of" || i == 0 || i == len(gw)-1 {
			continue
		}
		head, rest := strings.Join(gw[:i], " "), strings.Join(gw[i+1:], " ")
		for _, k := range in.keys {
			kw := strings.Fields(k)
			for j, v := range kw {
				if v != "of" || j == 0 || strings.Join(kw[:j], " ") != head {
					continue
				}
				for _, p := range in.parents {
					if idx.nameMatchesDepth(rest, p, depth+1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// surnameMatches reports whether a one-word name equals the last word of a
// longer one, either way round.
func surnameMatches(g string, keys []string) bool {
	gw := strings.Fields(g)
	for _, k := range keys {
		kw := strings.Fields(k)
		switch {
		case len(gw) == 1 && len(kw) > 1 && kw[len(kw)-1] == gw[0]:
			return true
		case len(kw) == 1 && len(gw) > 1 && gw[len(gw)-1] == kw[0]:
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
// folding and dropping function words, the two descriptions share at least
// half the content words of the shorter one: an extractor may quote "a
// reduction of the staff of the Soviet Embassy by nearly three times" or
// "the credits granted" where the annotator wrote "reduction of the staff of
// the Soviet Embassy" or "credits for the third five-year plan".
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
	small := min(len(sa), len(sb))
	return common > 0 && 2*common >= small
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
