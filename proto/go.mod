module cloudme.dev/proto

go 1.26.0

require (
	github.com/klauspost/compress v1.20.3
	google.golang.org/protobuf v1.36.12
)
