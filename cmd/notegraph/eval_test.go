package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestEvalCommand(t *testing.T) {
	gold := filepath.Join("..", "..", "testdata", "gold", "albania-ussr-1961.jsonl")
	out := mustRun(t, "eval", "--gold", gold)
	m := regexp.MustCompile(`all events\s+P ([0-9.]+)\s+R ([0-9.]+)\s+F1 ([0-9.]+)\s+\(matched (\d+), gold (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no overall line in:\n%s", out)
	}
	matched, _ := strconv.Atoi(m[4])
	gold_, _ := strconv.Atoi(m[5])
	if gold_ == 0 || matched == 0 {
		t.Errorf("eval matched %d of %d gold events", matched, gold_)
	}
	if r, _ := strconv.ParseFloat(m[2], 64); r != float64(int(float64(matched)/float64(gold_)*1000+0.5))/1000 {
		t.Errorf("recall %s is not matched/gold = %d/%d", m[2], matched, gold_)
	}
	if !strings.Contains(out, "Misses") {
		t.Errorf("no list of misses:\n%s", out)
	}
	code, _, errs := notegraph(t, "eval")
	if code != 2 || !strings.Contains(errs, "gold") {
		t.Errorf("eval without --gold: exit %d, %q", code, errs)
	}
}
