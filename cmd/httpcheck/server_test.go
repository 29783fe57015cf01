package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/abnfc/abnfc/parser"
)

var testLimits = serverLimits{MaxConns: 8, MaxRequests: 100, MaxBody: 1 << 20, ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second}

// startServer serves on a loopback port; the server stops at the end of
// the test (or fuzz test, which logs nothing), which fails if Serve does
// not return in time.
func startServer(t testing.TB, c checker, limits serverLimits) (addr string, stop func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	logf := t.Logf
	if _, fuzz := t.(*testing.F); fuzz {
		logf = func(string, ...any) {} // f.Logf may not be called by a fuzz target
	}
	s := &server{checker: c, limits: limits, logf: logf}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(gracePeriod + 2*time.Second):
				t.Error("Serve did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return ln.Addr().String(), stop
}

// exchange sends raw bytes on a new connection and reads every response
// until the server closes it.
func exchange(t *testing.T, addr, raw string) []*http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var resps []*http.Response
	for {
		if _, err := br.Peek(1); err != nil {
			if err != io.EOF {
				t.Fatalf("after %d responses: %v", len(resps), err)
			}
			return resps
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("after %d responses: %v", len(resps), err)
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resps = append(resps, resp)
	}
}

// bodies returns the body of each response.
func bodies(rs []*http.Response) []string {
	var out []string
	for _, r := range rs {
		out = append(out, body(r))
	}
	return out
}

func body(r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return string(b)
}

// TestServerPipelined sends three pipelined requests in one write (§8.1.2.2):
// they are answered in order, and the connection is closed after the
// invalid one.
func TestServerPipelined(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	raw := "GET /one HTTP/1.1\r\nHost: a\r\n\r\n" +
		"POST /two HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" +
		"GET /three HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" +
		"GET /never HTTP/1.1\r\nHost: a\r\n\r\n"
	resps := exchange(t, addr, raw)
	want := []struct {
		status int
		body   string
	}{
		{200, "request 1: ok: GET /one HTTP/1.1, 1 header field, body 0 bytes\n"},
		{200, "request 2: ok: POST /two HTTP/1.1, 2 header fields, body 3 bytes\n"},
		{400, "connection:14:1: [Host] Host appears more than once; only list-valued fields may repeat (RFC 2616 §4.2)\n" +
			"   14 | Host: b\\r\\n\n" +
			"      | ^\n" +
			"request 3: invalid\n"},
	}
	if len(resps) != len(want) {
		t.Fatalf("got %d responses, want %d", len(resps), len(want))
	}
	for i, w := range want {
		if resps[i].StatusCode != w.status || body(resps[i]) != w.body {
			t.Errorf("response %d: %d %q, want %d %q", i+1, resps[i].StatusCode, body(resps[i]), w.status, w.body)
		}
	}
	if !resps[2].Close {
		t.Error("the answer to an invalid request does not close the connection")
	}
}

// TestServerJSONOffsets: on a connection, as in a file of several
// messages, a message's offset and an error's offset, line and column
// count from the start of the connection.
func TestServerJSONOffsets(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	first := "GET /a HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\n\r\n"
	second := "GET /b HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nHost: b\r\n\r\n"
	resps := exchange(t, addr, first+first+second)
	if len(resps) != 3 {
		t.Fatalf("got %d responses, want 3", len(resps))
	}
	var valid, invalid jsonInput
	if err := json.Unmarshal([]byte(body(resps[1])), &valid); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(body(resps[2])), &invalid); err != nil {
		t.Fatal(err)
	}
	if len(valid.Messages) != 1 || valid.Messages[0].Offset != len(first) {
		t.Errorf("request 2: got %+v; want the message at offset %d", valid, len(first))
	}
	wantErr := 2*len(first) + strings.Index(second, "Host: b")
	if len(invalid.Messages) != 1 || invalid.Messages[0].Offset != 2*len(first) || len(invalid.Errors) != 1 ||
		invalid.Errors[0].Offset != wantErr || invalid.Errors[0].Line != 12 || invalid.Errors[0].Col != 1 {
		t.Errorf("request 3: got %+v; want the message at offset %d and the error at offset %d, 12:1", invalid, 2*len(first), wantErr)
	}
}

// TestServerJSON: "Accept: application/json" gets the JSON object of
// -json for that request, for a valid head and for one that does not parse.
func TestServerJSON(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	resps := exchange(t, addr, "PUT /x?y HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody"+
		"GET /ignored HTTP/1.1\r\n\r\n")
	if len(resps) != 1 {
		t.Fatalf("got %d responses, want 1", len(resps))
	}
	var got jsonInput
	if err := json.Unmarshal([]byte(body(resps[0])), &got); err != nil {
		t.Fatalf("%v in %q", err, body(resps[0]))
	}
	m := got.Messages
	if resps[0].StatusCode != 200 || resps[0].Header.Get("Content-Type") != "application/json" || !got.Valid || len(m) != 1 ||
		m[0].Method != "PUT" || m[0].Target != "/x?y" || m[0].BodyLength != 4 || m[0].KeepAlive || len(m[0].Headers) != 4 {
		t.Errorf("got %d %+v", resps[0].StatusCode, got)
	}

	resps = exchange(t, addr, "GET / HTTP/1.1\r\nAccept: text/plain, application/json\r\nHost: a\r\nIf-Modified-Since: yesterday\r\n\r\n")
	if len(resps) != 1 {
		t.Fatalf("got %d responses, want 1", len(resps))
	}
	got = jsonInput{}
	if err := json.Unmarshal([]byte(body(resps[0])), &got); err != nil {
		t.Fatalf("%v in %q", err, body(resps[0]))
	}
	if resps[0].StatusCode != 400 || got.Valid || len(got.Errors) != 1 || got.Errors[0].Rule != "If-Modified-Since" || got.Errors[0].Section != "14.25" || got.Errors[0].Line != 4 || got.Errors[0].Col != 20 {
		t.Errorf("got %d %+v", resps[0].StatusCode, got)
	}
}

// TestServerTrailer: the JSON answer to a chunked request shows its
// trailer fields (§3.6.1), read after the last chunk, and none for a body
// without them.
func TestServerTrailer(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	for _, tc := range []struct {
		name, body string
		want       [][2]string
	}{
		{"two fields", "3\r\nabc\r\n0\r\nExpires: Thu, 01 Dec 1994 16:00:00 GMT\r\nX-Sum:  9 \r\n\r\n", [][2]string{{"Expires", "Thu, 01 Dec 1994 16:00:00 GMT"}, {"X-Sum", "9"}}},
		{"none", "3\r\nabc\r\n0\r\n\r\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resps := exchange(t, addr, "POST / HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"+tc.body)
			if len(resps) != 1 {
				t.Fatalf("got %d responses, want 1", len(resps))
			}
			var got jsonInput
			if err := json.Unmarshal([]byte(body(resps[0])), &got); err != nil {
				t.Fatalf("%v in %q", err, body(resps[0]))
			}
			if resps[0].StatusCode != 200 || len(got.Messages) != 1 || got.Messages[0].BodyLength != 3 || fmt.Sprint(got.Messages[0].Trailer) != fmt.Sprint(tc.want) {
				t.Errorf("got %d %+v, want trailer %q", resps[0].StatusCode, got, tc.want)
			}
		})
	}
}

// TestServerNetHTTP uses the standard client: its requests are valid, and
// its persistent connection is reused.
func TestServerNetHTTP(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	client := &http.Client{Timeout: 5 * time.Second}
	reused := 0
	for i, method := range []string{"GET", "POST", "HEAD"} {
		ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
			if info.Reused {
				reused++
			}
		}})
		var reqBody io.Reader
		if method == "POST" {
			reqBody = strings.NewReader(`{"a": 1}`)
		}
		req, _ := http.NewRequestWithContext(ctx, method, "http://"+addr+"/path?q=1", reqBody)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", method, resp.StatusCode, b)
		}
		if method != "HEAD" && !strings.HasPrefix(string(b), "request "+itoa(i+1)+": ok: "+method+" /path?q=1 HTTP/1.1") {
			t.Errorf("%s: body %q", method, b)
		}
		if method == "HEAD" && len(b) != 0 {
			t.Errorf("HEAD answered with a body %q", b)
		}
	}
	if reused != 2 {
		t.Errorf("connection reused %d times, want 2", reused)
	}
}

// TestServerCurl talks to the server with curl: two URLs on one
// connection, JSON by Accept, and an invalid header.
func TestServerCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed (apt-get install -y curl): this end-to-end test needs a real client")
	}
	addr, _ := startServer(t, checker{}, testLimits)
	for _, tc := range []struct {
		name string
		args []string
		want []string // parts of the output
	}{
		{"two URLs, one connection", []string{"http://" + addr + "/a", "http://" + addr + "/b"},
			[]string{"request 1: ok: GET /a HTTP/1.1, 3 header fields", "request 2: ok: GET /b HTTP/1.1"}},
		{"post", []string{"-d", "x=1", "http://" + addr + "/form"},
			[]string{"request 1: ok: POST /form HTTP/1.1, 5 header fields, body 3 bytes"}},
		{"json", []string{"-H", "Accept: application/json", "http://" + addr + "/j"},
			[]string{`"valid":true`, `"method":"GET"`, `"target":"/j"`, `["Accept","application/json"]`}},
		{"invalid header", []string{"-i", "-H", "Expires: tomorrow", "http://" + addr + "/bad"},
			[]string{"HTTP/1.1 400 Bad Request", "[Expires]", "(RFC 2616 §14.21)", "Expires: tomorrow\\r\\n", "request 1: invalid"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-sS", "--max-time", "5"}, tc.args...)
			out, err := exec.Command(curl, args...).CombinedOutput()
			if err != nil {
				t.Fatalf("curl %q: %v\n%s", args, err, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("curl %q output lacks %q:\n%s", args, w, out)
				}
			}
		})
	}
}

func TestServerLimits(t *testing.T) {
	t.Run("max requests", func(t *testing.T) {
		l := testLimits
		l.MaxRequests = 2
		addr, _ := startServer(t, checker{}, l)
		req := "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
		resps := exchange(t, addr, req+req+req)
		if len(resps) != 2 || resps[0].Close || !resps[1].Close {
			t.Errorf("got %d responses, want 2, the second closing", len(resps))
		}
	})
	t.Run("max body", func(t *testing.T) {
		l := testLimits
		l.MaxBody = 10
		addr, _ := startServer(t, checker{}, l)
		// RFC 2616 §10.4.14: 413 Request Entity Too Large, from
		// Content-Length or from the body read.
		for _, raw := range []string{
			"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n01234567890123456789",
			"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n01234567890123456789\r\n0\r\n\r\n",
		} {
			resps := exchange(t, addr, raw)
			if len(resps) != 1 || resps[0].StatusCode != 413 || !resps[0].Close || !strings.Contains(body(resps[0]), "body longer than 10 bytes (-max-body)") {
				t.Errorf("got %d responses: %q", len(resps), bodies(resps))
			}
		}
	})
	t.Run("max body without limit", func(t *testing.T) {
		// -max-body 9223372036854775807: one byte past it overflowed, and
		// no body was read or checked.
		l := testLimits
		l.MaxBody = math.MaxInt64
		addr, _ := startServer(t, checker{}, l)
		resps := exchange(t, addr, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"+
			"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
		if len(resps) != 2 || resps[0].StatusCode != 200 || !strings.Contains(body(resps[0]), "body 5 bytes") ||
			resps[1].StatusCode != 400 || !strings.Contains(body(resps[1]), "chunk-size") {
			t.Errorf("got %d responses: %q", len(resps), bodies(resps))
		}
	})
	t.Run("no timeouts", func(t *testing.T) {
		l := testLimits
		l.ReadTimeout, l.WriteTimeout = 0, 0 // no limit, not an instant deadline
		addr, _ := startServer(t, checker{}, l)
		resps := exchange(t, addr, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		if len(resps) != 1 || resps[0].StatusCode != 200 {
			t.Errorf("got %d responses: %q", len(resps), bodies(resps))
		}
	})
	t.Run("max conns", func(t *testing.T) {
		l := testLimits
		l.MaxConns = 1
		l.ReadTimeout = 300 * time.Millisecond
		addr, _ := startServer(t, checker{}, l)
		idle, err := net.Dial("tcp", addr) // holds the only slot until its read times out
		if err != nil {
			t.Fatal(err)
		}
		defer idle.Close()
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		resps := exchange(t, addr, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		if len(resps) != 1 || time.Since(start) < 150*time.Millisecond {
			t.Errorf("got %d responses after %v; want 1 after the first connection timed out", len(resps), time.Since(start))
		}
	})
	t.Run("lenient options", func(t *testing.T) {
		addr, _ := startServer(t, checker{opts: lenientOptions()}, testLimits)
		resps := exchange(t, addr, "\r\nGET / HTTP/1.1\nHost: a\nConnection: close\n\n")
		if len(resps) != 1 || resps[0].StatusCode != 200 {
			t.Errorf("got %v", resps)
		}
	})
}

// TestServerShutdown: cancelling Serve closes an idle persistent
// connection at once and lets Serve return.
func TestServerShutdown(t *testing.T) {
	addr, stop := startServer(t, checker{}, testLimits)
	c := dialWrite(t, addr, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 200 || resp.Close {
		t.Fatalf("%v %v", resp, err)
	}
	io.Copy(io.Discard, resp.Body)
	start := time.Now()
	stop()
	if d := time.Since(start); d > time.Second {
		t.Errorf("shutdown took %v with an idle connection", d)
	}
	if _, err := br.ReadByte(); err == nil {
		t.Error("the idle connection is still open")
	}
}

// TestServerReadTimeout: RFC 9110 §15.5.9 (RFC 2616 §10.4.9), a request
// that -read-timeout cuts short, in its head or its body, is answered 408
// Request Timeout and the connection closed; a connection on which no
// byte of a next request has arrived is closed without an answer, which
// could cross the client's next request.
func TestServerReadTimeout(t *testing.T) {
	const get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
	for _, tc := range []struct {
		name    string
		lenient bool
		raw     string
		codes   []int  // the statuses of the answers, in order
		body    string // a suffix of the last answer's body
		json    bool   // the last answer is JSON
	}{
		{name: "idle", raw: ""},
		{name: "idle after a request", raw: get, codes: []int{200}},
		{name: "head cut short", raw: "GET / HTTP/1.1\r\nHost: a\r\n", codes: []int{408},
			body: "connection:3:1: [Request] the head was not received in full within 1s (-read-timeout) (RFC 2616 §10.4.9)\nrequest 1: timed out\n"},
		{name: "head cut short after a request", raw: get + "GET /2 HTTP/1.1\r\nHo", codes: []int{200, 408},
			body: "connection:5:3: [Request] the head was not received in full within 1s (-read-timeout) (RFC 2616 §10.4.9)\nrequest 2: timed out\n"},
		{name: "only empty lines", lenient: true, raw: "\r\n", codes: []int{408}},
		{name: "head cut short, JSON", raw: "GET / HTTP/1.1\r\nAccept: application/json\r\nHost: a\r\n", codes: []int{408}, json: true,
			body: `{"offset":51,"line":4,"col":1,"rule":"Request","section":"10.4.9","message":"the head was not received in full within 1s (-read-timeout)"}]}` + "\n"},
		{name: "body cut short", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc", codes: []int{408},
			body: "connection: [message-body] the body was not received in full within 1s (-read-timeout) (RFC 2616 §10.4.9)\nrequest 1: timed out\n"},
		{name: "chunked body cut short", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", codes: []int{408}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // each waits out the read timeout
			l := testLimits
			l.ReadTimeout = time.Second // long enough for a loaded machine to deliver the bytes first
			opts := checker{}
			if tc.lenient {
				opts = checker{opts: lenientOptions()}
			}
			addr, _ := startServer(t, opts, l)
			resps := exchange(t, addr, tc.raw)
			var codes []int
			for _, r := range resps {
				codes = append(codes, r.StatusCode)
			}
			if fmt.Sprint(codes) != fmt.Sprint(tc.codes) {
				t.Fatalf("statuses %v, want %v; bodies %q", codes, tc.codes, bodies(resps))
			}
			if len(resps) == 0 {
				return
			}
			last := resps[len(resps)-1]
			if last.StatusCode == 408 && !last.Close {
				t.Error("408 without Connection: close")
			}
			if json := last.Header.Get("Content-Type") == "application/json"; json != tc.json {
				t.Errorf("JSON answer %v, want %v", json, tc.json)
			}
			if b := body(last); !strings.HasSuffix(b, tc.body) {
				t.Errorf("last body %q, want suffix %q", b, tc.body)
			}
		})
	}
}

// TestServerBadPartialHead: a head whose bytes so far already break RFC
// 2616 (§5.1 Request-Line, §4.2 message-header, §2.2 line ends), sent by a
// client that then waits for the answer, is answered 400 with the
// positioned diagnostic once the server's read has stalled for
// headStall, well before -read-timeout (5s here), as net/http answers a
// bad line as soon as it is complete; it used to wait for the empty line
// that ends the head until -read-timeout, then answer. A partial head
// that may still become valid is waited for, across stalls, up to
// -read-timeout.
func TestServerBadPartialHead(t *testing.T) {
	const get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
	for _, tc := range []struct {
		name  string
		parts []string // written one by one, pause apart
		pause time.Duration
		codes []int  // the statuses of the answers, in order
		body  string // a part of the last answer's body
	}{
		{name: "§4.2 field line without a colon", parts: []string{"GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n"}, codes: []int{400},
			body: "connection:3:5: [message-header] found 'H'"},
		{name: "§5.1 bad HTTP-Version", parts: []string{"GET / HTTP/9\r\n"}, codes: []int{400},
			body: "connection:1:13: [Request-Line] found 0x0d"},
		{name: "§5.1 bad first byte", parts: []string{"\x01GET / HTTP/1.1\r\n"}, codes: []int{400},
			body: "connection:1:1: [Request-Line] found 0x01"},
		{name: "§4.2 bad byte, line not ended", parts: []string{"GET / HTTP/1.1\r\nHo\x01"}, codes: []int{400},
			body: "connection:2:3: [message-header] found 0x01"},
		{name: "§2.2 bare LF", parts: []string{"GET / HTTP/1.1\n"}, codes: []int{400},
			body: "connection:1:15: [start-line] bare LF"},
		{name: "§4.2 after a valid request", parts: []string{get + "GET /2 HTTP/1.1\r\nX\x01"}, codes: []int{200, 400},
			body: "connection:5:2: [message-header] found 0x01"},
		{name: "§4.2 after a stall", parts: []string{"GET / HTTP/1.1\r\n", "Bad Header\r\n"}, pause: 3 * headStall / 2, codes: []int{400},
			body: "connection:2:5: [message-header] found 'H'"},
		{name: "§4.1 valid, with stalls in the head", parts: []string{"GET / HTTP/1.1\r\nHo", "st: a\r\nConnection: close\r\n\r\n"}, pause: 5 * headStall / 2, codes: []int{200},
			body: "request 1: ok: GET / HTTP/1.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := testLimits
			l.ReadTimeout = 5 * time.Second
			addr, _ := startServer(t, checker{}, l)
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			start := time.Now()
			for i, p := range tc.parts {
				if i > 0 {
					time.Sleep(tc.pause)
				}
				io.WriteString(c, p)
			}
			sent := time.Since(start)
			// The client waits, the connection open, for the answers.
			br := bufio.NewReader(c)
			var codes []int
			var last string
			for range tc.codes {
				resp, err := http.ReadResponse(br, nil)
				if err != nil {
					t.Fatalf("after %d answers (%v): %v", len(codes), time.Since(start), err)
				}
				codes = append(codes, resp.StatusCode)
				last = body(resp)
			}
			if wait := time.Since(start) - sent; wait > 2*time.Second {
				t.Errorf("answered %v after the last bytes, want well under -read-timeout (%v)", wait, l.ReadTimeout)
			}
			if fmt.Sprint(codes) != fmt.Sprint(tc.codes) || !strings.Contains(last, tc.body) {
				t.Errorf("statuses %v, want %v; last body %q, want %q in it", codes, tc.codes, last, tc.body)
			}
		})
	}
}

// TestServerShutdownIdleRace: a shutdown that interrupts the idle
// connections while a connection is between marking itself idle and its
// read still closes that connection at once (the read deadline it set
// next used to undo the interruption, and Serve waited the whole
// gracePeriod); one that comes just after a connection read a request's
// head still lets it read the body and answer (the interruption used to
// fail the body's read). The test hook holds the connection at that
// point until interruptIdle is done.
func TestServerShutdownIdleRace(t *testing.T) {
	const get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
	for _, tc := range []struct {
		name        string
		readTimeout time.Duration
		event       string // the hook event at which to shut down
		before      int    // requests answered before that event
		head, body  string // sent before, after the shutdown
		want        int    // status of the answer after the shutdown; 0: none
	}{
		{name: "idle, first request", readTimeout: 5 * time.Second, event: "idle"},
		{name: "idle, no read timeout", event: "idle"},
		{name: "idle, after a request", readTimeout: 5 * time.Second, event: "idle", before: 1},
		{name: "head read", readTimeout: 5 * time.Second, event: "head", head: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", body: "hello", want: 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			l := testLimits
			l.ReadTimeout = tc.readTimeout
			s := &server{limits: l, logf: t.Logf}
			interrupted, shut := make(chan struct{}), make(chan struct{})
			n := 0
			s.testHook = func(event string) { // one connection: no lock needed
				switch {
				case event == "interrupted":
					close(interrupted)
				case event == tc.event:
					if n++; n == tc.before+1 {
						cancel()
						<-interrupted
						close(shut)
					}
				}
			}
			done := make(chan error, 1)
			go func() { done <- s.Serve(ctx, ln) }()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			br := bufio.NewReader(c)
			for range tc.before {
				io.WriteString(c, get)
				resp, err := http.ReadResponse(br, nil)
				if err != nil || resp.StatusCode != 200 {
					t.Fatalf("%v %v", resp, err)
				}
				io.Copy(io.Discard, resp.Body)
			}
			io.WriteString(c, tc.head)
			<-shut
			io.WriteString(c, tc.body)
			if tc.want != 0 {
				resp, err := http.ReadResponse(br, nil)
				if err != nil {
					t.Fatalf("no answer after the shutdown: %v", err)
				}
				if resp.StatusCode != tc.want || !resp.Close {
					t.Errorf("status %d, close %v; want %d, close", resp.StatusCode, resp.Close, tc.want)
				}
				io.Copy(io.Discard, resp.Body)
			}
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(2 * time.Second):
				c.Close()
				t.Fatalf("Serve did not return within 2s of the shutdown (gracePeriod is %v)", gracePeriod)
			}
			if _, err := br.ReadByte(); err == nil {
				t.Error("the connection is still open")
			}
		})
	}
}

// TestRunListen runs the command with -listen 127.0.0.1:0, reads the
// address it prints, and stops it with SIGINT.
func TestRunListen(t *testing.T) {
	pr, pw := io.Pipe()
	codes := make(chan int, 1)
	go func() {
		codes <- run([]string{"-listen", "127.0.0.1:0"}, nil, io.Discard, pw)
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "httpcheck: listening on ")
	if !ok {
		t.Fatalf("first line %q", line)
	}
	go io.Copy(io.Discard, br)
	resps := exchange(t, addr, "GET / HTTP/1.0\r\n\r\n")
	if len(resps) != 1 || resps[0].StatusCode != 200 {
		t.Fatalf("got %v", resps)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-codes:
		if code != 0 {
			t.Errorf("exit status %d", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run -listen did not stop on SIGINT")
	}
}

// TestServerExpectContinue: §8.2.3, a client that sends "Expect:
// 100-continue" gets 100 Continue before it sends the body.
func TestServerExpectContinue(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	c := dialWrite(t, addr, "PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\n")
	br := bufio.NewReader(c)
	line, err := br.ReadString('\n')
	if err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("got %q, %v; want 100 Continue first", line, err)
	}
	br.ReadString('\n')
	io.WriteString(c, "hello")
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b := body(resp); resp.StatusCode != 200 || !strings.Contains(b, "body 5 bytes") {
		t.Errorf("got %d %q", resp.StatusCode, b)
	}
}

// TestServerHTTP10KeepAlive: §19.6.2, an HTTP/1.0 connection persists only
// with "Connection: keep-alive", which the answer repeats.
func TestServerHTTP10KeepAlive(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	resps := exchange(t, addr, "GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\nGET /3 HTTP/1.0\r\n\r\n")
	if len(resps) != 2 {
		t.Fatalf("got %d responses, want 2", len(resps))
	}
	if resps[0].Header.Get("Connection") != "keep-alive" || !resps[1].Close {
		t.Errorf("Connection: %q then %q", resps[0].Header.Get("Connection"), resps[1].Header.Get("Connection"))
	}
}

// TestServerChunkedError: §3.6.1, an invalid chunked body is answered with
// 400 and the offending line of the body.
func TestServerChunkedError(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	resps := exchange(t, addr, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n")
	want := "connection:6:4: [chunk-data] found 'X' after 3 octets of chunk-data, expected CRLF (RFC 2616 §3.6.1)\n" +
		"    6 | abcX\\r\\n\n" +
		"      |    ^\n" +
		"request 1: invalid\n"
	if len(resps) != 1 || resps[0].StatusCode != 400 || body(resps[0]) != want {
		t.Fatalf("got %d responses: %v\n%q\nwant %q", len(resps), resps, body(resps[0]), want)
	}
}

// TestSniffAcceptJSON: a head that does not parse still gets JSON when one
// of its own lines, before or after the error, asks for it.
func TestSniffAcceptJSON(t *testing.T) {
	first := "GET / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\n\r\n"
	for _, tc := range []struct {
		name, stream, bad string
		want              bool
	}{
		{"before", "GET / HTTP/1.1\r\nAccept: application/JSON\r\nDate: nope\r\n\r\n", "Date", true},
		{"after", "GET / HTTP/1.1\r\nDate: nope\r\nACCEPT:application/json\r\n\r\n", "Date", true},
		{"not this head's", first + "GET / HTTP/1.1\r\nDate: nope\r\n\r\n", "Date", false},
		{"second head's own", first + "GET / HTTP/1.1\r\nHost: a\r\nDate: nope\r\nAccept: */*, application/json\r\n\r\n", "Date", true},
		{"none", "GET / HTTP/1.1\r\nDate: nope\r\n\r\n", "Date", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tap := &tapReader{buf: []byte(tc.stream), base: 0}
			off := strings.LastIndex(tc.stream, tc.bad)
			if got := sniffAcceptJSON(tap, &parser.Error{Offset: off}); got != tc.want {
				t.Errorf("sniffAcceptJSON = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestServerLogUnanswered: a request whose answer could not be written
// (-write-timeout, or the client went away) is logged as such, not as
// answered 200 or 400; a valid request is logged with the code it was
// answered with (501 for CONNECT).
func TestServerLogUnanswered(t *testing.T) {
	c1, c2 := net.Pipe()
	defer c1.Close()
	defer c2.Close()
	var lines []string
	s := &server{logf: func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }}
	r := &result{Name: "request 1", Messages: []message{{Kind: parser.Request, Valid: true, Method: []byte("GET"), Target: []byte("/")}}}
	s.log(c1, r, 200, true)
	s.log(c1, r, 200, false)
	// A valid CONNECT is answered 501, and logged so.
	connect := &result{Name: "request 2", Messages: []message{{Kind: parser.Request, Valid: true, Method: []byte("CONNECT"), Target: []byte("a:80")}}}
	s.log(c1, connect, 501, true)
	if len(lines) != 3 || !strings.Contains(lines[0], "request 1: 200 GET /") || !strings.Contains(lines[1], "request 1: the answer could not be written") || !strings.Contains(lines[2], "request 2: 501 CONNECT a:80") {
		t.Errorf("log lines %q", lines)
	}
}

// TestTapReaderCapacity: the tap's buffer never grows past twice what it
// keeps, as connBuffers, and so the -max-conns bound, counts on, while it
// still holds the last bytes read (append alone grew it to 2.5 times).
func TestTapReaderCapacity(t *testing.T) {
	big := parser.Options{MaxStartLine: maxHeadLimit, MaxHeaderBytes: maxHeadLimit}
	for _, tc := range []struct {
		name string
		opts parser.Options
		read int // bytes per read; 0: parser.Reader's reads, over requests
	}{
		{"reads of 100 bytes", parser.Options{}, 100},
		{"reads of 1000 bytes", parser.Options{}, 1000},
		{"reads of 64 KiB", parser.Options{}, 64 << 10},
		{"parser.Reader", parser.Options{}, 0},
		{"parser.Reader, largest heads", big, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Requests with heads near the limit, then small ones.
			var stream strings.Builder
			field := strings.Repeat("x", cmp.Or(tc.opts.MaxHeaderBytes, 64<<10)-100)
			for range 8 {
				fmt.Fprintf(&stream, "GET / HTTP/1.1\r\nHost: a\r\nX: %s\r\n\r\n", field)
			}
			for range 200 {
				stream.WriteString("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
			}
			s := stream.String()
			tap := &tapReader{r: strings.NewReader(s), keep: tapKeep(&tc.opts)}
			check := func() {
				t.Helper()
				if cap(tap.buf) > 2*tap.keep {
					t.Fatalf("cap(tap.buf) = %d after %d bytes, more than 2*keep = %d", cap(tap.buf), int(tap.base)+len(tap.buf), 2*tap.keep)
				}
				if got, want := string(tap.buf), s[tap.base:int(tap.base)+len(tap.buf)]; got != want {
					t.Fatalf("tap.buf from %d is not the stream's bytes", tap.base)
				}
			}
			if tc.read == 0 {
				rd := parser.NewReader(tap, &tc.opts)
				var m parser.Message
				for n := 0; ; n++ {
					if err := rd.ReadRequest(&m); err == io.EOF {
						if n != 208 {
							t.Fatalf("read %d requests, want 208", n)
						}
						break
					} else if err != nil {
						t.Fatalf("request %d: %v", n+1, err)
					}
					check()
				}
			} else {
				p := make([]byte, tc.read)
				for {
					if _, err := tap.Read(p); err == io.EOF {
						break
					}
					check()
				}
			}
			if len(tap.buf) < min(tap.keep, len(s)) {
				t.Errorf("tap kept %d bytes, want at least %d", len(tap.buf), tap.keep)
			}
		})
	}
}

// TestServerDate: RFC 2616 §14.18, "Origin servers MUST include a Date
// header field in all responses", except 100 (Continue) and 101 and
// server errors: every answer has one, an rfc1123-date (§3.3.1: the
// format to generate), and it is on the Date rule of the grammar.
func TestServerDate(t *testing.T) {
	for _, tc := range []struct {
		name, raw string
		code      int
	}{
		{"valid", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 200},
		{"HEAD", "HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 200},
		{"HTTP/1.0", "GET / HTTP/1.0\r\n\r\n", 200},
		{"invalid head", "GET / HTTP/1.1\r\n\r\n", 400},
		{"invalid body", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
		{"JSON", "GET / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nConnection: close\r\n\r\n", 200},
		{"timed out", "GET / HTTP/1.1\r\nHost: a\r\n", 408},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testLimits
			l.ReadTimeout = time.Second
			addr, _ := startServer(t, checker{}, l)
			c := dialWrite(t, addr, tc.raw)
			method, _, _ := strings.Cut(tc.raw, " ") // HEAD: the answer has no body
			resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
			if err != nil || resp.StatusCode != tc.code {
				t.Fatalf("got %v, %v; want %d", resp, err, tc.code)
			}
			date := resp.Header.Get("Date")
			d, err := time.Parse(time.RFC1123, date)
			if err != nil || !strings.HasSuffix(date, " GMT") || !parser.MatchDate([]byte("Date: "+date)) {
				t.Fatalf("Date: %q, want an rfc1123-date (%v)", date, err)
			}
			if off := time.Since(d); off < -time.Hour || off > time.Hour {
				t.Errorf("Date: %q is %v from now", date, off)
			}
		})
	}
}

// TestServerAnswerBeforeBody: requests the server refuses from their head
// alone are answered as soon as the head has arrived, without 100
// (Continue) and without waiting for the body, and the connection is
// closed. The client sends only the head.
func TestServerAnswerBeforeBody(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		code       int
		body       string // a part of the answer's body
	}{
		// RFC 2616 §14.20: "The server MUST respond with a 417
		// (Expectation Failed) status if any of the expectations cannot
		// be met"; §8.2.3: a client that sent 100-continue waits for
		// 100 or a final status before the body.
		{"unknown expectation", "PUT / HTTP/1.1\r\nHost: a\r\nExpect: x-fast\r\nContent-Length: 5\r\n\r\n", 417,
			"connection:3:1: [Expect] an expectation other than 100-continue cannot be met (RFC 2616 §14.20)\n    3 | Expect: x-fast\\r\\n\n"},
		{"100-continue and an unknown one", "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue, x-fast=1\r\nContent-Length: 5\r\n\r\n", 417, "[Expect]"},
		{"unknown expectation in a second field", "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nExpect: x-fast\r\nContent-Length: 5\r\n\r\n", 417, "[Expect]"},
		{"unknown expectation, HTTP/1.0", "PUT / HTTP/1.0\r\nExpect: x-fast\r\nContent-Length: 5\r\n\r\n", 417, "[Expect]"},
		{"unknown expectation, no body", "GET / HTTP/1.1\r\nHost: a\r\nExpect: x-fast\r\n\r\n", 417, "[Expect]"},
		// RFC 2616 §8.2.3: 100 (Continue) lets the client learn "if the
		// origin server is willing to accept the request (based on the
		// request headers) before the client sends the request body";
		// §10.4.14: 413 "The server is refusing to process a request
		// because the request entity is larger than the server is
		// willing or able to process".
		{"Content-Length over -max-body, 100-continue", "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n", 413,
			"connection:4:1: [message-body] body longer than 10 bytes (-max-body): Content-Length is 11 (RFC 2616 §10.4.14)\n    4 | Content-Length: 11\\r\\n\n      | ^\nrequest 1: body too long\n"},
		{"Content-Length far over -max-body, 100-continue", "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1000000000\r\n\r\n", 413, "Content-Length is 1000000000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testLimits
			l.MaxBody = 10
			l.ReadTimeout = 2 * time.Second // a server waiting for the body answers 408 then
			addr, _ := startServer(t, checker{}, l)
			c := dialWrite(t, addr, tc.head)
			br := bufio.NewReader(c)
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			b := body(resp)
			if resp.StatusCode != tc.code || !resp.Close || !strings.Contains(b, tc.body) {
				t.Errorf("got %s, close %v, %q; want %d, close, with %q", resp.Status, resp.Close, b, tc.code, tc.body)
			}
			if _, err := br.ReadByte(); err == nil {
				t.Error("the connection is still open")
			}
		})
	}
}

// TestServerHTTP10KeepAliveVersions: §19.6.2, an HTTP/1.0 client's
// connection persists only when both sides say "keep-alive": the answer
// says it to every request older than HTTP/1.1 that keeps the connection,
// whatever the spelling of its version (§3.1: "Leading zeros MUST be
// ignored by recipients").
func TestServerHTTP10KeepAliveVersions(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	for _, version := range []string{"HTTP/1.00", "HTTP/01.0", "HTTP/0.9"} {
		t.Run(version, func(t *testing.T) {
			resps := exchange(t, addr, "GET /1 "+version+"\r\nConnection: keep-alive\r\n\r\nGET /2 "+version+"\r\n\r\n")
			if len(resps) != 2 {
				t.Fatalf("got %d responses, want 2", len(resps))
			}
			if resps[0].Header.Get("Connection") != "keep-alive" || !resps[1].Close {
				t.Errorf("Connection: %q, then close %v; want keep-alive, then close", resps[0].Header.Get("Connection"), resps[1].Close)
			}
		})
	}
}

// TestServerConnect: a valid CONNECT asks for a tunnel (§9.9), which
// httpcheck does not open: it answers 501 (Not Implemented, §5.1.1: "if
// the method is unrecognized or not implemented by the origin server"),
// a framed answer with the report, and closes the connection, whose next
// bytes may be tunnel data sent ahead (the GET after it is not answered).
// A 2xx would have told the client the tunnel was open (RFC 9110 §9.3.6);
// Http11Probe's COMP-METHOD-CONNECT failed on it.
func TestServerConnect(t *testing.T) {
	addr, _ := startServer(t, checker{}, testLimits)
	c := dialWrite(t, addr, "CONNECT a:80 HTTP/1.1\r\nHost: a:80\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
	all, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(all)), nil)
	if err != nil {
		t.Fatalf("%q: %v", all, err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 501 || resp.ContentLength != int64(len(body)) || !resp.Close {
		t.Errorf("status %d, Content-Length %d for a body of %d, close %v: want 501, the body's length, close", resp.StatusCode, resp.ContentLength, len(body), resp.Close)
	}
	if want := "request 1: ok: CONNECT a:80 HTTP/1.1, 1 header field, body 0 bytes\n"; string(body) != want {
		t.Errorf("body %q, want %q", body, want)
	}
	if n := strings.Count(string(all), "HTTP/1.1 "); n != 1 {
		t.Errorf("%d answers, want 1 (the connection closes after CONNECT): %q", n, all)
	}
}

// flakyListener fails its first accepts with errno, as a process out of
// file descriptors or memory does.
type flakyListener struct {
	net.Listener
	errno syscall.Errno
	mu    sync.Mutex
	fails int
}

func (l *flakyListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	fail := l.fails > 0
	l.fails--
	l.mu.Unlock()
	if fail {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Addr: l.Addr(), Err: os.NewSyscallError("accept4", l.errno)}
	}
	return l.Listener.Accept()
}

// TestServerAcceptRetry: an accept that fails for want of resources
// (EMFILE: more connections than the process may have files, which
// -max-conns can allow) is retried after a pause; it used to stop the
// server, so enough clients could end httpcheck -listen.
func TestServerAcceptRetry(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM} {
		t.Run(errno.Error(), func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			fl := &flakyListener{Listener: ln, errno: errno, fails: 3}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s := &server{limits: testLimits, logf: t.Logf}
			done := make(chan error, 1)
			go func() { done <- s.Serve(ctx, fl) }()
			resps := exchange(t, ln.Addr().String(), "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
			if len(resps) != 1 || resps[0].StatusCode != 200 {
				t.Errorf("got %d responses %q, want one 200", len(resps), bodies(resps))
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(2 * time.Second):
				t.Fatal("Serve did not return after cancel")
			}
		})
	}
}

// TestAcceptsJSON: the answer is JSON when Accept names application/json
// with a qvalue above 0 and not below text/plain's (RFC 2616 §14.1: "q=0"
// is "not acceptable"; the most specific range gives a type its qvalue).
func TestAcceptsJSON(t *testing.T) {
	for _, tc := range []struct {
		name, accept string
		want         bool
	}{
		{"empty", "", false},
		{"json", "application/json", true},
		{"json in upper case", "Application/JSON", true},
		{"json with text", "text/plain, application/json", true},
		{"§14.1 q=0 is not acceptable", "application/json;q=0", false},
		{"§14.1 q=0.000 is not acceptable", "application/json; q=0.000", false},
		{"text preferred", "application/json;q=0.5, text/plain", false},
		{"anything preferred", "application/json;q=0.5, */*", false},
		{"json preferred over anything", "application/json, */*;q=0.1", true},
		{"text/plain refused, json not", "text/plain;q=0, */*;q=0.5, application/json;q=0.4", true},
		{"most specific text range wins", "*/*;q=0.9, text/plain;q=0.2, application/json;q=0.3", true},
		{"json with a media parameter", "application/json;charset=utf-8;q=0.8, text/plain;q=0.7", true},
		{"comma in a quoted parameter", `text/plain;x="a,application/json", text/html`, false},
		{"json only as a parameter", `text/plain;x="application/json"`, false},
		{"wildcard only", "*/*", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := acceptsJSON([]byte(tc.accept)); got != tc.want {
				t.Errorf("acceptsJSON(%q) = %v, want %v", tc.accept, got, tc.want)
			}
		})
	}
}

// dialWrite connects to the server at addr, with a 5 s deadline for the
// whole exchange, and writes raw; the connection closes when the test
// ends.
func dialWrite(t *testing.T, addr, raw string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, raw)
	return c
}

// readCounter counts the reads of the connections it accepts.
type readCounter struct {
	net.Listener
	reads atomic.Int64
}

func (l *readCounter) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countedConn{Conn: c, reads: &l.reads}, nil
}

type countedConn struct {
	net.Conn
	reads *atomic.Int64
}

func (c *countedConn) Read(p []byte) (int, error) {
	c.reads.Add(1)
	return c.Conn.Read(p)
}

// TestServerIdleDoesNotWake: a connection that holds nothing of a head
// waits for its first bytes in one read, not in a read every headStall
// (before, an idle connection read every 0.5 s until -read-timeout).
func TestServerIdleDoesNotWake(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counted := &readCounter{Listener: ln}
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{limits: testLimits, logf: t.Logf}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, counted) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(4 * headStall) // idle
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	// The read that waited and got the request, and the one waiting
	// for the next request (once it has started).
	if n := counted.reads.Load(); n > 2 {
		t.Errorf("%d reads of the connection over %v idle and one request, want at most 2", n, 4*headStall)
	}
}

// TestServerBodyTooLongOffset: the error of a 413 is positioned from the
// start of the connection, as every diagnostic of the server is: at the
// first body byte past -max-body when Content-Length frames the body, at
// the body's start for a chunked one (the decoder reads ahead) and for a
// body refused from its Content-Length before it is sent at the
// Content-Length field. Its offset was 0, the start of the first request,
// whichever request it was.
func TestServerBodyTooLongOffset(t *testing.T) {
	l := testLimits
	l.MaxBody = 10
	addr, _ := startServer(t, checker{}, l)
	const get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
	for _, tc := range []struct {
		name, head, body string
		want             int // the error's offset in the body, or in the head if negative (from its end)
	}{
		{"Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nContent-Length: 20\r\n\r\n", "01234567890123456789", 10},
		{"chunked", "POST / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", "14\r\n01234567890123456789\r\n0\r\n\r\n", 0},
		{"100-continue", "POST / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nExpect: 100-continue\r\nContent-Length: 20\r\n\r\n", "", -len("Content-Length: 20\r\n\r\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resps := exchange(t, addr, get+tc.head+tc.body)
			if len(resps) != 2 || resps[1].StatusCode != 413 {
				t.Fatalf("got %d responses: %q", len(resps), bodies(resps))
			}
			var out jsonInput
			if err := json.Unmarshal([]byte(body(resps[1])), &out); err != nil || len(out.Errors) != 1 {
				t.Fatalf("%v: %q", err, body(resps[1]))
			}
			if want := len(get) + len(tc.head) + tc.want; out.Errors[0].Offset != want {
				t.Errorf("error offset %d, want %d", out.Errors[0].Offset, want)
			}
		})
	}
}

// TestServerHeadTimeoutNoBody: RFC 2616 §9.4, the answer to HEAD has no
// message-body, the 408 of a HEAD request whose body -read-timeout cut
// short too (it had one).
func TestServerHeadTimeoutNoBody(t *testing.T) {
	l := testLimits
	l.ReadTimeout = time.Second
	addr, _ := startServer(t, checker{}, l)
	c := dialWrite(t, addr, "HEAD / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab")
	raw, _ := io.ReadAll(c)
	head, rest, _ := strings.Cut(string(raw), "\r\n\r\n")
	if !strings.HasPrefix(head, "HTTP/1.1 408 ") || rest != "" {
		t.Errorf("got %q; want a 408 head without a body", raw)
	}
}

// TestServerShutdownPartialHead: a connection on which part of a
// request's head has arrived is reading a request, not waiting for one,
// so shutting down lets it finish within gracePeriod, as doc.go says
// ("those reading one get 5 seconds"), and answers it with
// "Connection: close". It used to be marked idle at every headStall
// while its head was incomplete, so shutting down closed it at once,
// without an answer.
func TestServerShutdownPartialHead(t *testing.T) {
	addr, stop := startServer(t, checker{}, testLimits)
	c := dialWrite(t, addr, "GET / HTTP/1.1\r\nHost: a\r\n")
	time.Sleep(headStall + 200*time.Millisecond) // the head is read on after a stall
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	time.Sleep(headStall + 200*time.Millisecond) // the shutdown has reached the connection
	io.WriteString(c, "\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer to a request whose head was being read at the shutdown: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != 200 || !resp.Close {
		t.Errorf("status %d, close %v; want 200, close", resp.StatusCode, resp.Close)
	}
	<-stopped
}
