package extract

import (
	"slices"
	"testing"
)

// The documents here are made up, between states no gazetteer lists, so that
// they test what the extractor reads from the genre rather than what its data
// knows.

func extractText(t *testing.T, x *Extractor, name, text string) *File {
	t.Helper()
	f, err := x.File(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestUnknownStates(t *testing.T) {
	x := newX(t)
	f := extractText(t, x, "zembla.txt", `Note of the Ministry of Foreign Affairs of the Republic of Zembla to the Embassy of the Kordavian People's Republic

The Ministry of Foreign Affairs of the Republic of Zembla presents its compliments to the Embassy of the Kordavian People's Republic and has the honor to state the following.

The Zemblan Government has decided to declare the Counselor of the Kordavian Embassy in Onhava, Mr. Odon Karlsen, persona non grata.

The Zemblan Government protests against the arrest of two Zemblan citizens by the Kordavian authorities.

Onhava, March 2, 1964
`)
	if len(f.Documents) != 1 {
		t.Fatalf("got %d documents, want 1", len(f.Documents))
	}
	d := f.Documents[0]
	if d.Issuer != "zembla-mfa" || d.Addressee != "kordavia-embassy" {
		t.Errorf("issuer %q addressee %q, want zembla-mfa, kordavia-embassy", d.Issuer, d.Addressee)
	}
	if d.Date != "1964-03-02" || d.Place != "Onhava" {
		t.Errorf("date %q place %q", d.Date, d.Place)
	}
	labels := map[string]string{}
	for _, a := range d.Actors {
		labels[a.ID] = a.Label
	}
	if labels["kordavia"] != "Kordavian People's Republic" || labels["zembla"] != "Republic of Zembla" {
		t.Errorf("minted states labelled %q and %q", labels["kordavia"], labels["zembla"])
	}
	expel := false
	for _, e := range d.Events {
		if e.Type == "EXPEL" && slices.Equal(e.Agents, []string{"zembla-government"}) && slices.Equal(e.Targets, []string{"kordavia"}) &&
			len(e.Themes) > 0 && e.Themes[0].Actor == "karlsen" && e.Stance == Performed {
			expel = true
		}
	}
	if !expel {
		dumpEvents(t, d)
		t.Error("no EXPEL of Karlsen performed by the Zemblan Government against Kordavia")
	}
	if !findEvent(d, "PROTEST", "zembla-government", "", Performed, "protests against the arrest") {
		dumpEvents(t, d)
		t.Error("no PROTEST by the Zemblan Government")
	}
}

func TestLetterLayout(t *testing.T) {
	x := newX(t)
	f := extractText(t, x, "letter.txt", `Letter of the Central Committee of the CPSU(b) to the Central Committee of the League of Communists of Yugoslavia

Moscow, May 4, 1948

We deny that our representatives were ever placed under surveillance by our organs. We propose that the Central Committee of the League of Communists of Yugoslavia send its delegates to Moscow.

For the Central Committee of the CPSU(b)
J. Stalin
`)
	if len(f.Documents) != 1 {
		for _, d := range f.Documents {
			t.Logf("document %q", d.Title)
		}
		t.Fatalf("got %d documents, want 1 (dateline and signature block belong to it)", len(f.Documents))
	}
	d := f.Documents[0]
	if d.Date != "1948-05-04" || d.Issuer != "cpsu-central-committee" {
		t.Errorf("date %q issuer %q", d.Date, d.Issuer)
	}
	if !findEvent(d, "PROPOSE", "cpsu-central-committee", "lcy", Performed, "We propose") {
		dumpEvents(t, d)
		t.Error("'we' in a letter is its issuer, proposing to the other side's party")
	}
	for _, e := range d.Events {
		if e.Type == "SURVEIL" {
			t.Errorf("the issuer's own deed it denies is no event: %s %s %q", e.Type, e.Stance, e.Quote)
		}
	}
}

func TestDiscoverStatesForms(t *testing.T) {
	x := newX(t)
	cases := []struct {
		text, id, label string
	}{
		{"the Republic of Zembla protests", "zembla", "Republic of Zembla"},
		{"the Kordavian People's Republic", "kordavia", "Kordavian People's Republic"},
		{"Telegram From the Embassy in Zembla to the Department", "zembla", "Zembla"},
		{"the Kordavian Chargé rejected protest", "kordavia", "Kordavia"},
		{"the Republic of Finland protests", "", ""}, // listed: nothing minted
	}
	for _, c := range cases {
		rs := []rune(c.text)
		d := newDocActors(x.gaz)
		x.discoverStates(rs, tokenize(rs), d)
		if c.id == "" {
			if len(d.actors) != 0 {
				t.Errorf("%q: minted %v", c.text, d.actors)
			}
			continue
		}
		a := d.actors[c.id]
		if a == nil || a.Label != c.label || a.Kind != Country {
			t.Errorf("%q: got %+v, want %s %q", c.text, a, c.id, c.label)
		}
	}
}

func TestTelegramBetweenUnknownStates(t *testing.T) {
	x := newX(t)
	f := extractText(t, x, "telegram.txt", `Telegram From the Embassy in Zembla to the Department of State

Onhava, June 3, 1964, 4 p.m.

517. According to Foreign Minister Arn, Kordavian Chargé rejected protest and accused Zemblan police of arresting two Kordavian railwaymen.

Harlow
`)
	if len(f.Documents) != 1 {
		t.Fatalf("got %d documents, want 1", len(f.Documents))
	}
	d := f.Documents[0]
	if d.Issuer != "embassy-in-zembla" || d.Date != "1964-06-03" {
		t.Errorf("issuer %q date %q", d.Issuer, d.Date)
	}
	if !findEvent(d, "ACCUSE", "kordavian-charge", "zembla-authorities", Reported, "accused Zemblan police") {
		dumpEvents(t, d)
		t.Error("no reported ACCUSE by the Kordavian Chargé against the Zemblan police")
	}
	for _, e := range d.Events {
		if e.Type == "ARREST" || e.Type == "PROTEST" {
			t.Errorf("%s %s %q: the charged deed and the rejected protest are no events", e.Type, e.Stance, e.Quote)
		}
	}
}

// TestPlainTelegramReportedSpeech: a plain-text telegram's signature names
// its "I"; reported words of the other side are Reported; "rejected US
// protest" holds no protest of its own.
func TestPlainTelegramReportedSpeech(t *testing.T) {
	x := newX(t)
	f := extractText(t, x, "tel.txt", `Telegram From the Embassy in the Soviet Union to the Department of State

Moscow, March 4, 1962, 8 p.m.

2231. Gromyko called me in this afternoon. He stated that Soviet Government rejected US protest of February 20. He accused US Government of organizing provocations against Soviet diplomats. I rejected his charges as groundless.

Kohler
`)
	d := f.Documents[0]
	cases := []struct {
		typ, agent, target string
		stance             Stance
		quote              string
	}{
		{"PROTEST", "gromyko", "kohler", Reported, "called me in"},
		{"REJECT", "soviet-union-government", "", Reported, "rejected US protest"},
		{"ACCUSE", "gromyko", "united-states-government", Reported, "He accused US Government"},
		{"DENY", "kohler", "", Alleged, "I rejected his charges"},
	}
	for _, c := range cases {
		if !findEvent(d, c.typ, c.agent, c.target, c.stance, c.quote) {
			dumpEvents(t, d)
			t.Errorf("no %s %s by %s against %q in %q", c.stance, c.typ, c.agent, c.target, c.quote)
		}
	}
	for _, e := range d.Events {
		if e.Type == "PROTEST" && slices.Contains(e.Agents, "united-states") {
			t.Errorf("the rejected protest is no event of its own: %q", e.Quote)
		}
	}
}

// TestTelegraphicElidedSpeaker: "Said X protests ... Demanded ...": the
// elided subject is the speaker named before, not the words he reported.
func TestTelegraphicElidedSpeaker(t *testing.T) {
	x := newX(t)
	f := extractText(t, x, "tel2.txt", `Telegram From the Embassy in Poland to the Department of State

Warsaw, April 9, 1965, 5 p.m.

1420. Deputy Foreign Minister Winiewicz summoned Ambassador Gronouski this morning. Said Polish Government protests most strongly against detention of Polish trawler. Stated that crew had been arrested without cause. Demanded their immediate release.

Gronouski
`)
	d := f.Documents[0]
	if !findEvent(d, "PROTEST", "poland-government", "", Reported, "Polish Government protests") {
		dumpEvents(t, d)
		t.Error("no reported protest of the Polish Government")
	}
	if !findEvent(d, "DEMAND", "winiewicz", "", Alleged, "Demanded their immediate release") {
		dumpEvents(t, d)
		t.Error("the elided subject of 'Demanded' is the speaker, Winiewicz")
	}
}
