package singj.kernel.ipc;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.Side;

/**
 * The kernel's tree of names ({@code /service/echo}): each bound to a service SIP that hands out
 * a channel to every client that opens it, and to the contract that service speaks (its classes,
 * not only their name: {@link Contracts}). A SIP registers and opens only what its manifest
 * grants; a name disappears when its owner closes it or dies.
 *
 * <p>A name belongs to the program that first registered it, for the kernel's life: after its
 * SIP ends, only a SIP of the same program (the same installed name and code) may register it
 * again. Otherwise any program granted the name could wait for the service to die (or be killed)
 * and take its place, and its clients would talk to an impostor.
 *
 * <p>A name a system SIP registered is a system service ({@link Grants}): a user SIP opens it only
 * if its grant names it, so that the default offer of {@code /*} reaches only what user SIPs
 * registered. Its claim is the system's too: a user SIP of the same program does not register it
 * again, and so cannot turn it into an ordinary name.
 */
public final class NameServer {
    private static final Pattern NAME = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    /**
     * The longest name, in characters. A name's claim outlives its SIP, so without a bound one
     * SIP could leave megabytes in the kernel for good with a single name.
     */
    public static final int MAX_NAME_LENGTH = 1024;

    private final ConcurrentSkipListMap<String, ServiceEntry> names = new ConcurrentSkipListMap<>();
    /** The program each name belongs to: the first to register it. */
    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();
    private final ChannelTable channels;

    public NameServer(ChannelTable channels) {
        this.channels = channels;
    }

    public <C> Service<C> register(String name, Class<C> contract, Holdings owner) {
        checkName(name);
        if (!owner.grants().mayRegister(name)) {
            throw new NameServiceException(owner.describe() + " may not register " + name
                    + ": it was not granted it (" + owner.grants().describe() + ")");
        }
        owner.checkRoomForName(name); // before the claim: a SIP at its quota leaves no claim behind
        boolean system = owner.grants().system();
        Claim claim = claims.computeIfAbsent(name, _ -> new Claim(owner.identity(), owner.describe(), system));
        if (claim.system() && !system) {
            throw new NameServiceException(owner.describe() + " may not register " + name + ": it is a system service, "
                    + "which " + claim.first() + " registered first as a system SIP; only a system SIP registers it again");
        }
        if (!claim.identity().equals(owner.identity())) {
            throw new NameServiceException(owner.describe() + " may not register " + name + ": it belongs to "
                    + claim.identity() + ", whose " + claim.first() + " registered it first; only that program may "
                    + "register it again");
        }
        ServiceEntry entry = new ServiceEntry(name, contract, owner, system, this);
        if (names.putIfAbsent(name, entry) != null) {
            throw new NameServiceException(name + " is already registered by " + names.get(name).owner().describe());
        }
        boolean added = false;
        try {
            added = owner.add(entry);
        } finally {
            if (!added) {
                names.remove(name, entry);
            }
        }
        if (!added) {
            throw new NameServiceException(owner.describe() + " is ending");
        }
        return new Service<>(entry);
    }

    /** A new channel to the service at {@code name}: its server end queued for the service, the client end for {@code client}. */
    public <C> Endpoint<C> open(String name, Class<C> contract, Holdings client) {
        checkName(name);
        if (!client.grants().mayOpen(name)) {
            throw new NameServiceException(client.describe() + " may not open " + name
                    + ": it was not granted it (" + client.grants().describe() + ")");
        }
        ServiceEntry entry = names.get(name);
        if (entry != null && entry.system() && !client.grants().mayOpenService(name)) {
            throw new NameServiceException(client.describe() + " may not open " + name + ": it is a system service ("
                    + entry.owner().describe() + " registered it), which a user program opens only if its manifest "
                    + "and its starter name it, not a subtree such as /* (" + client.grants().describe() + ")");
        }
        return connect(entry, name, contract, client);
    }

    /**
     * The same, for a channel the kernel opens on a SIP's behalf (its standard output to the
     * console): no grant is needed, since the SIP's code never holds the endpoint.
     */
    public <C> Endpoint<C> openForKernel(String name, Class<C> contract, Holdings client) {
        return connect(names.get(name), name, contract, client);
    }

    /** A channel to {@code entry}, the service registered at {@code name} when the client's grant was checked, or null. */
    @SuppressWarnings("unchecked")
    private <C> Endpoint<C> connect(ServiceEntry entry, String name, Class<C> contract, Holdings client) {
        if (entry == null) {
            throw new NameServiceException("no service is registered at " + name);
        }
        if (entry.contract() != contract) {
            throw new NameServiceException(entry.contract().getName().equals(contract.getName())
                    ? name + " speaks " + contract.getName() + " as " + entry.owner().describe() + " defines it, and "
                            + client.describe() + "'s " + contract.getName() + " has other class files: another contract "
                            + "under the same name"
                    : name + " speaks " + entry.contract().getName() + ", not " + contract.getName());
        }
        ContractType type = ContractType.of(contract);
        client.reserveEnds(1);
        Channel channel = channels.create(type);
        channel.openedBy(client);
        String full;
        try {
            full = entry.connect(channel.end(Side.SERVER));
        } catch (NameServiceException gone) {
            full = gone.getMessage(); // the service went away meanwhile
        }
        if (full != null) {
            // neither end was held by anyone: closing them leaves nothing, in the kernel or charged to the client
            client.unreserveEnds(1);
            channel.end(Side.SERVER).closeBecause(full);
            channel.end(Side.CLIENT).closeBecause(full);
            throw new NameServiceException(full);
        }
        return (Endpoint<C>) channel.end(Side.CLIENT).handTo(client);
    }

    void remove(ServiceEntry entry) {
        names.remove(entry.name(), entry);
    }

    /** A line per name, in order: for the shell's {@code ns}. */
    public List<NameInfo> list() {
        return names.values().stream()
                .map(e -> new NameInfo(e.name(), e.contract().getName(), e.owner().pid(), e.owner().program(), e.backlog()))
                .toList();
    }

    /** Who a name belongs to: the program's identity, the SIP of it that registered the name first, and whether that was a system SIP. */
    private record Claim(String identity, String first, boolean system) {}

    public record NameInfo(String name, String contract, int pid, String program, int waiting) {}

    private static void checkName(String name) {
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw new NameServiceException("not a name: " + name.substring(0, 64) + "... has " + name.length()
                    + " characters; names have at most " + MAX_NAME_LENGTH);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NameServiceException("not a name: " + name + " (names look like /service/echo)");
        }
    }
}
