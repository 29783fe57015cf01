package emit

// SetUint16Points sets the most return points a goto frame of uint16
// holds and returns a function that restores it.
func SetUint16Points(n int) (restore func()) {
	old := uint16Points
	uint16Points = n
	return func() { uint16Points = old }
}
