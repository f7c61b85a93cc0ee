// Package fanout sends each encoded model to every subscriber that wants
// it. A model is encoded once by its producer; Publish hands the same
// bytes to each subscriber's transport, which drops rather than queues
// when that subscriber is congested, so a slow subscriber never delays
// the others.
package fanout
