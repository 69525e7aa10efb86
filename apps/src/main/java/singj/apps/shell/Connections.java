package singj.apps.shell;

import singj.abi.Endpoint;
import singj.abi.Owned;
import singj.abi.Sip;

/** The shell's channels to the system's services: one per service, kept in an {@link Owned} between commands. */
final class Connections {
    private Connections() {}

    /**
     * The channel kept in {@code cell} (which is empty afterwards: put it back), or a new one to
     * {@code name} if there is none or the service closed it (a restarted service is reached again).
     */
    static <C> Endpoint<C> take(Owned<Endpoint<C>> cell, String name, Class<C> contract) {
        if (!cell.isEmpty()) {
            Endpoint<C> kept = cell.take();
            if (kept.isOpen()) {
                return kept;
            }
        }
        return Sip.open(name, contract);
    }
}
