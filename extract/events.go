package extract

import (
	"slices"
	"sort"
	"strings"
)

// catenatives take an infinitive that shares their subject: "have begun to
// discredit", "continued to obstruct".
var catenatives = map[string]bool{"begun": true, "began": true, "begin": true, "begins": true,
	"continue": true, "continued": true, "continues": true, "started": true, "start": true,
	"tried": true, "try": true, "tries": true, "sought": true, "seek": true, "seeks": true,
	"decided": true, "decide": true, "decides": true, "attempted": true, "attempt": true}

var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true, "it": true}

var auxiliaries = map[string]bool{"has": true, "have": true, "had": true, "is": true, "are": true, "was": true, "were": true, "been": true, "also": true}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

// events finds the event reports of a document: one pass looks triggers up by
// word form; only sentences holding one are analysed further.
func (x *Extractor) events(sd *segDoc, dc *docCtx) {
	d := dc.doc
	ps := x.pats
	start := dc.headTok
	if sd.footnote {
		start = 0
	}
	if d.Issuer == "" {
		// nobody to assert anything: an editorial footnote or introduction
		return
	}
	type key struct {
		typ string
		tok int
	}
	seen := map[key]bool{}
	editor := ""
	if sd.notesFrom >= 0 && sd.editor != "" {
		editor = x.actorForText(dc, sd.editor)
	}
	for _, s := range dc.sents {
		if s.to <= start {
			continue
		}
		// footnotes are the editors' account, not the document issuer's
		dc.issuer, dc.inNote = d.Issuer, false
		if sd.principal != "" {
			dc.issuer = sd.principal
		}
		if editor != "" && s.start >= sd.notesFrom {
			dc.issuer, dc.inNote = editor, true
		}
		for i := max(s.from, start); i < s.to; i++ {
			cands := ps.byForm[dc.toks[i].norm]
			if len(cands) == 0 {
				continue
			}
			for _, p := range cands {
				if seen[key{p.Type, i}] {
					continue
				}
				evs := x.match(p, i, s, dc, sd)
				if len(evs) == 0 {
					continue
				}
				seen[key{p.Type, i}] = true
				// the words of a phrasal trigger ("placed under the
				// surveillance") trigger no second event of the type
				if tw := strings.Fields(strings.ToLower(evs[0].Trigger)); len(tw) > 1 {
					for k := i + 1; k < s.to && k < i+12; k++ {
						if slices.Contains(tw, dc.toks[k].norm) {
							seen[key{p.Type, k}] = true
						}
					}
				}
				if duplicate(d.Events, evs[0]) {
					continue
				}
				base := len(d.Events)
				for k, e := range evs {
					if e.ChargeOf >= 0 {
						evs[k].ChargeOf = base + e.ChargeOf
					}
				}
				d.Events = append(d.Events, evs...)
			}
		}
	}
}

// side is the state an actor acts for, through its affiliations or as the
// governing party of a state.
func (x *Extractor) side(dc *docCtx, id string) string {
	if id == "" {
		return ""
	}
	for _, c := range dc.actors.closure(id) {
		if dc.actors.hasTag(c, "Country") {
			return c
		}
		if sid, ok := x.gaz.partyOf[c]; ok {
			return sid
		}
	}
	return id
}

func (x *Extractor) sameSide(dc *docCtx, a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return a == b || x.side(dc, a) == x.side(dc, b)
}

// clauseEnd is the end of the clause holding token i: the next semicolon,
// colon or the sentence end.
func clauseEnd(dc *docCtx, s sentence, i int) int {
	for j := i + 1; j < s.to; j++ {
		r := dc.toks[j].raw
		if r == ";" || r == ":" || r == "–" || r == "—" {
			return j
		}
	}
	return s.to
}

func (dc *docCtx) isPlace(id string) bool {
	a := dc.actors.info(id)
	return a != nil && a.Kind == Place
}

// span returns the mentions that start in tokens [from, to); mentions are
// sorted by start, so per-trigger analysis stays local in long documents.
func (dc *docCtx) span(from, to int) []mention {
	lo := sort.Search(len(dc.ments), func(k int) bool { return dc.ments[k].from >= from })
	hi := lo
	for hi < len(dc.ments) && dc.ments[hi].from < to {
		hi++
	}
	return dc.ments[lo:hi]
}

func (dc *docCtx) mentionAt(from int) (mention, bool) {
	for _, m := range dc.span(from, from+1) {
		if m.from == from && !dc.isPlace(m.id) {
			return m, true
		}
		if m.from > from {
			break
		}
	}
	return mention{}, false
}

// afterDet skips determiners and adjectives before a mention starting at or after j.
func (dc *docCtx) mentionAfter(j, limit int) (mention, bool) {
	// "to close the Embassy" is an infinitive, not "to the Embassy"
	if j+1 < limit && dc.toks[j].word && !determiners[dc.toks[j].norm] && !dc.toks[j].cap && determiners[dc.toks[j+1].norm] {
		return mention{}, false
	}
	hopped := false
	for k := j; k < limit && k < j+5; k++ {
		if m, ok := dc.mentionAt(k); ok {
			return m, true
		}
		t := dc.toks[k]
		// "with the policy of the Albanian leaders": one "of" to the actor
		if t.norm == "of" && !hopped && k > j {
			hopped = true
			continue
		}
		if !t.word || prepositions[t.norm] {
			return mention{}, false
		}
	}
	return mention{}, false
}

// partitives head a phrase that acts for the group after "of": "the members
// of the Presidium ... have tried", "groups of militiamen surrounded".
var partitives = map[string]bool{"members": true, "member": true, "representatives": true,
	"representative": true, "groups": true, "group": true, "some": true, "many": true, "most": true,
	"one": true, "each": true, "majority": true, "delegation": true, "delegates": true, "officials": true}

// prepBefore is the preposition governing a mention, skipping determiners;
// the "of" after a partitive does not count.
func (dc *docCtx) prepBefore(m mention) string {
	for k := m.from - 1; k >= 0 && k >= m.from-3; k-- {
		n := dc.toks[k].norm
		if determiners[n] {
			continue
		}
		if n == "of" && k > 0 && partitives[dc.toks[k-1].norm] {
			// unless the partitive itself is governed: "to the members of"
			j := k - 2
			for j >= 0 && determiners[dc.toks[j].norm] {
				j--
			}
			if j >= 0 && prepositions[dc.toks[j].norm] {
				return dc.toks[j].norm
			}
			return ""
		}
		if prepositions[n] {
			return n
		}
		return ""
	}
	return ""
}

// subject finds the acting mention left of the trigger: the mention just
// before an infinitive ("the decision of X to recall"), else the nearest
// mention not governed by a preposition.
func (dc *docCtx) subject(s sentence, i int) (mention, bool) {
	var cands []mention
	for _, m := range dc.span(s.from, i) {
		if dc.isPlace(m.id) {
			continue
		}
		if m.from >= s.from && m.to <= i {
			cands = append(cands, m)
		}
	}
	if i > 0 && dc.toks[i-1].norm == "to" {
		for _, m := range cands {
			if m.to == i-1 {
				return m, true
			}
		}
	}
	// "letters from Albanian Communists appealing to us": a participle's
	// subject is the mention it follows
	if strings.HasSuffix(dc.toks[i].norm, "ing") {
		for _, m := range cands {
			if m.to == i {
				return m, true
			}
		}
	}
	// a verb coordinated after a comma or "and" shares the clause's first subject
	// ("N. Firefly ... canceled the credits ..., withdrew Freedonian technicians")
	p := i - 1
	for p > s.from && (strings.HasSuffix(dc.toks[p].norm, "ly") || auxiliaries[dc.toks[p].norm] ||
		dc.toks[p].norm == "to" && p > s.from+1 && catenatives[dc.toks[p-1].norm]) {
		if dc.toks[p].norm == "to" {
			p--
		}
		p--
	}
	// a relative clause's verb acts for the antecedent: "a fabrication of the
	// X service, which has kept ..."
	if p > s.from && (dc.toks[p].norm == "which" || dc.toks[p].norm == "who") {
		q := p
		if dc.toks[q-1].raw == "," {
			q--
		}
		for _, m := range cands {
			if m.to == q {
				return m, true
			}
		}
	}
	if p > s.from && (dc.toks[p].raw == "," || dc.toks[p].norm == "and") {
		// inside a "that" clause the clause's own subject: "the minister stated
		// that X had closed ... and had stopped ..."
		cl := s.from
		for k := p - 1; k > s.from && dc.toks[p].norm == "and"; k-- {
			if dc.toks[k].raw == "," {
				// a parenthetical closed before the verb: "X, taking ...
				// the allegation that ..., has decided"
				break
			}
			if dc.toks[k].norm == "that" {
				cl = k + 1
				break
			}
		}
		if n := dc.toks[cl].norm; n == "they" || n == "he" || n == "she" || n == "we" {
			// "They have placed X under surveillance and have begun to
			// discredit them": the clause's pronoun subject, not its object
			if m, ok := dc.pronoun(cl); ok {
				return m, true
			}
		}
		if cl > s.from {
			if m, ok := dc.pronoun(cl); ok {
				return m, true
			}
			for _, m := range cands {
				if m.from == cl || m.from == cl+1 && determiners[dc.toks[cl].norm] {
					return m, true
				}
			}
		}
		for _, m := range cands {
			if dc.prepBefore(m) == "" {
				return m, true
			}
		}
	}
	// "X, taking ... into consideration ..., has decided to": the subject before
	// a parenthetical set off by commas
	for _, m := range cands {
		if dc.prepBefore(m) != "" {
			continue
		}
		if m.to < i && dc.toks[m.to].raw == "," {
			for k := len(cands) - 1; k >= 0; k-- {
				n := cands[k]
				if n.from > m.from && dc.prepBefore(n) == "" && indexWord(dc.toks, ",", n.to, i) >= 0 {
					return m, true
				}
			}
		}
		break
	}
	nearest := -1
	for k := len(cands) - 1; k >= 0; k-- {
		if dc.prepBefore(cands[k]) == "" {
			nearest = k
			break
		}
	}
	// a pronoun between that mention and the verb is the subject: "we proposed
	// a meeting to the Albanian leaders, but they avoided it"
	lo := s.from
	if nearest >= 0 {
		lo = cands[nearest].to
	}
	for k := i - 1; k >= lo; k-- {
		if dc.toks[k].norm == "it" && !(i-k == 1 || i-k == 2 && strings.HasSuffix(dc.toks[k+1].norm, "ly") || k == s.from) {
			continue
		}
		if m, ok := dc.pronoun(k); ok {
			return m, true
		}
	}
	if nearest >= 0 {
		return cands[nearest], true
	}
	// telegraphic style drops a repeated subject: "Tyler called in Dobrynin
	// ... Said he was sure ...": the previous sentence's subject acts
	if dc.doc.Kind == KindTelegram && len(cands) == 0 && i-s.from <= 2 {
		back := 0
		for n := len(dc.sents) - 1; n >= 0 && back < 4; n-- {
			ps := dc.sents[n]
			if ps.to > s.from {
				continue
			}
			back++
			// a sentence that itself drops its subject ("Said Polish
			// Government protests ...", "Stated that ...") names the words,
			// not the speaker: the speaker is further back
			if ft := dc.toks[ps.from]; ft.word && ft.cap && !ft.upper && !subjectPronouns[ft.norm] {
				if _, ok := dc.mentionAt(ps.from); !ok && strings.HasSuffix(ft.norm, "ed") || ft.norm == "said" {
					continue
				}
			}
			for _, m := range dc.span(ps.from, ps.to) {
				if m.to <= ps.to && dc.prepBefore(m) == "" {
					return m, true
				}
			}
			break
		}
	}
	return mention{}, false
}

// pronoun resolves a personal pronoun at token k to the nearest fitting actor
// mentioned before it.
func (dc *docCtx) pronoun(k int) (mention, bool) { return dc.pronounDepth(k, 0) }

func (dc *docCtx) pronounDepth(k, depth int) (mention, bool) {
	switch dc.toks[k].norm {
	case "he", "she", "his", "her":
		if m, ok := dc.personAntecedent(k); ok {
			return mention{from: k, to: k + 1, id: m.id}, true
		}
	case "they", "their", "them":
		// the nearest group in the same sentence, else the subject in focus before
		group := func(a *Actor) bool { return a.Kind != Person && a.Kind != Place }
		si := dc.sentenceOf(k)
		in := dc.span(dc.sents[si].from, k)
		// a subject-like group first ("Three members of the militia are
		// posted in front of the Embassy, and they inspect"), then any
		for _, subjectLike := range []bool{true, false} {
			for j := len(in) - 1; j >= 0; j-- {
				m := in[j]
				if m.to > k || m.speaker {
					continue
				}
				if subjectLike && dc.prepBefore(m) != "" {
					continue
				}
				if a := dc.actors.info(m.id); a != nil && group(a) {
					return mention{from: k, to: k + 1, id: m.id}, true
				}
			}
		}
		if m, ok := dc.focusDepth(k, group, depth); ok {
			return mention{from: k, to: k + 1, id: m.id}, true
		}
		if m, ok := dc.antecedent(k, group); ok {
			return mention{from: k, to: k + 1, id: m.id}, true
		}
	case "it":
		// "it is known that ..." is no reference
		if k+1 < len(dc.toks) {
			switch dc.toks[k+1].norm {
			case "is", "was", "has", "had", "seems", "would", "will", "can", "cannot", "should", "must", "appears":
				return mention{}, false
			}
		}
		org := func(a *Actor) bool { return a.Kind == GovernmentOrganization || a.Kind == Organization }
		// "the decision of X by which it demands": the noun just before
		if k > 0 && (dc.toks[k-1].norm == "which" || dc.toks[k-1].norm == "whereby") {
			if m, ok := dc.antecedent(k, org); ok {
				return mention{from: k, to: k + 1, id: m.id}, true
			}
			return mention{}, false
		}
		// otherwise the subject in focus: the first actor of its sentence
		if m, ok := dc.focusDepth(k, org, depth); ok {
			return mention{from: k, to: k + 1, id: m.id}, true
		}
	}
	return mention{}, false
}

// antecedent is the nearest mention before token k whose actor fits.
func (dc *docCtx) antecedent(k int, fits func(*Actor) bool) (mention, bool) {
	start := sort.Search(len(dc.ments), func(j int) bool { return dc.ments[j].from >= k })
	for j := start - 1; j >= 0 && j >= start-400; j-- {
		m := dc.ments[j]
		if m.to > k || m.speaker {
			continue
		}
		if a := dc.actors.info(m.id); a != nil && fits(a) {
			return m, true
		}
	}
	return mention{}, false
}

// object finds the first mention right of the trigger that is not governed by a
// preposition other than "of", and the noun phrase that holds it.
func (dc *docCtx) object(s sentence, i, end int) (mention, bool, int, int) {
	// "violated and annulled the agreement": the object follows the last verb
	for i+2 < end && dc.toks[i+1].norm == "and" && strings.HasSuffix(dc.toks[i+2].norm, "ed") {
		i += 2
	}
	npEnd := i + 1
	if npEnd < end && dc.toks[npEnd].norm == "that" {
		// "proposed that the Soviet Embassy maintain ...": the clause is the theme
		npEnd++
		for npEnd < end && npEnd-i <= 28 && dc.toks[npEnd].raw != ";" {
			npEnd++
		}
		for _, m := range dc.span(i+2, npEnd) {
			if !dc.isPlace(m.id) {
				return m, true, i + 1, npEnd
			}
		}
		return mention{}, false, i + 1, npEnd
	}
	for npEnd < end {
		t := dc.toks[npEnd]
		if t.raw == "," || t.raw == ";" || t.norm == "which" || t.norm == "that" || t.norm == "who" || t.norm == "while" || t.norm == "since" || npEnd-i > 24 {
			break
		}
		npEnd++
	}
	// the object actor is in the head phrase, before its prepositional
	// attachments other than "of"
	headEnd := i + 1
	for headEnd < npEnd {
		t := dc.toks[headEnd]
		if prepositions[t.norm] && t.norm != "of" && headEnd > i+1 {
			break
		}
		headEnd++
	}
	for _, m := range dc.span(i+1, headEnd) {
		if dc.isPlace(m.id) {
			continue
		}
		p := dc.prepBefore(m)
		// right after a particle of the trigger ("called in Dobrynin") the
		// mention is the object
		if p == "" || p == "of" || m.from == i+1 {
			if m.to > npEnd {
				npEnd = m.to
			}
			return m, true, i + 1, npEnd
		}
		break
	}
	return mention{}, false, i + 1, npEnd
}

// prepObject finds "PREP (the) X" right of the trigger within the clause.
func (dc *docCtx) prepObject(prep string, i, end int) (mention, bool) {
	for k := i + 1; k < end; k++ {
		if dc.toks[k].norm == prep {
			if m, ok := dc.mentionAfter(k+1, end); ok {
				return m, true
			}
			// "its Ambassador to Freedonia, Count Rupert": the state inside a
			// role-and-name mention
			for _, m := range dc.inner {
				if m.from > k && m.from <= k+2 && !dc.isPlace(m.id) {
					return m, true
				}
			}
		}
	}
	return mention{}, false
}

func hasCue(ps *patternSet, class string, toks []token, from, to int) (int, bool) {
	for k := from; k < to; k++ {
		if !ps.cueWords[toks[k].norm] {
			continue
		}
		for _, seq := range ps.cues[class] {
			if k+len(seq) > to {
				continue
			}
			ok := true
			for q, w := range seq {
				if toks[k+q].norm != w {
					ok = false
					break
				}
			}
			if ok {
				return k, true
			}
		}
	}
	return 0, false
}

// match tries pattern p at token i of sentence s; it returns the event
// reports it yields (a deed alleged by the issuer comes with the issuer's
// accusation).
func (x *Extractor) match(p *pattern, i int, s sentence, dc *docCtx, sd *segDoc) []Event {
	toks := dc.toks
	d := dc.doc
	ps := x.pats
	// multi-word triggers; words between the first two ("placed X under
	// surveillance") hold the verb's object
	last := i
	gapEnd := -1
	for _, alts := range p.Seq {
		if len(alts) == 1 && alts[0] == "..." {
			continue
		}
		gap := 0
		if len(p.Seq) > 0 {
			gap = 8
		}
		found := false
		for k := last + 1; k < s.to && k <= last+1+gap; k++ {
			for _, a := range alts {
				if toks[k].norm == a {
					found = true
				}
			}
			if found {
				if last == i && k > i+1 {
					gapEnd = k
				}
				last = k
				break
			}
		}
		if !found {
			return nil
		}
	}
	end := clauseEnd(dc, s, last)
	// a verb pattern met as a noun ("the demand of") is the noun pattern's business
	if !p.Noun && i > 0 && (determiners[toks[i-1].norm] || toks[i-1].norm == "'s") && toks[i-1].norm != "that" {
		return nil
	}
	if p.Noun && i > 0 && toks[i-1].norm == "to" {
		return nil
	}
	// the deed an accusation charges ("accused the police of arresting
	// three railwaymen") is the accusation's charge, not an event of its own
	if p.Charge == "" {
		for k := i - 1; k > s.from && k >= i-4; k-- {
			if toks[k].norm != "of" {
				continue
			}
			for q := k - 1; q >= s.from && q >= k-6; q-- {
				if n := toks[q].norm; strings.HasPrefix(n, "accus") || strings.HasPrefix(n, "reproach") {
					return nil
				}
			}
			break
		}
	}
	// a bare form right after another trigger verb is its object, a noun:
	// "rejected protest" in telegraphic style
	if !p.Noun && i > 0 && toks[i].norm == p.Lemma {
		j := i - 1
		// "rejected US protest": the object's modifier stands between
		if m, ok := dc.mentionEndingAt(i); ok && m.from > s.from {
			j = m.from - 1
		}
		if strings.HasSuffix(toks[j].norm, "ed") && len(ps.byForm[toks[j].norm]) > 0 {
			return nil
		}
	}
	// a form that is also a noun trigger of the same type ("Barghoorn
	// arrest", "the American demands") is a verb only after "to", a modal, a
	// pronoun, an adverb or the end of an actor's name
	if !p.Noun && i > 0 {
		for _, q := range ps.byForm[toks[i].norm] {
			if q.Noun && q.Type == p.Type {
				_, afterName := dc.mentionEndingAt(i)
				// a bare form after a name is a compound noun: "Barghoorn arrest"
				if !verbCue[toks[i-1].norm] && !strings.HasSuffix(toks[i-1].norm, "ly") && toks[i].norm == p.Lemma {
					return nil
				}
				// "the American demands": a capitalised modifier, not a subject
				if toks[i-1].cap && !afterName && i-1 > s.from {
					return nil
				}
				break
			}
		}
	}
	// a predicative adjective stands next to a form of "be": "are completely
	// groundless", "Also unfounded is the accusation"
	if p.Adj {
		ok := i+1 < s.to && beForms[toks[i+1].norm]
		for k := i - 1; k >= s.from && k >= i-3 && !ok; k-- {
			if beForms[toks[k].norm] {
				ok = true
			} else if !strings.HasSuffix(toks[k].norm, "ly") {
				break
			}
		}
		if !ok {
			return nil
		}
	}
	winEnd := min(end, last+1+p.Window)
	passive := false
	// reduced relative: "the intolerable situation created by the Albanian authorities"
	if !p.Noun && !passive && ps.passive[toks[i].norm] && strings.HasSuffix(toks[i].norm, "ed") && last+1 < s.to && toks[last+1].norm == "by" {
		passive = true
	}
	// telegraphic or reduced passive: "Barghoorn arrested as spy"
	if !p.Noun && d.Kind == KindTelegram && len(p.Seq) == 0 && ps.passive[toks[i].norm] && strings.HasSuffix(toks[i].norm, "ed") && i+1 < s.to && prepositions[toks[i+1].norm] && i > s.from {
		if _, ok := dc.mentionEndingAt(i); ok {
			passive = true
		} else if dc.toks[i-1].raw == "," {
			if _, ok := dc.mentionEndingAt(i - 1); ok {
				passive = true
			}
		}
	}
	if !p.Noun && ps.passive[toks[i].norm] {
		// "are isolated and even deprived": a participle coordinated with a
		// passive one is passive too
		for k := i - 1; k >= s.from && k >= i-6; k-- {
			n := toks[k].norm
			if beForms[n] {
				passive = true
				break
			}
			if !strings.HasSuffix(n, "ly") && n != "not" && n != "never" && n != "and" && n != "even" && n != "also" && !(ps.passive[n] && k < i-1) {
				break
			}
		}
	}
	inWindow := func(words []string, from, to int) bool {
		for k := max(from, s.from); k < to && k < s.to; k++ {
			for _, w := range words {
				// a phrase ("persona non grata") matches word by word
				parts := strings.Fields(w)
				ok := len(parts) > 0 && k+len(parts) <= s.to
				for q := 0; ok && q < len(parts); q++ {
					ok = strings.HasPrefix(toks[k+q].norm, parts[q])
				}
				if ok {
					return true
				}
			}
		}
		return false
	}
	if len(p.Need) > 0 && !inWindow(p.Need, last+1, winEnd) && !(passive || p.Noun) {
		return nil
	}
	if len(p.Need) > 0 && (passive || p.Noun) && !inWindow(p.Need, last+1, winEnd) && !inWindow(p.Need, i-20, i) {
		return nil
	}
	if len(p.Not) > 0 && inWindow(p.Not, i-2, winEnd) {
		return nil
	}
	// irrealis: conditions, options and counterfactuals are no deeds; nor are
	// intentions and future acts ("intend to demand", "will condemn")
	if _, ok := hasCue(ps, "irrealis", toks, s.from, i); ok {
		return nil
	}
	if _, ok := hasCue(ps, "future", toks, max(s.from, i-4), i); ok {
		return nil
	}
	e := Event{Type: p.Type, ChargeOf: -1, Trigger: toks[i].raw}
	if last > i {
		e.Trigger = string(dc.rs[toks[i].start:toks[last].end])
	}
	spanFrom, spanTo := i, last+1
	var lastUsed *mention
	use := func(m mention) {
		mm := m
		lastUsed = &mm
		if m.from < spanFrom && i-m.from < 30 {
			spanFrom = m.from
		}
		if m.to > spanTo {
			spanTo = m.to
		}
	}
	var themeMention, subj *mention
	var themeText string
	slot := func(name string) (string, bool) {
		switch name {
		case "issuer":
			return dc.issuer, dc.issuer != ""
		case "addressee":
			return d.Addressee, d.Addressee != ""
		case "none":
			return "", false
		case "subj":
			if passive {
				// the agent's "by" follows the verb closely ("was requested on the
				// pretext that ... by using" names no agent)
				if m, ok := dc.prepObject("by", last, min(end, last+4)); ok {
					use(m)
					return m.id, true
				}
				return "", false
			}
			if m, ok := dc.subject(s, i); ok {
				use(m)
				subj = &m
				return m.id, true
			}
		case "obj":
			if passive || p.Noun && name == "obj" && false {
				if m, ok := dc.subject(s, i); ok {
					use(m)
					return m.id, true
				}
				return "", false
			}
			if gapEnd > 0 {
				if m, ok, _, _ := dc.object(s, i, gapEnd); ok {
					use(m)
					return m.id, true
				}
			}
			if m, ok, _, _ := dc.object(s, last, end); ok {
				use(m)
				return m.id, true
			}
		case "addressee.state":
			if d.Addressee != "" {
				if st := x.side(dc, d.Addressee); st != "" {
					return x.composeID(dc.actors, "government", st), true
				}
			}
		case "by.before":
			// "obstructed by the Soviet authorities by all possible means,
			// including ... surveillance": the agent named earlier in the sentence
			for k := i - 1; k > s.from; k-- {
				if toks[k].norm == "by" {
					if m, ok := dc.mentionAfter(k+1, i); ok {
						use(m)
						return m.id, true
					}
				}
			}
		case "poss":
			// "Stoessel's request", "the Soviet Government’s unilateral decision"
			for _, m := range dc.span(max(s.from, i-12), i) {
				if m.to < len(toks) && toks[m.to].norm == "'s" && m.to+1 <= i && i-(m.to+1) <= 2 && !dc.isPlace(m.id) {
					use(m)
					return m.id, true
				}
			}
			// "their campaign of attacks and slander"
			for k := i - 1; k >= s.from && k >= i-5; k-- {
				if n := toks[k].norm; n == "their" || n == "his" || n == "her" {
					if m, ok := dc.pronoun(k); ok {
						return m.id, true
					}
				}
			}
		case "us", "them", "us.state", "them.state":
			// a telegram is one government's internal report: its addressee
			// is no other side, and sides are not guessed
			if d.Kind == KindTelegram {
				return "", false
			}
			if id := x.sideSlot(dc, name); id != "" {
				return id, true
			}
		case "counterpart", "counterpart.state":
			if d.Kind == KindTelegram {
				return "", false
			}
			// the other party to the agent: us when they act, them when we do
			if len(e.Agents) > 0 {
				want := "them"
				if !x.sameSide(dc, e.Agents[0], dc.issuer) {
					want = "us"
				}
				if strings.HasSuffix(name, ".state") {
					want += ".state"
				}
				if id := x.sideSlot(dc, want); id != "" && id != e.Agents[0] {
					return id, true
				}
			}
		case "issuer.state":
			if st := x.side(dc, dc.issuer); st != "" {
				return st, true
			}
		case "theme.state":
			if themeMention != nil && dc.actors.state(themeMention.id) != "" {
				st := x.side(dc, themeMention.id)
				// one does not expel one's own people: the theme was misread
				if len(e.Agents) > 0 && st == x.side(dc, e.Agents[0]) {
					return "", false
				}
				return st, true
			}
		default:
			prep := name
			if p.Noun && prep == "of" {
				// a noun's "of" argument follows it: "the demand of X"
				if last+1 < s.to && toks[last+1].norm == "of" {
					if m, ok := dc.mentionAfter(last+2, winEnd); ok {
						use(m)
						return m.id, true
					}
				}
				return "", false
			}
			if m, ok := dc.prepObject(prep, last, winEnd); ok {
				use(m)
				return m.id, true
			}
		}
		return "", false
	}
	// theme first: targets may derive from it
	themes := p.Theme
	if themes == nil {
		if p.Noun {
			themes = []string{"of"}
		} else {
			themes = []string{"obj"}
		}
	}
	for _, sl := range themes {
		if sl == "obj" && !passive {
			if m, ok, a, b := dc.object(s, last, end); ok || b > a {
				if ok {
					mm := m
					themeMention = &mm
					use(m)
				}
				if b > a && b-a <= 25 {
					themeText = normSpace(string(dc.rs[toks[a].start:toks[b-1].end]))
					if b > spanTo {
						spanTo = b
					}
				}
				break
			}
			continue
		}
		if sl == "obj" && passive {
			if m, ok := dc.passiveSubject(s, i); ok {
				mm := m
				themeMention = &mm
				use(m)
				themeText = normSpace(spanText(dc.rs, toks, m.from, m.to))
				break
			}
			continue
		}
		// the subject as theme: an actor in the verb's own clause, else the
		// words of a subject that names none ("(decided that) ninety officials
		// must leave the country")
		if sl == "subj" && !passive {
			a := s.from
			for k := i - 1; k > s.from; k-- {
				if toks[k].norm == "that" {
					a = k + 1
					break
				}
			}
			if m, ok := dc.subject(s, i); ok && m.from >= a {
				mm := m
				themeMention = &mm
				use(m)
				break
			}
			if i > a && i-a <= 12 {
				themeText = normSpace(string(dc.rs[toks[a].start:toks[i-1].end]))
				break
			}
			continue
		}
		if id, ok := slot(sl); ok {
			for _, m := range dc.span(i+1, s.to) {
				if m.id == id {
					mm := m
					themeMention = &mm
					themeText = normSpace(spanText(dc.rs, toks, m.from, m.to))
					break
				}
			}
			break
		}
		// a prepositional theme that names no actor: "the demand ... for the
		// reduction of the staff"
		if prepositions[sl] {
			if k := indexWord(toks, sl, last+1, min(winEnd, last+10)); k >= 0 && k+1 < end {
				b := k + 1
				for b < end && b-k <= 14 && toks[b].raw != "," && toks[b].raw != ";" && toks[b].norm != "which" {
					b++
				}
				if b > k+1 {
					themeText = normSpace(string(dc.rs[toks[k+1].start:toks[b-1].end]))
					spanTo = max(spanTo, b)
					break
				}
			}
		}
	}
	if themeMention != nil || themeText != "" {
		arg := Arg{Text: themeText}
		if themeMention != nil {
			arg.Actor = themeMention.id
			if arg.Text == "" {
				arg.Text = normSpace(spanText(dc.rs, toks, themeMention.from, themeMention.to))
			}
		}
		e.Themes = []Arg{arg}
	}
	agentSlots := p.Agent
	if agentSlots == nil {
		if p.Noun {
			agentSlots = []string{"of", "poss"}
		} else {
			agentSlots = []string{"subj"}
		}
	}
	// conjoined mentions share the role: "Firefly and Chicolini disrupted it"
	all := func(id string) []string {
		if lastUsed == nil || lastUsed.id != id {
			return []string{id}
		}
		var ids []string
		for _, m := range dc.conjuncts(*lastUsed, s) {
			use(m)
			ids = addUnique(ids, m.id)
		}
		// "our party and its Central Committee": the body and its organ are one
		// party to the act
		var out []string
		for _, id := range ids {
			organ := false
			if a := dc.actors.info(id); a != nil {
				for _, p := range a.PartOf {
					if slices.Contains(ids, p) {
						organ = true
					}
				}
			}
			if !organ {
				out = append(out, id)
			}
		}
		return out
	}
	agentFromSide := false
	for _, sl := range agentSlots {
		lastUsed = nil
		if id, ok := slot(sl); ok {
			e.Agents = all(id)
			agentFromSide = sl == "them" || sl == "us" || sl == "counterpart"
			break
		}
	}
	for _, sl := range p.Target {
		lastUsed = nil
		if id, ok := slot(sl); ok && id != "" {
			if len(e.Agents) == 0 || e.Agents[0] != id {
				e.Targets = all(id)
				break
			}
		}
	}
	if p.Deed && passive && len(e.Agents) == 0 && d.Kind != KindTelegram {
		// "the most elementary norms ... are violated": by the other side
		if id := x.sideSlot(dc, "them"); id != "" {
			e.Agents = []string{id}
			agentFromSide = true
		}
	}
	dc.deedAgent = ""
	if p.Deed && len(e.Agents) > 0 && x.sameSide(dc, e.Agents[0], dc.issuer) && !dc.inNote {
		// our side's deed: only an accusation someone else makes (see stance)
		dc.deedAgent = e.Agents[0]
		e.Agents = []string{dc.issuer}
	} else if p.Deed {
		// an alleged deed: the issuer accuses its doer
		if len(e.Agents) == 0 || x.sameSide(dc, e.Agents[0], dc.issuer) || dc.inNote {
			return nil
		}
		e.Targets = e.Agents
		e.Agents = []string{dc.issuer}
	}
	// an agentless active or nominal mention is mostly a re-mention of an
	// event told elsewhere; a passive without "by" still states a deed
	// an event without an agent in the text is a re-mention or a state, not
	// an act we can attribute
	if len(e.Agents) == 0 {
		return nil
	}
	// a side guessed for a passive must act on the other side's people
	if agentFromSide && !p.Deed {
		// (a state may purge or persecute its own people: persons are exempt)
		if len(e.Targets) == 0 {
			return nil
		}
		if a := dc.actors.info(e.Targets[0]); (a == nil || a.Kind != Person) && x.sameSide(dc, e.Targets[0], e.Agents[0]) {
			return nil
		}
	}
	if p.Charge != "" {
		if k := indexWord(toks, p.Charge, last+1, end); k >= 0 && k+1 < end {
			e.Charge = normSpace(string(dc.rs[toks[k+1].start:toks[end-1].end]))
			spanTo = max(spanTo, end)
		}
	}
	// clause-level evidence: extend to the end of the object phrase
	if spanTo < last+2 {
		spanTo = min(end, last+6)
	}
	for spanTo > spanFrom+1 && !toks[spanTo-1].word {
		spanTo--
	}
	e.Evidence = Span{toks[spanFrom].start, toks[spanTo-1].end}
	e.Quote = string(dc.rs[e.Evidence.Start:e.Evidence.End])
	if p.Deed {
		e.Charge = e.Quote
	}
	e.Date = x.eventDate(dc, s, i)
	// stance
	issuer := dc.issuer
	agent := ""
	if len(e.Agents) > 0 {
		agent = e.Agents[0]
	}
	negated := false
	nk, hasNeg := hasCue(ps, "negation", toks, max(s.from, i-3), i)
	if hasNeg && nk+1 < len(toks) && toks[nk].norm == "not" && toks[nk+1].norm == "only" {
		// "were not only expelled ... but": an addition, not a negation
		hasNeg = false
	}
	if hasNeg && !p.NegOK {
		negated = true
	}
	if p.NegReq && !hasNeg {
		return nil
	}
	rk, reported := hasCue(ps, "reported", toks, s.from, i)
	if reported && subj != nil && subj.to <= rk && indexWord(toks, ",", rk, i) >= 0 {
		// the cue sits in a parenthetical between the subject and its verb
		reported = false
	}
	dk, denied := hasCue(ps, "denial", toks, s.from, i)
	if denied && !p.Noun && indexWord(toks, "and", dk+1, i) >= 0 && indexWord(toks, "that", dk+1, i) < 0 {
		// "rejected protest and accused ...": a coordinated act of its own,
		// not the words the rejection denies
		denied = false
	}
	if agentFromSide && (reported || negated) {
		// the side was guessed, and the words are another's or denied
		return nil
	}
	switch {
	case p.Deed && reported && !negated && !denied && dc.deedAgent != "" && x.sameSide(dc, dc.deedAgent, issuer):
		// "the pretext that ... the Albanian Embassy was trying to distribute":
		// the other side's accusation, as the issuer reports it
		them := x.sideSlot(dc, "them")
		if them == "" {
			return nil
		}
		e.Agents, e.Targets = []string{them}, []string{dc.deedAgent}
		e.Stance, e.AssertedBy = Reported, issuer
	case p.Deed:
		if reported || negated || dc.deedAgent != "" {
			return nil
		}
		e.Stance, e.AssertedBy = Performed, issuer
	case reported && denied && x.sameSide(dc, agent, issuer) && !ps.speechActs[p.Type]:
		// "we deny that our organs ever placed ... under surveillance": the
		// issuer's own deed, denied, is no event
		return nil
	case reported:
		// the quoting document asserts that the words were said
		e.Stance = Reported
		e.AssertedBy = issuer
		if denied {
			e.Stance, e.AssertedBy = Denied, issuer
		}
	case negated:
		if x.sameSide(dc, agent, issuer) {
			return nil
		}
		e.Stance, e.AssertedBy = Denied, issuer
	case x.sameSide(dc, agent, issuer):
		// the document performs its present acts; its side's past acts it narrates
		e.Stance, e.AssertedBy = Performed, issuer
		if !p.Noun && isPast(toks, i) {
			e.Stance = Alleged
		}
	case ps.speechActs[p.Type]:
		e.Stance, e.AssertedBy = Reported, issuer
	default:
		e.Stance, e.AssertedBy = Alleged, issuer
	}
	out := []Event{e}
	if p.Judged && !dc.inNote && issuer != "" && agent != "" && !x.sameSide(dc, agent, issuer) && e.Stance != Denied {
		out = append(out, Event{
			Type: "ACCUSE", Agents: []string{issuer}, Targets: append([]string(nil), e.Agents...),
			Charge: e.Quote, ChargeOf: -1, Date: d.Date, AssertedBy: issuer, Stance: Performed,
			Trigger: e.Trigger, Evidence: e.Evidence, Quote: e.Quote,
		})
	}
	charged := ps.accusable[e.Type]
	if !charged && ps.charged[e.Type] {
		_, charged = hasCue(ps, "charge", toks, s.from, s.to)
	}
	if e.Stance == Alleged && charged && issuer != "" && agent != "" && !dc.inNote && !x.sameSide(dc, agent, issuer) {
		out = append(out, Event{
			Type: "ACCUSE", Agents: []string{issuer}, Targets: []string{agent},
			Charge: e.Quote, ChargeOf: 0, Date: d.Date, AssertedBy: issuer, Stance: Performed,
			Trigger: e.Trigger, Evidence: e.Evidence, Quote: e.Quote,
		})
	}
	return out
}

var verbCue = map[string]bool{"to": true, "will": true, "shall": true, "must": true, "should": true, "would": true,
	"can": true, "could": true, "may": true, "might": true, "not": true, "we": true, "they": true, "i": true, "you": true,
	"also": true, "who": true}

func (dc *docCtx) mentionEndingAt(i int) (mention, bool) {
	for _, m := range dc.span(max(0, i-40), i) {
		if m.to == i {
			return m, true
		}
	}
	return mention{}, false
}

func indexWord(toks []token, w string, from, to int) int {
	for k := from; k < to && k < len(toks); k++ {
		if toks[k].norm == w {
			return k
		}
	}
	return -1
}

// eventDate is the date the sentence states for the event: the nearest date
// before the trigger, else the first after it, else the document's date.
func (x *Extractor) eventDate(dc *docCtx, s sentence, i int) string {
	best := ""
	first := sort.Search(len(dc.dates), func(k int) bool { return dc.dates[k].from >= s.from })
	for _, dm := range dc.dates[first:] {
		if dm.from < s.from || dm.to > s.to {
			continue
		}
		if dm.from < i {
			best = dm.value
			continue
		}
		if best == "" {
			best = dm.value
		}
		break
	}
	if best != "" {
		if v := completeDate(best, dc.doc.Date); v != "" {
			return v
		}
	}
	return dc.doc.Date
}

var irregularPast = map[string]bool{"withdrew": true, "broke": true, "forbade": true, "shot": true,
	"took": true, "sent": true, "made": true, "gave": true, "drew": true, "drawn": true, "withdrawn": true,
	"broken": true, "forbidden": true, "undertook": true, "undertaken": true, "sought": true}

// isPast reports a past or perfect verb form that is not an infinitive.
func isPast(toks []token, i int) bool {
	n := toks[i].norm
	if !strings.HasSuffix(n, "ed") && !irregularPast[n] {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		p := toks[k].norm
		if p == "to" {
			return false
		}
		if !strings.HasSuffix(p, "ly") && p != "twice" && p != "again" && p != "repeatedly" {
			break
		}
	}
	return true
}

// conjuncts returns m with the mentions coordinated with it in sentence s:
// joined by commas, semicolons, "and", "as well as".
func (dc *docCtx) conjuncts(m mention, s sentence) []mention {
	joiner := func(from, to int) bool {
		if from >= to {
			return false
		}
		hasAnd := false
		for k := from; k < to; k++ {
			switch dc.toks[k].norm {
			case ",", ";", "and", "as", "well", "the":
				if dc.toks[k].norm == "and" || dc.toks[k].norm == ";" || dc.toks[k].norm == "," {
					hasAnd = true
				}
			default:
				return false
			}
		}
		return hasAnd
	}
	idx := -1
	for k := sort.Search(len(dc.ments), func(k int) bool { return dc.ments[k].from >= m.from }); k < len(dc.ments) && dc.ments[k].from == m.from; k++ {
		if dc.ments[k].to == m.to {
			idx = k
		}
	}
	if idx < 0 {
		return []mention{m}
	}
	lo, hi := idx, idx
	for lo > 0 && dc.ments[lo-1].from >= s.from && joiner(dc.ments[lo-1].to, dc.ments[lo].from) && !dc.isPlace(dc.ments[lo-1].id) {
		lo--
	}
	for hi+1 < len(dc.ments) && dc.ments[hi+1].to <= s.to && joiner(dc.ments[hi].to, dc.ments[hi+1].from) && !dc.isPlace(dc.ments[hi+1].id) {
		hi++
	}
	// a list ends in "and": "A, B and C"; a bare comma pair is an apposition
	if hi > lo {
		andSeen := false
		for k := dc.ments[lo].to; k < dc.ments[hi].from; k++ {
			if dc.toks[k].norm == "and" || dc.toks[k].norm == ";" {
				andSeen = true
			}
		}
		if !andSeen {
			return []mention{m}
		}
	}
	return append([]mention(nil), dc.ments[lo:hi+1]...)
}

// sideSlot names one side of the dispute a document is about: "us" is the
// issuer's, "them" the addressee's or else the state the document names most
// often besides the issuer's. Sides are named as governments, or as parties
// when a party member speaks; ".state" asks for the state itself.
func (x *Extractor) sideSlot(dc *docCtx, name string) string {
	base, state := strings.CutSuffix(name, ".state")
	us := x.side(dc, dc.issuer)
	if !dc.actors.hasTag(us, "Country") {
		// an issuer of no state (an international body) has no side of its
		// own, but the state it addresses or names most is the other one
		if base != "them" || us == "" {
			return ""
		}
		us = ""
	}
	st := us
	if base == "them" {
		st = x.otherState(dc, us)
	}
	if st == "" {
		return ""
	}
	if state {
		return st
	}
	// a party member or a party's organ speaks to the other side's party
	if a := dc.actors.info(dc.doc.Issuer); a != nil && (a.Kind == Person || a.Kind == Organization) && dc.actors.withTag(dc.doc.Issuer, "party") != "" {
		if ga := x.gaz.actors[st]; ga != nil && ga.Party != "" {
			dc.actors.use(ga.Party, "")
			return ga.Party
		}
	}
	if x.gaz.insts["government"] != nil {
		return x.composeID(dc.actors, "government", st)
	}
	return st
}

func (x *Extractor) otherState(dc *docCtx, us string) string {
	if dc.other != "" {
		return dc.other
	}
	// the state named most besides ours, the addressee's counting extra: a
	// protecting power that only transmits the note is named less than the
	// adversary it is written to
	count := map[string]int{}
	best, bestN := "", 0
	add := func(id string, n int) {
		st := x.side(dc, id)
		if st == us || !dc.actors.hasTag(st, "Country") {
			return
		}
		count[st] += n
		if count[st] > bestN || count[st] == bestN && st < best {
			best, bestN = st, count[st]
		}
	}
	if dc.doc.Addressee != "" {
		add(dc.doc.Addressee, 1)
	}
	for _, m := range dc.ments {
		add(m.id, 1)
	}
	dc.other = best
	return best
}

// personAntecedent resolves "he" or "she" at token k: the leftmost person not
// governed by a preposition in the pronoun's sentence before it, else in the
// nearest earlier sentence that has one (the subject stays in focus: "Smirnovsky
// reiterated Barghoorn arrested as spy ... He said ...").
func (dc *docCtx) personAntecedent(k int) (mention, bool) {
	return dc.personAntecedentDepth(k, 0)
}

var telegraphVerbs = map[string]bool{"said": true, "felt": true, "told": true, "saw": true, "thought": true,
	"went": true, "made": true, "took": true, "stressed": true, "added": true, "noted": true, "agreed": true,
	"concluded": true, "reiterated": true, "replied": true, "asked": true, "expressed": true, "emphasized": true}

func (dc *docCtx) personAntecedentDepth(k, depth int) (mention, bool) {
	if depth > 4 {
		return mention{}, false
	}
	si := dc.sentenceOf(k)
	for n := si; n >= 0 && n >= si-3; n-- {
		s := dc.sents[n]
		// a sentence whose subject is itself a pronoun, or elided in telegraphic
		// style ("Said he ..."), passes its own antecedent on
		if n < si {
			first := -1
			for _, m := range dc.span(s.from, s.to) {
				if m.to <= s.to {
					first = m.from
					break
				}
			}
			for q := s.from; q < s.to && q < s.from+3 && (first < 0 || q < first); q++ {
				t := dc.toks[q]
				if t.norm == "he" || t.norm == "she" || (q == s.from && telegraphVerbs[t.norm]) {
					return dc.personAntecedentDepth(q, depth+1)
				}
			}
		}
		for _, m := range dc.span(s.from, s.to) {
			if m.to > s.to || m.to > k {
				continue
			}
			a := dc.actors.info(m.id)
			if a == nil || a.Kind != Person {
				continue
			}
			if p := dc.prepBefore(m); p != "" {
				continue
			}
			if m.to < len(dc.toks) && dc.toks[m.to].norm == "'s" {
				continue
			}
			return m, true
		}
	}
	return dc.antecedent(k, func(a *Actor) bool { return a.Kind == Person })
}

// focus is the leftmost fitting actor not governed by a preposition in the
// sentence of token k (before k), else in the nearest earlier sentence.
func (dc *docCtx) focus(k int, fits func(*Actor) bool) (mention, bool) {
	return dc.focusDepth(k, fits, 0)
}

func (dc *docCtx) focusDepth(k int, fits func(*Actor) bool, depth int) (mention, bool) {
	si := dc.sentenceOf(k)
	for n := si; n >= 0 && n >= si-2; n-- {
		s := dc.sents[n]
		ms := dc.span(s.from, s.to)
		q := 0
		for t := s.from; t < s.to && t < k; t++ {
			// an earlier "they" in subject position passes its own antecedent on
			if n < si && depth < 4 && (dc.toks[t].norm == "they" || dc.toks[t].norm == "it") {
				if m, ok := dc.pronounDepth(t, depth+1); ok {
					return m, true
				}
			}
			for q < len(ms) && ms[q].from < t {
				q++
			}
			for ; q < len(ms) && ms[q].from == t; q++ {
				m := ms[q]
				if m.to > s.to || m.to > k || m.speaker {
					continue
				}
				if a := dc.actors.info(m.id); a != nil && fits(a) && (dc.prepBefore(m) == "" || dc.prepBefore(m) == "of") {
					return m, true
				}
			}
		}
	}
	return mention{}, false
}

// duplicate reports an event already told by an earlier report of the same
// sentence: "violated and annulled the agreement" is one cancellation.
func duplicate(evs []Event, e Event) bool {
	for _, o := range evs[max(0, len(evs)-30):] {
		if o.Type != e.Type || o.Stance != e.Stance || !slices.Equal(o.Agents, e.Agents) || !slices.Equal(o.Targets, e.Targets) {
			continue
		}
		if o.Evidence.End < e.Evidence.Start || e.Evidence.End < o.Evidence.Start {
			continue
		}
		if len(o.Themes) == len(e.Themes) && (len(o.Themes) == 0 || o.Themes[0].Actor == e.Themes[0].Actor && strings.Contains(o.Themes[0].Text, e.Themes[0].Text) || strings.Contains(e.Themes[0].Text, o.Themes[0].Text)) {
			return true
		}
	}
	return false
}

func (dc *docCtx) sentenceOf(k int) int {
	n := sort.Search(len(dc.sents), func(n int) bool { return dc.sents[n].to > k })
	if n >= len(dc.sents) {
		return max(0, len(dc.sents)-1)
	}
	return n
}

// passiveSubject is the patient of a passive verb: the nearest mention before
// it not governed by a preposition other than "of" ("the withdrawal of the
// Ambassador ..., Gloria Teasdale, was requested").
func (dc *docCtx) passiveSubject(s sentence, i int) (mention, bool) {
	in := dc.span(s.from, i)
	for j := len(in) - 1; j >= 0; j-- {
		m := in[j]
		if m.to > i || dc.isPlace(m.id) {
			continue
		}
		if p := dc.prepBefore(m); p == "" || p == "of" {
			return m, true
		}
	}
	return dc.subject(s, i)
}
