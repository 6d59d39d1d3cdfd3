package calc

// Double exports double to the external test package, as Go's own packages do.
var Double = double
