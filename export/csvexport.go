package export

import (
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV writes the projection opts selects as two tables in the layout
// of Gephi's spreadsheet import (Data Laboratory → Import Spreadsheet):
// nodes with Id and Label, edges with Source, Target, Type, Id, Label,
// Kind and Timeset, each followed by the attributes as further columns.
func WriteCSV(nodes, edges io.Writer, src QuadSource, opts GephiOptions) error {
	p, err := Project(src, opts)
	if err != nil {
		return err
	}
	return p.EncodeCSV(nodes, edges)
}

// EncodeCSV serialises the projection as nodes and edges tables (RFC 4180,
// comma separated, UTF-8). Timeset holds the event's date as a Gephi
// timestamp set, <[1961-11-25]>; the plain date is in the start column too.
func (p *Projection) EncodeCSV(nodes, edges io.Writer) error {
	nw := csv.NewWriter(nodes)
	header := append([]string{"Id", "Label", "start"}, p.NodeAttrs...)
	if err := nw.Write(header); err != nil {
		return fmt.Errorf("nodes table: %w", err)
	}
	for _, n := range p.Nodes {
		row := []string{n.ID, n.Label, n.Start}
		for _, t := range p.NodeAttrs {
			row = append(row, n.Attrs[t])
		}
		if err := nw.Write(row); err != nil {
			return fmt.Errorf("nodes table: %w", err)
		}
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return fmt.Errorf("nodes table: %w", err)
	}

	ew := csv.NewWriter(edges)
	header = append([]string{"Source", "Target", "Type", "Id", "Label", "Kind", "Timeset", "start"}, p.EdgeAttrs...)
	if err := ew.Write(header); err != nil {
		return fmt.Errorf("edges table: %w", err)
	}
	for _, e := range p.Edges {
		timeset := ""
		if e.Start != "" {
			timeset = "<[" + e.Start + "]>"
		}
		row := []string{e.Source, e.Target, "Directed", e.ID, e.Label, e.Kind, timeset, e.Start}
		for _, t := range p.EdgeAttrs {
			row = append(row, e.Attrs[t])
		}
		if err := ew.Write(row); err != nil {
			return fmt.Errorf("edges table: %w", err)
		}
	}
	ew.Flush()
	if err := ew.Error(); err != nil {
		return fmt.Errorf("edges table: %w", err)
	}
	return nil
}
