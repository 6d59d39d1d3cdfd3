package main

import (
	"bytes"
	"fmt"
	"log"
	"log/slog"
	"os"
)

func main() {
	var buf bytes.Buffer
	l := log.New(&buf, "[app] ", 0)
	l.Println("started", 1, 2)
	l.Printf("value=%d", 42)
	l.SetPrefix("[mod] ")
	l.SetFlags(log.Lmsgprefix)
	l.Print("prefixed message")
	fmt.Print(buf.String())
	fmt.Println(l.Prefix(), l.Flags())
	h := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})
	sl := slog.New(h)
	sl.Info("user login", "user", "ann", "attempt", 3, "ok", true)
	sl.Debug("details", slog.Group("req", slog.String("method", "GET"), slog.Int("status", 200)))
	sl.With("svc", "api").Warn("slow", "ms", 1234.5)
	jh := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: func(g []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})
	slog.New(jh).Error("failed", "err", fmt.Errorf("disk %s full", "/dev/sda"), "codes", []int{1, 2})
	slog.New(jh).Debug("hidden at info level")
	log.SetFlags(0)
	log.SetOutput(os.Stderr)
	log.Print("to stderr via the standard logger")
	defer fmt.Println("not printed: log.Fatal exits without running deferred calls")
	log.Fatalf("fatal: %s", "cannot continue")
}
