package main

// NaN keys: every insert adds a new entry; lookups never find them.

func main() {
	zero := 0.0
	nan := zero / zero
	m := map[float64]int{}
	m[nan] = 1
	m[nan] = 2
	m[nan] = 3
	m[1.5] = 4
	println(len(m))
	v, ok := m[nan]
	println(v, ok)
	delete(m, nan) // no effect
	println(len(m))
	sum, nanKeys := 0, 0
	for k, v := range m {
		sum += v
		if k != k {
			nanKeys++
		}
	}
	println(sum, nanKeys)
	m[1.5]++
	println(m[1.5])
	clear(m) // clear removes NaN keys too
	println(len(m))
	// float32 NaN and infinities
	var z32 float32
	f32 := map[float32]string{}
	f32[z32/z32] = "nan"
	f32[1/z32] = "inf"
	f32[-1/z32] = "-inf"
	f32[z32/z32] = "nan2"
	println(len(f32), f32[1/z32], f32[-1/z32])
	// struct keys containing NaN
	type K struct {
		f float64
		s string
	}
	km := map[K]int{}
	km[K{nan, "a"}] = 1
	km[K{nan, "a"}] = 2
	km[K{1, "a"}] = 3
	km[K{1, "a"}] = 4
	println(len(km), km[K{1, "a"}])
	_, found := km[K{nan, "a"}]
	println(found)
	// complex NaN
	cm := map[complex128]int{}
	cm[complex(nan, 0)] = 1
	cm[complex(nan, 0)] = 1
	cm[complex(0, 1)] = 1
	cm[complex(0, 1)] = 1
	println(len(cm))
	// array keys with NaN
	am := map[[2]float64]bool{}
	am[[2]float64{nan, 1}] = true
	am[[2]float64{nan, 1}] = true
	println(len(am), am[[2]float64{nan, 1}])
}
