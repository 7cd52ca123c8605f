package extract

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var dumpPath = flag.String("dump", "", "print the extraction of this file (a debugging aid)")

func TestDump(t *testing.T) {
	if *dumpPath == "" {
		t.Skip("no -dump file")
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(*dumpPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := x.File(*dumpPath, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Documents {
		fmt.Printf("=== %d %s %q date=%s place=%s issuer=%s addr=%s by=%s to=%s [%d:%d]\n", d.Index, d.Kind, d.Title, d.Date, d.Place, d.Issuer, d.Addressee, d.DeliveredBy, d.DeliveredTo, d.SourceStart, d.SourceEnd)
		for _, a := range d.Actors {
			fmt.Printf("   actor %s %s %q role=%q alt=%s m=%v p=%v r=%v\n", a.ID, a.Kind, a.Label, a.Role, strings.Join(a.AltLabels, "|"), a.MemberOf, a.PartOf, a.Represents)
		}
		for i, e := range d.Events {
			var th []string
			for _, a := range e.Themes {
				th = append(th, a.Actor+":"+a.Text)
			}
			fmt.Printf("   ev%d %s %s ag=%v tg=%v th=%v date=%s by=%s chargeOf=%d trig=%q\n      %q\n", i, e.Type, e.Stance, e.Agents, e.Targets, th, e.Date, e.AssertedBy, e.ChargeOf, e.Trigger, e.Quote)
		}
	}
}
