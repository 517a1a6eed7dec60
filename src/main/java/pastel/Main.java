package pastel;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import pastel.config.Config;
import pastel.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/// The `pastel` command line: `serve`, and the operator's `admin` commands.
@Command(name = "pastel", mixinStandardHelpOptions = true, version = "pastel 0.1",
        description = "Ephemeral photos, videos, stories and chat, self-hosted.",
        subcommands = {Main.Serve.class, Main.Admin.class, Main.WarmupCommand.class})
public final class Main implements Runnable {
    private final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        // `serve` takes no options: skip picocli's reflective model (~0.15 s of start-up) for it.
        if (args.length == 1 && args[0].equals("serve")) {
            var serve = new Serve();
            serve.main = new Main(System.getenv());
            System.exit(serve.call());
        }
        System.exit(run(System.getenv(), args));
    }

    /// Runs one command line with the given environment; returns the exit code.
    public static int run(Map<String, String> env, String... args) {
        return new CommandLine(new Main(env)).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    Config config() {
        return Config.fromEnvironment(env);
    }

    @Command(name = "serve", description = "Start the server (configuration from PASTEL_* variables).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.ParentCommand Main main;

        @Override
        public Integer call() throws InterruptedException {
            var log = LoggerFactory.getLogger("pastel");
            var started = System.nanoTime();
            var config = main.config();
            config.describe().forEach((key, value) -> log.info("config {}={}", key, value));
            var app = App.start(config, Clock.systemUTC());
            log.info("ready url=http://{}:{} database={} startup_ms={}", config.host(), app.port(),
                    app.database().dialect().name().toLowerCase(), (System.nanoTime() - started) / 1_000_000);
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("stopping");
                app.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "warmup", hidden = true,
            description = "Exercise the server once (used by the build to record the start-up cache).")
    static final class WarmupCommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return Warmup.run();
        }
    }

    @Command(name = "admin", description = "Operator commands, run against the configured database.",
            subcommands = {CreateAdmin.class, Verify.class, Due.class, Reports.class, PushRotateKey.class,
                    BackupCommand.class, RestoreCommand.class, Sweep.class})
    static final class Admin implements Runnable {
        @CommandLine.ParentCommand Main main;

        @Override
        public void run() {
            new CommandLine(this).usage(System.out);
        }
    }

    @Command(name = "create-admin",
            description = "Create an instance admin (or make an existing account admin). "
                    + "The password comes from PASTEL_ADMIN_PASSWORD, else it is asked for.")
    static final class CreateAdmin implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;
        @Parameters(index = "0", description = "username") String username;

        @Override
        public Integer call() {
            var password = admin.main.env.get("PASTEL_ADMIN_PASSWORD");
            if (password == null || password.isEmpty()) {
                var console = System.console();
                if (console == null) {
                    System.err.println("no terminal to ask for the password: set PASTEL_ADMIN_PASSWORD");
                    return 2;
                }
                password = new String(console.readPassword("Password for %s: ", username));
            }
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null)) {
                var services = Services.build(config, database, Clock.systemUTC());
                var account = services.accounts().createAdmin(username, password);
                // A new password signs out every device, as PATCH /me does: whoever knew the old
                // one is out (running nodes close its WebSockets by their next ping).
                services.sessions().endAll(account.id());
                System.out.println("admin " + account.username() + " is ready");
                return 0;
            } catch (pastel.problem.PastelException e) {
                System.err.println("refused: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "due", description = "List what is due for deletion now (every kind), uploads left in the spool, orphan blobs (no row) and rows whose blob is missing.")
    static final class Due implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;

        @Override
        public Integer call() throws Exception {
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null)) {
                var blobs = pastel.blob.BlobStore.open(config);
                var media = new pastel.media.MediaService(new pastel.media.MediaStore(database.jdbi()), blobs,
                        blobs.incoming(), Clock.systemUTC());
                pastel.admin.DueReport.print(System.out, config, database, media, blobs.incoming(), App.SWEEP_PERIOD);
                return 0;
            }
        }
    }

    @Command(name = "sweep", description = "Delete expired media now and reconcile orphan blobs over the whole store "
            + "(what the servers' sweeper does in the background).")
    static final class Sweep implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;
        @CommandLine.Option(names = "--orphan-grace-seconds", defaultValue = "600",
                description = "leave blobs younger than this alone: they may be uploads in flight (0 only with every node stopped)")
        long graceSeconds;

        @Override
        public Integer call() {
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null);
                 var blobs = pastel.blob.BlobStore.open(config)) {
                var media = new pastel.media.MediaService(new pastel.media.MediaStore(database.jdbi()), blobs,
                        blobs.incoming(), Clock.systemUTC());
                var expired = media.sweepExpired();
                var orphans = media.reconcileOrphans("", java.time.Duration.ofSeconds(graceSeconds));
                System.out.println("expired media deleted: " + expired + ", orphan blobs deleted: " + orphans);
                return 0;
            }
        }
    }

    @Command(name = "backup", description = "Copy the SQLite database (online) and the blob files into DIR (empty or new).")
    static final class BackupCommand implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;
        @Parameters(index = "0", description = "directory to write the backup to") java.nio.file.Path dir;

        @Override
        public Integer call() throws Exception {
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null)) {
                var summary = pastel.admin.Backup.backup(config, database, dir);
                System.out.printf("backup in %s: database %d bytes, %d blobs (%d bytes)%n", dir, summary.databaseBytes(),
                        summary.blobs(), summary.blobBytes());
                return 0;
            } catch (IllegalStateException | java.nio.file.FileAlreadyExistsException e) {
                System.err.println("refused: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "restore", description = "Copy a backup from DIR into the (empty) PASTEL_DATA_DIR. "
            + "The next start applies every expiry that passed since, before serving anything.")
    static final class RestoreCommand implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;
        @Parameters(index = "0", description = "directory holding a backup") java.nio.file.Path dir;

        @Override
        public Integer call() throws Exception {
            var config = admin.main.config();
            try {
                var summary = pastel.admin.Backup.restore(config, dir);
                System.out.printf("restored into %s: database %d bytes, %d blobs (%d bytes); `pastel serve` deletes "
                        + "what expired since the backup before it serves anything%n", config.dataDir(),
                        summary.databaseBytes(), summary.blobs(), summary.blobBytes());
                return 0;
            } catch (IllegalStateException | java.io.IOException e) {
                System.err.println("refused: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "push-rotate-key", description = "Make a new VAPID key pair for Web Push; browsers move to it when "
            + "they next open Pastel, and the old key signs for them until then.")
    static final class PushRotateKey implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;

        @Override
        public Integer call() {
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null)) {
                var accounts = Services.build(config, database, Clock.systemUTC()).accounts();
                var push = new pastel.push.PushService(database.jdbi(), accounts, Clock.systemUTC(), config.push().contact(), false);
                var before = push.keys().current().publicKey();
                var after = push.keys().rotate();
                System.out.println("VAPID public key was " + before);
                System.out.println("VAPID public key is  " + after);
                return 0;
            }
        }
    }

    @Command(name = "reports", description = "List open reports, oldest first; --close ID resolves one.")
    static final class Reports implements Callable<Integer> {
        @CommandLine.ParentCommand Admin admin;
        @CommandLine.Option(names = "--close", description = "resolve the open report with this id") String close;

        @Override
        public Integer call() {
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null)) {
                var reports = new pastel.report.ReportService(database.jdbi(), new pastel.account.AccountStore(database.jdbi()), null, Clock.systemUTC());
                if (close != null) {
                    if (!reports.close(close)) {
                        System.err.println("no open report " + close);
                        return 1;
                    }
                    System.out.println("closed " + close);
                    return 0;
                }
                var open = reports.open();
                System.out.println("open reports (" + open.size() + "):");
                for (var r : open) {
                    System.out.printf("  %s  %s  by %s  %s%s%s  \"%s\"%n", r.id(), r.createdAt(), r.reporter(),
                            r.account() == null ? "" : "account=" + r.account() + " ",
                            r.storyId() == null ? "" : "story=" + r.storyId() + " ",
                            r.snapId() == null ? "" : "snap=" + r.snapId(), r.reason().replace("\n", " "));
                }
                return 0;
            }
        }
    }

    @Command(name = "verify", description = "Grant (or with --revoke, take back) the verified badge of a public account.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", description = "username") String username;
        @CommandLine.Option(names = "--revoke", description = "remove the badge instead") boolean revoke;
        @CommandLine.ParentCommand Admin admin;

        @Override
        public Integer call() {
            var config = admin.main.config();
            try (var database = Database.open(config.databaseUrl(), config.dataDir(), null)) {
                var services = Services.build(config, database, Clock.systemUTC());
                services.accounts().setVerified(username, !revoke);
                System.out.println(username + (revoke ? " is no longer verified" : " is verified"));
                return 0;
            } catch (pastel.problem.PastelException e) {
                System.err.println("refused: " + e.getMessage());
                return 1;
            }
        }
    }
}
