package bench

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httputil"
	"testing"
	"time"

	"github.com/abnfc/abnfc/parser"
)

// want is what each head input holds, written out by hand.
var want = map[string]Summary{
	"browser":    {"GET", "/wiki/Hypertext_Transfer_Protocol?action=view&section=3", "en.wikipedia.org", 10},
	"kittyhell":  {"GET", "/wp-content/uploads/2010/03/hello-kitty-darth-vader-pink.jpg", "www.kittyhell.com", 9},
	"api-post":   {"POST", "/api/v2/orders", "api.shop.example", 8},
	"headers100": {"GET", "/metrics", "collector.internal", 100},
}

func TestInputs(t *testing.T) {
	if got := len(Kittyhell.Data); got != 703 {
		t.Errorf("kittyhell is %d bytes, want 703", got)
	}
	if got := len(BrowserGET.Data); got < 540 || got > 580 {
		t.Errorf("browser request is %d bytes, want about 560", got)
	}
}

// TestHeadPeers checks that every parser parses every head input and finds
// the same request line, Host and number of fields, so that no benchmark
// times an error path.
func TestHeadPeers(t *testing.T) {
	for _, in := range Heads {
		for _, impl := range HeadImpls {
			t.Run(in.Name+"/"+impl.Name, func(t *testing.T) {
				p := impl.New()
				for i := 0; i < 2; i++ { // the second parse reuses the state
					if err := p.Parse(in.Data); err != nil {
						t.Fatal(err)
					}
				}
				w := want[in.Name]
				if impl.Name == "ref" {
					w = Summary{Fields: -1}
				}
				if got := p.Summary(); got != w {
					t.Errorf("summary:\n got %+v\nwant %+v", got, w)
				}
			})
		}
	}
}

func TestABNFCAllocs(t *testing.T) {
	for _, in := range Heads {
		var p ABNFC
		p.Parse(in.Data)
		if n := testing.AllocsPerRun(100, func() { p.Parse(in.Data) }); n != 0 {
			t.Errorf("%s: ParseRequest allocates %v times", in.Name, n)
		}
	}
}

// TestStreaming: the streaming drivers find what the one-shot ones do.
func TestStreaming(t *testing.T) {
	in := BrowserGET.Data
	s := NewReaderStream(in, 64)
	var m parser.Message
	for i := 0; i < 3; i++ {
		if err := s.Next(&m); err != nil {
			t.Fatal(err)
		}
		if string(m.Host) != "en.wikipedia.org" || len(m.Headers) != 10 {
			t.Fatalf("request %d: host %q, %d fields", i, m.Host, len(m.Headers))
		}
	}
	if n, err := MatchHead(in); err != nil || n != 10 {
		t.Errorf("MatchHead = %d, %v; want 10 fields", n, err)
	}
	var mm HeadMachines
	for _, size := range []int{1, 7, 64, 4096} {
		if n, err := mm.Stream(in, size); err != nil || n != 10 {
			t.Errorf("Stream(%d) = %d, %v; want 10 fields", size, n, err)
		}
	}
	bad := bytes.Replace(in, []byte("Host: en"), []byte("Host:\x01en"), 1)
	if _, err := MatchHead(bad); err == nil {
		t.Error("MatchHead accepts a CTL in a field")
	}
	if _, err := mm.Stream(bad, 64); err == nil {
		t.Error("Stream accepts a CTL in a field")
	}
}

func TestPipelinePeers(t *testing.T) {
	for _, impl := range PipelineImpls {
		n, err := impl.Run(Pipeline100.Data)
		if err != nil || n != 100 {
			t.Errorf("%s: %d requests, %v; want 100", impl.Name, n, err)
		}
	}
}

func TestChunkedPeers(t *testing.T) {
	body := ChunkedBody()
	ours := parser.NewChunkedReader(nil, nil)
	ours.Reset(bytes.NewReader(body))
	a, err := io.ReadAll(ours)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 64*8192 || !bytes.Equal(a, b) {
		t.Errorf("decoded %d and %d bytes, want the same %d", len(a), len(b), 64*8192)
	}
	for _, d := range []interface{ Decode([]byte) (int, error) }{NewOursChunked(32 << 10), NewHTTPUtilChunked(32 << 10)} {
		for i := 0; i < 2; i++ {
			if n, err := d.Decode(body); err != nil || n != 64*8192 {
				t.Errorf("%T.Decode = %d, %v", d, n, err)
			}
		}
	}
}

func TestDatePeers(t *testing.T) {
	want := time.Date(1994, time.November, 6, 8, 49, 37, 0, time.UTC)
	for _, d := range Dates {
		got, err := ParseHTTPDateAt([]byte(d), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseHTTPDateAt(%q) = %v, %v", d, got, err)
		}
		got, err = http.ParseTime(d)
		if err != nil || !got.Equal(want) {
			t.Errorf("http.ParseTime(%q) = %v, %v", d, got, err)
		}
	}
}
