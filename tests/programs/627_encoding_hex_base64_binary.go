package main

import (
	"bytes"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
)

type Header struct {
	Magic   [4]byte
	Version uint16
	Flags   uint8
	_       uint8
	Length  uint32
	Offset  int64
	Ratio   float32
}

func main() {
	data := []byte("Hello, \x00\xff Gopher!")
	h := hex.EncodeToString(data)
	fmt.Println(h)
	d, err := hex.DecodeString(h)
	fmt.Println(bytes.Equal(d, data), err)
	_, err = hex.DecodeString("abc")
	fmt.Println(err)
	_, err = hex.DecodeString("zz")
	fmt.Println(err)
	fmt.Print(hex.Dump([]byte("0123456789abcdefXYZ")))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		for _, s := range []string{"", "f", "fo", "foo", "foob", "\xfb\xff\xfe"} {
			fmt.Print(enc.EncodeToString([]byte(s)), " ")
		}
		fmt.Println()
	}
	dec, err := base64.StdEncoding.DecodeString("SGVsbG8gd29ybGQ=")
	fmt.Println(string(dec), err)
	_, err = base64.StdEncoding.DecodeString("SGVsbG8!")
	fmt.Println(err)
	fmt.Println(base32.StdEncoding.EncodeToString([]byte("base32!")), base32.HexEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("ab")))
	buf := make([]byte, 8)
	binary.LittleEndian.PutUint32(buf, 0xdeadbeef)
	binary.BigEndian.PutUint16(buf[4:], 0x1234)
	fmt.Printf("% x %x %x\n", buf, binary.BigEndian.Uint32(buf), binary.LittleEndian.Uint16(buf[4:]))
	hdr := Header{[4]byte{'R', 'G', 'O', '!'}, 3, 0x81, 0, 1 << 20, -42, 1.5}
	var w bytes.Buffer
	err = binary.Write(&w, binary.BigEndian, hdr)
	fmt.Printf("%d %v % x\n", w.Len(), err, w.Bytes())
	var back Header
	err = binary.Read(bytes.NewReader(w.Bytes()), binary.BigEndian, &back)
	fmt.Printf("%+v %v\n", back, err)
	fmt.Println(binary.Size(hdr), binary.Size([]uint16{1, 2}))
	w.Reset()
	binary.Write(&w, binary.LittleEndian, []float64{math.Pi, -0.0})
	fmt.Printf("% x\n", w.Bytes())
	vb := make([]byte, binary.MaxVarintLen64)
	for _, v := range []int64{0, 1, -1, 63, -64, 64, 300, math.MaxInt64, math.MinInt64} {
		n := binary.PutVarint(vb, v)
		got, m := binary.Varint(vb[:n])
		fmt.Printf("%d: % x -> %d (%d)\n", v, vb[:n], got, m)
	}
	for _, v := range []uint64{0, 127, 128, 16384, math.MaxUint64} {
		out := binary.AppendUvarint(nil, v)
		got, n := binary.Uvarint(out)
		fmt.Printf("%d: % x -> %d %d\n", v, out, got, n)
	}
	_, n := binary.Uvarint([]byte{0xff, 0xff})
	fmt.Println(n)
	err = binary.Read(bytes.NewReader([]byte{1, 2}), binary.BigEndian, &back)
	fmt.Println(err)
	fmt.Println(binary.BigEndian, binary.LittleEndian.String(), binary.BigEndian.AppendUint64(nil, 1))
}
