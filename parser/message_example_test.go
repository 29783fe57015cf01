package parser_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/abnfc/abnfc/parser"
)

func ExampleParseRequest() {
	in := []byte("POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello")
	var m parser.Message
	n, err := parser.ParseRequest(in, &m) // the zero Options: strict RFC 2616
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s %s\n", m.Method, m.Target, m.Version)
	fmt.Println("host:", string(m.Host), "body:", m.Body, m.ContentLength, "expect 100:", m.Expect100, "keep-alive:", m.KeepAlive)
	fmt.Printf("body bytes: %q\n", in[n:])
	// Output:
	// POST /upload HTTP/1.1
	// host: example.com body: content-length 5 expect 100: true keep-alive: true
	// body bytes: "hello"
}

// The method of the request decides whether a response has a body
// (§4.4 rule 1): none after HEAD, whatever Content-Length says.
func ExampleParseResponse() {
	in := []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
	var m parser.Message
	for _, method := range []string{"GET", "HEAD"} {
		n, err := parser.ParseResponse(in, &m, []byte(method))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %d %s, body %v %d, keep-alive %v, head %d bytes\n", method, m.Status, m.Reason, m.Body, m.ContentLength, m.KeepAlive, n)
	}
	// Output:
	// GET: 200 OK, body content-length 5, keep-alive false, head 57 bytes
	// HEAD: 200 OK, body none 0, keep-alive false, head 57 bytes
}

func ExampleOptions_ParseRequest_error() {
	in := []byte("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
	var m parser.Message
	_, err := parser.ParseRequest(in, &m)
	fmt.Println(err)
	_, err = (&parser.Options{AllowContentLengthWithTE: true}).ParseRequest(in, &m)
	fmt.Println(err, m.Body)
	// Output:
	// 3:1: [Content-Length] Content-Length with a Transfer-Encoding: messages MUST NOT include both (Options.AllowContentLengthWithTE ignores Content-Length) (RFC 2616 §4.4)
	// <nil> chunked
}

// A proxy's request names its host in the target; §5.2 says the Host
// field is then ignored.
func ExampleMessage_RequestHost() {
	in := []byte("GET http://www.w3.org/pub/WWW/TheProject.html HTTP/1.1\r\nHost: doesntmatter\r\n\r\n")
	var m parser.Message
	if _, err := parser.ParseRequest(in, &m); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Host field %s, request host %s\n", m.Host, m.RequestHost())
	// Output:
	// Host field doesntmatter, request host www.w3.org
}

// After a CONNECT (§9.9) the connection carries another protocol: the
// bytes the Reader has read past the head belong to it.
func ExampleReader_Buffered() {
	conn := strings.NewReader("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n\x16\x03\x01 tunnel bytes")
	rd := parser.NewReader(conn, nil)
	var m parser.Message
	if err := rd.ReadRequest(&m); err != nil {
		fmt.Println(err)
		return
	}
	tunnel := io.MultiReader(bytes.NewReader(rd.Buffered()), conn)
	rest, _ := io.ReadAll(tunnel)
	fmt.Printf("%s %s, tunnel from offset %d: %q\n", m.Method, m.Target, rd.Offset(), rest)
	// Output:
	// CONNECT example.com:443, tunnel from offset 59: "\x16\x03\x01 tunnel bytes"
}

// A request that asks to switch protocols (§14.42: an Upgrade field and
// "upgrade" in Connection) sets Message.Upgrade; a server that answers
// 101 (Switching Protocols) hands the rest of the connection, from
// Buffered on, to the new protocol (§10.1.2).
func ExampleMessage_upgrade() {
	conn := strings.NewReader("GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello")
	rd := parser.NewReader(conn, nil)
	var m parser.Message
	if err := rd.ReadRequest(&m); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Upgrade:", m.Upgrade, string(m.Header("Upgrade")))
	if m.Upgrade { // answered 101 Switching Protocols
		frames, _ := io.ReadAll(io.MultiReader(bytes.NewReader(rd.Buffered()), conn))
		fmt.Printf("websocket from offset %d: %q\n", rd.Offset(), frames)
	}
	// Output:
	// Upgrade: true websocket
	// websocket from offset 82: "\x81\x05hello"
}

func ExampleReader() {
	stream := "GET /a HTTP/1.1\r\nHost: x\r\n\r\n" +
		"POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	rd := parser.NewReader(strings.NewReader(stream), nil)
	var m parser.Message
	for {
		if err := rd.ReadRequest(&m); err != nil {
			if err != io.EOF {
				fmt.Println(err)
			}
			return
		}
		body, err := io.ReadAll(rd.Body())
		fmt.Printf("%s %s %q %v\n", m.Method, m.Target, body, err)
	}
	// Output:
	// GET /a "" <nil>
	// POST /b "abc" <nil>
}

// A chunked body may end with trailer fields (RFC 2616 §3.6.1), which the
// Trailer header field announces (§14.40): Reader.Trailer has them once
// the body has been read to its end, with their stream offsets.
func ExampleReader_Trailer() {
	stream := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Content-MD5\r\n\r\n" +
		"5\r\nhello\r\n0\r\nContent-MD5: XUFAKrxLKna5cZ2REBfFkg==\r\n\r\n"
	rd := parser.NewReader(strings.NewReader(stream), nil)
	var m parser.Message
	if err := rd.ReadResponse(&m, []byte("GET")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("announced %s, before the body: %v\n", m.Header("Trailer"), rd.Trailer())
	body, err := io.ReadAll(rd.Body())
	fmt.Printf("body %q %v\n", body, err)
	for _, f := range rd.Trailer() {
		fmt.Printf("offset %d: %s = %s\n", f.Offset, f.Name, f.Value)
	}
	fmt.Printf("content-md5: %s\n", rd.TrailerValue("content-md5"))
	// Output:
	// announced Content-MD5, before the body: []
	// body "hello" <nil>
	// offset 82: Content-MD5 = XUFAKrxLKna5cZ2REBfFkg==
	// content-md5: XUFAKrxLKna5cZ2REBfFkg==
}
