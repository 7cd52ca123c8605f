package parse

import (
	"errors"
	"strings"
	"testing"

	a "notegraph/query/algebra"
)

var testPrefixes = map[string]string{"ng": "https://w3id.org/notegraph/ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}

func TestAlgebra(t *testing.T) {
	cases := []struct{ query, want string }{
		{`SELECT * { ?s ng:agent ?o }`,
			`(project (bgp (?s <https://w3id.org/notegraph/ns#agent> ?o)) [s o])`},
		{`SELECT ?a ?b { ?a (^ng:agent/ng:target)+ ?b }`,
			`(project (bgp (path ?a (^<https://w3id.org/notegraph/ns#agent>/<https://w3id.org/notegraph/ns#target>)+ ?b)) [a b])`},
		{`SELECT ?x { ?x ng:p/ng:q ?y }`,
			`(project (bgp (?x <https://w3id.org/notegraph/ns#p> ?.p1) (?.p1 <https://w3id.org/notegraph/ns#q> ?y)) [x])`},
		{`SELECT * { ?x ng:p ?y OPTIONAL { ?y ng:q ?z FILTER(?z > 1) } }`,
			`(project (leftjoin (bgp (?x <https://w3id.org/notegraph/ns#p> ?y)) (bgp (?y <https://w3id.org/notegraph/ns#q> ?z)) (> ?z "1"^^<http://www.w3.org/2001/XMLSchema#integer>)) [x y z])`},
		{`SELECT ?a (COUNT(*) AS ?n) { ?e ng:agent ?a } GROUP BY ?a HAVING (COUNT(*) > 1)`,
			`(project (extend (filter (> ?.agg2 "1"^^<http://www.w3.org/2001/XMLSchema#integer>) (group (bgp (?e <https://w3id.org/notegraph/ns#agent> ?a)) (?a ?a) (?.agg1 (count *)) (?.agg2 (count *)))) ?n ?.agg1) [a n])`},
		{`ASK { ?x ng:p ?y MINUS { ?y ng:q ?x } }`,
			`(minus (bgp (?x <https://w3id.org/notegraph/ns#p> ?y)) (bgp (?y <https://w3id.org/notegraph/ns#q> ?x)))`},
	}
	for _, c := range cases {
		q, err := Parse(c.query, Options{Prefixes: testPrefixes})
		if err != nil {
			t.Errorf("%s: %v", c.query, err)
			continue
		}
		if got := a.String(q.Pattern); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.query, got, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		query     string
		line, col int
		msg       string
	}{
		{"SELECT ?x WHERE {\n  ?x ng:agent ?y .\n  FILTER(?y = )\n}", 3, 15, "expected an expression"},
		{"SELECT ?x { ?x undeclared:p ?y }", 1, 16, `undeclared prefix "undeclared"`},
		{"SELECT ?x { ?x ng:p ?y ", 1, 24, "expected '.', '}'"},
		{"SELEC ?x { }", 1, 1, "expected SELECT"},
		{"SELECT ?x (COUNT(?y) AS ?n) { ?x ng:p ?y }", 1, 8, "neither grouped nor aggregated"},
		{"SELECT * { ?x ng:p ?y BIND(1 AS ?y) }", 1, 33, "already in scope"},
		{"SELECT * { FILTER ?x }", 1, 19, "expected '(' or a function call"},
		{"SELECT * { ?x ng:p \"a\nb\" }", 1, 22, "line break"},
	}
	for _, c := range cases {
		_, err := Parse(c.query, Options{Prefixes: testPrefixes})
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v, want *Error", c.query, err)
			continue
		}
		if pe.Line != c.line || pe.Col != c.col || !strings.Contains(pe.Msg, c.msg) {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", c.query, pe.Line, pe.Col, pe.Msg, c.line, c.col, c.msg)
		}
		// The caret sits under the column in the quoted source line.
		lines := strings.Split(pe.Error(), "\n")
		if len(lines) != 3 || strings.Index(lines[2], "^")-2 != pe.Col-1 {
			t.Errorf("%q: caret misplaced:\n%s", c.query, pe.Error())
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`SELECT * { ?s ?p ?o }`,
		`PREFIX : <http://x/> SELECT ?a (COUNT(DISTINCT ?b) AS ?n) { ?a :p+/^:q? ?b FILTER NOT EXISTS { ?b :r [] } } GROUP BY ?a ORDER BY DESC(?n) LIMIT 3`,
		`CONSTRUCT { ?x <http://x/p> _:b } WHERE { GRAPH ?g { ?x !(<http://x/q>|^<http://x/r>) ?y } VALUES (?x) { (<http://x/a>) (UNDEF) } }`,
		`ASK { BIND(CONCAT("a"@en, STR(1.5e3)) AS ?x) MINUS { ?x ?p ?o } }`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s, Options{Prefixes: testPrefixes})
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if q.Pattern == nil {
			t.Fatal("parsed query without a pattern")
		}
		_ = a.String(q.Pattern)
	})
}
