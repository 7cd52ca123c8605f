package extract

import "strings"

// States the gazetteer does not know are read from the forms of their names,
// so that a document between unknown states still has its issuer, addressee
// and sides: "the Republic of X" (X a capitalised name) and "the Xian
// People's Republic" (an adjective before a state-form noun) mint a country
// for the document, with its name and adjective, so that "the Xian
// Government" and "the Xian side" compose as with a known state.

// stateNouns are the nouns of a state's formal name.
var stateNouns = map[string]bool{
	"republic": true, "kingdom": true, "principality": true, "federation": true,
	"confederation": true, "emirate": true, "sultanate": true, "duchy": true,
}

// stateModifiers are the capitalised words that stand in a state's formal
// name before its noun ("People's Democratic Republic of X").
var stateModifiers = map[string]bool{
	"people's": true, "peoples": true, "democratic": true, "socialist": true, "federal": true,
	"federative": true, "popular": true, "united": true, "islamic": true,
	"arab": true, "grand": true, "constitutional": true,
}

// adjectiveOf derives a demonym from a state's name ("Xania" → "Xanian"),
// "" when no regular form applies.
func adjectiveOf(name string) string {
	if strings.ContainsRune(name, ' ') {
		return ""
	}
	switch {
	case strings.HasSuffix(name, "ia"), strings.HasSuffix(name, "a"):
		return name + "n"
	}
	return ""
}

// nameOfAdjective derives a state's short name from its demonym ("Xanian" →
// "Xania"), "" when no regular form applies.
func nameOfAdjective(adj string) string {
	if strings.HasSuffix(adj, "ian") || strings.HasSuffix(adj, "an") {
		return strings.TrimSuffix(adj, "n")
	}
	return ""
}

// discoverStates mints the unknown states a document names, adding their
// names and adjectives to the document's own name table.
func (x *Extractor) discoverStates(rs []rune, toks []token, d *docActors) {
	// a name does not run over a line break ("Republic of X" ending a heading)
	joined := func(k int) bool {
		return k == 0 || !strings.ContainsRune(string(rs[toks[k-1].end:toks[k].start]), '\n')
	}
	known := func(i, j int) bool {
		_, e, ok := x.gaz.names.longest(toks[:j], i, func(v trieVal) bool { return v.kind == 'a' || v.kind == 'j' })
		return ok && e >= j
	}
	capWord := func(k int) bool {
		return k < len(toks) && joined(k) && toks[k].word && toks[k].cap && !toks[k].upper && !stateNouns[toks[k].norm] && !stateModifiers[toks[k].norm] && toks[k].norm != "of"
	}
	add := func(label, name, adj string) {
		id := slug(name)
		if id == "" || x.gaz.actors[id] != nil {
			return
		}
		if d.local == nil {
			d.local = newTrie()
			d.adjs = map[string][]string{}
		}
		if d.actors[id] == nil {
			d.actors[id] = &Actor{ID: id, Kind: Country, Label: label}
			d.tags[id] = []string{"state"}
		}
		for _, a := range []string{label, name} {
			d.local.add(a, trieVal{kind: 'a', id: id})
		}
		if adj != "" {
			d.local.add(adj, trieVal{kind: 'j', id: id})
			if len(d.adjs[id]) == 0 {
				d.adjs[id] = []string{adj}
			}
		}
	}
	isRole := func(k int) bool {
		_, _, ok := x.gaz.roleT.longest(toks, k, func(trieVal) bool { return true })
		return ok
	}
	isHead := func(k int) bool {
		_, _, ok := x.gaz.heads.longest(toks, k, func(trieVal) bool { return true })
		return ok
	}
	for i := 0; i < len(toks); i++ {
		if !toks[i].cap || !stateNouns[toks[i].norm] {
			continue
		}
		// the modifiers before the noun belong to the name
		from := i
		for from > 0 {
			if toks[from-1].norm == "'s" && from > 1 && toks[from-2].norm == "people" {
				from -= 2
			} else if toks[from-1].cap && stateModifiers[toks[from-1].norm] {
				from--
			} else {
				break
			}
		}
		// "Republic of X"
		if i+2 < len(toks) && toks[i+1].norm == "of" {
			k := i + 2
			if toks[k].norm == "the" {
				k++
			}
			e := k
			for e < len(toks) && e < k+2 && capWord(e) {
				e++
			}
			if e > k && !known(k, e) && !known(from, e) {
				name := spanTextTok(toks, k, e)
				add(spanTextTok(toks, from, e), name, adjectiveOf(name))
			}
			continue
		}
		// "Xian People's Republic"
		a := from - 1
		if a >= 0 && capWord(a) && !known(a, a+1) {
			adj := toks[a].raw
			if name := nameOfAdjective(adj); name != "" {
				add(spanTextTok(toks, a, i+1), name, adj)
			}
		}
	}
	// then the short forms: formal names, read first, give the labels
	for i := 0; i < len(toks); i++ {
		// "Embassy in X": a mission named by its host state
		if i+1 < len(toks) && toks[i].norm == "in" && i > 0 && (toks[i-1].norm == "embassy" || toks[i-1].norm == "legation") &&
			capWord(i+1) && !capWord(i+2) && !known(i+1, i+2) {
			name := toks[i+1].raw
			add(name, name, adjectiveOf(name))
			continue
		}
		// "the Xian Chargé", "Xian trucks", "the Xians": a demonym the
		// gazetteer does not know, before a role, an institution or a common
		// noun (a first name such as "Julian" stands before a capitalised
		// surname)
		if w := toks[i].raw; capWord(i) && !known(i, i+1) && len(w) > 5 {
			if strings.HasSuffix(w, "ians") && (i+1 >= len(toks) || !toks[i+1].cap) {
				adj := strings.TrimSuffix(w, "s")
				add(nameOfAdjective(adj), nameOfAdjective(adj), adj)
				if d.local != nil {
					d.local.add(w, trieVal{kind: 'a', id: slug(nameOfAdjective(adj))})
				}
				continue
			}
			if strings.HasSuffix(w, "ian") && i+1 < len(toks) && toks[i+1].word && (!toks[i+1].cap || isRole(i+1) || isHead(i+1)) {
				add(nameOfAdjective(w), nameOfAdjective(w), w)
				continue
			}
		}
	}
}

// spanTextTok joins the raw words of toks[from:to] with single spaces.
func spanTextTok(toks []token, from, to int) string {
	var b strings.Builder
	for k := from; k < to; k++ {
		if k > from && toks[k].word && toks[k].norm != "'s" {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].raw)
	}
	return b.String()
}
