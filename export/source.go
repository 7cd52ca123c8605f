package export

import "notegraph/rdf"

// QuadSource is all an export needs from the store: one pass over its quads.
// The store implements it; tests pass quads held in memory. Each stops at
// the first error fn returns and hands it back.
type QuadSource interface {
	Each(fn func(rdf.Quad) error) error
}
