package ontology

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"notegraph/extract"
	"notegraph/rdf"
)

// Mapper maps extracted values to quads, minting instance IRIs under Base.
// IRIs depend only on content (file key, document position and title,
// actor IDs, event order), so rebuilding the same corpus yields the same graph.
type Mapper struct {
	Base string // ends in '/' or '#'
	// Known tells the labels a gazetteer gives actor IDs (nil: none known).
	// An actor met in the text but not known has its label among the name
	// forms met, so it is recorded as one of them (skos:altLabel).
	Known func(id string) (string, bool)
}

// NewMapper checks base and returns a Mapper.
func NewMapper(base string) (*Mapper, error) {
	if base == "" {
		base = DefaultBase
	}
	if !rdf.ValidIRI(base) || !strings.Contains(base, "://") {
		return nil, fmt.Errorf("base %q is not an absolute IRI such as %s", base, DefaultBase)
	}
	if !strings.HasSuffix(base, "/") && !strings.HasSuffix(base, "#") {
		base += "/"
	}
	return &Mapper{Base: base}, nil
}

// SourceIRI names a source file.
func (m *Mapper) SourceIRI(key string) string { return m.Base + "source/" + Slug(key, 80) }

// DocumentIRI names a document: its file, its position, and its title.
func (m *Mapper) DocumentIRI(key string, d *extract.Document) string {
	s := fmt.Sprintf("%sdoc/%s/%02d", m.Base, Slug(strings.TrimSuffix(key, extOf(key)), 60), d.Index+1)
	if t := Slug(d.Title, 48); t != "" {
		s += "-" + t
	}
	return s
}

// ActorIRI names an actor by its ID.
func (m *Mapper) ActorIRI(id string) string { return m.Base + "actor/" + Slug(id, 80) }

// EventIRI names the i-th event report (from 0) of a document.
func EventIRI(docIRI string, i int) string { return fmt.Sprintf("%s/event/%03d", docIRI, i+1) }

func extOf(key string) string {
	if i := strings.LastIndexByte(key, '.'); i > 0 {
		return key[i:]
	}
	return ""
}

var dashes = regexp.MustCompile(`-+`)

// Slug turns a name into an IRI path segment: lower-case ASCII letters and
// digits separated by '-', accents folded, at most max bytes.
func Slug(s string, max int) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped, its base letter stays
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString(strconv.FormatInt(int64(r), 36))
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(dashes.ReplaceAllString(b.String(), "-"), "-")
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// DateLiteral types an ISO date, year-month or year; ok is false for
// anything else.
func DateLiteral(s string) (rdf.Term, bool) {
	switch {
	case isoDate.MatchString(s):
		return rdf.NewTypedLiteral(s, rdf.XSDDate), true
	case isoYearMonth.MatchString(s):
		return rdf.NewTypedLiteral(s, rdf.XSDGYearMonth), true
	case isoYear.MatchString(s):
		return rdf.NewTypedLiteral(s, rdf.XSDGYear), true
	}
	return rdf.Term{}, false
}

var (
	isoDate      = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)
	isoYearMonth = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	isoYear      = regexp.MustCompile(`^\d{4}$`)
)

func nonNegInt(n int) rdf.Term { return rdf.NewTypedLiteral(strconv.Itoa(n), rdf.XSDNonNegInt) }

// graphQuads collects triples of one named graph.
type graphQuads struct {
	g   rdf.Term
	out []rdf.Quad
}

func (q *graphQuads) add(s rdf.Term, p string, o rdf.Term) {
	if o.IsZero() {
		return
	}
	q.out = append(q.out, rdf.Quad{S: s, P: rdf.NewIRI(p), O: o, G: q.g})
}

// quoteContext is how many code points of prefix and suffix a TextQuoteSelector carries.
const quoteContext = 32

// Document maps one document to the quads of its named graph (graph name:
// the document IRI) and the default-graph triples it contributes about the
// actors it mentions. Both lists are sorted and free of duplicates.
func (m *Mapper) Document(f *extract.File, d *extract.Document) (graph rdf.Term, quads, shared []rdf.Quad, err error) {
	docIRI := m.DocumentIRI(f.Key, d)
	doc := rdf.NewIRI(docIRI)
	q := &graphQuads{g: doc}
	actor := func(id string) rdf.Term {
		if id == "" {
			return rdf.Term{}
		}
		return rdf.NewIRI(m.ActorIRI(id))
	}

	kind := d.Kind
	if kind == "" {
		kind = extract.KindNote
	}
	q.add(doc, RDF+"type", iri(NG+string(kind)))
	if d.Title != "" {
		q.add(doc, Title, rdf.NewLiteral(d.Title))
	}
	if lit, ok := DateLiteral(d.Date); ok {
		q.add(doc, Date, lit)
	}
	q.add(doc, Creator, actor(d.Issuer))
	q.add(doc, Addressee, actor(d.Addressee))
	q.add(doc, DeliveredBy, actor(d.DeliveredBy))
	q.add(doc, DeliveredTo, actor(d.DeliveredTo))
	if d.Place != "" {
		q.add(doc, Place, rdf.NewLiteral(d.Place))
	}
	src := rdf.NewIRI(m.SourceIRI(f.Key))
	q.add(doc, IsPartOf, src)
	q.add(src, RDF+"type", iri(SourceFile))
	q.add(src, FileName, rdf.NewLiteral(f.Key))
	if f.SHA256 != "" {
		q.add(src, SHA256, rdf.NewLiteral(f.SHA256))
	}
	if d.SourceStart >= 0 && d.SourceEnd >= d.SourceStart {
		q.add(doc, SourceStart, nonNegInt(d.SourceStart))
		q.add(doc, SourceEnd, nonNegInt(d.SourceEnd))
	}
	q.add(doc, IsString, rdf.NewLiteral(d.Text))

	text := []rune(d.Text)
	for i := range d.Events {
		e := &d.Events[i]
		if err := m.event(q, doc, docIRI, text, d, i, actor); err != nil {
			return rdf.Term{}, nil, nil, fmt.Errorf("document %d (%s), event %d: %w", d.Index+1, d.Title, i+1, err)
		}
		_ = e
	}

	var sh graphQuads
	for _, a := range d.Actors {
		m.actor(&sh, a, actor)
	}
	return doc, sortUnique(q.out), sortUnique(sh.out), nil
}

var stances = map[extract.Stance]string{
	extract.Performed: Performed, extract.Alleged: Alleged, extract.Reported: Reported, extract.Denied: Denied,
}

func (m *Mapper) event(q *graphQuads, doc rdf.Term, docIRI string, text []rune, d *extract.Document, i int, actor func(string) rdf.Term) error {
	e := &d.Events[i]
	t, ok := LookupEventType(e.Type)
	if !ok {
		return fmt.Errorf("unknown event type %q", e.Type)
	}
	if e.Evidence.Start < 0 || e.Evidence.End > len(text) || e.Evidence.Start >= e.Evidence.End {
		return fmt.Errorf("evidence [%d,%d) outside the document's %d code points", e.Evidence.Start, e.Evidence.End, len(text))
	}
	exact := string(text[e.Evidence.Start:e.Evidence.End])
	if e.Quote != "" && e.Quote != exact {
		return fmt.Errorf("quote %q differs from the text at [%d,%d): %q", e.Quote, e.Evidence.Start, e.Evidence.End, exact)
	}
	evIRI := EventIRI(docIRI, i)
	ev := rdf.NewIRI(evIRI)
	q.add(ev, RDF+"type", iri(EventReport))
	q.add(ev, RDF+"type", iri(SemEvent))
	q.add(ev, EventType, iri(t.IRI()))
	for _, a := range e.Agents {
		q.add(ev, Agent, actor(a))
	}
	for _, a := range e.Targets {
		q.add(ev, Target, actor(a))
	}
	for _, th := range e.Themes {
		if th.Actor != "" {
			q.add(ev, Theme, actor(th.Actor))
		} else if th.Text != "" {
			q.add(ev, ThemeText, rdf.NewLiteral(th.Text))
		}
	}
	if e.Charge != "" {
		q.add(ev, ChargeText, rdf.NewLiteral(e.Charge))
	}
	if e.ChargeOf >= 0 && e.ChargeOf < len(d.Events) && e.ChargeOf != i {
		q.add(ev, Charge, rdf.NewIRI(EventIRI(docIRI, e.ChargeOf)))
	}
	date := e.Date
	if date == "" {
		date = d.Date
	}
	if lit, ok := DateLiteral(date); ok {
		q.add(ev, EventDate, lit)
	}
	asserted := e.AssertedBy
	if asserted == "" {
		asserted = d.Issuer
	}
	q.add(ev, AssertedBy, actor(asserted))
	stance := e.Stance
	if stance == "" {
		stance = extract.Performed
	}
	st, ok := stances[stance]
	if !ok {
		return fmt.Errorf("unknown stance %q", stance)
	}
	q.add(ev, Stance, iri(st))
	if e.Trigger != "" {
		q.add(ev, Trigger, rdf.NewLiteral(e.Trigger))
	}
	q.add(ev, HadPrimarySource, doc)

	evid := rdf.NewIRI(evIRI + "/evidence")
	q.add(ev, Evidence, evid)
	q.add(evid, RDF+"type", iri(SpecificResource))
	q.add(evid, HasSource, doc)
	quote := rdf.NewIRI(evIRI + "/quote")
	pos := rdf.NewIRI(evIRI + "/position")
	q.add(evid, HasSelector, quote)
	q.add(evid, HasSelector, pos)
	q.add(quote, RDF+"type", iri(TextQuoteSelector))
	q.add(quote, Exact, rdf.NewLiteral(exact))
	q.add(quote, PrefixP, rdf.NewLiteral(string(text[max(0, e.Evidence.Start-quoteContext):e.Evidence.Start])))
	q.add(quote, SuffixP, rdf.NewLiteral(string(text[e.Evidence.End:min(len(text), e.Evidence.End+quoteContext)])))
	q.add(pos, RDF+"type", iri(TextPositionSelector))
	q.add(pos, Start, nonNegInt(e.Evidence.Start))
	q.add(pos, End, nonNegInt(e.Evidence.End))
	return nil
}

var actorClasses = map[extract.ActorKind]string{
	extract.Person: Person, extract.Organization: Organization,
	extract.GovernmentOrganization: GovernmentOrganization, extract.Country: Country,
	extract.Place: SchemaPlace,
}

var wikidataID = regexp.MustCompile(`^Q[1-9]\d*$`)

func (m *Mapper) actor(q *graphQuads, a extract.Actor, actor func(string) rdf.Term) {
	s := actor(a.ID)
	if s.IsZero() {
		return
	}
	class, ok := actorClasses[a.Kind]
	if !ok {
		class = Organization
	}
	q.add(s, RDF+"type", iri(class))
	// Every name form goes in as skos:altLabel; the one rdfs:label of an
	// actor is chosen across all documents (Labels), because documents
	// that meet a person under different names must not give it two.
	if _, known := m.known(a.ID); a.Label != "" && !known {
		q.add(s, AltLabel, rdf.NewLiteral(a.Label))
	}
	for _, l := range a.AltLabels {
		if l != "" {
			q.add(s, AltLabel, rdf.NewLiteral(l))
		}
	}
	if a.Role != "" {
		q.add(s, Role, rdf.NewLiteral(a.Role))
	}
	if wikidataID.MatchString(a.Wikidata) {
		q.add(s, ExactMatch, iri(WD+a.Wikidata))
	}
	for _, o := range a.MemberOf {
		q.add(s, MemberOf, actor(o))
	}
	for _, o := range a.PartOf {
		q.add(s, SubOrganizationOf, actor(o))
	}
	for _, o := range a.Represents {
		q.add(s, Represents, actor(o))
	}
}

func (m *Mapper) known(id string) (string, bool) {
	if m.Known == nil {
		return "", false
	}
	return m.Known(id)
}

// sortUnique sorts quads and drops duplicates.
func sortUnique(qs []rdf.Quad) []rdf.Quad {
	sort.Slice(qs, func(i, j int) bool { return rdf.CompareQuads(qs[i], qs[j]) < 0 })
	out := qs[:0]
	for i, x := range qs {
		if i == 0 || x != qs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Labels gives every actor of the shared (default-graph) triples one
// rdfs:label: the gazetteer's label when Known has one for the actor's ID,
// else the longest of its name forms (skos:altLabel), ties broken by
// code point order. The result is sorted.
func (m *Mapper) Labels(shared []rdf.Quad) []rdf.Quad {
	prefix := m.Base + "actor/"
	best := map[rdf.Term]string{}
	var actors []rdf.Term
	for _, x := range shared {
		if x.S.Kind != rdf.IRI || !strings.HasPrefix(x.S.Value, prefix) {
			continue
		}
		cur, seen := best[x.S]
		if !seen {
			actors = append(actors, x.S)
			best[x.S] = ""
		}
		if x.P.Value != AltLabel {
			continue
		}
		if l := x.O.Value; len([]rune(l)) > len([]rune(cur)) || len([]rune(l)) == len([]rune(cur)) && l < cur {
			best[x.S] = l
		}
	}
	var out []rdf.Quad
	for _, a := range actors {
		label := best[a]
		if l, ok := m.known(strings.TrimPrefix(a.Value, prefix)); ok && l != "" {
			label = l
		}
		if label != "" {
			out = append(out, rdf.Quad{S: a, P: iri(Label), O: rdf.NewLiteral(label)})
		}
	}
	return sortUnique(out)
}
