package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// gardenCorpus holds the payloads of the HTTP Garden's trophy list as
// data (../shared beside the repository, as in CI; its README names the
// source, commit and licence). The test that reads it skips when it is
// absent.
const gardenCorpus = "../../../shared/corpora/http-garden/payloads.jsonl"

// gardenValid names the payloads that httpcheck's strict checker takes,
// with the RFC 2616 reason each is a valid message: the bug the Garden
// found in them is the affected programs' reading, not the bytes. Every
// payload httpcheck takes must be named here, and every one named must be
// taken.
var gardenValid = map[string]string{
	"server-41":     "§2.2: TEXT is any OCTET but CTLs, so a field value may hold 0x85 and 0xA0 (obs-text); the bug is a server that strips them from \"\\x85admin\\xa0\" and matches \"admin\"",
	"server-48":     "§4.4 rule 3: two POSTs, the second with Content-Length: 34 whose body is the 34 bytes of \"GET / ...\"; the bug is a server that reads that body as a third request",
	"transducer-09": "§2.1: #rule lists allow null elements, so \"Transfer-Encoding: ,chunked\" is chunked (§3.6); the bug is a proxy that reads it otherwise",
	"bonus-04":      "§3.6.1: a valid chunked body (\"1\" CRLF \"Z\" CRLF, last-chunk); the bug is a server that cannot take it (a denial of service)",
}

// TestHTTPGardenPayloads validates each payload of the HTTP Garden's
// trophies (request smuggling, ACL bypass and denial-of-service inputs
// that broke servers and proxies) with httpcheck's default (strict)
// checker. The verdicts, with httpcheck's first error, are a golden file
// (testdata/http-garden.golden, rewritten by -update: names and verdicts
// only, none of the payloads, which stay in ../shared); a payload it takes
// must be named in gardenValid with the reason it is valid.
func TestHTTPGardenPayloads(t *testing.T) {
	f, err := os.Open(gardenCorpus)
	if err != nil {
		t.Skipf("%s absent: %v", gardenCorpus, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var body strings.Builder
	seen := map[string]bool{}
	refused := 0
	for line := 1; sc.Scan(); line++ {
		var p struct {
			Name, Section string
			UseCase       string `json:"use_case"`
			Raw           string `json:"raw_b64"`
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("%s:%d: %v", gardenCorpus, line, err)
		}
		data, err := base64.StdEncoding.DecodeString(p.Raw)
		if err != nil {
			t.Fatalf("%s:%d: %v", gardenCorpus, line, err)
		}
		seen[p.Name] = true
		r := (&checker{}).validate(p.Name, data)
		why, named := gardenValid[p.Name]
		switch {
		case r.Valid() && !named:
			t.Errorf("%s (%s): httpcheck takes it, and gardenValid does not say why it is valid: %q", p.Name, p.UseCase, data)
		case !r.Valid() && named:
			t.Errorf("%s is in gardenValid but httpcheck refuses it: delete it there", p.Name)
		}
		verdict := "valid\t" + why
		if !r.Valid() {
			refused++
			e := r.Errors[0]
			verdict = fmt.Sprintf("refused\t%d %s §%s: %s", e.Offset, e.Rule, e.Section, e.Msg)
		}
		fmt.Fprintf(&body, "%s\t%s\n", p.Name, verdict)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name := range gardenValid {
		if !seen[name] {
			t.Errorf("gardenValid names %s, which is not a payload", name)
		}
	}
	head := fmt.Sprintf("# httpcheck (strict) on the HTTP Garden's %d trophy payloads: %d refused, %d valid by RFC 2616 (each with its reason)\n# name\tverdict\tfirst error (offset rule §section: message), or why it is valid\n", len(seen), refused, len(seen)-refused)
	golden(t, "testdata/http-garden.golden", head+body.String())
}
