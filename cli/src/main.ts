// The `mw` command (design.md §8): human text by default, JSON with --json; exit 0 on success,
// 1 when a verification fails, 2 on unusable input.
import { runAgreement } from './commands/agreement';
import { runBackupVerify } from './commands/backup-verify';
import { runCategories } from './commands/categories';
import { runDemo } from './commands/demo';
import { runIntake } from './commands/intake';
import { runLedger } from './commands/ledger';
import { runPackage } from './commands/package';
import { runReceipt } from './commands/receipt';
import { runSeed } from './commands/seed';
import { runServer } from './commands/server';
import { runSession } from './commands/session';
import { runServe, runSignal } from './commands/signal';
import { AmbiguousError } from '../../shared/integrity/ambiguity';
import { ambiguousVerdict } from './ambiguous-verdict';
import { UsageError, type Io } from './io';
import { useNodeSha256 } from '../../node/native-sha256';

useNodeSha256();

const HELP = `mw — 解纷工作台 Mediation Workstation command line

Usage:
  mw <command> [options]

Commands:
  categories [--json]              List the 24 dispute categories with their codes, names and intake fields.
  seed --cases N --out FILE        Write a backup file of N realistic synthetic cases that the app restores
       [--seed S]                  (Settings → Backup → Restore). Same seed, same cases. Default seed: 1.
       [--admin-password P]        Password of the "admin" account (default: a random one, printed).
       [--now ISO-DATE]            Pretend today is this date (default: the real date).
       [--json]
  backup-verify FILE [--json]      Check a backup file completely (hashes, counts, every row); exit 1 if bad.
  demo --out DIR                   Write a sample institution identity (PKCS#12), a mediator certificate,
       [--passphrase P] [--json]   one case's signed evidence ledger with its files, the case's signed
                                   mediation agreement (agreement.pdf) and its judicial-confirmation
                                   package (package.zip: signed application, agreement, identity documents,
                                   evidence, ledger, certificates), made with the app's code.
  ledger verify PATH [--json]      Verify an exported evidence ledger (folder or .zip): every entry's chain
       [--institution CERT.pem]    link and file, every signed checkpoint and proof, and that a checkpoint
       [--fingerprint SHA256]      signed by the institution covers every entry; exit 1 naming the first
       [--chain-only]              entry where something breaks. --institution or --fingerprint pins the
                                   checkpoints' signer; --chain-only accepts entries no signed checkpoint
                                   covers (nothing authenticates them). Also verifies a single exported
                                   item (item.json): its checkpoint's signature, inclusion proof and file.
  agreement verify FILE [--json]   Verify a signed mediation agreement (PDF): the mediator's signature, then
       [--institution CERT.pem]    the institution's over the whole file, the mediator's certificate issued
                                   by the institution's, and with --institution that the institution's
                                   certificate is the trusted one; exit 1 naming the failed check.

  package verify FILE [--json]     Verify a judicial-confirmation package (.zip) as the court clerk does: the
       [--institution CERT.pem]    institution's signature on manifest.json, every file's size and SHA-256,
       [--received YYYY-MM-DD]     SHA256SUMS, the agreement's PDF signatures, the ledger (chain, signed
       [--extract DIR]             checkpoint, inclusion proofs), the legal checklist and the 30-day deadline
                                   (received today unless --received); --extract writes the files into a new
                                   folder. Exit 1 naming the failed check, 2 for a damaged or hostile zip.
  intake --port P --dir D          Serve the court's intake endpoint: POST /intake with a package zip (streamed
       [--host H] [--max-mib N]    to D, at most N MiB, default 8192) answers JSON {packageSha256, verdict,
       [--institution CERT.pem]…   problems} from the same verification; the same package twice is stored
       [--trust-dir DIR] [--json]  once and gets the same answer (GET /intake/SHA256 returns it without
                                   uploading again). Each --institution and every certificate file in DIR
                                   is a registered institution: with any, only their packages are kept.
                                   Host 127.0.0.1 unless --host; until Ctrl+C.
  receipt verify RECEIPT.json      Verify a court's signed receipt: receipt.p7s over receipt.json, the court's
       --p7s RECEIPT.p7s           certificate (--court), the package it answers (--package FILE.zip or
       [--court CERT.pem]          --package-sha256 HEX) and the signed ruling PDF (--ruling); exit 1 naming
       [--package FILE.zip]        each failed check.
       [--ruling RULING.pdf] [--json]
  signal --port P --secret-file F  Run the signaling server of video sessions (WebSocket at /signal) until
       [--host H]                  Ctrl+C or SIGTERM; host 127.0.0.1 unless --host says otherwise (put a TLS
       [--ice-servers FILE]        proxy in front for the internet: docs/signaling.md). F holds the token
       [--web-root DIR]            secret, at least 32 bytes; FILE is a JSON list of STUN/TURN servers;
       [--trust-proxy] [--json]    DIR (the built dist/) is served for the party join page; --trust-proxy
                                   counts connections per X-Forwarded-For address (behind your proxy only).
  serve --port P --web-root DIR    The server of \`npm start\` in browser mode: the web app, /signal and the
       [--host H] [--any-port]     workstation's token endpoints, court-intake relay and link to its center
                                   server (/center-link, pinned certificate), loopback only, on one
       [--secret-file F]           port; host 0.0.0.0 unless --host says otherwise. F (default:
       [--ice-servers FILE]        MW_SIGNAL_SECRET_FILE, else signal.secret in the per-user data folder or
       [--intake-dir D]            MW_DATA_DIR) is created on first run. --any-port takes a free port when P
       [--json]                    is in use. --intake-dir D: a court's workstation also receives packages at
                                   /intake (as mw intake does), kept in D for the clerk's inbox, with
                                   --institution CERT.pem… / --trust-dir DIR (or MW_INTAKE_TRUST_DIR)
                                   as its trust list.
  session tokens --secret-file F   Mint one participant token per role (mediator, applicant, respondent,
       --session S --roles R,…     agent, interpreter, observer) for session S, signed with the signaling
       [--names N,…] [--ttl SEC]   server's secret and valid for --ttl seconds (default 3600); --names in
       [--json]                    the order of --roles (default: the roles' Chinese names).

  server migrate                   The center server (docs/server.md): apply its PostgreSQL migrations as the
       --database-url OWNER_URL    schema's owner (or MW_OWNER_DATABASE_URL) and grant the application's role
       [--app-role mw_app]         (default mw_app, or MW_APP_ROLE) what it may do; each migration once, in order.
  server start                     Run the server's HTTP JSON API as the application's role (--database-url or
       (--tls-cert F --tls-key F   MW_DATABASE_URL), with its own TLS certificate or plain HTTP on 127.0.0.1
        | --behind-tls-proxy)      behind a TLS proxy; port 8780 unless --port (or MW_SERVER_PORT); until Ctrl+C.
       [--host H] [--port P] [--pool-size N] [--json]
       [--files-dir DIR]           Stored files and uploads there (or MW_FILES_DIR); none without it.
       [--max-file-bytes 4G]       The largest file accepted; --files-reserve-bytes (1G): free space kept.
  server create-institution        Create an institution of a kind (mediation, legal_service, court,
       --kind K --name N           justice_bureau) and its first administrator; the password is read from the
       --credit-code C             file's first line, or generated and printed once.
       --area-code A [--address ADDR] --admin-username U --admin-name NAME [--admin-password-file F] [--json]

Options:
  -h, --help                       Show this help.

Exit status: 0 success, 1 a verification failed, 2 unusable input.
`;

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  categories: runCategories,
  seed: runSeed,
  'backup-verify': runBackupVerify,
  ledger: runLedger,
  demo: runDemo,
  agreement: runAgreement,
  package: runPackage,
  intake: runIntake,
  receipt: runReceipt,
  signal: runSignal,
  serve: runServe,
  session: runSession,
  server: runServer,
};

export async function main(argv: readonly string[], io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(HELP);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    io.out(HELP);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`mw: unknown command "${command}". Run "mw --help" for the list of commands.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`mw ${command}: ${error.message}\n`);
      return 2;
    }
    // Found by a reader before any report exists (a ledger's JSON, a zip's names): a failed verification.
    if (error instanceof AmbiguousError) return ambiguousVerdict(command, rest, error, io);
    throw error;
  }
}
