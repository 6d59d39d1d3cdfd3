// metrics_godebugs.go's stand-in for programs built without a GOROOT, which import no
// standard-library package (runtime/metrics included): there are no GODEBUG settings.

package runtime

func godebugMetricNames() []string {
	return nil
}
