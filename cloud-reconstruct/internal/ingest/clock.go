package ingest

import (
	"cloudme.dev/proto/pb"
)

// toCloud converts booth-clock times to the cloud clock. offsetNs is the
// booth's clock minus the cloud's (link.Peer.ClockOffset).
func toCloud(boothNs, offsetNs int64) int64 {
	if boothNs <= 0 {
		return boothNs
	}
	return boothNs - offsetNs
}

// convertStages appends the booth's stages, converted, to dst and returns
// it with the converted STAGE_SEND time (0 when absent).
func convertStages(dst []*pb.StageTime, stages []*pb.StageTime, offsetNs int64) ([]*pb.StageTime, int64) {
	var send int64
	for _, s := range stages {
		t := toCloud(s.GetDoneNs(), offsetNs)
		if s.GetStage() == pb.Stage_STAGE_SEND {
			send = t
		}
		dst = append(dst, &pb.StageTime{Stage: s.GetStage(), DoneNs: t})
	}
	return dst, send
}
