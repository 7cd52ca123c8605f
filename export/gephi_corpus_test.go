package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"notegraph/build"
	"notegraph/examples"
	"notegraph/extract"
	"notegraph/graph"
)

// gexfCorpusStore builds the bundled 1961 corpus into a fresh store, the
// way `notegraph build` does, so that the projection reads what the store
// really holds (typed dates included).
func gexfCorpusStore(t *testing.T) *graph.Store {
	t.Helper()
	st, err := graph.Open(filepath.Join(t.TempDir(), "db"), graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := build.FSInputs(examples.Corpus, "examples")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := build.Run(st, x, in, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range sum.Errors {
		t.Errorf("build: %v", e)
	}
	return st
}

// gexfShikinEdge finds the recall of Ambassador Shikin on 25 November 1961:
// a RECALL_AMBASSADOR edge of that date from the Soviet side to Albania
// whose theme is Shikin.
func gexfShikinEdge(p *Projection) *ProjectionEdge {
	labels := map[string]string{}
	for _, n := range p.Nodes {
		labels[n.ID] = n.Label
	}
	for i := range p.Edges {
		e := &p.Edges[i]
		if e.Kind == "RECALL_AMBASSADOR" && e.Start == "1961-11-25" &&
			strings.Contains(e.Attrs[projAttrTheme], "Shikin") &&
			strings.Contains(labels[e.Source], "Soviet") && strings.Contains(labels[e.Target], "Alban") {
			return e
		}
	}
	return nil
}

// TestCorpus1961 builds the bundled corpus once and checks the actor network
// and its picture.
func TestCorpus1961(t *testing.T) {
	st := gexfCorpusStore(t)
	t.Run("actor network", func(t *testing.T) { gexfCheckCorpusNetwork(t, st) })
	t.Run("picture", func(t *testing.T) { gexfCorpusPicture(t, st) })
}

func gexfCheckCorpusNetwork(t *testing.T, st *graph.Store) {
	p, err := Project(st, GephiOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1961 corpus: %d actors, %d edges", len(p.Nodes), len(p.Edges))
	e := gexfShikinEdge(p)
	if e == nil {
		for _, x := range p.Edges {
			if x.Kind == "RECALL_AMBASSADOR" {
				t.Logf("recall edge: %s → %s %s %v", x.Source, x.Target, x.Start, x.Attrs)
			}
		}
		t.Fatal("no edge for the recall of Ambassador Shikin on 1961-11-25")
	}
	for k, ok := range map[string]bool{
		"event_type":     e.Attrs[projAttrEventType] == "RECALL_AMBASSADOR",
		"cameo_code":     e.Attrs[projAttrCAMEO] == "161",
		"date":           e.Attrs[projAttrDate] == "1961-11-25",
		"label":          e.Label == "recall ambassador",
		"asserted_by":    e.Attrs[projAttrAssertedBy] != "",
		"stance":         strings.Contains(" Performed Alleged Reported ", " "+e.Attrs[projAttrStance]+" "),
		"document_title": e.Attrs[projAttrDocTitle] != "",
		"document":       strings.HasPrefix(e.Attrs[projAttrReport], e.Attrs[projAttrDocument]+"/") && e.Attrs[projAttrDocument] != "",
		"quote":          strings.Contains(e.Attrs[projAttrQuote], "Shikin"),
		"report":         e.ID == e.Attrs[projAttrReport],
	} {
		if !ok {
			t.Errorf("Shikin edge: wrong %s: %+v", k, e)
		}
	}

	// The independent readers find the same numbers and the same edge.
	dir := t.TempDir()
	files := map[string]string{}
	for name, v := range map[string]string{"gexf13": GEXF13, "gexf12": GEXF12Draft} {
		var b bytes.Buffer
		if err := p.EncodeGEXF(&b, v); err != nil {
			t.Fatal(err)
		}
		files[name] = filepath.Join(dir, name+".gexf")
		os.WriteFile(files[name], b.Bytes(), 0o644)
	}
	var b bytes.Buffer
	if err := p.EncodeGraphML(&b); err != nil {
		t.Fatal(err)
	}
	files["graphml"] = filepath.Join(dir, "g.graphml")
	os.WriteFile(files["graphml"], b.Bytes(), 0o644)

	xmllint := gexfTool(t, "xmllint")
	gexfRun(t, xmllint, "--noout", "--relaxng", filepath.Join(gexfRepoRoot, "..", "shared", "schemas", "gexf", "1.3", "gexf.rng"), files["gexf13"])
	gexfRun(t, xmllint, "--noout", "--relaxng", filepath.Join(gexfRepoRoot, "..", "shared", "schemas", "gexf", "1.2draft", "gexf.vizns-localfix.rng"), files["gexf12"])

	py, node := gexfTool(t, "python3"), gexfTool(t, "node")
	for reader, out := range map[string]string{
		"networkx-gexf":    gexfRun(t, py, "-c", gexfNetworkxScript, files["gexf12"], "gexf", e.ID, e.Target),
		"networkx-graphml": gexfRun(t, py, "-c", gexfNetworkxScript, files["graphml"], "graphml", e.ID, e.Target),
		"graphology":       gexfRun(t, node, "-e", gexfGraphologyScript, gexfNodeModules(t), files["gexf13"], e.ID, e.Target),
	} {
		rb := gexfDecode(t, reader, out)
		if rb.Nodes != len(p.Nodes) || rb.Edges != len(p.Edges) {
			t.Errorf("%s: %d nodes, %d edges; want %d, %d", reader, rb.Nodes, rb.Edges, len(p.Nodes), len(p.Edges))
		}
		if rb.Edge == nil {
			t.Errorf("%s: no edge %s", reader, e.ID)
			continue
		}
		for _, k := range []string{projAttrEventType, projAttrDate, projAttrTheme, projAttrQuote, projAttrAssertedBy, projAttrDocTitle} {
			if got, _ := rb.Edge[k].(string); got != e.Attrs[k] {
				t.Errorf("%s: Shikin edge %s = %q, want %q", reader, k, rb.Edge[k], e.Attrs[k])
			}
		}
	}
}

// gexfCorpusPicture renders the actor network with Graphviz. With -update
// it writes the README's picture, docs/actor-network.svg and .png.
func gexfCorpusPicture(t *testing.T, st *graph.Store) {
	var b bytes.Buffer
	if err := WriteDOT(&b, st, GephiOptions{}); err != nil {
		t.Fatal(err)
	}
	dot := gexfTool(t, "dot")
	src := filepath.Join(t.TempDir(), "actors.dot")
	os.WriteFile(src, b.Bytes(), 0o644)
	svg := gexfRun(t, dot, "-Tsvg", src)
	for _, want := range []string{"RECALL_AMBASSADOR", "edges: event type", "nodes: kind", "<title>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("picture lacks %q", want)
		}
	}
	if gexfUpdating() {
		docs := filepath.Join(gexfRepoRoot, "docs")
		if err := os.MkdirAll(docs, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(docs, "actor-network.svg"), []byte(svg), 0o644); err != nil {
			t.Fatal(err)
		}
		gexfRun(t, dot, "-Tpng", "-Gdpi=72", src, "-o", filepath.Join(docs, "actor-network.png"))
	}
}
