// Command notegraph turns diplomatic documents into a linked-data knowledge
// graph kept in a Cayley store, and exports it for linked-data tools and Gephi.
//
// This package is the command line only: flags, progress, messages and exit
// codes. The work is done by packages build, extract, graph, export and query.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // bad input or a failed operation
	exitUsage = 2 // the command line itself is wrong
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// usageError marks errors that are the command line's fault.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	var ue usageError
	var ec cli.ExitCoder
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "notegraph: %v\n", ue.error)
		return exitUsage
	case errors.As(err, &ec):
		if msg := ec.Error(); msg != "" {
			fmt.Fprintf(stderr, "notegraph: %s\n", msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintf(stderr, "notegraph: %v\n", err)
	return exitFail
}

func newApp(stdout, stderr io.Writer) *cli.App {
	onUsage := func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
	app := &cli.App{
		Name:      "notegraph",
		Usage:     "turn diplomatic documents into a linked-data knowledge graph",
		Writer:    stdout,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			initCommand(),
			buildCommand(),
			exportCommand(),
			ontologyCommand(),
			statsCommand(),
			evalCommand(),
			queryCommand(),
			importCommand(),
			pathCommand(),
		},
		OnUsageError:    onUsage,
		HideHelpCommand: true,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("no command %q (see notegraph --help)", c.Args().First())
			}
			_ = cli.ShowAppHelp(c)
			return usagef("a command is needed")
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run() prints and chooses the status
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsage
	}
	return app
}
