package grammar

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a grammar source file. Offset is the byte offset;
// Line and Col are 1-based, Col counting bytes. The zero Pos is "no position".
type Pos struct {
	File   string
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether p holds a position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as file:line:col, omitting what is unknown.
func (p Pos) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Severity grades a diagnostic. Only SeverityError makes a grammar unusable.
type Severity int

// The severities, from most to least serious.
const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityNote
)

// String returns "error", "warning" or "note".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	default:
		return "note"
	}
}

// Code classifies a diagnostic for a program that acts on it (as go/types'
// error codes do), so that it need not match the text of Msg. Most
// diagnostics have none.
type Code int

// The codes.
const (
	// CodeNone is the code of a diagnostic no program acts on.
	CodeNone Code = iota
	// CodeLeftRecursion marks Check's warning of a cycle of rules that
	// reach themselves before any byte (RFC 5234 allows it; a generated
	// parser cannot run it).
	CodeLeftRecursion
	// CodeLookahead marks the generator's error for a rule whose next
	// step needs more than one byte of lookahead, left recursion being
	// the usual cause.
	CodeLookahead
)

// Error is one positioned diagnostic about a grammar: a syntax error, a check
// finding or a lowering failure. Rule names the rule it concerns, if any;
// Code classifies it for programs, if anything needs to.
type Error struct {
	Pos      Pos
	Severity Severity
	Rule     string
	Msg      string
	Code     Code
}

// Error formats e as "file:line:col: msg", the form editors jump to. Warnings
// and notes carry their severity after the position.
func (e *Error) Error() string {
	if e.Severity == SeverityError {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Severity.String() + ": " + e.Msg
}

// ErrorList is a list of diagnostics. The zero value is an empty list ready
// to use. Like go/scanner.ErrorList, Err returns nil for a list without
// errors, so a list of warnings does not fail a caller.
type ErrorList []*Error

// Add appends a diagnostic.
func (l *ErrorList) Add(pos Pos, sev Severity, rule, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Severity: sev, Rule: rule, Msg: fmt.Sprintf(format, args...)})
}

// Len, Less and Swap make ErrorList sortable by file, line, column, severity
// and message.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.Pos.File != b.Pos.File {
		return a.Pos.File < b.Pos.File
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	if a.Severity != b.Severity {
		return a.Severity < b.Severity
	}
	return a.Msg < b.Msg
}

// Sort sorts the list by position and removes exact duplicates.
func (l *ErrorList) Sort() {
	sort.Stable(*l)
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && *e == *(*l)[i-1] {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// HasErrors reports whether any entry has SeverityError.
func (l ErrorList) HasErrors() bool {
	for _, e := range l {
		if e.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns only the entries with SeverityError.
func (l ErrorList) Errors() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SeverityError {
			out = append(out, e)
		}
	}
	return out
}

// Error joins the first ten entries, one per line, and counts the rest;
// an eleventh alone is shown, not counted (the lexer's note that it
// stopped after ten errors had read "(and 1 more)").
func (l ErrorList) Error() string {
	const max = 10
	var b strings.Builder
	for i, e := range l {
		if i == max && len(l) > max+1 {
			fmt.Fprintf(&b, "\n(and %d more)", len(l)-max)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if len(l) == 0 {
		return "no errors"
	}
	return b.String()
}

// Err returns nil if the list holds no SeverityError entry, and the list
// otherwise.
func (l ErrorList) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Excerpt bounds s for use in a message: at most max bytes, quoted with Go
// escapes, with "..." marking a cut.
func Excerpt(s string, max int) string {
	if len(s) > max {
		return fmt.Sprintf("%q...", s[:max])
	}
	return fmt.Sprintf("%q", s)
}

// InRules returns the entries of l about the rules whose keys (see Key)
// are in keys, such as the rules a start rule reaches: lowering errors in
// rules a parser never uses do not concern it.
func (l ErrorList) InRules(keys map[string]bool) ErrorList {
	var out ErrorList
	for _, e := range l {
		if keys[Key(e.Rule)] {
			out = append(out, e)
		}
	}
	return out
}
