package extract

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode"
)

// xnode is an element or a text node of a TEI file.
type xnode struct {
	name  string // local name; "" for text
	attrs map[string]string
	kids  []*xnode
	text  string
	line  int
}

func (n *xnode) attr(k string) string { return n.attrs[k] }

func (n *xnode) find(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

func (n *xnode) findAll(pred func(*xnode) bool, out []*xnode) []*xnode {
	for _, k := range n.kids {
		if k.name == "" {
			continue
		}
		if pred(k) {
			out = append(out, k)
			continue
		}
		out = k.findAll(pred, out)
	}
	return out
}

// plain is the text content of n, notes left out, whitespace collapsed.
func (n *xnode) plain() string {
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		if x.name == "" {
			b.WriteString(x.text)
			return
		}
		if x.name == "note" {
			return
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(n)
	return normSpace(b.String())
}

// parseXML reads a whole XML document into a tree, with line numbers in errors.
func parseXML(path string, data []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	root := &xnode{name: "#root"}
	stack := []*xnode{root}
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &InputError{Path: path, Line: se.Line, Msg: "malformed XML: " + se.Msg}
			}
			l, c := dec.InputPos()
			return nil, &InputError{Path: path, Line: l, Col: c, Msg: "malformed XML: " + err.Error()}
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: t.Name.Local, attrs: map[string]string{}, line: line}
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" || a.Name.Space == "xml" {
					k = "xml:" + k
				}
				n.attrs[k] = a.Value
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.kids = append(top.kids, &xnode{text: string(t), line: line})
		}
	}
	if len(root.kids) == 0 {
		return nil, &InputError{Path: path, Msg: "malformed XML: no root element"}
	}
	return root, nil
}

// textWriter builds a document's text from markup, collapsing whitespace and
// recording where marked-up persons fall.
type textWriter struct {
	rs      []rune
	pending bool
	seeds   []seed
}

func (w *textWriter) write(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			w.pending = true
			continue
		}
		if w.pending && len(w.rs) > 0 && w.rs[len(w.rs)-1] != '\n' {
			w.rs = append(w.rs, ' ')
		}
		w.pending = false
		w.rs = append(w.rs, r)
	}
}

// para ends the current paragraph: paragraphs are separated by a blank line.
func (w *textWriter) para() {
	for len(w.rs) > 0 && w.rs[len(w.rs)-1] == ' ' {
		w.rs = w.rs[:len(w.rs)-1]
	}
	if len(w.rs) > 0 && !(len(w.rs) >= 2 && w.rs[len(w.rs)-1] == '\n' && w.rs[len(w.rs)-2] == '\n') {
		w.rs = append(w.rs, '\n', '\n')
	}
	w.pending = false
}

func (w *textWriter) next() int {
	if w.pending && len(w.rs) > 0 && w.rs[len(w.rs)-1] != '\n' {
		return len(w.rs) + 1
	}
	return len(w.rs)
}

var teiBlocks = map[string]bool{
	"head": true, "dateline": true, "p": true, "closer": true, "opener": true, "item": true,
	"ab": true, "salute": true, "signed": true, "postscript": true, "quote": true, "row": true,
	"label": true, "byline": true, "list": true, "table": true, "lg": true, "l": true,
}

// teiDocuments reads each div[@type="document"] of a TEI P5 file (the FRUS
// edition's conventions) as a document.
func (x *Extractor) teiDocuments(path string, data []byte) ([]segDoc, error) {
	root, err := parseXML(path, data)
	if err != nil {
		return nil, err
	}
	divs := root.findAll(func(n *xnode) bool { return n.name == "div" && n.attr("type") == "document" }, nil)
	if len(divs) == 0 {
		return nil, &InputError{Path: path, Msg: `TEI file has no div[@type="document"]`}
	}
	volume := ""
	for _, id := range root.findAll(func(n *xnode) bool { return n.name == "idno" }, nil) {
		if id.attr("type") == "frus" || volume == "" {
			volume = id.plain()
		}
	}
	editor := ""
	if p := root.find("publisher"); p != nil {
		editor = p.plain()
	}
	var out []segDoc
	for _, div := range divs {
		out = append(out, x.teiDocument(div, volume, editor))
	}
	return out, nil
}

func (x *Extractor) teiDocument(div *xnode, volume, editor string) segDoc {
	w := &textWriter{}
	var notes []*xnode
	labels := map[string]string{}
	var walk func(n *xnode)
	inCloser, signer := false, ""
	walk = func(n *xnode) {
		if n.name == "closer" {
			inCloser = true
			defer func() { inCloser = false }()
		}
		if n.name == "" {
			w.write(n.text)
			return
		}
		switch n.name {
		case "note":
			notes = append(notes, n)
			return
		case "pb", "lb", "milestone", "figure", "graphic":
			if n.name == "lb" {
				w.write(" ")
			}
			return
		}
		block := teiBlocks[n.name]
		if block {
			w.para()
		}
		start := w.next()
		for _, k := range n.kids {
			walk(k)
		}
		if n.name == "persName" && n.attr("corresp") != "" {
			// a person the gazetteer ties to this edition's identifier
			// (tei=VOLUME#ID) is that actor; else the identifier is the ID
			key := volume + "#" + strings.TrimPrefix(n.attr("corresp"), "#")
			id, known := x.gaz.byTEI[key]
			if !known {
				id = slug(volume + "-" + strings.TrimPrefix(n.attr("corresp"), "#"))
			}
			if inCloser {
				signer = id
			}
			label := n.plain()
			if len([]rune(label)) > len([]rune(labels[id])) {
				labels[id] = label
			}
			if len(w.rs) > start {
				w.seeds = append(w.seeds, seed{start: start, end: len(w.rs), id: id})
			}
		}
		if block {
			w.para()
		}
	}
	var head, dateline *xnode
	headEnd := 0
	for _, k := range div.kids {
		walk(k)
		if k.name == "head" && head == nil {
			head = k
		}
		if k.name == "dateline" && dateline == nil {
			dateline = k
		}
		if k.name == "head" || k.name == "dateline" {
			headEnd = len(w.rs)
		}
	}
	if dateline == nil {
		dateline = div.find("dateline")
	}
	w.para()
	notesFrom := -1
	for i := 0; i < len(notes); i++ {
		n := notes[i]
		if notesFrom < 0 {
			notesFrom = w.next()
		}
		// notes of notes follow their parent
		for _, k := range n.kids {
			walk(k)
		}
		w.para()
	}
	for id, l := range labels {
		for i := range w.seeds {
			if w.seeds[i].id == id {
				w.seeds[i].label = l
			}
		}
	}
	text := strings.TrimRight(string(w.rs), "\n ")
	sd := segDoc{notesFrom: notesFrom, headEnd: headEnd}
	sd.doc = Document{Text: text, SourceStart: -1, SourceEnd: -1}
	for _, s := range w.seeds {
		if s.end <= len([]rune(text)) {
			sd.seeds = append(sd.seeds, s)
		}
	}
	if head != nil {
		t := head.plain()
		// drop the edition's running number: "192. Telegram From ..."
		if i := strings.Index(t, ". "); i > 0 && i < 6 && strings.TrimLeft(t[:i], "0123456789") == "" {
			t = t[i+2:]
		}
		sd.doc.Title = t
		for _, g := range head.findAll(func(n *xnode) bool { return n.name == "gloss" }, nil) {
			switch g.attr("type") {
			case "from":
				sd.issuerText = g.plain()
			case "to":
				sd.addrText = g.plain()
			}
		}
	}
	sd.doc.Kind = kindOf(sd.doc.Title)
	if sd.doc.Kind == "" {
		sd.doc.Kind = KindNote
	}
	if dateline != nil {
		if d := dateline.find("date"); d != nil {
			for _, a := range []string{"when", "notBefore", "from", "notAfter", "to"} {
				if v := d.attr(a); len(v) >= 4 {
					sd.doc.Date = isoPrefix(v)
					break
				}
			}
		}
		if p := dateline.find("placeName"); p != nil {
			sd.doc.Place = p.plain()
		}
	}
	if sd.doc.Date == "" {
		if v := div.attr("doc-dateTime-min"); v != "" {
			sd.doc.Date = isoPrefix(v)
		}
	}
	sd.editor = editor
	sd.signer = signer
	return sd
}

// isoPrefix keeps the date part of an ISO date-time.
func isoPrefix(v string) string {
	if len(v) > 10 {
		v = v[:10]
	}
	return v
}
