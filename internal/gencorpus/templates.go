package gencorpus

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// part is a piece of a template: literal text, or a slot to fill.
type part struct {
	text string
	slot string // empty for literal text
	caps bool   // {A^}: capitalise the first letter of the filled value
}

type template []part

// state is one state of the [state] section.
type state struct {
	ID, Name, Adj, City string
}

// templates is the parsed data file.
type templates struct {
	sections map[string][]template
	states   []state
	initials []string
	surnames []string
}

// slots the generator knows how to fill; a template naming any other slot
// is refused when the file loads, with its line.
var knownSlots = map[string]bool{
	"A": true, "B": true, "C": true,
	"A.adj": true, "B.adj": true, "C.adj": true,
	"A.city": true, "B.city": true, "C.city": true,
	"date": true, "pdate": true,
	"deputy": true, "charge": true, "ambA": true, "ambB": true,
	"person": true, "persons": true,
	"n": true, "m": true, "subject": true,
}

// sections every templates file must have, with at least one alternative.
var requiredSections = []string{
	"state", "initial", "surname",
	"heading.note", "heading.verbal", "subject", "address",
	"opening.note", "opening.verbal", "filler", "closing",
}

// eventSections are the paragraph kinds that report an event; the generator
// draws the event paragraphs of a note from the ones the file has.
var eventSections = []string{"protest", "accuse", "recall", "expel", "withdraw", "demand", "reject"}

// TemplateError reports a fault in a templates file, with its line.
type TemplateError struct {
	Path string
	Line int
	Msg  string
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// parseTemplates reads a templates file (format: data/templates.txt).
func parseTemplates(path string, data []byte) (*templates, error) {
	t := &templates{sections: map[string][]template{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	section := ""
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		fail := func(format string, a ...any) error {
			return &TemplateError{Path: path, Line: line, Msg: fmt.Sprintf(format, a...)}
		}
		if strings.HasPrefix(trimmed, "[") {
			if !strings.HasSuffix(trimmed, "]") || len(trimmed) < 3 {
				return nil, fail("bad section header %q (want [name])", trimmed)
			}
			section = trimmed[1 : len(trimmed)-1]
			continue
		}
		if section == "" {
			return nil, fail("text before the first [section]")
		}
		switch section {
		case "state":
			cols := strings.Split(trimmed, "|")
			if len(cols) != 4 {
				return nil, fail("state wants: ID | name | adjective | capital")
			}
			for i := range cols {
				cols[i] = strings.TrimSpace(cols[i])
				if cols[i] == "" {
					return nil, fail("state has an empty column %d", i+1)
				}
			}
			t.states = append(t.states, state{ID: cols[0], Name: cols[1], Adj: cols[2], City: cols[3]})
		case "initial":
			t.initials = append(t.initials, trimmed)
		case "surname":
			t.surnames = append(t.surnames, trimmed)
		default:
			tm, err := parseTemplate(trimmed)
			if err != nil {
				return nil, fail("%v", err)
			}
			t.sections[section] = append(t.sections[section], tm)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &TemplateError{Path: path, Msg: err.Error()}
	}
	count := map[string]int{"state": len(t.states), "initial": len(t.initials), "surname": len(t.surnames)}
	for name, alts := range t.sections {
		count[name] = len(alts)
	}
	for _, name := range requiredSections {
		if count[name] == 0 {
			return nil, &TemplateError{Path: path, Msg: fmt.Sprintf("section [%s] is missing or empty", name)}
		}
	}
	if len(t.states) < 3 {
		return nil, &TemplateError{Path: path, Msg: "[state] needs at least 3 states (issuer, receiver, third)"}
	}
	n := 0
	for _, s := range eventSections {
		n += len(t.sections[s])
	}
	if n == 0 {
		return nil, &TemplateError{Path: path, Msg: "no event section (" + strings.Join(eventSections, ", ") + ")"}
	}
	for _, alt := range t.sections["subject"] {
		for _, p := range alt {
			if p.slot == "subject" {
				return nil, &TemplateError{Path: path, Msg: "[subject] may not use {subject}"}
			}
		}
	}
	return t, nil
}

// parseTemplate splits one line into literal text and slots.
func parseTemplate(s string) (template, error) {
	var tm template
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			if strings.IndexByte(s, '}') >= 0 {
				return nil, fmt.Errorf("unmatched '}'")
			}
			tm = append(tm, part{text: s})
			break
		}
		if i > 0 {
			if strings.IndexByte(s[:i], '}') >= 0 {
				return nil, fmt.Errorf("unmatched '}'")
			}
			tm = append(tm, part{text: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("unclosed slot %q", s[i:])
		}
		name := s[i+1 : i+j]
		p := part{slot: name}
		if strings.HasSuffix(name, "^") {
			p.slot, p.caps = strings.TrimSuffix(name, "^"), true
		}
		if !knownSlots[p.slot] {
			return nil, fmt.Errorf("unknown slot {%s}", name)
		}
		tm = append(tm, p)
		s = s[i+j+1:]
	}
	return tm, nil
}
