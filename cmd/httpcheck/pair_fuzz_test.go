package main

import (
	"bytes"
	"testing"
)

// FuzzPair runs -pair on any two inputs, strictly and leniently: it must
// not panic; the counts it returns are those of the messages it passes
// on; every message starts inside its input, after the one before; every
// error and note is positioned inside its input, at a line and column
// that lineCol gives; and -json's lines, written from passes that keep no
// message (as pairMain writes them), are those of the results kept whole.
// Seeds: the exchanges of TestPair's goldens and a few more.
func FuzzPair(f *testing.F) {
	for _, s := range [][2]string{
		{"GET / HTTP/1.1\r\nHost: a\r\n\r\nHEAD / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"},
		{"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n\x16\x03\x01", "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x03"},
		{"GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n\x81\x05", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n\x81\x05"},
		{"POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nab", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nConnection: close\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"},
		{"GET / HTTP/1.0\r\n\r\n", "HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.0 200 OK\r\n\r\nx"},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, reqData, respData []byte) {
		for _, c := range []checker{{}, lenientChecker()} {
			reqs := &result{Name: "requests", Data: reqData}
			resps := &result{Name: "responses", Data: respData}
			collect := func(r *result) func(message) {
				return func(m message) { r.Messages = append(r.Messages, m) }
			}
			n := c.pair(reqs, resps, collect(reqs), collect(resps))
			if n.reqs != len(reqs.Messages) || n.resps != len(resps.Messages) || n.reqsValid > n.reqs || n.respsValid > n.resps {
				t.Fatalf("counts %+v for %d requests and %d responses passed on", n, len(reqs.Messages), len(resps.Messages))
			}
			for _, r := range []*result{reqs, resps} {
				checkPlaces(t, r)
			}
			// -json as pairMain writes it.
			none := func(message) {}
			for i, r := range []*result{reqs, resps} {
				var whole, stream bytes.Buffer
				if err := writeJSON(&whole, r); err != nil {
					t.Fatal(err)
				}
				err := writeJSONStream(&stream, r, func(each func(message)) {
					a, b := none, none
					if i == 0 {
						a = each
					} else {
						b = each
					}
					c.pair(&result{Name: reqs.Name, Data: reqData}, &result{Name: resps.Name, Data: respData}, a, b)
				})
				if err != nil {
					t.Fatal(err)
				}
				if whole.String() != stream.String() {
					t.Fatalf("-json line of %s:\nstream %s\nwhole  %s", r.Name, stream.Bytes(), whole.Bytes())
				}
			}
		}
	})
}

// checkPlaces checks that r's messages start inside its input, each after
// the one before, and that its errors and notes are inside it, at the line
// and column of their offset.
func checkPlaces(t *testing.T, r *result) {
	t.Helper()
	last := -1
	for _, m := range r.Messages {
		if m.Offset <= last || m.Offset >= len(r.Data) {
			t.Fatalf("%s: a message at %d, after one at %d, in %d bytes", r.Name, m.Offset, last, len(r.Data))
		}
		last = m.Offset
	}
	at := func(what string, off, line, col int) {
		t.Helper()
		if off < 0 || off > len(r.Data) {
			t.Fatalf("%s: %s at %d, outside %d bytes", r.Name, what, off, len(r.Data))
		}
		if l, c := lineCol(r.Data, off); l != line || c != col {
			t.Fatalf("%s: %s at %d is %d:%d, not %d:%d", r.Name, what, off, l, c, line, col)
		}
	}
	for _, d := range r.Errors {
		at("error", d.Offset, d.Line, d.Col)
	}
	if rr := r.Rest; rr != nil {
		at("rest", rr.Offset, rr.Line, rr.Col)
		if rr.Offset+rr.Length != len(r.Data) {
			t.Fatalf("%s: rest of %d bytes at %d, in %d", r.Name, rr.Length, rr.Offset, len(r.Data))
		}
	}
	if u := r.Unanswered; u != nil {
		at("unanswered", u.Offset, u.Line, u.Col)
	}
}
