package io.flep.workers.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code flep audit}: the parties' audit chains. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = {AuditVerifyCommand.class},
    description = {"The parties' audit chains: every security-relevant event a party",
        "takes part in (keys issued, sealed, unsealed; contributions signed;",
        "decryptions; policy verifications; refusals), appended to its own",
        "store, hash-chained and signed with its identity key."})
public final class AuditCommand implements Runnable {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
