package eval

import (
	"context"
	"testing"

	a "notegraph/query/algebra"
	"notegraph/query/parse"
	"notegraph/rdf"
)

type emptyDS struct{}

func (emptyDS) Match(s, p, o, g rdf.Term, fn func(rdf.Quad) bool) error { return nil }
func (emptyDS) NamedGraphs() ([]rdf.Term, error)                        { return nil, nil }

// TestFunctions evaluates SELECT (expr AS ?v) {} and compares ?v.
func TestFunctions(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`1 + 2`, `"3"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{`1 / 4`, `"0.25"^^<http://www.w3.org/2001/XMLSchema#decimal>`},
		{`1.5 * 2`, `"3.0"^^<http://www.w3.org/2001/XMLSchema#decimal>`},
		{`2e0 / 4`, `"5.0E-1"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{`1 / 0`, ``},
		{`"abc" < "abd"`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`"1961-11-25"^^xsd:date < "1961-12-03"^^xsd:date`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`YEAR("1961-11-25"^^xsd:date)`, `"1961"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{`MONTH("1961-11-25T10:00:00Z"^^xsd:dateTime)`, `"11"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{`TZ("1961-11-25T10:00:00-05:00"^^xsd:dateTime)`, `"-05:00"`},
		{`STRLEN("Shqipëria")`, `"9"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{`SUBSTR("recall", 3, 2)`, `"ca"`},
		{`UCASE("ambassador"@en)`, `"AMBASSADOR"@en`},
		{`STRBEFORE("Iosif Shikin", " ")`, `"Iosif"`},
		{`STRAFTER("abc"@en, "z")`, `""`},
		{`CONCAT("a"@en, "b"@en)`, `"ab"@en`},
		{`CONCAT("a"@en, "b")`, `"ab"`},
		{`REPLACE("slander and slander", "sl(a)nder", "l$1bel")`, `"label and label"`},
		{`REGEX("Hostile Activity", "^hostile", "i")`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`CONTAINS("Tirana", "ran")`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`CONTAINS("Tirana"@en, "ran"@fr)`, ``},
		{`ENCODE_FOR_URI("a b/c")`, `"a%20b%2Fc"`},
		{`LANGMATCHES(LANG("x"@en-GB), "en")`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`IF(1 > 2, "yes", "no")`, `"no"`},
		{`COALESCE(?unbound, 1 / 0, "third")`, `"third"`},
		{`3 IN (1, 2, 3)`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`xsd:integer("12")`, `"12"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{`xsd:integer("1.5")`, ``},
		{`xsd:boolean(0)`, `"false"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`STR(<http://x/y>)`, `"http://x/y"`},
		{`DATATYPE("x"@en)`, `<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>`},
		{`ROUND(-2.5)`, `"-2.0"^^<http://www.w3.org/2001/XMLSchema#decimal>`},
		{`ABS(-3)`, `"3"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{`MD5("abc")`, `"900150983cd24fb0d6963f7d28e17f72"`},
		{`isNumeric("1"^^xsd:integer) && !isNumeric("x")`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`"a" = "a"@en`, `"false"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{`1 = 1.0`, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
	}
	for _, c := range cases {
		q, err := parse.Parse("SELECT (("+c.expr+") AS ?v) {}", parse.Options{Prefixes: map[string]string{"xsd": rdf.XSD}})
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		res, err := Eval(context.Background(), emptyDS{}, q, Options{})
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		got := ""
		if len(res.Rows) == 1 {
			got = res.Rows[0][0].String()
		}
		if got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
	}
	_ = a.Select
}
