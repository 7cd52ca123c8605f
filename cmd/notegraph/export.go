package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"notegraph/export"
	"notegraph/rdf/rdfio"
)

// projections are the export formats that are not RDF: views of the graph
// for Gephi, network tools and Graphviz.
var projections = map[string]struct {
	ext   string
	write func(w io.Writer, src export.QuadSource, o export.GephiOptions) error
}{
	"gexf":    {".gexf", gexf("1.3")},
	"gexf12":  {".gexf", gexf("1.2draft")},
	"graphml": {".graphml", export.WriteGraphML},
	"dot":     {".dot", export.WriteDOT},
	"csv":     {"", nil}, // two files: nodes.csv and edges.csv in the --out folder
}

func gexf(version string) func(io.Writer, export.QuadSource, export.GephiOptions) error {
	return func(w io.Writer, src export.QuadSource, o export.GephiOptions) error {
		o.GEXFVersion = version
		return export.WriteGEXF(w, src, o)
	}
}

const formatNames = "ttl, jsonld, nt, nq, trig, gexf, gexf12, graphml, csv or dot"

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the store as RDF (Turtle, JSON-LD, N-Triples, N-Quads, TriG) or as a network for Gephi",
		Description: "RDF formats stream the whole graph. gexf (1.3), gexf12 (1.2draft), graphml, csv (nodes.csv and\n" +
			"edges.csv in the --out folder, Gephi's spreadsheet layout) and dot project it: by default actors\n" +
			"are nodes and each event report is a dated edge from agent to target.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: formatNames + " (default: from the --out extension, else ttl)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `FILE` (a folder for csv), - for standard output", Value: "-"},
			&cli.StringFlag{Name: "projection", Usage: "for network formats: actors, bipartite (actors and event reports) or rdf (every resource)", Value: "actors"},
			&cli.StringFlag{Name: "type", Usage: "for network formats: keep only these event types (comma-separated notations, e.g. EXPEL,PROTEST)"},
			&cli.StringFlag{Name: "from", Usage: "for network formats: keep events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
			&cli.StringFlag{Name: "to", Usage: "for network formats: keep events on or before `DATE`"},
			&cli.StringFlag{Name: "asserted-by", Usage: "for network formats: keep events in the account of `ACTOR` (label or IRI)"},
		},
		Action: runExport,
	}
}

func runExport(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("export takes no arguments (got %q)", c.Args().First())
	}
	out := c.String("out")
	format := strings.ToLower(c.String("format"))
	if format == "" {
		format = formatFromExt(out)
	}
	proj, isProj := projections[format]
	rdfFormat, isRDF := rdfio.ByName(format)
	if !isProj && !isRDF {
		return usagef("unknown format %q (%s)", format, formatNames)
	}
	opts := export.GephiOptions{
		Projection: c.String("projection"), From: c.String("from"), To: c.String("to"),
		AssertedBy: c.String("asserted-by"),
	}
	if t := c.String("type"); t != "" {
		opts.Types = splitList(t)
	}
	switch opts.Projection {
	case "actors", "bipartite", "rdf":
	default:
		return usagef("unknown projection %q (actors, bipartite or rdf)", opts.Projection)
	}

	st, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case isRDF:
		return writeExport(st, out, rdfFormat.Name, c.App.Writer)
	case format == "csv":
		if out == "-" {
			out = "."
		}
		if err := writeCSV(st, out, opts); errors.Is(err, export.ErrGephiOption) {
			return usageError{err}
		} else if err != nil {
			return err
		}
		return nil
	}
	err = writeAtomically(out, c.App.Writer, func(w io.Writer) error { return proj.write(w, st, opts) })
	if errors.Is(err, export.ErrGephiOption) {
		return usageError{err}
	}
	return err
}

func formatFromExt(out string) string {
	if out == "-" {
		return "ttl"
	}
	if f, ok := rdfio.ByExtension(out); ok {
		return f.Name
	}
	ext := strings.ToLower(filepath.Ext(out))
	for name, p := range projections {
		if p.ext != "" && p.ext == ext && name != "gexf12" {
			return name
		}
	}
	return "ttl"
}

func writeCSV(src export.QuadSource, dir string, opts export.GephiOptions) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	nodes, err := os.Create(filepath.Join(dir, "nodes.csv"))
	if err != nil {
		return err
	}
	defer nodes.Close()
	edges, err := os.Create(filepath.Join(dir, "edges.csv"))
	if err != nil {
		return err
	}
	defer edges.Close()
	if err := export.WriteCSV(nodes, edges, src, opts); err != nil {
		return err
	}
	if err := nodes.Close(); err != nil {
		return err
	}
	return edges.Close()
}

// writeAtomically writes to path ("-": stdout) through a temporary file in
// the same folder, so that a failed export leaves no half-written file.
func writeAtomically(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".notegraph-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	// CreateTemp makes the file private; an export is for sharing.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
