// Package config reads the service's configuration: a strict YAML file
// (unknown fields are errors), then environment variables, then flags,
// each overriding the one before. The signing secret itself is never part
// of the configuration, only where to find it; String prints the config
// with nothing secret in it.
package config
