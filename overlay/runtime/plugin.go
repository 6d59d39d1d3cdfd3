// The runtime's half of package plugin, as gc's runtime/plugin.go: plugin_lastmoduleinit
// checks and initialises the module the loader just appended (rt/src/plugin.rs does what
// dlopen does for gc), and doInit runs its package init tasks. docs/plugin.md walks through
// each step and how it maps to gc's.

package runtime

import "unsafe"

// moduledata mirrors gc's runtime.moduledata (reference §6): the linker writes it, in the
// executable and in each plugin, in this layout (568 bytes).
type moduledata struct {
	pcHeader     unsafe.Pointer
	funcnametab  []byte
	cutab        []uint32
	filetab      []byte
	pctab        []byte
	pclntable    []byte
	ftab         []functab
	findfunctab  uintptr
	minpc, maxpc uintptr

	text, etext                uintptr
	noptrdata, enoptrdata      uintptr
	data, edata                uintptr
	bss, ebss                  uintptr
	noptrbss, enoptrbss        uintptr
	covctrs, ecovctrs          uintptr
	end, gcdata, gcbss         uintptr
	types, typedesclen, etypes uintptr
	itaboffset, itabsize       uintptr
	rodata                     uintptr
	gofunc                     uintptr
	epclntab                   uintptr

	textsectmap []textsect

	ptab []ptabEntry

	pluginpath string
	pkghashes  []modulehash

	inittasks []*initTask

	modulename   string
	modulehashes []modulehash

	hasmain uint8
	bad     bool

	gcdatamask, gcbssmask bitvector

	typemap map[unsafe.Pointer]unsafe.Pointer

	next *moduledata
}

type functab struct {
	entryoff uint32
	funcoff  uint32
}

type textsect struct {
	vaddr    uintptr
	end      uintptr
	baseaddr uintptr
}

type ptabEntry struct {
	name int32 // nameOff
	typ  int32 // typeOff
}

type modulehash struct {
	modulename   string
	linktimehash string
	runtimehash  *string
}

type bitvector struct {
	n        int32
	bytedata *uint8
}

// initTask is gc's: state (0 not run, 1 running, 2 done), the number of functions, then the
// functions' entry points.
type initTask struct {
	state uint32
	nfns  uint32
}

// firstmoduledataPtr is &firstmoduledata (rt/src/plugin.rs).
func firstmoduledataPtr() *moduledata

// activeModules lists the modules in load order, leaving out those that failed to load (gc
// keeps the slice in modulesinit; rgo walks the list, which only plugin.Open extends).
func activeModules() []*moduledata {
	var mods []*moduledata
	for md := firstmoduledataPtr(); md != nil; md = md.next {
		if !md.bad {
			mods = append(mods, md)
		}
	}
	return mods
}

// pluginLoad, pluginRealpath and pluginSym are rt/src/plugin.rs's loader.
func pluginLoad(path string, errbuf []byte) int
func pluginRealpath(name string, buf []byte) int
func pluginSym(h int, name string) uintptr

// pluginTypeOff resolves a typeOff of the module whose types start at types, through the
// module's typemap (rt/src/plugin.rs typelinksinit).
func pluginTypeOff(types uintptr, off int32) unsafe.Pointer

// plugin_open is the plugin package's pluginOpen (its dlopen): the handle, or an error
// worded as dlerror's.
//
//go:linkname plugin_open plugin.pluginOpen
func plugin_open(path string) (h int, errstr string) {
	buf := make([]byte, 512)
	n := pluginLoad(path, buf)
	if n < 0 {
		return 0, string(buf[:-n])
	}
	return n, ""
}

// plugin_realpath is the plugin package's realpath.
//
//go:linkname plugin_realpath plugin.realpath
func plugin_realpath(name string) (string, bool) {
	buf := make([]byte, 4096)
	n := pluginRealpath(name, buf)
	if n < 0 {
		return "", false
	}
	return string(buf[:n]), true
}

// plugin_lookup is the plugin package's pluginLookup (its dlsym).
//
//go:linkname plugin_lookup plugin.pluginLookup
func plugin_lookup(h int, name string) uintptr {
	return pluginSym(h, name)
}

//go:linkname plugin_lastmoduleinit plugin.lastmoduleinit
func plugin_lastmoduleinit() (path string, syms map[string]any, initTasks []*initTask, errstr string) {
	var md *moduledata
	for pmd := firstmoduledataPtr().next; pmd != nil; pmd = pmd.next {
		if pmd.bad {
			md = nil // we only want the last module
			continue
		}
		md = pmd
	}
	if md == nil {
		throw("runtime: no plugin module data")
	}
	if md.pluginpath == "" {
		throw("runtime: plugin has empty pluginpath")
	}
	if md.typemap != nil {
		return "", nil, nil, "plugin already loaded"
	}

	for _, pmd := range activeModules() {
		if pmd == md {
			continue
		}
		if pmd.pluginpath == md.pluginpath {
			md.bad = true
			return "", nil, nil, "plugin already loaded"
		}

		if inRange(pmd.text, pmd.etext, md.text, md.etext) ||
			inRange(pmd.bss, pmd.ebss, md.bss, md.ebss) ||
			inRange(pmd.data, pmd.edata, md.data, md.edata) ||
			inRange(pmd.types, pmd.etypes, md.types, md.etypes) {
			println("plugin: new module data overlaps with previous moduledata")
			throw("plugin: new module data overlaps with previous moduledata")
		}
	}
	for _, pkghash := range md.pkghashes {
		if pkghash.linktimehash != *pkghash.runtimehash {
			md.bad = true
			return "", nil, nil, "plugin was built with a different version of package " + pkghash.modulename
		}
	}

	// Initialize the freshly loaded module. gc's modulesinit rebuilds the active-module
	// slice (rgo walks the list) and typelinksinit maps the plugin's type descriptors to
	// earlier modules' equal ones; rgo's loader built that map while binding the plugin
	// (rt/src/plugin.rs typelinksinit), and resolveTypeOff consults it. Here typemap only
	// marks the module initialised, as gc's non-nil typemap does.
	md.typemap = make(map[unsafe.Pointer]unsafe.Pointer)

	pluginftabverify(md)
	moduledataverify1(md)

	// gc's addModuleItabs: rgo's itab lookup searches every module's itab area
	// (rt/src/symtab.rs itab_areas), which now includes this one.

	// Build a map of symbol names to symbols. Here in the runtime we fill out the first word
	// of the interface, the type; the plugin package fills in the value. Function symbol
	// names are prefixed with '.' to avoid a dependency on the reflect package.
	syms = make(map[string]any, len(md.ptab))
	for _, ptab := range md.ptab {
		symName := resolveNameOffName(md.types, ptab.name)
		t := pluginTypeOff(md.types, ptab.typ)
		var val any
		valp := (*[2]unsafe.Pointer)(unsafe.Pointer(&val))
		(*valp)[0] = t

		name := symName
		if *(*uint8)(unsafe.Pointer(uintptr(t) + 23))&kindMask == kindFunc {
			name = "." + name
		}
		syms[name] = val
	}
	return md.pluginpath, syms, md.inittasks, ""
}

const (
	kindMask = 0x1f
	kindFunc = 19
)

// resolveNameOffName reads the abi.Name at types+off: flags byte, uvarint length, bytes.
func resolveNameOffName(types uintptr, off int32) string {
	p := types + uintptr(off)
	n, w := 0, 0
	for shift := 0; ; shift += 7 {
		b := *(*byte)(unsafe.Pointer(p + 1 + uintptr(w)))
		w++
		n |= int(b&0x7f) << shift
		if b&0x80 == 0 {
			break
		}
	}
	return unsafe.String((*byte)(unsafe.Pointer(p+1+uintptr(w))), n)
}

// pluginftabverify checks that every function of the plugin's function table is found by
// findfunc (rgo's findfuncRecord): no other module's text may claim it.
func pluginftabverify(md *moduledata) {
	badtable := false
	for i := 0; i < len(md.ftab); i++ {
		entry := md.text + uintptr(md.ftab[i].entryoff)
		if md.minpc <= entry && entry <= md.maxpc {
			continue
		}
		println("ftab entry", hex(entry), "outside the module's text")
		badtable = true
	}
	for i := 0; i+1 < len(md.ftab); i++ {
		entry := md.text + uintptr(md.ftab[i].entryoff)
		f := findfuncRecord(entry)
		want := uintptr(unsafe.Pointer(&md.pclntable[0])) + uintptr(md.ftab[i].funcoff)
		if f != want {
			println("ftab entry", hex(entry), "resolves to", funcRecordName(f), "instead of", funcRecordName(want))
			badtable = true
		}
	}
	if badtable {
		throw("runtime: plugin has bad symbol table")
	}
}

// moduledataverify1 checks a module's function table as gc's does: sorted entries, and
// minpc/maxpc matching its first and last entry.
func moduledataverify1(datap *moduledata) {
	nftab := len(datap.ftab) - 1
	if nftab < 1 {
		throw("runtime: module has no functions")
	}
	for i := 0; i < nftab; i++ {
		if datap.ftab[i].entryoff > datap.ftab[i+1].entryoff {
			println("function symbol table not sorted by PC offset:", hex(datap.ftab[i].entryoff), ">", hex(datap.ftab[i+1].entryoff))
			throw("invalid runtime symbol table")
		}
	}
	min := datap.text + uintptr(datap.ftab[0].entryoff)
	max := datap.text + uintptr(datap.ftab[nftab].entryoff)
	if datap.minpc != min || datap.maxpc != max {
		println("minpc=", hex(datap.minpc), "min=", hex(min), "maxpc=", hex(datap.maxpc), "max=", hex(max))
		throw("minpc or maxpc invalid")
	}
}

// inRange reports whether v0 or v1 are in the range [r0, r1].
func inRange(r0, r1, v0, v1 uintptr) bool {
	return (v0 >= r0 && v0 <= r1) || (v1 >= r0 && v1 <= r1)
}

type hex uint64


func doInit(ts []*initTask) {
	for _, t := range ts {
		doInit1(t)
	}
}

func doInit1(t *initTask) {
	switch t.state {
	case 2: // fully initialized
		return
	case 1: // initialization in progress
		throw("recursive call during initialization - linker skew")
	default:
		t.state = 1
		firstFunc := uintptr(unsafe.Pointer(t)) + 8
		for i := uint32(0); i < t.nfns; i++ {
			p := firstFunc + uintptr(i)*8
			f := *(*func())(unsafe.Pointer(&p))
			f()
		}
		t.state = 2
	}
}
