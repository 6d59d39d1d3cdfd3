package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2024, time.February, 29, 13, 4, 5, 123456789, time.UTC)
	layouts := []string{time.ANSIC, time.UnixDate, time.RubyDate, time.RFC822, time.RFC822Z, time.RFC850, time.RFC1123, time.RFC1123Z, time.RFC3339, time.RFC3339Nano, time.Kitchen, time.Stamp, time.StampMilli, time.StampMicro, time.StampNano, time.DateTime, time.DateOnly, time.TimeOnly,
		"2006-01-02 15:04:05.000", "Mon Jan _2 3:4:5 PM 06", "02/01/2006 15h04", "Monday, January 2, 2006", ".999 .000000 ,999999999", "2006 002 __2", "-0700 -07:00 Z07:00 MST", "pm PM 3 03 15", "1 01 Jan January 2 02 _2"}
	for _, l := range layouts {
		fmt.Printf("%-40q %s\n", l, t.Format(l))
	}
	fmt.Println(t, t.String())
	fmt.Println(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Weekday(), t.YearDay())
	y, w := t.ISOWeek()
	fmt.Println(y, w, t.Unix(), t.UnixMilli(), t.UnixNano())
	east := time.FixedZone("EST5", -5*3600)
	tz := t.In(east)
	fmt.Println(tz, tz.Format(time.RFC3339), tz.Location(), tz.Equal(t), tz == t)
	name, off := tz.Zone()
	fmt.Println(name, off)
	parses := []struct{ layout, value string }{
		{time.RFC3339, "2023-10-05T08:30:00Z"},
		{time.RFC3339, "2023-10-05T08:30:00+05:30"},
		{time.RFC3339Nano, "2023-10-05T08:30:00.000000001-07:00"},
		{"2006-01-02", "2021-13-01"},
		{"2006-01-02", "2021-02-29"},
		{"2006-01-02", "2020-02-29"},
		{"Jan 2 2006 3:04PM", "Mar 9 2022 11:45PM"},
		{time.DateTime, "2022-03-09 23:45"},
		{"02 Jan 06 15:04 MST", "09 Mar 22 23:45 UTC"},
		{time.Kitchen, "25:00PM"},
		{"2006-01-02T15:04:05.999999999", "2000-01-01T00:00:00.5"},
		{time.RFC1123, "Tue, 10 Nov 2009 23:00:00 UTC"},
		{"2006 002", "2023 100"},
	}
	for _, p := range parses {
		v, err := time.Parse(p.layout, p.value)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(v, v.UTC().Format(time.RFC3339Nano), v.Unix())
	}
	v, err := time.ParseInLocation(time.DateTime, "2024-07-01 12:00:00", east)
	fmt.Println(v, err)
	u := time.Unix(1700000000, 5).UTC()
	fmt.Println(u, time.UnixMilli(-1).UTC(), time.Unix(0, 0).UTC())
	var zero time.Time
	fmt.Println(zero, zero.IsZero(), zero.Unix())
	b, _ := t.MarshalJSON()
	txt, _ := t.MarshalText()
	fmt.Println(string(b), string(txt))
	var back time.Time
	fmt.Println(back.UnmarshalText([]byte("2001-02-03T04:05:06.7+08:00")), back)
	fmt.Println(t.AppendFormat([]byte("at: "), time.Kitchen))
	fmt.Println(time.Month(13), time.Weekday(7), time.January, time.Saturday)
}
