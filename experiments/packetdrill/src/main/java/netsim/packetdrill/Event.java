package netsim.packetdrill;

/** One line of a script: a time and what happens then. */
record Event(int line, EventTime time, Action action) {}
