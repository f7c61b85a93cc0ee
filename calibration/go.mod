module cloudme.dev/calibration

go 1.26.0

require (
	cloudme.dev/proto v0.0.0-00010101000000-000000000000
	github.com/pion/logging v0.2.4 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	go.uber.org/zap v1.28.0 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
)

replace cloudme.dev/proto => ../proto
