// Package config reads the booth configuration: a strict YAML file (unknown
// fields are errors, and every error names the field or camera at fault),
// or, with no file or no cameras, the synthetic booth of the demo.
//
// The cloud token is never in the file and never a flag: it comes from
// token_file or the CLOUDME_TOKEN environment variable (Token).
package config
