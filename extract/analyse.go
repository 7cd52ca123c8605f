package extract

import (
	"sort"
	"strings"
)

// docCtx holds one document under analysis.
type docCtx struct {
	doc     *Document
	rs      []rune
	toks    []token
	sents   []sentence
	actors  *docActors
	ments   []mention
	dates   []dateMention
	headTok int // first token after the heading block
	prior   []string
	issuer  string    // who asserts the sentence under analysis
	inNote  bool      // the sentence is an editorial footnote
	inner   []mention // mentions inside longer ones (the state in "Ambassador to X, Name")
	other   string    // the state on the other side of the dispute, once known
	seg     *segDoc
	// deedAgent is the issuer's own side charged with a deed in the sentence
	// under analysis, when another party's accusation is reported
	deedAgent string
}

var prepositions = map[string]bool{
	"from": true, "to": true, "by": true, "with": true, "against": true, "in": true, "on": true,
	"at": true, "toward": true, "towards": true, "into": true, "for": true, "under": true,
	"over": true, "upon": true, "of": true, "among": true, "between": true, "about": true,
	"regarding": true, "concerning": true, "as": true, "like": true, "than": true, "through": true, "before": true, "after": true, "since": true,
}

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "his": true, "her": true, "their": true,
	"our": true, "this": true, "that": true, "these": true, "those": true, "all": true, "any": true,
	"entire": true, "whole": true, "other": true, "such": true, "some": true, "every": true, "each": true,
}

// analyse reads a segmented document's metadata, actors and events.
func (x *Extractor) analyse(sd *segDoc) {
	d := &sd.doc
	dc := &docCtx{doc: d, rs: []rune(d.Text), seg: sd}
	dc.toks = tokenize(dc.rs)
	dc.sents = sentences(dc.rs, dc.toks)
	dc.dates = findDates(dc.toks)
	for i, t := range dc.toks {
		if t.start >= sd.headEnd {
			dc.headTok = i
			break
		}
		dc.headTok = i + 1
	}
	// first pass: mentions without the document's speaker, to read its metadata
	dc.actors = newDocActors(x.gaz)
	x.discoverStates(dc.rs, dc.toks, dc.actors)
	dc.ments = x.findMentions(dc.rs, dc.toks, 0, len(dc.toks), dc)
	x.metadata(sd, dc)
	x.plainSigner(sd, dc)
	// second pass: with the issuer and addressee known, relative references resolve
	first := dc.actors
	dc.actors = newDocActors(x.gaz)
	for id, a := range first.actors {
		if x.gaz.actors[id] == nil {
			c := *a
			dc.actors.actors[id] = &c
			dc.actors.tags[id] = first.tags[id]
		}
	}
	dc.actors.local, dc.actors.adjs = first.local, first.adjs
	for k, v := range first.surnames {
		dc.actors.surnames[k] = v
	}
	for k, v := range first.fullNames {
		dc.actors.fullNames[k] = v
	}
	dc.issuer = d.Issuer
	if sd.principal != "" {
		dc.issuer = sd.principal
	}
	dc.other = ""
	dc.ments = x.mentionsWithSeeds(sd, dc)
	dc.other = "" // recount the sides over the final mentions
	for _, id := range []string{d.Issuer, d.Addressee, d.DeliveredBy, d.DeliveredTo} {
		if id != "" {
			if _, ok := dc.actors.actors[id]; !ok {
				if a := first.actors[id]; a != nil {
					c := *a
					dc.actors.actors[id] = &c
				}
				dc.actors.use(id, "")
			}
		}
	}
	// the person who signs a telegram writes for its issuer
	if sd.signer != "" && d.Issuer != "" {
		if a := dc.actors.actors[sd.signer]; a != nil {
			a.MemberOf = addUnique(a.MemberOf, d.Issuer)
		}
	}
	x.events(sd, dc)
	// keep only the actors the document refers to
	used := map[string]bool{d.Issuer: true, d.Addressee: true, d.DeliveredBy: true, d.DeliveredTo: true}
	for _, m := range dc.ments {
		used[m.id] = true
	}
	for _, e := range d.Events {
		for _, a := range append(append([]string{e.AssertedBy}, e.Agents...), e.Targets...) {
			used[a] = true
		}
		for _, t := range e.Themes {
			used[t.Actor] = true
		}
	}
	for id := range used {
		if id == "" {
			continue
		}
		for _, c := range dc.actors.closure(id) {
			if dc.actors.actors[c] != nil {
				used[c] = true
			}
		}
	}
	for id := range dc.actors.actors {
		if !used[id] {
			delete(dc.actors.actors, id)
		}
	}
	d.Actors = dc.actors.list()
}

// mentionsWithSeeds finds mentions again, then lays markup-identified
// persons (TEI persName/@corresp) over them.
func (x *Extractor) mentionsWithSeeds(sd *segDoc, dc *docCtx) []mention {
	ms := x.findMentions(dc.rs, dc.toks, 0, len(dc.toks), dc)
	if len(sd.seeds) == 0 {
		return ms
	}
	var out []mention
	for _, s := range sd.seeds {
		from := sort.Search(len(dc.toks), func(i int) bool { return dc.toks[i].start >= s.start })
		to := sort.Search(len(dc.toks), func(i int) bool { return dc.toks[i].end > s.end })
		if from < 0 || to <= from {
			continue
		}
		if dc.actors.info(s.id) == nil {
			dc.actors.mint(Actor{ID: s.id, Label: s.label, Kind: Person}, nil)
		}
		dc.actors.use(s.id, normSpace(spanText(dc.rs, dc.toks, from, to)))
		out = append(out, mention{from: from, to: to, id: s.id, name: true})
	}
	for _, m := range ms {
		overlap := false
		for _, s := range out {
			if m.from < s.to && s.from < m.to {
				overlap = true
			}
		}
		if !overlap {
			out = append(out, m)
		}
	}
	sortMentions(out)
	return out
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].from < ms[j-1].from; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// metadata reads issuer, addressee, deliverers, date and place from the
// heading block, the closing line and the markup.
func (x *Extractor) metadata(sd *segDoc, dc *docCtx) {
	d := dc.doc
	toks := dc.toks
	kindAt := func(i int) bool {
		return kindOf(toks[i].raw) != "" || (i+1 < len(toks) && kindOf(toks[i].raw+" "+toks[i+1].raw) != "")
	}
	mentionFrom := func(i, limit int) (mention, bool) {
		for _, m := range dc.ments {
			if m.from >= i && m.from < limit {
				return m, true
			}
		}
		return mention{}, false
	}
	isPerson := func(id string) bool {
		a := dc.actors.info(id)
		return a != nil && a.Kind == Person
	}
	hd := dc.headTok
	if sd.footnote {
		hd = 0
	}
	if sd.issuerText != "" {
		d.Issuer = x.actorForText(dc, sd.issuerText)
	}
	if sd.addrText != "" {
		d.Addressee = x.actorForText(dc, sd.addrText)
	}
	// who delivered what to whom is stated in the first heading line
	firstLine := hd
	if nl := strings.IndexByte(d.Text, '\n'); nl >= 0 {
		nlr := len([]rune(d.Text[:nl]))
		for k, t := range toks {
			if t.start >= nlr {
				firstLine = min(k, hd)
				break
			}
		}
	}
	for i := 0; i < hd; i++ {
		n := toks[i].norm
		if (n == "by" || n == "to" || n == "from") && i >= firstLine {
			continue
		}
		switch {
		case d.Issuer == "" && kindAt(i) && i+2 < hd && (toks[i+1].norm == "of" || toks[i+2].norm == "of") && !answering(toks, i):
			j := i + 1
			if toks[j].norm != "of" {
				j++
			}
			if m, ok := mentionFrom(j+1, j+3); ok {
				d.Issuer = m.id
			}
		case d.Issuer == "" && n == "'s" && i > 0 && i+1 < hd && (kindAt(i+1) || (i+2 < hd && kindAt(i+2))):
			for _, m := range dc.ments {
				if m.to == i {
					d.Issuer = m.id
				}
			}
		case n == "by" || n == "to" || n == "from":
			end := i + 1
			for end < hd && end-i < 25 && toks[end].norm != "to" && toks[end].norm != "by" && toks[end].raw != ":" && !(toks[end].norm == "in" && end+1 < hd && toks[end+1].norm == "connection") && toks[end].norm != "on" && toks[end].norm != "concerning" {
				end++
			}
			var person, org string
			for _, m := range dc.ments {
				if m.from > i && m.from < end {
					if isPerson(m.id) {
						if person == "" {
							person = m.id
						}
					} else if org == "" && m.from <= i+3 {
						org = m.id
					}
				}
			}
			if n == "by" || n == "from" {
				if person != "" && d.DeliveredBy == "" && n == "by" {
					d.DeliveredBy = person
				} else if person == "" && org != "" && d.Issuer == "" {
					d.Issuer = org
				}
			} else {
				if person != "" && d.DeliveredTo == "" {
					d.DeliveredTo = person
				} else if person == "" && org != "" && d.Addressee == "" {
					d.Addressee = org
				}
			}
		}
	}
	// the subject of the first sentence that opens the text or the body
	if d.Kind == KindCommentary && sd.editor == "" {
		// an editorial text speaks for its unnamed editors, not for the actors it names
		d.Issuer = ""
	}
	if d.Issuer == "" && !sd.footnote && d.Kind != KindCommentary {
		for _, s := range dc.sents {
			if s.to <= 0 {
				continue
			}
			if m, ok := mentionFrom(s.from, s.from+3); ok && !isPerson(m.id) {
				d.Issuer = m.id
				break
			}
			if s.from >= hd {
				break
			}
		}
	}
	// a ministry writing "by order of its Government" or "with the
	// authorization of the Government" speaks for that government
	if d.Issuer != "" {
		sd.principal = x.principal(dc, hd)
	}
	// the verbal-note formula: "X presents its compliments to Y"
	if d.Addressee == "" {
		for k := hd; k+2 < len(toks) && k < hd+60; k++ {
			if toks[k].norm == "compliments" && toks[k+1].norm == "to" {
				if m, ok := mentionFrom(k+2, k+5); ok && !isPerson(m.id) {
					d.Addressee = m.id
				}
				break
			}
		}
	}
	if d.Addressee == "" && d.DeliveredTo != "" {
		if a := dc.actors.info(d.DeliveredTo); a != nil && len(a.MemberOf) > 0 {
			d.Addressee = a.MemberOf[0]
		}
	}
	// date: stated in the heading, else in the closing line
	for _, dm := range dc.dates {
		if dm.from < hd && !strings.HasPrefix(dm.value, "--") {
			d.Date = dm.value
			break
		}
	}
	if sd.closing != "" {
		ct := tokenize([]rune(sd.closing))
		if ds := findDates(ct); len(ds) > 0 {
			if d.Date == "" {
				d.Date = ds[0].value
			}
			if ds[0].from > 0 {
				d.Place = strings.TrimRight(strings.TrimSpace(string([]rune(sd.closing)[:ct[ds[0].from].start])), ",")
			}
		}
	}
	if d.Date == "" {
		for _, dm := range dc.dates {
			if dm.from < hd && strings.HasPrefix(dm.value, "--") {
				d.Date = ""
			}
		}
	}
}

// actorForText finds the actor a markup field names ("Embassy in Finland"),
// minting an organisation when the gazetteer does not know it.
func (x *Extractor) actorForText(dc *docCtx, text string) string {
	text = normSpace(text)
	rs := []rune(text)
	toks := tokenize(rs)
	tmp := &docCtx{doc: dc.doc, rs: rs, toks: toks, actors: dc.actors}
	ms := x.findMentions(rs, toks, 0, len(toks), tmp)
	for _, m := range ms {
		if m.from <= 1 && m.to >= len(toks)-1 {
			return m.id
		}
	}
	id := slug(text)
	if id == "" {
		return ""
	}
	dc.actors.mint(Actor{ID: id, Label: text, Kind: Organization}, nil)
	return id
}

// principal finds the government a note speaks for: "by order of its
// Government", "has been authorized ... by the Soviet Government", "With the
// authorization of the Government of X", stated in the heading block or the
// first sentence of the body.
func (x *Extractor) principal(dc *docCtx, hd int) string {
	limit := hd
	for _, s := range dc.sents {
		if s.from >= hd {
			limit = s.to
			break
		}
	}
	for i := 0; i < limit; i++ {
		n := dc.toks[i].norm
		if n != "authorized" && n != "authorization" && !(n == "order" && i > 0 && dc.toks[i-1].norm == "by") && !(n == "instructions" && i > 0 && dc.toks[i-1].norm == "on") {
			continue
		}
		for k := i + 1; k < limit && k < i+14; k++ {
			if dc.toks[k].norm == "its" && k+1 < limit && dc.toks[k+1].norm == "government" {
				if st := dc.actors.state(dc.doc.Issuer); st != "" {
					return x.composeID(dc.actors, "government", st)
				}
			}
			for _, m := range dc.ments {
				if m.from == k && dc.actors.hasTag(m.id, "government") {
					return m.id
				}
			}
		}
	}
	return ""
}

// answering reports a genre word that names the document answered, not this
// one: "Reply ... to the letter of X" is not a letter of X.
func answering(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].norm {
		case "to", "your", "with", "on":
			return true
		case "the", "a", "this", "that":
			continue
		}
		return false
	}
	return false
}

// plainSigner reads who signed a plain-text telegram or memorandum from the
// last line of its signature block (a surname): the "I" of the text. A name
// the gazetteer does not hold becomes a person who writes for the issuer.
func (x *Extractor) plainSigner(sd *segDoc, dc *docCtx) {
	k := dc.doc.Kind
	if sd.signer != "" || sd.signText == "" || (k != KindTelegram && k != KindMemorandum) {
		return
	}
	text := strings.TrimRight(normSpace(sd.signText), ".,")
	rs := []rune(text)
	toks := tokenize(rs)
	for _, t := range toks {
		if t.word && !t.cap {
			return // not a name
		}
	}
	tmp := &docCtx{doc: dc.doc, rs: rs, toks: toks, actors: dc.actors}
	for _, m := range x.findMentions(rs, toks, 0, len(toks), tmp) {
		if a := dc.actors.info(m.id); a != nil && a.Kind == Person {
			sd.signer = m.id
			return
		}
	}
	words := strings.Fields(text)
	if len(words) == 0 {
		return
	}
	id := slug(words[len(words)-1])
	if id == "" || x.gaz.actors[id] != nil {
		return
	}
	dc.actors.mint(Actor{ID: id, Label: text, Kind: Person}, nil)
	dc.actors.remember(id, text)
	sd.signer = id
}
