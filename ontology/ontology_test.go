package ontology

import (
	"strings"
	"testing"

	"notegraph/extract"
	"notegraph/rdf"
)

func TestSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nesti Nase", "nesti-nase"},
		{"Koço Tashko", "koco-tashko"},
		{"Meçaj", "mecaj"},
		{"  USSR Ministry of Foreign Affairs!! ", "ussr-ministry-of-foreign-affairs"},
		{"Chargé d’Affaires", "charge-d-affaires"},
		{"", ""},
	} {
		if got := Slug(c.in, 80); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Slug("Хрущёв", 80); got == "" || strings.Trim(got, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		t.Errorf("Slug of a Cyrillic name = %q, want a non-empty ASCII slug", got)
	}
	if got := Slug(strings.Repeat("word ", 40), 20); len(got) > 20 || strings.HasSuffix(got, "-") {
		t.Errorf("Slug truncation = %q", got)
	}
}

func TestDateLiteral(t *testing.T) {
	for _, c := range []struct{ in, dt string }{
		{"1961-11-25", rdf.XSDDate},
		{"1960-08", rdf.XSDGYearMonth},
		{"1961", rdf.XSDGYear},
		{"1961-13", ""},
		{"1961-02-30x", ""},
		{"November 1961", ""},
		{"", ""},
	} {
		lit, ok := DateLiteral(c.in)
		if ok != (c.dt != "") || ok && (lit.Datatype != c.dt || lit.Value != c.in) {
			t.Errorf("DateLiteral(%q) = %v, %v; want datatype %q", c.in, lit, ok, c.dt)
		}
	}
}

func fixtureFile() *extract.File {
	text := "The Ministry protests to the Embassy of Freedonia against the “expulsion” of Koço Tashko.\n\tIt demands his return."
	quote := "protests to the Embassy of Freedonia"
	start := len([]rune(text[:strings.Index(text, quote)]))
	return &extract.File{
		Key: "note.txt", SHA256: strings.Repeat("ab", 32),
		Documents: []extract.Document{{
			Index: 0, Title: "Note of 1 May 1962", Kind: extract.KindNote, Date: "1962-05-01",
			Issuer: "ministry", Addressee: "embassy", Text: text, SourceStart: 0, SourceEnd: len([]rune(text)),
			Actors: []extract.Actor{
				{ID: "ministry", Label: "Ministry", Kind: extract.GovernmentOrganization, AltLabels: []string{"the Ministry"}},
				{ID: "embassy", Label: "Embassy of Freedonia", Kind: extract.Organization, Wikidata: "Q1"},
			},
			Events: []extract.Event{{
				Type: "PROTEST", Agents: []string{"ministry"}, Targets: []string{"embassy"},
				Stance: extract.Performed, ChargeOf: -1,
				Evidence: extract.Span{Start: start, End: start + len([]rune(quote))}, Quote: quote,
			}},
		}},
	}
}

func TestDocumentMapping(t *testing.T) {
	m, err := NewMapper("http://example.org/ng/")
	if err != nil {
		t.Fatal(err)
	}
	f := fixtureFile()
	g, quads, shared, err := m.Document(f, &f.Documents[0])
	if err != nil {
		t.Fatal(err)
	}
	if g.Value != "http://example.org/ng/doc/note/01-note-of-1-may-1962" {
		t.Errorf("document IRI = %s", g.Value)
	}
	has := func(qs []rdf.Quad, s, p string, o rdf.Term) bool {
		for _, q := range qs {
			if q.S.Value == s && q.P.Value == p && q.O == o {
				return true
			}
		}
		return false
	}
	ev := EventIRI(g.Value, 0)
	for _, c := range []struct {
		s, p string
		o    rdf.Term
	}{
		{g.Value, RDF + "type", iri(DiplomaticNote)},
		{g.Value, Date, rdf.NewTypedLiteral("1962-05-01", rdf.XSDDate)},
		{g.Value, IsString, rdf.NewLiteral(f.Documents[0].Text)},
		{ev, EventType, iri(Scheme + "PROTEST")},
		{ev, Agent, iri("http://example.org/ng/actor/ministry")},
		{ev, EventDate, rdf.NewTypedLiteral("1962-05-01", rdf.XSDDate)},
		{ev, AssertedBy, iri("http://example.org/ng/actor/ministry")},
		{ev, Stance, iri(Performed)},
		{ev + "/quote", Exact, rdf.NewLiteral("protests to the Embassy of Freedonia")},
		{ev + "/quote", PrefixP, rdf.NewLiteral("The Ministry ")},
		{ev + "/position", Start, rdf.NewTypedLiteral("13", rdf.XSDNonNegInt)},
	} {
		if !has(quads, c.s, c.p, c.o) {
			t.Errorf("missing <%s> <%s> %v", c.s, c.p, c.o)
		}
	}
	for _, q := range quads {
		if q.G != g {
			t.Fatalf("quad %v outside the document's graph", q)
		}
	}
	if !has(shared, "http://example.org/ng/actor/embassy", ExactMatch, iri(WD+"Q1")) ||
		!has(shared, "http://example.org/ng/actor/ministry", AltLabel, rdf.NewLiteral("the Ministry")) ||
		!has(shared, "http://example.org/ng/actor/ministry", AltLabel, rdf.NewLiteral("Ministry")) {
		t.Errorf("actor triples missing: %v", shared)
	}
	for _, q := range shared {
		if !q.G.IsZero() {
			t.Fatalf("shared triple %v in a named graph", q)
		}
	}
}

func TestDocumentMappingRejectsBadEvents(t *testing.T) {
	m, _ := NewMapper("")
	for name, spoil := range map[string]func(e *extract.Event){
		"quote differs":  func(e *extract.Event) { e.Quote = "something else" },
		"span outside":   func(e *extract.Event) { e.Evidence.End = 10000 },
		"empty span":     func(e *extract.Event) { e.Evidence.End = e.Evidence.Start },
		"unknown type":   func(e *extract.Event) { e.Type = "INVADE" },
		"unknown stance": func(e *extract.Event) { e.Stance = "Rumoured" },
	} {
		f := fixtureFile()
		spoil(&f.Documents[0].Events[0])
		if _, _, _, err := m.Document(f, &f.Documents[0]); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestNewMapperRejectsBadBase(t *testing.T) {
	for _, b := range []string{"relative/path/", "http://exa mple.org/", "urn-no-colon"} {
		if _, err := NewMapper(b); err == nil {
			t.Errorf("NewMapper(%q): no error", b)
		}
	}
	m, err := NewMapper("http://example.org/x")
	if err != nil || m.Base != "http://example.org/x/" {
		t.Errorf("NewMapper adds the slash: %v %v", m, err)
	}
}

func TestLabelsOnePerActor(t *testing.T) {
	m, _ := NewMapper("http://example.org/")
	a, b, c := iri("http://example.org/actor/mazi"), iri("http://example.org/actor/freedonia"), iri("http://example.org/actor/x")
	shared := []rdf.Quad{
		{S: a, P: iri(AltLabel), O: rdf.NewLiteral("Mazi")},
		{S: a, P: iri(AltLabel), O: rdf.NewLiteral("Gac Mazi")},
		{S: a, P: iri(AltLabel), O: rdf.NewLiteral("G. Mazi")},
		{S: b, P: iri(AltLabel), O: rdf.NewLiteral("Freedonian Republic of the Marx Brothers")},
		{S: c, P: iri(RDF + "type"), O: iri(Person)},
	}
	m.Known = func(id string) (string, bool) { return "Republic of Freedonia", id == "freedonia" }
	got := m.Labels(shared)
	want := []rdf.Quad{
		{S: b, P: iri(Label), O: rdf.NewLiteral("Republic of Freedonia")},
		{S: a, P: iri(Label), O: rdf.NewLiteral("Gac Mazi")},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Labels = %v, want %v", got, want)
	}
}

// Every ng: term the mapping writes is described by the vocabulary, with a
// label and a comment.
func TestVocabularyDescribesEveryTermUsed(t *testing.T) {
	described := map[string]map[string]bool{}
	for _, q := range VocabularyQuads() {
		if described[q.S.Value] == nil {
			described[q.S.Value] = map[string]bool{}
		}
		described[q.S.Value][q.P.Value] = true
	}
	m, _ := NewMapper("")
	f := fixtureFile()
	_, quads, shared, err := m.Document(f, &f.Documents[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append(quads, shared...) {
		for _, x := range []rdf.Term{q.P, q.O} {
			if x.Kind != rdf.IRI || !strings.HasPrefix(x.Value, NG) {
				continue
			}
			if d := described[x.Value]; !d[Label] || !d[RDFS+"comment"] {
				t.Errorf("%s is used but has no rdfs:label and rdfs:comment", x.Value)
			}
		}
	}
	if len(EventTypes()) != 20 {
		t.Errorf("scheme has %d concepts, DESIGN.md lists 20", len(EventTypes()))
	}
}
