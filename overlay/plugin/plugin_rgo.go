// rgo's replacement for GOROOT's plugin_dlopen.go, the only file of package plugin rgo does
// not compile from GOROOT (docs/plugin.md, overlay/README.md). gc's file reaches dlopen and
// dlsym through cgo; rgo's executables are static and have no libc, so the same three calls
// go to rgo's own loader in the runtime (rt/src/plugin.rs, overlay/runtime/plugin.go):
// realpath, pluginOpen (dlopen) and pluginLookup (dlsym). Everything else follows
// plugin_dlopen.go step for step, with its error texts.

package plugin

import (
	"errors"
	"sync"
	"unsafe"
)

// realpath returns the canonical absolute path of name (the file must exist).
func realpath(name string) (string, bool)

// pluginOpen loads the plugin at path and appends its moduledata to the module list; it
// returns a handle, or an error worded as dlerror's.
func pluginOpen(path string) (h int, errstr string)

// pluginLookup returns the run-time address of the plugin symbol name, or 0.
func pluginLookup(h int, name string) uintptr

func open(name string) (*Plugin, error) {
	filepath, ok := realpath(name)
	if !ok {
		return nil, errors.New(`plugin.Open("` + name + `"): realpath failed`)
	}

	pluginsMu.Lock()
	if p := plugins[filepath]; p != nil {
		pluginsMu.Unlock()
		if p.err != "" {
			return nil, errors.New(`plugin.Open("` + name + `"): ` + p.err + ` (previous failure)`)
		}
		<-p.loaded
		return p, nil
	}
	h, errstr := pluginOpen(filepath)
	if h == 0 {
		pluginsMu.Unlock()
		return nil, errors.New(`plugin.Open("` + name + `"): ` + errstr)
	}
	if len(name) > 3 && name[len(name)-3:] == ".so" {
		name = name[:len(name)-3]
	}
	if plugins == nil {
		plugins = make(map[string]*Plugin)
	}
	pluginpath, syms, initTasks, errstr := lastmoduleinit()
	if errstr != "" {
		plugins[filepath] = &Plugin{
			pluginpath: pluginpath,
			err:        errstr,
		}
		pluginsMu.Unlock()
		return nil, errors.New(`plugin.Open("` + name + `"): ` + errstr)
	}
	// This function can be called from the init function of a plugin.
	// Drop a placeholder in the map so subsequent opens can wait on it.
	p := &Plugin{
		pluginpath: pluginpath,
		loaded:     make(chan struct{}),
	}
	plugins[filepath] = p
	pluginsMu.Unlock()

	doInit(initTasks)

	// Fill out the value of each plugin symbol.
	updatedSyms := map[string]any{}
	for symName, sym := range syms {
		isFunc := symName[0] == '.'
		if isFunc {
			delete(syms, symName)
			symName = symName[1:]
		}

		fullName := pluginpath + "." + symName
		p := pluginLookup(h, fullName)
		if p == 0 {
			return nil, errors.New(`plugin.Open("` + name + `"): could not find symbol ` + symName + `: undefined symbol`)
		}
		valp := (*[2]unsafe.Pointer)(unsafe.Pointer(&sym))
		if isFunc {
			// A func value points to a word holding the code address.
			code := new(uintptr)
			*code = p
			(*valp)[1] = unsafe.Pointer(code)
		} else {
			(*valp)[1] = unsafe.Pointer(p)
		}
		updatedSyms[symName] = sym
	}
	p.syms = updatedSyms

	close(p.loaded)
	return p, nil
}

func lookup(p *Plugin, symName string) (Symbol, error) {
	if s := p.syms[symName]; s != nil {
		return s, nil
	}
	return nil, errors.New("plugin: symbol " + symName + " not found in plugin " + p.pluginpath)
}

var (
	pluginsMu sync.Mutex
	plugins   map[string]*Plugin
)

func lastmoduleinit() (pluginpath string, syms map[string]any, inittasks []*initTask, errstr string)

//go:linkname doInit runtime.doInit
func doInit(t []*initTask)

type initTask struct {
	// fields defined in runtime.initTask. We only handle pointers to an initTask
	// in this package, so the contents are irrelevant.
}
