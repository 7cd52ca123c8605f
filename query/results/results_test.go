package results

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"notegraph/rdf"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sample() *Table {
	return &Table{
		Vars: []string{"actor", "label", "n", "quote"},
		Rows: [][]rdf.Term{
			{rdf.NewIRI("https://w3id.org/notegraph/id/actor/ussr-gov"), rdf.NewLangLiteral("Soviet Government", "en"),
				rdf.NewTypedLiteral("3", rdf.XSDInteger), rdf.NewLiteral("has decided to \"recall\"\tits Ambassador\nfrom Tirana")},
			{rdf.NewBlank("b0"), rdf.Term{}, rdf.NewTypedLiteral("2.5", rdf.XSDDecimal), rdf.NewLiteral("a, b & <c>")},
		},
	}
}

func TestGolden(t *testing.T) {
	prefixes := map[string]string{"act": "https://w3id.org/notegraph/id/actor/"}
	for _, c := range []struct {
		file  string
		write func(*bytes.Buffer, *Table) error
	}{
		{"sample.srj", func(b *bytes.Buffer, t *Table) error { return WriteJSON(b, t) }},
		{"sample.srx", func(b *bytes.Buffer, t *Table) error { return WriteXML(b, t) }},
		{"sample.csv", func(b *bytes.Buffer, t *Table) error { return WriteCSV(b, t) }},
		{"sample.tsv", func(b *bytes.Buffer, t *Table) error { return WriteTSV(b, t) }},
		{"sample.txt", func(b *bytes.Buffer, t *Table) error { return WriteTable(b, t, prefixes) }},
		{"ask.srj", func(b *bytes.Buffer, t *Table) error { return WriteJSON(b, &Table{IsBool: true, Bool: true}) }},
		{"ask.srx", func(b *bytes.Buffer, t *Table) error { return WriteXML(b, &Table{IsBool: true, Bool: false}) }},
	} {
		var b bytes.Buffer
		if err := c.write(&b, sample()); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		path := filepath.Join("testdata", c.file)
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s differs from the golden file:\n%s", c.file, b.String())
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer, *Table) error
		read  func(*bytes.Buffer) (*Table, error)
	}{
		{"json", func(b *bytes.Buffer, t *Table) error { return WriteJSON(b, t) }, func(b *bytes.Buffer) (*Table, error) { return ReadJSON(b) }},
		{"xml", func(b *bytes.Buffer, t *Table) error { return WriteXML(b, t) }, func(b *bytes.Buffer) (*Table, error) { return ReadXML(b) }},
		{"tsv", func(b *bytes.Buffer, t *Table) error { return WriteTSV(b, t) }, func(b *bytes.Buffer) (*Table, error) { return ReadTSV(b) }},
	} {
		in := sample()
		var b bytes.Buffer
		if err := c.write(&b, in); err != nil {
			t.Fatal(err)
		}
		out, err := c.read(&b)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(out.Rows) != len(in.Rows) || len(out.Vars) != len(in.Vars) {
			t.Fatalf("%s: shape %dx%d, want %dx%d", c.name, len(out.Rows), len(out.Vars), len(in.Rows), len(in.Vars))
		}
		for i := range in.Rows {
			for j := range in.Rows[i] {
				if out.Rows[i][j] != in.Rows[i][j] {
					t.Errorf("%s: row %d ?%s = %v, want %v", c.name, i, in.Vars[j], out.Rows[i][j], in.Rows[i][j])
				}
			}
		}
	}
}
