package export

import (
	"errors"
	"testing"
)

func chainIDs(cs []Chain) [][]string {
	var out [][]string
	for _, c := range cs {
		var ids []string
		for _, e := range c {
			ids = append(ids, e.ID)
		}
		out = append(out, ids)
	}
	return out
}

func TestShortestChains(t *testing.T) {
	p := &Projection{
		Nodes: []ProjectionNode{
			{ID: "urn:a", Label: "Alpha"}, {ID: "urn:b", Label: "Beta"}, {ID: "urn:c", Label: "Gamma"},
			{ID: "urn:d", Label: "Delta", Attrs: map[string]string{"alt_labels": "the D; Delta State"}}, {ID: "urn:e", Label: "Epsilon"},
		},
		Edges: []ProjectionEdge{
			{ID: "e1", Source: "urn:a", Target: "urn:b"},
			{ID: "e2", Source: "urn:b", Target: "urn:d"},
			{ID: "e3", Source: "urn:a", Target: "urn:c"},
			{ID: "e4", Source: "urn:c", Target: "urn:d"},
			{ID: "e5", Source: "urn:a", Target: "urn:d"}, // a direct edge beats both two-step chains
			{ID: "e6", Source: "urn:e", Target: "urn:b"},
		},
	}
	cs, err := ShortestChains(p, "alpha", "the d", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := chainIDs(cs); len(got) != 1 || len(got[0]) != 1 || got[0][0] != "e5" {
		t.Errorf("alpha→delta = %v, want [[e5]]", got)
	}
	p.Edges = p.Edges[:4]
	cs, _ = ShortestChains(p, "urn:a", "Delta", false, 10)
	if got := chainIDs(cs); len(got) != 2 || got[0][0] != "e1" || got[0][1] != "e2" || got[1][0] != "e3" || got[1][1] != "e4" {
		t.Errorf("both two-step chains expected, got %v", got)
	}
	if cs, _ := ShortestChains(p, "urn:a", "Delta", false, 1); len(cs) != 1 {
		t.Errorf("limit 1 gave %d chains", len(cs))
	}
	if cs, _ := ShortestChains(p, "Delta", "Alpha", false, 10); len(cs) != 0 {
		t.Errorf("directed chains must follow agent → target: %v", chainIDs(cs))
	}
	p.Edges = append(p.Edges, ProjectionEdge{ID: "e6", Source: "urn:e", Target: "urn:b"})
	cs, _ = ShortestChains(p, "Epsilon", "Gamma", true, 10)
	// epsilon→beta, then beta←alpha→gamma or beta→delta←gamma: two chains of three
	if got := chainIDs(cs); len(got) != 2 || len(got[0]) != 3 || got[0][1] != "e1" || got[0][2] != "e3" || got[1][1] != "e2" || got[1][2] != "e4" {
		t.Errorf("undirected epsilon→gamma = %v", got)
	}
	for _, name := range []string{"Omega", ""} {
		if _, err := ShortestChains(p, name, "Alpha", false, 10); !errors.Is(err, ErrGephiOption) {
			t.Errorf("unknown actor %q: %v", name, err)
		}
	}
}
