package parser

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// pipelined is a stream of requests (§8.1.2.2) with each kind of body a
// request may have (§4.3: Content-Length or Transfer-Encoding; a
// multipart/byteranges type frames nothing).
const pipelined = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" +
	"POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nworld\r\n0\r\nX-T: 1\r\n\r\n" +
	"GET /c HTTP/1.1\r\nHost: x\r\n\r\n" +
	"POST /d HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/byteranges; boundary=B\r\n\r\n" + // §4.3: no body

	"GET /e HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"

type readResult struct {
	target, body string
	framing      Framing
	keepAlive    bool
}

func readAll(t *testing.T, src io.Reader) ([]readResult, error) {
	t.Helper()
	rd := NewReader(src, nil)
	var out []readResult
	var m Message
	for {
		err := rd.ReadRequest(&m)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		body, err := io.ReadAll(rd.Body())
		if err != nil {
			return out, err
		}
		out = append(out, readResult{string(m.Target), string(body), m.Body, m.KeepAlive})
	}
}

// TestReaderPipelined reads five pipelined requests, whole and one byte
// at a time (and with other iotest readers): the results are the same.
func TestReaderPipelined(t *testing.T) {
	want := []readResult{
		{"/a", "hello", BodyLength, true},
		{"/b", "world", BodyChunked, true},
		{"/c", "", BodyNone, true},
		{"/d", "", BodyNone, true}, // §4.3: multipart/byteranges frames no request body
		{"/e", "", BodyNone, false},
	}
	readers := map[string]func() io.Reader{
		"whole":      func() io.Reader { return strings.NewReader(pipelined) },
		"one byte":   func() io.Reader { return iotest.OneByteReader(strings.NewReader(pipelined)) },
		"half reads": func() io.Reader { return iotest.HalfReader(strings.NewReader(pipelined)) },
		"data+EOF":   func() io.Reader { return iotest.DataErrReader(strings.NewReader(pipelined)) },
	}
	for name, mk := range readers {
		t.Run(name, func(t *testing.T) {
			got, err := readAll(t, mk())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d messages, want %d: %+v", len(got), len(want), got)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("message %d: %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

func TestReaderSkipsUnreadBodies(t *testing.T) {
	rd := NewReader(strings.NewReader(pipelined), nil)
	var m Message
	var targets []string
	for {
		err := rd.ReadRequest(&m)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, string(m.Target))
	}
	if strings.Join(targets, " ") != "/a /b /c /d /e" {
		t.Errorf("targets %v", targets)
	}
}

func TestReaderResponses(t *testing.T) {
	stream := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi" +
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n" + // answer to HEAD: no body
		"HTTP/1.1 200 OK\r\n\r\nuntil the end"
	rd := NewReader(iotest.OneByteReader(strings.NewReader(stream)), nil)
	var m Message
	var bodies []string
	for _, method := range []string{"GET", "HEAD", "GET"} {
		if err := rd.ReadResponse(&m, []byte(method)); err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rd.Body())
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	if strings.Join(bodies, "|") != "hi||until the end" {
		t.Errorf("bodies %q", bodies)
	}
	if err := rd.ReadResponse(&m, nil); err != io.EOF {
		t.Errorf("after a close-delimited body: %v, want io.EOF", err)
	}
}

func TestReaderErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		offset   int
	}{
		{"truncated head", "GET / HTTP/1.1\r\nHost: x\r\n", "ends inside a message head", 25},
		{"truncated body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nabc", "before Content-Length bytes", 50},
		{"bad second request", "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET  / HTTP/1.1\r\n\r\n", "found", 32},
		{"bad chunk", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, strings.NewReader(tt.in))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if !strings.Contains(e.Error(), tt.want) || (tt.offset > 0 && e.Offset != tt.offset) {
				t.Errorf("err = %v at %d, want %q at %d", e, e.Offset, tt.want, tt.offset)
			}
		})
	}
}

func TestReaderHeadLimit(t *testing.T) {
	big := "GET / HTTP/1.1\r\nHost: x\r\nX: " + strings.Repeat("a", 200) + "\r\n\r\n"
	rd := NewReader(bytes.NewReader([]byte(big)), &Options{MaxHeaderBytes: 64, MaxStartLine: 64})
	var m Message
	if err := rd.ReadRequest(&m); !errors.Is(err, ErrLimit) {
		t.Errorf("err = %v, want ErrLimit", err)
	}
}

// TestReaderBodyErrorOffset: errors in a chunked body count from the
// start of the stream.
func TestReaderBodyErrorOffset(t *testing.T) {
	head := "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
	_, err := readAll(t, strings.NewReader(head+"5\r\nhelloX"))
	var e *Error
	if !errors.As(err, &e) || e.Offset != len(head)+8 {
		t.Errorf("err = %v, want an *Error at offset %d", err, len(head)+8)
	}
	// Line 6 of the stream ("helloX"), column 6.
	if e != nil && (e.Line != 6 || e.Col != 6) {
		t.Errorf("err at %d:%d, want 6:6", e.Line, e.Col)
	}
}

// TestReaderPositions: errors anywhere in a stream carry its line:col,
// whether the stream arrives whole or one byte at a time.
func TestReaderPositions(t *testing.T) {
	first := "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
	tests := []struct {
		name, in  string
		line, col int
	}{
		{"second head on the body's line", first + "GET  / HTTP/1.1\r\n\r\n", 5, 9},
		{"bad field in the second head", first + "GET / HTTP/1.1\r\nHost x\r\n\r\n", 6, 6},
		{"chunk error", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n", 7, 1},
		{"truncated head", first + "GET / HTTP/1.1\r\nHo", 6, 3},
	}
	for _, tt := range tests {
		for _, mode := range []string{"whole", "one byte"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				var src io.Reader = strings.NewReader(tt.in)
				if mode == "one byte" {
					src = iotest.OneByteReader(src)
				}
				_, err := readAll(t, src)
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("err = %v, want an *Error", err)
				}
				if e.Line != tt.line || e.Col != tt.col {
					t.Errorf("%v at %d:%d, want %d:%d", e, e.Line, e.Col, tt.line, tt.col)
				}
			})
		}
	}
}

// TestReaderFindsHeadEnd feeds heads whose empty line falls at every
// place of a read (reads of one to nine bytes, after a first read of 0–7)
// and checks that each is parsed as soon as its last byte is read (the
// pieces hold the start of a next request too): on a
// live connection, one more Read would wait for bytes the client never
// sends. So the resumption of the search for the empty line
// (Reader.scanned) must never skip an LF.
func TestReaderFindsHeadEnd(t *testing.T) {
	heads := []string{
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /abcdefg HTTP/1.1\r\nHost: a\r\nX-Y: zz\r\n\r\n",
		"GET /abcdefgh HTTP/1.1\r\nHost: abcdefghijklmn\r\n\r\n",
	}
	for _, h := range heads {
		for n := 1; n <= 9; n++ {
			for lead := 0; lead < 8; lead++ {
				// The start of a next request follows, so that a read
				// may hold the empty line and more.
				src := &pieceReader{data: []byte(h + "GET"), sizes: []int{lead}, n: n}
				var m Message
				if err := NewReader(src, nil).ReadRequest(&m); err != nil {
					t.Fatalf("%q n=%d lead=%d: %v", h, n, lead, err)
				}
				if src.after > 0 {
					t.Errorf("%q n=%d lead=%d: %d reads after the head's last byte", h, n, lead, src.after)
				}
			}
		}
	}
}

// pieceReader returns data in reads of sizes[0], sizes[1], ... and then n
// bytes; after, it counts the reads made once data is all read.
type pieceReader struct {
	data  []byte
	sizes []int
	n     int
	after int
}

func (p *pieceReader) Read(b []byte) (int, error) {
	if len(p.data) == 0 {
		p.after++
		return 0, io.EOF
	}
	k := p.n
	if len(p.sizes) > 0 {
		k, p.sizes = p.sizes[0], p.sizes[1:]
	}
	k = min(k, len(b), len(p.data))
	copy(b, p.data[:k])
	p.data = p.data[k:]
	return k, nil
}

// TestReaderBuffered checks Buffered and Offset: after each head and after
// each body read to its end (whole reads and one byte at a time, so that
// Buffered holds from all to almost none of the rest), Offset is where the
// next unconsumed byte is in the stream and Buffered is a prefix of the
// stream from there; after a head error, both point at that head.
func TestReaderBuffered(t *testing.T) {
	stream := pipelined
	for _, src := range []struct {
		name string
		r    func() io.Reader
	}{
		{"whole", func() io.Reader { return strings.NewReader(stream) }},
		{"bytes", func() io.Reader { return iotest.OneByteReader(strings.NewReader(stream)) }},
	} {
		t.Run(src.name, func(t *testing.T) {
			rd := NewReader(src.r(), nil)
			var m Message
			check := func(what string, want int) {
				t.Helper()
				if rd.Offset() != int64(want) {
					t.Errorf("%s: Offset %d, want %d", what, rd.Offset(), want)
				}
				if b := rd.Buffered(); !strings.HasPrefix(stream[want:], string(b)) {
					t.Errorf("%s: Buffered %q is not what follows offset %d", what, b, want)
				} else if src.name == "whole" && len(b) == 0 && want < len(stream) {
					t.Errorf("%s: nothing buffered", what)
				}
			}
			starts := []int{}
			for _, l := range []string{"POST /a", "POST /b", "GET /c", "POST /d", "GET /e"} {
				starts = append(starts, strings.Index(stream, l+" HTTP/1.1"))
			}
			starts = append(starts, len(stream))
			for i, start := range starts[:5] {
				if err := rd.ReadRequest(&m); err != nil {
					t.Fatal(err)
				}
				check(string(m.Target)+" head", start+m.HeadLen)
				if _, err := io.Copy(io.Discard, rd.Body()); err != nil {
					t.Fatal(err)
				}
				end := starts[i+1]
				if m.Body == BodyByteranges {
					end -= 2 // the CRLF after the close delimiter, which the next head skips
				}
				check(string(m.Target)+" body", end)
			}
		})
	}
	// A head error: nothing of the bad head is consumed.
	in := "GET /a HTTP/1.1\r\nHost: x\r\n\r\nBAD HEAD\r\n\r\n"
	rd := NewReader(strings.NewReader(in), nil)
	var m Message
	if err := rd.ReadRequest(&m); err != nil {
		t.Fatal(err)
	}
	if err := rd.ReadRequest(&m); err == nil {
		t.Fatal("no error")
	}
	if rd.Offset() != 28 || string(rd.Buffered()) != in[28:] {
		t.Errorf("after the error: Offset %d, Buffered %q", rd.Offset(), rd.Buffered())
	}
}

// stalling is a source that returns 0, nil empty times before each read
// of one byte of data, and 0, nil forever after it.
type stalling struct {
	data  string
	empty int
	n     int
}

func (s *stalling) Read(p []byte) (int, error) {
	if s.data == "" || s.n < s.empty {
		s.n++
		return 0, nil
	}
	s.n = 0
	p[0], s.data = s.data[0], s.data[1:]
	return 1, nil
}

// TestReaderNoProgress: a source that returns 0, nil without end makes
// the Reader fail with io.ErrNoProgress (as bufio.Reader), in a head and
// in a body, instead of spinning; a few such reads between bytes are
// read through.
func TestReaderNoProgress(t *testing.T) {
	done := make(chan bool)
	go func() {
		defer close(done)
		readerNoProgress(t)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the Reader spins on a source that returns 0, nil")
	}
}

func readerNoProgress(t *testing.T) {
	const req = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab"
	rd := NewReader(&stalling{data: req, empty: 99}, nil)
	var m Message
	if err := rd.ReadRequest(&m); err != nil {
		t.Errorf("99 empty reads between bytes: %v", err) // Errorf: not the test's goroutine
		return
	}
	if b, err := io.ReadAll(rd.Body()); string(b) != "ab" || !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("body: %q, %v; want \"ab\", io.ErrNoProgress", b, err)
	}
	rd = NewReader(&stalling{data: req[:20], empty: 99}, nil)
	if err := rd.ReadRequest(&m); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("head: %v, want io.ErrNoProgress", err)
	}
}

// TestReaderConnectTunnel: after a 2xx response to CONNECT the stream is
// a tunnel (§9.9; RFC 2817 §5.3), so its Content-Length frames nothing
// (RFC 9112 §6.3 rule 2): the body is empty and the tunnel's first bytes
// stay in Buffered, at Offset, for the caller to hand on.
func TestReaderConnectTunnel(t *testing.T) {
	const head = "HTTP/1.1 200 Connection established\r\nContent-Length: 3\r\n\r\n"
	rd := NewReader(strings.NewReader(head+"\x16\x03\x01tunnel bytes"), nil)
	var m Message
	if err := rd.ReadResponse(&m, []byte("CONNECT")); err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(io.Discard, rd.Body()); n != 0 || err != nil {
		t.Errorf("body: %d bytes, %v; want none", n, err)
	}
	if rd.Offset() != int64(len(head)) || string(rd.Buffered()) != "\x16\x03\x01tunnel bytes" {
		t.Errorf("Offset %d, Buffered %q; want %d and the tunnel's bytes", rd.Offset(), rd.Buffered(), len(head))
	}
}

// TestReaderInterimResponses: a client reads any number of 1xx responses
// before the final one (§10.1: "A client MUST be prepared to accept one or
// more 1xx status responses prior to a regular response"), each without a
// body whatever its fields say (§4.4 rule 1); after a 101 (Switching
// Protocols) the bytes after the empty line are the new protocol's
// (§10.1.2), left in Buffered (whole reads) or in the source (one byte at
// a time), none consumed.
func TestReaderInterimResponses(t *testing.T) {
	const final = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	const switched = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x/1\r\nConnection: Upgrade\r\n\r\n"
	interim := "HTTP/1.1 100 Continue\r\n\r\n" +
		"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\nContent-Length: 5\r\n\r\n"
	for _, mode := range []string{"whole", "one byte"} {
		t.Run(mode, func(t *testing.T) {
			src := func(s string) io.Reader {
				if mode == "one byte" {
					return iotest.OneByteReader(strings.NewReader(s))
				}
				return strings.NewReader(s)
			}
			rd := NewReader(src(interim+final), nil)
			var m Message
			var got []string
			for {
				if err := rd.ReadResponse(&m, []byte("PUT")); err != nil {
					if err != io.EOF {
						t.Fatal(err)
					}
					break
				}
				b, err := io.ReadAll(rd.Body())
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, fmt.Sprintf("%d %v %q", m.Status, m.Body, b))
			}
			if want := `100 none ""|103 none ""|200 content-length "hi"`; strings.Join(got, "|") != want {
				t.Errorf("responses %q, want %q", got, want)
			}

			s := src(switched + "\x00new protocol")
			rd = NewReader(s, nil)
			if err := rd.ReadResponse(&m, []byte("GET")); err != nil {
				t.Fatal(err)
			}
			if m.Status != 101 || m.Body != BodyNone || rd.Offset() != int64(len(switched)) {
				t.Fatalf("status %d, body %v, Offset %d; want 101, none, %d", m.Status, m.Body, rd.Offset(), len(switched))
			}
			rest, _ := io.ReadAll(s)
			if b := string(rd.Buffered()) + string(rest); b != "\x00new protocol" {
				t.Errorf("Buffered and the source's rest %q, want the new protocol's bytes", b)
			}
		})
	}
}

// TestLimitCrossing: the line that crosses MaxStartLine or MaxHeaderBytes
// gives the limit error whatever comes after it (here a bare LF or CR past
// the limit), so that ParseRequest on the whole input and Reader, which
// buffers only a little past the limits, agree; an error before the limit
// is reported as itself, and a line that fits is not cut short by its CR.
func TestLimitCrossing(t *testing.T) {
	o := &Options{MaxStartLine: 40, MaxHeaderBytes: 60}
	target := func(n int) string { return "GET /" + strings.Repeat("a", n-len("GET / HTTP/1.1")) + " HTTP/1.1" } // n bytes
	field := func(n int) string { return "X: " + strings.Repeat("b", n-len("X: ")-2) }                           // n bytes with CRLF
	tests := []struct {
		name, in string
		want     string // part of the error; "" for none
	}{
		{"start line at the limit", target(40) + "\r\nHost: a\r\n\r\n", ""},
		{"start line past the limit", target(41) + "\r\nHost: a\r\n\r\n", "start line longer than 40"},
		{"start line past the limit, bare LF far after", target(40) + strings.Repeat("a", 500) + "\nHost: a\r\n\r\n", "start line longer than 40"},
		{"start line past the limit, bare CR after it", target(40) + "x\rx\r\nHost: a\r\n\r\n", "start line longer than 40"},
		{"start line bare LF at the limit", target(40) + "\nHost: a\r\n\r\n", "bare LF"},
		{"start line bare CR at the limit", target(39) + "\rx\r\nHost: a\r\n\r\n", "bare CR"},
		{"fields at the limit", "GET / HTTP/1.1\r\nHost: a\r\n" + field(60-9-2) + "\r\n\r\n", ""},
		{"fields past the limit", "GET / HTTP/1.1\r\nHost: a\r\n" + field(60-9-1) + "\r\n\r\n", "header fields longer than 60"},
		{"field past the limit, bare LF far after", "GET / HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("b", 500) + "\n\r\n", "header fields longer than 60"},
		{"field past the limit, bare CR after it", "GET / HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("b", 60) + "\rb\r\n\r\n", "header fields longer than 60"},
		{"field bare CR before the limit", "GET / HTTP/1.1\r\nHost: a\r\nX: b\rb" + strings.Repeat("b", 100) + "\r\n\r\n", "bare CR"},
		{"folded line past the limit, bare LF after", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n " + strings.Repeat("b", 100) + "\n\r\n", "header fields longer than 60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			_, whole := o.ParseRequest([]byte(tt.in), &m)
			if tt.want == "" && whole != nil || tt.want != "" && (whole == nil || !strings.Contains(whole.Error(), tt.want)) {
				t.Errorf("ParseRequest: %v, want %q", whole, tt.want)
			}
			if strings.Contains(tt.want, "longer") != errors.Is(whole, ErrLimit) {
				t.Errorf("ParseRequest: %v: ErrLimit %v", whole, errors.Is(whole, ErrLimit))
			}
			for _, mode := range []string{"whole", "one byte"} {
				var src io.Reader = strings.NewReader(tt.in)
				if mode == "one byte" {
					src = iotest.OneByteReader(src)
				}
				err := NewReader(src, o).ReadRequest(&m)
				if fmt.Sprint(err) != fmt.Sprint(whole) {
					t.Errorf("Reader (%s): %v; ParseRequest: %v", mode, err, whole)
				}
			}
		})
	}
	// A prefix that ends in the CR of a start line that fits is
	// incomplete, not too long.
	in := target(40) + "\r"
	var m Message
	if _, err := o.ParseRequest([]byte(in), &m); err != ErrIncomplete {
		t.Errorf("ParseRequest(%q) = %v, want ErrIncomplete", in, err)
	}
}

// TestReaderLeadingEmptyLines: with Options.AllowLeadingEmptyLines the
// Reader consumes the empty lines before a request itself. Their empty
// lines once made it parse the head again at every read of one byte
// (3.2 s for a 52 KB head), and a stream that ends after them still ends
// inside a head, as ParseRequest says.
func TestReaderLeadingEmptyLines(t *testing.T) {
	o := &Options{AllowLeadingEmptyLines: true, MaxHeaders: 2000}
	head := "GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-A: 0123456789\r\n", 1000) + "\r\n"
	bareLF := &Options{AllowLeadingEmptyLines: true, AllowBareLF: true, MaxHeaders: 2000}
	for _, lead := range []string{"", "\r\n", "\r\n\r\n", "\n\r\n\n"} {
		o := o
		if strings.Contains(strings.ReplaceAll(lead, "\r\n", ""), "\n") {
			o = bareLF
		}
		rd := NewReader(iotest.OneByteReader(strings.NewReader(lead+head+"GET /2 HTTP/1.1\r\n")), o)
		var m Message
		if err := rd.ReadRequest(&m); err != nil || len(m.Headers) != 1001 {
			t.Fatalf("lead %q: %v, %d fields", lead, err, len(m.Headers))
		}
		if rd.parses > 2 {
			t.Errorf("lead %q: the head was parsed %d times in one-byte reads, want at most 2", lead, rd.parses)
		}
		if rd.Offset() != int64(len(lead+head)) {
			t.Errorf("lead %q: offset %d, want %d", lead, rd.Offset(), len(lead+head))
		}
	}
	// At the end of the stream the empty lines are ignored (§4.1; they
	// had been a head the stream ends inside, TestReaderEmptyLinesAtEnd);
	// a bare LF among them gives what parsing the rest whole gives.
	for _, tt := range []struct{ in, want string }{
		{"\r\n", "EOF"},
		{"\r\n\r\n", "EOF"},
		{"GET / HTTP/1.1\r\nHost: a\r\n\r\n\r\n", "EOF"},
		{"GET / HTTP/1.1\r\nHost: a\r\n\r\n\r\nGE", "the stream ends inside a message head"},
		{"GET / HTTP/1.1\r\nHost: a\r\n\r\n", "EOF"},
		{"\r\n\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "bare LF"},
	} {
		var m Message
		rd := NewReader(iotest.OneByteReader(strings.NewReader(tt.in)), o)
		err := rd.ReadRequest(&m)
		for err == nil {
			err = rd.ReadRequest(&m)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestReaderRejectFoldingTrailers: Options.RejectFolding reaches the
// trailer of a chunked body (a trailer field is a header field, §3.6.1).
func TestReaderRejectFoldingTrailers(t *testing.T) {
	in := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n"
	for _, tt := range []struct {
		opts *Options
		want string
	}{
		{nil, "<nil>"},
		{&Options{RejectFolding: true}, "folded trailer field"},
	} {
		rd := NewReader(strings.NewReader(in), tt.opts)
		var m Message
		if err := rd.ReadRequest(&m); err != nil {
			t.Fatal(err)
		}
		_, err := io.Copy(io.Discard, rd.Body())
		if !strings.Contains(fmt.Sprint(err), tt.want) {
			t.Errorf("%+v: body %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// TestReaderEmptyLinesAtEnd: under AllowLeadingEmptyLines, empty lines
// after the last request are ignored and the stream ends cleanly (§4.1:
// "Certain buggy HTTP/1.0 client implementations generate extra CRLF's
// after a POST request"); before, the Reader said the stream ended
// inside a head. Strict, they are an error; a partial head after them
// is still one that the stream ends inside.
func TestReaderEmptyLinesAtEnd(t *testing.T) {
	const post = "POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nab"
	lenient := &Options{AllowLeadingEmptyLines: true}
	for _, tt := range []struct {
		name string
		in   string
		opts *Options
		err  string // "" for a clean end (io.EOF) after the POST
	}{
		{"CRLF after a POST", post + "\r\n", lenient, ""},
		{"CRLFs after a POST", post + "\r\n\r\n\r\n", lenient, ""},
		{"bare LF with AllowBareLF", post + "\n\r\n", &Options{AllowLeadingEmptyLines: true, AllowBareLF: true}, ""},
		{"bare LF without", post + "\n", lenient, "bare LF"},
		{"a partial head after them", post + "\r\nGET", lenient, "the stream ends inside a message head"},
		{"strict", post + "\r\n", nil, "empty line before the request line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rd := NewReader(iotest.OneByteReader(strings.NewReader(tt.in)), tt.opts)
			var m Message
			if err := rd.ReadRequest(&m); err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, rd.Body())
			err := rd.ReadRequest(&m)
			if tt.err == "" {
				if err != io.EOF {
					t.Errorf("%v, want io.EOF", err)
				}
				if !OnlyEmptyLines([]byte(tt.in[len(post):]), tt.opts.AllowBareLF) {
					t.Errorf("OnlyEmptyLines(%q) = false", tt.in[len(post):])
				}
				return
			}
			if err == nil || err == io.EOF || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v, want an error containing %q", err, tt.err)
			}
		})
	}
}

// TestReaderPosition: Position places a field of the head just read as
// the Reader's errors are placed, across earlier messages; offsets not
// consumed or forgotten give 0, 0.
func TestReaderPosition(t *testing.T) {
	in := "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" +
		"PUT /b HTTP/1.1\r\nHost: x\r\nExpect: 100-continue, x\r\nContent-Length: 0\r\n\r\n"
	rd := NewReader(strings.NewReader(in), nil)
	var m Message
	for range 2 {
		if err := rd.ReadRequest(&m); err != nil {
			t.Fatal(err)
		}
	}
	expect := rd.Offset() - int64(m.HeadLen) + int64(m.Headers[1].Offset)
	if int(expect) != strings.Index(in, "Expect") {
		t.Fatalf("Expect at %d, want %d", expect, strings.Index(in, "Expect"))
	}
	for _, tt := range []struct {
		off       int64
		line, col int
	}{
		{expect, 7, 1},
		{expect + 8, 7, 9},
		{0, 1, 1},
		{int64(strings.Index(in, "abc")) + 1, 5, 2},
		{rd.Offset() + 1, 0, 0},
	} {
		if line, col := rd.Position(tt.off); line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

// TestReaderPositionForgotten: an offset whose line starts before the
// bytes the Reader remembers has no known column: 0, 0, not one counted
// from the stream's start (a review found 6:1054 for 6:1001).
func TestReaderPositionForgotten(t *testing.T) {
	long := strings.Repeat("a", 9000)
	in := "GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "POST / HTTP/1.1\r\nHost: x\r\nX-Long: " + long + "\r\nContent-Length: 0\r\n\r\n"
	rd := NewReader(strings.NewReader(in), &Options{MaxHeaderBytes: 1 << 16})
	var m Message
	for range 2 {
		if err := rd.ReadRequest(&m); err != nil {
			t.Fatal(err)
		}
	}
	off := int64(strings.Index(in, "X-Long")) + 1000
	if line, col := rd.Position(off); line != 0 || col != 0 {
		t.Errorf("Position(%d) = %d:%d, want 0:0 (its line starts before the remembered bytes)", off, line, col)
	}
	cl := int64(strings.Index(in, "Content-Length"))
	if line, col := rd.Position(cl + 2); line != 7 || col != 3 {
		t.Errorf("Position(%d) = %d:%d, want 7:3", cl+2, line, col)
	}
}
