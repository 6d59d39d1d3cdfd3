package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	fmt.Println(len(os.Args), filepath.Base(os.Args[0]))
	fmt.Println(os.Getenv("PATH"))
	home, ok := os.LookupEnv("HOME")
	wd, _ := os.Getwd()
	fmt.Println(ok, home == wd)
	v, ok := os.LookupEnv("RGO_SURELY_UNSET")
	fmt.Printf("%q %v\n", v, ok)
	os.Setenv("MY_VAR", "value 1")
	fmt.Println(os.Getenv("MY_VAR"))
	fmt.Println(os.ExpandEnv("x=$MY_VAR y=${MY_VAR}! z=$NOPE."))
	fmt.Println(os.Expand("$a-$b", func(s string) string { return strings.ToUpper(s) }))
	os.Unsetenv("MY_VAR")
	_, ok = os.LookupEnv("MY_VAR")
	fmt.Println(ok)
	var keys []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(keys)
	fmt.Println(os.Getpid() > 0, os.Getuid() >= 0, os.PathSeparator, os.DevNull)
	host, err := os.Hostname()
	fmt.Println(host != "", err)
	tmp := os.TempDir()
	fmt.Println(tmp != "")
	exe, err := os.Executable()
	fmt.Println(filepath.Base(exe), err)
	fmt.Fprintln(os.Stderr, "fatal: giving up with status 3")
	defer fmt.Println("deferred calls do not run on os.Exit")
	os.Exit(3)
}
