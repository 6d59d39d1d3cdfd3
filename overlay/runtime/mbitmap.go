package runtime

import "unsafe"

// heapPointerBits reports the words of the heap object p points into and writes which of
// them the collector scans as pointers into out[:n] (rt/src/mbitmap.rs): -1 when p is not in
// a heap object, 0 when the object holds no pointers.
func heapPointerBits(p unsafe.Pointer, out *byte, n uintptr) int

// reflect_gcbits returns the GC type info for x, for testing (gc's mbitmap.go): one byte per
// word of the object x points to, 1 for a word the collector scans as a pointer. A heap
// object's mask is the one the collector uses, trimmed after its last pointer (gc's
// maskFromHeap); rgo scans global variables and stacks conservatively, so for a pointer
// outside the heap every word of the pointed-to type is a pointer slot.
//
//go:linkname reflect_gcbits reflect.gcbits
func reflect_gcbits(x any) []byte {
	e := (*[2]unsafe.Pointer)(unsafe.Pointer(&x))
	t, p := e[0], e[1]
	// abi.Type: Kind_ at byte 23; a PtrType's Elem follows the 48-byte Type.
	const kindPointer = 22
	if t == nil || *(*uint8)(unsafe.Add(t, 23))&0x1f != kindPointer {
		throw("bad argument to getgcmask: expected type to be a pointer to the value type whose mask is being queried")
	}
	elem := *(*unsafe.Pointer)(unsafe.Add(t, 48))
	words := heapPointerBits(p, nil, 0)
	if words == 0 {
		return nil
	}
	if words < 0 {
		mask := make([]byte, *(*uintptr)(elem)/8)
		for i := range mask {
			mask[i] = 1
		}
		return mask
	}
	mask := make([]byte, words)
	heapPointerBits(p, &mask[0], uintptr(words))
	for len(mask) > 0 && mask[len(mask)-1] == 0 {
		mask = mask[:len(mask)-1]
	}
	return mask
}
