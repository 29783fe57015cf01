package sample

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"

	"github.com/abnfc/abnfc/grammar"
)

// NearMiss is one labelled edit of a sample.
type NearMiss struct {
	// Label names the edit and where it applies: "KIND@N" with N the
	// byte offset in Base at which the edit starts. The kinds are
	//
	//	insert-SP, insert-HT, insert-CR, insert-LF, insert-NUL,
	//	insert-DEL, insert-0x80, insert-0xFF   one byte inserted at N
	//	flip-case                              the letter at N changes case
	//	drop-separatorS, duplicate-separatorS  the separator S at N (a
	//	                                       terminal of punctuation, or
	//	                                       -SP, -HT for white space)
	//	sign+, sign-, hex-prefix, leading-zeros  "+", "-", "0x" or "00"
	//	                                       before the number at N
	//	split-line                             a line end inserted at N
	//	duplicate-line                         the line starting at N repeated
	Label string
	// Base is the sample the edit applies to; Input is the edited bytes.
	Base, Input []byte
	// InLanguage is the matcher's verdict on Input.
	InLanguage bool
	// Err, when not nil, says that there is no verdict: the reference
	// parser gave up at one of its limits (a *ref.LimitError), and
	// InLanguage is false but does not mean out.
	Err error
}

// Kind returns the label without its "@N" offset.
func (m NearMiss) Kind() string {
	if i := strings.LastIndexByte(m.Label, '@'); i >= 0 {
		return m.Label[:i]
	}
	return m.Label
}

// inserted are the bytes insert-* edits insert, with their names.
var inserted = []struct {
	name string
	b    byte
}{{"SP", ' '}, {"HT", '\t'}, {"CR", '\r'}, {"LF", '\n'}, {"NUL", 0}, {"DEL", 0x7f}, {"0x80", 0x80}, {"0xFF", 0xff}}

// NearMisses returns single edits of d.Bytes, each classified by match
// (when match is nil, by the sampler's reference parser, with Verdict: an
// edit it gives up on has Err set). The edit points
// come from the derivation: insertions go at terminal boundaries, case
// flips at letters (one from a case-sensitive terminal and one from a
// case-insensitive literal, when there are both), separator edits at
// terminals made only of punctuation or white space, number edits before
// runs of bytes from digit ranges or digit literals, and line edits at
// LF or CRLF boundaries. Where an edit has several candidate points, r
// picks one. Edits that give the same input as an earlier one are left
// out.
func (s *Sampler) NearMisses(d *Derivation, r *rand.Rand, match func([]byte) bool) []NearMiss {
	if d == nil {
		return nil
	}
	verdict := func(b []byte) (bool, error) { return match(b), nil }
	if match == nil {
		verdict = s.Verdict
	}
	base := d.Bytes
	// Keep only terms that lie in order within the bytes, so that a
	// hand-made Derivation cannot send the edits out of range.
	var terms []Term
	for _, t := range d.Terms {
		last := 0
		if len(terms) > 0 {
			last = terms[len(terms)-1].End
		}
		if t.Start >= last && t.Start <= t.End && t.End <= len(base) {
			terms = append(terms, t)
		}
	}
	d = &Derivation{Bytes: base, Terms: terms}
	var out []NearMiss
	seen := map[string]bool{}
	add := func(label string, input []byte) {
		if bytes.Equal(input, base) || seen[string(input)] {
			return
		}
		seen[string(input)] = true
		out = append(out, NearMiss{Label: label, Base: base, Input: input})
	}
	pick := func(xs []int) int { return xs[r.Intn(len(xs))] }

	// Insertions at terminal boundaries.
	var bounds []int
	for _, t := range d.Terms {
		if len(bounds) == 0 || bounds[len(bounds)-1] != t.Start {
			bounds = append(bounds, t.Start)
		}
	}
	if len(bounds) == 0 || bounds[len(bounds)-1] != len(base) {
		bounds = append(bounds, len(base))
	}
	for _, in := range inserted {
		at := pick(bounds)
		add(fmt.Sprintf("insert-%s@%d", in.name, at), splice(base, at, at, []byte{in.b}))
	}

	// Case flips.
	var fold, exact []int
	for _, t := range d.Terms {
		for i := t.Start; i < t.End; i++ {
			if isLetter(base[i]) {
				if t.Fold() {
					fold = append(fold, i)
				} else {
					exact = append(exact, i)
				}
			}
		}
	}
	for _, xs := range [][]int{exact, fold} {
		if len(xs) > 0 {
			at := pick(xs)
			add(fmt.Sprintf("flip-case@%d", at), splice(base, at, at+1, []byte{base[at] ^ 0x20}))
		}
	}

	// Separators.
	var seps []Term
	for _, t := range d.Terms {
		if isSeparator(t) {
			seps = append(seps, t)
		}
	}
	if len(seps) > 0 {
		t := seps[r.Intn(len(seps))]
		add(fmt.Sprintf("drop-separator%s@%d", sepName(base[t.Start:t.End]), t.Start), splice(base, t.Start, t.End, nil))
		t = seps[r.Intn(len(seps))]
		add(fmt.Sprintf("duplicate-separator%s@%d", sepName(base[t.Start:t.End]), t.Start), splice(base, t.Start, t.Start, base[t.Start:t.End]))
	}

	// Numbers.
	var nums []int
	for i, t := range d.Terms {
		if isDigitTerm(t, base) && (i == 0 || d.Terms[i-1].End != t.Start || !isDigitTerm(d.Terms[i-1], base)) {
			nums = append(nums, t.Start)
		}
	}
	if len(nums) > 0 {
		for _, e := range []struct{ name, text string }{{"sign+", "+"}, {"sign-", "-"}, {"hex-prefix", "0x"}, {"leading-zeros", "00"}} {
			at := pick(nums)
			add(fmt.Sprintf("%s@%d", e.name, at), splice(base, at, at, []byte(e.text)))
		}
	}

	// Lines: starts of lines after the first, and the line end in use.
	eol := []byte("\r\n")
	var lineStarts []int
	for i, b := range base {
		if b == '\n' {
			if len(lineStarts) == 0 && (i == 0 || base[i-1] != '\r') {
				eol = []byte("\n")
			}
			lineStarts = append(lineStarts, i+1)
		}
	}
	if len(lineStarts) > 0 {
		// Line k runs from its start to the start of line k+1.
		starts := append([]int{0}, lineStarts...)
		k := r.Intn(len(lineStarts))
		from, to := starts[k], starts[k+1]
		add(fmt.Sprintf("duplicate-line@%d", from), splice(base, to, to, base[from:to]))
	}
	var inner []int
	for _, b := range bounds {
		if b > 0 && b < len(base) && base[b-1] != '\n' && base[b-1] != '\r' && base[b] != '\r' && base[b] != '\n' {
			inner = append(inner, b)
		}
	}
	if len(inner) > 0 {
		at := pick(inner)
		add(fmt.Sprintf("split-line@%d", at), splice(base, at, at, eol))
	}

	for i := range out {
		out[i].InLanguage, out[i].Err = verdict(out[i].Input)
	}
	return out
}

// splice returns a copy of b with b[i:j] replaced by with.
func splice(b []byte, i, j int, with []byte) []byte {
	out := make([]byte, 0, len(b)-(j-i)+len(with))
	out = append(out, b[:i]...)
	out = append(out, with...)
	return append(out, b[j:]...)
}

// isSeparator reports whether t is a separator: a non-empty literal of at
// most three bytes, or a one-byte range, made only of ASCII punctuation,
// SP or HT.
func isSeparator(t Term) bool {
	var text string
	switch n := t.Node.(type) {
	case *grammar.Literal:
		text = n.Text
	case *grammar.Range:
		if n.Lo != n.Hi {
			return false
		}
		text = string([]byte{n.Lo})
	default:
		return false
	}
	if text == "" || len(text) > 3 {
		return false
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		punct := c > 0x20 && c < 0x7f && !isLetter(c) && (c < '0' || c > '9')
		if !punct && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// sepName spells a separator in a label: punctuation as itself, white
// space as -SP or -HT.
func sepName(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		switch c {
		case ' ':
			if i == 0 {
				sb.WriteByte('-')
			}
			sb.WriteString("SP")
		case '\t':
			if i == 0 {
				sb.WriteByte('-')
			}
			sb.WriteString("HT")
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// isDigitTerm reports whether t came from a range within 0-9 or from a
// literal of digits.
func isDigitTerm(t Term, base []byte) bool {
	switch n := t.Node.(type) {
	case *grammar.Range:
		return n.Lo >= '0' && n.Hi <= '9'
	case *grammar.Literal:
		for i := t.Start; i < t.End; i++ {
			if base[i] < '0' || base[i] > '9' {
				return false
			}
		}
		return t.End > t.Start
	}
	return false
}
