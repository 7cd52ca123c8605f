package query

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"notegraph/query/memstore"
	"notegraph/query/parse"
	"notegraph/rdf"
	"notegraph/rdf/turtle"
)

func trigStore(t *testing.T, doc string) *memstore.Store {
	t.Helper()
	st := memstore.New()
	if err := st.Load(turtle.NewDecoder(strings.NewReader(doc), turtle.DecoderOptions{TriG: true})); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestGraphs(t *testing.T) {
	st := trigStore(t, `@prefix : <http://x/> .
:khrushchev :label "K" .
:d1 { :e1 :agent :khrushchev . :khrushchev :label "K" }
:d2 { :e2 :agent :khrushchev . :khrushchev :label "K" }`)
	cases := []struct {
		q     string
		union bool
		rows  int
	}{
		{`SELECT * { ?a :label ?l }`, true, 1},  // one triple, in three graphs
		{`SELECT * { ?e :agent ?a }`, true, 2},  // the union of the documents
		{`SELECT * { ?e :agent ?a }`, false, 0}, // the default graph alone
		{`SELECT * { ?a :label ?l }`, false, 1}, // the default graph alone
		{`SELECT * { GRAPH ?g { ?a :label ?l } }`, true, 2},
		{`SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`, false, 2},
		{`SELECT * { GRAPH :d3 { ?s ?p ?o } }`, true, 0},
		{`ASK { GRAPH :d1 { :e1 :agent ?who } }`, true, 1},
	}
	for _, c := range cases {
		res, err := Run(context.Background(), st, c.q, Options{Prefixes: map[string]string{"": "http://x/"}, UnionDefaultGraph: c.union})
		if err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		n := len(res.Rows)
		if res.Form == 1 && res.Bool {
			n = 1
		}
		if n != c.rows {
			t.Errorf("%s (union %v): %d rows, want %d", c.q, c.union, n, c.rows)
		}
	}
}

func TestExecFormats(t *testing.T) {
	st := trigStore(t, `@prefix : <http://x/> . :a :p "x"@en , 2 , 10 .`)
	opts := Options{Prefixes: map[string]string{"ex": "http://x/"}}
	cases := []struct{ q, format, want string }{
		{`SELECT ?o { ex:a ex:p ?o FILTER(isNumeric(?o)) } ORDER BY ?o`, "csv", "o\r\n2\r\n10\r\n"},
		{`SELECT ?o { ex:a ex:p ?o } ORDER BY DESC(?o) LIMIT 2`, "tsv", "?o\n10\n2\n"},
		{`ASK { ex:a ex:p 2 }`, "json", "{\"head\":{},\"boolean\":true}\n"},
		{`CONSTRUCT { ?o ex:of ex:a } WHERE { ex:a ex:p ?o FILTER(isLiteral(?o) && LANG(?o) = "") }`, "nt", ""},
		{`CONSTRUCT { ex:a ex:q ?o } WHERE { ex:a ex:p ?o FILTER(?o = 2) }`, "nt", "<http://x/a> <http://x/q> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"},
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := Exec(context.Background(), st, c.q, c.format, &b, opts); err != nil {
			t.Errorf("%s: %v", c.q, err)
			continue
		}
		if b.String() != c.want {
			t.Errorf("%s as %s:\n%q\nwant\n%q", c.q, c.format, b.String(), c.want)
		}
	}
	var b bytes.Buffer
	if err := Exec(context.Background(), st, `SELECT * { ?s ?p ?o }`, "ttl", &b, opts); err == nil {
		t.Error("SELECT as ttl: want an error")
	}
	err := Exec(context.Background(), st, "SELECT * {\n  ?s ex:p ?o\n  FILTER(?o > )\n}", "table", &b, opts)
	var pe *parse.Error
	if !errors.As(err, &pe) || pe.Line != 3 {
		t.Errorf("syntax error: %v, want a *parse.Error on line 3", err)
	}
	_ = rdf.Term{}
}
