// Benchmark: string building: appending to a []byte, converting between
// string and []byte, concatenation, and scanning a string with range.
package main

func itoa(buf []byte, n int) []byte {
	if n == 0 {
		return append(buf, '0')
	}
	var tmp [20]byte
	i := len(tmp)
	for n > 0 {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	return append(buf, tmp[i:]...)
}

func main() {
	var buf []byte
	for i := 0; i < 2000000; i++ {
		buf = itoa(buf, i)
		buf = append(buf, ',')
	}
	s := string(buf)
	digits := 0
	h := uint32(2166136261)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
		h = (h ^ uint32(r)) * 16777619
	}
	total := 0
	for i := 0; i < 200000; i++ {
		t := "k" + string(itoa(nil, i)) + "=" + string(itoa(nil, i*i))
		total += len(t)
		if t[0] == 'k' {
			h ^= uint32(t[len(t)-1])
		}
	}
	println("len:", len(s), "digits:", digits, "total:", total, "hash:", h)
}
