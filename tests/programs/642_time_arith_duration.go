package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2023, time.December, 31, 23, 59, 30, 0, time.UTC)
	fmt.Println(t.Add(45*time.Second), t.Add(-24*time.Hour), t.AddDate(0, 2, 0), t.AddDate(1, -12, 1), t.AddDate(0, 0, 60))
	jan31 := time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC)
	fmt.Println(jan31.AddDate(0, 1, 0), time.Date(2023, 14, 35, 25, 61, 61, 0, time.UTC))
	u := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	d := u.Sub(t)
	fmt.Println(d, d.Hours(), d.Minutes(), d.Seconds(), d.Milliseconds(), int64(d))
	fmt.Println(t.Before(u), t.After(u), t.Equal(t.Add(0)), t.Compare(u), u.Compare(t))
	durs := []time.Duration{0, 1, 999, time.Microsecond, 1500 * time.Microsecond, time.Second, 90 * time.Second, 3*time.Hour + 25*time.Minute + 45*time.Second + 500*time.Millisecond, -2 * time.Minute, 1<<63 - 1, -1 << 63}
	for _, d := range durs {
		fmt.Printf("%v %d %s %.3f\n", d, d, d.String(), d.Seconds())
	}
	x := 7*time.Hour + 31*time.Minute + 17*time.Second + 250*time.Millisecond
	for _, m := range []time.Duration{time.Second, time.Minute, 15 * time.Minute, time.Hour, 0, -1} {
		fmt.Println(m, x.Truncate(m), x.Round(m))
	}
	fmt.Println(x.Abs(), (-x).Abs(), time.Duration(-1<<63).Abs())
	for _, s := range []string{"1h30m", "1.5h", "-3m2.5s", "300ms", "2us", "2µs", "1ns", "0", "", "1d", "5", "1h-1m", "9223372036854775807ns", "9223372036854775808ns", ".5s", "1e3s"} {
		d, err := time.ParseDuration(s)
		fmt.Printf("%q -> %v %v\n", s, d, err)
	}
	tm := time.Date(2024, 5, 17, 14, 37, 42, 987654321, time.UTC)
	for _, m := range []time.Duration{time.Nanosecond, time.Millisecond, time.Second, time.Minute, time.Hour, 24 * time.Hour, 7 * 24 * time.Hour} {
		fmt.Println(m, tm.Truncate(m).Format(time.RFC3339Nano), tm.Round(m).Format(time.RFC3339Nano))
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	days := 0
	for d := start; d.Year() == 2024; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Friday && d.Day() == 13 {
			fmt.Print(d.Format("Jan 2 "))
		}
		days++
	}
	fmt.Println(days)
	fmt.Println(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1).Day(), time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1).Day())
	loc := time.FixedZone("X", 3600*9+1800)
	a := time.Date(2024, 6, 1, 0, 0, 0, 0, loc)
	fmt.Println(a.UTC(), a.Sub(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)), a.Truncate(time.Hour))
	fmt.Println(time.Since(time.Now()) < time.Second, time.Until(time.Now().Add(time.Hour)) > 59*time.Minute)
	mono := time.Now()
	later := mono.Add(time.Millisecond)
	fmt.Println(later.Sub(mono), later.After(mono), mono.Round(0).Equal(mono))
}
