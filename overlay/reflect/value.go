// rgo's package reflect, values half: Value with gc's layout and flag bits.

package reflect

import "unsafe"

// Value is the reflection interface to a Go value: its type, a pointer to the value (or the
// value itself, for pointer-shaped types stored directly) and flags.
type Value struct {
	typ_ *rtype
	ptr  unsafe.Pointer
	flag
}

// flag holds the Value's kind in the low bits and then:
//   - flagStickyRO / flagEmbedRO: obtained through an unexported (embedded) field;
//   - flagIndir: ptr points to the value rather than being it;
//   - flagAddr: the value is addressable (CanAddr);
//   - flagMethod: a method value (not produced by this package yet).
type flag uintptr

const (
	flagKindWidth        = 5
	flagKindMask    flag = 1<<flagKindWidth - 1
	flagStickyRO    flag = 1 << 5
	flagEmbedRO     flag = 1 << 6
	flagIndir       flag = 1 << 7
	flagAddr        flag = 1 << 8
	flagMethod      flag = 1 << 9
	flagMethodShift      = 10
	flagRO          flag = flagStickyRO | flagEmbedRO
)

func (f flag) kind() Kind {
	return Kind(f & flagKindMask)
}

func (f flag) ro() flag {
	if f&flagRO != 0 {
		return flagStickyRO
	}
	return 0
}

// A ValueError occurs when a Value method is invoked on a Value that does not support it.
type ValueError struct {
	Method string
	Kind   Kind
}

func (e *ValueError) Error() string {
	if e.Kind == 0 {
		return "reflect: call of " + e.Method + " on zero Value"
	}
	return "reflect: call of " + e.Method + " on " + e.Kind.String() + " Value"
}

// mustBe panics unless the kind is expected; method names the Value method for the message.
func (f flag) mustBe(expected Kind, method string) {
	if f.kind() != expected {
		panic(&ValueError{method, f.kind()})
	}
}

func (v Value) typ() *rtype {
	return v.typ_
}

// pointer returns the pointer a pointer-shaped value holds.
func (v Value) pointer() unsafe.Pointer {
	if v.typ().size != unsafe.Sizeof(uintptr(0)) || !v.typ().pointers() {
		panic("can't call pointer on a non-pointer Value")
	}
	if v.flag&flagIndir != 0 {
		return *(*unsafe.Pointer)(v.ptr)
	}
	return v.ptr
}

// ValueOf returns a new Value initialized to the concrete value stored in i; ValueOf(nil)
// is the zero Value.
func ValueOf(i any) Value {
	if i == nil {
		return Value{}
	}
	return unpackEface(i)
}

func unpackEface(i any) Value {
	e := (*emptyInterface)(unsafe.Pointer(&i))
	t := e.typ
	if t == nil {
		return Value{}
	}
	f := flag(t.Kind())
	if !t.isDirectIface() {
		f |= flagIndir
	}
	return Value{t, e.word, f}
}

// packEface converts v to the empty interface holding the same value.
func packEface(v Value) any {
	t := v.typ()
	var i any
	e := (*emptyInterface)(unsafe.Pointer(&i))
	switch {
	case !t.isDirectIface():
		if v.flag&flagIndir == 0 {
			panic("bad indir")
		}
		// The interface points to the value: an addressable one is copied first, so that
		// later changes through the address do not show through the interface.
		ptr := v.ptr
		if v.flag&flagAddr != 0 {
			c := unsafe_New(t)
			typedmemmove(t, c, ptr)
			ptr = c
		}
		e.word = ptr
	case v.flag&flagIndir != 0:
		// The value is stored indirectly but the interface holds it directly.
		e.word = *(*unsafe.Pointer)(v.ptr)
	default:
		e.word = v.ptr
	}
	e.typ = t
	return i
}

// ifaceAsEface reads the interface value at p (of interface type t) as an `any`.
func ifaceAsEface(t *rtype, p unsafe.Pointer) any {
	if len((*interfaceType)(unsafe.Pointer(t)).methods) == 0 {
		return *(*any)(p)
	}
	ni := (*nonEmptyInterface)(p)
	var i any
	if ni.itab == nil {
		return i
	}
	e := (*emptyInterface)(unsafe.Pointer(&i))
	e.typ = ni.itab.typ
	e.word = ni.word
	return i
}

// IsValid reports whether v represents a value (is not the zero Value).
func (v Value) IsValid() bool {
	return v.flag != 0
}

// Kind returns v's kind; the zero Value's is Invalid.
func (v Value) Kind() Kind {
	return v.kind()
}

// Type returns v's type.
func (v Value) Type() Type {
	if v.flag == 0 {
		panic(&ValueError{"reflect.Value.Type", Invalid})
	}
	return v.typ_
}

// Bool returns v's underlying value.
func (v Value) Bool() bool {
	v.mustBe(Bool, "reflect.Value.Bool")
	return *(*bool)(v.ptr)
}

// Int returns v's underlying value as an int64.
func (v Value) Int() int64 {
	p := v.ptr
	switch v.kind() {
	case Int:
		return int64(*(*int)(p))
	case Int8:
		return int64(*(*int8)(p))
	case Int16:
		return int64(*(*int16)(p))
	case Int32:
		return int64(*(*int32)(p))
	case Int64:
		return *(*int64)(p)
	}
	panic(&ValueError{"reflect.Value.Int", v.kind()})
}

// Uint returns v's underlying value as a uint64.
func (v Value) Uint() uint64 {
	p := v.ptr
	switch v.kind() {
	case Uint:
		return uint64(*(*uint)(p))
	case Uint8:
		return uint64(*(*uint8)(p))
	case Uint16:
		return uint64(*(*uint16)(p))
	case Uint32:
		return uint64(*(*uint32)(p))
	case Uint64:
		return *(*uint64)(p)
	case Uintptr:
		return uint64(*(*uintptr)(p))
	}
	panic(&ValueError{"reflect.Value.Uint", v.kind()})
}

// Float returns v's underlying value as a float64.
func (v Value) Float() float64 {
	switch v.kind() {
	case Float32:
		return float64(*(*float32)(v.ptr))
	case Float64:
		return *(*float64)(v.ptr)
	}
	panic(&ValueError{"reflect.Value.Float", v.kind()})
}

// Complex returns v's underlying value as a complex128.
func (v Value) Complex() complex128 {
	switch v.kind() {
	case Complex64:
		return complex128(*(*complex64)(v.ptr))
	case Complex128:
		return *(*complex128)(v.ptr)
	}
	panic(&ValueError{"reflect.Value.Complex", v.kind()})
}

// String returns a string v's underlying value; for other kinds, "<T Value>".
func (v Value) String() string {
	if v.kind() == String {
		return *(*string)(v.ptr)
	}
	if v.kind() == Invalid {
		return "<invalid Value>"
	}
	return "<" + v.Type().String() + " Value>"
}

// Len returns v's length (array, chan, map, slice, string, or pointer to array).
func (v Value) Len() int {
	switch v.kind() {
	case Slice:
		return (*SliceHeader)(v.ptr).Len
	case Array:
		return int((*arrayType)(unsafe.Pointer(v.typ())).len)
	case Chan:
		return chanlen(v.pointer())
	case Map:
		return maplen(v.pointer())
	case String:
		return (*StringHeader)(v.ptr).Len
	case Pointer:
		if et := v.typ().elem(); et.Kind() == Array {
			return int((*arrayType)(unsafe.Pointer(et)).len)
		}
		panic("reflect: call of reflect.Value.Len on ptr to non-array Value")
	}
	panic(&ValueError{"reflect.Value.Len", v.kind()})
}

// Cap returns v's capacity (array, chan, slice, or pointer to array).
func (v Value) Cap() int {
	switch v.kind() {
	case Slice:
		return (*SliceHeader)(v.ptr).Cap
	case Array:
		return int((*arrayType)(unsafe.Pointer(v.typ())).len)
	case Chan:
		return chancap(v.pointer())
	case Pointer:
		if et := v.typ().elem(); et.Kind() == Array {
			return int((*arrayType)(unsafe.Pointer(et)).len)
		}
		panic("reflect: call of reflect.Value.Cap on ptr to non-array Value")
	}
	panic(&ValueError{"reflect.Value.Cap", v.kind()})
}

// maplen reads the element count of a map (swiss Map.used, its first word).
func maplen(m unsafe.Pointer) int {
	if m == nil {
		return 0
	}
	return int(*(*uint64)(m))
}

// chanlen and chancap read hchan.qcount and hchan.dataqsiz.
func chanlen(c unsafe.Pointer) int {
	if c == nil {
		return 0
	}
	return int(*(*uint)(c))
}

func chancap(c unsafe.Pointer) int {
	if c == nil {
		return 0
	}
	return int(*(*uint)(add(c, unsafe.Sizeof(uint(0)))))
}

// Index returns v's i'th element (array, slice or string).
func (v Value) Index(i int) Value {
	switch v.kind() {
	case Array:
		tt := (*arrayType)(unsafe.Pointer(v.typ()))
		if uint(i) >= uint(tt.len) {
			panic("reflect: array index out of range")
		}
		typ := tt.elem
		val := add(v.ptr, uintptr(i)*typ.size)
		// An element of an array stored directly is the array's one pointer word.
		fl := v.flag&(flagIndir|flagAddr) | v.flag.ro() | flag(typ.Kind())
		return Value{typ, val, fl}
	case Slice:
		s := (*SliceHeader)(v.ptr)
		if uint(i) >= uint(s.Len) {
			panic("reflect: slice index out of range")
		}
		typ := (*sliceType)(unsafe.Pointer(v.typ())).elem
		val := add(unsafe.Pointer(s.Data), uintptr(i)*typ.size)
		fl := flagAddr | flagIndir | v.flag.ro() | flag(typ.Kind())
		return Value{typ, val, fl}
	case String:
		s := (*StringHeader)(v.ptr)
		if uint(i) >= uint(s.Len) {
			panic("reflect: string index out of range")
		}
		p := add(unsafe.Pointer(s.Data), uintptr(i))
		fl := v.flag.ro() | flag(Uint8) | flagIndir
		return Value{uint8Type(), p, fl}
	}
	panic(&ValueError{"reflect.Value.Index", v.kind()})
}

func uint8Type() *rtype {
	var b any = uint8(0)
	return (*emptyInterface)(unsafe.Pointer(&b)).typ
}

// zeroVal is where zero-size values point.
var zeroVal [1]byte

// NumField returns the number of fields of the struct v.
func (v Value) NumField() int {
	v.mustBe(Struct, "reflect.Value.NumField")
	return len((*structType)(unsafe.Pointer(v.typ())).fields)
}

// Field returns the i'th field of the struct v.
func (v Value) Field(i int) Value {
	if v.kind() != Struct {
		panic(&ValueError{"reflect.Value.Field", v.kind()})
	}
	tt := (*structType)(unsafe.Pointer(v.typ()))
	if uint(i) >= uint(len(tt.fields)) {
		panic("reflect: Field index out of range")
	}
	field := &tt.fields[i]
	typ := field.typ
	// Read-only-ness is inherited, and set by an unexported field.
	fl := v.flag&(flagStickyRO|flagIndir|flagAddr) | flag(typ.Kind())
	if !field.name.isExported() {
		if field.name.embedded() {
			fl |= flagEmbedRO
		} else {
			fl |= flagStickyRO
		}
	}
	if fl&flagIndir == 0 && typ.size == 0 {
		return Value{typ, unsafe.Pointer(&zeroVal[0]), fl | flagIndir}
	}
	return Value{typ, add(v.ptr, field.offset), fl}
}

// Elem returns the value the interface v contains or the pointer v points to.
func (v Value) Elem() Value {
	switch v.kind() {
	case Interface:
		x := unpackEface(ifaceAsEface(v.typ(), v.ptr))
		if x.flag != 0 {
			x.flag |= v.flag.ro()
		}
		return x
	case Pointer:
		ptr := v.ptr
		if v.flag&flagIndir != 0 {
			ptr = *(*unsafe.Pointer)(ptr)
		}
		if ptr == nil {
			return Value{}
		}
		typ := (*ptrType)(unsafe.Pointer(v.typ())).elem
		fl := v.flag&flagRO | flagIndir | flagAddr | flag(typ.Kind())
		return Value{typ, ptr, fl}
	}
	panic(&ValueError{"reflect.Value.Elem", v.kind()})
}

// IsNil reports whether v (chan, func, interface, map, pointer or slice) is nil.
func (v Value) IsNil() bool {
	switch v.kind() {
	case Chan, Func, Map, Pointer, UnsafePointer:
		ptr := v.ptr
		if v.flag&flagIndir != 0 {
			ptr = *(*unsafe.Pointer)(ptr)
		}
		return ptr == nil
	case Interface, Slice:
		return *(*unsafe.Pointer)(v.ptr) == nil
	}
	panic(&ValueError{"reflect.Value.IsNil", v.kind()})
}

// CanAddr reports whether v's address can be taken.
func (v Value) CanAddr() bool {
	return v.flag&flagAddr != 0
}

// CanInterface reports whether Interface can be used without panicking.
func (v Value) CanInterface() bool {
	if v.flag == 0 {
		panic(&ValueError{"reflect.Value.CanInterface", Invalid})
	}
	return v.flag&flagRO == 0
}

// Interface returns v's current value as an interface{}.
func (v Value) Interface() (i any) {
	if v.flag == 0 {
		panic(&ValueError{"reflect.Value.Interface", Invalid})
	}
	if v.flag&flagRO != 0 {
		panic("reflect.Value.Interface: cannot return value obtained from unexported field or method")
	}
	if v.kind() == Interface {
		return ifaceAsEface(v.typ(), v.ptr)
	}
	return packEface(v)
}

// New returns a Value for a pointer to a new zero value of type typ.
func New(typ Type) Value {
	if typ == nil {
		panic("reflect: New(nil)")
	}
	t := typ.common()
	pt := t.ptrTo()
	return Value{pt, unsafe_New(t), flag(Pointer)}
}

// Zero returns a Value for the zero value of type typ (not addressable).
func Zero(typ Type) Value {
	if typ == nil {
		panic("reflect: Zero(nil)")
	}
	t := typ.common()
	fl := flag(t.Kind())
	if t.isDirectIface() {
		return Value{t, nil, fl}
	}
	return Value{t, unsafe_New(t), fl | flagIndir}
}

// Indirect returns the value v points to (v itself when v is not a pointer).
func Indirect(v Value) Value {
	if v.Kind() != Pointer {
		return v
	}
	return v.Elem()
}
