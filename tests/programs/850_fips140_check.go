package main

// The FIPS 140 load-time integrity check: the program re-runs itself with GODEBUG=fips140=on
// and =debug, where crypto/internal/fips140/check hashes the module's code and data and
// compares the result with the checksum the linker stored in go:fipsinfo (a missing or wrong
// checksum panics before main).

import (
	"crypto/fips140"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
)

func child() {
	fmt.Println("fips140 enabled:", fips140.Enabled())
	fmt.Printf("sha256: %x\n", sha256.Sum256([]byte("abc")))
	m := hmac.New(sha256.New, []byte("key"))
	m.Write([]byte("message"))
	fmt.Printf("hmac: %x\n", m.Sum(nil))
}

func main() {
	if os.Getenv("FIPS_CHILD") != "" {
		child()
		return
	}
	child()
	exe, err := os.Executable()
	if err != nil {
		fmt.Println("os.Executable:", err)
		return
	}
	for _, mode := range []string{"on", "debug"} {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "FIPS_CHILD=1", "GODEBUG=fips140="+mode)
		out, err := cmd.CombinedOutput()
		fmt.Printf("--- fips140=%s (err %v)\n%s", mode, err, out)
	}
}
