package fuzz

// MsgField is Msg.field for the external tests: the value of one of a
// message's compared fields by name ("body", "keep-alive"), as the
// oracles compare it.
func MsgField(m Msg, f string) string { return m.field(f) }
