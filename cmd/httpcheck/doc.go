// Command httpcheck validates HTTP/1.x messages against RFC 2616 and says
// exactly where and why they break it.
//
// In the flow of abnfc
//
//	grammar/rfc2616 ──abnfc gen──▶ parser/zz_rfc2616.go ──▶ parser API ──▶ cmd/httpcheck
//
// httpcheck is the user-facing end: it feeds raw bytes to the parser
// package (parser.Options.ParseRequest/ParseResponse and ChunkedReader for
// files, parser.Reader for connections) and prints the parser's *Error
// values as compiler-style diagnostics or JSON. The grammar and the
// message rules are the parser's. For files, httpcheck frames
// Content-Length and multipart/byteranges bodies itself, as parser.Reader
// does (TestDriverAgreesWithReader and FuzzDriverAgreesWithReader hold the
// two to the same messages, body lengths and first error), and it has one
// rule of its own: no data after a message that closes the connection
// (§8.1.2.1, below).
//
// Usage:
//
//	httpcheck [flags] [FILE|DIR|-]...
//	httpcheck [flags] -pair REQUESTS RESPONSES   (two files, or two directories)
//	httpcheck [flags] -listen ADDR
//
// Each input is a stream of one or more pipelined messages, read as raw
// bytes (CR, LF, NUL and non-ASCII bytes are kept). Directories are walked
// recursively in lexical order; files and directories whose names start
// with "." inside them are skipped, and so are symbolic links, FIFOs and
// other files that are not regular inside them. A file or directory inside
// that cannot be read is an I/O error, and the walk goes on with the rest.
// With no inputs, or "-" (named at most once: it is read whole), standard
// input is read. Each message is a response when it starts with "HTTP/" and a
// request otherwise, unless -request or -response says which. A response
// is taken to answer a request other than HEAD (so its body is framed by
// §4.4 rules 2–5) unless -head is given. A 101 (Switching Protocols)
// response ends an input's HTTP: the bytes after its head are the new
// protocol's (§10.1.2). So may be those after a CONNECT request (§9.9, a
// tunnel if the server answers 2xx) and after a request with Upgrade and
// "upgrade" in Connection (§14.42, parser.Message.Upgrade; a switch if
// the server answers 101): httpcheck sees one side of the connection, so
// it stops there too. Such bytes are not validated; a note (and
// "unvalidated" in -json) says where they start and how many there are.
// Bytes after a message that closes the connection (Connection: close,
// §14.10; HTTP/1.0 without keep-alive, §19.6.2) are an error (§8.1.2.1:
// "that request becomes the last one for the connection"), unless -allow
// data-after-close, which -mode lenient includes.
//
// With -pair, httpcheck takes exactly two inputs, the requests and the
// responses of one connection (its two directions, as extracted from a
// capture), and validates them as one exchange (pair.go). The requests
// are read as with -request. Each final response answers the next request
// in order (§8.1.2.2: "A server MUST send its responses to those requests
// in the same order that the requests were received"), and that request's
// method is passed to ParseResponse, so a response to HEAD has no body
// and a 2xx to CONNECT none either (§4.4, §9.9); a 1xx response other
// than 101 is interim and answers none (§10.1). A 2xx to CONNECT makes
// the rest of both inputs a tunnel, and a 101 to a request with Upgrade
// the new protocol (§10.1.2): neither rest is validated, and a note says
// so. Any other answer to such a request keeps the connection HTTP, and
// the requests after it are validated (alone, httpcheck stops at them,
// not knowing the answer). Errors of the exchange, each in the input
// where it shows: a final response with no request left (§8.1.2.2); a
// 100 (Continue) to an HTTP/1.0 request (§8.2.3), or another 1xx, 101
// too (§10.1; parser.Message.Upgrade is false in HTTP/1.0); a 101 to a
// request without Upgrade (§10.1.2, §14.42); a transfer-coding other than
// identity in a response to an HTTP/1.0 request (§3.6: "A server MUST NOT
// send transfer-codings to an HTTP/1.0 client"). A response that closes the
// connection ends the exchange: bytes after it are the error of
// §8.1.2.1, and the requests after the one it answers are noted as not
// answered (§8.1.4), as are requests left when the responses end (a
// capture may have been cut; "unanswered" in -json). Once either input
// stops at an error, the other is validated on alone. The two inputs may
// be two directories, each holding one direction of many connections: the
// first is walked as above, and each file in it is paired with the file
// of the same relative path in the second; a file without its twin in
// the other directory is an I/O error, and the others are paired on.
// -pair excludes -request, -response, -head and -listen; at most one of
// its inputs may be "-", and a directory pairs only with a directory.
//
// Modes: -mode strict (the default) is parser.Options{}: RFC 2616 with its
// errata, the message rules of §4.1, §4.2, §4.4, §8.1 and §14.23, and the
// grammar of every header field of §14. -mode lenient turns on every
// leniency of parser.Options; -allow turns on single ones (see -h for the
// names). -reject-folding rejects folded header values. -max-start-line,
// -max-header-bytes (the header fields and the empty line after them) and
// -max-headers set the parser's limits (0: its defaults, 8190, 65536 and
// 100). A chunked body has the parser's fixed limits
// (parser.ChunkedOptions): 16 HEX digits in a chunk-size, leading zeros
// included; 4096 bytes in a chunk-size line with its extensions; 8192
// bytes of trailer, whose fields count against -max-headers. Past a limit the message is refused with an error
// that says so (it wraps parser.ErrLimit), not as a violation of RFC
// 2616.
//
// The parser cannot resynchronize after a violation, so validation of an
// input stops at its first error: every input has at most one error, and
// the messages before it.
//
// Output: for each error, "file:line:col: [rule] message (RFC 2616 §x.y)"
// with line and column counted in bytes from the start of the input, the
// offending line with control and non-ASCII bytes escaped, and a caret
// under the column; then a summary line per input. Colour is used only
// when standard output is a terminal and NO_COLOR is unset or empty. With
// -json, one JSON object per input (JSON Lines): see jsonInput; an input
// that cannot be read has one too, with "io_error" saying why. In text, a
// file name with a control character, invalid UTF-8 or a bidirectional
// override is quoted as a Go string.
//
// Exit status: 0 when every input is valid, 1 when some input is invalid,
// 2 on misuse or an I/O error.
//
// -listen excludes -json, -request, -response, -head and -max-input,
// which it would ignore (JSON answers follow each request's Accept).
//
// With -listen, httpcheck is an HTTP server that validates each request
// from the raw bytes of its connection (parser.Reader over the net.Conn,
// never net/http's parsed view) and answers 200 (valid) or 400 with the
// diagnostics, as JSON when the request's Accept field names
// application/json with a qvalue above 0 and not below text/plain's
// (§14.1) and as text otherwise. A request with an expectation
// other than 100-continue is answered 417 Expectation Failed (§14.20), and
// one with 100-continue whose Content-Length is over -max-body 413 Request
// Entity Too Large (§10.4.14), as soon as its head has arrived, without
// 100 (Continue) and without reading its body, and its connection closed
// (the 417's error is placed at the Expect field, the 413's at
// Content-Length); other bodies found longer than -max-body are answered 413 too, after
// -max-body bytes. A valid CONNECT is answered 501 Not Implemented
// (§5.1.1) with its report, since httpcheck opens no tunnel (§9.9; a 2xx
// would tell the client it had), and the connection closed, as the
// client may have sent tunnel data after it. Every answer has Date
// (§14.18) and Content-Length fields. There an input is one request,
// named "request N" in its summary line and its JSON "file" (N counts the
// requests of the connection), while its diagnostics are named
// "connection", for their line:col
// and the JSON offsets count from the start of the connection, as they
// count from the start of a file that holds several messages (a message's
// offset is where its parse starts); an error in a body has no line. Pipelined requests
// are answered in order; the connection is closed after an invalid
// request, "Connection: close", a request that is not persistent (§8.1.2,
// §19.6.2) or -max-requests. -max-body, -read-timeout, -write-timeout and
// -max-conns protect the server: a request that -read-timeout cuts short,
// in its head or body, is answered 408 Request Timeout (RFC 9110
// §15.5.9) and its connection closed; but a head whose bytes so far
// already break RFC 2616 (a bad request line or field line, or a bad
// byte in a line not yet ended) is answered 400 with its diagnostic
// within about half a second of the bad bytes' arrival (while a head is
// incomplete, the server parses what it holds every 0.5 s), without
// waiting for the rest of the head or -read-timeout; while a connection on which no byte
// of a next request has arrived is closed without an answer (one could
// cross the client's next request); SIGINT and SIGTERM stop it gracefully
// (connections waiting for a request are closed at once, those reading one
// get 5 seconds). Each connection holds up to about 244 KiB of buffers
// with the default head limits (parser.Reader's, a copy of the last bytes
// read for the diagnostics' lines, and the answer's), more with larger
// -max-start-line or -max-header-bytes; -max-conns is refused when all of
// them could pass 1 GiB, so it is at most 4297 with the default limits and
// 169 with both head limits at 1 MiB. When the process runs out of file
// descriptors (-max-conns above its limit) or memory, accepting waits,
// from 5 ms doubling to 1 s, for connections to end.
//
// Files and standard input are read whole, then validated in memory; an
// input longer than -max-input (64 MiB by default, at most 1 GiB) is an I/O error.
// The messages are not kept: each is written as it is validated (with
// -json in a second pass, once the line's "valid" is known), so memory
// stays near the input's size however many messages it holds. A
// JSON string holds the input's bytes as Go's encoding/json writes them
// (invalid UTF-8 becomes U+FFFD; the human output escapes such bytes as
// \xNN instead). "body_length" is the number of body bytes read: decoded
// chunk-data for chunked bodies, the rest of the input for close-delimited
// ones, what there was for a truncated one. An empty input is valid and
// has no messages.
package main
