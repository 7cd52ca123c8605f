// Package examples carries the bundled example corpus inside the binary, so that
// `notegraph build` with no path works on a fresh machine from any directory.
package examples

import "embed"

// Corpus holds the example documents; their paths are their base names.
//
//go:embed *.txt
var Corpus embed.FS
