package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const okLine = `{"document":"d","type":"PROTEST","agent":"A","target":["B","C"],"assertedBy":"A","stance":"Performed","quote":"protests"}`

func TestReadGold(t *testing.T) {
	g, err := ReadGold(strings.NewReader("\n// a comment\n"+okLine+"\n"), "g.jsonl", "corp")
	if err != nil {
		t.Fatal(err)
	}
	if len(g) != 1 {
		t.Fatalf("got %d events, want 1", len(g))
	}
	e := g[0]
	if e.Line != 3 || e.File != "g.jsonl" || e.Corpus != "corp" {
		t.Errorf("line %d file %q corpus %q, want 3 g.jsonl corp", e.Line, e.File, e.Corpus)
	}
	if len(e.Agent) != 1 || e.Agent[0] != "A" || len(e.Target) != 2 || e.Target[1] != "C" {
		t.Errorf("names: agent %v target %v", e.Agent, e.Target)
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"bad json", okLine + "\n{\"type\":", "g.jsonl:2: "},
		{"unknown field", `{"document":"d","type":"PROTEST","agent":"A","asertedBy":"A","stance":"Performed","quote":"q"}`, `g.jsonl:1: json: unknown field "asertedBy"`},
		{"missing type", strings.Replace(okLine, `"type":"PROTEST",`, "", 1), "g.jsonl:1: missing type"},
		{"lower-case type", strings.Replace(okLine, `"PROTEST"`, `"protest"`, 1), "is not an event-type notation"},
		{"missing agent", strings.Replace(okLine, `"agent":"A",`, "", 1), "g.jsonl:1: missing agent"},
		{"empty agent list", strings.Replace(okLine, `"agent":"A"`, `"agent":[]`, 1), "missing agent"},
		{"empty target name", strings.Replace(okLine, `["B","C"]`, `["B",""]`, 1), "empty name in target"},
		{"agent not a string", strings.Replace(okLine, `"agent":"A"`, `"agent":3`, 1), "want a string or an array of strings"},
		{"missing quote", strings.Replace(okLine, `"quote":"protests"`, `"quote":"  "`, 1), "missing quote"},
		{"bad stance", strings.Replace(okLine, `"Performed"`, `"Claimed"`, 1), `stance "Claimed"`},
		{"missing assertedBy", strings.Replace(okLine, `"assertedBy":"A",`, "", 1), "missing assertedBy"},
		{"bad date", strings.Replace(okLine, `"stance"`, `"date":"25 Nov 1961","stance"`, 1), `date "25 Nov 1961"`},
		{"no document", strings.Replace(okLine, `"document":"d",`, "", 1), "no document"},
		{"two values", okLine + " {}", "more than one JSON value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadGold(strings.NewReader(tc.input), "g.jsonl", "c")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestLoadGold(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mycorpus.jsonl")
	if err := os.WriteFile(p, []byte(okLine+"\n"+okLine+"\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadGold(p)
	if err == nil || !strings.Contains(err.Error(), p+":3:") {
		t.Fatalf("error = %v, want it at %s:3", err, p)
	}
	if err := os.WriteFile(p, []byte(okLine+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadGold(p)
	if err != nil || len(g) != 1 || g[0].Corpus != "mycorpus" {
		t.Fatalf("LoadGold = %+v, %v; want one event of corpus mycorpus", g, err)
	}
	if _, err := LoadGold(filepath.Join(dir, "absent.jsonl")); err == nil {
		t.Error("want an error for a missing file")
	}
}

func FuzzReadGold(f *testing.F) {
	f.Add(okLine)
	f.Add(`{"document":"d","type":"X","agent":["a","b"],"assertedBy":"a","stance":"Denied","quote":"q","date":"1961-12"}`)
	f.Add("{\n}")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ReadGold(strings.NewReader(s), "f", "c")
		if err != nil {
			return
		}
		for _, e := range g {
			if e.Type == "" || len(e.Agent) == 0 || strings.TrimSpace(e.Quote) == "" || !validStances[e.Stance] || e.Line < 1 {
				t.Fatalf("accepted an invalid event: %+v", e)
			}
		}
	})
}
