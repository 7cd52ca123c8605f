package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// mention is a reference to an actor: tokens [from, to) of a document.
type mention struct {
	from, to int
	id       string
	name     bool // a name form worth recording as an alternative label
	ref      *refDef
	adj      bool   // an adjective ("Soviet"): composes, but alone names no actor
	alt      string // the name form, when the mention spans more (a role and a name)
	surname  bool   // a bare surname of a person met before
	speaker  bool   // a reference to the speaker's side ("we", "our party")
	possInst string // "its leaders": an institution of the actor named before
}

// docActors collects the actors one document refers to.
type docActors struct {
	g      *gazetteer
	actors map[string]*Actor
	tags   map[string][]string
	alts   map[string]map[string]bool
	// surnames and full names of persons met with a role, so later bare
	// mentions merge
	surnames  map[string]string
	fullNames map[string]fullName
	// local names the states the gazetteer does not know that the document
	// names (discoverStates), adjs their adjectives; nil when none
	local *trie
	adjs  map[string][]string
}

type fullName struct {
	id    string
	words []string
}

// remember lets later mentions of a minted person by name find it.
func (d *docActors) remember(id, name string) {
	toks := tokenize([]rune(name))
	var words []string
	for _, t := range toks {
		if t.word && len([]rune(t.raw)) > 1 {
			words = append(words, t.norm)
		}
	}
	if len(words) == 0 {
		return
	}
	d.surnames[words[len(words)-1]] = id
	if len(words) > 1 {
		d.fullNames[words[0]] = fullName{id: id, words: words}
	}
}

func newDocActors(g *gazetteer) *docActors {
	return &docActors{g: g, actors: map[string]*Actor{}, tags: map[string][]string{},
		alts: map[string]map[string]bool{}, surnames: map[string]string{}, fullNames: map[string]fullName{}}
}

// info returns the actor record for id: the document's own (minted or
// copied from the gazetteer), else the gazetteer's.
func (d *docActors) info(id string) *Actor {
	if a := d.actors[id]; a != nil {
		return a
	}
	if ga := d.g.actors[id]; ga != nil {
		return &ga.Actor
	}
	return nil
}

func (d *docActors) tagsOf(id string) []string {
	if t, ok := d.tags[id]; ok {
		return t
	}
	if ga := d.g.actors[id]; ga != nil {
		return ga.Tags
	}
	return nil
}

func (d *docActors) hasTag(id, tag string) bool {
	if a := d.info(id); a != nil && strings.EqualFold(string(a.Kind), tag) {
		return true
	}
	for _, t := range d.tagsOf(id) {
		if t == tag {
			return true
		}
	}
	return false
}

// use records that the document refers to id, under the given name form.
func (d *docActors) use(id, name string) {
	if _, ok := d.actors[id]; !ok {
		ga := d.g.actors[id]
		if ga == nil {
			return
		}
		a := ga.Actor
		a.AltLabels = nil
		d.actors[id] = &a
	}
	if name != "" && name != d.actors[id].Label {
		if d.alts[id] == nil {
			d.alts[id] = map[string]bool{}
		}
		d.alts[id][name] = true
	}
}

// mint adds an actor that the gazetteer does not hold.
func (d *docActors) mint(a Actor, tags []string) {
	if old, ok := d.actors[a.ID]; ok {
		if old.Role == "" {
			old.Role = a.Role
		}
		old.MemberOf = addUnique(old.MemberOf, a.MemberOf...)
		old.PartOf = addUnique(old.PartOf, a.PartOf...)
		old.Represents = addUnique(old.Represents, a.Represents...)
		return
	}
	if ga := d.g.actors[a.ID]; ga != nil {
		d.use(a.ID, "")
		return
	}
	d.actors[a.ID] = &a
	d.tags[a.ID] = tags
}

func addUnique(list []string, xs ...string) []string {
	for _, x := range xs {
		found := false
		for _, y := range list {
			if y == x {
				found = true
				break
			}
		}
		if !found && x != "" {
			list = append(list, x)
		}
	}
	return list
}

// closure follows id's affiliations (part of, member of, represents, and a
// state's governing party) breadth first, id itself first.
func (d *docActors) closure(id string) []string {
	seen := map[string]bool{id: true}
	out := []string{id}
	for i := 0; i < len(out); i++ {
		a := d.info(out[i])
		if a == nil {
			continue
		}
		next := append(append(append([]string{}, a.PartOf...), a.Represents...), a.MemberOf...)
		if ga := d.g.actors[out[i]]; ga != nil && ga.Party != "" {
			next = append(next, ga.Party)
		}
		for _, n := range next {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// withTag finds the nearest actor tagged tag among id's affiliations.
func (d *docActors) withTag(id, tag string) string {
	if id == "" {
		return ""
	}
	for _, c := range d.closure(id) {
		if d.hasTag(c, tag) {
			return c
		}
	}
	return ""
}

// state is the country an actor belongs to or represents, if any.
func (d *docActors) state(id string) string { return d.withTag(id, "Country") }

// list returns the document's actors, affiliations included, sorted by ID.
func (d *docActors) list() []Actor {
	// pull in affiliation targets so that every ID an actor points to is described
	for changed := true; changed; {
		changed = false
		ids := make([]string, 0, len(d.actors))
		for id := range d.actors {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			a := d.actors[id]
			for _, r := range append(append(append([]string{}, a.PartOf...), a.MemberOf...), a.Represents...) {
				if _, ok := d.actors[r]; !ok && d.g.actors[r] != nil {
					d.use(r, "")
					changed = true
				}
			}
		}
	}
	out := make([]Actor, 0, len(d.actors))
	for id, a := range d.actors {
		c := *a
		c.AltLabels = nil
		// the names met in the text, and the gazetteer's own aliases, so
		// that the graph knows every name the actor goes by
		names := map[string]bool{}
		for n := range d.alts[id] {
			names[n] = true
		}
		if ga := d.g.actors[id]; ga != nil {
			for _, n := range ga.AltLabels {
				names[n] = true
			}
		}
		delete(names, c.Label)
		for n := range names {
			c.AltLabels = append(c.AltLabels, n)
		}
		sort.Strings(c.AltLabels)
		c.MemberOf = append([]string(nil), a.MemberOf...)
		c.PartOf = append([]string(nil), a.PartOf...)
		c.Represents = append([]string(nil), a.Represents...)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// foldTable maps the Latin letters with diacritics met in names to ASCII,
// so that IDs stay plain.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ą': "a", 'ă': "a",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ő': "o",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ť': "t", 'ţ': "t", 'ț': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ů': "u", 'ű': "u", 'ý': "y", 'ÿ': "y",
	'ź': "z", 'ż': "z", 'ž': "z", 'ß': "ss", 'æ': "ae", 'œ': "oe",
}

// slug makes an ID from a name: lower case ASCII letters, digits, hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			dash = false
			continue
		}
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case r >= 128 && unicode.IsLetter(r):
			b.WriteRune(r)
			dash = false
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimRight(b.String(), "-")
}

func spanText(rs []rune, toks []token, from, to int) string {
	if from >= to {
		return ""
	}
	return string(rs[toks[from].start:toks[to-1].end])
}

// findMentions finds the actor mentions of tokens toks[lo:hi]: names from the
// gazetteer, institutions composed with a state or party, persons introduced
// by a role, and relative references resolved by the gazetteer's rules.
func (x *Extractor) findMentions(rs []rune, toks []token, lo, hi int, dc *docCtx) []mention {
	g := x.gaz
	d := dc.actors
	var ms []mention
	var roleAt []int
	acceptName := func(v trieVal) bool {
		if v.kind == 'r' && len(v.ref.Kinds) > 0 && dc.doc != nil {
			// a phrase with rules per document kind ("we" in a speech, in
			// a note) takes the rules of this document's kind
			return slices.Contains(v.ref.Kinds, dc.doc.Kind)
		}
		return v.kind == 'a' || v.kind == 'j' || v.kind == 'r'
	}
	for i := lo; i < hi; {
		if _, e, ok := g.roleT.longest(toks[:hi], i, func(trieVal) bool { return true }); ok {
			roleAt = append(roleAt, i)
			_ = e
		}
		v, e, ok := g.names.longest(toks[:hi], i, acceptName)
		if d.local != nil {
			if lv, le, lok := d.local.longest(toks[:hi], i, acceptName); lok && (!ok || le > e) {
				v, e, ok = lv, le, true
			}
		}
		if !ok {
			// a person met before, by full name ("Gloria Teasdale") or surname
			if fn, ok := d.fullNames[toks[i].norm]; ok && toks[i].cap && i+len(fn.words) <= hi {
				match := true
				for q, w := range fn.words {
					if toks[i+q].norm != w {
						match = false
						break
					}
				}
				if match {
					ms = append(ms, mention{from: i, to: i + len(fn.words), id: fn.id, name: true, surname: true})
					i += len(fn.words)
					continue
				}
			}
			if id, ok := d.surnames[toks[i].norm]; ok && toks[i].cap {
				ms = append(ms, mention{from: i, to: i + 1, id: id, name: true, surname: true})
			}
			i++
			continue
		}
		m := mention{from: i, to: e}
		switch v.kind {
		case 'a':
			m.id, m.name = v.id, true
		case 'j':
			m.id, m.adj = v.id, true
		case 'r':
			m.ref = v.ref
		}
		ms = append(ms, m)
		i = e
	}
	// heads of institutions by their end token, for "Government of X"
	headEnd := map[int][2]int{} // end → start, index unused
	headName := map[int]string{}
	for i := lo; i < hi; i++ {
		if v, e, ok := g.heads.longest(toks[:hi], i, func(trieVal) bool { return true }); ok {
			if _, seen := headEnd[e]; !seen {
				headEnd[e] = [2]int{i, e}
				headName[e] = v.id
			}
		}
	}
	headInEnd := map[int][2]int{}
	headInName := map[int]string{}
	for i := lo; i < hi; i++ {
		if v, e, ok := g.headsIn.longest(toks[:hi], i, func(trieVal) bool { return true }); ok {
			if _, seen := headInEnd[e]; !seen {
				headInEnd[e] = [2]int{i, e}
				headInName[e] = v.id
			}
		}
	}
	compose := func(m mention) mention {
		if m.id == "" {
			return m
		}
		// HEAD in (the) X: "Embassy in Finland", named by its host
		if q := m.from - 1; q >= lo {
			if toks[q].norm == "the" {
				q--
			}
			if q >= lo && toks[q].norm == "in" {
				if h, ok := headInEnd[q]; ok {
					if id := x.composeID(d, headInName[q], m.id); id != "" {
						return mention{from: h[0], to: m.to, id: id, name: true}
					}
				}
			}
		}
		// HEAD of (the) X
		p := m.from - 1
		if p >= lo && toks[p].norm == "the" {
			p--
		}
		if p >= lo && toks[p].norm == "of" {
			if h, ok := headEnd[p]; ok {
				if id := x.composeID(d, headName[p], m.id); id != "" {
					return mention{from: h[0], to: m.to, id: id, name: true}
				}
			}
		}
		// X HEAD
		if m.to < hi {
			if v, e, ok := g.heads.longest(toks[:hi], m.to, func(trieVal) bool { return true }); ok {
				if id := x.composeID(d, v.id, m.id); id != "" {
					return mention{from: m.from, to: e, id: id, name: true}
				}
			}
		}
		return m
	}
	for i := range ms {
		if ms[i].ref == nil {
			ms[i] = compose(ms[i])
		}
	}
	// "its leaders", "their government": an institution of an actor named before
	for e := lo; e <= hi; e++ {
		if h, ok := headEnd[e]; ok && h[0] > lo && (toks[h[0]-1].norm == "its" || toks[h[0]-1].norm == "their") {
			ms = append(ms, mention{from: h[0] - 1, to: e, possInst: headName[e]})
		}
	}
	// persons introduced by a role
	var persons []mention
	for _, ri := range roleAt {
		persons = append(persons, x.rolePersons(rs, toks, lo, hi, ri, ms, dc)...)
	}
	ms = append(ms, persons...)
	ms = append(ms, x.nameLists(rs, toks, lo, hi, ms, dc)...)
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].from != ms[j].from {
			return ms[i].from < ms[j].from
		}
		return ms[i].to > ms[j].to
	})
	// a composed or named mention beats a reference phrase it overlaps
	// ("The Government of Ruritania" is not "the Government" + "Ruritania")
	keep := ms[:0]
	for _, m := range ms {
		if m.ref != nil {
			clash := false
			for _, o := range ms {
				if o.ref == nil && !o.adj && o.from < m.to && m.from < o.to && o.to > m.to {
					clash = true
				}
			}
			if clash {
				continue
			}
		}
		keep = append(keep, m)
	}
	ms = keep
	// resolve references in text order; drop mentions inside longer ones
	var out []mention
	lastEnd := -1
	dc.inner = dc.inner[:0]
	for _, m := range ms {
		if m.from < lastEnd {
			if m.id != "" && !m.adj {
				dc.inner = append(dc.inner, m)
			}
			continue
		}
		if m.possInst != "" {
			for k := len(out) - 1; k >= 0 && k >= len(out)-6; k-- {
				if id := x.composeID(d, m.possInst, out[k].id); id != "" {
					m.id = id
					break
				}
			}
			if m.id == "" {
				continue
			}
			m.possInst = ""
		}
		if m.ref != nil {
			m.id = x.resolveRef(m.ref, dc, out)
			if m.id == "" {
				continue
			}
			speaker := strings.HasPrefix(m.ref.Rules[0], "issuer")
			m = compose(m)
			m.ref = nil
			m.speaker = speaker && m.ref == nil && m.name == false
		}
		if m.adj && m.to-m.from >= 0 {
			a := d.info(m.id)
			if a == nil || !(m.to > m.from) {
				continue
			}
			// a bare adjective ("Soviet technicians") names no actor itself
			continue
		}
		lastEnd = m.to
		name := ""
		if m.name {
			name = spanText(rs, toks, m.from, m.to)
			if m.alt != "" {
				name = m.alt
			}
		}
		d.use(m.id, name)
		out = append(out, m)
	}
	return out
}

// composeID returns the ID of institution inst of base, registering the
// minted actor, or "" when inst does not apply to base.
func (x *Extractor) composeID(d *docActors, inst, base string) string {
	def := x.gaz.insts[inst]
	if def == nil {
		return ""
	}
	if def.Via == "party" {
		if ga := x.gaz.actors[base]; ga != nil && ga.Party != "" {
			base = ga.Party
		}
	}
	if len(def.On) > 0 {
		ok := false
		for _, t := range def.On {
			if d.hasTag(base, t) {
				ok = true
			}
		}
		if !ok {
			return ""
		}
	}
	b := d.info(base)
	if b == nil {
		return ""
	}
	if def.Rel == "self" {
		// "the Albanian leaders" speak for the party itself
		return base
	}
	id := base + "-" + def.Name
	if def.Prep != "" {
		id = def.Name + "-" + base
	}
	label := strings.ReplaceAll(def.Label, "{label}", b.Label)
	if strings.Contains(label, "{adj}") {
		// "{adj} militia": the base's first adjective, else its name
		adj := b.Label
		if ga := x.gaz.actors[base]; ga != nil && len(ga.Adj) > 0 {
			adj = ga.Adj[0]
		} else if aj := d.adjs[base]; len(aj) > 0 {
			adj = aj[0]
		}
		label = strings.ReplaceAll(label, "{adj}", adj)
	}
	a := Actor{ID: id, Kind: def.Kind, Label: label}
	switch def.Rel {
	case "partOf":
		a.PartOf = []string{base}
	case "memberOf":
		a.MemberOf = []string{base}
	case "represents":
		a.Represents = []string{base}
	}
	d.mint(a, def.Tags)
	return id
}

// resolveRef applies a reference's rules in order.
func (x *Extractor) resolveRef(r *refDef, dc *docCtx, before []mention) string {
	if len(r.Kinds) > 0 {
		ok := false
		for _, k := range r.Kinds {
			if k == dc.doc.Kind {
				ok = true
			}
		}
		if !ok {
			return ""
		}
	}
	for _, rule := range r.Rules {
		base, tag, _ := strings.Cut(rule, "~")
		if side, inst, ok := strings.Cut(base, "+"); ok {
			// "them+mfa": the other side's foreign ministry
			if st := x.sideSlot(dc, side+".state"); st != "" {
				if id := x.composeID(dc.actors, inst, st); id != "" {
					return id
				}
			}
			continue
		}
		var id string
		switch base {
		case "issuer":
			id = dc.doc.Issuer
		case "addressee":
			id = dc.doc.Addressee
		case "signer":
			if dc.seg != nil {
				id = dc.seg.signer
			}
		case "recent":
			for k := len(before) - 1; k >= 0; k-- {
				if dc.actors.hasTag(before[k].id, tag) {
					return before[k].id
				}
			}
			for k := len(dc.prior) - 1; k >= 0; k-- {
				if dc.actors.hasTag(dc.prior[k], tag) {
					return dc.prior[k]
				}
			}
			continue
		}
		if tag != "" {
			id = dc.actors.withTag(id, tag)
		}
		if id != "" {
			return id
		}
	}
	return ""
}

// rolePersons reads persons introduced by the role at token ri: "Deputy
// Minister of Foreign Affairs of Freedonia, N. Firefly", "Freedonian
// Deputy Foreign Minister N. Firefly", "Comrades Gloria Teasdale and Ramon
// Chicolini". Each becomes an actor with the role and its affiliation.
func (x *Extractor) rolePersons(rs []rune, toks []token, lo, hi, ri int, ms []mention, dc *docCtx) []mention {
	g := x.gaz
	v, e, _ := g.roleT.longest(toks[:hi], ri, func(trieVal) bool { return true })
	var role *roleDef
	for _, r := range g.roles {
		for _, p := range r.Phrases {
			if p == v.id {
				role = r
			}
		}
	}
	if role == nil || role.After {
		return nil
	}
	roleText := spanText(rs, toks, ri, e)
	// the affiliation: an adjective or name just before, or "of (the) X" after
	aff := ""
	mentionAt := func(from int) (mention, bool) {
		for _, m := range ms {
			if m.from == from && m.id != "" {
				return m, true
			}
		}
		return mention{}, false
	}
	roleFrom := ri
	for _, m := range ms {
		// "Soviet Deputy Foreign Minister": an adjective or name right before,
		// on the same line
		if m.to == ri && m.id != "" && !paragraphBreak(rs, toks[m.to-1].end, toks[ri].start) {
			aff = m.id
			roleFrom = m.from
		}
	}
	k := e
	for k < hi && (toks[k].norm == "of" || toks[k].norm == "to" || toks[k].norm == "in") {
		j := k + 1
		if j < hi && toks[j].norm == "the" {
			j++
		}
		m, ok := mentionAt(j)
		if !ok && j > k+1 {
			// a reference phrase that holds its article: "of the Embassy"
			m, ok = mentionAt(k + 1)
		}
		if !ok {
			break
		}
		if toks[k].norm == "of" && aff == "" {
			aff = m.id
		}
		k = m.to
	}
	// "... Embassy in Xburg, Mr. Name": a city the gazetteer does not know
	if k+2 < hi && toks[k].norm == "in" && toks[k+1].cap && toks[k+1].word && toks[k+2].raw == "," {
		k += 2
	}
	if k < hi && toks[k].raw == "," {
		k++
	}
	if k < hi && (toks[k].norm == "comrade" || toks[k].norm == "comrades") {
		k++
	}
	// "Mr. Anton Brezic": an honorific before the name
	if k < hi && honorifics[toks[k].norm] {
		k++
		if k < hi && toks[k].raw == "." {
			k++
		}
	}
	var out []mention
	for {
		if len(out) > 0 {
			// a list of names ends where a title or an actor's name or
			// adjective begins: "Foreign Minister Arn, Xian Chargé ..."
			if _, _, isRole := g.roleT.longest(toks[:hi], k+1, func(trieVal) bool { return true }); isRole {
				break
			}
			if m, ok := mentionAt(k); ok && (m.adj || dc.actors.info(m.id) == nil || dc.actors.info(m.id).Kind != Person) {
				break
			}
		}
		from, to, name := readName(rs, toks, k, hi)
		if to == from {
			break
		}
		// a name the gazetteer knows: just attach the role
		var id string
		spanFrom := from
		if len(out) == 0 {
			spanFrom = roleFrom
		}
		if m, ok := mentionAt(from); ok && dc.actors.info(m.id) != nil && dc.actors.info(m.id).Kind == Person {
			id = m.id
			out = append(out, mention{from: spanFrom, to: m.to, id: id, name: true, alt: normSpace(spanText(rs, toks, m.from, m.to))})
			to = m.to
		} else {
			id = slug(name[strings.LastIndex(name, " ")+1:])
			if ga := g.actors[id]; ga != nil && ga.Kind != Person {
				id = "person-" + id
			}
			a := Actor{ID: id, Label: name, Kind: Person}
			dc.actors.mint(a, nil)
			dc.actors.remember(id, name)
			out = append(out, mention{from: spanFrom, to: to, id: id, name: true, alt: name})
		}
		a := dc.actors.actors[id]
		if a != nil {
			if a.Role == "" {
				a.Role = normSpace(roleText)
			}
			if aff != "" {
				target := aff
				if role.Inst != "" {
					if st := dc.actors.state(aff); st != "" && st == aff {
						if cid := x.composeID(dc.actors, role.Inst, aff); cid != "" {
							target = cid
						}
					}
				}
				if role.Rel == "represents" {
					// an envoy represents the state and belongs to its mission
					a.Represents = addUnique(a.Represents, dc.actors.stateOr(target))
					if target != aff {
						a.MemberOf = addUnique(a.MemberOf, target)
					}
				} else {
					a.MemberOf = addUnique(a.MemberOf, target)
				}
			}
			if len([]rune(name)) > len([]rune(a.Label)) && a.Label != name && dc.actors.g.actors[id] == nil {
				dc.actors.use(id, a.Label)
				a.Label = name
			}
		}
		k = to
		if k+1 < hi && (toks[k].norm == "and" || toks[k].raw == ",") {
			k++
			continue
		}
		break
	}
	if len(out) == 0 && aff != "" && roleFrom < ri && role.Rel == "represents" {
		// "the Xian Chargé" with no name: the envoy of that state the
		// document named before, else a person known by the title
		st := dc.actors.stateOr(aff)
		title := normSpace(roleText)
		ids := make([]string, 0, len(dc.actors.actors))
		for id := range dc.actors.actors {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			a := dc.actors.actors[id]
			if a.Kind == Person && strings.EqualFold(a.Role, title) && slices.Contains(a.Represents, st) {
				return []mention{{from: roleFrom, to: e, id: id}}
			}
		}
		label := normSpace(spanText(rs, toks, roleFrom, e))
		id := slug(label)
		if id == "" || g.actors[id] != nil {
			return nil
		}
		dc.actors.mint(Actor{ID: id, Label: label, Kind: Person, Role: title, Represents: []string{st}}, nil)
		return []mention{{from: roleFrom, to: e, id: id, name: true}}
	}
	return out
}

func (d *docActors) stateOr(id string) string {
	if s := d.state(id); s != "" {
		return s
	}
	return id
}

// readName reads a personal name at k: initials ("J. V.") and capitalised
// words, ending in a capitalised word.
func readName(rs []rune, toks []token, k, hi int) (int, int, string) {
	from, end := k, k
	words := 0
	for j := k; j < hi && j-k < 6; {
		t := toks[j]
		if !t.word || !t.cap || t.upper && len(t.raw) > 1 || j > k && paragraphBreak(rs, toks[j-1].end, t.start) {
			break
		}
		if _, isMonth := months[t.norm]; isMonth || stopCaps[t.norm] {
			break
		}
		if len([]rune(t.raw)) == 1 && j+1 < hi && toks[j+1].raw == "." {
			j += 2
			continue
		}
		words++
		j++
		end = j
		if words == 3 {
			break
		}
	}
	if words == 0 {
		return k, k, ""
	}
	return from, end, normSpace(spanText(rs, toks, from, end))
}

var honorifics = map[string]bool{"mr": true, "mrs": true, "messrs": true, "ms": true, "dr": true, "madame": true, "monsieur": true, "herr": true}

var stopCaps = map[string]bool{"thus": true, "however": true, "moreover": true, "furthermore": true, "therefore": true,
	"hence": true, "yet": true, "also": true, "among": true, "these": true, "those": true, "all": true, "both": true,
	"comrade": true, "comrades": true, "mr": true, "mrs": true, "if": true, "when": true, "while": true, "as": true,
	"the": true, "of": true, "and": true, "in": true, "on": true, "to": true, "this": true, "that": true, "he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "his": true, "her": true}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// nameLists reads persons the gazetteer does not know, named with their
// institution: "Jukniu, a candidate of the Moscow Power Engineering
// Institute; Gurakuqi and Gjipali, students of the Moscow Technical Institute
// of Light Industry; Meçaj and Prillo of Moscow State University". Each
// becomes a person with the role and membership of the institution, which
// must be named by an institution word of the gazetteer (@orgword).
func (x *Extractor) nameLists(rs []rune, toks []token, lo, hi int, ms []mention, dc *docCtx) []mention {
	g := x.gaz
	if len(g.orgWords) == 0 {
		return nil
	}
	covered := make([]bool, hi)
	for _, m := range ms {
		if m.surname {
			continue
		}
		for k := m.from; k < m.to && k < hi; k++ {
			covered[k] = true
		}
	}
	isName := func(k int) bool {
		if k >= hi || covered[k] {
			return false
		}
		t := toks[k]
		if !t.word || !t.cap || t.upper || len([]rune(t.raw)) < 3 || stopCaps[t.norm] {
			return false
		}
		if _, isMonth := months[t.norm]; isMonth {
			return false
		}
		// a sentence's first word is capitalised anyway
		if k == 0 || (!toks[k-1].word && toks[k-1].raw != "," && toks[k-1].raw != ";") {
			return false
		}
		return true
	}
	// orgAt reads "(the) Capitalised Words (of Capitalised Words)*" holding an
	// institution word, from k; it returns the end and the phrase.
	orgAt := func(k int) (int, string, string) {
		if k < hi && toks[k].norm == "the" {
			k++
		}
		start, end, inst := k, k, false
		for j := k; j < hi; j++ {
			t := toks[j]
			if t.word && t.cap {
				if g.orgWords[t.norm] {
					inst = true
				}
				end = j + 1
				continue
			}
			if (t.norm == "of" || t.norm == "and") && j+1 < hi && toks[j+1].cap {
				// "... Gas Industry and Paçma of the ...": a new name, not the institution
				if t.norm == "and" && j+2 < hi && toks[j+2].norm == "of" {
					break
				}
				continue
			}
			break
		}
		if !inst || end <= start {
			return k, "", ""
		}
		for _, m := range ms {
			if m.from == start && m.to == end && m.id != "" {
				return end, m.id, spanText(rs, toks, start, end)
			}
		}
		name := normSpace(spanText(rs, toks, start, end))
		id := slug(name)
		dc.actors.mint(Actor{ID: id, Label: name, Kind: Organization}, []string{"institution"})
		return end, id, name
	}
	var out []mention
	for k := lo; k < hi; k++ {
		if !isName(k) {
			continue
		}
		group := []int{k}
		j := k + 1
		for j+1 < hi && (toks[j].norm == "and" || toks[j].raw == ",") && isName(j+1) {
			group = append(group, j+1)
			j += 2
		}
		// the institution: ", a ROLE of ORG", ", ROLEs of ORG" or " of ORG"
		role, e := "", j
		if e < hi && toks[e].raw == "," {
			e++
			if e < hi && (toks[e].norm == "a" || toks[e].norm == "an") {
				e++
			}
			v, re, ok := g.roleT.longest(toks[:hi], e, func(trieVal) bool { return true })
			if !ok {
				continue
			}
			role = v.id
			e = re
		}
		if e >= hi || toks[e].norm != "of" {
			continue
		}
		end, org, _ := orgAt(e + 1)
		if org == "" {
			continue
		}
		for n, gk := range group {
			name := toks[gk].raw
			id := slug(name)
			if ga := g.actors[id]; ga != nil && ga.Kind != Person {
				id = "person-" + id
			}
			a := Actor{ID: id, Label: name, Kind: Person, Role: role, MemberOf: []string{org}}
			dc.actors.mint(a, nil)
			dc.actors.surnames[toks[gk].norm] = id
			to := gk + 1
			if n == len(group)-1 {
				// the last name carries the apposition, so that the list stays joined
				to = end
			}
			out = append(out, mention{from: gk, to: to, id: id, name: true, alt: name})
		}
		k = end - 1
	}
	return out
}
