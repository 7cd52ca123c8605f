package ontology

import (
	"encoding/json"

	"notegraph/rdf"
)

// NamespaceIRI is the ontology's own IRI (the ng: namespace without its '#').
const NamespaceIRI = "https://w3id.org/notegraph/ns"

type termKind int

const (
	class termKind = iota
	objectProp
	dataProp
	individual
)

// term describes one ng: term of the vocabulary, or a reused term whose use
// notegraph documents.
type term struct {
	iri, label, comment string
	kind                termKind
	domain, rng         string
	super               []string
}

// terms is the vocabulary as published by `notegraph ontology`.
var terms = []term{
	{iri: Document, kind: class, label: "document", comment: "A diplomatic document: a note, verbal note, speech, telegram, memorandum or statement, or the commentary published with them.", super: []string{SCHEMA + "CreativeWork"}},
	{iri: DiplomaticNote, kind: class, label: "diplomatic note", comment: "A formal written communication from one government or ministry to another.", super: []string{Document}},
	{iri: VerbalNote, kind: class, label: "verbal note", comment: "A note verbale: an unsigned diplomatic note in the third person, often delivered in person.", super: []string{DiplomaticNote}},
	{iri: Speech, kind: class, label: "speech", comment: "A speech delivered by a leader or delegate.", super: []string{Document}},
	{iri: Telegram, kind: class, label: "telegram", comment: "A telegram between a mission and its ministry, or between governments.", super: []string{Document}},
	{iri: Memorandum, kind: class, label: "memorandum", comment: "A memorandum of conversation or an internal memorandum.", super: []string{Document}},
	{iri: Statement, kind: class, label: "statement", comment: "An official statement or declaration of a government or ministry.", super: []string{Document}},
	{iri: Commentary, kind: class, label: "commentary", comment: "Editorial matter published with the documents: an introduction or a footnote. Not an official document.", super: []string{Document}},
	{iri: SourceFile, kind: class, label: "source file", comment: "The file a document was read from, identified by its SHA-256 digest."},
	{iri: EventReport, kind: class, label: "event report", comment: "One event as told in one passage of one document, with the evidence quote and whose account it is.", super: []string{SemEvent}},
	{iri: StanceClass, kind: class, label: "stance", comment: "How a document holds an event it reports: performed, alleged, reported or denied."},
	{iri: Performed, kind: individual, label: "performed", comment: "The document itself performs the act (a protest, a rejection, a demand, an accusation)."},
	{iri: Alleged, kind: individual, label: "alleged", comment: "The issuer says that someone did the deed."},
	{iri: Reported, kind: individual, label: "reported", comment: "The document reports another party's words or claim."},
	{iri: Denied, kind: individual, label: "denied", comment: "The issuer denies that the deed took place."},

	{iri: Addressee, kind: objectProp, label: "addressee", comment: "The actor a document is addressed to.", domain: Document},
	{iri: DeliveredBy, kind: objectProp, label: "delivered by", comment: "The person who handed the document over, when stated.", domain: Document, rng: Person},
	{iri: DeliveredTo, kind: objectProp, label: "delivered to", comment: "The person the document was handed to, when stated.", domain: Document, rng: Person},
	{iri: Place, kind: dataProp, label: "place", comment: "Where the document was issued, as stated in it.", domain: Document, rng: rdf.XSDString},
	{iri: SHA256, kind: dataProp, label: "SHA-256", comment: "Hex SHA-256 digest of the source file's bytes.", domain: SourceFile, rng: rdf.XSDString},
	{iri: FileName, kind: dataProp, label: "file name", comment: "The source file's name as built: its base name when it was named on the command line, its path below the folder's parent when it was found in a folder.", domain: SourceFile, rng: rdf.XSDString},
	{iri: SourceStart, kind: dataProp, label: "source start", comment: "Where the document's text starts in its plain-text source file, in Unicode code points from 0.", domain: Document, rng: rdf.XSDNonNegInt},
	{iri: SourceEnd, kind: dataProp, label: "source end", comment: "Where the document's text ends (exclusive) in its plain-text source file, in Unicode code points.", domain: Document, rng: rdf.XSDNonNegInt},

	{iri: Represents, kind: objectProp, label: "represents", comment: "The state or body an actor acts for: an ambassador represents a state.", rng: SCHEMA + "Organization"},
	{iri: Role, kind: dataProp, label: "role", comment: "The title or function under which a person acts in the documents.", domain: Person, rng: rdf.XSDString},

	{iri: EventType, kind: objectProp, label: "event type", comment: "The concept of the notegraph event-type scheme this report is an instance of.", domain: EventReport, rng: Concept},
	{iri: Agent, kind: objectProp, label: "agent", comment: "Who acts: the accuser, the protesting ministry, the recalling government.", domain: EventReport},
	{iri: Target, kind: objectProp, label: "target", comment: "At whom the act is directed: the accused, the state an ambassador leaves.", domain: EventReport},
	{iri: Theme, kind: objectProp, label: "theme", comment: "The actor affected by the act when stated: the recalled ambassador, the expelled diplomat.", domain: EventReport},
	{iri: ThemeText, kind: dataProp, label: "theme text", comment: "What the act affects, as worded in the document, when it is not an actor: the cancelled agreement, the staff withdrawn.", domain: EventReport, rng: rdf.XSDString},
	{iri: Charge, kind: objectProp, label: "charge", comment: "For an accusation: the alleged deed, as an event report of its own.", domain: EventReport, rng: EventReport},
	{iri: ChargeText, kind: dataProp, label: "charge text", comment: "For an accusation: what is alleged, in the document's words.", domain: EventReport, rng: rdf.XSDString},
	{iri: EventDate, kind: dataProp, label: "date", comment: "When the event took place, as xsd:date, xsd:gYearMonth or xsd:gYear; the document's date when the passage states none.", domain: EventReport},
	{iri: AssertedBy, kind: objectProp, label: "asserted by", comment: "Whose account this is: the document's issuer, or the party it quotes.", domain: EventReport},
	{iri: Stance, kind: objectProp, label: "stance", comment: "Whether the document performs, alleges, reports or denies the event.", domain: EventReport, rng: StanceClass},
	{iri: Trigger, kind: dataProp, label: "trigger", comment: "The word of the passage that signals the event.", domain: EventReport, rng: rdf.XSDString},
	{iri: Evidence, kind: objectProp, label: "evidence", comment: "The passage of the source document that tells the event: an oa:SpecificResource with a quote and a position selector.", domain: EventReport, rng: SpecificResource},
	{iri: CAMEO, kind: dataProp, label: "CAMEO code", comment: "A CAMEO event code this concept corresponds to.", domain: Concept, rng: rdf.XSDString},
	{iri: PLOVER, kind: dataProp, label: "PLOVER category", comment: "The PLOVER event category (and mode) this concept corresponds to.", domain: Concept, rng: rdf.XSDString},
}

// VocabularyQuads publishes the vocabulary as OWL: every ng: class and
// property with rdfs:label, rdfs:comment, domain and range, plus the SKOS
// event-type scheme.
func VocabularyQuads() []rdf.Quad {
	var q quadList
	ont := rdf.NewIRI(NamespaceIRI)
	q.add(ont, RDF+"type", iri(OWL+"Ontology"))
	q.add(ont, Label, en("notegraph vocabulary"))
	q.add(ont, RDFS+"comment", en("Terms for diplomatic documents and the events they report: who did what to whom, according to whom, with the evidence."))
	q.add(ont, OWL+"versionInfo", rdf.NewLiteral("0.1"))
	for _, t := range terms {
		s := rdf.NewIRI(t.iri)
		switch t.kind {
		case class:
			q.add(s, RDF+"type", iri(OWL+"Class"))
		case objectProp:
			q.add(s, RDF+"type", iri(OWL+"ObjectProperty"))
		case dataProp:
			q.add(s, RDF+"type", iri(OWL+"DatatypeProperty"))
		case individual:
			q.add(s, RDF+"type", iri(OWL+"NamedIndividual"))
			q.add(s, RDF+"type", iri(StanceClass))
		}
		q.add(s, Label, en(t.label))
		q.add(s, RDFS+"comment", en(t.comment))
		q.add(s, RDFS+"isDefinedBy", ont)
		if t.domain != "" {
			q.add(s, RDFS+"domain", iri(t.domain))
		}
		if t.rng != "" {
			q.add(s, RDFS+"range", iri(t.rng))
		}
		for _, sup := range t.super {
			q.add(s, RDFS+"subClassOf", iri(sup))
		}
	}
	return append(q, SchemeQuads()...)
}

// Context is the JSON-LD 1.1 @context the JSON-LD export is compacted against
// (`notegraph ontology --context` prints it).
func Context() map[string]any {
	ctx := map[string]any{"@version": 1.1}
	for _, p := range Prefixes {
		ctx[p.Prefix] = p.IRI
	}
	return map[string]any{"@context": ctx}
}

// RDFPrefixes returns Prefixes as rdf.Prefix values for the encoders.
func RDFPrefixes() []rdf.Prefix {
	out := make([]rdf.Prefix, len(Prefixes))
	for i, p := range Prefixes {
		out[i] = rdf.Prefix{Prefix: p.Prefix, IRI: p.IRI}
	}
	return out
}

// ContextJSON is Context as indented JSON.
func ContextJSON() ([]byte, error) { return json.MarshalIndent(Context(), "", "  ") }
