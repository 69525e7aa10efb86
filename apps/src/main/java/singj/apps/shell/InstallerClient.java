package singj.apps.shell;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Endpoint;
import singj.abi.Installer;
import singj.abi.Message;
import singj.abi.Owned;

/**
 * The shell's side of the system's installer ({@link Installer} at {@value Installer#NAME}):
 * {@code install} and {@code programs}, over a channel opened at the first of them.
 */
public final class InstallerClient {
    private final Owned<Endpoint<Installer>> connection = new Owned<>();

    /**
     * Installs the host's jar {@code jar} under {@code name} (null: the jar's name); answers the summary line.
     *
     * @throws RefusedException with the installer's lines if it was not installed
     */
    synchronized String install(String jar, String name) {
        switch (ask(new Installer.Install(jar, name == null ? "" : name))) {
            case Installer.Installed(String summary) -> {
                return summary;
            }
            case Installer.Refused(String reason) -> throw new RefusedException(reason);
            case Message other -> throw new IllegalStateException("the installer answered an Install with " + other);
        }
    }

    /** The installed programs, sorted by name. */
    synchronized List<Installer.Program> programs() {
        List<Installer.Program> programs = new ArrayList<>();
        Endpoint<Installer> installer = Connections.take(connection, Installer.NAME, Installer.class);
        try {
            installer.send(new Installer.ListPrograms());
            for (Message m = installer.receive(); !(m instanceof Installer.End); m = installer.receive()) {
                switch (m) {
                    case Installer.Program program -> {
                        programs.add(program);
                        installer.send(new Installer.More());
                    }
                    case Installer.Refused(String reason) -> throw new RefusedException(reason);
                    default -> throw new IllegalStateException("the installer answered a ListPrograms with " + m);
                }
            }
        } finally {
            connection.put(installer);
        }
        return programs;
    }

    private Message ask(Message request) {
        Endpoint<Installer> installer = Connections.take(connection, Installer.NAME, Installer.class);
        try {
            installer.send(request);
            return installer.receive();
        } finally {
            connection.put(installer);
        }
    }
}
