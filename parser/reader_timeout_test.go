package parser

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"
)

// Tests of a Reader whose source times out (a net.Conn's read deadline)
// in a head: the bytes already buffered are parsed at once, so an error
// in them is reported without waiting for the head's end, and the
// timeout is not kept, so that the caller can set a new deadline and read
// on.

// errTimeout is the error a net.Conn's Read returns once its read
// deadline has passed.
var errTimeout error = &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}

// step is one read of a scriptedReader: data, then err.
type step struct {
	data string
	err  error
}

// scriptedReader returns its steps one per Read (data that does not fit
// p is left for the next Read), then io.EOF.
type scriptedReader struct{ steps []step }

func (s *scriptedReader) Read(p []byte) (int, error) {
	if len(s.steps) == 0 {
		return 0, io.EOF
	}
	st := &s.steps[0]
	n := copy(p, st.data)
	st.data = st.data[n:]
	if st.data != "" {
		return n, nil
	}
	err := st.err
	s.steps = s.steps[1:]
	return n, err
}

// TestReaderTimeoutReportsHeadError: when the source times out with a
// partial head buffered, ReadRequest (ReadResponse) parses what it has:
// bytes that no continuation could make valid (RFC 2616 §5.1 Request-Line,
// §6.1 Status-Line, §4.2 message-header, in an ended line or in one not
// ended yet) give the error the complete head gives, at the same Offset,
// Line, Col, Rule and Section, in the first message of the stream or a
// later one; bytes that may still become a valid head give the timeout.
// (A server can so answer 400 as soon as the bad line has arrived, with
// a short read deadline, instead of waiting for the empty line.)
func TestReaderTimeoutReportsHeadError(t *testing.T) {
	const get = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
	const ok = "HTTP/1.1 204 No Content\r\n\r\n"
	for _, tc := range []struct {
		name    string
		resp    bool
		opts    *Options
		before  string // whole messages before the partial head
		partial string // the bytes of the head before the timeout
		rest    string // bytes that end the head
		err     string // the error at the timeout; "" for the timeout
	}{
		{name: "§5.1 bad version in the Request-Line", partial: "GET / HTTP/9\r\n", rest: "Host: a\r\n\r\n",
			err: "1:13: [Request-Line] found 0x0d, expected \".\""},
		{name: "§5.1 bad first byte", partial: "\x01GET / HTTP/1.1\r\n", rest: "Host: a\r\n\r\n",
			err: "1:1: [Request-Line] found 0x01"},
		{name: "§5.1 bad byte, line not ended", partial: "GET /\x01", rest: " HTTP/1.1\r\n\r\n",
			err: "1:6: [Request-Line] found 0x01"},
		{name: "§4.2 field line without a colon", partial: "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n", rest: "\r\n",
			err: "3:5: [message-header] found 'H', expected"},
		{name: "§4.2 bad byte, line not ended", partial: "GET / HTTP/1.1\r\nHo\x01", rest: "st: a\r\n\r\n",
			err: "2:3: [message-header] found 0x01"},
		{name: "§4.2 bad byte in a later request", before: get + get, partial: "GET /b HTTP/1.1\r\nX\x01", rest: ": b\r\n\r\n",
			err: "8:2: [message-header] found 0x01"},
		{name: "§2.2 bare LF", partial: "GET / HTTP/1.1\nHost: a\n", rest: "\n",
			err: "1:15: [start-line] bare LF"},
		{name: "§6.1 bad status code", resp: true, partial: "HTTP/1.1 2x", rest: "0 OK\r\n\r\n",
			err: "1:11: [Status-Line] found 'x'"},
		{name: "§4.2 bad byte in a response field", resp: true, before: ok, partial: "HTTP/1.1 200 OK\r\nServer\x01", rest: ": x\r\n\r\n",
			err: "4:7: [message-header] found 0x01"},
		{name: "§4.1 no error yet: in the Request-Line", partial: "GET / HTTP/1.", rest: "1\r\n\r\n"},
		{name: "§4.1 no error yet: in a field name", partial: "GET / HTTP/1.1\r\nHo", rest: "st: a\r\n\r\n"},
		{name: "§4.1 no error yet: after a CR", partial: "GET / HTTP/1.1\r\nHost: a\r", rest: "\n\r\n"},
		// RFC 7230 §3.2.4: white space before the colon is an error only
		// once the colon has arrived (ParseRequest's one exception).
		{name: "RFC 7230 §3.2.4 no error yet: white space after a name", partial: "GET / HTTP/1.1\r\nHost ", rest: "\r\n\r\n"},
		{name: "§6.1 no error yet: in the Reason-Phrase", resp: true, partial: "HTTP/1.1 200 O", rest: "K\r\n\r\n"},
		{name: "§4.1 no error yet: nothing of the head", before: get, rest: get},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read := func(rd *Reader, m *Message) error {
				if tc.resp {
					return rd.ReadResponse(m, []byte("GET"))
				}
				return rd.ReadRequest(m)
			}
			before := strings.Count(tc.before, "\r\n\r\n")
			rd := NewReader(&scriptedReader{steps: []step{{data: tc.before + tc.partial, err: errTimeout}, {data: tc.rest}}}, tc.opts)
			var m Message
			for range before {
				if err := read(rd, &m); err != nil {
					t.Fatalf("message before: %v", err)
				}
			}
			err := read(rd, &m)
			if tc.err == "" {
				if !errors.Is(err, os.ErrDeadlineExceeded) {
					t.Fatalf("got %v, want the timeout", err)
				}
				if rd.Offset() != int64(len(tc.before)) || string(rd.Buffered()) != tc.partial {
					t.Errorf("Offset %d, Buffered %q; want %d, %q", rd.Offset(), rd.Buffered(), len(tc.before), tc.partial)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), tc.err) {
				t.Fatalf("got %v, want %s...", err, tc.err)
			}
			// The complete head, read whole, gives the same error.
			whole := NewReader(strings.NewReader(tc.before+tc.partial+tc.rest), tc.opts)
			for range before {
				if err := read(whole, &m); err != nil {
					t.Fatalf("whole, message before: %v", err)
				}
			}
			var we *Error
			if werr := read(whole, &m); !errors.As(werr, &we) || we.Offset != e.Offset || we.Line != e.Line || we.Col != e.Col ||
				we.Rule != e.Rule || we.Section != e.Section || we.Msg != e.Msg {
				t.Errorf("at the timeout:  %+v\nhead complete: %+v", e, we)
			}
		})
	}
}

// TestReaderResumesAfterTimeout: a timeout of the source (an error whose
// Timeout method reports true, as a net.Conn's read deadline gives) in a
// head is returned once and not kept: the bytes read stay buffered, and
// the next ReadRequest (ReadResponse) reads on, so that the head is read
// as though the source had not stopped, its errors positioned in the
// stream. Other errors of the source are kept.
func TestReaderResumesAfterTimeout(t *testing.T) {
	lead := &Options{AllowLeadingEmptyLines: true}
	for _, tc := range []struct {
		name  string
		resp  bool
		opts  *Options
		steps []step
		want  []string // the results of successive reads (see result)
	}{
		{name: "§5 request", steps: []step{{"GET / HTTP/1.1\r\nHo", errTimeout}, {data: "st: a\r\n\r\n"}},
			want: []string{"timeout at 0", "GET /", "EOF"}},
		{name: "§6 response", resp: true, steps: []step{{"HTTP/1.1 204 No", errTimeout}, {data: " Content\r\n\r\n"}},
			want: []string{"timeout at 0", "204", "EOF"}},
		{name: "two timeouts", steps: []step{{"GET /", errTimeout}, {"", errTimeout}, {data: " HTTP/1.1\r\nHost: a\r\n\r\n"}},
			want: []string{"timeout at 0", "timeout at 0", "GET /", "EOF"}},
		{name: "timeout with the last bytes", steps: []step{{"GET / HT", nil}, {"TP/1.1\r\nHost: a\r\n", errTimeout}, {data: "\r\n"}},
			want: []string{"timeout at 0", "GET /", "EOF"}},
		{name: "§8.1.2.2 between pipelined requests", steps: []step{{"GET /a HTTP/1.1\r\nHost: a\r\n\r\n", errTimeout}, {data: "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"}},
			want: []string{"GET /a", "timeout at 28", "GET /b", "EOF"}},
		{name: "§4.2 error after the timeout, positioned in the stream", steps: []step{{"GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\n", errTimeout}, {data: "X\x01: b\r\n\r\n"}},
			want: []string{"GET /a", "timeout at 28", "5:2: [message-header] found 0x01"}},
		{name: "§4.1 the stream ends after the timeout", steps: []step{{"GET / HTTP/1.1\r\n", errTimeout}},
			want: []string{"timeout at 0", "2:1: [request] the stream ends inside a message head"}},
		// §4.1: "servers SHOULD ignore any empty line(s) received where a
		// Request-Line is expected"; the Reader consumes them, and the
		// stream that ends after them after a timeout ends cleanly.
		{name: "§4.1 empty lines, timeout, end", opts: lead, steps: []step{{"\r\n\r\n", errTimeout}},
			want: []string{"timeout at 4", "EOF"}},
		// RFC 2046 §5.1.1: the CRLF after a multipart/byteranges close
		// delimiter is optional; one that comes after a timeout is still
		// skipped, not read as the start of the next head.
		{name: "§19.2 timeout after a close delimiter", resp: true, steps: []step{{byterangesResponse, errTimeout}, {data: "\r\nHTTP/1.1 204 No Content\r\n\r\n"}},
			want: []string{"206", "timeout at 123", "204", "EOF"}},
		{name: "other errors are kept", steps: []step{{"GET /", errSource}, {data: " HTTP/1.1\r\n\r\n"}},
			want: []string{"source error", "source error"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd := NewReader(&scriptedReader{steps: tc.steps}, tc.opts)
			var m Message
			var got []string
			for range tc.want {
				var err error
				if tc.resp {
					err = rd.ReadResponse(&m, []byte("GET"))
				} else {
					err = rd.ReadRequest(&m)
				}
				if err == nil {
					// Read the body (none but the byteranges case's).
					if _, err := io.Copy(io.Discard, rd.Body()); err != nil {
						t.Fatalf("body: %v", err)
					}
				}
				switch {
				case err == nil && tc.resp:
					got = append(got, fmt.Sprint(m.Status))
				case err == nil:
					got = append(got, string(m.Method)+" "+string(m.Target))
				case errors.Is(err, os.ErrDeadlineExceeded):
					got = append(got, fmt.Sprintf("timeout at %d", rd.Offset()))
				default:
					got = append(got, err.Error())
				}
			}
			for i := range tc.want {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("reads (-want +got):\n-%q\n+%q", tc.want, got)
					break
				}
			}
		})
	}
}
