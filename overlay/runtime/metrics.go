// runtime/metrics' side in the runtime (gc's metrics.go): the metrics gc supports, by name,
// with the kind runtime/metrics/description.go gives each, computed from rgo's allocator,
// collector and scheduler statistics (rt/src/mgc.rs, malloc.rs, sched.rs, mfinal.rs).
//
// rgo runs every goroutine on one thread and stops nothing to collect (its collector runs on
// that thread), so some metrics have fixed values by construction rather than missing ones:
// one thread and GOMAXPROCS 1, no cgo calls, no time spent stopping the world other than for
// a collection (zero-length stopping latencies), no concurrent mark (all collector CPU time
// is pause time), no memory-limit-based GC limiter. Where rgo does not measure what gc does
// (scheduling latencies, mutex wait time, scan work), the metric reads zero samples.

package runtime

import "unsafe"

// metricValue is runtime/metrics.Value; metricSample is runtime/metrics.Sample.
type metricValue struct {
	kind    metricKind
	scalar  uint64
	pointer unsafe.Pointer
}

type metricSample struct {
	name  string
	value metricValue
}

type metricKind int

const (
	metricKindBad metricKind = iota
	metricKindUint64
	metricKindFloat64
	metricKindFloat64Histogram
)

// metricFloat64Histogram is runtime/metrics.Float64Histogram.
type metricFloat64Histogram struct {
	counts  []uint64
	buckets []float64
}

// metricsStats is rt/src/mgc.rs's MetricsStats, field for field.
type metricsStats struct {
	gcPercent          int64
	memoryLimit        int64
	heapMarked         uint64
	heapGoal           uint64
	numGC              uint64
	numForcedGC        uint64
	pauseTotalNs       uint64
	uptimeNs           uint64
	goroutinesCreated  uint64
	goroutinesRunnable uint64
	goroutinesRunning  uint64
	goroutinesWaiting  uint64
	finalizersQueued   uint64
	finalizersExecuted uint64
	cleanupsQueued     uint64
	cleanupsExecuted   uint64
	largeAllocs        uint64
	largeAllocBytes    uint64
	largeFrees         uint64
	largeFreeBytes     uint64
	smallAllocs        [numSizeClasses]uint64
	smallFrees         [numSizeClasses]uint64
	pauseHist          [timeHistTotalBuckets]uint64
}

const (
	numSizeClasses = 68
	// gc's time histogram shape (rt/src/mgc.rs): 40 powers of two from 2^9 ns, 4 sub-buckets
	// each, plus underflow and overflow.
	timeHistMinBucketBits = 9
	timeHistMaxBucketBits = 48
	timeHistSubBucketBits = 2
	timeHistNumSubBuckets = 1 << timeHistSubBucketBits
	timeHistNumBuckets    = timeHistMaxBucketBits - timeHistMinBucketBits + 1
	timeHistTotalBuckets  = timeHistNumBuckets*timeHistNumSubBuckets + 2
)

func readMetricsStats(out *metricsStats)

// metricsAgg is one sample's view of the statistics, read once per Read call.
type metricsAgg struct {
	mem MemStats
	st  metricsStats
}

type metricData struct {
	kind    metricKind
	compute func(a *metricsAgg, out *metricValue)
}

var (
	metrics     map[string]metricData
	metricNames []string

	sizeClassBuckets []float64
	timeHistBuckets  []float64
)

func u64Metric(f func(a *metricsAgg) uint64) metricData {
	return metricData{kind: metricKindUint64, compute: func(a *metricsAgg, out *metricValue) {
		out.kind = metricKindUint64
		out.scalar = f(a)
	}}
}

func f64Metric(f func(a *metricsAgg) float64) metricData {
	return metricData{kind: metricKindFloat64, compute: func(a *metricsAgg, out *metricValue) {
		out.kind = metricKindFloat64
		out.scalar = float64bits(f(a))
	}}
}

// histMetric fills a histogram with the given bucket boundaries; f writes its counts.
func histMetric(buckets *[]float64, f func(a *metricsAgg, counts []uint64)) metricData {
	return metricData{kind: metricKindFloat64Histogram, compute: func(a *metricsAgg, out *metricValue) {
		out.kind = metricKindFloat64Histogram
		hist := (*metricFloat64Histogram)(out.pointer)
		if hist == nil || len(hist.buckets) != len(*buckets) {
			hist = &metricFloat64Histogram{
				counts:  make([]uint64, len(*buckets)-1),
				buckets: *buckets,
			}
			out.pointer = unsafe.Pointer(hist)
		}
		clear(hist.counts)
		f(a, hist.counts)
	}}
}

func float64bits(f float64) uint64 {
	return *(*uint64)(unsafe.Pointer(&f))
}

func float64frombits(b uint64) float64 {
	return *(*float64)(unsafe.Pointer(&b))
}

// nsToSec converts nanoseconds to seconds.
func nsToSec(ns uint64) float64 {
	return float64(ns) / 1e9
}

func initMetrics() {
	if metrics != nil {
		return
	}
	// Size classes: gc's buckets start at 1 byte, then each class's size + 1, then +Inf; the
	// last count is the large objects.
	sizeClassBuckets = []float64{1}
	for s := uintptr(1); s <= 32768; {
		c := roundupsize(s, true)
		sizeClassBuckets = append(sizeClassBuckets, float64(c+1))
		s = c + 1
	}
	sizeClassBuckets = append(sizeClassBuckets, float64frombits(0x7ff0000000000000))
	timeHistBuckets = timeHistogramMetricsBuckets()

	cpuGC := func(a *metricsAgg) float64 { return nsToSec(a.st.pauseTotalNs) }
	cpuTotal := func(a *metricsAgg) float64 { return nsToSec(a.st.uptimeNs) }
	zeroF := func(a *metricsAgg) float64 { return 0 }
	zeroU := func(a *metricsAgg) uint64 { return 0 }
	noSamples := func(a *metricsAgg, counts []uint64) {}
	pauses := func(a *metricsAgg, counts []uint64) { copy(counts, a.st.pauseHist[:]) }
	// Stopping the world for a collection takes no time: one zero-length sample per cycle.
	stoppingGC := func(a *metricsAgg, counts []uint64) { counts[1] = a.st.numGC }

	metrics = map[string]metricData{
		"/cgo/go-to-c-calls:calls":                  u64Metric(zeroU),
		"/cpu/classes/gc/mark/assist:cpu-seconds":    f64Metric(zeroF),
		"/cpu/classes/gc/mark/dedicated:cpu-seconds": f64Metric(zeroF),
		"/cpu/classes/gc/mark/idle:cpu-seconds":      f64Metric(zeroF),
		"/cpu/classes/gc/pause:cpu-seconds":          f64Metric(cpuGC),
		"/cpu/classes/gc/total:cpu-seconds":          f64Metric(cpuGC),
		"/cpu/classes/idle:cpu-seconds":              f64Metric(zeroF),
		"/cpu/classes/scavenge/assist:cpu-seconds":   f64Metric(zeroF),
		"/cpu/classes/scavenge/background:cpu-seconds": f64Metric(zeroF),
		"/cpu/classes/scavenge/total:cpu-seconds":    f64Metric(zeroF),
		"/cpu/classes/total:cpu-seconds":             f64Metric(cpuTotal),
		"/cpu/classes/user:cpu-seconds": f64Metric(func(a *metricsAgg) float64 {
			return cpuTotal(a) - cpuGC(a)
		}),
		"/gc/cleanups/executed:cleanups": u64Metric(func(a *metricsAgg) uint64 { return a.st.cleanupsExecuted }),
		"/gc/cleanups/queued:cleanups":   u64Metric(func(a *metricsAgg) uint64 { return a.st.cleanupsQueued }),
		"/gc/cycles/automatic:gc-cycles": u64Metric(func(a *metricsAgg) uint64 { return a.st.numGC - a.st.numForcedGC }),
		"/gc/cycles/forced:gc-cycles":    u64Metric(func(a *metricsAgg) uint64 { return a.st.numForcedGC }),
		"/gc/cycles/total:gc-cycles":     u64Metric(func(a *metricsAgg) uint64 { return a.st.numGC }),
		"/gc/finalizers/executed:finalizers": u64Metric(func(a *metricsAgg) uint64 {
			return a.st.finalizersExecuted
		}),
		"/gc/finalizers/queued:finalizers": u64Metric(func(a *metricsAgg) uint64 { return a.st.finalizersQueued }),
		"/gc/gogc:percent": u64Metric(func(a *metricsAgg) uint64 { return uint64(a.st.gcPercent) }),
		"/gc/gomemlimit:bytes": u64Metric(func(a *metricsAgg) uint64 {
			return uint64(a.st.memoryLimit)
		}),
		"/gc/heap/allocs-by-size:bytes": histMetric(&sizeClassBuckets, func(a *metricsAgg, counts []uint64) {
			copy(counts, a.st.smallAllocs[1:])
			counts[len(counts)-1] = a.st.largeAllocs
		}),
		"/gc/heap/allocs:bytes":   u64Metric(func(a *metricsAgg) uint64 { return a.mem.TotalAlloc }),
		"/gc/heap/allocs:objects": u64Metric(func(a *metricsAgg) uint64 { return a.mem.Mallocs }),
		"/gc/heap/frees-by-size:bytes": histMetric(&sizeClassBuckets, func(a *metricsAgg, counts []uint64) {
			copy(counts, a.st.smallFrees[1:])
			counts[len(counts)-1] = a.st.largeFrees
		}),
		"/gc/heap/frees:bytes":         u64Metric(func(a *metricsAgg) uint64 { return a.mem.TotalAlloc - a.mem.HeapAlloc }),
		"/gc/heap/frees:objects":       u64Metric(func(a *metricsAgg) uint64 { return a.mem.Frees }),
		"/gc/heap/goal:bytes":          u64Metric(func(a *metricsAgg) uint64 { return a.st.heapGoal }),
		"/gc/heap/live:bytes":          u64Metric(func(a *metricsAgg) uint64 { return a.st.heapMarked }),
		"/gc/heap/objects:objects":     u64Metric(func(a *metricsAgg) uint64 { return a.mem.HeapObjects }),
		"/gc/heap/tiny/allocs:objects": u64Metric(zeroU), // rgo has no tiny allocator
		"/gc/limiter/last-enabled:gc-cycle": u64Metric(zeroU),
		"/gc/pauses:seconds":                histMetric(&timeHistBuckets, pauses),
		"/gc/scan/globals:bytes":            u64Metric(zeroU),
		"/gc/scan/heap:bytes":               u64Metric(zeroU),
		"/gc/scan/stack:bytes":              u64Metric(zeroU),
		"/gc/scan/total:bytes":              u64Metric(zeroU),
		"/gc/stack/starting-size:bytes":     u64Metric(func(a *metricsAgg) uint64 { return fixedStack }),
		"/memory/classes/heap/free:bytes": u64Metric(func(a *metricsAgg) uint64 {
			return a.mem.HeapIdle - a.mem.HeapReleased
		}),
		"/memory/classes/heap/objects:bytes": u64Metric(func(a *metricsAgg) uint64 { return a.mem.HeapAlloc }),
		"/memory/classes/heap/released:bytes": u64Metric(func(a *metricsAgg) uint64 {
			return a.mem.HeapReleased
		}),
		"/memory/classes/heap/stacks:bytes": u64Metric(func(a *metricsAgg) uint64 { return a.mem.StackInuse }),
		"/memory/classes/heap/unused:bytes": u64Metric(func(a *metricsAgg) uint64 {
			return a.mem.HeapInuse - a.mem.HeapAlloc
		}),
		"/memory/classes/metadata/mcache/free:bytes": u64Metric(func(a *metricsAgg) uint64 {
			return a.mem.MCacheSys - a.mem.MCacheInuse
		}),
		"/memory/classes/metadata/mcache/inuse:bytes": u64Metric(func(a *metricsAgg) uint64 { return a.mem.MCacheInuse }),
		"/memory/classes/metadata/mspan/free:bytes": u64Metric(func(a *metricsAgg) uint64 {
			return a.mem.MSpanSys - a.mem.MSpanInuse
		}),
		"/memory/classes/metadata/mspan/inuse:bytes": u64Metric(func(a *metricsAgg) uint64 { return a.mem.MSpanInuse }),
		"/memory/classes/metadata/other:bytes":       u64Metric(func(a *metricsAgg) uint64 { return a.mem.GCSys }),
		"/memory/classes/os-stacks:bytes":            u64Metric(zeroU), // no cgo threads
		"/memory/classes/other:bytes":                u64Metric(func(a *metricsAgg) uint64 { return a.mem.OtherSys }),
		"/memory/classes/profiling/buckets:bytes":    u64Metric(func(a *metricsAgg) uint64 { return a.mem.BuckHashSys }),
		"/memory/classes/total:bytes":                u64Metric(func(a *metricsAgg) uint64 { return a.mem.Sys }),
		"/sched/gomaxprocs:threads":                  u64Metric(func(a *metricsAgg) uint64 { return 1 }),
		"/sched/goroutines-created:goroutines": u64Metric(func(a *metricsAgg) uint64 {
			return a.st.goroutinesCreated
		}),
		"/sched/goroutines/not-in-go:goroutines": u64Metric(zeroU),
		"/sched/goroutines/runnable:goroutines": u64Metric(func(a *metricsAgg) uint64 {
			return a.st.goroutinesRunnable
		}),
		"/sched/goroutines/running:goroutines": u64Metric(func(a *metricsAgg) uint64 {
			return a.st.goroutinesRunning
		}),
		"/sched/goroutines/waiting:goroutines": u64Metric(func(a *metricsAgg) uint64 {
			return a.st.goroutinesWaiting
		}),
		"/sched/goroutines:goroutines": u64Metric(func(a *metricsAgg) uint64 {
			return a.st.goroutinesRunnable + a.st.goroutinesRunning + a.st.goroutinesWaiting
		}),
		"/sched/latencies:seconds":              histMetric(&timeHistBuckets, noSamples),
		"/sched/pauses/stopping/gc:seconds":     histMetric(&timeHistBuckets, stoppingGC),
		"/sched/pauses/stopping/other:seconds":  histMetric(&timeHistBuckets, noSamples),
		"/sched/pauses/total/gc:seconds":        histMetric(&timeHistBuckets, pauses),
		"/sched/pauses/total/other:seconds":     histMetric(&timeHistBuckets, noSamples),
		"/sched/threads/total:threads":          u64Metric(func(a *metricsAgg) uint64 { return 1 }),
		"/sync/mutex/wait/total:seconds":        f64Metric(zeroF),
	}
	// Every GODEBUG setting's non-default-behavior counter reads 0 until internal/godebug
	// registers its reader (godebug_registerMetric), as in gc.
	for _, name := range godebugMetricNames() {
		metrics[name] = u64Metric(zeroU)
	}
	for name := range metrics {
		metricNames = append(metricNames, name)
	}
}

// fixedStack is the stack size a goroutine starts with as gc counts it (its _FixedStack):
// rgo's stacks are reservations committed as they are touched, so the first page is what a
// new goroutine uses.
const fixedStack = 4096

// timeHistogramMetricsBuckets are the boundaries of a time histogram's buckets in seconds:
// -Inf, the sub-buckets of the range below 2^9 ns, those of each power of two, 2^47 ns, +Inf.
func timeHistogramMetricsBuckets() []float64 {
	b := make([]float64, timeHistTotalBuckets+1)
	b[0] = float64frombits(0xfff0000000000000)
	for j := 0; j < timeHistNumSubBuckets; j++ {
		b[j+1] = float64(uint64(j)<<(timeHistMinBucketBits-1-timeHistSubBucketBits)) / 1e9
	}
	for i := timeHistMinBucketBits; i < timeHistMaxBucketBits; i++ {
		for j := 0; j < timeHistNumSubBuckets; j++ {
			ns := uint64(1)<<(i-1) | uint64(j)<<(i-1-timeHistSubBucketBits)
			b[(i-timeHistMinBucketBits+1)*timeHistNumSubBuckets+j+1] = float64(ns) / 1e9
		}
	}
	b[len(b)-2] = float64(uint64(1)<<(timeHistMaxBucketBits-1)) / 1e9
	b[len(b)-1] = float64frombits(0x7ff0000000000000)
	return b
}

//go:linkname godebug_registerMetric internal/godebug.registerMetric
func godebug_registerMetric(name string, read func() uint64) {
	initMetrics()
	if _, ok := metrics[name]; !ok {
		throw("runtime: unexpected metric registration for " + name)
	}
	metrics[name] = u64Metric(func(a *metricsAgg) uint64 { return read() })
}

//go:linkname readMetricNames runtime/metrics_test.runtime_readMetricNames
func readMetricNames() []string {
	initMetrics()
	return append([]string(nil), metricNames...)
}

//go:linkname readMetrics runtime/metrics.runtime_readMetrics
func readMetrics(samplesp unsafe.Pointer, len int, cap int) {
	initMetrics()
	samples := unsafe.Slice((*metricSample)(samplesp), cap)[:len]
	var a metricsAgg
	readmemstats(&a.mem)
	readMetricsStats(&a.st)
	for i := range samples {
		s := &samples[i]
		d, ok := metrics[s.name]
		if !ok {
			s.value.kind = metricKindBad
			continue
		}
		d.compute(&a, &s.value)
	}
}
