package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

type Duration struct{ time.Duration }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string: %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

type Server struct {
	Host    string   `json:"host"`
	Port    int      `json:"port"`
	Timeout Duration `json:"timeout"`
	TLS     *struct {
		Cert string `json:"cert"`
		Key  string `json:"key"`
	} `json:"tls,omitempty"`
}

type Config struct {
	Name     string            `json:"name"`
	Servers  []Server          `json:"servers"`
	Features map[string]bool   `json:"features"`
	Env      map[string]string `json:"env,omitempty"`
	LogLevel string            `json:"log_level"`
}

type ValidationError struct {
	Field string
	Msg   string
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Msg }

func (c *Config) Validate() error {
	var errs []error
	if c.Name == "" {
		errs = append(errs, &ValidationError{"name", "required"})
	}
	for i, s := range c.Servers {
		if s.Port <= 0 || s.Port > 65535 {
			errs = append(errs, &ValidationError{fmt.Sprintf("servers[%d].port", i), fmt.Sprintf("out of range: %d", s.Port)})
		}
		if s.Timeout.Duration == 0 {
			errs = append(errs, &ValidationError{fmt.Sprintf("servers[%d].timeout", i), "missing"})
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, &ValidationError{"log_level", fmt.Sprintf("unknown level %q", c.LogLevel)})
	}
	return errors.Join(errs...)
}

func load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	cfg := &Config{LogLevel: "info"}
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("parse %s: %w", filepath.Base(path), err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid %s:\n%w", filepath.Base(path), err)
	}
	return cfg, nil
}

var files = map[string]string{
	"good.json": `{
  "name": "frontend",
  "servers": [
    {"host": "a.example", "port": 443, "timeout": "1.5s", "tls": {"cert": "a.crt", "key": "a.key"}},
    {"host": "b.example", "port": 8080, "timeout": "250ms"}
  ],
  "features": {"beta": true, "dark_mode": false, "search": true},
  "env": {"REGION": "eu", "TIER": "gold"}
}`,
	"bad_values.json": `{"servers": [{"host": "x", "port": 70000}, {"port": 1, "timeout": "1s"}], "log_level": "loud"}`,
	"bad_syntax.json": `{"name": "x", "servers": [}`,
	"bad_duration.json": `{"name": "x", "servers": [{"port": 1, "timeout": "soon"}]}`,
	"bad_type.json":     `{"name": "x", "servers": [{"port": "80"}]}`,
}

func main() {
	dir, err := os.MkdirTemp("", "cfg")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	names := make([]string, 0, len(files))
	for n, content := range files {
		os.WriteFile(filepath.Join(dir, n), []byte(content), 0o644)
		names = append(names, n)
	}
	sort.Strings(names)
	names = append(names, "missing.json")
	for _, n := range names {
		fmt.Println("==", n)
		cfg, err := load(filepath.Join(dir, n))
		if err != nil {
			msg := strings.ReplaceAll(err.Error(), dir, "$DIR")
			fmt.Println("error:", msg)
			var ve *ValidationError
			if errors.As(err, &ve) {
				fmt.Println("first validation error field:", ve.Field)
			}
			fmt.Println("not exist:", errors.Is(err, os.ErrNotExist))
			continue
		}
		fmt.Printf("name=%s level=%s servers=%d\n", cfg.Name, cfg.LogLevel, len(cfg.Servers))
		for _, s := range cfg.Servers {
			fmt.Printf("  %s:%d timeout=%v tls=%v\n", s.Host, s.Port, s.Timeout, s.TLS != nil)
		}
		var enabled []string
		for f, on := range cfg.Features {
			if on {
				enabled = append(enabled, f)
			}
		}
		sort.Strings(enabled)
		fmt.Println("  enabled:", strings.Join(enabled, ","))
		out, _ := json.MarshalIndent(cfg, "", "  ")
		fmt.Println(string(out))
	}
}
