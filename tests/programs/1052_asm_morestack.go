package main

// Assembly functions without NOSPLIT (sha3's keccakF1600, sha256's and sha1's AVX2 blocks,
// AES-GCM) start with gc's stack check, which reads g at -8(FS) and calls
// runtime.morestack_noctxt when the goroutine is asked to yield. With one P, a goroutine
// that hashes in a loop must let the others run; their results must not change.

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	buf := make([]byte, 4096)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var spins int
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			sha3.Sum256(buf)
			spins++
		}
	}()
	// The sleeping goroutine gets the P back while the other one hashes.
	ticks := 0
	for i := 0; i < 5; i++ {
		time.Sleep(2 * time.Millisecond)
		ticks++
	}
	close(stop)
	wg.Wait()
	fmt.Println("ticks", ticks, "spun", spins > 0)

	s3 := sha3.Sum256(buf)
	s256 := sha256.Sum256(buf)
	s1 := sha1.Sum(buf)
	fmt.Printf("%x\n%x\n%x\n", s3[:8], s256[:8], s1[:8])
	block, err := aes.NewCipher(buf[:16])
	if err != nil {
		panic(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	sealed := gcm.Seal(nil, buf[:12], buf, nil)
	opened, err := gcm.Open(nil, buf[:12], sealed, nil)
	fmt.Printf("%x %v %v\n", sealed[len(sealed)-16:], err, string(opened) == string(buf))

	// Many goroutines hashing at once, switching at the checks.
	results := make([][32]byte, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := sha3.New256()
			for i := 0; i < 200; i++ {
				h.Write(buf[g : g+1000])
			}
			copy(results[g][:], h.Sum(nil))
		}()
	}
	wg.Wait()
	for _, r := range results {
		fmt.Printf("%x ", r[:4])
	}
	fmt.Println()
}
