package netsim.packetdrill;

/** What a script event does: a packet in or out, a system call, a shell command or code. */
sealed interface Action permits PacketSpec, SyscallSpec, ShellCommand, CodeBlock {}
