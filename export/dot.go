package export

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteDOT writes the projection opts selects (the actor network by
// default) as a Graphviz digraph: nodes coloured by kind, edges coloured by
// event type, parallel edges of one type drawn once with a width that grows
// with their number, and a legend. `dot -Tsvg` renders it.
func WriteDOT(w io.Writer, src QuadSource, opts GephiOptions) error {
	p, err := Project(src, opts)
	if err != nil {
		return err
	}
	return p.EncodeDOT(w)
}

// dotEdge is the edges of one type between one pair of nodes.
type dotEdge struct {
	source, target, kind, label string
	color                       RGB
	n                           int
	dates                       []string
}

// EncodeDOT serialises the projection as a Graphviz digraph.
func (p *Projection) EncodeDOT(w io.Writer) error {
	bw := bufio.NewWriter(w)
	q := dotQuote
	fmt.Fprintf(bw, "digraph %s {\n", q("notegraph "+p.Kind))
	// neato spreads an actor network better than dot's layers; the layout
	// attribute makes `dot -Tsvg` use it too.
	fmt.Fprintf(bw, "  graph [layout=neato, overlap=false, splines=true, sep=\"+14\", outputorder=edgesfirst, fontname=\"Helvetica\", fontsize=18, labelloc=t, label=%s];\n", q(p.description()))
	bw.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, penwidth=1.5];\n")
	bw.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n")

	for _, n := range p.Nodes {
		fmt.Fprintf(bw, "  %s [label=%s, color=%s, fillcolor=%s, tooltip=%s];\n",
			q(n.ID), q(n.Label), q(n.Color.Hex()), q(n.Color.Hex()+"40"), q(strings.TrimSpace(n.Attrs[projAttrKind]+" "+n.ID)))
	}

	agg := map[[3]string]*dotEdge{}
	var order []*dotEdge
	for _, e := range p.Edges {
		k := [3]string{e.Source, e.Target, e.Kind}
		d := agg[k]
		if d == nil {
			d = &dotEdge{source: e.Source, target: e.Target, kind: e.Kind, label: e.Label, color: e.Color}
			agg[k] = d
			order = append(order, d)
		}
		d.n++
		if e.Start != "" {
			d.dates = append(d.dates, e.Start)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.source != b.source {
			return a.source < b.source
		}
		if a.target != b.target {
			return a.target < b.target
		}
		return a.kind < b.kind
	})
	for _, d := range order {
		width := 1.2 + 0.8*float64(d.n-1)
		if width > 6 {
			width = 6
		}
		tip := fmt.Sprintf("%s ×%d", d.kind, d.n)
		if len(d.dates) > 0 {
			tip += ": " + strings.Join(projUnique(d.dates), ", ")
		}
		label := ""
		if d.n > 1 {
			label = fmt.Sprintf("%d", d.n)
		}
		fmt.Fprintf(bw, "  %s -> %s [color=%s, fontcolor=%s, penwidth=%.1f, label=%s, tooltip=%s];\n",
			q(d.source), q(d.target), q(d.color.Hex()), q(d.color.Hex()), width, q(label), q(tip))
	}

	if len(p.EdgeLegend) > 0 || len(p.NodeLegend) > 0 {
		bw.WriteString("  legend [shape=plain, style=\"\", label=<")
		bw.WriteString(dotLegendTable(p))
		bw.WriteString(">];\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// dotLegendTable is an HTML-like Graphviz label; every text in it is XML-escaped.
func dotLegendTable(p *Projection) string {
	var b bytes.Buffer
	esc := func(s string) {
		xml.EscapeText(&b, []byte(s))
	}
	b.WriteString(`<table border="1" cellborder="0" cellspacing="2" cellpadding="2" color="#999999">`)
	section := func(title string, entries []LegendEntry, edge bool) {
		if len(entries) == 0 {
			return
		}
		b.WriteString(`<tr><td colspan="2" align="left"><b>`)
		esc(title)
		b.WriteString(`</b></td></tr>`)
		for _, e := range entries {
			b.WriteString(`<tr><td width="28" bgcolor="`)
			esc(e.Color.Hex())
			if !edge {
				b.WriteString(`40" border="1" color="`)
				esc(e.Color.Hex())
			}
			b.WriteString(`"></td><td align="left">`)
			esc(e.Key)
			if e.Label != "" && !strings.EqualFold(strings.ReplaceAll(e.Key, "_", " "), e.Label) {
				b.WriteString(` (`)
				esc(e.Label)
				b.WriteString(`)`)
			}
			b.WriteString(`</td></tr>`)
		}
	}
	edgeTitle := "edges: event type"
	if p.Kind == ProjectionBipartite {
		edgeTitle = "edges: role"
	}
	section(edgeTitle, p.EdgeLegend, true)
	section("nodes: kind", p.NodeLegend, false)
	b.WriteString(`</table>`)
	return b.String()
}

// dotQuote writes s as a DOT double-quoted string.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
