package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// FuzzServe sends each input as the whole of one connection to the
// -listen server (in process, strict and with every leniency), closes
// the client's side of it, and reads what comes back: the server must
// answer and close within a bound (never hang on any bytes), and every
// answer must be an HTTP/1.1 response with a status of the documented
// set and a body framed by its Content-Length. Seeds: testdata/in.
func FuzzServe(f *testing.F) {
	if err := forEachFile("testdata/in", func(p string) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}, func(err error) { f.Fatal(err) }); err != nil {
		f.Fatal(err)
	}
	limits := serverLimits{MaxConns: 8, MaxRequests: 100, MaxBody: 1 << 16, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second}
	var addrs []string
	for _, c := range []checker{{}, lenientChecker()} {
		addr, _ := startServer(f, c, limits)
		addrs = append(addrs, addr)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, addr := range addrs {
			serveOnce(t, addr, data)
		}
	})
}

// serveOnce sends data on a new connection to addr, half-closes it, and
// checks the answers until the server closes the connection.
func serveOnce(t *testing.T, addr string, data []byte) {
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
	for {
		if _, err := br.Peek(1); err == io.EOF {
			return
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("answer to %q is not a response: %v (%q)", data, err, all)
		}
		if statusText[resp.StatusCode] == "" || resp.ProtoMajor != 1 || resp.ProtoMinor != 1 {
			t.Fatalf("answer to %q: %s %s", data, resp.Proto, resp.Status)
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.ContentLength != int64(len(body)) {
			t.Fatalf("answer to %q: Content-Length %d, body of %d (%v)", data, resp.ContentLength, len(body), err)
		}
	}
}
