// Package gencorpus generates a synthetic corpus of diplomatic notes for
// benchmarks: realistic notes and verbal notes composed from templates in a
// data file, between states that the actor gazetteer knows, so that the
// extractor finds events in them. The corpus is deterministic for a seed.
//
// A generated file is one exchange of notes between two states, the notes
// alternating between them with advancing dates, as the published
// collections of notes are; the build pipeline then has to segment each file
// into its notes, as it does for real sources.
package gencorpus

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

//go:embed data/templates.txt
var builtinTemplates []byte

// Options configure a corpus.
type Options struct {
	Notes   int    // number of notes in all
	PerFile int    // notes per file; 0 means 10
	Seed    uint64 // the same seed gives the same corpus
	// Templates replaces the built-in templates (data/templates.txt) when
	// not nil; TemplatesPath names it in errors.
	Templates     []byte
	TemplatesPath string
	// Gazetteer is an actor gazetteer in the format of extract/data
	// (tab-separated: ID, KIND, LABEL, key=value...). When given, only the
	// states it names are used, so that every state of the corpus is one
	// the extractor knows.
	Gazetteer []byte
}

// Stats describe a generated corpus.
type Stats struct {
	Files, Notes int
	Bytes        int64
	Events       int // event paragraphs written (one event each, at least)
}

// Generator produces the files of one corpus.
type Generator struct {
	opts   Options
	t      *templates
	states []state
	events []string // event sections present in the templates
}

// New parses the templates and the gazetteer of opts.
func New(opts Options) (*Generator, error) {
	if opts.Notes < 0 {
		return nil, fmt.Errorf("gencorpus: negative number of notes %d", opts.Notes)
	}
	if opts.PerFile == 0 {
		opts.PerFile = 10
	}
	if opts.PerFile < 0 {
		return nil, fmt.Errorf("gencorpus: negative notes per file %d", opts.PerFile)
	}
	data, path := builtinTemplates, "internal/gencorpus/data/templates.txt"
	if opts.Templates != nil {
		data, path = opts.Templates, opts.TemplatesPath
	}
	t, err := parseTemplates(path, data)
	if err != nil {
		return nil, err
	}
	g := &Generator{opts: opts, t: t, states: t.states}
	if opts.Gazetteer != nil {
		names := gazetteerNames(opts.Gazetteer)
		var kept []state
		for _, s := range t.states {
			if names[normName(strings.TrimPrefix(s.Name, "the "))] && names[normName(s.Adj)] {
				kept = append(kept, s)
			}
		}
		if len(kept) < 3 {
			return nil, fmt.Errorf("gencorpus: the gazetteer knows only %d of the %d states of the templates (need 3)", len(kept), len(t.states))
		}
		g.states = kept
	}
	for _, s := range eventSections {
		if len(t.sections[s]) > 0 {
			g.events = append(g.events, s)
		}
	}
	return g, nil
}

// States returns the IDs of the states the corpus uses.
func (g *Generator) States() []string {
	ids := make([]string, len(g.states))
	for i, s := range g.states {
		ids[i] = s.ID
	}
	return ids
}

// normName folds case and typographic apostrophes, as the extractor does
// when it matches names.
func normName(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "’", "'"))
}

// gazetteerNames collects the labels, aliases and adjectives of a gazetteer's
// states (kind Country), normalised. Directive lines (@inst, @ref, @role),
// comments and other actors are skipped.
func gazetteerNames(data []byte) map[string]bool {
	names := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '@' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 || strings.TrimSpace(cols[1]) != "Country" {
			continue
		}
		names[normName(cols[2])] = true
		for _, c := range cols[3:] {
			k, v, ok := strings.Cut(strings.TrimSpace(c), "=")
			if !ok || (k != "alias" && k != "adj") {
				continue
			}
			for _, a := range strings.Split(v, "|") {
				if a = strings.TrimSpace(a); a != "" {
					names[normName(a)] = true
				}
			}
		}
	}
	return names
}

// Files is the number of files the corpus has.
func (g *Generator) Files() int {
	return (g.opts.Notes + g.opts.PerFile - 1) / g.opts.PerFile
}

// FileName is the name of file i, 0-based.
func (g *Generator) FileName(i int) string {
	return fmt.Sprintf("exchange-%05d.txt", i+1)
}

// File generates file i, 0-based, and the number of notes and event
// paragraphs in it. Each file has its own random stream, derived from the
// seed and i, so a file does not depend on the others.
func (g *Generator) File(i int) (data []byte, notes, events int) {
	notes = g.opts.PerFile
	if rest := g.opts.Notes - i*g.opts.PerFile; rest < notes {
		notes = rest
	}
	rng := rand.New(rand.NewPCG(g.opts.Seed, uint64(i)+1))
	ex := g.newExchange(rng)
	var b strings.Builder
	for k := 0; k < notes; k++ {
		if k > 0 {
			b.WriteString("\n\n")
		}
		events += ex.note(&b, k)
	}
	return []byte(b.String()), notes, events
}

// Generate calls emit with each file in order.
func (g *Generator) Generate(emit func(name string, data []byte) error) (Stats, error) {
	var st Stats
	for i := 0; i < g.Files(); i++ {
		data, n, ev := g.File(i)
		if err := emit(g.FileName(i), data); err != nil {
			return st, err
		}
		st.Files++
		st.Notes += n
		st.Events += ev
		st.Bytes += int64(len(data))
	}
	return st, nil
}

// WriteDir writes the corpus into dir, creating it.
func (g *Generator) WriteDir(dir string) (Stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("gencorpus: %w", err)
	}
	return g.Generate(func(name string, data []byte) error {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("gencorpus: %w", err)
		}
		return nil
	})
}

// exchange is the state of one file: two states writing to each other, the
// persons involved, and the running date.
type exchange struct {
	g      *Generator
	rng    *rand.Rand
	a, b   *state // the two parties; they swap roles from note to note
	c      *state // a third state
	date   time.Time
	deputy [2]string // deputy foreign ministers of a and b
	charge [2]string // chargés d'affaires of a (in b's capital) and of b (in a's)
	amb    [2]string // ambassadors of a and b
	diplo  [2][]string
	citz   [2][]string
}

func (g *Generator) newExchange(rng *rand.Rand) *exchange {
	n := len(g.states)
	ia := rng.IntN(n)
	ib := (ia + 1 + rng.IntN(n-1)) % n
	ic := rng.IntN(n)
	for ic == ia || ic == ib {
		ic = (ic + 1) % n
	}
	ex := &exchange{g: g, rng: rng, a: &g.states[ia], b: &g.states[ib], c: &g.states[ic]}
	ex.date = time.Date(1946+rng.IntN(44), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	used := map[string]bool{}
	person := func(initial bool) string {
		for {
			s := g.t.surnames[rng.IntN(len(g.t.surnames))]
			if initial {
				s = g.t.initials[rng.IntN(len(g.t.initials))] + " " + s
			}
			if !used[s] || len(used) > len(g.t.surnames)*len(g.t.initials)/2 {
				used[s] = true
				return s
			}
		}
	}
	for side := 0; side < 2; side++ {
		ex.deputy[side] = person(true)
		ex.charge[side] = person(true)
		ex.amb[side] = person(true)
		ex.diplo[side] = []string{person(true), person(true)}
		ex.citz[side] = []string{person(false), person(false), person(false), person(false)}
	}
	return ex
}

// note writes note k of the exchange and returns its number of event
// paragraphs.
func (ex *exchange) note(b *strings.Builder, k int) int {
	rng := ex.rng
	if k > 0 {
		ex.date = ex.date.AddDate(0, 0, 1+rng.IntN(9))
	}
	side := k % 2 // 0: a writes to b; 1: b writes to a
	f := &filler{ex: ex, side: side}
	f.pdate = ex.date.AddDate(0, 0, -(1 + rng.IntN(40)))
	verbal := rng.IntN(100) < 35
	sec := ex.g.t.sections
	// A note does not say the same paragraph twice: pick draws again (a
	// few times) when it meets an alternative the note already used.
	used := map[*part]bool{}
	pick := func(name string) template {
		alts := sec[name]
		t := alts[rng.IntN(len(alts))]
		for try := 0; try < 4 && len(t) > 0 && used[&t[0]]; try++ {
			t = alts[rng.IntN(len(alts))]
		}
		if len(t) > 0 {
			used[&t[0]] = true
		}
		return t
	}
	para := func(t template) {
		f.write(b, t)
		b.WriteString("\n\n")
	}
	if verbal {
		para(pick("heading.verbal"))
		para(pick("opening.verbal"))
	} else {
		para(pick("heading.note"))
		para(pick("address"))
		para(pick("opening.note"))
	}
	events := 0
	paras := 4 + rng.IntN(6)
	for p := 0; p < paras; p++ {
		// Real notes spend most sentences on context; about half of the
		// paragraphs here report an event.
		if rng.IntN(100) < 45 {
			para(pick("filler"))
			continue
		}
		para(pick(ex.g.events[rng.IntN(len(ex.g.events))]))
		events++
	}
	if !verbal {
		if len(sec["courtesy"]) > 0 && rng.IntN(2) == 0 {
			para(pick("courtesy"))
		}
		f.write(b, pick("closing"))
		b.WriteString("\n")
	}
	return events
}

// filler fills the slots of templates for one note.
type filler struct {
	ex    *exchange
	side  int
	pdate time.Time
}

func (f *filler) write(b *strings.Builder, t template) {
	for _, p := range t {
		if p.slot == "" {
			b.WriteString(p.text)
			continue
		}
		v := f.value(b, p.slot)
		if p.caps && v != "" {
			r := []rune(v)
			b.WriteString(strings.ToUpper(string(r[0])))
			b.WriteString(string(r[1:]))
			continue
		}
		b.WriteString(v)
	}
}

func formatDate(t time.Time) string {
	return t.Format("January 2, 2006")
}

// value fills one slot; {subject} is written straight into b.
func (f *filler) value(b *strings.Builder, slot string) string {
	ex, rng := f.ex, f.ex.rng
	iss, rec := ex.a, ex.b
	me, other := f.side, 1-f.side
	if f.side == 1 {
		iss, rec = ex.b, ex.a
	}
	switch slot {
	case "A":
		return iss.Name
	case "B":
		return rec.Name
	case "C":
		return ex.c.Name
	case "A.adj":
		return iss.Adj
	case "B.adj":
		return rec.Adj
	case "C.adj":
		return ex.c.Adj
	case "A.city":
		return iss.City
	case "B.city":
		return rec.City
	case "C.city":
		return ex.c.City
	case "date":
		return formatDate(ex.date)
	case "pdate":
		return formatDate(f.pdate)
	case "deputy":
		return ex.deputy[me]
	case "charge":
		return ex.charge[other]
	case "ambA":
		return ex.amb[me]
	case "ambB":
		return ex.amb[other]
	case "person":
		d := ex.diplo[other]
		return d[rng.IntN(len(d))]
	case "persons":
		c := ex.citz[other]
		n := 2 + rng.IntN(len(c)-1)
		return joinList(c[:n])
	case "n":
		return strconv.Itoa(8 + rng.IntN(83))
	case "m":
		return strconv.Itoa(2 + rng.IntN(13))
	case "subject":
		alts := ex.g.t.sections["subject"]
		f.write(b, alts[rng.IntN(len(alts))])
		return ""
	}
	// parseTemplate admits only known slots.
	panic("gencorpus: unhandled slot " + slot)
}

// joinList writes "x, y and z".
func joinList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
