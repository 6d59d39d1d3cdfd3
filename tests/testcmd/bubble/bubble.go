// Package bubble exercises testing/synctest: fake time, durable blocking and deadlocks.
package bubble
