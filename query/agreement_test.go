package query

import (
	"context"
	"encoding/json"
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
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: the agreement test needs node and the npm package oxigraph in .tools/node_modules")
	}
	modules, _ := filepath.Abs("../.tools/node_modules")
	if _, err := os.Stat(filepath.Join(modules, "oxigraph")); err != nil {
		t.Fatalf("npm package oxigraph missing in %s (npm install --prefix .tools oxigraph): %v", modules, err)
	}
	data := os.Getenv("NOTEGRAPH_AGREEMENT_TTL")
	if data == "" {
		data = "testdata/agreement/fixture.ttl"
	}
	queries, _ := filepath.Glob("testdata/agreement/queries/*.rq")
	sort.Strings(queries)
	if len(queries) < 30 {
		t.Fatalf("only %d agreement queries", len(queries))
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
					t.Fatal("empty graph: the query tests nothing")
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
				t.Fatal("no solutions: the query tests nothing")
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
