//go:build !gofuzz

package fuzz

import (
	"bytes"
	"fmt"
	"math/rand"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/parser"
)

// Dictionary is the HTTP token dictionary of mutations (and of go-fuzz
// and libFuzzer, see http.dict).
var Dictionary = []string{
	"GET", "POST", "HEAD", "PUT", "OPTIONS", "CONNECT", "TRACE", "*",
	"HTTP/1.1", "HTTP/1.0", "HTTP/1.10", "HTTP/01.1", "HTTP/2.0", "http/1.1",
	"Host: ", "Content-Length: ", "Transfer-Encoding: ", "Connection: ", "Expect: ", "Trailer: ",
	"Content-Type: ", "Range: ", "Date: ", "Accept: ", "TE: ",
	"chunked", "identity", "gzip", "close", "keep-alive", "100-continue", "trailers",
	"\r\n", "\n", "\r", "\r\n\r\n", " ", "\t", "\r\n ", ":", ";", "=", ",", "\"", "-", "+", "0x", "/",
	"0", "00000000000000000", "ffffffffffffffff", "18446744073709551616", "-1",
	"bytes=", "bytes=-0", "0-", "GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
	"Sun Nov  6 08:49:37 1994", "q=", "0.5", "1.000",
	"\x00", "\x0b", "\x7f", "\x80", "\xff", "http://example.com/", "example.com:80", "multipart/byteranges; boundary=B",
	// RFC 2046 §5.1.1 boundaries: a missing one, a quoted one with a space,
	// one that ends in a space, and the close delimiter.
	"multipart/byteranges", `multipart/byteranges; boundary="a b"`, `boundary="a "`, "--B--",
}

// headerLines are typical well-formed header lines.
var headerLines = []string{
	"Accept: text/html, */*;q=0.8", "Accept-Encoding: gzip", "User-Agent: fuzz/1.0", "Connection: close",
	"Connection: keep-alive", "Cache-Control: no-cache", "Expect: 100-continue", "Content-Type: text/plain",
	"Range: bytes=0-10", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT", "X-Custom: value",
	"Trailer: Expires", "Pragma: no-cache", "TE: trailers", "Via: 1.1 proxy", "Referer: http://a/",
}

var methods = []string{"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "X-Custom"}
var paths = []string{"/", "/a/b?c=d", "*", "http://example.com/x", "example.com:443", "/%41", "/a;p?q#f"}

// Generator makes inputs for the targets: grammar samples and labelled
// near-misses (grammar/sample), messages assembled from sampled parts,
// and mutations of a pool (byte and line edits, dictionary tokens), with
// Content-Length and chunk sizes repaired to match the body unless the
// mutation meant otherwise. It is not safe for concurrent use.
type Generator struct {
	r        *rand.Rand
	samplers map[string]*sample.Sampler
	pool     map[string][][]byte
}

// NewGenerator returns a generator seeded by seed.
func NewGenerator(seed int64) *Generator {
	return &Generator{r: rand.New(rand.NewSource(seed)), samplers: map[string]*sample.Sampler{}, pool: map[string][][]byte{}}
}

// Pool returns how many inputs the mutation pools hold, over all targets.
func (g *Generator) Pool() int {
	n := 0
	for _, p := range g.pool {
		n += len(p)
	}
	return n
}

// Add puts data in the pool of target for later mutation (at most 4096
// entries a target; beyond, a random one is replaced).
func (g *Generator) Add(target string, data []byte) {
	p := g.pool[target]
	if len(p) < 4096 {
		g.pool[target] = append(p, data)
		return
	}
	p[g.r.Intn(len(p))] = data
}

func (g *Generator) sampler(rule string) *sample.Sampler {
	if s, ok := g.samplers[rule]; ok {
		return s
	}
	gr, err := Grammar()
	var s *sample.Sampler
	if err == nil {
		s, err = sample.New(gr, rule, sample.Options{Seed: g.r.Int63(), MaxSize: 256, MaxRepeat: 3})
	}
	if err != nil {
		s = nil
	}
	g.samplers[rule] = s
	return s
}

// sample returns a sample of rule, or a near-miss of one with
// probability pMiss.
func (g *Generator) sample(rule string, pMiss float64) []byte {
	s := g.sampler(rule)
	if s == nil {
		return nil
	}
	d, err := s.NextDerivation()
	if err != nil {
		return nil // the sample took more than sample.MaxWork: none, as for a rule sample.New refuses
	}
	if g.r.Float64() < pMiss {
		ms := s.NearMisses(d, g.r, func([]byte) bool { return false })
		if len(ms) > 0 {
			return ms[g.r.Intn(len(ms))].Input
		}
	}
	return d.Bytes
}

// Next returns a new input for target.
func (g *Generator) Next(target string) []byte {
	if p := g.pool[target]; len(p) > 0 && g.r.Intn(10) < 4 {
		b := append([]byte(nil), p[g.r.Intn(len(p))]...)
		return g.finish(target, g.mutate(b, 1+g.r.Intn(3)))
	}
	var b []byte
	switch target {
	case "request", "response":
		b = g.message(target == "request")
		if g.r.Intn(5) == 0 {
			b = append(b, g.message(target == "request")...)
		}
		// A response answers HEAD or CONNECT a quarter of the time,
		// named by a method line (SplitMethod); "head" is an extension
		// method (§5.1.1) and has a body.
		if target == "response" && g.r.Intn(4) == 0 {
			m := []string{"HEAD", "HEAD", "CONNECT", "CONNECT", "head"}[g.r.Intn(5)]
			b = append([]byte(MethodMarker+m+"\r\n"), b...)
		}
	case "fastpath", "spans":
		// A head the one-pass path can take, mutated below a third of
		// the time; as a request or a response (fastpath reads it as
		// both).
		b = g.message(g.r.Intn(2) == 0)
	case "header":
		if g.r.Intn(2) == 0 {
			b = g.sample(headerRules[g.r.Intn(len(headerRules))], 0.3)
		} else {
			b = []byte(headerLines[g.r.Intn(len(headerLines))])
		}
	case "chunked":
		b = g.chunks(nil)
	case "date":
		switch g.r.Intn(3) {
		case 0:
			b = g.sample("HTTP-date", 0.3)
		default:
			t := time.Unix(g.r.Int63n(4e9)-1e9, 0).UTC()
			b = []byte(t.Format([]string{http.TimeFormat, time.RFC850, time.ANSIC}[g.r.Intn(3)]))
			if b[len(b)-1] != 'T' && b[3] == ',' {
				b = append(b[:len(b)-3], "GMT"...)
			}
		}
	case "qvalue":
		if g.r.Intn(2) == 0 {
			b = g.sample("qvalue", 0.4)
		} else {
			b = []byte(strconv.FormatFloat(g.r.Float64()*1.2, 'f', g.r.Intn(5), 64))
		}
	case "range":
		if g.r.Intn(2) == 0 {
			b = g.sample("ranges-specifier", 0.3)
		} else {
			var parts []string
			for i := 0; i <= g.r.Intn(3); i++ {
				a, z := g.r.Intn(150), g.r.Intn(150)
				parts = append(parts, []string{fmt.Sprintf("%d-%d", a, z), fmt.Sprintf("%d-", a), fmt.Sprintf("-%d", z)}[g.r.Intn(3)])
			}
			b = []byte("bytes=" + strings.Join(parts, ","))
		}
	case "rule":
		i := g.r.Intn(len(parser.Rules))
		b = append([]byte{byte(i)}, g.sample(parser.Rules[i].Name, 0.4)...)
		return b
	}
	if g.r.Intn(3) == 0 {
		b = g.mutate(b, 1+g.r.Intn(2))
	}
	return g.finish(target, b)
}

// finish repairs the framing of messages, most of the time.
func (g *Generator) finish(target string, b []byte) []byte {
	if (target == "request" || target == "response") && g.r.Intn(4) != 0 {
		return Repair(b)
	}
	if target == "chunked" && g.r.Intn(4) != 0 {
		return repairChunks(b)
	}
	return b
}

// headerRules are the §14 header rules of the generated parser.
var headerRules = func() []string {
	var out []string
	for _, r := range parser.Rules {
		if isHeaderRule(r.Name) && r.Name != "media-type" {
			out = append(out, r.Name)
		}
	}
	return out
}()

// message assembles a request or response of sampled and typical parts.
func (g *Generator) message(request bool) []byte {
	var b bytes.Buffer
	if request {
		if g.r.Intn(4) == 0 {
			b.Write(g.sample("Request-Line", 0.2))
		} else {
			fmt.Fprintf(&b, "%s %s HTTP/1.%d\r\n", methods[g.r.Intn(len(methods))], paths[g.r.Intn(len(paths))], g.r.Intn(2))
		}
		if g.r.Intn(10) != 0 {
			b.WriteString("Host: example.com\r\n")
		}
	} else {
		if g.r.Intn(4) == 0 {
			b.Write(g.sample("Status-Line", 0.2))
		} else {
			fmt.Fprintf(&b, "HTTP/1.%d %d Reason\r\n", g.r.Intn(2), []int{100, 200, 204, 206, 301, 304, 404, 500}[g.r.Intn(8)])
		}
	}
	for i := g.r.Intn(4); i > 0; i-- {
		if g.r.Intn(2) == 0 {
			if h := g.sample(headerRules[g.r.Intn(len(headerRules))], 0.2); len(h) > 0 {
				b.Write(h)
				b.WriteString("\r\n")
			}
		} else {
			b.WriteString(headerLines[g.r.Intn(len(headerLines))] + "\r\n")
		}
	}
	switch g.r.Intn(3) {
	case 0:
		b.WriteString("\r\n")
	case 1:
		body := g.data()
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	case 2:
		b.WriteString("Transfer-Encoding: chunked\r\n\r\n")
		b.Write(g.chunks(nil))
	}
	return b.Bytes()
}

// data returns a short body without CRLF.
func (g *Generator) data() string {
	n := g.r.Intn(20)
	s := make([]byte, n)
	for i := range s {
		const alphabet = "abcxyz0123 -_\x00\xff"
		s[i] = alphabet[g.r.Intn(len(alphabet))]
	}
	return string(s)
}

// chunks returns a well-framed Chunked-Body with random extensions and
// trailers.
func (g *Generator) chunks(dst []byte) []byte {
	for i := g.r.Intn(4); i > 0; i-- {
		d := g.data()
		if d == "" {
			d = "x"
		}
		dst = fmt.Appendf(dst, "%x", len(d))
		if g.r.Intn(4) == 0 {
			dst = append(dst, []string{";a", ";a=b", ";a=\"q s\"", "; a = b", ";"}[g.r.Intn(5)]...)
		}
		dst = append(dst, "\r\n"+d+"\r\n"...)
	}
	dst = append(dst, "0\r\n"...)
	if g.r.Intn(4) == 0 {
		dst = append(dst, "Expires: Sun, 06 Nov 1994 08:49:37 GMT\r\n"...)
	}
	return append(dst, "\r\n"...)
}

// mutate applies n random edits.
func (g *Generator) mutate(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = g.mutate1(b)
	}
	if len(b) > 8192 {
		b = b[:8192]
	}
	return b
}

func (g *Generator) mutate1(b []byte) []byte {
	pos := func() int { return g.r.Intn(len(b) + 1) }
	switch g.r.Intn(11) {
	case 0: // insert a dictionary token
		t := Dictionary[g.r.Intn(len(Dictionary))]
		i := pos()
		return append(b[:i:i], append([]byte(t), b[i:]...)...)
	case 1: // set a byte to an interesting one
		if len(b) > 0 {
			const interesting = "\x00\r\n \t\x7f\x80\xff:;,=\"-0"
			b[g.r.Intn(len(b))] = interesting[g.r.Intn(len(interesting))]
		}
	case 2: // flip a bit
		if len(b) > 0 {
			b[g.r.Intn(len(b))] ^= 1 << g.r.Intn(8)
		}
	case 3: // delete a span
		if len(b) > 0 {
			i := g.r.Intn(len(b))
			j := i + g.r.Intn(min(8, len(b)-i)+1)
			return append(b[:i:i], b[j:]...)
		}
	case 4: // duplicate a span
		if len(b) > 0 {
			i := g.r.Intn(len(b))
			j := i + g.r.Intn(min(16, len(b)-i)+1)
			return append(b[:j:j], append(append([]byte(nil), b[i:j]...), b[j:]...)...)
		}
	case 5, 6, 7, 8: // line edits
		ls := bytes.SplitAfter(b, []byte("\n"))
		if len(ls) == 0 {
			return b
		}
		i := g.r.Intn(len(ls))
		switch g.r.Intn(6) {
		case 0:
			ls = append(ls[:i:i], ls[i+1:]...)
		case 1:
			ls = append(ls[:i+1:i+1], ls[i:]...)
		case 2:
			ls[i] = bytes.Replace(ls[i], []byte("\r\n"), []byte("\n"), 1)
		case 3:
			ls[i] = append([]byte{" \t"[g.r.Intn(2)]}, ls[i]...)
		case 4:
			ls = append(ls[:i:i], append([][]byte{[]byte(headerLines[g.r.Intn(len(headerLines))] + "\r\n")}, ls[i:]...)...)
		case 5:
			if c := bytes.IndexByte(ls[i], ':'); c > 0 {
				ls[i] = append(ls[i][:c:c], append([]byte{" \t"[g.r.Intn(2)]}, ls[i][c:]...)...)
			}
		}
		return bytes.Join(ls, nil)
	case 9: // case flip of a span
		if len(b) > 0 {
			i := g.r.Intn(len(b))
			for j := i; j < len(b) && j < i+8; j++ {
				if c := b[j] | 0x20; 'a' <= c && c <= 'z' {
					b[j] ^= 0x20
				}
			}
		}
	case 10: // truncate
		if len(b) > 0 {
			return b[:g.r.Intn(len(b))]
		}
	}
	return b
}

// Repair makes the framing of the first message in b match its body: a
// Content-Length is set to the length of what follows the head, and a
// chunked body's sizes to the lengths of its data lines. Other bytes are
// kept.
func Repair(b []byte) []byte {
	end := bytes.Index(b, []byte("\r\n\r\n"))
	if end < 0 {
		return b
	}
	head, body := b[:end+4], b[end+4:]
	lower := asciiLower(head)
	if bytes.Contains(lower, []byte("transfer-encoding: chunked")) {
		return append(append([]byte(nil), head...), repairChunks(body)...)
	}
	i := bytes.Index(lower, []byte("\ncontent-length: "))
	if i < 0 {
		return b
	}
	i += len("\ncontent-length: ")
	j := i + bytes.IndexByte(head[i:], '\r')
	if j < i {
		return b
	}
	out := append([]byte(nil), head[:i]...)
	out = strconv.AppendInt(out, int64(len(body)), 10)
	out = append(out, head[j:]...)
	return append(out, body...)
}

// repairChunks sets each chunk-size to the length of the data line after
// it (chunk data is taken to run to the next CRLF), keeping extensions.
func repairChunks(b []byte) []byte {
	var out []byte
	for len(b) > 0 {
		i := bytes.Index(b, []byte("\r\n"))
		if i < 0 {
			return append(out, b...)
		}
		sizeLine := b[:i]
		k := 0
		for k < len(sizeLine) && isHex(sizeLine[k]) {
			k++
		}
		if k == 0 || strings.Trim(string(sizeLine[:k]), "0") == "" {
			return append(out, b...) // last-chunk or not a chunk: keep the rest
		}
		rest := b[i+2:]
		j := bytes.Index(rest, []byte("\r\n"))
		if j < 0 {
			return append(out, b...)
		}
		out = fmt.Appendf(out, "%x", j)
		out = append(out, sizeLine[k:]...)
		out = append(out, "\r\n"...)
		out = append(out, rest[:j+2]...)
		b = rest[j+2:]
	}
	return out
}

// asciiLower lower-cases ASCII letters only, so offsets stay valid
// (bytes.ToLower rewrites invalid UTF-8).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
