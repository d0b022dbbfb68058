package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FerryTest {

  @Test
  void help_listsTheSubcommandsAndExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("Usage: ferry [-hV] [--verbose] [COMMAND]")
        .contains("  run                  Run a task of your classpath on the embedded executor")
        .contains("  inspect              Prints any Flyte document")
        .contains("  execute              Run one attempt of a task inside a Flyte task pod")
        .contains("  generate-completion  Generate bash/zsh completion script for ferry.")
        .contains("  0    done")
        .contains("  2    wrong arguments")
        .contains("  70   internal error");
  }

  @Test
  void executeHelp_listsTheContainerFlags() {
    CliRun run = CliRun.of("execute", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("Usage: ferry execute")
        .contains("--inputs=URI")
        .contains("--output-prefix=URI")
        .contains("--raw-output-data-prefix=URI")
        .contains("--checkpoint-path=URI")
        .contains("--prev-checkpoint=URI")
        .contains("--task=CLASS#FIELD")
        .contains("FLYTE_FAIL_ON_ERROR");
  }

  @Test
  void inspectHelp_listsEveryOption() {
    CliRun run = CliRun.of("inspect", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("Usage: ferry inspect [-hV] [--raw] [--verbose] [--as=KIND] [-cp=PATH]")
        .contains("[--type=CLASS] [--var=NAME] PATH|URI")
        .contains("--as=KIND")
        .contains("literal-map, error, literal, type, task-template,")
        .contains("--raw")
        .contains("--type=CLASS")
        .contains("--var=NAME")
        .contains("-cp, --classpath=PATH")
        .contains("--verbose")
        .contains("PATH|URI");
  }

  @Test
  void packageHelp_listsEveryOption() {
    CliRun run = CliRun.of("package", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("Usage: ferry package ")
        .contains("files --archive`")
        .contains("--image=REF|auto")
        .contains("--base-image=REF|TAR")
        .contains("--image-out=REPO|FILE.tar")
        .contains("--image-name=REPO")
        .contains("--project=P")
        .contains("--domain=D")
        .contains("--version=V")
        .contains("-cp, --classpath=PATH")
        .contains("--scan=PATH")
        .contains("--launcher=CMD")
        .contains("--ferry-classpath=PATH")
        .contains("-o, --output=FILE")
        .contains("eclipse-temurin:17-jre")
        .contains("registration placeholders");
    assertThat(CliRun.of("--help").out()).contains("  package ");
  }

  @Test
  void noSubcommand_isAUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("Missing required subcommand\nUsage: ferry");
  }

  @Test
  void unknownSubcommand_isAUsageError() {
    CliRun run = CliRun.of("launch");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("Unmatched argument at index 0: 'launch'");
  }

  @Test
  void generateCompletion_printsABashScript() {
    CliRun run = CliRun.of("generate-completion");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("complete -F _complete_ferry").contains("inspect");
  }
}
