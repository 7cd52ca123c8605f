package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// GEXF namespaces. Readers match them exactly: http, not https, and the
// 1.3 namespace has no "www." while 1.2draft's has.
var gexfNamespaces = map[string]struct{ ns, viz, version string }{
	GEXF13:      {"http://gexf.net/1.3", "http://gexf.net/1.3/viz", "1.3"},
	GEXF12Draft: {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2"},
}

// WriteGEXF writes the projection opts selects as GEXF (1.3 unless
// opts.GEXFVersion is "1.2draft"): a directed, dynamic graph whose
// timeline is the event dates.
func WriteGEXF(w io.Writer, src QuadSource, opts GephiOptions) error {
	if _, err := gexfVersion(opts.GEXFVersion); err != nil {
		return err
	}
	p, err := Project(src, opts)
	if err != nil {
		return err
	}
	return p.EncodeGEXF(w, opts.GEXFVersion)
}

func gexfVersion(v string) (string, error) {
	switch v {
	case "", "1.3", "13":
		return GEXF13, nil
	case "1.2", "1.2draft", "12":
		return GEXF12Draft, nil
	}
	return "", fmt.Errorf("%w: unknown GEXF version %q (want 1.3 or 1.2draft)", ErrGephiOption, v)
}

// EncodeGEXF serialises the projection as GEXF of the given version.
// Attribute ids equal their titles; colours are viz:color r/g/b; edges keep
// their own ids, so parallel edges stay separate.
func (p *Projection) EncodeGEXF(w io.Writer, version string) error {
	v, err := gexfVersion(version)
	if err != nil {
		return err
	}
	ns := gexfNamespaces[v]
	x := newProjXML(w)
	x.open("gexf", "xmlns", ns.ns, "xmlns:viz", ns.viz, "version", ns.version)
	x.open("meta")
	x.text("creator", "notegraph")
	x.text("description", p.description())
	x.close("meta")

	graph := []string{"defaultedgetype", "directed"}
	if p.Dynamic() {
		graph = append(graph, "mode", "dynamic", "timeformat", "date")
	} else {
		graph = append(graph, "mode", "static")
	}
	x.open("graph", graph...)
	for _, c := range []struct {
		class  string
		titles []string
	}{{"node", p.NodeAttrs}, {"edge", p.EdgeAttrs}} {
		x.open("attributes", "class", c.class, "mode", "static")
		for _, t := range c.titles {
			x.empty("attribute", "id", t, "title", t, "type", "string")
		}
		x.close("attributes")
	}

	x.open("nodes", "count", strconv.Itoa(len(p.Nodes)))
	for _, n := range p.Nodes {
		x.open("node", "id", n.ID, "label", n.Label, "start", n.Start)
		gexfAttvalues(x, p.NodeAttrs, n.Attrs)
		gexfColor(x, n.Color)
		x.close("node")
	}
	x.close("nodes")

	x.open("edges", "count", strconv.Itoa(len(p.Edges)))
	for _, e := range p.Edges {
		attrs := []string{"id", e.ID, "source", e.Source, "target", e.Target, "label", e.Label}
		if v == GEXF13 {
			// kind is new in 1.3; 1.2draft readers find the type in the attributes
			attrs = append(attrs, "kind", e.Kind)
		}
		attrs = append(attrs, "start", e.Start)
		x.open("edge", attrs...)
		gexfAttvalues(x, p.EdgeAttrs, e.Attrs)
		gexfColor(x, e.Color)
		x.close("edge")
	}
	x.close("edges")
	x.close("graph")
	x.close("gexf")
	return x.finish()
}

func (p *Projection) description() string {
	switch p.Kind {
	case ProjectionActors:
		return fmt.Sprintf("notegraph actor network: %d actors, %d event-report edges (agent → target)", len(p.Nodes), len(p.Edges))
	case ProjectionBipartite:
		return fmt.Sprintf("notegraph actors and event reports: %d nodes, %d role edges", len(p.Nodes), len(p.Edges))
	}
	return fmt.Sprintf("notegraph RDF graph: %d resources, %d triples between them", len(p.Nodes), len(p.Edges))
}

func gexfAttvalues(x *projXML, titles []string, vals map[string]string) {
	has := false
	for _, t := range titles {
		if vals[t] != "" {
			has = true
			break
		}
	}
	if !has {
		return
	}
	x.open("attvalues")
	for _, t := range titles {
		if v := vals[t]; v != "" {
			x.empty("attvalue", "for", t, "value", v)
		}
	}
	x.close("attvalues")
}

func gexfColor(x *projXML, c RGB) {
	x.empty("viz:color", "r", strconv.Itoa(int(c.R)), "g", strconv.Itoa(int(c.G)), "b", strconv.Itoa(int(c.B)))
}

// projXML writes indented XML. Every attribute value and text goes through
// encoding/xml's escaping (&, <, >, quotes, and line breaks as character
// references, so that attribute values keep them); nothing is concatenated
// unescaped. Attributes with an empty value are left out.
type projXML struct {
	w     *bufio.Writer
	depth int
	err   error
}

func newProjXML(w io.Writer) *projXML {
	x := &projXML{w: bufio.NewWriter(w)}
	x.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return x
}

func (x *projXML) indent() {
	for i := 0; i < x.depth; i++ {
		x.w.WriteString("  ")
	}
}

func (x *projXML) tag(name string, attrs []string) {
	x.indent()
	x.w.WriteByte('<')
	x.w.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		x.w.WriteByte(' ')
		x.w.WriteString(attrs[i])
		x.w.WriteString(`="`)
		x.escape(attrs[i+1])
		x.w.WriteByte('"')
	}
}

func (x *projXML) escape(s string) {
	if err := xml.EscapeText(x.w, []byte(s)); err != nil && x.err == nil {
		x.err = err
	}
}

func (x *projXML) open(name string, attrs ...string) {
	x.tag(name, attrs)
	x.w.WriteString(">\n")
	x.depth++
}

func (x *projXML) empty(name string, attrs ...string) {
	x.tag(name, attrs)
	x.w.WriteString("/>\n")
}

func (x *projXML) close(name string) {
	x.depth--
	x.indent()
	x.w.WriteString("</" + name + ">\n")
}

// text writes <name attrs>text</name> on one line.
func (x *projXML) text(name, text string, attrs ...string) {
	x.tag(name, attrs)
	x.w.WriteByte('>')
	x.escape(text)
	x.w.WriteString("</" + name + ">\n")
}

func (x *projXML) finish() error {
	if err := x.w.Flush(); err != nil {
		return err
	}
	return x.err
}
