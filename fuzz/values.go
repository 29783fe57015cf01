package fuzz

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"testing/iotest"
	"time"

	"github.com/abnfc/abnfc/parser"
)

// chunkedOutcome decodes a Chunked-Body with the generated parser's
// ChunkedReader from src.
func chunkedOutcome(src io.Reader, data []byte) (verdict, body, errRule string, rest, errOff int, limit bool) {
	return chunkedWith(parser.NewChunkedReader(src, nil))
}

// chunkedWith decodes a Chunked-Body with cr. limit reports an error
// that wraps parser.ErrLimit.
func chunkedWith(cr *parser.ChunkedReader) (verdict, body, errRule string, rest, errOff int, limit bool) {
	b, err := io.ReadAll(cr)
	if err != nil {
		var e *parser.Error
		errOff = -1
		if errors.As(err, &e) {
			errRule, errOff = fmt.Sprintf("%s@%d", e.Rule, e.Offset), e.Offset
		}
		limit = errors.Is(err, parser.ErrLimit)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return "incomplete", string(b), errRule, -1, errOff, limit
		}
		return "error", string(b), errRule, -1, errOff, limit
	}
	return "ok", string(b), "", len(cr.Rest()), -1, false
}

// CheckChunked checks a Chunked-Body (RFC 2616 §3.6.1) followed by any
// bytes: the generated ChunkedReader, whole and split, against the
// grammar (ref), and httputil's chunked reader.
func CheckChunked(data []byte) Result {
	src := bytes.NewReader(data)
	v, body, rule, rest, errOff, limit := chunkedOutcome(src, data)
	r := Result{Target: "chunked", Verdict: v, ErrRule: rule}
	// Oracle 1: the generated Chunked-Body rule against ref, and the body
	// ChunkedReader took against the rule: it may refuse more (chunk-data
	// of the wrong length), never take what the grammar does not.
	compareRule(&r, "Chunked-Body", data)
	if v == "ok" {
		acceptsOnlyGrammar(&r, "Chunked-Body", data[:len(data)-src.Len()-rest], true, false)
	}
	// Oracle 3: split reads give the same body and error, with no
	// options and with options the input's hash picks (pickChunked).
	seed := int64(len(data))
	for _, c := range data {
		seed = seed*31 + int64(c)
	}
	compareChunkedSplits(&r, data, nil, seed)
	compareChunkedSplits(&r, data, pickChunked(seed), seed)
	// ChunkedOptions.AllowBareLF against its model (lenient.go).
	compareChunkedBareLF(&r, data)
	// Oracle 2: httputil.NewChunkedReader, then the trailer.
	their, theirs := NetHTTPChunked(data)
	tv := their.Verdict
	// Ours' outcome as OneShotChunked gives it, the tests' (its rule
	// too: it had been left out here alone).
	cls := func(f string) string {
		return Classify("chunked", OracleChunked, f, data, Outcome{Verdict: v, ErrRule: rule, ErrOffset: errOff, Limit: limit}, their)
	}
	if v != tv {
		e := ""
		if their.Err != "" {
			e = " " + their.Err
		}
		r.add(OracleChunked, "verdict", v+" "+rule, tv+e, cls("verdict"))
	} else if v == "ok" && body != theirs {
		r.add(OracleChunked, "body", body, theirs, cls("body"))
	}
	return r
}

// chunkedRun is what a ChunkedReader made of one input: verdict, error
// (rule@offset), decoded body, where the body ends in the input and the
// trailer with each field's Offset. Rest (the bytes read past the end) depends on the reads; what
// it and the unread source hold must be the input after the end.
type chunkedRun struct {
	verdict, errRule, body string
	end                    int
	trailer                string
}

// runChunked reads data with cr, whose source has left() bytes unread.
func runChunked(cr *parser.ChunkedReader, data []byte, left func() int) chunkedRun {
	var c chunkedRun
	var rest int
	c.verdict, c.body, c.errRule, rest, _, _ = chunkedWith(cr)
	c.end = -1
	if c.verdict == "ok" {
		c.end = len(data) - left() - rest
		if !bytes.Equal(cr.Rest(), data[c.end:c.end+rest]) {
			c.verdict = fmt.Sprintf("Rest %q is not the input after the body's end %d", cr.Rest(), c.end)
		}
	}
	c.trailer = trailerString(cr.Trailer(), 0)
	return c
}

// compareChunkedSplits is oracle 3 for ChunkedReader under opts: read
// whole, one byte at a time and in reads of random sizes (one reader,
// Reset between them), it must give the same verdict, error, body, Rest
// and Trailer.
func compareChunkedSplits(r *Result, data []byte, opts *parser.ChunkedOptions, seed int64) {
	whole := bytes.NewReader(data)
	cr := parser.NewChunkedReader(whole, opts)
	want := runChunked(cr, data, whole.Len)
	one := bytes.NewReader(data)
	chunks := &chunkReader{b: data, r: rand.New(rand.NewSource(seed))}
	for i, src := range []struct {
		r    io.Reader
		left func() int
	}{
		{iotest.OneByteReader(one), one.Len},
		{chunks, func() int { return len(chunks.b) }},
	} {
		cr.Reset(src.r)
		if got := runChunked(cr, data, src.left); got != want {
			field := fmt.Sprintf("chunked (read %d)", i+1)
			if opts != nil {
				field = fmt.Sprintf("chunked (options %+v, read %d)", *opts, i+1)
			}
			r.add(OracleStream, field, fmt.Sprintf("%+v", want), fmt.Sprintf("%+v", got), "")
		}
	}
}

// pickChunked returns the ChunkedOptions the seed picks: AllowBareLF
// and RejectFolding on or off, and each limit and the buffer size at its
// default or small.
func pickChunked(seed int64) *parser.ChunkedOptions {
	rnd := rand.New(rand.NewSource(seed))
	small := func(n int) int {
		if rnd.Intn(2) == 0 {
			return 0
		}
		return 1 + rnd.Intn(n)
	}
	return &parser.ChunkedOptions{
		AllowBareLF:     rnd.Intn(2) == 1,
		RejectFolding:   rnd.Intn(2) == 1,
		MaxSizeDigits:   small(20),
		MaxLineBytes:    small(64),
		MaxTrailerBytes: small(64),
		BufferSize:      small(64),
	}
}

// OneShotChunked decodes data as a Chunked-Body (§3.6.1) with the
// generated ChunkedReader, as CheckChunked does: the verdict, the error
// and its offset from the start of data (-1 when it has none), and the
// decoded body.
func OneShotChunked(data []byte) (Outcome, string) {
	v, body, rule, _, off, limit := chunkedOutcome(bytes.NewReader(data), data)
	return Outcome{Verdict: v, ErrRule: rule, ErrOffset: off, Limit: limit}, body
}

// NetHTTPChunked decodes data as net/http reads a chunked body:
// httputil.NewChunkedReader, which stops after the last-chunk line, then
// the trailer as a MIME header (textproto.Reader.ReadMIMEHeader, as
// net/http's readTrailer does after the last-chunk). As NetHTTP's, the
// error's offset is where the part it failed in starts: 0 for the
// chunks, the byte after the last-chunk line for the trailer. It returns
// the decoded body too.
func NetHTTPChunked(data []byte) (Outcome, string) {
	src := bytes.NewReader(data)
	br := bufio.NewReader(src)
	body, err := io.ReadAll(httputil.NewChunkedReader(br))
	o := Outcome{Verdict: "ok"}
	if err == nil {
		// The trailer starts where the chunked reader stopped.
		o.ErrOffset = len(data) - src.Len() - br.Buffered()
		_, err = textproto.NewReader(br).ReadMIMEHeader()
	}
	if err != nil {
		o.Verdict, o.Err = "error", err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
			o.Verdict = "incomplete"
		}
		return o, string(body)
	}
	o.ErrOffset = 0
	return o, string(body)
}

// acceptsOnlyGrammar checks a hand-written value parser's verdict against
// the generated rule (which oracle 1 checks against ref): what it accepts
// must match the rule and, when exact, what it refuses must not.
func acceptsOnlyGrammar(r *Result, rule string, data []byte, ok, exact bool) {
	f, found := ruleFuncs(rule)
	if !found {
		r.add(OracleRef, rule, "no generated rule", "", "")
		return
	}
	if m := f.Match(data); ok && !m || exact && !ok && m {
		r.add(OracleRef, rule+".Parse", fmt.Sprint(ok), fmt.Sprint(m), "")
	}
}

// dateNow is the fixed "now" for two-digit rfc850 years.
var dateNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckDate checks an HTTP-date (§3.3.1): MatchHTTPDate against ref, and
// parseDateAt against http.ParseTime.
func CheckDate(data []byte) Result {
	t, err := parseDateAt(data, dateNow)
	r := Result{Target: "date", Verdict: verdict(err), ErrRule: errRule(err)}
	compareRule(&r, "HTTP-date", data)
	// A date the parser takes is in the grammar (it may refuse more:
	// February 30th matches HTTP-date).
	acceptsOnlyGrammar(&r, "HTTP-date", data, err == nil, false)
	tt, terr := http.ParseTime(string(data))
	// The times go to Classify in Err (RFC 3339), for date-rfc850-year.
	stamp := func(t time.Time, err error) string {
		if err != nil {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	}
	cls := func(f string) string {
		return Classify("date", OracleTime, f, data, Outcome{Verdict: r.Verdict, Err: stamp(t, err)}, Outcome{Verdict: verdict(terr), Err: stamp(tt, terr)})
	}
	switch {
	case (err == nil) != (terr == nil):
		r.add(OracleTime, "verdict", verdict(err), verdict(terr)+" "+fmt.Sprint(terr), cls("verdict"))
	case err == nil && !t.Equal(tt):
		r.add(OracleTime, "time", t.Format(time.RFC3339), tt.Format(time.RFC3339), cls("time"))
	}
	// ParseHTTPDate is ParseHTTPDateAt at time.Now, which only an
	// rfc850-date's two-digit year (the one form with "-") depends on.
	if t2, err2 := parser.ParseHTTPDate(data); !bytes.Contains(data, []byte("-")) && (verdict(err2) != verdict(err) || err == nil && !t2.Equal(t)) {
		r.add(OracleModel, "ParseHTTPDate", fmt.Sprint(t2, err2), fmt.Sprint(t, err), "")
	}
	if err == nil {
		// FormatHTTPDate and AppendHTTPDate write what net/http's
		// TimeFormat does (an rfc1123-date in GMT), and it parses back.
		want := t.UTC().Format(http.TimeFormat)
		if got := parser.FormatHTTPDate(t); got != want {
			r.add(OracleTime, "FormatHTTPDate", got, want, "")
		}
		if got := string(parser.AppendHTTPDate([]byte("x"), t)); got != "x"+want {
			r.add(OracleTime, "AppendHTTPDate", got, "x"+want, "")
		}
		if back, err := parser.ParseHTTPDate([]byte(want)); err != nil || !back.Equal(t) {
			r.add(OracleModel, "FormatHTTPDate read back", fmt.Sprint(back, err), t.Format(time.RFC3339), "")
		}
	}
	return r
}

// CheckQValue checks a qvalue (§3.9): MatchQvalue against ref, and
// parseQValue against strconv.ParseFloat of the same text (net/http
// has no qvalue parser).
func CheckQValue(data []byte) Result {
	q, err := parseQValue(data)
	r := Result{Target: "qvalue", Verdict: verdict(err), ErrRule: errRule(err)}
	compareRule(&r, "qvalue", data)
	// ParseQValue takes exactly the grammar's qvalues (§3.9).
	acceptsOnlyGrammar(&r, "qvalue", data, err == nil, true)
	f, ferr := strconv.ParseFloat(string(data), 64)
	fok := ferr == nil && f >= 0 && f <= 1
	cls := func(string) string {
		return Classify("qvalue", OracleFloat, "verdict", data, Outcome{Verdict: r.Verdict}, Outcome{Verdict: verdict(ferr)})
	}
	switch {
	case (err == nil) != fok:
		r.add(OracleFloat, "verdict", verdict(err), fmt.Sprint(f, ferr), cls("verdict"))
	case err == nil && int(math.Round(f*1000)) != q:
		r.add(OracleFloat, "value", strconv.Itoa(q), fmt.Sprint(f), "")
	}
	return r
}

// rangeLength is the entity length the Range check serves.
const rangeLength = 100

// CheckRange checks a Range field value (§14.35): MatchRangesSpecifier
// against ref, and parser.ParseRange + ResolveRanges against the status,
// Content-Range and length that http.ServeContent answers for an entity
// of rangeLength bytes. It reads the input as a Content-Range value too
// (checkContentRange).
func CheckRange(data []byte) Result {
	set, err := parseRange(data)
	r := Result{Target: "range", Verdict: verdict(err), ErrRule: errRule(err)}
	// AppendRange is ParseRange appending to dst.
	pre := []parser.ByteRange{{First: 7, Last: 8}}
	if got, aerr := parser.AppendRange(pre, data); errString(aerr) != errString(err) || fmt.Sprint(got) != fmt.Sprint(append(pre[:1:1], set...)) {
		r.add(OracleModel, "AppendRange", fmt.Sprint(got, aerr), fmt.Sprint(append(pre[:1:1], set...), err), "")
	}
	compareRule(&r, "ranges-specifier", data)
	// A range the parser takes is in the grammar (it may refuse more:
	// §14.35.1 makes 5-1 syntactically invalid, which the ABNF matches).
	acceptsOnlyGrammar(&r, "ranges-specifier", data, err == nil, false)
	// What RFC 2616 says the server answers.
	want := rangeAnswer{Status: 200, Len: rangeLength}
	if err == nil {
		rs, rerr := resolve(set, rangeLength)
		pre := []parser.ResolvedRange{{First: 7, Last: 8}}
		if got, aerr := parser.AppendResolvedRanges(pre, set, rangeLength); errString(aerr) != errString(rerr) || fmt.Sprint(got) != fmt.Sprint(append(pre[:1:1], rs...)) {
			r.add(OracleModel, "AppendResolvedRanges", fmt.Sprint(got, aerr), fmt.Sprint(append(pre[:1:1], rs...), rerr), "")
		}
		switch {
		case errors.Is(rerr, parser.ErrUnsatisfiableRange):
			want = rangeAnswer{Status: 416, ContentRange: "bytes */" + strconv.Itoa(rangeLength)}
		case rerr != nil:
			// parser.ErrEmptyEntity (length 0): the Range is ignored.
		case len(rs) == 1:
			want = rangeAnswer{Status: 206, ContentRange: rs[0].ContentRange(rangeLength), Len: int(rs[0].Length())}
			roundTripContentRange(&r, rs[0], rangeLength)
		default:
			// Each part's Content-Range, in order, and the parts' bytes.
			var crs []string
			n := 0
			for _, x := range rs {
				roundTripContentRange(&r, x, rangeLength)
				crs = append(crs, x.ContentRange(rangeLength))
				n += int(x.Length())
			}
			want = rangeAnswer{Status: 206, Multipart: true, ContentRange: strings.Join(crs, ", "), Len: n}
		}
	}
	checkContentRange(&r, data)
	if bytes.ContainsAny(data, "\r\n\x00") || len(data) > 4096 {
		return r // not a header value net/http could be given
	}
	got := serveRange(string(data))
	if want != got {
		r.add(OracleServeContent, "answer", want.String(), got.String(), Classify("range", OracleServeContent, "answer", data, Outcome{Verdict: r.Verdict, Err: want.String()}, Outcome{Err: got.String()}))
	}
	return r
}

// roundTripContentRange: the Content-Range a resolved range gives is
// one ParseContentRange reads back as that range of length bytes.
func roundTripContentRange(r *Result, x parser.ResolvedRange, length int64) {
	s := x.ContentRange(length)
	c, err := parser.ParseContentRange([]byte(s))
	if want := (parser.ContentRange{First: x.First, Last: x.Last, Length: length}); err != nil || c != want {
		r.add(OracleModel, "ContentRange", fmt.Sprintf("%s: %+v %v", s, c, err), fmt.Sprintf("%+v", want), "")
	}
}

// checkContentRange holds ParseContentRange on data, read as a
// Content-Range value (§14.16), to the grammar (what it takes matches
// content-range-spec), to modelContentRange (exactly), and to its
// String (which it must read back).
func checkContentRange(r *Result, data []byte) {
	c, err := parser.ParseContentRange(data)
	acceptsOnlyGrammar(r, "content-range-spec", data, err == nil, false)
	m, ok := modelContentRange(string(data))
	switch {
	case (err == nil) != ok:
		r.add(OracleModel, "ParseContentRange", fmt.Sprintf("%+v %v", c, err), fmt.Sprintf("%+v %v", m, ok), "")
	case ok && c != m:
		r.add(OracleModel, "ParseContentRange", fmt.Sprintf("%+v", c), fmt.Sprintf("%+v", m), "")
	case ok:
		if back, err := parser.ParseContentRange([]byte(c.String())); err != nil || back != c {
			r.add(OracleModel, "ContentRange.String", fmt.Sprintf("%s: %+v %v", c.String(), back, err), fmt.Sprintf("%+v", c), "")
		}
	}
}

// modelContentRange reads a content-range-spec as RFC 2616 §14.16 writes
// it, with none of package parser's code:
//
//	content-range-spec      = byte-content-range-spec
//	byte-content-range-spec = bytes-unit SP
//	                          byte-range-resp-spec "/"
//	                          ( instance-length | "*" )
//	byte-range-resp-spec    = (first-byte-pos "-" last-byte-pos) | "*"
//	instance-length         = 1*DIGIT
//
// "bytes" in any case (ABNF strings are), and invalid: last-byte-pos
// below first-byte-pos, an instance-length not above last-byte-pos,
// numbers past an int64, and "*/*" (RFC 7233 §4.2; the parser's
// documented choice).
func modelContentRange(s string) (parser.ContentRange, bool) {
	c := parser.ContentRange{First: -1, Last: -1, Length: -1}
	if len(s) < 6 || !strings.EqualFold(s[:6], "bytes ") {
		return c, false
	}
	spec, length, ok := strings.Cut(s[6:], "/")
	if !ok {
		return c, false
	}
	num := func(d string) (int64, bool) {
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.ParseInt(d, 10, 64)
		return n, d != "" && err == nil
	}
	if length != "*" {
		if c.Length, ok = num(length); !ok {
			return c, false
		}
	}
	if spec == "*" {
		return c, c.Length >= 0
	}
	f, l, ok := strings.Cut(spec, "-")
	if !ok {
		return c, false
	}
	var fok, lok bool
	c.First, fok = num(f)
	c.Last, lok = num(l)
	return c, fok && lok && c.Last >= c.First && (c.Length < 0 || c.Length > c.Last)
}

type rangeAnswer struct {
	Status       int
	ContentRange string
	Len          int
	Multipart    bool
}

func (a rangeAnswer) String() string {
	if a.Multipart {
		return fmt.Sprintf("%d multipart %q len=%d", a.Status, a.ContentRange, a.Len)
	}
	return fmt.Sprintf("%d %q len=%d", a.Status, a.ContentRange, a.Len)
}

var rangeContent = strings.Repeat("0123456789", rangeLength/10)

func serveRange(v string) rangeAnswer {
	w := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Range", v)
	http.ServeContent(w, req, "x", time.Time{}, strings.NewReader(rangeContent))
	a := rangeAnswer{Status: w.Code, ContentRange: w.Header().Get("Content-Range"), Len: w.Body.Len()}
	if ct := w.Header().Get("Content-Type"); strings.HasPrefix(ct, "multipart/byteranges") {
		a = rangeAnswer{Status: w.Code, Multipart: true}
		// The parts' Content-Ranges, in order, and their bytes.
		_, params, err := mime.ParseMediaType(ct)
		if err != nil {
			a.ContentRange = "bad Content-Type: " + err.Error()
			return a
		}
		mr := multipart.NewReader(w.Body, params["boundary"])
		var crs []string
		for {
			p, err := mr.NextPart()
			if err != nil {
				if err != io.EOF {
					crs = append(crs, "bad part: "+err.Error())
				}
				break
			}
			crs = append(crs, p.Header.Get("Content-Range"))
			n, _ := io.Copy(io.Discard, p)
			a.Len += int(n)
		}
		a.ContentRange = strings.Join(crs, ", ")
	}
	if a.Status == 416 {
		a.Len = 0
	}
	return a
}

// CheckHeader checks one header line ("Name: value", no CRLF; folded
// lines keep their CRLF SP): message-header and the field's own §14 rule
// against ref, and the verdict and value against textproto.ReadMIMEHeader.
// As parser.Request does, the §14 rule sees the line without its trailing
// LWS, a blank fold's line end included (§4.2: it "MAY be removed without
// changing the semantics"), and the value is without leading and
// trailing LWS. Classify gets ours' error offset into the line (the one
// head starts at 0, where net/http's failure is placed) and each side's
// value as the one header of a message.
func CheckHeader(data []byte) Result {
	text := bytes.TrimRight(data, " \t\r\n")
	err := parser.ValidateMessageHeader(data)
	name := ""
	if c := bytes.IndexByte(data, ':'); c > 0 {
		name = string(data[:c])
	}
	own, known := ruleFuncs(name)
	known = known && isHeaderRule(name)
	if err == nil && known {
		err = own.Validate(text)
	}
	ok := err == nil
	r := Result{Target: "header", Verdict: verdict2(ok)}
	ours := Outcome{Verdict: r.Verdict, ErrOffset: -1}
	if !ok {
		r.ErrRule = "message-header"
		if known {
			r.ErrRule = own.Name
		}
		var e *parser.SyntaxError
		if errors.As(err, &e) {
			ours.ErrOffset = e.Offset
		}
	}
	compareRule(&r, "message-header", data)
	if known {
		compareRule(&r, own.Name, text)
	}
	h, err := textproto.NewReader(bufio.NewReader(io.MultiReader(bytes.NewReader(data), strings.NewReader("\r\n\r\n")))).ReadMIMEHeader()
	tv := verdict(err)
	if err == nil && len(h) != 1 {
		tv = "error" // the line was read as more than one field
	}
	theirs := Outcome{Verdict: tv}
	cls := func(f string) string { return Classify("header", OracleTextproto, f, data, ours, theirs) }
	if r.Verdict != tv {
		r.add(OracleTextproto, "verdict", r.Verdict+" "+r.ErrRule, tv+" "+fmt.Sprint(err), cls("verdict"))
	} else if ok {
		ourValue := string(bytes.Trim(data[len(name)+1:], " \t\r\n"))
		ours.Messages = []Msg{{Headers: []string{ourValue}}}
		for _, vs := range h {
			if len(vs) == 1 && vs[0] != ourValue {
				theirs.Messages = []Msg{{Headers: []string{vs[0]}}}
				r.add(OracleTextproto, "value", ourValue, vs[0], cls("value"))
			}
		}
	}
	return r
}

func verdict(err error) string {
	if err == nil {
		return "ok"
	}
	return "error"
}

func verdict2(ok bool) string {
	if ok {
		return "ok"
	}
	return "error"
}

func errRule(err error) string {
	var e *parser.Error
	if errors.As(err, &e) {
		return e.Rule
	}
	return ""
}
