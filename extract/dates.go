package extract

import (
	"fmt"
	"strconv"
	"strings"
)

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// dateMention is a date stated in the text: tokens [from, to).
type dateMention struct {
	from, to int
	value    string // ISO: 1961-11-25, 1960-08 or 1961; month-day without year as --11-25
}

func isYear(t token) (int, bool) {
	if !t.word || len(t.raw) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(t.raw)
	if err != nil || y < 1000 || y > 2999 {
		return 0, false
	}
	return y, true
}

func isDay(t token) (int, bool) {
	if !t.word || len(t.raw) > 2 {
		return 0, false
	}
	d, err := strconv.Atoi(t.raw)
	if err != nil || d < 1 || d > 31 {
		return 0, false
	}
	return d, true
}

// findDates finds "Month D, YYYY", "D Month YYYY", "Month D", "Month, YYYY",
// "Month YYYY" and "in YYYY". A bare year that modifies a noun ("the 1961
// trade agreement") is not a date of an event, so years count only after
// "in", "of" or "since" or inside a full date.
func findDates(toks []token) []dateMention {
	var out []dateMention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if m, ok := months[t.norm]; ok && t.cap {
			// Month D(, YYYY)?
			j := i + 1
			if j < len(toks) && toks[j].raw == "." && len(t.norm) <= 4 {
				j++
			}
			if j < len(toks) {
				if d, ok := isDay(toks[j]); ok {
					k := j + 1
					if k+1 < len(toks) && toks[k].raw == "," {
						if y, ok := isYear(toks[k+1]); ok {
							out = append(out, dateMention{i, k + 2, fmt.Sprintf("%04d-%02d-%02d", y, m, d)})
							i = k + 1
							continue
						}
					}
					if k < len(toks) {
						if y, ok := isYear(toks[k]); ok {
							out = append(out, dateMention{i, k + 1, fmt.Sprintf("%04d-%02d-%02d", y, m, d)})
							i = k
							continue
						}
					}
					if len(t.norm) > 3 || t.norm == "may" {
						out = append(out, dateMention{i, k, fmt.Sprintf("--%02d-%02d", m, d)})
						i = k - 1
					} else if j > i+1 || len(t.norm) == 3 {
						out = append(out, dateMention{i, k, fmt.Sprintf("--%02d-%02d", m, d)})
						i = k - 1
					}
					continue
				}
				k := j
				if k < len(toks) && toks[k].raw == "," {
					k++
				}
				if k < len(toks) {
					if y, ok := isYear(toks[k]); ok && t.norm != "may" {
						out = append(out, dateMention{i, k + 1, fmt.Sprintf("%04d-%02d", y, m)})
						i = k
						continue
					}
				}
			}
			continue
		}
		// D Month YYYY
		if d, ok := isDay(t); ok && i+2 < len(toks) {
			if m, ok := months[toks[i+1].norm]; ok && toks[i+1].cap {
				if y, ok := isYear(toks[i+2]); ok {
					out = append(out, dateMention{i, i + 3, fmt.Sprintf("%04d-%02d-%02d", y, m, d)})
					i += 2
					continue
				}
			}
		}
		if y, ok := isYear(t); ok && i > 0 {
			p := toks[i-1].norm
			nounFollows := i+1 < len(toks) && toks[i+1].word && toks[i+1].norm != "and"
			if p == "in" || p == "since" || p == "until" || (p == "of" && !nounFollows) {
				out = append(out, dateMention{i, i + 1, fmt.Sprintf("%04d", y)})
			}
		}
	}
	return out
}

// completeDate fills a year-less date from a reference date.
func completeDate(v, ref string) string {
	if !strings.HasPrefix(v, "--") {
		return v
	}
	if len(ref) >= 4 {
		return ref[:4] + v[1:]
	}
	return ""
}
