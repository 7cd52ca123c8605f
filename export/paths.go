package export

import (
	"fmt"
	"sort"
	"strings"
)

// Chain is one path of event reports linking two actors: each edge's target
// is the next edge's source (or, undirected, they share an actor).
type Chain []ProjectionEdge

// ShortestChains finds the shortest chains of events from actor `from` to
// actor `to` in an actors projection (labels, alternative labels and IRIs
// name actors, case-insensitively). Directed chains follow agent → target;
// undirected ones also walk edges backwards. At most limit chains are
// returned, in a deterministic order.
func ShortestChains(p *Projection, from, to string, undirected bool, limit int) ([]Chain, error) {
	src, err := p.findNode(from)
	if err != nil {
		return nil, err
	}
	dst, err := p.findNode(to)
	if err != nil {
		return nil, err
	}
	if src == dst {
		return nil, fmt.Errorf("%w: %q and %q are the same actor", ErrGephiOption, from, to)
	}
	type step struct {
		node string
		edge int // index into p.Edges
	}
	adj := map[string][]step{}
	for i, e := range p.Edges {
		adj[e.Source] = append(adj[e.Source], step{e.Target, i})
		if undirected {
			adj[e.Target] = append(adj[e.Target], step{e.Source, i})
		}
	}
	// Breadth-first from src, keeping every predecessor on a shortest path.
	dist := map[string]int{src: 0}
	preds := map[string][]step{} // node → (previous node, edge) on shortest paths
	frontier := []string{src}
	for len(frontier) > 0 && dist[dst] == 0 {
		var next []string
		for _, n := range frontier {
			for _, s := range adj[n] {
				d, seen := dist[s.node]
				if !seen {
					dist[s.node] = dist[n] + 1
					next = append(next, s.node)
					d = dist[n] + 1
				}
				if d == dist[n]+1 {
					preds[s.node] = append(preds[s.node], step{n, s.edge})
				}
			}
		}
		frontier = next
	}
	if _, ok := dist[dst]; !ok {
		return nil, nil
	}
	var out []Chain
	var walk func(n string, tail Chain)
	walk = func(n string, tail Chain) {
		if len(out) >= limit {
			return
		}
		if n == src {
			c := make(Chain, len(tail))
			for i := range tail {
				c[i] = tail[len(tail)-1-i]
			}
			out = append(out, c)
			return
		}
		ps := preds[n]
		sort.Slice(ps, func(i, j int) bool { return ps[i].edge < ps[j].edge })
		for _, pr := range ps {
			walk(pr.node, append(tail, p.Edges[pr.edge]))
		}
	}
	walk(dst, nil)
	return out, nil
}

// findNode resolves an actor by IRI, label or alternative label.
func (p *Projection) findNode(name string) (string, error) {
	want := strings.ToLower(strings.TrimSpace(name))
	var hits []string
	for _, n := range p.Nodes {
		if strings.ToLower(n.ID) == want || strings.ToLower(n.Label) == want {
			return n.ID, nil
		}
		for _, alt := range strings.Split(n.Attrs[projAttrAltLabels], "; ") {
			if strings.ToLower(strings.TrimSpace(alt)) == want {
				hits = append(hits, n.ID)
				break
			}
		}
	}
	switch len(hits) {
	case 0:
		return "", fmt.Errorf("%w: no actor named %q takes part in an event", ErrGephiOption, name)
	case 1:
		return hits[0], nil
	}
	return "", fmt.Errorf("%w: %q names several actors (%s); give an IRI", ErrGephiOption, name, strings.Join(hits, ", "))
}
