// Package results writes and reads SPARQL 1.1 query results: the JSON
// (application/sparql-results+json), XML (application/sparql-results+xml),
// CSV and TSV formats, and a plain table for terminals.
package results

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"notegraph/rdf"
)

// Table is a result of SELECT (Vars and Rows) or ASK (Bool, IsBool).
// A zero term in a row is an unbound variable.
type Table struct {
	Vars   []string
	Rows   [][]rdf.Term
	IsBool bool
	Bool   bool
}

// WriteJSON writes SPARQL 1.1 Query Results JSON.
func WriteJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	if t.IsBool {
		fmt.Fprintf(bw, "{\"head\":{},\"boolean\":%v}\n", t.Bool)
		return bw.Flush()
	}
	vars, _ := json.Marshal(nonNil(t.Vars))
	fmt.Fprintf(bw, "{\"head\":{\"vars\":%s},\"results\":{\"bindings\":[", vars)
	for i, r := range t.Rows {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n{")
		first := true
		for j, term := range r {
			if term.IsZero() {
				continue
			}
			if !first {
				bw.WriteString(",")
			}
			first = false
			name, _ := json.Marshal(t.Vars[j])
			bw.Write(name)
			bw.WriteString(":")
			writeJSONTerm(bw, term)
		}
		bw.WriteString("}")
	}
	bw.WriteString("\n]}}\n")
	return bw.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeJSONTerm(w *bufio.Writer, t rdf.Term) {
	m := map[string]string{"value": t.Value}
	switch t.Kind {
	case rdf.IRI:
		m["type"] = "uri"
	case rdf.Blank:
		m["type"] = "bnode"
	case rdf.Literal:
		m["type"] = "literal"
		if t.Lang != "" {
			m["xml:lang"] = t.Lang
		} else if t.Datatype != "" && t.Datatype != rdf.XSDString {
			m["datatype"] = t.Datatype
		}
	}
	b, _ := json.Marshal(m)
	w.Write(b)
}

// WriteXML writes SPARQL Query Results XML.
func WriteXML(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n")
	for _, v := range t.Vars {
		fmt.Fprintf(bw, "  <variable name=\"%s\"/>\n", xmlEsc(v))
	}
	bw.WriteString("</head>\n")
	if t.IsBool {
		fmt.Fprintf(bw, "<boolean>%v</boolean>\n</sparql>\n", t.Bool)
		return bw.Flush()
	}
	bw.WriteString("<results>\n")
	for _, r := range t.Rows {
		bw.WriteString("  <result>\n")
		for j, term := range r {
			if term.IsZero() {
				continue
			}
			fmt.Fprintf(bw, "    <binding name=\"%s\">", xmlEsc(t.Vars[j]))
			switch term.Kind {
			case rdf.IRI:
				fmt.Fprintf(bw, "<uri>%s</uri>", xmlEsc(term.Value))
			case rdf.Blank:
				fmt.Fprintf(bw, "<bnode>%s</bnode>", xmlEsc(term.Value))
			case rdf.Literal:
				bw.WriteString("<literal")
				if term.Lang != "" {
					fmt.Fprintf(bw, " xml:lang=\"%s\"", xmlEsc(term.Lang))
				} else if term.Datatype != "" && term.Datatype != rdf.XSDString {
					fmt.Fprintf(bw, " datatype=\"%s\"", xmlEsc(term.Datatype))
				}
				fmt.Fprintf(bw, ">%s</literal>", xmlEsc(term.Value))
			}
			bw.WriteString("</binding>\n")
		}
		bw.WriteString("  </result>\n")
	}
	bw.WriteString("</results>\n</sparql>\n")
	return bw.Flush()
}

func xmlEsc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// WriteCSV writes the SPARQL 1.1 CSV format: plain values, no types.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if t.IsBool {
		cw.Write([]string{"boolean"})
		cw.Write([]string{fmt.Sprint(t.Bool)})
		cw.Flush()
		return cw.Error()
	}
	cw.Write(nonNil(t.Vars))
	for _, r := range t.Rows {
		rec := make([]string, len(r))
		for j, term := range r {
			switch term.Kind {
			case rdf.Blank:
				rec[j] = "_:" + term.Value
			default:
				rec[j] = term.Value
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteTSV writes the SPARQL 1.1 TSV format: terms in Turtle syntax.
func WriteTSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	if t.IsBool {
		fmt.Fprintf(bw, "?boolean\n%v\n", t.Bool)
		return bw.Flush()
	}
	for i, v := range t.Vars {
		if i > 0 {
			bw.WriteByte('\t')
		}
		bw.WriteString("?" + v)
	}
	bw.WriteByte('\n')
	for _, r := range t.Rows {
		for j, term := range r {
			if j > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(tsvTerm(term))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func tsvTerm(t rdf.Term) string {
	if t.Kind == rdf.Literal && t.Lang == "" {
		switch t.Datatype {
		case rdf.XSDInteger, rdf.XSDDecimal, rdf.XSDDouble, rdf.XSDBoolean:
			if ok := validShort(t); ok {
				return t.Value
			}
		}
	}
	s := t.String()
	return strings.NewReplacer("\t", `\t`).Replace(s)
}

// validShort reports whether a typed literal can be written in Turtle's
// short numeric or boolean form and read back as the same term.
func validShort(t rdf.Term) bool {
	v := t.Value
	switch t.Datatype {
	case rdf.XSDBoolean:
		return v == "true" || v == "false"
	case rdf.XSDInteger:
		v = strings.TrimLeft(v, "+-")
		return v != "" && strings.Trim(v, "0123456789") == ""
	case rdf.XSDDecimal:
		v = strings.TrimLeft(v, "+-")
		i, f, ok := strings.Cut(v, ".")
		return ok && f != "" && strings.Trim(i, "0123456789") == "" && strings.Trim(f, "0123456789") == ""
	case rdf.XSDDouble:
		return strings.ContainsAny(v, "eE") && !strings.ContainsAny(v, " \t")
	}
	return false
}

// WriteTable writes a readable table for terminals: IRIs abbreviated with
// the given prefixes, literals by their value.
func WriteTable(w io.Writer, t *Table, prefixes map[string]string) error {
	bw := bufio.NewWriter(w)
	if t.IsBool {
		fmt.Fprintf(bw, "%v\n", t.Bool)
		return bw.Flush()
	}
	cells := make([][]string, len(t.Rows))
	width := make([]int, len(t.Vars))
	for j, v := range t.Vars {
		width[j] = utf8.RuneCountInString(v) + 1
	}
	for i, r := range t.Rows {
		cells[i] = make([]string, len(r))
		for j, term := range r {
			s := Short(term, prefixes)
			if utf8.RuneCountInString(s) > 80 {
				s = string([]rune(s)[:79]) + "…"
			}
			cells[i][j] = s
			width[j] = max(width[j], utf8.RuneCountInString(s))
		}
	}
	line := func(parts []string) {
		for j, p := range parts {
			if j > 0 {
				bw.WriteString(" | ")
			}
			bw.WriteString(p)
			if j < len(parts)-1 {
				bw.WriteString(strings.Repeat(" ", width[j]-utf8.RuneCountInString(p)))
			}
		}
		bw.WriteByte('\n')
	}
	head := make([]string, len(t.Vars))
	sep := make([]string, len(t.Vars))
	for j, v := range t.Vars {
		head[j] = "?" + v
		sep[j] = strings.Repeat("-", width[j])
	}
	line(head)
	line(sep)
	for _, c := range cells {
		line(c)
	}
	fmt.Fprintf(bw, "(%d rows)\n", len(t.Rows))
	return bw.Flush()
}

// Short renders a term compactly: prefixed names where a prefix fits,
// literal values with their language tag, N-Triples otherwise.
func Short(t rdf.Term, prefixes map[string]string) string {
	switch t.Kind {
	case rdf.None:
		return ""
	case rdf.IRI:
		best := ""
		for p, ns := range prefixes {
			if strings.HasPrefix(t.Value, ns) && len(ns) > len(prefixes[best]) {
				local := t.Value[len(ns):]
				if !strings.ContainsAny(local, "/#?: ") {
					best = p
				}
			}
		}
		if ns, ok := prefixes[best]; ok && strings.HasPrefix(t.Value, ns) {
			return best + ":" + t.Value[len(ns):]
		}
		return "<" + t.Value + ">"
	case rdf.Blank:
		return "_:" + t.Value
	}
	s := strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(t.Value)
	if t.Lang != "" {
		return s + "@" + t.Lang
	}
	return s
}
