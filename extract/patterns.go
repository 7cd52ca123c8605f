package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// EventTypes are the notations of the event-type scheme (DESIGN.md).
var EventTypes = []string{
	"ACCUSE", "CRITICIZE", "PROTEST", "DENY", "REJECT", "DEMAND", "PROPOSE", "APPEAL",
	"SUPPORT", "RECALL_AMBASSADOR", "WITHDRAW_MISSION", "EXPEL", "REDUCE_AID",
	"CANCEL_AGREEMENT", "BLOCKADE", "RESTRICT", "SURVEIL", "PURGE", "ARREST", "EXECUTE",
}

func knownType(t string) bool {
	for _, x := range EventTypes {
		if x == t {
			return true
		}
	}
	return false
}

// pattern is one trigger with its argument frame (format: data/README.md).
type pattern struct {
	Type   string
	Lemma  string
	Noun   bool
	Seq    [][]string // further words of a multi-word trigger; "..." gaps
	Agent  []string
	Target []string
	Theme  []string
	Charge string
	Need   []string
	Not    []string
	Deed   bool // an alleged deed: the issuer accuses its doer
	Adj    bool // a predicative adjective: "the allegations ... are groundless"
	// Judged: the trigger word itself condemns the act ("slander"): another
	// party's act so named is also the issuer's accusation against it
	Judged bool
	NegOK  bool // a negation belongs to the trigger ("no longer considers it possible")
	NegReq bool // the trigger counts only negated ("does not accept")
	Window int
	line   int
	path   string
}

type patternSet struct {
	byForm    map[string][]*pattern // first word form → patterns
	cues      map[string][][]string // cue class → phrases (token norms)
	cueWords  map[string]bool       // first words of all cues, for a quick test
	accusable map[string]bool
	// charged types are accusations only when the sentence calls them wrong
	// ("expelled on false grounds"); a narrated expulsion is the deed alone
	charged map[string]bool
	// speechActs are types whose other-party instances the issuer reports
	// rather than alleges ("they accuse us": a report of their words)
	speechActs map[string]bool
	passive    map[string]bool // participle forms, for passive detection
}

type patternLoader struct {
	ps *patternSet
}

func newPatternLoader() *patternLoader {
	return &patternLoader{ps: &patternSet{byForm: map[string][]*pattern{}, cues: map[string][][]string{}, cueWords: map[string]bool{}, accusable: map[string]bool{}, charged: map[string]bool{}, speechActs: map[string]bool{}, passive: map[string]bool{}}}
}

var argSlots = map[string]bool{"subj": true, "obj": true, "by": true, "of": true, "from": true, "to": true, "against": true, "with": true, "on": true, "for": true, "issuer": true, "addressee": true, "theme.state": true, "issuer.state": true, "addressee.state": true, "us": true, "them": true, "us.state": true, "them.state": true, "counterpart": true, "counterpart.state": true, "poss": true, "by.before": true, "agent.state": true, "none": true, "toward": true, "in": true, "between": true, "at": true, "under": true, "over": true, "about": true, "regarding": true}

var cueClasses = map[string]bool{"reported": true, "denial": true, "irrealis": true, "negation": true, "future": true, "charge": true}

// inflect gives the regular forms of a verb or noun lemma.
func inflect(lemma string, noun bool) []string {
	forms := []string{lemma}
	last := lemma[len(lemma)-1]
	es := strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "sh") || strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z")
	consY := last == 'y' && len(lemma) > 1 && !strings.ContainsRune("aeiou", rune(lemma[len(lemma)-2]))
	switch {
	case es:
		forms = append(forms, lemma+"es")
	case consY:
		forms = append(forms, lemma[:len(lemma)-1]+"ies")
	default:
		forms = append(forms, lemma+"s")
	}
	if noun {
		return forms
	}
	switch {
	case last == 'e':
		forms = append(forms, lemma+"d", lemma[:len(lemma)-1]+"ing")
	case consY:
		forms = append(forms, lemma[:len(lemma)-1]+"ied", lemma+"ing")
	default:
		forms = append(forms, lemma+"ed", lemma+"ing")
	}
	return forms
}

func (l *patternLoader) load(path string, data []byte) error {
	ps := l.ps
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
		switch cols[0] {
		case "@cue":
			if len(cols) != 3 {
				return fail("@cue wants: @cue CLASS PHRASES")
			}
			if !cueClasses[cols[1]] {
				return fail("unknown cue class %q (want reported, denial, irrealis, future, negation or charge)", cols[1])
			}
			for _, p := range splitList(cols[2]) {
				var seq []string
				for _, t := range tokenize([]rune(p)) {
					seq = append(seq, t.norm)
				}
				if len(seq) > 0 {
					ps.cues[cols[1]] = append(ps.cues[cols[1]], seq)
					ps.cueWords[seq[0]] = true
				}
			}
			continue
		case "@accusable", "@speechact", "@charged":
			if len(cols) != 2 {
				return fail("%s wants: %s TYPE|TYPE...", cols[0], cols[0])
			}
			for _, t := range splitList(cols[1]) {
				if !knownType(t) {
					return fail("unknown event type %q", t)
				}
				switch cols[0] {
				case "@accusable":
					ps.accusable[t] = true
				case "@charged":
					ps.charged[t] = true
				default:
					ps.speechActs[t] = true
				}
			}
			continue
		}
		if strings.HasPrefix(cols[0], "@") {
			return fail("unknown directive %q", cols[0])
		}
		if len(cols) < 2 {
			return fail("pattern line wants: TYPE TRIGGER key=value...")
		}
		if !knownType(cols[0]) {
			return fail("unknown event type %q (want one of %s)", cols[0], strings.Join(EventTypes, ", "))
		}
		p := &pattern{Type: cols[0], line: line, path: path, Window: 14}
		words := strings.Fields(cols[1])
		if len(words) == 0 {
			return fail("empty trigger")
		}
		forms := splitList(words[0])
		if len(forms) == 0 {
			return fail("empty trigger")
		}
		for _, w := range words[1:] {
			p.Seq = append(p.Seq, splitList(normWord(w)))
		}
		seenKey := map[string]bool{}
		for _, c := range cols[2:] {
			if c == "" {
				continue
			}
			k, v, ok := strings.Cut(c, "=")
			if !ok {
				return fail("field %q is not key=value", c)
			}
			if seenKey[k] {
				return fail("field %q given twice", k)
			}
			seenKey[k] = true
			slots := func() ([]string, error) {
				s := splitList(v)
				for _, x := range s {
					if !argSlots[x] {
						return nil, fail("unknown argument slot %q in %s=", x, k)
					}
				}
				return s, nil
			}
			var err error
			switch k {
			case "pos":
				switch v {
				case "verb":
				case "noun":
					p.Noun = true
				case "adj":
					p.Noun, p.Adj = true, true
				default:
					return fail("pos must be verb, noun or adj, got %q", v)
				}
			case "agent":
				p.Agent, err = slots()
			case "target":
				p.Target, err = slots()
			case "theme":
				p.Theme, err = slots()
			case "charge":
				if v != "of" && v != "with" && v != "for" {
					return fail("charge must be of, with or for, got %q", v)
				}
				p.Charge = v
			case "need":
				p.Need = splitList(normWord(v))
			case "not":
				p.Not = splitList(normWord(v))
			case "neg":
				switch v {
				case "ok":
					p.NegOK = true
				case "required":
					p.NegOK, p.NegReq = true, true
				default:
					return fail("neg must be ok or required, got %q", v)
				}
			case "judged":
				if v != "yes" {
					return fail("judged must be yes, got %q", v)
				}
				p.Judged = true
			case "frame":
				if v != "deed" {
					return fail("frame must be deed, got %q", v)
				}
				p.Deed = true
			case "window":
				n, e := strconv.Atoi(v)
				if e != nil || n < 1 || n > 60 {
					return fail("window must be a number from 1 to 60, got %q", v)
				}
				p.Window = n
			default:
				return fail("unknown pattern field %q", k)
			}
			if err != nil {
				return err
			}
		}
		p.Lemma = normWord(forms[0])
		all := map[string]bool{}
		if strings.HasPrefix(forms[0], "=") {
			// "=word": only the forms given, no inflection
			p.Lemma = normWord(forms[0][1:])
			all[p.Lemma] = true
		} else {
			for _, f := range inflect(p.Lemma, p.Noun) {
				all[f] = true
			}
		}
		for _, f := range forms[1:] {
			all[normWord(f)] = true
		}
		keys := make([]string, 0, len(all))
		for f := range all {
			keys = append(keys, f)
		}
		sort.Strings(keys)
		for _, f := range keys {
			ps.byForm[f] = append(ps.byForm[f], p)
			if !p.Noun && (strings.HasSuffix(f, "ed") || strings.HasSuffix(f, "en") || strings.HasSuffix(f, "wn") || (f != p.Lemma && !strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ing"))) {
				ps.passive[f] = true
			}
		}
	}
	return sc.Err()
}

func (l *patternLoader) finish() (*patternSet, error) {
	if len(l.ps.byForm) == 0 {
		return nil, &DataError{Path: "patterns", Msg: "no event patterns loaded"}
	}
	return l.ps, nil
}
