package export

import (
	"fmt"
	"io"
	"strconv"
)

// WriteGraphML writes the projection opts selects as GraphML, for networkx,
// yEd and Cytoscape. Dates are data (start), colours r/g/b integers as
// Gephi's own GraphML export writes them.
func WriteGraphML(w io.Writer, src QuadSource, opts GephiOptions) error {
	p, err := Project(src, opts)
	if err != nil {
		return err
	}
	return p.EncodeGraphML(w)
}

// gmlKey is one GraphML <key>: a title, its domain (node, edge or all when
// both use it) and its type.
type gmlKey struct {
	id, title, domain, typ string
}

// EncodeGraphML serialises the projection as GraphML. A key's id is its
// title when the title is an XML name token, so that readers which show
// ids and readers which show names agree; a title used by nodes and edges
// alike is one key for="all".
func (p *Projection) EncodeGraphML(w io.Writer) error {
	nodeFields := append([]string{"label", "start"}, p.NodeAttrs...)
	edgeFields := append([]string{"label", "kind", "start"}, p.EdgeAttrs...)
	var keys []*gmlKey
	byTitle := map[string]*gmlKey{}
	add := func(title, domain, typ string) {
		if k, ok := byTitle[title]; ok {
			if k.domain != domain {
				k.domain = "all"
			}
			return
		}
		k := &gmlKey{title: title, domain: domain, typ: typ}
		byTitle[title] = k
		keys = append(keys, k)
	}
	for _, t := range nodeFields {
		add(t, "node", "string")
	}
	for _, t := range []string{"r", "g", "b"} {
		add(t, "node", "int")
	}
	for _, t := range edgeFields {
		add(t, "edge", "string")
	}
	for _, t := range []string{"r", "g", "b"} {
		add(t, "edge", "int")
	}
	used := map[string]bool{}
	for _, k := range keys {
		if gmlNameToken(k.title) && !used[k.title] {
			k.id = k.title
		}
		used[k.id] = true
	}
	for i, k := range keys {
		for n := i; k.id == ""; n++ {
			if id := fmt.Sprintf("d%d", n); !used[id] {
				k.id = id
				used[id] = true
			}
		}
	}

	x := newProjXML(w)
	x.open("graphml", "xmlns", "http://graphml.graphdrawing.org/xmlns",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
	for _, k := range keys {
		x.empty("key", "id", k.id, "for", k.domain, "attr.name", k.title, "attr.type", k.typ)
	}
	x.open("graph", "id", p.Kind, "edgedefault", "directed")
	data := func(title, v string) {
		if v != "" {
			x.text("data", v, "key", byTitle[title].id)
		}
	}
	rgb := func(c RGB) {
		data("r", strconv.Itoa(int(c.R)))
		data("g", strconv.Itoa(int(c.G)))
		data("b", strconv.Itoa(int(c.B)))
	}
	for _, n := range p.Nodes {
		x.open("node", "id", n.ID)
		data("label", n.Label)
		data("start", n.Start)
		for _, t := range p.NodeAttrs {
			data(t, n.Attrs[t])
		}
		rgb(n.Color)
		x.close("node")
	}
	for _, e := range p.Edges {
		x.open("edge", "id", e.ID, "source", e.Source, "target", e.Target)
		data("label", e.Label)
		data("kind", e.Kind)
		data("start", e.Start)
		for _, t := range p.EdgeAttrs {
			data(t, e.Attrs[t])
		}
		rgb(e.Color)
		x.close("edge")
	}
	x.close("graph")
	x.close("graphml")
	return x.finish()
}

// gmlNameToken reports whether s is an XML NMTOKEN made of ASCII name
// characters (GraphML key ids are NMTOKENs).
func gmlNameToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}
