package server

import (
	"errors"
	"net/http"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/meeting"
)

// statusOf maps an error to its HTTP status.
func statusOf(err error) int {
	switch {
	case errors.Is(err, auth.ErrNoToken), errors.Is(err, auth.ErrInvalidToken):
		return http.StatusUnauthorized
	case errors.Is(err, auth.ErrForbidden):
		return http.StatusForbidden
	case errors.Is(err, meeting.ErrNotFound), errors.Is(err, ErrNoSession):
		return http.StatusNotFound
	case errors.Is(err, meeting.ErrExists), errors.Is(err, meeting.ErrBoothBusy):
		return http.StatusConflict
	case errors.Is(err, meeting.ErrInvalid), errors.Is(err, ErrBadRequest), errors.Is(err, link.ErrSignaling):
		return http.StatusBadRequest
	case errors.Is(err, ErrDraining), errors.Is(err, ErrOverloaded):
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// fail writes err's status and message, logs it, and counts a refusal.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, log *zap.Logger, err error) {
	code := statusOf(err)
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cloud-reconstruct"`)
	}
	http.Error(w, err.Error(), code)
	level := log.Info
	if code >= 500 {
		level = log.Error
	}
	level("request refused", zap.String("method", r.Method), zap.String("path", r.URL.Path), zap.Int("status", code), zap.Error(err))
	s.metrics.Rejected.WithLabelValues(http.StatusText(code)).Inc()
}
