package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"notegraph/ontology"
)

// The -update flag regenerates golden files. Another test file of this
// package may define it too; whoever comes first defines it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func gexfUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const gexfRepoRoot = ".."

// gexfTool finds a validator or fails the test with a message that says how
// to install it: CI installs them all, so a missing one is an error.
func gexfTool(t *testing.T, name string) string {
	t.Helper()
	if name == "python3" {
		if _, err := os.Stat("/usr/bin/python3"); err == nil {
			return "/usr/bin/python3"
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (apt-get install -y libxml2-utils python3-networkx graphviz nodejs; see ../shared/docs/VALIDATORS.md): %v", name, err)
	}
	return p
}

func gexfNodeModules(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(gexfRepoRoot, ".tools", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"graphology", "graphology-gexf"} {
		if _, err := os.Stat(filepath.Join(dir, m, "package.json")); err != nil {
			t.Fatalf("npm package %s is missing (npm install --prefix .tools graphology graphology-gexf): %v", m, err)
		}
	}
	return dir
}

func gexfRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// gexfWrite renders the fixture in one format into a temporary file.
func gexfWrite(t *testing.T, format string, opts GephiOptions) string {
	t.Helper()
	var buf bytes.Buffer
	var err error
	ext := format
	switch format {
	case "gexf13":
		opts.GEXFVersion, ext = GEXF13, "gexf"
		err = WriteGEXF(&buf, gexfFixtureQuads(), opts)
	case "gexf12":
		opts.GEXFVersion, ext = GEXF12Draft, "gexf"
		err = WriteGEXF(&buf, gexfFixtureQuads(), opts)
	case "graphml":
		err = WriteGraphML(&buf, gexfFixtureQuads(), opts)
	case "dot":
		err = WriteDOT(&buf, gexfFixtureQuads(), opts)
	default:
		t.Fatalf("no format %s", format)
	}
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	path := filepath.Join(t.TempDir(), "graph."+ext)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var gexfProjections = []string{ProjectionActors, ProjectionBipartite, ProjectionRDF}

func TestGEXFValidatesAgainstRelaxNG(t *testing.T) {
	xmllint := gexfTool(t, "xmllint")
	schemas := map[string]string{
		"gexf13": filepath.Join(gexfRepoRoot, "..", "shared", "schemas", "gexf", "1.3", "gexf.rng"),
		"gexf12": filepath.Join(gexfRepoRoot, "..", "shared", "schemas", "gexf", "1.2draft", "gexf.vizns-localfix.rng"),
	}
	for format, schema := range schemas {
		if _, err := os.Stat(schema); err != nil {
			t.Fatalf("schema missing: %v", err)
		}
		for _, proj := range gexfProjections {
			for _, opts := range []GephiOptions{
				{Projection: proj},
				{Projection: proj, Types: []string{"ACCUSE"}, From: "1961-11"},
			} {
				path := gexfWrite(t, format, opts)
				out := gexfRun(t, xmllint, "--noout", "--relaxng", schema, path)
				_ = out
			}
		}
	}
}

// A schema that accepts everything would make the test above worthless:
// the same validator must reject a file with a wrong namespace and one
// with a hex colour where r/g/b belong.
func TestGEXFRelaxNGRejectsBrokenFiles(t *testing.T) {
	xmllint := gexfTool(t, "xmllint")
	schema := filepath.Join(gexfRepoRoot, "..", "shared", "schemas", "gexf", "1.3", "gexf.rng")
	good, err := os.ReadFile(gexfWrite(t, "gexf13", GephiOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"https namespace": strings.Replace(string(good), `xmlns="http://gexf.net/1.3"`, `xmlns="https://gexf.net/1.3"`, 1),
		"bad edge type":   strings.Replace(string(good), `defaultedgetype="directed"`, `defaultedgetype="sideways"`, 1),
	} {
		if bad == string(good) {
			t.Fatalf("%s: mutation did not apply", name)
		}
		path := filepath.Join(t.TempDir(), "bad.gexf")
		os.WriteFile(path, []byte(bad), 0o644)
		if err := exec.Command(xmllint, "--noout", "--relaxng", schema, path).Run(); err == nil {
			t.Errorf("%s: xmllint accepted a broken file", name)
		}
	}
}

// gexfReadBack is what an independent reader found in a file.
type gexfReadBack struct {
	Nodes, Edges int
	Directed     bool `json:"directed"`
	Edge         map[string]any
	Labels       map[string]string
	Color        map[string]any
}

const gexfNetworkxScript = `
import sys, json
import networkx as nx
path, fmt, edge_id, node_id = sys.argv[1:5]
G = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
out = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed()}
edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
for u, v, k, d in edges:
    if k == edge_id or d.get("id") == edge_id:
        e = {key: str(val) for key, val in d.items()}
        e["_source"], e["_target"] = u, v
        out["edge"] = e
out["labels"] = {n: d.get("label") for n, d in G.nodes(data=True)}
nd = G.nodes[node_id]
if "viz" in nd:
    out["color"] = nd["viz"]["color"]
else:
    out["color"] = {c: nd.get(c) for c in "rgb"}
print(json.dumps(out))
`

const gexfGraphologyScript = `
const [mods, path, edgeId, nodeId] = process.argv.slice(1);
const fs = require("fs");
const Graph = require(mods + "/graphology");
const gexf = require(mods + "/graphology-gexf");
const g = gexf.parse(Graph, fs.readFileSync(path, "utf8"));
const out = {nodes: g.order, edges: g.size, directed: g.type === "directed", labels: {}};
g.forEachNode((n, a) => { out.labels[n] = a.label; });
if (g.hasEdge(edgeId)) {
  out.edge = Object.assign({_source: g.source(edgeId), _target: g.target(edgeId)}, g.getEdgeAttributes(edgeId));
}
out.color = {c: g.getNodeAttribute(nodeId, "color")};
console.log(JSON.stringify(out));
`

func gexfReadWith(t *testing.T, reader, path string) gexfReadBack {
	t.Helper()
	var out string
	switch reader {
	case "networkx-gexf":
		out = gexfRun(t, gexfTool(t, "python3"), "-c", gexfNetworkxScript, path, "gexf", gexfShikinReport, gexfAlbania)
	case "networkx-graphml":
		out = gexfRun(t, gexfTool(t, "python3"), "-c", gexfNetworkxScript, path, "graphml", gexfShikinReport, gexfAlbania)
	case "graphology":
		out = gexfRun(t, gexfTool(t, "node"), "-e", gexfGraphologyScript, gexfNodeModules(t), path, gexfShikinReport, gexfAlbania)
	}
	return gexfDecode(t, reader, out)
}

func gexfDecode(t *testing.T, reader, out string) gexfReadBack {
	t.Helper()
	var rb gexfReadBack
	if err := json.Unmarshal([]byte(out), &rb); err != nil {
		t.Fatalf("%s printed %q: %v", reader, out, err)
	}
	return rb
}

// Independent readers find the expected numbers of nodes and edges, the
// attributes of the recall of Ambassador Shikin, and labels with &, <,
// quotes and non-ASCII exactly as they are in the graph.
func TestIndependentReadersReadTheActorNetwork(t *testing.T) {
	for _, c := range []struct{ format, reader string }{
		{"gexf12", "networkx-gexf"},
		{"graphml", "networkx-graphml"},
		{"gexf13", "graphology"},
	} {
		t.Run(c.reader, func(t *testing.T) {
			rb := gexfReadWith(t, c.reader, gexfWrite(t, c.format, GephiOptions{}))
			if rb.Nodes != 7 || rb.Edges != 8 {
				t.Errorf("%d nodes and %d edges, want 7 and 8", rb.Nodes, rb.Edges)
			}
			if !rb.Directed {
				t.Error("graph read as undirected")
			}
			e := rb.Edge
			if e == nil {
				t.Fatalf("no edge with id %s", gexfShikinReport)
			}
			want := map[string]string{
				"_source": gexfSovietGov, "_target": gexfAlbania,
				"label": "recall ambassador", "event_type": "RECALL_AMBASSADOR", "cameo_code": "161",
				"date": "1961-11-25", "asserted_by": "Soviet Government", "stance": "Performed",
				"theme":          "J. V. Shikin",
				"document_title": "USSR MFA statement on the recall of Ambassador Shikin (25 Nov 1961)",
				"document":       gexfBase + "doc/ussr-statement-1961-11-25",
				"quote":          gexfShikinQuote, "report": gexfShikinReport,
			}
			switch c.reader {
			case "networkx-gexf":
				want["start"] = "1961-11-25"
			case "networkx-graphml":
				want["start"], want["kind"] = "1961-11-25", "RECALL_AMBASSADOR"
			case "graphology":
				want["kind"] = "RECALL_AMBASSADOR"
			}
			for k, v := range want {
				if got, _ := e[k].(string); got != v {
					t.Errorf("Shikin edge %s = %q, want %q", k, e[k], v)
				}
			}
			if got := rb.Labels[gexfBase+"actor/odd"]; got != gexfOddLabel {
				t.Errorf("label read back as %q, want %q", got, gexfOddLabel)
			}
			if len(rb.Color) == 0 {
				t.Error("no colour read back")
			}
			t.Logf("%s colour of Albania: %v", c.reader, rb.Color)
		})
	}
}

// The quote with a line break, &, <, quotes and Greek survives in the
// attribute values of every XML format.
func TestQuotesSurviveInAttributes(t *testing.T) {
	py := gexfTool(t, "python3")
	script := `
import sys, networkx as nx
G = nx.read_gexf(sys.argv[1]) if sys.argv[2] == "gexf" else nx.read_graphml(sys.argv[1])
for u, v, d in G.edges(data=True):
    if d.get("event_type") == "REJECT":
        sys.stdout.write(d["quote"])
`
	for _, format := range []string{"gexf12", "graphml"} {
		kind := "gexf"
		if format == "graphml" {
			kind = "graphml"
		}
		got := gexfRun(t, py, "-c", script, gexfWrite(t, format, GephiOptions{}), kind)
		if got != gexfOddQuote {
			t.Errorf("%s: quote read back as %q, want %q", format, got, gexfOddQuote)
		}
	}
}

// Python's csv module reads the spreadsheet tables back: the same rows, the
// Gephi column names, and the hostile label and quote intact.
func TestCSVReadBack(t *testing.T) {
	py := gexfTool(t, "python3")
	dir := t.TempDir()
	var nodes, edges bytes.Buffer
	if err := WriteCSV(&nodes, &edges, gexfFixtureQuads(), GephiOptions{}); err != nil {
		t.Fatal(err)
	}
	np, ep := filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	os.WriteFile(np, nodes.Bytes(), 0o644)
	os.WriteFile(ep, edges.Bytes(), 0o644)
	script := `
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    edges = list(csv.DictReader(f))
print(json.dumps({"nodes": nodes, "edges": edges}))
`
	var got struct{ Nodes, Edges []map[string]string }
	if err := json.Unmarshal([]byte(gexfRun(t, py, "-c", script, np, ep)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Nodes) != 7 || len(got.Edges) != 8 {
		t.Fatalf("%d node rows, %d edge rows; want 7 and 8", len(got.Nodes), len(got.Edges))
	}
	labelOK, quoteOK, shikinOK := false, false, false
	for _, n := range got.Nodes {
		labelOK = labelOK || n["Label"] == gexfOddLabel
	}
	for _, e := range got.Edges {
		quoteOK = quoteOK || e["quote"] == gexfOddQuote
		if e["Id"] == gexfShikinReport {
			shikinOK = e["Source"] == gexfSovietGov && e["Target"] == gexfAlbania && e["Type"] == "Directed" &&
				e["Kind"] == "RECALL_AMBASSADOR" && e["Timeset"] == "<[1961-11-25]>" && e["theme"] == "J. V. Shikin"
		}
	}
	if !labelOK || !quoteOK || !shikinOK {
		t.Errorf("label intact %v, quote intact %v, Shikin row right %v", labelOK, quoteOK, shikinOK)
	}
}

func TestGephiFilters(t *testing.T) {
	st := func(n string) string { return gexfBase + "doc/ussr-statement-1961-11-25/event/" + n }
	vn := func(n string) string { return gexfBase + "doc/soviet-verbal-note-1961-11-25/event/" + n }
	an := func(n string) string { return gexfBase + "doc/albanian-note-1961-12-09/event/" + n }
	for _, c := range []struct {
		name  string
		opts  GephiOptions
		edges []string
	}{
		{"none", GephiOptions{}, []string{st("001"), st("002"), st("004"), vn("001#1"), vn("001#2"), vn("002"), an("001"), an("002")}},
		{"type", GephiOptions{Types: []string{"recall_ambassador"}}, []string{st("004")}},
		{"two types", GephiOptions{Types: []string{"PROTEST", ontology.Scheme + "REJECT"}}, []string{vn("002"), an("002")}},
		{"comma-separated types", GephiOptions{Types: []string{"protest, RECALL_AMBASSADOR"}}, []string{vn("002"), st("004")}},
		{"date range", GephiOptions{From: "1961-11-25", To: "1961-11-30"}, []string{st("001"), st("004"), vn("001#1"), vn("001#2")}},
		{"month range", GephiOptions{From: "1961-11", To: "1961-11"}, []string{st("001"), st("002"), st("004"), vn("001#1"), vn("001#2")}},
		{"from only", GephiOptions{From: "1961-12-01"}, []string{an("001")}},
		{"to only", GephiOptions{To: "1961-01"}, []string{an("002")}},
		{"asserted by label", GephiOptions{AssertedBy: "albanian government"}, []string{an("002")}},
		{"asserted by alt label", GephiOptions{AssertedBy: "Government of the USSR"}, []string{st("001"), st("002"), st("004"), an("001")}},
		{"asserted by IRI", GephiOptions{AssertedBy: gexfBase + "actor/mfa-ussr"}, []string{vn("001#1"), vn("001#2"), vn("002")}},
		{"asserted by nobody's reports", GephiOptions{AssertedBy: "http://www.wikidata.org/entity/Q222"}, nil},
		{"asserted by Q-number", GephiOptions{AssertedBy: "wd:Q222"}, nil},
		{"all three combine", GephiOptions{Types: []string{"ACCUSE"}, From: "1961-11-01", To: "1961-12-31", AssertedBy: "Soviet Government"}, []string{st("001"), an("001")}},
		{"type and date", GephiOptions{Types: []string{"ACCUSE"}, To: "1961-11-30"}, []string{st("001"), vn("001#1"), vn("001#2")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Project(gexfFixtureQuads(), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range p.Edges {
				got = append(got, e.ID)
			}
			if strings.Join(projUnique(got), " ") != strings.Join(projUnique(append([]string(nil), c.edges...)), " ") {
				t.Errorf("edges\n got %v\nwant %v", got, c.edges)
			}
			// every node is an endpoint of a kept edge
			ends := map[string]bool{}
			for _, e := range p.Edges {
				ends[e.Source], ends[e.Target] = true, true
			}
			if len(p.Nodes) != len(ends) {
				t.Errorf("%d nodes for %d edge endpoints", len(p.Nodes), len(ends))
			}
		})
	}
}

func TestGephiFilterErrors(t *testing.T) {
	for _, opts := range []GephiOptions{
		{Types: []string{"EXPELL"}},
		{From: "25 Nov 1961"},
		{To: "1961-13"},
		{From: "1961-12", To: "1961-11"},
		{AssertedBy: "Nobody At All"},
		{AssertedBy: "Q1"},
		{Types: []string{"ACCUSE,EXPELL"}},
		{Projection: "matrix"},
		{GEXFVersion: "2.0"},
	} {
		err := WriteGEXF(&bytes.Buffer{}, gexfFixtureQuads(), opts)
		if !errors.Is(err, ErrGephiOption) {
			t.Errorf("%+v: error %v, want an ErrGephiOption", opts, err)
		}
	}
}

func TestFiltersApplyToEveryProjection(t *testing.T) {
	opts := GephiOptions{Types: []string{"RECALL_AMBASSADOR"}}
	bi, err := Project(gexfFixtureQuads(), GephiOptions{Projection: ProjectionBipartite, Types: opts.Types})
	if err != nil {
		t.Fatal(err)
	}
	// the report, its agent, target, theme (Shikin) and asserting actor (the agent again)
	if len(bi.Nodes) != 4 || len(bi.Edges) != 4 {
		t.Errorf("bipartite: %d nodes, %d edges; want 4 and 4", len(bi.Nodes), len(bi.Edges))
	}
	full, err := Project(gexfFixtureQuads(), GephiOptions{Projection: ProjectionRDF})
	if err != nil {
		t.Fatal(err)
	}
	cut, err := Project(gexfFixtureQuads(), GephiOptions{Projection: ProjectionRDF, Types: opts.Types})
	if err != nil {
		t.Fatal(err)
	}
	// 7 of 8 reports go, each with its evidence, quote and position
	// selectors; so do the stances only they used (ng:Alleged, ng:Reported)
	kept := map[string]bool{}
	for _, n := range cut.Nodes {
		kept[n.ID] = true
	}
	var gone []string
	for _, n := range full.Nodes {
		if !kept[n.ID] && !strings.Contains(n.ID, "/event/") {
			gone = append(gone, n.ID)
		}
	}
	if len(full.Nodes)-len(cut.Nodes) != 7*4+2 || strings.Join(gone, " ") != ontology.Alleged+" "+ontology.Reported {
		t.Errorf("rdf: filtering removed %d nodes, want 30; non-event nodes removed: %v", len(full.Nodes)-len(cut.Nodes), gone)
	}
	for _, n := range cut.Nodes {
		if strings.Contains(n.ID, "/event/") && !strings.HasPrefix(n.ID, gexfShikinReport) {
			t.Errorf("rdf: filtered report part %s kept", n.ID)
		}
	}
}

func TestBipartiteAndRDFProjections(t *testing.T) {
	bi, err := Project(gexfFixtureQuads(), GephiOptions{Projection: ProjectionBipartite})
	if err != nil {
		t.Fatal(err)
	}
	if len(bi.Nodes) != 16 || len(bi.Edges) != 25 {
		t.Errorf("bipartite: %d nodes, %d edges; want 16 and 25", len(bi.Nodes), len(bi.Edges))
	}
	roles := map[string]int{}
	for _, e := range bi.Edges {
		roles[e.Kind]++
		if e.Kind == "theme" && (e.Source != gexfShikinReport || e.Target != gexfBase+"actor/shikin") {
			t.Errorf("theme edge %s → %s", e.Source, e.Target)
		}
	}
	if roles["agent"] != 8 || roles["target"] != 8 || roles["theme"] != 1 || roles["asserted_by"] != 8 {
		t.Errorf("roles %v", roles)
	}

	r, err := Project(gexfFixtureQuads(), GephiOptions{Projection: ProjectionRDF})
	if err != nil {
		t.Fatal(err)
	}
	var shikin, recall *ProjectionNode
	for i := range r.Nodes {
		switch r.Nodes[i].ID {
		case gexfBase + "actor/shikin":
			shikin = &r.Nodes[i]
		case gexfShikinReport:
			recall = &r.Nodes[i]
		}
	}
	if shikin == nil || recall == nil {
		t.Fatal("rdf projection lacks Shikin or the recall report")
	}
	if shikin.Attrs["type"] != "schema:Person" || shikin.Attrs["rdfs:label"] != "J. V. Shikin" || shikin.Attrs["skos:altLabel"] != "Shikin" {
		t.Errorf("Shikin's attributes: %v", shikin.Attrs)
	}
	if recall.Attrs["type"] != "ng:EventReport | sem:Event" || recall.Attrs["ng:date"] != "1961-11-25" || recall.Start != "1961-11-25" {
		t.Errorf("recall report: start %q, attributes %v", recall.Start, recall.Attrs)
	}
	found := false
	for _, e := range r.Edges {
		if e.Kind == "rdf:type" {
			t.Errorf("rdf:type became an edge: %v", e)
		}
		if e.Source == gexfShikinReport && e.Target == gexfBase+"actor/shikin" && e.Kind == "ng:theme" && e.Start == "1961-11-25" {
			found = true
		}
	}
	if !found {
		t.Error("no dated ng:theme edge from the recall to Shikin")
	}
}

func TestDynamicTimeline(t *testing.T) {
	p, err := Project(gexfFixtureQuads(), GephiOptions{})
	if err != nil {
		t.Fatal(err)
	}
	starts := map[string]string{}
	for _, e := range p.Edges {
		starts[strings.TrimPrefix(e.ID, gexfBase+"doc/")] = e.Start
	}
	for id, want := range map[string]string{
		"ussr-statement-1961-11-25/event/004":     "1961-11-25", // xsd:date
		"ussr-statement-1961-11-25/event/002":     "1961-11-01", // gYearMonth: first day
		"albanian-note-1961-12-09/event/002":      "1961-01-01", // gYear: first day
		"soviet-verbal-note-1961-11-25/event/002": "",           // undated: no start
	} {
		if starts[id] != want {
			t.Errorf("%s starts %q, want %q", id, starts[id], want)
		}
	}
	for _, n := range p.Nodes {
		switch n.ID {
		case gexfAlbania:
			if n.Start != "1961-11-25" {
				t.Errorf("Albania appears %q, want with its first edge 1961-11-25", n.Start)
			}
		case gexfBase + "actor/albanian-embassy-moscow":
			if n.Start != "" {
				t.Errorf("the embassy has an undated edge but appears only at %q", n.Start)
			}
		}
	}
	gexf, err := os.ReadFile(gexfWrite(t, "gexf13", GephiOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(gexf, []byte(`mode="dynamic" timeformat="date"`)) {
		t.Error("GEXF graph is not dynamic with timeformat date")
	}
}

func TestProjectionDeterministic(t *testing.T) {
	qs := gexfFixtureQuads()
	var want bytes.Buffer
	if err := WriteGEXF(&want, qs, GephiOptions{Projection: ProjectionRDF}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5; i++ {
		sh := append(gexfQuads(nil), qs...)
		rng.Shuffle(len(sh), func(a, b int) { sh[a], sh[b] = sh[b], sh[a] })
		sh = append(sh, sh[:10]...) // duplicates, as when a triple sits in two graphs
		var got bytes.Buffer
		if err := WriteGEXF(&got, sh, GephiOptions{Projection: ProjectionRDF}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatal("output depends on the order of the quads")
		}
	}
}

func TestDOTRendersWithGraphviz(t *testing.T) {
	dot := gexfTool(t, "dot")
	path := gexfWrite(t, "dot", GephiOptions{})
	svg := gexfRun(t, dot, "-Tsvg", path)
	p, err := Project(gexfFixtureQuads(), GephiOptions{})
	if err != nil {
		t.Fatal(err)
	}
	recall := ""
	for _, l := range p.EdgeLegend {
		if l.Key == "RECALL_AMBASSADOR" {
			recall = l.Color.Hex()
		}
	}
	if recall == "" || recall == p.EdgeLegend[0].Color.Hex() {
		t.Fatalf("RECALL_AMBASSADOR has no colour of its own: %v", p.EdgeLegend)
	}
	// the edge is drawn in its type's colour
	for _, want := range []string{"RECALL_AMBASSADOR", "Albanian People&#39;s Republic", "Smith &amp; &lt;Sons&gt;", `stroke="` + recall + `"`, "nodes: kind"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestDateRange(t *testing.T) {
	for _, c := range []struct{ in, lo, hi string }{
		{"1961-11-25", "1961-11-25", "1961-11-25"},
		{"1961-11-25Z", "1961-11-25", "1961-11-25"},
		{"1961-11-25+01:00", "1961-11-25", "1961-11-25"},
		{"1961-11", "1961-11-01", "1961-11-30"},
		{"1960-02", "1960-02-01", "1960-02-29"},
		{"1961-02", "1961-02-01", "1961-02-28"},
		{"1961", "1961-01-01", "1961-12-31"},
		{"1961-02-29", "", ""},
		{"1961-13", "", ""},
		{"61", "", ""},
		{"", "", ""},
		{"1961-1-5", "", ""},
	} {
		lo, hi, ok := projDateRange(c.in)
		if lo != c.lo || hi != c.hi || ok != (c.lo != "") {
			t.Errorf("%q: %q %q %v, want %q %q", c.in, lo, hi, ok, c.lo, c.hi)
		}
	}
}

// Golden files: each format of each projection, reviewed in diffs.
func TestGephiGolden(t *testing.T) {
	dir := filepath.Join("testdata", "gephi")
	for _, c := range []struct {
		file string
		opts GephiOptions
		fn   func(*Projection, *bytes.Buffer) error
	}{
		{"actors.gexf", GephiOptions{}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeGEXF(b, GEXF13) }},
		{"actors.1.2draft.gexf", GephiOptions{}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeGEXF(b, GEXF12Draft) }},
		{"actors.graphml", GephiOptions{}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeGraphML(b) }},
		{"actors.nodes.csv", GephiOptions{}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeCSV(b, &bytes.Buffer{}) }},
		{"actors.edges.csv", GephiOptions{}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeCSV(&bytes.Buffer{}, b) }},
		{"actors.dot", GephiOptions{}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeDOT(b) }},
		{"actors.accuse-soviet.gexf", GephiOptions{Types: []string{"ACCUSE"}, AssertedBy: "Soviet Government"}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeGEXF(b, GEXF13) }},
		{"bipartite.gexf", GephiOptions{Projection: ProjectionBipartite}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeGEXF(b, GEXF13) }},
		{"rdf.gexf", GephiOptions{Projection: ProjectionRDF}, func(p *Projection, b *bytes.Buffer) error { return p.EncodeGEXF(b, GEXF13) }},
	} {
		t.Run(c.file, func(t *testing.T) {
			p, err := Project(gexfFixtureQuads(), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := c.fn(p, &got); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.file)
			if gexfUpdating() {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGephiGolden -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from the golden file; run with -update and review the diff\n%s", c.file, got.String())
			}
		})
	}
}
