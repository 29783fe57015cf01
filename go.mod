module github.com/abnfc/abnfc

go 1.26.0

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/dvyukov/go-fuzz v0.0.0-20240203152606-b1ce7bc07150
)

require (
	github.com/elazarl/go-bindata-assetfs v1.0.1 // indirect
	github.com/stephens2424/writerset v1.0.2 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
