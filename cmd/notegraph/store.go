package main

import (
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"notegraph/graph"
)

const defaultDB = "notegraph.db"

func dbFlag() *cli.StringFlag {
	return &cli.StringFlag{
		Name:    "db",
		Usage:   "the store: a folder (embedded Cayley store) or a postgres:// URL",
		Value:   defaultDB,
		EnvVars: []string{"NOTEGRAPH_DB"},
	}
}

// openStore opens the store named by --db. Commands that only read refuse
// to create a store where there is none.
func openStore(c *cli.Context, create bool) (*graph.Store, error) {
	addr := c.String("db")
	if !create {
		if _, err := os.Stat(addr); err != nil && !isURL(addr) {
			return nil, usagef("no store at %s (build one first: notegraph build --db %s)", addr, addr)
		}
	}
	return graph.Open(addr, graph.Options{Create: create, ReadOnly: !create})
}

func isURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ':':
			return i > 0 && len(s) > i+2 && s[i+1:i+3] == "//"
		case !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			return false
		}
	}
	return false
}

func readAll(f *os.File) ([]byte, error) { return io.ReadAll(f) }
