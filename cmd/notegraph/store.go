package main

import (
	"fmt"
	"io"
	"net/url"
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

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "create an empty store: the schema in a PostgreSQL database, or an embedded store in a folder",
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("init takes no arguments (got %q)", c.Args().First())
			}
			if err := graph.Init(c.String("db")); err != nil {
				return err
			}
			_, err := fmt.Fprintf(c.App.Writer, "store ready at %s\n", redactURL(c.String("db")))
			return err
		},
	}
}

// redactURL hides a password in a database URL before it is printed.
func redactURL(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.User == nil {
		return addr
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
