package singj.services;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Installer;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.kernel.Kernel;

/**
 * The system's installer service at {@value Installer#NAME}: {@link Installer} answered from a
 * {@link ProgramManager} (the image the system booted from), on a thread per client. It runs in
 * the name of the embedding host, which holds the system's names; the shell reaches it only by
 * contract. Only system SIPs are granted the name: it reads host jars and changes the image.
 */
public final class InstallerServer {
    private final ProgramManager programs;
    private final Service<Installer> service;

    private InstallerServer(Kernel kernel, ProgramManager programs) {
        this.programs = programs;
        this.service = kernel.ipc().names().register(Installer.NAME, Installer.class, kernel.host());
    }

    /** Registers the service and serves it until the kernel shuts down. */
    public static InstallerServer start(Kernel kernel, ProgramManager programs) {
        InstallerServer server = new InstallerServer(kernel, programs);
        Thread.ofPlatform().daemon().name("singj-installer").start(server::acceptClients);
        return server;
    }

    private void acceptClients() {
        try {
            while (true) {
                Endpoint<Installer> client = service.accept();
                Thread.ofPlatform().daemon().name("singj-installer-client").start(() -> serve(client));
            }
        } catch (NameServiceException | Error closed) {
            // the kernel shut down: the host's holdings were released, and the name with them
        }
    }

    private void serve(Endpoint<Installer> client) {
        try {
            while (true) {
                switch (client.receive()) {
                    case Installer.Install(String jar, String name) -> client.send(install(jar, name));
                    case Installer.ListPrograms() -> list(client);
                    case Message other -> throw new IllegalStateException("the contract admits no " + other);
                }
            }
        } catch (ChannelClosedException | NameServiceException | Error gone) {
            if (client.isOpen()) {
                client.close();
            }
        }
    }

    private Message install(String jar, String name) {
        try {
            return new Installer.Installed(programs.install(path(jar), name.isEmpty() ? null : name));
        } catch (ProgramException e) {
            return new Installer.Refused(String.join("\n", e.lines()));
        } catch (RuntimeException e) {
            return new Installer.Refused("internal error: " + e);
        }
    }

    private void list(Endpoint<Installer> client) {
        List<InstalledProgram> installed;
        try {
            installed = programs.programs();
        } catch (RuntimeException e) {
            client.send(new Installer.Refused("cannot read the image: " + e.getMessage()));
            return;
        }
        for (InstalledProgram program : installed) {
            client.send(new Installer.Program(program.name(), program.mainClass(), program.classes(),
                    program.installed().toEpochMilli()));
            client.receive(); // More, the only answer the contract admits
        }
        client.send(new Installer.End());
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ProgramException("'" + text + "' is not a file name: " + e.getReason());
        }
    }
}
