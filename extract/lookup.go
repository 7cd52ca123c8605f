package extract

// KnownLabel returns the label the gazetteer gives an actor ID. Actors
// minted from the text (persons introduced by a title, unknown
// organisations) are not known: their label is only the name form a
// document met first, and documents may differ.
func (x *Extractor) KnownLabel(id string) (string, bool) {
	if a := x.gaz.actors[id]; a != nil {
		return a.Label, true
	}
	return "", false
}
