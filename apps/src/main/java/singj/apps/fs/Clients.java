package singj.apps.fs;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.Opener;
import singj.fs.Quota;

/**
 * What the file system keeps per client SIP: one quota of bytes and files, and one count of the
 * endpoints it holds open, over every connection it makes to {@value singj.abi.Directory#ROOT} and
 * every endpoint opened through them. The client is the SIP the kernel says opened the connection
 * ({@link singj.abi.Endpoint#opener()}), which no client can choose, so a SIP that connects again
 * meets its own quota, already used, and its own count of open endpoints.
 *
 * <p>A client's record lives as long as the SIP: it is dropped once the kernel says the SIP has
 * ended, and pids are not reused within a boot, so no later SIP inherits it. The quota is the
 * SIP's, not its program's: a program run again starts from nothing, as it would with a new
 * process's resource limits. What bounds the disk across runs is the disk itself (a full disk
 * answers {@code no-space} and loses nothing); a quota per program would need an owner recorded
 * in each inode (an on-disk format change), and one per user needs users.
 *
 * <p>An endpoint a client passes to another SIP goes on charging the client that opened it: the
 * endpoint is the capability, and its account goes with it.
 */
final class Clients {
    static final long QUOTA_BYTES = 32L << 20;
    static final long QUOTA_FILES = 4096;
    /** Endpoints one client SIP holds open at once, its connections to the root included. */
    static final int MAX_OPEN = 64;

    /** One client SIP's share. */
    static final class Client {
        /** Changed under the file system's lock, as every {@link Quota} is. */
        final Quota quota;
        final AtomicInteger open = new AtomicInteger();
        final String who;

        Client(String who, Quota quota) {
            this.who = who;
            this.quota = quota;
        }
    }

    private record Known(Opener opener, Client client) {}

    private final Map<Integer, Known> byPid = new HashMap<>();
    private final long quotaBytes;
    private final long quotaFiles;

    Clients(long quotaBytes, long quotaFiles) {
        this.quotaBytes = quotaBytes;
        this.quotaFiles = quotaFiles;
    }

    /**
     * The record of the SIP that opened a connection, made at its first. A connection whose
     * opener the kernel does not name (a file system in a process of its own, where the kernel's
     * line does not carry it yet) gets a record of its own, as every connection did before.
     */
    synchronized Client of(Opener opener) {
        forgetEnded();
        if (opener == null) {
            return new Client("this client", new Quota(quotaBytes, quotaFiles));
        }
        return byPid.computeIfAbsent(opener.pid(),
                _ -> new Known(opener, new Client(opener.toString(), new Quota(quotaBytes, quotaFiles)))).client();
    }

    /** Drops the records of SIPs that have ended; their endpoints still open (passed on) keep their record alive. */
    synchronized void forgetEnded() {
        byPid.values().removeIf(known -> !known.opener().running());
    }

}
