package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// style is the colouring of human output; the zero value has no colour.
type style struct{ bold, red, green, reset string }

var colour = style{bold: "\x1b[1m", red: "\x1b[31m", green: "\x1b[32m", reset: "\x1b[0m"}

// useColour reports whether output to w gets colour: only when w is a
// terminal (a character device) and NO_COLOR is empty or unset
// (https://no-color.org).
func useColour(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// maxShown bounds the bytes of an offending line that are shown: a window
// around the column, so a megabyte of chunk-data stays one screen line.
const maxShown = 96

// writeHuman writes the diagnostics of r and its summary line.
func writeHuman(w io.Writer, r *result, st style) {
	n, valid := len(r.Messages), 0
	for _, m := range r.Messages {
		if m.Valid {
			valid++
		}
	}
	writeText(w, r, n, valid, st)
}

// writeText writes the diagnostics of r, its notes (the bytes not
// validated, the requests not answered) and its summary line, for n
// messages of which valid are valid (r's messages may not be kept).
func writeText(w io.Writer, r *result, n, valid int, st style) {
	shown := *r
	shown.Name = printable(r.Name)
	r = &shown
	for _, d := range r.Errors {
		writeDiag(w, r.Name, r.Data, d, st)
	}
	writeRest(w, r, st)
	writeUnanswered(w, r, st)
	writeSummary(w, r, n, valid, st)
}

// writeSummary writes the summary line of r, which has n messages of
// which valid are valid.
func writeSummary(w io.Writer, r *result, n, valid int, st style) {
	if r.Valid() {
		fmt.Fprintf(w, "%s: %sok%s: %s\n", r.Name, st.green, st.reset, plural(n, "message"))
		return
	}
	fmt.Fprintf(w, "%s: %sinvalid%s: %s, %d valid, %s\n", r.Name, st.red, st.reset, plural(n, "message"), valid, plural(len(r.Errors), "error"))
}

// writeRest writes a note of the bytes of r that are not validated, if
// any, positioned as a diagnostic is.
func writeRest(w io.Writer, r *result, st style) {
	if rr := r.Rest; rr != nil {
		fmt.Fprintf(w, "%s%s:%d:%d:%s note: %s not validated, after %s (RFC 2616 §%s)\n", st.bold, r.Name, rr.Line, rr.Col, st.reset, plural(rr.Length, "byte"), rr.After, rr.Section)
	}
}

// writeUnanswered writes a note of the requests of r that -pair found no
// response to, if any, positioned at the first of them.
func writeUnanswered(w io.Writer, r *result, st style) {
	if u := r.Unanswered; u != nil {
		fmt.Fprintf(w, "%s%s:%d:%d:%s note: %s not answered: %s", st.bold, r.Name, u.Line, u.Col, st.reset, plural(u.Count, "request"), u.Why)
		if u.Section != "" {
			fmt.Fprintf(w, " (RFC 2616 §%s)", u.Section)
		}
		fmt.Fprintln(w)
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// writeDiag writes one diagnostic as a compiler does: the position, the
// message, the offending line with its bytes escaped, and a caret under
// the column. data is the input the diagnostic's offset is in; nil shows
// no line.
func writeDiag(w io.Writer, name string, data []byte, d diag, st style) {
	pos := name
	if d.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", name, d.Line, d.Col)
	}
	fmt.Fprintf(w, "%s%s:%s %s\n", st.bold, pos, st.reset, formatMsg(d, st))
	if data == nil || d.Line == 0 {
		return
	}
	writeLine(w, data, d.Offset, strconv.Itoa(d.Line), st)
}

// writeLine writes the line of data holding offset off, labelled (with its
// number), and a caret under off.
func writeLine(w io.Writer, data []byte, off int, label string, st style) {
	text, caret := showLine(data, off)
	gutter := fmt.Sprintf("%5s | ", label)
	fmt.Fprintf(w, "%s%s\n%*s| %s%s^%s\n", gutter, text, len(gutter)-2, "", strings.Repeat(" ", caret), st.green, st.reset)
}

// formatMsg is "[rule] message (RFC 2616 §x.y)".
func formatMsg(d diag, st style) string {
	var b strings.Builder
	if d.Rule != "" {
		fmt.Fprintf(&b, "%s[%s]%s ", st.red, d.Rule, st.reset)
	}
	b.WriteString(d.Msg)
	if d.Section != "" {
		fmt.Fprintf(&b, " (RFC 2616 §%s)", d.Section)
	}
	return b.String()
}

// showLine returns the line of data that holds offset off, with its line
// end, escaped, and the display column of off in it (0-based). Only a
// window of maxShown bytes around off is shown, marked with "...".
func showLine(data []byte, off int) (string, int) {
	off = min(off, len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	end := len(data)
	if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
		end = off + i + 1
	}
	prefix, suffix := "", ""
	if off-start > maxShown/2 {
		start = off - maxShown/2
		prefix = "..."
	}
	if end-start > maxShown {
		end = start + maxShown
		suffix = "..."
	}
	var b strings.Builder
	b.WriteString(prefix)
	caret := len(prefix)
	for i := start; i < end; i++ {
		if i == off {
			caret = b.Len()
		}
		b.WriteString(escapeByte(data[i]))
	}
	if off >= end {
		caret = b.Len()
	}
	b.WriteString(suffix)
	return b.String(), caret
}

// escapeByte shows a byte as it appears in a line: printable ASCII as
// itself, and CR, LF, HT, other control bytes and non-ASCII bytes as Go
// escapes (\r, \n, \t, \x00, \xff), so every byte is visible and one
// display column is one character.
func escapeByte(c byte) string {
	switch {
	case c == '\r':
		return `\r`
	case c == '\n':
		return `\n`
	case c == '\t':
		return `\t`
	case c == '\\':
		return `\\`
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf(`\x%02x`, c)
	}
	return string(rune(c))
}

// jsonInput is the JSON object written for one input with -json.
// Strings hold the raw bytes of the input as Go's encoding/json writes
// them: invalid UTF-8 becomes U+FFFD.
type jsonInput struct {
	File     string        `json:"file"`
	Valid    bool          `json:"valid"`
	Messages []jsonMessage `json:"messages"`
	Errors   []jsonError   `json:"errors"`
	// Unvalidated is the end of the input after a message that hands
	// the connection to another protocol; left out when there is none.
	Unvalidated *jsonRest `json:"unvalidated,omitempty"`
	// Unanswered, with -pair only, is the requests that have no
	// response; left out when there are none.
	Unanswered *jsonUnanswered `json:"unanswered,omitempty"`
	// IOError is why the input could not be read (then it is not
	// valid, and has no messages); left out when it was read.
	IOError string `json:"io_error,omitempty"`
}

// writeJSONIOError writes the JSON line of an input that could not be
// read, so that -json gives one line for every input.
func writeJSONIOError(w io.Writer, name string, err error) error {
	b, jerr := json.Marshal(jsonInput{File: name, Messages: []jsonMessage{}, Errors: []jsonError{}, IOError: err.Error()})
	if jerr != nil {
		return jerr
	}
	_, werr := fmt.Fprintf(w, "%s\n", b)
	return werr
}

// jsonUnanswered is the requests of a -pair input that have no response:
// Count of them from the one at Offset (at Line:Col), for the reason Why
// gives, with the section of RFC 2616 that says so ("" when none does).
type jsonUnanswered struct {
	Offset  int    `json:"offset"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Count   int    `json:"count"`
	Why     string `json:"why"`
	Section string `json:"section"`
}

// jsonRest is the end of an input that is not validated: Length bytes
// from Offset (at Line:Col), After the message that After describes, with
// the section of RFC 2616 that says why.
type jsonRest struct {
	Offset  int    `json:"offset"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Length  int    `json:"length"`
	After   string `json:"after"`
	Section string `json:"section"`
}

// jsonMessage is one message. Fields that do not apply to its kind are
// empty ("" or 0). Host is the host a request is for (RFC 2616 §5.2: an
// absoluteURI target's, else the Host field's). BodyLength is the number
// of body bytes read (decoded for chunked bodies, up to the end of input
// for close-delimited ones, up to the error for invalid bodies). Trailer
// holds a chunked body's trailer fields (RFC 2616 §3.6.1), left out when
// it has none or was not read to its end. Answers, with -pair only, is
// the offset in the requests input of the request a response answers (or
// is an interim 1xx to); left out for a response that answers none.
type jsonMessage struct {
	Kind       string      `json:"kind"`
	Valid      bool        `json:"valid"`
	Offset     int         `json:"offset"`
	Method     string      `json:"method"`
	Target     string      `json:"target"`
	Version    string      `json:"version"`
	Status     int         `json:"status"`
	Reason     string      `json:"reason"`
	Headers    [][2]string `json:"headers"`
	Host       string      `json:"host"`
	BodyLength int64       `json:"body_length"`
	Trailer    [][2]string `json:"trailer,omitempty"`
	KeepAlive  bool        `json:"keep_alive"`
	Answers    *int        `json:"answers,omitempty"`
}

// jsonError is one error, positioned in the whole input.
type jsonError struct {
	Offset  int    `json:"offset"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Rule    string `json:"rule"`
	Section string `json:"section"`
	Message string `json:"message"`
}

func toJSON(r *result) jsonInput {
	out := jsonInput{File: r.Name, Valid: r.Valid(), Messages: []jsonMessage{}, Errors: []jsonError{}}
	for _, m := range r.Messages {
		out.Messages = append(out.Messages, toJSONMessage(m))
	}
	for _, d := range r.Errors {
		out.Errors = append(out.Errors, jsonError{d.Offset, d.Line, d.Col, d.Rule, d.Section, d.Msg})
	}
	if rr := r.Rest; rr != nil {
		out.Unvalidated = &jsonRest{rr.Offset, rr.Line, rr.Col, rr.Length, rr.After, rr.Section}
	}
	if u := r.Unanswered; u != nil {
		out.Unanswered = &jsonUnanswered{u.Offset, u.Line, u.Col, u.Count, u.Why, u.Section}
	}
	return out
}

func toJSONMessage(m message) jsonMessage {
	jm := jsonMessage{
		Kind: m.Kind.String(), Valid: m.Valid, Offset: m.Offset,
		Method: string(m.Method), Target: string(m.Target), Version: string(m.Version),
		Status: m.Status, Reason: string(m.Reason),
		Headers: make([][2]string, len(m.Headers)), Host: string(m.Host),
		BodyLength: m.BodyLength, KeepAlive: m.KeepAlive,
	}
	for i, h := range m.Headers {
		jm.Headers[i] = [2]string{string(h[0]), string(h[1])}
	}
	for _, f := range m.Trailer {
		jm.Trailer = append(jm.Trailer, [2]string{string(f[0]), string(f[1])})
	}
	if m.Paired {
		jm.Answers = &m.Answers
	}
	return jm
}

// writeJSON writes r as one line of JSON.
func writeJSON(w io.Writer, r *result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(toJSON(r))
}

// writeJSONStream writes the same line as writeJSON for r, whose messages
// are not kept but passed one at a time by scan: the line of an input of
// millions of messages is never whole in memory.
func writeJSONStream(w io.Writer, r *result, scan func(each func(message))) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	var err error
	put := func(prefix string, v any) {
		if err != nil {
			return
		}
		buf.Reset()
		buf.WriteString(prefix)
		if err = enc.Encode(v); err == nil {
			_, err = w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		}
	}
	head := toJSON(&result{Name: r.Name, Errors: r.Errors, Rest: r.Rest, Unanswered: r.Unanswered})
	put(`{"file":`, head.File)
	put(`,"valid":`, head.Valid)
	sep := `,"messages":[`
	scan(func(m message) {
		put(sep, toJSONMessage(m))
		sep = ","
	})
	if err == nil && sep != "," { // no message
		_, err = io.WriteString(w, sep)
	}
	put(`],"errors":`, head.Errors)
	if head.Unvalidated != nil {
		put(`,"unvalidated":`, head.Unvalidated)
	}
	if head.Unanswered != nil {
		put(`,"unanswered":`, head.Unanswered)
	}
	if err == nil {
		_, err = io.WriteString(w, "}\n")
	}
	return err
}

// printable returns s, or s quoted as a Go string when it holds a rune
// strconv.IsPrint refuses (a control character, an invalid UTF-8 byte,
// a bidirectional override such as U+202E): a file name must not break
// a file:line:col line or send escape sequences to a terminal. JSON
// output keeps names as they are, escaped by encoding/json.
func printable(s string) string {
	for _, r := range s {
		if !strconv.IsPrint(r) || r == utf8.RuneError {
			return strconv.Quote(s)
		}
	}
	return s
}
