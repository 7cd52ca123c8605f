package extract

func (x *Extractor) teiDocuments(path string, data []byte) ([]segDoc, error) {
	return nil, &InputError{Path: path, Msg: "TEI not yet supported"}
}
