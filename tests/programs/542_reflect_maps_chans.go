package main

import "reflect"

type Key struct {
	A int
	B string
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func main() {
	m := reflect.MakeMap(reflect.TypeOf(map[string]int{}))
	m.SetMapIndex(reflect.ValueOf("one"), reflect.ValueOf(1))
	m.SetMapIndex(reflect.ValueOf("two"), reflect.ValueOf(2))
	m.SetMapIndex(reflect.ValueOf("three"), reflect.ValueOf(3))
	println(m.Len(), m.MapIndex(reflect.ValueOf("two")).Int(), m.MapIndex(reflect.ValueOf("none")).IsValid())
	m.SetMapIndex(reflect.ValueOf("two"), reflect.Value{})
	println(m.Len())
	var keys []string
	for _, k := range m.MapKeys() {
		keys = append(keys, k.String())
	}
	sortStrings(keys)
	println(len(keys), keys[0], keys[1])
	mm := m.Interface().(map[string]int)
	println(mm["three"])

	// Many entries (the map grows into a directory of tables).
	big := reflect.MakeMapWithSize(reflect.TypeOf(map[int]int{}), 10)
	for i := 0; i < 3000; i++ {
		big.SetMapIndex(reflect.ValueOf(i), reflect.ValueOf(i*i))
	}
	sum := 0
	iter := big.MapRange()
	count := 0
	for iter.Next() {
		sum += int(iter.Key().Int()) + int(iter.Value().Int())
		count++
	}
	println(big.Len(), count, sum, big.MapIndex(reflect.ValueOf(2999)).Int())
	for i := 0; i < 3000; i += 2 {
		big.SetMapIndex(reflect.ValueOf(i), reflect.Value{})
	}
	println(big.Len())
	big.Clear()
	println(big.Len())

	// Struct keys, interface values, a map made by the compiler.
	sm := map[Key]any{{1, "a"}: "x", {2, "b"}: 2.5}
	sv := reflect.ValueOf(sm)
	println(sv.MapIndex(reflect.ValueOf(Key{2, "b"})).Elem().Float(), sv.MapIndex(reflect.ValueOf(Key{1, "a"})).Elem().String())
	sv.SetMapIndex(reflect.ValueOf(Key{3, "c"}), reflect.ValueOf(true))
	println(len(sm), sm[Key{3, "c"}].(bool))
	it := sv.MapRange()
	n := 0
	var k Key
	kv := reflect.ValueOf(&k).Elem()
	for it.Next() {
		kv.SetIterKey(it)
		n += k.A
	}
	println(n)
	var nilmap map[string]int
	println(reflect.ValueOf(nilmap).Len(), reflect.ValueOf(nilmap).MapIndex(reflect.ValueOf("x")).IsValid(), reflect.ValueOf(nilmap).IsNil())
	fm := reflect.ValueOf(map[float64]string{1.5: "a"})
	println(fm.MapIndex(reflect.ValueOf(1.5)).String())

	// Channels.
	c := reflect.MakeChan(reflect.TypeOf(make(chan int)), 3)
	c.Send(reflect.ValueOf(10))
	println(c.TrySend(reflect.ValueOf(20)), c.Len(), c.Cap())
	r, ok := c.Recv()
	println(r.Int(), ok)
	r, ok = c.TryRecv()
	println(r.Int(), ok)
	r, ok = c.TryRecv()
	println(r.IsValid(), ok)
	c.Close()
	r, ok = c.Recv()
	println(r.Int(), ok)

	// Select.
	c1 := make(chan string, 1)
	c2 := make(chan int, 1)
	c2 <- 5
	cases := []reflect.SelectCase{
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c1)},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c2)},
	}
	chosen, val, rok := reflect.Select(cases)
	println(chosen, val.Int(), rok)
	cases = append(cases, reflect.SelectCase{Dir: reflect.SelectDefault})
	chosen, _, _ = reflect.Select(cases)
	println(chosen)
	cases = []reflect.SelectCase{
		{Dir: reflect.SelectSend, Chan: reflect.ValueOf(c1), Send: reflect.ValueOf("hi")},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c2)},
	}
	chosen, _, _ = reflect.Select(cases)
	println(chosen, <-c1)
	done := make(chan bool)
	go func() {
		c2 <- 77
		done <- true
	}()
	chosen, val, rok = reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c2)}})
	println(chosen, val.Int(), rok)
	<-done
	close(c1)
	chosen, val, rok = reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c1)}})
	println(chosen, val.String() == "", rok)

	defer func() { println("recovered:", recover().(string)) }()
	reflect.ValueOf(map[string]int{}).SetMapIndex(reflect.ValueOf(1), reflect.ValueOf(1))
}
