package query

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"notegraph/rdf"
)

// readRDFXML reads the subset of RDF/XML that the SPARQL suites use for
// data and result sets: node elements (rdf:Description or typed),
// rdf:about, rdf:ID, rdf:nodeID, rdf:resource, rdf:datatype, xml:lang,
// rdf:parseType="Resource", nested nodes and property attributes.
func readRDFXML(path, base string) ([]rdf.Quad, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var out []rdf.Quad
	nblank := 0
	fresh := func() rdf.Term {
		nblank++
		return rdf.NewBlank(fmt.Sprintf("x%d", nblank))
	}
	resolve := func(ref string) rdf.Term {
		b, err := url.Parse(base)
		r, err2 := url.Parse(ref)
		if err != nil || err2 != nil {
			return rdf.NewIRI(ref)
		}
		return rdf.NewIRI(b.ResolveReference(r).String())
	}
	attr := func(se xml.StartElement, space, local string) (string, bool) {
		for _, a := range se.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value, true
			}
		}
		return "", false
	}
	const rdfNS = rdf.RDFNS
	const xmlNS = "http://www.w3.org/XML/1998/namespace"
	var node func(se xml.StartElement, lang string) (rdf.Term, error)
	var props func(subj rdf.Term, lang string) error
	node = func(se xml.StartElement, lang string) (rdf.Term, error) {
		var subj rdf.Term
		if v, ok := attr(se, rdfNS, "about"); ok {
			subj = resolve(v)
		} else if v, ok := attr(se, rdfNS, "ID"); ok {
			subj = resolve("#" + v)
		} else if v, ok := attr(se, rdfNS, "nodeID"); ok {
			subj = rdf.NewBlank("n" + v)
		} else {
			subj = fresh()
		}
		if l, ok := attr(se, xmlNS, "lang"); ok {
			lang = l
		}
		if !(se.Name.Space == rdfNS && se.Name.Local == "Description") {
			out = append(out, rdf.Quad{S: subj, P: rdf.NewIRI(rdf.RDFType), O: rdf.NewIRI(se.Name.Space + se.Name.Local)})
		}
		for _, a := range se.Attr {
			if a.Name.Space == rdfNS || a.Name.Space == xmlNS || a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
				continue
			}
			out = append(out, rdf.Quad{S: subj, P: rdf.NewIRI(a.Name.Space + a.Name.Local), O: rdf.NewLangLiteral(a.Value, lang)})
		}
		return subj, props(subj, lang)
	}
	props = func(subj rdf.Term, lang string) error {
		for {
			tok, err := d.Token()
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.EndElement:
				return nil
			case xml.StartElement:
				pred := rdf.NewIRI(t.Name.Space + t.Name.Local)
				plang := lang
				if l, ok := attr(t, xmlNS, "lang"); ok {
					plang = l
				}
				if v, ok := attr(t, rdfNS, "resource"); ok {
					out = append(out, rdf.Quad{S: subj, P: pred, O: resolve(v)})
					if err := d.Skip(); err != nil {
						return err
					}
					continue
				}
				if v, ok := attr(t, rdfNS, "nodeID"); ok {
					out = append(out, rdf.Quad{S: subj, P: pred, O: rdf.NewBlank("n" + v)})
					if err := d.Skip(); err != nil {
						return err
					}
					continue
				}
				if v, _ := attr(t, rdfNS, "parseType"); v == "Resource" {
					b := fresh()
					out = append(out, rdf.Quad{S: subj, P: pred, O: b})
					if err := props(b, plang); err != nil {
						return err
					}
					continue
				}
				dt, hasDT := attr(t, rdfNS, "datatype")
				var text strings.Builder
				var obj rdf.Term
				for obj.IsZero() {
					tok, err := d.Token()
					if err != nil {
						return err
					}
					switch c := tok.(type) {
					case xml.CharData:
						text.Write(c)
					case xml.StartElement:
						o, err := node(c, plang)
						if err != nil {
							return err
						}
						obj = o
						if err := skipToEnd(d); err != nil {
							return err
						}
					case xml.EndElement:
						switch {
						case hasDT:
							obj = rdf.NewTypedLiteral(text.String(), dt)
						case plang != "":
							obj = rdf.NewLangLiteral(text.String(), plang)
						default:
							obj = rdf.NewLiteral(text.String())
						}
					}
				}
				out = append(out, rdf.Quad{S: subj, P: pred, O: obj})
			}
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Space == rdfNS && se.Name.Local == "RDF" {
			for {
				tok, err := d.Token()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", path, err)
				}
				if _, end := tok.(xml.EndElement); end {
					return out, nil
				}
				if ne, ok := tok.(xml.StartElement); ok {
					if _, err := node(ne, ""); err != nil {
						return nil, fmt.Errorf("%s: %w", path, err)
					}
				}
			}
		}
		if _, err := node(se, ""); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}

// skipToEnd consumes white space up to the end of the enclosing property.
func skipToEnd(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.EndElement); ok {
			return nil
		}
	}
}
