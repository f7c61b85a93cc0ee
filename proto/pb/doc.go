// Package pb holds the protobuf messages of the wire contract, generated
// from cloudme.proto by protoc and protoc-gen-go (`make proto`). Do not edit
// cloudme.pb.go by hand; TestGeneratedCodeIsCurrent fails when it differs
// from what the .proto file generates. Use cloudme.dev/proto/wire to encode
// and decode these messages: it enforces the version and size limits.
package pb
