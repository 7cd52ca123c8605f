package query

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"notegraph/query/algebra"
	"notegraph/query/memstore"
	"notegraph/query/results"
	"notegraph/rdf"
	"notegraph/rdf/turtle"
)

// agreementBase is the base IRI both engines load the Turtle file with.
const agreementBase = "https://w3id.org/notegraph/id/"

// TestOxigraphAgreement runs the researcher queries in
// testdata/agreement/queries with this engine and with Oxigraph (npm
// package, run by node) over the same Turtle file, and requires the same
// solutions (as multisets, up to blank-node renaming) or isomorphic
// graphs. NOTEGRAPH_AGREEMENT_TTL names another Turtle file, such as
// notegraph's own export of a corpus.
func TestOxigraphAgreement(t *testing.T) {
	sets := []struct {
		data    string
		fixture bool
	}{
		{"testdata/agreement/fixture.ttl", true},
		// A snapshot of `notegraph build`'s Turtle export of the bundled
		// 1961 corpus.
		{"testdata/agreement/corpus-1961.ttl", false},
	}
	if f := os.Getenv("NOTEGRAPH_AGREEMENT_TTL"); f != "" {
		sets = append(sets, struct {
			data    string
			fixture bool
		}{f, false})
	}
	for _, set := range sets {
		t.Run(filepath.Base(set.data), func(t *testing.T) { agreeOn(t, set.data, set.fixture) })
	}
}

func agreeOn(t *testing.T, data string, fixture bool) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: the agreement test needs node and the npm package oxigraph in .tools/node_modules")
	}
	modules, _ := filepath.Abs("../.tools/node_modules")
	if _, err := os.Stat(filepath.Join(modules, "oxigraph")); err != nil {
		t.Fatalf("npm package oxigraph missing in %s (npm install --prefix .tools oxigraph): %v", modules, err)
	}
	queries, _ := filepath.Glob("testdata/agreement/queries/*.rq")
	sort.Strings(queries)
	if len(queries) < 30 {
		t.Fatalf("only %d agreement queries", len(queries))
	}
	// Over the fixture every query must find something; over a corpus
	// export some may not, but most must.
	empty := 0
	defer func() {
		if !fixture && empty > len(queries)/3 {
			t.Errorf("%d of %d queries found nothing in %s", empty, len(queries), data)
		}
	}()
	noAnswer := func(t *testing.T, what string) {
		if fixture {
			t.Fatal(what + ": the query tests nothing")
		}
		empty++
		t.Log(what)
	}
	cmd := exec.Command(node, append([]string{"testdata/agreement/oxigraph.js", data, agreementBase}, queries...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oxigraph: %v", err)
	}
	var answers map[string]struct {
		OK     bool   `json:"ok"`
		Format string `json:"format"`
		Text   string `json:"text"`
		Error  string `json:"error"`
	}
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatalf("oxigraph output: %v", err)
	}

	st := memstore.New()
	f, err := os.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Load(turtle.NewDecoder(f, turtle.DecoderOptions{Base: agreementBase}))
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	if *update && fixture {
		writeExamples(t, st, queries)
	}
	for _, qf := range queries {
		name := strings.TrimSuffix(filepath.Base(qf), ".rq")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(qf)
			if err != nil {
				t.Fatal(err)
			}
			ans := answers[qf]
			if !ans.OK {
				t.Fatalf("oxigraph failed: %s", ans.Error)
			}
			res, err := Run(context.Background(), st, string(text), Options{})
			if err != nil {
				t.Fatalf("notegraph: %v", err)
			}
			switch res.Form {
			case algebra.Construct, algebra.Describe:
				want, err := turtle.NewDecoder(strings.NewReader(ans.Text), turtle.DecoderOptions{}), error(nil)
				var wq []rdf.Quad
				for {
					q, derr := want.Decode()
					if derr != nil {
						if derr.Error() != "EOF" {
							err = derr
						}
						break
					}
					wq = append(wq, q)
				}
				if err != nil {
					t.Fatalf("oxigraph N-Triples: %v", err)
				}
				if len(res.Quads) == 0 {
					noAnswer(t, "empty graph")
				}
				if !isomorphicQuads(res.Quads, wq) {
					t.Errorf("graphs differ: notegraph %d triples, oxigraph %d", len(res.Quads), len(wq))
				}
				return
			}
			want, err := results.ReadJSON(strings.NewReader(ans.Text))
			if err != nil {
				t.Fatalf("oxigraph JSON: %v", err)
			}
			got := &results.Table{Vars: res.Vars, Rows: res.Rows, IsBool: res.Form == algebra.Ask, Bool: res.Bool}
			if !got.IsBool && len(got.Rows) == 0 {
				noAnswer(t, "no solutions")
			}
			if why := compareTables(got, want); why != "" {
				var b strings.Builder
				results.WriteTSV(&b, got)
				b.WriteString("--- oxigraph:\n")
				results.WriteTSV(&b, want)
				t.Errorf("%s\n%s", why, b.String())
			}
		})
	}
}

// exampleQueries are the agreement queries shown in EXAMPLES.md.
var exampleQueries = []string{"01-who-accused-whom", "02-recalled-ambassadors", "03-hostile-chains", "05-both-accounts", "06-timeline-by-month", "30-alleged-by-other-side"}

// writeExamples renders EXAMPLES.md: each example query, without the
// PREFIX lines that notegraph predeclares, and its table output.
func writeExamples(t *testing.T, st Dataset, queries []string) {
	var b strings.Builder
	b.WriteString("# SPARQL examples\n\nGenerated by `go test ./query -update` over `testdata/agreement/fixture.ttl`.\nThe vocabulary prefixes (ng, ngt, rdf, rdfs, xsd, owl, skos, prov, oa, dcterms, sem,\nschema, org, wd, ...) are predeclared by `notegraph query`.\n")
	prefixes := map[string]string{
		"ng": "https://w3id.org/notegraph/ns#", "ngt": "https://w3id.org/notegraph/ns/event-type/",
		"rdf": rdf.RDFNS, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": rdf.XSD,
		"skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
		"oa": "http://www.w3.org/ns/oa#", "dcterms": "http://purl.org/dc/terms/",
		"sem": "http://semanticweb.cs.vu.nl/2009/11/sem/", "schema": "http://schema.org/",
		"org": "http://www.w3.org/ns/org#", "wd": "http://www.wikidata.org/entity/",
		"act": agreementBase + "actor/", "doc": agreementBase + "doc/", "ev": agreementBase + "event/",
	}
	for _, name := range exampleQueries {
		text, err := os.ReadFile(filepath.Join("testdata/agreement/queries", name+".rq"))
		if err != nil {
			t.Fatal(err)
		}
		var title string
		var body []string
		for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
			switch {
			case strings.HasPrefix(line, "# "):
				title = strings.TrimPrefix(line, "# ")
			case strings.HasPrefix(line, "PREFIX "):
			default:
				body = append(body, line)
			}
		}
		q := strings.Join(body, "\n")
		var out strings.Builder
		if err := Exec(context.Background(), st, q, "table", &out, Options{Prefixes: prefixes}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fmt.Fprintf(&b, "\n## %s\n\n```sparql\n%s\n```\n\n```\n%s```\n", title, q, out.String())
	}
	if err := os.WriteFile("EXAMPLES.md", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
