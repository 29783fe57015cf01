// Command mktestdata writes the benchmark inputs in bench/testdata. The
// files are committed; run it from bench/ after changing an input:
//
//	go run ./internal/mktestdata
//
// Every input is written out here, so a reader can see what each one is and
// why it has the shape it has.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// browserGET is a navigation request as a current Chromium-based browser
// sends it (HTTP/1.1, no client hints): 10 fields, about 560 bytes.
const browserGET = "GET /wiki/Hypertext_Transfer_Protocol?action=view&section=3 HTTP/1.1\r\n" +
	"Host: en.wikipedia.org\r\n" +
	"Connection: keep-alive\r\n" +
	"Upgrade-Insecure-Requests: 1\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
	"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8\r\n" +
	"Sec-Fetch-Site: same-origin\r\n" +
	"Sec-Fetch-Mode: navigate\r\n" +
	"Referer: https://en.wikipedia.org/wiki/Main_Page\r\n" +
	"Accept-Encoding: gzip, deflate, br\r\n" +
	"Accept-Language: en-US,en;q=0.9,de;q=0.8\r\n" +
	"\r\n"

// kittyhell is the request that picohttpparser's bench.c, httparse's
// benches and llhttp's bench parse: 703 bytes, 10 fields, a long Cookie.
const kittyhell = "GET /wp-content/uploads/2010/03/hello-kitty-darth-vader-pink.jpg HTTP/1.1\r\n" +
	"Host: www.kittyhell.com\r\n" +
	"User-Agent: Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10.6; ja-JP-mac; rv:1.9.2.3) Gecko/20100401 Firefox/3.6.3 Pathtraq/0.9\r\n" +
	"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n" +
	"Accept-Language: ja,en-us;q=0.7,en;q=0.3\r\n" +
	"Accept-Encoding: gzip,deflate\r\n" +
	"Accept-Charset: Shift_JIS,utf-8;q=0.7,*;q=0.7\r\n" +
	"Keep-Alive: 115\r\n" +
	"Connection: keep-alive\r\n" +
	"Cookie: wp_ozh_wsa_visits=2; wp_ozh_wsa_visit_lasttime=xxxxxxxxxx; " +
	"__utma=xxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.x; " +
	"__utmz=xxxxxxxxx.xxxxxxxxxx.x.x.utmccn=(referral)|utmcsr=reader.livedoor.com|utmcct=/reader/|utmcmd=referral\r\n" +
	"\r\n"

// apiBody is the JSON body of the API POST.
const apiBody = `{"customer_id":"c_8f14e45f","currency":"EUR","items":[` +
	`{"sku":"BK-1042","quantity":2,"unit_price":1999},` +
	`{"sku":"PN-0007","quantity":1,"unit_price":349}],` +
	`"shipping":{"name":"Ada Lovelace","street":"12 Analytical Way","city":"London","postcode":"NW1 6XE","country":"GB"},` +
	`"notes":"leave at the door"}`

func apiPOST() string {
	return "POST /api/v2/orders HTTP/1.1\r\n" +
		"Host: api.shop.example\r\n" +
		"User-Agent: shop-client/3.4.1 (linux; amd64)\r\n" +
		"Accept: application/json\r\n" +
		"Accept-Encoding: gzip\r\n" +
		"Authorization: Basic c2hvcC1jbGllbnQ6czNjcjN0LXQwazNu\r\n" +
		"Content-Type: application/json; charset=utf-8\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n", len(apiBody)) +
		"X-Request-Id: 5f0c6a1e-3b7d-4c2a-9d8e-1a2b3c4d5e6f\r\n" +
		"\r\n" + apiBody
}

// chunkedUpload is a POST whose body is 64 chunks of 8 KiB, then the
// last-chunk and an empty trailer.
func chunkedUpload() string {
	var b strings.Builder
	b.WriteString("POST /upload/video.mp4 HTTP/1.1\r\n" +
		"Host: upload.example.com\r\n" +
		"User-Agent: uploader/1.0\r\n" +
		"Content-Type: application/octet-stream\r\n" +
		"Transfer-Encoding: chunked\r\n" +
		"\r\n")
	const size = 8192
	line := []byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-\n") // 64 bytes
	chunk := bytes.Repeat(line, size/len(line))
	if len(chunk) != size {
		log.Fatalf("chunk of %d bytes, want %d", len(chunk), size)
	}
	for i := 0; i < 64; i++ {
		fmt.Fprintf(&b, "%x\r\n", size)
		chunk[0] = byte('A' + i%26) // tell the chunks apart
		b.Write(chunk)
		b.WriteString("\r\n")
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

// headers100 is a request with exactly 100 fields, the default
// parser.Options.MaxHeaders.
func headers100() string {
	var b strings.Builder
	b.WriteString("GET /metrics HTTP/1.1\r\nHost: collector.internal\r\n")
	for i := 1; i < 100; i++ {
		fmt.Fprintf(&b, "X-Trace-Attr-%02d: span=%04x; service=frontend-%d; region=eu-west-1\r\n", i, i*2654435761%65536, i%7)
	}
	b.WriteString("\r\n")
	return b.String()
}

// pipeline100 is 100 pipelined GET requests for the assets of one page
// (§8.1.2.2), each with 6 fields.
func pipeline100() string {
	var b strings.Builder
	for i := 0; i < 100; i++ {
		ext, typ := "js", "*/*"
		switch i % 3 {
		case 1:
			ext, typ = "css", "text/css,*/*;q=0.1"
		case 2:
			ext, typ = "png", "image/avif,image/webp,image/png,*/*;q=0.8"
		}
		fmt.Fprintf(&b, "GET /static/build-4f2a/asset-%03d.%s HTTP/1.1\r\n"+
			"Host: www.example.org\r\n"+
			"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\n"+
			"Accept: %s\r\n"+
			"Accept-Encoding: gzip, deflate, br\r\n"+
			"Referer: https://www.example.org/\r\n"+
			"Connection: keep-alive\r\n"+
			"\r\n", i, ext, typ)
	}
	return b.String()
}

// dates are HTTP-dates in the three forms of RFC 2616 §3.3.1, one a line.
const dates = "Sun, 06 Nov 1994 08:49:37 GMT\n" +
	"Sunday, 06-Nov-94 08:49:37 GMT\n" +
	"Sun Nov  6 08:49:37 1994\n"

func main() {
	log.SetFlags(0)
	log.SetPrefix("mktestdata: ")
	dir := flag.String("dir", "testdata", "output directory")
	flag.Parse()
	files := map[string]string{
		"browser_get.http":    browserGET,
		"kittyhell.http":      kittyhell,
		"api_post.http":       apiPOST(),
		"chunked_upload.http": chunkedUpload(),
		"headers100.http":     headers100(),
		"pipeline100.http":    pipeline100(),
		"dates.txt":           dates,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*dir, name), []byte(data), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
