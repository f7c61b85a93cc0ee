module cloudme.dev/cloud-reconstruct

go 1.26.0

require (
	cloudme.dev/calibration v0.0.0-00010101000000-000000000000
	cloudme.dev/proto v0.0.0-00010101000000-000000000000
)

replace cloudme.dev/proto => ../proto

replace cloudme.dev/calibration => ../calibration
