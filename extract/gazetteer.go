package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// gazetteer is the actor knowledge read from data files: named actors with
// their aliases, institution heads that compose with a state or party
// ("Government" + "Albanian" → the Albanian government), person roles, and
// relative references ("we", "our party", "the Embassy") resolved per
// document by rules written in the data.
type gazetteer struct {
	actors map[string]*gazActor
	order  []string // actor IDs in load order
	insts  map[string]*instDef
	refs   []*refDef
	roles  []*roleDef
	names  *trie // actor aliases, adjectives and reference phrases
	heads  *trie // institution head nouns
	// headsIn are heads of institutions named "HEAD in X"
	headsIn *trie
	roleT   *trie // person role phrases
	// orgWords name institutions in a person's apposition ("University")
	orgWords map[string]bool
	partyOf  map[string]string // party ID → the state it governs
	byTEI    map[string]string // "frus1961-63v05#p_TWR1" → actor ID
}

type gazActor struct {
	Actor
	Tags  []string
	Party string // governing party of a state
	Adj   []string
	line  int
	path  string
	tied  bool // affiliations checked
}

// instDef composes an institution from a state or party: "Government of X",
// "X Embassy". The minted actor's ID is the base ID, "-" and Name.
type instDef struct {
	Name  string
	Kind  ActorKind
	Label string   // template with {label}
	On    []string // tags of the base it applies to
	Via   string   // "party": apply to the base state's governing party
	Rel   string   // relation of the minted actor to the base
	Tags  []string
	Prep  string // "in": the institution is named "HEAD in X" ("Embassy in Finland")
}

// refDef is a relative reference: a phrase whose actor depends on the document.
type refDef struct {
	Phrases []string
	Rules   []string // tried in order: issuer, issuer~TAG, addressee~TAG, recent~TAG
	Kinds   []DocKind
}

// roleDef is a title or role that introduces a person ("Ambassador", "Deputy
// Minister of Foreign Affairs"); the person is affiliated with the state or
// institution named with the role.
type roleDef struct {
	Phrases []string
	Inst    string // institution of the named state the person belongs to
	Rel     string // represents | memberOf
	After   bool   // the role follows the name: "Meçaj, a student of X"
	path    string
	line    int
}

// trie maps normalised token sequences to payloads.
type trie struct {
	next map[string]*trie
	vals []trieVal
}

type trieVal struct {
	kind  byte // 'a' actor alias, 'j' adjective of an actor, 'r' reference, 'h' head, 'o' role
	id    string
	ref   *refDef
	cased []bool // per token: the data spelled it with a capital, the text must too
	upper []bool // per token: an acronym, matched only in upper case
}

func newTrie() *trie { return &trie{next: map[string]*trie{}} }

func (t *trie) add(phrase string, v trieVal) {
	toks := tokenize([]rune(phrase))
	if len(toks) == 0 {
		return
	}
	n := t
	v.cased = make([]bool, len(toks))
	v.upper = make([]bool, len(toks))
	for i, tk := range toks {
		v.cased[i] = tk.cap
		v.upper[i] = tk.upper
		c := n.next[tk.norm]
		if c == nil {
			c = newTrie()
			n.next[tk.norm] = c
		}
		n = c
	}
	for _, old := range n.vals {
		if old.kind == v.kind && old.id == v.id && old.ref == v.ref {
			return
		}
	}
	n.vals = append(n.vals, v)
}

// longest returns the longest match starting at toks[i] whose payload kinds
// are accepted, and its end.
func (t *trie) longest(toks []token, i int, accept func(trieVal) bool) (trieVal, int, bool) {
	var best trieVal
	bestEnd, found := 0, false
	n := t
	for j := i; j < len(toks); j++ {
		n = n.next[toks[j].norm]
		if n == nil {
			break
		}
		for _, v := range n.vals {
			if !accept(v) || !casedMatch(v, toks[i:j+1]) {
				continue
			}
			best, bestEnd, found = v, j+1, true
			break
		}
	}
	return best, bestEnd, found
}

func casedMatch(v trieVal, toks []token) bool {
	for k, tk := range toks {
		if k >= len(v.cased) {
			return false
		}
		if v.upper[k] && !tk.upper {
			return false
		}
		if v.cased[k] && !tk.cap {
			return false
		}
	}
	return true
}

var (
	idRe       = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	wikidataRe = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

type gazetteerLoader struct {
	g        *gazetteer
	refInsts []refInst // institutions named by reference rules, checked at the end
}

type refInst struct {
	inst string
	path string
	line int
}

func newGazetteerLoader() *gazetteerLoader {
	return &gazetteerLoader{g: &gazetteer{
		actors: map[string]*gazActor{}, insts: map[string]*instDef{},
		names: newTrie(), heads: newTrie(), headsIn: newTrie(), roleT: newTrie(), orgWords: map[string]bool{}, byTEI: map[string]string{},
	}}
}

func validKind(k string) bool {
	switch ActorKind(k) {
	case Person, Organization, GovernmentOrganization, Country, Place:
		return true
	}
	return false
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// load reads one gazetteer file (format: data/README.md).
func (l *gazetteerLoader) load(path string, data []byte) error {
	g := l.g
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		fail := func(format string, a ...any) error {
			return &DataError{Path: path, Line: line, Msg: fmt.Sprintf(format, a...)}
		}
		cols := strings.Split(text, "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		kv := func(from int) (map[string]string, error) {
			m := map[string]string{}
			for _, c := range cols[from:] {
				if c == "" {
					continue
				}
				k, v, ok := strings.Cut(c, "=")
				if !ok {
					return nil, fail("field %q is not key=value", c)
				}
				if _, dup := m[k]; dup {
					return nil, fail("field %q given twice", k)
				}
				m[k] = v
			}
			return m, nil
		}
		switch cols[0] {
		case "@inst":
			if len(cols) < 4 {
				return fail("@inst wants: @inst NAME KIND LABEL key=value...")
			}
			if !idRe.MatchString(cols[1]) {
				return fail("bad institution name %q (want lower-case letters, digits, hyphens)", cols[1])
			}
			if !validKind(cols[2]) {
				return fail("unknown kind %q (want Person, Organization, GovernmentOrganization, Country or Place)", cols[2])
			}
			if !strings.Contains(cols[3], "{label}") && !strings.Contains(cols[3], "{adj}") {
				return fail("label template %q lacks {label} or {adj}", cols[3])
			}
			m, err := kv(4)
			if err != nil {
				return err
			}
			d := &instDef{Name: cols[1], Kind: ActorKind(cols[2]), Label: cols[3], On: splitList(m["on"]), Via: m["via"], Rel: m["rel"], Tags: append([]string{cols[1]}, splitList(m["tags"])...), Prep: m["prep"]}
			if d.Prep != "" && d.Prep != "in" {
				return fail("@inst prep must be in, got %q", d.Prep)
			}
			switch d.Rel {
			case "partOf", "memberOf", "represents", "self", "":
			default:
				return fail("unknown relation %q (want partOf, memberOf, represents or self)", d.Rel)
			}
			heads := splitList(m["heads"])
			if len(heads) == 0 {
				return fail("@inst %s has no heads=", d.Name)
			}
			for k := range m {
				if k != "heads" && k != "on" && k != "via" && k != "rel" && k != "tags" && k != "prep" {
					return fail("unknown @inst field %q", k)
				}
			}
			if _, dup := g.insts[d.Name]; dup {
				return fail("duplicate institution %q", d.Name)
			}
			g.insts[d.Name] = d
			for _, h := range heads {
				if d.Prep == "in" {
					g.headsIn.add(h, trieVal{kind: 'h', id: d.Name})
				} else {
					g.heads.add(h, trieVal{kind: 'h', id: d.Name})
				}
			}
		case "@ref":
			if len(cols) < 3 {
				return fail("@ref wants: @ref PHRASES RULES [kind=KIND|...]")
			}
			r := &refDef{Phrases: splitList(cols[1]), Rules: splitList(cols[2])}
			for _, rule := range r.Rules {
				base, _, _ := strings.Cut(rule, "~")
				if side, inst, ok := strings.Cut(base, "+"); ok && (side == "us" || side == "them") {
					l.refInsts = append(l.refInsts, refInst{inst: inst, line: line, path: path})
					continue
				}
				if base != "issuer" && base != "addressee" && base != "recent" && base != "signer" {
					return fail("unknown reference rule %q (want issuer, addressee, signer, recent, with ~TAG, or us+INST, them+INST)", rule)
				}
				if base == "recent" && !strings.Contains(rule, "~") {
					return fail("rule recent needs a tag: recent~TAG")
				}
			}
			m, err := kv(3)
			if err != nil {
				return err
			}
			for k, v := range m {
				if k != "kind" {
					return fail("unknown @ref field %q", k)
				}
				for _, dk := range splitList(v) {
					r.Kinds = append(r.Kinds, DocKind(dk))
				}
			}
			g.refs = append(g.refs, r)
			for _, p := range r.Phrases {
				g.names.add(p, trieVal{kind: 'r', ref: r})
			}
		case "@orgword":
			if len(cols) != 2 {
				return fail("@orgword wants: @orgword WORD|WORD...")
			}
			for _, w := range splitList(cols[1]) {
				g.orgWords[normWord(w)] = true
			}
		case "@role":
			if len(cols) < 2 {
				return fail("@role wants: @role PHRASES key=value...")
			}
			m, err := kv(2)
			if err != nil {
				return err
			}
			r := &roleDef{Phrases: splitList(cols[1]), Inst: m["inst"], Rel: m["rel"], After: m["pos"] == "after", path: path, line: line}
			if p := m["pos"]; p != "" && p != "after" && p != "before" {
				return fail("@role pos must be before or after, got %q", p)
			}
			switch r.Rel {
			case "represents", "memberOf":
			default:
				return fail("@role needs rel=represents or rel=memberOf, got %q", r.Rel)
			}
			for k := range m {
				if k != "inst" && k != "rel" && k != "pos" {
					return fail("unknown @role field %q", k)
				}
			}
			g.roles = append(g.roles, r)
			for _, p := range r.Phrases {
				g.roleT.add(p, trieVal{kind: 'o', id: p})
			}
		default:
			if strings.HasPrefix(cols[0], "@") {
				return fail("unknown directive %q", cols[0])
			}
			if len(cols) < 3 {
				return fail("actor line wants: ID KIND LABEL key=value...")
			}
			id := cols[0]
			if !idRe.MatchString(id) {
				return fail("bad actor id %q (want lower-case letters, digits, hyphens)", id)
			}
			if old, dup := g.actors[id]; dup {
				return fail("duplicate actor id %q (first at %s:%d)", id, old.path, old.line)
			}
			if !validKind(cols[1]) {
				return fail("unknown kind %q (want Person, Organization, GovernmentOrganization, Country or Place)", cols[1])
			}
			if cols[2] == "" {
				return fail("actor %q has no label", id)
			}
			m, err := kv(3)
			if err != nil {
				return err
			}
			a := &gazActor{Actor: Actor{ID: id, Kind: ActorKind(cols[1]), Label: cols[2]}, line: line, path: path}
			for k, v := range m {
				switch k {
				case "alias":
					a.AltLabels = splitList(v)
				case "adj":
					a.Adj = splitList(v)
				case "tags":
					a.Tags = splitList(v)
				case "memberOf":
					a.MemberOf = splitList(v)
				case "partOf":
					a.PartOf = splitList(v)
				case "represents":
					a.Represents = splitList(v)
				case "party":
					a.Party = v
				case "role":
					a.Role = v
				case "tei":
					for _, k := range splitList(v) {
						if !strings.Contains(k, "#") {
							return fail("tei= wants VOLUME#ID, got %q", k)
						}
						if old, dup := g.byTEI[k]; dup {
							return fail("tei=%s already names actor %q", k, old)
						}
						g.byTEI[k] = id
					}
				case "wikidata":
					if !wikidataRe.MatchString(v) {
						return fail("bad Wikidata id %q (want Q and digits)", v)
					}
					a.Wikidata = v
				default:
					return fail("unknown actor field %q", k)
				}
			}
			g.actors[id] = a
			g.order = append(g.order, id)
			g.names.add(a.Label, trieVal{kind: 'a', id: id})
			for _, al := range a.AltLabels {
				g.names.add(al, trieVal{kind: 'a', id: id})
			}
			for _, adj := range a.Adj {
				g.names.add(adj, trieVal{kind: 'j', id: id})
			}
		}
	}
	return sc.Err()
}

// finish checks the references between entries, which may span files.
func (l *gazetteerLoader) finish() (*gazetteer, error) {
	g := l.g
	for _, id := range g.order {
		a := g.actors[id]
		check := func(rel string, ids []string) error {
			for _, t := range ids {
				if _, ok := g.actors[t]; !ok {
					return &DataError{Path: a.path, Line: a.line, Msg: fmt.Sprintf("actor %q: %s refers to unknown actor %q", id, rel, t)}
				}
			}
			return nil
		}
		if err := check("memberOf", a.MemberOf); err != nil {
			return nil, err
		}
		if err := check("partOf", a.PartOf); err != nil {
			return nil, err
		}
		if err := check("represents", a.Represents); err != nil {
			return nil, err
		}
		if a.Party != "" {
			if err := check("party", []string{a.Party}); err != nil {
				return nil, err
			}
		}
	}
	for _, ri := range l.refInsts {
		if g.insts[ri.inst] == nil {
			return nil, &DataError{Path: ri.path, Line: ri.line, Msg: fmt.Sprintf("reference rule names unknown institution %q", ri.inst)}
		}
	}
	for _, r := range g.roles {
		if r.Inst != "" && g.insts[r.Inst] == nil {
			return nil, &DataError{Path: r.path, Line: r.line, Msg: fmt.Sprintf("@role %q: unknown institution %q", r.Phrases[0], r.Inst)}
		}
	}
	// an explicit entry for a composed institution ("albania-government")
	// carries the institution's tags, as a minted one would
	for _, id := range g.order {
		for name, def := range g.insts {
			base, ok := strings.CutSuffix(id, "-"+name)
			if ok && g.actors[base] != nil {
				for _, t := range def.Tags {
					if !g.actors[id].hasTag(t) {
						g.actors[id].Tags = append(g.actors[id].Tags, t)
					}
				}
			}
		}
	}
	sort.Strings(g.order)
	g.partyOf = map[string]string{}
	for _, id := range g.order {
		if p := g.actors[id].Party; p != "" {
			if _, dup := g.partyOf[p]; !dup {
				g.partyOf[p] = id
			}
		}
	}
	return g, nil
}

func (a *gazActor) hasTag(t string) bool {
	for _, x := range a.Tags {
		if x == t {
			return true
		}
	}
	return false
}
