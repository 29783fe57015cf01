package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pairSide renders what -pair found in one input, one line each: the
// messages ("GET", "200 body=5", "! 200" for an invalid one, "!" for one
// whose head is invalid), then the
// errors, the rest not validated and the unanswered requests, positioned
// as line:col.
func pairSide(r *result, msgs []message) []string {
	var out []string
	for _, m := range msgs {
		s := string(m.Method)
		if m.Status != 0 {
			s = fmt.Sprint(m.Status)
		}
		if m.BodyLength > 0 {
			s += fmt.Sprintf(" body=%d", m.BodyLength)
		}
		if !m.Valid {
			s = strings.TrimSpace("! " + s)
		}
		out = append(out, s)
	}
	for _, d := range r.Errors {
		out = append(out, fmt.Sprintf("error [%s] §%s at %d:%d", d.Rule, d.Section, d.Line, d.Col))
	}
	if rr := r.Rest; rr != nil {
		out = append(out, fmt.Sprintf("rest %d bytes at %d:%d §%s", rr.Length, rr.Line, rr.Col, rr.Section))
	}
	if u := r.Unanswered; u != nil {
		out = append(out, fmt.Sprintf("unanswered %d at %d:%d §%s", u.Count, u.Line, u.Col, u.Section))
	}
	return out
}

// TestPair runs -pair over the two directions of a connection: each final
// response answers the next request (RFC 2616 §8.1.2.2), framed by its
// method (§4.4, §9.9), and the answer decides what follows a request that
// asks to switch protocols.
func TestPair(t *testing.T) {
	const (
		get      = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
		head     = "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"
		connect  = "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"
		upgrade  = "GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"
		ok0      = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
		ok2      = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
		tls      = "\x16\x03\x01\x00\x05hello"
		frames   = "\x81\x05hello"
		switched = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"
	)
	for _, tc := range []struct {
		name        string
		reqs, resps string
		afterClose  bool
		wantReqs    []string
		wantResps   []string
	}{
		{
			// §8.1.2.2: pipelined requests, answered in order; §3.6.1
			// chunked and §10.3.5 304 without a body.
			name:      "pipelined exchange",
			reqs:      get + "POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc" + get,
			resps:     ok2 + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n" + "HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n",
			wantReqs:  []string{"GET", "POST body=3", "GET"},
			wantResps: []string{"200 body=2", "201 body=3", "304"},
		},
		{
			// §4.4 rule 1: a response to HEAD has no body, whatever
			// its Content-Length says (§14.13: the size the GET
			// would have sent).
			name:      "HEAD response with Content-Length",
			reqs:      head + get,
			resps:     "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" + ok2,
			wantReqs:  []string{"HEAD", "GET"},
			wantResps: []string{"200", "200 body=2"},
		},
		{
			// §4.4 rule 1: without the pairing, the next status
			// line was read as the chunk-size.
			name:      "HEAD response with chunked",
			reqs:      head + get,
			resps:     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + ok2,
			wantReqs:  []string{"HEAD", "GET"},
			wantResps: []string{"200", "200 body=2"},
		},
		{
			// §9.9, RFC 2817 §5.2: after a 2xx to CONNECT both
			// directions are the tunnel.
			name:      "CONNECT 2xx",
			reqs:      connect + tls,
			resps:     "HTTP/1.1 200 Connection established\r\n\r\n" + tls + "!",
			wantReqs:  []string{"CONNECT", "rest 10 bytes at 4:1 §9.9"},
			wantResps: []string{"200", "rest 11 bytes at 3:1 §9.9"},
		},
		{
			// §10.4.8: a 407 leaves the connection HTTP; the
			// requests after the CONNECT are validated and answered.
			name:      "CONNECT 407 then more requests",
			reqs:      connect + get + connect + tls,
			resps:     "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n" + ok2 + "HTTP/1.1 200 OK\r\n\r\n",
			wantReqs:  []string{"CONNECT", "GET", "CONNECT", "rest 10 bytes at 10:1 §9.9"},
			wantResps: []string{"407", "200 body=2", "200"},
		},
		{
			// §10.1.2: the protocol switches after the 101's empty
			// line, both ways.
			name:      "Upgrade answered 101",
			reqs:      upgrade + frames,
			resps:     switched + frames,
			wantReqs:  []string{"GET", "rest 7 bytes at 6:1 §10.1.2"},
			wantResps: []string{"101", "rest 7 bytes at 5:1 §10.1.2"},
		},
		{
			// §14.42: "the server ... MAY ignore" Upgrade; a 200
			// keeps the connection HTTP.
			name:      "Upgrade answered 200",
			reqs:      upgrade + get,
			resps:     ok0 + ok2,
			wantReqs:  []string{"GET", "GET"},
			wantResps: []string{"200", "200 body=2"},
		},
		{
			// §10.1.2, §14.42: a 101 answers a request that asked
			// to switch.
			name:      "101 without Upgrade",
			reqs:      get,
			resps:     switched + frames,
			wantReqs:  []string{"GET"},
			wantResps: []string{"101", "error [Upgrade] §10.1.2 at 1:1"},
		},
		{
			// §8.2.3, §10.1: 100 (Continue) and other 1xx are
			// interim; the final response still answers the POST.
			name:      "interim 100 and 103",
			reqs:      "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nab" + get,
			resps:     "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n" + ok0 + ok2,
			wantReqs:  []string{"POST body=2", "GET"},
			wantResps: []string{"100", "103", "200", "200 body=2"},
		},
		{
			// §8.2.3: "MUST NOT send a 100 (Continue) response if
			// such a request comes from an HTTP/1.0 (or earlier)
			// client".
			name:      "100 to HTTP/1.0",
			reqs:      "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nab",
			resps:     "HTTP/1.1 100 Continue\r\n\r\n" + ok0,
			wantReqs:  []string{"POST body=2"},
			wantResps: []string{"100", "error [Expect] §8.2.3 at 1:1"},
		},
		{
			// §3.6: "A server MUST NOT send transfer-codings to an
			// HTTP/1.0 client"; identity is no transfer-coding.
			name:      "chunked to HTTP/1.0",
			reqs:      "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n",
			resps:     "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\nHTTP/1.1 200 OK\r\nX: y\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			wantReqs:  []string{"GET", "GET"},
			wantResps: []string{"200", "200", "error [Transfer-Encoding] §3.6 at 8:1"},
		},
		{
			// A comma inside a quoted parameter separates nothing
			// (§2.2), and a response with no body sends no coding: a
			// review found both flagged.
			name:      "identity with a quoted comma, and a 304, to HTTP/1.0",
			reqs:      "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
			resps:     "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity;q=\"a, b\"\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\nHTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n",
			wantReqs:  []string{"GET", "GET"},
			wantResps: []string{"200", "304"},
		},
		{
			// §10.1: "servers MUST NOT send a 1xx response to an
			// HTTP/1.0 client except under experimental conditions".
			name:      "103 to HTTP/1.0",
			reqs:      "GET / HTTP/1.0\r\n\r\n",
			resps:     "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n" + ok0,
			wantReqs:  []string{"GET"},
			wantResps: []string{"103", "error [Status-Code] §10.1 at 1:1"},
		},
		{
			// §10.1 again: an HTTP/1.0 request with Upgrade asks for
			// no switch (RFC 7230 §6.7: the server "MUST ignore" it),
			// so no 101 answers it, and the request after it is
			// validated.
			name:      "101 to HTTP/1.0 with Upgrade",
			reqs:      "GET / HTTP/1.0\r\nUpgrade: websocket\r\nConnection: upgrade, keep-alive\r\n\r\nGET /next HTTP/1.0\r\n\r\n",
			resps:     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\nWSDATA",
			wantReqs:  []string{"GET", "GET"},
			wantResps: []string{"101", "error [Status-Code] §10.1 at 1:1"},
		},
		{
			// §8.1.2.2: one response per request, in order.
			name:      "extra response",
			reqs:      get,
			resps:     ok0 + ok2,
			wantReqs:  []string{"GET"},
			wantResps: []string{"200", "200 body=2", "error [pipelining] §8.1.2.2 at 4:1"},
		},
		{
			// A capture cut short: a note, not an error.
			name:      "unanswered requests",
			reqs:      get + head + get,
			resps:     ok2,
			wantReqs:  []string{"GET", "HEAD", "GET", "unanswered 2 at 4:1 §"},
			wantResps: []string{"200 body=2"},
		},
		{
			// A CONNECT whose answer is not there: the rest may be
			// the tunnel, as for the requests alone (§9.9).
			name:      "CONNECT unanswered",
			reqs:      get + connect + tls,
			resps:     ok0,
			wantReqs:  []string{"GET", "CONNECT", "rest 10 bytes at 7:1 §9.9", "unanswered 1 at 4:1 §"},
			wantResps: []string{"200"},
		},
		{
			// §8.1.2.1, §14.10: the server closes after a response
			// with Connection: close; §8.1.4: the requests after
			// the one it answered are not answered.
			name:      "close",
			reqs:      get + get + head,
			resps:     "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
			wantReqs:  []string{"GET", "GET", "HEAD", "unanswered 2 at 4:1 §8.1.4"},
			wantResps: []string{"200"},
		},
		{
			// §8.1.2.1: bytes after the closing response are an
			// error in the responses.
			name:      "close with data after",
			reqs:      get + get,
			resps:     "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n" + ok0,
			wantReqs:  []string{"GET", "GET", "unanswered 1 at 4:1 §8.1.4"},
			wantResps: []string{"200", "error [Connection] §8.1.2.1 at 5:1"},
		},
		{
			// -allow data-after-close reads on, and pairs on.
			name:       "close with data after allowed",
			reqs:       get + get,
			resps:      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n" + ok2,
			afterClose: true,
			wantReqs:   []string{"GET", "GET"},
			wantResps:  []string{"200", "200 body=2"},
		},
		{
			// §14.23: the second request is invalid, so the
			// responses after the first are validated alone (framed
			// as for an unknown method), not called extra.
			name:      "invalid request",
			reqs:      get + "GET / HTTP/1.1\r\n\r\n",
			resps:     ok0 + ok2,
			wantReqs:  []string{"GET", "!", "error [Host] §14.23 at 4:1"},
			wantResps: []string{"200", "200 body=2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &checker{afterClose: tc.afterClose}
			reqs := &result{Name: "reqs", Data: []byte(tc.reqs)}
			resps := &result{Name: "resps", Data: []byte(tc.resps)}
			var rm, sm []message
			n := c.pair(reqs, resps, func(m message) { rm = append(rm, m) }, func(m message) { sm = append(sm, m) })
			for _, s := range []struct {
				name      string
				got, want []string
			}{{"requests", pairSide(reqs, rm), tc.wantReqs}, {"responses", pairSide(resps, sm), tc.wantResps}} {
				if !slices.Equal(s.got, s.want) {
					t.Errorf("%s (-want +got):\n-%s\n+%s", s.name, strings.Join(s.want, "\n-"), strings.Join(s.got, "\n+"))
				}
			}
			if n.reqs != len(rm) || n.resps != len(sm) {
				t.Errorf("counts %+v, but %d and %d messages", n, len(rm), len(sm))
			}
		})
	}
}

// TestPairMisuse: -pair takes two inputs and reads each as one direction,
// so the flags that choose the kind of messages, and -listen, conflict
// with it (exit status 2, naming the conflict).
func TestPairMisuse(t *testing.T) {
	const reqs, resps = "testdata/in/pair-requests.http", "testdata/in/pair-responses.http"
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of it
	}{
		{"no input", []string{"-pair"}, 2, "-pair takes two inputs, REQUESTS and RESPONSES, not 0"},
		{"one input", []string{"-pair", reqs}, 2, "-pair takes two inputs, REQUESTS and RESPONSES, not 1"},
		{"three inputs", []string{"-pair", reqs, resps, reqs}, 2, "not 3"},
		{"with -request", []string{"-pair", "-request", reqs, resps}, 2, "-pair excludes -request"},
		{"with -response", []string{"-pair", "-response", reqs, resps}, 2, "-pair excludes -response"},
		{"with -head", []string{"-pair", "-head", reqs, resps}, 2, "-pair excludes -head"},
		{"with -listen", []string{"-pair", "-listen", "127.0.0.1:0"}, 2, "-pair excludes -listen"},
		{"standard input twice", []string{"-pair", "-", "-"}, 2, "-pair reads standard input for one input at most"},
		{"missing file", []string{"-pair", reqs, "testdata/in/no-such-file"}, 2, "no such file"},
		{"directory and file", []string{"-pair", "testdata/in", resps}, 2, "-pair takes two files or two directories, not one of each"},
		{"standard input and directory", []string{"-pair", "-", "testdata/in"}, 2, "not one of each"},
		// Not one of each: the first is not there.
		{"missing file and directory", []string{"-pair", "testdata/in/no-such-file", "testdata/in"}, 2, "stat testdata/in/no-such-file: no such file or directory"},
		{"valid", []string{"-pair", reqs, resps}, 0, ""},
		{"standard input", []string{"-pair", "-", "testdata/in/pair-responses.http"}, 1, ""}, // one GET for several responses
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(tc.args, strings.NewReader("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("run(%q) = %d, stderr %q; want %d, stderr containing %q", tc.args, code, stderr.String(), tc.code, tc.stderr)
			}
		})
	}
}

// TestPairMissingBesideDirectory: with -pair, a path that is not there
// beside a directory is an input that cannot be read, reported as such
// (with -json, its io_error line too), not "one of each".
func TestPairMissingBesideDirectory(t *testing.T) {
	var stdout, stderr strings.Builder
	code := run([]string{"-pair", "-json", "testdata/in/no-such-file", "testdata/in"}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "no such file") || strings.Contains(stderr.String(), "one of each") {
		t.Errorf("exit %d, stderr %q; want 2 and the missing file", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"file":"testdata/in/no-such-file"`) || !strings.Contains(stdout.String(), `"io_error":`) {
		t.Errorf("stdout %q, want an io_error line for the missing file", stdout.String())
	}
}

// TestPairDirs: -pair with two directories pairs the files of the same
// relative path, in the walk's lexical order, and a file without its
// twin is an I/O error (exit status 2) while the rest are still paired.
func TestPairDirs(t *testing.T) {
	const (
		get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
		ok  = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	)
	for _, tc := range []struct {
		name        string
		reqs, resps map[string]string
		code        int
		stdout      []string // the summary lines, in order
		stderr      []string // parts of it; none when nil
	}{
		{
			name:   "paired by relative path",
			reqs:   map[string]string{"b": get, "a": get + get, "sub/c": get, ".hidden": "junk"},
			resps:  map[string]string{"a": ok + ok, "b": ok, "sub/c": ok},
			stdout: []string{"req/a: ok: 2 messages", "resp/a: ok: 2 messages", "req/b: ok: 1 message", "resp/b: ok: 1 message", "req/sub/c: ok: 1 message", "resp/sub/c: ok: 1 message"},
		},
		{
			// §8.1.2.2: the second response answers no request.
			name:   "one exchange invalid",
			reqs:   map[string]string{"a": get, "b": get},
			resps:  map[string]string{"a": ok + ok, "b": ok},
			code:   1,
			stdout: []string{"req/a: ok: 1 message", "resp/a: invalid: 2 messages, 2 valid, 1 error", "req/b: ok: 1 message", "resp/b: ok: 1 message"},
		},
		{
			name:   "twins missing on both sides",
			reqs:   map[string]string{"a": get, "only-requests": get, "z": get},
			resps:  map[string]string{"a": ok, "only-responses": ok, "z": "HTTP/1.1 200 OK\r\n\r\n"},
			code:   2,
			stdout: []string{"req/a: ok: 1 message", "resp/a: ok: 1 message", "req/z: ok: 1 message", "resp/z: ok: 1 message"},
			stderr: []string{"only-requests has no responses file", "only-responses has no requests file"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for side, files := range map[string]map[string]string{"req": tc.reqs, "resp": tc.resps} {
				for name, body := range files {
					p := filepath.Join(dir, side, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			var stdout, stderr strings.Builder
			code := run([]string{"-pair", filepath.Join(dir, "req"), filepath.Join(dir, "resp")}, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr %q", code, tc.code, stderr.String())
			}
			var summaries []string
			for line := range strings.Lines(stdout.String()) {
				line = strings.TrimSuffix(line, "\n")
				if rest, ok := strings.CutPrefix(line, dir+string(filepath.Separator)); ok && (strings.Contains(rest, ": ok: ") || strings.Contains(rest, ": invalid: ")) {
					summaries = append(summaries, filepath.ToSlash(rest))
				}
			}
			if !slices.Equal(summaries, tc.stdout) {
				t.Errorf("summaries\n%q\nwant\n%q\nstdout:\n%s", summaries, tc.stdout, stdout.String())
			}
			for _, part := range tc.stderr {
				if !strings.Contains(stderr.String(), part) {
					t.Errorf("stderr %q lacks %q", stderr.String(), part)
				}
			}
			if tc.stderr == nil && stderr.Len() > 0 {
				t.Errorf("stderr %q, want none", stderr.String())
			}
		})
	}
}

// TestPairJSONIOError: with -json, -pair writes an io_error line for an
// input it cannot read, and for a file of two directories without its
// twin, as file mode does (a review found only stderr said so).
func TestPairJSONIOError(t *testing.T) {
	var stdout, stderr strings.Builder
	code := run([]string{"-pair", "-json", "testdata/in/pair-requests.http", "testdata/in/no-such-file"}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stdout.String(), `"file":"testdata/in/no-such-file"`) || !strings.Contains(stdout.String(), `"io_error":`) {
		t.Errorf("files: exit %d, stdout %q", code, stdout.String())
	}
	dir := t.TempDir()
	for _, f := range []string{"req/a", "resp/a", "req/only"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "resp/a"), []byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), 0o644)
	stdout.Reset()
	code = run([]string{"-pair", "-json", filepath.Join(dir, "req"), filepath.Join(dir, "resp")}, strings.NewReader(""), &stdout, &stderr)
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if code != 2 || len(lines) != 3 || !strings.Contains(lines[2], "has no responses file") || !strings.Contains(lines[2], filepath.Join(dir, "resp", "only")) {
		t.Errorf("directories: exit %d, %d lines: %q", code, len(lines), stdout.String())
	}
}
