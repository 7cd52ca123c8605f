package ontology

import (
	_ "embed"
	"fmt"
	"strings"

	"notegraph/rdf"
)

//go:embed data/event-types.tsv
var eventTypesTSV string

// EventTypeInfo is one concept of the ng: event-type scheme.
type EventTypeInfo struct {
	Notation   string // "EXPEL"
	Label      string
	Definition string
	CAMEO      []string
	PLOVER     string
}

// IRI returns the concept's IRI.
func (t EventTypeInfo) IRI() string { return Scheme + t.Notation }

var eventTypes = mustParseEventTypes(eventTypesTSV)

// EventTypes returns the concepts of the scheme in the order of DESIGN.md.
func EventTypes() []EventTypeInfo { return append([]EventTypeInfo(nil), eventTypes...) }

// LookupEventType finds a concept by its notation.
func LookupEventType(notation string) (EventTypeInfo, bool) {
	for _, t := range eventTypes {
		if t.Notation == notation {
			return t, true
		}
	}
	return EventTypeInfo{}, false
}

func mustParseEventTypes(src string) []EventTypeInfo {
	var out []EventTypeInfo
	for i, line := range strings.Split(src, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			panic(fmt.Sprintf("ontology/data/event-types.tsv:%d: want 5 tab-separated fields, have %d", i+1, len(f)))
		}
		out = append(out, EventTypeInfo{Notation: f[0], Label: f[1], Definition: f[2], CAMEO: strings.Split(f[3], ","), PLOVER: f[4]})
	}
	return out
}

// SchemeQuads describes the event-type scheme in SKOS: the store keeps these
// in its default graph so that every export describes itself.
func SchemeQuads() []rdf.Quad {
	var q quadList
	s := rdf.NewIRI(EventTypeScheme)
	q.add(s, RDF+"type", iri(ConceptScheme))
	q.add(s, PrefLabel, en("notegraph event types"))
	q.add(s, Definition, en("Types of diplomatic events, aligned with CAMEO codes and PLOVER categories."))
	for _, t := range eventTypes {
		c := rdf.NewIRI(t.IRI())
		q.add(c, RDF+"type", iri(Concept))
		q.add(c, InScheme, s)
		q.add(c, TopConceptOf, s)
		q.add(c, Notation, rdf.NewLiteral(t.Notation))
		q.add(c, PrefLabel, en(t.Label))
		q.add(c, Definition, en(t.Definition))
		for _, code := range t.CAMEO {
			q.add(c, CAMEO, rdf.NewLiteral(code))
		}
		q.add(c, PLOVER, rdf.NewLiteral(t.PLOVER))
	}
	return q
}

// quadList collects default-graph triples.
type quadList []rdf.Quad

func (l *quadList) add(s rdf.Term, p string, o rdf.Term) {
	*l = append(*l, rdf.Quad{S: s, P: rdf.NewIRI(p), O: o})
}

func iri(s string) rdf.Term { return rdf.NewIRI(s) }
func en(s string) rdf.Term  { return rdf.NewLangLiteral(s, "en") }
