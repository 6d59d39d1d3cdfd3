// The /godebug/non-default-behavior/* metric names, one per non-opaque setting of
// internal/godebugs (which gc's runtime imports too). Without a GOROOT, rgo compiles
// metrics_nogoroot.go in its place: such a program imports no standard-library package, so
// runtime/metrics cannot be among them.

package runtime

import "internal/godebugs"

func godebugMetricNames() []string {
	var names []string
	for _, info := range godebugs.All {
		if !info.Opaque {
			names = append(names, "/godebug/non-default-behavior/"+info.Name+":events")
		}
	}
	return names
}
