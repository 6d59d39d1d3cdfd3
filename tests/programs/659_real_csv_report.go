package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

const sales = `date,region,product,units,unit_price
2024-01-03,North,Widget,12,2.50
2024-01-03,South,Gadget,3,19.99
2024-01-04,North,Gadget,5,19.99
2024-01-05,East,Widget,40,2.45
2024-01-05,South,Widget,7,2.50
2024-01-06,West,Doohickey,1,149.00
2024-01-06,North,Widget,oops,2.50
2024-01-07,East,Gadget,9,18.50
2024-01-08,West,Widget,22,2.40
2024-01-08,South,Doohickey,2,145.00
2024-01-09,North,Doohickey,1,150.00
2024-01-09,East,Widget,15,2.45
`

type key struct{ region, product string }

type agg struct {
	units   int
	revenue float64
	orders  int
}

func main() {
	r := csv.NewReader(strings.NewReader(sales))
	header, err := r.Read()
	if err != nil {
		panic(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	totals := map[key]*agg{}
	byRegion := map[string]float64{}
	line := 1
	var skipped []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			panic(err)
		}
		units, err := strconv.Atoi(rec[col["units"]])
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		price, err := strconv.ParseFloat(rec[col["unit_price"]], 64)
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		k := key{rec[col["region"]], rec[col["product"]]}
		a := totals[k]
		if a == nil {
			a = &agg{}
			totals[k] = a
		}
		a.units += units
		a.revenue += float64(units) * price
		a.orders++
		byRegion[k.region] += float64(units) * price
	}
	keys := make([]key, 0, len(totals))
	for k := range totals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].region != keys[j].region {
			return keys[i].region < keys[j].region
		}
		return keys[i].product < keys[j].product
	})
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REGION\tPRODUCT\tORDERS\tUNITS\tREVENUE")
	grand := 0.0
	for _, k := range keys {
		a := totals[k]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%10.2f\n", k.region, k.product, a.orders, a.units, a.revenue)
		grand += a.revenue
	}
	fmt.Fprintf(tw, "\t\t\t\t----------\n\tTOTAL\t\t\t%10.2f\n", grand)
	tw.Flush()
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Slice(regions, func(i, j int) bool { return byRegion[regions[i]] > byRegion[regions[j]] })
	fmt.Println()
	for _, r := range regions {
		bar := strings.Repeat("█", int(byRegion[r]/10))
		fmt.Printf("%-6s %8.2f %5.1f%% %s\n", r, byRegion[r], 100*byRegion[r]/grand, bar)
	}
	fmt.Println("skipped:", skipped)
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"region", "revenue"})
	for _, r := range regions {
		w.Write([]string{r, strconv.FormatFloat(byRegion[r], 'f', 2, 64)})
	}
	w.Flush()
}
