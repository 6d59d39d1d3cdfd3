package main

// Integer literals beyond the untyped-constant precision (512 bits) overflow.

const Big = 912_345_678_901_234_567_890_123_456_789_012_345_678_901_234_567_890_912_345_678_901_234_567_890_123_456_789_012_345_678_901_234_567_890_912_345_678_901_234_567_890_123_456_789_012_345_678_901_234_567_890_912

const Fine = 1 << 500

func main() {
	println(Fine>>499, Big)
}
