package ontology

import (
	"sort"
	"strings"

	"notegraph/rdf"
)

// Counts summarises a notegraph graph.
type Counts struct {
	Documents int
	Actors    int
	Events    int
	ByType    map[string]int // event reports by notation
	Triples   int            // statements, across all graphs
}

// Types returns the notations of ByType, sorted.
func (c Counts) Types() []string {
	var out []string
	for t := range c.ByType {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Count reads a graph once and counts documents, actors, event reports by
// type, and statements.
func Count(each func(func(rdf.Quad) error) error) (Counts, error) {
	c := Counts{ByType: map[string]int{}}
	actors := map[rdf.Term]bool{}
	err := each(func(q rdf.Quad) error {
		c.Triples++
		switch q.P.Value {
		case RDF + "type":
			switch q.O.Value {
			case Person, Organization, GovernmentOrganization, Country:
				actors[q.S] = true
			case DiplomaticNote, VerbalNote, Speech, Telegram, Memorandum, Statement, Commentary:
				c.Documents++
			}
		case EventType:
			c.Events++
			c.ByType[strings.TrimPrefix(q.O.Value, Scheme)]++
		}
		return nil
	})
	c.Actors = len(actors)
	return c, err
}
