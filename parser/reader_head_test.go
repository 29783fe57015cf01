package parser

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// snapshotMessage copies the byte slices of m (the start line, the fields,
// Host and Boundary) into a string, to compare before and after m's body
// is read.
func snapshotMessage(m *Message) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%q %q %q %d %q host=%q boundary=%q\n", m.Method, m.Target, m.Version, m.Status, m.Reason, m.Host, m.Boundary)
	for _, h := range m.Headers {
		fmt.Fprintf(&sb, "%q: %q @%d\n", h.Name, h.Value, h.Offset)
	}
	return sb.String()
}

// padMessages returns pipelined messages (§8.1.2.2) without bodies,
// GET requests or 204 responses, n bytes in all (0, or at least 40): they
// put the message after them at offset n of the stream, so at any place
// in the Reader's buffer.
func padMessages(n int, resp bool) string {
	start := "GET /p HTTP/1.1\r\nHost: p\r\nX-Pad: "
	if resp {
		start = "HTTP/1.1 204 No Content\r\nX-Padding-Field: "
	}
	const end = "\r\n\r\n"
	var sb strings.Builder
	for sb.Len() < n {
		pad := min(n-sb.Len()-len(start)-len(end), 300)
		if rest := n - sb.Len() - len(start) - len(end) - pad; rest > 0 && rest < len(start)+len(end)+1 {
			pad -= 100 // leave room for one more message
		}
		sb.WriteString(start + strings.Repeat("x", max(pad, 1)) + end)
	}
	if sb.Len() != n {
		panic(fmt.Sprintf("padMessages(%d): %d bytes", n, sb.Len()))
	}
	return sb.String()
}

// TestReaderHeadStaysValid: the slices of a Message read by ReadRequest or
// ReadResponse stay valid until the next one, as their doc says: reading
// a long body (several times the Reader's buffer) through Body refills the
// buffer without moving or overwriting the head's bytes. Every framing of
// §4.4 (Content-Length; chunked, with a trailer, §3.6.1; multipart/
// byteranges, §19.2; close-delimited), requests and responses, with
// pipelined messages before the one checked (so that its head starts
// anywhere in the buffer, up to its end) and after it; the source's reads
// and the caller's of many sizes.
func TestReaderHeadStaysValid(t *testing.T) {
	o := &Options{MaxStartLine: 64, MaxHeaderBytes: 512}
	size := len(NewReader(nil, o).buf)
	data := strings.Repeat("0123456789abcdef-\r\n", 4*size/19)
	var chunks strings.Builder
	for rest := data; len(rest) > 0; {
		k := min(len(rest), 1000)
		chunks.WriteString(strconv.FormatInt(int64(k), 16) + ";ext=1\r\n" + rest[:k] + "\r\n")
		rest = rest[k:]
	}
	chunks.WriteString("0\r\nX-Trailer: t\r\n\r\n")
	parts := "--THIS_STRING_SEPARATES\r\nContent-Range: bytes 0-" + strconv.Itoa(len(data)-1) + "/" + strconv.Itoa(len(data)) + "\r\n\r\n" + data + "\r\n--THIS_STRING_SEPARATES--"
	const fields = "Host: www.example.com\r\nUser-Agent: abnfc-test/1.0 (head stays valid)\r\nAccept: text/html, */*;q=0.1\r\n"
	const reqLine = "PUT /some/resource/path?query=value&other=1 HTTP/1.1\r\n"
	const statusLine = "HTTP/1.1 200 Everything Is Fine\r\n"
	const nextReq = "GET /next HTTP/1.1\r\nHost: n\r\n\r\n"
	const nextResp = "HTTP/1.1 204 No Content\r\nX-Next: 1\r\n\r\n"
	for _, tc := range []struct {
		name  string
		resp  bool
		head  string // the head, whose slices are checked
		body  string // as it follows the head
		want  string // what Body gives
		after bool   // a message may follow
	}{
		{"request/length", false, reqLine + fields + "Content-Length: " + strconv.Itoa(len(data)) + "\r\n\r\n", data, data, true},
		{"request/chunked", false, reqLine + fields + "Transfer-Encoding: chunked\r\n\r\n", chunks.String(), data, true},
		{"response/length", true, statusLine + fields + "Content-Length: " + strconv.Itoa(len(data)) + "\r\n\r\n", data, data, true},
		{"response/chunked", true, statusLine + fields + "Transfer-Encoding: chunked\r\n\r\n", chunks.String(), data, true},
		{"response/byteranges", true, statusLine + fields + "Content-Type: multipart/byteranges; boundary=\"THIS_STRING_SEPARATES\"\r\n\r\n", parts, parts, true},
		{"response/close", true, statusLine + fields + "\r\n", data, data, false},
	} {
		// Where the head starts: at the stream's start, a little after,
		// and so that it ends at or near the end of the buffer's first
		// fill (with whole reads), from 4 KiB before it to after it.
		var pads []int
		for _, p := range []int{0, 100, size - len(tc.head) - 4200, size - len(tc.head) - 4096, size - len(tc.head) - 4095, size - len(tc.head) - 2000, size - len(tc.head) - 1, size - len(tc.head), size - len(tc.head)/2, size - 41} {
			if p == 0 || p >= 40 {
				pads = append(pads, p)
			}
		}
		for _, pad := range pads {
			stream := padMessages(pad, tc.resp) + tc.head + tc.body
			next := ""
			if tc.after {
				next = nextReq
				if tc.resp {
					next = nextResp
				}
				stream += next
			}
			for _, src := range []int{1, 7, 4096, len(stream)} {
				for _, n := range []int{1, 5, 4096, 1 << 16} {
					t.Run(fmt.Sprintf("%s/pad=%d/src=%d/read=%d", tc.name, pad, src, n), func(t *testing.T) {
						rd := NewReader(&splitReader{data: []byte(stream), n: src}, o)
						var m Message
						read := func() error {
							if tc.resp {
								return rd.ReadResponse(&m, nil)
							}
							return rd.ReadRequest(&m)
						}
						for {
							if err := read(); err != nil {
								t.Fatal(err)
							}
							if rd.Offset() == int64(pad+len(tc.head)) {
								break
							}
							if rd.Offset() > int64(pad+len(tc.head)) {
								t.Fatalf("head read to offset %d, want %d", rd.Offset(), pad+len(tc.head))
							}
						}
						want := snapshotMessage(&m)
						// A body that reads the source has bodyRoom after
						// its head, unless the head starts the buffer.
						if start := rd.keep - m.HeadLen; start > 0 && len(rd.buf)-rd.keep < bodyRoom && rd.bodyMayFill(&m, 0) {
							t.Errorf("head at %d to %d: %d bytes of room for the body, want %d", start, rd.keep, len(rd.buf)-rd.keep, bodyRoom)
						}
						p := make([]byte, n)
						var body strings.Builder
						for {
							k, err := rd.Body().Read(p)
							body.Write(p[:k])
							if err == io.EOF {
								break
							}
							if err != nil {
								t.Fatal(err)
							}
						}
						if got := snapshotMessage(&m); got != want {
							t.Errorf("the message changed while its body was read:\nbefore:\n%safter:\n%s", want, got)
						}
						if body.String() != tc.want {
							t.Errorf("body of %d bytes, want %d", body.Len(), len(tc.want))
						}
						if !tc.after {
							return
						}
						if err := read(); err != nil {
							t.Fatalf("next message: %v", err)
						}
						if got := string(m.Target) + string(m.Reason); got != "/next" && got != "No Content" {
							t.Errorf("next message %q, want the one after the body", got)
						}
						if err := read(); err != io.EOF {
							t.Errorf("after the last message: %v, want io.EOF", err)
						}
					})
				}
			}
		}
	}
}
