package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The network exports through the command line: format from the extension
// or --format, filters passed through, CSV as two files, GEXF valid.
func TestNetworkExports(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	mustRun(t, "build", "--db", db, "--out", "")

	gexf := filepath.Join(dir, "net.gexf")
	mustRun(t, "export", "--db", db, "--out", gexf)
	rng := filepath.Join("..", "..", "..", "shared", "schemas", "gexf", "1.3", "gexf.rng")
	if out, err := exec.Command("xmllint", "--noout", "--relaxng", rng, gexf).CombinedOutput(); err != nil {
		t.Errorf("xmllint rejects the GEXF export: %v\n%s", err, out)
	}

	csvDir := filepath.Join(dir, "csv")
	mustRun(t, "export", "--db", db, "--format", "csv", "--out", csvDir, "--type", "EXPEL,RECALL_AMBASSADOR", "--from", "1961-11", "--to", "1961-12-31")
	f, err := os.Open(filepath.Join(csvDir, "edges.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 {
		t.Fatalf("edges.csv has no edge: %v", rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		typ, date := r[col["event_type"]], r[col["date"]]
		if typ != "EXPEL" && typ != "RECALL_AMBASSADOR" || date < "1961-11" || date > "1961-12-31" {
			t.Errorf("filtered export has edge %s on %q", typ, date)
		}
	}
	if _, err := os.Stat(filepath.Join(csvDir, "nodes.csv")); err != nil {
		t.Error(err)
	}

	code, _, errs := notegraph(t, "export", "--db", db, "--format", "gexf", "--projection", "spiral")
	if code != 2 || !strings.Contains(errs, "spiral") {
		t.Errorf("unknown projection: exit %d, %q", code, errs)
	}
}
