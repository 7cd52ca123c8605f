package query

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"notegraph/query/memstore"
	"notegraph/rdf/turtle"
)

func TestSmoke(t *testing.T) {
	st := memstore.New()
	data := `@prefix : <http://ex/> .
:a :knows :b . :b :knows :c . :c :knows :d . :a :name "Alice" . :b :name "Bob"@en . :a :age 30 . :b :age 25 .`
	if err := st.Load(turtle.NewDecoder(strings.NewReader(data), turtle.DecoderOptions{})); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`PREFIX : <http://ex/> SELECT ?x ?y WHERE { ?x :knows+ ?y } ORDER BY ?x ?y`,
		`PREFIX : <http://ex/> SELECT ?x (COUNT(*) AS ?n) WHERE { ?x :knows* ?y } GROUP BY ?x ORDER BY DESC(?n)`,
		`PREFIX : <http://ex/> SELECT * WHERE { ?x :name ?n OPTIONAL { ?x :age ?a FILTER(?a > 26) } }`,
		`PREFIX : <http://ex/> ASK { :a :knows/:knows :c }`,
		`PREFIX : <http://ex/> CONSTRUCT { ?y :knownBy ?x } WHERE { ?x :knows ?y }`,
		`PREFIX : <http://ex/> SELECT (SUM(?a) AS ?s) (AVG(?a) AS ?m) (GROUP_CONCAT(?a; separator=",") AS ?g) WHERE { ?x :age ?a }`,
		`PREFIX : <http://ex/> SELECT ?x WHERE { ?x :knows ?y FILTER NOT EXISTS { ?y :knows ?z } }`,
	} {
		var b bytes.Buffer
		if err := Exec(context.Background(), st, q, "table", &b, Options{Prefixes: map[string]string{"ex": "http://ex/"}}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		t.Logf("%s\n%s", q, b.String())
	}
}
