package dev.ferry.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Returns the version of the {@code cli} jar (its manifest), or "development" when run from
 * classes.
 */
final class FerryVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Ferry.class.getPackage().getImplementationVersion();
    return new String[] {"ferry " + (version == null ? "development" : version)};
  }
}
