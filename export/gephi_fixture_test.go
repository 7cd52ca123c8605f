package export

import (
	"fmt"

	"notegraph/ontology"
	"notegraph/rdf"
)

// gexfQuads is a QuadSource held in memory.
type gexfQuads []rdf.Quad

func (qs gexfQuads) Each(fn func(rdf.Quad) error) error {
	for _, q := range qs {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

// gexfFixture builds a small graph modelled on the 1961 corpus, in the
// shape the ontology package writes: actors in the default graph, each
// document's statements in its named graph.
type gexfFixture struct {
	qs gexfQuads
}

const gexfBase = ontology.DefaultBase

func (f *gexfFixture) add(g rdf.Term, s rdf.Term, p string, o rdf.Term) {
	f.qs = append(f.qs, rdf.Quad{S: s, P: rdf.NewIRI(p), O: o, G: g})
}

func gexfIRI(local string) rdf.Term { return rdf.NewIRI(gexfBase + local) }

func (f *gexfFixture) actor(id, class, label, wikidata string, alt ...string) rdf.Term {
	a := gexfIRI("actor/" + id)
	f.add(rdf.Term{}, a, rdf.RDFType, rdf.NewIRI(class))
	f.add(rdf.Term{}, a, ontology.Label, rdf.NewLiteral(label))
	for _, l := range alt {
		f.add(rdf.Term{}, a, ontology.AltLabel, rdf.NewLiteral(l))
	}
	if wikidata != "" {
		f.add(rdf.Term{}, a, ontology.ExactMatch, rdf.NewIRI(ontology.WD+wikidata))
	}
	return a
}

func (f *gexfFixture) concept(notation, label string, cameo ...string) {
	c := rdf.NewIRI(ontology.Scheme + notation)
	f.add(rdf.Term{}, c, rdf.RDFType, rdf.NewIRI(ontology.Concept))
	f.add(rdf.Term{}, c, ontology.InScheme, rdf.NewIRI(ontology.EventTypeScheme))
	f.add(rdf.Term{}, c, ontology.Notation, rdf.NewLiteral(notation))
	f.add(rdf.Term{}, c, ontology.PrefLabel, rdf.NewLangLiteral(label, "en"))
	for _, code := range cameo {
		f.add(rdf.Term{}, c, ontology.CAMEO, rdf.NewLiteral(code))
	}
}

func (f *gexfFixture) document(id, class, title, date string, issuer rdf.Term) rdf.Term {
	d := gexfIRI("doc/" + id)
	f.add(d, d, rdf.RDFType, rdf.NewIRI(class))
	f.add(d, d, ontology.Title, rdf.NewLiteral(title))
	if date != "" {
		f.add(d, d, ontology.Date, rdf.NewTypedLiteral(date, rdf.XSDDate))
	}
	f.add(d, d, ontology.Creator, issuer)
	f.add(d, d, ontology.IsString, rdf.NewLiteral("(the document's full text)"))
	return d
}

type gexfEvent struct {
	n                  int
	typ                string
	agents, targets    []rdf.Term
	theme              rdf.Term
	themeText, charge  string
	date, dateType     string
	assertedBy, stance string
	quote              string
}

func (f *gexfFixture) event(doc rdf.Term, e gexfEvent) rdf.Term {
	ev := rdf.NewIRI(fmt.Sprintf("%s/event/%03d", doc.Value, e.n))
	f.add(doc, ev, rdf.RDFType, rdf.NewIRI(ontology.EventReport))
	f.add(doc, ev, rdf.RDFType, rdf.NewIRI(ontology.SemEvent))
	f.add(doc, ev, ontology.EventType, rdf.NewIRI(ontology.Scheme+e.typ))
	for _, a := range e.agents {
		f.add(doc, ev, ontology.Agent, a)
	}
	for _, t := range e.targets {
		f.add(doc, ev, ontology.Target, t)
	}
	if !e.theme.IsZero() {
		f.add(doc, ev, ontology.Theme, e.theme)
	}
	if e.themeText != "" {
		f.add(doc, ev, ontology.ThemeText, rdf.NewLiteral(e.themeText))
	}
	if e.charge != "" {
		f.add(doc, ev, ontology.ChargeText, rdf.NewLiteral(e.charge))
	}
	if e.date != "" {
		f.add(doc, ev, ontology.EventDate, rdf.NewTypedLiteral(e.date, e.dateType))
	}
	if e.assertedBy != "" {
		f.add(doc, ev, ontology.AssertedBy, gexfIRI("actor/"+e.assertedBy))
	}
	f.add(doc, ev, ontology.Stance, rdf.NewIRI(ontology.NG+e.stance))
	f.add(doc, ev, ontology.HadPrimarySource, doc)
	evid := rdf.NewIRI(ev.Value + "/evidence")
	sel := rdf.NewIRI(ev.Value + "/quote")
	pos := rdf.NewIRI(ev.Value + "/position")
	f.add(doc, ev, ontology.Evidence, evid)
	f.add(doc, evid, rdf.RDFType, rdf.NewIRI(ontology.SpecificResource))
	f.add(doc, evid, ontology.HasSource, doc)
	f.add(doc, evid, ontology.HasSelector, sel)
	f.add(doc, evid, ontology.HasSelector, pos)
	f.add(doc, sel, rdf.RDFType, rdf.NewIRI(ontology.TextQuoteSelector))
	f.add(doc, sel, ontology.Exact, rdf.NewLiteral(e.quote))
	f.add(doc, pos, rdf.RDFType, rdf.NewIRI(ontology.TextPositionSelector))
	f.add(doc, pos, ontology.Start, rdf.NewTypedLiteral("10", rdf.XSDNonNegInt))
	f.add(doc, pos, ontology.End, rdf.NewTypedLiteral("20", rdf.XSDNonNegInt))
	return ev
}

// Known facts of the fixture, checked by the tests.
const (
	gexfShikinReport = gexfBase + "doc/ussr-statement-1961-11-25/event/004"
	gexfSovietGov    = gexfBase + "actor/soviet-government"
	gexfAlbania      = gexfBase + "actor/albania"
	gexfShikinQuote  = "compelled to make the decision to recall the USSR Ambassador Extraordinary and Plenipotentiary, Comrade J. V. Shikin, from Albania"
	gexfOddLabel     = `Smith & <Sons> "Ltd" — Meçaj's Ñ`
	gexfOddQuote     = "a quote with & and < and \"quotes\" and 'apostrophes', Meçaj, Ωμέγα\nand a second line"
)

// gexfFixtureQuads: 8 actors (7 on actor-network edges), 8 event reports,
// of which 7 have both an agent and a target (one with two targets: 8
// actor edges), two parallel ACCUSE edges, one undated report, dates as
// xsd:date, gYearMonth and gYear.
func gexfFixtureQuads() gexfQuads {
	f := &gexfFixture{}
	for _, c := range []struct {
		n, l  string
		cameo []string
	}{
		{"ACCUSE", "accuse", []string{"112"}},
		{"DEMAND", "demand", []string{"100", "105"}},
		{"PROTEST", "protest", []string{"114"}},
		{"RECALL_AMBASSADOR", "recall ambassador", []string{"161"}},
		{"EXPEL", "expel", []string{"166", "174"}},
		{"REJECT", "reject", []string{"120", "125"}},
		{"SUPPORT", "support", []string{"030", "050"}},
	} {
		f.concept(c.n, c.l, c.cameo...)
	}
	sov := f.actor("soviet-government", ontology.GovernmentOrganization, "Soviet Government", "", "Government of the USSR")
	alb := f.actor("albania", ontology.Country, "Albanian People's Republic", "Q222", "Albania")
	albGov := f.actor("albanian-government", ontology.GovernmentOrganization, "Albanian Government", "")
	shikin := f.actor("shikin", ontology.Person, "J. V. Shikin", "", "Shikin")
	mfa := f.actor("mfa-ussr", ontology.GovernmentOrganization, "Ministry of Foreign Affairs of the USSR", "")
	emb := f.actor("albanian-embassy-moscow", ontology.Organization, "Albanian Embassy in Moscow", "")
	odd := f.actor("odd", ontology.Organization, gexfOddLabel, "")
	students := f.actor("students", ontology.Organization, "Albanian students in Moscow", "")

	st := f.document("ussr-statement-1961-11-25", ontology.Statement,
		"USSR MFA statement on the recall of Ambassador Shikin (25 Nov 1961)", "1961-11-25", sov)
	f.event(st, gexfEvent{n: 1, typ: "ACCUSE", agents: []rdf.Term{sov}, targets: []rdf.Term{albGov},
		charge: "created an intolerable situation for the Soviet Ambassador", date: "1961-11-25", dateType: rdf.XSDDate,
		assertedBy: "soviet-government", stance: "Performed",
		quote: "has created an intolerable situation for the Soviet Ambassador in Tirana and the other Soviet diplomats"})
	f.event(st, gexfEvent{n: 2, typ: "DEMAND", agents: []rdf.Term{albGov}, targets: []rdf.Term{sov},
		themeText: "reduction of the staff of the Soviet Embassy", date: "1961-11", dateType: rdf.XSDGYearMonth,
		assertedBy: "soviet-government", stance: "Alleged",
		quote: "demanding without foundation a reduction of the staff of the Soviet Embassy by nearly three times"})
	f.event(st, gexfEvent{n: 4, typ: "RECALL_AMBASSADOR", agents: []rdf.Term{sov}, targets: []rdf.Term{alb},
		theme: shikin, date: "1961-11-25", dateType: rdf.XSDDate, assertedBy: "soviet-government", stance: "Performed",
		quote: gexfShikinQuote})

	vn := f.document("soviet-verbal-note-1961-11-25", ontology.VerbalNote,
		"Soviet verbal note of 25 Nov 1961 on Ambassador Nase", "1961-11-25", mfa)
	f.event(vn, gexfEvent{n: 1, typ: "ACCUSE", agents: []rdf.Term{mfa}, targets: []rdf.Term{emb, students},
		charge: "distributing anti-Soviet material", date: "1961-11-25", dateType: rdf.XSDDate,
		assertedBy: "mfa-ussr", stance: "Performed",
		quote: "has lately been trying to distribute in an intensive manner all kinds of anti-Soviet material"})
	f.event(vn, gexfEvent{n: 2, typ: "PROTEST", agents: []rdf.Term{mfa}, targets: []rdf.Term{emb},
		assertedBy: "mfa-ussr", stance: "Performed",
		quote: "protests vigorously to the Albanian Embassy in Moscow in this respect"})

	an := f.document("albanian-note-1961-12-09", ontology.DiplomaticNote,
		"Albanian note of 9 Dec 1961 — «réponse» & <reply>", "1961-12-09", albGov)
	f.event(an, gexfEvent{n: 1, typ: "ACCUSE", agents: []rdf.Term{sov}, targets: []rdf.Term{albGov},
		charge: "slander", date: "1961-12-03", dateType: rdf.XSDDate, assertedBy: "soviet-government", stance: "Reported",
		quote: "the Soviet Government slanderously accused the Albanian Government"})
	f.event(an, gexfEvent{n: 2, typ: "REJECT", agents: []rdf.Term{albGov}, targets: []rdf.Term{odd},
		date: "1961", dateType: rdf.XSDGYear, assertedBy: "albanian-government", stance: "Performed",
		quote: gexfOddQuote})
	f.event(an, gexfEvent{n: 3, typ: "SUPPORT", agents: []rdf.Term{albGov},
		themeText: "the Marxist-Leninist line", date: "1961-12-09", dateType: rdf.XSDDate,
		assertedBy: "albanian-government", stance: "Performed",
		quote: "remains loyal to the Marxist-Leninist line"})
	return f.qs
}
