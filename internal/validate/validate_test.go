package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The validators must accept good input and reject bad input, or every
// test that relies on them proves nothing.
func TestSyntaxCheckers(t *testing.T) {
	docs := map[string][2]string{ // format: good, bad
		"ttl":  {"@prefix e: <http://e/> .\ne:s e:p \"Koço\\n\"@sq .\n", "@prefix e: <http://e/> .\ne:s e:p \"a\nb\" .\n"},
		"trig": {"<http://e/g> { <http://e/s> <http://e/p> \"x\" . }\n", "<http://e/g> { <http://e/s> <http://e/p> \"x\" .\n"},
		"nt":   {"<http://e/s> <http://e/p> \"x\" .\n", "<s> <http://e/p> \"x\" .\n"},
		"nq":   {"<http://e/s> <http://e/p> \"x\" <http://e/g> .\n", "<http://e/s> <http://e/p> \"x\" \"g\" .\n"},
	}
	checkers := map[string]func(testing.TB, string, string) error{"serdi": Serdi, "rapper": Rapper, "n3": N3}
	for format, d := range docs {
		good := WriteTemp(t, "good."+format, []byte(d[0]))
		bad := WriteTemp(t, "bad."+format, []byte(d[1]))
		for name, check := range checkers {
			if err := check(t, format, good); err != nil {
				t.Errorf("%s rejects good %s: %v", name, format, err)
			}
			if err := check(t, format, bad); err == nil {
				t.Errorf("%s accepts bad %s:\n%s", name, format, d[1])
			}
		}
	}
}

func TestJSONLDToNQuads(t *testing.T) {
	doc := `{"@context": {"ex": "http://e/"}, "@id": "ex:s", "ex:p": {"@value": "Koço", "@language": "SQ"}}`
	got := JSONLDToNQuads(t, WriteTemp(t, "a.jsonld", []byte(doc)))
	want := "<http://e/s> <http://e/p> \"Koço\"@sq .\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestIsomorphic(t *testing.T) {
	a := WriteTemp(t, "a.nq", []byte("_:x <http://e/p> \"1\" <http://e/g> .\n<http://e/s> <http://e/p> _:x .\n"))
	b := WriteTemp(t, "b.trig", []byte("<http://e/s> <http://e/p> _:y .\n<http://e/g> { _:y <http://e/p> \"1\" . }\n"))
	if err := Isomorphic(t, a, "nq", b, "trig"); err != nil {
		t.Errorf("isomorphic datasets reported different: %v", err)
	}
	// Same union graph, but the statement moved to another named graph.
	c := WriteTemp(t, "c.nq", []byte("_:x <http://e/p> \"1\" <http://e/h> .\n<http://e/s> <http://e/p> _:x .\n"))
	err := Isomorphic(t, a, "nq", c, "nq")
	if err == nil || !strings.Contains(err.Error(), "named graphs differ") {
		t.Errorf("moved statement not detected: %v", err)
	}
	// Turtle has no named graphs: only the union is compared.
	d := WriteTemp(t, "d.ttl", []byte("<http://e/s> <http://e/p> [ <http://e/p> \"1\" ] .\n"))
	if err := Isomorphic(t, a, "nq", d, "ttl"); err != nil {
		t.Errorf("union graphs reported different: %v", err)
	}
	e := WriteTemp(t, "e.nt", []byte("<http://e/s> <http://e/p> \"1\" .\n"))
	if err := Isomorphic(t, d, "ttl", e, "nt"); err == nil {
		t.Error("different graphs reported isomorphic")
	}
}

func TestRoot(t *testing.T) {
	if _, err := os.Stat(filepath.Join(Root(t), "go.mod")); err != nil {
		t.Fatal(err)
	}
}
