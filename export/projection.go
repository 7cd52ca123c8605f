package export

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"notegraph/ontology"
	"notegraph/rdf"
)

// Gephi cannot read RDF event reports: it wants nodes and edges with
// attributes. A Projection is that view of the graph, built once from the
// quads and then handed to the serialisers (GEXF, GraphML, CSV, DOT), which
// only change its syntax. Building it first keeps the four formats in
// agreement: the same nodes, edges, attributes, dates and colours.

// Projection names accepted by GephiOptions.Projection.
const (
	ProjectionActors    = "actors"    // actors are nodes, each event report one edge agent→target
	ProjectionBipartite = "bipartite" // actors and event reports are nodes, roles are edges
	ProjectionRDF       = "rdf"       // every resource a node, every triple between resources an edge
)

// GEXF versions accepted by GephiOptions.GEXFVersion.
const (
	GEXF13      = "1.3"
	GEXF12Draft = "1.2draft"
)

// GephiOptions selects the projection and filters its event reports. The
// filters combine: a report is kept when it passes all of them.
type GephiOptions struct {
	Projection  string   // actors (default), bipartite or rdf
	Types       []string // event-type notations (EXPEL) or concept IRIs; empty keeps every type
	From, To    string   // inclusive bounds, YYYY, YYYY-MM or YYYY-MM-DD; empty is open
	AssertedBy  string   // whose account: actor label, alternative label, IRI or Wikidata IRI
	GEXFVersion string   // "1.3" (default) or "1.2draft"
}

// RGB is a colour; Gephi reads colours as r/g/b, not hex.
type RGB struct{ R, G, B uint8 }

// Hex renders the colour as #rrggbb, for Graphviz.
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// ProjectionNode is one node: its id is the resource's IRI (blank nodes
// are written _:label), so that every format names it the same way.
type ProjectionNode struct {
	ID, Label string
	Start     string // xsd:date from which the node exists; empty: always
	Color     RGB
	Attrs     map[string]string // title → value; absent titles have no value
}

// ProjectionEdge is one directed edge.
type ProjectionEdge struct {
	ID, Source, Target string
	Label, Kind        string
	Start              string // xsd:date of the event; empty when undated
	Color              RGB
	Attrs              map[string]string
}

// LegendEntry explains one colour.
type LegendEntry struct {
	Key, Label string
	Color      RGB
}

// Projection is the graph as Gephi sees it. Nodes are sorted by ID, edges
// by start date (undated last) and then ID, so output is deterministic.
type Projection struct {
	Kind                 string   // actors, bipartite or rdf
	NodeAttrs, EdgeAttrs []string // attribute titles, in column order
	Nodes                []ProjectionNode
	Edges                []ProjectionEdge
	NodeLegend           []LegendEntry // node colours (by kind)
	EdgeLegend           []LegendEntry // edge colours (by event type or role)
}

// Attribute titles. They double as GEXF attribute ids and GraphML keys, so
// they avoid spaces and the names readers reserve (id, label, weight, start).
const (
	projAttrKind       = "kind"
	projAttrIRI        = "iri"
	projAttrWikidata   = "wikidata"
	projAttrAltLabels  = "alt_labels"
	projAttrEventType  = "event_type"
	projAttrEventLabel = "event_label"
	projAttrCAMEO      = "cameo_code"
	projAttrDate       = "date"
	projAttrAssertedBy = "asserted_by"
	projAttrStance     = "stance"
	projAttrTheme      = "theme"
	projAttrCharge     = "charge"
	projAttrDocTitle   = "document_title"
	projAttrDocDate    = "document_date"
	projAttrDocument   = "document"
	projAttrQuote      = "quote"
	projAttrReport     = "report"
	projAttrRole       = "role"
	projAttrPredicate  = "predicate"
	projAttrType       = "type"
)

// ErrGephiOption is wrapped by every error about GephiOptions (an unknown
// projection, event type, actor or version, a malformed date), so that the
// command line can tell a user's mistake from a failing store.
var ErrGephiOption = errors.New("invalid Gephi export option")

// Project reads src once and builds the projection opts asks for.
func Project(src QuadSource, opts GephiOptions) (*Projection, error) {
	kind := opts.Projection
	if kind == "" {
		kind = ProjectionActors
	}
	switch kind {
	case ProjectionActors, ProjectionBipartite, ProjectionRDF:
	default:
		return nil, fmt.Errorf("%w: unknown projection %q (want actors, bipartite or rdf)", ErrGephiOption, opts.Projection)
	}
	st, err := projCollect(src, kind == ProjectionRDF)
	if err != nil {
		return nil, err
	}
	flt, err := st.filter(opts)
	if err != nil {
		return nil, err
	}
	var p *Projection
	switch kind {
	case ProjectionActors:
		p = st.actorsProjection(flt)
	case ProjectionBipartite:
		p = st.bipartiteProjection(flt)
	default:
		p = st.rdfProjection(flt)
	}
	p.sort()
	return p, nil
}

// projNeeded lists the predicates the actors and bipartite projections
// read; everything else (the documents' full text above all) is skipped
// while streaming, so that memory stays proportional to actors and reports.
var projNeeded = map[string]bool{
	rdf.RDFType: true, ontology.Label: true, ontology.AltLabel: true, ontology.PrefLabel: true,
	ontology.ExactMatch: true, ontology.Notation: true, ontology.CAMEO: true,
	ontology.EventType: true, ontology.Agent: true, ontology.Target: true, ontology.Theme: true,
	ontology.ThemeText: true, ontology.ChargeText: true, ontology.EventDate: true,
	ontology.AssertedBy: true, ontology.Stance: true, ontology.HadPrimarySource: true,
	ontology.Evidence: true, ontology.HasSelector: true, ontology.Exact: true,
	ontology.Title: true, ontology.Date: true,
}

// projStore holds the triples of the union graph, by subject and predicate,
// without duplicates (the same triple may sit in several named graphs).
type projStore struct {
	props   map[rdf.Term]map[string][]rdf.Term
	reports []rdf.Term // subjects typed ng:EventReport, sorted
	cache   map[rdf.Term]*projReport
}

func projCollect(src QuadSource, all bool) (*projStore, error) {
	st := &projStore{props: map[rdf.Term]map[string][]rdf.Term{}}
	err := src.Each(func(q rdf.Quad) error {
		if q.P.Kind != rdf.IRI || (q.S.Kind != rdf.IRI && q.S.Kind != rdf.Blank) {
			return nil
		}
		if !all && !projNeeded[q.P.Value] {
			return nil
		}
		m := st.props[q.S]
		if m == nil {
			m = map[string][]rdf.Term{}
			st.props[q.S] = m
		}
		m[q.P.Value] = append(m[q.P.Value], q.O)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the graph: %w", err)
	}
	for s, m := range st.props {
		for p, vs := range m {
			// sorted, and without the duplicates of triples that sit in several graphs
			sort.Slice(vs, func(i, j int) bool { return rdf.Compare(vs[i], vs[j]) < 0 })
			out := vs[:0]
			for i, v := range vs {
				if i == 0 || v != vs[i-1] {
					out = append(out, v)
				}
			}
			m[p] = out
		}
		if st.has(s, rdf.RDFType, rdf.NewIRI(ontology.EventReport)) {
			st.reports = append(st.reports, s)
		}
	}
	sort.Slice(st.reports, func(i, j int) bool { return rdf.Compare(st.reports[i], st.reports[j]) < 0 })
	return st, nil
}

func (st *projStore) all(s rdf.Term, p string) []rdf.Term { return st.props[s][p] }

func (st *projStore) first(s rdf.Term, p string) rdf.Term {
	if vs := st.props[s][p]; len(vs) > 0 {
		return vs[0]
	}
	return rdf.Term{}
}

func (st *projStore) has(s rdf.Term, p string, o rdf.Term) bool {
	for _, v := range st.props[s][p] {
		if v == o {
			return true
		}
	}
	return false
}

// literal picks one literal among the values of p: untagged first, then
// English, then any other language, so that labels are stable.
func (st *projStore) literal(s rdf.Term, p string) string {
	best, rank := "", 4
	for _, v := range st.props[s][p] {
		if v.Kind != rdf.Literal {
			continue
		}
		r := 2
		switch strings.ToLower(v.Lang) {
		case "":
			r = 0
		case "en":
			r = 1
		}
		if r < rank {
			best, rank = v.Value, r
		}
	}
	return best
}

// literals returns every literal value of p, sorted and distinct.
func (st *projStore) literals(s rdf.Term, p string) []string {
	var out []string
	for _, v := range st.props[s][p] {
		if v.Kind == rdf.Literal {
			out = append(out, v.Value)
		}
	}
	return projUnique(out)
}

func projUnique(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// label is what a person reads for a resource: its rdfs:label, else its
// skos:prefLabel or title, else its IRI in prefixed form.
func (st *projStore) label(s rdf.Term) string {
	for _, p := range []string{ontology.Label, ontology.PrefLabel, ontology.Title, ontology.Notation} {
		if l := projToken(st.literal(s, p)); l != "" {
			return l
		}
	}
	return projCompact(s)
}

// projToken collapses white space: GEXF labels are xsd:token, and a label
// that spans lines helps nobody in a graph drawing.
func projToken(s string) string { return strings.Join(strings.Fields(s), " ") }

// projCompact shortens an IRI with the prefixes every export declares.
func projCompact(t rdf.Term) string {
	switch t.Kind {
	case rdf.Blank:
		return "_:" + t.Value
	case rdf.IRI:
		best := ""
		for _, p := range ontology.Prefixes {
			if strings.HasPrefix(t.Value, p.IRI) && len(p.IRI) > len(best) {
				best = p.IRI
			}
		}
		if best != "" {
			for _, p := range ontology.Prefixes {
				if p.IRI == best {
					return p.Prefix + ":" + t.Value[len(best):]
				}
			}
		}
	}
	return t.Value
}

// projNodeID names a resource as a node: its IRI, or _:label for a blank node.
func projNodeID(t rdf.Term) string {
	if t.Kind == rdf.Blank {
		return "_:" + t.Value
	}
	return t.Value
}

// Actor kinds, from the schema.org class; the most specific class wins when
// an actor has several.
var projActorKinds = []struct {
	class, kind string
	color       RGB
}{
	{ontology.Country, "country", RGB{31, 119, 180}},
	{ontology.GovernmentOrganization, "government", RGB{44, 160, 44}},
	{ontology.Person, "person", RGB{214, 39, 40}},
	{ontology.Organization, "organization", RGB{255, 127, 14}},
}

var (
	projColorReport   = RGB{127, 127, 127}
	projColorDocument = RGB{148, 103, 189}
	projColorConcept  = RGB{140, 86, 75}
	projColorOther    = RGB{199, 199, 199}
	projColorUntyped  = RGB{188, 189, 34}
)

// actorKind returns the actor's kind, or "" when s has none of the actor classes.
func (st *projStore) actorKind(s rdf.Term) (string, RGB) {
	for _, k := range projActorKinds {
		if st.has(s, rdf.RDFType, rdf.NewIRI(k.class)) {
			return k.kind, k.color
		}
	}
	return "", projColorUntyped
}

// projPalette colours event types in the order of the ontology's scheme
// (DESIGN.md), chosen by family so that the picture reads at a glance:
// words of conflict warm (accuse … demand), cooperation green (propose,
// appeal, support), sanctions blue and purple (recall … blockade), coercion
// dark (restrict … execute). A type keeps its colour whatever the corpus
// and the filters.
var projPalette = []RGB{
	{214, 39, 40}, {255, 127, 14}, {255, 152, 150}, {140, 86, 75}, {188, 189, 34}, {196, 156, 0},
	{44, 160, 44}, {23, 190, 207}, {0, 109, 44},
	{31, 119, 180}, {148, 103, 189}, {57, 59, 121}, {107, 174, 214}, {123, 65, 115}, {206, 109, 189},
	{99, 99, 99}, {150, 150, 150}, {132, 60, 57}, {0, 0, 0}, {165, 15, 21},
}

// projReport is one event report, read from the store.
type projReport struct {
	iri                 rdf.Term
	notation, typeLabel string
	cameo               []string
	agents, targets     []rdf.Term
	themes              []rdf.Term
	themeText, charge   []string
	date, start         string // date as written, and its first day
	assertedBy          []rdf.Term
	assertedByLabels    []string
	stance              string
	doc                 rdf.Term
	docTitle, docDate   string
	quotes              []string
}

// report reads an event report once; filters, colours and projections all ask.
func (st *projStore) report(s rdf.Term) *projReport {
	if r, ok := st.cache[s]; ok {
		return r
	}
	if st.cache == nil {
		st.cache = map[rdf.Term]*projReport{}
	}
	r := &projReport{iri: s}
	st.cache[s] = r
	if t := st.first(s, ontology.EventType); !t.IsZero() {
		r.notation = st.literal(t, ontology.Notation)
		if r.notation == "" {
			r.notation = strings.TrimPrefix(t.Value, ontology.Scheme)
		}
		r.typeLabel = st.literal(t, ontology.PrefLabel)
		r.cameo = st.literals(t, ontology.CAMEO)
	}
	r.agents = projResources(st.all(s, ontology.Agent))
	r.targets = projResources(st.all(s, ontology.Target))
	r.themes = projResources(st.all(s, ontology.Theme))
	r.themeText = st.literals(s, ontology.ThemeText)
	r.charge = st.literals(s, ontology.ChargeText)
	if d := st.first(s, ontology.EventDate); d.Kind == rdf.Literal {
		if lo, _, ok := projDateRange(d.Value); ok {
			r.date, r.start = d.Value, lo
		}
	}
	r.assertedBy = projResources(st.all(s, ontology.AssertedBy))
	for _, a := range r.assertedBy {
		r.assertedByLabels = append(r.assertedByLabels, st.label(a))
	}
	if t := st.first(s, ontology.Stance); t.Kind == rdf.IRI {
		r.stance = strings.TrimPrefix(t.Value, ontology.NG)
	}
	if d := st.first(s, ontology.HadPrimarySource); !d.IsZero() {
		r.doc = d
		r.docTitle = projToken(st.literal(d, ontology.Title))
		r.docDate = st.literal(d, ontology.Date)
	}
	for _, ev := range st.all(s, ontology.Evidence) {
		for _, sel := range st.all(ev, ontology.HasSelector) {
			r.quotes = append(r.quotes, st.literals(sel, ontology.Exact)...)
		}
	}
	r.quotes = projUnique(r.quotes)
	return r
}

func projResources(ts []rdf.Term) []rdf.Term {
	var out []rdf.Term
	for _, t := range ts {
		if t.Kind == rdf.IRI || t.Kind == rdf.Blank {
			out = append(out, t)
		}
	}
	return out
}

// attrs are the event report's attributes, shared by the actors projection
// (on edges) and the bipartite projection (on report nodes).
func (r *projReport) attrs(st *projStore) map[string]string {
	a := map[string]string{
		projAttrEventType:  r.notation,
		projAttrEventLabel: r.typeLabel,
		projAttrCAMEO:      strings.Join(r.cameo, ", "),
		projAttrDate:       r.date,
		projAttrAssertedBy: strings.Join(r.assertedByLabels, "; "),
		projAttrStance:     r.stance,
		projAttrCharge:     strings.Join(r.charge, "; "),
		projAttrDocTitle:   r.docTitle,
		projAttrDocDate:    r.docDate,
		projAttrQuote:      strings.Join(r.quotes, " … "),
		projAttrReport:     projNodeID(r.iri),
	}
	if !r.doc.IsZero() {
		a[projAttrDocument] = projNodeID(r.doc)
	}
	var themes []string
	for _, t := range r.themes {
		themes = append(themes, st.label(t))
	}
	a[projAttrTheme] = strings.Join(append(themes, r.themeText...), "; ")
	return a
}

var projReportAttrs = []string{
	projAttrEventType, projAttrEventLabel, projAttrCAMEO, projAttrDate, projAttrAssertedBy,
	projAttrStance, projAttrTheme, projAttrCharge, projAttrDocTitle, projAttrDocDate,
	projAttrDocument, projAttrQuote, projAttrReport,
}

var projActorAttrs = []string{projAttrKind, projAttrWikidata, projAttrIRI, projAttrAltLabels}

// actorNode describes an actor as a node.
func (st *projStore) actorNode(a rdf.Term) ProjectionNode {
	kind, color := st.actorKind(a)
	attrs := map[string]string{projAttrKind: kind, projAttrIRI: projNodeID(a)}
	for _, m := range st.all(a, ontology.ExactMatch) {
		if m.Kind == rdf.IRI && strings.HasPrefix(m.Value, ontology.WD) {
			attrs[projAttrWikidata] = m.Value
			break
		}
	}
	attrs[projAttrAltLabels] = strings.Join(st.literals(a, ontology.AltLabel), "; ")
	return ProjectionNode{ID: projNodeID(a), Label: st.label(a), Color: color, Attrs: attrs}
}

// projFilter keeps the event reports that opts selects.
type projFilter struct {
	types    map[string]bool // upper-case notations and concept IRIs
	from, to string          // xsd:date bounds, inclusive; empty: open
	asserted map[rdf.Term]bool
	active   bool
}

func (st *projStore) filter(opts GephiOptions) (*projFilter, error) {
	f := &projFilter{}
	if len(opts.Types) > 0 {
		known := map[string]bool{}
		for s := range st.props {
			if n := st.literal(s, ontology.Notation); n != "" {
				known[strings.ToUpper(n)] = true
			}
		}
		for _, r := range st.reports {
			known[strings.ToUpper(st.report(r).notation)] = true
		}
		f.types = map[string]bool{}
		for _, list := range opts.Types {
			// --type EXPEL,RECALL_AMBASSADOR arrives as one string
			for _, t := range strings.Split(list, ",") {
				t = strings.TrimPrefix(strings.TrimSpace(t), ontology.Scheme)
				if t == "" {
					continue
				}
				if !known[strings.ToUpper(t)] {
					var names []string
					for n := range known {
						names = append(names, n)
					}
					return nil, fmt.Errorf("%w: unknown event type %q (known: %s)", ErrGephiOption, t, strings.Join(projUnique(names), ", "))
				}
				f.types[strings.ToUpper(t)] = true
			}
		}
		if len(f.types) == 0 {
			f.types = nil
		}
	}
	if opts.From != "" {
		lo, _, ok := projDateRange(opts.From)
		if !ok {
			return nil, fmt.Errorf("%w: from: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", ErrGephiOption, opts.From)
		}
		f.from = lo
	}
	if opts.To != "" {
		_, hi, ok := projDateRange(opts.To)
		if !ok {
			return nil, fmt.Errorf("%w: to: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", ErrGephiOption, opts.To)
		}
		f.to = hi
	}
	if f.from != "" && f.to != "" && f.from > f.to {
		return nil, fmt.Errorf("%w: from %s is after to %s", ErrGephiOption, opts.From, opts.To)
	}
	if a := strings.TrimSpace(opts.AssertedBy); a != "" {
		f.asserted = map[rdf.Term]bool{}
		for s := range st.props {
			if st.matchesActor(s, a) {
				f.asserted[s] = true
			}
		}
		if len(f.asserted) == 0 {
			return nil, fmt.Errorf("%w: asserted-by: no actor is named or identified by %q", ErrGephiOption, a)
		}
	}
	f.active = f.types != nil || f.from != "" || f.to != "" || f.asserted != nil
	return f, nil
}

// matchesActor tells whether name designates actor s: its IRI, its
// Wikidata IRI or Q-number (Q222, wd:Q222), or one of its labels (case and
// spacing ignored).
func (st *projStore) matchesActor(s rdf.Term, name string) bool {
	if kind, _ := st.actorKind(s); kind == "" {
		return false
	}
	if s.Value == name {
		return true
	}
	wd := name
	if q := strings.TrimPrefix(name, "wd:"); len(q) > 1 && q[0] == 'Q' && projDigits(q[1:]) {
		wd = ontology.WD + q
	}
	for _, m := range st.all(s, ontology.ExactMatch) {
		if m.Value == name || m.Value == wd {
			return true
		}
	}
	want := strings.ToLower(projToken(name))
	for _, p := range []string{ontology.Label, ontology.AltLabel} {
		for _, l := range st.literals(s, p) {
			if strings.ToLower(projToken(l)) == want {
				return true
			}
		}
	}
	return false
}

func (f *projFilter) keep(r *projReport) bool {
	if f.types != nil && !f.types[strings.ToUpper(r.notation)] {
		return false
	}
	if f.from != "" || f.to != "" {
		// An event is placed on the timeline at its first possible day; the
		// date filter uses the same day, so the filter and the timeline agree.
		if r.start == "" || (f.from != "" && r.start < f.from) || (f.to != "" && r.start > f.to) {
			return false
		}
	}
	if f.asserted != nil {
		ok := false
		for _, a := range r.assertedBy {
			ok = ok || f.asserted[a]
		}
		if !ok {
			return false
		}
	}
	return true
}

// eventColors maps every notation to its colour: the scheme's types by
// their place in the scheme, any other notation the store uses after them.
func (st *projStore) eventColors() map[string]RGB {
	m := map[string]RGB{}
	n := 0
	for _, t := range ontology.EventTypes() {
		m[t.Notation] = projPalette[n%len(projPalette)]
		n++
	}
	var extra []string
	for _, r := range st.reports {
		if nt := st.report(r).notation; nt != "" {
			if _, ok := m[nt]; !ok {
				extra = append(extra, nt)
			}
		}
	}
	for _, nt := range projUnique(extra) {
		m[nt] = projPalette[n%len(projPalette)]
		n++
	}
	return m
}

// actorsProjection: actors are nodes, each kept event report one edge from
// each agent to each target. Reports without an agent or a target have no
// edge. Only actors that take part in an edge are nodes.
func (st *projStore) actorsProjection(f *projFilter) *Projection {
	p := &Projection{Kind: ProjectionActors, NodeAttrs: projActorAttrs, EdgeAttrs: projReportAttrs}
	colors := st.eventColors()
	nodes := map[rdf.Term]bool{}
	usedTypes := map[string]string{}
	for _, s := range st.reports {
		r := st.report(s)
		if !f.keep(r) || len(r.agents) == 0 || len(r.targets) == 0 {
			continue
		}
		attrs := r.attrs(st)
		label := r.typeLabel
		if label == "" {
			label = r.notation
		}
		usedTypes[r.notation] = label
		n := 0
		for _, a := range r.agents {
			for _, t := range r.targets {
				n++
				id := projNodeID(s)
				if len(r.agents)*len(r.targets) > 1 {
					id = fmt.Sprintf("%s#%d", id, n)
				}
				p.Edges = append(p.Edges, ProjectionEdge{
					ID: id, Source: projNodeID(a), Target: projNodeID(t),
					Label: projToken(label), Kind: r.notation, Start: r.start,
					Color: colors[r.notation], Attrs: attrs,
				})
				nodes[a], nodes[t] = true, true
			}
		}
	}
	for a := range nodes {
		p.Nodes = append(p.Nodes, st.actorNode(a))
	}
	p.setNodeStarts()
	p.NodeLegend = p.kindLegend()
	for n, l := range usedTypes {
		p.EdgeLegend = append(p.EdgeLegend, LegendEntry{Key: n, Label: l, Color: colors[n]})
	}
	// the legend follows the scheme, so that families of colours sit together
	rank := map[string]int{}
	for i, t := range ontology.EventTypes() {
		rank[t.Notation] = i + 1
	}
	sort.Slice(p.EdgeLegend, func(i, j int) bool {
		a, b := p.EdgeLegend[i].Key, p.EdgeLegend[j].Key
		ra, rb := rank[a], rank[b]
		if ra == 0 {
			ra = len(rank) + 1
		}
		if rb == 0 {
			rb = len(rank) + 1
		}
		if ra != rb {
			return ra < rb
		}
		return a < b
	})
	return p
}

// setNodeStarts lets a node appear on the timeline with its first edge,
// unless one of its edges is undated (then it is there from the beginning,
// or that edge would dangle).
func (p *Projection) setNodeStarts() {
	first := map[string]string{}
	undated := map[string]bool{}
	for _, e := range p.Edges {
		for _, n := range []string{e.Source, e.Target} {
			if e.Start == "" {
				undated[n] = true
			} else if f, ok := first[n]; !ok || e.Start < f {
				first[n] = e.Start
			}
		}
	}
	for i := range p.Nodes {
		n := &p.Nodes[i]
		if n.Start == "" && !undated[n.ID] {
			n.Start = first[n.ID]
		}
	}
}

// kindLegend lists the node kinds present, with their colours.
func (p *Projection) kindLegend() []LegendEntry {
	seen := map[string]RGB{}
	for _, n := range p.Nodes {
		seen[n.Attrs[projAttrKind]] = n.Color
	}
	var out []LegendEntry
	for k, c := range seen {
		label := k
		if label == "" {
			label = "other"
		}
		out = append(out, LegendEntry{Key: k, Label: label, Color: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Roles in the bipartite projection, with the direction of their edges:
// the agent acts on the report, the report acts on target and theme, and
// the asserting actor vouches for the report.
var projRoles = []struct {
	pred, role string
	toReport   bool
	color      RGB
}{
	{ontology.Agent, "agent", true, RGB{214, 39, 40}},
	{ontology.Target, "target", false, RGB{31, 119, 180}},
	{ontology.Theme, "theme", false, RGB{44, 160, 44}},
	{ontology.AssertedBy, "asserted_by", true, RGB{127, 127, 127}},
}

// bipartiteProjection: actors and event reports are nodes; each role an
// actor plays in a report is an edge.
func (st *projStore) bipartiteProjection(f *projFilter) *Projection {
	p := &Projection{
		Kind:      ProjectionBipartite,
		NodeAttrs: append(append([]string{}, projActorAttrs...), projReportAttrs...),
		EdgeAttrs: []string{projAttrRole, projAttrEventType, projAttrDate, projAttrReport},
	}
	actors := map[rdf.Term]bool{}
	used := map[string]bool{}
	for _, s := range st.reports {
		r := st.report(s)
		if !f.keep(r) {
			continue
		}
		attrs := r.attrs(st)
		attrs[projAttrKind] = "event report"
		attrs[projAttrIRI] = projNodeID(s)
		label := r.notation
		if r.date != "" {
			label += " " + r.date
		}
		p.Nodes = append(p.Nodes, ProjectionNode{ID: projNodeID(s), Label: label, Start: r.start, Color: projColorReport, Attrs: attrs})
		for _, role := range projRoles {
			for _, a := range projResources(st.all(s, role.pred)) {
				src, dst := projNodeID(s), projNodeID(a)
				if role.toReport {
					src, dst = dst, src
				}
				p.Edges = append(p.Edges, ProjectionEdge{
					ID: projNodeID(s) + " " + role.role + " " + projNodeID(a), Source: src, Target: dst,
					Label: role.role, Kind: role.role, Start: r.start, Color: role.color,
					Attrs: map[string]string{projAttrRole: role.role, projAttrEventType: r.notation, projAttrDate: r.date, projAttrReport: projNodeID(s)},
				})
				actors[a] = true
				used[role.role] = true
			}
		}
	}
	for a := range actors {
		p.Nodes = append(p.Nodes, st.actorNode(a))
	}
	p.setNodeStarts()
	p.NodeLegend = p.kindLegend()
	for _, role := range projRoles {
		if used[role.role] {
			p.EdgeLegend = append(p.EdgeLegend, LegendEntry{Key: role.role, Label: role.role, Color: role.color})
		}
	}
	return p
}

// rdfProjection: every resource is a node and every triple between two
// resources an edge; literals become node attributes titled by the
// predicate's prefixed name, rdf:type the attribute "type". Filters drop
// the reports they do not keep, with their evidence and its selectors.
func (st *projStore) rdfProjection(f *projFilter) *Projection {
	p := &Projection{Kind: ProjectionRDF, EdgeAttrs: []string{projAttrPredicate}}
	dropped := map[rdf.Term]bool{}
	starts := map[rdf.Term]string{}
	for _, s := range st.reports {
		r := st.report(s)
		starts[s] = r.start
		if f.active && !f.keep(r) {
			dropped[s] = true
			for _, ev := range st.all(s, ontology.Evidence) {
				dropped[ev] = true
				for _, sel := range st.all(ev, ontology.HasSelector) {
					dropped[sel] = true
				}
			}
		}
	}
	subjects := make([]rdf.Term, 0, len(st.props))
	for s := range st.props {
		subjects = append(subjects, s)
	}
	sort.Slice(subjects, func(i, j int) bool { return rdf.Compare(subjects[i], subjects[j]) < 0 })

	nodes := map[rdf.Term]bool{}
	attrTitles := map[string]bool{}
	attrs := map[rdf.Term]map[string][]string{}
	addAttr := func(s rdf.Term, title, v string) {
		if attrs[s] == nil {
			attrs[s] = map[string][]string{}
		}
		attrs[s][title] = append(attrs[s][title], v)
		attrTitles[title] = true
	}
	n := 0
	for _, s := range subjects {
		m := st.props[s]
		preds := make([]string, 0, len(m))
		for pr := range m {
			preds = append(preds, pr)
		}
		sort.Strings(preds)
		for _, pr := range preds {
			for _, o := range m[pr] {
				n++ // edge ids count every resource triple, kept or not, so filters do not renumber them
				isEdge := pr != rdf.RDFType && (o.Kind == rdf.IRI || o.Kind == rdf.Blank)
				if dropped[s] || (isEdge && dropped[o]) {
					continue
				}
				nodes[s] = true
				switch {
				case pr == rdf.RDFType:
					addAttr(s, projAttrType, projCompact(o))
				case o.Kind == rdf.Literal:
					addAttr(s, projCompact(rdf.NewIRI(pr)), o.Value)
				default:
					nodes[o] = true
					start := starts[s]
					if start == "" {
						start = starts[o]
					}
					label := projCompact(rdf.NewIRI(pr))
					p.Edges = append(p.Edges, ProjectionEdge{
						ID: fmt.Sprintf("t%d", n), Source: projNodeID(s), Target: projNodeID(o),
						Label: label, Kind: label, Start: start, Color: projColorOther,
						Attrs: map[string]string{projAttrPredicate: pr},
					})
				}
			}
		}
	}
	kinds := map[string]bool{}
	for s := range nodes {
		node := ProjectionNode{ID: projNodeID(s), Label: st.label(s), Start: starts[s], Attrs: map[string]string{projAttrIRI: projNodeID(s)}}
		for title, vs := range attrs[s] {
			node.Attrs[title] = strings.Join(projUnique(vs), " | ")
		}
		kind, color := st.actorKind(s)
		switch {
		case kind != "":
		case st.has(s, rdf.RDFType, rdf.NewIRI(ontology.EventReport)):
			kind, color = "event report", projColorReport
		case st.literal(s, ontology.Title) != "":
			kind, color = "document", projColorDocument
		case st.has(s, rdf.RDFType, rdf.NewIRI(ontology.Concept)):
			kind, color = "concept", projColorConcept
		default:
			kind, color = "", projColorOther
		}
		node.Attrs[projAttrKind] = kind
		node.Color = color
		kinds[kind] = true
		p.Nodes = append(p.Nodes, node)
	}
	var titles []string
	for t := range attrTitles {
		titles = append(titles, t)
	}
	sort.Strings(titles)
	p.NodeAttrs = append([]string{projAttrKind, projAttrIRI}, titles...)
	p.NodeLegend = p.kindLegend()
	return p
}

func (p *Projection) sort() {
	sort.Slice(p.Nodes, func(i, j int) bool { return p.Nodes[i].ID < p.Nodes[j].ID })
	sort.SliceStable(p.Edges, func(i, j int) bool {
		a, b := p.Edges[i], p.Edges[j]
		if (a.Start == "") != (b.Start == "") {
			return a.Start != ""
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
}

// Dynamic reports whether any node or edge is dated, so that the graph
// is worth a timeline.
func (p *Projection) Dynamic() bool {
	for _, e := range p.Edges {
		if e.Start != "" {
			return true
		}
	}
	for _, n := range p.Nodes {
		if n.Start != "" {
			return true
		}
	}
	return false
}

// projDateRange reads an ISO date, year-month or year (as xsd:date,
// xsd:gYearMonth, xsd:gYear write them, a time zone allowed) and returns
// its first and last day as YYYY-MM-DD.
func projDateRange(s string) (lo, hi string, ok bool) {
	s = strings.TrimSpace(s)
	// drop a time zone: the timeline counts days
	if strings.HasSuffix(s, "Z") {
		s = s[:len(s)-1]
	} else if len(s) > 6 && (s[len(s)-6] == '+' || s[len(s)-6] == '-') && s[len(s)-3] == ':' {
		s = s[:len(s)-6]
	}
	var y, m, d int
	switch len(s) {
	case 4:
		if !projDigits(s) {
			return "", "", false
		}
		y = projAtoi(s)
		return fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-12-31", y), true
	case 7:
		if !projDigits(s[:4]) || s[4] != '-' || !projDigits(s[5:]) {
			return "", "", false
		}
		y, m = projAtoi(s[:4]), projAtoi(s[5:])
		if m < 1 || m > 12 {
			return "", "", false
		}
		return fmt.Sprintf("%04d-%02d-01", y, m), fmt.Sprintf("%04d-%02d-%02d", y, m, projDaysIn(y, m)), true
	case 10:
		if !projDigits(s[:4]) || s[4] != '-' || !projDigits(s[5:7]) || s[7] != '-' || !projDigits(s[8:]) {
			return "", "", false
		}
		y, m, d = projAtoi(s[:4]), projAtoi(s[5:7]), projAtoi(s[8:])
		if m < 1 || m > 12 || d < 1 || d > projDaysIn(y, m) {
			return "", "", false
		}
		return s, s, true
	}
	return "", "", false
}

func projDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func projAtoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func projDaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
