package export

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"notegraph/ontology"
	"notegraph/rdf"
)

// FuzzProjDateRange: whatever the input, an accepted date yields a valid
// first and last day in order, and each of them reads back as itself.
func FuzzProjDateRange(f *testing.F) {
	for _, s := range []string{"1961-11-25", "1961-11", "1961", "1960-02", "1961-02-29", "1961-11-25Z", "1961-11-25-05:00", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lo, hi, ok := projDateRange(s)
		if !ok {
			return
		}
		if lo > hi {
			t.Fatalf("%q: %s after %s", s, lo, hi)
		}
		for _, d := range []string{lo, hi} {
			l2, h2, ok := projDateRange(d)
			if !ok || l2 != d || h2 != d {
				t.Fatalf("%q: day %q does not read back (%q %q %v)", s, d, l2, h2, ok)
			}
		}
	})
}

// FuzzGEXFEscaping: any label and quote, however hostile, gives well-formed
// XML that reads back to the same text (labels with collapsed white space;
// characters XML cannot carry become U+FFFD).
func FuzzGEXFEscaping(f *testing.F) {
	f.Add(gexfOddLabel, gexfOddQuote)
	f.Add("]]>&#0;<!--", "\x00\x0b\r\n\t\"'")
	f.Add("\xff\xfe", "\U0001F600")
	f.Add(" \t ", "")
	f.Fuzz(func(t *testing.T, label, quote string) {
		a := rdf.NewIRI(ontology.DefaultBase + "actor/a")
		b := rdf.NewIRI(ontology.DefaultBase + "actor/b")
		ev := rdf.NewIRI(ontology.DefaultBase + "doc/d/event/001")
		sel := rdf.NewIRI(ontology.DefaultBase + "doc/d/event/001/quote")
		evid := rdf.NewIRI(ontology.DefaultBase + "doc/d/event/001/evidence")
		q := func(s rdf.Term, p string, o rdf.Term) rdf.Quad { return rdf.Quad{S: s, P: rdf.NewIRI(p), O: o} }
		qs := gexfQuads{
			q(a, rdf.RDFType, rdf.NewIRI(ontology.Person)), q(a, ontology.Label, rdf.NewLiteral(label)),
			q(b, rdf.RDFType, rdf.NewIRI(ontology.Country)),
			q(ev, rdf.RDFType, rdf.NewIRI(ontology.EventReport)), q(ev, ontology.Agent, a), q(ev, ontology.Target, b),
			q(ev, ontology.EventType, rdf.NewIRI(ontology.Scheme+"EXPEL")),
			q(ev, ontology.Evidence, evid), q(evid, ontology.HasSelector, sel), q(sel, ontology.Exact, rdf.NewLiteral(quote)),
		}
		for _, v := range []string{GEXF13, GEXF12Draft} {
			var buf bytes.Buffer
			if err := WriteGEXF(&buf, qs, GephiOptions{GEXFVersion: v}); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Nodes []struct {
					ID    string `xml:"id,attr"`
					Label string `xml:"label,attr"`
				} `xml:"graph>nodes>node"`
				Edges []struct {
					Values []struct {
						For   string `xml:"for,attr"`
						Value string `xml:"value,attr"`
					} `xml:"attvalues>attvalue"`
				} `xml:"graph>edges>edge"`
			}
			if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("%s: not well-formed: %v\n%s", v, err, buf.String())
			}
			wantLabel := gexfXMLSafe(projToken(label))
			if wantLabel == "" {
				wantLabel = "actor/a"
			}
			for _, n := range doc.Nodes {
				if n.ID == a.Value && n.Label != wantLabel && !strings.HasSuffix(n.Label, wantLabel) {
					t.Errorf("%s: label %q read back as %q", v, wantLabel, n.Label)
				}
			}
			if quote == "" {
				continue
			}
			found := false
			for _, e := range doc.Edges {
				for _, av := range e.Values {
					if av.For == projAttrQuote {
						found = true
						if av.Value != gexfXMLSafe(quote) {
							t.Errorf("%s: quote %q read back as %q", v, quote, av.Value)
						}
					}
				}
			}
			if !found {
				t.Errorf("%s: quote lost", v)
			}
		}
	})
}

// gexfXMLSafe is what survives an XML round trip: invalid UTF-8 and
// characters outside XML's range become U+FFFD, and a lone CR becomes LF
// only when it is not escaped (we escape it, so it stays).
func gexfXMLSafe(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if r == utf8.RuneError && n == 1 || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}
