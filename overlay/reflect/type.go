// rgo's package reflect, types half (see README.md in this folder).
//
// It reads the type descriptors the compiler emits, laid out as gc 1.27.3's internal/abi lays
// them out, exactly as gc's reflect reads them: nothing here keeps a second description of a
// type. The functions declared without a body are provided by rgo's runtime (rt/src/reflect.rs)
// under gc's names.

package reflect

import "unsafe"

// A Type is the representation of a Go type (gc's method set, minus the iterator methods and
// the ones this package does not implement yet; see README.md).
type Type interface {
	Align() int
	FieldAlign() int
	Method(int) Method
	MethodByName(string) (Method, bool)
	NumMethod() int
	Name() string
	PkgPath() string
	Size() uintptr
	String() string
	Kind() Kind
	Implements(u Type) bool
	AssignableTo(u Type) bool
	ConvertibleTo(u Type) bool
	Comparable() bool
	Bits() int
	ChanDir() ChanDir
	IsVariadic() bool
	Elem() Type
	Field(i int) StructField
	FieldByIndex(index []int) StructField
	FieldByName(name string) (StructField, bool)
	FieldByNameFunc(match func(string) bool) (StructField, bool)
	In(i int) Type
	Key() Type
	Len() int
	NumField() int
	NumIn() int
	NumOut() int
	Out(i int) Type
	OverflowComplex(x complex128) bool
	OverflowFloat(x float64) bool
	OverflowInt(x int64) bool
	OverflowUint(x uint64) bool

	common() *rtype
	uncommon() *uncommonType
}

// A Kind represents the specific kind of type that a Type represents (abi.Kind's numbering).
type Kind uint

const (
	Invalid Kind = iota
	Bool
	Int
	Int8
	Int16
	Int32
	Int64
	Uint
	Uint8
	Uint16
	Uint32
	Uint64
	Uintptr
	Float32
	Float64
	Complex64
	Complex128
	Array
	Chan
	Func
	Interface
	Map
	Pointer
	Slice
	String
	Struct
	UnsafePointer
)

// Ptr is the old name for the Pointer kind.
const Ptr = Pointer

var kindNames = []string{
	Invalid:       "invalid",
	Bool:          "bool",
	Int:           "int",
	Int8:          "int8",
	Int16:         "int16",
	Int32:         "int32",
	Int64:         "int64",
	Uint:          "uint",
	Uint8:         "uint8",
	Uint16:        "uint16",
	Uint32:        "uint32",
	Uint64:        "uint64",
	Uintptr:       "uintptr",
	Float32:       "float32",
	Float64:       "float64",
	Complex64:     "complex64",
	Complex128:    "complex128",
	Array:         "array",
	Chan:          "chan",
	Func:          "func",
	Interface:     "interface",
	Map:           "map",
	Pointer:       "ptr",
	Slice:         "slice",
	String:        "string",
	Struct:        "struct",
	UnsafePointer: "unsafe.Pointer",
}

// String returns the name of k.
func (k Kind) String() string {
	if uint(k) < uint(len(kindNames)) {
		return kindNames[uint(k)]
	}
	return "kind" + itoa(int(k))
}

// ChanDir represents a channel type's direction.
type ChanDir int

const (
	RecvDir ChanDir = 1 << iota
	SendDir
	BothDir = RecvDir | SendDir
)

func (d ChanDir) String() string {
	switch d {
	case SendDir:
		return "chan<-"
	case RecvDir:
		return "<-chan"
	case BothDir:
		return "chan"
	}
	return "ChanDir" + itoa(int(d))
}

// Method represents a single method.
type Method struct {
	Name    string
	PkgPath string
	Type    Type  // method type
	Func    Value // func with receiver as first argument
	Index   int   // index for Type.Method
}

// IsExported reports whether the method is exported.
func (m Method) IsExported() bool {
	return m.PkgPath == ""
}

// A StructField describes a single field in a struct.
type StructField struct {
	Name      string
	PkgPath   string
	Type      Type
	Tag       StructTag
	Offset    uintptr
	Index     []int
	Anonymous bool
}

// IsExported reports whether the field is exported.
func (f StructField) IsExported() bool {
	return f.PkgPath == ""
}

// A StructTag is the tag string in a struct field.
type StructTag string

// Get returns the value associated with key in the tag string.
func (tag StructTag) Get(key string) string {
	v, _ := tag.Lookup(key)
	return v
}

// Lookup returns the value associated with key in the tag string (the conventional
// `key:"value" key2:"value2"` format) and whether the key is present.
func (tag StructTag) Lookup(key string) (value string, ok bool) {
	for tag != "" {
		// Skip the spaces before the next key.
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		if tag == "" {
			break
		}
		// A key runs up to the colon; control characters, spaces and quotes end the scan.
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := string(tag[:i])
		tag = tag[i+1:]
		// The quoted value, escapes included.
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			break
		}
		qvalue := string(tag[:i+1])
		tag = tag[i+1:]
		if key == name {
			value, err := unquote(qvalue)
			if err {
				break
			}
			return value, true
		}
	}
	return "", false
}

// ---------------------------------------------------------------------------------------------
// The descriptors (internal/abi of gc 1.27.3; offsets in ../../docs/abi.md and the reference).

type tflag uint8

const (
	tflagUncommon      tflag = 1 << 0
	tflagExtraStar     tflag = 1 << 1
	tflagNamed         tflag = 1 << 2
	tflagRegularMemory tflag = 1 << 3
	tflagGCMaskOnDemand tflag = 1 << 4
	tflagDirectIface   tflag = 1 << 5
)

type nameOff int32
type typeOff int32
type textOff int32

// rtype is abi.Type, the 48-byte header every descriptor starts with; a Type is a *rtype.
type rtype struct {
	size       uintptr
	ptrBytes   uintptr
	hash       uint32
	tflag      tflag
	align      uint8
	fieldAlign uint8
	kind       uint8
	equal      unsafe.Pointer // funcval of func(unsafe.Pointer, unsafe.Pointer) bool, nil if incomparable
	gcdata     *byte
	str        nameOff
	ptrToThis  typeOff
}

type ptrType struct {
	rtype
	elem *rtype
}

type sliceType struct {
	rtype
	elem *rtype
}

type arrayType struct {
	rtype
	elem  *rtype
	slice *rtype
	len   uintptr
}

type chanType struct {
	rtype
	elem *rtype
	dir  ChanDir
}

type funcType struct {
	rtype
	inCount  uint16
	outCount uint16 // top bit: variadic
}

type imethod struct {
	name nameOff
	typ  typeOff
}

type interfaceType struct {
	rtype
	pkgPath name
	methods []imethod
}

type mapType struct {
	rtype
	key        *rtype
	elem       *rtype
	group      *rtype
	hasher     unsafe.Pointer
	groupSize  uintptr
	keysOff    uintptr
	keyStride  uintptr
	elemsOff   uintptr
	elemStride uintptr
	elemOff    uintptr
	flags      uint32
}

type structField struct {
	name   name
	typ    *rtype
	offset uintptr
}

type structType struct {
	rtype
	pkgPath name
	fields  []structField
}

type uncommonType struct {
	pkgPath nameOff
	mcount  uint16
	xcount  uint16
	moff    uint32
	_       uint32
}

type method struct {
	name nameOff
	mtyp typeOff
	ifn  textOff
	tfn  textOff
}

// name is abi.Name: flags byte, varint length, bytes, then an optional tag and package path.
type name struct {
	bytes *byte
}

const (
	nameExported = 1 << 0
	nameHasTag   = 1 << 1
	nameHasPkg   = 1 << 2
	nameEmbedded = 1 << 3
)

func add(p unsafe.Pointer, x uintptr) unsafe.Pointer {
	return unsafe.Pointer(uintptr(p) + x)
}

func (n name) data(off int) *byte {
	return (*byte)(add(unsafe.Pointer(n.bytes), uintptr(off)))
}

func (n name) isExported() bool {
	return (*n.bytes)&nameExported != 0
}

func (n name) hasTag() bool {
	return (*n.bytes)&nameHasTag != 0
}

func (n name) embedded() bool {
	return (*n.bytes)&nameEmbedded != 0
}

// readVarint reads the uvarint at byte off: its byte length and value.
func (n name) readVarint(off int) (int, int) {
	v := 0
	for i := 0; ; i++ {
		x := *n.data(off + i)
		v += int(x&0x7f) << (7 * i)
		if x&0x80 == 0 {
			return i + 1, v
		}
	}
}

func (n name) name() string {
	if n.bytes == nil {
		return ""
	}
	i, l := n.readVarint(1)
	return unsafe.String(n.data(1+i), l)
}

func (n name) tag() string {
	if !n.hasTag() {
		return ""
	}
	i, l := n.readVarint(1)
	i2, l2 := n.readVarint(1 + i + l)
	return unsafe.String(n.data(1+i+l+i2), l2)
}

// pkgPath is the package path attached to a method name (flag 0x04), or "".
func (n name) pkgPath() string {
	if n.bytes == nil || (*n.bytes)&nameHasPkg == 0 {
		return ""
	}
	i, l := n.readVarint(1)
	off := 1 + i + l
	if n.hasTag() {
		i2, l2 := n.readVarint(off)
		off += i2 + l2
	}
	// The offset is stored unaligned.
	b := n.data(off)
	var o int32
	for k := 3; k >= 0; k-- {
		o = o<<8 | int32(*(*byte)(add(unsafe.Pointer(b), uintptr(k))))
	}
	return name{(*byte)(resolveTypeOff(unsafe.Pointer(n.bytes), o))}.name()
}

// newName encodes a name the way the compiler does, for types made at run time.
func newName(n, tag string, exported, embedded bool) name {
	if len(n) >= 1<<29 {
		panic("reflect.nameFrom: name too long: " + n[:1024] + "...")
	}
	var bits byte
	if exported {
		bits |= nameExported
	}
	if tag != "" {
		bits |= nameHasTag
	}
	if embedded {
		bits |= nameEmbedded
	}
	b := make([]byte, 0, 1+10+len(n)+10+len(tag))
	b = append(b, bits)
	b = appendVarint(b, len(n))
	b = append(b, n...)
	if tag != "" {
		b = appendVarint(b, len(tag))
		b = append(b, tag...)
	}
	return name{&b[0]}
}

func appendVarint(b []byte, v int) []byte {
	for ; v >= 0x80; v >>= 7 {
		b = append(b, byte(v|0x80))
	}
	return append(b, byte(v))
}

// Provided by the runtime (rt/src/reflect.rs).
func resolveNameOff(ptrInModule unsafe.Pointer, off int32) unsafe.Pointer
func resolveTypeOff(rtype unsafe.Pointer, off int32) unsafe.Pointer
func resolveTextOff(rtype unsafe.Pointer, off int32) unsafe.Pointer
func addReflectOff(ptr unsafe.Pointer) int32
func typelinkArea() (start, end unsafe.Pointer)
func unsafe_New(t *rtype) unsafe.Pointer
func typedmemmove(t *rtype, dst, src unsafe.Pointer)

func resolveReflectName(n name) nameOff {
	return nameOff(addReflectOff(unsafe.Pointer(n.bytes)))
}

func (t *rtype) nameOff(off nameOff) name {
	return name{(*byte)(resolveNameOff(unsafe.Pointer(t), int32(off)))}
}

func (t *rtype) typeOff(off typeOff) *rtype {
	return (*rtype)(resolveTypeOff(unsafe.Pointer(t), int32(off)))
}

func (t *rtype) textOff(off textOff) unsafe.Pointer {
	return resolveTextOff(unsafe.Pointer(t), int32(off))
}

func (t *rtype) common() *rtype { return t }

func (t *rtype) Kind() Kind { return Kind(t.kind) }

func (t *rtype) hasName() bool { return t.tflag&tflagNamed != 0 }

func (t *rtype) isDirectIface() bool { return t.tflag&tflagDirectIface != 0 }

func (t *rtype) pointers() bool { return t.ptrBytes != 0 }

// uncommon returns the UncommonType that follows the kind-specific part, if the type has one.
func (t *rtype) uncommon() *uncommonType {
	if t.tflag&tflagUncommon == 0 {
		return nil
	}
	var fixed uintptr
	switch t.Kind() {
	case Struct:
		fixed = unsafe.Sizeof(structType{})
	case Pointer:
		fixed = unsafe.Sizeof(ptrType{})
	case Func:
		fixed = unsafe.Sizeof(funcType{})
	case Slice:
		fixed = unsafe.Sizeof(sliceType{})
	case Array:
		fixed = unsafe.Sizeof(arrayType{})
	case Chan:
		fixed = unsafe.Sizeof(chanType{})
	case Map:
		fixed = unsafe.Sizeof(mapType{})
	case Interface:
		fixed = unsafe.Sizeof(interfaceType{})
	default:
		fixed = unsafe.Sizeof(rtype{})
	}
	return (*uncommonType)(add(unsafe.Pointer(t), fixed))
}

func (u *uncommonType) methods() []method {
	if u.mcount == 0 {
		return nil
	}
	return unsafe.Slice((*method)(add(unsafe.Pointer(u), uintptr(u.moff))), int(u.mcount))
}

func (u *uncommonType) exportedMethods() []method {
	if u.xcount == 0 {
		return nil
	}
	return unsafe.Slice((*method)(add(unsafe.Pointer(u), uintptr(u.moff))), int(u.xcount))
}

func (t *rtype) String() string {
	s := t.nameOff(t.str).name()
	if t.tflag&tflagExtraStar != 0 {
		return s[1:]
	}
	return s
}

func (t *rtype) Size() uintptr { return t.size }

func (t *rtype) Bits() int {
	if t == nil {
		panic("reflect: Bits of nil Type")
	}
	k := t.Kind()
	if k < Int || k > Complex128 {
		panic("reflect: Bits of non-arithmetic Type " + t.String())
	}
	return int(t.size) * 8
}

func (t *rtype) Align() int { return int(t.align) }

func (t *rtype) FieldAlign() int { return int(t.fieldAlign) }

func (t *rtype) exportedMethods() []method {
	ut := t.uncommon()
	if ut == nil {
		return nil
	}
	return ut.exportedMethods()
}

func (t *rtype) NumMethod() int {
	if t.Kind() == Interface {
		return len((*interfaceType)(unsafe.Pointer(t)).methods)
	}
	return len(t.exportedMethods())
}

func (t *rtype) Method(i int) (m Method) {
	if t.Kind() == Interface {
		return (*interfaceType)(unsafe.Pointer(t)).method(i)
	}
	methods := t.exportedMethods()
	if i < 0 || i >= len(methods) {
		panic("reflect: Method index out of range")
	}
	p := methods[i]
	m.Name = t.nameOff(p.name).name()
	// The method's type gets the receiver as its first parameter; FuncOf finds the compiled
	// descriptor of that func type when the program has one.
	ft := (*funcType)(unsafe.Pointer(t.typeOff(p.mtyp)))
	in := make([]Type, 0, 1+ft.numIn())
	in = append(in, t)
	for _, arg := range ft.inSlice() {
		in = append(in, arg)
	}
	out := make([]Type, 0, ft.numOut())
	for _, ret := range ft.outSlice() {
		out = append(out, ret)
	}
	mt := FuncOf(in, out, ft.isVariadic())
	m.Type = mt
	// A func value is a pointer to a word holding the code address (a funcval without
	// captures); Tfn takes the receiver as its first argument.
	tfn := t.textOff(p.tfn)
	m.Func = Value{mt.common(), unsafe.Pointer(&tfn), flag(Func)}
	m.Index = i
	return m
}

func (t *rtype) MethodByName(name string) (m Method, ok bool) {
	if t.Kind() == Interface {
		return (*interfaceType)(unsafe.Pointer(t)).methodByName(name)
	}
	methods := t.exportedMethods()
	// Exported methods are sorted by name: binary search for the first not below name.
	i, j := 0, len(methods)
	for i < j {
		h := int(uint(i+j) >> 1)
		if t.nameOff(methods[h].name).name() < name {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(methods) && name == t.nameOff(methods[i].name).name() {
		return t.Method(i), true
	}
	return Method{}, false
}

func (t *rtype) PkgPath() string {
	if !t.hasName() {
		return ""
	}
	ut := t.uncommon()
	if ut == nil {
		return ""
	}
	return t.nameOff(ut.pkgPath).name()
}

func (t *rtype) Name() string {
	if !t.hasName() {
		return ""
	}
	s := t.String()
	// The name follows the last dot outside the type arguments of a generic instance.
	i := len(s) - 1
	depth := 0
	for i >= 0 && (s[i] != '.' || depth != 0) {
		switch s[i] {
		case ']':
			depth++
		case '[':
			depth--
		}
		i--
	}
	return s[i+1:]
}

func (t *rtype) ChanDir() ChanDir {
	if t.Kind() != Chan {
		panic("reflect: ChanDir of non-chan type " + t.String())
	}
	return (*chanType)(unsafe.Pointer(t)).dir
}

// elem is abi.Type.Elem: the element of an array, chan, map, pointer or slice, else nil.
func (t *rtype) elem() *rtype {
	switch t.Kind() {
	case Array:
		return (*arrayType)(unsafe.Pointer(t)).elem
	case Chan:
		return (*chanType)(unsafe.Pointer(t)).elem
	case Map:
		return (*mapType)(unsafe.Pointer(t)).elem
	case Pointer:
		return (*ptrType)(unsafe.Pointer(t)).elem
	case Slice:
		return (*sliceType)(unsafe.Pointer(t)).elem
	}
	return nil
}

func (t *rtype) Elem() Type {
	et := t.elem()
	if et == nil {
		panic("reflect: Elem of invalid type " + t.String())
	}
	return et
}

func (t *rtype) Key() Type {
	if t.Kind() != Map {
		panic("reflect: Key of non-map type " + t.String())
	}
	return (*mapType)(unsafe.Pointer(t)).key
}

func (t *rtype) Len() int {
	if t.Kind() != Array {
		panic("reflect: Len of non-array type " + t.String())
	}
	return int((*arrayType)(unsafe.Pointer(t)).len)
}

func (t *rtype) NumField() int {
	if t.Kind() != Struct {
		panic("reflect: NumField of non-struct type " + t.String())
	}
	return len((*structType)(unsafe.Pointer(t)).fields)
}

func (t *rtype) Field(i int) StructField {
	if t.Kind() != Struct {
		panic("reflect: Field of non-struct type " + t.String())
	}
	return (*structType)(unsafe.Pointer(t)).field(i)
}

func (t *rtype) FieldByIndex(index []int) StructField {
	if t.Kind() != Struct {
		panic("reflect: FieldByIndex of non-struct type " + t.String())
	}
	var f StructField
	f.Type = t
	for i, x := range index {
		if i > 0 {
			ft := f.Type
			if ft.Kind() == Pointer && ft.Elem().Kind() == Struct {
				ft = ft.Elem()
			}
			f.Type = ft
		}
		f = f.Type.Field(x)
	}
	return f
}

func (t *rtype) FieldByName(name string) (StructField, bool) {
	if t.Kind() != Struct {
		panic("reflect: FieldByName of non-struct type " + t.String())
	}
	st := (*structType)(unsafe.Pointer(t))
	// A field declared directly wins; embedded structs are searched only if there are any.
	hasEmbeds := false
	if name != "" {
		for i := range st.fields {
			f := &st.fields[i]
			if f.name.name() == name {
				return st.field(i), true
			}
			if f.name.embedded() {
				hasEmbeds = true
			}
		}
	}
	if !hasEmbeds {
		return StructField{}, false
	}
	return st.fieldByNameFunc(func(s string) bool { return s == name })
}

func (t *rtype) FieldByNameFunc(match func(string) bool) (StructField, bool) {
	if t.Kind() != Struct {
		panic("reflect: FieldByNameFunc of non-struct type " + t.String())
	}
	return (*structType)(unsafe.Pointer(t)).fieldByNameFunc(match)
}

func (t *rtype) In(i int) Type {
	if t.Kind() != Func {
		panic("reflect: In of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).inSlice()[i]
}

func (t *rtype) NumIn() int {
	if t.Kind() != Func {
		panic("reflect: NumIn of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).numIn()
}

func (t *rtype) NumOut() int {
	if t.Kind() != Func {
		panic("reflect: NumOut of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).numOut()
}

func (t *rtype) Out(i int) Type {
	if t.Kind() != Func {
		panic("reflect: Out of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).outSlice()[i]
}

func (t *rtype) IsVariadic() bool {
	if t.Kind() != Func {
		panic("reflect: IsVariadic of non-func type " + t.String())
	}
	return (*funcType)(unsafe.Pointer(t)).isVariadic()
}

func (t *rtype) OverflowComplex(x complex128) bool {
	k := t.Kind()
	switch k {
	case Complex64:
		return overflowFloat32(real(x)) || overflowFloat32(imag(x))
	case Complex128:
		return false
	}
	panic("reflect: OverflowComplex of non-complex type " + t.String())
}

func (t *rtype) OverflowFloat(x float64) bool {
	k := t.Kind()
	switch k {
	case Float32:
		return overflowFloat32(x)
	case Float64:
		return false
	}
	panic("reflect: OverflowFloat of non-float type " + t.String())
}

func (t *rtype) OverflowInt(x int64) bool {
	k := t.Kind()
	switch k {
	case Int, Int8, Int16, Int32, Int64:
		bitSize := t.size * 8
		trunc := (x << (64 - bitSize)) >> (64 - bitSize)
		return x != trunc
	}
	panic("reflect: OverflowInt of non-int type " + t.String())
}

func (t *rtype) OverflowUint(x uint64) bool {
	k := t.Kind()
	switch k {
	case Uint, Uintptr, Uint8, Uint16, Uint32, Uint64:
		bitSize := t.size * 8
		trunc := (x << (64 - bitSize)) >> (64 - bitSize)
		return x != trunc
	}
	panic("reflect: OverflowUint of non-uint type " + t.String())
}

// overflowFloat32 reports whether x cannot be represented by a float32.
func overflowFloat32(x float64) bool {
	if x < 0 {
		x = -x
	}
	const maxFloat32 = 0x1p127 * (1 + (1 - 0x1p-23))
	return maxFloat32 < x && x <= 1.7976931348623157e308
}

func (t *funcType) numIn() int { return int(t.inCount) }

func (t *funcType) numOut() int { return int(t.outCount & (1<<15 - 1)) }

func (t *funcType) isVariadic() bool { return t.outCount&(1<<15) != 0 }

// params is the array of parameter then result types after the fixed part (and the
// UncommonType, for named func types).
func (t *funcType) params() []*rtype {
	n := t.numIn() + t.numOut()
	if n == 0 {
		return nil
	}
	off := unsafe.Sizeof(funcType{})
	if t.tflag&tflagUncommon != 0 {
		off += unsafe.Sizeof(uncommonType{})
	}
	return unsafe.Slice((**rtype)(add(unsafe.Pointer(t), off)), n)
}

func (t *funcType) inSlice() []*rtype {
	return t.params()[:t.numIn()]
}

func (t *funcType) outSlice() []*rtype {
	return t.params()[t.numIn():]
}

func (t *interfaceType) method(i int) (m Method) {
	if i < 0 || i >= len(t.methods) {
		return
	}
	p := &t.methods[i]
	pname := t.nameOff(p.name)
	m.Name = pname.name()
	if !pname.isExported() {
		m.PkgPath = pname.pkgPath()
		if m.PkgPath == "" {
			m.PkgPath = t.pkgPath.name()
		}
	}
	m.Type = toType(t.typeOff(p.typ))
	m.Index = i
	return
}

func (t *interfaceType) methodByName(name string) (m Method, ok bool) {
	for i := range t.methods {
		if t.nameOff(t.methods[i].name).name() == name {
			return t.method(i), true
		}
	}
	return
}

func (t *structType) field(i int) (f StructField) {
	if i < 0 || i >= len(t.fields) {
		panic("reflect: Field index out of bounds")
	}
	p := &t.fields[i]
	f.Type = toType(p.typ)
	f.Name = p.name.name()
	f.Anonymous = p.name.embedded()
	if !p.name.isExported() {
		f.PkgPath = t.pkgPath.name()
	}
	if tag := p.name.tag(); tag != "" {
		f.Tag = StructTag(tag)
	}
	f.Offset = p.offset
	f.Index = []int{i}
	return
}

// fieldScan is a struct to visit in the breadth-first search for a field, with the index
// path that leads to it.
type fieldScan struct {
	typ   *structType
	index []int
}

// fieldByNameFunc searches the struct and its embedded structs breadth first, one embedding
// depth at a time: a name matched more than once at the shallowest depth where it occurs is
// ambiguous, and then there is no such field.
func (t *structType) fieldByNameFunc(match func(string) bool) (result StructField, ok bool) {
	current := []fieldScan{}
	next := []fieldScan{{typ: t}}
	// How many times each struct type was reached at the depth being scanned (2 = more than
	// once): fields of a struct reached twice are ambiguous.
	var count, nextCount map[*structType]int
	visited := map[*structType]bool{}
	for len(next) > 0 {
		current, next = next, current[:0]
		count = nextCount
		nextCount = nil
		for _, scan := range current {
			st := scan.typ
			if visited[st] {
				// Reached at a shallower depth already, or twice at this one (counted).
				continue
			}
			visited[st] = true
			for i := range st.fields {
				f := &st.fields[i]
				fname := f.name.name()
				var ntyp *rtype
				if f.name.embedded() {
					ntyp = f.typ
					if ntyp.Kind() == Pointer {
						ntyp = ntyp.elem()
					}
				}
				if match(fname) {
					if count[st] > 1 || ok {
						return StructField{}, false
					}
					result = st.field(i)
					result.Index = nil
					result.Index = append(result.Index, scan.index...)
					result.Index = append(result.Index, i)
					ok = true
					continue
				}
				if ok || ntyp == nil || ntyp.Kind() != Struct {
					continue
				}
				styp := (*structType)(unsafe.Pointer(ntyp))
				if nextCount[styp] > 0 {
					nextCount[styp] = 2
					continue
				}
				if nextCount == nil {
					nextCount = map[*structType]int{}
				}
				nextCount[styp] = 1
				if count[st] > 1 {
					nextCount[styp] = 2
				}
				var index []int
				index = append(index, scan.index...)
				index = append(index, i)
				next = append(next, fieldScan{styp, index})
			}
		}
		if ok {
			break
		}
	}
	return
}

// TypeOf returns the dynamic type of i, or nil for a nil interface.
func TypeOf(i any) Type {
	return toType((*emptyInterface)(unsafe.Pointer(&i)).typ)
}

// emptyInterface is the layout of an `any` value; nonEmptyInterface of the others.
type emptyInterface struct {
	typ  *rtype
	word unsafe.Pointer
}

type itab struct {
	inter *interfaceType
	typ   *rtype
	hash  uint32
	_     [4]byte
	fun   [1]uintptr
}

type nonEmptyInterface struct {
	itab *itab
	word unsafe.Pointer
}

// toType converts a descriptor pointer to a Type, keeping nil a nil interface.
func toType(t *rtype) Type {
	if t == nil {
		return nil
	}
	return t
}

// PtrTo is the old name for PointerTo.
func PtrTo(t Type) Type { return PointerTo(t) }

// PointerTo returns the pointer type with element t.
func PointerTo(t Type) Type {
	return t.common().ptrTo()
}

// ptrMap caches pointer types made at run time.
var ptrMap map[*rtype]*ptrType

func (t *rtype) ptrTo() *rtype {
	if t.ptrToThis != 0 {
		return t.typeOff(t.ptrToThis)
	}
	if p, ok := ptrMap[t]; ok {
		return &p.rtype
	}
	// A pointer type the program has but t's descriptor does not reference.
	s := "*" + t.String()
	for _, tt := range typesByString(s) {
		p := (*ptrType)(unsafe.Pointer(tt))
		if p.elem != t {
			continue
		}
		if ptrMap == nil {
			ptrMap = map[*rtype]*ptrType{}
		}
		ptrMap[t] = p
		return &p.rtype
	}
	// Make one, starting from the descriptor of *unsafe.Pointer.
	var iptr any = (*unsafe.Pointer)(nil)
	prototype := (*ptrType)(unsafe.Pointer((*emptyInterface)(unsafe.Pointer(&iptr)).typ))
	pp := new(ptrType)
	*pp = *prototype
	pp.str = resolveReflectName(newName(s, "", false, false))
	pp.ptrToThis = 0
	// A new hash for the new string: FNV-1 over the element's hash and the "*".
	pp.hash = fnv1(t.hash, '*')
	pp.elem = t
	if ptrMap == nil {
		ptrMap = map[*rtype]*ptrType{}
	}
	ptrMap[t] = pp
	return &pp.rtype
}

// fnv1 incorporates the bytes into the hash x with the FNV-1 mixing step.
func fnv1(x uint32, list ...byte) uint32 {
	for _, b := range list {
		x = x*16777619 ^ uint32(b)
	}
	return x
}

func (t *rtype) Implements(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.Implements")
	}
	if u.Kind() != Interface {
		panic("reflect: non-interface type passed to Type.Implements")
	}
	return implements(u.common(), t)
}

func (t *rtype) AssignableTo(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.AssignableTo")
	}
	uu := u.common()
	return directlyAssignable(uu, t) || implements(uu, t)
}

func (t *rtype) ConvertibleTo(u Type) bool {
	if u == nil {
		panic("reflect: nil type passed to Type.ConvertibleTo")
	}
	return convertible(u.common(), t)
}

func (t *rtype) Comparable() bool {
	return t.equal != nil
}

// samePkg compares the package paths of two unexported method names, each defaulting to
// its type's package.
func methodPkg(n name, dflt string) string {
	if p := n.pkgPath(); p != "" {
		return p
	}
	return dflt
}

// implements reports whether a value of type V implements the interface type T. Both method
// lists are sorted the same way (exported names first, then by name), so one merged scan
// finds every method of T in V or proves one missing.
func implements(T, V *rtype) bool {
	if T.Kind() != Interface {
		return false
	}
	t := (*interfaceType)(unsafe.Pointer(T))
	if len(t.methods) == 0 {
		return true
	}
	if V.Kind() == Interface {
		v := (*interfaceType)(unsafe.Pointer(V))
		i := 0
		for j := 0; j < len(v.methods); j++ {
			tm := &t.methods[i]
			tmName := t.nameOff(tm.name)
			vm := &v.methods[j]
			vmName := V.nameOff(vm.name)
			if vmName.name() == tmName.name() && V.typeOff(vm.typ) == t.typeOff(tm.typ) {
				if !tmName.isExported() &&
					methodPkg(tmName, t.pkgPath.name()) != methodPkg(vmName, v.pkgPath.name()) {
					continue
				}
				if i++; i >= len(t.methods) {
					return true
				}
			}
		}
		return false
	}
	v := V.uncommon()
	if v == nil {
		return false
	}
	i := 0
	vmethods := v.methods()
	for j := 0; j < int(v.mcount); j++ {
		tm := &t.methods[i]
		tmName := t.nameOff(tm.name)
		vm := vmethods[j]
		vmName := V.nameOff(vm.name)
		if vmName.name() == tmName.name() && V.typeOff(vm.mtyp) == t.typeOff(tm.typ) {
			if !tmName.isExported() &&
				methodPkg(tmName, t.pkgPath.name()) != methodPkg(vmName, V.nameOff(v.pkgPath).name()) {
				continue
			}
			if i++; i >= len(t.methods) {
				return true
			}
		}
	}
	return false
}

// specialChannelAssignability: a bidirectional channel value can be assigned to a channel
// type with an identical element type when one of the two types is not named.
func specialChannelAssignability(T, V *rtype) bool {
	return V.ChanDir() == BothDir && (T.Name() == "" || V.Name() == "") &&
		haveIdenticalType(T.elem(), V.elem(), true)
}

// directlyAssignable reports whether a value of type V can be assigned to type T by copying
// (the spec's assignability without the interface and constant rules).
func directlyAssignable(T, V *rtype) bool {
	if T == V {
		return true
	}
	if T.hasName() && V.hasName() || T.Kind() != V.Kind() {
		return false
	}
	if T.Kind() == Chan && specialChannelAssignability(T, V) {
		return true
	}
	return haveIdenticalUnderlyingType(T, V, true)
}

func haveIdenticalType(T, V *rtype, cmpTags bool) bool {
	if cmpTags {
		return T == V
	}
	if T.Name() != V.Name() || T.Kind() != V.Kind() || T.PkgPath() != V.PkgPath() {
		return false
	}
	return haveIdenticalUnderlyingType(T, V, false)
}

func haveIdenticalUnderlyingType(T, V *rtype, cmpTags bool) bool {
	if T == V {
		return true
	}
	kind := T.Kind()
	if kind != V.Kind() {
		return false
	}
	// Non-composite kinds have one underlying type each.
	if Bool <= kind && kind <= Complex128 || kind == String || kind == UnsafePointer {
		return true
	}
	switch kind {
	case Array:
		return T.Len() == V.Len() && haveIdenticalType(T.elem(), V.elem(), cmpTags)
	case Chan:
		return V.ChanDir() == T.ChanDir() && haveIdenticalType(T.elem(), V.elem(), cmpTags)
	case Func:
		t := (*funcType)(unsafe.Pointer(T))
		v := (*funcType)(unsafe.Pointer(V))
		if t.outCount != v.outCount || t.inCount != v.inCount {
			return false
		}
		tp, vp := t.params(), v.params()
		for i := range tp {
			if !haveIdenticalType(tp[i], vp[i], cmpTags) {
				return false
			}
		}
		return true
	case Interface:
		t := (*interfaceType)(unsafe.Pointer(T))
		v := (*interfaceType)(unsafe.Pointer(V))
		// Equal method sets may still need a conversion at run time (different itabs).
		return len(t.methods) == 0 && len(v.methods) == 0
	case Map:
		return haveIdenticalType(T.Key().common(), V.Key().common(), cmpTags) &&
			haveIdenticalType(T.elem(), V.elem(), cmpTags)
	case Pointer, Slice:
		return haveIdenticalType(T.elem(), V.elem(), cmpTags)
	case Struct:
		t := (*structType)(unsafe.Pointer(T))
		v := (*structType)(unsafe.Pointer(V))
		if len(t.fields) != len(v.fields) {
			return false
		}
		if t.pkgPath.name() != v.pkgPath.name() {
			return false
		}
		for i := range t.fields {
			tf := &t.fields[i]
			vf := &v.fields[i]
			if tf.name.name() != vf.name.name() {
				return false
			}
			if !haveIdenticalType(tf.typ, vf.typ, cmpTags) {
				return false
			}
			if cmpTags && tf.name.tag() != vf.name.tag() {
				return false
			}
			if tf.offset != vf.offset {
				return false
			}
			if tf.name.embedded() != vf.name.embedded() {
				return false
			}
		}
		return true
	}
	return false
}

// convertible reports whether a value of type src can be converted to type dst (the spec's
// conversion rules between non-constant values).
func convertible(dst, src *rtype) bool {
	switch src.Kind() {
	case Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr:
		switch dst.Kind() {
		case Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
			Float32, Float64, String:
			return true
		}
	case Float32, Float64:
		switch dst.Kind() {
		case Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
			Float32, Float64:
			return true
		}
	case Complex64, Complex128:
		switch dst.Kind() {
		case Complex64, Complex128:
			return true
		}
	case String:
		if dst.Kind() == Slice && dst.elem().PkgPath() == "" {
			switch dst.elem().Kind() {
			case Uint8, Int32:
				return true
			}
		}
	case Slice:
		if dst.Kind() == String && src.elem().PkgPath() == "" {
			switch src.elem().Kind() {
			case Uint8, Int32:
				return true
			}
		}
		// Slice to array pointer or array, with identical element types.
		if dst.Kind() == Pointer && dst.elem().Kind() == Array && src.elem() == dst.elem().elem() {
			return true
		}
		if dst.Kind() == Array && src.elem() == dst.elem() {
			return true
		}
	case Chan:
		if dst.Kind() == Chan && specialChannelAssignability(dst, src) {
			return true
		}
	}
	if haveIdenticalUnderlyingType(dst, src, false) {
		return true
	}
	// Unnamed pointer types whose base types have identical underlying types.
	if dst.Kind() == Pointer && dst.Name() == "" && src.Kind() == Pointer && src.Name() == "" &&
		haveIdenticalUnderlyingType(dst.elem(), src.elem(), false) {
		return true
	}
	return implements(dst, src)
}

// typelinks lists the typelink descriptors (the unnamed pointer, array, chan, func, map, slice
// and struct types), sorted by type string as the linker sorted them.
var typelinks []*rtype

func compiledTypelinks() []*rtype {
	if typelinks != nil {
		return typelinks
	}
	start, end := typelinkArea()
	p := uintptr(start)
	for p < uintptr(end) {
		p = (p + 7) &^ 7
		t := (*rtype)(unsafe.Pointer(p))
		typelinks = append(typelinks, t)
		p += t.descriptorSize()
	}
	return typelinks
}

// descriptorSize is abi.Type.DescriptorSize: the bytes of the descriptor, kind-specific part,
// UncommonType, variable part and methods included.
func (t *rtype) descriptorSize() uintptr {
	var size uintptr
	switch t.Kind() {
	case Array:
		size = unsafe.Sizeof(arrayType{})
	case Chan:
		size = unsafe.Sizeof(chanType{})
	case Func:
		ft := (*funcType)(unsafe.Pointer(t))
		size = unsafe.Sizeof(funcType{}) + uintptr(ft.numIn()+ft.numOut())*unsafe.Sizeof(uintptr(0))
	case Interface:
		it := (*interfaceType)(unsafe.Pointer(t))
		size = unsafe.Sizeof(interfaceType{}) + uintptr(len(it.methods))*unsafe.Sizeof(imethod{})
	case Map:
		size = unsafe.Sizeof(mapType{})
	case Pointer:
		size = unsafe.Sizeof(ptrType{})
	case Slice:
		size = unsafe.Sizeof(sliceType{})
	case Struct:
		st := (*structType)(unsafe.Pointer(t))
		size = unsafe.Sizeof(structType{}) + uintptr(len(st.fields))*unsafe.Sizeof(structField{})
	default:
		size = unsafe.Sizeof(rtype{})
	}
	if ut := t.uncommon(); ut != nil {
		size += unsafe.Sizeof(uncommonType{}) + uintptr(ut.mcount)*unsafe.Sizeof(method{})
	}
	return size
}

// typesByString returns the typelink types whose string is s (there may be several).
func typesByString(s string) []*rtype {
	types := compiledTypelinks()
	i, j := 0, len(types)
	for i < j {
		h := int(uint(i+j) >> 1)
		if types[h].String() < s {
			i = h + 1
		} else {
			j = h
		}
	}
	var ret []*rtype
	for ; i < len(types) && types[i].String() == s; i++ {
		ret = append(ret, types[i])
	}
	return ret
}

// funcTypes caches the func types FuncOf made or found, by hash.
var funcTypes map[uint32][]*rtype

// FuncOf returns the function type with the given argument and result types.
func FuncOf(in, out []Type, variadic bool) Type {
	if variadic && (len(in) == 0 || in[len(in)-1].Kind() != Slice) {
		panic("reflect.FuncOf: last arg of variadic func must be slice")
	}
	n := len(in) + len(out)
	if n > 128 {
		panic("reflect.FuncOf: too many arguments")
	}
	// The descriptor with its parameter array, built in one block as the compiler lays it out.
	words := make([]unsafe.Pointer, (unsafe.Sizeof(funcType{})+8*uintptr(n))/8)
	ft := (*funcType)(unsafe.Pointer(&words[0]))
	var ifunc any = (func())(nil)
	prototype := (*funcType)(unsafe.Pointer((*emptyInterface)(unsafe.Pointer(&ifunc)).typ))
	*ft = *prototype
	var hash uint32
	args := unsafe.Slice((**rtype)(add(unsafe.Pointer(ft), unsafe.Sizeof(funcType{}))), n)
	for i, t := range in {
		rt := t.common()
		args[i] = rt
		hash = fnv1(hash, byte(rt.hash>>24), byte(rt.hash>>16), byte(rt.hash>>8), byte(rt.hash))
	}
	if variadic {
		hash = fnv1(hash, 'v')
	}
	hash = fnv1(hash, '.')
	for i, t := range out {
		rt := t.common()
		args[len(in)+i] = rt
		hash = fnv1(hash, byte(rt.hash>>24), byte(rt.hash>>16), byte(rt.hash>>8), byte(rt.hash))
	}
	ft.tflag = 0
	ft.hash = hash
	ft.inCount = uint16(len(in))
	ft.outCount = uint16(len(out))
	if variadic {
		ft.outCount |= 1 << 15
	}
	for _, t := range funcTypes[hash] {
		if haveIdenticalUnderlyingType(&ft.rtype, t, true) {
			return t
		}
	}
	addToCache := func(t *rtype) Type {
		if funcTypes == nil {
			funcTypes = map[uint32][]*rtype{}
		}
		funcTypes[hash] = append(funcTypes[hash], t)
		return t
	}
	// The program's own descriptor when it has one: conversions and assertions compare
	// descriptor addresses.
	str := funcStr(ft)
	for _, tt := range typesByString(str) {
		if haveIdenticalUnderlyingType(&ft.rtype, tt, true) {
			return addToCache(tt)
		}
	}
	ft.str = resolveReflectName(newName(str, "", false, false))
	ft.ptrToThis = 0
	return addToCache(&ft.rtype)
}

// funcStr is the type string of a func type: func(a, b, ...c) d or func(a) (b, c).
func funcStr(ft *funcType) string {
	repr := make([]byte, 0, 64)
	repr = append(repr, "func("...)
	for i, t := range ft.inSlice() {
		if i > 0 {
			repr = append(repr, ", "...)
		}
		if ft.isVariadic() && i == int(ft.inCount)-1 {
			repr = append(repr, "..."...)
			repr = append(repr, t.elem().String()...)
		} else {
			repr = append(repr, t.String()...)
		}
	}
	repr = append(repr, ')')
	out := ft.outSlice()
	if len(out) == 1 {
		repr = append(repr, ' ')
	} else if len(out) > 1 {
		repr = append(repr, " ("...)
	}
	for i, t := range out {
		if i > 0 {
			repr = append(repr, ", "...)
		}
		repr = append(repr, t.String()...)
	}
	if len(out) > 1 {
		repr = append(repr, ')')
	}
	return string(repr)
}

// itoa formats a (possibly negative) integer in decimal.
func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	u := uint(v)
	if neg {
		u = -u
	}
	var b [20]byte
	i := len(b)
	for u > 0 {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// unquote decodes a double-quoted Go string literal (strconv.Unquote's rules for the escapes
// a struct tag can hold); err is true when s is not a valid literal.
func unquote(s string) (string, bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", true
	}
	s = s[1 : len(s)-1]
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' || c == '\n' {
			return "", true
		}
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i >= len(s) {
			return "", true
		}
		switch s[i] {
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'v':
			b = append(b, '\v')
		case '\\':
			b = append(b, '\\')
		case '"':
			b = append(b, '"')
		case 'x', 'u', 'U':
			n := 2
			if s[i] == 'u' {
				n = 4
			} else if s[i] == 'U' {
				n = 8
			}
			v := rune(0)
			for k := 1; k <= n; k++ {
				if i+k >= len(s) {
					return "", true
				}
				d := unhex(s[i+k])
				if d < 0 {
					return "", true
				}
				v = v<<4 | rune(d)
			}
			i += n
			if s[i-n] == 'x' {
				b = append(b, byte(v))
			} else {
				b = append(b, string(v)...)
			}
		case '0', '1', '2', '3', '4', '5', '6', '7':
			if i+2 >= len(s) {
				return "", true
			}
			v := 0
			for k := 0; k < 3; k++ {
				d := s[i+k] - '0'
				if d > 7 {
					return "", true
				}
				v = v<<3 | int(d)
			}
			if v > 255 {
				return "", true
			}
			b = append(b, byte(v))
			i += 2
		default:
			return "", true
		}
	}
	return string(b), false
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// StringHeader is the runtime representation of a string (deprecated in gc, kept for
// programs that still use it).
type StringHeader struct {
	Data uintptr
	Len  int
}

// SliceHeader is the runtime representation of a slice (deprecated in gc, kept for programs
// that still use it).
type SliceHeader struct {
	Data uintptr
	Len  int
	Cap  int
}
