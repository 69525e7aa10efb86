/**
 * The programs of {@code singj bench --kill}: each prints one line once it is inside the code it
 * never leaves by itself, and then runs until it is killed. Each stands for one way code can keep a
 * thread from the kernel's kill checks: no call at all, handlers that catch the unwind, a long call
 * into the JDK (whose code has no kill checks), a blocking call that swallows interrupts, a monitor
 * or a class initialisation another thread of the SIP holds, many threads.
 */
package singj.bench.workloads.runaway;
