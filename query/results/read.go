package results

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"notegraph/rdf"
	"notegraph/rdf/turtle"
)

// ReadJSON reads SPARQL 1.1 Query Results JSON.
func ReadJSON(r io.Reader) (*Table, error) {
	var doc struct {
		Head struct {
			Vars []string `json:"vars"`
		} `json:"head"`
		Boolean *bool `json:"boolean"`
		Results struct {
			Bindings []map[string]struct {
				Type     string `json:"type"`
				Value    string `json:"value"`
				Lang     string `json:"xml:lang"`
				Datatype string `json:"datatype"`
			} `json:"bindings"`
		} `json:"results"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("results json: %w", err)
	}
	t := &Table{Vars: doc.Head.Vars}
	if doc.Boolean != nil {
		t.IsBool, t.Bool = true, *doc.Boolean
		return t, nil
	}
	index := map[string]int{}
	for i, v := range t.Vars {
		index[v] = i
	}
	for _, b := range doc.Results.Bindings {
		row := make([]rdf.Term, len(t.Vars))
		for name, v := range b {
			i, ok := index[name]
			if !ok {
				return nil, fmt.Errorf("results json: binding of undeclared variable %q", name)
			}
			switch v.Type {
			case "uri":
				row[i] = rdf.NewIRI(v.Value)
			case "bnode":
				row[i] = rdf.NewBlank(v.Value)
			case "literal", "typed-literal":
				switch {
				case v.Lang != "":
					row[i] = rdf.NewLangLiteral(v.Value, v.Lang)
				case v.Datatype != "":
					row[i] = rdf.NewTypedLiteral(v.Value, v.Datatype)
				default:
					row[i] = rdf.NewLiteral(v.Value)
				}
			default:
				return nil, fmt.Errorf("results json: unknown term type %q", v.Type)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// ReadXML reads SPARQL Query Results XML.
func ReadXML(r io.Reader) (*Table, error) {
	var doc struct {
		Head struct {
			Vars []struct {
				Name string `xml:"name,attr"`
			} `xml:"variable"`
		} `xml:"head"`
		Boolean *string `xml:"boolean"`
		Results struct {
			Result []struct {
				Binding []struct {
					Name    string  `xml:"name,attr"`
					URI     *string `xml:"uri"`
					BNode   *string `xml:"bnode"`
					Literal *struct {
						Value    string `xml:",chardata"`
						Lang     string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
						Datatype string `xml:"datatype,attr"`
					} `xml:"literal"`
				} `xml:"binding"`
			} `xml:"result"`
		} `xml:"results"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("results xml: %w", err)
	}
	t := &Table{}
	for _, v := range doc.Head.Vars {
		t.Vars = append(t.Vars, v.Name)
	}
	if doc.Boolean != nil {
		t.IsBool, t.Bool = true, strings.TrimSpace(*doc.Boolean) == "true"
		return t, nil
	}
	index := map[string]int{}
	for i, v := range t.Vars {
		index[v] = i
	}
	for _, res := range doc.Results.Result {
		row := make([]rdf.Term, len(t.Vars))
		for _, b := range res.Binding {
			i, ok := index[b.Name]
			if !ok {
				return nil, fmt.Errorf("results xml: binding of undeclared variable %q", b.Name)
			}
			switch {
			case b.URI != nil:
				row[i] = rdf.NewIRI(strings.TrimSpace(*b.URI))
			case b.BNode != nil:
				row[i] = rdf.NewBlank(strings.TrimSpace(*b.BNode))
			case b.Literal != nil:
				l := b.Literal
				switch {
				case l.Lang != "":
					row[i] = rdf.NewLangLiteral(l.Value, l.Lang)
				case l.Datatype != "":
					row[i] = rdf.NewTypedLiteral(l.Value, l.Datatype)
				default:
					row[i] = rdf.NewLiteral(l.Value)
				}
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// ReadTSV reads the SPARQL 1.1 TSV format (terms in Turtle syntax).
func ReadTSV(r io.Reader) (*Table, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	t := &Table{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Split(text, "\t")
		if line == 1 {
			for _, f := range fields {
				f = strings.TrimSpace(f)
				if f == "" {
					continue
				}
				t.Vars = append(t.Vars, strings.TrimLeft(f, "?$"))
			}
			continue
		}
		if text == "" && len(t.Vars) > 0 {
			continue
		}
		row := make([]rdf.Term, len(t.Vars))
		for i, f := range fields {
			if i >= len(row) || strings.TrimSpace(f) == "" {
				continue
			}
			term, err := parseTurtleTerm(strings.TrimSpace(f))
			if err != nil {
				return nil, fmt.Errorf("results tsv: line %d: %w", line, err)
			}
			row[i] = term
		}
		t.Rows = append(t.Rows, row)
	}
	return t, sc.Err()
}

// parseTurtleTerm reads one term by wrapping it in a Turtle statement.
func parseTurtleTerm(s string) (rdf.Term, error) {
	if strings.HasPrefix(s, "_:") {
		return rdf.NewBlank(s[2:]), nil
	}
	doc := "<http://x/s> <http://x/p> " + s + " ."
	q, err := turtle.NewDecoder(strings.NewReader(doc), turtle.DecoderOptions{}).Decode()
	if err != nil {
		return rdf.Term{}, err
	}
	return q.O, nil
}
