package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/abnfc/abnfc/parser"
)

// FuzzServe sends each input as the whole of one connection to the
// -listen server (in process, strict and with every leniency), closes
// the client's side of it, and reads what comes back: the server must
// answer and close within a bound (never hang on any bytes), and every
// answer must be an HTTP/1.1 response with a status of the documented
// set and a body framed by its Content-Length (none after HEAD, §4.4,
// §9.4). Seeds: testdata/in.
func FuzzServe(f *testing.F) {
	addInputs(f)
	limits := serverLimits{MaxConns: 8, MaxRequests: 100, MaxBody: 1 << 16, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second}
	type srv struct {
		addr string
		c    checker
	}
	var srvs []srv
	for _, c := range []checker{{}, lenientChecker()} {
		addr, _ := startServer(f, c, limits)
		srvs = append(srvs, srv{addr, c})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range srvs {
			serveOnce(t, s.addr, data, methods(data, &s.c.opts))
		}
	})
}

// methods returns the methods of the requests at the start of data that
// parser.Reader reads under opts, in order: those the server answers
// before the first it refuses (a HEAD's answer has no body, §4.4).
func methods(data []byte, opts *parser.Options) []string {
	rd := parser.NewReader(bytes.NewReader(data), opts)
	var m parser.Message
	var out []string
	for rd.ReadRequest(&m) == nil {
		out = append(out, string(m.Method))
		if _, err := io.Copy(io.Discard, rd.Body()); err != nil {
			break
		}
	}
	return out
}

// serveOnce sends data on a new connection to addr, half-closes it, and
// checks the answers until the server closes the connection: the final
// ones answer the requests of methods in order, then (past them) one
// refused request.
func serveOnce(t *testing.T, addr string, data []byte, methods []string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The read timeout (2 s) and the linger after an answer bound the
	// server's side; past them, the server hangs.
	c.SetDeadline(time.Now().Add(10 * time.Second))
	go func() {
		c.Write(data) // the server may close before it has read all
		c.(*net.TCPConn).CloseWrite()
	}()
	all, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("no end of the connection in 10 s for %q (read %q)", data, all)
	}
	br := bufio.NewReader(bytes.NewReader(all))
	for final := 0; ; {
		if _, err := br.Peek(1); err == io.EOF {
			return
		}
		req := &http.Request{Method: "GET"}
		if final < len(methods) {
			req.Method = methods[final]
		}
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			t.Fatalf("answer to %q is not a response: %v (%q)", data, err, all)
		}
		if statusText[resp.StatusCode] == "" && resp.StatusCode != 100 || resp.ProtoMajor != 1 || resp.ProtoMinor != 1 {
			t.Fatalf("answer to %q: %s %s", data, resp.Proto, resp.Status)
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil || req.Method != "HEAD" && resp.ContentLength != int64(len(body)) || req.Method == "HEAD" && len(body) > 0 {
			t.Fatalf("answer to %q (a %s): Content-Length %d, body of %d (%v)", data, req.Method, resp.ContentLength, len(body), err)
		}
		if resp.StatusCode >= 200 {
			final++
		}
	}
}
