module github.com/abnfc/abnfc/bench

go 1.26.0

require (
	github.com/abnfc/abnfc v0.0.0
	github.com/cloudwego/hertz v0.10.4
	github.com/valyala/fasthttp v1.74.0
)

require (
	github.com/alecthomas/participle/v2 v2.1.4 // indirect
	github.com/bytedance/gopkg v0.1.3 // indirect
	github.com/klauspost/compress v1.20.0 // indirect
	github.com/molecule-man/go-brrr v1.0.1 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
)

replace github.com/abnfc/abnfc => ../
