// Process arguments, environment, GODEBUG and exit (gc's runtime.go, runtime1.go, proc.go),
// as package os, syscall and internal/godebug reach them.

package runtime

import "unsafe"

var argslice []string
var envs []string

// godebugDefault holds the main module's default GODEBUG settings (gc's linker sets it from
// go.mod's go and godebug lines; rgo builds use the toolchain's defaults: empty).
var godebugDefault string
var godebugEnv string
var godebugUpdate func(string, string)
var godebugNewIncNonDefault func(string) func()

// gostringnocopy makes a string of the NUL-terminated bytes at p (kept, never freed).
func gostringnocopy(p unsafe.Pointer) string {
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return unsafe.String((*byte)(p), n)
}

// goargs and goenvs copy argv and the environment into Go strings (gc's goargs, goenvs).
func goargs() {
	argc, argv := sysargs()
	argslice = make([]string, argc)
	for i := range argslice {
		argslice[i] = gostringnocopy(*(*unsafe.Pointer)(unsafe.Add(argv, i*8)))
	}
}

func goenvs() {
	envp := sysenvp()
	n := 0
	for envp != nil && *(*unsafe.Pointer)(unsafe.Add(envp, n*8)) != nil {
		n++
	}
	envs = make([]string, n)
	for i := range envs {
		envs[i] = gostringnocopy(*(*unsafe.Pointer)(unsafe.Add(envp, i*8)))
	}
	godebugEnv = gogetenv("GODEBUG")
}

func init() {
	goargs()
	goenvs()
}

func gogetenv(key string) string {
	for _, s := range envs {
		if len(s) > len(key) && s[len(key)] == '=' && s[:len(key)] == key {
			return s[len(key)+1:]
		}
	}
	return ""
}

//go:linkname syscall_runtime_envs syscall.runtime_envs
func syscall_runtime_envs() []string { return append([]string{}, envs...) }

//go:linkname os_runtime_args os.runtime_args
func os_runtime_args() []string { return append([]string{}, argslice...) }

//go:linkname syscall_Getpagesize syscall.Getpagesize
func syscall_Getpagesize() int { return 4096 }

//go:linkname syscall_Exit syscall.Exit
func syscall_Exit(code int) {
	exit(int32(code))
}

//go:linkname os_beforeExit os.runtime_beforeExit
func os_beforeExit(exitCode int) {
	// gc flushes coverage and race data here; rgo has neither.
}

//go:linkname godebug_setUpdate internal/godebug.setUpdate
func godebug_setUpdate(update func(string, string)) {
	godebugUpdate = update
	godebugNotify(false)
}

//go:linkname godebug_setNewIncNonDefault internal/godebug.setNewIncNonDefault
func godebug_setNewIncNonDefault(newIncNonDefault func(string) func()) {
	godebugNewIncNonDefault = newIncNonDefault
}

func godebugNotify(envChanged bool) {
	if godebugUpdate != nil {
		godebugUpdate(godebugDefault, godebugEnv)
	}
}

//go:linkname syscall_runtimeSetenv syscall.runtimeSetenv
func syscall_runtimeSetenv(key, value string) {
	// gc also calls the C library's setenv when cgo is used; rgo programs have no C code.
	if key == "GODEBUG" {
		godebugEnv = value
		godebugNotify(true)
	}
}

//go:linkname syscall_runtimeUnsetenv syscall.runtimeUnsetenv
func syscall_runtimeUnsetenv(key string) {
	if key == "GODEBUG" {
		godebugEnv = ""
		godebugNotify(true)
	}
}

//go:linkname syscall_runtimeClearenv syscall.runtimeClearenv
func syscall_runtimeClearenv(env map[string]int) {
	// Every variable is gone, GODEBUG included if it was set.
	if godebugEnv != "" {
		godebugEnv = ""
		godebugNotify(true)
	}
}

// entersyscall and exitsyscall bracket blocking system calls (syscall pulls them): the P may
// go to another M while the call blocks (rt/src/proc.rs).
func entersyscall()
func exitsyscall()

//go:linkname syscall_cgocaller syscall.cgocaller
func syscall_cgocaller(fn unsafe.Pointer, args ...uintptr) uintptr {
	fatal("syscall: cgo calls are not supported by rgo")
	return 0
}

//go:linkname syscall_runtime_BeforeFork syscall.runtime_BeforeFork
func syscall_runtime_BeforeFork() {}

//go:linkname syscall_runtime_AfterFork syscall.runtime_AfterFork
func syscall_runtime_AfterFork() {}

//go:linkname syscall_runtime_AfterForkInChild syscall.runtime_AfterForkInChild
func syscall_runtime_AfterForkInChild() {}

//go:linkname syscall_runtime_BeforeExec syscall.runtime_BeforeExec
func syscall_runtime_BeforeExec() {}

//go:linkname syscall_runtime_AfterExec syscall.runtime_AfterExec
func syscall_runtime_AfterExec() {}

//go:linkname syscall_runtime_doAllThreadsSyscall syscall.runtime_doAllThreadsSyscall
func syscall_runtime_doAllThreadsSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, err uintptr) {
	return doAllThreadsSyscall(trap, a1, a2, a3, a4, a5, a6)
}

// doAllThreadsSyscall makes the system call on every thread of the process
// (rt/src/proc.rs); err is the errno (0 on success).
func doAllThreadsSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, err uintptr)

// rawsyscall6 makes a system call; err is the errno (0 on success).
func rawsyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, err uintptr)

//go:linkname os_sigpipe os.sigpipe
func os_sigpipe() {
	// gc raises SIGPIPE when a write to stdout or stderr fails with EPIPE.
	raisesigpipe()
}

func raisesigpipe()

//go:linkname os_ignoreSIGSYS os.ignoreSIGSYS
func os_ignoreSIGSYS() {}

//go:linkname os_restoreSIGSYS os.restoreSIGSYS
func os_restoreSIGSYS() {}

//go:linkname os_runtime_rand os.runtime_rand
func os_runtime_rand() uint64 { return rand() }

//go:linkname rand_fatal crypto/rand.fatal
func rand_fatal(s string) {
	fatal(s)
}

//go:linkname sysrand_fatal crypto/internal/sysrand.fatal
func sysrand_fatal(s string) {
	fatal(s)
}

//go:linkname fips_fatal crypto/internal/fips140.fatal
func fips_fatal(s string) {
	fatal(s)
}

// amd64 has no data-independent-timing mode: enabling it does nothing and reports that it was
// not enabled before, as gc's dit_setEnabled does on amd64.
//
//go:linkname dit_setEnabled crypto/subtle.setDITEnabled
func dit_setEnabled() bool {
	return false
}

//go:linkname dit_setDisabled crypto/subtle.setDITDisabled
func dit_setDisabled() {}

// getAuxv returns the auxiliary vector the kernel placed after the environment's
// terminating nil, as gc's sysargs saves it in runtime.auxv: the (tag, value) pairs before
// AT_NULL. golang.org/x/sys/cpu and x/sys/unix reach it through linkname.
//
//go:linkname getAuxv
func getAuxv() []uintptr {
	envp := sysenvp()
	if envp == nil {
		return nil
	}
	n := 0
	for *(*unsafe.Pointer)(unsafe.Add(envp, n*8)) != nil {
		n++
	}
	auxv := unsafe.Add(envp, (n+1)*8)
	pairs := 0
	for *(*uintptr)(unsafe.Add(auxv, pairs*16)) != 0 {
		pairs++
	}
	return unsafe.Slice((*uintptr)(auxv), pairs*2)
}
