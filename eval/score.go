package eval

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"notegraph/extract"
)

// Counts are the tallies behind precision and recall.
type Counts struct {
	Gold    int // gold events
	Got     int // extracted events
	Matched int // pairs matched
}

// Precision is Matched/Got, 0 when nothing was extracted.
func (c Counts) Precision() float64 { return ratio(c.Matched, c.Got) }

// Recall is Matched/Gold, 0 when the gold is empty.
func (c Counts) Recall() float64 { return ratio(c.Matched, c.Gold) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Got += o.Got
	c.Matched += o.Matched
}

// Found is an extracted event with where it was found and the names of its
// actors, for reports.
type Found struct {
	Corpus   string
	Source   string // File.Key
	DocIndex int    // Document.Index
	DocTitle string
	Event    extract.Event
	Agents   []string // labels of Event.Agents
	Targets  []string // labels of Event.Targets
	Themes   []string // labels or texts of Event.Themes
}

// Match pairs a gold event with the extracted event that matched it.
type Match struct {
	Gold         GoldEvent
	Got          Found
	StanceOK     bool // the extracted stance equals the gold stance
	AssertedByOK bool // the extracted assertedBy is the gold assertedBy
	DateOK       bool // the gold states a date and the extracted date equals it
}

// Miss is a gold event no extracted event matched, with the likeliest
// reason, to guide whoever improves the extractor.
type Miss struct {
	Gold   GoldEvent
	Reason string
}

// Report is the outcome of Score.
type Report struct {
	Overall  Counts
	ByType   map[string]Counts
	ByCorpus map[string]Counts
	Matches  []Match
	Misses   []Miss
	Spurious []Found
	// Unscored lists the sources of gold events whose file was not among
	// the extracted files; those gold events are left out of every count.
	Unscored []string
	// Unannotated lists the extracted documents of scored files that hold
	// no gold event (a publisher's introduction, an editor's footnote
	// page): their events are left out of every count.
	Unannotated []string
}

// StanceAgreement counts the matched pairs whose stance agrees.
func (r Report) StanceAgreement() int {
	n := 0
	for _, m := range r.Matches {
		if m.StanceOK {
			n++
		}
	}
	return n
}

// AssertedByAgreement counts the matched pairs whose assertedBy agrees.
func (r Report) AssertedByAgreement() int {
	n := 0
	for _, m := range r.Matches {
		if m.AssertedByOK {
			n++
		}
	}
	return n
}

// DateAgreement counts the matched pairs whose gold states a date, and
// among them those whose extracted date equals it.
func (r Report) DateAgreement() (agree, dated int) {
	for _, m := range r.Matches {
		if m.Gold.Date != "" {
			dated++
			if m.DateOK {
				agree++
			}
		}
	}
	return agree, dated
}

// docState is what scoring needs of one extracted document.
type docState struct {
	file, doc int
	norm      normText
	runes     []rune
	spans     [][2]int // per event: its evidence span, or {-1,-1}
}

// Score matches extracted events against gold events and counts.
//
// A gold event is placed in the extracted document whose text contains its
// quote (white space collapsed, curly quotes straightened), among the files
// whose Key is its source (all files when it names none); docId, docDate and
// docKind break ties, and locate the document when no text contains the
// quote. An extracted event matches a gold event of the same document when
// the event type is equal, the agents are the same set of actors, the
// targets are the same set (any targets when the gold names none), every
// gold theme is among the extracted themes (any themes when the gold names
// none), and the two quotes overlap or lie in the same sentence. Actors
// compare by label, alternative labels and ID, case- and
// accent-insensitively. Each extracted event matches at most one gold event:
// pairs are taken greedily, largest quote overlap first.
//
// Only documents that some gold event belongs to are scored, so that a
// corpus, or a part of a file, without annotations does not count as
// spurious; Report.Unannotated names the documents left out.
func Score(gold []GoldEvent, got []extract.File) Report {
	rep := Report{ByType: map[string]Counts{}, ByCorpus: map[string]Counts{}}

	keys := map[string]bool{}
	for i := range got {
		keys[fileKey(got[i])] = true
	}
	indexes := make([]actorIndex, len(got))
	for i := range got {
		indexes[i] = newActorIndex(got[i])
	}
	var docs []*docState
	docOf := map[[2]int]*docState{}
	for fi := range got {
		for di := range got[fi].Documents {
			d := &got[fi].Documents[di]
			st := &docState{file: fi, doc: di, norm: normalize(d.Text), runes: []rune(d.Text)}
			for _, e := range d.Events {
				st.spans = append(st.spans, eventSpan(st, e))
			}
			docs = append(docs, st)
			docOf[[2]int{fi, di}] = st
		}
	}

	// Place each gold event in a document.
	type placed struct {
		g          GoldEvent
		doc        *docState // nil when not found
		start, end int       // span of the quote, -1 when unknown
	}
	var gs []placed
	unscored := map[string]bool{}
	fileCorpus := map[int]map[string]int{}
	for _, g := range gold {
		if g.Source != "" && !keys[g.Source] {
			unscored[g.Source] = true
			continue
		}
		p := placed{g: g, start: -1, end: -1}
		p.doc, p.start, p.end = locate(g, got, docs)
		gs = append(gs, p)
		for fi := range got {
			if (g.Source != "" && fileKey(got[fi]) == g.Source) || (p.doc != nil && p.doc.file == fi) {
				if fileCorpus[fi] == nil {
					fileCorpus[fi] = map[string]int{}
				}
				fileCorpus[fi][g.Corpus]++
			}
		}
	}
	for s := range unscored {
		rep.Unscored = append(rep.Unscored, s)
	}
	sort.Strings(rep.Unscored)

	corpusOf := func(fi int) (string, bool) {
		m := fileCorpus[fi]
		best, n := "", 0
		for c, k := range m {
			if k > n || (k == n && c < best) {
				best, n = c, k
			}
		}
		return best, n > 0
	}

	// Candidate pairs.
	type pair struct {
		g, d, e  int // gold index, doc index in docs, event index
		overlap  int
		distance int
	}
	docPos := map[*docState]int{}
	for i, d := range docs {
		docPos[d] = i
	}
	var pairs []pair
	for gi, p := range gs {
		if p.doc == nil {
			continue
		}
		d := &got[p.doc.file].Documents[p.doc.doc]
		idx := indexes[p.doc.file]
		for ei, e := range d.Events {
			if !eventFits(p.g, e, idx) {
				continue
			}
			ov, dist, near := proximity(p.doc, p.start, p.end, p.doc.spans[ei])
			if !near {
				continue
			}
			pairs = append(pairs, pair{gi, docPos[p.doc], ei, ov, dist})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.overlap != b.overlap {
			return a.overlap > b.overlap
		}
		if a.distance != b.distance {
			return a.distance < b.distance
		}
		if a.g != b.g {
			return a.g < b.g
		}
		if a.d != b.d {
			return a.d < b.d
		}
		return a.e < b.e
	})
	goldUsed := make([]bool, len(gs))
	eventUsed := map[[2]int]bool{}
	matchOf := make([]*pair, len(gs))
	for i := range pairs {
		p := &pairs[i]
		if goldUsed[p.g] || eventUsed[[2]int{p.d, p.e}] {
			continue
		}
		goldUsed[p.g] = true
		eventUsed[[2]int{p.d, p.e}] = true
		matchOf[p.g] = p
	}

	add := func(corpus, typ string, c Counts) {
		rep.Overall.add(c)
		t := rep.ByType[typ]
		t.add(c)
		rep.ByType[typ] = t
		k := rep.ByCorpus[corpus]
		k.add(c)
		rep.ByCorpus[corpus] = k
	}

	for gi, p := range gs {
		add(p.g.Corpus, p.g.Type, Counts{Gold: 1})
		m := matchOf[gi]
		if m == nil {
			rep.Misses = append(rep.Misses, Miss{Gold: p.g, Reason: missReason(p.g, p.doc, p.start, p.end, got, indexes)})
			continue
		}
		d := docs[m.d]
		e := got[d.file].Documents[d.doc].Events[m.e]
		idx := indexes[d.file]
		rep.Matches = append(rep.Matches, Match{
			Gold:         p.g,
			Got:          found(got, d, m.e, idx, p.g.Corpus),
			StanceOK:     string(e.Stance) == p.g.Stance,
			AssertedByOK: idx.nameMatches(p.g.AssertedBy, e.AssertedBy),
			DateOK:       p.g.Date != "" && e.Date == p.g.Date,
		})
		// The match is counted with the gold event's corpus and type, which
		// are the extracted event's too (types are equal by construction).
		add(p.g.Corpus, p.g.Type, Counts{Matched: 1})
	}

	annotated := map[*docState]bool{}
	for _, p := range gs {
		if p.doc != nil {
			annotated[p.doc] = true
		}
	}
	for _, d := range docs {
		corpus, scored := corpusOf(d.file)
		if !scored {
			continue
		}
		if !annotated[d] {
			doc := got[d.file].Documents[d.doc]
			if len(doc.Events) > 0 {
				rep.Unannotated = append(rep.Unannotated, fmt.Sprintf("%s#%d %q (%d events)", fileKey(got[d.file]), doc.Index, doc.Title, len(doc.Events)))
			}
			continue
		}
		for ei, e := range got[d.file].Documents[d.doc].Events {
			add(corpus, e.Type, Counts{Got: 1})
			if !eventUsed[[2]int{docPos[d], ei}] {
				rep.Spurious = append(rep.Spurious, found(got, d, ei, indexes[d.file], corpus))
			}
		}
	}
	return rep
}

func fileKey(f extract.File) string {
	if f.Key != "" {
		return f.Key
	}
	return filepath.Base(f.Path)
}

// eventSpan is the code point span of an extracted event's evidence: its
// Evidence when it lies in the text, else where its Quote occurs.
func eventSpan(d *docState, e extract.Event) [2]int {
	ev := e.Evidence
	if ev.Start >= 0 && ev.End > ev.Start && ev.End <= len(d.runes) {
		return [2]int{ev.Start, ev.End}
	}
	if s, t, ok := d.norm.find(normQuote(e.Quote)); ok {
		return [2]int{s, t}
	}
	return [2]int{-1, -1}
}

// locate finds the document of a gold event and the span of its quote.
func locate(g GoldEvent, got []extract.File, docs []*docState) (*docState, int, int) {
	q := normQuote(g.Quote)
	var cands, fallback []*docState
	for _, d := range docs {
		f := got[d.file]
		if g.Source != "" && fileKey(f) != g.Source {
			continue
		}
		if d.norm.contains(q) {
			cands = append(cands, d)
		} else if docFits(g, f.Documents[d.doc]) == 3 {
			fallback = append(fallback, d)
		}
	}
	best, bestScore := (*docState)(nil), -1
	for _, d := range cands {
		if s := docFits(g, got[d.file].Documents[d.doc]); s > bestScore {
			best, bestScore = d, s
		}
	}
	if best != nil {
		s, e, _ := best.norm.find(q)
		return best, s, e
	}
	if len(fallback) == 1 {
		return fallback[0], -1, -1
	}
	return nil, -1, -1
}

// docFits scores how well an extracted document fits the gold locator:
// one point each for date, kind and TEI id (found in the title) that agree
// or that the gold leaves open; 3 is a full fit.
func docFits(g GoldEvent, d extract.Document) int {
	s := 0
	if g.DocDate == "" || g.DocDate == d.Date {
		s++
	}
	if g.DocKind == "" || strings.EqualFold(g.DocKind, string(d.Kind)) {
		s++
	}
	if g.DocID == "" || strings.Contains(d.Title, g.DocID) {
		s++
	}
	return s
}

// eventFits checks everything but the position.
func eventFits(g GoldEvent, e extract.Event, idx actorIndex) bool {
	if e.Type != g.Type {
		return false
	}
	if !idx.setMatches(g.Agent, e.Agents) {
		return false
	}
	if len(g.Target) > 0 && !idx.setMatches(g.Target, e.Targets) {
		return false
	}
	return idx.themesMatch(g.Theme, e.Themes)
}

// proximity says whether an extracted span is near enough the gold quote to
// tell the same passage: overlapping, or in the same sentence. An unknown
// gold span (document found by its locator only) accepts any position.
func proximity(d *docState, gs, ge int, sp [2]int) (overlap, distance int, near bool) {
	if gs < 0 {
		return 0, len(d.runes), true
	}
	if sp[0] < 0 {
		return 0, 0, false
	}
	lo, hi := max(gs, sp[0]), min(ge, sp[1])
	if hi > lo {
		return hi - lo, 0, true
	}
	from, to := min(ge, sp[1]), max(gs, sp[0])
	if sentenceBreakBetween(d.runes, from, to) {
		return 0, 0, false
	}
	return 0, to - from, true
}

func found(got []extract.File, d *docState, ei int, idx actorIndex, corpus string) Found {
	f := got[d.file]
	doc := f.Documents[d.doc]
	e := doc.Events[ei]
	labels := actorLabels(f)
	fd := Found{
		Corpus:   corpus,
		Source:   fileKey(f),
		DocIndex: doc.Index,
		DocTitle: doc.Title,
		Event:    e,
	}
	for _, a := range e.Agents {
		fd.Agents = append(fd.Agents, labelOf(labels, a))
	}
	for _, a := range e.Targets {
		fd.Targets = append(fd.Targets, labelOf(labels, a))
	}
	for _, t := range e.Themes {
		if t.Actor != "" {
			fd.Themes = append(fd.Themes, labelOf(labels, t.Actor))
		} else {
			fd.Themes = append(fd.Themes, t.Text)
		}
	}
	return fd
}

func actorLabels(f extract.File) map[string]string {
	m := map[string]string{}
	for _, d := range f.Documents {
		for _, a := range d.Actors {
			if a.Label != "" {
				m[a.ID] = a.Label
			}
		}
	}
	return m
}

func labelOf(labels map[string]string, id string) string {
	if l, ok := labels[id]; ok {
		return l
	}
	return id
}

// missReason explains a miss by the nearest extracted event of the gold
// type, or by the absence of any.
func missReason(g GoldEvent, d *docState, gs, ge int, got []extract.File, indexes []actorIndex) string {
	if d == nil {
		if g.Source != "" {
			return fmt.Sprintf("no extracted document of %s contains the quote", g.Source)
		}
		return "no extracted document contains the quote"
	}
	doc := got[d.file].Documents[d.doc]
	idx := indexes[d.file]
	labels := actorLabels(got[d.file])
	var nearTypes []string
	for ei, e := range doc.Events {
		_, _, near := proximity(d, gs, ge, d.spans[ei])
		if !near {
			continue
		}
		if e.Type != g.Type {
			nearTypes = append(nearTypes, e.Type)
			continue
		}
		var why []string
		if !idx.setMatches(g.Agent, e.Agents) {
			why = append(why, "agent "+names(labels, e.Agents))
		}
		if len(g.Target) > 0 && !idx.setMatches(g.Target, e.Targets) {
			why = append(why, "target "+names(labels, e.Targets))
		}
		if !idx.themesMatch(g.Theme, e.Themes) {
			var th []string
			for _, t := range e.Themes {
				if t.Actor != "" {
					th = append(th, labelOf(labels, t.Actor))
				} else {
					th = append(th, t.Text)
				}
			}
			why = append(why, fmt.Sprintf("theme %q", th))
		}
		if len(why) == 0 {
			return "a fitting " + e.Type + " event near the quote was matched to another gold event"
		}
		return "nearest " + e.Type + " event differs: " + strings.Join(why, "; ")
	}
	if len(nearTypes) > 0 {
		return "no " + g.Type + " event near the quote; found " + strings.Join(uniqueStrings(nearTypes), ", ")
	}
	return "no event near the quote"
}

func names(labels map[string]string, ids []string) string {
	var l []string
	for _, id := range ids {
		l = append(l, labelOf(labels, id))
	}
	return fmt.Sprintf("%q", l)
}
