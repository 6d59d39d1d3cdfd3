package main

import "reflect"

// Interfaces that refer to each other through method signatures while embedding one another
// (protobuf's protoreflect pattern): they type-check, and their descriptors, itabs and method
// calls work.

type Descriptor interface {
	ParentFile() FileDescriptor
	Name() string
}

type FileDescriptor interface {
	Descriptor
	Enums() EnumDescriptors
}

type EnumDescriptors interface {
	Len() int
	Get(i int) EnumDescriptor
}

type EnumDescriptor interface {
	Descriptor
	Values() EnumValueDescriptors
}

type EnumValueDescriptors interface {
	Len() int
	Get(i int) EnumValueDescriptor
}

type EnumValueDescriptor interface {
	Descriptor
	Number() int
}

type file struct{ enums []*enum }
type enum struct {
	f    *file
	name string
	vals []*val
}
type val struct {
	e    *enum
	name string
	n    int
}
type enums struct{ f *file }
type vals struct{ e *enum }

func (f *file) ParentFile() FileDescriptor { return f }
func (f *file) Name() string               { return "file.proto" }
func (f *file) Enums() EnumDescriptors     { return enums{f} }
func (e enums) Len() int                   { return len(e.f.enums) }
func (e enums) Get(i int) EnumDescriptor   { return e.f.enums[i] }
func (e *enum) ParentFile() FileDescriptor { return e.f }
func (e *enum) Name() string               { return e.name }
func (e *enum) Values() EnumValueDescriptors {
	return vals{e}
}
func (v vals) Len() int                      { return len(v.e.vals) }
func (v vals) Get(i int) EnumValueDescriptor { return v.e.vals[i] }
func (v *val) ParentFile() FileDescriptor    { return v.e.f }
func (v *val) Name() string                  { return v.name }
func (v *val) Number() int                   { return v.n }

type Walker interface {
	Descriptor
	Walk(func(Descriptor) bool)
}

func (f *file) Walk(fn func(Descriptor) bool) {
	for _, e := range f.enums {
		if !fn(e) {
			return
		}
		for _, v := range e.vals {
			if !fn(v) {
				return
			}
		}
	}
}

func kind(x interface{}) string {
	switch x.(type) {
	case EnumValueDescriptor:
		return "value"
	case EnumDescriptor:
		return "enum"
	case FileDescriptor:
		return "file"
	case Descriptor:
		return "descriptor"
	}
	return "other"
}

func main() {
	f := &file{}
	e := &enum{f: f, name: "Color"}
	f.enums = append(f.enums, e)
	for i, n := range []string{"RED", "GREEN", "BLUE"} {
		e.vals = append(e.vals, &val{e, n, i})
	}
	var fd FileDescriptor = f
	es := fd.Enums()
	for i := 0; i < es.Len(); i++ {
		ed := es.Get(i)
		println(ed.Name(), ed.ParentFile().Name())
		vs := ed.Values()
		for j := 0; j < vs.Len(); j++ {
			v := vs.Get(j)
			var d Descriptor = v
			println(" ", v.Name(), v.Number(), d.ParentFile().Enums().Len(), kind(v))
		}
	}
	var x interface{} = e
	if d, ok := x.(EnumDescriptor); ok {
		println("assert ok", d.Name(), kind(d), kind(f), kind(x.(Descriptor).ParentFile()))
	}
	if _, ok := x.(EnumValueDescriptor); !ok {
		println("not a value")
	}
	var w Walker = f
	n := 0
	w.Walk(func(d Descriptor) bool { n++; println("walk", d.Name()); return n < 3 })
	name := Descriptor.Name
	println(name(fd), FileDescriptor.Enums(fd).Len())

	for _, t := range []reflect.Type{
		reflect.TypeOf((*Descriptor)(nil)).Elem(),
		reflect.TypeOf((*FileDescriptor)(nil)).Elem(),
		reflect.TypeOf((*EnumDescriptors)(nil)).Elem(),
		reflect.TypeOf((*EnumDescriptor)(nil)).Elem(),
		reflect.TypeOf((*EnumValueDescriptors)(nil)).Elem(),
		reflect.TypeOf((*EnumValueDescriptor)(nil)).Elem(),
		reflect.TypeOf((*Walker)(nil)).Elem(),
	} {
		println(t.String(), t.Kind() == reflect.Interface, t.NumMethod())
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			println("  ", m.Name, m.Type.String())
		}
	}
	println(reflect.TypeOf(f).Implements(reflect.TypeOf((*FileDescriptor)(nil)).Elem()))
	println(reflect.TypeOf(e).Implements(reflect.TypeOf((*FileDescriptor)(nil)).Elem()))
}
