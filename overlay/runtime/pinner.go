// runtime.Pinner (gc's pinner.go). rgo's collector never moves objects, so pinning has one
// job: a pinned object stays allocated until Unpin, even when Go no longer references it
// (its address may have been handed to C or stored as an integer). The Pinner keeps every
// pinned pointer in its own list, which the collector scans. As in gc, a Pinner that becomes
// unreachable with pointers still pinned is a bug that panics (from a finalizer).

package runtime

import "unsafe"

// A Pinner is a set of Go objects each pinned to a fixed location in memory.
type Pinner struct {
	*pinner
}

type pinner struct {
	refs []unsafe.Pointer
}

// Pin pins a Go object until Unpin is called; pointer must be a pointer (or
// unsafe.Pointer) to an object allocated by Go.
func (p *Pinner) Pin(pointer any) {
	if p.pinner == nil {
		p.pinner = new(pinner)
		SetFinalizer(p.pinner, func(i *pinner) {
			if len(i.refs) != 0 {
				i.unpin()
				panic(errorString("runtime.Pinner: found leaking pinned pointer; forgot to call Unpin()?"))
			}
		})
	}
	e := (*pinnerEface)(unsafe.Pointer(&pointer))
	if e.typ == nil {
		panic(errorString("runtime.Pinner: argument is nil"))
	}
	// abi.Type.Kind_ (offset 23, low five bits): Pointer or UnsafePointer.
	if kind := *(*uint8)(unsafe.Add(e.typ, 23)) & 0x1f; kind != 22 && kind != 26 {
		p, n := typeString(e.typ)
		panic(errorString("runtime.Pinner: argument is not a pointer: " + unsafe.String(p, n)))
	}
	p.refs = append(p.refs, e.data)
}

// Unpin unpins all pinned objects of the Pinner.
func (p *Pinner) Unpin() {
	p.pinner.unpin()
}

func (p *pinner) unpin() {
	if p == nil {
		return
	}
	clear(p.refs)
	p.refs = p.refs[:0]
}

// pinnerEface is an interface value's two words.
type pinnerEface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// typeString is the string of type descriptor t (rt/src/types.rs).
func typeString(t unsafe.Pointer) (*byte, int)
