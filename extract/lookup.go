package extract

import "strings"

// KnownLabel returns the label the gazetteer gives an actor ID: an actor it
// lists, or an institution composed from one of its institution templates
// and a listed actor ("albania-government"). Actors minted from the text
// (persons introduced by a title, unknown organisations) are not known:
// their label is only the name form a document met first, and documents
// may differ.
func (x *Extractor) KnownLabel(id string) (string, bool) {
	if a := x.gaz.actors[id]; a != nil {
		return a.Label, true
	}
	for i := strings.IndexByte(id, '-'); i > 0; i = next(id, i) {
		base, inst := x.gaz.actors[id[:i]], x.gaz.insts[id[i+1:]]
		if base != nil && inst != nil {
			// the same label composeID gives: "{adj} Embassy" takes the
			// base's first adjective, else its label
			adj := base.Label
			if len(base.Adj) > 0 {
				adj = base.Adj[0]
			}
			return strings.NewReplacer("{label}", base.Label, "{adj}", adj).Replace(inst.Label), true
		}
	}
	return "", false
}

func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '-')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}
