// Package extract turns diplomatic documents into plain Go values: documents
// with their metadata, the actors they mention, and the events they report,
// each with the exact evidence span. It knows nothing of RDF; package
// ontology maps its values to quads.
package extract

// DocKind is the genre of a document; its value is the local name of the
// ng: class (ng:DiplomaticNote, ng:Speech, ...).
type DocKind string

const (
	KindNote       DocKind = "DiplomaticNote"
	KindVerbalNote DocKind = "VerbalNote"
	KindSpeech     DocKind = "Speech"
	KindTelegram   DocKind = "Telegram"
	KindMemorandum DocKind = "Memorandum"
	KindStatement  DocKind = "Statement"
	KindCommentary DocKind = "Commentary"
)

// ActorKind is the local name of the schema.org class of an actor.
type ActorKind string

const (
	Person                 ActorKind = "Person"
	Organization           ActorKind = "Organization"
	GovernmentOrganization ActorKind = "GovernmentOrganization"
	Country                ActorKind = "Country"
	// Place is a city or region named in the gazetteer (schema:Place); it is
	// never an agent or target of an event.
	Place ActorKind = "Place"
)

// Stance says whose account an event report is and how the document holds it
// (DESIGN.md): the document performs it, alleges it, reports another party's
// words, or denies it.
type Stance string

const (
	Performed Stance = "Performed"
	Alleged   Stance = "Alleged"
	Reported  Stance = "Reported"
	Denied    Stance = "Denied"
)

// Actor is a state, government body, party, embassy, person or group.
// ID is a stable slug (from the gazetteer, or minted from the name of an
// actor met in the text); ontology mints the IRI from it.
type Actor struct {
	ID         string
	Label      string
	AltLabels  []string // every other name form met in the text or listed in the gazetteer
	Kind       ActorKind
	Role       string   // "Deputy Minister of Foreign Affairs", "Ambassador", ...
	Wikidata   string   // "Q15180", empty when not verified
	MemberOf   []string // actor IDs (org:memberOf)
	PartOf     []string // actor IDs (org:subOrganizationOf)
	Represents []string // actor IDs (ng:represents)
}

// Span is a half-open range of Unicode code points in a document's Text.
type Span struct {
	Start, End int
}

// Arg is an event argument that is either an actor or a piece of text (the
// cancelled agreement, the staff withdrawn). Span locates Text in the
// document when it was read from it.
type Arg struct {
	Actor string // actor ID, or empty
	Text  string
}

// Event is one event report: one event as told in one passage of one document.
type Event struct {
	Type       string   // notation of the event-type scheme: "ACCUSE", "EXPEL", ...
	Agents     []string // actor IDs
	Targets    []string // actor IDs
	Themes     []Arg
	Charge     string // for ACCUSE: what is alleged
	ChargeOf   int    // index in Document.Events of the alleged deed, or -1
	Date       string // "1961-11-25", "1960-08" or "1961"; empty when unknown
	AssertedBy string // actor ID: the issuer, or the party quoted
	Stance     Stance
	Trigger    string // the trigger word form met in the text
	Evidence   Span   // code points of Document.Text; Document.Text[Evidence] is the quote
	Quote      string
}

// Document is one note, speech or telegram. A file may hold several.
type Document struct {
	Source      string // the file's key: its base name
	Index       int    // position in the file, from 0
	Title       string
	Kind        DocKind
	Date        string // ISO 8601 date, year-month or year; empty when unknown
	Place       string // where it was issued, when stated
	Issuer      string // actor IDs
	Addressee   string
	DeliveredBy string
	DeliveredTo string
	Text        string // the document's text (for TEI: text content without markup)
	// Where Text lies in the source file, in code points (plain text only;
	// both -1 for TEI, whose text is derived from markup).
	SourceStart, SourceEnd int
	Actors                 []Actor // every actor the document mentions, issuer and addressee included
	Events                 []Event
}

// File is the result of extracting one source file.
type File struct {
	Path      string // as given on the command line
	Key       string // stable key: the base name
	SHA256    string // hex digest of the file's bytes
	Documents []Document
}
